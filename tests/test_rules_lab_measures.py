"""Lab values and counts the member has, read as measures: a decision table written from the text of
``tests/fixtures/lab_measures/ostavimab.txt`` (a CP.PHAR policy of our own).

- *Member has a serum phosphorus level < 2.5 mg/dL*: the measure is the measured quantity,
  ``serum phosphorus level (mg/dl)`` — never the sentence's subject and verb;
- *Member has an estimated glomerular filtration rate (eGFR) ≥ 30 mL/min/1.73 m2*: a unit per body surface, an
  abbreviation opening in lower case (``egfr (ml/min/1.73 m2)`` by its other name);
- *… (TRP) functional level < 85% of normal*: a share of normal, by the abbreviation in the words' place
  (``trp functional level %``);
- *Member has experienced ≥ 2 fractures per year*: a count per period;
- *… ≥ 150 U/L drawn within the past 90 days*: the value computed, its window the reviewer's;
- *… ≥ 1 and ≤ 4 mg/kg/day with no history of nephrocalcinosis*: a band, the words after it the reviewer's.

Each limit is probed one step outside (must not approve) and at its edge.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

POLICY = FIXTURES / "lab_measures" / "ostavimab.txt"
P, EGFR, TRP, FX, ALP = (
    "serum phosphorus level (mg/dl)",
    "egfr (ml/min/1.73 m2)",
    "trp functional level %",
    "fractures per year",
    "alkaline phosphatase (u/l)",
)
UCA = "urine calcium (mg/kg/day)"

BASE: dict[str, Any] = {
    "date": "2026-04-01",
    "request": "initial",
    "drug": "Phosvira",
    "diagnoses": ["familial hypophosphatemic rickets"],
    "prescriber": {"specialty": "endocrinology"},
    "member": {"age": 8, "weight_kg": 30, "line_of_business": "Commercial"},
    "measures": {P: 2.0, EGFR: 90, TRP: 60, FX: 3, ALP: 400},
    "dose": {"amount": 2, "unit": "mg/kg", "route": "SC", "frequency": "every 2 weeks"},
    "attestations": {"I.A.8": True},
}


def _with(measures: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    out = {**BASE, **changes}
    if measures is not None:
        out["measures"] = {**BASE["measures"], **measures}
    return out


CONTINUED: dict[str, Any] = {
    **BASE,
    "request": "continued",
    "measures": {P: 3.0, UCA: 2},
    "attestations": {"II.A.1": True, "II.A.3": True},
}

CASES: list[tuple[str, dict[str, Any], str]] = [
    ("every criterion met, the window attested", BASE, "approved"),
    ("the window of the alkaline phosphatase not attested", {**BASE, "attestations": {}}, "needs-review"),
    ("phosphorus 2.5 is not < 2.5", _with({P: 2.5}), "denied"),
    ("phosphorus 2.49", _with({P: 2.49}), "approved"),
    ("phosphorus not given", {**BASE, "measures": {EGFR: 90, TRP: 60, FX: 3, ALP: 400}}, "needs-review"),
    ("eGFR 29", _with({EGFR: 29}), "denied"),
    ("eGFR 30 at its edge", _with({EGFR: 30}), "approved"),
    ("eGFR by its whole words", {**BASE, "measures": {P: 2.0, TRP: 60, FX: 3, ALP: 400,
                                                     "estimated glomerular filtration rate (ml/min/1.73 m2)": 29}},
     "denied"),
    ("TRP 85% of normal is not < 85", _with({TRP: 85}), "denied"),
    ("1 fracture a year, under 2", _with({FX: 1}), "denied"),
    ("2 fractures a year at the edge", _with({FX: 2}), "approved"),
    ("alkaline phosphatase 149, the window attested: denied whenever drawn", _with({ALP: 149}), "denied"),
    ("continued: phosphorus 3, calcium within, the words attested", CONTINUED, "approved"),
    ("continued: phosphorus 5.1", {**CONTINUED, "measures": {P: 5.1, UCA: 2}}, "denied"),
    ("continued: urine calcium 4.1, over the band whatever is attested", {**CONTINUED, "measures": {P: 3, UCA: 4.1}},
     "denied"),
    ("continued: urine calcium 0.9, under the band", {**CONTINUED, "measures": {P: 3, UCA: 0.9}}, "denied"),
    ("continued: within the band, its words not attested",
     {**CONTINUED, "attestations": {"II.A.1": True}}, "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_lab_values_and_counts_decide(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, dt.date(2026, 3, 1), request_)
    assert decision["outcome"] == outcome, decision
