"""A word processor's PDF of a list numbered ``I.`` / ``(a)`` / ``(i)``: LibreOffice sets a label too wide
for its tab stop (``(iii)``) flush against its text, and a sub-list's first item (``(a)``) at the text of
the ``I.`` item above it.  Both are items: ``(iii)Documented`` is a marker and its text, and ``(a)`` under a
lead-in ending in a colon starts a list even where it stands where a wrapped line would.  What must not
change: ``(s)he``, ``1.5``, a reference's ``J.Clin``, a later label (``(c)``) or a first one after prose
that does not end in a colon."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import _numbered, _Numbering, libreoffice_pdf, need, pdftotext

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.markers import GLUED_MARKER
from policyvc.parser.pdf_geometry import PageContent, Word, layout_document
from policyvc.renderer.outline import render_outline

# Two policies of other payers and wordings, each: a section ``I.`` whose lead-in ends in a colon, a
# first criterion ``(a)``, a nested list of three roman items (the third too wide for its tab stop).
_POLICIES = {
    "orthotics": (
        "Custom Foot Orthotics",
        "It is the policy of Northwind Health that custom-molded foot orthotics are medically necessary "
        "when the member meets every one of the criteria below:",
        [
            (0, "Has a confirmed diagnosis of diabetic peripheral neuropathy;"),
            (0, "Has at least one of these foot findings:"),
            (1, "Prior ulceration of either foot;"),
            (1, "Callus formation with history of pre-ulcerative lesions;"),
            (1, "Poor circulation documented by a low ankle-brachial index;"),
            (0, "Is under the care of a podiatrist or physician for diabetes management."),
        ],
    ),
    "oxygen": (
        "Home Oxygen Therapy",
        "Lakeshore Community Plan considers portable home oxygen concentrators medically necessary for "
        "members meeting all of the following:",
        [
            (0, "Resting arterial oxygen saturation at or below 88 percent;"),
            (0, "Any one of the following qualifying conditions:"),
            (1, "Chronic obstructive pulmonary disease, stable on therapy;"),
            (1, "Pulmonary hypertension confirmed by catheterization;"),
            (1, "Erythrocytosis with a hematocrit above 56 percent;"),
            (0, "A face-to-face evaluation within 30 days before the order."),
        ],
    ),
}


def _docx(title: str, lead: str, items: list[tuple[int, str]], out: Path) -> Path:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"  # type: ignore[union-attr]
    style.font.size = Pt(11)  # type: ignore[union-attr]
    document.add_paragraph(f"Clinical Policy: {title}")
    document.add_paragraph("Reference Number: MP.204")
    document.add_paragraph("Description").runs[0].bold = True
    document.add_paragraph(f"This policy describes when {title.lower()} is covered.")
    document.add_paragraph("Policy/Criteria").runs[0].bold = True
    numbering = _Numbering(document)
    num = numbering.new([("I", "."), ("a", "()"), ("i", "()")])
    _numbered(document.add_paragraph(lead), num, 0)
    for level, text in items:
        _numbered(document.add_paragraph(text), num, level + 1)
    _numbered(document.add_paragraph(f"{title} is not medically necessary for any other indication."), num, 0)
    document.add_paragraph("References").runs[0].bold = True
    document.add_paragraph("Clinical practice guideline for the condition. 2024.")
    path = out / f"{title.replace(' ', '_')}.docx"
    document.save(str(path))
    return path


@pytest.mark.producers
@pytest.mark.parametrize("name", sorted(_POLICIES))
@pytest.mark.parametrize("form", ["pdf", "pdftotext"])
def test_a_libreoffice_pdf_keeps_every_item(name: str, form: str, tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    title, lead, items = _POLICIES[name]
    pdf = libreoffice_pdf(_docx(title, lead, items, tmp_path), tmp_path)
    if form == "pdf":
        policy = parse_file_report(pdf, recover=True).policy
    else:  # the text a copy of the PDF gives (``(iii)Documented`` there too)
        text = pdftotext(pdf)
        assert "(iii)" + [t for lvl, t in items if lvl == 1][2] in text  # (the producer still glues it)
        policy = parse_text_report(text, "p.txt", recover=True).policy
    rows = [line.split("\t") for line in render_outline(policy).splitlines()]
    texts = {row[-1].strip(): row for row in rows}
    for _, text in items:
        assert text in texts, (text, rows)  # every item whole: no marker run into it, none joined to the lead-in
    (first, *_), nested = items, [t for lvl, t in items if lvl == 1]
    parent = texts[first[1]][0].rsplit(".", 1)[0]
    assert texts[nested[0]][0].rsplit(".", 1)[0] != parent  # the roman items are the second criterion's
    siblings = [row for row in rows if row[0].rsplit(".", 1)[0] == texts[nested[0]][0].rsplit(".", 1)[0]]
    assert len(siblings) == 3


def test_a_text_copy_keeps_words_that_only_look_like_markers() -> None:
    text = "Coverage\n\nThe member states that\n(s)he uses the device daily.\n1.5Mg is the dose here.\n"
    outline = render_outline(parse_text_report(text, "p.txt", recover=True).policy)
    assert "(s)he uses the device daily." in outline and "1.5Mg" in outline


@pytest.mark.parametrize(
    ("word", "marker"),
    [
        ("(iii)Documented", "(iii)"),
        ("(a)Diagnosis", "(a)"),
        ("b)The", "b)"),
        ("10.Continue", "10."),
        ("IV.Coverage", "IV."),
    ],
)
def test_a_flush_marker_is_read(word: str, marker: str) -> None:
    m = GLUED_MARKER.match(word)
    assert m is not None and m.group(1) == marker


@pytest.mark.parametrize(
    "word", ["(s)he", "(b)the", "1.5mg", "A.Smith", "J.Clin", "i.Mg", "(CGM)Device", "e.g.The", "Inc.The", "drug(s)The"]
)
def test_no_word_is_taken_for_a_flush_marker(word: str) -> None:
    assert GLUED_MARKER.match(word) is None


def _page(lines: list[list[tuple[str, float]]]) -> PageContent:
    """A page of 11-pt lines 14.7 pt apart, each given as (word, x0) pairs."""
    words = []
    for n, line in enumerate(lines):
        top = 100 + 14.7 * n
        for text, x0 in line:
            words.append(Word(text, x0, x0 + 6.0 * len(text), top, top + 11, 11.0))
    return PageContent(1, 612, 792, tuple(words), ())


def _texts(lines: list[list[tuple[str, float]]]) -> list[str]:
    return [p.text for p in layout_document([_page(lines)]) if p.text]


def _words(text: str, x0: float) -> list[tuple[str, float]]:
    out, x = [], x0
    for w in text.split():
        out.append((w, x))
        x += 6.0 * len(w) + 3.5
    return out


_LEAD = _words("I.", 90) + _words("Coverage is given to all the members of this plan who are found to meet all", 108)
_FULL = _words("of the criteria that are listed in this section of this policy as follows:", 108)


def test_a_first_label_after_a_colon_starts_the_list() -> None:
    texts = _texts([_LEAD, _FULL, _words("(a) Diagnosis of the condition;", 108)])
    assert texts[-1] == "(a) Diagnosis of the condition;"


@pytest.mark.parametrize(
    "line",
    [
        "(c) of the act and its rules apply here.",  # a later label: a wrapped reference
        "1. the first of them applies here.",
    ],
)
def test_a_label_at_the_text_without_a_lead_in_colon_is_wrapped(line: str) -> None:
    prose = _words("of the criteria that are listed in this section of this policy, under this", 108)
    texts = _texts([_LEAD, prose, _words(line, 108)])
    assert len(texts) == 1, texts
    if line.startswith("(c)"):  # ... and after a colon too
        texts = _texts([_LEAD, _FULL, _words(line, 108)])
        assert len(texts) == 1, texts
