"""History in the forms a blind set (AUD14) showed the audit misread: an entry naming a section and a term
(``Clarified definition of refractory overactive bladder in Definitions``) for that term's definition reworded; a
version read in part whose log claims a value both versions, as read, hold already (judged, not set aside); a
Medicare Coverage Database page's stamp under the history (``Public Versions: Updated On 12/11/2025``), no log row;
a web copy's footer — the site's links with its copyright year, a print date with the page's counter — that moves on
with every copy; a history table whose first cell a print set above its date (the date centred beside the cell's
lines); a log cell a page break cut short in one version; a table titled by its appendix (``Appendix B: Therapeutic
Alternatives``).  Each is paired with what must still fail: another term, a value the versions do not hold, a claim
the unread part may back, a log row with words of its own."""

from __future__ import annotations

import datetime as dt

import pytest
from audit_support import LOG_END, PHARMACY, flagged, unbacked

from policyvc.history.audit import PairAudit, audit_pair
from policyvc.history.diff import diff
from policyvc.parser import parse_text, parse_text_report
from policyvc.parser.furniture import page_stamp, printed_on
from policyvc.parser.nodes import Paragraph, Row, Span, Table
from policyvc.parser.web_furniture import web_furniture
from policyvc.parser.written_history import _table_entries

# a medical policy of our own, as a plan's web page prints it: definitions, criteria, a history table
SACRAL = """\
Lakeview Community Plan Medical Policy
Sacral Nerve Stimulation for Urinary Incontinence
Policy Number: LCP.MP.238
Effective Date: 10/01/2025

Description
Sacral nerve stimulation delivers mild electrical pulses to the sacral nerves that control the bladder.

Policy/Criteria
Sacral nerve stimulation is medically necessary when all of the following are met:
1. Diagnosis of refractory overactive bladder;
2. Member has tried and failed all of the following conservative treatments:
a. Behavioral therapy;
b. Pharmacologic therapy;
3. A test stimulation produced at least 50% improvement in symptoms.

Definitions
Urge urinary incontinence: involuntary leakage of urine accompanied by or immediately preceded by urgency.
Refractory overactive bladder: OAB symptoms that persist despite behavioral and pharmacologic treatment.
Urinary retention: inability to completely empty the bladder in the absence of a mechanical obstruction.

Revision History
Date\tSummary of Changes
10/01/2024\tAnnual review. References reviewed and updated.
10/01/2025\tAnnual review. No significant changes.
"""
REWORDED = {
    "despite behavioral and pharmacologic treatment.": "despite an adequate trial of behavioral and pharmacologic "
    "treatment, or where pharmacologic treatment is not tolerated."
}


def _pair(old: str, new: str, *, unread: tuple[str, ...] = ()) -> PairAudit:
    return audit_pair(dt.date(2025, 10, 1), parse_text(old), dt.date(2026, 10, 1), parse_text(new), unread=unread)


def _sacral(edits: dict[str, str], entry: str, *, base: str = SACRAL) -> str:
    text = base
    for before, after in edits.items():
        assert before in text, before
        text = text.replace(before, after)
    return text + f"10/01/2026\tAnnual review. {entry}\n"


def test_an_entry_naming_a_section_and_a_term_documents_that_terms_definition() -> None:
    for entry in (
        "Clarified definition of refractory overactive bladder in Definitions.",
        "Definitions: refractory overactive bladder revised.",  # (the section named, the term whole)
        "Updated the definition of refractory overactive bladder.",  # (a definition said, the section not named)
    ):
        pair = _pair(SACRAL, _sacral(REWORDED, entry))
        assert flagged(pair) == set(), entry
        assert unbacked(pair) == [], entry


def test_a_definition_entry_backs_no_other_terms_definition_nor_a_criterion() -> None:
    pair = _pair(SACRAL, _sacral(REWORDED, "Clarified definition of urinary retention in Definitions."))
    assert flagged(pair) == {"Definitions.p2"}
    assert unbacked(pair) == ["Clarified definition of urinary retention in Definitions"]
    # (the term named, but neither its section nor a definition: no tie by this rule, a criterion's words aside)
    pair = _pair(SACRAL, _sacral(REWORDED, "Revised refractory overactive bladder in Policy/Criteria."))
    assert flagged(pair) == {"Definitions.p2"}
    # (a criterion changed under an entry about a definition: still undocumented)
    connective = {"failed all of the following": "failed one of the following"}
    pair = _pair(SACRAL, _sacral(connective, "Clarified definition of refractory overactive bladder in Definitions."))
    assert flagged(pair) == {"Policy-Criteria.c1.2"}


REGION = ("old.txt:1: error: not read as a centene-pharmacy policy: read by its outline instead",)


def test_a_partial_read_still_judges_a_value_both_versions_hold() -> None:
    """A version read in part (``--recover``) sets aside what its reading may have made, but a claim of a new value
    that the place it names holds in both versions, as read, is judged: unbacked (the policy's continued therapy
    approval is 12 months in both)."""
    pair = _recovered("revised continued therapy approval duration to 12 months")
    assert unbacked(pair) == ["revised continued therapy approval duration to 12 months"]
    assert pair.unchecked == ()
    assert "hold 12 already" in pair.claim_misses[0].reason


def test_a_partial_read_sets_aside_a_claim_it_cannot_judge() -> None:
    # (a value no place of both versions holds: what the reading missed may back it)
    pair = _recovered("revised continued therapy approval duration to 18 months")
    assert unbacked(pair) == []
    assert [c.clause for c in pair.unchecked] == ["revised continued therapy approval duration to 18 months"]
    # (a value held, but at another place than the one named: initial approval is 6 months)
    pair = _recovered("revised initial approval duration to 12 months")
    assert unbacked(pair) == [] and len(pair.unchecked) == 1
    # (no value claimed: set aside as before)
    pair = _recovered("updated continued therapy criteria")
    assert unbacked(pair) == [] and len(pair.unchecked) == 1


def _recovered(entry: str) -> PairAudit:
    """The audit-shape pharmacy policy against itself with one new log row, audited as a step read in part."""
    new = PHARMACY.replace("Last Review Date: 02.25", "Last Review Date: 02.26")
    new = new.replace(LOG_END, LOG_END + f"{entry}\t02.26\t02.26\n")
    return audit_pair(dt.date(2025, 2, 1), parse_text(PHARMACY), dt.date(2026, 2, 1), parse_text(new), unread=REGION)


# an LCD copied from the Medicare Coverage Database: its history table, then the page's own lines
LCD_TAIL = """\
Revision History Information
Revision History Date\tRevision History Number\tRevision History Explanation\tReasons for Change
{rows}
Associated Documents
Related National Coverage Documents: N/A
Public Versions: Updated On {stamp}
Contact Us | Accessibility | Privacy Policy | Freedom of Information Act | CMS.gov | HHS.gov | USA.gov
"""
LCD_HEAD = """\
Local Coverage Determination (LCD): Percutaneous Tibial Nerve Stimulation
LCD ID: L39999
Original Effective Date: 01/01/2024
Revision Effective Date: For services performed on or after {effective}

Coverage Indications, Limitations, and/or Medical Necessity
PTNS is reasonable and necessary for overactive bladder when all of the following are met:
1. The patient has urge incontinence or urinary frequency;
2. The patient has failed at least two pharmacologic agents;
3. The patient is able to attend weekly sessions.

Bibliography
1. Peters KM, Carrico DJ, Perez-Marrero RA, et al. Randomized trial of percutaneous tibial nerve stimulation. J Urol. 2010;183(4):1438-1443.

"""  # noqa: E501
R1 = "01/01/2025\tR1\tFormatting and typographical errors were corrected.\tProvider Education/Guidance"
R2 = "01/01/2026\tR2\tUnder Coverage Indications, revised the pharmacologic agents to at least one.\tOther"


def _lcd(effective: str, rows: list[str], stamp: str, agents: str = "two pharmacologic agents") -> str:
    head = LCD_HEAD.format(effective=effective).replace("two pharmacologic agents", agents)
    return head + LCD_TAIL.format(rows="\n".join(rows), stamp=stamp)


@pytest.mark.parametrize(
    "line",
    [
        "Public Versions: Updated On 12/11/2025",
        "Last updated 01/07/2026",
        "Last updated: January 7, 2026",
        "Page last updated: 12/03/2025 9:14 AM",
    ],
)
def test_a_sites_stamp_of_its_page(line: str) -> None:
    assert page_stamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "Last Reviewed: 01/2026",  # (the policy's own review date)
        "Updated criteria 12/11/2025",  # (a log row whose date is its last cell)
        "Effective: Updated on 01/01/2026 for new criteria",
        "Annual review 12/11/2025",
    ],
)
def test_not_a_sites_stamp(line: str) -> None:
    assert not page_stamp(line)


def test_an_mcd_pages_stamp_is_no_log_row_and_no_change() -> None:
    old = _lcd("01/01/2025", [R1], "12/12/2024")
    new = _lcd("01/01/2026", [R2, R1], "12/11/2025", agents="one pharmacologic agent")
    policy = parse_text(new)
    assert [e.date for e in policy.revision_log] == [dt.date(2025, 1, 1), dt.date(2026, 1, 1)]
    assert not any("Updated On" in e.description for e in policy.revision_log)
    pair = _pair(old, new)
    assert flagged(pair) == set() and unbacked(pair) == []


def test_an_mcd_pages_stamp_leaves_a_real_change_undocumented() -> None:
    r2 = "01/01/2026\tR2\tUnder Bibliography, formatting was corrected.\tOther"
    pair = _pair(_lcd("01/01/2025", [R1], "12/12/2024"), _lcd("01/01/2026", [r2, R1], "12/11/2025", agents="one"
                                                                 " pharmacologic agent"))  # fmt: skip
    assert len(pair.undocumented) == 1 and "pharmacologic" in (pair.undocumented[0].new_text or "")


# a plan's web page copied as text: its menu above, its footer below — the site's links with its copyright year and
# the print's date with the page's counter, both moving on with every copy
WEB = """\
Lakeview Community Plan | Members | Providers | Find a Provider | Pharmacy | Contact
Providers > Medical Policies > Negative Pressure Wound Therapy
Negative Pressure Wound Therapy (NPWT)
Medical Policy: LCP-MP-052
Revised Date: {revised}

Policy Statement
NPWT is medically necessary for a chronic ulcer when all of the following are met:
1. A complete wound therapy program has been tried;
2. The ulcer has not improved after 30 days of the wound therapy program.

Policy History
Date\tAction
02/01/2020\tNew policy.
11/19/2025\tAnnual review.
{rows}Lakeview Community Plan is a regional health plan. Medical policies do not guarantee coverage.
Privacy Policy | Nondiscrimination Notice | Language Assistance | Terms of Use | © {year} Lakeview Community Plan
Printed on {printed}. Page 1 of 1.
"""


def test_a_web_copys_footer_is_no_change_of_its_history() -> None:
    old = WEB.format(revised="11/19/2025", rows="", year="2025", printed="12/01/2025")
    new = WEB.format(revised="11/18/2026", rows="11/18/2026\tAnnual review.\n", year="2026", printed="12/02/2026")
    report = parse_text_report(new)
    assert [e.date for e in report.policy.revision_log][-1] == dt.date(2026, 11, 18)
    texts = [b.text for s in report.policy.body for b in getattr(s, "blocks", ()) if isinstance(b, Paragraph)]
    assert not any("Printed on" in t or "©" in t for t in texts)
    pair = _pair(old, new)
    assert pair.undocumented == () and pair.unbacked == ()


def test_a_footers_parts_are_told_one_by_one() -> None:
    assert printed_on("Printed on 12/02/2026. Page 1 of 1.")
    assert printed_on("Printed on 12/02/2026")
    assert not printed_on("Printed on 12/02/2026 for the committee. Page 1 of 1.")
    lines = ["Policy text.", "", "Privacy Policy | Terms of Use | © 2026 Lakeview Community Plan"]
    assert web_furniture(lines) == [2]
    # (a policy's own closing notice, no site's links with it: kept)
    assert web_furniture(["Policy text.", "", "© 2026 Lakeview Community Plan. All rights reserved."]) == []


def test_a_web_copys_footer_leaves_a_criterion_changed_undocumented() -> None:
    old = WEB.format(revised="11/19/2025", rows="", year="2025", printed="12/01/2025")
    new = WEB.format(revised="11/18/2026", rows="11/18/2026\tAnnual review.\n", year="2026", printed="12/02/2026")
    pair = _pair(old, new.replace("after 30 days", "after 14 days"))
    assert len(pair.undocumented) == 1 and "14 days" in (pair.undocumented[0].new_text or "")
    assert "claims no change" in pair.change_misses[0].reason  # (a step with a log entry: not "adds no entry")


def _row(date: str, words: str) -> Row:
    return Row(date, ((date,) if date else (), (words,)), Span(1))


def test_a_history_tables_first_cell_set_above_its_date_is_that_rows() -> None:
    """A print centres a row's date beside its cell's lines: the cell's first line stands above the date, read as
    a row with no date before the table's first dated row — that row's first words."""
    table = Table(
        ("Date", "Summary of Changes"),
        (
            _row("", "Updated background and references."),
            _row("01/08/2026", "Updated induction dose limit."),
            _row("01/09/2025", "Annual review; no changes."),
        ),
        Span(1),
    )
    entries, rest = _table_entries(table)
    assert [e.description for e in entries] == [
        "Updated background and references. Updated induction dose limit.",
        "Annual review; no changes.",
    ]
    assert rest is None
    # (a row with no date after a dated row is no first cell: kept in the body, as before)
    table = Table(table.header, (table.rows[1], _row("", "Contact us at 1-800-555-0100.")), Span(1))
    entries, rest = _table_entries(table)
    assert [e.description for e in entries] == ["Updated induction dose limit."]
    assert rest is not None and len(rest.rows) == 1


# a raw ``pdftotext`` of a print whose history table comes out a cell a line: a page break cut one cell short (its
# last line read after the log, as text), in the old version only
CUT_OLD = """\
Lakeview Community Plan Pharmacy Policy
Testosterone Replacement
Policy Number: LCP-PA-0412
Effective Date: 02/20/2025

Coverage Criteria
Testosterone is medically necessary when all of the following are met:
1. Two morning total testosterone levels below 300 ng/dL;
2. Hematocrit less than 50%.

Policy History/Revision Information
Date

Summary of Changes

03/01/2021

New criteria.

02/24/2023

Added Xyosted and Jatenzo. Added

\fstep therapy for oral products.
02/20/2025

Annual review; no changes to criteria.

Lakeview Community Plan. Confidential and proprietary.
"""
WHOLE = CUT_OLD.replace("Added\n\n\fstep therapy", "Added step therapy").replace(
    "products.\n02/20/2025", "products.\n\n02/20/2025"
)
HEMATOCRIT = "\n01/15/2026\n\nRevised hematocrit threshold to less than 54%.\n\nLakeview"


def test_a_log_cell_cut_by_a_page_break_in_one_version_adds_no_row() -> None:
    old = parse_text(CUT_OLD)
    assert any(e.description.endswith("Added") for e in old.revision_log)  # (the cut cell, as the reader gives it)
    new = WHOLE.replace("Effective Date: 02/20/2025", "Effective Date: 01/15/2026").replace("\nLakeview", HEMATOCRIT)
    new = new.replace("less than 50%", "less than 54%")
    assert any(e.description.endswith("oral products.") for e in parse_text(new).revision_log)
    script = diff(old, parse_text(new))
    assert [e.description for e in script.log_added] == ["Revised hematocrit threshold to less than 54%."]


def test_a_row_rewritten_under_an_old_date_with_words_of_its_own_is_new() -> None:
    new = WHOLE.replace("step therapy for oral products.", "quantity limits for injectable products.")
    script = diff(parse_text(CUT_OLD), parse_text(new))
    assert [e.description for e in script.log_added] == ["Added Xyosted and Jatenzo. Added quantity limits for"
                                                         " injectable products."]  # fmt: skip


ALTERNATIVES = """\
Lakeview Community Plan Pharmacy Policy
Ubrogepant (Ubrelvy)
Policy Number: LCP.PA.247
Effective Date: 04/01/2025

Policy/Criteria
Ubrelvy is medically necessary when all of the following are met:
1. Diagnosis of migraine with or without aura;
2. Failure of two triptans (see Appendix B), unless contraindicated.

Appendix B: Therapeutic Alternatives
Drug Name\tDosing Regimen\tDose Limit/Maximum Dose
sumatriptan (Imitrex®)\t25 mg, 50 mg or 100 mg PO at onset; may repeat after 2 hours\t200 mg/day
rizatriptan (Maxalt®)\t5 mg or 10 mg PO at onset; may repeat after 2 hours\t30 mg/day

Revision History
Date\tSummary of Changes
04/01/2025\tAnnual review. No significant changes.
"""
NARATRIPTAN = "naratriptan (Amerge®)\t1 mg or 2.5 mg PO at onset; may repeat after 4 hours\t5 mg/day\n"


def _alternatives(entry: str) -> PairAudit:
    new = ALTERNATIVES.replace("30 mg/day\n", "30 mg/day\n" + NARATRIPTAN) + f"04/01/2026\t{entry}\n"
    return audit_pair(dt.date(2025, 4, 1), parse_text(ALTERNATIVES), dt.date(2026, 4, 1), parse_text(new))


def test_a_table_titled_by_its_appendix_is_that_appendix() -> None:
    """A table under ``Appendix B: Therapeutic Alternatives``: a row added to it is in Appendix B, which the entry
    names (its letter, not ``B:``)."""
    pair = _alternatives("Appendix B updated to add naratriptan.")
    assert flagged(pair) == set() and unbacked(pair) == []
    pair = _alternatives("Appendix C updated to add naratriptan.")
    assert len(pair.undocumented) == 1 and unbacked(pair) == ["Appendix C updated to add naratriptan"]
