"""Shapes of real revision logs a blind set (AUD13) showed the audit misread: an entry that says the change in other
words (``Added Appendix D.`` for a new appendix, ``Expanded eligibility to include adolescent members`` for a minimum
age lowered), a coding entry that names no code (``Coding updated``) for a row added to a codes table, a history
table's version column read into the entry (``5.0 Expanded …``), the document's own version line (``Version: 2025.1
→ 2026.1``), a print's footer (``Printed on 03/14/2025. Page 6 of 6.``) under the history, and a bibliography.  Each
is paired with an entry that must still fail: another code, another appendix, a wrong age, no coding entry at all."""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import GENERIC, flagged, generic_pair, pharmacy_pair, unbacked

from policyvc.history.audit import audit_pair, claims_of
from policyvc.parser import parse_text
from policyvc.parser.nodes import RevisionEntry

CPT_ROW = "99183\tPhysician or other qualified health care professional attendance and supervision of hyperbaric"
CPT_ADDED = {
    "per session\n": "per session\nG0277\tHyperbaric oxygen under pressure, full body chamber, per 30 minute interval\n"
}
AGE_13 = {"1. Age ≥ 18 years;": "1. Age ≥ 13 years; members age 13 through 17 must be evaluated by a pediatric team;"}
APPENDIX_D = {
    "\nReferences\n": "\nAppendix D: Imaging Alternatives\nPlain radiographs are the first imaging study for a "
    "suspected fracture.\n\nReferences\n"
}


def _clauses(text: str) -> list[str]:
    return [c.clause for c in claims_of([RevisionEntry(text, dt.date(2026, 4, 1), None)])]


@pytest.mark.parametrize(
    ("row", "claimed"),
    [
        ("Annual review. Added Appendix D. Coding updated.", ["Added Appendix D", "Coding updated"]),
        ("Added Section B. Removed Table C.", ["Added Section B", "Removed Table C"]),
        ("Reviewed with J. Smith, MD; added criterion 4", ["Reviewed with J. Smith, MD", "added criterion 4"]),
        ("5.0 Expanded to include pediatric patients with hypogonadism.", ["Expanded to include pediatric patients"
                                                                           " with hypogonadism"]),
        ("2.5 mg dose added for maintenance", ["2.5 mg dose added for maintenance"]),
    ],
)  # fmt: skip
def test_what_a_row_claims(row: str, claimed: list[str]) -> None:
    assert _clauses(row) == claimed


def test_a_coding_entry_naming_no_code_documents_a_row_of_the_codes_table() -> None:
    pair = generic_pair(CPT_ADDED, "Coding updated.")
    assert flagged(pair) == set() and unbacked(pair) == []
    pair = pharmacy_pair({"J3590\tUnclassified biologics\n": "J3590\tUnclassified biologics\nJ0135\tInjection, "
                          "adalimumab, 20 mg\n"}, "Coding updated.")  # fmt: skip
    assert flagged(pair) == set() and unbacked(pair) == []


def test_a_coding_entry_naming_another_code_or_no_coding_entry_leaves_the_row_undocumented() -> None:
    pair = generic_pair(CPT_ADDED, "Added CPT code 99184.")
    assert flagged(pair) == {"Applicable-Codes.t1.G0277"} and unbacked(pair) == ["Added CPT code 99184"]
    pair = generic_pair(CPT_ADDED, "References updated.")
    assert "Applicable-Codes.t1.G0277" in flagged(pair)


def test_an_age_group_taken_in_names_a_minimum_age_lowered() -> None:
    pair = generic_pair(AGE_13, "Expanded eligibility to include adolescent members.")
    assert flagged(pair) == set() and unbacked(pair) == []
    pair = generic_pair({"1. Age ≥ 18 years;": "1. Age ≥ 12 years;"}, "Expanded to include pediatric patients.")
    assert flagged(pair) == set() and unbacked(pair) == []


def test_an_age_group_does_not_name_another_change_nor_a_wrong_age() -> None:
    wagner = {"2. Wagner grade 3 or higher": "2. Wagner grade 2 or higher"}
    pair = generic_pair(wagner, "Expanded eligibility to include adolescent members.")
    assert flagged(pair) == {"Coverage-Rationale.c1.2"}
    assert unbacked(pair) == ["Expanded eligibility to include adolescent members"]
    pair = generic_pair(AGE_13, "Expanded eligibility to include adolescents 15 years of age and older.")
    assert flagged(pair) == {"Coverage-Rationale.c1.1"}  # (a wrong number still flags the change and the claim)


def test_added_appendix_d_names_the_new_appendix_and_not_another() -> None:
    pair = generic_pair(APPENDIX_D, "Added Appendix D.")
    assert flagged(pair) == set() and unbacked(pair) == []
    pair = generic_pair(APPENDIX_D, "Added Appendix C.")
    assert "Appendix-D-Imaging-Alternatives" in flagged(pair) and unbacked(pair) == ["Added Appendix C"]


def test_the_documents_version_line_is_its_own_metadata() -> None:
    versioned = GENERIC.replace(
        "Effective Date: January 1, 2025\n", "Effective Date: January 1, 2025\nVersion: 2025.1\n"
    )
    edits = {"Version: 2025.1": "Version: 2026.1", **AGE_13}
    new = versioned
    for a, b in edits.items():
        new = new.replace(a, b)
    new = new.rstrip("\n") + "\n01/01/2026\tLowered the minimum age to 13.\n"
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(versioned), dt.date(2026, 1, 1), parse_text(new))
    assert flagged(pair) == set() and unbacked(pair) == []
    # (a version line that says more than its number is judged as any line)
    new = new.replace("Version: 2026.1", "Version: 2026.1 (members under 18 now eligible)")
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(versioned), dt.date(2026, 1, 1), parse_text(new))
    assert flagged(pair)


PRINTED = "Associated Documents\nBilling and Coding: Hyperbaric Oxygen (A59001)\nPrinted on {}. Page 6 of 6.\n"


def test_a_prints_footer_under_the_history_is_no_row_and_no_change() -> None:
    old = GENERIC.rstrip("\n") + "\n" + PRINTED.format("03/14/2025")
    new = (
        GENERIC.rstrip("\n") + "\n01/01/2026\tLowered the minimum age to 13.\n" + PRINTED.format("08/19/2026")
    ).replace("1. Age ≥ 18 years;", "1. Age ≥ 13 years;")
    old_policy, new_policy = parse_text(old), parse_text(new)
    assert [e.date for e in new_policy.revision_log][-1] == dt.date(2026, 1, 1)  # (not the print's date)
    assert all("Printed" not in e.description for e in (*old_policy.revision_log, *new_policy.revision_log))
    pair = audit_pair(dt.date(2025, 1, 1), old_policy, dt.date(2026, 1, 1), new_policy)
    assert flagged(pair) == set() and unbacked(pair) == []


def test_the_bibliography_updated_is_a_references_entry() -> None:
    old = GENERIC.replace("\nReferences\n", "\nBibliography\n")
    new = old.replace(
        "2015;42(3):205-247.\n",
        "2015;42(3):205-247.\n2. Lalieu RC, Brouwer RJ, Ubbink DT, et al. Hyperbaric oxygen therapy for nonischemic "
        "diabetic ulcers. Diabetes Metab Res Rev. 2020;36(4):e3299.\n",
    )
    new = new.rstrip("\n") + "\n01/01/2026\tThe Bibliography was updated.\n"
    pair = audit_pair(dt.date(2025, 1, 1), parse_text(old), dt.date(2026, 1, 1), parse_text(new))
    assert flagged(pair) == set() and unbacked(pair) == []
