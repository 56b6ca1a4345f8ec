"""History tables whose date column is not where a ``Date | Summary`` log has it, as a browser's print and a
PDF viewer's copy give them (``parser/cell_tables.py``, ``parser/space_tables.py``, ``parser/aligned_tables.py``):

* a date at both ends of each row (``Date Revised | Summary of Revisions | Date Approved``), newest first,
  which reading order gives a cell a block: each entry its first date, its text and its approval month;
* a narrow date column reading order sets on one line with the row (``June 12, 2023 Policy approved …``,
  ``CV07.2023 2023-09-01 Guideline created.``) on a page of its own, the browser's page title printed
  among the header's names, a closing paragraph right under the last row;
* a PDF viewer's copy whose rows end with a month and year (``New program. 3/2024``).

The fixtures are our own pages in four payers' wordings printed by Chromium
(``python tests/docgen.py tests/fixtures/history_columns``) and two viewer copies; each ``-layout`` copy is the
reference the reading-order copy must agree with.  What must not be read: a date inside a sentence, a month
and year alone, a code table, rows whose closing date reading order ran into the text, a table's cell under
one page's stamp taken for the page's title.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_text_report
from policyvc.parser.cell_tables import _Block, _labelled, read_cells
from policyvc.parser.nodes import Policy
from policyvc.parser.space_tables import _row_day, _stamp_titles, space_tables
from policyvc.renderer.outline import outline_rows

HERE = FIXTURES / "history_columns"
D = dt.date


def _read(name: str) -> Policy:
    return parse_text_report((HERE / name).read_text(encoding="utf-8"), recover=True).policy


def _log(policy: Policy) -> list[tuple[dt.date, str, tuple[int, int] | None]]:
    return sorted(
        (e.date, e.description, (e.pt_approval.year, e.pt_approval.month) if e.pt_approval else None)
        for e in policy.revision_log
        if e.date is not None
    )


def _texts(policy: Policy) -> str:
    """The outline's rows but the log's, as one string (what a reader sees besides the log)."""
    return "\n".join(text for _, kind, text in outline_rows(policy) if kind != "revision")


BOTH_ENDS = {
    "pinecrest-allergy-testing": [
        (D(2023, 3, 1), "New policy.", (2023, 3)),
        (D(2024, 2, 27), "Coding table added. References updated to the 2023 practice parameter.", (2024, 3)),
        (D(2025, 3, 14), "Annual review. No changes.", (2025, 3)),
        (D(2026, 3, 12), "Annual review. Intracutaneous testing limited to venom and drug allergens.", (2026, 3)),
    ],
    "northbay-wound-care": [
        (D(2023, 11, 10), "Policy created.", (2023, 10)),
        (
            D(2024, 11, 8),
            "Annual review. Compromised skin grafts added as an indication; references reviewed.",
            (2024, 10),
        ),
        (D(2025, 11, 14), "Annual review. Wound assessment interval changed from 14 to 30 days.", (2025, 10)),
    ],
}


@pytest.mark.parametrize("name", sorted(BOTH_ENDS))
@pytest.mark.parametrize("copy", ["pdftotext", "pdftotext-layout"])
def test_a_log_with_a_date_at_both_ends_of_each_row(name: str, copy: str) -> None:
    """Each row's first date is the entry's, its text the description (a wrapped line kept with its own
    row, never the next: ``… from 14 to`` / ``30 days.``), its last date the approval month."""
    assert _log(_read(f"{name}.chromium.{copy}.txt")) == BOTH_ENDS[name]


ONE_LINE_ROWS = {
    "ridgeway-knee-bracing": (
        [
            (D(2023, 6, 12), "Policy approved by the Utilization Management Committee", None),
            (D(2024, 6, 10), "Custom-fabricated orthoses moved to a policy of their own", None),
            (D(2025, 6, 12), "Annual review; criteria reworded", None),
        ],
        "Ridgeway Health policies are reviewed once a year.",
        "Knee Orthoses | Ridgeway Health",
    ),
    "summit-cardiac-mri": (
        [
            (D(2023, 9, 1), "CV07.2023 Guideline created.", None),
            (D(2024, 9, 1), "CV07.2024 Viability assessment added.", None),
            (D(2025, 9, 1), "CV07.2025 Annual review; references updated.", None),
        ],
        "© 2025 Summit Imaging Benefits. All rights reserved.",
        "Cardiac MRI - Summit Imaging Benefits",
    ),
}


@pytest.mark.parametrize("name", sorted(ONE_LINE_ROWS))
@pytest.mark.parametrize("copy", ["pdftotext", "pdftotext-layout"])
def test_a_log_whose_rows_are_a_line_each_on_a_page_of_its_own(name: str, copy: str) -> None:
    """The header's names a block each with the browser's page title among them, the date written in words
    or year first: an entry a row; the paragraph under the last row stays body text, in no entry; the page
    title among the names is furniture, no heading."""
    policy = _read(f"{name}.chromium.{copy}.txt")
    entries, closing, title = ONE_LINE_ROWS[name]
    assert _log(policy) == entries
    assert closing in _texts(policy)
    assert not any(closing in e.description for e in policy.revision_log)
    # (the first page's copy under its stamp is the page furniture pass's to take; the one among the names
    # is never a heading nor an entry's words)
    assert _texts(policy).count(title) <= 1
    assert not any(title in e.description for e in policy.revision_log)


VIEWER = {
    "lakeview-growth-hormone": [
        (D(2024, 3, 1), "New program.", None),
        (D(2025, 3, 1), "Stimulation test requirement clarified; references updated.", None),
        (D(2026, 3, 1), "Annual review; prescriber requirement added.", None),
    ],
    "fairhaven-botulinum": [
        (D(2023, 10, 1), "New Policy created after committee approval.", None),
        (D(2024, 10, 1), "Annual Dosing table removed; criteria reworded.", None),
        (D(2025, 10, 1), "Annual No changes.", None),
    ],
}


@pytest.mark.parametrize("name", sorted(VIEWER))
def test_a_viewer_copy_whose_rows_end_with_a_month_and_year(name: str) -> None:
    """``Summary of Updates Date`` / ``New program. 3/2024``: the month and year ending each line is its
    row's date (a day was read before; ``3/2024`` was left in the text and the row undated)."""
    assert _log(_read(f"{name}.viewer.txt")) == VIEWER[name]


# --- what must not be read ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "after_cells"),
    [
        ("1 March 2019 the committee met again", False),  # (a sentence going on in lower case)
        ("The policy changed on 1 March 2019 after review", False),  # (a date inside a sentence)
        ("March 2019 Annual review", False),  # (a month and year alone: prose as often as a row)
        ("Reviewed by the committee and the board on 2024-02-05 Summary", True),  # (too many words before it)
    ],
)
def test_no_row_day_in_prose(text: str, after_cells: bool) -> None:
    assert _row_day(text, after_cells) is None


def _cells(*blocks: str) -> list[str]:
    out: list[str] = []
    for b in blocks:
        out.extend([*b.split("\n"), ""])
    return out


def test_codes_at_both_ends_are_no_dated_log() -> None:
    """A table whose rows begin and end with codes is not read as a log with a date at both ends."""
    lines = _cells(
        "Code", "Description", "Related Code", "95004", "Percutaneous tests", "95024", "95024", "Intra", "95004"
    )
    table = read_cells(lines, 0, lambda j: False)
    assert table is None or all(len(cells) != 3 for _, cells in table.rows)


def test_a_closing_date_run_into_the_text_pairs_no_rows() -> None:
    """Reading order set a row's closing date at the end of its text's first line: the next row's first date
    would close it — so no row is paired, and the lines stay as they were (text, with the log's warning)."""
    lines = _cells(
        "Revision Date",
        "Summary of Changes",
        "Approval Date",
        "03/14/2025",
        "Annual review. Criteria reworded. 03/20/2025\ndays.",
        "02/27/2024",
        "Coding table added.",
        "03/05/2024",
        "03/01/2023",
        "New policy.",
        "03/09/2023",
    )
    assert read_cells(lines, 0, lambda j: False) is None
    assert space_tables(list(lines)) == lines


def test_a_closing_date_run_into_a_later_rows_text_pairs_no_rows() -> None:
    """The same in the third row: the two rows above are sure, but the table is not — none is paired."""
    lines = _cells(
        "Revision Date",
        "Summary of Changes",
        "Approval Date",
        "03/14/2025",
        "Annual review.",
        "03/20/2025",
        "02/27/2024",
        "Coding table added.",
        "03/05/2024",
        "03/01/2023",
        "New policy. Criteria for adults 03/09/2023\nonly.",
        "02/10/2022",
        "Draft circulated.",
        "02/17/2022",
    )
    assert read_cells(lines, 0, lambda j: False) is None


def test_a_cell_under_one_pages_stamp_is_no_page_title() -> None:
    """The page title is what stands under the stamp on every page: a table's first cell under the stamp of
    the one page that begins inside the table is not (it would be skipped as furniture)."""
    lines = ["12/5/26, 6:08 PM", "", "Knee Orthoses | Ridgeway", "", "Criteria", "", "x", "", "12/5/26, 6:09 PM"]
    lines += ["", "Date", "", "Knee Orthoses | Ridgeway", "", "Summary of Changes", ""]
    assert _stamp_titles(lines) == frozenset({"Knee Orthoses | Ridgeway"})


# --- tables a print or a viewer copy gives without their header or rows told apart ------------------------

LABELLED = {
    "harborview-sleep-surgery": (
        ("Requirement", "Documentation"),
        ["Age", "Sleep study", "CPAP trial", "Body mass index"],
    ),
    "crestline-bariatric-surgery": (("Element", "Criteria"), ["Weight", "Prior attempts", "Evaluation"]),
}


@pytest.mark.parametrize("name", sorted(LABELLED))
@pytest.mark.parametrize("copy", ["pdftotext", "pdftotext-layout"])
def test_a_two_column_table_of_labels_and_texts(name: str, copy: str) -> None:
    """``Requirement | Documentation`` printed cell by cell (a label wrapped, ``Prior`` / ``attempts``): a
    row a label and its text, as the ``-layout`` copy reads it; the code table's ``Code`` / ``Description``
    names, a block each under the section's heading, are its header."""
    policy = _read(f"{name}.chromium.{copy}.txt")
    header, labels = LABELLED[name]
    [table] = [t for t in body_tables(policy) if t.header == header]
    assert [r.key for r in table.rows] == labels
    assert all(len(" ".join(r.cells[1]).split()) > 3 for r in table.rows)
    [codes] = [t for t in body_tables(policy) if t.header[-1] == "Description"]
    assert codes.header[0] in ("Code", "HCPCS Code") and len(codes.rows) == 2


CODES = {
    "meadowbrook-spinal-fusion": (
        ("HCPCS", "Description"),
        ["22612", "22630", "22633", "C1062"],
        "Procedure Description",
    ),
    "sierra-cataract-surgery": (("CPT®", "Description"), ["66982", "66984", "66987"], "CPT® Description"),
}


@pytest.mark.parametrize("name", sorted(CODES))
def test_a_code_sets_name_over_its_codes_and_a_page_break_inside_the_table(name: str) -> None:
    """``HCPCS Description`` right over a code's row is the table's header; the page's number and running
    header between two rows end nothing (every row in the one table); the same words over a sentence stay
    a heading."""
    policy = _read(f"{name}.viewer.txt")
    header, keys, heading = CODES[name]
    [table] = [t for t in body_tables(policy) if t.header == header]
    assert [r.key for r in table.rows] == keys
    assert heading in _texts(policy).split("\n")


def _b(*texts: str) -> _Block:
    return _Block(tuple(range(len(texts))), texts)


def test_labels_and_texts_that_are_no_table() -> None:
    """Two names over two label-and-text pairs (as likely headings over paragraphs), a label over a value
    no longer than itself, and a heading of the vocabulary as a label: none is read as a table."""
    long = _b("Member is 18 years of age or older at the time of the request")
    assert _labelled([_b("Overview"), _b("Scope"), _b("Age"), long, _b("Symptoms"), long]) is None
    assert (
        _labelled([_b("Item"), _b("Value"), _b("Age"), long, _b("Symptoms"), long, _b("Tanner stage"), _b("V")]) is None
    )
    assert _labelled([_b("Item"), _b("Value"), _b("Age"), long, _b("References"), long, _b("Imaging"), long]) is None
