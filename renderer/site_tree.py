"""A policy version as site HTML: the criteria tree nested like the policy, one walk, one anchor per node id.

:class:`PolicyBody` is a :class:`~policyvc.parser.walk.Generator` over the one walk: every node kind has its
visit method, so a new kind of node cannot be silently left off the site.  It writes Markdown headings for
the parts, sections, sets and appendices (they make the table of contents) and raw HTML blocks for everything
else, with all policy text escaped by :mod:`policyvc.renderer.escape`.  Every criterion, set, duration, row and
note carries its walk id as HTML ``id`` (``#I.A.4.b``), and notes are written under the criterion they qualify
(``Visit.owner``), not merely under the line they follow.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from policyvc.parser.nodes import (
    AgeFact,
    Alternative,
    Appendix,
    ApprovalDuration,
    Bullet,
    Bullets,
    Connective,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    CriterionType,
    Dose,
    DoseLimitFact,
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
    Span,
    StateRule,
    Table,
    UnreadRegion,
    WeightBandFact,
    iter_criteria,
)
from policyvc.parser.walk import Abbreviation, Generator, NodeKind, Visit, walk
from policyvc.renderer.escape import heading, html, markdown

_ID = re.compile(r' id="([A-Za-z0-9._~-]+)"')
_ATTR_ID = re.compile(r"\{ #([A-Za-z0-9._~-]+) \}")  # attr_list ids: headings and table cells

PART_TITLES = {
    "header": "Header",
    "description": "Description",
    "indications": "FDA approved indications",
    "criteria": "Policy/Criteria",
    "IV": "IV. Appendices",
    "V": "V. Dosage and administration",
    "VI": "VI. Product availability",
    "VII": "VII. References",
    "coding": "Coding implications",
    "log": "Revision log",
    "reminder": "Important reminder",
    "unread": "Not read: further policies of the file",
}

TYPE_LABELS = {
    CriterionType.AGE: "age",
    CriterionType.DOSE_LIMIT: "dose limit",
    CriterionType.WEIGHT_BAND: "weight band",
    CriterionType.PRESCRIBER: "prescriber",
    CriterionType.DIAGNOSIS: "diagnosis",
    CriterionType.STEP_THERAPY: "step therapy",
    CriterionType.CONCURRENT_USE: "concurrent use",
    CriterionType.DOCUMENTATION: "documentation",
    CriterionType.STATE_EXCEPTION: "state exception",
    CriterionType.GUIDELINE_SUPPORTED: "guideline supported",
    CriterionType.POLICY_REFERRAL: "policy referral",
}  # JUDGMENT (a reviewer's judgment) is the untyped default: no tag


def connective_words(connective: Connective, at_least: int | None = None) -> str:
    """A connective written plainly: ``all of``, ``one of``, ``both of``, ``none of``, ``at least 2 of``."""
    if connective is Connective.ATLEAST:
        return f"at least {at_least} of" if at_least is not None else "at least some of"  # (a set's N unwritten)
    return {Connective.ALL: "all of", Connective.ANY: "one of", Connective.BOTH: "both of", Connective.NONE: "none of"}[
        connective
    ]


def dose_text(d: Dose) -> str:
    amount = f"{d.amount:g} {d.unit}" + (f"/{d.per}" if d.per else "")
    parts = [amount, " or ".join(d.routes), d.frequency or "", f"for {d.count} doses" if d.count else ""]
    return " ".join(p for p in parts if p)


def fact_text(c: Criterion) -> str:
    """The typed value read from a criterion's wording, for its tag's tooltip and the dose-limit table."""
    f = c.fact
    if isinstance(f, AgeFact):
        return f"age {f.op} {f.value:g} {f.unit}"
    if isinstance(f, DoseLimitFact):
        return "at most " + dose_text(f.dose) + (" per cycle" if f.per_cycle else "")
    if isinstance(f, WeightBandFact):
        low = f"{f.low:g} kg" if f.low is not None else ""
        high = f"{f.high:g} kg" if f.high is not None else ""
        band = f"{low} to {high}" if low and high else (f"from {low}" if low else f"up to {high}")
        return f"weight {band}: {dose_text(f.dose)}"
    return ""


def span_page(node: object) -> int | None:
    span = getattr(node, "span", None)
    return span.page if isinstance(span, Span) else None


@dataclass(frozen=True, slots=True)
class PageLinks:
    """Where the policy body may link: the source PDF (for page numbers), relative to the page."""

    pdf: str | None = None


def _tag(kind: str, label: str, tip: str = "") -> str:
    tip_attr = f' title="{html(tip)}"' if tip else ""
    return f'<span class="pv-tag pv-tag--{kind}"{tip_attr}>{html(label)}</span>'


class PolicyBody(Generator):
    """The body of a policy page (or a point-in-time page): Markdown headings and raw HTML blocks."""

    def __init__(self, policy: Policy, links: PageLinks) -> None:
        self.links = links
        self.out: list[str] = []
        self.block: list[str] = []  # the open raw HTML block
        self.block_key = ""
        self.tags: list[tuple[str, int]] = []  # the open ("ul" | "li", depth) of the criteria tree or a nested list
        self.bullet_level: dict[str, int] = {}  # list item id -> its level in its list
        self.notes: dict[str, list[Visit]] = defaultdict(list)
        for v in walk(policy):
            if v.kind is NodeKind.NOTE:
                self.notes[v.owner or v.parent or ""].append(v)
        self.set_visit: Visit | None = None
        self.durations: list[str] = []
        self.section_id = ""
        self.ids: frozenset[str] = frozenset()

    # --- output helpers ----------------------------------------------------------------------
    def md(self, *lines: str) -> None:
        self.close()
        self.out.extend(["", *lines, ""])

    def open(self, key: str, opener: str, closer: str) -> None:
        """Start (or continue) the raw HTML block ``key``."""
        if self.block_key == key:
            return
        self.close()
        self.block_key = key
        self.block = [opener, closer]

    def add(self, line: str) -> None:
        self.block.insert(len(self.block) - 1, line)

    def close(self) -> None:
        while self.tags:  # the open <ul>/<li> of a criteria tree
            self.add(f"</{self.tags.pop()[0]}>")
        if self.block:
            self.out.extend(["", *self.block, ""])
        self.block, self.block_key = [], ""

    def nest(self, depth: int) -> None:
        """Open an ``<li>`` at ``depth``: close deeper items and lists, open a list if none is open here."""
        while self.tags:
            tag, d = self.tags[-1]
            if (tag == "li" and d >= depth) or (tag == "ul" and d > depth):
                self.add(f"</{tag}>")
                self.tags.pop()
            else:
                break
        if not self.tags or self.tags[-1] != ("ul", depth):
            self.add("<ul>")
            self.tags.append(("ul", depth))
        self.tags.append(("li", depth))

    def page(self, node: object) -> str:
        page = span_page(node)
        if page is None:
            return ""
        if self.links.pdf:
            href = f"{self.links.pdf}#page={page}"
            return f' <a class="pv-page" href="{href}" title="Page in the source PDF">p. {page}</a>'
        return f' <span class="pv-page" title="Page in the source PDF">p. {page}</span>'

    def anchor(self, node_id: str) -> str:
        return f'<a class="pv-id" href="#{node_id}">{node_id}</a>'

    def end_set(self) -> None:
        """After a set's criteria: its dose limits and approval durations as tables."""
        s_visit = self.set_visit
        if s_visit is None:
            return
        self.set_visit = None
        s = s_visit.node
        assert isinstance(s, CriteriaSet)
        self.close()
        doses = [c for c in iter_criteria(s.criteria) if isinstance(c.fact, DoseLimitFact | WeightBandFact)]
        if doses:
            rows = [
                [
                    f"[{c.id}](#{c.id})",
                    markdown(fact_text(c)),
                    markdown(c.fact.condition or "") if isinstance(c.fact, DoseLimitFact) else "",
                ]
                for c in doses
            ]
            self.out.extend(
                [
                    "",
                    '<p class="pv-caption">Dose limits</p>',
                    "",
                    *_md_table(["Criterion", "Maximum", "Applies to"], rows),
                    "",
                ]
            )
        if self.durations:
            self.out.extend(
                [
                    "",
                    '<p class="pv-caption">Approval duration</p>',
                    "",
                    *_md_table(["Line of business", "Duration"], []),
                    *self.durations,
                    "",
                ]
            )
            self.durations = []

    def result(self) -> str:
        """The Markdown; afterwards ``ids`` holds every anchor it defines (for links that must resolve)."""
        self.end_set()
        self.close()
        text = "\n".join(self.out)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        self.ids = frozenset(_ID.findall(text)) | frozenset(_ATTR_ID.findall(text))
        return text.strip("\n") + "\n"

    # --- structure -------------------------------------------------------------------------------
    def visit_policy(self, v: Visit) -> None:
        pass

    def visit_part(self, v: Visit) -> None:
        self.end_set()
        if v.id == "header":
            return  # the page's facts table shows the header
        if isinstance(v.node, UnreadRegion):  # (a region the template's grammar could not read: its text, named so)
            where = f"lines {v.node.span.line}–{v.node.span.end_line}" if v.node.span.line else "a region"
            self.md(f"## {heading(f'Not read by the template: {where}')} {{ #{v.id} }}")
            return
        self.md(f"## {heading(PART_TITLES.get(v.id, v.id))} {{ #{v.id} }}")

    def visit_field(self, v: Visit) -> None:
        pass  # header fields are in the facts table; link lines ("Revision Log") are navigation of the PDF

    def visit_paragraph(self, v: Visit) -> None:
        assert isinstance(v.node, Paragraph)
        self.close()
        self.out.extend(["", f'<p id="{v.id}">{html(v.node.text)}{self.page(v.node)}</p>', ""])

    def visit_bullet(self, v: Visit) -> None:
        """A list's item; the items under it in a list inside its ``<li>``."""
        item = v.node
        assert isinstance(item, Bullet)
        level = self.bullet_level[v.parent] + 1 if v.parent in self.bullet_level else 0
        self.bullet_level[v.id] = level
        if level == 0:
            self.open(f"bullets:{v.id.rsplit('.', 1)[0]}", '<ul class="pv-bullets">', "</ul>")
        while self.tags:  # (close the items and lists deeper than this one)
            tag, d = self.tags[-1]
            if not ((tag == "li" and d >= level) or (tag == "ul" and d > level)):
                break
            self.add(f"</{tag}>")
            self.tags.pop()
        if level and (not self.tags or self.tags[-1] != ("ul", level)):
            self.add("<ul>")
            self.tags.append(("ul", level))
        line = f'<li id="{v.id}">{html(item.text)}'
        if item.children:
            self.add(line)
            self.tags.append(("li", level))
        else:
            self.add(f"{line}</li>")

    def visit_table(self, v: Visit) -> None:
        t = v.node
        assert isinstance(t, Table)
        self.md(f'<p class="pv-caption" id="{v.id}">Table</p>')
        self.open(f"table:{v.id}", "\n".join(_md_table([markdown(h) for h in t.header] or ["—"], [])), "")

    def visit_row(self, v: Visit) -> None:
        r = v.node
        assert isinstance(r, Row)
        self.add(_md_row(v.id, [_cell(c) for c in r.cells]))

    def visit_indication(self, v: Visit) -> None:
        assert isinstance(v.node, str)
        self.open("indications", '<ul class="pv-bullets">', "</ul>")
        self.add(f'<li id="{v.id}">{html(v.node)}</li>')

    def visit_heading(self, v: Visit) -> None:
        s = v.node
        assert isinstance(s, Section)  # a section of a document read by its outline
        self.end_set()
        self.section_id = v.id
        level = "#" * min(v.depth + 1, 6)
        title = f"{s.marker}. {s.title}" if s.marker else s.title or "Text"
        self.md(f"{level} {heading(title)} {{ #{v.id} }}")

    def visit_section(self, v: Visit) -> None:
        s = v.node
        assert isinstance(s, CriteriaSection)
        self.end_set()
        self.section_id = v.id
        self.md(f"## {heading(f'{s.id}. {s.title}')} {{ #{v.id} }}")

    def visit_set(self, v: Visit) -> None:
        s = v.node
        assert isinstance(s, CriteriaSet)
        self.end_set()
        self.set_visit = v
        self.md(f"### {heading(f'{s.letter}. {s.title}')} {{ #{v.id} }}")
        rule = ""
        if s.rule is not None:
            words = connective_words(s.rule.connective, s.rule.at_least)
            of = f" ({', '.join(html(x) for x in s.rule.of)})" if s.rule.of else ""
            rule = f'Must meet <strong class="pv-conn">{words}</strong>{of} the following'
        tags = _tag("off-label", "off-label") if s.off_label else ""
        if s.inferred:  # (read from lines whose markers were lost: the reader says so wherever the set is shown)
            tip = "where a list inside it ends is not written in this copy: check it against the published policy"
            tags = " ".join(x for x in (tags, _tag("inferred", "nesting inferred", tip)) if x)
        line = " ".join(x for x in (rule, tags, self.anchor(v.id), self.page(s).strip()) if x)
        self.out.extend(["", f'<p class="pv-rule">{line}</p>', ""])
        for note in self.notes.get(v.id, ()):
            assert isinstance(note.node, Note)
            self.out.extend(["", f'<p class="pv-note" id="{note.id}">{html(note.node.text)}</p>', ""])

    def visit_criterion(self, v: Visit) -> None:
        c = v.node
        assert isinstance(c, Criterion)
        self.open(f"tree:{self.set_visit.id if self.set_visit else v.parent}", '<div class="pv-tree">', "</div>")
        self.nest(v.depth)
        extras = []
        if c.connective is not None:
            extras.append(f'<span class="pv-conn">{connective_words(c.connective, c.at_least)}</span>')
        elif c.type in TYPE_LABELS:
            extras.append(_tag(c.type.value, TYPE_LABELS[c.type], fact_text(c)))
        group = ' class="pv-g"' if c.children else ""
        # the marker is the permalink; the id is shown by CSS (attr(id)): MkDocs parses every tag twice
        marker = (
            f'<a class="pv-m" href="#{v.id}">{html(c.marker)}.</a>'
            if c.marker
            else (f'<a class="pv-m" href="#{v.id}">¶</a>')
        )
        parts = [marker, html(c.text + c.footnote), *extras]
        self.add(f'<li{group}><div class="pv-line" id="{v.id}">{" ".join(parts)}{self.page(c)}</div>')
        for note in self.notes.get(v.id, ()):
            assert isinstance(note.node, Note)
            self.add(f'<div class="pv-note" id="{note.id}">{html(note.node.text)}</div>')

    def visit_note(self, v: Visit) -> None:
        pass  # written under the criterion it qualifies (visit_criterion / visit_set)

    def visit_duration(self, v: Visit) -> None:
        d = v.node
        assert isinstance(d, ApprovalDuration)
        lob = v.key if v.key and v.key != "all" else "All lines of business"
        self.durations.append(_md_row(v.id, [markdown(lob), markdown(d.text)]))

    def visit_appendix(self, v: Visit) -> None:
        a = v.node
        assert isinstance(a, Appendix)
        self.md(f"### {heading(f'Appendix {a.letter}: {a.title}')} {{ #{v.id} }}")

    def visit_abbreviation(self, v: Visit) -> None:
        a = v.node
        assert isinstance(a, Abbreviation)
        self.open(f"abbr:{v.parent}", _header("Abbreviation", "Meaning"), "")
        self.add(_md_row(v.id, [markdown(a.abbreviation), markdown(a.meaning)]))

    def visit_alternative(self, v: Visit) -> None:
        a = v.node
        assert isinstance(a, Alternative)
        self.open(f"alt:{v.parent}", _header("Drug name", "Dosing regimen", "Dose limit / maximum dose"), "")
        self.add(_md_row(v.id, [markdown(a.drug), _cell(a.regimen), _cell(a.maximum)]))

    def visit_state(self, v: Visit) -> None:
        st = v.node
        assert isinstance(st, StateRule)
        self.open(f"states:{v.parent}", _header("State", "Step therapy prohibited?", "Notes"), "")
        flag = ("Yes" if st.prohibited else "No") + (f" {st.mark}" if st.mark else "")
        self.add(_md_row(v.id, [markdown(st.state), markdown(flag), markdown(st.notes)]))

    def visit_dosing(self, v: Visit) -> None:
        r = v.node
        assert isinstance(r, DosingRow)
        self.open("dosing", _header("Indication", "Dosing regimen", "Maximum dose"), "")
        self.add(_md_row(v.id, [markdown(r.indication), _cell(r.regimen), _cell(r.maximum)]))

    def visit_product(self, v: Visit) -> None:
        p = v.node
        assert isinstance(p, Product)
        self.open("products", '<ul class="pv-bullets">', "</ul>")
        self.add(f'<li id="{v.id}">{html(p.text)}</li>')

    def visit_reference(self, v: Visit) -> None:
        r = v.node
        assert isinstance(r, Reference)
        self.open("references", '<ol class="pv-refs">', "</ol>")
        self.add(f'<li id="{v.id}" value="{r.number}">{html(r.text)}</li>')

    def visit_hcpcs(self, v: Visit) -> None:
        code = v.node
        assert isinstance(code, HcpcsCode)
        self.open("hcpcs", _header("HCPCS code", "Description"), "")
        self.add(_md_row(v.id, [markdown(code.code), markdown(code.description)]))

    def visit_revision(self, v: Visit) -> None:
        e = v.node
        assert isinstance(e, RevisionEntry)
        self.open("log", _header("Date", "P&#38;T approval", "Change"), "")
        date = e.date.isoformat() if e.date else "undated"
        pt = str(e.pt_approval) if e.pt_approval else ""
        self.add(_md_row(v.id, [date, pt, markdown(e.description)]))


def _cell(cell: tuple[str, ...]) -> str:
    return "<br>".join(markdown(p) for p in cell)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table (MkDocs parses these without its raw-HTML parser, which costs per tag)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]


def _header(*names: str) -> str:
    return "\n".join(_md_table(list(names), []))


def _md_row(node_id: str, cells: list[str]) -> str:
    """A table row whose first cell carries the node's id (attr_list), so ``#IV.E.IN`` is an anchor."""
    first = cells[0] if cells and cells[0] else "—"
    return "| " + " | ".join([f"{first} {{ #{node_id} }}", *cells[1:]]) + " |"


def render_body(policy: Policy, links: PageLinks = PageLinks()) -> str:
    """The Markdown body of a policy version (everything below the page's title and facts)."""
    gen = PolicyBody(policy, links)
    gen.run(policy)
    return gen.result()


__all__ = ["PART_TITLES", "TYPE_LABELS", "Bullets", "PageLinks", "PolicyBody", "connective_words", "render_body"]
