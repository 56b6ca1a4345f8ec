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
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

from policyvc.parser.errors import PolicyError
from policyvc.parser.files import is_pdf, read_bytes
from policyvc.parser.hygiene import INVISIBLE, decode_policy_bytes, escape_invisible
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


_INV = "[" + "".join(sorted(INVISIBLE)) + "]"
# a date as documents write them (03.26.26, 3/26/2026, 2026-03-26) with invisible characters anywhere inside
_DATE_TOKEN = re.compile(rf"(?:\d|{_INV})+(?:[./-](?:\d|{_INV})+){{1,2}}")


def check_identity(data: bytes, label: str) -> None:
    """Refuse a text source whose reference number or a date holds an invisible format character.

    The parser removes such characters (and notes it), but in the fields a version is filed and found by, what a
    reader sees must be what is filed: ``CP.PHAR.\\u202e592`` displays as CP.PHAR.295 and would be filed as
    CP.PHAR.592.  (PDF and DOCX sources: their text is checked by the parser's note only.)
    """
    from policyvc.parser.docx import looks_like_docx

    if is_pdf(data) or looks_like_docx(data[:8]):
        return
    text, _ = decode_policy_bytes(data, label)
    if text.isascii() or INVISIBLE.isdisjoint(text):  # (one pass in C, not a generator over every character)
        return
    for number, line in enumerate(text.split("\n"), 1):
        hidden = [c for c in line if c in INVISIBLE]
        if not hidden:
            continue
        kinds = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in hidden))
        visible = "".join(c for c in line if c not in INVISIBLE)
        if "reference number" in visible.casefold():
            what = "the reference number"
        elif any(any(c in INVISIBLE for c in m.group()) for m in _DATE_TOKEN.finditer(line)):
            what = "a date"
        else:
            continue
        raise PolicyError(
            f"{what} holds invisible format characters ({kinds}): what a reader sees is not what would be filed "
            f"(`{escape_invisible(line.strip())[:120]}`); remove them",
            source=label,
            line=number,
        )


MAX_PDF_STREAM_MB = 256  # a PDF read from a pipe is held whole: bounded like the extraction's answer
_CHUNK = 1 << 20


def read_stream(stream: BinaryIO, label: str = "<stdin>") -> bytes:
    """A policy from a stream (standard input), read in chunks and never past the limit.

    Text may be ``$POLICYVC_MAX_TEXT_MB`` (default 5 MB), a PDF (``%PDF-`` within the first KB) 256 MB, a DOCX
    ``$POLICYVC_MAX_DOCX_MB`` (default 50 MB); a stream that goes on (``yes |``, ``/dev/zero``) is refused once it
    passes the limit, holding at most that much.
    """
    from policyvc.parser.files import PDF_HEADER_SEARCH
    from policyvc.parser.hygiene import ENV_MAX_TEXT_MB, max_text_bytes

    buf = bytearray()
    while len(buf) < PDF_HEADER_SEARCH:
        chunk = stream.read(PDF_HEADER_SEARCH - len(buf))
        if not chunk:
            return bytes(buf)
        buf += chunk
    from policyvc.parser.docx import looks_like_docx, max_docx_bytes

    pdf, docx = is_pdf(bytes(buf)), looks_like_docx(bytes(buf[:8]))
    limit = MAX_PDF_STREAM_MB << 20 if pdf else max_docx_bytes() if docx else max_text_bytes()
    while len(buf) <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
    if pdf:
        why = f"a PDF of more than {MAX_PDF_STREAM_MB} MB on standard input; give it as a file"
    elif docx:
        why = f"a Word document of more than {limit / 1e6:g} MB on standard input; give it as a file"
    else:
        why = (
            f"more than {limit / 1e6:g} MB of text, over the limit for a policy; not read further "
            f"(set ${ENV_MAX_TEXT_MB} to raise the limit)"
        )
    raise PolicyError(why, source=label)


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

    check_identity(data, label)
    with tempfile.TemporaryDirectory(prefix="policyvc-") as tmp:
        path = Path(tmp) / source_name(data)
        path.write_bytes(data)
        try:
            report = parse_file_report(path, recover=recover, cache_dir=cache_dir).single(label)
            policy = report.policy
            skipped = tuple(d.format(label) for d in report.diagnostics if d.severity == "error")
        except PolicyError as exc:
            exc.source = label
            raise
    return dataclasses.replace(policy, source_name=stored_as or label), skipped
