"""The audit needs specific evidence: the false cleans and false alarms of issue 11, as tests."""

from __future__ import annotations

import datetime as dt

from conftest import POLICIES, ROOT

from policyvc.history.audit import TieKind, audit, audit_pair
from policyvc.history.diff import diff
from policyvc.history.semantic import Direction
from policyvc.parser import parse_text
from policyvc.store import Store

STORE = ROOT / "policy_versions"
REF = "CP.PHAR.295"
OLD = (STORE / REF / "2025-04-14" / "policy.txt").read_text(encoding="utf-8")
NEW = (STORE / REF / "2026-03-26" / "policy.txt").read_text(encoding="utf-8")


def _pair(old: str, new: str):  # type: ignore[no-untyped-def]
    return audit_pair(dt.date(2025, 4, 14), parse_text(old), dt.date(2026, 3, 26), parse_text(new))


def test_a_state_flag_flipped_is_not_explained_by_another_state() -> None:
    """FL Yes → No (more restrictive) is not what “For Appendix E, added state IN” says."""
    new = NEW.replace("FL\tYes\tFor stage 4 metastatic", "FL\tNo\tFor stage 4 metastatic")
    pair = _pair(OLD, new)
    fl = [e for e in pair.undocumented if e.key == "FL"]
    assert [(e.kind, e.key) for e in fl] == [("row-update", "FL")]
    assert fl[0].labels[0].direction is Direction.MORE
    assert [t.edit.key for t in pair.ties] == ["IN"]
    (why,) = [m for m in pair.change_misses if m.edit is fl[0]]
    assert "does not name the row's key FL" in why.reason


def test_a_criterion_mentioning_the_appendix_is_not_explained_by_a_state_row_claim() -> None:
    new = NEW.replace(
        "1. Diagnosis of high-risk neuroblastoma;", "1. Diagnosis of high-risk neuroblastoma (see Appendix E);"
    )
    pair = _pair(OLD, new)
    assert [e.new_id for e in pair.undocumented] == ["I.E.1"]
    assert not pair.clean


def test_the_cli_says_unexplained_and_explains_why(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from conftest import run_cli

    store = tmp_path / "store"
    for date in ("2025-04-14", "2026-03-26"):
        (store / REF / date).mkdir(parents=True)
        shutil.copy(STORE / REF / date / "policy.txt", store / REF / date / "policy.txt")
    seed = store / REF / "2026-03-26" / "policy.txt"
    seed.write_text(NEW.replace("FL\tYes\tFor stage 4", "FL\tNo\tFor stage 4"), encoding="utf-8")
    result = run_cli("audit", REF, "--store", str(store), "--explain")
    assert result.returncode == 1, result.stderr
    assert "UNDOCUMENTED  row-update Appendix E [FL]" in result.stdout
    assert "why: closest “For Appendix E, added state IN”: the clause does not name the row's key FL" in result.stdout


def test_a_generic_word_never_ties_alone() -> None:
    report = audit(Store(STORE).history(REF).dated())
    (move,) = [t for t in report.pairs[0].ties if t.edit.new_id == "II.A.4.a"]
    assert move.how is TieKind.INHERITED and move.via == "II.A.4"
    for p in report.pairs:
        for t in p.ties:
            if t.how is TieKind.TERMS:
                assert "indication" not in t.shared and "leukine" not in t.shared


def test_the_policys_own_name_is_no_evidence() -> None:
    """In the filgrastim policy, “filgrastim” names the policy itself: it explains nothing alone."""
    old = POLICIES["filgrastim"].read_text(encoding="utf-8")
    new = old.replace(
        "2. Prescribed by or in consultation with an oncologist or hematologist;",
        "2. Prescribed by or in consultation with an oncologist;",
        1,
    ).replace(
        "\n\nImportant Reminder",
        "\nClarified that filgrastim biosimilars are listed in Appendix B.\t09.30.25\t\n\nImportant Reminder",
        1,
    )
    pair = audit_pair(dt.date(2025, 8, 12), parse_text(old), dt.date(2025, 9, 30), parse_text(new))
    assert [e.new_id for e in pair.undocumented] == ["I.A.2"]
    assert [c.clause for c in pair.unbacked] == ["Clarified that filgrastim biosimilars are listed in Appendix B"]


FILGRASTIM_SPLIT_LOG = (
    "Commercial initial approval for severe chronic neutropenia extended to 12 months; continued approval extended to "
    "12 months for all lines of business.\t09.30.25\t\n"
)


def _filgrastim_durations() -> tuple[str, str]:
    old = POLICIES["filgrastim"].read_text(encoding="utf-8")
    old = old.replace("Approval duration: 12 months\n\nC. Peripheral", "Approval duration: 6 months\n\nC. Peripheral")
    old = old.replace("within the last 6 months", "within the last six months")
    old = old.replace("Section V;\nb. New dose", "Section V;\nb. New dose", 1)
    old = old.replace(
        "Approval duration: 12 months\n\nB. Other diagnoses", "Approval duration: 6 months\n\nB. Other diagnoses"
    )
    new = POLICIES["filgrastim"].read_text(encoding="utf-8")
    new = new.replace("within the last 6 months", "within the last six months")
    new = new.replace(
        "Approval duration: 12 months\n\nC. Peripheral",
        "Approval duration:\n\nMedicaid/HIM – 6 months\n\nCommercial – 12 months\n\nC. Peripheral",
    )
    new = new.replace("\n\nImportant Reminder", "\n" + FILGRASTIM_SPLIT_LOG + "\nImportant Reminder", 1)
    return old, new


def test_a_split_by_line_of_business_is_a_per_line_update() -> None:
    old, new = _filgrastim_durations()
    script = diff(parse_text(old), parse_text(new))
    durations = [e for e in script.changes if e.node == "duration"]
    assert [(e.kind, e.old_id, e.new_id, e.old_text, e.new_text) for e in durations] == [
        ("update", "I.B.duration.all", "I.B.duration.Commercial", "12 months".replace("12", "6"), "12 months"),
        ("update", "II.A.duration.all", "II.A.duration.all", "6 months", "12 months"),
    ]
    assert [str(lb) for lb in durations[0].labels] == [
        "approval duration changed for Commercial 6 months → 12 months (less restrictive)",
        "approval duration unchanged for Medicaid/HIM: 6 months (neutral)",
    ]


def test_approval_durations_are_explained_by_the_clauses_that_name_them() -> None:
    old, new = _filgrastim_durations()
    pair = audit_pair(dt.date(2025, 8, 12), parse_text(old), dt.date(2025, 9, 30), parse_text(new))
    assert pair.clean, (pair.undocumented, pair.unbacked)
    by_id = {t.edit.new_id: t for t in pair.ties}
    assert by_id["I.B.duration.Commercial"].claim.clause.startswith("Commercial initial approval")
    assert {"approval duration", "lob:commercial", "num:12"} <= set(by_id["I.B.duration.Commercial"].shared)
    assert by_id["II.A.duration.all"].claim.clause.startswith("continued approval extended")


def test_a_duration_claim_in_the_wrong_section_or_with_the_wrong_number_explains_nothing() -> None:
    old, new = _filgrastim_durations()
    wrong = new.replace("Commercial initial approval", "Commercial continued approval").replace(
        "continued approval extended to 12 months for all", "initial approval extended to 9 months for all"
    )
    pair = audit_pair(dt.date(2025, 8, 12), parse_text(old), dt.date(2025, 9, 30), parse_text(wrong))
    # the continued-approval clause now explains section II's change; nothing explains section I's
    assert [e.new_id for e in pair.undocumented] == ["I.B.duration.Commercial"]
    assert [c.clause for c in pair.unbacked] == ["initial approval extended to 9 months for all lines of business"]
    (why,) = pair.change_misses
    assert why.reason.startswith("wrong section: the clause is about section II, the change is in I")
    (claim_why,) = pair.claim_misses
    assert claim_why.reason == "wrong number: the clause says 9, the change is 6 → 12"


def test_template_changes_explain_the_boilerplate_referrals_only() -> None:
    old = POLICIES["filgrastim"].read_text(encoding="utf-8")
    new = old.replace("HIM.PA.33 for health insurance marketplace", "HIM.PA.34 for health insurance marketplace", 1)
    new = new.replace("b. Cyclic neutropenia;", "b. Cyclic or periodic neutropenia;", 1)
    new = new.replace(
        "\n\nImportant Reminder",
        "\nTemplate changes applied to other diagnoses/indications.\t09.30.25\t\n\nImportant Reminder",
        1,
    )
    pair = audit_pair(dt.date(2025, 8, 12), parse_text(old), dt.date(2025, 9, 30), parse_text(new))
    (tie,) = [t for t in pair.ties if t.edit.new_id == "I.F.1.a"]
    assert tie.claim is not None and tie.claim.clause.startswith("Template changes") and "template" in tie.shared
    assert [e.new_id for e in pair.undocumented] == ["I.B.1.b"]


def test_drug_names_are_other_drugs_never_the_policys_own_nor_a_title() -> None:
    from policyvc.history.terms import own_names, terms

    own = own_names("Filgrastim (Neupogen)", "Filgrastim", ("Neupogen",))
    found = terms("for Acute Radiation Syndrome added Nyvepria; filgrastim-sndz per Neupogen labeling", own)
    assert sorted(t for t in found if t.startswith("drug:")) == ["drug:nyvepria"]
    assert "filgrastim" not in found and "neupogen" not in found
    assert "drug:temozolomide" in terms("combination with temozolomide and irinotecan")  # INN stems, lower case
