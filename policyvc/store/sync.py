"""Bring every version folder up to date: write missing or outdated ``policy.json`` / ``meta.json``.

A version whose parsed reference number or latest revision-log date disagrees
with its folder name is reported as a finding (``build`` exits 1).  Committing
the result to the store's git branch is the caller's step
(:func:`policyvc.store.git.record`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy
from policyvc.store.lock import store_lock
from policyvc.store.meta import (
    JSON_FILE,
    VersionMeta,
    filed_key,
    is_current,
    parser_fingerprint,
    read_derived,
    read_meta,
)
from policyvc.store.paths import Version, legacy_reference, stored_as, stored_versions
from policyvc.store.source import parse_source, parse_source_report, read_source, sha256
from policyvc.store.writer import clean_leftovers, meta_for, write_derived


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What :func:`sync_store` did: files written, the versions it wrote, findings (misfiled versions)."""

    versions: int
    written: tuple[Path, ...]
    findings: tuple[str, ...]
    touched: tuple[tuple[str, dt.date], ...] = ()
    # each version's ``policy.json`` found current or written, as :func:`json_stat` saw it before it was read (a
    # later build trusts it by this, :class:`Seen`); a version not current after the sync is not here
    stats: tuple[tuple[Path, JsonStat], ...] = ()


# ``policy.json``'s sha256 (as ``meta.json`` records it), size, modification time (ns), inode and change time (ns)
JsonStat = tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Seen:
    """What a build already read of a version: its source's sha256, its sealed ``meta.json`` (None: none), and
    ``policy.json`` as an earlier sync found it current (:data:`JsonStat`; None: not known).  A version seen so
    is not read again; its ``policy.json`` is not read when its size, times and inode are the ones recorded and
    ``meta.json`` still names the sha256 it had (a file replaced or written since has another inode or times)."""

    sha256: str
    meta: VersionMeta | None
    json: JsonStat | None = None


def json_stat(folder: Path, sha: str) -> JsonStat | None:
    """``folder``'s ``policy.json`` as :class:`Seen` records it (None: not a regular file)."""
    import stat

    try:
        st = (folder / JSON_FILE).lstat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return (sha, st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def sync_store(
    store: Path, *, parsed: Mapping[Path, Policy] | None = None, seen: Mapping[Path, Seen] | None = None
) -> SyncResult:
    """Write every version's missing or outdated derived files, under the store lock.

    ``parsed`` maps source paths to ASTs the caller already has (``build``
    parses in parallel, PDFs through the extraction cache): those are not
    parsed again.  ``seen``: what the caller read of versions this run (:class:`Seen`): not read again.
    """
    with store_lock(store):
        versions = stored_versions(store)
        for ref_dir in {v.folder.parent for v in versions}:
            clean_leftovers(ref_dir)
        return _sync(versions, parsed, seen)


def sync_versions(
    store: Path, versions: Sequence[Version], parsed: Mapping[Path, Policy], *, flush: bool = True
) -> SyncResult:
    """:func:`sync_store` for some versions only (one policy's, as a ``build`` worker has just parsed them).

    ``flush=False``: the derived files written (``SyncResult.written``) are not flushed to the disk one by one; the
    caller flushes them (:func:`policyvc.atomic.sync_files`) before it records their state."""
    with store_lock(store):
        return _sync(versions, parsed, flush=flush)


def _current_seen(v: Version, seen: Seen | None) -> JsonStat | None:
    """``policy.json``'s stat when what the caller saw of ``v`` shows it current (as :func:`is_current` would)."""
    meta = seen.meta if seen is not None else None
    if (
        seen is None
        or meta is None
        or meta.source != v.path.name
        or meta.sha256 != seen.sha256
        or meta.parser_fingerprint != parser_fingerprint()
    ):
        return None
    now = json_stat(v.folder, meta.json_sha256)
    if now is not None and now == seen.json:
        return now
    try:  # (stat taken before the read: a file changed after it is not recorded as the one read)
        return now if now is not None and sha256(read_derived(v.folder / JSON_FILE)) == meta.json_sha256 else None
    except OSError:
        return None


def _sync(
    versions: Sequence[Version],
    parsed: Mapping[Path, Policy] | None,
    seen: Mapping[Path, Seen] | None = None,
    *,
    flush: bool = True,
) -> SyncResult:
    written: list[Path] = []
    findings: list[str] = []
    touched: list[tuple[str, dt.date]] = []
    stats: list[tuple[Path, JsonStat]] = []
    for v in versions:
        clean_leftovers(v.folder)
        prior = seen.get(v.path) if seen is not None else None
        if prior is not None and prior.meta is not None and (found := _current_seen(v, prior)) is not None:
            reference, date = prior.meta.reference, prior.meta.date
            stats.append((v.path, found))
            _check_filed(v, reference, date, findings)
            continue
        data = read_source(v.path)
        meta = read_meta(v.folder)
        before = json_stat(v.folder, meta.json_sha256) if meta is not None else None
        if is_current(meta, v.path, data) and meta is not None:
            reference, date = meta.reference, meta.date
            if before is not None:
                stats.append((v.path, before))
        else:
            label = stored_as(v.reference, v.date, v.path.name)
            known = parsed.get(v.path) if parsed is not None else None
            partial = meta.partial if meta is not None and meta.sha256 == sha256(data) else ()
            if partial:  # stored with --recover: read the same way, and say again what could not be read
                policy, partial = parse_source_report(data, str(v.path), stored_as=label, recover=True)
            elif known is not None:
                policy = dataclasses.replace(known, source_name=label)
            else:
                policy = parse_source(data, str(v.path), stored_as=label)
            try:  # (the key given at ingest, --ref/--date, for a document that states none)
                reference, date = filed_key(policy, meta, data, source=str(v.path))
            except PolicyError as exc:
                findings.append(f"{v.path}: {exc.message}")
                continue
            new_meta = meta_for(v.folder, policy, data, v.path.name, date=date, origin=str(v.path), partial=partial)
            written.extend(write_derived(v.folder, policy, new_meta, sync=flush))
            touched.append((v.reference, v.date))
            if (kept := read_meta(v.folder)) is not None and (after := json_stat(v.folder, kept.json_sha256)):
                stats.append((v.path, after))
        _check_filed(v, reference, date, findings)
    return SyncResult(len(versions), tuple(written), tuple(findings), tuple(touched), tuple(stats))


def _check_filed(v: Version, reference: str, date: dt.date, findings: list[str]) -> None:
    if legacy_reference(reference) != legacy_reference(v.reference):  # (an earlier store's form is the same key)
        findings.append(f"{v.path}: filed under {v.reference} but its reference number is {reference}")
    if date != v.date:
        findings.append(f"{v.path}: filed under {v.date} but its latest revision-log entry is dated {date.isoformat()}")
