"""A list's numbering printed in another style is no renumber: one copy of a policy writes its third level
``A.`` / ``B.`` (a word processor's numbering for that level), the other ``1.`` / ``2.`` (a web copy) — the
items are where they were, the diff reports nothing for them; a real renumber (``4.`` → ``5.``) still shows.
And a header cell a narrow column broke after its slash (``CPT®/`` / ``HCPCS`` / ``Codes``) is the cell the
other copy writes on one line (``CPT®/HCPCS Codes``), no table change."""

from __future__ import annotations

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report
from policyvc.parser.aligned_tables import join_cell

_POLICY = """Clinical Policy: Examplar Airway Therapy
Reference Number: CP.MP.902
Date of Last Revision: 04/26

Description
Examplar airway therapy keeps the airway open during sleep.

Policy/Criteria
I. It is the policy of health plans affiliated with Centene Corporation® that examplar airway therapy is
medically necessary when meeting all of the following:
A. Age 18 years or older, AND
B. Diagnosis by a sleep study showing one of the following:
{one} Apnea-hypopnea index of at least 15 events per hour, OR
{two} Apnea-hypopnea index of 5 to 14 events per hour with daytime sleepiness.
"""


def _edits(old: str, new: str) -> list[str]:
    a = parse_text_report(old, "old.txt", recover=True).policy
    b = parse_text_report(new, "new.txt", recover=True).policy
    return [f"{e.kind.value} {e.old_id} → {e.new_id}" for e in diff(a, b).edits]


def test_letters_printed_as_numbers_are_no_renumber() -> None:
    assert _edits(_POLICY.format(one="A.", two="B."), _POLICY.format(one="1.", two="2.")) == []


def test_a_real_renumber_still_shows() -> None:
    edits = _edits(_POLICY.format(one="1.", two="2."), _POLICY.format(one="2.", two="3."))
    assert any(e.startswith("renumber") for e in edits)


def test_a_cell_broken_after_its_slash_is_one_word() -> None:
    assert join_cell(["CPT®/", "HCPCS", "Codes"]) == "CPT®/HCPCS Codes"
    assert join_cell(["Dose / Route", "Limit"]) == "Dose / Route Limit"
    assert join_cell(["Yes /", "No"]) == "Yes / No"
