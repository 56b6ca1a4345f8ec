"""Shapes blind set 13 missed in pharmacy and medical policies copied as text (generic template): a letter
marker before the name of a stage's criteria is that stage's heading; a document system's print date alone on
its line is furniture; a table whose cells a copy set one space apart, doses in its rows, is kept as text with a
warning — and the lines of other shapes that must stay as they are."""

from __future__ import annotations

from heldout_support import body_texts, section_titles

from policyvc.parser import parse_text_report
from policyvc.parser.furniture import printed_on
from policyvc.parser.nodes import Policy


def _report(text: str) -> tuple[Policy, list[str]]:
    report = parse_text_report(text, "policy.txt", recover=True)
    return report.policy, [d.message for d in report.diagnostics]


_STAGES = """Northwind Pharmacy Services
Dupixent (dupilumab) – Prior Authorization
Policy Number: RX-2207
Effective Date: 3/1/2026
1. Background:
Dupixent is an interleukin-4 receptor alpha antagonist indicated for moderate to severe atopic dermatitis.
2. Criteria:
A. Initial Authorization
Dupixent will be approved when all of the following are met:
1. Patient is 6 months of age or older;
2. Diagnosis of moderate to severe atopic dermatitis;
3. Failure of a topical corticosteroid.
Authorization will be issued for 4 months.
B. Reauthorization Criteria
1. Documentation of a positive clinical response;
2. Patient is not using another biologic.
Authorization will be issued for 12 months.
3. References:
1. Dupixent [package insert]. Tarrytown, NY: Regeneron; 2025.
"""


def test_a_letter_before_a_stages_name_heads_its_criteria() -> None:
    policy, messages = _report(_STAGES)
    titles = section_titles(policy)
    assert "Initial Authorization" in titles and "Reauthorization Criteria" in titles
    assert titles.index("Criteria") < titles.index("Initial Authorization") < titles.index("Reauthorization Criteria")
    assert not any("out of sequence" in m for m in messages)


def test_another_wording_renewal_and_continued_therapy() -> None:
    text = _STAGES.replace("A. Initial Authorization", "A. Initial Therapy:").replace(
        "B. Reauthorization Criteria", "B. Continued Therapy"
    )
    titles = section_titles(_report(text)[0])
    assert "Initial Therapy" in titles and "Continued Therapy" in titles


def test_letter_items_of_other_names_stay_as_they_are() -> None:
    # (a CMS decision's ``A. General`` / ``B. Nationally Covered Indications``; a list of stage names as items)
    text = _STAGES.replace("A. Initial Authorization", "A. General").replace(
        "B. Reauthorization Criteria", "B. Nationally Covered Indications"
    )
    titles = section_titles(_report(text)[0])
    assert "General" not in titles and "Nationally Covered Indications" not in titles
    items = _STAGES.replace(
        "A. Initial Authorization\n", "The plan reviews requests at these stages:\nA. Initial Therapy\nB. Renewal\n"
    )
    titles = section_titles(_report(items)[0])
    assert "Initial Therapy" not in titles and "Renewal" not in titles
    lower = _STAGES.replace("A. Initial Authorization", "A. Initial authorization requires a specialist;")
    assert "Initial authorization requires a specialist" not in section_titles(_report(lower)[0])


def test_a_document_systems_print_date_is_furniture() -> None:
    for line in (
        "Printed on 03/03/2026",
        "Date Printed: 2026-03-03",
        "Printed: March 3, 2026 10:15 AM",
        "Print date 3 March 2026",
        "Document printed 10/20/2025",
        "Copy printed on 2026-03-03",
    ):
        assert printed_on(line), line
    for line in (
        "Printed on 03/03/2026, this policy replaces every earlier copy.",
        "Printed copies are uncontrolled.",
        "Printed on request",
        "Document printed by the member services team 10/20/2025",
        "Documents printed 10/20/2025 or later are current.",
        "Effective Date: 03/03/2026",
    ):
        assert not printed_on(line), line
    text = _STAGES.replace("Effective Date: 3/1/2026\n", "Effective Date: 3/1/2026\nPrinted on 02/27/2026\n")
    policy, _ = _report(text)
    assert policy.header == _report(_STAGES)[0].header  # (no print date for a title or a field)
    assert not any("Printed on" in t for t in [*section_titles(policy), *body_texts(policy)])
    # (a sentence that mentions the print date is the policy's)
    said = _STAGES.replace(
        "Authorization will be issued for 4 months.", "Copies printed on 02/27/2026 or later are current."
    )
    assert "Copies printed on 02/27/2026 or later are current." in repr(_report(said)[0].body)


def test_a_quantity_table_one_space_apart_is_text_with_a_warning() -> None:
    table = (
        "4. Quantity Limits\nProduct Dose Limit\nOzempic 0.25 mg pen 0.25 mg 1 pen per 28 days\n"
        "Ozempic 1 mg pen 1 mg 1 pen per 28 days\nOzempic 2 mg pen 2 mg 1 pen per 28 days\n"
    )
    text = _STAGES.replace("3. References:", table + "5. References:")
    policy, messages = _report(text)
    assert any("one space apart" in m and "Product Dose Limit" in m for m in messages)
    assert "Ozempic 1 mg pen 1 mg 1 pen per 28 days" in repr(policy.body)  # (kept, as text)
    # (rows of dates are no such table: a head's fields, a log)
    dated = _STAGES.replace(
        "3. References:", "Review Log\nAnnual Review 01/2025 03/2025\nAnnual Review 01/2026 03/2026\n3. References:"
    )
    assert not any("one space apart" in m for m in _report(dated)[1])
