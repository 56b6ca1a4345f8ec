"""A medical policy's statements as separate sets, and what a statement and a diagnosis criterion state of the member.

Decision table written from ``fixtures/statement_facts/sacral-nerve-stimulation.txt``: I. implantation *is medically
necessary when the member is age 18 years or older and meets all of the following: A. Diagnosis of moderate to
severe urinary urge incontinence; B. …; C. …*; II. replacement of the pulse generator *is medically necessary when
the existing generator has reached end of battery life …*; III. not medically necessary for stress urinary
incontinence, urinary retention due to a mechanical obstruction.

- a request attesting I's statement is a request for the implant: II (another service) is not its — it neither
  holds the request for review nor approves it;
- the age the statement requires after its *when* refuses the statement when the request states it and fails;
- *urinary urge incontinence* named without the severity I.A requires is the reviewer's (I.A's attestation answers
  it), never a denial by its name; *mild urinary urge incontinence* is not moderate to severe.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest

from policyvc.parser import parse_file
from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

POLICY = Path(__file__).parent / "fixtures" / "statement_facts" / "sacral-nerve-stimulation.txt"
P = "Policy-Criteria."
I_MET = {f"{P}I.statement": True, f"{P}I.A": True, f"{P}I.B": True, f"{P}I.C": True}
BASE: dict[str, Any] = {
    "date": "2026-03-02",
    "member": {"age": 50},
    "diagnoses": ["urinary urge incontinence"],
    "attestations": I_MET,
}
NO_DX = {k: v for k, v in I_MET.items() if k != f"{P}I.A"}

CASES = [
    ("implant, all of I met", {}, "approved", f"{P}I", {}, []),
    ("age 18, the edge", {"member": {"age": 18}}, "approved", f"{P}I", {}, []),
    ("age 17: the statement's age refuses I", {"member": {"age": 17}}, "denied", None,
     {f"{P}I": f"{P}I.statement", f"{P}II": f"{P}II.statement"}, []),
    ("age 17, no statement attested: II may be the request's",
     {"member": {"age": 17}, "attestations": {k: v for k, v in I_MET.items() if k != f"{P}I.statement"}},
     "needs-review", None, {f"{P}I": f"{P}I.statement"}, [f"attestations.{P}II.statement"]),
    ("I.C attested false", {"attestations": {**I_MET, f"{P}I.C": False}}, "denied", None,
     {f"{P}I": f"{P}I.C", f"{P}II": f"{P}II.statement"}, []),
    ("severity not given: I.A is the reviewer's", {"attestations": NO_DX}, "needs-review", None,
     {f"{P}II": f"{P}II.statement"}, [f"attestations.{P}I.A"]),
    ("mild urge incontinence", {"diagnoses": ["mild urinary urge incontinence"], "attestations": NO_DX}, "denied",
     None, {f"{P}I": f"{P}I.A", f"{P}II": f"{P}II.statement"}, []),
    ("generator replacement", {"attestations": {f"{P}II.statement": True}}, "approved", f"{P}II", {}, []),
]  # fmt: skip


@functools.cache
def _engines() -> tuple[Any, Interpreter]:
    policy = parse_file(POLICY)
    day = dt.date(2026, 2, 1)
    return load_module(render_module(policy, day, "0" * 64)), Interpreter(policy, day)


@pytest.mark.parametrize(("name", "change", "outcome", "set_id", "failed", "missing"), CASES, ids=[c[0] for c in CASES])
def test_statement_services(
    name: str, change: dict[str, Any], outcome: str, set_id: str | None, failed: dict[str, str], missing: list[str]
) -> None:
    request = {**BASE, **change}
    module, interpreter = _engines()
    decision = module.evaluate(request)
    assert decision == interpreter.evaluate(request), name
    assert (decision["outcome"], decision["set"]) == (outcome, set_id), name
    assert {k: v for k, v in decision["failed"].items() if not k.startswith("Refused")} == failed, name
    assert decision["missing"] == missing, name
