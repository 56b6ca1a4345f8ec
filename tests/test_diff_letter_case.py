"""Letter case alone is no change: a page printed from a style sheet that sets a plan's name or a heading in capitals
(``text-transform: uppercase``), or a Word run's all-caps, against a copy that prints the same words as written.
Like spacing, typography and line-end hyphenation it is how a copy prints the text, so two copies that differ
only in case diff to nothing; a real change beside it still shows, its redline only the change."""

from __future__ import annotations

import pytest

from policyvc.history.diff import diff, redline
from policyvc.history.tree import same_wording
from policyvc.parser import parse_text


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("Lakeshore Community Health Plan Medical Policy", "LAKESHORE COMMUNITY HEALTH PLAN MEDICAL POLICY", True),
        ("Coverage Criteria", "Coverage criteria", True),
        ("the member must meet all", "the member MUST meet all", True),  # (said in the manual: no change)
        ("NON-INVASIVE VENTILATION", "Non-invasive Ventilation", True),
        ("Non-inva-sive Ventilation", "NON-INVASIVE VENTILATION", True),  # (a line-end hyphen and capitals)
        ("Coverage Criteria", "Coverage Criterion", False),
        ("AT LEAST 3 MONTHS", "at least 6 months", False),
        ("Hepatitis- B", "HEPATITISB", False),  # (a spaced hyphen before a capital stays a dash)
    ],
)
def test_same_wording_ignores_letter_case(old: str, new: str, same: bool) -> None:
    assert same_wording(old, new) is same
    assert same_wording(new, old) is same


_COPY = """Lakeshore Community Health Plan Medical Policy

Home Oxygen Concentrators

Policy Number: LCH-DME-0412
Effective Date: 07/01/2026

Overview

Home oxygen concentrators deliver oxygen-enriched gas to members with chronic hypoxemia.

Coverage Criteria

A home oxygen concentrator is medically necessary when all of the following criteria are met:

1. The member has an arterial oxygen saturation at or below 88% at rest; and
2. The member has tried and failed conservative therapy for at least 3 months.
"""


def _capitals(text: str) -> str:
    """The copy as a style sheet prints it: the plan's line and the headings in capitals."""
    for line in ("Lakeshore Community Health Plan Medical Policy", "Overview", "Coverage Criteria"):
        text = text.replace(line + "\n", line.upper() + "\n")
    return text


def test_a_copy_in_capitals_is_no_change() -> None:
    caps = _capitals(_COPY)
    assert "LAKESHORE COMMUNITY HEALTH PLAN MEDICAL POLICY" in caps and "COVERAGE CRITERIA" in caps
    assert diff(parse_text(_COPY), parse_text(caps)).edits == ()
    assert diff(parse_text(caps), parse_text(_COPY)).edits == ()


def test_a_real_change_beside_capitals_still_shows() -> None:
    new = _capitals(_COPY).replace("at least 3 months", "at least 6 weeks")
    edits = diff(parse_text(_COPY), parse_text(new)).edits
    assert [(e.kind.value, e.new_text) for e in edits] == [
        ("update", "The member has tried and failed conservative therapy for at least 6 weeks.")
    ]


def test_a_redline_of_a_text_one_copy_prints_in_capitals_shows_only_the_change() -> None:
    assert redline("Coverage For Adults", "COVERAGE FOR CHILDREN") == (
        ("=", "COVERAGE FOR"),
        ("-", "Adults"),
        ("+", "CHILDREN"),
    )


def test_a_word_capitalised_in_a_mixed_case_text_is_shown() -> None:
    # (inside a changed text written in both cases a capital is the edit it is there: ``new`` → ``New``)
    assert redline("increase, new dose", "increase. New dose") == (
        ("-", "increase, new"),
        ("+", "increase. New"),
        ("=", "dose"),
    )
