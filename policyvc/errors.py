"""Errors for people: bad input as one message naming the file and line, and operating-system errors.

:class:`PolicyError` is bad input (``FILE:LINE:COL: message`` plus the offending line).
Permissions, a folder where a file is expected, a full disk, a missing folder:
the CLI prints ``error: PATH: what happened`` and exits 2 — never a traceback,
never the "internal error" that is kept for bugs.

This module imports nothing heavy: the command line imports it at start-up
(``policyvc.parser.errors`` re-exports :class:`PolicyError` for older imports).
"""

from __future__ import annotations

import errno


class PolicyError(Exception):
    """Bad input.  ``str()`` gives ``FILE:LINE:COL: message`` plus the offending line."""

    def __init__(
        self,
        message: str,
        *,
        source: str = "<text>",
        line: int | None = None,
        column: int | None = None,
        context: str | None = None,
        page: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.context = context
        self.page = page

    def __str__(self) -> str:
        where = self.source
        if self.page is not None:
            where += f":page {self.page}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.context:
            text += f"\n    {self.context}"
            if self.column is not None and self.column > 0:
                text += "\n    " + " " * (self.column - 1) + "^"
        return text


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
