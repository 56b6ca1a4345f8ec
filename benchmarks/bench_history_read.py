"""Reading a PDF history through the one store: ``policyvc audit`` / ``diff`` / ``blame`` on 10 PDF versions.

The store holds ten versions of one policy typeset as PDFs (``tests/policypdf.py``),
built once so that every version's ``policy.json`` and ``meta.json`` are current;
then each command runs as a new process, as a user runs it.  Before the one store,
every ``diff`` / ``audit`` / ``blame`` extracted every PDF again (about 0.5 s each).
Also the cold start of ``policyvc parse`` on the seed.  ``--python-path DIR`` runs
another installed copy of policyvc (``pip install --no-deps --target DIR <checkout>``)
with this interpreter, to compare with an earlier commit.  Timings are reported,
never asserted.  ``make bench`` runs this.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from policypdf import policy_pdf  # noqa: E402 - the generator lives with the tests
from versions import BASE_REFERENCE, day, version_text  # noqa: E402

SEED = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"


def _cli(python_path: str | None) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ}
    if python_path:
        env["PYTHONPATH"] = python_path
    return [sys.executable, "-c", "from policyvc.cli import main; main()"], env


def _time(cmd: list[str], env: dict[str, str], rounds: int) -> float:
    subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT.parent)  # warm the OS file cache
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT.parent)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--versions", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--python-path", default=None, help="run policyvc from this folder instead of the install")
    args = ap.parse_args()
    cli, env = _cli(args.python_path)
    with tempfile.TemporaryDirectory(prefix="policyvc-bench-") as tmp:
        store = Path(tmp) / "store"
        for n in range(1, args.versions + 1):
            folder = store / BASE_REFERENCE / day(n).isoformat()
            folder.mkdir(parents=True)
            policy_pdf(version_text(day(n), f"Review {n}: references reviewed and updated."), folder / "policy.pdf")
        env["POLICYVC_CACHE_DIR"] = str(Path(tmp) / "cache")
        subprocess.run([*cli, "build", "--store", str(store), "--no-cache"], capture_output=True, env=env, check=False)
        out: dict[str, object] = {"versions": args.versions}
        for name in ("audit", "diff", "blame"):
            cmd = [*cli, name, BASE_REFERENCE, "--store", str(store)]
            out[f"{name}_s"] = round(_time(cmd, env, args.rounds), 3)
        out["parse_seed_cold_ms"] = round(1000 * _time([*cli, "parse", str(SEED)], env, args.rounds * 4), 1)
    record("history_read", out)
    print(json.dumps({"history_read": out}, indent=2))


if __name__ == "__main__":
    main()
