"""Typeset a text policy as a PDF with reportlab (tests and benchmarks).

Where branch ``pdf``'s Word-like generator (``tests/pdfgen.py``) is present, it
is used: the real extractor in ``parser/pdf.py`` reads what it writes.  Without
it (branch ``safety`` alone), a plain layout read by the stand-in
``parser/pdf.py``: one PDF line per text line on a wide page (nothing wraps),
table cells at a gap of one tab step, blank lines as empty line steps, page
breaks at blank lines.
"""

from __future__ import annotations

import os
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "Vera"  # shipped inside reportlab; covers ® – ’ ² ≥ ≤ ‡
SIZE = 6.0
PITCH = 8.0
TAB_STEP = 30.0
MARGIN = 36.0
INDENT = 2.0  # points per leading space (well under a tab step)


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
    return FONT


def _pages(lines: list[str], per_page: int) -> list[list[str]]:
    """Split at a blank line (which the page break stands for) once a page holds ``per_page`` lines."""
    pages: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        prev_ok = i > 0 and lines[i - 1].strip() != ""
        next_ok = i + 1 < len(lines) and lines[i + 1].strip() != ""
        if not line.strip() and len(pages[-1]) >= per_page and prev_ok and next_ok:
            pages.append([])
            continue
        pages[-1].append(line)
    return pages


def policy_pdf(text: str, path: Path, *, variant: int = 0) -> Path:
    """Write ``text`` to ``path`` as a PDF; returns ``path``.

    ``variant`` > 0 appends a PDF comment after ``%%EOF``: other bytes (another content hash), the same text.
    """
    try:
        from pdfgen import make_pdf  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        plain_pdf(text, path)
    else:
        source = path.with_name(path.name + ".txt")
        source.write_text(text, encoding="utf-8")
        make_pdf(source, path)
        source.unlink()
    if variant:
        with path.open("ab") as fh:
            fh.write(b"%% variant %d\n" % variant)
    return path


def plain_pdf(text: str, path: Path, *, lines_per_page: int = 120, encrypt: object = None) -> Path:
    """The plain layout (see the module docstring); ``encrypt``: a password or reportlab's ``StandardEncryption``."""
    font = _font()
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)  # the text's leading blank lines have no place on a page
    pages = _pages(lines, lines_per_page)
    width = MARGIN * 2 + max(
        sum(pdfmetrics.stringWidth(cell, font, SIZE) + TAB_STEP for cell in line.split("\t")) for line in lines
    )
    height = MARGIN * 2 + PITCH * max(len(p) for p in pages)
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=True, encrypt=encrypt)  # invariant: same bytes
    for page in pages:
        c.setFont(font, SIZE)
        y = height - MARGIN
        for line in page:
            x = MARGIN + INDENT * (len(line) - len(line.lstrip(" ")))
            for k, cell in enumerate(line.split("\t")):
                if k:
                    x += TAB_STEP  # a tab: one gap step, even after an empty cell
                cell = " ".join(cell.split())
                if cell:
                    c.drawString(x, y, cell)
                    x += pdfmetrics.stringWidth(cell, font, SIZE)
            y -= PITCH
        c.showPage()
    c.save()
    return path
