"""Tables drawn without rules but with a shaded header row: the ruling lines they would have had.

A word processor's table with no borders whose header cells are shaded (LibreOffice prints a policy's
``Reviews, Revisions, and Approvals | Revision Date | Approval Date`` log, its coding and dosing tables so)
has no line for :func:`~policyvc.parser.pdf_geometry._find_tables` to find: read as text, its first column
ran on as one block and its dates came after it, each row's description apart from its dates.  What the
page does draw is the header row: filled boxes side by side, one a cell, the gaps between them the cell
padding.  They give the columns; the rows are told by the first column, whose lines a row's cell wraps
(the word-wrap test: the next line's first word would not have fitted) at the cell's line pitch, while the
next row starts after the padding, further down, or on a line the one above did not fill.  The other columns'
lines (a date set in the middle of its row's height, a date wrapped in its narrow column) go with the row
whose lines they stand beside.  The table ends at the first line that crosses a column's edge or leaves the
table's width, or after a gap no row leaves; one that runs to the foot of its page goes on at the top of the
next, where its lines still fit the columns.

What is found is handed on as the ruling lines such a table would have had — its outline, a rule between
every two rows and between every two columns — and read as every ruled table is.  Anything unsure (a column's
line standing between two rows, a box alone, boxes with borders of their own nearby) and nothing is added:
the text is read as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from policyvc.parser.pdf_geometry import PageContent, Rule, Word

__all__ = ["shaded_rules"]

_BOX_GAP = 8.0  # points: the most two header cells' shading lies apart (their padding)
_TOL = 2.0  # points
_ROW_EXTRA = 0.15  # × size: a row starts this much further below than the cell's line pitch
_END_GAP = 1.5  # × size: a gap this wide between two lines (bottom to top) is no row's: the table has ended


def shaded_rules(pages: list[PageContent]) -> list[list[Rule]]:
    """For each page, the ruling lines of its tables drawn with a shaded header row and no rules (see the module)."""
    out: list[list[Rule]] = []
    carry: _Columns | None = None  # a table that ran to the foot of the page before
    for page in pages:
        rules, carry = _page_rules(page, carry)
        out.append(rules)
    return out


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into physical lines (vertical overlap), top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-3:]):
            top, bottom = min(x.top for x in line), max(x.bottom for x in line)
            if min(bottom, w.bottom) - max(top, w.top) >= 0.5 * min(w.bottom - w.top, bottom - top):
                line.append(w)
                break
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return sorted(lines, key=lambda ln: min(w.top for w in ln))


def _heads(page: PageContent) -> list[tuple[list[float], float, float]]:
    """The page's shaded header rows: (column bounds — the table's left edge, the splits, its right edge — top,
    bottom), top to bottom."""
    boxes = sorted((b for b in page.boxes if b.x1 - b.x0 >= 10.0), key=lambda b: b.x0)
    used: set[int] = set()
    out: list[tuple[list[float], float, float]] = []
    for i, first in enumerate(boxes):
        if i in used:
            continue
        row = [first]
        for j in range(i + 1, len(boxes)):
            b, last = boxes[j], row[-1]
            level = min(b.bottom, last.bottom) - max(b.top, last.top) > 0
            if j not in used and level and -_TOL <= b.x0 - last.x1 <= _BOX_GAP:
                row.append(b)
                used.add(j)
        if len(row) < 2:
            continue
        top, bottom = min(b.top for b in row), max(b.bottom for b in row)
        # every box holds words (a cell's text), and no drawn rule crosses the row (a ruled table: read as it is)
        if not all(any(b.x0 <= (w.x0 + w.x1) / 2 <= b.x1 and b.top <= (w.top + w.bottom) / 2 <= b.bottom
                       for w in page.words) for b in row):  # fmt: skip
            continue
        if any(
            r.top <= bottom + 3 and r.bottom >= top - 3 and r.x1 > row[0].x0 and r.x0 < row[-1].x1 for r in page.rules
        ):
            continue
        # (a box is its cell's text area: a column's text wraps at its box's right edge, the next column starts past it)
        bounds = [row[0].x0, *(a.x1 + 0.5 for a in row[:-1]), row[-1].x1]
        out.append((bounds, top, bottom))
    return sorted(out, key=lambda h: h[1])


def _fits(line: list[Word], bounds: list[float]) -> bool:
    """Whether the line lies within the table's width, no word across a column's edge."""
    if line[0].x0 < bounds[0] - _TOL or line[-1].x1 > bounds[-1] + _TOL:
        return False
    return not any(w.x0 < s - 1 and w.x1 > s + 1 for w in line for s in bounds[1:-1])


def _column(w: Word, bounds: list[float]) -> int:
    return max((k for k, s in enumerate(bounds[:-1]) if (w.x0 + w.x1) / 2 >= s), default=0)


@dataclass(frozen=True, slots=True)
class _Columns:
    """A table's columns (its left edge, the splits, its right edge), its type size, and whether its rows' text is
    all bold: what a page the table goes on to is read by."""

    bounds: list[float]
    size: float
    bold: bool
    open_head: bool = False  # only the header row stood on the page before: its rest may head this page


def _body(page: PageContent, cols: _Columns, below: float, above: float) -> tuple[list[list[Word]], bool]:
    """The table's lines between ``below`` and ``above`` (page coordinates), and whether they ran to the page's
    last line (the table may go on overleaf).  A line in larger type than the table's, or all in bold where
    the rows are not, is the heading after the table."""
    words = [w for w in page.words if w.top > below and w.bottom <= above]
    lines = _lines(words)
    out: list[list[Word]] = []
    for line in lines:
        size = max(w.size for w in line)
        gap = min(w.top for w in line) - (max(w.bottom for w in out[-1]) if out else below)
        bold = all(w.bold for w in line)
        rest_of_head = cols.open_head and all(all(w.bold for w in ln) for ln in out)
        heading = size > 1.05 * cols.size or (bold and not cols.bold and not rest_of_head)
        if not _fits(line, cols.bounds) or (out and gap > _END_GAP * size) or heading:
            return out, False
        out.append(line)
    return out, True


def _wraps(prev: list[Word], nxt: list[Word], right: float) -> bool:
    """The word-wrap test: would the next line's first word not have fitted after the line above?"""
    space = 0.25 * prev[-1].size
    return prev[-1].x1 + space + (nxt[0].x1 - nxt[0].x0) > right - 0.5


def _rows(lines: list[list[Word]], bounds: list[float]) -> list[tuple[float, float]]:
    """The rows' vertical extents: each column's lines grouped into its cells (a line the one above wrapped into,
    at the cells' line pitch), and the cells that stand beside each other, in any column, one row — a cell set
    in the middle of its row's height (a date, a drug's name) is beside the lines of the row's longest cell."""
    cols: list[list[list[Word]]] = [[] for _ in bounds[:-1]]
    for line in lines:
        parts: dict[int, list[Word]] = {}
        for w in line:
            parts.setdefault(_column(w, bounds), []).append(w)
        for k, part in parts.items():
            cols[k].append(part)
    steps = [b[0].top - a[0].top for col in cols for a, b in pairwise(col) if b[0].top - a[0].top > 0.8 * a[0].size]
    pitch = min(steps, default=0.0)
    cells: list[tuple[float, float]] = []
    for k, col in enumerate(cols):
        right = bounds[k + 1] - 0.5
        block: list[list[Word]] = []
        for part in col:
            if block:
                prev = block[-1]
                further = part[0].top - prev[0].top > pitch + _ROW_EXTRA * max(w.size for w in prev)
                if further or not _wraps(prev, part, right):
                    cells.append((min(w.top for w in block[0]), max(w.bottom for w in block[-1])))
                    block = []
            block.append(part)
        if block:
            cells.append((min(w.top for w in block[0]), max(w.bottom for w in block[-1])))
    spans: list[tuple[float, float]] = []
    for top, bottom in sorted(cells):
        if spans and top < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], bottom))
        else:
            spans.append((top, bottom))
    return spans


def _page_rules(page: PageContent, carry: _Columns | None) -> tuple[list[Rule], _Columns | None]:
    rules: list[Rule] = []
    tables: list[tuple[_Columns, float | None, float]] = []  # columns, the header's top (None: goes on), its foot
    if carry is not None:
        tables.append((carry, None, -1.0))
    for bounds, top, bottom in _heads(page):
        # (the header's lines: its words may reach below the shading)
        inside = [w for w in page.words if top - _TOL <= (w.top + w.bottom) / 2 <= bottom + _TOL]
        size = max((w.size for w in inside), default=0.0)
        tables.append((_Columns(bounds, size, False), top, max([bottom, *(w.bottom for w in inside)])))
    after: _Columns | None = None
    for n, (cols, head_top, start) in enumerate(tables):
        limit = tables[n + 1][1] if n + 1 < len(tables) else None
        above = (limit - _TOL) if limit is not None else page.height
        lines, to_foot = _body(page, cols, start, above)
        if head_top is None and not lines:
            continue
        spans = _rows(lines, cols.bounds) if lines else []
        bounds = cols.bounds
        x0, x1 = bounds[0], bounds[-1]
        edges = [head_top - 1.0] if head_top is not None else [spans[0][0] - 1.0]
        if head_top is not None:
            edges.append((start + spans[0][0]) / 2 if spans else start + 1.0)
        edges.extend((a[1] + b[0]) / 2 for a, b in pairwise(spans))
        if spans:
            edges.append(spans[-1][1] + 1.0)
        top, bottom = edges[0], edges[-1]
        rules.extend(Rule(x0, x1, y, y) for y in edges)
        rules.extend(Rule(x, x, top, bottom) for x in bounds)
        if to_foot and limit is None:  # (to the foot of the page: it may go on overleaf)
            size = max((w.size for ln in lines for w in ln), default=cols.size) if lines else cols.size
            after = _Columns(bounds, size, bool(lines) and all(w.bold for ln in lines for w in ln), not lines)
        else:
            after = None
    return rules, after
