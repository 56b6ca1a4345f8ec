"""Render the AST back to canonical policy text, a generator over the one walk.

Canonical text is the normalised form the grammar reads: one line per
criterion, no export artifacts, blank lines between paragraphs, tables as
tab-separated rows (a cell's further paragraphs on continuation rows whose key
cell is empty).  ``parse_text(render_text(p)) == p`` for every parsed policy.

The walk gives the order: sections, sets, criteria at their depth, each note
under the line it was written under, durations.  Parts made of blocks
(paragraphs, bullets, tables — appendices, dosing, coding …) are written from
their blocks as the source had them, because a typed view (Appendix E's states,
the dosing rows) stands for a table that is written back whole.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from policyvc.parser import grammar_text
from policyvc.parser.nesting import LADDER
from policyvc.parser.nodes import (
    ApprovalDuration,
    Block,
    Bullet,
    Bullets,
    Cell,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    MarkerKind,
    Note,
    Paragraph,
    Policy,
    Section,
    Table,
    UnreadRegion,
    YearMonth,
)
from policyvc.parser.normalize import normalize
from policyvc.parser.outline import reads_as_paragraph
from policyvc.parser.page_numbers import page_number_line
from policyvc.parser.template import TEMPLATES
from policyvc.parser.template_core import reads_as_field
from policyvc.parser.text_styles import runs_on_from_heading
from policyvc.parser.walk import Generator, Visit

_TERMINAL = re.compile(r"^(?P<name>[A-Z_]+)(?:\.\d+)?: /(?P<pattern>.*)/$", re.M)


@functools.cache
def _line_kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every line kind of the grammar but plain text (the terminals are written once, there)."""
    found = _TERMINAL.finditer(grammar_text())
    return tuple((m["name"], re.compile(m["pattern"])) for m in found if m["name"] not in ("TEXT", "_NL"))


def _escaped(line: str, kinds: frozenset[str] = frozenset()) -> str:
    """``line`` as a line of text that reads back as itself: a backslash in front where the reader would
    otherwise take its start for something else — a line kind of the grammar (a heading, a marker, a
    bullet, a note …) other than ``kinds`` (those the grammar reads as text where the line goes), a
    bullet glyph or emphasis the normaliser rewrites, a heading the text front splits off, a page number
    it drops — or where the line starts with a backslash itself (parser/nesting.py reads the line after
    the backslash)."""
    if not line:
        return line
    if (
        line[0] == "\\"
        or normalize(line).text != line + "\n"
        or any(p.match(line + "\n") for name, p in _line_kinds() if name not in kinds)
        or runs_on_from_heading(line)
        or page_number_line(line)
    ):
        return "\\" + line
    return line


_BULLET_GLYPHS = ("-", "–", "·")  # a bullet's glyph by its level (parser/documents.py ``bullet_levels``)
_GLYPH_STARTS = tuple(f"{g} " for g in _BULLET_GLYPHS)


def _bullet(item: str, depth: int = 0) -> str:
    """A bullet's line, its level in its glyph (``-``, then ``–``, ``·``): a backslash before its text where
    the normaliser would rewrite the line (a marker after the dash makes it a criterion) or the text starts
    with a backslash itself."""
    glyph = _BULLET_GLYPHS[min(depth, len(_BULLET_GLYPHS) - 1)]
    line = f"{glyph} {item}"
    if item[:1] == "\\" or normalize(line).text != line + "\n":
        return f"{glyph} \\{item}"
    return line


def _bullet_lines(items: tuple[Bullet, ...], depth: int = 0) -> list[str]:
    """A list's items, each followed by the items under it, a level deeper."""
    out: list[str] = []
    for item in items:
        out += [_bullet(item.text, depth), *_bullet_lines(item.children, depth + 1)]
    return out


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
            out += [_escaped(b.text), ""]
        elif isinstance(b, Bullets):
            out += [*_bullet_lines(b.items), ""]
        elif isinstance(b, Table):
            out += [*_table(b), ""]
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {type(b).__name__}")
    return out


def _marker(node: Criterion, depth: int) -> str:
    style = LADDER[depth % len(LADDER)][1]
    return f"({node.marker})" if style == "()" else f"{node.marker}{style}"


def _set_head(s: CriteriaSet) -> str:
    # (a criteria group of a document read by its outline has no letter of its own, and its connective is in
    # its wording: no "(must meet …)" it did not write)
    head = f"{s.letter}. {s.title}" if s.letter else s.title
    if s.off_label:
        head += " (off-label)"
    written = s.rule is not None and bool(s.rule.text)
    if written and s.rule is not None:
        head += f" (must meet {s.rule.text})"
    if (s.off_label or written) and not head.endswith(":"):
        head += ":"
    return head


def _durations(s: CriteriaSet) -> list[str]:
    out: list[str] = []
    durations = list(s.durations)
    if s.duration_heading:
        # (``B. Approval duration:``: the letter a copy gave it, lettering it with the sets, kept)
        kw = f"{s.duration_letter}. Approval duration:" if s.duration_letter else "Approval duration:"
        if durations and not durations[0].lines_of_business:
            out.append(f"{kw} {durations.pop(0).text}")
        else:
            out.append(kw)
    # (a duration for every line of business after the first, as one under each alternative: a line of its own)
    out.extend(
        f"{'/'.join(d.lines_of_business)} – {d.text}" if d.lines_of_business else f"Approval duration: {d.text}"
        for d in durations
    )
    return out


def _mmddyyyy(d: dt.date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year:04d}"


def _outline_header(p: Policy) -> list[str]:
    """The header of a document read by its outline, in labels its template reads back (and claims it by:
    the family's title line and reference for a medical policy, none of the family's for any other)."""
    h = p.header
    medical = p.template == "centene-medical"
    lines = [f"Clinical Policy: {h.title}" if medical else f"Title: {h.title}"] if h.title else []
    if h.reference_number:
        lines.append(f"{'Reference' if medical else 'Policy'} Number: {h.reference_number}")
    if h.effective_date:
        lines.append(f"Effective Date: {_mmddyyyy(h.effective_date)}")
    if isinstance(h.last_review, dt.date):
        lines.append(f"{'Date of Last Revision' if medical else 'Last Review Date'}: {_mmddyyyy(h.last_review)}")
    if h.lines_of_business:
        lines.append(f"Line of Business: {', '.join(h.lines_of_business)}")
    # (an extra that is a field of its own, ``Next Review: 12/2026 (2026-12)``, in the run of the fields — where the
    # reader keeps such a line as the header's —; a link line or a subtitle after a blank line, as a line of its own)
    template = TEMPLATES.get(p.template)
    fielded = [e for e in h.extras if template is not None and reads_as_field(template, e)]
    lines += [*fielded, ""]
    for extra in h.extras:
        if extra not in fielded:
            lines += [_escaped(extra, frozenset({"CODING_HEAD"})), ""]
    return lines


def _header(p: Policy) -> list[str]:
    if p.template != "centene-pharmacy":
        return _outline_header(p)
    h = p.header
    lines = [f"Clinical Policy: {h.title}", f"Reference Number: {h.reference_number}"]
    if h.effective_date:
        lines.append(f"Effective Date: {_mmddyy(h.effective_date)}")
    if h.last_review:
        lines.append(f"Last Review Date: {_mmyy(h.last_review)}")
    if h.lines_of_business:
        lines.append(f"Line of Business: {', '.join(h.lines_of_business)}")
    lines.append("")
    for extra in h.extras:
        lines += [_escaped(extra, frozenset({"CODING_HEAD"})), ""]  # (the header reads that heading as text)
    return lines


def _indications(p: Policy) -> list[str]:
    if not (p.indications_intro or p.indications or p.indications_after):
        return []
    lines = ["FDA Approved Indication(s)", "", *_blocks(p.indications_intro)]
    if p.indications:
        lines += [*(_bullet(i) for i in p.indications), ""]
    return [*lines, *_blocks(p.indications_after)]


def _appendices(p: Policy) -> list[str]:
    if not (p.appendices or p.appendices_intro):
        return []
    lines = ["IV. Appendices/General Information", "", *_blocks(p.appendices_intro)]
    for app in p.appendices:
        lines += [f"Appendix {app.letter}: {app.title}", "", *_blocks(app.blocks)]
        for region in p.unread_regions:  # (a region the grammar set aside after this appendix: written in its place)
            if _within(region, app.id):
                lines += _region_lines(region)
    return lines


def _within(region: UnreadRegion, part: str) -> bool:
    """Whether ``region`` followed a node of ``part`` (an appendix's id) in the document."""
    return region.after == part or region.after.startswith(f"{part}.")


def _region_lines(region: UnreadRegion) -> list[str]:
    """A region the grammar set aside, its lines as written (trailing spaces aside), a blank line after it."""
    lines = [line.rstrip() for line in region.lines]
    while lines and not lines[-1]:
        lines.pop()
    return [*lines, ""]


def _availability(p: Policy) -> list[str]:
    lines = ["VI. Product Availability", ""] if p.availability else []
    for product in p.availability:
        lines += [_escaped(product.text), ""]
    return lines


def _references(p: Policy) -> list[str]:
    return ["VII. References", "", *(f"{r.number}. {r.text}" for r in p.references), ""] if p.references else []


def _coding(p: Policy) -> list[str]:
    if not (p.coding_intro or p.hcpcs):
        return []
    lines = ["Coding Implications", "", *_blocks(p.coding_intro)]
    if p.hcpcs:
        lines += ["HCPCS Codes\tDescription", *(f"{c.code}\t{c.description}" for c in p.hcpcs), ""]
    return lines


def _log(p: Policy) -> list[str]:
    if not p.revision_log and p.template != "centene-pharmacy":
        return []  # (a document read by its outline writes no history it does not have)
    lines = ["Reviews, Revisions, and Approvals\tDate\tP&T Approval Date"]
    for e in p.revision_log:
        date = _mmddyy(e.date) if e.date else ""
        pt = _mmyy(e.pt_approval) if e.pt_approval else ""
        lines.append(f"{e.description}\t{date}\t{pt}")
    return [*lines, ""]


# Each part of the walk and its text (parts of blocks are written whole from their blocks).
_PART_LINES: dict[str, Callable[[Policy], list[str]]] = {
    "header": _header,
    "description": lambda p: ["Description", "", *_blocks(p.description)],
    "indications": _indications,
    "criteria": lambda p: ["Policy/Criteria", "", *_blocks(p.criteria_intro)] if p.criteria_intro else [],
    "IV": _appendices,
    "V": lambda p: ["V. Dosage and Administration", "", *_blocks(p.dosing_blocks)] if p.dosing_blocks else [],
    "VI": _availability,
    "VII": _references,
    "coding": _coding,
    "log": _log,
    "reminder": lambda p: ["Important Reminder", "", *_blocks(p.reminder)] if p.reminder else [],
    # (a binder's further policies, after the policy read: their lines as written, never this policy's)
    "unread": lambda p: ["", *(para.text for para in p.unread)],
}


# The heading of each part written only when it has something: written for a region set aside right under it.
_PART_HEADINGS = {
    "indications": "FDA Approved Indication(s)",
    "criteria": "Policy/Criteria",
    "IV": "IV. Appendices/General Information",
    "V": "V. Dosage and Administration",
    "VI": "VI. Product Availability",
    "VII": "VII. References",
    "coding": "Coding Implications",
    "reminder": "Important Reminder",
}


class _Text(Generator):
    """Lines of canonical text, one visit per walked node."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.out: list[str] = []
        self.written: set[str] = set()  # nodes written whole by an ancestor (header, blocks of a part)
        self.depth: dict[str, int] = {}  # criterion id -> list depth (0 for a set's own criteria)
        self.open_set: CriteriaSet | None = None
        self.headings: set[str] = set()  # sections of a document read by its outline
        self.bullet_depth: dict[str, int] = {}  # list item id -> its level, for the items written in their place
        # the headings a document read by its outline knows: a paragraph that would read back as one is escaped
        self.vocabulary = TEMPLATES[policy.template].headings if policy.template in TEMPLATES else frozenset()

    def _after_bullets(self) -> None:
        """A blank line after a list written item by item (else what follows would go on its last item)."""
        if self.out and self.out[-1].startswith(_GLYPH_STARTS):
            self.out.append("")

    def covered(self, v: Visit) -> bool:
        if v.parent in self.written:
            self.written.add(v.id)
            return True
        return False

    def close_set(self) -> None:
        """After a set's criteria and notes: a blank line, then its approval durations."""
        s = self.open_set
        if s is None:
            return
        self.open_set = None
        if s.criteria or s.notes:
            self.out.append("")
        if s.durations:
            self.out += [*_durations(s), ""]

    def whole(self, v: Visit, lines: list[str]) -> None:
        self.close_set()
        self.out += lines
        self.written.add(v.id)

    def visit_policy(self, v: Visit) -> None:
        pass

    def visit_part(self, v: Visit) -> None:
        if isinstance(v.node, UnreadRegion):
            self.region(v, v.node)
            return
        lines = _PART_LINES[v.id](self.policy)
        if not lines and v.id in _PART_HEADINGS and any(r.after == v.id for r in self.policy.unread_regions):
            lines = [_PART_HEADINGS[v.id], ""]  # (a part whose text the grammar set aside: its heading, then the text)
        self.whole(v, lines)

    def region(self, v: Visit, region: UnreadRegion) -> None:
        """A region the grammar set aside: its lines as written, in its place — inside an open criteria set too
        (the set's durations follow it, as in the document); one after an appendix is written with it."""
        self.written.add(v.id)
        if any(_within(region, a.id) for a in self.policy.appendices):
            return
        if self.open_set is None and self.out and self.out[-1]:
            self.out.append("")
        self.out += _region_lines(region)

    def _inside(self, v: Visit) -> None:
        if v.parent in self.headings:  # a block of a section read by its outline: written in its place
            self.close_set()
            node = v.node
            if not isinstance(node, Paragraph | Table):  # (a section's list items: ``visit_bullet``)
                raise TypeError(f"{v.kind} {v.id} is no block of a section")
            self._after_bullets()
            lines = _blocks((node,))
            if isinstance(node, Paragraph) and not lines[0].startswith("\\"):
                lines[0] = lines[0] if reads_as_paragraph(lines[0], self.vocabulary) else "\\" + lines[0]
            self.out += lines
            self.written.add(v.id)
            return
        if not self.covered(v):  # every other block or row sits in a part written whole
            raise TypeError(f"{v.kind} {v.id} outside a part written whole")

    def visit_bullet(self, v: Visit) -> None:
        """A list's item in a section read by its outline, in its place (its level: the glyph); an item of a part
        written whole is written with it."""
        item = v.node
        assert isinstance(item, Bullet)
        depth = self.bullet_depth[v.parent] + 1 if v.parent in self.bullet_depth else 0
        if v.parent in self.headings or depth:
            self.close_set()
            self.bullet_depth[v.id] = depth
            self.out.append(_bullet(item.text, depth))
            self.written.add(v.id)
            return
        if not self.covered(v):  # every other block or row sits in a part written whole
            raise TypeError(f"{v.kind} {v.id} outside a part written whole")

    def visit_heading(self, v: Visit) -> None:
        assert isinstance(v.node, Section)
        self.close_set()
        self._after_bullets()
        self.headings.add(v.id)
        if v.node.title:
            self.out += [f"{v.node.marker}. {v.node.title}" if v.node.marker else v.node.title, ""]

    visit_field = visit_paragraph = visit_table = visit_row = _inside
    visit_indication = visit_appendix = visit_abbreviation = visit_alternative = visit_state = _inside
    visit_dosing = visit_product = visit_reference = visit_hcpcs = visit_revision = _inside

    def visit_section(self, v: Visit) -> None:
        sec = v.node
        assert isinstance(sec, CriteriaSection)
        self.close_set()
        self.out += [f"{sec.id}. {sec.title}", ""]
        if sec.paragraphs:  # (its own text, where no set follows: written here, each read back as the sentence it is)
            self.out += _blocks(sec.paragraphs)
            self.written.add(v.id)

    def visit_set(self, v: Visit) -> None:
        s = v.node
        assert isinstance(s, CriteriaSet)
        self.close_set()
        self._after_bullets()
        self.out += [_set_head(s), ""]
        self.open_set = s

    def visit_criterion(self, v: Visit) -> None:
        c = v.node
        assert isinstance(c, Criterion)
        depth = self.depth[v.parent] + 1 if v.parent in self.depth else 0
        self.depth[v.id] = depth
        if c.marker_kind is MarkerKind.BULLET:  # (a bulleted criterion: its level in its glyph, as the reader keeps it)
            self.out.append(f"{_BULLET_GLYPHS[min(depth, len(_BULLET_GLYPHS) - 1)]} {c.text}{c.footnote}")
            return
        self.out.append(f"{_marker(c, depth)} {c.text}{c.footnote}")

    def visit_note(self, v: Visit) -> None:
        assert isinstance(v.node, Note)
        self.out.append(f"*{v.node.text}")

    def visit_duration(self, v: Visit) -> None:
        assert isinstance(v.node, ApprovalDuration)  # written with the set's other durations, when it closes


def render_text(policy: Policy) -> str:
    """The canonical text of ``policy``."""
    gen = _Text(policy)
    gen.run(policy)
    gen.close_set()
    out = gen.out
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
