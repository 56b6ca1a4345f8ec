"""A pharmacy policy's general bullets, the last ending ``…; AND``, over an indication's bullets under a heading of
its own (tests/decisions/readings/general-then-indication.txt, in the form of a medical-pharmacy policy): decided
from the text, through the generated module and the interpreter (:func:`rules_support.decide_file`).

The general list goes on into the indication's: a request must meet both. The general list approves nothing by
itself, and the indication's list never approves a request the general one refuses — a member of 17 is denied by
*Patient is at least 18 years of age* whatever is answered of the indication's criteria (a probe over every answer).
The indication's list has the general list's lead-in (*Coverage is provided in the following conditions:*) for its
statement.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "general-then-indication.txt"
VERSION = dt.date(2026, 2, 10)
G = "Initial-Approval-Criteria-1.c1"
IND = "Initial-Approval-Criteria-1.Active-Orbital-Myositis-1-3.c1"
ALL_MET = {f"{G}.2": True, f"{G}.3": True, f"{IND}.statement": True, f"{IND}.1": True, f"{IND}.2": True}


def _request(age: int, said: dict[str, bool], amount: int = 15) -> dict[str, Any]:
    return {
        "date": "2026-11-01",
        "request": "initial",
        "drug": "Orbelza",
        "member": {"age": age, "weight_kg": 70},
        "diagnoses": ["active orbital myositis"],
        "dose": {"amount": amount, "unit": "mg/kg", "route": "IV", "frequency": "every 3 weeks"},
        "attestations": said,
    }


@pytest.mark.parametrize(
    ("age", "said", "amount", "outcome", "failed"),
    [
        (40, ALL_MET, 15, "approved", None),
        (18, ALL_MET, 15, "approved", None),
        (17, ALL_MET, 15, "denied", (G, f"{G}.1")),  # at least 18 years of age: the general list's
        (40, {**ALL_MET, f"{G}.3": False}, 15, "denied", (G, f"{G}.3")),  # treated before
        (40, {k: v for k, v in ALL_MET.items() if k != f"{G}.2"}, 15, "needs-review", None),  # prescriber not said
        (40, ALL_MET, 16, "denied", (IND, f"{IND}.3")),  # over 15 mg/kg IV every 3 weeks
        (40, {f"{G}.2": True, f"{G}.3": True}, 15, "needs-review", None),  # the general list alone approves nothing
    ],
)
def test_both_lists(age: int, said: dict[str, bool], amount: int, outcome: str, failed: tuple[str, str] | None) -> None:
    decision = decide_file(POLICY, VERSION, _request(age, said, amount))
    assert decision["outcome"] == outcome
    if failed is not None:
        assert decision["failed"][failed[0]] == failed[1]


def test_under_age_never_approved_whatever_is_answered() -> None:
    keys = [f"{G}.2", f"{G}.3", f"{IND}.statement", f"{IND}.1", f"{IND}.2", f"{IND}.3"]
    for answers in itertools.product((True, False, None), repeat=len(keys)):
        said = {k: a for k, a in zip(keys, answers, strict=True) if a is not None}
        decision = decide_file(POLICY, VERSION, _request(17, said))
        assert decision["outcome"] == "denied", said
        assert decision["failed"][G] == f"{G}.1"
