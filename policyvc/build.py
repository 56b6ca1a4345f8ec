"""``policyvc build``: parse every stored version and summarise each policy (the work; it prints nothing).

Versions are parsed in parallel (``jobs`` worker processes, default all cores),
each PDF still extracted through the sandbox (``policyvc.parser.pdf_guard``)
and cached by content hash (``policyvc.parser.pdf_cache``); results are collected in store
order, so the output does not depend on ``jobs``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.dates import suspicious_dates
from policyvc.findings import BuildWarning, Finding, FindingKind, WarningKind
from policyvc.gc_pause import frozen_for_forks
from policyvc.parser import PolicyError, parse_file_cached
from policyvc.parser.files import is_pdf_file
from policyvc.parser.nodes import CriterionType, Policy, all_criteria
from policyvc.progress import QUIET, Progress
from policyvc.store import Version
from policyvc.store.meta import store_reference
from policyvc.store.paths import legacy_reference, scan

if TYPE_CHECKING:
    from policyvc.history.audit import AuditReport, PairAudit
    from policyvc.history.cache import Keyed
    from policyvc.history.summary import HistorySummary, TimelineRow
    from policyvc.site.staged import Staged
    from policyvc.store.sync import Seen

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
    """What ``build`` needs of one parsed version (small: it crosses a process boundary).

    ``policy`` is None when the version was not parsed again: everything else was kept from the build that
    parsed it (:mod:`policyvc.history.cache`).
    """

    title: str
    reference_number: str
    latest: str | None
    summary: Summary
    pdf: bool
    cached: bool
    policy: Policy | None  # the whole AST: the store's sync and the history's diff + audit reuse this one parse
    partial: tuple[str, ...] = ()  # stored with --recover: what could not be read
    date_warnings: tuple[tuple[int | None, str], ...] = ()  # (line, message) of each suspicious date
    until: dt.date | None = None  # the first revision-log date after today: a warning changes then

    def to_dict(self) -> dict[str, Any]:
        """What a later build reuses of this parse (the AST aside)."""
        return {
            "title": self.title,
            "reference": self.reference_number,
            "latest": self.latest,
            "summary": [getattr(self.summary, f) for f in Summary.__slots__],
            "pdf": self.pdf,
            "partial": list(self.partial),
            "warnings": [list(w) for w in self.date_warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Parsed:
        """A kept parse (``KeyError``/``TypeError``/``ValueError`` when it is not one)."""
        counts = data["summary"]
        if not isinstance(counts, list) or not all(type(n) is int for n in counts):
            raise ValueError("summary")
        warnings = tuple((line, msg) for line, msg in data["warnings"])
        if not all((line is None or type(line) is int) and isinstance(msg, str) for line, msg in warnings):
            raise ValueError("warnings")
        latest = data["latest"]
        fields = (data["title"], data["reference"], *data["partial"])
        if not all(isinstance(x, str) for x in fields) or not (latest is None or isinstance(latest, str)):
            raise ValueError("text")
        return cls(
            title=data["title"],
            reference_number=data["reference"],
            latest=latest,
            summary=Summary(*counts),
            pdf=bool(data["pdf"]),
            cached=True,  # (a PDF not extracted again: as the extraction cache reports it)
            policy=None,
            partial=tuple(data["partial"]),
            date_warnings=warnings,
        )


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
    from policyvc.store.meta import filed_key, read_meta, stored_partial
    from policyvc.store.source import check_identity

    try:
        data = path.read_bytes()
    except OSError:
        data = None  # the parse names the problem
    partial = stored_partial(path.parent, data) if data is not None else ()
    if data is not None:
        check_identity(data, str(path))  # no invisible characters in the reference number or a date
    policy, cached = parse_file_cached(path, cache_dir=cache_dir, recover=bool(partial))
    reference, latest = store_reference(policy), latest_log_date(policy)
    if data is not None and (meta := read_meta(path.parent)) is not None and meta.overridden:
        try:  # the key given at ingest (--ref/--date) for a document that states none
            ref, day = filed_key(policy, meta, data, source=str(path))
            reference, latest = ref, day.isoformat()
        except PolicyError:
            pass
    from policyvc.history.cache import first_after

    today = dt.date.today()
    return Parsed(
        policy.header.title,
        reference,  # (what the version is filed under: another payer's id as the store writes it)
        latest,
        summarize(policy),
        is_pdf_file(path),
        cached,
        policy,
        partial,
        tuple((w.line, w.message) for w in suspicious_dates(policy, today=today)),
        first_after([e.date for e in policy.revision_log], today),
    )


def _parse_quietly(path: Path, cache_dir: Path | None) -> Parsed | _Failed:
    try:
        return parse_version(path, cache_dir)
    except PolicyError as exc:
        return _Failed(exc.message, exc.source, exc.line, exc.column, exc.page, exc.context)


def _cores() -> int:
    # the cores this process may run on (a container or taskset may allow fewer than the machine has)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class _PolicyTask:
    """One policy to build in a worker: its versions (oldest first) and their cache keys (None: a source could not
    be read, nothing is kept)."""

    store: Path
    reference: str
    versions: tuple[Version, ...]
    keys: tuple[Keyed, ...] | None
    cache_dir: Path | None
    sync: bool  # write the versions' policy.json / meta.json (not while a folder of the store cannot be read)
    today: dt.date
    site: Path | None = None  # the site's output folder: render the policy's pages there too (staged)
    audits: bool = True  # send the history's audit JSON back (False: kept in ``.history.json`` only)


@dataclass(frozen=True, slots=True)
class _PolicyDone:
    """What a worker sends back of one policy (small: no syntax tree crosses the process boundary)."""

    reference: str
    results: tuple[Parsed | _Failed, ...]  # per version, in order, ``policy`` dropped
    record: HistoryRecord | None  # None: not computed (a version misfiled)
    written: int  # derived files written
    staged: Staged | None = None  # its site pages, rendered here (None: left to the site step)


def _build_policy(task: _PolicyTask) -> _PolicyDone:
    """Parse one policy's versions, write their derived files, diff and audit them and keep the result; with a
    site, render its pages from the same trees and audit (:mod:`policyvc.site.staged`).

    Only this policy's trees are in memory at once, and only in this process.
    """
    results = [_parse_quietly(v.path, task.cache_dir) for v in task.versions]
    good = [(v, r) for v, r in zip(task.versions, results, strict=True) if isinstance(r, Parsed)]
    written = 0
    stats: dict[str, list[Any]] = {}
    flushing: threading.Thread | None = None
    if task.sync and len(good) == len(results):
        from policyvc.atomic import sync_files
        from policyvc.store.sync import sync_versions

        policies = {v.path: p.policy for v, p in good if p.policy is not None}
        # the derived files are flushed to the disk on a thread while the history and pages are made (each
        # synced file waited for a journal commit, 8-25 ms on a busy disk: ten a policy), and before the
        # record below trusts them by their stat
        synced = sync_versions(task.store, task.versions, policies, flush=False)
        flushing = threading.Thread(target=sync_files, args=(synced.written,), daemon=True)
        flushing.start()
        written = len(synced.written)
        stats = {path.relative_to(task.store).as_posix(): list(st) for path, st in synced.stats}
    try:
        record, staged = None, None
        if good and not any(any(_check_filing(v, p)) for v, p in good):
            from policyvc.history.tree import shared_trees

            staging = task.site is not None and task.sync and len(good) == len(results)
            with shared_trees():  # (the history's diffs and the site's are of the same trees: each built once)
                known = _audited_pairs(task, good, staging)
                record, report = _history(task.reference, good, known)
                if staging:
                    from policyvc.site.model import known_pairs

                    with known_pairs(known):  # (its pages' other pairs: audited above, not again)
                        staged = _stage(task.site, task.reference, good, report, task.today)  # type: ignore[arg-type]
    finally:
        if flushing is not None:
            flushing.join()
    done = tuple(dataclasses.replace(r, policy=None) if isinstance(r, Parsed) else r for r in results)
    if task.keys is not None and len(good) == len(results):
        kept = [r for r in done if isinstance(r, Parsed)]
        _keep(task.store, task.reference, list(task.keys), kept, record, task.today, stats)
    if record is not None and not task.audits:
        record = dataclasses.replace(record, json={})  # (about 0.2 MB a policy the build process would drop)
    return _PolicyDone(task.reference, done, record, written, staged)


def _audited_pairs(
    task: _PolicyTask, good: Sequence[tuple[Version, Parsed]], site: bool
) -> dict[tuple[dt.date, dt.date, tuple[str, ...]], PairAudit]:
    """The diff and audit of every pair of the policy's versions that its history (consecutive versions) and, with
    ``site``, its site pages show, by (old date, new date, what was not read of the two): each taken from what an
    earlier build kept under the key of its two versions (``<ref>/.pairs``, :mod:`policyvc.history.cache`) or made
    here, and the file kept again with exactly these pairs.  {} when nothing can be kept (a source that could not be
    read, ``--no-cache``): the history and the site audit their pairs."""
    if task.keys is None or task.cache_dir is None or len(good) != len(task.keys):
        return {}
    from policyvc.history.audit import audit_pair
    from policyvc.history.cache import PAIRS_FILE, pair_key, read_pairs, write_pairs
    from policyvc.site.model import shown_pairs

    if any(p.policy is None for _, p in good):
        return {}
    path = task.store / task.reference / PAIRS_FILE
    kept = read_pairs(path)
    wanted = dict.fromkeys([*((i, i + 1) for i in range(len(good) - 1)), *(shown_pairs(len(good)) if site else [])])
    keep: dict[str, PairAudit] = {}
    found: dict[tuple[dt.date, dt.date, tuple[str, ...]], PairAudit] = {}
    for i, j in wanted:
        (old, a), (new, b) = good[i], good[j]
        unread = (*a.partial, *b.partial)
        key = pair_key(task.keys[i], task.keys[j], unread, task.store)
        pair = kept.get(key)
        if pair is None:
            pair = audit_pair(old.date, a.policy, new.date, b.policy, unread=unread)  # type: ignore[arg-type]
        keep[key] = found[(old.date, new.date, unread)] = pair
    if keep.keys() != kept.keys():
        write_pairs(path, keep)
    return found


def _stage(
    site: Path, ref: str, good: Sequence[tuple[Version, Parsed]], report: AuditReport, today: dt.date
) -> Staged | None:
    """The policy's site pages staged (None: not, the site step renders them and reports what went wrong)."""
    from policyvc.site.staged import stage_policy

    trees = [(v, p.policy) for v, p in good if p.policy is not None]
    if len(trees) != len(good):
        return None
    try:
        return stage_policy(site, ref, trees, report, today)
    except (PolicyError, OSError):
        return None


def build_each(
    tasks: list[_PolicyTask], *, jobs: int | None, fail_fast: bool, progress: Progress
) -> Iterator[_PolicyDone]:
    """Build ``tasks`` on ``jobs`` processes (default: all cores), one policy per task; results as they finish.

    ``fail_fast``: the first version that cannot be read raises at once and the pool is stopped.
    ``progress`` is told of each version parsed.
    """
    jobs = max(1, jobs or _cores())
    paths = [v.path for t in tasks for v in t.versions]
    with progress.parsing(len(paths), sum(1 for p in paths if is_pdf_file(p))) as advance:

        def told(done: _PolicyDone) -> _PolicyDone:
            failed = next((r for r in done.results if isinstance(r, _Failed)), None)
            if fail_fast and failed is not None:
                raise failed.error()
            for _ in done.results:
                advance()
            return done

        if jobs == 1 or len(tasks) < 2:
            for t in tasks:
                yield told(_build_policy(t))
            return
        import policyvc.history.audit  # noqa: F401 - the diff and audit, imported once here, not in each worker

        with frozen_for_forks(), ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            # only the futures not yet taken are held: a future keeps its result, and a policy's (its history's
            # audit JSON among it, about 0.2 MB) stayed in memory for the whole build, growing with the store
            pending = {pool.submit(_build_policy, t) for t in tasks}
            try:
                for f in as_completed(pending):
                    pending.discard(f)
                    yield told(f.result())
            finally:
                for f in pending:
                    f.cancel()


@dataclass(frozen=True, slots=True)
class VersionBuilt:
    """One stored version as ``build`` read it: the row of its table."""

    version: Version
    title: str
    summary: Summary
    partial: bool  # stored with --recover: some regions could not be read


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """What ``build`` reports of one policy's history (timeline, verdict, findings, the audit as JSON), kept
    between builds so that an unchanged policy is not diffed and audited again."""

    reference: str
    rows: tuple[TimelineRow, ...]
    verdict: str
    findings: tuple[str, ...]
    json: dict[str, Any]  # ``build --format json``'s entry for the policy
    steps: tuple[Finding, ...]  # the build's findings: undocumented changes, unbacked claims
    printed: str = ""  # the timeline as the text report prints it to a log (:func:`policyvc.report.build.printed`)

    @classmethod
    def of(cls, summary: HistorySummary) -> HistoryRecord:
        from policyvc.renderer.build import summary_to_dict
        from policyvc.report.build import printed

        steps = tuple(_audit_findings(summary))
        verdict = summary.audit.verdict()
        record = cls(summary.reference, summary.rows, verdict, summary.findings, summary_to_dict(summary), steps)
        return dataclasses.replace(record, printed=printed(record))

    def to_dict(self) -> dict[str, Any]:
        steps = [[f.kind.value, f.where, f.message] for f in self.steps]
        return {"verdict": self.verdict, "json": self.json, "steps": steps, "printed": self.printed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HistoryRecord:
        """A kept record (``KeyError``/``TypeError``/``ValueError`` when it is not one)."""
        from policyvc.history.summary import TimelineRow

        doc = data["json"]
        rows = tuple(TimelineRow(**{**r, "date": dt.date.fromisoformat(r["date"])}) for r in doc["timeline"])
        for r in rows:
            if not all(v is None or type(v) is int for v in (r.new_entries, r.changes, r.renumbers)):
                raise ValueError("timeline")
        findings = tuple(doc["findings"])
        texts = (doc["reference"], data["verdict"], *findings)
        if not all(isinstance(x, str) for x in texts):
            raise ValueError("text")
        steps = tuple(Finding(FindingKind(k), str(w), str(m)) for k, w, m in data["steps"])
        printed = data["printed"]
        if not isinstance(printed, str):
            raise ValueError("printed")
        return cls(doc["reference"], rows, data["verdict"], findings, doc, steps, printed)


@dataclass(frozen=True, slots=True)
class PolicyHistory:
    """One policy's history, or None when it was skipped (a version filed under the wrong name)."""

    reference: str
    summary: HistoryRecord | None


@dataclass(frozen=True, slots=True)
class PdfCount:
    extracted: int
    cached: int


@dataclass(frozen=True, slots=True)
class Synced:
    """The store's derived files brought up to date (``policy.json`` / ``meta.json``)."""

    versions: int
    written: int


class OutputKind(StrEnum):
    RULES = "rules"
    SITE = "site"


@dataclass(frozen=True, slots=True)
class Output:
    """What a build step left: ``count`` rule modules current, or site pages built, in ``folder``."""

    kind: OutputKind
    folder: Path
    count: int
    built: bool = True  # the site: its HTML built too (False: only its Markdown, ``build --no-html``)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """Everything ``build`` did and found, in the order it is reported; nothing printed yet.

    ``unreadable``: versions and folders that could not be read (the derived files, the rule modules and the
    site then wait); ``output_errors``: a rule or site step that failed.  Either makes the exit code 2, else a
    finding makes it 1.
    """

    store: Path
    versions: tuple[VersionBuilt, ...]
    policies: int
    unreadable: tuple[PolicyError, ...]
    pdfs: PdfCount | None  # None: no PDF among the versions read
    synced: Synced | None  # None: not synced, some version could not be read
    histories: tuple[PolicyHistory, ...]
    outputs: tuple[Output, ...]
    output_errors: tuple[PolicyError, ...]
    warnings: tuple[BuildWarning, ...]
    findings: tuple[Finding, ...]
    kept: bool = True  # what earlier builds kept was used (False: ``--no-cache``, nothing kept is read)

    @property
    def errors(self) -> tuple[PolicyError, ...]:
        return self.unreadable + self.output_errors


def _check_filing(version: Version, parsed: Parsed) -> Iterator[Finding]:
    """A version must be filed under its own reference number and its newest revision-log date."""
    where = str(version.path)
    if legacy_reference(parsed.reference_number) != legacy_reference(version.reference):  # (an earlier store's form)
        message = f"filed under {version.reference} but its reference number is {parsed.reference_number}"
        yield Finding(FindingKind.MISFILED_REFERENCE, where, message)
    if parsed.latest != version.date.isoformat():
        message = f"filed under {version.date} but its latest revision-log entry is dated {parsed.latest}"
        yield Finding(FindingKind.MISFILED_DATE, where, message)


def _warnings(version: Version, parsed: Parsed) -> Iterator[BuildWarning]:
    where = str(version.path)
    for region in parsed.partial:
        yield BuildWarning(WarningKind.PARTIAL, where, f"partial version (stored with --recover): {region}")
    for line, message in parsed.date_warnings:
        yield BuildWarning(WarningKind.SUSPICIOUS_DATE, f"{where}:{line}" if line else where, message)


def _audit_findings(summary: HistorySummary) -> Iterator[Finding]:
    for pair in summary.audit.pairs:
        step = f"{summary.reference} {pair.old.isoformat()} → {pair.new.isoformat()}"
        for e in pair.undocumented:
            yield Finding(FindingKind.UNDOCUMENTED, step, f"undocumented {e.kind} {e.new_id or e.old_id}")
        for c in pair.unbacked:
            yield Finding(FindingKind.UNBACKED, step, f"unbacked claim ({c.date}): {c.clause}")


def _sync(
    store: Path, findings: list[Finding], written: int, read: Mapping[Path, Seen]
) -> tuple[Synced, set[tuple[str, dt.date]]]:
    """Bring the store's derived files up to date (``written`` already were by the workers; ``read``: what this
    build read of the versions, not read again); what the store finds is added to ``findings``.  With the versions
    whose derived files it wrote."""
    from policyvc.store.sync import sync_store

    sync = sync_store(store, seen=read)
    seen = {str(f) for f in findings}  # the store finds the misfiled versions too: each is reported once
    for line in sync.findings:
        if line not in seen:
            seen.add(line)
            findings.append(Finding(FindingKind.STORE, "", line))
    return Synced(sync.versions, written + len(sync.written)), set(sync.touched)


def _write_outputs(
    store: Path,
    rules_out: Path | None,
    site_out: Path | None,
    jobs: int | None,
    progress: Progress,
    rules_key: str | None,
    html: bool = True,
    staged: dict[str, Staged] | None = None,
    sources: Mapping[Path, tuple[str, tuple[str, ...]]] | None = None,
) -> tuple[tuple[Output, ...], tuple[PolicyError, ...]]:
    """The rule modules, then the site (``None``: not that step); a step that fails stops the ones after it.

    The rule modules are not generated again when they are current under ``rules_key`` (the key of every
    version's source and the code), and only the modules of changed versions are (:mod:`policyvc.rules.current`;
    None: unknown, generate them all); ``sources``: versions whose source's sha256 and unread regions this build
    already knows (not read again).
    """
    outputs: list[Output] = []
    if rules_out is not None:
        from policyvc.rules.current import current_rules, write_changed_rules

        try:
            written = current_rules(rules_out, rules_key) if rules_key is not None else None
            if written is None and rules_key is not None:
                written = write_changed_rules(
                    store, rules_out, rules_key, _cores() if jobs is None else jobs, known=sources
                )
            elif written is None:
                from policyvc.rules.generate import write_rules  # (not imported when the modules are current)

                written = write_rules(store, rules_out)
            outputs.append(Output(OutputKind.RULES, rules_out, len(written)))
        except PolicyError as exc:
            return tuple(outputs), (exc,)
    if site_out is not None:
        from policyvc.site.build import build_site

        try:
            site = build_site(
                store, site_out, build=html, rules_root=rules_out, jobs=jobs, log=progress.step, staged=staged
            )
            outputs.append(Output(OutputKind.SITE, site_out, site.pages, html))
        except PolicyError as exc:
            return tuple(outputs), (exc,)
    return tuple(outputs), ()


def _history(
    ref: str,
    good: Sequence[tuple[Version, Parsed]],
    known: Mapping[tuple[dt.date, dt.date, tuple[str, ...]], PairAudit] | None = None,
) -> tuple[HistoryRecord, AuditReport]:
    """Diff and audit one policy's versions (all parsed, oldest first); the record and the audit itself.  ``known``:
    pairs already audited (:func:`_audited_pairs`)."""
    from policyvc.history.summary import history_summary
    from policyvc.store import Snapshot

    summary = history_summary([Snapshot(v, p.policy) for v, p in good if p.policy is not None], known)
    return HistoryRecord.of(summary), summary.audit


def _kept(
    store: Path, ref: str, keys: list[Keyed], today: dt.date, audits: bool = True
) -> tuple[list[Parsed], HistoryRecord | None, dict[str, Any]] | None:
    """What an earlier build kept of ``ref`` under exactly these sources and code: each version's parse facts,
    the history (None when it was skipped: a misfiled version; without its audit JSON unless ``audits``) and each
    ``policy.json`` as that build's sync found it current (:class:`policyvc.store.sync.Seen`).  None when nothing
    current is kept."""
    from policyvc.history.cache import HISTORY_FILE, input_key, read_cache, still_valid

    # (the audit, nine tenths of the file, is decoded only for ``build --format json``)
    body = read_cache(store / ref / HISTORY_FILE, input_key("history", keys, store), ("audit",) if audits else ())
    if body is None or not still_valid(body, today):
        return None
    try:
        parsed = [Parsed.from_dict(d) for d in body["versions"]]
        history = body["history"]
        if history is not None and audits and "audit" in history["json"]:
            history["json"]["audit"] = body["parts"]["audit"]  # (in its place: the JSON report's order)
        record = HistoryRecord.from_dict(history) if history is not None else None
    except (KeyError, TypeError, ValueError):
        return None
    if record is not None and not audits:
        record = dataclasses.replace(record, json={})
    if len(parsed) != len(keys) or [p.partial for p in parsed] != [k.partial for k in keys]:
        return None
    misfiled = any(any(_check_filing(k.version, p)) for k, p in zip(keys, parsed, strict=True))
    stats = body.get("stats")
    return (parsed, record, stats if isinstance(stats, dict) else {}) if misfiled == (record is None) else None


def _keep(
    store: Path,
    ref: str,
    keys: list[Keyed],
    parsed: list[Parsed],
    record: HistoryRecord | None,
    today: dt.date,
    stats: dict[str, list[Any]] | None = None,
) -> None:
    """Keep what this build computed of ``ref`` for the next one (:func:`_kept`); ``stats``: each version's
    ``policy.json`` as the sync found it current, by its path in the store."""
    from policyvc.history.cache import HISTORY_FILE, input_key, write_cache

    until = min((p.until for p in parsed if p.until is not None), default=None)
    history = record.to_dict() if record is not None else None
    audit = None
    if history is not None and "audit" in history["json"]:  # (kept apart: read only for ``--format json``)
        history["json"] = {**history["json"], "audit": None}
        audit = record.json["audit"]  # type: ignore[union-attr]
    body = {
        "made": today.isoformat(),
        "until": until.isoformat() if until else None,
        "versions": [p.to_dict() for p in parsed],
        "history": history,
        "stats": stats or {},
    }
    # (not flushed: sealed, and the derived files whose stat it records were flushed before it)
    key = input_key("history", keys, store)
    write_cache(store / ref / HISTORY_FILE, key, body, sync=False, parts={"audit": audit})


def build_store(
    store: Path,
    *,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    fail_fast: bool = False,
    rules_out: Path | None = None,
    site_out: Path | None = None,
    progress: Progress = QUIET,
    html: bool = True,
    audits: bool = True,
) -> BuildResult:
    """Ingest the store and summarise it, keeping going past what cannot be read; prints nothing.

    Every version is parsed once (``jobs`` worker processes, default all cores; ``cache_dir``: the extraction
    cache, None for none), the store's ``policy.json`` / ``meta.json`` are brought up to date from those parses,
    then each policy's timeline, diff counts and revision-log audit are computed.  A policy whose sources and
    the code are unchanged since a build kept its results (``<ref>/.history.json``) is not parsed, diffed or
    audited again, unless ``cache_dir`` is None (see :mod:`policyvc.history.cache`).  Findings: versions filed
    under the wrong name, undocumented changes, unbacked revision-log claims.  Errors: every version or folder
    that could not be read, while the rest is still built (``fail_fast``: the first one raises).

    When every version could be read, the build ends by regenerating the rule modules into ``rules_out`` and
    rendering and building the documentation site into ``site_out`` (``None``: not that step; ``html=False``: its
    Markdown only, not the MkDocs build, which redoes the whole site on any change).  ``audits=False``: the
    histories' audit JSON (``build --format json``'s, about 0.2 MB a policy) is not held in the result, so that
    memory does not grow with the store.
    :mod:`policyvc.report.build` prints the result.
    """
    from policyvc.history.cache import input_key, keyed
    from policyvc.store.sync import Seen

    versions, unreadable = scan(store)
    if fail_fast and unreadable:
        raise unreadable[0]
    by_reference: dict[str, list[Version]] = {}
    for v in versions:
        by_reference.setdefault(v.reference, []).append(v)
    keys: dict[str, list[Keyed]] = {}
    for ref, of_ref in by_reference.items():
        kept = [k for k in map(keyed, of_ref) if k is not None]
        if len(kept) == len(of_ref):
            keys[ref] = kept
    today = dt.date.today()
    # --no-cache (no extraction cache) means every version is read again: nothing kept is used, all is rewritten
    known = {ref: _kept(store, ref, k, today, audits) for ref, k in keys.items()} if cache_dir is not None else {}
    reused: dict[Path, Parsed] = {}
    for ref, body in known.items():
        if body is not None:
            reused.update(zip((v.path for v in by_reference[ref]), body[0], strict=True))
    if site_out is not None:  # (what a build that stopped before its site step staged is not taken)
        from policyvc.site.staged import clear_staged

        clear_staged(site_out)
    tasks = [
        _PolicyTask(
            store,
            ref,
            tuple(vs),
            tuple(keys[ref]) if ref in keys else None,
            cache_dir,
            not unreadable,
            today,
            site_out,
            audits,
        )
        for ref, vs in by_reference.items()
        if known.get(ref) is None
    ]
    staged: dict[str, Staged] = {}
    fresh: dict[Path, Parsed | _Failed] = {}
    computed: dict[str, HistoryRecord | None] = {}
    written = 0
    for done in build_each(tasks, jobs=jobs, fail_fast=fail_fast, progress=progress):
        fresh.update(zip((v.path for v in by_reference[done.reference]), done.results, strict=True))
        record = done.record
        computed[done.reference] = dataclasses.replace(record, json={}) if record and not audits else record
        written += done.written
        if done.staged is not None:
            staged[done.reference] = done.staged
    good: list[tuple[Version, Parsed]] = []
    for v in versions:
        r = reused.get(v.path) or fresh[v.path]
        if isinstance(r, _Failed):
            unreadable.append(r.error())
        else:
            good.append((v, r))
    findings: list[Finding] = []
    warnings: list[BuildWarning] = []
    for v, p in good:
        warnings.extend(_warnings(v, p))
        findings.extend(_check_filing(v, p))
    built = tuple(VersionBuilt(v, p.title, p.summary, bool(p.partial)) for v, p in good)
    pdfs = [p for _, p in good if p.pdf]
    pdf_count = PdfCount(len(pdfs) - sum(p.cached for p in pdfs), sum(p.cached for p in pdfs)) if pdfs else None

    # the derived files (policy.json / meta.json): the workers wrote those of the versions they parsed; the rest
    # are checked here, under the store's lock, and what the store finds is reported
    synced, touched = None, set[tuple[str, dt.date]]()
    # what was read of the versions of a policy kept as it was (no worker rewrote their derived files): their
    # sources and meta.json are not read and parsed again, nor a policy.json of the size and times recorded
    seen: dict[Path, Seen] = {}
    for ref, body in known.items():
        if body is not None:
            for k in keys[ref]:
                st = body[2].get(k.version.path.relative_to(store).as_posix())
                ok = isinstance(st, list) and len(st) == 5 and isinstance(st[0], str)
                seen[k.version.path] = Seen(k.sha256, k.meta, tuple(st) if ok else None)  # type: ignore[arg-type]
    if not unreadable:
        synced, touched = _sync(store, findings, written, seen)

    # the history of each policy whose versions are all filed correctly: kept, or computed (and kept) by a worker
    histories: list[PolicyHistory] = []
    for ref in sorted({v.reference for v, _ in good}):
        body = known.get(ref)
        record = body[1] if body is not None else computed[ref]
        histories.append(PolicyHistory(ref, record))
        if record is not None:
            findings.extend(record.steps)

    rules_key = None  # (a source that cannot be read, or --no-cache: the modules are generated)
    if len(keys) == len(by_reference) and cache_dir is not None:
        rules_key = input_key("rules", [k for ref in sorted(keys) for k in keys[ref]], store)
    outputs: tuple[Output, ...] = ()
    output_errors: tuple[PolicyError, ...] = ()
    if not unreadable:
        # the rules step is told each kept version's sha256 and what could not be read of it (its meta.json as
        # read above, unless the sync wrote it again)
        sources = {
            k.version.path: (k.sha256, k.partial)
            for ref, body in known.items()
            if body is not None
            for k in keys[ref]
            if (k.version.reference, k.version.date) not in touched
        }
        outputs, output_errors = _write_outputs(
            store, rules_out, site_out, jobs, progress, rules_key, html, staged, sources
        )
    return BuildResult(
        store=store,
        versions=built,
        policies=len(histories),
        unreadable=tuple(unreadable),
        pdfs=pdf_count,
        synced=synced,
        histories=tuple(histories),
        outputs=outputs,
        output_errors=output_errors,
        warnings=tuple(warnings),
        findings=tuple(findings),
        kept=cache_dir is not None,
    )
