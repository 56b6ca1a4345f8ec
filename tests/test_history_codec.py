"""The typed JSON codec of a pair's diff and audit (what a build keeps in ``<ref>/.pairs``).

Round trips over the real diffs and audits of the fixture histories (the example store, the audit corpus and its
held-out set: every pair, consecutive or not) and over pairs hypothesis makes from the types themselves; data
that is not a pair — another shape, a wrong type anywhere, an unknown enum value — is refused with ``Damaged``
(a ``ValueError``), never another exception and never a wrong object.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.history.audit import PairAudit, audit_pair
from policyvc.history.codec import Damaged, decode, encode
from policyvc.history.diff import EditScript
from policyvc.parser.nodes import Span, YearMonth
from policyvc.store import Store

HISTORIES = (ROOT / "policy_versions", FIXTURES / "audit_corpus", FIXTURES / "audit_heldout")


def _real_pairs() -> list[PairAudit]:
    out = []
    for root in HISTORIES:
        store = Store(root)
        for ref in store.references():
            dated = store.history(ref).dated()
            for (a, old), (b, new) in itertools.combinations(dated, 2):
                out.append(audit_pair(a, old, b, new))
    return out


REAL = _real_pairs()


def _through_json(pair: PairAudit) -> Any:
    return json.loads(json.dumps(encode(pair)))


def test_the_fixtures_give_pairs_of_every_part() -> None:
    assert len(REAL) >= 20
    assert any(p.ties for p in REAL) and any(p.undocumented for p in REAL) and any(p.unbacked for p in REAL)
    assert any(p.change_misses for p in REAL) and any(p.claim_misses for p in REAL)
    assert any(e.labels for p in REAL for e in p.script.edits) and any(p.script.log_added for p in REAL)
    assert any(p.script.matches for p in REAL)
    assert any(-1 not in _sharing(p)[0] and _sharing(p)[0] for p in REAL)


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REAL))
def test_a_real_pair_comes_back_equal_field_for_field(pair: PairAudit) -> None:
    data = _through_json(pair)
    again = decode(data, PairAudit)
    assert again == pair
    # (== leaves out the fields declared compare=False — the matching, spans — and the encoding does not)
    assert encode(again) == data
    assert again.script.matches == pair.script.matches and again.script.regrids == pair.script.regrids
    # the same objects where the audit shares them: a tie names the very edit of the script (the site's pages
    # find a change's tie by that identity)
    assert _sharing(again) == _sharing(pair)


def _sharing(pair: PairAudit) -> list[list[int]]:
    edits = {id(e): i for i, e in enumerate(pair.script.edits)}
    named = [t.edit for t in pair.ties] + list(pair.undocumented) + [m.edit for m in pair.change_misses]
    return [[edits.get(id(e), -1) for e in named if e is not None]]


def _year_months() -> st.SearchStrategy[YearMonth]:
    return st.builds(YearMonth, st.integers(1, 9999), st.integers(1, 12))


def _spans() -> st.SearchStrategy[Span]:
    coords = st.floats(allow_nan=False) | st.integers(-(2**53), 2**53)  # (a float field given an int keeps it)
    return st.builds(
        Span,
        st.integers(),
        st.integers(),
        st.integers(),
        st.integers(),
        st.none() | st.integers(),
        st.none() | st.tuples(coords, coords, coords, coords),
    )


st.register_type_strategy(YearMonth, _year_months())
st.register_type_strategy(Span, _spans())


@settings(max_examples=examples(100), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.from_type(PairAudit))
def test_any_pair_the_types_allow_comes_back_equal(pair: PairAudit) -> None:
    data = _through_json(pair)
    again = decode(data, PairAudit)
    assert again == pair and encode(again) == data


def _json_values() -> st.SearchStrategy[Any]:
    leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner))


def _paths(data: Any, here: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    out = [here]
    if isinstance(data, list):
        for i, item in enumerate(data):
            out.extend(_paths(item, (*here, i)))
    return out


def _replaced(data: Any, path: tuple[int, ...], value: Any) -> Any:
    if not path:
        return value
    copy = list(data)
    copy[path[0]] = _replaced(copy[path[0]], path[1:], value)
    return copy


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REAL[:6]), st.data())
def test_a_damaged_pair_is_refused_or_still_a_pair_never_another_error(pair: PairAudit, data: st.DataObject) -> None:
    encoded = _through_json(pair)
    path = data.draw(st.sampled_from(_paths(encoded)))
    value = data.draw(_json_values())
    damaged = _replaced(encoded, path, value)
    try:
        again = decode(damaged, PairAudit)
    except ValueError:  # (Damaged, or a date or enum value that is none)
        return
    assert type(again) is PairAudit and encode(again) == damaged  # (what it read is exactly what was there)


EMPTY = PairAudit(dt.date(2024, 1, 1), dt.date(2024, 2, 1), EditScript(()), (), (), (), ())
EDIT = ["update", "criterion", "I.A.1", "I.A.1", "1.", "1.", "old", "new", [], None, None, None, None, [], [], 1]
CLAIM = ["2024-02-01", "Updated criteria.", "Updated criteria"]


def _with(index: int, value: Any) -> Any:
    data = encode(EMPTY)
    data[index] = value
    return data


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        [],
        "pair",
        [["2024-01-01"]],
        [*encode(EMPTY), []],  # a field too many
        encode(EMPTY)[:-1],  # a field too few
        _with(0, "2024-13-01"),  # a month that is none
        _with(0, "20240101"),  # a date not as it is written
        _with(0, True),  # a bool where a date is
        _with(2, [[[*EDIT[:-1], True]], [], [], [], [], []]),  # a bool where a count is
        _with(2, [[["teleport", *EDIT[1:]]], [], [], [], [], []]),  # an edit kind there is not
        _with(2, [[EDIT[:-1]], [], [], [], [], []]),  # an edit of a field too few
        _with(2, [[EDIT], [["Initial.", None, [2024, 13], [0, 1, 0, 0, None, None]]], [], [], [], []]),  # month 13
        _with(2, [[EDIT], [], [["a", "b", "c"]], [], [], []]),  # a match of three ids
        _with(3, [[EDIT, CLAIM, [], "not a tie kind", None, []]]),
        _with(6, [{"date": "2024-02-01"}]),  # a claim as a mapping
        _with(9, "unread"),  # a string where a tuple is
    ],
)
def test_what_is_not_a_pair_is_damaged(data: Any) -> None:
    assert decode(_through_json(EMPTY), PairAudit) == EMPTY
    with pytest.raises(Damaged):
        decode(data, PairAudit)


def test_what_the_codec_cannot_keep_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        encode(object())
