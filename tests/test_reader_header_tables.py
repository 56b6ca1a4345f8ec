"""Header fields set as tables (the generic template): label/value pairs two to a row, labels over several rows
of values, values wrapped, fields beside the title, date labels in any order — and tables right under the title
that are the body's (a history, doses, codes), which must stay so.  The fixtures in
``tests/fixtures/header_tables`` are printed and copied from HTML written in the shapes payers publish
(``src/``); the inline examples are written from the same shapes, with words of their own."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from heldout_support import body_tables

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.field_tables import TableKind, classify_table
from policyvc.parser.header_grid import find_grid
from policyvc.parser.lines import Lines
from policyvc.parser.nodes import Policy, Row, Table
from policyvc.parser.side_fields import side_fields
from policyvc.parser.template_core import _labels
from policyvc.parser.template_generic import TEMPLATE

FIXTURES = Path(__file__).parent / "fixtures" / "header_tables"

_D = dt.date
# (file, title, identifier, effective date, last review date)
READ = [
    ("four-column-grid.web.txt", "Bone Density Studies", "0297", _D(2026, 1, 1), _D(2025, 11, 14)),
    ("lob-rows.web.txt", "Continuous Passive Motion Devices", "MP-0451", _D(2026, 3, 1), _D(2026, 1, 15)),
    ("lob-rows.chromium.pdftotext-layout.txt", "Continuous Passive Motion Devices", "MP-0451", _D(2026, 3, 1),
     _D(2026, 1, 15)),
    ("wrapped-values.web.txt",
     "Transcatheter Aortic Valve Replacement for Severe Symptomatic Aortic Stenosis in Adults", "MP-CV-0088",
     _D(2026, 2, 1), _D(2025, 12, 10)),
    ("wrapped-values.chromium.pdftotext-layout.txt",
     "Transcatheter Aortic Valve Replacement for Severe Symptomatic Aortic Stenosis in Adults", "MP-CV-0088",
     _D(2026, 2, 1), _D(2025, 12, 10)),
    ("side-block.chromium.pdftotext-layout.txt", "Hypoglossal Nerve Stimulation for Obstructive Sleep Apnea",
     "MP-215", _D(2026, 4, 1), _D(2026, 2, 12)),
    ("side-block.chromium.pdftotext.txt", "Hypoglossal Nerve Stimulation for Obstructive Sleep Apnea", "MP-215",
     _D(2026, 4, 1), _D(2026, 2, 12)),
    ("date-labels-order.web.txt", "Outpatient Cardiac Rehabilitation", "PL-MED-071", _D(2026, 7, 1), _D(2026, 5, 14)),
    ("body-tables.web.txt", "Pegfilgrastim Products", "RX-1187", None, _D(2026, 3, 15)),
    ("body-tables.chromium.pdftotext-layout.txt", "Pegfilgrastim Products", "RX-1187", None, _D(2026, 3, 15)),
    # (``-layout`` prints of a header grid: rewritten as field lines by ``parser/header_grid.py``)
    ("four-column-grid.chromium.pdftotext-layout.txt", "Bone Density Studies", "0297", _D(2026, 1, 1),
     _D(2025, 11, 14)),
    ("date-labels-order.chromium.pdftotext-layout.txt", "Outpatient Cardiac Rehabilitation", "PL-MED-071",
     _D(2026, 7, 1), _D(2026, 5, 14)),
    ("wrapped-labels.chromium.pdftotext-layout.txt", "Sacroiliac Joint Fusion", "CG-0412", _D(2026, 3, 1),
     _D(2026, 1, 20)),
    # (labels over values, one with no digit — ``Category`` / ``Durable Medical Equipment``; raw pdftotext writes
    # the grid a cell a line, every label before the values)
    ("wide-values.chromium.pdftotext-layout.txt", "Home Oxygen Concentrators", "DME.04.022", _D(2026, 2, 1),
     _D(2025, 12, 18)),
    ("wide-values.chromium.pdftotext.txt", "Home Oxygen Concentrators", "DME.04.022", _D(2026, 2, 1),
     _D(2025, 12, 18)),
    # (cells centred on one another: ``Last`` / the date / ``Revised``, a value's two lines around ``Applies to``)
    ("centred-labels.chromium.pdftotext-layout.txt", "Arthroscopic Knee Surgery", "EX-UM-CP-118", _D(2026, 4, 1),
     _D(2026, 2, 12)),
    ("centred-labels-wide.chromium.pdftotext-layout.txt", "Arthroscopic Knee Surgery", "EX-UM-CP-118",
     _D(2026, 4, 1), _D(2026, 2, 12)),
]  # fmt: skip


def _header(policy: Policy) -> tuple[str, str, dt.date | None, dt.date | None]:
    h = policy.header
    return h.title, h.reference_number, h.effective_date, h.last_review


@pytest.mark.parametrize(("name", "title", "ref", "effective", "review"), READ, ids=[r[0] for r in READ])
def test_a_header_arrangement_reads_to_its_fields(
    name: str, title: str, ref: str, effective: dt.date | None, review: dt.date | None
) -> None:
    policy = parse_file_report(FIXTURES / name, recover=True).policy
    assert _header(policy) == (title, ref, effective, review)


def test_lines_of_business_a_row_are_all_read() -> None:
    policy = parse_file_report(FIXTURES / "lob-rows.web.txt", recover=True).policy
    assert policy.header.lines_of_business == ("Commercial", "Medicare Advantage", "Medicaid")


_SIDE = [
    "                                                        Policy Number: MP-215",
    "Cascade Health Alliance                                 Effective Date: 04/01/2026",
    "                                                        Original Effective Date:",
    "Knee Arthroscopy                                        01/01/2020",
    "",
    "Description",
]


def test_fields_beside_the_title_go_below_it() -> None:
    lines = Lines.numbered(_SIDE)
    side_fields(lines)
    assert list(lines) == [
        "Cascade Health Alliance", "", "Knee Arthroscopy", "", "Policy Number: MP-215", "Effective Date: 04/01/2026",
        "Original Effective Date: 01/01/2020", "", "", "Description",
    ]  # fmt: skip
    assert lines.origin(0) == 1  # (from the block's first line: errors still point into the block)


@pytest.mark.parametrize(
    "right",
    [
        ["Page 1 of 3", "Coding Implications", "Revision Log", "Print"],  # (a page's links and counter: no fields)
        ["Policy Number: MP-215", "Status: Active", "Category: Surgery", "Reviewed by: the committee"],  # (no date)
    ],
)
def test_a_right_hand_column_that_is_no_block_of_dated_fields_stays(right: list[str]) -> None:
    texts = [f"{left:<56}{r}" for left, r in zip(["Acme Health", "", "Knee Arthroscopy", ""], right, strict=True)]
    lines = Lines.numbered(texts)
    side_fields(lines)
    assert list(lines) == texts


def _tables(policy: Policy) -> list[Table]:
    return body_tables(policy)


def test_a_history_and_a_dosing_table_under_the_title_stay_the_body_s() -> None:
    report = parse_file_report(FIXTURES / "body-tables.web.txt", recover=True)
    policy = report.policy
    # (the one-row history right under the title is the revision log, never the header's effective date)
    assert [(e.date, e.description) for e in policy.revision_log] == [(_D(2026, 4, 1), "Policy created.")]
    assert policy.header.effective_date is None
    headers = [t.header for t in _tables(policy)]
    assert ("Product", "Dose", "Effective Date") in headers  # (a dosing table with a date: a table)
    assert ("HCPCS Code", "Description") in headers
    assert policy.header.lines_of_business == ()  # (``Product | Neulasta`` is no line of business)


_BODY = (
    "\nCoverage Criteria\n\nThe service is medically necessary when all of the following are met:\n\n"
    "1. The member is 18 years of age or older; and\n2. Conservative therapy has failed.\n"
)


def _read(text: str) -> Policy:
    return parse_text_report(text, source="x.txt", recover=True).policy


def test_two_label_value_pairs_a_row() -> None:
    policy = _read(
        "Northwind Health\n\nKnee Arthroscopy\n\nPolicy Number\tMP-0123\tEffective\t01/01/2026\n"
        "Last Review\t11/14/2025\t\t\n" + _BODY
    )
    assert _header(policy) == ("Knee Arthroscopy", "MP-0123", _D(2026, 1, 1), _D(2025, 11, 14))


def test_two_rows_of_label_value_pairs_in_two_columns() -> None:
    # (a two-row table of a label and its value a row is pairs, not labels over values: ``Policy Number: |
    # Effective Date:`` over its values is no grid)
    policy = _read("Knee Arthroscopy\n\nPolicy Number:\tMP-0123\nEffective Date:\t01/01/2026\n" + _BODY)
    assert _header(policy)[1:3] == ("MP-0123", _D(2026, 1, 1))


@pytest.mark.parametrize(
    "order", list(itertools.permutations(("Date of Origin", "Last Review Date", "Effective Date", "Next Review Date")))
)
def test_date_labels_in_any_order(order: tuple[str, ...]) -> None:
    dates = {"Date of Origin": "06/01/2012", "Last Review Date": "05/14/2026", "Effective Date": "07/01/2026",
             "Next Review Date": "05/14/2027"}  # fmt: skip
    grid = "Policy Number\t" + "\t".join(order) + "\nPL-071\t" + "\t".join(dates[x] for x in order) + "\n"
    policy = _read("Prairie Lakes Health\n\nCardiac Rehabilitation\n\n" + grid + _BODY)
    assert _header(policy) == ("Cardiac Rehabilitation", "PL-071", _D(2026, 7, 1), _D(2026, 5, 14))


def test_rows_that_disagree_on_a_date_leave_it_unread_and_the_table_kept() -> None:
    # (each line of business its own effective date: which is the document's cannot be told — never a guess)
    report = parse_text_report(
        "Knee Arthroscopy\n\nPolicy Number\tLine of Business\tEffective Date\n"
        "MP-0123\tCommercial\t01/01/2026\nMP-0123\tMedicare\t03/01/2026\n" + _BODY,
        source="x.txt",
        recover=True,
    )
    assert report.policy.header.effective_date is None
    assert any("found no effective or review date" in d.message for d in report.diagnostics)
    assert ("Policy Number", "Line of Business", "Effective Date") in [t.header for t in _tables(report.policy)]


def test_a_codes_table_with_an_effective_date_column_under_the_title_stays_a_table() -> None:
    policy = _read(
        "Knee Arthroscopy\n\nCode\tEffective Date\n29881\t01/01/2026\n29880\t01/01/2026\n\n"
        "Policy Number: MP-0123\n" + _BODY
    )
    assert policy.header.effective_date is None
    assert ("Code", "Effective Date") in [t.header for t in _tables(policy)]


def _table(header: tuple[str, ...], *rows: tuple[str, ...]) -> Table:
    return Table(header, tuple(Row(r[0], tuple((c,) if c else () for c in r)) for r in rows))


@pytest.mark.parametrize(
    ("table", "kind", "reads"),
    [
        (_table(("Table of Contents", "Page"), ("Coverage Rationale", "1")), TableKind.CONTENTS, False),
        (_table(("Policy Number", "0123", "Effective", "01/01/2026")), TableKind.PAIRS, True),
        (_table(("POLICY NUMBER", "LAST REVIEW"), ("MG.12", "08/12/2026")), TableKind.GRID, True),
        (_table(("Guideline #: CG-1", "Publish Date: 10/01/2026")), TableKind.CELLS, True),
        # (a one-row history's ``Date`` column gives it a grid's shape — front matter, so the heading above it may
        # be the title — but it states no header field: nothing is read from it)
        (_table(("Effective Date", "Summary of Changes"), ("04/01/2026", "Policy created.")), TableKind.GRID, False),
        (_table(("Product", "Dose", "Effective Date"), ("Neulasta", "6 mg", "04/01/2026")), TableKind.BODY, False),
        (_table(("Code", "Description"), ("29881", "Arthroscopy, knee")), TableKind.BODY, False),
    ],
)
def test_what_a_table_near_the_head_is(table: Table, kind: TableKind, reads: bool) -> None:
    read = classify_table(table, _labels(TEMPLATE))
    assert (read.kind, bool(read.fields)) == (kind, reads)


# (a ``-layout`` grid whose values a print set wider than their labels: two labels share a part, a category and
# a date share one — the parts do not line up)
_APART = [
    "Riverbend Health Medical Policy",
    "",
    "Home Oxygen Concentrators",
    "",
    "   Policy Number                     Category           Effective Date Revised Date",
    "   DME.04.022             Durable Medical Equipment February 1, 2026             December 18, 2025",
    "",
    "I. Description",
    "",
    "Home oxygen concentrators deliver oxygen-enriched gas to members with chronic hypoxemia.",
]

# (the same header table as raw pdftotext writes another print of it: a cell a line, blank lines between, the two
# date labels on one line, the category and a date on one)
_CELLS = [
    "Riverbend Health Medical Policy",
    "Home Oxygen Concentrators",
    "Policy Number",
    "DME.04.022",
    "",
    "Category",
    "",
    "Effective Date Revised Date",
    "",
    "Durable Medical Equipment February 1, 2026",
    "",
    "December 18, 2025",
    "",
    "I. Description",
    "Home oxygen concentrators deliver oxygen-enriched gas to members with chronic hypoxemia.",
]


@pytest.mark.parametrize("texts", [_APART, _CELLS], ids=["layout-apart", "raw-cells"])
def test_a_header_table_whose_cells_do_not_line_up_reads_the_same_fields(texts: list[str]) -> None:
    policy = parse_text_report("\n".join(texts) + "\n\f", recover=True).policy
    assert _header(policy) == ("Home Oxygen Concentrators", "DME.04.022", _D(2026, 2, 1), _D(2025, 12, 18))
    front = [b.text for s in policy.body[:1] for b in s.blocks if hasattr(b, "text")]
    assert "Category: Durable Medical Equipment" in front  # (the field no template knows, kept as written)
    assert not any(t in ("DME.04.022", "Category", "December 18, 2025") for t in front)


def test_a_two_row_body_table_with_one_known_label_is_no_grid_of_fields() -> None:
    texts = [
        "Home Oxygen Concentrators",
        "",
        "   Effective Date            Summary of Changes",
        "   February 1, 2026          New policy for stationary units",
        "",
    ]
    fields = (*TEMPLATE.reference_labels, *TEMPLATE.effective_labels, *TEMPLATE.review_labels)
    assert find_grid(texts, fields) is None


@pytest.mark.parametrize("name", ["centred-labels", "centred-labels-wide"])
def test_centred_cells_give_each_field_whole_and_the_heading_after_them(name: str) -> None:
    from policyvc.renderer.outline import render_outline

    path = FIXTURES / f"{name}.chromium.pdftotext-layout.txt"
    outline = render_outline(parse_file_report(path, recover=True).policy).split("\n")
    applies = "Applies to: Example Health Medicaid Choice, Example Exchange, Example Health Medical Plan (Commercial)"
    assert any(line.endswith(f"\t{applies} and Example Employer Plans") for line in outline)
    assert "Coverage-Guidelines\theading\tCoverage Guidelines" in outline
