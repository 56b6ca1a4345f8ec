"""Header and family variants, read as data: date styles, section names, reference families, sets
without a connective, ``(must meet 1 or 2)``, a missing drug name, appendix tables typed by header."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SEED

from policyvc.parser import parse_text, parse_text_report
from policyvc.parser.nodes import YearMonth

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _header(text: str, **fields: str) -> str:
    for name, value in fields.items():
        key = {
            "effective": "Effective Date: 12.01.16",
            "review": "Last Review Date: 08.25",
            "reference": "Reference Number: CP.PHAR.295",
        }[name]
        text = text.replace(key, f"{key.split(':')[0]}: {value}".rstrip(), 1)
    return text


@pytest.mark.parametrize(
    ("value", "date", "warned"),
    [
        ("08/16", dt.date(2016, 8, 1), True),
        ("01/17", dt.date(2017, 1, 1), True),
        ("07.01.11", dt.date(2011, 7, 1), False),
        ("02/01/2026", dt.date(2026, 2, 1), False),
    ],
)
def test_effective_date_styles(value: str, date: dt.date, warned: bool) -> None:
    report = parse_text_report(_header(SEED_TEXT, effective=value))
    assert report.policy.header.effective_date == date
    warnings = [d.message for d in report.diagnostics if d.severity == "warning"]
    assert bool(warnings) == warned
    if warned:
        assert f"`{value}` as month/year" in warnings[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("08/16", YearMonth(2016, 8)), ("01/17", YearMonth(2017, 1)), ("02/01/2026", dt.date(2026, 2, 1)), ("", None)],
)
def test_review_date_styles(value: str, expected: object) -> None:
    assert parse_text(_header(SEED_TEXT, review=value)).header.last_review == expected


@pytest.mark.parametrize("reference", ["ERX.SPMN.237", "HIM.PA.33", "CP.PMN.139", "CP.CPA.83"])
def test_reference_families(reference: str) -> None:
    assert parse_text(_header(SEED_TEXT, reference=reference)).header.reference_number == reference


def test_continued_approval_section() -> None:
    policy = parse_text(SEED_TEXT.replace("II. Continued Therapy", "II. Continued Approval"))
    assert [s.title for s in policy.sections][:2] == ["Initial Approval Criteria", "Continued Approval"]


def test_missing_drug_name_is_a_warning() -> None:
    report = parse_text_report(SEED_TEXT.replace("Clinical Policy: Sargramostim (Leukine)", "Clinical Policy:", 1))
    assert report.policy.header.generic_name == ""
    assert any("names no drug" in d.message for d in report.diagnostics)


def test_a_state_table_that_is_not_the_step_therapy_table_is_a_plain_table() -> None:
    text = SEED_TEXT.replace("State\tStep Therapy Prohibited?\tNotes", "State\tMarket requirement\tNotes").replace(
        "FL\tYes\t", "FL\tPrior authorization form required\t"
    )
    policy = parse_text(text)
    appendix = next(a for a in policy.appendices if a.letter == "E")
    assert appendix.states == ()
    assert appendix.blocks and appendix.blocks[0].header[1] == "Market requirement"  # type: ignore[union-attr]
