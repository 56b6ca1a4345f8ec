"""``policyvc log``: the versions of one policy with their dates and new revision-log entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policyvc.parser.nodes import RevisionEntry
from policyvc.store.meta import known_log, log_entries, new_entries, stored_partial
from policyvc.store.source import read_source, sha256

if TYPE_CHECKING:
    from policyvc.store import Store


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "date": self.date.isoformat(),
            "source": self.source,
            "sha256": self.sha256,
            "commit": self.commit,
            "log_entries": self.log_entries,
            "partial": list(self.partial),
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
            )
        )
        previous = log
    out.reverse()
    return out
