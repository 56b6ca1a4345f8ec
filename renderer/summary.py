"""A policy's history summary (timeline, diff counts, audit findings) as plain text, or as rich tables to print."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.text import Text

from policyvc.history.summary import HistorySummary, TimelineRow


def _cell(value: int | None) -> str:
    return "—" if value is None else str(value)


def render_summary_plain(summary: HistorySummary) -> str:
    """The timeline as aligned plain text, then the findings."""
    head = ("version", "new log entries", "changes", "renumbers", "undocumented", "unbacked")
    rows = [head] + [
        (
            r.date.isoformat(),
            str(r.new_entries),
            _cell(r.changes),
            _cell(r.renumbers),
            _cell(r.undocumented),
            _cell(r.unbacked),
        )
        for r in summary.rows
    ]
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    out = [f"{summary.reference}: history of {len(summary.rows)} version(s)"]
    for row in rows:
        cells = (cell.rjust(w) if k else cell.ljust(w) for k, (cell, w) in enumerate(zip(row, widths, strict=True)))
        out.append("  " + "  ".join(cells))
    out.append(summary.audit.verdict())
    out += [f"  {f}" for f in summary.findings]
    return "\n".join(out) + "\n"


def summary_rich(summary: HistorySummary) -> Group:
    """The timeline as a rich table plus the audit findings, to print."""
    return timeline_rich(summary.reference, summary.rows, summary.audit.verdict(), summary.findings)


def timeline_rich(reference: str, rows: Sequence[TimelineRow], verdict: str, findings: Sequence[str]) -> Group:
    """:func:`summary_rich` from its parts (``build`` keeps them between runs, not the whole audit)."""
    from policyvc.renderer.tables import Column, FittedTable

    columns = [Column("version", min_width=10)]  # never cut, at any width
    columns.append(Column("new log entries", numeric=True, stacked="new log\nentries"))
    columns += [Column(c, numeric=True) for c in ("changes", "renumbers", "undocumented", "unbacked")]
    cells = [
        [
            r.date.isoformat(),
            str(r.new_entries),
            _cell(r.changes),
            _cell(r.renumbers),
            _cell(r.undocumented),
            _cell(r.unbacked),
        ]
        for r in rows
    ]
    table = FittedTable(f"{reference}: history", columns, cells)
    return Group(table, Text(verdict), *(Text(f"  {f}") for f in findings))
