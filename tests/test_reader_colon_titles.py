"""Titles and headings of a state agency's web pages printed by Chromium (``tests/fixtures/colon_titles``, words
of our own): a large ``<h1>`` a print wrapped after its colon is read whole, in text and in the PDF; a print with
wide margins and large type that wraps a title over three lines keeps it one line (the browser's footer, in
small type at the paper's edge, is no measure of the text's width); headings in sentence case below the head's
fields and over a table are headings; the footer's ``<agency> · <city>, <ST>`` is never one; and a heading in
capitals right under a list item's line is no more of the item.  What must NOT match is tested too."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.outline import title_like
from policyvc.parser.pdf_geometry import _body_right
from policyvc.parser.text_styles import _colon_wrapped_title
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures" / "colon_titles"
MODES = ("pdftotext", "pdftotext-layout")
COLON_TITLES = [
    ("cascadia-glp1", "Glucagon-Like Peptide-1 Receptor Agonists: Weight Management", "Salem, OR"),
    ("prairie-tnf", "Tumor Necrosis Factor Alpha Inhibitor Biologics: Pediatric Crohn Disease", "Springfield, IL"),
]


def _rows(outline: str) -> list[tuple[str, str, str]]:
    return [(r[0], r[1], r[2]) for r in (line.split("\t") for line in outline.split("\n")) if len(r) == 3]


def _headings(outline: str) -> list[str]:
    return [text for _, kind, text in _rows(outline) if kind == "heading" and text]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "title", "place"), COLON_TITLES)
def test_a_title_wrapped_after_its_colon_is_read_whole(mode: str, name: str, title: str, place: str) -> None:
    policy = parse_file_report(FIXTURES / f"{name}.chromium.{mode}.txt", recover=True).policy
    assert policy.header.title == title
    outline = render_outline(policy)
    body = [text for _, _, text in _rows(outline)]
    assert not [t for t in body if t.endswith(":") and title.startswith(t)]  # (its first line is no paragraph)
    assert title.split(": ")[1] not in body  # (nor its second)
    first = _headings(outline)[0]
    assert first in ("Coverage criteria", "Initial approval")  # (the sentence-case heading below the fields)
    assert not [h for h in _headings(outline) if place in h]  # (the footer's place is no heading)
    assert [t for t in body if t.endswith(place)]  # (but it is kept: a paragraph)


def test_the_pdf_reads_the_colon_title_and_its_sentence_case_headings() -> None:
    policy = parse_file_report(FIXTURES / "cascadia-glp1.chromium.pdf", recover=True).policy
    assert policy.header.title == COLON_TITLES[0][1]
    headings = _headings(render_outline(policy))
    # (``Quantity limits`` over its table, ``Approval duration`` over its labelled sentences: set so once the
    # document has a heading in sentence case)
    assert [h for h in headings if h in ("Coverage criteria", "Quantity limits", "Approval duration")] == [
        "Coverage criteria",
        "Quantity limits",
        "Approval duration",
    ]
    assert not [h for h in headings if "Salem" in h]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("mountain-vivitrol", "Vivitrol (naltrexone extended-release) Prior Authorization Criteria"),
        ("bayou-invega", "Invega Sustenna (paliperidone palmitate) Prior Authorization Criteria"),
    ],
)
def test_a_title_a_narrow_print_wrapped_over_three_lines_stays_one(name: str, title: str) -> None:
    policy = parse_file_report(FIXTURES / f"{name}.chromium.pdf", recover=True).policy
    assert policy.header.title == title
    outline = render_outline(policy)
    assert _headings(outline)[:2] == ["Overview", "Prior Authorization Criteria"]  # (peers, under no title heading)
    front = [text for node, _, text in _rows(outline) if node.startswith("front.")]
    assert len(front) == 1 and front[0].endswith(("Preferred Drug List", "Criteria Library"))


class _Line:
    def __init__(self, x1: float, size: float) -> None:
        self.x1, self.size = x1, size


def test_the_margin_is_the_running_texts_not_the_small_footers() -> None:
    body = [_Line(480.0 + k, 12.5) for k in range(8)]
    footer = _Line(588.0, 8.0)  # (``file:///…   1/1``: the page counter near the paper's edge)
    assert _body_right([[*body, footer]]) < 500  # type: ignore[list-item]
    # must NOT: too few lines of running text to tell its margin by — every line counts as before
    assert _body_right([[_Line(480.0, 12.5), footer]]) == 588.0  # type: ignore[list-item]


def test_a_place_after_a_separator_is_no_title_but_a_title_with_a_bar_is() -> None:
    assert not title_like("Northern Health Department · Salt Lake City, UT")
    assert not title_like("Lakeside Medicaid | St. Paul, MN")
    # must NOT match: a title's own words after a bar, a place with no publisher before it
    assert title_like("Hemophilia Products | Factor VIII, IX")
    assert title_like("Seattle, WA")


_CAPITALS = """Summit Imaging Guidelines
Cardiac CT Angiography
Guideline Number: SIG-CT-114
Effective Date: March 2026
INDICATIONS FOR CARDIAC CT
Cardiac CT angiography is considered appropriate for any of the following:
• Evaluation of chest pain in a patient at intermediate risk
• Suspected anomalous coronary arteries
• Assessment of bypass graft patency
{heading}
CPT\tDescription
75574\tComputed tomographic angiography, heart, coronary arteries and bypass grafts
POLICY HISTORY
Date\tSummary
March 2026\tNew guideline
"""


@pytest.mark.parametrize("heading", ["BILLING CODES", "PROCEDURE CODES AND DESCRIPTIONS"])
def test_a_heading_in_capitals_under_an_items_line_starts_a_section(heading: str) -> None:
    policy = parse_text_report(_CAPITALS.format(heading=heading), "cct.txt", recover=True).policy
    outline = render_outline(policy)
    assert heading in _headings(outline)
    assert not [t for _, _, t in _rows(outline) if t.endswith(f"patency {heading}")]


def test_capitals_a_sentence_goes_on_to_stay_in_the_item() -> None:
    # must NOT: a line in capitals under a word that needs the next is the item's text wrapped
    text = _CAPITALS.format(heading="").replace(
        "• Assessment of bypass graft patency\n", "• Assessment of patients covered by\nMEDICARE PART B\n"
    )
    outline = render_outline(parse_text_report(text, "cct.txt", recover=True).policy)
    assert "MEDICARE PART B" not in _headings(outline)
    assert [t for _, _, t in _rows(outline) if t.endswith("covered by MEDICARE PART B")]


@pytest.mark.parametrize(
    ("below", "wrapped"),
    [
        (["Weight Management", "Policy number: 40.20.11"], True),
        # must NOT: a lead-in's colon has a list or a sentence below it, not a name and then a field
        (["1. Diagnosis of asthma;", "2. Prescribed by a pulmonologist."], False),
        (["Adults", "Approval requires documentation of a prior trial."], False),
        (["Weight Management: Adults", "Policy number: 40.20.11"], False),
    ],
)
def test_a_colon_wrapped_title_is_a_name_then_a_field(below: list[str], wrapped: bool) -> None:
    lines = ["Glucagon-Like Peptide-1 Receptor Agonists:", *below]
    assert _colon_wrapped_title(lines[0], [0, 1, 2], 0, lines) is wrapped
