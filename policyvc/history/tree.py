"""The diffable view of a policy: one flat, pre-ordered tree of every node a diff can report.

The AST has many node types; a tree diff wants one.  The nodes are those of
the one walk (:mod:`policyvc.parser.walk`), with its ids, kinds, keys and
markers (the enumerator: a property of the node, not its identity); this
module adds the *text* that is compared and redlined.  Fixed parts of the
document (header, sections I–III, appendices part, dosing …) are keyed
containers, so they always pair with their counterpart.

The revision log is not part of the tree: it is the claims side of the audit.  Nor is a table of contents'
entry (``Coverage Rationale ........ 3``): it points to a page, which moves with every edit above it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from policyvc.parser.nodes import (
    Alternative,
    Appendix,
    ApprovalDuration,
    Bullet,
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
    Row,
    Section,
    StateRule,
    Table,
)
from policyvc.parser.outline import contents_line
from policyvc.parser.walk import ROW_KINDS, Abbreviation, Field, Generator, NodeKind, Visit

_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:['.-][a-z0-9]+)*")  # _WORD on lower-cased ASCII text (held equal by a test)


def norm(text: str) -> str:
    """Whitespace-normalised text: what equality of wording means."""
    return " ".join(text.split())


# a hyphen with a letter on both sides (``modu-late``), or at a wrapped word's end before a lower-case letter
# (``modu- late``): a line-end hyphenation one copy kept and the other did not.  Every hyphen form counts:
# ``-``, U+2010 HYPHEN (pdftotext's for a browser's automatic hyphenation), U+2011, a soft hyphen U+00AD.
# (The hyphen comes first and the letter before it is looked behind from after it: the regex engine then
# jumps from hyphen to hyphen instead of testing the look-behind at every character; held equal by a test.)
_HYPHEN_FORMS = "-\u2010\u2011\u00ad"
_H = "[-\u2010\u2011\u00ad]"
_SPLIT_WORD = re.compile(rf"{_H}(?<=[^\W\d_]{_H})(?:(?=[^\W\d_])| (?=[^\W\d_A-Z]))")
# the first kind only (a hyphen inside a word): what :func:`joined` does to each word of a text, done to the text
_INNER_HYPHEN = re.compile(rf"{_H}(?<=[^\W\d_]{_H})(?=[^\W\d_])")


def _typeset(text: str) -> str:
    """What a subtree's hash reads of its text: the text, folded when it holds typography (:func:`folded`), in
    lower case (a copy that prints a line in capitals, a style's ``text-transform`` or a run's all-caps, against
    one that does not: :func:`same_wording`)."""
    return (text if text.isascii() else folded(text)).lower()


def has_hyphen(text: str) -> bool:
    """Whether ``text`` holds a hyphen of any form (:data:`_HYPHEN_FORMS`)."""
    return "-" in text or (not text.isascii() and any(h in text for h in _HYPHEN_FORMS[1:]))


def joined(text: str) -> str:
    """``text`` with every word hyphenated inside (:data:`_SPLIT_WORD`) written joined: ``modu-late`` → ``modulate``."""
    return _SPLIT_WORD.sub("", text) if has_hyphen(text) else text


def joined_words(text: str) -> list[str]:
    """``[joined(w) for w in text.split()]``: a hyphen between two letters never touches a space, so the text
    can be joined once and then split."""
    return _INNER_HYPHEN.sub("", text).split() if has_hyphen(text) else text.split()


# a copy's typography, not its wording: curly quotes and primes for straight ones, every dash for ``-``, a
# non-breaking, thin or other Unicode space for a space (a word processor's smart quotes against a plain-text
# copy's, a web page's ``&nbsp;``) — compared folded, shown as written
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u2008", " "),
    }
)


def folded(text: str) -> str:
    """``text`` with its typography folded (:data:`_TYPOGRAPHY`) and its whitespace normalised: two copies of one
    wording, one typeset and one plain, fold to the same string."""
    return " ".join(text.translate(_TYPOGRAPHY).split()) if not text.isascii() else " ".join(text.split())


def same_wording(old: str, new: str) -> bool:
    """Equal wording, or wording that differs only by typography (curly against straight quotes, a dash against a
    hyphen, a non-breaking space: :func:`folded`), by letter case, or by words hyphenated on one side and joined
    on the other.

    Letter case is a copy's styling as much as its spacing is: a page printed from a style sheet that sets a
    heading or a plan's name in capitals (``text-transform: uppercase``, a Word run's all-caps) gives
    ``SANFORD HEALTH PLAN`` where the other copy gives ``Sanford Health Plan``.  So a change of case alone
    (``must`` → ``MUST``) is no change of the text either.

    Only a hyphen between two letters is dropped, so a hyphenated compound that became another word
    (``short-acting`` → ``long-acting``) and any change of letters or digits still differ.
    """
    if old == new:
        return True
    if not (old.isascii() and new.isascii()):
        old, new = folded(old), folded(new)
        if old == new:
            return True
    if old.lower() == new.lower():
        return True
    return (has_hyphen(old) or has_hyphen(new)) and joined(old).lower() == joined(new).lower()


def masked_tokens(text: str) -> frozenset[str]:
    """Lower-case word tokens with every number replaced by ``#`` (40 and 400 look alike for matching)."""
    if text.isascii():  # lower-casing ASCII first keeps every word where it is, and is one call, not one a word
        return frozenset(["#" if w[0].isdigit() and _NUMBER.match(w) else w for w in _ASCII_WORD.findall(text.lower())])
    return frozenset(["#" if w[0].isdecimal() and _NUMBER.match(w) else w.lower() for w in _WORD.findall(text)])


# a node as the walk gives it: id, kind, marker, compared text (whitespace-normalised), key, table (rows),
# its AST node, its parent's index (-1: the root)
Node = tuple[str, NodeKind, str, str, str | None, str | None, object, int]


@dataclass(slots=True)
class Tree:
    """Parallel arrays over the nodes in pre-order (a node's index is its document position)."""

    ids: list[str] = field(default_factory=list)
    kinds: list[NodeKind] = field(default_factory=list)
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
    tokens: list[frozenset[str] | None] = field(default_factory=list)  # see words(): made when first asked for
    # masked word sets by text: a policy repeats its wording; a diff gives its two trees one (see words())
    by_text: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, nodes: list[Node]) -> Tree:
        """The tree of ``nodes`` (pre-order; a node's parent comes before it), its arrays filled in."""
        t = cls()
        if nodes:  # one node a tuple, the arrays made from them at once (not ten appends a node)
            t.ids, t.kinds, t.markers, t.texts, t.keys, t.tables, t.refs, t.parent = map(list, zip(*nodes, strict=True))
        t.children = [[] for _ in nodes]
        for i, p in enumerate(t.parent):
            if p >= 0:
                t.children[p].append(i)
        t.end = list(range(len(nodes)))
        return t.finish()

    def size(self, i: int) -> int:
        return self.end[i] - i + 1

    def words(self, i: int) -> frozenset[str]:
        """Node ``i``'s masked word set (:func:`masked_tokens`): only nodes no exact match pairs need one."""
        found = self.tokens[i]
        if found is None:
            text = self.texts[i]
            found = self.by_text.get(text)
            if found is None:
                found = self.by_text[text] = masked_tokens(text)
            self.tokens[i] = found
        return found

    def finish(self) -> Tree:
        n = len(self.ids)
        end, children, kinds, keys, texts = self.end, self.children, self.kinds, self.keys, self.texts
        hashes = self.hashes = [0] * n
        for i in range(n - 1, -1, -1):  # children have larger indices than their parent
            kids = children[i]
            if kids:
                end[i] = end[kids[-1]]
                hashes[i] = hash((kinds[i], keys[i], _typeset(texts[i]), tuple([hashes[c] for c in kids])))
            else:
                hashes[i] = hash((kinds[i], keys[i], _typeset(texts[i]), ()))
        ctx = self.ctx = [0] * n
        parent = self.parent
        for i in range(1, n):
            p = parent[i]
            ctx[i] = hash((ctx[p], kinds[p], keys[p], _typeset(texts[p])))
        self.tokens = [None] * n
        return self


_PART_TITLES = {
    "header": "Header", "description": "Description", "indications": "FDA Approved Indication(s)",
    "criteria": "Policy/Criteria", "IV": "Appendices/General Information", "V": "Dosage and Administration",
    "VI": "Product Availability", "VII": "References", "coding": "Coding Implications",
    "reminder": "Important Reminder",
}  # fmt: skip


def set_label(s: CriteriaSet) -> str:
    """A set's compared text: its title, the off-label mark and its rule as written."""
    text = s.title + (" (off-label)" if s.off_label else "")
    return text + (f" (must meet {s.rule.text})" if s.rule and s.rule.text else "")


def _cells(*parts: tuple[str, ...]) -> str:
    return " | ".join(" / ".join(p) for p in parts)


class _TreeBuilder(Generator):
    """The walk as a diff tree; the revision log is left out (it is the audit's claims, not the text)."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.index: dict[str, int] = {}
        self.skip: set[str] = set()

    def add(self, v: Visit, text: str) -> None:
        if v.parent in self.skip:
            self.skip.add(v.id)
            return
        parent = self.index[v.parent] if v.parent is not None else -1
        self.index[v.id] = len(self.nodes)
        table = v.table if v.kind in ROW_KINDS else None
        self.nodes.append((v.id, v.kind, v.marker, norm(text), v.key, table, v.node, parent))

    def visit_policy(self, v: Visit) -> None:
        self.add(v, "")

    def visit_part(self, v: Visit) -> None:
        if v.id == "log":
            self.skip.add(v.id)
            return
        self.add(v, _PART_TITLES.get(v.id, "Not read" if v.id.startswith("unread") else v.id))

    def visit_field(self, v: Visit) -> None:
        assert isinstance(v.node, Field)
        self.add(v, v.node.value)

    def visit_paragraph(self, v: Visit) -> None:
        assert isinstance(v.node, Paragraph)
        if contents_line(v.node.text):
            self.skip.add(v.id)  # (a contents entry's page moves with every edit above it: no change of the text)
            return
        self.add(v, v.node.text)

    def visit_bullet(self, v: Visit) -> None:
        assert isinstance(v.node, Bullet)
        self.add(v, v.node.text)

    def visit_table(self, v: Visit) -> None:
        assert isinstance(v.node, Table)
        self.add(v, " | ".join(v.node.header))

    def visit_row(self, v: Visit) -> None:
        assert isinstance(v.node, Row)
        self.add(v, _cells(*v.node.cells[1:]))  # the key cell is the row's key, not its text

    def visit_indication(self, v: Visit) -> None:
        assert isinstance(v.node, str)
        self.add(v, v.node)

    def visit_heading(self, v: Visit) -> None:
        assert isinstance(v.node, Section)  # a section of a document read by its outline: keyed by its id
        self.add(v, v.node.title)

    def visit_section(self, v: Visit) -> None:
        assert isinstance(v.node, CriteriaSection)
        self.add(v, v.node.title)

    def visit_set(self, v: Visit) -> None:
        assert isinstance(v.node, CriteriaSet)
        self.add(v, set_label(v.node))

    def visit_criterion(self, v: Visit) -> None:
        assert isinstance(v.node, Criterion)
        self.add(v, v.node.text + v.node.footnote)

    def visit_note(self, v: Visit) -> None:
        assert isinstance(v.node, Note)
        self.add(v, v.node.text)

    def visit_duration(self, v: Visit) -> None:
        assert isinstance(v.node, ApprovalDuration)
        self.add(v, v.node.text)

    def visit_appendix(self, v: Visit) -> None:
        assert isinstance(v.node, Appendix)
        self.add(v, v.node.title)

    def visit_abbreviation(self, v: Visit) -> None:
        assert isinstance(v.node, Abbreviation)
        self.add(v, v.node.meaning)

    def visit_alternative(self, v: Visit) -> None:
        assert isinstance(v.node, Alternative)
        self.add(v, _cells(v.node.regimen, v.node.maximum))

    def visit_state(self, v: Visit) -> None:
        st = v.node
        assert isinstance(st, StateRule)
        flag = ("Yes" if st.prohibited else "No") + (f" {st.mark}" if st.mark else "")
        self.add(v, f"{flag} | {st.notes}")

    def visit_dosing(self, v: Visit) -> None:
        assert isinstance(v.node, DosingRow)
        self.add(v, _cells(v.node.regimen, v.node.maximum))

    def visit_product(self, v: Visit) -> None:
        assert isinstance(v.node, Product)
        self.add(v, v.node.text)

    def visit_reference(self, v: Visit) -> None:
        assert isinstance(v.node, Reference)
        self.add(v, v.node.text)

    def visit_hcpcs(self, v: Visit) -> None:
        assert isinstance(v.node, HcpcsCode)
        self.add(v, v.node.description)

    def visit_revision(self, v: Visit) -> None:
        self.add(v, "")  # under the skipped log part: never reached


def build_tree(policy: Policy) -> Tree:
    """The diffable tree of ``policy`` (revision log excluded), ids from the one walk.

    Inside :func:`shared_trees`, built once per policy object and shared by every diff that asks for it.
    """
    shared: dict[int, tuple[Policy, Tree]] | None = getattr(_SHARED, "trees", None)
    if shared is not None and (hit := shared.get(id(policy))) is not None and hit[0] is policy:
        return hit[1]
    builder = _TreeBuilder()
    builder.run(policy)
    tree = Tree.of(builder.nodes)
    if shared is not None:
        shared[id(policy)] = (policy, tree)  # (the policy held too: its id is not reused while the tree is kept)
    return tree


# ``trees``: the trees kept by the open shared_trees() of this thread, by the id of their policy
_SHARED = threading.local()


@contextmanager
def shared_trees() -> Iterator[None]:
    """Within: each policy's tree is built once, however many diffs it is in.

    The versions of one policy are diffed pairwise (the history's consecutive pairs, the site's every pair, the
    blame), each version in several pairs; building its tree was about a quarter of a diff's time and gives the
    same tree every time.  A tree is only read by a diff, but for the word sets it caches (:meth:`Tree.words`, pure
    functions of the text), so sharing it changes no result.  The trees are dropped at the end of the block.
    """
    if getattr(_SHARED, "trees", None) is not None:  # (inside another such block: its trees are the ones shared)
        yield
        return
    _SHARED.trees = {}
    try:
        yield
    finally:
        _SHARED.trees = None


__all__ = ["ROW_KINDS", "Tree", "build_tree", "folded", "masked_tokens", "norm", "set_label", "shared_trees"]
