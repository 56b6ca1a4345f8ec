"""A web copy's last lines — the page's stamp of its last change and the site's copyright notice — are the site's
footer, not the policy's text: removed with a note, so two copies published a year apart do not differ by them,
and a row of the revision log above them never takes them in (its date column first: no words before a date)."""

from __future__ import annotations

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.documents import page_footer
from policyvc.parser.furniture import page_stamp


@pytest.mark.parametrize(
    "line",
    [
        "Page last updated: 12/03/2025 9:14 AM",
        "This page was last modified on March 4, 2026",
        "Site last reviewed: 2026-01-15",
        "Webpage last updated 01/2026.",
    ],
)
def test_a_page_stamp(line: str) -> None:
    assert page_stamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "Last Reviewed: 01/2026",  # (a policy's own review date: the head's field)
        "This policy was last reviewed on 01/15/2026.",
        "Page last updated: see the revision history",
        "Page 2 of 3",
    ],
)
def test_not_a_page_stamp(line: str) -> None:
    assert not page_stamp(line)


def test_the_footer_is_the_stamp_and_the_notice_at_the_end() -> None:
    lines = ["POLICY HISTORY", "12/2025   Annual review.", "", "Page last updated: 12/03/2025 9:14 AM", "© 2025 Plan"]
    assert sorted(page_footer(lines)) == [3, 4]
    # (a closing copyright notice with no stamp is the policy's own: kept)
    assert page_footer(["Coverage is decided by the member's plan.", "© 2025 Plan. All rights reserved."]) == []
    # (a stamp with text after it is no footer)
    assert page_footer(["Page last updated: 12/03/2025", "Background", "Text."]) == []


def test_a_log_row_does_not_take_the_footer_in() -> None:

    text = (
        "Sleep Apnea Devices\nPolicy Number: NW-0099\nEffective Date: 02/01/2026\n\nCOVERAGE\n"
        "Oral appliances are covered for obstructive sleep apnea.\n\nPOLICY HISTORY\nDate   Action\n"
        "12/2025   Annual review. No changes.\nPage last updated: 12/03/2025 9:14 AM\n© 2025 Northwind Plan\n"
    )
    report = parse_text_report(text, "nw.web.txt", recover=True)
    log = [(str(r.date), r.description) for r in report.policy.revision_log]
    assert log == [("2025-12-01", "Annual review. No changes.")]
    assert any("web page's footer" in d.message for d in report.diagnostics)
