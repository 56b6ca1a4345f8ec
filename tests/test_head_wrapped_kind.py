"""The head of a guideline a browser printed (generic template): a large title naming its kind of document
before its subject, wrapped over two lines (``<Kind> Guidelines: <first words>`` / ``<last words>``); a
``Guideline: <id> Version <n>`` line; sections numbered under the guideline's identifier (``XX-3.1: Title``)
— and the lines of other shapes that must stay as they are."""

from __future__ import annotations

from heldout_support import body_texts

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

_BODY = """
Overview
Knee arthroscopy removes loose bodies and repairs torn cartilage.

Coverage
The plan covers the procedure when all of the following are met:
1. Mechanical symptoms for at least 3 months;
2. Failure of conservative therapy.
"""


def _policy(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


def test_a_title_wrapped_after_its_kind_of_document_is_read_whole() -> None:
    # (raw pdftotext of a print: the subject's last word alone under the kind and the subject's first words)
    text = (
        "Acme Health | Providers | Clinical Policies\n\n"
        "Clinical Policy Guidelines: Arthroscopic Knee\nDebridement\nEffective: 1 April 2026\n" + _BODY
    )
    policy = _policy(text)
    assert policy.header.title == "Clinical Policy Guidelines: Arthroscopic Knee Debridement"
    texts = body_texts(policy, titles=True)
    assert "Debridement" not in texts and "Clinical Policy Guidelines: Arthroscopic Knee" not in texts


def test_a_title_wrapped_above_its_fields_in_another_wording() -> None:
    text = (
        "Northwind Health Plan | Medical Policy\n\n"
        "Radiology Guidelines: Low-Dose CT Lung\nScreening\nPolicy Number: RAD-0114\nEffective Date: 02/01/2026\n"
        + _BODY
    )
    assert _policy(text).header.title == "Radiology Guidelines: Low-Dose CT Lung Screening"


def test_the_first_line_chosen_takes_the_tail_below_it() -> None:
    # (the layout's copy: the first line is the title the rules read, its tail right below, then the fields)
    text = (
        "Radiology Guidelines: Cardiac Stress\nMRI\n    Guideline: RAD-7             Version 2.1.2026\n"
        "    Effective: 2026-02-01\n\nRAD-7.1: General Information\nStress MRI assesses perfusion.\n"
    )
    policy = _policy(text)
    assert policy.header.title == "Radiology Guidelines: Cardiac Stress MRI"


def test_two_lines_of_other_shapes_stay_apart() -> None:
    # must NOT join: a category over its title (no kind of document and colon), and a plan's name over it
    text = "Durable Medical Equipment\nNegative Pressure Wound Therapy\nPolicy Number: DME-212\n" + _BODY
    assert _policy(text).header.title in ("Durable Medical Equipment", "Negative Pressure Wound Therapy")
    text = "Medical Policy: Knee Arthroscopy\nPolicy Number: SUR-44\nEffective Date: 01/01/2026\n" + _BODY
    assert "Policy Number" not in _policy(text).header.title
    # (a long last line is a title of its own, never a wrapped tail)
    text = (
        "Clinical Guidelines: Orthopedics\nArthroscopic Debridement of the Knee for Osteoarthritis\n"
        "Policy Number: SUR-45\n" + _BODY
    )
    assert _policy(text).header.title == "Arthroscopic Debridement of the Knee for Osteoarthritis"


def test_a_guideline_label_with_an_identifier_and_its_version() -> None:
    text = (
        "Musculoskeletal Imaging Guidelines: Knee MRI\nGuideline: MSK-4 Version 3.0.2026\n"
        "Effective: 2026-01-01\n" + _BODY
    )
    policy = _policy(text)
    assert policy.reference_number == "MSK-4"
    assert "Version 3.0.2026" in policy.header.extras  # (the version is kept, never dropped)
    # must NOT match: a guideline's name after the label is no identifier
    text = "Guideline: Stress Echocardiography\nEffective: 2026-01-01\n" + _BODY
    assert _policy(text).reference_number == ""


def test_sections_numbered_under_the_guidelines_identifier_are_headings() -> None:
    text = (
        "Radiology Guidelines: Knee\nMRI\nGuideline: MSK-4\nEffective: 2026-01-01\n\n"
        "MSK-4.1: General Information\nMRI shows soft tissue in detail. Radiographs come first.\u00b9\n\n"
        "MSK-4.2: Indications for Knee MRI\nMRI is appropriate when any of the following apply:\n"
        "1. Suspected meniscal tear;\n2. Suspected ligament tear.\n\n"
        "MSK-4.3 – Procedure Codes\n73721 MRI of the knee without contrast\n"
    )
    policy = _policy(text)
    assert policy.header.title == "Radiology Guidelines: Knee MRI"
    titles = [t for t in body_texts(policy, titles=True) if t.startswith("MSK-4.")]
    assert titles == [
        "MSK-4.1: General Information",
        "MSK-4.2: Indications for Knee MRI",
        "MSK-4.3 – Procedure Codes",
    ]


def test_a_code_at_a_lines_start_in_a_sentence_is_no_heading() -> None:
    # must NOT match: a code and a sentence (ends in a stop, or starts in lower case), a code with no section part
    from policyvc.parser.outline import _numbered_heading
    from policyvc.parser.template_spec import HEADINGS

    assert _numbered_heading("MSK-4.1: see the knee section above for the criteria.", HEADINGS) is None
    assert _numbered_heading("ICD-10: Diagnosis Codes", HEADINGS) is None
    assert _numbered_heading("CD-2.1: General Information", HEADINGS) == (
        "CD-2.1: General Information",
        "",
        _numbered_heading("CD-2.1: General Information", HEADINGS)[2],  # type: ignore[index]
    )


# --- a pharmacy program's head: the publisher's name, the title, a program number in parts ---------------------

_PROGRAM_BODY = """1. Background:
Ozempic is a glucagon-like peptide-1 receptor agonist indicated for adults with type 2 diabetes mellitus.
2. Coverage Criteria:
Ozempic will be approved based on both of the following criteria:
- Diagnosis of type 2 diabetes mellitus;
- Patient is 18 years of age or older.
3. Additional Clinical Rules:
Supply limits may be in place.
4. Quantity Limits
One pen per 28 days.
5. References
1. Ozempic Prescribing Information. Plainsboro, NJ: Novo Nordisk; 2025.
"""


def test_a_program_number_in_parts_below_a_long_title_is_its_own_line() -> None:
    # (a viewer's copy: the title as wide as the print, the number's line right below it, no stop after its label)
    text = (
        "PharmaScript\nOzempic (semaglutide) – Prior Authorization and Step Therapy with Quantity Limit\n"
        "Program Number 2026 P 1184-2\nProgram: Prior Authorization/Notification\nEffective Date: 3/1/2026\n"
        + _PROGRAM_BODY
    )
    policy = _policy(text)
    assert policy.header.title == "Ozempic (semaglutide) – Prior Authorization and Step Therapy with Quantity Limit"
    assert policy.reference_number == "2026 P 1184-2"


def test_a_policy_number_in_parts_in_another_wording() -> None:
    text = "Acme Rx\nJardiance (empagliflozin) – Step Therapy\nPolicy Number: 2025 S 0412-10\n" + _PROGRAM_BODY
    assert _policy(text).reference_number == "2025 S 0412-10"


def test_numbers_and_words_are_no_identifier_in_parts() -> None:
    # must NOT match: a number and words, a count and its unit, a date
    from policyvc.parser.template_core import _identifier

    assert _identifier("0531 Facet Joint Injections") == "0531"
    assert _identifier("2025 P") == ""
    assert _identifier("12 01 2025") == ""


def test_short_numbered_titles_with_a_colon_are_sections() -> None:
    titles = [s.title for s in _policy("Acme Rx\nOzempic – Step Therapy\nPolicy Number: RX-12\n" + _PROGRAM_BODY).body]
    assert {"Additional Clinical Rules", "Quantity Limits", "References"} <= set(titles)


def test_a_numbered_lead_in_with_a_colon_is_no_section() -> None:
    # must NOT match: a numbered criterion that announces its list (more words, lower case)
    from policyvc.parser.outline import _section_title
    from policyvc.parser.template_spec import HEADINGS

    assert not _section_title("Patient has one of the following:", HEADINGS)
    assert not _section_title("Prior Therapy With Metformin For At Least Three Months:", HEADINGS)
    assert _section_title("Additional Clinical Rules:", HEADINGS)


# --- a running header of two lines, the plan's name over the title, on every page -----------------------------


def _two_pages(plan: str, title: str, fields: str) -> str:
    first = "\n".join(f"{k}. Criterion number {k} of the list is met;" for k in range(1, 4))
    return (
        f"{plan}\n{title}\n{fields}\nOverview\nThe procedure is covered for members who meet the criteria.\n"
        f"Coverage\nThe plan covers it when all of the following are met:\n{first}\n"
        f"4. The member has tried conservative care.\nPage 1 of 2\n{plan}\n{title}\n"
        "References\n1. A study of the procedure. J Med. 2024;12:1-9.\nPage 2 of 2\n"
    )


def test_the_first_pages_copy_of_a_two_line_running_header_is_the_head() -> None:
    for plan, title, fields in (
        ("Northwind Health Medical Policy", "Knee Arthroscopy (Debridement)", "Effective Date: 04/01/2026"),
        ("Lakeshore Care Clinical Guideline", "Cardiac Stress MRI", "Type of Policy: Imaging\nEffective: 05/01/2026"),
    ):
        policy = _policy(_two_pages(plan, title, fields))
        assert policy.header.title == title
        texts = body_texts(policy, titles=True)
        # (page 2's copy is furniture: the title is never a heading or a paragraph of the body twice)
        assert texts.count(title) == 0 and texts.count(plan) <= 1
