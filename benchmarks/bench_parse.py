"""Speed of the spine: parsing the seed warm and cold.  ``make bench`` runs this.

Targets (issue "the spine"): warm parse of the seed ≤ 20 ms; cold (a new Python
process that imports policyvc and parses the seed) ≤ 300 ms.  Timings are
reported, never asserted: unit tests do not time things.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_start import environment
from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"


def _ms(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "min": round(samples[0] * 1000, 2),
        "median": round(statistics.median(samples) * 1000, 2),
        "p95": round(samples[int(len(samples) * 0.95) - 1] * 1000, 2),
    }


def warm(rounds: int) -> dict[str, object]:
    from policyvc.parser import parse_text
    from policyvc.parser.normalize import normalize
    from policyvc.renderer.outline import render_outline
    from policyvc.renderer.text import render_text

    text = SEED.read_text(encoding="utf-8")
    parse_text(text)  # build (or load) the LALR tables once
    results: dict[str, object] = {"seed_kb": round(len(text.encode()) / 1024, 1)}
    for name, fn in (
        ("normalize", lambda: normalize(text)),
        ("parse", lambda: parse_text(text)),
    ):
        samples = []
        for _ in range(rounds):
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
        results[name] = _ms(samples)
    policy = parse_text(text)
    for name, render in (("render_outline", render_outline), ("render_text", render_text)):
        samples = []
        for _ in range(rounds):
            t = time.perf_counter()
            render(policy)
            samples.append(time.perf_counter() - t)
        results[name] = _ms(samples)
    return results


def cold(rounds: int) -> dict[str, object]:
    py = sys.executable
    script = f"from policyvc.parser import parse_file; parse_file({str(SEED)!r})"
    cli = str(Path(py).parent / "policyvc")
    commands = {
        "python_startup": [py, "-c", "pass"],
        "import_and_parse": [py, "-c", script],
        "cli_parse_outline": [cli, "parse", str(SEED)],
    }
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="policyvc-bench-") as tmp:
        env = environment(Path(tmp))  # byte-code kept, as an install has it
        for name, cmd in commands.items():
            subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm the OS, byte-code, lark caches
            samples = []
            for _ in range(rounds):
                t = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, cwd="/", env=env)
                samples.append(time.perf_counter() - t)
            out[name] = _ms(samples)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=200, help="warm repetitions")
    ap.add_argument("--cold-rounds", type=int, default=15, help="new processes per command")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args()
    report = {"warm_ms": warm(args.rounds), "cold_ms": cold(args.cold_rounds)}
    record("parse", report)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    w, c = report["warm_ms"], report["cold_ms"]
    assert isinstance(w, dict) and isinstance(c, dict)
    print(f"seed: {w['seed_kb']} KB")
    for key in ("normalize", "parse", "render_outline", "render_text"):
        print(f"warm {key:<16} median {w[key]['median']:>7} ms   p95 {w[key]['p95']:>7} ms   min {w[key]['min']:>7} ms")
    for key in ("python_startup", "import_and_parse", "cli_parse_outline"):
        print(f"cold {key:<18} median {c[key]['median']:>7} ms   p95 {c[key]['p95']:>7} ms")
    print("targets: warm parse <= 20 ms, cold import+parse <= 300 ms")


if __name__ == "__main__":
    main()
