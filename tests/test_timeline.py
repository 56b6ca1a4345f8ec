"""The per-policy history summary that ``policyvc build`` will print."""

from __future__ import annotations

import io

from conftest import ROOT, check_golden
from rich.console import Console

from policyvc.history.summary import history_summary
from policyvc.renderer.summary import render_summary_plain, summary_rich
from policyvc.store import Store


def test_history_summary_of_the_embedded_example() -> None:
    summary = history_summary(Store(ROOT / "policy_versions").history("CP.PHAR.295").snapshots)
    assert [r.date.isoformat() for r in summary.rows] == [
        "2023-04-18",
        "2023-10-16",
        "2024-06-05",
        "2025-04-14",
        "2026-03-26",
    ]
    assert [(r.changes, r.renumbers) for r in summary.rows[1:]] == [(4, 1), (18, 3), (19, 0), (1, 0)]
    assert summary.audit.clean
    (finding,) = summary.findings
    assert finding.startswith("revision log: entry dated 2024-05-03 is listed after one dated 2024-06-05: 3Q 2024")
    check_golden("diff/timeline.txt", render_summary_plain(summary))
    buf = io.StringIO()
    Console(file=buf, width=120, highlight=False).print(summary_rich(summary))
    assert "2024-06-05" in buf.getvalue() and "every change documented" in buf.getvalue()
