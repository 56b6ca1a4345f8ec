"""One text read in two shapes by real producers is a reread, not a change; a word changed inside it still is one.

A Medicare LCD's contractor table, printed by LibreOffice (its PDF read by ``pdftotext``: one cell a line) and by
headless Chromium (its PDF read directly: a table), and a web page's text copy (cells tab-separated) against
LibreOffice's PDF read directly (the jurisdiction ``J - L`` in one, ``J-L`` in the other, cells cut elsewhere).
The two versions' trees differ in kind, so the matcher pairs none of the table's nodes, but the words are the same
in the same order: the diff lists them under *read differently, same words* and no change holds the table's words.
A cell changed and a row added in one copy are still reported (issue 17).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from diff_support import assert_whole
from docgen import chromium_pdf, libreoffice_pdfs, need, pdftotext

from policyvc.history.diff import EditScript, diff
from policyvc.parser import parse_file_report, parse_text_report

pytestmark = [pytest.mark.producers, pytest.mark.slow]

_HEADER = ("Contractor Name", "Contract Type", "Contract Number", "Jurisdiction", "States")
_ROWS = [
    ("Example Solutions, Inc.", "A and B MAC", "12502 - MAC B", "J-L", "Pennsylvania"),
    ("Example Solutions, Inc.", "A and B MAC", "12402 - MAC B", "J-L", "New Jersey"),
    ("Example Solutions, Inc.", "A and B MAC", "12302 - MAC B", "J-L", "Maryland"),
]
_CRITERIA = [
    "The patient is 18 years of age or older;",
    "The diagnosis is confirmed by a specialist who has examined the patient;",
    "The patient has had a failure of a trial of standard treatment of adequate dose and duration.",
]
_LIMITS = [
    "The service is not reasonable and necessary in patients with a pacemaker or an implanted pump.",
    "Treatment is limited to 20 sessions per course. Maintenance treatment is not covered.",
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


class _Prints:
    """The page with ``rows`` printed by LibreOffice (its PDF, and ``pdftotext`` of it) and by Chromium (its PDF)."""

    def __init__(self, rows: list[tuple[str, ...]], folder: Path) -> None:
        need("soffice", "chromium", "pdftotext")
        folder.mkdir(parents=True)
        page = folder / "page.html"
        page.write_text(_html(rows), encoding="utf-8")
        self.libreoffice = libreoffice_pdfs([page], folder)[0]
        self.libreoffice_text = folder / "libreoffice.txt"
        self.libreoffice_text.write_text(pdftotext(self.libreoffice), encoding="utf-8")
        self.chromium = chromium_pdf(_html(rows), folder / "chromium.pdf", furniture=False)
        self.web = folder / "web.txt"
        self.web.write_text(_web_copy(rows), encoding="utf-8")


@pytest.fixture(scope="module")
def prints(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, _Prints]]:
    root = tmp_path_factory.mktemp("reread")
    changed = [*_ROWS[:2], (*_ROWS[2][:4], "Delaware")]
    added = [*_ROWS, ("Example Solutions, Inc.", "A and B MAC", "12202 - MAC B", "J-L", "Delaware")]
    moved = [_ROWS[2], *_ROWS[:2]]  # Maryland's row put at the top
    kinds = (("same", _ROWS), ("changed", changed), ("added", added), ("moved", moved))
    out = {name: _Prints(rows, root / name) for name, rows in kinds}
    yield out
    shutil.rmtree(root, ignore_errors=True)


def _diff(old: Path, new: Path) -> EditScript:
    a = parse_file_report(old, recover=True).policy
    b = parse_file_report(new, recover=True).policy
    script = diff(a, b)
    assert_whole(a, b, script)
    return script


def _changed_words(script: EditScript) -> str:
    return " ".join(f"{e.old_text} {e.new_text} {' '.join(e.content)}" for e in script.changes)


def _reread_words(script: EditScript, side: str) -> str:
    return " ".join(line for x in script.rereads for line in (x.old_lines if side == "old" else x.new_lines))


def test_a_table_printed_by_libreoffice_read_cell_by_cell_against_chromium_read_as_a_table_is_a_reread(
    prints: dict[str, _Prints],
) -> None:
    p = prints["same"]
    for old, new in ((p.libreoffice_text, p.chromium), (p.chromium, p.libreoffice_text)):
        script = _diff(old, new)
        words = _changed_words(script)
        for cell in ("Contractor Name", "Pennsylvania", "New Jersey", "Maryland", "12402"):
            assert cell not in words, (
                cell,
                [e.kind.value + " " + (e.new_text or e.old_text or "") for e in script.changes],
            )
            assert cell in _reread_words(script, "old") and cell in _reread_words(script, "new")


def test_a_web_copy_against_the_pdf_read_directly_is_a_reread_of_its_rows(prints: dict[str, _Prints]) -> None:
    p = prints["same"]
    script = _diff(p.web, p.libreoffice)
    assert "Pennsylvania" not in _changed_words(script)
    assert any("J - L" in line for x in script.rereads for line in x.old_lines)


def test_one_cell_changed_inside_a_table_read_in_two_shapes_is_still_a_change(prints: dict[str, _Prints]) -> None:
    script = _diff(prints["same"].libreoffice_text, prints["changed"].chromium)
    words = _changed_words(script)
    assert "Delaware" in words and "Maryland" in words  # the changed cell: what it said and says
    assert "Delaware" not in _reread_words(script, "new")
    assert "Maryland" not in _reread_words(script, "old")
    assert "Pennsylvania" not in words  # the rows around it are read again


def test_a_row_added_inside_a_table_read_in_two_shapes_is_still_an_insertion(prints: dict[str, _Prints]) -> None:
    script = _diff(prints["same"].libreoffice_text, prints["added"].chromium)
    inserted = " ".join(f"{e.new_text} {' '.join(e.content)}" for e in script.changes if e.kind.is_insert)
    assert "12202" in inserted and "Delaware" in inserted
    assert "Delaware" not in _reread_words(script, "new")
    assert "Pennsylvania" not in _changed_words(script)
    # and the other way round: the row a copy no longer has is deleted
    script = _diff(prints["added"].chromium, prints["same"].libreoffice_text)
    deleted = " ".join(f"{e.old_text} {' '.join(e.content)}" for e in script.changes if e.kind.is_delete)
    assert "12202" in deleted and "Delaware" in deleted


def test_a_criterion_reworded_beside_a_table_read_in_two_shapes_is_reported(
    prints: dict[str, _Prints], tmp_path: Path
) -> None:
    p = prints["same"]
    reworded = tmp_path / "new.txt"
    reworded.write_text(p.libreoffice_text.read_text().replace("18 years of age", "21 years of age"))
    script = _diff(p.chromium, reworded)
    assert [(e.kind.value, e.new_text) for e in script.changes if "years of age" in (e.new_text or "")] == [
        ("update", "The patient is 21 years of age or older;")
    ]
    assert "Pennsylvania" not in _changed_words(script)


def test_a_requirement_whose_words_the_other_copy_has_only_as_prose_is_still_a_change() -> None:
    old = _web_copy(_ROWS)
    first = f"1. {_CRITERIA[0]}\n\n"
    assert first in old
    # the age requirement taken out of the list and written as a sentence under it: no longer required
    new = (
        old.replace(first, "")
        .replace("2. The diagnosis", "1. The diagnosis")
        .replace("3. The patient", "2. The patient")
    )
    new = new.replace("\n\nLimitations\n", "\n\nThe patient is 18 years of age or older.\n\nLimitations\n")
    a = parse_text_report(old, "old.txt", recover=True).policy
    b = parse_text_report(new, "new.txt", recover=True).policy
    script = diff(a, b)
    assert_whole(a, b, script)
    assert any(e.kind.is_delete and "18 years of age" in (e.old_text or "") for e in script.changes)


def test_a_row_moved_to_the_top_of_a_table_read_in_two_shapes_is_still_reported(prints: dict[str, _Prints]) -> None:
    """Chromium's print of the table against LibreOffice's print with a row put at the top, read by ``pdftotext``
    (one cell a line), and against Chromium's print of it: the moved row's words are reported where it was and where
    it is (a move of the row, or its deletion and insertion when its two readings pair no node), the rows it passed
    over are read again or kept, never a change."""
    for old, new in (
        (prints["same"].chromium, prints["moved"].libreoffice_text),
        (prints["same"].chromium, prints["moved"].chromium),
    ):
        script = _diff(old, new)
        moved = [e for e in script.changes if e.kind.value == "move"]
        gone = " ".join(
            f"{e.key or ''} {e.old_text or ''} {' '.join(e.content)}" for e in script.changes if e.kind.is_delete
        )
        came = " ".join(f"{e.new_text or ''} {' '.join(e.content)}" for e in script.changes if e.kind.is_insert)
        said = " ".join(f"{e.key} {e.new_text}" for e in moved)
        assert ("Maryland" in said and "12302" in said) or ("Maryland" in gone and "Maryland" in came), new.name
        words = _changed_words(script)
        assert "Pennsylvania" not in words and "New Jersey" not in words, new.name
