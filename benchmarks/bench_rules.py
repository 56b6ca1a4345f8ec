"""Speed of the executable rules.  ``make bench`` runs this; numbers are reported, never asserted.

Targets (issues 9, 18): decisions per second on one core for the seed's module ≥ 100,000 without the trace and
≥ 20,000 with it, ≥ 5× the AST interpreter, and the same for the module of each family decision table
(``family_<name>_*``); ``policyvc rules`` for the embedded store ≤ 1 s, ``--check`` ≤ 1 s.
Each decision includes reading and validating the JSON request (``evaluate(request)``); the "facts" rows time
the evaluation alone on an already validated request (``decide``), which is what the interpreter ratio measures
best.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "policy_versions"
DECISIONS = ROOT / "tests" / "decisions"


def _rate(fn: Callable[[], object], seconds: float) -> float:
    """Calls per second of ``fn`` (best of three runs of about ``seconds`` / 3 each)."""
    fn()
    n, t = 1, 0.0
    while t < 0.05:
        n *= 2
        start = time.perf_counter()
        for _ in range(n):
            fn()
        t = time.perf_counter() - start
    rounds = max(1, int(n * seconds / 3 / t))
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(rounds):
            fn()
        best = max(best, rounds / (time.perf_counter() - start))
    return best


def _mix(engine: Any, requests: list[dict[str, Any]], trace: bool) -> Callable[[], object]:
    def run() -> None:
        for r in requests:
            engine.evaluate(r, trace=trace)

    return run


def _wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def _family(render_module: Any, load_module: Any) -> list[tuple[str, dict[str, Any], Any]]:
    """Per family decision table (tests/decisions/<name>/): an approved case and the module deciding it."""
    import datetime as dt

    from policyvc.parser import parse_file

    sys.path.insert(0, str(ROOT / "tests"))
    from rules_support import FAMILY_TABLES, family_cases, family_sources

    out = []
    for name in FAMILY_TABLES:
        sources = family_sources(name)
        modules = {day: load_module(render_module(parse_file(path), day, "0" * 64)) for day, path in sources.items()}
        for _, request, expected, as_of in family_cases(name):
            module = modules[max(d for d in modules if d <= dt.date.fromisoformat(as_of or request["date"]))]
            # an approval on facts and judgment attestations only (an attested computed criterion takes the
            # traced path, which weighs the attestation against the facts)
            if expected["outcome"] == "approved" and module.SETTLED.isdisjoint(request.get("attestations", {})):
                out.append((name, request, module))
                break
    return out


def main() -> None:
    from policyvc.rules import runtime as rt
    from policyvc.rules.check import check_rules
    from policyvc.rules.generate import render_module, write_rules
    from policyvc.rules.interpret import Interpreter
    from policyvc.rules.load import load_module
    from policyvc.rules.versions import load_versions

    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.5, help="time per measurement")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    seed = load_versions(STORE, "CP.PHAR.295")[-1]
    module = load_module(render_module(seed.policy, seed.date, seed.sha256))
    interpreter = Interpreter(seed.policy, seed.date)
    cases = [json.loads(p.read_text(encoding="utf-8"))["request"] for p in sorted(DECISIONS.glob("*.json"))]
    mix = []
    for request in cases:
        try:
            module.evaluate(request)
        except rt.RequestError:
            continue  # a case written for an older version's attestation ids
        mix.append(request)
    single = next(r for r in cases if r.get("criteria_set") == "I.A")
    facts = rt.Facts(single, module.EXPAND)
    sets = rt.pick_sets(module.SETS, facts.criteria_set)
    isets = rt.pick_sets(interpreter.sets, facts.criteria_set)

    r: dict[str, Any] = {}
    r["request_I.A_no_trace"] = _rate(lambda: module.evaluate(single), args.seconds)
    r["request_I.A_trace"] = _rate(lambda: module.evaluate(single, trace=True), args.seconds)
    # the committed package's evaluate(reference, request): the version in force picked by the request's date
    sys.path.insert(0, str(ROOT))
    import rules

    r["request_I.A_package"] = _rate(lambda: rules.evaluate("CP.PHAR.295", single), args.seconds)
    r["request_I.A_interpreter"] = _rate(lambda: interpreter.evaluate(single), args.seconds)
    r["facts_I.A_no_trace"] = _rate(lambda: rt.decide(facts, sets, module.REFERRALS, module.HEAD, False), args.seconds)
    r["facts_I.A_interpreter"] = _rate(
        lambda: rt.decide(facts, isets, interpreter.referrals, interpreter.head, False), args.seconds
    )
    n = len(mix)
    r["cases_in_mix"] = n
    r["mix_no_trace"] = _rate(_mix(module, mix, False), args.seconds) * n
    r["mix_trace"] = _rate(_mix(module, mix, True), args.seconds) * n
    r["mix_interpreter"] = _rate(_mix(interpreter, mix, False), args.seconds) * n
    r["mix_interpreter_trace"] = _rate(_mix(interpreter, mix, True), args.seconds) * n
    r["ratio_request_I.A"] = r["request_I.A_no_trace"] / r["request_I.A_interpreter"]
    r["ratio_facts_I.A"] = r["facts_I.A_no_trace"] / r["facts_I.A_interpreter"]
    r["ratio_mix"] = r["mix_no_trace"] / r["mix_interpreter"]
    r["ratio_mix_trace"] = r["mix_trace"] / r["mix_interpreter_trace"]

    for name, request, module_of in _family(render_module, load_module):
        r[f"family_{name}_no_trace"] = _rate(lambda m=module_of, q=request: m.evaluate(q), args.seconds)
        r[f"family_{name}_trace"] = _rate(lambda m=module_of, q=request: m.evaluate(q, trace=True), args.seconds)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rules"
        start = time.perf_counter()
        write_rules(STORE, out)
        r["rules_in_process_s"] = time.perf_counter() - start
        start = time.perf_counter()
        drifts = check_rules(STORE, out)
        r["check_in_process_s"] = time.perf_counter() - start
        assert not drifts
        exe = str(Path(sys.executable).parent / "policyvc")
        if shutil.which(exe):
            r["policyvc_rules_cli_s"] = min(_wall([exe, "rules", "--out", str(out)]) for _ in range(3))
            r["policyvc_rules_check_cli_s"] = min(_wall([exe, "rules", "--out", str(out), "--check"]) for _ in range(3))
    record("rules", r)
    if args.json:
        print(json.dumps(r, indent=2))
        return
    for key, value in r.items():
        if key.endswith("_s"):
            print(f"{key:32} {value:10.3f} s")
        elif key.startswith("ratio"):
            print(f"{key:32} {value:10.1f} ×")
        elif key == "cases_in_mix":
            print(f"{key:32} {value:10d}")
        else:
            print(f"{key:32} {value:10,.0f} /s")


if __name__ == "__main__":
    main()
