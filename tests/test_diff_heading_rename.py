"""A heading renamed over the same content is one rename, not a delete, an insert and every criterion moved.

A heading's title is its key, so the containers pass never paired ``Coverage Rationale`` with ``Medical Necessity
Criteria``; a blind set showed the section's criteria reported as moves into an inserted heading.  The policy is
our own (tests/fixtures/audit_shapes/generic.txt) under other titles; a heading whose content went elsewhere, or a
title that is still there, stays a delete and an insert.
"""

from __future__ import annotations

from audit_support import GENERIC

from policyvc.history.diff import EditKind, diff
from policyvc.parser import parse_text


def _kinds(new: str) -> list[tuple[str, str]]:
    script = diff(parse_text(GENERIC), parse_text(new))
    return [(str(e.kind), str(e.new_id or e.old_id)) for e in script.changes if e.kind is not EditKind.RENUMBER]


def test_a_heading_renamed_over_its_content_is_one_update() -> None:
    changes = _kinds(GENERIC.replace("Coverage Rationale\n", "Medical Necessity Criteria\n"))
    assert changes == [("update", "Medical-Necessity-Criteria")]


def test_a_renamed_heading_with_an_edited_criterion_is_a_rename_and_the_edit() -> None:
    new = GENERIC.replace("Coverage Rationale\n", "Clinical Indications\n").replace("30 days", "60 days")
    kinds = _kinds(new)
    assert ("update", "Clinical-Indications") in kinds
    assert not [k for k, _ in kinds if k in ("move", "insert", "delete")]


def test_a_heading_whose_content_went_elsewhere_is_not_renamed() -> None:
    """The criteria left the section for another (kept) heading: the old heading is deleted, the new inserted."""
    old_section = GENERIC.split("Coverage Rationale\n", 1)[1].split("\n\n", 1)[0]
    new = GENERIC.replace("Coverage Rationale\n" + old_section, "Background\nHBOT delivers oxygen under pressure.")
    kinds = _kinds(new)
    assert ("delete", "Coverage-Rationale") in kinds
    assert ("insert", "Background") in kinds


def test_a_title_still_there_is_not_renamed() -> None:
    """A new heading above the section (the old title kept): an insert, the old heading stays itself."""
    kinds = _kinds(
        GENERIC.replace("Coverage Rationale\n", "Overview\nHBOT is reviewed yearly.\n\nCoverage Rationale\n")
    )
    assert ("insert", "Overview") in kinds
    assert not [i for k, i in kinds if k == "update" and "Coverage" in i]
