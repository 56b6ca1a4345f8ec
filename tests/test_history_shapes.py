"""Revision logs and dates in shapes a blind set showed were missed, each in fixtures of other payers and
wordings (``tests/fixtures/history_shapes``: HTML in ``src/`` printed by Chromium through ``pdftotext`` and
``pdftotext -layout`` — remade by ``python tests/docgen.py tests/fixtures/history_shapes``, the print's
``file://`` address then replaced by a web one — and web copies as text):

* a day written as an ordinal (``March 3rd, 2025``) in the header's fields and in the log;
* a family log of ``Revision Date | Approval Date`` dated by month (``03/25``) in reading order, its first
  row's date on its text's line;
* a narrow ``Version | Date | Summary`` table whose date column ``-layout`` ran into the next one's words;
* a status-first log (``Status | Approved Date | Effective Date | Changes``) a copy set one space apart.

And what must stay as it was: an ordinal whose suffix does not fit its day, a row whose words begin with a
date in a table whose date column holds dates, a status-shaped line with a date among its words."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES
from heldout_support import log_dates

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Paragraph, Row, Span, Table
from policyvc.parser.outline import OBlock, OSection
from policyvc.parser.written_dates import read_date
from policyvc.parser.written_history import read_history
from policyvc.store.meta import key_date

SHAPES = FIXTURES / "history_shapes"
D = dt.date

# file: (title, identifier, key date, history dates)
CASES = {
    "ordinal-sleep-study.chromium.pdftotext.txt": (
        "Home Sleep Apnea Testing", "SCH-MED-114", D(2025, 3, 3), [D(2023, 4, 22), D(2024, 2, 11), D(2025, 3, 3)]
    ),
    "ordinal-sleep-study.chromium.pdftotext-layout.txt": (
        "Home Sleep Apnea Testing", "SCH-MED-114", D(2025, 3, 3), [D(2023, 4, 22), D(2024, 2, 11), D(2025, 3, 3)]
    ),
    "month-log-hearing-aids.chromium.pdftotext.txt": (
        "Bone-Anchored Hearing Aids", "CP.MP.212", D(2025, 3, 1),
        [D(2022, 2, 1), D(2023, 2, 1), D(2024, 3, 1), D(2025, 3, 1)],
    ),
    "month-log-hearing-aids.chromium.pdftotext-layout.txt": (
        "Bone-Anchored Hearing Aids", "CP.MP.212", D(2025, 3, 1),
        [D(2022, 2, 1), D(2023, 2, 1), D(2024, 3, 1), D(2025, 3, 1)],
    ),
    "version-date-changes-shoulder.chromium.pdftotext-layout.txt": (
        "Shoulder Arthroplasty", "MSK-SH-021", D(2026, 2, 15), [D(2023, 6, 10), D(2024, 5, 2), D(2026, 2, 15)]
    ),
    "edition-date-notes.layout.txt": (
        "Vagus Nerve Stimulation", "BHA-NEU-310", D(2026, 5, 15), [D(2022, 1, 15), D(2024, 9, 30), D(2026, 5, 15)]
    ),
    "status-one-date.txt": (
        "Upper Endoscopy in Adults", "NHP-GI-0044", D(2026, 4, 1), [D(2022, 2, 14), D(2024, 3, 10), D(2026, 4, 1)]
    ),
    "status-two-dates.txt": (
        "Cardiac Stress Imaging", "CIB-CARD-09", D(2026, 1, 28), [D(2022, 1, 20), D(2025, 2, 5), D(2026, 1, 28)]
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_log_of_each_shape_reads_to_its_entries(name: str) -> None:
    policy = parse_file_report(SHAPES / name, recover=True).policy
    title, reference, key, history = CASES[name]
    assert title in policy.header.title
    assert policy.reference_number == reference
    assert key_date(policy, source=name) == key
    assert log_dates(policy) == history


def test_the_logs_header_row_and_date_cells_are_no_text_left_over() -> None:
    policy = parse_file_report(SHAPES / "status-two-dates.txt", recover=True).policy
    texts = [e.description for e in policy.revision_log]
    assert texts[0] == "Created Guideline drafted by the cardiology panel"
    shown = repr(policy.sections)
    assert "Status Approved Date Effective Date Changes" not in shown  # (the header row: no heading left)
    month = parse_file_report(SHAPES / "month-log-hearing-aids.chromium.pdftotext.txt", recover=True).policy
    assert [(e.pt_approval.year, e.pt_approval.month) for e in month.revision_log if e.pt_approval] == [
        (2022, 3), (2023, 2), (2024, 4), (2025, 3)
    ]  # fmt: skip
    assert all(not e.description.endswith("/25") for e in month.revision_log)  # (the glued date is the row's)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Effective Date: January 1st, 2026", D(2026, 1, 1)),
        ("December 22nd, 2025", D(2025, 12, 22)),
        ("Sept 13th 2024", D(2024, 9, 13)),
        ("1st of July 2024", D(2024, 7, 1)),
        ("23rd May, 2023", D(2023, 5, 23)),
        ("June 11th, 2024", D(2024, 6, 11)),
        # a suffix that does not fit its day is no ordinal: no day read from it
        ("May 3th, 2024", None),
        ("June 11st, 2024", None),
        ("June 12nd, 2024", None),
        ("the 3rd 2024 review", None),
    ],
)
def test_ordinal_days(text: str, expected: dt.date | None) -> None:
    found = read_date(text)
    assert (found.date if found and not found.month_only else None) == expected


def test_a_row_whose_words_begin_with_a_date_is_no_date_column() -> None:
    sp = Span(1, 1)
    rows = (
        Row("01/10/2024", (("01/10/2024",), ("Policy created",)), sp),
        Row("", ((), ("03/01/2025 criteria apply from this date",)), sp),  # (a row's words, no date of its own)
    )
    section = _section(Table(("Date", "Changes"), rows, sp))
    entries, _ = read_history(section)
    assert [e.date for e in entries] == [D(2024, 1, 10)]


def test_status_shaped_lines_with_dates_in_their_words_are_no_rows() -> None:
    text = "Revised 01/01/2024 Criteria apply to requests after 02/01/2024 only Revised 03/01/2025 Minor edits"
    entries, kept = read_history(_section(Paragraph(text, Span(1, 1))))
    # (which date is a row's cannot be told: no rows made of it, the text kept)
    assert [e.date for e in entries if e.date in (D(2024, 1, 1), D(2025, 3, 1))] != [D(2024, 1, 1), D(2025, 3, 1)]
    assert entries or any(isinstance(b, Paragraph) and b.text == text for b in kept)


def _section(*blocks: OBlock) -> OSection:
    return OSection("Policy History", "", 1, blocks, Span(1, 1))
