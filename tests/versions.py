"""Synthetic versions of a small family policy, for the store tests.

Each version is the somatrogon fixture (CP.PHAR.571, last log entry 2025-08-05)
with one more revision-log row: its date becomes the version's key.  Dates are
written with four-digit years (the parser accepts ``MM.DD.YYYY``), so tests can
also write dates git cannot hold (1965, 2100).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import FIXTURES

BASE = FIXTURES / "policies" / "somatrogon.txt"
BASE_REFERENCE = "CP.PHAR.571"
BASE_LATEST = dt.date(2025, 8, 5)


def version_text(date: dt.date | str, note: str = "", *, reference: str = BASE_REFERENCE) -> str:
    """The base policy with a revision-log row dated ``date`` (a date, or raw ``MM.DD.YYYY`` text)."""
    text = BASE.read_text(encoding="utf-8")
    when = date if isinstance(date, str) else f"{date.month:02d}.{date.day:02d}.{date.year:04d}"
    label = date if isinstance(date, str) else date.isoformat()
    row = f"{note or f'Synthetic change recorded {label}.'}\t{when}\t\n"
    cut = text.index("\nImportant Reminder")
    text = text[:cut].rstrip("\n") + "\n" + row + text[cut:]
    return text.replace(f"Reference Number: {BASE_REFERENCE}", f"Reference Number: {reference}", 1)


def write_version(
    folder: Path, date: dt.date | str, note: str = "", *, reference: str = BASE_REFERENCE, name: str = ""
) -> Path:
    """Write :func:`version_text` to a file in ``folder`` and return its path."""
    label = date if isinstance(date, str) else date.isoformat()
    path = folder / (name or f"{reference}_{label}.txt".replace("/", "_"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_text(date, note, reference=reference), encoding="utf-8")
    return path


def day(n: int) -> dt.date:
    """The n-th day after the base's latest entry (so the new row is the key)."""
    return BASE_LATEST + dt.timedelta(days=n)
