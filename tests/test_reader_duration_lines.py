"""A generic policy's duration line after a list (``Continuation approval duration: 12 months``, ``Maintenance
Authorization Period: 6 months``) is a line of its own, never glued to the last criterion's text."""

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
