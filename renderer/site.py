"""The documentation site: the version store rendered into a MkDocs project for mkdocs-material, and built.

``build_site(store_root, out, build=...)`` writes ``<out>/mkdocs.yml`` and ``<out>/docs/`` (Markdown rendered
by :mod:`policyvc.renderer.site_pages`), then with ``build=True`` runs ``mkdocs build --strict`` into
``<out>/_build/``.  Pages:

* ``index.md`` — every policy with its drug, latest version, last review, versions and open audit findings;
* ``<REF>/index.md`` — the version in force today, criteria nested like the policy, one anchor per walk id;
* ``<REF>/timeline.md`` (every version, its log entries, a from × to grid of the diff pages),
  ``<REF>/audit.md``, ``<REF>/blame.md``;
* ``<REF>/versions/<DATE>.md`` (point in time) and ``<REF>/diff/<OLD>_<NEW>.md`` — out of the nav.

Rendering is deterministic (sorted, no timestamps; ``today`` decides which version is in force).  A policy whose
inputs (code, sources, rule modules, the version in force) match the manifest of the last render is read back
instead of rendered; only files whose bytes changed are written and files no longer rendered are removed, so an
unchanged store changes nothing on disk; the build is skipped when the rendered project is byte for byte the one
last built (MkDocs' ``--dirty`` is never used: it truncates the search index).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from policyvc.atomic import write_bytes
from policyvc.dates import in_force
from policyvc.history.audit import audit, audit_pair
from policyvc.history.blame import blame
from policyvc.parser.errors import PolicyError
from policyvc.renderer import site_pages as pages
from policyvc.renderer.site_pages import PolicyModel, Snap
from policyvc.store.paths import Version

SITE_NAME = "Clinical policies"
ALL_PAIRS_MAX = 6  # up to this many versions every pair gets a diff page; beyond, consecutive pairs and vs latest
STAMP = ".policyvc-build"  # in the build folder: the digest of the project it was built from
MANIFEST = ".policyvc-site"  # in the output folder: what the last render wrote, and from which inputs
MANIFEST_FORMAT = 1


# --- loading: the one place that reads the store ----------------------------------------------------


def load_snaps(store_root: Path, versions: Sequence[Version]) -> tuple[tuple[Snap, bytes | None], ...]:
    """The ASTs of ``versions`` (one policy's, oldest first), with the source PDF's bytes when it is a PDF.

    In bulk a current ``policy.json`` (what ``policyvc build`` leaves) reads about 4× faster than a parse of the
    text, once pydantic is loaded; anything else goes through :meth:`Store.load`.
    """
    from policyvc.parser.files import is_pdf
    from policyvc.serialize import from_json
    from policyvc.store import Store
    from policyvc.store.meta import stored_partial

    store = Store(store_root)
    out = []
    for version in versions:
        stored = store.stored_json(version)
        policy = from_json(stored, source=str(version.folder)) if stored is not None else store.load(version)
        path = version.path
        source = path.read_bytes()
        data = source if path.suffix.lower() == ".pdf" else None
        pdf = f"sources/{version.date.isoformat()}.pdf" if data is not None and is_pdf(data) else None
        partial = stored_partial(version.folder, source)
        out.append((Snap(version.date, policy, path.name, pdf, partial), data if pdf else None))
    return tuple(out)


def rule_module(rules_root: Path | None, reference: str, date: dt.date) -> Path | None:
    """``rules/<ref>/v<date>.py`` when the rules generator has written it (the path spellings it may use)."""
    if rules_root is None:
        return None
    ref_names = (reference, reference.lower().replace(".", "_"))
    date_names = (date.isoformat(), date.isoformat().replace("-", "_"), date.strftime("%Y%m%d"))
    for r, d in itertools.product(ref_names, date_names):
        path = rules_root / r / f"v{d}.py"
        if path.is_file():
            return path
    return None


# --- rendering ---------------------------------------------------------------------------------------


def model_of(reference: str, snaps: Sequence[Snap], today: dt.date, rules: dict[dt.date, str]) -> PolicyModel:
    """Audit, diff pairs and blame of one policy (each diff computed once)."""
    if not snaps:
        raise PolicyError(f"{reference} has no stored version", source=reference)
    history = [(s.date, s.policy) for s in snaps]
    report = audit(history)
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
            pairs[(a.date, b.date)] = audit_pair(a.date, a.policy, b.date, b.policy)
    try:
        current, now = in_force(list(snaps), today), True
    except PolicyError:
        current, now = snaps[0], False
    blamed = blame(history, current.date, audited=pairs)
    return PolicyModel(reference, tuple(snaps), current, report, pairs, blamed, rules, now)


def render_policy(model: PolicyModel) -> dict[str, str]:
    """Every page of one policy: path inside ``docs/`` → Markdown."""
    ref = model.reference
    out = {
        f"{ref}/index.md": pages.policy_page(model),
        f"{ref}/timeline.md": pages.timeline_page(model),
        f"{ref}/audit.md": pages.audit_page(model),
        f"{ref}/blame.md": pages.blame_page(model, pages.policy_ids(model)),
    }
    for k, snap in enumerate(model.snaps):
        out[f"{ref}/versions/{snap.date.isoformat()}.md"] = pages.version_page(model, k)
    by_date = {s.date: s for s in model.snaps}
    for a, b in sorted(model.pairs):
        out[f"{ref}/diff/{pages.diff_name(a, b)}.md"] = pages.diff_page(model, by_date[a], by_date[b])
    return out


@dataclass(frozen=True, slots=True)
class _Job:
    store_root: Path
    reference: str
    versions: tuple[Version, ...]  # oldest first (listed once for the whole store: a listing per policy is O(store))
    today: dt.date
    rules_root: Path | None


@dataclass(slots=True)
class _Rendered:
    reference: str
    files: dict[str, bytes]  # paths inside docs/
    row: pages.PolicyRow  # what the home page and the nav show
    key: str = ""
    seconds: dict[str, float] = field(default_factory=dict)


def _render_job(job: _Job) -> _Rendered:
    t0 = time.perf_counter()
    loaded = load_snaps(job.store_root, job.versions)
    t1 = time.perf_counter()
    rules: dict[dt.date, str] = {}
    files: dict[str, bytes] = {}
    for snap, data in loaded:
        if data is not None and snap.pdf:
            files[f"{job.reference}/{snap.pdf}"] = data
        module = rule_module(job.rules_root, job.reference, snap.date)
        if module is not None:
            name = f"rules/v{snap.date.isoformat()}.py"
            rules[snap.date] = name
            files[f"{job.reference}/{name}"] = module.read_bytes()
    model = model_of(job.reference, [s for s, _ in loaded], job.today, rules)
    t2 = time.perf_counter()
    for path, text in render_policy(model).items():
        files[path] = text.encode("utf-8")
    t3 = time.perf_counter()
    seconds = {"load": t1 - t0, "history": t2 - t1, "render": t3 - t2}
    return _Rendered(job.reference, files, pages.PolicyRow.of(model), "", seconds)


def _cores(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@cache
def code_fingerprint() -> str:
    """A digest of the installed package (parser, history, renderer, templates): what the pages are made by."""
    h = hashlib.sha256()
    base = Path(str(resources.files("policyvc")))
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".lark", ".j2", ".css"):
            h.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def input_key(job: _Job) -> str:
    """What one policy's pages are a function of: the code, each version's source bytes, its rule modules and
    which version is in force (not the date itself: the pages do not print it)."""
    versions = job.versions
    h = hashlib.sha256(code_fingerprint().encode())
    for v in versions:
        h.update(v.date.isoformat().encode() + hashlib.sha256(v.path.read_bytes()).digest())
        module = rule_module(job.rules_root, job.reference, v.date)
        if module is not None:
            h.update(b"rules" + hashlib.sha256(module.read_bytes()).digest())
    current = [v.date for v in versions if v.date <= job.today]
    h.update(f"in force {current[-1].isoformat() if current else 'none'}".encode())
    return h.hexdigest()


@dataclass(slots=True)
class Project:
    """A rendered MkDocs project: path (relative to ``out``) → bytes, and what the manifest records per policy."""

    files: dict[str, bytes]
    policies: dict[str, dict[str, object]]  # reference -> {"key", "row", "files"}
    seconds: dict[str, float]
    reused: int = 0  # policies whose inputs had not changed: their pages were read back, not rendered


def _reuse(out: Path | None, job: _Job, key: str, manifest: dict[str, Any]) -> _Rendered | None:
    """The pages of a policy whose inputs are unchanged, read back from ``out`` (None if any file differs)."""
    entry = manifest.get("policies", {}).get(job.reference)
    if out is None or not isinstance(entry, dict) or entry.get("key") != key:
        return None
    files = {}
    for rel, sha in dict(entry.get("files", {})).items():
        try:
            data = (out / "docs" / rel).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        files[rel] = data
    return _Rendered(job.reference, files, pages.PolicyRow.from_dict(entry["row"]), key)


def render_site(
    store_root: Path,
    *,
    today: dt.date | None = None,
    rules_root: Path | None = None,
    jobs: int | None = None,
    previous: Path | None = None,
) -> Project:
    """The whole project.  With ``previous`` (an output folder), policies whose inputs are unchanged since its
    last render are read back from it instead of rendered again."""
    from policyvc.store import Store

    today = today or dt.date.today()
    store = Store(store_root, cache_dir=None)
    by_ref: dict[str, list[Version]] = {ref: [] for ref in store.references()}
    for v in store.all_versions():
        by_ref.setdefault(v.reference, []).append(v)
    work = [
        _Job(store_root, ref, tuple(sorted(vs, key=lambda v: v.date)), today, rules_root)
        for ref, vs in sorted(by_ref.items())
        if vs
    ]
    manifest = read_manifest(previous) if previous is not None else {}
    t0 = time.perf_counter()
    keys = {j.reference: input_key(j) for j in work}
    results: dict[str, _Rendered] = {}
    for j in work:
        reused = _reuse(previous, j, keys[j.reference], manifest)
        if reused is not None:
            results[j.reference] = reused
    seconds: dict[str, float] = {"inputs": time.perf_counter() - t0}
    todo = [j for j in work if j.reference not in results]
    workers = min(_cores(jobs), len(todo))
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            done = list(pool.map(_render_job, todo, chunksize=max(1, len(todo) // (workers * 4))))
    else:
        done = [_render_job(j) for j in todo]
    for r in done:
        r.key = keys[r.reference]
        results[r.reference] = r
        for stage, secs in r.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + secs
    files: dict[str, bytes] = {}
    policies: dict[str, dict[str, object]] = {}
    for ref in sorted(results):
        r = results[ref]
        files.update({f"docs/{p}": data for p, data in r.files.items()})
        policies[ref] = {
            "key": r.key,
            "row": r.row.to_dict(),
            "files": {p: hashlib.sha256(d).hexdigest() for p, d in sorted(r.files.items())},
        }
    rows = [results[ref].row for ref in sorted(results)]
    files["docs/index.md"] = pages.home_page(rows).encode("utf-8")
    files["docs/policies/index.md"] = pages.policies_page(rows).encode("utf-8")
    css = resources.files("policyvc.renderer").joinpath("templates/site/assets/policyvc.css").read_bytes()
    files["docs/assets/policyvc.css"] = css
    # the offline search's Web Worker shim for pages opened from file:// (mkdocs.yml's extra.polyfills)
    shim = resources.files("policyvc.renderer").joinpath("templates/site/assets/iframe-worker-shim.js").read_bytes()
    files["docs/assets/javascripts/iframe-worker-shim.js"] = shim
    files["mkdocs.yml"] = pages.mkdocs_yml(rows, SITE_NAME).encode("utf-8")
    return Project(dict(sorted(files.items())), policies, seconds, len(work) - len(todo))


def read_manifest(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else {}


# --- writing only what changed -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def write_project(out: Path, project: Project) -> WriteResult:
    """Write the files whose bytes differ from what is on disk; remove the ones the last render wrote and this
    one did not (the manifest ``<out>/.policyvc-site`` lists them; nothing else in ``out`` is touched)."""
    files = project.files
    out.mkdir(parents=True, exist_ok=True)
    written, unchanged = [], 0
    for rel, data in files.items():
        path = out / rel
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if same:
            unchanged += 1
            continue
        write_bytes(path, data)
        written.append(rel)
    before = read_manifest(out).get("files", [])
    removed = []
    for rel in before if isinstance(before, list) else []:
        if isinstance(rel, str) and rel not in files and ".." not in Path(rel).parts and not Path(rel).is_absolute():
            (out / rel).unlink(missing_ok=True)
            removed.append(rel)
    manifest = {"format": MANIFEST_FORMAT, "files": list(files), "policies": project.policies}
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path = out / MANIFEST
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_bytes(path, text.encode("utf-8"))
    for rel in removed:  # drop folders left empty
        parent = (out / rel).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return WriteResult(tuple(written), unchanged, tuple(removed))


def digest(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for rel, data in files.items():
        h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _toolchain() -> str:
    """The versions of what turns the project into HTML: a new theme is a reason to build again."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=none")
    return ",".join(out)


def mkdocs_build(out: Path) -> float:
    """``mkdocs build --strict`` of ``<out>/mkdocs.yml`` into ``<out>/_build``; seconds taken.  A failed build is a
    :class:`PolicyError` carrying MkDocs' own warnings."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet", "-f", "mkdocs.yml"],
        capture_output=True,
        text=True,
        cwd=out,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"},  # mkdocs-material's banner about MkDocs 2
    )
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        raise PolicyError("mkdocs build --strict failed: " + " | ".join(lines[-12:]), source=str(out / "mkdocs.yml"))
    return time.perf_counter() - t0


@dataclass(frozen=True, slots=True)
class SiteResult:
    out: Path
    pages: int  # Markdown pages rendered
    write: WriteResult
    built: bool  # mkdocs ran (False: not asked, or nothing changed since the last build)
    seconds: dict[str, float]
    reused: int = 0  # policies not rendered again (inputs unchanged)

    def summary(self) -> str:
        w = self.write
        state = "built" if self.built else "build skipped (unchanged)" if w.unchanged and not w.changed else "rendered"
        times = ", ".join(f"{k} {v:.2f}s" for k, v in self.seconds.items()) + "; * summed over render workers"
        reused = f"{self.reused} polic{'y' if self.reused == 1 else 'ies'}"
        return (
            f"site: {self.pages} pages ({reused} unchanged since the last render), "
            f"{len(w.written)} file(s) written, {w.unchanged} unchanged, {len(w.removed)} removed; {state} "
            f"({times}) → {self.out}"
        )


def build_site(
    store_root: Path,
    out: Path,
    *,
    build: bool,
    today: dt.date | None = None,
    rules_root: Path | None = None,
    jobs: int | None = None,
    log: Callable[[str], None] | None = None,
) -> SiteResult:
    """Render the store into ``out`` (only changed files written) and, with ``build``, build it strictly.

    ``rules_root`` defaults to ``rules/`` beside the store (rule modules are linked where they exist).
    """
    if not store_root.is_dir():
        raise PolicyError(f"no version store at {store_root}", source=str(store_root))
    if rules_root is None:
        rules_root = store_root.resolve().parent / "rules"
    t0 = time.perf_counter()
    project = render_site(store_root, today=today, rules_root=rules_root, jobs=jobs, previous=out)
    files = project.files
    t1 = time.perf_counter()
    write = write_project(out, project)
    t2 = time.perf_counter()
    timings = {"render": t1 - t0, "write": t2 - t1, **{f"{k}*": v for k, v in project.seconds.items()}}
    built = False
    if build:
        stamp = out / "_build" / STAMP
        want = digest(files) + " " + _toolchain()
        if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == want:
            timings["mkdocs"] = 0.0
        else:
            if log:
                log(f"site: mkdocs build --strict ({sum(1 for f in files if f.endswith('.md'))} pages) …")
            timings["mkdocs"] = mkdocs_build(out)
            write_bytes(stamp, (want + "\n").encode("utf-8"))
            built = True
    pages_count = sum(1 for f in files if f.endswith(".md"))
    return SiteResult(out, pages_count, write, built, timings, project.reused)


def clean_build(out: Path) -> None:
    """Remove ``<out>/_build`` (the next build is then a full one)."""
    shutil.rmtree(out / "_build", ignore_errors=True)
