"""Render audit reports as plain text or deterministic JSON."""

from __future__ import annotations

import json
from typing import Any

from policyvc.history.audit import AuditReport, Claim, Match, Miss, PairAudit, Tie, TieKind
from policyvc.history.diff import Edit, EditKind
from policyvc.renderer.diff import edit_to_dict, redline_text, summary_line


def _where(edit_id: str | None, kind: EditKind, table: str | None, key: str | None) -> str:
    return f"{table} [{key}]" if kind.is_row else edit_id or "?"


def _short(text: str | None, n: int = 90) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def words(matches: tuple[Match, ...], shared: tuple[str, ...] = ()) -> str:
    """The evidence as the words of the texts: ``eosinophil ↔ eosinophils; Kentucky ↔ KY`` (never stems)."""
    if not matches:
        return ", ".join(shared)
    # words of one side matched by several words of the other: said once ("chronic, spontaneous, urticaria ↔ CSU")
    out: list[str | list[list[str]]] = []
    for m in matches:
        if "↔" not in str(m):
            out.append(str(m))
            continue
        pair = [list(m.clause), list(m.change)]
        for prev in out:
            if isinstance(prev, list) and (prev[0] == pair[0] or prev[1] == pair[1]):
                for side, words in zip(prev, pair, strict=True):
                    side.extend(w for w in words if w not in side)
                break
        else:
            out.append(pair)
    shown = (x if isinstance(x, str) else str(Match("", tuple(x[0]), tuple(x[1]))) for x in out)
    return "; ".join(dict.fromkeys(shown))


def evidence(t: Tie) -> str:
    """Why a change counts as explained, in words: the clause and the words of it that name the change."""
    if t.how is TieKind.TERMS and t.claim:
        return f"“{_short(t.claim.clause, 60)}” (evidence: {words(t.matches, t.shared)})"
    if t.how is TieKind.INHERITED and t.claim:
        return f"“{_short(t.claim.clause, 60)}” (with the change of {t.via}, its parent or child)"
    if t.how is TieKind.CITED and t.claim:
        return f"“{_short(t.claim.clause, 60)}” (cited for the change of {t.via}: {', '.join(t.shared)})"
    if t.how is TieKind.CONSEQUENCE and t.claim:
        return f"“{_short(t.claim.clause, 60)}” (brought by the set {t.via}: {words(t.matches)})"
    if t.how is TieKind.ADMINISTRATIVE:
        return "review date of the new log entry"
    return "punctuation only"


def what_changed(e: Edit, n: int = 110) -> str:
    """An unexplained change in one line, old → new: its redline (``[-500-] {+400+}``) or its text, and its
    labels (``» dose limit changed 500 mcg/m² → 400 mcg/m² (more restrictive)``)."""
    what = _short(redline_text(e) if e.redline else (e.new_text or e.old_text), n)
    labels = "; ".join(str(lb) for lb in e.labels)
    return f"{what} » {labels}" if labels else what


def _miss(m: Miss) -> str:
    """Why an undocumented change found no clause."""
    if m.claim is None:
        return f"no candidate clause: {m.reason}"
    return f"closest “{_short(m.claim.clause, 60)}”: {m.reason}"


def render_audit_text(report: AuditReport, reference: str = "", *, explain: bool = False) -> str:
    """Per step: the claims, each change with the clause that explains it, then what is unexplained.

    ``explain``: under each undocumented change and unbacked claim, the closest
    candidate and why it was not enough.
    """
    out = [f"audit of {reference}" if reference else "audit"]
    for p in report.pairs:
        out.append("")
        out.append(
            f"{p.old.isoformat()} → {p.new.isoformat()}: {summary_line(p.script)}, "
            f"{len(p.claims)} claim(s) in {len(p.script.log_added)} new log entr"
            f"{'y' if len(p.script.log_added) == 1 else 'ies'}"
        )
        for t in p.ties:
            e = t.edit
            where = _where(e.new_id or e.old_id, e.kind, e.table, e.key)
            out.append(f"  ok            {e.kind} {where}: {evidence(t)}")
        for e, m in zip(p.undocumented, p.change_misses, strict=True):
            where = _where(e.new_id or e.old_id, e.kind, e.table, e.key)
            out.append(f"  UNDOCUMENTED  {e.kind} {where}: {what_changed(e)}")
            if explain:
                out.append(f"                  why: {_miss(m)}")
        for c, m in zip(p.unbacked, p.claim_misses, strict=True):
            out.append(f"  UNBACKED      ({c.date}) {_short(c.clause)}")
            if explain:
                closest = f"closest change {m.edit.kind} {m.edit.new_id or m.edit.old_id}: " if m.edit else ""
                out.append(f"                  why: {closest}{m.reason}")
        if p.unread:
            out.append(f"  READ IN PART  {partial_line(p)}")
            for region in p.unread:
                out.append(f"                  {_short(region, 150)}")
            if explain:
                for e in p.set_aside:
                    where = _where(e.new_id or e.old_id, e.kind, e.table, e.key)
                    out.append(f"                  set aside: {e.kind} {where}: {_short(e.new_text or e.old_text, 70)}")
                for c in p.unchecked:
                    out.append(f"                  not checked: ({c.date}) {_short(c.clause, 70)}")
    if report.out_of_order:
        out.append("")
        out.append("revision-log entries out of date order:")
        for o in report.out_of_order:
            out.append(f"  {o.date.isoformat()} listed after {o.after.isoformat()}: {_short(o.entry, 70)}")
    out.append("")
    undoc = sum(len(p.undocumented) for p in report.pairs)
    unbacked = sum(len(p.unbacked) for p in report.pairs)
    verdict = "clean" if report.clean else "UNEXPLAINED"
    partial = f", {report.partial} step(s) with a version read in part" if report.partial else ""
    out.append(
        f"{verdict}: {undoc} undocumented change(s), {unbacked} unbacked claim(s), "
        f"{len(report.out_of_order)} out-of-order date(s){partial}"
    )
    return "\n".join(out) + "\n"


def partial_line(p: PairAudit) -> str:
    """The one finding of a step with a version read in part: what was set aside rather than reported."""
    return (
        f"a version of this step was read in part (stored with --recover): {len(p.set_aside)} change(s) inserting, "
        f"deleting or moving text and {len(p.unchecked)} claim(s) set aside — its reading may have made them; "
        "fix the reading, then audit again"
    )


def _claim(c: Claim | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"date": c.date.isoformat() if c.date else None, "entry": c.entry, "clause": c.clause}


def _matches(ms: tuple[Match, ...]) -> list[dict[str, Any]]:
    """The evidence of a tie: per term, the words of the clause and the words of the change it was read from."""
    return [{"term": m.term, "clause": list(m.clause), "change": list(m.change)} for m in ms]


def audit_to_dict(report: AuditReport, reference: str = "") -> dict[str, Any]:
    return {
        "reference": reference,
        "clean": report.clean,
        "steps": [
            {
                "from": p.old.isoformat(),
                "to": p.new.isoformat(),
                "changes": len(p.script.changes),
                "renumbers": len(p.script.renumbers),
                "claims": [_claim(c) for c in p.claims],
                "ties": [
                    {
                        "edit": edit_to_dict(t.edit),
                        "claim": _claim(t.claim),
                        "how": t.how,
                        "shared": list(t.shared),
                        "evidence": _matches(t.matches),
                        "via": t.via,
                    }
                    for t in p.ties
                ],
                "undocumented": [
                    {
                        **edit_to_dict(e),
                        "why": m.reason,
                        "closest": _claim(m.claim),
                        "shared": list(m.shared),
                        "evidence": _matches(m.matches),
                    }
                    for e, m in zip(p.undocumented, p.change_misses, strict=True)
                ],
                "unbacked": [
                    {
                        **(_claim(c) or {}),
                        "why": m.reason,
                        "closest": (m.edit.new_id or m.edit.old_id) if m.edit else None,
                        "shared": list(m.shared),
                    }
                    for c, m in zip(p.unbacked, p.claim_misses, strict=True)
                ],
                **(
                    {
                        "read_in_part": {
                            "unread": list(p.unread),
                            "set_aside": [edit_to_dict(e) for e in p.set_aside],
                            "unchecked": [_claim(c) for c in p.unchecked],
                        }
                    }
                    if p.unread
                    else {}
                ),
            }
            for p in report.pairs
        ],
        "out_of_order": [
            {"date": o.date.isoformat(), "after": o.after.isoformat(), "entry": o.entry} for o in report.out_of_order
        ],
    }


def render_audit_json(report: AuditReport, reference: str = "") -> str:
    return json.dumps(audit_to_dict(report, reference), indent=2, ensure_ascii=False) + "\n"
