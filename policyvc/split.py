"""``policyvc split``: a binder (one file holding several policies) written as one file per policy.

A text is cut where each policy starts (:mod:`policyvc.parser.binder`), every line kept; a PDF or DOCX is cut
in the normalised text ``policyvc extract`` gives.  Each part is named by its reference number as the store
files it (checked whole: capital letters and digits in dot-separated parts, ``CP.PHAR.571``), never by text of
the policy taken as a path; a part that states none is ``policy-N``.  Nothing is written when a target already
exists (unless ``force``), and every file is written atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policyvc.errors import PolicyError

__all__ = ["Part", "Split", "split_file", "split_text"]

_SAFE_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+|policy-\d{1,4}")


@dataclass(frozen=True, slots=True)
class Part:
    """One policy of the binder: the file it goes to, its lines in the source text and what its head names."""

    path: Path
    first_line: int
    last_line: int
    reference: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Split:
    """What splitting a file gives: its parts (one part: nothing to split)."""

    source: str
    parts: tuple[Part, ...]


def _name(reference: str, n: int) -> str:
    """A file name for part ``n`` (1-based): its reference as the store files it, checked whole, else ``policy-N``."""
    from policyvc.store.meta import given_reference

    key = ""
    if reference:
        try:
            key = given_reference(reference.strip(), source="<reference>")
        except PolicyError:
            key = ""
    name = key or f"policy-{n}"
    if _SAFE_NAME.fullmatch(name) is None:  # (never a path or a dot-file: full-match checked once more)
        name = f"policy-{n}"
    return name


def split_text(text: str, source: str, out: Path, suffix: str = ".txt") -> Split:
    """The parts of ``text`` (a binder's text), each with the path in ``out`` it is to be written to."""
    from policyvc.parser.binder import policy_starts
    from policyvc.parser.hygiene import strip_invisible

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    binder = policy_starts(strip_invisible(text)[0])
    texts = binder.parts(text)
    total = len(text.split("\n"))
    ends = [s.line - 1 for s in binder.starts[1:]] + [total]
    names: dict[str, int] = {}
    parts = []
    for n, (start, end, part) in enumerate(zip(binder.starts, ends, texts, strict=True), start=1):
        name = _name(start.reference, n)
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:  # (the same reference twice: two versions of one policy)
            name = f"{name}~{names[name]}"
        parts.append(Part(out / f"{name}{suffix}", start.line, end, start.reference, start.title, part))
    return Split(source, tuple(parts))


def file_text(path: Path) -> str:
    """The text a file is split in: a text file's own, a PDF's or a DOCX's as ``policyvc extract`` gives it."""
    from policyvc.parser import read_text
    from policyvc.parser.files import is_docx_file, is_pdf_file

    if is_pdf_file(path) or is_docx_file(path):
        from policyvc.parser.normalize import normalize

        if is_pdf_file(path):
            from policyvc.parser import extract_pdf

            raw = extract_pdf(path).text
        else:
            from policyvc.parser.docx import read_docx

            raw = read_docx(path).text
        return normalize(raw).text
    return read_text(path)


def split_file(path: Path, out: Path | None = None, *, force: bool = False, write: bool = True) -> Split:
    """Split the binder at ``path`` into ``out`` (default: the file's folder): one text file per policy.

    A target that exists is an error naming it (``force``: replace it); with one policy nothing is written."""
    from policyvc.atomic import write_text

    folder = out if out is not None else path.parent
    result = split_text(file_text(path), str(path), folder)
    if len(result.parts) < 2 or not write:
        return result
    if folder.exists() and not folder.is_dir():
        raise PolicyError("is a file, expected a folder to write the policies into", source=str(folder))
    if not force:
        for part in result.parts:
            if part.path.exists() or part.path.is_symlink():
                raise PolicyError(
                    "already exists: nothing written (--force replaces it, or choose another folder with -o)",
                    source=str(part.path),
                )
    folder.mkdir(parents=True, exist_ok=True)
    for part in result.parts:
        if part.path.is_symlink():
            raise PolicyError("is a symbolic link: not written through", source=str(part.path))
        write_text(part.path, part.text)
    return result
