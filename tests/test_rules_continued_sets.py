"""A coverage statement that names no request kind, beside one that names continuation alone, is not a continued
request's: as a pharmacy policy's section I, it answers initial requests and those that name no kind.

Written from two medical policies of the Centene layout: ``decisions_names/infusion_pump.txt`` (*continuation of
… for members currently using one*) and ``decisions_continued/stimulator.txt`` (*continued use of …*, and a
non-coverage statement beside them, which still holds every request).  A continued request that fails the
continuation set is denied, not held for the first set's statement; one that names no kind is still decided by
the first set.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

PUMP = FIXTURES / "decisions_names" / "infusion_pump.txt"
STIM = FIXTURES / "decisions_continued" / "stimulator.txt"
P = "Policy-Criteria."


def _req(kind: str | None, diagnosis: str, age: int = 40, **attested: bool) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-04-01", "member": {"age": age}, "diagnoses": [diagnosis],
                               "attestations": {P + k: v for k, v in attested.items()}}  # fmt: skip
    if kind is not None:
        request["request"] = kind
    return request


CASES: list[Any] = [
    ("pump, continued, not used 3 months: denied by set II, set I is not a continued request's", PUMP,
     _req("continued", "type 1 diabetes mellitus", **{"II.statement": True, "II.A": False, "II.B": True}),
     "denied", []),
    ("pump, continued, set II's use unknown: only set II's criteria are asked", PUMP,
     _req("continued", "type 1 diabetes mellitus", **{"II.statement": True, "II.B": True}),
     "needs-review", [f"attestations.{P}II.A"]),
    ("pump, no kind named, meets set I: approved by it", PUMP,
     _req(None, "type 2 diabetes mellitus", **{"I.statement": True, "I.C": True}), "approved", []),
    ("pump, initial, meets set I", PUMP,
     _req("initial", "type 2 diabetes mellitus", **{"I.statement": True, "I.C": True}), "approved", []),
    ("stimulator, continued, more than 9 months: denied", STIM,
     _req("continued", "fracture nonunion", **{"II.statement": True, "II.A": True, "II.B": False}), "denied", []),
    ("stimulator, continued, met: approved by set II", STIM,
     _req("continued", "fracture nonunion", **{"II.statement": True, "II.A": True, "II.B": True}),
     "approved", []),
    ("stimulator, continued, set II's statement not attested: held for it alone", STIM,
     _req("continued", "fracture nonunion", **{"II.A": True, "II.B": True}),
     "needs-review", [f"attestations.{P}II.statement"]),
    ("stimulator, initial at 17: denied by set I", STIM,
     _req("initial", "fracture nonunion", age=17, **{"I.statement": True, "I.C": True}), "denied", []),
    ("stimulator, continued for a stress fracture: the non-coverage statement of the whole refuses its kind", STIM,
     _req("continued", "stress fractures", **{"II.statement": True, "II.A": True, "II.B": True}), "denied", []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("why", "path", "request_", "outcome", "missing"),
    CASES,
    ids=[getattr(c, "values", c)[0] for c in CASES],
)
def test_continued_sets(why: str, path: Any, request_: dict[str, Any], outcome: str, missing: list[str]) -> None:
    decision = decide_file(path, dt.date(2026, 3, 1), request_)
    assert decision["outcome"] == outcome, decision
    assert decision["missing"] == missing, decision
