"""The LALR driver (``parser/lalr_driver.py``) parses as lark's own ``parse`` does: the same tree with the
same spans and source text, the same diagnostics, and the same error for a text that does not parse."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, SEED
from hypothesis import given, settings
from profiles import examples
from strategies import Generated, policies

import policyvc.parser as parser_module
from policyvc.parser import PolicyError, parse_text_report
from policyvc.serialize import to_json

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
# every text of the family in the repository (the other templates are read without the grammar)
FAMILY_TEXTS = sorted(
    p
    for p in [*FIXTURES.rglob("*.txt"), *(ROOT / "policy_versions").rglob("*.txt")]
    if "Clinical Policy:" in p.read_text(encoding="utf-8", errors="replace")
)


@contextmanager
def _lark_only() -> Iterator[None]:
    """Parse with lark's ``parse`` alone, as before the driver."""
    parser_module._driver()
    kept = parser_module._DRIVER
    parser_module._DRIVER = None
    try:
        yield
    finally:
        parser_module._DRIVER = kept


def _outcome(text: str, *, recover: bool = False) -> tuple[Any, ...]:
    try:
        report = parse_text_report(text, "policy.txt", recover=recover)
    except PolicyError as exc:
        return ("error", exc.message, exc.line, exc.column, exc.context)
    return ("parsed", to_json(report.policy), report.diagnostics)


def _same(text: str, *, recover: bool = False) -> None:
    fast = _outcome(text, recover=recover)
    with _lark_only():
        slow = _outcome(text, recover=recover)
    assert fast == slow


def test_the_driver_is_used_for_the_grammar() -> None:
    assert parser_module._driver() is not None


def test_a_well_formed_policy_never_goes_back_to_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = parser_module._driver()
    assert driver is not None

    def refuse(text: str) -> None:
        raise AssertionError("lark's parse ran: the driver gave up on a well-formed policy")

    monkeypatch.setattr(driver, "_fallback", refuse)
    parse_text_report("\n".join(SEED_LINES), "seed.txt")


@pytest.mark.parametrize("path", FAMILY_TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_family_text_parses_alike(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("k", range(1, len(SEED_LINES), 9))
def test_the_seed_without_a_line_parses_or_fails_alike(k: int) -> None:
    _same("\n".join(SEED_LINES[:k] + SEED_LINES[k + 1 :]))


@pytest.mark.parametrize("k", range(3, len(SEED_LINES), 37))
def test_a_truncated_seed_fails_alike_and_recovers_alike(k: int) -> None:
    text = "\n".join(SEED_LINES[:k])
    _same(text)
    _same(text, recover=True)


@pytest.mark.parametrize(
    "edit",
    [
        ("1. ", "3. "),  # a marker out of sequence: the nesting pass's error
        ("Effective Date: ", "Effective Date: soon "),  # a transformer's error
        ("A. ", "C. "),  # a transformer's error on a whole section
        ("Description\n", "Description\nI. Initial Approval Criteria\n"),  # a token the table has no action for
        ("IV. Appendices", "IV. Appendix"),
        ("Reviews, Revisions, and Approvals", "Reviews and Approvals"),
        ("Approval duration:", "Approval  period:"),  # (still a policy)
    ],
)
def test_an_edited_seed_fails_alike(edit: tuple[str, str]) -> None:
    old, new = edit
    text = "\n".join(SEED_LINES).replace(old, new, 1)
    _same(text)
    _same(text, recover=True)


@given(policies())
@settings(max_examples=examples(30), deadline=None)
def test_generated_policies_parse_alike(generated: Generated) -> None:
    _same(generated.text)
