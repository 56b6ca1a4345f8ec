"""A policy's head (agency, program, title, then its identifier under a label no template lists) read the same
whether its print wrapped the body at 100 columns or at 72: the wrap test that joins a narrow print's lines must
never join the identifier's field to the title above it (``Bulletin No.: …``, ``Guidance Number: …``).
Invented examples of two other plans and wordings."""

from __future__ import annotations

import textwrap

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.text_styles import _ID_FIELD

_BODY = (
    "Continuous glucose monitors measure interstitial glucose every few minutes and alert the member to "
    "readings outside the target range, which lowers the time spent in hypoglycemia for members who use "
    "insulin several times a day and reduces emergency visits for severe low blood sugar."
)
_HEADS = {
    "bulletin": (
        "STATE OF NORTHMARK HEALTH CARE AUTHORITY\nOffice of Medical Assistance – Clinical Programs\n"
        "Coverage Bulletin: Continuous Glucose Monitoring Systems\nBulletin No.: NM-CB-2026-14\n"
        "Effective: 03/01/2026\n",
        "Continuous Glucose Monitoring Systems",  # (the kind of document before its colon: no part of it)
        "NM-CB-2026-14",
    ),
    "guidance": (
        "RIVERBEND COUNTY HEALTH PLAN\nPharmacy and Therapeutics Committee\n"
        "Utilization Guidance for Continuous Glucose Monitors\nGuidance Number: RCHP-PT-0412\n"
        "Effective: 05/15/2026\n",
        "Utilization Guidance for Continuous Glucose Monitors",
        "RCHP-PT-0412",
    ),
}
_CRITERIA = (
    "Coverage Criteria\nApprove for 12 months when all of the following are met:\n"
    "1. Diabetes mellitus treated with insulin at least three times a day documented by the prescriber;\n"
    "2. Member or caregiver trained in the use of the device.\n"
)


def _copy(head: str, width: int) -> str:
    return f"{head}Background\n{textwrap.fill(_BODY, width)}\n{_CRITERIA}"


@pytest.mark.parametrize("name", sorted(_HEADS))
@pytest.mark.parametrize("width", [100, 72])
def test_the_head_reads_the_same_however_the_body_wrapped(name: str, width: int) -> None:
    head, title, reference = _HEADS[name]
    policy = parse_text_report(_copy(head, width), "p.txt", recover=True).policy
    assert (policy.header.title, policy.header.reference_number) == (title, reference)


@pytest.mark.parametrize(
    "line,field",
    [
        ("Criteria No.: ID-RX-ADHD-03", True),
        ("Bulletin Number: 2026-14", True),
        ("Guidance #: RCHP-PT-0412", True),
        ("Member ID: must be verified before each fill", False),  # a sentence: its value holds no digit
        ("Step 2: a trial of metformin for 3 months", False),  # a step, no identifier's label
        ("Number of units: 4 per day", False),  # the label does not end on the identifier's word
    ],
)
def test_an_identifiers_field_by_its_shape(line: str, field: bool) -> None:
    assert bool(_ID_FIELD.match(line)) is field
