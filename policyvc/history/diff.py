"""Criterion-level tree diff of two policy versions (GumTree / ChangeDistiller family).

Numbering is a property of a node, not its identity: inserting criterion 4
renumbers 4 → 5, a new set F renames the old F to G.  So nodes are matched by
content first and the edit script is derived from the matching:

1. **exact subtrees** — equal subtree hashes (kind, key, text, children; markers
   masked), tallest first; a hash that occurs several times (the Zarxio
   step-therapy line sits in seven sets) is settled by the ancestors' labels,
   then by what is left once the rest is matched;
2. **similar leaves** — token Dice similarity with numbers masked (``40`` and
   ``400`` match, the update still shows the redline), ≥ 0.5, greedy best-first
   with a bonus for a pair under already matched parents; ties by document order;
3. **containers bottom-up** — by the share of matched descendants (≥ 0.5) or a
   similar label with at least one matched descendant; a heading (keyed by its
   title) whose title is gone, by a heading whose title is new, holding half or
   more of its content: renamed;
4. **recovery top-down** — unmatched children of a matched pair: keyed rows by
   key, then equal wording, then similar wording (≥ 0.4);
5. **edit script** — unmatched → ``insert``/``delete`` (``row-*`` for keyed table
   rows); matched with other wording → ``update`` with a word redline; matched
   under a parent that is not its old parent's partner, or out of the longest
   increasing run of its siblings → ``move``; only the marker changed →
   ``renumber`` (counted apart from real changes).

Everything is a pure function of the two ASTs; ties are broken by document
position, so reruns give the same script.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import NamedTuple

from policyvc.gc_pause import gc_paused
from policyvc.history.opcodes import opcodes
from policyvc.history.semantic import Direction, Label, duration_label, presence_labels, update_labels
from policyvc.history.tree import (
    Tree,
    build_tree,
    folded,
    has_hyphen,
    joined_words,
    masked_tokens,
    norm,
    per_version,
    same_wording,
)
from policyvc.parser.markers import readings
from policyvc.parser.nodes import ApprovalDuration, Policy, RevisionEntry
from policyvc.parser.walk import ROW_KINDS, NodeKind
from policyvc.parser.written_dates import ReadDate, read_date

LEAF_THRESHOLD = 0.5
CONTAINER_THRESHOLD = 0.5
RECOVERY_THRESHOLD = 0.4

Segment = tuple[str, str]  # ("=", text) | ("-", removed) | ("+", added)


class EditKind(StrEnum):
    """What an edit does.  ``row-*`` are edits of keyed table rows (a state, a drug, an HCPCS code)."""

    INSERT = "insert"
    DELETE = "delete"
    UPDATE = "update"
    MOVE = "move"
    RENUMBER = "renumber"
    ROW_INSERT = "row-insert"
    ROW_DELETE = "row-delete"
    ROW_UPDATE = "row-update"

    @property
    def is_insert(self) -> bool:
        return self in (EditKind.INSERT, EditKind.ROW_INSERT)

    @property
    def is_delete(self) -> bool:
        return self in (EditKind.DELETE, EditKind.ROW_DELETE)

    @property
    def is_update(self) -> bool:
        return self in (EditKind.UPDATE, EditKind.ROW_UPDATE)

    @property
    def is_row(self) -> bool:
        return self in (EditKind.ROW_INSERT, EditKind.ROW_DELETE, EditKind.ROW_UPDATE)


class Side(NamedTuple):
    """One node as one version has it: its id, marker, compared text, parent id and (rows) table and key.

    (A named tuple: a diff makes two for every changed node, and a tuple is made at once.)
    """

    id: str
    marker: str | None
    text: str
    parent: str | None
    table: str | None
    key: str | None


def _restyled(old: str, new: str) -> bool:
    """Whether two list markers are one ordinal written in two styles (``A.`` / ``1.``, ``b)`` / ``2.``): how a
    producer printed the list's numbering, the item where it was — no renumber."""
    a, b = (readings(re.sub(r"[().\s]", "", m)) for m in (old, new))
    return bool({n for _, n in a} & {n for _, n in b})


def _side(t: Tree, i: int) -> Side:
    row = t.kinds[i] in ROW_KINDS
    parent = t.ids[t.parent[i]] if t.parent[i] >= 0 else None
    return Side(t.ids[i], t.markers[i] or None, t.texts[i], parent, t.tables[i], t.keys[i] if row else None)


@dataclass(frozen=True, slots=True)
class Edit:
    """One edit.  Ids are the node's id in the old / new version (the one walk's ids; ``None`` where it has none).

    Built only by :meth:`inserted`, :meth:`deleted` and :meth:`changed`, which
    fill exactly the fields their kind has.
    """

    kind: EditKind
    node: NodeKind
    old_id: str | None
    new_id: str | None
    old_marker: str | None = None
    new_marker: str | None = None
    old_text: str | None = None
    new_text: str | None = None
    redline: tuple[Segment, ...] = ()
    old_parent: str | None = None
    new_parent: str | None = None
    table: str | None = None
    key: str | None = None
    labels: tuple[Label, ...] = ()
    content: tuple[str, ...] = ()  # inserted / deleted subtree, one "marker text" line per node below the top
    size: int = 1  # nodes this edit accounts for (inserted / deleted subtree without matched descendants)

    @classmethod
    def inserted(
        cls, node: NodeKind, new: Side, labels: tuple[Label, ...], content: tuple[str, ...], size: int
    ) -> Edit:
        kind = EditKind.ROW_INSERT if node in ROW_KINDS else EditKind.INSERT
        return cls(
            kind,
            node,
            None,
            new.id,
            new_marker=new.marker,
            new_text=new.text,
            new_parent=new.parent,
            table=new.table,
            key=new.key,
            labels=labels,
            content=content,
            size=size,
        )

    @classmethod
    def deleted(cls, node: NodeKind, old: Side, labels: tuple[Label, ...], content: tuple[str, ...], size: int) -> Edit:
        kind = EditKind.ROW_DELETE if node in ROW_KINDS else EditKind.DELETE
        return cls(
            kind,
            node,
            old.id,
            None,
            old_marker=old.marker,
            old_text=old.text,
            old_parent=old.parent,
            table=old.table,
            key=old.key,
            labels=labels,
            content=content,
            size=size,
        )

    @classmethod
    def changed(
        cls,
        kind: EditKind,
        node: NodeKind,
        old: Side,
        new: Side,
        labels: tuple[Label, ...] = (),
        reworded: bool | None = None,
    ) -> Edit:
        """A matched node: ``update`` / ``row-update`` (wording), ``move`` (place) or ``renumber`` (marker only).

        ``reworded``: whether the two texts differ in wording (:func:`same_wording`), when the caller knows.
        """
        if reworded is None:
            reworded = not same_wording(old.text, new.text)
        moved = kind is EditKind.MOVE
        return cls(  # (by position: a diff makes one for every changed node)
            kind,
            node,
            old.id,
            new.id,
            old.marker,
            new.marker,
            old.text,
            new.text,
            redline(old.text, new.text) if reworded else (),
            old.parent if moved else None,
            new.parent if moved else None,
            new.table,
            new.key,
            labels if reworded else (),
        )

    @property
    def is_renumber(self) -> bool:
        return self.kind is EditKind.RENUMBER


@dataclass(frozen=True, slots=True)
class Reread:
    """One text read in two shapes: old nodes and new nodes whose words are the same sequence.

    A table in one copy and its cells one a line in the other, a table's rows cut elsewhere, a cell wrapped into
    the next row, a label set as a heading in one copy and run as a paragraph in the other: no change, but the
    nodes are not matched one to one.  ``old_size`` / ``new_size`` count the nodes it accounts for that are not
    matched (an updated node whose words moved to a neighbour stays matched, in the script's ``matches``); every
    node of the two versions is matched, or in exactly one insert, delete or reread.
    """

    old_ids: tuple[str, ...]
    new_ids: tuple[str, ...]
    old_lines: tuple[str, ...]  # one ``marker text`` line a node, in document order
    new_lines: tuple[str, ...]
    old_size: int
    new_size: int
    words: int  # the words both sides hold, in the same order


@dataclass(frozen=True, slots=True)
class EditScript:
    """The diff of two versions: edits in document order, the new revision-log entries, the matching."""

    edits: tuple[Edit, ...]
    log_added: tuple[RevisionEntry, ...] = ()
    matches: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # (old id, new id), old order
    # approval durations split / merged by line of business: (old id, new id) per line, not in ``matches``
    rekeyed: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # one text read in two shapes (no change: not in ``edits``, ``changes`` or ``counts``), in new order
    rereads: tuple[Reread, ...] = ()
    # a table one version has and the paragraphs holding its cells the other has, with an edit in their words: the
    # nodes (old ids, new ids) of each such region, which its one ``update`` edit accounts for
    regrids: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = field(default=(), compare=False)

    @property
    def changes(self) -> tuple[Edit, ...]:
        """The real changes (everything but renumbers)."""
        return tuple(e for e in self.edits if not e.is_renumber)

    @property
    def renumbers(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.is_renumber)

    def counts(self) -> dict[str, int]:
        """How many edits of each kind, in a fixed order."""
        out = {k.value: 0 for k in EditKind}
        for e in self.edits:
            out[e.kind.value] += 1
        return out


# --- matching -----------------------------------------------------------------------


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


class _Matcher:
    def __init__(self, old: Tree, new: Tree) -> None:
        self.a, self.b = old, new
        self.m: dict[int, int] = {}
        self.r: dict[int, int] = {}

    def compat(self, o: int, n: int) -> bool:
        a, b = self.a, self.b
        return a.kinds[o] == b.kinds[n] and a.keys[o] == b.keys[n]

    def link(self, o: int, n: int) -> None:
        self.m[o] = n
        self.r[n] = o

    def unlink(self, o: int) -> None:
        del self.r[self.m.pop(o)]

    def link_subtree(self, o: int, n: int) -> list[tuple[int, int]]:
        """Pair two equal subtrees node by node (pre-order pairs them: same shape); the pairs it linked."""
        linked = []
        for x, y in zip(range(o, self.a.end[o] + 1), range(n, self.b.end[n] + 1), strict=True):
            if x not in self.m and y not in self.r:
                self.link(x, y)
                linked.append((x, y))
        return linked

    def parents_paired(self, o: int, n: int) -> bool:
        po, pn = self.a.parent[o], self.b.parent[n]
        return po >= 0 and self.m.get(po) == pn

    def run(self) -> dict[int, int]:
        self.link(0, 0)
        self.exact()
        self.leaves()
        self.containers()
        self.renamed_headings()
        self.recover()
        if self.respect_sets():
            self.recover()
        self.renamed_rows()
        self.leftover_exact()
        return self.m

    # 1. exact subtrees
    def exact(self) -> None:
        """Equal subtrees, tallest first: a wording found once on each side, then once in the same context.

        What is still unmatched is counted per hash (and per hash and context) and kept in lists that drop
        their matched members when read, so duplicated wording costs its copies, not their square.
        """
        a, b = self.a, self.b
        old_n: Counter[int] = Counter(a.hashes[1:])
        old_ctx_n: Counter[tuple[int, int]] = Counter(zip(a.hashes[1:], a.ctx[1:], strict=True))
        new_by: dict[int, list[int]] = defaultdict(list)
        new_ctx: dict[tuple[int, int], list[int]] = defaultdict(list)
        new_under: dict[tuple[int, int], list[int]] = defaultdict(list)  # by hash and parent
        for j in range(1, len(b.ids)):
            h = b.hashes[j]
            new_by[h].append(j)
            new_ctx[(h, b.ctx[j])].append(j)
            new_under[(h, b.parent[j])].append(j)
        new_n = Counter({h: len(js) for h, js in new_by.items()})
        new_ctx_n = Counter({k: len(js) for k, js in new_ctx.items()})
        new_at = {b.ids[j]: j for j in range(1, len(b.ids))}

        def alive(js: list[int]) -> list[int]:
            js[:] = [j for j in js if j not in self.r]
            return js

        def take(o: int, n: int) -> None:
            for x, y in self.link_subtree(o, n):
                old_n[a.hashes[x]] -= 1
                old_ctx_n[(a.hashes[x], a.ctx[x])] -= 1
                new_n[b.hashes[y]] -= 1
                new_ctx_n[(b.hashes[y], b.ctx[y])] -= 1

        sizes = [e - i + 1 for i, e in enumerate(a.end)]
        order = list(range(1, len(a.ids)))
        order.sort(key=sizes.__getitem__, reverse=True)  # tallest first; (a stable sort) then in document order
        for rnd in range(2):  # second round: groups that became unambiguous once others matched
            for o in order:
                if o in self.m:
                    continue
                h = a.hashes[o]
                if not new_n.get(h):  # (get: a Counter's missing key costs a Python call)
                    continue
                if old_n[h] == 1 and new_n[h] == 1:
                    take(o, alive(new_by[h])[0])
                    continue
                # boilerplate: the same wording in several places — the ancestors' labels tell them apart
                c = (h, a.ctx[o])
                if new_ctx_n.get(c) == 1 and old_ctx_n[c] == 1:
                    take(o, alive(new_ctx[c])[0])
                elif rnd == 1:
                    pn = self.m.get(a.parent[o])
                    under = alive(new_under[(h, pn)]) if pn is not None else []
                    # still ambiguous: the copy that kept its place (same id) is the same node
                    kept = new_at.get(a.ids[o], -1)
                    same = kept > 0 and b.hashes[kept] == h and kept not in self.r and (not under or kept in under)
                    if len(under) == 1:
                        take(o, under[0])
                    elif same:
                        take(o, kept)

    # 2. similar leaves
    def leaves(self) -> None:
        from policyvc.history.candidates import similar_pairs

        a, b = self.a, self.b
        new_leaves: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        for j in range(1, len(b.ids)):
            if j not in self.r and not b.children[j]:
                new_leaves[(b.kinds[j], b.keys[j])].append(j)
        old_leaves: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        for o in range(1, len(a.ids)):
            if o not in self.m and not a.children[o]:
                old_leaves[(a.kinds[o], a.keys[o])].append(o)
        pairs: list[tuple[float, bool, int, int]] = []
        m, a_parent, b_parent = self.m, a.parent, b.parent
        for group, olds in old_leaves.items():
            news = new_leaves.get(group)
            if not news:
                continue  # (no leaf of its kind is left on the new side: nothing to score)
            # only the pairs that can reach the threshold are scored (policyvc/history/candidates.py)
            for i, k, d in similar_pairs([a.words(o) for o in olds], [b.words(n) for n in news], LEAF_THRESHOLD):
                o, n = olds[i], news[k]
                po = a_parent[o]  # parents_paired(o, n), inline: it runs once a pair
                bonus = 0.25 if po >= 0 and m.get(po) == b_parent[n] else 0.0
                # equal scores (duplicated boilerplate): prefer the copy that kept its place
                pairs.append((-(d + bonus), a.ids[o] != b.ids[n], o, n))
        pairs.sort()
        best_old: dict[int, float] = {}
        best_new: dict[int, float] = {}
        rivals_old: dict[int, int] = defaultdict(int)  # how many news share o's best score
        rivals_new: dict[int, int] = defaultdict(int)
        for score, _, o, n in pairs:
            if best_old.setdefault(o, score) == score:
                rivals_old[o] += 1
            if best_new.setdefault(n, score) == score:
                rivals_new[n] += 1
        for score, moved, o, n in pairs:
            if o in self.m or n in self.r:
                continue
            # duplicated wording with no copy that kept its place: greedy order would pick a
            # partner arbitrarily (and invent a move); the siblings' order decides in `recover`
            tied = best_old[o] == score == best_new[n] and (rivals_old[o] > 1 or rivals_new[n] > 1)
            if tied and moved:
                continue
            self.link(o, n)

    # 3. containers bottom-up
    def containers(self) -> None:
        a, b = self.a, self.b
        partner, r, b_parent, b_kinds, b_keys = self.m.get, self.r, b.parent, b.kinds, b.keys
        for o in range(len(a.ids) - 1, 0, -1):
            if o in self.m or not a.children[o]:
                continue
            kind, key = a.kinds[o], a.keys[o]
            counts: dict[int, int] = defaultdict(int)
            for d in range(o + 1, a.end[o] + 1):
                n = partner(d)
                while n is not None and n > 0:
                    n = b_parent[n]
                    # (compat(o, n), inline: it runs once an ancestor of every matched descendant)
                    if n > 0 and n not in r and b_kinds[n] == kind and b_keys[n] == key:
                        counts[n] += 1
            best: tuple[float, int] | None = None
            for n, common in counts.items():
                share = 2 * common / ((a.size(o) - 1) + (b.size(n) - 1))
                label = _dice(a.words(o), b.words(n))
                if share >= CONTAINER_THRESHOLD or label >= 0.6:
                    score = share + 0.5 * label
                    if best is None or (score, -n) > (best[0], -best[1]):
                        best = (score, n)
            if best is not None:
                self.link(o, best[1])

    # 3b. a heading renamed: its title is its key, so the containers above never pair it
    def renamed_headings(self) -> None:
        """An old heading whose title is gone and a new one whose title is new, the new section holding (half or
        more of) the old one's content: one section renamed, not one deleted and another inserted with every
        criterion moved into it."""
        a, b = self.a, self.b
        old_titles = {a.keys[o] for o in range(1, len(a.ids)) if a.kinds[o] is NodeKind.HEADING}
        new_titles = {b.keys[n] for n in range(1, len(b.ids)) if b.kinds[n] is NodeKind.HEADING}
        for o in range(1, len(a.ids)):
            if a.kinds[o] is not NodeKind.HEADING or o in self.m or a.keys[o] in new_titles or not a.children[o]:
                continue
            counts: Counter[int] = Counter()
            for d in range(o + 1, a.end[o] + 1):
                n = self.m.get(d)
                while n is not None and n > 0:
                    n = b.parent[n]
                    if n > 0 and b.kinds[n] is NodeKind.HEADING and n not in self.r and b.keys[n] not in old_titles:
                        counts[n] += 1
            best = max(((2 * c / ((a.size(o) - 1) + (b.size(n) - 1)), -n) for n, c in counts.items()), default=None)
            if best is not None and best[0] >= CONTAINER_THRESHOLD:
                self.link(o, -best[1])

    # 4. recovery top-down
    def recover(self) -> None:
        a, b = self.a, self.b
        for o in range(len(a.ids)):
            n = self.m.get(o) if a.children[o] else None  # (a leaf has no children to recover)
            if n is None:
                continue
            olds = [x for x in a.children[o] if x not in self.m]
            news = [y for y in b.children[n] if y not in self.r]
            if not olds or not news:
                continue
            keyed = {(b.kinds[y], b.keys[y]): y for y in reversed(news) if b.keys[y] is not None}
            for x in olds:
                if a.keys[x] is not None:
                    y = keyed.get((a.kinds[x], a.keys[x]))
                    if y is not None and y not in self.r:
                        self.link(x, y)
            # equal wording: an order-preserving alignment of all the children, the matched ones
            # as anchors, so duplicates pair with the copy in the same place (no invented move)
            xs, ys = a.children[o], b.children[n]
            blocks = difflib.SequenceMatcher(None, [a.texts[x] for x in xs], [b.texts[y] for y in ys], autojunk=False)
            for i, j, size in blocks.get_matching_blocks():
                for x, y in zip(xs[i : i + size], ys[j : j + size], strict=True):
                    if x not in self.m and y not in self.r and self.compat(x, y):
                        self.link(x, y)
            for x in olds:  # equal wording out of order
                if x in self.m:
                    continue
                for y in news:
                    if y not in self.r and self.compat(x, y) and same_wording(a.texts[x], b.texts[y]):
                        self.link(x, y)
                        break
            pairs: list[tuple[float, int, int]] = []
            for x in olds:
                if x in self.m:
                    continue
                for y in news:
                    if y not in self.r and self.compat(x, y):
                        d = _dice(a.words(x), b.words(y))
                        if d >= RECOVERY_THRESHOLD:
                            pairs.append((-d, x, y))
            pairs.sort()
            for _, x, y in pairs:
                if x not in self.m and y not in self.r:
                    self.link(x, y)

    # 4b. a criterion stays in its set unless its set lost it
    def respect_sets(self) -> bool:
        """Undo matches across parents where the old parent's partner still has a similar node in its place.

        ``Prescribed by an oncologist`` reworded in set B while a new set D says
        ``Prescribed by an oncologist``: the exact text pairs B's criterion with
        D's (a move), though B kept an edited criterion in the same place.  A
        criterion (or a group of them) moves only when its set lost it and the
        other set gained it; undone, recovery pairs it in place.
        """
        a, b = self.a, self.b
        cross = {
            o
            for o, n in self.m.items()
            if o > 0
            and bool(a.children[o]) == bool(b.children[n])
            and a.kinds[o] not in ROW_KINDS
            and a.parent[o] in self.m
            and self.m[a.parent[o]] != b.parent[n]
        }
        undo = []
        for o in sorted(cross):
            home = self.m[a.parent[o]]
            for y in b.children[home]:
                if bool(b.children[y]) != bool(a.children[o]) or not self.compat(o, y):
                    continue
                if y in self.r and self.r[y] not in cross:
                    continue
                if _dice(a.words(o), b.words(y)) >= LEAF_THRESHOLD:
                    undo.append(o)
                    break
        for o in undo:
            n = self.m.get(o)
            if n is None:
                continue  # undone with an enclosing group
            for x in range(o, a.end[o] + 1):  # the group and what it brought along into the other set
                if x in self.m and n <= self.m[x] <= b.end[n]:
                    self.unlink(x)
        return bool(undo)

    # 4c. a table row whose key was renamed (a set retitled): same table, same cells, a key sharing words
    def renamed_rows(self) -> None:
        a, b = self.a, self.b
        for o in range(len(a.ids)):
            n = self.m.get(o) if a.children[o] else None  # (a leaf has no rows)
            if n is None:
                continue
            olds = [x for x in a.children[o] if x not in self.m and a.keys[x] is not None and a.kinds[x] in ROW_KINDS]
            news = [y for y in b.children[n] if y not in self.r and b.keys[y] is not None and b.kinds[y] in ROW_KINDS]
            for x in olds:
                for y in news:
                    if y in self.r or a.kinds[x] != b.kinds[y] or not same_wording(a.texts[x], b.texts[y]):
                        continue
                    if masked_tokens(a.keys[x] or "") & masked_tokens(b.keys[y] or ""):
                        self.link(x, y)
                        break

    # 5. whatever equal subtrees are left: pair them in document order
    def leftover_exact(self) -> None:
        a, b = self.a, self.b
        new_by: dict[int, list[int]] = defaultdict(list)
        for j in range(1, len(b.ids)):
            if j not in self.r and b.parent[j] in self.r:
                new_by[b.hashes[j]].append(j)
        for o in range(1, len(a.ids)):
            if o in self.m or a.parent[o] not in self.m:
                continue
            for j in new_by.get(a.hashes[o], ()):
                if j not in self.r:
                    self.link_subtree(o, j)
                    break


# --- the edit script --------------------------------------------------------------------


def redline(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level redline of ``old`` → ``new`` (whitespace normalised).

    Words that differ only by a hyphen inside them (``modu-late`` / ``modulate``) or by typography (``Paget’s`` /
    ``Paget's``: :func:`~policyvc.history.tree.folded`) are the same word, and so are all words where one copy
    prints the whole text in capitals and the other does not (``MUST`` / ``must``): an unchanged run is shown
    as ``new`` writes it.
    """
    ow, nw = old.split(), new.split()
    out: list[Segment] = []
    typeset = not (old.isascii() and new.isascii())
    if typeset:  # (a typographic mark never touches a space: the folded texts split into as many words)
        old, new = folded(old), folded(new)
    # (the words as :func:`joined` writes them: only a text with a hyphen can differ from its words)
    hyphens = has_hyphen(old) or has_hyphen(new)
    words = joined_words if hyphens else str.split
    # (a copy that prints the whole text in capitals, a style's: compared in lower case — :func:`same_wording`;
    # a word capitalised inside a text written in both cases is shown, as the edit it is there)
    capitals = old.isupper() != new.isupper()
    if capitals:
        old, new = old.lower(), new.lower()
    pair = (words(old), words(new)) if hyphens or typeset or capitals else (ow, nw)
    for op, i1, i2, j1, j2 in opcodes(*pair):
        if op == "equal":
            out.append(("=", " ".join(nw[j1:j2])))
            continue
        if op in ("delete", "replace"):
            out.append(("-", " ".join(ow[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("+", " ".join(nw[j1:j2])))
    return tuple(out)


def _increasing_run(seq: list[int]) -> set[int]:
    """The members of a longest strictly increasing subsequence (leftmost on ties)."""
    if not seq:
        return set()
    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_idx.append(i)
        else:
            tails[k] = v
            tails_idx[k] = i
        prev[i] = tails_idx[k - 1] if k else -1
    keep: set[int] = set()
    i = tails_idx[-1]
    while i >= 0:
        keep.add(seq[i])
        i = prev[i]
    return keep


def _heaviest_run(seq: list[int], weight: list[int]) -> set[int]:
    """The members of a strictly increasing subsequence of ``seq`` of the greatest total ``weight``: the longest run
    (:func:`_increasing_run`) when none weighs more.  Siblings out of the run are the ones that moved, so of two
    sections swapped the smaller moved — a section put after its neighbour, not its neighbour with its subsections
    put before it — and two items of one size swapped stay as the longest run has them."""
    run = _increasing_run(seq)
    total = sum(w for v, w in zip(seq, weight, strict=True) if v in run)
    rank = {v: k for k, v in enumerate(sorted(seq), 1)}
    tree = [(0, -1)] * (len(seq) + 1)  # Fenwick tree of (best weight, index) over the values' ranks
    best: list[int] = []
    prev: list[int] = []
    for i, v in enumerate(seq):
        k, top = rank[v] - 1, (0, -1)
        while k > 0:  # the heaviest run ending below v
            top = max(top, tree[k])
            k -= k & -k
        best.append(top[0] + weight[i])
        prev.append(top[1])
        k = rank[v]
        while k <= len(seq):
            tree[k] = max(tree[k], (best[i], i))
            k += k & -k
    if max(best) <= total:
        return run
    i = max(range(len(seq)), key=best.__getitem__)
    keep: set[int] = set()
    while i >= 0:
        keep.add(seq[i])
        i = prev[i]
    return keep


def _section_of(t: Tree, i: int) -> str | None:
    while i > 0:
        if t.kinds[i] is NodeKind.SECTION:
            return t.keys[i]
        i = t.parent[i]
    return None


def _content(t: Tree, top: int, matched: Collection[int]) -> tuple[tuple[str, ...], int]:
    """The lines of an inserted / deleted subtree below ``top`` (stopping at matched nodes) and its size."""
    lines: list[str] = []
    size = 1
    stack = list(reversed(t.children[top]))
    depth = {top: 0}
    while stack:
        i = stack.pop()
        if i in matched:
            continue
        depth[i] = depth[t.parent[i]] + 1
        size += 1
        marker = f"{t.markers[i]}. " if t.markers[i] else (f"{t.keys[i]}: " if t.keys[i] else "")
        lines.append("  " * (depth[i] - 1) + marker + t.texts[i])
        stack.extend(reversed(t.children[i]))
    return tuple(lines), size


def _previous_matched(matched: dict[int, int] | set[int], i: int) -> int | None:
    """The last node before ``i`` in document order that ``matched`` holds (None: none)."""
    return next((j for j in range(i - 1, -1, -1) if j in matched), None)


def _same_place(m: dict[int, int], r: dict[int, int], o: int, n: int) -> bool:
    """Whether old node ``o`` and its partner ``n`` stand at one place in the document's order: the matched node
    right before ``o`` is the partner of the one right before ``n``.  A heading there whose parent differs has only
    changed its level — a Word file's heading styles give ``Renewal Criteria`` the level of ``Policy Statement``
    above it, a web page's text copy writes no level and nests it under that heading — which no reader of the page
    sees as a move."""
    before, after = _previous_matched(m, o), _previous_matched(r, n)
    return (before is None and after is None) or (before is not None and m[before] == after)


def _top_unmatched(t: Tree, matched: dict[int, int]) -> Iterator[int]:
    """Unmatched nodes whose parent is matched: the roots of inserted / deleted subtrees."""
    for i in range(1, len(t.ids)):
        if i not in matched and t.parent[i] in matched:
            yield i


def _lines(t: Tree, i: int) -> frozenset[str]:
    """The lines of business of an approval duration (empty: every line)."""
    d = t.refs[i]
    assert isinstance(d, ApprovalDuration)
    out: set[str] = set()
    for lob in d.lines_of_business:
        out.update(w.strip().lower() for w in lob.replace(" and ", "/").replace(",", "/").split("/") if w.strip())
    return frozenset(out)


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    return not wide or bool(wide & narrow)


def _rekeyed_durations(a: Tree, b: Tree, m: dict[int, int]) -> list[tuple[int, int]]:
    """Approval durations split or merged by line of business: (old, new) pairs, one per line of business.

    ``Approval duration: 6 months`` becoming ``Medicaid/HIM – 6 months`` and
    ``Commercial – 12 months`` pairs the old duration with each new one; the
    narrower side names the line of business.
    """
    pairs: list[tuple[int, int]] = []
    r = {n: o for o, n in m.items()}
    # (only a matched parent of an unmatched new duration can have any: the others are not looked at)
    homes = {b.parent[y] for y, kind in enumerate(b.kinds) if kind is NodeKind.DURATION and y not in r}
    for o, n in sorted((o, n) for o, n in m.items() if n in homes):
        olds = [x for x in a.children[o] if x not in m and a.kinds[x] is NodeKind.DURATION]
        news = [y for y in b.children[n] if y not in r and b.kinds[y] is NodeKind.DURATION]
        if not olds or not news:
            continue
        used_old: set[int] = set()
        for y in news:
            for x in olds:
                if _covers(_lines(a, x), _lines(b, y)) or _covers(_lines(b, y), _lines(a, x)):
                    pairs.append((x, y))
                    used_old.add(x)
                    break
        paired_new = {y for _, y in pairs}
        for x in olds:  # a merge: an old line whose new duration already took another old one
            if x in used_old:
                continue
            for y in news:
                if y in paired_new and _covers(_lines(b, y), _lines(a, x)):
                    pairs.append((x, y))
                    break
    return pairs


def _rekeyed_edits(a: Tree, b: Tree, pairs: list[tuple[int, int]]) -> list[tuple[tuple[float, int, int], Edit]]:
    out: list[tuple[tuple[float, int, int], Edit]] = []
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for x, y in pairs:
        groups[b.parent[y]].append((x, y))
    for group in groups.values():
        edits: list[tuple[tuple[float, int, int], Edit]] = []
        # the lines of business that keep their duration: said once, on the first changed line
        kept = tuple(
            Label(
                f"approval duration unchanged for {(b.keys[y] if _lines(b, y) else a.keys[x]) or 'all'}",
                Direction.NEUTRAL,
                None,
                b.texts[y],
            )
            for x, y in group
            if same_wording(a.texts[x], b.texts[y])
        )
        for x, y in group:
            old_d, new_d = a.refs[x], b.refs[y]
            assert isinstance(old_d, ApprovalDuration) and isinstance(new_d, ApprovalDuration)
            if same_wording(a.texts[x], b.texts[y]):
                continue  # this line of business keeps its duration
            narrow = b.keys[y] if _lines(b, y) else a.keys[x]
            labels = (duration_label(old_d, new_d, narrow or "all"), *(() if edits else kept))
            edits.append(
                ((float(y), 1, x), Edit.changed(EditKind.UPDATE, NodeKind.DURATION, _side(a, x), _side(b, y), labels))
            )
        if not edits:  # nothing changed for anyone: one neutral edit says the durations were re-keyed
            x, y = group[0]
            label = Label("approval duration re-keyed by line of business", Direction.NEUTRAL, a.keys[x], b.keys[y])
            edit = Edit.changed(EditKind.UPDATE, NodeKind.DURATION, _side(a, x), _side(b, y), (label,))
            edits.append(((float(y), 1, x), edit))
        out.extend(edits)
    return out


def _script(
    a: Tree, b: Tree, m: dict[int, int], rekeyed: list[tuple[int, int]]
) -> list[tuple[tuple[float, int, int], Edit]]:
    r = {n: o for o, n in m.items()}
    memo: dict[tuple[str, str], tuple[Label, ...]] = {}  # labels read from words, by the pair of texts
    keyed: list[tuple[tuple[float, int, int], Edit]] = []
    keyed.extend(_rekeyed_edits(a, b, rekeyed))
    old_rekeyed, new_rekeyed = {x for x, _ in rekeyed}, {y for _, y in rekeyed}

    # moves within one parent: matched siblings out of the longest increasing run
    reordered: set[int] = set()
    for n, kids in enumerate(b.children):
        o = r.get(n) if len(kids) > 1 else None  # (a leaf or an only child has no siblings to leave)
        if o is None:
            continue
        seq = [r[c] for c in kids if c in r and a.parent[r[c]] == o]
        if seq == sorted(seq):
            continue  # in order (the common case): the whole of it is the run
        run = _heaviest_run(seq, [a.end[x] - x + 1 for x in seq])  # (a node's weight: its subtree's nodes)
        reordered.update(x for x in seq if x not in run)

    for n in range(1, len(b.ids)):
        o = r.get(n)
        if o is None:
            continue
        moved_parent = m.get(a.parent[o]) != b.parent[n]
        reorder = o in reordered  # (a table's row too: a row put at the top of its table)
        if moved_parent and not reorder and b.kinds[n] is NodeKind.HEADING and _same_place(m, r, o, n):
            moved_parent = False  # (a heading's level only: a text copy writes none, a Word file's styles do)
        edit = _matched_edit(a, b, o, n, moved_parent or reorder, memo)
        if edit is not None:
            keyed.append(((float(n), 1, o), edit))

    for n in _top_unmatched(b, r):
        if n not in new_rekeyed:
            keyed.append(((float(n), 1, -1), _inserted(b, n, r, r)))

    for o in _top_unmatched(a, m):
        if o in old_rekeyed:
            continue
        # a deletion sits after the partner of the node before it (its previous sibling's subtree, or its parent)
        p = a.parent[o]
        sibs = a.children[p]
        anchor = m[p]
        for s in reversed(sibs[: sibs.index(o)]):
            if s in m:
                anchor = b.end[m[s]]
                break
        keyed.append(((anchor + 0.5, 0, o), _deleted(a, o, m, m)))
    return keyed


def _matched_edit(
    a: Tree, b: Tree, o: int, n: int, moved: bool, memo: dict[tuple[str, str], tuple[Label, ...]]
) -> Edit | None:
    """The edit of old node ``o`` matched to new node ``n``: a move (``moved``), an update of its words (a row's key
    renamed too), a renumber, or none."""
    kind = b.kinds[n]
    row = kind in ROW_KINDS
    renamed = row and a.keys[o] != b.keys[n]
    reworded = not same_wording(a.texts[o], b.texts[n])
    text_changed = renamed or reworded
    if moved:
        what = EditKind.MOVE
    elif text_changed:
        what = EditKind.ROW_UPDATE if row else EditKind.UPDATE
    elif a.markers[o] != b.markers[n] and not (
        a.ids[o].count(".") == b.ids[n].count(".") and _restyled(a.markers[o], b.markers[n])
    ):  # (one ordinal at one depth, ``A`` printed ``1``: the producer's numbering, no renumber)
        what = EditKind.RENUMBER
    else:
        return None
    labels = update_labels(kind, a.refs[o], b.refs[n], memo) if text_changed else ()
    old_side, new_side = _side(a, o), _side(b, n)
    if renamed:  # the key is the row's name: the redline shows it
        labels = (Label("row renamed", Direction.NEUTRAL, a.keys[o], b.keys[n]), *labels)
        old_side = old_side._replace(text=f"{a.keys[o]} | {old_side.text}")
        new_side = new_side._replace(text=f"{b.keys[n]} | {new_side.text}")
    # (a renamed row's texts are its key and its text: their wording is compared afresh)
    return Edit.changed(what, kind, old_side, new_side, labels, None if renamed else reworded)


def _inserted(b: Tree, n: int, r: dict[int, int], stop: Collection[int]) -> Edit:
    """The insertion of new node ``n`` and its descendants down to ``stop`` (matched nodes, rereads)."""
    kind = b.kinds[n]
    content, size = _content(b, n, stop)
    wrapped = tuple(b.texts[c] for c in b.children[n] if c in r)  # existing criteria it now groups
    labels = presence_labels(kind, b.refs[n], b.refs[b.parent[n]], _section_of(b, n), added=True, wrapped=wrapped)
    return Edit.inserted(kind, _side(b, n), labels, content, size)


def _deleted(a: Tree, o: int, m: dict[int, int], stop: Collection[int]) -> Edit:
    """The deletion of old node ``o`` and its descendants down to ``stop`` (matched nodes, rereads)."""
    kind = a.kinds[o]
    content, size = _content(a, o, stop)
    wrapped = tuple(a.texts[c] for c in a.children[o] if c in m)
    labels = presence_labels(kind, a.refs[o], a.refs[a.parent[o]], _section_of(a, o), added=False, wrapped=wrapped)
    return Edit.deleted(kind, _side(a, o), labels, content, size)


# the kinds of text whose paragraph breaks a copy may move: a print's line breaks, a viewer's copy
_PROSE = frozenset({NodeKind.PARAGRAPH, NodeKind.NOTE})


def _resplit(
    a: Tree, b: Tree, m: dict[int, int], keyed: list[tuple[tuple[float, int, int], Edit]]
) -> list[tuple[tuple[float, int, int], Edit]]:
    """``keyed`` without the paragraph edits that only move paragraph breaks.

    A print's forced line breaks, a viewer's copy or a re-typed page may cut the same prose into paragraphs
    elsewhere (``… monitor therapy. Central DXA …`` one paragraph in one copy, two in the other): the words
    are the same, in the same order, under the same parent.  Such a run — consecutive paragraphs of one
    parent on each side, every one of them updated, inserted or deleted, and their words (hyphenation
    joined) equal end to end — is layout, not a change.  Anything else in the run (a list between, one word
    changed) keeps every edit.
    """
    r = {n: o for o, n in m.items()}
    groups: dict[int, tuple[list[int], list[int], list[int]]] = {}  # new parent: old nodes, new nodes, edits
    for k, ((at, _, o), edit) in enumerate(keyed):
        if edit.node not in _PROSE or edit.kind not in (EditKind.UPDATE, EditKind.INSERT, EditKind.DELETE):
            continue
        if edit.kind is EditKind.DELETE:
            parent = m.get(a.parent[o], -1)
            olds, news = [o], []
        else:
            n = int(at)  # (an update's or an insertion's key is its new index)
            parent = b.parent[n]
            olds, news = ([o] if edit.kind is EditKind.UPDATE else []), [n]
        if parent < 0:
            continue
        group = groups.setdefault(parent, ([], [], []))
        group[0].extend(olds)
        group[1].extend(news)
        group[2].append(k)
    dropped: set[int] = set()
    for parent, (olds, news, edits) in groups.items():
        if not olds or not news or len(olds) == len(news) == 1:
            continue  # (one paragraph for one is a rewording: its own update says so)
        if a.parent[olds[0]] != r.get(parent) or not _consecutive(a, sorted(olds)) or not _consecutive(b, sorted(news)):
            continue
        before = [w for o in sorted(olds) for w in joined_words(a.texts[o])]
        after = [w for n in sorted(news) for w in joined_words(b.texts[n])]
        if before == after:
            dropped.update(edits)
    return [pair for k, pair in enumerate(keyed) if k not in dropped]


def _rejoined(
    a: Tree, b: Tree, keyed: list[tuple[tuple[float, int, int], Edit]]
) -> list[tuple[tuple[float, int, int], Edit]]:
    """``keyed`` without the edits of a paragraph one copy ran into the node before it.

    A copy without indents (``pdftotext`` of a browser's print) joins the paragraph under a list to its last item
    (``6. Dose does not exceed … Initial authorization is for 6 months.``), a page break cuts a reference's last
    line off as a paragraph of its own: one side's node says, word for word, what the other side's node and the
    paragraph right after it say.  The update and the paragraph's insertion or deletion are layout, not a change
    (the node's new marker, if it has one, stays as a renumber)."""
    by_old: dict[int, int] = {}
    deleted: dict[int, int] = {}
    inserted: dict[int, int] = {}
    for k, ((at, _, o), edit) in enumerate(keyed):
        if edit.kind is EditKind.UPDATE and o >= 0:
            by_old[o] = k
        elif edit.kind is EditKind.DELETE and edit.node in _PROSE and not edit.content:
            deleted[o] = k
        elif edit.kind is EditKind.INSERT and edit.node in _PROSE and not edit.content:
            inserted[int(at)] = k
    dropped: set[int] = set()
    replaced: dict[int, Edit] = {}
    for k in sorted(set(by_old.values())):
        (at, _, o), edit = keyed[k]
        n = int(at)
        for t, node, pieces, whole in (
            (a, o, deleted, b.texts[n]),  # the old copy wrote the paragraph apart, the new one ran it in
            (b, n, inserted, a.texts[o]),  # and the other way round
        ):
            after = _next_after(t, node)
            piece = pieces.get(after) if after is not None else None
            if after is None or piece is None or piece in dropped:
                continue
            if joined_words(t.texts[node]) + joined_words(t.texts[after]) == joined_words(whole):
                dropped.add(piece)
                if edit.old_marker != edit.new_marker:
                    replaced[k] = replace(edit, kind=EditKind.RENUMBER, redline=(), labels=())
                else:
                    dropped.add(k)
                break
    return [(key, replaced.get(k, e)) for k, (key, e) in enumerate(keyed) if k not in dropped]


# --- one text read in two shapes ----------------------------------------------------------

# what a node's words are, for reading one text in two shapes: prose (0), a list's item (1), a requirement (2).
# A list may be read as criteria in one copy and as bullets in the other, and a print's text may lose a list's
# bullets (prose), but a requirement's words the other copy has only as prose are a requirement dropped or added
_SHAPE = {NodeKind.BULLET: 1, NodeKind.SET: 2, NodeKind.CRITERION: 2, NodeKind.DURATION: 2}
# requirements: an update of one is a change of what it asks, whatever else its words did (criteria 1 ``A`` and 2
# ``B`` of a set to meet one of become criterion 1 ``A B``: the same words, and both are now required)
_REQUIREMENTS = frozenset({NodeKind.SET, NodeKind.CRITERION, NodeKind.DURATION})
# a table and its rows: one of them alone may be read in another shape (its cells cut elsewhere, an empty cell more)
_CELLS = ROW_KINDS | {NodeKind.TABLE}
# the most words of deleted times inserted text aligned in one place (about 5,000 each way)
_ALIGNED_MAX = 25_000_000
# a word: a number with its decimal point or thousands' comma (``1,000`` is not ``1.000``), a run of letters, or one
# sign that says something (``≥ 18`` is not ``< 18``, ``5%`` not ``5``); the rest of punctuation, a table's cell
# rules and dashes are how a copy was set, not what it says
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[<>=≤≥≠±%$+×÷°#&@~^*]")
_DASH = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u00ad]\s*")  # ``J - L`` / ``J-L``, ``modu- late``


_RANGE = re.compile(r"(\d)\s*[-\u2010-\u2014]\s*(?=\d)")  # ``10-20``, ``10 – 20``: a range, never ``1020``


def reread_words(text: str) -> list[str]:
    """The words of ``text`` as a reading of one text in two shapes compares them (see :class:`Reread`)."""
    return _TOKEN.findall(_DASH.sub("", _RANGE.sub(r"\1 ~ ", folded(text))).lower())


# the nodes whose key says something of its own: a row's first cell, an approval duration's line of business
_SAYS_KEY = ROW_KINDS | {NodeKind.DURATION}


def _said(t: Tree, i: int, keyed: bool = True) -> str:
    """What node ``i`` says: its text, a row's key (a duration's line of business) first.  ``keyed``: false for a
    row that keeps its key, matched: the key stays in its row where the other cells' words wrap into the next."""
    key = t.keys[i] if keyed and t.kinds[i] in _SAYS_KEY and t.keys[i] else ""
    text = t.texts[i]
    return f"{key} {text}" if key and not text.startswith(key) else text


def _node_words(t: Tree, i: int, keyed: bool = True) -> list[str]:
    return reread_words(_said(t, i, keyed))


def _home(t: Tree, i: int, side: _Side) -> int:
    """The set, section or other node node ``i`` stands under: its parent, or, past unmatched parents without words
    of their own, the nearest ancestor that is matched or says something."""
    i = t.parent[i]
    while i > 0 and i not in side.matched and not side.words.setdefault(i, _node_words(t, i)):
        i = t.parent[i]
    return max(i, 0)


def _covered(t: Tree, top: int, matched: dict[int, int] | set[int]) -> list[int]:
    """The nodes an inserted / deleted subtree accounts for: ``top`` and its descendants down to matched ones."""
    out = []
    stack = [top]
    while stack:
        i = stack.pop()
        if i != top and i in matched:
            continue
        out.append(i)
        stack.extend(reversed(t.children[i]))
    return sorted(out)


class _Side:
    """One version's part in the search for rereads: its nodes whose text changed, by edit."""

    def __init__(self, t: Tree, matched: dict[int, int]) -> None:
        self.t = t
        self.matched = matched
        self.edit: dict[int, int] = {}  # node → index of the edit that holds it
        self.updated: dict[int, int] = {}  # matched node whose edit is an update → its partner
        self.words: dict[int, list[str]] = {}


def _rereads(
    a: Tree, b: Tree, m: dict[int, int], keyed: list[tuple[tuple[float, int, int], Edit]]
) -> tuple[list[tuple[tuple[float, int, int], Edit]], list[Reread]]:
    """``keyed`` with the edits that only read one text in another shape taken out, and those readings.

    The matcher pairs a node with a node of its kind, so a table read as a table in one copy and one cell a line
    in the other comes out as its rows deleted and paragraphs inserted although every word is there, in the same
    order.  In each stretch of the document between the same two unchanged nodes on both sides, the words of the
    deleted and updated old nodes (old order) are aligned with those of the inserted and updated new nodes (new
    order).  Nodes joined by aligned words form groups; a group every word of which is aligned, on both sides,
    with no requirement's word aligned with prose, is a reread.  A word that changed (one cell of the table, a
    number) leaves every node it touches, and the nodes aligned with them, in their edits: the change is still
    reported.  A group that is one updated node alone stays its update (punctuation: a cosmetic change), but for a
    table or a row (its cells cut elsewhere, an empty cell more).  What is
    left of an
    insertion or deletion some of whose nodes are a reread stays inserted / deleted, one edit a subtree.
    """
    r = {n: o for o, n in m.items()}
    old, new = _Side(a, m), _Side(b, r)
    for k, ((at, _, o), e) in enumerate(keyed):
        if e.kind.is_delete and e.old_id is not None:
            for i in _covered(a, o, m):
                old.edit[i] = k
        elif e.kind.is_insert and e.new_id is not None:
            for i in _covered(b, int(at), r):
                new.edit[i] = k
        elif e.kind.is_update and e.node not in _REQUIREMENTS and o >= 0 and m.get(o) == int(at):
            old.edit[o] = new.edit[int(at)] = k
            old.updated[o] = int(at)
            new.updated[int(at)] = o
    if not old.edit or not new.edit:
        return keyed, []
    # the matched nodes whose text is unchanged: the stretch after one of them (up to the next) in the old version
    # and the stretch after its partner in the new one are one place (a table that moved carries its rows along)
    anchors = sorted(o for o in m if o not in old.updated)
    new_anchors = sorted(m[o] for o in anchors)
    regions: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in sorted(old.edit):
        regions[m[anchors[bisect.bisect_left(anchors, i) - 1]]][0].append(i)
    for j in sorted(new.edit):
        regions[new_anchors[bisect.bisect_left(new_anchors, j) - 1]][1].append(j)
    groups: list[tuple[list[int], list[int], int]] = []
    for olds, news in regions.values():
        if olds and news:
            groups.extend(_aligned(a, b, old, new, olds, news))
    if not groups:
        return keyed, []
    kept, rereads, members = _taken(a, b, m, r, keyed, old, new, groups)
    read_old = {i for gone, _ in members for i in gone}
    read_new = {j for _, came in members for j in came}
    return _rehomed(a, b, m, r, kept, read_old, read_new), rereads


def _rehomed(
    a: Tree,
    b: Tree,
    m: dict[int, int],
    r: dict[int, int],
    keyed: list[tuple[tuple[float, int, int], Edit]],
    read_old: set[int],
    read_new: set[int],
) -> list[tuple[tuple[float, int, int], Edit]]:
    """``keyed`` with the moves out of or into a node read again (``read_old`` / ``read_new``) that stand where they
    stood taken back: what a move says besides, kept (its words' update, its renumber).

    A heading one copy prints as a heading and the other runs as a paragraph of the text before it is read again;
    the paragraphs under it then stand under another node, but at the same place in the text (the matched node
    before each is the partner of the one before its partner): the text re-cut around a reread, not moved.  A move
    elsewhere in the document, or out of a node no reread holds, stays a move — a move and a reread side by side.
    """
    out: list[tuple[tuple[float, int, int], Edit]] = []
    memo: dict[tuple[str, str], tuple[Label, ...]] = {}
    for (at, rank, o), e in keyed:
        n = int(at)
        if (
            e.kind is EditKind.MOVE
            and o >= 0
            and (a.parent[o] in read_old or b.parent[n] in read_new)
            and m.get(a.parent[o]) != b.parent[n]
            and _same_place(m, r, o, n)
        ):
            edit = _matched_edit(a, b, o, n, False, memo)
            if edit is not None:
                out.append(((at, rank, o), edit))
            continue
        out.append(((at, rank, o), e))
    return out


def _aligned(
    a: Tree, b: Tree, old: _Side, new: _Side, olds: list[int], news: list[int]
) -> list[tuple[list[int], list[int], int]]:
    """The groups of nodes of one stretch (old nodes, new nodes) whose words are the same sequence, and how many
    words each holds."""
    ow: list[tuple[str, int]] = []  # (word, owner)
    nw: list[tuple[str, int]] = []
    for t, nodes, side, stream in ((a, olds, old, ow), (b, news, new, nw)):
        for i in nodes:
            partner = side.updated.get(i)
            keyed = partner is None or t.keys[i] != (b if t is a else a).keys[partner]
            stream.extend((w, i) for w in side.words.setdefault(i, _node_words(t, i, keyed)))
    if not ow or not nw or len(ow) * len(nw) > _ALIGNED_MAX:
        return []
    dirty: set[tuple[int, int]] = set()  # (side, node): 0 old, 1 new
    paired: defaultdict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)  # requirements' aligned nodes
    homes: set[tuple[int, int]] = set()  # aligned pairs of which one node is a requirement
    shared: Counter[tuple[int, int]] = Counter()  # words aligned between an old and a new node, one a requirement
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    matcher = difflib.SequenceMatcher(None, [w for w, _ in ow], [w for w, _ in nw], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            dirty.update((0, ow[x][1]) for x in range(i1, i2))
            dirty.update((1, nw[y][1]) for y in range(j1, j2))
            continue
        for x, y in zip(range(i1, i2), range(j1, j2), strict=True):
            o, n = ow[x][1], nw[y][1]
            shapes = _SHAPE.get(a.kinds[o], 0), _SHAPE.get(b.kinds[n], 0)
            if abs(shapes[0] - shapes[1]) > 1:
                dirty.update(((0, o), (1, n)))  # (never a requirement against prose)
            if 2 in shapes:
                homes.add((o, n))
                paired[(0, o)].add((1, n))
                paired[(1, n)].add((0, o))
                shared[(o, n)] += 1
            parent[find((0, o))] = find((1, n))
    # a requirement is read again under the same set or section (a wrapper without words aside: the empty set a
    # reading of bullets as criteria makes): its home matched to its home, or both homes read again with it
    for o, n in homes:
        ho, hn = _home(a, o, old), _home(b, n, new)
        if ho in old.matched and hn in new.matched:
            if old.matched[ho] != hn:
                dirty.update(((0, o), (1, n)))  # (under another set or section: moved, not read again)
        elif ho in old.edit and hn in new.edit:
            parent[find((0, o))] = find((0, ho))
            parent[find((1, n))] = find((1, hn))
            parent[find((0, ho))] = find((1, hn))
        else:
            dirty.update(((0, o), (1, n)))  # (wrapped in a new group, or out of one: what it asks changed)
    # a requirement is read again whole, as one node of the other version that holds its words and no others:
    # requirements split or joined are what a member must meet, changed
    size = {(0, o): k for o, k in Counter(o for _, o in ow).items()} | {
        (1, n): k for n, k in Counter(n for _, n in nw).items()
    }
    for node, partners in paired.items():
        (other,) = partners if len(partners) == 1 else (node,)
        o, n = (node[1], other[1]) if node[0] == 0 else (other[1], node[1])
        if other == node or len(paired[other]) > 1 or not shared[(o, n)] == size[node] == size[other]:
            dirty.add(node)
    # an updated node and its partner are one group: its old words and its new words are read again together
    for s, nodes, side, there in ((0, olds, old, set(news)), (1, news, new, set(olds))):
        for i in nodes:
            partner = side.updated.get(i)
            if partner is None:
                continue
            if partner in there:
                parent[find((s, i))] = find((1 - s, partner))
            else:
                dirty.add((s, i))
    components: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for node in sorted(parent):
        components[find(node)].append(node)
    bad = {find(node) for node in dirty if node in parent}
    held = Counter(o for _, o in ow)  # (the words of each old node)
    accepted: list[tuple[list[int], list[int]]] = []
    for root, members in components.items():
        if root in bad:
            continue
        o_nodes = sorted(i for s, i in members if s == 0)
        n_nodes = sorted(i for s, i in members if s == 1)
        if not o_nodes or not n_nodes:
            continue
        if len(o_nodes) == len(n_nodes) == 1 and o_nodes[0] in old.updated and a.kinds[o_nodes[0]] not in _CELLS:
            continue  # (one node's own words re-punctuated: its update says so, a cosmetic change, not a re-reading)
        accepted.append((o_nodes, n_nodes))
    # groups side by side in both versions, nothing between them, are one reading (a table's rows, its cells)
    o_at = {o: k for k, o in enumerate(dict.fromkeys(o for _, o in ow))}
    n_at = {n: k for k, n in enumerate(dict.fromkeys(n for _, n in nw))}
    out: list[tuple[list[int], list[int], int]] = []

    def next_to(at: dict[int, int], before: list[int], after: list[int]) -> bool:
        # (by the words' order: a group's home that holds no words of its own — a set read again with its
        # requirements — has no place there, so its worded nodes say where the group stands)
        ends = [at[i] for i in before if i in at], [at[i] for i in after if i in at]
        return bool(ends[0] and ends[1]) and min(ends[1]) == max(ends[0]) + 1

    for o_nodes, n_nodes in sorted(accepted):
        if out and next_to(o_at, out[-1][0], o_nodes) and next_to(n_at, out[-1][1], n_nodes):
            last = out.pop()
            o_nodes, n_nodes = last[0] + o_nodes, last[1] + n_nodes
        out.append((o_nodes, n_nodes, sum(held[o] for o in o_nodes)))
    return out


def _taken(
    a: Tree,
    b: Tree,
    m: dict[int, int],
    r: dict[int, int],
    keyed: list[tuple[tuple[float, int, int], Edit]],
    old: _Side,
    new: _Side,
    groups: list[tuple[list[int], list[int], int]],
) -> tuple[list[tuple[tuple[float, int, int], Edit]], list[Reread], list[tuple[set[int], set[int]]]]:
    """``keyed`` less the nodes of ``groups`` (what is left of an edit kept as edits), the groups as rereads, and
    each group's old and new nodes."""
    group_of: dict[tuple[int, int], int] = {}
    for g, (o_nodes, n_nodes, _) in enumerate(groups):
        group_of.update({(0, i): g for i in o_nodes})
        group_of.update({(1, j): g for j in n_nodes})
    members: list[tuple[set[int], set[int]]] = [(set(o_nodes), set(n_nodes)) for o_nodes, n_nodes, _ in groups]
    # a node without words (a table without a header) goes with its words: when all of them are read again
    for s, (t, side) in enumerate(((a, old), (b, new))):
        for i in sorted(side.edit, reverse=True):  # children before parents
            if (s, i) in group_of or side.words.get(i, _node_words(t, i)):
                continue
            below = [group_of.get((s, c)) for c in t.children[i] if side.edit.get(c) == side.edit[i]]
            if below and all(g is not None for g in below):
                first = below[0]
                assert first is not None
                group_of[(s, i)] = first
                members[first][s].add(i)
    touched = {old.edit[i] for (s, i) in group_of if s == 0} | {new.edit[j] for (s, j) in group_of if s == 1}
    out: list[tuple[tuple[float, int, int], Edit]] = []
    for k, pair in enumerate(keyed):
        if k not in touched:
            out.append(pair)
            continue
        (at, _, o), e = pair
        if e.kind.is_update:
            continue  # (both its nodes are in the group: aligned words join them)
        t, s, top = (a, 0, o) if e.kind.is_delete else (b, 1, int(at))
        stop: set[int] = set(m if s == 0 else r) | {i for (x, i) in group_of if x == s}
        for i in _covered(t, top, m if s == 0 else r):
            if (s, i) in group_of or (t.parent[i] not in stop and i != top):
                continue  # (read again, or inside a subtree that is left)
            out.append(_left(a, b, m, r, s, i, stop, pair[0]))
    rereads = []
    for gone, came in members:
        rereads.append(
            Reread(
                tuple(a.ids[i] for i in sorted(gone)),
                tuple(b.ids[j] for j in sorted(came)),
                tuple(_line(a, i) for i in sorted(gone)),
                tuple(_line(b, j) for j in sorted(came)),
                sum(1 for i in gone if i not in m),
                sum(1 for j in came if j not in r),
                sum(len(old.words.get(i, ())) for i in gone),
            )
        )
    rereads.sort(key=lambda x: b.ids.index(x.new_ids[0]) if x.new_ids else 0)
    return out, rereads, members


def _line(t: Tree, i: int) -> str:
    """A node as a reread lists it: its marker or a row's key, then its text."""
    key = t.keys[i] if t.kinds[i] in _SAYS_KEY else None
    marker = f"{t.markers[i]}. " if t.markers[i] else (f"{key}: " if key else "")
    return marker + t.texts[i]


def _left(
    a: Tree,
    b: Tree,
    m: dict[int, int],
    r: dict[int, int],
    side: int,
    i: int,
    stop: set[int],
    at: tuple[float, int, int],
) -> tuple[tuple[float, int, int], Edit]:
    """The edit of a subtree left of an insertion (``side`` 1) or deletion (0) once its rereads are taken out."""
    if side == 1:
        return (float(i), 1, -1), _inserted(b, i, r, stop)
    return (at[0], 0, i), _deleted(a, i, m, stop)


def _next_after(t: Tree, i: int) -> int | None:
    """The node right after ``i`` and everything under it, in document order (``None`` at the end)."""
    j = i + 1
    while j < len(t.parent) and _under(t, j, i):
        j += 1
    return j if j < len(t.parent) else None


def _under(t: Tree, j: int, i: int) -> bool:
    while j >= 0:
        if t.parent[j] == i:
            return True
        j = t.parent[j]
    return False


def _consecutive(t: Tree, nodes: list[int]) -> bool:
    """Whether ``nodes`` (sorted) are siblings with nothing of their parent between them."""
    kids = t.children[t.parent[nodes[0]]]
    if any(t.parent[x] != t.parent[nodes[0]] for x in nodes):
        return False
    first = kids.index(nodes[0])
    return kids[first : first + len(nodes)] == nodes


# --- a table in one copy, its cells as paragraphs in the other ---------------------------------------------------

# the most words of a table compared with the paragraphs that may be its cells (a page or two of cells)
_GRID_MAX = 4_000
# the share of words a table and the paragraphs beside it must share (each side, a repeated header row aside) to be
# one text with an edit in it rather than a table and paragraphs that have nothing to do with each other
_GRID_SHARED = 0.8


def _cells(t: Tree, i: int) -> list[str]:
    """A table's header cells, or a row's cells (its key first)."""
    text = t.texts[i]
    cells = text.split(" | ") if text else []
    key = t.keys[i] if t.kinds[i] in ROW_KINDS else None
    if key and not text.startswith(key):
        cells.insert(0, key)
    return cells


def _columns(t: Tree, top: int) -> tuple[list[str], list[list[str]]] | None:
    """A table's header words and its columns, each the words of its header cell and its cells top to bottom; ``None``
    for a table that holds anything but rows (a note, a list in a cell)."""
    below = range(top + 1, t.end[top] + 1)
    if any(t.kinds[i] not in ROW_KINDS for i in below):
        return None
    rows = [_cells(t, top), *(_cells(t, i) for i in below)]
    width = max(len(row) for row in rows)
    columns = [[w for row in rows if j < len(row) for w in reread_words(row[j])] for j in range(width)]
    return reread_words(" ".join(rows[0])), columns


def _in_order(part: list[str], stream: list[str]) -> bool:
    """Whether ``part``'s words stand in ``stream`` in that order (others between them)."""
    it = iter(stream)
    return all(w in it for w in part)


def _repeated_header(theirs: Counter[str], mine: Counter[str], header: list[str]) -> Counter[str]:
    """The words of the header rows ``theirs`` (the paragraphs' words) holds more than ``mine`` (the table's): a table
    broken over pages repeats its header row; one copy's reader joins the pages' rows into one table, the other
    keeps each page's header line.  Counted by the header's own words — those no cell of the table holds — so that a
    row gone from the paragraphs is not taken for a header (``and`` in both a header and a cell)."""
    words = Counter(header)
    body = mine - words
    own = [w for w in words if not body[w]]
    copies = min(((theirs[w] - mine[w]) // words[w] for w in own), default=0)
    return Counter({w: n * copies for w, n in words.items()}) if copies > 0 else Counter()


class _Grid(NamedTuple):
    """A table one version has and the paragraphs the other has in its place: their nodes, words and how they
    compare."""

    table: int  # the table's node, in ``tt``
    prose: list[int]  # the paragraphs, in the other tree, in document order
    same: bool  # the same words, each column's in order: one text read in two shapes
    text: str  # the table's words as a line, in the order nearest the paragraphs' (rows, or columns)
    repeated: Counter[str]  # the words of the header rows the paragraphs repeat (at a page break)


def _grid(tt: Tree, top: int, tp: Tree, prose: list[int]) -> _Grid | None:
    """How table ``top`` of ``tt`` compares with the paragraphs ``prose`` of ``tp`` beside which it stands: the same
    text (``same``), the same text with an edit, or none (``None``)."""
    read = _columns(tt, top)
    if read is None or not prose:
        return None
    header, columns = read
    table = [w for column in columns for w in column]
    stream = [w for i in prose for w in reread_words(tp.texts[i])]
    if not table or not stream or len(table) > _GRID_MAX or len(stream) > _GRID_MAX:
        return None
    mine, theirs = Counter(table), Counter(stream)
    repeated = _repeated_header(theirs, mine, header)
    theirs -= repeated
    extra, missing = theirs - mine, mine - theirs
    same = not extra and not missing and all(_in_order(column, stream) for column in columns)
    shared = sum((mine & theirs).values())
    if not same and min(shared / len(table), shared / (shared + sum(extra.values()))) < _GRID_SHARED:
        return None
    # the table as a line: row by row (a reading across) or column by column (a reading down each column)
    rows = [" ".join(_cells(tt, i)) for i in range(top, tt.end[top] + 1)]
    across = " ".join(rows)
    width = max(len(_cells(tt, i)) for i in range(top, tt.end[top] + 1))
    down = " ".join(c[j] for j in range(width) for i in range(top, tt.end[top] + 1) if j < len(c := _cells(tt, i)))

    def near(line: str) -> float:
        return difflib.SequenceMatcher(None, reread_words(line), stream, autojunk=False).ratio()

    return _Grid(top, prose, same, max((across, down), key=near), repeated)


def _grid_redline(segments: tuple[Segment, ...], repeated: Counter[str], new_table: bool) -> tuple[Segment, ...]:
    """The redline of a table against the paragraphs that hold its cells (``new_table``: the table is the new
    side) with only the words one side has and the other has not marked: a cell's words the two readings put in
    another order, and a header row the paragraphs repeat at a page break, are the same text (``=``, as the new
    side writes it), not a deletion here and an insertion there.  A word one side has more of that the word
    sequence paired with a copy of it elsewhere is marked where it first stands unmarked (added), or after the
    rest (removed)."""
    said = {op: Counter(w for seg in segments if seg[0] in ("=", op) for w in reread_words(seg[1])) for op in "-+"}
    said["-" if new_table else "+"] -= repeated  # (the header row again at a page break: no word of its own)
    gone, came = said["-"] - said["+"], said["+"] - said["-"]
    if not gone and not came:
        return segments  # (the same words in another order: a cell moved, the word sequence shows where)
    words: list[tuple[str, str]] = []
    for op, text in segments:
        words.extend((op, word) for word in text.split())
    marks: list[str] = []
    for op in ("+", "=", "-"):  # (what the word sequence marked first, then the rest)
        for k, (was, word) in enumerate(words):
            if len(marks) <= k:
                marks.append("")
            if marks[k] or (was != op and not (op == "=" and was == "=")):
                continue
            tokens = Counter(reread_words(word))
            budget = gone if was == "-" else came
            if was != "=" and tokens and not tokens - budget:
                budget.subtract(tokens)
                marks[k] = was
    for k, (was, word) in enumerate(words):  # an added word the sequence paired with a copy elsewhere
        tokens = Counter(reread_words(word))
        if was == "=" and not marks[k] and tokens and not tokens - came:
            came.subtract(tokens)
            marks[k] = "+"
    out: list[Segment] = []
    for (was, word), mark in zip(words, marks, strict=True):
        if was == "-" and mark != "-":
            continue  # (a word the other side has elsewhere: shown there)
        mark = mark or "="
        if out and out[-1][0] == mark:
            out[-1] = (mark, f"{out[-1][1]} {word}")
        else:
            out.append((mark, word))
    left = [w for w, n in sorted((+gone).items()) for _ in range(n)]
    if left:  # removed words the sequence paired with a copy elsewhere
        out.append(("-", " ".join(left)))
    return tuple(out)


def _stretch(t: Tree, matched: dict[int, int], top: int, size: int) -> tuple[int, int]:
    """The other version's nodes between the partners of the matched nodes right before ``top`` and right after its
    subtree (exclusive; ``size``: how many nodes the other version has)."""
    lo, hi = top - 1, t.end[top] + 1
    while lo > 0 and lo not in matched:
        lo -= 1
    while hi < len(t.ids) and hi not in matched:
        hi += 1
    return matched.get(lo, 0), matched.get(hi, size)


def _regridded(
    a: Tree, b: Tree, m: dict[int, int], keyed: list[tuple[tuple[float, int, int], Edit]]
) -> tuple[list[tuple[tuple[float, int, int], Edit]], list[Reread], list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """``keyed`` with a table inserted (deleted) where paragraphs holding its cells are deleted (inserted) taken as
    what it is: one text read in two shapes, or that text with an edit in it.

    A copy read without its layout (``pdftotext`` without ``-layout``, a page's text pasted) has a table's cells
    as paragraphs, often a column at a time — each column's cells down the page, then the next column, a page's
    header row again on the next page — where the other copy has the table.  The words are the same, but not in
    one order, so the readings of one sequence (:func:`_rereads`) do not see it.  Between the same two matched
    nodes in both versions, a whole table and the paragraphs deleted (inserted) in its place are one text read in
    two shapes when they hold the same words — a header row repeated at a page break aside — and each column's
    words stand in the paragraphs in the column's order (a reading across the rows, or down the columns, keeps
    it; a number moved from one row to another breaks it).  They are one text with an edit in it when most of
    their words are shared: one update, the paragraphs' text against the table's read in the order nearest
    theirs, never the whole region deleted and inserted.  Anything else keeps its edits.
    """
    r = {n: o for o, n in m.items()}
    inserted = {int(at): k for k, ((at, _, o), e) in enumerate(keyed) if e.kind is EditKind.INSERT}
    deleted = {o: k for k, ((_, _, o), e) in enumerate(keyed) if e.kind is EditKind.DELETE and o >= 0}
    taken: set[int] = set()
    added: list[tuple[tuple[float, int, int], Edit]] = []
    rereads: list[Reread] = []
    regrids: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for new_table, t_tab, t_pro, tables, proses, there in (
        (False, a, b, deleted, inserted, m),
        (True, b, a, inserted, deleted, r),
    ):
        for top, k in sorted(tables.items()):
            e = keyed[k][1]
            if e.node is not NodeKind.TABLE or k in taken:
                continue
            lo, hi = _stretch(t_tab, there, top, len(t_pro.ids))
            prose = [
                i
                for i, j in sorted(proses.items())
                if lo < i < hi and j not in taken and keyed[j][1].node in _PROSE and not keyed[j][1].content
            ]
            found = _grid(t_tab, top, t_pro, prose)
            if found is None:
                continue
            ks = [k, *(proses[i] for i in prose)]
            taken.update(ks)
            grid = list(range(top, t_tab.end[top] + 1))
            olds, news = (prose, grid) if new_table else (grid, prose)
            if found.same:
                rereads.append(
                    Reread(
                        tuple(a.ids[i] for i in olds),
                        tuple(b.ids[j] for j in news),
                        tuple(_line(a, i) for i in olds),
                        tuple(_line(b, j) for j in news),
                        len(olds),
                        len(news),
                        sum(len(reread_words(" ".join(_cells(t_tab, i)))) for i in grid),
                    )
                )
                continue
            regrids.append((tuple(a.ids[i] for i in olds), tuple(b.ids[j] for j in news)))
            said = " ".join(t_pro.texts[i] for i in prose)
            first = _side(t_pro, prose[0])._replace(text=said)
            table = _side(t_tab, top)._replace(text=found.text)
            old_side, new_side = (first, table) if new_table else (table, first)
            note = Label("table read as paragraphs in one copy: compared by its words", Direction.NEUTRAL)
            edit = Edit.changed(EditKind.UPDATE, NodeKind.TABLE, old_side, new_side, (note,), True)
            added.append((keyed[k][0], replace(edit, redline=_grid_redline(edit.redline, found.repeated, new_table))))
    kept = [pair for k, pair in enumerate(keyed) if k not in taken]
    return kept + added, rereads, regrids


_LOG_WORD = re.compile(r"[a-z0-9]+")


def _log_words(text: str) -> frozenset[str]:
    return frozenset(_LOG_WORD.findall(text.lower()))


@per_version
def _body_words(policy: Policy) -> frozenset[str]:
    """The words of the policy's text outside its revision log."""
    return frozenset().union(*(_log_words(t) for t in build_tree(policy).texts))


@functools.lru_cache(maxsize=4096)
def _date_at_start(text: str) -> ReadDate | None:
    """The first date of ``text`` (a text's first 40 characters): a policy's versions share most of their texts, and
    the log of a version is checked against the text of each version before it (every pair the site shows)."""
    return read_date(text)


@per_version
def _dated_lines(policy: Policy) -> defaultdict[object, list[frozenset[str]]]:
    """The words of the lines of the policy's text that begin with a date, by that date: a history the reader kept
    as text (its heading not read as a history's) still writes its rows."""
    out: defaultdict[object, list[frozenset[str]]] = defaultdict(list)
    for text in build_tree(policy).texts:
        found = _date_at_start(text[:40])
        if found is not None and found.start <= 3:
            out[found.date].append(_log_words(text[found.end :]))
    return out


def _date_digits(date: object) -> tuple[str, ...]:
    """The digits a date is written with in a table's cell (``05/14/2025``, ``5/14/2025``, ``2025-05-14``), the
    separators left out: a cell whose dates a reader ran together (``05/14/202505/09/2024``) still holds them."""
    if not isinstance(date, dt.date):
        return ()
    y, m, d = date.year, date.month, date.day
    return (f"{m:02d}{d:02d}{y}", f"{m}{d}{y}", f"{y}{m:02d}{d:02d}")


@per_version
def _held_in_text(policy: Policy) -> list[tuple[frozenset[str], str]]:
    """Each node of the policy's text outside its log (a row with its key): its words and its digits."""
    tree = build_tree(policy)
    said = [f"{key or ''} {text}" for key, text in zip(tree.keys, tree.texts, strict=True)]
    return [(_log_words(text), re.sub(r"\D", "", text)) for text in said]


def _log_added(old: Policy, new: Policy) -> tuple[RevisionEntry, ...]:
    """The rows of ``new``'s log that are not in ``old``'s, compared by date and words: a row is old when a row of
    ``old`` with its date has all its words, or all but words of the other rows of the same log — a reader that
    ran one row into the next (``Original Effective Date: …`` into every dated paragraph under it) in one version
    and not in the other changes no row — nor one that ran a line of the text after the log into its last row
    (``… labeling. Eligible providers: …``): a row with fewer words, the old row's others the new version's text
    outside its log."""
    seen = {(norm(e.description), e.date) for e in old.revision_log}
    by_date: defaultdict[object, list[frozenset[str]]] = defaultdict(list)
    for e in old.revision_log:
        by_date[e.date].append(_log_words(e.description))
    added = []
    kept: defaultdict[object, list[frozenset[str]]] | None = None
    held: list[tuple[frozenset[str], str]] | None = None
    for e in new.revision_log:
        if (norm(e.description), e.date) in seen:
            continue
        if not by_date.get(e.date) and e.date is not None:
            # (a row the old version holds as a dated line of its text, word for word, is no new row)
            kept = _dated_lines(old) if kept is None else kept
            if _log_words(e.description) in kept.get(e.date, ()):
                continue
            # (nor one it holds in a node of its text with its date: a history table one copy read as a table of
            # the body, its rows' cells run together — ``05/14/202505/09/202408/01/2006 | … New policy.``)
            held = _held_in_text(old) if held is None else held
            words, digits = _log_words(e.description), _date_digits(e.date)
            if words and any(words <= said and any(d in ds for d in digits) for said, ds in held):
                continue
        words = _log_words(e.description)
        if e.date is not None and words and by_date.get(e.date):
            others_new = frozenset().union(*(_log_words(o.description) for o in new.revision_log if o.date != e.date))
            others_old = frozenset().union(*(_log_words(o.description) for o in old.revision_log if o.date != e.date))
            if words <= frozenset().union(*by_date[e.date]):  # (fewer words, never more: a new row's own words)
                # (the words the old row has more: the new text's outside its log, or a line after the log that
                # the reader ran into the old version's last row and the new version's, a row below it)
                others_old |= _body_words(new) | others_new
            if any(words - was <= others_new and was - words <= others_old and words & was for was in by_date[e.date]):
                continue
            if _cut_row(e, old):
                continue
        added.append(e)
    return tuple(added)


def _cut_row(e: RevisionEntry, old: Policy) -> bool:
    """Whether ``old``'s log holds ``e`` cut short: a row of its date whose words begin ``e``'s, the rest of ``e``'s
    words ``old``'s text outside its log — a cell a page break split, its last lines read as a paragraph after the
    log (``Added Xyosted and Jatenzo. Added`` / ``step therapy for oral products.``)."""
    said = _LOG_WORD.findall(e.description.lower())
    body: frozenset[str] | None = None
    for o in old.revision_log:
        was = _LOG_WORD.findall(o.description.lower())
        if o.date != e.date or not was or len(was) >= len(said) or said[: len(was)] != was:
            continue
        body = _body_words(old) if body is None else body
        if frozenset(said[len(was) :]) <= body:
            return True
    return False


def match_trees(old: Tree, new: Tree) -> dict[int, int]:
    """The node matching of two diff trees (old index → new index)."""
    return _Matcher(old, new).run()


def diff(old: Policy, new: Policy) -> EditScript:
    """The edit script turning ``old`` into ``new``, ordered by position in ``new``."""
    with gc_paused():  # thousands of nodes' tuples, lists and word sets, and no cycles
        return _diff(old, new)


def _unread_title(e: Edit, old: Policy, new: Policy) -> bool:
    """Whether ``e`` only says that one copy's title was not found: the side without a title is a copy whose reader
    looked for it and warned (`found no title`, :attr:`Policy.not_found`) — a print whose head lost it, how the
    copy was read, never a change of the policy.  A copy without a title its reader did not warn of (a tree made
    otherwise) gains or loses it: a change."""
    return (
        e.kind is EditKind.UPDATE
        and e.node is NodeKind.FIELD
        and e.old_id == e.new_id == "header.title"
        and not (e.old_text and e.new_text)
        and (bool(e.old_text) or "title" in old.not_found)
        and (bool(e.new_text) or "title" in new.not_found)
    )


def _diff(old: Policy, new: Policy) -> EditScript:
    a, b = build_tree(old), build_tree(new)
    b.by_text = a.by_text  # the wording the two versions share is read once
    m = match_trees(a, b)
    rekeyed = _rekeyed_durations(a, b, m)
    keyed, regridded, regrids = _regridded(a, b, m, _rejoined(a, b, _resplit(a, b, m, _script(a, b, m, rekeyed))))
    keyed, rereads = _rereads(a, b, m, keyed)
    rereads = sorted((*rereads, *regridded), key=lambda x: b.ids.index(x.new_ids[0]) if x.new_ids else 0)
    keyed = [(at, e) for at, e in keyed if not _unread_title(e, old, new)]
    keyed.sort(key=lambda pair: pair[0])
    matches = tuple((a.ids[o], b.ids[n]) for o, n in sorted(m.items()) if o > 0)
    rekeyed_ids = tuple((a.ids[o], b.ids[n]) for o, n in rekeyed)
    return EditScript(
        tuple(e for _, e in keyed), _log_added(old, new), matches, rekeyed_ids, tuple(rereads), tuple(regrids)
    )
