"""A first cell merged down over rows of their own (a drug over its strengths: HTML's ``rowspan``, Word's
``vMerge``) reads as one row per row it spans, each keyed by the merged cell, as the table shows it — not as one
row whose other cells hold every row's text run together.

What must not split: a row whose merged cell has nothing beside it on the rows below (no rows of their own), a
rule inside a row that does not reach the table's right edge (a box drawn in a cell) and, in a table without
merged cells, anything at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Table

_STYLE = """<style>body{font-family:Arial,sans-serif;font-size:11pt;margin:24px}
table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #555;padding:3px 6px;vertical-align:top;font-size:10pt}</style>"""

_HEAD = """<h1>Long-Acting Insulin Quantity Limits</h1>
<p><strong>Policy Number:</strong> RX-QL-204<br><strong>Effective Date:</strong> 03/01/2026</p>
<h2>Quantity Limits</h2>"""

_ROWSPAN = f"""<!doctype html><html><head><meta charset='utf-8'><title>Limits</title>{_STYLE}</head><body>{_HEAD}
<table><tr><th>Product</th><th>Package</th><th>Maximum per 30 days</th></tr>
<tr><td rowspan="3">Insulin glargine (Lantus)</td><td>100 units/mL vial</td><td>3 vials</td></tr>
<tr><td>100 units/mL SoloStar pen</td><td>15 pens</td></tr>
<tr><td>300 units/mL Max SoloStar</td><td>9 pens</td></tr>
<tr><td rowspan="2">Insulin degludec (Tresiba)</td><td>100 units/mL FlexTouch</td><td>15 pens</td></tr>
<tr><td>200 units/mL FlexTouch</td><td>9 pens</td></tr>
<tr><td>Insulin detemir (Levemir)</td><td>100 units/mL vial</td><td>3 vials</td></tr>
</table>
<h2>References</h2><p>Prescribing information for each product. 2025.</p>
</body></html>"""

# not merged: a cell holds a small box (a rule that starts in the second column but stops short of the edge)
_BOXED = f"""<!doctype html><html><head><meta charset='utf-8'><title>Limits</title>{_STYLE}</head><body>{_HEAD}
<table style="width:100%"><tr><th>Product</th><th>Package</th><th>Maximum per 30 days</th></tr>
<tr><td>Insulin glargine (Lantus)</td><td>100 units/mL vial<div style="border-top:1px solid #000;width:60%;
margin-top:8px;padding-top:4px">SoloStar pen also covered</div></td><td>3 vials</td></tr>
<tr><td>Insulin detemir (Levemir)</td><td>100 units/mL vial</td><td>3 vials</td></tr>
</table>
<h2>References</h2><p>Prescribing information for each product. 2025.</p>
</body></html>"""


def _tables(blocks: tuple[object, ...]) -> list[Table]:
    out: list[Table] = []
    for b in blocks:
        if isinstance(b, Table):
            out.append(b)
        out.extend(_tables(getattr(b, "blocks", ())))
    return out


def _rows(path: Path) -> list[list[str]]:
    policy = parse_file_report(path, recover=True).policy
    tables = _tables(tuple(policy.body))
    assert len(tables) == 1, [t.header for t in tables]
    return [[" ".join(c) for c in r.cells] for r in tables[0].rows]


_EXPECTED = [
    ["Insulin glargine (Lantus)", "100 units/mL vial", "3 vials"],
    ["Insulin glargine (Lantus)", "100 units/mL SoloStar pen", "15 pens"],
    ["Insulin glargine (Lantus)", "300 units/mL Max SoloStar", "9 pens"],
    ["Insulin degludec (Tresiba)", "100 units/mL FlexTouch", "15 pens"],
    ["Insulin degludec (Tresiba)", "200 units/mL FlexTouch", "9 pens"],
    ["Insulin detemir (Levemir)", "100 units/mL vial", "3 vials"],
]


@pytest.mark.producers
def test_a_browsers_rowspan_is_one_row_per_strength(tmp_path: Path) -> None:
    from docgen import chromium_pdf, need

    need("chromium")
    assert _rows(chromium_pdf(_ROWSPAN, tmp_path / "limits.pdf")) == _EXPECTED


@pytest.mark.producers
def test_a_rule_inside_a_cell_splits_no_row(tmp_path: Path) -> None:
    from docgen import chromium_pdf, need

    need("chromium")
    rows = _rows(chromium_pdf(_BOXED, tmp_path / "boxed.pdf"))
    assert [r[0] for r in rows] == ["Insulin glargine (Lantus)", "Insulin detemir (Levemir)"]
    assert "SoloStar pen also covered" in rows[0][1]


def _docx(path: Path, body: list[list[str]], merges: list[tuple[int, int]]) -> Path:
    """A Word table (header + ``body``) under a short policy; ``merges``: first-column cells merged from row
    ``a`` down to row ``b`` (body rows, as Word writes it: ``vMerge`` restart, then continue)."""
    import docx

    document = docx.Document()
    document.add_heading("Erythropoiesis Agents Dosing", level=1)
    document.add_paragraph("Policy Number: PH-DOSE-77")
    document.add_paragraph("Effective Date: 04/01/2026")
    document.add_heading("Dosing Limits", level=2)
    table = document.add_table(rows=1 + len(body), cols=3)
    table.style = "Table Grid"
    for j, name in enumerate(["Agent", "Vial", "Maximum"]):
        table.cell(0, j).text = name
    for i, row in enumerate(body, start=1):
        for j, text in enumerate(row):
            if text:
                table.cell(i, j).text = text
    for a, b in merges:
        table.cell(1 + a, 0).merge(table.cell(1 + b, 0))
    document.add_heading("References", level=2)
    document.add_paragraph("Prescribing information. 2025.")
    document.save(str(path))
    return path


def test_a_words_merged_first_cell_is_every_rows_key(tmp_path: Path) -> None:
    body = [
        ["Darbepoetin alfa (Aranesp)", "25 mcg/mL vial", "0.45 mcg/kg weekly"],
        ["", "100 mcg/mL vial", "500 mcg every 3 weeks"],
        ["Methoxy polyethylene glycol-epoetin beta (Mircera)", "50 mcg/0.3 mL syringe", "0.6 mcg/kg every 2 weeks"],
        ["", "100 mcg/0.3 mL syringe", "1.2 mcg/kg monthly"],
        ["", "200 mcg/0.3 mL syringe", "1.2 mcg/kg monthly"],
    ]
    path = _docx(tmp_path / "esa.docx", body, [(0, 1), (2, 4)])
    assert _rows(path) == [
        ["Darbepoetin alfa (Aranesp)", "25 mcg/mL vial", "0.45 mcg/kg weekly"],
        ["Darbepoetin alfa (Aranesp)", "100 mcg/mL vial", "500 mcg every 3 weeks"],
        ["Methoxy polyethylene glycol-epoetin beta (Mircera)", "50 mcg/0.3 mL syringe", "0.6 mcg/kg every 2 weeks"],
        ["Methoxy polyethylene glycol-epoetin beta (Mircera)", "100 mcg/0.3 mL syringe", "1.2 mcg/kg monthly"],
        ["Methoxy polyethylene glycol-epoetin beta (Mircera)", "200 mcg/0.3 mL syringe", "1.2 mcg/kg monthly"],
    ]


def test_a_merged_cell_with_nothing_beside_it_below_adds_no_row(tmp_path: Path) -> None:
    body = [
        ["Darbepoetin alfa (Aranesp)", "25 mcg/mL vial", "0.45 mcg/kg weekly"],
        ["", "", ""],
        ["Epoetin alfa (Retacrit)", "10,000 units/mL vial", "40,000 units weekly"],
    ]
    path = _docx(tmp_path / "esa.docx", body, [(0, 1)])
    assert [r[0] for r in _rows(path)] == ["Darbepoetin alfa (Aranesp)", "Epoetin alfa (Retacrit)"]
