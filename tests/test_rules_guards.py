"""Exclusions and requirements written beside the sets that grant coverage hold every approval.

An imaging guideline lists its indications in a set that grants, then *General Requirements* (a list with no
connective: all of it is required) and *Contraindications* (*MRI of the knee will not be approved when any of the
following is present*); a medical policy writes beside its covering set a set that refuses the same service (*does
NOT cover sleeve gastrectomy for any of the following*) and one that refuses another (*Gastric balloon placement is
considered experimental … for any of the following*).  Read from the text:

- a requirement that fails denies whatever set approves; one left unknown is the ``.limits`` judgment's, which
  names it (every approving set of such a policy carries it);
- an exclusion of the service an approving statement names denies when what it lists is present; one about
  another service holds the approval for review until the request says whether its statement is about the
  request (true denies, false lifts it).

The decision tables are written from the fixtures' text (``tests/fixtures/guards``); the generated module and the
interpreter agree on every one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

from policyvc.parser import parse_file
from policyvc.rules.body import Role, is_limits, role_of, rules_view, subject

KNEE = FIXTURES / "guards" / "imaging-knee-mri.txt"
BARIATRIC = FIXTURES / "guards" / "medical-bariatric.txt"

_IND = "Clinical-Indications.c1"
_REQ = "Clinical-Indications.General-Requirements.c1"
_CONTRA = "Clinical-Indications.Contraindications.c1"
_KNEE_MET = {
    "date": "2026-03-01",
    "member": {"age": 30},
    "attestations": {f"{_IND}.statement": True, f"{_IND}.1": True, f"{_IND}.limits": True},
}


def _with(base: dict[str, Any], **attested: bool) -> dict[str, Any]:
    return {**base, "attestations": {**base["attestations"], **{k.replace("__", "."): v for k, v in attested.items()}}}


KNEE_CASES: list[tuple[str, dict[str, Any], str]] = [
    # indication 1, 30 years old, the limits (requirements, contraindications) attested: nothing stops it
    ("an indication met, the limits attested", _KNEE_MET, "approved"),
    (
        "an indication met, the limits not attested",
        {**_KNEE_MET, "attestations": {f"{_IND}.statement": True, f"{_IND}.1": True}},
        "needs-review",
    ),
    # General Requirements 1: 12 years of age or older — 11 fails it, whatever the limits attestation says
    ("11 years old", {**_KNEE_MET, "member": {"age": 11}}, "denied"),
    ("12 years old", {**_KNEE_MET, "member": {"age": 12}}, "approved"),
    # General Requirements 2: radiographs within 60 days — attested not obtained
    ("no radiographs", _with(_KNEE_MET, **{f"{_REQ}.2": False}), "denied"),
    # Contraindications 1: a non-MR-conditional pacemaker is present — MRI of the knee will not be approved
    ("a pacemaker", _with(_KNEE_MET, **{f"{_CONTRA}.1": True}), "denied"),
    ("no contraindication", _with(_KNEE_MET, **{f"{_CONTRA}.1": False, f"{_CONTRA}.2": False}), "approved"),
    # no indication met: denied, contraindications or not
    ("no indication", _with(_KNEE_MET, **{f"{_IND}.1": False, f"{_IND}.2": False, f"{_IND}.3": False}), "denied"),
]

_SLEEVE_MET = {
    "date": "2026-03-01",
    "member": {"age": 40},
    "attestations": {
        "Policy.c1.statement": True, "Policy.c1.A": True, "Policy.c1.B": True, "Policy.c1.C": True,
        "Policy.c1.limits": True,
    },
}  # fmt: skip
BARIATRIC_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("every criterion met, limits attested", _SLEEVE_MET, "approved"),
    # the plan does NOT cover sleeve gastrectomy for active substance use disorder within 12 months
    ("substance use disorder", _with(_SLEEVE_MET, **{"Policy.c2.B": True}), "denied"),
    # the statement attested to be about another service: its exclusion is not this request's
    (
        "substance use disorder, statement not this request's",
        _with(_SLEEVE_MET, **{"Policy.c2.B": True, "Policy.c2.statement": False}),
        "approved",
    ),
    # gastric balloon placement is experimental for a BMI of 30 or more: another service than the one approved —
    # held for review until the request says whether it is about a balloon
    ("a balloon's exclusion present, unanswered", _with(_SLEEVE_MET, **{"Policy.c3.A": True}), "needs-review"),
    (
        "a balloon's exclusion, not a balloon",
        _with(_SLEEVE_MET, **{"Policy.c3.A": True, "Policy.c3.statement": False}),
        "approved",
    ),
    (
        "a balloon's exclusion, a balloon",
        _with(_SLEEVE_MET, **{"Policy.c3.A": True, "Policy.c3.statement": True}),
        "denied",
    ),
    # a covering criterion fails: denied, exclusions or not
    ("no weight program", _with(_SLEEVE_MET, **{"Policy.c1.B": False}), "denied"),
]


def _decide(path: Path, request: dict[str, Any]) -> dict[str, Any]:
    return decide_file(path, dt.date(2026, 2, 1), request)


@pytest.mark.parametrize(("name", "request_", "outcome"), KNEE_CASES, ids=[c[0] for c in KNEE_CASES])
def test_knee_mri_requirements_and_contraindications(name: str, request_: dict[str, Any], outcome: str) -> None:
    assert _decide(KNEE, request_)["outcome"] == outcome


@pytest.mark.parametrize(("name", "request_", "outcome"), BARIATRIC_CASES, ids=[c[0] for c in BARIATRIC_CASES])
def test_bariatric_exclusions(name: str, request_: dict[str, Any], outcome: str) -> None:
    assert _decide(BARIATRIC, request_)["outcome"] == outcome


def test_a_held_exclusion_says_which_statement_to_answer() -> None:
    decision = _decide(BARIATRIC, _with(_SLEEVE_MET, **{"Policy.c3.A": True}))
    assert "attestations.Policy.c3.statement" in decision["missing"]


def test_roles_and_the_limits_that_name_them() -> None:
    roles = {s.id: role_of(sec) for sec in rules_view(parse_file(KNEE)).sections for s in sec.sets}
    assert roles == {_IND: Role.APPROVES, _REQ: Role.REQUIRES, _CONTRA: Role.EXCLUDES}
    (limits,) = [c.text for sec in rules_view(parse_file(KNEE)).sections for s in sec.sets for c in s.criteria
                 if is_limits(c)]  # fmt: skip
    assert "General Requirements" in limits and "MRI of the knee will not be approved" in limits
    roles = {s.id: role_of(sec) for sec in rules_view(parse_file(BARIATRIC)).sections for s in sec.sets}
    assert roles == {"Policy.c1": Role.APPROVES, "Policy.c2": Role.EXCLUDES, "Policy.c3": Role.MAY_EXCLUDE}


@pytest.mark.parametrize(
    ("statement", "about"),
    [
        ("MRI of the knee will not be approved when any of the following is present:", "mri of the knee"),
        ("MRI of the knee is considered medically necessary when ANY of the following is met:", "mri of the knee"),
        ("Harborview Health Plan does NOT cover sleeve gastrectomy for any of the following:", "sleeve gastrectomy"),
        (
            "Harborview Health Plan covers sleeve gastrectomy when ALL of the following criteria are met:",
            "sleeve gastrectomy",
        ),
        (
            "It is the policy of health plans affiliated with Centene Corporation® that home sleep apnea testing (CPT "
            "95800) is medically necessary when meeting all of the following:",
            "home sleep apnea testing",
        ),
        ("The following procedures apply:", ""),  # (says nothing of coverage: about nothing the rules can compare)
    ],
)
def test_what_a_statement_is_about(statement: str, about: str) -> None:
    assert subject(statement) == about


def test_a_word_of_the_indication_is_no_refusal() -> None:
    # (``has not healed`` is the wound's, not the coverage's: no exclusion is made of a set that grants)
    from policyvc.rules.body import refuses

    assert not refuses("Negative pressure wound therapy is covered for a wound that has not healed in 30 days:")
    assert refuses("TMS is not considered reasonable and necessary when the patient has any of the following:")
    assert refuses("The plan will not consider TKA to be medically necessary in the presence of any of the following:")


@pytest.mark.parametrize(
    ("statement", "granted"),
    [
        ("Negative pressure wound therapy is covered for a chronic wound that has not healed after 30 days:", True),
        ("Arthroscopy is medically necessary when the member has not responded to 3 months of therapy:", True),
        ("Knee arthroscopy is not medically necessary for any of the following:", False),
        ("Coverage is not provided for the following:", False),
        ("Lumbar fusion is never considered medically necessary for the following:", False),
        ("Gene therapy is medically necessary only for non-ambulatory members:", False),  # (``non-``: read by a person)
    ],
)
def test_a_not_of_the_condition_is_no_refusal_of_the_grant(statement: str, granted: bool) -> None:
    from policyvc.rules.body import grants

    assert grants(statement) is granted
