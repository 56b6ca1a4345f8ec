"""A Medicare Part D criteria grid printed from its web table without rules: the field labels in a narrow column,
each centred on its value (LibreOffice's print of a ``<td>`` grid), so that read line by line a label lands in the
middle of its value (``Required Medical Chorea associated …`` / ``Information 1. The patient …``).

The PDF is drawn here (reportlab) as such prints are laid out: a plan's header line that states its dates without
colons (``Last updated 09/01/2026 Effective 10/01/2026``), no ``Clinical Policy:`` title, no reference number.  It
must be read, not refused as *not a clinical policy*: each label a line of its own above its value, the grid's sets
and restrictions read as the text front reads a Part D grid, filed with ``--ref`` and a ``--date`` the document
states; ``--recover`` of a PDF that states nothing a policy states still reads its text.  Decisions from the text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from policyvc.parser import parse_file, parse_file_report
from policyvc.parser.documents import looks_like_policy
from policyvc.parser.errors import PolicyError
from policyvc.rules.interpret import Interpreter

FONT, SIZE, PITCH = "Helvetica", 10, 11.5
LABEL_X, VALUE_X, LABEL_WIDTH = 58, 140, 78
ROWS = [
    ("PA Criteria", ["Criteria Details"]),
    ("Covered Uses", ["All FDA-approved indications not otherwise excluded from Part D."]),
    ("Exclusion Criteria", ["Severe hepatic impairment."]),
    (
        "Required Medical Information",
        [
            "Initial therapy - ALL of the following:",
            "1. The patient has a diagnosis of chorea associated with Huntington's disease",
            "2. The patient is not receiving deutetrabenazine or valbenazine concurrently",
            "Continuation of therapy - ALL of the following:",
            "1. The patient has a diagnosis of chorea associated with Huntington's disease",
            "2. The prescriber attests to a reduction in chorea since the start of therapy",
        ],
    ),
    ("Age Restrictions", ["Patient is 18 years of age or older"]),
    ("Prescriber Restrictions", ["Prescribed by or in consultation with a neurologist"]),
    ("Coverage Duration", ["Initial: 6 months. Continuation: 12 months."]),
    ("Other Criteria", ["N/A"]),
    ("Part B Prerequisite", ["No"]),
]


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", FONT, SIZE) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _grid_pdf(path: Path, rows: list[tuple[str, list[str]]] = ROWS) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    c.setFont(FONT, SIZE)
    c.drawString(57, height - 36, "Formulary ID 26001, Version 3   Last updated 09/01/2026   Effective 10/01/2026")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(57, height - 70, "XENAZINE")
    c.setFont(FONT, SIZE)
    y = height - 100.0  # the top of the next row
    for label, values in rows:
        body = [line for v in values for line in _wrap(v, A4[0] - VALUE_X - 50)]
        for k, line in enumerate(body):
            c.drawString(VALUE_X, y - SIZE - k * PITCH, line)
        labels = _wrap(label, LABEL_WIDTH)
        middle = y - (len(body) * PITCH) / 2  # (centred on its value, as a print of a <td> grid sets it)
        first = middle + (len(labels) * PITCH) / 2
        for k, line in enumerate(labels):
            c.drawString(LABEL_X, first - SIZE - k * PITCH, line)
        y -= max(len(body), len(labels)) * PITCH + 18
    c.drawString(57, 40, "Page 12 of 318")
    c.save()
    return path


def test_the_labels_are_read_each_on_a_line_of_its_own(tmp_path: Path) -> None:
    from policyvc.parser.pdf_guard import extract_pdf

    text = extract_pdf(_grid_pdf(tmp_path / "grid.pdf")).text
    lines = [line for line in text.split("\n") if line.strip()]
    for label, values in ROWS:
        assert label in lines, (label, text)
        # (its value right under it: never a centred label in the middle of its value)
        assert lines[lines.index(label) + 1].startswith(values[0].split()[0]), (label, text)
    assert "Continuation of therapy - ALL of the following:" in lines  # (a group's lead-in: never run on)


def test_the_grid_is_read_and_decides(tmp_path: Path) -> None:
    policy = parse_file(_grid_pdf(tmp_path / "grid.pdf"))
    interpreter = Interpreter(policy, dt.date(2026, 9, 1))
    sets = [s.id for s in interpreter.sets]
    assert len(sets) == 2, sets  # (the initial and the continuation sets of Required Medical Information)

    def decide(**over: Any) -> str:
        request: dict[str, Any] = {
            "date": "2026-10-15",
            "request": "initial",
            "member": {"age": 50},
            "diagnoses": ["chorea associated with Huntington's disease"],
            "prescriber": {"specialty": "neurology"},
            "concurrent": [],
            "attestations": {f"{sets[0]}.statement": True},
        }
        request.update(over)
        return str(interpreter.evaluate(request)["outcome"])

    assert decide(member={"age": 17}) == "denied"  # Age Restrictions: 18 years of age or older
    assert decide(prescriber={"specialty": "family medicine"}) == "denied"  # Prescriber Restrictions
    # Initial 2: not receiving valbenazine concurrently (*is not receiving … concurrently* is still a judgment)
    assert decide(concurrent=["valbenazine"]) != "approved"
    assert decide(diagnoses=["tourette syndrome"]) == "denied"  # Initial 1: the diagnosis
    # one step outside: what the request does not give is never approved
    assert decide(member={}) != "approved"
    assert decide(prescriber={}) != "approved"
    assert decide(request="continued") != "approved"  # (the reduction in chorea is the reviewer's)


@pytest.mark.parametrize(
    ("head", "policy"),
    [
        ("Covered Uses All FDA-approved …\nExclusion Criteria\nRequired Medical\nAge Restrictions Patient is 18", True),
        ("PA Criteria: X\nCovered Uses: all\nAge Restrictions: 18\nPrescriber Restrictions: none", True),
        ("Covered Uses of our products\nAge is no barrier", False),  # (one field name, in prose: not a grid)
    ],
)
def test_a_part_d_grid_says_it_is_a_policy(head: str, policy: bool) -> None:
    assert looks_like_policy(head) is policy


def test_recover_reads_a_pdf_of_text_whatever_its_first_page_says(tmp_path: Path) -> None:
    c = canvas.Canvas(str(tmp_path / "memo.pdf"), pagesize=A4)
    c.setFont(FONT, SIZE)
    for k, line in enumerate(["Pharmacy memo", "Members may ask for a refill after 75% of the supply is used."]):
        c.drawString(57, A4[1] - 60 - k * PITCH, line)
    c.save()
    with pytest.raises(PolicyError, match="not a clinical policy"):
        parse_file_report(tmp_path / "memo.pdf")
    report = parse_file_report(tmp_path / "memo.pdf", recover=True)  # (never nothing: the text, named a doubt)
    assert "75% of the supply" in repr(report.policy)
