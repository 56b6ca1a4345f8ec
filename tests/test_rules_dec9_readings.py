"""Readings from the text of two policies written for this table (tests/decisions/readings), decided through the
generated module and the interpreter (:func:`rules_support.decide_file`).

- ``Diagnosis of migraine with or without aura`` covers ``migraine with aura``, ``migraine without aura`` and
  ``migraine``; another diagnosis still fails it.
- ``… meets ONE of the following (Criteria 1, 2 or 3) and all of the criteria in section 4``: item 4 is required
  beside the alternatives, never an alternative to them — a dose over its ``15 mg/kg`` or more doses than its
  ``No more than 5 doses per season`` is denied; within them the season's count is the reviewer's (a season is no
  course the request counts), never approved unattested.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

READINGS = DECISIONS / "readings"
MIGRAINE = READINGS / "migraine-either-way.txt"
SEASONAL = READINGS / "seasonal-antibody.txt"
SET = "COVERAGE-CRITERIA.c1"


def _migraine(diagnoses: list[str], age: int = 30) -> dict[str, Any]:
    return {
        "date": "2026-11-01",
        "request": "initial",
        "drug": "Migrelta ODT",
        "member": {"age": age},
        "diagnoses": diagnoses,
        "dose": {"quantity": 8, "days_supply": 30},
    }


@pytest.mark.parametrize(
    ("diagnoses", "age", "outcome", "failed"),
    [
        (["migraine with aura"], 30, "approved", None),
        (["migraine without aura"], 30, "approved", None),
        (["migraine"], 30, "approved", None),
        (["Migraine With Aura"], 30, "approved", None),
        (["tension-type headache"], 30, "denied", "I.A.1"),
        (["migraine with aura"], 17, "denied", "I.A.2"),
        (["cluster headache"], 30, "denied", None),
    ],
)
def test_with_or_without(diagnoses: list[str], age: int, outcome: str, failed: str | None) -> None:
    decision = decide_file(MIGRAINE, dt.date(2025, 6, 1), _migraine(diagnoses, age))
    assert decision["outcome"] == outcome
    if failed is not None:
        assert decision["failed"]["I.A"] == failed


def _season(amount: int, course_doses: int | None, said: dict[str, bool]) -> dict[str, Any]:
    dose: dict[str, Any] = {"amount": amount, "unit": "mg/kg", "route": "IM", "frequency": "once monthly"}
    if course_doses is not None:
        dose["course_doses"] = course_doses
    return {
        "date": "2026-11-01",
        "request": "initial",
        "drug": "Respira",
        "member": {"birth_date": "2026-03-01", "weight_kg": 6},
        "dose": dose,
        "attestations": {f"{SET}.statement": True, f"{SET}.1": True, **{f"{SET}.{k}": v for k, v in said.items()}},
    }


@pytest.mark.parametrize(
    ("amount", "course_doses", "said", "outcome"),
    [
        (16, 5, {"limits": True, "4.b": True}, "denied"),  # over 15 mg/kg: item 4 is required, not an alternative
        (15, 6, {"limits": True, "4.b": True}, "denied"),  # 6 doses over 5
        (15, 6, {}, "denied"),
        (15, 5, {"limits": True, "4.b": True}, "approved"),
        (15, 5, {"limits": True}, "needs-review"),  # the season's count is the reviewer's
        (15, 5, {"4.b": True}, "needs-review"),  # the limits outside the criteria too
        (15, None, {"limits": True, "4.b": True}, "needs-review"),  # course_doses not given
    ],
)
def test_named_alternatives_and_all_of_the_rest(
    amount: int, course_doses: int | None, said: dict[str, bool], outcome: str
) -> None:
    request = _season(amount, course_doses, said)
    decision = decide_file(SEASONAL, dt.date(2026, 10, 1), request)
    assert decision["outcome"] == outcome, decision
    if outcome == "denied":
        assert decision["failed"][SET] == f"{SET}.4"


def test_an_alternative_alone_does_not_approve_past_the_required_item() -> None:
    """Items 1–3 all false: denied whatever item 4 says."""
    request = _season(15, 5, {"limits": True, "1": False, "2": False, "3": False, "4.b": True})
    assert decide_file(SEASONAL, dt.date(2026, 10, 1), request)["outcome"] == "denied"


# --- numbers a criterion states in words or beside other words --------------------------------------------------

EYELID = READINGS / "eyelid-measures.txt"
SINUS = READINGS / "sinus-measures.txt"
STATEMENT = "Policy-Statement.c1"
MRD1 = "margin reflex distance 1 mrd1 (mm)"
DEGREES = "superior visual field loss (degrees)"
PERCENT = "superior visual field loss %"


@pytest.mark.parametrize(
    ("measures", "testing", "outcome", "failed"),
    [
        ({MRD1: 2, DEGREES: 12}, True, "approved", None),  # "2 mm or less": 2 is within
        ({MRD1: 2.5, DEGREES: 20}, True, "denied", "2"),
        ({MRD1: 1.5, DEGREES: 11, PERCENT: 24}, True, "approved", None),  # either unit
        ({MRD1: 1.5, DEGREES: 11, PERCENT: 23}, True, "denied", "3"),
        ({MRD1: 1.5, DEGREES: 11}, True, "approved", None),  # the percent not given: the reviewer's answer
        ({MRD1: 1.5, DEGREES: 11}, None, "needs-review", None),
        ({MRD1: 1.5, DEGREES: 20}, None, "needs-review", None),  # "on taped versus untaped testing": the reviewer's
        ({MRD1: 1.5, DEGREES: 11, PERCENT: 23}, True, "denied", "3"),
        ({DEGREES: 20}, True, "needs-review", None),  # MRD1 read whole: its number is needed
        ({MRD1: 1.5}, True, "approved", None),  # no field numbers: the attestation answers criterion 3
    ],
)
def test_measures_in_words(measures: dict[str, float], testing: bool | None, outcome: str, failed: str | None) -> None:
    said = {f"{STATEMENT}.statement": True}
    if testing is not None:
        said[f"{STATEMENT}.3"] = testing
    request = {"date": "2026-11-20", "member": {"age": 60}, "measures": measures, "attestations": said}
    decision = decide_file(EYELID, dt.date(2026, 11, 1), request)
    assert decision["outcome"] == outcome, decision
    if failed is not None:
        assert decision["failed"][STATEMENT] == f"{STATEMENT}.{failed}"


@pytest.mark.parametrize(
    ("measures", "said", "outcome", "failed"),
    [
        ({"lund-mackay score": 4, "hematocrit %": 50}, {"2": True, "3": True}, "approved", None),
        ({"lund-mackay score": 3, "hematocrit %": 50}, {"2": True, "3": True}, "denied", "2"),  # the score refuses
        ({"lund-mackay score": 4, "hematocrit %": 50}, {"3": True}, "needs-review", None),  # the CT words
        ({"lund-mackay score": 4, "hematocrit %": 55}, {"2": True, "3": True}, "denied", "3"),  # 55 whenever drawn
        ({"lund-mackay score": 4, "hematocrit %": 50}, {"2": True}, "needs-review", None),  # when it was drawn
        ({"hematocrit %": 50}, {"2": True, "3": True}, "approved", None),  # no score: the reviewer read the CT
        ({"hematocrit %": 50}, {"3": True}, "needs-review", None),
    ],
)
def test_measures_beside_words(
    measures: dict[str, float], said: dict[str, bool], outcome: str, failed: str | None
) -> None:
    attestations = {f"{STATEMENT}.statement": True, **{f"{STATEMENT}.{k}": v for k, v in said.items()}}
    request = {"date": "2026-11-20", "member": {"age": 60}, "measures": measures, "attestations": attestations}
    decision = decide_file(SINUS, dt.date(2026, 11, 1), request)
    assert decision["outcome"] == outcome, decision
    if failed is not None:
        assert decision["failed"][STATEMENT] == f"{STATEMENT}.{failed}"


# --- a none-of list of the member's conditions --------------------------------------------------------------------

NONE_OF = READINGS / "none-of-conditions.txt"
INITIAL = "Description.Criteria-for-Initial-Approval.c1"


@pytest.mark.parametrize(
    ("diagnoses", "said", "outcome"),
    [
        (["primary hypogonadism"], {}, "approved"),  # diagnoses given, none listed
        (["primary hypogonadism", "prostate cancer"], {}, "denied"),  # "Known or suspected prostate cancer"
        (["primary hypogonadism", "breast cancer"], {}, "denied"),
        (["primary hypogonadism", "Breast Cancer"], {}, "denied"),
        (["primary hypogonadism", "obstructive sleep apnea"], {}, "needs-review"),  # untreated? severe?
        (["primary hypogonadism", "obstructive sleep apnea"], {"3.c": False}, "approved"),
        (["primary hypogonadism", "lung cancer"], {}, "needs-review"),  # shares "cancer": perhaps one listed
        (None, {"2": True}, "needs-review"),  # no diagnoses: the list is unknown, never true
        (["primary hypogonadism", "prostate cancer"], {"3.b": False}, "needs-review"),  # a conflict, never approved
    ],
)
def test_none_of_conditions(diagnoses: list[str] | None, said: dict[str, bool], outcome: str) -> None:
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Androxal",
        "member": {"age": 45},
        "prescriber": {"specialty": "endocrinology"},
        "attestations": {f"{INITIAL}.statement": True, **{f"{INITIAL}.{k}": v for k, v in said.items()}},
    }
    if diagnoses is not None:
        request["diagnoses"] = diagnoses
    decision = decide_file(NONE_OF, dt.date(2026, 3, 1), request)
    assert decision["outcome"] == outcome, decision
    if outcome == "denied":
        assert decision["failed"][INITIAL] == f"{INITIAL}.3"
