"""Review dates under the labels plans print that the header did not know, a month and year as a review date, and a
raw ``pdftotext`` header block whose labels keep their colons before their values.  Each example is written from
the shape of a layout, with words of its own; the fail-safe cases say what must stay unread."""

from __future__ import annotations

import datetime as dt

import pytest
from header_support import BODY as _BODY
from header_support import read as _read
from header_support import report as _report

from policyvc.parser.nodes import Policy


def _front(policy: Policy) -> list[str]:
    return [b.text for s in policy.body[:1] for b in s.blocks if hasattr(b, "text")]


@pytest.mark.parametrize("label", ["Date Reviewed:", "Date Last Reviewed:", "Date of Last Review:", "Reviewed Date:"])
def test_a_review_date_under_a_label_plans_print(label: str) -> None:
    policy = _read(
        "Lakeshore Community Health Plan\nTotal Knee Arthroplasty\nPolicy Number: LCH-SURG-118\n"
        f"Effective Date: 07/01/2026\n{label} 05/14/2026\n" + _BODY
    )
    assert policy.header.last_review == dt.date(2026, 5, 14)
    assert policy.header.effective_date == dt.date(2026, 7, 1)
    assert not any(label.rstrip(":") in t for t in _front(policy))  # (the field left the body)


def test_a_month_and_year_review_date_is_read_as_its_first_day_with_a_note() -> None:
    report = _report(
        "Total Knee Arthroplasty\nPolicy Number: LCH-SURG-118\nEffective Date: 07/01/2026\n"
        "Date Reviewed: 05/2026\n" + _BODY
    )
    assert report.policy.header.last_review == dt.date(2026, 5, 1)
    notes = [d.message for d in report.diagnostics if "states a month" in d.message]
    assert notes == ["the review date `05/2026` states a month, no day: read as its first day, 2026-05-01"]


def test_a_day_is_no_month_only_date() -> None:
    report = _report("Total Knee Arthroplasty\nPolicy Number: LCH-SURG-118\nEffective Date: 07/01/2026\n" + _BODY)
    assert not any("states a month" in d.message for d in report.diagnostics)


@pytest.mark.parametrize(
    "line",
    [
        "Reviewed by: the Utilization Management Committee",  # (who reviewed it: no date)
        "Reviewed: annually by the Medical Director",  # (the one-word label takes a date only)
    ],
)
def test_the_one_word_label_without_a_date_is_no_review_date(line: str) -> None:
    policy = _read(
        "Total Knee Arthroplasty\nPolicy Number: LCH-SURG-118\nEffective Date: 07/01/2026\n" + line + "\n" + _BODY
    )
    assert policy.header.last_review is None


def test_lines_of_business_with_a_plural_in_parentheses() -> None:
    policy = _read(
        "Total Knee Arthroplasty\nPolicy Number: LCH-SURG-118\nEffective Date: 07/01/2026\n"
        "Line(s) of Business: Commercial, Medicaid\n" + _BODY
    )
    assert policy.header.lines_of_business == ("Commercial", "Medicaid")


# (raw pdftotext of a header table whose labels end with their colons: the label cells a line each, then the value
# cells a line each — one value a word, no digit)
_LABELS_THEN_VALUES = [
    "Prairie Valley Health",
    "",
    "Cardiac Rehabilitation Programs",
    "Guideline #:",
    "Section:",
    "Effective Date:",
    "Reviewed:",
    "",
    "PVH-CCG-0417",
    "Cardiology",
    "03/01/2026",
    "12/09/2025",
    "",
]


@pytest.mark.xfail(
    strict=True,
    reason="a raw block of labels whose one-word label (`Reviewed:`) no template knows is not read as fields (its "
    "title is taken from a value, `Cardiology`, and the review date is lost — a known misread): the one "
    "word starts a history's rows as often (`Reviewed: 03/2024 Annual review`), and letting such labels into the "
    "raw-cells reader took a grid's labels away from the label-block reader",
)
def test_a_raw_block_of_labels_with_colons_then_values_is_read_as_fields() -> None:
    policy = _read("\n".join(_LABELS_THEN_VALUES) + _BODY + "\f")  # (a raw pdftotext copy: its page break)
    h = policy.header
    assert (h.title, h.reference_number) == ("Cardiac Rehabilitation Programs", "PVH-CCG-0417")
    assert (h.effective_date, h.last_review) == (dt.date(2026, 3, 1), dt.date(2025, 12, 9))
    assert "Section: Cardiology" in _front(policy)  # (the field no template knows, kept as written)
    assert "Cardiology" not in (h.title, *_front(policy))
