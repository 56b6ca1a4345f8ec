"""Facts a policy's text states that a request carries, in a PBM's guideline: a decision table written from the text
of ``tests/fixtures/decision_facts/pbm-motility.txt`` (a guideline of our own, as a pharmacy benefit manager prints
one).

- *Target agent(s) will be approved when ALL of the following are met:* — a statement about the guideline's products
  alone: a request for a product the title names (``Velmora``, ``Prexana``) is the statement's, one without ``drug``
  is the reviewer's;
- *The patient has a diagnosis of chronic idiopathic constipation (CIC) and the patient is 18 years of age or older*
  — two facts, each read (17 is denied);
- *fewer than 3 spontaneous bowel movements per week for at least 2 months* — the count computed, how long it has
  held the reviewer's; *≥ 4 episodes of fecal impaction in the past 12 months* — a count in a window, named with it;
- *… in combination with another motility agent, Constella (cololide), or Relvana (relvapride)* and *… not receiving
  a strong CYP3A4 inhibitor (e.g., ketoconazole, clarithromycin) concurrently* — a drug named refuses, none alongside
  holds, another drug may be of the class (the reviewer's); *not receiving Constella, Relvana or Motivex
  concurrently* — a list of names alone: another drug holds;
- *The patient does NOT have a known or suspected mechanical gastrointestinal obstruction* — a none-of list of one
  line: the condition requested refuses, diagnoses sharing no word with it hold, a close one is the reviewer's;
- *prescribed by or in consultation with an obstetrician-gynecologist* — either half names the specialty; another
  spelling is the reviewer's, never refused;
- *responding positively to therapy as evidenced by ≥ 40% reduction in abdominal pain score from baseline* — the
  change it is defined by;
- *NOT COVERED: The following are not covered under this program: use for opioid-induced constipation; use in
  patients less than 6 years of age; use for bowel preparation; use in combination with a bowel cleansing regimen.* —
  an exclusion of each item: a use the request names, or its age, denies; an item attested true denies (one the
  facts contradict is held for review).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

POLICY = FIXTURES / "decision_facts" / "pbm-motility.txt"
IE, R = "Initial-Evaluation.c1", "Renewal-Evaluation.c1"
SBM, IMPACTION, PAIN = (
    "spontaneous bowel movements per week",
    "episodes of fecal impaction in the past 12 months",
    "reduction in abdominal pain score %",
)
BASE: dict[str, Any] = {
    "date": "2026-10-01",
    "request": "initial",
    "drug": "Velmora",
    "member": {"age": 40},
    "diagnoses": ["chronic idiopathic constipation"],
    "measures": {IMPACTION: 5},
    "concurrent": [],
    "attestations": {f"{IE}.limits": True, f"{IE}.5": True},
}
CHILD: dict[str, Any] = {
    **BASE,
    "member": {"age": 10},
    "diagnoses": ["functional constipation"],
    "measures": {IMPACTION: 5, SBM: 2},
    "attestations": {f"{IE}.limits": True, f"{IE}.5": True, f"{IE}.1.B.ii": True},
}
RENEWAL: dict[str, Any] = {
    "date": "2026-10-01",
    "request": "continued",
    "drug": "Prexana",
    "member": {"age": 40},
    "measures": {PAIN: 45},
    "concurrent": [],
    "prescriber": {"specialty": "gynecology"},
    "attestations": {f"{R}.limits": True},
}


NO_DRUG = {k: v for k, v in BASE.items() if k != "drug"}


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("every criterion met", BASE, "approved"),
    ("the other product the title names", _with(BASE, drug="prexaglutide"), "approved"),
    ("no drug: the statement is the reviewer's", NO_DRUG, "needs-review"),
    ("no drug, the statement attested",
     _with(NO_DRUG, attestations={**BASE["attestations"], f"{IE}.statement": True}),
     "approved"),
    ("CIC by its abbreviation", _with(BASE, diagnoses=["CIC"]), "approved"),
    ("CIC at 17: the age in the same line refuses", _with(BASE, member={"age": 17}), "denied"),
    ("CIC, no age given", _with(BASE, member={}), "needs-review"),
    ("a child, 2 bowel movements a week", CHILD, "approved"),
    ("a child, 3 a week is not fewer than 3", _with(CHILD, measures={IMPACTION: 5, SBM: 3}), "denied"),
    ("a child, the count not given, its months attested", _with(CHILD, measures={IMPACTION: 5}), "approved"),
    ("a child, 2 a week, the months not attested", _with(CHILD, attestations={f"{IE}.limits": True}), "needs-review"),
    ("a child of 5", _with(CHILD, member={"age": 5}), "denied"),
    ("4 episodes in the window, at the edge", _with(BASE, measures={IMPACTION: 4}), "approved"),
    ("3 episodes in the window", _with(BASE, measures={IMPACTION: 3}), "denied"),
    ("a count over another window is no answer", _with(BASE, measures={"episodes of fecal impaction per year": 9}),
     "needs-review"),
    ("Constella alongside", _with(BASE, concurrent=["Constella"]), "denied"),
    ("Relvana's other name alongside", _with(BASE, concurrent=["relvapride"]), "denied"),
    ("an example of the class alongside", _with(BASE, concurrent=["ketoconazole"]), "denied"),
    ("another drug: perhaps of a class", _with(BASE, concurrent=["omeprazole"]), "needs-review"),
    ("nothing said of other drugs", {k: v for k, v in BASE.items() if k != "concurrent"}, "needs-review"),
    ("a use not covered, requested", _with(BASE, diagnoses=["chronic idiopathic constipation",
                                                              "opioid-induced constipation"]), "denied"),
    ("an item attested true", _with(BASE, attestations={f"{IE}.limits": True, "Excluded.1.4": True}), "denied"),
    ("an item attested true against the facts", _with(BASE, attestations={f"{IE}.limits": True, "Excluded.1.3": True}),
     "needs-review"),
    ("renewal: 45% less pain", RENEWAL, "approved"),
    ("renewal: 40% at the edge", _with(RENEWAL, measures={PAIN: 40}), "approved"),
    ("renewal: 39% less pain", _with(RENEWAL, measures={PAIN: 39}), "denied"),
    ("renewal: the change not given", _with(RENEWAL, measures={}), "needs-review"),
    ("renewal: Motivex alongside", _with(RENEWAL, concurrent=["Motivex"]), "denied"),
    ("renewal: a list of names alone clears another drug", _with(RENEWAL, concurrent=["omeprazole"]), "approved"),
    ("renewal: the other half of the specialty", _with(RENEWAL, prescriber={"specialty": "obstetrics"}), "approved"),
    ("renewal: another spelling is the reviewer's", _with(RENEWAL, prescriber={"specialty": "OB/GYN"}),
     "needs-review"),
    ("a mechanical obstruction requested",
     _with(BASE, diagnoses=["chronic idiopathic constipation", "mechanical gastrointestinal obstruction"]), "denied"),
    ("another obstruction, not attested",
     _with(BASE, diagnoses=["chronic idiopathic constipation", "bowel obstruction"],
           attestations={f"{IE}.limits": True}), "needs-review"),
    ("another obstruction, the criterion attested",
     _with(BASE, diagnoses=["chronic idiopathic constipation", "bowel obstruction"]), "approved"),
    ("no diagnoses: the condition is the reviewer's", _with(BASE, diagnoses=None,
                                                            attestations={f"{IE}.limits": True, f"{IE}.1.A": True}),
     "needs-review"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_facts_the_text_states_decide(name: str, request_: dict[str, Any], outcome: str) -> None:
    decision = decide_file(POLICY, dt.date(2026, 9, 1), request_)
    assert decision["outcome"] == outcome, decision


def test_every_criterion_attested_true_never_approves_a_refused_use() -> None:
    """Attesting every criterion cannot lift a use the NOT COVERED paragraph names."""
    ids = (f"{IE}.statement", f"{IE}.limits", f"{IE}.1", f"{IE}.1.A", f"{IE}.2", f"{IE}.3", f"{IE}.4")
    request = _with(BASE, diagnoses=["opioid-induced constipation"], attestations=dict.fromkeys(ids, True))
    assert decide_file(POLICY, dt.date(2026, 9, 1), request)["outcome"] != "approved"


# A medical policy of our own (``bone-density.txt``): the member's sex and age in one phrase (*A female member 65
# years of age or older*: the age computed, the sex the reviewer's), a share of risk with its abbreviation (*A 10-year
# probability of hip fracture (FRAX) ≥ 3% without BMD*), a count in a window, a share of the lower limit of normal,
# and *<plan> considers the following not medically necessary:* over its bullets — each an exclusion of its own.
DXA = FIXTURES / "decision_facts" / "bone-density.txt"
S = "POLICY.c1"
FRAX, FRACTURES, VITAMIN_D = (
    "10-year probability of hip fracture frax %",
    "low-trauma fractures in the past 24 months",
    "serum 25-hydroxyvitamin d level %",
)
ANSWERED = {f"{S}.statement": True, f"{S}.limits": True}
NONE_ELSE = {**ANSWERED, f"{S}.1.b": False, f"{S}.1.c": False, f"{S}.2": False, f"{S}.3": False}


def _dxa(age: int, attestations: dict[str, bool], **measures: float) -> dict[str, Any]:
    return {"date": "2026-10-15", "member": {"age": age}, "measures": measures, "attestations": attestations}


DXA_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("a woman of 66", _dxa(66, {**ANSWERED, f"{S}.1.a": True}), "approved"),
    ("66, the sex not answered", _dxa(66, ANSWERED), "needs-review"),
    ("64: under the line's age, nothing else met", _dxa(64, NONE_ELSE), "denied"),
    ("64, attested a woman: the age read still refuses", _dxa(64, {**NONE_ELSE, f"{S}.1.a": True}), "denied"),
    ("FRAX 3% at the edge, its words attested", _dxa(60, {**ANSWERED, f"{S}.1.c": True}, **{FRAX: 3}), "approved"),
    ("FRAX 2.9%, its words attested", _dxa(60, {**NONE_ELSE, f"{S}.1.a": False, f"{S}.1.c": True}, **{FRAX: 2.9}),
     "denied"),
    ("2 fractures in the window", _dxa(60, ANSWERED, **{FRACTURES: 2}), "approved"),
    ("1 fracture in the window, nothing else met", _dxa(60, {**NONE_ELSE, f"{S}.1.a": False, f"{S}.2": None},
                                                        **{FRACTURES: 1}), "denied"),
    ("vitamin D at 50% of the lower limit", _dxa(60, ANSWERED, **{VITAMIN_D: 50}), "approved"),
    ("vitamin D at 51%, nothing else met", _dxa(60, {**NONE_ELSE, f"{S}.1.a": False, f"{S}.3": None},
                                                **{VITAMIN_D: 51}), "denied"),
    ("peripheral DXA attested", _dxa(66, {**ANSWERED, f"{S}.1.a": True, "Excluded.1.1": True}), "denied"),
    ("a screening under 50 attested", _dxa(45, {**ANSWERED, f"{S}.2": True, "Excluded.1.3": True}), "denied"),
    ("the exclusion is about another service", _dxa(66, {**ANSWERED, f"{S}.1.a": True, "Excluded.1.1": True,
                                                          "Excluded.1.statement": False}), "approved"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome"), DXA_CASES, ids=[c[0] for c in DXA_CASES])
def test_a_medical_policys_facts_decide(name: str, request_: dict[str, Any], outcome: str) -> None:
    attested = {k: v for k, v in request_["attestations"].items() if v is not None}
    decision = decide_file(DXA, dt.date(2026, 9, 10), {**request_, "attestations": attested})
    assert decision["outcome"] == outcome, decision
