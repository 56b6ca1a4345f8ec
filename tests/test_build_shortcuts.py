"""The build's shortcuts give exactly what the plain computations give.

A rule module is rendered once with marks where its imports and constants go (not twice), its blank lines tidied
with str methods (not a regex that tried every line end); a policy's diff trees are built once and shared by every
pair it is in (:func:`policyvc.history.tree.shared_trees`); the site folds text onto one line without a regex
when it can.  Each is held equal here to what it replaces.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.history.audit import audit_pair
from policyvc.history.tree import build_tree, shared_trees
from policyvc.parser import parse_file
from policyvc.renderer import escape
from policyvc.rules import generate
from policyvc.rules.body import has_rules

HISTORY = Path(__file__).resolve().parent.parent / "policy_versions" / "CP.PHAR.295"


def _versions() -> list[tuple[dt.date, object]]:
    return [
        (dt.date.fromisoformat(d.name), parse_file(d / "policy.txt"))
        for d in sorted(HISTORY.iterdir())
        if (d / "policy.txt").is_file()
    ]


def _tidy_by_regex(text: str) -> str:
    text = re.sub(r"\n{3,}(?=[^\n])", "\n\n\n", text.replace(" \n", "\n"))
    return re.sub(r"\n+(?=def )", "\n\n\n", text).rstrip("\n") + "\n"


@settings(max_examples=examples(2000))
@given(st.lists(st.sampled_from(["\n", "\n\n", " \n", " ", "def ", "de", "f", "x", "\n\n\n\n"]), max_size=16))
def test_tidy_is_the_regex_form(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert generate._tidy(text) == _tidy_by_regex(text)


def _two_pass(policy: object, version: dt.date, sha256: str) -> str:
    """The module as it was rendered before: once to learn the imports and constants, then again with them."""
    marks = generate._render_raw

    def plain(template: str, literals: generate.Literals, **context: object) -> str:
        imports, constants = context.pop("imports"), context.pop("constants")
        if imports == generate._IMPORTS_MARK:  # the first pass: as the old code did it
            marks(template, literals, imports="", constants=[], **context)
            imports = generate._imports(literals.needs)
            constants = list(literals.constants.values())
        return marks(template, literals, imports=imports, constants=constants, **context)

    generate._render_raw = plain  # type: ignore[assignment]
    try:
        return generate.render_module(policy, version, sha256)  # type: ignore[arg-type]
    finally:
        generate._render_raw = marks  # type: ignore[assignment]


def test_a_module_renders_as_in_two_passes() -> None:
    rendered = 0
    for version, policy in _versions():
        if not has_rules(policy):  # type: ignore[arg-type]
            continue
        once = generate.render_module(policy, version, "0" * 64)  # type: ignore[arg-type]
        assert once == _two_pass(policy, version, "0" * 64)
        rendered += 1
    assert rendered >= 3


def test_shared_trees_change_no_audit() -> None:
    versions = _versions()
    pairs = list(itertools.combinations(versions, 2))
    alone = [audit_pair(a, p, b, q) for (a, p), (b, q) in pairs]
    with shared_trees():
        shared = [audit_pair(a, p, b, q) for (a, p), (b, q) in pairs]
        assert build_tree(versions[0][1]) is build_tree(versions[0][1])  # type: ignore[arg-type]
    assert shared == alone
    assert build_tree(versions[0][1]) is not build_tree(versions[0][1])  # type: ignore[arg-type]  # (dropped after)


def _one_line_by_regex(text: str) -> str:
    return re.sub(r"\s+", " ", escape._CONTROL.sub("", text)).strip()


def test_one_line_is_the_regex_form_for_every_character() -> None:
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        for text in (f"a{c}b", f" {c}x  y{c}{c}"):
            assert escape.one_line(text) == _one_line_by_regex(text), hex(cp)


@settings(max_examples=examples(1000))
@given(st.text())
def test_one_line_is_the_regex_form(text: str) -> None:
    assert escape.one_line(text) == _one_line_by_regex(text)
