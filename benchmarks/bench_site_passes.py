"""Memory of MkDocs' step alone, pass after pass, on a site project of N stub policies × 5 versions.

The project is shaped as ``policyvc site`` writes one — its ``mkdocs.yml`` (rendered from the site's template,
so the same theme, plugins, ``not_in_nav`` and validation) and a navigation of four pages a policy, and 19 pages
and 5 rule modules a policy — but each page is a heading, a few links and an anchor, so that MkDocs' step at
1,000 policies can be run on a busy machine.  The passes are run as :func:`policyvc.site.mkdocs.mkdocs_build`
runs them (``python -m policyvc.site.mkdocs_run OUT --jobs J --batch B [--from PAGE]``) by ``--python`` (another
install's, for a before/after), and each pass's peak is printed: the sum of every process's PSS, and by process.
Nothing is recorded in ``results.json`` and nothing is asserted.

    python benchmarks/bench_site_passes.py --policies 1000 [--python OTHER/.venv/bin/python]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import MIB, TreeMemory

ROOT = Path(__file__).resolve().parent.parent
DATES = ["2023-04-18", "2023-10-16", "2024-06-05", "2025-04-14", "2026-03-26"]
HIDDEN = "---\nsearch:\n  exclude: true\n---\n\n"
MORE = "policyvc-mkdocs-more: "


def make_project(out: Path, n: int) -> None:
    """The stub project of ``n`` policies in ``out``."""
    from markupsafe import Markup

    from renderer.site_pages import render, yaml_string

    refs = [f"CP.PHAR.{1000 + i}" for i in range(n)]

    def q(text: str) -> Markup:
        return Markup(yaml_string(text))

    nav = [
        (q(f"{refs[g]} – {refs[min(g + 24, n - 1)]}"), [(q(f"{r} · Stub"), r) for r in refs[g : g + 25]])
        for g in range(0, n, 25)
    ]
    docs = out / "docs"
    (docs / "policies").mkdir(parents=True)
    (docs / "assets" / "javascripts").mkdir(parents=True)
    (docs / "assets" / "policyvc.css").write_text("/* */\n", encoding="utf-8")
    (docs / "assets" / "javascripts" / "iframe-worker-shim.js").write_text("//\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(render("mkdocs.yml.j2", nav=nav, site_name="Stub policies"), encoding="utf-8")
    (docs / "index.md").write_text("# Policies\n\n[All policies](policies/index.md)\n", encoding="utf-8")
    listing = "".join(f"- [{r}](../{r}/index.md)\n" for r in refs)
    (docs / "policies" / "index.md").write_text("# All policies\n\n" + listing, encoding="utf-8")
    pairs = list(itertools.combinations(DATES, 2))
    for r in refs:
        p = docs / r
        for folder in ("versions", "diff", "rules"):
            (p / folder).mkdir(parents=True)
        versions = " · ".join(f"[{d}](versions/{d}.md)" for d in DATES)
        diffs = " · ".join(f"[{a} → {b}](diff/{a}_{b}.md)" for a, b in pairs)
        index = f"# Stub {r}\n\n## Versions\n\n{versions}\n\n## Changes\n\n{diffs}\n\n[Rules](rules/v{DATES[-1]}.py)\n"
        (p / "index.md").write_text(index, encoding="utf-8")
        for page in ("timeline", "audit", "blame"):
            text = f"# {page.title()}\n\n## Entries {{ #entries }}\n\n[Policy](index.md) · {versions}\n"
            (p / f"{page}.md").write_text(text, encoding="utf-8")
        for i, d in enumerate(DATES):
            after = f" · [Next](../versions/{DATES[i + 1]}.md)" if i + 1 < len(DATES) else ""
            text = (
                f"# {r} as of {d}\n\n[Policy](../index.md) · [Timeline](../timeline.md#entries){after}\n\n## Criteria\n"
            )
            (p / "versions" / f"{d}.md").write_text(HIDDEN + text, encoding="utf-8")
            (p / "rules" / f"v{d}.py").write_text(f"# rules of {r} as of {d}\n", encoding="utf-8")
        for a, b in pairs:
            text = f"# {r}: {a} → {b}\n\n[From](../versions/{a}.md) · [To](../versions/{b}.md#criteria)\n"
            (p / "diff" / f"{a}_{b}.md").write_text(HIDDEN + text, encoding="utf-8")


def passes(python: str, project: Path, jobs: int, batch: int) -> list[float]:
    """Each pass's peak tree PSS (MiB), printed with the processes' shares as it ends."""
    args, peaks = ["--batch", str(batch)], []
    while True:
        command = [python, "-m", "policyvc.site.mkdocs_run", str(project), "--jobs", str(jobs), *args]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        stdout, stderr = proc.communicate()
        sampler.done.set()
        sampler.join()
        if proc.returncode != 0:
            raise SystemExit(f"mkdocs_run failed: {stderr}")
        peaks.append(sampler.tree_pss / MIB)
        # (the pass's own process is the sampler's "build"; its forked workers, "mkdocs")
        shares = {
            "mkdocs_run" if k == "build" else "its workers": round(v / MIB, 1)
            for k, v in sampler.at_pss_peak.items()
            if v
        }
        print(f"pass {len(peaks)}: tree PSS {peaks[-1]:.1f} MiB {shares} (load {os.getloadavg()[0]:.1f})", flush=True)
        left = [ln[len(MORE) :] for ln in stdout.splitlines() if ln.startswith(MORE)]
        if not left:
            return peaks
        args = ["--batch", str(batch), "--from", left[-1]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--policies", type=int, default=200)
    ap.add_argument("--python", default=sys.executable, help="the Python whose policyvc runs MkDocs' passes")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=1000, help="POLICYVC_MKDOCS_BATCH's default")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="policyvc-bench-passes-"))
    try:
        make_project(work, args.policies)
        t = time.perf_counter()
        peaks = passes(args.python, work, args.jobs, args.batch)
        wall = time.perf_counter() - t
        print(f"{args.policies} policies: {len(peaks)} passes, peak tree PSS {max(peaks):.1f} MiB, {wall:.0f} s wall")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
