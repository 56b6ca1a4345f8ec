"""Child dose bands by age and weight together (``b. Age 8 to 17 years and weight < 40 kg: 40 mg SC every 4
weeks;``) — a table written from ``tests/decisions/readings/banded-weight-biologic.txt``:

- a request inside a band meets that band's line (its age and its weight both read, each edge as written:
  *< 40 kg* excludes 40, *≥ 40 kg* includes it);
- a dose over every line the member's band allows is over the criterion (here, as for any dose over its line,
  the off-label referrals of section B keep the request the reviewer's — rules.md);
- an unknown weight leaves the child's bands unknown: ``needs-review`` naming ``member.weight_kg``, never an
  approval, never a denial.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "banded-weight-biologic.txt"
VERSION = dt.date(2026, 3, 1)
# (a commercial request: both policies of the label change's group (i or ii) are CP.CPA.190 for commercial — the
# reviewer is asked whether the label change applies, not which item)
REFERRALS = ["attestations.I.B.1.a", "attestations.I.B.1.b"]


def _initial(age: int, weight: float | None, amount: int) -> dict[str, Any]:
    member: dict[str, Any] = {"age": age, "line_of_business": "Commercial"}
    if weight is not None:
        member["weight_kg"] = weight
    return {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Quorvex ODT",
        "member": member,
        "diagnoses": ["severe asthma"],
        "measures": {"exacerbations per year": 2},
        "concurrent": [],
        "dose": {"amount": amount, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"},
    }


CASES: list[tuple[str, dict[str, Any], str, list[str] | None]] = [
    ("adult at 100 mg: line a", _initial(30, None, 100), "approved", None),
    ("age 12, 35 kg, 40 mg: line b", _initial(12, 35, 40), "approved", None),
    ("age 12, 45 kg, 100 mg: line c", _initial(12, 45, 100), "approved", None),
    ("age 17, 40 kg, 100 mg: line c's edge", _initial(17, 40, 100), "approved", None),
    ("age 18, 35 kg, 100 mg: line a (no weight band)", _initial(18, 35, 100), "approved", None),
    # over the member's band: over the criterion, kept by the referrals (a dosing regimen not listed)
    ("age 12, 35 kg, 41 mg: over line b", _initial(12, 35, 41), "needs-review", REFERRALS),
    ("age 17, 39.9 kg, 100 mg: under line c's weight", _initial(17, 39.9, 100), "needs-review", REFERRALS),
    # no weight: the child's band is unknown
    ("age 12, no weight, 40 mg", _initial(12, None, 40), "needs-review", ["member.weight_kg"]),
    ("age 12, no weight, 100 mg", _initial(12, None, 100), "needs-review", ["member.weight_kg"]),
]


@pytest.mark.parametrize(("name", "request_", "outcome", "missing"), CASES, ids=[c[0] for c in CASES])
def test_bands(name: str, request_: dict[str, Any], outcome: str, missing: list[str] | None) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == outcome
    for key in missing or ():
        assert key in decision["missing"]
