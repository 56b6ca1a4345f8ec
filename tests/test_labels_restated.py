"""Labels a blind set of version pairs found wrong, each beside a case that must keep its label.

A length said in another unit (``30 days`` → ``4 weeks``) is the same length, not a shorter one; ``without X,``
negates X, not the length after its comma; a dose limit that gains a regimen is a dose limit changed, not an
exclusion list (its "does not exceed" negates nothing); an item added under a lead-in that denies coverage for
"any of the following" is an exclusion, not one more way to qualify — unless the lead-in says "unless".
"""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import pharmacy_pair
from conftest import FIXTURES

from policyvc.history.audit import audit_pair
from policyvc.history.semantic import Direction, bound_labels
from policyvc.parser import parse_text

SETS = (FIXTURES / "audit_shapes" / "generic_sets.txt").read_text(encoding="utf-8")


def _one(old: str, new: str) -> tuple[str, Direction]:
    (label,) = bound_labels(old, new)
    return label.name, label.direction


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("No improvement after 30 days of supervised therapy;", "No improvement after 4 weeks of supervised therapy;"),
        ("Symptoms for at least 3 months;", "Symptoms for at least 12 weeks;"),
    ],
)
def test_the_same_length_in_another_unit_is_no_change_of_length(old: str, new: str) -> None:
    assert all(lb.direction is Direction.NEUTRAL for lb in bound_labels(old, new))


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("No improvement after 30 days of supervised therapy;", "No improvement after 6 weeks of supervised therapy;",
         "duration lengthened"),
        ("Symptoms for at least 3 months;", "Symptoms for at least 8 weeks;", "duration shortened"),
    ],
)  # fmt: skip
def test_a_different_length_in_another_unit_still_changes_it(old: str, new: str, name: str) -> None:
    assert _one(old, new)[0] == name


def test_a_without_phrase_closed_by_its_comma_does_not_negate_the_length_after_it() -> None:
    old = "Chronic neck pain, without myelopathy, persisting for at least 3 months;"
    assert _one(old, old.replace("3 months", "6 months")) == ("duration lengthened", Direction.MORE)


def test_a_negation_that_governs_the_length_still_turns_it() -> None:
    old = "Member has not had a seizure for at least 3 months;"
    assert _one(old, old.replace("3 months", "6 months")) == ("duration lengthened", Direction.LESS)


def test_a_dose_limit_gaining_a_regimen_is_a_dose_limit_changed() -> None:
    old = "5. Dose does not exceed 600 mg IV at weeks 0, 4 and 8, then 180 mg SC every 8 weeks.\nApproval duration: 6"
    pair = pharmacy_pair({old: old.replace("8 weeks.", "8 weeks or 360 mg SC every 16 weeks.")}, "Updated dosing.")
    (labels,) = [e.labels for e in pair.script.changes if e.new_id == "I.A.5"]
    assert [(lb.name, lb.direction) for lb in labels] == [("dose limit changed", Direction.NEUTRAL)]


DENIAL = "Home sleep apnea testing is not medically necessary for members with any of the following:"
NEW_ITEM = {
    "2. Neuromuscular disease affecting respiration.\n": (
        "2. Neuromuscular disease affecting respiration;\n3. Chronic opioid use.\n"
    )
}


def _added_item(lead_in: str) -> tuple[str, Direction]:
    old = SETS.replace(DENIAL, lead_in)
    new = old
    for a, b in NEW_ITEM.items():
        new = new.replace(a, b)
    pair = audit_pair(dt.date(2025, 3, 1), parse_text(old), dt.date(2026, 3, 1), parse_text(new))
    (label,) = next(e.labels for e in pair.script.changes if e.kind.is_insert)
    return label.name, label.direction


def test_an_item_under_a_lead_in_denying_coverage_is_an_exclusion() -> None:
    assert _added_item(DENIAL) == ("exclusion added to a none-of list", Direction.MORE)


def test_an_item_under_a_lead_in_saying_unless_is_a_way_to_qualify() -> None:
    lead = "Home sleep apnea testing is not medically necessary unless any of the following is present:"
    assert _added_item(lead) == ("option added to an any-of group", Direction.LESS)


# --- a length after "without", an age limit removed ---------------------------------------------------------------


@pytest.mark.parametrize(
    "old",
    [
        "Member has worn a compression sleeve without pneumatic support for at least 4 weeks;",
        "Persistent symptoms without improvement after at least 4 weeks of supervised therapy;",
    ],
)
def test_a_without_never_negates_the_length_after_it(old: str) -> None:
    assert _one(old, old.replace("4", "8", 1))[1] is Direction.MORE


@pytest.mark.parametrize(
    ("old", "direction"),
    [
        ("Member without a hospitalization within the past 6 months;", Direction.MORE),  # a window: it turns
        ("Member without ≥ 50% reduction in attacks;", Direction.LESS),  # not a length: it turns
        ("Member has not had a seizure for at least 6 months;", Direction.LESS),  # "not" still governs a length
    ],
)
def test_a_without_still_negates_a_window_or_a_measure(old: str, direction: Direction) -> None:
    new = old.replace("6 months", "12 months").replace("50%", "70%")
    assert _one(old, new)[1] is direction


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Colon cancer diagnosed at age 50 years or younger;", "Colon cancer at any age;",
         ("age limit removed", Direction.LESS)),
        ("Sarcoma at age 40 years or younger;", "Sarcoma, regardless of age;", ("age limit removed", Direction.LESS)),
        ("Prostate cancer at any age;", "Prostate cancer diagnosed at age 55 years or younger;",
         ("age limit added", Direction.MORE)),
    ],
)  # fmt: skip
def test_an_age_limit_removed_for_any_age_admits_members(old: str, new: str, expected: tuple[str, Direction]) -> None:
    assert _one(old, new) == expected


def test_an_age_bound_gone_without_any_age_is_not_read_as_removed() -> None:
    assert all(lb.name != "age limit removed" for lb in bound_labels("Age ≥ 18 years;", "Member is an adult;"))
