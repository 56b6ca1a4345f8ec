"""Criteria lists whose markers a Chromium print lost, read from raw ``pdftotext`` (``tests/fixtures/lost_markers``).

Each page is written in one payer's wording with ``<ul>`` / ``<ol>`` criteria, nested too, printed by Chromium (its
markers drawn as shapes) and read by ``pdftotext`` without ``-layout``: no marker, bullet or indentation is left,
only where lines start.  Where the text states the structure (connectives, a count) it is read as stated; where
it does not say where a list inside a list ends, the nesting is inferred — marked on the set
(``CriteriaSet.inferred``), said in a warning, and no decision approves by it (``<set>.structure`` must be
attested).  Expectations are written from the pages' text, never from the reader's output.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from heldout_support import read_held
from hypothesis import given, settings
from hypothesis import strategies as st

from policyvc.history.diff import diff
from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import CriteriaSet, Policy, Section
from policyvc.parser.outline import OutlineLine
from policyvc.parser.unmarked_lists import unmarked_lists
from policyvc.rules.generate import render_module
from policyvc.rules.impact import Impact, impact_cases, render_text
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module

LOST = FIXTURES / "lost_markers"


def _sets(policy: Policy) -> dict[str, CriteriaSet]:
    out: dict[str, CriteriaSet] = {}
    stack: list[Section] = list(policy.body)
    while stack:
        s = stack.pop()
        out.update((b.id, b) for b in s.blocks if isinstance(b, CriteriaSet))
        stack.extend(b for b in s.blocks if isinstance(b, Section))
    return out


def _children(rows: dict[str, str], node: str) -> list[str]:
    depth = node.count(".") + 1
    return [n.rsplit(".", 1)[-1] for n in rows if n.startswith(node + ".") and n.count(".") == depth]


def _read(name: str) -> tuple[Policy, dict[str, str], list[str]]:
    path = LOST / f"{name}.chromium.pdftotext.txt"
    policy, rows = read_held(path)
    return policy, rows, [d.message for d in parse_file_report(path, recover=True).diagnostics]


def test_a_sub_list_closed_by_a_line_parallel_to_its_lead_in_is_inferred_and_marked() -> None:
    policy, rows, messages = _read("bluecross-sleep")
    group = "Policy.c1"
    assert rows[group] == "set:all"
    # ``The member has one of the following findings:`` and its two findings; ``The member does not have …``
    # starts as the lead-in and its siblings do, none of the findings does: the outer list's, on a guess
    assert rows[group + ".3"] == "any" and _children(rows, group + ".3") == ["1", "2"]
    assert rows[group + ".4"] == "judgment"
    assert _sets(policy)[group].inferred
    assert any("its nesting is inferred" in m for m in messages)
    # the sentence right under the last item (a print sets no blank line after a ``</ul>``) ends with a period
    # where no item does: a paragraph of its own, on a guess marked with the rest; the heading below is no item
    assert rows["Policy.p1"] == "paragraph" and len(_children(rows, group)) == 4
    assert rows["Policy.Investigational.p1"] == "paragraph"


def test_a_list_whose_count_closes_it_is_read_as_stated_not_inferred() -> None:
    policy, rows, messages = _read("cigna-tms")
    # ``BOTH of the following`` takes two items (wrapped over two lines each, in lower case): the lead-in below
    # them starts a list of its own (``ONE of the following is met:``), and the sentence after it is a paragraph
    assert rows["Coverage-Policy.c1"] == "set:both" and _children(rows, "Coverage-Policy.c1") == ["1", "2"]
    assert rows["Coverage-Policy.c2"] == "set:any" and _children(rows, "Coverage-Policy.c2") == ["1", "2"]
    assert rows["Coverage-Policy.p1"] == "paragraph"
    assert not any(s.inferred for s in _sets(policy).values())
    assert not any("inferred" in m for m in messages)


def test_a_second_lead_in_after_a_sub_list_of_two_is_its_openers_sibling_on_a_guess() -> None:
    policy, rows, _ = _read("excellus-prosthesis")
    group = "Policy-Statement.c1"
    assert rows[group] == "set:all" and _children(rows, group) == ["1", "2", "3"]
    assert rows[group + ".2"] == "any" and len(_children(rows, group + ".2")) == 2
    assert rows[group + ".3"] == "none" and len(_children(rows, group + ".3")) == 3
    sets = _sets(policy)
    assert sets[group].inferred
    # a list its lead-in states no connective for (``The following information is needed for review:``)
    assert rows["Policy-Guidelines.c1"] == "set" and not sets["Policy-Guidelines.c1"].inferred


def _unmarked(texts: list[str]) -> list[str]:
    out, _, _ = unmarked_lists([OutlineLine(t, n) for n, t in enumerate(texts, 1)], lambda text: False)
    return [ln.text for ln in out]


def test_what_stays_a_paragraph() -> None:
    lead = "Coverage is provided when all of the following are met:"
    # one line under a lead-in is no list
    assert _unmarked([lead, "The member is 18 years of age or older", ""]) == [
        lead,
        "The member is 18 years of age or older",
        "",
    ]
    # a paragraph set apart by a blank line, after the list, stays a paragraph
    out = _unmarked([lead, "First criterion", "Second criterion", "", "This policy is reviewed every year."])
    assert out[-1] == "This policy is reviewed every year." and out[1:3] == ["- First criterion", "- Second criterion"]
    # a lead-in with nothing under it but another lead-in: no list guessed, the lines kept a paragraph each
    out = _unmarked([lead, "First criterion", "The member has one of the following:", ""])
    assert not any(t.startswith("- ") for t in out)
    # a sentence under items none of which ends like one: its own paragraph (an item ending so stays an item)
    out = _unmarked([lead, "Age 18 or older", "BMI of 35 or more", "Coverage is reviewed every year.", ""])
    assert out[1:3] == ["- Age 18 or older", "- BMI of 35 or more"] and "Coverage is reviewed every year." in out
    out = _unmarked([lead, "Age 18 or older.", "BMI of 35 or more.", "Failure of diet.", ""])
    assert out[1:4] == ["- Age 18 or older.", "- BMI of 35 or more.", "- Failure of diet."]
    # a heading right under the items (a page's furniture removed left no blank line) ends the list
    out = _unmarked([lead, "Hemorrhagic stroke", "Prior injury to the nerve", "Other Conditions", "Text of its own."])
    assert out[1:3] == ["- Hemorrhagic stroke", "- Prior injury to the nerve"]
    assert out[3:] == ["", "Other Conditions", "Text of its own."]


# --- decisions: no approval rests on an inferred nesting --------------------------------------------------------

# ``Aetna considers adjustable gastric banding medically necessary for members who meet all of the following:``
# / ``Member meets the criteria for bariatric surgery above`` / ``Member has one of the following:`` / ``Prior
# abdominal surgery …`` / ``Cirrhosis …`` / ``Member has been counseled on the need for band adjustments``: read
# with the counselling a required item of the outer list.  Had it been read into the one-of list above it, a
# member never counselled would qualify by prior surgery alone — a required item made optional.
_AETNA = FIXTURES / "list_shapes" / "aetna-cpb-bariatric.web-copy.txt"
_BAND = "Policy.Medical-Necessity.c2"


def _decide(path: Path, request: dict[str, Any]) -> dict[str, Any]:
    policy = parse_file_report(path, recover=True).policy
    module = load_module(render_module(policy, dt.date(2026, 1, 1), "0" * 64), path.name)
    decision = dict(module.evaluate(request))
    assert Interpreter(policy, dt.date(2026, 1, 1)).evaluate(request) == decision
    return decision


def _band(**attested: bool) -> dict[str, Any]:
    answers = {
        f"{_BAND}.statement": True,
        f"{_BAND}.1": True,
        f"{_BAND}.2.1": True,  # prior abdominal surgery
        f"{_BAND}.2.2": False,
        f"{_BAND}.3": True,  # counselled
    }
    answers.update({f"{_BAND}.{k.replace('_', '.')}": v for k, v in attested.items()})
    return {"date": "2026-02-01", "criteria_set": _BAND, "attestations": answers}


def test_an_inferred_nesting_never_approves_until_a_reviewer_attests_it() -> None:
    decision = _decide(_AETNA, _band())
    assert decision["outcome"] == "needs-review"
    assert decision["missing"] == [f"attestations.{_BAND}.structure"]


def test_an_attested_nesting_decides_as_read() -> None:
    assert _decide(_AETNA, _band(structure=True))["outcome"] == "approved"
    # the counselling is required in the reading shown: never counselled, not approved whatever else holds
    decision = _decide(_AETNA, _band(structure=True, **{"3": False}))
    assert decision["outcome"] == "denied" and decision["failed"] == {_BAND: f"{_BAND}.3"}
    assert _decide(_AETNA, _band(**{"3": False}))["outcome"] != "approved"


# ``A therapeutic continuous glucose monitor is considered medically necessary when all of the following criteria
# are met:`` / ``The member has a diagnosis of diabetes mellitus`` / ``The member has one of the following:`` /
# multiple daily injections / an insulin pump / ``The member has a history of problematic hypoglycemia despite
# education``.  Published (the ``<ul>``, kept by the ``-layout`` copy) the hypoglycemia is the third of the one-of
# list; the raw copy's last line starts as the lead-in does, none of the two treatments does: read on a guess as
# a required item of the outer list.  A member on a pump with no problematic hypoglycemia meets the policy as
# published and fails it as read: never denied by the guess.
_CGM = LOST / "priority-cgm.chromium.pdftotext.txt"
_CGM_LAYOUT = LOST / "priority-cgm.chromium.pdftotext-layout.txt"
_MONITOR = "Coverage-Determination.c1"


def _pump(path: Path, **attested: bool) -> dict[str, Any]:
    answers = {
        f"{_MONITOR}.statement": True,
        f"{_MONITOR}.1": True,  # diabetes mellitus
        f"{_MONITOR}.2.1": False,  # multiple daily injections
        f"{_MONITOR}.2.2": True,  # an insulin pump
        f"{_MONITOR}.3" if path == _CGM else f"{_MONITOR}.2.3": False,  # problematic hypoglycemia
    }
    answers.update({f"{_MONITOR}.{k.replace('_', '.')}": v for k, v in attested.items()})
    return {"date": "2026-05-01", "criteria_set": _MONITOR, "attestations": answers}


def test_the_guess_differs_from_the_published_list() -> None:
    published = read_held(_CGM_LAYOUT)[1]
    _, guessed, _ = _read("priority-cgm")
    assert _children(published, _MONITOR) == ["1", "2"] and _children(published, f"{_MONITOR}.2") == ["1", "2", "3"]
    assert _children(guessed, _MONITOR) == ["1", "2", "3"] and _children(guessed, f"{_MONITOR}.2") == ["1", "2"]


def test_a_request_failing_an_item_the_guess_made_required_needs_review_not_denial() -> None:
    assert _decide(_CGM_LAYOUT, _pump(_CGM_LAYOUT))["outcome"] == "approved"  # the policy as published
    decision = _decide(_CGM, _pump(_CGM))
    assert decision["outcome"] == "needs-review"
    assert decision["missing"] == [f"attestations.{_MONITOR}.structure"]
    assert decision["failed"] == {} and decision["set"] is None


def test_an_attested_structure_decides_as_read_and_a_refused_one_needs_review() -> None:
    decision = _decide(_CGM, _pump(_CGM, structure=True))  # the reviewer took the reading shown for the policy
    assert decision["outcome"] == "denied" and decision["failed"] == {_MONITOR: f"{_MONITOR}.3"}
    assert _decide(_CGM, _pump(_CGM, structure=True, **{"3": True}))["outcome"] == "approved"
    for met in (True, False):  # the nesting shown is wrong: a person decides, whatever the criteria as read say
        decision = _decide(_CGM, _pump(_CGM, structure=False, **{"3": met}))
        assert decision["outcome"] == "needs-review"
        assert decision["missing"] == [f"attestations.{_MONITOR}.structure"]


def test_what_no_nesting_changes_still_decides() -> None:
    # a statement attested not to be the request's service denies whatever the nesting
    decision = _decide(_CGM, _pump(_CGM, statement=False))
    assert decision["outcome"] == "denied" and decision["failed"] == {_MONITOR: f"{_MONITOR}.statement"}
    # unknowns besides the structure are named with it
    request = _pump(_CGM)
    del request["attestations"][f"{_MONITOR}.statement"]
    decision = _decide(_CGM, request)
    assert decision["outcome"] == "needs-review"
    assert decision["missing"] == [f"attestations.{_MONITOR}.statement", f"attestations.{_MONITOR}.structure"]


def test_trace_and_impact_name_the_structure_attestation() -> None:
    policy = parse_file_report(_CGM, recover=True).policy
    traced = Interpreter(policy, dt.date(2026, 1, 1)).evaluate(_pump(_CGM), trace=True)
    row = next(r for r in traced["trace"] if r["id"] == _MONITOR)  # the set's own unknown, though no item is
    assert row["value"] is None and row["missing"] == [f"attestations.{_MONITOR}.structure"]
    assert next(r for r in traced["trace"] if r["id"] == f"{_MONITOR}.3")["value"] is False
    # the published copy (markers kept) against the raw one: the case approved by the one needs the attestation
    published = parse_file_report(_CGM_LAYOUT, recover=True).policy
    imp = Impact(published, dt.date(2026, 1, 1), policy, dt.date(2026, 1, 1))
    (result,) = impact_cases(imp, [("pump", _pump(_CGM_LAYOUT))])
    assert result.before["outcome"] == "approved" and result.after["outcome"] == "needs-review"
    assert f"attestations.{_MONITOR}.structure" in result.after["missing"]
    assert f"attestations.{_MONITOR}.structure" in render_text([result], "published", "raw")


def test_a_set_read_as_its_text_states_needs_no_such_attestation() -> None:
    policy = parse_file_report(_AETNA, recover=True).policy
    module = load_module(render_module(policy, dt.date(2026, 1, 1), "0" * 64), _AETNA.name)
    assert f"{_BAND}.structure" in module.ATTESTATIONS
    assert not any(k.endswith(".structure") and not k.startswith(_BAND) for k in module.ATTESTATIONS)


# --- versions: a copy with its markers against one without ------------------------------------------------------


@pytest.mark.parametrize("name", ["cigna-tms", "excellus-prosthesis", "bluecross-sleep"])
def test_the_print_read_with_and_without_layout_diff_to_no_change_of_criteria(name: str) -> None:
    """The same page read from its ``-layout`` copy (bullets by indentation) and its raw copy (no marker left):
    the criteria read alike, so a diff of the two shows no criterion or set changed (the page's head may
    differ: the browser's title line, read by the head's rules).  ``bluecross-sleep``'s layout copy splits a
    wrapped line (``… obstructive sleep`` / ``apnea, such as …``) into an item of its own: a layout reading's
    fault, not this one's, so that diff has one criterion updated and one deleted, nothing more."""
    old = (LOST / f"{name}.chromium.pdftotext-layout.txt").read_text(encoding="utf-8")
    new = (LOST / f"{name}.chromium.pdftotext.txt").read_text(encoding="utf-8")
    a = parse_text_report(old, "old.txt", recover=True).policy
    b = parse_text_report(new, "new.txt", recover=True).policy
    changed = sorted(f"{e.kind.value} {e.node.value}" for e in diff(a, b).changes if e.node.value != "heading")
    assert changed == (["delete criterion", "update criterion"] if name == "bluecross-sleep" else [])


_INFERRED = [
    _AETNA,
    _CGM,
    LOST / "bluecross-sleep.chromium.pdftotext.txt",
    FIXTURES / "criteria" / "excellus-bone-density.chromium.pdftotext.txt",
]


@pytest.mark.parametrize("path", _INFERRED, ids=[p.name for p in _INFERRED])
def test_every_other_criterion_attested_an_inferred_set_still_needs_review(path: Path) -> None:
    policy = parse_file_report(path, recover=True).policy
    module = load_module(render_module(policy, dt.date(2026, 1, 1), "0" * 64), path.name)
    inferred = [s for s in _sets(policy).values() if s.inferred]
    assert inferred
    for s in inferred:
        attested = {k: True for k in module.ATTESTATIONS if k.startswith(f"{s.id}.") and k != f"{s.id}.structure"}
        decision = _decide(path, {"date": "2026-02-01", "criteria_set": s.id, "attestations": attested})
        assert decision["outcome"] == "needs-review", s.id
        assert f"attestations.{s.id}.structure" in decision["missing"]


@functools.cache
def _both(path: Path) -> tuple[Any, Interpreter, tuple[str, ...]]:
    policy = parse_file_report(path, recover=True).policy
    module = load_module(render_module(policy, dt.date(2026, 1, 1), "0" * 64), path.name)
    inferred = tuple(s.id for s in _sets(policy).values() if s.inferred)
    return module, Interpreter(policy, dt.date(2026, 1, 1)), inferred


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_generated_and_interpreted_agree_on_inferred_sets(data: st.DataObject) -> None:
    """Random answers (true, false, none) to an inferred set's judgments: the generated module and the interpreter
    decide alike, traced or not; unless the structure is attested true no decision approves, and one that denies
    rests on the statement, which no nesting changes."""
    path = data.draw(st.sampled_from(_INFERRED))
    module, interpreter, inferred = _both(path)
    set_id = data.draw(st.sampled_from(inferred))
    keys = sorted(k for k in module.ATTESTATIONS if k.startswith(f"{set_id}."))
    answers = data.draw(st.fixed_dictionaries({}, optional={k: st.booleans() for k in keys}))
    request = {"date": "2026-02-01", "criteria_set": set_id, "attestations": answers}
    decision = module.evaluate(request)
    assert interpreter.evaluate(request) == decision
    assert interpreter.evaluate(request, trace=True) == module.evaluate(request, trace=True)
    if answers.get(f"{set_id}.structure") is not True:
        assert decision["outcome"] != "approved"
        if decision["outcome"] == "denied":
            assert decision["failed"] == {set_id: f"{set_id}.statement"}
        else:
            assert f"attestations.{set_id}.structure" in decision["missing"]


# --- where a sub-list ends: the evidence of parallel items ------------------------------------------------------

# Pages in several payers' wordings, each a ``<ul>`` of all with a one-of ``<ul>`` inside one item whose items end
# bare; the item after them is the outer list's, and the text says so by writing it as the outer items are
# written: its ending (``…;`` / ``…; and`` / a sentence's ``.``), its capital (the sub-list's items in lower
# case) or its first word (``Diagnosis of …`` three times, then ``The member has …`` as the lead-in's items).
# Expectations are the HTML's nesting: (the set, how many items, which one opens the sub-list, its items).
PARALLEL = {
    # ``Age 18 years or older;`` … ``Completion of a multidisciplinary preoperative evaluation;``; the list ends with
    # the item that ends its sentence (``Failure of … 6 months.``): the line below is a paragraph
    "uhc-bariatric": ("Coverage-Rationale.c1", 4, 2, 3),
    # ``Individual has severe symptomatic aortic stenosis; and`` … ``Expected survival … 12 months; and``
    "anthem-tavr": ("Clinical-Indications.Medically-Necessary.c1", 4, 2, 3),
    # ``topical corticosteroids`` / ``phototherapy …`` / ``methotrexate …``, then ``Prescribed by …``
    "humana-biologics": ("Coverage-Determination.c1", 3, 2, 3),
    # items written as sentences (``A routine EEG was not diagnostic.``), the sub-list's as phrases
    "kaiser-eeg": ("Criteria.c1", 4, 3, 3),
    # three levels: ``Diagnosis of psoriatic arthritis with one of the following:`` starts as its list's items do
    # (no sibling of its opener), and ``The member has had …`` as the outer list's: it closes both
    "bcbs-dmard": ("Policy.c1", 3, 2, 3),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PARALLEL))
def test_a_line_written_as_the_outer_items_are_closes_the_sub_list_and_stays_marked(name: str) -> None:
    group, count, opener, inner_count = PARALLEL[name]
    inner = f"{group}.{opener}"
    policy, rows, messages = _read(name)
    assert len(_children(rows, group)) == count and len(_children(rows, inner)) == inner_count
    assert rows[inner] == "any"
    # a better guess is still a guess: the set is marked, and decides nothing until its nesting is attested
    assert _sets(policy)[group].inferred
    assert any("its nesting is inferred" in m for m in messages)
    # the same print read with ``-layout`` (the bullets' indentation kept) reads the same criteria
    old = parse_text_report((LOST / f"{name}.chromium.pdftotext-layout.txt").read_text(encoding="utf-8"), "a.txt")
    assert not [e for e in diff(old.policy, policy).changes if e.node.value != "heading"]


def test_a_list_punctuated_as_one_sentence_ends_at_its_period() -> None:
    _, rows, _ = _read("uhc-bariatric")
    assert rows["Coverage-Rationale.c1.4"] == "step-therapy"  # Failure of a structured weight-loss program …
    assert rows["Coverage-Rationale.p1"] == "paragraph"  # Revision of a prior bariatric procedure is addressed …


def test_three_levels_each_closed_by_the_evidence() -> None:
    _, rows, _ = _read("bcbs-dmard")
    assert _children(rows, "Policy.c1.2") == ["1", "2", "3"] and _children(rows, "Policy.c1.2.3") == ["1", "2"]


def test_with_no_evidence_the_sub_list_runs_to_the_end_and_is_marked() -> None:
    """``Age 22 years or older`` / ``Documented failure or intolerance of ONE of the following:`` / two therapies
    / ``Evaluation by a board-certified sleep medicine physician``: every item bare, capitalised, no first word
    shared.  Published, the evaluation is the outer list's; nothing written says so: the guess (the list's end)
    differs from the page, and the set is marked."""
    policy, rows, _ = _read("cigna-oral-appliance")
    assert _children(rows, "Coverage-Policy.c1") == ["1", "2"] and len(_children(rows, "Coverage-Policy.c1.2")) == 3
    assert _sets(policy)["Coverage-Policy.c1"].inferred
    published = read_held(LOST / "cigna-oral-appliance.chromium.pdftotext-layout.txt")[1]
    assert _children(published, "Coverage-Policy.c1") == ["1", "2", "3"]


_BARIATRIC = LOST / "uhc-bariatric.chromium.pdftotext.txt"
_SURGERY = "Coverage-Rationale.c1"


def test_the_evaluation_the_guess_once_made_optional_is_required() -> None:
    """A member with a BMI of 37 and type 2 diabetes who never completed the preoperative evaluation: the policy
    requires all four items, the evaluation among them; read greedily, the evaluation was a fourth comorbidity
    (an alternative to diabetes) and the case, once its nesting was attested, was approved."""
    answers = {
        f"{_SURGERY}.statement": True,
        f"{_SURGERY}.structure": True,
        f"{_SURGERY}.1": True,
        f"{_SURGERY}.2": True,
        f"{_SURGERY}.2.1": True,
        f"{_SURGERY}.3": False,
        f"{_SURGERY}.4": True,
    }
    request = {"date": "2026-03-01", "criteria_set": _SURGERY, "attestations": answers}
    decision = _decide(_BARIATRIC, request)
    assert decision["outcome"] == "denied" and decision["failed"] == {_SURGERY: f"{_SURGERY}.3"}
    del answers[f"{_SURGERY}.structure"]
    assert _decide(_BARIATRIC, request)["outcome"] == "needs-review"


def test_what_is_no_evidence_of_where_a_sub_list_ends() -> None:
    lead = "Coverage is provided when all of the following are met:"
    opener = "Member has one of the following:"
    # a bare ending is none (a ``;`` list's last item drops its ``;``): ``Sleep apnea`` stays the sub-list's
    out = _unmarked([lead, "Age 18 or older;", opener, "Diabetes;", "Hypertension;", "Sleep apnea", ""])
    assert out[4:6] == ["– Hypertension;", "– Sleep apnea"]
    # an acronym's capital is none: ``BMI of 40 or more`` stays under the lower-case items
    out = _unmarked([lead, "Age 18 or older", opener, "diabetes", "hypertension", "BMI of 40 or more", ""])
    assert out[5] == "– BMI of 40 or more"
    # a capital after lower-case items is evidence where the outer items are capitalised
    out = _unmarked([lead, "Age 18 or older", opener, "diabetes", "hypertension", "Prescribed by a surgeon", ""])
    assert out[5] == "- Prescribed by a surgeon"
    # a sub-list of one is no list: the line under it stays in it, whatever it looks like
    out = _unmarked([lead, "Age 18 or older;", opener, "diabetes", "Counseled on diet;", ""])
    assert out[4] == "– Counseled on diet;"
