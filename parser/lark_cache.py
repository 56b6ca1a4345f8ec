"""Where lark may keep its compiled LALR tables: a private, per-user file, or nowhere.

lark's ``cache=True`` writes a pickle to a predictable, world-readable path in
``/tmp`` and unpickles it on the next start, so another local user who plants
that file runs code as whoever parses.  The tables are kept instead in
``$XDG_CACHE_HOME/policyvc/lark/`` (``~/.cache/…``), a folder of mode 0700, and
the file is used only when the folder and the file belong to this user and no
one else can write them.  Anything else — another owner, loose modes, a
symlink, no home — means no cache: the grammar is compiled on every start, which takes
0.7–1 s of CPU (loading the cached tables, 30–45 ms; ``tests/test_lark_cache.py``
checks that a second start reuses the file).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policyvc" / "lark"


def _private(st: os.stat_result, *, folder: bool) -> bool:
    if st.st_uid != os.geteuid():
        return False
    if folder:
        return stat.S_ISDIR(st.st_mode) and st.st_mode & 0o077 == 0
    return stat.S_ISREG(st.st_mode) and st.st_mode & 0o022 == 0


def private_cache_file(grammar: str) -> str | None:
    """A cache file for ``grammar`` that only this user can have written, or ``None`` for no cache."""
    import lark

    tag = f"{lark.__version__}:{sys.version_info[:2]}:{grammar}"
    name = f"policy-{hashlib.sha256(tag.encode()).hexdigest()[:24]}.lark"
    try:
        root = _cache_root()
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.lstat(root), folder=True):
            return None
        path = root / name
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return str(path)  # lark writes it; in a 0700 folder nobody else can replace it
        return str(path) if _private(st, folder=False) else None
    except (OSError, RuntimeError):  # no home directory, a read-only file system …
        return None
