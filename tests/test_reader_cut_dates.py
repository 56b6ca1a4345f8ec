"""A Date column too narrow for its year, as pdftotext writes LibreOffice's PDFs: ``06/202`` over ``3`` or
``06/20`` over ``23`` (``parser/written_dates.py`` ``cut_dates``).  The date is made whole before any table
reads it; read as it stands it was no date, or a two-digit year (June 2020) that filed the newest version
years before its own and ran the audit backwards.  What must not be joined: a year that would not be
19xx / 20xx, digits that are a sentence's, a full date followed by a page number."""

from __future__ import annotations

import datetime as dt

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.written_dates import broken_dates, cut_dates

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


# A Date column so narrow that LibreOffice broke the whole date over three lines (``10/0`` / ``7/20`` / ``25``),
# the row's text beside a part and, when it wraps, on lines of its own between the parts — pdftotext's reading
# order of such a print.  Read as they stand the middle parts were months of a two-digit year (``7/20``: July
# 2020) that the document never wrote.
BROKEN = """11/1

Annual review; Background updated with new evidence; references

7/20

reformatted.

24

01/2

2/20 Updated references; clarified documentation requirements.

22

Date Action

08/1

1/20 New policy.

21
"""


def test_a_date_broken_over_three_lines_is_read_whole_with_its_text() -> None:
    assert _log(BROKEN) == [
        (dt.date(2021, 8, 11), "New policy."),
        (dt.date(2022, 1, 22), "Updated references; clarified documentation requirements."),
        (dt.date(2024, 11, 17), "Annual review; Background updated with new evidence; references reformatted."),
    ]


def test_a_broken_date_in_layout_text_keeps_its_text_apart() -> None:
    lines = [
        "07/0",
        "                Annual review; Background updated with new evidence; references",
        "1/20",
        "                reformatted.",
        "22",
    ]
    assert broken_dates(lines) == {
        0: "07/01/2022  Annual review; Background updated with new evidence; references reformatted.",
        1: "",
        2: "",
        3: "",
        4: "",
    }


@pytest.mark.parametrize(
    "lines",
    [
        ["10/0", "7/20", "255"],  # no year of four digits
        ["10/0", "7/20", "25 mg"],  # the last part not alone on its line
        ["10/07/2025", "7/20", "25"],  # a whole date first
        ["1/2", "3", "4"],  # no part with the year's start
        ["10/0", "Annual review.", "Updated references.", "More text.", "Even more.", "7/20", "25"],  # too far apart
        ["10/0", "          7/20", "25"],  # a part out of the date's column
    ],
)
def test_what_is_not_a_broken_date(lines: list[str]) -> None:
    assert broken_dates(lines) == {}


def test_a_part_of_a_date_at_a_pages_foot_is_no_page_counter() -> None:
    """``7/20`` at page 6's foot (a date's middle part over the page break) is kept; ``6/8`` there is the
    page's counter (and ``5/8`` with a cover page unnumbered)."""
    from policyvc.parser.pdf_geometry import _numbers_page

    assert not _numbers_page("7/20", 5)
    assert _numbers_page("6/8", 5)
    assert _numbers_page("5/8", 5)
    assert _numbers_page("Page 6 of 8", 5)


# --- a print that writes each line as a block of its own (LibreOffice's PDF as policyvc reads it) -----------------


def test_a_cut_year_in_a_print_of_a_line_a_block() -> None:
    """The date alone with the row's text and the year's rest each a block after it, or the date beside the row's
    first line with the rest beginning its second line (``10/15/20 Clarified … from`` / ``26 baseline. …``)."""
    lines = [
        "01/01/20", "", "New guideline.", "", "25", "",
        "10/15/20 Clarified reauthorization requires documentation of a", "",
        "26 reduction from baseline. Updated the quantity limit.",
    ]  # fmt: skip
    assert cut_dates(lines) == {
        0: ("01/01/2025  New guideline.", ""),
        2: ("", ""),
        4: ("", ""),
        6: (
            "10/15/2026 Clarified reauthorization requires documentation of a reduction from baseline. "
            "Updated the quantity limit.",
            "",
        ),
        8: ("", ""),
    }
    rows = "\n".join(lines) + "\n"
    assert _log(rows) == [
        (dt.date(2025, 1, 1), "New guideline."),
        (
            dt.date(2026, 10, 15),
            "Clarified reauthorization requires documentation of a reduction from baseline. "
            "Updated the quantity limit.",
        ),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        ["10/15/20 Annual review.", "", "26 new references added."],  # the row's line ended: its own sentence next
        ["10/15/20 Revised the age", "", "12 Years and older."],  # the next block no lower-case run-on
        ["10/15/30 Revised the limit to", "", "45 tablets per month."],  # 3045
        ["05/01/20", "", "Annual review.", "", "26 items"],  # the rest not alone
        ["05/01/20", "", "12", "", "26"],  # the row's text a number
        ["09/17", "", "Policy developed", "", "10/17"],  # a month and a two-digit year, each a date of its own
    ],
)
def test_blocks_that_are_no_cut_year(lines: list[str]) -> None:
    assert cut_dates(lines) == {}
