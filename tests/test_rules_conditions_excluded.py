"""A condition a policy refuses its service for is refused as a request names it, wherever the list stands.

Two shapes the rules read as refusals (``body.Role.REFUSES``) besides section III and a list under an
*Exclusions* heading:

- a lead-in that says the service is not medically necessary / not covered *for the following* — under the
  heading that grants it, not one of exclusions (*Home oxygen therapy is not covered for the following:*): a
  request naming a listed condition as written is denied, one close to it is held for review; a name after
  *without* / *in the absence of* is what the refused condition is not (the approved diagnosis stays approved);
- an exclusion of the policy's own service (*… will not be approved when any of the following is present:*)
  whose items are conditions a request's diagnoses name (*Pregnancy;*, *Severe renal insufficiency;*): a stated
  diagnosis refuses whatever a blanket attestation of the limits says; items that are devices or circumstances
  (*A cardiac pacemaker placed within …*) stay the reviewer's judgments, and a lead-in with *unless* makes its
  items conditions of a refusal, never a denial by themselves.

The fixtures (``tests/fixtures/conditions_excluded``) are written for these tests in two payers' wordings; the
generated module and the interpreter agree on every decision (``decide_file``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

HERE = FIXTURES / "conditions_excluded"
OXYGEN = {"bullets": HERE / "infusion-not-for-following.txt", "plan": HERE / "infusion-plan-does-not-cover.txt"}
_ON = dt.date(2026, 3, 1)


def _oxygen(wording: str, *diagnoses: str) -> dict[str, Any]:
    base = "Coverage-Rationale.c1" if wording == "bullets" else "Criteria.c1"
    return {
        "date": "2026-04-01",
        "member": {"age": 60},
        "diagnoses": list(diagnoses),
        "attestations": {f"{base}.statement": True, f"{base}.2": True, f"{base}.3": True},
    }


OXYGEN_CASES: list[tuple[str, tuple[str, ...], str]] = [
    ("the approved diagnosis", ("chronic hypoxemia",), "approved"),
    # named after "without" / "in the absence of": the opposite of the refused condition
    ("hypoxemia alone", ("hypoxemia",), "approved"),
    ("a listed condition as written", ("chronic hypoxemia", "cluster headache"), "denied"),
    ("the 'without' item as written", ("chronic hypoxemia", "dyspnea without hypoxemia"), "denied"),
    # close: the refused condition's own words, what it is without unsaid
    ("dyspnea", ("chronic hypoxemia", "dyspnea"), "needs-review"),
    ("history of angina pectoris", ("chronic hypoxemia", "history of angina pectoris"), "needs-review"),
    # shares a word with an item only: nothing refused
    ("tension headache", ("chronic hypoxemia", "tension headache"), "approved"),
]


@pytest.mark.parametrize("wording", sorted(OXYGEN))
@pytest.mark.parametrize(("name", "diagnoses", "expected"), OXYGEN_CASES, ids=[c[0] for c in OXYGEN_CASES])
def test_not_covered_for_the_following(wording: str, name: str, diagnoses: tuple[str, ...], expected: str) -> None:
    assert decide_file(OXYGEN[wording], _ON, _oxygen(wording, *diagnoses))["outcome"] == expected


IMAGING = HERE / "imaging-contraindications.txt"
IMAGING_UNLESS = HERE / "imaging-contraindications-unless.txt"
_X = "Indications.Contraindications.c1"


def _imaging(*diagnoses: str, **attested: bool) -> dict[str, Any]:
    said = {"Indications.c1.statement": True, "Indications.c1.1": True, "Indications.c1.limits": True}
    return {
        "date": "2026-04-01",
        "member": {"age": 50},
        "diagnoses": list(diagnoses),
        "attestations": said | {k.replace("__", "."): v for k, v in attested.items()},
    }


IMAGING_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # the limits attested, no contraindication stated: approved as before
    ("nothing stated", _imaging("coronary anomaly"), "approved", "approved"),
    # a stated diagnosis the list names as written: refused whatever the blanket attestation says
    ("pregnancy stated", _imaging("coronary anomaly", "pregnancy"), "denied", "approved"),
    ("severe renal insufficiency", _imaging("coronary anomaly", "severe renal insufficiency"), "denied", "approved"),
    # …and whatever the item's own attestation says (the refusal is a criterion of its own: the stated diagnosis
    # refuses; under "unless" the item's answer stands)
    (
        "pregnancy stated, attested absent",
        _imaging("coronary anomaly", "pregnancy", **{f"{_X}__1": False}),
        "denied",
        "approved",
    ),
    # close (a course word set aside, "history of"): the reviewer's
    ("renal insufficiency", _imaging("coronary anomaly", "renal insufficiency"), "needs-review", "approved"),
    ("history of pregnancy", _imaging("coronary anomaly", "history of pregnancy"), "needs-review", "approved"),
    # shares a word with an item only
    ("renal cyst", _imaging("coronary anomaly", "renal cyst"), "approved", "approved"),
    # a device item is no diagnosis: a request naming a pacemaker decides nothing by its diagnoses
    ("cardiac pacemaker", _imaging("coronary anomaly", "cardiac pacemaker"), "approved", "approved"),
]


@pytest.mark.parametrize(("name", "request_", "plain", "unless"), IMAGING_CASES, ids=[c[0] for c in IMAGING_CASES])
def test_contraindications_named_by_the_request(name: str, request_: dict[str, Any], plain: str, unless: str) -> None:
    assert decide_file(IMAGING, _ON, request_)["outcome"] == plain
    # (a lead-in with "unless": its items are conditions of a refusal the text leaves to the reviewer)
    assert decide_file(IMAGING_UNLESS, _ON, request_)["outcome"] == unless
