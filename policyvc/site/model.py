"""One policy's site model: its audit, the diff pairs its pages show, the blame of the version in force."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence

from policyvc.dates import in_force
from policyvc.history.audit import AuditReport, PairAudit, audit, audit_pair
from policyvc.history.blame import blame
from policyvc.history.tree import shared_trees
from policyvc.parser.errors import PolicyError
from policyvc.renderer.site_frame import Snap
from policyvc.renderer.site_pages import PolicyModel

ALL_PAIRS_MAX = 6  # up to this many versions every pair gets a diff page; beyond, consecutive pairs and vs latest

# pairs already audited by the caller (``build``'s worker: kept from an earlier build or made for its history),
# by (old date, new date) and what was not read of the two: used instead of auditing them again
_KNOWN: contextvars.ContextVar[Mapping[tuple[dt.date, dt.date, tuple[str, ...]], PairAudit] | None]
_KNOWN = contextvars.ContextVar("known_pairs", default=None)


def shown_pairs(count: int) -> list[tuple[int, int]]:
    """The pairs (indexes, oldest first) of ``count`` versions that get a diff page."""
    if count <= ALL_PAIRS_MAX:
        return list(itertools.combinations(range(count), 2))
    return [*((i, i + 1) for i in range(count - 1)), *((i, count - 1) for i in range(count - 2))]


@contextlib.contextmanager
def known_pairs(pairs: Mapping[tuple[dt.date, dt.date, tuple[str, ...]], PairAudit]) -> Iterator[None]:
    """Within this block, :func:`model_of` takes these pairs (of exactly the trees it is given) as audited."""
    token = _KNOWN.set(pairs)
    try:
        yield
    finally:
        _KNOWN.reset(token)


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
    known = _KNOWN.get() or {}
    for i, j in shown_pairs(len(snaps)):
        if (dates[i], dates[j]) not in pairs:
            a, b = snaps[i], snaps[j]
            unread = (*a.partial, *b.partial)
            done = known.get((a.date, b.date, unread))
            pairs[(a.date, b.date)] = done or audit_pair(a.date, a.policy, b.date, b.policy, unread=unread)
    try:
        current, now = in_force(list(snaps), today), True
    except PolicyError:
        current, now = snaps[0], False
    blamed = blame(history, current.date, audited=pairs)
    return PolicyModel(reference, tuple(snaps), current, report, pairs, blamed, rules, now)
