"""Header fields a ``pdftotext -layout`` print sets as a grid under the title, given back as field lines.

A page that lays its header's fields out as a table comes out of ``-layout`` as columns of text on shared
lines, which the wrapped-line pass would join into sentences of no field.  Read here, in the head's first
lines, a block of lines (no blank line inside) whose parts — runs of text two spaces or more apart — stand in
columns, in one of the arrangements payers print:

* cells that are ``Label: value`` side by side, a value wrapped onto the next line under its own cell
  (``Policy Number: 7.01.25 ⋯ Reference Number: 7.01.25`` / ``Effective Date: July 1, ⋯ NCD/LCD: …`` /
  ``2026 ⋯ (160.7)``) — with none wrapped, the reader reads the fields of a line as they stand;
* labels and values alternating along a row (``Policy Number ⋯ 0297 ⋯ Effective ⋯ 01/01/2026``);
* a row of labels over one row of values (``Policy ID ⋯ Effective Date`` / ``PL-MED-071 ⋯ 07/01/2026``);
* a narrow label column wrapping each label under its first line, the value beside it (``Policy ⋯ CG-0412``
  / ``Number:``).

Each is written back as ``Label: value`` lines, one a field, in the order a reader reads the grid.  A block is
read only when its labels are labels (no digit, a few words; one of them a label of the template's header) and
its values hold a date — else it is left as it is (a body table under the title, a history's one row, stays).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from policyvc.parser.lines import Lines
from policyvc.parser.written_dates import DATE

__all__ = ["find_grid", "grid_lines", "header_grid"]

_HEAD = 30  # the lines of the head a grid may start in
_SLACK = 3  # how far a part may stand from its column's start
_PART = re.compile(r"\S+(?: \S+)*")  # a run of text, single spaces inside; two or more end it
# ``Policy Number: 7.01.25``, or its label alone (the value wrapped below it in a narrow cell)
_CELL = re.compile(r"^(?P<label>[A-Z][\w#&/().' -]{0,40}?):(?:\s+(?P<value>\S.*))?$")
_LABEL = re.compile(r"^[A-Z][A-Za-z#&/().' -]{0,40}:?$")  # a label's words: no digit
_LABEL_WORDS = 5


Part = tuple[int, str]  # (column, text)


def _parts(line: str) -> list[Part]:
    return [(m.start(), m.group(0)) for m in _PART.finditer(line)]


@functools.cache
def _known(labels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(x.split()).casefold() for x in labels)


def _label(text: str) -> bool:
    """A part that may be a label: a few words, no digit."""
    return bool(_LABEL.match(text)) and len(text.split()) <= _LABEL_WORDS


def _name(text: str) -> str:
    return " ".join(text.strip().rstrip(":").split())


def _header_like(pairs: list[tuple[str, str]], labels: tuple[str, ...]) -> bool:
    """Whether ``(label, value)`` pairs are a header's fields: one label the template's, one value a date."""
    known = _known(labels)
    return any(_name(label).casefold() in known for label, _ in pairs) and any(DATE.search(v) for _, v in pairs)


def _column(columns: list[int], at: int) -> int | None:
    near = [c for c in columns if abs(c - at) <= _SLACK]
    return columns.index(near[0]) if near else None


def _colon_cells(rows: list[list[Part]]) -> list[tuple[str, str]] | None:
    """Cells ``Label: value`` side by side, a value going on under its own cell."""
    columns = [at for at, _ in rows[0]]
    if len(columns) < 2 or not all(_CELL.match(text) for _, text in rows[0]):
        return None
    cells: list[tuple[int, int, list[str]]] = []  # (row, column, texts)
    open_cell: dict[int, int] = {}  # column → index of its open cell
    for r, row in enumerate(rows):
        for at, text in row:
            c = _column(columns, at)
            if c is None:
                return None
            if _CELL.match(text):
                open_cell[c] = len(cells)
                cells.append((r, c, [text]))
            elif c in open_cell and (c + 1 == len(columns) or at + len(text) < columns[c + 1]):
                # (a value wrapped in its cell stays inside its column: a line running across the next column's
                # start is the body's text under the grid — a heading, a sentence — not a cell's)
                cells[open_cell[c]][2].append(text)
            else:
                return None
    if all(len(texts) == 1 for _, _, texts in cells):
        return None  # (fields side by side, none wrapped: the reader reads several on a line as they are)
    out = []
    for _, _, texts in sorted(cells, key=lambda x: (x[0], x[1])):
        m = _CELL.match(" ".join(texts))
        assert m is not None
        out.append((m["label"], m["value"] or ""))
    return out


def _alternating(rows: list[list[Part]]) -> list[tuple[str, str]] | None:
    """Labels and values in turn along each row (``Policy Number ⋯ 0297 ⋯ Effective ⋯ 01/01/2026``)."""
    if len(rows[0]) < 4:
        return None
    out = []
    for row in rows:
        if len(row) % 2:
            return None
        for (_, label), (_, value) in zip(row[::2], row[1::2], strict=True):
            if not _label(label) or not re.search(r"\d", value):
                return None
            out.append((label, value))
    return out


def _over_values(rows: list[list[Part]]) -> list[tuple[str, str]] | None:
    """A row of labels over one row of values, each value under its label."""
    if len(rows) != 2 or len(rows[0]) < 2 or len(rows[0]) != len(rows[1]):
        return None
    columns = [at for at, _ in rows[0]]
    if not all(_label(text) for _, text in rows[0]):
        return None
    if any(_column(columns, at) != k or not re.search(r"\d", text) for k, (at, text) in enumerate(rows[1])):
        return None
    return [(label, value) for (_, label), (_, value) in zip(rows[0], rows[1], strict=True)]


def _wrapped_labels(rows: list[list[Part]]) -> list[tuple[str, str]] | None:
    """Two columns, the labels' wrapped: a label's first line beside its value, the rest alone below it."""
    columns = [at for at, _ in rows[0]]
    if len(columns) != 2:
        return None
    out: list[tuple[list[str], str]] = []
    for row in rows:
        if len(row) == 2 and _column(columns, row[0][0]) == 0 and _column(columns, row[1][0]) == 1:
            if not _label(row[0][1]) or not re.search(r"\d", row[1][1]):
                return None
            out.append(([row[0][1]], row[1][1]))
        elif len(row) == 1 and _column(columns, row[0][0]) == 0 and out and _label(row[0][1]):
            out[-1][0].append(row[0][1])
        else:
            return None
    return [(" ".join(words), value) for words, value in out]


_ARRANGEMENTS = (_colon_cells, _alternating, _over_values, _wrapped_labels)


def find_grid(texts: Sequence[str], labels: tuple[str, ...]) -> tuple[int, int, list[str]] | None:
    """The first grid of header fields among the head's lines ``texts``: (its first line, the line after its
    last, its fields as lines), else ``None``."""
    if not labels:
        return None
    k = 0
    while k < min(len(texts), _HEAD):
        if "\t" in texts[k] or len(_parts(texts[k])) < 2:  # (a copy's tab-separated cells: a table's, read there)
            k += 1
            continue
        end = k
        while end < len(texts) and texts[end].strip() and "\t" not in texts[end]:
            end += 1
        rows = [_parts(texts[j]) for j in range(k, end)]
        for read in _ARRANGEMENTS:
            pairs = read(rows)
            if pairs is not None and _header_like(pairs, labels):
                return k, end, [f"{_name(label)}: {value.strip()}".rstrip() for label, value in pairs]
        k = end
    return None


def grid_lines(texts: Sequence[str], labels: tuple[str, ...]) -> frozenset[int]:
    """The (0-based) lines of the head's grid of header fields: what the table readers leave to this one."""
    found = find_grid(texts, labels)
    return frozenset(range(found[0], found[1])) if found else frozenset()


def header_grid(lines: Lines, labels: tuple[str, ...]) -> None:
    """Rewrite the first grid of header fields in the head's lines as field lines (see the module doc)."""
    if (found := find_grid(lines[: _HEAD + 20], labels)) is not None:
        lines.replace(*found)
