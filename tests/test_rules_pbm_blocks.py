"""A PBM guideline's blocks (Optum Rx style): the fields above each block's ``Approval Criteria`` —
``Diagnosis:``, ``Therapy Stage: Initial Authorization / Reauthorization``, ``Approval Length: 12 month(s)`` —
say which requests the block is for and for how long it approves (tests/decisions/readings/stage-blocks.txt).

Read from the text:

- each block is its own set: its ``Diagnosis:`` field is a criterion (``<set id>.diagnosis``) — true for the
  diagnosis named as the field names it, false for one sharing no word of substance with it, else the reviewer's;
  its therapy stage is the kind of request (an initial request is not a reauthorization block's); its approval
  length is the approval's duration;
- the product the fields name is the service the policy's exclusions speak of (*Colarex is not covered for the
  following: Clostridioides difficile infection*): a request for an excluded condition is denied;
- the exclusions beside the blocks are limits written outside the criteria: ``<set id>.limits`` is asked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

BLOCKS = DECISIONS / "readings" / "stage-blocks.txt"
VERSION = dt.date(2026, 1, 15)
A = "Criteria.Approval-Criteria"


def _request(diagnoses: list[str] | None, kind: str, frequency: str = "twice daily") -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-11-01",
        "request": kind,
        "drug": "Colarex",
        "member": {"age": 40},
        "dose": {"amount": 400, "unit": "mg", "route": "PO", "frequency": frequency},
        "attestations": {},
    }
    if diagnoses is not None:
        request["diagnoses"] = diagnoses
    return request


def _attest(request: dict[str, Any], **more: bool) -> dict[str, Any]:
    for block in ("", "~2", "~3"):
        request["attestations"][f"{A}{block}.c1.limits"] = True
    request["attestations"].update(more)
    return request


CASES: list[tuple[str, dict[str, Any], str, str | None]] = [
    # (name, request, outcome, the set that approves)
    ("initial, chronic pouchitis", _attest(_request(["chronic pouchitis"], "initial")), "approved", f"{A}.c1"),
    ("initial, limits not attested", _request(["chronic pouchitis"], "initial"), "needs-review", None),
    (
        "initial, over the block's dose",
        _attest(_request(["chronic pouchitis"], "initial", "three times daily")),
        "denied",
        None,
    ),
    # the reauthorization block: the response attested; the diagnosis from the block's field
    (
        "reauthorization",
        _attest(_request(["chronic pouchitis"], "continued"), **{f"{A}~2.c1.1": True}),
        "approved",
        f"{A}~2.c1",
    ),
    (
        "reauthorization, no response",
        _attest(_request(["chronic pouchitis"], "continued"), **{f"{A}~2.c1.1": False}),
        "denied",
        None,
    ),
    # no diagnosis given: the block's diagnosis is the reviewer's
    (
        "reauthorization, no diagnoses",
        _attest(_request(None, "continued"), **{f"{A}~2.c1.1": True}),
        "needs-review",
        None,
    ),
    # no reauthorization block for small bowel dysmotility: the pouchitis block's diagnosis is not it
    (
        "reauthorization of another diagnosis",
        _attest(_request(["small bowel dysmotility"], "continued"), **{f"{A}~2.c1.1": True}),
        "denied",
        None,
    ),
    (
        "initial, small bowel dysmotility",
        _attest(_request(["small bowel dysmotility"], "initial"), **{f"{A}~3.c1.3.3-1": True}),
        "approved",
        f"{A}~3.c1",
    ),
    # the guideline's exclusions: the product named by the blocks' fields is the one refused
    (
        "excluded condition",
        _attest(_request(["chronic pouchitis", "Clostridioides difficile infection"], "initial")),
        "denied",
        None,
    ),
]


@pytest.mark.parametrize(("name", "request_", "outcome", "approving"), CASES, ids=[c[0] for c in CASES])
def test_blocks_by_their_fields(name: str, request_: dict[str, Any], outcome: str, approving: str | None) -> None:
    decision = decide_file(BLOCKS, VERSION, request_)
    assert decision["outcome"] == outcome
    if approving is not None:
        assert decision["set"] == approving


def test_approval_length_is_the_duration() -> None:
    decision = decide_file(BLOCKS, VERSION, _attest(_request(["chronic pouchitis"], "initial")))
    assert decision["duration"]["end"] == "2027-11-01"  # Approval Length: 12 month(s)
    decision = decide_file(
        BLOCKS, VERSION, _attest(_request(["small bowel dysmotility"], "initial"), **{f"{A}~3.c1.3.3-1": True})
    )
    assert decision["duration"]["end"] == "2026-12-01"  # Approval Length: 1 month(s)


def test_initial_request_is_not_the_reauthorization_block() -> None:
    decision = decide_file(BLOCKS, VERSION, _attest(_request(["chronic pouchitis"], "initial", "three times daily")))
    assert decision["failed"][f"{A}~2.c1"] == f"{A}~2.c1"
