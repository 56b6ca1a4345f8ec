"""Blame: for each criterion (and list item) of a version, the version that introduced it and the one that last
reworded it.

Identity is followed through the diff's matching from version to version, so a
criterion keeps its origin through renumbering (4 → 5) and moves (into a new
group); the revision-log entry named is the one the audit ties the change to —
the one verdict: a change the audit calls undocumented is undocumented here
too (no entry is named for it), and only a change the audit needs no entry
for (punctuation, the header's dates) is given the newest entry of its version.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from policyvc.history.audit import PairAudit, audit_pair
from policyvc.history.tree import build_tree
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy
from policyvc.parser.walk import NodeKind

BLAMED_KINDS = (NodeKind.SET, NodeKind.CRITERION, NodeKind.BULLET)  # (a list's items: what it excludes, names …)
_NESTED_KINDS = (NodeKind.CRITERION, NodeKind.BULLET)  # a line is indented under these


@dataclass(frozen=True, slots=True)
class Origin:
    """A version of the history and the revision-log entry that explains the change there."""

    date: dt.date
    entry: str | None
    undocumented: bool = False  # the audit found no log entry that explains this change


@dataclass(frozen=True, slots=True)
class BlameLine:
    id: str
    kind: NodeKind  # set | criterion | bullet
    marker: str
    text: str
    introduced: Origin
    changed: Origin  # the last change of wording (== introduced if never reworded)
    depth: int


@dataclass(frozen=True, slots=True)
class BlameReport:
    reference: str
    version: dt.date
    lines: tuple[BlameLine, ...]


def _latest_entry(policy: Policy) -> str | None:
    dated = [e for e in policy.revision_log if e.date]
    if not dated:
        return None
    return " ".join(max(dated, key=lambda e: e.date or dt.date.min).description.split())


def blame(
    history: Sequence[tuple[dt.date, Policy]],
    at: dt.date | None = None,
    *,
    audited: Mapping[tuple[dt.date, dt.date], PairAudit] | None = None,
) -> BlameReport:
    """Blame the version in force at ``at`` (the latest whose date ≤ ``at``; default the newest).

    ``audited``: steps already audited, by (old date, new date), reused instead of audited again.
    """
    ordered = sorted(history, key=lambda pair: pair[0])
    if not ordered:
        raise PolicyError("no versions to blame")
    if at is not None:
        ordered = [pair for pair in ordered if pair[0] <= at]
        if not ordered:
            raise PolicyError(f"no version was in force on {at.isoformat()}")
    first_date, first = ordered[0]
    origin = Origin(first_date, None)  # before the first stored version nothing is known
    tree = build_tree(first)
    state = {tree.ids[i]: (origin, origin) for i in range(len(tree.ids)) if tree.kinds[i] in BLAMED_KINDS}
    for (d0, p0), (d1, p1) in itertools.pairwise(ordered):
        pair = (audited or {}).get((d0, d1)) or audit_pair(d0, p0, d1, p1)
        explained = {t.edit.new_id: t.claim.entry for t in pair.ties if t.claim and t.edit.new_id}
        unexplained = {e.new_id for e in pair.undocumented if e.new_id}
        fallback = _latest_entry(p1)
        reworded = {
            e.new_id for e in pair.script.edits if e.new_id and e.old_text is not None and e.old_text != e.new_text
        }
        matched = dict(pair.script.matches)
        back = {n: o for o, n in matched.items()}
        tree = build_tree(p1)
        nxt: dict[str, tuple[Origin, Origin]] = {}
        for i in range(len(tree.ids)):
            if tree.kinds[i] not in BLAMED_KINDS:
                continue
            nid = tree.ids[i]
            # a node inside an added subtree is explained by what explains the subtree (or is undocumented with it)
            j, entry, undocumented = i, None, False
            while j > 0 and entry is None and not undocumented:
                entry = explained.get(tree.ids[j])
                undocumented = tree.ids[j] in unexplained
                j = tree.parent[j]
            here = Origin(d1, None, True) if undocumented and entry is None else Origin(d1, entry or fallback)
            old = back.get(nid)
            if old is None or old not in state:
                nxt[nid] = (here, here)
            else:
                intro, changed = state[old]
                nxt[nid] = (intro, here if nid in reworded else changed)
        state = nxt
    date, _ = ordered[-1]
    lines = []
    for i in range(len(tree.ids)):
        if tree.kinds[i] in BLAMED_KINDS:
            depth, j = 0, tree.parent[i]
            while j > 0 and tree.kinds[j] in _NESTED_KINDS:
                depth, j = depth + 1, tree.parent[j]
            intro, changed = state[tree.ids[i]]
            lines.append(BlameLine(tree.ids[i], tree.kinds[i], tree.markers[i], tree.texts[i], intro, changed, depth))
    return BlameReport(ordered[-1][1].reference_number, date, tuple(lines))
