"""A step the typer reads only in part: what the request states of its subject still refuses it.

Written from a policy of our own (``tests/fixtures/decisions_gaps/nerve_block.txt``): ``Trial and failure of three
or more preventive headache medications at maximally tolerated doses`` (a count of a class the rules do not know)
and ``Failure of at least one nerve block and a course of physical therapy`` (two subjects, each required) are the
reviewer's, but a ``not-tried`` the request states for a subject — by the name ``--schema`` lists or the subject
without its count and dose words — makes the criterion false whatever is attested: an attestation never
overrides the facts. A ``failed`` subject leaves the count to the reviewer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

NERVE = FIXTURES / "decisions_gaps" / "nerve_block.txt"
P = "Policy-Criteria.I."
ALL = {P + k: True for k in ("statement", "B", "C", "D")}
MEDS = "at least three preventive headache medications at maximally tolerated doses"


def decide(therapies: dict[str, str] | None, attested: dict[str, bool]) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-04-01", "member": {"age": 40}, "attestations": attested}
    if therapies is not None:
        request["therapies"] = therapies
    return decide_file(NERVE, dt.date(2026, 2, 1), request)


CASES: list[tuple[str, dict[str, str] | None, dict[str, bool], str, str | None]] = [
    # (why, therapies, attestations, outcome, failed criterion)
    ("every criterion attested, nothing stated: the attestation answers", None, ALL, "approved", None),
    ("the class not tried, by the name the schema lists: refused though attested", {MEDS: "not-tried"}, ALL,
     "denied", "B"),
    ("the class not tried, by its plain name", {"preventive headache medications": "not-tried"}, ALL, "denied", "B"),
    ("a contraindication is no failure where the text names no exception",
     {"preventive headache medications": "contraindicated"}, ALL, "denied", "B"),
    ("the class failed: the count is the reviewer's, attested", {"preventive headache medications": "failed"}, ALL,
     "approved", None),
    ("one of two required subjects not tried refuses", {"nerve block": "not-tried"}, ALL, "denied", "C"),
    ("the required subject failed, the other not stated: attested", {"nerve block": "failed"}, ALL, "approved",
     None),
]  # fmt: skip


@pytest.mark.parametrize(("why", "therapies", "attested", "outcome", "failed"), CASES, ids=[c[0] for c in CASES])
def test_stated_step(
    why: str, therapies: dict[str, str] | None, attested: dict[str, bool], outcome: str, failed: str | None
) -> None:
    decision = decide(therapies, attested)
    assert decision["outcome"] == outcome, why
    if failed is not None:
        assert decision["failed"] == {"Policy-Criteria.I": P + failed}, why


def test_a_failed_class_without_attestation_stays_the_reviewers() -> None:
    decision = decide(
        {"preventive headache medications": "failed"}, {P + "statement": True, P + "C": True, P + "D": True}
    )
    assert decision["outcome"] == "needs-review"
    assert decision["missing"] == [f"attestations.{P}B"]


def test_a_subject_by_its_name_without_the_course_words() -> None:
    decision = decide({"physical therapy": "not-tried"}, ALL)  # "a course of physical therapy"
    assert decision["outcome"] == "denied"
    assert decision["failed"] == {"Policy-Criteria.I": P + "C"}
