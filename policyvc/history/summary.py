"""What ``policyvc build`` reports per policy: the timeline, the diffs' summary counts and the audit.

``history_summary`` computes it (pure); :mod:`policyvc.renderer.summary` prints it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policyvc.store import Snapshot

if TYPE_CHECKING:  # (the audit and the diff under it are imported when a history is computed, not to report one)
    from policyvc.history.audit import AuditReport, PairAudit


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One version and, from the second on, its diff against the one before and that step's audit."""

    date: dt.date
    new_entries: int
    changes: int | None
    renumbers: int | None
    undocumented: int | None
    unbacked: int | None


@dataclass(frozen=True, slots=True)
class HistorySummary:
    reference: str
    rows: tuple[TimelineRow, ...]
    audit: AuditReport
    findings: tuple[str, ...]  # one line per undocumented change / unbacked claim / out-of-order date


def history_summary(
    history: Sequence[Snapshot],
    known: Mapping[tuple[dt.date, dt.date, tuple[str, ...]], PairAudit] | None = None,
) -> HistorySummary:
    """Timeline rows, diff counts and audit findings of one policy's versions (oldest first).  ``known``: pairs
    already audited, taken instead of auditing them again (:func:`policyvc.history.audit.audit`)."""
    from policyvc.history.audit import audit

    report = audit([(v.date, v.policy) for v in history], {v.date: v.unread for v in history}, known)
    rows = []
    if history:
        first = history[0]
        rows.append(TimelineRow(first.date, len(first.policy.revision_log), None, None, None, None))
    for v, pair in zip(history[1:], report.pairs, strict=True):
        rows.append(
            TimelineRow(
                v.date,
                len(pair.script.log_added),
                len(pair.script.changes),
                len(pair.script.renumbers),
                len(pair.undocumented),
                len(pair.unbacked),
            )
        )
    findings: list[str] = []
    for pair in report.pairs:
        step = f"{pair.old.isoformat()} → {pair.new.isoformat()}"
        for e in pair.undocumented:
            text = " ".join((e.new_text or e.old_text or "").split())[:80]
            findings.append(f"{step}: undocumented {e.kind} {e.new_id or e.old_id}: {text}")
        for c in pair.unbacked:
            findings.append(f"{step}: unbacked claim ({c.date}): {c.clause}")
    for o in report.out_of_order:
        findings.append(f"revision log: entry dated {o.date} is listed after one dated {o.after}: {o.entry[:60]}")
    reference = history[-1].reference if history else ""  # the store's key (a number given at ingest too)
    return HistorySummary(reference, tuple(rows), report, tuple(findings))
