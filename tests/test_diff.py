"""The tree diff on the embedded history of CP.PHAR.295: golden edit scripts and the cases the issue names."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SEED, check_golden, run_cli

from policyvc.history.diff import EditScript, diff
from policyvc.history.semantic import Direction
from policyvc.parser import parse_file, parse_text
from policyvc.parser.nodes import Policy
from policyvc.renderer.diff import render_json, render_markdown, render_text

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"
DATES = ("2023-04-18", "2023-10-16", "2024-06-05", "2025-04-14", "2026-03-26")
PAIRS = list(itertools.pairwise(DATES))


def version(date: str) -> Policy:
    return parse_file(HISTORY / date / "policy.txt")


@pytest.fixture(scope="module")
def scripts() -> dict[tuple[str, str], EditScript]:
    return {(a, b): diff(version(a), version(b)) for a, b in PAIRS}


def test_embedded_history_is_stored() -> None:
    assert sorted(p.name for p in HISTORY.iterdir() if p.is_dir()) == list(DATES)


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_golden_edit_scripts(scripts: dict[tuple[str, str], EditScript], old: str, new: str) -> None:
    script = scripts[(old, new)]
    title = f"CP.PHAR.295 {old} → {new}"
    check_golden(f"diff/{old}_{new}.txt", render_text(script, title))
    check_golden(f"diff/{old}_{new}.json", render_json(script, reference="CP.PHAR.295", old=old, new=new))


def test_febrile_neutropenia_is_one_set_insert_and_a_renumber(scripts: dict[tuple[str, str], EditScript]) -> None:
    script = scripts[("2023-10-16", "2024-06-05")]
    sets = [e for e in script.edits if e.node == "set"]
    assert [(e.kind, e.old_id, e.new_id, e.old_marker, e.new_marker) for e in sets] == [
        ("insert", None, "I.F", None, "F"),
        ("renumber", "I.F", "I.G", "F", "G"),
    ]
    insert = sets[0]
    assert insert.new_text == "Chemotherapy-Induced Febrile Neutropenia (off-label) (must meet all)"
    assert insert.size == 16  # the set, 7 criteria, 4 sub-criteria, 2 notes, 2 durations — one edit
    assert [lb.name for lb in insert.labels] == ["indication added"]
    assert insert.labels[0].direction is Direction.LESS
    # nothing inside "Other diagnoses" is reported: it moved as a whole, only its letter changed
    assert not [e for e in script.edits if (e.new_id or "").startswith("I.G.")]


def test_weight_documentation_is_one_insert_and_a_renumber(scripts: dict[tuple[str, str], EditScript]) -> None:
    script = scripts[("2023-10-16", "2024-06-05")]
    in_d = [e for e in script.edits if (e.new_id or e.old_id or "").startswith("I.D.")]
    assert [(e.kind, e.old_id, e.new_id) for e in in_d] == [("insert", None, "I.D.4"), ("renumber", "I.D.4", "I.D.5")]
    assert in_d[0].new_text == "Documentation of member’s current weight (in kg);"
    assert in_d[0].labels[0].direction is Direction.MORE  # one more thing to meet in an all-of set
    assert (in_d[1].old_marker, in_d[1].new_marker) == ("4", "5")


def test_appendix_e_state_is_a_row_insert(scripts: dict[tuple[str, str], EditScript]) -> None:
    script = scripts[("2025-04-14", "2026-03-26")]
    assert len(script.edits) == 1
    (e,) = script.edits
    assert (e.kind, e.table, e.key, e.new_id) == ("row-insert", "Appendix E", "IN", "IV.E.IN")
    assert [str(lb) for lb in e.labels] == ["state added: IN (less restrictive)"]
    assert [x.description for x in script.log_added] == ["For Appendix E, added state IN."]


def test_appendix_e_rewording_is_row_updates_keyed_by_state(scripts: dict[tuple[str, str], EditScript]) -> None:
    script = scripts[("2024-06-05", "2025-04-14")]
    rows = [(e.kind, e.key) for e in script.edits if e.table == "Appendix E"]
    assert rows == [("row-update", "FL"), ("row-update", "OH"), ("row-update", "TN")]


def test_dose_change_inside_a_sentence_is_an_update_with_a_redline() -> None:
    text = SEED.read_text(encoding="utf-8")
    old_line = "6. Dose does not exceed 250 mcg/m² IV daily."
    changed = text.replace(old_line, old_line.replace("250", "500"), 1)
    assert changed != text
    script = diff(parse_text(text), parse_text(changed))
    (e,) = script.edits
    assert (e.kind, e.old_id, e.new_id) == ("update", "I.A.6", "I.A.6")
    assert e.redline == (("=", "Dose does not exceed"), ("-", "250"), ("+", "500"), ("=", "mcg/m² IV daily."))
    (label,) = e.labels
    assert (label.name, label.old, label.new, label.direction) == (
        "dose limit changed",
        "250 mcg/m²",
        "500 mcg/m²",
        Direction.LESS,
    )


def test_forty_to_four_hundred_and_lower_dose_is_more_restrictive() -> None:
    text = SEED.read_text(encoding="utf-8")
    changed = text.replace("c. Weight > 40 kg: 7 mcg/kg SC daily.", "c. Weight > 400 kg: 5 mcg/kg SC daily.")
    (e,) = diff(parse_text(text), parse_text(changed)).edits
    assert e.kind == "update" and e.new_id == "I.D.5.c"
    assert ("-", "40") in e.redline and ("+", "400") in e.redline
    assert e.labels[0].direction is Direction.MORE


def test_boilerplate_criteria_stay_in_their_sets(seed_policy: Policy) -> None:
    # the Zarxio step-therapy group appears in seven sets; deleting set A must not shift the others
    text = SEED.read_text(encoding="utf-8")
    start, end = text.index("A. Acute Myelogenous Leukemia"), text.index("B. Peripheral Blood")
    section_ii = text.index("II. Continued Therapy")
    # the parser wants letters in sequence: B..G become A..F as an author would write them
    relettered = re.sub(r"(?m)^([B-G])\. ", lambda m: chr(ord(m.group(1)) - 1) + ". ", text[end:section_ii])
    without_a = text[:start] + relettered + text[section_ii:]
    script = diff(seed_policy, parse_text(without_a))
    kinds = [(e.kind, e.node) for e in script.changes]
    assert kinds == [("delete", "set")]
    assert all(e.kind == "renumber" and e.node == "set" for e in script.renumbers)
    assert len(script.renumbers) == 6  # B..G become A..F


def test_reordered_criteria_are_a_move_not_a_rewrite() -> None:
    text = SEED.read_text(encoding="utf-8")
    a2 = "2. Prescribed for use following induction therapy for AML;\n"
    a3 = "3. Age \\geq 55 years;\n"
    swapped = text.replace(a2 + a3, "2. " + a3[3:] + "3. " + a2[3:])
    assert swapped != text
    script = diff(parse_text(text), parse_text(swapped))
    # one of the two is moved, the other only renumbered by it (which one: the longest in-order run decides)
    assert [(e.kind, e.old_id, e.new_id) for e in script.edits] == [
        ("move", "I.A.3", "I.A.2"),
        ("renumber", "I.A.2", "I.A.3"),
    ]
    assert script.edits[0].redline == ()  # moved, not reworded


def test_a_table_row_moved_is_one_move_of_that_row() -> None:
    """An author who puts a row elsewhere in its table changed the table (issue 17: a risk factor moved to the top):
    one move of the row put before its neighbour (GA before FL), its words unchanged, FL kept in place."""
    text = SEED.read_text(encoding="utf-8")
    fl = "FL\tYes\tFor stage 4 metastatic cancer and associated conditions.\n"
    ga_start = text.index("GA\tYes")
    ga = text[ga_start : text.index("\n", ga_start) + 1]
    reordered = text.replace(fl + ga, ga + fl)
    assert reordered != text
    script = diff(parse_text(text), parse_text(reordered))
    assert [(e.kind, e.node, e.key, e.redline) for e in script.edits] == [("move", "state", "GA", ())]


def test_markdown_uses_critic_markup(scripts: dict[tuple[str, str], EditScript]) -> None:
    md = render_markdown(scripts[("2024-06-05", "2025-04-14")], "CP.PHAR.295")
    assert "{--relapsed or refractory--}" in md
    assert "**19 changes, 0 renumbers**" in md


def test_cli_diff_default_is_the_two_newest() -> None:
    result = run_cli("diff", "CP.PHAR.295", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["from"], doc["to"]) == ("2025-04-14", "2026-03-26")
    assert list(doc) == ["version", "reference", "from", "to", "summary", "edits", "log_added", "rereads"]
    assert doc["summary"]["row-insert"] == 1


def test_cli_diff_dates_pick_the_version_in_force() -> None:
    result = run_cli("diff", "CP.PHAR.295", "2023-12-31", "2024-07-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("CP.PHAR.295 2023-10-16 → 2024-06-05: 18 changes, 3 renumbers")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("diff", "CP.PHAR.999"), "no policy CP.PHAR.999 in this store; it holds CP.PHAR.295"),
        (("diff", "CP.PHAR.295", "2024-02-30"), "is not a real calendar date"),
        (("diff", "CP.PHAR.295", "yesterday"), "expected YYYY-MM-DD"),
        (("diff", "CP.PHAR.295", "2026-01-01", "2024-01-01"), "is after TO"),
        (("diff", "CP.PHAR.295", "2020-01-01"), "was in force on 2020-01-01"),
    ],
)
def test_cli_diff_bad_input(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_diff_store_with_one_version(tmp_path: Path) -> None:
    target = tmp_path / "CP.PHAR.295" / "2026-03-26"
    target.mkdir(parents=True)
    (target / "policy.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("diff", "CP.PHAR.295", "--store", str(tmp_path))
    assert result.returncode == 2
    assert "has 1 stored version(s): a diff needs at least two" in result.stderr


def test_a_criterion_moved_and_edited_at_once(seed_policy: Policy) -> None:
    # "Age ≥ 55 years" leaves set A for the end of set B and becomes "Age ≥ 60 years"
    import dataclasses

    sec = seed_policy.sections[0]
    a_set, b_set = sec.sets[0], sec.sets[1]
    age = a_set.criteria[2]
    kept = tuple(
        dataclasses.replace(c, marker=str(n)) for n, c in enumerate(a_set.criteria[:2] + a_set.criteria[3:], 1)
    )
    older = dataclasses.replace(age, marker=str(len(b_set.criteria) + 1), text="Age ≥ 60 years;")
    sets = (
        dataclasses.replace(a_set, criteria=kept),
        dataclasses.replace(b_set, criteria=(*b_set.criteria, older)),
        *sec.sets[2:],
    )
    new = dataclasses.replace(seed_policy, sections=(dataclasses.replace(sec, sets=sets), *seed_policy.sections[1:]))
    script = diff(seed_policy, new)
    (move,) = script.changes
    assert (move.kind, move.old_id, move.old_parent, move.new_parent) == ("move", "I.A.3", "I.A", "I.B")
    assert move.redline == (("=", "Age ≥"), ("-", "55"), ("+", "60"), ("=", "years;"))
    assert all(e.kind == "renumber" and e.old_id in ("I.A.4", "I.A.5", "I.A.6") for e in script.renumbers)


def test_rewording_one_of_two_identical_criteria_in_a_set_is_one_update() -> None:
    """Found by hypothesis: with two equal criteria in one set, the unchanged copy must keep its partner."""
    text = SEED.read_text(encoding="utf-8")
    dup = (
        "Leukine will not be prescribed concurrently with other colony stimulating factors "
        "(e.g., filgrastim, pegfilgrastim) within any chemotherapy cycle"
    )
    first = "1. Diagnosis of AML;"
    assert text.count(first) == 1
    a = parse_text(text.replace(first, f"1. {dup};"))
    assert a.sections[0].sets[0].criteria[0].text == a.sections[0].sets[0].criteria[4].text
    b = parse_text(text.replace(first, f"1. {dup} or within 30 days;"))
    (change,) = diff(a, b).edits
    assert (change.kind, change.old_id, change.new_id) == ("update", "I.A.1", "I.A.1")


def test_deleting_the_first_of_two_identical_criteria_is_one_delete() -> None:
    """Found by hypothesis: the copy that stays pairs with its own old place, no invented move."""
    text = SEED.read_text(encoding="utf-8")
    dup = (
        "Leukine will not be prescribed concurrently with other colony stimulating factors "
        "(e.g., filgrastim, pegfilgrastim) within any chemotherapy cycle"
    )
    start, end = text.index("1. Diagnosis of AML;"), text.index("Approval duration:")
    block = text[start:end].replace("1. Diagnosis of AML;", f"1. {dup};")
    a = parse_text(text[:start] + block + text[end:])
    crit = a.sections[0].sets[0].criteria
    assert crit[0].text == crit[4].text
    # the author deletes criterion 1 and renumbers 2–6 → 1–5
    shorter = block.replace(f"1. {dup};\n", "")
    for n in range(2, 7):
        shorter = shorter.replace(f"\n{n}. ", f"\n{n - 1}. ", 1) if n > 2 else shorter.replace("2. ", "1. ", 1)
    b = parse_text(text[:start] + shorter + text[end:])
    assert [c.marker for c in b.sections[0].sets[0].criteria] == ["1", "2", "3", "4", "5"]
    script = diff(a, b)
    (change,) = script.changes
    assert (change.kind, change.old_id) == ("delete", "I.A.1")
    assert {(e.old_id, e.new_id) for e in script.renumbers} >= {("I.A.2", "I.A.1"), ("I.A.6", "I.A.5")}


def test_an_edited_group_stays_in_its_set_when_a_new_set_copies_its_old_words() -> None:
    """Set A's "one of (a or b)" group has b reworded; a new set F has the group as A had it: A's group is
    updated in place (its b an update), F's an insert — never a move of A's group into F."""
    from conftest import POLICIES

    old = POLICIES["dupilumab"].read_text(encoding="utf-8")
    start = old.index("6. Member meets one of the following (a or b):*")
    group = old[start : old.index("7. Dupixent is not prescribed concurrently with Adbry", start)]
    edited = group.replace("Eucrisa[®], unless contraindicated", "Eucrisa[®] or Zoryve[®], unless contraindicated", 1)
    assert edited != group
    new = old.replace(group, edited, 1).replace(
        "F. Other diagnoses/indications (must meet one):",
        "F. Hand Eczema (must meet all):\n1. Diagnosis of chronic hand eczema;\n2. "
        + group[3:]
        + "3. Dose does not exceed 300 mg SC every 2 weeks.\n\nApproval duration: 6 months\n\n"
        "G. Other diagnoses/indications (must meet one):",
        1,
    )
    script = diff(parse_text(old), parse_text(new))
    assert not [e for e in script.changes if e.kind == "move"]
    assert ("update", "I.A.6.b", "I.A.6.b") in {(e.kind.value, e.old_id, e.new_id) for e in script.changes}
