"""Coding tables whose header a ``pdftotext -layout`` copy of a print set one space apart (``tests/fixtures/
coding_columns19``: HTML in ``src/`` printed by Chromium, remade by ``python tests/docgen.py
$PWD/tests/fixtures/coding_columns19``, the print's ``file://`` address then replaced by a web one).

A browser sizes a narrow column (a code, a modifier) to its cells, so ``-layout`` writes the header's one-word
names one space apart (``HCPCS Modifier Description``), a name wrapped under its own (``Not`` / ``payable``), a
key one space before the next cell (``95810 Lab``).  Read by the columns the keyed rows show, when they are as
many as the names.  What must stay as it was: a header whose words are more than its columns (a name of two
words), a phrase in lower case, a header over rows that are not keyed."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_file_report
from policyvc.parser.aligned_tables import read_aligned

SHAPES = FIXTURES / "coding_columns19"

TABLES = {
    "oxygen-concentrators": (
        ("HCPCS", "Modifier", "Description", "Payable", "Not payable"),
        [
            ("E1390", "RR", "Yes", ""),
            ("E0431", "RR", "Yes", ""),
            ("E1405", "", "", "Not payable"),
        ],
    ),
    "sleep-studies": (
        ("CPT", "Setting", "Description", "Covered", "Excluded"),
        [
            ("95810", "Lab", "Yes", ""),
            ("95811", "Lab", "Yes", ""),
            ("95806", "", "", "Excluded"),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_header_set_one_space_apart_takes_its_columns_from_the_rows(name: str) -> None:
    report = parse_file_report(SHAPES / f"{name}.chromium.pdftotext-layout.txt", recover=True)
    header, rows = TABLES[name]
    tables = body_tables(report.policy)
    assert [t.header for t in tables][:1] == [header]
    got = [tuple(" ".join(c) for c in row.cells) for row in tables[0].rows]
    assert [(r[0], r[1], *r[3:]) + ("",) * (5 - len(r)) for r in got] == rows
    assert all(r[2].split()[0][0].isupper() and len(r[2]) > 40 for r in got)  # (the description whole)
    assert not any("do not sit under its header" in d.message for d in report.diagnostics)


_ROWS = (
    "    E1390       RR           Oxygen concentrator, single delivery port           Yes",
    "    E0431       RR           Portable gaseous oxygen system, rental              Yes",
)


@pytest.mark.parametrize(
    "header",
    [
        # (more words than columns: a name of two words, which word goes where is not told)
        "    Code Modifier Long Description                                          Payable",
        # (a phrase in lower case over the rows: no names)
        "    Codes listed below are payable                                          Status",
        # (a label alone over a code table: one column's name, or none)
        "    CPT Codes",
        "    HCPCS Codes Modifier:",
    ],
)
def test_a_header_whose_words_are_not_one_a_column_is_not_spread(header: str) -> None:
    table = read_aligned(["", header, *_ROWS, ""], 1, lambda j: False)
    assert table is None or not table.rows or (len(table.header) != 4 and table.header[0] != "CPT")


def test_rows_that_are_not_keyed_give_no_columns() -> None:
    lines = [
        "",
        "    Drug Route Form                                                        Limit",
        "    Ozempic     subcutaneous pen                                           4 per 28 days",
        "    Rybelsus    oral         tablet                                        30 per 30 days",
        "",
    ]
    table = read_aligned(lines, 1, lambda j: False)
    assert table is None or not table.rows or table.header[0] != "Drug"
