"""Header labels read by their shape, not by each plan's words (generic template): a kind of document's word
(``Policy``, ``Criteria``, ``Guideline`` …) with a plan's words before it, then what the field holds —
``Name of <plan> Policy:`` and ``<plan> Policy Name:`` a title, ``<words> Criteria ID:`` an identifier —; and a
web page's own date (``Page last reviewed: …``), which is the site's, never the policy's review date.

What must not match is tested too: another document's number (``Related Policy Number``), a member's or a
phone's number, a year after a label with no stop, a field that says what type the policy is."""

from __future__ import annotations

import datetime as dt

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy
from policyvc.renderer.outline import render_outline

_BODY = """
Coverage

Bone growth stimulation is covered when all of the following are met:

1. Nonunion of a long bone fracture for at least 3 months
2. Failure of surgical treatment
"""


def _read(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


# --- titles ------------------------------------------------------------------------------------------------


def test_a_name_of_a_plan_s_policy_label_gives_the_title_without_it() -> None:
    """A PDF viewer's copy: the plan's kind of policy inside the label (``Name of Commercial Medical Policy:``)."""
    policy = _read(
        "Northfield Mutual Health Medical Policy\nName of Commercial Medical Policy: Bone Growth Stimulators\n"
        "Policy No.: 2.01.44\nLast Review Date: March 2026\n" + _BODY
    )
    assert (policy.header.title, policy.reference_number) == ("Bone Growth Stimulators", "2.01.44")
    assert policy.header.last_review == dt.date(2026, 3, 1)


def test_a_plan_s_policy_name_and_its_policy_id_labels() -> None:
    """A web copy: ``<plan> Drug Policy Name:`` and ``<plan> Drug Policy ID:``."""
    policy = _read(
        "Lakeview Community Care\nProviders > Pharmacy > Drug policies\n"
        "Lakeview Drug Policy Name: Botulinum Toxins\nLakeview Drug Policy ID: RX-0091\n"
        "Effective Date: 02/01/2026\n" + _BODY
    )
    assert (policy.header.title, policy.reference_number) == ("Botulinum Toxins", "RX-0091")


def test_a_title_of_the_guideline_label() -> None:
    policy = _read("Title of the Clinical Guideline: Spinal Cord Stimulation\nGuideline #: 0456\n" + _BODY)
    assert (policy.header.title, policy.reference_number) == ("Spinal Cord Stimulation", "0456")


def test_a_kind_of_document_s_name_and_its_subject_stays_a_title_beside_a_shaped_identifier() -> None:
    """``Prior Authorization Criteria: <drug>`` right above ``… Criteria ID:``: names the document (the label's
    words are a kind of document's), never a short field of the head — the subject is the title, the program's
    generic name before its colon no part of it."""
    policy = _read(
        "Summit Rx\nPrescribers > Criteria\nPrior Authorization Criteria: Growth Hormone Products\n"
        "Criteria ID: SRX-PA-0311\nEffective Date: 04/01/2026\n" + _BODY
    )
    assert policy.header.title == "Growth Hormone Products"
    assert policy.reference_number == "SRX-PA-0311"


# --- identifiers -------------------------------------------------------------------------------------------


def test_criteria_and_protocol_numbers_by_shape() -> None:
    for label, ident in (
        ("Clinical Criteria Number:", "CC-0123"),
        ("PA Criteria ID:", "PA.0312"),
        ("Protocol #", "0457"),
        ("Bulletin No.", "MB-77"),
    ):
        policy = _read(f"Hyperbaric Oxygen Therapy\n{label} {ident}\nEffective Date: 01/01/2026\n" + _BODY)
        assert policy.reference_number == ident, label


def test_what_no_identifier_shape_takes() -> None:
    """Another document's number, a member's or a phone's, and a year after a label with no stop: none is the
    document's identifier."""
    for line in (
        "Related Policy Number: 7.01.99",
        "Replaces Policy #: 1145",
        "Member ID: 123456789",
        "Phone Number: 1-800-555-0100",
        "Policy Number 2026",
        "See Policy ID: MP-1202",
    ):
        policy = _read(f"Hyperbaric Oxygen Therapy\n{line}\nEffective Date: 01/01/2026\n" + _BODY)
        assert policy.reference_number == "", line


def test_what_no_title_shape_takes() -> None:
    """A field saying what type the policy is and a label's sentence are no title."""
    policy = _read("Cardiac Stress MRI\nType of Policy: Imaging\nEffective: 05/01/2026\n" + _BODY)
    assert policy.header.title == "Cardiac Stress MRI"
    policy = _read(
        "Cardiac Stress MRI\nName of Medical Policy: see the policy list for the current version.\n"
        "Effective: 05/01/2026\n" + _BODY
    )
    assert policy.header.title == "Cardiac Stress MRI"


# --- a web page's own date ---------------------------------------------------------------------------------


def test_a_web_page_s_own_review_date_is_no_review_date_of_the_policy() -> None:
    """A site's footer states when the page was last looked at, in several wordings: never the policy's review
    date — kept in the body as written, or, the copy's last line, removed as the site's footer with a note that
    quotes it (a site rewrites it at every publication: no change between two copies)."""
    for footer in (
        "Page last reviewed: 02/2026",
        "This page was last updated: 01/15/2026",
        "Site Last Modified: 03/03/2026",
        "Web page last revised: 12/2025",
    ):
        text = (
            "Kestrel Health Plan\nMembers | Providers | Pharmacies\nStep Therapy Criteria: Inhaled Corticosteroids\n"
            "Criteria ID: KHP-ST-0044\nEffective Date: 03/15/2026\n" + _BODY + "\nKestrel Health Plan, Inc.\n"
            f"Terms of Use | Privacy\n{footer}\n"
        )
        report = parse_text_report(text, "policy.txt", recover=True)
        policy = report.policy
        assert policy.header.last_review is None, footer
        assert policy.header.effective_date == dt.date(2026, 3, 15)
        said = " ".join(d.message for d in report.diagnostics)
        assert footer not in render_outline(policy), footer  # (the copy's last line: the site's footer)
        assert f"`{footer}`" in said, footer  # (removed with a note quoting it)
        kept = text.replace(f"{footer}\n", f"{footer}\nQuestions? Call Provider Services.\n")
        assert footer in render_outline(_read(kept)), footer  # (text after it: kept as written)


def test_the_policy_s_own_review_date_is_still_read_beside_a_page_s() -> None:
    text = (
        "Kestrel Health Plan\nStep Therapy Criteria: Inhaled Corticosteroids\nLast Reviewed: 01/2026\n"
        + _BODY
        + "\nPage last updated: 02/20/2026 4:02 PM\n"
    )
    assert _read(text).header.last_review == dt.date(2026, 1, 1)
