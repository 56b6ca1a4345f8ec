"""``policyvc.gc_pause.frozen_for_forks``: what the process holds is left out of collections while a pool forked
from it runs, and collected again when the outermost use ends."""

from __future__ import annotations

import gc

from policyvc.gc_pause import frozen_for_forks


def test_objects_are_frozen_only_while_the_outermost_use_lasts() -> None:
    assert gc.get_freeze_count() == 0
    held = [[i] for i in range(1000)]  # (containers: tracked by the collector)
    with frozen_for_forks():
        frozen = gc.get_freeze_count()
        assert frozen >= len(held)
        with frozen_for_forks():  # (nested: a pool inside another's block)
            assert gc.get_freeze_count() >= frozen
        assert gc.get_freeze_count() >= frozen  # (the outer use still holds them)
    assert gc.get_freeze_count() == 0


def test_garbage_of_before_is_collected_not_frozen() -> None:
    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector frees it
    ids = {id(a), id(b)}
    del a, b
    with frozen_for_forks():
        assert not [o for o in gc.get_objects() if id(o) in ids and isinstance(o, Node)]
