"""History, dates, identifiers and header fields of other payers' policies (the generic template), read from
what their text states — new fixtures in ``tests/fixtures/history``: HTML written in the styles of real
payers' published policies, printed by Chromium headless with its default header and footer and taken
through ``pdftotext`` and ``pdftotext -layout`` (the print's ``file://`` address replaced by a web one).
The HTML sources are kept beside them (``*.html``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from heldout_support import log_dates

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy
from policyvc.parser.written_dates import read_date
from policyvc.store.meta import key_date


def parse_text(text: str, source: str, template: str = "generic") -> Policy:
    return parse_text_report(text, source, recover=True, template=template).policy


HISTORY = FIXTURES / "history"
D = dt.date
# Each print, through ``pdftotext`` and ``pdftotext -layout``: (title, identifier, key date, history dates).
PRINTS = {
    "premera-hearing-loss-genetics": (  # date-last `Action | Date` table; title (12.04.88) wrapped below it;
        "Genetic Testing for Hereditary Hearing Loss", "12.04.88", D(2026, 1, 8),  # a notice period, a study
        [D(2015, 7, 1), D(2024, 5, 1), D(2025, 1, 9), D(2026, 1, 8)],  # date, Next Review, Review Dates: no
    ),
    "highmark-pulmonary-rehab": (  # a label/value grid; `Date | Action`; `Next Review Date` is no review date
        "Pulmonary Rehabilitation", "M-62", D(2026, 3, 1), [D(2019, 1, 1), D(2024, 6, 1), D(2025, 3, 1), D(2026, 3, 1)]
    ),
    "aetna-bone-density": (  # Policy History fields: Last Review is the key, Effective and Next Review no entries
        "Bone Density Studies", "0245", D(2026, 1, 15), []
    ),
    "anthem-bariatric-surgery": (  # identifier in parentheses after the title; `Status | Date | Action`
        "Bariatric Surgery and Other Treatments for Clinically Severe Obesity", "CG-SURG-83", D(2025, 11, 13),
        [D(2023, 11, 9), D(2024, 4, 1), D(2024, 11, 14), D(2025, 11, 13)],
    ),
    "bcbs-cpm-home": (  # fields on one line; `DATE | ACTION` with month dates; `Reviewed: 03/2024, 03/2023`
        "Continuous Passive Motion in the Home Setting", "1.01.10", D(2026, 3, 1),
        [D(2023, 3, 1), D(2024, 3, 1), D(2024, 9, 1), D(2025, 3, 1), D(2026, 3, 1)],
    ),
    "cms-lcd-pulsed-lavage": (  # `LCD ID` / value; R5 rows; Public Versions and the notice period are no history
        "Pulsed Lavage for Wound Care", "L33822", D(2026, 1, 1), [D(2019, 10, 1), D(2023, 10, 1), D(2026, 1, 1)]
    ),
}  # fmt: skip


@pytest.mark.parametrize("extraction", ["pdftotext", "pdftotext-layout"])
@pytest.mark.parametrize("name", sorted(PRINTS))
def test_a_browser_print_reads_to_its_title_identifier_key_and_history(name: str, extraction: str) -> None:
    policy = parse_file_report(HISTORY / f"{name}.chromium.{extraction}.txt", recover=True).policy
    title, reference, key, history = PRINTS[name]
    assert (policy.header.title, policy.reference_number) == (title, reference)
    assert key_date(policy, source=name) == key
    assert log_dates(policy) == history


# Text copies in other payers' styles (web copies, exports): (title, identifier, key date, history dates).
TEXTS = {
    "carelon-brain-imaging": (  # `Topic: Subject` title below the plan's lines; `Status  Date  Action`
        "Advanced Imaging: Imaging of the Brain", "CG-IMG-012", D(2025, 11, 13),
        [D(2023, 3, 9), D(2024, 11, 14), D(2025, 11, 13)],
    ),
    "uhc-cochlear-implants": (  # `Date  Summary of Changes` with bullets inside an entry
        "Cochlear Implants", "2026T0397R", D(2026, 4, 1), [D(2025, 6, 1), D(2026, 4, 1)]
    ),
    "humana-spinal-cord-stimulators": (  # fields on one line; `Change Summary` bullets
        "Spinal Cord Stimulators", "HUM-0512-023", D(2026, 5, 22), [D(2025, 5, 23), D(2026, 5, 22)]
    ),
    "molina-si-joint-fusion": (  # the plan's name above the title; `Next Review Due By` is no history
        "Sacroiliac Joint Fusion", "515", D(2026, 2, 12), [D(2022, 6, 8), D(2025, 2, 13), D(2026, 2, 12)]
    ),
    "geisinger-speech-therapy": (  # `Policy: MP045`, `Subject:`; Devised/Revised/Reviewed lines, dates on one line
        "Speech Therapy", "MP045", D(2026, 1, 1),
        [D(2015, 4, 1), D(2024, 6, 1), D(2025, 6, 1), D(2025, 8, 1), D(2026, 1, 1)],
    ),
    "bcbs-transcranial-doppler": (  # `Medical Policy 2.01.45`; `January 2026:` rows; a study date is no entry
        "Transcranial Doppler Ultrasonography", "2.01.45", D(2026, 1, 1), [D(2024, 3, 1), D(2025, 7, 1), D(2026, 1, 1)]
    ),
    "aetna-cardiac-rehab-web-copy": (  # a page title's site words; `Last Review` with no colon is the key
        "Cardiac Rehabilitation", "0021", D(2026, 1, 15), []
    ),
    "regence-hyperhidrosis": (  # a two-column label grid (`Topic:`); `05-01-2026` dates under `REVISIONS`
        "Hyperhidrosis Treatments", "124", D(2026, 5, 1), [D(2012, 3, 1), D(2025, 2, 1), D(2026, 5, 1)]
    ),
    "evicore-spine-imaging": (  # `Version 1.0.2026` is no title, `Effective January 1, 2026` a bare field
        "Spine Imaging Guidelines", "CMM-311", D(2025, 10, 15), [D(2024, 10, 15), D(2025, 10, 15)]
    ),
    "plan-knee-arthroscopy-print-header": (  # a print's date line; `(MP-0398)` after the title
        "Knee Arthroscopy", "MP-0398", D(2026, 1, 1), [D(2024, 6, 1), D(2025, 6, 1), D(2025, 8, 1), D(2026, 1, 1)]
    ),
    "cigna-tumor-treatment-fields": (  # dotted leaders; a tab table `Type of Revision | Summary | Date`
        "Tumor Treatment Fields Therapy", "0112", D(2026, 4, 15), [D(2024, 4, 15), D(2025, 9, 15), D(2026, 4, 15)]
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_text_copy_reads_to_its_title_identifier_key_and_history(name: str) -> None:
    policy = parse_file_report(HISTORY / f"{name}.txt", recover=True).policy
    title, reference, key, history = TEXTS[name]
    assert (policy.header.title, policy.reference_number) == (title, reference)
    assert key_date(policy, source=name) == key
    assert log_dates(policy) == history


HEAD = "Knee Bracing\n\n{field}\n\nPolicy\nBraces are covered when the knee is unstable.\n"


@pytest.mark.parametrize(
    ("field", "reference"),
    [
        ("Guideline ID: CG123", "CG123"),
        ("Policy Number: HUM-0512-023", "HUM-0512-023"),
        ("Section: Surgery, Policy No. 7.01.92", "7.01.92"),
        ("Policy: 2.01.45", "2.01.45"),
        ("Medical Policy 1.01.10", "1.01.10"),
        ("Clinical Policy Bulletin Number: 0245", "0245"),
        ("LCD ID L33822", "L33822"),
        ("Policy #: 123", "123"),
        ("Coverage Policy Number ........ 0531   Knee Bracing", "0531"),
        ("Policy Number: see below", ""),  # (no identifier stated: none guessed)
        ("Policy 2026 update", ""),  # (a year is no identifier)
    ],
)
def test_identifier_fields(field: str, reference: str) -> None:
    policy = parse_text(HEAD.format(field=field) + "Effective Date: 01/01/2026\n", "x.txt", template="generic")
    assert policy.reference_number == reference


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Bariatric Surgery (CG-SURG-83)", ("Bariatric Surgery", "CG-SURG-83")),
        ("Wound Care (L39912)", ("Wound Care", "L39912")),
        ("Testing for SARS-CoV-2 (COVID-19)", ("Testing for SARS-CoV-2 (COVID-19)", "")),
        ("Lipid Panels (2024)", ("Lipid Panels (2024)", "")),
    ],
)
def test_an_identifier_in_parentheses_after_the_title(title: str, expected: tuple[str, str]) -> None:
    policy = parse_text(f"{title}\nEffective Date: 01/01/2026\n\nPolicy\nCovered.\n", "x.txt", template="generic")
    assert (policy.header.title, policy.reference_number) == expected


def test_aetna_policy_history_fields_last_review_is_the_key_next_review_is_not_history() -> None:
    text = (
        "Bone Density Studies\n\nNumber: 0245\n\nPolicy History\nLast Review 01/15/2026\nEffective: 06/01/1998\n"
        "Next Review: 01/14/2027\n\nPolicy\nAetna considers bone density studies medically necessary.\n"
    )
    policy = parse_text(text, "x.txt", template="generic")
    assert policy.header.last_review == dt.date(2026, 1, 15) and policy.header.effective_date == dt.date(1998, 6, 1)
    assert not [e for e in policy.revision_log if e.date == dt.date(2027, 1, 14)]


def test_quarter_dates_and_rows_of_other_shapes_in_one_paragraph() -> None:
    quarter = read_date("Q3 2024")
    assert quarter is not None and quarter.date == dt.date(2024, 7, 1) and quarter.month_only
    text = "Vedolizumab\nPolicy No. 412\n\nApproval History\n"
    text += "02/11/2026 Annual review. Q1 2025 Annual review. Q2 2022 New.\n"
    policy = parse_text(text, "x.txt", template="generic")
    assert log_dates(policy) == [dt.date(2022, 4, 1), dt.date(2025, 1, 1), dt.date(2026, 2, 11)]


def test_a_table_of_other_dates_under_a_history_heading_is_no_history() -> None:
    text = (
        "Wound Care (L38902)\n\nRevision History Information\n"
        "Revision History Date\tRevision History Number\tRevision History Explanation\n"
        "02/01/2026\tR2\tCriteria revised.\n03/01/2025\tR1\tThe LCD is effective.\n\n"
        "Public Versions\nUpdated On\tEffective Dates\tStatus\n01/22/2026\t02/01/2026 - N/A\tCurrently in Effect\n"
    )
    policy = parse_text(text, "x.txt", template="generic")
    assert log_dates(policy) == [dt.date(2025, 3, 1), dt.date(2026, 2, 1)]


def test_a_named_template_reads_text_that_names_no_policy() -> None:
    policy = parse_text("A note about braces.\nBraces help.\n", "x.txt", template="generic")
    assert policy.template == "generic" and policy.header.title == ""


@pytest.mark.slow
def test_ingest_files_each_print_under_its_identifier_and_its_latest_history_date(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run_cli("ingest", "--store", str(store), *sorted(str(p) for p in HISTORY.glob("*layout.txt")))
    assert result.returncode == 0, result.stderr
    stored = sorted((p.name, [d.name for d in p.iterdir()]) for p in store.iterdir() if not p.name.startswith("."))
    assert stored == [
        ("0245", ["2026-01-15"]),
        ("1.01.10", ["2026-03-01"]),
        ("12.04.88", ["2026-01-08"]),
        ("CG-SURG-83", ["2025-11-13"]),
        ("L33822", ["2026-01-01"]),
        ("M-62", ["2026-03-01"]),
    ]


def test_dates_left_unread_in_a_history_section_are_a_warning() -> None:
    text = (
        "Knee Bracing\nPolicy Number: KB-101\n\nPolicy\nCovered.\n\nPolicy History\n"
        "01/2026 - Annual review.\n\nCommittee approvals on 03/2025 and 04/2025 were recorded.\n"
    )
    report = parse_text_report(text, "x.txt", recover=True, template="generic")
    assert log_dates(report.policy) == [dt.date(2026, 1, 1)]
    assert any("not read as history entries" in d.message and d.line == 10 for d in report.diagnostics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05-01-2026", dt.date(2026, 5, 1)),
        ("10-12 weeks", None),
        ("2024-2025", None),
        ("Q4-2024", dt.date(2024, 10, 1)),
    ],
)
def test_dates_with_dashes_need_a_four_digit_year(text: str, expected: dt.date | None) -> None:
    found = read_date(text)
    assert (found.date if found else None) == expected


def test_dated_paragraphs_run_onto_the_original_effective_date_line_are_rows_of_their_own() -> None:
    """A web copy's history with no blank line between its lines: ``Original Effective Date: …`` then
    ``MM/DD/YYYY: …`` rows — each row keeps its own words, never the label's."""
    text = (
        "Summit Health Medical Policy\nHome Oxygen Therapy\nPolicy Number: SH-0311\nEffective Date: 02/27/2026\n\n"
        "Indications\nHome oxygen is covered when resting saturation is 88% or below.\n\n"
        "Policy History\nOriginal Effective Date: 01/01/2012\n09/26/2025: Annual review; references updated.\n"
        "09/27/2024: Annual review; updated the saturation threshold.\n"
    )
    log = parse_text(text, "p.txt").revision_log
    assert [(e.date, e.description) for e in log] == [
        (dt.date(2012, 1, 1), "Original effective"),
        (dt.date(2024, 9, 27), "Annual review; updated the saturation threshold."),
        (dt.date(2025, 9, 26), "Annual review; references updated."),
    ]
