"""Lettered sets each named for an indication under one lead-in — a decision table written from
``tests/decisions/readings/indication-sets.txt``:

*Renoflo may be approved when ALL of the following criteria are met.* over *A. Chronic Kidney Disease Associated
with Type 2 Diabetes – Initial Request – ALL of the following:* and *B. Heart Failure – Initial Request – ALL of
the following:* — each set approves its own indication: a request that meets A is approved although B's diagnosis
and age fail (never denied by the other indication's criteria); one that meets neither is denied; one whose own
indication's item is unknown is the reviewer's. B's *Diagnosis of heart failure (HF) or hypertrophic
cardiomyopathy* is two alternatives: the first's abbreviation is no qualifier ending the name, and it names the
first (a request may give `HF`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "indication-sets.txt"
VERSION = dt.date(2026, 3, 2)
CKD = "chronic kidney disease associated with type 2 diabetes"


def _request(age: int, diagnosis: str, concurrent: list[str] | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Renoflo",
        "member": {"age": age, "line_of_business": "Commercial"},
        "diagnoses": [diagnosis],
    }
    if concurrent is not None:
        request["concurrent"] = concurrent
    return request


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("kidney disease at 30: A met, B's age and diagnosis fail", _request(30, CKD, []), "approved"),
    ("heart failure at 50: B met, A's diagnosis fails", _request(50, "heart failure", []), "approved"),
    ("heart failure at 35: B's age fails, A's diagnosis fails", _request(35, "heart failure", []), "denied"),
    ("cardiomyopathy at 50: B's second alternative, after the first's abbreviation",
     _request(50, "hypertrophic cardiomyopathy", []), "approved"),
    ("HF at 50: B's first alternative by the abbreviation the criterion gives it", _request(50, "HF", []), "approved"),
    ("hypertension at 50: neither indication", _request(50, "hypertension", []), "denied"),
    ("kidney disease at 17: A's age fails, B's too", _request(17, CKD, []), "denied"),
    ("kidney disease on spironolactone", _request(30, CKD, ["spironolactone"]), "denied"),
    ("kidney disease, concurrent drugs not stated: the reviewer's", _request(30, CKD), "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_indication_sets(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == outcome, decision
