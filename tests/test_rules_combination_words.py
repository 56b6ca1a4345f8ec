"""*Not used in combination with* is the concurrent-use criterion *not prescribed concurrently with* is.

Two wordings of one criterion (``tests/fixtures/decisions_combination/``): *Norvexa will not be used in combination
with another biologic (e.g., adalimumab, etanercept, ustekinumab)* and *… must not be administered in combination
with …*.  A drug the examples name alongside denies; none alongside meets it; a drug they do not name may or may
not be of the class, so it is the reviewer's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

HERE = FIXTURES / "decisions_combination"
WORDINGS = [HERE / "used_in_combination.txt", HERE / "administered_in_combination.txt"]


def _request(concurrent: list[str]) -> dict[str, Any]:
    return {
        "date": "2026-04-01",
        "request": "initial",
        "member": {"age": 40, "line_of_business": "Commercial"},
        "diagnoses": ["plaque psoriasis"],
        "prescriber": {"specialty": "dermatology"},
        "therapies": {"methotrexate": "contraindicated"},
        "concurrent": concurrent,
        "dose": {"amount": 160, "unit": "mg", "route": "SC", "frequency": "every 4 weeks"},
    }


CASES = [
    ("nothing alongside: approved", [], "approved", []),
    ("adalimumab alongside, an example the text names: denied", ["adalimumab"], "denied", []),
    ("secukinumab, not among the examples: the reviewer's", ["secukinumab"], "needs-review", ["attestations.I.A.5"]),
]


@pytest.mark.parametrize("path", WORDINGS, ids=[p.stem for p in WORDINGS])
@pytest.mark.parametrize(("why", "concurrent", "outcome", "missing"), CASES, ids=[c[0] for c in CASES])
def test_in_combination(path: Any, why: str, concurrent: list[str], outcome: str, missing: list[str]) -> None:
    decision = decide_file(path, dt.date(2026, 3, 1), _request(concurrent))
    assert decision["outcome"] == outcome, decision
    assert decision["missing"] == missing, decision
