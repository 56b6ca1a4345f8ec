"""Running lines and titles: a running header that writes the policy's number and the title its head gives as a
``Title:`` field, a Medicare plan's material ID at a page's foot, a header table whose first cell names the plan
or the kind of document (the title in the row below), and a web page's toolbar or breadcrumb trail right above
the title.  Each is the page's, never the policy's text or title.  The header-table fixtures are HTML in
``tests/fixtures/header_tables/src`` printed by Chromium (raw and ``-layout`` pdftotext) and copied as text;
the inline ones are written in the shapes payers publish, with words of their own — and what must not match."""

from __future__ import annotations

from pathlib import Path

import pytest
from heldout_support import body_texts, section_titles

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.furniture import material_id
from policyvc.parser.nodes import CriteriaSet, Criterion, Policy, Section
from policyvc.parser.outline import _crumbs_line
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures" / "header_tables"


def _read(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


def _set_items(policy: Policy, lead: str) -> list[str]:
    """The texts of the items of the criteria set whose lead-in starts with ``lead``."""
    stack: list[Section] = list(policy.body)
    while stack:
        s = stack.pop()
        stack.extend(b for b in s.blocks if isinstance(b, Section))
        for b in s.blocks:
            if isinstance(b, CriteriaSet) and b.title.startswith(lead):
                return [c.text for c in b.criteria if isinstance(c, Criterion)]
    return []


# --- a running header naming the number and the ``Title:`` field's title -----------------------------------

_TITLE_FIELD = """\
Lakeshore Family Health
Clinical Coverage Policy
Policy Title: Hyperbaric Oxygen Therapy
Policy Number: LFH-CP-0318
Effective Date: 05/01/2026
Background
Hyperbaric oxygen therapy delivers 100 percent oxygen in a pressurised chamber.
Coverage Criteria
Hyperbaric oxygen therapy is covered for a member with either of the following:
1. Chronic refractory osteomyelitis unresponsive to conventional treatment;
2. Diabetic wound of the lower extremity, Wagner grade 3 or higher, after 30 days of standard wound care.
Codes
Code Description
99183 Physician attendance and supervision of hyperbaric oxygen therapy
G0277 Hyperbaric oxygen under pressure, full body chamber, per 30 minute interval
Page 1 of 2
LFH-CP-0318 Hyperbaric Oxygen Therapy
Policy History
Date Summary
05/01/2026 Annual review
05/01/2025 New policy
Page 2 of 2
"""

_NAME_FIELD_IN_LIST = """\
Riverbend Health Partners
Medical Policy
Medical Policy Title: Cochlear Implants in Adults
Document Number: RHP.SUR.221
Effective Date: 07/01/2026
Summary
A cochlear implant is a surgically implanted device that stimulates the auditory nerve.
Criteria
A unilateral cochlear implant is medically necessary when the member meets all of the following:
1. Bilateral moderate-to-profound sensorineural hearing loss;
2. Limited benefit from appropriately fitted hearing aids;
Page 1 of 2
RHP.SUR.221 Cochlear Implants in Adults
3. No contraindication to surgery.
Coding
Code Description
69930 Cochlear device implantation, with or without mastoidectomy
Page 2 of 2
"""


@pytest.mark.parametrize(
    ("text", "header"),
    [(_TITLE_FIELD, "LFH-CP-0318 Hyperbaric Oxygen Therapy"), (_NAME_FIELD_IN_LIST, "RHP.SUR.221 Cochlear Implants")],
    ids=["between-sections", "inside-a-list"],
)
def test_a_running_header_with_the_title_fields_words_is_no_heading(text: str, header: str) -> None:
    policy = _read(text)
    assert not any(header in t for t in section_titles(policy))
    assert not any(header in t for t in body_texts(policy, titles=True))


def test_a_list_goes_on_past_the_running_header() -> None:
    policy = _read(_NAME_FIELD_IN_LIST)
    assert policy.header.title == "Cochlear Implants in Adults"
    assert _set_items(policy, "A unilateral cochlear implant") == [
        "Bilateral moderate-to-profound sensorineural hearing loss;",
        "Limited benefit from appropriately fitted hearing aids;",
        "No contraindication to surgery.",
    ]


def test_the_title_field_written_in_a_sentence_stays() -> None:
    # (what must not go: a line past the head that says the title in the text, not beside a page's number)
    text = _TITLE_FIELD.replace("Policy History\n", "Policy History\nHyperbaric Oxygen Therapy\n", 1)
    policy = _read(text)
    assert "Hyperbaric Oxygen Therapy" in " ".join(body_texts(policy, titles=True))


# --- a Medicare plan's material ID --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["H5141_NPWT_2026", "Y0117_PRX2290_2025_C Accepted 08/20/2025", "H7788_SCS_2026", "S1234_MKT_77 Approved"]
)
def test_a_material_id_is_furniture(line: str) -> None:
    assert material_id(line)


@pytest.mark.parametrize(
    "line",
    [
        "H0031",  # (a HCPCS code alone: a code table's cell)
        "H0031 Mental health assessment, by non-physician",
        "H5141 is the contract number of the plan.",
        "Y0117_PRX2290 is the material ID the plan files.",  # (a sentence that names one)
        "E0240_2026",  # (no contract's letter)
        "H514_NPWT",  # (three digits: no contract number)
    ],
)
def test_no_other_line_is_a_material_id(line: str) -> None:
    assert not material_id(line)


_HEADER_TABLE_FORMS = [
    "plan-cell-title.chromium.pdftotext.txt",
    "plan-cell-title.chromium.pdftotext-layout.txt",
    "plan-cell-title.web.txt",
    "kind-cell-title.chromium.pdftotext.txt",
    "kind-cell-title.chromium.pdftotext-layout.txt",
    "kind-cell-title.web.txt",
]


@pytest.mark.parametrize("name", _HEADER_TABLE_FORMS)
def test_a_material_id_at_the_foot_is_in_no_node(name: str) -> None:
    policy = parse_file_report(FIXTURES / name, recover=True).policy
    outline = render_outline(policy)
    assert "H7788_" not in outline
    assert "Y0117_" not in outline
    assert policy.header.title not in ("H7788_SCS_2026", "Y0117_PRX2290_2025_C Accepted 08/20/2025")


# --- a header table: the plan's (or the kind's) cell, then the title's row --------------------------------------


@pytest.mark.parametrize(
    "name",
    ["plan-cell-title.chromium.pdftotext.txt", "plan-cell-title.web.txt"],
)
def test_the_title_is_the_row_below_the_plans_cell(name: str) -> None:
    policy = parse_file_report(FIXTURES / name, recover=True).policy
    assert policy.header.title == "Spinal Cord Stimulation for Chronic Pain"
    assert policy.header.reference_number == "NCH-MP-0214"


@pytest.mark.parametrize("name", _HEADER_TABLE_FORMS)
def test_the_plans_or_kinds_cell_is_never_the_title(name: str) -> None:
    # (a ``-layout`` print runs the two cells of a row together: no title there is fail-safe, a wrong one is not)
    title = parse_file_report(FIXTURES / name, recover=True).policy.header.title
    assert "Medical Policy" not in title
    assert not title.endswith("Criteria Criteria")


_ROW_TITLE = """\
Harbor Point Health Clinical Criteria
Criteria ID: HPH-PA-4410
Omalizumab for Chronic Spontaneous Urticaria Effective Date: 10/01/2025
Initial Approval
Approval requires all of the following:
1. Age 12 years or older;
2. Hives on most days for 6 weeks or more despite a second-generation antihistamine.
"""


def test_a_title_cell_before_a_field_on_its_row_is_the_title() -> None:
    policy = _read(_ROW_TITLE)
    assert policy.header.title == "Omalizumab for Chronic Spontaneous Urticaria"


@pytest.mark.parametrize(
    "row",
    [
        "Original Effective Date: 10/01/2025",  # (a label's first word: one word, never a title)
        "Next Review Effective Date: 10/01/2025",  # (two)
        "Harbor Point Health Plan Effective Date: 10/01/2025",  # (a plan's name)
    ],
)
def test_a_labels_first_words_or_a_plan_before_a_field_are_no_title(row: str) -> None:
    policy = _read(_ROW_TITLE.replace("Omalizumab for Chronic Spontaneous Urticaria Effective Date: 10/01/2025", row))
    assert policy.header.title != row.split(" Effective Date")[0]


# --- a web page's toolbar or breadcrumb trail right above the title ----------------------------------------------

_TOOLBAR = """\
Oregon Health Authority
Home > Health Plan Services > Pharmacy Program > Clinical Criteria
Contact us | Accessibility | Subscribe to news alerts
Growth Hormone Therapy: Prior Authorization Criteria
Criteria number: OHA-RX-0877
Revised: 03-01-2026
Approval criteria
Growth hormone is approved when the member meets both of the following:
1. Documented growth hormone deficiency by two provocative tests;
2. Epiphyses open on a radiograph within the last 12 months.
"""

_CRUMBS = """\
Cascade Valley Care
Home / Providers / Clinical Policies / Surgery
Reduction Mammaplasty: Medical Necessity Criteria
Policy number: CVC-SG-1102
Updated: 02-15-2026
Criteria
Reduction mammaplasty is covered when all of the following are met:
1. Shoulder, neck or back pain for at least 6 months;
2. Failure of a supportive garment trial.
"""


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (_TOOLBAR, "Growth Hormone Therapy: Prior Authorization Criteria"),
        (_CRUMBS, "Reduction Mammaplasty: Medical Necessity Criteria"),
        (_CRUMBS.replace("Surgery\n", "Surgery\nFind a Doctor  |  Español  |  Get email updates\n"), None),
    ],
    ids=["toolbar", "crumbs", "crumbs-then-toolbar"],
)
def test_a_web_pages_links_never_run_on_into_the_title(text: str, title: str | None) -> None:
    expected = title or "Reduction Mammaplasty: Medical Necessity Criteria"
    assert _read(text).header.title == expected


@pytest.mark.parametrize(
    "line",
    [
        "Home / Providers / Clinical Policies / Surgery",
        "Home > Members > Pharmacy > Prior Authorization",
        "Providers » Policies » Medical » Imaging",
    ],
)
def test_a_breadcrumb_trail(line: str) -> None:
    assert _crumbs_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Medicare / Medicaid / Commercial",  # (lines of business set apart by slashes: no trail from ``Home``)
        "Home / Providers",  # (two parts)
        "Dose > 10 mg > 5 mg when the member weighs less than 40 kilograms and the dose is divided in two",
        "Home health aide services are covered when ordered by the physician / nurse practitioner / PA",
    ],
)
def test_no_other_line_is_a_breadcrumb_trail(line: str) -> None:
    assert not _crumbs_line(line)


def test_a_sentence_wrapped_after_slashes_still_goes_on() -> None:
    # (what must not break: a wrapped line of a paragraph that happens to hold slashes joins the next)
    text = _CRUMBS.replace(
        "Reduction mammaplasty is covered when all of the following are met:",
        "Reduction mammaplasty / breast reduction / reduction surgery is covered\nwhen all of the following are met:",
    )
    policy = _read(text)
    assert _set_items(policy, "Reduction mammaplasty / breast reduction") != [] or any(
        "reduction surgery is covered when all" in t for t in body_texts(policy)
    )
