"""A Medicare Part D prior-authorization grid (tests/decisions/readings/part-d-grid.txt, written for this table in the
shape of a plan's published Part D criteria page: *Exclusion Criteria*, *Required Medical Information*, *Age
Restrictions*, *Prescriber Restrictions*, *Coverage Duration*, *Other Criteria*): the sets of *Required Medical
Information* approve, and the grid's restrictions are criteria of every one of them — the age, the prescriber, the
exclusions (the member has none of them: one a request names refuses), *Not covered in combination with …* a
concurrent-use criterion.

Decision table from the text (never from the engine), with one-step-outside probes that must not approve.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "part-d-grid.txt"
INITIAL = "Required-Medical-Information.c1"
CONTINUED = "Required-Medical-Information.c2"
HD = "chorea associated with Huntington's disease"


def _request(**over: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-02-01",
        "request": "initial",
        "drug": "tetrabenazine",
        "member": {"age": 50},
        "diagnoses": [HD],
        "prescriber": {"specialty": "neurology"},
        "measures": {"phq-9 score": 8},
        "concurrent": [],
        "dose": {"amount": 25, "unit": "mg", "route": "PO", "frequency": "daily", "quantity": 30, "days_supply": 30},
        "attestations": {f"{INITIAL}.statement": True},
    }
    for key, value in over.items():
        if value is None:
            request.pop(key, None)
        else:
            request[key] = value
    return request


@pytest.mark.parametrize(
    ("over", "outcome"),
    [
        ({}, "approved"),  # Initial 1-2, age, prescriber, no exclusion, nothing in combination
        ({"member": {"age": 18}}, "approved"),  # Age Restrictions: the edge
        ({"member": {"age": 17}}, "denied"),  # Age Restrictions: Age ≥ 18 years
        ({"prescriber": {"specialty": "family medicine"}}, "denied"),  # Prescriber Restrictions
        ({"diagnoses": [HD, "hepatic impairment"]}, "denied"),  # Exclusion Criteria 1
        ({"measures": {"phq-9 score": 20}}, "denied"),  # Exclusion Criteria 2: PHQ-9 ≥ 20
        ({"concurrent": ["valbenazine"]}, "denied"),  # Other Criteria: with another VMAT2 inhibitor
        ({"dose": {"amount": 150, "unit": "mg", "route": "PO", "frequency": "daily"}}, "denied"),  # Initial 2
        # one step outside: what the request does not give is never approved
        ({"member": None}, "needs-review"),  # no age
        ({"prescriber": None}, "needs-review"),
        ({"measures": None}, "needs-review"),  # the depression exclusion unknown
        ({"concurrent": None}, "needs-review"),
        ({"concurrent": ["reserpine"]}, "needs-review"),  # not an example the grid names: the reviewer's
        ({"attestations": {}}, "needs-review"),  # the set's statement not attested
    ],
)
def test_part_d_grid(over: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, dt.date(2026, 1, 1), _request(**over))
    assert decision["outcome"] == outcome, decision


def test_restrictions_hold_for_continued_therapy() -> None:
    """The grid's age restriction is a criterion of the continuation set too."""
    said = {f"{CONTINUED}.statement": True, f"{CONTINUED}.2": True}
    assert (
        decide_file(POLICY, dt.date(2026, 1, 1), _request(request="continued", attestations=said))["outcome"]
        == "approved"
    )
    decision = decide_file(
        POLICY, dt.date(2026, 1, 1), _request(request="continued", attestations=said, member={"age": 16})
    )
    assert decision["outcome"] == "denied"
