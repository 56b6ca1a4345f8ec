"""Shapes of reader set 32, in fixtures of our own printed by real producers (invented policy text)."""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_file, parse_file_report, parse_text_report
from policyvc.parser.nodes import Connective, CriteriaSet, Table
from policyvc.renderer.text import render_text

HERE = FIXTURES / "wrapped_months32"


def test_a_layout_log_whose_month_wraps_over_its_year_beside_a_wrapped_summary_keeps_every_row() -> None:
    """``pdftotext -layout`` of a Chromium print: the narrow Date column writes ``Mar.`` over ``2026`` and the
    last row's summary wraps beside the year — the year's line goes on its row, it starts none."""
    policy = parse_file(HERE / "harborview-knee-mri.chromium.pdftotext-layout.txt")
    assert [str(e.date) for e in policy.revision_log] == ["2023-03-01", "2024-03-01", "2025-03-01", "2026-03-01"]
    assert policy.revision_log[-1].description == (
        "Conservative care before MRI for a suspected meniscal tear shortened from 6 weeks to 4 weeks; mechanical "
        "symptoms named as locking or catching"
    )


def test_a_title_wrapped_in_large_type_wins_over_the_running_headers_shorter_wording() -> None:
    """Plain ``pdftotext`` of a LibreOffice print: the running header's ``Medical Policy: Phrenic Nerve
    Stimulation`` first, then the title in large type wrapped over two lines — the title printed whole, and
    neither of its lines left as a paragraph of the front."""
    report = parse_file_report(HERE / "lakeside-phrenic.libreoffice.pdftotext.txt", recover=True)
    policy = report.policy
    assert policy.header.title == "Phrenic Nerve Stimulation for Central Sleep Apnea in Adults"
    assert policy.header.reference_number == "LHP-MP-0412"
    front = render_text(policy).split("Description")[0]
    assert "Apnea in Adults" not in front.replace(policy.header.title, "")


def test_a_chromium_criteria_grid_with_bulleted_cells_keeps_every_row() -> None:
    """A Chromium print of the family's ``Indication | Criteria`` grid, each criteria cell a bulleted list: the
    PDF's rows go on in rows whose first cell is empty (``\\t• …``) — each a bullet of its cell, never a criterion
    of the section, so both indications are rows and section II. after the grid stands on its own."""
    policy = parse_file(HERE / "abi-grid.chromium.pdf")
    (section,) = [s for s in policy.body if s.title == "Policy/Criteria"]
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    assert table.header == ("Indication", "Criteria")
    assert [r.key for r in table.rows] == ["1. Neurofibromatosis type 2", "2. Cochlear nerve aplasia"]
    assert [len(r.cells[1]) for r in table.rows] == [3, 2]
    sets = [b for b in section.blocks if isinstance(b, CriteriaSet)]
    assert [s.letter for s in sets] == ["I", "II"]
    assert sets[1].criteria[0].text.startswith("The processor is out of warranty")
    assert sets[1].rule is not None and sets[1].rule.connective is Connective.BOTH


def test_a_coding_table_a_page_break_cuts_under_a_running_header_that_repeats_the_title() -> None:
    """Plain ``pdftotext`` of a LibreOffice print: the running header (``<plan>`` / ``Medical Policy: <title>``)
    over the head's own title line — the title once, never the two joined — and a coding table whose first
    row's description the page break cuts, its header row repeated: every code with its whole description."""
    policy = parse_file(HERE / "pinecrest-sacral.libreoffice.pdftotext.txt")
    assert policy.header.title == "Sacral Nerve Stimulation"
    (table,) = [b for s in policy.body if s.title == "Coding" for b in s.blocks if isinstance(b, Table)]
    assert [(r.key, " ".join(r.cells[1])) for r in table.rows] == [
        ("64561", "Percutaneous implantation of neurostimulator electrode array, sacral nerve, and transforaminal "
         "placement, including image guidance"),
        ("64581", "Open implantation of neurostimulator electrode array; sacral nerve (transforaminal placement)"),
        ("64590", "Insertion or replacement of peripheral, sacral, or gastric neurostimulator pulse generator or "
         "receiver"),
    ]  # fmt: skip


def test_the_names_again_right_under_the_next_pages_running_header_go_on_with_the_table() -> None:
    """``pdftotext`` in reading order as it wrote a LibreOffice print (reader set 32): the page's number between
    the code column and the descriptions, the next page's running header right above the code column's name
    written again — the table goes on there; the first description's rest, in lower case at the new page's
    top, is the first row's, and no code takes another's description."""
    text = "\n".join(
        [
            "Knee Injections", "Policy Number: KI-12", "Effective Date: 01/01/2026", "", "Policy",
            "Injections are covered for osteoarthritis of the knee.", "", "Coding", "Code", "20610", "",
            "Page 1 of 2", "", "Description", "Arthrocentesis, aspiration and/or injection, major joint or",
            "bursa (eg, shoulder, hip, knee, subacromial", "", "\fExample Health", "Medical Policy: Knee Injections",
            "Code", "20611", "", "J7321", "", "Description", "bursa); without ultrasound guidance",
            "Arthrocentesis, aspiration and/or injection, major joint with", "ultrasound guidance",
            "Hyaluronan or derivative, Hyalgan, Supartz or Visco-3, for", "intra-articular injection, per dose", "",
            "References", "1. An invented reference. 2024.", "\fExample Health",
            "Medical Policy: Knee Injections", "Page 2 of 2", "",
        ]
    )  # fmt: skip
    policy = parse_text_report(text, "knee.txt", recover=True).policy
    rows = [r for s in policy.body if s.title == "Coding" for b in s.blocks if isinstance(b, Table) for r in b.rows]
    assert [r.key for r in rows] == ["20610", "20611", "J7321"]
    assert " ".join(rows[0].cells[1]).endswith("subacromial bursa); without ultrasound guidance")
    assert " ".join(rows[1].cells[1]).startswith("Arthrocentesis, aspiration and/or injection, major joint with")
