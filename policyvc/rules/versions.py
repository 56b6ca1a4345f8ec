"""The stored versions the rules are generated from, with the sha256 of each source file (for the headers)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from policyvc.parser.nodes import Policy


@dataclass(frozen=True, slots=True)
class StoredVersion:
    reference: str
    date: dt.date
    path: Path
    sha256: str  # of the source file's bytes
    policy: Policy


def load_versions(store_root: Path, reference: str | None = None) -> list[StoredVersion]:
    """Every stored version (of ``reference``, or of every policy), oldest first per reference, via the store."""
    from policyvc.store import Store

    store = Store(store_root)
    out = []
    for ref in [reference] if reference is not None else store.references():
        for snapshot in store.history(ref):
            path = snapshot.version.path
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out.append(StoredVersion(ref, snapshot.date, path, digest, snapshot.policy))
    return out
