"""``policyvc check DRAFT``: what filing a draft would do, its diff and audit against the newest stored version.

The draft is read and validated exactly as ``ingest`` reads it (:func:`policyvc.store.ingest.prepare`, the one
entry point for every input format) and judged by the same filing rule
(:func:`policyvc.store.ingest.filing_status`); the diff and the audit are the public ones ``diff`` and
``audit`` use, and with request cases the decisions that would change (``impact``).  Nothing is written: no
store lock, no version folder, no commit.

This module computes a typed :class:`CheckReport`; :mod:`policyvc.report.check` prints it (text or JSON).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from policyvc.parser.errors import PolicyError

if TYPE_CHECKING:
    from policyvc.history.audit import AuditReport
    from policyvc.history.diff import EditScript
    from policyvc.rules.impact import CaseImpact


class Filing(StrEnum):
    """What ``ingest`` would do with the draft."""

    FIRST = "first"  # the store has no version of this policy yet
    NEW = "new"  # a new version
    UNCHANGED = "unchanged"  # the store already holds exactly this document
    REFUSED = "refused"  # ingest would refuse it (the reason says how to fix the draft)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The verdict on one draft."""

    draft: str  # how messages name it
    reference: str
    date: dt.date  # the date it would be filed under
    filing: Filing
    base: dt.date | None  # the newest stored version it is compared with
    refusal: str | None = None  # why ingest would refuse it, in words
    warnings: tuple[str, ...] = ()  # dates of the draft that look like typos, each naming its line
    script: EditScript | None = None
    audit: AuditReport | None = None
    impact: tuple[CaseImpact, ...] | None = None  # with request cases

    @property
    def findings(self) -> bool:
        """Anything to fix before filing: a refusal or an unexplained change.

        Suspicious dates are warnings, as ``ingest`` gives them (a draft may well be dated ahead, for the next
        review); a date more than a year ahead is an input error already.
        """
        return self.filing is Filing.REFUSED or (self.audit is not None and not self.audit.clean)


def check_draft(path: Path, store: Path, *, cases: Path | None = None, data: bytes | None = None) -> CheckReport:
    """Check the draft at ``path`` (or the bytes ``data``, named ``path``) against ``store``; writes nothing."""
    from policyvc.history.audit import audit
    from policyvc.history.diff import diff
    from policyvc.store import Store
    from policyvc.store.ingest import filing_status, prepare
    from policyvc.store.paths import known_references
    from policyvc.store.source import read_source

    label = str(path)
    item = prepare(read_source(path) if data is None else data, label)
    warnings = tuple(w.render(label) for w in item.warnings)
    if not store.is_dir():
        raise PolicyError("no version store here (give one with --store DIR)", source=str(store))
    if item.reference not in known_references(store):
        return CheckReport(label, item.reference, item.date, Filing.FIRST, None, warnings=warnings)
    try:
        filing = Filing.UNCHANGED if filing_status(store, item) == "unchanged" else Filing.NEW
        refusal = None
    except PolicyError as exc:
        filing, refusal = Filing.REFUSED, exc.message
    base = Store(store).history(item.reference).latest
    script = diff(base.policy, item.policy)
    unread = {base.date: base.unread}
    unread[item.date] = (*unread.get(item.date, ()), *item.partial)  # (a draft of the stored date: both sides')
    report = audit([(base.date, base.policy), (item.date, item.policy)], unread)
    impact = None
    if cases is not None:
        from policyvc.rules.impact import Impact, impact_cases, read_cases
        from policyvc.rules.versions import stored_unread

        imp = Impact(base.policy, base.date, item.policy, item.date, (stored_unread(base.version.path), item.partial))
        impact = tuple(impact_cases(imp, read_cases(cases)))
    return CheckReport(label, item.reference, item.date, filing, base.date, refusal, warnings, script, report, impact)
