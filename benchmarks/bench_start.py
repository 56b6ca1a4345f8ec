"""Start-up: whole-process times of the commands people type, beside a bare Python start.

Targets (issue 21): ``policyvc parse SEED --format json`` ≤ 100 ms more than a bare
Python start, ``policyvc --help`` ≤ 60 ms more (medians, whole process).  The
commands are run round-robin (one of each per round), so a burst of load on the
shared machine falls on all of them alike; the figure that matters is the
difference from ``python -c pass`` in the same rounds.  CPU time (user + system
of the process) is printed beside the wall time: on a busy machine it is the
steadier figure.  ``--baseline VENV`` runs another install's commands (an older
checkout's virtual environment) in the same rounds, for a side-by-side before/after
(``--baseline-label`` says what it is in the table).  Every run is with byte-code caches, as an
installed package has them: ``PYTHONDONTWRITEBYTECODE`` (set in some CI shells, where every start
compiles every module from source) is dropped for the timed runs and ``.pyc`` files are written to a
private ``PYTHONPYCACHEPREFIX``, warmed by one untimed run of each command.  Timings are reported,
never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"


def commands(bin_dir: Path) -> dict[str, list[str]]:
    py, cli = str(bin_dir / "python"), str(bin_dir / "policyvc")
    return {
        "python": [py, "-c", "pass"],
        "import_cli": [py, "-c", "import policyvc.cli"],
        "help": [cli, "--help"],
        "parse_outline": [cli, "parse", str(SEED)],
        "parse_json": [cli, "parse", str(SEED), "--format", "json"],
    }


def environment(folder: Path) -> dict[str, str]:
    """This environment, with byte-code written and read as an installed package has it, and its own caches.

    With ``PYTHONDONTWRITEBYTECODE`` set (as in some CI shells) every start compiles every module
    from source; an install has its ``.pyc`` files, so they are kept here under ``folder``.  lark's
    tables and the pickled parser go to a cache of this install's own (``XDG_CACHE_HOME``), made by its
    first run from the grammar: a parser saved after loading tables another install cached is a
    larger pickle that loads in 40% more time, so a shared cache would measure which install ran first.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    return env


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd="/", env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _summary(samples: dict[str, list[float]]) -> tuple[dict[str, float], dict[str, float]]:
    median = {name: round(statistics.median(s) * 1000, 1) for name, s in samples.items()}
    over = {name: round(m - median["python"], 1) for name, m in median.items() if name != "python"}
    return median, over


def measure(rounds: int, installs: dict[str, Path]) -> dict[str, object]:
    """Every command of every install, round-robin, ``rounds`` times."""
    cmds = {(label, name): cmd for label, bin_dir in installs.items() for name, cmd in commands(bin_dir).items()}
    wall: dict[tuple[str, str], list[float]] = {key: [] for key in cmds}
    cpu: dict[tuple[str, str], list[float]] = {key: [] for key in cmds}
    with tempfile.TemporaryDirectory(prefix="policyvc-bench-") as tmp:
        envs = {label: environment(Path(tmp) / label) for label in installs}
        for (label, _), cmd in cmds.items():  # warm the OS cache, the byte-code and lark's caches
            _run(cmd, envs[label])
        for _ in range(rounds):
            for key, cmd in cmds.items():
                w, c = _run(cmd, envs[key[0]])
                wall[key].append(w)
                cpu[key].append(c)
    report: dict[str, object] = {"rounds": rounds, "load_average": round(os.getloadavg()[0], 2)}
    for label in installs:
        median, over = _summary({name: s for (lab, name), s in wall.items() if lab == label})
        median_cpu, over_cpu = _summary({name: s for (lab, name), s in cpu.items() if lab == label})
        report[label] = {
            "median_ms": median,
            "over_python_ms": over,
            "median_cpu_ms": median_cpu,
            "cpu_over_python_ms": over_cpu,
        }
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=21, help="new processes per command")
    ap.add_argument("--baseline", type=Path, help="another virtual environment to run side by side")
    ap.add_argument("--baseline-label", default="", help="what the baseline is, for the table (e.g. `main`)")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args()
    installs = {"this": Path(sys.executable).parent}
    if args.baseline is not None:
        installs["baseline"] = args.baseline / "bin"
    report = measure(args.rounds, installs)
    if args.baseline_label:
        report["baseline_label"] = args.baseline_label
    record("start", report)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"start-up, whole process, median of {args.rounds} rounds; load average {report['load_average']}")
    for label in installs:
        part = report[label]
        assert isinstance(part, dict)
        print(f"  {label:<14} {'wall ms':>8} {'over python':>12} {'CPU ms':>8} {'over python':>12}")
        for name, ms in part["median_ms"].items():
            over, cpu, cpu_over = part["over_python_ms"], part["median_cpu_ms"], part["cpu_over_python_ms"]
            print(f"  {name:<14} {ms:>8} {over.get(name, ''):>12} {cpu[name]:>8} {cpu_over.get(name, ''):>12}")
    print("targets: parse_json <= python + 100 ms, help <= python + 60 ms")


if __name__ == "__main__":
    main()
