"""Tables a PDF viewer's copy wrote one space apart, and the head's field line above them
(``tests/fixtures/viewer_tables22``: viewer copies of four plans' policies, none of them seen by the rules).

* a quantity-limit table of known column names whose limit is a count with no unit (``1 per 28 days``), a
  loading fill before the upkeep (``4 first fill, then 4 per 28 days``) or alternatives: read to its cells;
* the head's one line of fields set apart with spaces (``Created: 05/2018    Revised: …    Effective: …``) is
  no grid of cells over the body under it: a body line running across the next field's column ends it, so the
  code table below is read (its header printed again after a page break) and not left to the head's reader;
* a history whose first row is dated by a month and its year (``05/2018 Created``): one entry a row.

What must stay as it was: prose under a quantity header, a limit that is no count per period, a header inside
a sentence; a grid whose value wraps inside its own column; a month and year inside a row's text."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES
from heldout_support import body_tables, log_dates

from policyvc.parser import parse_file_report
from policyvc.parser.header_grid import find_grid
from policyvc.parser.quantity_tables import quantity_table
from policyvc.parser.space_tables import space_tables
from policyvc.parser.written_dates import read_date

SHAPES = FIXTURES / "viewer_tables22"

LIMITS = {
    "glp1-limits.viewer.txt": [
        ("Ozempic 2 mg/3 mL pen", "1 per 28 days"),
        ("Trulicity 1.5 mg/0.5 mL pen", "4 per 28 days"),
        ("Mounjaro 5 mg/0.5 mL pen", "4 first fill, then 4 per 28 days"),
        ("Rybelsus 7 mg tablet", "30 per 30 days"),
    ],
    "asthma-biologic-limits.viewer.txt": [
        ("Dupixent 300 mg/2 mL syringe", "4 first month, then 2 per 28 days"),
        ("Fasenra 30 mg/mL pen", "1 per 56 days"),
        ("Tezspire 210 mg/1.91 mL pen", "1 per 28 days or 3 per 84 days"),
    ],
}


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_a_viewer_copied_quantity_table_reads_to_its_cells(name: str) -> None:
    policy = parse_file_report(SHAPES / name, recover=True).policy
    tables = body_tables(policy)
    assert len(tables) == 1
    assert [tuple(" ".join(c) for c in row.cells) for row in tables[0].rows] == LIMITS[name]


CODES = {
    "sleeve-codes.viewer.txt": (["42145", "64582", "64583", "21685"], [(2018, 5, 1), (2022, 4, 12), (2025, 9, 22)]),
    "lab-codes.viewer.txt": (["82306", "82652"], [(2017, 2, 1), (2025, 7, 15)]),
}


@pytest.mark.parametrize("name", sorted(CODES))
def test_a_code_table_under_a_spaced_field_line_and_a_month_year_log_are_read(name: str) -> None:
    keys, dates = CODES[name]
    report = parse_file_report(SHAPES / name, recover=True)
    tables = [t for t in body_tables(report.policy) if t.header[0] == "CPT"]
    assert len(tables) == 1
    assert [row.key for row in tables[0].rows] == keys
    assert log_dates(report.policy) == [dt.date(*d) for d in dates]
    assert report.policy.header.effective_date is not None


def _limits(*rows: str, header: str = "Drug Limit") -> list[str]:
    return ["Quantity Limits", header, *rows, ""]


@pytest.mark.parametrize(
    "rows",
    [
        # (prose under the header: no row)
        ("Limits apply to every strength on the formulary 1 per 30 days",),
        # (a limit that is no count per period)
        ("Ozempic 2 mg/3 mL pen as prescribed", "Trulicity 1.5 mg/0.5 mL pen 4 per 28 days"),
        # (a row whose last cell wraps onto the next line)
        ("Ozempic 2 mg/3 mL pen 1 per 28 days", "or 3 per 84 days with prior approval"),
    ],
)
def test_what_stays_text_under_a_quantity_header(rows: tuple[str, ...]) -> None:
    assert quantity_table(_limits(*rows), 1) is None


def test_a_quantity_header_inside_a_sentence_is_no_table() -> None:
    lines = ["Requests above the limits shown for the", "Drug Limit", "Ozempic 2 mg/3 mL pen 1 per 28 days", ""]
    assert quantity_table(lines, 1) is None


_FIELDS = ("Effective Date", "Effective", "Revised")


def test_a_grid_value_wrapped_inside_its_column_is_still_read() -> None:
    texts = ["Effective Date: July 1,      Revised: 05/02/2025", "2026", "", "Criteria"]
    found = find_grid(texts, _FIELDS)
    assert found is not None
    assert found[2] == ["Effective Date: July 1, 2026", "Revised: 05/02/2025"]


def test_a_body_line_across_the_next_column_is_no_wrapped_value() -> None:
    texts = [
        "Created: 05/2018    Revised: 09/22/2025    Effective: 11/01/2025",
        "Indications",
        "Surgery is covered when the member meets all of the following:",
    ]
    assert find_grid(texts, _FIELDS) is None


def test_a_month_and_year_inside_a_row_s_text_starts_no_row() -> None:
    lines = [
        "Date Revision",
        "08/2019 Created",
        "09/14/2023 Adolescent criteria, replacing the",
        "criteria of 08/2019 in full",
        "",
    ]
    out = space_tables(lines)
    assert out[1:4] == [
        "08/2019\tCreated",
        "09/14/2023\tAdolescent criteria, replacing the criteria of 08/2019 in full",
        "",
    ]


CHECKLISTS = {
    "dupixent-checklist.chromium.pdftotext.txt": ((2026, 3, 15), [(2021, 10, 12), (2026, 2, 2)]),
    "cgm-checklist.viewer.txt": ((2026, 4, 1), [(2020, 9, 7), (2026, 2, 28)]),
}


@pytest.mark.parametrize("name", sorted(CHECKLISTS))
def test_days_written_with_hyphens_and_a_month_s_letters_are_read(name: str) -> None:
    effective, dates = CHECKLISTS[name]
    policy = parse_file_report(SHAPES / name, recover=True).policy
    assert policy.header.effective_date == dt.date(*effective)
    assert log_dates(policy) == [dt.date(*d) for d in dates]


@pytest.mark.parametrize(
    ("text", "day"),
    [("Effective: 01-JAN-2026", dt.date(2026, 1, 1)), ("7-Sep-2020 created", dt.date(2020, 9, 7))],
)
def test_a_hyphenated_day_reads(text: str, day: dt.date) -> None:
    found = read_date(text)
    assert found is not None and found.date == day and not found.month_only


# (a code's parts joined by hyphens, a month's full name, a longer number: no such day)
@pytest.mark.parametrize("text", ["RX-12-MAY-2020", "12-JANUARY-2020", "12-MAY-20201", "31-FEB-2024"])
def test_what_is_no_hyphenated_day(text: str) -> None:
    assert read_date(text) is None


def test_a_row_s_date_alone_on_its_line_takes_the_next_block_as_its_text() -> None:
    policy = parse_file_report(SHAPES / "dupixent-checklist.chromium.pdftotext.txt", recover=True).policy
    assert [" ".join(e.description.split()) for e in policy.revision_log] == ["Form created", "Age lowered to 6 months"]
