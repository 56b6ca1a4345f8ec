"""``policyvc build``: parse every stored version and summarise each policy."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from policyvc.parser import parse_file
from policyvc.parser.nodes import CriterionType, Policy, all_criteria
from policyvc.store import stored_versions

_DOSE_TYPES = (CriterionType.DOSE_LIMIT, CriterionType.WEIGHT_BAND)


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts ``build`` prints for one version."""

    sets: int
    numbered: int
    criteria: int
    dose_limits: int
    durations: int
    log_entries: int
    states: int


def summarize(policy: Policy) -> Summary:
    sets = [s for sec in policy.sections for s in sec.sets]
    nodes = all_criteria(policy)
    return Summary(
        sets=len(sets),
        numbered=sum(len(s.criteria) for s in sets),
        criteria=len(nodes),
        dose_limits=sum(1 for c in nodes if c.type in _DOSE_TYPES),
        durations=sum(len(s.durations) for s in sets),
        log_entries=len(policy.revision_log),
        states=sum(len(a.states) for a in policy.appendices),
    )


def latest_log_date(policy: Policy) -> str | None:
    dates = [e.date for e in policy.revision_log if e.date]
    return max(dates).isoformat() if dates else None


def build_store(store: Path, console: Console | None = None) -> list[str]:
    """Parse the store, print the summary table, return findings (empty when clean)."""
    out = console or Console(highlight=False)
    if not out.is_terminal:
        out.width = max(out.width, 132)  # logs and CI: do not squeeze the table to 80 columns
    versions = stored_versions(store)
    findings: list[str] = []
    table = Table(title=f"policy_versions: {store}", title_justify="left")
    for col in ("policy", "version", "drug", "sets", "numbered", "criteria", "dose limits", "durations",
                "log entries", "App. E states"):  # fmt: skip
        table.add_column(col, justify="left" if col in ("policy", "version", "drug") else "right")
    for v in versions:
        policy = parse_file(v.path)
        s = summarize(policy)
        table.add_row(
            v.reference, v.date.isoformat(), policy.header.title, str(s.sets), str(s.numbered), str(s.criteria),
            str(s.dose_limits), str(s.durations), str(s.log_entries), str(s.states),
        )  # fmt: skip
        if policy.reference_number != v.reference:
            findings.append(
                f"{v.path}: filed under {v.reference} but its reference number is {policy.reference_number}"
            )
        latest = latest_log_date(policy)
        if latest != v.date.isoformat():
            findings.append(f"{v.path}: filed under {v.date} but its latest revision-log entry is dated {latest}")
    out.print(table)
    refs = {v.reference for v in versions}
    out.print(f"{len(versions)} version(s) of {len(refs)} policy(ies) parsed.")
    for f in findings:
        print(f"finding: {f}", file=sys.stderr)
    return findings
