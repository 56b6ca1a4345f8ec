"""After one edit, does ``policyvc build`` redo only the edited policy's pages?  Side by side with another install.

``python benchmarks/bench_site_skip.py --policies 200 --exe OTHER/.venv/bin/policyvc`` makes one store of N
synthetic policies × 5 versions (the site benchmark's generator), builds a copy of it cold with each install in
turn (``--cold-rounds``, the order alternated), then edits one version in each copy and builds it again
(``--rounds`` times, alternating: the edit toggles ``IV daily.`` in the newest version of CP.PHAR.1000).  Whole
processes: wall time, CPU seconds of every process, peak resident memory of the largest; medians, each run kept
with the load average when it ended.  Recorded as ``build_scale_N_skip`` in ``results.json`` (the speed manual's
``build-scale`` table).  Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_build import _timed
from bench_site import make_store
from results import record


def _build(exe: Path, work: Path) -> list[float]:
    cmd = [str(exe), "build", "--store", str(work / "store"), "--out", str(work / "out"), "--jobs", "2"]
    wall, cpu, rss, _tree = _timed([*cmd, "--cache-dir", str(work / "cache")])
    return [round(wall, 2), round(cpu, 2), round(rss, 1), round(os.getloadavg()[0], 2)]


def _edit(work: Path) -> None:
    victim = sorted(p for p in (work / "store" / "CP.PHAR.1000").iterdir() if p.is_dir())[-1] / "policy.txt"
    text = victim.read_text(encoding="utf-8")
    edited = text.replace("IV daily.", "IV once daily.", 1)
    if edited == text:
        edited = text.replace("IV once daily.", "IV daily.", 1)
    assert edited != text, victim
    victim.write_text(edited, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--policies", type=int, default=200)
    ap.add_argument("--exe", type=Path, required=True, help="the baseline install's policyvc")
    ap.add_argument("--rounds", type=int, default=5, help="edits built by each install, alternating")
    ap.add_argument("--cold-rounds", type=int, default=2, help="cold builds by each install, alternating")
    ap.add_argument(
        "--reuse",
        type=Path,
        nargs=2,
        metavar=("THIS", "BASELINE"),
        help="with --cold-rounds 0: two trees built before (store/, out/, cache/), by this install and the baseline",
    )
    args = ap.parse_args()
    exes = {"": Path(sys.executable).parent / "policyvc", "baseline_": args.exe}
    runs: dict[str, list[list[float]]] = {}
    top = Path(tempfile.mkdtemp(prefix="policyvc-bench-skip-"))
    try:
        if args.reuse:
            works = dict(zip(exes, args.reuse, strict=True))
        else:
            seed = make_store(top / "seed", args.policies)
            for derived in [*seed.glob("*/*/policy.json"), *seed.glob("*/*/meta.json")]:
                derived.unlink()  # cold: nothing derived yet
            works = {label: top / f"work-{label or 'this'}" for label in exes}
        for r in range(args.cold_rounds):
            for label in list(exes)[:: 1 if r % 2 == 0 else -1]:
                shutil.rmtree(works[label], ignore_errors=True)
                works[label].mkdir()
                shutil.copytree(seed, works[label] / "store", symlinks=True)
                run = _build(exes[label], works[label])
                runs.setdefault(f"{label}cold", []).append(run)
                print(f"{label or 'this_'}cold: {run}", file=sys.stderr, flush=True)
        for label in exes:  # (nothing changed: what each left is read once before the edits are timed)
            run = _build(exes[label], works[label])
            runs.setdefault(f"{label}nothing_changed", []).append(run)
        for r in range(args.rounds):
            for label in list(exes)[:: 1 if r % 2 == 0 else -1]:
                _edit(works[label])
                run = _build(exes[label], works[label])
                runs.setdefault(f"{label}one_edited", []).append(run)
                print(f"{label or 'this_'}one_edited: {run}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    figures: dict[str, object] = {"policies": args.policies, "versions": args.policies * 5, "jobs": 2, "html": True}
    for name, samples in runs.items():
        figures[f"{name}_s"] = round(statistics.median(s[0] for s in samples), 2)
        figures[f"{name}_cpu_s"] = round(statistics.median(s[1] for s in samples), 2)
        figures[f"{name}_peak_mib"] = round(max(s[2] for s in samples))
        figures[f"{name}_runs"] = samples
    figures["baseline_run"] = f"{args.exe}, side by side: each step by the two installs in turn, order alternated"
    record(f"build_scale_{args.policies}_skip{'' if args.cold_rounds else '_edit'}", figures)
    print(figures)


if __name__ == "__main__":
    main()
