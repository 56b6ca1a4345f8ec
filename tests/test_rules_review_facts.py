"""Facts the rules used to leave to review, read from the text (``tests/fixtures/review_facts/``).

Written from two policies of our own shaped as published ones are: a Centene pharmacy policy whose concurrent-use
criterion is a plain list of drugs (*Velmaro is not prescribed concurrently with Xolair®, Nucala®, or Dupixent®*),
whose class criterion names its members once (*other IL-5 antagonists (e.g., Nucala®, Cinqair®)*) and once not,
and whose *Other diagnoses/indications* set holds a label change's referral as a group (a or b) and a *requested
use NOT specifically listed* referral; and another payer's policy whose sets are headed *Initial Course – ALL of the
following* under a lead-in that grants (*Harbor Valley considers PCS medically necessary when the following
criteria are met.*), with a repeat course and *… considers PCS not medically necessary for members with any of the
following* conditions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

HERE = FIXTURES / "review_facts"
VELMARO, PCS = HERE / "pharmacy-list.txt", HERE / "plan-lead-in.txt"
ON = dt.date(2025, 3, 1)


def _asthma(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-03-02",
        "request": "initial",
        "drug": "Velmaro",
        "member": {"age": 30, "line_of_business": "Medicaid"},
        "diagnoses": ["severe asthma"],
        "dose": {"amount": 210, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"},
        "concurrent": [],
        "attestations": {"I.A.3": True},
    }
    return base | extra


def _continued(**extra: Any) -> dict[str, Any]:
    base = _asthma(request="continued", dose_increase=False, attestations={"II.A.1": True})
    return base | extra


VELMARO_CASES: list[tuple[str, dict[str, Any], str]] = [
    # the plain list: a listed drug refuses, none given clears, not given is the reviewer's
    ("no drug alongside: the use is listed whole, approved", _asthma(), "approved"),
    ("Nucala alongside: denied, not held for the label change", _asthma(concurrent=["Nucala"]), "denied"),
    ("a drug the list does not name: approved", _asthma(concurrent=["montelukast"]), "approved"),
    ("concurrent not given: the reviewer's", _asthma(concurrent=None), "needs-review"),
    (
        "a listed drug alongside, the criterion attested: denied",
        _asthma(concurrent=["Dupixent"], attestations={"I.A.3": True, "I.A.4": True}),
        "denied",
    ),
    # a listed use failing a criterion that is no use (the inhaled corticosteroid): denied, no referral
    ("ICS response attested false: denied", _asthma(attestations={"I.A.3": False}), "denied"),
    # a diagnosis the policy names nowhere: the requested-use referral, whatever the label change
    ("COPD: referred to the off-label policy", _asthma(diagnoses=["COPD"]), "referred"),
    ("COPD beside severe asthma: approved by I.A", _asthma(diagnoses=["severe asthma", "COPD"]), "approved"),
    ("a refused diagnosis: denied", _asthma(diagnoses=["chronic rhinosinusitis with nasal polyps"]), "denied"),
    # an age under the set's or a dose over it stays the referrals' reviewer's (rules.md)
    (
        "age 11: the referrals are the reviewer's",
        _asthma(member={"age": 11, "line_of_business": "Medicaid"}),
        "needs-review",
    ),
    # the class with examples, and the same class named again without them
    ("continued, Cinqair alongside: denied", _continued(concurrent=["Cinqair"]), "denied"),
    ("continued, nothing alongside: approved", _continued(), "approved"),
    (
        "continued, a drug of unknown class alongside: the reviewer's",
        _continued(concurrent=["zileuton"]),
        "needs-review",
    ),
]


@pytest.mark.parametrize(("name", "request_", "expected"), VELMARO_CASES, ids=[c[0] for c in VELMARO_CASES])
def test_pharmacy_facts(name: str, request_: dict[str, Any], expected: str) -> None:
    request_ = {k: v for k, v in request_.items() if v is not None}
    assert decide_file(VELMARO, ON, request_)["outcome"] == expected


def test_unlisted_diagnosis_names_the_off_label_policy() -> None:
    decision = decide_file(VELMARO, ON, _asthma(diagnoses=["COPD"]))
    assert decision["referral"] == {"criterion": "I.B.2", "line_of_business": "Medicaid", "policy": "CP.PMN.53"}


def _pcs(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-02-20",
        "request": "initial",
        "member": {"age": 30, "line_of_business": "Commercial"},
        "diagnoses": ["major depressive disorder"],
        "prescriber": {"specialty": "psychiatry"},
    }
    return base | extra


PCS_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("the facts met: the statement and judgments are the reviewer's", _pcs(), "needs-review"),
    ("17: the initial course fails, a repeat course is no initial request", _pcs(member={"age": 17}), "denied"),
    ("a family physician orders it: denied", _pcs(prescriber={"specialty": "family medicine"}), "denied"),
    ("bipolar disorder: refused", _pcs(diagnoses=["bipolar disorder"]), "denied"),
    (
        "active substance use disorder beside MDD: refused",
        _pcs(diagnoses=["major depressive disorder", "active substance use disorder"]),
        "denied",
    ),
    ("a repeat course: its own judgments", _pcs(request="continued"), "needs-review"),
]


@pytest.mark.parametrize(("name", "request_", "expected"), PCS_CASES, ids=[c[0] for c in PCS_CASES])
def test_lead_in_policy(name: str, request_: dict[str, Any], expected: str) -> None:
    assert decide_file(PCS, dt.date(2026, 1, 1), request_)["outcome"] == expected
