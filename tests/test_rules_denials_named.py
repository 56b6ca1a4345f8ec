"""A denial always names the criterion that failed it: a decision with nothing failed is a reviewer's, never `denied`.

A version whose criteria sets were not read (a pharmacy policy the family's grammar could not read whole, read by its
outline) has no set to decide by: every request is `needs-review` with the reason, and an attestation of an id it
does not have is listed, never an approval and never a denial without a failing criterion.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED
from hypothesis import given, settings
from profiles import examples
from rules_support import interpreters, modules
from test_rules_differential import requests

from policyvc.parser import parse_text_report
from policyvc.rules.interpret import Interpreter


def _named(decision: dict[str, Any]) -> None:
    if decision["outcome"] == "denied":
        assert decision["failed"], decision
        assert all(isinstance(k, str) and k and isinstance(v, str) and v for k, v in decision["failed"].items())
    if decision["outcome"] == "needs-review":
        assert decision["missing"] or decision.get("reason"), decision


@settings(max_examples=examples(300))
@given(requests())
def test_every_denial_of_the_seed_names_a_failing_criterion(request: dict[str, Any]) -> None:
    for day in modules():  # (every version, not only the one in force on the request's date)
        for engine in (modules()[day], interpreters()[day]):
            try:
                decision = engine.evaluate(request)
            except ValueError:
                continue  # (a criteria set this version does not have: an input error, not a decision)
            _named(decision)


# A plan's own section where the family writes its criteria sections: before section I, or between II and III
_UNKNOWN_PLACES = {"before": "I. Initial Approval Criteria", "among": "III. Diagnoses/Indications"}


def _policy_with_a_section_the_family_does_not_know(place: str = "among") -> str:
    """The seed with a plan's own section (``IV. Monitoring``) before or among its criteria sections: the grammar
    cannot read it whole; ``--recover`` keeps the family's typed tree and that region unread, among the criteria."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith(_UNKNOWN_PLACES[place]))
    monitoring = ["IV. Monitoring", "Check a complete blood count twice weekly during therapy.", ""]
    return "\n".join([*lines[:at], *monitoring, *lines[at:]])


def _policy_with_a_section_after_the_criteria() -> str:
    """The seed with a plan's own section after its criteria sections (``IV. Monitoring`` before its appendices)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = lines.index("IV. Appendices/General Information")
    monitoring = ["IV. Monitoring", "", "Check a complete blood count twice weekly during therapy.", ""]
    return "\n".join([*lines[:at], *monitoring, *lines[at:]])


@functools.cache
def _unread(place: str = "among") -> Interpreter:
    report = parse_text_report(_policy_with_a_section_the_family_does_not_know(place), recover=True)
    assert report.partial
    return Interpreter(report.policy, dt.date(2026, 3, 26))


# (the seed's text: a 64-year-old with AML, 250 mcg/m² IV daily, Zarxio failed — set I.A of the policy as
# published; read by its outline no set is, so the ids the reviewer answered by are not this reading's)
_AML = {
    "date": "2026-04-01",
    "request": "initial",
    "member": {"age": 64, "weight_kg": 70, "height_cm": 175, "state": "TX", "line_of_business": "Medicaid"},
    "diagnoses": ["AML"],
    "dose": {"amount": 250, "unit": "mcg/m2", "route": "IV", "frequency": "daily"},
    "therapies": {"Zarxio": "failed"},
    "concurrent": [],
}


@pytest.mark.parametrize(
    ("name", "change", "missing"),
    [
        ("met as published, attested", {"attestations": {"I.A.2": True}}, ["attestations.I.A.2"]),
        ("fails as published (age 50)", {"member": {**_AML["member"], "age": 50}}, []),  # (I.A.3 Age ≥ 55)
        ("continued", {"request": "continued", "attestations": {"II.A.1.a": True}}, ["attestations.II.A.1.a"]),
        ("a diagnosis refused or not listed", {"diagnoses": ["osteoarthritis"]}, []),
    ],
)
def test_a_version_read_in_part_decides_nothing(name: str, change: dict[str, Any], missing: list[str]) -> None:
    # (the tree itself carries its unread region — no store's meta handed over —: neither an approval nor a denial
    # stands, since what was not read may be the criterion that decides; before section I as among I-III)
    for place in _UNKNOWN_PLACES:
        decision = _unread(place).evaluate({**_AML, **change}, trace=True)
        assert decision["outcome"] == "needs-review", (name, place)
        assert decision["set"] is None and decision["duration"] is None


@pytest.mark.parametrize(
    "change",
    [
        {"attestations": {"I.A.2": True}},
        {"member": {**_AML["member"], "age": 50}},
        {"request": "continued", "attestations": {"II.A.1.a": True}},
        {"diagnoses": ["osteoarthritis"]},
    ],
)
def test_a_plan_section_after_the_criteria_is_read_and_decisions_go_on(change: dict[str, Any]) -> None:
    # (after the criteria sections a plan's own section is read as a section of its own, with a note: the version
    # is read whole, and, granting nothing, it decides every request as the seed without it does)
    report = parse_text_report(_policy_with_a_section_after_the_criteria(), recover=True)
    assert not report.partial
    assert any(d.severity == "note" and "IV. Monitoring" in d.message for d in report.diagnostics)
    seed = Interpreter(parse_text_report(SEED.read_text(encoding="utf-8")).policy, dt.date(2026, 3, 26))
    request = {**_AML, **change}
    decision = Interpreter(report.policy, dt.date(2026, 3, 26)).evaluate(request)
    assert decision == seed.evaluate(request)


def test_a_set_false_by_its_own_condition_is_named_as_the_failing_one() -> None:
    # (the seed's II.A, Continued Therapy, asked for by an initial request: II.A fails at itself)
    request = {**_AML, "criteria_set": "II.A", "attestations": {"II.A.1.a": True, "II.A.2": True}}
    for engine in (modules()[dt.date(2026, 3, 26)], interpreters()[dt.date(2026, 3, 26)]):
        decision = engine.evaluate(request)
        assert decision["outcome"] == "denied" and decision["failed"] == {"II.A": "II.A"}


# (a schedule's first dose — *100 mg SC once, again at 4 weeks, and then every 8 weeks* — is no frequency of
# "once": a request every 8 weeks is not over it; the amount read still refuses)
_SCHEDULE = "5. Dose does not exceed 100 mg SC once, again at 4 weeks, and then every 8 weeks."
_PSORIASIS = {
    "date": "2026-03-02",
    "request": "initial",
    "drug": "Zelvora",
    "member": {"age": 40, "line_of_business": "Medicaid"},
    "diagnoses": ["plaque psoriasis"],
    "prescriber": {"specialty": "dermatology"},
    "therapies": {"methotrexate": "failed"},
    "attestations": {"I.A.4": True},
}


@pytest.mark.parametrize(
    ("amount", "attested", "outcome", "failed"),
    [
        (100, None, "needs-review", {}),  # (the schedule's rest is the reviewer's: never denied by "once")
        (100, True, "approved", {}),
        # (the amount read refuses I.A whatever is attested; a dosing regimen the policy does not list is the
        # off-label referral's, I.B: a reviewer's, never approved)
        (101, True, "needs-review", {"I.A": "I.A.5"}),
    ],
)
def test_a_schedules_first_dose_is_no_frequency(
    amount: int, attested: bool | None, outcome: str, failed: dict[str, str]
) -> None:
    text = (Path(__file__).parent / "fixtures" / "trailer_logs" / "zelvora-web.txt").read_text(encoding="utf-8")
    text = text.replace("5. Dose does not exceed 100 mg SC every 8 weeks.", _SCHEDULE)
    assert _SCHEDULE in text
    engine = Interpreter(parse_text_report(text, "schedule.txt").policy, dt.date(2025, 2, 10))
    dose = {"amount": amount, "unit": "mg", "route": "SC", "frequency": "every 8 weeks"}
    said = {"I.A.5": attested} if attested is not None else {}
    request = {**_PSORIASIS, "dose": dose, "attestations": {**_PSORIASIS["attestations"], **said}}
    decision = engine.evaluate(request)
    assert decision["outcome"] == outcome
    assert {k: v for k, v in decision["failed"].items() if k.startswith("I.A")} == failed


@pytest.mark.parametrize("named", ["generalized pustular psoriasis", "GPP"])
def test_a_refused_name_with_its_abbreviation_in_parentheses_refuses(named: str) -> None:
    # (section III: *A. Generalized pustular psoriasis (GPP).* — a name, by either of its names: denied)
    text = (Path(__file__).parent / "fixtures" / "trailer_logs" / "zelvora-web.txt").read_text(encoding="utf-8")
    text = text.replace(
        "III. Diagnoses/Indications for which coverage is NOT authorized:\n",
        "III. Diagnoses/Indications for which coverage is NOT authorized:\nA. Generalized pustular psoriasis (GPP);\n",
    ).replace("\nA. Non-FDA approved indications", "\nB. Non-FDA approved indications")
    engine = Interpreter(parse_text_report(text, "refused.txt").policy, dt.date(2025, 2, 10))
    dose = {"amount": 100, "unit": "mg", "route": "SC", "frequency": "every 8 weeks"}
    decision = engine.evaluate({**_PSORIASIS, "diagnoses": [named], "dose": dose})
    assert decision["outcome"] == "denied" and decision["failed"].get("III.refused") == "III.refused"
