"""Generated code and the AST interpreter agree: on the decision table and on random requests (unknowns too)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples
from rules_support import cases, in_force, interpreters, modules, request_day, strip_trace

CASES = cases()


@pytest.mark.parametrize(("name", "request_", "expected"), CASES, ids=[c[0] for c in CASES])
def test_table_generated_equals_interpreter(name: str, request_: dict[str, Any], expected: dict[str, Any]) -> None:
    for day in modules():  # every version, not only the one in force: more structure exercised
        module, interpreter = modules()[day], interpreters()[day]
        try:
            fast = module.evaluate(request_)
        except ValueError as exc:  # a criteria set this version does not have: both must refuse it
            with pytest.raises(ValueError, match="criteria_set"):
                interpreter.evaluate(request_)
            assert "criteria_set" in str(exc)
            continue
        traced = module.evaluate(request_, trace=True)
        assert interpreter.evaluate(request_) == fast, (name, day)
        assert interpreter.evaluate(request_, trace=True) == traced, (name, day)
        assert strip_trace(traced) == fast, (name, day)


def _attestation_ids() -> list[str]:
    ids: set[str] = set()
    for interpreter in interpreters().values():
        ids |= interpreter.attestations
    return sorted(ids)


ATTESTATIONS = _attestation_ids()


def _optional(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(st.dates(dt.date(2023, 4, 18), dt.date(2027, 12, 31)))
    member = _optional(
        {
            "age": draw(st.none() | st.integers(0, 90)),
            "birth_date": draw(st.none() | st.dates(dt.date(1930, 1, 1), dt.date(2023, 1, 1)).map(dt.date.isoformat)),
            "weight_kg": draw(st.none() | st.sampled_from([3, 14.99, 15, 27, 40, 40.01, 70, 120])),
            "height_cm": draw(st.none() | st.sampled_from([50, 120, 175, 190])),
            "bsa_m2": draw(st.none() | st.sampled_from([0.5, 1.2, 1.9, 2.2])),
            "state": draw(st.none() | st.sampled_from(["TX", "FL", "IL", "IN", "MS", "CA", "NY"])),
            "line_of_business": draw(st.none() | st.sampled_from(["Commercial", "HIM", "Medicaid"])),
            "renewal_date": draw(st.none() | st.dates(day, day + dt.timedelta(days=400)).map(dt.date.isoformat)),
        }
    )
    dose = _optional(
        {
            "amount": draw(st.none() | st.sampled_from([5, 7, 10, 12, 250, 300, 450, 500, 600, 0.4])),
            "unit": draw(st.none() | st.sampled_from(["mcg/m2", "mcg/kg", "mcg", "mg"])),
            "route": draw(st.none() | st.sampled_from(["IV", "SC"])),
            "frequency": draw(st.none() | st.sampled_from(["daily", "weekly"])),
            "doses": draw(st.none() | st.integers(1, 14)),
        }
    )
    request = _optional(
        {
            "date": day.isoformat(),
            "request": draw(st.none() | st.sampled_from(["initial", "continued"])),
            "member": member or None,
            "diagnoses": draw(
                st.none()
                | st.lists(
                    st.sampled_from(
                        [
                            "AML",
                            "acute myelogenous leukemia",
                            "NHL",
                            "high-risk neuroblastoma",
                            "relapsed high-risk neuroblastoma",
                            "febrile neutropenia",
                        ]
                    ),
                    max_size=2,
                )
            ),
            "prescriber": draw(st.none() | st.sampled_from([{"specialty": "oncologist"}, {"specialty": "cardiology"}])),
            "dose": dose or None,
            "dose_increase": draw(st.none() | st.booleans()),
            "therapies": draw(
                st.none()
                | st.sampled_from(
                    [
                        {},
                        {"Zarxio": "failed"},
                        {"Zarxio": "not-tried"},
                        {"Zarxio": "contraindicated"},
                        {"Zarxio": "adverse-effects"},
                    ]
                )
            ),
            "concurrent": draw(
                st.none() | st.lists(st.sampled_from(["filgrastim", "Neulasta", "cytarabine"]), max_size=2)
            ),
            "criteria_set": draw(
                st.none() | st.sampled_from(["I.A", "I.B", "I.C", "I.D", "I.E", "I.F", "II.A", "II.B"])
            ),
            "attestations": draw(st.dictionaries(st.sampled_from(ATTESTATIONS), st.booleans(), max_size=12)),
        }
    )
    return request


def _both(request: dict[str, Any], trace: bool) -> tuple[Any, Any]:
    day = in_force(dt.date.fromisoformat(request["date"]))
    out = []
    for engine in (modules()[day], interpreters()[day]):
        try:
            out.append(engine.evaluate(request, trace=trace))
        except ValueError as exc:
            out.append(("error", str(exc)))
    return out[0], out[1]


@settings(max_examples=examples(300))
@given(requests())
def test_random_requests_agree(request: dict[str, Any]) -> None:
    fast, interpreted = _both(request, trace=False)
    assert fast == interpreted
    traced, interpreted_traced = _both(request, trace=True)
    assert traced == interpreted_traced
    if isinstance(fast, dict):
        assert strip_trace(traced) == fast
        assert (fast["outcome"] == "needs-review") == bool(fast["missing"] or fast.get("reason"))


@settings(max_examples=examples(150))
@given(requests(), st.data())
def test_answering_a_missing_fact_never_contradicts(request: dict[str, Any], data: st.DataObject) -> None:
    """Kleene monotonicity: answering a listed attestation moves needs-review to some outcome, never reverses a
    settled one: a settled outcome does not change when an attestation nobody asked for is added — unless the new
    answer contradicts one already given (a sub-criterion attested true under its parent attested false), which
    is a reviewer's: needs-review with the contradiction under ``conflicts`` (rules.md, Attestations)."""
    fast, _ = _both(request, trace=False)
    if not isinstance(fast, dict) or fast["outcome"] == "needs-review":
        return
    day = in_force(request_day(request))
    asked = set(request.get("attestations", {}))
    free = sorted(interpreters()[day].attestations - interpreters()[day].settled - asked)  # judgment ids
    if not free:
        return
    key = data.draw(st.sampled_from(free))
    more = {**request, "attestations": {**request.get("attestations", {}), key: data.draw(st.booleans())}}
    again, _ = _both(more, trace=False)
    if again["outcome"] != fast["outcome"]:
        assert again["outcome"] == "needs-review" and again.get("conflicts"), again
        assert {c["criterion"] for c in again["conflicts"]} <= asked | {key}


def test_an_answer_contradicting_a_parent_answer_goes_to_review() -> None:
    """The case the property above once found (continued Leukine request, II.A.4 attested false, then its
    sub-criterion II.A.4.c attested true): denied before, needs-review naming the conflict after — never approved."""
    request: dict[str, Any] = {
        "date": "2025-01-01",
        "request": "continued",
        "member": {"line_of_business": "Commercial"},
        "attestations": {"II.A.4": False, "II.B.1": False, "I.A.1": False},
    }
    before, _ = _both(request, trace=False)
    more = {**request, "attestations": {**request["attestations"], "II.A.4.c": True}}
    after, interpreted = _both(more, trace=False)
    assert before["outcome"] == "denied"
    assert after == interpreted
    assert after["outcome"] == "needs-review"
    assert after["conflicts"] == [{"criterion": "II.A.4", "computed": True, "attested": False}]


FAMILY = ["filgrastim", "dupilumab", "somatrogon"]


@functools.cache
def _family(name: str) -> tuple[Any, Any]:
    from conftest import POLICIES

    from policyvc.parser import parse_file
    from policyvc.rules.generate import render_module
    from policyvc.rules.interpret import Interpreter
    from policyvc.rules.load import load_module

    policy = parse_file(POLICIES[name])
    day = dt.date(2023, 1, 1)
    return load_module(render_module(policy, day, "0" * 64)), Interpreter(policy, day)


@pytest.mark.parametrize("name", FAMILY)
@settings(max_examples=examples(60))
@given(request=requests(), data=st.data())
def test_other_policies_of_the_family_agree(name: str, request: dict[str, Any], data: st.DataObject) -> None:
    """Nothing is special-cased for the seed: three other policies render, import and agree with the interpreter."""
    module, interpreter = _family(name)
    ids = sorted(interpreter.attestations)
    request = {**request, "attestations": data.draw(st.dictionaries(st.sampled_from(ids), st.booleans()))}
    request.pop("criteria_set", None)
    if data.draw(st.booleans()):
        request["criteria_set"] = data.draw(st.sampled_from([s[0] for s in interpreter.sets]))
    assert module.evaluate(request) == interpreter.evaluate(request)
    assert module.evaluate(request, trace=True) == interpreter.evaluate(request, trace=True)


@settings(max_examples=examples(200))
@given(requests(), st.data())
def test_needs_review_lists_no_more_than_it_needs(request: dict[str, Any], data: st.DataObject) -> None:
    """Answering an attestation that needs-review did not list changes neither the outcome nor the list.

    One exception, by design (issue 18): an answer below a group the request attested already can compute the
    group; if it disagrees with the group's attestation, that is a conflict shown beside the outcome, and the
    group's set is open again, listing its unknowns. The outcome stays needs-review.
    """
    fast, _ = _both(request, trace=False)
    if not isinstance(fast, dict) or fast["outcome"] != "needs-review":
        return
    day = in_force(request_day(request))
    given_ids = set(request.get("attestations", {}))
    unlisted = sorted(
        i
        for i in interpreters()[day].attestations - interpreters()[day].settled - given_ids
        if f"attestations.{i}" not in fast["missing"]
    )
    if not unlisted:
        return
    key = data.draw(st.sampled_from(unlisted))
    more = {**request, "attestations": {**request.get("attestations", {}), key: data.draw(st.booleans())}}
    again, _ = _both(more, trace=False)
    assert again["outcome"] == fast["outcome"]
    if again.get("conflicts"):
        # the answer computed a group the request had attested otherwise: that set is open again (its own
        # unknowns are listed once more), and the conflict is shown; only the outcome must not move
        assert {c["criterion"] for c in again["conflicts"]} <= given_ids
        return
    assert again["missing"] == fast["missing"]
