"""One policy's site model: its audit, the diff pairs its pages show, the blame of the version in force."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from policyvc.dates import in_force
from policyvc.history.audit import AuditReport, audit, audit_pair
from policyvc.history.blame import blame
from policyvc.history.tree import shared_trees
from policyvc.parser.errors import PolicyError
from policyvc.renderer.site_pages import PolicyModel, Snap

ALL_PAIRS_MAX = 6  # up to this many versions every pair gets a diff page; beyond, consecutive pairs and vs latest


def model_of(
    reference: str,
    snaps: Sequence[Snap],
    today: dt.date,
    rules: dict[dt.date, str],
    report: AuditReport | None = None,
) -> PolicyModel:
    """Audit, diff pairs and blame of one policy (each diff computed once).

    ``report``: the audit of ``snaps`` already made (``build``'s, of the same trees), reused instead of made again.
    """
    if not snaps:
        raise PolicyError(f"{reference} has no stored version", source=reference)
    with shared_trees():  # (each version is in several of the pairs below and in the blame: its tree built once)
        return _model(reference, snaps, today, rules, report)


def _model(
    reference: str, snaps: Sequence[Snap], today: dt.date, rules: dict[dt.date, str], report: AuditReport | None
) -> PolicyModel:
    history = [(s.date, s.policy) for s in snaps]
    if report is None or [(p.old, p.new) for p in report.pairs] != list(itertools.pairwise(s.date for s in snaps)):
        report = audit(history, {s.date: s.partial for s in snaps})
    pairs = {(p.old, p.new): p for p in report.pairs}
    dates = [s.date for s in snaps]
    wanted = (
        itertools.combinations(range(len(snaps)), 2)
        if len(snaps) <= ALL_PAIRS_MAX
        else ((i, len(snaps) - 1) for i in range(len(snaps) - 2))
    )
    for i, j in wanted:
        if (dates[i], dates[j]) not in pairs:
            a, b = snaps[i], snaps[j]
            pairs[(a.date, b.date)] = audit_pair(a.date, a.policy, b.date, b.policy, unread=(*a.partial, *b.partial))
    try:
        current, now = in_force(list(snaps), today), True
    except PolicyError:
        current, now = snaps[0], False
    blamed = blame(history, current.date, audited=pairs)
    return PolicyModel(reference, tuple(snaps), current, report, pairs, blamed, rules, now)
