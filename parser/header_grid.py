"""Header fields a ``pdftotext -layout`` print sets as a grid under the title, given back as field lines.

A page that lays its header's fields out as a table comes out of ``-layout`` as columns of text on shared
lines, which the wrapped-line pass would join into sentences of no field.  Read here, in the head's first
lines, a block of lines (no blank line inside) whose parts — runs of text two spaces or more apart — stand in
columns, in one of the arrangements payers print:

* cells that are ``Label: value`` side by side, a value wrapped onto the next line under its own cell
  (``Policy Number: 7.01.25 ⋯ Reference Number: 7.01.25`` / ``Effective Date: July 1, ⋯ NCD/LCD: …`` /
  ``2026 ⋯ (160.7)``) — with none wrapped, the reader reads the fields of a line as they stand;
* labels and values alternating along a row (``Policy Number ⋯ 0297 ⋯ Effective ⋯ 01/01/2026``);
* a row of labels over one row of values (``Policy ID ⋯ Effective Date`` / ``PL-MED-071 ⋯ 07/01/2026``),
  also when the values are wider than their labels and two labels or two values come out as one part
  (``Effective Date Revised Date`` / ``Durable Medical Equipment February 1, 2026 ⋯ December 18, 2025``);
* a narrow label column wrapping each label under its first line, the value beside it (``Policy ⋯ CG-0412``
  / ``Number:``);
* two columns whose labels and values are centred on one another, the shorter's lines set between the
  longer's (``Last`` / ``⋯ 03/05/2026`` / ``Revised``: one label around its value; ``⋯ Denver Health …`` /
  ``Applies to`` / ``⋯ Plan (Commercial)``: one value around its label) — read where the rows cut into such
  fields one way only.

Each is written back as ``Label: value`` lines, one a field, in the order a reader reads the grid.  A block is
read only when its labels are labels (no digit, a few words; one of them a label of the template's header) and
its values hold a date — else it is left as it is (a body table under the title, a history's one row, stays).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from policyvc.parser.lines import Lines
from policyvc.parser.written_dates import DATE

__all__ = ["every_label", "find_cells", "find_grid", "grid_lines", "header_cells", "header_grid", "wrapped_labels"]

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
    out: list[tuple[str, str]] = []
    columns: list[int] = []  # (where each field of the row above has its value, in ``out``'s order)
    for row in rows:
        if len(row) == 1 and columns and (at := _column(columns, row[0][0])) is not None:
            # (a value its cell wrapped onto a row of its own, set under it: ``Medical`` / ``Management``)
            k = len(out) - len(columns) + at
            out[k] = (out[k][0], f"{out[k][1]} {row[0][1]}")
            continue
        if len(row) % 2 or not any(re.search(r"\d", value) for _, value in row[1::2]):
            return None
        for (_, label), (_, value) in zip(row[::2], row[1::2], strict=True):
            # (a value of words beside a dated one, ``Department ⋯ Medical``: a field all the same)
            if not _label(label) or not (re.search(r"\d", value) or _label(value)):
                return None
            out.append((label, value))
        columns = [at for at, _ in row[1::2]]
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


def _known_run(words: list[str], known: frozenset[str]) -> list[str] | None:
    """``words`` cut into labels the template knows, in order (``Effective Date Revised Date``), else ``None``."""
    if not words:
        return []
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]).casefold() in known and (rest := _known_run(words[n:], known)) is not None:
            return [" ".join(words[:n]), *rest]
    return None


def _dated_pieces(text: str) -> list[str]:
    """A value part cut at its dates: the text before a date, each date, the text after
    (``Durable Medical Equipment February 1, 2026`` → the category, the date)."""
    pieces, at = [], 0
    for m in DATE.finditer(text):
        if text[at : m.start()].strip():
            pieces.append(text[at : m.start()].strip())
        pieces.append(m.group(0))
        at = m.end()
    if text[at:].strip():
        pieces.append(text[at:].strip())
    return pieces


def _over_values_apart(rows: list[list[Part]], labels: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """A row of labels over a row of values that a print set wider than the labels, so that two labels or
    two values share a part (``Effective Date Revised Date`` over ``Durable Medical Equipment February 1, 2026
    ⋯ December 18, 2025``): the labels cut where each known label ends, the values where each date begins and
    ends, read in order when as many of each (a value with no digit, ``Durable Medical Equipment``, under a
    label the template does not know)."""
    if len(rows) != 2 or len(rows[0]) < 2 or not all(_label(text) for _, text in rows[0]):
        return None
    known = _known(labels)
    names: list[str] = []
    for _, text in rows[0]:
        names.extend(_known_run(_name(text).split(), known) or [_name(text)])
    values = [piece for _, text in rows[1] for piece in _dated_pieces(text)]
    # (two of the labels the template's, at least: a body table right under the title — ``Effective Date ⋯
    # Summary of Changes`` — names one at most)
    if len(names) != len(values) or sum(name.casefold() in known for name in names) < 2:
        return None
    return list(zip(names, values, strict=True))


def _centred_field(kinds: str) -> bool:
    """Whether a run of rows' kinds (``L`` a label's line alone, ``V`` a value's alone, ``B`` both) is one
    field: a label and a value side by side, the shorter centred on the longer (``L V L``: ``Last`` / the date
    / ``Revised``; ``V L V``: a value's two lines around ``Applies to``)."""
    if kinds == "B":
        return True
    for outer, inner in (("L", "V"), ("V", "L"), ("L", "B"), ("V", "B")):
        p = len(kinds) - len(kinds.lstrip(outer))
        r = len(kinds) - len(kinds.rstrip(outer))
        middle = kinds[p : len(kinds) - r]
        if p and r and abs(p - r) <= 1 and middle and set(middle) == {inner} and (inner != "B" or len(middle) == 1):
            return True
    return False


def _centred_labels(rows: list[list[Part]]) -> list[tuple[str, str]] | None:
    """Two columns, each label and its value centred on one another, so that ``-layout`` sets the shorter's
    lines between the longer's (``Effective ⋯ 05/01/2026`` / ``Last`` / ``⋯ 03/05/2026`` / ``Revised``): the
    fields where the rows cut into such runs one way only."""
    columns = [at for at, _ in rows[0]]
    if len(columns) != 2 or len(rows) < 3:
        return None
    kinds = ""
    folded: list[list[Part]] = []
    for row in rows:
        at = [_column(columns, a) for a, _ in row]
        if at == [0, 1] and kinds[-1:] == "B" and row[0][1][:1].islower():
            # (a label and its value both wrapped onto the next row, ``Applies`` / ``to``: one field's rows)
            folded[-1] = [*folded[-1], *row]
            continue
        folded.append(row)
        if at == [0, 1]:
            kinds += "B"
        elif at == [0] and _label(row[0][1]):
            kinds += "L"
        elif at == [1]:
            kinds += "V"
        else:
            return None
    if "V" not in kinds:
        return None  # (every label beside its value: the other arrangements' grid)
    cuts: list[list[list[int]]] = [[] for _ in range(len(kinds) + 1)]  # (the ways to cut the first i rows)
    cuts[0] = [[]]
    for i in range(1, len(kinds) + 1):
        for j in range(i):
            if _centred_field(kinds[j:i]):
                cuts[i].extend([*cut, j] for cut in cuts[j][:2])
        cuts[i] = cuts[i][:2]
    if len(cuts[-1]) != 1:
        return None
    starts = [*cuts[-1][0], len(folded)]
    out = []
    for a, b in itertools.pairwise(starts):
        label = " ".join(t for row in folded[a:b] for at, t in row if _column(columns, at) == 0)
        value = " ".join(t for row in folded[a:b] for at, t in row if _column(columns, at) == 1)
        if not _label(label) or not value:
            return None
        out.append((label, value))
    return out


_ARRANGEMENTS = (_colon_cells, _alternating, _over_values, _wrapped_labels, _centred_labels)


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
        pairs = _over_values_apart(rows, labels)
        if pairs is not None and _header_like(pairs, labels):
            return k, end, [f"{_name(label)}: {value.strip()}".rstrip() for label, value in pairs]
        k = end
    return None


def _cells_a_line(texts: Sequence[str], k: int, known: frozenset[str]) -> tuple[int, list[tuple[str, str]]] | None:
    """From line ``k``, a header table that raw ``pdftotext`` wrote a cell a line, blank lines between, its
    labels' cells before their values' (``Policy Number`` / ``DME.04.022`` / ``Category`` / ``Effective Date
    Revised Date`` / ``Durable Medical Equipment February 1, 2026`` / ``December 18, 2025``): labels are lines
    of a few words and no digit (two known labels on one line cut apart), values lines with a digit, cut at
    their dates, or a line of words the labels still wait for.  Read up to the last line where as many values
    as labels stand, at least two of each, never more values than labels (a table's column of dates); the lines
    after it the text's own (the end of the run: a line that is neither, or a long one)."""
    names: list[str] = []
    values: list[str] = []
    best: tuple[int, int] | None = None  # (the line after the block, its fields)
    after_label = False
    spaced = False  # (a blank line between two labels: the cells are set a blank line apart)
    blank = False  # (a blank line right above)
    j = k
    while j < len(texts):
        line = texts[j].strip()
        if not line:
            blank = True
            j += 1
            continue
        if blank and values and len(values) < len(names) and not spaced and not after_label:
            # (labels one right under the other, then their values so: a blank line ends the values — fewer than
            # the labels, a cell left empty, never paired out of step with the text below)
            break
        above_blank, blank = blank, False
        if len(line) > 60 or "  " in line or "\t" in line or ":" in line:
            break
        run = _known_run(_name(line).split(), known) if _label(line) else None
        # (a label line: known labels, or one right under a label or after as many values as labels — else a
        # value the labels still wait for, ``Durable Medical Equipment``)
        if run or (_label(line) and (after_label or len(values) >= len(names))):
            names.extend(run or [_name(line)])
            spaced = spaced or (above_blank and after_label)
            after_label = True
        # (a value the labels still wait for: a date, a line of words — ``Commercial; Medicaid``, a committee)
        elif re.search(r"\d", line) or (not after_label and names and len(values) < len(names)):
            values.extend(_dated_pieces(line))
            after_label = False
        else:
            break
        j += 1
        if len(values) > len(names):
            break  # (more values than labels: a table's column of dates, not a header's cells)
        if len(names) == len(values) >= 2:
            best = (j, len(names))
    if best is None or not names or names[0].casefold() not in known:
        return None
    end, n = best
    pairs = list(zip(names[:n], values[:n], strict=True))
    # (the last value a line of words its cell wrapped, ``Medical`` / ``Management``, then a blank line: one value —
    # never a date's line, nor a line the next block starts)
    below = texts[end].strip() if end < len(texts) else ""
    after = texts[end + 1].strip() if end + 1 < len(texts) else ""
    wrapped = below and not after and texts[end - 1].strip() and not re.search(r"\d", pairs[-1][1] + below)
    if wrapped and _label(below) and len(below) <= _WRAPPED_LABEL:
        pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]} {below}")
        end += 1
    return end, pairs


def find_cells(texts: Sequence[str], labels: tuple[str, ...]) -> tuple[int, int, list[str]] | None:
    """The first header table in the head's lines ``texts`` that raw ``pdftotext`` wrote a cell a line
    (:func:`_cells_a_line`), above the text's first long line: (its first line, the line after its last, its
    fields as lines), else ``None``."""
    if not labels:
        return None
    known = _known(labels)
    run_end = 0  # (the end of the block of labels a known label opened: a known label inside it opens none)
    for k in range(min(len(texts), _HEAD)):
        if len(texts[k].strip()) > 60:
            return None  # (the text has begun: a table further on is the body's)
        if k < run_end and texts[k].strip():
            continue  # (``Revised`` / ``Effective Date`` inside a block of labels: never paired out of step)
        if _name(texts[k]).casefold() not in known:
            continue
        run_end = k + 1
        while run_end < len(texts) and texts[run_end].strip() and _label(texts[run_end]):
            run_end += 1
        if (found := _cells_a_line(texts, k, known)) is not None:
            end, pairs = found
            if _header_like(pairs, labels):
                return k, end, [f"{label}: {value}" for label, value in pairs]
    return None


def header_cells(lines: Lines, labels: tuple[str, ...]) -> None:
    """Rewrite a header table raw ``pdftotext`` wrote a cell a line as field lines (:func:`find_cells`)."""
    if (found := find_cells(lines[: _HEAD + 20], labels)) is not None:
        lines.replace(*found)


def grid_lines(texts: Sequence[str], labels: tuple[str, ...]) -> frozenset[int]:
    """The (0-based) lines of the head's grid of header fields: what the table readers leave to this one."""
    found = find_grid(texts, labels)
    return frozenset(range(found[0], found[1])) if found else frozenset()


def header_grid(lines: Lines, labels: tuple[str, ...]) -> int | None:
    """Rewrite the first grid of header fields in the head's lines as field lines (see the module doc); the
    source line (1-based) the field lines stand for, or None."""
    if (found := find_grid(lines[: _HEAD + 20], labels)) is not None:
        lines.replace(*found)
        return lines.origin(found[0])
    return None


@functools.cache
def every_label() -> frozenset[str]:
    """Every template's header labels (the fields no slot holds too: ``Original Effective Date``), case-folded."""
    from policyvc.parser.template import TEMPLATES

    return frozenset(
        " ".join(label.split()).casefold()
        for t in TEMPLATES.values()
        for label in (
            *t.title_labels, *t.reference_labels, *t.effective_labels, *t.review_labels, *t.lob_labels,
            *t.other_labels,
        )
    )  # fmt: skip


_WRAPPED_LABEL = 40  # a label's line is short (a narrow cell's)


def wrapped_labels(lines: Lines) -> None:
    """A header label a narrow cell wrapped over two lines (``Original Effective`` / ``Date``, raw ``pdftotext``
    writing the cell's lines one under the other), joined back into one line in the head: the two lines, none
    blank between, read together are a header label of some template, the first alone is none (or a shorter
    one), the second holds no digit (no value) — never a title's line and a label's word."""
    every = every_label()
    k = 0
    while k + 1 < min(len(lines), _HEAD + 20):
        # (a cell a table reader kept as a paragraph is escaped, ``\\Original Effective``: its text is read)
        escape = "\\" if lines[k].strip().startswith("\\") else ""
        first, second = lines[k].strip().removeprefix("\\"), lines[k + 1].strip().removeprefix("\\")
        if len(first) > 60:
            return  # (the text has begun)
        joined = f"{_name(first)} {_name(second)}".casefold()
        if (
            first
            and second
            and len(first) <= _WRAPPED_LABEL
            and len(second) <= _WRAPPED_LABEL
            and _label(first)
            and _label(second)
            and not re.search(r"\d", second)
            and joined in every
            and len(joined) > len(_name(first))
        ):
            colon = ":" if second.endswith(":") or first.endswith(":") else ""
            lines.replace(k, k + 2, [f"{escape}{_name(first)} {_name(second)}{colon}"])
        k += 1
