"""Subheadings the words alone set apart (``tests/fixtures/sections``, goldens in ``tests/golden/sections``):

* a subheading in sentence case over its lead-in and list (``Indications that are not covered`` /
  ``Acupuncture is not covered for any of the following indications:`` / ``1. …``), in a web copy written a
  block a line and in a viewer's wrapped copy, below a paragraph, a heading or a list's last item;
* a title with a remark in parentheses (``Inclusionary and Exclusionary Guidelines (Clinical features …)``),
  and headings of the shared vocabulary (``Guideline``, ``Inclusions:``);
* a line of codes (``97112 97110 97530``) is never a heading; the last name of a list of related policies
  right above a section's heading is no heading either;
* fail safe: a short criterion of a list without markers, a lead-in without its colon, a line a print wrapped
  mid-sentence stay text — a wrong heading would split the list and change its criteria's ids.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from docgen import chromium_pdf, need
from heldout_support import find_section, section_titles
from hypothesis import given, settings
from hypothesis import strategies as st

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import CriteriaSet, Paragraph, Policy, Section
from policyvc.renderer.outline import render_outline
from policyvc.renderer.text import render_text

WEB = FIXTURES / "sections" / "web-acupuncture-subheadings.web.txt"
VIEWER = FIXTURES / "sections" / "viewer-copy-codes-subheadings.txt"


def _sets(section: Section) -> list[CriteriaSet]:
    return [b for b in section.blocks if isinstance(b, CriteriaSet)]


def test_sentence_case_subheadings_over_lead_ins_in_a_web_copy() -> None:
    policy = parse_file_report(WEB, recover=True).policy
    guideline = find_section(policy, "Guideline")
    assert [b.title for b in guideline.blocks if isinstance(b, Section)] == [
        "Chronic low back pain",
        "Continued treatment",
        "Indications that are not covered",
        "Inclusionary and Exclusionary Guidelines (Features that may change the course of care)",
    ]
    first = _sets(find_section(policy, "Chronic low back pain"))
    assert len(first) == 1 and len(first[0].criteria) == 3  # (the list ends at the next subheading)
    assert [len(s.criteria) for s in _sets(find_section(policy, "Continued treatment"))] == [2]


def test_a_list_of_related_policies_above_a_known_heading_is_no_heading() -> None:
    policy = parse_file_report(WEB, recover=True).policy
    headings = section_titles(policy)
    assert "Massage Therapy" not in headings and "Physical Therapy Services" not in headings
    assert headings.index("Related Policies") + 1 == headings.index("Guideline")


def test_subheadings_in_a_viewers_wrapped_copy_and_codes_lines() -> None:
    policy = parse_file_report(VIEWER, recover=True).policy
    headings = section_titles(policy)
    assert headings == [
        "Description",
        "Policy Statement",
        "Inclusionary and Exclusionary Guidelines (Clinical features which may change care)",
        "Inclusions",
        "Renewal of therapy",
        "Exclusions",
        "CPT/HCPCS Codes",
        "Policy History",
    ]
    # (the back matter's heading with a note in parentheses: the heading, then the note)
    note = find_section(policy, "CPT/HCPCS Codes").blocks[0]
    assert isinstance(note, Paragraph) and note.text.startswith("(Note: Listing a code") and note.text.endswith(".)")
    assert [len(s.criteria) for s in _sets(find_section(policy, "Inclusions"))] == [2]
    assert [len(s.criteria) for s in _sets(find_section(policy, "Renewal of therapy"))] == [2]


_UNMARKED = """Transcatheter Valve Repair
Policy Number: TVR-100
Effective Date: 01/01/2027

Coverage Criteria
The repair is considered medically necessary when all of the following are met:
Age 18 years or older
Symptoms despite medical therapy
Continuation requires all of the following criteria to be documented:
1. Improvement in symptoms.
2. No new contraindication.
"""

_NO_COLON = """Transcatheter Valve Repair
Policy Number: TVR-100
Effective Date: 01/01/2027

Coverage Criteria
The repair is covered for members who meet the criteria below.
Members must meet all of the following
Each criterion is documented by the treating cardiologist as follows:
1. Age 18 years or older.
2. Symptoms despite medical therapy.
"""

_WRAPPED = """Transcatheter Valve Repair
Policy Number: TVR-100
Effective Date: 01/01/2027

Coverage Criteria
The repair is considered medically necessary for members with severe mitral regurgitation who
Remain Symptomatic
Repair is covered when the heart team documents all of the following criteria in the record:
1. Age 18 years or older.
2. Symptoms despite medical therapy.
"""


def test_fail_safe_short_lines_that_are_no_subheadings_stay_text() -> None:
    for text in (_UNMARKED, _NO_COLON, _WRAPPED):
        policy = parse_text_report(text, "valve.txt", recover=True).policy
        assert section_titles(policy) == ["Coverage Criteria"], text


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.from_regex(r"[0-9]{5}|[0-9]{4}[FTU]|[A-V][0-9]{4}|[0-9]{1,2}\.[0-9]{1,2}", fullmatch=True),
        min_size=2,
        max_size=6,
    )
)
def test_a_line_of_codes_is_never_a_heading(codes: list[str]) -> None:
    line = " ".join(codes)
    text = (
        "Sleep Testing\nPolicy Number: ST-1\nEffective Date: 01/01/2027\n\nCodes\n"
        f"Covered codes:\n\n{line}\n\nOther codes:\n{line}\n\nReferences\n1. A study. 2020.\n"
    )
    policy = parse_text_report(text, "codes.txt", recover=True).policy
    assert line not in section_titles(policy)


HEAD_BLOCK = FIXTURES / "sections" / "print-head-block-appendix.pdftotext.txt"


def test_the_first_heading_after_a_print_s_head_block_and_an_appendix_named_after_its_colon() -> None:
    policy = parse_file_report(HEAD_BLOCK, recover=True).policy
    headings = section_titles(policy)
    # (a field, a blank line, then a heading: the field is whole and the heading its own)
    assert "Scope" in headings
    assert not any(p.text.endswith("Scope") for p in _paragraphs(policy))
    # (a title writing one word in lower case, alone between blank lines)
    assert "Items Addressed by this Guideline" in headings
    # (a heading of the vocabulary naming what it holds after its colon: top level, its table under it)
    assert [s.title for s in policy.body].count("Appendix: Pressure Settings by Limb") == 1
    assert headings.index("Appendix: Pressure Settings by Limb") < headings.index("References")


def _paragraphs(policy: Policy) -> list[Paragraph]:
    out: list[Paragraph] = []
    stack = list(policy.body)
    while stack:
        s = stack.pop()
        out.extend(b for b in s.blocks if isinstance(b, Paragraph))
        stack.extend(b for b in s.blocks if isinstance(b, Section))
    return out


def test_a_heading_with_a_remark_after_its_colon_is_the_heading_then_the_remark() -> None:
    policy = parse_file_report(WEB, recover=True).policy
    section = find_section(policy, "Policy Guidelines")
    first = section.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text == "(These guidelines follow the plan's physical medicine policy.)"
    assert [len(s.criteria) for s in _sets(section)] == [2]


def test_the_canonical_text_reads_back_to_the_same_headings() -> None:
    """A subheading, a codes line kept as text, a heading's remark: the canonical text writes each so it reads
    back to the same tree (a paragraph that would read as a heading is escaped)."""
    for path in (WEB, VIEWER, HEAD_BLOCK):
        policy = parse_file_report(path, recover=True).policy
        again = parse_text_report(render_text(policy), "canonical.txt", recover=True).policy
        assert render_outline(again) == render_outline(policy), path.name


# --- a web page printed by Chromium, read from the PDF (the fonts, then the words) -------------------------------

_PRINTED = """<!doctype html><html><head><meta charset="utf-8"><title>Cardiac Rehabilitation Programs</title><style>
body{font-family:"DejaVu Sans",sans-serif;font-size:11pt} h1{font-size:16pt} p{margin:0 0 8pt 0}</style></head><body>
<h1>Cardiac Rehabilitation Programs</h1>
<p>Policy Number: CR-2207</p>
<p>Effective Date: 04/01/2027</p>
<p><b>Description</b></p>
<p>Cardiac rehabilitation is a supervised program of exercise, education and counselling after a heart event.
Sessions are given in an outpatient setting under a physician's direction.</p>
<p><b>Guideline</b></p>
<p>Phase II programs</p>
<p>A phase II outpatient program is considered medically necessary when all of the following are met:</p>
<ol><li>The member had a qualifying event within the past 12 months;</li><li>A physician has referred the member
to the program; and</li><li>The program is supervised by a physician who is immediately available.</li></ol>
<p>Phase III maintenance</p>
<p>A phase III maintenance program is not covered for any of the following reasons:</p>
<ol><li>It is not supervised by a physician;</li><li>It repeats a completed phase II program.</li></ol>
<p><b>Codes</b></p>
<p>Established codes:</p>
<p>93797 93798 G0422 G0423</p>
<p><b>Policy History</b></p>
<p>04/01/2027 New policy.</p>
</body></html>"""


@pytest.mark.producers
def test_a_printed_page_s_headings_at_the_body_s_size_bold_or_not(tmp_path: Path) -> None:
    """Sections bold at the body's size (one style: the words give their levels), subheadings in sentence case
    and regular type over their lead-ins, a line of codes: read from the PDF as from its text."""
    need("chromium")
    policy = parse_file_report(chromium_pdf(_PRINTED, tmp_path / "rehab.pdf"), recover=True).policy
    headings = section_titles(policy)
    assert headings == ["Description", "Guideline", "Phase II programs", "Phase III maintenance", "Codes",
                        "Policy History"]  # fmt: skip
    assert [len(s.criteria) for s in _sets(find_section(policy, "Phase II programs"))] == [3]
    assert [len(s.criteria) for s in _sets(find_section(policy, "Phase III maintenance"))] == [2]


def test_a_title_case_part_in_parentheses_is_the_heading_s_own() -> None:
    text = (
        "Knee Arthroscopy\nPolicy Number: KA-7\nEffective Date: 01/01/2027\n\nDescription\nArthroscopy of the knee.\n\n"
        "Applicable Billing Codes (HCPCS & CPT Codes)\n29880\tArthroscopy, knee, with meniscectomy\n"
        "29881\tArthroscopy, knee, with meniscectomy, medial or lateral\n\n"
        "Coding Information (codes are listed for reference only)\nNo other codes apply.\n"
    )
    policy = parse_text_report(text, "knee.txt", recover=True).policy
    headings = section_titles(policy)
    assert "Applicable Billing Codes (HCPCS & CPT Codes)" in headings
    coding = find_section(policy, "Coding Information")
    assert isinstance(coding.blocks[0], Paragraph)
    assert coding.blocks[0].text == "(codes are listed for reference only)"


_SIBLINGS = """Cochlear Implants
Policy Number: CI-12
Effective Date: 01/01/2027

Policy
Cochlear implants are considered medically necessary for the indications below.

Adults with hearing loss
An implant is covered when all of the following apply:
1. Bilateral severe hearing loss; and
2. Limited benefit from hearing aids.

Children under five
Implants in children under five are reviewed by the plan's audiology panel case by case.
"""


def test_a_subheading_over_a_paragraph_once_the_document_sets_its_subheadings_so() -> None:
    policy = parse_text_report(_SIBLINGS, "ci.txt", recover=True).policy
    assert section_titles(policy) == ["Policy", "Adults with hearing loss", "Children under five"]
    # (no subheading found before it: the same phrase over a paragraph stays a paragraph)
    alone = _SIBLINGS.replace("Adults with hearing loss\n", "")
    assert section_titles(parse_text_report(alone, "ci.txt", recover=True).policy) == ["Policy"]


_LONG = (
    "The device is fitted by a certified prosthetist after a documented evaluation of the member's gait, balance,"
    " strength and home environment, and the member is trained in its use before delivery."
)


@pytest.mark.parametrize(
    ("covered", "not_covered"),
    [
        (
            "When Microprocessor-Controlled Ankle-Foot Prostheses are covered",
            "When Microprocessor-Controlled Ankle-Foot Prostheses are not covered",
        ),
        (
            "When Wearable Cardioverter-Defibrillator Vests Are Covered",
            "When Wearable Cardioverter-Defibrillator Vests Are Not Covered",
        ),
        (
            "Coverage of Percutaneous Peripheral Nerve Stimulation Systems",
            "Exclusions for Percutaneous Peripheral Nerve Stimulation Systems",
        ),
    ],
)  # fmt: skip
def test_a_long_subheading_in_a_web_copy_written_a_block_a_line(covered: str, not_covered: str) -> None:
    # (a web copy: no line wrapped, so a phrase longer than a print's short line is no wrapped line's start)
    text = (
        "Device Policy\nPolicy Number: DP-12\nEffective Date: 01/01/2027\nDescription\n"
        f"{_LONG}\n{_LONG}\nPolicy\nBenefits Application\n{_LONG}\n{covered}\n"
        "The device may be considered medically necessary when all of the following are met:\n"
        "1. The member has a documented functional need; and\n2. The member can use the device safely.\n"
        f"{not_covered}\nThe device is not covered for members who do not meet the criteria above.\n"
        f"References\n1. A study. 2020.\n{_LONG}\n"
    )
    policy = parse_text_report(text, "device.txt", recover=True).policy
    titles = section_titles(policy)
    assert titles.index(covered) < titles.index(not_covered)
    assert len(_sets(find_section(policy, covered))[0].criteria) == 2  # (the list ends at the next subheading)
    # (the second is no part of the list's last item)
    assert not_covered not in render_outline(policy).split(f"{covered}.c1.2")[-1].split("\n")[0]


_PAIR_HEAD = "Gastric Pacing\nPolicy Number: GP-3\nEffective Date: 01/01/2027\n\nPolicy\n"
_SENTENCE = "The stimulator is implanted under general anesthesia and programmed at a follow-up visit."


@pytest.mark.parametrize(
    "line",
    ["Place of Service: Inpatient/Outpatient", "Setting of Care: Inpatient or Outpatient",
     "Level of Care: Skilled Nursing Facility"],
)  # fmt: skip
def test_a_heading_carrying_its_value_after_a_colon_between_sentences(line: str) -> None:
    text = (
        f"{_PAIR_HEAD}The service is medically necessary when all of the following are met:\n"
        "1. Symptoms for at least 12 months; and\n2. Failure of drug therapy.\n"
        f"All other uses are considered experimental/investigational.\n{line}\n{_SENTENCE}\n"
        "Procedure Codes\nCode\tDescription\n43647\tImplantation of electrodes\n"
    )
    policy = parse_text_report(text, "gp.txt", recover=True).policy
    assert section_titles(policy) == ["Policy", line, "Procedure Codes"]
    assert [b.text for b in find_section(policy, line).blocks if isinstance(b, Paragraph)] == [_SENTENCE]


@pytest.mark.parametrize(
    ("above", "line", "below"),
    [
        # (among fields: a field)
        ("Policy Number: GP-4", "Line of Business: Commercial", "Product Type: Medical"),
        # (a sentence after a label, a value with a number, a label of one word, a short line below)
        ("All other uses are not covered.", "Note: The member must be seen by a specialist first", _SENTENCE),
        ("All other uses are not covered.", "Review Period: 12 Months", _SENTENCE),
        ("All other uses are not covered.", "Section: Surgery", _SENTENCE),
        ("All other uses are not covered.", "Place of Service: Outpatient", "Prior authorization required"),
        # (a sentence not ended above it: the line goes on with it)
        ("The stimulator is placed in the", "Place of Service: Outpatient", _SENTENCE),
    ],
)
def test_fail_safe_label_value_lines_that_are_no_headings(above: str, line: str, below: str) -> None:
    text = f"{_PAIR_HEAD}{above}\n{line}\n{below}\nReferences\n1. A study. 2020.\n"
    policy = parse_text_report(text, "gp.txt", recover=True).policy
    assert line not in section_titles(policy)


@pytest.mark.parametrize(
    ("covered", "not_covered"),
    [
        (
            "When Microprocessor-Controlled Lower Limb Prostheses are covered",
            "When Microprocessor-Controlled Lower Limb Prostheses are not covered",
        ),
        (
            "When Transcatheter Tricuspid Valve Replacement Is Covered",
            "When Transcatheter Tricuspid Valve Replacement Is Not Covered",
        ),
    ],
)
def test_a_long_subheading_in_a_viewer_s_wrapped_copy(covered: str, not_covered: str) -> None:
    # (a viewer's copy wrapped at the print's width, no blank lines: a phrase stopping well short of the width
    # after a sentence's end, a capital below it, heads its text — whatever its length)
    text = (
        "Medical Policy\nMEDICAL POLICY: DM-118\nDevice Coverage\nEffective Date: 03/02/2026\nPolicy\n"
        "The plan covers the device when it is determined to be medically necessary because the medical\n"
        "criteria and guidelines shown below are met for the member who is asking for it.\n"
        f"{covered}\n"
        "The device may be considered medically necessary for an individual with the condition when\n"
        "all of the following are met:\n1. The individual has a documented functional need; and\n"
        f"2. The individual has the ability to use the device.\n{not_covered}\n"
        "The device is not covered for individuals who do not meet the criteria above. Powered devices\n"
        "are considered investigational.\nReferences\n1. Kaufman KR. Gait and balance. Gait Posture. 2007;26:489-493.\n"
    )
    policy = parse_text_report(text, "device.txt", recover=True).policy
    assert section_titles(policy) == ["Policy", covered, not_covered, "References"]
    assert len(_sets(find_section(policy, covered))[0].criteria) == 2
