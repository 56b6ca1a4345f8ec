"""What ``policyvc build`` prints per policy: the timeline, the diffs' summary counts and the audit.

``history_summary`` computes it (pure); ``render_summary_rich`` prints it as rich
tables and ``render_summary_plain`` as plain text (logs, tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from policyvc.history.audit import AuditReport, audit
from policyvc.history.select import Version


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


def history_summary(history: Sequence[Version]) -> HistorySummary:
    """Timeline rows, diff counts and audit findings of one policy's versions (oldest first)."""
    report = audit([(v.date, v.policy) for v in history])
    rows = []
    if history:
        first = history[0]
        rows.append(TimelineRow(first.date, len(first.policy.revision_log), None, None, None, None))
    for v, pair in zip(history[1:], report.pairs, strict=True):
        rows.append(TimelineRow(v.date, len(pair.script.log_added), len(pair.script.changes),
                                len(pair.script.renumbers), len(pair.undocumented), len(pair.unbacked)))  # fmt: skip
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
    reference = history[-1].policy.reference_number if history else ""
    return HistorySummary(reference, tuple(rows), report, tuple(findings))


def _cell(value: int | None) -> str:
    return "—" if value is None else str(value)


def render_summary_plain(summary: HistorySummary) -> str:
    """The timeline as aligned plain text, then the findings."""
    head = ("version", "new log entries", "changes", "renumbers", "undocumented", "unbacked")
    rows = [head] + [
        (r.date.isoformat(), str(r.new_entries), _cell(r.changes), _cell(r.renumbers), _cell(r.undocumented),
         _cell(r.unbacked))
        for r in summary.rows
    ]  # fmt: skip
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    out = [f"{summary.reference}: history of {len(summary.rows)} version(s)"]
    for row in rows:
        cells = (cell.rjust(w) if k else cell.ljust(w) for k, (cell, w) in enumerate(zip(row, widths, strict=True)))
        out.append("  " + "  ".join(cells))
    verdict = "audit: every change documented, every claim backed" if summary.audit.clean else "audit: unexplained"
    out.append(verdict)
    out += [f"  {f}" for f in summary.findings]
    return "\n".join(out) + "\n"


def render_summary_rich(summary: HistorySummary, console: Console | None = None) -> None:
    """The timeline as a rich table plus the audit findings."""
    out = console or Console(highlight=False)
    table = Table(title=f"{summary.reference}: history", title_justify="left")
    for col in ("version", "new log entries", "changes", "renumbers", "undocumented", "unbacked"):
        table.add_column(col, justify="left" if col == "version" else "right")
    for r in summary.rows:
        table.add_row(r.date.isoformat(), str(r.new_entries), _cell(r.changes), _cell(r.renumbers),
                      _cell(r.undocumented), _cell(r.unbacked))  # fmt: skip
    out.print(table)
    out.print("audit: every change documented, every claim backed" if summary.audit.clean else "audit: unexplained")
    for f in summary.findings:
        out.print(f"  {f}", markup=False)
