"""The table ``policyvc build`` prints (:mod:`policyvc.report.build`): one row per stored version with its counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from policyvc.renderer.tables import Column, FittedTable

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


def build_table(rows: Sequence[BuildRow], *, title: str) -> FittedTable:
    """The versions as a rich table (policy, version and drug left-aligned, counts right-aligned), to print.

    Policy, version and the counts are never cut; when the table is wider than the console it is printed
    compact (headers on several lines) and the drugs are listed under it instead of in a column.
    """
    columns = [
        Column(
            col,
            numeric=col not in ("policy", "version", "drug"),
            optional=col == "drug",
            min_width=_MIN.get(col),
            stacked="App. E\nstates" if col == "App. E states" else None,
        )
        for col in COLUMNS
    ]
    cells = [
        [
            r.reference,
            r.date.isoformat() + (" partial" if r.partial else ""),  # stored with --recover
            r.drug,
            *(str(n) for n in (r.sets, r.numbered, r.criteria, r.dose_limits, r.durations, r.log_entries, r.states)),
        ]
        for r in rows
    ]
    drugs = dict.fromkeys(f"{r.reference}: {r.drug}" for r in rows)
    return FittedTable(title, columns, cells, compact_notes=list(drugs))


_MIN = {"policy": 11, "version": 10}
