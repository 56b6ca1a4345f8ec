"""An *Other diagnoses/indications* set whose referrals stand inside a wrapper (*1. Member meets one of the
following (a or b): a. If this drug has recently undergone a label change … b. If the requested use … is NOT
specifically listed …*) and a set with a prior therapy's *high-dose* in a group (tests/decisions/readings/
wrapped-referrals.txt, in the form of a Centene pharmacy policy): decided from the text, through the generated
module and the interpreter.

The wrapped referrals are read as the top-level ones are (rules.md): an unlisted diagnosis is referred; a request
whose use I.A lists whole (asthma, age, dose computed true) and which fails another listed criterion (eosinophils,
a drug alongside) is denied by it, not held by the referral; a use outside the list (age 17, a dose over) stays
the reviewer's. *Medium- to high-dose inhaled corticosteroid* is a therapy tried, not the requested dose.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "wrapped-referrals.txt"
VERSION = dt.date(2026, 2, 1)
NO_LABEL_CHANGE = {"I.B.1.a": False}


def _request(
    diagnosis: str = "asthma", age: int = 45, eos: int = 350, amount: int = 100, concurrent: tuple[str, ...] = ()
) -> dict[str, Any]:
    return {
        "date": "2026-06-01",
        "request": "initial",
        "drug": "Asthrelo",
        "member": {"age": age, "line_of_business": "Commercial"},
        "diagnoses": [diagnosis],
        "dose": {"amount": amount, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"},
        "concurrent": list(concurrent),
        "measures": {"blood eosinophil count (cells/mcl)": eos},
        "attestations": {"I.A.3": True, "I.A.4.a": True, "I.A.4.b": True, **NO_LABEL_CHANGE},
    }


@pytest.mark.parametrize(
    ("request_", "outcome", "failed"),
    [
        (_request(), "approved", None),
        (_request(eos=299), "denied", "I.A.3"),  # listed use, a listed criterion failed
        (_request(concurrent=("Nucala",)), "denied", "I.A.5"),
        (_request(diagnosis="chronic spontaneous urticaria"), "referred", None),  # not listed: the off-label policy
        (_request(age=17), "needs-review", None),  # an age the list does not have: the referral is the reviewer's
        (_request(amount=200), "needs-review", None),  # a dosing regimen over the list's
    ],
)
def test_wrapped_referrals(request_: dict[str, Any], outcome: str, failed: str | None) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == outcome
    if failed is not None:
        assert decision["failed"]["I.A"] == failed
