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
from policyvc.store.meta import filed_key, is_current, read_meta
from policyvc.store.paths import Version, stored_as, stored_versions
from policyvc.store.source import parse_source, parse_source_report, read_source, sha256
from policyvc.store.writer import clean_leftovers, meta_for, write_derived


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What :func:`sync_store` did: files written, the versions it wrote, findings (misfiled versions)."""

    versions: int
    written: tuple[Path, ...]
    findings: tuple[str, ...]
    touched: tuple[tuple[str, dt.date], ...] = ()


def sync_store(store: Path, *, parsed: Mapping[Path, Policy] | None = None) -> SyncResult:
    """Write every version's missing or outdated derived files, under the store lock.

    ``parsed`` maps source paths to ASTs the caller already has (``build``
    parses in parallel, PDFs through the extraction cache): those are not
    parsed again.
    """
    with store_lock(store):
        versions = stored_versions(store)
        for ref_dir in {v.folder.parent for v in versions}:
            clean_leftovers(ref_dir)
        return _sync(versions, parsed)


def sync_versions(store: Path, versions: Sequence[Version], parsed: Mapping[Path, Policy]) -> SyncResult:
    """:func:`sync_store` for some versions only (one policy's, as a ``build`` worker has just parsed them)."""
    with store_lock(store):
        return _sync(versions, parsed)


def _sync(versions: Sequence[Version], parsed: Mapping[Path, Policy] | None) -> SyncResult:
    written: list[Path] = []
    findings: list[str] = []
    touched: list[tuple[str, dt.date]] = []
    for v in versions:
        clean_leftovers(v.folder)
        data = read_source(v.path)
        meta = read_meta(v.folder)
        if is_current(meta, v.path, data) and meta is not None:
            reference, date = meta.reference, meta.date
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
            written.extend(write_derived(v.folder, policy, new_meta))
            touched.append((v.reference, v.date))
        if reference != v.reference:
            findings.append(f"{v.path}: filed under {v.reference} but its reference number is {reference}")
        if date != v.date:
            findings.append(
                f"{v.path}: filed under {v.date} but its latest revision-log entry is dated {date.isoformat()}"
            )
    return SyncResult(len(versions), tuple(written), tuple(findings), tuple(touched))
