"""A non-coverage statement's list of conditions reaches every approving statement whose service it names — also one
that names it with a qualifier (*electrical bone growth stimulators* of *a noninvasive electrical bone growth
stimulator*) — and never another kind of it: a refusal of *implantable …* or *invasive …* beside an approving
statement of *non-invasive …* holds a request for the condition for review (its statement attested true denies,
false lifts it), never denies it and never lets it be approved past the text.

Written from two medical policies in two wordings (``decisions_continued/stimulator_kinds.txt``: *non-invasive* and
*implantable* kinds both approved, the implantable one refused for stress fractures; ``ultrasound.txt``: the
approved device refused by its plural name for some diagnoses, an *invasive* kind refused for others).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

from policyvc.rules.body import Reach, grants, reach

KINDS = FIXTURES / "decisions_continued" / "stimulator_kinds.txt"
SOUND = FIXTURES / "decisions_continued" / "ultrasound.txt"
P = "Policy-Criteria."
MET = {P + "I.statement": True, P + "I.B": True}


def _req(diagnosis: str, **attested: bool) -> dict[str, Any]:
    return {"date": "2026-04-01", "request": "initial", "member": {"age": 40}, "diagnoses": [diagnosis],
            "attestations": {**MET, **attested}}  # fmt: skip


CASES: list[Any] = [
    ("non-invasive kind, stress fracture: the implantable kind's refusal holds it", KINDS,
     _req("stress fractures"), "needs-review", ["attestations.Refused.1.statement"]),
    ("non-invasive kind, refusal attested about another kind: approved", KINDS,
     _req("stress fractures", **{"Refused.1.statement": False}), "approved", []),
    ("non-invasive kind, refusal attested this request's: denied", KINDS,
     _req("stress fractures", **{"Refused.1.statement": True}), "denied", []),
    ("non-invasive kind, a condition nothing refuses: approved", KINDS, _req("fracture nonunion"), "approved", []),
    ("ultrasound, the invasive kind's refusal: held, not denied", SOUND,
     _req("stress fractures"), "needs-review", ["attestations.Refused.1.statement"]),
    ("ultrasound, invasive refusal attested about another kind: approved", SOUND,
     _req("fresh fractures", **{"Refused.1.statement": False}), "approved", []),
    ("ultrasound, the approved device refused by its plural name: denied", SOUND,
     _req("fracture nonunion of the vertebrae"), "denied", []),
]  # fmt: skip


@pytest.mark.parametrize(("why", "path", "request_", "outcome", "missing"), CASES, ids=[c[0] for c in CASES])
def test_refusal_kinds(why: str, path: Any, request_: dict[str, Any], outcome: str, missing: list[str]) -> None:
    decision = decide_file(path, dt.date(2026, 3, 1), request_)
    assert decision["outcome"] == outcome, decision
    assert decision["missing"] == missing, decision


@pytest.mark.parametrize(
    ("what", "granted", "expected"),
    [
        ("electrical bone growth stimulators", {"a noninvasive electrical bone growth stimulator"}, Reach.ALL),
        ("Electrical bone-growth stimulators", {"continued use of a noninvasive electrical bone growth stimulator"},
         Reach.ALL),
        ("invasive electrical bone growth stimulators", {"a noninvasive electrical bone growth stimulator"},
         Reach.SOME),
        ("noninvasive electrical bone growth stimulators", {"an invasive electrical bone growth stimulator"},
         Reach.SOME),
        ("non-invasive electrical bone growth stimulators", {"a noninvasive electrical bone growth stimulator"},
         Reach.ALL),
        ("implantable electrical bone growth stimulators",
         {"a noninvasive electrical bone growth stimulator", "an implantable electrical bone growth stimulator"},
         Reach.SOME),
        ("noninvasive electrical bone growth stimulators", {"electrical bone growth stimulators"}, Reach.SOME),
        ("gastric balloon placement", {"bariatric surgery"}, Reach.NONE),
        ("", {"bariatric surgery"}, Reach.NONE),
    ],
)  # fmt: skip
def test_reach(what: str, granted: set[str], expected: Reach) -> None:
    assert reach(what, granted) is expected


@pytest.mark.parametrize(
    ("statement", "grant"),
    [
        ("a non-invasive electrical bone growth stimulator is medically necessary when", True),
        ("pembrolizumab is medically necessary for non-small cell lung cancer when", True),
        # (the kind of a device: *non-implanted* beside an implanted one; the softband's statement grants)
        (
            "a non-implanted bone-conduction sound processor worn on a softband is medically necessary for members"
            " under 5 years of age when",
            True,
        ),
        ("a non-implantable cardioverter is medically necessary when", True),
        ("non-covered services are medically necessary when", False),
        ("the device is considered non-medically necessary when", False),
    ],
)
def test_non_of_a_clinical_word_still_grants(statement: str, grant: bool) -> None:
    assert grants(statement) is grant
