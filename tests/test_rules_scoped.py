"""Criteria scoped to one line of business or to a subgroup of members, and a measure with another way to meet it
(tests/decisions/readings/scoped-measures.txt, in the form of a Centene pharmacy policy) — decided from the text,
through the generated module and the interpreter.

*For Medicaid requests, member has a hemoglobin A1c (HbA1c) < 10% or documentation that diabetes mellitus is not
present*: a Commercial request is not held to it; a Medicaid one with HbA1c under 10 meets it; 10 or over leaves the
documentation alternative to the reviewer (never refused by the number); none given, the reviewer's.

*For members with chronic kidney disease, estimated glomerular filtration rate (eGFR) ≥ 30 mL/min/1.73 m2*: a member
the request names with chronic kidney disease (or a narrower name closing on it) is held to it — 29 is denied, 30
meets it. A request that does not name the subgroup does not say the member is outside it (``diagnoses`` are what
the request is for): the reviewer's, answered by the criterion's attestation — never lifted by a guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "scoped-measures.txt"
VERSION = dt.date(2026, 8, 1)
HYPERLIPIDEMIA, CKD = "primary hyperlipidemia", "chronic kidney disease"


def _request(
    line: str | None, diagnoses: list[str], measures: dict[str, float], attestations: dict[str, bool] | None = None
) -> dict[str, Any]:
    member: dict[str, Any] = {"age": 60}
    if line is not None:
        member["line_of_business"] = line
    request: dict[str, Any] = {
        "date": "2026-10-01",
        "request": "initial",
        "drug": "Lipoxa",
        "member": member,
        "diagnoses": diagnoses,
        "measures": {"ldl-c (mg/dl)": 95, **measures},
        "dose": {"amount": 180, "unit": "mg", "route": "PO", "frequency": "daily"},
    }
    if attestations:
        request["attestations"] = attestations
    return request


@pytest.mark.parametrize(
    ("line", "measures", "attested", "outcome"),
    [
        ("Commercial", {}, None, "approved"),  # not a Medicaid request: not held to the HbA1c
        ("Commercial", {"hba1c %": 11}, None, "approved"),
        ("HIM", {"hba1c %": 12}, None, "approved"),
        ("Medicaid", {"hba1c %": 9.9}, None, "approved"),  # under 10: met
        ("Medicaid", {"hemoglobin a1c %": 9.9}, None, "approved"),  # (by its other name)
        ("Medicaid", {"hba1c %": 10}, None, "needs-review"),  # one step outside: the documentation is the reviewer's
        ("Medicaid", {"hba1c %": 10}, True, "approved"),  # the reviewer found it documented
        ("Medicaid", {"hba1c %": 10}, False, "denied"),
        ("Medicaid", {}, None, "needs-review"),  # no HbA1c given
        (None, {"hba1c %": 10}, None, "needs-review"),  # the line of business not given
    ],
)
def test_a_measure_for_one_line_of_business(
    line: str | None, measures: dict[str, float], attested: bool | None, outcome: str
) -> None:
    answers = {"I.A.5": True} if attested is None else {"I.A.4": attested, "I.A.5": True}  # (I.A.5: no CKD)
    decision = decide_file(POLICY, VERSION, _request(line, [HYPERLIPIDEMIA], measures, answers))
    assert decision["outcome"] == outcome, decision
    if outcome == "denied":
        assert decision["failed"]["I.A"] == "I.A.4"
    if outcome == "needs-review":
        assert decision["missing"]
    assert "unknown_measures" not in decision


@pytest.mark.parametrize(
    ("diagnoses", "egfr", "attested", "outcome"),
    [
        ([HYPERLIPIDEMIA, CKD], 29, None, "denied"),  # one step outside the subgroup's bound
        ([HYPERLIPIDEMIA, CKD], 29, True, "needs-review"),  # an attestation the facts contradict: never approved
        ([HYPERLIPIDEMIA, CKD], 30, None, "approved"),
        ([CKD], 45, None, "approved"),
        # a narrower name closing on it: held to it, I.A refused — a diagnosis the policy does not name is the
        # other diagnoses' set's (its referral the reviewer's)
        ([HYPERLIPIDEMIA, "stage 3 chronic kidney disease"], 29, None, "needs-review"),
        ([HYPERLIPIDEMIA, CKD], None, None, "needs-review"),  # of the subgroup, no eGFR given
        ([HYPERLIPIDEMIA], 20, None, "needs-review"),  # whether the member has CKD: the request does not say
        ([HYPERLIPIDEMIA], None, None, "needs-review"),
        ([HYPERLIPIDEMIA], 20, True, "approved"),  # the reviewer answers it (the member has no CKD)
        ([HYPERLIPIDEMIA], None, True, "approved"),
        ([HYPERLIPIDEMIA], None, False, "denied"),
        ([HYPERLIPIDEMIA, "diabetic nephropathy"], 20, None, "needs-review"),
    ],
)
def test_a_measure_for_a_subgroup(
    diagnoses: list[str], egfr: float | None, attested: bool | None, outcome: str
) -> None:
    measures = {} if egfr is None else {"egfr (ml/min/1.73 m2)": egfr}
    answers = None if attested is None else {"I.A.5": attested}
    decision = decide_file(POLICY, VERSION, _request("Commercial", diagnoses, measures, answers))
    assert decision["outcome"] == outcome, decision
    if attested and outcome == "needs-review":
        assert [c["criterion"] for c in decision["conflicts"]] == ["I.A.5"]
    elif outcome == "denied" or (egfr is not None and egfr < 30 and diagnoses[-1].endswith(CKD)):
        assert decision["failed"]["I.A"] == "I.A.5"
    if outcome == "needs-review" and attested is None and not diagnoses[-1].endswith(CKD):
        assert "attestations.I.A.5" in decision["missing"]  # whether the member is of the subgroup: the reviewer's


def test_a_measure_no_criterion_compares_is_named() -> None:
    request = _request("Commercial", [HYPERLIPIDEMIA], {"bmi (kg/m2)": 31}, {"I.A.5": True})
    decision = decide_file(POLICY, VERSION, request)
    assert decision["outcome"] == "approved" and decision["unknown_measures"] == ["bmi (kg/m2)"]
