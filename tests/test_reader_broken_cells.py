"""A table whose cells ``pdftotext`` broke inside their words reads as one paragraph, whatever the width.

The fixtures (``tests/fixtures/producer_pairs/broken-cells.*``, remade by ``broken-cells.make.py`` there) are
LibreOffice's prints of one policy whose product table has columns too narrow for its words, at two widths,
read by ``pdftotext`` in reading order and with ``-layout``: the words come out a few letters a line
(``som`` / ``atro`` / ``pin``, ``S`` / ``t`` / ``r`` …), the cells of a row in an order no reader can undo.
Every copy keeps the table's text as one paragraph under its heading with a warning naming its lines — so the
two widths differ in that paragraph only, never in pieces read as dozens of paragraphs or rows, and the
sections around it (the heading after the table, the criteria) are read as in any copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.broken_cells import broken_cell_runs
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures" / "producer_pairs"
COPIES = [f"{width}.libreoffice.{mode}" for width in ("narrow", "wide") for mode in ("pdftotext", "layout")]


def _outline(name: str) -> tuple[list[str], list[str]]:
    report = parse_text_report((FIXTURES / f"broken-cells.{name}.txt").read_text(), name, recover=True)
    warnings = [d.message for d in report.diagnostics if d.severity == "warning"]
    return render_outline(report.policy).split("\n"), warnings


def _without_table(outline: list[str]) -> list[str]:
    return [line for line in outline if not line.startswith("Products-Covered.")]


@pytest.mark.parametrize("name", COPIES)
def test_a_table_broken_inside_its_words_is_one_paragraph_with_a_warning(name: str) -> None:
    outline, warnings = _outline(name)
    section = [line.split("\t")[:2] for line in outline if line.startswith("Products-Covered")]
    assert section == [["Products-Covered", "heading"], ["Products-Covered.p1", "paragraph"]]
    assert any("broke inside their words" in w and "one paragraph" in w for w in warnings)
    # (the table's text is all there, in order: the first and last pieces)
    text = next(line for line in outline if line.startswith("Products-Covered.p1")).split("\t")[-1]
    assert text.split()[0].startswith("Pro") and text.split()[-1] in {"g", "mg", "th"}
    # (the heading after the table and the criteria are read as in any copy)
    assert "Coverage-Criteria\theading\tCoverage Criteria" in outline
    assert (
        "Coverage-Criteria.c1.2\tdiagnosis\tDiagnosis of growth hormone deficiency confirmed by two provocative tests."
        in outline
    )
    assert any(line.startswith("Background.p1\tparagraph\tGrowth hormone deficiency is a rare") for line in outline)


def test_two_widths_of_one_table_differ_in_its_paragraph_only() -> None:
    outlines = [_without_table(_outline(name)[0]) for name in COPIES]
    assert all(o == outlines[0] for o in outlines[1:])


# (raw pdftotext of a table a LibreOffice print broke, as one payer's PBM criteria came: the header's names and
# the cells split in pieces, a page break inside the table; the same table in the next version broken otherwise)
_OLD = """Testosterone Replacement Therapy
Example Rx Prior Authorization Criteria
Criteria ID: EX-PA-0412
P&T Approval: 02/20/2025

Drugs Affected
S
t
Dosa
Product
ge
Form
r
e
n
g
t
h
1
0
0
testosteron
e cypionate

Intra
musc
ular
injecti
on
\fm
g
/
m
L
Jatenzo®
(testostero
ne
undecanoa
te)
Oral
caps
ule
1
5
8
m
g

Coverage Criteria – Initial Authorization
Testosterone replacement therapy is approved when the member meets ALL of the following:
1. Member is 18 years of age or older;
2. Two morning total testosterone levels below 300 ng/dL.
Approval duration: 6 months
"""

_NEW = """Testosterone Replacement Therapy
Example Rx Prior Authorization Criteria
Criteria ID: EX-PA-0412
P&T Approval: 01/15/2026

Drugs Affected
Product

Dosage Form

Strengt
h
100

testosterone cypionate

Intramuscular

mg/mL,

injection

Jatenzo®
(testosterone

Oral capsule

158 mg,

undecanoate)
Kyzatrex®
(testosterone
undecanoate)

Oral capsule

100 mg,
200 mg

Coverage Criteria – Initial Authorization
Testosterone replacement therapy is approved when the member meets ALL of the following:
1. Member is 18 years of age or older;
2. Two morning total testosterone levels below 264 ng/dL.
Approval duration: 12 months
"""


def test_two_copies_broken_otherwise_are_one_paragraph_each() -> None:
    outlines = []
    for text in (_OLD, _NEW):
        report = parse_text_report(text, "copy.txt", recover=True)
        outline = render_outline(report.policy).split("\n")
        section = [line.split("\t")[:2] for line in outline if line.startswith("Drugs-Affected")]
        assert section == [["Drugs-Affected", "heading"], ["Drugs-Affected.p1", "paragraph"]]
        assert any("broke inside their words" in d.message for d in report.diagnostics)
        outlines.append([line for line in outline if not line.startswith("Drugs-Affected.p1")])
    # (the page break inside the old copy's table is no end of it; the criteria after it are read alike)
    old, new = outlines
    assert [line.split("\t")[:2] for line in old] == [line.split("\t")[:2] for line in new]
    # (the committee's approval date is the header's review date, no paragraph)
    assert "header.review\tdate\t2025-02-20" in old and "header.review\tdate\t2026-01-15" in new


def test_what_is_no_broken_table_is_left_alone() -> None:
    # (a word broken once in a short block: too few lines to be a table's)
    assert broken_cell_runs(["Heading", "Strengt", "h", "100 mg", "", "Background", "Text of full length."]) == []
    # (a run that stops at a long line of its own table's — a log's row, its text wrapped — is part of a
    # table the table readers read, never joined)
    log = ["Revision Log", "D", "a", "t", "e", "Approval", "Date", "Policy created", "0", "6", ".", "2", "2"]
    log += ["08.22", "2Q 2023 annual review: added Appendix C; references reviewed", "and updated."]
    assert broken_cell_runs(log) == []
    # (the same run with a heading after it is one)
    assert broken_cell_runs([*log[:14], "", "Background", "Text of full length that the section holds."]) == [(1, 13)]
