"""Code tables with mark columns, a copy's cells set one space apart (``ICD-10-CM Description Covered Not
Covered`` / ``K21.9 Gastro-esophageal reflux …  X``).

A web or viewer's copy writes each cell of a row one space after the other, an empty cell as nothing, so an
empty cell shows as a second space.  Such a table is read back only where every cell has a shape of its own:
the header names a code column (a code set, ``HCPCS/CPT``), at most two short columns after it (``Modifier``),
``Description``, then one to three mark columns (``Covered Not Covered``: a name and its negation); each row
is a code, a short token or nothing a short column (``JZ``), its description, and a mark (``X``, ``✓``) or
nothing a mark column, counted from the line's end.  A row that does not split so ends the table; a header
over no row is no table (the caller's other readers try it).  Nothing is fabricated: the names are the
header's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.line_tables import LineTable

__all__ = ["mark_table"]

_ONE_CODE = r"(?:\d{5}|\d{4}[FTU]|[A-V]\d{4}|[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
_SET = r"(?:CPT|HCPCS|PLA|ICD-?10(?:-CM|-PCS)?)[®*]*"
_HEADER = lazy(
    rf"^(?P<codes>{_SET}(?:\s*/\s*{_SET})?(?:\s+Codes?)?|Codes?)(?P<mid>(?:\s+[A-Z][a-z]+){{0,2}})"
    r"\s+(?P<desc>Descriptions?)\s+(?P<marks>[A-Z][A-Za-z-]*(?:\s+[A-Za-z-]+){0,5})$"
)
_CODE = lazy(rf"^{_ONE_CODE}(?:\s*[-–]\s*{_ONE_CODE})?(?= )")
_SHORT = lazy(r"^[A-Z0-9]{1,4}(?= )")  # (a short column's cell: a modifier, ``JZ``)
_MARKS = ("X", "x", "✓", "✔", "√", "Yes", "No")
_NEGATION = ("Not", "Non", "No")
_MAX_MARKS = 3


def _mark_names(text: str) -> tuple[str, ...] | None:
    """The mark columns' names: a name and its negation (``Covered Not Covered``, ``Medically Necessary Not
    Medically Necessary``), else one capitalised word each (``Covered Excluded``); None past three."""
    words = text.split()
    for n, w in enumerate(words):
        if w in _NEGATION and n > 0 and words[n + 1 :] == words[:n]:
            return " ".join(words[:n]), " ".join(words[n:])
    if len(words) > _MAX_MARKS or not all(w[:1].isupper() for w in words):
        return None
    return tuple(words)


def _row(line: str, short: int, marks: int) -> tuple[str, ...] | None:
    """A row's cells, or None when the line does not split into them exactly (see the module doc)."""
    text = line.lstrip().rstrip("\r\n")
    if (m := _CODE.match(text)) is None:
        return None
    cells = [m.group(0)]
    rest = text[m.end() :]
    for _ in range(short):
        if rest.startswith("  "):
            cells.append("")  # (an empty cell: nothing between its two spaces)
            rest = rest[1:]
        elif (s := _SHORT.match(rest[1:])) is not None:
            cells.append(s.group(0))
            rest = rest[1 + s.end() :]
        else:
            return None
    # (a copy that dropped the line's trailing spaces dropped its last empty cells: given back, at most
    # as many as there are mark columns less one — a mark must stand somewhere)
    for pad in range(marks):
        found = _tail(rest + " " * pad, marks)
        if found is not None:
            desc, tail = found
            if not desc or desc != desc.strip() or not any(tail):
                return None
            return (*cells, desc, *tail)
        if rest != rest.rstrip():
            break  # (its spaces kept: no cell was dropped)
    return None


def _tail(text: str, marks: int) -> tuple[str, tuple[str, ...]] | None:
    """``text`` as a description and ``marks`` mark cells after it, counted from its end."""
    out: list[str] = []
    for _ in range(marks):
        mark = next((mk for mk in _MARKS if text.endswith(" " + mk)), None)
        if mark is not None:
            out.append(mark)
            text = text[: -len(mark) - 1]
        elif text.endswith(" "):
            out.append("")
            text = text[:-1]
        else:
            return None
    if not text.startswith(" "):
        return None
    return text[1:], tuple(reversed(out))


def mark_table(lines: Sequence[str], k: int) -> LineTable | None:
    """The table of codes with mark columns whose header is line ``k``, or None."""
    if (m := _HEADER.match(lines[k].strip())) is None or (marks := _mark_names(m.group("marks"))) is None:
        return None
    short = tuple(m.group("mid").split())
    rows: list[tuple[int, tuple[str, ...]]] = []
    j = k + 1
    while j < len(lines) and (cells := _row(lines[j], len(short), len(marks))) is not None:
        rows.append((j, cells))
        j += 1
    if not rows:
        return None
    return LineTable(k, (m.group("codes").strip(), *short, m.group("desc"), *marks), tuple(rows), j)
