"""Print a policy's history summary (timeline, diff counts, audit findings) as plain text or rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from policyvc.history.summary import HistorySummary


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


def render_summary_rich(summary: HistorySummary, console: Console | None = None) -> None:
    """The timeline as a rich table plus the audit findings."""
    out = console or Console(highlight=False)
    table = Table(title=f"{summary.reference}: history", title_justify="left")
    for col in ("version", "new log entries", "changes", "renumbers", "undocumented", "unbacked"):
        if col == "version":
            table.add_column(col, justify="left", no_wrap=True, min_width=10)  # never cut, at any width
        else:
            table.add_column(col, justify="right")
    for r in summary.rows:
        table.add_row(
            r.date.isoformat(),
            str(r.new_entries),
            _cell(r.changes),
            _cell(r.renumbers),
            _cell(r.undocumented),
            _cell(r.unbacked),
        )
    out.print(table)
    out.print(summary.audit.verdict(), markup=False)
    for f in summary.findings:
        out.print(f"  {f}", markup=False)
