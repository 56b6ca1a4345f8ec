"""Code tables with mark columns a copy set one space apart (``parser/mark_tables.py``), and a cell-by-cell
label table whose widest label a print set one space from its text (``parser/cell_tables.py``).

Our own copies in wordings and payers of our own (and Chromium prints of our own pages,
``tests/fixtures/label_tables``, remade by ``python tests/docgen.py tests/fixtures/label_tables``): a web copy
with ``✓`` marks and a name and its negation
over two words each, a viewer's copy that dropped its lines' trailing spaces, a table with a short column
(``Mod``) between code and description.  What must not be read so: a header over no row that splits, a
description ending in a capital letter under no mark header, mark names that are no name and its negation
past three words.
"""

from __future__ import annotations

from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_text_report
from policyvc.parser.cell_tables import _Block, _glued_row
from policyvc.parser.mark_tables import mark_table
from policyvc.parser.nodes import Policy


def _policy(body: str) -> Policy:
    text = "Sample Health Plan Medical Policy\nPolicy Number: SHP-0042\nEffective Date: 03/01/2026\n\n" + body
    return parse_text_report(text, recover=True).policy


_WEB = """Coverage
Home oxygen is covered when the criteria below are met.
Coding
CPT Codes Description Medically Necessary Not Medically Necessary
94760 Noninvasive ear or pulse oximetry; single determination ✓{sp}
94762 Noninvasive ear or pulse oximetry; by continuous overnight monitoring  ✓
E1390 Oxygen concentrator, single delivery port ✓{sp}
References
1. Sample reference.
""".format(sp=" ")

_TRIMMED = """Coding
HCPCS Mod Description Covered Excluded
L8680 NU Implantable neurostimulator electrode, each X
L8685  Implantable neurostimulator pulse generator, single array  X
Document History
"""


def test_a_web_copys_mark_columns_keep_their_names_and_marks() -> None:
    (table,) = body_tables(_policy(_WEB))
    assert table.header == ("CPT Codes", "Description", "Medically Necessary", "Not Medically Necessary")
    assert [r.key for r in table.rows] == ["94760", "94762", "E1390"]
    assert [tuple(" ".join(c) for c in r.cells[-2:]) for r in table.rows] == [("✓", ""), ("", "✓"), ("✓", "")]
    assert " ".join(table.rows[1].cells[1]).endswith("overnight monitoring")


def test_a_copy_without_trailing_spaces_and_a_short_column() -> None:
    lines = _TRIMMED.split("\n")
    found = mark_table(lines, 1)
    assert found is not None
    assert found.names == ("HCPCS", "Mod", "Description", "Covered", "Excluded")
    assert [cells for _, cells in found.rows] == [
        ("L8680", "NU", "Implantable neurostimulator electrode, each", "X", ""),
        ("L8685", "", "Implantable neurostimulator pulse generator, single array", "", "X"),
    ]
    assert found.end == 4


def test_what_is_no_mark_table() -> None:
    # (a header over no row that splits: a row with no mark at all, a row with no description)
    assert mark_table(["CPT Description Covered Not Covered", "99213 Office visit, established patient"], 0) is None
    assert mark_table(["CPT Description Covered Not Covered", "99213 X "], 0) is None
    # (no mark header: a description ending in a capital letter stays the code table's text)
    assert mark_table(["CPT Codes Description", "85250 Clotting; factor IX X"], 0) is None
    # (four names that are not a name and its negation: no way to tell the columns)
    assert mark_table(["CPT Description Prior Auth Not Needed", "99213 Office visit X   "], 0) is None
    policy = _policy("Coding\nCPT Codes Description\n85250 Clotting; factor X\n85260 Clotting; factor X\n")
    (table,) = body_tables(policy)
    assert table.header == ("CPT Codes", "Description")
    assert " ".join(table.rows[0].cells[-1]) == "Clotting; factor X"


def test_a_label_rows_last_row_on_one_line_splits_at_its_one_capital() -> None:
    def glued(text: str) -> tuple[str, str] | None:
        return _glued_row(_Block((0,), (text,)))

    assert glued("Chest pain Troponin result and a resting ECG") == ("Chest pain", "Troponin result and a resting ECG")
    assert glued("Knee replacement Weight-bearing radiographs of both knees") == (
        "Knee replacement",
        "Weight-bearing radiographs of both knees",
    )
    # (a small word before a capital is no place: ``and McMurray``)
    assert glued("Suspected tear Orthopedic examination and McMurray test") == (
        "Suspected tear",
        "Orthopedic examination and McMurray test",
    )
    # (two places, none, a small word before the capital, a text no longer than its label: kept as it is)
    assert glued("Members contact Customer Service or visit Provider Portal") is None
    assert glued("Palpitations occurring less often than daily") is None
    assert glued("Members with Medicare coverage and claims") is None
    assert glued("Chest pain Troponin") is None


_CELLS = """Coverage
Imaging is covered as below.

Documentation Needed
Condition

Records to Send

Chest pain

Troponin result and a resting ECG

Knee pain

Weight-bearing radiographs of both knees

Back pain Six weeks of physical therapy notes

Coding
"""


def test_a_cell_by_cell_label_tables_last_row_on_one_line_is_its_row() -> None:
    (table,) = body_tables(_policy(_CELLS))
    assert table.header == ("Condition", "Records to Send")
    assert [" | ".join(" ".join(c) for c in r.cells) for r in table.rows][-1] == (
        "Back pain | Six weeks of physical therapy notes"
    )
    assert len(table.rows) == 3


_LAYOUT = """Coverage
Imaging is covered as below.

   Documentation Needed
    Condition               Records to Send
    Chest pain              Troponin result and a resting ECG
    Knee pain               Weight-bearing radiographs of both knees
    Low back pain Physiotherapy notes for six weeks

   Coding
"""


def test_a_layout_tables_last_row_set_one_space_apart_is_its_row() -> None:
    (table,) = body_tables(_policy(_LAYOUT))
    assert table.header == ("Condition", "Records to Send")
    assert [tuple(" ".join(c) for c in r.cells) for r in table.rows][-1] == (
        "Low back pain",
        "Physiotherapy notes for six weeks",
    )


def test_a_line_under_a_layout_tables_last_row_that_is_no_row() -> None:
    # (two places to split, a small word before the capital, a line under it that goes on: the table ends above)
    for tail in (
        "    Send requests to Utilization Review and Care Management\n",
        "    Members with Medicare coverage and claims review\n",
        "    Low back pain Physiotherapy notes for six weeks\n    and imaging\n",
    ):
        text = _LAYOUT.replace("    Low back pain Physiotherapy notes for six weeks\n", tail)
        (table,) = body_tables(_policy(text))
        assert [r.key for r in table.rows] == ["Chest pain", "Knee pain"]


_PRINTED = {
    "harbor-knee-imaging": [
        ("Knee pain", "Weight-bearing radiographs of both knees"),
        ("Suspected meniscal tear", "Orthopedic examination and McMurray test result"),
        ("Instability", "Physical therapy notes from the last six weeks"),
    ],
    "summit-sleep-study": [
        ("Snoring", "Epworth score and bed partner report"),
        ("Insomnia", "Sleep diary covering two weeks"),
        ("Suspected narcolepsy", "Multiple sleep latency test referral and medication list"),
    ],
}


def test_a_chromium_print_sets_the_widest_label_one_space_from_its_text_in_both_pdftotext_modes() -> None:
    """Our own pages (``tests/fixtures/label_tables/src``) printed by Chromium: a table sized to its cells
    prints its widest label one space from its text — mid-table (its next label run under it, no blank line,
    in reading order) or last — and both copies read the source's rows."""
    for name, expected in _PRINTED.items():
        for form in ("pdftotext", "pdftotext-layout"):
            text = (FIXTURES / "label_tables" / f"{name}.chromium.{form}.txt").read_text(encoding="utf-8")
            tables = body_tables(parse_text_report(text, recover=True).policy)
            rows = [tuple(" ".join(c) for c in r.cells) for r in tables[0].rows]
            assert rows == expected, (name, form)
