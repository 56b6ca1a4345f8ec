"""Three more shapes real revision logs document changes in, each beside clauses that must not tie.

A blind set of version pairs raised false alarms on: a sentence of an annual review ending in a number (``… to grade
2. Added …`` was read as one clause, so the first sentence's number ruled the clause out for the second's change), a
clause about the dosing of every indication (``updated dosing for all indications``) against a dose limit and a
dosing table's row, and a criterion moved from one set to another (``moved the X requirement from the A criteria to
the B criteria``).  The policies here are our own (tests/fixtures/audit_shapes), in other wordings; every loosening
comes with clauses naming one indication, another kind of change, the wrong set or no move, which must leave the
change UNDOCUMENTED.
"""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import flagged, pharmacy_pair, unbacked
from conftest import FIXTURES

from policyvc.history.audit import PairAudit, audit_pair, claims_of
from policyvc.parser import parse_text
from policyvc.parser.nodes import RevisionEntry

SETS = (FIXTURES / "audit_shapes" / "generic_sets.txt").read_text(encoding="utf-8")


def _entry(text: str) -> RevisionEntry:
    return RevisionEntry(text, dt.date(2026, 2, 1), None)


def _sets(edits: dict[str, str], entry: str) -> PairAudit:
    new = SETS
    for old, text in edits.items():
        assert old in new, old
        new = new.replace(old, text)
    new = new.rstrip("\n") + f"\n03/01/2026\t{entry}\n"
    return audit_pair(dt.date(2025, 3, 1), parse_text(SETS), dt.date(2026, 3, 1), parse_text(new))


# --- a sentence ending in a number ------------------------------------------------------------------------------


def test_a_sentence_ending_in_a_number_ends_its_clause() -> None:
    (first, second) = claims_of([_entry("Lowered the required flares to 2. Added a tuberculosis screening test.")])
    assert (first.clause, second.clause) == ("Lowered the required flares to 2", "Added a tuberculosis screening test")


@pytest.mark.parametrize("text", ["Per Smith J. Updated references.", "Dose raised to 2.5 mg/kg."])
def test_an_initial_or_a_decimal_does_not_end_a_clause(text: str) -> None:
    assert len(claims_of([_entry(text)])) == 1


TB = {
    "experienced;\n5. Dose": "experienced;\n5. Negative tuberculosis screening test;\n6. Dose",
}


def test_the_sentence_after_a_number_explains_its_own_change() -> None:
    pair = pharmacy_pair(
        {**TB, "Member has had ≥ 3 disease flares": "Member has had ≥ 2 disease flares"},
        "Annual review. For Crohn's disease, lowered the required disease flares to 2. For UC, added a negative "
        "tuberculosis screening test requirement.",
    )
    assert not {i for i in flagged(pair) if i.startswith(("I.A.4", "I.B"))}
    assert unbacked(pair) == []


def test_the_number_of_one_sentence_still_rules_out_another_value() -> None:
    """Split or not, a clause saying 2 does not explain a count changed to 1."""
    pair = pharmacy_pair(
        {**TB, "Member has had ≥ 3 disease flares": "Member has had ≥ 1 disease flares"},
        "Annual review. For Crohn's disease, lowered the required disease flares to 2. For UC, added a negative "
        "tuberculosis screening test requirement.",
    )
    assert "I.A.4" in flagged(pair)


# --- dosing of every indication ---------------------------------------------------------------------------------

CD_DOSE = {
    "Member has had ≥ 3 disease flares within the past 12 months;\n5. Dose does not exceed 600 mg IV at weeks 0, 4 "
    "and 8, then 180 mg SC every 8 weeks.": "Member has had ≥ 3 disease flares within the past 12 months;\n5. Dose "
    "does not exceed 600 mg IV at weeks 0, 4 and 8, then 180 mg SC every 4 or 8 weeks.",
    "CD\t600 mg IV at weeks 0, 4 and 8, then 180 mg SC every 8 weeks\t180 mg/8 weeks": (
        "CD\t600 mg IV at weeks 0, 4 and 8, then 180 mg SC every 4 or 8 weeks\t180 mg/4 weeks"
    ),
}


@pytest.mark.parametrize(
    "clause",
    [
        "Dosing for all FDA-approved indications revised per the updated prescribing information.",
        "Updated all dosing to align with the label.",
    ],
)
def test_a_clause_about_every_indications_dosing_names_each_dose_change(clause: str) -> None:
    pair = pharmacy_pair(CD_DOSE, clause)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


@pytest.mark.parametrize(
    "clause",
    [
        "For ulcerative colitis, updated dosing per the prescribing information.",  # another indication's dosing
        "Updated approval durations for all indications.",  # not dosing
        "Updated dosing per the prescribing information.",  # whose dosing: not said
    ],
)
def test_a_dose_change_is_not_named_by_one_other_indication_or_another_concept(clause: str) -> None:
    pair = pharmacy_pair(CD_DOSE, clause)
    assert {"I.A.5", "V.CD"} <= flagged(pair)


def test_every_indications_dosing_does_not_explain_another_kind_of_change() -> None:
    pair = pharmacy_pair(
        {"3. Age ≥ 18 years;\n4. Member has had": "3. Age ≥ 16 years;\n4. Member has had"},
        "Updated dosing for all indications per the prescribing information.",
    )
    assert flagged(pair) == {"I.A.3"}


# --- a criterion moved between sets -----------------------------------------------------------------------------

MOVE = {
    "3. Absence of significant cardiopulmonary disease (e.g., heart failure, COPD);\n4. Epworth": "3. Epworth",
    "care;\n3. Adherence": (
        "care;\n3. Absence of significant cardiopulmonary disease (e.g., heart failure, COPD);\n4. Adherence"
    ),
}


@pytest.mark.parametrize(
    "clause",
    [
        "Relocated the cardiopulmonary requirement from the home sleep testing criteria to the positive airway "
        "pressure criteria.",
        "Moved the cardiopulmonary requirement to the airway pressure therapy criteria.",
    ],
)
def test_a_move_is_named_by_what_moved_and_where_to(clause: str) -> None:
    pair = _sets(MOVE, clause)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


@pytest.mark.parametrize(
    "clause",
    [
        # the wrong way round
        "Moved the cardiopulmonary requirement from the positive airway pressure criteria to the home sleep "
        "testing criteria.",
        "Moved the cardiopulmonary requirement to the home sleep apnea testing criteria.",  # the wrong destination
        "Moved a requirement from the home sleep testing criteria to the positive airway pressure criteria.",  # what?
        "Added the cardiopulmonary requirement to the positive airway pressure criteria.",  # not a move
    ],
)
def test_a_move_is_not_named_by_the_wrong_sets_nothing_moved_or_no_move(clause: str) -> None:
    pair = _sets(MOVE, clause)
    assert len(flagged(pair)) == 1


# --- a criterion's "reference range" is not a reference ---------------------------------------------------------


def test_a_references_clause_does_not_explain_a_criterion_about_a_reference_range() -> None:
    pair = pharmacy_pair(
        {"experienced;\n5. Dose": "experienced;\n5. Fecal calprotectin above the laboratory reference range;\n6. Dose"},
        "Updated references.",
    )
    assert flagged(pair) == {"I.B.5"}
    assert unbacked(pair) == ["Updated references"]
