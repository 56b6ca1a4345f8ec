"""Held-out set 3 (``tests/fixtures/heldout3``): ten documents of other payers, web fragments and browser
prints, and three version pairs, written blind by another author with the facts in ``EXPECTED.md``; scored once
(86/171), then the general fixes were made (126/171, later 138/171), so they are now *seen*.  Each test asserts
facts the text states; facts still missed are strict xfails (they fail loudly the day they are read right)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES, run_cli
from heldout_support import body_tables, log_dates, read_held

from policyvc.parser.nodes import Policy, Table

HELD = FIXTURES / "heldout3"


def _read(name: str) -> tuple[Policy, dict[str, str]]:
    return read_held(HELD / f"{name}.txt")


def _tops(rows: dict[str, str]) -> list[str]:
    return [node for node, kind in rows.items() if kind == "heading" and "." not in node and node != "front"]


def test_centene_medical_three_levels_and_a_layout_log() -> None:
    policy, rows = _read("01_centene_cp_mp_hereditary_cancer")
    assert (policy.header.title, policy.reference_number) == (
        "Genetic Testing: Hereditary Cancer Susceptibility", "CP.MP.214"
    )  # fmt: skip
    base = "Policy-Criteria.Hereditary-Breast-and-Ovarian-Cancer-Syndrome.I"
    assert rows[base] == "set:all" and rows[base + ".C"] == "any" and rows[base + ".C.1"] == "any"
    assert f"{base}.C.1.d" in rows and f"{base}.C.1.e" not in rows
    assert _tops(rows) == ["Description", "Policy-Criteria", "Background", "Coding-Implications", "References",
                           "Important-Reminder"]  # fmt: skip
    assert [(d.year, d.month) for d in log_dates(policy)] == [(2023, 3), (2024, 2), (2025, 1), (2026, 1)]


def test_wellcare_cells_a_line_and_running_headers() -> None:
    policy, rows = _read("02_wellcare_cp_mp_sleep_testing")
    assert policy.header.title == "Sleep Studies: Polysomnography and Home Sleep Apnea Testing"
    assert rows["Policy-Criteria.Home-Sleep-Apnea-Testing.I.C"] == "none"
    assert "Policy-Criteria.Home-Sleep-Apnea-Testing.I.C.4" not in rows
    assert not any("CLINICAL-POLICY" in node or "Sleep-Studies" in node for node in rows)
    codes = [n.rsplit(".", 1)[-1] for n, k in rows.items() if k == "row"]
    assert codes == ["95800", "95806", "95808", "95810", "95811", "G0398", "G0399"]
    assert [(d.year, d.month) for d in log_dates(policy)] == [(y, 11) for y in range(2021, 2026)]


def test_uhc_title_contents_and_history() -> None:
    policy, rows = _read("03_uhc_commercial_tms")
    assert (policy.header.title, policy.reference_number) == ("Transcranial Magnetic Stimulation", "2026T0536Y")
    assert {"Description-of-Services", "U-S-Food-and-Drug-Administration"} <= set(_tops(rows))
    assert _tops(rows)[0] == "Coverage-Rationale"  # (contents and related-policy link blocks: front matter)
    front = {n for n in rows if n.startswith("front.")}
    assert {"front.b1.1", "front.b3.1"} <= front
    assert not any(k.startswith("set") for n, k in rows.items() if "Unproven" in n)
    assert log_dates(policy) == [dt.date(2024, 6, 1), dt.date(2025, 3, 1), dt.date(2026, 2, 1)]


@pytest.mark.xfail(strict=True, reason="headings 3 deep with no marker or case to tell them apart")
def test_uhc_headings_three_deep() -> None:
    _, rows = _read("03_uhc_commercial_tms")
    assert "Coverage-Rationale.Major-Depressive-Disorder.Initial-Treatment" in rows


def test_anthem_headerless_code_tables_and_status_date_action_history() -> None:
    policy, rows = _read("04_anthem_cg_hbot")
    assert policy.reference_number == "CG-MED-92"
    # (the history's heading stays where the document writes it; its entries are the log's)
    assert _tops(rows) == ["Description", "Clinical-Indications", "Coding", "Discussion-General-Information",
                           "Definitions", "References", "Index", "History"]  # fmt: skip
    assert rows["Coding.ICD-10-Diagnosis.t1.T70-3XXA-T70-3XXS"] == "row" and rows["Coding.CPT.t1.99183"] == "row"
    assert log_dates(policy) == [dt.date(2023, 5, 11), dt.date(2024, 2, 15), dt.date(2024, 10, 1),
                              dt.date(2025, 2, 13), dt.date(2026, 2, 12)]  # fmt: skip


def test_bcbs_prose_history_out_of_order() -> None:
    policy, rows = _read("05_bcbs_cgm")
    assert policy.header.title == "Continuous Glucose Monitoring Systems"
    assert rows["Policy.Personal-Therapeutic-CGM.c1.3.b"] == "any"
    assert not any(k.startswith("set") for n, k in rows.items() if n.startswith("Policy.Investigational"))
    assert [(d.year, d.month) for d in log_dates(policy)] == [(2022, 2), (2023, 10), (2025, 3), (2026, 1), (2026, 4)]


def test_bcbs_codes_table() -> None:
    policy, _ = _read("05_bcbs_cgm")
    tables = [b for s in policy.body for b in s.blocks if isinstance(b, Table)]
    assert tables and tables[0].header == ("Codes", "Number", "Description") and len(tables[0].rows) == 6


def test_centene_three_column_table_and_a_contractor_table() -> None:
    policy, rows = _read("01_centene_cp_mp_hereditary_cancer")
    assert rows["Description.t1.81162"] == "row"
    (first, *_) = [b for s in policy.body for b in s.blocks if isinstance(b, Table)]
    assert first.header == ("CPT Code", "Test", "Example Lab/Test") and len(first.rows) == 5
    icd = [b for b in body_tables(policy) if b.header[0].startswith("ICD")]  # (under Coding Implications)
    assert [r.key for r in icd[0].rows] == ["C50.011-C50.929", "C56.1-C56.9", "Z15.01", "Z80.3"]
    lcd, _ = _read("09_cms_lcd_webpage_fragment")
    tables = [b for s in lcd.body for b in s.blocks if isinstance(b, Table)]
    assert tables[0].header == ("Contractor Name", "Contract Type", "Contract Number", "Jurisdiction", "States")
    assert len(tables[0].rows) == 3


def test_geisinger_roman_sections() -> None:
    _, rows = _read("06_geisinger_knee_arthroplasty")
    assert not any(k.startswith("set") for n, k in rows.items() if "Responsibility" in n or n.startswith("Geis"))


def test_priority_health_print_header_and_code_tables() -> None:
    policy, rows = _read("08_priorityhealth_reduction_mammaplasty.chromium.pdftotext-layout")
    assert (policy.header.title, policy.reference_number) == ("Reduction Mammaplasty", "91541-R7")
    assert policy.header.effective_date == dt.date(2026, 4, 1)
    assert "Date of Origin: May 2009 (2009-05)" in policy.header.extras
    schnur = ["1-40", "1-50", "1-60", "1-70", "1-80", "1-90", "2-00"]  # (split 3 + 4 by the page break)
    assert [n.rsplit(".", 1)[-1] for n, k in rows.items() if k == "row"] == [*schnur, "19318", "N62", "L30-4", "M54-2"]


def test_cms_lcd_page_title_and_identifier_past_the_site_navigation() -> None:
    policy, rows = _read("09_cms_lcd_webpage_fragment")
    assert policy.header.title == "Outpatient Physical and Occupational Therapy Services for Lymphedema"
    assert policy.reference_number == "L39912"
    assert rows["Coverage-Indications-Limitations-and-or-Medical-Necessity.c1.4"] == "any"


def test_cms_lcd_history() -> None:
    policy, _ = _read("09_cms_lcd_webpage_fragment")
    assert log_dates(policy) == [dt.date(2025, 3, 1), dt.date(2025, 8, 15), dt.date(2026, 2, 1)]


def test_molina_viewer_copy_is_no_family_policy() -> None:
    policy, _ = _read("10_molina_viewer_copy_vedolizumab")
    assert (policy.template, policy.header.title, policy.reference_number) == (
        "generic", "Vedolizumab (Entyvio)", "412"
    )  # fmt: skip


def test_molina_one_line_criteria() -> None:
    _, rows = _read("10_molina_viewer_copy_vedolizumab")
    assert "COVERAGE-POLICY.c1.A.6" in rows and rows["COVERAGE-POLICY.c1.A.4"] == "any"
    assert "COVERAGE-POLICY.c1.A.4.b" in rows and "COVERAGE-POLICY.c1.B.5" in rows


def _diff(pair: str) -> str:
    folder = HELD / "pairs" / pair
    result = run_cli("diff", str(folder / "old.txt"), str(folder / "new.txt"), "--recover")
    return result.stdout


@pytest.mark.slow
def test_humana_pair_shows_its_real_changes_and_no_noise() -> None:
    out = _diff("C_humana_bmd")
    assert "Men age [-70-] {+65+}" in out and "Z79.811" in out and "aromatase inhibitor" in out
    assert "Page: 2 of 7" not in out and "experi" not in out  # (the page break and the hyphenation: no change)


@pytest.mark.slow
def test_kaiser_pair_shows_its_real_changes_and_no_page_break() -> None:
    out = _diff("B_kaiser_wa_sacral_nm")
    assert "[-ALL-] {+ANY+}" in out and "CPT 64595" in out
    assert "Page 2 of 4" not in out and "Clinical Review Criteria Sacral" not in out
    assert "modu" not in out  # hyphenated at a line end in one copy only: the same word
    assert "NOTICE" not in out  # rewrapped only


@pytest.mark.slow
def test_aetna_pair_shows_its_real_changes_and_no_running_header() -> None:
    out = _diff("A_aetna_cpb0723")
    assert "[-12-] {+5+}" in out and "J82.83" in out and "current smoker" in out
    assert "Page 2 of 5" not in out and "Policy Bulletins" not in out and "indication;" not in out
