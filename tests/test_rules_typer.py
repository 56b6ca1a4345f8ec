"""The typer is fail-safe by construction: a criterion is computed only when its check holds every constraint.

The walk reads every policy in the repository (the store's versions, the fixtures, the family tables' versions)
and checks each computed leaf against its own text, independently of the typer: every number the text states is
an argument of the check, every route it names is a route the check allows, and a limit per cycle or per course
is counted per cycle or per course.  A criterion with text no check accounts for must be a judgment.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from rules_support import FAMILY_TABLES, family_sources

from policyvc.parser import parse_file
from policyvc.parser.nodes import Criterion, Policy, iter_criteria
from policyvc.rules.coverage import coverage
from policyvc.rules.model import Lowering
from policyvc.rules.typer import Check, read_dose
from policyvc.rules.versions import load_versions


def _sources() -> list[Path]:
    files = [*sorted((FIXTURES / "policies").glob("*.txt")), *sorted((FIXTURES / "input").glob("*.txt"))]
    files += sorted((FIXTURES / "printed").glob("*.txt"))
    files += sorted(p for p in (FIXTURES / "histories").glob("*/*/policy.txt"))
    for name in FAMILY_TABLES:
        files += family_sources(name).values()
    return sorted(set(files))


def _policies() -> list[tuple[str, Policy]]:
    out = [(f"{v.reference}@{v.date}", v.policy) for v in load_versions(ROOT / "policy_versions")]
    out += [(p.relative_to(ROOT).as_posix(), parse_file(p)) for p in _sources()]
    return out


POLICIES = _policies()


def _args(check: Check) -> list[object]:
    out: list[object] = list(check.args)
    for part in check.parts:
        out += _args(part)
    flat: list[object] = []
    while out:
        item = out.pop()
        if isinstance(item, tuple | frozenset):
            out.extend(item)
        else:
            flat.append(item)
    return flat


def _numbers(text: str) -> list[Decimal]:
    text = re.sub(r"\(see Appendix [A-Z]\)", "", text)
    return [Decimal(n.replace(",", "")) for n in re.findall(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?", text)]


def _accounted(n: Decimal, args: list[object]) -> bool:
    for a in args:
        if isinstance(a, bool):
            continue
        if isinstance(a, Decimal | int) and Decimal(a) in (n, n * 1000, n * 1_000_000):
            return True
        if isinstance(a, str) and re.search(rf"(?<![\d.]){re.escape(str(n))}(?![\d.])", a):
            return True
    return False


def _leaves(policy: Policy) -> list[Criterion]:
    return [c for sec in policy.sections for s in sec.sets for c in iter_criteria(s.criteria) if not c.children]


@pytest.mark.parametrize(("name", "policy"), POLICIES, ids=[n for n, _ in POLICIES])
def test_every_computed_criterion_checks_every_constraint_it_states(name: str, policy: Policy) -> None:
    low = Lowering(policy)
    problems = []
    for c in _leaves(policy):
        typed = low.typed(c)
        check = typed.check
        if not typed.computed or check.fn in ("attest", "referral"):
            if check.fn != "referral":
                assert typed.leftover, (name, c.id, "a judgment names the words it could not read")
            continue
        args = _args(check)
        text = c.text
        for n in _numbers(text):
            if not _accounted(n, args):
                problems.append(f"{c.id}: {n} not checked in {text!r}")
        routes = {r.upper() for r in re.findall(r"\b(IV|SC|IM|PO)\b", text)}
        if routes and not routes <= {a for a in args if isinstance(a, str)}:
            problems.append(f"{c.id}: routes {sorted(routes)} not all checked in {text!r}")
        per_cycle = re.search(r"\bper (?:chemotherapy |treatment )?cycle\b", text)
        if per_cycle and "cycle" not in args and check.fn not in ("quantity", "uses", "concurrent"):
            problems.append(f"{c.id}: per cycle not counted in {text!r}")
        if re.search(r"\b(?:\d+|one|two|three|four|five|six) doses?\b", text) and check.fn not in (
            "uses",
            "concurrent",
        ):
            counted = any(a in ("cycle", "course") for a in args) or check.fn == "measure"
            if not counted:
                problems.append(f"{c.id}: a count of doses not checked in {text!r}")
    assert problems == []


@pytest.mark.parametrize(
    ("text", "computed"),
    [
        ("6 mg per chemotherapy cycle", True),
        ("2 doses of 6 mg SC, one week apart", True),
        ("10 mcg/kg or 400 mcg/m2 SC or IV per day", True),
        ("250 mcg/m² SC daily for 5 doses prior to day 1 of Danyelza administration", False),
        ("30 mg per attack and 3 doses in 24 hours", False),
        ("600 mg SC once, followed by 300 mg SC every 2 weeks", False),
    ],
)
def test_dose_words_are_read_or_left_over(text: str, computed: bool) -> None:
    words = read_dose(text)
    assert words is not None
    assert (words.leftover == "") is computed, words


def test_the_walk_covers_the_repository() -> None:
    names = [n for n, _ in POLICIES]
    assert sum(1 for n in names if n.startswith("CP.PHAR.295@")) == 5
    assert any("pegfilgrastim" in n for n in names) and any("printed" in n for n in names)
    shares = {n: coverage(p, dt.date(2026, 1, 1)).share for n, p in POLICIES}
    assert all(0 < s <= 1 for s in shares.values())
