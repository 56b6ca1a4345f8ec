"""``policyvc build``: parse every stored version and summarise each policy.

Versions are parsed in parallel (``jobs`` worker processes, default all cores),
each PDF still extracted through the sandbox (``policyvc.parser.pdf_guard``)
and cached by content hash (``policyvc.parser.pdf_cache``); results are collected in store
order, so the output does not depend on ``jobs``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from policyvc.parser import PolicyError, parse_file_cached
from policyvc.parser.files import is_pdf_file
from policyvc.parser.nodes import CriterionType, Policy, all_criteria
from policyvc.store import Store

_DOSE_TYPES = (CriterionType.DOSE_LIMIT, CriterionType.WEIGHT_BAND)


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts ``build`` prints for one version."""

    sets: int
    numbered: int
    criteria: int
    dose_limits: int
    durations: int
    log_entries: int
    states: int


def summarize(policy: Policy) -> Summary:
    sets = [s for sec in policy.sections for s in sec.sets]
    nodes = all_criteria(policy)
    return Summary(
        sets=len(sets),
        numbered=sum(len(s.criteria) for s in sets),
        criteria=len(nodes),
        dose_limits=sum(1 for c in nodes if c.type in _DOSE_TYPES),
        durations=sum(len(s.durations) for s in sets),
        log_entries=len(policy.revision_log),
        states=sum(len(a.states) for a in policy.appendices),
    )


def latest_log_date(policy: Policy) -> str | None:
    dates = [e.date for e in policy.revision_log if e.date]
    return max(dates).isoformat() if dates else None


@dataclass(frozen=True, slots=True)
class Parsed:
    """What ``build`` needs of one parsed version (small: it crosses a process boundary)."""

    title: str
    reference_number: str
    latest: str | None
    summary: Summary
    pdf: bool
    cached: bool
    policy: Policy  # the whole AST: the store's sync and the history's diff + audit reuse this one parse


@dataclass(frozen=True, slots=True)
class _Failed:
    # a PolicyError as plain fields: exceptions with keyword-only arguments do not survive pickling
    message: str
    source: str
    line: int | None
    column: int | None
    page: int | None
    context: str | None

    def error(self) -> PolicyError:
        return PolicyError(
            self.message, source=self.source, line=self.line, column=self.column, page=self.page, context=self.context
        )


def parse_version(path: Path, cache_dir: Path | None) -> Parsed:
    """Parse one stored version; a PDF goes through the sandbox and, unless ``cache_dir`` is None, the cache."""
    policy, cached = parse_file_cached(path, cache_dir=cache_dir)
    return Parsed(
        policy.header.title, policy.reference_number, latest_log_date(policy), summarize(policy), is_pdf_file(path),
        cached, policy,
    )


def _parse_quietly(path: Path, cache_dir: Path | None) -> Parsed | _Failed:
    try:
        return parse_version(path, cache_dir)
    except PolicyError as exc:
        return _Failed(exc.message, exc.source, exc.line, exc.column, exc.page, exc.context)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal; silent in CI logs and pipes."""
    err = Console(stderr=True)
    if not err.is_terminal or total < 2:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # auto_refresh=False: no refresh thread running while the pool forks its workers
    with Progress(
        TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, auto_refresh=False,
    ) as bar:  # fmt: skip
        task = bar.add_task("parse", total=total)

        def advance() -> None:
            bar.advance(task)
            bar.refresh()

        yield advance


def _cores() -> int:
    # the cores this process may run on (a container or taskset may allow fewer than the machine has)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def parse_all(paths: list[Path], *, jobs: int | None = None, cache_dir: Path | None = None) -> list[Parsed]:
    """Parse ``paths`` on ``jobs`` processes (default: all cores); results in the order given.

    The first failing path, in that order, raises its :class:`PolicyError`.
    """
    jobs = max(1, jobs or _cores())
    results: list[Parsed | _Failed]
    with _progress(len(paths)) as advance:
        if jobs == 1 or len(paths) < 2:
            results = []
            for p in paths:
                results.append(_parse_quietly(p, cache_dir))
                advance()
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
                futures = [pool.submit(_parse_quietly, p, cache_dir) for p in paths]
                for _ in as_completed(futures):
                    advance()
                results = [f.result() for f in futures]
    out: list[Parsed] = []
    for r in results:
        if isinstance(r, _Failed):
            raise r.error()
        out.append(r)
    return out


def build_store(
    store: Path, console: Console | None = None, *, jobs: int | None = None, cache_dir: Path | None = None
) -> list[str]:
    """Ingest the store and report on it; return findings (empty when clean).

    Every version is parsed once (``jobs`` worker processes, default all
    cores; ``cache_dir``: the extraction cache, None for none), the store's
    ``policy.json`` / ``meta.json`` are brought up to date from those parses,
    then each policy's timeline is printed with its diffs' counts and the
    revision-log audit.  Findings: versions filed under the wrong name,
    undocumented changes, unbacked revision-log claims.
    """
    from policyvc.history.summary import history_summary
    from policyvc.renderer.build import BuildRow, render_build_table
    from policyvc.renderer.summary import render_summary_rich
    from policyvc.store.sync import sync_store

    out = console or Console(highlight=False)
    if not out.is_terminal:
        out.width = max(out.width, 160)  # logs and CI: do not squeeze the tables to 80 columns
    the_store = Store(store, cache_dir=cache_dir or False)
    versions = the_store.all_versions()
    parsed = parse_all([v.path for v in versions], jobs=jobs, cache_dir=cache_dir)
    the_store.remember({v.path: p.policy for v, p in zip(versions, parsed, strict=True)})
    findings: list[str] = []
    rows: list[BuildRow] = []
    for v, p in zip(versions, parsed, strict=True):
        s = p.summary
        rows.append(BuildRow(v.reference, v.date, p.title, s.sets, s.numbered, s.criteria, s.dose_limits,
                             s.durations, s.log_entries, s.states))  # fmt: skip
        if p.reference_number != v.reference:
            findings.append(f"{v.path}: filed under {v.reference} but its reference number is {p.reference_number}")
        if p.latest != v.date.isoformat():
            findings.append(f"{v.path}: filed under {v.date} but its latest revision-log entry is dated {p.latest}")
    render_build_table(rows, title=f"policy_versions: {store}", console=out)
    refs = sorted({v.reference for v in versions})
    out.print(f"{len(versions)} version(s) of {len(refs)} policy(ies) parsed.")
    pdfs = [p for p in parsed if p.pdf]
    if pdfs:
        hits = sum(p.cached for p in pdfs)
        print(f"PDFs: {len(pdfs) - hits} extracted, {hits} from the cache", file=sys.stderr)

    # ingest: the AST and metadata of every version, written atomically under the store's lock
    synced = sync_store(store, parsed={v.path: p.policy for v, p in zip(versions, parsed, strict=True)})
    findings.extend(f for f in synced.findings if f not in findings)
    out.print(f"store: {synced.versions} version(s) current, {len(synced.written)} AST/metadata file(s) written.")

    # the history of each policy whose versions are all filed correctly
    misfiled = {v.reference for v, p in zip(versions, parsed, strict=True)
                if p.reference_number != v.reference or p.latest != v.date.isoformat()}  # fmt: skip
    for ref in refs:
        if ref in misfiled:
            out.print(f"{ref}: history skipped until its versions are filed under the right names.")
            continue
        summary = history_summary(the_store.history(ref).snapshots)
        out.print()
        render_summary_rich(summary, console=out)
        for pair in summary.audit.pairs:
            step = f"{ref} {pair.old.isoformat()} → {pair.new.isoformat()}"
            findings.extend(f"{step}: undocumented {e.kind} {e.new_id or e.old_id}" for e in pair.undocumented)
            findings.extend(f"{step}: unbacked claim ({c.date}): {c.clause}" for c in pair.unbacked)
    for f in findings:
        print(f"finding: {f}", file=sys.stderr)
    return findings
