"""Policy text is data: hostile text renders to a module with the same code as benign text, and comes back intact."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import io
import tokenize
from pathlib import Path

import pytest
from conftest import SEED

from policyvc.parser import parse_file
from policyvc.parser.nodes import CriteriaSection, CriteriaSet, Criterion, Policy
from policyvc.rules.generate import GenerateError, Names, identifier, render_module
from policyvc.rules.load import load_module

DAY = dt.date(2026, 3, 26)
TEXT_LINE = "2. Prescribed for use following induction therapy for AML;"
TITLE_LINE = "A. Acute Myelogenous Leukemia (must meet all):"


def _hostile(tmp: Path) -> str:
    return (
        "Prescribed '''\"\"\" {{ 7*7 }} {% if true %}x{% endif %} \\n \\\\ \\x00 "
        f"__import__('os').system('touch {tmp}/pwned') # )]}}; ${{x}} <script>"
    )


def _shape(source: str) -> str:
    """The module's AST with every constant blanked: the code, not the data."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            node.value = None
    return ast.dump(tree, include_attributes=False)


def _render_text(tmp: Path, name: str, text: str, title: str) -> tuple[Policy, str]:
    source = SEED.read_text(encoding="utf-8")
    assert TEXT_LINE in source and TITLE_LINE in source
    source = source.replace(TEXT_LINE, f"2. {text};").replace(TITLE_LINE, f"A. {title} (must meet all):")
    path = tmp / f"{name}.txt"
    path.write_text(source, encoding="utf-8")
    policy = parse_file(path)
    return policy, render_module(policy, DAY, "0" * 64)


def _criterion(policy: Policy, cid: str) -> Criterion:
    for section in policy.sections:
        for s in section.sets:
            stack = list(s.criteria)
            while stack:
                c = stack.pop()
                if c.id == cid:
                    return c
                stack.extend(c.children)
    raise KeyError(cid)


def test_hostile_policy_text_renders_the_same_code(tmp_path: Path) -> None:
    hostile = _hostile(tmp_path)
    benign_policy, benign = _render_text(
        tmp_path, "benign", "Prescribed for use following a benign therapy", "Benign Leukemia Title"
    )
    hostile_policy, evil = _render_text(tmp_path, "hostile", hostile, "Title \"\"\" ''' {{ title }} {% raw %}")
    assert _criterion(hostile_policy, "I.A.2").type == _criterion(benign_policy, "I.A.2").type
    assert _shape(evil) == _shape(benign)
    module = load_module(evil)
    assert not (tmp_path / "pwned").exists()
    parsed = _criterion(hostile_policy, "I.A.2").text
    for piece in ("'''", '"""', "{{ 7*7 }}", "{% if true %}", "\\x00", "__import__('os')", "\\\\"):
        assert piece in parsed
    assert module.TEXTS["I.A.2"][0] == parsed
    assert module.SETS[0][1] == hostile_policy.sections[0].sets[0].title
    row = next(r for r in module.evaluate({"date": "2026-04-01"}, trace=True)["trace"] if r["id"] == "I.A.2")
    assert row["text"] == parsed


def _retext(policy: Policy, cid: str, text: str, title: str) -> Policy:
    def fix(c: Criterion) -> Criterion:
        kids = tuple(fix(k) for k in c.children)
        return dataclasses.replace(c, text=text if c.id == cid else c.text, children=kids)

    def fix_set(s: CriteriaSet) -> CriteriaSet:
        return dataclasses.replace(
            s, criteria=tuple(fix(c) for c in s.criteria), title=title if s.id == "I.A" else s.title
        )

    sections = tuple(dataclasses.replace(sec, sets=tuple(fix_set(s) for s in sec.sets)) for sec in policy.sections)
    states = []
    for a in policy.appendices:
        if a.states:
            first = dataclasses.replace(a.states[0], notes=text)
            a = dataclasses.replace(a, states=(first, *a.states[1:]))
        if a.abbreviations:
            a = dataclasses.replace(a, abbreviations=((a.abbreviations[0][0], text), *a.abbreviations[1:]))
        states.append(a)
    return dataclasses.replace(
        policy, sections=tuple(CriteriaSection(s.id, s.title, s.sets) for s in sections), appendices=tuple(states)
    )


def test_control_characters_come_back_byte_for_byte(tmp_path: Path) -> None:
    """Characters a text file cannot carry on one line (newline, NUL, U+2028) injected into the AST itself."""
    seed = parse_file(SEED)
    hostile = _hostile(tmp_path) + "\n\r\x00\u2028\u2029\x1b[31m\ufeff'\"" + "x" * 300
    benign = "a benign criterion " + "y" * 300
    evil_source = render_module(_retext(seed, "I.A.2", hostile, hostile), DAY, "0" * 64)
    good_source = render_module(_retext(seed, "I.A.2", benign, benign), DAY, "0" * 64)
    assert _shape(evil_source) == _shape(good_source)
    module = load_module(evil_source)
    assert not (tmp_path / "pwned").exists()
    assert module.TEXTS["I.A.2"][0] == hostile
    assert module.SETS[0][1] == hostile
    assert module.STATES["FL"][1] == hostile
    assert module.ABBREVIATIONS["ALL"] == hostile
    assert hostile.encode("utf-8") == module.TEXTS["I.A.2"][0].encode("utf-8")


def test_policy_text_never_reaches_a_comment_or_docstring() -> None:
    source = render_module(parse_file(SEED), DAY, "0" * 64)
    comments = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    assert comments[0] == f"# Code generated by policyvc from CP.PHAR.295@2026-03-26 (sha256:{'0' * 64}). DO NOT EDIT."
    assert comments[1:] == ["# ruff: noqa: E501"]
    tree = ast.parse(source)
    docstrings = [ast.get_docstring(n) for n in ast.walk(tree) if isinstance(n, ast.Module | ast.FunctionDef)]
    assert all("Leukine" not in (d or "") and "AML" not in (d or "") for d in docstrings)


@pytest.mark.parametrize("name", ["class", "match", "_", "case", "print", "__init__", "ﬁnd", "é", "1x", "a-b", ""])
def test_unsafe_identifiers_are_refused(name: str) -> None:
    with pytest.raises(GenerateError):
        identifier(name)


def test_identifier_collisions_are_refused() -> None:
    names = Names()
    names.make("_c_", "I.A-1")
    with pytest.raises(GenerateError, match="same name"):
        names.make("_c_", "I.A.h1")


def test_rendering_is_deterministic() -> None:
    policy = parse_file(SEED)
    assert render_module(policy, DAY, "0" * 64) == render_module(parse_file(SEED), DAY, "0" * 64)
