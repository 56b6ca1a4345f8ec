"""The shared core of the templates: a template is declarations; this turns an outline into the AST.

Like a sqlglot dialect, a template module declares only what is its own
(:class:`~policyvc.parser.template_spec.Template`): the
reference families and phrases that claim a document for it, its heading vocabulary, the labels of
its header fields, the headings of its criteria and of its dated history, and how a criteria group
is recognised (:class:`GroupStyle`).  :func:`build` does the rest the same way for every template:

* the **header**: the title, identifier, effective and review dates and lines of business where the
  document states them (a field it does not state is a ``warning``, never a failure), read from the
  labelled lines of the head of the document;
* the **body**: one :class:`~policyvc.parser.nodes.Section` per heading, paragraphs, bullets and
  tables as written; criteria groups as :class:`~policyvc.parser.nodes.CriteriaSet` — under
  ``GroupStyle.STATEMENTS`` each top-level item of a criteria section's list is a statement (its own
  criteria below it; a statement may have none), under ``GroupStyle.LISTS`` each list is a group led
  in by the paragraph before it;
* the **history**: a revision table or dated lines in any of the forms of
  :mod:`~policyvc.parser.written_history`, as the revision log.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from policyvc.parser.classify import classify
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.nodes import (
    Bullets,
    Connective,
    CriteriaSet,
    Criterion,
    Header,
    MarkerKind,
    MeetRule,
    Note,
    Paragraph,
    Policy,
    RevisionEntry,
    Section,
    SectionBlock,
    Span,
    Table,
)
from policyvc.parser.outline import HEADINGS, OItem, OList, ONote, OSection, Outline, contents_line, title_like
from policyvc.parser.template_spec import GroupStyle, Template
from policyvc.parser.walk import slug
from policyvc.parser.written_dates import read_date
from policyvc.parser.written_history import change_entries, is_history_table, read_history

__all__ = ["GroupStyle", "Template", "build"]


# --- header -------------------------------------------------------------------------------------------------

_HEAD_LINES = 60  # header fields are looked for among the first lines of the source


def _label_re(label: str) -> re.Pattern[str]:
    name = re.escape(label).replace(r"\ ", r"\s+")
    # ``Label: value``, ``Label # value``, or a dotted leader (``Effective Date ........ 03/15/2026``);
    # a label that ends in its own stop (``Policy No. 284``, ``Document # 12``) needs no more
    stop = r"\s*(?:[:#]|\.{3,}|…+)?" if label[-1:] in ".#" else r"\s*(?:[:#]|\.{3,}|…+)"
    return re.compile(rf"(?:^|(?<=\s))(?:{name}){stop}\s*(?=\S)", re.I)


# An identifier as a value: one token with a digit (``MP221``, ``2.04.83``); what a bare ``Policy:``
# label must hold to name the document (``Policy: This policy addresses …`` is a sentence).
_IDENTIFIER = re.compile(r"[A-Za-z0-9][\w.\-/]{0,30}")
_WEAK_LABELS = frozenset({"policy"})
_WEAK_RANK = 1_000  # after every declared label


@dataclass(slots=True)
class _Head:
    title: str = ""
    reference: str = ""
    effective: str = ""
    review: str = ""
    lob: str = ""
    extras: list[str] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # ids of the paragraphs the fields were read from
    title_span: Span = field(default_factory=lambda: Span(1))


def _all_labels(t: Template) -> list[tuple[str, int, re.Pattern[str]]]:
    """Every label of the template's header fields: (field, rank, pattern); the first label a template
    declares for a field is the one it prefers.  A weak label (a bare ``Policy:``) names the identifier
    only when its value is one (:data:`_IDENTIFIER`), and ranks after every other."""
    weak = [
        ("reference", _WEAK_RANK, re.compile(rf"^{re.escape(label)}:\s*(?=\S)", re.I))  # (at the start, a colon)
        for label in sorted(_WEAK_LABELS)
        if t.reference_labels and not t.titled
    ]
    return weak + [
        (name, rank, _label_re(label))
        for name, labels in (
            ("title", t.title_labels),
            ("reference", t.reference_labels),
            ("effective", t.effective_labels),
            ("review", t.review_labels),
            ("lob", t.lob_labels),
            ("other", t.other_labels),
        )
        for rank, label in enumerate(labels)
    ]


def _fields(text: str, labels: list[tuple[str, int, re.Pattern[str]]]) -> list[tuple[str, int, str]]:
    """The labelled fields of one line (several when a viewer ran them together): (field, rank, value).

    Where two labels overlap the one that starts first (and then the longer) wins: ``Original
    Effective Date`` is not ``Effective Date``."""
    hits = sorted(
        ((m.start(), -m.end(), m.end(), name, rank) for name, rank, rx in labels for m in rx.finditer(text)),
    )
    kept: list[tuple[int, int, str, int]] = []
    for start, _, end, name, rank in hits:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, name, rank))
    out: list[tuple[str, int, str]] = []
    for k, (_, end, name, rank) in enumerate(kept):
        stop = kept[k + 1][0] if k + 1 < len(kept) else len(text)
        value = text[end:stop].strip(" ;|,.")
        if rank == _WEAK_RANK and not _IDENTIFIER.fullmatch(value):
            continue
        if value and name == "other":  # (a field no header slot holds: kept whole, as the header's extra)
            out.append((name, rank, f"{text[kept[k][0] : end].strip(' :#')}: {value}"))
        elif value:
            out.append((name, rank, value))
    return out


def _head_blocks(t: Template, root: OSection) -> list[Paragraph | OSection]:
    """The blocks of the head of the document, where its header fields are.

    A template with a fixed header (the family's) ends it at its first own heading (``Description``);
    any other reads the paragraphs of the first lines, whatever section they sit in.
    """
    out: list[Paragraph | OSection] = []
    if t.titled:
        pending = list(root.blocks)
        while pending:
            b = pending.pop(0)
            if isinstance(b, OSection) and b.title.casefold() in t.headings and b.title not in t.extras:
                break
            if isinstance(b, OSection):
                out.append(b)
                pending[:0] = b.blocks
            elif isinstance(b, Paragraph):
                out.append(b)
        return out
    stack = [root]
    while stack:
        s = stack.pop(0)
        for b in s.blocks:
            if isinstance(b, Paragraph) and b.span.line <= _HEAD_LINES:
                out.append(b)
            elif isinstance(b, OSection) and b.span.line <= _HEAD_LINES:
                out.append(b)
                stack.append(b)
    return out


def _read_head(t: Template, outline: Outline) -> _Head:
    head = _Head()
    labels = _all_labels(t)
    ranks: dict[str, int] = {}
    leads: list[tuple[str, Span]] = []  # the words before the first field of a field line
    blocks = _head_blocks(t, outline.root)
    for k, block in enumerate(blocks):
        if isinstance(block, OSection):
            if block.title in t.extras:  # a link line of the header (``Coding Implications``)
                head.extras.append(block.title)
                head.used.add(id(block))
            elif not t.titled:  # a field line the layout made a heading (``MEDICAL POLICY No. 91541-R7``):
                for name, rank, value in _fields(block.title, labels):  # read; the heading stays in the body
                    if rank < ranks.get(name, _WEAK_RANK + 1) and name not in ("title", "other"):
                        ranks[name] = rank
                        setattr(head, name, value)
            continue
        found = _fields(block.text, labels)
        if all(name == "other" for name, _, _ in found):
            found = []  # (a line of other fields only stays in the body, as it is written)
        if not found and id(block) not in head.used and (above := _label_above(t, block.text, blocks[k + 1 : k + 2])):
            name, rank, value, whole = above  # a web page's field: its label on one line, its value alone below
            found = [(name, rank, value)]
            head.used.add(id(blocks[k + 1]))
            if not whole:  # (the label ends a line that says more: that line stays in the body)
                head.used.discard(id(block))
                found_here = False
            else:
                found_here = True
        else:
            found_here = bool(found)
        for name, rank, value in found:
            if name == "other":
                head.extras.append(value)
                continue
            if rank < ranks.get(name, _WEAK_RANK + 1):
                ranks[name] = rank
                setattr(head, name, value)
                if name == "title":
                    head.title_span = block.span
        if found_here:
            head.used.add(id(block))
        if found:
            if not leads and (lead := _lead(block.text, labels)):
                leads.append((lead, block.span))
        elif block.text.strip() in t.extras:
            head.extras.append(block.text.strip())
            head.used.add(id(block))
    if head.title and t.titled:
        head.title = _wrapped_title(head, blocks)
    if not head.title and leads:  # ``Knee Arthroscopy: Policy No. 412``: the title leads its field line
        head.title, head.title_span = leads[0]
    if not head.title:  # no field names the title: the line of the head that names most
        line = _title_line(outline.root, [b for b in _head_blocks(t, outline.root) if id(b) in head.used])
        if line is not None:
            head.title, head.title_span = line
    return head


def _wrapped_title(head: _Head, blocks: list[Paragraph | OSection]) -> str:
    """The title, with the line it wrapped onto (``…Home Sleep Apnea`` / ``Testing``): the next line of the
    source, a few title-case words that are no field, below a long title line."""
    after = [  # (a line alone the outline made a heading: one with nothing under it but header fields)
        b
        for b in blocks
        if b.span.line == head.title_span.end_line + 1
        and (isinstance(b, Paragraph) or all(id(x) in head.used for x in b.blocks))
    ]
    if not after or id(after[0]) in head.used or len(head.title) < 40:
        return head.title
    more = (after[0].text if isinstance(after[0], Paragraph) else after[0].title).strip()
    if len(more.split()) > 4 or not title_like(more) or more in head.extras:
        return head.title
    head.used.add(id(after[0]))
    return f"{head.title} {more}"


_LABEL_TAIL = 4  # words a label alone on its line may have after it (``Effective Date of this Version``)


def _label_above(t: Template, text: str, below: list[Paragraph | OSection]) -> tuple[str, int, str, bool] | None:
    """A field laid out as a web page's table lays it out: ``text`` ends in a label of the identifier or a
    date (at its start, or after a field's value run onto the line: ``Version Number 3 Effective Date of this
    Version``), and the paragraph ``below`` is its value alone (an identifier; a date).  (field, rank,
    value, whether ``text`` is the label and nothing more)."""
    if not below or not isinstance(below[0], Paragraph) or len(below[0].text) > 150:
        return None
    value = below[0].text.strip()
    for name, labels in (("title", t.title_labels), ("reference", t.reference_labels),
                         ("effective", t.effective_labels), ("review", t.review_labels)):  # fmt: skip
        for rank, label in enumerate(labels):
            words = r"\s+".join(re.escape(w) for w in label.split())
            m = re.search(rf"(?:^|(?<=\d)\s+|(?<=\d\s))({words})((?:\s+\w+){{0,{_LABEL_TAIL}}})\s*$", text, re.I)
            if m is None:
                continue
            if name == "title":  # (a name: title-like, and the label starts its line)
                ok = m.start(1) == 0 and title_like(value) and _naming(value) >= 1
            elif name == "reference":
                ok = len(value) <= 40 and bool(_IDENTIFIER.fullmatch(value)) and any(c.isdigit() for c in value)
            else:
                d = read_date(value)
                ok = len(value) <= 40 and d is not None and d.end - d.start >= len(value) - 1
            if ok:
                return name, rank, value, m.start(1) == 0
    return None


# Words that name a kind of document or a plan, not what a policy is about (a line of only these is
# the site's or the plan's name above the title: ``Medical Policy``, ``Clinical Policy Bulletins``).
_DOCUMENT_WORDS = frozenset(
    {"medical", "clinical", "policy", "policies", "bulletin", "bulletins", "coverage", "commercial", "medicare",
     "medicaid", "plan", "plans", "guideline", "guidelines", "reimbursement", "payment", "community", "advantage",
     "determination", "local", "national", "article", "health", "insurance", "and", "of", "the", "&"}
)  # fmt: skip


def _title_line(root: OSection, fields: list[Paragraph | OSection]) -> tuple[str, Span] | None:
    """Among the first lines of the document (headings and short title-like paragraphs that are no
    header field and no heading every policy has), the one with most words that do not name a kind
    of document (the last of equals: a plan's name comes above its title)."""
    used = {id(b) for b in fields}
    lines: list[tuple[int, str, Span, bool]] = []  # (line, text, span, may be the title)
    stack: list[OSection] = [root]
    while stack:
        s = stack.pop()
        if s.title:
            lines.append((s.span.line, s.title, s.span, s.title.casefold() not in HEADINGS))
        for b in s.blocks:
            if isinstance(b, Paragraph):
                ok = id(b) not in used and len(b.text) <= 120 and title_like(b.text)
                lines.append((b.span.line, b.text, b.span, ok))
            elif isinstance(b, OSection):
                stack.append(b)
    lines.sort(key=lambda x: x[0])
    # a web page names its document twice near the top (the page's heading, then a field or a
    # breadcrumb), below site links that never repeat: a naming line written twice there is the title
    head = [(text, span) for line, text, span, ok in lines if ok and line <= _HEAD_LINES and _naming(text) >= 2]
    seen: dict[str, Span] = {}
    for text, span in head:
        if text.casefold() in seen:
            return text, seen[text.casefold()]
        seen[text.casefold()] = span
    # the line right above the first field line names the document (``Transcranial Magnetic Stimulation`` /
    # ``Policy Number: …``), below a plan's or a site's name
    starts = [b.span.line for b in fields if isinstance(b, Paragraph)]
    if starts:
        above = [(line, text, span) for line, text, span, ok in lines if ok and line < min(starts)]
        if above and min(starts) - above[-1][0] <= 2 and _naming(above[-1][1]) >= 1:
            return above[-1][1], above[-1][2]
    candidates = [(text, span) for _, text, span, ok in lines[:_TITLE_CANDIDATES] if ok]
    if not candidates:
        return None  # (no line names the document: the title is reported missing)

    best = max(_naming(c[0]) for c in candidates)
    return next(c for c in reversed(candidates) if _naming(c[0]) == best)


def _naming(text: str) -> int:
    """How many words of ``text`` name something other than a kind of document or a plan."""
    words = [w.strip("®™*:,.()/") for w in text.split()]
    return sum(1 for w in words if w[:1].isalpha() and w.casefold() not in _DOCUMENT_WORDS)


def _lead(text: str, labels: list[tuple[str, int, re.Pattern[str]]]) -> str:
    """The words before the first labelled field of a line when they read as a title (a few words that
    name something, ending the phrase with ``:`` or a dash), else ``""``."""
    starts = [m.start() for _, _, rx in labels if (m := rx.search(text))]
    lead = text[: min(starts)].strip() if starts else ""
    if not re.search(r"[:–—-]$", lead):
        return ""
    lead = lead.rstrip(" :–—-")
    return lead if len(lead) <= 120 and title_like(lead) and _naming(lead) else ""


_TITLE_CANDIDATES = 6  # the title is among the first lines


# --- body ---------------------------------------------------------------------------------------------------


def _criterion(item: OItem, parent: str, k: int) -> Criterion:
    marker = item.marker or str(k)
    cid = f"{parent}.{slug(marker)}"
    ctype, fact = classify(item.text)
    connective = (item.connective or Connective.ALL) if item.children else None
    notes = tuple(Note(n.text, cid, j, n.span) for j, n in enumerate(item.notes))
    return Criterion(
        id=cid,
        marker=marker,
        marker_kind=item.kind,
        text=item.text,
        type=ctype,
        fact=fact,
        connective=connective,
        at_least=item.at_least if item.children else None,
        notes=notes,
        children=tuple(_criterion(c, cid, j) for j, c in enumerate(item.children, 1)),
        span=item.span,
        source=item.text,
    )


def _rule(connective: Connective | None) -> MeetRule | None:
    """A group's rule: its connective, read from its wording (kept in the set's title, so no text of its own)."""
    return None if connective is None else MeetRule(connective, (), "")


@dataclass(slots=True)
class _Body:
    t: Template
    diagnostics: list[Diagnostic]
    history: list[RevisionEntry] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def section(self, s: OSection, parent: str, in_criteria: bool, plain: bool = False) -> Section | None:
        """``s`` as a :class:`Section` (``None`` when all of it went to the header or the history);
        ``in_criteria``: under a criteria heading; ``plain``: under a heading whose lists are not criteria."""
        sid = f"{parent}.{slug(s.title)}" if parent else slug(s.title or "front")
        if s.level == 0:
            sid = ""  # the text before the first heading: its sections are top-level
        key = s.title.casefold()
        if key in self.t.history_headings or _history_title(key):
            kept = tuple(b for b in s.blocks if id(b) not in self.used)  # (not the header's own fields)
            entries, unread = read_history(OSection(s.title, s.marker, s.level, kept, s.span))
            self.history.extend(entries)
            if entries and not unread:
                return None
            if entries:  # the undated rest of a history section stays in the body
                s = OSection(s.title, s.marker, s.level, tuple(unread), s.span)
        plain = plain or any(key.startswith(h) for h in self.t.plain_headings)
        criteria = not plain and (in_criteria or not self.t.criteria_headings or key in self.t.criteria_headings)
        blocks: list[SectionBlock] = []
        counts = {"c": 0, "b": 0}
        for b in s.blocks:
            if isinstance(b, Paragraph):
                if id(b) in self.used:
                    continue
                if changes := change_entries(b):  # (``Revised: 6/23 (…)`` under no history heading)
                    self.history.extend(changes)
                else:
                    blocks.append(b)
            elif isinstance(b, ONote):
                blocks.append(Paragraph(b.text, b.span))
            elif isinstance(b, Table) and not b.rows:
                # a header with no row under it is no table (a field's label, a caption's names): its text
                blocks.append(Paragraph(" | ".join(c for c in b.header if c), b.span))
                self.diagnostics.append(
                    Diagnostic("warning", "a table header with no row under it: kept as a paragraph", line=b.span.line)
                )
            elif isinstance(b, Table):
                entries, rest = read_history(OSection("", "", 0, (b,), b.span)) if is_history_table(b) else ([], [])
                if entries:
                    self.history.extend(entries)
                    blocks.extend(x for x in rest if isinstance(x, Table))  # (its undated rows)
                else:
                    blocks.append(b)
            elif isinstance(b, OSection):
                if id(b) in self.used:
                    continue
                sub = self.section(b, sid, criteria, plain)
                if sub is not None:
                    blocks.append(sub)
            elif isinstance(b, OList):
                blocks.extend(self.list(b, sid, criteria, counts))
        if not blocks and (not s.title or id(s) in self.used):
            return None  # nothing but header fields under it, and its title the header's too
        return Section(sid or "front", s.title, s.marker, tuple(blocks), s.span)

    def list(self, lst: OList, sid: str, criteria: bool, counts: dict[str, int]) -> list[SectionBlock]:
        out: list[SectionBlock] = []
        lead = [Paragraph(lst.lead_in, lst.span)] if lst.lead_in else []
        flat = all(not i.children for i in lst.items)
        flat_bullets = flat and all(i.kind is MarkerKind.BULLET for i in lst.items)
        if not criteria or (flat_bullets and not lst.lead_in) or (flat and _examples(lst)):
            # a plain list (related policies, a list of codes …): bullets as written
            counts["b"] += 1
            return [*lead, Bullets(tuple(_item_line(i) for i in lst.items), lst.span)]
        if self.t.groups is GroupStyle.STATEMENTS and not lst.lead_in and _statements(lst):
            out.extend(lead)
            for item in lst.items:
                set_id = f"{sid}.{slug(item.marker or 'x')}" if sid else slug(item.marker or "x")
                connective = (item.connective or Connective.ALL) if item.children else None
                criteria_ = tuple(_criterion(c, set_id, j) for j, c in enumerate(item.children, 1))
                out.append(
                    CriteriaSet(
                        id=set_id,
                        letter=item.marker,
                        title=item.text,
                        off_label=False,
                        rule=_rule(connective),
                        notes=tuple(Note(n.text, set_id, j, n.span) for j, n in enumerate(item.notes)),
                        criteria=criteria_,
                        span=item.span,
                    )
                )
            return out
        counts["c"] += 1
        set_id = f"{sid}.c{counts['c']}" if sid else f"c{counts['c']}"
        connective = lst.connective or Connective.ALL
        return [
            CriteriaSet(
                id=set_id,
                letter="",
                title=lst.lead_in,
                off_label=False,
                rule=_rule(connective),
                criteria=tuple(_criterion(i, set_id, j) for j, i in enumerate(lst.items, 1)),
                span=lst.span,
            )
        ]


# A lead-in that lists what is not covered, or gives examples, with no connective of its own: its items
# are a list of uses, not criteria a request must meet (``The following are considered experimental /
# investigational: …``, ``… including but not limited to:``).
_EXAMPLES = re.compile(r"\b(?:experimental|investigational|unproven|including,?\s+but\s+not\s+limited\s+to)\b", re.I)


def _examples(lst: OList) -> bool:
    lead = lst.lead_in
    connective = re.search(r"\b(?:all|any|one|both|either|each|none)\b(?:\s+\w+)?\s+of\b", lead, re.I)
    return bool(_EXAMPLES.search(lead)) and connective is None


def _statements(lst: OList) -> bool:
    """A list of statements: its top items are upper-case roman (``I.``) or numbered sentences."""
    return all(i.kind in (MarkerKind.ROMAN, MarkerKind.NUMBER, MarkerKind.LETTER) for i in lst.items) and any(
        i.upper and i.kind is MarkerKind.ROMAN for i in lst.items
    )


def _item_line(item: OItem) -> str:
    """An item of a plain list as one line: its text, its notes and its sub-items' lines."""
    text = " ".join([item.text, *(n.text for n in item.notes)])
    for c in item.children:
        text += " " + _item_line(c)
    return text


_HISTORY_WORDS = re.compile(r"\b(?:history|revisions?|revised|changes|updates?)\b", re.I)


def _history_title(key: str) -> bool:
    return bool(_HISTORY_WORDS.search(key)) and len(key.split()) <= 6


def build(t: Template, outline: Outline, source: str) -> tuple[Policy, list[Diagnostic]]:
    """The AST of a document read by ``t`` from its outline, and what was noticed."""
    diagnostics = list(outline.diagnostics)
    head = _read_head(t, outline)
    body = _Body(t, diagnostics, used=head.used)
    root = body.section(outline.root, "", False)
    sections: list[Section] = []
    if root is not None:
        front = [b for b in root.blocks if not isinstance(b, Section)]
        if front:
            sections.append(Section("front", "", "", tuple(front), root.span))
        sections.extend(b for b in root.blocks if isinstance(b, Section))
    sections = _front_links(_leading_names(sections, head.title))
    effective = read_date(head.effective) if head.effective else None
    review = read_date(head.review) if head.review else None
    line = head.title_span.line
    for name, value, label in (
        ("title", head.title, "title"),
        ("reference", head.reference, "identifier (policy or reference number)"),
        ("effective", head.effective or head.review, "effective or review date"),
    ):
        if not value:
            diagnostics.append(
                Diagnostic("warning", f"found no {label} in the document ({t.name} template)", line=line)
            )
        elif name == "effective" and effective is None and review is None:
            diagnostics.append(Diagnostic("warning", f"could not read the date `{value}`", line=line))
    header = Header(
        title=head.title,
        generic_name=head.title,
        brand_names=(),
        reference_number=head.reference,
        effective_date=effective.date if effective else None,
        last_review=review.date if review else None,
        lines_of_business=tuple(p.strip() for p in re.split(r",|;|\band\b", head.lob) if p.strip()),
        extras=tuple(head.extras),
        span=head.title_span,
    )
    policy = Policy(
        header=header,
        description=(),
        indications_intro=(),
        indications=(),
        criteria_intro=(),
        sections=(),
        appendices_intro=(),
        appendices=(),
        dosing=(),
        dosing_blocks=(),
        availability=(),
        references=(),
        coding_intro=(),
        hcpcs=(),
        revision_log=tuple(sorted(body.history, key=lambda e: e.date or _NEVER)),
        reminder=(),
        template=t.name,
        body=tuple(sections),
        source_name=source,
    )
    return policy, diagnostics


def _leading_names(sections: list[Section], title: str) -> list[Section]:
    """The body without the lines above it that only name the document: its title line (kept in the
    header) and, before the first section with anything under it, the plan's or the site's name
    (``UnitedHealthcare® Commercial``, ``Medical Policy``), kept as paragraphs of the front — whether
    the layout made them headings or not."""
    front: list[SectionBlock] = []
    k = 0
    if sections and sections[0].id == "front":  # (the title line itself is the header's)
        front.extend(
            b for b in sections[0].blocks if not (isinstance(b, Paragraph) and b.text.strip() == title.strip())
        )
        k = 1
    while k < len(sections) and sections[k].title.casefold() not in HEADINGS:
        named = sections[k].title.strip() == title.strip()
        if sections[k].blocks and not (named and _front_only(sections[k])):
            break
        if not named:
            front.append(Paragraph(sections[k].title, sections[k].span))
        front.extend(sections[k].blocks)  # (the title line the layout made a heading: what is under it is front)
        k += 1
    rest = [s for s in sections[k:] if s.blocks or s.title.strip() != title.strip()]
    if not front:
        return rest
    span = sections[0].span if sections else Span(1)
    return [Section("front", "", "", tuple(front), span), *rest]


def _front_links(sections: list[Section]) -> list[Section]:
    """The body with the link blocks above its first section moved into the front: a table of contents
    and lists of links to other documents (``Related Policies`` / ``• Knee Injections``), before the
    first heading of the vocabulary, when one follows — they name documents and pages, no policy text."""
    k = 1 if sections and sections[0].id == "front" else 0
    start = k
    while (
        k < len(sections)
        and _links_only(sections[k])
        and (
            sections[k].title.casefold() not in HEADINGS  # (``Table of Contents`` is a heading of the vocabulary)
            or any(isinstance(b, Paragraph) and contents_line(b.text) for b in sections[k].blocks)
        )
    ):
        k += 1
    if k == start or k == len(sections) or sections[k].title.casefold() not in HEADINGS:
        return sections
    front: list[SectionBlock] = list(sections[0].blocks) if start else []
    for s in sections[start:k]:
        front.extend(_flattened(s))
    span = sections[0].span
    return [Section("front", "", "", tuple(front), span), *sections[k:]]


def _flattened(section: Section) -> list[SectionBlock]:
    """A section's title and blocks, its subsections' written out the same way after them."""
    out: list[SectionBlock] = [Paragraph(section.title, section.span)]
    for b in section.blocks:
        out.extend(_flattened(b) if isinstance(b, Section) else [b])
    return out


def _links_only(section: Section) -> bool:
    """Whether a section holds only a table of contents' lines or lists of short names (links), itself
    and its subsections."""
    if not section.blocks:
        return False
    for b in section.blocks:
        if (isinstance(b, Paragraph) and contents_line(b.text)) or (isinstance(b, Section) and _links_only(b)):
            continue
        if isinstance(b, Bullets) and all(len(i.split()) <= 8 and not i.rstrip().endswith((".", ":", ";"))
                                          for i in b.items):  # fmt: skip
            continue
        return False
    return True


def _front_only(section: Section) -> bool:
    """Whether what is under a heading that repeats the title is front matter: paragraphs only, no
    section, list or table of its own (``Category: Durable Medical Equipment``, a note on the lines of
    business)."""
    return all(isinstance(b, Paragraph) for b in section.blocks)


_NEVER = dt.date(1970, 1, 1)
