"""A sentence granting what the criteria above it grant, and a unit's superscript typed as a digit.

A policy written for this table (a medical necessity guideline's shape: a statement over a numbered list, then *If
the above prior authorization criteria are met, the requested product will be authorized for up to 9 months*): that
sentence has no condition of its own, so it is no approving set a reviewer must settle — a request meeting the list
is approved by it, one failing it is denied.  The list's *eGFR ≥ 30 mL/min/1.73 m²* is given by a request as
``egfr (ml/min/1.73 m2)`` (the digit a keyboard types) or with the superscript: one measure.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "above" / "renal-guideline.txt"
DAY = dt.date(2026, 3, 1)
SET = "Medical-Necessity-Criteria-for-Initial-Authorization.c1"


def _request(age: int = 50, egfr: float | None = 45, key: str = "egfr (ml/min/1.73 m2)") -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Velcarin",
        "member": {"age": age},
        "diagnoses": ["IgA nephropathy"],
        "prescriber": {"specialty": "nephrology"},
        "attestations": {f"{SET}.statement": True},
    }
    if egfr is not None:
        request["measures"] = {key: egfr}
    return request


TABLE = [
    ("all met", _request(), "approved"),
    ("eGFR at the threshold", _request(egfr=30), "approved"),
    ("eGFR just under", _request(egfr=29.9), "denied"),
    ("eGFR with the superscript", _request(egfr=29, key="egfr (ml/min/1.73 m²)"), "denied"),
    ("age 17", _request(age=17), "denied"),
    ("no eGFR", _request(egfr=None), "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), TABLE, ids=[t[0] for t in TABLE])
def test_the_criteria_above_decide(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, DAY, request_)
    assert decision["outcome"] == outcome, decision
    assert "unknown_measures" not in decision
