"""A running header printed on every page, the first page's copy above the document's own head, and the head's
other shapes a print gives it (blind set 39).

* A Word file's running header (``<plan> | Pharmacy Policy <ID> | <drug>``, or ``<plan> Medical Policy <ID>
  <title>`` as ``pdftotext -layout`` runs its cells together) stands above the head on the first page too.  The
  head below writes its number and every other word again (``<title>`` / ``<plan> – <kind>`` / ``Policy Number:
  <ID>``): the first copy is furniture as the later ones are, the title the head's.  A first line that names no
  number is maybe the only title, and stays.
* The family's links (``Coding Implications``, ``Revision Log``) a DOCX or a print lays out as rows of its field
  grid with an empty cell beside each: the links, as every other copy writes them, never a table of the front.
* A print's field grid whose first row is a caption spanning it (``<plan> – Medical Coverage Policy`` ⇥) over
  ``Policy Number`` ⇥ ``<ID>`` rows: the caption a line, the rows the header's fields.
* A letter's list marker a word processor set flush against its text by a tab stop too close (``G.The`` with a
  tab's gap after the dot): a marker and its item, never the item above run on.

Invented policy text, in the shapes those prints have.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from policyvc.parser import parse_text_report
from policyvc.parser.pdf import extract
from policyvc.renderer.text import render_text

_PLAN = "Lakeshore Family Health Plan"
_ID = "LFHP-RX-207"


def _pages(running: str, first: list[str], rest: list[list[str]], numbered: bool = True) -> str:
    """The pages of a pdftotext copy: the running header at every page's top, ``Page N of M`` at its foot."""
    pages = [first, *rest]
    out: list[str] = []
    for k, body in enumerate(pages, start=1):
        out += [running, "", *body, ""]
        if numbered:
            out += [f"Page {k} of {len(pages)}", ""]
        out.append("\f")
    return "\n".join(out)


def _criteria(n: int, start: int = 1, where: str = "the chart notes") -> list[str]:
    return [f"{k}. The member has documented finding number {k} in {where}; AND" for k in range(start, n)]


def _barred_copy() -> str:
    running = f"{_PLAN} | Pharmacy Policy {_ID} | Omalizumab (Xolair)"
    first = [
        "Omalizumab (Xolair) for Chronic Spontaneous Urticaria",
        f"{_PLAN} – Pharmacy Prior Authorization Policy",
        f"Policy Number: {_ID}",
        "Effective Date: 02/01/2026",
        "Last Reviewed: 01/12/2026",
        "",
        "Purpose",
        "To define the criteria for prior authorization of omalizumab for chronic",
        "spontaneous urticaria in members 12 years of age and older.",
        "",
        "Criteria for Approval",
        "Omalizumab is approved when the member meets all of the following:",
        "",
        *_criteria(14),
    ]
    second = [*_criteria(24, 14), "24. The prescriber is an allergist or a dermatologist.", ""]
    third = ["Revision History", "Date\tRevision", "01/12/2026\tAnnual review; no changes."]
    return _pages(running, first, [second, third])


def _layout_copy() -> str:
    running = f"LFHP Medical Policy {_ID} Bariatric Surgery"
    first = [
        "",
        "",
        "Bariatric Surgery (Metabolic and Weight Loss)",
        _PLAN,
        "(LFHP) – Medical Policy",
        f"Policy Number                                {_ID}",
        "Effective Date                               03/01/2026",
        "Review Date                                  02/10/2026",
        "",
        "Policy Statement",
        "LFHP covers bariatric surgery when the member meets the criteria in this policy.",
        "",
        "Coverage Criteria",
        "Bariatric surgery is medically necessary when ALL of the following are met:",
        *(f"    {line}" for line in _criteria(16)),
    ]
    second = [*(f"    {line}" for line in _criteria(30, 16)), "    30. The member is 18 years or older.", ""]
    third = ["Policy History", "", "Date       Action", "02/10/2026 Annual review."]
    return _pages(running, first, [second, third], numbered=False)


def _read(text: str) -> tuple[str, str, str]:
    report = parse_text_report(text, "copy.txt", recover=True)
    policy = report.policy
    return policy.header.title, policy.header.reference_number, render_text(policy)


def test_a_running_header_above_the_first_pages_head_is_furniture_there_too() -> None:
    for text, running, title in (
        (_barred_copy(), f"{_PLAN} | Pharmacy Policy {_ID} | Omalizumab (Xolair)",
         "Omalizumab (Xolair) for Chronic Spontaneous Urticaria"),
        (_layout_copy(), f"LFHP Medical Policy {_ID} Bariatric Surgery",
         "Bariatric Surgery (Metabolic and Weight Loss)"),
    ):  # fmt: skip
        assert text.count(running) == 3
        got_title, reference, canonical = _read(text)
        assert got_title == title
        assert reference == _ID
        assert running not in canonical
        assert title in canonical


def test_a_first_line_without_a_number_stays_the_title() -> None:
    """The running header is the title alone, on every page: the first page's copy is the document's title."""
    title = "Continuous Glucose Monitors"
    first = [
        f"Policy Number: {_ID}",
        "Effective Date: 02/01/2026",
        "",
        "Policy",
        "Continuous glucose monitors are covered when all of the following are met:",
        "",
        *_criteria(14),
    ]
    text = _pages(title, first, [[*_criteria(24, 14), "24. The member is 2 years or older.", ""]])
    got_title, reference, canonical = _read(text)
    assert got_title == title
    assert reference == _ID
    assert canonical.count(title) == 1


def _centene_head(link_cells: bool) -> str:
    tab = "\t" if link_cells else ""
    return "\n".join(
        [
            "Clinical Policy: Sacral Nerve Stimulation for Urinary Incontinence",
            "",
            "Reference Number\tCP.MP.901",
            "Date of Last Revision\t04/26",
            f"Coding Implications{tab}",
            f"Revision Log{tab}",
            "",
            "Description",
            "",
            "Sacral nerve stimulation delivers mild electrical pulses to the sacral nerves that control the bladder.",
            "",
            "Policy/Criteria",
            "I. It is the policy of health plans affiliated with Centene Corporation® that sacral nerve stimulation is"
            " medically necessary when meeting all of the following:",
            "A. Age 18 years or older;",
            "B. Urge incontinence for at least 12 months;",
            "C. Failure of behavioral therapy and of two medications;",
            "",
            "Reviews, Revisions, and Approvals\tRevision Date\tApproval Date",
            "Policy created\t04/26\t04/26",
            "",
        ]
    )


def test_links_beside_an_empty_cell_are_the_heads_links() -> None:
    plain = parse_text_report(_centene_head(False), "plain.txt", recover=True).policy
    cells = parse_text_report(_centene_head(True), "cells.txt", recover=True).policy
    assert plain.header.extras == ("Coding Implications", "Revision Log")
    assert cells.header == plain.header
    assert render_text(cells) == render_text(plain)


def _captioned_grid() -> str:
    return "\n".join(
        [
            "Cochlear Implants for Adults and Children",
            "",
            "Riverbend Community Health Plans – Medical Coverage Policy\t",
            "Policy Number\tRCHP-MCP-0219",
            "Effective Date\t04/01/2026",
            "Next Review Date\t04/01/2027",
            "Lines of Business\tBadgerCare Plus, Marketplace",
            "",
            "Policy Statement",
            "",
            "Riverbend Community Health Plans considers cochlear implantation medically necessary when the criteria"
            " below are met.",
            "",
            "Criteria",
            "",
            "Cochlear implantation is medically necessary when ALL of the following are met:",
            "1. Bilateral moderate-to-profound sensorineural hearing loss;",
            "2. Limited benefit from appropriately fitted binaural hearing aids;",
            "3. No medical contraindication to surgery.",
            "",
        ]
    )


def test_a_field_grid_under_a_caption_row_is_the_header() -> None:
    policy = parse_text_report(_captioned_grid(), "grid.txt", recover=True).policy
    assert policy.header.title == "Cochlear Implants for Adults and Children"
    assert policy.header.reference_number == "RCHP-MCP-0219"
    assert str(policy.header.effective_date) == "2026-04-01"
    canonical = render_text(policy)
    assert "Riverbend Community Health Plans – Medical Coverage Policy" in canonical  # (the caption: kept, a line)


_SIZE = 12.0


def _glued_pdf(path: Path) -> Path:
    """A Word print's list: ``4.`` a tab from its text, then ``G.`` whose tab stop stood 1.5 pt after its dot; and a
    reference's ``J.Smith`` set as one word (no gap: an initial, no marker)."""
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Times-Roman", _SIZE)
    y = 700.0

    def words(x: float, text: str) -> None:
        c.drawString(x, y, text)

    words(72, "Hypoglossal nerve stimulation is medically necessary when all of the following are met:")
    for k, text in (
        ("F.", "No contraindication to implantation, including any of the following:"),
        ("1.", "Neuromuscular disease or hypoglossal nerve palsy;"),
        ("2.", "Pregnancy or planned pregnancy;"),
        ("3.", "Untreated psychiatric disease that would preclude device operation;"),
        ("G.", "The device is implanted by a trained surgeon."),
    ):
        y -= 15.6
        x = 110.9 if k[0].isalpha() else 146.3
        words(x, k)
        gap = 1.5 if k == "G." else 4.2  # (G.'s tab stop right after its dot)
        words(x + stringWidth(k, "Times-Roman", _SIZE) + gap, text)
    y -= 31.2
    words(72, "References")
    y -= 15.6
    words(72, "J.Smith reported outcomes of hypoglossal nerve stimulation in 2024.")
    c.showPage()
    c.save()
    return path


def test_a_letter_marker_set_flush_by_a_tab_starts_its_item(tmp_path: Path) -> None:
    lines = extract(_glued_pdf(tmp_path / "glued.pdf")).text.split("\n")
    assert "G. The device is implanted by a trained surgeon." in lines
    assert "3. Untreated psychiatric disease that would preclude device operation;" in lines
    assert any(line.startswith("J.Smith reported") for line in lines)


_NOTES = "the treating radiation oncologist's notes of the last visit"  # (a Letter page's measure)


def _narrow_cell_copy() -> str:
    """Raw pdftotext of a vendor's guideline: its kind of document in a narrow cell, wrapped onto lines of their own
    (``Northwind – Radiation`` / ``Oncology Clinical`` / ``Guideline``), then its fields a cell a line."""
    running = "Northwind Radiation Oncology Clinical Guideline NW-RO-031 Stereotactic Radiosurgery"
    first = [
        "Stereotactic Radiosurgery for Brain Metastases (SRS)",
        "Northwind – Radiation",
        "Oncology Clinical",
        "Guideline",
        "Guideline Number",
        "",
        "NW-RO-031",
        "",
        "Version",
        "",
        "2.0",
        "",
        "Effective Date",
        "",
        "March 1, 2026",
        "",
        "Indications",
        "SRS is medically necessary when all of the following are met:",
        *_criteria(14, where=_NOTES),
    ]
    second = [*_criteria(24, 14, where=_NOTES), "24. The member has a life expectancy of at least 3 months.", ""]
    third = ["References", "1. An invented reference on radiosurgery. 2025.", ""]
    return _pages(running, first, [second, third])


def test_a_publishers_kind_wrapped_in_a_narrow_cell_is_no_title() -> None:
    title, reference, canonical = _read(_narrow_cell_copy())
    assert title == "Stereotactic Radiosurgery for Brain Metastases (SRS)"
    assert reference == "NW-RO-031"
    assert "Northwind Radiation Oncology Clinical Guideline NW-RO-031" not in canonical
