"""Version pairs of the audit-shape fixtures (tests/fixtures/audit_shapes): our own pharmacy and generic policies
edited by text replacement, with one new log entry, audited — and what the audit flagged or left unbacked."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES

from policyvc.history.audit import PairAudit, audit_pair
from policyvc.parser import parse_text
from policyvc.parser.nodes import RevisionEntry

SHAPES = FIXTURES / "audit_shapes"
PHARMACY = (SHAPES / "pharmacy.txt").read_text(encoding="utf-8")
GENERIC = (SHAPES / "generic.txt").read_text(encoding="utf-8")
LOG_END = "1Q 2025 annual review: no significant changes; references reviewed and updated.\t02.25\t02.25\n"


def _edited(text: str, edits: dict[str, str]) -> str:
    for before, after in edits.items():
        assert before in text, before
        text = text.replace(before, after)
    return text


def pharmacy_pair(edits: dict[str, str], entry: str, *, old_edits: dict[str, str] | None = None) -> PairAudit:
    """The pharmacy policy (with ``old_edits`` as the old version) against a new version with ``edits`` and a log
    row ``entry`` dated 02.26."""
    old = _edited(PHARMACY, old_edits or {})
    new = _edited(old.replace("Last Review Date: 02.25", "Last Review Date: 02.26"), edits)
    new = new.replace(LOG_END, LOG_END + f"{entry}\t02.26\t02.26\n")
    return audit_pair(dt.date(2025, 2, 1), parse_text(old), dt.date(2026, 2, 1), parse_text(new))


def generic_pair(edits: dict[str, str], entry: str) -> PairAudit:
    """The generic policy against a new version with ``edits`` and a history row ``entry`` dated 01/01/2026."""
    new = _edited(GENERIC, edits).rstrip("\n") + f"\n01/01/2026\t{entry}\n"
    return audit_pair(dt.date(2025, 1, 1), parse_text(GENERIC), dt.date(2026, 1, 1), parse_text(new))


def flagged(pair: PairAudit) -> set[str]:
    """The ids of the changes the audit calls undocumented."""
    return {str(e.new_id or e.old_id) for e in pair.undocumented}


def unbacked(pair: PairAudit) -> list[str]:
    """The clauses the audit calls unbacked."""
    return [c.clause for c in pair.unbacked]


def log_entry(text: str) -> RevisionEntry:
    """A revision-log row of the new version's date (2026-02-01)."""
    return RevisionEntry(text, dt.date(2026, 2, 1), None)
