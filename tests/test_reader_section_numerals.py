"""A family policy that leaves a section out numbers the rest on: read by their titles, ids the family's.

Several CP.PHAR editions have no ``V. Dosage and Administration`` (a drug whose dosing is in the label only) and
write ``V. Product Availability`` and ``VI. References``.  The strict grammar read the sections by numeral and
title together, so such a policy failed at ``V.``; now a section is known by its title, keeps the id the family
gives it (so diffs against an edition with section V pair the same sections), and the reader says so.
Written from ``decisions_words/benralizumab.txt`` (a CP.PHAR policy of our own) with section V left out.
"""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_text, parse_text_report

POLICY = FIXTURES / "decisions_words" / "benralizumab.txt"


def _without_dosage() -> str:
    lines = POLICY.read_text(encoding="utf-8").split("\n")
    v, vi, vii = (
        lines.index(h) for h in ("V. Dosage and Administration", "VI. Product Availability", "VII. References")
    )
    assert v < vi < vii
    return "\n".join([*lines[:v], "V. Product Availability", *lines[vi + 1 : vii], "VI. References", *lines[vii + 1 :]])


def test_sections_after_a_missing_one_are_read_by_title() -> None:
    whole = parse_text(POLICY.read_text(encoding="utf-8"))
    short = parse_text(_without_dosage())
    assert not short.dosing and whole.dosing
    assert short.availability == whole.availability
    assert [r.text for r in short.references] == [r.text for r in whole.references]
    assert [s.id for s in short.sections] == [s.id for s in whole.sections]


def test_the_reader_says_the_numerals_differ() -> None:
    messages = [d.message for d in parse_text_report(_without_dosage()).diagnostics]
    assert any("`V. Product Availability` is numbered V where the family numbers it VI" in m for m in messages)
    assert any("`VI. References` is numbered VI where the family numbers it VII" in m for m in messages)


def test_the_family_numbering_says_nothing() -> None:
    messages = [d.message for d in parse_text_report(POLICY.read_text(encoding="utf-8")).diagnostics]
    assert not any("where the family numbers it" in m for m in messages)
