"""A pharmacy policy whose tables LibreOffice prints and poppler reads a column at a time.

Its copies are kept in ``tests/fixtures/column_blocks``.

Its tables are the kinds plans publish beside criteria: a two-column terms table whose definitions wrap, a
three-column therapeutic-alternatives table (a drug's brand wrapped under its name, a regimen over four lines,
a short column poppler cuts in two), a one-row dosing table, a four-column quantity-limit table whose rows
interleave (no proof: kept as text), a long two-column table across a page break and a revision log.
``python tests/column_block_docs.py OUT`` writes ``policy.docx``, its PDF and both ``pdftotext`` copies.
"""

from __future__ import annotations

import sys
from pathlib import Path

TERMS = [
    ("LDL-C", "Low-density lipoprotein cholesterol"),
    ("HeFH", "Heterozygous familial hypercholesterolemia"),
    ("ASCVD", "Atherosclerotic cardiovascular disease"),
    ("PCSK9", "Proprotein convertase subtilisin/kexin type 9"),
]
ALTERNATIVES = [
    ("atorvastatin (Lipitor®)", "40 to 80 mg PO once daily", "80 mg/day"),
    (
        "rosuvastatin (Crestor®)",
        "20 to 40 mg PO once daily; may start at 5 mg in patients of Asian ancestry",
        "40 mg/day",
    ),
    ("ezetimibe (Zetia®)", "10 mg PO once daily", "10 mg/day"),
]
DOSING = [("Primary hyperlipidemia", "140 mg SC every 2 weeks or 420 mg SC once monthly", "420 mg/month")]
QUANTITY = [
    ("Repatha SureClick", "140 mg/mL", "Every 2 weeks", "2 per 28 days"),
    ("Repatha Pushtronex", "420 mg/3.5 mL", "Once monthly", "1 per 28 days"),
]
ABBREVIATIONS = [(f"AB{i}", f"Meaning number {i} of the abbreviation list") for i in range(1, 30)]


def build(out: Path) -> Path:
    """The policy as a DOCX (python-docx: real Word tables with grid borders), written in ``out``."""
    from docx import Document

    d = Document()

    def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        t = d.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for i, h in enumerate(header):
            t.rows[0].cells[i].text = h
        for row in rows:
            cells = t.add_row().cells
            for i, c in enumerate(row):
                cells[i].text = c

    d.add_paragraph("Pharmacy Policy: PCSK9 Inhibitors")
    d.add_paragraph("Policy Number: RX-2231")
    d.add_paragraph("Effective Date: 04/01/2026")
    d.add_paragraph("Last Review Date: 02/10/2026")
    d.add_heading("Description", level=1)
    d.add_paragraph("Evolocumab is a PCSK9 inhibitor that lowers low-density lipoprotein cholesterol.")
    d.add_heading("Definitions", level=1)
    table(("Term", "Definition"), TERMS)
    d.add_heading("Therapeutic Alternatives", level=1)
    d.add_paragraph("The drugs listed here may require prior authorization.")
    table(("Drug Name", "Dosing Regimen", "Dose Limit"), ALTERNATIVES)
    d.add_heading("Dosage and Administration", level=1)
    table(("Indication", "Dosing Regimen", "Maximum Dose"), DOSING)
    d.add_heading("Quantity Limits", level=1)
    table(("Product", "Strength", "Frequency", "Quantity Limit"), QUANTITY)
    d.add_heading("Background", level=1)
    for _ in range(14):
        d.add_paragraph("Elevated LDL-C is a major risk factor for atherosclerotic cardiovascular disease. " * 3)
    d.add_heading("Codes", level=1)
    table(("Abbreviation", "Meaning"), ABBREVIATIONS)
    d.add_heading("Revision History", level=1)
    table(("Date", "Summary of Changes"), [("02/10/2026", "Annual review; no changes."), ("04/01/2025", "New policy.")])
    path = out / "policy.docx"
    d.save(str(path))
    return path


def main(argv: list[str]) -> int:
    from docgen import libreoffice_pdf, pdftotext

    out = Path(argv[1])
    pdf = libreoffice_pdf(build(out), out)
    (out / "policy.pdftotext").write_text(pdftotext(pdf), encoding="utf-8")
    (out / "policy.pdftotext-layout").write_text(pdftotext(pdf, layout=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
