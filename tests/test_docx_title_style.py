"""A DOCX whose first paragraph is in Word's ``Title`` style: that paragraph is the policy's title, which the header
reads, never a section heading as well (issue 17: the DOCX against its plain-text copy diffed to the title
heading deleted and inserted).  A later heading in the ``Title`` style is still a heading.  Invented policy text."""

from __future__ import annotations

from pathlib import Path

from policyvc.history.diff import diff
from policyvc.parser import parse_file, parse_text
from policyvc.renderer.text import render_text

_TITLE = "Home Blood Pressure Monitors"
_FIELDS = [
    "Medical Policy Number: ADM-907",
    "Effective Date: January 1, 2026",
    "Review Date: December 2025",
    "Applicable Products: Example Health Commercial",
]
_BODY = [
    ("Overview", ["A home blood pressure monitor measures the pressure in the arm at rest and keeps the readings."]),
    (
        "Policy",
        ["The plan considers an automated upper-arm monitor medically necessary for members with hypertension."],
    ),
]


def _docx(out: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading(_TITLE, level=0)  # (Word's ``Title`` style)
    for line in _FIELDS:
        d.add_paragraph(line)
    d.add_paragraph("Example Health")  # (the plan's name under the fields)
    for heading, paras in _BODY:
        d.add_heading(heading, level=1)
        for p in paras:
            d.add_paragraph(p)
    d.save(str(out))
    return out


def _text() -> str:
    parts = [_TITLE, "", *_FIELDS, "", "Example Health", ""]
    for heading, paras in _BODY:
        parts += [heading, "", *[x for p in paras for x in (p, "")]]
    return "\n".join(parts)


def test_the_title_styled_first_line_is_the_title_only(tmp_path: Path) -> None:
    policy = parse_file(_docx(tmp_path / "policy.docx"))
    assert policy.header.title == _TITLE
    assert diff(policy, parse_text(_text())).edits == ()


def test_a_stated_heading_is_no_cell_of_a_table_printed_cell_by_cell(tmp_path: Path) -> None:
    """The head's short lines (the ``Coding Implications`` / ``Revision Log`` links, the plan's name, the
    reminder) above Word's ``Heading 1`` sections: read a label and its text a row, they took the headings and
    their paragraphs as rows of a table, and the criteria under them became bullets of the head."""
    import docx

    d = docx.Document()
    d.add_heading("Clinical Policy: Implanted Phrenic Nerve Stimulation", level=0)
    reminder = "See Important Reminder at the end of this policy for important regulatory and legal information."
    head = ("Reference Number: CP.MP.977", "Date of Last Revision: 09/24", "Coding Implications", "Revision Log")
    for line in (*head, "Example Health", reminder):
        d.add_paragraph(line)
    d.add_heading("Description", level=1)
    d.add_paragraph("Phrenic nerve stimulation paces the diaphragm of a member with central sleep apnea.")
    d.add_heading("Policy/Criteria", level=1)
    d.add_paragraph("I. It is the policy of Example Health that the device is medically necessary when all are met:")
    for item in ("Age ≥ 18 years;", "Moderate to severe central sleep apnea on a polysomnogram;"):
        d.add_paragraph(item, style="List Number")
    d.add_heading("References", level=1)
    d.add_paragraph("1. An invented reference on phrenic nerve stimulation. 2024.")
    path = tmp_path / "policy.docx"
    d.save(str(path))
    text = render_text(parse_file(path))
    assert "Description\tPhrenic" not in text and "\tHypo" not in text
    assert "\nDescription\n" in text


def test_a_heading_1_title_over_the_publishers_banner(tmp_path: Path) -> None:
    """A PBM's criteria in Word: the title in ``Heading 1``, then the publisher's banner naming its series
    (``<company> Clinical Criteria``) right above the fields — the banner names the series, the heading the
    document.  Invented policy text."""
    import docx

    d = docx.Document()
    d.add_heading("Growth Hormone Therapy Prior Authorization Criteria", level=1)
    d.add_paragraph("Examplex Clinical Criteria")
    for line in ("Criteria ID: EX-PA-0123", "Effective Date: 03/01/2026", "Products: Genotropin, Norditropin"):
        d.add_paragraph(line)
    d.add_heading("Coverage Criteria", level=2)
    d.add_paragraph("Approve for 12 months if the patient meets all of the following:")
    for item in ("Diagnosis of growth hormone deficiency;", "Prescribed by an endocrinologist."):
        d.add_paragraph(item, style="List Number")
    path = tmp_path / "policy.docx"
    d.save(str(path))
    policy = parse_file(path)
    assert policy.header.title == "Growth Hormone Therapy Prior Authorization Criteria"
    assert policy.header.reference_number == "EX-PA-0123"
