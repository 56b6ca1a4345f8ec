"""Dated histories in the forms payers print them, read as the revision log (``tests/fixtures/history_forms``,
written for these tests): a two-column table a raw ``pdftotext`` wrote a column at a time (its dates ``MM/YY``
a line each, its descriptions wrapped, the page's footer between them); a four-column table copied from a PDF
viewer with single spaces, broken by a page's number, its header of payer-coined column names; tab-separated
rows under the heading with no header row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import FIXTURES, run_cli

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Policy, YearMonth

FORMS = FIXTURES / "history_forms"
D = dt.date


def _log(name: str) -> list[tuple[dt.date | None, str]]:
    policy: Policy = parse_file_report(FORMS / name, recover=True).policy
    return [(e.date, e.description) for e in policy.revision_log]


def test_a_date_column_then_a_description_column_pairs_row_by_row() -> None:
    """``MM/YY`` dates a line each (``10/19`` too, which alone could be a page counter: among dates it is one),
    the page's footer between them and the descriptions, which wrap."""
    assert _log("lakeview-guideline-updates.pdftotext.txt") == [
        (D(2012, 3, 1), "New Medical Coverage Guideline."),
        (D(2015, 1, 1), "Scheduled review; no change in position statement."),
        (D(2019, 10, 1), "Revision: home use limited to 21 days; references updated."),
        (D(2025, 7, 1), "Revision: position statement clarified for members unable to take part in therapy."),
    ]


def test_rows_of_dates_side_by_side_split_without_a_sentence_end_and_across_a_page_break() -> None:
    log = _log("northfield-policy-history.txt")
    assert [d for d, _ in log] == [D(2012, 1, 1), D(2018, 3, 1), D(2021, 9, 1), D(2025, 9, 1)]
    assert log[0][1] == "10/20/11 11/2/11 New policy"  # (the header's coined names are no entry's words)
    assert log[1][1] == "12/12/17 12/19/17 Routine maintenance; fecal incontinence added"
    assert log[2][1] == "6/15/21 6/22/21 Routine maintenance"


def test_tab_rows_with_no_header_row_keep_their_first_row() -> None:
    assert _log("westbrook-revision-rows.txt") == [
        (D(2023, 6, 20), "New guideline."),
        (D(2024, 11, 14), "Annual review; no changes."),
        (D(2025, 12, 4), "Annual review; sublingual tablets added."),
    ]
    # (no word of the history's header in its first row: read all the same, under the history heading)
    assert _log("westbrook-revision-rows-plain.txt") == [
        (D(2023, 6, 20), "New guideline."),
        (D(2024, 11, 14), "No changes."),
    ]


def test_dates_that_cannot_be_paired_are_kept_and_said(tmp_path: Path) -> None:
    """Three dates a line each over one paragraph of three sentences: which sentence is whose cannot be told —
    no entry made up, the dates kept as text with a warning."""
    path = tmp_path / "p.txt"
    path.write_text(
        "Clinical Guideline: Sample Policy\nGuideline Number: CG.SP.01\n\nGuideline\nCovered when medically needed.\n\n"
        "Revision History\n07/15/01\n01/01/08\n11/15/14\n\nNew guideline. Annual update: descriptors revised.\n"
        "Revision: statement revised.\n",
        encoding="utf-8",
    )
    result = run_cli("parse", "--recover", str(path))
    assert "log." not in result.stdout
    assert "with a date under `Revision History` not read as history entries" in result.stderr
    assert "07/15/01" in result.stdout


def test_a_version_date_author_changes_table_split_by_a_page_with_its_header_repeated() -> None:
    log = _log("cedar-version-log.layout.txt")
    assert [d for d, _ in log] == [D(2019, 3, 15), D(2021, 6, 10), D(2024, 2, 20), D(2026, 3, 1)]
    assert log[1][1] == "1.1 Medical Policy Team Wound measurement every 30 days added; references updated."


def test_an_effective_date_revision_date_description_table_gives_the_approval_month() -> None:
    policy = parse_file_report(FORMS / "pinecrest-policy-revisions.txt", recover=True).policy
    assert [(e.date, e.pt_approval, e.description) for e in policy.revision_log] == [
        (D(2023, 1, 1), YearMonth(2022, 11), "Policy created."),
        (D(2025, 7, 1), YearMonth(2025, 5), "Annual review; no changes."),
        (D(2026, 7, 1), YearMonth(2026, 5), "Annual review; MLH1 promoter methylation testing added."),
    ]


def test_month_and_year_rows_with_no_separator_run_together_are_split() -> None:
    assert _log("aspen-history-months.txt") == [
        (D(2023, 6, 1), "New policy."),
        (D(2025, 4, 1), "Annual review; references updated."),
        (D(2026, 3, 1), "Annual review. Trial duration clarified."),
    ]
