"""What ``build`` found and warns about, as values: a kind from a fixed vocabulary, where, and what.

The reporters print ``str(finding)`` (``<where>: <message>``, one line); the kind lets a caller filter or count
without parsing that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    """A finding: the build exits 1."""

    MISFILED_REFERENCE = "misfiled-reference"  # a version under another policy's reference number
    MISFILED_DATE = "misfiled-date"  # a version under a date its revision log does not end on
    STORE = "store"  # reported by the store while bringing its derived files up to date
    UNDOCUMENTED = "undocumented"  # a change between two versions no revision-log entry explains
    UNBACKED = "unbacked"  # a revision-log claim no change backs


class WarningKind(StrEnum):
    """A warning: printed, but the exit code does not change."""

    PARTIAL = "partial"  # a version stored with --recover: a region could not be read
    SUSPICIOUS_DATE = "suspicious-date"  # a revision-log date that is probably a typo


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    where: str  # a version's file (with ``:line`` when known), or a policy's step ``REF OLD → NEW``; "" when
    # ``message`` is a whole line already (the store's own findings)
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True, slots=True)
class BuildWarning:
    kind: WarningKind
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
