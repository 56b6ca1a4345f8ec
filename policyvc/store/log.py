"""``policyvc log``: the versions of one policy with their dates and new revision-log entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policyvc.store.source import read_source, sha256
from policyvc.store.versions import LogEntry, new_entries, revision_log_of, versions_of


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One line of ``policyvc log``."""

    reference: str
    date: dt.date
    source: str  # the source file's name
    sha256: str
    new_entries: tuple[LogEntry, ...]  # entries this version added to the log
    log_entries: int  # all entries of its log
    commit: str | None = None  # its commit, when the store is a git repository

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "date": self.date.isoformat(),
            "source": self.source,
            "sha256": self.sha256,
            "commit": self.commit,
            "log_entries": self.log_entries,
            "new_entries": [
                {"date": e.date.isoformat() if e.date else None, "pt_approval": e.pt_approval,
                 "description": e.description}
                for e in self.new_entries
            ],
        }


def history(store: Path, reference: str) -> list[VersionInfo]:
    """The versions of ``reference``, newest first."""
    versions = versions_of(store, reference)
    commits: dict[tuple[str, dt.date], str] = {}
    if (store / ".git").exists():
        from policyvc.store.git import version_commits

        commits = version_commits(store)
    out: list[VersionInfo] = []
    previous: tuple[LogEntry, ...] = ()
    for v in versions:
        log = revision_log_of(v)
        out.append(
            VersionInfo(
                v.reference, v.date, v.path.name, sha256(read_source(v.path)), new_entries(log, previous), len(log),
                commits.get((v.reference, v.date)),
            )
        )
        previous = log
    out.reverse()
    return out
