"""The reporters of ``policyvc check``: the verdict on a draft as text for people or JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from policyvc.check import CheckReport, Filing


def _headline(r: CheckReport) -> str:
    key = f"{r.reference} @ {r.date.isoformat()}"
    if r.filing is Filing.FIRST:
        return f"{r.draft}: {key} would be the first stored version of {r.reference} (nothing to compare with)"
    assert r.base is not None
    against = f"compared with the newest stored version {r.reference} @ {r.base.isoformat()}"
    if r.filing is Filing.UNCHANGED:
        return f"{r.draft}: {key} is already stored, unchanged; {against}"
    if r.filing is Filing.REFUSED:
        return f"{r.draft}: {key} would be REFUSED by ingest; {against}"
    if r.date < r.base:
        return f"{r.draft}: {key} would be filed as a version dated before the newest; {against}"
    return f"{r.draft}: {key} would be filed as a new version; {against}"


def render_text(r: CheckReport) -> str:
    """The report people read: what filing would do, why not, the diff, the audit, the decisions that change."""
    from policyvc.renderer.audit import render_audit_text
    from policyvc.renderer.diff import render_text as render_diff

    out = [_headline(r)]
    if r.refusal:
        out.append(f"  refused: {r.refusal}")
    out += [f"  warning: {w}" for w in r.warnings]
    text = "\n".join(out) + "\n"
    if r.script is not None and r.base is not None:
        title = f"{r.reference} {r.base.isoformat()} → draft {r.date.isoformat()}"
        text += "\n" + render_diff(r.script, title)
    if r.audit is not None:
        text += "\n" + render_audit_text(r.audit, r.reference)
    if r.impact is not None and r.base is not None:
        from policyvc.rules.impact import render_text as render_impact

        text += "\n" + render_impact(list(r.impact), f"{r.reference}@{r.base}", f"draft@{r.date}")
    verdict = "findings: fix them before filing" if r.findings else "clean: ready to file with `policyvc ingest`"
    return text + f"\n{verdict}\n"


def to_dict(r: CheckReport) -> dict[str, Any]:
    """The JSON document: ``{draft, reference, date, filing, base, refusal, warnings, findings, diff, audit,
    impact}`` (``null`` where not applicable)."""
    from policyvc.renderer.audit import audit_to_dict
    from policyvc.renderer.diff import script_to_dict

    impact = None
    if r.impact is not None:
        from policyvc.rules.impact import render_json as impact_json

        impact = json.loads(impact_json(list(r.impact)))
    base = r.base.isoformat() if r.base else None
    return {
        "draft": r.draft,
        "reference": r.reference,
        "date": r.date.isoformat(),
        "filing": r.filing.value,
        "base": base,
        "refusal": r.refusal,
        "warnings": list(r.warnings),
        "findings": r.findings,
        "diff": None
        if r.script is None
        else script_to_dict(r.script, reference=r.reference, old=base or "", new=r.date.isoformat()),
        "audit": None if r.audit is None else audit_to_dict(r.audit, r.reference),
        "impact": impact,
    }


def render_json(r: CheckReport) -> str:
    return json.dumps(to_dict(r), indent=2, ensure_ascii=False) + "\n"
