"""A request naming its set (``criteria_set``) is still refused by what the policy refuses outside that set.

A policy written for this table in the Centene pharmacy shape (*III. Diagnoses/Indications for which coverage is NOT
authorized: … B. Syndrome of inappropriate antidiuretic hormone secretion (SIADH)*): a request that meets I.A but
names a refused diagnosis is denied whether or not it names I.A — naming a set picks the approving set, never drops
the refusals, exclusions and requirements that guard every approval.  A set the version does not have is a doubt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "guards" / "renavaptan.txt"
DAY = dt.date(2026, 4, 1)


def _request(diagnoses: list[str], criteria_set: str | None = "I.A", age: int = 40) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-05-01",
        "request": "initial",
        "drug": "Cystora",
        "member": {"age": age, "line_of_business": "Commercial"},
        "diagnoses": diagnoses,
        "prescriber": {"specialty": "nephrology"},
        "dose": {"amount": 45, "unit": "mg", "route": "PO", "frequency": "twice daily"},
    }
    if criteria_set is not None:
        request["criteria_set"] = criteria_set
    return request


PKD = "polycystic kidney disease"
SIADH = "syndrome of inappropriate antidiuretic hormone secretion"
TABLE = [
    ("I.A met", _request([PKD]), "approved"),
    ("I.A met, set not named", _request([PKD], None), "approved"),
    ("refused diagnosis beside it, I.A named", _request([PKD, "SIADH"]), "denied"),
    ("refused diagnosis in full, I.A named", _request([PKD, SIADH]), "denied"),
    ("refused diagnosis, set not named", _request([PKD, "SIADH"], None), "denied"),
    ("age 17, I.A named", _request([PKD], age=17), "denied"),
    ("a set of another reading", _request([PKD], "I.B"), "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), TABLE, ids=[t[0] for t in TABLE])
def test_a_named_set_keeps_the_guards(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, DAY, request_)
    assert decision["outcome"] == outcome, decision
    if name == "a set of another reading":
        assert decision["unknown_criteria_set"] == "I.B" and decision["failed"] == {}
