"""A raw ``pdftotext`` history whose first page it wrote a column at a time and the rest a row at a time.

LibreOffice's print of a two-column ``Date | Summary of Changes`` table, read by ``pdftotext`` without
``-layout``: the rows on the first page come out column by column (the dates, then the descriptions), the rows
after it each as its date alone on a line, a blank line, then its description wrapped over lines.  Only the
first part was read, so a version was filed under its third-newest date (two new rows sharing the newest one
lost) and an audit ran its step backwards.  And the identifier ``EXRX-PA-0907`` lost its hyphen to a word
the text writes once without it at a line end (``EXRXPA-0911``): a code's hyphens are its own.

The policy is invented; its shape is that of a pharmacy benefit manager's prior-authorization criteria.
"""

from __future__ import annotations

import datetime as dt

from policyvc.parser import parse_text

_TEXT = """Exampliderm Topical Therapy
Example Rx Prior Authorization Criteria
Criteria ID: EXRX-PA-0907
Applies to: Commercial formularies administered by Example
Rx

Coverage Criteria – Initial Authorization
Exampliderm is covered when ALL of the following are met:
1. Member is 12 years of age or older;
2. Diagnosis of moderate plaque psoriasis;
3. Trial of a topical corticosteroid for at least 4 weeks.
Approval duration: 6 months
Note: Requests for scalp-only disease are reviewed under EXRXPA-0911 and are not subject to criterion 2 above.

Policy History/Revision Information
Date
04/01/2022
03/15/2024

Summary of Changes
New criteria.
Added the foam. Added a step
through topical corticosteroids.

03/10/2025

Annual review; no changes to criteria.

02/12/2026

Added the spray to covered
products.
02/12/2026

Lowered the age limit
to 12 years.

Example Rx, a division of Example Corp. Confidential.
"""


def test_every_row_is_read_and_the_newest_date_is_the_newest_row() -> None:
    policy = parse_text(_TEXT, "raw.txt")
    assert [(e.date.isoformat(), e.description) for e in policy.revision_log] == [
        ("2022-04-01", "New criteria."),
        ("2024-03-15", "Added the foam. Added a step through topical corticosteroids."),
        ("2025-03-10", "Annual review; no changes to criteria."),
        ("2026-02-12", "Added the spray to covered products."),
        ("2026-02-12", "Lowered the age limit to 12 years."),
    ]
    assert max(e.date for e in policy.revision_log) == dt.date(2026, 2, 12)


def test_the_footer_after_the_last_row_stays_in_the_body() -> None:
    policy = parse_text(_TEXT, "raw.txt")
    assert all("Confidential" not in e.description for e in policy.revision_log)


def test_a_codes_hyphens_are_kept() -> None:
    policy = parse_text(_TEXT, "raw.txt")
    assert policy.reference_number == "EXRX-PA-0907"
