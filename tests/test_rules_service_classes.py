"""A statement naming a class of services beside one naming procedures of it: the class may be the request's.

Decision table written from ``fixtures/statement_facts/refractive-surgery-classes.txt``: I. *photorefractive
keratectomy and laser in situ keratomileusis are medically necessary when the member is age 18 years or older and
meets all of the following: A. …; B. …; C. …*; II. *refractive surgery is medically necessary for members younger
than 18 years meeting all of the following: A. …; B. …; C. …*; III. *radial keratotomy is not medically necessary*.

Keratectomy and keratomileusis are refractive surgery, which the words alone do not tell: a request attesting I's
statement (a keratectomy) for a member of 16 is not denied by I's age while II, whose statement nobody answered,
may still approve it — a reviewer tells; II's statement attested false denies, attested true decides by II.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest

from policyvc.parser import parse_file
from policyvc.rules.body import same_service
from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

POLICY = Path(__file__).parent / "fixtures" / "statement_facts" / "refractive-surgery-classes.txt"
P = "Policy-Criteria."
I_MET = {f"{P}I.statement": True, f"{P}I.A": True, f"{P}I.B": True, f"{P}I.C": True}
II_MET = {f"{P}II.A": True, f"{P}II.B": True, f"{P}II.C": True}
BASE: dict[str, Any] = {"date": "2026-04-01", "member": {"age": 30}, "diagnoses": ["anisometropia"]}

CASES = [
    ("adult keratectomy, all of I met", {"attestations": I_MET}, "approved", f"{P}I"),
    ("age 18, the edge", {"member": {"age": 18}, "attestations": I_MET}, "approved", f"{P}I"),
    ("age 16, keratectomy, II's criteria met, II's statement not answered: a reviewer's",
     {"member": {"age": 16}, "attestations": {**I_MET, **II_MET}}, "needs-review", None),
    ("age 16, keratectomy, nothing of II answered", {"member": {"age": 16}, "attestations": I_MET}, "needs-review",
     None),
    ("age 16, II's statement attested false", {"member": {"age": 16},
     "attestations": {**I_MET, **II_MET, f"{P}II.statement": False}}, "denied", None),
    ("age 16, II's statement and criteria attested", {"member": {"age": 16},
     "attestations": {**II_MET, f"{P}II.statement": True}}, "approved", f"{P}II"),
    ("age 16, II.B attested false", {"member": {"age": 16},
     "attestations": {**II_MET, f"{P}II.statement": True, f"{P}II.B": False}}, "denied", None),
]  # fmt: skip


@functools.cache
def _engines() -> tuple[Any, Interpreter]:
    policy = parse_file(POLICY)
    day = dt.date(2026, 3, 2)
    return load_module(render_module(policy, day, "0" * 64)), Interpreter(policy, day)


@pytest.mark.parametrize(("name", "change", "outcome", "set_id"), CASES, ids=[c[0] for c in CASES])
def test_service_classes(name: str, change: dict[str, Any], outcome: str, set_id: str | None) -> None:
    request = {**BASE, **change}
    module, interpreter = _engines()
    decision = module.evaluate(request)
    assert decision == interpreter.evaluate(request), name
    assert (decision["outcome"], decision["set"]) == (outcome, set_id), name


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("bariatric surgery", "laparoscopic sleeve gastrectomy", True),  # a class and a procedure of it, maybe
        ("genetic testing", "BRCA1 and BRCA2 sequencing analysis", True),
        ("implantation of a sacral nerve stimulation system", "replacement of the pulse generator", False),
        ("photorefractive keratectomy", "radial keratotomy", False),
        ("outpatient physical therapy services for adults", "speech therapy", True),  # ("speech therapy": a class)
    ],
)
def test_same_service(one: str, other: str, same: bool) -> None:
    assert same_service(one, other) is same
    assert same_service(other, one) is same
