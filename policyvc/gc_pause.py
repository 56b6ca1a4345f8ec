"""Pausing the cyclic garbage collector around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection meanwhile (reference counting still frees everything).

    A diff or a read makes objects by the hundred thousand (tuples, lists, word sets) and no cycles, yet
    every full collection walks all of them: the time grows faster than the work.  Nested pauses are fine;
    the collector is enabled again only if it was enabled before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen_for_forks() -> Iterator[None]:
    """The objects this process holds now left out of every cyclic collection meanwhile: around a pool of
    processes forked from it (``ProcessPoolExecutor`` forks on Linux).

    A fork shares each page of memory with its parent until one of them writes to it, and a full collection writes
    to the header of every object it walks — in the parent, which goes on receiving results, and in each worker,
    which inherits the parent's generations — so every module, class and function was copied into each worker and
    counted again in the tree.  Frozen (``gc.freeze``), they stay shared; what either makes afterwards is collected
    as before.  Nested uses are fine: the objects are collected again when the outermost ends."""
    _frozen[0] += 1
    if _frozen[0] == 1:
        gc.collect()  # (garbage of before is not kept, frozen)
        gc.freeze()
    try:
        yield
    finally:
        _frozen[0] -= 1
        if _frozen[0] == 0:
            gc.unfreeze()


_frozen = [0]  # the depth of frozen_for_forks in this process
