"""Precision and recall of the audit's flags on the labelled corpus (tests/fixtures/histories), and its speed.

A flag is an undocumented change or an unbacked claim; the labels say which
changes nothing explains and which clauses nothing backs (planted faults:
undocumented change, unbacked claim, wrong state, wrong number, claim in the
wrong section).  Also checks that the embedded history raises no flag.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from results import record  # benchmarks/ is the folder of the script being run

from policyvc.history.audit import audit
from policyvc.history.corpus import score_corpus
from policyvc.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "histories"


def main() -> int:
    start = time.perf_counter()
    score = score_corpus(CORPUS)
    took = time.perf_counter() - start
    faults = ", ".join(f"{n} {kind}" for kind, n in sorted(score.faults.items()))
    print(f"audit corpus: {score.policies} policies, {score.steps} steps; planted faults: {faults}")
    for name, s in (("undocumented", score.undocumented), ("unbacked", score.unbacked)):
        print(f"  {name:<13} precision {s.precision:6.1%}  recall {s.recall:6.1%}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
        for m in s.mistakes:
            print(f"    {m}")
    print(f"  ties to the labelled clause: {score.ties}; wrong ties: {len(score.wrong_ties)}")
    for m in score.wrong_ties:
        print(f"    {m}")
    report = audit(Store(ROOT / "policy_versions").history("CP.PHAR.295").dated())
    false = sum(len(p.undocumented) + len(p.unbacked) for p in report.pairs)
    print(f"  embedded history CP.PHAR.295: {false} false flag(s)")
    print(f"  time: {took * 1000:.0f} ms for the corpus (parse + diff + audit)")
    record(
        "audit",
        {
            "corpus_ms": round(took * 1000),
            "precision": {
                n: s.precision for n, s in (("undocumented", score.undocumented), ("unbacked", score.unbacked))
            },
            "recall": {n: s.recall for n, s in (("undocumented", score.undocumented), ("unbacked", score.unbacked))},
            "wrong_ties": len(score.wrong_ties),
            "embedded_false_flags": false,
        },
    )
    perfect = all(s.precision == s.recall == 1.0 for s in (score.undocumented, score.unbacked))
    return 0 if perfect and not score.wrong_ties and not false else 1


if __name__ == "__main__":
    sys.exit(main())
