"""A Date column too narrow for its year, as pdftotext writes LibreOffice's PDFs: ``06/202`` over ``3`` or
``06/20`` over ``23`` (``parser/written_dates.py`` ``cut_dates``).  The date is made whole before any table
reads it; read as it stands it was no date, or a two-digit year (June 2020) that filed the newest version
years before its own and ran the audit backwards.  What must not be joined: a year that would not be
19xx / 20xx, digits that are a sentence's, a full date followed by a page number."""

from __future__ import annotations

import datetime as dt

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.written_dates import cut_dates

HEAD = """Acme Pharmacy Services, Inc.
Prior Authorization Guideline
Guideline Name: Widgetmab for Chronic Cough
Guideline ID: AC-PA-0101
Effective Date: 07/01/2026
1. Criteria
Approval Length: 6 months
1 - Member is 18 years of age or older
2. Policy History/Revision Information
Date

Summary of Changes

"""


def _log(rows: str) -> list[tuple[dt.date | None, str]]:
    policy = parse_text_report(HEAD + rows + "\f", recover=True).policy
    return [(e.date, e.description) for e in policy.revision_log]


@pytest.mark.parametrize(
    "cut",
    [
        ("06/202", "3", "06/202", "4", "05/202", "6"),
        ("06/20", "23", "06/20", "24", "05/20", "26"),
    ],
)
def test_a_year_cut_by_the_column_is_read_whole(cut: tuple[str, ...]) -> None:
    a, b, c, d, e, f = cut
    rows = (
        f"{a}\n{b}\n\nNew guideline.\n\n{c}\n{d}\n\nAnnual review. Updated references.\n\n"
        f"{e}\n{f}\n\nAnnual review. Added a second product.\n"
    )
    assert _log(rows) == [
        (dt.date(2023, 6, 1), "New guideline."),
        (dt.date(2024, 6, 1), "Annual review. Updated references."),
        (dt.date(2026, 5, 1), "Annual review. Added a second product."),
    ]


def test_a_layout_row_cut_in_its_first_cell() -> None:
    lines = ["06/202     New guideline.", "3", "05/20      Annual review.", "26"]
    assert cut_dates(lines) == {0: ("06/2023     New guideline.", ""), 2: ("05/2026      Annual review.", "")}


@pytest.mark.parametrize(
    "lines",
    [
        ["06/20", "123"],  # five digits of year
        ["06/15/2023", "4"],  # a whole date and a page number
        ["06/30", "45"],  # 3045
        ["Revised 06/20", "23"],  # a sentence's date, not a cell alone
        ["          06/202", "3"],  # the rest left of the date's column
        ["06/202", "3 items"],  # the rest not alone on its line
    ],
)
def test_what_is_not_a_cut_year(lines: list[str]) -> None:
    assert cut_dates(lines) == {}
