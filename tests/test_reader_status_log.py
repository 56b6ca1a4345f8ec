"""A guideline's history ``Status | Review Date | Effective Date | Action`` printed a cell a block (``pdftotext``
of a browser's print, in reading order): the header's names wrapped (``Review`` / ``Date``), a status and its
date on one line (``Reviewed 11/18/2022``), the last row's review date read after its action.  It is read as the
same copy with its table intact reads (``parser/cell_history.py``); rows that do not add up stay as they are."""

from __future__ import annotations

from policyvc.parser import parse_text_report

_HEAD = """Sleep Disorder Management Guidelines
Treatment of Sleep Apnea: Oral Appliances
Guideline SLP-07 | Effective Date: March 21, 2026
Last Revised: 11/14/2025 | Next Review: 11/2026

Oral Appliances
An oral appliance is considered medically necessary for adults with obstructive sleep apnea when ONE of the
following is met:
1. AHI greater than or equal to 15 events per hour; OR
2. AHI greater than or equal to 5 events per hour with excessive daytime sleepiness.

History
"""

_CELLS = """Status

Review
Date

Effective
Date

Action

Created

11/15/2019

03/14/2020

Original effective date

Reviewed 11/18/2022

03/11/2023

Annual review; no changes.

Revised

03/21/2026

Lowered the AHI threshold for oral appliances to 5 events per hour.
Added excessive daytime sleepiness as a qualifying symptom.

11/14/2025
"""

_TABLE = """Status\tReview Date\tEffective Date\tAction
Created\t11/15/2019\t03/14/2020\tOriginal effective date
Reviewed\t11/18/2022\t03/11/2023\tAnnual review; no changes.
Revised\t11/14/2025\t03/21/2026\tLowered the AHI threshold for oral appliances to 5 events per hour. \
Added excessive daytime sleepiness as a qualifying symptom.
"""


def test_the_log_read_from_the_cells_is_the_log_of_the_table() -> None:
    cells = parse_text_report(_HEAD + _CELLS, recover=True).policy.revision_log
    table = parse_text_report(_HEAD + _TABLE, recover=True).policy.revision_log
    assert [(e.date, e.description) for e in cells] == [(e.date, e.description) for e in table]
    assert len(cells) == 3


def test_a_row_short_of_a_date_leaves_the_cells_as_written() -> None:
    """No row is guessed: no entry, and every cell's words kept in the text."""
    report = parse_text_report(_HEAD + _CELLS.replace("03/11/2023\n\n", ""), recover=True)
    assert report.policy.revision_log == ()
    text = repr(report.policy)
    for words in ("Annual review; no changes.", "Original effective date", "11/18/2022"):
        assert words in text
