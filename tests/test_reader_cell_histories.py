"""History tables of three or four columns that ``pdftotext`` in reading order wrote a cell a line
(``parser/cell_history.py``), and a history whose first date column holds one date on every row
(``parser/written_history.py``).

The fixtures are our own policies printed by real producers (``tests/fixtures/cell_histories``): pages printed by
Chromium (``python tests/docgen.py``-style, ``src/*.html``: a ``Status | Review Date | Effective Date | Action``
log whose narrow columns' names wrap, a row's cells now a line each, now run onto one line, a long row's dates
set beside the middle of its text; an ``Original Effective Date | Current Effective Date | Policy History`` log)
and Word documents printed by LibreOffice (``src/make.py``: ``Date | Action | Description`` cut by a page
break, its narrow columns' first rows a block under each name and its wide column after the page's number;
``Status | Review Date | Effective Date | Action`` whose wide column reading order set after the next
heading).  What must not happen: a row made up or given another row's words, the heading after the table
taken into a row, a history read in part — a column whose cells cannot be shared out over the rows (a cell of
two sentences in a column written whole) makes no row: the lines stay text, the dates left unread said.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, check_golden

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import YearMonth
from policyvc.renderer.outline import outline_rows, render_outline

HERE = FIXTURES / "cell_histories"
D = dt.date
Y = YearMonth


def _log(path: Path) -> list[tuple[dt.date | None, YearMonth | None, str]]:
    policy = parse_file_report(path, recover=True).policy
    return [(e.date, e.pt_approval, e.description) for e in policy.revision_log]


READ = {
    # (a browser's print: the review date each row's, the effective date its second date)
    "lakeshore-proton-therapy.chromium.pdftotext.txt": [
        (D(2021, 4, 12), Y(2021, 10), "Created Independent multispecialty physician panel review. New guideline."),
        (D(2022, 4, 20), Y(2022, 11), "Revised Skull base chordoma criteria clarified."),
        (D(2023, 4, 18), Y(2023, 9), "Reviewed Annual review. References updated."),
        (
            D(2024, 4, 16),
            Y(2024, 10),
            "Revised Pediatric age limit raised from 18 to 21 years for central nervous system tumors; reirradiation"
            " added as an indication when a comparative plan shows a dose advantage.",
        ),
        (D(2025, 4, 15), Y(2025, 7), "Reviewed Annual review. No criteria changes."),
    ],
    # (the original date, the same on every row, dates none: each row its current effective date)
    "riverbend-lumbar-fusion.chromium.pdftotext.txt": [
        (D(2016, 3, 1), None, "Medical Director review. New policy."),
        (D(2018, 5, 10), None, "Medical Policy Committee review. Nicotine abstinence requirement added."),
        (D(2021, 6, 17), None, "Medical Policy Committee review. No change in coverage."),
        (D(2025, 6, 12), None, "Medical Policy Committee review. Instability threshold of 3 mm added."),
    ],
    "wyndham-knee-arthroplasty.libreoffice.pdftotext.txt": [
        (D(2022, 3, 1), None, "New Policy created."),
        (D(2023, 3, 1), None, "Revised Added revision arthroplasty criteria."),
        (D(2024, 3, 1), None, "Reviewed Annual review. No changes."),
        (D(2024, 9, 1), None, "Revised Added hemoglobin A1c requirement for members with diabetes."),
        (D(2025, 3, 1), None, "Reviewed Annual review. ICD-10 codes updated."),
        (
            D(2026, 3, 1),
            None,
            "Revised Non-operative treatment reduced from 6 months to 3 months; osteonecrosis with collapse exempt"
            " from non-operative treatment.",
        ),
    ],
    "pinewood-cardiac-ct.libreoffice.pdftotext.txt": [
        (D(2022, 5, 2), Y(2022, 11), "Created New guideline after specialty panel review."),
        (D(2023, 5, 9), Y(2023, 11), "Revised Equivocal stress test added as an indication."),
        (D(2024, 5, 7), Y(2024, 9), "Reviewed Annual review with no criteria changes."),
        (D(2025, 5, 6), Y(2025, 10), "Revised Calcium score threshold removed from the indications."),
    ],
}


@pytest.mark.parametrize("name", sorted(READ))
def test_a_history_written_a_cell_a_line_reads_every_row(name: str) -> None:
    """Every row an entry: its first date column's date, its second's month, its status and its words — the n-th
    cell of each column the n-th row's, whatever order reading order gave the columns in."""
    assert _log(HERE / name) == READ[name]


@pytest.mark.parametrize("name", ["wyndham-knee-arthroplasty", "riverbend-lumbar-fusion", "lakeshore-proton-therapy"])
def test_the_layout_copy_of_the_same_print_agrees(name: str) -> None:
    """``-layout`` of the same print, which sets each row on a line, reads the same dates and words — also the
    row whose words wrapped over three lines, its narrow cells set beside the middle one (``Pediatric age limit …
    system`` / ``Revised 04/16/2024 10/01/2024 tumors; …`` / ``shows a dose advantage.``)."""
    producer = "libreoffice" if name.startswith("wyndham") else "chromium"
    layout = _log(HERE / f"{name}.{producer}.pdftotext-layout.txt")
    assert [(d, words) for d, _, words in layout] == [
        (d, words) for d, _, words in READ[f"{name}.{producer}.pdftotext.txt"]
    ]


def test_the_heading_after_the_table_stays_the_pages_text() -> None:
    """LibreOffice's reading order sets the heading after the table (``Important Note``) between the narrow
    columns' cells and the wide column's name, and its paragraph after the wide column's cells: both stay text
    after the log, neither a row's words."""
    policy = parse_file_report(HERE / "pinewood-cardiac-ct.libreoffice.pdftotext.txt", recover=True).policy
    texts = [text for _, kind, text in outline_rows(policy) if kind != "revision"]
    assert "Important Note" in texts
    assert "These guidelines apply to members whose plan delegates imaging review to Pinewood." in texts
    assert not any("Important Note" in e.description or "Pinewood" in e.description for e in policy.revision_log)


def test_cells_that_cannot_be_shared_out_make_no_entry_and_are_kept() -> None:
    """A column read whole whose cells hold two sentences (``… 12 months. Type IV devices removed.``) cannot be
    cut into its rows' cells by sentences: no entry is made up, none read in part — the dates and words stay
    text, and the reader says so."""
    report = parse_file_report(HERE / "tidewater-sleep-testing.libreoffice.pdftotext.txt", recover=True)
    assert report.policy.revision_log == ()
    texts = "\n".join(text for _, _, text in outline_rows(report.policy))
    for kept in ("02/10/2026", "06/01/2026", "Repeat testing limited", "Pediatric members"):
        assert kept in texts
    assert any("not read as history entries" in d.message for d in report.diagnostics)


@pytest.mark.parametrize(
    "name",
    ["lakeshore-proton-therapy.chromium.pdftotext.txt", "wyndham-knee-arthroplasty.libreoffice.pdftotext.txt"],
)
def test_golden_outline(name: str) -> None:
    check_golden(
        f"cell_histories/{name.removesuffix('.txt')}.outline",
        render_outline(parse_file_report(HERE / name, recover=True).policy),
    )


_WEB_COPY = """Lumbar Spinal Fusion
Policy Number: 00417

Policy
Lumbar fusion is covered for instability of at least 3 mm.

Policy History
Original Effective Date\tCurrent Effective Date\tPolicy History
04/01/2012\t04/01/2012\tMedical Director review. New policy.
04/01/2012\t07/14/2016\tMedical Policy Committee review. Smoking cessation added.
04/01/2012\t09/20/2022\tMedical Policy Committee review. No change in coverage.
04/01/2012\t09/18/2025\tMedical Policy Committee review. Instability threshold added.
"""


def test_a_constant_original_date_column_dates_no_row() -> None:
    """A web copy's ``Original Effective Date | Current Effective Date | Policy History``: the original date,
    written again on every row, is no row's date nor its approval — each row takes its current effective date,
    the newest of them the log's last."""
    policy = parse_text_report(_WEB_COPY, recover=True).policy
    assert [(e.date, e.pt_approval, e.description) for e in policy.revision_log] == [
        (D(2012, 4, 1), None, "Medical Director review. New policy."),
        (D(2016, 7, 14), None, "Medical Policy Committee review. Smoking cessation added."),
        (D(2022, 9, 20), None, "Medical Policy Committee review. No change in coverage."),
        (D(2025, 9, 18), None, "Medical Policy Committee review. Instability threshold added."),
    ]


def test_two_date_columns_that_both_change_keep_their_order() -> None:
    """``Review Date | Effective Date | Action``, both dates new on every row: the first column dates the entry,
    the second gives its month, as before."""
    text = _WEB_COPY.split("Policy History\n")[0] + (
        "Policy History\nReview Date\tEffective Date\tAction\n"
        "03/02/2012\t04/01/2012\tNew policy.\n"
        "06/20/2016\t07/14/2016\tSmoking cessation added.\n"
        "08/30/2025\t09/18/2025\tInstability threshold added.\n"
    )
    policy = parse_text_report(text, recover=True).policy
    assert [(e.date, e.pt_approval) for e in policy.revision_log] == [
        (D(2012, 3, 2), Y(2012, 4)),
        (D(2016, 6, 20), Y(2016, 7)),
        (D(2025, 8, 30), Y(2025, 9)),
    ]


def test_a_layout_log_cut_inside_a_row_by_a_page_break_goes_on_under_its_header_repeated() -> None:
    """``-layout`` of LibreOffice's print of ``Date | Summary`` whose header row repeats on each page, a row's
    summary cut by the page break: the page's number and running header, then the header again (its columns set
    elsewhere) and the rest of the row's summary — that row's words, never a paragraph of their own."""
    log = _log(HERE / "brookfield-oxygen.libreoffice.pdftotext-layout.txt")
    assert [d for d, _, _ in log] == [D(2020, 8, 12), D(2021, 8, 10), D(2022, 8, 9), D(2023, 8, 8), D(2024, 8, 13)]
    assert log[1][2] == (
        "Annual review; portable oxygen concentrator code E1392 added to the coding section; stationary"
        " concentrator wording aligned with the supplier manual; references updated."
    )
    policy = parse_file_report(HERE / "brookfield-oxygen.libreoffice.pdftotext-layout.txt", recover=True).policy
    texts = "\n".join(text for _, kind, text in outline_rows(policy) if kind != "revision")
    assert "Date Summary" not in texts and "E1392" not in texts


def test_a_known_heading_right_under_a_layout_logs_last_row_is_no_cell_of_it() -> None:
    """``-layout`` of LibreOffice's print sets the next heading (``Disclaimer``) right under the log's last row,
    in its first column: the next section's heading, never the last row's status wrapped."""
    policy = parse_file_report(HERE / "tidewater-sleep-testing.libreoffice.pdftotext-layout.txt", recover=True).policy
    assert [(e.date, e.description) for e in policy.revision_log][-1] == (
        D(2026, 2, 10),
        "Revised Pediatric members excluded.",
    )
    assert ("Disclaimer", "heading", "Disclaimer") in list(outline_rows(policy))


def test_a_row_with_its_original_date_alone_keeps_it() -> None:
    """``Original Effective Date | Current Effective Date | Action`` whose first row, the policy's approval, has
    its original date alone: that row dates by it (no approval month), the others by their current date."""
    text = _WEB_COPY.split("Policy History\n")[0] + (
        "Policy History\nOriginal Effective Date\tCurrent Effective Date\tAction\n"
        "08/15/2001\t\tMedical Policy Committee approval\n"
        "07/15/2022\t07/15/2022\tMedical Policy Committee review; no change in policy statement.\n"
        "07/13/2023\t07/15/2023\tMedical Policy Committee review; painful diabetic neuropathy added.\n"
    )
    policy = parse_text_report(text, recover=True).policy
    assert [(e.date, e.pt_approval) for e in policy.revision_log] == [
        (D(2001, 8, 15), None),
        (D(2022, 7, 15), Y(2022, 7)),
        (D(2023, 7, 15), Y(2023, 7)),
    ]
