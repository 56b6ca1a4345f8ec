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
    page_number_first,
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


def test_a_page_number_written_first_on_a_running_headers_line() -> None:
    assert page_number_first("Page 3   Sleep Studies") == ("Sleep Studies", True)
    assert page_number_first("PAGE: 3 OF: 7\tSleep Studies") == ("Sleep Studies", True)
    assert page_number_first("Page 2/5 | Sleep Studies") == ("Sleep Studies", True)
    assert page_number_first("3   Clinical Policy: Icatibant (Firazyr)") == (
        "Clinical Policy: Icatibant (Firazyr)",
        False,
    )
    # (never a list's number, a count in a sentence, a date, a number padded with a zero, a header's words in
    # lower case — justified text spacing a sentence out — nor two page numbers side by side)
    for line in (
        "3 Months",
        "3 of the following",
        "3   of the following",
        "3. Clinical Policy: Icatibant",
        "3)   Sleep Studies",
        "(3)   Sleep Studies",
        "03   Sleep Studies",
        "1/2   Sleep Studies",
        "12/05/2026   Sleep Studies",
        "Page 3",
        "Page 3   page 4",
        "3   Page 3 of 7",
        "The member meets 3   Sleep Studies",
    ):
        assert page_number_first(line) is None, line


_HEADER_FIRST = """Sleep Studies for Adults
Policy Number: MP-3310
Effective Date: 04/01/2026

Coverage Criteria
An attended polysomnography is medically necessary when all of the following are met:
1. The member has symptoms of obstructive sleep apnea documented by the treating
{header}
physician in the record; and
2. The member has no contraindication to a home sleep test.

Approval Duration
{duration}

Background
Polysomnography records sleep stages and breathing for a full night in a laboratory, and it is
{header2}
used when a home test is not suitable.
"""


@pytest.mark.parametrize("header", ["Page 2   Sleep Studies for Adults", "2   Sleep Studies for Adults"])
def test_a_running_header_written_number_first_is_furniture_inside_a_list_and_a_sentence(header: str) -> None:
    text = _HEADER_FIRST.format(header=header, header2=header.replace("2", "3", 1), duration="Initial: 3 Months")
    texts = [line.split("\t")[-1] for line in render_outline(parse_text_report(text, recover=True).policy).split("\n")]
    assert (
        "The member has symptoms of obstructive sleep apnea documented by the treating physician in the record; and"
        in texts
    )
    assert (
        "Polysomnography records sleep stages and breathing for a full night in a laboratory, and it is used when a"
        " home test is not suitable."
    ) in texts
    assert texts.count("Sleep Studies for Adults") == 1  # (the title, once)


def test_a_table_row_with_a_number_first_is_no_running_header() -> None:
    # (a bare number, a gap and words that neither name the policy nor come back far apart: a table's row)
    rows = "Duration   Unit\n3   Months\n12   Months\n6   Weeks of therapy\n6   Weeks of therapy"
    text = _HEADER_FIRST.format(header="", header2="", duration=rows)
    outline = render_outline(parse_text_report(text, recover=True).policy)
    rows = [line.split("\t")[-1] for line in outline.split("\n") if "\trow\t" in line]
    assert rows == ["3 | Months", "12 | Months", "6 | Weeks of therapy", "6 | Weeks of therapy"]


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


@pytest.mark.parametrize("header", ["4   Clinical Policy: Sargramostim (Leukine)", "Page 4   Sargramostim (Leukine)"])
def test_the_family_s_running_header_written_number_first_inside_a_criterion(header: str) -> None:
    from conftest import SEED

    from policyvc.parser import parse_file

    text = SEED.read_text(encoding="utf-8").replace(
        "2. Prescribed for use following induction therapy for AML;",
        f"2. Prescribed for use following induction therapy\n\n{header}\n\nfor AML;",
        1,
    )
    assert parse_text_report(text, recover=True).policy == parse_file(SEED)


def test_a_month_counter_alone_in_a_log_of_months_is_a_rows_month() -> None:
    # a log whose dates are months (``MM/YY``) a raw extraction set a line each: a row's month set beside the
    # middle of its text reads like page 10 of 25, but the text writes its dates so and no page 1/25 … is there
    log = [
        "Annual review. References reviewed and updated.",
        "",
        "10/24",
        "",
        "10/24",
        "",
        "Annual review. Added Criteria I.D for bilateral implantation. References reviewed and",
        "10/25",
        "updated.",
        "",
        "10/25",
        "",
        "Annual review. Section II.B: added requirement for audiologic testing.",
    ]
    assert not page_number_at(log, 7)
    assert not page_number_at(log, 10)
    # the same counter beside its print's other counters is a page's number
    printed = ["Text of page 9.", "", "9/25", "", "Text of page 10.", "", "10/25", "", "More text.", "", "10/24", ""]
    assert page_number_at(printed, 6)
    # a counter that cannot read as a month and year stays a page's number alone (``2/2``: its page 1 cut)
    assert page_number_at(["Some text.", "", "2/2", "", "More text.", "", "09/17"], 2)
    # a page past its count is no counter
    assert not page_number_at(["Some text.", "", "13/12", "", "More text."], 2)
