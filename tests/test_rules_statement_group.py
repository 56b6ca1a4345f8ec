"""A medical policy whose coverage statements are one lettered list with no lead-in (tests/decisions/readings/
statement-group.txt, written for this table in the shape of a health plan's medical policy manual): each statement is
a set of its own, its numbered items its criteria; a statement with no items is a paragraph statement (its
conditions the reviewer's); the refusing one is an exclusion every approving set's ``.limits`` names.

Decision table from the text (never from the engine), with one-step-outside probes that must not approve.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

GROUP = DECISIONS / "readings" / "statement-group.txt"
A = "POLICY.c1.A"
B = "POLICY.s1"


def _request(diagnoses: list[str] | None, age: int, sessions: int | None, said: dict[str, bool]) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-06-01", "member": {"age": age}, "attestations": said}
    if diagnoses is not None:
        request["diagnoses"] = diagnoses
    if sessions is not None:
        request["dose"] = {"quantity": sessions}
    return request


ASKED = {f"{A}.statement": True, f"{A}.limits": True, f"{B}.statement": False}


@pytest.mark.parametrize(
    ("diagnoses", "age", "sessions", "said", "outcome"),
    [
        (["keratoacanthoma or squamous cell carcinoma in situ"], 40, 2, ASKED, "approved"),
        (["squamous cell carcinoma in situ"], 40, 2, ASKED, "approved"),
        (["squamous cell carcinoma in situ"], 18, 2, ASKED, "approved"),  # the age's edge
        (["squamous cell carcinoma in situ"], 17, 2, ASKED, "denied"),  # A.2: age ≥ 18
        (["squamous cell carcinoma in situ"], 40, 3, ASKED, "denied"),  # A.3: at most 2 sessions
        # one step outside: what the text leaves to a reviewer is never approved unasked
        (["squamous cell carcinoma in situ"], 40, None, ASKED, "needs-review"),  # sessions not given
        (["squamous cell carcinoma in situ"], 40, 2, {**ASKED, f"{A}.limits": None}, "needs-review"),  # exclusions
        (["squamous cell carcinoma in situ"], 40, 2, {**ASKED, f"{A}.statement": None}, "needs-review"),
        (["squamous cell carcinoma in situ"], 40, 2, {**ASKED, f"{B}.statement": None}, "approved"),  # A holds
        (None, 40, 2, ASKED, "needs-review"),  # no diagnoses
        # ``keratoacanthoma`` opens *keratoacanthoma or squamous cell carcinoma in situ*: which reading of the *or*
        # is the reviewer's, never a denial
        (["keratoacanthoma"], 40, 2, ASKED, "needs-review"),
    ],
)
def test_statement_group(
    diagnoses: list[str] | None, age: int, sessions: int | None, said: dict[str, bool | None], outcome: str
) -> None:
    said = {k: v for k, v in said.items() if v is not None}
    decision = decide_file(GROUP, dt.date(2026, 3, 1), _request(diagnoses, age, sessions, said))  # type: ignore[arg-type]
    assert decision["outcome"] == outcome, decision


def test_paragraph_statement_asks_its_conditions() -> None:
    """*B. … medically necessary for Barrett esophagus with high-grade dysplasia, without a limit on sessions …*: its
    statement attested, the conditions its sentence writes are still asked (never approved on the statement)."""
    said = {f"{A}.statement": False, f"{B}.statement": True, f"{B}.limits": True}
    decision = decide_file(GROUP, dt.date(2026, 3, 1), _request(["barrett esophagus"], 60, 1, said))
    assert decision["outcome"] == "needs-review"
    assert f"attestations.{B}.conditions" in decision["missing"]
    said[f"{B}.conditions"] = True
    decision = decide_file(GROUP, dt.date(2026, 3, 1), _request(["barrett esophagus"], 60, 1, said))
    assert decision["outcome"] == "approved"


def test_refused_use_is_never_approved() -> None:
    """*C. … the following not medically necessary: 2. Photodynamic therapy for psoriasis*: attested true, denied
    whatever approving set is attested."""
    said = {**ASKED, "POLICY.c1.C.statement": True, "POLICY.c1.C.2": True}
    decision = decide_file(GROUP, dt.date(2026, 3, 1), _request(["squamous cell carcinoma in situ"], 40, 2, said))
    assert decision["outcome"] == "denied"
