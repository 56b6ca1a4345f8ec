"""Rich tables that stay readable at 80 columns: numbers are never cut, headers wrap at their spaces.

A table is first laid out in its roomy form (boxed, one-line headers); when that is wider than the console,
it is laid out again in a compact form (a rule under the header only, one space between columns, headers on
several lines) and the columns a caller marks ``optional`` are left out (the caller prints them elsewhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table


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


def fitted_table(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], console: Console
) -> tuple[Table, bool]:
    """The table for this console, and whether it is the compact form (optional columns left out)."""
    roomy = _table(title, columns, rows, compact=False)
    natural = Measurement.get(console, console.options.update_width(10_000), roomy).maximum  # unclamped
    if natural <= console.width:
        return roomy, False
    return _table(title, columns, rows, compact=True), True
