"""Header fields and dated histories that are not a ``Label: value`` line of their own (the generic template):
fields two to a line, a block of labels over a block of values, the identifier in the title's parentheses,
date labels a web page uses, and a history line that lists several dates.  Each example is written from the
shape of a real layout, with words of its own; the fail-safe cases say what must stay unread."""

from __future__ import annotations

import datetime as dt

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy, Row, Table
from policyvc.parser.written_history import _table_entries


def _read(text: str) -> Policy:
    return parse_text_report(text, source="x.txt", recover=True).policy


_BODY = (
    "\nDescription\n\nThis document addresses a service.\n\nClinical Indications\n\n"
    "The service is medically necessary when all of the following criteria are met:\n\n"
    "A. The member is 18 years of age or older; and\nB. Conservative therapy has failed.\n"
)


def test_two_fields_on_one_tab_separated_line_are_each_read() -> None:
    policy = _read(
        "Skip to main content\nHome > Providers > Medical Policies\n\nClinical UM Guideline\n\n"
        "Subject: Lumbar Spinal Fusion\nGuideline #: CG-SURG-99\tPublish Date: 04/01/2026\n"
        "Status: Reviewed\tLast Review Date: 02/12/2026\n" + _BODY
    )
    assert (policy.header.title, policy.reference_number) == ("Lumbar Spinal Fusion", "CG-SURG-99")
    assert policy.header.effective_date == dt.date(2026, 4, 1)  # (the page's publish date: the date in force)
    assert policy.header.last_review == dt.date(2026, 2, 12)


def test_an_effective_date_ranks_before_a_publish_date() -> None:
    policy = _read(
        "Subject: Lumbar Spinal Fusion\nDocument #: SURG.00142\nPublish Date: 05/01/2026\n"
        "Effective Date: 07/01/2026\n" + _BODY
    )
    assert policy.header.effective_date == dt.date(2026, 7, 1)


def test_the_identifier_in_the_title_s_parentheses_with_its_version() -> None:
    policy = _read(
        "Acme Clinical Guideline: Sacroiliac Joint Fusion (CG077, Ver. 4)\n\nSacroiliac Joint Fusion\n\n"
        "Summary\nSacroiliac joint fusion stabilises the joint.\n" + _BODY
    )
    assert (policy.header.title, policy.reference_number) == ("Sacroiliac Joint Fusion", "CG077")


def test_a_name_in_parentheses_is_no_identifier() -> None:
    # (an abbreviation in parentheses is no policy code: the document states none, and none is invented)
    policy = _read("Acme Clinical Guideline: Continuous Glucose Monitors (CGM)\n\nSummary\nText.\n" + _BODY)
    assert policy.reference_number == ""


def test_a_block_of_labels_over_a_block_of_values_is_read_by_shape() -> None:
    # (raw pdftotext of a Word header grid: all labels, a numbered heading, then all values — one empty)
    policy = _read(
        "Prior Authorization Guideline\nGuideline ID\nGuideline Name\nFormulary\nGuideline Note:\n"
        "Effective Date:\nP&T Approval Date:\nP&T Revision Date:\n1 . Indications\n\nRX-40211\n"
        "Dupilumab (Dupixent)\nAcme Rx Commercial; Acme Rx\nSelect Standard\n02/01/2026\n03/18/2017\n"
        "11/12/2025\n\nDrug Name: Dupixent (dupilumab)\n" + _BODY
    )
    assert (policy.header.title, policy.reference_number) == ("Dupilumab (Dupixent)", "RX-40211")
    assert policy.header.effective_date == dt.date(2026, 2, 1)


def test_a_block_whose_dates_do_not_pair_leaves_them_unread() -> None:
    # (three date labels, two dated lines: which is which cannot be told — no date is guessed)
    policy = _read(
        "Guideline ID\nGuideline Name\nEffective Date:\nP&T Approval Date:\nP&T Revision Date:\n\nRX-40211\n"
        "Dupilumab (Dupixent)\n02/01/2026\n11/12/2025\n" + _BODY
    )
    assert policy.reference_number == "RX-40211"
    assert policy.header.effective_date is None


def test_a_block_of_labels_whose_first_value_is_no_identifier_gives_none() -> None:
    policy = _read(
        "Guideline ID\nGuideline Name\nEffective Date:\nRevision Date:\n\nDupilumab (Dupixent)\n"
        "Acme Rx Commercial\n02/01/2026\n11/12/2025\n" + _BODY
    )
    assert policy.reference_number == ""


def test_a_web_page_s_last_modified_date_and_its_title_below_the_agency_name() -> None:
    policy = _read(
        "Skip to main content\nState Health Care Authority\nMembers\nProviders\nContact Us\n"
        "Home / Providers / Pharmacy / Prior Authorization / Asthma Biologics\n\nAsthma Biologics\n\n"
        "Last Modified on Mar 3, 2026\n\nNucala® (Mepolizumab) Approval Criteria:\n"
        "1. An FDA approved diagnosis of severe asthma; and\n2. Member must be 6 years of age or older.\n\n"
        "Was this page helpful?\nState Health Care Authority\nPrivacy Policy\n"
    )
    assert policy.header.title == "Asthma Biologics"
    assert policy.header.last_review == dt.date(2026, 3, 3)
    assert policy.reference_number == ""


def test_a_reviewed_revised_line_listing_dates_gives_an_entry_per_date() -> None:
    policy = _read(
        "Acme Clinical Guideline: Sacroiliac Joint Fusion (CG077, Ver. 4)\n\nSacroiliac Joint Fusion\n"
        + _BODY
        + "\nClinical Guideline Revision / History Information\nOriginal Date: 05/02/2019\n"
        "Reviewed/Revised: 05/14/2020, 05/11/2022, 05/09/2024, 05/08/2026\n"
    )
    assert [e.date for e in policy.revision_log] == [
        dt.date(2019, 5, 2), dt.date(2020, 5, 14), dt.date(2022, 5, 11), dt.date(2024, 5, 9), dt.date(2026, 5, 8),
    ]  # fmt: skip
    assert policy.revision_log[-1].description == "Reviewed/Revised"


def test_a_history_date_column_run_into_one_cell_gives_an_entry_per_date() -> None:
    # (raw pdftotext of a Word revision table: the `Date` column's cells run together, the notes elsewhere)
    table = Table(("4 . Revision History", "Date"), (Row("", ((), ("09/18/2026 09/12/2025 09/20/2024",))),))
    entries, rest = _table_entries(table)
    assert [e.date for e in entries] == [dt.date(2026, 9, 18), dt.date(2025, 9, 12), dt.date(2024, 9, 20)]
    assert rest is None


def test_a_history_cell_with_words_between_its_dates_is_one_entry() -> None:
    table = Table(("Revision History", "Date"), (Row("", (("Annual review",), ("09/18/2026, replaces 09/12/2025",))),))
    entries, _ = _table_entries(table)
    assert [e.date for e in entries] == [dt.date(2026, 9, 18)]


def test_a_tab_grid_with_a_footnoted_label_and_month_dates_is_the_header() -> None:
    # (a national policy's header grid, tab-separated: a footnote's mark before a label's colon, dates
    # written as a month; fields no slot holds (``Updated:``, ``Retired: N/A``) do not make the grid a table)
    policy = _read(
        "Northwind Health\nCorporate Medical Policy\n\n"
        "Subject:\tSacral Nerve Stimulation for Urinary Incontinence\nPolicy Number:\tCMP-0734\n"
        "Effective Date*:\tMarch 2026\nUpdated:\tJanuary 2026\nRetired:\tN/A\n\n"
        "* The date the policy takes effect for all plans.\n" + _BODY
    )
    assert (policy.header.title, policy.reference_number) == (
        "Sacral Nerve Stimulation for Urinary Incontinence",
        "CMP-0734",
    )
    assert policy.header.effective_date == dt.date(2026, 3, 1)
    # (``Updated:`` is no label of a date field: ``Policy updated: criterion B revised`` is a history's text)
    assert policy.header.last_review is None


def test_a_footnote_mark_without_a_stop_makes_no_field() -> None:
    # (``Effective Date*`` in a sentence, with no stop after it, is no label: no date is taken from prose)
    policy = _read(
        "Northwind Health\nCorporate Medical Policy\n\nSubject:\tSacral Nerve Stimulation\n"
        "The Effective Date* 03/01/2026 applies to plans renewing after it.\n" + _BODY
    )
    assert policy.header.effective_date is None


def test_a_series_and_a_dotted_number_written_with_a_space_is_the_identifier() -> None:
    # (a Word header grid, two columns: ``Policy Number: | MP 7.0215`` — the series' letters, a space, its
    # number with dots)
    policy = _read(
        "Lakeshore Blue Shield\n\nMedical Policy\n\nPolicy Number:\tMP 7.0215\n"
        "Effective Date:\t09/01/2026\nNext Review Date:\t06/2027\n\nTitle:\tHome Sleep Apnea Testing\n" + _BODY
    )
    assert policy.reference_number == "MP 7.0215"
    assert policy.header.effective_date == dt.date(2026, 9, 1)


def test_a_series_and_a_dose_in_a_sentence_is_no_identifier() -> None:
    # (``Policy Number: CP 1.5 mg …`` is no identifier: more words follow the number)
    policy = _read("Lakeshore Blue Shield\n\nPolicy Number: CP 1.5 mg daily as directed\n" + _BODY)
    assert policy.reference_number == ""


def test_three_fields_on_one_tab_line_with_a_qualified_number_label() -> None:
    # (a Word header line: ``Criteria Number: …`` — a known label after a word naming its kind — then two
    # dates; the title is the line above the fields, not the payer's ``Medical Criteria`` line)
    policy = _read(
        "Cascade Community Health\n\nMedical Criteria\n\nKnee Bracing\n\n"
        "Criteria Number: MED-201\tOriginal Effective Date: 02/01/2015\tRevision Date: 09/17/2026\n\n"
        "Applies to: Commercial\n" + _BODY
    )
    assert (policy.header.title, policy.reference_number) == ("Knee Bracing", "MED-201")
    assert policy.header.last_review == dt.date(2026, 9, 17)


def test_a_tab_line_whose_cell_is_a_sentence_is_no_field() -> None:
    # (a sentence ending in a label is no field: nothing is read from the row, which stays a table)
    policy = _read(
        "Cascade Community Health\n\nKnee Bracing\n\n"
        "See the plan for its Policy Number: 42 pages\tRevision Date: 09/17/2026\n" + _BODY
    )
    assert policy.reference_number == ""


def test_a_current_effective_date_in_a_history_paragraph_is_its_latest_entry() -> None:
    # (a history of labelled dates after the references, far below the head: the current effective date is an
    # entry; a next review date is no entry)
    references = "".join(f"{k}. Author {k}. A study of home oxygen. J Med. 20{k:02d};{k}:1-9.\n" for k in range(1, 71))
    policy = _read(
        "Fairview Health Plan Medical Policy\nHome Oxygen Therapy\n"
        + _BODY
        + "\nReferences\n"
        + references
        + "\nPolicy History\nOriginal Effective Date: 03/01/2014\nRevised: 03/01/2024, 03/01/2025\n"
        "Current Effective Date: 03/01/2026\nNext Review Date: 02/2027\n"
    )
    assert [e.date for e in policy.revision_log] == [
        dt.date(2014, 3, 1), dt.date(2024, 3, 1), dt.date(2025, 3, 1), dt.date(2026, 3, 1),
    ]  # fmt: skip
    assert policy.revision_log[-1].description == "Current effective"
