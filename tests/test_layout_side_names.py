"""A ``pdftotext -layout`` table whose last column is so narrow that its name wraps around the header's line.

LibreOffice prints an HTML dosing table (``tests/fixtures/side_names/dosing.html``, its cells at 10, 11 and
12 pt) with a ``Maximum Dose`` column a few characters wide: the name breaks inside its word and its lines
are centred on the other names' one line (``Maxi`` / ``Indication  Dosing Regimen  mum`` / ``Dose``), each
row's cells are centred in the row (no line holds every cell) and a page break repeats the header, the
columns set apart anew.  The texts are ``pdftotext -layout`` of those prints.  Read back: one table of three
columns, its name joined whole (the text writes ``maximum`` elsewhere), every row and its cells; the
numbered section's heading after it is no row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Table

_FIXTURES = Path(__file__).parent / "fixtures" / "side_names"

_ROWS = [
    (
        "Eosinophilic asthma, adults and adolescents",
        "100 mg SC once every 4 weeks; the dose is given in the upper arm, thigh or abdomen by a health care "
        "provider or the member",
        "100 mg every 4 weeks",
    ),
    ("Eosinophilic asthma, 6 to 11 years", "40 mg SC once every 4 weeks", "40 mg every 4 weeks"),
    (
        "Eosinophilic granulomatosis with polyangiitis, adults",
        "300 mg SC once every 4 weeks as 3 separate 100 mg injections at least 5 cm apart",
        "300 mg every 4 weeks",
    ),
    (
        "Hypereosinophilic syndrome, 12 years and older",
        "300 mg SC once every 4 weeks as 3 separate 100 mg injections at least 5 cm apart",
        "300 mg every 4 weeks",
    ),
    ("CRSwNP, adults", "100 mg SC once every 4 weeks", "100 mg every 4 weeks"),
    ("COPD with an eosinophilic phenotype, adults", "100 mg SC once every 4 weeks", "100 mg every 4 weeks"),
]


def _tables(node: object) -> list[Table]:
    if isinstance(node, Table):
        return [node]
    return [t for block in getattr(node, "blocks", ()) for t in _tables(block)]


@pytest.mark.parametrize("size", ["10pt", "11pt", "12pt"])
def test_a_narrow_last_columns_name_wrapped_around_the_header_line(size: str) -> None:
    path = _FIXTURES / f"dosing-lo-{size}.layout.txt"
    report = parse_text_report(path.read_text(encoding="utf-8"), str(path), recover=True)
    tables = [t for s in report.policy.body for t in _tables(s)]
    assert len(tables) == 1
    assert tables[0].header == ("Indication", "Dosing Regimen", "Maximum Dose")
    assert [tuple(" ".join(c) for c in r.cells) for r in tables[0].rows] == _ROWS


def test_a_name_wrapped_centred_under_itself_and_a_row_whose_cell_stands_beside_its_middle_line() -> None:
    # Chromium's print of ``visits.html`` (its header cells top-aligned): ``Maximum Number of`` / ``Visits``
    # centred under it, the first row right under the header, a long first cell wrapped with its value
    # beside its middle line, no blank lines between rows
    path = _FIXTURES / "visits-chromium.layout.txt"
    report = parse_text_report(path.read_text(encoding="utf-8"), str(path), recover=True)
    tables = [t for s in report.policy.body for t in _tables(s)]
    assert len(tables) == 1
    assert tables[0].header == ("Condition", "Maximum Number of Visits")
    assert [tuple(" ".join(c) for c in r.cells) for r in tables[0].rows] == [
        ("Total knee arthroplasty, after discharge", "Up to 24 visits"),
        ("Rotator cuff repair", "Up to 30 visits"),
        (
            "Anterior cruciate ligament reconstruction with meniscal repair and a brace worn for six weeks",
            "Up to 36 visits",
        ),
        ("Acute low back pain without radiculopathy", "Up to 8 visits"),
        ("Lateral epicondylitis", "Up to 12 visits"),
    ]


def test_a_numbered_sections_heading_a_column_cuts_ends_the_table() -> None:
    # (the heading's words reach past where the second column starts: never a row of the table)
    from policyvc.parser.aligned_tables import read_aligned

    lines = [
        "Indication                         Dosing Regimen                            Maximum Dose",
        "",
        "             10 mg SC every 2 weeks, based on body weight and                20 mg every 2",
        "Psoriasis",
        "             the affected area                                             weeks",
        "",
        "Uveitis      20 mg SC every 4 weeks                                        20 mg every 4 weeks",
        "",
        "IV. Product Availability",
        "Single-dose vial: 20 mg",
    ]
    table = read_aligned(lines, 0, lambda j: False)
    assert table is not None
    assert [r[1] for r in table.rows] == [
        ("Psoriasis", "10 mg SC every 2 weeks, based on body weight and the affected area", "20 mg every 2 weeks"),
        ("Uveitis", "20 mg SC every 4 weeks", "20 mg every 4 weeks"),
    ]
    assert table.end == 7
