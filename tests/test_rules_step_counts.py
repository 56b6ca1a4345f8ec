"""A step through a number of alternatives: *Trial and failure of at least TWO of the following …*.

The policy (a plan's pharmacy guideline, ``decisions/counts/step-counts.txt``) was written for this table, in the
three shapes payers print the count in: the alternatives inline after a colon (*… unless contraindicated or not
tolerated: pimecrolimus, tacrolimus, Eucrisa® (crisaborole)*), as lettered items of a group whose lead states the
count (*… (a, b, or c): a. Methotrexate; …*), and a group whose lead adds words about the trials (*… conventional
therapies, each used for at least 8 weeks at an adequate dose:*). At least that many alternatives tried as the
exception allows hold the criterion; fewer left than the count once the request's ``not-tried`` (or, with no
exception, a contraindication) are set aside refuse it, whatever is attested; a product is named by its brand or
its generic name, a class by its name or its abbreviation — two names of one alternative that disagree leave it the
reviewer's. The words about the trials are the group's attestation, the count still refusing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rules_support import DECISIONS, decide_file

POLICY = DECISIONS / "counts" / "step-counts.txt"
DAY = dt.date(2026, 3, 11)
AD = "Atopic-Dermatitis.c1"
UC = "Ulcerative-Colitis.c1"

AD_MET = {"pimecrolimus": "failed", "tacrolimus": "failed", "methotrexate": "failed", "cyclosporine": "adverse-effects"}
UC_MET = {"mesalamine": "failed", "azathioprine": "failed"}


def _request(
    diagnosis: str, therapies: dict[str, str], lob: str = "Commercial", attested: dict[str, bool] | None = None
) -> dict[str, Any]:
    return {
        "date": "2026-04-01",
        "request": "initial",
        "drug": "Rinvoq",
        "member": {"age": 30, "line_of_business": lob},
        "diagnoses": [diagnosis],
        "therapies": therapies,
        "dose": {"amount": 15, "unit": "mg", "route": "PO", "frequency": "once daily"},
        "attestations": attested or {},
    }


def _without(therapies: dict[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in therapies.items() if k not in names}


AD_CASES: list[tuple[str, dict[str, str], str, str, str | None]] = [
    # (why, therapies, line of business, outcome, failed criterion of the atopic dermatitis set)
    ("two of each list tried as the exceptions allow", AD_MET, "Commercial", "approved", None),
    ("inline: one failed, the two others not tried",
     {**AD_MET, "tacrolimus": "not-tried", "crisaborole": "not-tried"}, "Commercial", "denied", "3"),
    ("inline: one failed, the third contraindicated by its brand name",
     {**AD_MET, "tacrolimus": "not-tried", "Eucrisa": "contraindicated"}, "Commercial", "approved", None),
    ("inline: one failed, one not tried, the third not stated",
     {**_without(AD_MET, "tacrolimus"), "crisaborole": "not-tried"}, "Commercial", "needs-review", None),
    ("inline: one failed, the others not stated", _without(AD_MET, "tacrolimus"), "Commercial", "needs-review", None),
    ("inline: brand and generic disagree, the rest not tried",
     {**AD_MET, "tacrolimus": "not-tried", "Eucrisa": "failed", "crisaborole": "not-tried"}, "Commercial",
     "needs-review", None),
    ("group: one failed, the two others not tried",
     {**AD_MET, "cyclosporine": "not-tried", "MMF": "not-tried"}, "Commercial", "denied", "4"),
    ("group: the class contraindicated by its abbreviation",
     {**AD_MET, "cyclosporine": "not-tried", "MMF": "contraindicated"}, "Commercial", "approved", None),
    ("group: the class by its name, adverse effects",
     {**AD_MET, "cyclosporine": "not-tried", "mycophenolate mofetil": "adverse-effects"}, "Commercial", "approved",
     None),
    ("group: one failed, nothing said of the rest", _without(AD_MET, "cyclosporine"), "Commercial", "needs-review",
     None),
    ("Medicaid: the required product not tried", {**AD_MET, "Adbry": "not-tried"}, "Medicaid", "denied", "5"),
    ("Medicaid: the required product failed, by its generic name", {**AD_MET, "tralokinumab": "failed"}, "Medicaid",
     "approved", None),
    ("Medicaid: the required product not stated", AD_MET, "Medicaid", "needs-review", None),
    ("Commercial: the Medicaid step does not apply", {**AD_MET, "Adbry": "not-tried"}, "Commercial", "approved",
     None),
]  # fmt: skip


@pytest.mark.parametrize(("why", "therapies", "lob", "outcome", "failed"), AD_CASES, ids=[c[0] for c in AD_CASES])
def test_counted_steps(why: str, therapies: dict[str, str], lob: str, outcome: str, failed: str | None) -> None:
    decision = decide_file(POLICY, DAY, _request("atopic dermatitis", therapies, lob))
    assert decision["outcome"] == outcome, why
    if failed is not None:
        assert decision["failed"][AD] == f"{AD}.{failed}", why


def test_a_count_not_met_attested_true_is_no_approval() -> None:
    therapies = {**AD_MET, "tacrolimus": "not-tried", "crisaborole": "not-tried"}
    decision = decide_file(POLICY, DAY, _request("atopic dermatitis", therapies, attested={f"{AD}.3": True}))
    assert decision["outcome"] == "needs-review"
    assert [c["criterion"] for c in decision["conflicts"]] == [f"{AD}.3"]


def test_a_count_not_stated_names_what_it_waits_for() -> None:
    decision = decide_file(POLICY, DAY, _request("atopic dermatitis", _without(AD_MET, "tacrolimus")))
    assert decision["outcome"] == "needs-review"
    assert "therapies.tacrolimus" in decision["missing"]


UC_CASES: list[tuple[str, dict[str, str], bool | None, str]] = [
    # (why, therapies, the group's attestation (the trials' length and dose), outcome)
    ("two failed: the trials' length is the reviewer's", UC_MET, None, "needs-review"),
    ("two failed, the trials attested", UC_MET, True, "approved"),
    ("two failed, the trials attested false", UC_MET, False, "denied"),
    ("one failed, the others not tried: refused though attested",
     {"mesalamine": "failed", "azathioprine": "not-tried", "OCS": "not-tried"}, True, "denied"),
    ("no exception in the text: a contraindication is no failure",
     {"mesalamine": "contraindicated", "azathioprine": "failed", "oral corticosteroid": "not-tried"}, True, "denied"),
    ("the class by its name", {"mesalamine": "failed", "oral corticosteroid": "failed"}, True, "approved"),
]  # fmt: skip


@pytest.mark.parametrize(("why", "therapies", "attested", "outcome"), UC_CASES, ids=[c[0] for c in UC_CASES])
def test_counted_steps_with_words_about_the_trials(
    why: str, therapies: dict[str, str], attested: bool | None, outcome: str
) -> None:
    answers = {} if attested is None else {f"{UC}.3": attested}
    decision = decide_file(POLICY, DAY, _request("ulcerative colitis", therapies, attested=answers))
    assert decision["outcome"] == outcome, why
    if outcome == "denied":
        assert decision["failed"][UC] == f"{UC}.3", why
    if outcome == "needs-review":
        assert f"attestations.{UC}.3" in decision["missing"], why
