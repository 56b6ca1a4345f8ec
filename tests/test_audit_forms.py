"""How real logs word a change the text words otherwise, each with a clause that must not tie.

A blind set of version pairs raised false alarms on documented changes of these shapes: a minimum age lowered
(also in the FDA indication's "N years and older", also from years to months), a requirement named by the noun
of the verb the criterion uses (co-administration / co-administered), a deleted criterion whose count is written
in words (``at least one prior …``), a list item added that is the one term the clause names.  The policies here
are our own (tests/fixtures/audit_shapes), in other wordings; every documented case is paired with a clause that
shares less — another number, a word the item only contains, an age that is not what changed — which must leave
the change UNDOCUMENTED.
"""

from __future__ import annotations

import pytest
from audit_support import flagged, generic_pair, pharmacy_pair, unbacked

from policyvc.history.terms import stem

# --- a minimum age ---------------------------------------------------------------------------------

PEDIATRIC_OLD = {
    "- Moderately to severely active Crohn's disease in adults": (
        "- Moderately to severely active Crohn's disease in patients 12 years and older"
    ),
    "A. Crohn's Disease (must meet all):\n1. Diagnosis of moderately to severely active CD;\n"
    "2. Prescribed by or in consultation with a gastroenterologist;\n3. Age ≥ 18 years;": (
        "A. Crohn's Disease (must meet all):\n1. Diagnosis of moderately to severely active CD;\n"
        "2. Prescribed by or in consultation with a gastroenterologist;\n3. Age ≥ 12 years;"
    ),
}
PEDIATRIC_NEW = {
    "Crohn's disease in patients 12 years and older": "Crohn's disease in patients 6 years and older",
    "3. Age ≥ 12 years;": "3. Age ≥ 6 years;",
}


@pytest.mark.parametrize(
    "clause",
    [
        "Per the updated prescribing information, lowered the minimum age for CD to 6 years.",
        "Reduced minimum age to 6 years per updated label.",
    ],
)
def test_a_minimum_age_lowered_names_the_age_and_the_indications_age(clause: str) -> None:
    pair = pharmacy_pair(PEDIATRIC_NEW, clause, old_edits=PEDIATRIC_OLD)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_minimum_age_must_be_the_changed_number() -> None:
    pair = pharmacy_pair(PEDIATRIC_NEW, "Lowered the minimum age to 2 years.", old_edits=PEDIATRIC_OLD)
    assert flagged(pair) == {"I.A.3", "indications.1"}
    assert all(m.reason.startswith("wrong number: the clause says 2") for m in pair.change_misses)
    assert unbacked(pair) == ["Lowered the minimum age to 2 years"]


def test_an_age_from_years_to_months_is_the_age_change() -> None:
    pair = generic_pair({"1. Age ≥ 18 years;": "1. Age ≥ 9 months;"}, "Lowered minimum age for HBOT to 9 months.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


@pytest.mark.parametrize("clause", ["Lowered the minimum age to 2 years.", "Lowered the age limit to 2 years."])
def test_an_age_clause_does_not_tie_another_number_of_a_sentence_that_says_age(clause: str) -> None:
    """The sentence says ``Age ≥ 12 years``, but what changed is the count of flares: the age is not the change."""
    old = {"3. Age ≥ 18 years;\n4. Member has had ≥ 3 disease flares within the past 12 months;\n5. Dose": (
        "3. Age ≥ 12 years and ≥ 4 disease flares within the past 12 months;\n4. Dose"
    )}  # fmt: skip
    pair = pharmacy_pair({"≥ 4 disease flares": "≥ 2 disease flares"}, clause, old_edits=old)
    assert flagged(pair) == {"I.A.3"}
    assert unbacked(pair) == [clause.rstrip(".")]


# --- word forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [("co-administration", "co-administered"), ("coadministration", "co-administered"),
     ("titration", "titrated"), ("injections", "injected"), ("infusion", "infused"), ("escalation", "escalate")],
)  # fmt: skip
def test_a_verb_and_its_noun_stem_alike(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(("one", "other"), [("infusion", "injection"), ("administered", "co-administered")])
def test_different_words_stem_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other)


CO_ADMINISTERED = {
    "4. Member has had ≥ 3 disease flares within the past 12 months;\n5. Dose": (
        "4. Member has had ≥ 3 disease flares within the past 12 months;\n"
        "5. Corvexa will be co-administered with an immunomodulator, unless contraindicated;\n6. Dose"
    )
}


@pytest.mark.parametrize(
    "clause",
    ["Added a requirement for co-administration with an immunomodulator.",
     "For CD, added requirement for coadministration with an immunomodulator."],
)  # fmt: skip
def test_a_requirement_named_by_its_verbs_noun_is_documented(clause: str) -> None:
    pair = pharmacy_pair(CO_ADMINISTERED, clause)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_one_word_in_common_is_not_a_requirement_named() -> None:
    pair = pharmacy_pair(CO_ADMINISTERED, "Added a step through an immunomodulator.")
    assert flagged(pair) == {"I.A.5"}


# --- a count in words in the change's own text ------------------------------------------------------

PRIOR_TRIAL = {
    "4. Failure of a ≥ 3 consecutive month trial of at least one immunomodulator (e.g., azathioprine, "
    "mercaptopurine), unless contraindicated or clinically significant adverse effects are experienced;\n5. Dose": (
        "4. Dose"
    )
}


def test_a_deleted_criterions_count_in_words_is_its_number() -> None:
    pair = pharmacy_pair(PRIOR_TRIAL, "For UC, removed the requirement for a trial of at least one immunomodulator.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_deleted_criterions_count_must_be_the_clauses() -> None:
    clause = "For UC, removed the requirement for a trial of at least two immunomodulators"
    pair = pharmacy_pair(PRIOR_TRIAL, clause + ".")
    assert flagged(pair) == {"I.B.4"}
    (miss,) = pair.change_misses
    assert miss.reason.startswith("wrong number: the clause says 2")
    assert unbacked(pair) == [clause]


# --- an item that is the one term the clause adds ------------------------------------------------


def _item(text: str) -> dict[str, str]:
    return {
        "4. Member has had ≥ 3 disease flares within the past 12 months;\n5. Dose": (
            f"4. Member has had ≥ 3 disease flares within the past 12 months;\n5. {text};\n6. Dose"
        )
    }


@pytest.mark.parametrize(
    ("item", "clause"),
    [("Pyoderma refractory to topical therapy", "Added pyoderma to qualifying manifestations."),
     ("Severe pyoderma despite topical therapy", "Added pyoderma to qualifying manifestations."),
     ("Pain despite topical therapy", "Added pain to qualifying symptoms.")],
)  # fmt: skip
def test_an_item_that_is_the_term_added_is_documented(item: str, clause: str) -> None:
    pair = pharmacy_pair(_item(item), clause)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


@pytest.mark.parametrize(
    ("item", "clause"),
    [("Pyoderma with pain refractory to topical therapy", "Added pain to qualifying symptoms."),
     ("Abdominal pain despite topical therapy", "Added neck pain to qualifying symptoms."),
     ("Pain despite topical therapy", "Clarified pain in the qualifying symptoms."),
     ("Pain despite topical therapy", "Added fatigue to qualifying symptoms.")],
)  # fmt: skip
def test_a_word_the_item_only_contains_does_not_name_it(item: str, clause: str) -> None:
    pair = pharmacy_pair(_item(item), clause)
    assert flagged(pair) == {"I.A.5"}
    assert unbacked(pair) == [clause.rstrip(".")]
