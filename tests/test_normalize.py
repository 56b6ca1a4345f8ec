"""The normalisation pass: one rule at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FAMILY, FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser.normalize import _inline_text, inline_clean, normalize


def lines(raw: str) -> list[str]:
    return normalize(raw).text.splitlines()


def test_symbols_tex_and_superscripts() -> None:
    assert lines("Leukine[®] and Yes [‡]") == ["Leukine® and Yes ‡"]
    assert lines("Age \\geq 55 years; x \\leq 3") == ["Age ≥ 55 years; x ≤ 3"]
    assert lines("250 mcg/m ² /day IV") == ["250 mcg/m²/day IV"]
    assert lines("ﬁlgrastim\u00a0daily") == ["filgrastim daily"]


def test_markdown_bullets_before_markers_go() -> None:
    assert lines(" - a. Request is for\n- ii. 500 mcg\n- 2. Member meets") == [
        "a. Request is for",
        "ii. 500 mcg",
        "2. Member meets",
    ]
    assert lines("- ALL: acute lymphoblastic leukemia") == ["- ALL: acute lymphoblastic leukemia"]
    assert lines("• Contraindication(s): none") == ["- Contraindication(s): none"]


def test_notes_emphasis_and_links() -> None:
    assert lines("**Prior authorization may be required for Zarxio*") == [
        "*Prior authorization may be required for Zarxio"
    ]
    assert lines("Leukine is **medically necessary** when") == ["Leukine is medically necessary when"]
    assert lines("settings (*see Appendix E*);") == ["settings (see Appendix E);"]
    assert lines("with Danyelza[®]*, temozolomide*, and irinotecan*;") == [
        "with Danyelza®*, temozolomide*, and irinotecan*;"
    ]
    assert lines("one of the following (a or b):*") == ["one of the following (a or b):*"]
    assert lines("[Revision Log](#)") == ["Revision Log"]
    assert lines("Available at: <https://www.leukine.com/#>.") == ["Available at: https://www.leukine.com/#."]


def test_html_cells_become_continuation_rows() -> None:
    raw = "Drug\tDose\tMax\n\t<p>BMT: 10</p> <p>PBPC: 5</p>\t<p>30 &amp; 24</p>\n"
    assert lines(raw) == ["Drug\tDose\tMax", "\tBMT: 10\t30 & 24", "\tPBPC: 5\t"]


def test_origin_maps_lines_and_columns_back() -> None:
    norm = normalize("\n\nTitle\n\n - a. Item\n")
    assert norm.text == "Title\n\na. Item\n"
    assert norm.source_position(1, 1) == (3, 1)
    assert norm.source_position(3, 1) == (5, 4)  # " - " removed in front


def test_trailing_tabs_keep_a_row_a_row() -> None:
    assert lines("irinotecan; added\t\t") == ["irinotecan; added\t\t"]


# --- the whole-text passes are the line-by-line rules ---------------------------------------------------------------

# what the inline rules look for, and what sits around it
_PIECES = [
    "a", "m", "x", " ", "  ", "\t", "\n", "/", "(", ")", "[", "]", "#", "<", ">", "*", "\\", "²", "³", "®", "‡",
    "\u00a0", "\u2009", "\u200b", "\u00ad", "ﬁ", "ﬂ", "\\geq", "\\le", "\\times", "\\lex", "m ²", " ² /day",
    "[®]", "[Revision Log](#)", "[x](#a)", "<https://a.example/b>", "ftp://x", "\f", "\v", "o ", "• ", "- ",
]  # fmt: skip


@settings(max_examples=examples(300))
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_inline_rules_are_the_same_on_a_whole_text_as_line_by_line(text: str) -> None:
    assert _inline_text(text) == "\n".join(inline_clean(line) for line in text.split("\n"))


@pytest.mark.parametrize("path", sorted(FAMILY.values()) + sorted((FIXTURES / "histories").rglob("policy.txt")))
def test_the_inline_rules_are_the_same_on_a_whole_fixture_as_line_by_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _inline_text(text) == "\n".join(inline_clean(line) for line in text.split("\n"))


@settings(max_examples=examples(300))
@given(st.lists(st.sampled_from([*_PIECES, "**", "*Note*", "a. ", "(i) ", "<p>", "</p>", "&amp;"]), max_size=40))
def test_trailing_spaces_are_cut_before_the_inline_rules(pieces: list[str]) -> None:
    text = "".join(pieces)
    cut = "\n".join(line.rstrip(" \f\v") for line in text.split("\n"))
    assert normalize(text) == normalize(cut)
