"""A table in one copy and its cells as paragraphs in the other is no change; an edit in it is one update (issue 17).

A Word document's dosing table, printed by LibreOffice and read by ``pdftotext`` without ``-layout`` (each column's
cells down the page, then the next column; on the next page the header row again and the rest read across), and
the same PDF read with ``-layout`` (the table's rows side by side, read as a table).  The words are the same but
not in one order, so the diff compares the table with the paragraphs in its place by their words — the same words,
each column's in its order, a repeated header row aside — and lists them under *read differently, same words*.
A cell changed is one update of the table's text, never the paragraphs deleted and the table inserted; a number
moved to another row, or a row gone, is still a change; paragraphs that are not the table keep their edits.

The copies are stored in ``tests/fixtures/grid_reads`` (``grid_docs.py`` makes them); the producers' test makes
them afresh from the Word documents.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from conftest import check_golden, run_cli
from diff_support import diff_texts
from docgen import need

from policyvc.history.diff import EditKind, EditScript, reread_words
from policyvc.parser.walk import NodeKind
from policyvc.renderer.diff import render_text

_HERE = Path(__file__).parent / "fixtures" / "grid_reads"


def _copy(name: str) -> str:
    return (_HERE / f"{name}.txt").read_text(encoding="utf-8")


def _in_table(script: EditScript) -> list[str]:
    """The changes of the dosing section, as ``kind node``."""
    return [
        f"{e.kind} {e.node}"
        for e in script.changes
        if "Dosing" in (e.new_id or e.old_id or "") or "Dosing" in (e.table or "")
    ]


def _others(script: EditScript) -> list[str]:
    return sorted(f"{e.kind} {e.new_id or e.old_id}" for e in script.changes if "Dosing" not in (e.new_id or e.old_id))


def _the_table_reread(script: EditScript) -> None:
    (x,) = script.rereads
    lines = (*x.old_lines, *x.new_lines)
    assert any("Patient age and weight | Recommended daily dose | Quantity limit" in line for line in lines)
    assert x.words > 100


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_table_read_down_its_columns_against_the_table_is_no_change(version: str) -> None:
    for old, new in (("raw", "layout"), ("layout", "raw")):
        script = diff_texts(_copy(f"{version}.{old}"), _copy(f"{version}.{new}"))
        assert script.changes == (), [f"{e.kind} {e.new_id or e.old_id}" for e in script.changes]
        _the_table_reread(script)


def test_the_reread_is_listed_apart_from_the_changes() -> None:
    script = diff_texts(_copy("v1.raw"), _copy("v1.layout"))
    text = render_text(script, "PH-RX-3318 raw → layout")
    assert text.startswith("PH-RX-3318 raw → layout: no changes\n")
    check_golden("diff/grid_reads_same.txt", text)


@pytest.mark.parametrize(("old", "new"), [("v1.raw", "v2.layout"), ("v1.layout", "v2.raw")])
def test_a_cell_changed_is_one_update_of_the_table_text(old: str, new: str) -> None:
    script = diff_texts(_copy(old), _copy(new))
    assert _in_table(script) == ["update table"]
    (e,) = (e for e in script.changes if e.node is NodeKind.TABLE)
    marked = {op: " ".join(w for o, w in e.redline if o == op) for op in "-+"}
    assert marked["+"].split() == ["60", "2", "bottles"]
    assert sorted(marked["-"].split()) == ["1", "30", "bottle"]
    assert any("table read as paragraphs" in label.name for label in e.labels)
    # the rest of the version's edits as the two -layout copies give them
    assert _others(script) == _others(diff_texts(_copy("v1.layout"), _copy("v2.layout")))
    assert not script.rereads


def test_the_update_golden() -> None:
    script = diff_texts(_copy("v1.raw"), _copy("v2.layout"))
    check_golden("diff/grid_reads_edit.txt", render_text(script, "PH-RX-3318 v1 raw → v2 layout"))


_BOTTLES = "2 bottles (80 mL each)\nper 30 days\n"
_TABLETS = "30 tablets or 1 bottle\nper 30 days\n"


def test_a_number_moved_to_another_row_is_a_change() -> None:
    # the same words, but the quantity column's cells in another order: which row has which limit changed
    raw = _copy("v1.raw")
    column = _BOTTLES + _BOTTLES + _TABLETS
    assert column in raw
    swapped = raw.replace(column, _BOTTLES + _TABLETS + _BOTTLES, 1)
    for old, new in ((swapped, _copy("v1.layout")), (_copy("v1.layout"), swapped)):
        script = diff_texts(old, new)
        assert _in_table(script) == ["update table"]
        assert not script.rereads


def test_a_row_gone_is_a_change_of_the_table_text() -> None:
    raw = _copy("v1.raw")
    row = (
        "Adults 18 years and\n5 mg taken by mouth\n30 tablets or 1 bottle\nolder\nonce daily after a meal\n"
        "per 30 days\n(tablet or solution)\n"
    )
    assert row in raw
    script = diff_texts(_copy("v1.layout"), raw.replace(row, "", 1))
    assert _in_table(script) == ["update table"]
    (e,) = script.changes
    gone = " ".join(w for op, w in e.redline if op == "-")
    assert sorted(reread_words(gone)) == sorted(reread_words(row)), gone  # the row's words, each once
    assert not any(op == "+" for op, _ in e.redline)


def test_paragraphs_that_are_not_the_table_keep_their_edits() -> None:
    raw = _copy("v1.raw")
    start, end = raw.index("Patient age and weight\n2 months"), raw.index("Doses above those")
    other = (
        "Members who weigh less than the lowest band are reviewed case by case.\n\n"
        "Pharmacy staff confirm the member's weight at each fill.\n"
    )
    script = diff_texts(raw[:start] + other + raw[end:], _copy("v1.layout"))
    kinds = _in_table(script)
    assert "insert table" in kinds and "delete paragraph" in kinds and "update table" not in kinds


def test_the_cli_json_lists_the_reread_and_no_edit() -> None:
    result = run_cli("diff", str(_HERE / "v1.raw.txt"), str(_HERE / "v1.layout.txt"), "--recover", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["edits"] == [] and [x["kind"] for x in doc["rereads"]] == ["reread"]


@pytest.mark.producers
@pytest.mark.slow
def test_the_producers_read_the_table_as_the_stored_copies_say() -> None:
    need("soffice", "pdftotext")
    from grid_docs import copies

    with tempfile.TemporaryDirectory() as tmp:
        made = copies(Path(tmp))
    for version in ("v1", "v2"):
        script = diff_texts(made[f"{version}.raw.txt"], made[f"{version}.layout.txt"])
        assert script.changes == ()
        _the_table_reread(script)
    script = diff_texts(made["v1.raw.txt"], made["v2.layout.txt"])
    assert _in_table(script) == ["update table"]
    assert EditKind.INSERT not in {e.kind for e in script.changes}
