"""Steps written as a trial the member *has had* — a decision table written from
``tests/decisions/readings/had-a-trial-of.txt``:

- *Member has had a trial of colesevelam, unless contraindicated or clinically significant adverse effects are
  experienced* is a step read from ``therapies``: ``failed`` (tried), ``contraindicated`` or ``adverse-effects``
  hold it; ``not-tried`` refuses it whatever is attested; not given, it is the reviewer's;
- *Member has had a trial of THREE of the following for at least 8 weeks each, unless …: lovastatin, fluvastatin,
  atorvastatin, rosuvastatin* — a count written without *at least* — needs three alternatives: fewer left once
  ``not-tried`` is set aside refuses it whatever is attested; three tried, the trials' length is the reviewer's
  (``attestations.I.A.3``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "readings" / "had-a-trial-of.txt"
VERSION = dt.date(2026, 3, 1)
STATINS = {"lovastatin": "failed", "fluvastatin": "adverse-effects", "atorvastatin": "failed"}


def _request(therapies: dict[str, str], attested: bool | None = True) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Lipravo",
        "member": {"age": 50, "line_of_business": "Commercial"},
        "diagnoses": ["primary hyperlipidemia"],
        "therapies": therapies,
        "dose": {"quantity": 30, "days_supply": 30},
    }
    if attested is not None:
        request["attestations"] = {"I.A.3": attested}
    return request


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("three statins tried, colesevelam tried, trial length attested", _request(STATINS | {"colesevelam": "failed"}),
     "approved"),
    ("colesevelam contraindicated", _request(STATINS | {"colesevelam": "contraindicated"}), "approved"),
    ("colesevelam not tried: denied whatever is attested", _request(STATINS | {"colesevelam": "not-tried"}),
     "denied"),
    ("colesevelam not stated: the reviewer's", _request(STATINS), "needs-review"),
    ("two statins tried, the others not: denied whatever is attested",
     _request({"lovastatin": "failed", "atorvastatin": "failed", "fluvastatin": "not-tried",
               "rosuvastatin": "not-tried", "colesevelam": "failed"}), "denied"),
    ("three statins tried, the trials' length not attested", _request(STATINS | {"colesevelam": "failed"}, None),
     "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_had_a_trial_of(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, VERSION, request_)
    assert decision["outcome"] == outcome, decision
