"""A table read from lines a copy set one space apart, cells told by their shapes (the readers: quantity limits
and therapeutic alternatives, step logic, code tables with mark columns).

Each reader gives the same thing: the header's names as written and each row's line and cells.  The text front
writes them back as tab-separated lines (:func:`tab_lines`), so the grammar and the outline read a table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["LineTable", "tab_lines"]


@dataclass(frozen=True, slots=True)
class LineTable:
    """A table whose header is line ``header`` (0-based): its column names, each row's line and cells, the
    line after the table, and the lines where a page break printed its header again (left blank)."""

    header: int
    names: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    end: int
    repeated: tuple[int, ...] = ()


def tab_lines(table: LineTable, put: Callable[[int, str], None]) -> int:
    """Each of the table's lines written with its cells tab-separated (``put(line, text)``); the line after it."""
    put(table.header, "\t".join(table.names))
    for j, row in table.rows:
        put(j, "\t".join(row))
    for j in table.repeated:
        put(j, "")
    return table.end
