"""History in the forms a blind set (AUD15) showed the audit misread, each written here for other plans and drugs:
a ``Policy history`` of an ``Origination date:`` line and dated lines ``MM/DD/YYYY: …`` with a sentence after them;
a ``Summary of Changes`` of dates over bullet lists; ``Reviewed: MM/YYYY; Revised: MM/YYYY – …`` lines; a history
table one copy read as a table of the body, its dates run together; a copyright line under the history; entries
saying a change in other words (``Updated step therapy requirements``, ``Updated Product Availability``, ``Removed
requirement for …``, ``Criteria I.B.6 revised to align with label`` after a renumbering, a definition clarified).
Each is paired with what must still fail: a count or a value the entry does not name, a removal that did not happen,
a value that differs from the one claimed, the label's entry for another criterion."""

from __future__ import annotations

import datetime as dt

from audit_support import flagged, pharmacy_pair, unbacked

from policyvc.history.audit import PairAudit, audit_pair, claims_of
from policyvc.history.diff import diff
from policyvc.parser import parse_text


def _edited(text: str, edits: dict[str, str]) -> str:
    for before, after in edits.items():
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


def _pair(old: str, new: str) -> PairAudit:
    return audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))


# --- a medical policy whose history is an origination line, dated lines and a sentence after them ---------------

NERVE = """\
Pinecrest Health

Clinical Coverage Criteria: Hypoglossal Nerve Stimulation

Policy Number: PH-CCC-0420
Effective Date: 05/01/2025

Overview
Hypoglossal nerve stimulation treats obstructive sleep apnea by stimulating the nerve that moves the tongue forward.

Policy
Pinecrest Health considers hypoglossal nerve stimulation medically necessary when all of the following are met:
1. The member is 22 years of age or older; and
2. The member has an apnea-hypopnea index (AHI) of 15 to 65 events per hour on a polysomnogram within 24 months; and
3. The member failed a trial of positive airway pressure of at least 1 month; and
4. The member has a body mass index (BMI) below 35 kg/m²; and
5. A drug-induced sleep endoscopy shows no complete concentric collapse at the soft palate.

Definitions
Positive airway pressure intolerance: use of the device for fewer than 4 hours a night on 70% of nights.
Complete concentric collapse: circumferential narrowing of the airway seen during drug-induced sleep endoscopy.

References
1. Strollo PJ, Soose RJ, Maurer JT, et al. Upper-airway stimulation for obstructive sleep apnea. N Engl J Med. 2014.

Policy history
Origination date: 03/01/2019
04/14/2024: Annual review. No changes to criteria.
04/22/2025: Annual review. References updated.
Coverage decisions under this policy are overseen by the Pinecrest Health Utilization Management Committee.
"""
NERVE_EDITS = {
    "Effective Date: 05/01/2025": "Effective Date: 05/01/2026",
    "The member is 22 years": "The member is 18 years",
    "on 70% of nights.": "on 70% of nights, or refusal of the device after documented attempts to improve its fit.",
    "04/22/2025: Annual review. References updated.\n": "04/22/2025: Annual review. References updated.\n"
    "04/20/2026: Annual review. Lowered the minimum age to 18 years. Clarified definition of positive airway "
    "pressure intolerance in Definitions. Removed requirement for drug-induced sleep endoscopy.\n",
}


def test_an_origination_line_and_dated_lines_are_the_history_and_the_sentence_after_them_no_claim() -> None:
    new = parse_text(_edited(NERVE, NERVE_EDITS))
    assert [str(e.date) for e in new.revision_log] == ["2019-03-01", "2024-04-14", "2025-04-22", "2026-04-20"]
    pair = _pair(NERVE, _edited(NERVE, NERVE_EDITS))
    assert [c.clause for c in pair.claims] == [
        "Lowered the minimum age to 18 years",
        "Clarified definition of positive airway pressure intolerance in Definitions",
        "Removed requirement for drug-induced sleep endoscopy",
    ]
    assert flagged(pair) == set()  # (the effective date moved with the new row: the row's own change)
    # a removal that did not happen: the endoscopy criterion is still there
    assert unbacked(pair) == ["Removed requirement for drug-induced sleep endoscopy"]


def test_a_definition_entry_never_explains_a_criterion_that_uses_the_term() -> None:
    edits = {**NERVE_EDITS, "of at least 1 month; and": "of at least 3 months; and"}
    pair = _pair(NERVE, _edited(NERVE, edits))
    assert flagged(pair) == {"Policy.c1.3"}


# --- a pharmacy guideline whose Summary of Changes is dates over bullet lists ------------------------------------

ASTHMA = """\
Northwind Health Partners
Pharmacy Medical Necessity Guideline: Fasenra (benralizumab)

Guideline Number: PH-7731
Effective Date: 01/01/2026

Coverage Guidelines
The plan may authorize coverage of Fasenra for severe eosinophilic asthma when all of the following are met:
1. The member is 12 years of age or older; and
2. The member has a blood eosinophil count of at least 300 cells/µL within the past 6 weeks; and
3. Inadequate control despite at least 3 months of adherent use of a high-dose ICS plus a long-acting beta agonist; and
4. Fasenra is prescribed by a pulmonologist or allergist.

Authorization Duration
Initial authorization: 6 months.
Reauthorization: 12 months, when the member has a documented reduction in exacerbations.

Product Availability
Single-dose prefilled syringe: 30 mg/mL
Single-dose autoinjector pen: 30 mg/mL

Summary of Changes
01/01/2026
- References updated.
01/01/2025
- Annual review; no changes to criteria.
"""
ASTHMA_NEW = {
    "Effective Date: 01/01/2026": "Effective Date: 07/01/2026",
    "plus a long-acting beta agonist; and": "plus a second controller medication (e.g., a long-acting beta agonist "
    "or a leukotriene modifier); and",
    "Single-dose autoinjector pen: 30 mg/mL\n": "Single-dose autoinjector pen: 30 mg/mL\n"
    "Single-dose prefilled syringe: 10 mg/0.5 mL (for members 6 to 11 years of age)\n",
    "by a pulmonologist or allergist.": "by a pulmonologist, allergist, or immunologist.",
    "within the past 6 weeks": "within the past 8 weeks",
    "Summary of Changes\n": "Summary of Changes\n07/01/2026\n- Updated step therapy requirements.\n"
    "- Updated Product Availability.\n- Shortened the eosinophil count window to 4 weeks.\n",
}


def test_a_date_over_a_list_is_one_entry_and_step_therapy_and_product_availability_entries_tie() -> None:
    new = parse_text(_edited(ASTHMA, ASTHMA_NEW))
    assert [str(e.date) for e in new.revision_log] == ["2025-01-01", "2026-01-01", "2026-07-01"]
    pair = _pair(ASTHMA, _edited(ASTHMA, ASTHMA_NEW))
    assert len(pair.script.log_added) == 1
    assert [c.clause for c in pair.claims] == [
        "Updated step therapy requirements",
        "Updated Product Availability",
        "Shortened the eosinophil count window to 4 weeks",
    ]
    tied = {str(t.edit.new_id): t.claim.clause for t in pair.ties if t.claim is not None}
    assert tied["Coverage-Guidelines.c1.3"] == "Updated step therapy requirements"
    assert tied["Product-Availability.p3"] == "Updated Product Availability"
    # the specialist added is said by no entry; the window went to 8 weeks, not to the 4 the entry says
    assert flagged(pair) == {"Coverage-Guidelines.c1.4", "Coverage-Guidelines.c1.2"}
    assert unbacked(pair) == ["Shortened the eosinophil count window to 4 weeks"]


def test_a_step_therapy_entry_names_no_count_or_length_of_the_trial() -> None:
    edits = {
        "despite at least 3 months": "despite at least 6 months",
        "Summary of Changes\n": "Summary of Changes\n07/01/2026\n- Updated step therapy requirements.\n",
    }
    pair = _pair(ASTHMA, _edited(ASTHMA, edits))
    assert flagged(pair) == {"Coverage-Guidelines.c1.3"}
    assert unbacked(pair) == ["Updated step therapy requirements"]


# --- a clinical guideline whose history lines say "Reviewed: MM/YYYY; Revised: MM/YYYY – …" -----------------------

COLITIS = """\
Clinical Guideline
Zeposia (ozanimod)
Guideline Number: CG-UC-118, Ver. 4

Summary
Ozanimod (Zeposia) is an oral sphingosine 1-phosphate receptor modulator for ulcerative colitis.

Medical Necessity Criteria for Initial Authorization
The Plan considers Zeposia (ozanimod) medically necessary when ALL of the following criteria are met:
1. The member is 18 years of age or older; AND
2. The member has moderately to severely active ulcerative colitis; AND
3. The medication is prescribed by or in consultation with a gastroenterologist; AND
4. Inadequate response, intolerance, or contraindication to at least one oral aminosalicylate (e.g., mesalamine); AND
5. The member has had an electrocardiogram within the past 6 months.
If the above prior authorization criteria are met, Zeposia will be approved for 12 months.

Clinical Guideline Revision / History Information
Original Date: 02/14/2022
Reviewed: 02/2024; Revised: 02/2024 – Added electrocardiogram requirement.
Reviewed: 02/2025; Revised: 02/2025 – Annual review; updated references.
"""
COLITIS_NEW = {
    "4. Inadequate response, intolerance, or contraindication to at least one oral aminosalicylate (e.g., "
    "mesalamine); AND\n5.": "4.",
    "approved for 12 months.": "approved for 6 months.",
    "updated references.\n": "updated references.\nReviewed: 02/2026; Revised: 02/2026 – Removed the "
    "aminosalicylate trial requirement.\n",
}


def test_reviewed_and_revised_dates_on_one_line_and_a_removal_entry_for_a_deleted_criterion() -> None:
    new = parse_text(_edited(COLITIS, COLITIS_NEW))
    rows = [(str(e.date), e.description) for e in new.revision_log if e.date and e.date.year == 2026]
    assert rows == [
        ("2026-02-01", "Reviewed"),
        ("2026-02-01", "Revised: Removed the aminosalicylate trial requirement."),
    ]
    pair = _pair(COLITIS, _edited(COLITIS, COLITIS_NEW))
    assert [c.clause for c in pair.claims] == ["Removed the aminosalicylate trial requirement"]
    # the deleted criterion is the entry's; the approval cut to 6 months is said by no entry
    assert flagged(pair) == {"Summary.Medical-Necessity-Criteria-for-Initial-Authorization.p1"}
    assert unbacked(pair) == []


def test_a_removal_entry_is_unbacked_when_what_it_names_is_still_there() -> None:
    edits = {
        "\n5. The member has had an electrocardiogram within the past 6 months.": "",
        "updated references.\n": "updated references.\nReviewed: 02/2026; Revised: 02/2026 – Removed the "
        "aminosalicylate trial requirement.\n",
    }
    pair = _pair(COLITIS, _edited(COLITIS, edits))
    assert "Summary.Medical-Necessity-Criteria-for-Initial-Authorization.c1.5" in flagged(pair)
    assert unbacked(pair) == ["Removed the aminosalicylate trial requirement"]


# --- a criterion named by its number after a renumbering, aligned with the label ----------------------------------

UC_DOSE = (
    "5. Dose does not exceed 600 mg IV at weeks 0, 4 and 8, then 180 mg SC every 8 weeks.\n"
    "Approval duration: 6 months\n\nC."
)
UC_TB = {
    "4. Failure of a ≥ 3 consecutive month trial": "4. Documentation of a negative tuberculosis test within the past "
    "12 months;\n5. Failure of a ≥ 3 consecutive month trial",
}
ENTRY = "For UC, added requirement for a negative tuberculosis test; Criteria I.B.6 revised to align with label"


def test_a_label_entry_naming_a_criterion_by_its_new_number_explains_its_rewording() -> None:
    reworded = UC_DOSE.replace("5.", "6.", 1).replace("4 and 8", "4, and 8").replace("SC every", "SC once every")
    pair = pharmacy_pair({**UC_TB, UC_DOSE: reworded}, ENTRY)
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_label_entry_naming_a_criterion_explains_no_new_amount_nor_another_criterion() -> None:
    raised = UC_DOSE.replace("5.", "6.", 1).replace("180 mg SC", "360 mg SC")
    pair = pharmacy_pair({**UC_TB, UC_DOSE: raised}, ENTRY)
    assert "I.B.6" in flagged(pair)
    assert "Criteria I.B.6 revised to align with label" in unbacked(pair)
    elsewhere = {
        **UC_TB,
        "5. Dose does not exceed 600 mg IV at weeks 0, 4 and 8, then 180 mg SC every 8 weeks.\nApproval duration: 6 "
        "months\n\nB.": "5. Dose does not exceed 600 mg IV at weeks 0, 4, and 8, then 180 mg SC once every 8 weeks.\n"
        "Approval duration: 6 months\n\nB.",
        UC_DOSE: UC_DOSE.replace("5.", "6.", 1),
    }
    pair = pharmacy_pair(elsewhere, ENTRY)
    assert "I.A.5" in flagged(pair)
    assert "Criteria I.B.6 revised to align with label" in unbacked(pair)


# --- a history table one copy read as a table of the body, and a copyright line under it -------------------------

STIM = """\
Lakeshore Mutual
Medical Policy: Sacroiliac Joint Fusion
Policy Number: LM-2011-07
Effective Date: 07/01/2025

Policy Statement
Minimally invasive sacroiliac joint fusion is medically necessary when all of the following are met:
1. Sacroiliac joint pain has persisted for at least 6 months; and
2. The member has failed at least two of the following conservative therapies:
a. Physical therapy;
b. Anti-inflammatory medication;
c. Therapeutic sacroiliac joint injection; and
3. A diagnostic sacroiliac joint block gave at least 75% pain relief.

Policy History
Date\tAction
{rows}
© {year} Lakeshore Mutual. All rights reserved.
"""
ROWS = (
    "06/02/2025\tAnnual review. No change to policy statement.\n"
    "04/11/2024\tAnnual review. Added robotic navigation to investigational uses.\n"
    "07/01/2011\tNew policy."
)
RUN_TOGETHER = (
    "06/02/202504/11/202407/01/2011\tAnnual review. No change to policy statement. Annual review. Added robotic "
    "navigation to investigational uses. New policy."
)


def test_a_history_table_read_as_body_in_one_copy_adds_no_row_and_no_change() -> None:
    old = STIM.format(rows=RUN_TOGETHER, year=2025)
    new = STIM.format(
        rows="05/28/2026\tAnnual review. Relief threshold of the diagnostic block lowered to 50%.\n" + ROWS, year=2026
    ).replace("at least 75% pain", "at least 50% pain")
    assert parse_text(old).revision_log == ()  # (the old copy's rows are one row of the body's table)
    script = diff(parse_text(old), parse_text(new))
    assert [str(e.date) for e in script.log_added] == ["2026-05-28"]
    pair = _pair(old, new)
    assert flagged(pair) == set()  # (the body's table, the copyright year: no change of the policy)
    assert unbacked(pair) == []
    # what still fails: a count the entry does not name
    pair = _pair(old, new.replace("at least two of the following", "at least three of the following"))
    assert flagged(pair) == {"Policy-Statement.c1.2"}


def test_a_copyright_line_whose_words_change_is_a_change() -> None:
    old = STIM.format(rows=ROWS, year=2025)
    new = STIM.format(rows="05/28/2026\tAnnual review.\n" + ROWS, year=2026).replace(
        "Lakeshore Mutual. All rights reserved.", "Lakeshore Mutual. Coverage is subject to the member's plan."
    )
    assert flagged(_pair(old, new)) == {"Policy-History.p1"}


def test_claims_of_a_review_line_with_its_revised_label() -> None:
    entries = parse_text(_edited(COLITIS, COLITIS_NEW)).revision_log
    assert [c.clause for c in claims_of(entries[-2:])] == ["Removed the aminosalicylate trial requirement"]
