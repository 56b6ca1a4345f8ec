"""A label change's referral, and a *requested use* not listed, are not for a use a set lists whole.

Written from two policies of our own (``tests/fixtures/decisions_listed_use/``), each with a set for
*Other diagnoses/indications* beside the sets that list the drug's uses.  Its referrals name what makes a use new
— *newly approved indication, age expansion, new dosing regimen*; *the requested use (e.g., diagnosis, age,
dosing regimen)* — so a request whose diagnosis, age and dose a set states and computes true is not theirs: what
else it fails (a step, a concurrent drug, a bone density) denies.  A request outside what a set states (an age
under the set's, a dose over it, a diagnosis the policy does not name beside one it does, no dose given) keeps the
referrals the reviewer's.  A group counts as its connective combines its items (a dose under *one of the following*
met by one line), and a continued set titled *All Indications in Section I* has the diagnoses and ages of section
I's sets, with its own dose criterion read as the implication it is (*If request is for a dose increase, …*).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

HERE = FIXTURES / "decisions_listed_use"
NORV, BELV = HERE / "norvumab.txt", HERE / "belvatide.txt"

PSO_DOSE = {"amount": 160, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}
PMO_DOSE = {"amount": 210, "unit": "mg", "route": "SC", "frequency": "once monthly"}


def _pso(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "member": {"age": 40, "line_of_business": "Commercial"},
        "diagnoses": ["plaque psoriasis"],
        "prescriber": {"specialty": "dermatology"},
        "therapies": {"methotrexate": "contraindicated"},
        "concurrent": [],
        "dose": PSO_DOSE,
    }
    return base | extra


def _pmo(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "member": {"age": 68, "line_of_business": "Medicaid"},
        "diagnoses": ["postmenopausal osteoporosis"],
        "measures": {"bone mineral density t-score": -2.8},
        "concurrent": [],
        "dose": PMO_DOSE,
    }
    return base | extra


REFERRALS = ["attestations.I.C.1", "attestations.I.C.2"]

CASES: list[tuple[str, Any, dict[str, Any], str, list[str] | None]] = [
    ("PsO met whole: approved by its set", NORV, _pso(), "approved", None),
    (
        "PsO, methotrexate not tried: the use is listed, the step denies",
        NORV,
        _pso(therapies={"methotrexate": "not-tried"}),
        "denied",
        None,
    ),
    ("PsO with adalimumab alongside: denied", NORV, _pso(concurrent=["adalimumab"]), "denied", None),
    (
        "PsO at 17: an age the set does not list is a requested use the referrals may take",
        NORV,
        _pso(member={"age": 17, "line_of_business": "Commercial"}),
        "needs-review",
        REFERRALS,
    ),
    (
        "PsO at 200 mg: a dosing regimen over the set's is the referrals' too",
        NORV,
        _pso(dose=PSO_DOSE | {"amount": 200}),
        "needs-review",
        REFERRALS,
    ),
    (
        "PsO without a dose: the use is not known to be listed",
        NORV,
        _pso(therapies={"methotrexate": "not-tried"}, dose=None),
        "needs-review",
        None,
    ),
    (
        "PsO and a diagnosis the policy does not name: that one may be the label's new indication",
        NORV,
        _pso(therapies={"methotrexate": "not-tried"}, diagnoses=["plaque psoriasis", "atopic dermatitis"]),
        "needs-review",
        None,
    ),
    (
        "PsA by a dermatologist: its dose a one-of group met by its first line, the use is listed, the prescriber "
        "denies",
        NORV,
        _pso(diagnoses=["psoriatic arthritis"]),
        "denied",
        None,
    ),
    (
        "PsA at 400 mg IV: over both lines of its one-of dose group, the referrals' (a dosing regimen not listed)",
        NORV,
        _pso(
            diagnoses=["psoriatic arthritis"],
            prescriber={"specialty": "rheumatology"},
            dose=PSO_DOSE | {"amount": 400, "route": "IV", "frequency": "every 8 weeks"},
        ),
        "needs-review",
        REFERRALS,
    ),
    (
        "continued, not responding: All Indications in Section I lists plaque psoriasis at 40, no dose increase — "
        "the use is listed, the response denies",
        NORV,
        {
            "date": "2026-04-01",
            "request": "continued",
            "member": {"age": 40, "line_of_business": "Commercial"},
            "diagnoses": ["plaque psoriasis"],
            "dose_increase": False,
            "attestations": {"II.A.1": True, "II.A.2": False},
        },
        "denied",
        None,
    ),
    (
        "continued, not responding, a dose increase over II.A.3's: a dosing regimen not listed, the referrals'",
        NORV,
        {
            "date": "2026-04-01",
            "request": "continued",
            "member": {"age": 40, "line_of_business": "Commercial"},
            "diagnoses": ["plaque psoriasis"],
            "dose_increase": True,
            "dose": PSO_DOSE | {"amount": 200},
            "attestations": {"II.A.1": True, "II.A.2": False},
        },
        "needs-review",
        ["attestations.II.B.1", "attestations.II.B.2"],
    ),
    (
        "continued, not responding, a diagnosis the policy does not name: the referrals'",
        NORV,
        {
            "date": "2026-04-01",
            "request": "continued",
            "member": {"age": 40, "line_of_business": "Commercial"},
            "diagnoses": ["atopic dermatitis"],
            "dose_increase": False,
            "attestations": {"II.A.1": True, "II.A.2": False},
        },
        "referred",
        None,
    ),
    (
        "continued, not responding, no dose_increase given: the use is not known to be listed",
        NORV,
        {
            "date": "2026-04-01",
            "request": "continued",
            "member": {"age": 40, "line_of_business": "Commercial"},
            "diagnoses": ["plaque psoriasis"],
            "attestations": {"II.A.1": True, "II.A.2": False},
        },
        "needs-review",
        None,
    ),
    ("PMO met whole: approved", BELV, _pmo(), "approved", None),
    (
        "PMO, T-score -2.4: the use is listed, the bone density denies",
        BELV,
        _pmo(measures={"bone mineral density t-score": -2.4}),
        "denied",
        None,
    ),
    ("PMO with denosumab alongside: denied", BELV, _pmo(concurrent=["denosumab"]), "denied", None),
    (
        "PMO at 49: the requested use's age is not listed",
        BELV,
        _pmo(member={"age": 49, "line_of_business": "Medicaid"}),
        "needs-review",
        ["attestations.I.B.1"],
    ),
    (
        "PMO at 211 mg: over the listed dosing regimen",
        BELV,
        _pmo(dose=PMO_DOSE | {"amount": 211}),
        "needs-review",
        ["attestations.I.B.1"],
    ),
]


@pytest.mark.parametrize(("name", "path", "request_", "outcome", "missing"), CASES, ids=[c[0] for c in CASES])
def test_listed_use(name: str, path: Any, request_: dict[str, Any], outcome: str, missing: list[str] | None) -> None:
    request_ = {k: v for k, v in request_.items() if v is not None}
    decision = decide_file(path, dt.date(2026, 3, 1), request_)
    assert decision["outcome"] == outcome, decision
    if missing is not None:
        assert decision["missing"] == missing
