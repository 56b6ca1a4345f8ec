"""A document's dated history, in any of the forms policies write it, as revision-log entries.

* a table with a date column (``Policy History/Revision Information``: ``Date | Summary of Changes``;
  ``Revision Details``; ``Status | Date | Action``; the family's ``Reviews, Revisions, and Approvals |
  Date | P&T Approval Date``): the first date column gives the entry's date, a second one the
  approval month, the other cells its description;
* dated lines (paragraphs, list items): ``January 2026: Coding change …``, ``02/2026 - …``,
  ``11/14/2025 Annual review …``;
* labelled dates: ``Devised: 6/22``, ``Revised: 6/23 (…); 1/26 (…)``, ``Last Approval: 02/11/2026``,
  each date with the words after it (in parentheses or up to the next date) as its description.

What is not dated stays in the body (returned as unread blocks).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from policyvc.lazy_re import lazy
from policyvc.parser.furniture import page_stamp
from policyvc.parser.nodes import Paragraph, RevisionEntry, Row, Span, Table, YearMonth
from policyvc.parser.outline import OBlock, OItem, OList, ONote, OSection
from policyvc.parser.written_dates import DATE, HISTORY_HEADER, ReadDate, find_dates, read_date

__all__ = ["change_entries", "dated_list_entries", "described_dates", "is_history_table", "read_history"]

_DATE_LABEL = (
    r"(?:Devised|Created|Originated|Origination|Original(?:\s+Effective)?|Current\s+Effective|Revised|Reviewed|Approved|"
    r"Updated|"
    r"Last\s+Approval|Last\s+Reviewed?|Effective|Retired|Archived)"
)
# (one label, or several joined by slashes: ``Reviewed/Revised: 04/11/2019, 06/10/2020, …`` — each date an entry)
_LABELLED = re.compile(
    rf"^(?P<label>{_DATE_LABEL}(?:\s*/\s*{_DATE_LABEL})*)(?:\s+Dates?)?\s*:\s*(?P<rest>.+)$",
    re.I,
)
_LABEL_ALONE = re.compile(rf"^(?P<label>{_DATE_LABEL})(?:\s+Dates?)?\s*:?\s*$", re.I)
# another date's label between two dates of a labelled line (``Reviewed: 03/2026; Revised: 03/2026 – …``)
_NEXT_LABEL = re.compile(rf"(?P<label>{_DATE_LABEL})(?:\s+Dates?)?\s*:", re.I)
# the dash a labelled date's words open with (``Revised: 03/2026 – Removed …``)
_DASH_LEAD = re.compile(r"^[-–—]\s*")
_LEADING_DATE = lazy(rf"^\W{{0,3}}(?:{DATE.pattern})\s*(?:[:\-–—|]\s*)?", re.I)


def _date_columns(table: Table) -> list[int]:
    """The columns holding dates: by their header, else by most of their cells reading as dates."""
    named = [j for j, h in enumerate(table.header) if re.search(r"\bdate\b", h, re.I)]
    if named:
        return named
    out = []
    for j in range(len(table.header)):
        cells = [" ".join(r.cells[j]) for r in table.rows if j < len(r.cells) and r.cells[j]]
        dated = [c for c in cells if (d := read_date(c)) is not None and d.end - d.start >= len(c.strip()) - 2]
        if cells and len(dated) * 2 > len(cells):
            out.append(j)
    return out


def _header_wrapped(table: Table) -> Table:
    """``table`` with its header's second line put back: a print whose header cells wrap over two lines each
    (``Effective`` / ``Date``, ``Description of`` / ``Change``) had the second line read as its first row.  Only
    when that row holds no date, each of its cells is a name's few words, and the header then names a date column
    it did not name before; any other table is returned as it is."""
    if not table.rows or any(_DATE_WORD.search(h) for h in table.header):
        return table
    first = table.rows[0]
    cells = [" ".join(c) for c in first.cells]
    if len(cells) != len(table.header) or any(
        len(c.split()) > 3 or read_date(c) is not None or re.search(r"[.;:]$", c) for c in cells
    ):
        return table
    header = tuple(f"{h} {c}".strip() for h, c in zip(table.header, cells, strict=True))
    if not any(_DATE_WORD.search(h) for h in header):
        return table
    return Table(header, table.rows[1:], table.span)


_DATE_WORD = re.compile(r"\bdate\b", re.I)


def is_history_table(table: Table) -> bool:
    """A table of dated changes: a date column, and another column whose header names revisions, actions
    or changes (``Date | Summary of Changes``, ``Status | Date | Action``).  A table whose only such word
    is on its date column lists dates of something else: an LCD's ``Public Versions`` (``Updated On |
    Effective Dates | Status``), a list of coverage documents (``Contractor | Determination Name/Number |
    Revision Effective Date``)."""
    table = _header_wrapped(table)
    if not HISTORY_HEADER.search(" ".join(table.header)):  # (the header first: cheap)
        return False
    dated = _date_columns(table)
    return bool(dated) and any(HISTORY_HEADER.search(h) for j, h in enumerate(table.header) if j not in dated)


def _rows_only(table: Table) -> bool:
    """A table under a history heading with no header row: its first row, taken for the header, begins
    with a date alone as its rows do (``08/14/2025 | Annual review; …``)."""
    cols = _date_columns(table)
    return bool(cols) and cols[0] == 0 and _alone(table.header[0]) is not None and len(table.header) > 1


def _dates_table(table: Table) -> bool:
    """A table under a history heading of date columns only, each named a date (``Revision Date | Approval
    Date``): a log's rows whose descriptions a print set apart and could not be paired with them (kept as
    text beside it, with a warning) — each row an entry with its dates and no description, never another
    row's words."""
    return len(table.header) > 1 and all(re.search(r"\bdate\b", h, re.I) for h in table.header)


def _table_entries(table: Table) -> tuple[list[RevisionEntry], Table | None]:
    """The dated rows of a history table as entries, and the rows without a date as a table of their
    own (kept in the body: never dropped)."""
    table = _header_wrapped(table)
    order = _date_columns(table)
    cols, fixed = _entry_first(table, order)
    if not cols:
        return [], table
    out: list[RevisionEntry] = []
    undated: list[Row] = []
    rows = table.rows
    if _alone(table.header[cols[0]]) is not None:
        # (a "header" whose date column holds a date is the first row: a copy's table with no header row —
        # tab-separated rows under the heading — had its first row taken for one)
        rows = (Row(table.header[cols[0]], tuple((c,) if c else () for c in table.header), table.span), *rows)
    if (ran := _dates_ran_in(rows, cols)) is not None:
        return [_ran_in_entry(row, ran) for row in rows], None
    # (the words a print set above the table's first date, its cell's date centred beside its lines: ``Updated
    # background and references.`` / ``01/08/2026  Updated induction dose limit. …``): that row's first words
    above: list[str] = []
    for row in rows:
        cell = " ".join(_cell(row, cols[0]))
        found = read_date(cell)
        if found is None and not out and not undated and _words_only(row, order):
            above.append(" ".join(" ".join(c) for j, c in enumerate(row.cells) if j not in order and c))
            continue
        fell = found is None and cols != order and not cell.strip()
        if fell:
            # (a row whose own date cell is empty dates by the column the table lists first: ``08/15/2001 | |
            # Medical Policy Committee approval``, the policy's first row, has only its original date)
            cell = " ".join(_cell(row, order[0]))
            found = read_date(cell)
        if found is None:
            undated.append(row)
            continue
        if len(several := _dates_only(cell)) > 1 and not any(
            row.cells[j] for j in range(len(row.cells)) if j != cols[0]
        ):  # (a column a copy ran into one cell, its rows' other cells elsewhere: a date an entry)
            out.extend(RevisionEntry("", d.date, None, row.span) for d in several)
            continue
        pt = None
        if (
            len(cols) > 1
            and cols[1] not in fixed
            and not fell
            and (second := read_date(" ".join(_cell(row, cols[1])))) is not None
        ):
            pt = YearMonth(second.date.year, second.date.month)
        words = [" ".join(row.cells[j]) for j in range(len(row.cells)) if j not in {*cols[:2], *fixed} and row.cells[j]]
        if above and not out:
            words, above = [*above, *words], []
        out.append(RevisionEntry(" ".join(words), found.date, pt, row.span))
    if above:  # (no dated row under them: kept in the body)
        undated = [r for r in rows if not read_date(" ".join(_cell(r, cols[0])))]
    rest = Table(table.header, tuple(undated), undated[0].span) if undated else None
    return out, rest


def _words_only(row: Row, cols: list[int]) -> bool:
    """Whether ``row`` holds words in a column that dates nothing, every date column (``cols``) empty and no date
    anywhere (a cell's first lines)."""
    texts = [" ".join(c) for j, c in enumerate(row.cells) if j not in cols and c]
    dated = any(" ".join(_cell(row, j)).strip() for j in cols)
    return bool(texts) and not dated and not any(find_dates(t) for t in texts)


# a date column's name that dates the policy's beginning, never a row's change (``Original Effective Date``)
_ORIGIN_COLUMN = re.compile(r"\b(?:original|origination|originated|initial|first)\b", re.I)


def _entry_first(table: Table, cols: list[int]) -> tuple[list[int], set[int]]:
    """The date columns in the order they date an entry (the first gives the entry's date, the second its
    approval month), and those that date no row.  A column whose date is the same on every row while another
    date column's dates differ from row to row (``Original Effective Date | Current Effective Date | Policy
    History``: the policy's first date written again on each row) dates no row's change: it is neither an
    entry's date nor its approval, nor its words — the first entry, the policy's beginning, carries that date
    in its own.  Among the rest a column the header names as the policy's origin (``Original …``, ``Initial
    …``) comes after one that does not; other tables keep their columns' order."""
    if len(cols) < 2:
        return cols, set()

    def dates(j: int) -> set[object]:
        return {d.date for row in table.rows if (d := read_date(" ".join(_cell(row, j)))) is not None}

    seen = {j: dates(j) for j in cols}
    varying = [j for j in cols if len(seen[j]) > 1]
    fixed = {j for j in cols if len(seen[j]) == 1 and len(table.rows) > 1} if varying else set()
    origin = {j for j in cols if _ORIGIN_COLUMN.search(table.header[j])}
    if origin >= set(cols) - fixed:
        origin = set()
    return sorted(cols, key=lambda j: (j in fixed, j in origin)), fixed


def _dates_ran_in(rows: tuple[Row, ...], cols: list[int]) -> int | None:
    """The column whose every cell begins with a date when the date column holds none: a narrow print's
    date column run into the next one's words (``-layout``: ``1.0   02/01/2024 Initial release`` under
    ``Version Date   Changes``, its header cut elsewhere).  Every row alike, or none: a single row whose
    words begin with a date is a row's words, never its date."""
    if not rows or any(read_date(" ".join(_cell(row, j))) for row in rows for j in cols):
        return None
    starts = {j for row in rows for j, c in enumerate(row.cells) if _starts_dated(" ".join(c))}
    if len(starts) != 1:
        return None
    (j,) = starts
    return j if all(_starts_dated(" ".join(_cell(row, j))) for row in rows) else None


def _ran_in_entry(row: Row, j: int) -> RevisionEntry:
    """A row of a table whose dates ran into column ``j``: the date leading that cell, the rest its words."""
    cell = " ".join(row.cells[j])
    found = read_date(cell)
    assert found is not None  # (every row's cell checked by _dates_ran_in)
    words = [" ".join(c) for k, c in enumerate(row.cells) if k != j and c]
    words.append(cell[_leading(cell) :].strip())
    return RevisionEntry(" ".join(w for w in words if w), found.date, None, row.span)


def _dates_only(text: str) -> list[ReadDate]:
    """The dates of ``text`` when it is dates and nothing more (``10/21/2026 10/15/2025``), else none."""
    dates = find_dates(text)
    ends = [0, *(d.end for d in dates)]
    starts = [*(d.start for d in dates), len(text)]
    rest = "".join(text[a:b] for a, b in zip(ends, starts, strict=True))
    return dates if dates and not rest.strip(" ;,|") else []


def _cell(row: Row, j: int) -> tuple[str, ...]:
    return row.cells[j] if j < len(row.cells) else ()


def _line_entries(text: str, span: Span) -> list[RevisionEntry]:
    text = _without_header(text.strip())
    if m := _LABELLED.match(text):
        label = "/".join(part.strip().capitalize() for part in " ".join(m.group("label").split()).split("/"))
        rest = m.group("rest")
        dates = find_dates(rest)
        out = []
        before = rest[: dates[0].start].strip(" ;,/") if dates else ""  # (words before the first date: kept)
        for k, d in enumerate(dates):
            stop = dates[k + 1].start if k + 1 < len(dates) else len(rest)
            words = rest[d.end : stop].strip(" ;,/")
            if k + 1 < len(dates) and (relabel := _NEXT_LABEL.fullmatch(words)) is not None:
                # (another label before the next date, the same line: ``Reviewed: 03/2026; Revised: 03/2026 – …`` —
                # this date is the first label's alone, the words after the next date the next label's)
                out.append(RevisionEntry(label, d.date, None, span))
                label = relabel.group("label").strip().capitalize()
                continue
            words = _DASH_LEAD.sub("", words)  # (``Revised: 03/2026 – Removed …``: the dash leads its words)
            if k and words.startswith(":"):
                # (a dated row of its own run onto the label's line — ``Original Effective Date: 01/01/2012`` /
                # ``09/26/2025: Annual review; …`` with no blank line between —: its words, not the label's)
                out.append(RevisionEntry(words[1:].strip(), d.date, None, span))
                continue
            words = words[1:-1].strip() if words.startswith("(") and words.endswith(")") else words
            if k == 0 and before:
                words = f"{before} {words}".strip()
            out.append(RevisionEntry(f"{label}: {words}" if words else label, d.date, None, span))
        return out
    if (m := _YEAR_FIRST.match(text)) and (month := read_date(f"{m.group('month')} {m.group('year')}")) is not None:
        return [RevisionEntry(text[m.end() :].strip(), month.date, None, span)]
    if (m := _LEADING_DATE.match(text)) and read_date(text) is not None:
        return [
            RevisionEntry(part[_leading(part) :].strip(), row.date, None, span)
            for part in _cluster_rows(text) or _dated_rows(text, m.group(0).strip())
            if (row := read_date(part)) is not None
        ]
    return []


# a row's date written year first, then its month (``2026: January – criteria updated``, ``2023: March``)
_YEAR_FIRST = lazy(
    r"^\W{0,3}(?P<year>(?:19|20)\d\d)\s*[:,]\s*(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)"
    r"(?![\w/])\.?\s*(?:[:\-–—]\s*|$)"
)
_DIGIT_DATE = r"(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})(?![\d/])"


def _cluster_rows(text: str) -> list[str]:
    """``text`` cut where another row begins, when its rows begin with two dates or more side by side
    (``5/1/17 2/21/17 2/21/17 Routine maintenance …``: effective, signature and approval dates; a copy ran
    the rows of the table together): each run of as many dates, then a word, begins a row, with or without
    a sentence's end before it — dates side by side are a table's cells, never prose.  None for other text."""
    lead = re.match(rf"{_DIGIT_DATE}(?:\s+{_DIGIT_DATE})+(?=\s+[^\W\d_])", text)
    if lead is None:
        return []
    count = len(re.findall(_DIGIT_DATE, lead.group(0)))
    run = rf"(?<!\S){_DIGIT_DATE}(?:\s+{_DIGIT_DATE}){{{count - 1}}}(?=\s+[^\W\d_])(?!\s+{_DIGIT_DATE})"
    starts = [m.start() for m in re.finditer(run, text)]
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _without_header(text: str) -> str:
    """``text`` without the header of a table whose rows a copy ran on after it (``Revision History Date
    Revision History Number Revision History Explanation 01/01/2026 R5 …``): column names, one naming the
    date, before the first date and no sentence's end among them."""
    first = read_date(text)
    if first is None or first.start == 0:
        return text
    before = text[: first.start]
    words = re.sub(_COLUMN_WORDS, " ", before, flags=re.I)
    if not re.search(r"\bdate\b", before, re.I) or "." in before:
        return text
    if not words.strip(" :|"):
        return text[first.start :]
    # (column names a payer coins — ``Policy Effective Date BCBSM Signature Date BCN Signature Date Comments``
    # — before rows that begin with dates side by side: each name capitalised, several of them)
    named = before.split()
    if len(named) >= 3 and all(w[:1].isupper() or w in "/&|" for w in named) and _cluster_rows(text[first.start :]):
        return text[first.start :]
    return text


def _leading(text: str) -> int:
    m = _LEADING_DATE.match(text)
    return m.end() if m else 0


_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


def _dated_rows(text: str, lead: str) -> list[str]:
    """``text`` cut where another row of the same history begins: dated lines written one under the
    other without a blank between them come to the outline as one paragraph.  A row begins where,
    after the end of a sentence, a date of the first row's shape (digits and separators, ``02/2026 -``
    or ``02/11/2026``) is followed by the same separator and a capital, or a date written with digits
    or as a quarter (``Q1 2025``: a copy's rows need not share a shape) by a capital; a date inside a
    sentence (``Effective date 01/19/2026.``) has no sentence end before it or no capital after it, and
    stays.  A named month (``January 2026:``) begins a row only with the first row's separator after it
    (``January 2026 guidelines`` is prose)."""
    bare = False
    if not re.fullmatch(r"[\d/.\-–—:| ]+", lead):
        # a named month (``January 2026:``): another row begins at a named month and year with the same
        # separator after a sentence's end
        sep = re.escape(lead.rstrip()[-1]) if lead.rstrip()[-1:] in ":-–—|" else None
        # (no separator: ``March 2026 Annual review.`` — a row when a capital follows, and so is each later
        # named month and year after a sentence's end with a capital after it)
        bare = bool(
            sep is None and re.fullmatch(rf"{_MONTH_NAME}\s+\d{{4}}", lead) and text[len(lead) :].strip()[:1].isupper()
        )
        if sep is None and not _QUARTER.match(lead) and not bare:
            return [text]
        if sep is not None:
            shape = rf"(?:{_MONTH_NAME}\s+\d{{4}}\s*{sep}|{_OTHER_ROW})"
        else:
            shape = rf"(?:{_MONTH_NAME}\s+\d{{4}}\s+|{_OTHER_ROW})" if bare else _OTHER_ROW
    else:
        # (a month or day written with one digit or two: ``6/08`` and ``10/15`` are rows of one shape)
        same = re.sub(r"\d+", lambda d: _digits(len(d.group(0))), re.escape(lead))
        shape = rf"(?:{same}|{_OTHER_ROW})"
    starts = [0, *(m.start(1) for m in re.finditer(rf"[.;)\]]\s+({shape}\s*[A-Z])", text))]
    if re.fullmatch(r"[\d/.\-–—:| ]+", lead) and len(re.findall(r"\d+", lead)) == 3:
        # (a full date — ``01-18-2024`` — of the first row's shape, then a capital, begins a row with no
        # sentence's end before it too: lines ``01-20-2022 New policy`` / ``01-18-2024 Upper limit raised``
        # that a copy joined; a date that prose leads to — ``effective 01-18-2024 Per …`` — stays)
        same = re.sub(r"\d+", lambda d: _digits(len(d.group(0))), re.escape(lead))
        joined = [m.start(1) for m in re.finditer(rf"(?<=\S)\s+({same}\s*[A-Z])", text) if _row_after(text, m.start())]
        starts = sorted({*starts, *joined})
    elif bare:
        # (a named month and year alone in its cell — ``April 2023 New policy`` / ``January 2025 Annual review``, a
        # table's rows a copy joined into one paragraph — begins a row with no sentence's end before it too, when
        # a capital follows and the words before do not lead to it: ``… per the March 2025 Guidelines`` stays)
        joined = [
            m.start(1)
            for m in re.finditer(rf"(?<=[^\W\d_])\s+({_MONTH_NAME}\s+\d{{4}}\s+[A-Z])", text)
            if _row_after(text, m.start()) and not _NAMES_MONTH.search(text[: m.start()].rstrip())
        ]
        starts = sorted({*starts, *joined})
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# words after which a date is prose's (``effective 01/18/2024``, ``on 01/18/2024``), never a new row's
_LEADS_TO_DATE = lazy(
    r"\b(?:on|of|by|from|to|through|thru|until|effective|dated?|since|before|after|and|or|as|at|in|eff\.?|"
    r"between|starting|beginning|ending)$|[-–—:,(/&]$",
    re.I,
)


# words after which a named month is prose's too (``the March 2025 guidelines``, ``per the January 2026 update``)
_NAMES_MONTH = lazy(r"\b(?:the|per|with|under|during|within|following|in|its|their|this|that|each|every)$", re.I)


def _row_after(text: str, at: int) -> bool:
    """Whether a date at ``at`` in ``text`` may begin a row: the words before it do not lead to it."""
    return not _LEADS_TO_DATE.search(text[:at].rstrip())


def _digits(n: int) -> str:
    """A run of ``n`` digits in a row's date, as a pattern: one or two for a month or day, else exactly ``n``."""
    return r"\d{1,2}" if n <= 2 else rf"\d{{{n}}}"


_QUARTER = re.compile(r"Q[1-4][\s\-/]?\d{4}\b")
# a row's date in any other shape that cannot be prose's (digits with separators, a quarter), its separator
_OTHER_ROW = (
    r"(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|Q[1-4][\s\-/]?\d{4})(?![\d/])"
    r"\s*(?:[:\-–—|]\s*)?"
)


# Labels that name a change to the document, never its content: a line of one with dates is history
# wherever it stands (Geisinger writes ``Devised:``/``Revised:`` at the end, under no heading of its own).
_CHANGE_LABEL = lazy(r"^(?:Devised|Created|Originated|Revised|Reviewed)(?:\s+Dates?)?\s*:", re.I)


# who reviewed or approved, after a header field's date: a few words, no change named (no clause after ``;``/``.``)
_BY_WHOM = lazy(r"^\s*by\s+(?:the\s+)?[\w&'’.-]+(?:,?\s+[\w&'’.-]+){0,7}\s*$", re.I)


# a header grid's short field a copy ran onto the change line's start (``Section: Surgery Revised: 8/24 (…)``)
_FIELD_BEFORE = lazy(
    r"^[A-Z][\w&/-]*(?:\s+[A-Z][\w&/-]*){0,2}\s*:\s+[^:;()\d]{1,40}?\s+"
    r"(?=(?:Devised|Created|Originated|Revised|Reviewed)(?:\s+Dates?)?\s*:\s*\d)"
)


def field_before_changes(text: str) -> str:
    """The short header field a copy ran onto a dated change line's start (``Section: Surgery`` of ``Section:
    Surgery Revised: 8/24 (…); 1/26 (…)``), ``""`` when the line starts with its change label or is none."""
    m = _FIELD_BEFORE.match(text.strip())
    return m.group(0).strip() if m else ""


def change_entries(paragraph: Paragraph, logged: bool = False) -> list[RevisionEntry]:
    """The entries of a paragraph outside any history section that is a dated change line
    (``Revised: 6/23 (…); 1/26 (…)``); none for any other paragraph.  ``logged``: the document keeps a
    history under a heading of its own — then a label with its dates and no words of theirs (``Revised:
    01-15-2026`` under the title) is the page's header field, the log's own row again, never an entry more.
    A short header field run onto the line's start (:func:`field_before_changes`) is no part of the entries."""
    text = paragraph.text.strip()
    text = text[len(field_before_changes(text)) :].strip()
    if not _CHANGE_LABEL.match(text):
        return []
    found = _line_entries(text, paragraph.span)
    if logged and all(":" not in e.description or _BY_WHOM.match(e.description.partition(":")[2]) for e in found):
        return []  # (``label`` alone, or who did it — ``Reviewed: 11/2025 by the Policy Committee`` —: no change)
    return found


# A list's lead-in that names a history and the one date of the changes listed under it (a web page's box at its
# top: ``Summary of Changes – Version 2026.1, effective 03/01/2026``, ``Recent Changes (effective 01/01/2026):``),
# at the end of its line (a copy may run it onto the line above: ``Guideline Number: RAD-7 Summary of Changes – …``)
_DATED_LEAD = re.compile(
    r"(?:^|(?<=\s))(?P<name>Summary\s+of\s+Changes|(?:Recent|Policy)\s+Changes|Change\s+Summary|What['’]s\s+New|"
    r"(?:Revision|Policy|Change|Review)\s+History|(?:Policy|Recent)\s+Updates)\b(?P<rest>(?:(?![.;]\s).)*?)\s*$",
    re.I,
)


def dated_list_entries(lst: OList, before: str = "") -> list[RevisionEntry]:
    """The entries of a list whose lead-in (or, with none, the line ``before`` it) names a history and one date
    (:data:`_DATED_LEAD`): each item, a change of that date.  Items with dates of their own, nested items or a
    lead-in with more than one date (or a next review's, ``… next review 03/2027``) and none: the list stays in
    the body."""
    m = _DATED_LEAD.search((lst.lead_in or before).strip())
    if m is None or not m.group("name")[:1].isupper() or len(m.group("rest").split()) > 10 or not lst.items:
        return []
    dates = find_dates(m.group("rest"))
    if len(dates) != 1 or re.search(r"\bnext\b|\bexpir", m.group("rest"), re.I):
        return []
    if any(i.children or find_dates(_item_text(i)) for i in lst.items):
        return []
    return [RevisionEntry(" ".join(_item_text(i).split()), dates[0].date, None, i.span) for i in lst.items]


def _item_text(item: OItem) -> str:
    return " ".join([item.text, *(_item_text(c) for c in item.children)])


def read_history(section: OSection) -> tuple[list[RevisionEntry], list[OBlock]]:
    """The entries of a history section, and its blocks that hold none (kept in the body).  A section
    whose blocks give none may be a table a copy wrote a cell a line (:func:`_cell_entries`)."""
    paired, blocks = _date_column(section.blocks)
    entries, unread = _block_entries(OSection(section.title, section.marker, section.level, blocks, section.span))
    entries = [*paired, *entries]
    cells = _cells(section)
    if re.search(r"\bdates?\b", section.title, re.I):  # (the section's title is the table's header row)
        cells = [("Date", section.span), *cells]
    texts, spans = [text for text, _ in cells], [span for _, span in cells]
    found, rest = _column_entries(texts, spans) if cells else ([], [])
    if cells and not found:
        found, rest = _paired_rows(texts, spans)
    if cells and not found:
        found, rest = _cell_entries(texts, spans)
    # (a table a copy wrote a cell a line, one row of it on a line of its own — ``Aug 2024 Bipolar I disorder
    # added`` among ``Jan 2026`` / ``Psychosocial …`` —: that row alone read as a dated line, the others lost)
    if len(found) <= len(entries):
        return entries, unread
    return found, [Paragraph(text, span) for text, span in rest]


def _date_column(blocks: tuple[OBlock, ...]) -> tuple[list[RevisionEntry], tuple[OBlock, ...]]:
    """The entries of a two-column table a raw extraction wrote a column at a time (``pdftotext`` of a
    Word table: its dates a line each, then its descriptions, each wrapped over lines), and the blocks
    left.  A description ends with a sentence's end and the next begins with a capital; when the
    descriptions so counted are as many as the dates, the n-th date goes with the n-th, else none are
    paired (each date is then read alone, the text kept in the body)."""
    k = 0
    while k < len(blocks):
        run = k
        dates: list[tuple[ReadDate, Span]] = []
        while run < len(blocks) and isinstance(blocks[run], Paragraph) and (found := _dates_only(_text(blocks[run]))):
            dates.extend((d, blocks[run].span) for d in found)
            run += 1
        if len(dates) < 2:
            k = run + 1
            continue
        end = run
        while end < len(blocks) and isinstance(blocks[end], (Paragraph, ONote)) and not find_dates(_text(blocks[end])):
            end += 1
        groups = _descriptions([_text(b) for b in blocks[run:end]])
        if len(groups) != len(dates):
            k = end
            continue
        out = [
            RevisionEntry(" ".join(words), d.date, None, span) for (d, span), words in zip(dates, groups, strict=True)
        ]
        return out, (*blocks[:k], *blocks[end:])
    return [], blocks


_ENDED = re.compile(r"[.!?][)\"”’]*$")


def _descriptions(texts: list[str]) -> list[list[str]]:
    """A history's descriptions from a column of its lines: one ends with a sentence's end and the next begins
    with a capital (else a line goes on the one above: ``Review: … updated;`` / ``references updated.``)."""
    groups: list[list[str]] = []
    for text in (t.strip() for t in texts):
        if groups and not (_ENDED.search(groups[-1][-1]) and text[:1].isupper()):
            groups[-1].append(text)
        else:
            groups.append([text])
    return groups


def described_dates(s: OSection, history: Callable[[str], bool]) -> OSection:
    """``s`` with a history section whose table ends with dated rows and no words in them (``Revision Date`` /
    ``01/01/2026``) joined to the section right after it named by a history's column (``Summary of Changes``),
    whose paragraphs before anything else are those rows' descriptions, as many as the rows
    (:func:`_descriptions`): a raw extraction of a history printed a column at a time, the page's last rows
    before a page break.  The rest of that section is the history's too (the table going on on the next page).
    Counts that differ: ``s`` as it was, the words kept as text."""
    blocks = list(s.blocks)
    for k, (b, after) in enumerate(itertools.pairwise(blocks)):
        if not (isinstance(b, OSection) and b.blocks and isinstance(table := b.blocks[-1], Table)):
            continue
        if not (isinstance(after, OSection) and not after.marker and _COLUMN_NAMES.fullmatch(after.title.strip(" :"))):
            continue
        if not history(b.title.casefold()) or not table.rows:
            continue
        if not all(len(r.cells) == 2 and _dates_only(" ".join(r.cells[0])) and not r.cells[1] for r in table.rows):
            continue
        n = next((j for j, x in enumerate(after.blocks) if not isinstance(x, Paragraph)), len(after.blocks))
        groups = _descriptions([_text(x) for x in after.blocks[:n]])
        if not n or len(groups) != len(table.rows):
            continue
        rows = tuple(
            Row(r.key, (r.cells[0], (" ".join(words),)), r.span) for r, words in zip(table.rows, groups, strict=True)
        )
        kept = (*b.blocks[:-1], Table(table.header, rows, table.span), *after.blocks[n:])
        blocks[k : k + 2] = [OSection(b.title, b.marker, b.level, kept, b.span)]
        return OSection(s.title, s.marker, s.level, tuple(blocks), s.span)
    return s


def _text(b: OBlock) -> str:
    return b.text if isinstance(b, (Paragraph, ONote)) else ""


def _block_entries(section: OSection) -> tuple[list[RevisionEntry], list[OBlock]]:
    entries: list[RevisionEntry] = []
    unread: list[OBlock] = []
    column: list[int] = []  # the sub-headings that are a history table's column names (``Date``, ``Action``)
    for b in section.blocks:
        found: list[RevisionEntry] = []
        if isinstance(b, Table):
            # (under a history heading too: a table of other dates — an LCD's public versions — is body)
            read = is_history_table(b) or _rows_only(b) or _dates_table(b)
            found, undated_rows = _table_entries(b) if read else ([], None)
            if not read:
                found = _field_rows(b)
            if found and undated_rows is not None:
                unread.append(undated_rows)
        elif isinstance(b, (Paragraph, ONote)) and _dates_only(b.text):
            pass  # (a date alone is a cell whose row's words are elsewhere: kept, and said, never an empty entry)
        elif isinstance(b, (Paragraph, ONote)):
            found = (
                _line_entries(b.text, b.span)
                or _status_rows(b.text, b.span)
                or _centred_status_row(b.text, b.span)
                or _row_entries(b.text, b.span)
                or _date_last(b.text, b.span)
            )
        elif isinstance(b, OList):
            undated: list[OItem] = []
            # (a list of dates under its field's label — ``Reviewed Dates:`` / ``• 2023: March`` —: an entry with no
            # words of its own is described by the label)
            label = m.group("label").capitalize() if b.lead_in and (m := _LABEL_ALONE.match(b.lead_in)) else ""
            for i in b.items:
                dated = [
                    RevisionEntry(label, e.date, e.pt_approval, e.span) if label and not e.description else e
                    for e in _line_entries(_item_text(i), i.span)
                ]
                found.extend(dated)
                if not dated:
                    undated.append(i)
            if found and undated:  # (the items without a date stay in the body)
                unread.append(OList(b.lead_in, b.connective, b.at_least, tuple(undated), undated[0].span))
            elif found and b.lead_in:
                unread.append(Paragraph(b.lead_in, b.span))
        elif isinstance(b, OSection):
            sub, kept = _block_entries(b)
            titled = _alone(b.title.strip(" :"))
            if titled is not None and not sub and (row := _dated_heading_row(titled, b)) is not None:
                # (a date alone on its line that a copy made a heading, its row's words under it)
                entries.append(row[0])
                if row[1]:
                    unread.extend(row[1])
                continue
            if titled is not None and any(e.date != titled.date for e in sub) and _words_then_date(b):
                # (a row's date as the heading over words that end with another date — two rows' cells run
                # together: which date goes with the words cannot be told, so none is paired; a paragraph that
                # opens with its date, ``04/15/2024 Reviewed; no changes``, is a row of its own and is read)
                sub, kept = [], list(b.blocks)
            if kept or not sub or not _told(b.title, sub):  # (a heading nothing was read from is text kept)
                unread.append(OSection(b.title, b.marker, b.level, tuple(kept), b.span))
                if _COLUMN_NAMES.fullmatch(b.title.strip(" :")) and not b.marker:
                    column.append(len(unread) - 1)  # (a column's name a copy wrote as a line: a heading if no row)
            entries.extend(sub)
            continue
        if found:
            entries.extend(found)
        else:
            unread.append(b)
    if entries and column:
        # the table's header, printed a name a line (pdftotext of a browser's print: ``Date`` / ``Action``): no
        # heading of the body — what was under it (the page's text after the table) stays, under the section
        flat: list[OBlock] = []
        for k, b in enumerate(unread):
            if k in column and isinstance(b, OSection):
                flat.extend(b.blocks)
            else:
                flat.append(b)
        unread = flat
    return entries, unread


def _field_rows(table: Table) -> list[RevisionEntry]:
    """The entries of a history set as a two-column table of fields (``Section | Detail``): a label and its date
    (``Original Date | September 2023``), a label and dated lines (``Review History | September 2024: annual
    review; …``), and rows whose label cell is empty under it, each a dated line (``| March 2025: …``, which a
    copy may write in the row's first cell, or run onto the label's).  Every row must give an entry, else the table
    stays as written."""
    if len(table.header) != 2 or any(read_date(h) is not None or _DATE_WORD.search(h) for h in table.header):
        return []  # (a header naming a date column is a log's: its readers' own)
    out: list[RevisionEntry] = []
    lines = 0  # (the dated lines read: a table of labels and dates alone is a head's fields, no history)
    for row in table.rows:
        label = ""
        found: list[RevisionEntry] = []
        for cell in (" ".join(c).strip() for c in row.cells):
            if not cell:
                continue
            first = read_date(cell)
            if first is None:
                if label or len(cell.split()) > _LABEL_WORDS or re.search(r"[.;:]$|\d", cell):
                    return []
                label = cell  # (the row's label: no date of its own)
                continue
            lead = cell[: first.start].strip()
            if lead:  # (a label a copy ran the next rows' dated lines onto: ``Review History March 2025: …``)
                if label or len(lead.split()) > _LABEL_WORDS or re.search(r"[.;:,]|\d", lead):
                    return []
                label, cell = lead, cell[first.start :]
            if len(dates := _dates_only(cell)) == 1:
                found.append(RevisionEntry(label, dates[0].date, None, row.span))
                continue
            # (a copy may run the rows under the label's into its cell: each dated line after a sentence's end)
            pieces = [p.strip() for p in _FIELD_ROW.split(cell) if p.strip()]
            dated = [e for piece in pieces for e in _line_entries(piece, row.span)]
            if len(dated) < len(pieces):
                return []
            lines += len(dated)
            found.extend(dated)
        if not found:
            return []
        out.extend(found)
    return out if len(out) >= 2 and lines else []


_LABEL_WORDS = 4  # (a field's label: a few words)
# where another dated line begins in a history field's cell: a sentence's end, then a date and its colon
_FIELD_ROW = lazy(rf"(?<=[.;])\s+(?=(?:{_MONTH_NAME}\s+\d{{4}}|\d{{1,2}}/(?:\d{{1,2}}/)?\d{{2,4}})\s*:)")


def _dated_heading_row(titled: ReadDate, section: OSection) -> tuple[RevisionEntry, list[OBlock]] | None:
    """The row of a date alone that a copy made a heading, its description the paragraphs under it (raw
    ``pdftotext`` of a table, a cell a line: ``01/15/2026`` / ``Added Kyzatrex …`` / ``capsules and …``): the
    description runs on over the lines that go on in lower case; what follows it (a page's footer, a line that
    starts with a capital) stays in the body.  ``None`` when anything under it is not an undated paragraph."""
    blocks = section.blocks
    if blocks and isinstance(blocks[0], OList) and not any(find_dates(_item_text(i)) for i in blocks[0].items):
        # (a date over a list of its changes — ``Summary of Changes`` / ``07/01/2026`` / ``• Updated …`` / ``• …``:
        # one entry, each item a clause of it; what follows the list stays in the body)
        items = [" ".join(_item_text(i).split()) for i in blocks[0].items]
        said = " ".join(t if t[-1:] in ".;:!?" else f"{t};" for t in items if t).rstrip(";")
        lead = f"{blocks[0].lead_in.strip()} " if blocks[0].lead_in else ""
        return RevisionEntry(f"{lead}{said}".strip(), titled.date, None, section.span), list(blocks[1:])
    if not blocks or not all(isinstance(x, (Paragraph, ONote)) and not find_dates(_text(x)) for x in blocks):
        return None
    words: list[str] = []
    k = 0
    while k < len(blocks):
        text = _text(blocks[k]).strip()
        if words and text[:1].isupper():
            break
        words.append(text)
        k += 1
    entry = RevisionEntry(" ".join(" ".join(words).split()), titled.date, None, section.span)
    return entry, list(blocks[k:])


def _told(title: str, entries: list[RevisionEntry]) -> bool:
    """Whether a heading whose blocks all became ``entries`` says nothing more: a year or date over them
    (``2025``), a column's name, or words an entry holds.  Else (``Focused Review``: a row's type cell a
    copy made a heading) the heading stays in the body, never lost."""
    t = title.strip(" :")
    if (d := _alone(t)) is not None:
        # (a date over entries of another month — a row whose text cell is empty, its date the heading over the
        # next rows — says a row of its own: kept, never lost)
        return any(e.date is not None and (e.date.year, e.date.month) == (d.date.year, d.date.month) for e in entries)
    if not t or re.fullmatch(r"\d{4}", t) or _COLUMN_NAMES.fullmatch(t):
        return True  # (a column's name, or the header row's names on one line: ``Date Revision``, ``Action Date``)
    if re.search(r"\bdate\b", t, re.I) and not re.sub(
        rf"{_COLUMN_WORDS}|\b(?:effective|approv(?:al|ed))\b", "", t, flags=re.I
    ).strip(" |/"):
        return True  # (a header row of more names, each the log's words: ``Status Review Date Effective Date Action``)
    return any(t.casefold() in e.description.casefold() for e in entries)


def _row_entries(text: str, span: Span) -> list[RevisionEntry]:
    """A paragraph of a history section with one date inside it: a row of a table laid out with spaces
    whose date column is not the first, its cells run together (``Annual Revised policy statement …
    03/15/2026 Revision blocks changed …``): one entry, the date taken out of its words."""
    dates = find_dates(text)
    if len(dates) != 1 or (dates[0].month_only and not re.search(r"\d", text[dates[0].start : dates[0].end])):
        return []  # (none, several — prose about dates —, or a named month alone: ``January 2026 guidelines``)
    d = dates[0]
    if text[: d.start].rstrip().endswith(":"):
        return []  # (a labelled date — ``Next Review: 01/14/2027``, ``Last Modified: …`` — is no row)
    if _PRINTED.search(text[: d.start]) or _PAGE_OF.search(text):
        return []  # (a print's or a copy's own date, its page footer: ``Printed on 08/19/2026. Page 6 of 6.``)
    if page_stamp(text):
        return []  # (a page's stamp of its last update, the site's: ``Public Versions: Updated On 12/11/2025``)
    words = " ".join(f"{text[: d.start]} {text[d.end :]}".split())
    return [RevisionEntry(words, d.date, None, span)]


# the date a copy was printed, retrieved or generated (a page's footer, never the policy's history), and a page count
_PRINTED = re.compile(
    r"\b(?:printed|retrieved|accessed|downloaded|generated|exported|viewed)(?:\s+(?:on|at))?\s*[:,]?\s*$", re.I
)
_PAGE_OF = re.compile(r"\bpage\s+\d+\s+of\s+\d+\b", re.I)


# a row that opens with its status, one capitalised word, then its dates side by side and its words
# (``Revised 09/20/2024 03/01/2025 Red flag list reorganized``: ``Status | Review Date | Effective Date | Action``)
_STATUS_ROW = lazy(rf"^(?P<status>[A-Z][a-z]+)\s+(?P<dates>{_DIGIT_DATE}(?:\s+{_DIGIT_DATE})*)\s+(?=[^\W\d_])")


def _status_rows(text: str, span: Span) -> list[RevisionEntry]:
    """A paragraph of a history section that is rows of a status-first table a copy set one space apart and
    joined: each row its status word, as many dates as the first row's, then its words.  A row begins at a
    capitalised word with that many dates after it and a word after them, where the words before do not
    lead to the dates (``… effective 03/01/2025``); each entry is its first date, its status and its words.
    A paragraph that does not open so, or a row with a date among its words: none."""
    first = _STATUS_ROW.match(text)
    if first is None:
        return []
    count = len(re.findall(_DIGIT_DATE, first.group("dates")))
    dates = rf"{_DIGIT_DATE}(?:\s+{_DIGIT_DATE}){{{count - 1}}}"
    row = rf"(?<!\S)[A-Z][a-z]+\s+{dates}\s+(?=[^\W\d_])"
    starts = [m.start() for m in re.finditer(row, text) if m.start() == 0 or _row_after(text, m.start())]
    out = []
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        m = _STATUS_ROW.match(text[a:b])
        assert m is not None
        words = text[a + m.end() : b].strip()
        if find_dates(words) or len(re.findall(_DIGIT_DATE, m.group("dates"))) != count:
            return []
        found = read_date(m.group("dates"))
        if found is None:
            return []
        out.append(RevisionEntry(f"{m.group('status')} {words}", found.date, None, span))
    return out


_CENTRED_ROW = lazy(
    rf"^(?P<lead>[A-Z][^.!?]*?[a-z,;]) (?P<status>[A-Z][a-z]+)\s+(?P<dates>{_DIGIT_DATE}(?:\s+{_DIGIT_DATE})*)\s+"
    r"(?P<rest>[a-z].*)$"
)


def _centred_status_row(text: str, span: Span) -> list[RevisionEntry]:
    """A paragraph of a history section that is one row of a status-first table whose words wrapped over three
    lines or more, a print's narrow cells set beside the middle one (``-layout``: ``Pediatric age limit raised …
    system`` / ``Revised 04/16/2024 10/01/2024 tumors; reirradiation …`` / ``shows a dose advantage.``, joined):
    the words before the status — no sentence's end in them — and those after the dates, going on in lower case,
    are the row's; the entry is its first date, its status and its words.  Any other paragraph: none."""
    m = _CENTRED_ROW.match(text)
    if m is None or find_dates(m["lead"]) or find_dates(m["rest"]) or (found := read_date(m["dates"])) is None:
        return []
    return [RevisionEntry(f"{m['status']} {m['lead']} {m['rest']}", found.date, None, span)]


def _date_last(text: str, span: Span) -> list[RevisionEntry]:
    """A paragraph of a history section that is rows of a table whose date is its last column, run
    together (``Annual review. No changes. 01/09/2025 Coding update: 81430 added. 05/01/2024``): it ends
    in a date and every row's dates follow a sentence's end; each row's dates end it.  A row may end in two
    dates side by side, its date and its approval's (the family's ``Date | Approval Date``: ``Policy
    developed. 11/17 11/17``)."""
    dates = find_dates(text)
    if len(dates) < 2 or text[dates[-1].end :].strip(" ."):
        return []
    rows: list[list[ReadDate]] = []
    for d in dates:  # (dates with nothing but spaces between them: one row's)
        if rows and not text[rows[-1][-1].end : d.start].strip() and len(rows[-1]) < 2:
            rows[-1].append(d)
        else:
            rows.append([d])
    if len(rows) < 2 and len(dates) < 2:
        return []
    if not all(re.search(r"[.;)]\s*$", text[: row[0].start]) for row in rows):
        return []
    out = []
    start = 0
    for row in rows:
        first, *second = row
        pt = YearMonth(second[0].date.year, second[0].date.month) if second else None
        out.append(RevisionEntry(" ".join(text[start : first.start].split()), first.date, pt, span))
        start = row[-1].end
    return out


def _cells(section: OSection) -> list[tuple[str, Span]]:
    """The section's lines in order: its subsections' titles and its paragraphs' texts."""
    out: list[tuple[str, Span]] = []
    for b in section.blocks:
        if isinstance(b, OSection):
            out.append((b.title, b.span))
            out.extend(_cells(b))
        elif isinstance(b, (Paragraph, ONote)):
            out.append((b.text, b.span))
        else:
            return []  # (a list or a table: not a table written a cell a line)
    return out


# The names of a history table's columns (``Type of`` / ``Revision`` / ``Summary of Changes`` / ``Date``).
_COLUMN_NAME = re.compile(
    r"(?:type\s+of(?:\s+(?:revision|change))?|revision|summary(?:\s+of\s+changes?)?|changes?|updates?|date|status|actions?|"
    r"description|comments?|reasons?(?:\s+for\s+change)?|version|explanation|details|activity|activities)",
    re.I,
)


_COLUMN_NAMES = re.compile(rf"{_COLUMN_NAME.pattern}(?:\s*[|/]?\s+{_COLUMN_NAME.pattern}){{0,3}}", re.I)


# a header's words: column names and the history's name they repeat (``Revision History Date``)
_COLUMN_WORDS = (
    r"\b(?:revision|review|history|policy|document|number|date|status|actions?|type|of|summary|changes?|"
    r"description|comments?|reasons?|for|version|explanation|details)\b"
)


def _words_then_date(section: OSection) -> bool:
    """Whether a block right under ``section`` is words with a date after them (``… within 12 months
    07/01/2023``, or a row then the next row's date and words): a row's text run into the next row's date,
    not a row that opens with its own and holds no other."""
    return any(
        isinstance(b, (Paragraph, ONote))
        and (dates := find_dates(b.text))
        and (not _starts_dated(b.text) or len(dates) > 1)
        for b in section.blocks
    )


def _alone(text: str) -> ReadDate | None:
    """The date ``text`` is and nothing more (a cell of its own), else ``None``."""
    d = read_date(text)
    return d if d is not None and d.start <= 1 and d.end >= len(text.strip()) - 1 else None


def _short_name(text: str) -> bool:
    """A column's name: short, capitalised, no digit, no sentence's end (``Section``, ``Affected Area``)."""
    t = text.strip(" :")
    return 0 < len(t.split()) <= 3 and t[:1].isupper() and not re.search(r"[\d.;,]", t)


def _starts_dated(text: str) -> bool:
    d = read_date(text)
    return d is not None and d.start == 0


def _dates_apart(cells: list[str], spans: list[Span], k: int) -> tuple[list[str], list[Span]]:
    """``cells`` with each one after the header (from ``k``) that begins with a date written in digits
    and holds a short cell after it (``11/2024 1.2``: two cells a copy set on one line) cut in two."""
    out_cells, out_spans = list(cells[:k]), list(spans[:k])
    rows_alone = k < len(cells) and _alone(cells[k]) is not None
    for text, span in zip(cells[k:], spans[k:], strict=True):
        d = read_date(text)
        rest = text[d.end :].strip() if d is not None else ""
        short = len(rest.split()) <= 2 and re.match(r"\d", text)
        # (a row a copy set on one line among rows written a cell a line: a date alone begins the first row)
        if d is not None and d.start == 0 and rest and (short or (rows_alone and rest[:1].isupper())):
            out_cells.extend([text[: d.end].strip(), rest])
            out_spans.extend([span, span])
        else:
            out_cells.append(text)
            out_spans.append(span)
    return out_cells, out_spans


def _cell_entries(cells: list[str], spans: list[Span]) -> tuple[list[RevisionEntry], list[tuple[str, Span]]]:
    """A history table a copy wrote a cell a line (pdftotext of a browser's print): its header's column
    names (one of them ``Date``), then rows whose date is a line of its own.  The date ends its row when
    the header's first row does not begin with one (``Type of Revision | Summary of Changes | Date``:
    the cells since the last date are the row's), else it begins its row.  The lines after the last row
    of a date-last table stay in the body; no header naming a date column: no entries."""
    k = 0
    while k < len(cells) and _COLUMN_NAME.fullmatch(cells[k].strip(" :")):
        k += 1
    if k and cells[0].strip(" :").casefold() == "date":
        # (the date first: the header's other names may be any short names — ``Section`` — up to the first
        # row's date; a date with a short cell after it on its line, ``11/2024 1.2``, is two cells)
        more = k
        while more < len(cells) and more - k < 4 and _short_name(cells[more]):
            more += 1
        if more < len(cells) and _starts_dated(cells[more]):
            k = more
        cells, spans = _dates_apart(cells, spans, k)
    header = [c.strip(" :").casefold() for c in cells[:k]]
    if "date" not in header or k == len(cells):
        return [], []
    dates = [j for j in range(k, len(cells)) if _alone(cells[j]) is not None]
    if len(dates) < 1:
        return [], []
    out: list[RevisionEntry] = []
    first = dates[0] == k  # (the date begins each row)
    bounds = [*dates, len(cells)] if first else [k - 1, *dates]
    width = bounds[1] - bounds[0]  # (the first row's cells: a date-first table ends at a longer row)
    end = len(cells)
    for n, j in enumerate(dates):
        stop = bounds[n + 1]
        if first and stop - j > width + 1:
            stop = end = j + width  # (its last row, then another table or the page's text)
        words = cells[j + 1 : stop] if first else cells[bounds[n] + 1 : j]
        d = _alone(cells[j])
        assert d is not None
        out.append(RevisionEntry(" ".join(words), d.date, None, spans[j]))
        if end < len(cells):
            break
    after = end if first else dates[-1] + 1
    if not first:
        # (a date-last row whose cells a copy set on one line — ``Pediatric age lowered to 12 Jan 2026`` after
        # ``Policy created`` / ``Jun 2023``: its words fit beside its date —: the date that ends it, read in the
        # shape of the column's other dates, ends the row)
        month_only = all(d.month_only for j in dates if (d := _alone(cells[j])) is not None)
        while after < len(cells) and (row := _date_ending(cells[after], month_only)) is not None:
            out.append(RevisionEntry(row[0], row[1].date, None, spans[after]))
            after += 1
    return out, list(zip(cells[after:], spans[after:], strict=True))


# a cell of a row's two dates set on one line (``09/17 10/17``), then maybe the rest of the row's text the
# dates stood beside (middle-aligned: ``10/25 10/25 and updated.``)
_PAIRED = re.compile(r"^(?P<a>\S+)\s+(?P<b>\S+)(?:\s+(?P<more>[a-z(].*))?$", re.S)


def _paired(cell: str) -> tuple[ReadDate, ReadDate, str] | None:
    m = _PAIRED.match(cell.strip())
    if m is None or (a := _alone(m["a"])) is None or (b := _alone(m["b"])) is None:
        return None
    return a, b, m["more"] or ""


def _paired_rows(cells: list[str], spans: list[Span]) -> tuple[list[RevisionEntry], list[tuple[str, Span]]]:
    """A log of two date columns a copy wrote a cell a line with each row's two dates on one line after its
    text (``Date`` / ``Approval Date`` / ``Policy developed`` / ``09/17 10/17`` / …): the header's short
    names, two of them dates', then rows of a text and its dates — the text's rest after the dates (a row
    whose dates stood beside the middle of its text: ``10/25 10/25 and updated.``) is the row's.  The first
    date is the revision's, the second the approval's (the other way round when the header names the
    approval's column first).  Two rows at least, each exactly so, else nothing (the other readers try)."""
    p = next((j for j, c in enumerate(cells) if _paired(c) is not None), None)
    if p is None or p < 3:
        return [], []
    header = cells[: p - 1]
    names = [c for c in header if re.search(r"\bdate\b", c, re.I)]
    if len(names) != 2 or not all(_short_name(c) and not find_dates(c) for c in header):
        return [], []
    swap = bool(re.search(r"approv", names[0], re.I)) and not re.search(r"approv", names[1], re.I)
    out: list[RevisionEntry] = []
    i = p - 1
    while i + 1 < len(cells) and not find_dates(text := cells[i]) and text[:1].isupper():
        pair = _paired(cells[i + 1])
        if pair is None:
            break
        first, second, more = pair
        own, approval = (second, first) if swap else (first, second)
        words = " ".join(f"{text} {more}".split())
        out.append(RevisionEntry(words, own.date, YearMonth(approval.date.year, approval.date.month), spans[i]))
        i += 2
    if len(out) < 2:
        return [], []
    return out, list(zip(cells[i:], spans[i:], strict=True))


def _column_entries(cells: list[str], spans: list[Span]) -> tuple[list[RevisionEntry], list[tuple[str, Span]]]:
    """A two-column history table a copy wrote a column at a time, each cell a line (pdftotext of a browser's
    print: ``Revision`` / its cells, then ``Date`` / its dates): the words column's name and cells, then
    ``Date`` and as many dates, each a line of its own; the n-th date goes with the n-th cell.  A cell that
    wrapped over two lines makes the counts differ: then nothing is paired (empty), never a guess."""
    if len(cells) < 5 or not _COLUMN_NAME.fullmatch(cells[0].strip(" :")) or re.search(r"date", cells[0], re.I):
        return [], []
    at = next((j for j in range(1, len(cells)) if cells[j].strip(" :").casefold() == "date"), None)
    if at is None or at < 3:  # (two rows at least)
        return [], []
    words = cells[1:at]
    dates = [d for c in cells[at + 1 : at + 1 + len(words)] if (d := _alone(c)) is not None]
    if len(dates) != len(words) or any(_alone(w) is not None or find_dates(w) for w in words):
        return [], []
    out = [
        RevisionEntry(" ".join(w.split()), d.date, None, spans[at + 1 + n])
        for n, (w, d) in enumerate(zip(words, dates, strict=True))
    ]
    after = at + 1 + len(words)
    if after < len(cells) and _alone(cells[after]) is not None:
        return [], []  # (more dates than cells: which goes with which cannot be told)
    return out, list(zip(cells[after:], spans[after:], strict=True))


def _date_ending(cell: str, month_only: bool) -> tuple[str, ReadDate] | None:
    """The words of ``cell`` and the date that ends it when it is a row's words then its date: words that do
    not lead to the date (``… effective 01/2026`` is prose's) and hold no other date.  Of the dates the end
    may be read as (``12 Jan 2026`` or ``Jan 2026``) the one of the column's shape: a month when its other
    dates name months."""
    words = cell.split()
    ends = [
        (" ".join(words[:k]), d)
        for k in range(len(words) - 1, 0, -1)
        if (d := _alone(" ".join(words[k:]))) is not None and d.start == 0
    ]
    if not ends:
        return None
    text, d = ends[0] if month_only else ends[-1]
    if find_dates(text) or not _row_after(text, len(text)) or not re.search(r"[^\W\d_]{2}", text):
        return None
    return text, d
