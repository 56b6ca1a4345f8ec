"""Titles and identifiers where other payers' heads put them (generic template): a title in sentence case on
its own line right above the fields, a title between two fields, an identifier of a number and a letter."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.renderer.outline import render_outline

_BODY = """
Coverage

Knee arthroscopy is covered when all of the following are met:

1. Mechanical symptoms for at least 3 months
2. Failure of conservative therapy
"""


def _head(text: str) -> tuple[str, str]:
    policy = parse_text_report(text, "policy.txt", recover=True).policy
    return policy.header.title, policy.reference_number


def test_a_title_in_sentence_case_right_above_the_fields() -> None:
    text = (
        "Acme Health\nMenu\nFind care\tInsurance\tMembers\tProviders\tSearch\n"
        "Providers > Coverage policies > Surgical policies\nShare this page   Print\n"
        "Arthroscopic debridement of the knee\nPolicy number: S021-05\nEffective date: 03/01/2026\n"
        "Administrative Process\nPrior authorization is required.\n" + _BODY
    )
    assert _head(text) == ("Arthroscopic debridement of the knee", "S021-05")


def test_a_title_between_two_fields_of_the_head() -> None:
    text = "Reference number(s)\n4471-C\n\nSpecialty Guideline Management\nOtezla\nEffective Date: 01/01/2026\n" + _BODY
    assert _head(text) == ("Otezla", "4471-C")


def test_an_identifier_of_a_number_and_a_letter_is_no_year() -> None:
    text = "Knee Arthroscopy\nPolicy Number 3010-B\nEffective Date: 01/01/2026\n" + _BODY
    assert _head(text)[1] == "3010-B"
    # (a year alone never is one)
    assert _head("Knee Arthroscopy\nPolicy Number 2026\nEffective Date: 01/01/2026\n" + _BODY)[1] != "2026"


def _effective(text: str) -> str | None:
    date = parse_text_report(text, "policy.txt", recover=True).policy.header.effective_date
    return None if date is None else date.isoformat()


def test_a_date_wrapped_before_its_year_in_a_narrow_cell() -> None:
    text = "Gastric Pacing\nPolicy Number: 7.01.77\n\nEffective Date: March 1,\n2026\n\nRelated Policies\n" + _BODY
    assert _effective(text) == "2026-03-01"
    policy = parse_text_report(text, "policy.txt", recover=True).policy
    assert not any(s.title == "2026" for s in policy.body)  # (the year is the date's, no heading)


def test_a_current_effective_date_marked_for_a_footnote() -> None:
    text = (
        "Medical Policy\nThese documents are a source of medical policy information only.\n"
        "*Current Policy Effective Date: 9/1/25\n(See policy history boxes for previous effective dates)\n"
        "Title: Gastric Electrical Stimulation\n" + _BODY
    )
    assert _effective(text) == "2025-09-01"


def test_a_copy_written_a_block_a_line_keeps_a_subheading_apart_from_the_lead_in() -> None:
    # a viewer's copy without blank lines, each paragraph on one line: a short line in sentence case is its
    # own block, not the first words of the lead-in below it — a subheading over its lead-in and list
    long = "Actigraphy records rest and activity cycles over one to two weeks with a wrist-worn device. " * 2
    text = (
        "Actigraphy\nPolicy Number: MG.77\nEffective Date: 01/01/2026\nDescription\n"
        f"{long}\n{long}\n{long}\nCoverage\nActigraphy for insomnia\n"
        "Actigraphy is covered when all of the following criteria are met:\n1. Age 18 years or older; and\n"
        "2. A sleep diary is inconclusive.\nReferences\n1. Smith J. Sleep. 2020;43:1-10.\n"
    )
    rows = [
        line.split("\t") for line in render_outline(parse_text_report(text, "p.txt", recover=True).policy).splitlines()
    ]
    paragraphs = [row[2] for row in rows if row[1] == "paragraph"]
    assert any(row[1:] == ["heading", "Actigraphy for insomnia"] for row in rows)
    assert any(
        row[0].endswith("Actigraphy-for-insomnia.c1")
        and row[1] == "set:all"
        and row[2].startswith("Actigraphy is covered when all")
        for row in rows
    )
    assert paragraphs.count(long.strip()) == 3  # (each long line a paragraph of its own)


def test_an_identifier_alone_on_a_line_of_the_head() -> None:
    # (no label names it: the head writes it under the title, and a layout's copy on the title's line)
    text = "Knee Orthoses\n\n02-E0000-17\n\nMedical Coverage Guideline\nEffective Date: 01/01/2026\n" + _BODY
    assert _head(text) == ("Knee Orthoses", "02-E0000-17")
    layout = (
        "Knee Orthoses                                   02-E0000-17\n\n02-E0000-17\n\nEffective Date: 01/01/2026\n"
    )
    assert _head(layout + _BODY) == ("Knee Orthoses", "02-E0000-17")
    # (a section number or a date alone is none)
    assert _head("Knee Orthoses\n\n2.1\n\n01-15-2026\n\nEffective Date: 01/01/2026\n" + _BODY)[1] == ""


# A Medicare LCD printed by a browser and read by pdftotext (words of our own): its title wrapped over two lines,
# the second a word that names a kind of document elsewhere (``Management``), the page title beside the stamp
# naming it whole; then the LCD's fields, one of which (``Contractor Name``) the header has no slot for.
_LCD = (
    "7/14/26, 10:02 AM\n\nFacet Joint Interventions for Pain Management | L38801\n\n"
    "Medicare Coverage Database | Local Coverage Determination\n\n"
    "Local Coverage Determination (LCD)\n\nFacet Joint Interventions for Pain\nManagement\nLCD ID: L38801\n"
    "Contractor Name: Palmetto Government Benefits Administrators, LLC\n"
    "Original Effective Date: 02/01/2020\nRevision Effective Date: 07/01/2026\n\n"
    "Coverage Indications, Limitations, and/or Medical Necessity\n"
    "Facet joint injections are reasonable and necessary when all of the following are met:\n"
    "1. Axial pain for at least three months\n2. Failure of conservative care\n\n"
    "Revision History Information\nRevision History\nDate\n\nRevision History\nNumber\n\n"
    "Revision History Explanation\n\n02/01/2020\n\nR1\n\nOriginal LCD\n\n07/01/2026\n\nR2\n\n"
    "Session limit revised\n\n"
    "CMS.gov | A federal government website managed and paid for by the U.S. Centers for Medicare & Medicaid"
    " Services.\n\nfile:///tmp/l38801.html\n\n1/1\n"
)


def test_an_lcds_title_is_never_a_labelled_field_and_reads_whole_where_the_page_title_names_it() -> None:
    """``Contractor Name: …`` (a label of no header slot, kept in the body) names the contractor, never the
    document; the title's two lines are one where the browser's page title names them whole."""
    assert _head(_LCD) == ("Facet Joint Interventions for Pain Management", "L38801")
    # (without the page title, the second line alone stays apart: the title is the first, never the field)
    bare = _LCD.replace("Facet Joint Interventions for Pain Management | L38801\n\n", "")
    title, _ = _head(bare)
    assert not title.startswith("Contractor")
