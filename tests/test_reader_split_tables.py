"""Known tables and dated logs a print split over pages or wrapped in their header (``parser/cell_tables.py``,
``parser/text_styles.py``'s known tables, ``parser/aligned_tables.py``, ``parser/reading_order.py``): every
row a row, every dated entry an entry, and a header cell only as the document writes it.

The texts are our own, in the shapes ``pdftotext`` gives of a browser's print (reading order and
``-layout``): a Centene medical policy as a state plan publishes it (its `Reviews, Revisions, and Approvals`
heading written again as its log's first header cell, the log's `Approval Date` cell printed after the
page's rows, months as dates), a Blue plan's coding table whose first column's name wraps, a pharmacy
policy whose log header lost its last cell.
"""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy
from policyvc.renderer.outline import render_outline

STAMP = "3/2/26, 9:15 AM"
ADDRESS = "https://www.example-health.com/providers/policies/cp-mp-140.html"


MEDICAL_HEAD = """\
Clinical Policy: Cranial Electrotherapy Stimulation
Reference Number: CP.MP.140
Last Review Date: 02/26
Coding Implications
Revision Log

See Important Reminder at the end of this policy for important regulatory and legal information.

Description
Cranial electrotherapy stimulation applies a low-level current to the head.

Policy/Criteria
I. It is the policy of health plans affiliated with Centene Corporation® that cranial electrotherapy
stimulation is not medically necessary.

Coding Implications
"""

READING_ORDER = (
    MEDICAL_HEAD
    + f"""HCPCS®
Codes

Description

A4596

Cranial electrotherapy stimulation (CES) system supplies and accessories, per month

{ADDRESS}

1/2

\f{STAMP}

Cranial Electrotherapy Stimulation - Sunflower Health Plan

HCPCS®
Codes

Description

E0732

Cranial electrotherapy stimulation (CES) system, any type

K1002

Cranial electrotherapy stimulation (CES) system, includes all supplies and accessories, any type

Reviews, Revisions, and Approvals
Reviews, Revisions, and Approvals

Date

Policy created.

02/21 02/21

Annual review. Coding updated.

02/22 02/22

Annual review. Description reworded.

02/23 03/23

Approval
Date

\f{STAMP}

Cranial Electrotherapy Stimulation - Sunflower Health Plan

Reviews, Revisions, and Approvals

Date

Approval
Date

Annual review. References reviewed and updated.

02/25 02/25

Annual review. No changes.

02/26 02/26

Important Reminder
This clinical policy has been developed by appropriately experienced and licensed health care professionals.

{ADDRESS}

2/2
"""
)

MONTHS = [("02/21", "02/21"), ("02/22", "02/22"), ("02/23", "03/23"), ("02/25", "02/25"), ("02/26", "02/26")]


def _months(policy: Policy) -> list[tuple[str, str]]:
    return [
        (e.date.strftime("%m/%y"), f"{e.pt_approval.month:02}/{e.pt_approval.year % 100:02}" if e.pt_approval else "")
        for e in sorted(policy.revision_log, key=lambda e: e.date)
    ]


def test_a_medical_log_over_two_pages_in_reading_order_keeps_every_entry() -> None:
    """The heading written again as the log's first cell, `Approval` / `Date` after the first page's rows,
    the header repeated on the next page, each row's two months on one line: five entries, each with its
    own description and approval month; the code table's header repeated after the page break is no row."""
    report = parse_text_report(READING_ORDER, recover=True)
    policy = report.policy
    assert _months(policy) == MONTHS
    by_date = {e.date: e.description for e in policy.revision_log}
    assert by_date[dt.date(2021, 2, 1)] == "Policy created."
    assert by_date[dt.date(2025, 2, 1)] == "Annual review. References reviewed and updated."
    [codes] = [t for t in body_tables(policy) if t.header[0].startswith("HCPCS")]
    assert [r.key for r in codes.rows] == ["A4596", "E0732", "K1002"]
    assert "Approval Date Annual" not in render_outline(policy)


def test_a_log_header_cell_is_never_a_name_the_document_does_not_write() -> None:
    """The log's header as the document writes it (`Date`, `Approval Date`), never the family's
    `P&T Approval Date`; where the last cell is nowhere in the table, its cells are not read as the log's
    (which column a date is cannot be told for sure): text, with a warning."""
    report = parse_text_report(READING_ORDER, recover=True)
    assert "P&T Approval Date" not in render_outline(report.policy)
    # (the same log without its `Approval` / `Date` cells anywhere)
    cut = READING_ORDER.replace("Approval\nDate\n", "")
    report = parse_text_report(cut, recover=True)
    assert "P&T Approval Date" not in render_outline(report.policy)
    assert any("columns in the text: its cells kept as text" in d.message for d in report.diagnostics)
    assert "Annual review. Description reworded." in render_outline(report.policy)


LAYOUT = (
    MEDICAL_HEAD
    + f"""    HCPCS®          Description
    Codes
    A4596           Cranial electrotherapy stimulation (CES) system supplies and accessories, per month
    E0732           Cranial electrotherapy stimulation (CES) system, any type


{ADDRESS}                                                                           1/2
\f{STAMP}                                 Cranial Electrotherapy Stimulation - Sunflower Health Plan

   Reviews, Revisions, and Approvals
    Reviews, Revisions, and Approvals                                                      Date        Approval
                                                                                                       Date
    Policy created.                                                                        02/21 02/21
    Annual review. Coding updated.                                                         02/22 02/22
    Annual review. Description reworded; references reviewed and                           02/23 03/23
    updated.
    Annual review. References reviewed and updated.                                        02/25 02/25
    Annual review. No changes.                                                             02/26 02/26


   Important Reminder
   This clinical policy has been developed by appropriately experienced and licensed health care professionals.

{ADDRESS}                                                                           2/2
"""
)


def test_a_log_in_layout_mode_whose_two_months_stand_one_space_apart() -> None:
    """`-layout` sets a row's approval month one space after its revision month, short of the `Approval`
    column: both are the row's, one a column."""
    policy = parse_text_report(LAYOUT, recover=True).policy
    assert _months(policy) == MONTHS
    by_date = {e.date: e.description for e in policy.revision_log}
    assert by_date[dt.date(2023, 2, 1)] == "Annual review. Description reworded; references reviewed and updated."


BLUE_CODING = """\
Medical Policy
Subject: Magnetic Sphincter Augmentation
Policy Number: 7.01.99
Effective Date: 03/01/2026

Policy
Magnetic sphincter augmentation is considered experimental/investigational.

Coding
HCPCS Procedure Code
Number(s)

Description

C9799

Unlisted device, drug, or biological procedure

C1748

Endoscope, single-use, upper GI imaging

Policy History
Magnetic sphincter augmentation was first reviewed in 2014.
"""


def test_a_first_header_name_wrapped_under_the_sections_heading_is_whole() -> None:
    """`HCPCS Procedure Code` / `Number(s)` right under `Coding`: one column's name, not a subheading and
    `Number(s)`."""
    policy = parse_text_report(BLUE_CODING, recover=True).policy
    [table] = body_tables(policy)
    assert table.header == ("HCPCS Procedure Code Number(s)", "Description")
    assert [r.key for r in table.rows] == ["C9799", "C1748"]


def test_a_subheading_above_a_code_column_is_not_its_name() -> None:
    """`CPT Codes` under `Coding`, above a header `Code` / `Description`: a subheading, not part of the
    column's name."""
    text = BLUE_CODING.replace("HCPCS Procedure Code\nNumber(s)\n", "HCPCS Codes\nCode\n")
    policy = parse_text_report(text, recover=True).policy
    [table] = body_tables(policy)
    assert table.header[0] == "Code"


REGENCE_HISTORY = f"""\
Medical Policy
Title: Sacral Nerve Stimulation
Policy Number: SUR712.04
Effective Date: 04/01/2026

Policy
Sacral nerve stimulation may be considered medically necessary for urinary retention.

Policy History
{ADDRESS}
Date

Summary of Changes

03/15/19 New policy.
04/01/24 Annual review. Criteria for fecal incontinence reworded to match the evidence on long-term
outcomes.
04/01/26 Annual review. Added HCPCS code C1767.
Regence is an Independent Licensee of the Blue Cross and Blue Shield Association.
"""


def test_a_history_header_a_name_a_block_is_the_logs_header() -> None:
    """`Date` / `Summary of Changes`, each a block of reading order, over rows that start with their date:
    a history table (its entries the log), never two headings; a short line that ends a sentence, then a
    new one, ends the last row (the plan's footer is no part of it)."""
    policy = parse_text_report(REGENCE_HISTORY, recover=True).policy
    assert [(e.date, e.description) for e in policy.revision_log] == [
        (dt.date(2019, 3, 15), "New policy."),
        (
            dt.date(2024, 4, 1),
            "Annual review. Criteria for fecal incontinence reworded to match the evidence on long-term outcomes.",
        ),
        (dt.date(2026, 4, 1), "Annual review. Added HCPCS code C1767."),
    ]
    outline = render_outline(policy)
    assert "heading\tDate" not in outline and "heading\tSummary of Changes" not in outline
    assert "Regence is an Independent Licensee" in outline


COPY = FIXTURES / "viewer_copy" / "cp-phar-mepolizumab.txt"


def _dosing(text: str) -> list[str]:
    report = parse_text_report(text, recover=True)
    return [line for line in render_outline(report.policy).splitlines() if "\tdosing\t" in line]


def test_a_dosing_table_whose_cells_a_viewer_set_one_space_apart() -> None:
    """A viewer's copy writes each row on a line, its cells one space apart: the rows are read where each
    line has the columns' shapes (the indication, a regimen from its first dose, the maximum dose it ends
    with)."""
    text = COPY.read_text(encoding="utf-8")
    assert "Severe asthma 100 mg SC every 4 weeks 100 mg/4 weeks\n" in text
    assert _dosing(text) == ["V.Severe-asthma\tdosing\tSevere asthma | 100 mg SC every 4 weeks | 100 mg/4 weeks"]
    two = text.replace(
        "Severe asthma 100 mg SC every 4 weeks 100 mg/4 weeks\n",
        "Severe asthma 100 mg SC every 4 weeks 100 mg/4 weeks\n"
        "EGPA 300 mg SC every 4 weeks as 3 injections 300 mg/4 weeks\n",
    )
    assert _dosing(two)[1] == "V.EGPA\tdosing\tEGPA | 300 mg SC every 4 weeks as 3 injections | 300 mg/4 weeks"


def test_a_dosing_row_without_the_columns_shapes_stays_text_with_a_warning() -> None:
    """A row whose last cell is no dose (`See label`): which words are which cell cannot be told, so the
    header and the row stay text, with a warning — never a table with its rows left out."""
    text = COPY.read_text(encoding="utf-8").replace("every 4 weeks 100 mg/4 weeks\n", "every 4 weeks See label\n")
    report = parse_text_report(text, recover=True)
    outline = render_outline(report.policy)
    assert "\tdosing\t" not in outline and "\ttable\tIndication" not in outline
    assert "Severe asthma 100 mg SC every 4 weeks See label" in outline
    assert any("rows cannot be told apart: kept as text" in d.message for d in report.diagnostics)


WEB_COPY_LIMITS = """\
Pharmacy Policy
Title: Ustekinumab Quantity Limits
Policy Number: RX-502
Effective Date: 02/01/2026

Coverage Criteria
Ustekinumab may be covered for plaque psoriasis when prescribed by a dermatologist.
Quantity Limits
Weight Strength Limit
Up to 100 kg 45 mg/0.5 mL 1 syringe per 12 weeks
Over 100 kg 90 mg/1 mL 1 syringe per 12 weeks
References
1. Stelara Prescribing Information. Horsham, PA: Janssen; 2025.
"""


def test_a_table_a_copy_set_one_space_apart_without_known_columns_is_text_with_a_warning() -> None:
    """`Weight Strength Limit` over rows whose cells a web copy set one space apart: no tab, no column and
    no known shape tells which words are which cell, so no table is guessed: the words are kept, with a
    warning naming the header."""
    report = parse_text_report(WEB_COPY_LIMITS, recover=True)
    outline = render_outline(report.policy)
    assert "\ttable\t" not in outline
    assert "Up to 100 kg 45 mg/0.5 mL 1 syringe per 12 weeks" in outline
    assert [d.line for d in report.diagnostics if "one space apart (`Weight Strength Limit`)" in d.message] == [9]
