"""Header fields as other payers lay them out (each example written from the shape of a real layout)."""

from __future__ import annotations

import datetime as dt

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Paragraph, Policy


def _read(text: str) -> Policy:
    return parse_text_report(text, source="x.txt", recover=True).policy


def test_must_meet_wording_alone_does_not_make_a_family_policy() -> None:
    policy = _read(
        "Acme Health Clinical Policy\nTocilizumab (Actemra): Policy No. 77\nLast Approval: 01/14/2026\n\n"
        "COVERAGE POLICY\n\nA. Rheumatoid arthritis (must meet all):\n1. Age 18 years or older; AND\n"
        "2. Inadequate response to methotrexate.\n"
    )
    assert policy.template == "generic"
    assert (policy.header.title, policy.reference_number) == ("Tocilizumab (Actemra)", "77")


def test_the_name_above_the_first_field_line_is_the_title_below_the_plan_s_name() -> None:
    policy = _read(
        "Lakeshore Blue Cross and Blue Shield of the Great Lakes\nMedical Policy\n\nInsulin Pump Therapy\n"
        "Policy Number: 1.01.44\nEffective Date: 03/01/2026\n\nDescription\n\nInsulin pumps deliver insulin.\n"
    )
    assert policy.header.title == "Insulin Pump Therapy"


@pytest.mark.parametrize(
    "kind", ["Medication Policy", "Pharmacy Benefit Drug Policy", "Utilization Management Program"]
)
def test_a_line_naming_the_kind_of_document_above_the_title_is_not_the_title(kind: str) -> None:
    policy = _read(
        f"{kind}\nTeprotumumab (Tepezza®)\nPolicy Number: RX-2210\nEffective Date: 05/01/2026\n"
        "Description\nTeprotumumab is an insulin-like growth factor-1 receptor inhibitor.\n"
    )
    assert (policy.header.title, policy.reference_number) == ("Teprotumumab (Tepezza®)", "RX-2210")


def test_a_field_line_the_layout_made_a_heading_is_read() -> None:
    policy = _read(
        "MEDICAL POLICY No. 30211-R4\n\nBreast Reconstruction\n"
        "Date of Origin: June 2011   Last Review Date: 02/18/2026   Effective Date: 04/01/2026\n\n"
        "I. POLICY/CRITERIA\n\nA. Reconstruction is medically necessary after mastectomy.\n"
    )
    assert policy.reference_number == "30211-R4"
    assert policy.header.effective_date == dt.date(2026, 4, 1)
    assert "Date of Origin: June 2011 (2011-06)" in policy.header.extras  # (on the line with the others: never dropped)


def test_a_web_page_s_title_field_with_its_value_on_the_next_line() -> None:
    policy = _read(
        "Skip to main content\nSearch\nPrint\n\nLocal Coverage Determination\n\nDocument Information\nLCD ID\n"
        "L38001\nLCD Title\nHome Oxygen Therapy for Cluster Headache\nOriginal Effective Date\n10/01/2024\n\n"
        "Coverage Indications, Limitations, and/or Medical Necessity\n\nOxygen is covered when prescribed.\n"
    )
    assert (policy.header.title, policy.reference_number) == ("Home Oxygen Therapy for Cluster Headache", "L38001")


def _texts(policy: Policy) -> list[str]:
    return [b.text for s in policy.body for b in s.blocks if isinstance(b, Paragraph)]


def test_a_page_break_inside_a_sentence_leaves_no_trace() -> None:
    head = (
        "Acme Health Clinical Review Criteria\nGlucose Monitors\nPolicy Number: GM-12\n"
        "Effective Date: 03/01/2026\nPage: 1 of 3\n\nCriteria\n\n"
        "Continuous glucose monitors are covered when the member uses insulin and has\n"
    )
    footer = (
        "\n© Acme Health. All Rights Reserved.      Page 2 of 3\n\n"
        "Glucose Monitors   Page: 2 of 3\nEffective Date: 03/01/2026\n\n"
    )
    tail = "documented hypoglycemia despite education.\n"
    plain, broken = _read(head + tail), _read(head + footer + tail)
    assert _texts(broken) == _texts(plain)
    assert _texts(broken)[-1] == (
        "Continuous glucose monitors are covered when the member uses insulin and has documented hypoglycemia "
        "despite education."
    )
    assert broken.header.effective_date == dt.date(2026, 3, 1)


def test_a_list_of_unproven_uses_is_a_list_not_criteria() -> None:
    policy = _read(
        "Knee Injections\nPolicy Number: MP-31\nEffective Date: 01/01/2026\n\nCoverage Policy\n\n"
        "The following are considered experimental, investigational or unproven:\n"
        "- Prolotherapy\n- Ozone injection\n"
    )
    (section,) = policy.body
    assert [type(b).__name__ for b in section.blocks] == ["Paragraph", "Bullets"]


def test_a_family_title_wrapped_onto_the_next_line() -> None:
    policy = _read(
        "Clinical Policy: Continuous Glucose Monitoring and Insulin Pump\nTherapy\nReference Number: CP.MP.999\n"
        "Last Review Date: 11/25\n\nDescription\n\nThis policy describes glucose monitors.\n"
    )
    assert policy.header.title == "Continuous Glucose Monitoring and Insulin Pump Therapy"


def test_a_date_alone_is_no_page_number() -> None:
    from policyvc.parser.documents import page_furniture

    lines = ["Revision", "Date", "Policy adopted.", "11/21", "11/21", "Page 3 of 4", "I.", "A. Criterion", "I."]
    assert page_furniture(lines) == {6}


def test_the_title_line_made_a_heading_leaves_its_lines_in_the_front() -> None:
    policy = _read(
        "Lakeshore Blue Cross\nMedical Policy\n\nInsulin Pump Therapy\n\nPolicy Number: 1.01.44\n"
        "Category: Durable Medical Equipment\nEffective Date: 03/01/2026\n\nDescription\n\nInsulin pumps.\n"
    )
    assert [s.title for s in policy.body] == ["", "Description"]
    assert "Category: Durable Medical Equipment" in [b.text for b in policy.body[0].blocks if isinstance(b, Paragraph)]


def test_a_web_page_s_back_to_top_links_are_no_headings() -> None:
    report = parse_text_report(
        "Knee Injections\nPolicy Number: MP-31\nEffective Date: 01/01/2026\n\nCoverage Indications\n\n"
        "Injections are covered once a year.\n\nBack to Top\n\nBibliography\n\nSmith J. Knees. 2020.\n\nBack to Top\n",
        source="x.txt",
        recover=True,
    )
    assert [s.title for s in report.policy.body] == ["Coverage Indications", "Bibliography"]
    assert any("Back to Top" in d.message for d in report.diagnostics)
