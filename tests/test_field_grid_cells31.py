"""A header's grid of fields (``Policy Number | MP-GI-017 | Effective Date | 05/01/2025`` over ``Product Lines | … |
Last Reviewed | 03/15/2025``) that reading-order ``pdftotext`` of a browser's print gives a cell a block: the
labels and their values, never a table keyed by the dates whose header holds the identifier (set 30 d11: title,
identifier and effective date were empty)."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Paragraph
from policyvc.parser.template import get
from policyvc.parser.template_core import _label_above

HEAD = [
    "Capsule Endoscopy",
    "Policy Number",
    "",
    "MP-GI-017",
    "",
    "Effective Date",
    "",
    "05/01/2025",
    "",
    "Product Lines",
    "",
    "Commercial, Medicare Advantage",
    "",
    "Last Reviewed",
    "",
    "03/15/2025",
    "",
    "Policy Statement",
    "The plan considers capsule endoscopy medically necessary for obscure bleeding.",
    "",
    "Revision History",
    "02/01/2022: Policy created.",
    "\f",
]


def test_a_grid_of_fields_a_cell_a_block_gives_the_header() -> None:
    policy = parse_text_report("\n".join(HEAD), "x.txt", recover=True).policy
    header = policy.header
    assert header.title == "Capsule Endoscopy"
    assert policy.reference_number == "MP-GI-017"
    assert str(header.effective_date) == "2025-05-01"


def test_a_date_keyed_table_with_names_over_it_stays_a_table() -> None:
    text = "\n".join(
        [
            "Sleep Studies",
            "Policy Number: SL-12",
            "Effective Date: 01/01/2026",
            "",
            "Policy History",
            "",
            "Date",
            "",
            "Action",
            "",
            "01/01/2024",
            "",
            "New policy",
            "",
            "01/01/2025",
            "",
            "Annual review",
            "\f",
        ]
    )
    policy = parse_text_report(text, "x.txt", recover=True).policy
    assert [str(e.date) for e in policy.revision_log] == ["2024-01-01", "2025-01-01"]


def test_a_web_fields_date_alone_below_its_label_after_the_coverage_phrase() -> None:
    # (a coverage page's field table copied as text: the label on its line, its value below it, the date after
    # ``For services performed on or after``; the original date's label is no effective date's)
    text = "\n".join(
        [
            "Local Coverage Determination (LCD)",
            "Knee Injections",
            "L39001",
            "",
            "Contractor Information",
            "Contractor Name\tContract Type\tContract Number",
            "Noridian Healthcare Solutions, LLC\tMAC - Part A\t01111",
            "",
            "LCD Information",
            "Document Information",
            "LCD ID",
            "L39001",
            "LCD Title",
            "Knee Injections",
            "Original Effective Date",
            "For services performed on or after 06/01/2022",
            "Revision Effective Date",
            "For services performed on or after 10/01/2025",
            "",
            "Coverage Indications, Limitations, and/or Medical Necessity",
            "",
            "Injections are reasonable and necessary when all of the following are met:",
            "1. Pain of at least three months;",
            "2. Failure of physical therapy.",
            "",
            "Bibliography",
            "",
            "1. Smith A, Jones B. Genicular injections for knee pain. Pain Med. 2020;21(3):100-108.",
        ]
    )
    policy = parse_text_report(text, "x.txt", recover=True).policy
    assert str(policy.header.effective_date) == "2025-10-01"


def test_a_label_over_its_date_after_the_coverage_phrase_is_the_field() -> None:
    generic = get("generic")
    below = [Paragraph("For services performed on or after 10/01/2025")]
    assert _label_above(generic, "Revision Effective Date", below) == (
        "effective",
        0,
        "For services performed on or after 10/01/2025",
        True,
    )
    # (a sentence ending in a date is no field's value)
    assert _label_above(generic, "Revision Effective Date", [Paragraph("The policy was revised on 10/01/2025")]) is None
