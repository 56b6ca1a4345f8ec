"""The shapes real revision logs document changes in, each with a clause that must not tie.

A blind set of version pairs raised false alarms on documented changes of these shapes: a review sentence alone,
a new set named by the abbreviation the policy defines for it, a therapeutic alternative's row named by its drug,
a drug added to a criterion's examples, a count written in words, a codes row and a reference of another payer's
sections.  The two policies here (tests/fixtures/audit_shapes) are our own, in other wordings; every case pairs the
documenting clause with one naming another drug, set, number or code, which must leave the change UNDOCUMENTED.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from audit_support import GENERIC, flagged, generic_pair, log_entry, pharmacy_pair, unbacked

from policyvc.history.audit import PairAudit, audit_pair, claims_of
from policyvc.parser import parse_text
from policyvc.parser.nodes import Policy, RevisionEntry


@pytest.mark.parametrize(
    "text",
    ["Annual review.", "Annual review", "3Q 2026 annual review.", "Policy reviewed.", "Annual review completed."],
)
def test_a_review_said_alone_claims_nothing(text: str) -> None:
    assert claims_of([log_entry(text)]) == ()
    (claim,) = claims_of([log_entry(f"{text.rstrip('.')}. Lowered the age limit to 12 years.")])
    assert claim.clause == "Lowered the age limit to 12 years"


def test_a_review_sentence_does_not_explain_a_change() -> None:
    pair = pharmacy_pair(
        {"3. Age ≥ 18 years;\n4. Member has had": "3. Age ≥ 16 years;\n4. Member has had"}, "Annual review."
    )
    assert flagged(pair) == {"I.A.3"}
    assert unbacked(pair) == []


NEW_SET = {
    "C. Other diagnoses/indications (must meet 1 or 2):\n1. Currently receiving medication via Centene benefit and "
    "documentation supports positive response to therapy;\n2. Refer to the off-label use policy for the relevant "
    "line of business if diagnosis is NOT specifically listed under section III (Diagnoses/Indications for which "
    "coverage is NOT authorized): CP.PMN.53 for Medicaid and HIM.PA.154 for health insurance marketplace.\n\nII.": (
        "C. Eosinophilic Granulomatosis with Polyangiitis (must meet all):\n1. Diagnosis of relapsing or refractory "
        "EGPA;\n2. Prescribed by or in consultation with a rheumatologist or pulmonologist;\n3. Age ≥ 18 years;\n"
        "4. Dose does not exceed 300 mg SC every 4 weeks.\nApproval duration: 6 months\n\n"
        "D. Other diagnoses/indications (must meet 1 or 2):\n1. Currently receiving medication via Centene benefit "
        "and documentation supports positive response to therapy;\n2. Refer to the off-label use policy for the "
        "relevant line of business if diagnosis is NOT specifically listed under section III (Diagnoses/Indications "
        "for which coverage is NOT authorized): CP.PMN.53 for Medicaid and HIM.PA.154 for health insurance "
        "marketplace.\n\nII."
    ),
    "CD: Crohn's disease\n": "CD: Crohn's disease\nEGPA: eosinophilic granulomatosis with polyangiitis\n",
    "UC\t600 mg IV": "EGPA\t300 mg SC every 4 weeks\t300 mg/4 weeks\nUC\t600 mg IV",
}


def test_a_new_set_named_by_its_abbreviation_is_documented() -> None:
    """The abbreviation key gives ``EGPA: eosinophilic granulomatosis …`` as plain lines: EGPA is the set's name."""
    pair = pharmacy_pair(NEW_SET, "Added EGPA indication per the updated label.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_new_set_is_not_documented_by_another_abbreviation() -> None:
    pair = pharmacy_pair(NEW_SET, "Added HES indication per the updated label.")
    assert {"I.C", "V.EGPA"} <= flagged(pair)
    assert unbacked(pair) == ["Added HES indication per the updated label"]


ALTERNATIVE = {
    "mercaptopurine (Purixan®)\t1 to 1.5 mg/kg/day PO\t1.5 mg/kg/day\n": (
        "mercaptopurine (Purixan®)\t1 to 1.5 mg/kg/day PO\t1.5 mg/kg/day\nbudesonide (Uceris®)\t9 mg PO QD\t9 mg/day\n"
    )
}


def test_an_alternatives_row_is_documented_by_its_drug() -> None:
    pair = pharmacy_pair(ALTERNATIVE, "Added budesonide as a redirection option.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_an_alternatives_row_is_not_documented_by_another_drug() -> None:
    pair = pharmacy_pair(ALTERNATIVE, "Added prednisone as a redirection option.")
    assert len(flagged(pair)) == 1 and next(iter(flagged(pair))).startswith("IV.B.budesonide")
    assert unbacked(pair) == ["Added prednisone as a redirection option"]


EXAMPLE = {"(e.g., azathioprine, mercaptopurine)": "(e.g., azathioprine, mercaptopurine, methotrexate)"}


def test_a_drug_added_to_a_criterions_examples_is_documented() -> None:
    pair = pharmacy_pair(EXAMPLE, "For UC, methotrexate added to the immunomodulator examples.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


@pytest.mark.parametrize(
    "clause",
    [
        "For UC, tacrolimus added to the immunomodulator examples",  # another drug
        "For CD, methotrexate added to the immunomodulator examples",  # another set
    ],
)
def test_a_drug_added_to_examples_is_not_documented_by_another_drug_or_set(clause: str) -> None:
    pair = pharmacy_pair(EXAMPLE, clause + ".")
    assert flagged(pair) == {"I.B.4"}
    assert unbacked(pair) == [clause]


FLARES = {"≥ 3 disease flares": "≥ 2 disease flares"}


def test_a_count_in_words_is_a_number() -> None:
    pair = pharmacy_pair(FLARES, "Lowered the flare requirement to at least two.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_count_in_words_must_be_the_changed_number() -> None:
    pair = pharmacy_pair(FLARES, "Lowered the flare requirement to at least one.")
    assert flagged(pair) == {"I.A.4"}
    (miss,) = pair.change_misses
    assert miss.reason.startswith("wrong number: the clause says 1")


def test_one_of_the_following_counts_nothing() -> None:
    """``one of the following`` is no number: the clause is not ruled out for a change without a 1."""
    pair = pharmacy_pair(EXAMPLE, "For UC, methotrexate added to the immunomodulators, one of the following.")
    assert flagged(pair) == set()


CODE = {
    "per session\n\nReferences": (
        "per session\n99999\tUnlisted procedure, hyperbaric oxygen therapy, additional session\n\nReferences"
    )
}


def test_a_codes_row_of_another_payer_is_documented_by_its_code() -> None:
    pair = generic_pair(CODE, "Applicable Codes: Added CPT code 99999.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_codes_row_is_not_documented_by_another_code() -> None:
    pair = generic_pair(CODE, "Applicable Codes: Added CPT code 99998.")
    assert flagged(pair) == {"Applicable-Codes.t1.99999"}
    assert unbacked(pair) == ["Applicable Codes: Added CPT code 99998"]


REFERENCE = {
    "2015;42(3):205-247.\n": (
        "2015;42(3):205-247.\n2. Lalieu RC, Brouwer RJ, Ubbink DT, et al. Hyperbaric oxygen therapy for nonischemic "
        "diabetic ulcers: a systematic review. Wound Repair Regen. 2020;28(2):266-275.\n"
    )
}


def test_a_reference_of_another_payers_references_section_is_what_updated_references_says() -> None:
    pair = generic_pair(REFERENCE, "Supporting Information: Updated references.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_reference_added_with_no_reference_clause_is_undocumented() -> None:
    pair = generic_pair(REFERENCE | CODE, "Applicable Codes: Added CPT code 99999.")
    assert flagged(pair) == {"References.b1.2"}


# a count in words inside an unchanged sentence: "persisting despite at least six → three months of …"
THERAPY_OLD = {
    "Member has had ≥ 3 disease flares within the past 12 months;": (
        "Member has had persistent symptoms despite at least six months of documented conservative therapy;"
    )
}
THERAPY = {"at least six months of documented": "at least three months of documented"}


def test_a_count_in_words_is_documented_by_a_clause_naming_the_requirement_and_the_new_count() -> None:
    pair = pharmacy_pair(
        THERAPY, "Revised conservative therapy requirement to at least three months.", old_edits=THERAPY_OLD
    )
    assert flagged(pair) == set()
    assert unbacked(pair) == []


@pytest.mark.parametrize(
    "clause",
    [
        "Revised conservative therapy requirement to at least four months",  # another number
        "Revised the prior biologic requirement to at least three months",  # another requirement
        "Revised the physical therapy requirement to at least three months",  # another requirement, a word shared
        "Lowered the requirement to at least three",  # the number alone
    ],
)
def test_a_count_in_words_is_not_documented_by_another_number_or_requirement(clause: str) -> None:
    pair = pharmacy_pair(THERAPY, clause + ".", old_edits=THERAPY_OLD)
    assert flagged(pair) == {"I.A.4"}
    assert unbacked(pair) == [clause]


def _generic_with_front(front_old: str, front_new: str, entry: str) -> PairAudit:
    """The generic policy with a front-matter line under its effective date, ``front_old`` → ``front_new``, and a
    new history row ``entry``."""
    old = GENERIC.replace("Effective Date: January 1, 2025\n", f"Effective Date: January 1, 2025\n{front_old}\n")
    new = old.replace(front_old, front_new).rstrip("\n") + f"\n01/01/2026\t{entry}\n"
    return audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Next Review Date: 08/2026", "Next Review Date: 02/2027"),
        ("Last Reviewed: 01/15/2025", "Last Reviewed: 01/01/2026"),
        ("Date of Last Review: Jan 2025", "Date of Last Review: Jan 2026"),
    ],
)
def test_a_header_review_date_of_any_template_is_administrative(old: str, new: str) -> None:
    pair = _generic_with_front(old, new, "Annual review; no changes.")
    assert flagged(pair) == set()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Original Effective Date: 06/01/2011", "Original Effective Date: 06/01/2012"),  # not a review date
        ("Next Review Date: 08/2026", "Next Review Date: 02/2027 (criteria frozen)"),  # says more than its date
    ],
)
def test_other_dated_lines_are_not_administrative(old: str, new: str) -> None:
    pair = _generic_with_front(old, new, "Annual review; no changes.")
    assert len(flagged(pair)) == 1


def _with_log(policy: Policy, *rows: tuple[dt.date, str]) -> Policy:
    return replace(policy, revision_log=tuple(RevisionEntry(text, date, None) for date, text in rows))


ORIGIN = (dt.date(2012, 1, 1), "Original effective")
MERGED = "Original effective: : "


@pytest.mark.parametrize("merged_in", ["old", "new"])
def test_a_row_a_reader_ran_another_row_into_is_not_new(merged_in: str) -> None:
    """A log whose ``Original Effective Date`` line one version's reader ran into every dated paragraph: the old
    rows are still old, and a change the old rows spoke of is not documented by them."""
    old_text = GENERIC.replace("30 days of standard wound care", "30 days of standard wound care or compression")
    rows = [(dt.date(2024, 1, 1), "Annual review; added compression to the wound care requirement.")]
    old_rows = [ORIGIN, *((d, (MERGED if merged_in == "old" else "") + t) for d, t in rows)]
    new_rows = [ORIGIN, *((d, (MERGED if merged_in == "new" else "") + t) for d, t in rows)]
    new_rows.append((dt.date(2026, 1, 1), "Annual review; no changes."))
    old = _with_log(parse_text(old_text), *old_rows)
    new = _with_log(parse_text(GENERIC), *new_rows)
    pair = audit_pair(dt.date(2024, 1, 1), old, dt.date(2026, 1, 1), new)
    assert [c.clause for c in pair.claims] == []
    assert len(flagged(pair)) == 1  # the compression removed: no new row says so


def test_a_row_rewritten_under_its_date_with_more_words_is_new() -> None:
    rows = [ORIGIN, (dt.date(2024, 1, 1), "Annual review.")]
    old = _with_log(parse_text(GENERIC), *rows)
    new = _with_log(parse_text(GENERIC), ORIGIN, (dt.date(2024, 1, 1), "Annual review; added tobacco cessation."))
    pair = audit_pair(dt.date(2024, 1, 1), old, dt.date(2026, 1, 1), new)
    assert [c.clause for c in pair.claims] == ["added tobacco cessation"]
