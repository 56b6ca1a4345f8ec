"""STAND-IN for the PDF extraction core (branch ``pdf`` owns the real module; the lead takes that one at merge).

Only the public API is fixed here so that the sandbox (``pdf_guard``), the
extraction cache and ``build`` can be written and tested against it.  It reads
the plain layout of ``tests/policypdf.py``: one PDF line per text line, table
cells separated by wide gaps (one gap step per tab), blank lines as empty line
steps, a page break as one blank line.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pdfplumber.pdf

__all__ = ["Extraction", "LineOrigin", "extract", "extract_document"]

_TAB_STEP = 30.0  # points of horizontal gap that stand for one tab
_MIN_TAB_GAP = 18.0
_SPACE_STEP = 2.0  # points of indentation that stand for one leading space


@dataclass(frozen=True, slots=True)
class LineOrigin:
    """Where one line of extracted text sits: page (1-based) and bounding box in points."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Extraction:
    """Policy text as ``parse_text`` reads it, the origin of each line, and the page count."""

    text: str
    origins: tuple[LineOrigin | None, ...]
    pages: int


def _page_lines(words: list[dict[str, Any]], page_no: int, left: float) -> list[tuple[str, LineOrigin | None]]:
    rows: dict[float, list[dict[str, Any]]] = {}
    for w in words:
        rows.setdefault(round(float(w["top"]), 1), []).append(w)
    tops = sorted(rows)
    steps = [b - a for a, b in itertools.pairwise(tops)]
    pitch = min(steps) if steps else 1.0
    out: list[tuple[str, LineOrigin | None]] = []
    for i, top in enumerate(tops):
        if i:
            out.extend(("", None) for _ in range(round((top - tops[i - 1]) / pitch) - 1))
        row = sorted(rows[top], key=lambda w: float(w["x0"]))
        lead = float(row[0]["x0"]) - left
        tabs = round(lead / _TAB_STEP) if lead >= _MIN_TAB_GAP else 0
        text = "\t" * tabs + " " * round((lead - tabs * _TAB_STEP) / _SPACE_STEP)
        for j, w in enumerate(row):
            if j:
                gap = float(w["x0"]) - float(row[j - 1]["x1"])
                text += "\t" * max(1, round(gap / _TAB_STEP)) if gap >= _MIN_TAB_GAP else " "
            text += str(w["text"])
        origin = LineOrigin(page_no, float(row[0]["x0"]), top, float(row[-1]["x1"]), float(row[-1]["bottom"]))
        out.append((text, origin))
    return out


def extract_document(pdf: pdfplumber.pdf.PDF, source: str) -> Extraction:
    """Extract the policy text of an opened PDF (stand-in: see the module docstring)."""
    pages = [p.extract_words(keep_blank_chars=False, use_text_flow=True, x_tolerance=1.5) for p in pdf.pages]
    left = min((float(w["x0"]) for ws in pages for w in ws), default=0.0)
    lines: list[tuple[str, LineOrigin | None]] = []
    for n, words in enumerate(pages, start=1):
        if lines:
            lines.append(("", None))
        lines.extend(_page_lines(words, n, left))
    texts = _pad_rows([t for t, _ in lines])
    return Extraction("\n".join(texts) + "\n", tuple(o for _, o in lines), len(pdf.pages))


def _pad_rows(texts: list[str]) -> list[str]:
    """Empty trailing cells leave no ink: give every row of a table block the cell count of its widest row."""
    out = list(texts)
    i = 0
    while i < len(out):
        if "\t" not in out[i]:
            i += 1
            continue
        j = i
        while j < len(out) and out[j].strip():  # a row of one wide cell has no tab: the block ends at a blank line
            j += 1
        cells = max(t.count("\t") for t in out[i:j])
        for k in range(i, j):
            out[k] += "\t" * (cells - out[k].count("\t"))
        i = j
    return out


def extract(path: Path) -> Extraction:
    """Open ``path`` with pdfplumber (never ``repair=True``: that runs Ghostscript) and extract it in-process."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return extract_document(pdf, str(path))
