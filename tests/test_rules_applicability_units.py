"""Whom a policy is not for, and ages in units finer than a year.

*Application: This policy does not apply to Medicaid members; refer to the state Medicaid criteria.* (a medical
policy written for this table, as UnitedHealthcare-style commercial policies state their application before the
coverage rationale): the criteria below do not decide a Medicaid request, met or failed — it is held for a
reviewer, and a request that does not say its line is never approved.  *The infant is younger than 8 months of
age*: an age in whole years (no birth date) is any month of that year — *0 years* may be 7 months or 11, so the
limit waits for the birth date; *1 year* (12 to 23 months) fails it whatever the month.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

from policyvc.rules.delegation import sends

POLICY = DECISIONS / "applicability" / "cranial-orthosis.txt"
VERSION = dt.date(2026, 3, 1)
MET = {
    "Coverage-Rationale.c1.statement": True,
    "Coverage-Rationale.c1.3": True,
    "Coverage-Rationale.c1.4": True,
    "Coverage-Rationale.c1.limits": True,
}


def _request(lob: str | None, **member: Any) -> dict[str, Any]:
    if lob is not None:
        member["line_of_business"] = lob
    return {
        "date": "2026-05-01",
        "request": "initial",
        "member": member,
        "diagnoses": ["positional plagiocephaly"],
        "attestations": MET,
    }


# (line of business, member's age facts, expected outcome, what it waits for, the text that decides it)
TABLE: list[tuple[str | None, dict[str, Any], str, list[str], str]] = [
    ("Commercial", {"birth_date": "2025-10-01"}, "approved", [], "1: 7 months < 8 months; 2-4 met"),
    ("Commercial", {"birth_date": "2025-09-01"}, "denied", [], "1 'younger than 8 months': 8 months"),
    ("Commercial", {"age": 0}, "needs-review", ["member.birth_date"], "1: 0 years is 0 to 11 months"),
    ("Commercial", {"age": 1}, "denied", [], "1: 1 year is 12 to 23 months, never < 8"),
    ("Commercial", {}, "needs-review", ["member.age"], "1: no age given"),
    ("Medicaid", {"birth_date": "2025-10-01"}, "needs-review", [], "Application: not for Medicaid members"),
    ("Medicaid", {"age": 1}, "needs-review", [], "Application: a Medicaid denial is not these criteria's"),
    (None, {"birth_date": "2025-10-01"}, "needs-review", ["member.line_of_business"], "the line decides"),
]


@pytest.mark.parametrize(("lob", "member", "expected", "missing", "why"), TABLE)
def test_application_and_ages_in_months(
    lob: str | None, member: dict[str, Any], expected: str, missing: list[str], why: str
) -> None:
    decision = decide_file(POLICY, VERSION, _request(lob, **member))
    assert decision["outcome"] == expected, why
    if expected == "needs-review":
        assert decision["missing"] == missing or lob == "Medicaid", why
    if lob == "Medicaid":
        assert "does not apply to Medicaid members" in decision["reason"]


SENDS = [
    ("This policy does not apply to Medicaid members; refer to the state Medicaid criteria.", ("Medicaid",)),
    ("This Medical Policy does not apply to members enrolled in Medicaid plans.", ("Medicaid",)),
    ("This Clinical Policy is not applicable to HIM members.", ("HIM",)),
    ("The criteria below do not apply to HIM or Medicaid requests.", ("HIM", "Medicaid")),
    ("Not applicable to Medicaid members.", ("Medicaid",)),
    ("Medicaid members are excluded from this policy.", ("Medicaid",)),
    ("This policy excludes Medicaid.", ("Medicaid",)),
    # a step lifted for a line, or a policy that applies to a line: no line sent elsewhere
    ("For Illinois HIM requests, the step therapy criteria below do not apply.", ()),
    ("The step therapy criteria below do not apply to HIM requests.", ()),
    ("This policy applies to Medicaid members.", ()),
]


@pytest.mark.parametrize(("sentence", "lines"), SENDS)
def test_the_sentences_that_say_a_line_is_not_this_policy_s(sentence: str, lines: tuple[str, ...]) -> None:
    assert sends(sentence) == lines
