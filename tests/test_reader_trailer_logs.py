"""The family's revision log in two copies the strict reader stopped at (``Important Reminder`` after the log):

- a web page's copy (``zelvora-web.txt``): text in reading order, lines wrapped, whose log keeps its columns spaced
  out on each line (``Reviews, Revisions, and Approvals      Date      P&T Approval Date``, a row's dates at the
  end of its first line);
- a print's copy in reading order (``zelvora-print.txt``, as a PDF of the web page gives it): each cell a block,
  the header's last cell printed on two lines and centred, so its first line (``P&T Approval``) comes before the
  other names and its last (``Date``) after them, a row's dates after its description's first line.

Both are the pharmacy template's text and read as it, strictly: the same sets, the same log, decided alike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from policyvc.errors import PolicyError
from policyvc.parser import parse_file, parse_text_report
from policyvc.rules.interpret import Interpreter

HERE = Path(__file__).parent / "fixtures" / "trailer_logs"
COPIES = ["zelvora-web.txt", "zelvora-print.txt"]
_REVIEWED = "references reviewed and updated."
LOG = [
    ("2023-03-01", "Policy created"),
    ("2024-02-12", f"1Q 2024 annual review: dose limit lowered from 150 to 100 mg every 8 weeks; {_REVIEWED}"),
    ("2025-02-10", f"1Q 2025 annual review: step therapy trial duration revised to 3 months; {_REVIEWED}"),
]


@pytest.mark.parametrize("name", COPIES)
def test_the_log_before_the_reminder_is_read_strictly(name: str) -> None:
    policy = parse_file(HERE / name)
    assert [s.id for s in policy.sections[:3]] == ["I", "II", "III"]
    assert [(str(e.date), e.description) for e in policy.revision_log] == LOG
    assert [str(e.pt_approval) for e in policy.revision_log] == ["2023-03", "2024-02", "2025-02"]
    assert "©2023 Centene Corporation" in " ".join(p.text for p in policy.reminder)


def test_the_two_copies_read_the_same_criteria() -> None:
    web, printed = (parse_file(HERE / name) for name in COPIES)
    assert web.sections == printed.sections
    assert web.revision_log == printed.revision_log


def test_only_the_log_header_in_those_four_lines_is_put_back() -> None:
    # (the same four lines with another name between: no log's header, left as they are)
    text = (HERE / "zelvora-print.txt").read_text(encoding="utf-8")
    changed = text.replace(
        "Reviews, Revisions, and Approvals\n\nDate\n\nDate", "Reviews, Revisions, and Approvals\n\nDate\n\nTime"
    )
    with pytest.raises(PolicyError):
        parse_text_report(changed, "changed.txt")
    assert parse_text_report(changed, "changed.txt", recover=True).partial


# decisions written from the policy's text (I.A Plaque Psoriasis: diagnosis, dermatologist, age ≥ 18, methotrexate
# failed, ≤ 100 mg SC every 8 weeks; 6 months; II.A: continued, responding; 12 months), alike for both copies
_REQUEST: dict[str, Any] = {
    "date": "2026-03-02",
    "request": "initial",
    "drug": "Zelvora",
    "member": {"age": 40, "line_of_business": "Medicaid"},
    "diagnoses": ["plaque psoriasis"],
    "prescriber": {"specialty": "dermatology"},
    "dose": {"amount": 100, "unit": "mg", "route": "SC", "frequency": "every 8 weeks"},
    "therapies": {"methotrexate": "failed"},
    "attestations": {"I.A.4": True},
}
DECISIONS = [
    ("all of I.A met", {}, "approved", "I.A", {}),
    ("a family physician", {"prescriber": {"specialty": "family medicine"}}, "denied", None, {"I.A": "I.A.2"}),
    ("continued, responding", {"request": "continued", "attestations": {"II.A.1": True, "II.A.2": True}},
     "approved", "II.A", {}),
]  # fmt: skip


@pytest.mark.parametrize("name", COPIES)
@pytest.mark.parametrize(("case", "change", "outcome", "set_id", "failed"), DECISIONS)
def test_decisions_by_either_copy(
    name: str, case: str, change: dict[str, Any], outcome: str, set_id: str | None, failed: dict[str, str]
) -> None:
    decision = Interpreter(parse_file(HERE / name), dt.date(2025, 2, 10)).evaluate({**_REQUEST, **change})
    assert (decision["outcome"], decision["set"]) == (outcome, set_id), case
    assert {k: v for k, v in decision["failed"].items() if k.startswith("I.A")} == failed, case
