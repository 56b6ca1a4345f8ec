"""The one vocabulary of page numbers (parser/page_numbers.py): each shape a line of its own takes, what a line
ending in one looks like, and what is never a page's number — a count in a sentence, a date, a list's number.
Invented examples."""

from __future__ import annotations

import re

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.joining import plain_hyphens
from policyvc.parser.page_numbers import (
    PAGE_NUMBER_LINE,
    PageShape,
    counted_address,
    ends_in_page_number,
    has_page_numbers,
    page_number_at,
    page_number_line,
    page_shape,
    without_page_number,
    written_page_number,
)
from policyvc.renderer.outline import render_outline

SHAPES = {
    PageShape.PAGE_OF: ["Page 2 of 5", "PAGE: 2 OF: 5", "page 12 of 140", "Page 2of5", "  Page 3 of 7  "],
    PageShape.OF: ["2 of 5", "12 of 14", "3 of: 9"],
    PageShape.PAGE: ["Page 2", "PAGE: 14", "Page 3"],
    PageShape.PAGE_SLASH: ["Page 2/5", "page 10 / 12"],
    PageShape.SLASH: ["2/5", "1 / 3", "11/21"],
    PageShape.DASHED: ["- 2 -", "-2-", "\u2013 12 \u2013", "\u2014 3 \u2014"],
    PageShape.BAR: ["Page | 2", "2 | Page", "PAGE|4"],
}

NEVER = [
    "1 of the following",  # a count in a lead-in
    "2 of 3 criteria",
    "at least 2 of 5",
    "Page 2 of the appendix",
    "See page 2",
    "03/24",  # a month and year: a counter never pads its page with a zero
    "3/2026",  # a page count has three digits at most
    "06/15/26",
    "2.",  # list numbers
    "(2)",
    "2)",
    "- 2. Item",
    "2",
    "Page",
    "Page 2 of 1000",
    "Table 2 of 5",
]


@pytest.mark.parametrize(("shape", "text"), [(s, t) for s, ts in SHAPES.items() for t in ts])
def test_each_shape_is_a_page_number(shape: PageShape, text: str) -> None:
    assert page_shape(text) is shape
    assert page_number_line(text)
    assert has_page_numbers(f"Some text.\n{text}\nMore text.")
    # (written so that it can be nothing else: all but a bare counter, which alone may be a date)
    assert written_page_number(text) is (shape is not PageShape.SLASH)


@pytest.mark.parametrize("text", NEVER)
def test_what_is_never_a_page_number(text: str) -> None:
    assert page_shape(text) is None
    assert not page_number_line(text)
    assert not written_page_number(text)
    assert not ends_in_page_number(text)
    assert not has_page_numbers(f"Some text.\n{text}\nMore text.")


def test_a_date_alone_on_a_line_is_written_as_no_page_number() -> None:
    assert page_shape("1/2") is PageShape.SLASH
    assert not written_page_number("1/2")  # (Jan 2 or page 1 of 2: only where it stands tells)


def test_a_bare_counter_among_dates_is_a_date_and_elsewhere_a_page_number() -> None:
    dates = ["Revision Date", "", "10/19", "", "01/15", ""]
    assert not page_number_at(dates, 2)  # (beside ``01/15``, which no counter can be)
    paged = ["The member has tried therapy.", "", "2/5", "", "The prescriber is a specialist."]
    assert page_number_at(paged, 2)
    # a page's number written with the word is one beside dates too
    assert page_number_at(["06/15/26", "Page 2 of 5", "06/15/27"], 1)
    assert not page_number_at(["2 of 3 criteria"], 0)


def test_a_page_number_at_a_lines_end_after_a_running_headers_words() -> None:
    for line in (
        "Bone Mineral Density Testing   Page: 2 of 7",
        "Policy Bulletins | Aetna   Page 2 of 5",
        "LUMBAR SPINAL FUSION Page 3 of 9",
        "Sleep Studies  Page 4/6",
        "Page 2 of 5",
    ):
        assert ends_in_page_number(line), line
        assert not re.search(r"page", without_page_number(line), re.I)
    assert without_page_number("Bone Mineral Density Testing   PAGE: 2 OF: 7").strip() == "Bone Mineral Density Testing"
    for line in ("The member meets 2 of 5 criteria", "See page 2 of the manual", "Sleep Studies 2 of 5", "2 of 5"):
        assert not ends_in_page_number(line), line


def test_a_browsers_footer_is_the_address_and_its_counter() -> None:
    assert counted_address("https://www.example-payer.com/policies/x.html 2/5")
    assert counted_address("file:///tmp/x.html 1/12")
    assert not counted_address("https://www.example-payer.com/policies/x.html")
    assert not counted_address("See https://www.example-payer.com/policies/x.html 2/5")


def test_the_line_fragment_never_runs_on_into_the_next_line() -> None:
    rx = re.compile(rf"^{PAGE_NUMBER_LINE}$", re.I | re.M)
    assert not rx.search("Page\n2")
    assert not rx.search("2\nof 5")
    assert [m.group(0).strip() for m in rx.finditer("text\nPage 2 of 5\nmore\n- 3 -\n")] == ["Page 2 of 5", "- 3 -"]


def test_a_word_broken_at_a_soft_hyphen_over_any_page_number_is_written_whole() -> None:
    for number in ("Page 3 of 5", "PAGE: 3 OF: 5", "- 3 -", "Page 3"):
        text = f"the plan's case managem\u00ad\n\n{number}\n\nent team reviews it.\n"
        assert "management" in plain_hyphens(text), number


POLICY = (
    "Clinical Policy: Examplumab (Examplia)\n\nReference Number: CP.PHAR.999\n\nDescription\n\n"
    "Examplumab is a monoclonal antibody.\n\nCoverage Criteria\n\n"
    "The member meets all of the following:\n\n"
    "- Age at least 18 years\n"
    "{brk}"
    "- Diagnosis of severe asthma\n"
    "- Prescribed by a pulmonologist\n\n"
    "Background\n\nExamplumab binds a cytokine.\n"
)


@pytest.mark.parametrize("number", ["- 2 -", "Page | 2", "2 | Page", "PAGE: 2 OF: 3", "Page 2"])
def test_a_page_number_of_any_shape_between_bullets_leaves_no_trace(number: str) -> None:
    plain = parse_text_report(POLICY.format(brk=""), source="x.txt", recover=True).policy
    paged = parse_text_report(POLICY.format(brk=f"\n{number}\n\n"), source="x.txt", recover=True).policy
    assert render_outline(paged) == render_outline(plain)
    assert number not in render_outline(paged)
