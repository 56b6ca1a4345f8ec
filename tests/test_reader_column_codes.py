"""Coding tables LibreOffice printed over a page break, read column by column (``tests/fixtures/column_codes``:
``src/make.py`` writes the DOCX, LibreOffice prints it, ``pdftotext`` reads the PDF in reading order).

Reading order gives each page's codes a line each (blank lines between where rows differ in height), then the
descriptions wrapped in their narrow column — or a page's descriptions first and its codes after them, a
description the page break cut going on in lower case at the next page's top.  Read row by row, the same rows
as the PDF read directly and as the table written (``src/make.py``'s ``ROWS``): a description's line that
starts with a capital (``ECG``, ``Roux-en-Y``) starts a row only where its first word would have fitted on the
line above.  Where the lines cannot be shared out into exactly as many descriptions as codes, nothing is
paired: the text stays, with a warning, never a code with another row's words."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy

HERE = FIXTURES / "column_codes"


def _written() -> dict[str, list[tuple[str, str]]]:
    spec = importlib.util.spec_from_file_location("column_codes_make", HERE / "src" / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    rows: dict[str, list[tuple[str, str]]] = module.ROWS
    return rows


ROWS = _written()


def _code_rows(policy: Policy) -> list[tuple[str, ...]]:
    tables = [t for t in body_tables(policy) if "Description" in t.header]
    assert len(tables) == 1
    return [tuple(" ".join(c) for c in row.cells) for row in tables[0].rows]


@pytest.mark.parametrize("name", sorted(ROWS))
@pytest.mark.parametrize("copy", ["pdf", "pdftotext.txt", "pdftotext-layout.txt"])
def test_a_coding_table_over_a_page_break_reads_as_written(name: str, copy: str) -> None:
    report = parse_file_report(HERE / f"{name}.libreoffice.{copy}", recover=True)
    assert _code_rows(report.policy) == ROWS[name]
    assert not any("cannot be paired" in d.message for d in report.diagnostics)


_HEAD = """Clinical Policy: Bariatric Surgery
Reference Number: CP.MP.99
Date of Last Revision: 06/25

Description
Bariatric surgery alters the gastrointestinal tract to promote weight loss.

Coding Implications
This clinical policy references Current Procedural Terminology (CPT®).
CPT®
Codes
43644
43645
43770

Description
"""

_TAIL = """
Reviews, Revisions, and Approvals
Policy developed.
"""


def _rows(text: str) -> tuple[list[tuple[str, ...]], list[str]]:
    report = parse_text_report(text, recover=True)
    rows = [tuple(" ".join(c) for c in r.cells) for t in body_tables(report.policy) for r in t.rows]
    return rows, [d.message for d in report.diagnostics]


def test_a_wrapped_line_starting_with_a_capital_goes_on_its_description() -> None:
    """``Roux-en-Y`` under a line that stops on ``and``; the next description under a short line."""
    rows, _ = _rows(
        _HEAD + "Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass and\n"
        "Roux-en-Y gastroenterostomy (roux limb 150 cm or less)\n"
        "Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass and\n"
        "small intestine reconstruction to limit absorption\n"
        "Laparoscopy, surgical, gastric restrictive procedure; placement of adjustable\n"
        "gastric restrictive device\n" + _TAIL
    )
    assert rows == [
        (
            "43644",
            "Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass and Roux-en-Y"
            " gastroenterostomy (roux limb 150 cm or less)",
        ),
        (
            "43645",
            "Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass and small intestine"
            " reconstruction to limit absorption",
        ),
        (
            "43770",
            "Laparoscopy, surgical, gastric restrictive procedure; placement of adjustable gastric restrictive device",
        ),
    ]


def test_descriptions_that_cannot_be_shared_out_pair_nothing() -> None:
    """Four lines that each could start a description for three codes: which one goes on is not known."""
    rows, messages = _rows(
        _HEAD + "Gastric restrictive procedure with gastric bypass\n"
        "Revision of gastric restrictive procedure\n"
        "Removal of gastric restrictive device\n"
        "Laparoscopy, surgical\n" + _TAIL
    )
    assert not any(r[0] in {"43644", "43645", "43770"} for r in rows)
    assert any("cannot be paired" in m for m in messages)


def test_a_later_page_gives_its_codes_and_descriptions_with_no_name_over_them() -> None:
    """The header and a row on one page; the next page's running header, its codes (blank lines between),
    then their descriptions, no column's name repeated."""
    text = (
        _HEAD.replace("43645\n43770\n", "")
        + "Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass\n\n"
        "\fClinical Policy: Bariatric Surgery\n43645\n\n43770\n\n"
        "Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass and\n"
        "small intestine reconstruction to limit absorption\n"
        "Laparoscopy, surgical, gastric restrictive procedure; placement of adjustable\n"
        "gastric restrictive device\n" + _TAIL
    )
    rows, _ = _rows(text)
    assert [r[0] for r in rows] == ["43644", "43645", "43770"]
    assert rows[1][1].endswith("to limit absorption") and rows[2][1].endswith("gastric restrictive device")
