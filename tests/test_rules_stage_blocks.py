"""A guideline written as blocks, one per diagnosis and therapy stage, each under its own ``Approval Criteria``
heading (tests/decisions/readings/stage-blocks.txt, in the form of a PBM's web guideline): decided from the
text, through the generated module and the interpreter (:func:`rules_support.decide_file`).

- Two headings alike are two sections: the blocks keep apart (``…Approval-Criteria``, ``…Approval-Criteria~2``,
  ``…~3``), no two criteria share an id, and the rules render and decide (before, evaluate exited 2).
- ``3.1 Metoclopramide`` under ``3 - … to one of the following:`` is an item of that step, not a heading: the step
  and the dose below it (``4 -``) stay in their block.
- ``400 mg two times daily`` is ``twice daily``: a request of 400 mg twice daily is within it, three times daily is
  over it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

from policyvc.parser import parse_file
from policyvc.parser.nodes import CriteriaSet, iter_criteria

BLOCKS = DECISIONS / "readings" / "stage-blocks.txt"
VERSION = dt.date(2026, 1, 15)
A = "Criteria.Approval-Criteria"


def _sets() -> list[CriteriaSet]:
    out: list[CriteriaSet] = []
    stack: list[Any] = list(parse_file(BLOCKS).body)
    while stack:
        node = stack.pop(0)
        for block in getattr(node, "blocks", ()):
            if isinstance(block, CriteriaSet):
                out.append(block)
            else:
                stack.append(block)
    return out


def test_blocks_apart_with_unique_ids() -> None:
    sets = _sets()
    assert [s.id for s in sets] == [f"{A}.c1", f"{A}~2.c1", f"{A}~3.c1"]
    ids = [c.id for s in sets for c in iter_criteria(s.criteria)]
    assert len(ids) == len(set(ids))
    third = {c.id: c for c in iter_criteria(sets[2].criteria)}
    assert [c.text.removesuffix(" OR") for c in third[f"{A}~3.c1.3"].children] == [
        "Metoclopramide",
        "Erythromycin",
        "Octreotide (Sandostatin)",
    ]
    assert "400 mg three times daily" in third[f"{A}~3.c1.4"].text


def _request(diagnosis: str, age: int, frequency: str, kind: str = "initial") -> dict[str, Any]:
    return {
        "date": "2026-11-01",
        "request": kind,
        "drug": "Colarex",
        "member": {"age": age},
        "diagnoses": [diagnosis],
        "dose": {"amount": 400, "unit": "mg", "route": "PO", "frequency": frequency},
        "attestations": {},
    }


@pytest.mark.parametrize(
    ("diagnosis", "age", "frequency", "failed"),
    [
        ("chronic pouchitis", 40, "twice daily", None),  # 400 mg two times daily: within
        ("chronic pouchitis", 40, "BID", None),
        ("chronic pouchitis", 40, "three times daily", f"{A}.c1.3"),  # over two times daily
        ("chronic pouchitis", 17, "twice daily", f"{A}.c1.2"),  # 18 years of age or older
        ("small bowel dysmotility", 40, "twice daily", f"{A}.c1.diagnosis"),  # not this block's diagnosis
    ],
)
def test_first_block(diagnosis: str, age: int, frequency: str, failed: str | None) -> None:
    decision = decide_file(BLOCKS, VERSION, _request(diagnosis, age, frequency))
    assert decision["outcome"] != "approved"  # (the exclusions beside the blocks: ``.limits`` is not attested)
    assert (decision.get("failed") or {}).get(f"{A}.c1") == failed


def test_third_block_dose() -> None:
    decision = decide_file(BLOCKS, VERSION, _request("small bowel dysmotility", 40, "four times daily"))
    assert decision["outcome"] != "approved"
    assert decision["failed"][f"{A}~3.c1"] == f"{A}~3.c1.4"  # over 400 mg three times daily
