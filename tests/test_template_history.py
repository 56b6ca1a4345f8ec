"""A dated history in each of the forms policies write it reads to revision-log entries (expectations
written from the text of each example)."""

from __future__ import annotations

import datetime as dt

import pytest

from policyvc.parser import parse_text

HEAD = "Knee Arthroscopy\nPolicy Number: KN-100\n\nCoverage Criteria\nCovered when all of the following:\n"
HEAD += "1. Mechanical symptoms;\n2. Failed therapy.\n\n"


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (  # UnitedHealthcare: Policy History/Revision Information, a date column and continuation rows
            "Policy History/Revision Information\nDate\tSummary of Changes\n02/01/2026\tCoverage Rationale\n"
            "\tAdded criterion 2\n01/01/2025\tNew policy\n",
            [(dt.date(2025, 1, 1), "New policy"), (dt.date(2026, 2, 1), "Coverage Rationale Added criterion 2")],
        ),
        (  # Cigna: Revision Details, the date last
            "Revision Details\nType of Revision\tSummary of Changes\tDate\nAnnual Review\tNo changes.\t3/15/2026\n",
            [(dt.date(2026, 3, 15), "Annual Review No changes.")],
        ),
        (  # Anthem: History: Status Date Action
            "History\nStatus\tDate\tAction\nRevised\t11/06/2025\tMPTAC review.\n",
            [(dt.date(2025, 11, 6), "Revised MPTAC review.")],
        ),
        (  # a Blue Cross plan: dated prose
            "Policy Implementation/Update Information\nJanuary 2026: Coding change.\n\nJune 2016: New policy.\n",
            [(dt.date(2016, 6, 1), "New policy."), (dt.date(2026, 1, 1), "Coding change.")],
        ),
        (  # Geisinger: labelled dates with what changed in parentheses
            "Policy History\nDevised: 6/22\n\nRevised: 6/23 (criteria clarified); 1/26 (codes updated)\n",
            [
                (dt.date(2022, 6, 1), "Devised"),
                (dt.date(2023, 6, 1), "Revised: criteria clarified"),
                (dt.date(2026, 1, 1), "Revised: codes updated"),
            ],
        ),
        (  # CMS NCD: Revision History with a date and a dash
            "Revision History\n02/2026 - Transmittal 12345: coverage expanded.\n\n06/2020 - Initial NCD.\n",
            [(dt.date(2020, 6, 1), "Initial NCD."), (dt.date(2026, 2, 1), "Transmittal 12345: coverage expanded.")],
        ),
    ],
    ids=["uhc-table", "cigna-revision-details", "anthem-status-date-action", "prose", "devised-revised", "ncd"],
)
def test_each_history_form_reads_to_dated_entries(history: str, expected: list[tuple[dt.date, str]]) -> None:
    policy = parse_text(HEAD + history, "x.txt")
    assert [(e.date, e.description) for e in policy.revision_log] == expected


def test_last_approval_is_the_review_date_and_keys_the_version() -> None:
    from policyvc.store.meta import key_date, store_reference

    policy = parse_text(
        "Molina Clinical Policy\nKnee Arthroscopy\nPolicy No: MCP-412\nLast Approval: 02/11/2026\n\n"
        "Coverage Criteria\n1. Mechanical symptoms;\n2. Failed therapy.\n",
        "x.txt",
    )
    assert policy.header.last_review == dt.date(2026, 2, 11)
    assert store_reference(policy) == "MCP.412"
    assert key_date(policy, source="x.txt") == dt.date(2026, 2, 11)
