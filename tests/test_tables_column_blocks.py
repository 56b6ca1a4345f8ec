"""Tables ``pdftotext`` (no ``-layout``) wrote a column at a time: rows rebuilt only where the counts prove them.

The policy is ``tests/column_block_docs.py``'s, printed by LibreOffice from a python-docx document, its two
``pdftotext`` copies kept in ``tests/fixtures/column_blocks``.  The rows asserted are the source's, never the
reader's output: where the raw copy proves them (each column's block under its name, a wrapped cell joined only
where its line must go on, a column poppler cut in two completed by the cells it lacks, the rows after a page
break) they are the table's rows, as ``-layout`` reads them; where it does not (a table whose rows interleave)
the lines stay text with a warning, and no row is guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from column_block_docs import ABBREVIATIONS, ALTERNATIVES, DOSING, TERMS, build, main
from conftest import FIXTURES
from docgen import need

from policyvc.parser import parse_text_report
from policyvc.parser.column_blocks import read_named_column_blocks
from policyvc.parser.nodes import Policy, Section, Table
from policyvc.renderer.outline import render_outline

HERE = FIXTURES / "column_blocks"


def _tables(policy: Policy) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    out: dict[tuple[str, ...], list[tuple[str, ...]]] = {}

    def walk(blocks: tuple[object, ...]) -> None:
        for b in blocks:
            if isinstance(b, Section):
                walk(b.blocks)
            elif isinstance(b, Table):
                rows = [tuple(" ".join(c) if not isinstance(c, str) else c for c in r.cells) for r in b.rows]
                out[b.header] = rows

    walk(policy.body)
    return out


def _read(text: str, name: str) -> tuple[Policy, list[str]]:
    report = parse_text_report(text, name, recover=True)
    return report.policy, [d.message for d in report.diagnostics]


def _check_raw(text: str) -> None:
    policy, messages = _read(text, "policy.pdftotext")
    tables = _tables(policy)
    assert tables[("Term", "Definition")] == TERMS  # (the terms' column cut in two: its last cells after the other)
    assert tables[("Drug Name", "Dosing Regimen", "Dose Limit")] == ALTERNATIVES
    assert tables[("Indication", "Dosing Regimen", "Maximum Dose")] == DOSING  # (one row, its regimen wrapped)
    assert tables[("Abbreviation", "Meaning")] == ABBREVIATIONS  # (29 rows, a page break after the seventh)
    # the quantity table's rows interleave (each product's name wrapped past the other columns): no proof, no row
    assert not [h for h in tables if "Quantity Limit" in h]
    assert any("printed cell by cell" in m and "Quantity Limit" in m for m in messages), messages
    said = render_outline(policy)
    for word in ("SureClick", "Pushtronex", "420 mg/3.5 mL", "1 per 28 days"):
        assert word in said  # (its text kept, in order, as paragraphs)


def test_raw_copy_rows_are_the_source_rows() -> None:
    _check_raw((HERE / "policy.pdftotext").read_text(encoding="utf-8"))


def test_raw_and_layout_give_the_same_terms_rows() -> None:
    raw = _tables(_read((HERE / "policy.pdftotext").read_text(encoding="utf-8"), "raw")[0])
    laid = _tables(_read((HERE / "policy.pdftotext-layout").read_text(encoding="utf-8"), "layout")[0])
    # (the -layout copy joins the alternatives' rows into one and runs the dosing table into it: its reader's
    # matter, not this one's — the terms' table both copies read)
    assert raw[("Term", "Definition")] == laid[("Term", "Definition")] == TERMS


@pytest.mark.producers
def test_libreoffice_print_read_raw(tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    assert main(["", str(tmp_path)]) == 0
    _check_raw((tmp_path / "policy.pdftotext").read_text(encoding="utf-8"))
    assert build  # (the same builder the fixture came from)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_a_wrapped_line_in_capitals_proves_nothing() -> None:
    """A definition wrapped onto a line that starts in capitals: the column's cells cannot be counted for sure
    (three lines for two rows, and no line must go on), so no table is made of it."""
    text = (
        "IV. Terms\nAcronym\nCMS\nFDA\n\nMeaning\nCenters for Medicare\nMedicaid Services\n"
        "Food and Drug Administration\n\nV. Background"
    )
    lines = _lines(text)
    assert read_named_column_blocks(lines, 1, lambda j: False) is None


def test_a_short_run_after_the_table_makes_its_end_unsure() -> None:
    """One row per column, then short runs that may be more of its cells: not read."""
    text = "Dosing\nIndication\nAsthma\n\nDose\n100 mg\n\nCOPD\n\n200 mg\n\nV. Background"
    lines = _lines(text)
    assert read_named_column_blocks(lines, 1, lambda j: False) is None


def test_columns_of_equal_counts_are_rows() -> None:
    text = "Appendix A: Vial Sizes\nProduct\nAlpha\nBeta\n\nVial Size\n10 mL\n20 mL\n\nVI. References"
    lines = _lines(text)
    table = read_named_column_blocks(lines, 1, lambda j: False)
    assert table is not None
    assert table.header == ("Product", "Vial Size")
    assert [cells for _, cells in table.rows] == [("Alpha", "10 mL"), ("Beta", "20 mL")]
