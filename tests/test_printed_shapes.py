"""Shapes of printed policies read back (``tests/fixtures/printed_shapes``): Chromium prints of two made-up
plans' pages, read by ``pdftotext`` in reading order and with ``-layout``.  Each test asserts what the page
states (its history's dates and texts, a table's rows), and what must stay text."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy, Table, YearMonth
from policyvc.parser.space_tables import space_tables

SHAPES = FIXTURES / "printed_shapes"
BOTH = ("chromium.pdftotext", "chromium.pdftotext-layout")


def _read(name: str) -> Policy:
    return parse_file_report(SHAPES / f"{name}.txt", recover=True).policy


def _tables(policy: Policy) -> list[Table]:
    return body_tables(policy)


@pytest.mark.parametrize("mode", BOTH)
def test_a_log_dated_by_month_in_words_read_cell_by_cell(mode: str) -> None:
    """``Feb 2023`` alone in its cell is a log's date as ``02/23`` is: each row its text, revision and approval."""
    log = _read(f"prairie-log-months.{mode}").revision_log
    assert [(e.date, e.pt_approval) for e in log] == [
        (dt.date(2023, 2, 1), YearMonth(2023, 2)),
        (dt.date(2024, 2, 1), YearMonth(2024, 3)),
        (dt.date(2025, 10, 1), YearMonth(2025, 10)),
    ]
    assert log[0].description == "Policy developed."
    assert log[2].description.startswith("Annual review. Cardiopulmonary disease exclusion added; age limit clarified")


@pytest.mark.parametrize("mode", BOTH)
def test_a_history_dated_by_full_month_names(mode: str) -> None:
    log = _read(f"lakeshore-history-months.{mode}").revision_log
    assert [(e.date, e.description) for e in log] == [
        (dt.date(2022, 6, 1), "New policy."),
        (dt.date(2024, 5, 1), "Annual review; no change to criteria."),
        (dt.date(2026, 3, 1), "Middle ear infection exclusion added."),
    ]


def test_a_widest_label_set_one_space_before_its_number_led_value() -> None:
    """``Rechargeable battery kit 1 per 2 years …``: the column's other values start with a number, so the
    label ends where the number starts — not where the second column's start happened to fall."""
    (limits,) = [t for t in _tables(_read("lakeshore-history-months.chromium.pdftotext-layout"))
                 if t.header[0] == "Device"]  # fmt: skip
    assert [(r.cells[0], r.cells[1][0].split()[:4]) for r in limits.rows] == [
        (("Processor",), ["1", "per", "5", "years"]),
        (("Headpiece cable",), ["4", "per", "year", "per"]),
        (("Rechargeable battery kit",), ["1", "per", "2", "years"]),
    ]


def test_a_glued_row_splits_at_a_number_only_under_a_column_of_numbers() -> None:
    numbers = ["Dosing", "    Drug        Maximum Dose", "    Alfa        2 mg orally once daily",
               "    Betaprime 10 mg orally twice daily, up to 20 mg a day", ""]  # fmt: skip
    assert space_tables(numbers)[1:4] == [
        "Drug\tMaximum Dose", "Alfa\t2 mg orally once daily", "Betaprime\t10 mg orally twice daily, up to 20 mg a day",
    ]  # fmt: skip
    words = ["Dosing", "    Drug        Notes", "    Alfa        Given with food",
             "    Betaprime 10 mg orally twice daily, up to 20 mg a day", ""]  # fmt: skip
    assert space_tables(words) == words  # (a value of words above: where the row splits is unsure)


def test_month_year_keys_are_month_names_only() -> None:
    """A cell-by-cell history keyed by ``March 2024``; words that begin like a month (``Marketing``, ``Mayday``)
    are no date, and the blocks stay text."""
    dated = ["Policy History", "", "Summary", "", "Date", "", "New policy.", "", "March 2024", "", "Annual review.",
             "", "May 2025", "", "References"]  # fmt: skip
    assert [line for line in space_tables(dated) if "\t" in line] == [
        "Summary\tDate", "New policy.\tMarch 2024", "Annual review.\tMay 2025",
    ]  # fmt: skip
    words = [line.replace("March", "Marketing").replace("May", "Mayday") for line in dated]
    assert space_tables(words) == words


def test_a_date_after_a_middle_dot_in_the_head_is_a_field() -> None:
    """A web page's subtitle sets its fields apart with ``·`` as a header sets them with ``|``; a date in a
    sentence of the head is still no field."""
    head = "Hearing Aid Batteries\nCoverage Bulletin · Bulletin No: HB-221 · Effective March 2026\n\n"
    policy = parse_text_report(head + "Overview\nBatteries are covered as below.\n", recover=True).policy
    assert policy.header.effective_date == dt.date(2026, 3, 1)
    prose = "Hearing Aid Batteries\nCoverage Bulletin\n\nOverview\nThe plan said effective March 2026 batteries …\n"
    assert parse_text_report(prose, recover=True).policy.header.effective_date is None


def test_a_month_in_words_and_its_row_s_text_on_one_line_key_first() -> None:
    """Reading order may set a key-first row's date and its text on one line, and the next row's date under it
    (``Sep 2025 Quantity limit raised.`` / ``Feb 2026``): each its own cell, as a code's row is.  (A print's
    heading and the first column's name share a block: no blank line between them.)"""
    lines = ["Revision History", "Date", "", "Change", "", "Mar 2021", "", "First version.", "",
             "Sep 2025 Quantity limit raised.", "Feb 2026", "", "Prescriber requirement removed.", "",
             "Appendix"]  # fmt: skip
    assert [line for line in space_tables(lines) if "\t" in line] == [
        "Date\tChange", "Mar 2021\tFirst version.", "Sep 2025\tQuantity limit raised.",
        "Feb 2026\tPrescriber requirement removed.",
    ]  # fmt: skip
