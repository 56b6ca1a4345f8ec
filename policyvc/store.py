"""Reading the version store laid out as ``<store>/<REFERENCE-NUMBER>/<YYYY-MM-DD>/policy.txt``.

The folder date is the date of the latest entry of the version's own revision
log (the versions issue builds ingest and git history on this layout).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from policyvc.parser.errors import PolicyError

POLICY_FILES = ("policy.txt", "policy.pdf")
_REF_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+$")


@dataclass(frozen=True, slots=True)
class StoredVersion:
    reference: str
    date: dt.date
    path: Path


def valid_reference(text: str) -> bool:
    """A policy reference number such as ``CP.PHAR.295`` (safe as a folder name)."""
    return bool(_REF_RE.match(text))


def stored_versions(store: Path) -> list[StoredVersion]:
    """Every version in the store, ordered by policy and date."""
    if not store.is_dir():
        raise PolicyError("no version store here (give one with --store DIR)", source=str(store))
    out: list[StoredVersion] = []
    for ref_dir in sorted(p for p in store.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not valid_reference(ref_dir.name):
            raise PolicyError(
                "expected a policy reference number like CP.PHAR.295 as the folder name", source=str(ref_dir)
            )
        for ver_dir in sorted(p for p in ref_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            try:
                date = dt.date.fromisoformat(ver_dir.name)
            except ValueError:
                raise PolicyError(
                    "expected a version folder named by its date, YYYY-MM-DD", source=str(ver_dir)
                ) from None
            files = [ver_dir / f for f in POLICY_FILES if (ver_dir / f).is_file()]
            if not files:
                raise PolicyError(
                    f"expected a policy file ({', '.join(POLICY_FILES)}) in this version", source=str(ver_dir)
                )
            out.append(StoredVersion(ref_dir.name, date, files[0]))
    return out
