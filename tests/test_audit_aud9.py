"""Shapes of real revision logs a blind set (AUD9) showed claimed changes they name none of: a committee named after
the words of its review (``Reviewed by PAC.``, as a Blue Cross plan's history opens each row), and a history's own
date line read as a row (``Current Effective Date: 03/18/2026`` → ``Current effective``).  Each is paired with a
row that does claim a change, so the rule cannot pass by claiming nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import GENERIC, flagged, generic_pair, unbacked

from policyvc.history.audit import audit_pair, claims_of
from policyvc.parser import parse_text
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


# --- a section of prose said updated --------------------------------------------------------------------------

_BACKGROUND = (
    "Background\n"
    "HBOT delivers 100% oxygen at raised pressure to increase tissue oxygen tension in chronic wounds.\n\n"
    "Applicable Codes\n"
)


def _with_background(old_sentence: str, new_sentence: str, entry: str) -> tuple[set[str], list[str]]:
    old = GENERIC.replace(
        "Applicable Codes\n", _BACKGROUND.replace("chronic wounds.", f"chronic wounds. {old_sentence}")
    )
    new = old.replace(old_sentence, new_sentence).replace("Age ≥ 18 years", "Age ≥ 16 years")
    new = new.rstrip("\n") + f"\n01/01/2026\t{entry}\n"
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))
    return flagged(pair), unbacked(pair)


def test_background_updated_is_backed_by_a_change_of_the_background() -> None:
    """A new Background sentence shares words with the age clause (``16``, ``age``) and ties to it: the clause
    ``Background updated`` is still backed by it, not reported unbacked."""
    entry = "Updated age requirement to 16 years and older; Background updated."
    assert _with_background("Adults were studied.", "Adolescents aged 16 years and older were studied.", entry) == (
        set(),
        [],
    )


def test_a_section_said_updated_explains_nothing_in_another_section_nor_the_coverage() -> None:
    entry = "Background updated."
    flags, claims = _with_background("Most ulcers heal.", "Most ulcers heal.", entry)
    assert flags == {"Coverage-Rationale.c1.1"} and claims == ["Background updated"]
    flags, claims = _with_background("Most heal.", "Most heal.", "Coverage Rationale updated.")
    assert flags == {"Coverage-Rationale.c1.1"} and claims == ["Coverage Rationale updated"]


# --- the head's administrative lines, a row the old reading ran a line into ---------------------------------------


def _pair(old: str, new: str) -> tuple[set[str], list[str], int]:
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))
    return flagged(pair), unbacked(pair), len(pair.claims)


_HEAD = "Effective Date: January 1, 2025\n"
_ROW = "01/01/2026\tAnnual review; no changes.\n"


def test_approval_and_next_review_lines_of_the_head_are_administrative() -> None:
    old = GENERIC.replace(
        _HEAD, _HEAD + "Next Review: 01/2026\n\nGuideline RB.MP.0412 | Effective Date: January 1, 2025\n"
    )
    old = old.replace(
        "References\n", "Approved by Riverbend Medical Directors Date Approved: 11/19/2024\n\nReferences\n"
    )
    new = old.replace("Next Review: 01/2026\n", "").replace("11/19/2024", "11/18/2025")
    new = new.replace("Guideline RB.MP.0412 | Effective Date: January 1, 2025\n", "")
    assert _pair(old, new.rstrip("\n") + "\n" + _ROW) == (set(), [], 0)


def test_a_line_of_the_body_with_a_date_is_no_head_line() -> None:
    old = GENERIC.replace("References\n", "Members enrolled after 01/01/2025 need prior review.\n\nReferences\n")
    new = old.replace("Members enrolled after 01/01/2025 need prior review.\n\n", "")
    assert _pair(old, new.rstrip("\n") + "\n" + _ROW)[0] == {"Applicable-Codes.p1"}


def test_a_log_row_the_old_reading_ran_a_line_into_is_no_new_row() -> None:
    """The old copy's last row went on with the line after the log (``… references. Eligible providers: …``); the
    new one gives that line as a paragraph of its own: no new row (no claim), no paragraph inserted."""
    eligible = "Eligible providers: qualified health care professionals within the scope of their license."
    old = GENERIC.replace("Updated references.", f"Updated references. {eligible}")
    new = GENERIC + f"\n{eligible}\n"
    flags, claims, count = _pair(old, new)
    assert (flags, claims, count) == (set(), [], 0)


# --- a line one copy reads as a heading, the other as a paragraph ----------------------------------------------


def test_a_line_read_as_a_heading_in_one_copy_and_a_paragraph_in_the_other_is_no_change() -> None:
    """A Medicare web copy unwrapped reads ``Document Information`` as a paragraph of the head, the wrapped copy as a
    heading with the fields under it: the heading's deletion, the paragraph's insertion and the fields' moves, their
    words kept, are the same text; a field whose words changed, or a paragraph that came under no such heading, is
    still a change."""
    from policyvc.history.audit import _reread, _reread_headings
    from policyvc.history.diff import Edit, EditKind
    from policyvc.parser.walk import NodeKind

    heading = Edit(EditKind.DELETE, NodeKind.HEADING, "Document-Information", None, old_text="Document Information")
    para = Edit(EditKind.INSERT, NodeKind.PARAGRAPH, None, "front.p4", new_text="Document Information")
    kept = "Retirement Date: N/A"
    moved = Edit(EditKind.MOVE, NodeKind.PARAGRAPH, "Document-Information.p4", "front.p8", old_text=kept, new_text=kept)
    elsewhere = Edit(EditKind.MOVE, NodeKind.PARAGRAPH, "Coverage.p2", "front.p9", old_text=kept, new_text=kept)
    other = Edit(EditKind.INSERT, NodeKind.PARAGRAPH, None, "front.p5", new_text="Notice Period End Date: 03/01/2026")
    reread = _reread_headings([heading, para, moved, elsewhere, other])
    assert [_reread(e, reread) for e in (heading, para, moved, elsewhere, other)] == [True, True, True, False, False]
    assert _reread_headings([heading, elsewhere]) == (frozenset(), frozenset(), frozenset())
