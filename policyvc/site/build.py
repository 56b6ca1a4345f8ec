"""Render the store into a MkDocs project and build it: the one call behind ``policyvc site`` and ``build``."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from policyvc.atomic import write_bytes
from policyvc.parser.errors import PolicyError
from policyvc.site.mkdocs import STAMP, mkdocs_build, toolchain
from policyvc.site.render import render_site
from policyvc.site.staged import Staged, clear_staged
from policyvc.site.write import ProjectWriter, WriteResult, digest


@dataclass(frozen=True, slots=True)
class SiteResult:
    """What a site build did (:mod:`policyvc.report.site` prints it)."""

    out: Path
    pages: int  # Markdown pages rendered
    write: WriteResult
    built: bool  # mkdocs ran (False: not asked, or nothing changed since the last build)
    seconds: dict[str, float]
    reused: int = 0  # policies not rendered again (inputs unchanged)


def build_site(
    store_root: Path,
    out: Path,
    *,
    build: bool,
    today: dt.date | None = None,
    rules_root: Path | None = None,
    jobs: int | None = None,
    log: Callable[[str], None] | None = None,
    staged: Mapping[str, Staged] | None = None,
) -> SiteResult:
    """Render the store into ``out`` (only changed files written) and, with ``build``, build it strictly.

    ``rules_root`` defaults to ``rules/`` beside the store (rule modules are linked where they exist).  ``log``
    is told when the slow MkDocs build starts.  ``staged``: policies whose pages ``build``'s workers rendered
    (:mod:`policyvc.site.staged`).
    """
    if not store_root.is_dir():
        raise PolicyError(f"no version store at {store_root}", source=str(store_root))
    if rules_root is None:
        rules_root = store_root.resolve().parent / "rules"
    t0 = time.perf_counter()
    writer = ProjectWriter(out)
    try:
        project = render_site(
            store_root, today=today, rules_root=rules_root, jobs=jobs, previous=out, sink=writer.put, staged=staged
        )
    finally:
        clear_staged(out)
    writer.kept(len(project.hashes) - len(project.files) - len(writer.written) - writer.unchanged)
    t1 = time.perf_counter()
    writer.put(project.files)  # the frame: home page, navigation, assets
    write = writer.finish(project.hashes, project.policies, project.before)
    t2 = time.perf_counter()
    timings = {"render": t1 - t0, "write": t2 - t1, **{f"{k}*": v for k, v in project.seconds.items()}}
    built = False
    if build:
        stamp = out / "_build" / STAMP
        want = digest(project.hashes) + " " + toolchain()
        if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == want:
            timings["mkdocs"] = 0.0
        else:
            if log:
                log(f"site: mkdocs build --strict ({sum(1 for f in project.hashes if f.endswith('.md'))} pages) …")
            timings["mkdocs"] = mkdocs_build(out, jobs)
            write_bytes(stamp, (want + "\n").encode("utf-8"))
            built = True
    pages_count = sum(1 for f in project.hashes if f.endswith(".md"))
    return SiteResult(out, pages_count, write, built, timings, project.reused)
