"""Log entries a blind set (AUD16) showed the audit misjudged, each written here for other plans and services: a
committee's act in a dated paragraph (``On <date>, the … Committee approved the annual review``, also with the date
taken out by the reader); a bound's new value said with what it measures (``Reduced the minimum treatment period to 2
weeks``) rather than the criterion's words; a section added, named by its title; a clause whose subject the clause
before it said (``…; removed from the investigational list``); an abbreviation key read as one paragraph; a citation
read outside any References heading; a claimed maximum both versions already hold, in a step read in part.  Each is
paired with what must still fail: the old value, another kind of bound, another unit, a section the clause does not
name, a removal that did not happen, an abbreviation no explained change uses, a criterion edit."""

from __future__ import annotations

import datetime as dt

from audit_support import LOG_END, PHARMACY, flagged, unbacked

from policyvc.history.audit import PairAudit, audit_pair, claims_of
from policyvc.parser import parse_text
from policyvc.parser.nodes import RevisionEntry


def _edited(text: str, edits: dict[str, str]) -> str:
    for before, after in edits.items():
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


def _pair(old: str, new: str, *, unread: tuple[str, ...] = ()) -> PairAudit:
    return audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new), unread=unread)


def _clauses(text: str) -> list[str]:
    return [c.clause for c in claims_of([RevisionEntry(text, dt.date(2026, 1, 1), None)])]


# --- a committee's act in a dated paragraph -----------------------------------------------------------------------


def test_a_committee_approving_its_review_claims_nothing_with_or_without_the_date() -> None:
    for text in (
        "On January 14, 2026, the Utilization Management Committee approved the annual review; coding updated.",
        "On , the Utilization Management Committee approved the annual review; coding updated.",
        "The P&T Committee reviewed and approved the policy; coding updated.",
        "On 01/14/2026, the Clinical Policy Committee reviewed the guideline; coding updated.",
    ):
        assert _clauses(text) == ["coding updated"], text
    # a committee's review that names a change claims it
    assert _clauses("On May 2, 2023, the Medical Policy Committee reviewed the guideline and added a BMI limit.") == [
        "the Medical Policy Committee reviewed the guideline and added a BMI limit"
    ]


# --- a medical policy: a bound named by what it measures, a section added, a subject said before ------------------

ULCER = """\
Lakeshore Community Health Plan

Medical Coverage Guideline: Cellular and Tissue-Based Products for Diabetic Foot Ulcers

Guideline Number: LCHP-MCG-311
Effective Date: 02/01/2025

Description
Skin substitutes are applied to chronic ulcers that have not healed with standard wound care.

Coverage Criteria
Lakeshore Community Health Plan considers a skin substitute medically necessary when all of the following are met:
1. The ulcer has not healed after at least 4 weeks of standard care including offloading and debridement; and
2. The ulcer extends through the dermis without exposed tendon or bone; and
3. The member's hemoglobin A1c is below 12% within the past 90 days.

Investigational
The following are considered investigational:
- Amniotic membrane allografts applied as a liquid injection;
- Skin substitutes for venous leg ulcers without compression therapy.

References
1. Armstrong DG, Boulton AJM, Bus SA. Diabetic foot ulcers and their recurrence. N Engl J Med. 2017;376:2367-2375.

Policy history
Origination date: 02/01/2019
01/20/2025: Annual review. No changes to criteria.
"""
ULCER_EDITS = {"Effective Date: 02/01/2025": "Effective Date: 02/01/2026"}


def _ulcer(edits: dict[str, str], entry: str) -> PairAudit:
    new = _edited(ULCER, {**ULCER_EDITS, **edits}).rstrip("\n") + f"\n01/19/2026: {entry}\n"
    return _pair(ULCER, new)


TRIAL = {"at least 4 weeks of standard care": "at least 2 weeks of standard care"}


def test_a_bound_named_by_its_new_value_and_what_it_measures_is_documented() -> None:
    pair = _ulcer(TRIAL, "Annual review. Reduced the minimum treatment period to 2 weeks.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_the_old_value_another_kind_of_bound_or_another_unit_names_nothing() -> None:
    for entry in (
        "Annual review. Reduced the minimum treatment period to 4 weeks.",  # the old value
        "Annual review. Reduced the maximum treatment period to 2 weeks.",  # a maximum, the bound is a minimum
        "Annual review. Reduced the minimum treatment period to 2 months.",  # another unit
    ):
        pair = _ulcer(TRIAL, entry)
        assert flagged(pair) == {"Coverage-Criteria.c1.1"}, entry
        assert len(unbacked(pair)) == 1, entry


REPEAT = {
    "References\n": "Reapplication\nA second course is medically necessary when the ulcer area decreased by at least "
    "half during the first course.\n\nReferences\n",
}


def test_a_section_added_is_named_by_its_title() -> None:
    pair = _ulcer(REPEAT, "Annual review. Added criteria for reapplication after a partial response.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []
    # a clause naming something else it added leaves the new section undocumented
    pair = _ulcer(REPEAT, "Annual review. Added criteria for offloading devices.")
    assert flagged(pair) == {"Coverage-Criteria.Reapplication"}


MOVED_IN = {
    "3. The member's hemoglobin A1c": "3. For venous leg ulcers, compression therapy is in use; and\n"
    "4. The member's hemoglobin A1c",
    "- Skin substitutes for venous leg ulcers without compression therapy.\n": "",
    "- Amniotic membrane allografts applied as a liquid injection;": "- Amniotic membrane allografts applied as a "
    "liquid injection.",
}


def test_a_clause_whose_subject_the_clause_before_said_is_backed_by_an_edit_of_its_kind() -> None:
    pair = _ulcer(
        MOVED_IN,
        "Annual review. Skin substitutes for venous leg ulcers now covered with compression therapy; "
        "removed from the investigational list.",
    )
    assert flagged(pair) == set()
    assert unbacked(pair) == []
    # nothing deleted: the removal did not happen, whatever its subject's words
    kept = {
        "3. The member's hemoglobin A1c": "3. For venous leg ulcers, compression therapy is in use; and\n"
        "4. The member's hemoglobin A1c"
    }
    pair = _ulcer(
        kept,
        "Annual review. Skin substitutes for venous leg ulcers now covered with compression therapy; "
        "removed from the investigational list.",
    )
    assert unbacked(pair) == ["removed from the investigational list"]


# --- an abbreviation key read as one paragraph; a citation outside a References heading -----------------------------

HEADACHE = """\
Ridgeview Health Alliance

Pharmacy Prior Authorization Guideline: Erenumab for Cluster Headache Prevention

Guideline Number: RHA-PA-208
Effective Date: 03/01/2025

Criteria for Approval
Coverage is authorized when all of the following are met:
1. The member has episodic cluster headache confirmed by a neurologist; and
2. The member had an inadequate response to verapamil or lithium (VPM or LI); and
3. The member is 18 years of age or older.

Abbreviations
ICHD: International Classification of Headache Disorders LI: lithium VPM: verapamil

Supporting Literature
1. May A, Schwedt TJ, Magis D, et al. Cluster headache. Nat Rev Dis Primers. 2018;4:18006.
2. Erenumab Prescribing Information. Thousand Oaks, CA: Amgen Inc.; May 2022.

Revision history
Origination date: 03/01/2020
02/11/2025: Annual review. No changes to criteria.
"""


def _headache(edits: dict[str, str], entry: str) -> PairAudit:
    new = _edited(HEADACHE, {"Effective Date: 03/01/2025": "Effective Date: 03/01/2026", **edits})
    return _pair(HEADACHE, new.rstrip("\n") + f"\n02/10/2026: {entry}\n")


TOPIRAMATE = {
    "verapamil or lithium (VPM or LI); and": "verapamil, lithium or topiramate (VPM, LI or TPM); and",
    "VPM: verapamil": "TPM: topiramate VPM: verapamil",
}


def test_an_abbreviation_key_read_as_a_paragraph_goes_with_the_change_that_uses_it() -> None:
    pair = _headache(TOPIRAMATE, "Annual review. Updated step therapy requirements.")
    assert flagged(pair) == set()
    # an abbreviation no explained change uses stays undocumented
    pair = _headache(
        {**TOPIRAMATE, "ICHD: International": "GON: greater occipital nerve ICHD: International"},
        "Annual review. Updated step therapy requirements.",
    )
    assert len(flagged(pair)) == 1


def test_a_citation_read_under_another_heading_is_a_reference() -> None:
    edits = {"Amgen Inc.; May 2022.": "Amgen Inc.; April 2025."}
    pair = _headache(edits, "Annual review. References updated.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []
    # a criterion's edit is no reference
    pair = _headache({"18 years of age": "21 years of age"}, "Annual review. References updated.")
    assert len(flagged(pair)) == 1


# --- a claimed maximum both versions hold, in a step read in part ---------------------------------------------------


def test_a_claimed_maximum_both_versions_hold_is_unbacked_in_a_step_read_in_part() -> None:
    # (the dose limit "Dose does not exceed 600 mg IV …, then 180 mg SC every 8 weeks" stands in both versions)
    entry = "1Q 2026 annual review: for Crohn's disease, increased maximum dose to 180 mg"
    new = PHARMACY.replace("Last Review Date: 02.25", "Last Review Date: 02.26").replace(
        LOG_END, LOG_END + f"{entry}\t02.26\t02.26\n"
    )
    pair = audit_pair(
        dt.date(2025, 2, 1), parse_text(PHARMACY), dt.date(2026, 2, 1), parse_text(new), unread=("old.txt:90",)
    )
    assert [c.clause for c in pair.unbacked] == ["for Crohn's disease, increased maximum dose to 180 mg"]
    assert pair.unchecked == ()
    # a value no place holds stays set aside
    other = new.replace("dose to 180 mg", "dose to 240 mg")
    pair = audit_pair(
        dt.date(2025, 2, 1), parse_text(PHARMACY), dt.date(2026, 2, 1), parse_text(other), unread=("old.txt:90",)
    )
    assert [c.clause for c in pair.unchecked] == ["for Crohn's disease, increased maximum dose to 240 mg"]
