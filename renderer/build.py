"""The table ``policyvc build`` prints: one row per stored version with its counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

COLUMNS = ("policy", "version", "drug", "sets", "numbered", "criteria", "dose limits", "durations", "log entries",
           "App. E states")  # fmt: skip


@dataclass(frozen=True, slots=True)
class BuildRow:
    reference: str
    date: dt.date
    drug: str
    sets: int
    numbered: int
    criteria: int
    dose_limits: int
    durations: int
    log_entries: int
    states: int


def render_build_table(rows: Sequence[BuildRow], *, title: str, console: Console) -> None:
    """The versions as a rich table (policy, version and drug left-aligned, counts right-aligned)."""
    table = Table(title=title, title_justify="left")
    for col in COLUMNS:
        table.add_column(col, justify="left" if col in ("policy", "version", "drug") else "right")
    for r in rows:
        table.add_row(r.reference, r.date.isoformat(), r.drug, str(r.sets), str(r.numbered), str(r.criteria),
                      str(r.dose_limits), str(r.durations), str(r.log_entries), str(r.states))  # fmt: skip
    console.print(table)
