"""A word hyphenated at a line end in one copy and written whole in the other is no change (issue 17).

Examples invented on the seed's wording: the hyphen only ever joins two letters, so a real rewording that
happens to carry a hyphen still shows.
"""

from __future__ import annotations

import pytest
from conftest import SEED

from policyvc.history.diff import diff, redline
from policyvc.history.tree import same_wording
from policyvc.parser import parse_text


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("to modu-late the reflexes", "to modulate the reflexes", True),
        ("to modulate the reflexes", "to modu- late the reflexes", True),  # the text front kept a space
        ("an anti-inflam-matory drug", "an anti-inflammatory drug", True),
        ("a short-acting agent", "a long-acting agent", False),  # a compound that became another word
        ("a short-acting agent", "a short acting agent", False),  # a hyphen between two words, not inside one
        ("8-isoprostane", "8isoprostane", False),  # a digit is no letter
        ("Hepatitis- B", "HepatitisB", False),  # a spaced hyphen before a capital is a dash, not a wrap
        ("to modu-late the reflexes", "to modulate the nerves", False),
    ],
)
def test_same_wording_only_forgives_a_hyphen_inside_a_word(old: str, new: str, same: bool) -> None:
    assert same_wording(old, new) is same
    assert same_wording(new, old) is same


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_a_word_hyphenated_in_one_copy_only_is_no_change() -> None:
    text = _seed()
    hyphenated = text.replace("prescribed concurrently with", "prescribed concur-rently with", 1)
    assert hyphenated != text
    assert diff(parse_text(text), parse_text(hyphenated)).edits == ()
    assert diff(parse_text(hyphenated), parse_text(text)).edits == ()


def test_a_real_change_beside_a_hyphenation_redlines_only_the_change() -> None:
    text = _seed()
    old_line = "6. Dose does not exceed 250 mcg/m² IV daily."
    new_line = "6. Dose does not ex-ceed 500 mcg/m² IV daily."
    assert old_line in text
    (e,) = diff(parse_text(text), parse_text(text.replace(old_line, new_line, 1))).edits
    assert e.kind == "update"
    assert [seg for seg in e.redline if seg[0] != "="] == [("-", "250"), ("+", "500")]


def test_a_hyphenated_word_replaced_by_another_word_still_shows() -> None:
    text = _seed()
    old_line = "Prescribed by or in consultation with an oncologist;"
    assert old_line in text
    changed = text.replace(old_line, "Prescribed by or in consultation with an onco-hematologist;", 1)
    (e, *_) = diff(parse_text(text), parse_text(changed)).edits
    assert e.kind == "update"
    assert ("+", "onco-hematologist;") in e.redline


def test_redline_treats_a_split_word_as_the_same_word() -> None:
    assert redline("to modulate the reflexes", "to modu-late the nerves") == (
        ("=", "to modu-late the"),
        ("-", "reflexes"),
        ("+", "nerves"),
    )
