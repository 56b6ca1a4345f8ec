"""A web page's kind of document then its name on one labelled line (``Medical Policy: <title>``,
``Guideline: <title>``): the title when nothing better names it.  The same weak labels before an
identifier stay the identifier's, and a sentence or one word after them is never a title."""

from __future__ import annotations

from policyvc.parser import parse_text_report

_BODY = """
Coverage Criteria
Testing is covered when all of the following are met:
• Symptoms for at least 3 months;
• Failure of conservative therapy.
Revision History
Date\tChange
01/01/2025\tPolicy created
"""


def _head(text: str) -> tuple[str, str]:
    policy = parse_text_report(text, "policy.txt", recover=True).policy
    return policy.header.title, policy.reference_number


def test_a_medical_policy_label_names_a_web_pages_title() -> None:
    text = (
        "Prairie Valley Health\nMembers\tProviders\tBrokers\nProviders > Policies > Medical Policies\n"
        "Medical Policy: Sleep Apnea Oral Appliances (Mandibular Advancement Devices)\n"
        "Policy ID: PV-DME-0042\nEffective Date: 04/01/2026\n" + _BODY
    )
    assert _head(text) == ("Sleep Apnea Oral Appliances (Mandibular Advancement Devices)", "PV-DME-0042")


def test_a_guideline_label_below_a_plans_name() -> None:
    text = (
        "Northern Lakes Health Plan\nGuideline: Lumbar Spinal Fusion Surgery\nDocument Number: LSF-118\n"
        "Effective Date: 02/15/2026\n" + _BODY
    )
    assert _head(text) == ("Lumbar Spinal Fusion Surgery", "LSF-118")


def test_the_weak_label_before_an_identifier_stays_the_identifiers() -> None:
    text = "Continuous Glucose Monitors\nMedical Policy: S-44-027\nEffective Date: 03/01/2026\n" + _BODY
    assert _head(text) == ("Continuous Glucose Monitors", "S-44-027")


def test_a_sentence_or_one_word_after_the_label_is_no_title() -> None:
    for line in (
        "Medical Policy: This policy applies to all commercial members.",
        "Policy: Covered",
        "Medical Policy: Effective 03/01/2026",
    ):
        text = f"Wearable Defibrillators\nPolicy Number: WD-301\n{line}\nEffective Date: 03/01/2026\n" + _BODY
        assert _head(text)[0] == "Wearable Defibrillators", line


def test_a_title_label_wins_over_the_kind_of_document() -> None:
    text = (
        "Medical Policy: Durable Medical Equipment Series\nPolicy Title: Wearable Cardioverter Defibrillators\n"
        "Policy Number: DME-77\nEffective Date: 03/01/2026\n" + _BODY
    )
    assert _head(text) == ("Wearable Cardioverter Defibrillators", "DME-77")


def test_the_sites_name_above_a_labelled_title_is_front_no_heading() -> None:
    # (the title line went to the header: the site's name and menus above it are the front's paragraphs)
    text = (
        "Cedar Ridge Health\nMembers\tProviders\tEmployers\n"
        "Medical Policy: Wearable Cardioverter Defibrillators\nPolicy ID: CR-DME-12\nEffective Date: 04/01/2026\n"
        + _BODY
    )
    policy = parse_text_report(text, "policy.txt", recover=True).policy
    assert [s.title for s in policy.body][:2] == ["", "Coverage Criteria"]
    assert "Cedar Ridge Health" in [getattr(b, "text", "") for b in policy.body[0].blocks]


def test_a_section_of_fields_above_a_title_labels_line_stays_a_heading() -> None:
    # (only the kind of document's line takes the lines above it into the front: a section of the head's fields
    # over a ``Policy Title:`` line is the document's own)
    text = (
        "Determination Summary\n\nAdministrator Details\nAdministrator: Example Benefits Administrator\n"
        "Policy Title: Negative Pressure Wound Therapy\nPolicy Number: NPWT-9\nEffective Date: 04/01/2026\n" + _BODY
    )
    policy = parse_text_report(text, "policy.txt", recover=True).policy
    assert policy.header.title == "Negative Pressure Wound Therapy"
    assert "Administrator Details" in [s.title for s in policy.body]
