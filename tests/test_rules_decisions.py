"""The decision table (tests/decisions) against the committed generated modules and the JSON Schema."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import jsonschema
import pytest
from conftest import ROOT
from rules_support import REFERENCE, cases, matches, modules, request_day, versions

from policyvc.rules.request import schema

CASES = cases()


@pytest.fixture(scope="module")
def committed() -> Any:
    """``rules.cp_phar_295`` imported from the repository's committed ``rules/`` folder."""
    sys.path.insert(0, str(ROOT))
    try:
        return importlib.import_module("rules.cp_phar_295")
    finally:
        sys.path.remove(str(ROOT))


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("name", "request_", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case_by_committed_module(
    committed: Any, name: str, request_: dict[str, Any], expected: dict[str, Any]
) -> None:
    decision = committed.evaluate(request_)
    assert matches(decision, expected) == {}, name
    traced = committed.evaluate(request_, trace=True)
    assert {k: v for k, v in traced.items() if k != "trace"} == decision


@pytest.mark.parametrize(("name", "request_", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case_by_module_rendered_now(name: str, request_: dict[str, Any], expected: dict[str, Any]) -> None:
    day = max(d for d in modules() if d <= request_day(request_))
    assert matches(modules()[day].evaluate(request_), expected) == {}, name


def test_table_covers_the_policy() -> None:
    outcomes: dict[str, set[str]] = {}
    for _, _, expected in CASES:
        outcomes.setdefault(expected["outcome"], set()).add(expected.get("set") or "")
    latest = {"I.A", "I.B", "I.C", "I.D", "I.E", "I.F", "II.A"}
    assert latest <= outcomes["approved"]
    assert {"I.G", "II.B"} <= outcomes["referred"]
    assert outcomes["needs-review"] and outcomes["denied"]
    days = {max(d for d in modules() if d <= request_day(r)) for _, r, _ in CASES}
    assert len(days) == len(versions())  # every embedded version decides some case


def test_requests_validate_against_the_schema() -> None:
    document = schema(REFERENCE, [v.policy for v in versions()])
    jsonschema.Draft202012Validator.check_schema(document)
    validator = jsonschema.Draft202012Validator(document)
    for name, request_, _ in CASES:
        errors = [e.message for e in validator.iter_errors(request_)]
        assert errors == [], name
    assert list(validator.iter_errors({"date": "2026-04-01", "colour": "red"}))
    assert list(validator.iter_errors({"date": "2026-04-01", "attestations": {"I.Z.9": True}}))
    assert "I.A.2" in document["properties"]["attestations"]["properties"]
    assert document["properties"]["dose"]["properties"]["unit"]["enum"][:4] == ["mcg/m2", "mcg/kg", "mcg", "mg"]
    assert "I.A.1" in document["properties"]["attestations"]["properties"]  # a computed criterion too


def test_top_level_package_routes_by_reference(committed: Any) -> None:
    package = sys.modules["rules"]
    name, request_, expected = CASES[0]
    assert matches(package.evaluate(REFERENCE, request_), expected) == {}, name
    with pytest.raises(ValueError, match="no rules for policy"):
        package.evaluate("CP.NONE.1", request_)
