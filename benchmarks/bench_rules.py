"""Speed of the executable rules.  ``make bench`` runs this; numbers are reported, never asserted.

Targets (issues 9, 18, 21): decisions per second on one core for the seed's module ≥ 100,000 without the trace and
≥ 20,000 with it, ≥ 5× the AST interpreter, the same for the module of each family decision table
(``family_<name>_*``), and ≥ 100,000 through the committed package's ``evaluate(reference, request)``;
``policyvc rules`` for the embedded store ≤ 1 s, ``--check`` ≤ 1 s.
Each decision includes reading and validating the JSON request (``evaluate(request)``); the "facts" rows time
the evaluation alone on an already validated request (``decide``), which is what the interpreter ratio measures
best.  Rates are per CPU second of this process (on an idle machine, per second).

``--before DIR`` (a checkout of main, say) measures DIR's committed ``rules/`` package and today's rendered
modules executed against DIR's runtime in the same runs, taken in turn: the ``before_*`` figures.  Run it with
``PYTHONDONTWRITEBYTECODE=1`` to leave DIR untouched.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "policy_versions"
DECISIONS = ROOT / "tests" / "decisions"


def _rates(fns: list[Callable[[], object]], seconds: float) -> list[float]:
    """Calls per CPU second of each of ``fns`` (best of three runs of about ``seconds`` / 3 each, the functions
    taken in turn in each run, so a "before" and an "after" share whatever else the machine is doing).

    CPU time of this process, not wall time: on a shared machine the wall clock counts the other processes' turns.
    """
    out = []
    sizes = []
    for fn in fns:
        fn()
        n, t = 1, 0.0
        while t < 0.05:
            n *= 2
            start = time.process_time()
            for _ in range(n):
                fn()
            t = time.process_time() - start
        sizes.append(max(1, int(n * seconds / 3 / t)))
        out.append(0.0)
    for _ in range(3):
        for i, fn in enumerate(fns):
            start = time.process_time()
            for _ in range(sizes[i]):
                fn()
            out[i] = max(out[i], sizes[i] / max(time.process_time() - start, 1e-9))
    return out


def _rate(fn: Callable[[], object], seconds: float) -> float:
    return _rates([fn], seconds)[0]


def _before(folder: Path) -> ModuleType:
    """The generated rules package ``folder/rules`` of another checkout (its own runtime), as ``rules_before``."""
    spec = importlib.util.spec_from_file_location(
        "rules_before", folder / "rules" / "__init__.py", submodule_search_locations=[str(folder / "rules")]
    )
    assert spec is not None and spec.loader is not None, folder
    package = importlib.util.module_from_spec(spec)
    sys.modules["rules_before"] = package
    spec.loader.exec_module(package)
    return package


def _load_with(runtime: ModuleType, source: str) -> ModuleType:
    """A generated module's ``source`` executed against ``runtime`` (its ``from .. import runtime``)."""
    root = f"_bench_{runtime.__name__.replace('.', '_')}"
    if root not in sys.modules:
        package = ModuleType(root)
        package.__path__ = []
        package.runtime = runtime  # type: ignore[attr-defined]
        sys.modules[root] = package
    name = f"{root}.p{len(sys.modules)}"
    sub = ModuleType(name)
    sub.__path__ = []
    sys.modules[name] = sub
    module = ModuleType(f"{name}.module")
    module.__package__ = name
    exec(compile(source, "<generated rules>", "exec"), module.__dict__)
    return module


def _mix(engine: Any, requests: list[dict[str, Any]], trace: bool) -> Callable[[], object]:
    def run() -> None:
        for r in requests:
            engine.evaluate(r, trace=trace)

    return run


def _wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def _family(render_module: Any, load_module: Any) -> list[tuple[str, dict[str, Any], Any, str]]:
    """Per family decision table (tests/decisions/<name>/): an approved case, the module deciding it, its source."""
    import datetime as dt

    from policyvc.parser import parse_file

    sys.path.insert(0, str(ROOT / "tests"))
    from rules_support import FAMILY_TABLES, family_cases, family_sources

    out = []
    for name in FAMILY_TABLES:
        sources = family_sources(name)
        texts = {day: render_module(parse_file(path), day, "0" * 64) for day, path in sources.items()}
        modules = {day: load_module(text) for day, text in texts.items()}
        for _, request, expected, as_of in family_cases(name):
            day = max(d for d in modules if d <= dt.date.fromisoformat(as_of or request["date"]))
            module = modules[day]
            # an approval on facts and judgment attestations only (an attested computed criterion takes the
            # traced path, which weighs the attestation against the facts)
            if expected["outcome"] == "approved" and module.SETTLED.isdisjoint(request.get("attestations", {})):
                out.append((name, request, module, texts[day]))
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
    ap.add_argument(
        "--before",
        type=Path,
        help="another checkout (a worktree of main): its committed rules/ and their runtime measured in the same"
        " runs as 'before' (the rendered modules executed against its runtime)",
    )
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    seed = load_versions(STORE, "CP.PHAR.295")[-1]
    source = render_module(seed.policy, seed.date, seed.sha256)
    module = load_module(source)
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
    before = _before(args.before) if args.before is not None else None
    brt: Any = before.runtime if before is not None else None
    bmodule = _load_with(brt, source) if brt is not None else None

    def pair(key: str, after: Callable[[], object], was: Callable[[], object] | None) -> None:
        """``key``'s figure, and with ``--before`` the before's in the same runs (taken in turn)."""
        if was is not None:
            try:
                was()
            except Exception as exc:  # the before's runtime lacks what today's generator writes
                print(f"{key}: no before ({type(exc).__name__}: {exc})", file=sys.stderr)
                was = None
        if was is None:
            r[key] = _rate(after, args.seconds)
            return
        r[f"before_{key}"], r[key] = _rates([was, after], args.seconds)

    pair(
        "request_I.A_no_trace",
        lambda: module.evaluate(single),
        (lambda: bmodule.evaluate(single)) if bmodule is not None else None,
    )
    pair(
        "request_I.A_trace",
        lambda: module.evaluate(single, trace=True),
        (lambda: bmodule.evaluate(single, trace=True)) if bmodule is not None else None,
    )
    # the committed package's evaluate(reference, request): the version in force picked by the request's date
    sys.path.insert(0, str(ROOT))
    import rules

    pair(
        "request_I.A_package",
        lambda: rules.evaluate("CP.PHAR.295", single),
        (lambda: before.evaluate("CP.PHAR.295", single)) if before is not None else None,
    )
    r["request_I.A_interpreter"] = _rate(lambda: interpreter.evaluate(single), args.seconds)
    bdecide: Callable[[], object] | None = None
    if bmodule is not None:
        bfacts = brt.Facts(single, bmodule.EXPAND)
        bsets = brt.pick_sets(bmodule.SETS, bfacts.criteria_set)
        bdecide = lambda: brt.decide(bfacts, bsets, bmodule.REFERRALS, bmodule.HEAD, False)  # noqa: E731
    pair("facts_I.A_no_trace", lambda: rt.decide(facts, sets, module.REFERRALS, module.HEAD, False), bdecide)
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

    for name, request, module_of, text in _family(render_module, load_module):
        was = _load_with(brt, text) if brt is not None else None
        for trace in (False, True):
            pair(
                f"family_{name}_{'trace' if trace else 'no_trace'}",
                lambda m=module_of, q=request, t=trace: m.evaluate(q, trace=t),
                (lambda m=was, q=request, t=trace: m.evaluate(q, trace=t)) if was is not None else None,
            )
    if before is not None:
        r["before"] = args.before.resolve().name  # the checkout measured as before (its folder name)

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
        elif key in ("cases_in_mix", "before"):
            print(f"{key:32} {value:>10}")
        else:
            print(f"{key:32} {value:10,.0f} /s")


if __name__ == "__main__":
    main()
