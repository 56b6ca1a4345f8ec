"""``policyvc log``: the versions of one policy with their dates and new revision-log entries.

Each version also lists the sources it held before a ``--replace`` (kept in
``<version>/.replaced/``, :func:`policyvc.store.writer.keep_replaced`), so no
version ever filed is lost from sight.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.parser.nodes import RevisionEntry
from policyvc.store.meta import REPLACED_DIR, known_log, log_entries, new_entries, read_meta, stored_partial
from policyvc.store.paths import source_file
from policyvc.store.source import read_source, sha256

if TYPE_CHECKING:
    from policyvc.store import Store


@dataclass(frozen=True, slots=True)
class Replaced:
    """A source a version held before it was replaced, kept in the store."""

    path: Path  # the kept source file
    sha256: str
    ingested_at: str  # when it had been filed ("" when its meta.json was missing)
    origin: str  # where it had been filed from

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "ingested_at": self.ingested_at, "origin": self.origin}


def replaced_sources(folder: Path) -> tuple[Replaced, ...]:
    """The sources kept in a version's ``.replaced/`` folder, in the order they were replaced."""
    kept = folder / REPLACED_DIR
    if not kept.is_dir():
        return ()
    found: list[tuple[int, Replaced]] = []
    for sub in kept.iterdir():
        src = source_file(sub) if sub.is_dir() and not sub.name.startswith(".") else None
        if src is None:
            continue
        meta = read_meta(sub)
        origin = meta.origin if meta else ""
        item = Replaced(src, sha256(read_source(src)), meta.ingested_at if meta else "", origin)
        found.append((src.stat().st_mtime_ns, item))  # written when it was kept, i.e. replaced
    return tuple(r for _, r in sorted(found, key=lambda pair: (pair[0], pair[1].sha256)))


@dataclass(frozen=True, slots=True)
class LogLine:
    """One version as ``policyvc log`` lists it."""

    reference: str
    date: dt.date
    source: str  # the source file's name
    sha256: str
    new_entries: tuple[RevisionEntry, ...]  # entries this version added to the log
    log_entries: int  # all entries of its log
    commit: str | None = None  # its commit, when the store is a git repository
    partial: tuple[str, ...] = ()  # stored with --recover: what could not be read
    replaced: tuple[Replaced, ...] = ()  # the sources it held before a --replace, kept in the store

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "date": self.date.isoformat(),
            "source": self.source,
            "sha256": self.sha256,
            "commit": self.commit,
            "log_entries": self.log_entries,
            "partial": list(self.partial),
            "replaced": [r.to_dict() for r in self.replaced],
            "new_entries": [
                {
                    "date": e.date.isoformat() if e.date else None,
                    "pt_approval": str(e.pt_approval) if e.pt_approval else None,
                    "description": e.description,
                }
                for e in self.new_entries
            ],
        }


def version_log(store: Store, reference: str) -> list[LogLine]:
    """The versions of ``reference``, newest first; logs from ``meta.json`` where it matches the source."""
    versions = store.versions(reference)
    commits: dict[tuple[str, dt.date], str] = {}
    if (store.root / ".git").exists():
        from policyvc.store.git import version_commits

        commits = version_commits(store.root)
    out: list[LogLine] = []
    previous: tuple[RevisionEntry, ...] = ()
    for v in versions:
        data = read_source(v.path)
        log = known_log(v.folder, data)
        if log is None:
            log = log_entries(store.load(v))
        out.append(
            LogLine(
                v.reference,
                v.date,
                v.path.name,
                sha256(data),
                new_entries(log, previous),
                len(log),
                commits.get((v.reference, v.date)),
                stored_partial(v.folder, data),
                replaced_sources(v.folder),
            )
        )
        previous = log
    out.reverse()
    return out
