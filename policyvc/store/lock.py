"""The store's writer lock: one ``flock`` on ``<store>/.policyvc.lock``.

Every writer (ingest, import-history, sync, the git recording) holds it around
its whole read–modify–commit, so two processes never interleave their checks,
writes and branch updates.  ``flock`` belongs to the open file: when a process
dies, even by SIGKILL, the kernel drops its lock, so a killed writer never
leaves a stale lock behind.  Readers take no lock: every file is replaced
atomically and a version's ``meta.json`` is written last.

Within one process the lock is re-entrant (a thread lock plus a depth count),
because ``flock`` on a second descriptor of the same file would wait for
ourselves.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from policyvc.parser.errors import PolicyError

LOCK_FILE = ".policyvc.lock"

_guard = threading.Lock()
_held: dict[str, tuple[threading.RLock, int, int]] = {}  # path -> (thread lock, depth, fd)


@contextmanager
def store_lock(store: Path) -> Iterator[None]:
    """Hold the store's exclusive writer lock (creating the store folder if needed)."""
    try:
        store.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PolicyError(f"cannot create the version store ({exc.strerror})", source=str(store)) from None
    key = str(store.resolve())
    with _guard:
        entry = _held.get(key)
        rlock = entry[0] if entry else threading.RLock()
        if entry is None:
            _held[key] = (rlock, 0, -1)
    with rlock:
        _, depth, fd = _held[key]
        if depth == 0:
            fd = os.open(store / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        _held[key] = (rlock, depth + 1, fd)
        try:
            yield
        finally:
            _, depth, fd = _held[key]
            if depth == 1:
                os.close(fd)  # closing the descriptor releases the flock
                fd = -1
            _held[key] = (rlock, depth - 1, fd)
