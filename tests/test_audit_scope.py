"""What a clause's scope and kind rule out, and what claims nothing — shapes a second blind set of pairs raised.

A clause about *initial* approval (whatever noun follows: "the initial flare count") cannot explain a change in
continued therapy; a clause saying a value was raised or lowered cannot explain a criterion deleted outright; a list
item gaining or losing its trailing "or" is part of the item inserted after it or deleted after it; a sentence
saying nothing changed claims nothing.  The policies are our own (tests/fixtures/audit_shapes) in other wordings;
each documenting clause is paired with one that must not tie.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from policyvc.history.audit import PairAudit, audit_pair, claims_of
from policyvc.parser import parse_text
from policyvc.parser.nodes import RevisionEntry

SHAPES = FIXTURES / "audit_shapes"
PHARMACY = (SHAPES / "pharmacy.txt").read_text(encoding="utf-8")
GENERIC = (SHAPES / "generic.txt").read_text(encoding="utf-8")
LOG_END = "1Q 2025 annual review: no significant changes; references reviewed and updated.\t02.25\t02.25\n"
# section II with a flare criterion of its own (the old version)
CONTINUED = "2. Member is responding positively to therapy;\n3. If request"
CONTINUED_FLARES = (
    "2. Member is responding positively to therapy;\n3. Member has had fewer than 2 disease flares since the last "
    "approval;\n4. If request"
)


def _pair(old_edits: dict[str, str], new_edits: dict[str, str], entry: str) -> PairAudit:
    old = PHARMACY
    for a, b in old_edits.items():
        assert a in old, a
        old = old.replace(a, b, 1)
    new = old.replace("Last Review Date: 02.25", "Last Review Date: 02.26")
    for a, b in new_edits.items():
        assert a in new, a
        new = new.replace(a, b, 1)
    new = new.replace(LOG_END, LOG_END + f"{entry}\t02.26\t02.26\n")
    return audit_pair(dt.date(2025, 2, 1), parse_text(old), dt.date(2026, 2, 1), parse_text(new))


def _flagged(pair: PairAudit) -> set[str]:
    return {str(e.new_id or e.old_id) for e in pair.undocumented}


FEWER_FLARES = {"4. Member has had ≥ 3 disease flares": "4. Member has had ≥ 2 disease flares"}
DROP_CONTINUED = {CONTINUED_FLARES: "2. Member is responding positively to therapy;\n3. If request"}


def test_an_initial_criteria_clause_does_not_explain_a_continued_therapy_change() -> None:
    pair = _pair(
        {CONTINUED: CONTINUED_FLARES},
        {**FEWER_FLARES, **DROP_CONTINUED},
        "For Crohn's disease, lowered the initial disease flare count to 2 flares.",
    )
    assert _flagged(pair) == {"II.A.3"}
    assert [c.clause for c in pair.unbacked] == []


def test_a_continued_therapy_clause_explains_its_own_section() -> None:
    pair = _pair(
        {CONTINUED: CONTINUED_FLARES},
        {**FEWER_FLARES, **DROP_CONTINUED},
        "For Crohn's disease, lowered the initial disease flare count to 2 flares; removed the disease flare "
        "criterion from reauthorization.",
    )
    assert _flagged(pair) == set()


def test_a_value_raised_or_lowered_does_not_explain_a_deleted_criterion() -> None:
    pair = _pair(
        {CONTINUED: CONTINUED_FLARES}, DROP_CONTINUED, "For Crohn's disease, lowered the disease flare count to 2."
    )
    assert _flagged(pair) == {"II.A.3"}


def _generic(old_edits: dict[str, str], new_edits: dict[str, str], entry: str) -> PairAudit:
    old = GENERIC
    for a, b in old_edits.items():
        assert a in old, a
        old = old.replace(a, b, 1)
    new = old
    for a, b in new_edits.items():
        assert a in new, a
        new = new.replace(a, b, 1)
    new = new.rstrip("\n") + f"\n01/01/2026\t{entry}\n"
    return audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))


ULCERS = "2. One of the following:\na. Wagner grade 3 ulcer of the lower extremity; or\nb. Wagner grade 4 ulcer;\n"
ULCERS_MORE = (
    "2. One of the following:\na. Wagner grade 3 ulcer of the lower extremity;\nb. Wagner grade 4 ulcer; or\n"
    "c. Osteomyelitis of the calcaneus;\n"
)
WAGNER = {"2. Wagner grade 3 or higher ulcer of the lower extremity;\n": ULCERS}


def test_a_trailing_connective_is_part_of_the_item_inserted_after_it() -> None:
    pair = _generic(WAGNER, {ULCERS: ULCERS_MORE}, "Added osteomyelitis of the calcaneus as a qualifying finding.")
    assert _flagged(pair) == set()
    # the item and its connectives stand or fall together: a clause about something else explains none of them
    assert _flagged(_generic(WAGNER, {ULCERS: ULCERS_MORE}, "Added CPT code 99999.")) >= {"Coverage-Rationale.c1.2.c"}


def test_a_trailing_connective_is_part_of_the_item_deleted_after_it() -> None:
    pair = _generic(
        {"2. Wagner grade 3 or higher ulcer of the lower extremity;\n": ULCERS_MORE},
        {ULCERS_MORE: ULCERS.replace("; or\n", ";\n").replace("ulcer;\n", "ulcer; or\n", 1)},
        "Removed osteomyelitis of the calcaneus as a qualifying finding.",
    )
    assert _flagged(pair) == set()


def _entry(text: str) -> RevisionEntry:
    return RevisionEntry(text, dt.date(2026, 2, 1), None)


@pytest.mark.parametrize(
    "text",
    [
        "No significant changes.",
        "No clinical criteria changes.",
        "No changes to coverage criteria.",
        "No change to the coverage position.",
        "Annual Review No policy statement changes",
        "Policy reviewed, no changes.",
        "There were no changes to the policy.",
    ],
)
def test_a_sentence_saying_nothing_changed_claims_nothing(text: str) -> None:
    assert claims_of([_entry(text)]) == ()


@pytest.mark.parametrize(
    "text", ["No changes to criteria except the age limit lowered to 12 years.", "No longer requires a trial of X."]
)
def test_a_sentence_naming_a_change_still_claims_it(text: str) -> None:
    assert len(claims_of([_entry(text)])) == 1


def test_a_removal_clause_still_explains_a_deleted_criterion_that_mentions_an_increase() -> None:
    pair = _pair(
        {CONTINUED: CONTINUED_FLARES},
        DROP_CONTINUED,
        "For Crohn's disease, removed the disease flare count that increased reauthorization denials.",
    )
    assert _flagged(pair) == set()
