"""A judgment's words that state a fact the request carries can refuse it whatever the attestation says.

A criterion the rules do not read whole is a judgment, answered by its attestation; but its words may name a fact
the request states: the member's age (*… in a member who is 18 years of age or older*, *… in a patient who is at
least 12 years old*) or drugs it must not be used with (*… will not be used concurrently with Otezla or Sotyktu*,
*… must not be administered together with another anti-interleukin-5 biologic (e.g., Nucala, Fasenra)*). Read
from the text:

- such a fact given and failing refuses the criterion, attested or not (``rules.md``: the part read can still
  refuse; the attestation answers the rest) — a member of 17, a named drug listed in ``concurrent``;
- the fact given and holding, or not given, leaves the criterion to its attestation (unattested: the reviewer's);
- a fact the words may make a condition or one alternative (*…, unless spirometry cannot be performed*) reads
  nothing: the attestation alone answers it;
- an exclusion list under a heading of exclusions or limitations (*Exclusions*, *Limitations of Coverage*) whose
  lead says only *… is not covered for the following:* refuses the diagnoses it names (denied when named as the
  text names it, held for review when close) like one that says *… for the following conditions:*.

Two policies written two ways (``tests/fixtures/judgment_facts``); the generated module and the interpreter agree
on every decision (``decide_file``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

_ON = dt.date(2026, 4, 1)
ZELVORA = FIXTURES / "judgment_facts" / "exclusions-heading.txt"
QUILVANT = FIXTURES / "judgment_facts" / "limitations-heading.txt"
_Z = "Description.Criteria-for-Initial-Approval.c1"
_Q = "Coverage-Criteria.c1"


def _zelvora(
    age: int | None = 40, concurrent: list[str] | None = None, *diagnoses: str, **attested: bool | None
) -> dict[str, Any]:
    member: dict[str, Any] = {"line_of_business": "Commercial"}
    if age is not None:
        member["age"] = age
    said = {f"{_Z}.{k}": True for k in ("statement", "2", "3", "4", "limits")}
    said.update({f"{_Z}.{k}": v for k, v in attested.items()})
    request: dict[str, Any] = {
        "date": "2026-04-15",
        "request": "initial",
        "drug": "Zelvora",
        "member": member,
        "diagnoses": list(diagnoses or ("moderate-to-severe chronic plaque psoriasis",)),
        "attestations": said,
    }
    if concurrent is not None:
        request["concurrent"] = concurrent
    return request


def _quilvant(
    age: int | None = 40, concurrent: list[str] | None = None, *diagnoses: str, **attested: bool | None
) -> dict[str, Any]:
    member: dict[str, Any] = {"line_of_business": "Commercial"}
    if age is not None:
        member["age"] = age
    said = {f"{_Q}.{k}": True for k in ("statement", "2", "3", "5", "limits")}
    said.update({f"{_Q}.{k}": v for k, v in attested.items()})
    request: dict[str, Any] = {
        "date": "2026-04-15",
        "request": "initial",
        "drug": "Quilvant",
        "member": member,
        "diagnoses": list(diagnoses or ("severe eosinophilic asthma",)),
        "prescriber": {"specialty": "pulmonology"},
        "attestations": said,
    }
    if concurrent is not None:
        request["concurrent"] = concurrent
    return request


ZELVORA_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("all attested, facts hold", _zelvora(40, []), "approved"),
    ("age not given: the attestation answers", _zelvora(None, []), "approved"),
    ("concurrent not given: the attestation answers", _zelvora(40, None), "approved"),
    ("17, the age criterion attested", _zelvora(17, []), "denied"),
    ("18, the age criterion attested", _zelvora(18, []), "approved"),
    ("a named drug concurrent, attested", _zelvora(40, ["Otezla"]), "denied"),
    ("the other named drug concurrent, attested", _zelvora(40, ["sotyktu"]), "denied"),
    ("a drug it does not name concurrent, attested", _zelvora(40, ["methotrexate"]), "approved"),
    ("the age criterion unattested", _zelvora(40, [], **{"2": None}), "needs-review"),
    ("the age criterion attested false", _zelvora(40, [], **{"2": False}), "denied"),
    (
        "an excluded diagnosis as named",
        _zelvora(40, [], "moderate-to-severe chronic plaque psoriasis", "psoriatic arthritis"),
        "denied",
    ),
    (
        "an excluded diagnosis close to one named",
        _zelvora(40, [], "moderate-to-severe chronic plaque psoriasis", "active psoriatic arthritis"),
        "needs-review",
    ),
]

QUILVANT_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("all attested, facts hold", _quilvant(40, []), "approved"),
    ("age not given: the attestation answers", _quilvant(None, []), "approved"),
    ("11, 'at least 12 years old' attested", _quilvant(11, []), "denied"),
    ("12, 'at least 12 years old' attested", _quilvant(12, []), "approved"),
    # item 5's age is required *unless* spirometry cannot be performed: its attestation alone answers it
    ("15, the 'unless' criterion attested", _quilvant(15, []), "approved"),
    ("an example of the class concurrent, attested", _quilvant(40, ["Nucala"]), "denied"),
    ("a drug the examples do not name, attested", _quilvant(40, ["montelukast"]), "approved"),
    (
        "an excluded diagnosis as named",
        _quilvant(40, [], "severe eosinophilic asthma", "chronic obstructive pulmonary disease"),
        "denied",
    ),
    (
        "an excluded diagnosis by its words of severity",
        _quilvant(40, [], "severe eosinophilic asthma", "severe chronic obstructive pulmonary disease"),
        "needs-review",
    ),
]


def _drop_none(request: dict[str, Any]) -> dict[str, Any]:
    request["attestations"] = {k: v for k, v in request["attestations"].items() if v is not None}
    return request


@pytest.mark.parametrize(("name", "request_", "expected"), ZELVORA_CASES, ids=[c[0] for c in ZELVORA_CASES])
def test_exclusions_heading_policy(name: str, request_: dict[str, Any], expected: str) -> None:
    assert decide_file(ZELVORA, _ON, _drop_none(request_))["outcome"] == expected


@pytest.mark.parametrize(("name", "request_", "expected"), QUILVANT_CASES, ids=[c[0] for c in QUILVANT_CASES])
def test_limitations_heading_policy(name: str, request_: dict[str, Any], expected: str) -> None:
    assert decide_file(QUILVANT, _ON, _drop_none(request_))["outcome"] == expected


@pytest.mark.parametrize("path", [ZELVORA, QUILVANT], ids=["exclusions", "limitations"])
def test_the_age_criterion_is_what_failed(path: Path) -> None:
    request, key = (_zelvora(17, []), _Z) if path == ZELVORA else (_quilvant(11, []), _Q)
    decision = decide_file(path, _ON, request)
    assert decision["outcome"] == "denied"
    assert decision["failed"] == {key: f"{key}.2"}


# An age band written as two bounds (``Age ≥ 2 years and < 18 years``, ``Age ≥ 6 months and ≤ 17 years``): both ends
# are the member's age, computed — no attestation needed, the age outside the band fails the criterion.
AGE_BAND = FIXTURES / "judgment_facts" / "pharmacy-age-band.txt"


def _band(age: int, diagnosis: str) -> dict[str, Any]:
    return {
        "date": "2026-06-01",
        "request": "initial",
        "member": {"age": age, "line_of_business": "Commercial"},
        "diagnoses": [diagnosis],
        "dose": {"amount": 200, "unit": "mg", "route": "PO", "frequency": "twice daily"},
    }


@pytest.mark.parametrize(
    ("age", "diagnosis", "approved"),
    [
        (10, "IgAN", True),
        (2, "IgAN", True),
        (17, "IgAN", True),
        (18, "IgAN", False),
        (1, "IgAN", False),
        (17, "C3G", True),
        (5, "C3G", True),
        (18, "C3G", False),
    ],
)
def test_an_age_band_is_computed(age: int, diagnosis: str, approved: bool) -> None:
    decision = decide_file(AGE_BAND, dt.date(2026, 5, 1), _band(age, diagnosis))
    wanted = "I.A" if diagnosis == "IgAN" else "I.B"
    if approved:
        assert decision["outcome"] == "approved"
        assert decision["set"] == wanted
    else:
        assert decision["outcome"] != "approved"
        assert decision["failed"][wanted] == f"{wanted}.2"
