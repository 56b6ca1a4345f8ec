"""Groups a lead-in names, and lettered statements of what is not covered, in any payer's medical policy.

Two shapes of published medical policies, printed by Chromium and read back by ``pdftotext`` without and with
``-layout`` (``python tests/docgen.py $PWD/tests/fixtures/statement_groups`` remakes them from ``src/``):

* a criterion whose lead-in names its items by the words each opens with (``… documented under Track 1 or Track
  2:`` over ``1. Track 1 – all of the following:`` and ``2. Track 2 – … one of the following:``): any one of the
  named items, each keeping its own connective;
* a lettered statement of what is not covered over its numbered list (``A. The following devices are not
  medically necessary:`` over ``1.`` … ``3.``): the statement is a set of its own, its items right under it —
  never a group that, met, approves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.connective import named_items
from policyvc.parser.nodes import Connective, CriteriaSet, Criterion, Section
from policyvc.rules.body import rules_view

FIXTURES = Path(__file__).parent / "fixtures" / "statement_groups"
COPIES = sorted(FIXTURES.glob("*.txt"))


def _sets(blocks: tuple[object, ...]) -> list[CriteriaSet]:
    out: list[CriteriaSet] = []
    for b in blocks:
        if isinstance(b, CriteriaSet):
            out.append(b)
        elif isinstance(b, Section):
            out.extend(_sets(b.blocks))
    return out


def _by_marker(criteria: tuple[Criterion, ...], marker: str) -> Criterion:
    return next(c for c in criteria if c.marker == marker)


@pytest.mark.parametrize("copy", [p for p in COPIES if p.name.startswith("northgate")], ids=lambda p: p.name)
def test_items_a_lead_in_names_are_its_alternatives(copy: Path) -> None:
    sets = _sets(parse_file(copy).body)
    rental = next(s for s in sets if s.title.startswith("A pneumatic compression device"))
    assert rental.rule is not None and rental.rule.connective is Connective.ALL
    trial = _by_marker(rental.criteria, "B")
    assert trial.connective is Connective.ANY, trial.text
    assert [(c.marker, c.connective) for c in trial.children] == [("1", Connective.ALL), ("2", Connective.ANY)]
    assert [c.marker for c in trial.children[1].children] == ["a", "b"]


@pytest.mark.parametrize("copy", COPIES, ids=lambda p: p.name)
def test_a_lettered_refusal_is_a_set_its_items_right_under_it(copy: Path) -> None:
    sets = _sets(parse_file(copy).body)
    refusals = [s for s in sets if "not medically necessary:" in s.title or "not covered:" in s.title]
    assert refusals, [s.title for s in sets]
    for s in refusals:
        assert s.letter == "A" and s.rule is None
        assert [c.marker for c in s.criteria] == ["1", "2", "3"]
        assert all(not c.children for c in s.criteria)


def test_a_refusal_with_a_connective_keeps_it_and_a_grant_beside_it_is_read_as_before() -> None:
    copy = FIXTURES / "lakeshore-speech-therapy.chromium.pdftotext.txt"
    sets = _sets(parse_file(copy).body)
    plateau = next(s for s in sets if s.title.startswith("Speech-language therapy is not medically necessary"))
    assert plateau.letter == "B" and plateau.rule is not None and plateau.rule.connective is Connective.ANY
    assert [c.marker for c in plateau.criteria] == ["1", "2"]
    treatment = next(s for s in sets if s.title.startswith("Outpatient speech-language therapy is medically"))
    assert treatment.rule is not None and treatment.rule.connective is Connective.ALL


@pytest.mark.parametrize("copy", COPIES, ids=lambda p: p.name)
def test_no_refusal_is_ever_an_approving_set(copy: Path) -> None:
    """Fail-safe: the rules never approve by a statement of what is not covered: it is an exclusion."""
    view = rules_view(parse_file(copy))
    approving = [s.title for section in view.sections for s in section.sets if section.id.endswith(".section")]
    excluding = [s.title for section in view.sections for s in section.sets if "exclude" in section.id]
    assert approving and not any("not medically necessary" in t or "not covered" in t for t in approving)
    assert any("not medically necessary:" in t or "not covered:" in t for t in excluding), excluding


@pytest.mark.parametrize("stem", ["northgate-compression-pump", "lakeshore-speech-therapy"])
def test_the_raw_and_layout_copies_read_the_same_groups(stem: str) -> None:
    raw = parse_file(FIXTURES / f"{stem}.chromium.pdftotext.txt")
    layout = parse_file(FIXTURES / f"{stem}.chromium.pdftotext-layout.txt")

    def shape(body: tuple[object, ...]) -> list[tuple[str, str, object, list[str]]]:
        return [(s.letter, s.title, s.rule, [c.marker for c in s.criteria]) for s in _sets(body)]

    assert shape(raw.body) == shape(layout.body)


def test_named_items_reads_only_a_lead_in_that_names_every_item() -> None:
    groups = ["Group A – any of the following:", "Group B – both of the following:"]
    assert named_items("The study meets Group A or Group B:", groups) is Connective.ANY
    assert named_items("The study meets Group A and Group B:", groups) is Connective.BOTH
    three = ["Part 1: an assessment;", "Part 2: a plan;", "Part 3: a review."]
    assert named_items("The record holds Part 1, Part 2, and Part 3:", three) is Connective.ALL
    assert named_items("The record holds Part 1, Part 2 or Part 3 below:", three) is Connective.ANY
    # a negation or a quantifier right before the names: nothing is read
    assert named_items("The study does not meet Group A or Group B:", groups) is None
    assert named_items("The study meets one of Group A or Group B:", groups) is None
    # an item the lead-in does not name, names out of order, no colon: nothing is read
    assert named_items("The study meets Group A or Group C:", groups) is None
    assert named_items("The study meets Group B or Group A:", groups) is None
    assert named_items("The study meets Group A or Group B.", groups) is None
    assert named_items("The member has one of:", ["Diabetes;", "Obesity."]) is None


EXCLUSIONS = """\
Medical Policy: Hyperbaric Oxygen Therapy
Policy Number: MP-310
Effective Date: 05/01/2026

Limitations
A. Hyperbaric oxygen therapy is considered investigational for the following conditions:
1. Autism spectrum disorder;
2. Migraine headache.
B. Topical oxygen applied to a wound is not covered for any of the following:
1. Pressure ulcers;
2. Venous ulcers.
"""


def test_a_list_of_statements_that_refuse_gives_no_approval() -> None:
    policy = parse_text_report(EXCLUSIONS, "hbo.txt").policy
    sets = _sets(policy.body)
    assert [(s.letter, s.rule.connective if s.rule else None) for s in sets] == [("A", None), ("B", Connective.ANY)]
    assert [[c.marker for c in s.criteria] for s in sets] == [["1", "2"], ["1", "2"]]
    view = rules_view(policy)
    assert not [s for section in view.sections for s in section.sets if section.id.endswith(".section")]


def test_a_refusal_beside_a_statement_with_no_list_stays_as_it_was_read() -> None:
    """A childless statement would be a set of nothing the rules could read as a grant: the list is not made
    statements at all (read as before: a plain list of things not covered)."""
    text = EXCLUSIONS.replace(
        "B. Topical oxygen applied to a wound is not covered for any of the following:\n1. Pressure ulcers;\n"
        "2. Venous ulcers.\n",
        "B. Topical oxygen applied to a wound is not covered.\n",
    )
    policy = parse_text_report(text, "hbo.txt").policy
    assert not [s for s in _sets(policy.body) if s.letter]
    view = rules_view(policy)
    assert not [s for section in view.sections for s in section.sets if section.id.endswith(".section")]
