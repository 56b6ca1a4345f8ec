"""A family pharmacy print whose tables pdftotext reads down a column with its first row
(``tests/fixtures/column_first_rows31``: HTML in ``src/`` printed by Chromium, remade by ``python tests/docgen.py
$PWD/tests/fixtures/column_first_rows31``, the print's ``file://`` address in the texts then replaced by a web one;
the PDFs printed from the same pages).

A state plan's print of a pharmacy policy names its log ``Reviews, Revisions, Approvals`` (no ``and``) or
``Reviews, Revisions, and Approvals``, its ``P&T Approval Date`` wrapped in its narrow cell.  pdftotext may read
the first row's cells in one block with the column's name (``HCPCS Codes`` / ``J2323``, ``Description`` /
``Injection, …``; ``Reviews, Revisions, Approvals`` / ``Policy created``, the row's dates after the other names):
the names are the header, the cells the first row.  Before, such a log gave no entries and its column names and
P&T months became section titles; the policy fell back to its outline."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Policy, YearMonth
from policyvc.parser.text_styles import prepare

SHAPES = FIXTURES / "column_first_rows31"

# name: (set titles per section, HCPCS codes, log rows (date, P&T month, description))
EXPECTED = {
    "stelara-state-plan": (
        [["Crohn's Disease"], ["All Indications in Section I"]],
        ["J3358"],
        [
            (dt.date(2020, 10, 14), YearMonth(2020, 11), "Policy created"),
            (
                dt.date(2021, 9, 28),
                YearMonth(2021, 11),
                "4Q 2021 annual review: no significant changes; references reviewed and updated.",
            ),
            (dt.date(2022, 10, 3), YearMonth(2022, 11), "4Q 2022 annual review: age limit added for CD."),
            (dt.date(2024, 10, 11), YearMonth(2024, 11), "4Q 2024 annual review: no significant changes."),
        ],
    ),
    "tysabri-state-plan": (
        [["Multiple Sclerosis"], ["All Indications in Section I"]],
        ["J2323", "Q5134"],
        [
            (dt.date(2022, 1, 10), YearMonth(2022, 2), "Policy created"),
            (dt.date(2023, 1, 9), YearMonth(2023, 2), "1Q 2023 annual review: no significant changes."),
            (dt.date(2024, 1, 12), YearMonth(2024, 2), "1Q 2024 annual review: biosimilar code Q5134 added."),
            (dt.date(2025, 1, 14), YearMonth(2025, 2), "1Q 2025 annual review: references reviewed and updated."),
        ],
    ),
}


@pytest.mark.parametrize("form", ["pdf", "pdftotext.txt"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_pharmacy_print_reads_its_log_and_codes(name: str, form: str) -> None:
    report = parse_file_report(SHAPES / f"{name}.chromium.{form}")
    policy = report.policy
    assert isinstance(policy, Policy)
    assert not [d for d in report.diagnostics if d.severity == "error"]
    sets, codes, log = EXPECTED[name]
    assert [[s.title for s in section.sets] for section in policy.sections][:2] == sets
    assert [c.code for c in policy.hcpcs] == codes
    assert [(e.date, e.pt_approval, e.description) for e in policy.revision_log] == log


def _rows(text: str) -> list[list[str]]:
    st = prepare(f"Clinical Policy: Infliximab\nReference Number: CP.PHAR.254\n\n{text}", "x.txt")
    return [line.split("\t") for line in st.lines if "\t" in line]


def test_a_codes_table_read_down_its_columns() -> None:
    text = "Coding Implications\nHCPCS Codes\nJ1745\n\nDescription\nInjection, infliximab, 10 mg\n\f"
    assert _rows(text) == [["HCPCS Codes", "Description"], ["J1745", "Injection, infliximab, 10 mg"]]


def test_a_codes_table_whose_first_cell_is_no_code_stays_as_it_was() -> None:
    # (a column's name over a cell that has not the key's shape: not told for sure, nothing moved)
    text = "Coding Implications\nHCPCS Codes\nSee the fee schedule\n\nDescription\nInjection, infliximab, 10 mg\n\f"
    assert ["See the fee schedule", "Injection, infliximab, 10 mg"] not in _rows(text)


def test_a_log_name_over_its_first_description() -> None:
    text = "\n".join(
        [
            "Reviews, Revisions, Approvals",
            "Policy created",
            "",
            "Date",
            "",
            "P&T Approval",
            "Date",
            "",
            "03.01.20 05.20",
            "",
            "Annual review. 04.12.21 08.21",
            "\f",
        ]
    )
    rows = _rows(text)
    assert rows[0] == ["Reviews, Revisions, Approvals", "Date", "P&T Approval Date"]
    assert rows[1][0] == "Policy created"
    assert rows[1][1:] in (["03.01.20", "05.20"], ["03.01.20 05.20", ""])
