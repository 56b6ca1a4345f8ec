"""One text read in two shapes is a reread (issue 17): listed apart, never a change, the edit script kept whole.

A copy that keeps a table a table (a web page's text, cells tab-separated) against one that has each row as a line
of prose (a print whose cells a reader ran together): the words are the same, in the same order, in the same place
of the document, so the diff lists the nodes under *read differently, same words* and counts no change.  A cell or
a number changed, a row added, a paragraph moved and a requirement turned into prose are still reported.  The
producers' own prints are in ``test_diff_reread_producers.py``.
"""

from __future__ import annotations

import json

from conftest import check_golden
from diff_support import diff_texts

from policyvc.history.diff import EditScript
from policyvc.renderer.diff import render_json, render_text

_HEADER = ("Contractor Name", "Contract Type", "Contract Number", "Jurisdiction", "States")
_ROWS = [
    ("Example Solutions, Inc.", "A and B MAC", "12502 - MAC B", "J - L", "Pennsylvania"),
    ("Example Solutions, Inc.", "A and B MAC", "12402 - MAC B", "J - L", "New Jersey"),
    ("Example Solutions, Inc.", "A and B MAC", "12302 - MAC B", "J - L", "Maryland"),
]
_CRITERIA = [
    "The patient is 18 years of age or older;",
    "The diagnosis is confirmed by a specialist who has examined the patient;",
    "The patient has had a failure of a trial of standard treatment of adequate dose and duration.",
]
_RECORDS = "Providers must keep a record of every session in the patient's chart."


def _document(table: str, *, records_under_limits: bool = False) -> str:
    records = f"{_RECORDS}\n\n"
    return (
        "Local Coverage Determination (LCD)\n\nExample Stimulation Therapy for Chronic Pain\n\n"
        f"Contractor Information\n\n{table}\n\nLCD Information\n\nDocument Information\n\n"
        "LCD ID\nL99999\n\nRevision Effective Date\nFor services performed on or after 03/01/2026\n\n"
        "Coverage Indications, Limitations, and/or Medical Necessity\n\n"
        "Example stimulation is considered reasonable and necessary when all of the following are met:\n\n"
        + "\n\n".join(f"{k}. {c}" for k, c in enumerate(_CRITERIA, 1))
        + "\n\n"
        + ("" if records_under_limits else records)
        + "Limitations\n\n- Treatment is limited to 20 sessions per course.\n\n"
        + (records if records_under_limits else "")
        + "Revision History Information\n\n03/01/2026 R2 Criteria clarified.\n"
    )


def _tabs(rows: list[tuple[str, ...]]) -> str:
    """A web page's copy: a row a line, cells tab-separated."""
    return "\n\n".join("\t".join(row) for row in [_HEADER, *rows])


def _lines(rows: list[tuple[str, ...]]) -> str:
    """A print read with its cells run together: a row a line of prose (``J-L`` unspaced)."""
    return "\n\n".join(" ".join(row).replace("J - L", "J-L") for row in [_HEADER, *rows])


def _changed(script: EditScript) -> str:
    return " ".join(f"{e.old_text} {e.new_text} {' '.join(e.content)}" for e in script.changes)


def test_a_table_against_its_rows_as_lines_is_a_reread_and_no_change() -> None:
    for old, new in ((_tabs(_ROWS), _lines(_ROWS)), (_lines(_ROWS), _tabs(_ROWS))):
        script = diff_texts(_document(old), _document(new))
        assert script.changes == ()
        (x,) = script.rereads
        assert x.words == 47
        for lines in (x.old_lines, x.new_lines):
            assert any("Pennsylvania" in line for line in lines)


def test_the_text_and_json_outputs_list_a_reread_apart_from_the_changes() -> None:
    script = diff_texts(_document(_tabs(_ROWS)), _document(_lines(_ROWS)))
    text = render_text(script, "L99999 web → print")
    assert text.startswith("L99999 web → print: no changes\n")
    check_golden("diff/reread.txt", text)
    doc = json.loads(render_json(script))
    assert doc["summary"]["changes"] == 0 and doc["edits"] == []
    assert [x["kind"] for x in doc["rereads"]] == ["reread"]
    assert doc["rereads"][0]["old_size"] == 5 and doc["rereads"][0]["new_size"] == 5


def test_a_cell_changed_in_a_table_read_in_two_shapes_is_still_a_change() -> None:
    changed = [*_ROWS[:2], (*_ROWS[2][:4], "Delaware")]
    script = diff_texts(_document(_tabs(_ROWS)), _document(_lines(changed)))
    words = _changed(script)
    assert "Maryland" in words and "Delaware" in words
    assert "Pennsylvania" not in words  # the rows around it are read again
    assert all("Delaware" not in line for x in script.rereads for line in x.new_lines)


def test_a_number_changed_in_a_table_read_in_two_shapes_is_still_a_change() -> None:
    changed = [_ROWS[0], (_ROWS[1][0], _ROWS[1][1], "12403 - MAC B", *_ROWS[1][3:]), _ROWS[2]]
    script = diff_texts(_document(_tabs(_ROWS)), _document(_lines(changed)))
    words = _changed(script)
    assert "12402" in words and "12403" in words
    assert all("12403" not in line for x in script.rereads for line in x.new_lines)


def test_a_row_added_in_a_table_read_in_two_shapes_is_still_an_insertion() -> None:
    added = [*_ROWS, ("Example Solutions, Inc.", "A and B MAC", "12202 - MAC B", "J - L", "Delaware")]
    script = diff_texts(_document(_tabs(_ROWS)), _document(_lines(added)))
    inserted = " ".join(f"{e.new_text} {' '.join(e.content)}" for e in script.changes if e.kind.is_insert)
    assert "12202" in inserted and "Delaware" in inserted
    assert "Pennsylvania" not in _changed(script)
    script = diff_texts(_document(_lines(added)), _document(_tabs(_ROWS)))
    deleted = " ".join(f"{e.old_text} {' '.join(e.content)}" for e in script.changes if e.kind.is_delete)
    assert "12202" in deleted and "Delaware" in deleted


def test_a_moved_paragraph_is_still_a_move_beside_a_table_read_in_two_shapes() -> None:
    old = _document(_tabs(_ROWS))
    new = _document(_lines(_ROWS), records_under_limits=True)
    script = diff_texts(old, new)
    assert [(e.kind.value, e.new_text) for e in script.changes] == [("move", _RECORDS)]
    assert all(_RECORDS not in line for x in script.rereads for line in x.new_lines)


def test_a_paragraph_moved_into_a_new_section_beside_a_table_read_in_two_shapes() -> None:
    """The records paragraph moved into a new section right after the table, which the other copy reads as lines:
    a move and a reread side by side — the section's insertion and the move reported, the table read again (the
    stretch between the same two unchanged nodes holds both)."""
    old = _document(_tabs(_ROWS))
    new = _document(_lines(_ROWS)).replace(f"{_RECORDS}\n\n", "")
    new = new.replace("\n\nLCD Information", f"\n\nRecords\n\n{_RECORDS}\n\nLCD Information", 1)
    script = diff_texts(old, new)
    assert [(e.kind.value, e.new_text) for e in script.changes] == [("insert", "Records"), ("move", _RECORDS)]
    (x,) = script.rereads
    assert any("Pennsylvania" in line for line in x.old_lines) and any("Maryland" in line for line in x.new_lines)


def test_a_paragraph_moved_and_made_a_bullet_is_no_reread() -> None:
    """Deleted in one place and inserted, word for word, in another: not one text read in two shapes."""
    old = _document(_tabs(_ROWS))
    new = _document(_tabs(_ROWS)).replace(f"{_RECORDS}\n\n", "")
    new = new.replace("per course.\n\n", f"per course.\n\n- {_RECORDS}\n\n")
    script = diff_texts(old, new)
    assert script.rereads == ()
    kinds = sorted((e.kind.value, e.old_text or e.new_text) for e in script.changes)
    assert kinds == [("delete", _RECORDS), ("insert", _RECORDS)]


def test_a_requirement_read_again_as_prose_is_still_a_change() -> None:
    old = _document(_tabs(_ROWS))
    first = f"1. {_CRITERIA[0]}\n\n"
    new = old.replace(first, "").replace("2. The diagnosis", "1. The diagnosis").replace("3. The patient", "2. The p")
    new = new.replace("2. The p", "2. The patient").replace(
        "Limitations\n\n", f"{_CRITERIA[0].rstrip(';')}.\n\nLimitations\n\n"
    )
    script = diff_texts(old, new)
    assert any(e.kind.is_delete and "18 years of age" in (e.old_text or "") for e in script.changes)
