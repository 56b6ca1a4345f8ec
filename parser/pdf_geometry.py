"""From positioned words and ruling lines to policy text: pure functions, no pdfplumber.

What a Word-made policy PDF does to its text, and the rule here that undoes it:

* running header and footer (``CLINICAL POLICY`` + drug, ``Page 3 of 11``):
  lines near the top or bottom edge whose text (digits masked) comes back at
  the same height on at least half the pages, and any ``Page N of M`` there;
  ruling lines that repeat the same way go too;
* physical lines: words whose vertical extents overlap, so a raised small ®/™/‡
  joins its line; a space goes between two words only where the gap between
  them is wider than a sliver of the font size, so ``Leukine®`` stays glued;
* wrapped lines and hanging indents: a line continues the one above unless it
  starts a list item (a marker, bullet glyph or ``*`` note), changes between
  bold and regular, follows a paragraph gap, is indented past the text of the
  line above, or the line above was not full — the word-wrap test: the first
  word of this line would have fitted on the line above, so the line above
  ended by choice, not by wrapping.  The test works across page breaks too;
* tables: stacks of horizontal rules with the same extent; columns from the
  vertical rules or, without them, from the header row's left-aligned cells;
  a band between two rules is a row when its cells' lines start at the column
  starts.  Cells wrap (joined by the same word-wrap test) and hold paragraphs;
  a table that goes on at the top of the next page drops its repeated header
  row, and a row split by the page break is stitched back into one row.

The output is the text export format ``parse_text`` reads: one logical line
per paragraph, list item or note, blank lines between blocks, table rows as
tab-separated cells with a cell's further paragraphs on continuation rows
whose first cell is empty.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from policyvc.lazy_re import lazy
from policyvc.parser.furniture import mask, names_policy, print_stamp, title_drug
from policyvc.parser.heading_marks import HeadingMark
from policyvc.parser.joining import join_wrapped
from policyvc.parser.lines import Origin, PlacedLine
from policyvc.parser.markers import LABEL, NOTE_START, readings
from policyvc.parser.nodes import MarkerKind
from policyvc.parser.page_numbers import PageShape, page_number_line, page_shape
from policyvc.parser.pdf_bullets import BULLETS, nest_items
from policyvc.parser.pdf_headings import Printed, heading_levels
from policyvc.parser.written_dates import find_dates


@dataclass(frozen=True, slots=True)
class Word:
    """A word as pdfplumber found it: position in points from the page's top-left, font size and style."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False
    layer: int = 0  # >0: a run of text printed over another on its line (a browser's fixed running header)


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line (or a thin bar): horizontal when it is wider than tall."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.bottom - self.top


@dataclass(frozen=True, slots=True)
class PageContent:
    """One page in plain types: 1-based number, size, words and ruling lines."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    boxes: tuple[Rule, ...] = ()  # filled rectangles with no border: shading (a table's header cells), a logo


# --- tunables, as fractions of the font size unless said otherwise ----------------------
_SPACE_GAP = 0.15  # a gap wider than this between two words is a space
_MARKER_GAP = 0.45  # a gap this wide after a marker is a tab to the hanging indent
_PARA_EXTRA = 0.2  # a baseline distance this much (× size) over the usual line pitch is a paragraph break
_DEFAULT_PITCH = 1.25  # the line pitch (× size) when a document has too few lines to measure it
_DEFAULT_SPACE = 0.2  # the width of a space (× size) when a document has too few to measure it
_SEGMENT_GAP = 0.6  # a gap this wide inside a table row separates cells
_SIDE_GAP = 3.0  # a gap this wide in running text separates side-by-side columns
_COLUMN_GAP = 1.5  # a line with a gap this wide is set in columns (a table without rules): never a heading
_GUTTER = 1.2  # a gap at least this wide, at the same place on lines running on below each other, parts text columns
_GUTTER_LINES = 3  # lines with text both sides of a gutter enough to read its two sides as columns
_FULL = 0.75  # a column's line reaching this share of its widest is full (wrapped prose, not a table's short cells)
_NARROW = 0.6  # a column narrower than this share of the other is a side box, not a newspaper column
_RUNNING_ZONE = 0.14  # share of the page height at top and bottom where running lines live
_TOL = 2.0  # points

# List labels: numbers, single letters and roman numerals (not "Inc." or "vial." at a line start).
_LABEL = rf"\(?{LABEL}[.)]\)?"
# A word processor's legal numbering (``1.1.``, ``2.3.1.``): parts of one or two digits with a closing period
# (``1.5`` without one is a number: a dose, a version), or three parts or more without it (``3.1.2``: Word's
# multilevel numbering as a print writes it, which no dose is)
_LEGAL = r"[1-9]\d?(?:\.(?:[1-9]\d?|0)){1,4}\.|[1-9]\d?(?:\.(?:[1-9]\d?|0)){2,4}"
_BULLETS = BULLETS
_MARKER = lazy(rf"^(?:{_LABEL}|{_LEGAL})$|^[{_BULLETS}]$")
_ITEM_START = lazy(rf"^(?:(?:{_LABEL}|{_LEGAL})\s|[{_BULLETS}]|\*\S)")


# --- physical lines ------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    words: list[Word]
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    text: str = ""
    text_x: float = 0.0  # where the text starts after a hanging list marker
    body_x: float = 0.0  # where the text starts after a leading marker, however narrow the gap after it
    first_width: float = 0.0  # width of the first space-delimited word
    bold: bool = False
    italic: bool = False
    order: float = -1.0  # reading position on the page (its top, unless read later than it stands)
    right: float = 0.0  # where its text wraps when set in a column or box of its own (0: the running text's margin)
    column: bool = False  # set in one of a page's text columns (read column by column): ranked as running text

    def finish(self) -> _Line:
        ws = sorted(self.words, key=lambda w: w.x0)
        self.words = ws
        self.size = max(w.size for w in ws)
        body = [w for w in ws if w.size >= self.size * 0.8] or ws
        self.x0, self.x1 = ws[0].x0, max(w.x1 for w in ws)
        self.top, self.bottom = min(w.top for w in body), max(w.bottom for w in body)
        parts = [ws[0].text]
        first_end = ws[0].x1
        spaced = False
        for prev, w in pairwise(ws):
            gap = w.x0 - prev.x1
            if gap > _SPACE_GAP * max(prev.size, w.size):
                parts.append(" ")
                spaced = True
            elif not spaced:
                first_end = w.x1
            parts.append(w.text)
        self.first_width = first_end - self.x0
        self.text_x = self.body_x = self.x0
        if len(ws) > 1 and _MARKER.match(ws[0].text) and ws[1].x0 - ws[0].x1 > _SPACE_GAP * self.size:
            # a wide marker ("10.", "iii.") leaves less than a tab's gap before the hanging indent
            self.body_x = ws[1].x0
        # (``o`` before a tab-like gap: the bullet Word sets in Courier New for a list's second level)
        marker = _MARKER.match(ws[0].text) or ws[0].text == "o"
        if len(ws) > 1 and marker and ws[1].x0 - ws[0].x1 > _MARKER_GAP * self.size:
            self.text_x = ws[1].x0
            if ws[0].text in _BULLETS:  # any bullet glyph reads as the one the normaliser knows
                parts[0] = "•"
        self.text = "".join(parts)
        letters = [w for w in body if any(c.isalnum() for c in w.text)]
        self.bold = bool(letters) and all(w.bold for w in letters)
        self.italic = bool(letters) and all(w.italic for w in letters)
        self.order = self.top
        return self


def _physical_lines(words: list[Word], page: int) -> list[_Line]:
    """Group words into lines by vertical overlap (a superscript overlaps its line's upper half); a running
    line printed over the text (:func:`_overlaid_running`) is a line of its own."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        height = w.bottom - w.top
        for line in reversed(lines[-4:]):
            if line.words[0].layer != w.layer:
                continue
            overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
            if overlap >= 0.5 * min(height, line.bottom - line.top):
                line.words.append(w)
                if w.size >= line.size:  # a full-size word sets the line's extent
                    line.top, line.bottom, line.size = min(line.top, w.top), max(line.bottom, w.bottom), w.size
                break
        else:
            lines.append(_Line([w], page, top=w.top, bottom=w.bottom, size=w.size))
    return sorted((line.finish() for line in lines), key=lambda ln: (ln.top, ln.x0))


def _side_by_side(lines: list[_Line], page_width: float, para_gap: float) -> list[_Line]:
    """Split lines at a wide gap into a left and a right part, and read a right-hand column
    (the ``Coding Implications`` / ``Revision Log`` links beside the header fields) after the
    block of left-hand lines it stands beside: the block ends at a paragraph gap or at a line
    reaching into the right column.
    """
    out: list[_Line] = []
    pending: list[_Line] = []
    for line in lines:
        left, right = _split_wide(line, page_width)
        if pending and (
            left.bottom - out[-1].bottom > para_gap * left.size or left.x1 > min(r.x0 for r in pending) - _TOL
        ):
            out.extend(_after(out[-1], pending))
            pending = []
        out.append(left)
        if right is not None:
            pending.append(right)
    return out + (_after(out[-1], pending) if pending else [])


def _columns(lines: list[_Line], para_gap: float) -> list[_Line]:
    """Text set in columns read column by column: a newspaper's two columns (CSS ``column-count``), or a box
    floated beside the running text (an ``At a glance`` aside) read after the lines it stands beside.

    A gutter is a gap of at least :data:`_GUTTER` × size that no word of a run of lines crosses, text on both
    sides of it (the two columns' lines need not share baselines).  The run is read as two columns when at
    least :data:`_GUTTER_LINES` lines stand each side and those lines are mostly full (prose wrapped at the
    gutter or at the page's margin — a table without rules, whose first column's short cells end far from the
    gutter, is never read so).  Past the last line of one side the run goes on only to a paragraph gap: the
    paragraph a box stood beside ends before the box is read, the heading after it is not read before the box.
    """
    out: list[_Line] = []
    k = 0
    while k < len(lines):
        band = _band(lines, k, para_gap)
        if band is None:
            out.append(lines[k])
            k += 1
            continue
        end, lo, hi = band
        out.extend(_read_columns(lines[k:end], lo, hi))
        k = end
    return out


def _narrowed(line: _Line, lo: float, hi: float) -> tuple[float, float]:
    """The gutter ``(lo, hi)`` narrowed to leave ``line``'s words on either side (empty when one crosses it)."""
    # (a candidate gutter may be wide — between two headings — so a word is the left column's unless it starts
    # where the right column's text does, too near it to leave a gutter before it)
    edge = hi - _GUTTER * line.size
    for w in line.words:
        if w.x0 < edge:
            lo = max(lo, w.x1)
        else:
            hi = min(hi, w.x0)
    return lo, hi


def _band(lines: list[_Line], k: int, para_gap: float) -> tuple[int, float, float] | None:
    """The end (exclusive) and gutter of a band of two columns starting at ``lines[k]``, or None.

    Candidate gutters: a wide gap inside ``lines[k]``, or the space between it and a line a little below it
    standing wholly beside it (the other column's line, its baseline a little off)."""
    first = lines[k]
    candidates = [(a.x1, b.x0) for a, b in pairwise(first.words) if b.x0 - a.x1 >= _GUTTER * first.size]
    for other in lines[k + 1 : k + 3]:
        if other.top - first.top > max(first.size, other.size):
            break
        if other.x0 - first.x1 >= _GUTTER * first.size:
            candidates.append((first.x1, other.x0))
        elif first.x0 - other.x1 >= _GUTTER * first.size:
            candidates.append((other.x1, first.x0))
    for lo, hi in candidates:
        # the run of lines no word of which crosses the gutter (narrowed to each line's words as it goes)
        sides: list[tuple[bool, bool]] = []
        for j in range(k, len(lines)):
            line = lines[j]
            nlo, nhi = _narrowed(line, lo, hi)
            if nhi - nlo < _GUTTER * line.size or (j > k and line.top - lines[j - 1].bottom > 2 * para_gap * line.size):
                break  # a word across the gutter, or a gap no column's paragraphs leave (the page's footer)
            lo, hi = nlo, nhi
            sides.append((any(w.x1 <= lo for w in line.words), any(w.x0 >= hi for w in line.words)))
        if sum(s[0] for s in sides) < _GUTTER_LINES or sum(s[1] for s in sides) < _GUTTER_LINES:
            continue
        # past the last line of the side that ends first, only to the end of the paragraph there
        last = min(max(n for n, s in enumerate(sides) if s[side]) for side in (0, 1))
        end = k + last + 1
        while end < k + len(sides) and lines[end].top - lines[end - 1].bottom <= (para_gap - 1.0) * lines[end].size:
            end += 1
        if _prose(lines[k:end], lo, hi):
            return end, lo, hi
    return None


def _prose(band: list[_Line], lo: float, hi: float) -> bool:
    """Are the band's lines wrapped prose on both sides of the gutter (most lines full, of several words)?"""
    for left in (True, False):
        parts = [p for line in band if (p := [w for w in line.words if (w.x1 <= lo if left else w.x0 >= hi)])]
        if not parts:
            return False
        x0 = min(p[0].x0 for p in parts)
        widest = max(p[-1].x1 for p in parts) - x0
        full = sum(p[-1].x1 - x0 >= _FULL * widest for p in parts)
        if 2 * full < len(parts) or sorted(len(p) for p in parts)[len(parts) // 2] < 2:
            return False
    return True


def _read_columns(band: list[_Line], lo: float, hi: float) -> list[_Line]:
    """The band's lines cut at the gutter: the left column's, then the right column's, read after them — or,
    where one side is a narrow box, the text beside it, then the box."""
    left = [
        _Line([w for w in ln.words if w.x1 <= lo], ln.page).finish() for ln in band if any(w.x1 <= lo for w in ln.words)
    ]
    right = [
        _Line([w for w in ln.words if w.x0 >= hi], ln.page).finish() for ln in band if any(w.x0 >= hi for w in ln.words)
    ]
    width = [max(ln.x1 for ln in side) - min(ln.x0 for ln in side) for side in (left, right)]
    narrow = [w < _NARROW * o for w, o in zip(width, reversed(width), strict=True)]
    for side, small in zip((left, right), narrow, strict=True):
        margin = max(ln.x1 for ln in side)
        if small and sum(margin - ln.x1 <= 2 * ln.size for ln in side) * 2 < max(len(side), _MARGIN_LINES):
            # a side box of short lines (``Renewal: 12 months``) that do not run to its edge: each line ends by
            # choice — its widest would otherwise seem to wrap into the next
            margin = math.inf
        for ln in side:
            ln.right = margin
            ln.column = not any(narrow)
    # a box is read after the text beside it, on whichever side it stands; of two columns, the right one
    first, then = (right, left) if narrow[0] else (left, right)
    last = max(ln.top for ln in band)
    for n, ln in enumerate(first, start=1):
        ln.order = ln.top if first is left else last + n * 1e-4
    for n, ln in enumerate(then, start=len(first) + 1):
        ln.order = last + n * 1e-4
    return [*first, *then]


def _after(line: _Line, parts: list[_Line]) -> list[_Line]:
    for k, part in enumerate(parts, start=1):
        part.order = line.order + k * 1e-3
    return parts


def _split_wide(line: _Line, page_width: float) -> tuple[_Line, _Line | None]:
    ws = line.words
    start = 2 if line.text_x > line.x0 else 1  # never split a marker from its text
    gaps = [b.x0 - a.x1 for a, b in pairwise(ws)]
    for k in range(start, len(ws)):
        gap = gaps[k - 1]
        others = [g for n, g in enumerate(gaps) if n != k - 1 and g > _SPACE_GAP * line.size]
        # a justified line stretches every gap alike: a side column is one gap far wider than the rest
        if gap > _SIDE_GAP * line.size and ws[k].x0 > page_width * 0.45 and others and max(others) * 3 < gap:
            return _Line(ws[:k], line.page).finish(), _Line(ws[k:], line.page).finish()
    return line, None


# --- tables ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Cell:
    lines: list[_Line] = field(default_factory=list)
    right: float = 0.0  # where the cell's text wraps
    paragraphs: list[str] = field(default_factory=list)
    last_x1: float = 0.0  # right end of the cell's last line
    first_width: float = 0.0  # width of the first word of the cell's first line
    size: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


@dataclass(slots=True)
class _Row:
    cells: list[_Cell]
    origin: Origin
    after_break: bool = False  # the first row of the table on a new page


@dataclass(slots=True)
class _Table:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    starts: list[float]  # left edges of the columns (the first is the table's left edge)
    rights: list[float]  # where each column's text must wrap
    pad: float  # cell padding: from a column's left edge to its text
    grid: bool  # columns come from vertical rules
    rows: list[_Row]  # the first row is the header
    inherited: bool = False  # columns taken from the previous page's table (no header row here)


def _merge_rules(rules: list[Rule]) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules as (y, x0, x1) and vertical rules as (x, top, bottom), collinear pieces merged."""
    hs = sorted(((r.top + r.bottom) / 2, r.x0, r.x1) for r in rules if r.horizontal)
    vs = sorted(((r.x0 + r.x1) / 2, r.top, r.bottom) for r in rules if not r.horizontal)
    return _merge(hs), _merge(vs)


def _close_boxes(
    hrules: list[tuple[float, float, float]], vrules: list[tuple[float, float, float]]
) -> list[tuple[float, float, float]]:
    """A row a page break splits is drawn open by a browser: the table's side borders run on past its last
    (or before its first) horizontal rule to the page's edge of the table.  Close it there, so the split
    row is a band of its own (and :func:`_stitch` joins its halves)."""
    out = list(hrules)
    extents: dict[tuple[int, int], list[float]] = {}
    for y, x0, x1 in hrules:
        key = next((k for k in extents if abs(k[0] - x0) <= 3 and abs(k[1] - x1) <= 3), (round(x0), round(x1)))
        extents.setdefault(key, []).append(y)
    for (gx0, gx1), ys in extents.items():
        left = [(t, b) for x, t, b in vrules if abs(x - gx0) <= 3]
        right = [(t, b) for x, t, b in vrules if abs(x - gx1) <= 3]
        if not left or not right:
            continue
        low, high = max(ys), min(ys)
        bottom = min(max(b for _, b in left), max(b for _, b in right))
        top = max(min(t for t, _ in left), min(t for t, _ in right))
        if bottom > low + 2 * _TOL:
            out.append((bottom, float(gx0), float(gx1)))
        if top < high - 2 * _TOL:
            out.append((top, float(gx0), float(gx1)))
    return sorted(out)


def _merge(items: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    out: list[tuple[float, float, float]] = []
    for pos, a, b in sorted(items, key=lambda t: (round(t[0]), t[1])):
        if out and abs(out[-1][0] - pos) <= 1.0 and a <= out[-1][2] + _TOL:
            p, a0, b0 = out[-1]
            out[-1] = (p, min(a0, a), max(b0, b))
        else:
            out.append((pos, a, b))
    return out


def _segments(line: _Line) -> list[list[Word]]:
    segs: list[list[Word]] = [[line.words[0]]]
    for prev, w in pairwise(line.words):
        if w.x0 - prev.x1 > _SEGMENT_GAP * line.size:
            segs.append([])
        segs[-1].append(w)
    return segs


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL * 1.5:
            out.append(v)
    return out


def _find_tables(
    page: PageContent,
    words: list[Word],
    hrules: list[tuple[float, float, float]],
    vrules: list[tuple[float, float, float]],
    carry: _Table | None = None,
) -> tuple[list[_Table], list[Word]]:
    """Tables on a page and the words that are not in any.

    ``carry`` is the previous page's last table: a table without vertical rules that goes on here
    without repeating its header row is read with the columns it had there.
    """
    groups: dict[tuple[int, int], list[float]] = {}
    for y, x0, x1 in hrules:
        key = next((k for k in groups if abs(k[0] - x0) <= 3 and abs(k[1] - x1) <= 3), (round(x0), round(x1)))
        groups.setdefault(key, []).append(y)
    splits = _merged_splits(groups)
    tables: list[_Table] = []
    used: set[int] = set()
    for (gx0, gx1), ys in groups.items():
        ys = sorted(ys)
        if len(ys) < 2:
            continue
        current: _Table | None = None
        for top, bottom in pairwise(ys):
            # (a word another group's table took is not read again: rules of two widths over one region — a
            # browser's bevelled cell sides beside a table's frame — never print its text twice)
            band = [
                w
                for w in words
                if top < (w.top + w.bottom) / 2 < bottom and gx0 - 1 < w.x0 and w.x1 < gx1 + 1 and id(w) not in used
            ]
            if not band:
                current = None
                continue
            crossing = sorted(
                x for x, t, b in vrules if t <= top + _TOL and b >= bottom - _TOL and gx0 - 3 <= x <= gx1 + 3
            )
            inner = [x for x in crossing if x > gx0 + 3 and x < gx1 - 3]
            # (between two tables drawn with borders, the text under one — ``4.0 Codes`` — lies between its bottom
            # rule and the next one's top rule, which no side border crosses: outside both boxes, never a row)
            outside = current is not None and current.grid and not crossing
            row = (
                None
                if current is None or outside
                else _band_row(current, band, top, bottom, page.number, bool(crossing), inner)
            )
            if current is not None and row is not None:
                cuts = [(x, y) for x, y in splits.get((gx0, gx1), []) if top + _TOL < y < bottom - _TOL]
                current.rows.extend(_merged_rows(current, row, band, top, bottom, page.number, cuts))
                current.bottom = bottom
            else:
                current = None
                if not tables and not crossing and carry is not None and not carry.grid:
                    current = _inherit(carry, page.number, band, top, bottom, gx0, gx1)
                elif not tables and crossing and not inner and carry is not None and carry.grid:
                    # (a ruled table's row at the top of a new page drawn with its sides but none of its inner
                    # rules — LibreOffice's print of a Word table a page break cut: the columns it had above)
                    current = _inherit(carry, page.number, band, top, bottom, gx0, gx1, grid=True)
                if current is None:
                    current = _start_table(page.number, band, top, bottom, gx0, gx1, bool(crossing), inner)
                if current is None:
                    continue
                tables.append(current)
            used.update(id(w) for w in band)
    # a "table" of one rules-only row is a boxed paragraph; keep its words as text
    keep = [t for t in tables if len(t.rows) >= 2 or t.grid or t.inherited]
    kept_ids = {id(t) for t in keep}
    dropped = {
        id(w) for t in tables if id(t) not in kept_ids for w in words if t.top < (w.top + w.bottom) / 2 < t.bottom
    }
    used -= dropped
    return keep, [w for w in words if id(w) not in used]


def _merged_splits(groups: dict[tuple[int, int], list[float]]) -> dict[tuple[int, int], list[tuple[float, float]]]:
    """Rules that part rows beside a cell merged down over them (a drug over its strengths, HTML's rowspan).

    Such a rule starts right of the table's left edge and ends at its right edge, inside the table: it divides
    the rows of the columns right of the merged cell, not the table.  Each is taken out of ``groups`` (where
    it would make a table of its own) and given, as ``(x0, y)``, to the table it is inside."""
    out: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for key in sorted(groups, key=lambda k: k[0] - k[1]):  # widest first
        if key not in groups or len(groups[key]) < 2:
            continue
        lo, hi = min(groups[key]), max(groups[key])
        for other in list(groups):
            if other == key or abs(other[1] - key[1]) > 3 or other[0] <= key[0] + 3:
                continue
            inside = [y for y in groups[other] if all(abs(y - z) > _TOL for z in groups[key])]
            if inside and all(lo + _TOL < y < hi - _TOL for y in inside):
                out.setdefault(key, []).extend((float(other[0]), y) for y in inside)
                del groups[other]
    return out


def _merged_rows(
    table: _Table, row: _Row, band: list[Word], top: float, bottom: float, page: int, cuts: list[tuple[float, float]]
) -> list[_Row]:
    """``row`` as the rows ``cuts`` part it into right of a merged cell: each such row repeats the merged cells
    (its key, as the table shows it); without cuts, or cuts at no column start, ``row`` itself."""
    if not cuts:
        return [row]
    x0 = min(x for x, _ in cuts)
    k = next((j for j, s in enumerate(table.starts) if j and abs(s - x0) <= _TOL), None)
    if k is None or any(abs(x - x0) > _TOL for x, _ in cuts):
        return [row]
    ys = [top, *sorted(y for _, y in cuts), bottom]
    out: list[_Row] = []
    for a, b in pairwise(ys):
        part = [w for w in band if a < (w.top + w.bottom) / 2 < b and w.x0 >= table.starts[k] - 1]
        sub = _cells(table, part, a, b, page, check=False) if part else None
        if sub is None:
            return [row]
        sub.cells[:k] = [_Cell(list(c.lines), c.right) for c in row.cells[:k]]
        out.append(sub)
    return out


def _start_table(
    page: int, band: list[Word], top: float, bottom: float, x0: float, x1: float, grid: bool, inner: list[float]
) -> _Table | None:
    """A table whose header row is ``band``, or None if the band does not look like one."""
    lines = _physical_lines(band, page)
    if grid:
        bounds = [x0, *inner, x1]
        pads = [min((w.x0 for w in band if a <= w.x0 < b), default=a + 4) - a for a, b in pairwise(bounds)]
        pad = max(min(pads), 0.0)
        starts = bounds[:-1]
        rights = [b - pad for b in bounds[1:]]
    else:
        seg_starts = _cluster([seg[0].x0 for line in lines for seg in _segments(line)])
        if len(seg_starts) < 2:
            return None
        pad = max(seg_starts[0] - x0, 0.0)
        starts = [x0, *(s - pad for s in seg_starts[1:])]
        rights = [s - 2 * pad for s in seg_starts[1:]] + [x1 - pad]
        if any(r <= s for r, s in zip(rights, seg_starts, strict=True)):
            return None
    table = _Table(page, top, bottom, x0, x1, starts, rights, pad, grid, [])
    row = _cells(table, band, top, bottom, page, check=not grid)
    if row is None or len(starts) < 2:
        return None
    table.rows.append(row)
    return table


def _inherit(
    carry: _Table, page: int, band: list[Word], top: float, bottom: float, x0: float, x1: float, *, grid: bool = False
) -> _Table | None:
    """The band as the first row of ``carry`` going on at the top of a new page, if its columns fit (``grid``:
    a ruled table's, whose next rows are its rows only where rules cross them)."""
    if abs(carry.x0 - x0) > 3 or abs(carry.x1 - x1) > 3 or len(carry.starts) < 2:
        return None
    table = _Table(page, top, bottom, x0, x1, carry.starts, carry.rights, carry.pad, grid, [], inherited=True)
    row = _cells(table, band, top, bottom, page, check=True)
    if row is None:
        return None
    table.rows.append(row)
    return table


def _band_row(
    table: _Table, band: list[Word], top: float, bottom: float, page: int, grid: bool, inner: list[float]
) -> _Row | None:
    """The band as a row of ``table``, or None if its columns do not match."""
    if grid:
        if len(inner) != len(table.starts) - 1 or any(
            abs(a - b) > _TOL for a, b in zip(inner, table.starts[1:], strict=True)
        ):
            return None
        return _cells(table, band, top, bottom, page, check=False)
    return _cells(table, band, top, bottom, page, check=True)


def _cells(table: _Table, band: list[Word], top: float, bottom: float, page: int, check: bool) -> _Row | None:
    cols: list[list[Word]] = [[] for _ in table.starts]
    for w in band:
        j = max((k for k, s in enumerate(table.starts) if w.x0 >= s - 1), default=0)
        if check and j + 1 < len(table.starts) and w.x1 > table.starts[j + 1] + 1:
            return None  # a word across a column boundary: running text, not a row
        cols[j].append(w)
    cells = []
    for j, col in enumerate(cols):
        lines = _physical_lines(col, page) if col else []
        if check and lines:
            start = table.starts[j] + table.pad
            if any(abs(line.x0 - start) > _TOL * 0.75 for line in lines):
                return None  # left-aligned cells start at the column start
        cells.append(_Cell(lines, table.rights[j]))
    xs = [w.x0 for w in band] + [w.x1 for w in band]
    return _Row(cells, (page, min(xs), top, max(xs), bottom))


def _wrapped(prev_x1: float, first_width: float, size: float, right: float, space: float) -> bool:
    """Did the line ending at ``prev_x1`` wrap, i.e. would the next word (and a ``space``, × size) not have fitted?"""
    return prev_x1 + space * size + first_width > right - 0.5


def _cell_pitch(table: _Table) -> float:
    """The least baseline distance (× size) between two lines of one cell of ``table``, 0 when no cell wraps: the
    line pitch of its cells, which a word processor may set apart from the text's."""
    steps = [
        (b.bottom - a.bottom) / b.size
        for row in table.rows
        for cell in row.cells
        for a, b in pairwise(cell.lines)
        if b.size and b.bottom - a.bottom > 0.8 * b.size
    ]
    return min(steps, default=0.0)


# a number, date or code (``02.10.21``, ``3/15/2024``, ``E2402``, ``L89.153``) a column too narrow for it broke
# without a hyphen: the head may open with a code's letter, the rest is digits and a code's capitals
_NUMBER_PART = lazy(r"^[A-Z]?\d[\d./-]*$")
_NUMBER_REST = lazy(r"^\d[\d./A-Z-]*$|^[A-Z]{1,2}$")  # (``T24.302`` over ``A``: a letter alone on its line)


def _broken_number(prev: _Line, line: _Line, right: float) -> bool:
    """Whether ``line`` starts with the rest of the one word on ``prev`` — a date or number wider than its column,
    broken where the column ends (``02.10.2`` over ``1``): the two parts together would not fit on a line."""
    if len(prev.words) != 1 or not line.words:
        return False
    head, rest = prev.words[0], line.words[0]
    whole = head.x1 - head.x0 + rest.x1 - rest.x0
    return (
        bool(_NUMBER_PART.match(head.text) and _NUMBER_REST.match(rest.text))
        and (rest.text[:1].isdigit() or (len(line.words) == 1 and head.text[-1:].isdigit()))
        and whole > right - head.x0 - 0.5 * head.size
    )


def _fill(cell: _Cell, para_gap: float, space: float) -> None:
    """Join a cell's lines into paragraphs (``para_gap``: baseline distance, × size, of a paragraph break)."""
    prev: _Line | None = None
    for line in cell.lines:
        if (
            prev is not None
            and line.bottom - prev.bottom <= para_gap * line.size
            and _broken_number(prev, line, cell.right)
        ):
            cell.paragraphs[-1] += line.text  # (no space: one word the column broke)
        elif (
            prev is not None
            and line.bottom - prev.bottom <= para_gap * line.size
            and _wrapped(prev.x1, line.first_width, line.size, cell.right, space)
        ):
            cell.paragraphs[-1] = join_wrapped(cell.paragraphs[-1], line.text)
        else:
            cell.paragraphs.append(line.text)
            if prev is None:
                cell.first_width = line.first_width
        cell.last_x1, cell.size = line.x1, line.size
        prev = line


# --- running headers and footers -------------------------------------------------------


_RUN = 3  # consecutive pages a binder's running header is repeated on at least


def _runs(pages_of: list[int]) -> set[int]:
    """The pages of ``pages_of`` (ascending) that lie in a run of :data:`_RUN` consecutive pages or more."""
    out: set[int] = set()
    run: list[int] = []
    for n in [*pages_of, -2]:
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if len(run) >= _RUN:
            out.update(run)
        run = [n]
    return out


def _running(pages: list[list[_Line]], heights: list[float]) -> set[int]:
    """ids of the lines that are running headers or footers."""
    counts: Counter[tuple[str, int]] = Counter()
    zone_lines: list[tuple[_Line, tuple[str, int], int]] = []
    on_pages: dict[tuple[str, int], list[int]] = {}
    for n, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        seen = set()
        for line in lines:
            in_zone = line.top < height * _RUNNING_ZONE or line.bottom > height * (1 - _RUNNING_ZONE)
            if in_zone and not _ITEM_START.match(line.text):  # a list item is body text, even when repeated
                key = (mask(line.text), round(line.top / 6))
                zone_lines.append((line, key, n))
                if key not in seen:
                    seen.add(key)
                    counts[key] += 1
                    on_pages.setdefault(key, []).append(n)
    need = max(2, (len(pages) + 1) // 2)
    # (a binder — several policies in one PDF — repeats each policy's running header only on that policy's
    # pages: a line at the same place on every page of a run of _RUN pages or more is furniture too)
    in_runs = {key: _runs(pages_of) for key, pages_of in on_pages.items()}
    drop = set()
    for line, key, n in zone_lines:
        if (len(pages) > 1 and counts[key] >= need) or n in in_runs[key] or _numbers_page(line.text, n):
            drop.add(id(line))
    drug = next((d for line in pages[0] if (d := title_drug(line.text)) is not None), None) if pages else None
    for lines, height in zip(pages[1:], heights[1:], strict=True):  # (a policy too short for repetition)
        drop.update(id(line) for line in lines if line.top < height * _RUNNING_ZONE and names_policy(line.text, drug))
    if pages and len(pages) > 1:
        drop -= _only_names(pages[0], heights[0], drop)
    return drop


# A header field's line (``Guideline ID: MXP-PA-0772``, ``Effective Date: 07/01/2026``): a label of a few words
# and its value
_FIELD_LINE = lazy(r"^[A-Z][\w'’/&()#.-]*(?:\s+[\w'’/&()#.-]+){0,4}\s*:\s*\S")


# a running header that joins its parts with separators (``<plan> | <title> | <ID>``): furniture on page 1 too, the
# page's own head naming the policy again below it
_JOINED = lazy(r"\S\s+[|–—]\s+\S")


def _only_names(lines: list[_Line], height: float, drop: set[int]) -> set[int]:
    """ids of the first page's running header lines kept as the head's own: where the page's text starts with the
    header's fields, the running header (``<PBM> Prior Authorization Guideline`` / ``<drug> (<brand>)``) is the
    only place the document names itself — its copies on later pages stay furniture.  A page's number, a date or
    a print's stamp is never kept."""
    body = [line for line in lines if id(line) not in drop]
    top = [line for line in lines if id(line) in drop and line.top < height * _RUNNING_ZONE]
    if not body or not top:
        return set()
    first = min(body, key=lambda line: line.top)
    if not _FIELD_LINE.match(first.text) or any(line.top > first.top for line in top):
        return set()
    if any(title_drug(line.text) is not None for line in body):
        return set()  # (the page's own title line, ``Clinical Policy: <drug>``: the running header is only furniture)
    return {
        id(line)
        for line in top
        if any(c.isalpha() for c in line.text)
        and not page_number_line(line.text)
        and not find_dates(line.text)
        and not print_stamp(line.text)
        and not _FIELD_LINE.match(line.text)
        and not _JOINED.search(line.text)
    }


def _overlaid_running(pages: list[PageContent]) -> list[PageContent]:
    """The pages with each run of text printed over another on its line (``Word.layer``) kept apart only where
    it is a running line — its very words, at the same places, stand at the same height on another page (a
    browser's fixed header, printed at each page's top over whatever text the page starts with there); any
    other run over text (a fake bold, a stamp) is read with its line as before (its layer cleared)."""
    if not any(w.layer for p in pages for w in p.words):
        return pages

    def seen(run: list[Word], page: PageContent) -> bool:
        return all(
            any(v.text == w.text and abs(v.x0 - w.x0) <= 1.0 and abs(v.top - w.top) <= 1.0 for v in page.words)
            for w in run
        )

    out: list[PageContent] = []
    for p in pages:
        runs: dict[int, list[Word]] = {}
        for w in p.words:
            if w.layer:
                runs.setdefault(w.layer, []).append(w)
        running = {k for k, run in runs.items() if any(seen(run, q) for q in pages if q is not p)}
        words = tuple(w if not w.layer or w.layer in running else replace(w, layer=0) for w in p.words)
        out.append(replace(p, words=words))
    return out


def _numbers_page(text: str, n: int) -> bool:
    """Whether ``text`` is the number of page ``n`` (from 0): a bare counter (``6/8``) only where it counts this
    page (a page before it unnumbered at most) — ``7/20`` at page 6's foot is the part of a date a narrow
    column broke there, never the page's number."""
    if page_shape(text) is not PageShape.SLASH:
        return page_number_line(text)
    page, count = (int(x) for x in text.split("/"))
    return page <= count and n <= page <= n + 1


def _running_rules(pages: list[PageContent]) -> set[tuple[int, int, int, int]]:
    """Ruling lines (rounded) that come back at the same place on at least half the pages: header rules.

    A rule with another of the same width close above or below it on any page is the edge of a
    table row (a table continued at the top of many pages), never a running rule.
    """
    counts: Counter[tuple[int, int, int, int]] = Counter()
    in_tables: set[tuple[int, int, int, int]] = set()
    for p in pages:
        zone = {
            (round(r.x0), round(r.top), round(r.x1), round(r.bottom))
            for r in p.rules
            if r.horizontal and (r.top < p.height * _RUNNING_ZONE or r.bottom > p.height * (1 - _RUNNING_ZONE))
        }
        counts.update(zone)
        for key in zone:
            if any(
                r.horizontal and abs(r.x0 - key[0]) <= 3 and abs(r.x1 - key[2]) <= 3 and 1 < abs(r.top - key[1]) < 60
                for r in p.rules
            ):
                in_tables.add(key)
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in counts.items() if n >= need and k not in in_tables} if len(pages) > 1 else set()


# --- the document ------------------------------------------------------------------------


@dataclass(slots=True)
class _Logical:
    lines: list[_Line]
    text: str


def _starts_item(line: _Line) -> bool:
    return bool(_ITEM_START.match(line.text)) or line.text_x > line.x0 + _TOL


# (where a paragraph stands at a list item's text: as far left as this of it, as a Word document's reader allows)
_ITEM_TEXT_TOL = 6.0  # points (1/12 inch)


def _list_item(line: _Line) -> bool:
    """Whether ``line`` starts a list's item (a marker or a bullet; an asterisk's note is none)."""
    return _starts_item(line) and not line.text.startswith("*")


def _items_further_paragraphs(blocks: list[_Logical | _Table]) -> set[int]:
    """The paragraphs (by ``id``) that are more of the list item above them: right under the list's last item,
    each standing at that item's text — where its marker's hanging indent sets it, every line of it — in its
    size (a heading style's is another), not bold under a regular item (a heading's line), no note.  Where the
    list goes on below them (a bullet or a label is next) they are paragraphs between two items, which the text
    front reads as notes on the item above, as before; the first paragraph left of the item's text, a heading
    or a table ends the run.  The rule a Word document's reader (``parser/docx.py``) follows with the
    paragraph's indentation, here with where the print sets it."""
    out: set[int] = set()
    k = 0
    while k < len(blocks):
        item = blocks[k]
        k += 1
        if not isinstance(item, _Logical) or not _list_item(first := item.lines[0]) or first.text_x <= first.x0 + _TOL:
            continue
        at = first.text_x - _ITEM_TEXT_TOL
        run: list[int] = []
        while k < len(blocks) and isinstance(b := blocks[k], _Logical):
            head = b.lines[0]
            if (
                _starts_item(head)
                or any(ln.x0 < at for ln in b.lines)
                or abs(head.size - first.size) > 0.5
                or (head.bold and not first.bold)
                or NOTE_START.match(b.text)
            ):
                break
            run.append(id(b))
            k += 1
        goes_on = k < len(blocks) and isinstance(b := blocks[k], _Logical) and _list_item(b.lines[0])
        if not goes_on:
            out.update(run)
    return out


def _opens_item(line: _Line, prev: _Line) -> bool:
    """Does ``line`` start a list item rather than go on with ``prev``?  A marker counts when a tab-like
    gap follows it or it stands left of the text above: "13) signaling" under "(IL-" is a wrapped line."""
    if line.text_x > line.x0 + _TOL or line.text[:1] in _BULLETS:
        return True
    if line.text.startswith("*") and len(line.text) > 1 and not line.text[1].isspace():
        return True  # an asterisk note
    if _first_after_lead_in(line, prev):
        return True
    return bool(_ITEM_START.match(line.text)) and line.x0 < max(prev.text_x, prev.body_x) - _TOL


_LEAD = lazy(rf"^\(?({LABEL})([.)])\)?\s")
# a line ending in a date cell of a row written with pipes (``… updated. | 04.24 | 05.24``, a text printed as it
# was typed): a print wraps a row's text, never inside the date, and a date it wrapped before starts with its pipe
_PIPE_ROW_END = lazy(r"\S\s+\|\s+(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|\d{4}-\d{2}-\d{2})$")


def _first_after_lead_in(line: _Line, prev: _Line) -> bool:
    """A list's first marker (``(a)``, ``1.``, ``i.``) under a line ending in a colon starts the list,
    even where its marker stands at the text of the lead-in (``I.``'s hanging indent): prose wrapped
    there would not put a first label after a colon.  A later label (``(c)``) is no such sign."""
    lead = _LEAD.match(line.text)
    return (
        lead is not None
        and prev.text.rstrip().endswith(":")
        and any(value == 1 for _, value in _label_values(lead.group(1)))
    )


def _label_values(label: str) -> list[tuple[tuple[MarkerKind, bool], int]]:
    """((system, upper case), ordinal) of each reading of a list label: ``B.`` does not follow ``a.``."""
    return [((kind, label.isupper()), value) for kind, value in readings(label)]


def _next_marker(first: str, text: str) -> bool:
    """Does ``text`` start with the marker that comes right after the one ``first`` starts with
    (``2.`` after ``1.``, ``b.`` after ``a.``, ``ii.`` after ``i.``)?  Then it is the next item, even
    at the same indent and under a full line — a wrapped line does not go on with its own successor."""
    a, b = _LEAD.match(first), _LEAD.match(text)
    if not a or not b or a.group(2) != b.group(2):
        return False
    return any(
        ka == kb and vb == va + 1 for ka, va in _label_values(a.group(1)) for kb, vb in _label_values(b.group(1))
    )


def _continues(
    cur: _Logical, line: _Line, right: float, floor: float, justified: bool, para_gap: float, space: float
) -> bool:
    """Does ``line`` continue the logical line ``cur`` (a wrapped line, not a new item)?

    ``right`` is the right margin of running text, ``floor`` the lowest line of running text on any
    page; in ``justified`` text every wrapped line reaches the margin and a paragraph's last line
    does not, which settles what the word-wrap test cannot (a nearly full last line).
    """
    prev = cur.lines[-1]
    first = cur.lines[0]
    if prev.bold != line.bold or _opens_item(line, prev) or _next_marker(first.text, line.text):
        return False
    if _PIPE_ROW_END.search(prev.text) and not line.text.startswith("|"):
        return False  # (a row written with pipes ends at its date cell: what follows is the next row)
    if line.page == prev.page and (
        line.top < prev.top or line.bottom - prev.bottom > para_gap * max(line.size, prev.size)
    ):
        return False
    # indented past the text of the line above; a wrapped line of an item whose marker is too wide
    # for a tab-like gap ("10.", "iii.") hangs under the text after that marker
    hang = abs(line.x0 - prev.body_x) <= _TOL and prev.body_x > prev.x0
    # (a browser's hanging indent sets an item's wrapped lines a little right of its first line's text: under an
    # item's first line that stops mid-sentence, within a character or so, a wrapped line, never a block of its own)
    deeper = (
        prev is first
        and prev.body_x > prev.x0 + _TOL
        and _ITEM_START.match(prev.text) is not None
        and not prev.text.rstrip().endswith((".", ";", ":", "!", "?"))
        and 0 < line.x0 - prev.body_x <= _DEEPER_WRAP * max(line.size, prev.size)
    )
    if (line.x0 > prev.text_x + _TOL and not hang and not deeper) or abs(line.size - prev.size) > 0.5:
        return False
    left = first.text_x if first.text_x > first.x0 + _TOL else first.x0 - 40
    if line.x0 < left - _TOL:
        return False
    margin = prev.right or right  # a column's lines wrap at the column's edge
    if not _wrapped(prev.x1, line.first_width, line.size, margin, space):
        return False
    if justified and prev.x1 < margin - 1.5 and " " in prev.text:  # (one long word cannot be stretched)
        return False
    if _ITEM_START.match(first.text) and _GROUP_LEAD.match(line.text) and not _OPEN_END.search(prev.text):
        # (a group's whole lead-in after an item that ended, ``Continuation of therapy - ALL of the following:``
        # under ``3. The patient is not receiving … concurrently``: the next group, however full the item's line)
        return False
    ends = prev.text.rstrip().endswith((".", ";", ":", "!", "?"))
    if line.page != prev.page and ends and line.text[:1].isupper() and _label_line(line.text):
        return False  # (a label heading a new page, ``Current Coding:``, after a sentence's end: a block of its own)
    if line.page != prev.page and floor - prev.bottom >= prev.size * 1.15:
        # The page had room for another line, so the text above ended there by choice — unless
        # widow control pushed a paragraph's last lines over; a sentence end settles it.
        return not (prev.text.rstrip().endswith((".", ";", ":", "!", "?")) and line.text[:1].isupper())
    return True


# a group's lead-in whole on its line: a capitalised name, then ``- ALL of the following:`` or the like
_GROUP_LEAD = lazy(
    r"^[A-Z][a-z][\w'’ ,/()-]{2,80}?\s(?:-|–|—)\s(?:ALL|ANY|ONE|BOTH|All|Any|One|Both)\s+of\s+the\s+following:?$"
)
# a line that cannot end an item: a comma, a connective or an article last
_OPEN_END = lazy(r"(?:[,(/-]|\b(?:and|or|of|the|a|an|to|with|for|in|by|than|as|nor))\s*$", re.I)
_DEEPER_WRAP = 0.9  # how far (in font sizes) an item's wrapped line may stand right of its first line's text


def _label_line(text: str) -> bool:
    """A short label alone on its line: a few words ending with a colon (``Current Coding:``, ``HCPCS Codes:``)."""
    words = text.split()
    return text.rstrip().endswith(":") and 1 <= len(words) <= 5


def _same_table(a: _Table, b: _Table) -> bool:
    return len(a.starts) == len(b.starts) and all(
        abs(x - y) <= _TOL * 2 for x, y in zip([*a.starts[1:], a.x1], [*b.starts[1:], b.x1], strict=True)
    )


def _continue_table(prev: _Table, nxt: _Table) -> None:
    """Append ``nxt`` (the same table, after a page break) to ``prev``; :func:`_stitch` settles split rows."""
    rows = nxt.rows
    if [c.text for c in rows[0].cells] == [c.text for c in prev.rows[0].cells]:
        rows = rows[1:]  # the header row repeated on the new page
    if rows:
        rows[0].after_break = True
    prev.rows.extend(rows)
    prev.page, prev.bottom = nxt.page, nxt.bottom


def _stitch(table: _Table, space: float) -> None:
    """Join each row a page break split back into one row.

    The first row after a break is the rest of the row above when its first cell
    is empty, or when it lacks a column that every other row fills (a date, a
    state).  A split row whose every cell goes on looks like a new row: nothing on
    the page tells them apart, and the word-wrap test misfires in narrow columns.
    """
    body = table.rows[1:]
    whole = [r for r in body if not r.after_break]
    required = [j for j in range(len(table.starts)) if all(r.cells[j].paragraphs for r in whole)]
    out = table.rows[:1]
    for row in body:
        # (the header row too, where it stood alone at the foot of a page and the rest of its cells head the next)
        last = out[-1] if len(out) > 1 or (row.after_break and not row.cells[0].paragraphs) else None
        split = (
            row.after_break
            and last is not None
            and (not row.cells[0].paragraphs or any(not row.cells[j].paragraphs for j in required))
        )
        if not split or last is None:
            out.append(row)
            continue
        for j, (old, new) in enumerate(zip(last.cells, row.cells, strict=True)):
            if not new.paragraphs:
                continue
            if old.paragraphs and _wrapped(old.last_x1, new.first_width, new.size, table.rights[j], space):
                old.paragraphs[-1] = join_wrapped(old.paragraphs[-1], new.paragraphs[0])
                old.paragraphs.extend(new.paragraphs[1:])
            else:
                old.paragraphs.extend(new.paragraphs)
            old.last_x1, old.size = new.last_x1, new.size
    table.rows = out


def _table_lines(table: _Table) -> list[PlacedLine]:
    out: list[PlacedLine] = []
    # a column no row writes in is no column (the sliver a rule drawn elsewhere on the page leaves beside it)
    width = max((len(row.cells) for row in table.rows), default=0)
    used = [any(k < len(row.cells) and any(p.strip() for p in row.cells[k].paragraphs) for row in table.rows)
            for k in range(width)]  # fmt: skip
    keep = [k for k in range(width) if used[k]] if not all(used) and any(used) else list(range(width))
    for n, row in enumerate(table.rows):
        paras = [row.cells[k].paragraphs or [""] for k in keep if k < len(row.cells)]
        paras[0] = [" ".join(paras[0])]  # the key cell is one line
        if n == 0:  # and so is every header cell
            paras = [[" ".join(p)] for p in paras]
        depth = max(len(p) for p in paras)
        for k in range(depth):
            cells = [p[k] if k < len(p) else "" for p in paras]
            out.append(PlacedLine("\t".join(cells), row.origin if k == 0 else None))
    return out


_MARGIN_LINES = 5  # lines of running text enough to tell its margin by without the smaller type's


def _body_right(pages: list[list[_Line]]) -> float:
    """The right margin of running text: where justified lines end, or where the longest ragged ones do.

    A long unbreakable word (a URL) may stick out past the margin; it must not move it.  Nor may a line in
    smaller type than the running text: a browser's print stamps its page's address and counter in the page's
    margin (``file:///…   1/1`` ending near the paper's edge), and a short document has too few lines for the
    lines that end at the margin to outvote it — a large title's line that would fit before that edge then
    reads as a line ended by choice, never wrapped.
    """
    lines = [line for page in pages for line in page]
    sizes = Counter(round(line.size * 2) / 2 for line in lines)
    if sizes:
        body = sizes.most_common(1)[0][0]
        running = [line for line in lines if line.size >= body - 0.5]
        if len(running) >= _MARGIN_LINES:
            lines = running
    ends = sorted(line.x1 for line in lines)
    if not ends:
        return 0.0
    top = ends[int(len(ends) * 0.8) :]
    value, count = Counter(round(x * 2) / 2 for x in top).most_common(1)[0]
    if count >= max(5, 0.05 * len(ends)):  # many lines end on the very same spot: justified text
        return max(x for x in top if abs(x - value) <= 0.5)
    return ends[min(len(ends) - 1, int(len(ends) * 0.98))]


def _space(pages: list[list[_Line]]) -> float:
    """The narrowest usual gap between words, × font size: the font's space, which the word-wrap test needs."""
    ratios = [
        (b.x0 - a.x1) / line.size
        for lines in pages
        for line in lines
        for a, b in pairwise(line.words)
        if line.size - 0.5 <= min(a.size, b.size) and b.x0 - a.x1 > _SPACE_GAP * line.size
    ]
    if len(ratios) < 20:
        return _DEFAULT_SPACE
    ratios.sort()
    return ratios[len(ratios) // 10] * 0.95  # justified lines only ever widen spaces


def _pitch(pages: list[list[_Line]]) -> float:
    """The usual distance between baselines, × font size: most neighbouring lines are in one paragraph."""
    ratios = []
    for lines in pages:
        for a, b in pairwise(lines):
            d = b.bottom - a.bottom
            if abs(a.size - b.size) <= 0.5 and 0.9 * a.size <= d <= 2.6 * a.size:
                ratios.append(d / a.size)
    if len(ratios) < 8:
        return _DEFAULT_PITCH
    ratios.sort()
    return ratios[len(ratios) // 4]  # the lower quartile: paragraph gaps only ever add


_WRAP_SAMPLES = 4  # (lines that wrapped enough to tell the text's pitch by)


def _wrap_pitch(pages: list[list[_Line]], right: float, space: float) -> float:
    """The usual distance between baselines (× font size) of two lines of running text where the first
    wrapped — the next line's first word would not have fitted after it, the next line no list item and
    set in the same type: one paragraph by the word-wrap test, whatever the producer's line spacing; 0
    when too few lines wrapped to tell."""
    ratios = []
    for lines in pages:
        for a, b in pairwise(lines):
            d = b.bottom - a.bottom
            if (
                abs(a.size - b.size) <= 0.5
                and 0.9 * a.size <= d <= 2.6 * a.size
                and a.bold == b.bold
                and not _starts_item(b)
                and _wrapped(a.x1, b.first_width, b.size, right, space)
            ):
                ratios.append(d / a.size)
    if len(ratios) < _WRAP_SAMPLES:
        return 0.0
    ratios.sort()
    return ratios[len(ratios) // 2]  # (the median: a paragraph's break after a full line is rare)


def _origin(lines: list[_Line]) -> Origin:
    same = [ln for ln in lines if ln.page == lines[0].page]
    return (lines[0].page, min(ln.x0 for ln in same), same[0].top, max(ln.x1 for ln in same), same[-1].bottom)


def layout_document(pages: list[PageContent]) -> list[PlacedLine]:
    """The policy text of a document, one :class:`~policyvc.parser.lines.PlacedLine` per output line."""
    return layout(pages)[0]


def _printed(block: _Logical, line: int, widths: dict[int, float]) -> Printed:
    """A logical line as :mod:`~policyvc.parser.pdf_headings` ranks it (``widths``: of the pages, by number)."""
    first = block.lines[0]
    short = len(block.lines) <= 3 and len(first.words) <= 40  # (only a short line can be a heading)
    # words in columns (a table without rules), or a column read after the text beside it or set in the page's
    # right half (a link flush right of the header fields): set apart from the running text
    spread = (
        short
        and not first.column
        and (
            first.order != first.top
            or first.x0 > 0.5 * widths.get(first.page, 0.0)
            or any(b.x0 - a.x1 > _COLUMN_GAP * ln.size for ln in block.lines for a, b in pairwise(ln.words))
        )
    )
    italic = all(ln.italic for ln in block.lines)
    return Printed(line, block.text, first.size, first.bold, italic, len(block.lines), _starts_item(first), spread)


def layout(pages: list[PageContent]) -> tuple[list[PlacedLine], tuple[HeadingMark, ...]]:
    """The policy text of a document, one :class:`~policyvc.parser.lines.PlacedLine` per output line, and the
    lines its fonts print as headings with their levels (:func:`~policyvc.parser.pdf_headings.heading_levels`)."""
    from policyvc.parser.pdf_label_grid import centred_fields, label_grid
    from policyvc.parser.pdf_narrow import join_narrow_codes  # (they read this module's types)
    from policyvc.parser.pdf_shaded import shaded_rules

    pages = join_narrow_codes(pages)  # (a code column so narrow a print broke its codes over lines)
    pages = _overlaid_running(pages)  # (a running header printed over a page's first line: a line of its own)
    pages = [label_grid(p) for p in pages]  # (a grid's labels set in a column beside their values, centred)
    pages = [centred_fields(p) for p in pages]  # (a header's labels a narrow column wrapped around their values)
    running_rules = _running_rules(pages)
    per_page: list[list[_Line | _Table]] = []
    body_lines: list[list[_Line]] = []
    all_tables: list[list[_Table]] = []
    # (a table without rules under a shaded or a bold header row: the rules it would have had)
    shaded = shaded_rules(pages)
    for p, drawn in zip(pages, shaded, strict=True):
        rules = [r for r in p.rules if (round(r.x0), round(r.top), round(r.x1), round(r.bottom)) not in running_rules]
        rules.extend(drawn)
        hrules, vrules = _merge_rules(rules)
        hrules = _close_boxes(hrules, vrules)
        carry = max(all_tables[-1], key=lambda t: t.bottom) if all_tables and all_tables[-1] else None
        tables, rest = _find_tables(p, [w for w in p.words if not w.layer], hrules, vrules, carry)
        body_lines.append(_physical_lines([*rest, *(w for w in p.words if w.layer)], p.number))
        all_tables.append(tables)
    # the line pitch from the table cells' lines too: a policy's body may be mostly one-line list items,
    # each a paragraph of its own with space after it, and only its cells and long items wrap
    cell_lines = [[ln for t in tables for row in t.rows for c in row.cells for ln in c.lines] for tables in all_tables]
    para_gap = _pitch([*body_lines, *cell_lines]) + _PARA_EXTRA
    space = _space(body_lines)
    for p, lines, tables in zip(pages, body_lines, all_tables, strict=True):
        lines[:] = _side_by_side(_columns(lines, para_gap), p.width, para_gap)
        for t in tables:
            gap = max(para_gap, _cell_pitch(t) + _PARA_EXTRA)  # (a table's cells may be set wider than the text)
            for row in t.rows:
                for cell in row.cells:
                    _fill(cell, gap, space)
        per_page.append([*lines, *tables])
    drop = _running(body_lines, [p.height for p in pages])
    kept = [[ln for ln in lines if id(ln) not in drop] for lines in body_lines]
    right = _body_right(kept)
    floor = max((ln.bottom for lines in kept for ln in lines), default=0.0)
    flat = [ln for lines in kept for ln in lines]
    # justified when a quarter of the lines end on the margin (and enough lines to tell)
    at_margin = sum(abs(ln.x1 - right) <= 1.0 for ln in flat)
    justified = at_margin >= max(8, 0.25 * len(flat))
    # (a print's text may be set wider than its tables' cells, Chromium at a line height of 1.5: the distance
    # between lines the word-wrap test says run on is the text's own pitch, never a paragraph's break)
    para_gap = max(para_gap, _wrap_pitch(kept, right, space) + _PARA_EXTRA)
    blocks: list[_Logical | _Table] = []
    for items in per_page:
        items = [it for it in items if id(it) not in drop]
        items.sort(key=lambda it: it.order if isinstance(it, _Line) else it.top)
        for k, it in enumerate(items):
            last = blocks[-1] if blocks else None
            if isinstance(it, _Table):
                if k == 0 and isinstance(last, _Table) and last.page == it.page - 1 and _same_table(last, it):
                    _continue_table(last, it)
                else:
                    blocks.append(it)
            elif isinstance(last, _Logical) and _continues(last, it, right, floor, justified, para_gap, space):
                last.lines.append(it)
                last.text = join_wrapped(last.text, it.text)
            else:
                blocks.append(_Logical([it], it.text))
    out: list[PlacedLine] = []
    printed: list[Printed] = []
    widths = {p.number: p.width for p in pages}
    previous: _Logical | _Table | None = None
    further = _items_further_paragraphs(blocks)
    for block in blocks:
        # blank lines separate paragraphs (a plain line right under another continues it);
        # list items, bullets and notes need none, nor an item's further paragraph (written as its further
        # line, ``\`` in front: text, whatever it starts with)
        item = isinstance(block, _Logical) and isinstance(previous, _Logical) and _starts_item(block.lines[0])
        if out and not item and id(block) not in further:
            out.append(PlacedLine("", None))
        previous = block
        if isinstance(block, _Table):
            _stitch(block, space)
            out.extend(_table_lines(block))
        else:
            text = f"\\{block.text}" if id(block) in further else block.text
            out.append(PlacedLine(text, _origin(block.lines)))
            printed.append(_printed(block, len(out), widths))
    return nest_items(out), heading_levels(printed)  # (one line out for one in: the levels' line numbers hold)
