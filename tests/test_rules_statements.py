"""What a statement over an outline policy's criteria says: grants coverage, refuses it, or neither.

A set approves only under a statement that grants coverage (*medically necessary*, *is approved for*, *may be
authorized*); one that states non-coverage denies; one the rules cannot tell (*Requests are reviewed against the
following*) approves nothing and denies nothing by itself — ``needs-review`` unless its criteria fail.  Each
outcome is read from the one-set policy's words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from policyvc.parser import parse_file
from policyvc.rules.body import denies, grants
from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

_DOC = """Pharmacy Coverage Guideline
Erenumab (Aimovig)
Guideline Number: PCG-{n}
Effective Date: 01/01/2026

Criteria
{statement}
1. Prescribed by or in consultation with a neurologist
2. Diagnosis of chronic migraine

Revision History
Date\tAction
01/01/2026\tNew guideline
"""
STATEMENTS = {
    "approved": "Aimovig is approved for the preventive treatment of migraine when all of the following are met:",
    "authorized": "Aimovig may be authorized when ALL of the following criteria are met:",
    "necessary": "Aimovig is considered medically necessary when all of the following are met:",
    "unclear": "Requests for Aimovig are reviewed against all of the following:",
    "refused": "Aimovig is not medically necessary when all of the following apply:",
}
# statement, prescriber, outcome: the statement and the diagnosis attested/given
ROWS: list[tuple[str, str, str]] = [
    ("approved", "neurologist", "approved"),
    ("authorized", "neurologist", "approved"),
    ("necessary", "neurologist", "approved"),
    ("unclear", "neurologist", "needs-review"),  # every criterion met: nothing says it grants coverage
    ("unclear", "dermatologist", "denied"),  # a criterion fails: the set fails whatever its statement
    ("refused", "neurologist", "denied"),
]


@pytest.mark.parametrize(("kind", "specialty", "outcome"), ROWS, ids=[f"{k}-{s}" for k, s, _ in ROWS])
def test_statement_words_decide_what_a_set_can_do(tmp_path: Path, kind: str, specialty: str, outcome: str) -> None:
    path = tmp_path / "guideline.txt"
    path.write_text(_DOC.format(n=len(kind), statement=STATEMENTS[kind]), encoding="utf-8")
    policy = parse_file(path)
    request: dict[str, Any] = {
        "date": "2026-03-01",
        "prescriber": {"specialty": specialty},
        "diagnoses": ["chronic migraine"],
        "attestations": {"Criteria.c1.statement": True},
    }
    module = load_module(render_module(policy, dt.date(2026, 1, 1), "0" * 64), "guideline")
    decision = dict(module.evaluate(request))
    assert Interpreter(policy, dt.date(2026, 1, 1)).evaluate(request) == decision
    assert decision["outcome"] == outcome, decision


def test_what_grants_what_denies_and_what_neither() -> None:
    assert grants(STATEMENTS["approved"]) and not denies(STATEMENTS["approved"])
    assert not grants("Aimovig is FDA-approved for migraine; the following apply:")
    assert not grants("Aimovig is approved by the FDA for migraine when the following are met:")
    assert not grants(STATEMENTS["unclear"]) and not denies(STATEMENTS["unclear"])
    assert denies(STATEMENTS["refused"]) and not grants(STATEMENTS["refused"])
