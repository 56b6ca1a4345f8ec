"""Semantic labels read from typed facts: direction of dose, age, duration, connective and presence changes."""

from __future__ import annotations

import pytest
from conftest import SEED

from policyvc.history.diff import diff
from policyvc.history.semantic import Direction
from policyvc.parser import parse_text

TEXT = SEED.read_text(encoding="utf-8")


def _labels(old: str, new: str, count: int = 1) -> list[tuple[str, str | None, str | None, Direction]]:
    changed = TEXT.replace(old, new, count)
    assert changed != TEXT, old
    script = diff(parse_text(TEXT), parse_text(changed))
    return [(lb.name, lb.old, lb.new, lb.direction) for e in script.changes for lb in e.labels]


def test_minimum_age_raised_is_more_restrictive() -> None:
    assert _labels("3. Age \\geq 55 years;", "3. Age \\geq 60 years;") == [
        ("age threshold changed", "≥ 55 years", "≥ 60 years", Direction.MORE)
    ]


def test_minimum_age_lowered_is_less_restrictive() -> None:
    assert _labels("2. Age ≥ 2 years;\n3. Member meets", "2. Age ≥ 1 years;\n3. Member meets") == [
        ("age threshold changed", "≥ 2 years", "≥ 1 years", Direction.LESS)
    ]


def test_weight_band_dose_lowered_is_more_restrictive() -> None:
    assert _labels("b. Weight 15 kg to 40 kg: 10 mcg/kg SC daily;", "b. Weight 15 kg to 40 kg: 8 mcg/kg SC daily;") == [
        ("dose limit changed", "10 mcg/kg", "8 mcg/kg", Direction.MORE)
    ]


def test_shorter_approval_is_more_restrictive() -> None:
    labels = _labels("Medicaid/HIM – 6 months", "Medicaid/HIM – 3 months")
    assert labels == [("approval duration changed", "6 months", "3 months", Direction.MORE)]


def test_connective_any_to_all_is_more_restrictive() -> None:
    old = "5. Dose does not exceed one of the following (a, b, or c):"
    new = "5. Dose does not exceed all of the following (a, b, and c):"
    assert ("connective changed", "any", "all", Direction.MORE) in _labels(old, new)


def test_set_rule_all_to_one_is_less_restrictive() -> None:
    labels = _labels("A. Acute Myelogenous Leukemia (must meet all):", "A. Acute Myelogenous Leukemia (must meet one):")
    assert ("connective changed", "all", "any", Direction.LESS) in labels


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # an option more in an any-of group is one more way to qualify
        (
            " - c. Weight > 40 kg: 7 mcg/kg SC daily.\n",
            " - c. Weight > 40 kg: 7 mcg/kg SC daily;\n - d. Dose is supported by practice guidelines;\n",
            ("option added to an any-of group", None, "Dose is supported by practice guidelines", Direction.LESS),
        ),
    ],
)
def test_presence_labels(old: str, new: str, expected: tuple[str, str | None, str | None, Direction]) -> None:
    assert expected in _labels(old, new)


def test_removing_a_state_is_more_restrictive() -> None:
    labels = _labels("OK\tYes\tFor advanced metastatic cancer and associated conditions\n", "")
    assert labels == [("state removed", "OK", None, Direction.MORE)]
