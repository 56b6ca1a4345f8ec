"""A Word paragraph indented to a list item's text is that item's, in the DOCX and in LibreOffice's print of it.

Word keeps a list item's second paragraph as a paragraph with no number, indented to the item's text (by its own
``w:ind`` or by a style such as ``List Paragraph``).  Right under the list's last item it is more of that item
(``parser/docx.py``); the PDF LibreOffice prints of the same document keeps only where the paragraph stands,
and the layout (``parser/pdf_geometry.py``) reads it by the same rule.  Each shape here — bullets, numbers, two
levels, several paragraphs, a list that goes on under the paragraph, a paragraph less indented than the item, a
note — is written with real numbering definitions, printed by LibreOffice, and the DOCX and the PDF must parse
to one tree; what the tree holds is asked of the DOCX's reading, from the document's shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from docgen import _numbered, _Numbering, have, libreoffice_pdfs

from policyvc.parser import parse_file
from policyvc.renderer.outline import render_outline

pytestmark = [pytest.mark.producers, pytest.mark.slow]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ITEMS = (
    "The member has a diagnosis of type 1 or type 2 diabetes mellitus;",
    "The member uses insulin at least three times a day or an insulin pump;",
    "The member is seen by the treating practitioner every 6 months.",
)
_SUB = ("The member checks glucose four times a day;", "The member wears the sensor daily.")
_FURTHER = (
    "Second paragraph of the item: the practitioner documents the sensor wear and the readings of the last visit.",
    "Third paragraph of the item: the readings are downloaded at each visit.",
)
_DESCRIPTION = (
    "A continuous glucose monitor (CGM) measures the glucose of the interstitial fluid through a sensor worn under "
    "the skin, every few minutes, day and night, and shows the readings, their trend and alerts on a receiver, an "
    "insulin pump or a smartphone. The readings guide the dose of insulin and warn of a low glucose before it is "
    "felt, which matters most to members who use insulin several times a day.",
    "This policy states when a CGM and its supplies are medically necessary for members with diabetes mellitus, "
    "which documentation the treating practitioner keeps, and how long an approval lasts. It applies to every line "
    "of business unless a state's own rules say otherwise, in which case those rules apply to the members of that "
    "state and the rest of this policy applies to everyone else.",
)
_AFTER = "Supplies bought through the pharmacy benefit are not subject to this policy."


@dataclass(frozen=True)
class Shape:
    """A list and the paragraphs under its last item: ``kind`` of its labels (``•`` or ``1``), two levels or one,
    how many further paragraphs, where they stand (``item``: the last item's text; ``outer``: the first level's
    text under a second-level item), by their own indent or ``List Paragraph``, the list going on below them,
    a ``Note:``, and what follows (a paragraph at the margin or a heading)."""

    kind: str = "1"
    two_levels: bool = False
    further: int = 1
    at: str = "item"
    style: bool = False
    goes_on: bool = False
    note: bool = False
    then: str = "paragraph"


SHAPES = {
    "bullets": Shape(kind="•"),
    "numbered-list-paragraph-style": Shape(style=True, further=2),
    "numbered-two-levels-then-heading": Shape(two_levels=True, then="heading"),
    "bullets-two-levels": Shape(kind="•", two_levels=True, further=2),
    "the-list-goes-on": Shape(goes_on=True),
    "less-indented-than-the-item": Shape(two_levels=True, at="outer"),
    "an-indented-note": Shape(note=True),
}


def _document(shape: Shape, path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Continuous Glucose Monitors", level=1)
    document.add_paragraph("Policy Number: MP-TEST-1")
    document.add_paragraph("Effective Date: 07/01/2026")
    document.add_heading("Description", level=2)
    for text in _DESCRIPTION:  # (running text that wraps, as a policy's has: the print's line pitch is its)
        document.add_paragraph(text)
    document.add_heading("Policy", level=2)
    document.add_paragraph("A CGM is covered when the member meets all of the following criteria:")
    lists = _Numbering(document)
    num = lists.new([(shape.kind, "."), ("•" if shape.kind == "•" else "a", ".")])
    # (the definitions' indents: level 0's text at 720 twips, level 1's at 1080)
    left = 1080 if shape.two_levels and shape.at == "item" else 720

    def further(text: str) -> None:
        if shape.style and left == 720:
            document.add_paragraph(text, style="List Paragraph")
        else:
            p = document.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(f'<w:ind xmlns:w="{W}" w:left="{left}"/>'))

    for text in _ITEMS:
        _numbered(document.add_paragraph(text), num, 0)
    if shape.two_levels:
        for text in _SUB:
            _numbered(document.add_paragraph(text), num, 1)
    if shape.note:
        further("Note: the sensor is replaced every 10 days.")
    for text in _FURTHER[: shape.further]:
        further(text)
    if shape.goes_on:
        _numbered(document.add_paragraph("The member has completed a diabetes education program."), num, 0)
    if shape.then == "heading":
        document.add_heading("Background", level=2)
        document.add_paragraph("Continuous glucose monitors measure interstitial glucose.")
    else:
        document.add_paragraph(_AFTER)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each shape's DOCX and its LibreOffice PDF (one LibreOffice run for them all)."""
    if have("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("item-paragraphs")
    docs = [_document(shape, folder / f"{name}.docx") for name, shape in SHAPES.items()]
    return dict(zip(SHAPES, zip(docs, libreoffice_pdfs(docs, folder), strict=True), strict=True))


def _texts(path: Path) -> dict[str, str]:
    """The outline's rows of ``path``: text → kind."""
    rows = [line.split("\t") for line in render_outline(parse_file(path)).splitlines()]
    return {row[2]: row[1] for row in rows if len(row) == 3}


@pytest.mark.parametrize("name", list(SHAPES))
def test_the_docx_and_its_libreoffice_print_read_one_tree(name: str, printed: dict[str, tuple[Path, Path]]) -> None:
    docx_path, pdf = printed[name]
    assert parse_file(docx_path) == parse_file(pdf)


@pytest.mark.parametrize("name", list(SHAPES))
def test_what_the_tree_holds(name: str, printed: dict[str, tuple[Path, Path]]) -> None:
    """Under the list's last item, standing at its text: more of that item; the list going on below, a note or
    a paragraph left of the item's text: never the item's words."""
    shape = SHAPES[name]
    texts = _texts(printed[name][0])
    last = (_SUB if shape.two_levels else _ITEMS)[-1]
    joined = " ".join([last, *_FURTHER[: shape.further]])
    if shape.goes_on or shape.at == "outer" or shape.note:
        assert not any(t.startswith(last) and t != last for t in texts), texts
        assert any(_FURTHER[0] in t for t in texts)  # (never lost)
    else:
        assert joined in texts, texts
        assert not any(t.startswith(_FURTHER[0]) for t in texts)
    assert not any(t.startswith(last) and _AFTER in t for t in texts)  # (a paragraph at the margin ends the list)
