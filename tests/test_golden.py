"""Golden outlines and canonical texts of the seed and the three family policies."""

from __future__ import annotations

import pytest
from conftest import POLICIES, check_golden

from policyvc.parser import parse_file, parse_text
from policyvc.renderer.outline import render_outline
from policyvc.renderer.text import render_text


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_outline_matches_golden(name: str) -> None:
    check_golden(f"{name}.outline", render_outline(parse_file(POLICIES[name])))


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_canonical_text_matches_golden(name: str) -> None:
    check_golden(f"{name}.canonical.txt", render_text(parse_file(POLICIES[name])))


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_round_trip_through_canonical_text(name: str) -> None:
    policy = parse_file(POLICIES[name])
    text = render_text(policy)
    again = parse_text(text)
    assert again == policy
    assert render_text(again) == text


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_outline_ids_are_unique(name: str) -> None:
    ids = [line.split("\t", 1)[0] for line in render_outline(parse_file(POLICIES[name])).splitlines()]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
