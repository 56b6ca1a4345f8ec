"""Helpers for the rules tests: the decision table, the embedded versions' modules and interpreters."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from conftest import ROOT

from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module
from policyvc.rules.versions import RuleSource, load_versions

STORE = ROOT / "policy_versions"
DECISIONS = ROOT / "tests" / "decisions"
REFERENCE = "CP.PHAR.295"


def cases() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(name, request, expected) of every case of the decision table."""
    out = []
    for path in sorted(DECISIONS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.stem, data["request"], data["expected"]))
    return out


@functools.cache
def versions() -> tuple[RuleSource, ...]:
    return tuple(load_versions(STORE, REFERENCE))


@functools.cache
def modules() -> dict[dt.date, ModuleType]:
    return {v.date: load_module(render_module(v.policy, v.date, v.sha256), f"<{v.date}>") for v in versions()}


@functools.cache
def interpreters() -> dict[dt.date, Interpreter]:
    return {v.date: Interpreter(v.policy, v.date) for v in versions()}


def in_force(on: dt.date) -> dt.date:
    return [d for d in sorted(modules()) if d <= on][-1]


def request_day(request: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(request["date"])


def matches(decision: dict[str, Any], expected: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The expected fields the decision gets wrong: {field: (expected, got)} (durations compared by their keys)."""
    wrong = {}
    for key, want in expected.items():
        got = decision.get(key)
        if key == "duration" and isinstance(want, dict):
            got = {k: (got or {}).get(k) for k in want}
        if got != want:
            wrong[key] = (want, got)
    return wrong


def strip_trace(decision: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in decision.items() if k != "trace"}


def path_of(name: str) -> Path:
    return DECISIONS / f"{name}.json"


# --- decision tables of other policies of the family (tests/decisions/<name>/) -------------------------

FAMILY_TABLES = {
    # written for this table: two versions of a pegfilgrastim policy with per-cycle and per-course limits
    "pegfilgrastim": DECISIONS / "pegfilgrastim" / "versions",
    # the fixture policies' histories (tests/fixtures/histories): four versions each
    "filgrastim": ROOT / "tests" / "fixtures" / "histories" / "CP.PHAR.297",
    "somatrogon": ROOT / "tests" / "fixtures" / "histories" / "CP.PHAR.571",
}


def family_sources(name: str) -> dict[dt.date, Path]:
    """The versions of a family table's policy by date: ``<date>.txt`` or ``<date>/policy.txt`` files."""
    folder = FAMILY_TABLES[name]
    out = {}
    for path in sorted(folder.iterdir()):
        source = path / "policy.txt" if path.is_dir() else path
        if source.suffix == ".txt" and source.is_file():
            out[dt.date.fromisoformat(path.name.removesuffix(".txt"))] = source
    return out


@functools.cache
def family_engines(name: str) -> dict[dt.date, tuple[ModuleType, Interpreter]]:
    """Per version: the generated module and the interpreter."""
    from policyvc.parser import parse_file

    out = {}
    for day, path in family_sources(name).items():
        policy = parse_file(path)
        out[day] = (load_module(render_module(policy, day, "0" * 64), f"<{name} {day}>"), Interpreter(policy, day))
    return out


def family_cases(name: str) -> list[tuple[str, dict[str, Any], dict[str, Any], str | None]]:
    """(name, request, expected, as_of) of every case of a family table."""
    out = []
    for path in sorted((DECISIONS / name).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append((f"{name}/{path.stem}", data["request"], data["expected"], data.get("as_of")))
    return out


@functools.cache
def file_engines(path: Path, version: dt.date) -> tuple[ModuleType, Interpreter]:
    """The generated module and the interpreter of one policy file, as the version of ``version``."""
    from policyvc.parser import parse_file

    policy = parse_file(path)
    return load_module(render_module(policy, version, "0" * 64), path.stem), Interpreter(policy, version)


def decide_file(path: Path, version: dt.date, request: dict[str, Any]) -> dict[str, Any]:
    """The decision on ``request`` of one policy file; the generated module and the interpreter agree on it."""
    module, interpreter = file_engines(path, version)
    decision = dict(module.evaluate(request))
    assert interpreter.evaluate(request) == decision
    return decision
