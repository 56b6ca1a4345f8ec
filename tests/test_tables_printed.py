"""Tables of printed policies read back (``parser/aligned_tables.py``, ``parser/cell_tables.py``): documents
in the styles of Cigna, UnitedHealthcare, Humana, a CMS billing article and a Blue Cross plan, printed by
Chromium (its default header and footer) and LibreOffice from ``tests/fixtures/tables/src/*.html`` and read
by ``pdftotext`` in both modes (``tests/fixtures/tables/*.txt``; the page's address made a payer's).  Each
test asserts what the document's text states: a table's header cells, its rows, a wrapped cell's whole
text in one cell, no page furniture in any cell, the history a table holds."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy, Section, Table
from policyvc.parser.space_tables import space_tables

TABLES = FIXTURES / "tables"
HEAD = "Knee Injections\nPolicy Number: MP-31\nEffective Date: 01/01/2026\n\n"
FURNITURE = re.compile(r"https?://|\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}|Page \d+ of \d+|\b\d/\d\b$")


def _read(name: str) -> tuple[Policy, list[Table], list[str]]:
    """The policy, its body's tables and its section titles."""
    policy = parse_file_report(TABLES / f"{name}.txt", recover=True).policy
    tables: list[Table] = []
    titles: list[str] = []
    stack = list(policy.body)
    while stack:
        s = stack.pop(0)
        titles.append(s.title)
        tables.extend(b for b in s.blocks if isinstance(b, Table))
        stack[0:0] = [b for b in s.blocks if isinstance(b, Section)]
    return policy, tables, titles


def _cells(table: Table) -> list[list[str]]:
    return [[" ".join(c) for c in row.cells] for row in table.rows]


def _no_furniture(tables: list[Table]) -> None:
    for table in tables:
        for row in _cells(table):
            assert not any(FURNITURE.search(c) for c in row), row


BOTH = ("chromium.pdftotext-layout", "chromium.pdftotext")


@pytest.mark.parametrize("mode", BOTH)
def test_uhc_code_tables_with_wrapped_descriptions(mode: str) -> None:
    policy, tables, titles = _read(f"uhc-applicable-codes.{mode}")
    cpt, hcpcs = tables
    assert cpt.header == ("CPT Code", "Description") and hcpcs.header == ("HCPCS Code", "Description")
    assert [r.key for r in cpt.rows] == ["95800", "95801", "95806", "95810", "95811"]
    assert _cells(cpt)[4][1] == (
        "Polysomnography; age 6 years or older, sleep staging with 4 or more additional parameters of sleep, with "
        "initiation of continuous positive airway pressure therapy or bilevel ventilation, attended by a technologist"
    )
    assert [r.key for r in hcpcs.rows] == ["G0398", "G0399"]
    assert not {"CPT Code", "Description", "Date", "Summary of Changes", "03/01/2026"} & set(titles)
    _no_furniture(tables)
    # (the history table, ``Date | Summary of Changes``, over a page break with the print's furniture)
    assert [str(e.date) for e in policy.revision_log] == ["2025-01-01", "2026-03-01"]
    assert policy.revision_log[1].description.startswith("Coverage Rationale: Revised list of conditions")


@pytest.mark.parametrize("mode", BOTH)
def test_cms_billing_article_code_tables_and_revision_history(mode: str) -> None:
    policy, tables, titles = _read(f"cms-lcd-billing-article.{mode}")
    cpt, icd = tables
    assert cpt.header == ("Code", "Description") and len(cpt.rows) == 10
    assert _cells(cpt)[1][1].endswith("innervated by three or more nerves or four or more spinal levels")
    assert [r.key for r in icd.rows][:2] == ["E08.40", "E11.42"] and len(icd.rows) == 6
    assert icd.rows[2].key.replace(" -", "") == "G56.00 G56.03"  # (a range: one key, never two rows)
    assert not {"Code", "Description", "M54.12", "G56.03"} & set(titles)
    _no_furniture(tables)
    # (three columns, its names wrapped over three lines, at the top of page 2)
    log = [(str(e.date), e.description) for e in policy.revision_log]
    assert log[0] == ("2019-11-01", "R1 New article.") and len(log) == 3


def test_cigna_revision_details_with_wrapped_first_column_over_a_page_break() -> None:
    for mode in BOTH:
        policy, _, titles = _read(f"cigna-quantity-limits.{mode}")
        log = [(str(e.date), e.description) for e in policy.revision_log]
        assert log == [
            ("2024-04-01", "New New policy."),
            ("2025-09-15", "Selected Revision Trulicity 3 mg/0.5 mL and 4.5 mg/0.5 mL single-dose pens added."),
            ("2026-04-01", "Annual Revision Updated the Home Delivery maximum quantity for Victoza from 6 pens to 9 "
                           "pens. Added Rybelsus 3 mg tablets to the table."),
        ], mode  # fmt: skip
        assert not {"Type of", "Revision", "Summary of Changes"} & set(titles)


def test_cigna_quantity_table_with_a_run_in_cell_is_kept_as_text_with_a_warning() -> None:
    # pdftotext set two cells of one row one space apart (``… (4 mg/3 mL) 1 pen (3 mL)``): the table is
    # not presented as whole; its text stays, and a warning says where
    report = parse_file_report(TABLES / "cigna-quantity-limits.chromium.pdftotext-layout.txt", recover=True)
    _, tables, _ = _read("cigna-quantity-limits.chromium.pdftotext-layout")
    assert [t.header for t in tables] == [("HCPCS Codes", "Description")]
    assert any("do not sit under its header" in d.message for d in report.diagnostics)


def test_humana_dosing_table_multi_line_cells_and_an_empty_comment() -> None:
    _, tables, titles = _read("humana-dosing.chromium.pdftotext-layout")
    dosing, codes = tables
    assert dosing.header == ("Indication", "Dose", "Maximum Dose")
    assert _cells(dosing) == [
        ["Febrile neutropenia prophylaxis",
         "6 mg subcutaneously once per chemotherapy cycle, given no sooner than 24 hours after chemotherapy",
         "6 mg per cycle"],
        ["Hematopoietic subsyndrome of acute radiation syndrome",
         "Two doses, 6 mg each, administered subcutaneously one week apart", "12 mg total"],
        ["Pediatric patients weighing less than 45 kg", "Weight-based dosing per the prescribing information",
         "6 mg per cycle"],
    ]  # fmt: skip
    assert codes.header == ("HCPCS Code(s)", "Description", "Comment")  # (``Code(s)`` wrapped under ``HCPCS``)
    assert [(r.key, " ".join(r.cells[2])) for r in codes.rows] == [
        ("J2506", ""), ("Q5108", ""), ("Q5111", "New code effective 01/01/2026"),
    ]  # fmt: skip
    assert "Indication" not in titles and "HCPCS Description Comment Code(s)" not in titles


def test_libreoffice_rows_centred_in_their_cells() -> None:
    policy, tables, _ = _read("bcbs-cgm.libreoffice.pdftotext-layout")
    (codes,) = tables
    assert codes.header == ("Codes", "Number", "Description")
    assert [(c[0], c[1]) for c in _cells(codes)] == [("CPT", "95249"), ("CPT", "95250"), ("HCPCS", "A9276"),
                                                      ("HCPCS", "E2103")]  # fmt: skip
    assert _cells(codes)[0][2].endswith("patient training, and printout of recording")
    assert [str(e.date) for e in policy.revision_log] == ["2025-05-01", "2026-05-01"]


# --- the rules, on small pages -------------------------------------------------------------------------------


def test_two_columns_with_wrapped_cells_and_a_header_wrapped_under_its_name() -> None:
    lines = [
        "    CPT®*             Description",
        "    Codes",
        "    64633             Destruction by neurolytic agent, paravertebral facet joint nerve(s), with imaging",
        "                      guidance (fluoroscopy or CT); cervical or thoracic, single facet joint",
        "    64635             Lumbar or sacral, single facet joint",
        "",
        "    References",
    ]
    out = space_tables(lines)
    assert [line for line in out if "\t" in line] == [
        "CPT®* Codes\tDescription",
        "64633\tDestruction by neurolytic agent, paravertebral facet joint nerve(s), with imaging guidance "
        "(fluoroscopy or CT); cervical or thoracic, single facet joint",
        "64635\tLumbar or sacral, single facet joint",  # (a capital on a row's first line: its own row)
    ]
    assert out[-1] == "    References" and len(out) == len(lines)


def test_a_header_centred_over_its_columns() -> None:
    lines = [
        "            Drug                               Maximum Units",
        "  Product A (generic name)            2 vials per 28 days",
        "  Product B                           4 pens per 28 days",
    ]
    assert space_tables(lines)[:3] == [
        "Drug\tMaximum Units", "Product A (generic name)\t2 vials per 28 days", "Product B\t4 pens per 28 days",
    ]  # fmt: skip


def test_a_first_cell_wrapped_in_lower_case_goes_on_its_row() -> None:
    lines = [
        "Product                 Strength                Quantity Limit",
        "Ozempic®                2 mg/3 mL pen           1 pen per 28 days",
        "(semaglutide            (0.25 or 0.5 mg",
        "subcutaneous)           per dose)",
        "Rybelsus®               7 mg tablet             30 tablets per 30 days",
    ]
    rows = [line.split("\t") for line in space_tables(lines) if "\t" in line][1:]
    assert rows == [
        ["Ozempic® (semaglutide subcutaneous)", "2 mg/3 mL pen (0.25 or 0.5 mg per dose)", "1 pen per 28 days"],
        ["Rybelsus®", "7 mg tablet", "30 tablets per 30 days"],
    ]


def test_page_furniture_inside_a_table_is_no_cell_and_does_not_split_it() -> None:
    lines = [
        "Date          Summary of Changes",
        "03/01/2026    Coverage Rationale: revised the list of",
        "              conditions.",
        "https://www.example.com/policies/sleep-studies 2/3",
        "12/5/26, 3:14 PM          Sleep Studies - Medical Policy",
        "              Archived previous policy version.",
        "01/01/2025    Applicable Codes: added CPT code 95801.",
        "",
    ]
    out = space_tables(lines)
    assert [line for line in out if "\t" in line] == [
        "Date\tSummary of Changes",
        "03/01/2026\tCoverage Rationale: revised the list of conditions. Archived previous policy version.",
        "01/01/2025\tApplicable Codes: added CPT code 95801.",
    ]
    assert out[3] == lines[3] and out[4] == lines[4]  # (left where they are, for the furniture pass)


def test_a_field_label_ending_in_date_is_no_table() -> None:
    # (a web page's field: its label on one line, its value on the next)
    text = "Revision Ending Date\nN/A\nRetirement Date\nN/A\n\nCoverage Indications\nSome text.\n"
    report = parse_text_report(HEAD + text, source="x.txt", recover=True)
    tables = [b for s in report.policy.body for b in s.blocks if isinstance(b, Table)]
    assert not tables
    assert space_tables(text.split("\n")) == text.split("\n")


def test_a_header_alone_is_kept_as_a_paragraph() -> None:
    report = parse_text_report(HEAD + "Coding\nCode\tCode Description\nCodes covered when criteria are met:\n",
                               source="x.txt", recover=True)  # fmt: skip
    section = report.policy.body[0]
    assert not any(isinstance(b, Table) for b in section.blocks)
    assert any("no row under it" in d.message for d in report.diagnostics)


def test_a_history_table_read_cell_by_cell_key_last() -> None:
    lines = ["Revision Details", "Type of", "Revision", "", "Summary of Changes", "", "Date", "", "Annual", "Revision",
             "", "Criteria reworded.", "", "03/15/2026", "", "New", "", "New policy.", "", "03/15/2023", "",
             "References"]  # fmt: skip
    out = space_tables(lines)
    assert [line for line in out if "\t" in line] == [
        "Type of Revision\tSummary of Changes\tDate",
        "Annual Revision\tCriteria reworded.\t03/15/2026",
        "New\tNew policy.\t03/15/2023",
    ]
    assert out[0] == "Revision Details" and out[-1] == "References"


@pytest.mark.parametrize("mode", ["libreoffice.pdftotext", "libreoffice.pdftotext-layout"])
def test_a_table_of_one_row(mode: str) -> None:
    """A drug guideline's products table of one row (`Brand Name | Generic Name` / `Nucala | mepolizumab`,
    LibreOffice's print of a DOCX; reading order writes it a column a block): a table, its one row whole."""
    _, tables, _ = _read(f"specialty-products.{mode}")
    (products,) = tables
    assert products.header == ("Brand Name", "Generic Name")
    assert _cells(products) == [["Nucala", "mepolizumab"]]


def test_a_name_and_a_value_a_block_are_no_table_when_the_value_is_a_fields() -> None:
    # (a number, a date or a sentence under a short name: a field or a heading's text, never a table's cell)
    lines = ["Policy Number", "MP-31", "", "Effective Date", "01/01/2026", "", "Scope", "Applies to all plans.", ""]
    assert space_tables(lines) == lines


def test_cells_whose_order_says_nothing_stay_text() -> None:
    # (no key to tell the rows: which block is which cell is a guess)
    lines = ["Drug Limits", "Product", "", "Strength", "", "Ozempic®", "", "2 mg/3 mL", "", "Rybelsus®", "",
             "7 mg", ""]  # fmt: skip
    assert space_tables(lines) == lines


def test_names_above_the_header_leave_a_cell_table_as_text() -> None:
    lines = ["Coding", "", "Codes", "", "CPT", "", "Number", "", "Description", "", "95249", "", "Ambulatory "
             "monitoring", "", "95250", "", "Ambulatory monitoring, provided", ""]  # fmt: skip
    out = space_tables(lines)
    assert not any(line.startswith("Number\t") for line in out)


def test_every_word_of_a_printed_table_is_kept() -> None:
    # (a merged cell is written again on each row it spans: words may come back, never go)
    for path in sorted(TABLES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        out = space_tables(lines)
        lost = Counter(" ".join(lines).split()) - Counter(" ".join(out).split())
        assert not lost, path.name


@pytest.mark.producers
@pytest.mark.slow
def test_a_fresh_chromium_print_reads_to_the_same_tables(tmp_path: Path) -> None:
    from docgen import chromium_pdf, need, pdftotext

    need("chromium", "pdftotext")
    html = (TABLES / "src" / "uhc-applicable-codes.html").read_text(encoding="utf-8")
    pdf = chromium_pdf(html, tmp_path / "uhc.pdf")
    for layout in (True, False):
        report = parse_text_report(pdftotext(pdf, layout=layout), source="uhc.txt", recover=True)
        tables = [b for s in report.policy.body for b in s.blocks if isinstance(b, Table)]
        assert [(t.header, len(t.rows)) for t in tables] == [
            (("CPT Code", "Description"), 5), (("HCPCS Code", "Description"), 2),
        ], layout  # fmt: skip
        _no_furniture(tables)
        assert len(report.policy.revision_log) == 2


def test_a_web_copy_s_row_whose_cell_broke_onto_the_next_line() -> None:
    lines = ["Code\tDescription", "J3490\tUnclassified drugs, when specified as", "semaglutide administered in office",
             "J3590\tUnclassified biologics", "Coverage applies to all plans."]  # fmt: skip
    assert space_tables(lines) == [
        "Code\tDescription", "J3490\tUnclassified drugs, when specified as semaglutide administered in office", "",
        "J3590\tUnclassified biologics", "Coverage applies to all plans.",
    ]  # fmt: skip
