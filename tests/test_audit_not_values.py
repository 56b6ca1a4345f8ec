"""Numbers of a log entry that are no value it claims, and a changed number's sentence that the clause must name.

A blind set of version pairs tied a hypoglycemia count ``at least 2 → 1 level 2 events`` to a clause about
another change ("Medical Policy Group, April 2026 (2): Updated policy statement to add coverage of long-term CGM
for type 2 diabetes"), by the committee's tag ``(2)``, the ``2`` of ``type 2`` and the topic words every sentence
of the policy shares; and it called a Medicare contractor's revision unbacked because the entry's own ``Revision
Effective: 02/15/2026`` date was read as numbers the change must have, and the row's reason from CMS's list
(``Provider Education/Guidance``) as a claim of its own.  The policy is our own (tests/fixtures/audit_shapes);
each undocumented case is paired with a clause that does name the change.
"""

from __future__ import annotations

import pytest
from audit_support import flagged, generic_pair, unbacked

WOUND_CARE = {"Failure of at least 30 days": "Failure of at least 14 days"}


@pytest.mark.parametrize(
    "clause",
    [
        "Medical Policy Group, January 2026 (2): Updated policy statement to add coverage of HBOT for type 2 "
        "diabetes with chronic foot ulcers.",
        "Updated policy statement to add coverage of HBOT for type 2 diabetic foot ulcers.",
    ],
)
def test_a_tag_a_name_and_the_topic_do_not_document_a_changed_count(clause: str) -> None:
    pair = generic_pair(WOUND_CARE, clause)
    assert flagged(pair) == {"Coverage-Rationale.c1.3"}


@pytest.mark.parametrize(
    "clause",
    [
        "Medical Policy Group, January 2026 (2): Shortened the standard wound care requirement to 14 days.",
        "Medical Policy Group, January 2026 (2): Revised the standard wound care requirement.",
    ],
)
def test_a_clause_naming_the_count_or_what_it_counts_documents_it(clause: str) -> None:
    pair = generic_pair(WOUND_CARE, clause)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_an_entrys_own_dates_and_its_reason_are_no_claims() -> None:
    edits = {
        "2.0 to 2.5 atmospheres absolute.": "2.0 to 2.5 atmospheres absolute;\n"
        "5. The treatment plan is documented by a wound care specialist."
    }
    entry = (
        "R4 Revision Effective: 01/01/2026 Revision Explanation: Under Coverage Rationale added a requirement "
        "that a wound care specialist document the treatment plan. | Provider Education/Guidance"
    )
    pair = generic_pair(edits, entry)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_clause_with_another_value_is_still_ruled_out() -> None:
    pair = generic_pair(
        WOUND_CARE, "R4 Revision Effective: 01/01/2026: shortened the wound care requirement to 21 days."
    )
    assert flagged(pair) == {"Coverage-Rationale.c1.3"}
