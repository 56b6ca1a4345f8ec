"""One bordered HTML table whose rows have two and three cells, printed by Chromium: each word is read once.

``fixtures/mixed_width_tables/mixed-width-table.html`` (written here, printed with ``chromium --headless
--print-to-pdf``) holds a coding table's header and one code row (two cells) and a revision log (three cells) in
one ``<table border=1>``: the rules under the two-cell rows are narrower than the log's, two groups of rules over one
region. The text of each cell appears once in the extraction — a word two groups of rules both hold is read by the
first — and the code the print set on the header's line is kept in the tree, never dropped with a table of no rows.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from policyvc.parser import parse_file, parse_file_report
from policyvc.parser.pdf import extract
from policyvc.renderer.outline import render_outline

SEED = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
PDF = Path(__file__).parent / "fixtures" / "mixed_width_tables" / "mixed-width-table.chromium.pdf"


def test_each_cell_is_read_once() -> None:
    text = extract(PDF).text
    for cell in ("J1303", "Injection, ravulizumab-cwvz, 10 mg", "Policy created", "02.01.21", "01.20.26"):
        assert text.count(cell) == 1, cell


def test_the_code_row_and_the_log_rows_are_kept_once() -> None:
    report = parse_file_report(PDF, recover=True)
    outline = render_outline(report.policy)
    assert outline.count("J1303") == 1
    for row in ("Policy created", "added generalized myasthenia gravis", "1Q 2026 annual review"):
        assert outline.count(row) == 1, row


def test_a_pharmacy_coding_header_holding_its_row_is_kept_as_text(tmp_path: Path) -> None:
    """The seed's coding table as such a print gives it: the header and its one row on one line, no row under it."""
    text = SEED.read_text(encoding="utf-8")
    old = "HCPCS Codes\tDescription\nJ2820\tInjection, sargramostim (GM-CSF), 50 mcg\n"
    assert old in text
    path = tmp_path / "merged-header.txt"
    path.write_text(text.replace(old, "HCPCS Codes J2820\tDescription Injection, sargramostim (GM-CSF), 50 mcg\n"))
    policy = parse_file(path)
    assert policy.hcpcs == ()
    assert any("J2820" in p.text for p in policy.coding_intro)
