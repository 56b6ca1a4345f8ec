"""Render blame reports as plain text or deterministic JSON."""

from __future__ import annotations

import json
from typing import Any

from policyvc.history.blame import BlameReport, Origin


def _short(text: str | None, n: int = 90) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


UNDOCUMENTED = "UNDOCUMENTED: no revision-log entry explains this change (see `policyvc audit`)"


def _origin(o: Origin) -> str:
    if o.undocumented:
        return f"{o.date.isoformat()} ({UNDOCUMENTED})"
    return f"{o.date.isoformat()} ({_short(o.entry, 50) if o.entry else 'present since the first stored version'})"


def render_blame_text(report: BlameReport) -> str:
    """One line per set / criterion: since (the version that introduced it), last reworded, the criterion indented.

    What the first stored version holds is "present since the first stored version": when it was introduced is
    not known.
    """
    out = [f"blame of {report.reference} as of {report.version.isoformat()}", ""]
    out.append(f"{'since':<10}  {'reworded':<10}  {'id':<14} criterion")
    for line in report.lines:
        intro = line.introduced.date.isoformat()
        changed = line.changed.date.isoformat() if line.changed != line.introduced else "          "
        marker = f"{line.marker}. " if line.marker else ""
        flag = "  [undocumented]" if line.changed.undocumented else ""
        out.append(f"{intro}  {changed}  {line.id:<14} {'  ' * line.depth}{marker}{_short(line.text, 70)}{flag}")
    entries = sorted(
        {(o.date, o.entry, o.undocumented) for ln in report.lines for o in (ln.introduced, ln.changed)},
        key=lambda x: (x[0], x[2], x[1] or ""),
    )
    out.append("")
    out.append("versions:")
    for date, entry, undocumented in entries:
        if undocumented:
            what = UNDOCUMENTED
        else:
            what = (
                _short(entry, 100) if entry else "present since the first stored version (introduced on or before it)"
            )
        out.append(f"  {date.isoformat()}  {what}")
    return "\n".join(out) + "\n"


def render_blame_json(report: BlameReport) -> str:
    def origin(o: Origin) -> dict[str, Any]:
        return {"date": o.date.isoformat(), "entry": o.entry, "undocumented": o.undocumented}

    doc = {
        "reference": report.reference,
        "version": report.version.isoformat(),
        "lines": [
            {
                "id": ln.id,
                "kind": ln.kind,
                "marker": ln.marker,
                "text": ln.text,
                "introduced": origin(ln.introduced),
                "changed": origin(ln.changed),
            }
            for ln in report.lines
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
