"""Which versions a ``diff`` or an ``audit`` compares: FROM and TO picked by the version in force."""

from __future__ import annotations

import datetime as dt

from policyvc.parser.errors import PolicyError
from policyvc.store import History, Snapshot


def select_pair(history: History, old: dt.date | None, new: dt.date | None) -> tuple[Snapshot, Snapshot]:
    """FROM and TO as versions (exact key or the one in force); default: the two newest."""
    source = history.source
    if len(history) < 2:
        raise PolicyError(f"this policy has {len(history)} stored version(s): a diff needs at least two", source=source)
    to = history.at(new) if new else history.latest
    if old is None:
        earlier = [s for s in history if s.date < to.date]
        if not earlier:
            raise PolicyError(f"no version before {to.date.isoformat()} to compare with", source=source)
        return earlier[-1], to
    frm = history.at(old)
    if frm.date > to.date or (old and new and old > new):
        raise PolicyError(
            f"FROM ({old.isoformat()}) is after TO ({to.date.isoformat()}): give the older date first", source=source
        )
    return frm, to


def select_range(history: History, old: dt.date | None, new: dt.date | None) -> tuple[Snapshot, ...]:
    """The versions from FROM to TO inclusive (default: all)."""
    if old and new and old > new:
        raise PolicyError(
            f"FROM ({old.isoformat()}) is after TO ({new.isoformat()}): give the older date first",
            source=history.source,
        )
    lo = history.at(old).date if old else history.snapshots[0].date
    hi = history.at(new).date if new else history.latest.date
    return tuple(s for s in history if lo <= s.date <= hi)
