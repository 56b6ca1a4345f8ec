"""Log entries a blind set (AUD17) showed the audit misjudged, each written here in other plans' words: a quarter's
review prefix without "annual" (``2Q 2026 review:``) before a clause scoped by an indication that widens its population;
a scope naming a set (``for CD, …``) that must never count as what changed; a clause about a criteria section named by
what it is (``Renewal criteria updated``); another template's approval-duration line; a move across lists reworded on
the way; a criterion named by its new and old number; a clause saying every word an update added.  Each is paired with
what must still fail: another set, another section, a duration, the wrong direction, a number changed under a wording
clause, words added that the clause does not find the sentence by."""

from __future__ import annotations

import datetime as dt

from audit_support import flagged, pharmacy_pair, unbacked

from policyvc.history.audit import PairAudit, audit_pair, claims_of
from policyvc.parser import parse_text
from policyvc.parser.nodes import RevisionEntry

UC_AGE = {
    "active UC;\n2. Prescribed by or in consultation with a gastroenterologist;\n3. Age ≥ 18 years;": (
        "active UC;\n2. Prescribed by or in consultation with a gastroenterologist;\n3. Age ≥ 12 years;"
    )
}
CD_AGE = {
    "active CD;\n2. Prescribed by or in consultation with a gastroenterologist;\n3. Age ≥ 18 years;": (
        "active CD;\n2. Prescribed by or in consultation with a gastroenterologist;\n3. Age ≥ 12 years;"
    )
}


def _clauses(text: str) -> list[str]:
    return [c.clause for c in claims_of([RevisionEntry(text, dt.date(2026, 2, 1), None)])]


# --- a quarter's review, a population widened for one indication ------------------------------------------------


def test_a_quarter_review_prefix_without_annual_claims_nothing() -> None:
    assert _clauses("2Q 2026 review: for UC, broadened to include adolescents.") == [
        "for UC, broadened to include adolescents"
    ]
    assert _clauses("Q4 2025 annual review: coding updated") == ["coding updated"]


def test_a_population_widened_for_an_indication_names_its_age_change() -> None:
    pair = pharmacy_pair(UC_AGE, "2Q 2026 review: for UC, broadened to include adolescent patients per the new label.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []
    # the same words for the other indication's age: another set
    pair = pharmacy_pair(CD_AGE, "2Q 2026 review: for UC, broadened to include adolescent patients per the new label.")
    assert flagged(pair) == {"I.A.3"}
    assert len(unbacked(pair)) == 1


# --- a scope naming a set is where, never what changed -----------------------------------------------------------

RESPONSE = {
    "2. Member is responding positively to therapy;": (
        "2. Member is responding positively to therapy as shown by a lower Crohn's disease activity index score;"
    )
}


def test_the_set_a_clause_is_scoped_to_is_no_evidence_of_what_changed() -> None:
    # the continued-therapy criterion names Crohn's disease; a false removal for CD must not be backed by it
    pair = pharmacy_pair(RESPONSE, "for CD, removed the requirement for a gastroenterologist to prescribe.")
    assert flagged(pair) == {"II.A.2"}
    assert unbacked(pair) == ["for CD, removed the requirement for a gastroenterologist to prescribe"]
    # a row keyed by the set's name is that set's row: the dosing table's UC row for a clause about UC's dosing
    weeks = "UC\t600 mg IV at weeks 0, 4 and 8, then 180 mg SC every"
    dosing = {f"{weeks} 8 weeks": f"{weeks} 4 weeks"}
    pair = pharmacy_pair(dosing, "For UC, revised the maintenance dosing interval.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


# --- a criteria section named by what it is -------------------------------------------------------------------------


def test_a_clause_about_a_sections_criteria_explains_their_changes() -> None:
    for entry in (
        "Renewal criteria updated.",
        "Revised the criteria for reauthorization.",
        "Updated continuation of therapy criteria.",
    ):
        pair = pharmacy_pair(RESPONSE, entry)
        assert flagged(pair) == set(), entry
        assert unbacked(pair) == [], entry


def test_a_clause_about_another_sections_criteria_or_a_duration_stays_apart() -> None:
    pair = pharmacy_pair(RESPONSE, "Updated initial approval criteria.")
    assert flagged(pair) == {"II.A.2"}
    assert unbacked(pair) == ["Updated initial approval criteria"]
    # the section's approval duration is no criterion of it
    duration = {"weeks.\nApproval duration: 12 months": "weeks.\nApproval duration: 6 months"}
    pair = pharmacy_pair({**RESPONSE, **duration}, "Renewal criteria updated.")
    assert flagged(pair) == {"II.A.duration.all"}
    assert unbacked(pair) == []


# --- another template's approval-duration line ----------------------------------------------------------------------

INFUSION = """\
Prairie Valley Health
Pharmacy Prior Authorization Guideline
Drug: Zorvantix (zorvantimab)
Guideline ID: PVH-RX-2207
Effective Date: 04/01/2025

Initial Authorization
Zorvantix may be approved when ALL of the following are met:
1. Diagnosis of generalized myasthenia gravis;
2. Prescribed by a neurologist;
3. Member is anti-AChR antibody positive.
Initial authorization period: 3 months

Reauthorization
Zorvantix may be reapproved when the member has a documented reduction in MG-ADL score from baseline.
Reauthorization period: 12 months

Revision History
03/01/2024: New guideline.
"""


def _infusion(period: str, entry: str) -> PairAudit:
    new = INFUSION.replace("04/01/2025", "04/01/2026").replace(
        "Initial authorization period: 3 months", f"Initial authorization period: {period}"
    )
    new = new.rstrip("\n") + f"\n03/01/2026: {entry}\n"
    return audit_pair(dt.date(2025, 4, 1), parse_text(INFUSION), dt.date(2026, 3, 1), parse_text(new))


def test_another_templates_approval_period_line_is_an_approval_duration() -> None:
    pair = _infusion("6 months", "Lengthened initial approval duration to 6 months.")
    assert unbacked(pair) == []
    assert not pair.undocumented
    # a claim about the reauthorization period, or another value, does not name it
    for entry in (
        "Lengthened reauthorization approval duration to 6 months.",
        "Initial approval extended to 9 months.",
    ):
        pair = _infusion("6 months", entry)
        assert len(pair.undocumented) == 1, entry
        assert len(unbacked(pair)) == 1, entry


# --- a move across lists, reworded on the way ---------------------------------------------------------------------

DISC = """\
Northfield Health Partners
Medical Policy
Cervical Artificial Disc Replacement
Policy Number: NHP-SUR-118
Effective Date: 01/01/2025

Coverage Criteria
Cervical artificial disc replacement is medically necessary when all of the following are met:
1. Age 18 to 69 years;
2. Symptomatic degenerative disc disease at one or two levels from C3 to C7;
3. Failure of at least 6 weeks of conservative therapy;
4. Member does not currently use tobacco products.

Cervical artificial disc replacement is not medically necessary for any of the following:
1. Prior fusion at an adjacent level;
2. Active systemic infection.

Policy History
01/01/2024: Annual review. No changes to criteria.
"""
MOVED = {
    "3. Failure of at least 6 weeks of conservative therapy;\n4. Member does not currently use tobacco products.": (
        "3. Failure of at least 6 weeks of conservative therapy."
    ),
    "2. Active systemic infection.": "2. Active systemic infection;\n3. Current tobacco use.",
}


def _disc(entry: str) -> PairAudit:
    new = DISC.replace("Effective Date: 01/01/2025", "Effective Date: 01/01/2026")
    for before, after in MOVED.items():
        assert before in new, before
        new = new.replace(before, after)
    new = new.rstrip("\n") + f"\n01/01/2026: {entry}\n"
    return audit_pair(dt.date(2025, 1, 1), parse_text(DISC), dt.date(2026, 1, 1), parse_text(new))


def test_a_criterion_moved_across_lists_and_reworded_is_one_documented_move() -> None:
    pair = _disc(
        "Moved the tobacco requirement from the medically necessary criteria to the not medically necessary list."
    )
    assert not pair.undocumented
    assert unbacked(pair) == []


def test_a_move_said_the_wrong_way_round_explains_neither_half() -> None:
    pair = _disc(
        "Moved the tobacco requirement from the not medically necessary list to the medically necessary criteria."
    )
    assert len(pair.undocumented) == 2
    assert len(unbacked(pair)) == 1


# --- a criterion named by its new and its old number ----------------------------------------------------------------


def test_a_criterion_named_by_its_new_and_old_number_is_reworded_as_said() -> None:
    edits = {
        "active CD;\n2. Prescribed by or in consultation with a gastroenterologist;\n3. Age ≥ 18 years;\n"
        "4. Member has had ≥ 3 disease flares within the past 12 months;\n5. Dose": (
            "active CD;\n2. Age ≥ 18 years;\n3. Member has experienced ≥ 3 disease flares within the past 12 months;\n"
            "4. Dose"
        )
    }
    entry = (
        "For CD, removed the gastroenterologist prescriber requirement. "
        "Criterion I.A.3 (previously I.A.4) reworded for clarity."
    )
    pair = pharmacy_pair(edits, entry)
    assert flagged(pair) == set()
    assert unbacked(pair) == []
    # another criterion's numbers: not this one
    pair = pharmacy_pair(edits, entry.replace("I.A.3 (previously I.A.4)", "I.B.3 (previously I.B.4)"))
    assert flagged(pair) == {"I.A.3"}
    # a number changed is no rewording
    counted = {k: v.replace("≥ 3 disease flares", "≥ 2 disease flares") for k, v in edits.items()}
    pair = pharmacy_pair(counted, entry)
    assert flagged(pair) == {"I.A.3"}


# --- every word an update added, the sentence found by a word it kept ----------------------------------------------

MONOTHERAPY = {
    "2. Member is responding positively to therapy;": "2. Member is responding positively to Corvexa monotherapy;"
}


def test_a_clause_saying_every_added_word_names_the_update() -> None:
    pair = pharmacy_pair(MONOTHERAPY, "Clarified that a positive response means responding to Corvexa monotherapy.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []
    # the added words alone, the sentence not found by a word of its own
    pair = pharmacy_pair(MONOTHERAPY, "Clarified Corvexa monotherapy.")
    assert flagged(pair) == {"II.A.2"}
