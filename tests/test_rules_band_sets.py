"""A pharmacy prior-authorization page whose sets are named, not stated (tests/decisions/readings/band-sets.txt,
written for this table in the shape of a health plan's published PA criteria): *Adults (18 years of age and older) —
ALL of the following:* is a set whose band is its age criterion, *Reauthorization Criteria — ALL of the following:* a
set of continued therapy, each asked its statement as any coverage statement is; *Authorization will NOT be granted
for any of the following:* refuses the diagnoses it lists; measures in words are compared as written: a rate (*≤ 100
beats per minute*), a score on a named scale (*≥ 3 on a 10-point numeric rating scale (NRS)*), a response from
baseline (*an improvement in dizziness score of ≥ 30% from baseline*) — given, compared; not given, the reviewer's.

Decision table from the text (never from the engine), with one-step-outside probes that must not approve.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "band-sets.txt"
ADULTS = "Initial-Authorization-Criteria.c1"
REAUTH = "Initial-Authorization-Criteria.c3"
NOH = "neurogenic orthostatic hypotension"


def _request(**over: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Northera",
        "member": {"age": 60},
        "diagnoses": [NOH],
        "prescriber": {"specialty": "neurology"},
        "measures": {"resting heart rate (beats per minute)": 80, "dizziness score (nrs)": 5},
        "dose": {"amount": 200, "unit": "mg", "route": "PO", "frequency": "three times daily"},
        "attestations": {f"{ADULTS}.statement": True, f"{ADULTS}.limits": True},
    }
    for key, value in over.items():
        if value is None:
            request.pop(key, None)
        else:
            request[key] = value
    return request


CONTINUED: dict[str, Any] = {
    "request": "continued",
    "measures": {"improvement in dizziness score %": 30},
    "attestations": {f"{REAUTH}.statement": True, f"{REAUTH}.limits": True},
}


@pytest.mark.parametrize(
    ("over", "outcome"),
    [
        ({}, "approved"),  # Adults 1-5
        ({"member": {"age": 18}}, "approved"),  # the band's edge
        ({"member": {"age": 17}}, "denied"),  # Adults (18 years of age and older)
        ({"measures": {"resting heart rate (beats per minute)": 101, "dizziness score (nrs)": 5}}, "denied"),  # 2
        ({"measures": {"resting heart rate (beats per minute)": 80, "dizziness score (nrs)": 2}}, "denied"),  # 3
        ({"diagnoses": [NOH, "supine hypertension"]}, "denied"),  # NOT granted 1
        (CONTINUED, "approved"),  # Reauthorization 1-3: 30% at the edge
        ({**CONTINUED, "measures": {"improvement in dizziness score %": 29}}, "denied"),  # Reauthorization 2
        # one step outside: what the request does not give is never approved
        ({"member": None}, "needs-review"),  # no age: the band unknown
        ({"measures": {"dizziness score (nrs)": 5}}, "needs-review"),  # 2 not given
        ({**CONTINUED, "measures": None}, "needs-review"),  # the response not given
        ({"attestations": {f"{ADULTS}.limits": True}}, "needs-review"),  # the statement not attested
    ],
)
def test_band_sets(over: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, dt.date(2026, 3, 1), _request(**over))
    assert decision["outcome"] == outcome, decision
