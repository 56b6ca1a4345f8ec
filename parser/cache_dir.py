"""The private per-user cache folder (``$XDG_CACHE_HOME/policyvc/lark/``, mode 0700) and its files.

A file is used only when the folder and the file belong to this user and no one else can write them:
another owner, loose modes, a symlink or no home means no cache (see :mod:`policyvc.parser.lark_cache`
for why).  Kept apart from that module so a start that only reads plain data from the folder
(:mod:`policyvc.parser.lalr_tables`) imports nothing else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def cache_root() -> Path:
    """The folder (made, mode 0700, when a file is first asked for)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policyvc" / "lark"


def private(st: os.stat_result, *, folder: bool) -> bool:
    """Whether ``st`` (an ``lstat``) is this user's own folder or file that no one else can write."""
    if st.st_uid != os.geteuid():
        return False
    if folder:
        return stat.S_ISDIR(st.st_mode) and st.st_mode & 0o077 == 0
    return stat.S_ISREG(st.st_mode) and st.st_mode & 0o022 == 0


def private_file(name: str) -> str | None:
    """The path of ``name`` in the folder when only this user can have written it (or it does not exist yet:
    in a 0700 folder nobody else can make it); ``None`` for no cache."""
    try:
        root = cache_root()
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(os.lstat(root), folder=True):
            return None
        path = root / name
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return str(path)
        return str(path) if private(st, folder=False) else None
    except (OSError, RuntimeError):  # no home directory, a read-only file system …
        return None
