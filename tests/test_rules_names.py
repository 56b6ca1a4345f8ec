"""Decisions on diagnoses and step-therapy drugs however a request spells them, and a continued-use statement.

Written from two policies of our own (``tests/fixtures/decisions_names``):

- ``zorbatide.txt`` (a CP.PHAR policy): ``stage 3 or stage 4 chronic kidney disease`` names each stage's disease;
  ``peripheral neuropathy or autonomic neuropathy secondary to Sjögren’s syndrome`` states each neuropathy
  secondary to it (a bare ``peripheral neuropathy`` is the reviewer's), matched with or without the apostrophe,
  the mark on the ``o`` and the case; a name without the stage (``chronic kidney disease``) is denied as
  before. A step ``for at least 8 weeks`` or ``a ≥ 2 month trial of a tricyclic antidepressant (TCA)`` is keyed
  by the drug or the class's abbreviation; ``failed`` leaves the trial's length to the reviewer, a
  contraindication or adverse effects do not, ``not-tried`` denies; a two-word drug name is read whole.
- ``infusion_pump.txt`` (a CP.MP policy): ``type 1 or type 2 diabetes mellitus`` is either type; the statement
  ``continuation of … for members currently using one`` is the continued requests' set only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_support import decide_file

ZORBATIDE = FIXTURES / "decisions_names" / "zorbatide.txt"
PUMP = FIXTURES / "decisions_names" / "infusion_pump.txt"
P = "Policy-Criteria."


def zorbatide(diagnosis: str, therapies: dict[str, str], **attested: bool) -> dict[str, Any]:
    request = {
        "date": "2026-04-01", "request": "initial", "member": {"age": 40}, "diagnoses": [diagnosis],
        "dose": {"amount": 20, "unit": "mg", "route": "PO", "frequency": "once daily"}, "therapies": therapies,
        "attestations": attested,
    }  # fmt: skip
    return decide_file(ZORBATIDE, dt.date(2026, 3, 1), request)


def pump(kind: str, diagnosis: str, age: int = 40, **attested: bool) -> dict[str, Any]:
    request = {"date": "2026-04-01", "request": kind, "member": {"age": age}, "diagnoses": [diagnosis],
               "attestations": {P + k: v for k, v in attested.items()}}  # fmt: skip
    return decide_file(PUMP, dt.date(2026, 3, 1), request)


_PUMP_I = {"I.statement": True, "I.C": True}
CASES: list[tuple[str, dict[str, Any], str, list[str]]] = [
    # (why, decision, outcome, what is missing)
    ("stage 3 named by 'stage 3 or stage 4 …'; the trial's length attested",
     zorbatide("Stage 3 chronic kidney disease", {"lisinopril": "failed"}, **{"I.A.3": True}), "approved", []),
    ("stage 4 by its abbreviation; contraindicated needs no trial",
     zorbatide("stage 4 CKD", {"Lisinopril": "contraindicated"}), "approved", []),
    ("failed: the 8 weeks are the reviewer's", zorbatide("stage 3 chronic kidney disease", {"lisinopril": "failed"}),
     "needs-review", ["attestations.I.A.3"]),
    ("not tried: denied", zorbatide("stage 3 chronic kidney disease", {"lisinopril": "not-tried"}), "denied", []),
    ("stage 5 is neither stage", zorbatide("stage 5 chronic kidney disease", {"lisinopril": "contraindicated"}),
     "denied", []),
    ("no stage given: not the stage the criterion states",
     zorbatide("chronic kidney disease", {"lisinopril": "contraindicated"}), "denied", []),
    ("the neuropathy secondary to it, without the mark on the o; the class by its abbreviation",
     zorbatide("Autonomic neuropathy secondary to Sjogren's syndrome", {"TCA": "adverse-effects"}), "approved", []),
    ("upper case, no apostrophe, two spaces; the class not tried: denied",
     zorbatide("peripheral  neuropathy secondary to SJÖGRENS syndrome", {"TCA": "not-tried"}), "denied", []),
    ("a bare neuropathy: what it is secondary to is the reviewer's",
     zorbatide("peripheral neuropathy", {"TCA": "adverse-effects"}), "needs-review", ["attestations.I.B.1"]),
    ("a drug of the class by its own name is not known to be of it",
     zorbatide("autonomic neuropathy secondary to Sjögren’s syndrome", {"amitriptyline": "adverse-effects"}),
     "needs-review", ["attestations.I.B.3", "therapies.TCA"]),
    ("'herpes' is no plural; a two-word drug read whole",
     zorbatide("Herpes Simplex Keratitis", {"azathioprine sodium": "failed"}), "approved", []),
    ("the two-word drug not tried", zorbatide("herpes simplex keratitis", {"azathioprine sodium": "not-tried"}),
     "denied", []),
    ("type 1 named by 'type 1 or type 2 …'", pump("initial", "Type 1 Diabetes Mellitus", **_PUMP_I), "approved", []),
    ("type 2 named with 'mellitus'", pump("initial", "type 2 diabetes mellitus", **_PUMP_I), "approved", []),
    ("another diabetes is neither type", pump("initial", "gestational diabetes mellitus", **_PUMP_I), "denied", []),
    ("'diabetes' said without 'mellitus'", pump("initial", "type 2 diabetes", **_PUMP_I), "approved", []),
    ("diabetes insipidus is no diabetes mellitus", pump("initial", "diabetes insipidus", **_PUMP_I), "denied", []),
    ("an initial request that fails set I is denied: set II is for continued requests",
     pump("initial", "type 1 diabetes mellitus", age=5, **_PUMP_I), "denied", []),
    ("a continued request meets set II", pump("continued", "type 1 diabetes mellitus",
                                              **{"II.statement": True, "II.A": True, "II.B": True}), "approved", []),
]  # fmt: skip


@pytest.mark.parametrize(("why", "decision", "outcome", "missing"), CASES, ids=[c[0] for c in CASES])
def test_names_and_steps(why: str, decision: dict[str, Any], outcome: str, missing: list[str]) -> None:
    assert decision["outcome"] == outcome, why
    assert decision["missing"] == missing, why


_SPELLINGS = st.sampled_from(
    ["Autonomic neuropathy secondary to Sjögren’s syndrome", "autonomic neuropathy secondary to Sjogren's syndrome",
     "AUTONOMIC NEUROPATHY SECONDARY TO SJOGRENS SYNDROME", "autonomic neuropathy secondary to sjögren syndrome"]
)  # fmt: skip


@settings(max_examples=30, deadline=None)
@given(_SPELLINGS, st.integers(min_value=0, max_value=3), st.booleans())
def test_a_named_diagnosis_matches_in_any_case_apostrophe_or_spacing(name: str, spaces: int, upper: bool) -> None:
    spelled = (" " * spaces).join(["", *name.split(), ""]).replace("  ", " " * (spaces + 1)) if spaces else name
    spelled = spelled.upper() if upper else spelled
    assert zorbatide(spelled, {"TCA": "contraindicated"})["outcome"] == "approved"
