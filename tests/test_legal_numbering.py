"""A word processor's legal numbering (``1.`` / ``1.1.`` / ``1.1.1.``) printed to PDF by LibreOffice.

Word's legal list sets each level's label at the text of the level above (``1.1.`` where item ``1.``'s wrapped
lines go on) and its text one tab further: the label is a marker, never the wrapped rest of the item above, and
the items nest by their labels' depth.  What must not change: a number at a line's start that is no label
(``1.5 mg``, ``2.25 hours`` without a closing period) goes on with the line above."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import libreoffice_pdf, need, pdftotext

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.pdf_geometry import PageContent, Word, layout_document
from policyvc.renderer.outline import render_outline

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Two policies of other payers and wordings: a lead-in, then items 1.–3., the first with 1.1.–1.3. under it
# and 1.2. with 1.2.1.–1.2.3. under it; long enough texts that some wrap.  (No hyphenated word: raw pdftotext drops
# a hyphen at a line's end, a reading-order matter of its own.)
_POLICIES = {
    "bariatric": (
        "Bariatric Surgery for Adults",
        "Bariatric surgery is covered for members who meet the requirements in 1 through 3 below:",
        [
            (0, "The member has completed a supervised preoperative program, and all of these are documented:"),
            (1, "A body mass index of 40 or more, or 35 or more with a serious obesity-related condition;"),
            (1, "At least one of the following obesity-related conditions under active treatment:"),
            (2, "Type 2 diabetes mellitus with an HbA1c above 7 percent despite medical therapy;"),
            (2, "Obstructive sleep apnea confirmed by a sleep study;"),
            (2, "Hypertension that needs three or more drugs to control;"),
            (1, "A nutrition assessment by a registered dietitian within the past six months."),
            (0, "The procedure is done at an accredited metabolic and bariatric surgery center;"),
            (0, "A plan for lifelong follow-up and vitamin supplementation is on record."),
        ],
    ),
    "cochlear": (
        "Bilateral Cochlear Implants",
        "A second cochlear implant is medically necessary when the criteria in 1 through 3 are met:",
        [
            (0, "The member has bilateral severe to profound sensorineural hearing loss, with all of these:"),
            (1, "Limited benefit from binaural hearing aids after a trial of at least three months;"),
            (1, "One of the following audiologic findings in the ear to be implanted:"),
            (2, "Sentence recognition of 50 percent or less in the best aided condition;"),
            (2, "Word recognition of 40 percent or less with appropriately fitted aids;"),
            (2, "Failure to progress in auditory skills despite intensive rehabilitation;"),
            (1, "No middle ear infection and an accessible cochlear lumen on imaging."),
            (0, "The member and family are committed to the postoperative rehabilitation program;"),
            (0, "No medical contraindication to general anesthesia is present."),
        ],
    ),
}


def _legal_numbering(document: object) -> int:
    """A legal multilevel list (``%1.`` / ``%1.%2.`` / ``%1.%2.%3.``, Word's indents) in ``document``: its numId."""
    from docx.oxml import parse_xml

    levels = "".join(
        f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{k + 1}" for k in range(lvl + 1))}."/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (lvl + 1)}" w:hanging="720"/></w:pPr></w:lvl>'
        for lvl in range(3)
    )
    root = document.part.numbering_part.element  # type: ignore[attr-defined]
    root.append(parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">'
                          f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))  # fmt: skip
    root.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    return 91


def _docx(title: str, lead: str, items: list[tuple[int, str]], out: Path) -> Path:
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"  # type: ignore[union-attr]
    style.font.size = Pt(11)  # type: ignore[union-attr]
    document.add_paragraph(title).runs[0].bold = True
    document.add_paragraph("Policy Number: MP-4410")
    document.add_paragraph("Effective Date: 03/01/2026")
    document.add_paragraph("Coverage Criteria").runs[0].bold = True
    document.add_paragraph(lead)
    num = _legal_numbering(document)
    for level, text in items:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(  # type: ignore[attr-defined]
            parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')
        )
    document.add_paragraph("References").runs[0].bold = True
    document.add_paragraph("Clinical practice guideline for the condition. 2024.")
    path = out / f"{title.replace(' ', '_')}.docx"
    document.save(str(path))
    return path


@pytest.mark.producers
@pytest.mark.parametrize("name", sorted(_POLICIES))
@pytest.mark.parametrize("form", ["pdf", "pdftotext", "layout"])
def test_a_legal_numbered_list_nests_by_its_labels(name: str, form: str, tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    title, lead, items = _POLICIES[name]
    pdf = libreoffice_pdf(_docx(title, lead, items, tmp_path), tmp_path)
    if form == "pdf":
        policy = parse_file_report(pdf, recover=True).policy
    else:
        policy = parse_text_report(pdftotext(pdf, layout=form == "layout"), "p.txt", recover=True).policy
    rows = [line.split("\t") for line in render_outline(policy).splitlines()]
    ids = {row[-1].strip(): row[0] for row in rows if len(row) == 3}
    for _, text in items:
        assert text in ids, (text, rows)  # every item whole: no label run into the item above
    parent = {text: ids[text].rsplit(".", 1)[0] for _, text in items}
    by_level: dict[int, list[str]] = {}
    for level, text in items:
        by_level.setdefault(level, []).append(text)
    top, second, third = by_level[0], by_level[1], by_level[2]
    assert len({parent[t] for t in top}) == 1  # 1., 2., 3. are siblings
    assert {parent[t] for t in second} == {ids[top[0]]}  # 1.1.–1.3. under 1.
    assert {parent[t] for t in third} == {ids[second[1]]}  # 1.2.1.–1.2.3. under 1.2.


def _page(lines: list[list[tuple[str, float]]]) -> PageContent:
    """A page of 11-pt lines 14.7 pt apart, each given as (word, x0) pairs."""
    words = []
    for n, line in enumerate(lines):
        top = 100 + 14.7 * n
        for text, x0 in line:
            words.append(Word(text, x0, x0 + 6.0 * len(text), top, top + 11, 11.0))
    return PageContent(1, 612, 792, tuple(words), ())


def _words(text: str, x0: float) -> list[tuple[str, float]]:
    out, x = [], x0
    for w in text.split():
        out.append((w, x))
        x += 6.0 * len(w) + 3.5
    return out


def _texts(lines: list[list[tuple[str, float]]]) -> list[str]:
    return [p.text for p in layout_document([_page(lines)]) if p.text]


_ITEM = _words("1.", 90) + _words("The member meets each of the requirements that are listed", 108)


def test_a_legal_label_at_the_text_above_starts_an_item() -> None:
    sub = [("1.1.", 108), *_words("Documented failure of conservative care;", 144)]
    assert _texts([_ITEM, sub])[-1] == "1.1. Documented failure of conservative care;"


@pytest.mark.parametrize("line", ["1.5 mg of the drug is given at each of the visits;", "2.25 hours at the most."])
def test_a_number_without_a_closing_period_goes_on_with_the_line_above(line: str) -> None:
    assert len(_texts([_ITEM, _words(line, 108)])) == 1


# Word's numbering with a literal outline prefix (lvlText ``2.4.%1``: the list is part 2.4 of the document), its
# labels without a closing period, then lettered items under one of them: two other plans and wordings.  A label
# of three parts or more is no dose nor any number a sentence wraps onto a line's start.
_PREFIXED = {
    "sleep": (
        "2.4",
        "Home Sleep Apnea Testing",
        "Home sleep apnea testing is medically necessary when all of the following are met:",
        [
            (
                0,
                "The member is 18 years of age or older and has symptoms of obstructive sleep apnea such as"
                " witnessed apneas or loud snoring on most nights;",
            ),
            (0, "No significant cardiopulmonary disease, neuromuscular disease or chronic opioid use;"),
            (0, "The test is ordered after a face to face evaluation by the treating clinician;"),
            (0, "The device records both of the following:"),
            (1, "Airflow and respiratory effort;"),
            (1, "Oxygen saturation by oximetry."),
        ],
    ),
    "infusion": (
        "5.1",
        "Home Infusion of Immune Globulin",
        "Home infusion of immune globulin is covered when each of the following applies:",
        [
            (
                0,
                "A primary immunodeficiency confirmed by impaired antibody response to protein and polysaccharide"
                " vaccines documented in the record;",
            ),
            (0, "Recurrent bacterial infections despite prophylactic antibiotics;"),
            (0, "The first infusion was given in a supervised setting without a serious reaction;"),
            (0, "A caregiver is trained in both of the following:"),
            (1, "Preparing and giving the infusion;"),
            (1, "Recognising and reporting an infusion reaction."),
        ],
    ),
}


def _prefixed_numbering(document: object, prefix: str) -> int:
    """A list whose first level is labelled ``<prefix>.%1`` (no closing period), its second ``a.``: its numId."""
    from docx.oxml import parse_xml

    levels = (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{prefix}.%1"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1080" w:hanging="720"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>'
    )
    root = document.part.numbering_part.element  # type: ignore[attr-defined]
    root.append(parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="80">'
                          f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))  # fmt: skip
    root.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="81"><w:abstractNumId w:val="80"/></w:num>'))
    return 81


@pytest.mark.producers
@pytest.mark.parametrize("name", sorted(_PREFIXED))
def test_labels_with_an_outline_prefix_start_their_items(name: str, tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    need("soffice")
    prefix, title, lead, items = _PREFIXED[name]
    document = docx.Document()
    document.add_paragraph(title).runs[0].bold = True
    document.add_paragraph("Policy Number: MP-2207")
    document.add_paragraph("Coverage Criteria").runs[0].bold = True
    document.add_paragraph(lead)
    num = _prefixed_numbering(document, prefix)
    for level, text in items:
        document.add_paragraph(text)._p.get_or_add_pPr().append(  # type: ignore[attr-defined]
            parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')
        )
    path = tmp_path / "policy.docx"
    document.save(str(path))
    policy = parse_file_report(libreoffice_pdf(path, tmp_path), recover=True).policy
    rows = [line.split("\t") for line in render_outline(policy).splitlines()]
    ids = {row[-1].strip(): row[0] for row in rows if len(row) == 3}
    for _, text in items:
        assert text in ids, (text, rows)  # every item whole: no label run into the item above
    top = [ids[t] for level, t in items if level == 0]
    assert len({i.rsplit(".", 1)[0] for i in top}) == 1 and len(top) == 4  # four siblings
    assert all(ids[t].rsplit(".", 1)[0] == top[-1] for level, t in items if level == 1)  # a. and b. under the 4th


def test_a_label_of_three_parts_without_a_closing_period_starts_an_item() -> None:
    sub = [("3.1.2", 108), *_words("Documented failure of conservative care;", 144)]
    assert _texts([_ITEM, sub])[-1] == "3.1.2 Documented failure of conservative care;"
