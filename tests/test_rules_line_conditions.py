"""Dose lines and bounds the request's facts settle: an age or a product written before a dose line, dose lines
nested one group deeper, a weight in words.

Written from the text of ``tests/fixtures/decisions_words/zorbitamab.txt`` (a CP.PHAR policy of our own):

- ``Dose does not exceed one of the following``: ``a. Age 4 through 11 years: 20 mg SC every 2 weeks`` and
  ``b. Age ≥ 12 years: 50 mg SC every 2 weeks`` — each line its age band and its dose;
- ``Zorbana: dose does not exceed 20 mg per day (2 tablets per day)`` beside ``Zorbana ER: …``: the line of the
  product requested, its total per day and its tablets over the days they supply;
- ``Dose does not exceed both of the following``, whose ``b`` is ``One of the following (i or ii)``: the roman
  items are dose lines too;
- ``Member weighs at least 25 kg``, ``Patient must weigh more than 40 kg``: the member's weight;
- ``Documentation of member's current body weight (in kg)``: a weight given.

What the request does not state (the age, the weight, the product, the tablets) leaves them unknown: needs-review.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

POLICY = FIXTURES / "decisions_words" / "zorbitamab.txt"


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return decide_file(POLICY, dt.date(2024, 2, 1), request)


DERMATITIS: dict[str, Any] = {
    "date": "2026-04-01",
    "request": "initial",
    "drug": "Zorbana",
    "diagnoses": ["granular dermatitis"],
    "member": {"age": 30, "weight_kg": 70, "line_of_business": "Medicaid"},
    "dose": {"amount": 50, "unit": "mg", "route": "SC", "frequency": "every 2 weeks"},
}
MYOSITIS: dict[str, Any] = {
    **DERMATITIS,
    "diagnoses": ["lobar myositis"],
    "dose": {"amount": 10, "unit": "mg", "route": "PO", "frequency": "twice daily", "quantity": 60, "days_supply": 30},
}


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = {**base, **changes}
    for key in ("member", "dose"):
        if key in changes and isinstance(changes[key], dict):
            out[key] = {**base[key], **changes[key]}
    return out


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("age 30, 50 mg: line b", DERMATITIS, "approved"),
    ("age 30, 51 mg: over line b, line a is for 4 to 11", _with(DERMATITIS, dose={"amount": 51}), "denied"),
    ("age 12, 50 mg: line b at its bound", _with(DERMATITIS, member={"age": 12}), "approved"),
    ("age 11, 50 mg: line b is for 12 and older, over line a", _with(DERMATITIS, member={"age": 11}), "denied"),
    ("age 11.9, 20 mg: 4 through 11 is through the last day of 11",
     _with(DERMATITIS, member={"age": 11.9}, dose={"amount": 20}), "approved"),
    ("age 30, 50 mg weekly: more often than line b", _with(DERMATITIS, dose={"frequency": "once weekly"}), "denied"),
    ("age not given, 20 mg: within a line whose age is unknown", _with(DERMATITIS, member={"age": None},
                                                                       dose={"amount": 20}), "needs-review"),
    ("weight 25 kg: at least 25", _with(DERMATITIS, member={"weight_kg": 25}), "approved"),
    ("weight 24.9 kg: under 25", _with(DERMATITIS, member={"weight_kg": 24.9}), "denied"),
    ("weight not given", _with(DERMATITIS, member={"weight_kg": None}), "needs-review"),
    ("Zorbana 10 mg twice daily, 60 tablets for 30 days", MYOSITIS, "approved"),
    ("Zorbana 10 mg three times daily: 30 mg a day", _with(MYOSITIS, dose={"frequency": "three times daily",
                                                                           "quantity": 90}), "denied"),
    ("Zorbana 62 tablets for 30 days: over 2 a day", _with(MYOSITIS, dose={"quantity": 62}), "denied"),
    ("Zorbana, tablets not given: unknown", _with(MYOSITIS, dose={"quantity": None, "days_supply": None}),
     "needs-review"),
    ("no product named: neither line known", {**MYOSITIS, "drug": None}, "needs-review"),
    ("Zorbana ER 22 mg once daily: its line, but over 20 mg once daily of 4.b",
     _with(MYOSITIS, drug="Zorbana ER", dose={"amount": 22, "frequency": "once daily", "quantity": 30}), "denied"),
    ("Zorbana 20 mg once daily: 4.b.ii", _with(MYOSITIS, dose={"amount": 20, "frequency": "once daily"}),
     "approved"),
    ("Zorbana 15 mg twice daily: over 4.b.i and 4.b.ii", _with(MYOSITIS, dose={"amount": 15}), "denied"),
    ("weight 40 kg: not more than 40", _with(MYOSITIS, member={"weight_kg": 40}), "denied"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_line_conditions_the_facts_settle(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide(request_)
    assert decision["outcome"] == outcome, decision


@pytest.mark.parametrize(
    ("written", "reworded"),
    [
        ("2. Member weighs at least 25 kg;", "2. Member weighs at least 25 kg or has a documented growth delay;"),
        ("a. Age 4 through 11 years: 20 mg SC every 2 weeks;",
         "a. Age 4 through 11 years: 20 mg SC every 2 weeks after a loading dose;"),
    ],
)  # fmt: skip
def test_words_beyond_what_is_read_stay_the_reviewers(tmp_path: Path, written: str, reworded: str) -> None:
    """A second wording with words no check reads: the criterion is a judgment, a request meeting it needs-review."""
    source = POLICY.read_text(encoding="utf-8")
    assert written in source
    path = tmp_path / "zorbitamab.txt"
    path.write_text(source.replace(written, reworded), encoding="utf-8")
    request = _with(DERMATITIS, member={"age": 8}, dose={"amount": 20})
    assert decide(request)["outcome"] == "approved"
    assert decide_file(path, dt.date(2024, 2, 1), request)["outcome"] == "needs-review"
