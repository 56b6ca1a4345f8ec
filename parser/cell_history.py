"""A history table of three columns or more that ``pdftotext`` wrote a cell a line, read by its cells' shapes.

``pdftotext`` in reading order of a print writes a table's cells one after the other, a cell a line or a few:
a browser's print of ``Status | Review Date | Effective Date | Action`` gives the names (``Review`` / ``Date``
wrapped in their narrow columns), then each row's cells in turn (``Created`` / ``03/15/2019`` / ``11/01/2019`` /
``Independent … New`` / ``guideline.``), a status and a date now and then on one line (``Reviewed 09/22/2021``);
LibreOffice's print of ``Date | Action | Description`` gives a page's narrow columns a few rows at a time (``Date``
/ two dates / ``Action`` / two statuses, then a date and a status a row) and its wide column after them, past
the page's number (``Description`` and its cells wrapped, no blank line between two).  Whatever the order, each
column keeps its cells in the rows' order, and the cells of three columns are told apart by their shapes:

* a **date** alone (``03/15/2019``): the date columns' cells, a row's as many as the header names date columns
  (``Review Date``, ``Effective Date``);
* a **status** (``Created``, ``Revised``, ``Reviewed``, ``New``, ``Annual Review``): a word or two of a log's
  closed vocabulary, the cells of the column named first among the others;
* **text**: the other column's cells — a cell ends where a date, a status or a name comes between its lines,
  or, in a column written whole, at a sentence's end with a capital after it.

The n-th cells of the columns make the n-th row — only when every column holds as many cells (the date columns
twice as many for two), so no row is made up and none takes another's cell; a row whose second date reading
order set after its text (a print's cell placed lower) takes its dates in the order every other row has them
(a review before its effective date).  Else nothing is read here — the lines are left to the other readers, or
stay text, a date left unread under the history's heading said — never a history read in part.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from policyvc.lazy_re import lazy
from policyvc.parser.aligned_tables import join_cell
from policyvc.parser.template_spec import HEADINGS
from policyvc.parser.written_dates import read_date

__all__ = ["CellHistory", "read_cell_history"]

# the history's heading alone on its line (``History``, ``Policy History``, ``Revision History``)
_TITLE = lazy(r"^(?:[A-Z][\w&/-]*\s+){0,3}(?:History|Revision\s+Log|Change\s+Log)$")
# a column's name (``Review`` / ``Date``, ``Original`` / ``Effective`` / ``Date`` wrapped in a narrow column: one name)
_NAME = lazy(
    r"^(?:(?:(?:Original|Current|Last|Next)\s+)?(?:Review|Revision|Effective|Approval|Approved|Publication|Posted|"
    r"Implementation|Issue|Issued|Version)\s+)?Dates?"
    r"|Status|Actions?|Action\s+Taken|Descriptions?(?:\s+of\s+Changes?)?|Summary(?:\s+of\s+Changes?)?|Comments?|"
    r"Changes?|Notes?|Activity|Details|Reasons?(?:\s+for\s+Changes?)?|Explanation|Type(?:\s+of\s+(?:Revision|Change))?$"
)
_DATE_NAME = lazy(r"\bDates?$")
_STATUS_NAME = lazy(r"Status|Actions?")  # (a column that may hold statuses: the words column may still come)
# a log's status cell: a word or two of its closed vocabulary (never a sentence: no stop)
_STATUS = (
    r"(?:New|Created|Revised|Reviewed|Updated|Retired|Archived|Reaffirmed|Replaced|Approved|Published|Initial|"
    r"Reinstated|Annual\s+Review|Minor\s+Revision|Major\s+Revision|Coding\s+Update)"
)
_DIGIT_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
# cells reading order set on one line: statuses and dates only (``Reviewed 09/22/2021``), or a row's leading cells
# and its text's first line (``Reviewed 04/18/2023 09/01/2023 Annual review. …``, ``04/16/2024 10/01/2024 tumors;
# …``) — a status before text only with a date after it, so a sentence that opens with ``Revised`` stays text
_CELLS = lazy(rf"^(?:(?:{_STATUS}|{_DIGIT_DATE})(?:\s+|$))+$")
_LEAD = lazy(rf"^(?P<cells>(?:{_STATUS}\s+)?{_DIGIT_DATE}(?:\s+{_DIGIT_DATE})*)\s+(?P<text>\S.*)$")
_CELL = lazy(rf"{_STATUS}|{_DIGIT_DATE}")
_ENDED = lazy(r"[.!?][)\"”’]*$")
_MOST = 400  # (lines: a history is never longer)
_NARROW = 60  # (characters: a line of a column written whole — a page's body line is longer)


@dataclass(frozen=True, slots=True)
class CellHistory:
    """A history read: its header's names, its rows (the line each is written on, its cells), every line it
    took (names, cells: blanked, the furniture among them left), and the line after it."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    taken: tuple[int, ...]
    end: int


@dataclass(frozen=True, slots=True)
class _Cell:
    kind: str  # "name", "date", "status", "text"
    text: str
    at: int  # (its place in reading order)
    lines: tuple[int, ...]  # (the lines it was read from: a name wrapped over two or three)

    @property
    def line(self) -> int:
        return self.lines[0]


def read_cell_history(lines: Sequence[str], k: int, skipped: Callable[[int], bool]) -> CellHistory | None:
    """From a history's heading alone at line ``k``, its table written a cell a line (see the module); None
    when what is under it is no such table (three or four names, one or two of them a date's, two rows at
    least), or its cells do not share out over its rows (an empty cell, a cell of sentences a column written
    whole cannot cut): never a history read in part."""
    if not _TITLE.match(" ".join(lines[k].split())):
        return None
    cells = _scan(lines, k + 1, skipped)
    # (the header repeated after a page break: its names once)
    header = tuple(dict.fromkeys(c.text for c in cells if c.kind == "name"))
    dated = [h for h in header if _DATE_NAME.search(h)]
    others = [h for h in header if not _DATE_NAME.search(h)]
    if len(header) < 3 or not 1 <= len(dated) <= 2 or not 1 <= len(others) <= 2:
        return None
    if len(others) == 1:  # (no status column: a cell of the words' column is words, whatever they say)
        cells = [_Cell("text", c.text, c.at, c.lines) if c.kind == "status" else c for c in cells]
    dates = [c for c in cells if c.kind == "date"]
    columns = _date_columns(cells, dated)
    statuses = [c for c in cells if c.kind == "status"]
    n = len(statuses) if len(others) == 2 else len(dates) // len(dated)
    if n < 2 or not any(c.kind == "text" for c in cells):
        return None
    # (the words column: the one of two not named ``Status`` — nor ``Action`` beside another name —, else the one
    # whose cells reading order gives after the other's; text after every other column's cells and before the
    # words column's name — the next heading, which reading order set between the narrow columns and the wide
    # one — is none of its cells)
    words = _words_column(others, cells)
    named = next(c.at for c in cells if c.kind == "name" and c.text == words)
    narrow = max(c.at for c in cells if c.kind in ("date", "status"))
    cells = [c for c in cells if c.kind != "text" or not narrow < c.at < named]
    texts = _texts(lines, cells, n)
    last = max(c.lines[-1] for c in cells if c.kind != "text")
    if texts is not None:
        last = max(last, texts[-1][-1].lines[-1])
    taken = tuple(sorted({j for c in cells for j in c.lines if j <= last}))
    if texts is None or any(len(column) != n for column in columns):
        return None  # (the cells do not share out: the lines are left to the other readers, or stay text)
    rows: list[tuple[int, tuple[str, ...]]] = []
    for r in range(n):
        own = [column[r] for column in columns]
        if len(own) == 2 and max(d.at for d in own) > texts[r][0].at:
            own = _in_order(own, columns, texts)  # (a date reading order set after the row's text begins)
        by_name = {name: d.text for name, d in zip(dated, own, strict=True)}
        by_name[words] = join_cell([c.text for c in texts[r]])
        row = [*own, *texts[r]]
        if len(others) == 2:
            by_name[next(h for h in others if h != words)] = statuses[r].text
            row.append(statuses[r])
        rows.append((min(c.line for c in row), tuple(by_name[h] for h in header)))
    at = [line for line, _ in rows]
    if at != sorted(set(at)) or at[0] <= taken[0]:
        return None  # (rows that cannot each be written on a line of their own, below the header)
    return CellHistory(header, tuple(rows), taken, last + 1)


def _words_column(others: list[str], cells: list[_Cell]) -> str:
    """The name of the column of words among the two that are no date's (``Status`` / ``Action``,
    ``Action`` / ``Description``): the other one than ``Status``, or than ``Action`` beside a name that is
    neither; else the one whose first cell comes later in reading order (the column further right)."""
    if len(others) == 1:
        return others[0]
    for named in ("status", "action"):
        kept = [h for h in others if not h.casefold().startswith(named)]
        if len(kept) == 1:
            return kept[0]
    first_status = next((c.at for c in cells if c.kind == "status"), 0)
    first_text = next((c.at for c in cells if c.kind == "text"), 0)
    return others[1] if first_status <= first_text else others[0]


def _scan(lines: Sequence[str], j: int, skipped: Callable[[int], bool]) -> list[_Cell]:
    """The cells under the heading, in reading order, to the next heading, a table's row or the text's end."""
    out: list[_Cell] = []
    stop = min(len(lines), j + _MOST)

    def add(kind: str, text: str, *at: int) -> None:
        out.append(_Cell(kind, text, len(out), at))

    while j < stop:
        text = " ".join(lines[j].split())
        # (a column's name is read where it stands: the caller may count a name every page repeats as furniture)
        if not text or (skipped(j) and not _NAME.fullmatch(text)):
            j += 1
            continue
        if "\t" in lines[j]:
            break
        if (wrapped := _wrapped_name(lines, j)) is not None:
            add("name", " ".join(" ".join(lines[i].split()) for i in wrapped), *wrapped)
            j = wrapped[-1] + 1
            continue
        if _NAME.fullmatch(text) or (_TITLE.match(text) and out and all(c.kind == "name" for c in out)):
            add("name", text, j)  # (a history's name among the header's: ``Policy History`` over the words)
        elif text.casefold() in HEADINGS or _TITLE.match(text):
            if not _words_below(lines, j, out):
                break
            # (the heading after the table, which reading order set before its words column: left where it is)
        elif _CELLS.match(text) and all(_kind(m.group()) for m in _CELL.finditer(text)):
            for m in _CELL.finditer(text):
                add(_kind(m.group()), m.group(), j)
        elif (lead := _LEAD.match(text)) is not None and all(_kind(m.group()) for m in _CELL.finditer(lead["cells"])):
            for m in _CELL.finditer(lead["cells"]):
                add(_kind(m.group()), m.group(), j)
            add("text", lead["text"], j)
        else:
            add("text", text, j)
        j += 1
    return out


def _words_below(lines: Sequence[str], j: int, cells: list[_Cell]) -> bool:
    """Whether the heading at line ``j`` comes before the table's words column, which reading order set after it
    (LibreOffice's print: the narrow columns' cells, the next heading, then the wide column's name and cells):
    no words yet and no name of a words column, and a column's name the next line written."""
    if any(
        c.kind == "text" or (c.kind == "name" and not _DATE_NAME.search(c.text) and not _STATUS_NAME.fullmatch(c.text))
        for c in cells
    ):
        return False
    below = next((" ".join(lines[i].split()) for i in range(j + 1, min(j + 4, len(lines))) if lines[i].strip()), "")
    return bool(_NAME.fullmatch(below)) and not _DATE_NAME.search(below)


def _wrapped_name(lines: Sequence[str], j: int) -> tuple[int, ...] | None:
    """The lines of a column's name a narrow column wrapped (``Review`` / ``Date``, ``Original`` / ``Effective``
    / ``Date``) from line ``j``, when the first alone is no name; else None."""
    first = " ".join(lines[j].split())
    if _NAME.fullmatch(first):
        return None
    for size in (3, 2):
        part = [" ".join(lines[i].split()) for i in range(j, min(j + size, len(lines)))]
        if len(part) == size and all(part) and _NAME.fullmatch(" ".join(part)):
            return tuple(range(j, j + size))
    return None


def _kind(text: str) -> str:
    if re.fullmatch(_DIGIT_DATE, text):
        return "date" if read_date(text) is not None else ""
    return "status"


def _texts(lines: Sequence[str], cells: list[_Cell], n: int) -> list[list[_Cell]] | None:
    """The words column's ``n`` cells.  A cell starts where another column's cell came between its line and the
    text line before and the line does not go on in lower case (reading order gives a row's cells in turn);
    else, in a column written whole (its lines narrow), also where a sentence ends and a capital begins the
    next line.  Text after the table (past every other cell, a blank line before it) is no cell; None when
    neither gives ``n``."""
    found: list[_Cell] = []
    starts: list[_Cell] = []
    between = True
    for c in cells:
        if c.kind != "text":
            between = True
            continue
        if not found or (between and not c.text[:1].islower() and c.text[:1] not in "(,;"):
            starts.append(c)
        found.append(c)
        between = False
    if (cut := _cut(lines, cells, found, starts, n)) is not None:
        return cut
    ended = [
        c
        for i, c in enumerate(found)
        if c in starts or (i and _ENDED.search(found[i - 1].text) and c.text[:1].isupper())
    ]
    cut = _cut(lines, cells, found, ended, n)
    return cut if cut is not None and all(len(c.text) <= _NARROW for piece in cut for c in piece) else None


def _cut(
    lines: Sequence[str], cells: list[_Cell], found: list[_Cell], starts: list[_Cell], n: int
) -> list[list[_Cell]] | None:
    """``found`` cut at ``starts``: the first ``n`` pieces, when they are ``n`` and any after them is the page's
    text after the table (past every other cell, a blank line between)."""
    if len(starts) < n:
        return None
    bounds = [found.index(c) for c in starts] + [len(found)]
    pieces = [found[a:b] for a, b in pairwise(bounds)]
    if len(pieces) == n:
        return pieces
    rest = pieces[n][0]
    last = max(c.lines[-1] for c in cells if c.kind != "text")
    gap = any(not lines[j].strip() for j in range(pieces[n - 1][-1].lines[-1] + 1, rest.line))
    return pieces[:n] if rest.line > last and gap else None


def _in_order(own: list[_Cell], columns: list[list[_Cell]], texts: list[list[_Cell]]) -> list[_Cell]:
    """A row's two dates in the order of their columns when reading order set one after the row's text began:
    the order every row read in place has (the first column's date never later than the second's, or never
    earlier); as read when those rows disagree."""
    first, second = columns
    placed = [
        _date(first[r]) <= _date(second[r])
        for r in range(len(texts))
        if max(first[r].at, second[r].at) < texts[r][0].at
    ]
    if not placed or len(set(placed)) != 1:
        return own
    a, b = sorted(own, key=lambda d: d.at)
    return [a, b] if (_date(a) <= _date(b)) == placed[0] else [b, a]


def _date_columns(cells: list[_Cell], dated: list[str]) -> list[list[_Cell]]:
    """The dates of each date column, in its rows' order.  A date right under a date column's own name (a name
    set apart among the cells: LibreOffice's print gives a narrow column's first rows under its name, a block)
    is that column's, and so are the dates right after it; any other goes to the date column that has fewest
    so far (the first of them on a tie), as reading order gives a row's cells in turn."""
    out: list[list[_Cell]] = [[] for _ in dated]
    current: int | None = None
    for i, c in enumerate(cells):
        if c.kind == "name":
            alone = (i == 0 or cells[i - 1].kind != "name") and (i + 1 < len(cells) and cells[i + 1].kind == "date")
            current = dated.index(c.text) if alone and c.text in dated else None
        elif c.kind == "date":
            j = current if current is not None else min(range(len(dated)), key=lambda j: (len(out[j]), j))
            out[j].append(c)
        else:
            current = None
    return out


def _date(c: _Cell) -> dt.date:
    d = read_date(c.text)
    assert d is not None  # (a date cell is read so)
    return d.date
