"""Score the audit against a labelled corpus: precision and recall of its undocumented / unbacked flags.

A corpus is a version store (``<REFERENCE>/<YYYY-MM-DD>/policy.txt``) with a
``labels.json`` beside it: per policy, per step, every change (by its id) with
the clause that explains it (a prefix of the clause; ``administrative`` for the
header's dates, ``cosmetic`` for punctuation; ``null`` for a change nothing explains), optionally the direction
each change's label must have (``directions``) and every clause with
whether some change backs it; ``faults`` lists the planted faults by kind
(undocumented change, unbacked claim, wrong state, wrong number, claim in the
wrong section) with the change and clause they plant.  Used by the tests and ``benchmarks/bench_audit.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyvc.history.audit import PairAudit, TieKind, audit
from policyvc.history.semantic import net_direction


@dataclass(slots=True)
class Score:
    """Counts of flags: true positives, false positives, false negatives; and the wrong ties found on the way."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(slots=True)
class CorpusScore:
    undocumented: Score = field(default_factory=Score)
    unbacked: Score = field(default_factory=Score)
    ties: int = 0  # changes tied to the labelled clause
    directions: int = 0  # changes whose label has the labelled direction
    wrong_directions: list[str] = field(default_factory=list)
    wrong_ties: list[str] = field(default_factory=list)  # tied, but to another clause than the label's
    faults: dict[str, int] = field(default_factory=dict)  # planted faults by kind
    steps: int = 0
    policies: int = 0


def _edit_id(e: Any) -> str:
    return str(e.new_id or e.old_id)


def _score_step(pair: PairAudit, label: dict[str, Any], out: CorpusScore, where: str) -> None:
    changes: dict[str, str | None] = label["changes"]
    claims: dict[str, bool] = label["claims"]
    flagged = {_edit_id(e) for e in pair.undocumented}
    seen = {_edit_id(e) for e in pair.script.changes}
    if seen != set(changes):
        out.wrong_ties.append(f"{where}: changes {sorted(seen)} ≠ labelled {sorted(changes)}")
    for node_id, expected in changes.items():
        s = out.undocumented
        if expected is None:
            if node_id in flagged:
                s.tp += 1
            else:
                s.fn += 1
                s.mistakes.append(f"{where}: {node_id} is undocumented but was tied")
            continue
        if node_id in flagged:
            s.fp += 1
            s.mistakes.append(f"{where}: {node_id} flagged, but “{expected}” explains it")
            continue
        tie = next((t for t in pair.ties if _edit_id(t.edit) == node_id), None)
        if tie is None:
            continue
        if expected in ("administrative", "cosmetic"):
            ok = tie.how is TieKind(expected)
        else:
            ok = tie.claim is not None and tie.claim.clause.startswith(expected)
        if ok:
            out.ties += 1
        else:
            got = tie.claim.clause if tie.claim else tie.how.value
            out.wrong_ties.append(f"{where}: {node_id} tied to “{got}”, labelled “{expected}”")
    by_id = {_edit_id(e): e for e in pair.script.changes}
    for node_id, want in label.get("directions", {}).items():
        edit = by_id.get(node_id)
        got = net_direction(edit.labels).value if edit else "no such change"
        if got == want:
            out.directions += 1
        else:
            shown = "; ".join(str(lb) for lb in edit.labels) if edit else got
            out.wrong_directions.append(f"{where}: {node_id} labelled “{shown}”, expected {want}")
    unbacked = [c.clause for c in pair.unbacked]
    for prefix, backed in claims.items():
        s = out.unbacked
        hit = any(c.startswith(prefix) for c in unbacked)
        if not backed and hit:
            s.tp += 1
        elif not backed:
            s.fn += 1
            s.mistakes.append(f"{where}: “{prefix}” is unbacked but was not flagged")
        elif hit:
            s.fp += 1
            s.mistakes.append(f"{where}: “{prefix}” flagged unbacked, but a change backs it")
    for c in pair.claims:
        if not any(c.clause.startswith(p) for p in claims):
            out.wrong_ties.append(f"{where}: clause “{c.clause}” has no label")


def score_corpus(root: Path) -> CorpusScore:
    """Audit every policy of the corpus at ``root`` and score it against ``root/labels.json``."""
    from policyvc.store import Store

    labels: dict[str, list[dict[str, Any]]] = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    store = Store(root)
    out = CorpusScore()
    for ref, steps in sorted(labels.items()):
        report = audit(store.history(ref).dated())
        out.policies += 1
        by_step = {(p.old.isoformat(), p.new.isoformat()): p for p in report.pairs}
        for label in steps:
            key = (label["from"], label["to"])
            out.steps += 1
            if key not in by_step:
                out.wrong_ties.append(f"{ref} {key}: no such step")
                continue
            _score_step(by_step[key], label, out, f"{ref} {key[0]} → {key[1]}")
            for fault in label.get("faults", ()):
                out.faults[fault["kind"]] = out.faults.get(fault["kind"], 0) + 1
    return out
