"""``policyvc ingest``: parse policies and file them in the store under their own revision-log date.

A version is keyed by its reference number and the date of the latest entry
of its own revision log (not the file's date).  Both are validated before they
touch a path or git.  Re-ingesting the same document is a no-op; a different
document under the same key is refused unless ``replace``.

Everything is parsed and checked before anything is written; the writes happen
under the store lock: a new version is assembled in a hidden staging folder and
renamed into place whole; a replaced one gets its files replaced one by one,
atomically, ``meta.json`` last (a version is complete when ``meta.json`` names
the sha256 of its source).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from policyvc.faults import fault
from policyvc.parser.errors import PolicyError
from policyvc.parser.files import is_pdf
from policyvc.parser.nodes import Policy
from policyvc.store.lock import store_lock
from policyvc.store.source import POLICY_NAMES, parse_source, read_source, sha256, source_name
from policyvc.store.versions import (
    LogEntry,
    StoredVersion,
    check_reference,
    clean_leftovers,
    is_current,
    key_date,
    log_entries,
    make_meta,
    new_entries,
    read_meta,
    revision_log_of,
    source_file,
    stored_as,
    version_folder,
    write_version_files,
)

Status = Literal["stored", "unchanged", "replaced"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed, validated source ready to be filed."""

    data: bytes
    label: str  # how messages name it
    origin: str  # recorded in meta.json
    policy: Policy
    reference: str
    date: dt.date

    @property
    def name(self) -> str:
        return source_name(self.data)

    @property
    def sha256(self) -> str:
        return sha256(self.data)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one document: ``stored``, ``unchanged`` (a no-op) or ``replaced``."""

    status: Status
    reference: str
    date: dt.date
    folder: Path
    sha256: str
    label: str
    new_entries: tuple[LogEntry, ...] = ()
    commit: str | None = None  # the version's commit, with ``commit=True``


def _umask() -> int:
    from policyvc.atomic import _UMASK

    return _UMASK


def _line_of(data: bytes, marker: bytes) -> int | None:
    """The line of a text source where ``marker`` starts a line (for error messages)."""
    if is_pdf(data):
        return None
    for n, line in enumerate(data.splitlines(), 1):
        if line.lstrip(b"\xef\xbb\xbf").startswith(marker):
            return n
    return None


def prepare(data: bytes, label: str, origin: str = "") -> Prepared:
    """Parse source bytes and validate the key they would be filed under."""
    policy = parse_source(data, label)
    try:
        reference = check_reference(policy.reference_number, source=label)
    except PolicyError as exc:
        exc.line = _line_of(data, b"Reference Number")
        raise
    date = key_date(policy, source=label)
    policy = dataclasses.replace(policy, source_name=stored_as(reference, date, source_name(data)))
    return Prepared(data, label, origin or label, policy, reference, date)


def ingest(path: str | Path, store: Path, *, commit: bool = False, replace: bool = False) -> IngestResult:
    """Parse ``path`` (text or PDF) and file it as ``<store>/<REF>/<DATE>/``; see the module docstring."""
    return ingest_files([Path(path)], store, commit=commit, replace=replace)[0]


def ingest_files(paths: Sequence[Path], store: Path, *, commit: bool = False,
                 replace: bool = False) -> list[IngestResult]:  # fmt: skip
    """Ingest several files: all are parsed and checked before any is written."""
    items = [prepare(read_source(p), str(p), origin=str(p)) for p in paths]
    return ingest_prepared(items, store, commit=commit, replace=replace)


def _unique(items: Iterable[Prepared]) -> list[Prepared]:
    seen: dict[tuple[str, dt.date], Prepared] = {}
    for item in items:
        key = (item.reference, item.date)
        other = seen.get(key)
        if other is None:
            seen[key] = item
        elif other.data != item.data:
            raise PolicyError(
                f"{other.label} and {item.label} are different versions of {item.reference} with the same latest "
                f"revision-log date {item.date.isoformat()}: give one of them",
                source=item.label,
            )
    return list(seen.values())


def _status(store: Path, item: Prepared, replace: bool) -> Status:
    folder = version_folder(store, item.reference, item.date)
    existing = source_file(folder) if folder.is_dir() else None
    if existing is None:
        return "stored"
    old = read_source(existing)
    if existing.name == item.name and old == item.data:
        return "unchanged"
    if not replace:
        raise PolicyError(
            f"{folder} already holds a different version of {item.reference} dated {item.date.isoformat()} "
            f"(sha256 {sha256(old)[:12]}…, this file {item.sha256[:12]}…); use --replace to replace it",
            source=item.label,
        )
    return "replaced"


def _write(store: Path, item: Prepared, status: Status) -> None:
    from policyvc.atomic import write_bytes

    folder = version_folder(store, item.reference, item.date)
    old = read_meta(folder) if status != "stored" else None
    keep = old if old is not None and old.sha256 == item.sha256 else None
    meta = make_meta(
        item.policy, item.data, item.name, date=item.date,
        origin=keep.origin if keep else item.origin, ingested_at=keep.ingested_at if keep else None,
    )  # fmt: skip
    if status == "stored":
        folder.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(folder.parent)
        staging = Path(tempfile.mkdtemp(prefix=".ingest-", dir=folder.parent))
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private
        write_bytes(staging / item.name, item.data)
        fault("after-source")
        write_version_files(staging, item.policy, meta)
        fault("before-rename")
        try:
            os.rename(staging, folder)  # the version appears whole, or not at all
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise PolicyError(f"cannot create the version folder ({exc.strerror})", source=str(folder)) from None
        return
    clean_leftovers(folder)
    if status == "replaced":
        write_bytes(folder / item.name, item.data)
        for name in POLICY_NAMES:
            if name != item.name:
                with contextlib.suppress(FileNotFoundError):
                    (folder / name).unlink()
        fault("after-source")
        write_version_files(folder, item.policy, meta)
    elif not is_current(old, folder / item.name, item.data):  # unchanged, but an earlier ingest was cut short
        write_version_files(folder, item.policy, meta)


def _previous_log(store: Path, item: Prepared) -> tuple[LogEntry, ...]:
    ref_dir = store / item.reference
    earlier = sorted(p.name for p in ref_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
                     and p.name < item.date.isoformat())  # fmt: skip
    for name in reversed(earlier):
        src = source_file(ref_dir / name)
        if src is not None:
            return revision_log_of(StoredVersion(item.reference, dt.date.fromisoformat(name), src))
    return ()


def ingest_prepared(items: Sequence[Prepared], store: Path, *, commit: bool = False,
                    replace: bool = False) -> list[IngestResult]:  # fmt: skip
    """File prepared sources under the store lock; with ``commit``, record them in the store's git branch."""
    unique = _unique(items)
    results: list[IngestResult] = []
    if commit:
        from policyvc.store.git import preflight, refuse_nested

        refuse_nested(store)  # before the lock creates the store folder: a refused store is left untouched
    with store_lock(store):
        if commit:
            # under the lock: another writer may be creating the store's repository right now
            preflight(store)  # a store that cannot take commits is refused before anything is written
        plans = [(item, _status(store, item, replace)) for item in unique]  # every refusal before any write
        for item, status in plans:
            _write(store, item, status)
        fault("before-commit")
        commits: dict[tuple[str, dt.date], str] = {}
        if commit:
            from policyvc.store.git import record

            commits = record(store, touched=[(i.reference, i.date) for i in unique]).versions
        for item, status in plans:
            results.append(
                IngestResult(
                    status=status, reference=item.reference, date=item.date,
                    folder=version_folder(store, item.reference, item.date), sha256=item.sha256, label=item.label,
                    new_entries=new_entries(log_entries(item.policy), _previous_log(store, item)),
                    commit=commits.get((item.reference, item.date)),
                )
            )  # fmt: skip
    return results
