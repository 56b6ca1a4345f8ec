"""One policy from two producers reads the same (``tests/fixtures/producer_pairs``, words of our own; each print
made from the ``.html`` beside it by the producer its name says).

- a browser's print of HTML tables with ``border="1"``: Chromium draws each cell's sides as thin bevelled shapes
  (inset and outset borders), which are the table's column rules — its centred header row is a row of the table,
  not text;
- a code a narrow column broke without a hyphen (``E240`` over ``2``) is one code again;
- a web page's ``LCD Title`` over its value, printed and read by ``pdftotext``: the value is the title, the full
  name a later line writes again is no running header;
- a copy re-written as plain text whose sub-items are ``*`` bullets: items without the asterisk.
"""

from __future__ import annotations

from pathlib import Path

from policyvc.parser import parse_file_report
from policyvc.parser.pdf_geometry import Word, _Cell, _fill, _physical_lines
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures" / "producer_pairs"


def _tables(outline: str) -> list[str]:
    return [line.split("\t")[-1] for line in outline.split("\n") if "\ttable\t" in line]


def _rows(outline: str) -> list[str]:
    return [line.split("\t")[-1] for line in outline.split("\n") if "\trow\t" in line]


def test_a_browser_print_of_bordered_tables_reads_their_header_rows() -> None:
    report = parse_file_report(FIXTURES / "bordered-codes.chromium.pdf", recover=True)
    outline = render_outline(report.policy)
    assert _tables(outline)[:2] == ["Code | Description", "ICD-10-CM | Description"]
    rows = _rows(outline)
    assert "E0652 | Pneumatic compressor, segmental home model with calibrated gradient pressure" in rows
    assert "Q82.0 | Hereditary lymphedema" in rows
    # (no header cell or code row left as a heading or a paragraph of its own)
    assert "heading\tICD" not in outline and "heading\tE0650" not in outline
    assert [e.date.isoformat() for e in report.policy.revision_log] == ["2025-05-01", "2026-05-01"]


def _cell(lines: list[tuple[str, float, float, float]]) -> _Cell:
    """A cell of one column 30 points wide, its lines as (text, x0, x1, top) at 10 points."""
    words = [Word(text, x0, x1, top, top + 10, 10.0) for text, x0, x1, top in lines]
    cell = _Cell(_physical_lines(words, 1), right=60.0)
    _fill(cell, para_gap=1.6, space=0.25)
    return cell


def test_a_code_its_narrow_column_broke_is_one_code() -> None:
    # (LibreOffice: ``E240`` on the cell's first line, ``2`` under it — the code wider than the column)
    assert _cell([("E240", 34.0, 58.0, 100.0), ("2", 34.0, 40.0, 112.0)]).text == "E2402"
    assert _cell([("T24.302", 34.0, 59.0, 100.0), ("A", 34.0, 41.0, 112.0)]).text == "T24.302A"
    # (two words that fit side by side are two words: a cell's wrapped text, not a broken code)
    assert _cell([("Up", 34.0, 44.0, 100.0), ("to 3", 34.0, 52.0, 112.0)]).text == "Up to 3"


def test_a_printed_web_page_s_title_field_is_the_title() -> None:
    report = parse_file_report(FIXTURES / "lcd-fields.chromium.pdftotext.txt", recover=True)
    header = report.policy.header
    assert header.title == "Pneumatic Compression Devices for Lymphedema of the Upper and Lower Limbs"
    assert header.reference_number == "L39901"


def test_asterisk_bullets_of_a_plain_text_copy_are_items() -> None:
    policy = parse_file_report(FIXTURES / "starred-bullets.rewrapped.txt", recover=True).policy
    outline = render_outline(policy)
    items = [line.split("\t") for line in outline.split("\n") if ".c1.2." in line]
    assert [text for _, _, text in items] == [
        "POMC deficiency; OR",
        "PCSK1 deficiency; OR",
        "LEPR deficiency; OR",
        "Bardet-Biedl syndrome; AND",
    ]
    assert "*" not in outline


def test_a_web_page_s_buttons_with_the_file_s_kind_are_its_tools() -> None:
    from policyvc.parser.documents import page_tools

    assert page_tools("Print | Email | Share | Download (PDF)")
    assert not page_tools("Print (PDF) of the policy")  # (more words: the text's own)
