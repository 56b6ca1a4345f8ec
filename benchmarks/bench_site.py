"""Speed of the documentation site: render + ``mkdocs build --strict`` for N synthetic policies × 5 versions.

Each synthetic policy is the embedded history (``policy_versions/CP.PHAR.295``, five versions) under another
reference number and drug name.  The store is synced first (``policy.json`` beside each source, as
``policyvc build`` leaves it), so loading reads the AST rather than parsing.  Reported, never asserted:

* cold: render every page and build the site from nothing;
* no change: the same again (pages compared with what is on disk: nothing written, build skipped);
* one policy changed: one version edited, only its pages rewritten, then a full strict build (every other page's
  Markdown, search entries and drawing from the build before: ``policyvc/site/mkdocs_cache.py``);
* scaling: twice the policies (twice the pages) — the target is at most 2.2× the time;
* where the time goes: load, history (diff, audit, blame), Markdown rendering, writing, mkdocs; page sizes.

``make bench`` runs this with N = 100 (≈ 1,900 pages) and 200.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policyvc.site.build import SiteResult

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"
TODAY = dt.date(2026, 12, 1)


def make_store(root: Path, n: int) -> Path:
    from policyvc.store.sync import sync_store

    store = root / "store"
    for i in range(n):
        ref = f"CP.PHAR.{1000 + i}"
        for folder in sorted(p for p in HISTORY.iterdir() if p.is_dir()):  # (not a build's .history.json)
            text = (folder / "policy.txt").read_text(encoding="utf-8")
            text = text.replace("Reference Number: CP.PHAR.295", f"Reference Number: {ref}", 1)
            text = text.replace("Sargramostim (Leukine)", f"Synthetic{i:03d} (Leukine)", 1)
            dest = store / ref / folder.name / "policy.txt"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
    sync_store(store)
    return store


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(store: Path, out: Path, jobs: int | None) -> tuple[float, SiteResult]:
    """Wall-clock seconds of one build_site(build=True); CPU seconds (all processes) are printed beside."""
    from policyvc.site.build import build_site

    t, c = time.perf_counter(), _cpu()
    result = build_site(store, out, build=True, today=TODAY, rules_root=None, jobs=jobs)
    wall = time.perf_counter() - t
    CPU.append(_cpu() - c)
    return wall, result


WALL: list[float] = []
CPU: list[float] = []  # CPU seconds of each run (less sensitive than wall-clock to other load on the machine)


def sizes(out: Path) -> tuple[int, float, float]:
    pages = list((out / "_build").rglob("*.html"))
    total = sum(p.stat().st_size for p in pages)
    index = out / "_build" / "search" / "search_index.json"
    return len(pages), total / len(pages) / 1024, index.stat().st_size / 1024 / 1024


def bench(n: int, jobs: int | None, keep: bool) -> float:
    from policyvc.report.site import summary_line

    root = Path(tempfile.mkdtemp(prefix="policyvc-bench-site-"))
    try:
        t = time.perf_counter()
        store = make_store(root, n)
        print(f"\n{n} policies × 5 versions: store synced in {time.perf_counter() - t:.1f}s (not counted)")
        out = root / "site"
        cold, r = run(store, out, jobs)
        WALL.append(cold)
        html_pages, kb, index_mb = sizes(out)
        print(
            f"  cold        {cold:6.1f}s  ({CPU[-1]:.1f} CPU s)  {r.pages} Markdown pages, {html_pages} HTML pages "
            f"({kb:.0f} KB/page, search index {index_mb:.1f} MB)"
        )
        print(f"              {summary_line(r)}")
        print(f"              mkdocs {r.seconds['mkdocs'] / r.pages * 1000:.1f} ms/page")
        again, r2 = run(store, out, jobs)
        print(f"  no change   {again:6.1f}s  ({CPU[-1]:.1f} CPU s)  {summary_line(r2)}")
        victim = sorted((store / "CP.PHAR.1000").iterdir())[-1] / "policy.txt"
        victim.write_text(
            victim.read_text(encoding="utf-8").replace("250 mcg/m² IV daily.", "300 mcg/m² IV daily.", 1),
            encoding="utf-8",
        )
        (victim.parent / "meta.json").unlink()
        one, r3 = run(store, out, jobs)
        print(f"  one changed {one:6.1f}s  ({CPU[-1]:.1f} CPU s)  {summary_line(r3)}")
        if keep:
            print(f"  kept: {out}")
        return CPU[-3]
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--policies", type=int, nargs="+", default=[100, 200])
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--keep", action="store_true", help="Keep the synthetic store and site.")
    args = ap.parse_args()
    walls: dict[int, float] = {}
    cpus: dict[int, float] = {}
    for n in args.policies:
        cpus[n] = bench(n, args.jobs, args.keep)
        walls[n] = WALL[-1]
    if len(walls) >= 2:
        a, b = sorted(walls)[:2]
        print(
            f"\nscaling: {b / a:.1f}× the pages took {walls[b] / walls[a]:.2f}× the wall-clock time and "
            f"{cpus[b] / cpus[a]:.2f}× the CPU time (target ≤ 2.2×)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
