"""Check-box lists (``☐``, ``❑``) and code tables whose header names more columns than ``Description``.

A prior-authorization form lists its criteria as boxes to tick (``☐ Member is …``), an ``o`` under a box for
its choices, the way Word's and a browser's bullets are written: a box is a bullet of no fixed level, so the
``o`` items nest under it and the next box returns to its level.  Read as text, the boxes were glued into the
lead-in and onto the last ``o`` item.  What must NOT be read as an item: a box inside a line (``Urgent? ☐ Yes
☐ No``), a box alone on its line (an empty field).

A viewer's copy of a code table writes its header on one line (``HCPCS Description Units``, ``CPT Modifier
Description``) or a name a block (``CPT`` / ``Description``): the code set's name is the code column's, the
rest the description's (the row's text holds those columns' cells too).  A line of lower-case words after a
code set's name is a sentence, never a header.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import _numbered, _Numbering, chromium_pdf, need, pdftotext

from policyvc.parser import parse_file_report
from policyvc.renderer.outline import render_outline


def outline(path: Path) -> list[list[str]]:
    return [row.split("\t") for row in render_outline(parse_file_report(path).policy).splitlines()]


def criteria(path: Path) -> list[tuple[str, str, str]]:
    """Each criterion's id (past its section), kind and first words."""
    rows = outline(path)
    return [(r[0].split(".", 1)[1], r[1], " ".join(r[2].split()[:3])) for r in rows if ".c" in r[0] and len(r) > 2]


def tables(path: Path) -> list[tuple[str, list[str]]]:
    """Each table's header and its rows' keys."""
    out: list[tuple[str, list[str]]] = []
    for r in outline(path):
        if r[1] == "table":
            out.append((r[2], []))
        elif r[1] == "row" and out:
            out[-1][1].append(r[0].rsplit(".", 1)[1])
    return out


# (a state Medicaid's pharmacy form and a health plan's imaging checklist: other payers, other boxes)
PHARMACY = """\
Dupilumab (Dupixent) Prior Authorization Form
Policy Number: RX-2217
Effective Date: 03/01/2026
Approval Criteria
All of the following boxes must be checked for approval:
{box} Patient is 6 years of age or older;
{box} Patient has moderate-to-severe atopic dermatitis with one of the following:
o Involvement of at least 10% of body surface area;
o Involvement of the face, hands or genitals;
{box} Patient has tried and failed a medium-potency topical corticosteroid for 28 days;
{box} Prescriber is a dermatologist or allergist.
Reasons for Denial
Requests are denied if any of the following apply:
{box} Use with another biologic for the same condition;
{box} Dose exceeds the labeled maintenance dose;
{box} Request is for cosmetic use.
References
Simpson EL. Dupilumab in atopic dermatitis. N Engl J Med. 2016.
"""
PHARMACY_TREE = [
    ("c1", "set:all", "All of the"),
    ("c1.1", "judgment", "Patient is 6"),
    ("c1.2", "any", "Patient has moderate-to-severe"),
    ("c1.2.1", "judgment", "Involvement of at"),
    ("c1.2.2", "judgment", "Involvement of the"),
    ("c1.3", "judgment", "Patient has tried"),
    ("c1.4", "judgment", "Prescriber is a"),
    ("c1", "set:any", "Requests are denied"),
    ("c1.1", "judgment", "Use with another"),
    ("c1.2", "judgment", "Dose exceeds the"),
    ("c1.3", "judgment", "Request is for"),
]


@pytest.mark.parametrize("box", ["☐", "❑"])
def test_check_boxes_are_a_list_with_o_items_under_them(box: str, tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(PHARMACY.format(box=box), encoding="utf-8")
    assert criteria(path) == PHARMACY_TREE


IMAGING = """\
Lumbar Spine MRI Checklist
Guideline ID: IMG-LS-044
Effective: 02/01/2026
Indications
Check every box that applies. ALL must be checked:
☐ Low back pain for 6 weeks or longer despite conservative care;
☐ One of the following red flags:
o History of cancer;
o Unexplained weight loss;
o Progressive neurologic deficit.
☐ No lumbar MRI within the past 12 months.
Contraindications
Urgent request? ☐ Yes ☐ No
☐
Pacemaker not labeled MR-conditional.
"""


def test_a_box_inside_a_line_or_alone_is_no_item(tmp_path: Path) -> None:
    path = tmp_path / "checklist.txt"
    path.write_text(IMAGING, encoding="utf-8")
    assert criteria(path) == [
        ("c1", "set:all", "Check every box"),
        ("c1.1", "judgment", "Low back pain"),
        ("c1.2", "any", "One of the"),
        ("c1.2.1", "judgment", "History of cancer;"),
        ("c1.2.2", "judgment", "Unexplained weight loss;"),
        ("c1.2.3", "judgment", "Progressive neurologic deficit."),
        ("c1.3", "judgment", "No lumbar MRI"),
    ]
    rows = outline(path)
    kept = [r for r in rows if ".Contraindications." in r[0]]
    assert [r[1] for r in kept] == ["paragraph"]  # (text, never an item: the box alone is an empty field)
    assert "Urgent request? ☐ Yes ☐ No" in kept[0][2]
    assert "Pacemaker not labeled MR-conditional." in kept[0][2]


def _box_bullets(lists: _Numbering) -> int:
    """A list instance whose levels are a check box (Segoe UI Symbol's ``☐``), then Courier New's ``o``."""
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (k + 1)}" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl>'
        for k, (glyph, font) in enumerate([("☐", "Segoe UI Symbol"), ("o", "Courier New")] * 4)
    )
    return lists.bullets(levels)


def test_a_word_check_box_list_keeps_its_levels(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    lists = _Numbering(document)
    document.add_heading("Dupilumab (Dupixent) Prior Authorization Form", level=0)
    document.add_paragraph("Effective Date: 03/01/2026")
    document.add_heading("Approval Criteria", level=1)
    document.add_paragraph("All of the following boxes must be checked for approval:")
    num = _box_bullets(lists)
    for line in PHARMACY.format(box="☐").splitlines()[5:11]:
        level = 1 if line.startswith("o ") else 0
        _numbered(document.add_paragraph(line[2:]), num, level)
    document.add_heading("References", level=1)
    document.add_paragraph("Simpson EL. Dupilumab in atopic dermatitis. N Engl J Med. 2016.")
    path = tmp_path / "form.docx"
    document.save(str(path))
    assert criteria(path) == PHARMACY_TREE[:7]


PRINTED = """<!doctype html><html><head><meta charset="utf-8"><title>Form</title>
<style>body{font-family:sans-serif;font-size:11pt} p{margin:2pt 0} ul{list-style-type:'o   ';margin:0}</style>
</head><body>
<h1>Dupilumab (Dupixent) Prior Authorization Form</h1>
<p>Policy Number: RX-2217</p><p>Effective Date: 03/01/2026</p>
<h2>Approval Criteria</h2>
<p>All of the following boxes must be checked for approval:</p>
<p>☐ Patient is 6 years of age or older;</p>
<p>☐ Patient has moderate-to-severe atopic dermatitis with one of the following:</p>
<ul><li>Involvement of at least 10% of body surface area;</li><li>Involvement of the face, hands or genitals;</li></ul>
<p>☐ Patient has tried and failed a medium-potency topical corticosteroid for 28 days;</p>
<p>☐ Prescriber is a dermatologist or allergist.</p>
<h2>Billing Codes</h2>
<p>HCPCS Description Units</p>
<p>J0173 Injection, dupilumab, 1 mg 1 per 1 mg</p>
<p>J3590 Unclassified biologics 1</p>
<h2>References</h2>
<p>Simpson EL. Dupilumab in atopic dermatitis. N Engl J Med. 2016.</p>
</body></html>
"""


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize("layout", [False, True], ids=["raw", "layout"])
def test_a_chromium_print_of_a_check_box_list_keeps_its_levels(layout: bool, tmp_path: Path) -> None:
    need("chromium", "pdftotext")
    pdf = chromium_pdf(PRINTED, tmp_path / "form.pdf")
    path = tmp_path / "form.txt"
    path.write_text(pdftotext(pdf, layout=layout), encoding="utf-8")
    assert criteria(path) == PHARMACY_TREE[:7]
    assert ("HCPCS | Description Units", ["J0173", "J3590"]) in tables(path)


CODES = """\
Continuous Glucose Monitors
Policy Number: DME-118
Effective Date: 04/01/2026
Coverage
Continuous glucose monitors are covered for members with insulin-treated diabetes.
Coding
{header}
K0553 Supply allowance for therapeutic continuous glucose monitor, includes all supplies 1 per 30 days
K0554 Receiver (monitor), dedicated, for use with therapeutic glucose continuous monitor system 1
References
Battelino T. Clinical targets for CGM data. Diabetes Care. 2019.
"""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("HCPCS Description Units", "HCPCS | Description Units"),
        ("HCPCS Modifier Description", "HCPCS | Modifier Description"),
        ("HCPCS Code Description", "HCPCS Code | Description"),  # (the older shape, unchanged)
        ("HCPCS\n\nDescription\n", "HCPCS | Description"),  # (a viewer's copy: a name a block)
    ],
)
def test_a_code_table_s_header_names_its_code_set(header: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_text(CODES.format(header=header), encoding="utf-8")
    assert tables(path) == [(expected, ["K0553", "K0554"])]


@pytest.mark.parametrize(
    "header",
    [
        "HCPCS descriptions are listed below for reference",  # (a sentence: lower-case words)
        "HCPCS Description Units Billed Per Claim Line",  # (more names than a header's few)
    ],
)
def test_a_sentence_over_codes_is_no_header(header: str, tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_text(CODES.format(header=header), encoding="utf-8")
    found = tables(path)
    assert [keys for _, keys in found] == [["K0553", "K0554"]]
    assert found[0][0] == "Code | Description"  # (no header: the outline's own, with its warning)
    assert any(header in r[2] for r in outline(path) if len(r) > 2)
