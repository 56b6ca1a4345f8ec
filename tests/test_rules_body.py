"""Rule modules for policies read through their outline (``centene-medical``, ``generic``): fail-safe sets.

Each statement and its criteria group is a set; the statement is a judgment (``<set>.statement``: the service and
indication it covers are not facts of a request); a statement that grants no coverage (*… is not medically
necessary*, *… experimental, investigational or unproven*) is a set that never approves.  The cases below are
written from the text of ``tests/fixtures/medical/egfr-testing.txt``.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file
from policyvc.rules.body import grants, rules_view
from policyvc.rules.generate import package_name, render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

SOURCES = sorted((FIXTURES / "medical").glob("*.txt")) + sorted((FIXTURES / "payers").glob("*.txt"))
EGFR = "Policy-Criteria.EGFR-Mutation-Analysis"
CGP = "Policy-Criteria.Comprehensive-Genomic-Profiling"
PDL1 = "Policy-Criteria.PD-L1-Expression"


@functools.cache
def engines(path: Path) -> tuple[ModuleType, Interpreter]:
    policy = parse_file(path)
    module = load_module(render_module(policy, dt.date(2026, 1, 1), "0" * 64), path.name)
    return module, Interpreter(policy, dt.date(2026, 1, 1))


def decide(path: Path, request: dict[str, Any]) -> dict[str, Any]:
    module, interpreter = engines(path)
    decision = dict(module.evaluate(request))
    assert interpreter.evaluate(request) == decision
    traced = dict(module.evaluate(request, trace=True))
    assert {k: v for k, v in traced.items() if k != "trace"} == decision
    return decision


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_every_criterion_attested_approves_only_by_a_statement_that_grants(path: Path) -> None:
    module, _ = engines(path)
    view = rules_view(parse_file(path))
    granting = {s.id for sec in view.sections for s in sec.sets if grants(s.title)}
    assert granting, "every fixture has a set that grants coverage"
    # (every criterion met — and every exclusion or refused diagnosis absent: a guard attested true refuses whichever
    # set the request names)
    guards = [g.id for g in module.SETS if g.role in ("excludes", "may-exclude", "refuses", "may-refuse")]
    attested = {k: not any(k == g or k.startswith(g + ".") for g in guards) for k in module.ATTESTATIONS}
    for s in module.SETS:
        every = attested if s.id in granting else dict.fromkeys(module.ATTESTATIONS, True)
        decision = decide(path, {"date": "2026-02-01", "attestations": every, "criteria_set": s.id})
        if s.id in granting:
            assert decision["outcome"] in ("approved", "needs-review"), s.id
        else:
            assert decision["outcome"] == "denied", s.id


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_nothing_is_approved_without_its_statement(path: Path) -> None:
    module, _ = engines(path)
    attested = {k: True for k in module.ATTESTATIONS if not k.endswith(".statement")}
    decision = decide(path, {"date": "2026-02-01", "attestations": attested})
    assert decision["outcome"] != "approved"


def test_other_payers_numbers_name_a_package() -> None:
    assert package_name("0050") == "ref_0050"
    assert package_name("2.04.83") == "ref_2_04_83"
    assert package_name("CP.PHAR.295") == "cp_phar_295"


_PATH = FIXTURES / "medical" / "egfr-testing.txt"
_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "EGFR I: adenocarcinoma, results for a TKI, specimen not tested",
        {"criteria_set": f"{EGFR}.I", "attestations": {f"{EGFR}.I.statement": True, f"{EGFR}.I.A.1": True,
                                                        f"{EGFR}.I.B": True, f"{EGFR}.I.C": True}},
        {"outcome": "approved", "set": f"{EGFR}.I"},
    ),
    (
        "EGFR I: the statement (EGFR mutation analysis, CPT 81235) not attested",
        {"criteria_set": f"{EGFR}.I", "attestations": {f"{EGFR}.I.A.1": True, f"{EGFR}.I.B": True,
                                                        f"{EGFR}.I.C": True}},
        {"outcome": "needs-review", "missing": [f"attestations.{EGFR}.I.statement"]},
    ),
    (
        "EGFR I.C: the same specimen was tested",
        {"criteria_set": f"{EGFR}.I", "attestations": {f"{EGFR}.I.statement": True, f"{EGFR}.I.A.1": True,
                                                        f"{EGFR}.I.B": True, f"{EGFR}.I.C": False}},
        {"outcome": "denied", "failed": {f"{EGFR}.I": f"{EGFR}.I.C"}},
    ),
    (
        "CGP I.A: diagnosis of advanced NSCLC is read; I.B.1 no earlier profiling",
        {"criteria_set": f"{CGP}.I", "diagnoses": ["advanced NSCLC"],
         "attestations": {f"{CGP}.I.statement": True, f"{CGP}.I.B.1": True}},
        {"outcome": "approved", "set": f"{CGP}.I"},
    ),
    (
        "CGP II: profiling for early-stage NSCLC is not medically necessary, whatever is attested",
        {"criteria_set": f"{CGP}.II", "attestations": {f"{CGP}.II.statement": True}},
        {"outcome": "denied", "failed": {f"{CGP}.II": f"{CGP}.II.statement"}},
    ),
    (
        "PD-L1 I: one of the following — recurrence after definitive therapy",
        {"criteria_set": f"{PDL1}.I", "attestations": {f"{PDL1}.I.statement": True, f"{PDL1}.I.A": False,
                                                        f"{PDL1}.I.B": True}},
        {"outcome": "approved", "set": f"{PDL1}.I"},
    ),
    (
        "PD-L1 I: neither A nor B",
        {"criteria_set": f"{PDL1}.I", "attestations": {f"{PDL1}.I.statement": True, f"{PDL1}.I.A": False,
                                                        f"{PDL1}.I.B": False}},
        {"outcome": "denied"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "expected"), _CASES, ids=[c[0] for c in _CASES])
def test_medical_policy_decisions(name: str, request_: dict[str, Any], expected: dict[str, Any]) -> None:
    decision = decide(_PATH, {"date": "2026-02-01", **request_})
    assert {k: decision.get(k) for k in expected} == expected, name


# ``Hypoglossal nerve stimulation is considered medically necessary when at least two of the following are met:``
# / AHI 15 to 65 / BMI below 35 / intolerance of PAP: two of the three approve (with the statement attested), one
# short denies, one met and two unknown is the reviewer's
_AT_LEAST = """Hypoglossal Nerve Stimulation
Policy Number: MP-5120
Effective Date: 01/01/2026

Policy
Hypoglossal nerve stimulation is considered medically necessary when at least two of the following are met:
1. Apnea-hypopnea index of 15 to 65 events per hour;
2. Body mass index below 35;
3. Intolerance of positive airway pressure therapy documented by the treating physician.
"""


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        ((True, False, False), "denied"),
        ((False, False, False), "denied"),
        ((True, True, False), "approved"),
        ((False, True, True), "approved"),
        ((True, True, True), "approved"),
        ((True, None, None), "needs-review"),
    ],
)
def test_a_set_of_at_least_two_approves_at_two_and_never_at_one(
    tmp_path: Path, answers: tuple[bool | None, ...], outcome: str
) -> None:
    path = tmp_path / "hns.txt"
    path.write_text(_AT_LEAST, encoding="utf-8")
    ids = ("Policy.c1.1", "Policy.c1.2", "Policy.c1.3")
    attested = {"Policy.c1.statement": True, **{i: a for i, a in zip(ids, answers, strict=True) if a is not None}}
    assert decide(path, {"date": "2026-02-01", "attestations": attested})["outcome"] == outcome
