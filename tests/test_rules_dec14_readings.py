"""Criterion-level readings from the text of three policies written for this table (tests/decisions/readings),
decided through the generated module and the interpreter (:func:`rules_support.decide_file`).

- Numbers in other forms: an age *between 2 and 17 years*, *between 4 and 17 years*, *28 days of age or younger*
  (whole days from the birth date; an age in years says no days), a lab value *between 2.5 and 4.5 g/dL* (ends
  included, its unit exactly), a gestational age *born at 32 weeks … or later*, a share *of predicted*, a grade
  after *with* that repeats the words before it, an improvement *of at least 5 meters from the start of …*.
- Lists: a diagnosis with its other name in parentheses, an abbreviation in a *Diagnosis of one of the following*
  item, a none-of list of the infant's conditions, a class of drugs named in parentheses, a drug list with the use
  it is for, a section III list of a plural service (*orthoses* of *an orthosis*).
- A quantity over every row of the limits table is denied whatever the `.limits` attestation says.
- A lead-in that grants in a section of its own (*POLICY STATEMENT*) is the statement of the sets after it; a
  needs-review always names what it waits for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

READINGS = DECISIONS / "readings"
INFANT = READINGS / "infant-home-therapy.txt"
FACTOR = READINGS / "factor-prophylaxis.txt"
ORTHOSIS = READINGS / "orthosis-rehab.txt"

FEED = "COVERAGE-CRITERIA.c1"
RX = "Prior-Authorization-Criteria.c1"
AFO, GAIT = "Policy-Criteria.I", "Policy-Criteria.II"


def _infant(**change: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-05-01",
        "request": "initial",
        "member": {"birth_date": "2026-04-20"},
        "diagnoses": ["feeding intolerance"],
        "measures": {"gestational age (weeks)": 36, "serum albumin (g/dl)": 3.2},
        "dose": {"quantity": 30},
        "attestations": {f"{FEED}.statement": True},
    }
    request.update(change)
    return request


@pytest.mark.parametrize(
    ("change", "outcome", "failed"),
    [
        ({}, "approved", None),
        ({"member": {"birth_date": "2026-04-03"}}, "approved", None),  # 28 days: *28 days of age or younger*
        ({"member": {"birth_date": "2026-04-02"}}, "denied", f"{FEED}.2"),  # 29 days
        ({"measures": {"gestational age (weeks)": 32, "serum albumin (g/dl)": 3.2}}, "approved", None),
        ({"measures": {"gestational age (weeks)": 31, "serum albumin (g/dl)": 3.2}}, "denied", f"{FEED}.1"),
        ({"measures": {"gestational age (weeks)": 36, "serum albumin (g/dl)": 2.5}}, "approved", None),
        ({"measures": {"gestational age (weeks)": 36, "serum albumin (g/dl)": 4.5}}, "approved", None),
        ({"measures": {"gestational age (weeks)": 36, "serum albumin (g/dl)": 2.4}}, "denied", f"{FEED}.3"),
        ({"measures": {"gestational age (weeks)": 36, "serum albumin (g/dl)": 4.6}}, "denied", f"{FEED}.3"),
        ({"diagnoses": ["sepsis"]}, "denied", f"{FEED}.4"),
        ({"diagnoses": ["feeding intolerance", "short bowel syndrome"]}, "denied", f"{FEED}.4"),
        ({"dose": {"quantity": 31}}, "denied", f"{FEED}.5"),
    ],
)
def test_infant_numbers_and_conditions(change: dict[str, Any], outcome: str, failed: str | None) -> None:
    decision = decide_file(INFANT, dt.date(2026, 3, 1), _infant(**change))
    assert decision["outcome"] == outcome
    if failed is not None:
        assert decision["failed"][FEED] == failed


@pytest.mark.parametrize(
    ("change", "wanted"),
    [
        ({"member": {"age": 0.03}}, "member.birth_date"),  # an age in years says no days: never a guess
        ({"measures": {"gestational age (weeks)": 36}}, "measures.serum albumin (g/dl)"),
        # another unit is another measure: set aside, the one the text states still wanted
        ({"measures": {"gestational age (weeks)": 36, "serum albumin (g/l)": 32}}, "measures.serum albumin (g/dl)"),
        ({"attestations": {}}, f"attestations.{FEED}.statement"),  # the lead-in of POLICY STATEMENT is asked
    ],
)
def test_infant_held_names_what_it_waits_for(change: dict[str, Any], wanted: str) -> None:
    decision = decide_file(INFANT, dt.date(2026, 3, 1), _infant(**change))
    assert decision["outcome"] == "needs-review"
    assert wanted in decision["missing"]


def _factor(**change: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-06-01",
        "request": "initial",
        "drug": "Vonvara",
        "member": {"age": 9},
        "diagnoses": ["von Willebrand disease"],
        "concurrent": [],
        "dose": {"quantity": 10, "days_supply": 30},
        "attestations": {f"{RX}.statement": True, f"{RX}.limits": True},
    }
    request.update(change)
    return request


@pytest.mark.parametrize(
    ("change", "outcome", "failed"),
    [
        ({}, "approved", None),
        ({"diagnoses": ["inherited von Willebrand factor deficiency"]}, "approved", None),  # its other name
        ({"diagnoses": ["hemophilia B"]}, "denied", None),
        ({"member": {"age": 2}}, "approved", None),
        ({"member": {"age": 17}}, "approved", None),
        ({"member": {"age": 1}}, "denied", f"{RX}.2"),
        ({"member": {"age": 18}}, "denied", f"{RX}.2"),
        ({"concurrent": ["Wilate"]}, "denied", f"{RX}.3"),  # a drug the class's parentheses name
        ({"concurrent": ["Novoseven"]}, "denied", f"{RX}.4"),  # a listed drug, the use after the list
        ({"concurrent": ["tranexamic acid"]}, "needs-review", None),  # another drug: the class is the reviewer's
        ({"dose": {"quantity": 12, "days_supply": 30}}, "approved", None),  # within the 1000 unit vial's row
        ({"dose": {"quantity": 13, "days_supply": 30}}, "denied", f"{RX}.limits"),  # over every row, attested
    ],
)
def test_factor_lists_and_limits(change: dict[str, Any], outcome: str, failed: str | None) -> None:
    decision = decide_file(FACTOR, dt.date(2026, 4, 1), _factor(**change))
    assert decision["outcome"] == outcome
    if failed is not None:
        assert decision["failed"][RX] == failed


def test_factor_statement_will_approve_is_asked() -> None:
    decision = decide_file(FACTOR, dt.date(2026, 4, 1), _factor(attestations={f"{RX}.limits": True}))
    assert decision["outcome"] == "needs-review"
    assert f"attestations.{RX}.statement" in decision["missing"]


def _orthosis(**change: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-06-01",
        "request": "initial",
        "member": {"age": 10},
        "diagnoses": ["peroneal neuropathy"],
        # (*For members with multiple sclerosis, …*: a request not naming it does not say the member is without it)
        "measures": {"mrc weakness grade": 3, "ankle dorsiflexion strength %": 50},
        "dose": {"quantity": 2},
        "attestations": {f"{AFO}.statement": True, f"{GAIT}.statement": False},
    }
    request.update(change)
    return request


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        ({}, "approved"),
        ({"diagnoses": ["CVA"]}, "approved"),  # the abbreviation the list item defines
        ({"diagnoses": ["cerebrovascular accident"]}, "approved"),
        (
            {
                "diagnoses": ["multiple sclerosis"],
                "measures": {"mrc weakness grade": 3, "ankle dorsiflexion strength %": 60},
            },
            "approved",
        ),
        (
            {
                "diagnoses": ["multiple sclerosis"],
                "measures": {"mrc weakness grade": 3, "ankle dorsiflexion strength %": 61},
            },
            "denied",
        ),
        ({"diagnoses": ["multiple sclerosis"], "measures": {"mrc weakness grade": 3}}, "needs-review"),  # not given
        ({"measures": {"mrc weakness grade": 4, "ankle dorsiflexion strength %": 50}}, "denied"),
        ({"member": {"age": 17}}, "approved"),
        ({"member": {"age": 3}}, "denied"),
        ({"member": {"age": 18}}, "denied"),
        ({"diagnoses": ["peroneal neuropathy", "idiopathic toe walking"]}, "denied"),  # section III, *orthoses*
        ({"dose": {"quantity": 3}}, "denied"),
    ],
)
def test_orthosis_readings(change: dict[str, Any], outcome: str) -> None:
    decision = decide_file(ORTHOSIS, dt.date(2026, 4, 1), _orthosis(**change))
    assert decision["outcome"] == outcome


@pytest.mark.parametrize(("metres", "outcome"), [(5, "approved"), (12, "approved"), (4, "denied")])
def test_gait_improvement_in_metres(metres: int, outcome: str) -> None:
    request = _orthosis(
        request="continued",
        measures={"improvement in 10-meter walk distance (m)": metres},
        attestations={f"{AFO}.statement": False, f"{GAIT}.statement": True},
    )
    decision = decide_file(ORTHOSIS, dt.date(2026, 4, 1), request)
    assert decision["outcome"] == outcome
