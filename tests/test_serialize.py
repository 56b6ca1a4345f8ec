"""``to_json`` writes the AST without pydantic, and writes exactly what pydantic's adapter writes.

The JSON is a published format (``policyvc schema``): the hand-planned writer must give the same
text as ``TypeAdapter(Policy).dump_python(mode="json")`` — floats where the hints say ``float``,
enums as values, dates in ISO form — on every fixture policy and on generated ones.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import FAMILY
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples
from strategies import Generated, policies

from policyvc.parser import parse_file, parse_text
from policyvc.parser.nodes import Dose, DoseLimitFact, Policy, Span, WeightBandFact, all_criteria
from policyvc.serialize import _adapter, _indented, from_json, to_json


def _pydantic_json(policy: Policy) -> str:
    return json.dumps(_adapter().dump_python(policy, mode="json"), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", sorted(FAMILY))
def test_the_json_of_every_fixture_policy_is_pydantics(name: str) -> None:
    policy = parse_file(FAMILY[name])
    text = to_json(policy)
    assert text == _pydantic_json(policy)
    assert from_json(text) == policy


@settings(max_examples=examples(40))
@given(policies())
def test_the_json_of_a_generated_policy_is_pydantics(generated: Generated) -> None:
    policy = parse_text(generated.text)
    assert to_json(policy) == _pydantic_json(policy)


def test_ints_in_float_fields_are_written_as_floats_like_pydantic() -> None:
    policy = parse_file(FAMILY["seed"])
    first = all_criteria(policy)[0]
    dose = Dose(amount=5, unit="mg", routes=("IV",), count=3)  # an int where the hint says float
    facts = [DoseLimitFact("dose-limit", dose), WeightBandFact("weight-band", 10, True, None, False, dose)]
    for fact in facts:
        crit = dataclasses.replace(first, fact=fact, span=Span(3, 1, 3, 9, page=2, bbox=(1, 2.5, 300, 4)))
        sec = policy.sections[0]
        sets = (dataclasses.replace(sec.sets[0], criteria=(crit,)), *sec.sets[1:])
        edited = dataclasses.replace(policy, sections=(dataclasses.replace(sec, sets=sets), *policy.sections[1:]))
        text = to_json(edited)
        assert text == _pydantic_json(edited)
        assert '"amount": 5.0' in text and '"bbox": [\n' in text


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=examples(300))
@given(_JSON)
def test_the_indented_writer_writes_what_json_dumps_writes(value: object) -> None:
    out: list[str] = []
    _indented(value, "", out)
    assert "".join(out) == json.dumps(value, ensure_ascii=False, indent=2)
