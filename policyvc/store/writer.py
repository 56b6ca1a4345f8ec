"""The one writer of version folders, shared by ``ingest`` and the store's sync.

A new version is assembled in a hidden staging folder and renamed into place
whole; an existing one gets its files replaced one by one, atomically,
``meta.json`` last (a version is complete when ``meta.json`` names the sha256
of its source).  A replaced source is never lost: it is first kept, with its
``meta.json``, in ``<version>/.replaced/<sha256[:12]>/`` (staged, then renamed
into place whole), which ``policyvc log --replaced`` lists.  Callers hold the
store lock (:mod:`policyvc.store.lock`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from policyvc.atomic import _UMASK, write_bytes, write_text
from policyvc.faults import fault
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy
from policyvc.store.meta import JSON_FILE, META_FILE, REPLACED_DIR, VersionMeta, make_meta, read_meta
from policyvc.store.source import POLICY_NAMES, read_source, sha256


def clean_leftovers(folder: Path) -> None:
    """Remove what an interrupted writer left in ``folder``: temp files and staging folders.

    Only call this holding the store lock: then no other writer is using them.
    """
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.name.startswith(".ingest-") and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".") and p.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                p.unlink()


def write_derived(folder: Path, policy: Policy, meta: VersionMeta, *, sync: bool = True) -> list[Path]:
    """Write ``policy.json`` then ``meta.json`` (last: it marks the version complete), atomically.

    ``sync=False``: not flushed to the disk before each rename — for a caller that flushes them
    (:func:`policyvc.atomic.sync_files`) before it records them anywhere; a file torn by a crash before then is
    found out when read (``meta.json`` is sealed, and vouches for the sha256 of ``policy.json``)."""
    from policyvc.serialize import to_json

    text = to_json(policy)
    write_text(folder / JSON_FILE, text, sync=sync)
    meta = dataclasses.replace(meta, json_sha256=sha256(text.encode("utf-8")))  # what meta.json vouches for
    write_text(folder / META_FILE, meta.to_json(), sync=sync)
    return [folder / JSON_FILE, folder / META_FILE]


def meta_for(
    folder: Path,
    policy: Policy,
    data: bytes,
    name: str,
    *,
    date: dt.date,
    origin: str,
    partial: tuple[str, ...] = (),
    reference: str = "",
    overridden: tuple[str, ...] = (),
) -> VersionMeta:
    """The ``meta.json`` of these source bytes; where and when they were first ingested is kept, and so is
    a key given at ingest (``--ref`` / ``--date``) unless one is given again."""
    old = read_meta(folder) if folder.is_dir() else None
    keep = old if old is not None and old.sha256 == sha256(data) else None
    if keep is not None and not overridden:
        overridden = keep.overridden
        reference = keep.reference if "reference" in overridden else reference
    return make_meta(
        policy,
        data,
        name,
        date=date,
        origin=keep.origin if keep else origin,
        ingested_at=keep.ingested_at if keep else None,
        partial=partial,
        reference=reference,
        overridden=overridden,
    )


def write_new(folder: Path, data: bytes, name: str, policy: Policy, meta: VersionMeta) -> None:
    """Create a version folder whole: source, ``policy.json``, ``meta.json`` staged, then one rename."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(folder.parent)
    staging = Path(tempfile.mkdtemp(prefix=".ingest-", dir=folder.parent))
    os.chmod(staging, 0o777 & ~_UMASK)  # mkdtemp makes it private
    write_bytes(staging / name, data)
    fault("after-source")
    write_derived(staging, policy, meta)
    fault("before-rename")
    try:
        os.rename(staging, folder)  # the version appears whole, or not at all
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PolicyError(f"cannot create the version folder ({exc.strerror})", source=str(folder)) from None


def keep_replaced(folder: Path) -> Path | None:
    """Keep the version's current source and ``meta.json`` in ``.replaced/<sha256[:12]>/`` before a replace.

    The copy appears whole or not at all (staged, then one rename); a source already kept is kept once.
    Returns the kept copy's folder (``None`` when the version has no source to keep).
    """
    src = next((folder / n for n in POLICY_NAMES if (folder / n).is_file()), None)
    if src is None:
        return None
    data = read_source(src)
    kept = folder / REPLACED_DIR / sha256(data)[:12]
    if (kept / src.name).is_file():
        return kept
    kept.parent.mkdir(exist_ok=True)
    clean_leftovers(kept.parent)
    staging = Path(tempfile.mkdtemp(prefix=".ingest-", dir=kept.parent))
    os.chmod(staging, 0o777 & ~_UMASK)
    write_bytes(staging / src.name, data)
    with contextlib.suppress(FileNotFoundError):  # an interrupted ingest may have left no meta.json
        write_bytes(staging / META_FILE, (folder / META_FILE).read_bytes())
    try:
        os.rename(staging, kept)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PolicyError(f"cannot keep the replaced version ({exc.strerror})", source=str(kept)) from None
    return kept


def replace_source(folder: Path, data: bytes, name: str, policy: Policy, meta: VersionMeta) -> None:
    """Replace a version's source (any other source file goes), then its derived files; the replaced source
    is kept first (:func:`keep_replaced`)."""
    clean_leftovers(folder)
    keep_replaced(folder)
    fault("after-keep")
    write_bytes(folder / name, data)
    for other in POLICY_NAMES:
        if other != name:
            with contextlib.suppress(FileNotFoundError):
                (folder / other).unlink()
    fault("after-source")
    write_derived(folder, policy, meta)
