"""The leaf index finds the pairs an exhaustive comparison finds, with their scores.

``policyvc.history.candidates.similar_pairs`` replaces the all-pairs loop of leaf matching;
as long as no leaf has more alike partners than its limit, it must return exactly the
pairs (and Dice scores) that comparing every old leaf with every new leaf returns.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.history.candidates import LIMIT, dice, similar_pairs

_WORDS = st.sampled_from(["the", "member", "#", "mg", "age", "dose", "iv", "sc", "daily", "or", "of", "with"] + [
    f"w{k}" for k in range(30)
])  # fmt: skip
_SETS = st.lists(st.frozensets(_WORDS, max_size=9), max_size=24)


def _brute(old: list[frozenset[str]], new: list[frozenset[str]], t: float) -> set[tuple[int, int, float]]:
    return {(i, j, dice(a, b)) for i, a in enumerate(old) for j, b in enumerate(new) if dice(a, b) >= t}


@settings(max_examples=examples(400))
@given(_SETS, _SETS, st.sampled_from([0.5, 0.6, 0.34, 1.0]))
def test_the_index_finds_every_pair_an_exhaustive_comparison_finds(
    old: list[frozenset[str]], new: list[frozenset[str]], t: float
) -> None:
    expected = _brute(old, new, t)
    per_leaf = max((sum(1 for i, _, _ in expected if i == k) for k in range(len(old))), default=0)
    found = list(similar_pairs(old, new, t, limit=max(LIMIT, per_leaf)))
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_a_leaf_with_many_copies_is_paired_with_the_nearest_ones() -> None:
    line = frozenset({"medicaid", "him", "#", "months"})
    old, new = [line] * 100, [line] * 100
    pairs = list(similar_pairs(old, new, 0.5, limit=4))
    assert len(pairs) == 400
    assert {(i, i) for i in range(100)} <= {(i, j) for i, j, _ in pairs}  # each with the copy in its place
    assert all(abs(i - j) < 4 for i, j, _ in pairs)


def _reference(
    old: list[frozenset[str]], new: list[frozenset[str]], t: float, limit: int
) -> set[tuple[int, int, float]]:
    """The index as first written (classes named by their word sets, candidates counted and sorted by tuples):
    what the faster one must still choose when a leaf has more alike than ``limit``."""
    import bisect
    import itertools
    from collections import Counter, defaultdict

    from policyvc.history.candidates import WINDOW, _classes, _nearest, _prefix

    out: set[tuple[int, int, float]] = set()
    if not old or not new:
        return out
    old_classes, new_classes = _classes(old), _classes(new)
    counts = Counter(itertools.chain.from_iterable(itertools.chain(old_classes, new_classes)))
    order = sorted(counts)
    order.sort(key=counts.__getitem__)
    rank = {w: k for k, w in enumerate(order)}
    scale = len(old) / len(new)
    index: dict[str, list[frozenset[str]]] = defaultdict(list)
    where: dict[str, list[float]] = defaultdict(list)
    for tokens, members in new_classes.items():
        for w in _prefix(tokens, rank, t):
            index[w].append(tokens)
            where[w].append(members[0] * scale)
    for tokens, olds in old_classes.items():
        shared: dict[frozenset[str], int] = {}
        if not tokens and tokens in new_classes:
            shared[tokens] = 1
        for w in _prefix(tokens, rank, t):
            posting = index.get(w, [])
            if len(posting) > WINDOW:
                k = bisect.bisect_left(where[w], olds[0])
                lo = max(0, min(k - WINDOW // 2, len(posting) - WINDOW))
                posting = posting[lo : lo + WINDOW]
            for other in posting:
                shared[other] = shared.get(other, 0) + 1
            if len(shared) >= WINDOW:
                break
        found = list(shared)
        if len(found) > limit:
            found.sort(key=lambda other: (-shared[other], new_classes[other][0]))
            del found[limit:]
        scored = [(dice(tokens, other), other) for other in found if dice(tokens, other) >= t]
        scored.sort(key=lambda item: (-item[0], new_classes[item[1]][0]))
        for i in olds:
            budget = limit
            for d, other in scored:
                members = new_classes[other]
                chosen = (
                    range(len(members)) if len(members) <= budget else _nearest(i, [j * scale for j in members], budget)
                )
                out.update((i, members[k], d) for k in chosen)
                budget -= min(budget, len(members))
                if not budget:
                    break
    return out


_FEW = st.sampled_from(["the", "member", "#", "mg", "age", "w1", "w2", "w3", "w4", "w5"])
_ALIKE = st.lists(st.frozensets(_FEW, max_size=5), min_size=1, max_size=8)


@settings(max_examples=examples(400))
@given(_ALIKE, st.lists(st.integers(0, 60), max_size=60), st.lists(st.integers(0, 60), max_size=60),
       st.sampled_from([0.5, 0.34, 1.0]), st.integers(1, 5))  # fmt: skip
def test_past_its_limit_the_index_chooses_as_first_written(
    pool: list[frozenset[str]], olds: list[int], news: list[int], t: float, limit: int
) -> None:
    # few distinct word sets, many copies of each: every leaf has more alike than its limit
    old, new = [pool[k % len(pool)] for k in olds], [pool[k % len(pool)] for k in news]
    found = list(similar_pairs(old, new, t, limit=limit))
    assert len(found) == len(set(found))
    assert set(found) == _reference(old, new, t, limit)


def test_the_reworded_benchmark_pairs_are_those_first_written() -> None:
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    from bench_diff import large_policy, reworded  # the benchmark's generator: copies with their own words

    from policyvc.history.tree import build_tree
    from policyvc.parser import parse_file

    seed = parse_file(root / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt")
    a, b = build_tree(large_policy(seed, 4)), build_tree(reworded(large_policy(seed, 4)))
    old = [a.words(i) for i in range(len(a.ids)) if not a.children[i]]
    new = [b.words(i) for i in range(len(b.ids)) if not b.children[i]]
    for limit in (LIMIT, 3):
        assert set(similar_pairs(old, new, 0.5, limit=limit)) == _reference(old, new, 0.5, limit)
