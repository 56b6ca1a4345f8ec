"""A web page's box of changes at its top: the history's name and the one date of the changes listed under it.

``Summary of Changes – Version 2026.1, effective 03/01/2026`` over bullets (a radiology benefit manager's
guideline page, copied as text): the page states no other date, so it was refused for stating none and its
changes were body.  Each bullet is a change of that date; the box is the version's history.
"""

from __future__ import annotations

import datetime as dt

import pytest

from policyvc.parser import parse_text

_PAGE = """Example Imaging | Clinical Guidelines | Radiology
Home > Providers > Clinical Guidelines > Radiology

CT Head

Guideline Number: RAD-HD-207
Summary of Changes – Version 2026.2, effective 04/01/2026
• Added new-onset seizure to the indications.
• Updated the references.

Clinical Indications

CT of the head is considered medically necessary for ONE of the following:
1. Acute head trauma with loss of consciousness;
2. New-onset seizure in an adult;
3. Sudden severe headache.

References
1. American College of Radiology. ACR Appropriateness Criteria® Head Trauma. 2021.
"""


def test_each_change_in_the_box_is_an_entry_of_its_date() -> None:
    policy = parse_text(_PAGE, "page.txt")
    assert [(e.date, e.description) for e in policy.revision_log] == [
        (dt.date(2026, 4, 1), "Added new-onset seizure to the indications."),
        (dt.date(2026, 4, 1), "Updated the references."),
    ]


@pytest.mark.parametrize(
    "lead",
    [
        "Summary of Changes – Version 2026.2, effective 04/01/2026, next review 04/01/2027",  # (two dates)
        "Covered services – effective 04/01/2026",  # (no history's name)
    ],
)
def test_a_box_that_is_not_one_history_date_stays_body(lead: str) -> None:
    page = _PAGE.replace("Summary of Changes – Version 2026.2, effective 04/01/2026", lead)
    policy = parse_text(page, "page.txt")
    assert all("seizure to the indications" not in e.description for e in policy.revision_log)
