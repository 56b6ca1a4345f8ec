"""Revision logs in shapes a blind set (heldout19) showed were missed, each in fixtures of other payers and
wordings (``tests/fixtures/history_shapes19``: HTML in ``src/`` printed by Chromium through ``pdftotext`` and
``pdftotext -layout`` — remade by ``python tests/docgen.py tests/fixtures/history_shapes19``, the print's
``file://`` address then replaced by a web one — and web or viewer copies as text):

* a history table whose header cells wrap over two lines each (``Approval`` / ``Date``, ``Summary of`` /
  ``Revision``), its date cells two lines too (``03-02-2023`` / ``(new)``);
* a web copy's revision log right under a coding table, no heading between (its header ``Summary of Changes |
  Review Date | Approval Date`` or ``Date | Action`` a row of the tab-separated block);
* a page's ``Revised:`` / ``Reviewed:`` date under its title when the page keeps a history of its own;
* a ``Reviews, Revisions, and Approvals | Revision Date | Approval Date`` log with both dates in full
  (``10-15-2025``): raw ``pdftotext`` writes each cell a line, ``-layout`` runs a long description into its
  date; a paragraph under the log is the page's, never the last row's words;
* a ``Version | Date | Description`` log whose header a raw copy wrote ``Version Date`` / ``Description``.

And what must stay as it was: a header row whose next row holds dates, a row naming a date in a coding table
with a code under it, a labelled date with words of its own, a sentence ending in dates."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES
from heldout_support import log_dates

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Paragraph, Row, Span, Table
from policyvc.parser.outline import _header_runs
from policyvc.parser.text_styles import _same_dated_end
from policyvc.parser.written_history import _header_wrapped, change_entries

SHAPES = FIXTURES / "history_shapes19"
D = dt.date

# file: (identifier, history dates)
CASES = {
    "wrapped-header-spine.txt": ("MSP-SP-220", [D(2023, 3, 2), D(2024, 3, 5), D(2025, 3, 4)]),
    "wrapped-header-cornea.txt": ("LVB-OPH-07", [D(2023, 9, 1), D(2024, 9, 1), D(2025, 9, 1)]),
    "tab-log-after-codes-vestibular.txt": ("BHH.MP.311", [D(2024, 2, 1), D(2025, 2, 1), D(2026, 2, 1)]),
    "tab-log-after-codes-enteral.txt": ("GSC-DME-052", [D(2024, 5, 1), D(2025, 5, 1), D(2026, 5, 1)]),
    "reviewed-field-and-log-pca.txt": ("PRM-PCA-118", [D(2023, 10, 1), D(2025, 4, 1), D(2026, 4, 1)]),
    "revised-field-and-log-hbot.txt": ("CPH-MED-0904", [D(2023, 11, 18), D(2024, 11, 19), D(2025, 11, 20)]),
    "approval-log-hyphen-dates.chromium.pdftotext.txt": (
        "HW.CP.208", [D(2024, 2, 12), D(2025, 2, 10), D(2026, 2, 9)]
    ),
    "approval-log-hyphen-dates.chromium.pdftotext-layout.txt": (
        "HW.CP.208", [D(2024, 2, 12), D(2025, 2, 10), D(2026, 2, 9)]
    ),
    "version-number-log.chromium.pdftotext.txt": ("RBM-CARD-0417", [D(2022, 4, 1), D(2024, 4, 1), D(2026, 4, 1)]),
    "version-number-log.chromium.pdftotext-layout.txt": (
        "RBM-CARD-0417", [D(2022, 4, 1), D(2024, 4, 1), D(2026, 4, 1)]
    ),
    "revision-number-log.chromium.pdftotext.txt": ("SOL-MSK-2210", [D(2023, 11, 1), D(2024, 11, 1), D(2025, 11, 1)]),
    "revision-number-log.chromium.pdftotext-layout.txt": (
        "SOL-MSK-2210", [D(2023, 11, 1), D(2024, 11, 1), D(2025, 11, 1)]
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_log_of_each_shape_reads_to_its_entries(name: str) -> None:
    policy = parse_file_report(SHAPES / name, recover=True).policy
    reference, history = CASES[name]
    assert policy.reference_number == reference
    assert log_dates(policy) == history


def test_the_rows_words_are_their_own() -> None:
    spine = parse_file_report(SHAPES / "wrapped-header-spine.txt", recover=True).policy
    assert spine.revision_log[0].description == "Guideline created by the spine panel"
    assert "Summary of" not in repr(spine.body)  # (the header's first line: no table, no paragraph left)
    codes = parse_file_report(SHAPES / "tab-log-after-codes-vestibular.txt", recover=True).policy
    assert [(e.pt_approval.year, e.pt_approval.month) for e in codes.revision_log if e.pt_approval] == [
        (2024, 2), (2025, 3), (2026, 2)
    ]  # fmt: skip
    assert "Approval Date" not in repr(codes.body)  # (the log's header is no row of the coding table)
    for name in (
        "approval-log-hyphen-dates.chromium.pdftotext.txt",
        "approval-log-hyphen-dates.chromium.pdftotext-layout.txt",
    ):
        policy = parse_file_report(SHAPES / name, recover=True).policy
        last = policy.revision_log[-1].description
        assert last.endswith("updated to match."), name  # (the page's paragraph under the log: not the row's)
        assert "independent licensee" in repr(policy.body), name  # (kept, as text of its own)


def test_a_pages_own_revised_date_is_kept_as_text() -> None:
    policy = parse_file_report(SHAPES / "revised-field-and-log-hbot.txt", recover=True).policy
    assert [e.description for e in policy.revision_log] == [
        "New policy", "Wagner grade restated", "Osteomyelitis criterion added"
    ]  # fmt: skip
    # (a field of the header's own, beside the policy ID — never a row of the log: with no other label naming a
    # review, the header's `Revised:` is its last review)
    assert policy.header.last_review == dt.date(2025, 11, 20)
    assert not any("11/20/2025" in x or "2025-11-20" in x for x in policy.header.extras)


# --- what must not change ---------------------------------------------------------------------------------------


def test_a_labelled_date_is_an_entry_with_words_or_with_no_log_of_its_own() -> None:
    sp = Span(1, 1)
    lone = Paragraph("Revised: 01-15-2026", sp)
    assert [e.date for e in change_entries(lone)] == [D(2026, 1, 15)]  # (no history section: the page's only one)
    assert change_entries(lone, logged=True) == []
    worded = Paragraph("Revised: 6/23 (criteria updated); 1/26 (codes added)", sp)
    assert len(change_entries(worded, logged=True)) == 2


def test_a_header_wraps_only_onto_a_row_of_names_that_makes_a_date_column() -> None:
    sp = Span(1, 1)
    dated = Row("01-15-2024", (("01-15-2024",), ("New policy",)), sp)
    wrapped = Table(("Effective", "Description of"), (Row("Date", (("Date",), ("Change",)), sp), dated), sp)
    assert _header_wrapped(wrapped).header == ("Effective Date", "Description of Change")
    # (a header that names its date already, a row holding a date, a row of names making no date column: as is)
    named = Table(("Date", "Summary"), (Row("Date", (("Reviewed",), ("Notes",)), sp), dated), sp)
    assert _header_wrapped(named) == named
    first_dated = Table(("Effective", "Notes"), (dated,), sp)
    assert _header_wrapped(first_dated) == first_dated
    drugs = Table(("Drug", "Strength"), (Row("Name", (("Name",), ("mg",)), sp), dated), sp)
    assert _header_wrapped(drugs) == drugs


def test_a_log_header_splits_a_tab_block_only_under_another_table_with_a_dated_row_below() -> None:
    codes = ["CPT Codes\tDescription", "97112\tTherapeutic procedure", "95992\tCanalith repositioning"]
    log = ["Date\tAction", "2024-05-01\tPolicy published"]
    assert _header_runs([*codes, *log]) == [(0, 3), (3, 5)]
    # (a row naming a date with no date under it; the header's own second line; a log's header again)
    assert _header_runs([*codes, "Review date\tNotes", "Annual\tSee the log below"]) == [(0, 5)]
    assert _header_runs(["Effective\tDescription of", "Date\tChange", "01-15-2024\tNew policy"]) == [(0, 3)]
    again = ["Date\tChange", "2024-05-01\tPolicy published", "Date\tChange", "2025-05-01\tCodes added"]
    assert _header_runs(again) == [(0, 4)]


@pytest.mark.parametrize(
    ("text", "last", "line", "expected"),
    [
        # two dates of one shape after a sentence's end: a row's date and its approval's
        ("Annual review. 10-15-2025 10-15-2025", "10-15-2025", "Ascension text", True),
        ("Policy developed. 10-15-2023 10-15-2023", "Policy developed. 10-15-2023 10-15-2023", "Annual review.", True),
        # rows each ending with one date of one shape
        ("New policy 02/01/2024", "New policy 02/01/2024", "Criteria revised 02/01/2025", True),
        # a sentence ending with dates but no sentence's end before them, dates of two shapes, a line going on
        ("The rule applies from 01/01/2025 01/01/2026", "01/01/2026", "and after that date", False),
        ("Reviewed. 10-15-2025 10/15/2025", "10/15/2025", "Next", False),
        ("Coverage begins on 01/01/2026", "Coverage begins on 01/01/2026", "for all members enrolled", False),
    ],
)
def test_a_row_ending_with_dates_ends_its_line(text: str, last: str, line: str, expected: bool) -> None:
    assert _same_dated_end(text, last, line) is expected
