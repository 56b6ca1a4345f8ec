"""Reading policy files: their bytes, with errors for people, and the one rule for "is this a PDF (or a DOCX)?"."""

from __future__ import annotations

from pathlib import Path

from policyvc.parser.errors import PolicyError

# Like Acrobat, a PDF's `%PDF-` header may follow some junk (a BOM, a mail header) within the first KB.
PDF_HEADER = b"%PDF-"
PDF_HEADER_SEARCH = 1024


def is_pdf(data: bytes) -> bool:
    """Whether these bytes (the whole file or at least its first KB) are a PDF: ``%PDF-`` within the first KB."""
    return PDF_HEADER in data[:PDF_HEADER_SEARCH]


def is_pdf_file(path: str | Path) -> bool:
    """A ``.pdf`` name or PDF content: read it as a PDF (the sandbox's pre-checks say what is wrong with it)."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as fh:
            return is_pdf(fh.read(PDF_HEADER_SEARCH))
    except OSError:
        return False


ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc, or an encrypted (password-protected) DOCX


def looks_like_docx(head: bytes) -> bool:
    """Whether a file starting with ``head`` is to be read as a Word document: a zip archive, or an OLE
    compound file (an old ``.doc`` or an encrypted DOCX, refused with a message saying so)."""
    return head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC)


def is_docx_file(path: str | Path) -> bool:
    """Zip content (or an old binary Word file): read it as a Word document (its reader says what is wrong)."""
    try:
        with Path(path).open("rb") as fh:
            return looks_like_docx(fh.read(8))
    except OSError:
        return False


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a policy file, or a :class:`PolicyError` naming it and saying what is wrong."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise PolicyError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise PolicyError("is a directory, expected a policy file", source=str(path)) from None
    except OSError as exc:
        raise PolicyError(f"cannot read the file ({exc.strerror})", source=str(path)) from None
