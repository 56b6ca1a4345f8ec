"""Statements of coverage and non-coverage the sets did not hold: a list the text states no connective for whose
lead-in refuses what it lists, and statements written as paragraphs beside the sets.

Decision tables written from the text of two fixtures of ``fixtures/unmodelled_statements/``:

- ``blepharoplasty.txt`` (CP.MP.941): I. upper eyelid blepharoplasty *is medically necessary when meeting all of
  the following: A. Age ≥ 18 years; B. …; C. …*; II. *the following procedures are not medically necessary, as
  they are considered cosmetic: A. Lower eyelid blepharoplasty; B. Upper eyelid blepharoplasty performed to
  improve appearance or to treat headache; C. Brow lift performed in addition to blepharoplasty.* A request II
  names is denied whatever I's answers; one II's items are not answered for is never approved (the reviewer
  attests the limits and exclusions, II among them).
- ``bone-anchored-hearing.txt`` (VII-12): the implant's set; then paragraphs: replacement of the processor *is
  considered medically necessary when the existing processor is no longer functional* (a grant: *no longer* is
  the condition's); an upgrade *is considered not medically necessary*; implantation *for tinnitus alone is
  considered investigational*; softband devices *are considered medically necessary for members 1 year of age or
  older … when the criteria above are otherwise met*. A request for the replacement is never denied by the
  implant's criteria, and not approved on the statement alone (its sentence's conditions are the reviewer's); one
  for the upgrade or for tinnitus is denied; a softband request for a member under 1 year is denied.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policyvc.parser import parse_file
from policyvc.rules.body import rules_view
from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

HERE = Path(__file__).parent / "fixtures" / "unmodelled_statements"
DAY = dt.date(2026, 6, 1)

B = "Policy-Criteria."
I_MET = {f"{B}I.statement": True, f"{B}I.B": True, f"{B}I.C": True}
BLEPH: dict[str, Any] = {"date": "2026-06-01", "request": "initial", "member": {"age": 50}}
BLEPH_CASES = [
    ("I met, II not answered: held for the exclusions", {"attestations": I_MET}, "needs-review",
     {}, [f"attestations.{B}I.limits"]),
    ("I met, limits attested: approved", {"attestations": {**I_MET, f"{B}I.limits": True}}, "approved", {}, []),
    ("I met, II.B attested for the request: denied", {"attestations": {**I_MET, f"{B}I.limits": True,
     f"{B}II.statement": True, f"{B}II.B": True}}, "denied", {f"{B}II": f"{B}II"}, []),
    ("II.A attested, I not the request's: denied", {"attestations": {f"{B}I.statement": False,
     f"{B}II.statement": True, f"{B}II.A": True}}, "denied", {f"{B}I": f"{B}I.statement", f"{B}II": f"{B}II"}, []),
    ("II's items attested false, limits attested: approved", {"attestations": {**I_MET, f"{B}I.limits": True,
     f"{B}II.A": False, f"{B}II.B": False, f"{B}II.C": False}}, "approved", {}, []),
    ("age 17: denied at I.A", {"member": {"age": 17}, "attestations": I_MET}, "denied", {f"{B}I": f"{B}I.A"}, []),
]  # fmt: skip

P = "Policy."
IMPLANT = {f"{P}c1.statement": True, f"{P}c1.1": True, f"{P}c1.3": True}
BAHA: dict[str, Any] = {"date": "2026-06-01", "request": "initial", "member": {"age": 40}}
BAHA_CASES = [
    ("replacement attested, implant not the request's: held, never denied", {"attestations": {
     f"{P}c1.statement": False, f"{P}s1.statement": True}}, "needs-review",
     {f"{P}c1": f"{P}c1.statement", f"{P}s4": f"{P}s4.statement"}, [f"attestations.{P}s1.conditions",
     f"attestations.{P}s1.limits"]),
    ("replacement, its conditions and limits attested: approved", {"attestations": {f"{P}c1.statement": False,
     f"{P}s1.statement": True, f"{P}s1.conditions": True, f"{P}s1.limits": True}}, "approved", {}, []),
    ("upgrade attested: denied", {"attestations": {f"{P}c1.statement": False, f"{P}s2.statement": True,
     f"{P}s2.1": True}}, "denied", {f"{P}c1": f"{P}c1.statement", f"{P}s2": f"{P}s2"}, []),
    ("tinnitus alone attested: denied even with the implant's criteria met", {"attestations": {**IMPLANT,
     f"{P}c1.limits": True, f"{P}s3.statement": True, f"{P}s3.1": True}}, "denied", {f"{P}s1": f"{P}s1.statement",
     f"{P}s3": f"{P}s3", f"{P}s4": f"{P}s4.statement"}, []),
    ("implant met, limits not attested: held for the exclusions", {"attestations": IMPLANT}, "needs-review",
     {f"{P}s1": f"{P}s1.statement", f"{P}s4": f"{P}s4.statement"}, [f"attestations.{P}c1.limits"]),
    ("softband at 8 months: the statement's age refuses it", {"member": {"age": 0.67}, "attestations": {
     f"{P}c1.statement": False, f"{P}s4.statement": True}}, "denied", {f"{P}c1": f"{P}c1.statement",
     f"{P}s1": f"{P}s1.statement", f"{P}s4": f"{P}s4.statement"}, []),
]  # fmt: skip


@functools.cache
def _engines(name: str) -> tuple[Any, Interpreter]:
    policy = parse_file(HERE / name)
    return load_module(render_module(policy, DAY, "0" * 64)), Interpreter(policy, DAY)


def _decide(name: str, request: dict[str, Any]) -> dict[str, Any]:
    module, interpreter = _engines(name)
    decision: dict[str, Any] = module.evaluate(request)
    assert decision == interpreter.evaluate(request)
    return decision


@pytest.mark.parametrize(
    ("why", "change", "outcome", "failed", "missing"), BLEPH_CASES, ids=[c[0] for c in BLEPH_CASES]
)
def test_refused_list(
    why: str, change: dict[str, Any], outcome: str, failed: dict[str, str], missing: list[str]
) -> None:
    decision = _decide("blepharoplasty.txt", {**BLEPH, **change})
    assert (decision["outcome"], decision["failed"], decision["missing"]) == (outcome, failed, missing), why


@pytest.mark.parametrize(("why", "change", "outcome", "failed", "missing"), BAHA_CASES, ids=[c[0] for c in BAHA_CASES])
def test_paragraph_statements(
    why: str, change: dict[str, Any], outcome: str, failed: dict[str, str], missing: list[str]
) -> None:
    decision = _decide("bone-anchored-hearing.txt", {**BAHA, **change})
    assert (decision["outcome"], decision["failed"], decision["missing"]) == (outcome, failed, missing), why


@pytest.mark.parametrize("name", ["blepharoplasty.txt", "bone-anchored-hearing.txt"])
def test_non_coverage_never_approved_past(name: str) -> None:
    """The probe: every criterion of the policy attested true (the non-coverage statements' too) is never an
    approval — a statement of non-coverage the rules did not model would let it through."""
    policy = parse_file(HERE / name)
    ids = [c.id for section in rules_view(policy).sections for s in section.sets for c in _walk(s.criteria)]
    decision = _decide(name, {"date": "2026-06-01", "request": "initial", "member": {"age": 40},
                              "attestations": dict.fromkeys(ids, True)})  # fmt: skip
    assert decision["outcome"] == "denied", decision


def _walk(criteria: Any) -> Iterator[Any]:
    for c in criteria:
        yield c
        yield from _walk(c.children)
