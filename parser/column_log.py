"""The family's revision log printed in narrow columns and read a column at a time (``pdftotext`` of a print).

A print whose ``Reviews, Revisions, and Approvals | Date | P&T Approval Date`` table has narrow columns gives, in
reading order, page by page: the descriptions of the page's rows wrapped a few words a line (no blank line between
two rows), the date columns' names, then each row's date (``08.09.22``) and approval month (``11.22``), a cell a
line — and the closing ``Important Reminder`` heading may come before the last page's dates.  A row's
description starts on a line opening with a capital or a digit (``Policy created``, ``4Q 2023 annual review: …``);
when, on every page, the lines so opening are exactly as many as the page's dates, the n-th description goes with
the n-th date and approval month, and the table is written back tab-separated, as the grammar reads it.  Anything
else (a wrapped line opening with a drug's name, a date missing) and the rows are not sure: the lines are left as
they are, for the table passes (:func:`~policyvc.parser.text_styles.prepare`) to read or to say why not.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from policyvc.lazy_re import lazy
from policyvc.parser.lines import Lines
from policyvc.parser.vocabulary import REMINDER

__all__ = ["column_log"]

_HEADING = "reviews, revisions, and approvals"
_NAMES = lazy(r"^(?:Date|(?:P&T\s+)?Approval\s+Date|Revision\s+Date|P&T\s+Date)$")
_DATE = lazy(r"^\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?$")
_MONTH = lazy(r"^\d{1,2}[./]\d{2}(?:\d{2})?$")
_STARTS_ROW = lazy(r"^[A-Z0-9]")
_CODE = lazy(r"^[A-Z0-9]{4,6}$")  # (a procedure code: HCPCS J2356, CPT 95800)
_QUARTER = lazy(r"^[1-4]Q\s*\d{4}\b")
# a row's date and approval month on one line, below its description: a print whose date columns are wide enough
# for both but not for the description beside them (the row's cells a block each, read row by row)
_DATE_MONTH = lazy(r"^(\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?)\s+(\d{1,2}[./]\d{2}(?:\d{2})?)$")
# the date columns' names printed above the table's heading, wrapped in their narrow columns (``P&T`` ``Approval``
# ``Date``): the heading's, not a paragraph before the log
# a description's line that ends with its row's date and approval month (``… references 10.20.25 11.25``)
_DATED_TEXT = lazy(r"^.*\S\s+\d{1,2}\.\d{1,2}\.\d{2}(?:\d{2})?\s+\d{1,2}[./]\d{2}(?:\d{2})?$")
_NAME_WORDS = frozenset({"p&t", "approval", "date", "revision"})


@dataclass
class _Page:
    """One page's share of the table: its description lines, its dates and approval months (line indices);
    ``cells``: the months are both date columns' cells in turn (``06/20`` ``06/20``: revision and approval)."""

    text: list[int]
    dates: list[int]
    months: list[int]
    cells: bool = False


def _after_stop(texts: list[str], text: list[int], n: int) -> bool:
    """Whether the ``n``-th description line of a page comes first or after a line that ends a sentence."""
    return n == 0 or texts[text[n - 1]].rstrip().endswith((".", ";", ")"))


def _grid_names(grid: list[list[str]]) -> list[str]:
    """The date columns' names from their words a line at a time: the first line's words start the columns, each
    later word ends the next column in turn (``Revision Approval`` / ``Date`` / ``Date``)."""
    cols = [[w] for w in grid[0]]
    n = 0
    for line in grid[1:]:
        for w in line:
            cols[n % len(cols)].append(w)
            n += 1
    return [" ".join(c) for c in cols]


def _continued(row: str, more: str) -> str:
    """``row`` (tab-separated) with ``more`` added to the end of its description."""
    words, *cells = row.split("\t")
    return "\t".join((f"{words} {more}", *cells))


def column_log(lines: Lines, in_place: bool = False) -> None:
    """Rewrite, in ``lines``, a family log read a column at a time into tab-separated rows (see the module).

    ``in_place``: every line keeps its number — the header and each row on a line of the table's own, the table's
    other lines blank (for a caller that holds line numbers: the outline reader's page furniture)."""
    texts = [" ".join(t.split()) for t in lines]
    for k, text in enumerate(texts):
        head = text.lower()
        if not head.startswith("reviews, revisions"):
            continue
        end = k + 1
        if head != _HEADING:
            if k + 1 < len(texts) and f"{head} {texts[k + 1].lower()}" == _HEADING:
                end = k + 2  # (the heading wrapped in its narrow column)
            else:
                continue
        _read(lines, texts, k, end, in_place)
        return


def _read(lines: Lines, texts: list[str], head: int, start: int, in_place: bool = False) -> None:
    pages: list[_Page] = []
    names: list[str] = []
    reminder: int | None = None
    page = _Page([], [], [])
    apart: list[int] = []  # (lines of a column's name wrapped, wherever reading order set them)
    stray: list[int] = []
    grid: list[list[str]] = []  # (the date columns' names a word of each a line)
    dup: int | None = None  # (the heading's name again, the table's first header cell)
    j = start
    last = start - 1  # the table's last line
    while j < len(texts):
        t = texts[j].strip("\f ")
        if not t:
            j += 1
            continue
        if t.lower() == _HEADING and not page.text and not pages:
            dup = j  # (the table's first header cell under the section's heading of the same name)
        elif t.lower() == _HEADING and (page.dates or page.months) and _dated_below(texts, j):
            # (the heading repeated over the next page's share of the table, its header row again: more rows)
            pages.append(page)
            page = _Page([], [], [])
        elif grid and t.lower() in _NAME_WORDS:
            grid.append([t])
        elif _NAMES.match(t):
            names.append(t)
        elif len(t.split()) > 1 and all(w.lower() in _NAME_WORDS for w in t.split()) and not names:
            # the date columns' names side by side, a word of each a line (``Revision Approval`` over ``Date``,
            # ``Date``): the first line's words start the columns, the words below end them in turn
            grid.append(t.split())
        elif (broken := _name_wrapped(texts, j)) is not None:
            wrapped, name = broken
            names.append(name)  # (a column's name over two lines or more, anywhere)
            apart.extend(wrapped)
            j = wrapped[-1] + 1
            continue
        elif t == REMINDER:
            reminder = j
        elif _DATE.match(t):
            page.dates.append(j)
            last = j
        elif _MONTH.match(t):
            page.months.append(j)
            last = j
            if grid and len(page.months) > len(page.dates):  # (both columns month and year: a row's cells)
                page.cells = True
        elif _DATE_MONTH.match(t):
            page.dates.append(j)
            page.months.append(j)
            last = j
        elif reminder is not None and not page.dates:
            stray.append(j)  # (another table's column read after the closing heading: not the log's)
        else:
            if _DATED_TEXT.match(t):
                # (a row's date and approval month at the end of its description's first line, ``… references
                # 10.20.25 11.25`` / ``reviewed and updated.``: a print read row by row, not a column at a time —
                # the lines stay for the table passes, which read such a row by its cells)
                return
            if page.dates or page.months:  # a page's descriptions after the dates of the page before: more rows
                if not _dates_follow(texts, j, months=bool(grid)):  # only if dates follow
                    break
                pages.append(page)
                page = _Page([], [], [])
            page.text.append(j)
        j += 1
    if page.dates or page.months:
        pages.append(page)
    if grid and not names:
        names = _grid_names(grid)
    if not pages or not names or _cells_after(texts, j):
        return
    tail: list[int] = []  # the end of the last row's description, set below its dates (its cells in its middle)
    while j < len(texts) and (not texts[j].strip("\f ") or texts[j].strip("\f ")[:1].islower()):
        if texts[j].strip("\f "):
            tail.append(j)
        j += 1
    if tail and not grid:
        # (the date-and-month layout: a description going on past its row's dates, over a page break — not sure
        # which row it ends; the lines stay for the table passes, which read the log or say why not)
        return
    if tail:
        last = max(last, tail[-1])
        pages[-1].text.extend(tail)
    rows: list[str] = []
    for p in pages:
        if p.cells:  # (two month columns: a row's cells are the next two months)
            if p.dates or len(p.months) % 2:
                return
            p.dates, p.months = p.months[0::2], p.months[1::2]
            found = _cell_starts(texts, p, rows)
            months: list[str] | None = [texts[k] for k in p.months] if p.months else [""] * len(p.dates)
        else:
            if rows and p.text and texts[p.text[0]][:1].islower():
                # (the end of the page before's last row, over the page break and under the repeated header)
                ahead = list(itertools.takewhile(lambda k: not _STARTS_ROW.match(texts[k]), p.text))
                rows[-1] = _continued(rows[-1], " ".join(texts[k] for k in ahead))
                p.text = p.text[len(ahead) :]
            found = _starts(texts, p.text, len(p.dates))
            months = _months(texts, p)
        if found is None or months is None:
            return  # (not sure: the lines stay for the table passes, which read the log or say why not)
        starts = found
        bounds = [*starts, p.text[-1] + 1]
        for n, date in enumerate(p.dates):
            words = " ".join(texts[k] for k in p.text if bounds[n] <= k < bounds[n + 1])
            month = months[n]
            if (both := _DATE_MONTH.match(texts[date])) is not None:
                rows.append("\t".join((words, both.group(1), both.group(2))))
            else:
                rows.append("\t".join((words, texts[date], month)))
    beside = _beside(texts, head, stray)
    if stray and beside is None:
        return  # (cells of another table the reading could not place: the lines stay as they are)
    above = _names_above(texts, head)
    if above:
        names = [*names, " ".join(texts[k] for k in above)]
        for k in above:
            lines.set(k, "")
    header = "\t".join(("Reviews, Revisions, and Approvals", *names[:2]))
    for k in range(head, last + 1):
        if texts[k] and k != reminder:
            lines.set(k, "")
    for k in apart:
        lines.set(k, "")
    for k, cell in (beside or {}).items():
        lines.set(k, f"{texts[k]}\t{cell}")
    if in_place:
        at = head
        if dup is not None and dup + 1 + len(rows) <= last:  # (the section's heading kept, the table below it)
            lines.set(head, texts[head])
            at = dup + 1
        for k, row in enumerate((header, *rows), start=at):  # (a row a line; every row has a line of its own)
            lines.set(k, row)
        if reminder is not None and reminder < last:  # (the closing heading, after the table it was read inside)
            lines.set(reminder, "")
            lines.set(last, REMINDER)
        return
    lines.set(head, "\n".join((header, *rows)))
    if reminder is not None and reminder < last:
        # (the closing heading, after the table it was read inside)
        lines.set(reminder, "")
        lines.set(last, "\n" + REMINDER)
    lines.split_lines()


def _cell_starts(texts: list[str], p: _Page, rows: list[str]) -> list[int] | None:
    """The lines opening the rows of a page of the two-month-column layout, or None when not sure: a line opening
    with a capital — after a sentence's end where more so open than the page has rows; the lines before the first
    go on the page before's last row (``rows``, extended here) over the page break."""
    starts = [k for k in p.text if _STARTS_ROW.match(texts[k])]
    if len(starts) != len(p.dates):  # (a wrapped line opening with a capital: after a sentence's end)
        starts = [k for n, k in enumerate(p.text) if _STARTS_ROW.match(texts[k]) and _after_stop(texts, p.text, n)]
    ahead = [k for k in p.text if not starts or k < starts[0]]
    if ahead and rows and starts:  # (the end of the page before's last row, over the page break)
        rows[-1] = _continued(rows[-1], " ".join(texts[k] for k in ahead))
    elif ahead:
        return None
    if not starts or len(starts) != len(p.dates) or len(p.months) not in (0, len(p.dates)):
        return None
    return starts


def _beside(texts: list[str], head: int, stray: list[int]) -> dict[int, str] | None:
    """Where another table's column read after the log's closing heading (``stray``: its name, then a cell a line)
    goes: beside the column of codes right above the log's heading (``HCPCS Codes`` / ``J2356``), a cell to each
    line by order (line index → cell); None when the lines above are no such column of as many cells."""
    if not stray:
        return {}
    cells = [texts[k] for k in stray]
    k = head - 1
    while k >= 0 and not texts[k].strip():
        k -= 1
    column: list[int] = []
    while k >= 0 and len(column) < len(cells) - 1 and _CODE.match(texts[k]):
        column.insert(0, k)
        k -= 1
    if len(column) != len(cells) - 1 or k < 0 or not texts[k].strip() or "\t" in texts[k]:
        return None
    return dict(zip((k, *column), cells, strict=True))


def _starts(texts: list[str], text: list[int], rows: int) -> list[int] | None:
    """The lines of a page's descriptions (``text``) that open its ``rows`` rows, or None when not sure.

    A row opens on a line starting with a capital or a digit; when more lines so open than the page has dates (a
    wrapped line opening with a drug's name, ``II; references …``), only those that open after a finished
    sentence (the line above ends in ``.``) or with the family's review quarter (``1Q 2026 annual review:``)
    open a row — if they are then exactly as many as the dates."""
    if not text or not _STARTS_ROW.match(texts[text[0]]):
        return None
    starts = [k for k in text if _STARTS_ROW.match(texts[k])]
    if len(starts) != rows:
        starts = [
            k
            for n, k in enumerate(text)
            if n == 0
            or (_STARTS_ROW.match(texts[k]) and texts[text[n - 1]].rstrip().endswith("."))
            or _QUARTER.match(texts[k])
        ]
    return starts if len(starts) == rows else None


def _months(texts: list[str], page: _Page) -> list[str] | None:
    """Each date's approval month (``""`` for none), or None when not sure.

    As many months as dates go in order; fewer (a row approved by no committee, its cell empty) go each to the
    latest date not after it (a committee approves after the row's date), if no two months then share a date."""
    if not page.months:
        return [""] * len(page.dates)
    if len(page.months) == len(page.dates):
        return [texts[k] for k in page.months]
    if len(page.months) > len(page.dates) or any(_DATE_MONTH.match(texts[k]) for k in page.dates):
        return None
    out = [""] * len(page.dates)
    days = [_year_month(texts[k]) for k in page.dates]
    for k in page.months:
        month = _year_month(texts[k])
        fits = [n for n, d in enumerate(days) if d <= month]
        if not fits or out[fits[-1]]:
            return None
        out[fits[-1]] = texts[k]
    return out


def _year_month(cell: str) -> tuple[int, int]:
    """``12.14.21`` or ``02.22`` (``02/2022``) as (year, month)."""
    parts = cell.replace("/", ".").split(".")
    year = int(parts[-1])
    return (year + 2000 if year < 100 else year, int(parts[0]))


def _cells_after(texts: list[str], j: int) -> bool:
    """Whether a date or month cell stands alone after where the rows stopped (line ``j``), before the closing
    heading: rows the reading could not follow, so the table is not read at all rather than in part."""
    for k in range(j, min(len(texts), j + 40)):
        t = texts[k].strip("\f ")
        if t == REMINDER:
            return False
        if _DATE.match(t) or _MONTH.match(t) or _DATE_MONTH.match(t):
            return True
    return False


def _name_wrapped(texts: list[str], j: int) -> tuple[list[int], str] | None:
    """The lines from ``j`` (two to four, no blank between) that are a date column's name wrapped in its narrow
    column (``P&T Approval`` over ``Date``; a word broken where the column ended, without a hyphen: ``P&T`` /
    ``Approva`` / ``l Date``), and the name they write; else None."""
    for n in (2, 3, 4):
        if not (j + n <= len(texts) and all(texts[k].strip() for k in range(j, j + n))):
            return None
        parts = [texts[k].strip("\f ") for k in range(j, j + n)]
        # (each break a space, else inside a word: the name whichever way it reads, spaces first)
        for glue in itertools.product((" ", ""), repeat=n - 1):
            name = parts[0] + "".join(g + p for g, p in zip(glue, parts[1:], strict=True))
            if _NAMES.match(name):
                return list(range(j, j + n)), name
    return None


def _names_above(texts: list[str], head: int) -> list[int]:
    """The lines right above the heading (``head``) that are a date column's name wrapped a word a line."""
    out: list[int] = []
    k = head - 1
    while k >= 0 and not texts[k].strip():
        k -= 1
    while k >= 0 and texts[k].strip() and texts[k].strip().lower() in _NAME_WORDS and len(out) < 4:
        out.insert(0, k)
        k -= 1
    return out if out and _NAMES.match(" ".join(texts[j].strip() for j in out)) else []


def _dated_below(texts: list[str], j: int) -> bool:
    """Whether a date cell stands below line ``j`` before the closing heading: the table goes on there."""
    for t in texts[j + 1 :]:
        t = t.strip("\f ")
        if t == REMINDER:
            return False
        if _DATE.match(t) or _DATE_MONTH.match(t):
            return True
    return False


def _dates_follow(texts: list[str], j: int, months: bool = False) -> bool:
    """Whether the text from line ``j`` is followed by date cells before any blank-separated prose ends it: the
    next page's descriptions, not the text after the table."""
    k = j
    while k < len(texts):
        t = texts[k].strip("\f ")
        if _DATE.match(t) or _DATE_MONTH.match(t) or (months and _MONTH.match(t)):
            return True
        if t and not (_NAMES.match(t) or t == REMINDER or _MONTH.match(t)) and k > j and not texts[k - 1].strip():
            return False  # (a new block of prose: the table has ended)
        k += 1
    return False
