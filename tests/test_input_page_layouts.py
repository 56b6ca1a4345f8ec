"""Page layouts a reader must not misorder (``parser/pdf_geometry.py``; fixtures ``tests/fixtures/page_layouts``).

Our own HTML pages in the styles payers publish, printed by Chromium: a criteria grid (``Indication | Initial
Authorization | Reauthorization | Duration``, several criteria a cell), a two-column bulletin (CSS
``column-count: 2``) and an ``At a glance`` box floated beside the body's first paragraphs.  The PDF is read
column by column and the box after the lines it stands beside; the grid is a table of whole cells.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Policy
from policyvc.parser.pdf_geometry import PageContent, Word, layout_document
from policyvc.renderer.outline import render_outline

HERE = FIXTURES / "page_layouts"


def _source_paragraphs(name: str) -> list[str]:
    """The page's paragraphs and headings as its HTML writes them (tags dropped, spaces collapsed)."""
    html = (HERE / "src" / f"{name}.html").read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1]
    texts = re.findall(r"<(?:p|h[1-4])>(.*?)</(?:p|h[1-4])>", body, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in texts]


def _texts(policy: Policy) -> list[str]:
    """Each node's text in the outline, in document order."""
    rows = [line.split("\t") for line in render_outline(policy).splitlines()]
    return [row[2] for row in rows if len(row) == 3 and row[2]]


def _read(name: str) -> Policy:
    return parse_file_report(HERE / f"{name}.chromium.pdf", recover=True).policy


def test_a_two_column_bulletin_is_read_column_by_column() -> None:
    """Every paragraph of both columns comes back whole, in the order the columns are read (the left
    column top to bottom, then the right): none runs on into the line beside it."""
    texts = _texts(_read("two-column-bulletin"))
    wanted = _source_paragraphs("two-column-bulletin")[2:]  # (below the title and the field line)
    assert all(p in texts for p in wanted), [p for p in wanted if p not in texts]
    assert [texts.index(p) for p in wanted] == sorted(texts.index(p) for p in wanted)


@pytest.mark.parametrize("name", ["glance-sidebar", "glance-sidebar-left"])
def test_an_at_a_glance_box_is_its_own_block_after_the_paragraphs_beside_it(name: str) -> None:
    """The box's lines come back each whole, together, after the paragraphs it stands beside (floated right or
    left): no sentence of the body has one of them inside it, the body's paragraphs are whole, and the box's
    title is no heading the body's paragraphs would fall under."""
    policy = _read(name)
    assert [s.title for s in policy.body if s.title][:2] == ["Policy", "Limitations"]
    texts = _texts(policy)
    box = ["At a glance", "Prior authorization: required", "Initial approval: 3 months", "Renewal: 12 months"]
    box.append("Codes: E1390, E0431")
    at = texts.index(box[0])
    assert texts[at : at + len(box)] == box
    body = [p for p in _source_paragraphs(name) if p.endswith(".") and len(p) > 60]
    assert all(p in texts for p in body), [p for p in body if p not in texts]
    assert texts.index(body[1]) < at < texts.index(body[2])


def test_a_criteria_grid_is_a_table_of_whole_cells() -> None:
    """Each row of the grid is one row, its cells the criteria of its column in order — never a row a line."""
    policy = _read("criteria-grid")
    table = next(t for t in body_tables(policy) if t.header[0] == "Indication")
    assert table.header == ("Indication", "Initial Authorization", "Reauthorization", "Duration")
    assert [r.key for r in table.rows] == [
        "Atopic dermatitis",
        "Asthma, eosinophilic phenotype",
        "Chronic rhinosinusitis with nasal polyps",
        "Eosinophilic esophagitis",
    ]
    asthma = table.rows[1].cells
    assert " ".join(asthma[1]) == (
        "Age 6 years or older Blood eosinophils at least 150 cells/mcL Two exacerbations in the past year"
        " despite inhaled corticosteroid"
    )
    assert " ".join(asthma[3]) == "Initial: 6 months Renewal: 12 months"


# --- the geometry, on words placed by hand ------------------------------------------------------------------


def _words(rows: list[tuple[float, float, str]], size: float = 10.0) -> list[Word]:
    """Words at (x, top) — each text's words set a space apart at 5 pt a letter."""
    out = []
    for x, top, text in rows:
        for word in text.split():
            out.append(Word(word, x, x + 5 * len(word), top, top + size, size))
            x += 5 * len(word) + 3
    return out


_LEFT = [
    "Members who use insulin every day no",
    "longer need a request for a monitor",
    "and its sensors, which are limited",
    "to a supply of ninety days each time.",
]
_RIGHT = [
    "The visit limit for physical therapy",
    "rises from twenty to thirty visits a",
    "year; visits beyond it need a request",
    "with a plan the provider has signed.",
]


def test_two_columns_placed_by_hand_read_left_then_right() -> None:
    rows = [(40.0, 100.0 + 12 * k, t) for k, t in enumerate(_LEFT)]
    rows += [(260.0, 103.0 + 12 * k, t) for k, t in enumerate(_RIGHT)]  # (its baselines a little lower)
    page = PageContent(1, 612.0, 792.0, tuple(_words(rows)), ())
    text = [line.text for line in layout_document([page]) if line.text]
    assert text == [" ".join(_LEFT), " ".join(_RIGHT)]


def test_a_table_without_rules_is_never_read_column_by_column() -> None:
    """Short keys in the first column, ending far from the gutter: rows, read line by line as before."""
    keys = ["J0881", "J0882", "J0885", "J0887", "J0888"]
    rows = [(40.0, 100.0 + 12 * k, key) for k, key in enumerate(keys)]
    rows += [(260.0, 100.0 + 12 * k, f"Injection, darbepoetin alfa, {k + 1} mcg") for k in range(len(keys))]
    page = PageContent(1, 612.0, 792.0, tuple(_words(rows)), ())
    text = [line.text for line in layout_document([page]) if line.text]
    assert text[0].startswith("J0881") and "Injection" in text[0]


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize("name", ["two-column-bulletin", "glance-sidebar", "glance-sidebar-left"])
def test_a_fresh_print_reads_as_the_committed_one(name: str, tmp_path: Path) -> None:
    """Chromium prints the page again (another day's stamp in its header): the body reads the same."""
    from docgen import chromium_pdf, need

    need("chromium")
    html = (HERE / "src" / f"{name}.html").read_text(encoding="utf-8")
    fresh = parse_file_report(chromium_pdf(html, tmp_path / f"{name}.pdf"), recover=True).policy
    assert _texts(fresh)[1:] == _texts(_read(name))[1:]


# --- the same prints read by pdftotext -------------------------------------------------------------------------


def _read_text(name: str) -> tuple[Policy, list[str]]:
    from policyvc.parser import parse_text_report

    report = parse_text_report((HERE / name).read_text(encoding="utf-8"), recover=True)
    return report.policy, [d.format(name) for d in report.diagnostics]


def test_a_criteria_grid_in_reading_order_is_kept_as_paragraphs_with_one_warning() -> None:
    """Reading order gives the grid's cells one after the other, two cells beside each other sometimes on one
    line (``Asthma, eosinophilic Age 6 years or older``): no key tells the rows apart, so no table is made of
    it — its names are no headings, every line is kept in order, and one warning names its lines."""
    policy, messages = _read_text("criteria-grid.chromium.pdftotext.txt")
    grid = [m for m in messages if "printed cell by cell" in m]
    assert len(grid) == 1 and "`Indication | Initial Authorization | Reauthorization | Duration` …" in grid[0]
    assert [s.title for s in policy.body if s.title][:3] == ["Description", "Criteria", "Limitations"]
    texts = _texts(policy)
    names = ["Indication", "Initial Authorization", "Reauthorization", "Duration", "Atopic dermatitis"]
    at = texts.index("Indication")
    assert texts[at : at + 5] == names
    words = " ".join(texts[at:]).split()
    source = (HERE / "criteria-grid.chromium.pdftotext.txt").read_text(encoding="utf-8")
    grid_words = source.split("Indication", 1)[1].split("Limitations", 1)[0].split()
    assert words[: len(grid_words) + 1] == ["Indication", *grid_words]
    assert not [t for t in body_tables(policy) if t.header[0] == "Indication"]
