"""Speed of the spine: parsing the seed warm and cold.  ``make bench`` runs this.

Targets: warm parse of the seed ≤ 8 ms (issue 21; ≤ 20 ms in the issue "the spine"); cold (a new
Python process that imports policyvc and parses the seed) ≤ 300 ms.  Warm figures are CPU time of this
process (on a shared machine the steadier figure), with the parse split into its phases and the same
normalised text parsed by lark's own ``Lark.parse`` (the path before ``parser/lalr_driver.py``) beside
it.  ``--baseline PYTHON`` times the warm parse in another install (an older checkout's virtual
environment) in alternating rounds, for a before/after.  Timings are reported, never asserted: unit
tests do not time things.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def _cpu(fn: Callable[[], object], rounds: int) -> dict[str, float]:
    samples = []
    for _ in range(rounds):
        t = time.process_time()
        fn()
        samples.append(time.process_time() - t)
    return _ms(samples)


def warm(rounds: int) -> dict[str, object]:
    import policyvc.parser as parser
    from policyvc.parser import parse_text
    from policyvc.parser.normalize import normalize
    from policyvc.parser.text_styles import prepare
    from policyvc.renderer.outline import render_outline
    from policyvc.renderer.text import render_text

    text = SEED.read_text(encoding="utf-8")
    parse_text(text)  # build (or load) the LALR tables once
    lark_parser, driver, transformer = parser._parser(), parser._DRIVER, parser._TRANSFORMER
    assert driver is not None, "the LALR driver is not in use"
    styled = prepare(text, str(SEED))
    norm = parser._mapped(normalize(styled.text), styled)
    transformer.norm, transformer.raw_lines, transformer.diagnostics = norm, text.split("\n"), []
    tokens = driver._lex(norm.text)
    nested = list(driver._postlex.process(iter(tokens)))
    results: dict[str, object] = {"seed_kb": round(len(text.encode()) / 1024, 1), "clock": "cpu"}
    for name, fn in (
        ("parse", lambda: parse_text(text)),
        ("text_front", lambda: prepare(text, str(SEED))),
        ("normalize", lambda: parser._mapped(normalize(styled.text), styled)),
        ("lex", lambda: driver._lex(norm.text)),
        ("nesting", lambda: list(driver._postlex.process(iter(tokens)))),
        ("lalr_and_nodes", lambda: driver._parse(iter(nested))),
        ("lark_parse", lambda: lark_parser.parse(norm.text)),  # lex, nesting, LALR, nodes: lark's own loop
        ("driver_parse", lambda: driver._parse(driver._postlex.process(iter(driver._lex(norm.text))))),
    ):
        results[name] = _cpu(fn, rounds)
    policy = parse_text(text)
    for name, render in (("render_outline", render_outline), ("render_text", render_text)):
        results[name] = _cpu(lambda render=render: render(policy), rounds)
    return results


# the warm parse timed in another install (only its public parse_text): a median of CPU ms per round
_TIMER = """
import statistics, sys, time
from policyvc.parser import parse_text
text = open(sys.argv[1], encoding="utf-8").read()
for _ in range(5):
    parse_text(text)
samples = []
for _ in range(int(sys.argv[2])):
    t = time.process_time()
    parse_text(text)
    samples.append(time.process_time() - t)
print(statistics.median(samples) * 1000)
"""


def side_by_side(baseline: str, rounds: int, parses: int) -> dict[str, object]:
    """The warm parse in ``baseline``'s install and in this one, alternating, ``rounds`` processes each."""
    pythons = {"this": sys.executable, "baseline": baseline}
    env = environment(Path(tempfile.mkdtemp(prefix="policyvc-bench-")))
    got: dict[str, list[float]] = {"this": [], "baseline": []}
    for k in range(rounds):
        for name in ("this", "baseline") if k % 2 else ("baseline", "this"):
            cmd = [pythons[name], "-c", _TIMER, str(SEED), str(parses)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd="/", env=env)
            got[name].append(float(out.stdout))
    before, after = statistics.median(got["baseline"]), statistics.median(got["this"])
    return {
        "rounds": rounds,
        "parses_per_round": parses,
        "baseline_ms": round(before, 2),
        "this_ms": round(after, 2),
        "ratio": round(after / before, 3),
    }


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
    ap.add_argument("--baseline", metavar="PYTHON", help="another install's python: its warm parse, side by side")
    ap.add_argument("--ab-rounds", type=int, default=8, help="processes per side with --baseline")
    args = ap.parse_args()
    report: dict[str, object] = {"warm_ms": warm(args.rounds), "cold_ms": cold(args.cold_rounds)}
    if args.baseline:
        report["side_by_side"] = side_by_side(args.baseline, args.ab_rounds, 60)
    record("parse", report)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    w, c = report["warm_ms"], report["cold_ms"]
    assert isinstance(w, dict) and isinstance(c, dict)
    print(f"seed: {w['seed_kb']} KB (warm: CPU time)")
    for key in ("parse", "text_front", "normalize", "lex", "nesting", "lalr_and_nodes", "lark_parse", "driver_parse"):
        print(f"warm {key:<16} median {w[key]['median']:>7} ms   p95 {w[key]['p95']:>7} ms   min {w[key]['min']:>7} ms")
    for key in ("render_outline", "render_text"):
        print(f"warm {key:<16} median {w[key]['median']:>7} ms   p95 {w[key]['p95']:>7} ms   min {w[key]['min']:>7} ms")
    ab = report.get("side_by_side")
    if isinstance(ab, dict):
        print(f"warm parse, baseline {ab['baseline_ms']} ms -> this {ab['this_ms']} ms (x{ab['ratio']})")
    for key in ("python_startup", "import_and_parse", "cli_parse_outline"):
        print(f"cold {key:<18} median {c[key]['median']:>7} ms   p95 {c[key]['p95']:>7} ms")
    print("targets: warm parse <= 8 ms, cold import+parse <= 300 ms")


if __name__ == "__main__":
    main()
