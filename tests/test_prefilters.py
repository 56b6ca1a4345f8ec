"""The cheap tests put in front of dear regular expressions on the warm parse's path never say no where
the expression would match (so they change no result, only the time)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser import classify, text_styles, transform

# the characters and words the patterns turn on, and a little of everything else
_PIECES = st.sampled_from(
    [
        " ", "  ", "\t", "\u00a0", "\n", ".", ";", ":", "*", "**", "(", ")", "®", "–", "—", "-", "a", "b", "i",
        "ii", "iv", "x", "A", "B", "1", "12", "or", "and", " or ", " and ", "Dose", "dose", " does not exceed ",
        "Approval duration", "Approval Duration", "Medicaid", "HIM", "Commercial", " – 6 months", "word", "é",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)


@given(_TEXTS)
@settings(max_examples=examples(400))
def test_the_run_on_cue_holds_wherever_a_run_on_line_is_possible(line: str) -> None:
    if text_styles._MAYBE_INLINE.search(line):
        assert "–" in line or "—" in line or text_styles._MAYBE_INLINE_CUE.search(line)


@given(_TEXTS)
@settings(max_examples=examples(400))
def test_a_trailing_mark_is_looked_for_only_where_it_can_be(text: str) -> None:
    assert bool(transform._trailing_mark(text)) == bool(transform._TRAILING_MARK.search(text))


@given(_TEXTS)
@settings(max_examples=examples(200))
def test_a_dose_group_is_announced_as_the_pattern_says(text: str) -> None:
    import re

    assert classify.announces_dose_group(text) == bool(re.search(r"\b[Dd]ose does not exceed\b", text))


def test_the_cues_on_examples() -> None:
    assert text_styles._MAYBE_INLINE_CUE.search("Diagnosis of AML; 2. Age ≥ 18 years;")
    assert text_styles._MAYBE_INLINE_CUE.search("one of the following:   a. Member")  # a run of spaces
    assert text_styles._MAYBE_INLINE_CUE.search("Failure of drug or b. something")
    assert not text_styles._MAYBE_INLINE_CUE.search("- a. Mobilization of progenitor cells;")
    assert transform._trailing_mark("(a or b):*") and transform._trailing_mark("text;*\n")
    assert not transform._trailing_mark("Danyelza®* and more")


@given(_TEXTS)
@settings(max_examples=examples(400))
def test_emphasis_is_taken_off_as_both_patterns_say(text: str) -> None:
    from policyvc.parser import normalize

    both = normalize._ITALIC.sub(r"\1", normalize._BOLD.sub(r"\1", text))
    assert normalize._emphasis(text) == both
