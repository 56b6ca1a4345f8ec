"""``policyvc impact``: replay request cases against two versions and list every decision that changes, and why.

A case's attestations are answers about the *old* version's criteria.  They carry over to the new version
through the diff's matching (I.F in one version is I.G in the next), so a renumber alone flips nothing; an
attestation whose criterion's wording changed does not carry over silently: the case is reported as needing
re-review of that criterion.  The causes of a flip are the criteria whose values differ between the two traces
(matched through the diff), with the edit the diff made to them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyvc.history.diff import EditScript, diff
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy
from policyvc.parser.walk import NodeKind
from policyvc.rules import runtime as rt
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


@dataclass(frozen=True, slots=True)
class CaseImpact:
    name: str
    before: dict[str, Any]
    after: dict[str, Any]
    changed: tuple[str, ...]  # "outcome", "set", "duration"
    causes: tuple[Cause, ...] = ()
    rereview: tuple[str, ...] = ()  # new ids whose attestation did not carry over (wording changed)
    carried: dict[str, str] = field(default_factory=dict)  # old attestation id → new id, where they differ
    skipped: str | None = None  # why the case does not apply to the old version (an attestation it lacks)

    @property
    def flipped(self) -> bool:
        return bool(self.changed)


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
    }


class Impact:
    """The two versions, their diff and interpreters, ready to replay cases."""

    def __init__(self, old: Policy, old_date: dt.date, new: Policy, new_date: dt.date) -> None:
        self.old, self.new = Interpreter(old, old_date), Interpreter(new, new_date)
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

    def _carry(self, request: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...], dict[str, str]]:
        """The request for the new version: attestations and criteria_set moved along the matching."""
        out = dict(request)
        rereview: list[str] = []
        carried: dict[str, str] = {}
        given = request.get("attestations")
        if isinstance(given, dict):
            moved: dict[str, Any] = {}
            for key, value in given.items():
                new_id = self.forward.get(key)
                if new_id is None or new_id not in self.new.attestations:
                    continue
                if key in self.reworded:
                    rereview.append(new_id)
                    continue
                moved[new_id] = value
                if new_id != key:
                    carried[key] = new_id
            out["attestations"] = moved
        wanted = request.get("criteria_set")
        if isinstance(wanted, str) and wanted in self.forward:
            out["criteria_set"] = self.forward[wanted]
        return out, tuple(sorted(rereview)), carried

    def case(self, name: str, request: dict[str, Any]) -> CaseImpact:
        try:
            before = self.old.evaluate(request, trace=True)
        except rt.RequestError as exc:
            return CaseImpact(name, {}, {}, (), skipped=str(exc))
        moved, rereview, carried = self._carry(request)
        try:
            after = self.new.evaluate(moved, trace=True)
        except rt.RequestError as exc:
            raise PolicyError(str(exc), source=name) from None
        a, b = _summary(before), _summary(after)
        changed = []
        if a["outcome"] != b["outcome"]:
            changed.append("outcome")
        if (self.forward.get(a["set"], a["set"]) if a["set"] else None) != b["set"]:
            changed.append("set")
        if a["duration"] != b["duration"]:
            changed.append("duration")
        causes = self._causes(before.get("trace", []), after.get("trace", [])) if changed else ()
        return CaseImpact(name, a, b, tuple(changed), causes, rereview, carried)

    def _causes(self, old_rows: list[rt.TraceRow], new_rows: list[rt.TraceRow]) -> tuple[Cause, ...]:
        old_by = {r["id"]: r for r in old_rows}
        sets_changed = set()
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
            if o is None or o["value"] != r["value"] or (edit and edit not in ("move", "renumber")):
                out.append(Cause(r["id"], old_id, None if o is None else o["value"], r["value"], edit, r["text"]))
                row = self.state_edits.get(str(r["reads"].get("member.state")))
                if row is not None and all(c.id != row[0] for c in out):  # the appendix row that changed it
                    out.append(Cause(row[0], None, None, None, row[1], row[2]))
        return tuple(out)


def impact_cases(imp: Impact, cases: list[tuple[str, dict[str, Any]]]) -> list[CaseImpact]:
    return [imp.case(name, request) for name, request in cases]


def render_text(results: list[CaseImpact], old: str, new: str) -> str:
    flips = [r for r in results if r.flipped]
    skipped = [r for r in results if r.skipped]
    lines = [
        f"{len(results) - len(skipped)} cases replayed against {old} and {new}: {len(flips)} changed"
        + (f", {len(skipped)} skipped (written for another version)" if skipped else "")
    ]
    for r in results:
        if not r.flipped and not r.rereview:
            continue
        a, b = r.before, r.after
        mark = "CHANGED" if r.flipped else "same"
        lines.append(
            f"{mark}  {r.name}: {a['outcome']} {a['set'] or '-'} {a['duration'] or '-'}"
            f"  →  {b['outcome']} {b['set'] or '-'} {b['duration'] or '-'}"
        )
        for c in r.causes:
            if c.before is None and c.after is None and c.old_id is None:
                lines.append(f"    {c.id}: {c.edit}  {c.text}")
                continue
            was = "absent" if c.old_id is None else f"{c.old_id}={_tri(c.before)}"
            lines.append(f"    {c.id}: {was} → {_tri(c.after)}" + (f" ({c.edit})" if c.edit else "") + f"  {c.text}")
        for key in r.rereview:
            lines.append(f"    needs re-review: {key} (its wording changed; the attestation was not carried over)")
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
            "carried": r.carried,
            "skipped": r.skipped,
        }
        for r in results
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _cause(c: Cause) -> dict[str, Any]:
    return {"id": c.id, "old_id": c.old_id, "before": c.before, "after": c.after, "edit": c.edit, "text": c.text}
