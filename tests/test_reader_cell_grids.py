"""Tables printed a cell a block with no key (``parser/cell_grids.py``), and a word a narrow column broke.

``pdftotext`` in reading order of a browser's print gives a small table a cell a block, row by row: the
header's names, then each row's cells.  No cell is a code or a date, so the rows are read back only where
the blocks share out with certainty — as many as rows times names, each column's cells starting alike (all
with a digit or none), a column of each kind.  A row reading order set on one line is cut where it cuts so
one way only.  Anything less stays text.

The fixture is our own HTML page (a quantity-limit table whose narrow first column breaks a product's name
without a hyphen: ``Pulmicortfle`` / ``xhaler``) printed by Chromium (``python tests/docgen.py
tests/fixtures/cell_grids``): its reading-order copy, its ``-layout`` copy and the PDF itself read to the same
rows, and ``diff`` of the PDF against its text reports no change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from heldout_support import body_tables

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy

HERE = FIXTURES / "cell_grids"
_ROWS = [
    ["Arnuity", "Ellipta 30 blisters", "1 inhaler per 30 days"],
    ["Asmanex", "HFA 120 actuations", "2 inhalers per 30 days"],
    ["Flovent", "Diskus 60 blisters", "2 inhalers per 30 days"],
    ["Pulmicortflexhaler", "Flexhaler 120 doses", "2 inhalers per 30 days"],
    ["Alvesco", "HFA 60 actuations", "3 inhalers per 30 days"],
]


def _rows(policy: Policy) -> list[tuple[tuple[str, ...], list[list[str]]]]:
    return [(t.header, [[" ".join(c) for c in r.cells] for r in t.rows]) for t in body_tables(policy)]


def _text(text: str) -> tuple[list[tuple[tuple[str, ...], list[list[str]]]], list[str]]:
    report = parse_text_report(text, recover=True)
    return _rows(report.policy), [d.message for d in report.diagnostics]


@pytest.mark.parametrize("copy", ["pdftotext", "pdftotext-layout"])
def test_a_quantity_table_printed_a_cell_a_block_reads_to_its_rows(copy: str) -> None:
    text = (HERE / f"granite-inhaler-limits.chromium.{copy}.txt").read_text(encoding="utf-8")
    tables, _ = _text(text)
    assert (("Product", "Package", "Quantity Limit"), _ROWS) in tables


@pytest.mark.producers
def test_the_pdf_and_its_pdftotext_read_to_the_same_rows_and_diff_to_no_change(tmp_path: Path) -> None:
    from docgen import chromium_pdf, need, pdftotext

    need("chromium", "pdftotext")
    pdf = chromium_pdf((HERE / "src" / "granite-inhaler-limits.html").read_text(encoding="utf-8"), tmp_path / "p.pdf")
    text = tmp_path / "p.txt"
    text.write_text(pdftotext(pdf), encoding="utf-8")
    from_pdf = _rows(parse_file_report(pdf, recover=True).policy)
    assert (("Product", "Package", "Quantity Limit"), _ROWS) in from_pdf
    assert from_pdf == _rows(parse_file_report(text, recover=True).policy)
    result = run_cli("diff", "--recover", str(pdf), str(text))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0].endswith(": no changes"), result.stdout


_HEAD = """Continuous Glucose Monitor Quantity Limits

Policy Number: RX-219
Effective Date: 02/01/2026

Quantity Limits
"""
_TAIL = """
Background
Sensors are replaced on the schedule the manufacturer states.
"""


def test_a_narrow_columns_broken_word_is_joined_where_the_text_writes_it_whole() -> None:
    """``Saxend`` / ``a`` in a cell is ``Saxenda`` where the text writes ``Saxenda`` elsewhere; a cell
    whose last word and the next line's are two words of the text (``Smart`` / ``transmitter``) stays two."""
    grid = (
        "Drug\n\nStrength\n\nQuantity Limit\n\nWegovy\n\n2.4 mg pen\n\n4 pens per 28 days\n\n"
        "Saxend\na\n\n18 mg/3 mL pen\n\n5 pens per 30 days\n\nSmart\ntransmitter\n\n1 unit\n\n1 per 365 days\n"
    )
    tables, _ = _text(_HEAD + grid + _TAIL + "Saxenda and Wegovy are weekly or daily pens; a smart reader too.\n")
    assert tables == [
        (
            ("Drug", "Strength", "Quantity Limit"),
            [
                ["Wegovy", "2.4 mg pen", "4 pens per 28 days"],
                ["Saxenda", "18 mg/3 mL pen", "5 pens per 30 days"],
                ["Smart transmitter", "1 unit", "1 per 365 days"],
            ],
        )
    ]


def test_a_row_reading_order_set_on_one_line_is_cut_where_it_cuts_one_way() -> None:
    """The widest row's cells one space apart, set right above the next row's first cell (no blank line):
    cut where each cell starts as its column's cells do."""
    grid = (
        "Drug Name\n\nDosing Regimen\n\nDose Limit/Maximum Dose\n\n"
        "leflunomide (Arava®) 10 – 20 mg PO QD 20 mg/day\nsulfasalazine (Azulfidine®)\n\n"
        "500 mg PO BID\n\n3 g/day\n\nhydroxychloroquine (Plaquenil®)\n\n200 – 400 mg PO QD\n\n400 mg/day\n"
    )
    tables, _ = _text(_HEAD + grid + _TAIL)
    assert tables == [
        (
            ("Drug Name", "Dosing Regimen", "Dose Limit/Maximum Dose"),
            [
                ["leflunomide (Arava®)", "10 – 20 mg PO QD", "20 mg/day"],
                ["sulfasalazine (Azulfidine®)", "500 mg PO BID", "3 g/day"],
                ["hydroxychloroquine (Plaquenil®)", "200 – 400 mg PO QD", "400 mg/day"],
            ],
        )
    ]


@pytest.mark.parametrize(
    "grid",
    [
        # (a cell missing — an empty cell is no block: the blocks do not share out)
        "Product\n\nComponent\n\nQuantity Limit\n\nDexa G2\n\nSensor\n\n3 per 30 days\n\nDexa G2\n\n"
        "1 per 365 days\n\nLibra 3\n\nReader\n\n1 per 365 days\n",
        # (no column starts with a number: nothing pins the columns)
        "Product\n\nComponent\n\nSupplier\n\nDexa G2\n\nSensor\n\nMail order\n\nLibra 3\n\nReader\n\nRetail\n",
    ],
)
def test_blocks_that_do_not_share_out_for_sure_stay_text(grid: str) -> None:
    tables, _ = _text(_HEAD + grid + _TAIL)
    assert tables == []


def test_a_table_printed_a_column_a_block_reads_to_its_rows() -> None:
    """LibreOffice's print read in reading order: the first names a block each, then each column's cells a
    block (a generic's brand wrapped into brackets, ``propranolol (Inderal`` / ``LA®)``; a regimen wrapped
    after ``to``), the last column's block headed by its own name wrapped over two lines."""
    grid = (
        "Drug Name\n\nDosing Regimen\n\ncandesartan\n(Atacand®)\namitriptyline\n(Elavil®)\nnadolol (Corgard\nLA®)\n"
        "\n8 mg PO QD; titrate to\n16 mg PO QD\n10 to 25 mg PO at\nbedtime\n40 mg PO QD\n\n"
        "Dose Limit/Maximum\nDose\n32 mg/day\n150 mg/day\n240 mg/day\n"
    )
    tables, _ = _text(_HEAD + grid + _TAIL)
    assert tables == [
        (
            ("Drug Name", "Dosing Regimen", "Dose Limit/Maximum Dose"),
            [
                ["candesartan (Atacand®)", "8 mg PO QD; titrate to 16 mg PO QD", "32 mg/day"],
                ["amitriptyline (Elavil®)", "10 to 25 mg PO at bedtime", "150 mg/day"],
                ["nadolol (Corgard LA®)", "40 mg PO QD", "240 mg/day"],
            ],
        )
    ]


def test_columns_a_block_that_count_differently_stay_text() -> None:
    grid = (
        "Drug Name\n\nDosing Regimen\n\ncandesartan\namitriptyline\nnadolol\n\n8 mg PO QD\n10 mg PO QD\n\n"
        "Dose Limit\n32 mg/day\n150 mg/day\n"
    )
    tables, _ = _text(_HEAD + grid + _TAIL)
    assert tables == []


_CODES_HEAD = """Mesa Health Plan Medical Policy Hyperbaric Oxygen Therapy
Mesa Health Plan
Medical Policy

Hyperbaric Oxygen Therapy

Policy Number: MP-4410
Effective Date: 03/01/2026

Coding
"""


def test_a_code_table_printed_a_column_at_a_time_over_a_page_break() -> None:
    """pdftotext in reading order of a LibreOffice print: the codes under their name, the page's number, the
    descriptions under theirs; the next page's running header, both names again, a description going on in
    lower case at its top (the row the page cut), then the page's own rows.  And a dated log printed a column at
    a time: its dates, the page's number, its texts."""
    text = (
        _CODES_HEAD + "Code\n99183\n\nPage 1 of 2\n\nDescription\nPhysician attendance and supervision of\n\n"
        "\fMesa Health Plan Medical Policy Hyperbaric Oxygen Therapy\nCode\nG0277\nA4575\n\nDescription\n"
        "hyperbaric oxygen therapy, per session\nHyperbaric oxygen under pressure, full body\n"
        "chamber, per 30 minute interval\nTopical hyperbaric oxygen chamber, disposable\n\n"
        "Policy History\nDate\n03/01/2024\n03/01/2025\n03/01/2026\n\nPage 2 of 2\n\nSummary of Changes\n"
        "New policy.\nAnnual review.\nAnnual review; code A4575 added.\n"
    )
    report = parse_text_report(text, recover=True)
    tables = _rows(report.policy)
    assert (
        ("Code", "Description"),
        [
            ["99183", "Physician attendance and supervision of hyperbaric oxygen therapy, per session"],
            ["G0277", "Hyperbaric oxygen under pressure, full body chamber, per 30 minute interval"],
            ["A4575", "Topical hyperbaric oxygen chamber, disposable"],
        ],
    ) in tables
    assert [(str(e.date), e.description) for e in report.policy.revision_log] == [
        ("2024-03-01", "New policy."),
        ("2025-03-01", "Annual review."),
        ("2026-03-01", "Annual review; code A4575 added."),
    ]


def test_a_code_column_given_partly_before_and_partly_after_its_descriptions() -> None:
    """Reading order gave the codes beside the descriptions' first lines before them and the rest after."""
    text = (
        _CODES_HEAD
        + "CPT®\n72131\n72132\n\nCode Description\nCT lumbar spine without contrast\nCT lumbar spine with contrast\n"
        "MRI lumbar spine without contrast, followed\nby contrast\nMyelography, lumbosacral\n\n72158\n72265\n\n"
        "References\n1. A reference. 2021.\n"
    )
    tables, _ = _text(text)
    assert (
        ("CPT®", "Code Description"),
        [
            ["72131", "CT lumbar spine without contrast"],
            ["72132", "CT lumbar spine with contrast"],
            ["72158", "MRI lumbar spine without contrast, followed by contrast"],
            ["72265", "Myelography, lumbosacral"],
        ],
    ) in tables


def test_a_second_code_tables_long_wrapped_name_starts_its_own_table_and_the_first_header_repeated_goes_on_it() -> None:
    """``pdftotext -layout`` of one printed table with two header rows: the ICD-10 codes' long name wrapped over
    two lines starts a table of its own; after a page break the print repeats the first header row, which goes
    on with the ICD-10 rows."""
    text = (
        _CODES_HEAD + "CPT® Codes                                       Description\n"
        "93580                                            Percutaneous transcatheter closure of\n"
        "                                                 congenital interatrial communication\n"
        "93312                                            Echocardiography, transesophageal\n"
        "ICD-10-CM Diagnosis Codes that Support           Description\n"
        "Coverage Criteria\n"
        "I63.40                                           Cerebral infarction due to embolism of\n"
        "                                                 unspecified cerebral artery\n"
        "I63.411                                          Cerebral infarction due to embolism of right\n"
        "\n\nPage 1 of 2\n\f"
        "CPT® Codes                                       Description\n"
        "I63.9                                            Cerebral infarction, unspecified\n"
        "Q21.12                                           Patent foramen ovale\n"
        "\nReferences\n1. A reference. 2021.\n\nPage 2 of 2\n"
    )
    tables, _ = _text(text)
    assert [(h, [r[0] for r in rows]) for h, rows in tables] == [
        (("CPT® Codes", "Description"), ["93580", "93312"]),
        (
            ("ICD-10-CM Diagnosis Codes that Support Coverage Criteria", "Description"),
            ["I63.40", "I63.411", "I63.9", "Q21.12"],
        ),
    ]
