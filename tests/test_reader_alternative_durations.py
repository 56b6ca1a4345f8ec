"""Centene pharmacy shapes the grammar refused (``tests/fixtures/alternative_durations``): an alternative's own
``Approval duration:`` written under it, before the next alternative of a ``(must meet 1 or 2)`` set, with the
set's connective after it (`…12 months; or` / `2. …`); and a sentence leading into section III's sets.

The AST keeps durations on the set only, so an alternative's is kept there, in reading order, with a warning —
never dropped, never the end of the list. The lead-in sentence is kept as the first set's note, with a warning; with
no set after it, as the section's text.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_text, parse_text_report
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import CriteriaSection, Policy
from policyvc.renderer.text import render_text

HERE = FIXTURES / "alternative_durations"
NAMES = ["ustekinumab-lob-durations", "risankizumab-request-durations"]


def _read(name: str) -> tuple[Policy, list[str]]:
    path = HERE / f"{name}.txt"
    report = parse_text_report(path.read_text(encoding="utf-8"), str(path))
    return report.policy, [d.message for d in report.diagnostics]


def _section(policy: Policy, numeral: str) -> CriteriaSection:
    return next(s for s in policy.sections if s.id == numeral)


def test_an_alternatives_duration_with_lines_of_business_keeps_the_list_going() -> None:
    policy, warnings = _read("ustekinumab-lob-durations")
    b = _section(policy, "I").sets[1]
    assert [c.marker for c in b.criteria] == ["1", "2"]
    assert b.criteria[1].text.startswith("Refer to the off-label use policy")
    # the duration is the set's, its lines of business read, the connective after it gone from its text
    assert [(d.lines_of_business, d.text) for d in b.durations] == [
        (("Medicaid", "HIM"), "3 months"),
        (("Commercial",), "Length of benefit"),
    ]
    said = "the approval duration `Length of benefit` written under criterion `1.` of set `B.` is kept as the set's"
    assert said in warnings


def test_an_alternatives_duration_after_its_sub_list_goes_to_the_alternative_not_the_sub_item() -> None:
    policy, _ = _read("ustekinumab-lob-durations")
    b = _section(policy, "II").sets[1]
    assert [c.marker for c in b.criteria] == ["1", "2"]
    assert [c.marker for c in b.criteria[0].children] == ["a", "b"]
    # the alternative's own duration first, then the one under the set's last criterion: both kept
    assert [d.text for d in b.durations] == ["Duration of request or 6 months (whichever is less)", "3 months"]
    assert [d.amount for d in b.durations] == [None, 3]


def test_every_alternative_may_write_its_own_duration() -> None:
    policy, warnings = _read("risankizumab-request-durations")
    b = _section(policy, "I").sets[1]
    assert [c.marker for c in b.criteria] == ["1", "2", "3"]
    assert b.rule is not None and b.rule.of == ("1", "2", "3")
    assert [d.text for d in b.durations] == ["6 months", "Length of request or 3 months (whichever is less)"]
    assert any("criterion `2.` of set `B.`" in w for w in warnings)


@pytest.mark.parametrize("name", NAMES)
def test_the_sentence_under_section_iii_is_kept_as_a_note_of_its_first_set(name: str) -> None:
    policy, warnings = _read(name)
    iii = _section(policy, "III")
    first = iii.sets[0]
    assert first.letter == "A" and first.title.startswith("Non-FDA-approved indications")
    assert len(first.notes) == 1 and first.notes[0].text.endswith(":")
    assert any("kept as a note of set `A.`" in w for w in warnings)


def test_a_wrapped_lead_in_is_one_note() -> None:
    policy, _ = _read("risankizumab-request-durations")
    iii = _section(policy, "III")
    assert iii.sets[0].notes[0].text == "Skyrizi is not covered when requested for any of the indications below:"
    assert [s.letter for s in iii.sets] == ["A", "B"]


@pytest.mark.parametrize("name", NAMES)
def test_the_canonical_text_reads_back_the_same(name: str) -> None:
    policy, _ = _read(name)
    again = parse_text(render_text(policy))
    assert again.sections == policy.sections
    assert render_text(again) == render_text(policy)


def _text(name: str) -> str:
    return (HERE / f"{name}.txt").read_text(encoding="utf-8")


def test_a_duration_before_a_new_list_still_ends_the_old_one() -> None:
    # (a marker after the duration that continues nothing is out of sequence, as before: no guess)
    text = _text("risankizumab-request-durations").replace(
        "2. The requested use is supported", "4. The requested use is supported"
    )
    with pytest.raises(PolicyError, match="out of sequence"):
        parse_text(text)


def test_a_sentence_under_section_iii_with_no_set_is_the_sections_text() -> None:
    # (the family's section III as prose: no set to lead into, so the sentence is the section's own, read back
    # the same from the canonical text)
    text = _text("risankizumab-request-durations")
    start, end = text.index("A. Non-FDA"), text.index("Reviews, Revisions")
    policy = parse_text(text[:start] + "\n" + text[end:])
    iii = _section(policy, "III")
    assert iii.sets == ()
    assert [p.text for p in iii.paragraphs] == [
        "Skyrizi is not covered when requested for any of the indications below:"
    ]
    assert parse_text(render_text(policy)).sections == policy.sections


def test_two_sentences_before_section_iiis_first_set_are_an_error() -> None:
    # (a set takes one sentence leading into it as its note; a second has no place: never a guess)
    text = _text("risankizumab-request-durations")
    at = text.index("A. Non-FDA")
    with pytest.raises(PolicyError, match=r"expected a criteria set after the sentence under `III\.`"):
        parse_text(text[:at] + "\nA second sentence of the section.\n\n" + text[at:])
