"""A header's label a narrow cell wrapped, and the body's first heading right under the header's fields.

Written from how published policies print: a browser's print of a web page whose header is a two-column table
(raw ``pdftotext`` writes each cell's lines one under the other, a blank line between cells, a long label
wrapped in its cell: ``Original Effective`` / ``Date``), and a ``-layout`` print whose fields are a grid under
the title with the body's first heading (``Coverage Guidelines``) right below it, its subsections set at its
own level.
"""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.header_grid import wrapped_labels
from policyvc.parser.lines import Lines

_RAW = (
    "3/2/26, 9:15 AM\n\nKnee Arthroscopy\n\nKnee Arthroscopy\nMedical Policy\n\nABC-MP-4.07.12\n\n"
    "Line of Business\n\nMedi-Cal\n\nOriginal Effective\nDate\n\n03/01/2019\n\nLast Review Date\n\n02/12/2026\n\n"
    "Medical Necessity Criteria\nArthroscopic surgery of the knee is medically necessary when all of the following\n"
    "are met:\n1. Mechanical symptoms such as locking or catching of the knee;\n"
    "2. Failure of at least 6 weeks of conservative treatment;\n"
    "3. Imaging that confirms a lesion amenable to arthroscopic repair.\n\n"
    "References\n1. American Academy of Orthopaedic Surgeons. Management of knee injuries. 2022.\n\f"
)


def test_a_label_its_cell_wrapped_is_one_label_never_the_title_nor_a_section() -> None:
    report = parse_text_report(_RAW, "knee.txt", recover=True, template="generic", outline=True)
    policy = report.policy
    assert policy.header.title == "Knee Arthroscopy"
    assert policy.header.reference_number == "ABC-MP-4.07.12"
    titles = [s.title for s in policy.body]
    assert "Date" not in titles and "Original Effective" not in titles
    assert "Medical Necessity Criteria" in titles


def test_only_a_known_label_is_joined() -> None:
    lines = Lines.numbered(["Original Effective", "Date", "", "Knee Arthroscopy", "Medical Policy", "", "Date"])
    wrapped_labels(lines)
    assert list(lines) == ["Original Effective Date", "", "Knee Arthroscopy", "Medical Policy", "", "Date"]
    lines = Lines.numbered(["Last Review", "01/22/2026"])  # (a value under its label: no label's word)
    wrapped_labels(lines)
    assert list(lines) == ["Last Review", "01/22/2026"]


_LAYOUT = (
    "Home Oxygen Therapy\n"
    "Policy ID     XYZ-UM-CP-101\n"
    "Effective     04/01/2026\n"
    "Last\n"
    "              02/10/2026\n"
    "Revised\n\n"
    "Coverage Guidelines\n\n"
    "Resting Hypoxemia\n\n"
    "Home oxygen is medically necessary when all of the following are met:\n"
    "   1. An arterial oxygen saturation at or below 88 percent at rest on room air;\n"
    "   2. A treatable cause of the hypoxemia was addressed first.\n"
    "Nocturnal Hypoxemia\n\n"
    "Home oxygen during sleep is medically necessary when the saturation is at or below 88 percent\n"
    "for at least 5 minutes of the recording.\n\n"
    "References\n\n"
    "   1. American Thoracic Society. Home oxygen therapy for adults. 2020.\n\f"
)


def test_the_bodys_first_heading_under_the_fields_is_no_name_of_the_document() -> None:
    report = parse_text_report(_LAYOUT, "oxygen.txt", recover=True, template="generic", outline=True)
    titles = [s.title for s in report.policy.body]
    assert "Coverage Guidelines" in titles, titles
    front = [s for s in report.policy.body if s.id == "front"]
    assert not any("Coverage Guidelines" in getattr(b, "text", "") for s in front for b in s.blocks)
