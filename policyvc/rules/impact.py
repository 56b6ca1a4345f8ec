"""``policyvc impact``: replay request cases against two versions and list every decision that changes, and why.

A case's attestations are answers about the *old* version's criteria.  They carry over to the new version
through the diff's matching (I.F in one version is I.G in the next), so a renumber alone flips nothing; an
attestation whose criterion's wording changed does not carry over silently: the case is reported as needing
re-attestation of that criterion.  Such a case is judged as if the reviewer re-attested the same answer: it is
*changed* only if the new text still decides it differently (outcome, set, duration or denial reason); else it
is listed apart as needing re-attestation.  The causes of a change are the criteria whose values differ between
the two traces (matched through the diff), with the edit the diff made to them; changed cases are grouped by
the edits that caused them.

A set's own attestations (``<set id>.statement``, ``.structure``, ``.criteria``: no node of the diff) follow the
set's match.  A statement's carries unless the statement was reworded; an inferred set's ``.structure`` (the
nesting shown is the policy's) and a one-of set's ``.criteria`` (the group settled as a whole) are answers about
the set's items, so they carry only when those read alike — none added, removed, reworded or moved, the nesting
the same — else the case needs re-attestation, as a reworded criterion does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyvc.history.diff import EditScript, diff
from policyvc.history.tree import same_wording
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import CriteriaSet, Criterion, Policy, iter_criteria
from policyvc.parser.walk import NodeKind
from policyvc.rules import runtime as rt
from policyvc.rules.body import CRITERIA, LIMITS, STATEMENT, STRUCTURE, is_limits, is_statement, is_structure
from policyvc.rules.interpret import Interpreter
from policyvc.rules.request import read_request


@dataclass(frozen=True, slots=True)
class Cause:
    id: str  # the criterion's id in the new version (or the old one, if deleted)
    old_id: str | None
    before: bool | None
    after: bool | None
    edit: str | None  # the diff's edit kind on that criterion, if any
    text: str

    @property
    def is_edit(self) -> bool:
        """Whether the diff edited this node itself (not a renumber or a move): an edit that can cause a change."""
        return self.edit is not None and self.edit not in ("move", "renumber")


@dataclass(frozen=True, slots=True)
class CaseImpact:
    name: str
    before: dict[str, Any]
    after: dict[str, Any]  # the new version's decision with the attestations that carried over
    changed: tuple[str, ...]  # "outcome", "set", "duration", "reason" (the denial reason)
    causes: tuple[Cause, ...] = ()
    rereview: tuple[str, ...] = ()  # new ids whose attestation did not carry over (wording changed)
    carried: dict[str, str] = field(default_factory=dict)  # old attestation id → new id, where they differ
    skipped: str | None = None  # why the case does not apply to the old version (an attestation it lacks)
    reattested: dict[str, Any] | None = None  # with ``rereview``: the decision once the reviewer re-attests

    @property
    def flipped(self) -> bool:
        """Whether the new text decides the case differently (re-attestation alone is no change)."""
        return bool(self.changed)

    @property
    def roots(self) -> tuple[Cause, ...]:
        """The edits that caused the change (the group it is listed under)."""
        edited = tuple(c for c in self.causes if c.is_edit)
        return edited or self.causes


def read_cases(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """The requests of a folder of ``*.json`` files (request files or decision-table cases), by file name."""
    if not folder.is_dir():
        raise PolicyError(f"no cases folder {folder}", source=str(folder))
    return [(p.stem, read_request(p)) for p in sorted(folder.glob("*.json"))]


def _summary(decision: rt.Decision) -> dict[str, Any]:
    d = decision["duration"]
    return {
        "outcome": decision["outcome"],
        "set": decision["set"],
        "duration": None if d is None else d["end"] or d["text"],
        "missing": decision["missing"],
        "failed": dict(decision["failed"]),  # the denial reason: per failed set, its first failing criterion
    }


class Impact:
    """The two versions, their diff and interpreters, ready to replay cases."""

    def __init__(
        self,
        old: Policy,
        old_date: dt.date,
        new: Policy,
        new_date: dt.date,
        unread: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    ) -> None:
        """``unread``: what could not be read of each version when it was filed with ``--recover`` (old, new)."""
        self.old, self.new = Interpreter(old, old_date, unread[0]), Interpreter(new, new_date, unread[1])
        self.script: EditScript = diff(old, new)
        self.forward = dict(self.script.matches)
        self.back = {n: o for o, n in self.script.matches}
        self.edits: dict[str, str] = {}
        self.reworded: set[str] = set()  # old ids whose own wording changed
        self.state_edits: dict[str, tuple[str, str, str]] = {}  # state → (row id, edit kind, row text)
        for e in self.script.edits:
            key = e.new_id or e.old_id
            if key is not None:
                self.edits.setdefault(key, e.kind.value)
                if e.node is NodeKind.STATE and e.key:
                    self.state_edits[e.key] = (key, e.kind.value, e.new_text or e.old_text or "")
            if e.kind.is_update and e.old_id is not None:
                self.reworded.add(e.old_id)
        old_sets, new_sets = _sets(self.old.policy), _sets(self.new.policy)
        for old_id, o in old_sets.items():  # (a set's own attestations: no node of the diff; see the module doc)
            n = new_sets.get(self.forward.get(old_id, ""))
            if n is None:
                continue
            own = {
                STATEMENT: same_wording(o.title, n.title),
                STRUCTURE: _same_items(o, n),
                CRITERIA: _same_items(o, n),
                LIMITS: same_wording(_limits_source(o), _limits_source(n)),  # (the limits' words, wherever written)
            }
            for suffix, unchanged in own.items():
                self.forward[f"{old_id}.{suffix}"] = f"{n.id}.{suffix}"
                self.back[f"{n.id}.{suffix}"] = f"{old_id}.{suffix}"
                if not unchanged:
                    self.reworded.add(f"{old_id}.{suffix}")

    def _carry(self, request: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], tuple[str, ...], dict[str, str]]:
        """The request for the new version (attestations and criteria_set moved along the matching), the same
        as if every reworded attestation were re-attested unchanged, the reworded ids, the moved ids."""
        out = dict(request)
        reattest = dict(request)
        rereview: list[str] = []
        carried: dict[str, str] = {}
        given = request.get("attestations")
        if isinstance(given, dict):
            moved: dict[str, Any] = {}
            again: dict[str, Any] = {}
            for key, value in given.items():
                new_id = self.forward.get(key)
                if new_id is None or new_id not in self.new.attestations:
                    continue
                again[new_id] = value
                if key in self.reworded:
                    rereview.append(new_id)
                    continue
                moved[new_id] = value
                if new_id != key:
                    carried[key] = new_id
            out["attestations"], reattest["attestations"] = moved, again
        wanted = request.get("criteria_set")
        if isinstance(wanted, str) and wanted in self.forward:
            out["criteria_set"] = reattest["criteria_set"] = self.forward[wanted]
        return out, reattest, tuple(sorted(rereview)), carried

    def case(self, name: str, request: dict[str, Any]) -> CaseImpact:
        try:
            before = self.old.evaluate(request, trace=True)
        except rt.RequestError as exc:
            return CaseImpact(name, {}, {}, (), skipped=str(exc))
        moved, reattest, rereview, carried = self._carry(request)
        try:
            after = self.new.evaluate(moved, trace=True)
            basis = self.new.evaluate(reattest, trace=True) if rereview else after
        except rt.RequestError as exc:
            raise PolicyError(str(exc), source=name) from None
        a, b, c = _summary(before), _summary(after), _summary(basis)
        changed = []
        if a["outcome"] != c["outcome"]:
            changed.append("outcome")
        if (self.forward.get(a["set"], a["set"]) if a["set"] else None) != c["set"]:
            changed.append("set")
        if a["duration"] != c["duration"]:
            changed.append("duration")
        moved_failed = {self.forward.get(k, k): self.forward.get(v, v) for k, v in a["failed"].items()}
        if moved_failed != c["failed"]:
            changed.append("reason")
        reasons = {k for k in set(moved_failed) | set(c["failed"]) if moved_failed.get(k) != c["failed"].get(k)}
        causes = self._causes(before.get("trace", []), basis.get("trace", []), reasons) if changed else ()
        if changed and "duration" in changed and not causes:
            causes = self._duration_edits()
        return CaseImpact(name, a, b, tuple(changed), causes, rereview, carried, None, c if rereview else None)

    def _duration_edits(self) -> tuple[Cause, ...]:
        """The approval-duration edits: the cause of a changed duration when no criterion's value changed."""
        return tuple(
            Cause(e.new_id or e.old_id or "", e.old_id, None, None, e.kind.value, e.new_text or e.old_text or "")
            for e in self.script.edits
            if e.node is NodeKind.DURATION and (e.new_id or e.old_id) and e.kind.value not in ("move", "renumber")
        )

    def _causes(
        self,
        old_rows: list[rt.TraceRow],
        new_rows: list[rt.TraceRow],
        reasons: Collection[str] = (),
    ) -> tuple[Cause, ...]:
        """The criteria whose value changed, under the sets that changed value or denial reason (``reasons``)."""
        old_by = {r["id"]: r for r in old_rows}
        sets_changed = set(reasons)
        for r in new_rows:
            if r["parent"] is None:
                o = old_by.get(self.back.get(r["id"], ""))
                if o is None or o["value"] != r["value"]:
                    sets_changed.add(r["id"])
        out = []
        top: dict[str, str] = {}
        for r in new_rows:
            top[r["id"]] = r["id"] if r["parent"] is None else top.get(r["parent"], r["id"])
            if top[r["id"]] not in sets_changed:
                continue
            old_id = self.back.get(r["id"])
            o = old_by.get(old_id) if old_id else None
            edit = self.edits.get(r["id"])
            if r["parent"] is None:
                if o is None:  # a new set: it is the cause, not each of its criteria
                    out.append(Cause(r["id"], None, None, r["value"], edit or "insert", r["text"]))
                continue
            if o is None and old_by.get(self.back.get(top[r["id"]], "")) is None:
                continue
            if o is None or o["value"] != r["value"]:  # a criterion whose value did not change caused nothing
                out.append(Cause(r["id"], old_id, None if o is None else o["value"], r["value"], edit, r["text"]))
                row = self.state_edits.get(str(r["reads"].get("member.state")))
                if row is not None and all(c.id != row[0] for c in out):  # the appendix row that changed it
                    out.append(Cause(row[0], None, None, None, row[1], row[2]))
        return tuple(out)


def _sets(policy: Policy) -> dict[str, CriteriaSet]:
    """The sets of a policy as the rules read it (``rules_view``), by id."""
    return {s.id: s for section in policy.sections for s in section.sets}


def _items(s: CriteriaSet) -> list[tuple[str, str | None, Criterion]]:
    """A set's criteria but its statement and structure, each with its id within the set and its connective."""
    return [
        (c.id.removeprefix(s.id), c.connective.value if c.connective else None, c)
        for c in iter_criteria(s.criteria)
        if not is_statement(c) and not is_structure(c) and not is_limits(c)
    ]


def _limits_source(s: CriteriaSet) -> str:
    """The words of the limits a set's limits criterion stands for (``body.rules_view``), or nothing."""
    return " ".join(next((c.source for c in s.criteria if is_limits(c)), "").split())


def _same_items(old: CriteriaSet, new: CriteriaSet) -> bool:
    """Whether two versions of a set hold the same items, worded alike, in the same places and nesting."""
    a, b = _items(old), _items(new)
    return len(a) == len(b) and all(
        x[:2] == y[:2] and same_wording(x[2].text + x[2].footnote, y[2].text + y[2].footnote)
        for x, y in zip(a, b, strict=True)
    )


def impact_cases(imp: Impact, cases: list[tuple[str, dict[str, Any]]]) -> list[CaseImpact]:
    return [imp.case(name, request) for name, request in cases]


def _decision(summary: dict[str, Any]) -> str:
    """``approved by I.A until 2026-10-01``, ``denied: I.E fails at I.E.3``, ``needs-review: attestations.I.E.3.a``."""
    outcome = summary["outcome"]
    if outcome == "approved":
        until = f" until {summary['duration']}" if summary.get("duration") else ""
        return f"approved by {summary['set']}{until}" if summary.get("set") else f"approved{until}"
    if outcome == "referred":
        return f"referred by {summary['set']}" if summary.get("set") else "referred"
    if outcome == "needs-review" and summary.get("missing"):
        missing = list(summary["missing"])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        return f"needs-review: {', '.join(missing[:3])}{more}"
    failed = summary.get("failed") or {}
    if failed:
        return f"{outcome}: " + "; ".join(f"{k} fails at {v}" for k, v in sorted(failed.items()))
    return str(outcome)


def _root(c: Cause) -> str:
    """``update I.E.1: Diagnosis of high-risk neuroblastoma;`` (the text cut at 80 characters)."""
    text = " ".join(c.text.split())
    text = text if len(text) <= 80 else text[:79] + "…"
    return f"{c.edit} {c.id}: {text}" if c.edit else f"{c.id}: {text}"


def render_text(results: list[CaseImpact], old: str, new: str) -> str:
    """Changed cases grouped by the edits that caused them (old → new decision, the criteria whose value changed),
    then the cases that need a reviewer's re-attestation, grouped by criterion."""
    flips = [r for r in results if r.flipped]
    skipped = [r for r in results if r.skipped]
    reattest = [r for r in results if r.rereview and not r.skipped]
    head = f"{len(results) - len(skipped)} cases replayed against {old} and {new}: {len(flips)} changed"
    if reattest:
        head += f", {len(reattest)} need re-attestation"
    if skipped:
        head += f", {len(skipped)} skipped (written for another version)"
    lines = [head]
    groups: dict[tuple[str, ...], list[CaseImpact]] = {}
    for r in flips:
        groups.setdefault(tuple(_root(c) for c in r.roots), []).append(r)
    for roots, cases in groups.items():
        lines.append("")
        edited = any(c.is_edit for c in cases[0].roots)
        if not roots:
            lines.append("changed, with no criterion whose value changed (see the decisions)")
        elif not edited:  # no edit of the criteria themselves: a fact they read changed
            lines.append("changed where these criteria changed value, with no edit of their own:")
            lines += [f"    {root}" for root in roots]
        elif len(roots) == 1:
            lines.append(f"changed by {roots[0]}")
        else:
            lines.append("changed by these edits together:")
            lines += [f"    {root}" for root in roots]
        for r in cases:
            basis = r.reattested or r.after
            what = "" if "outcome" in r.changed else f"  ({', '.join(r.changed)} changed)"
            lines.append(f"  CHANGED  {r.name}: {_decision(r.before)}  →  {_decision(basis)}{what}")
            for c in r.causes:
                if c.before is None and c.after is None and c.old_id is None:
                    continue  # an inserted set or a table row: in the group's heading
                was = "absent" if c.old_id is None else _tri(c.before)
                renamed = f" (was {c.old_id})" if c.old_id and c.old_id != c.id else ""
                lines.append(f"      {c.id}{renamed}: {was} → {_tri(c.after)}")
            if r.rereview:
                lines.append(f"      also needs re-attestation of {', '.join(r.rereview)} (shown as re-attested)")
    heads = {
        False: "need re-attestation (the criterion was reworded: its attestation was not carried over):",
        True: "need re-attestation (the set's items changed: its nesting or group attestation was not carried over):",
    }
    for of_items, head in heads.items():
        by_criterion: dict[str, list[str]] = {}
        for r in reattest:
            for key in r.rereview:
                if key.endswith((f".{STRUCTURE}", f".{CRITERIA}")) is of_items:
                    by_criterion.setdefault(key, []).append(r.name)
        if by_criterion:
            lines.append("")
            lines.append(head)
            lines += [f"  {key}: {', '.join(names)}" for key, names in by_criterion.items()]
    return "\n".join(lines) + "\n"


def _tri(value: bool | None) -> str:
    return "unknown" if value is None else str(value).lower()


def render_json(results: list[CaseImpact]) -> str:
    rows = [
        {
            "case": r.name,
            "changed": list(r.changed),
            "before": r.before,
            "after": r.after,
            "causes": [_cause(c) for c in r.causes],
            "rereview": list(r.rereview),
            "reattested": r.reattested,
            "carried": r.carried,
            "skipped": r.skipped,
        }
        for r in results
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _cause(c: Cause) -> dict[str, Any]:
    return {"id": c.id, "old_id": c.old_id, "before": c.before, "after": c.after, "edit": c.edit, "text": c.text}
