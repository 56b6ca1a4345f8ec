"""The edit-script invariant every diff keeps, whatever the two versions (one helper for the property tests, the
reread tests and the producers' prints)."""

from __future__ import annotations

from collections import Counter

from policyvc.history.diff import EditScript, diff, reread_words
from policyvc.history.tree import Tree, build_tree
from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy
from policyvc.parser.walk import ROW_KINDS, NodeKind


def assert_whole(a: Policy, b: Policy, script: EditScript) -> None:
    """Every node of ``a`` and ``b`` is matched, or in exactly one insertion, deletion, re-keyed duration or reread;
    a node is matched once; a reread's two sides say the same words, as many times each (a row's key with its
    cells)."""
    ta, tb = build_tree(a), build_tree(b)
    deleted = sum(e.size for e in script.edits if e.kind.is_delete)
    inserted = sum(e.size for e in script.edits if e.kind.is_insert)
    # approval durations split or merged by line of business are paired per line (several to one)
    rekeyed_old = len({o for o, _ in script.rekeyed})
    rekeyed_new = len({n for _, n in script.rekeyed})
    # one text read in two shapes: the unmatched nodes of each side it accounts for
    reread_old = sum(x.old_size for x in script.rereads)
    reread_new = sum(x.new_size for x in script.rereads)
    # a table against the paragraphs holding its cells, with an edit: the nodes its one update accounts for
    reread_old += sum(len(olds) for olds, _ in script.regrids)
    reread_new += sum(len(news) for _, news in script.regrids)
    assert len(ta.ids) - 1 == len(script.matches) + deleted + rekeyed_old + reread_old
    assert len(tb.ids) - 1 == len(script.matches) + inserted + rekeyed_new + reread_new
    old_ids, new_ids = [o for o, _ in script.matches], [n for _, n in script.matches]
    assert len(set(old_ids)) == len(old_ids) and len(set(new_ids)) == len(new_ids)
    # each node in one reread at most, and never both matched and read again unmatched
    matched_old, matched_new = set(old_ids), set(new_ids)
    for x in script.rereads:
        assert x.old_ids and x.new_ids
        assert len(set(x.old_ids)) == len(x.old_ids) and len(set(x.new_ids)) == len(x.new_ids)
        assert sum(1 for i in x.old_ids if i not in matched_old) == x.old_size
        assert sum(1 for i in x.new_ids if i not in matched_new) == x.new_size
    for side in (0, 1):
        ids = [i for x in script.rereads for i in (x.old_ids, x.new_ids)[side]]
        assert len(ids) == len(set(ids)), "a node read again in two groups"
    # a reread hides no word (but a table's header row repeated at a page break in the copy that reads its cells as
    # paragraphs)
    for x in script.rereads:
        before, after = _said(ta, x.old_ids), _said(tb, x.new_ids)
        for t, ids in ((ta, x.old_ids), (tb, x.new_ids)):
            for header in _headers(t, ids):
                for surplus, other in ((before, after), (after, before)):
                    while header and not header - (surplus - other):
                        surplus.subtract(header)
        assert +before == +after, (x.old_lines, x.new_lines)


def _headers(t: Tree, ids: tuple[str, ...]) -> list[Counter[str]]:
    at = {i: k for k, i in enumerate(t.ids)}
    return [Counter(reread_words(t.texts[at[i]])) for i in ids if t.kinds[at[i]] is NodeKind.TABLE]


def _said(t: Tree, ids: tuple[str, ...]) -> Counter[str]:
    at = {i: k for k, i in enumerate(t.ids)}
    words: Counter[str] = Counter()
    for i in ids:
        k = at[i]
        key = t.keys[k] if t.kinds[k] in (*ROW_KINDS, NodeKind.DURATION) and t.keys[k] else ""
        words.update(reread_words(f"{key} {t.texts[k]}"))
    return words


def diff_texts(old: str, new: str) -> EditScript:
    """The diff of two texts read with ``--recover`` (as ``policyvc diff`` reads two copies), its invariant held."""
    a = parse_text_report(old, "old.txt", recover=True).policy
    b = parse_text_report(new, "new.txt", recover=True).policy
    script = diff(a, b)
    assert_whole(a, b, script)
    return script
