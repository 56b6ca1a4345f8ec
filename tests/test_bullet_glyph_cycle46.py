"""Bullet levels from Word's glyph cycle where nothing else places an item: ``•``, ``o``, ``§`` or ``▪``, again.

A copy with no usable indentation — pdftotext of a PDF whose list levels stand at one indentation, a PDF read with
no geometry to tell them apart — keeps only the glyph each level was drawn with.  Word's default cycle says the
level: ``•`` the first, ``o`` the second, Wingdings' square the third (extracted as U+F0A7, as ``§`` by a copy that
drops the symbol font's offset, or as ``▪``).  ``§`` is a footnote's mark everywhere else: it is a bullet only
under a second-level item.  Where the items stand at more than one indentation, the indentation says the level,
whatever the glyph.  The documents for the producers' tests are python-docx files with real numbering definitions,
printed by LibreOffice and copied by pdftotext.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import _numbered, _Numbering, libreoffice_pdfs, need, pdftotext

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.markers import glyph_level, section_sign_bullet
from policyvc.renderer.outline import render_outline

LEAD = "Outpatient speech therapy is covered when all of the following are met:"
# (text, level) of a three-level list and the tree it reads as
ITEMS = [
    ("The child is 3 to 18 years of age;", 0),
    ("A standardized evaluation shows a delay, as shown by either:", 0),
    ("A score two standard deviations below the mean; or", 1),
    ("Documented deficits such as:", 1),
    ("Unintelligible speech to unfamiliar listeners;", 2),
    ("Inability to follow two-step directions;", 2),
    ("A treatment plan with measurable goals is on file.", 0),
]
TREE = [
    ("c1", "set:all"),
    ("c1.1", "judgment"),
    ("c1.2", "any"),
    ("c1.2.1", "judgment"),
    ("c1.2.2", "list"),
    ("c1.2.2.1", "judgment"),
    ("c1.2.2.2", "judgment"),
    ("c1.3", "judgment"),
]
_HEAD = """Speech Therapy for Children
Policy Number: ST-207
Effective Date: March 1, 2026

Criteria

"""
_TAIL = """
References
Smith J. Pediatric speech. J Commun Disord. 2021;90:1-9.
"""


def _tree(policy_rows: str) -> list[tuple[str, str]]:
    rows = [r.split("\t") for r in policy_rows.splitlines()]
    return [(r[0].removeprefix("Criteria."), r[1]) for r in rows if r[0].startswith("Criteria.c")]


def _text(glyphs: tuple[str, str, str], indents: tuple[str, str, str] = ("", "", "")) -> str:
    lines = [LEAD, *(f"{indents[level]}{glyphs[level]} {text}" for text, level in ITEMS)]
    return _HEAD + "\n".join(lines) + "\n" + _TAIL


def test_the_glyph_cycle_gives_the_levels() -> None:
    assert [glyph_level(g) for g in ("•", "\uf0b7", "o", "§", "▪", "\uf0a7")] == [0, 0, 1, 2, 2, 2]
    assert glyph_level("-") is None and glyph_level("●") is None
    assert section_sign_bullet("§ Self-injury or aggression", 1)
    assert not section_sign_bullet("§ Self-injury or aggression", None)  # (no list item above: a footnote)
    assert not section_sign_bullet("§ 1374.73 of the Code", 2)  # (a citation of a section)


@pytest.mark.parametrize("third", ["§", "▪", "\uf0a7"])
def test_a_flat_copy_nests_by_the_glyph_cycle(third: str) -> None:
    report = parse_text_report(_text(("•", "o", third)), "speech.txt", recover=True)
    assert _tree(render_outline(report.policy)) == TREE


def test_a_section_sign_under_no_second_level_item_stays_a_footnote() -> None:
    text = _HEAD + "\n".join(
        [LEAD, "• The child is 3 to 18 years of age;", "• A treatment plan is on file.", "", "§ Per state rule.", ""]
    )
    rows = render_outline(parse_text_report(text + _TAIL, "speech.txt", recover=True).policy)
    assert "Per state rule." in rows
    assert not any(r.startswith("Criteria.c1.2.1") for r in rows.splitlines())


def test_where_the_items_stand_at_more_indentations_indentation_wins() -> None:
    # (the third level's glyph at the second level's indentation: read at the second level, as it stands)
    report = parse_text_report(_text(("•", "o", "§"), ("", "    ", "    ")), "speech.txt", recover=True)
    tree = _tree(render_outline(report.policy))
    assert ("c1.2.4", "judgment") in tree and not any(i.startswith("c1.2.2.") for i, _ in tree)


def _word_list(lists: _Numbering, glyphs: tuple[str, ...], step: int) -> int:
    """A bullet list definition whose levels are drawn with ``glyphs`` (in a text font, so a copy keeps them on
    the item's line), each level ``step`` twips further right (0: one indentation for every level)."""
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/>'
        f'<w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="{step * k}" w:hanging="0"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:hint="default"/></w:rPr></w:lvl>'
        for k, glyph in enumerate(glyphs * 3)
    )
    return lists.bullets(levels)


def _word_document(out: Path, glyphs: tuple[str, ...], step: int) -> Path:
    import docx

    document = docx.Document()
    lists = _Numbering(document)
    document.add_heading("Speech Therapy for Children", level=0)
    document.add_paragraph("Policy Number: ST-207")
    document.add_paragraph("Effective Date: March 1, 2026")
    document.add_heading("Criteria", level=1)
    document.add_paragraph(LEAD)
    num = _word_list(lists, glyphs, step)
    for text, level in ITEMS:
        _numbered(document.add_paragraph(text), num, level)
    document.add_heading("References", level=1)
    document.add_paragraph("Smith J. Pediatric speech. J Commun Disord. 2021;90:1-9.")
    document.save(str(out))
    return out


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize(("third", "step"), [("§", 0), ("▪", 0), ("§", 360)])
def test_a_libreoffice_print_and_its_pdftotext_copies_nest_three_levels(third: str, step: int, tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    doc = _word_document(tmp_path / "speech.docx", ("•", "o", third), step)
    pdf = libreoffice_pdfs([doc], tmp_path)[0]
    raw, layout = tmp_path / "speech.txt", tmp_path / "speech.layout.txt"
    raw.write_text(pdftotext(pdf), encoding="utf-8")
    layout.write_text(pdftotext(pdf, layout=True), encoding="utf-8")
    for path in (doc, pdf, raw, layout):
        assert _tree(render_outline(parse_file_report(path, recover=True).policy)) == TREE, path.name
