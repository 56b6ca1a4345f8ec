"""A drug listed with its other name in parentheses, *Dermavia is not prescribed concurrently with Otrexup® or
calcipotriene (Dovonex®)* (tests/decisions/readings/concurrent-other-name.txt, written for this table in the shape of
Centene's *Adakveo is not prescribed concurrently with Oxbryta® or L-glutamine (Endari®)*): the list is still the
rule — either name of a listed drug alongside refuses, none of them holds, not given is the reviewer's.  Decisions
from the text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "concurrent-other-name.txt"
VERSION = dt.date(2026, 3, 1)


def _request(concurrent: list[str] | None) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-05-01",
        "request": "initial",
        "drug": "Dermavia",
        "member": {"age": 40, "line_of_business": "Commercial"},
        "diagnoses": ["plaque psoriasis"],
        "prescriber": {"specialty": "dermatology"},
        "dose": {"amount": 30, "unit": "mg", "route": "PO", "frequency": "daily"},
    }
    if concurrent is not None:
        request["concurrent"] = concurrent
    return request


@pytest.mark.parametrize(
    ("concurrent", "expected"),
    [
        ([], "approved"),  # I.A.4: nothing alongside
        (["Dovonex"], "denied"),  # the listed drug by the name in parentheses
        (["calcipotriene"], "denied"),  # … and by its own
        (["Otrexup"], "denied"),
        (["ibuprofen"], "approved"),  # a drug the list does not name
        (None, "needs-review"),  # not given: the reviewer's (I.A.4's attestation)
    ],
)
def test_either_name_of_a_listed_drug_refuses(concurrent: list[str] | None, expected: str) -> None:
    assert decide_file(POLICY, VERSION, _request(concurrent))["outcome"] == expected
