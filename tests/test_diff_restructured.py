"""One text read in two shapes is no change; a word changed inside it still is.

A Medicare LCD's contractor table is a table in the web page's text copy (its cells tab-separated) and one cell a
line in ``pdftotext`` of the browser's print (reading-order mode writes a row's cells as separate lines, some of
them run together); a web copy keeps a list's ``-`` bullets that the print's text loses; labels a text copy sets
apart as headings run as paragraphs in the print.  The two versions' trees differ in kind, so their nodes are not
paired, but the words are the same in the same order: no change.  One cell changed in the printed copy is still
reported, with its new wording.

The printed copy is made by the real producers (headless Chromium, poppler's ``pdftotext``), the web copy is the
page's text as a browser's select-all gives it (tabs between cells).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import chromium_pdf, need, pdftotext

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report

pytestmark = [pytest.mark.producers, pytest.mark.slow]

_ROWS = [
    ("Example Solutions, Inc.", "A and B MAC", "12502 - MAC B", "J-L", "Pennsylvania"),
    ("Example Solutions, Inc.", "A and B MAC", "12402 - MAC B", "J-L", "New Jersey"),
    ("Example Solutions, Inc.", "A and B MAC", "12302 - MAC B", "J-L", "Maryland"),
]
_HEADER = ("Contractor Name", "Contract Type", "Contract Number", "Jurisdiction", "States")
_LIMITS = [
    "The service is not reasonable and necessary in patients with a pacemaker or an implanted pump.",
    "Treatment is limited to 20 sessions per course. Maintenance treatment is not covered.",
    "A repeat course is covered when the patient relapsed after responding to a first course.",
]
_CRITERIA = [
    "The patient is 18 years of age or older;",
    "The diagnosis is confirmed by a specialist who has examined the patient;",
    "The patient has had a failure of a trial of standard treatment of adequate dose and duration.",
]


def _html(rows: list[tuple[str, ...]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    head = "".join(f"<th>{c}</th>" for c in _HEADER)
    return (
        "<html><body><h1>Local Coverage Determination (LCD)</h1>"
        "<h2>Example Stimulation Therapy for Chronic Pain</h2>"
        "<h2>Contractor Information</h2>"
        f'<table border="1"><tr>{head}</tr>{cells}</table>'
        "<h2>LCD Information</h2><h3>Document Information</h3>"
        "<p>LCD ID<br>L99999</p>"
        "<p>Revision Effective Date<br>For services performed on or after 03/01/2026</p>"
        "<h2>Coverage Indications, Limitations, and/or Medical Necessity</h2>"
        "<p>Example stimulation is considered reasonable and necessary when all of the following are met:</p>"
        "<ol>" + "".join(f"<li>{c}</li>" for c in _CRITERIA) + "</ol>"
        "<h3>Limitations</h3><ul>" + "".join(f"<li>{x}</li>" for x in _LIMITS) + "</ul>"
        "<h2>Revision History Information</h2><p>03/01/2026 R2 Criteria clarified.</p>"
        "</body></html>"
    )


def _web_copy(rows: list[tuple[str, ...]]) -> str:
    """The page's text as a browser copies it: headings on lines of their own, a table's cells tab-separated."""
    # (the page's copy spaces the jurisdiction's dash, ``J - L``, where the print has ``J-L``)
    table = "\n\n".join("\t".join(row).replace("J-L", "J - L") for row in [_HEADER, *rows])
    return (
        "Local Coverage Determination (LCD)\n\nExample Stimulation Therapy for Chronic Pain\n\n"
        f"Contractor Information\n\n{table}\n\nLCD Information\n\nDocument Information\n\n"
        "LCD ID\nL99999\n\nRevision Effective Date\nFor services performed on or after 03/01/2026\n\n"
        "Coverage Indications, Limitations, and/or Medical Necessity\n\n"
        "Example stimulation is considered reasonable and necessary when all of the following are met:\n\n"
        + "\n\n".join(f"{k}. {c}" for k, c in enumerate(_CRITERIA, 1))
        + "\n\nLimitations\n\n"
        + "\n\n".join(f"- {x}" for x in _LIMITS)
        + "\n\nRevision History Information\n\n03/01/2026 R2 Criteria clarified.\n"
    )


def _printed(rows: list[tuple[str, ...]], folder: Path) -> str:
    need("chromium", "pdftotext")
    return pdftotext(chromium_pdf(_html(rows), folder / "lcd.pdf", furniture=False))


def _changes(old: str, new: str) -> list[tuple[str, str, str]]:
    a = parse_text_report(old, "old.txt", recover=True).policy
    b = parse_text_report(new, "new.txt", recover=True).policy
    return [(e.kind.value, e.old_text or "", e.new_text or "") for e in diff(a, b).changes]


def test_a_table_read_cell_by_cell_in_one_copy_and_as_a_table_in_the_other_is_no_change(tmp_path: Path) -> None:
    assert _changes(_web_copy(_ROWS), _printed(_ROWS, tmp_path)) == []
    assert _changes(_printed(_ROWS, tmp_path), _web_copy(_ROWS)) == []


def test_one_cell_changed_in_the_printed_copy_is_still_a_change(tmp_path: Path) -> None:
    changed = [*_ROWS[:2], (*_ROWS[2][:4], "Delaware")]
    found = _changes(_web_copy(_ROWS), _printed(changed, tmp_path))
    assert found, "the changed cell is reported"
    assert any("Delaware" in new for _, _, new in found)
    assert not any("Maryland" in new for _, _, new in found)
    assert all("Pennsylvania" not in new for kind, _, new in found if kind != "delete")


def test_a_criterion_reworded_beside_a_table_read_in_two_shapes_is_the_only_change(tmp_path: Path) -> None:
    old = _web_copy(_ROWS)
    new = _printed(_ROWS, tmp_path).replace("18 years of age", "21 years of age")
    found = _changes(old, new)
    assert len(found) == 1 and "21 years" in found[0][2], found


def test_a_requirement_whose_words_the_other_copy_has_only_as_prose_is_still_a_change(tmp_path: Path) -> None:
    old = _web_copy(_ROWS)
    first = f"1. {_CRITERIA[0]}\n\n"
    assert first in old
    # the age requirement taken out of the list and written as a sentence under it: no longer required
    new = (
        old.replace(first, "")
        .replace("2. The diagnosis", "1. The diagnosis")
        .replace("3. The patient", "2. The patient")
    )
    new = new.replace("\n\nLimitations\n", "\n\nMost patients treated are 18 years of age or older.\n\nLimitations\n")
    found = _changes(old, new)
    assert any(kind == "delete" and "18 years of age" in was for kind, was, _ in found), found
