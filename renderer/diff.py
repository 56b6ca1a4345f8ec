"""Render an :class:`~policyvc.history.diff.EditScript` as plain text, Markdown or JSON.

Text is colour-free: ``[-removed-]`` and ``{+added+}`` mark the redline (as
``git diff --word-diff`` does).  Markdown uses CriticMarkup (``{--…--}``,
``{++…++}``) which pymdownx.critic renders.  JSON is a documented structure with
a fixed key order (``edit_to_dict``), deterministic byte for byte.

Renumbers are listed apart from the real changes: ``3 changes, 2 renumbers``.  One text read in two shapes (a
table against its cells, rows cut elsewhere: :class:`~policyvc.history.diff.Reread`) is no change: listed last,
under *read differently, same words*, and in JSON under ``rereads``, never counted as a change.
"""

from __future__ import annotations

import json
from typing import Any

from policyvc.history.diff import Edit, EditKind, EditScript, Reread
from policyvc.parser.walk import ROW_KINDS

JSON_VERSION = 1


def summary_line(script: EditScript) -> str:
    """``3 changes, 2 renumbers`` (and ``no changes`` for an empty script)."""
    changes, renumbers = len(script.changes), len(script.renumbers)
    if not changes and not renumbers:
        return "no changes"
    text = f"{changes} change{'s' if changes != 1 else ''}"
    return text + f", {renumbers} renumber{'s' if renumbers != 1 else ''}"


def _where(e: Edit) -> str:
    if e.kind.is_row or (e.kind is EditKind.MOVE and e.node in ROW_KINDS and e.key):
        return f"{e.table} [{e.key}]"
    if e.old_id and e.new_id and e.old_id != e.new_id:
        return f"{e.old_id} → {e.new_id}"
    return e.new_id or e.old_id or "?"


def move_place(e: Edit) -> str:
    """Where a move took its node: ``within PARENT`` (put elsewhere among its siblings: two items swapped, a row put
    at the top of its table, a section put after another) or ``from OLD to NEW``."""
    if e.old_parent == e.new_parent:
        return f"within {e.new_parent}"
    return f"from {e.old_parent} to {e.new_parent}"


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
        lines.append(f"{head}: {move_place(e)}{extra}")
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
    if script.rereads:
        out.append("")
        out.append("read differently, same words (no change):")
        for x in script.rereads:
            out.extend("  " + line for line in _reread_lines(x))
    if script.log_added:
        out.append("")
        out.append("new revision-log entries:")
        for entry in script.log_added:
            date = entry.date.isoformat() if entry.date else "undated"
            out.append(f"  {date}  {' '.join(entry.description.split())}")
    return "\n".join(out) + "\n"


def _reread_where(ids: tuple[str, ...]) -> str:
    return ids[0] if len(ids) == 1 else f"{ids[0]} … {ids[-1]} ({len(ids)} nodes)"


def _reread_lines(x: Reread) -> list[str]:
    """A reread: where it stands in each version, then each version's lines (``-`` old, ``+`` new)."""
    lines = [f"{'reread':<10} {x.words} words {_reread_where(x.old_ids)} → {_reread_where(x.new_ids)}"]
    lines.extend(f"{'':>22}- {line}" for line in x.old_lines)
    lines.extend(f"{'':>22}+ {line}" for line in x.new_lines)
    return lines


def reread_to_dict(x: Reread) -> dict[str, Any]:
    """One text read in two shapes as JSON: ``kind`` (``reread``), ``old_ids`` / ``new_ids`` (the nodes of each
    version), ``old_lines`` / ``new_lines`` (their text, one ``marker text`` line a node), ``old_size`` /
    ``new_size`` (the nodes it accounts for that are not matched), ``words`` (the words both hold, in order)."""
    return {
        "kind": "reread",
        "old_ids": list(x.old_ids),
        "new_ids": list(x.new_ids),
        "old_lines": list(x.old_lines),
        "new_lines": list(x.new_lines),
        "old_size": x.old_size,
        "new_size": x.new_size,
        "words": x.words,
    }


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
                place = f"within `{e.new_parent}`" if e.old_parent == e.new_parent else f"from `{e.old_parent}`"
                place += "" if e.old_parent == e.new_parent else f" to `{e.new_parent}`"
                body = f"{place}: {_md_escape(e.new_text or '')}"
            else:
                body = _md_escape(e.new_text or e.old_text or "")
            out.append(f"- **{e.kind}** {e.node} `{where}`: {body}")
            out.extend(f"  - {_md_escape(c)}" for c in e.content)
            if e.labels:
                out.append(f"  - *{_md_escape(_labels(e))}*")
        out.append("")
    if script.rereads:
        out.extend(["### Read differently, same words (no change)", ""])
        for x in script.rereads:
            where = f"{_reread_where(x.old_ids)} → {_reread_where(x.new_ids)}".replace("`", "'")
            out.append(f"- **reread** {x.words} words `{where}`")
            out.extend(f"  - {_md_escape(line)}" for line in x.new_lines)
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
    """The JSON document: ``{version, reference, from, to, summary, edits, log_added, rereads}`` (``rereads``: one
    text read in two shapes, no change and not in ``summary``)."""
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
        "rereads": [reread_to_dict(x) for x in script.rereads],
    }


def render_json(script: EditScript, *, reference: str = "", old: str = "", new: str = "") -> str:
    """Deterministic JSON (insertion key order, two-space indent, UTF-8 kept)."""
    doc = script_to_dict(script, reference=reference, old=old, new=new)
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
