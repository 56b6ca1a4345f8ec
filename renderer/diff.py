"""Render an :class:`~policyvc.history.diff.EditScript` as plain text, Markdown or JSON.

Text is colour-free: ``[-removed-]`` and ``{+added+}`` mark the redline (as
``git diff --word-diff`` does).  Markdown uses CriticMarkup (``{--…--}``,
``{++…++}``) which pymdownx.critic renders.  JSON is a documented structure with
a fixed key order (``edit_to_dict``), deterministic byte for byte.

Renumbers are listed apart from the real changes: ``3 changes, 2 renumbers``.
"""

from __future__ import annotations

import json
from typing import Any

from policyvc.history.diff import Edit, EditKind, EditScript

JSON_VERSION = 1


def summary_line(script: EditScript) -> str:
    """``3 changes, 2 renumbers`` (and ``no changes`` for an empty script)."""
    changes, renumbers = len(script.changes), len(script.renumbers)
    if not changes and not renumbers:
        return "no changes"
    text = f"{changes} change{'s' if changes != 1 else ''}"
    return text + f", {renumbers} renumber{'s' if renumbers != 1 else ''}"


def _where(e: Edit) -> str:
    if e.kind.is_row:
        return f"{e.table} [{e.key}]"
    if e.old_id and e.new_id and e.old_id != e.new_id:
        return f"{e.old_id} → {e.new_id}"
    return e.new_id or e.old_id or "?"


def _marker(m: str | None) -> str:
    return m or "—"


def redline_text(
    e: Edit, open_del: str = "[-", close_del: str = "-]", open_ins: str = "{+", close_ins: str = "+}"
) -> str:
    parts = []
    for op, text in e.redline:
        if op == "=":
            parts.append(text)
        elif op == "-":
            parts.append(f"{open_del}{text}{close_del}")
        else:
            parts.append(f"{open_ins}{text}{close_ins}")
    return " ".join(parts)


def _labels(e: Edit) -> str:
    return "; ".join(str(label) for label in e.labels)


def _edit_lines(e: Edit) -> list[str]:
    head = f"{e.kind:<10} {e.node:<10} {_where(e)}"
    lines = []
    if e.kind.is_insert:
        lines.append(f"{head}: {e.new_text}")
        lines.extend(f"{'':>22}+ {c}" for c in e.content)
    elif e.kind.is_delete:
        lines.append(f"{head}: {e.old_text}")
        lines.extend(f"{'':>22}- {c}" for c in e.content)
    elif e.kind is EditKind.RENUMBER:
        lines.append(f"{head}: {_marker(e.old_marker)} → {_marker(e.new_marker)}  {e.new_text}")
    elif e.kind is EditKind.MOVE:
        extra = f", {_marker(e.old_marker)} → {_marker(e.new_marker)}" if e.old_marker != e.new_marker else ""
        lines.append(f"{head}: from {e.old_parent} to {e.new_parent}{extra}")
        lines.append(f"{'':>22}{redline_text(e) if e.redline else e.new_text}")
    else:
        extra = f" ({_marker(e.old_marker)} → {_marker(e.new_marker)})" if e.old_marker != e.new_marker else ""
        lines.append(f"{head}{extra}: {redline_text(e)}")
    if e.labels:
        lines.append(f"{'':>22}» {_labels(e)}")
    return lines


def render_text(script: EditScript, title: str = "") -> str:
    """A readable, colour-free listing: summary line, changes, renumbers apart, new log entries."""
    out = [f"{title}: {summary_line(script)}" if title else summary_line(script)]
    changes, renumbers = script.changes, script.renumbers
    if changes:
        out.append("")
        out.append("changes:")
        for e in changes:
            out.extend("  " + line for line in _edit_lines(e))
    if renumbers:
        out.append("")
        out.append("renumbers (markers changed only because of neighbouring edits):")
        for e in renumbers:
            out.extend("  " + line for line in _edit_lines(e))
    if script.log_added:
        out.append("")
        out.append("new revision-log entries:")
        for entry in script.log_added:
            date = entry.date.isoformat() if entry.date else "undated"
            out.append(f"  {date}  {' '.join(entry.description.split())}")
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_{}[]<>#|" else ch for ch in text)


def render_markdown(script: EditScript, title: str = "") -> str:
    """Markdown with CriticMarkup redlines; renumbers in their own section."""
    out = [f"## {_md_escape(title)}" if title else "## Diff", "", f"**{summary_line(script)}**", ""]
    for heading, edits in (("Changes", script.changes), ("Renumbers", script.renumbers)):
        if not edits:
            continue
        out.extend([f"### {heading}", ""])
        for e in edits:
            where = _where(e).replace("`", "'")  # shown in a code span, where escapes would be literal
            if e.redline:
                body = " ".join(
                    _md_escape(t)
                    if op == "="
                    else (f"{{--{_md_escape(t)}--}}" if op == "-" else f"{{++{_md_escape(t)}++}}")
                    for op, t in e.redline
                )
            elif e.kind is EditKind.RENUMBER:
                body = f"{_marker(e.old_marker)} → {_marker(e.new_marker)}: {_md_escape(e.new_text or '')}"
            elif e.kind is EditKind.MOVE:
                body = f"from `{e.old_parent}` to `{e.new_parent}`: {_md_escape(e.new_text or '')}"
            else:
                body = _md_escape(e.new_text or e.old_text or "")
            out.append(f"- **{e.kind}** {e.node} `{where}`: {body}")
            out.extend(f"  - {_md_escape(c)}" for c in e.content)
            if e.labels:
                out.append(f"  - *{_md_escape(_labels(e))}*")
        out.append("")
    if script.log_added:
        out.extend(["### New revision-log entries", ""])
        for entry in script.log_added:
            date = entry.date.isoformat() if entry.date else "undated"
            out.append(f"- {date}: {_md_escape(' '.join(entry.description.split()))}")
        out.append("")
    return "\n".join(out)


def edit_to_dict(e: Edit) -> dict[str, Any]:
    """One edit as JSON: always the same keys in the same order (``null`` where not applicable).

    ``kind`` (insert, delete, update, move, renumber, row-insert, row-delete,
    row-update); ``node`` (criterion, set, note, duration, state, alternative,
    dosing, hcpcs, reference, product, paragraph, field …); ``old_id`` /
    ``new_id`` (stable ids such as ``I.A.4.b``); ``old_marker`` / ``new_marker``;
    ``old_text`` / ``new_text``; ``redline`` (``[{op: "=" | "-" | "+", text}]``);
    ``old_parent`` / ``new_parent`` (moves, inserts, deletes); ``table`` / ``key``
    (row edits: ``Appendix E`` / ``IN``); ``labels`` (``[{name, direction, old,
    new}]``); ``content`` (lines of an inserted / deleted subtree); ``size``.
    """
    return {
        "kind": e.kind.value,
        "node": e.node.value,
        "old_id": e.old_id,
        "new_id": e.new_id,
        "old_marker": e.old_marker,
        "new_marker": e.new_marker,
        "old_text": e.old_text,
        "new_text": e.new_text,
        "redline": [{"op": op, "text": t} for op, t in e.redline],
        "old_parent": e.old_parent,
        "new_parent": e.new_parent,
        "table": e.table,
        "key": e.key,
        "labels": [{"name": lb.name, "direction": lb.direction.value, "old": lb.old, "new": lb.new} for lb in e.labels],
        "content": list(e.content),
        "size": e.size,
    }


def script_to_dict(script: EditScript, *, reference: str = "", old: str = "", new: str = "") -> dict[str, Any]:
    """The JSON document: ``{version, reference, from, to, summary, edits, log_added}``."""
    return {
        "version": JSON_VERSION,
        "reference": reference,
        "from": old,
        "to": new,
        "summary": {"changes": len(script.changes), "renumbers": len(script.renumbers), **script.counts()},
        "edits": [edit_to_dict(e) for e in script.edits],
        "log_added": [
            {"date": e.date.isoformat() if e.date else None, "description": " ".join(e.description.split())}
            for e in script.log_added
        ],
    }


def render_json(script: EditScript, *, reference: str = "", old: str = "", new: str = "") -> str:
    """Deterministic JSON (insertion key order, two-space indent, UTF-8 kept)."""
    doc = script_to_dict(script, reference=reference, old=old, new=new)
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
