"""Decisions two policies' texts make — tables written from ``tests/decisions/readings/``:

``grouped-referral.txt`` (a Centene pharmacy policy):

- *If the requested use (e.g., diagnosis, …) is NOT specifically listed …, refer to one of the following policies:
  a. For drugs on the formulary, … CP.CPA.190 for commercial, …; b. For drugs NOT on the formulary, … CP.CPA.190
  for commercial, …*: a request naming only a diagnosis the policy names nowhere is referred, as by the one-line
  referral; for a commercial request both items name CP.CPA.190, so the referral names it; for Medicaid they
  differ (CP.PMN.255 or CP.PMN.16): which applies — the formulary — is the reviewer's;
- *Diagnosis of chronic iron overload due to blood transfusions* named whole (singular or plural) is a diagnosis
  the policy lists: a request for it failing the ferritin or a drug alongside is denied, never referred as a use
  not listed; a child under the set's age is the referrals' (an age the set does not list), never referred
  without the reviewer.

``section-bands.txt`` (a health plan's pharmacy criteria): *Section A. Children and Adolescents (6 to 17 years of
age) – ALL of the following:* is a name over the criteria, not a statement the rules cannot read: the set grants
what its criteria state (its statement and the quantity limits table the reviewer's), its band the member's age
(a 5-year-old fails both sections; without an age, needs-review); each age line of its dose applies by age, and a
fill over every row of the quantity table is denied.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

REFERRAL = DECISIONS / "readings" / "grouped-referral.txt"
BANDS = DECISIONS / "readings" / "section-bands.txt"


def _chelvora(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-05-01",
        "request": "initial",
        "drug": "Chelvora",
        "member": {"age": 30, "weight_kg": 60, "line_of_business": "Commercial"},
        "diagnoses": ["chronic iron overload due to blood transfusions"],
        "measures": {"serum ferritin (mcg/l)": 2500},
        "concurrent": [],
        "dose": {"amount": 28, "unit": "mg/kg", "route": "PO", "frequency": "daily"},
    }
    return base | extra


def _member(lob: str | None = "Commercial", age: int = 30) -> dict[str, Any]:
    return {"age": age, "weight_kg": 60} | ({"line_of_business": lob} if lob else {})


UNLISTED = ["sickle cell disease"]

REFERRAL_CASES: list[tuple[str, dict[str, Any], str, dict[str, str] | None, list[str] | None]] = [
    ("every criterion met: approved", _chelvora(), "approved", None, None),
    ("the diagnosis in the singular: approved", _chelvora(diagnoses=["chronic iron overload due to blood transfusion"]),
     "approved", None, None),
    ("ferritin 1,000 (not > 1,000): a listed use — denied, not referred",
     _chelvora(measures={"serum ferritin (mcg/l)": 1000}), "denied", {"I.A": "I.A.3"}, None),
    ("deferoxamine alongside: denied, not referred", _chelvora(concurrent=["deferoxamine"]), "denied",
     {"I.A": "I.A.4"}, None),
    ("age 1: an age the set does not list — the referrals', never referred unasked",
     _chelvora(member=_member(age=1)), "needs-review", None, ["attestations.I.B.1", "attestations.I.B.2"]),
    ("a refused diagnosis: denied", _chelvora(diagnoses=["hereditary hemochromatosis"]), "denied", None, None),
    ("unlisted, commercial: referred to CP.CPA.190 (both items name it)", _chelvora(diagnoses=UNLISTED),
     "referred", None, None),
    ("unlisted, Medicaid: the items name two policies — the reviewer's",
     _chelvora(diagnoses=UNLISTED, member=_member("Medicaid")), "needs-review", None,
     ["attestations.I.B.1", "attestations.I.B.2.a", "attestations.I.B.2.b"]),
    ("unlisted, no line of business: needs-review", _chelvora(diagnoses=UNLISTED, member=_member(None)),
     "needs-review", None, None),
    ("no diagnoses: needs-review", {k: v for k, v in _chelvora().items() if k != "diagnoses"}, "needs-review", None,
     None),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome", "failed", "missing"), REFERRAL_CASES,
                         ids=[c[0] for c in REFERRAL_CASES])  # fmt: skip
def test_grouped_referral(
    name: str, request_: dict[str, Any], outcome: str, failed: dict[str, str] | None, missing: list[str] | None
) -> None:
    decision = decide_file(REFERRAL, dt.date(2026, 4, 1), request_)
    assert decision["outcome"] == outcome, decision
    if failed is not None:
        assert {k: decision["failed"][k] for k in failed} == failed
    if missing is not None:
        assert decision["missing"] == missing


@pytest.mark.parametrize(
    ("lob", "attested", "policy"),
    [("Commercial", {}, "CP.CPA.190"), ("Medicaid", {"I.B.2.a": True}, "CP.PMN.255"),
     ("Medicaid", {"I.B.2.b": True}, "CP.PMN.16"), ("HIM", {"I.B.2.b": True}, "HIM.PA.103")],
)  # fmt: skip
def test_grouped_referral_names_the_policy(lob: str, attested: dict[str, bool], policy: str) -> None:
    request = _chelvora(diagnoses=UNLISTED, member=_member(lob), attestations=attested)
    decision = decide_file(REFERRAL, dt.date(2026, 4, 1), request)
    assert decision["outcome"] == "referred", decision
    assert decision["referral"]["policy"] == policy


def test_grouped_referral_names_its_item() -> None:
    """The label change (B.1) not attested: the request is referred by B.2's group, the referral naming its first
    item (the policy both items name for a commercial request)."""
    decision = decide_file(REFERRAL, dt.date(2026, 4, 1), _chelvora(diagnoses=UNLISTED))
    assert decision["referral"]["criterion"] == "I.B.2.a"


A, B = "Coverage-Criteria.c1", "Coverage-Criteria.c2"
SAID = {f"{A}.statement": True, f"{A}.limits": True, f"{B}.statement": True, f"{B}.limits": True}


def _vigilex(age: int | None, amount: int, quantity: int = 30, attested: dict[str, bool] = SAID) -> dict[str, Any]:
    member: dict[str, Any] = {"line_of_business": "Medicaid"} | ({"age": age} if age is not None else {})
    dose = {"amount": amount, "unit": "mg", "route": "PO", "frequency": "daily", "quantity": quantity,
            "days_supply": 30}  # fmt: skip
    return {"date": "2026-06-01", "request": "initial", "drug": "Vigilex XR", "member": member,
            "diagnoses": ["narcolepsy"], "dose": dose, "attestations": attested}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "request_", "outcome", "by"),
    [
        ("age 10 at 100 mg: section A's line a — approved", _vigilex(10, 100), "approved", A),
        ("age 12 at 200 mg: over line a — denied", _vigilex(12, 200), "denied", None),
        ("age 13 at 200 mg: line b — approved", _vigilex(13, 200), "approved", A),
        ("age 17 at 201 mg: over line b — denied", _vigilex(17, 201), "denied", None),
        ("age 18 at 400 mg: section B — approved", _vigilex(18, 400, 60), "approved", B),
        ("age 30 at 401 mg: over section B's dose — denied", _vigilex(30, 401, 60), "denied", None),
        ("age 30, 61 tablets per 30 days: over every row of the table — denied", _vigilex(30, 400, 61), "denied",
         None),
        ("age 5: in neither band — denied", _vigilex(5, 100), "denied", None),
        ("no age: the band cannot be told — needs-review", _vigilex(None, 100), "needs-review", None),
        ("statement and limits not attested: needs-review", _vigilex(10, 100, attested={}), "needs-review", None),
    ],
)  # fmt: skip
def test_section_bands(name: str, request_: dict[str, Any], outcome: str, by: str | None) -> None:
    decision = decide_file(BANDS, dt.date(2026, 5, 1), request_)
    assert decision["outcome"] == outcome, decision
    if by is not None:
        assert decision["set"] == by


# ``continued-by-indication.txt``: two indications, each with its initial and its continued set of the same heading
# (*B. Iron Overload in Non-Transfusion-Dependent Thalassemia Syndromes* over *1. Diagnosis of non-transfusion-
# dependent thalassemia (NTDT)*, a heading not the diagnosis's words): the continued set is for the indication its
# initial set requires — a transfusional request is decided by II.A's ferritin and response, never held open by
# II.B's liver iron concentration; without diagnoses both sets' criteria decide.  (II.A's initial diagnosis has
# qualifiers, *due to blood transfusions*: its heading decides nothing by itself.)
BY_INDICATION = DECISIONS / "readings" / "continued-by-indication.txt"
TIO = ["chronic iron overload due to blood transfusions"]
NTDT = ["non-transfusion-dependent thalassemia"]
ANSWERED = {"II.A.1": True, "II.A.2": True, "II.B.1": True}


def _continued(diagnoses: list[str] | None, measures: dict[str, float], **answers: bool) -> dict[str, Any]:
    request: dict[str, Any] = {
        "date": "2026-05-01",
        "request": "continued",
        "drug": "Chelvora",
        "member": {"age": 30, "weight_kg": 60, "line_of_business": "Commercial"},
        "measures": measures,
        "dose_increase": False,
        "attestations": ANSWERED | {k.replace("_", "."): v for k, v in answers.items()},
    }
    return request | ({"diagnoses": diagnoses} if diagnoses is not None else {})


FERRITIN, LIC = "serum ferritin (mcg/l)", "liver iron concentration lic (mg fe/g dw)"


@pytest.mark.parametrize(
    ("name", "request_", "outcome", "by"),
    [
        ("transfusional, ferritin 800, responding: II.A", _continued(TIO, {FERRITIN: 800}), "approved", "II.A"),
        ("transfusional, ferritin 450: II.A.3 denies", _continued(TIO, {FERRITIN: 450}), "denied", "II.A.3"),
        ("transfusional, not responding: II.A.2 denies", _continued(TIO, {FERRITIN: 800}, II_A_2=False), "denied",
         "II.A.2"),
        ("NTDT, LIC 3: II.B", _continued(NTDT, {LIC: 3}, II_A_2=False), "approved", "II.B"),
        ("NTDT by its abbreviation, LIC 3: II.B", _continued(["NTDT"], {LIC: 3}, II_A_2=False), "approved", "II.B"),
        ("NTDT, LIC 2.9, not responding: II.B.2 denies", _continued(NTDT, {LIC: 2.9}, II_A_2=False), "denied",
         "II.B.2"),
        ("no diagnoses, ferritin 450, LIC not given: II.B may hold — needs-review", _continued(None, {FERRITIN: 450}),
         "needs-review", None),
    ],
)  # fmt: skip
def test_continued_by_indication(name: str, request_: dict[str, Any], outcome: str, by: str | None) -> None:
    decision = decide_file(BY_INDICATION, dt.date(2026, 4, 1), request_)
    assert decision["outcome"] == outcome, decision
    if outcome == "approved":
        assert decision["set"] == by
    elif by is not None:
        assert by in decision["failed"].values()
