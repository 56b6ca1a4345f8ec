"""Measures a criterion compares: a z-score may be negative; a risk, a time window or a count may not.

A measure compared with a negative number somewhere in the policy (``Pretreatment height ≤ -2.0 SD below the mean
for age and sex``) takes negative values; one compared only with numbers ≥ 0 (``risk of febrile neutropenia ≥
20%``, ``no sooner than 24 hours after chemotherapy``) refuses a negative value as an input error, in the generated
module and the interpreter alike; NaN, infinities and strings are input errors for every measure.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from rules_support import DECISIONS, family_engines

from policyvc.rules import runtime as rt


def _request(table: str, case: str) -> dict[str, Any]:
    data = json.loads((DECISIONS / table / f"{case}.json").read_text(encoding="utf-8"))
    return dict(data["request"])


def _engines(table: str, day: str) -> list[Any]:
    engines = family_engines(table)
    module, interpreter = engines[max(d for d in engines if d.isoformat() <= day)]
    return [module, interpreter]


@pytest.mark.parametrize("value", [-2.5, -3, 0, 1.5])
def test_a_z_score_may_be_negative(value: float) -> None:
    request = _request("somatrogon", "47-ghd-height-sd-minus-2.3")
    request["measures"] = {"pretreatment height (sd)": value}
    for engine in _engines("somatrogon", request["date"]):
        decision = engine.evaluate(request)
        assert decision["outcome"] in ("approved", "needs-review", "denied")


@pytest.mark.parametrize("name", ["risk of febrile neutropenia %", "hours after chemotherapy"])
def test_a_measure_compared_only_with_numbers_from_0_refuses_a_negative_value(name: str) -> None:
    request = _request("pegfilgrastim", "19-fn-6mg-twice-per-cycle")
    request["measures"] = {**request["measures"], name: -1}
    for engine in _engines("pegfilgrastim", request["date"]):
        with pytest.raises(rt.RequestError, match=rf"measures\.{name} must be a number from 0, not -1"):
            engine.evaluate(request)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), "-2", None, [1], True])
def test_non_numbers_are_input_errors_for_every_measure(value: object) -> None:
    request = _request("somatrogon", "47-ghd-height-sd-minus-2.3")
    request["measures"] = {"pretreatment height (sd)": value}
    for engine in _engines("somatrogon", request["date"]):
        with pytest.raises(rt.RequestError, match=r"measures\.pretreatment height \(sd\) must be"):
            engine.evaluate(copy.deepcopy(request))


def test_a_measure_no_criterion_compares_takes_any_sign() -> None:
    request = _request("somatrogon", "47-ghd-height-sd-minus-2.3")
    request["measures"] = {**request["measures"], "base excess (meq/l)": -6}
    for engine in _engines("somatrogon", request["date"]):
        assert engine.evaluate(request)["outcome"] == "approved"


def test_a_measure_no_criterion_compares_is_named_as_a_doubt() -> None:
    """A number the version never compares decides nothing (the approval stands) but is named under
    ``unknown_measures``, in the request's order; a measure the version compares, or given by its alias, is not."""
    request = _request("pegfilgrastim", "19-fn-6mg-twice-per-cycle")
    plain = {**request, "measures": dict(request["measures"])}
    extra = {**request, "measures": {"hba1c %": 7.5, **request["measures"], "base excess (meq/l)": -6}}
    for engine in _engines("pegfilgrastim", request["date"]):
        assert "unknown_measures" not in engine.evaluate(plain)
        decision = engine.evaluate(extra)
        assert decision["unknown_measures"] == ["hba1c %", "base excess (meq/l)"]
        without = {k: v for k, v in decision.items() if k != "unknown_measures"}
        assert without == engine.evaluate(plain)  # set aside: the decision is the one without them
    approved = _request("somatrogon", "47-ghd-height-sd-minus-2.3")
    approved["measures"] = {**approved["measures"], "base excess (meq/l)": -6}
    for engine in _engines("somatrogon", approved["date"]):
        decision = engine.evaluate(approved)
        assert decision["outcome"] == "approved" and decision["unknown_measures"] == ["base excess (meq/l)"]
