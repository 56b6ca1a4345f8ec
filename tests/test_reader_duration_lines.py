"""A generic policy's duration line after a list (``Continuation approval duration: 12 months``, ``Maintenance
Authorization Period: 6 months``, ``Initial authorization: 6 months.``, ``Reauthorization: 12 months.``) is a
line of its own, never glued to the last criterion's text."""

from __future__ import annotations

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import CriteriaSet, Paragraph, Policy, Section

_HEAD = """Northgate Pharmacy Services
Prior Authorization Policy
Policy Number: PA-5512
Secukinumab (Cosentyx)
Effective Date: 04/01/2026

Initial Therapy
Cosentyx may be authorized for members who meet ALL of the following criteria:
1. Diagnosis of moderate to severe plaque psoriasis; AND
2. Dose does not exceed 300 mg SC every 4 weeks
{first}

Renewal
Renewal of Cosentyx may be authorized for members who meet ALL of the following criteria:
1. Member has a documented response to therapy; AND
2. Dose does not exceed 300 mg SC every 4 weeks
{second}

References
1. Cosentyx prescribing information. 2025.
"""


def _walk(policy: Policy) -> list[object]:
    out: list[object] = []

    def go(blocks: tuple[object, ...]) -> None:
        for b in blocks:
            out.append(b)
            if isinstance(b, Section):
                go(b.blocks)

    go(policy.body)
    return out


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Initial approval duration: 6 months", "Continuation approval duration: 12 months"),
        ("Initial Authorization Period: 3 months", "Maintenance Authorization Period: 12 months"),
    ],
)
def test_a_duration_line_after_the_last_criterion_is_its_own(first: str, second: str) -> None:
    policy = parse_text_report(_HEAD.format(first=first, second=second), "pa.txt", recover=True).policy
    blocks = _walk(policy)
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert first in texts and second in texts
    criteria = [c.text for b in blocks if isinstance(b, CriteriaSet) for c in b.criteria]
    assert criteria.count("Dose does not exceed 300 mg SC every 4 weeks") == 2


# --- the approval's name alone before its duration -----------------------------------------------------------
# (``Initial authorization: 6 months.`` right under a generic policy's last criterion, no blank line between:
# a line of its own, as ``Approval duration:`` is — two wordings, two payers' shapes)

_PLAIN = """Harbourview Health Plan
Medical Pharmacy Policy
Policy Number: MP-2207
Ustekinumab (Stelara)
Effective Date: 03/01/2026

Initial Criteria
Stelara may be approved when ALL of the following are met:
1. Diagnosis of moderately to severely active Crohn's disease; AND
2. Prescribed by a gastroenterologist.
{first}

Continuation Criteria
Stelara may be continued when ALL of the following are met:
1. Member has a documented response to therapy; AND
2. Dose does not exceed 90 mg SC every 8 weeks.
{second}

References
1. Stelara prescribing information. 2025.
"""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Initial authorization: 6 months.", "Reauthorization: 12 months."),
        ("Initial Approval: up to 16 weeks", "Renewal: 1 year"),
    ],
)
def test_an_approval_name_and_its_duration_after_the_last_criterion_is_its_own(first: str, second: str) -> None:
    policy = parse_text_report(_PLAIN.format(first=first, second=second), "mp.txt", recover=True).policy
    blocks = _walk(policy)
    assert {first, second} <= {b.text for b in blocks if isinstance(b, Paragraph)}
    criteria = [c.text for b in blocks if isinstance(b, CriteriaSet) for c in b.criteria]
    assert "Prescribed by a gastroenterologist." in criteria
    assert "Dose does not exceed 90 mg SC every 8 weeks." in criteria


@pytest.mark.parametrize(
    ("first", "kept"),
    [
        # a criterion's wrapped line in lower case naming a duration: the criterion's text
        (
            "authorization: 6 months of therapy documented.",
            "Prescribed by a gastroenterologist. authorization: 6 months of therapy documented.",
        ),
        # a label that names no approval, or a value that is no duration: never a duration line
        ("Prior authorization: required for each fill.", None),
        ("Age: 18 years or older.", None),
    ],
)
def test_a_duration_inside_a_criterion_or_another_label_is_no_duration_line(first: str, kept: str | None) -> None:
    policy = parse_text_report(_PLAIN.format(first=first, second=""), "mp.txt", recover=True).policy
    blocks = _walk(policy)
    paragraphs = {b.text for b in blocks if isinstance(b, Paragraph)}
    criteria = [c.text for b in blocks if isinstance(b, CriteriaSet) for c in b.criteria]
    assert first not in paragraphs
    if kept is not None:
        assert kept in criteria


_APART = """Northgate Pharmacy Services
Prior Authorization Policy
Policy Number: PA-5512
Semaglutide (Wegovy)
Effective Date: 08/01/2025

Criteria for Approval
Wegovy will be approved when the patient meets ALL of the following:
1. Patient is 18 years of age or older;
2. Body mass index of 30 kg/m2 or greater.

Approval Duration

Initial: 7 months. Renewal: 12 months.

References
1. Wegovy prescribing information. 2025.
"""


def test_a_duration_label_alone_between_blank_lines_is_a_section_heading() -> None:
    from policyvc.renderer.outline import render_outline

    def headings(text: str) -> list[str]:
        outline = render_outline(parse_text_report(text, "wegovy.txt").policy)
        return [line.split("\t")[-1] for line in outline.split("\n") if "\theading\t" in line]

    # (a print's heading ``Approval Duration``, its durations the paragraph below — never a paragraph itself)
    assert headings(_APART)[-3:] == ["Criteria for Approval", "Approval Duration", "References"]
    # (the label with its value on its line stays the group's line)
    glued = _APART.replace("Approval Duration\n\nInitial:", "Approval Duration: Initial:")
    assert "Approval Duration" not in headings(glued)
