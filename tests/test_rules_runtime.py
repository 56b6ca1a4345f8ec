"""The runtime's pieces: Kleene tables, unit conversion, Mosteller BSA, calendar months, the request reader."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.rules import runtime as rt

VALUES = (True, False, None)


def _reference(op: str, n: int, values: tuple[bool | None, ...]) -> bool | None:
    """Kleene by brute force: the value is known iff every completion of the unknowns agrees."""
    unknown = [i for i, v in enumerate(values) if v is None]
    outcomes = set()
    for fill in itertools.product((True, False), repeat=len(unknown)):
        full = list(values)
        for i, v in zip(unknown, fill, strict=True):
            full[i] = v
        count = sum(full)
        outcomes.add({"all": count == len(full), "any": count > 0, "none": count == 0, "atleast": count >= n}[op])
    return outcomes.pop() if len(outcomes) == 1 else None


@pytest.mark.parametrize("op", ["all", "any", "none", "atleast"])
def test_kleene_connectives_match_brute_force(op: str) -> None:
    for size in range(1, 5):
        for values in itertools.product(VALUES, repeat=size):
            for n in range(1, size + 1) if op == "atleast" else (1,):
                assert rt.combine(op, n, values) == _reference(op, n, values), (op, n, values)
    assert rt.combine("both", 1, (True, None)) is None and rt.combine("both", 1, (False, None)) is False


def test_mosteller_and_months() -> None:
    assert round(rt.mosteller(175, 70), 4) == Decimal("1.8447")
    assert rt.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert rt.add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert rt.add_months(dt.date(2026, 4, 1), 6) == dt.date(2026, 10, 1)
    assert rt.add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)


def _facts(**dose: object) -> rt.Facts:
    return rt.Facts({"date": "2026-04-01", "member": {"weight_kg": 70, "height_cm": 175}, "dose": dose}, {})


def test_dose_conversions() -> None:
    bsa = rt.mosteller(175, 70)
    assert rt.dose_in(_facts(amount=250, unit="mcg/m2"), "m2") == (250, ())
    assert rt.dose_in(_facts(amount=0.45, unit="mg"), "m2") == (Decimal("450") / bsa, ())
    assert rt.dose_in(_facts(amount=5, unit="mcg/kg"), "m2") == (Decimal(5) * 70 / bsa, ())
    assert rt.dose_in(_facts(amount=350, unit="mcg"), "kg") == (Decimal(5), ())
    assert rt.dose_in(_facts(amount=2, unit="mg"), "") == (Decimal(2000), ())
    no_size = rt.Facts({"date": "2026-04-01", "dose": {"amount": 1, "unit": "mg"}}, {})
    assert rt.dose_in(no_size, "m2") == (None, ("member.bsa_m2",))
    assert rt.dose_in(no_size, "kg") == (None, ("member.weight_kg",))
    assert rt.dose_in(rt.Facts({"date": "2026-04-01"}, {}), "m2") == (None, ("dose.amount", "dose.unit"))


def test_dose_limit_is_kleene_inside_one_criterion() -> None:
    over = rt.Facts({"date": "2026-04-01", "dose": {"amount": 300, "unit": "mcg/m2"}}, {})
    assert rt.dose(over, Decimal(250), "m2", ("IV",), "daily", None, None, None, None) == (False, ())
    under = rt.Facts({"date": "2026-04-01", "dose": {"amount": 200, "unit": "mcg/m2"}}, {})
    assert rt.dose(under, Decimal(250), "m2", ("IV",), "daily", None, 5, "cycle", None) == (
        None,
        ("dose.route", "dose.frequency", "dose.doses"),
    )


def test_limits_per_cycle_and_course_count_the_doses() -> None:
    """``6 mg per chemotherapy cycle``: 6 mg × 2 is over; ``2 doses of 6 mg``: a third dose is over."""

    def facts(**dose: object) -> rt.Facts:
        return rt.Facts({"date": "2026-04-01", "dose": {"amount": 6, "unit": "mg", "route": "SC", **dose}}, {})

    six = Decimal(6000)
    assert rt.dose(facts(doses=1), six, "", ("SC",), None, "cycle", None, None, None) == (True, ())
    assert rt.dose(facts(doses=2), six, "", ("SC",), None, "cycle", None, None, None) == (False, ())
    assert rt.dose(facts(), six, "", ("SC",), None, "cycle", None, None, None) == (None, ("dose.doses",))
    weekly = "every 1 weeks"
    assert rt.dose(facts(course_doses=2, frequency="weekly"), six, "", ("SC",), weekly, None, 2, "course", None)[0]
    assert rt.dose(facts(course_doses=4, frequency="weekly"), six, "", ("SC",), weekly, None, 2, "course", None) == (
        False,
        (),
    )
    assert rt.dose(facts(course_doses=2, frequency="daily"), six, "", ("SC",), weekly, None, 2, "course", None) == (
        False,
        (),
    )


def test_frequencies_are_rates() -> None:
    assert rt.rate("daily") == 1 and rt.rate("QD") == 1 and rt.rate("twice daily") == 2
    assert rt.rate("every 2 weeks") == Fraction(1, 14) and rt.rate("once weekly") == Fraction(1, 7)
    assert rt.rate("once") == 0 and rt.rate("whenever") is None
    per_day = rt.Facts({"date": "2026-04-01", "dose": {"amount": 5, "unit": "mcg", "frequency": "twice daily"}}, {})
    assert rt.dose(per_day, Decimal(10), "", (), None, "day", None, None, None) == (True, ())
    assert rt.dose(per_day, Decimal(9), "", (), None, "day", None, None, None) == (False, ())


def test_weight_band_edges() -> None:
    def band(weight: object, low: int | None, low_in: bool, high: int | None, high_in: bool) -> bool | None:
        f = rt.Facts(
            {
                "date": "2026-04-01",
                "member": {"weight_kg": weight},
                "dose": {"amount": 1, "unit": "mcg/kg", "route": "SC", "frequency": "daily"},
            },
            {},
        )
        lo = None if low is None else Decimal(low)
        hi = None if high is None else Decimal(high)
        return rt.weight(f, lo, low_in, hi, high_in, None)[0]

    assert band(14.99, None, False, 15, False) is True
    assert band(15, None, False, 15, False) is False
    assert band(15, 15, True, 40, True) is True and band(40, 15, True, 40, True) is True
    assert band(40, 40, False, None, False) is False and band(40.01, 40, False, None, False) is True


def test_request_reader_keeps_numbers_exact() -> None:
    f = rt.Facts({"date": "2026-04-01", "member": {"age": 55, "weight_kg": 40.1, "state": "tx"}}, {})
    assert f.age == 55 and f.weight == Decimal("40.1") and f.state == "TX"
    with pytest.raises(rt.RequestError, match=r"member\.age must be a number"):
        rt.Facts({"date": "2026-04-01", "member": {"age": True}}, {})
    with pytest.raises(rt.RequestError, match="finite"):
        rt.Facts({"date": "2026-04-01", "dose": {"amount": "NaN"}}, {})
    with pytest.raises(rt.RequestError, match="after the request date"):
        rt.Facts({"date": "2026-04-01", "member": {"birth_date": "2027-01-01"}}, {})
    assert rt.Facts({"date": "2026-04-01", "member": None}, {}).age is None  # null counts as not given


# --- what the reader remembers (speed) changes nothing it reads ------------------------------------------------

_TEXTS = st.one_of(
    st.sampled_from(["AML", " aml ", "Zarxio®", "TX", "tx", "T1", " him ", "Medicaid", "daily", "", " ", "x" * 1001]),
    st.text(max_size=12),
    st.integers(),
    st.none(),
)


def _reading(request: dict[str, object]) -> object:
    """Every fact the reader derives, or its error message."""
    try:
        f = rt.Facts(request, {})
    except rt.RequestError as exc:
        return str(exc)
    return {name: getattr(f, name) for name in rt.Facts.__slots__}


@settings(max_examples=examples(300))
@given(_TEXTS, st.sampled_from(["drug", "state", "line_of_business", "specialty", "frequency", "therapy", "measure"]))
def test_a_text_reads_the_same_in_any_field_and_on_any_call(text: object, field: str) -> None:
    """Readings are remembered per text and table: a second read (or the same text in another field first) gives
    the same facts or the same error, and an error is never remembered as a reading."""
    where: dict[str, dict[str, object]] = {
        "drug": {"drug": text},
        "state": {"member": {"state": text}},
        "line_of_business": {"member": {"line_of_business": text}},
        "specialty": {"prescriber": {"specialty": text}},
        "frequency": {"dose": {"frequency": text}},
        "therapy": {"therapies": {str(text): "failed"}},
        "measure": {"measures": {str(text): 1}},
    }
    request: dict[str, object] = {"date": "2026-04-01", **where[field]}
    first = _reading(request)
    for other in where.values():  # the same text through every other reading
        _reading({"date": "2026-04-01", **other})
    assert _reading(request) == first


def test_remembered_readings_stay_bounded() -> None:
    for i in range(2 * rt._REMEMBERED + 10):
        rt.Facts({"date": "2026-04-01", "drug": f"drug {i}", "member": {"state": "TX"}}, {})
    assert len(rt._TERMS) <= rt._REMEMBERED
    with pytest.raises(rt.RequestError, match="two-letter"):
        rt.Facts({"date": "2026-04-01", "member": {"state": "T1"}}, {})
    with pytest.raises(rt.RequestError, match="two-letter"):  # refused again: errors are not remembered
        rt.Facts({"date": "2026-04-01", "member": {"state": "T1"}}, {})


def test_the_request_date_text_is_its_iso_date() -> None:
    for text in ("2026-04-01", "2024-02-29", "1900-01-01", "2199-12-31"):
        f = rt.Facts({"date": text}, {})
        assert f.day == f.date.isoformat() == text
    for text in ("٢٠٢٦-٠٤-٠١", "2026-4-01", "2026-02-30", "2026-04-01\n"):
        with pytest.raises(rt.RequestError):
            rt.Facts({"date": text}, {})


def test_a_remembered_duration_is_a_fresh_copy_each_time() -> None:
    specs = (rt.DurationRule((), 6, "months", "renewal", "longer", "6 months or to renewal"),)
    f = rt.Facts({"date": "2026-08-31", "member": {"line_of_business": "Commercial"}}, {})
    first = rt.duration(f, specs)
    assert first is not None and first["missing"] == ["member.renewal_date"]
    first["missing"].append("changed by the caller")
    first["end"] = "changed"
    again = rt.duration(f, specs)
    assert again == {
        "line_of_business": "Commercial",
        "text": "6 months or to renewal",
        "start": "2026-08-31",
        "end": None,
        "missing": ["member.renewal_date"],
    }
    later = rt.Facts(
        {"date": "2026-08-31", "member": {"line_of_business": "Commercial", "renewal_date": "2026-12-01"}}, {}
    )
    assert rt.duration(later, specs)["end"] == "2027-02-28"  # type: ignore[index]


def test_an_unknown_criteria_set_is_a_doubt_every_time() -> None:
    # a UM system keys its questions by the ids of the reading it asked them from: a set this version does not
    # have picks nothing (remembered or not), and the decision is a reviewer's naming it — never an input error,
    # never a decision by sets the request did not ask for
    spec = rt.SetSpec(
        "I.A", "Acute Myelogenous Leukemia", "initial", False, (), lambda f: (True, None), lambda f, tr: (True, None)
    )
    sets = (spec,)
    assert rt.pick_sets(sets, "I.A") == (spec,) and rt.pick_sets(sets, "acute  myelogenous leukemia") == (spec,)
    for _ in range(2):
        assert rt.pick_sets(sets, "I.B") == ()
    f = rt.Facts({"date": "2026-04-01", "criteria_set": "I.B", "attestations": {"I.B.1": True}}, {})
    rt.check_attestations(f, frozenset({"I.A"}))
    decision, _ = rt.decide(f, rt.pick_sets(sets, f.criteria_set), {}, ("CP.X.1", "2026-01-01"), False)
    assert decision["outcome"] == "needs-review" and decision["failed"] == {}
    assert decision.get("unknown_criteria_set") == "I.B" and "'I.B'" in decision.get("reason", "")
    assert decision["missing"] == ["attestations.I.B.1"]


def test_a_long_text_is_read_but_not_remembered() -> None:
    long = "a" * (rt._REMEMBERED_CHARS + 1)
    assert rt.Facts({"date": "2026-04-01", "drug": long}, {}).drug == long
    assert long not in rt._TERMS
