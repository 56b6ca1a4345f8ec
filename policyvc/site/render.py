"""Render the whole project: every policy on a process pool, or read back from the last render when unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.gc_pause import frozen_for_forks
from policyvc.renderer.site_frame import PolicyRow, Snap, render_frame, site_css, site_shim
from policyvc.site.inputs import Job, input_key, load_snaps, rule_module
from policyvc.site.manifest import read_manifest
from policyvc.store.paths import Version

if TYPE_CHECKING:
    from policyvc.history.audit import AuditReport
    from policyvc.site.staged import Staged


@dataclass(slots=True)
class Rendered:
    """One policy's pages (paths inside ``docs/`` → bytes), its row on the home page and nav, its input key."""

    reference: str
    files: dict[str, bytes]
    row: PolicyRow
    key: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)  # the sha256 of each file (kept when the bytes are not)
    staged: dict[str, Path] = field(default_factory=dict)  # a file of ``build``'s staging holding these bytes


def render_job(job: Job) -> Rendered:
    """Load, model and render one policy (in a worker process)."""
    t0 = time.perf_counter()
    loaded = load_snaps(job.store_root, job.versions)
    t1 = time.perf_counter()
    rules: dict[dt.date, str] = {}
    modules: dict[str, bytes] = {}
    for snap, _ in loaded:
        module = rule_module(job.rules_root, job.reference, snap.date)
        if module is not None:
            name = f"rules/v{snap.date.isoformat()}.py"
            rules[snap.date] = name
            modules[f"{job.reference}/{name}"] = module.read_bytes()
    rendered = render_loaded(job.reference, loaded, job.today, rules)
    rendered.files.update(modules)
    rendered.seconds["load"] = t1 - t0
    return rendered


def render_loaded(
    reference: str,
    loaded: Sequence[tuple[Snap, bytes | None]],
    today: dt.date,
    rules: dict[dt.date, str],
    report: AuditReport | None = None,
) -> Rendered:
    """Model and render one policy's loaded versions (:func:`policyvc.site.inputs.load_snaps`): its pages and source
    PDFs, not the rule modules its pages link to (``rules``).  ``report``: the versions' audit, when already made."""
    from policyvc.renderer.site import render_policy  # (the pages' code, with the diff and audit under it: not
    from policyvc.site.model import model_of  # imported by a build with nothing to render)

    t1 = time.perf_counter()
    files: dict[str, bytes] = {}
    for snap, data in loaded:
        if data is not None and snap.pdf:
            files[f"{reference}/{snap.pdf}"] = data
    model = model_of(reference, [s for s, _ in loaded], today, rules, report)
    t2 = time.perf_counter()
    for path, text in render_policy(model).items():
        files[path] = text.encode("utf-8")
    t3 = time.perf_counter()
    seconds = {"history": t2 - t1, "render": t3 - t2}
    return Rendered(reference, files, PolicyRow.of(model), "", seconds)


def _cores(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass(slots=True)
class Project:
    """A rendered MkDocs project: path (relative to ``out``) → bytes, and what the manifest records per policy."""

    files: dict[str, bytes]
    policies: dict[str, dict[str, object]]  # reference -> {"key", "row", "files"}
    seconds: dict[str, float]
    reused: int = 0  # policies whose inputs had not changed: their pages were read back, not rendered
    hashes: dict[str, str] = field(default_factory=dict)  # path -> sha256 of every file, ``files`` or streamed
    before: list[str] | None = None  # the files the last render's manifest lists, as read (None: not read)


def reuse(out: Path | None, job: Job, key: str, manifest: dict[str, Any], *, keep: bool = True) -> Rendered | None:
    """The pages of a policy whose inputs are unchanged, read back from ``out`` (None if any file differs).

    ``keep=False``: the files are only checked (their hashes kept, the bytes not): they stay where they are.
    """
    entry = manifest.get("policies", {}).get(job.reference)
    if out is None or not isinstance(entry, dict) or entry.get("key") != key:
        return None
    files, hashes = {}, {}
    stats = entry.get("stats")
    stats = stats if isinstance(stats, dict) else {}
    for rel, sha in dict(entry.get("files", {})).items():
        path = out / "docs" / rel
        if not keep and _unchanged(path, stats.get(rel)):
            hashes[rel] = sha  # (the file the manifest describes: same size and modification time)
            continue
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        hashes[rel] = sha
        if keep:
            files[rel] = data
    return Rendered(job.reference, files, PolicyRow.from_dict(entry["row"]), key, hashes=hashes)


def file_stat(path: Path) -> list[int] | None:
    """What tells a file written by a render from one changed since: its size and modification time (ns)."""
    try:
        st = path.lstat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns] if stat.S_ISREG(st.st_mode) else None


def _unchanged(path: Path, recorded: object) -> bool:
    return isinstance(recorded, list) and file_stat(path) == recorded


def render_site(
    store_root: Path,
    *,
    today: dt.date | None = None,
    rules_root: Path | None = None,
    jobs: int | None = None,
    previous: Path | None = None,
    sink: Callable[[dict[str, bytes], Mapping[str, Path]], None] | None = None,
    staged: Mapping[str, Staged] | None = None,
) -> Project:
    """The whole project.  With ``previous`` (an output folder), policies whose inputs are unchanged since its
    last render are read back from it instead of rendered again.

    ``sink``: each policy's pages are handed to it as soon as they are rendered and not kept (a site of
    thousands of policies is never in memory whole); an unchanged policy's pages are only checked on disk in
    ``previous``.  The project then holds only the frame's files, and every file's hash.

    ``staged``: policies whose pages ``build``'s workers rendered (:mod:`policyvc.site.staged`, in ``previous``),
    taken as they are when they link to exactly the rule modules there are; the rest are rendered here.
    """
    from policyvc.store import Store

    today = today or dt.date.today()
    store = Store(store_root, cache_dir=None)
    by_ref: dict[str, list[Version]] = {ref: [] for ref in store.references()}
    for v in store.all_versions():
        by_ref.setdefault(v.reference, []).append(v)
    work = [
        Job(store_root, ref, tuple(sorted(vs, key=lambda v: v.date)), today, rules_root)
        for ref, vs in sorted(by_ref.items())
        if vs
    ]
    manifest = read_manifest(previous) if previous is not None else {}
    before = manifest.get("files") if previous is not None else None
    t0 = time.perf_counter()
    keys = {j.reference: input_key(j) for j in work}
    results: dict[str, Rendered] = {}
    for j in work:
        reused = reuse(previous, j, keys[j.reference], manifest, keep=sink is None)
        if reused is not None:
            results[j.reference] = reused
        elif staged and previous is not None and (found := _staged(previous, j, staged.get(j.reference))):
            results[j.reference] = found
            _collect([found], keys, results, {}, sink)
    seconds: dict[str, float] = {"inputs": time.perf_counter() - t0}
    todo = [j for j in work if j.reference not in results]
    workers = min(_cores(jobs), len(todo))
    if todo:
        import policyvc.site.model  # noqa: F401 - imported once here, not again in each worker forked below
    if workers > 1:
        with frozen_for_forks(), ProcessPoolExecutor(workers) as pool:
            done: Iterable[Rendered] = pool.map(render_job, todo, chunksize=max(1, min(8, len(todo) // (workers * 4))))
            _collect(done, keys, results, seconds, sink)
    else:
        _collect(map(render_job, todo), keys, results, seconds, sink)
    files: dict[str, bytes] = {}
    hashes: dict[str, str] = {}
    policies: dict[str, dict[str, object]] = {}
    for ref in sorted(results):
        r = results[ref]
        files.update({f"docs/{p}": data for p, data in r.files.items()})
        hashes.update({f"docs/{p}": sha for p, sha in r.hashes.items()})
        policies[ref] = {"key": r.key, "row": r.row.to_dict(), "files": dict(sorted(r.hashes.items()))}
    rows = [results[ref].row for ref in sorted(results)]
    frame = {path: text.encode("utf-8") for path, text in render_frame(rows).items()}
    frame["docs/assets/policyvc.css"] = site_css()
    frame["docs/assets/javascripts/iframe-worker-shim.js"] = site_shim()
    files.update(frame)
    hashes.update({p: hashlib.sha256(d).hexdigest() for p, d in frame.items()})
    return Project(
        dict(sorted(files.items())),
        policies,
        seconds,
        len(work) - len(todo),
        dict(sorted(hashes.items())),
        before if isinstance(before, list) else [],
    )


def _staged(out: Path, job: Job, staged: Staged | None) -> Rendered | None:
    """A policy's pages as ``build``'s worker staged them, with its rule modules; None when they cannot be taken
    (another day, other rule modules than the pages link to, a staged file missing or changed)."""
    from policyvc.site.staged import STAGED, staged_files

    if staged is None or staged.today != job.today:
        return None
    modules = {v.date: rule_module(job.rules_root, job.reference, v.date) for v in job.versions}
    if tuple(d for d, m in modules.items() if m is not None) != staged.rules:
        return None
    files = staged_files(out, staged)
    if files is None:
        return None
    for date, module in modules.items():
        if module is not None:
            files[f"{job.reference}/rules/v{date.isoformat()}.py"] = module.read_bytes()
    hashes, moves = dict(staged.hashes), {rel: out / STAGED / rel for rel, _ in staged.hashes}
    return Rendered(job.reference, files, PolicyRow.from_dict(staged.row), "", {"staged": 1.0}, hashes, moves)


def _collect(
    done: Iterable[Rendered],
    keys: dict[str, str],
    results: dict[str, Rendered],
    seconds: dict[str, float],
    sink: Callable[[dict[str, bytes], Mapping[str, Path]], None] | None,
) -> None:
    """Take each rendered policy as it comes: its hashes kept, its pages handed to ``sink`` (then dropped)."""
    for r in done:
        r.key = keys[r.reference]
        known = r.hashes  # (a staged policy's, checked when its files were read)
        r.hashes = {p: known.get(p) or hashlib.sha256(d).hexdigest() for p, d in r.files.items()}
        if sink is not None:
            sink({f"docs/{p}": data for p, data in r.files.items()}, {f"docs/{p}": f for p, f in r.staged.items()})
            r.files, r.staged = {}, {}
        results[r.reference] = r
        for stage, secs in r.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + secs
