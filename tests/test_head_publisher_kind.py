"""A head that names its publisher, then the kind of document, an identifier, then the subject (``<company>`` /
``Clinical Imaging Guideline`` / ``Guideline Number: …`` / ``<subject>`` / ``Effective Date: …``): the company's
line above the kind is no title, the subject is; a plan's name there was already none."""

from __future__ import annotations

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

_BODY = """
Description
This guideline addresses the service for adult members.

Indications
The service is considered medically necessary when any of the following is met:
1. Symptoms persisting after 6 weeks of conservative care
2. A neurologic deficit on examination

References
1. A reference. J Example. 2024;1(1):1-2.
"""


def _policy(head: str) -> Policy:
    return parse_text_report(head + _BODY, "guideline.txt", recover=True).policy


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "Cobalt Radiology Solutions\nAdvanced Imaging Guideline\nGuideline ID: IMG-0412\nCT Colonography\n"
            "Effective Date: 03/01/2026\n",
            "CT Colonography",
        ),
        (
            "Harbor Benefit Management, Inc.\nMedical Coverage Policy\nPolicy Number: MCP-118\n"
            "Hyperbaric Oxygen Therapy\nEffective Date: July 1, 2026\n",
            "Hyperbaric Oxygen Therapy",
        ),
        (
            "Lakeview Health Plan\nPharmacy Policy\nPolicy Number: RX-301\nDupilumab (Dupixent)\n"
            "Effective Date: 02/01/2026\n",
            "Dupilumab (Dupixent)",
        ),
    ],
)
def test_the_company_above_the_kind_is_no_title(head: str, title: str) -> None:
    policy = _policy(head)
    assert policy.header.title == title
    assert policy.header.reference_number.split("-")[0] in head


def test_a_subject_above_its_fields_stays_the_title() -> None:
    # (no kind line under it: the first line names the document, company word or not)
    head = "Pain Management\nPolicy Number: PM-12\nEffective Date: 02/01/2026\n"
    assert _policy(head).header.title == "Pain Management"
