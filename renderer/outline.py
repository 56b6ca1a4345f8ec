"""The outline: one line per node, ``ID<TAB>KIND<TAB>TEXT``.

KIND is the connective for groups (``all``, ``any``, ``both``, ``none``,
``atleast2``), the criterion type for leaves (``dose-limit``, ``judgment`` …) and
the node kind elsewhere (``section``, ``set:all``, ``note``, ``state`` …).  TEXT
is the node's normalised text on one line.  The format is stable: golden files
are compared against it.
"""

from __future__ import annotations

from collections.abc import Iterator

from policyvc.parser.nodes import (
    Block,
    Bullets,
    Connective,
    CriteriaSet,
    Criterion,
    Paragraph,
    Policy,
    Table,
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def connective_label(connective: Connective, at_least: int | None) -> str:
    if connective is Connective.ATLEAST:
        return f"atleast{at_least}"
    return connective.value


def criterion_kind(node: Criterion) -> str:
    """The KIND column of a criterion: its connective if a group, else its type."""
    if node.connective is not None:
        return connective_label(node.connective, node.at_least)
    return node.type.value


def _blocks(
    prefix: str, blocks: tuple[Block, ...], *, typed_bullets: bool = False, typed_tables: bool = False
) -> Iterator[tuple[str, str, str]]:
    """Blocks as outline rows; bullets or tables that a typed view lists are left to it."""
    counts = {"p": 0, "b": 0, "t": 0}
    for block in blocks:
        if (typed_bullets and isinstance(block, Bullets)) or (typed_tables and isinstance(block, Table)):
            continue
        if isinstance(block, Paragraph):
            counts["p"] += 1
            yield f"{prefix}.p{counts['p']}", "paragraph", block.text
        elif isinstance(block, Bullets):
            counts["b"] += 1
            for i, item in enumerate(block.items, 1):
                yield f"{prefix}.b{counts['b']}.{i}", "bullet", item
        elif isinstance(block, Table):
            counts["t"] += 1
            tid = f"{prefix}.t{counts['t']}"
            yield tid, "table", " | ".join(block.header)
            for i, row in enumerate(block.rows, 1):
                yield f"{tid}.{i}", "row", " | ".join(" / ".join(cell) for cell in row.cells)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {type(block).__name__}")


def _criterion(node: Criterion) -> Iterator[tuple[str, str, str]]:
    yield node.id, criterion_kind(node), node.text + node.footnote
    for i, note in enumerate(node.notes, 1):
        yield f"{node.id}.note{i}", "note", note.text
    for child in node.children:
        yield from _criterion(child)


def _set(s: CriteriaSet) -> Iterator[tuple[str, str, str]]:
    kind = "set" if s.rule is None else f"set:{connective_label(s.rule.connective, None)}"
    if s.rule and s.rule.of:
        kind += "(" + ",".join(s.rule.of) + ")"
    yield s.id, kind, s.title + (" (off-label)" if s.off_label else "")
    for i, note in enumerate(s.notes, 1):
        yield f"{s.id}.note{i}", "note", note.text
    for c in s.criteria:
        yield from _criterion(c)
    for i, d in enumerate(s.durations, 1):
        lobs = "/".join(d.lines_of_business) or "all"
        yield f"{s.id}.duration{i}", "duration", f"{lobs}: {d.text}"


def outline_rows(policy: Policy) -> Iterator[tuple[str, str, str]]:
    """Every node of ``policy`` as (id, kind, text), in document order."""
    h = policy.header
    yield "title", "title", h.title
    yield "reference", "reference", h.reference_number
    if h.effective_date:
        yield "effective", "date", h.effective_date.isoformat()
    if h.last_review:
        yield "review", "date", str(h.last_review)
    yield "lob", "lines-of-business", ", ".join(h.lines_of_business)
    for i, p in enumerate(policy.description, 1):
        yield f"description.p{i}", "paragraph", p.text
    for i, p in enumerate(policy.indications_intro, 1):
        yield f"indications.p{i}", "paragraph", p.text
    for i, item in enumerate(policy.indications, 1):
        yield f"indications.{i}", "indication", item
    for i, p in enumerate(policy.criteria_intro, 1):
        yield f"criteria.p{i}", "paragraph", p.text
    for sec in policy.sections:
        yield sec.id, "section", sec.title
        for s in sec.sets:
            yield from _set(s)
    yield from _blocks("IV", policy.appendices_intro)
    for app in policy.appendices:
        yield app.id, "appendix", app.title
        yield from _blocks(
            app.id, app.blocks, typed_bullets=bool(app.abbreviations),
            typed_tables=bool(app.alternatives or app.states),
        )  # fmt: skip
        for abbr, meaning in app.abbreviations:
            yield f"{app.id}.{abbr}", "abbreviation", f"{abbr}: {meaning}"
        for i, alt in enumerate(app.alternatives, 1):
            yield (
                f"{app.id}.alt{i}",
                "alternative",
                f"{alt.drug} | {' / '.join(alt.regimen)} | {' / '.join(alt.maximum)}",
            )
        for st in app.states:
            flag = ("Yes" if st.prohibited else "No") + (f" {st.mark}" if st.mark else "")
            yield f"{app.id}.{st.state}", "state", f"{flag} | {st.notes}"
    yield from _blocks("V", policy.dosing_blocks, typed_tables=bool(policy.dosing))
    for i, row in enumerate(policy.dosing, 1):
        yield f"V.{i}", "dosing", f"{row.indication} | {' / '.join(row.regimen)} | {' / '.join(row.maximum)}"
    for i, product in enumerate(policy.availability, 1):
        yield f"VI.{i}", "product", product.text
    for ref in policy.references:
        yield f"VII.{ref.number}", "reference", ref.text
    for i, p in enumerate(policy.coding_intro, 1):
        yield f"coding.p{i}", "paragraph", p.text
    for code in policy.hcpcs:
        yield f"coding.{code.code}", "hcpcs", code.description
    for i, e in enumerate(policy.revision_log, 1):
        date = e.date.isoformat() if e.date else "undated"
        pt = f" (P&T {e.pt_approval})" if e.pt_approval else ""
        yield f"log.{i}", "revision", f"{date}{pt}: {e.description}"
    for i, p in enumerate(policy.reminder, 1):
        yield f"reminder.p{i}", "paragraph", p.text


def render_outline(policy: Policy) -> str:
    """The outline as text, one ``ID<TAB>KIND<TAB>TEXT`` line per node."""
    return "".join(f"{i}\t{k}\t{_one_line(t)}\n" for i, k, t in outline_rows(policy))
