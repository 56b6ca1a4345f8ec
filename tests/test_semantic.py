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


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a raised minimum admits fewer members; a raised maximum more
        (
            "Blood eosinophil count ≥ 150 cells/mcL;",
            "Blood eosinophil count ≥ 300 cells/mcL;",
            ("threshold raised", Direction.MORE),
        ),
        ("Peak GH response < 10 ng/mL;", "Peak GH response < 7 ng/mL;", ("threshold lowered", Direction.MORE)),
        (
            "ANC ≤ 500/mm3 on three occasions;",
            "ANC ≤ 1,000/mm3 on three occasions;",
            ("threshold raised", Direction.LESS),
        ),
        ("LVEF of 55% or greater;", "LVEF of 60% or greater;", ("threshold raised", Direction.MORE)),
        # a longer required trial narrows; a shorter look-back window narrows; under a negation the other way
        (
            "Failure of at least 8 weeks of therapy;",
            "Failure of at least 12 weeks of therapy;",
            ("duration lengthened", Direction.MORE),
        ),
        (
            "Bone age X-ray within the past 12 months;",
            "Bone age X-ray within the past 6 months;",
            ("duration shortened", Direction.MORE),
        ),
        (
            "Member has not received rituximab within the past 6 months;",
            "Member has not received rituximab within the past 12 months;",
            ("duration lengthened", Direction.MORE),
        ),
        (
            "Member does not have a platelet count < 50,000/mcL;",
            "Member does not have a platelet count < 30,000/mcL;",
            ("threshold lowered", Direction.LESS),
        ),
        # a bound in years is an age when the text says so, whichever side of the number the comparator is
        (
            "Member is aged ≥ 12 years and ≤ 40 years;",
            "Member is aged ≥ 12 years and ≤ 50 years;",
            ("age threshold changed", Direction.LESS),
        ),
        (
            "Patient is 21 years of age or older;",
            "Patient is 19 years of age or older;",
            ("age threshold changed", Direction.LESS),
        ),
        (
            "Child is 5 years old or younger;",
            "Child is 3 years old or younger;",
            ("age threshold changed", Direction.MORE),
        ),
        # durations of different units compare in days, with or without a comparator
        (
            "Trial of at least 2 months of therapy;",
            "Trial of at least 4 weeks of therapy;",
            ("duration shortened", Direction.LESS),
        ),
        (
            "Completed a 6-week course of physical therapy;",
            "Completed a 3-month course of physical therapy;",
            ("duration lengthened", Direction.MORE),
        ),
        # a number without a comparator is a typed value, not "wording changed"
        (
            "Occasions during the previous 6 months;",
            "Occasions during the previous 12 months;",
            ("duration changed", Direction.NEUTRAL),
        ),
    ],
)
def test_bounds_move_one_way_or_the_other(old: str, new: str, expected: tuple[str, Direction]) -> None:
    from policyvc.history.semantic import bound_labels

    (label,) = bound_labels(old, new)
    assert (label.name, label.direction) == expected and label.old and label.new


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Not prescribed concurrently with Adbry, or a JAK inhibitor;",
            "Not prescribed concurrently with Adbry, Nemluvio, or a JAK inhibitor;",
            ("item added to an exclusion list", Direction.MORE),
        ),
        (
            "Prescribed in combination with Danyelza;",
            "Prescribed in combination with Danyelza, temozolomide, and irinotecan;",
            ("requirement added to an all-of list", Direction.MORE),
        ),
        (
            "Failure of Zarxio or Nivestym;",
            "Failure of Zarxio, Nivestym, or Releuko;",
            ("alternative added to an any-of list", Direction.LESS),
        ),
        (
            "Colony stimulating factors (e.g., pegfilgrastim, sargramostim);",
            "Colony stimulating factors (e.g., pegfilgrastim, Rolvedon, sargramostim);",
            ("examples changed", Direction.NEUTRAL),
        ),
    ],
)
def test_list_items_follow_the_lists_logic(old: str, new: str, expected: tuple[str, Direction]) -> None:
    from policyvc.history.semantic import list_labels

    (label,) = list_labels(old, new)
    assert (label.name, label.direction) == expected


def test_a_qualifier_removed_is_no_list_item() -> None:
    from policyvc.history.semantic import list_labels

    assert (
        list_labels(
            "Diagnosis of relapsed or refractory high-risk neuroblastoma;", "Diagnosis of high-risk neuroblastoma;"
        )
        == ()
    )
