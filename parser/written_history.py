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

import re

from policyvc.lazy_re import lazy
from policyvc.parser.nodes import Paragraph, RevisionEntry, Row, Span, Table, YearMonth
from policyvc.parser.outline import OBlock, OItem, OList, ONote, OSection
from policyvc.parser.written_dates import DATE, find_dates, read_date

__all__ = ["change_entries", "is_history_table", "read_history"]

_HISTORY_HEADER = lazy(r"revision|review|history|action|change|summary|approv|description|update", re.I)
_LABELLED = lazy(
    r"^(?P<label>Devised|Created|Originated|Original(?:\s+Effective)?|Revised|Reviewed|Approved|Updated|"
    r"Last\s+Approval|Last\s+Reviewed?|Effective|Retired|Archived)(?:\s+Dates?)?\s*:\s*(?P<rest>.+)$",
    re.I,
)
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


def is_history_table(table: Table) -> bool:
    """A table of dated changes: a date column and a header that names revisions, actions or changes."""
    header = " ".join(table.header)
    return bool(_HISTORY_HEADER.search(header)) and bool(_date_columns(table))  # (the header first: cheap)


def _table_entries(table: Table) -> tuple[list[RevisionEntry], Table | None]:
    """The dated rows of a history table as entries, and the rows without a date as a table of their
    own (kept in the body: never dropped)."""
    cols = _date_columns(table)
    if not cols:
        return [], table
    out = []
    undated: list[Row] = []
    for row in table.rows:
        cell = " ".join(_cell(row, cols[0]))
        found = read_date(cell)
        if found is None:
            undated.append(row)
            continue
        pt = None
        if len(cols) > 1 and (second := read_date(" ".join(_cell(row, cols[1])))) is not None:
            pt = YearMonth(second.date.year, second.date.month)
        words = [" ".join(row.cells[j]) for j in range(len(row.cells)) if j not in cols[:2] and row.cells[j]]
        out.append(RevisionEntry(" ".join(words), found.date, pt, row.span))
    rest = Table(table.header, tuple(undated), undated[0].span) if undated else None
    return out, rest


def _cell(row: Row, j: int) -> tuple[str, ...]:
    return row.cells[j] if j < len(row.cells) else ()


def _line_entries(text: str, span: Span) -> list[RevisionEntry]:
    text = text.strip()
    if m := _LABELLED.match(text):
        label = " ".join(m.group("label").split()).capitalize()
        rest = m.group("rest")
        dates = find_dates(rest)
        out = []
        before = rest[: dates[0].start].strip(" ;,/") if dates else ""  # (words before the first date: kept)
        for k, d in enumerate(dates):
            stop = dates[k + 1].start if k + 1 < len(dates) else len(rest)
            words = rest[d.end : stop].strip(" ;,/")
            words = words[1:-1].strip() if words.startswith("(") and words.endswith(")") else words
            if k == 0 and before:
                words = f"{before} {words}".strip()
            out.append(RevisionEntry(f"{label}: {words}" if words else label, d.date, None, span))
        return out
    if (m := _LEADING_DATE.match(text)) and read_date(text) is not None:
        return [
            RevisionEntry(part[_leading(part) :].strip(), row.date, None, span)
            for part in _dated_rows(text, m.group(0).strip())
            if (row := read_date(part)) is not None
        ]
    return []


def _leading(text: str) -> int:
    m = _LEADING_DATE.match(text)
    return m.end() if m else 0


_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


def _dated_rows(text: str, lead: str) -> list[str]:
    """``text`` cut where another row of the same history begins: dated lines written one under the
    other without a blank between them come to the outline as one paragraph.  A row begins where,
    after the end of a sentence, a date of the first row's shape (digits and separators, ``02/2026 -``
    or ``02/11/2026``) is followed by the same separator and a capital; a date inside a sentence
    (``Effective date 01/19/2026.``) has another shape or no capital after it, and stays."""
    if not re.fullmatch(r"[\d/.\-–—:| ]+", lead):
        # a named month (``January 2026:``): another row begins at a named month and year with the same
        # separator after a sentence's end
        sep = re.escape(lead.rstrip()[-1]) if lead.rstrip()[-1:] in ":-–—|" else None
        if sep is None:
            return [text]
        shape = rf"{_MONTH_NAME}\s+\d{{4}}\s*{sep}"
    else:
        shape = re.sub(r"\d+", lambda d: rf"\d{{{len(d.group(0))}}}", re.escape(lead))
    starts = [0, *(m.start(1) for m in re.finditer(rf"[.;)\]]\s+({shape}\s*[A-Z])", text))]
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# Labels that name a change to the document, never its content: a line of one with dates is history
# wherever it stands (Geisinger writes ``Devised:``/``Revised:`` at the end, under no heading of its own).
_CHANGE_LABEL = lazy(r"^(?:Devised|Created|Originated|Revised|Reviewed)(?:\s+Dates?)?\s*:", re.I)


def change_entries(paragraph: Paragraph) -> list[RevisionEntry]:
    """The entries of a paragraph outside any history section that is a dated change line
    (``Revised: 6/23 (…); 1/26 (…)``); none for any other paragraph."""
    if not _CHANGE_LABEL.match(paragraph.text.strip()):
        return []
    return _line_entries(paragraph.text, paragraph.span)


def _item_text(item: OItem) -> str:
    return " ".join([item.text, *(_item_text(c) for c in item.children)])


def read_history(section: OSection) -> tuple[list[RevisionEntry], list[OBlock]]:
    """The entries of a history section, and its blocks that hold none (kept in the body)."""
    entries: list[RevisionEntry] = []
    unread: list[OBlock] = []
    for b in section.blocks:
        found: list[RevisionEntry] = []
        if isinstance(b, Table):
            found, undated_rows = _table_entries(b)
            if found and undated_rows is not None:
                unread.append(undated_rows)
        elif isinstance(b, (Paragraph, ONote)):
            found = _line_entries(b.text, b.span)
        elif isinstance(b, OList):
            undated: list[OItem] = []
            for i in b.items:
                dated = _line_entries(_item_text(i), i.span)
                found.extend(dated)
                if not dated:
                    undated.append(i)
            if found and undated:  # (the items without a date stay in the body)
                unread.append(OList(b.lead_in, b.connective, b.at_least, tuple(undated), undated[0].span))
            elif found and b.lead_in:
                unread.append(Paragraph(b.lead_in, b.span))
        elif isinstance(b, OSection):
            sub, kept = read_history(b)
            found = sub
            if kept:
                unread.append(OSection(b.title, b.marker, b.level, tuple(kept), b.span))
            entries.extend(found)
            continue
        if found:
            entries.extend(found)
        else:
            unread.append(b)
    return entries, unread
