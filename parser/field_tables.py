"""What a table near the head of a document is, decided once: the document's table of contents, its header's
fields in one of the arrangements payers give them, or a table of the body.

A header arrives as a table in several arrangements (each read here by its shape, then by the template's labels):

* **pairs** — a label and its value a row (``Policy Number: | III-SUR.18``), or two such pairs a row (a web
  page's ``Policy Number | 0123 | Effective | 01/01/2026``);
* **grid** — labels over a row of their values (``POLICY NUMBER | LAST REVIEW`` / ``MG.12 | 08/12/2026``);
* **cells** — every cell a labelled field of its own (``Guideline #: CG-1 ⇥ Publish Date: …``: fields set
  side by side with tabs);
* **contents** — the document's table of contents under its title.

The head reads the fields of a table of fields (:attr:`HeadTable.fields`, one ``Label: value`` line each) only
when they name the header's identifier or a date and most of its lines are fields; anything else stays the table
it is (a history, a codes or a dosing table right under the title is the body's), and a field the document then
does not state is the header reader's diagnostic, as for any document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from policyvc.lazy_re import lazy
from policyvc.parser.nodes import Paragraph, Span, Table
from policyvc.parser.outline import contents_line

__all__ = ["HeadTable", "Labels", "TableKind", "classify_table"]


class TableKind(StrEnum):
    """What a table near the head is."""

    CONTENTS = "contents"  # the document's table of contents (``Table of Contents | Page``, dotted lines)
    PAIRS = "pairs"  # a label and its value a row (two columns, or two pairs a row)
    GRID = "grid"  # labels over a row of their values
    CELLS = "cells"  # every cell a ``Label: value`` field of its own
    BODY = "body"  # a table of the body (codes, a history, doses …)

    @property
    def front(self) -> bool:
        """Whether the table is front matter under a title, never the body a heading heads."""
        return self is not TableKind.BODY


@dataclass(frozen=True, slots=True)
class Labels:
    """The header's labels as the head reads them (the template's: see ``template_core``)."""

    named: Callable[[str], frozenset[str]]  # the fields a line's labels name (``reference``, ``effective``, …)
    starts: Callable[[str], bool]  # whether a labelled field starts a line (not one inside a sentence)


@dataclass(frozen=True, slots=True)
class HeadTable:
    """A table's kind and the header's fields it states (``()`` when the head reads none from it)."""

    kind: TableKind
    fields: tuple[Paragraph, ...] = ()


# The fields that make a table the header's: the identifier and its dates (a title or ``Status`` alone do not)
_HEADER_FIELDS = frozenset({"reference", "effective", "review"})
_DOCUMENT_FIELDS = _HEADER_FIELDS | {"title"}  # (what names the document: one value, never one a row)
# A header grid's column names (``POLICY NUMBER | LAST REVIEW | ORIGIN DATE``): the title's fields, not body
_GRID_LABEL = lazy(r"\b(?:number|no\.?|date|review|revised|effective|origin(?:al)?|version|id)\s*:?\s*$", re.I)
# A cell of a label the template does not know and its value, set beside a known field's cell (``Guideline
# Number: PH-0317 ⇥ Applies to: Commercial``, ``Criteria ID: X-233 ⇥ Approved by: P&T Committee``): a label of a
# few words, a colon, a value — a field of the header's still, never a sentence's clause
_FIELD_CELL = lazy(r"^[A-Z][\w'’/&()-]*(?:\s+[\w'’/&()-]+){0,3}:\s+\S")
# A cell's label written alone, its value in the paragraph under it (``Effective Date:``): a few words, a colon
_BARE_LABEL = lazy(r"^[A-Z][\w'’/&()-]*(?:\s+[\w'’/&()-]+){0,4}:$")
_PAIR_LABEL_WORDS = 6  # words a label of a pairs table has at most (``Prior Authorization Required``)

_Line = tuple[str, Span]


def classify_table(table: Table, labels: Labels) -> HeadTable:
    """What ``table`` is (:class:`TableKind`) and, for a table of the header's fields, the fields it states."""
    if table.header and "contents" in table.header[0].casefold():
        return HeadTable(TableKind.CONTENTS)
    rows = _folded(_rows(table))
    if len(table.header) >= 2:
        if (cells := _cells(rows, labels)) is not None:
            return HeadTable(TableKind.CELLS, cells)
        if (grid := _grid(table, rows, labels)) is not None and (read := _read(grid, labels)):
            return HeadTable(TableKind.GRID, read)
        if (pairs := _pairs(table, rows)) is not None and (read := _read(pairs, labels)):
            return HeadTable(TableKind.PAIRS, read)
        if (caption := _captioned(table, labels)) is not None:
            return caption
    if _grid_shape(table):
        return HeadTable(TableKind.GRID)
    if _pairs_shape(table):
        return HeadTable(TableKind.PAIRS)
    texts = [" ".join(p for c in r.cells for p in c) for r in table.rows]
    if texts and all(contents_line(x) for x in texts):
        return HeadTable(TableKind.CONTENTS)
    return HeadTable(TableKind.BODY)


def _captioned(table: Table, labels: Labels) -> HeadTable | None:
    """A table of label and value pairs under a caption row, the caption its first cell and the value's cell empty
    (``<plan> – Medical Coverage Policy`` ⇥ over ``Policy Number | CCHP-MCP-0412`` …: a print's field grid whose
    first row spans it) as the caption's line then the fields' lines, else ``None``.  The caption names no field."""
    if len(table.header) != 2 or table.header[1].strip() or not table.header[0].strip() or len(table.rows) < 2:
        return None
    if labels.named(table.header[0]):
        return None
    first, *rest = table.rows
    inner = Table(tuple(" ".join(c) for c in first.cells), tuple(rest), first.span)
    rows = _folded(_rows(inner))
    caption = Paragraph(" ".join(table.header[0].split()), table.span)
    if (cells := _cells(rows, labels)) is not None:
        return HeadTable(TableKind.CELLS, (caption, *cells))
    if (pairs := _pairs(inner, rows)) is None or not (read := _read(pairs, labels)):
        return None
    return HeadTable(TableKind.PAIRS, (caption, *read))


def _rows(table: Table) -> list[tuple[tuple[str, ...], Span]]:
    """The table's header and rows, each a row of its cells' texts (a cell's lines joined)."""
    return [(table.header, table.span), *((tuple(" ".join(c) for c in r.cells), r.span) for r in table.rows)]


def _folded(rows: Sequence[tuple[tuple[str, ...], Span]]) -> list[tuple[tuple[str, ...], Span]]:
    """The rows with a cell's value set as a paragraph under its label (``Effective Date:`` / ``03/01/2026``,
    which the reader gives as a row of its own, the other cells empty) joined to its label's cell: a row is
    such a value only when each of its written cells stands under a label alone (a few words, a colon)."""
    out: list[tuple[tuple[str, ...], Span]] = []
    for cells, span in rows:
        above = out[-1][0] if out else ()
        written = [j for j, cell in enumerate(cells) if cell.strip()]
        if written and len(cells) == len(above) and all(_BARE_LABEL.match(above[j].strip()) for j in written):
            joined = tuple(f"{a.strip()} {c.strip()}" if c.strip() else a for a, c in zip(above, cells, strict=True))
            out[-1] = (joined, out[-1][1])
            continue
        out.append((cells, span))
    return out


def _cells(rows: Sequence[tuple[tuple[str, ...], Span]], labels: Labels) -> tuple[Paragraph, ...] | None:
    """A table whose every cell is a labelled field of its own (``Guideline #: CG-SURG-24 ⇥ Publish Date:
    10/01/2026``: a web page's fields two to a line) as one line per cell, else ``None``: a label over a
    value (a grid) or any cell that is no field keeps the table as it is."""
    out: list[Paragraph] = []
    known = 0  # (the cells whose label the template knows)
    for cells, span in rows:
        for cell in cells:
            text = cell.strip()
            if not text:
                continue
            if labels.named(text) and labels.starts(text):
                known += 1
            elif not _FIELD_CELL.match(text):
                return None
            out.append(Paragraph(text, span))
    named = frozenset().union(*(labels.named(p.text) for p in out))
    return tuple(out) if len(out) > 1 and known * 2 >= len(out) and _HEADER_FIELDS & named else None


def _grid(
    table: Table, rows: Sequence[tuple[tuple[str, ...], Span]], labels: Labels
) -> list[tuple[str, str, Span]] | None:
    """A grid of labels over a row of their values as (label, value, span), else ``None``.

    Every column's name is a field's: a label the template knows, or a name of a field's shape (``… Number``,
    ``… Date``) — a column of doses or of changes makes a table of the body.  Under several rows of values
    (a row per line of business) every name is a label the template knows, and the columns that name the
    document (its identifier, title and dates) hold one value in every row — else which is the document's
    cannot be told, and the table stays one; the other columns' values are listed once each."""
    values = [cells for cells, _ in rows[1:]]
    if not values or any(len(cells) != len(table.header) for cells in values):
        return None
    named = [labels.named(f"{name.strip().rstrip(':').strip()}: {column[0].strip()}") for name, *column in
             zip(table.header, *values, strict=True)]  # fmt: skip
    if not all(n or _GRID_LABEL.search(name) for n, name in zip(named, table.header, strict=True)):
        return None
    if len(values) == 1:
        return [(label, value, table.rows[0].span) for label, value in zip(table.header, values[0], strict=True)]
    out: list[tuple[str, str, Span]] = []
    for j, name in enumerate(table.header):
        column = list(dict.fromkeys(cells[j].strip() for cells in values if cells[j].strip()))
        if not named[j] or (len(column) > 1 and named[j] & _DOCUMENT_FIELDS):
            return None
        out.append((name, ", ".join(column), table.rows[0].span))
    return out


def _pairs(table: Table, rows: Sequence[tuple[tuple[str, ...], Span]]) -> list[tuple[str, str, Span]] | None:
    """A table of a label and its value a row as (label, value, span), else ``None``: every label a few words
    with no digit (``Prior Authorization Required | Yes``, ``Policy Number: | III-SUR.18``; a date or a code
    first makes a table of the body).  A row may hold two pairs or more (a web page's ``Policy Number | 0123 |
    Effective | 01/01/2026``), a pair left empty in it (the last row's) being no field."""
    width = len(table.header)
    if width % 2 or any(len(cells) != width for cells, _ in rows):
        return None
    pairs = [
        (cells[j], cells[j + 1], span)
        for cells, span in rows
        for j in range(0, width, 2)
        if j == 0 or cells[j].strip() or cells[j + 1].strip()
    ]
    if not all(0 < len(label.split()) <= _PAIR_LABEL_WORDS and not any(c.isdigit() for c in label)
               for label, _, _ in pairs):  # fmt: skip
        return None
    return pairs


def _read(fields: Sequence[tuple[str, str, Span]], labels: Labels) -> tuple[Paragraph, ...]:
    """The ``Label: value`` lines of a table's fields, when they are the header's: every label and value
    written, one field at least the identifier or a date, and most of the lines fields (a table of other
    things that has a date in it stays a table); else ``()``."""
    if any(not label.strip() or not value.strip() for label, value, _ in fields):
        return ()
    lines = [(f"{label.strip().rstrip(':').strip()}: {value.strip()}", span) for label, value, span in fields]
    named = [labels.named(text) for text, _ in lines]
    if not any(n & _HEADER_FIELDS for n in named) or sum(1 for n in named if n) * 2 < len(lines):
        return ()
    return tuple(Paragraph(text, span) for text, span in lines)


def _grid_shape(table: Table) -> bool:
    """Labels over one row of values by their words alone: most column names a field's (``… Number``,
    ``… Date``, ``Review``)."""
    return len(table.rows) == 1 and sum(1 for h in table.header if _GRID_LABEL.search(h)) * 2 >= len(table.header)


def _pairs_shape(table: Table) -> bool:
    """A label and its value a row by their words alone (:func:`_pairs`, two columns; a value may be empty)."""
    return len(table.header) == 2 and _pairs(table, _rows(table)) is not None
