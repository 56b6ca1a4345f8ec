"""First pages and histories in the shapes other payers' copies give them (generic template).

* Two fields set side by side on one line with a tab's gap (a LibreOffice print of a Word table or of tab stops),
  one of them a label the reader does not know (``Guideline Number: <ID> ⇥ Applies to: <plans>``, ``Drug Policy ID:
  <ID> ⇥ Line of Business: <plan>`` over ``Last Revised: <month> ⇥ Approved by: <committee>``): the known fields
  are read — the document is never refused for stating no identifier — and the unknown field is kept in the text
  as written.  A row of such cells that names no identifier or date stays what it was.
* Two dates of the same slot under different labels (``Date Revised: 04/14/2026`` and ``Review Date: 04/2026``):
  the preferred one is the header's review date, the other kept as the header's extra, never lost.
* The title standing only in the running header (a Word file whose first page starts with the fields, the plan's
  kind and the drug in the page header): the first page's copy is the document's title, the later ones furniture.
  A first page that states its title below the running header keeps the running header furniture there too.
* ``pdftotext -layout`` of a head with the plan's line over a large title a print wrapped before its brand name
  (``<generic>`` / ``(<Brand>®)``): the title whole, the plan's line its own.
* A web copy's history under a heading in sentence case (``Policy updates`` / ``6/2025: …``): the history's
  heading and its entries.

Invented policy text; the fixtures are written the way such copies come (a viewer's text with tabs, a PDF drawn
as a Word print lays it out, a ``-layout`` print, a web page's text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy
from policyvc.renderer.text import render_text

_BODY = """
Overview

Dupilumab is an interleukin-4 receptor alpha antagonist used for moderate to severe atopic dermatitis.

Coverage Criteria

Dupilumab is approved for 6 months when ALL of the following are met:

1. Age 6 months or older;
2. Diagnosis of moderate to severe atopic dermatitis;
3. Inadequate response to a topical corticosteroid of medium potency or higher.

Revision History

Date\tAction
03/17/2026\tAnnual review; age lowered to 6 months.
"""


def _read(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


# --- fields side by side, a label the reader does not know ------------------------------------------------------


def test_a_known_field_beside_an_unknown_label_is_read_viewer_copy() -> None:
    policy = _read(
        "Pinecrest Health\n\nPharmacy Coverage Guideline\n\nDupilumab (Dupixent) for Atopic Dermatitis\n\n"
        "Guideline Number: RX-0442\tApplies to: Commercial, Individual Marketplace\n" + _BODY
    )
    assert policy.reference_number == "RX-0442"
    assert policy.header.title == "Dupilumab (Dupixent) for Atopic Dermatitis"
    assert "Applies to: Commercial, Individual Marketplace" in render_text(policy)


def test_two_rows_of_side_by_side_fields_with_unknown_labels() -> None:
    policy = _read(
        "Harbor Valley Health Plan\n\nPharmacy Prior Authorization Criteria\n\nDupilumab (Dupixent)\n\n"
        "Drug Policy ID: HVHP-RX-118\tLine of Business: Medicaid\n"
        "Last Revised: March 2026\tApproved by: Pharmacy & Therapeutics Committee\n" + _BODY
    )
    assert policy.reference_number == "HVHP-RX-118"
    assert policy.header.title == "Dupilumab (Dupixent)"
    assert policy.header.last_review == dt.date(2026, 3, 1)
    assert policy.header.lines_of_business == ("Medicaid",)
    assert "Approved by: Pharmacy & Therapeutics Committee" in render_text(policy)


def test_a_row_of_labelled_cells_naming_no_identifier_or_date_is_no_header() -> None:
    policy = _read(
        "Pinecrest Health\n\nPharmacy Coverage Guideline\n\nDupilumab (Dupixent) for Atopic Dermatitis\n\n"
        "Policy Number: RX-0442\n\nDose: 300 mg every 2 weeks\tSupply: 2 syringes per 28 days\n" + _BODY
    )
    assert policy.reference_number == "RX-0442"
    assert "300 mg every 2 weeks" in render_text(policy)


def _pairs_pdf(path: Path) -> Path:
    """A LibreOffice-like print: the fields of a row set at two tab stops on one line."""
    c = canvas.Canvas(str(path), pagesize=letter)
    height = letter[1]
    y = height - 60.0

    def line(text: str, x: float = 56.0, size: float = 10.0, font: str = "Helvetica", gap: float = 14.0) -> None:
        nonlocal y
        c.setFont(font, size)
        c.drawString(x, y, text)
        y -= gap

    line("Pinecrest Health", size=11, gap=24)
    line("Pharmacy Coverage Guideline", size=11, gap=30)
    line("Dupilumab (Dupixent) for Atopic Dermatitis", size=15, font="Helvetica-Bold", gap=30)
    c.setFont("Helvetica", 10)
    c.drawString(56, y, "Guideline Number: RX-0442")
    c.drawString(300, y, "Applies to: Commercial, Individual Marketplace")
    y -= 36
    for text in _BODY.strip().split("\n"):
        if not text:
            y -= 8
            continue
        if "\t" in text:
            left, right = text.split("\t")
            c.setFont("Helvetica", 10)
            c.drawString(56, y, left)
            c.drawString(160, y, right)
            y -= 14
            continue
        bold = text in ("Overview", "Coverage Criteria", "Revision History")
        line(text, x=72 if text[:1].isdigit() else 56, font="Helvetica-Bold" if bold else "Helvetica")
    c.save()
    return path


def test_a_known_field_beside_an_unknown_label_is_read_pdf(tmp_path: Path) -> None:
    report = parse_file_report(_pairs_pdf(tmp_path / "guideline.pdf"), recover=True)
    assert report.policy.reference_number == "RX-0442"
    assert report.policy.header.title == "Dupilumab (Dupixent) for Atopic Dermatitis"


# --- two dates of one slot -------------------------------------------------------------------------------------


def test_a_second_review_date_under_another_label_is_kept_as_an_extra() -> None:
    policy = _read(
        "Keystone Pharmacy Solutions\nPrior Authorization Guideline\n\nDupilumab (Dupixent)\n\n"
        "Guideline ID: KPS-PA-1180\nEffective Date: 05/01/2026\nDate Revised: 04/14/2026\nReview Date: 04/2026\n"
        + _BODY
    )
    assert policy.header.effective_date == dt.date(2026, 5, 1)
    assert policy.header.last_review == dt.date(2026, 4, 1)
    assert "Date Revised: 04/14/2026 (2026-04-14)" in policy.header.extras


def test_the_same_review_date_twice_adds_no_extra() -> None:
    policy = _read(
        "Keystone Pharmacy Solutions\nPrior Authorization Guideline\n\nDupilumab (Dupixent)\n\n"
        "Guideline ID: KPS-PA-1180\nReview Date: 04/14/2026\nLast Review Date: 04/14/2026\n" + _BODY
    )
    assert policy.header.last_review == dt.date(2026, 4, 14)
    assert not [x for x in policy.header.extras if "04/14/2026" in x]


# --- the title only in the running header ------------------------------------------------------------------------

_RUNNING = ("Keystone Pharmacy Solutions Prior Authorization Guideline", "Dupilumab (Dupixent)")


def _running_pdf(path: Path, titled: bool) -> Path:
    """A Word file's print (A4): the running header's two lines at every page's top, the first page's text starting
    with the fields (``titled``: with the title set again above them)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    pages = [
        [
            *(["Dupilumab (Dupixent) for Atopic Dermatitis", ""] if titled else []),
            "Guideline ID: KPS-PA-1180",
            "Effective Date: 05/01/2026",
            "Review Date: 04/14/2026",
            "",
            "Coverage Criteria",
            "Dupilumab is approved for 6 months when ALL of the following are met:",
            *(f"{k}. The member has documented finding number {k} in the chart notes; AND" for k in range(1, 30)),
        ],
        [
            *(f"{k}. The member has documented finding number {k} in the chart notes; AND" for k in range(30, 45)),
            "45. The prescriber is a dermatologist or an allergist.",
            "",
            "Revision History",
            "03/17/2026 Annual review; age lowered to 6 months.",
        ],
    ]
    for n, lines in enumerate(pages, start=1):
        c.setFont("Helvetica", 9)
        c.drawString(56, height - 36, _RUNNING[0])
        c.setFont("Helvetica-Bold", 11)
        c.drawString(56, height - 50, _RUNNING[1])
        y = height - 110.0
        for text in lines:
            if not text:
                y -= 8
                continue
            bold = text in ("Coverage Criteria", "Revision History") or text.startswith("Dupilumab (Dupixent) for")
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
            c.drawString(72 if text[:1].isdigit() else 56, y, text)
            y -= 14
        c.setFont("Helvetica", 9)
        c.drawString(270, 40, f"Page {n} of {len(pages)}")
        c.showPage()
    c.save()
    return path


def test_the_title_only_in_the_running_header_is_the_documents(tmp_path: Path) -> None:
    report = parse_file_report(_running_pdf(tmp_path / "guideline.pdf", titled=False), recover=True)
    policy = report.policy
    assert policy.header.title == "Dupilumab (Dupixent)"
    assert policy.reference_number == "KPS-PA-1180"
    canonical = render_text(policy)
    assert canonical.count(_RUNNING[0]) <= 1  # (the later pages' copies stay furniture)
    assert "45. The prescriber" in canonical or "The prescriber is a dermatologist" in canonical


def test_a_first_page_that_states_its_title_keeps_the_running_header_furniture(tmp_path: Path) -> None:
    report = parse_file_report(_running_pdf(tmp_path / "guideline.pdf", titled=True), recover=True)
    policy = report.policy
    assert policy.header.title == "Dupilumab (Dupixent) for Atopic Dermatitis"
    assert _RUNNING[0] not in render_text(policy)


# --- a -layout head: the plan's line over a title wrapped before its brand ------------------------------------------


def test_a_layout_title_wrapped_before_its_brand_under_the_plans_line() -> None:
    text = (
        "Riverside Community Health Plan — Pharmacy Prior Authorization Policy\n\n\n\n"
        "Lumacaftor/Ivacaftor\n(Orkambi®)\n"
        "Policy Number: RCHP-RX-0307\nEffective Date: 02/01/2026\nLast Reviewed: 12/09/2025\n"
        "Applies to: Medicaid, CHIP\n\n\n\n"
        "Criteria for Initial Approval\n"
        "Orkambi may be approved when all of the following are met:\n\n"
        "1. Diagnosis of cystic fibrosis;\n"
        "2. Age 1 year or older;\n"
        "3. Homozygous for the F508del mutation in the CFTR gene, confirmed by a genetic test listed in the\n"
        "   prescribing information;\n"
        "4. Prescribed by or in consultation with a pulmonologist or a cystic fibrosis care center.\n"
        "Approval duration: 12 months\n\n"
        "Page 1 of 1\n\f"
    )
    policy = _read(text)
    assert policy.header.title == "Lumacaftor/Ivacaftor (Orkambi®)"
    assert policy.reference_number == "RCHP-RX-0307"
    assert "Riverside Community Health Plan — Pharmacy Prior Authorization Policy" in render_text(policy)


# --- a web copy's history heading in sentence case ---------------------------------------------------------------


def test_a_history_under_a_sentence_case_heading_on_a_web_copy() -> None:
    policy = _read(
        "Orthotic Helmets for Positional Plagiocephaly\n\n"
        "Medical Policy Number: MP-DME-318\nEffective Date: July 1, 2025\n\n"
        "Coverage Policy\n\n"
        "A cranial orthosis is medically necessary when all of the following are met:\n\n"
        "1. Age 3 to 18 months;\n2. Failure of two months of repositioning.\n\n"
        "Codes\n\nCode\tDescription\nS1040\tCranial remolding orthosis, pediatric, custom fabricated\n\n"
        "Recent updates\n\n"
        "6/2025: Annual review; no changes.\n"
        "5/2023: Age range clarified.\n"
    )
    assert [e.date for e in policy.revision_log] == [dt.date(2023, 5, 1), dt.date(2025, 6, 1)] or [
        e.date for e in policy.revision_log
    ] == [dt.date(2025, 6, 1), dt.date(2023, 5, 1)]
    assert "Recent updates" in render_text(policy)
