"""Numbers that belong to another change, clauses that join two edits, durations said in other units, a
committee's review: shapes of real revision logs, each documenting clause paired with one that must not tie.

A blind set of version pairs showed them: a clause's new value matching another change's *old* value tied it
("lowered … to 3%" for a trial of 3 → 4 months); a clause joining two edits with "and" was ruled out for one of
them by the other's number; a trial shortened from months to weeks shared only its number with its clause (the
hyphenated "1-month" was read as a word, so the sentence's words were not); "MPTAC review" was read as a claim.
The policies are the fixtures of tests/fixtures/audit_shapes, edited here in our own wordings.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from policyvc.history.audit import PairAudit, audit_pair, claims_of
from policyvc.history.terms import stem
from policyvc.parser import parse_text
from policyvc.parser.nodes import RevisionEntry

SHAPES = FIXTURES / "audit_shapes"
PHARMACY = (SHAPES / "pharmacy.txt").read_text(encoding="utf-8")
GENERIC = (SHAPES / "generic.txt").read_text(encoding="utf-8")
LOG_END = "1Q 2025 annual review: no significant changes; references reviewed and updated.\t02.25\t02.25\n"


def _edit(text: str, edits: dict[str, str]) -> str:
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def _pharmacy(edits: dict[str, str], entry: str) -> PairAudit:
    new = _edit(PHARMACY.replace("Last Review Date: 02.25", "Last Review Date: 02.26"), edits)
    new = new.replace(LOG_END, LOG_END + f"{entry}\t02.26\t02.26\n")
    return audit_pair(dt.date(2025, 2, 1), parse_text(PHARMACY), dt.date(2026, 2, 1), parse_text(new))


def _generic(old_edits: dict[str, str], edits: dict[str, str], entry: str) -> PairAudit:
    old = _edit(GENERIC, old_edits)
    new = _edit(old, edits).rstrip("\n") + f"\n01/01/2026\t{entry}\n"
    return audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))


def _flagged(pair: PairAudit) -> set[str]:
    return {str(e.new_id or e.old_id) for e in pair.undocumented}


def _unbacked(pair: PairAudit) -> list[str]:
    return [c.clause for c in pair.unbacked]


# --- a number that is another change's new value ------------------------------------------------------------

TRIAL_AND_AGE = {
    "3. Age ≥ 18 years;\n4. Failure of a ≥ 3 consecutive month": (
        "3. Age ≥ 3 years;\n4. Failure of a ≥ 4 consecutive month"
    )
}


def test_both_changes_documented() -> None:
    pair = _pharmacy(
        TRIAL_AND_AGE, "For UC, lowered the minimum age to 3 years; lengthened the immunomodulator trial to 4 months."
    )
    assert _flagged(pair) == set()
    assert _unbacked(pair) == []


@pytest.mark.parametrize(
    "clause",
    [
        "For UC, lowered the minimum age to 3 years.",  # 3 is the age's new value, in years: the trial is in months
        "For UC, lowered the minimum age to 3.",  # 3 is the new value: the trial's 3 is its old value
        "For UC, an age limit of 3 years.",  # a number in years for a change in months
    ],
)
def test_another_changes_new_value_does_not_document_a_change(clause: str) -> None:
    pair = _pharmacy(TRIAL_AND_AGE, clause)
    assert _flagged(pair) == {"I.B.4"}
    (miss,) = pair.change_misses
    assert miss.reason.startswith(
        ("wrong number: the clause says 3 ", "wrong number: the clause says the new value is 3")
    )


def test_the_changes_new_value_still_documents_it() -> None:
    """``to N`` where N is the change's new value, in its unit, ties as before."""
    pair = _pharmacy(TRIAL_AND_AGE, "For UC, lowered the minimum age to 3 years; raised the trial to 4 months.")
    assert "I.B.4" not in _flagged(pair)


# --- a clause joining two edits with "and" ------------------------------------------------------------------

FLARES_AND_CONCURRENT = {
    "4. Member has had ≥ 3 disease flares within the past 12 months;\n5. Dose does not exceed 600 mg IV": (
        "4. Member has had ≥ 4 disease flares within the past 12 months;\n5. Corvexa is not prescribed "
        "concurrently with Entyvio® or Omvoh®;\n6. Dose does not exceed 600 mg IV"
    )
}


def test_each_part_of_a_clause_documents_its_own_change() -> None:
    pair = _pharmacy(
        FLARES_AND_CONCURRENT,
        "For CD, raised the number of flares to 4 and added a requirement of no concurrent use with Entyvio or Omvoh.",
    )
    assert _flagged(pair) == set()
    assert _unbacked(pair) == []


def test_a_part_naming_other_drugs_does_not_document_the_added_criterion() -> None:
    pair = _pharmacy(
        FLARES_AND_CONCURRENT,
        "For CD, raised the number of flares to 4 and added a requirement of no concurrent use with Skyrizi.",
    )
    assert _flagged(pair) == {"I.A.5"}


def test_a_clause_of_one_part_is_still_ruled_out_by_its_number() -> None:
    """Without a part of its own for the added criterion, the clause's number rules it out for it."""
    pair = _pharmacy(FLARES_AND_CONCURRENT, "For CD, raised the number of flares to 4 with Entyvio.")
    assert "I.A.5" in _flagged(pair)


CHAMBER_AND_CODE = {
    "3. Failure of at least 30 days of standard wound care;\n4. HBOT is delivered in a monoplace or multiplace "
    "chamber at 2.0 to 2.5 atmospheres absolute.": "3. Failure of at least 30 days of standard wound care.",
    "per session\n\nReferences": (
        "per session\n99999\tUnlisted procedure, hyperbaric oxygen therapy, additional session\n\nReferences"
    ),
}


def test_a_removal_and_a_code_in_one_clause() -> None:
    entry = "Removed the monoplace or multiplace chamber requirement and added CPT code 99999."
    pair = _generic({}, CHAMBER_AND_CODE, entry)
    assert _flagged(pair) == set()
    assert _unbacked(pair) == []


def test_a_removal_part_must_name_what_was_removed() -> None:
    pair = _generic({}, CHAMBER_AND_CODE, "Removed the wound care requirement and added CPT code 99999.")
    assert _flagged(pair) == {"Coverage-Rationale.c1.4"}


# --- a duration said in other units -------------------------------------------------------------------------

WOUND_CARE = {"at least 30 days of standard wound care": "a 1-month course of standard wound care"}
SHORTER = {"a 1-month course": "a 2-week course"}


def test_a_shortened_trial_is_documented_by_its_words_and_new_value() -> None:
    pair = _generic(WOUND_CARE, SHORTER, "Shortened the standard wound care trial to 2 weeks.")
    assert _flagged(pair) == set()
    assert _unbacked(pair) == []


def test_a_shortened_trial_is_not_documented_by_another_value() -> None:
    pair = _generic(WOUND_CARE, SHORTER, "Shortened the standard wound care trial to 3 weeks.")
    assert len(_flagged(pair)) == 1
    (miss,) = pair.change_misses
    assert miss.reason.startswith("wrong number")


def test_plural_and_singular_of_an_ing_word_are_one_word() -> None:
    assert stem("stockings") == stem("stocking")


# --- a committee's review -----------------------------------------------------------------------------------


def _entry(text: str) -> RevisionEntry:
    return RevisionEntry(text, dt.date(2026, 2, 1), None)


@pytest.mark.parametrize(
    "text", ["Reviewed P&T Committee review.", "Revised: Medical Policy Committee approval.", "UMC review."]
)
def test_a_committee_review_claims_nothing(text: str) -> None:
    assert claims_of([_entry(text)]) == ()
    (claim,) = claims_of([_entry(f"{text} Lowered the age limit to 12 years.")])
    assert claim.clause == "Lowered the age limit to 12 years"


def test_a_committee_review_does_not_document_a_change() -> None:
    pair = _pharmacy({"3. Age ≥ 18 years;\n4. Member has had": "3. Age ≥ 16 years;\n4. Member has had"}, "P&T review.")
    assert _flagged(pair) == {"I.A.3"}
    assert _unbacked(pair) == []


# --- a measure named by its abbreviation ----------------------------------------------------------------------

HES_MEASURE = {"4. Member has had ≥ 3 disease flares": "4. Member has had ≥ 2 disease flares"}


def test_a_measure_the_change_does_not_speak_of_does_not_document_it() -> None:
    """``HES`` (Appendix A: hypereosinophilic syndrome) is not what the flare criterion measures."""
    pair = _pharmacy(HES_MEASURE, "For CD, lowered the HES threshold to 2.")
    assert _flagged(pair) == {"I.A.4"}
    (miss,) = pair.change_misses
    assert miss.reason == "wrong measure: the clause is about HES, the change does not mention it"


def test_a_measure_of_the_change_documents_it() -> None:
    pair = _pharmacy(HES_MEASURE, "For CD, lowered the required flare count to 2.")
    assert _flagged(pair) == set()
