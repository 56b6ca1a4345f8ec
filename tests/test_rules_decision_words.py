"""Family decisions the policy's words settle: a set for other uses, a quantity over days, ages and bounds.

Written from the text of ``tests/fixtures/decisions_words/benralizumab.txt`` (a CP.PHAR policy of our own):

- ``B. Other diagnoses/indications`` refers to the off-label use policy *if diagnosis is NOT specifically listed*:
  a request for a listed diagnosis is decided by the set that lists it (a dose over I.A's is denied, not left for
  a referral that is not for it); an unlisted one is the referral's; without diagnoses the referral's own
  attestation decides;
- ``Dose does not exceed 30 mg SC every 8 weeks (1 prefilled syringe per 56 days)``: each dose, and the syringes
  over the days they supply (``dose.days_supply``) — one fill of no more than a period's units exceeds nothing;
- ``Age ≥ 12 years and blood eosinophil count ≥ 150 cells/mcL``, ``Age 6 to 11 years and documented …``: ages
  and the count decided, the documentation the reviewer's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

from policyvc.parser import parse_file
from policyvc.rules.generate import render_module
from policyvc.rules.load import load_module

POLICY = FIXTURES / "decisions_words" / "benralizumab.txt"
EOS = "blood eosinophil count (cells/mcl)"


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return decide_file(POLICY, dt.date(2026, 3, 1), request)


BASE: dict[str, Any] = {
    "date": "2026-04-01",
    "request": "initial",
    "drug": "Fasenra",
    "diagnoses": ["severe eosinophilic asthma"],
    "prescriber": {"specialty": "pulmonologist"},
    "member": {"age": 30, "line_of_business": "Medicaid"},
    "measures": {EOS: 300},
    "dose": {"amount": 30, "unit": "mg", "route": "SC", "frequency": "every 8 weeks", "quantity": 1},
}


def _with(**changes: Any) -> dict[str, Any]:
    out = {**BASE, **changes}
    for key in ("member", "dose", "measures"):
        if key in changes and isinstance(changes[key], dict):
            out[key] = {**BASE[key], **changes[key]}
    return out


CASES: list[tuple[str, dict[str, Any], str, str | None]] = [
    ("every criterion of I.A met", BASE, "approved", "I.A"),
    ("31 mg: over I.A's dose, the other-uses set is not for a listed diagnosis", _with(dose={"amount": 31}),
     "denied", None),
    ("2 syringes for 56 days: over 1 per 56 days", _with(dose={"quantity": 2, "days_supply": 56}), "denied", None),
    ("2 syringes for 112 days: within 1 per 56 days", _with(dose={"quantity": 2, "days_supply": 112}),
     "approved", "I.A"),
    ("2 syringes, days supplied not given: may be within", _with(dose={"quantity": 2}), "needs-review", None),
    ("age 30, eosinophils 149: neither a nor b", _with(measures={EOS: 149}), "denied", None),
    ("age 12, eosinophils 150: a at both bounds", _with(member={"age": 12}, measures={EOS: 150}), "approved", "I.A"),
    ("age 9 with exacerbations documented: b", _with(member={"age": 9}, measures={EOS: 100},
                                                     attestations={"I.A.3.b": True}), "approved", "I.A"),
    ("age 11.5 is 6 to 11 years", _with(member={"age": 11.5}, measures={EOS: 100}, attestations={"I.A.3.b": True}),
     "approved", "I.A"),
    ("an unlisted diagnosis: the off-label referral's, not yet attested",
     _with(diagnoses=["eosinophilic granulomatosis with polyangiitis"]), "needs-review", None),
    ("an unlisted diagnosis, the referral attested", _with(diagnoses=["eosinophilic granulomatosis with polyangiitis"],
                                                           attestations={"I.B.1": True}), "referred", None),
    # (without diagnoses I.A's is unknown too: a reviewer says it is not I.A's and the referral applies)
    ("no diagnosis given, the referral attested", {**_with(attestations={"I.A.1": False, "I.B.1": True}),
                                                   "diagnoses": None}, "referred", None),
    ("no diagnosis given, nothing attested", {**BASE, "diagnoses": None}, "needs-review", None),
]  # fmt: skip


@pytest.mark.parametrize(("name", "request_", "outcome", "chosen"), CASES, ids=[c[0] for c in CASES])
def test_family_decisions_the_words_settle(
    name: str, request_: dict[str, Any], outcome: str, chosen: str | None
) -> None:
    decision = decide(request_)
    assert decision["outcome"] == outcome, decision
    if chosen is not None:
        assert decision["set"] == chosen
    if name.startswith("2 syringes, days"):
        assert "dose.days_supply" in decision["missing"]


def test_a_referred_request_names_the_policy_for_its_line_of_business() -> None:
    decision = decide(_with(diagnoses=["eosinophilic granulomatosis with polyangiitis"], attestations={"I.B.1": True}))
    assert decision["referral"] == {"criterion": "I.B.1", "line_of_business": "Medicaid", "policy": "CP.PMN.53"}


# ``tests/fixtures/decisions_words/glecaprevir.txt``: *Weight < 45 kg: weight-based dose per Section V*, whose
# row writes each band with its word (``Weight ≥ 45 kg: 300 mg PO QD; weight 30 to < 45 kg: 250 mg PO QD; …``)
GLECAPREVIR = FIXTURES / "decisions_words" / "glecaprevir.txt"


BANDS: list[tuple[float, int, str]] = [
    (35, 250, "approved"),  # 30 to < 45 kg: 250 mg
    (35, 251, "denied"),
    (25, 250, "denied"),  # 20 to < 30 kg: 200 mg
    (30, 250, "approved"),  # 30 is in 30 to < 45
    (19.9, 150, "approved"),  # < 20 kg: 150 mg
    (45, 300, "approved"),  # a: ≥ 45 kg, 300 mg
    (44.9, 300, "denied"),  # b's band 30 to < 45: 250 mg
]


@pytest.mark.parametrize(("weight", "mg", "outcome"), BANDS, ids=[f"{w}kg-{m}mg" for w, m, _ in BANDS])
def test_weight_bands_written_with_their_word(weight: float, mg: int, outcome: str) -> None:
    request = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Mavyret",
        "diagnoses": ["chronic hepatitis C"],
        "prescriber": {"specialty": "hepatology"},
        "member": {"age": 10, "weight_kg": weight, "line_of_business": "Medicaid"},
        "dose": {"amount": mg, "unit": "mg", "route": "PO", "frequency": "once daily"},
        "attestations": {"I.A.2": True},
    }
    decision = decide_file(GLECAPREVIR, dt.date(2026, 2, 1), request)
    assert decision["outcome"] == outcome, decision


def test_a_request_naming_the_whole_diagnosis_states_its_qualifiers(tmp_path: Path) -> None:
    text = GLECAPREVIR.read_text(encoding="utf-8").replace(
        "1. Diagnosis of chronic hepatitis C;", "1. Diagnosis of chronic hepatitis C, genotype 1-6, without cirrhosis;"
    )
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    policy = parse_file(path)
    module = load_module(render_module(policy, dt.date(2026, 2, 1), "0" * 64), "whole")
    base = {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Mavyret",
        "prescriber": {"specialty": "hepatology"},
        "member": {"age": 40, "weight_kg": 70, "line_of_business": "Medicaid"},
        "dose": {"amount": 300, "unit": "mg", "route": "PO", "frequency": "once daily"},
        "attestations": {"I.A.2": True},
    }
    whole = module.evaluate({**base, "diagnoses": ["chronic hepatitis C, genotype 1-6, without cirrhosis"]})
    assert whole["outcome"] == "approved"
    core = module.evaluate({**base, "diagnoses": ["chronic hepatitis C"]})  # the qualifiers: the reviewer's
    assert core["outcome"] == "needs-review" and "attestations.I.A.1" in core["missing"]
    other = module.evaluate({**base, "diagnoses": ["chronic hepatitis B"]})
    assert other["outcome"] != "approved"


def _benralizumab_with(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "policy.txt"
    text = POLICY.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("joined", [False, True], ids=["a line each", "lines joined"])
def test_an_abbreviation_key_written_as_lines_or_one_paragraph_names_the_diagnosis(
    tmp_path: Path, joined: bool
) -> None:
    # a viewer's copy may join the key's lines into one paragraph: each entry is still a pair
    key = ["CRSwNP: chronic rhinosinusitis with nasal polyps", "FDA: Food and Drug Administration",
           "SEA: severe eosinophilic asthma"]  # fmt: skip
    path = _benralizumab_with(tmp_path, "FDA: Food and Drug Administration", (" " if joined else "\n").join(key))
    path.write_text(
        path.read_text(encoding="utf-8").replace("1. Diagnosis of severe eosinophilic asthma;", "1. Diagnosis of SEA;"),
        encoding="utf-8",
    )
    policy = parse_file(path)
    (appendix,) = [a for a in policy.appendices if a.letter == "A"]
    assert ("SEA", "severe eosinophilic asthma") in appendix.abbreviations
    module = load_module(render_module(policy, dt.date(2026, 3, 1), "0" * 64), "key")
    decision = module.evaluate(BASE)  # diagnoses: the expansion
    assert decision["outcome"] == "approved", decision


def test_a_key_is_read_only_from_a_paragraph_that_opens_with_an_entry() -> None:
    from policyvc.parser.transform import _key_pairs

    assert _key_pairs("AD: atopic dermatitis IL-5: interleukin 5") == [
        ("AD", "atopic dermatitis"),
        ("IL-5", "interleukin 5"),
    ]
    assert _key_pairs("The key below lists AD: atopic dermatitis") == []
    assert _key_pairs("AD: BMI: body mass index") == []


def test_a_null_attestation_counts_as_not_given() -> None:
    with_null = decide({**BASE, "attestations": {"I.B.1": None}})
    assert with_null == decide(BASE)


def test_a_referral_for_a_requested_use_not_listed_is_not_decided_by_the_diagnosis(tmp_path: Path) -> None:
    # "the requested use (e.g., diagnosis, age, dosing regimen)": a dose over I.A's may be a use not listed — the
    # referral stays the reviewer's even for a listed diagnosis
    path = _benralizumab_with(
        tmp_path,
        "1. Refer to the off-label use policy for the relevant line of business if diagnosis is NOT specifically"
        " listed",
        "1. If the requested use (e.g., diagnosis, age, dosing regimen) is NOT specifically listed, refer to the "
        "off-label use policy for the relevant line of business",
    )
    policy = parse_file(path)
    module = load_module(render_module(policy, dt.date(2026, 3, 1), "0" * 64), "use")
    assert module.evaluate(_with(dose={"amount": 31}))["outcome"] == "needs-review"
