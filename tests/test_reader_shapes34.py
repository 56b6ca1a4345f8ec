"""Shapes left from reader sets 29, 30, 33 and AUD9, in fixtures of our own printed by real producers (invented
policy text)."""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_file
from policyvc.parser.aligned_tables import read_aligned
from policyvc.parser.nodes import Paragraph, Table

HERE = FIXTURES / "shapes34"


def test_a_code_type_table_ends_at_its_last_row_above_a_footnote_with_no_blank_line() -> None:
    """``pdftotext -layout`` of a LibreOffice print of a Word policy: a ``Code Type | Code`` table whose rows are
    named for their code sets (``HCPCS``, ``ICD-10 Diagnosis``: no next table's header) and whose footnote
    (``*Investigational – …``) stands right under its last row — the table ends there, the footnote a
    paragraph."""
    policy = parse_file(HERE / "bayou-insulin-pump.libreoffice.pdftotext-layout.txt")
    (coding,) = [s for s in policy.body if s.title == "Coding"]
    (table,) = [b for b in coding.blocks if isinstance(b, Table)]
    assert table.header == ("Code Type", "Code")
    assert [(r.key, " ".join(r.cells[1])) for r in table.rows] == [
        ("CPT", "No codes"),
        ("HCPCS", "E0784, A4224, A4225, A4226, A9274"),
        ("ICD-10 Diagnosis", "E10.10-E13.9, O24.011-O24.93"),
    ]
    paragraphs = [b.text for b in coding.blocks if isinstance(b, Paragraph)]
    assert any(p.startswith("Investigational – A medical treatment") for p in paragraphs)


def test_a_note_in_the_first_column_alone_under_the_last_row_is_no_cell() -> None:
    """A short note right under a table's last row, within its first column (``Note: …``, ``*…``): the text's,
    never the last row's first cell going on."""
    for note in ("Note: codes are listed for reference only.", "*Not covered for this indication."):
        lines = [
            "Code Type          Code",
            "CPT                No codes",
            "HCPCS              E0784, A4224",
            "ICD-10 Diagnosis   E10.10-E13.9",
            note,
        ]
        table = read_aligned(lines, 0, lambda j: False)
        assert table is not None
        assert [cells for _, cells in table.rows][-1] == ("ICD-10 Diagnosis", "E10.10-E13.9")
        assert table.end == 4
