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

A table with neither rules nor shading (a Word table whose borders are off, printed by LibreOffice) has only
its header row's bold type to show it: its cells' runs give the columns' middles, and the gutters that no line of
the header or of the rows under it crosses give the splits (:func:`_bold_heads`).

What is found is handed on as the ruling lines such a table would have had — its outline, a rule between
every two rows and between every two columns — and read as every ruled table is.  Anything unsure (a column's
line standing between two rows, a box alone, boxes with borders of their own nearby) and nothing is added:
the text is read as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from policyvc.parser.pdf_geometry import PageContent, Rule, Word

__all__ = ["shaded_rules"]

_BOX_GAP = 8.0  # points: the most two header cells' shading lies apart (their padding)
_TOL = 2.0  # points
_ROW_EXTRA = 0.15  # × size: a row starts this much further below than the cell's line pitch
_END_GAP = 1.5  # × size: a gap this wide between two lines (bottom to top) is no row's: the table has ended
# × size: the most a bare table's first row stands under its header (a word processor pads a header cell and centres
# its text: the gap may be twice a line's); the rows below may stand as far apart as the first from its header
_FIRST_GAP = 2.5
_BARE_PITCH = 1.3  # × size: the most a cell's wrapped lines stand apart in a table with no shading or rules
_BARE_STEP = 1.6  # × size: ... or a line in lower case alone on its line, its cell's going on
_HEAD_GAP = 0.6  # × size: a bold line's runs this far apart are a header row's cells (no shading; a space is less)
# a list's marker (``I.``, ``A.``, ``1.``, ``a)``): a line or a header starting with one is a list's, never a table's
_MARKER = re.compile(r"^(?:[IVXivx]{1,4}|[A-Za-z]|\d{1,2})[.)]$")
_MIN_GUTTER = 0.2  # × size: the least room between two columns no word crosses (a cell's padding may be a space's)
_INNER_GUTTER = 0.4  # × size: the least room, inside a column its header names as one, that parts two columns


def shaded_rules(pages: list[PageContent]) -> list[list[Rule]]:
    """For each page, the ruling lines of its tables drawn with a shaded header row and no rules (see the module)."""
    out: list[list[Rule]] = []
    carry: _Columns | None = None  # a table that ran to the foot of the page before
    lines = [physical_lines(list(page.words)) if page.words else [] for page in pages]
    for n, page in enumerate(pages):
        rules, carry = _page_rules(page, carry, lines[n], lines[n + 1] if n + 1 < len(pages) else [])
        out.append(rules)
    return out


def physical_lines(words: list[Word], reach: int = 3) -> list[list[Word]]:
    """Words grouped into physical lines (vertical overlap with one of the last ``reach`` lines), top to bottom,
    each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-reach:]):
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


def _segments(line: list[Word], gap: float) -> list[list[Word]]:
    """A line's runs of words, a gap of at least ``gap`` points between two runs."""
    runs: list[list[Word]] = [[line[0]]]
    for a, b in pairwise(line):
        if b.x0 - a.x1 >= gap:
            runs.append([])
        runs[-1].append(b)
    return runs


def _gutters(pieces: list[tuple[float, float]], line: list[Word]) -> list[tuple[float, float]]:
    """The parts of ``pieces`` (free spans of x) no word of ``line`` covers."""
    out: list[tuple[float, float]] = []
    for lo, hi in pieces:
        spans = [(lo, hi)]
        for w in line:
            spans = [p for a, b in spans for p in ((a, min(b, w.x0)), (max(a, w.x1), b)) if p[1] - p[0] > 0]
        out.extend(spans)
    return out


def _bold_heads(
    page: PageContent, lines: list[list[Word]], overleaf: list[list[Word]]
) -> list[tuple[list[float], float, float, float, tuple[float, ...]]]:
    """The page's header rows of tables with no rules and no shading, set in bold over rows that are not (a LibreOffice
    print of a Word table whose borders are off: ``Drug Name ⋯ Dosing Regimen ⋯ Dose Limit/Maximum Dose``, its cells
    centred, a long name wrapped above and below): (column bounds, top, bottom, the gap that ends it in sizes, where
    each gutter ends), top to bottom.

    A header is a run of bold lines each right under the one above (or level with it: cells centred in a row's
    height), in runs at least :data:`_HEAD_GAP` × the size apart — two cells or more, side by side.  Its columns are
    split in a gutter between two cells' middles that no line of the header or of the rows below crosses
    (:func:`_gutter`) — the rows being the lines under the header, none bold or in larger type, the first at most
    :data:`_FIRST_GAP` × the size under it (a padded header cell), the others up to a gap of :data:`_END_GAP` × the
    size or 1.25 × the first row's (the rows' padding), a line that leaves no gutter (a paragraph across the
    columns) or the page's foot; at least one row (a header at the page's foot is split by its rows overleaf), none
    starting with a list's marker (nor the header: ``I.  Initial Approval Criteria`` over its items is a list), each
    gutter at least :data:`_MIN_GUTTER` × the size wide.  Near a drawn rule or a shaded box, nothing is found (a
    ruled or shaded table is read by its own lines).  The rows are read as a shaded table's, a cell's right edge its
    widest line's end and a line in lower case the cell's going on."""
    out: list[tuple[list[float], float, float, float, tuple[float, ...]]] = []
    right = max((w.x1 for w in page.words), default=0.0) + 1.0
    k = 0
    while k < len(lines):
        line = lines[k]
        size = max(w.size for w in line)
        if not all(w.bold for w in line) or _MARKER.match(line[0].text):
            k += 1
            continue
        head = [line]
        j = k + 1  # (the header's lines: bold, each right under the one above or level with it — cells centred)
        while (
            j < len(lines)
            and all(w.bold for w in lines[j])
            and abs(max(w.size for w in lines[j]) - size) <= 0.05 * size  # (a heading above is set larger)
            and _near(head[-1], lines[j], size)
        ):
            head.append(lines[j])
            j += 1
        # (the header's cells: its lines' runs, those that overlap one cell — ``P&T Approval`` over ``Date``)
        spans: list[tuple[float, float]] = []
        for a, b in sorted((r[0].x0, r[-1].x1) for ln in head for r in _segments(ln, _HEAD_GAP * size)):
            if spans and a < spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], b))
            else:
                spans.append((a, b))
        if len(spans) < 2 or any(_MARKER.match(ln[0].text) for ln in head) or any(_justified(ln, size) for ln in head):
            k = j
            continue
        centres = [(a + b) / 2 for a, b in spans]
        pieces = [[(a, b)] for a, b in pairwise(centres)]
        for ln in head:  # (a header cell is its column's too: wider than the column's rows, a name)
            pieces = [_gutters(p, ln) for p in pieces]
        body: list[list[Word]] = []
        first = 0.0  # (the first row's gap under the header: the rows' padding)
        foot = j == len(lines)  # (the header the page's last lines: its rows overleaf, which split its columns)
        rest = overleaf if foot else lines[j:]
        over: list[Word] | None = None  # (the header's last line overleaf: the first row's gap is measured from it)
        while foot and rest and all(w.bold for w in rest[0]):  # (the header's rest overleaf: ``Date``)
            pieces = [_gutters(p, rest[0]) for p in pieces]
            over, rest = rest[0], rest[1:]
        for ln in rest:
            gap = min(w.top for w in ln) - max(w.bottom for w in (body[-1] if body else over or head[-1]))
            limit = max(_END_GAP * size, 1.25 * first) if body else _FIRST_GAP * size
            if (body or not foot) and gap > limit:
                break
            if any(w.bold for w in ln) or max(w.size for w in ln) > 1.05 * size:
                break
            if not body and size > 1.05 * max(w.size for w in ln):
                break  # (a header set larger than its first row is a title or a heading: a table's is the rows' size)
            if _MARKER.match(ln[0].text):
                body = []  # (a list item under a bold line: a list, no table)
                break
            cut = [_gutters(p, ln) for p in pieces]
            if not all(any(b - a >= _MIN_GUTTER * size for a, b in c) for c in cut):
                break
            if not body and (over is not None or not foot):
                first = gap
            pieces, body = cut, [*body, ln]
        k = j if foot else j + len(body)
        if not body or not all(any(b - a >= _MIN_GUTTER * size for a, b in c) for c in pieces):
            continue
        gutters = [_gutter(c) for c in pieces]
        if not foot:  # (a column its header names as one whose rows hold two: a header with fewer cells)
            edges = [min(w.x0 for ln in [*head, *body] for w in ln) - 1.0, *((a + b) / 2 for a, b in gutters), right]
            gutters = sorted([*gutters, *_split_columns(edges, body, size)])
        splits = [(a + b) / 2 for a, b in gutters]
        left = min(w.x0 for ln in [*head, *body] for w in ln) - 1.0
        bounds = [left, *splits, max(right, max(w.x1 for ln in body for w in ln) + 1.0)]
        top = min(w.top for w in head[0])
        bottom = page.height if foot else max(w.bottom for ln in (*head, *body) for w in ln)
        near = size  # (a drawn rule or a shaded box near the table: its own lines read it)
        if any(
            r.x1 > left and r.x0 < right and r.bottom >= top - near and r.top <= bottom + near
            for r in (*page.rules, *page.boxes)
        ):
            continue
        head_bottom = max(w.bottom for ln in head for w in ln)
        out.append((bounds, top, head_bottom, max(_END_GAP, 1.25 * first / size), tuple(b for _, b in gutters)))
    return out


def _split_columns(edges: list[float], body: list[list[Word]], size: float) -> list[tuple[float, float]]:
    """Gutters inside the columns ``edges`` bound that the rows below the header keep open (a table whose header
    row has fewer cells than its rows — the family's coding table and revision log printed as one table, the log's
    ``Date`` and ``P&T Approval Date`` under the one ``Description`` — or a header cell over two columns): a gap of
    at least :data:`_INNER_GUTTER` × the size that no row's line crosses, with text on each side of it on two lines
    or more (on both sides on one at least), the right-hand side's starting at one place (a column's left-aligned
    cells)."""
    out: list[tuple[float, float]] = []
    for lo, hi in pairwise(edges):
        pieces = [(lo, hi)]
        parts = [[w for w in ln if lo <= (w.x0 + w.x1) / 2 < hi] for ln in body]
        for part in parts:
            pieces = _gutters(pieces, part)
        for a, b in pieces:
            if b - a < _INNER_GUTTER * size or a <= lo or b >= hi:
                continue
            left = [part for part in parts if any(w.x1 <= a for w in part)]
            right = [part for part in parts if any(w.x0 >= b for w in part)]
            starts = [min(w.x0 for w in part if w.x0 >= b) for part in right]
            both = [part for part in left if any(w.x0 >= b for w in part)]
            if both and len(left) >= 2 and len(right) >= 2 and max(starts) - min(starts) <= _TOL:
                out.append((a, b))
    return out


def _justified(line: list[Word], size: float) -> bool:
    """Whether a bold line is a justified paragraph's (a title stretched to the margin: every space between its
    words widened alike) rather than a header row's cells — whose gaps between cells differ from the spaces in a
    cell (``Drug Name ⋯ Dosing Regimen``)."""
    gaps = [b.x0 - a.x1 for a, b in pairwise(line)]
    return len(gaps) >= 3 and min(gaps) >= _HEAD_GAP * size and max(gaps) - min(gaps) <= 0.15 * max(gaps)


def _gutter(pieces: list[tuple[float, float]]) -> tuple[float, float]:
    """The gutter two columns part in: the widest, or of gutters as wide (a cell's padding as wide as a space: a
    one-line row), the one nearest the next column — whose cells start at or before its centred name.  The columns
    split in its middle; a line may reach up to its right end, where the next column's text starts."""
    widest = max(b - a for a, b in pieces)
    return max(p for p in pieces if p[1] - p[0] >= widest - 1.0)


def _near(a: list[Word], b: list[Word], size: float) -> bool:
    """Whether line ``b`` stands right under line ``a`` (a header cell's wrapped line, or a cell centred a little
    lower than its neighbour: the two lines overlap)."""
    return -size <= min(w.top for w in b) - max(w.bottom for w in a) <= 0.6 * size


def _fits(line: list[Word], bounds: list[float], reach: tuple[float, ...] = ()) -> bool:
    """Whether the line lies within the table's width, no word across a column's edge — into the gutter after it
    up to where the next column's text starts (``reach``, for each split; the split itself when not known): a
    row's longer line on the next page, wider than any its header's page held, is still its column's."""
    if line[0].x0 < bounds[0] - _TOL or line[-1].x1 > bounds[-1] + _TOL:
        return False
    ends = reach if len(reach) == len(bounds) - 2 else tuple(bounds[1:-1])
    return not any(w.x0 < s - 1 and w.x1 > max(s, r) + 1 for w in line for s, r in zip(bounds[1:-1], ends, strict=True))


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
    bare: bool = False  # a bold header and no shading: a row's lines never further apart than text's usual pitch
    end_gap: float = _END_GAP  # × size: the gap between two lines that ends the table (a bare table's padding)
    reach: tuple[float, ...] = ()  # for each split, where the next column's text starts (a bare table's gutter)


def _body(page: PageContent, cols: _Columns, below: float, above: float) -> tuple[list[list[Word]], bool]:
    """The table's lines between ``below`` and ``above`` (page coordinates), and whether they ran to the page's
    last line (the table may go on overleaf).  A line in larger type than the table's, or all in bold where
    the rows are not, is the heading after the table."""
    words = [w for w in page.words if w.top > below and w.bottom <= above]
    lines = physical_lines(words)
    out: list[list[Word]] = []
    for line in lines:
        size = max(w.size for w in line)
        gap = min(w.top for w in line) - (max(w.bottom for w in out[-1]) if out else below)
        bold = all(w.bold for w in line)
        rest_of_head = cols.open_head and all(all(w.bold for w in ln) for ln in out)
        heading = size > 1.05 * cols.size or (bold and not cols.bold and not rest_of_head)
        if not _fits(line, cols.bounds, cols.reach) or (out and gap > cols.end_gap * size) or heading:
            return out, False
        out.append(line)
    return out, True


def _wraps(prev: list[Word], nxt: list[Word], right: float) -> bool:
    """The word-wrap test: would the next line's first word not have fitted after the line above?"""
    space = 0.25 * prev[-1].size
    return prev[-1].x1 + space + (nxt[0].x1 - nxt[0].x0) > right - 0.5


def _rows(lines: list[list[Word]], bounds: list[float], bare: bool = False) -> list[tuple[float, float]]:
    """The rows' vertical extents: each column's lines grouped into its cells (a line the one above wrapped into,
    at the cells' line pitch), and the cells that stand beside each other, in any column, one row — a cell set
    in the middle of its row's height (a date, a drug's name) is beside the lines of the row's longest cell."""
    cols: list[list[list[Word]]] = [[] for _ in bounds[:-1]]
    alone: set[int] = set()  # (the parts that stand alone on their line: every other cell of the line empty)
    for line in lines:
        parts: dict[int, list[Word]] = {}
        for w in line:
            parts.setdefault(_column(w, bounds), []).append(w)
        for k, part in parts.items():
            cols[k].append(part)
            if len(parts) == 1:
                alone.add(id(part))
    steps = [b[0].top - a[0].top for col in cols for a, b in pairwise(col) if b[0].top - a[0].top > 0.8 * a[0].size]
    pitch = min(steps, default=0.0)
    if bare and lines:  # (rows of one line each: the step between them is no cell's pitch, which is a line's)
        pitch = min(pitch, _BARE_PITCH * max(w.size for w in lines[0]))
    cells: list[tuple[float, float]] = []
    for k, col in enumerate(cols):
        right = bounds[k + 1] - 0.5
        if bare and col:  # (no box gives the cell's width: its text wraps at its widest line's end)
            right = min(right, max(w.x1 for part in col for w in part) + 0.5)
        block: list[list[Word]] = []
        for part in col:
            if block:
                prev = block[-1]
                further = part[0].top - prev[0].top > pitch + _ROW_EXTRA * max(w.size for w in prev)
                # (in a table with no boxes a line in lower case, a line's pitch below, goes on its cell where it or
                # the line above stands alone: the width it wrapped at is a guess — a drug's name in lower case
                # beside its dose under another drug's row is a row)
                step = part[0].top - prev[0].top
                near = step <= _BARE_STEP * max(w.size for w in prev)
                lone = id(part) in alone or id(prev) in alone  # (this line or the one above its cell's only)
                goes_on = bare and near and lone and part[0].text[:1].islower()
                if not goes_on and (further or not _wraps(prev, part, right)):
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


def _reached(cols: _Columns, lines: list[list[Word]]) -> list[float]:
    """The columns of a table going on from the page before, each split moved right past this page's words that
    start in its gutter — before where the next column's text starts (``reach``): a first column's longer line
    (``… references reviewed``) that no line on the header's page reached is still the first column's."""
    if len(cols.reach) != len(cols.bounds) - 2:
        return cols.bounds
    bounds = list(cols.bounds)
    for k, (split, reach) in enumerate(zip(cols.bounds[1:-1], cols.reach, strict=True), start=1):
        ends = [w.x1 for ln in lines for w in ln if split < w.x0 < reach - _TOL]
        if ends and max(ends) + 1.0 < reach:
            bounds[k] = max(ends) + 1.0
    return bounds


def _page_rules(
    page: PageContent, carry: _Columns | None, lines: list[list[Word]], overleaf: list[list[Word]]
) -> tuple[list[Rule], _Columns | None]:
    rules: list[Rule] = []
    tables: list[tuple[_Columns, float | None, float]] = []  # columns, the header's top (None: goes on), its foot
    if carry is not None:
        tables.append((carry, None, -1.0))
    heads = [(*h, _END_GAP, (), False) for h in _heads(page)] + [(*h, True) for h in _bold_heads(page, lines, overleaf)]
    for bounds, top, bottom, end_gap, reach, bare in sorted(heads, key=lambda h: h[1]):
        # (the header's lines: its words may reach below the shading)
        inside = [w for w in page.words if top - _TOL <= (w.top + w.bottom) / 2 <= bottom + _TOL]
        size = max((w.size for w in inside), default=0.0)
        tables.append(
            (
                _Columns(bounds, size, False, bare=bare, end_gap=end_gap, reach=reach),
                top,
                max([bottom, *(w.bottom for w in inside)]),
            )
        )
    after: _Columns | None = None
    for n, (cols, head_top, start) in enumerate(tables):
        limit = tables[n + 1][1] if n + 1 < len(tables) else None
        above = (limit - _TOL) if limit is not None else page.height
        lines, to_foot = _body(page, cols, start, above)
        if head_top is None and not lines:
            continue
        bounds = _reached(cols, lines) if head_top is None else cols.bounds
        spans = _rows(lines, bounds, cols.bare) if lines else []
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
            bold = bool(lines) and all(w.bold for ln in lines for w in ln)
            after = _Columns(bounds, size, bold, not lines, cols.bare, cols.end_gap, cols.reach)
        else:
            after = None
    return rules, after
