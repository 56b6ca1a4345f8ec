"""Producer differences between two copies of one policy that reach the audit as changes and are none (AUD9–AUD11:
a LibreOffice PDF against its ``pdftotext`` copy, a text copy against a Chromium print):

* the revision log's heading or a name of its columns left in the body by one copy only (``Reviews, Revisions, and
  Approvals``; ``Revision``, the first line of ``Revision Date`` a print set above the heading);
* a code table's row that took the next table's name as a last cell (``… attachment | HCPCS``);
* a heading read at another level (a section of its own in one copy, a subsection in the other);
* the header's title taken from another line in one copy (the next heading, the plan's name line) that the other
  copy holds as a line of its own.

Each stays a change where it is one: a heading removed with its text, a row's words changed, a retitle.
"""

from __future__ import annotations

from policyvc.history.audit import _code_set_cell, _log_head_line, _relevelled_headings, _repaired, _title_reread
from policyvc.history.diff import Edit, EditKind, Side
from policyvc.parser import parse_text
from policyvc.parser.walk import NodeKind


def _side(node_id: str, text: str, parent: str | None = None) -> Side:
    return Side(node_id, None, text, parent, None, None)


def _deleted(node: NodeKind, node_id: str, text: str, content: tuple[str, ...] = ()) -> Edit:
    return Edit.deleted(node, _side(node_id, text), (), content, 1 + len(content))


def _inserted(node: NodeKind, node_id: str, text: str, content: tuple[str, ...] = ()) -> Edit:
    return Edit.inserted(node, _side(node_id, text), (), content, 1 + len(content))


def test_the_logs_heading_or_a_column_name_left_in_one_copy_is_no_change() -> None:
    assert _log_head_line(
        _deleted(NodeKind.HEADING, "Reviews-Revisions-and-Approvals", "Reviews, Revisions, and Approvals")
    )
    assert _log_head_line(_deleted(NodeKind.HEADING, "Coding.Revision", "Revision"))
    assert _log_head_line(_inserted(NodeKind.PARAGRAPH, "Coding.p3", "Approval Date"))
    # a heading with text under it, or words of the policy, are changes
    assert not _log_head_line(
        _deleted(NodeKind.HEADING, "Policy-History", "Policy History", ("Prior approval is required.",))
    )
    assert not _log_head_line(_inserted(NodeKind.PARAGRAPH, "Background.p2", "Review of the literature"))
    assert not _log_head_line(_deleted(NodeKind.HEADING, "Dates", "Date"))  # (no log's word)


def _row(old: str, new: str) -> Edit:
    table = "Coding Implications"
    return Edit.changed(
        EditKind.ROW_UPDATE,
        NodeKind.ROW,
        Side("Coding.t1.69727", None, old, None, table, "69727"),
        Side("Coding.t1.69727", None, new, None, table, "69727"),
    )


def test_a_code_rows_last_cell_that_is_the_next_tables_name_is_no_change() -> None:
    words = "Removal, entire osseointegrated implant, skull; with magnetic transcutaneous attachment"
    assert _code_set_cell(_row(f"{words} | HCPCS", words))
    assert _code_set_cell(_row(words, f"{words} | CPT® Codes"))
    assert not _code_set_cell(_row(f"{words} | HCPCS", words.replace("magnetic", "percutaneous")))
    assert not _code_set_cell(_row(f"{words} | each", words))


def test_a_heading_read_at_another_level_is_no_change_and_a_section_removed_is() -> None:
    title = "Positive Airway Pressure (PAP) Devices"
    moved = [
        _deleted(NodeKind.HEADING, "Positive-Airway-Pressure-PAP-Devices", title),
        _inserted(NodeKind.HEADING, "Description.Positive-Airway-Pressure-PAP-Devices", title),
    ]
    assert _relevelled_headings(moved) == {0, 1}
    # a heading deleted with its text, or with no heading of its words inserted, stays a change
    assert _relevelled_headings([_deleted(NodeKind.HEADING, "PAP", title, ("CPAP is covered.",)), moved[1]]) == set()
    assert _relevelled_headings(moved[:1]) == set()


OLD = """Clinical Policy: Bone-Anchored Hearing Aids
Reference Number: CP.MP.96
Date of Last Revision: 10/25
Managed Health Services Wisconsin
Description
Bone-anchored hearing aids transmit sound by direct bone conduction.
"""


def _title(old: str, new: str) -> Edit:
    return Edit.changed(EditKind.UPDATE, NodeKind.FIELD, _side("header.title", old), _side("header.title", new))


def test_a_title_taken_from_another_line_of_one_copy_is_no_retitle() -> None:
    old = parse_text(OLD)
    # the new copy's title line lost: its reader took the plan's name line, a paragraph of the old copy
    new = parse_text(OLD.replace("Clinical Policy: Bone-Anchored Hearing Aids\n", ""))
    assert _title_reread(_title("Bone-Anchored Hearing Aids", "Managed Health Services Wisconsin"), old, new)
    # a retitle: neither title is a line of the other copy
    assert not _title_reread(_title("Bone-Anchored Hearing Aids", "Bone Conduction Hearing Devices"), old, new)


def test_an_item_the_diff_paired_with_the_next_one_is_kept_not_inserted() -> None:
    # one copy nested the next heading's item under B.2, the other under B.3: the diff paired old B.2 with new B.3
    kept = "The member's hearing has declined such that the current processor no longer provides adequate benefit;"
    added = "Audiologic testing within the past 12 months documents no decline in bone conduction thresholds;"
    update = Edit.changed(
        EditKind.UPDATE, NodeKind.CRITERION, _side("Replacement.B.2", kept), _side("Replacement.B.3", added)
    )
    insert = _inserted(NodeKind.CRITERION, "Replacement.B.2", kept)
    assert _repaired([update, insert]) == {1}
    # the same words under another parent, or other words, stay an insert
    assert _repaired([update, _inserted(NodeKind.CRITERION, "Initial.A.2", kept)]) == set()
    assert _repaired([update, _inserted(NodeKind.CRITERION, "Replacement.B.4", added)]) == set()
