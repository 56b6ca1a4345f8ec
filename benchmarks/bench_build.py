"""Speed of ``policyvc build`` on a store of PDF versions: cold vs no-op rebuild (cached), --jobs 1 vs 2.

With ``--policies N``: incremental builds instead, on N synthetic text policies × 5 versions (the site
benchmark's generator) with the rule modules and the site — cold, nothing changed, one version edited.
``--exe`` runs another install's ``policyvc`` (a baseline) on the same store, side by side.

The store holds N PDFs typeset with reportlab (``tests/policypdf.py``) from the
project's four text policies, each copy with a different trailing comment so
that every file has its own content hash.  Copies are filed under made-up dates, so build
reports findings (exit 1); that is expected here and does not change timing.
Timings are reported, never asserted.  ``make bench`` runs this.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from policypdf import policy_pdf  # noqa: E402 - the generator lives with the tests

TEXTS = [
    ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt",
    *sorted((ROOT / "tests" / "fixtures" / "policies").glob("*.txt")),
]


def make_store(root: Path, n: int) -> tuple[int, int]:
    """N PDF versions under ``root``; returns (files, pages)."""
    from policyvc.parser import parse_text
    from policyvc.parser.pdf import extract

    texts = [t.read_text(encoding="utf-8") for t in TEXTS]
    pages = 0
    for i in range(n):
        text = texts[i % len(texts)]
        ref = parse_text(text).reference_number
        folder = root / ref / f"2020-01-{i // len(texts) + 1:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        pdf = policy_pdf(text, folder / "policy.pdf", variant=i + 1)
        if i < len(texts):
            pages += extract(pdf).pages * ((n - i - 1) // len(texts) + 1)
    return n, pages


def run(store: Path, *args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all processes) of one ``policyvc build``."""
    exe = Path(sys.executable).parent / "policyvc"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    result = subprocess.run([str(exe), "build", "--store", str(store), *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):  # 1: the made-up dates are findings
        raise SystemExit(f"build failed: {result.stderr}")
    return elapsed, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def sandbox_overhead(store: Path, rounds: int) -> dict[str, float]:
    """Median ms per PDF: pdfplumber in-process vs the same through the sandboxed worker (fork, limits, JSON).

    On the policies, and on a one-line PDF where the sandbox's fixed cost is all there is to see.
    """
    from reportlab.pdfgen import canvas

    from policyvc.parser.pdf import extract
    from policyvc.parser.pdf_guard import extract_pdf

    tiny = store.parent / "tiny.pdf"
    c = canvas.Canvas(str(tiny))
    c.drawString(72, 720, "Clinical Policy: X")
    c.save()
    pdfs = sorted(store.glob("*/*/policy.pdf"))[: len(TEXTS)]
    out: dict[str, float] = {}
    for label, files, reps in (("policy", pdfs, rounds), ("tiny", [tiny], rounds * 10)):
        for name, fn in (("in_process", extract), ("sandboxed", extract_pdf)):
            samples = []
            for _ in range(reps):
                t = time.perf_counter()
                for pdf in files:
                    fn(pdf)
                samples.append((time.perf_counter() - t) / len(files))
            out[f"{label}_{name}_ms"] = round(statistics.median(samples) * 1000, 1)
    return out


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and of every process it started (Linux ``/proc``) until it ends:
    the peak of their sum (the whole tree at once), of the process itself, and of its MkDocs child.

    ``tree`` sums each process's resident set (RSS), which counts a page shared by two processes twice — a worker
    forked from MkDocs' process shares all of MkDocs' memory, and shows it all as its own.  ``tree_pss`` sums each
    process's proportional set size (``/proc/PID/smaps_rollup``: a page shared by k processes counts 1/k in each),
    so a shared page counts once: the memory the tree holds."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.tree = self.own = self.mkdocs = self.tree_pss = 0  # peaks, bytes
        self.at_pss_peak: dict[str, int] = {}  # each process's PSS (bytes) by role, at the tree's PSS peak
        self.site_pss = 0  # the tree's PSS peak while MkDocs runs (bytes)
        self.at_site_peak: dict[str, int] = {}  # and by role then
        self.done = threading.Event()

    @staticmethod
    def _children(pid: int) -> list[int]:
        out = []
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                    out.extend(int(c) for c in f.read().split())
        except OSError:
            pass
        return out

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                return int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            return 0

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            pass
        return 0

    @staticmethod
    def _is_mkdocs(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return b"mkdocs" in f.read()
        except OSError:
            return False

    def run(self) -> None:
        while not self.done.wait(self.interval):
            todo, total, pss = [(self.pid, "build")], 0, 0
            roles: dict[str, int] = {}
            while todo:
                pid, role = todo.pop()
                rss, own_pss = self._rss(pid), self._pss(pid)
                total += rss
                pss += own_pss
                if pid == self.pid:
                    self.own = max(self.own, rss)
                elif self._is_mkdocs(pid):
                    self.mkdocs = max(self.mkdocs, rss)
                    role = "mkdocs" if role == "build worker" else role
                roles[role] = roles.get(role, 0) + own_pss
                # a child of the build is its worker; a child of MkDocs' process, MkDocs' worker
                child = {"build": "build worker", "mkdocs": "mkdocs worker"}.get(role, role)
                todo.extend((c, child) for c in self._children(pid))
            self.tree = max(self.tree, total)
            if pss > self.tree_pss:
                self.tree_pss, self.at_pss_peak = pss, roles
            if "mkdocs" in roles and pss > self.site_pss:
                self.site_pss, self.at_site_peak = pss, roles


PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024


def installed_env(folder: Path) -> dict[str, str]:
    """This environment, with byte-code written and read as an installed package has it.

    With ``PYTHONDONTWRITEBYTECODE`` set (as in some CI shells) every process of a build compiles every module
    of the package from source: about 1.3 s of a 200-policy build with nothing changed.  An install has its
    ``.pyc`` files, so the timed builds run without that variable and keep theirs under ``folder`` (one per
    install, made by an untimed warm-up build), not in the checkout."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder)
    return env


def warm_up(exe: Path, work: Path, env: dict[str, str]) -> None:
    """One untimed build of a one-policy store with ``exe``: every module a build and its MkDocs run import is
    byte-compiled into ``env``'s cache before the first timed step."""
    from bench_site import make_store

    store = make_store(work / "warm", 1)
    cmd = [str(exe), "build", "--store", str(store), "--out", str(work / "warm-out"), "--jobs", "1"]
    subprocess.run([*cmd, "--cache-dir", str(work / "warm-cache")], capture_output=True, env=env, check=False)
    shutil.rmtree(work / "warm", ignore_errors=True)
    shutil.rmtree(work / "warm-out", ignore_errors=True)
    shutil.rmtree(work / "warm-cache", ignore_errors=True)


def _timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, TreeMemory]:
    """Wall-clock seconds, CPU seconds (the command and every process it started) and the peak resident memory
    in MiB of its largest process (as ``/usr/bin/time`` reports it) of one command, and the tree's memory
    sampled (:class:`TreeMemory`); exit 0 or 1 expected.  ``env``: the command's environment (default: this
    one)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)  # this command's own usage, not every child's of this script
    elapsed = time.perf_counter() - t
    sampler.done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[1]} failed: {stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, sampler


def incremental(n: int, exes: list[Path], jobs: int, html: bool, only: tuple[str, ...] = ()) -> dict[str, object]:
    """Cold, nothing-changed and one-version-edited ``build`` (rules + site) of N synthetic policies × 5, per exe.

    With ``html`` the site's MkDocs build is part of every step, and one more version is then edited and built
    with ``--no-html``; without, every step is ``--no-html``.  Each step's wall and CPU seconds (the command and
    every process it started), the peak resident memory of its largest process, and, sampled: the peak of the
    whole process tree's (``tree``: every process's resident set at once; ``tree_pss``: each shared page once), of
    the build's own process (``main``) and of MkDocs.
    ``only``: these steps and not the others (a big store's every MkDocs build takes long).  Each install's builds
    run with byte-code caches, as an installed package has them (:func:`installed_env`, :func:`warm_up`).
    """
    from bench_site import make_store

    report: dict[str, object] = {"policies": n, "versions": n * 5, "jobs": jobs, "html": html}
    for label, exe in zip(("", "baseline_"), exes, strict=False):
        work = Path(tempfile.mkdtemp(prefix="policyvc-bench-incr-"))
        try:
            env = installed_env(work / "pycache")
            warm_up(exe, work, env)
            store = make_store(work, n)
            for derived in [*store.glob("*/*/policy.json"), *store.glob("*/*/meta.json")]:
                derived.unlink()  # cold: nothing derived yet
            cmd = [str(exe), "build", "--store", str(store), "--out", str(work / "out"), "--jobs", str(jobs)]
            cmd += ["--cache-dir", str(work / "cache")]
            steps = ["cold", "nothing_changed", "one_edited"] + (["one_edited_no_html"] if html else [])
            for i, step in enumerate(steps):
                if only and step not in only:
                    continue
                if step.startswith("one_edited"):  # the newest version, then the one before it
                    victim = sorted((store / "CP.PHAR.1000").iterdir())[-1 - (i - 2)] / "policy.txt"
                    text = victim.read_text(encoding="utf-8")
                    edited = text.replace("IV daily.", "IV once daily.", 1)
                    assert edited != text, victim
                    victim.write_text(edited, encoding="utf-8")
                no_html = [] if html and step != "one_edited_no_html" else ["--no-html"]
                wall, cpu, rss, tree = _timed(cmd + no_html, env)
                report[f"{label}{step}_s"], report[f"{label}{step}_cpu_s"] = round(wall, 2), round(cpu, 2)
                report[f"{label}{step}_peak_mib"] = round(rss)
                report[f"{label}{step}_tree_peak_mib"] = round(tree.tree / MIB)
                report[f"{label}{step}_tree_pss_peak_mib"] = round(tree.tree_pss / MIB)
                report[f"{label}{step}_main_peak_mib"] = round(tree.own / MIB)
                if tree.mkdocs:
                    report[f"{label}{step}_mkdocs_peak_mib"] = round(tree.mkdocs / MIB)
                at_peak = {role: round(b / MIB, 1) for role, b in sorted(tree.at_pss_peak.items())}
                report[f"{label}{step}_tree_pss_peak_by_process"] = at_peak
                at_site = {role: round(b / MIB, 1) for role, b in sorted(tree.at_site_peak.items())}
                if tree.site_pss:
                    report[f"{label}{step}_mkdocs_tree_pss_peak_mib"] = round(tree.site_pss / MIB)
                    report[f"{label}{step}_mkdocs_tree_pss_peak_by_process"] = at_site
                figures = f"{wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MiB (tree {tree.tree / MIB:.0f} MiB, tree PSS"
                figures += f" {tree.tree_pss / MIB:.0f}, main"
                figures += f" {tree.own / MIB:.0f}, MkDocs {tree.mkdocs / MIB:.0f}; PSS at its peak: {at_peak}"
                figures += f"; while MkDocs runs: {tree.site_pss / MIB:.0f} MiB, {at_site})"
                print(f"{label}{step}: {figures} (load {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--policies", type=int, default=0, help="incremental builds of N synthetic policies × 5")
    ap.add_argument("--exe", type=Path, default=None, help="with --policies: a baseline policyvc to run beside")
    ap.add_argument("--jobs", type=int, default=2, help="with --policies: build --jobs")
    ap.add_argument("--no-html", action="store_true", help="with --policies: every build with --no-html")
    ap.add_argument("--steps", default="", help="with --policies: only these steps, comma-separated (cold, …)")
    ap.add_argument(
        "--baseline-json",
        type=Path,
        default=None,
        help="with --policies: record beside these figures of an earlier run (this script's --json output, run by "
        "another install's Python), as the baseline — when running both side by side would take too long",
    )
    ap.add_argument("-n", type=int, default=16, help="PDF versions in the store")
    ap.add_argument("--rounds", type=int, default=3, help="repetitions of each measurement (median reported)")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args()
    if args.policies:
        exes = [Path(sys.executable).parent / "policyvc", *([args.exe] if args.exe else [])]
        only = tuple(s for s in args.steps.split(",") if s)
        figures = incremental(args.policies, exes, args.jobs, not args.no_html, only)
        if args.baseline_json:
            earlier = json.loads(args.baseline_json.read_text(encoding="utf-8"))
            figures.update({f"baseline_{k}": v for k, v in earlier.items() if k.endswith(("_s", "_peak_mib"))})
            figures["baseline_run"] = "earlier, same machine and day"
        record(f"build_scale_{args.policies}{'_no_html' if args.no_html else ''}", figures)
        print(json.dumps(figures, indent=2))
        return
    work = Path(tempfile.mkdtemp(prefix="policyvc-bench-"))
    try:
        store = work / "store"
        files, pages = make_store(store, args.n)
        report: dict[str, object] = {"pdfs": files, "pages": pages, "cores": os.cpu_count()}
        report.update(sandbox_overhead(store, args.rounds))
        for jobs in (1, 2):
            cold, warm = [], []
            for r in range(args.rounds):
                cache = work / f"cache-{jobs}-{r}"
                for kept in store.glob("*/.history.json"):
                    kept.unlink()  # cold: what the last round's build kept of each policy is not there either
                cold.append(run(store, "--jobs", str(jobs), "--cache-dir", str(cache)))
                warm.append(run(store, "--jobs", str(jobs), "--cache-dir", str(cache)))
            for name, samples in (("cold", cold), ("noop_rebuild", warm)):
                report[f"{name}_jobs{jobs}_s"] = round(statistics.median(s[0] for s in samples), 2)
                report[f"{name}_jobs{jobs}_cpu_s"] = round(statistics.median(s[1] for s in samples), 2)
        report["cold_ms_per_pdf_jobs1"] = round(1000 * float(report["cold_jobs1_s"]) / files, 1)  # type: ignore[arg-type]
        report["speedup_jobs2"] = round(float(report["cold_jobs1_s"]) / float(report["cold_jobs2_s"]), 2)  # type: ignore[arg-type]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    record("build", report)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    r = report
    print(f"store: {files} PDF versions, {pages} pages, {r['cores']} cores")
    for jobs in (1, 2):
        cold, cold_cpu = r[f"cold_jobs{jobs}_s"], r[f"cold_jobs{jobs}_cpu_s"]
        noop, noop_cpu = r[f"noop_rebuild_jobs{jobs}_s"], r[f"noop_rebuild_jobs{jobs}_cpu_s"]
        print(f"build --jobs {jobs}: cold {cold} s wall ({cold_cpu} s CPU), no-op rebuild {noop} s ({noop_cpu} s CPU)")
    print(f"cold per PDF (--jobs 1): {r['cold_ms_per_pdf_jobs1']} ms; --jobs 2 wall speed-up x{r['speedup_jobs2']}")
    print(f"one policy PDF: in-process {r['policy_in_process_ms']} ms, sandboxed {r['policy_sandboxed_ms']} ms")
    print(f"one-line PDF (fixed cost): in-process {r['tiny_in_process_ms']} ms, sandboxed {r['tiny_sandboxed_ms']} ms")
    print("(wall times depend on other load on the machine, CPU seconds much less)")


if __name__ == "__main__":
    main()
