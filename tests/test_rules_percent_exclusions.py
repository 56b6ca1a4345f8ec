"""Readings from the text of three policies written for this table (tests/decisions/readings), decided through the
generated module and the interpreter (:func:`rules_support.decide_file`).

- A percent measure with its limit: *In adults (18 years of age or older), a score of 65% or less correct on …* is
  the measure ``score correct %`` ≤ 65 for an adult (the words after it the reviewer's: the number given and over
  the limit refuses, else the attestation answers); *In children (younger than 18 years of age), …* is no
  alternative for an adult; *…, or a lack of progress …* leaves the child's score one alternative of a judgment,
  never a refusal. *… on a daily basis (device worn ≥ 60% of the time)*: ``device worn %`` under 60 refuses.
- An exclusion list (*Requests for Dermavex may not be approved for the following: … II. In combination with other
  biologic drugs (such as Dupixent, Adbry, Ebglyss) …; III. When the above criteria are not met and for all other
  indications*): a drug its examples name alongside denies, a diagnosis sharing no word with what the approving
  criteria write denies; one they may name otherwise, or another drug alongside, is the reviewer's.
- A measure named with its abbreviation in parentheses (*Margin reflex distance 1 (MRD1) of 2 mm or less*) is also
  given by its words alone (``margin reflex distance 1 (mm)``) or by the abbreviation (``mrd1 (mm)``); two of its
  names with two values is an input error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file, file_engines

from policyvc.rules import runtime as rt

READINGS = DECISIONS / "readings"
HEARING = READINGS / "hearing-device.txt"
DERMAVEX = READINGS / "biologic-exclusions.txt"
EYELID = READINGS / "eyelid-measures.txt"
H = "Policy-Statement.c1"
D = "Clinical-Criteria"


def _hearing(age: int, measures: dict[str, float], said: dict[str, bool]) -> dict[str, Any]:
    return {
        "date": "2026-11-01",
        "request": "initial",
        "member": {"age": age},
        "diagnoses": ["conductive hearing loss"],
        "measures": measures,
        "attestations": {f"{H}.statement": True, f"{H}.1": True, **{f"{H}.{k}": v for k, v in said.items()}},
    }


@pytest.mark.parametrize(
    ("age", "measures", "said", "outcome"),
    [
        # 2.a: an adult's score of 65% or less, the test's words attested; 4: worn 60% of the time or more
        (40, {"score correct %": 65, "device worn %": 60}, {"2.a": True, "4": True}, "approved"),
        # over 65%: attested, a conflict the reviewer settles; not attested, denied (2.b is a child's)
        (40, {"score correct %": 66, "device worn %": 80}, {"2.a": True, "4": True}, "needs-review"),
        (40, {"score correct %": 66, "device worn %": 80}, {"4": True}, "denied"),
        (40, {"score correct %": 50, "device worn %": 59}, {"2.a": True, "4": True}, "denied"),  # worn under 60%
        (40, {"score correct %": 50, "device worn %": 80}, {"4": True}, "needs-review"),  # the test's words
        (40, {"device worn %": 80}, {"4": True}, "needs-review"),  # no score
        (40, {"score correct %": 50}, {"2.a": True}, "needs-review"),  # no wear, no attestation
        # 2.b: a child's score is one alternative of a judgment — over 40% it refuses nothing
        (10, {"score correct %": 55, "device worn %": 80}, {"4": True}, "needs-review"),
        (10, {"score correct %": 55, "device worn %": 80}, {"2.b": True, "4": True}, "approved"),
        (10, {"score correct %": 55, "device worn %": 80}, {"2.b": False, "4": True}, "denied"),
        (4, {"score correct %": 30, "device worn %": 80}, {"2.b": True, "4": True}, "denied"),  # under 5 years
    ],
)
def test_percent_measures(age: int, measures: dict[str, float], said: dict[str, bool], outcome: str) -> None:
    decision = decide_file(HEARING, dt.date(2026, 8, 20), _hearing(age, measures, said))
    assert decision["outcome"] == outcome


def _dermavex(diagnoses: list[str] | None, concurrent: list[str] | None, said: dict[str, bool]) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-11-01",
        "request": "initial",
        "drug": "Dermavex",
        "member": {"age": 40},
        "prescriber": {"specialty": "dermatology"},
        "attestations": {f"{D}.c1.statement": True, f"{D}.c1.II": True, **{f"{D}.{k}": v for k, v in said.items()}},
    }
    if diagnoses is not None:
        request["diagnoses"] = diagnoses
    if concurrent is not None:
        request["concurrent"] = concurrent
    return request


LIMITS = {"c1.limits": True}


@pytest.mark.parametrize(
    ("diagnoses", "concurrent", "said", "outcome"),
    [
        (["atopic dermatitis"], [], LIMITS, "approved"),
        (["atopic dermatitis"], ["Dupixent"], LIMITS, "denied"),  # II: a biologic its examples name
        (["atopic dermatitis"], ["Cibinqo"], LIMITS, "denied"),  # II: a JAK inhibitor its examples name
        (["atopic dermatitis"], ["methotrexate"], {}, "needs-review"),  # another drug: the reviewer's
        (["atopic dermatitis"], ["methotrexate"], LIMITS, "approved"),  # who attests the request within the list
        (["atopic dermatitis"], None, {}, "needs-review"),  # concurrent not given
        (["hidradenitis suppurativa"], [], LIMITS, "denied"),  # III: all other indications
        (["hidradenitis suppurativa"], [], {}, "denied"),
        (["prurigo nodularis"], [], LIMITS, "denied"),  # approved by the label, not by this policy's criteria
        (["severe atopic dermatitis"], [], {}, "needs-review"),  # perhaps the covered use otherwise named
        (None, [], {}, "needs-review"),  # no diagnoses: never denied as another indication
        (["atopic dermatitis"], ["Dupixent"], {**LIMITS, "c3.II": False}, "needs-review"),  # attested otherwise
    ],
)
def test_exclusion_list(
    diagnoses: list[str] | None, concurrent: list[str] | None, said: dict[str, bool], outcome: str
) -> None:
    decision = decide_file(DERMAVEX, dt.date(2026, 9, 1), _dermavex(diagnoses, concurrent, said))
    assert decision["outcome"] == outcome


def _eyelid(measures: dict[str, float]) -> dict[str, Any]:
    return {
        "date": "2026-11-01",
        "request": "initial",
        "member": {"age": 60},
        "measures": {**measures, "superior visual field loss (degrees)": 15},
        "attestations": {"Policy-Statement.c1.statement": True, "Policy-Statement.c1.3": True},
    }


@pytest.mark.parametrize(
    ("measures", "outcome"),
    [
        ({"margin reflex distance 1 mrd1 (mm)": 2}, "approved"),
        ({"margin reflex distance 1 (mm)": 2}, "approved"),
        ({"mrd1 (mm)": 2}, "approved"),
        ({"MRD1 (mm)": 2.5}, "denied"),
        ({"margin reflex distance 1 (mm)": 3}, "denied"),
        ({"mrd1 (mm)": 2, "margin reflex distance 1 (mm)": 2}, "approved"),  # one value by two names
    ],
)
def test_measure_aliases(measures: dict[str, float], outcome: str) -> None:
    decision = decide_file(EYELID, dt.date(2026, 9, 24), _eyelid(measures))
    assert decision["outcome"] == outcome


def test_two_values_for_one_measure_are_an_input_error() -> None:
    request = _eyelid({"mrd1 (mm)": 2, "margin reflex distance 1 (mm)": 3})
    for engine in file_engines(EYELID, dt.date(2026, 9, 24)):
        with pytest.raises(rt.RequestError, match=r"measures\.margin reflex distance 1 \(mm\): 3"):
            engine.evaluate(request)
