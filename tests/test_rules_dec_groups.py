"""Decisions a Centene pharmacy policy's text makes that an *Other diagnoses/indications* referral must not hold for
review — a table written from ``tests/decisions/readings/banded-biologic.txt``:

- its dose is *one of the following* lines by age band (*Age 6 to 11 years: 40 mg SC every 4 weeks*, *Age ≥ 12
  years: 100 mg …*): a request within its band's line is a use the set lists, so what else it fails (a count of
  exacerbations, a drug alongside, a step) denies; over its band's line, or a child under 6, is a dosing regimen
  or age the set does not list — the referrals' (nested in *Member meets one of the following (a or b)*), never a
  denial;
- *For Medicaid requests, failure of Fasenra® …* is required of Medicaid requests only;
- *Quorvex ODT is not prescribed concurrently with Xolair® or Nucala®* (a name of two words) is read from
  ``concurrent``;
- *Member experiences ≥ 2 exacerbations per year* is the measure ``exacerbations per year``;
- the continued set *All Indications in Section I* is for section I's diagnosis and ages: a member not responding,
  no dose increase, is denied.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "banded-biologic.txt"
VERSION = dt.date(2026, 3, 1)
# (a commercial request: both policies of the label change's group (i or ii) are CP.CPA.190 for commercial — the
# reviewer is asked whether the label change applies, not which item)
REFERRALS = ["attestations.I.B.1.a", "attestations.I.B.1.b"]


def _initial(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Quorvex ODT",
        "member": {"age": 30, "line_of_business": "Commercial"},
        "diagnoses": ["severe asthma"],
        "measures": {"exacerbations per year": 2},
        "concurrent": [],
        "dose": {"amount": 100, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"},
    }
    return base | extra


CHILD = {"age": 11, "line_of_business": "Commercial"}


def _dose(amount: int) -> dict[str, Any]:
    return {"amount": amount, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}


CASES: list[tuple[str, dict[str, Any], str, str | None, list[str] | None]] = [
    ("commercial, every criterion met: approved", _initial(), "approved", None, None),
    ("age 11 at 40 mg: its band's line", _initial(member=CHILD, dose=_dose(40)), "approved", None, None),
    ("one exacerbation a year: the use is listed, the count denies", _initial(measures={"exacerbations per year": 1}),
     "denied", "I.A.3", None),
    ("Nucala alongside: denied", _initial(concurrent=["Nucala"]), "denied", "I.A.5", None),
    ("another drug alongside: not one the text names", _initial(concurrent=["albuterol"]), "approved", None, None),
    ("Medicaid, Fasenra not tried: denied",
     _initial(member={"age": 30, "line_of_business": "Medicaid"}, therapies={"Fasenra": "not-tried"}),
     "denied", "I.A.4", None),
    ("Medicaid, Fasenra contraindicated: approved",
     _initial(member={"age": 30, "line_of_business": "Medicaid"}, therapies={"Fasenra": "contraindicated"}),
     "approved", None, None),
    ("Medicaid, Fasenra not stated: the step is the reviewer's",
     _initial(member={"age": 30, "line_of_business": "Medicaid"}), "needs-review", None, None),
    ("no line of business: the Medicaid step may apply", _initial(member={"age": 30}), "needs-review", None, None),
    ("age 11 at 100 mg: over its band's line, a dosing regimen not listed — the referrals'",
     _initial(member=CHILD, dose=_dose(100)), "needs-review", None, REFERRALS),
    ("age 30 at 101 mg: over its band's line — the referrals'", _initial(dose=_dose(101)), "needs-review", None,
     REFERRALS),
    ("age 5: an age the set does not list — the referrals'", _initial(member=CHILD | {"age": 5}, dose=_dose(40)),
     "needs-review", None, REFERRALS),
    ("status asthmaticus: refused", _initial(diagnoses=["status asthmaticus"]), "denied", None, None),
    ("a diagnosis the policy names nowhere: referred", _initial(diagnoses=["chronic urticaria"]), "referred", None,
     None),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome", "failed", "missing"), CASES, ids=[c[0] for c in CASES])
def test_initial(
    name: str, request_: dict[str, Any], outcome: str, failed: str | None, missing: list[str] | None
) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == outcome, decision
    if failed is not None:
        assert decision["failed"]["I.A"] == failed
    if missing is not None:
        assert decision["missing"] == missing


def _continued(responding: bool, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "continued",
        "drug": "Quorvex ODT",
        "member": {"age": 30, "line_of_business": "HIM"},
        "diagnoses": ["severe asthma"],
        "concurrent": [],
        "dose_increase": False,
        "attestations": {"II.A.1": True, "II.A.2": responding},
    }
    return base | extra


@pytest.mark.parametrize(
    ("name", "request_", "outcome"),
    [
        ("responding, no dose increase: approved", _continued(True), "approved"),
        ("not responding: All Indications in Section I lists the use — denied", _continued(False), "denied"),
        ("not responding, age 5: an age section I does not list — the referrals'",
         _continued(False, member={"age": 5, "line_of_business": "HIM"}), "needs-review"),
        ("not responding, an increase to 120 mg: over the lines — the referrals'",
         _continued(False, dose_increase=True, dose=_dose(120)), "needs-review"),
        ("not responding, an increase within its line: denied",
         _continued(False, dose_increase=True, dose=_dose(100)), "denied"),
        ("not responding, dose_increase not given: not known to be listed",
         {k: v for k, v in _continued(False).items() if k != "dose_increase"}, "needs-review"),
    ],
)  # fmt: skip
def test_continued(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == outcome, decision
    if outcome == "denied":
        assert decision["failed"]["II.A"] == "II.A.2"


SESSIONS = DECISIONS / "readings" / "session-count.txt"


@pytest.mark.parametrize(
    ("quantity", "outcome"),
    [(36, "approved"), (37, "denied"), (None, "needs-review")],
)
def test_number_requested(quantity: int | None, outcome: str) -> None:
    """*The number of sessions requested does not exceed 36 sessions*: ``dose.quantity`` ≤ 36."""
    request: dict[str, Any] = {
        "date": "2026-11-20",
        "member": {"age": 40},
        "attestations": {"Policy-Statement.c1.statement": True},
    }
    if quantity is not None:
        request["dose"] = {"quantity": quantity}
    decision = decide_file(SESSIONS, dt.date(2026, 11, 1), request)
    assert decision["outcome"] == outcome, decision
    if outcome == "denied":
        assert decision["failed"]["Policy-Statement.c1"] == "Policy-Statement.c1.2"
