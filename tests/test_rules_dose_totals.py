"""A dose limit that is a total per day, week or number of days, when the request gives no frequency.

One administration falls within some day (week, 28 days), so an amount over the period's total exceeds it
whatever the schedule: *Dose does not exceed 300 mg per day* refuses 310 mg with no frequency given; within the
total, how often it is given is still needed (``dose.frequency``) or attested.  Attested true against an amount
over the total, the facts and the attestation disagree: ``needs-review`` with the conflict listed (the manual's
*Attestations*), never approved.  The policy (a plan's pharmacy criteria, ``decisions/limits/daily-total.txt``) was
written for this table.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples
from rules_support import DECISIONS, decide_file

from policyvc.rules import runtime as rt

POLICY = DECISIONS / "limits" / "daily-total.txt"
DAY = dt.date(2026, 3, 1)
LIMIT = "Overview.Initial-Authorization-Criteria.c1.4"  # 4. Dose does not exceed 300 mg per day.


def _request(dose: dict[str, Any], attested: bool | None) -> dict[str, Any]:
    return {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Ofev",
        "member": {"age": 60},
        "diagnoses": ["idiopathic pulmonary fibrosis"],
        "prescriber": {"specialty": "pulmonology"},
        "dose": dose,
        "attestations": {} if attested is None else {LIMIT: attested},
    }


OVER = {"amount": 310, "unit": "mg", "route": "PO"}
AT = {"amount": 300, "unit": "mg", "route": "PO"}
HALF = {"amount": 150, "unit": "mg", "route": "PO"}
CASES = [
    # (name, dose, attestation of criterion 4, outcome, conflict listed)
    ("one administration over the day's total", OVER, None, "denied", False),
    ("over, attested false", OVER, False, "denied", False),
    ("over, attested true: the facts disagree", OVER, True, "needs-review", True),
    ("one gram over, attested true", {"amount": 301, "unit": "mg"}, True, "needs-review", True),
    ("over in mcg", {"amount": 300001, "unit": "mcg", "route": "PO"}, None, "denied", False),
    ("the day's total in one, unattested", AT, None, "needs-review", False),  # (given twice it is over)
    ("the day's total in one, attested", AT, True, "approved", False),
    ("half the total, unattested", HALF, None, "needs-review", False),
    ("half the total, attested", HALF, True, "approved", False),
    ("twice daily within", {**HALF, "frequency": "twice daily"}, None, "approved", False),
    ("twice daily over", {**HALF, "amount": 160, "frequency": "twice daily"}, True, "needs-review", True),
    ("twice daily over, unattested", {**HALF, "amount": 160, "frequency": "twice daily"}, None, "denied", False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "dose", "attested", "outcome", "conflict"), CASES, ids=[c[0] for c in CASES])
def test_a_total_per_day_without_the_frequency(
    name: str, dose: dict[str, Any], attested: bool | None, outcome: str, conflict: bool
) -> None:
    decision = decide_file(POLICY, DAY, _request(dose, attested))
    assert decision["outcome"] == outcome
    listed = [c["criterion"] for c in decision.get("conflicts") or []]
    assert listed == ([LIMIT] if conflict else [])
    if outcome == "needs-review" and not conflict:
        assert "dose.frequency" in decision["missing"]


@given(
    st.integers(1, 10_000),
    st.integers(1, 5_000),
    st.sampled_from(["day", "week", "28 days", "3 weeks", "month"]),
    st.sampled_from(["mg", "mcg"]),
)
@settings(max_examples=examples(200))
def test_one_administration_over_a_period_total_is_over_it(limit: int, extra: int, period: str, unit: str) -> None:
    """Whatever the period and with no frequency given: over the total is False, within it is unknown."""
    scale = 1000 if unit == "mg" else 1
    over = rt.Facts({"date": "2026-04-01", "dose": {"amount": limit + extra, "unit": unit}}, {})
    within = rt.Facts({"date": "2026-04-01", "dose": {"amount": limit, "unit": unit}}, {})
    amount = Decimal(limit * scale)
    assert rt.dose(over, amount, "", (), None, period, None, None, None) == (False, ())
    assert rt.dose(within, amount, "", (), None, period, None, None, None) == (None, ("dose.frequency",))
