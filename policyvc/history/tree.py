"""The diffable view of a policy: one flat, pre-ordered tree of every node a diff can report.

The AST has many node types; a tree diff wants one.  Each node here has a
*kind* (``criterion``, ``set``, ``note``, ``state`` …), a stable *id* in its
version (``I.A.4.b``), a *marker* (the enumerator: a property of the node, not
its identity), the *text* that is compared and redlined, and for table rows a
*key* (state, drug, indication, HCPCS code) and a *table* name.  Fixed parts of
the document (header, sections I–III, appendices part, dosing …) are keyed
containers, so they always pair with their counterpart.

The revision log is not part of the tree: it is the claims side of the audit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from policyvc.parser.nodes import (
    Appendix,
    Block,
    Bullets,
    CriteriaSet,
    Criterion,
    Note,
    Paragraph,
    Policy,
    Table,
    iter_criteria,
)

_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")


def norm(text: str) -> str:
    """Whitespace-normalised text: what equality of wording means."""
    return " ".join(text.split())


def masked_tokens(text: str) -> frozenset[str]:
    """Lower-case word tokens with every number replaced by ``#`` (40 and 400 look alike for matching)."""
    return frozenset("#" if _NUMBER.match(w) else w.lower() for w in _WORD.findall(text))


@dataclass(slots=True)
class Tree:
    """Parallel arrays over the nodes in pre-order (a node's index is its document position)."""

    ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)
    tables: list[str | None] = field(default_factory=list)
    refs: list[object] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    end: list[int] = field(default_factory=list)  # index of the last node of the subtree
    hashes: list[int] = field(default_factory=list)  # subtree hash, markers masked
    ctx: list[int] = field(default_factory=list)  # hash of the ancestors' labels
    tokens: list[frozenset[str]] = field(default_factory=list)

    def add(
        self, parent: int, id_: str, kind: str, text: str, *, marker: str = "", key: str | None = None,
        table: str | None = None, ref: object = None,
    ) -> int:  # fmt: skip
        i = len(self.ids)
        self.ids.append(id_)
        self.kinds.append(kind)
        self.markers.append(marker)
        self.texts.append(norm(text))
        self.keys.append(key)
        self.tables.append(table)
        self.refs.append(ref)
        self.parent.append(parent)
        self.children.append([])
        self.end.append(i)
        if parent >= 0:
            self.children[parent].append(i)
        return i

    def size(self, i: int) -> int:
        return self.end[i] - i + 1

    def finish(self) -> Tree:
        n = len(self.ids)
        for i in range(n - 1, -1, -1):  # children have larger indices than their parent
            kids = self.children[i]
            if kids:
                self.end[i] = self.end[kids[-1]]
        self.hashes = [0] * n
        for i in range(n - 1, -1, -1):
            self.hashes[i] = hash(
                (self.kinds[i], self.keys[i], self.texts[i], tuple(self.hashes[c] for c in self.children[i]))
            )
        self.ctx = [0] * n
        for i in range(1, n):
            p = self.parent[i]
            self.ctx[i] = hash((self.ctx[p], self.kinds[p], self.keys[p], self.texts[p]))
        self.tokens = [masked_tokens(t) for t in self.texts]
        return self


def _unique(seen: dict[str, int], id_: str) -> str:
    """Ids stay unique even if a table repeats a key (``IV.E.TX``, ``IV.E.TX#2``)."""
    n = seen.get(id_, 0) + 1
    seen[id_] = n
    return id_ if n == 1 else f"{id_}#{n}"


def _blocks(t: Tree, parent: int, prefix: str, blocks: tuple[Block, ...], *, skip_bullets: bool = False,
            skip_tables: bool = False, table_name: str = "") -> None:  # fmt: skip
    counts = {"p": 0, "b": 0, "t": 0}
    seen: dict[str, int] = {}
    for block in blocks:
        if isinstance(block, Paragraph):
            counts["p"] += 1
            t.add(parent, f"{prefix}.p{counts['p']}", "paragraph", block.text, ref=block)
        elif isinstance(block, Bullets):
            if skip_bullets:
                continue
            counts["b"] += 1
            for k, item in enumerate(block.items, 1):
                t.add(parent, f"{prefix}.b{counts['b']}.{k}", "bullet", item, ref=block)
        elif isinstance(block, Table):
            if skip_tables:
                continue
            counts["t"] += 1
            for row in block.rows:
                text = " | ".join(" / ".join(cell) for cell in row.cells[1:])
                rid = _unique(seen, f"{prefix}.{row.key}")
                t.add(parent, rid, "row", text, key=row.key, table=table_name or prefix, ref=row)


def _criterion(t: Tree, parent: int, c: Criterion, placed: dict[str, list[Note]]) -> None:
    i = t.add(parent, c.id, "criterion", c.text + c.footnote, marker=c.marker, ref=c)
    for k, note in enumerate(placed.get(c.id, ()), 1):
        t.add(i, f"{c.id}.note{k}", "note", note.text, ref=note)
    for child in c.children:
        _criterion(t, i, child, placed)


def _place_notes(s: CriteriaSet) -> dict[str, list[Note]]:
    """Notes by the line they were written under, not by the criterion the parser attached them to.

    Which criterion a note qualifies can shift when a neighbouring note comes or
    goes (a ``*`` claims the first note after it); the line it sits under does
    not, so placing notes by anchor keeps an untouched note where it was.
    """
    nodes = iter_criteria(s.criteria)
    ids = {c.id for c in nodes} | {s.id}
    placed: dict[str, list[Note]] = defaultdict(list)
    for owner, notes in [(s.id, s.notes), *((c.id, c.notes) for c in nodes)]:
        for note in notes:
            placed[note.anchor if note.anchor in ids else owner].append(note)
    for placed_notes in placed.values():
        placed_notes.sort(key=lambda n: n.index)
    return placed


def set_label(s: CriteriaSet) -> str:
    """A set's compared text: its title, the off-label mark and its rule as written."""
    text = s.title + (" (off-label)" if s.off_label else "")
    return text + (f" (must meet {s.rule.text})" if s.rule and s.rule.text else "")


def _set(t: Tree, parent: int, s: CriteriaSet) -> None:
    i = t.add(parent, s.id, "set", set_label(s), marker=s.letter, ref=s)
    placed = _place_notes(s)
    for k, note in enumerate(placed.get(s.id, ()), 1):
        t.add(i, f"{s.id}.note{k}", "note", note.text, ref=note)
    for c in s.criteria:
        _criterion(t, i, c, placed)
    seen: dict[str, int] = {}
    for d in s.durations:
        key = "/".join(d.lines_of_business) or "all"
        t.add(i, _unique(seen, f"{s.id}.duration.{key}"), "duration", d.text, key=key, ref=d)


def _appendix(t: Tree, parent: int, a: Appendix) -> None:
    i = t.add(parent, a.id, "appendix", a.title, marker=a.letter, ref=a)
    name = f"Appendix {a.letter}"
    _blocks(t, i, a.id, a.blocks, skip_bullets=bool(a.abbreviations), skip_tables=bool(a.alternatives or a.states),
            table_name=name)  # fmt: skip
    seen: dict[str, int] = {}
    for abbr, meaning in a.abbreviations:
        t.add(i, _unique(seen, f"{a.id}.{abbr}"), "abbreviation", meaning, key=abbr, table=name)
    for alt in a.alternatives:
        text = f"{' / '.join(alt.regimen)} | {' / '.join(alt.maximum)}"
        t.add(i, _unique(seen, f"{a.id}.{alt.drug}"), "alternative", text, key=alt.drug, table=name, ref=alt)
    for st in a.states:
        flag = ("Yes" if st.prohibited else "No") + (f" {st.mark}" if st.mark else "")
        t.add(i, _unique(seen, f"{a.id}.{st.state}"), "state", f"{flag} | {st.notes}", key=st.state, table=name,
              ref=st)  # fmt: skip


def build_tree(policy: Policy) -> Tree:
    """The diffable tree of ``policy`` (revision log excluded)."""
    t = Tree()
    root = t.add(-1, "policy", "policy", "", key="policy")
    h = policy.header
    part = t.add(root, "header", "part", "Header", key="header")
    t.add(part, "header.title", "field", h.title, key="title")
    t.add(part, "header.reference", "field", h.reference_number, key="reference")
    t.add(part, "header.effective", "field", h.effective_date.isoformat() if h.effective_date else "", key="effective")
    t.add(part, "header.review", "field", str(h.last_review) if h.last_review else "", key="review")
    t.add(part, "header.lob", "field", ", ".join(h.lines_of_business), key="lob")
    part = t.add(root, "description", "part", "Description", key="description")
    for k, p in enumerate(policy.description, 1):
        t.add(part, f"description.p{k}", "paragraph", p.text, ref=p)
    part = t.add(root, "indications", "part", "FDA Approved Indication(s)", key="indications")
    for k, p in enumerate(policy.indications_intro, 1):
        t.add(part, f"indications.p{k}", "paragraph", p.text, ref=p)
    for k, item in enumerate(policy.indications, 1):
        t.add(part, f"indications.{k}", "indication", item)
    part = t.add(root, "criteria", "part", "Policy/Criteria", key="criteria")
    for k, p in enumerate(policy.criteria_intro, 1):
        t.add(part, f"criteria.p{k}", "paragraph", p.text, ref=p)
    for sec in policy.sections:
        i = t.add(root, sec.id, "section", sec.title, key=sec.id, ref=sec)
        for s in sec.sets:
            _set(t, i, s)
    part = t.add(root, "IV", "part", "Appendices/General Information", key="IV")
    _blocks(t, part, "IV", policy.appendices_intro)
    for a in policy.appendices:
        _appendix(t, part, a)
    part = t.add(root, "V", "part", "Dosage and Administration", key="V")
    _blocks(t, part, "V", policy.dosing_blocks, skip_tables=bool(policy.dosing), table_name="Dosing")
    seen: dict[str, int] = {}
    for row in policy.dosing:
        text = f"{' / '.join(row.regimen)} | {' / '.join(row.maximum)}"
        t.add(part, _unique(seen, f"V.{row.indication}"), "dosing", text, key=row.indication, table="Dosing",
              ref=row)  # fmt: skip
    part = t.add(root, "VI", "part", "Product Availability", key="VI")
    for k, product in enumerate(policy.availability, 1):
        t.add(part, f"VI.{k}", "product", product.text, ref=product)
    part = t.add(root, "VII", "part", "References", key="VII")
    for ref in policy.references:
        t.add(part, f"VII.{ref.number}", "reference", ref.text, marker=str(ref.number), ref=ref)
    part = t.add(root, "coding", "part", "Coding Implications", key="coding")
    for k, p in enumerate(policy.coding_intro, 1):
        t.add(part, f"coding.p{k}", "paragraph", p.text, ref=p)
    for code in policy.hcpcs:
        t.add(part, _unique(seen, f"coding.{code.code}"), "hcpcs", code.description, key=code.code, table="HCPCS",
              ref=code)  # fmt: skip
    part = t.add(root, "reminder", "part", "Important Reminder", key="reminder")
    for k, p in enumerate(policy.reminder, 1):
        t.add(part, f"reminder.p{k}", "paragraph", p.text, ref=p)
    return t.finish()


ROW_KINDS = frozenset({"row", "abbreviation", "alternative", "state", "dosing", "hcpcs"})
