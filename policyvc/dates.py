"""Dates as typed values: what the CLI accepts and what may reach a path or git.

Git silently shifts impossible dates (``2023-02-30`` becomes March 2) and
refuses or mangles years before 1970 and from 2100 on; a version key is also a
folder name.  So every date a user or a document gives is checked here, once,
before it is used: a real calendar date, inside ``MIN_DATE`` … ``MAX_DATE``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from policyvc.errors import PolicyError
from policyvc.lazy_re import lazy

if TYPE_CHECKING:
    from policyvc.parser.nodes import Policy

MIN_DATE = dt.date(1970, 1, 2)  # a day of margin: a commit at the epoch in a western time zone is before 1970
MAX_DATE = dt.date(2099, 12, 31)
_ISO = lazy(r"^(\d{4})-(\d{2})-(\d{2})$")


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


# --- dates a document gives that are probably typos -----------------------------------------------

FAR_FROM_REVIEW_DAYS = 550  # an annual review is logged months, not years, from the review date


@dataclass(frozen=True, slots=True)
class DateWarning:
    """A date of a document that looks wrong: the line it is on, what is wrong, whether it is the key date."""

    message: str
    line: int | None
    key: bool  # the suspect date is (or decides) the date the version is filed under

    def render(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.message}"


def _review_day(review: object) -> dt.date | None:
    if isinstance(review, dt.date):
        return review
    year, month = getattr(review, "year", None), getattr(review, "month", None)
    if isinstance(year, int) and isinstance(month, int):
        return dt.date(year, month, 15)
    return None


def suspicious_dates(policy: Policy, *, today: dt.date | None = None) -> tuple[DateWarning, ...]:
    """Revision-log dates that are probably typos: in the future, the newest before the effective date or far
    from the review date, the entry listed last dated before one listed above it (``03.26.99`` for ``03.26.26``).
    """
    today = today or dt.date.today()
    entries = [e for e in policy.revision_log if e.date is not None]
    if not entries:
        return ()
    out: list[DateWarning] = []
    newest = max(entries, key=lambda e: e.date or dt.date.min)
    key = newest.date
    assert key is not None
    last = entries[-1]
    assert last.date is not None
    if last is not newest and last.date < key:
        out.append(
            DateWarning(
                f"the last revision-log entry is dated {last.date.isoformat()}, before the entry dated "
                f"{key.isoformat()} listed above it: a typo? the version would be filed under {key.isoformat()}",
                last.span.line or None,
                True,
            )
        )
    for e in entries:
        assert e.date is not None
        if e.date > today:
            out.append(
                DateWarning(
                    f"revision-log date {e.date.isoformat()} is in the future", e.span.line or None, e is newest
                )
            )
    effective = policy.header.effective_date
    if effective is not None and key < effective:
        out.append(
            DateWarning(
                f"the newest revision-log date {key.isoformat()} is before the effective date {effective.isoformat()}",
                newest.span.line or None,
                True,
            )
        )
    review = _review_day(policy.header.last_review)
    if review is not None and abs((key - review).days) > FAR_FROM_REVIEW_DAYS:
        out.append(
            DateWarning(
                f"the newest revision-log date {key.isoformat()} is far from the last review date "
                f"{review.strftime('%Y-%m')}",
                newest.span.line or None,
                True,
            )
        )
    return tuple(out)
