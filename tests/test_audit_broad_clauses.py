"""Broad log words (AUD12): what a vague clause covers, and the numbers it never excuses.

``minor editorial changes`` covers a criterion reworded in place — the same numbers, a few words, no name
added — never a drug added to a step list, nor a count changed in words (``at least two`` → ``one``).
``updated criteria to align with FDA labeling`` covers the dosing and product rows a label brings (a new pen,
an administration sentence), never a criterion's count.  ``clarified the X criterion`` that ties the rewritten
criterion also explains the old one going at its place, when no number of the old one is lost.  ``Updated
background and references`` names the Background section.  Each case is paired with the change the clause must
not cover, so no rule passes by covering everything.
"""

from __future__ import annotations

import datetime as dt

from audit_support import GENERIC, flagged, pharmacy_pair, unbacked

from policyvc.history.audit import audit_pair
from policyvc.parser import parse_text

UC_STEP = "at least one immunomodulator (e.g., azathioprine, mercaptopurine), unless"
FLARES = "4. Member has had ≥ 3 disease flares within the past 12 months;"


def test_an_editorial_clause_covers_a_rewording_not_a_drug_added() -> None:
    pair = pharmacy_pair(
        {
            "1. Diagnosis of moderately to severely active CD;": "1. Diagnosis of active CD of moderate to severe "
            "activity;",
            UC_STEP: UC_STEP.replace("mercaptopurine)", "mercaptopurine, methotrexate)"),
        },
        "1Q 2026 annual review: minor editorial changes.",
    )
    assert flagged(pair) == {"I.B.4"}
    assert unbacked(pair) == []


def test_an_editorial_clause_never_excuses_a_number() -> None:
    pair = pharmacy_pair(
        {FLARES: FLARES.replace("≥ 3", "≥ 2")},
        "1Q 2026 annual review: minor editorial changes.",
    )
    assert flagged(pair) == {"I.A.4"}
    assert unbacked(pair) == ["minor editorial changes"]


def test_a_labeling_clause_covers_the_labels_rows_not_a_criterion() -> None:
    pair = pharmacy_pair(
        {
            "- Prefilled syringe: 180 mg/1.2 mL": "- Prefilled syringe: 180 mg/1.2 mL\n- Prefilled pen: 180 mg/1.2 mL",
            FLARES: FLARES.replace("≥ 3", "≥ 2"),
        },
        "1Q 2026 annual review: updated criteria to align with FDA labeling.",
    )
    assert flagged(pair) == {"I.A.4"}
    assert unbacked(pair) == []


def test_background_and_references_names_the_background() -> None:
    background = "Background\nHBOT delivers oxygen at raised pressure to promote wound healing.\n\nReferences\n"
    old = GENERIC.replace("References\n", background, 1)
    new = old.replace(
        "promote wound healing.", "promote wound healing.\n\nNewer trials report fewer amputations with HBOT.", 1
    )
    new = new.rstrip("\n") + "\n01/01/2026\tUpdated background and references.\n"
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_criterion_rewritten_in_place_goes_with_the_clause_of_its_new_words() -> None:
    """``Psychological clearance …`` → ``Psychological evaluation …`` read as the old criterion deleted and a new
    one inserted at its place: the clause that names the new one explains the old one going (its 12 kept)."""
    old = GENERIC.replace(
        "2. Wagner grade 3 or higher ulcer of the lower extremity;", "2. Podiatric clearance within 12 months;"
    )
    rewritten = (
        "2. Podiatric evaluation by a licensed podiatrist within 12 months prior to therapy documenting "
        "ulcer depth, infection status and vascular supply;"
    )
    new = old.replace("2. Podiatric clearance within 12 months;", rewritten)
    new = new.rstrip("\n") + "\n01/01/2026\tClarified podiatric evaluation criterion.\n"
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))
    assert flagged(pair) == set()
    lost = new.replace("within 12 months prior to therapy", "prior to therapy")  # (the 12 gone: not excused)
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(lost))
    assert flagged(pair) == {"Coverage-Rationale.c1.2"}
