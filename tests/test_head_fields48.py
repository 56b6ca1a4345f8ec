"""The first page of a generic policy as more producers give it: a Word header table under a ``Title``-style
paragraph whose cells each hold ``Label: value`` (under a caption row naming the plan, or a cell's value set as a
paragraph under its label), the same table printed through LibreOffice and read by ``pdftotext`` raw and
``-layout``; a title written ``<program>: <subject>`` with its brand names wrapped onto the next line; ``Revised:``
on a line of its own among the fields; and a plan's name line above the title that one copy prints and the other
does not.  Every example is written with words of its own; the fail-safe cases say what must stay as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docgen import libreoffice_pdfs, need, pdftotext
from header_support import read as _read

from policyvc.history.diff import diff
from policyvc.parser import parse_file
from policyvc.parser.nodes import Policy, Table

_TITLE = "Continuous Glucose Monitoring Systems"
_CELLS = [
    ("Policy Number: CMP-0412", "Original Effective Date: 05/01/2019"),
    ("Line of Business: Medicaid, CHIP", "Last Reviewed: 01/15/2026"),
    ("Prior Authorization: Required", "Effective Date: 03/01/2026"),
]
_CODES = [("Code", "Description"), ("A9276", "Sensor, disposable"), ("A9277", "Transmitter, external")]


def _docx(out: Path, *, caption: str = "", two_paragraphs: bool = False, rows: list[tuple[str, str]] = _CELLS) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(_TITLE, style="Title")
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    if caption:
        t.add_row().cells[0].text = caption
    for pair in rows:
        for cell, text in zip(t.add_row().cells, pair, strict=True):
            label, colon, value = text.partition(": ")
            if two_paragraphs and colon:
                cell.text = f"{label}:"
                cell.add_paragraph(value)
            else:
                cell.text = text
    d.add_paragraph("")
    d.add_heading("Overview", 1)
    d.add_paragraph("A continuous glucose monitor reads interstitial glucose every few minutes and reports trends.")
    d.add_heading("Coverage Criteria", 1)
    d.add_paragraph("The plan considers a continuous glucose monitor medically necessary when ALL of the following:")
    for x in ("Member has diabetes treated with insulin;", "Member has completed training in the device's use."):
        d.add_paragraph(x, style="List Number")
    d.add_heading("Policy History", 1)
    d.add_paragraph("01/15/2026 Annual review; no changes.")
    d.save(str(out))
    return out


def _fields(policy: Policy) -> tuple[object, ...]:
    h = policy.header
    return h.title, h.reference_number, h.effective_date, h.last_review


_WANTED = (_TITLE, "CMP-0412", dt.date(2026, 3, 1), dt.date(2026, 1, 15))


@pytest.mark.parametrize(
    ("caption", "two_paragraphs"),
    [("", False), ("Northwind Health Plan Medical Policy", False), ("", True), ("Northwind Health Plan", True)],
)
def test_a_word_header_table_of_labelled_cells_gives_its_fields(
    tmp_path: Path, caption: str, two_paragraphs: bool
) -> None:
    policy = parse_file(_docx(tmp_path / "p.docx", caption=caption, two_paragraphs=two_paragraphs))
    assert _fields(policy) == _WANTED
    assert "Original Effective Date: 05/01/2019 (2019-05-01)" in policy.header.extras
    # (no table of the fields is left in the body, and the title is no section of it)
    assert not any(isinstance(b, Table) for s in policy.body for b in s.blocks)
    assert _TITLE not in [s.title for s in policy.body]


def test_a_table_under_the_title_whose_cells_are_no_fields_stays_a_table(tmp_path: Path) -> None:
    policy = parse_file(_docx(tmp_path / "p.docx", caption="Northwind Health Plan", rows=_CODES[1:]))
    tables = [b for s in policy.body for b in s.blocks if isinstance(b, Table)]
    assert tables and policy.header.reference_number == "" and policy.header.effective_date is None


def test_a_caption_over_cells_of_no_fields_stays_a_table(tmp_path: Path) -> None:
    rows = [("Sensor: disposable, 10 days", "Transmitter: reusable"), ("Receiver: optional", "Reader: optional")]
    policy = parse_file(_docx(tmp_path / "p.docx", caption="Device Parts", rows=rows))
    assert any(isinstance(b, Table) for s in policy.body for b in s.blocks)
    assert policy.header.effective_date is None


@pytest.mark.producers
@pytest.mark.slow
def test_the_header_table_printed_through_libreoffice_reads_the_same(tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    source = _docx(tmp_path / "cgm.docx", caption="Northwind Health Plan Medical Policy")
    (pdf,) = libreoffice_pdfs([source], tmp_path)
    assert _fields(parse_file(pdf))[1:] == _WANTED[1:]
    for layout in (False, True):
        text = tmp_path / f"cgm{int(layout)}.txt"
        text.write_text(pdftotext(pdf, layout=layout), encoding="utf-8")
        assert _fields(parse_file(text))[1:] == _WANTED[1:], layout


_STAMP = "3/2/26, 9:41 AM                        Tezepelumab Products (Tezspire, Tezspire Pen) – Lakeshore Health\n\n\n"
_HEAD = """       Lakeshore Community Health Plan


       {program}: Tezepelumab Products
       (Tezspire®, Tezspire® Pen)
{gap}       Criteria ID: LCHP-PA-0233

       Effective: 05/01/2026

       {revised}: 03/10/2026

       Line of Business: Lakeshore Medicaid

"""
_BODY = """       Background
       Tezepelumab is a thymic stromal lymphopoietin blocker used as add-on maintenance treatment of severe
       asthma.

       Coverage Criteria

       I. Severe Asthma – Initial Authorization

       Approve for 6 months if the patient meets ALL of the following:

           A. Patient is 12 years of age or older; AND
           B. Patient has had two or more asthma exacerbations in the past 12 months; AND
           C. Prescribed by or in consultation with a pulmonologist or an allergist.

       Revision History

       Date          Change
       03/10/2026    Annual review; no changes to criteria.
"""


@pytest.mark.parametrize(
    "program",
    ["Prior Authorization Criteria", "Clinical Policy", "Medical Policy", "Pharmacy Coverage Guideline",
     "Specialty Pharmacy Criteria"],
)  # fmt: skip
@pytest.mark.parametrize("stamp", ["", _STAMP])
@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_program_name_before_the_subject_is_no_part_of_the_title(program: str, stamp: str, gap: str) -> None:
    policy = _read(stamp + _HEAD.format(program=program, gap=gap, revised="Revised") + _BODY)
    h = policy.header
    assert h.title == "Tezepelumab Products (Tezspire®, Tezspire® Pen)"
    assert (h.reference_number, h.effective_date) == ("LCHP-PA-0233", dt.date(2026, 5, 1))
    # (``Revised:`` on a line of its own among the fields: the last review, no paragraph of the front)
    assert h.last_review == dt.date(2026, 3, 10)
    front = [b.text for s in policy.body if s.id == "front" for b in s.blocks if hasattr(b, "text")]
    assert not any("Revised" in x or "Tezspire" in x for x in front)


def test_a_review_label_is_preferred_to_revised() -> None:
    head = _HEAD.format(program="Clinical Policy", gap="", revised="Revised") + "       Review Date: 02/01/2026\n\n"
    assert _read(head + _BODY).header.last_review == dt.date(2026, 2, 1)


def test_two_revised_dates_that_disagree_name_no_review() -> None:
    head = _HEAD.format(program="Clinical Policy", gap="", revised="Revised") + "       Revised: 01/02/2026\n\n"
    assert _read(head + _BODY).header.last_review is None


def test_a_plan_name_before_the_colon_is_never_cut_as_a_program() -> None:
    # (a colon after a plan's own name, not a generic kind of document's: its words are never dropped as a program's)
    head = _HEAD.format(program="Lakeshore Tezepelumab Criteria", gap="", revised="Revised")
    title = _read(head.replace("Lakeshore Community Health Plan", "") + _BODY).header.title
    assert title != "Tezepelumab Products (Tezspire®, Tezspire® Pen)"


# (dropping "name-like" front lines — a few capitalised words above the title, the reminder's pointer — from the diff
# also hid a table's cells read as front paragraphs in one copy, `Maryland`, `J-L`: taken out, the diff must know the
# front's furniture from the tree, not guess)
_FRONT_LINE_IS_A_CHANGE = pytest.mark.xfail(
    strict=True, reason="a line in the front present in one copy only is still a change (a known limitation)"
)


@_FRONT_LINE_IS_A_CHANGE
def test_a_plan_name_line_above_the_title_in_one_copy_only_is_no_change() -> None:
    one = _HEAD.format(program="Clinical Policy", gap="", revised="Revised") + _BODY
    other = one.replace("       Lakeshore Community Health Plan\n", "\n")
    old, new = _read(other), _read(one)
    assert old.header.title == new.header.title
    changes = diff(old, new).changes
    assert not changes, changes
    # (a sentence above the title is text: its insertion is still a change)
    said = one.replace("Lakeshore Community Health Plan", "This policy applies to every plan.")
    assert diff(old, _read(said)).changes


_TOC_DOC = """Sunrise Valley Health Plan
Medical Policy

Bone Growth Stimulators
Policy Number: SVHP-MP-0088
Effective Date: 04/01/2026
Last Review Date: 02/12/2026
{toc}
Description
Bone growth stimulators apply electrical or ultrasonic energy to a fracture site to promote healing.

Coverage Criteria
The plan considers an electrical bone growth stimulator medically necessary when ALL of the following are met:
1. The member has a nonunion of a long bone fracture;
2. At least 90 days have passed since the injury;
3. Serial radiographs show no progression of healing.

Policy History
Date          Action
02/12/2026    Annual review; no changes.
"""
_ENTRIES = ("Description", "Coverage Criteria", "Policy History")


@pytest.mark.parametrize("page", ["", " 1", " ............ 1"])
@pytest.mark.parametrize("name", ["Table of Contents", "Contents"])
def test_a_table_of_contents_is_front_matter_never_fields_headings_or_a_change(page: str, name: str) -> None:
    toc = "\n" + name + "\n" + "".join(f"{e}{page}\n" for e in _ENTRIES) + "\n"
    policy, bare = _read(_TOC_DOC.format(toc=toc)), _read(_TOC_DOC.format(toc="\n"))
    assert _fields(policy) == _fields(bare)
    assert [s.title for s in policy.body] == [s.title for s in bare.body]
    assert not diff(bare, policy).changes


def test_lines_under_a_contents_line_that_name_no_heading_stay_text() -> None:
    toc = "\nContents\nSensor\nTransmitter\nReceiver\n\n"
    policy = _read(_TOC_DOC.format(toc=toc))
    front = [b.text for s in policy.body if s.id == "front" for b in s.blocks if hasattr(b, "text")]
    assert any("Sensor" in x for x in front)


@_FRONT_LINE_IS_A_CHANGE
def test_the_reminder_pointer_line_is_no_change() -> None:
    pointer = "\nSee Important Reminder at the end of this policy for important regulatory and legal information.\n\n"
    assert not diff(_read(_TOC_DOC.format(toc="\n")), _read(_TOC_DOC.format(toc=pointer))).changes
