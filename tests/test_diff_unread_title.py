"""A title one copy's reader could not find is no change of the policy; a title gained, lost or renamed is one.

A print can lose a policy's head (the title line is gone, the identifier and date are still read): the reader
warns ``found no title in the document`` and records it in the tree (``Policy.not_found``).  The diff leaves out
the ``header.title`` update to or from nothing only for the copy whose reader so warned — a tree without a title
that no reader warned of (made by a program, or an edit of the JSON) gains or loses its title like any field.
Through the real entry point: ``policyvc diff OLD NEW`` of two files, and ``check`` / ``ingest`` / ``diff`` of a
store.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import run_cli

from policyvc.history.diff import EditKind, diff
from policyvc.parser import parse_file, parse_file_report

# a policy as another payer (no Centene template) writes one: labelled header fields, a criteria list, a history
_TITLED = """\
Title: Home Infusion Therapy
Policy Number: MP-HIT-04
Effective Date: 03/01/2026

Policy
Home infusion therapy is covered when all of the following criteria are met:
1. The member's condition is stable enough for infusion at home;
2. The first dose was given in a supervised setting without a reaction.

Revision History
Date\tChange
03/01/2026\tAnnual review; no changes to criteria.
"""
_WARNING = "warning: found no title in the document"


@pytest.fixture
def copies(tmp_path: Path) -> dict[str, Path]:
    """The policy; a copy that lost its title line (its reader warns); the policy with its title changed."""
    out = {
        "titled": _TITLED,
        "untitled": _TITLED.replace("Title: Home Infusion Therapy\n", ""),
        "renamed": _TITLED.replace("Home Infusion Therapy", "Home and Ambulatory Infusion Therapy"),
    }
    for name, text in out.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return {name: tmp_path / f"{name}.txt" for name in out}


@pytest.mark.parametrize(("old", "new"), [("titled", "untitled"), ("untitled", "titled")])
def test_cli_a_title_the_reader_warned_it_could_not_find_is_no_change(
    old: str, new: str, copies: dict[str, Path]
) -> None:
    result = run_cli("diff", str(copies[old]), str(copies[new]), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert f"untitled.txt:1: {_WARNING}" in result.stderr  # (the warning is what stands for the title)
    edits = json.loads(result.stdout)["edits"]
    assert not [e for e in edits if "header.title" in (e.get("old_id"), e.get("new_id"))]
    text = run_cli("diff", str(copies[old]), str(copies[new]))
    assert "no changes" in text.stdout


def test_cli_a_title_changed_in_words_is_a_change(copies: dict[str, Path]) -> None:
    result = run_cli("diff", str(copies["titled"]), str(copies["renamed"]))
    assert result.returncode == 0, result.stderr
    assert "header.title: Home {+and Ambulatory+} Infusion Therapy" in result.stdout
    assert _WARNING not in result.stderr


def test_cli_a_store_keeps_the_reader_s_warning(copies: dict[str, Path], tmp_path: Path) -> None:
    """Filed, the copy without a title is read again from the store with its warning: ``check`` of the next
    version, titled, against it shows no change of the title (its new log row claims none)."""
    store = tmp_path / "store"
    filed = run_cli("ingest", "--store", str(store), str(copies["untitled"]))
    assert filed.returncode == 0, filed.stderr
    draft = tmp_path / "draft.txt"
    row = "03/01/2026\tAnnual review; no changes to criteria.\n"
    draft.write_text(_TITLED.replace(row, f"{row}04/01/2026\tFormat\n"), encoding="utf-8")
    checked = run_cli("check", "--store", str(store), str(draft))
    assert "MP-HIT-04 2026-03-01 → draft 2026-04-01: no changes" in checked.stdout, checked.stdout
    assert "header.title" not in checked.stdout


def test_the_reader_records_the_fields_it_warned_of(copies: dict[str, Path]) -> None:
    report = parse_file_report(copies["untitled"])
    assert report.policy.header.title == "" and report.policy.not_found == ("title",)
    assert any(d.message.startswith("found no title") for d in report.diagnostics)
    assert parse_file(copies["titled"]).not_found == ()


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_tree_without_a_title_no_reader_warned_of_gains_or_loses_it(side: str, copies: dict[str, Path]) -> None:
    """A version that really gains or loses its title — here a tree whose title is empty and whose reader gave
    no warning — shows it: the update is left out only on the reader's word."""
    titled = parse_file(copies["titled"])
    bare = replace(titled, header=replace(titled.header, title=""))
    assert bare.not_found == ()
    old, new = (bare, titled) if side == "old" else (titled, bare)
    assert [e.kind for e in diff(old, new).edits if e.new_id == "header.title"] == [EditKind.UPDATE]
    warned = replace(bare, not_found=("title",))
    old, new = (warned, titled) if side == "old" else (titled, warned)
    assert not [e for e in diff(old, new).edits if e.new_id == "header.title"]
    # (the other copy's warning is not this one's: a title both lack, or one the other copy lacks, is not excused)
    other = replace(titled, not_found=("title",))
    old, new = (bare, other) if side == "old" else (other, bare)
    assert [e.kind for e in diff(old, new).edits if e.new_id == "header.title"] == [EditKind.UPDATE]
