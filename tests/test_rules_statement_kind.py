"""A set whose statement names the request's kind (*An initial … ablation …*, *A repeat … ablation …*) and a
request that names none (tests/decisions/readings/repeat-procedure.txt, in the form of a UM guideline): decided
from the text, through the generated module and the interpreter (:func:`rules_support.decide_file`).

The reviewer's *true* to a statement says the request is for what it names: the request's kind is settled by it,
and the set decides without ``request``; unanswered, ``request`` is still needed (never approved without it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "repeat-procedure.txt"
VERSION = dt.date(2026, 5, 14)
INITIAL = "Clinical-Indications.Initial-ablation.c1"
REPEAT = "Clinical-Indications.Repeat-ablation.c1"


def _request(age: int, said: dict[str, bool], kind: str | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-09-01", "member": {"age": age}, "attestations": said}
    if kind is not None:
        request["request"] = kind
    return request


_INITIAL_MET = {f"{INITIAL}.statement": True, f"{INITIAL}.B": True, f"{INITIAL}.C": True, f"{REPEAT}.statement": False}
_REPEAT_MET = {f"{REPEAT}.statement": True, f"{REPEAT}.A": True, f"{REPEAT}.B": True, f"{INITIAL}.statement": False}


@pytest.mark.parametrize(
    ("age", "said", "kind", "outcome", "decided_by"),
    [
        (60, _INITIAL_MET, None, "approved", INITIAL),  # the initial statement answered true: an initial request
        (60, _INITIAL_MET, "initial", "approved", INITIAL),
        (49, _INITIAL_MET, None, "denied", None),  # 50 years of age or older
        (60, _REPEAT_MET, None, "approved", REPEAT),  # the repeat statement answered true: a repeat request
        (60, {**_REPEAT_MET, f"{REPEAT}.A": False}, None, "denied", None),
        # no statement answered and no kind: the kind is the request's to say
        (60, {f"{INITIAL}.B": True, f"{INITIAL}.C": True}, None, "needs-review", None),
    ],
)
def test_statement_settles_the_kind(
    age: int, said: dict[str, bool], kind: str | None, outcome: str, decided_by: str | None
) -> None:
    decision = decide_file(POLICY, VERSION, _request(age, said, kind))
    assert decision["outcome"] == outcome
    if decided_by is not None:
        assert decision["set"] == decided_by
