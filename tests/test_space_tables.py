"""Tables a copy lost the tabs of (``parser/space_tables.py``): code tables and dated logs, written the
way browsers' prints and pdftotext without ``-layout`` write them."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
from conftest import FIXTURES
from heldout_support import body_tables
from hypothesis import example, given, settings
from profiles import examples

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Table
from policyvc.parser.space_tables import space_tables
from policyvc.renderer.outline import render_outline

HEAD = "Knee Injections\nPolicy Number: MP-31\nEffective Date: 01/01/2026\n\n"


def _tables(text: str) -> list[Table]:
    return body_tables(parse_text_report(HEAD + text, source="x.txt", recover=True).policy)


def test_a_code_table_with_its_header_written_with_spaces() -> None:
    (table,) = _tables(
        "Coding\nCPT® Codes Description\n20610 Arthrocentesis, aspiration and/or injection, major joint or bursa;\n"
        "without ultrasound guidance\n20611 Arthrocentesis, major joint; with ultrasound guidance\n"
    )
    assert table.header == ("CPT® Codes", "Description")
    assert [r.key for r in table.rows] == ["20610", "20611"]
    assert " ".join(table.rows[0].cells[1]).endswith("without ultrasound guidance")


def test_a_code_table_without_a_header_gets_one_and_says_so() -> None:
    report = parse_text_report(
        HEAD + "Coding\nJ7321 Hyaluronan, Hyalgan, per dose\nJ7323 Hyaluronan, Euflexxa, per dose\n",
        source="x.txt",
        recover=True,
    )
    table = next(b for s in report.policy.body for b in s.blocks if isinstance(b, Table))
    assert table.header == ("Code", "Description") and [r.key for r in table.rows] == ["J7321", "J7323"]
    assert any("without a header row" in d.message for d in report.diagnostics)


def test_a_code_table_read_cell_by_cell() -> None:
    (table,) = _tables("Coding\n\nJ7321\n\nHyaluronan, Hyalgan, per dose\n\nJ7323\n\nHyaluronan, Euflexxa, per dose\n")
    assert [(r.key, " ".join(r.cells[1])) for r in table.rows] == [
        ("J7321", "Hyaluronan, Hyalgan, per dose"),
        ("J7323", "Hyaluronan, Euflexxa, per dose"),
    ]


def test_codes_in_a_sentence_are_no_table() -> None:
    lines = ["The panel is billed as 0029U or 0345U when both", "genes are tested."]
    assert space_tables(lines) == lines


def test_a_log_whose_dates_wrap_onto_lines_of_their_own_over_a_page_break() -> None:
    lines = [
        "Revision History Revision Date Approval Date",
        "Policy created 05/21 05/21",
        "Annual review. Criteria for repeat testing",
        "clarified.",
        "05/22 05/22",
        "Annual review. Codes updated.",
        "https://plan.example.org/policies/mp-31 2/3",
        "Revision History Revision Date Approval Date",
        "05/23 05/23",
        "Annual review. No changes. 09/24 09/24",
        "",
        "References",
    ]
    out = space_tables(lines)
    assert len(out) == len(lines)  # every line keeps its number
    rows = [line for line in out if line.count("\t") == 2]
    assert rows[1:] == [
        "Policy created\t05/21\t05/21",
        "Annual review. Criteria for repeat testing clarified.\t05/22\t05/22",
        "Annual review. Codes updated.\t05/23\t05/23",  # (on its first line, above the header repeated)
        "Revision History\tRevision Date\tApproval Date",
        "Annual review. No changes.\t09/24\t09/24",
    ]
    assert out[-1] == "References"


def test_a_log_row_without_its_date_is_kept() -> None:
    out = space_tables(["Policy History Date", "New policy.", "01/01/2024", "Retired pending review", ""])
    assert out[1:4] == ["New policy.\t01/01/2024", "", "Retired pending review\t"]


def test_a_log_laid_out_with_its_dates_on_a_row_s_first_line() -> None:
    lines = [
        "Reviews, Revisions, and Approvals               Revision Date   Approval Date",
        "Policy created.                                 03/23           03/23",
        "Annual review. Criteria I.C.1.d) reworded       02/24           02/24",
        "and references updated. Coding reviewed.",
        "",
        "References",
    ]
    out = space_tables(lines)
    assert out[1:6] == [
        "Policy created.\t03/23\t03/23",
        "Annual review. Criteria I.C.1.d) reworded and references updated. Coding reviewed.\t02/24\t02/24",
        "",
        "",
        "References",
    ]


def test_a_log_written_a_cell_a_line() -> None:
    lines = ["Reviews, Revisions, and Approvals", "Revision", "Date", "Approval", "Date", "Policy adopted.",
             "11/21", "11/21", "Annual review. Criteria", "reworded.", "11/22", "11/22",
             "Important Reminder"]  # fmt: skip
    out = space_tables(lines)
    assert [line for line in out if line] == [
        "Reviews, Revisions, and Approvals\tRevision Date\tApproval Date",
        "Policy adopted.\t11/21\t11/21",
        "Annual review. Criteria reworded.\t11/22\t11/22",
        "Important Reminder",
    ]


def test_a_browser_print_with_a_headerless_code_table_and_a_one_date_log() -> None:
    report = parse_file_report(FIXTURES / "reader" / "browser-print-colony-stimulating.txt", recover=True)
    policy = report.policy
    assert policy.header.title == "Colony Stimulating Factors"  # (not the browser's date stamp above it)
    assert [e.date for e in policy.revision_log] == [dt.date(2025, 3, 1), dt.date(2026, 3, 1)]
    assert "risk band and its risk factors" in policy.revision_log[1].description
    codes = next(b for s in policy.body for b in s.blocks if isinstance(b, Table))
    assert [r.key for r in codes.rows] == ["J1442", "J1447", "Q5101", "J2506"]


def test_a_history_table_whose_header_names_its_columns_around_the_date() -> None:
    lines = [
        "Status      Date          Action",
        "Revised     02/12/2026    Committee review. Added a carboxyhemoglobin",
        "                          threshold in pregnancy.",
        "            10/01/2024    Updated Coding section.",
        "New         05/11/2023    Initial document development.",
        "",
        "Definitions",
    ]
    out = space_tables(lines)
    assert [line for line in out if "\t" in line] == [
        "Date\tStatus\tAction",
        "02/12/2026\tRevised\tCommittee review. Added a carboxyhemoglobin threshold in pregnancy.",
        "10/01/2024\t\tUpdated Coding section.",
        "05/11/2023\tNew\tInitial document development.",
    ]
    assert out[-1] == "Definitions"


def test_one_code_under_a_heading_that_names_its_code_set_is_a_table() -> None:
    (table,) = _tables("Coding\n\nCPT\n99183 Attendance and supervision of hyperbaric oxygen therapy, per session\n")
    assert [r.key for r in table.rows] == ["99183"]


def test_icd10_codes_in_a_run_are_a_table() -> None:
    (table,) = _tables(
        "Coding\n\nICD-10 Codes\nN62 Hypertrophy of breast\nL30.4 Erythema intertrigo\nM54.2 Cervicalgia\n"
    )
    assert [r.key for r in table.rows] == ["N62", "L30.4", "M54.2"]


def test_a_code_table_header_written_a_cell_a_line() -> None:
    (table,) = _tables("Coding\n\nCPT®/HCPCS\nCodes\nDescription\n95800 Sleep study, unattended\n95806 Sleep study\n")
    assert table.header == ("CPT®/HCPCS Codes", "Description") and [r.key for r in table.rows] == ["95800", "95806"]


def test_a_table_written_with_pipes() -> None:
    (table,) = _tables(
        "Coding\n\nHCPCS CODE | DESCRIPTION\nJ3380 | Injection, vedolizumab, 1 mg\nJ3590 | Unclassified biologics\n"
    )
    assert table.header == ("HCPCS CODE", "DESCRIPTION") and [r.key for r in table.rows] == ["J3380", "J3590"]


def test_a_markdown_table() -> None:
    (table,) = _tables("Dosing\n\n| Dose | Interval |\n|---|---|\n| 300 mg | every 8 weeks |\n")
    assert table.header == ("Dose", "Interval") and [r.key for r in table.rows] == ["300 mg"]


def test_a_history_named_over_its_date_column() -> None:
    lines = [
        "Revision History   Description",
        "03/03/2026         Changed a connective from ALL to ANY of the listed",
        "                   therapies",
        "03/05/2024         Added a covered diagnosis",
        "",
        "Background",
    ]
    assert [line for line in space_tables(lines) if "\t" in line] == [
        "Revision History\tDescription",
        "03/03/2026\tChanged a connective from ALL to ANY of the listed therapies",
        "03/05/2024\tAdded a covered diagnosis",
    ]


# Tables of three columns or more laid out with spaces: cells start where the header's names do.


def test_three_columns_under_a_header_of_names_each_row_a_line() -> None:
    (table,) = _tables(
        "Tests\n"
        "HCPCS    Device                        Supplier Note\n"
        "E0748    Spinal fusion stimulator      Prior review required\n"
        "E0760    Ultrasonic bone stimulator    Rental for 3 months\n"
    )
    assert table.header == ("HCPCS", "Device", "Supplier Note")
    assert [r.key for r in table.rows] == ["E0748", "E0760"]
    assert [" ".join(c) for c in table.rows[1].cells] == ["E0760", "Ultrasonic bone stimulator", "Rental for 3 months"]


def test_a_grouped_column_and_wrapped_descriptions() -> None:
    lines = [
        "Code Set   Code     Description",
        "CPT        20974    Electrical stimulation to aid bone healing; noninvasive",
        "                    (nonoperative)",
        "           20975    invasive (operative)",
        "HCPCS      E0747    Osteogenesis stimulator, electrical, noninvasive",
        "",
        "After the table.",
    ]
    assert space_tables(lines) == [
        "Code Set\tCode\tDescription",
        "CPT\t20974\tElectrical stimulation to aid bone healing; noninvasive (nonoperative)",
        "",
        "CPT\t20975\tinvasive (operative)",
        "HCPCS\tE0747\tOsteogenesis stimulator, electrical, noninvasive",
        "",
        "After the table.",
    ]


def test_five_columns_end_at_a_line_that_does_not_sit_under_them() -> None:
    lines = [
        "Plan Name     Region    Plan Code    Tier    States",
        "Silver Care   North     4401 - A     T - 1   Ohio",
        "Gold Care     South     4402 - B     T - 2   Texas",
        "Return to the top of the page",
    ]
    out = space_tables(lines)
    assert out[:3] == ["Plan Name\tRegion\tPlan Code\tTier\tStates", "Silver Care\tNorth\t4401 - A\tT - 1\tOhio",
                       "Gold Care\tSouth\t4402 - B\tT - 2\tTexas"]  # fmt: skip
    assert out[3] == lines[3]


def test_lines_that_only_look_like_columns_are_left_as_they_are() -> None:
    unsure = [
        [  # (a sentence with two spaces after its full stop: no column names)
            "The member must meet all.  The review is done.  Then it ends.",
            "A second line  of prose  here.",
        ],
        [  # (one row only)
            "Name    Kind    Note",
            "Alpha   First   Kept",
        ],
        [  # (cells that do not start under the header's names)
            "Name    Kind    Note",
            "  Alpha    First  Kept",
            "  Beta     Second Kept",
        ],
    ]
    for lines in unsure:
        assert space_tables(lines) == lines


def test_a_second_code_table_under_a_caption_keeps_its_own_header_with_a_digit_in_it() -> None:
    first, second = _tables(
        "Coding\nHCPCS Codes   Description\nE0650   Pneumatic compressor, non-segmental home model\n"
        "E0651   Pneumatic compressor, segmental home model without calibrated gradient pressure\n\n"
        "Diagnosis codes that support these criteria\nICD-10-CM Codes   Description\n"
        "I89.0   Lymphedema, not elsewhere classified\nI97.2   Postmastectomy lymphedema syndrome\n"
    )
    assert first.header == ("HCPCS Codes", "Description")
    assert second.header == ("ICD-10-CM Codes", "Description")
    assert [r.key for r in second.rows] == ["I89.0", "I97.2"]


def test_a_table_whose_rows_do_not_sit_under_its_header_is_kept_as_text_with_a_warning() -> None:
    text = "Coding\nPlan Name     Region    Tier\nSilver Care   North     T - 1\n   Gold Care  South  T - 2\n"
    report = parse_text_report(HEAD + text, source="x.txt", recover=True)
    warned = [d for d in report.diagnostics if "do not sit under its header" in d.message]
    assert [d.line for d in warned] == [8]
    assert "Gold Care" in render_outline(report.policy) and "Silver Care" in render_outline(report.policy)
    unsure: list[int] = []
    lines = ["Name    Kind    Note", "Alpha   First   Kept", "Beta    Second  Kept", "     Gamma  Third  Kept"]
    assert space_tables(lines, unsure)[3] == lines[3] and unsure == [3]


_CELL = st.sampled_from(["Alpha", "Beta care", "T - 1", "E0748", "Rental for 3 months", "(nonoperative)", "x", ""])


@settings(max_examples=examples(200))
@given(st.lists(st.tuples(st.integers(0, 3), _CELL, _CELL, _CELL), min_size=1, max_size=8))
# (a row that reads like the header, with no page break above it, was dropped as the header repeated)
@example(rows=[(0, "Alpha", "Alpha", "Alpha")] * 2 + [(3, "Alpha", "Alpha", "Alpha"), (0, "Alpha", "x", "Beta care")])
@example(rows=[(0, "Alpha", "Alpha", "Alpha"), (0, "", "E0748", "Alpha")])  # (a code under a blank first cell)
def test_columns_never_lose_a_word(rows: list[tuple[int, str, str, str]]) -> None:
    lines = ["Name                  Kind                  Note"]
    for shift, *cells in rows:  # (cells padded to the header's columns, some lines shifted off them)
        lines.append(" " * shift + "".join(c.ljust(22) for c in cells).rstrip())
    out = space_tables(lines)
    assert sorted(" ".join(out).split()) == sorted(" ".join(lines).split())
