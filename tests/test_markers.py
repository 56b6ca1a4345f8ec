"""The one module for list markers: strict roman numerals and one classification for every caller."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser import markers
from policyvc.parser.markers import LABEL, MAX_ROMAN_ITEM, format_marker, read_marker, readings, roman_value, to_roman
from policyvc.parser.nodes import MarkerKind

_LABEL_LINE = re.compile(rf"^{LABEL}$")


def test_roman_round_trip_1_to_3999() -> None:
    for n in range(1, 4000):
        r = to_roman(n)
        assert roman_value(r) == n
        assert roman_value(r.upper()) == n


@pytest.mark.parametrize("bad", ["iiii", "vx", "il", "iix", "vv", "xxxx", "ic", "mmmm", "", "Ii", "iV", "lol"])
def test_not_roman(bad: str) -> None:
    assert roman_value(bad) is None
    assert not any(k is MarkerKind.ROMAN for k, _ in readings(bad))


def test_letters_and_romans_both_read() -> None:
    assert readings("i") == ((MarkerKind.LETTER, 9), (MarkerKind.ROMAN, 1))
    assert readings("I") == ((MarkerKind.LETTER, 9), (MarkerKind.ROMAN, 1))
    assert readings("iv") == ((MarkerKind.ROMAN, 4),)
    assert readings("12") == ((MarkerKind.NUMBER, 12),)
    assert readings("xl") == ()  # past the longest list: a word
    assert readings("mix") == ()
    assert readings("vial") == ()


@given(st.text(alphabet="ivxlcdmIVXLCDM0123456789ab", min_size=1, max_size=7))
@settings(max_examples=examples(300))
def test_one_classification_for_every_caller(label: str) -> None:
    """A label the regex fragment (text styles, PDF geometry) accepts is exactly one that :func:`readings`
    (outline, nesting, ladders) classifies, and a marker line reads back with those readings."""
    ok = bool(readings(label)) and (len(label) <= 3 or not label.isdigit())
    assert bool(_LABEL_LINE.match(label)) == ok
    found = read_marker(f"{label}. text")
    if ok:
        assert found is not None and found[0].readings == readings(label)
    else:
        assert found is None or found[0].readings == readings(label) == ()


@given(st.integers(min_value=1, max_value=MAX_ROMAN_ITEM), st.sampled_from([".", ")", "()"]))
@settings(max_examples=examples(100))
def test_formatted_markers_read_back(n: int, style: str) -> None:
    for kind in (MarkerKind.NUMBER, MarkerKind.ROMAN) + ((MarkerKind.LETTER,) if n <= 26 else ()):
        text = format_marker(kind, n, style)
        found = read_marker(f"{text} item")
        assert found is not None and (kind, n) in found[0].readings
        assert markers.split_marker(text)[1] == style


@pytest.mark.parametrize(
    ("first", "then", "follows"),
    [
        ("iii. a", "iv. b", True),
        ("iii. a", "iiii. b", False),  # once read as 4 by the PDF layout's own roman reader
        ("ix. a", "vx. b", False),  # once 10
        ("h. a", "i. b", True),
        ("i. a", "ii. b", True),
        ("I. a", "II. b", True),
        ("a. a", "B. b", False),  # case is part of the level
        ("1) a", "2. b", False),  # and so is punctuation
    ],
)
def test_the_pdf_layout_reads_the_next_marker_through_the_module(first: str, then: str, follows: bool) -> None:
    from policyvc.parser.pdf_geometry import _next_marker

    assert _next_marker(first, then) is follows


@given(st.text(alphabet="ivxlIVXL0123456789abAB", min_size=1, max_size=6), st.sampled_from([".", ")"]))
@settings(max_examples=examples(300))
def test_every_pass_takes_the_same_labels_for_markers(label: str, punct: str) -> None:
    """The outline (read_marker), the text styles (a marker alone on its line) and the PDF layout (an
    item's first word) accept a label exactly when the module classifies it."""
    from policyvc.parser.pdf_geometry import _MARKER as PDF_MARKER
    from policyvc.parser.text_styles import _LONE_MARKER

    known = bool(_LABEL_LINE.match(label))
    assert bool(PDF_MARKER.match(label + punct)) == known
    assert bool(_LONE_MARKER.match(label + punct)) == known
    assert (read_marker(f"{label}{punct} text") is not None) == known
