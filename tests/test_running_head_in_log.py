"""A viewer copy whose page broke inside its history table: the head's first lines again at the next page's top
(``<plan>`` / ``<title>`` under ``Page 1 of 2``) are a running header, never the wrapped text of the row above —
and the title stays the head's. A row's own text that goes on past the page's number stays the row's."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy


def _policy(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


def _doc(plan: str, title: str, rows_before: str, after_break: str) -> str:
    return (
        f"{plan} Medical Policy\n{title}\nPolicy Number: MP-4.020\nEffective Date: 06/01/2025\n"
        "Policy\nThe service is medically necessary when all of the following are met:\n"
        "1. Symptoms for at least 6 months;\n2. Failure of conservative therapy.\n"
        "Policy History\nDate Summary\n"
        + rows_before
        + f"Page 1 of 2\n{plan}\n{title}\n"
        + after_break
        + "Page 2 of 2\n"
    )


def _log(policy: Policy) -> list[tuple[str, str]]:
    return [(str(e.date), e.description) for e in policy.revision_log]


def test_a_running_header_inside_the_log_is_no_rows_text() -> None:
    text = _doc(
        "Lakeshore Health Plan",
        "Vagus Nerve Stimulation",
        "01/01/2022 New policy\n01/01/2024 Annual review; no changes\n",
        "05/15/2025 Age limit removed\n",
    )
    policy = _policy(text)
    assert policy.header.title == "Vagus Nerve Stimulation"
    assert _log(policy) == [
        ("2022-01-01", "New policy"),
        ("2024-01-01", "Annual review; no changes"),
        ("2025-05-15", "Age limit removed"),
    ]


def test_another_plan_and_wording() -> None:
    text = _doc(
        "Prairie Valley Health",
        "Continuous Glucose Monitors",
        "03/10/2023 Policy created\n",
        "04/02/2025 Criteria for type 2 diabetes added\n",
    )
    policy = _policy(text)
    assert policy.header.title == "Continuous Glucose Monitors"
    assert [d for _, d in _log(policy)] == ["Policy created", "Criteria for type 2 diabetes added"]


def test_a_rows_text_past_the_page_number_stays_the_rows() -> None:
    # (no copy of the head at the page's top: the wrapped rest of the row goes on)
    text = (
        "Lakeshore Health Plan Medical Policy\nVagus Nerve Stimulation\nPolicy Number: MP-4.020\n"
        "Effective Date: 06/01/2025\nPolicy History\nDate Summary\n01/01/2022 New policy\n"
        "01/01/2024 Annual review; criteria for epilepsy revised to require two failed\nPage 1 of 2\n"
        "antiseizure medicines\nPage 2 of 2\n"
    )
    log = _log(_policy(text))
    assert log[-1][1].endswith("two failed antiseizure medicines")
