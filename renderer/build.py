"""The table ``policyvc build`` prints (:mod:`policyvc.report.build`): one row per stored version with its counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from rich.table import Table

if TYPE_CHECKING:
    from policyvc.history.summary import HistorySummary

COLUMNS = (
    "policy",
    "version",
    "drug",
    "sets",
    "numbered",
    "criteria",
    "dose limits",
    "durations",
    "log entries",
    "App. E states",
)


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
    partial: bool = False  # stored with --recover: some regions could not be read

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "date": self.date.isoformat()}


def summary_to_dict(summary: HistorySummary) -> dict[str, Any]:
    """A policy's timeline and audit as JSON (``build --format json``)."""
    from policyvc.renderer.audit import audit_to_dict

    return {
        "reference": summary.reference,
        "timeline": [{**asdict(r), "date": r.date.isoformat()} for r in summary.rows],
        "audit": audit_to_dict(summary.audit, summary.reference),
        "findings": list(summary.findings),
    }


def build_table(rows: Sequence[BuildRow], *, title: str) -> Table:
    """The versions as a rich table (policy, version and drug left-aligned, counts right-aligned), to print.

    Policy and version are never cut; on a narrow terminal the drug is shortened with an ellipsis and the
    count headers wrap.
    """
    table = Table(title=title, title_justify="left")
    for col in COLUMNS:
        if col in ("policy", "version"):
            table.add_column(col, justify="left", no_wrap=True, min_width=10 if col == "version" else 11)
        elif col == "drug":
            table.add_column(col, justify="left", no_wrap=True, overflow="ellipsis", ratio=1, min_width=8)
        else:
            table.add_column(col, justify="right")
    for r in rows:
        version = r.date.isoformat() + (" partial" if r.partial else "")  # stored with --recover
        table.add_row(
            r.reference,
            version,
            r.drug,
            str(r.sets),
            str(r.numbered),
            str(r.criteria),
            str(r.dose_limits),
            str(r.durations),
            str(r.log_entries),
            str(r.states),
        )
    return table
