"""Speed of the version store: ingest (+ git commit), import-history, show --as-of.  ``make bench`` runs this.

Everything runs on real files and real git repositories in a temporary folder.
Versions are the small family policy of the tests (somatrogon, 15 KB) with
one more revision-log row each; the seed (27 KB) is timed for a single ingest.
Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
BASE = ROOT / "tests" / "fixtures" / "policies" / "somatrogon.txt"
FIRST = dt.date(2025, 8, 6)  # after the base's latest log entry


def _ms(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "min": round(samples[0] * 1000, 2),
        "median": round(statistics.median(samples) * 1000, 2),
        "p95": round(samples[max(int(len(samples) * 0.95) - 1, 0)] * 1000, 2),
        "n": len(samples),
    }


def _version(n: int) -> str:
    text = BASE.read_text(encoding="utf-8")
    date = FIRST + dt.timedelta(days=n)
    cut = text.index("\nImportant Reminder")
    return text[:cut].rstrip("\n") + f"\nBenchmark change {n}.\t{date:%m.%d.%Y}\t\n" + text[cut:]


def _files(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(count):
        path = folder / f"v{n:03d}.txt"
        path.write_text(_version(n), encoding="utf-8")
        out.append(path)
    return out


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def ingest_speed(tmp: Path, versions: int) -> dict[str, object]:
    from policyvc.store.ingest import ingest

    files = _files(tmp / "in", versions)
    ingest(SEED, tmp / "warm")  # grammar tables, pydantic adapter, GitPython imports
    plain = [_timed(lambda p=p: ingest(p, tmp / "plain")) for p in files]  # type: ignore[misc]
    in_order = [_timed(lambda p=p: ingest(p, tmp / "ordered", commit=True)) for p in files]  # type: ignore[misc]
    # newest first: every ingest lands before the tip and rebuilds the whole branch above it
    reverse = [_timed(lambda p=p: ingest(p, tmp / "reverse", commit=True)) for p in reversed(files)]  # type: ignore[misc]
    seed = [_timed(lambda i=i: ingest(SEED, tmp / f"seed{i}", commit=True)) for i in range(5)]  # type: ignore[misc]
    noop = [_timed(lambda: ingest(files[-1], tmp / "ordered", commit=True)) for _ in range(10)]
    return {
        "ingest_no_commit": _ms(plain),
        "ingest_commit_in_date_order": _ms(in_order),
        "ingest_commit_newest_first_rebuild": _ms(reverse),
        "ingest_commit_seed_new_store": _ms(seed),
        "reingest_noop_commit": _ms(noop),
        "versions": versions,
    }


def import_speed(tmp: Path, commits: int, rounds: int) -> dict[str, object]:
    import git

    from policyvc.store.importer import import_history

    root = tmp / "repo"
    repo = git.Repo.init(root)
    me = git.Actor("bench", "bench@example.org")
    for n in range(commits):
        (root / "policy.txt").write_text(_version(n), encoding="utf-8")
        repo.index.add(["policy.txt"])
        repo.index.commit(f"v{n}", author=me, committer=me)
    with_commit = [
        _timed(lambda i=i: import_history(root, "policy.txt", tmp / f"imp{i}", commit=True))  # type: ignore[misc]
        for i in range(rounds)
    ]
    without = [
        _timed(lambda i=i: import_history(root, "policy.txt", tmp / f"plain{i}"))  # type: ignore[misc]
        for i in range(rounds)
    ]
    return {"commits": commits, "import_history_commit": _ms(with_commit), "import_history_no_commit": _ms(without)}


def show_speed(tmp: Path, rounds: int, cold_rounds: int) -> dict[str, object]:
    from policyvc.renderer.text import render_text
    from policyvc.serialize import from_json
    from policyvc.store import Store
    from policyvc.store.ingest import ingest
    from policyvc.store.source import parse_source

    store = tmp / "ordered"  # filled by ingest_speed
    ingest(SEED, store, commit=True)
    date = dt.date(2026, 6, 1)
    v = Store(store).in_force("CP.PHAR.295", date)
    stored = (v.folder / "policy.json").read_bytes()
    cached = [_timed(lambda: render_text(from_json(stored))) for _ in range(rounds)]
    data = v.path.read_bytes()
    parsed = [_timed(lambda: render_text(parse_source(data, str(v.path)))) for _ in range(rounds)]
    cli = str(Path(sys.executable).parent / "policyvc")
    cmd = [cli, "show", "CP.PHAR.295", "--as-of", date.isoformat(), "--store", str(store)]
    subprocess.run(cmd, check=True, capture_output=True)
    cold = [_timed(lambda: subprocess.run(cmd, check=True, capture_output=True)) for _ in range(cold_rounds)]
    log_cmd = [cli, "log", "CP.PHAR.571", "--store", str(store)]
    log = [_timed(lambda: subprocess.run(log_cmd, check=True, capture_output=True)) for _ in range(cold_rounds)]
    return {
        "show_warm_from_policy_json": _ms(cached),
        "show_warm_parsing_the_source": _ms(parsed),
        "cli_show_as_of": _ms(cold),
        "cli_log_of_the_benchmark_policy": _ms(log),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--versions", type=int, default=30, help="versions ingested per run")
    ap.add_argument("--commits", type=int, default=20, help="commits in the import-history repository")
    ap.add_argument("--rounds", type=int, default=30, help="warm repetitions")
    ap.add_argument("--cold-rounds", type=int, default=10, help="new processes per CLI command")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="policyvc-bench-") as name:
        tmp = Path(name)
        report = {
            "ingest_ms": ingest_speed(tmp, args.versions),
            "import_ms": import_speed(tmp, args.commits, max(args.rounds // 10, 3)),
            "show_ms": show_speed(tmp, args.rounds, args.cold_rounds),
        }
    record("store", report)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for section, values in report.items():
        assert isinstance(values, dict)
        for key, value in values.items():
            if isinstance(value, dict):
                print(
                    f"{section[:-3]:<7} {key:<38} median {value['median']:>8} ms   p95 {value['p95']:>8} ms"
                    f"   min {value['min']:>8} ms   n={value['n']}"
                )
            else:
                print(f"{section[:-3]:<7} {key:<38} {value}")


if __name__ == "__main__":
    main()
