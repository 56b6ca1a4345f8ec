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


_HEAD_GAP = 0.8  # × size: the most a header row's lines lie apart (bottom to top)
_GUTTER = 1.0  # × size: the least gap, on every line of a table without boxes, between two columns' text


def _bold_heads(page: PageContent) -> list[tuple[_Columns, float, float]]:
    """The page's tables drawn with neither rules nor shading under a bold header row (LibreOffice's print of a
    word processor's table whose borders were lost: ``Reviews, Revisions, and Approvals | Date | P&T Approval
    Date`` centred in bold over plain rows): (columns, header top, header bottom), top to bottom.

    The header is a run of lines all in bold, no larger than the line under it, in two groups or more a gutter
    apart; the table's lines are the plain lines under it, in the same type, down to a gap wider than the one
    between the header and its first row, a bold or larger line, or a line that crosses a gutter.  Every line's
    words, the header's and the rows', must leave one gutter (at least a type size wide) between each two of the
    header's groups, and every column must hold a row's word: else nothing is found, and the text is read as
    before.  The columns' bounds are the gutters' middles; each column's text wraps at its widest line."""
    lines = _lines(list(page.words))
    out: list[tuple[_Columns, float, float]] = []
    k = 0
    while k < len(lines):
        if not all(w.bold for w in lines[k]):
            k += 1
            continue
        j = k + 1
        while (
            j < len(lines)
            and all(w.bold for w in lines[j])
            and _gap(lines[j - 1], lines[j]) < _HEAD_GAP * max(w.size for w in lines[j])
        ):
            j += 1
        found = _bold_table(lines[k:j], lines[j:])
        # (no drawn rule across the table: a ruled table is read by its rules)
        if found is not None and not any(
            r.top <= found[3] + 3
            and r.bottom >= found[1] - 3
            and r.x1 > found[0].bounds[0]
            and r.x0 < found[0].bounds[-1]
            for r in page.rules
        ):
            out.append(found[:3])
        k = j
    return out


def _gap(above: list[Word], below: list[Word]) -> float:
    return min(w.top for w in below) - max(w.bottom for w in above)


def _spans(words: list[Word], gutter: float) -> list[tuple[float, float]]:
    """The x-extents the words cover, joined where less than ``gutter`` apart, left to right."""
    out: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if out and w.x0 - out[-1][1] < gutter:
            out[-1] = (out[-1][0], max(out[-1][1], w.x1))
        else:
            out.append((w.x0, w.x1))
    return out


def _columns_of(
    groups: list[tuple[float, float]], words: list[Word], gutter: float
) -> list[tuple[float, float]] | None:
    """The columns' x-extents under the header's ``groups``: between each two groups, the widest gap (at least
    ``gutter``) the words leave there; ``None`` when two groups have none between them."""
    spans = _spans(words, gutter)
    cuts: list[int] = []  # (the index of the span each column after the first starts at)
    for (_, g0), (g1, _) in pairwise(groups):
        gaps = [
            (b[0] - a[1], k + 1) for k, (a, b) in enumerate(pairwise(spans)) if a[1] >= g0 - _TOL and b[0] <= g1 + _TOL
        ]
        if not gaps:
            return None
        cuts.append(max(gaps)[1])
    if cuts != sorted(set(cuts)):
        return None
    starts = [0, *cuts]
    ends = [*cuts, len(spans)]
    return [(spans[a][0], max(x1 for _, x1 in spans[a:b])) for a, b in zip(starts, ends, strict=True)]


def _bold_table(head: list[list[Word]], rest: list[list[Word]]) -> tuple[_Columns, float, float, float] | None:
    """A table under the bold header lines ``head`` (see :func:`_bold_heads`): its columns, the header's top and
    bottom and the foot of its last line on the page; ``None`` when there is none."""
    if not rest:
        return None
    size = max(w.size for ln in head for w in ln)
    words = [w for ln in head for w in ln]
    groups = _spans(words, _GUTTER * size)
    first = rest[0]
    if len(groups) < 2 or any(w.bold for w in first) or size > 1.05 * max(w.size for w in first):
        return None
    end_gap = max(_END_GAP * size, 1.25 * _gap(head[-1], first))
    body: list[list[Word]] = []
    above = head[-1]
    for line in rest:
        if any(w.bold for w in line) or max(w.size for w in line) > 1.05 * size or _gap(above, line) > end_gap:
            break
        if _columns_of(groups, words + [w for ln in [*body, line] for w in ln], _GUTTER * size) is None:
            break
        body.append(line)
        above = line
    spans = _columns_of(groups, words + [w for ln in body for w in ln], _GUTTER * size) if body else None
    if spans is None:
        return None
    # (a row's word in every column)
    cols = [[w for ln in body for w in ln if a - _TOL <= w.x0 and w.x1 <= b + _TOL] for a, b in spans]
    if any(not c for c in cols):
        return None
    bounds = [spans[0][0], *((a[1] + b[0]) / 2 for a, b in pairwise(spans)), spans[-1][1]]
    # (a column's text edge: its widest line's, or its header's, centred over it)
    rights = tuple(
        max(w.x1 for w in [*c, *words] if a - _TOL <= w.x0 and w.x1 <= b + _TOL) + 0.5
        for c, (a, b) in zip(cols, spans, strict=True)
    )
    top = min(w.top for w in words)
    bottom = max(w.bottom for w in words)
    foot = max(w.bottom for w in body[-1])
    gutters = tuple((a[1], b[0]) for a, b in pairwise(spans))
    columns = _Columns(bounds, size, False, end_gap=end_gap / size, rights=rights, gutters=gutters)
    return columns, top, bottom, foot


def _fits(line: list[Word], bounds: list[float], gutters: tuple[tuple[float, float], ...] = ()) -> bool:
    """Whether the line lies within the table's width, no word across a column's edge (nor in the middle half of
    a gutter between two columns' text)."""
    if line[0].x0 < bounds[0] - _TOL or line[-1].x1 > bounds[-1] + _TOL:
        return False
    quarter = [(a + (b - a) / 4, b - (b - a) / 4) for a, b in gutters]
    if any(w.x1 > a and w.x0 < b for w in line for a, b in quarter):
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
    end_gap: float = _END_GAP  # × size: a gap this wide between two lines ends the table
    rights: tuple[float, ...] = ()  # each column's text edge, where it is not its bound (a table with no boxes)
    gutters: tuple[tuple[float, float], ...] = ()  # the gaps between its columns' text (a table with no boxes)


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
        if not _fits(line, cols.bounds, cols.gutters) or (out and gap > cols.end_gap * size) or heading:
            return out, False
        out.append(line)
    return out, True


def _wraps(prev: list[Word], nxt: list[Word], right: float) -> bool:
    """The word-wrap test: would the next line's first word not have fitted after the line above?"""
    space = 0.25 * prev[-1].size
    return prev[-1].x1 + space + (nxt[0].x1 - nxt[0].x0) > right - 0.5


def _rows(lines: list[list[Word]], bounds: list[float], rights: tuple[float, ...] = ()) -> list[tuple[float, float]]:
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
        right = rights[k] if rights else bounds[k + 1] - 0.5
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
    shaded = [(t, b) for _, t, b in tables if t is not None]
    for cols, top, bottom in _bold_heads(page):
        if not any(t - _TOL <= bottom and top <= b + _TOL for t, b in shaded):
            tables.append((cols, top, bottom))
    tables.sort(key=lambda t: -1.0 if t[1] is None else t[1])
    after: _Columns | None = None
    for n, (cols, head_top, start) in enumerate(tables):
        limit = tables[n + 1][1] if n + 1 < len(tables) else None
        above = (limit - _TOL) if limit is not None else page.height
        lines, to_foot = _body(page, cols, start, above)
        if head_top is None and not lines:
            continue
        spans = _rows(lines, cols.bounds, cols.rights) if lines else []
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
        # (a table with no boxes: a column's rule where its text ends, so its cells wrap there)
        xs = [bounds[0], *(r + 0.5 for r in cols.rights[:-1]), bounds[-1]] if cols.rights else bounds
        rules.extend(Rule(x, x, top, bottom) for x in xs)
        if to_foot and limit is None:  # (to the foot of the page: it may go on overleaf)
            size = max((w.size for ln in lines for w in ln), default=cols.size) if lines else cols.size
            bold = bool(lines) and all(w.bold for ln in lines for w in ln)
            after = _Columns(bounds, size, bold, not lines, cols.end_gap, cols.rights, cols.gutters)
        else:
            after = None
    return rules, after
