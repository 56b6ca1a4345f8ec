"""Speed of reading a document by its outline and a template (``generic``, ``centene-medical``).

A 200 KB and a 2 MB policy are made of the payer fixtures' bodies (an Aetna bulletin runs to 2 MB),
each copy under headings of its own; the outline + template read of each is timed warm.  Target
(issue 17): linear — 10× the text in at most 12× the time (CPU time: on a busy machine a 2 MB read is
preempted far more than a 200 KB one, and the wall-clock ratio says more about the load than the code).
Reported, never asserted.

    .venv/bin/python benchmarks/bench_outline.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAYERS = sorted((ROOT / "tests" / "fixtures" / "payers").glob("*.txt"))
MEDICAL = sorted((ROOT / "tests" / "fixtures" / "medical").glob("*.txt"))


def document(size: int, sources: list[Path]) -> str:
    """A policy of about ``size`` bytes: the first source's head, then the bodies of all of them again
    and again, each copy's headings numbered so that no two sections are the same."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    head, _, _ = texts[0].partition("\n\n")
    out = [head, ""]
    n = 0
    while sum(len(x) + 1 for x in out) < size:
        n += 1
        for text in texts:
            body = text.partition("\n\n")[2]
            out.append(f"Part {n} {sources[texts.index(text)].stem.replace('-', ' ').title()}")
            out.append(body)
    return "\n".join(out)


def _time(fn: object, rounds: int) -> dict[str, float]:
    samples, cpu = [], []
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    samples.sort()
    return {
        "min": round(samples[0] * 1000, 1),
        "median": round(statistics.median(samples) * 1000, 1),
        "cpu_min": round(min(cpu) * 1000, 1),  # what a busy machine disturbs least: the ratio is taken on it
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from policyvc.parser import parse_text_report

    report: dict[str, dict[str, object]] = {}
    for name, sources in (("generic", PAYERS), ("centene-medical", MEDICAL)):
        rows: dict[str, object] = {}
        for label, size in (("200KB", 200_000), ("2MB", 2_000_000)):
            text = document(size, sources)
            report_ = parse_text_report(text, f"{label}.txt")  # (warm: the tables and imports once)
            assert report_.policy.template == name, report_.policy.template
            rows[label] = {"bytes": len(text.encode()), **_time(lambda t=text: parse_text_report(t), args.rounds)}
        small, big = rows["200KB"], rows["2MB"]
        assert isinstance(small, dict) and isinstance(big, dict)
        size_ratio = big["bytes"] / small["bytes"]
        time_ratio = big["cpu_min"] / small["cpu_min"]
        rows["ratio"] = {
            "size": round(size_ratio, 2),
            "time": round(time_ratio, 2),
            "linear": time_ratio <= size_ratio * 1.2,
        }
        report[name] = rows
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, rows in report.items():
        for label in ("200KB", "2MB"):
            r = rows[label]
            assert isinstance(r, dict)
            print(
                f"{name:<16} {label:<6} {r['bytes']:>9} bytes   min {r['min']:>8} ms   median {r['median']:>8} ms"
                f"   CPU min {r['cpu_min']:>8} ms"
            )
        ratio = rows["ratio"]
        assert isinstance(ratio, dict)
        print(f"{name:<16} 10x text: {ratio['size']}x bytes in {ratio['time']}x CPU time (linear: {ratio['linear']})")
    print("target: 10x the text in at most 12x the time")


if __name__ == "__main__":
    main()
