"""Fuzz the request reader: arbitrary bytes end in a decision, a JSONInputError or a RequestError, nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the committed generated package `rules`

with atheris.instrument_imports(include=["policyvc", "rules"]):
    import rules.cp_phar_295 as leukine
    from policyvc.rules import runtime as rt
    from policyvc.rules.jsonload import JSONInputError, loads


def test_one_input(data: bytes) -> None:
    try:
        request = loads(data)
    except JSONInputError:
        return
    if isinstance(request, dict) and isinstance(request.get("request"), dict):
        request = request["request"]  # a decision-table case
    try:
        rt.Facts(request, {})
        decision = leukine.evaluate(request, trace=True)
    except leukine.rt.RequestError:
        return
    except rt.RequestError:
        return
    if decision["outcome"] not in rt.OUTCOMES:
        raise AssertionError(f"unknown outcome {decision['outcome']!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
