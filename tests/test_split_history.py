"""A revision history table a page break splits, read from ``pdftotext`` without ``-layout``.

A Word table printed by LibreOffice comes back from ``pdftotext`` (reading order) a column at a time, page by page:
``Revision Date`` and the page's dates, then ``Summary of Changes`` and the page's descriptions.  Where only the
newest row stands before the page break, its date alone was read as a row with no words and its description
as a section of its own named by the column: the entry lost its words.  The descriptions before anything else
under the column's name are the rows' words when they are as many as the rows; else the text is kept as it was.
The fixtures are made by ``python tests/fixtures/split_history/src/make.py`` (python-docx, LibreOffice, poppler).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from policyvc.parser import parse_file, parse_text_report

FIXTURES = Path(__file__).parent / "fixtures" / "split_history"


@pytest.mark.parametrize("copy", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_every_row_keeps_its_words_across_the_page_break(copy: Path) -> None:
    policy = parse_file(copy)
    log = {e.date: e.description for e in policy.revision_log}
    assert all(log.values()), log
    newest = log[max(log)]
    assert newest.startswith(("Revised criterion 2", "Added the storage requirement")), newest
    assert newest.endswith(("Added HCPCS G0399.", "updated the references.")), newest
    # (no section named by the column is left in the body)
    assert not any(getattr(b, "title", "") in ("Summary of Changes", "Changes") for b in policy.body)


@pytest.mark.parametrize("stem", ["ridgeline-sleep-study", "harborview-home-infusion"])
def test_the_raw_and_layout_copies_give_one_history(stem: str) -> None:
    raw = parse_file(FIXTURES / f"{stem}.libreoffice.pdftotext.txt")
    layout = parse_file(FIXTURES / f"{stem}.libreoffice.pdftotext-layout.txt")
    assert [(e.date, e.description) for e in raw.revision_log] == [(e.date, e.description) for e in layout.revision_log]


def test_descriptions_more_than_the_dates_stay_text() -> None:
    """Two descriptions under the column's name for one date: which is the row's is not proved — the date is
    read as before and the words are kept in the body, never dropped."""
    text = (FIXTURES / "ridgeline-sleep-study.libreoffice.pdftotext.txt").read_text(encoding="utf-8")
    changed = text.replace("references. Added HCPCS G0399.", "references.\nAdded HCPCS G0399.")
    changed = changed.replace("Revised criterion 2 to name", "Revised criterion 2. Named", 1)
    changed = changed.replace("heart disease; added the face-to-face visit to", "heart disease.\nAdded the visit to")
    report = parse_text_report(changed, "ridgeline.txt")
    log = {e.date: e.description for e in report.policy.revision_log}
    assert not log.get(date(2026, 2, 1))
    assert "Added HCPCS G0399." in repr(report.policy.body)
