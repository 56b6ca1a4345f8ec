"""The one boundary with pdfplumber: PDF pages → our own plain frozen types → policy text.

Each page is parsed once (pdfminer turning characters into dicts is most of
the cost); its words — with positions, font name and size — and its ruling
lines are copied into :class:`Word` and :class:`Rule` records, and everything
after that (``pdf_geometry``) is pure functions over those records.

    >>> from policyvc.parser.pdf import extract
    >>> extraction = extract(Path("policy.pdf"))
    >>> extraction.text          # what parse_text reads
    >>> extraction.origins[41]   # where line 42 of that text came from (page, bbox)

:class:`Extraction` holds plain fields only, so it pickles across the process
boundary of the extraction sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.lazy_re import lazy
from policyvc.parser.heading_marks import HeadingMark
from policyvc.parser.markers import GLUED_MARKER
from policyvc.parser.pdf_geometry import PageContent, Rule, Word, layout
from policyvc.parser.pdf_title import lost_head

if TYPE_CHECKING:  # pdfplumber is imported only when a PDF is read
    from collections.abc import Callable

    import pdfplumber.page
    import pdfplumber.pdf

__all__ = ["Extraction", "LineOrigin", "extract", "extract_document", "read_page"]

# Words split at gaps wider than this (points).  pdfplumber's default (3 pt) is about
# one space in a 10-pt font, so justified or word-by-word text would run together.
_X_TOLERANCE = 1.5
_Y_TOLERANCE = 2.0
# Where a glued marker's text is placed: a space after the marker (× size), wider than the layout's
# word gap (``pdf_geometry._SPACE_GAP``) so the two read as a marker and its text.
_GLUED_SPACE = 0.25
# A letter's marker (``G.``, ``b.``) glued to a capital word by a tab stop too close for the word gap, and the gap
# after its dot (× size) that tells it from a name's initial set as one word: a tab's, never a letter's kerning.
_LETTER_MARK = lazy(r"^([A-Za-z]\.)(?=[A-Z][a-z])")
_LETTER_GAP = 0.08
# Ruling lines shorter than this are glyph parts, underlines of a word or logo edges.
_MIN_RULE = 12.0


@dataclass(frozen=True, slots=True)
class LineOrigin:
    """Where a line of extracted text came from: 1-based page and bounding box (points, top-down)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Extraction:
    """Policy text as ``parse_text`` reads it; ``origins[i]`` is where line ``i + 1`` came from
    (``None`` for synthesised lines such as blank separators); ``headings``: the lines the fonts print as
    headings, with their levels, for the outline reader (:func:`~policyvc.parser.heading_marks.mark_headings`)."""

    text: str
    origins: tuple[LineOrigin | None, ...]
    pages: int
    headings: tuple[HeadingMark, ...] = ()  # the headings its fonts rank (:mod:`~policyvc.parser.pdf_headings`)
    # what the reading supplied that the page did not print (a lost first line given back from the PDF's title):
    # each becomes a warning of the parse, so no such line is a silent guess
    notes: tuple[str, ...] = ()


def _style(fontname: str) -> tuple[bool, bool]:
    name = fontname.split("+", 1)[-1].lower()  # drop the subset prefix "ABCDEF+"
    bold = any(k in name for k in ("bold", "black", "heavy", "semibold", "demi"))
    italic = any(k in name for k in ("italic", "oblique", "-it", "slanted"))
    return bold, italic


def read_page(page: pdfplumber.page.Page, number: int) -> PageContent:
    """Copy one page's words and ruling lines into plain records (the page is parsed once)."""
    from pdfplumber.utils.text import extract_words

    styles: dict[str, tuple[bool, bool]] = {}
    words = []
    chars = list(page.chars)
    layers = _overlaid(chars)
    groups: list[tuple[int, list[dict[str, Any]]]] = [(0, [c for k, c in enumerate(chars) if k not in layers])]
    for layer in sorted(set(layers.values())):
        groups.append((layer, [c for k, c in enumerate(chars) if layers.get(k) == layer]))
    for layer, group in groups:
        for w in extract_words(
            group,
            x_tolerance=_X_TOLERANCE,
            y_tolerance=_Y_TOLERANCE,
            keep_blank_chars=False,
            use_text_flow=False,
            extra_attrs=["fontname", "size"],
            return_chars=True,
        ):
            if not w.get("upright", True):
                continue  # rotated text (stamps, margin notes) is not part of the policy
            font = str(w["fontname"])
            if font not in styles:
                styles[font] = _style(font)
            bold, italic = styles[font]
            top, bottom, size = float(w["top"]), float(w["bottom"]), float(w["size"])
            for text, x0, x1 in _unglued(str(w["text"]), w["chars"], size):
                words.append(Word(text, x0, x1, top, bottom, size, bold, italic, layer))
    words.extend(_drawn_bullets(page, words))
    rules = []
    for e in _edges(page):
        x0, x1, top, bottom = float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"])
        if max(x1 - x0, bottom - top) >= _MIN_RULE:
            rules.append(Rule(x0, x1, top, bottom))
    boxes = [
        Rule(float(r["x0"]), float(r["x1"]), float(r["top"]), float(r["bottom"]))
        for r in page.rects
        if r.get("fill")
        and not r.get("stroke")
        and min(float(r["x1"]) - float(r["x0"]), float(r["bottom"]) - float(r["top"])) > 2.0
    ]
    return PageContent(number, float(page.width), float(page.height), tuple(words), tuple(rules), tuple(boxes))


_OVERLAP = 2.0  # points two runs of text on one line share before one reads as printed over the other


def _overlaid(chars: list[dict[str, Any]]) -> dict[int, int]:
    """The characters of each run of text printed over another on the same line, by index, and the run's number
    (from 1): a run is the characters the page's stream sets one after another along a line, and two runs of a
    line overlap when the stream went back over text it had set (a browser's fixed running header printed over
    the page's first line, ``Samaritan Health …`` across ``04/16/2026 Annual review; …``): read as one, their
    letters interleave into nonsense.  Empty on almost every page (runs side by side, never over each other)."""
    runs: list[tuple[float, float, float, float, list[int]]] = []  # (top, bottom, x0, x1, indices)
    for k, c in enumerate(chars):
        top, bottom, x0, x1 = float(c["top"]), float(c["bottom"]), float(c["x0"]), float(c["x1"])
        if runs and abs(runs[-1][0] - top) <= _Y_TOLERANCE and runs[-1][3] - _OVERLAP <= x0:
            run_top, run_bottom, run_x0, run_x1, ks = runs[-1]
            ks.append(k)
            runs[-1] = (run_top, max(run_bottom, bottom), run_x0, max(run_x1, x1), ks)
        else:
            runs.append((top, bottom, x0, x1, [k]))
    out: dict[int, int] = {}
    if len(runs) < 2:
        return out
    order = sorted(range(len(runs)), key=lambda r: runs[r][0])
    over: set[int] = set()
    for n, i in enumerate(order):
        a = runs[i]
        for j in order[n + 1 :]:
            b = runs[j]
            if b[0] >= a[1]:
                break  # (below this run: no later one overlaps it)
            # (one line: the runs overlap by half the lower's height, as the line grouping reads them)
            one_line = min(a[1], b[1]) - max(a[0], b[0]) >= 0.5 * min(a[1] - a[0], b[1] - b[0])
            if one_line and min(a[3], b[3]) - max(a[2], b[2]) > _OVERLAP:
                over.update((i, j))
    for n, r in enumerate(sorted(over), start=1):
        for k in runs[r][4]:
            out[k] = n
    return out


def _unglued(text: str, chars: list[dict[str, Any]], size: float) -> list[tuple[str, float, float]]:
    """A word's text and extent — two words where a list marker is set flush against its text
    (:data:`~policyvc.parser.markers.GLUED_MARKER`: ``(iii)Documented``, the tab after a label too wide
    for its tab stop gone).  The text is placed a space after the marker, so the line reads a marker
    and its text as it does everywhere else."""
    m = GLUED_MARKER.match(text)
    if (
        m is None
        and len(chars) == len(text)
        and (tab := _LETTER_MARK.match(text)) is not None
        and float(chars[2]["x0"]) - float(chars[1]["x1"]) >= _LETTER_GAP * size
    ):  # (a letter's marker, ``G.The``: glued only where a tab's gap stands after its dot — ``J.Smith`` has none)
        m = tab
    if m is None or len(chars) != len(text):
        return [(text, float(chars[0]["x0"]), float(chars[-1]["x1"]))]
    n = len(m.group(1))
    mark_end = float(chars[n - 1]["x1"])
    rest_x0 = max(float(chars[n]["x0"]), mark_end + _GLUED_SPACE * size)
    return [(text[:n], float(chars[0]["x0"]), mark_end), (text[n:], rest_x0, float(chars[-1]["x1"]))]


def _drawn_bullets(page: pdfplumber.page.Page, words: list[Word]) -> list[Word]:
    """List bullets drawn as shapes (a browser's ``<ul>`` discs, circles and squares) as ``•`` words.

    A bullet is a small, nearly square shape standing left of a word and level with its middle,
    at most half the word's font size across.
    """
    shapes = [*page.curves, *(r for r in page.rects if float(r["x1"]) - float(r["x0"]) > 2.0)]
    out = []
    for c in shapes:
        x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
        w, h = x1 - x0, bottom - top
        if not (1.0 <= w <= 8.0 and abs(w - h) <= 0.25 * max(w, h)):
            continue
        mid = (top + bottom) / 2
        beside = [t for t in words if t.top < mid < t.bottom and 0 < t.x0 - x1 <= 3 * t.size and w <= 0.6 * t.size]
        if beside:
            word = min(beside, key=lambda t: t.x0)
            out.append(Word("•", x0, x1, word.top, word.bottom, word.size, False, False))
    return out


def _edges(page: pdfplumber.page.Page) -> list[dict[str, Any]]:
    """Straight lines, the edges of thin rectangles (Word draws cell borders as filled bars) and thin filled
    four-cornered shapes: a browser draws the sides of an HTML ``border="1"`` table's cells (inset and outset
    borders) as bars with bevelled ends, trapezoids rather than rectangles."""
    out: list[dict[str, Any]] = list(page.lines)
    for c in page.curves:
        w, h = float(c["x1"]) - float(c["x0"]), float(c["bottom"]) - float(c["top"])
        if c.get("fill") and len(c.get("pts") or ()) <= 5 and min(w, h) <= 2.0:
            out.append(c)
    for r in page.rects:
        w, h = float(r["x1"]) - float(r["x0"]), float(r["bottom"]) - float(r["top"])
        if min(w, h) <= 2.0:  # a bar: one rule
            out.append(r)
        elif r.get("stroke") or not r.get("fill"):  # a stroked box: four rules (a filled one is a logo)
            out.extend(_rect_edges(r))
    return out


def _rect_edges(r: dict[str, Any]) -> list[dict[str, Any]]:
    x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
    return [
        {"x0": x0, "x1": x1, "top": top, "bottom": top},
        {"x0": x0, "x1": x1, "top": bottom, "bottom": bottom},
        {"x0": x0, "x1": x0, "top": top, "bottom": bottom},
        {"x0": x1, "x1": x1, "top": top, "bottom": bottom},
    ]


def extract_document(pdf: pdfplumber.pdf.PDF, source: str, progress: Callable[[int], None] | None = None) -> Extraction:
    """Extract the policy text of an opened PDF, one parse per page.

    ``source`` names the file for the caller's messages; nothing here raises on a
    well-formed PDF (a page without text simply contributes no lines).  ``progress``
    is told the number of each page as its reading starts, then ``0`` for the layout.
    """
    pages = []
    blank_first = False  # (the first page holds nothing at all: a print that may have lost its first line)
    for number, page in enumerate(pdf.pages, start=1):
        if progress is not None:
            progress(number)
        pages.append(read_page(page, number))
        if number == 1:
            blank_first = not (page.chars or page.images or page.rects or page.curves or page.lines)
        page.close()  # drop the page's cached objects: memory stays flat on long documents
    if progress is not None:
        progress(0)
    lines, headings = layout(pages)
    title = pdf.metadata.get("Title") if isinstance(pdf.metadata, dict) else None
    read = lines
    lines, headings = lost_head(
        lines, headings, title if isinstance(title, str) else None, blank_first=blank_first and len(pages) > 1
    )
    notes: tuple[str, ...] = ()
    if lines != read:
        notes = (
            f"page 1 is blank: the first line, which the print lost, was given back from the PDF's title "
            f"{' '.join(str(title).split())!r} — check it against the document",
        )
    text = "\n".join(line.text for line in lines) + "\n" if lines else ""
    origins = tuple(None if line.origin is None else LineOrigin(*line.origin) for line in lines)
    return Extraction(text, origins, len(pages), headings, notes)


def extract(path: Path) -> Extraction:
    """Open ``path`` with pdfplumber (never ``repair=True``) and extract it in this process.

    May raise whatever pdfminer raises on a broken file; untrusted files go
    through the extraction sandbox instead.
    """
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return extract_document(pdf, str(path))
