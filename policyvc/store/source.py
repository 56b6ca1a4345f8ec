"""Policy sources as bytes: what they are called in the store, their hash, and parsing them.

A version keeps the original bytes of its source (``policy.txt``,
``policy.pdf`` or ``policy.docx``).  Sources reach us as files or as git blobs, so parsing goes
through bytes: they are written to a private temporary file and read by
:func:`policyvc.parser.parse_file`, the one entry point that knows every input
format (text now, PDF from the extraction stage), while error messages keep
naming the place the user knows (``policy.txt``, ``repo:path@commit``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from pathlib import Path

from policyvc.parser.errors import PolicyError
from policyvc.parser.files import is_pdf, read_bytes
from policyvc.parser.nodes import Policy

TEXT_NAME = "policy.txt"
PDF_NAME = "policy.pdf"
DOCX_NAME = "policy.docx"
POLICY_NAMES = (TEXT_NAME, PDF_NAME, DOCX_NAME)


def source_name(data: bytes) -> str:
    """The file name a source is stored under: ``policy.pdf``, ``policy.docx``, else ``policy.txt``."""
    from policyvc.parser.docx import is_docx

    return PDF_NAME if is_pdf(data) else DOCX_NAME if is_docx(data) else TEXT_NAME


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path) -> bytes:
    """The bytes of a policy file, or a :class:`PolicyError` naming it."""
    return read_bytes(path)


def parse_source(data: bytes, label: str, stored_as: str = "", *, cache_dir: Path | None = None) -> Policy:
    """Parse source bytes; errors name ``label``; the AST records ``stored_as`` (or ``label``) as its source.

    ``cache_dir``: the PDF extraction cache (keyed by content, so the temporary name does not matter).
    """
    return parse_source_report(data, label, stored_as, cache_dir=cache_dir)[0]


def parse_source_report(
    data: bytes, label: str, stored_as: str = "", *, cache_dir: Path | None = None, recover: bool = False
) -> tuple[Policy, tuple[str, ...]]:
    """:func:`parse_source`, and with ``recover`` what could not be read (one line per region, naming ``label``)."""
    from policyvc.parser import parse_file_report

    with tempfile.TemporaryDirectory(prefix="policyvc-") as tmp:
        path = Path(tmp) / source_name(data)
        path.write_bytes(data)
        try:
            report = parse_file_report(path, recover=recover, cache_dir=cache_dir)
            policy = report.policy
            skipped = tuple(d.format(label) for d in report.diagnostics if d.severity == "error")
        except PolicyError as exc:
            exc.source = label
            raise
    return dataclasses.replace(policy, source_name=stored_as or label), skipped
