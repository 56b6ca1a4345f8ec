"""A head's field whose value only names a kind of review program (``Program: Prior Authorization with Quantity
Limit``, ``Type: Step Therapy``) is never the title: the line above it that names the drugs is."""

from __future__ import annotations

from policyvc.parser import parse_text_report

_BODY = """
Overview
The drugs lower LDL cholesterol.

Criteria for Initial Approval
The plan will approve the drug when the member meets the following:
1. The member is 18 years of age or older; AND
2. The medication is prescribed by a cardiologist.
"""


def _title(head: str) -> str:
    return parse_text_report(head + _BODY, "pa.txt", recover=True).policy.header.title


def test_a_program_field_under_the_title_is_no_title() -> None:
    head = (
        "PCSK9 Inhibitors Prior Authorization Criteria\nProgram: Prior Authorization with Quantity Limit\n\n"
        "Criteria ID: RX-PA-0412\n\nEffective Date: 01/01/2026\n"
    )
    assert _title(head) == "PCSK9 Inhibitors Prior Authorization Criteria"
    head = "GLP-1 Agonists\nProgram Type: Step Therapy\nPolicy Number: RX-ST-011\nEffective Date: 01/01/2026\n"
    assert _title(head) == "GLP-1 Agonists"


def test_a_labelled_line_naming_a_subject_may_still_be_the_title() -> None:
    # (a kind of document's label, then what it covers: the subject names the document)
    head = "Guideline: Myocardial Perfusion Imaging\nGuideline Number: CG-101\nEffective Date: 01/01/2026\n"
    assert _title(head) == "Myocardial Perfusion Imaging"


def test_a_subject_before_the_kind_of_document_stays_the_title() -> None:
    # (the label names the subject, the value the kind of document: the page's title, no field)
    head = (
        "Growth Hormone Therapy: Prior Authorization Criteria\nPolicy Number: RX-PA-210\nEffective Date: 01/01/2026\n"
    )
    assert _title(head) == "Growth Hormone Therapy: Prior Authorization Criteria"
