"""Dates given by users or documents are checked before they reach a path or git."""

from __future__ import annotations

import datetime as dt

import pytest

from policyvc.dates import check_date, parse_date
from policyvc.parser.errors import PolicyError


def test_accepts_a_real_date() -> None:
    assert parse_date("2026-03-26") == dt.date(2026, 3, 26)
    assert parse_date(" 2024-02-29 ") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("2023-02-30", "not a real calendar date"),
        ("2023-13-01", "not a real calendar date"),
        ("1965-06-01", "out of range"),
        ("2100-01-01", "out of range"),
        ("26.03.26", "expected YYYY-MM-DD"),
        ("--output=x", "expected YYYY-MM-DD"),
        ("2023-2-3", "expected YYYY-MM-DD"),
    ],
)
def test_rejects_with_a_clear_message(text: str, needle: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_date(text, source="--as-of")
    assert needle in info.value.message
    assert str(info.value).startswith("--as-of: ")


def test_check_date_bounds() -> None:
    assert check_date(dt.date(1970, 1, 2)) == dt.date(1970, 1, 2)
    with pytest.raises(PolicyError):
        check_date(dt.date(1970, 1, 1))
    with pytest.raises(PolicyError):
        check_date(dt.date(2100, 1, 1))
