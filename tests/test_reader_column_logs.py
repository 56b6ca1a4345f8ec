"""Centene revision logs LibreOffice printed with long rows, read by pdftotext in reading order a column at a
time: the first column whole under its name (wrapped in its cell, and under the log's own heading), then the
date columns' names and their dates a block each.  Every row is an entry with its dates and its text."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import YearMonth

HERE = FIXTURES / "column_logs"


def _log(name: str) -> list[tuple[dt.date | None, YearMonth | None, str]]:
    policy = parse_file_report(HERE / name, recover=True).policy
    return [(e.date, e.pt_approval, e.description) for e in policy.revision_log]


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        (
            "mirikizumab.libreoffice.pdftotext.txt",
            [
                (dt.date(2024, 5, 1), YearMonth(2024, 5), "Policy created for ulcerative colitis."),
                (
                    dt.date(2025, 5, 1),
                    YearMonth(2025, 5),
                    "Annual review; Crohn's disease added per updated prescribing information.",
                ),
                (
                    dt.date(2026, 5, 1),
                    YearMonth(2026, 5),
                    "Annual review; references reviewed and updated; maintenance dosing clarified.",
                ),
            ],
        ),
        (
            "pulmonary-rehab.libreoffice.pdftotext.txt",
            [
                (dt.date(2023, 9, 1), YearMonth(2023, 9), "Policy developed."),
                (dt.date(2024, 9, 1), YearMonth(2024, 9), "Annual review. References reviewed and updated."),
                (
                    dt.date(2025, 9, 1),
                    YearMonth(2025, 9),
                    "Annual review. Added chronic obstructive pulmonary disease stage criteria."
                    " Session limit set at 36.",
                ),
            ],
        ),
    ],
)
def test_a_log_printed_a_column_at_a_time_is_read_row_by_row(
    name: str, rows: list[tuple[dt.date, YearMonth, str]]
) -> None:
    assert _log(name) == rows


def test_the_heading_after_the_log_is_no_row_of_it() -> None:
    """Reading order set `Important Reminder` right under the last row's text, before the dates."""
    report = parse_file_report(HERE / "pulmonary-rehab.libreoffice.pdftotext.txt", recover=True)
    assert all("Important Reminder" not in e.description for e in report.policy.revision_log)
    assert any(s.title == "Important Reminder" for s in report.policy.body)
