"""The abbreviations a policy's text defines (``hepatitis C virus (HCV)``) are found from each bracketed
abbreviation backwards: the same definitions as the pattern that states them (``model._DEFINED``), which tried
every letter of every run of words and was a fifth of a rule module's time."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.rules.model import _DEFINED, _defined_abbreviations


def _by_the_pattern(texts: list[str]) -> list[tuple[str, str]]:
    """The definition written as the pattern's matches (the code before, but for empty words: no initial)."""
    out = []
    for text in texts:
        for m in _DEFINED.finditer(text):
            short = m.group("short")
            letters = [ch.casefold() for ch in short if ch.isalpha()]
            words = re.split(r"[\s-]+", m.group("before").strip())
            if len(words) >= len(letters) > 1:
                long = words[-len(letters) :]
                if [w[:1].casefold() for w in long] == letters:
                    start = m.group("before").rfind(long[0])
                    out.append((short, m.group("before")[start:].strip()))
    return out


_PIECES = st.sampled_from(
    [
        " ", "  ", "\t", "\n", "\u00a0", "-", "'", "_", ",", ".", "(", ")", "(HCV)", "(G-CSF)", "(AB)", "(Ab1C)",
        "(A)", "(hcv)", "a", "A", "b", "B", "c", "C", "H", "V", "é", "É", "1", "hepatitis", "virus", "anti-",
        "non-small cell lung cancer ", "(NSCLC)", "Hepatitis C Virus", "Zarxio®",
    ]
)  # fmt: skip


@given(st.lists(st.lists(_PIECES, max_size=16).map("".join), max_size=3))
@settings(max_examples=examples(600))
def test_the_definitions_are_the_patterns(texts: list[str]) -> None:
    assert _defined_abbreviations(texts) == _by_the_pattern(texts)


def test_a_definition_and_what_is_none() -> None:
    assert _defined_abbreviations(["Diagnosis of chronic hepatitis C virus (HCV) infection"]) == [
        ("HCV", "hepatitis C virus")
    ]
    assert _defined_abbreviations(["non-small cell lung cancer (NSCLC)"]) == [("NSCLC", "non-small cell lung cancer")]
    # words whose initials do not spell it, an empty word before the bracket (it raised IndexError), no words
    assert _defined_abbreviations(["a big dog (HCV)", "anti- (AB)", "1, (AB)", "(AB)"]) == []
