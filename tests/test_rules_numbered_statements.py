"""A medical policy whose coverage is numbered statements with no lead-in above them (tests/decisions/readings/
numbered-statements.txt, written for this table in the shape of a health plan's DME policy: ``1. Cervical
radiculopathy. A non-pneumatic or pneumatic home cervical traction device … is considered medically necessary when
ALL of the following are met: a. … d. …``): each numbered statement is a criteria set of its own, its lettered items
its criteria; *a non-pneumatic or pneumatic …* names the service's two kinds and negates nothing of the grant.

Decision table from the text (never from the engine), with one-step-outside probes that must not approve.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

from policyvc.rules.body import grants

POLICY = DECISIONS / "readings" / "numbered-statements.txt"
ONE = "Coverage-Criteria.c1.1"
TWO = "Coverage-Criteria.c1.2"
RADICULOPATHY = {f"{ONE}.statement": True, f"{ONE}.limits": True, f"{ONE}.c": True, f"{TWO}.statement": False}
DISC = {f"{ONE}.statement": False, f"{TWO}.statement": True, f"{TWO}.limits": True}


def _request(diagnoses: list[str] | None, age: int, said: dict[str, bool | None]) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-05-01",
        "member": {"age": age},
        "attestations": {k: v for k, v in said.items() if v is not None},
    }
    if diagnoses is not None:
        request["diagnoses"] = diagnoses
    return request


@pytest.mark.parametrize(
    ("diagnoses", "age", "said", "outcome"),
    [
        (["cervical radiculopathy"], 45, RADICULOPATHY, "approved"),  # 1.a-d
        (["cervical radiculopathy"], 18, RADICULOPATHY, "approved"),  # 1.b: the age's edge
        (["cervical radiculopathy"], 17, RADICULOPATHY, "denied"),  # 1.b: age ≥ 18
        (["cervical radiculopathy", "osteoporosis"], 45, RADICULOPATHY, "denied"),  # 1.d.iii
        (["cervical radiculopathy"], 45, {**RADICULOPATHY, f"{ONE}.c": False}, "denied"),  # 1.c: no 6-week trial
        (["cervical degenerative disc disease"], 40, DISC, "approved"),  # 2.a-c
        (["cervical degenerative disc disease"], 39, DISC, "denied"),  # 2.b: age ≥ 40
        (["cervical degenerative disc disease", "rheumatoid arthritis"], 50, DISC, "denied"),  # 2.c.ii
        # one step outside: what the text leaves to a reviewer is never approved unasked
        (["cervical radiculopathy"], 45, {**RADICULOPATHY, f"{ONE}.c": None}, "needs-review"),  # 1.c not answered
        (["cervical radiculopathy"], 45, {**RADICULOPATHY, f"{ONE}.statement": None}, "needs-review"),
        (["cervical radiculopathy"], 45, {**RADICULOPATHY, f"{ONE}.limits": None}, "needs-review"),  # 3.'s list
        (None, 45, RADICULOPATHY, "needs-review"),  # 1.a: no diagnoses given
    ],
)
def test_numbered_statements(diagnoses: list[str] | None, age: int, said: dict[str, bool | None], outcome: str) -> None:
    decision = decide_file(POLICY, dt.date(2026, 4, 1), _request(diagnoses, age, said))
    assert decision["outcome"] == outcome, decision


def test_kinds_of_a_service_negate_no_grant() -> None:
    """*A non-pneumatic or pneumatic device* names two kinds; a *non-* alone, or of a coverage word, still refuses
    nothing new and grants nothing it did not."""
    assert grants("A non-pneumatic or pneumatic traction device is considered medically necessary when:")
    assert not grants("A non-pneumatic traction device is considered medically necessary when:")
    assert not grants("Non-covered or covered devices are considered medically necessary when:")
