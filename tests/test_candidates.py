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
