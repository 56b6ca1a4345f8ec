"""A dose line whose age band starts in months and ends in years — a decision table written from
``tests/decisions/readings/months-to-years-band.txt`` (*Age 9 months to 11 years: 1.5 mg/kg SC every 2 weeks
(maximum 60 mg per dose)*; *Age ≥ 12 years: 1 mg/kg SC every 4 weeks (maximum 80 mg per dose)*):

- the band holds from the member's 9th month through the last day of age 11; a child's dose within its line and
  under the cap is approved; over the mg/kg, or over the cap in mg, it is a dosing regimen the set does not list
  (the referrals', never approved);
- a member whose age in months is not known (an age of 0 years, no birth date) is not known to be in either band:
  a doubt, never an approval.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "months-to-years-band.txt"
VERSION = dt.date(2026, 3, 1)


def _request(
    member: dict[str, Any], amount: float, unit: str = "mg/kg", frequency: str = "every 2 weeks"
) -> dict[str, Any]:
    return {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Talvira",
        "member": {"line_of_business": "Commercial"} | member,
        "diagnoses": ["X-linked hypophosphatemia"],
        "dose": {"amount": amount, "unit": unit, "route": "SC", "frequency": frequency},
    }


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("age 7, 20 kg, 1.5 mg/kg every 2 weeks: the child's line", _request({"age": 7, "weight_kg": 20}, 1.5),
     "approved"),
    ("9 months old by birth date, 8 kg, 1 mg/kg", _request({"birth_date": "2025-07-01", "weight_kg": 8}, 1),
     "approved"),
    ("8 months old by birth date: under the set's age", _request({"birth_date": "2025-07-02", "weight_kg": 8}, 1),
     "needs-review"),
    ("age 11, 30 kg, 1.6 mg/kg: over the child's line", _request({"age": 11, "weight_kg": 30}, 1.6), "needs-review"),
    ("age 11, 45 kg, 65 mg (1.44 mg/kg): over the 60 mg cap", _request({"age": 11, "weight_kg": 45}, 65, "mg"),
     "needs-review"),
    ("age 11, 40 kg, 60 mg: at the cap, within 1.5 mg/kg", _request({"age": 11, "weight_kg": 40}, 60, "mg"),
     "approved"),
    ("age 12, 30 kg, 1.5 mg/kg every 2 weeks: the adult line, not the child's",
     _request({"age": 12, "weight_kg": 30}, 1.5), "needs-review"),
    ("age 0, no birth date: months not known", _request({"age": 0, "weight_kg": 8}, 1), "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_months_to_years_band(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == outcome, decision
