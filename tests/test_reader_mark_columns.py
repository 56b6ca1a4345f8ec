"""A two-column table whose second column holds only a check mark or a cross (``Product | Applies`` /
``Medicaid`` / ``✓``), printed by a browser: the first column's widest label leaves its mark one space after it.

``pdftotext -layout`` then sets that row's mark short of its column (``Dual Eligible Special Needs Plan ✓``):
the mark is the next column's cell, never the label's last word nor a wrap of the row above.  Reading order
prints the table cell by cell, that row's label and mark on one line, the next row's label run under it with
no blank line between: still rows of a label and a mark.

The fixtures are our own HTML pages in two payers' wordings (a family's product table ahead of its
Description, a plan's ``Applicable Plans`` with ``✔`` / ``✘``), printed by Chromium
(``python tests/docgen.py $PWD/tests/fixtures/mark_columns``); both copies of each print must read the same
rows.  A label one space before a mark is split only where the mark stands alone at the run's end; text under
two names that is no mark stays what it was.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_text_report
from policyvc.parser.aligned_tables import read_aligned
from policyvc.parser.cell_tables import read_cells
from policyvc.parser.nodes import Table

HERE = FIXTURES / "mark_columns"

_EXPECTED = {
    "keystone-home-infusion": (
        ("Line of Business", "Applies"),
        [
            ("Medicaid", "✓"),
            ("Dual Eligible Special Needs Plan", "✓"),
            ("Commercial", "✗"),
            ("Marketplace", "✓"),
        ],
    ),
    "harborview-hearing-aids": (
        ("Plan", "Included"),
        [("HMO", "✔"), ("Medicare Advantage Prescription Drug Plan", "✘"), ("PPO", "✔")],
    ),
}


def _marks_table(name: str) -> Table:
    policy = parse_text_report((HERE / name).read_text(encoding="utf-8"), recover=True).policy
    return body_tables(policy)[0]


@pytest.mark.parametrize("copy", ["pdftotext", "pdftotext-layout"])
@pytest.mark.parametrize("page", sorted(_EXPECTED))
def test_a_mark_column_reads_each_row_its_label_and_its_mark(page: str, copy: str) -> None:
    table = _marks_table(f"{page}.chromium.{copy}.txt")
    header, rows = _EXPECTED[page]
    assert table.header == header
    assert [tuple(" ".join(c) for c in r.cells) for r in table.rows] == rows


def test_a_mark_one_space_after_a_label_is_split_only_at_a_runs_end() -> None:
    lines = [
        "    Plan                             Covered",
        "    Commercial                       ✓",
        "    Medicare Supplement Plan ✓",
        "    Individual                       ✗",
    ]
    table = read_aligned(lines, 0, lambda j: False)
    assert table is not None
    assert [r[1] for r in table.rows] == [("Commercial", "✓"), ("Medicare Supplement Plan", "✓"), ("Individual", "✗")]
    # (a mark inside a cell's text is the text's: ``✓ indicates …`` wraps on as the label's cell)
    inside = [*lines[:2], "    Medicare Supplement ✓ indicates", *lines[3:]]
    table = read_aligned(inside, 0, lambda j: False)
    assert table is not None and ("Medicare Supplement", "✓") not in [r[1] for r in table.rows]
    assert any("Medicare Supplement ✓ indicates" in r[1][0] for r in table.rows)


def _cells(*blocks: str) -> list[str]:
    out: list[str] = []
    for block in blocks:
        out += [*block.split("\n"), ""]
    return out


def test_cells_under_two_names_that_are_no_marks_are_no_mark_table() -> None:
    furniture = lambda j: False  # noqa: E731
    marked = _cells("Plan", "Covered", "HMO", "✓", "PPO ✗\nEPO", "✓")
    table = read_cells(marked, 0, furniture)
    assert table is not None and [r[1] for r in table.rows] == [("HMO", "✓"), ("PPO", "✗"), ("EPO", "✓")]
    # (one row only: a label and a mark may be anything — a heading over a lone glyph)
    assert read_cells(_cells("Plan", "Covered", "HMO", "✓", "Coverage", "The plan covers this."), 0, furniture) is None
    # (a label followed by a sentence, not a mark: no row of this shape)
    words = _cells("Plan", "Covered", "HMO", "Yes, with prior approval.", "PPO", "No.")
    assert read_cells(words, 0, furniture) is None
    # (a sentence that ends in a mark is no label: ``Members who qualify are marked ✓``)
    sentence = _cells("Plan", "Covered", "Members who qualify are marked with ✓.", "HMO", "✓")
    assert read_cells(sentence, 0, furniture) is None
