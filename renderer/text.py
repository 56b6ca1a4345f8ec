"""Render the AST back to canonical policy text.

Canonical text is the normalised form the grammar reads: one line per
criterion, no export artifacts, blank lines between paragraphs, tables as
tab-separated rows (a cell's further paragraphs on continuation rows whose key
cell is empty).  ``parse_text(render_text(p)) == p`` for every parsed policy.
"""

from __future__ import annotations

import datetime as dt

from policyvc.parser.nesting import LADDER
from policyvc.parser.nodes import (
    Block,
    Bullets,
    Cell,
    CriteriaSet,
    Criterion,
    Note,
    Paragraph,
    Policy,
    Table,
    YearMonth,
    iter_criteria,
)


def _mmddyy(d: dt.date) -> str:
    return f"{d.month:02d}.{d.day:02d}.{d.year % 100:02d}"


def _mmyy(m: YearMonth | dt.date) -> str:
    if isinstance(m, dt.date):
        return _mmddyy(m)
    return f"{m.month:02d}.{m.year % 100:02d}"


def _rows(cells: tuple[Cell, ...], key_col: int) -> list[str]:
    depth = max((len(c) for c in cells), default=1) or 1
    lines = []
    for k in range(depth):
        line = [c[k] if k < len(c) else "" for c in cells]
        if k > 0:
            line[key_col] = ""
        lines.append("\t".join(line))
    return lines


def _table(t: Table, key_col: int = 0) -> list[str]:
    out = ["\t".join(t.header)]
    for row in t.rows:
        out.extend(_rows(row.cells, key_col))
    return out


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out += [b.text, ""]
        elif isinstance(b, Bullets):
            out += [f"- {item}" for item in b.items] + [""]
        elif isinstance(b, Table):
            out += [*_table(b), ""]
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {type(b).__name__}")
    return out


def _marker(node: Criterion, depth: int) -> str:
    style = LADDER[depth % len(LADDER)][1]
    return f"({node.marker})" if style == "()" else f"{node.marker}{style}"


def _notes_by_anchor(s: CriteriaSet) -> dict[str, list[Note]]:
    """Every note of a set, keyed by the line it was written under, in source order."""
    by_anchor: dict[str, list[Note]] = {}
    for note in (*s.notes, *(n for c in iter_criteria(s.criteria) for n in c.notes)):
        by_anchor.setdefault(note.anchor, []).append(note)
    for notes in by_anchor.values():
        notes.sort(key=lambda n: n.index)
    return by_anchor


def _criterion(node: Criterion, depth: int, notes: dict[str, list[Note]], out: list[str]) -> None:
    out.append(f"{_marker(node, depth)} {node.text}{node.footnote}")
    out.extend(f"*{n.text}" for n in notes.get(node.id, ()))
    for child in node.children:
        _criterion(child, depth + 1, notes, out)


def _set(s: CriteriaSet, out: list[str]) -> None:
    head = f"{s.letter}. {s.title}"
    if s.off_label:
        head += " (off-label)"
    if s.rule is not None:
        head += f" (must meet {s.rule.text})"
    if s.off_label or s.rule is not None:
        head += ":"
    out += [head, ""]
    notes = _notes_by_anchor(s)
    out.extend(f"*{n.text}" for n in notes.get(s.id, ()))
    for c in s.criteria:
        _criterion(c, 0, notes, out)
    if s.criteria or s.notes:
        out.append("")
    durations = list(s.durations)
    if s.duration_heading:
        if durations and not durations[0].lines_of_business:
            out.append(f"Approval duration: {durations.pop(0).text}")
        else:
            out.append("Approval duration:")
    for d in durations:
        out.append(f"{'/'.join(d.lines_of_business)} – {d.text}")
    if s.durations:
        out.append("")


def render_text(policy: Policy) -> str:
    """The canonical text of ``policy``."""
    h = policy.header
    out = [f"Clinical Policy: {h.title}", f"Reference Number: {h.reference_number}"]
    if h.effective_date:
        out.append(f"Effective Date: {_mmddyy(h.effective_date)}")
    if h.last_review:
        out.append(f"Last Review Date: {_mmyy(h.last_review)}")
    if h.lines_of_business:
        out.append(f"Line of Business: {', '.join(h.lines_of_business)}")
    out.append("")
    for extra in h.extras:
        out += [extra, ""]
    out += ["Description", "", *_blocks(policy.description)]
    if policy.indications_intro or policy.indications:
        out += ["FDA Approved Indication(s)", "", *_blocks(policy.indications_intro)]
        if policy.indications:
            out += [*(f"- {i}" for i in policy.indications), ""]
    if policy.criteria_intro:
        out += ["Policy/Criteria", "", *_blocks(policy.criteria_intro)]
    for sec in policy.sections:
        out += [f"{sec.id}. {sec.title}", ""]
        for s in sec.sets:
            _set(s, out)
    if policy.appendices or policy.appendices_intro:
        out += ["IV. Appendices/General Information", "", *_blocks(policy.appendices_intro)]
        for app in policy.appendices:
            out += [f"Appendix {app.letter}: {app.title}", "", *_blocks(app.blocks)]
    if policy.dosing_blocks:
        out += ["V. Dosage and Administration", "", *_blocks(policy.dosing_blocks)]
    if policy.availability:
        out += ["VI. Product Availability", ""]
        for product in policy.availability:
            out += [product.text, ""]
    if policy.references:
        out += ["VII. References", ""]
        out += [f"{r.number}. {r.text}" for r in policy.references]
        out.append("")
    if policy.coding_intro or policy.hcpcs:
        out += ["Coding Implications", "", *_blocks(policy.coding_intro)]
        if policy.hcpcs:
            out += ["HCPCS Codes\tDescription", *(f"{c.code}\t{c.description}" for c in policy.hcpcs), ""]
    out.append("Reviews, Revisions, and Approvals\tDate\tP&T Approval Date")
    for e in policy.revision_log:
        date = _mmddyy(e.date) if e.date else ""
        pt = _mmyy(e.pt_approval) if e.pt_approval else ""
        out.append(f"{e.description}\t{date}\t{pt}")
    out.append("")
    if policy.reminder:
        out += ["Important Reminder", "", *_blocks(policy.reminder)]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
