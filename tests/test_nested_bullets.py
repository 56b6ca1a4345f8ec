"""Bulleted lists keep their levels from a Word document and from a print of one or of a web page.

Word writes a sub-bullet as the same list one level down (``w:ilvl`` 1, the Tab key), or as another list indented
further (``List Bullet 2``), under numbered items or over them; a print keeps only where each bullet stands
(LibreOffice's ``•`` / ``o`` / ``▪``, Chromium's discs and squares drawn as shapes, a custom ``o`` as text).
Read flat, ``Breast cancer … at least one of the following:`` and the bullets it announces are siblings.  The
documents here are made by the real producers (python-docx with real numbering definitions, LibreOffice, headless
Chromium) and each is read to its outline tree: ids (their depth), connectives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import _numbered, _Numbering, chromium_pdf, libreoffice_pdfs, need

from policyvc.parser import parse_file_report
from policyvc.parser.docx import ListDepth, read_docx
from policyvc.parser.lines import PlacedLine
from policyvc.parser.pdf_bullets import nest_items
from policyvc.renderer.outline import render_outline

# Word's own bullet list: Symbol's bullet, Courier New's o, Wingdings' square, each level half an inch deeper
WORD_GLYPHS = (("\uf0b7", "Symbol"), ("o", "Courier New"), ("\uf0a7", "Wingdings"))
LEAD = "Genetic testing is covered when any of the following are met:"
# (text, level) of a three-level bullet list and the tree it reads as
NESTED = [
    ("Breast cancer at any age and at least one of the following:", 0),
    ("Ashkenazi Jewish ancestry", 1),
    ("A close relative with breast cancer and all of the following:", 1),
    ("diagnosed at age 50 or younger", 2),
    ("a first-degree relative", 2),
    ("Triple negative breast cancer", 1),
    ("Ovarian cancer at any age", 0),
]
NESTED_TREE = [
    ("c1", "set:any"),
    ("c1.1", "any"),
    ("c1.1.1", "judgment"),
    ("c1.1.2", "all"),
    ("c1.1.2.1", "judgment"),
    ("c1.1.2.2", "judgment"),
    ("c1.1.3", "judgment"),
    ("c1.2", "judgment"),
]
# a numbered list with bullets under an item, then bullets over numbered items over bullets (other lists)
MIXED_TREE = [
    ("c1", "set:any"),
    ("c1.1", "any"),
    ("c1.1.1", "judgment"),
    ("c1.1.2", "judgment"),
    ("c1.2", "judgment"),
    ("c2", "set:any"),
    ("c2.1", "any"),
    ("c2.1.a", "both"),
    ("c2.1.a.1", "judgment"),
    ("c2.1.a.2", "judgment"),
    ("c2.1.b", "judgment"),
    ("c2.2", "judgment"),
]
STYLED_TREE = [
    ("c1", "set:any"),
    ("c1.1", "any"),
    ("c1.1.1", "judgment"),
    ("c1.1.2", "judgment"),
    ("c1.2", "judgment"),
]


def tree(path: Path) -> list[tuple[str, str]]:
    """The ids and kinds of the coverage section's criteria, as the outline shows them."""
    rows = [row.split("\t") for row in render_outline(parse_file_report(path).policy).splitlines()]
    return [(r[0].removeprefix("Coverage-Rationale."), r[1]) for r in rows if r[0].startswith("Coverage-Rationale.c")]


def _word_bullets(lists: _Numbering) -> int:
    """A list instance of Word's own bullet definition (the glyphs and indents Word's bullet button gives)."""
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (k + 1)}" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl>'
        for k, (glyph, font) in enumerate(WORD_GLYPHS * 3)
    )
    return lists.bullets(levels)


def word_document(kind: str, out: Path) -> Path:
    """A Word policy whose coverage section is a list of ``kind``: ``nested`` (one bullet list, levels 0 to 2),
    ``mixed`` (bullets under a numbered item; numbered items under a bullet with bullets under them: four list
    instances) or ``styled`` (Word's ``List Bullet`` and ``List Bullet 2`` styles: their indents, two lists)."""
    import docx

    document = docx.Document()
    lists = _Numbering(document)
    document.add_heading("Genetic Testing for Hereditary Cancer", level=0)
    document.add_paragraph("Effective Date: January 1, 2026")
    document.add_heading("Coverage Rationale", level=1)
    document.add_paragraph(LEAD)
    if kind == "nested":
        num = _word_bullets(lists)
        for text, level in NESTED:
            _numbered(document.add_paragraph(text), num, level)
    elif kind == "mixed":
        numbers = lists.new([("1", "."), ("a", "."), ("i", ".")])
        bullets = _word_bullets(lists)
        _numbered(document.add_paragraph("Breast cancer at any age and at least one of the following:"), numbers, 0)
        _numbered(document.add_paragraph("Ashkenazi Jewish ancestry"), bullets, 1)
        _numbered(document.add_paragraph("A close relative with breast cancer"), bullets, 1)
        _numbered(document.add_paragraph("Ovarian cancer at any age"), numbers, 0)
        document.add_paragraph("Testing is covered again when any of the following are met:")
        outer = _word_bullets(lists)
        inner = lists.new([("1", "."), ("a", "."), ("i", ".")])
        _numbered(document.add_paragraph("A test was done before and one of the following:"), outer, 0)
        _numbered(document.add_paragraph("The result was negative and both of the following:"), inner, 1)
        _numbered(document.add_paragraph("a new diagnosis"), outer, 2)
        _numbered(document.add_paragraph("a new family history"), outer, 2)
        _numbered(document.add_paragraph("The result was inconclusive"), inner, 1)
        _numbered(document.add_paragraph("The test is for screening only"), outer, 0)
    else:
        for text, style in [
            ("Breast cancer at any age and at least one of the following:", "List Bullet"),
            ("Ashkenazi Jewish ancestry", "List Bullet 2"),
            ("A close relative with breast cancer", "List Bullet 2"),
            ("Ovarian cancer at any age", "List Bullet"),
        ]:
            document.add_paragraph(text, style=style)
    document.add_heading("References", level=1)
    document.add_paragraph("Smith J. Hereditary cancer testing. Genet Med. 2020.")
    document.save(str(out))
    return out


EXPECTED = {"nested": NESTED_TREE, "mixed": MIXED_TREE, "styled": STYLED_TREE}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_a_word_list_keeps_its_levels(kind: str, tmp_path: Path) -> None:
    assert tree(word_document(kind, tmp_path / f"{kind}.docx")) == EXPECTED[kind]


def test_a_word_bullet_is_indented_by_its_level_and_a_numbered_item_only_under_a_bullet(tmp_path: Path) -> None:
    lines = [line for line in read_docx(word_document("mixed", tmp_path / "m.docx")).text.split("\n") if line]
    assert "1. Breast cancer at any age and at least one of the following:" in lines
    assert "  - Ashkenazi Jewish ancestry" in lines
    assert "  a. The result was negative and both of the following:" in lines
    assert "    - a new diagnosis" in lines
    assert "- The test is for screening only" in lines


def test_list_depth_follows_indentation_and_the_list_s_own_levels() -> None:
    depth = ListDepth()
    assert [depth.depth(720, "1", 0, True), depth.depth(1440, "1", 1, True), depth.depth(1435, "1", 1, True)] == [
        0,
        1,
        1,
    ]
    assert depth.depth(720, "1", 0, True) == 0
    depth.reset()
    # a definition whose levels all stand at one place: the list's own w:ilvl says which is under which
    assert [depth.depth(360, "9", k, True) for k in (0, 1, 2, 1, 0)] == [0, 1, 2, 1, 0]


def _placed(rows: list[tuple[str, float]]) -> list[PlacedLine]:
    return [PlacedLine(text, (1, x, 100.0 + 14 * k, 500.0, 110.0 + 14 * k)) for k, (text, x) in enumerate(rows)]


def test_pdf_items_nest_by_where_their_markers_stand() -> None:
    lines = _placed(
        [
            ("Covered when any of the following are met:", 72.0),
            ("• Breast cancer and one of the following:", 90.0),
            ("o Ashkenazi Jewish ancestry", 108.0),
            ("▪ age 50 or younger", 126.5),
            ("o Triple negative", 108.4),
            ("• Ovarian cancer", 90.0),
            ("1. A numbered item with a bullet under it:", 90.0),
            ("• under the number", 108.0),
            ("Text at the margin ends the run.", 72.0),
            ("• a new list", 90.0),
        ]
    )
    assert [line.text for line in nest_items(lines)] == [
        "Covered when any of the following are met:",
        "• Breast cancer and one of the following:",
        "  o Ashkenazi Jewish ancestry",
        "    ▪ age 50 or younger",
        "  o Triple negative",
        "• Ovarian cancer",
        "1. A numbered item with a bullet under it:",
        "  • under the number",
        "Text at the margin ends the run.",
        "• a new list",
    ]


def test_pdf_items_are_nested_only_where_the_geometry_says_so() -> None:
    lines = _placed(
        [
            ("• left column item", 72.0),
            ("• another column's item, far right", 320.0),  # another column: no level
            ("1. first", 72.0),
            ("a. its sub-item", 90.0),  # a numbered item under a numbered one: its marker says its level
            ("• same place, one level", 73.5),
        ]
    )
    assert [line.text for line in nest_items(lines)] == [line.text for line in lines]


# --- the real producers: LibreOffice's prints (and its own DOCX) of the Word documents; Chromium's of web pages


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each Word document's LibreOffice PDF and the DOCX LibreOffice saves of it (its own numbering)."""
    need("soffice")
    folder = tmp_path_factory.mktemp("bullets")
    docs = [word_document(kind, folder / f"{kind}.docx") for kind in sorted(EXPECTED)]
    pdfs = libreoffice_pdfs(docs, folder)
    again = folder / "again"
    again.mkdir()
    resaved = libreoffice_pdfs(docs, again, target="docx")
    return {kind: (pdf, doc) for kind, pdf, doc in zip(sorted(EXPECTED), pdfs, resaved, strict=True)}


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_a_libreoffice_print_of_a_word_list_keeps_its_levels(kind: str, printed: dict[str, tuple[Path, Path]]) -> None:
    pdf, resaved = printed[kind]
    assert tree(pdf) == EXPECTED[kind]
    assert tree(resaved) == EXPECTED[kind]


def _nested_ul(css: str) -> str:
    def ul(items: list[tuple[str, int]], level: int) -> str:
        out, k = [], 0
        while k < len(items):
            text, depth = items[k]
            below = []
            k += 1
            while k < len(items) and items[k][1] > depth:
                below.append(items[k])
                k += 1
            out.append(f"<li>{text}{ul(below, level + 1) if below else ''}</li>")
        return f"<ul>{''.join(out)}</ul>"

    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Genetic Testing</title>"
        f"<style>body{{font-family:'DejaVu Sans',sans-serif;font-size:10pt}}{css}</style></head><body>"
        "<h1>Genetic Testing for Hereditary Cancer</h1><p>Effective Date: January 1, 2026</p>"
        f"<h2>Coverage Rationale</h2><p>{LEAD}</p>{ul(NESTED, 0)}"
        "<h2>References</h2><p>Smith J. Hereditary cancer testing. Genet Med. 2020.</p></body></html>"
    )


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize(
    "css",
    [
        "",  # the browser's own: disc, circle, square (all drawn as shapes)
        "ul ul{list-style-type:'o   '}ul ul ul{list-style-type:disc}",  # a site's own: disc, an o as text, disc
    ],
    ids=["disc-circle-square", "disc-o-disc"],
)
def test_a_chromium_print_of_nested_lists_keeps_their_levels(css: str, tmp_path: Path) -> None:
    need("chromium")
    pdf = chromium_pdf(_nested_ul(css), tmp_path / "nested.pdf")
    assert tree(pdf) == NESTED_TREE
