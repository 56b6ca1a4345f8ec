"""A dated history in each of the forms policies write it reads to revision-log entries (expectations
written from the text of each example)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policyvc.parser import parse_file, parse_text

HEAD = "Knee Arthroscopy\nPolicy Number: KN-100\n\nCoverage Criteria\nCovered when all of the following:\n"
HEAD += "1. Mechanical symptoms;\n2. Failed therapy.\n\n"


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (  # UnitedHealthcare: Policy History/Revision Information, a date column and continuation rows
            "Policy History/Revision Information\nDate\tSummary of Changes\n02/01/2026\tCoverage Rationale\n"
            "\tAdded criterion 2\n01/01/2025\tNew policy\n",
            [(dt.date(2025, 1, 1), "New policy"), (dt.date(2026, 2, 1), "Coverage Rationale Added criterion 2")],
        ),
        (  # Cigna: Revision Details, the date last
            "Revision Details\nType of Revision\tSummary of Changes\tDate\nAnnual Review\tNo changes.\t3/15/2026\n",
            [(dt.date(2026, 3, 15), "Annual Review No changes.")],
        ),
        (  # Anthem: History: Status Date Action
            "History\nStatus\tDate\tAction\nRevised\t11/06/2025\tMPTAC review.\n",
            [(dt.date(2025, 11, 6), "Revised MPTAC review.")],
        ),
        (  # a Blue Cross plan: dated prose
            "Policy Implementation/Update Information\nJanuary 2026: Coding change.\n\nJune 2016: New policy.\n",
            [(dt.date(2016, 6, 1), "New policy."), (dt.date(2026, 1, 1), "Coding change.")],
        ),
        (  # Geisinger: labelled dates with what changed in parentheses
            "Policy History\nDevised: 6/22\n\nRevised: 6/23 (criteria clarified); 1/26 (codes updated)\n",
            [
                (dt.date(2022, 6, 1), "Devised"),
                (dt.date(2023, 6, 1), "Revised: criteria clarified"),
                (dt.date(2026, 1, 1), "Revised: codes updated"),
            ],
        ),
        (  # CMS NCD: Revision History with a date and a dash
            "Revision History\n02/2026 - Transmittal 12345: coverage expanded.\n\n06/2020 - Initial NCD.\n",
            [(dt.date(2020, 6, 1), "Initial NCD."), (dt.date(2026, 2, 1), "Transmittal 12345: coverage expanded.")],
        ),
    ],
    ids=["uhc-table", "cigna-revision-details", "anthem-status-date-action", "prose", "devised-revised", "ncd"],
)
def test_each_history_form_reads_to_dated_entries(history: str, expected: list[tuple[dt.date, str]]) -> None:
    policy = parse_text(HEAD + history, "x.txt")
    assert [(e.date, e.description) for e in policy.revision_log] == expected


def test_last_approval_is_the_review_date_and_keys_the_version() -> None:
    from policyvc.store.meta import key_date, store_reference

    policy = parse_text(
        "Molina Clinical Policy\nKnee Arthroscopy\nPolicy No: MCP-412\nLast Approval: 02/11/2026\n\n"
        "Coverage Criteria\n1. Mechanical symptoms;\n2. Failed therapy.\n",
        "x.txt",
    )
    assert policy.header.last_review == dt.date(2026, 2, 11)
    assert store_reference(policy) == "MCP-412"  # the policy's own identifier (store.md, Keys)
    assert key_date(policy, source="x.txt") == dt.date(2026, 2, 11)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (  # an approval history with a full date in front of each row and no blank line between rows
            "Approval History\n03/10/2026 Annual review. Criteria unchanged.\n03/12/2025 Criterion 2 added.\n"
            "05/01/2024 New policy.\n",
            [
                (dt.date(2024, 5, 1), "New policy."),
                (dt.date(2025, 3, 12), "Criterion 2 added."),
                (dt.date(2026, 3, 10), "Annual review. Criteria unchanged."),
            ],
        ),
        (  # month-and-year rows with a dash; a date inside a row's sentence is no new row
            "Revision History\n11/2025 - Coverage narrowed. Effective date 10/01/2025. (TN 42)\n"
            "04/2019 - Initial determination. Effective date 03/15/2019.\n",
            [
                (dt.date(2019, 4, 1), "Initial determination. Effective date 03/15/2019."),
                (dt.date(2025, 11, 1), "Coverage narrowed. Effective date 10/01/2025. (TN 42)"),
            ],
        ),
        (  # month/year rows written M/YY, the month one digit or two, a reviewer's initials at each row's end
            "Policy Implementation/Update Information\n3/09 New policy. Medical Director review 3/2009. (jd)\n"
            "11/17 Criterion 3 clarified. (kl)\n12/24 Annual review. Code 0999T added. (kl)\n",
            [
                (dt.date(2009, 3, 1), "New policy. Medical Director review 3/2009. (jd)"),
                (dt.date(2017, 11, 1), "Criterion 3 clarified. (kl)"),
                (dt.date(2024, 12, 1), "Annual review. Code 0999T added. (kl)"),
            ],
        ),
    ],
    ids=["full-dates", "month-dash", "month-year-one-or-two-digits"],
)
def test_dated_rows_without_blank_lines_are_one_entry_each(history: str, expected: list[tuple[dt.date, str]]) -> None:
    policy = parse_text(HEAD + history, "x.txt")
    assert [(e.date, e.description) for e in policy.revision_log] == expected


def test_dated_change_lines_under_no_history_heading_are_history() -> None:
    # labelled change lines at the end of a document, under its last heading (References), no history heading
    policy = parse_text(
        HEAD + "References\nSmith J. A trial. J Med. 2020;1:1-9.\n\nCreated: 3/19\n\nRevised: 4/21 (codes updated); "
        "2/25 (criterion 2 added)\n\nReviewed: by the committee\n",
        "x.txt",
    )
    assert [(e.date, e.description) for e in policy.revision_log] == [
        (dt.date(2019, 3, 1), "Created"),
        (dt.date(2021, 4, 1), "Revised: codes updated"),
        (dt.date(2025, 2, 1), "Revised: criterion 2 added"),
    ]
    kept = [b.text for s in policy.body for b in getattr(s, "blocks", ()) if hasattr(b, "text")]
    assert "Reviewed: by the committee" in kept  # a change label with no date is text


def test_prose_history_rows_by_named_month_written_without_blank_lines() -> None:
    from policyvc.parser import parse_text_report

    text = (
        "Knee Bracing\nPolicy Number: 1.01.77\nEffective Date: 04/01/2026\n\nRevisions\n"
        "January 2026: Coding change. Added HCPCS code L1851.\nApril 2026: Criteria updated; age lowered.\n"
        "March 2025: Annual review. No change.\n"
    )
    log = parse_text_report(text, source="x.txt", recover=True).policy.revision_log
    assert [(e.date.year, e.date.month) for e in log if e.date] == [(2025, 3), (2026, 1), (2026, 4)]
    assert [e.description for e in log] == ["Annual review. No change.", "Coding change. Added HCPCS code L1851.",
                                            "Criteria updated; age lowered."]  # fmt: skip


def test_rows_ending_in_their_date_and_approval_date_run_together_are_one_entry_each() -> None:
    """A print that ran a ``Description | Date | Approval Date`` log's rows into one paragraph: each row's two
    dates side by side after its sentence end its date and its approval's month."""
    policy = parse_text(
        HEAD + "Reviews, Revisions, and Approvals\nPolicy developed. 11/17 11/17 Annual review. Criterion 2 "
        "clarified. 11/18 01/19 Annual review. No changes. 11/20 11/20\n",
        "x.txt",
    )
    assert [
        (e.date, e.pt_approval and (e.pt_approval.year, e.pt_approval.month), e.description)
        for e in policy.revision_log
    ] == [
        (dt.date(2017, 11, 1), (2017, 11), "Policy developed."),
        (dt.date(2018, 11, 1), (2019, 1), "Annual review. Criterion 2 clarified."),
        (dt.date(2020, 11, 1), (2020, 11), "Annual review. No changes."),
    ]


# A browser's print of a family medical policy through raw pdftotext: every cell a block of its own, the log's
# header cells apart from its rows, each row's two dates a line; the references right after the log.
MEDICAL_PRINT = """Clinical Policy: Spinal Cord Stimulation for Chronic Pain

Reference Number: CP.MP.310

Last Review Date: 10/25

Description

Spinal cord stimulation delivers electrical pulses to the dorsal columns.

Policy/Criteria

I. It is the policy of health plans affiliated with Centene Corporation® that spinal cord stimulation is
medically necessary when meeting all of the following:

A. Chronic neuropathic pain for at least 6 months;

B. A successful trial of at least 50% pain relief.
\f
Reviews, Revisions, and Approvals

Date

Approval Date

Policy developed.

10/23 10/23

Annual review. Trial threshold clarified.

10/24 11/24

Annual review. No changes.

10/25 10/25

References
1. Deer TR, Mekhail N, Provenzano D, et al. The appropriate use of neurostimulation. Neuromodulation.
2014;17(6):515-550.

Important Reminder
This clinical policy has been developed by appropriately experienced and licensed health care professionals.
\f"""


def test_a_printed_logs_rows_end_at_the_heading_after_it() -> None:
    """The log's rows are read up to the next heading of the template's vocabulary (``References``), which stays a
    heading: its citations are never a row's words."""
    policy = parse_text(MEDICAL_PRINT, "x.txt")
    assert max(e.date for e in policy.revision_log if e.date) == dt.date(2025, 10, 1)
    assert not any("Deer TR" in e.description for e in policy.revision_log)
    assert "References" in [s.title for s in policy.body]


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (  # a browser print's table through raw pdftotext: each column name a line, ``Description`` the second
            "Revision History\nDate\n\nDescription\n\nMar 2022 Policy created\n\nOct 2024 Criteria for adults added\n",
            [(dt.date(2022, 3, 1), "Policy created"), (dt.date(2024, 10, 1), "Criteria for adults added")],
        ),
        (  # the same shape under another payer's names: ``Change History`` / ``Review Date`` / ``Summary``
            "Change History\nReview Date\n\nSummary\n\nFeb 2021 New guideline\n\n"
            "Nov 2025 Annual review; codes updated\n",
            [(dt.date(2021, 2, 1), "New guideline"), (dt.date(2025, 11, 1), "Annual review; codes updated")],
        ),
    ],
    ids=["date-description", "review-date-summary"],
)
def test_a_history_column_named_like_a_section_stays_in_the_history(
    history: str, expected: list[tuple[dt.date, str]]
) -> None:
    policy = parse_text(HEAD + history, "x.txt")
    assert [(e.date, e.description) for e in policy.revision_log] == expected
    assert [s.title for s in policy.body if s.title == "Description"] == []


def test_a_description_heading_after_a_date_heading_outside_a_history_is_a_section() -> None:
    # must NOT match: ``Date`` under a heading naming no history, then the document's own ``Description``
    policy = parse_text(
        HEAD + "Coverage Period\nDate\n\nDescription\n\nThis policy covers knee arthroscopy.\n", "x.txt"
    )
    assert "Description" in [s.title for s in policy.body]
    assert policy.revision_log == ()


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (  # a viewer's copy of a history whose rows begin with month-day-year dates, no sentence's end
            "Review History\nDate Action\n03-02-2021 Created\n04-11-2023 Criteria expanded to adults\n"
            "02-09-2026 Coding section revised\n",
            [
                (dt.date(2021, 3, 2), "Created"),
                (dt.date(2023, 4, 11), "Criteria expanded to adults"),
                (dt.date(2026, 2, 9), "Coding section revised"),
            ],
        ),
        (  # slashes, another payer's words
            "Policy Revision History\nDate Revision\n7/14/2020 Original policy\n11/03/2025 Age limit removed\n",
            [(dt.date(2020, 7, 14), "Original policy"), (dt.date(2025, 11, 3), "Age limit removed")],
        ),
        (  # must NOT cut: a date that prose leads to (``effective``, ``on``) is inside its row
            "Revision History\n05/01/2024 Policy revised effective 06/01/2024 Per committee review\n"
            "08/20/2025 Reviewed on 08/12/2025 By the committee\n",
            [
                (dt.date(2024, 5, 1), "Policy revised effective 06/01/2024 Per committee review"),
                (dt.date(2025, 8, 20), "Reviewed on 08/12/2025 By the committee"),
            ],
        ),
    ],
    ids=["month-day-year-hyphens", "slashes", "prose-dates-stay"],
)
def test_full_dated_rows_a_copy_joined_are_one_entry_each(history: str, expected: list[tuple[dt.date, str]]) -> None:
    policy = parse_text(HEAD + history, "x.txt")
    assert sorted((e.date, e.description) for e in policy.revision_log) == expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (  # a table a copy wrote a cell a line, one of its rows on a single line
            "Revision History\nDate\n\nUpdate\n\nFeb 2022\n\nPolicy issued\n\nSep 2023 Coverage widened to teens\n\n"
            "May 2025\n\nCodes revised\n",
            [
                (dt.date(2022, 2, 1), "Policy issued"),
                (dt.date(2023, 9, 1), "Coverage widened to teens"),
                (dt.date(2025, 5, 1), "Codes revised"),
            ],
        ),
        (  # digits, another payer's names
            "Document History\nDate\n\nChanges\n\n04/2019\n\nFirst version\n\n10/2022 Step therapy added\n\n"
            "01/2026\n\nAnnual review\n",
            [
                (dt.date(2019, 4, 1), "First version"),
                (dt.date(2022, 10, 1), "Step therapy added"),
                (dt.date(2026, 1, 1), "Annual review"),
            ],
        ),
    ],
    ids=["named-months", "digits"],
)
def test_a_cell_a_line_history_with_a_row_on_one_line_reads_every_row(
    history: str, expected: list[tuple[dt.date, str]]
) -> None:
    policy = parse_text(HEAD + history, "x.txt")
    assert sorted((e.date, e.description) for e in policy.revision_log) == expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (  # a history heading a layout took for a row of the codes table above it, its header the next row
            "Coding\nCode\tDescription\n29881\tArthroscopy, knee, surgical\n29880\tArthroscopy, knee, meniscectomy\n"
            "Revision History\t\nDate\tChanges\n03/2023\tNew policy\n11/14/2025\tAge limit removed\n",
            [(dt.date(2023, 3, 1), "New policy"), (dt.date(2025, 11, 14), "Age limit removed")],
        ),
        (  # another payer's names: ``Document History`` / ``Review Date | Action``
            "Billing Codes\nHCPCS\tDescription\nL1851\tKnee orthosis, single upright\nDocument History\t\n"
            "Review Date\tAction\n06/01/2022\tCreated\n09/15/2024\tCriteria clarified\n",
            [(dt.date(2022, 6, 1), "Created"), (dt.date(2024, 9, 15), "Criteria clarified")],
        ),
    ],
    ids=["revision-history", "document-history"],
)
def test_a_history_heading_run_into_the_table_above_heads_its_own_table(
    history: str, expected: list[tuple[dt.date, str]]
) -> None:
    policy = parse_text(HEAD + history, "x.txt")
    assert [(e.date, e.description) for e in policy.revision_log] == expected
    codes = next(b for s in policy.body for b in getattr(s, "blocks", ()) if hasattr(b, "rows"))
    assert len(codes.rows) == (2 if "29881" in history else 1)  # the codes' rows stay theirs


def test_a_row_naming_a_history_with_no_date_header_after_it_stays_a_row() -> None:
    # must NOT match: ``Medical history`` alone in a row of a table of criteria, its next row no column names
    text = HEAD + "Documentation\nItem\tRequired\nOffice notes\tYes\nMedical history\t\nImaging\tYes\nLab results\tNo\n"
    policy = parse_text(text, "x.txt")
    assert policy.revision_log == ()
    table = next(
        b
        for s in policy.body
        for sub in getattr(s, "blocks", ())
        for b in getattr(sub, "blocks", ())
        if hasattr(b, "rows")
    )
    assert "Medical history" in [r.key for r in table.rows]


@pytest.mark.producers
def test_a_history_heading_in_a_libreoffice_pdf_after_a_codes_table_reads_its_log(tmp_path: Path) -> None:
    import docx
    from docgen import libreoffice_pdf, need

    need("soffice")
    document = docx.Document()
    document.add_heading("Hip Resurfacing", level=1)
    document.add_paragraph("Policy Number: HR-204")
    document.add_heading("Coverage Criteria", level=2)
    document.add_paragraph("Hip resurfacing is covered for members under 65 with osteoarthritis.")
    document.add_heading("Codes", level=2)
    codes = document.add_table(rows=3, cols=2)
    codes.style = "Table Grid"  # (bordered: the history heading between the tables is read as a row of both)
    for row, cells in zip(
        codes.rows, [("Code", "Description"), ("27130", "Total hip"), ("S2118", "Resurfacing")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = cells
    document.add_heading("Review History", level=2)
    log = document.add_table(rows=3, cols=2)
    log.style = "Table Grid"
    for row, cells in zip(
        log.rows, [("Date", "Summary"), ("05/2021", "Policy created"), ("10/02/2025", "Age lowered")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = cells
    word = tmp_path / "hip.docx"
    document.save(str(word))
    policy = parse_file(libreoffice_pdf(word, tmp_path))
    assert [(e.date, e.description) for e in policy.revision_log] == [
        (dt.date(2021, 5, 1), "Policy created"),
        (dt.date(2025, 10, 2), "Age lowered"),
    ]
