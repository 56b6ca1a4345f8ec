"""The stored versions the rules are generated from: the store's snapshots, each with its source's sha256."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from policyvc.parser.nodes import Policy
from policyvc.store import Snapshot
from policyvc.store.source import read_source, sha256


@dataclass(frozen=True, slots=True)
class RuleSource:
    """A snapshot of the store and the sha256 of its source file (named in the generated module's header)."""

    snapshot: Snapshot
    sha256: str

    @property
    def reference(self) -> str:
        return self.snapshot.reference

    @property
    def date(self) -> dt.date:
        return self.snapshot.date

    @property
    def path(self) -> Path:
        return self.snapshot.version.path

    @property
    def policy(self) -> Policy:
        return self.snapshot.policy

    @property
    def unread(self) -> tuple[str, ...]:
        """What could not be read of a version filed with ``--recover`` (one line per region); () otherwise."""
        from policyvc.store.meta import read_meta

        meta = read_meta(self.path.parent)
        return meta.partial if meta is not None and meta.sha256 == self.sha256 else ()


def stored_unread(path: Path) -> tuple[str, ...]:
    """What could not be read of the stored source at ``path`` when it was filed with ``--recover``; () otherwise."""
    from policyvc.store.meta import stored_partial

    return stored_partial(path.parent, read_source(path))


def load_versions(store_root: Path, reference: str | None = None) -> list[RuleSource]:
    """Every stored version (of ``reference``, or of every policy), oldest first per reference, via the store."""
    from policyvc.store import Store
    from policyvc.store.meta import named_reference

    store = Store(store_root)
    out = []
    for ref in [named_reference(reference)] if reference is not None else store.references():
        for snapshot in store.history(ref):
            out.append(RuleSource(snapshot, sha256(read_source(snapshot.version.path))))
    return out
