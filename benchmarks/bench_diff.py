"""Speed of diff and audit.  ``make bench`` runs this; timings are reported, never asserted.

Targets (issue 4): a diff of two seed versions ≤ 30 ms; diff + audit of a
10-version history ≤ 0.5 s; a synthetic 1,000-node policy pair ≤ 0.5 s.
Issue 21: every criterion reworded, ≈ 3,260 nodes ≤ 150 ms, and 10× the nodes
≤ 12× the time (``reworded_*``: CPU milliseconds, which a busy machine disturbs least).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from results import record  # benchmarks/ is the folder of the script being run

if TYPE_CHECKING:
    from policyvc.parser.nodes import Criterion, Policy

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


_WORD = re.compile(r"[A-Za-z]{4,}")


def _own(text: str, copy: int) -> str:
    """``text`` with its words of four letters or more made this copy's own (numbers and short words kept)."""
    return _WORD.sub(lambda m: f"{m.group(0)}{chr(97 + copy % 26)}{copy // 26}", text) if copy else text


def _criteria(c: Criterion, edit: Callable[[str], str]) -> Criterion:
    return dataclasses.replace(c, text=edit(c.text), children=tuple(_criteria(x, edit) for x in c.children))


def large_policy(seed: Policy, copies: int) -> Policy:
    """The seed's criteria sections, each set repeated ``copies`` times.

    Each copy's words are its own (as the criteria of other indications in a long policy are), so the
    policy grows by distinct criteria; durations, numbers and short words stay shared across copies.
    """
    sections = []
    for sec in seed.sections:
        sets = [
            dataclasses.replace(
                s,
                title=_own(s.title, r),
                criteria=tuple(_criteria(c, lambda t, r=r: _own(t, r)) for c in s.criteria),
            )
            for r in range(copies)
            for s in sec.sets
        ]
        sections.append(dataclasses.replace(sec, sets=tuple(sets)))
    return dataclasses.replace(seed, sections=tuple(sections))


def reworded(policy: Policy) -> Policy:
    """``policy`` with every criterion reworded (a word appended)."""
    sections = tuple(
        dataclasses.replace(
            sec,
            sets=tuple(
                dataclasses.replace(s, criteria=tuple(_criteria(c, lambda t: t + " zebra") for c in s.criteria))
                for s in sec.sets
            ),
        )
        for sec in policy.sections
    )
    return dataclasses.replace(policy, sections=sections)


def _cpu_ms(fn: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        t = time.process_time()
        fn()
        samples.append(time.process_time() - t)
    return round(statistics.median(samples) * 1000, 1)


def scaling(seed: Policy, copies: int, rounds: int) -> dict[str, object]:
    """Diff a large policy against itself with every criterion reworded, at ``copies`` and 10× that."""
    from policyvc.history.diff import diff
    from policyvc.history.tree import build_tree

    out: dict[str, object] = {}
    for label, n in (("base", copies), ("tenfold", 10 * copies)):
        a = large_policy(seed, n)
        b = reworded(a)
        out[f"reworded_{label}_nodes"] = len(build_tree(a).ids)
        out[f"reworded_{label}_cpu_ms"] = _cpu_ms(lambda a=a, b=b: diff(a, b), rounds if label == "base" else 1)
    base, tenfold = out["reworded_base_cpu_ms"], out["reworded_tenfold_cpu_ms"]
    assert isinstance(base, float) and isinstance(tenfold, float)
    out["reworded_tenfold_ratio"] = round(tenfold / base, 1)
    return out


def main() -> None:
    from policyvc.history.audit import audit
    from policyvc.history.diff import diff
    from policyvc.history.tree import build_tree
    from policyvc.parser import parse_file
    from policyvc.parser.nodes import CriteriaSection

    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--copies", type=int, default=28, help="copies of the seed's sets in the reworded pair")
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

    # 4. every criterion reworded in a large policy, and ten times larger
    results.update(scaling(seed, args.copies, max(3, args.rounds // 4)))

    record("diff", results)
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
