"""How real histories name a place or a reason rather than a change, and which rows they repeat.

Payers' logs name the criterion they changed by its number (``Criterion 3: added …``, ``I.C.3 revised …``,
``Coverage statement 1.b.iv``): the number is where, never a value.  A UnitedHealthcare-style history groups its
rows under section labels (``Coverage Rationale`` over the bullets it changed); a Medicare contractor says why it
revised (``This revision is due to a Reconsideration Request``); HCSC's yearly row says ``Document updated with
literature review``.  None of these is a change to back.  A history the old reading kept as dated lines of text
holds its old rows all the same: they are no new rows.  The policies are our own (tests/fixtures/audit_shapes).
"""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import GENERIC, flagged, generic_pair, log_entry, unbacked

from policyvc.history.audit import audit_pair, claims_of
from policyvc.history.terms import terms
from policyvc.parser import parse_text

NEW_CRITERION = {
    "4. HBOT is delivered in a monoplace or multiplace chamber at 2.0 to 2.5 atmospheres absolute.": (
        "4. HBOT is delivered in a monoplace or multiplace chamber at 2.0 to 2.5 atmospheres absolute; and\n"
        "5. Transcutaneous oxygen measurement of at least 40 mmHg around the wound in the chamber."
    )
}


@pytest.mark.parametrize(
    "clause",
    [
        "Criterion 5: added transcutaneous oxygen measurement requirement",
        "Added criterion 5 requiring transcutaneous oxygen measurement",
    ],
)
def test_a_criterion_named_by_its_number_is_no_wrong_number(clause: str) -> None:
    pair = generic_pair(NEW_CRITERION, clause)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_criterion_number_still_lets_the_value_rule_the_clause_out() -> None:
    """``Criterion 3`` is a place, but the days the clause says are a value: 45 is not 30 → 60."""
    edits = {"Failure of at least 30 days": "Failure of at least 60 days"}
    assert flagged(generic_pair(edits, "Criterion 3: lengthened the standard wound care trial to 60 days")) == set()
    pair = generic_pair(edits, "Criterion 3: lengthened the standard wound care trial to 45 days")
    assert flagged(pair) == {"Coverage-Rationale.c1.3"}
    assert unbacked(pair) == ["Criterion 3: lengthened the standard wound care trial to 45 days"]


@pytest.mark.parametrize(
    ("clause", "place"),
    [("I.C.3 revised", "I.C.3"), ("Section II.B: added", "II.B"), ("added 1.b.iv", "1.b.iv"), ("2.a.ii deleted", "")],
)
def test_an_outline_number_is_not_a_value(clause: str, place: str) -> None:
    assert not {t for t in terms(clause) if t.startswith("num:")}
    assert place == "" or place in clause


def test_decimals_and_abbreviations_are_no_places() -> None:
    assert "num:1.5" in terms("lowered the dose to 1.5 mg")
    assert "num:2" in terms("i.e. at least 2 visits")


def test_a_section_label_of_the_history_claims_nothing() -> None:
    """``Coverage Rationale`` alone in a history's cell is the section its rows changed, not a change."""
    pair = generic_pair({"1. Age ≥ 18 years;": "1. Age ≥ 12 years;"}, "Coverage Rationale")
    assert pair.claims == ()
    assert unbacked(pair) == []
    assert flagged(pair) == {"Coverage-Rationale.c1.1"}  # (nothing explains the change: still flagged)


@pytest.mark.parametrize(
    "reason",
    [
        "This revision is due to a Reconsideration Request.",
        "This revision was the result of a reconsideration request.",
        "The change is due to Provider Education/Guidance.",
    ],
)
def test_a_reason_said_as_a_sentence_claims_nothing(reason: str) -> None:
    claims = claims_of([log_entry(f"Under Covered Indications, added imaging guidance. {reason}")])
    assert [c.clause for c in claims] == ["Under Covered Indications, added imaging guidance"]


def test_a_literature_review_is_never_unbacked_and_explains_the_references() -> None:
    pair = generic_pair({}, "Document updated with literature review. Coverage unchanged.")
    assert unbacked(pair) == []
    new_ref = {
        "2015;42(3):205-247.\n": "2015;42(3):205-247.\n2. Lalieu RC, et al. Hyperbaric oxygen therapy for "
        "nonischemic diabetic ulcers. Wound Repair Regen. 2020;28(2):266-275.\n"
    }
    pair = generic_pair(new_ref, "Document updated with literature review. Coverage unchanged.")
    assert flagged(pair) == set()


def test_old_rows_the_old_reading_kept_as_text_are_no_new_rows() -> None:
    """The old copy's history heading was not read (its rows stayed dated lines of text); the new copy's was."""
    old = GENERIC.replace("Policy History/Revision Information\nDate\tSummary of Changes\n", "")
    old = old.replace("01/01/2025\tSupporting Information: Updated references.", "01/01/2025 New policy.")
    new = GENERIC.replace("Supporting Information: Updated references.", "New policy.")
    new = new.rstrip("\n") + "\n01/01/2026\tUpdated the Wagner grade to 2.\n"
    new = new.replace("Wagner grade 3 or higher", "Wagner grade 2 or higher")
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))
    assert [c.clause for c in pair.claims] == ["Updated the Wagner grade to 2"]
    assert unbacked(pair) == []


EXCLUSIONS = "Exclusions\n- Topical oxygen therapy.\n- HBOT for chronic wounds other than diabetic foot ulcers.\n\n"


@pytest.mark.parametrize(("clause", "explained"), [("Clarified exclusions", True), ("Clarified references", False)])
def test_a_section_clarified_explains_its_bullets(clause: str, explained: bool) -> None:
    """``clarified exclusions`` says as much as ``Exclusions updated``: an item added to that section's list."""
    old = GENERIC.replace("Applicable Codes\n", EXCLUSIONS + "Applicable Codes\n")
    new = old.replace("- Topical oxygen therapy.\n", "- Topical oxygen therapy.\n- HBOT for smoke inhalation.\n")
    new = new.rstrip("\n") + f"\n01/01/2026\t{clause}.\n"
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))
    assert (flagged(pair) == set()) is explained
    assert (unbacked(pair) == []) is explained
