"""Property tests of the tree diff over generated policies and AST mutations of them.

Mutations work on the AST (``dataclasses.replace``): the diff is a pure function
of two ASTs, so a mutated tree is as good an input as a parsed one, and the test
knows exactly what it changed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from diff_support import assert_whole
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples
from strategies import Generated, policies

from policyvc.history.diff import diff
from policyvc.history.tree import build_tree, norm
from policyvc.parser import parse_text
from policyvc.parser.nodes import CriteriaSet, Criterion, CriterionType, MarkerKind, Policy, all_criteria
from policyvc.renderer.diff import render_json

PROPERTY = settings(max_examples=examples(50))


def _parse(g: Generated) -> Policy:
    return parse_text(g.text, source="<generated>")


def _sets(p: Policy) -> list[tuple[int, int, CriteriaSet]]:
    return [(i, j, s) for i, sec in enumerate(p.sections) for j, s in enumerate(sec.sets)]


def _replace_set(p: Policy, i: int, j: int, new: CriteriaSet) -> Policy:
    sec = p.sections[i]
    sets = (*sec.sets[:j], new, *sec.sets[j + 1 :])
    sections = (*p.sections[:i], dataclasses.replace(sec, sets=sets), *p.sections[i + 1 :])
    return dataclasses.replace(p, sections=sections)


def old_ids_of(matches: tuple[tuple[str, str], ...], side: int) -> list[str]:
    return [pair[side] for pair in matches]


def _consistent(a: Policy, b: Policy) -> None:
    """Every node is matched or accounted for by exactly one insert / delete / reread (:func:`assert_whole`)."""
    assert_whole(a, b, diff(a, b))


@PROPERTY
@given(policies())
def test_diff_of_a_policy_with_itself_is_empty(g: Generated) -> None:
    p = _parse(g)
    script = diff(p, p)
    assert script.edits == ()
    assert script.log_added == ()
    assert len(script.matches) == len(build_tree(p).ids) - 1


@PROPERTY
@given(policies(), policies())
def test_matching_is_consistent_and_reruns_are_identical(g1: Generated, g2: Generated) -> None:
    a, b = _parse(g1), _parse(g2)
    _consistent(a, b)
    first, second = diff(a, b), diff(a, b)
    assert first == second
    assert render_json(first) == render_json(second)


@PROPERTY
@given(policies(), st.data())
def test_deleting_a_criterion_is_one_delete_plus_renumbers(g: Generated, data: st.DataObject) -> None:
    a = _parse(g)
    candidates = [(i, j, s) for i, j, s in _sets(a) if len(s.criteria) >= 2]
    if not candidates:
        return
    i, j, s = data.draw(st.sampled_from(candidates))
    k = data.draw(st.integers(0, len(s.criteria) - 1))
    gone = s.criteria[k]
    kept = list(s.criteria[:k] + s.criteria[k + 1 :])
    # the author renumbers what follows (number markers only: letters and romans keep the ladder honest)
    relabelled = tuple(
        dataclasses.replace(c, marker=str(n)) if c.marker_kind is MarkerKind.NUMBER else c
        for n, c in enumerate(kept, 1)
    )
    b = _replace_set(a, i, j, dataclasses.replace(s, criteria=relabelled))
    _consistent(a, b)
    script = diff(a, b)
    (change,) = script.changes
    assert change.kind == "delete" and change.node == "criterion"
    assert change.old_text == " ".join((gone.text + gone.footnote).split())
    assert all(e.node == "criterion" for e in script.renumbers)


@PROPERTY
@given(policies(), st.data())
def test_rewording_a_criterion_is_one_update(g: Generated, data: st.DataObject) -> None:
    a = _parse(g)
    candidates = [(i, j, s) for i, j, s in _sets(a) if s.criteria]
    if not candidates:
        return
    i, j, s = data.draw(st.sampled_from(candidates))
    k = data.draw(st.integers(0, len(s.criteria) - 1))
    target = s.criteria[k]
    reworded = dataclasses.replace(target, text=target.text + " within 30 days")
    crit = (*s.criteria[:k], reworded, *s.criteria[k + 1 :])
    b = _replace_set(a, i, j, dataclasses.replace(s, criteria=crit))
    _consistent(a, b)
    (change,) = diff(a, b).edits
    assert change.kind == "update" and change.old_id == change.new_id == target.id
    assert any(op == "+" and "within 30 days" in t for op, t in change.redline)


@PROPERTY
@given(policies(), st.data())
def test_swapping_sets_is_moves_and_renumbers_only(g: Generated, data: st.DataObject) -> None:
    a = _parse(g)
    secs = [i for i, sec in enumerate(a.sections) if len(sec.sets) >= 2]
    if not secs:
        return
    i = data.draw(st.sampled_from(secs))
    sec = a.sections[i]
    first, second = sec.sets[0], sec.sets[1]
    if dataclasses.replace(first, letter="") == dataclasses.replace(second, letter=""):
        return  # twins: nothing to tell apart
    swapped = (dataclasses.replace(second, letter=first.letter), dataclasses.replace(first, letter=second.letter))
    sections = (*a.sections[:i], dataclasses.replace(sec, sets=swapped + sec.sets[2:]), *a.sections[i + 1 :])
    b = dataclasses.replace(a, sections=sections)
    _consistent(a, b)
    kinds = {e.kind for e in diff(a, b).edits}
    assert kinds <= {"move", "renumber"}


def _relabel(items: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """Number markers as an author would write them after an insert or delete."""
    return tuple(
        dataclasses.replace(c, marker=str(n)) if c.marker_kind is MarkerKind.NUMBER else c
        for n, c in enumerate(items, 1)
    )


@PROPERTY
@given(policies(), st.data())
def test_inserting_a_criterion_is_one_insert_plus_renumbers(g: Generated, data: st.DataObject) -> None:
    a = _parse(g)
    candidates = [(i, j, s) for i, j, s in _sets(a) if s.criteria]
    if not candidates:
        return
    i, j, s = data.draw(st.sampled_from(candidates))
    k = data.draw(st.integers(0, len(s.criteria)))
    new = Criterion(
        f"{s.id}.new", "0", MarkerKind.NUMBER, "Member has xylophone therapy within 12 weeks;", CriterionType.JUDGMENT
    )
    b = _replace_set(a, i, j, dataclasses.replace(s, criteria=_relabel((*s.criteria[:k], new, *s.criteria[k:]))))
    _consistent(a, b)
    script = diff(a, b)
    (change,) = script.changes
    assert (change.kind, change.node, change.new_text) == ("insert", "criterion", new.text)
    assert change.new_parent == s.id
    assert all(e.node == "criterion" and e.new_parent is None for e in script.renumbers)


@PROPERTY
@given(policies(), st.data())
def test_moving_a_criterion_to_another_set_is_one_move(g: Generated, data: st.DataObject) -> None:
    a = _parse(g)
    texts = Counter(norm(c.text + c.footnote) for c in all_criteria(a))
    sets = _sets(a)
    movable = [
        (x, k)
        for x, (_, _, s) in enumerate(sets)
        for k, c in enumerate(s.criteria)
        if len(s.criteria) >= 2 and not c.children and not c.notes and texts[norm(c.text + c.footnote)] == 1
    ]
    if len(sets) < 2 or not movable:
        return
    x, k = data.draw(st.sampled_from(movable))
    y = data.draw(st.sampled_from([n for n in range(len(sets)) if n != x]))
    (ix, jx, sx), (iy, jy, sy) = sets[x], sets[y]
    moved = sx.criteria[k]
    b = _replace_set(a, ix, jx, dataclasses.replace(sx, criteria=_relabel(sx.criteria[:k] + sx.criteria[k + 1 :])))
    target = b.sections[iy].sets[jy]
    b = _replace_set(b, iy, jy, dataclasses.replace(target, criteria=_relabel((*target.criteria, moved))))
    _consistent(a, b)
    (change,) = diff(a, b).changes
    assert (change.kind, change.old_id, change.old_parent, change.new_parent) == ("move", moved.id, sx.id, sy.id)


def _rows_as_lines(text: str) -> str:
    """The text with the rows of its state table (``KY<TAB>Yes<TAB>…``) as lines of prose: a print whose cells a
    reader ran together."""
    lines = text.split("\n")
    out = []
    for line in lines:
        cells = line.split("\t")
        out.append(" ".join(c for c in cells if c) if len(cells) == 3 and len(cells[0]) == 2 else line)
    return "\n".join(out)


@PROPERTY
@given(policies())
def test_a_table_read_as_lines_keeps_the_script_whole_and_changes_no_word(g: Generated) -> None:
    """The state table's rows read as prose in one copy: every node is matched or in one edit or reread, a reread
    says the same words on both sides (as many times each)."""
    a = _parse(g)
    b = parse_text(_rows_as_lines(g.text), source="<generated, rows as lines>")
    _consistent(a, b)
    _consistent(b, a)
