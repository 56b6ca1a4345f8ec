"""Limits and exclusions a policy states outside its criteria groups stop an approval until a reviewer attests them.

A policy read through its outline may write limits the rules cannot compute where no criterion stands: a
*Quantity Limits* table (*8 syringes per 28 days* counts over a period no request field carries), a *Dosing*
section, *Limitations of Coverage* or *Exclusions* in prose.  Each approving set of such a policy has one more
judgment, ``<set id>.limits``, naming where they are written: unattested, a request that meets every criterion is
``needs-review`` (never ``approved`` past a table it exceeds); attested false, it is denied.  The decision tables
are written from the fixtures' text (``tests/fixtures/limits``), the generated module and the interpreter agree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

from policyvc.parser import parse_file
from policyvc.parser.nodes import CriteriaSet, Policy
from policyvc.rules.body import is_limits, rules_view
from policyvc.rules.impact import Impact, impact_cases

XOLAIR = FIXTURES / "limits" / "pbm-omalizumab-quantity.txt"
HSAT = FIXTURES / "limits" / "medical-sleep-study-limits.txt"
INITIAL, CONTINUED = "Criteria-for-Approval.c1", "Criteria-for-Approval.c2"


def decide(path: Path, request: dict[str, Any]) -> dict[str, Any]:
    return decide_file(path, dt.date(2026, 2, 1), request)


def _sets(policy: Policy) -> dict[str, CriteriaSet]:
    return {s.id: s for section in rules_view(policy).sections for s in section.sets}


def _limits_text(path: Path) -> dict[str, str]:
    return {k: c.text for k, s in _sets(parse_file(path)).items() for c in s.criteria if is_limits(c)}


# Xolair, initial therapy: 6 years or older (1), moderate to severe persistent asthma (2), an allergist,
# immunologist or pulmonologist (3); limits: the Quantity Limits table and the Exclusions paragraph.
_MET = {
    "date": "2026-03-01",
    "criteria_set": INITIAL,
    "drug": "Xolair",
    "diagnoses": ["moderate to severe persistent asthma"],
    "prescriber": {"specialty": "allergist"},
    "attestations": {f"{INITIAL}.statement": True, f"{INITIAL}.1": True},
}
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("criteria met, limits not reviewed", _MET, "needs-review"),
    ("criteria met, within the limits", {**_MET, "attestations": {**_MET["attestations"], f"{INITIAL}.limits": True}},
     "approved"),
    # 12 syringes of 150 mg in 28 days: over the table's 8; the reviewer says so
    ("criteria met, over the quantity limit", {**_MET, "attestations": {**_MET["attestations"],
                                                                         f"{INITIAL}.limits": False}}, "denied"),
    # within the limits but referred by a dermatologist: the prescriber criterion fails whatever the limits
    ("limits attested, prescriber not named", {**_MET, "prescriber": {"specialty": "dermatologist"},
                                               "attestations": {**_MET["attestations"], f"{INITIAL}.limits": True}},
     "denied"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_quantity_table_and_exclusions_hold_an_approval(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide(XOLAIR, request_)
    assert decision["outcome"] == outcome, decision
    if outcome == "needs-review":
        assert f"attestations.{INITIAL}.limits" in decision["missing"]


def test_every_approving_set_names_where_the_limits_are_written() -> None:
    texts = _limits_text(XOLAIR)
    assert set(texts) == {INITIAL, CONTINUED}
    for text in texts.values():
        assert text.endswith(": Quantity Limits (line 16); Exclusions (line 21)"), text


def test_a_limitations_section_counts_and_background_and_coding_do_not() -> None:
    (text,) = _limits_text(HSAT).values()
    assert text.endswith(": Limitations of Coverage (line 12)"), text


def test_a_section_that_grants_coverage_is_no_limit_whatever_its_heading_names() -> None:
    # a CMS LCD's "Coverage Indications, Limitations, and/or Medical Necessity" holds the criteria; its
    # "Limitations" subsection is the limit
    (text,) = set(_limits_text(FIXTURES / "payers" / "cms-lcd-wound-care.txt").values())
    assert "Coverage Indications" not in text
    assert text.endswith(": Limitations (line 32)"), text


def test_a_policy_that_states_no_limits_has_no_limits_criterion() -> None:
    assert _limits_text(FIXTURES / "medical" / "egfr-testing.txt") == {}


def test_the_limits_attestation_carries_while_the_limits_read_alike(tmp_path: Path) -> None:
    old_text = XOLAIR.read_text(encoding="utf-8")
    rewrapped = tmp_path / "rewrapped.txt"
    rewrapped.write_text(old_text.replace("1. Member is", "1.  Member is"), encoding="utf-8")
    raised = tmp_path / "raised.txt"
    raised.write_text(old_text.replace("8 syringes per 28 days", "12 syringes per 28 days"), encoding="utf-8")
    old = parse_file(XOLAIR)
    request = {**_MET, "attestations": {**_MET["attestations"], f"{INITIAL}.limits": True}}
    same = impact_cases(Impact(old, dt.date(2026, 2, 1), parse_file(rewrapped), dt.date(2026, 2, 2)), [("c", request)])
    assert same[0].rereview == ()
    assert same[0].after["outcome"] == "approved"
    more = impact_cases(Impact(old, dt.date(2026, 2, 1), parse_file(raised), dt.date(2026, 2, 2)), [("c", request)])
    assert more[0].rereview == (f"{INITIAL}.limits",)
    assert more[0].after["outcome"] == "needs-review"
