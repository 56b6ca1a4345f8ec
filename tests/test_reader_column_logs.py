"""Centene revision logs LibreOffice printed with long rows, read by pdftotext in reading order a column at a
time: the first column whole under its name (wrapped in its cell, and under the log's own heading), then the
date columns' names and their dates a block each.  Every row is an entry with its dates and its text."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import YearMonth
from policyvc.renderer.outline import render_outline

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


# A pharmacy policy's dosing table as pdftotext in reading order gives LibreOffice's print of it where each
# column is a block of its own (the shape of a published print; words of our own): its name, then its cells,
# wrapped where the column is narrow.
_DOSING = """Clinical Policy: Mirikizumab (Omvoh)
Reference Number: CP.PHAR.641
Effective Date: 01.01.24

Description
Mirikizumab (Omvoh®) is an interleukin-23 antagonist.

V. Dosage and Administration
Indication
Ulcerative colitis (adults)
Crohn's disease (adults with
moderate to severe disease)

Dosing Regimen
300 mg IV at weeks 0, 4 and
8, then 200 mg SC every 4
weeks
900 mg IV at weeks 0, 4 and
8, then 300 mg SC every 4
weeks

Maximum Dose
300 mg IV per dose
900 mg IV per dose

VI. Product Availability
Single-dose vial: 300 mg/15 mL
"""


def test_a_table_printed_a_column_at_a_time_with_wrapped_cells_is_read_row_by_row() -> None:
    report = parse_text_report(_DOSING, "policy.txt", recover=True)
    text = render_outline(report.policy)
    assert "Indication | Dosing Regimen | Maximum Dose" in text
    assert (
        "Crohn's disease (adults with moderate to severe disease) | 900 mg IV at weeks 0, 4 and 8, then 300 mg SC"
        " every 4 weeks | 900 mg IV per dose" in text
    )


def test_columns_whose_cells_do_not_share_out_stay_text() -> None:
    """The second column one cell short (a row's regimen on another page): which cell is whose is not sure."""
    broken = _DOSING.replace("900 mg IV at weeks 0, 4 and\n8, then 300 mg SC every 4\nweeks\n", "")
    text = render_outline(parse_text_report(broken, "policy.txt", recover=True).policy)
    assert "Indication | Dosing Regimen" not in text
    assert "Crohn's disease (adults with moderate to severe disease)" in text


def test_a_column_table_whose_first_column_ran_into_the_next_heading_stays_text() -> None:
    """LibreOffice's print as this pdftotext reads it: the first column's block runs on into `VII. References`,
    the other columns after it — no table of the later columns alone, its first column lost."""
    text = render_outline(parse_file_report(HERE / "mirikizumab.libreoffice.pdftotext.txt", recover=True).policy)
    assert "Dosing Regimen | Maximum Dose" not in text
    assert "300 mg IV at weeks 0, 4 and 8, then 200 mg SC every 4 weeks" in " ".join(text.split())
