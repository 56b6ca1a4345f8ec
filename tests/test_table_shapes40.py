"""What is a table and what is not, in a web copy's tabs and in ``pdftotext -layout`` of a Word document's print.

A web page's copy indents a list's sub-items with tabs (``<tab>a. The patient has …; OR`` under ``1. … one of the
following:``): a tab before a list's marker alone is the list's indentation, never a one-cell table's row — a table
sets its columns apart on every row.  ``pdftotext -layout`` of LibreOffice's print of a Word document sets a
section's heading and lead-in between two tables, and the next table's header under them: the table above ends at
the blank line, never taking them as its rows; and it may set a column a few characters over from a wrapped cell's
next line on, or on the next page's first row: the next row with a code shows where, and the rows stay one table.
In the PDF itself, the row a page break cut from a ruled table, drawn at the new page's top with its sides but none
of its inner rules, is the table's row in the columns it had above — never a code read as a heading.

The policies here are invented (their own drugs, numbers and wording) in the styles of several payers; the PDFs are
LibreOffice's prints of Word documents python-docx writes."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from docgen import have, need

from policyvc.parser import parse_file, parse_text_report
from policyvc.renderer.outline import render_outline

_HEAD = "Pharmacy Policy: Examplizumab (Zentrava)\nPolicy Number: RX-2041\nEffective Date: January 1, 2026\n\n"


def _outline(text: str) -> list[str]:
    policy = parse_text_report(text, "<web>").policy
    return [line for line in render_outline(policy).split("\n") if line and not line.startswith("header.")]


def _kinds(lines: list[str], kind: str) -> list[str]:
    return [line.split("\t")[2] for line in lines if line.split("\t")[1].startswith(kind)]


# (a web copy's lists indented with tabs: a payer's lettered sub-items, another's nested numbers and romans)
_LETTERED = (
    "Coverage Criteria\n"
    "Examplizumab is considered medically necessary when all of the following are met:\n"
    "1. The patient meets one of the following:\n"
    "\ta. The patient has a diagnosis of moderate to severe asthma; OR\n"
    "\tb. The patient has a diagnosis of chronic rhinosinusitis with nasal polyps; AND\n"
    "2. The patient is 12 years of age or older; AND\n"
    "3. The medication is prescribed by a pulmonologist or allergist.\n\n"
    "References\n1. Example reference. J Allergy 2024.\n"
)
_NESTED = (
    "Criteria for Initial Approval\n"
    "Prior authorization is approved when the member meets all of the following:\n"
    "A. Diagnosis of hereditary angioedema confirmed by one of the following:\n"
    "\t1. C1 esterase inhibitor level below the lower limit of normal; or\n"
    "\t2. C1 esterase inhibitor function below 50% of normal, with both of the following:\n"
    "\t\ti. C4 level below the lower limit of normal; and\n"
    "\t\tii. Testing repeated at least one month apart; and\n"
    "B. The drug is used for the prevention of attacks.\n\n"
    "References\n1. Example reference. J Allergy 2024.\n"
)


@pytest.mark.parametrize(
    ("body", "items"),
    [
        (
            _LETTERED,
            [
                "The patient has a diagnosis of moderate to severe asthma; OR",
                "The patient has a diagnosis of chronic rhinosinusitis with nasal polyps; AND",
            ],
        ),
        (
            _NESTED,
            [
                "C1 esterase inhibitor level below the lower limit of normal; or",
                "C1 esterase inhibitor function below 50% of normal, with both of the following:",
                "C4 level below the lower limit of normal; and",
                "Testing repeated at least one month apart; and",
            ],
        ),
    ],
)
def test_items_a_web_copy_indented_with_tabs_are_the_lists_items(body: str, items: list[str]) -> None:
    lines = _outline(_HEAD + "Description\nExamplizumab is a monoclonal antibody.\n\n" + body)
    assert not [line for line in lines if "\ttable\t" in line or "\trow\t" in line]
    texts = [line.split("\t")[2] for line in lines]
    for item in items:
        assert item in texts
    # (the items under their lead-in: the list goes on past them, its next item its own)
    assert any(line.split("\t")[1] in ("any", "all", "set:any", "set:all") for line in lines)


def test_a_tab_table_whose_rows_start_with_an_empty_cell_stays_a_table() -> None:
    table = (
        "Dosing\n"
        "Indication\tDose\tMaximum\n"
        "Asthma\ta. 100 mg every 4 weeks\t100 mg\n"
        "\tb. 300 mg every 4 weeks for ages 12 and older\t300 mg\n\n"
        "References\n1. Example reference. J Allergy 2024.\n"
    )
    lines = _outline(_HEAD + "Description\nExamplizumab is a monoclonal antibody.\n\n" + table)
    assert any("\ttable\tIndication | Dose | Maximum" in line for line in lines)


_GRID = [
    (
        "Severe eosinophilic asthma",
        "Blood eosinophil count of at least 150 cells/µL within the past 6 weeks",
        "12 months",
    ),
    (
        "Chronic rhinosinusitis with nasal polyps",
        "Inadequate response to intranasal corticosteroids for 8 weeks",
        "6 months",
    ),
]
_DOSING = [
    (
        "Benralizumab (Fasenra®)",
        "30 mg SC every 4 weeks for the first 3 doses, then every 8 weeks thereafter",
        "30 mg every 8 weeks",
    ),
    ("Mepolizumab (Nucala®)", "100 mg SC every 4 weeks", "100 mg every 4 weeks"),
    ("Reslizumab (Cinqair®)", "3 mg/kg IV infusion every 4 weeks", "3 mg/kg every 4 weeks"),
]
_QUANTITY = [
    ("Nucala 100 mg/mL autoinjector", "1 autoinjector per 28 days"),
    ("Fasenra 30 mg/mL pen", "1 pen per 56 days"),
]
_CODES = [
    ("J0517", "Injection, benralizumab, 1 mg"),
    ("J2182", "Injection, mepolizumab, 1 mg"),
    (
        "J2786",
        "Injection, reslizumab, 1 mg, for intravenous use only, administered in a physician office or infusion "
        "center setting",
    ),
    ("J2357", "Injection, omalizumab, 5 mg"),
]
_LOG = [
    ("Policy created.", "03/2026"),
    ("Annual review: added the pediatric dose of mepolizumab; references reviewed and updated.", "04/2026"),
]


def _word(out: Path, a4: bool) -> Path:
    import docx
    from docx.shared import Cm, Pt

    doc = docx.Document()
    if a4:
        doc.sections[0].page_width, doc.sections[0].page_height = Cm(21.0), Cm(29.7)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)

    def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for i, name in enumerate(header):
            t.rows[0].cells[i].paragraphs[0].add_run(name).bold = True
        for row in rows:
            for i, value in enumerate(row):
                t.add_row() if i == 0 else None
                t.rows[-1].cells[i].text = value

    doc.add_heading("Medical Benefit Drug Policy: Anti-IL-5 Biologics", 0)
    doc.add_paragraph("Policy Number: PHARM-2217")
    doc.add_paragraph("Effective Date: May 1, 2026")
    doc.add_heading("Description", 1)
    doc.add_paragraph("This policy describes the coverage of monoclonal antibodies against interleukin-5.")
    doc.add_heading("Coverage Criteria", 1)
    doc.add_paragraph("The following criteria apply to each indication:")
    table(("Indication", "Criteria", "Approval Duration"), _GRID)
    doc.add_heading("Dosing and Administration", 1)
    doc.add_paragraph("The doses below are the maximum doses covered.")
    table(("Drug Name", "Dosing Regimen", "Maximum Dose"), _DOSING)
    doc.add_heading("Quantity Limits", 1)
    table(("Product", "Quantity Limit"), _QUANTITY)
    doc.add_heading("Coding Implications", 1)
    doc.add_paragraph("Codes referenced in this clinical policy are for informational purposes only.")
    table(("HCPCS Codes", "Description"), _CODES)
    doc.add_heading("Revision History", 1)
    table(("Revision", "Date"), _LOG)
    doc.add_heading("References", 1)
    doc.add_paragraph("1. Global Initiative for Asthma. Global strategy for asthma management, 2025.")
    path = out / f"{'a4' if a4 else 'letter'}.docx"
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def layouts() -> dict[str, Path]:
    need("soffice", "pdftotext")
    soffice, pdftotext = have("soffice"), have("pdftotext")
    assert soffice is not None and pdftotext is not None
    out = Path(tempfile.mkdtemp(prefix="shapes40"))
    words = [_word(out, a4) for a4 in (True, False)]
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                *[str(out), *map(str, words)],
            ],
            capture_output=True,
            timeout=300,
            check=True,
        )
    texts: dict[str, Path] = {}
    for word in words:
        pdf = word.with_suffix(".pdf")
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
        texts[word.stem] = word.with_name(f"{word.stem}-layout.txt")
        texts[word.stem].write_text(text.stdout, encoding="utf-8")
        texts[f"{word.stem}.pdf"] = pdf
    return texts


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize("name", ["a4", "letter", "a4.pdf", "letter.pdf"])
def test_a_word_documents_tables_read_row_for_row(layouts: dict[str, Path], name: str) -> None:
    lines = [line for line in render_outline(parse_file(layouts[name])).split("\n") if "\t" in line]
    tables = _kinds(lines, "table")
    rows = _kinds(lines, "row")
    assert tables == [
        "Indication | Criteria | Approval Duration",
        "Drug Name | Dosing Regimen | Maximum Dose",
        "Product | Quantity Limit",
        "HCPCS Codes | Description",
    ]
    assert rows == [" | ".join(row) for row in (*_GRID, *_DOSING, *_QUANTITY, *_CODES)]
    # (the heading and the lead-in between two tables are the text's)
    assert "Dosing and Administration" in _kinds(lines, "heading")
    assert "The doses below are the maximum doses covered." in _kinds(lines, "paragraph")
    revisions = _kinds(lines, "revision")
    assert revisions == ["2026-03-01: Policy created.", f"2026-04-01: {_LOG[1][0]}"]


@pytest.mark.producers
@pytest.mark.slow
def test_the_a4_print_cuts_the_code_table_at_a_page_break(layouts: dict[str, Path]) -> None:
    # (what the cases above stand on: the last code's row is the next page's first line)
    text = layouts["a4"].read_text(encoding="utf-8")
    assert "\fJ2357" in text


# (a -layout log whose narrow Date column, the last, wrapped each date inside its year: month and year, or a
# whole day; the revision's text wrapped beside the year's rest or not)
_CUT_LOGS = [
    (
        "Revision History\n"
        "Revision                                                              Date\n"
        "Policy created.                                                       03/2\n"
        "                                                                      026\n"
        "Annual review: added the pediatric dose; references reviewed and      04/2\n"
        "updated.                                                              026\n",
        [
            ("2026-03-01", "Policy created."),
            ("2026-04-01", "Annual review: added the pediatric dose; references reviewed and updated."),
        ],
    ),
    (
        "Policy History\n"
        "Summary of Changes                                              Effective Date\n"
        "New policy.                                                     01/15/20\n"
        "                                                                25\n"
        "Updated the criteria for renewal; added the                     02/01/20\n"
        "quantity limit of the pen.                                      26\n",
        [
            ("2025-01-15", "New policy."),
            ("2026-02-01", "Updated the criteria for renewal; added the quantity limit of the pen."),
        ],
    ),
]


@pytest.mark.parametrize(("log", "entries"), _CUT_LOGS)
def test_a_log_whose_last_column_wrapped_its_dates_reads_each_date_whole(
    log: str, entries: list[tuple[str, str]]
) -> None:
    text = _HEAD + "Description\nExamplizumab is a monoclonal antibody.\n\n" + log + "\nReferences\n1. A reference.\n"
    lines = _outline(text)
    assert [line.split("\t")[2] for line in lines if line.split("\t")[1] == "revision"] == [
        f"{date}: {words}" for date, words in entries
    ]
    assert not [line for line in lines if line.split("\t")[1] in ("table", "row")]
