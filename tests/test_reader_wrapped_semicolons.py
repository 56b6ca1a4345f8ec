"""A lead-in and its items run on in one sentence (``Any one of the following indicates …: goals have been met; …;
or …``) reads as one list whether a print sets the paragraph on one line or a web copy wraps it over several: the
two copies of one version diff to nothing.  A wrapped paragraph that is no such list stays a paragraph."""

from __future__ import annotations

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report
from policyvc.parser.run_on_lists import split_semicolons, wrapped_semicolons

_HEAD = "Title: Home Infusion Nursing\nPolicy Number: HIN-204\nEffective Date: 03/01/2026\n\nDischarge Criteria\n\n"
_SENTENCE = (
    "Any one of the following indicates that home infusion nursing is no longer medically necessary: the "
    "course of therapy has ended; the member or a caregiver has been trained to give the infusion safely; "
    "the member has not kept two consecutive scheduled visits; or the member has moved to a setting that "
    "provides nursing."
)
_AFTER = "\n\nBackground\n\nHome infusion lets a member finish a course of therapy outside the hospital.\n"


def _wrapped(text: str, width: int) -> str:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def test_a_wrapped_run_on_list_reads_as_the_one_line_print_does() -> None:
    printed = parse_text_report(_HEAD + _SENTENCE + _AFTER, recover=True).policy
    for width in (80, 90, 96):
        web = parse_text_report(_HEAD + _wrapped(_SENTENCE, width) + _AFTER, recover=True).policy
        assert [(e.kind.value, e.old_id, e.new_id) for e in diff(web, printed).changes] == []


def test_a_wrapped_paragraph_that_is_no_list_stays_whole() -> None:
    prose = (
        "Note: home infusion nursing visits are reviewed every 60 days; the plan may ask for the nursing notes "
        "of the last two visits before it renews an authorization."
    )
    lines = _wrapped(prose, 96).split("\n")
    assert wrapped_semicolons(lines, 96) is None
    for width in (80, 90, 96):  # (the colon mid-line, or ending the first line)
        lines = _wrapped(_SENTENCE, width).split("\n")
        split = wrapped_semicolons(lines, width)
        assert split is not None and [p for _, p in split] == split_semicolons(_SENTENCE)
        at = [j for j, _ in split]
        assert at[0] == 0 and at == sorted(at) and at[-1] < len(lines)
