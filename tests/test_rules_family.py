"""Decision tables of three more policies of the family, written from their text (tests/decisions/<name>/).

Each case is a request and the decision the policy text calls for; the generated module of the version in force
(on the request date, or the case's ``as_of``) must decide it so, and the AST interpreter must agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import FAMILY_TABLES, family_cases, family_engines, matches, request_day, strip_trace

CASES = [case for name in FAMILY_TABLES for case in family_cases(name)]


@pytest.mark.parametrize("name", sorted(FAMILY_TABLES))
def test_each_table_is_large_enough(name: str) -> None:
    assert len(family_cases(name)) >= 30


@pytest.mark.parametrize(("name", "request_", "expected", "as_of"), CASES, ids=[c[0] for c in CASES])
def test_family_case(name: str, request_: dict[str, Any], expected: dict[str, Any], as_of: str | None) -> None:
    engines = family_engines(name.split("/")[0])
    on = dt.date.fromisoformat(as_of) if as_of else request_day(request_)
    module, interpreter = engines[max(d for d in engines if d <= on)]
    decision = module.evaluate(request_)
    assert matches(decision, expected) == {}, name
    assert interpreter.evaluate(request_) == decision, name
    traced = module.evaluate(request_, trace=True)
    assert strip_trace(traced) == decision, name
    assert interpreter.evaluate(request_, trace=True) == traced, name
