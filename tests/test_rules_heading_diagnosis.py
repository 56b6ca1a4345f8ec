"""A continued set with no diagnosis criterion of its own is for the indication its heading names — only where
the text makes that certain.

Written from two policies of our own (``tests/fixtures/decisions_headings/``): ``II. Continued Therapy`` sets
that state a response and a dose but no diagnosis.  Their heading is read as a diagnosis only when it is exactly
the diagnosis an initial set of the same heading requires (``1. Diagnosis of ulcerative colitis (UC);``); a
heading whose initial diagnosis carries qualifiers (``confirmed by a dermatologist``) or that no initial set has
(``Chronic Rhinosinusitis with Nasal Polyps``) stays a set a reviewer weighs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

HERE = FIXTURES / "decisions_headings"
VELO, TRAL = HERE / "velozumab.txt", HERE / "tralimab.txt"


def _request(diagnoses: list[str], attestations: dict[str, bool], **extra: Any) -> dict[str, Any]:
    return {
        "date": "2026-04-01",
        "request": "continued",
        "member": {"age": 40, "line_of_business": "Commercial"},
        "diagnoses": diagnoses,
        "attestations": attestations,
        **extra,
    }


OVER = {"dose_increase": True, "dose": {"amount": 350, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}}
UC_OVER = {"dose_increase": True, "dose": {"amount": 250, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}}

CASES: list[tuple[str, Any, dict[str, Any], str, str | None, list[str] | None]] = [
    (
        "UC responding: its own set approves",
        VELO,
        _request(["ulcerative colitis"], {"II.A.1": True}, dose_increase=False),
        "approved",
        "II.A",
        None,
    ),
    (
        "HS over its dose increase: the UC set's heading is not the member's diagnosis",
        VELO,
        _request(["hidradenitis suppurativa"], {"II.B.1": True, "II.A.1": True}, **OVER),
        "denied",
        None,
        None,
    ),
    (
        "UC over its dose: the HS heading's initial diagnosis has qualifiers, so that set stays held",
        VELO,
        _request(["ulcerative colitis"], {"II.A.1": True}, **UC_OVER),
        "needs-review",
        None,
        ["attestations.II.B.1"],
    ),
    (
        "a narrower UC the policy does not name: the initial diagnosis criterion's attestation is asked",
        VELO,
        _request(["acute severe ulcerative colitis"], {"II.A.1": True}, dose_increase=False),
        "needs-review",
        None,
        ["attestations.I.A.1", "attestations.II.B.1"],
    ),
    (
        "the same, attested by the reviewer",
        VELO,
        _request(["acute severe ulcerative colitis"], {"II.A.1": True, "I.A.1": True}, dose_increase=False),
        "approved",
        "II.A",
        None,
    ),
    (
        "renewal for atopic dermatitis",
        TRAL,
        _request(["atopic dermatitis"], {"II.A.1": True, "II.A.2": True}),
        "approved",
        "II.A",
        None,
    ),
    (
        "EoE on the atopic dermatitis renewal set: not approved by it; the unmatched heading is held",
        TRAL,
        _request(["eosinophilic esophagitis"], {"II.A.1": True, "II.A.2": True}),
        "needs-review",
        None,
        ["attestations.II.B.1", "attestations.II.B.2"],
    ),
    (
        "without diagnoses the set's own criteria decide",
        TRAL,
        _request([], {"II.A.1": True, "II.A.2": True}) | {"diagnoses": None},
        "approved",
        "II.A",
        None,
    ),
]


@pytest.mark.parametrize(("name", "path", "request_", "outcome", "chosen", "missing"), CASES, ids=[c[0] for c in CASES])
def test_heading_diagnosis(
    name: str, path: Any, request_: dict[str, Any], outcome: str, chosen: str | None, missing: list[str] | None
) -> None:
    request_ = {k: v for k, v in request_.items() if v is not None}
    decision = decide_file(path, dt.date(2026, 3, 1), request_)
    assert decision["outcome"] == outcome, decision
    assert decision["set"] == chosen
    if missing is not None:
        assert decision["missing"] == missing
