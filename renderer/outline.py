"""The outline: one line per node, ``ID<TAB>KIND<TAB>TEXT``, ids from the one walk.

KIND is the connective for groups (``all``, ``any``, ``both``, ``none``,
``atleast2``), the criterion type for leaves (``dose-limit``, ``judgment`` …) and
the node kind elsewhere (``section``, ``set:all``, ``note``, ``state`` …).  TEXT
is the node's normalised text on one line.  Structural containers (the policy
root and its parts: ``header``, ``IV`` …) have no line of their own, except a
part a family policy opens with a heading: a ``heading`` line under the part's
id, the heading as written (``IV<TAB>heading<TAB>IV. Appendices/General
Information``); a plan's own section's ``heading`` line has its numeral too
(``Monitoring<TAB>heading<TAB>VII. Monitoring``).  Empty header dates are left
out.  The format is stable: golden files are compared against it.
"""

from __future__ import annotations

from collections.abc import Iterator

from policyvc.parser.nodes import (
    Alternative,
    Appendix,
    ApprovalDuration,
    Bullet,
    Connective,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    DosingRow,
    HcpcsCode,
    Note,
    Paragraph,
    Policy,
    Product,
    Reference,
    RevisionEntry,
    Row,
    Section,
    StateRule,
    Table,
)
from policyvc.parser.walk import Abbreviation, Field, Generator, Visit

_FIELD_KINDS = {
    "title": "title",
    "reference": "reference",
    "effective": "date",
    "review": "date",
    "lob": "lines-of-business",
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def connective_label(connective: Connective, at_least: int | None) -> str:
    if (
        connective is Connective.ATLEAST
    ):  # (a rule whose N the text does not count: ``atleast`` alone, never ``atleastNone``)
        return "atleast" if at_least is None else f"atleast{at_least}"
    return connective.value


def criterion_kind(node: Criterion) -> str:
    """The KIND column of a criterion: its connective if a group, ``list`` for items the text states no
    connective for (``The following procedures are considered investigational:``), else its type."""
    if node.connective is not None:
        return connective_label(node.connective, node.at_least)
    return "list" if node.children else node.type.value


def set_kind(s: CriteriaSet) -> str:
    """The KIND column of a set: ``set``, ``set:all``, ``set:any(1,2)`` …"""
    kind = "set" if s.rule is None else f"set:{connective_label(s.rule.connective, s.rule.at_least)}"
    if s.rule and s.rule.of:
        kind += "(" + ",".join(s.rule.of) + ")"
    return kind


def cells(*parts: tuple[str, ...] | str) -> str:
    """Table cells on one line: ``a | b / c``."""
    return " | ".join(p if isinstance(p, str) else " / ".join(p) for p in parts)


class _Outline(Generator):
    def __init__(self, headings: dict[str, str] | None = None) -> None:
        self.rows: list[tuple[str, str, str]] = []
        self.headings = headings or {}  # a family policy's headings as written, by the id of what they open

    def emit(self, v: Visit, kind: str, text: str) -> None:
        self.rows.append((v.id, kind, text))

    def visit_policy(self, v: Visit) -> None:
        pass  # a container: no line of its own

    def visit_part(self, v: Visit) -> None:
        if v.id in self.headings:  # (a family policy's part: its heading as written, under the part's id)
            self.emit(v, "heading", self.headings[v.id])

    def visit_field(self, v: Visit) -> None:
        assert isinstance(v.node, Field)
        kind = _FIELD_KINDS.get(v.node.name, "field")
        if v.node.value or kind not in ("date", "field"):
            self.emit(v, kind, v.node.value)

    def visit_paragraph(self, v: Visit) -> None:
        assert isinstance(v.node, Paragraph)
        self.emit(v, "paragraph", v.node.text)

    def visit_bullet(self, v: Visit) -> None:
        assert isinstance(v.node, Bullet)
        self.emit(v, "bullet", v.node.text)

    def visit_table(self, v: Visit) -> None:
        assert isinstance(v.node, Table)
        self.emit(v, "table", cells(*v.node.header))

    def visit_row(self, v: Visit) -> None:
        assert isinstance(v.node, Row)
        self.emit(v, "row", cells(*v.node.cells))

    def visit_indication(self, v: Visit) -> None:
        assert isinstance(v.node, str)
        self.emit(v, "indication", v.node)

    def visit_heading(self, v: Visit) -> None:
        assert isinstance(v.node, Section)
        self.emit(v, "heading", self.headings.get(v.id, v.node.title))

    def visit_section(self, v: Visit) -> None:
        assert isinstance(v.node, CriteriaSection)
        self.emit(v, "section", v.node.title)

    def visit_set(self, v: Visit) -> None:
        s = v.node
        assert isinstance(s, CriteriaSet)
        inferred = " (nesting inferred)" if s.inferred else ""  # (read from lines whose markers were lost: a guess)
        self.emit(v, set_kind(s), s.title + (" (off-label)" if s.off_label else "") + inferred)

    def visit_criterion(self, v: Visit) -> None:
        c = v.node
        assert isinstance(c, Criterion)
        self.emit(v, criterion_kind(c), c.text + c.footnote)

    def visit_note(self, v: Visit) -> None:
        assert isinstance(v.node, Note)
        self.emit(v, "note", v.node.text)

    def visit_duration(self, v: Visit) -> None:
        assert isinstance(v.node, ApprovalDuration)
        self.emit(v, "duration", f"{v.key}: {v.node.text}")

    def visit_appendix(self, v: Visit) -> None:
        assert isinstance(v.node, Appendix)
        self.emit(v, "appendix", v.node.title)

    def visit_abbreviation(self, v: Visit) -> None:
        assert isinstance(v.node, Abbreviation)
        self.emit(v, "abbreviation", f"{v.node.abbreviation}: {v.node.meaning}")

    def visit_alternative(self, v: Visit) -> None:
        alt = v.node
        assert isinstance(alt, Alternative)
        self.emit(v, "alternative", cells(alt.drug, alt.regimen, alt.maximum))

    def visit_state(self, v: Visit) -> None:
        st = v.node
        assert isinstance(st, StateRule)
        flag = ("Yes" if st.prohibited else "No") + (f" {st.mark}" if st.mark else "")
        self.emit(v, "state", f"{flag} | {st.notes}")

    def visit_dosing(self, v: Visit) -> None:
        row = v.node
        assert isinstance(row, DosingRow)
        self.emit(v, "dosing", cells(row.indication, row.regimen, row.maximum))

    def visit_product(self, v: Visit) -> None:
        assert isinstance(v.node, Product)
        self.emit(v, "product", v.node.text)

    def visit_reference(self, v: Visit) -> None:
        assert isinstance(v.node, Reference)
        self.emit(v, "reference", v.node.text)

    def visit_hcpcs(self, v: Visit) -> None:
        assert isinstance(v.node, HcpcsCode)
        self.emit(v, "hcpcs", v.node.description)

    def visit_revision(self, v: Visit) -> None:
        e = v.node
        assert isinstance(e, RevisionEntry)
        date = e.date.isoformat() if e.date else "undated"
        pt = f" (P&T {e.pt_approval})" if e.pt_approval else ""
        self.emit(v, "revision", f"{date}{pt}: {e.description}")


def outline_rows(policy: Policy) -> Iterator[tuple[str, str, str]]:
    """Every node of ``policy`` that has text, as (id, kind, text), in document order."""
    gen = _Outline({h.id: h.heading for h in policy.headings})
    gen.run(policy)
    return iter(gen.rows)


def render_outline(policy: Policy) -> str:
    """The outline as text, one ``ID<TAB>KIND<TAB>TEXT`` line per node."""
    return "".join(f"{i}\t{k}\t{_one_line(t)}\n" for i, k, t in outline_rows(policy))
