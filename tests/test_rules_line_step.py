"""A step required of one line of business (tests/decisions/readings/medicaid-step.txt, in the form of a Centene
pharmacy policy): *For Medicaid requests, failure of Repatha®, unless contraindicated or clinically significant
adverse effects are experienced* — decided from the text, through the generated module and the interpreter.

The line of business is the condition: a Commercial or HIM request is not held to the step; a Medicaid one is, as
a step is read (Repatha not tried: denied; failed, contraindicated or not tolerated: met); without a line of
business the criterion is unknown (never approved).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "medicaid-step.txt"
VERSION = dt.date(2026, 8, 1)


def _request(line: str | None, repatha: str | None) -> dict[str, Any]:
    member: dict[str, Any] = {"age": 60}
    if line is not None:
        member["line_of_business"] = line
    request: dict[str, Any] = {
        "date": "2026-10-01",
        "request": "initial",
        "drug": "Lipidex",
        "member": member,
        "diagnoses": ["ASCVD"],
        "dose": {"amount": 150, "unit": "mg", "route": "SC", "frequency": "every 2 weeks"},
    }
    if repatha is not None:
        request["therapies"] = {"Repatha": repatha}
    return request


@pytest.mark.parametrize(
    ("line", "repatha", "outcome"),
    [
        ("Commercial", None, "approved"),  # not a Medicaid request: the step is not its
        ("HIM", "not-tried", "approved"),
        ("Medicaid", "not-tried", "denied"),
        ("Medicaid", "failed", "approved"),
        ("Medicaid", "contraindicated", "approved"),
        ("Medicaid", "adverse-effects", "approved"),
        ("Medicaid", None, "needs-review"),  # whether Repatha was tried: the request's to say
        (None, "not-tried", "needs-review"),  # the line of business not given
    ],
)
def test_medicaid_step(line: str | None, repatha: str | None, outcome: str) -> None:
    decision = decide_file(POLICY, VERSION, _request(line, repatha))
    assert decision["outcome"] == outcome
    if outcome == "denied":
        assert decision["failed"]["I.A"] == "I.A.3"
