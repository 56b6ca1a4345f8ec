"""The limits a policy states outside its criteria: what the facts decide of them is never overridden.

Two policies written for this table (a medical policy with a ``Quantity Limits`` list, a plan's pharmacy policy with
a quantity table and an ``Exclusions`` sentence) decide requests through the generated module and the interpreter
(:func:`rules_support.decide_file`): an attestation that the request is within the limits settles what the facts
leave open, a stated quantity over the table or a concurrent drug the exclusion names refuses (denied, attested
or not: the attestation answers the rest of the limits, never a stated quantity), and nothing the facts do not
decide is approved unattested.  A property then walks every policy of the rules fixtures: each quantity limit the
rules compute, one unit over with every attestation true, is never approved.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from rules_support import DECISIONS, decide_file
from test_rules_typer import _sources

from policyvc.parser import parse_file
from policyvc.rules import runtime as rt
from policyvc.rules.interpret import Interpreter
from policyvc.rules.typer import Check
from policyvc.rules.versions import load_versions

LIMITS = DECISIONS / "limits"
DAY = dt.date(2026, 3, 1)
PUMP = LIMITS / "pump-supplies.txt"
TABLET = LIMITS / "tablet-plan.txt"
USES = LIMITS / "vial-uses.txt"
PUMP_SET = "Policy-Criteria.I"
TABLET_SET = "Description.Criteria-for-Initial-Approval.c1"


def _pump(dose: dict[str, int] | None, attest: bool | None, drug: str = "Omnipod 5") -> dict[str, Any]:
    said = {f"{PUMP_SET}.statement": True, f"{PUMP_SET}.C": True}
    if attest is not None:
        said[f"{PUMP_SET}.limits"] = attest
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "drug": drug,
        "member": {"age": 30},
        "diagnoses": ["type 1 diabetes mellitus"],
        "prescriber": {"specialty": "endocrinology"},
        "attestations": said,
    }
    if dose is not None:
        request["dose"] = dose
    return request


def _tablet(
    dose: dict[str, int] | None, attest: bool | None, concurrent: list[str] | None = None, drug: str = "Sotyktu"
) -> dict[str, Any]:
    said = {f"{TABLET_SET}.statement": True}
    if attest is not None:
        said[f"{TABLET_SET}.limits"] = attest
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": drug,
        "member": {"age": 45},
        "diagnoses": ["plaque psoriasis"],
        "prescriber": {"specialty": "dermatology"},
        "therapies": {"phototherapy": "failed"},
        "attestations": said,
    }
    if dose is not None:
        request["dose"] = dose
    if concurrent is not None:
        request["concurrent"] = concurrent
    return request


FILL = {"quantity": 30, "days_supply": 30}  # (the table's row exactly)
OVER = {"quantity": 31, "days_supply": 30}
CASES = [
    # (name, policy, request, outcome, conflict on the limits criterion)
    ("within, attested", PUMP, _pump({"quantity": 10, "days_supply": 30}, True), "approved", False),
    ("within, unattested", PUMP, _pump({"quantity": 10, "days_supply": 30}, None), "needs-review", False),
    ("over, attested", PUMP, _pump({"quantity": 11, "days_supply": 30}, True), "denied", False),
    ("over, unattested", PUMP, _pump({"quantity": 11, "days_supply": 30}, None), "denied", False),
    # (a fill of the period's units for fewer days exceeds nothing by itself: going on at that rate is the
    # reviewer's, who attested the request within the limits)
    ("over the rate", PUMP, _pump({"quantity": 10, "days_supply": 25}, True), "approved", False),
    ("over the rate, unattested", PUMP, _pump({"quantity": 10, "days_supply": 25}, None), "needs-review", False),
    ("over the rate and the units", PUMP, _pump({"quantity": 11, "days_supply": 25}, None), "denied", False),
    ("three fills' worth", PUMP, _pump({"quantity": 30, "days_supply": 90}, True), "approved", False),
    ("no days supplied", PUMP, _pump({"quantity": 11}, True), "approved", False),  # (may supply more days)
    ("no quantity", PUMP, _pump(None, True), "approved", False),
    ("no quantity, unattested", PUMP, _pump(None, None), "needs-review", False),
    ("a product no row names", PUMP, _pump({"quantity": 40, "days_supply": 30}, True, "Tandem"), "approved", False),
    ("other row's product", PUMP, _pump({"quantity": 13, "days_supply": 28}, None, "Twiist"), "denied", False),
    ("attested false", PUMP, _pump({"quantity": 10, "days_supply": 30}, False), "denied", False),
    ("table, within", TABLET, _tablet(FILL, True, []), "approved", False),
    ("table, over", TABLET, _tablet(OVER, True, []), "denied", False),
    ("table, over, unattested", TABLET, _tablet(OVER, None), "denied", False),
    ("table, rate", TABLET, _tablet({"quantity": 30, "days_supply": 27}, None), "needs-review", False),
    ("generic name", TABLET, _tablet(OVER, None, None, "deucravacitinib"), "denied", False),
    ("one kit", TABLET, _tablet({"quantity": 1, "days_supply": 14}, True), "approved", False),
    ("excluded drug", TABLET, _tablet(FILL, True, ["methotrexate"]), "denied", False),
    ("excluded, unattested", TABLET, _tablet(FILL, None, ["Tofacitinib"]), "denied", False),
    # a drug of the class the exclusion names only by example: the reviewer's, never cleared nor refused by it
    ("unnamed class member", TABLET, _tablet(FILL, None, ["azathioprine"]), "needs-review", False),
    ("unnamed, attested", TABLET, _tablet(FILL, True, ["azathioprine"]), "approved", False),
]  # fmt: skip


def _uses(drug: str, quantity: int, attest: bool | None) -> dict[str, Any]:
    said: dict[str, bool] = {"Coverage-Criteria.c1.statement": True}
    if attest is not None:
        said["Coverage-Criteria.c1.limits"] = attest
    return {
        "date": "2026-04-01",
        "drug": drug,
        "member": {"age": 40},
        "diagnoses": ["bullous pemphigoid"],
        "prescriber": {"specialty": "dermatology"},
        "dose": {"quantity": quantity, "days_supply": 28},
        "attestations": said,
    }


# A row whose quantity differs by use (*2 vials per 28 days (urticaria); 4 vials per 28 days (bullous pemphigoid)*)
# allows the most of its alternatives (the use is the reviewer's): 4 vials for pemphigoid is not refused by the
# syringe's row of 1 nor the urticaria's 2; a row whose quantity is written in a shape not read (a loading month,
# then less) refuses nothing by the rows: a quantity over the other rows of the product is the reviewer's
USES_CASES = [
    ("pemphigoid's vials", _uses("Corvessa", 4, True), "approved"),
    ("pemphigoid's vials, unattested", _uses("Corvessa", 4, None), "needs-review"),
    ("over every alternative read", _uses("Corvessa", 5, None), "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), USES_CASES, ids=[c[0] for c in USES_CASES])
def test_a_row_by_use_allows_its_most(name: str, request_: dict[str, Any], outcome: str) -> None:
    assert decide_file(USES, DAY, request_)["outcome"] == outcome


@pytest.mark.parametrize(("name", "path", "request_", "outcome", "conflict"), CASES, ids=[c[0] for c in CASES])
def test_limits_the_facts_decide(name: str, path: Path, request_: dict[str, Any], outcome: str, conflict: bool) -> None:
    decision = decide_file(path, DAY, request_)
    assert decision["outcome"] == outcome, decision
    limits = f"{PUMP_SET if path == PUMP else TABLET_SET}.limits"
    assert ({"criterion": limits, "computed": False, "attested": True} in decision.get("conflicts", [])) is conflict


# --- the property: every quantity limit the rules compute, one unit over, every attestation true -------------


def _leaves(check: Check) -> list[Check]:
    return [check] if not check.parts else [x for p in check.parts for x in _leaves(p)]


def _over(rows: tuple[tuple[tuple[str, ...], int | None, str], ...], drug: str, days: int) -> int:
    """A quantity over every row naming ``drug`` for a fill of ``days``: one unit over the most any of them allows."""
    most = 0
    for names, n, period in rows:
        if n is None:  # (a quantity not read: the product's rows refuse nothing, the property asks nothing of it)
            continue
        if any(f" {drug} " in f" {name} " for name in names):
            length = rt.period_days(period)
            most = max(most, n if length is None else -(-n * days // length))
    return most + 1


def _probes(interpreter: Interpreter) -> list[tuple[str | None, int, int | None]]:
    """(drug, quantity, days supplied) one unit over each quantity limit the rules compute."""
    out: list[tuple[str | None, int, int | None]] = []
    for section in interpreter.policy.sections:
        for s in section.sets:
            stack = list(s.criteria)
            while stack:
                c = stack.pop()
                stack.extend(c.children)
                if c.children:
                    continue
                for k in _leaves(interpreter.low.leaf(c)):
                    if k.fn == "quantity":
                        out.append((None, int(k.args[0]) + 1, None))  # type: ignore[call-overload]
                    elif k.fn == "quantity_in":
                        days = rt.period_days(str(k.args[1]))
                        if days is not None:
                            out.append((None, int(k.args[0]) + 1, days))  # type: ignore[call-overload]
                    elif k.fn == "outside_limits":
                        rows: Any = k.args[0]
                        unread = {n for names, most, _ in rows if most is None for n in names}
                        for names, _, period in rows:
                            if unread.intersection(names):
                                continue
                            days = rt.period_days(period) or 30
                            out.append((names[0], _over(rows, names[0], days), days))
    return out


def _interpreters() -> list[tuple[str, Interpreter]]:
    out = [(f"{v.reference}@{v.date}", Interpreter(v.policy, v.date)) for v in load_versions(ROOT / "policy_versions")]
    out += [(p.relative_to(ROOT).as_posix(), Interpreter(parse_file(p), DAY)) for p in _sources()]
    out += [(p.relative_to(ROOT).as_posix(), Interpreter(parse_file(p), DAY)) for p in sorted(LIMITS.glob("*.txt"))]
    return out


def test_no_attestation_approves_past_a_stated_quantity() -> None:
    probed = 0
    for name, interpreter in _interpreters():
        said = dict.fromkeys(interpreter.attestations, True)
        for drug, quantity, days in _probes(interpreter):
            dose: dict[str, int] = {"quantity": quantity}
            if days is not None:
                dose["days_supply"] = days
            for kind in (None, "initial", "continued"):
                request: dict[str, Any] = {"date": interpreter.version.isoformat(), "dose": dose, "attestations": said}
                if drug is not None:
                    request["drug"] = drug
                if kind is not None:
                    request["request"] = kind
                decision = interpreter.evaluate(request)
                assert decision["outcome"] != "approved", (name, drug, dose, kind)
                probed += 1
    assert probed >= 15  # (the walk reaches the tables: the two policies written for this table have five rows)
