"""A header's grid of fields (``Policy Number | MP-GI-017 | Effective Date | 05/01/2025`` over ``Product Lines | … |
Last Reviewed | 03/15/2025``) that reading-order ``pdftotext`` of a browser's print gives a cell a block: the
labels and their values, never a table keyed by the dates whose header holds the identifier (set 30 d11: title,
identifier and effective date were empty)."""

from __future__ import annotations

from policyvc.parser import parse_text_report

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
