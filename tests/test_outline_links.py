"""A site's links set apart by bars (a web copy's menu or footer) are no heading; a pipe table's row is still
a table's."""

from __future__ import annotations

from policyvc.parser.outline import HEADINGS, LineKind, OutlineLine, tokens


def _kinds(lines: list[str]) -> list[str]:
    return [t.type for t in tokens([OutlineLine(text, k + 1) for k, text in enumerate(lines)], HEADINGS)]


def test_a_footers_links_are_a_paragraph_not_a_heading() -> None:
    kinds = _kinds(
        ["Sources were reviewed in 2025.", "", "Privacy Center | Terms of Use | Language Assistance | Site Map"]
    )
    assert kinds[-1] == LineKind.PARA.value


def test_a_short_title_line_is_still_a_heading() -> None:
    assert _kinds(["Sources were reviewed in 2025.", "", "Related Policies"])[-1] == LineKind.HEADING.value


def test_a_short_phrase_between_two_sentences_is_set_apart_from_both() -> None:
    # a subheading in sentence case between a wrapped paragraph and its section's lead-in (no blank lines)
    lines = [
        "Symptoms include pain of the neck, back and shoulders, and skin breakdown under the",
        "breasts. Studies report improvements in pain after surgery.",
        "Indications that are covered",
        "Reduction mammaplasty is considered medically necessary when ALL of the following are met:",
    ]
    kinds = _kinds(lines)
    assert kinds == [LineKind.PARA.value, LineKind.CONT.value, LineKind.PARA.value, LineKind.PARA.value]
    # (a wrapped line of the same paragraph is still its text: it does not stand between two sentences)
    wrapped = ["Symptoms include pain of the neck and the", "Shoulder Girdle area.", "Next sentence."]
    assert _kinds(wrapped)[1] == LineKind.CONT.value


def test_a_cross_reference_section_is_a_heading() -> None:
    kinds = _kinds(
        ["Treatment is limited to three months.", "Cross-reference:", "Implantable Cardioverter Defibrillator"]
    )
    assert kinds[1] == LineKind.HEADING.value


def test_a_short_phrase_a_blank_line_sets_off_is_no_more_of_the_line_below() -> None:
    wide = "Genetic testing for a known familial variant is considered medically necessary for an asymptomatic " * 2
    kinds = _kinds(
        [wide, "", "When Policy Topic is covered", "Testing is covered when all of the follow-", "ing apply:"]
    )
    assert kinds[2:] == [LineKind.PARA.value, LineKind.PARA.value, LineKind.CONT.value]
