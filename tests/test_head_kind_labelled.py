"""A page heading that names its kind of document before its subject, right above the identifier that kind's
word labels (``<Program> Guideline: <subject>`` / ``Guideline Number: <id>``): the subject is the title — and
the lines of other shapes that keep the heading whole, or never make it the title."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

_BODY = """
Coverage
The plan covers the service when all of the following are met:
1. Symptoms for at least 3 months;
2. Failure of conservative therapy.
"""


def _policy(text: str) -> Policy:
    return parse_text_report(text, "page.txt", recover=True).policy


def test_a_web_copy_heading_over_its_guideline_number_loses_its_kind() -> None:
    text = (
        "Northwind Health\nHome / Providers / Coverage Guidelines / Sacral Nerve Stimulation\n"
        "Clinical Coverage Guideline: Sacral Nerve Stimulation\nGuideline Number: CCG-2231\n"
        "Effective Date: 03/01/2026\n" + _BODY
    )
    policy = _policy(text)
    assert policy.header.title == "Sacral Nerve Stimulation"
    assert policy.reference_number == "CCG-2231"


def test_a_pbm_page_over_a_site_name_in_another_wording() -> None:
    # (a pharmacy benefit manager's page: its name and navigation above the heading, ``Policy ID`` below)
    text = (
        "Keystone Rx\nHome > Clinicians > Drug Criteria\nMembers\tClinicians\tPharmacies\n"
        "Specialty Pharmacy Policy: GLP-1 Agonists for Weight Management\nPolicy ID: KRX-0455\n"
        "Effective Date: 02-01-2026\n" + _BODY
    )
    policy = _policy(text)
    assert policy.header.title == "GLP-1 Agonists for Weight Management"
    assert policy.reference_number == "KRX-0455"


def test_a_kind_over_other_lines_stays_whole() -> None:
    # (no identifier labelled with the kind's word right below: a kind before a subject may be the name itself)
    text = "Clinical Policy Guideline: Arthroscopic Knee Debridement\nPolicy Number: AK-101\nEffective: 2026-04-01\n"
    assert _policy(text + _BODY).header.title == "Clinical Policy Guideline: Arthroscopic Knee Debridement"
    text = "Radiology Guideline: Cardiac MRI\nEffective: 2026-04-01\nGuideline Number: RAD-7\n"
    assert _policy(text + _BODY).header.title == "Radiology Guideline: Cardiac MRI"


def test_another_documents_kind_is_never_a_label() -> None:
    # (``Related Policy: …`` names another document: never read as this one's kind)
    text = (
        "Lumbar Fusion\nRelated Policy: Spinal Cord Stimulation\nPolicy Number: LF-12\n"
        "Effective Date: 01/01/2026\n" + _BODY
    )
    assert _policy(text).header.title == "Lumbar Fusion"
