"""Identifiers other payers write that the generic header reads (each becomes a store key, so each is read only
in an identifier's shape): a series' capitals and its number with a space, a ``Medical Policy`` label with a
colon or a dash, and a layout's label/value grid with no colons."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from policyvc.parser import parse_text_report


def _header(text: str) -> tuple[str, str]:
    h = parse_text_report(text, recover=True).policy.header
    return h.title, h.reference_number


@pytest.mark.parametrize(
    ("line", "reference"),
    [
        ("Coverage Policy Number              IP 0252", "IP 0252"),
        ("Policy Number: MP 221", "MP 221"),
        ("Reference number(s): 6130-B", "6130-B"),
        ("Medical Policy: S-44-027", "S-44-027"),
        ("MEDICAL POLICY – 7.01.108", "7.01.108"),
        ("Medical Policy – Knee Surgery", ""),  # (a name, no identifier: never a guess)
        ("Policy Number: 2026 review cycle", ""),
        # (a Blue Cross plan's web copy names its file; a guideline's head puts its number before its dates)
        ("File Code: 2.01.VT204", "2.01.VT204"),
        ("Guideline SLP-02 | Effective Date: March 21, 2026", "SLP-02"),
        ("Guideline 2026 update", ""),  # (a year is no identifier)
        ("Guidelines for Knee Surgery", ""),
    ],
)
def test_identifier_forms(line: str, reference: str) -> None:
    text = f"Knee Arthroscopy\n{line}\nEffective Date        04/15/2026\n\nOverview\n\nText of the policy.\n"
    assert _header(text)[1] == reference


def test_a_spaced_identifier_files_under_its_parts(tmp_path: Path) -> None:
    doc = tmp_path / "cigna.txt"
    doc.write_text(
        "Pharmacy Coverage Policy\nInflammatory Conditions\n  Coverage Policy Number     IP 0252\n"
        "  Effective Date             04/15/2026\n\nOverview\n\nThis policy addresses preferred products.\n",
        encoding="utf-8",
    )
    result = run_cli("ingest", "--store", str(tmp_path / "store"), str(doc))
    assert result.returncode == 0, result.stderr
    assert "IP.0252 @ 2026-04-15" in result.stdout


def test_a_word_header_grid_gives_the_header(tmp_path: Path) -> None:
    """A Word policy whose header is a two-column table (label | value) under its title: those rows are the
    header's fields, not a table of the body; a table of other things with a date in it stays a table."""
    from docx import Document

    from policyvc.parser import parse_file_report

    doc = Document()
    doc.add_heading("Cardiac Rehabilitation", level=1)
    grid = doc.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        grid.rows,
        [("Policy Number:", "MED-CR.04"), ("Effective Date:", "March 1, 2026"), ("Products:", "Commercial")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    doc.add_heading("Coverage Criteria", level=1)
    doc.add_paragraph("Cardiac rehabilitation is covered when ALL of the following are met:")
    doc.add_paragraph("A qualifying cardiac event within the past 12 months", style="List Number")
    doc.add_paragraph("A referral by the treating cardiologist", style="List Number")
    doc.add_heading("Document History", level=1)
    history = doc.add_table(rows=2, cols=2)
    for row, (date, action) in zip(history.rows, [("Date", "Action"), ("03/01/2026", "Annual review")], strict=True):
        row.cells[0].text, row.cells[1].text = date, action
    path = tmp_path / "policy.docx"
    doc.save(str(path))
    policy = parse_file_report(path, recover=True).policy
    h = policy.header
    assert (h.title, h.reference_number, str(h.effective_date)) == ("Cardiac Rehabilitation", "MED-CR.04", "2026-03-01")
    assert [str(e.date) for e in policy.revision_log] == ["2026-03-01"]
