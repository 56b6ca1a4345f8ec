"""Criteria lists as copies of real policies deliver them (``tests/fixtures/list_shapes``).

Each fixture is written in the style of one payer's published policies, as a user gets its text: a
UnitedHealthcare and an Aetna page copied from the browser (the ``<ul>``'s bullets and the ``<ol>``'s numbers
lost, nested lists too), an Anthem guideline copied from a PDF viewer, a CMS LCD's print read by ``pdftotext``
(items wrapped over lines, no bullet left), a Blue Cross policy with criteria written inline (``(1) …; (2) …;
or (3) …``) and a Cigna policy that states its connectives apart from its lists (a line above, a paragraph a
blank line above).  What is asserted is what the text states: each group's connective (``set`` alone where
nothing states one), its items and their depth — and a region whose nesting the text does not say is read on
an inferred nesting, marked on its set and said in a warning.  Expectations are written from the text, never
from the reader's output.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from heldout_support import read_held
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import CriteriaSet, Section
from policyvc.parser.outline import OutlineLine
from policyvc.parser.run_on_lists import split_enumeration, split_semicolons
from policyvc.parser.unmarked_lists import unmarked_lists

SHAPES = FIXTURES / "list_shapes"


def _rows(name: str) -> dict[str, str]:
    return read_held(SHAPES / f"{name}.txt")[1]


def _children(rows: dict[str, str], node: str) -> list[str]:
    depth = node.count(".") + 1
    return [n.rsplit(".", 1)[-1] for n in rows if n.startswith(node + ".") and n.count(".") == depth]


def _messages(name: str) -> list[str]:
    return [d.message for d in parse_file_report(SHAPES / f"{name}.txt", recover=True).diagnostics]


# --- (a) lists whose markers were lost -----------------------------------------------------------------------


def test_a_web_copy_one_line_per_item() -> None:
    rows = _rows("uhc-cgm.web-copy")
    assert rows["Coverage-Rationale.c1"] == "set:all"  # (``all of the following criteria are met:``)
    assert _children(rows, "Coverage-Rationale.c1") == ["1", "2", "3", "4"]
    assert rows["Coverage-Rationale.c2"] == "set:any"  # (``one of the following criteria is met:``)
    assert _children(rows, "Coverage-Rationale.c2") == ["1", "2", "3"]
    # the statement between the two lists is a paragraph, never an item of either
    assert rows["Coverage-Rationale.p1"] == "paragraph"
    # a list nothing states a connective for is no all-of group (``The following information is required``)
    under = {n: k for n, k in rows.items() if n.startswith("Documentation-Requirements.")}
    assert not any(k.startswith("set:") for k in under.values())
    assert sum(1 for n in under if n.count(".") == 2) == 3


def test_nested_lists_whose_markers_were_lost_nest_by_their_connectives() -> None:
    rows = _rows("aetna-cpb-bariatric.web-copy")
    group = "Policy.Medical-Necessity.c1"
    assert rows[group] == "set:all" and _children(rows, group) == ["1", "2", "3"]
    # ``Member has either of the following:``, its items ``…; or``, then ``BMI … with any of the following …:``
    assert rows[group + ".1"] == "any" and _children(rows, group + ".1") == ["1", "2"]
    assert rows[group + ".1.2"] == "any" and _children(rows, group + ".1.2") == ["1", "2", "3"]
    # ``Type 2 diabetes mellitus; and``: the outer list's connective closes both lists inside it
    assert rows[group + ".2"] != "any" and not _children(rows, group + ".2")
    assert not _children(rows, group + ".3")


def test_a_nesting_the_text_does_not_say_is_inferred_and_marked_so() -> None:
    policy, rows = read_held(SHAPES / "aetna-cpb-bariatric.web-copy.txt")
    # ``Member has one of the following:`` with items carrying no connective: where its list ends is unsaid; the
    # line after its items starts as its lead-in and the outer list's items do (``Member has been counseled``),
    # none of its own items does: the outer list's, on a guess marked as one
    group = "Policy.Medical-Necessity.c2"
    assert rows[group] == "set:all" and _children(rows, group) == ["1", "2", "3"]
    assert rows[group + ".2"] == "any" and _children(rows, group + ".2") == ["1", "2"]
    sets = {b.id: b for s in policy.body for sub in s.blocks if isinstance(sub, Section) for b in sub.blocks
            if isinstance(b, CriteriaSet)}  # fmt: skip
    assert sets[group].inferred
    assert not sets["Policy.Medical-Necessity.c1"].inferred  # (its connectives say it all)
    assert any("its nesting is inferred" in m for m in _messages("aetna-cpb-bariatric.web-copy"))


def test_a_viewer_copy_with_or_between_two_statements() -> None:
    rows = _rows("anthem-cg-surg.pdftotext")
    section = "Clinical-Indications.Medically-Necessary"
    assert rows[section + ".c1"] == "set:all" and _children(rows, section + ".c1") == ["1", "2", "3"]
    assert rows[section + ".c2"] == "set:both" and _children(rows, section + ".c2") == ["1", "2"]
    # the statement of what is not covered is no list
    assert rows["Clinical-Indications.Not-Medically-Necessary.p1"] == "paragraph"


def test_pdftotext_of_a_print_items_wrapped_over_lines() -> None:
    rows = _rows("lcd-tms.pdftotext")
    section = "Coverage-Indications-Limitations-and-or-Medical-Necessity"
    assert rows[section + ".c1"] == "set:all" and _children(rows, section + ".c1") == ["1", "2", "3", "4"]
    assert rows[section + ".c2"] == "set:any" and _children(rows, section + ".c2") == ["1", "2", "3"]
    policy, _ = read_held(SHAPES / "lcd-tms.pdftotext.txt")
    texts = [line for line in str(policy).split("text=") if "Major Depressive Disorder" in line]
    assert texts  # (``… (FDA) for`` / ``Major Depressive Disorder``: the item's text wrapped, not an item)
    assert rows["Documentation-Requirements.p1"] == "paragraph"


def test_a_print_of_items_in_lower_case_counted_and_ended() -> None:
    rows = _rows("bcbsm-ptns.chromium.pdftotext")
    assert rows["Policy.c1"] == "set:all" and _children(rows, "Policy.c1") == ["1", "2", "3", "4"]
    # ``… documented in a voiding diary`` / ``of at least three days``: one item wrapped, though in lower case
    assert not _children(rows, "Policy.c1.2")
    # ``… and BOTH of the following:``: two items, then the outer list goes on
    assert rows["Policy.c1.3"] == "both" and _children(rows, "Policy.c1.3") == ["1", "2"]
    # ``Maintenance sessions require a separate request.`` right below: a sentence, no item
    assert rows["Policy.p1"] == "paragraph"
    # lettered statements, each a coverage decision: a set each, never one group of all
    assert rows["Policy.Policy-Statements.A"].startswith("set")
    assert rows["Policy.Policy-Statements.B"].startswith("set")


def test_a_list_whose_last_item_ends_its_connectives() -> None:
    text = (
        "Genetic Testing for Hearing Loss\nPolicy Number: 2.04.88\nEffective Date: 01/01/2027\n\nPolicy\n"
        "Testing is medically necessary when all of the following are met:\n"
        "The member has unexplained hearing loss; and\nThe member has had an audiogram; and\n"
        "The result will change management.\nChanges to this policy take effect 60 days after posting.\n"
    )
    from policyvc.parser import parse_text_report
    from policyvc.renderer.outline import render_outline

    rows = dict(r.split("\t")[:2] for r in render_outline(parse_text_report(text, "x.txt").policy).splitlines())
    assert rows["Policy.c1"] == "set:all" and _children(rows, "Policy.c1") == ["1", "2", "3"]
    assert rows["Policy.p1"] == "paragraph"


# --- (b) criteria written on one line ------------------------------------------------------------------------


def test_inline_enumerations_and_semicolon_lists() -> None:
    rows = _rows("bcbs-inline-semicolons")
    assert rows["Policy.c1"] == "set:all" and _children(rows, "Policy.c1") == ["1", "2", "3"]
    # ``at least two of the following for 6 months: (1) …; (2) …; or (3) …``
    assert rows["Policy.c1.3"] == "atleast2" and _children(rows, "Policy.c1.3") == ["1", "2", "3"]
    # ``such as (a) fracture, (b) tumor, or (c) infection``: examples, one criterion as written
    assert not _children(rows, "Policy.c1.2")
    aetna = _rows("aetna-cpb-bariatric.web-copy")
    # (``c2`` is the gastric banding list above it, read on an inferred nesting)
    # ``… the following criteria: (1) …; (2) …; and (3) …``: all, from the final ``and``
    assert aetna["Policy.Medical-Necessity.c3"] == "set:all"
    assert _children(aetna, "Policy.Medical-Necessity.c3") == ["1", "2", "3"]
    # ``… any of the following indications: band slippage; band erosion; or intractable …``
    assert aetna["Policy.Medical-Necessity.c4"] == "set:any"
    assert len(_children(aetna, "Policy.Medical-Necessity.c4")) == 3


@pytest.mark.parametrize(
    "line",
    [
        "Imaging shows no other cause, such as (a) fracture; (b) tumor; or (c) infection",  # (examples)
        "Harvey LA. Cochrane Database Syst Rev. 2014;(2):CD004260.",  # (a citation's issue)
        "The member meets (1) the age limit, (2) the weight limit, and (3) the dose limit",  # (commas: a series)
        "Dose: 5 mg; then 10 mg; or as directed",  # (no lead-in announcing a list)
        "Criteria: age over 18; weight over 40 kg; dose under 10 mg",  # (no connective before the last)
    ],
)
def test_other_lines_are_left_as_written(line: str) -> None:
    assert split_enumeration(line) == [line]
    assert split_semicolons(line) == [line]


# --- (c) connectives stated apart from the list -------------------------------------------------------------


def test_connectives_stated_above_the_list() -> None:
    rows = _rows("cigna-heading-connective")
    assert rows["Coverage-Policy.c1"] == "set:all"  # (``Initial Authorization – ALL of the following``)
    assert rows["Coverage-Policy.c2"] == "set:all"  # (``Continuation of Therapy (all must be met)``)
    # ``Coverage requires that any one of the following be documented …`` a blank line above the list
    assert rows["Coverage-Policy.c3"] == "set:any" and _children(rows, "Coverage-Policy.c3") == ["1", "2"]
    assert rows["Coverage-Policy.c4"] == "set:any"  # (``Either of the following:``)


def test_separate_coverage_statements_are_alternatives() -> None:
    rows = _rows("humana-hbot.web-copy")
    group = "Description.Coverage-Determination.c1"  # (``… eligible under the Plan for the following services:``)
    assert rows[group] == "set:any" and _children(rows, group) == ["1", "2", "3"]
    # the first service's own criteria, whose list the ``OR`` line below closes
    assert rows[group + ".1"] == "all" and _children(rows, group + ".1") == ["1", "2"]
    assert not _children(rows, group + ".2") and not _children(rows, group + ".3")


# --- properties ----------------------------------------------------------------------------------------------

_POOL = [
    "The member meets all of the following criteria:",
    "Has one of the following:",
    "Is 18 years of age or older; and",
    "Has a diagnosis of X; or",
    "has tried Y",
    "Prior therapy with the",
    "OR",
    "Coverage Rationale",
    "",
    "1. A marked item",
    "Criterion one; and criterion two; and criterion three",
    # where a sub-list ends: endings, case and first words the outer items share, a statement of its own
    "Age 18 years or older;",
    "diabetes mellitus",
    "Obstructive sleep apnea",
    "Completion of an evaluation.",
    "Has had a trial of therapy",
    "Surgery is considered medically necessary when all of the following criteria are met:",
]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(_POOL), max_size=14))
def test_reading_lost_markers_never_loses_nor_adds_words(texts: list[str]) -> None:
    lines = [OutlineLine(t, n) for n, t in enumerate(texts, 1)]
    out, _, _ = unmarked_lists(lines, lambda text: text == "Coverage Rationale")
    words = [w for ln in out for w in ln.text.split() if w not in ("-", "–", "·")]
    assert words == [w for t in texts for w in t.split()]
    assert [ln.line for ln in out] == sorted(ln.line for ln in out)
    assert all("\n" not in ln.text for ln in out)
