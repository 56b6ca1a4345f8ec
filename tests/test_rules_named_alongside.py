"""Products named for what may not be given alongside, beside a class or in an exclusion list.

The policy (a plan's pharmacy criteria, ``decisions/alongside/named-products.txt``) was written for this table:
*Verquvo is not prescribed concurrently with Adempas® or a phosphodiesterase-5 inhibitor (e.g., sildenafil,
tadalafil)* refuses the product it names as it refuses the class's examples (a drug it does not name may be of the
class: the reviewer's); an exclusion's items *Concurrent use with isosorbide mononitrate (Imdur)* and *Concurrent
use with Corlanor* refuse a request giving either name alongside, whatever is attested of the limits; and *The
member has a diagnosis of one of the following:* reads its items as the diagnoses they name, as *Diagnosis of one
of the following* does; *The member has had ≥ 1 hospitalization for heart failure requiring intravenous diuretics in
the past 6 months* is a count in a window, named with its whole subject.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "alongside" / "named-products.txt"
DAY = dt.date(2026, 5, 1)
SET = "Initial-Authorization.c1"
# 5. The member has had ≥ 1 hospitalization for heart failure requiring intravenous diuretics in the past 6 months.
WINDOW = "hospitalization for heart failure requiring intravenous diuretics in the past 6 months"


def _request(
    concurrent: list[str], diagnosis: str = "worsening chronic heart failure", **attested: bool
) -> dict[str, Any]:
    answers = {f"{SET}.limits": True}
    answers.update({f"{SET}.{k}": v for k, v in attested.items()})
    return {
        "date": "2026-06-01",
        "request": "initial",
        "drug": "Verquvo",
        "member": {"age": 60, "line_of_business": "Commercial"},
        "diagnoses": [diagnosis],
        "concurrent": concurrent,
        "dose": {"amount": 10, "unit": "mg", "route": "PO", "frequency": "once daily"},
        "measures": {WINDOW: 1},
        "attestations": answers,
    }


CASES: list[tuple[str, dict[str, Any], str, str | None]] = [
    # (why, request, outcome, the criterion or exclusion that refused it)
    ("nothing alongside", _request([]), "approved", None),
    ("the product named beside the class", _request(["Adempas"]), "denied", f"{SET}.3"),
    ("an example of the class", _request(["sildenafil"]), "denied", f"{SET}.3"),
    ("another drug: perhaps of the class", _request(["metoprolol"]), "needs-review", None),
    ("another drug, attested not of the class", _request(["metoprolol"], **{"3": True}), "approved", None),
    ("an excluded product by its generic name", _request(["isosorbide mononitrate"]), "denied", "Exclusions.c1"),
    ("an excluded product by its brand", _request(["Imdur"]), "denied", "Exclusions.c1"),
    ("an excluded brand named alone", _request(["Corlanor"]), "denied", "Exclusions.c1"),
    ("the diagnosis group's item by its abbreviation", _request([], "WCHF"), "approved", None),
]  # fmt: skip


@pytest.mark.parametrize(("why", "request_", "outcome", "refused"), CASES, ids=[c[0] for c in CASES])
def test_products_named_alongside(why: str, request_: dict[str, Any], outcome: str, refused: str | None) -> None:
    decision = decide_file(POLICY, DAY, request_)
    assert decision["outcome"] == outcome, why
    if refused is not None:
        assert refused in (decision["failed"].get(SET), *decision["failed"]), why


def test_an_exclusion_holds_whatever_the_limits_attestation_says() -> None:
    request = _request(["Imdur"])
    assert request["attestations"][f"{SET}.limits"] is True
    assert decide_file(POLICY, DAY, request)["outcome"] == "denied"


def test_a_product_not_stated_alongside_is_not_cleared() -> None:
    request = _request([])
    del request["concurrent"]
    decision = decide_file(POLICY, DAY, request)
    assert decision["outcome"] == "needs-review"
    assert "concurrent" in decision["missing"]


def test_a_count_in_a_window_named_with_its_long_subject() -> None:
    # (the count is named by what it counts and its window, however many words that takes)
    request = _request([])
    request["measures"] = {WINDOW: 0}
    decision = decide_file(POLICY, DAY, request)
    assert decision["outcome"] == "denied"
    assert decision["failed"][SET] == f"{SET}.5"
    del request["measures"]
    decision = decide_file(POLICY, DAY, request)
    assert decision["outcome"] == "needs-review"
    assert f"measures.{WINDOW}" in decision["missing"]
