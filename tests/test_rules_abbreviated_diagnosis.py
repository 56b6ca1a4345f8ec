"""A diagnosis requested by the abbreviation the criterion gives it in parentheses is never denied by that criterion.

The policy (``decisions/abbreviations/named-with-abbreviations.txt``, a plan's guideline written for this table)
names two diseases in one criterion, each with its abbreviation: *Member is diagnosed with generalized myasthenia
gravis (gMG) or established chronic inflammatory demyelinating polyneuropathy (CIDP)*.  A request naming ``gMG``,
``CIDP`` or either name in full meets the criterion or is the reviewer's — the criterion's own words are never a
denial; a disease the policy does not name is.  (Before, the first abbreviation was read inside one long name made
of both, and a request naming it was denied.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "abbreviations" / "named-with-abbreviations.txt"
DAY = dt.date(2026, 5, 14)


def _request(diagnosis: str) -> dict[str, Any]:
    return {
        "date": "2026-06-01",
        "request": "initial",
        "drug": "Vyvgart",
        "member": {"age": 44, "line_of_business": "Commercial"},
        "diagnoses": [diagnosis],
        "concurrent": [],
        "dose": {"quantity": 4, "days_supply": 28},
    }


@pytest.mark.parametrize(
    "diagnosis",
    [
        "gMG",
        "CIDP",
        "generalized myasthenia gravis",
        "chronic inflammatory demyelinating polyneuropathy",
    ],
)
def test_a_name_the_criterion_gives_is_never_denied(diagnosis: str) -> None:
    assert decide_file(POLICY, DAY, _request(diagnosis))["outcome"] in {"approved", "needs-review"}


@pytest.mark.parametrize("diagnosis", ["systemic lupus erythematosus", "multifocal motor neuropathy"])
def test_a_disease_the_policy_does_not_name_is_denied(diagnosis: str) -> None:
    assert decide_file(POLICY, DAY, _request(diagnosis))["outcome"] == "denied"
