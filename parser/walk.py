"""One walk of the AST: every node once, in document order, with its one id.

Every output — outline, canonical text, JSON diff, audit, blame, rule modules,
site anchors — names a node by the id this walk gives it, so a rule's
attestation key, a site anchor, a blame line and a diff line agree.

The id scheme (ids are ASCII ``[A-Za-z0-9._~-]``: safe as URL fragments, HTML
ids and JSON keys):

* **structure**: ``policy``; the parts ``header``, ``description``,
  ``indications``, ``criteria``, ``IV`` (appendices), ``V`` (dosing), ``VI``
  (availability), ``VII`` (references), ``coding``, ``log`` (revision log),
  ``reminder``; sections ``I`` / ``II`` / ``III``; sets ``I.A``; criteria by
  their markers, ``I.A.4.b.ii`` (given by the parser);
* **keyed** where the document has a key, so an id survives reordering:
  header fields ``header.title`` / ``header.reference`` / ``header.effective``
  / ``header.review`` / ``header.lob``; approval durations by line of business
  ``I.A.duration.Commercial`` (``Medicaid/HIM`` → ``Medicaid-HIM``, no line
  named → ``all``); Appendix E states ``IV.E.IN``, abbreviations ``IV.A.AML``,
  therapeutic alternatives ``IV.B.<drug>``, table rows ``IV.D.t1.<first cell>``,
  dosing rows ``V.<indication>``, HCPCS codes ``coding.J2820``, references
  ``VII.<number>``;
* **unread regions** (``parse --recover``: a stretch the family's grammar set aside) ``unread1``, ``unread2`` …
  in document order, each right after the node it followed, its blocks under it (``unread1.p1``,
  ``unread1.b1.2``);
* **ordinal** where it has none: paragraphs ``description.p1``, list items
  ``IV.b1.2`` (the second item of the first list; an item under it ``IV.b1.2.1``,
  also written into the item, :func:`with_bullet_ids`), tables ``IV.D.t1``, indications ``indications.3``, products
  ``VI.2``, header link lines ``header.extra1``, revision-log rows ``log.4``;
* **notes** by the line they were written under and their place there,
  ``I.E.3.b.ii.note1`` — the line a note sits under does not move when a
  neighbouring note comes or goes; ``Visit.owner`` names the criterion it
  qualifies (``I.E.3``).

A key is reduced to its ``[A-Za-z0-9_-]`` runs joined by ``-``; a key that
repeats in one table gets ``~2``, ``~3``.  :class:`Generator` is the base of
every renderer over the walk: one ``visit_<kind>`` method per
:class:`NodeKind`, checked when the class is made, so a new kind of node
cannot be silently skipped by any output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar, NamedTuple, cast

from policyvc.lazy_re import lazy
from policyvc.parser.nodes import (
    Appendix,
    Block,
    Bullet,
    Bullets,
    CriteriaSet,
    Criterion,
    Note,
    Paragraph,
    Policy,
    Section,
    SectionBlock,
    Table,
    iter_criteria,
)


class NodeKind(StrEnum):
    """What a walked node is (the values appear in the JSON outputs and the goldens)."""

    POLICY = "policy"
    PART = "part"
    FIELD = "field"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    TABLE = "table"
    ROW = "row"
    INDICATION = "indication"
    SECTION = "section"
    SET = "set"
    CRITERION = "criterion"
    NOTE = "note"
    DURATION = "duration"
    APPENDIX = "appendix"
    ABBREVIATION = "abbreviation"
    ALTERNATIVE = "alternative"
    STATE = "state"
    DOSING = "dosing"
    PRODUCT = "product"
    REFERENCE = "reference"
    HCPCS = "hcpcs"
    REVISION = "revision"
    HEADING = "heading"  # a section of a document read by its outline (``Section``)


ROW_KINDS = frozenset(
    {NodeKind.ROW, NodeKind.ABBREVIATION, NodeKind.ALTERNATIVE, NodeKind.STATE, NodeKind.DOSING, NodeKind.HCPCS}
)  # keyed table rows: edits to them are row edits


@dataclass(frozen=True, slots=True)
class Field:
    """A header field as a node: ``name`` (``title``, ``reference`` …) and its value as text."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An Appendix A abbreviation as a node (the AST keeps them as ``(abbreviation, meaning)`` pairs)."""

    abbreviation: str
    meaning: str


class Visit(NamedTuple):
    """One node of the walk (a named tuple: every walk makes one a node, and a tuple is made at once where a
    frozen dataclass sets its fields one by one, four times as long).

    ``node`` is the AST object (a :class:`Criterion`, :class:`Note`, a
    ``StateRule`` …; a :class:`Field` for header fields; the text for
    indications; a :class:`Bullet` for a list's item; an :class:`Abbreviation`; the :class:`Policy` for
    the root and parts).  ``key`` is the document's key for keyed nodes (a
    state code, lines of business, a row's first cell); ``marker`` the
    enumerator (``4``, ``b``, ``F``, ``7``);
    ``table`` the table a row belongs to (``Appendix E``, ``Dosing``,
    ``HCPCS``); ``owner`` the id of the criterion or set a note qualifies.
    """

    id: str
    kind: NodeKind
    parent: str | None
    depth: int
    node: object
    key: str | None = None
    marker: str = ""
    table: str | None = None
    owner: str | None = None


_UNSAFE = lazy(r"[^A-Za-z0-9_-]+")


def slug(key: str) -> str:
    """A key as an id component: its ``[A-Za-z0-9_-]`` runs joined by ``-`` (``Medicaid/HIM`` → ``Medicaid-HIM``)."""
    return _UNSAFE.sub("-", key).strip("-") or "x"


def duration_key(lines_of_business: tuple[str, ...]) -> str:
    """The key of an approval duration: its lines of business as written, ``all`` when none is named."""
    return "/".join(lines_of_business) or "all"


def place_notes(s: CriteriaSet) -> tuple[dict[str, list[Note]], dict[int, str]]:
    """A set's notes by the line they were written under (sorted by place), and each note's owner id.

    A note's ``anchor`` is the id of the line above it; when that is not a node
    of the set (an older AST), the note stays with its owner.
    """
    nodes = iter_criteria(s.criteria)
    ids = {c.id for c in nodes} | {s.id}
    placed: dict[str, list[Note]] = defaultdict(list)
    owners: dict[int, str] = {}
    for owner, notes in [(s.id, s.notes), *((c.id, c.notes) for c in nodes)]:
        for note in notes:
            placed[note.anchor if note.anchor in ids else owner].append(note)
            owners[id(note)] = owner
    for placed_notes in placed.values():
        placed_notes.sort(key=lambda n: n.index)
    return placed, owners


class _Walker:
    def __init__(self) -> None:
        self.out: list[Visit] = []
        self.seen: dict[str, int] = {}

    def add(
        self,
        id_: str,
        kind: NodeKind,
        parent: Visit | None,
        node: object,
        *,
        key: str | None = None,
        marker: str = "",
        table: str | None = None,
        owner: str | None = None,
    ) -> Visit:
        n = self.seen.get(id_, 0) + 1
        self.seen[id_] = n
        if n > 1:  # a key repeated in one table (or a document that numbers two things alike)
            id_ = f"{id_}~{n}"
        depth = parent.depth + 1 if parent else 0
        v = Visit(id_, kind, parent.id if parent else None, depth, node, key, marker, table, owner)
        self.out.append(v)
        return v

    def blocks(
        self,
        parent: Visit,
        prefix: str,
        blocks: tuple[Block, ...],
        *,
        skip_bullets: bool = False,
        skip_tables: bool = False,
        table_name: str = "",
        first: int = 0,
    ) -> None:
        counts = {"p": first, "b": 0, "t": 0}  # (``first``: paragraphs of the part numbered before these)
        for block in blocks:
            if isinstance(block, Paragraph):
                counts["p"] += 1
                self.add(f"{prefix}.p{counts['p']}", NodeKind.PARAGRAPH, parent, block)
            elif isinstance(block, Bullets):
                if skip_bullets:
                    continue
                counts["b"] += 1
                self.bullets(parent, f"{prefix}.b{counts['b']}", block.items)
            elif isinstance(block, Table):
                if skip_tables:
                    continue
                counts["t"] += 1
                t = self.add(f"{prefix}.t{counts['t']}", NodeKind.TABLE, parent, block)
                for row in block.rows:
                    self.add(f"{t.id}.{slug(row.key)}", NodeKind.ROW, t, row, key=row.key, table=table_name or prefix)
            else:  # pragma: no cover - the Block union is closed
                raise TypeError(f"unknown block {type(block).__name__}")

    def bullets(self, parent: Visit, prefix: str, items: tuple[Bullet, ...]) -> None:
        """A plain list's items by their place, ``b1.1``, ``b1.2``; an item's sub-items under it, ``b1.2.1``."""
        for k, item in enumerate(items, 1):
            v = self.add(f"{prefix}.{k}", NodeKind.BULLET, parent, item)
            if item.children:
                self.bullets(v, v.id, item.children)

    def criterion(self, parent: Visit, c: Criterion, placed: dict[str, list[Note]], owners: dict[int, str]) -> None:
        v = self.add(c.id, NodeKind.CRITERION, parent, c, marker=c.marker)
        self.notes(v, placed, owners)
        for child in c.children:
            self.criterion(v, child, placed, owners)

    def notes(self, under: Visit, placed: dict[str, list[Note]], owners: dict[int, str]) -> None:
        for k, note in enumerate(placed.get(under.id, ()), 1):
            self.add(f"{under.id}.note{k}", NodeKind.NOTE, under, note, owner=owners[id(note)])

    def criteria_set(self, parent: Visit, s: CriteriaSet) -> None:
        v = self.add(s.id, NodeKind.SET, parent, s, marker=s.letter)
        placed, owners = place_notes(s)
        self.notes(v, placed, owners)
        for c in s.criteria:
            self.criterion(v, c, placed, owners)
        for d in s.durations:
            key = duration_key(d.lines_of_business)
            self.add(f"{s.id}.duration.{slug(key)}", NodeKind.DURATION, v, d, key=key)

    def appendix(self, parent: Visit, a: Appendix) -> None:
        v = self.add(a.id, NodeKind.APPENDIX, parent, a, marker=a.letter)
        name = f"Appendix {a.letter}"
        typed_tables = bool(a.alternatives or a.states)
        typed_bullets = bool(a.abbreviations)
        self.blocks(v, a.id, a.blocks, skip_bullets=typed_bullets, skip_tables=typed_tables, table_name=name)
        for abbr, meaning in a.abbreviations:
            term = Abbreviation(abbr, meaning)
            self.add(f"{a.id}.{slug(abbr)}", NodeKind.ABBREVIATION, v, term, key=abbr, table=name)
        for alt in a.alternatives:
            self.add(f"{a.id}.{slug(alt.drug)}", NodeKind.ALTERNATIVE, v, alt, key=alt.drug, table=name)
        for st in a.states:
            self.add(f"{a.id}.{slug(st.state)}", NodeKind.STATE, v, st, key=st.state, table=name)

    def section(self, parent: Visit, sec: Section) -> None:
        """A heading's section: its blocks in document order (paragraphs ``.p1``, bullets ``.b1.1``,
        tables ``.t1``, criteria groups and subsections by their own ids)."""
        v = self.add(sec.id, NodeKind.HEADING, parent, sec, key=sec.title or sec.id, marker=sec.marker)
        counts = {"p": 0, "b": 0, "t": 0}
        for block in sec.blocks:
            if isinstance(block, Section):
                self.section(v, block)
            elif isinstance(block, CriteriaSet):
                self.criteria_set(v, block)
            elif isinstance(block, Paragraph):
                counts["p"] += 1
                self.add(f"{sec.id}.p{counts['p']}", NodeKind.PARAGRAPH, v, block)
            elif isinstance(block, Bullets):
                counts["b"] += 1
                self.bullets(v, f"{sec.id}.b{counts['b']}", block.items)
            else:
                counts["t"] += 1
                t = self.add(f"{sec.id}.t{counts['t']}", NodeKind.TABLE, v, block)
                title = sec.title or sec.id
                for row in block.rows:
                    self.add(f"{t.id}.{slug(row.key)}", NodeKind.ROW, t, row, key=row.key, table=title)

    def document(self, p: Policy, root: Visit) -> list[Visit]:
        """A document read by its outline: the header, its sections by heading, the revision log."""
        for sec in p.body:
            self.section(root, sec)
        part = self.add("log", NodeKind.PART, root, p, key="log")
        for k, entry in enumerate(p.revision_log, 1):
            self.add(f"log.{k}", NodeKind.REVISION, part, entry)
        self.unread(p, root)
        return self.out

    def unread(self, p: Policy, root: Visit) -> None:
        """The text after the policy that is not read into it (a binder's further policies), when there is any."""
        if p.unread:
            part = self.add("unread", NodeKind.PART, root, p, key="unread")
            self.blocks(part, "unread", p.unread)

    def policy(self, p: Policy) -> list[Visit]:
        root = self.add("policy", NodeKind.POLICY, None, p, key="policy")
        h = p.header
        part = self.add("header", NodeKind.PART, root, p, key="header")
        fields = (
            ("title", h.title),
            ("reference", h.reference_number),
            ("effective", h.effective_date.isoformat() if h.effective_date else ""),
            ("review", str(h.last_review) if h.last_review else ""),
            ("lob", ", ".join(h.lines_of_business)),
        )
        for name, value in fields:
            self.add(f"header.{name}", NodeKind.FIELD, part, Field(name, value), key=name)
        for k, extra in enumerate(h.extras, 1):
            self.add(f"header.extra{k}", NodeKind.FIELD, part, Field(f"extra{k}", extra), key=f"extra{k}")
        if p.body or p.template != "centene-pharmacy":
            self.add("header.template", NodeKind.FIELD, part, Field("template", p.template), key="template")
            return self.document(p, root)
        part = self.add("description", NodeKind.PART, root, p, key="description")
        self.blocks(part, "description", p.description)
        part = self.add("indications", NodeKind.PART, root, p, key="indications")
        self.blocks(part, "indications", p.indications_intro)
        for k, item in enumerate(p.indications, 1):
            self.add(f"indications.{k}", NodeKind.INDICATION, part, item)
        self.blocks(part, "indications", p.indications_after, first=len(p.indications_intro))
        part = self.add("criteria", NodeKind.PART, root, p, key="criteria")
        self.blocks(part, "criteria", p.criteria_intro)
        for sec in p.sections:
            v = self.add(sec.id, NodeKind.SECTION, root, sec, key=sec.id, marker=sec.id)
            self.blocks(v, sec.id, sec.paragraphs)
            for s in sec.sets:
                self.criteria_set(v, s)
            self.plan_sections(p, root, sec.id)
        part = self.add("IV", NodeKind.PART, root, p, key="IV")
        self.blocks(part, "IV", p.appendices_intro)
        for a in p.appendices:
            self.appendix(part, a)
        self.plan_sections(p, root, "IV")
        part = self.add("V", NodeKind.PART, root, p, key="V")
        self.blocks(part, "V", p.dosing_blocks, skip_tables=bool(p.dosing), table_name="Dosing")
        for row in p.dosing:
            self.add(f"V.{slug(row.indication)}", NodeKind.DOSING, part, row, key=row.indication, table="Dosing")
        self.plan_sections(p, root, "V")
        part = self.add("VI", NodeKind.PART, root, p, key="VI")
        for k, product in enumerate(p.availability, 1):
            self.add(f"VI.{k}", NodeKind.PRODUCT, part, product)
        self.plan_sections(p, root, "VI")
        part = self.add("VII", NodeKind.PART, root, p, key="VII")
        for ref in p.references:
            self.add(f"VII.{ref.number}", NodeKind.REFERENCE, part, ref, marker=str(ref.number))
        self.plan_sections(p, root, "VII")
        part = self.add("coding", NodeKind.PART, root, p, key="coding")
        self.blocks(part, "coding", p.coding_intro)
        for code in p.hcpcs:
            self.add(f"coding.{slug(code.code)}", NodeKind.HCPCS, part, code, key=code.code, table="HCPCS")
        part = self.add("log", NodeKind.PART, root, p, key="log")
        for k, entry in enumerate(p.revision_log, 1):
            self.add(f"log.{k}", NodeKind.REVISION, part, entry)
        part = self.add("reminder", NodeKind.PART, root, p, key="reminder")
        self.blocks(part, "reminder", p.reminder)
        self.regions(p, root)
        self.unread(p, root)
        return self.out

    def plan_sections(self, p: Policy, root: Visit, after: str) -> None:
        """A plan's own sections written after the part or criteria section ``after`` (a family policy's), each
        as a section read by its outline."""
        for placed in p.plan_sections:
            if placed.after == after:
                self.section(root, placed.section)

    def regions(self, p: Policy, root: Visit) -> None:
        """Each region the grammar set aside (``parse --recover``), ``unread1``, ``unread2`` …, its blocks under
        it, placed right after the node it followed in the document (at the end when that node is gone)."""
        for k in range(len(p.unread_regions), 0, -1):  # (from the last: two regions after one node keep their order)
            region = p.unread_regions[k - 1]
            start = len(self.out)
            part = self.add(f"unread{k}", NodeKind.PART, root, region, key=f"unread{k}")
            self.blocks(part, part.id, region.blocks)
            made = self.out[start:]
            del self.out[start:]
            at = next((n + 1 for n, v in enumerate(self.out) if v.id == region.after), start)
            self.out[at:at] = made


def walk(policy: Policy) -> Iterator[Visit]:
    """Every node of ``policy`` once, in document order (pre-order), with its one id."""
    return iter(_Walker().policy(policy))


def with_bullet_ids(policy: Policy) -> Policy:
    """``policy`` with each list item's ``id`` the one this walk gives it (the parse's last step), so the AST,
    its JSON and every output name an item alike; an item no walk visits (an abbreviations appendix's list,
    walked as its abbreviations) keeps its empty id."""
    if not any(_has_bullets(blocks) for blocks in _block_runs(policy)):
        return policy
    ids = {id(v.node): v.id for v in _Walker().policy(policy) if v.kind is NodeKind.BULLET}

    def item(b: Bullet) -> Bullet:
        children = tuple(item(c) for c in b.children)
        given = ids.get(id(b), b.id)
        if given == b.id and all(x is y for x, y in zip(children, b.children, strict=True)):
            return b
        return replace(b, id=given, children=children)

    def blocks(run: tuple[SectionBlock, ...]) -> tuple[SectionBlock, ...]:
        if not _has_bullets(run):
            return run
        out: list[SectionBlock] = []
        for block in run:
            if isinstance(block, Bullets):
                out.append(Bullets(tuple(item(i) for i in block.items), block.span))
            elif isinstance(block, Section):
                out.append(replace(block, blocks=blocks(block.blocks)))
            else:
                out.append(block)
        return tuple(out)

    def plain(run: tuple[Block, ...]) -> tuple[Block, ...]:
        return cast("tuple[Block, ...]", blocks(run))  # (a run of blocks only ever gets blocks back)

    return replace(
        policy,
        appendices_intro=plain(policy.appendices_intro),
        appendices=tuple(replace(a, blocks=plain(a.blocks)) for a in policy.appendices),
        dosing_blocks=plain(policy.dosing_blocks),
        body=cast("tuple[Section, ...]", blocks(policy.body)),
        plan_sections=tuple(
            replace(placed, section=replace(placed.section, blocks=blocks(placed.section.blocks)))
            for placed in policy.plan_sections
        ),
        unread_regions=tuple(replace(r, blocks=plain(r.blocks)) for r in policy.unread_regions),
    )


def _block_runs(policy: Policy) -> Iterator[tuple[Block | SectionBlock, ...]]:
    """The runs of blocks of ``policy`` that may hold a list (every other part holds paragraphs only)."""
    yield policy.appendices_intro
    for a in policy.appendices:
        yield a.blocks
    yield policy.dosing_blocks
    yield policy.body
    for placed in policy.plan_sections:
        yield placed.section.blocks
    for r in policy.unread_regions:
        yield r.blocks


def _has_bullets(blocks: tuple[Block | SectionBlock, ...]) -> bool:
    return any(isinstance(b, Bullets) or (isinstance(b, Section) and _has_bullets(b.blocks)) for b in blocks)


def node_ids(policy: Policy) -> dict[str, Visit]:
    """Every node by its id (insertion order is document order)."""
    return {v.id: v for v in walk(policy)}


class Generator:
    """A renderer over the walk: ``visit_<kind>`` for every :class:`NodeKind`, dispatched per node.

    Like sqlglot's ``Generator``: a subclass that lacks a method for some kind
    fails when the class is defined, and a node of a kind no method handles
    (a new kind added to the walk) raises instead of being skipped.
    """

    _dispatch: ClassVar[dict[NodeKind, str]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        missing = [k.value for k in NodeKind if not callable(getattr(cls, f"visit_{k.name.lower()}", None))]
        if missing:
            raise TypeError(f"{cls.__name__} has no visit method for node kind(s): {', '.join(missing)}")
        cls._dispatch = {k: f"visit_{k.name.lower()}" for k in NodeKind}

    def visit(self, v: Visit) -> None:
        name = self._dispatch.get(v.kind)
        if name is None:
            raise TypeError(f"{type(self).__name__} cannot render node {v.id} of kind {v.kind!r}")
        getattr(self, name)(v)

    def run(self, policy: Policy) -> None:
        methods = {kind: getattr(self, name) for kind, name in self._dispatch.items()}  # looked up once, not a node
        for v in walk(policy):
            method = methods.get(v.kind)
            if method is None:
                self.visit(v)  # (the error for a kind no method handles)
            else:
                method(v)
