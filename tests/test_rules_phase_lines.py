"""Dose lines of a *one of the following* group that name their phase (``a. Loading: 320 mg SC once (2 pens);
b. Maintenance: 160 mg SC every 4 weeks``): the maintenance line is the regimen a request goes on with, checked as
a line with no condition; a loading or induction line is checked so only when it counts its doses (*once*, *for 3
doses*) — an induction regimen with no end (*Induction: 300 mg IV every 4 weeks*) stays the reviewer's.

Decision table written from ``fixtures/decisions_listed_use/norvumab.txt`` with its section I.B.4 (psoriatic
arthritis) rewritten as such lines: a request within the maintenance or the counted loading line is approved (the
use is listed whole: the referrals are not the request's), one over every line is the reviewer's (a dose over the
set's lines keeps the referrals open), as is one within an uncounted induction line only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file
from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

SOURCE = FIXTURES / "decisions_listed_use" / "norvumab.txt"
LINES = "a. 160 mg SC every 4 weeks;\nb. 300 mg IV every 8 weeks."
PHASES = {
    "loading": "a. Loading: 320 mg SC once (2 pens);\nb. Maintenance: 160 mg SC every 4 weeks.",
    "induction": "a. Induction: 300 mg IV every 4 weeks;\nb. Maintenance: 160 mg SC every 4 weeks.",
}
BASE: dict[str, Any] = {
    "date": "2026-04-01",
    "request": "initial",
    "drug": "Norvexa",
    "member": {"age": 40, "line_of_business": "Commercial"},
    "diagnoses": ["psoriatic arthritis"],
    "prescriber": {"specialty": "rheumatology"},
}
CASES = [
    ("loading", {"amount": 160, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}, "approved"),
    ("loading", {"amount": 320, "unit": "mg", "route": "SC", "frequency": "once", "quantity": 2}, "approved"),
    ("loading", {"amount": 320, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}, "needs-review"),
    ("loading", {"amount": 200, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}, "needs-review"),
    ("induction", {"amount": 160, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"}, "approved"),
    ("induction", {"amount": 300, "unit": "mg", "route": "IV", "frequency": "every 4 weeks"}, "needs-review"),
]  # fmt: skip


def _decide(tmp_path: Path, variant: str, dose: dict[str, Any]) -> dict[str, Any]:
    text = SOURCE.read_text(encoding="utf-8")
    assert LINES in text
    path = tmp_path / f"norvumab-{variant}.txt"
    path.write_text(text.replace(LINES, PHASES[variant]), encoding="utf-8")
    policy = parse_file(path)
    day = dt.date(2026, 3, 1)
    request = {**BASE, "dose": dose}
    decision: dict[str, Any] = load_module(render_module(policy, day, "0" * 64)).evaluate(request)
    assert decision == Interpreter(policy, day).evaluate(request)
    return decision


@pytest.mark.parametrize(("variant", "dose", "outcome"), CASES)
def test_phase_lines(tmp_path: Path, variant: str, dose: dict[str, Any], outcome: str) -> None:
    decision = _decide(tmp_path, variant, dose)
    assert decision["outcome"] == outcome, decision
    if outcome == "approved":
        assert decision["set"] == "I.B"
