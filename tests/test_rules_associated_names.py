"""A disease whose name holds *associated* (*antineutrophil cytoplasmic autoantibody associated vasculitis*, *tumor
necrosis factor receptor associated periodic syndrome*) is one diagnosis, never the name cut before the word: a
request naming it, or its abbreviation, is the criterion's, where the name cut short refused it.  *associated with*
still qualifies a diagnosis (*chorea associated with Huntington's disease*: the words after it are the reviewer's).
The policy (a plan's pharmacy criteria, ``decisions/readings/associated-names.txt``) was written for this table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "associated-names.txt"
DAY = dt.date(2026, 3, 1)
DIAGNOSIS = "Background.Initial-Approval-Criteria.c1.1"


def _request(diagnoses: list[str], age: int = 50) -> dict[str, Any]:
    return {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Tavneos",
        "member": {"age": age},
        "diagnoses": diagnoses,
        "prescriber": {"specialty": "nephrology"},
    }


CASES = [
    ("the name as written", ["antineutrophil cytoplasmic autoantibody associated vasculitis"], 50, "approved"),
    ("its abbreviation", ["ANCA-associated vasculitis"], 50, "approved"),
    ("its abbreviation, under age", ["ANCA-associated vasculitis"], 17, "denied"),
    ("another vasculitis", ["giant cell arteritis"], 50, "denied"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "diagnoses", "age", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_a_name_with_associated_is_one_diagnosis(name: str, diagnoses: list[str], age: int, outcome: str) -> None:
    decision = decide_file(POLICY, DAY, _request(diagnoses, age))
    assert decision["outcome"] == outcome
    if outcome == "denied" and age >= 18:
        assert decision["failed"] == {DIAGNOSIS.rsplit(".", 1)[0]: DIAGNOSIS}
