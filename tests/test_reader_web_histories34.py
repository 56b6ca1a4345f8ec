# ruff: noqa: E501
"""A web copy's sentence-case head and subheadings, its history as dated lines, a history set as a table of fields,
and a footer's phone line (fixtures written here from how such pages look, no payer's text).

* a plan's page states its title in sentence case with a blank line before its fields, sets its subheadings in
  sentence case (one over a bulleted list of its own), and its history as ``M/YYYY: …`` lines under ``Policy
  updates``: the title is read, each subheading is a section, each dated line an entry;
* a UM vendor's history is a two-column table of fields (``Section | Detail``): ``Original Date | <month>``, then
  ``Review History`` and its dated lines, the rows under it with an empty first cell — every dated line an entry;
* a site's footer holds a service's phone line between its address and its links: the site's, gone with them.
"""

from __future__ import annotations

import datetime as dt

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Paragraph, Policy, Section, Table

_WEB = """\
Harborview Community Health Plan
Members   Providers   Community   About Us   Careers
Home > Providers > Provider Resources > Clinical Policies

Home infusion of enzyme replacement therapy

Clinical Policy ID: HCP.2201
Recent review date: 3/2026
Next review date: 3/2027

Coverage policy

Harborview Community Health Plan has developed clinical policies to assist with making coverage determinations.

Policy

Harborview Community Health Plan considers home infusion of enzyme replacement therapy medically necessary when all of the following criteria are met:

• The member has received at least three infusions in a supervised setting without a serious reaction;
• A home infusion nurse is present for the whole infusion; and
• Emergency medication for anaphylaxis is available in the home.

Limitations

Home infusion is not covered for the first three doses of a new enzyme replacement product.

Alternative covered services

• Infusion in a hospital outpatient department.
• Infusion in a physician office.

Background

Enzyme replacement therapies are given by intravenous infusion every one to two weeks.

References

1. Example Society. Home infusion safety statement. 2024.
2. Example Society. Enzyme replacement practice guideline. 2025.

Policy updates

3/2023: New policy; initial review date.

3/2024: Policy references updated.

3/2025: Policy references updated. Added emergency medication requirement.

3/2026: Policy references updated.

Harborview Community Health Plan | P.O. Box 1200 | Tacoma, WA 98401
Provider Services: 1-800-555-0147
Privacy Policy | Terms of Use | Nondiscrimination Notice
© 2026 Harborview Community Health Plan. All rights reserved.
"""


def _read(text: str, source: str = "page.txt") -> Policy:
    return parse_text_report(text, source=source, recover=True).policy


def _titles(policy: Policy) -> list[str]:
    out: list[str] = []

    def walk(blocks: tuple[object, ...]) -> None:
        for b in blocks:
            if isinstance(b, Section):
                out.append(b.title)
                walk(b.blocks)

    walk(policy.body)
    return out


def _paragraphs(policy: Policy) -> list[str]:
    out: list[str] = []

    def walk(blocks: tuple[object, ...]) -> None:
        for b in blocks:
            if isinstance(b, Section):
                walk(b.blocks)
            elif isinstance(b, Paragraph):
                out.append(b.text)

    walk(policy.body)
    return out


def test_a_sentence_case_web_copy_reads_its_title_subheadings_and_dated_history() -> None:
    policy = _read(_WEB)
    assert policy.header.title == "Home infusion of enzyme replacement therapy"
    assert policy.header.reference_number == "HCP.2201"
    titles = _titles(policy)
    assert "Alternative covered services" in titles
    assert "Policy updates" in titles
    assert [e.date for e in policy.revision_log] == [dt.date(y, 3, 1) for y in (2023, 2024, 2025, 2026)]
    assert policy.revision_log[2].description == "Policy references updated. Added emergency medication requirement."


def test_a_footer_phone_line_goes_with_the_sites_address_and_links() -> None:
    texts = _paragraphs(_read(_WEB))
    assert not any("1-800-555-0147" in t or "P.O. Box 1200" in t for t in texts)


def test_a_phone_line_in_the_policys_text_stays() -> None:
    """Above no footer's lines (the site's links), a phone line is the policy's: kept."""
    text = _WEB.replace("Privacy Policy | Terms of Use | Nondiscrimination Notice\n", "")
    text = text.replace("© 2026 Harborview Community Health Plan. All rights reserved.\n", "")
    assert any("1-800-555-0147" in t for t in _paragraphs(_read(text)))


_FIELDS = """\
Total Hip Arthroplasty
Policy Number: VMP-0204
Effective Date: April 1, 2026

Description
Total hip arthroplasty replaces the femoral head and acetabulum with prosthetic components.

Medical Necessity Criteria
Primary total hip arthroplasty is considered medically necessary when ALL of the following are met:
1. Advanced joint disease on weight-bearing radiographs;
2. Pain limiting daily activities for at least 3 months; and
3. Failure of at least 3 months of nonsurgical treatment.

Clinical Guideline Revision History/Information
Section\tDetail
Original Date\tOctober 2022
Review History\tOctober 2023: annual review; references updated.
\tJune 2025: added tobacco cessation requirement.
\tApril 2026: added body mass index limit.
"""


def test_a_history_table_of_fields_gives_every_dated_line_an_entry() -> None:
    policy = _read(_FIELDS, "tha.txt")
    assert [e.date for e in policy.revision_log] == [
        dt.date(2022, 10, 1),
        dt.date(2023, 10, 1),
        dt.date(2025, 6, 1),
        dt.date(2026, 4, 1),
    ]
    assert policy.revision_log[0].description == "Original Date"
    assert policy.revision_log[3].description == "added body mass index limit."

    def tables(blocks: tuple[object, ...]) -> list[Table]:
        out: list[Table] = []
        for b in blocks:
            if isinstance(b, Section):
                out.extend(tables(b.blocks))
            elif isinstance(b, Table):
                out.append(b)
        return out

    assert not tables(policy.body)  # (the table is the history: no row of it left in the body)


def test_a_table_of_fields_with_a_row_of_no_date_stays_as_written() -> None:
    text = _FIELDS.replace("\tApril 2026: added body mass index limit.\n", "Owner\tClinical Content Team\n")
    policy = _read(text, "tha.txt")
    assert not policy.revision_log


def test_a_table_of_labels_and_dates_alone_is_no_field_history() -> None:
    """``Original Date | October 2022`` / ``Last Review | April 2026`` with no dated line: fields, kept as written."""
    text = _FIELDS.replace(
        "Review History\tOctober 2023: annual review; references updated.\n"
        "\tJune 2025: added tobacco cessation requirement.\n"
        "\tApril 2026: added body mass index limit.\n",
        "Last Review\tApril 2026\n",
    )
    assert not _read(text, "tha.txt").revision_log
