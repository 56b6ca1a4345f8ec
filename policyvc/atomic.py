"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

# mkstemp creates files readable by their owner only; a written file should get
# the mode a plain open() would give it (0666 less the umask), or keep the mode
# of the file it replaces.  The umask is read once, at import, when no other
# thread can be changing it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def write_text(path: str | Path, text: str, *, sync: bool = True) -> None:
    """Write ``text`` (UTF-8, ``\n`` line ends) to ``path`` atomically: see :func:`write_bytes`."""
    write_bytes(path, text.encode("utf-8"), sync=sync)


class _Replace:
    """Whether the temporary file replaces its target once written (:func:`_replacing`)."""

    __slots__ = ("wanted",)

    def __init__(self) -> None:
        self.wanted = True


@contextlib.contextmanager
def _replacing(target: Path, sync: bool = True) -> Iterator[tuple[BinaryIO, _Replace]]:
    """A temporary file in ``target``'s folder to write, which then replaces ``target`` (synced unless ``sync`` is
    false, with the mode a plain write would give it) — or is removed, where the writer says so or fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    replace = _Replace()
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, replace
            if replace.wanted and sync:
                fh.flush()
                os.fsync(fh.fileno())
        if replace.wanted:
            os.chmod(tmp, _mode_for(target))
            os.replace(tmp, target)
        else:
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes(path: str | Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``sync=False``: the file is not flushed to the disk before the rename — for a writer of many files that
    syncs them all at once (:func:`sync_all`) before it records them: one flush of the file system instead of
    one a file, each of which costs milliseconds on a busy disk."""
    with _replacing(Path(path), sync) as (fh, _):
        fh.write(data)


def move_into(path: Path, scratch: Path) -> bool:
    """Put ``scratch``, a file of ours already holding the bytes wanted, in ``path``'s place by a rename, with the
    mode :func:`write_bytes` would give it (not synced either: see ``sync``); False, nothing done, when it cannot
    (another file system, ``scratch`` gone) — then write the bytes."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(scratch, _mode_for(path))
        os.replace(scratch, path)
    except OSError:
        return False
    return True


def sync_files(paths: Iterable[Path]) -> None:
    """Flush these files, written with ``sync=False``, to the disk, one after another (missing ones passed over).
    Unlike :func:`sync_all`, it waits for these files only, not for everything every process has written."""
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_all() -> None:
    """Flush every file written so far to the disk (after :func:`write_bytes` with ``sync=False``)."""
    os.sync()


def write_text_if_changed(path: str | Path, chunks: Iterable[str], *, buffer: int = 1 << 16) -> bool:
    """Write the text made of ``chunks`` (UTF-8) to ``path`` atomically, as :func:`write_bytes`, unless the file
    there holds exactly those bytes already; whether it was written.  The text is never whole in memory: it goes
    to the temporary file as it comes, and the file there is compared by its digest, read a block at a time."""
    target = Path(path)
    with _replacing(target) as (fh, replace):
        new, size = hashlib.sha256(), 0
        pending: list[str] = []
        held = 0
        for chunk in chunks:
            pending.append(chunk)
            held += len(chunk)
            if held >= buffer:
                data = "".join(pending).encode("utf-8")
                new.update(data)
                size += len(data)
                fh.write(data)
                pending, held = [], 0
        data = "".join(pending).encode("utf-8")
        new.update(data)
        size += len(data)
        fh.write(data)
        replace.wanted = _digest_of(target, size) != new.digest()
    return replace.wanted


def _digest_of(path: Path, size: int) -> bytes | None:
    """The sha256 of the regular file ``path`` when it is ``size`` bytes long (None: it is not, or is no file)."""
    try:
        with open(path, "rb") as fh:
            if not os.path.isfile(path) or os.fstat(fh.fileno()).st_size != size:
                return None
            h = hashlib.sha256()
            while block := fh.read(1 << 16):
                h.update(block)
    except OSError:
        return None
    return h.digest()
