"""A diagnosis worded as other payers word it is read as *Diagnosis of …*, never wider.

Written from the text of ``tests/fixtures/decisions_words/dupilumab_worded.txt`` (a CP.PHAR policy of our own):

- *Member has a confirmed diagnosis of moderate to severe atopic dermatitis* is *Diagnosis of moderate to severe
  atopic dermatitis*: the name with its severity meets it; the bare name leaves the severity the reviewer's; a
  severity it does not allow (*mild*) fails it;
- *Member is diagnosed with asthma*, *Documented diagnosis of prurigo nodularis*: the name meets them;
- *Member has chronic rhinosinusitis with nasal polyps*: the whole name meets it, the bare *chronic
  rhinosinusitis* is the reviewer's (the words after *with* qualify it);
- *Eosinophilic esophagitis confirmed by esophageal biopsy*: the name, the biopsy the reviewer's;
- a diagnosis no set names (*psoriasis*) meets none of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

from policyvc.rules.model import worded_diagnosis

POLICY = FIXTURES / "decisions_words" / "dupilumab_worded.txt"


def decide(diagnoses: list[str] | None, **changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Dupixent",
        "diagnoses": diagnoses,
        "member": {"age": changes.pop("age", 30), "line_of_business": "Medicaid"},
        "dose": {"amount": 300, "unit": "mg", "route": "SC", "frequency": changes.pop("frequency", "every 2 weeks")},
        **changes,
    }
    return decide_file(POLICY, dt.date(2026, 3, 1), request)


CASES: list[tuple[str, list[str] | None, dict[str, Any], str, str | None]] = [
    ("A: the name with its severity", ["moderate to severe atopic dermatitis"], {}, "approved", "I.A"),
    ("A: the bare name, severity not attested", ["atopic dermatitis"], {}, "needs-review", None),
    ("A: the bare name, severity attested", ["atopic dermatitis"], {"attestations": {"I.A.1": True}}, "approved",
     "I.A"),
    ("A: mild is not moderate to severe", ["mild atopic dermatitis"], {}, "denied", None),
    ("B: diagnosed with asthma", ["asthma"], {}, "approved", "I.B"),
    ("B: asthma at 5 years", ["asthma"], {"age": 5}, "denied", None),
    ("C: the whole name", ["chronic rhinosinusitis with nasal polyps"], {}, "approved", "I.C"),
    ("C: without its nasal polyps", ["chronic rhinosinusitis"], {}, "needs-review", None),
    ("D: the name, the biopsy not attested", ["eosinophilic esophagitis"], {"frequency": "every week"},
     "needs-review", None),
    ("D: the name, the biopsy attested", ["eosinophilic esophagitis"],
     {"frequency": "every week", "attestations": {"I.D.1": True}}, "approved", "I.D"),
    ("E: documented diagnosis", ["prurigo nodularis"], {}, "approved", "I.E"),
    ("a diagnosis no set names", ["psoriasis"], {}, "denied", None),
    ("no diagnoses", None, {}, "needs-review", None),
]  # fmt: skip


@pytest.mark.parametrize(("name", "diagnoses", "changes", "outcome", "chosen"), CASES, ids=[c[0] for c in CASES])
def test_worded_diagnoses_decide_as_diagnosis_of(
    name: str, diagnoses: list[str] | None, changes: dict[str, Any], outcome: str, chosen: str | None
) -> None:
    decision = decide(diagnoses, **changes)
    assert decision["outcome"] == outcome, decision
    if chosen is not None:
        assert decision["set"] == chosen


@pytest.mark.parametrize(
    ("text", "diagnosis"),
    [
        ("Member has type 1 or type 2 diabetes mellitus; AND", "type 1 or type 2 diabetes mellitus; AND"),
        ("Individual has a diagnosis of plaque psoriasis; AND", "plaque psoriasis; AND"),
        ("The patient has a confirmed diagnosis of generalized myasthenia gravis", "generalized myasthenia gravis"),
        ("Patient has been diagnosed with HIV-1 infection", "HIV-1 infection"),
        ("Member has moderate to severe plaque psoriasis", "moderate to severe plaque psoriasis"),
        # words that may state something other than the member's diagnosis: no diagnosis
        ("Member has a lower extremity wound due to diabetes, classified as Wagner grade 3 or higher; AND", None),
        ("Member has failed an adequate course of standard wound therapy of at least 30 days", None),
        ("Member has a history of pancreatitis", None),
        ("Member has no active infection", None),
        ("Member has psoriasis and psoriatic arthritis", None),
        ("Individual has plaque psoriasis involving greater than or equal to 3% body surface area (BSA)", None),
        ("Member has had an inadequate response to methotrexate", None),
        ("Diagnosis confirmed by biopsy", None),
    ],
)
def test_what_a_worded_criterion_states_of_the_diagnosis(text: str, diagnosis: str | None) -> None:
    assert worded_diagnosis(text) == diagnosis
