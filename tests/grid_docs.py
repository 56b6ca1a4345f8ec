"""A pharmacy policy with a dosing table that runs over a page break, written as Word writes it and printed by
LibreOffice, then read by ``pdftotext`` both ways: its default mode (a table's cells one a line, a column at a time,
the header row again on the next page) and ``-layout`` (the table's rows side by side).

``python tests/grid_docs.py`` rewrites the stored copies in ``tests/fixtures/grid_reads/`` (``v1`` the first
version, ``v2`` the next one: a criterion reworded, one cell of the table changed); the producers' test makes them
afresh and compares.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from docgen import libreoffice_pdfs, pdftotext

FIXTURES = Path(__file__).parent / "fixtures" / "grid_reads"

_HEADER = ("Patient age and weight", "Recommended daily dose", "Quantity limit")
_MEAL = "taken by mouth once daily after a meal"
_BOTTLES = "2 bottles (80 mL each) per 30 days"
_TABLETS = "30 tablets or 1 bottle per 30 days"
_ROWS = [
    ("2 months to less than 2 years", f"0.2 mg/kg {_MEAL}", _BOTTLES),
    ("2 years and older, less than 20 kg", f"0.25 mg/kg {_MEAL}", _BOTTLES),
    ("2 years and older, 20 kg or more", f"5 mg {_MEAL} (tablet or solution)", _TABLETS),
    ("Adults 18 years and older", f"5 mg {_MEAL} (tablet or solution)", _TABLETS),
]
_CRITERIA = [
    "Diagnosis of 5q spinal muscular atrophy (SMA) confirmed by genetic testing showing bi-allelic mutations in the "
    "survival motor neuron 1 (SMN1) gene;",
    "Prescribed by or in consultation with a neurologist or a specialist in neuromuscular disease;",
    "Member has not received onasemnogene abeparvovec-xioi gene therapy;",
    "Member is not receiving nusinersen at the same time;",
    "Baseline motor function assessment documented with an age-appropriate scale (for example HFMSE, RULM or "
    "CHOP INTEND).",
]
_FILLER = (
    "Risdiplam is a survival of motor neuron 2 (SMN2) splicing modifier taken by mouth. This policy sets out when "
    "the plan covers it under the pharmacy benefit for members of its commercial and Medicaid products. "
)


def _version(second: bool) -> tuple[list[str], list[tuple[str, ...]]]:
    criteria = list(_CRITERIA)
    rows = [list(r) for r in _ROWS]
    if second:
        criteria[1] = "Prescribed by or in consultation with a pediatric or adult neurologist;"
        rows[2][2] = "60 tablets or 2 bottles per 30 days"
    return criteria, [tuple(r) for r in rows]


def docx(out: Path, second: bool) -> Path:
    """The policy as a Word document (python-docx): title, label block, numbered criteria, the dosing table with
    its header row repeated on each page, a dated revision history."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    criteria, rows = _version(second)
    doc = Document()
    doc.add_paragraph("Priority Health — Pharmacy Policy")
    doc.add_heading("Risdiplam (Evrysdi)", level=1)
    doc.add_paragraph("Policy Number: PH-RX-3318")
    doc.add_paragraph(f"Effective Date: {'05/01/2026' if second else '05/01/2025'}")
    doc.add_paragraph(f"Last Reviewed: {'04/09/2026' if second else '04/10/2025'}")
    doc.add_heading("Background", level=2)
    for _ in range(14):
        doc.add_paragraph(_FILLER * 2)
    doc.add_heading("Criteria for Initial Approval", level=2)
    doc.add_paragraph("Risdiplam may be approved when all of the following are met:")
    for k, c in enumerate(criteria, 1):
        doc.add_paragraph(f"{k}. {c}")
    doc.add_paragraph("Approval duration: 12 months")
    doc.add_heading("Dosing and Quantity Limits", level=2)
    table = doc.add_table(rows=1 + len(rows), cols=3)
    table.style = "Table Grid"
    for j, cell in enumerate(_HEADER):
        table.rows[0].cells[j].text = cell
    trpr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for i, row in enumerate(rows, 1):
        for j, cell in enumerate(row):
            table.rows[i].cells[j].text = cell
    doc.add_paragraph(
        "Doses above those in the table, or a quantity above the limit, need a separate request with the "
        "prescriber's reasons."
    )
    doc.add_heading("References", level=2)
    doc.add_paragraph("1. Evrysdi (risdiplam) prescribing information. South San Francisco, CA: Genentech; 2025.")
    doc.add_paragraph(
        "2. Mercuri E, et al. Safety and efficacy of once-daily risdiplam in type 2 and non-ambulant type 3 "
        "spinal muscular atrophy. Lancet Neurol. 2022;21(1):42."
    )
    doc.add_heading("Revision History", level=2)
    entries = [("04/10/2025", "New policy.")]
    if second:
        entries.append(("04/09/2026", "Prescriber requirement revised; tablet quantity limit raised."))
    for date, what in entries:
        doc.add_paragraph(f"{date}: {what}")
    path = out / f"{'v2' if second else 'v1'}.docx"
    doc.save(str(path))
    return path


def copies(out: Path) -> dict[str, str]:
    """Both versions printed by LibreOffice and read both ways: ``v1.raw.txt``, ``v1.layout.txt``, …"""
    pdfs = libreoffice_pdfs([docx(out, False), docx(out, True)], out)
    return {
        f"{pdf.stem}.{'layout' if layout else 'raw'}.txt": pdftotext(pdf, layout=layout)
        for pdf in pdfs
        for layout in (False, True)
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in copies(Path(tmp)).items():
            (FIXTURES / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
