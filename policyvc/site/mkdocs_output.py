"""MkDocs' writing of the built site, changed to write only what changed (used by :mod:`policyvc.site.mkdocs_hooks`).

``mkdocs build --clean`` empties the site folder and writes every file again: after one page is edited, a big
site's thousands of pages and its static files are deleted and written back byte for byte as they were.  Here
the folder is not emptied; a file MkDocs writes or copies is written only when its bytes differ from the file
already there, and once the build has written everything, every file it did not produce (a page gone, a
file of a previous configuration) is removed with the folders left empty: the folder ends as a clean build
leaves it.  MkDocs' own ``write_file``, ``copy_file`` and ``clean_directory`` are what is changed, for this
build's process only (:func:`install`, :func:`uninstall`).  A file some plugin writes by itself counts as
produced when it was modified during the build (its time is compared with a mark the build makes first in the
folder, by the same file system clock).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

MARK = ".policyvc-build-started"  # in the site folder while a build runs (hidden: MkDocs' clean leaves it)


class Output:
    """One build's writing: the files it produced, and when it started by the file system's clock."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.produced: set[str] = set()  # absolute paths, as MkDocs names them
        self.written = self.kept = 0
        site_dir.mkdir(parents=True, exist_ok=True)
        mark = site_dir / MARK
        mark.write_bytes(b"")
        self.started = mark.stat().st_mtime_ns
        mark.unlink()

    def write_file(self, content: bytes, output_path: str) -> None:
        """MkDocs' ``utils.write_file``, which leaves a file holding ``content`` already as it is."""
        self._produced(output_path)
        if _holds(output_path, content):
            self.kept += 1
            return
        self.written += 1
        _ORIGINAL["write_file"](content, output_path)

    def copy_file(self, source_path: str, output_path: str) -> None:
        """MkDocs' ``utils.copy_file``, which leaves a copy that has the source's bytes already as it is."""
        target = output_path
        if os.path.isdir(target):
            target = os.path.join(target, os.path.basename(source_path))
        self._produced(target)
        if _same_bytes(source_path, target):
            self.kept += 1
            return
        self.written += 1
        _ORIGINAL["copy_file"](source_path, output_path)

    def produced_file(self, path: str) -> None:
        """Count ``path`` as produced by this build (a page left as it was: :mod:`policyvc.site.mkdocs_skip`)."""
        self._produced(path)
        self.kept += 1

    def _produced(self, path: str) -> None:
        normal = os.path.normpath(path)
        # (the path itself when it is normal already: a page's is its ``File``'s, held by MkDocs anyway, where a
        # copy of it for every page grew with the site)
        self.produced.add(path if normal == path else normal)

    def remove_stale(self) -> int:
        """Remove what this build did not produce (but the folder's hidden entries, which MkDocs' clean leaves
        too) and the folders left empty; how many files were removed."""
        removed = 0
        top = str(self.site_dir)
        for folder, dirs, names in os.walk(top, topdown=False):
            for name in names:
                if folder == top and name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                if os.path.normpath(path) in self.produced or _modified_since(path, self.started):
                    continue
                os.unlink(path)
                removed += 1
            for name in dirs:
                path = os.path.join(folder, name)
                if (folder == top and name.startswith(".")) or os.path.islink(path):
                    continue
                with contextlib.suppress(OSError):
                    os.rmdir(path)  # (only when empty)
        return removed


_ORIGINAL: dict[str, Callable[..., Any]] = {}


def install(output: Output) -> None:
    """Make MkDocs write through ``output`` (and not empty the site folder) in this process."""
    from mkdocs import utils

    if not _ORIGINAL:
        _ORIGINAL.update(write_file=utils.write_file, copy_file=utils.copy_file, clean=utils.clean_directory)
    utils.write_file = output.write_file
    utils.copy_file = output.copy_file
    utils.clean_directory = _no_clean


def uninstall() -> None:
    """Give MkDocs its own functions back."""
    from mkdocs import utils

    if _ORIGINAL:
        utils.write_file = _ORIGINAL["write_file"]
        utils.copy_file = _ORIGINAL["copy_file"]
        utils.clean_directory = _ORIGINAL["clean"]


def _no_clean(directory: str) -> None:
    """The site folder is not emptied: what the build does not produce is removed at its end."""


def _holds(path: str, content: bytes) -> bool:
    try:
        if os.path.islink(path) or os.path.getsize(path) != len(content):
            return False
        with open(path, "rb") as f:
            return f.read() == content
    except OSError:
        return False


def _same_bytes(source: str, target: str, chunk: int = 1 << 20) -> bool:
    try:
        if os.path.islink(target) or os.path.getsize(source) != os.path.getsize(target):
            return False
        with open(source, "rb") as a, open(target, "rb") as b:
            while True:
                x = a.read(chunk)
                if x != b.read(chunk):
                    return False
                if not x:
                    return True
    except OSError:
        return False


def _modified_since(path: str, mark: int) -> bool:
    try:
        return os.lstat(path).st_mtime_ns >= mark
    except OSError:
        return True  # (gone already)
