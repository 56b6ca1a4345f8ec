"""Numbers with their units, read as limits (a policy written for this table, as medical policies state them).

*Office systolic blood pressure between 120 and 159 mm Hg on at least two separate office visits* (a band in a
unit written with a space, the visits the reviewer's), *Body mass index (BMI) ≤ 40 kg/m²* (a unit with its
superscript), *Smoking history of at least 10 pack-years*, *The number of scans requested does not exceed 1 scan
per 5 years* (a frequency: ``dose.quantity`` over ``dose.days_supply``), and *Note: Medicaid requests are reviewed
against the state's criteria …* (a labelled note sending a line elsewhere).  A value outside a limit refuses; one
inside it meets it; one not given waits for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

from policyvc.rules.limits import _row

POLICY = DECISIONS / "readings" / "screening-numbers.txt"
VERSION = dt.date(2026, 9, 1)
SBP, BMI, PACKS = "office systolic blood pressure (mm hg)", "bmi (kg/m²)", "smoking history (pack-years)"
CLEAN = {SBP: 140, BMI: 31, PACKS: 25}


def _request(
    measures: dict[str, Any], quantity: int = 1, days: int | None = 1826, lob: str = "Commercial", visits: bool = True
) -> dict[str, Any]:
    dose: dict[str, Any] = {"quantity": quantity}
    if days is not None:
        dose["days_supply"] = days
    attestations = {"Policy-Statement.c1.statement": True}
    if visits:
        attestations["Policy-Statement.c1.2"] = True
    return {
        "date": "2026-10-01",
        "request": "initial",
        "member": {"age": 55, "line_of_business": lob},
        "measures": measures,
        "dose": dose,
        "attestations": attestations,
    }


# (request, expected outcome, the criterion that refuses it or what it waits for, the text that decides it)
TABLE: list[tuple[dict[str, Any], str, str, str]] = [
    (_request(CLEAN), "approved", "", "1-5 met"),
    (_request({**CLEAN, SBP: 159}), "approved", "", "2: 159 is between 120 and 159 mm Hg"),
    (_request({**CLEAN, SBP: 160}), "denied", "Policy-Statement.c1.2", "2 'between 120 and 159 mm Hg': 160"),
    (_request({**CLEAN, SBP: 119}), "denied", "Policy-Statement.c1.2", "2 'between 120 and 159 mm Hg': 119"),
    (_request(CLEAN, visits=False), "needs-review", "attestations.Policy-Statement.c1.2", "2: two visits unsaid"),
    (_request({BMI: 31, PACKS: 25}), "approved", "", "2: no SBP given, the reviewer attested the criterion"),
    (_request({BMI: 31, PACKS: 25}, visits=False), "needs-review", "attestations.Policy-Statement.c1.2", "2: nothing"),
    (_request({**CLEAN, BMI: 40}), "approved", "", "3: 40 ≤ 40 kg/m²"),
    (_request({**CLEAN, BMI: 40.1}), "denied", "Policy-Statement.c1.3", "3 'BMI ≤ 40 kg/m²': 40.1"),
    (_request({SBP: 140, PACKS: 25}), "needs-review", "measures.body mass index bmi (kg/m²)", "3: no BMI"),
    (_request({**CLEAN, PACKS: 10}), "approved", "", "4: 10 is at least 10 pack-years"),
    (_request({**CLEAN, PACKS: 9}), "denied", "Policy-Statement.c1.4", "4 'at least 10 pack-years': 9"),
    (_request(CLEAN, quantity=2, days=1826), "denied", "Policy-Statement.c1.5", "5 '1 scan per 5 years': 2"),
    (_request(CLEAN, quantity=2, days=None), "needs-review", "dose.days_supply", "5: 2 scans over unsaid days"),
    (_request(CLEAN, lob="Medicaid"), "needs-review", "", "Note: Medicaid requests reviewed by the state's"),
]


@pytest.mark.parametrize(("request_", "expected", "why_code", "why"), TABLE)
def test_numbers_and_units_as_limits(request_: dict[str, Any], expected: str, why_code: str, why: str) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == expected, (why, decision)
    if expected == "denied":
        assert why_code in decision["failed"].values(), why
    elif expected == "needs-review" and why_code:
        assert why_code in decision["missing"], (why, decision["missing"])
    elif expected == "needs-review":
        assert "reviewed against the state's criteria" in decision["reason"]


@pytest.mark.parametrize(
    ("line", "most", "period"),
    [
        ("Saxenda 18 mg/3 mL pen | 5 pens (15 mL) per 30 days", 5, "30 days"),
        ("Leqembi 500 mg/5 mL vial | 4 vials per 28 days", 4, "28 days"),
        ("Ozempic 2 mg/3 mL pen: 1 pen (3 mL) per 28 days", 1, "28 days"),
    ],
)
def test_a_quantity_row_with_its_volume_in_parentheses(line: str, most: int, period: str) -> None:
    """*5 pens (15 mL) per 30 days*: the volume the units hold says no other limit — 5 pens per 30 days."""
    assert [row[1:] for row in _row(line)] == [(most, period)]
