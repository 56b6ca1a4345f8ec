"""Measures beside a judgment's words in another payer's medical policy: a decision table written from the text of
``tests/fixtures/lab_measures/sleep-device.txt`` (a policy of our own, as a plan's web page prints one).

- *Apnea-hypopnea index (AHI) ≥ 15 events per hour*: a rate in words is the unit; where another criterion names
  the measure by its abbreviation alone (*AHI ≥ 5 …*) that is its name, ``ahi (events per hour)``, and the whole
  words are another name of it;
- *AHI ≥ 5 and ≤ 14 events per hour with at least one of the following: …*: a band, the words after it the
  reviewer's; a value outside the band refuses whatever is attested, and without the value the criterion's
  attestation answers it (a computed criterion's attestation settles it when the fact is absent);
- *BMI ≥ 18 kg/m2 with a documented stable weight over 6 months*: the number computed, the words the reviewer's;
- *Stable chronic heart failure with left ventricular ejection fraction (LVEF) ≤ 35% and …*: the measure is the
  quantity after *with* (``lvef %`` by its abbreviation), the condition before it the reviewer's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

POLICY = FIXTURES / "lab_measures" / "sleep-device.txt"
SET = "Policy-Statement.c1"
AHI, BMI, LVEF, WAKE = "ahi (events per hour)", "bmi (kg/m2)", "lvef %", "nocturnal awakenings per week"
ALL = {f"{SET}.statement": True, f"{SET}.2.b": True, f"{SET}.4": True, f"{SET}.5": True, f"{SET}.6": True}
BASE: dict[str, Any] = {
    "date": "2026-12-01",
    "member": {"age": 50},
    "measures": {AHI: 22, BMI: 30, LVEF: 30, WAKE: 4},
    "attestations": ALL,
}


def _with(attestations: dict[str, bool] | None = None, **measures: float) -> dict[str, Any]:
    out = {**BASE, "measures": {**BASE["measures"], **measures}}
    if attestations is not None:
        out["attestations"] = attestations
    return out


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("every criterion met", BASE, "approved"),
    ("AHI 15 at the edge of a", _with(**{AHI: 15}), "approved"),
    ("AHI 14: b, its words attested", _with(**{AHI: 14}), "approved"),
    ("AHI 14: b, its words not attested", _with({**ALL, f"{SET}.2.b": False}, **{AHI: 14}), "denied"),
    ("AHI 4: under both, whatever is attested", _with(**{AHI: 4}), "denied"),
    ("AHI by its whole words", {**BASE, "measures": {"apnea-hypopnea index ahi (events per hour)": 4, BMI: 30,
                                                     LVEF: 30, WAKE: 4}}, "denied"),
    ("AHI by the words without the abbreviation", {**BASE, "measures": {"apnea-hypopnea index (events per hour)": 22,
                                                                        BMI: 30, LVEF: 30, WAKE: 4}},
     "approved"),
    ("AHI not given: b's attestation answers it", {**BASE, "measures": {BMI: 30, LVEF: 30, WAKE: 4}}, "approved"),
    ("AHI not given, b not attested", {**BASE, "measures": {BMI: 30, LVEF: 30, WAKE: 4},
                                       "attestations": {k: v for k, v in ALL.items() if k != f"{SET}.2.b"}},
     "needs-review"),
    ("BMI 40 is not < 40", _with(**{BMI: 40}), "denied"),
    ("BMI 17.9, the stable weight attested", _with(**{BMI: 17.9}), "denied"),
    ("BMI 18 at the edge", _with(**{BMI: 18}), "approved"),
    ("BMI within, the stable weight not attested", _with({k: v for k, v in ALL.items() if k != f"{SET}.4"}),
     "needs-review"),
    ("LVEF 36, heart failure attested", _with(**{LVEF: 36}), "denied"),
    ("LVEF 35 at the edge", _with(**{LVEF: 35}), "approved"),
    ("LVEF by its whole words", {**BASE, "measures": {AHI: 22, BMI: 30, WAKE: 4,
                                                      "left ventricular ejection fraction lvef %": 36}}, "denied"),
    ("LVEF within, the heart failure words not attested",
     _with({k: v for k, v in ALL.items() if k != f"{SET}.5"}), "needs-review"),
    ("2 awakenings a week, the months attested", _with(**{WAKE: 2}), "denied"),
    ("3 awakenings a week at the edge", _with(**{WAKE: 3}), "approved"),
    ("awakenings within, the months not attested", _with({k: v for k, v in ALL.items() if k != f"{SET}.6"}),
     "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_measures_beside_words_decide(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, dt.date(2026, 11, 1), request_)
    assert decision["outcome"] == outcome, decision
