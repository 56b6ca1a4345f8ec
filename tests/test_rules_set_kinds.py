"""A set's own heading names the request it answers, whatever the heading above it says.

Written from ``decisions_set_kinds/ranolazine.txt`` (a generic pharmacy PA page of our own, as health plans publish
them): its ``Renewal Criteria — ALL of the following`` list is printed under the ``Initial Authorization
Criteria`` heading, with no heading of its own.  It answers continued requests, never initial ones; the
``Chronic angina`` list above it answers initial requests.  A continued request that meets the renewal list is
never denied for failing the initial one; one outside it (a dose over 1000 mg) is denied; an initial request is not
decided by the renewal list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

POLICY = FIXTURES / "decisions_set_kinds" / "ranolazine.txt"
S = "Background.Initial-Authorization-Criteria."


def _req(kind: str, amount: float = 1000, specialty: str = "cardiology", **attested: bool) -> dict[str, Any]:
    return {
        "date": "2026-04-01",
        "request": kind,
        "member": {"age": 60, "line_of_business": "Medicaid"},
        "diagnoses": ["chronic angina"],
        "prescriber": {"specialty": specialty},
        "dose": {"amount": amount, "unit": "mg", "route": "PO", "frequency": "twice daily"},
        "attestations": {S + k: v for k, v in attested.items()},
    }


CASES: list[Any] = [
    ("continued, renewal list met (no cardiologist: initial-only): not denied",
     _req("continued", specialty="family medicine", **{"c2.2": True, "c2.statement": True}),
     {"approved", "needs-review"}),
    ("continued, renewal dose 1001 mg: denied", _req("continued", 1001, **{"c2.2": True, "c2.statement": True}),
     {"denied"}),
    ("continued, benefit not attested: not approved", _req("continued", **{"c2.statement": True}),
     {"needs-review"}),
    ("continued, benefit attested false: denied", _req("continued", **{"c2.2": False, "c2.statement": True}),
     {"denied"}),
    ("initial, no cardiologist: the renewal list does not approve it", _req(
        "initial", specialty="family medicine", **{"c2.2": True, "c2.statement": True}), {"denied"}),
]  # fmt: skip


@pytest.mark.parametrize(("why", "request_", "outcomes"), CASES, ids=[c[0] for c in CASES])
def test_set_kind_from_own_heading(why: str, request_: dict[str, Any], outcomes: set[str]) -> None:
    decision = decide_file(POLICY, dt.date(2026, 1, 15), request_)
    assert decision["outcome"] in outcomes, (why, decision)


# ``sildenafil_bands.txt``: *Adults (18 years of age and older) — ALL of the following* and *Pediatrics (6 months
# to 17 years of age) — ALL of the following*: the band of each heading is a condition of its list (17 years of age
# holds until the 18th birthday); outside both bands no list approves, and the request is denied.
BANDS = FIXTURES / "decisions_set_kinds" / "sildenafil_bands.txt"


def _band(age: float | None, specialty: str) -> dict[str, Any]:
    member: dict[str, Any] = {"line_of_business": "Medicaid"}
    if age is not None:
        member["age"] = age
    return {
        "date": "2026-04-01",
        "request": "initial",
        "member": member,
        "diagnoses": ["pulmonary arterial hypertension"],
        "prescriber": {"specialty": specialty},
        "dose": {"amount": 20, "unit": "mg", "route": "PO", "frequency": "three times daily"},
    }


BAND_CASES: list[Any] = [
    ("17 years, the adults' list otherwise met: under its band, and no pediatric pulmonologist: denied",
     _band(17, "pulmonology"), {"denied"}),
    ("17.9 years, the pediatric list met: in its band, not denied", _band(17.9, "pediatric pulmonology"),
     {"approved", "needs-review"}),
    ("18 years, the adults' list met: in its band, not denied", _band(18, "pulmonology"), {"approved", "needs-review"}),
    ("5 months (0.4 years), the pediatric list otherwise met: under its band, denied",
     _band(0.4, "pediatric pulmonology"), {"denied"}),
    ("age not given: never denied, never approved", _band(None, "pediatric pulmonology"), {"needs-review"}),
]  # fmt: skip


@pytest.mark.parametrize(("why", "request_", "outcomes"), BAND_CASES, ids=[c[0] for c in BAND_CASES])
def test_age_band_of_a_group_heading(why: str, request_: dict[str, Any], outcomes: set[str]) -> None:
    decision = decide_file(BANDS, dt.date(2026, 1, 10), request_)
    assert decision["outcome"] in outcomes, (why, decision)


# ``apremilast.txt``: *Continuation requests … may be approved if the following criterion is met:* over one
# criterion is the continued requests' set (its criterion must hold), never dropped for stating no connective: a
# continued request is decided by it, not denied for failing the initial set.
ONE = FIXTURES / "decisions_set_kinds" / "apremilast.txt"
C = "Clinical-Criteria."


def _one(kind: str, **attested: bool) -> dict[str, Any]:
    return {
        "date": "2026-05-01",
        "request": kind,
        "member": {"age": 40, "line_of_business": "Medicaid"},
        "diagnoses": ["plaque psoriasis"],
        "dose": {"amount": 30, "unit": "mg", "route": "PO", "frequency": "twice daily"},
        "attestations": {C + k: v for k, v in attested.items()},
    }


ONE_CASES: list[Any] = [
    ("continued, improvement attested: approved by the one-criterion set",
     _one("continued", **{"c2.statement": True, "c2.I": True}), {"approved"}),
    ("continued, improvement not answered: the reviewer's, never denied", _one("continued", **{"c2.statement": True}),
     {"needs-review"}),
    ("continued, no improvement: denied", _one("continued", **{"c2.statement": True, "c2.I": False}), {"denied"}),
]  # fmt: skip


@pytest.mark.parametrize(("why", "request_", "outcomes"), ONE_CASES, ids=[c[0] for c in ONE_CASES])
def test_one_criterion_set(why: str, request_: dict[str, Any], outcomes: set[str]) -> None:
    decision = decide_file(ONE, dt.date(2026, 2, 10), request_)
    assert decision["outcome"] in outcomes, (why, decision)
