"""What a medical policy's approving statements name decides which of them a request is for, where the text makes
it certain: a list of conditions (*… medically necessary for any of the following conditions: A. Decompression
illness; …*) is read as diagnoses, each false only when no requested diagnosis shares a word of substance with it; a
statement naming one indication (*… for radiation cystitis when …*) is false for a request that attests another
statement and names none of its words; a statement naming its service as a continuation (*continued hyperbaric
oxygen therapy beyond the initial 30 sessions*) is the continued set.  Anything less certain stays needs-review.

Written from ``decisions_continued/hbot.txt``, a policy of the Centene layout in the wording of neither dec set.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

HBOT = FIXTURES / "decisions_continued" / "hbot.txt"
P = "Policy-Criteria."


def _req(kind: str, diagnoses: list[str] | None, age: int = 60, **attested: bool) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-04-01", "request": kind, "member": {"age": age},
                               "attestations": {P + k: v for k, v in attested.items()}}  # fmt: skip
    if diagnoses is not None:
        request["diagnoses"] = diagnoses
    return request


WOUND = {"I.statement": True, "I.B": True}
CASES: list[Any] = [
    ("wound, 17: denied — cystitis and the listed conditions are not this request's", HBOT,
     _req("initial", ["type 2 diabetes mellitus"], age=17, **WOUND), "denied", []),
    ("wound, met: approved", HBOT, _req("initial", ["type 2 diabetes mellitus"], **WOUND), "approved", []),
    ("no statement attested: the indication's statement stays the reviewer's", HBOT,
     _req("initial", ["type 2 diabetes mellitus"], age=17, **{"I.B": True}), "needs-review",
     [f"attestations.{P}II.A", f"attestations.{P}II.statement"]),
    ("a condition named otherwise (decompression sickness): held, never denied", HBOT,
     _req("initial", ["decompression sickness"], age=17, **{"I.statement": True}), "needs-review",
     [f"attestations.{P}III.A", f"attestations.{P}III.statement"]),
    ("a condition by the name in parentheses: approved by the list", HBOT,
     _req("initial", ["gas gangrene"], **{"III.statement": True}), "approved", []),
    ("no diagnoses: every listed condition is the reviewer's", HBOT,
     _req("initial", None, age=17, **{"I.statement": True}), "needs-review",
     [f"attestations.{P}II.A", f"attestations.{P}II.statement", f"attestations.{P}III.A", f"attestations.{P}III.B",
      f"attestations.{P}III.C", f"attestations.{P}III.statement"]),
    ("continued, over 60 sessions: denied by the continuation set alone", HBOT,
     _req("continued", ["type 2 diabetes mellitus"], **{"IV.statement": True, "IV.A": True, "IV.B": False}),
     "denied", []),
]  # fmt: skip


@pytest.mark.parametrize(("why", "path", "request_", "outcome", "missing"), CASES, ids=[c[0] for c in CASES])
def test_statement_conditions(why: str, path: Any, request_: dict[str, Any], outcome: str, missing: list[str]) -> None:
    decision = decide_file(path, dt.date(2026, 3, 1), request_)
    assert decision["outcome"] == outcome, decision
    assert decision["missing"] == missing, decision
