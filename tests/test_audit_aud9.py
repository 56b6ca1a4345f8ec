"""Shapes of real revision logs a blind set (AUD9) showed claimed changes they name none of: a committee named after
the words of its review (``Reviewed by PAC.``, as a Blue Cross plan's history opens each row), and a history's own
date line read as a row (``Current Effective Date: 03/18/2026`` → ``Current effective``).  Each is paired with a
row that does claim a change, so the rule cannot pass by claiming nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import GENERIC, flagged, generic_pair, unbacked

from policyvc.history.audit import claims_of
from policyvc.parser.nodes import RevisionEntry


def _clauses(text: str) -> list[str]:
    return [c.clause for c in claims_of([RevisionEntry(text, dt.date(2026, 3, 5), None)])]


@pytest.mark.parametrize(
    ("row", "claimed"),
    [
        ("Reviewed by PAC.", []),
        ("Reviewed by PAC. No change to policy statement. References updated.", ["References updated"]),
        (
            "Reviewed by PAC. Removed requirement for frequent self-monitoring of blood glucose.",
            ["Removed requirement for frequent self-monitoring of blood glucose"],
        ),
        ("Approved by the Medical Policy Committee", []),
        ("Reviewed by the P&T Committee; added Oklahoma to Appendix E", ["added Oklahoma to Appendix E"]),
        ("Current effective", []),
        ("Original effective date", []),
        (
            "Effective date changed to 05/01/2026 for the new CPT codes",
            ["Effective date changed to 05/01/2026 for the new CPT codes"],
        ),
        (
            "Reviewed by a dermatologist: added the BSA threshold",
            ["Reviewed by a dermatologist: added the BSA threshold"],
        ),
    ],
)
def test_what_a_row_claims(row: str, claimed: list[str]) -> None:
    assert _clauses(row) == claimed


# --- a clause that writes out another sentence ---------------------------------------------------------------

DELIVERY = "4. HBOT is delivered in a monoplace or multiplace chamber at 2.0 to 2.5 atmospheres absolute."
WOUND_CARE = {
    "3. Failure of at least 30 days of standard wound care;": "3. Failure of at least 45 days of standard wound care;"
}


def test_a_clause_quoting_an_unchanged_sentence_backs_nothing() -> None:
    """A Medicare-style explanation says a sentence was added that both versions hold word for word; the only
    change, a number in another criterion, shares its words (``HBOT``, ``chamber``): flagged, and the clause
    unbacked."""
    pair = generic_pair(
        WOUND_CARE,
        "Added that HBOT is delivered in a monoplace or multiplace chamber at 2.0 to 2.5 atmospheres absolute.",
    )
    assert DELIVERY in GENERIC
    assert flagged(pair) == {"Coverage-Rationale.c1.3"}
    assert unbacked(pair) == [
        "Added that HBOT is delivered in a monoplace or multiplace chamber at 2.0 to 2.5 atmospheres absolute"
    ]


def test_a_clause_quoting_the_sentence_it_changed_ties() -> None:
    """The same quote for the sentence that did change (its new words, or its old ones) still ties."""
    edits = {DELIVERY: DELIVERY.replace("2.0 to 2.5", "2.0 to 3.0")}
    new_words = "Revised so that HBOT is delivered in a monoplace or multiplace chamber at 2.0 to 3.0 atmospheres"
    assert not flagged(pair := generic_pair(edits, new_words)) and not unbacked(pair)
    deleted = {
        "3. Failure of at least 30 days of standard wound care;\n"
        + DELIVERY: "3. Failure of at least 30 days of standard wound care."
    }
    old_words = (
        "Removed the requirement that HBOT is delivered in a monoplace or multiplace chamber at 2.0 to 2.5 atmospheres"
    )
    assert not flagged(pair := generic_pair(deleted, old_words)) and not unbacked(pair)
