"""A line of business the policy sends elsewhere is never decided by the criteria below the sentence.

*Medicaid: For Medicaid requests, refer to the state formulary or preferred drug list (PDL); where the state PDL has
no criteria for Dermavia, the criteria below apply.* (a policy written for this table, as Centene's CP.PMN
policies write a state formulary redirection in the lead-in of their criteria): whether the state's list has
criteria of its own is not a fact a request carries, so a Medicaid request that meets the criteria is held for a
reviewer, and so is one that fails them (the state's list may cover it); a Commercial or HIM request is decided as
written; a request that does not say its line is never approved.  The sentences that send a line elsewhere are
read by their shape (a line, a verb of deferring, another rule book), probed here with the forms payers write.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file
from test_rules_typer import _policies

from policyvc.parser import parse_file
from policyvc.rules.body import rules_view
from policyvc.rules.delegation import delegations, sends
from policyvc.rules.interpret import Interpreter

POLICY = DECISIONS / "delegation" / "tavorilast.txt"
VERSION = dt.date(2026, 3, 1)


def _request(lob: str | None, age: int = 40, dose: int = 30) -> dict[str, Any]:
    member: dict[str, Any] = {"age": age}
    if lob is not None:
        member["line_of_business"] = lob
    return {
        "date": "2026-05-01",
        "request": "initial",
        "drug": "Dermavia",
        "member": member,
        "diagnoses": ["plaque psoriasis"],
        "prescriber": {"specialty": "dermatology"},
        "dose": {"amount": dose, "unit": "mg", "route": "PO", "frequency": "daily"},
    }


# (line of business, age, dose, expected outcome, the text that decides it)
TABLE = [
    ("Medicaid", 40, 30, "needs-review", "For Medicaid requests, refer to the state formulary or PDL"),
    ("Commercial", 40, 30, "approved", "I.A all met; the redirection is Medicaid's only"),
    ("HIM", 40, 30, "approved", "I.A all met; the redirection is Medicaid's only"),
    (None, 40, 30, "needs-review", "the line decides whether the criteria apply: not given"),
    ("Medicaid", 17, 30, "needs-review", "Age ≥ 18 fails, but the state PDL may decide a Medicaid request"),
    ("Commercial", 17, 30, "denied", "I.A.3 Age ≥ 18 years; 17"),
    ("Medicaid", 40, 40, "needs-review", "the dose is over I.A.4, but the state PDL may decide it"),
    ("HIM", 40, 40, "denied", "I.A.4 Dose does not exceed 30 mg per day; 40"),
]


@pytest.mark.parametrize(("lob", "age", "dose", "expected", "why"), TABLE)
def test_a_line_sent_elsewhere_is_held(lob: str | None, age: int, dose: int, expected: str, why: str) -> None:
    decision = decide_file(POLICY, VERSION, _request(lob, age, dose))
    assert decision["outcome"] == expected, why
    if expected == "needs-review":
        # (a needs-review says what it waits for: the line, or the sentence a reviewer reads)
        assert decision["missing"] == ["member.line_of_business"] or "state formulary" in decision["reason"]
    if lob == "Medicaid":
        assert "refer to the state formulary" in decision["reason"]


SENDS = [
    ("Medicaid: For Medicaid requests, refer to the state formulary or preferred drug list (PDL).", ("Medicaid",)),
    ("For Medicaid members, please refer to the state-specific PDL criteria.", ("Medicaid",)),
    ("For HIM and Medicaid requests, refer to CP.PMN.16.", ("HIM", "Medicaid")),
    ("Medicaid: refer to the state Medicaid preferred drug list.", ("Medicaid",)),
    ("Medicaid requests are reviewed against the state's criteria.", ("Medicaid",)),
    ("Commercial members should refer to the plan's formulary exception policy.", ("Commercial",)),
    ("Requests for Medicaid members, refer to the state formulary.", ("Medicaid",)),
    ("This policy does not apply to Medicaid members.", ("Medicaid",)),
    ("For health insurance marketplace requests, see HIM.PA.103.", ("HIM",)),
    # a line by its plan's name, the line in parentheses
    (
        "This policy does not apply to Apple Health (Medicaid) members; they are reviewed against the HCA PDL.",
        ("Medicaid",),
    ),
    (
        "This guideline does not apply to Blue Cross Community Health Plans (Medicaid) or Marketplace members.",
        ("HIM", "Medicaid"),
    ),
    (
        "Requests for MassHealth (Medicaid) members are reviewed against the MassHealth preferred drug list.",
        ("Medicaid",),
    ),
    # not a line sent elsewhere: a requirement of a line, the off-label referral of a criterion, no line named
    ("This policy does not apply to members with hemophilia (Medicaid formulary agents).", ()),
    ("For Medicaid requests, failure of Ubrelvy, unless contraindicated.", ()),
    ("For drugs on the Medicaid formulary, refer to CP.PMN.16.", ()),
    ("Refer to the state formulary for quantity limits.", ()),
    ("For Medicaid requests, refer to the prescribing information for dosing.", ()),
    ("Maryland Physicians Care follows the Maryland Medicaid Preferred Drug List (PDL).", ()),
]


@pytest.mark.parametrize(("sentence", "lines"), SENDS)
def test_the_sentences_that_send_a_line_elsewhere(sentence: str, lines: tuple[str, ...]) -> None:
    assert sends(sentence) == lines


def test_no_policy_approves_a_line_it_sends_elsewhere() -> None:
    """Every fixture policy with such a sentence: a request of that line, every criterion attested true, is never
    approved (and a policy without one is told apart: the walk reaches the table's policy)."""
    probed = 0
    for name, policy in [*_policies(), ("delegation", parse_file(POLICY))]:
        sent = delegations(rules_view(policy))
        if not sent:
            continue
        interpreter = Interpreter(policy, VERSION)
        said = dict.fromkeys(interpreter.attestations, True)
        for lines, _ in sent:
            for lob in lines:
                for kind in ("initial", "continued"):
                    request = {**_request(lob), "request": kind, "attestations": said}
                    assert interpreter.evaluate(request)["outcome"] != "approved", (name, lob, kind)
                    probed += 1
    assert probed >= 2
