"""The diff's shortcuts give exactly what the plain computations give.

The word alignment answers the cheap cases without ``difflib``, the bound scan
skips texts that name no comparator, masked word sets are made lower-case once
for ASCII text.  Each is held equal here to the computation it shortcuts, on
texts made to hit both the shortcut and its edge (repeated words, case, numbers,
whitespace, non-ASCII).
"""

from __future__ import annotations

import difflib
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.history import semantic
from policyvc.history.opcodes import opcodes
from policyvc.history.tree import _NUMBER, _WORD, masked_tokens

_TOKENS = st.lists(st.sampled_from(["a", "b", "c", "or", ",", "and"]), max_size=12)


@settings(max_examples=examples(600))
@given(_TOKENS, _TOKENS, st.integers(0, 3))
def test_opcodes_are_the_sequence_matchers(a: list[str], b: list[str], how: int) -> None:
    if how == 1:
        b = a + b  # words added at the end
    elif how == 2:
        a, b = a + b, a  # words dropped at the end
    elif how == 3:
        b = list(a)
    assert opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


_PIECES = st.sampled_from(
    [
        "at least", "AT LEAST", "At  least", "more than", "≥", ">=", ">", "<", "\\geq", "up to", "within the past",
        "not to exceed", "does not exceed", "no", "not", "or", "or greater", "OR MORE", "or below", "5", "12", "1,000",
        "-3", "2.5", "weeks", "months", "%", "mg/kg", "cells/mcL", "\t", "\n", " ", "ſ", "é", "member", "age", "Or",
    ]
)  # fmt: skip


def _plain_bounds(text: str) -> list[tuple[int, str]]:
    """What the two bound patterns match without a look-ahead or a pre-check."""
    cmp_any = f"{semantic._MIN_BOUND}|{semantic._MAX_BOUND}"
    prefix = re.compile(rf"(?P<cmp>{cmp_any})\s*(?P<num>-?\d+(?:[.,]\d+)*)\s*(?P<unit>%|[^\W\d][\w/]*)?", re.I)
    postfix = re.compile(
        r"(?P<num>-?\d+(?:[.,]\d+)*)\s*(?P<unit>%|[^\W\d][\w/]*)?\s+or\s+"
        r"(?P<cmp>greater|more|higher|above|less|fewer|lower|below)\b",
        re.I,
    )
    return [(m.start(), m.group(0)) for p in (prefix, postfix) for m in p.finditer(text)]


@settings(max_examples=examples(600))
@given(st.lists(_PIECES, max_size=10), st.sampled_from(["", " "]))
def test_the_bound_scan_finds_what_the_plain_patterns_find(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    found = {(m.start(), m.group(0)) for p in (semantic._BOUND, semantic._POSTFIX_BOUND) for m in p.finditer(text)}
    assert found == set(_plain_bounds(text))
    if not _plain_bounds(text):
        assert semantic._bounds(text) == ()  # the pre-check may only skip texts without a bound
    else:
        assert {b.text for b in semantic._bounds(text)} <= {" ".join(g.split()) for _, g in _plain_bounds(text)}


@settings(max_examples=examples(600))
@given(st.lists(_PIECES, max_size=10), st.sampled_from(["", " ", "\t", "\x1f"]))
def test_the_comparator_look_ups_are_the_plain_ones(pieces: list[str], sep: str) -> None:
    low = sep.join(pieces).lower()
    assert (semantic._ANY_CMP.search(low) is not None) == any(c in low for c in semantic._CMPS)
    spaced = " ".join(low.split())
    plain = any(f" or {c}" in spaced for c in semantic._POSTFIX_CMPS)
    assert (semantic._ANY_POSTFIX.search(low) is not None) == plain


def test_every_ascii_comparator_contains_one_of_the_hints() -> None:
    # (an ASCII text cannot hold ``≥`` or ``≤``: the hints gate only ASCII text)
    ascii_cmps = [c for c in semantic._CMPS if c.isascii()]
    assert all(semantic._contains_any(c, semantic._CMP_HINTS) for c in ascii_cmps)
    assert not semantic._contains_any("diagnosis of aml; prescribed by an oncologist", semantic._CMP_HINTS)


@settings(max_examples=examples(600))
@given(st.lists(_PIECES, max_size=10), st.sampled_from(["", " ", "\t", "\x1f"]))
def test_the_substring_gates_skip_no_text_a_comparator_scan_finds(pieces: list[str], sep: str) -> None:
    low = sep.join(pieces).lower()
    if not low.isascii():
        return
    if semantic._ANY_CMP.search(low):
        assert semantic._contains_any(low, semantic._CMP_HINTS)
    if semantic._ANY_POSTFIX.search(low):
        assert semantic._contains_any(low, semantic._POSTFIX_CMPS)


_WORDS = st.sampled_from(
    ["Dose", "40", "400", "1,000", "x-ray", "Non", "İ", "ſ", "é", "2.5", "A1", ".", "O'Neil", "a.b", "_", "-", "'", "K"]
)


@settings(max_examples=examples(400))
@given(st.lists(_WORDS, max_size=8), st.sampled_from(["", " "]))
def test_masked_words_are_the_same_for_ascii_and_other_text(words: list[str], sep: str) -> None:
    text = sep.join(words)
    plain = frozenset("#" if _NUMBER.match(w) else w.lower() for w in _WORD.findall(text))
    assert masked_tokens(text) == plain


def test_a_dotted_version_after_a_comparator_is_no_bound_and_no_crash() -> None:
    # "2.5.1" fits the number pattern but is no number: it used to raise ValueError out of the diff
    assert semantic._bounds("requires version at least 2.5.1 of the test") == ()
    (label,) = semantic.bound_labels("at least 2.5.1 mg", "at least 3 mg")
    assert label.name == "value changed"


def test_separator_spellings_are_those_whose_lower_case_is_a_separator() -> None:
    # only ASCII letters lower-case to the letters of "or", "and", "nor": no other token is a separator
    letters = set("".join(semantic._SEPARATORS) + ",")
    assert {c for c in map(chr, range(0x110000)) if c.lower() in letters} == letters | {c.upper() for c in letters}
    assert all(w.lower() in semantic._SEPARATORS for w in semantic._SEPARATOR_FORMS)
    assert {"OR", "Nor", "aNd", ","} <= semantic._SEPARATOR_FORMS


_HYPHENED = st.lists(
    st.sampled_from(["modu-late", "modu- late", "x-ray", "A-", "-b", "12-week", "é-é", "_-a", "Non-Small", "-", " "]),
    max_size=8,
)


@settings(max_examples=examples(400))
@given(_HYPHENED, st.sampled_from(["", " ", "\t", "\n"]))
def test_the_hyphen_patterns_are_the_plain_look_behinds(pieces: list[str], sep: str) -> None:
    from policyvc.history.tree import _SPLIT_WORD, joined, joined_words

    text = sep.join(pieces)
    plain = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])|(?<=[^\W\d_])- (?=[^\W\d_A-Z])")
    assert _SPLIT_WORD.sub("", text) == plain.sub("", text)
    assert joined_words(text) == [joined(w) for w in text.split()]


@settings(max_examples=examples(400))
@given(st.lists(_PIECES, max_size=8), st.lists(_PIECES, max_size=8))
def test_texts_without_a_digit_have_no_bound_or_value_label(old: list[str], new: list[str]) -> None:
    a, b = " ".join(p for p in old if not any(c.isdigit() for c in p)), " ".join(new)
    b = "".join(c for c in b if not c.isdigit())
    # what bound_labels computes without its shortcut: no bounds on either side, then the values
    assert semantic._bounds(a) == semantic._bounds(b) == ()
    assert semantic._value_labels(a, b) == () and semantic.bound_labels(a, b) == ()


@settings(max_examples=examples(300))
@given(_TOKENS)
def test_the_list_words_places_are_those_of_the_tokens_no_separator(toks: list[str]) -> None:
    assert semantic._word_places(toks) == [k for k, w in enumerate(toks) if w not in semantic._SEPARATOR_FORMS]


def test_the_letters_a_case_blind_pattern_takes_for_ascii_ones_are_those_written_as_ascii() -> None:
    every = "".join(map(chr, range(128, 0x110000)))
    found = {c: x for x in "abcdefghijklmnopqrstuvwxyz" for c in re.findall(x, every, re.I)}
    assert found == {chr(k): v for k, v in semantic._AS_ASCII_LETTER.items()}


_FOLDED = st.sampled_from(["at leaſt", "AT LEAſT", "wİthin the paſt", "wıthin the past", "K", "mg/K", "or moreſ"])


@settings(max_examples=examples(600))
@given(st.lists(st.one_of(_PIECES, _FOLDED), max_size=10), st.sampled_from(["", " ", "\t"]))
def test_the_gates_skip_no_bound_the_scans_find(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    assert semantic._bounds(text) == semantic._scan_bounds(text, True, True)


@settings(max_examples=examples(600))
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_ascii_tokens_are_the_tokens(text: str) -> None:
    assert semantic._ASCII_TOKEN.findall(text) == semantic._TOKEN.findall(text)
    assert semantic._tokens(text) == semantic._TOKEN.findall(text)
