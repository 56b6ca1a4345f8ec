"""Producer noise: changes that only re-cut the same words (one copy's reading of a table or a block, another's).

Two producers of one document can read the same text differently: a table's cells as keyed rows in one copy and
as run-together paragraphs in the other (``Coding`` rows whose descriptions shifted one row up, a dosing table
read as lines of ``Product Availability``), a header field wrapped into a paragraph below it (``MVP Commercial,
MVP`` + ``Medicaid Managed Care, MVP Child Health Plus``), a block split into bullets. The diff sees inserts,
deletes and updates; the words are the same. A group of changes whose words are the same multiset in both
versions — only re-ordered or re-paired — changes no criterion, so the audit needs no clause for it.

A group is the changes of the same part of the document (the top of a node's id, the head's fields and its front
matter one part), joined through any change that has a side in each. A group is noise when its words balance,
or when they balance once one or two of its changes are left out (those stay to be explained: the real change
the noise sits beside). What is tolerated in the balance: a word one reading wrote joined and the other split
(``ICS-LABA`` / ``ICSLABA``, ``peer-reviewed`` / ``peerreviewed``), and, in a group holding a keyed table row or a
table, a known table's header row whole (``Drug Name | Dosing Regimen | Dose Limit/Maximum Dose``), which the typed
rows do not carry and a reading of the table as text does. Never a number: a number that differs is a change.

What is never called noise this way: a single change (a sentence whose words were re-ordered may say something
else), a group that inserts, deletes or empties no node (values swapped between rows in place may be real), whole
nodes that only moved (the same texts, each with its key), and a criterion, set or note that moved — by the diff's
move or deleted in one place and inserted word for word in another.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from policyvc.history.diff import Edit, EditKind
from policyvc.parser.vocabulary import KNOWN_TABLES
from policyvc.parser.walk import NodeKind

__all__ = ["reread_noise", "run_in_lines"]

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# the header rows of the known tables (the typed rows do not carry them; a reading of the table as text does), and
# the alternatives table's ``Drug Name`` header, each as a multiset of words
_HEADERS = tuple(
    sorted(
        {
            tuple(sorted(w.lower() for cell in row for w in _TOKEN.findall(cell)))
            for table in KNOWN_TABLES
            if not table.revision_log
            for row in (*table.headers(), *((("Drug Name", *table.header[1:]),) if table.header[0] == "Drug" else ()))
        },
        key=lambda words: (-len(words), words),
    )
)
_HEADS = frozenset({"header", "front"})  # the head's fields and its front matter: one part
_STAYS = frozenset({NodeKind.CRITERION, NodeKind.SET, NodeKind.NOTE, NodeKind.DURATION})
_MAX_PAIRS = 30  # a group larger than this is only tried whole or less one change


def _words(text: str | None) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def _side(e: Edit, old: bool) -> Counter[str]:
    text = e.old_text if old else e.new_text
    has = e.old_id is not None if old else e.new_id is not None
    words = _words(text)
    if has and e.key:
        words.update(_words(e.key))
    if e.content and ((old and e.kind.is_delete) or (not old and e.kind.is_insert)):
        for line in e.content:
            # (a heading keyed by its own title is written ``HCPCS: HCPCS``: its words once)
            key, _, rest = line.strip().partition(": ")
            words.update(_words(rest if rest and rest.startswith(key) else line))
    return words


def _delta(e: Edit) -> Counter[str]:
    """The words the change adds (positive) and removes (negative)."""
    d = _side(e, old=False)
    d.subtract(_side(e, old=True))
    return Counter({w: n for w, n in d.items() if n})


def _split_from(word: str, pool: Counter[str], depth: int = 2) -> list[str] | None:
    """``word`` written as two or three words of ``pool`` run together (``icslaba`` = ``ics`` + ``laba``)."""
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        if pool[head] <= 0:
            continue
        if pool[tail] > 0 and (head != tail or pool[head] > 1):
            return [head, tail]
        if depth > 1:
            pool[head] -= 1
            rest = _split_from(tail, pool, depth - 1)
            pool[head] += 1
            if rest:
                return [head, *rest]
    return None


def _balanced(d: Counter[str], table: bool) -> bool:
    plus = Counter({w: n for w, n in d.items() if n > 0})
    minus = Counter({w: -n for w, n in d.items() if n < 0})
    if any(w.isdigit() for w in (*plus, *minus)):
        return False  # (a number that differs is a change)
    for side, other in ((plus, minus), (minus, plus)):
        for w in sorted(side):
            while side[w] > 0 and w.isalpha() and (parts := _split_from(w, other)):
                side[w] -= 1
                other.subtract(parts)
    for side in (plus, minus):
        side = +side
        for header in _HEADERS if table else ():
            words = Counter(header)
            while side and not words - side:
                side.subtract(words)
                side = +side
        if side:
            return False
    return True


def _letters(d: Counter[str]) -> int:
    """The letters (and digits) ``d`` adds less those it removes."""
    return sum(len(w) * n for w, n in d.items())


def _total(ks: Iterable[int], deltas: Sequence[Counter[str]]) -> Counter[str]:
    t: Counter[str] = Counter()
    for k in ks:
        t.update(deltas[k])
    return t


def _recut(ks: Sequence[int], changes: Sequence[Edit]) -> bool:
    """Whether the changes re-cut text (some node inserted, deleted or emptied), not only moved whole nodes or
    changed words in place."""
    edits = [changes[k] for k in ks]
    if len(edits) < 2 or not any(
        e.kind.is_insert or e.kind.is_delete or (e.kind.is_update and not (e.old_text and e.new_text)) for e in edits
    ):
        return False
    gone = sorted((e.key or "", " ".join(e.old_text.split())) for e in edits if e.old_id is not None and e.old_text)
    came = sorted((e.key or "", " ".join(e.new_text.split())) for e in edits if e.new_id is not None and e.new_text)
    return gone != came


def _part(node_id: str | None) -> str | None:
    if node_id is None:
        return None
    top = node_id.split(".")[0]
    return "head" if top in _HEADS else top


def reread_noise(changes: Sequence[Edit], left_out: Iterable[int] = ()) -> frozenset[int]:
    """The indexes of ``changes`` that are a re-reading of the same words (see the module's doc).

    ``left_out``: changes that take no part (the head's review dates: their words differ by design).
    """
    skip = set(left_out)
    ks = [k for k in range(len(changes)) if k not in skip and changes[k].kind is not EditKind.RENUMBER]
    deltas = [_delta(e) for e in changes]
    # groups: changes of one part, joined through a change with a side in each of two parts
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k in ks:
        parts = [p for p in (_part(changes[k].old_id), _part(changes[k].new_id)) if p]
        for p in parts[1:]:
            parent[find(p)] = find(parts[0])
    groups: dict[str, list[int]] = {}
    for k in ks:
        part = _part(changes[k].new_id) or _part(changes[k].old_id)
        if part is not None:
            groups.setdefault(find(part), []).append(k)
    noise: set[int] = set()
    order = sorted(groups.values(), key=min)
    settled = [_settle(members, changes, deltas) for members in order]
    # a part read into the next one (a dosing table's cells read as lines of Product Availability): two
    # neighbouring parts, neither balanced alone, tried together
    for i in range(len(order) - 1):
        if settled[i] is None and settled[i + 1] is None:
            both = _settle(order[i] + order[i + 1], changes, deltas)
            if both is not None:
                settled[i], settled[i + 1] = both, ()
    for members, kept in zip(order, settled, strict=True):
        if kept is None:
            continue
        noise.update(
            k for k in members if k not in kept and not (changes[k].kind is EditKind.MOVE and changes[k].node in _STAYS)
        )
    return frozenset(noise - _moved_whole(changes, noise))


def _moved_whole(changes: Sequence[Edit], ks: Iterable[int]) -> set[int]:
    """A criterion, set or note deleted in one place and inserted word for word in another: a move the diff did
    not pair, which the audit judges as such — never noise, whatever re-reading sits beside it."""

    def said(e: Edit) -> tuple[NodeKind, str]:
        return e.node, " ".join(((e.old_text if e.kind.is_delete else e.new_text) or "").split())

    mine = [k for k in ks if changes[k].node in _STAYS and (changes[k].kind.is_insert or changes[k].kind.is_delete)]
    gone = {said(changes[k]) for k in mine if changes[k].kind.is_delete}
    came = {said(changes[k]) for k in mine if changes[k].kind.is_insert}
    return {k for k in mine if said(changes[k]) in gone & came}


def _settle(members: list[int], changes: Sequence[Edit], deltas: Sequence[Counter[str]]) -> tuple[int, ...] | None:
    """The changes of a group left out for its other changes to balance (none, one or two), or ``None``."""
    table = any(changes[k].kind.is_row or changes[k].node is NodeKind.TABLE for k in members)
    total = _total(members, deltas)
    # two things a balance needs, tested before any words are counted out (most tries fail on them): no number
    # left over, and — but for a table's header row, taken whole from one side — as many letters added as removed
    # (a word read run together keeps the letters of its parts: ``icslaba`` = ``ics`` + ``laba``)
    length = {k: _letters(deltas[k]) for k in members}
    whole = sum(length.values())
    numbered = frozenset(k for k in members if any(w.isdigit() for w in deltas[k]))
    numbers_left = any(n and w.isdigit() for w, n in total.items())
    sizes = (0, 1, 2) if len(members) <= _MAX_PAIRS else (0, 1)
    for size in sizes:
        for out in itertools.combinations(members, size):
            if (not table and whole != sum(length[k] for k in out)) or (numbers_left and numbered.isdisjoint(out)):
                continue
            rest = [k for k in members if k not in out]
            t = total.copy()
            for k in out:
                t.subtract(deltas[k])
            if _balanced(t, table) and _recut(rest, changes):
                return out
    return None


# a labelled line (``Product Name: Wegovy, Saxenda``, ``Approval Length: 12 months``): a field of the form, never a
# clause of a sentence
_LABELLED = re.compile(r"[A-Z][A-Za-z/&()' -]{0,40}:\s*\S.*")


def run_in_lines(changes: Sequence[Edit]) -> frozenset[int]:
    """Updates whose only edit is a labelled line one reading ran onto the end of the node (``… containing product
    Product Name: Wegovy, Saxenda``) and the other read as a node of its own, inserted (or, the other way round,
    deleted) in the same step: the line's own node carries the change, if any — the update is none."""

    def said(text: str | None) -> str:
        return " ".join((text or "").split())

    came = [said(e.new_text) for e in changes if e.kind.is_insert]
    gone = [said(e.old_text) for e in changes if e.kind.is_delete]
    out: set[int] = set()
    for k, e in enumerate(changes):
        if not e.kind.is_update or len(e.redline) != 2 or e.redline[0][0] != "=":
            continue
        op, tail = e.redline[1][0], said(e.redline[1][1])
        if op not in "-+" or len(tail.split()) < 2 or not _LABELLED.fullmatch(tail):
            continue
        if any(
            t == tail or t.startswith(tail + " ") or t.startswith(tail + ",") for t in (came if op == "-" else gone)
        ):
            out.add(k)
    return frozenset(out)
