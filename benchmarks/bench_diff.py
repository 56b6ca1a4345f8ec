"""Speed of diff and audit.  ``make bench`` runs this; timings are reported, never asserted.

Targets (issue 4): a diff of two seed versions ≤ 30 ms; diff + audit of a
10-version history ≤ 0.5 s; a synthetic 1,000-node policy pair ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"


def _ms(fn: Callable[[], object], rounds: int) -> dict[str, float]:
    fn()  # warm
    samples = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    samples.sort()
    return {
        "min": round(samples[0] * 1000, 2),
        "median": round(statistics.median(samples) * 1000, 2),
        "max": round(samples[-1] * 1000, 2),
    }


def main() -> None:
    from policyvc.history.audit import audit
    from policyvc.history.diff import diff
    from policyvc.history.tree import build_tree
    from policyvc.parser import parse_file
    from policyvc.parser.nodes import CriteriaSection, Policy

    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    dates = sorted(p.name for p in HISTORY.iterdir() if p.is_dir())
    versions = [(p, parse_file(HISTORY / p / "policy.txt")) for p in dates]
    results: dict[str, object] = {}

    # 1. two seed versions: the 3Q 2024 step (the largest of the embedded history) and the seed's last step
    a, b = versions[1][1], versions[2][1]
    results["diff_2023-10-16_2024-06-05"] = _ms(lambda: diff(a, b), args.rounds)
    results["diff_2025-04-14_2026-03-26"] = _ms(lambda: diff(versions[3][1], versions[4][1]), args.rounds)
    results["seed_nodes"] = len(build_tree(versions[-1][1]).ids)

    # 2. a 10-version history: the five embedded versions and five more synthesised from them
    #    (each later version gets one more copy of a set, so every step has real changes to explain)
    import datetime as dt

    hist: list[tuple[dt.date, Policy]] = [(dt.date.fromisoformat(d), p) for d, p in versions]
    last = versions[-1][1]
    for k in range(5):
        sec = last.sections[0]
        extra = dataclasses.replace(sec.sets[k], letter=chr(ord("H") + k), id=f"I.{chr(ord('H') + k)}")
        last = dataclasses.replace(
            last, sections=(dataclasses.replace(sec, sets=(*sec.sets, extra)), *last.sections[1:])
        )
        hist.append((dt.date(2027 + k, 1, 1), last))
    results["history_versions"] = len(hist)
    from policyvc.store import Store

    store = ROOT / "policy_versions"
    # the same from disk: parse the five embedded versions, then diff + audit them
    results["parse_and_audit_embedded_5"] = _ms(
        lambda: audit(Store(store).history("CP.PHAR.295").dated()), max(3, args.rounds // 4)
    )
    results["diff_and_audit_10_versions"] = _ms(lambda: audit(hist), max(3, args.rounds // 4))

    # 3. a synthetic ~1,000-node pair: the seed's section I repeated, then edited in several places
    seed = versions[-1][1]
    sets = []
    for r in range(9):
        for s in seed.sections[0].sets:
            letter = chr(ord("A") + len(sets) % 26)
            sets.append(dataclasses.replace(s, letter=letter, title=f"{s.title} {r}"))
    big_sec = CriteriaSection("I", seed.sections[0].title, tuple(sets))
    big_a = dataclasses.replace(seed, sections=(big_sec, *seed.sections[1:]))
    edited = list(sets)
    for n in range(0, len(edited), 5):  # reword one criterion in every fifth set, drop every seventh set
        s = edited[n]
        c0 = dataclasses.replace(s.criteria[0], text=s.criteria[0].text + " (reviewed)")
        edited[n] = dataclasses.replace(s, criteria=(c0, *s.criteria[1:]))
    edited = [s for n, s in enumerate(edited) if n % 7 != 3]
    big_b = dataclasses.replace(seed, sections=(CriteriaSection("I", big_sec.title, tuple(edited)), *seed.sections[1:]))
    results["synthetic_nodes"] = [len(build_tree(big_a).ids), len(build_tree(big_b).ids)]
    results["diff_synthetic_pair"] = _ms(lambda: diff(big_a, big_b), max(3, args.rounds // 4))
    results["synthetic_edits"] = len(diff(big_a, big_b).edits)

    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return
    print("diff and audit (ms: min / median / max)")
    for key, value in results.items():
        if isinstance(value, dict):
            print(f"  {key:<32} {value['min']:>8} {value['median']:>8} {value['max']:>8}")
        else:
            print(f"  {key:<32} {value}")


if __name__ == "__main__":
    main()
