"""Quantity-limit tables a ``pdftotext -layout`` copy of a print ran together (``tests/fixtures/quantity_shapes19``:
HTML in ``src/`` printed by Chromium, remade by ``python tests/docgen.py $PWD/tests/fixtures/quantity_shapes19``,
the print's ``file://`` address then replaced by a web one).

A browser sizes each column to its widest cell, so ``-layout`` writes that cell one space before the next
column's text (``150 mg/mL, 300 mg/2 mL 5 pens first month, …``), a wide name into the strength's
(``Rizatriptan ODT 5 mg, 10 mg``), and a header's names likewise (``Drug Name Strength``).  Read by the columns'
known names and their cells' shapes: a strength's alternatives, a count without a unit, a quantity's
alternatives, a loading dose before the upkeep.  What must stay text: a header over prose or a wrapped cell, a
regimen's columns, a header inside a sentence."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_file_report
from policyvc.parser.quantity_tables import laid_quantity_table, quantity_table

SHAPES = FIXTURES / "quantity_shapes19"

ROWS = {
    "triptan-limits": [
        ("Sumatriptan", "25 mg, 50 mg, 100 mg", "9 per 30 days"),
        ("Rizatriptan ODT", "5 mg, 10 mg", "12 tablets per 30 days or 36 tablets per 90 days"),
        ("Zolmitriptan", "2.5 mg", "6 per 30 days"),
        ("Ubrelvy", "50 mg", "16 per 30 days"),
    ],
    "biologic-limits": [
        ("Cosentyx", "150 mg/mL, 300 mg/2 mL", "5 pens first month, then 2 pens per 28 days"),
        ("Taltz", "80 mg/mL", "3 first 28 days, then 1 per 28 days"),
        ("Skyrizi", "150 mg/mL", "1 per 84 days"),
        ("Tremfya", "100 mg/mL", "1 per 56 days"),
    ],
}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_a_printed_quantity_table_reads_to_its_cells(name: str) -> None:
    report = parse_file_report(SHAPES / f"{name}.chromium.pdftotext-layout.txt", recover=True)
    tables = [t for t in body_tables(report.policy) if len(t.header) == 3 and t.header[1] == "Strength"]
    assert len(tables) == 1
    assert [tuple(" ".join(c) for c in row.cells) for row in tables[0].rows] == ROWS[name]
    assert not any("do not sit under its header" in d.message for d in report.diagnostics)


_HEADER = "    Drug              Strength                Limit"


def _laid(*rows: str, above: str = "") -> list[str]:
    return [above, _HEADER, *rows, ""]


def test_a_laid_table_cuts_a_run_only_by_its_cells_shapes() -> None:
    table = laid_quantity_table(
        _laid(
            "    Fremanezumab      225 mg/1.5 mL, 675 mg 1 per 30 days or 3 per 90 days",
            "    Erenumab          70 mg/mL                1 per 30 days",
        ),
        1,
    )
    assert table is not None
    assert table.rows[0][1] == ("Fremanezumab", "225 mg/1.5 mL, 675 mg", "1 per 30 days or 3 per 90 days")
    assert table.end == 4


@pytest.mark.parametrize(
    "rows",
    [
        # (prose under the header: no row)
        ("    Limits apply to every strength listed on the formulary.", "    Erenumab  70 mg/mL  1 per 30 days"),
        # (a cell wrapped onto the next line: which row its words belong to is not told here)
        ("    Erenumab          70 mg/mL                1 per 30 days", "                      prefilled pen"),
        # (a limit of no count per period)
        (
            "    Erenumab          70 mg/mL                as prescribed",
            "    Galcanezumab      120 mg/mL   1 per 30 days",
        ),
        # (one row only)
        ("    Erenumab          70 mg/mL                1 per 30 days",),
    ],
)
def test_what_is_no_laid_quantity_table(rows: tuple[str, ...]) -> None:
    assert laid_quantity_table(_laid(*rows), 1) is None


def test_a_laid_header_inside_a_sentence_or_of_a_regimen_is_none() -> None:
    rows = (
        "    Erenumab          70 mg/mL                1 per 30 days",
        "    Fremanezumab      225 mg/1.5 mL           1 per 30 days",
    )
    assert laid_quantity_table(_laid(*rows, above="the limits below are set for each"), 1) is None
    regimen = [
        "    Drug           Dosing Regimen           Maximum Dose",
        "    Topiramate     25 mg PO BID    400 mg/day",
        "    Propranolol    40 mg PO BID    240 mg/day",
    ]
    assert laid_quantity_table(regimen, 0) is None


def test_the_one_space_reader_keeps_its_narrower_shapes() -> None:
    """A viewer's copy, every cell one space apart, is cut by shapes alone: a count with no unit or a loading
    dose would make more cuts possible, so it keeps its own (``1 per 30 days`` is no quantity there)."""
    assert (
        quantity_table(["Drug Strength Limit", "Erenumab 70 mg/mL 1 per 30 days", "Ajovy 225 mg 1 per 30 days"], 0)
        is None
    )
    assert quantity_table(
        ["Drug Strength Limit", "Erenumab 70 mg/mL 1 pen per 30 days", "Ajovy 225 mg 1 pen per 30 days"], 0
    )
