"""The stored versions the rules are generated from: one function over the store, so the store API can replace it."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from policyvc.dates import parse_date
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy


@dataclass(frozen=True, slots=True)
class StoredVersion:
    reference: str
    date: dt.date
    path: Path
    sha256: str  # of the source file's bytes
    policy: Policy


def _source(folder: Path) -> Path | None:
    for name in ("policy.txt", "policy.pdf"):
        if (folder / name).is_file():
            return folder / name
    return None


def load_versions(store_root: Path, reference: str | None = None) -> list[StoredVersion]:
    """Every version under ``store_root/<REF>/<YYYY-MM-DD>/policy.txt|pdf`` (oldest first per reference)."""
    from policyvc.parser import parse_file

    if not store_root.is_dir():
        raise PolicyError(f"no policy store at {store_root}", source=str(store_root))
    out = []
    for ref_dir in sorted(p for p in store_root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if reference is not None and ref_dir.name != reference:
            continue
        for day_dir in sorted(p for p in ref_dir.iterdir() if p.is_dir()):
            source = _source(day_dir)
            if source is None:
                continue
            day = parse_date(day_dir.name, source=str(day_dir), what="version folder")
            policy = parse_file(source)
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
            out.append(StoredVersion(policy.reference_number or ref_dir.name, day, source, digest, policy))
    if reference is not None and not out:
        raise PolicyError(f"no stored version of {reference} in {store_root}", source=str(store_root))
    return out
