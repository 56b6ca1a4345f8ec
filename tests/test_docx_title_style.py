"""A DOCX whose first paragraph is in Word's ``Title`` style: that paragraph is the policy's title, which the header
reads, never a section heading as well (issue 17: the DOCX against its plain-text copy diffed to the title
heading deleted and inserted).  A later heading in the ``Title`` style is still a heading.  Invented policy text."""

from __future__ import annotations

from pathlib import Path

from policyvc.history.diff import diff
from policyvc.parser import parse_file, parse_text

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
