"""A long code table whose cells a print centred vertically, over page breaks (``pdftotext -layout``).

LibreOffice prints a coding table of 30–60 rows with its cells middle-aligned, its header row repeated on
each page under the running header, and a narrow code column whose name wraps over three lines (``CPT®/`` /
``HCPCS   Description`` / ``Codes``).  ``pdftotext -layout`` then writes a two-line description's first line
above its code and the rest below, the page's footer, running header and repeated header between two rows,
and the rest of a row the break cut alone at the next page's top (``system``).  Read from the top, the
table came out as several small tables, rows paired with the wrong half of a description, the header's
``CPT®/`` a heading and the cut row's rest in the header (:mod:`policyvc.parser.centred_log`).

``cardiac_devices_layout.txt`` is ``pdftotext -layout`` of ``cardiac_devices.pdf``, ``cardiac_devices.fodt``
printed by LibreOffice (``soffice --headless --convert-to pdf``; cells middle-aligned, a running header and
``Page N of M`` footer): 35 CPT/HCPCS rows and 25 ICD-10-CM rows, the expected rows read from the .fodt.
"""

from __future__ import annotations

import re
from pathlib import Path

from heldout_support import body_tables

from policyvc.parser import parse_file
from policyvc.parser.centred_log import centred_codes

HERE = Path(__file__).parent / "fixtures" / "centred_codes"
FODT = (HERE / "cardiac_devices.fodt").read_text(encoding="utf-8")
# the rows as the document states them: (code, description), table by table
_ROWS = re.findall(
    r"<table:table-row><table:table-cell [^>]*><text:p>([^<]*)</text:p></table:table-cell>"
    r"<table:table-cell [^>]*><text:p>([^<]*)</text:p>",
    FODT,
)


def _tables(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (
            " | ".join(t.header).replace("/ ", "/"),  # (a PDF's cell joins its lines with a space: ``CPT®/ HCPCS``)
            [(" ".join(r.cells[0]), " ".join(r.cells[1])) for r in t.rows],
        )
        for t in body_tables(parse_file(path))
    ]


def test_a_long_centred_code_table_over_page_breaks_is_one_table_a_row_each() -> None:
    for name in ("cardiac_devices_layout.txt", "cardiac_devices.pdf"):  # (the PDF read directly too)
        _two_tables(HERE / name)


def _two_tables(path: Path) -> None:
    tables = _tables(path)
    assert [(header, len(rows)) for header, rows in tables] == [
        ("CPT®/HCPCS Codes | Description", 35),
        ("ICD-10-CM Codes | Description", 25),
    ]
    got = [row for _, rows in tables for row in rows]
    expected = [(code, description.replace("&amp;", "&")) for code, description in _ROWS]
    assert got == expected  # (every code with its own whole description, the row a page break cut too)


def test_rows_blank_lines_apart_and_a_row_a_page_break_cut() -> None:
    lines = [
        "CPT®/",
        "HCPCS                 Description",
        "Codes",
        "",
        "",
        "21685                 Hyoid myotomy and suspension",
        "",
        "",
        "                      Submucosal ablation of the tongue base, radiofrequency, 1 or more sites, per",
        "41530",
        "                      session",
        "",
        "",
        "A7034                 Nasal interface (mask or cannula type) used with positive airway pressure",
        "",
        "",
        "Page 2 of 3",
        "\x0cCLINICAL POLICY",
        "Obstructive Sleep Apnea Treatment",
        "",
        "",
        "CPT®/",
        "HCPCS                 Description",
        "Codes",
        "",
        "                      device",
        "",
        "",
        "A7035                 Headgear used with positive airway pressure device",
        "",
        "",
        "Reviews, Revisions, and Approvals",
    ]
    out = centred_codes(lines)
    assert len(out) == len(lines) and out[17].startswith("\f")
    said = [" ".join(t.split()) for t in out if t.strip()]
    assert said == [
        "CPT®/HCPCS Codes Description",
        "21685 Hyoid myotomy and suspension",
        "41530 Submucosal ablation of the tongue base, radiofrequency, 1 or more sites, per",
        "session",
        "A7034 Nasal interface (mask or cannula type) used with positive airway pressure device",
        "Page 2 of 3",
        "CLINICAL POLICY",
        "Obstructive Sleep Apnea Treatment",
        "CPT®/HCPCS Codes Description",
        "A7035 Headgear used with positive airway pressure device",
        "Reviews, Revisions, and Approvals",
    ]


def test_a_row_whose_halves_do_not_pair_is_left_as_it_is() -> None:
    lines = [
        "CPT®/",
        "HCPCS                 Description",
        "Codes",
        "                      Submucosal ablation of the tongue base, radiofrequency, 1 or more sites, per",
        "41530",
        "41531",
        "                      session",
    ]
    assert centred_codes(lines) == lines
