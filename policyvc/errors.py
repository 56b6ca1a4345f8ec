"""Operating-system errors as one line for people: what failed, on which path, and what to check.

Permissions, a folder where a file is expected, a full disk, a missing folder:
the CLI prints ``error: PATH: what happened`` and exits 2 — never a traceback,
never the "internal error" that is kept for bugs.
"""

from __future__ import annotations

import errno

_HINTS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EISDIR: "is a folder, expected a file",
    errno.ENOTDIR: "a part of the path is a file, expected a folder",
    errno.ENOENT: "no such file or folder",
    errno.EEXIST: "already exists",
    errno.ENAMETOOLONG: "file name too long",
    errno.EMFILE: "too many open files",
}


def describe_os_error(exc: OSError) -> str:
    """``PATH: what happened`` for an OS error (the second path too, for a rename)."""
    what = _HINTS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    where = " → ".join(paths)
    return f"{where}: {what}" if where else what
