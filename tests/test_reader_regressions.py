"""Shapes an older install read better than the reader did for a while (``tests/fixtures/regressions``, documents
of our own in wordings no other fixture uses), each held here so it cannot slip back:

* an author's Markdown (a ``#`` heading first, its paragraphs wrapped in the source) is read as Markdown — its
  headings and tables as written — never as a print's hard-wrapped text;
* a log printed column by column whose descriptions cannot be paired with its dates: the dates are entries,
  and every description line that starts anew stays a paragraph of its own — no two rows' texts run together;
* a line of codes alone ends its block (``Covered codes:`` / ``94667 94668`` / ``Codes not covered …:``): two code
  lists stay two paragraphs, never one run together;
* in a print's head, a title-like line right above a field's label alone without its colon (``Effective Date``,
  its value lines below) is the title, never run into the browser's page title above it;
* a history printed cell by cell whose one row has an empty text cell (its date the heading over the next rows,
  each of which opens with its own date): those rows are entries, the empty row's date kept as text;
* a brand's generic name in parentheses (``Victoza® (liraglutide subcutaneous injection)``), a product table's
  cell read cell by cell, is no heading with a remark.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, check_golden

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Bullets, Paragraph, Section, Table
from policyvc.renderer.outline import render_outline

HERE = FIXTURES / "regressions"
FILES = sorted(p for p in HERE.iterdir() if p.suffix in {".txt", ".md"})


def _sections(body: tuple[Section, ...]) -> list[Section]:
    out: list[Section] = []
    for s in body:
        out.append(s)
        out.extend(_sections(tuple(b for b in s.blocks if isinstance(b, Section))))
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_fixture_reads_to_its_golden_outline(path: Path) -> None:
    check_golden(f"regressions/{path.name}.outline", render_outline(parse_file_report(path, recover=True).policy))


# --- Markdown ------------------------------------------------------------------------------------------------


def test_markdown_is_read_as_written_not_as_a_prints_wrapped_lines() -> None:
    """Its first ``#`` heading is the title, its ``##`` a section, its pipe table a table of its rows, no line a
    list's item; no note that the text was read as pdftotext's wrapped lines."""
    report = parse_file_report(HERE / "reviewer-notes.md", recover=True)
    policy = report.policy
    assert policy.header.title == "Notes for the review team"
    assert not any("wrapped lines" in d.message for d in report.diagnostics)
    sections = _sections(policy.body)
    assert [s.title for s in sections] == ["Notes for the review team", "Contacts"]
    (table,) = [b for s in sections for b in s.blocks if isinstance(b, Table)]
    assert [r.key for r in table.rows] == ["`intake`", "`closed`"]
    assert not any(isinstance(b, Bullets) for s in sections for b in s.blocks)


# --- a log whose descriptions cannot be paired with its dates ------------------------------------------------


def test_unpaired_log_descriptions_stay_apart_each_where_it_starts() -> None:
    """Five dated rows, their descriptions wrapped over three lines in a narrow column and read after another
    block: five entries of dates only (with a warning), and each description a paragraph — the one line that
    starts anew inside a row (``References reviewed.``) its own, never run into the next row's text."""
    report = parse_file_report(HERE / "log-cells-apart.pdftotext.txt", recover=True)
    policy = report.policy
    assert [f"{e.date:%m/%y}" for e in policy.revision_log] == ["03/21", "03/22", "03/23", "03/24", "03/25"]
    assert all(not e.description for e in policy.revision_log)
    assert any("cannot be paired row by row" in d.message for d in report.diagnostics)
    (log,) = [s for s in _sections(policy.body) if s.title == "Revisions and Approvals"]
    texts = [b.text for b in log.blocks if isinstance(b, Paragraph)]
    assert texts == [
        "Policy adopted after review by the infusion committee of the medical staff.",
        "Annual review. Clarified the travel requirement for members in rural counties.",
        "Annual review. Nursing visit limits added. Coding table updated for the new codes.",
        "Annual review. Caregiver training documented before the first dose at home.",
        "References reviewed.",
        "Criteria reworded; no change in intent. Background updated with the 2024 standards.",
    ]


# --- a product table printed cell by cell --------------------------------------------------------------------


def test_a_brands_generic_name_in_parentheses_is_a_cell_never_a_heading() -> None:
    """``Dupixent® (dupilumab`` / ``subcutaneous injection)``: a products table's first cell, a brand and its
    generic name and form, read cell by cell — a paragraph, never a section heading however long the name in
    parentheses (a heading's remark is another thing: ``Guidelines (Features that may change care)``)."""
    policy = parse_file_report(HERE / "dose-limits-cells.chromium.pdftotext.txt", recover=True).policy
    titles = [s.title for s in _sections(policy.body)]
    assert not any("®" in t for t in titles), titles
    texts = [b.text for s in _sections(policy.body) for b in s.blocks if isinstance(b, Paragraph)]
    assert "Tezspire® (tezepelumab prefilled pen for injection)" in texts
    assert "Exceptions" in titles


# --- code lists, a label over each ---------------------------------------------------------------------------


def test_two_code_lists_each_under_its_label_stay_apart() -> None:
    """A viewer's copy, no blank lines: ``Covered codes:`` / ``94667 94668 94669`` / ``Codes not covered
    (experimental or unproven):`` / ``0469T 0470T`` / a note — each label with its codes, the next label a
    paragraph of its own, and the note after them its own."""
    policy = parse_file_report(HERE / "code-lists-copy.web.txt", recover=True).policy
    (codes,) = [s for s in _sections(policy.body) if s.title == "Procedure Codes"]
    assert [b.text for b in codes.blocks if isinstance(b, Paragraph)][1:] == [
        "Covered codes: 94667 94668 94669",
        "Codes not covered (experimental or unproven): 0469T 0470T",
        "Coding notes: A vest's replacement is billed again only when the vest is worn out or lost.",
    ]


# --- the title above a bare label -----------------------------------------------------------------------------


def test_a_title_above_a_bare_field_label_is_the_title() -> None:
    """A browser's print: its page title (``… - Ridgeview Health Coverage Guideline``), a blank line, the
    document's title, then ``Effective Date`` alone with its date lines below: the title is the document's,
    the page title the browser's furniture (the head writes it again)."""
    policy = parse_file_report(HERE / "title-over-bare-label.chromium.pdftotext.txt", recover=True).policy
    assert policy.header.title == "Lumbar Facet Joint Injections"
    (front,) = [s for s in policy.body if s.id == "front"]
    texts = [b.text for b in front.blocks if isinstance(b, Paragraph)]
    assert not [t for t in texts if "Ridgeview" in t]


# --- a history row with an empty text cell --------------------------------------------------------------------


def test_rows_opening_with_their_dates_under_an_empty_rows_date_are_entries() -> None:
    """``06/15/2024`` (its text cell empty) over ``11/01/2024 Reviewed; no changes`` and ``11/01/2025 …``: each
    row opens with its own date and holds no other, so each is an entry with its own words; the lone date stays
    in the body (a heading), with the warning — never dropped, never paired with another row's words."""
    report = parse_file_report(HERE / "history-empty-cell.chromium.pdftotext.txt", recover=True)
    got = {f"{e.date:%m/%d/%Y}": e.description for e in report.policy.revision_log if e.date}
    assert got == {
        "11/01/2023": "Reviewed; references updated",
        "11/01/2024": "Reviewed; no changes",
        "11/01/2025": "Reviewed; two trials added",
    }
    assert "06/15/2024" in [s.title for s in _sections(report.policy.body)]
    assert any("not read as history entries" in d.message for d in report.diagnostics)
