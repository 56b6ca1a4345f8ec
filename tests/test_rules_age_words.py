"""Ages and trailing connectives as other payers write them, decided from the words (not attested).

``Member is 6 years of age or older``, ``Patient is at least 12 years old``, ``younger than 65 years of age``:
an age bound the request's ``member.age`` settles.  ``Diagnosis of asthma; AND``: the ``AND`` is the parent's
connective (read there), not a word of the diagnosis left for a reviewer.  A bare ``6 years of age`` states no
bound and stays a judgment.  Each row's outcome is read from the one criterion's words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from policyvc.parser import parse_file
from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

_DOC = """Prior Authorization Criteria
Example Therapy
Policy Number: EX-{n}
Effective Date: 01/01/2026

Coverage Criteria
Example therapy is considered medically necessary when ALL of the following are met:
1. {criterion}
2. Prescribed by or in consultation with a pulmonologist

Revision History
Date\tAction
01/01/2026\tNew policy
"""

# criterion, member (age or None), expected outcome; a pulmonologist prescribes, the statement is attested
ROWS: list[tuple[str, dict[str, Any] | None, str]] = [
    ("Member is 6 years of age or older; AND", {"age": 30}, "approved"),
    ("Member is 6 years of age or older; AND", {"age": 5}, "denied"),
    ("Patient is at least 12 years old", {"age": 12}, "approved"),
    ("Patient is at least 12 years old", {"age": 11}, "denied"),
    ("18 years of age and older", {"age": 17}, "denied"),
    ("Member is 6 months of age or older", {"birth_date": "2025-09-01"}, "approved"),
    ("Member is 6 months of age or older", {"birth_date": "2025-12-01"}, "denied"),
    ("Member is younger than 65 years of age", {"age": 65}, "denied"),
    ("Member is younger than 65 years of age", {"age": 64}, "approved"),
    ("Member is 21 years of age or younger, AND", {"age": 21}, "approved"),
    ("Member is 21 years of age or younger, AND", {"age": 22}, "denied"),
    ("Member is older than 50 years", {"age": 50}, "denied"),
    ("Member is 6 years of age or older; AND", None, "needs-review"),  # no age given: unknown
    ("Member is 6 years of age", {"age": 3}, "needs-review"),  # no bound written: the reviewer's
    ("Diagnosis of severe persistent asthma; AND", None, "approved"),
]


@pytest.mark.parametrize(("criterion", "member", "outcome"), ROWS, ids=[f"{r[0]}-{r[1]}" for r in ROWS])
def test_age_words_and_trailing_connectives(
    tmp_path: Path, criterion: str, member: dict[str, Any] | None, outcome: str
) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(_DOC.format(n=len(criterion), criterion=criterion), encoding="utf-8")
    policy = parse_file(path)
    request: dict[str, Any] = {
        "date": "2026-03-01",
        "prescriber": {"specialty": "pulmonologist"},
        "diagnoses": ["severe persistent asthma"],
        "attestations": {"Coverage-Criteria.c1.statement": True},
    }
    if member is not None:
        request["member"] = member
    module = load_module(render_module(policy, dt.date(2026, 1, 1), "0" * 64), "policy")
    decision = dict(module.evaluate(request))
    assert Interpreter(policy, dt.date(2026, 1, 1)).evaluate(request) == decision
    assert decision["outcome"] == outcome, decision
