"""A plan's policy in numbered sections printed by LibreOffice (`1.0 Policy` …): a lead-in naming its criteria
by their numbers, and the next section's heading between two tables drawn with borders."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.connective import read_connective
from policyvc.parser.nodes import Connective, CriteriaSet, Section, Table

PDF = FIXTURES / "numbered_sections" / "lakeview-blepharoplasty.libreoffice.pdf"


def _sections(sections: tuple[Section, ...]) -> list[Section]:
    out: list[Section] = []
    for s in sections:
        out += [s, *_sections(tuple(b for b in s.blocks if isinstance(b, Section)))]
    return out


def test_a_heading_between_two_bordered_tables_is_no_row_of_either() -> None:
    policy = parse_file_report(PDF, recover=True).policy
    sections = _sections(policy.body)
    tables = {s.title: [b for b in s.blocks if isinstance(b, Table)] for s in sections}
    assert [len(t.rows) for t in tables["Background"]] == [3]
    assert [t.header for t in tables["Codes"]] == [("Code", "Description")]
    assert [len(t.rows) for t in tables["Codes"]] == [2]
    assert [s.title for s in sections][-3:] == ["Background", "Codes", "Policy History"]
    assert [e.date.isoformat() for e in policy.revision_log if e.date] == ["2024-01-15", "2026-02-10"]


@pytest.mark.parametrize(
    ("lead", "connective"),
    [
        ("Criteria 1 or 2 must be met:", Connective.ANY),
        ("The member meets criteria A, B, or C:", Connective.ANY),
        ("Coverage requires criteria 1 or 2 below:", Connective.ANY),
        ("The member meets criteria 1 and 2:", Connective.BOTH),
        ("Criteria 1 through 3 must be met:", Connective.ALL),
        # (the joining word in capitals, as plans print it; ``both`` naming the numbers as ``criteria`` does)
        ("Therapy is medically necessary when the member meets criteria 1 AND 2:", Connective.BOTH),
        ("Bilateral implantation is medically necessary when meeting both 1 AND 2:", Connective.BOTH),
        ("Criteria 1 OR 2 must be met:", Connective.ANY),
        ("The member meets criteria A, B AND C:", Connective.ALL),
    ],
)
def test_a_lead_in_naming_its_criteria_by_their_labels(lead: str, connective: Connective) -> None:
    assert read_connective(lead).connective is connective


@pytest.mark.parametrize(
    "text",
    [
        "The member does not meet criteria 1 or 2:",  # (a negation: the list decides nothing by itself)
        "Either criterion 1 or 2 applies:",  # (a quantifier the rule does not read)
        "See items 1 or 2 of the table, and the following:",  # (the labels do not end the lead-in)
        "Coverage applies when criteria 1 or 2 are met.",  # (a sentence, no lead-in)
        "Both 1 AND 2 must be documented by the audiologist.",  # (a sentence, no lead-in)
        "The member does not meet both 1 AND 2:",  # (a negation)
    ],
)
def test_labels_in_other_sentences_announce_nothing(text: str) -> None:
    assert read_connective(text).connective is None


def test_the_pdfs_lead_in_is_an_any_group() -> None:
    policy = parse_file_report(PDF, recover=True).policy
    text = parse_text_report(
        "Knee Bracing\nPolicy Number: MP7001\n\n1.0 Policy\nCriteria 1 or 2 must be met:\n"
        "1. Ligament instability after injury\n2. Post-operative protection after ligament repair\n",
        "policy.txt",
        recover=True,
    ).policy
    for p in (policy, text):
        groups = [b for s in _sections(p.body) for b in s.blocks if isinstance(b, CriteriaSet)]
        assert [g.title for g in groups] == ["Criteria 1 or 2 must be met:"]
        assert [g.rule.connective if g.rule else None for g in groups] == [Connective.ANY]
