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
from typing import Any

from rich.console import Console

from policyvc.parser import PolicyError, parse_file_cached
from policyvc.parser.files import is_pdf_file
from policyvc.parser.nodes import CriterionType, Policy, all_criteria
from policyvc.store import Version
from policyvc.store.meta import store_reference
from policyvc.store.paths import scan

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
    """The date the version is filed under (:func:`policyvc.store.meta.key_date`), or ``None``."""
    from policyvc.store.meta import key_date  # (the store's rule: another payer's document may have no log)

    try:
        return key_date(policy, source="").isoformat()
    except PolicyError:
        return None


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
    partial: tuple[str, ...] = ()  # stored with --recover: what could not be read


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
    """Parse one stored version; a PDF goes through the sandbox and, unless ``cache_dir`` is None, the cache.

    A version stored with ``--recover`` (``meta.json`` lists what could not be read) is read the same way.
    """
    from policyvc.store.meta import stored_partial

    try:
        partial = stored_partial(path.parent, path.read_bytes())
    except OSError:
        partial = ()  # the parse names the problem
    policy, cached = parse_file_cached(path, cache_dir=cache_dir, recover=bool(partial))
    return Parsed(
        policy.header.title,
        store_reference(policy),  # (what the version is filed under: another payer's id as the store writes it)
        latest_log_date(policy),
        summarize(policy),
        is_pdf_file(path),
        cached,
        policy,
        partial,
    )


def _parse_quietly(path: Path, cache_dir: Path | None) -> Parsed | _Failed:
    try:
        return parse_version(path, cache_dir)
    except PolicyError as exc:
        return _Failed(exc.message, exc.source, exc.line, exc.column, exc.page, exc.context)


@contextmanager
def _progress(total: int, pdfs: int = 0) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal; silent in CI logs and pipes.

    With PDFs to extract it says how long one may take before the sandbox gives up on it, so a PDF that hangs
    is a known wait, not a silent minute.
    """
    err = Console(stderr=True)
    if not err.is_terminal or total < 2:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    label = "parsing"
    if pdfs:
        from policyvc.parser.pdf_guard import Limits

        label = f"parsing ({pdfs} PDF(s); one that hangs gives up after {Limits.resolve().timeout:g} s)"
    # auto_refresh=False: no refresh thread running while the pool forks its workers
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("parse", total=total)
        bar.refresh()

        def advance() -> None:
            bar.advance(task)
            bar.refresh()

        yield advance


def _cores() -> int:
    # the cores this process may run on (a container or taskset may allow fewer than the machine has)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def parse_each(
    paths: list[Path], *, jobs: int | None = None, cache_dir: Path | None = None, fail_fast: bool = False
) -> list[Parsed | PolicyError]:
    """Parse ``paths`` on ``jobs`` processes (default: all cores); each result, or the error it gave, in order.

    ``fail_fast``: the first failure (in completion order) raises at once and the pool is stopped.
    """
    jobs = max(1, jobs or _cores())
    results: list[Parsed | _Failed]
    with _progress(len(paths), sum(1 for p in paths if is_pdf_file(p))) as advance:
        if jobs == 1 or len(paths) < 2:
            results = []
            for p in paths:
                r = _parse_quietly(p, cache_dir)
                if fail_fast and isinstance(r, _Failed):
                    raise r.error()
                results.append(r)
                advance()
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
                futures = [pool.submit(_parse_quietly, p, cache_dir) for p in paths]
                for f in as_completed(futures):
                    r = f.result()
                    if fail_fast and isinstance(r, _Failed):
                        for other in futures:
                            other.cancel()
                        raise r.error()
                    advance()
                results = [f.result() for f in futures]
    return [r.error() if isinstance(r, _Failed) else r for r in results]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build`` found: findings (exit 1) and what could not be read (exit 2), one line each."""

    findings: tuple[str, ...]
    errors: tuple[PolicyError, ...]
    document: dict[str, Any]  # the JSON report (``--format json``)


def build_store(
    store: Path,
    console: Console | None = None,
    *,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    fail_fast: bool = False,
    fmt: str = "text",
    rules_out: Path | None = None,
    site_out: Path | None = None,
) -> BuildResult:
    """Ingest the store and report on it, keeping going past what cannot be read.

    Every version is parsed once (``jobs`` worker processes, default all
    cores; ``cache_dir``: the extraction cache, None for none), the store's
    ``policy.json`` / ``meta.json`` are brought up to date from those parses,
    then each policy's timeline is printed with its diffs' counts and the
    revision-log audit.  Findings: versions filed under the wrong name,
    undocumented changes, unbacked revision-log claims.  Errors: every version
    or folder that could not be read, reported on stderr as one line each while
    the rest is still built and reported (``fail_fast``: the first one raises).
    ``fmt``: ``text`` (tables) or ``json`` (one document on stdout).

    When every version could be read, the build ends by regenerating the rule
    modules into ``rules_out`` and rendering and building the documentation
    site into ``site_out`` (``None``: not that step).
    """
    from policyvc.dates import suspicious_dates
    from policyvc.history.summary import history_summary
    from policyvc.renderer.build import BuildRow, render_build_table, summary_to_dict
    from policyvc.renderer.summary import render_summary_rich
    from policyvc.store import Snapshot
    from policyvc.store.sync import sync_store

    out = console or Console(highlight=False)
    if not out.is_terminal:
        out.width = max(out.width, 160)  # logs and CI: do not squeeze the tables to 80 columns
    text = fmt == "text"
    versions, errors = scan(store)
    if fail_fast and errors:
        raise errors[0]
    results = parse_each([v.path for v in versions], jobs=jobs, cache_dir=cache_dir, fail_fast=fail_fast)
    good: list[tuple[Version, Parsed]] = []
    for v, r in zip(versions, results, strict=True):
        if isinstance(r, PolicyError):
            errors.append(r)
        else:
            good.append((v, r))
    for e in errors:  # one line each, as soon as the parse is done: the report of the good versions follows
        print(f"error: {_one_line(e)}", file=sys.stderr)
    findings: list[str] = []
    warnings: list[str] = []
    rows: list[BuildRow] = []
    for v, p in good:
        s = p.summary
        rows.append(
            BuildRow(
                v.reference,
                v.date,
                p.title,
                s.sets,
                s.numbered,
                s.criteria,
                s.dose_limits,
                s.durations,
                s.log_entries,
                s.states,
                partial=bool(p.partial),
            )
        )
        warnings.extend(f"{v.path}: partial version (stored with --recover): {line}" for line in p.partial)
        if p.reference_number != v.reference:
            findings.append(f"{v.path}: filed under {v.reference} but its reference number is {p.reference_number}")
        if p.latest != v.date.isoformat():
            findings.append(f"{v.path}: filed under {v.date} but its latest revision-log entry is dated {p.latest}")
        warnings.extend(w.render(str(v.path)) for w in suspicious_dates(p.policy))
    refs = sorted({v.reference for v, _ in good})
    if text:
        render_build_table(rows, title=f"policy_versions: {store}", console=out)
        out.print(
            f"{len(good)} version(s) of {len(refs)} policy(ies) parsed"
            + (f", {len(errors)} could not be read." if errors else ".")
        )
    pdfs = [p for _, p in good if p.pdf]
    if pdfs:
        hits = sum(p.cached for p in pdfs)
        print(f"PDFs: {len(pdfs) - hits} extracted, {hits} from the cache", file=sys.stderr)

    # ingest: the AST and metadata of every version, written atomically under the store's lock
    if errors:
        sync_line = "store: derived files not updated until every version can be read"
    else:
        synced = sync_store(store, parsed={v.path: p.policy for v, p in good})
        findings.extend(f for f in synced.findings if f not in findings)
        sync_line = f"store: {synced.versions} version(s) current, {len(synced.written)} AST/metadata file(s) written."
    if text:
        out.print(sync_line)

    # the history of each policy whose versions are all filed correctly
    misfiled = {v.reference for v, p in good if p.reference_number != v.reference or p.latest != v.date.isoformat()}
    histories: list[dict[str, Any]] = []
    for ref in refs:
        if ref in misfiled:
            if text:
                out.print(f"{ref}: history skipped until its versions are filed under the right names.")
            continue
        snapshots = [Snapshot(v, p.policy) for v, p in good if v.reference == ref]
        summary = history_summary(snapshots)
        histories.append(summary_to_dict(summary))
        if text:
            out.print()
            render_summary_rich(summary, console=out)
        for pair in summary.audit.pairs:
            step = f"{ref} {pair.old.isoformat()} → {pair.new.isoformat()}"
            findings.extend(f"{step}: undocumented {e.kind} {e.new_id or e.old_id}" for e in pair.undocumented)
            findings.extend(f"{step}: unbacked claim ({c.date}): {c.clause}" for c in pair.unbacked)
    outputs: dict[str, str] = {}
    if not errors and rules_out is not None:
        from policyvc.rules.generate import write_rules

        try:
            written = write_rules(store, rules_out)
            outputs["rules"] = f"rules: {len(written)} file(s) current in {rules_out}"
        except PolicyError as exc:
            errors.append(exc)
            print(f"error: {_one_line(exc)}", file=sys.stderr)
    if not errors and site_out is not None:
        from policyvc.renderer.site import build_site

        try:
            progress = text and sys.stderr.isatty()  # like the parse progress: on a terminal only

            def log(message: str) -> None:
                if progress:
                    print(message, file=sys.stderr)

            site = build_site(store, site_out, build=True, rules_root=rules_out, jobs=jobs, log=log)
            where = f"open {site_out / '_build' / 'index.html'} or `mkdocs serve -f {site_out / 'mkdocs.yml'}`"
            outputs["site"] = f"site: {site.pages} pages built: {where}"
        except PolicyError as exc:
            errors.append(exc)
            print(f"error: {_one_line(exc)}", file=sys.stderr)
    if text:
        for line in outputs.values():
            out.print(line, markup=False)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for f in findings:
        print(f"finding: {f}", file=sys.stderr)
    document: dict[str, Any] = {
        "store": str(store),
        "versions": [r.to_dict() for r in rows],
        "histories": histories,
        "findings": findings,
        "warnings": warnings,
        "errors": [_one_line(e) for e in errors],
        "outputs": outputs,
    }
    return BuildResult(tuple(findings), tuple(errors), document)


def _one_line(e: PolicyError) -> str:
    return str(e).split("\n", 1)[0]
