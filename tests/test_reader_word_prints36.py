"""An author's Word file and its prints (blind set 36's classes, on fixtures of our own): the title above a header
table whose rows name plans, a browser's fixed running header printed over a page's first line, a -layout copy's
``<plan> – <title> – Policy <ID>`` running header, bullets under a numbered item in a Centene Word file, and the
lead-ins that name their list's items by their labels or by what they list."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report
from policyvc.parser.connective import read_connective
from policyvc.parser.nodes import Connective
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures"


def _rows(path: Path) -> list[tuple[str, str, str]]:
    outline = render_outline(parse_file_report(path).policy)
    return [tuple(line.split("\t", 2)) for line in outline.split("\n") if line.count("\t") >= 2]  # type: ignore[misc]


def test_the_title_paragraph_above_a_header_table_is_the_title_not_a_row_naming_plans() -> None:
    # (python-docx: a bold title, a two-column table of fields — ``Covered Programs | Medi-Cal, …``, a label of two
    # words and a list of plans — and a ``Date | Summary of Changes`` table under it)
    policy = parse_file_report(FIXTURES / "word_heads36" / "title-over-fields.docx").policy
    assert policy.header.title == "Negative Pressure Wound Therapy"
    assert policy.header.reference_number == "UM-NPWT-031"
    texts = [text for _, _, text in _rows(FIXTURES / "word_heads36" / "title-over-fields.docx")]
    assert any(t.startswith("Covered Programs: ") for t in texts)  # (the row stays in the front, never lost)


def test_a_running_header_printed_over_the_first_line_of_a_page_is_furniture_and_the_line_reads_whole() -> None:
    # (Chromium prints a ``position: fixed`` header at every page's top: on page 2 over the history's last row,
    # whose letters the header's interleaved — ``03/14/2025Health Plan New| Spinalpolicy.…``)
    path = FIXTURES / "overlaid_heads" / "policy.chromium.pdf"
    policy = parse_file_report(path).policy
    texts = [text for _, _, text in _rows(path)]
    assert not [t for t in texts if "LHP-MP-212" in t and "|" in t]
    assert sorted(e.description for e in policy.revision_log) == [
        "Annual review; added the psychological evaluation requirement.",
        "New policy.",
    ]
    assert policy.header.reference_number == "LHP-MP-212"


def test_a_layout_copys_plan_title_and_number_header_on_every_page_is_no_title() -> None:
    # (pdftotext -layout of a LibreOffice print: ``<plan> – <title> – Policy <ID>`` at both pages' tops, the head
    # below it writing the title and the number again)
    path = FIXTURES / "word_heads36" / "running-head-layout.txt"
    policy = parse_file_report(path).policy
    assert policy.header.title == "Respiratory Services: Pulmonary Rehabilitation"
    assert not [t for _, _, t in _rows(path) if "Lakeshore Health Plan –" in t]


def test_bullets_under_a_numbered_lead_in_of_a_centene_word_file_are_its_items() -> None:
    # (the Word reader writes the bullets under ``2. … for one of the following reasons:`` indented; the family's
    # numbers-for-dashes pass numbered them as items 3, 4, 5 of the list and split the items below off)
    rows = {i: (kind, text) for i, kind, text in _rows(FIXTURES / "word_heads36" / "centene-bullets-under-item.txt")}
    assert rows["Policy-Criteria.I.2"] == ("any", "The device cannot be repaired, for one of the following reasons:")
    assert rows["Policy-Criteria.I.2.a"][1] == "Internal receiver failure confirmed by integrity testing;"
    assert rows["Policy-Criteria.I.2.b.1"][1] == "with skin breakdown over the device;"
    assert rows["Policy-Criteria.I.2.c"][1] == "Manufacturer recall of the implanted model;"
    assert rows["Policy-Criteria.I.3"][1] == "The member continues to use the device at least 8 hours a day."


@pytest.mark.parametrize(
    ("text", "connective"),
    [
        ("… medically necessary for the following conditions (Criteria 1 or 2 must be met):", Connective.ANY),
        ("… for the following indications (criteria A and B must be met):", Connective.BOTH),
        ("One of the diagnoses below:", Connective.ANY),
        ("All of the criteria listed below:", Connective.ALL),
        ("One of the drugs below is preferred.", None),  # (a sentence: it announces no list)
        ("See one of the sections below for the codes", None),
    ],
)
def test_lead_ins_that_name_their_items_by_labels_in_parentheses_or_by_what_they_list(
    text: str, connective: Connective | None
) -> None:
    assert read_connective(text).connective is connective
