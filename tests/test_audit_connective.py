"""A clause naming a list's connective change by its quantifiers ties to that change, and to nothing else.

A blind set's log said ``for CD, changed prior therapy requirement from both to one of the following: …`` for a
lead-in ``Member meets both of the following (a and b)`` → ``one of the following (a or b)``: no content word of
the clause is a word of the change (``both``, ``one``, ``following`` say nothing alone), so the change was
UNDOCUMENTED and the clause UNBACKED.  The quantifiers *from* and *to* are the change.  The policy here is our own
(tests/fixtures/audit_shapes/pharmacy.txt) in other wordings; every clause of another set, another direction or
another count must leave the change UNDOCUMENTED.
"""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import PHARMACY, flagged, unbacked

from policyvc.history.audit import PairAudit, audit_pair
from policyvc.parser import parse_text

TRIAL = (
    "4. Failure of a ≥ 3 consecutive month trial of at least one immunomodulator (e.g., azathioprine, "
    "mercaptopurine), unless contraindicated or clinically significant adverse effects are experienced;\n"
)
GROUP = (
    "4. Member meets {lead}:\n"
    "a. Failure of a ≥ 3 consecutive month trial of at least one immunomodulator (e.g., azathioprine, "
    "mercaptopurine), unless contraindicated or clinically significant adverse effects are experienced;\n"
    "b. Failure of a ≥ 8 week trial of an oral aminosalicylate, unless contraindicated;\n"
    "c. Failure of a ≥ 2 week trial of an oral corticosteroid, unless contraindicated;\n"
)
LOG_END = "1Q 2025 annual review: no significant changes; references reviewed and updated.\t02.25\t02.25\n"


def _lead(old: str, new: str, entry: str, extra: dict[str, str] | None = None) -> PairAudit:
    assert TRIAL in PHARMACY
    before = PHARMACY.replace(TRIAL, GROUP.format(lead=old))
    after = before.replace(GROUP.format(lead=old), GROUP.format(lead=new))
    after = after.replace("Last Review Date: 02.25", "Last Review Date: 02.26")
    for was, text in (extra or {}).items():
        assert was in after, was
        after = after.replace(was, text)
    after = after.replace(LOG_END, LOG_END + f"{entry}\t02.26\t02.26\n")
    return audit_pair(dt.date(2025, 2, 1), parse_text(before), dt.date(2026, 2, 1), parse_text(after))


ALL_OF, ANY_OF = "all of the following (a, b, and c)", "one of the following (a, b, or c)"


@pytest.mark.parametrize(
    ("old", "new", "clause"),
    [
        (ALL_OF, ANY_OF, "For UC, changed the prior therapy requirement from all to one of the following"),
        (ALL_OF, ANY_OF, "ulcerative colitis: prior treatment criterion revised from 'all' to 'any'"),
        (ALL_OF, ANY_OF, "For UC, changed from requiring each to requiring either of the trials"),
        (ANY_OF, ALL_OF, "For UC, conventional therapy trials changed from any to all of the following"),
        (ALL_OF, "at least two of the following", "for UC, prior trials changed from all to at least two"),
    ],
)
def test_a_clause_naming_the_quantifiers_from_and_to_names_the_connective_change(
    old: str, new: str, clause: str
) -> None:
    pair = _lead(old, new, f"1Q 2026 annual review: {clause}.")
    assert not {i for i in flagged(pair) if i.startswith("I.B")}
    assert unbacked(pair) == []


@pytest.mark.parametrize(
    "clause",
    [
        "For CD, changed the prior therapy requirement from all to one of the following",  # another set
        "For UC, changed the prior therapy requirement from one to all of the following",  # the other direction
        "For UC, changed the prior therapy requirement from all to two of the following",  # another count
        "For UC, changed the prior therapy requirement to the following",  # no quantifiers
    ],
)
def test_a_clause_of_another_set_direction_or_count_does_not_name_it(clause: str) -> None:
    pair = _lead(ALL_OF, ANY_OF, f"1Q 2026 annual review: {clause}.")
    assert "I.B.4" in flagged(pair)


def test_quantifiers_do_not_name_a_change_that_is_not_a_connective_change() -> None:
    """The lead-in is unchanged and the age is: the clause's quantifiers name nothing that changed."""
    pair = _lead(
        ALL_OF,
        ALL_OF,
        "1Q 2026 annual review: For UC, changed the prior therapy requirement from all to one of the following.",
        {"3. Age ≥ 18 years;\n4. Member meets all": "3. Age ≥ 12 years;\n4. Member meets all"},
    )
    assert "I.B.3" in flagged(pair)
    assert len(unbacked(pair)) == 1
