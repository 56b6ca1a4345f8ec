"""``generic``: any other payer's policy (UnitedHealthcare, Aetna, Cigna, Anthem, Blue Cross plans,
Humana, Molina, CMS NCD/LCD …): title, identifier and dates where the document states them, sections by
heading, criteria lists with their connectives, a dated history in any form.

The labels of a field are in order of preference: ``Revision Effective Date`` over ``Effective``,
a policy number over a bare ``Number``."""

from __future__ import annotations

from policyvc.parser.template_spec import HEADINGS, GroupStyle, Template

TEMPLATE = Template(
    name="generic",
    summary="any clinical policy: sections by heading, criteria lists, a dated history",
    headings=HEADINGS,
    title_labels=(
        "Title", "Policy Title", "Topic", "LCD Title", "NCD Title", "Policy Name", "Subject", "Clinical Policy",
        "Guideline Name",
    ),
    reference_labels=(
        "Policy Number(s)", "Reference Number(s)",
        "Policy Number", "Reference Number", "Coverage Policy Number", "Medical Policy Number",
        "Clinical Policy Number", "Guideline Number", "Guideline ID", "Clinical Policy Bulletin Number", "CPB Number",
        "LCD ID", "NCD ID", "NCD Number", "Article ID", "Policy No.", "Policy No", "Policy #", "Policy ID",
        "Document Number", "Document #", "Document ID", "MP Number", "MP #", "Policy Code", "Manual Section Number",
        "Guideline #", "Medical Policy No.", "Medical Policy Number", "Program Number", "File Code", "Number",
    ),
    effective_labels=(
        "Revision Effective Date", "Current Policy Effective Date", "Current Effective Date", "Policy Effective Date",
        "Effective Date of Policy", "Effective Date", "Effective",
        # (a compact head's abbreviations, ``Guideline: X-12  Eff. 01/01/26  Review: 12/09/25``)
        "Eff. Date", "Eff Date", "Eff.",
        "Publish Date", "Published Date", "Date Published",  # (a web page's date in force when it states no other)
    ),
    review_labels=(
        "Last Review Date", "Last Review", "Last Reviewed", "Last Reviewed Date", "Last Revised",
        "Last Revision Date", "Date of Last Revision", "Last Approval", "Last Approval Date", "Review Date",
        "Last Updated", "Approval Date", "Date Approved", "Revision Date", "Date Revised", "Publication Date",
        "Date of Publication", "Last Modified", "Last Modified Date", "Date Last Modified",
        # (an amendment's or a revision's date: the history's, never the date in force — ``Effective Date`` is)
        "Revised Date", "Last Revised Date", "Amended Date", "Date Amended", "Last Amended", "Last Amended Date",
        "Amendment Date",
        # (a pharmacy benefit manager's criteria: the committee's approval of this version — never `P&T Approval
        # Date`, which a guideline's grid sets beside `P&T Revision Date` for its FIRST approval)
        "P&T Approval", "P&T Approved",
        # (the past participle first: ``Date Reviewed: 09/24/2025``, ``Date Last Reviewed``, ``Date of Last Review``)
        "Date Reviewed", "Date Last Reviewed", "Reviewed Date", "Date of Last Review", "Date of Review",
        "Date Last Revised", "Date Last Updated",
        # (never the one word ``Reviewed``: it starts a history's rows — ``Reviewed: 03/2024 Annual review``,
        # ``Reviewed 04/18/2023 …`` — as often as a header grid's label)
    ),
    lob_labels=("Line of Business", "Lines of Business", "Line(s) of Business", "Product", "Products"),
    other_labels=(
        "Original Effective Date", "Origination", "Origination Date", "Date of Origin", "Next Review",
        "Next Review Date", "Revision Ending Date", "Retirement Date", "Contract Number", "Contract Type",
        "Status", "Contractor Name", "Jurisdiction", "Page",
        # (a header's other dates: kept as its extras, never front paragraphs — the one word ``Revised`` only here,
        # where it takes nothing from a review date a label names)
        "Revised", "Annual Review", "Annual Review Date", "Next Annual Review",
        # (a date the next review is due: ``Review: 12/2026`` beside the header's other fields, never the last review)
        "Review", "Review Due", "Next Review Due", "Review Due Date",
        # (the unit that owns the policy, a header grid's cell beside the dates: a field, never the date's words)
        "Department", "Responsible Department", "Policy Owner",
    ),
    plain_headings=frozenset(
        h.casefold()
        for h in (
            "References", "Bibliography", "Sources", "Related", "Coding", "Codes", "Applicable Codes", "CPT",
            "HCPCS", "ICD", "Definitions", "Notes", "Index", "Table of Contents", "Instructions for Use",
            "Appendix", "Disclaimer", "Description", "Background", "Rationale",
            "Clinical Evidence", "Summary of Evidence", "Analysis of Evidence",
        )
    ),
    groups=GroupStyle.LISTS,
)  # fmt: skip
