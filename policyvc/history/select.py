"""A policy's stored versions as a history: loading, and picking the version in force on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policyvc.dates import in_force
from policyvc.parser import parse_file
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy
from policyvc.store.versions import versions_of


@dataclass(frozen=True, slots=True)
class Version:
    """One stored version: its key date (the latest date of its own revision log) and its AST."""

    date: dt.date
    policy: Policy
    path: Path


def load_history(store: Path, reference: str) -> tuple[Version, ...]:
    """Every stored version of ``reference``, oldest first; a clear error for an unknown policy id."""
    mine = versions_of(store, reference)  # validates the id; an unknown one lists the known ones
    return tuple(Version(v.date, parse_file(v.path), v.path) for v in sorted(mine, key=lambda v: v.date))


def select_pair(
    history: Sequence[Version], old: dt.date | None, new: dt.date | None, *, source: str = "<history>"
) -> tuple[Version, Version]:
    """FROM and TO as versions (exact key or the one in force); default: the two newest."""
    if len(history) < 2:
        raise PolicyError(f"this policy has {len(history)} stored version(s): a diff needs at least two", source=source)
    to = in_force(history, new, source=source) if new else history[-1]
    if old is None:
        earlier = [v for v in history if v.date < to.date]
        if not earlier:
            raise PolicyError(f"no version before {to.date.isoformat()} to compare with", source=source)
        return earlier[-1], to
    frm = in_force(history, old, source=source)
    if frm.date > to.date or (old and new and old > new):
        raise PolicyError(
            f"FROM ({old.isoformat()}) is after TO ({to.date.isoformat()}): give the older date first", source=source
        )
    return frm, to


def select_range(
    history: Sequence[Version], old: dt.date | None, new: dt.date | None, *, source: str = "<history>"
) -> tuple[Version, ...]:
    """The versions from FROM to TO inclusive (default: all)."""
    if old and new and old > new:
        raise PolicyError(
            f"FROM ({old.isoformat()}) is after TO ({new.isoformat()}): give the older date first", source=source
        )
    lo = in_force(history, old, source=source).date if old else history[0].date
    hi = in_force(history, new, source=source).date if new else history[-1].date
    return tuple(v for v in history if lo <= v.date <= hi)
