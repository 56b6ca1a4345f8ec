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
