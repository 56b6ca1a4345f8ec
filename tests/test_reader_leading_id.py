"""A plan's head that writes the identifier before the title with no label (``MP 7.01.503 Bone-Anchored Hearing
Devices``) and its history as a dated change line a header field ran onto (``Section: Surgery Revised: 8/24 (…);
8/25 (…); 1/26 (Annual review)``), as pdftotext gives a word processor's PDF.  The page is our own; what must
not be read as an identifier: a section's number before a heading, a count."""

from __future__ import annotations

import datetime as dt

import pytest

from policyvc.history.audit import claims_of
from policyvc.parser import parse_text_report

PAGE = """Snake River Health
Medical Policy
MP 2.04.117 Wearable Cardioverter Defibrillators
Original Policy Date: 03/2016 Last Review: 2/26
Section: Medicine Revised: 2/24 (Annual review, no changes); 2/25 (Added coverage after myocardial
infarction; updated references); 2/26 (Annual review)
Description
A wearable cardioverter defibrillator is an external device worn under clothing.
Policy
I. A wearable cardioverter defibrillator may be considered medically necessary for patients at high risk of
sudden cardiac death who are not candidates for an implanted device.
"""


def test_the_identifier_before_the_title_and_the_change_line_after_a_field() -> None:
    report = parse_text_report(PAGE, recover=True)
    policy = report.policy
    assert (policy.header.reference_number, policy.header.title) == (
        "MP 2.04.117",
        "Wearable Cardioverter Defibrillators",
    )
    assert [(e.date, e.description) for e in policy.revision_log] == [
        (dt.date(2024, 2, 1), "Revised: Annual review, no changes"),
        (dt.date(2025, 2, 1), "Revised: Added coverage after myocardial infarction; updated references"),
        (dt.date(2026, 2, 1), "Revised: Annual review"),
    ]
    # (the label is the row's kind: ``Annual review`` alone claims nothing)
    assert [c.clause for c in claims_of(policy.revision_log[2:])] == []


@pytest.mark.parametrize(
    "line",
    ["2.1.3 Wearable Cardioverter Defibrillators", "MP 2.04 Wearable Cardioverter Defibrillators"],
)
def test_what_is_no_identifier_before_a_title(line: str) -> None:
    policy = parse_text_report(
        PAGE.replace("MP 2.04.117 Wearable Cardioverter Defibrillators", line), recover=True
    ).policy
    assert policy.header.reference_number != "MP 2.04.117"
    assert not policy.header.reference_number.startswith(("2.1", "MP 2.04 "))
