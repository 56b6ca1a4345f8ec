"""Dates as typed values: what the CLI accepts and what may reach a path or git.

Git silently shifts impossible dates (``2023-02-30`` becomes March 2) and
refuses or mangles years before 1970 and from 2100 on; a version key is also a
folder name.  So every date a user or a document gives is checked here, once,
before it is used: a real calendar date, inside ``MIN_DATE`` … ``MAX_DATE``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from policyvc.parser.errors import PolicyError

MIN_DATE = dt.date(1970, 1, 2)  # a day of margin: a commit at the epoch in a western time zone is before 1970
MAX_DATE = dt.date(2099, 12, 31)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class Dated(Protocol):
    @property
    def date(self) -> dt.date: ...


D = TypeVar("D", bound=Dated)


def check_date(value: dt.date, *, source: str = "<date>", what: str = "date") -> dt.date:
    """``value`` if git and the store can hold it, else a :class:`PolicyError` saying why."""
    if not MIN_DATE <= value <= MAX_DATE:
        raise PolicyError(
            f"{what} {value.isoformat()} is out of range: expected a date from "
            f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}",
            source=source,
        )
    return value


def parse_date(text: str, *, source: str = "<date>", what: str = "date") -> dt.date:
    """Parse a user-given ``YYYY-MM-DD`` date strictly (no ``2023-02-30``, no ``1965``, no ``2100``)."""
    m = _ISO.match(text.strip())
    if not m:
        raise PolicyError(f"{what} {text!r} is not a date: expected YYYY-MM-DD, e.g. 2026-03-26", source=source)
    year, month, day = (int(g) for g in m.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError as exc:
        raise PolicyError(f"{what} {text!r} is not a real calendar date ({exc})", source=source) from None
    return check_date(value, source=source, what=what)


def in_force(versions: Sequence[D], on: dt.date, *, what: str = "version", source: str = "<history>") -> D:
    """The version in force on ``on``: the latest (``versions`` oldest first) whose date is not after it."""
    candidates = [v for v in versions if v.date <= on]
    if not candidates:
        first = versions[0].date.isoformat() if versions else "none"
        raise PolicyError(
            f"no {what} was in force on {on.isoformat()}: its first stored version is dated {first}", source=source
        )
    return candidates[-1]
