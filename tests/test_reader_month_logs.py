"""Revision logs whose dates are months (``MM/YY``: ``10/25`` is October 2025), as a LibreOffice print of a
``Reviews, Revisions, and Approvals`` table comes out of two extractions:

* ``pdftotext`` in raw reading order: each cell a block, a row's first date set beside the middle of its
  wrapped text (``… References`` / ``11/25`` / ``reviewed and updated.``) — the text is one cell, the date the
  next; a lone ``11/25`` there reads like a browser's page counter (page 11 of 25) but is a row's month: the
  text writes its dates so and no other page's counter of 25 is there (``parser/page_numbers.py``);
* a reading-order copy that sets each row's two dates on one line after its text (``07/21 08/21``), the rest of a
  wrapped text after them (``11/25 11/25`` / ``and updated.``): each row its text, its revision month and its
  approval month (``parser/written_history.py``).

Every row is read with the month the log writes, the newest the document's own ``Date of Last Revision``: the
version is filed under it, never under an older row's date with the newer rows lost as text.  The fixtures are
our own wording in the shape of a Centene medical policy's print.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from policyvc.dates import suspicious_dates
from policyvc.parser import parse_file_report, parse_text_report

HERE = FIXTURES / "month_logs"

ROWS = [
    (dt.date(2021, 7, 1), (2021, 8), "Policy developed"),
    (dt.date(2024, 11, 1), (2024, 11), "Annual review. References reviewed and updated."),
    (
        dt.date(2025, 11, 1),
        (2025, 11),
        "Annual review. Criterion I.B: added history of problematic hypoglycemia. References reviewed and updated.",
    ),
    (
        dt.date(2026, 11, 1),
        (2026, 11),
        "Annual review. Criterion I.C: added training requirement for the member or the caregiver.",
    ),
]


@pytest.mark.parametrize("name", ["sunflower-cgm.raw-pdftotext.txt", "sunflower-cgm.reading-order.txt"])
def test_a_log_of_months_reads_every_row_with_its_months(name: str) -> None:
    report = parse_text_report((HERE / name).read_text(encoding="utf-8"))
    policy = report.policy
    got = [
        (e.date, (e.pt_approval.year, e.pt_approval.month) if e.pt_approval else None, e.description)
        for e in policy.revision_log
    ]
    assert got == ROWS
    # the newest row is the document's own date of last revision: no date of it looks wrong
    assert policy.header.last_review is not None
    assert (policy.header.last_review.year, policy.header.last_review.month) == (2026, 11)
    assert suspicious_dates(policy, today=dt.date(2026, 12, 1)) == ()
    # no month of the log is left in the body (as a heading, a paragraph or page furniture)
    assert "11/25" not in repr(policy.body)
    assert not any("furniture" in d.message for d in report.diagnostics)


@pytest.mark.parametrize("name", ["sunflower-cgm.raw-pdftotext.txt", "sunflower-cgm.reading-order.txt"])
def test_every_word_of_a_log_of_months_is_kept(name: str) -> None:
    from test_reader_keeps_text import lost_words

    path = HERE / name
    assert lost_words(path.read_text(encoding="utf-8"), parse_file_report(path, recover=True)) == []
