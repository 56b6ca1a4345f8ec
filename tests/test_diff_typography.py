"""Typography is no change: a copy's curly quotes against another's straight ones, a dash against a hyphen, a
non-breaking space against a space (issue 17: a word processor's copy against a plain-text or web copy).

The seed writes ``member’s``, ``Hodgkin's`` and ``Medicaid/HIM – 6 months``; each copy below swaps the marks the
way another producer prints them.  A real change beside a swapped mark still shows, its redline only the change
and the new text as the new copy writes it.
"""

from __future__ import annotations

import pytest
from conftest import SEED

from policyvc.history.diff import diff, redline
from policyvc.history.tree import folded, same_wording
from policyvc.parser import parse_text


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("Paget's disease of bone", "Paget\u2019s disease of bone", True),
        ("the \u201cstep\u201d therapy", 'the "step" therapy', True),
        ("Medicaid/HIM \u2013 6 months", "Medicaid/HIM - 6 months", True),
        ("Medicaid/HIM \u2014 6 months", "Medicaid/HIM - 6 months", True),
        ("at least 30\u00a0days", "at least 30 days", True),
        ("at least 30\u202fdays", "at least 30 days", True),
        ("Paget's disease of bone", "Paget\u2019s disease of the hip", False),  # a real change beside the mark
        ("at least 30\u00a0days", "at least 28 days", False),
        ("10\u201325 mg", "10-20 mg", False),
    ],
)
def test_same_wording_folds_typography(old: str, new: str, same: bool) -> None:
    assert same_wording(old, new) is same
    assert same_wording(new, old) is same


def test_folded_keeps_the_words_apart() -> None:
    assert folded("the member\u2019s\u00a0record \u2013 kept") == "the member's record - kept"
    assert folded("plain  text") == "plain text"


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _plain(text: str) -> str:
    """The seed as a plain-text copy prints it: straight quotes, hyphens for dashes."""
    return text.replace("\u2019", "'").replace("\u2013", "-")


def test_a_plain_copy_of_a_typeset_policy_is_no_change() -> None:
    text = _seed()
    assert "\u2019" in text and "\u2013" in text
    plain = _plain(text)
    assert diff(parse_text(text), parse_text(plain)).edits == ()
    assert diff(parse_text(plain), parse_text(text)).edits == ()


def test_non_breaking_spaces_are_no_change() -> None:
    text = _seed()
    spaced = text.replace("6 months", "6\u00a0months")
    assert spaced != text
    assert diff(parse_text(text), parse_text(spaced)).edits == ()


def test_a_real_change_beside_a_quote_redlines_only_the_change() -> None:
    text = _seed()
    old_line = "4. Documentation of member\u2019s current weight (in kg);"
    assert old_line in text
    changed = _plain(text).replace(
        "4. Documentation of member's current weight (in kg);",
        "4. Documentation of member's current weight (in lb);",
        1,
    )
    (e,) = diff(parse_text(text), parse_text(changed)).edits
    assert e.kind == "update"
    assert [seg for seg in e.redline if seg[0] != "="] == [("-", "kg);"), ("+", "lb);")]
    assert "member's" in e.new_text  # (the new text as the new copy writes it)


def test_redline_shows_the_new_copys_marks() -> None:
    assert redline("the member\u2019s record", "the member's chart") == (
        ("=", "the member's"),
        ("-", "record"),
        ("+", "chart"),
    )
