"""Rich tables that stay readable at 80 columns: numbers are never cut, headers wrap at their spaces.

:class:`FittedTable` is a renderable (the renderers stay pure: the width is known only when it is printed).
It is printed in its roomy form (boxed, one-line headers) when that fits the console; else in a compact
form (a rule under the header only, one space between columns, headers on several lines) without the
columns marked ``optional``, whose values the caller gives as lines to print under it instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    numeric: bool = False  # right-aligned, never wrapped nor cut
    optional: bool = False  # left out of the compact form
    min_width: int | None = None  # text columns: never narrower (a date, a reference number)
    stacked: str | None = None  # the header in the compact form (default: one word a line)


def _table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, compact: bool) -> Table:
    if compact:
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=0, show_edge=False)
    else:
        table = Table(title=title, title_justify="left")
    keep = [k for k, c in enumerate(columns) if not (compact and c.optional)]
    for k in keep:
        c = columns[k]
        header = (c.stacked or c.header.replace(" ", "\n")) if compact else c.header
        if c.numeric:
            widest = max([len(word) for word in header.split("\n")] + [len(r[k]) for r in rows])
            table.add_column(header, justify="right", no_wrap=True, min_width=widest)
        elif c.min_width is not None:
            table.add_column(header, justify="left", no_wrap=True, min_width=c.min_width)
        else:
            table.add_column(header, justify="left", no_wrap=True, overflow="ellipsis", min_width=8)
    for r in rows:
        table.add_row(*(r[k] for k in keep))
    return table


class FittedTable:
    """A table printed roomy when it fits, else compact with ``compact_notes`` (one line each) under it."""

    def __init__(
        self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], compact_notes: Sequence[str] = ()
    ) -> None:
        self.roomy = _table(title, columns, rows, compact=False)
        self.compact = _table(title, columns, rows, compact=True)
        self.notes = tuple(compact_notes)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        natural = Measurement.get(console, options.update_width(10_000), self.roomy).maximum  # unclamped
        if natural <= options.max_width:
            yield self.roomy
            return
        yield self.compact
        yield from (Text(note) for note in self.notes)
