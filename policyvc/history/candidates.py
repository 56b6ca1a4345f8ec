"""Which leaves are alike: every pair whose Dice similarity reaches a threshold, without trying every pair.

Leaf matching scores old leaves against new leaves of the same kind by the Dice
coefficient of their word sets.  Scoring every pair is quadratic: a policy whose
criteria are all reworded has thousands of unmatched leaves on each side.  This
finds the same pairs with a prefix filter, as similarity joins do:

* leaves with the same word set are scored once, as one class;
* the words of a group are ordered by how rarely they occur in it (ties by the word);
* a pair reaches ``threshold`` only if it shares at least ``threshold·|A| / (2 − threshold)``
  of each side's words, so its rarest shared word lies in the first ``|A| − that + 1``
  words of each side (its *prefix*);
* so every new class is indexed under the words of its prefix, each old class looks up
  its own prefix words, and only the classes found are scored.

No pair that reaches the threshold is missed (the bound is rounded on the safe side)
and the score is the one an exhaustive comparison computes.  Common words ("the",
"member", a masked number) come last in the order and are rarely in a prefix, so the
work grows with the pairs that share rare words, not with the product of the sides.
Leaves that are exact copies of one another still pair with every copy: ``k`` copies
on each side give ``k²`` pairs (each scored once per class, not once per pair).
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

# how many alike leaves one leaf is scored against, at most (no fixture policy comes near it)
LIMIT = 16
# how many new classes one word's look-up, and one leaf's look-ups together, may bring, at most
WINDOW = 2 * LIMIT


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """The Dice coefficient of two word sets (two empty sets are alike)."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def _classes(sets: Sequence[frozenset[str]]) -> dict[frozenset[str], list[int]]:
    by: dict[frozenset[str], list[int]] = defaultdict(list)
    for k, tokens in enumerate(sets):
        by[tokens].append(k)
    return by


def _prefix(tokens: frozenset[str], rank: dict[str, int], threshold: float) -> list[str]:
    """The rarest words of ``tokens``: any set reaching ``threshold`` with it shares one of them."""
    need = math.floor(threshold * len(tokens) / (2 - threshold))  # a lower bound of the shared words
    return sorted(tokens, key=rank.__getitem__)[: len(tokens) - need + 1]


def _nearest(i: float, keys: list[float], count: int) -> range:
    """The ``count`` entries of the sorted ``keys`` nearest to ``i`` (a range of their indices)."""
    if len(keys) <= count:
        return range(len(keys))
    k = bisect.bisect_left(keys, i)
    lo, hi = k, k  # widen [lo, hi) around the insertion point, the nearer side first
    while hi - lo < count:
        if lo > 0 and (hi >= len(keys) or i - keys[lo - 1] <= keys[hi] - i):
            lo -= 1
        else:
            hi += 1
    return range(lo, hi)


def similar_pairs(
    old: Sequence[frozenset[str]], new: Sequence[frozenset[str]], threshold: float, limit: int = LIMIT
) -> Iterator[tuple[int, int, float]]:
    """``(i, j, dice(old[i], new[j]))`` for the pairs whose score is at least ``threshold`` (in (0, 1]).

    Every such pair, unless a leaf has more than ``limit`` alike on the other side: then the
    ``limit`` word sets sharing the most rare words with it, and of exact copies the ``limit``
    nearest to its place in the document (so that the work stays linear in the leaves).
    """
    if not old or not new:
        return
    old_classes, new_classes = _classes(old), _classes(new)
    counts = Counter(itertools.chain.from_iterable(itertools.chain(old_classes, new_classes)))
    order = sorted(counts)  # by the word, then (a stable sort) by how often: rarest first, ties by the word
    order.sort(key=counts.__getitem__)
    rank = {w: k for k, w in enumerate(order)}
    scale = len(old) / len(new)
    # a new class is named by its first leaf (an int: cheap to count and sort, and it is its document order);
    # each word's new classes in document order, positions scaled to the old side
    members_of: dict[int, list[int]] = {}
    index: dict[str, list[int]] = defaultdict(list)
    where: dict[str, list[float]] = defaultdict(list)
    for tokens, members in new_classes.items():
        first = members[0]
        members_of[first] = members
        for w in _prefix(tokens, rank, threshold):
            index[w].append(first)
            where[w].append(first * scale)
    keys: dict[int, list[float]] = {}  # a class's scaled positions, for its nearest copies
    by_score = operator.itemgetter(0)
    by_place = operator.itemgetter(1)
    for tokens, olds in old_classes.items():
        hits: list[int] = []  # the new classes found, once a prefix word they share
        seen: set[int] = set()
        if not tokens and tokens in new_classes:  # two empty sets are alike; an empty one is like no other
            hits.append(new_classes[tokens][0])
            seen.update(hits)
        for w in _prefix(tokens, rank, threshold):  # rarest first
            posting = index.get(w)
            if posting is None:
                continue
            if len(posting) > WINDOW:  # a common word: only the classes near this one's place
                k = bisect.bisect_left(where[w], olds[0])
                lo = max(0, min(k - WINDOW // 2, len(posting) - WINDOW))
                posting = posting[lo : lo + WINDOW]
            hits += posting
            seen.update(posting)
            if len(seen) >= WINDOW:  # enough to choose the best ``limit`` from
                break
        if len(seen) > limit:  # the most shared rare words first; then the earliest in the new text
            shared = Counter(hits)
            found = sorted(shared)
            found.sort(key=shared.__getitem__, reverse=True)  # (stable: equal counts stay in document order)
            del found[limit:]
        else:
            found = list(seen)
        size = len(tokens)  # dice(tokens, other), inline: it runs once a candidate
        scored: list[tuple[float, int]] = []
        for first in found:
            other = new[first]
            d = 2 * len(tokens & other) / (size + len(other)) if size or other else 1.0
            if d >= threshold:
                scored.append((d, first))
        scored.sort(key=by_place)  # the most alike first, then the earliest
        scored.sort(key=by_score, reverse=True)
        for i in olds:
            budget = limit  # pairs for this leaf: its ``limit`` best, exact copies nearest its place first
            for d, first in scored:
                members = members_of[first]
                if len(members) <= budget:
                    chosen = range(len(members))
                else:
                    if first not in keys:
                        keys[first] = [j * scale for j in members]
                    chosen = _nearest(i, keys[first], budget)
                for k in chosen:
                    yield i, members[k], d
                budget -= min(budget, len(members))
                if not budget:
                    break
