"""A viewer copy whose only title is in its running-header line (``<plan> Medical Policy — <title>``): the subject
after the kind's dash or colon is the title, the line the header's — and the lines that name nothing."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

_REST = """Policy Number: SN-2207
Effective: 04-01-2026
Policy
The service is covered when all of the following are met:
A. Symptoms for at least 6 months;
B. Failure of conservative therapy.
Page 1 of 1
"""


def _policy(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


def test_the_running_header_line_names_the_title() -> None:
    policy = _policy("Lakeshore Health Medical Policy – Sacral Nerve Stimulation\n" + _REST)
    assert policy.header.title == "Sacral Nerve Stimulation"


def test_another_plan_with_a_colon() -> None:
    policy = _policy("Northwind Care Partners Clinical Policy: Continuous Glucose Monitoring\n" + _REST)
    assert policy.header.title == "Continuous Glucose Monitoring"


def test_a_line_that_names_no_subject_gives_no_title() -> None:
    # (the plan's manual alone, or a sentence after the dash: no title, never a guess)
    assert _policy("Lakeshore Health Medical Policy\n" + _REST).header.title == ""
    text = "Lakeshore Health Medical Policy - this policy applies to all members.\n" + _REST
    assert _policy(text).header.title == ""


def test_a_title_line_of_its_own_wins() -> None:
    text = "Lakeshore Health Medical Policy – Neurology\nSacral Nerve Stimulation\n" + _REST
    assert _policy(text).header.title == "Sacral Nerve Stimulation"
