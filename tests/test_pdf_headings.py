"""Heading levels from how a PDF prints its headings (``parser/pdf_headings.py``): the distinct heading styles
ranked as a reader ranks them, handed to the outline reader as Word's heading styles are (markdown headings over
the plain text), and no level stated when the styles give no ranking.

The producers' tests print documents whose headings have no marker and are all in title case — words and case
cannot tell their levels apart (the held-out UHC document's strict xfail in ``test_heldout3.py``), the fonts can:
a Word document in ``Title`` / ``Heading 1`` / ``Heading 2`` / ``Heading 3`` converted by LibreOffice, and a web
page with ``<h1>`` / ``<h2>`` / ``<h3>`` and bold paragraphs at the body's size printed by Chromium.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED
from docgen import chromium_pdf, libreoffice_pdfs, need
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples
from test_docx_headings import SLEEP, Block, Item, word_policy

from policyvc.parser import parse_extraction, parse_file, parse_file_report
from policyvc.parser.heading_marks import MARKDOWN_LEVELS, mark_headings
from policyvc.parser.pdf import Extraction, LineOrigin, extract
from policyvc.parser.pdf_cache import ExtractionCache
from policyvc.parser.pdf_geometry import PageContent, Word, layout
from policyvc.parser.pdf_headings import Printed, heading_levels
from policyvc.renderer.outline import render_outline

BODY = 11.0


def _p(line: int, text: str, size: float = BODY, bold: bool = False, italic: bool = False, **kw: object) -> Printed:
    fields: dict[str, object] = {"rows": 1, "item": False, "spread": False, **kw}
    return Printed(line, text, size, bold, italic, fields["rows"], fields["item"], fields["spread"])  # type: ignore[arg-type]


_PROSE = "Coverage of this service is subject to the terms of the member's benefit plan and its limits."


def _doc(*heads: Printed) -> list[Printed]:
    """``heads`` among enough body paragraphs that the body's style is the regular one, after a few lines of
    front matter (so the first is no title)."""
    out: list[Printed] = [_p(900 + k, _PROSE) for k in range(4)]
    for h in heads:
        out += [h, _p(h.line + 1, _PROSE)]
    return out


def _levels(lines: list[Printed]) -> dict[str, int]:
    texts = {p.line: p.text for p in lines}
    return {texts[line]: level for line, _, level in heading_levels(lines)}


# --- the ranking -------------------------------------------------------------------------------------------------


def test_larger_ranks_higher_and_bold_above_regular_at_one_size() -> None:
    lines = _doc(
        _p(1, "Coverage Rationale", 14, bold=False),  # regular at 14 pt: below bold at 14, above anything smaller
        _p(3, "Major Depressive Disorder", 14, bold=True),
        _p(5, "Initial Treatment", 12, bold=True),
        _p(7, "Continued Treatment", BODY, bold=True),  # bold at the body's size: the lowest heading level
        _p(9, "Obsessive Compulsive Disorder", 14, bold=True),
    )
    assert _levels(lines) == {
        "Major Depressive Disorder": 1, "Obsessive Compulsive Disorder": 1, "Coverage Rationale": 2,
        "Initial Treatment": 3, "Continued Treatment": 4,
    }  # fmt: skip


def test_styles_size_and_weight_do_not_separate_rank_by_first_appearance() -> None:
    lines = _doc(
        _p(1, "Policy", 13, bold=True),
        _p(3, "Adults", 12, bold=True, italic=True),  # bold italic first …
        _p(5, "Approval Duration", 12, bold=True),  # … bold at the same size below it
        _p(7, "Children", 12, bold=True, italic=True),
    )
    assert _levels(lines) == {"Policy": 1, "Adults": 2, "Children": 2, "Approval Duration": 3}


@pytest.mark.parametrize(
    "line",
    [
        _p(5, "Transcranial magnetic stimulation is medically necessary when ALL of the following are met:", bold=True),
        _p(5, "Medically Necessary:", bold=True),  # a lead-in, however short, at the body's size
        _p(5, "1. The member is 18 years of age or older", bold=True, item=True),
        _p(5, "Continued treatment requires a documented response.", bold=True),  # a sentence
        _p(5, "Effective Date: 04/01/2026", bold=True),  # a label and its value
        _p(5, "Code Description Units", bold=True, spread=True),  # a row of a table drawn without rules
        _p(5, "Initial Treatment", 9, bold=True),  # small print
        _p(5, "Initial Treatment", BODY, italic=True),  # italic at the body's size: emphasis
        _p(5, "Initial Treatment For Adults With Treatment Resistant Major Depressive Disorder In An Outpatient Unit"),
        _p(5, "Initial Treatment", BODY, bold=True, rows=4),
    ],
    ids=["lead-in", "short-lead-in", "item", "sentence", "label", "columns", "small", "italic", "long", "rows"],
)
def test_what_is_never_a_heading(line: Printed) -> None:
    lines = _doc(_p(1, "Coverage Rationale", 16, bold=True), _p(3, "Definitions", 13, bold=True), line)
    assert "Initial" not in " ".join(_levels(lines)) and line.text not in _levels(lines)
    assert set(_levels(lines)) == {"Coverage Rationale", "Definitions"}


def test_a_larger_title_may_close_with_a_colon() -> None:
    lines = _doc(_p(1, "Policy: Transcranial Magnetic Stimulation", 16, bold=True), _p(3, "Coverage:", 13, bold=True))
    assert _levels(lines) == {"Policy: Transcranial Magnetic Stimulation": 1, "Coverage:": 2}


def test_a_lone_large_line_at_the_head_is_the_title_and_left_to_the_words() -> None:
    """The title (the one line of the top style, among the first) is no section: the header's reader finds it;
    the sections rank from the top level — and over one style of sections there is nothing to rank."""
    title = _p(1, "Transcranial Magnetic Stimulation", 18, bold=True)
    sections = [_p(3, "Coverage Rationale", 14, bold=True), _p(7, "Definitions", 14, bold=True)]
    sub = _p(5, "Major Depressive Disorder", 12, bold=True)
    lines = [title, _p(2, _PROSE), sections[0], _p(4, _PROSE), sub, _p(6, _PROSE), sections[1], _p(8, _PROSE)]
    assert _levels(lines) == {"Coverage Rationale": 1, "Major Depressive Disorder": 2, "Definitions": 1}
    assert heading_levels([p for p in lines if p is not sub]) == ()
    late = [_p(900 + k, _PROSE) for k in range(4)] + lines  # the same line further down is a section
    assert _levels(late)["Transcranial Magnetic Stimulation"] == 1 and _levels(late)["Definitions"] == 2


def test_no_ranking_no_levels() -> None:
    """Fail safe: one heading style ranks nothing; more styles than markdown has levels are fonts for show; a
    bold used mostly for sentences is emphasis — the reader infers the levels from the words as before."""
    one = _doc(_p(1, "Description", bold=True), _p(3, "Coverage Rationale", bold=True), _p(5, "Definitions", bold=True))
    assert heading_levels(one) == ()
    many = _doc(*(_p(2 * k + 1, f"Part {k}", 12 + k, bold=True) for k in range(MARKDOWN_LEVELS + 1)))
    assert heading_levels(many) == ()
    emphatic = _doc(
        _p(1, "Policy", 14, bold=True),
        _p(3, "Adults", bold=True),
        _p(5, "Prior authorization is required.", bold=True),
        _p(7, "Benefits vary by plan.", bold=True),
        _p(9, "Claims are reviewed.", bold=True),
    )
    assert heading_levels(emphatic) == ()
    assert heading_levels([]) == ()


_STYLES = st.tuples(st.sampled_from([9.0, 10.0, BODY, 12.0, 13.0, 14.0, 16.0, 18.0]), st.booleans(), st.booleans())
_TEXTS = st.sampled_from(["Description", "Coverage Rationale", "Initial Treatment", "All of the following:", _PROSE])


@settings(max_examples=examples(200))
@given(heads=st.lists(st.tuples(_STYLES, _TEXTS, st.booleans()), max_size=14))
def test_levels_are_a_ranking_of_the_styles(heads: list[tuple[tuple[float, bool, bool], str, bool]]) -> None:
    """Whatever the fonts: only given lines are marked, levels run 1 … n ≤ 6 over n styles, a style has one level,
    and a larger style never ranks below a smaller one, nor at one size regular above bold."""
    lines = _doc(*(_p(2 * k + 1, t, s, b, i, item=item) for k, ((s, b, i), t, item) in enumerate(heads)))
    marks = heading_levels(lines)
    by_line = {p.line: p for p in lines}
    assert all(line in by_line and count == 1 for line, count, _ in marks)
    seen: dict[tuple[float, bool, bool], set[int]] = {}
    for line, _, level in marks:
        p = by_line[line]
        assert not p.item and not p.text.endswith(".")
        seen.setdefault((p.size, p.bold, p.italic), set()).add(level)
    assert all(len(v) == 1 for v in seen.values())
    level_of = {style: min(v) for style, v in seen.items()}
    levels = sorted(set(level_of.values()))
    assert levels == list(range(1, len(levels) + 1)) and (not levels or 2 <= len(levels) <= MARKDOWN_LEVELS)
    for a, la in level_of.items():
        for b, lb in level_of.items():
            if a[0] > b[0] or (a[0] == b[0] and a[1] and not b[1]):
                assert la < lb


# --- the layout hands them on, line for line ---------------------------------------------------------------------


def _words(text: str, top: float, size: float, bold: bool = False) -> list[Word]:
    out, x = [], 72.0
    for w in text.split():
        out.append(Word(w, x, x + 0.5 * size * len(w), top, top + size, size, bold, False))
        x = out[-1].x1 + 0.25 * size
    return out


def test_the_layout_marks_the_lines_its_fonts_print_as_headings() -> None:
    page: list[Word] = []
    top = 72.0
    for text, size, bold in [
        ("Coverage Rationale", 16.0, True),
        ("Members are covered as below.", BODY, False),
        ("Major Depressive Disorder", 13.0, True),
        ("Treatment is covered when ALL of the following are met:", BODY, True),
        ("The member is an adult with depression.", BODY, False),
        ("Initial Treatment", BODY, True),
        ("Up to 36 sessions are covered.", BODY, False),
        ("Definitions", 16.0, True),  # (a second section: the first is no lone title over the rest)
        ("A course is up to 36 sessions.", BODY, False),
    ]:
        page += _words(text, top, size, bold)
        top += 3 * size
    lines, marks = layout([PageContent(1, 612.0, 792.0, tuple(page), ())])
    assert [(lines[first - 1].text, level) for first, _, level in marks] == [
        ("Coverage Rationale", 1), ("Major Depressive Disorder", 2), ("Initial Treatment", 3), ("Definitions", 1)
    ]  # fmt: skip


# --- documents printed by real producers -------------------------------------------------------------------------

# A plan's policy on transcranial magnetic stimulation: three heading levels, no numbering, all in title case —
# ``Initial Treatment`` under ``Major Depressive Disorder`` under ``Coverage Rationale`` only its font says.
TMS: list[Block] = [
    ("title", "Transcranial Magnetic Stimulation"),
    ("table", [["Policy Number", "Effective Date", "Last Review"], ["MED.PSY.0107", "04/01/2026", "03/12/2026"]]),
    ("p", "This policy describes coverage of repetitive transcranial magnetic stimulation for psychiatric disorders."),
    ("h1", "Coverage Rationale"),
    ("h2", "Major Depressive Disorder"),
    ("h3", "Initial Treatment"),
    ("p", "Transcranial magnetic stimulation is proven and medically necessary when ALL of the following are met:"),
    (
        "ol",
        [
            Item("The member is 18 years of age or older;"),
            Item("Two antidepressant trials have failed; and"),
            Item("The treatment is ordered by a psychiatrist."),
        ],
    ),
    ("h3", "Continued Treatment"),
    ("p", "Continued treatment is medically necessary when the symptoms improved by at least half."),
    ("h2", "Obsessive Compulsive Disorder"),
    ("h3", "Initial Treatment"),
    ("p", "Deep transcranial magnetic stimulation is medically necessary after two failed medication trials."),
    ("h1", "Definitions"),
    ("p", "Treatment course: up to 36 sessions over nine weeks."),
    ("h1", "Applicable Codes"),
    ("table", [["CPT", "Description"], ["90867", "Therapeutic repetitive TMS, initial"], ["90868", "Subsequent"]]),
    ("h1", "Policy History"),
    ("table", [["Date", "Action"], ["03/12/2026", "Annual review."], ["03/01/2025", "New policy."]]),
]

TREE = [
    ("Coverage-Rationale", 1),
    ("Coverage-Rationale.Major-Depressive-Disorder", 2),
    ("Coverage-Rationale.Major-Depressive-Disorder.Initial-Treatment", 3),
    ("Coverage-Rationale.Major-Depressive-Disorder.Continued-Treatment", 3),
    ("Coverage-Rationale.Obsessive-Compulsive-Disorder", 2),
    ("Coverage-Rationale.Obsessive-Compulsive-Disorder.Initial-Treatment", 3),
    ("Definitions", 1),
    ("Applicable-Codes", 1),
]


def _tree(path: Path) -> tuple[list[tuple[str, int]], list[str]]:
    """The headings of the outline (id, level) and its lines."""
    lines = render_outline(parse_file_report(path).policy).splitlines()
    rows = [line.split("\t") for line in lines]
    heads = [(r[0], r[0].count(".") + 1) for r in rows if r[1] == "heading" and r[0] != "front"]
    return heads, lines


@pytest.mark.producers
def test_a_word_policy_printed_by_libreoffice_has_its_heading_levels(tmp_path: Path) -> None:
    need("soffice")
    styled, plain = libreoffice_pdfs(
        [word_policy(TMS, tmp_path / "tms.docx"), word_policy(SLEEP, tmp_path / "plain.docx", headings=False)],
        tmp_path,
    )
    heads, lines = _tree(styled)
    assert heads == [*TREE, ("Policy-History", 1)]
    assert "Coverage-Rationale.Major-Depressive-Disorder.Initial-Treatment.c1\tset:all" in "\n".join(lines)
    assert "header.title\ttitle\tTranscranial Magnetic Stimulation" in lines
    assert parse_file(styled) == parse_file(tmp_path / "tms.docx")  # the print reads as the document
    # headings in bold Normal paragraphs at the body's size: one style ranks nothing, the words decide as before
    extraction = extract(plain)
    assert extraction.headings == ()
    assert parse_file(plain) == parse_extraction(extraction, str(plain))


WEB = """<!DOCTYPE html><html><head><meta charset='utf-8'><title>Transcranial Magnetic Stimulation</title><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:11pt} td,th{border:1px solid #000;padding:2pt}
table{border-collapse:collapse}</style></head><body>
<h1>Transcranial Magnetic Stimulation</h1>
<p><strong>Policy Number:</strong> MED.PSY.0107</p>
<p><strong>Effective Date:</strong> 04/01/2026</p>
<p>This policy describes coverage of repetitive transcranial magnetic stimulation for psychiatric disorders.</p>
<h2>Coverage Rationale</h2>
<h3>Major Depressive Disorder</h3>
<p><strong>Initial Treatment</strong></p>
<p><strong>Transcranial magnetic stimulation is proven and medically necessary when ALL of the following are
met:</strong></p>
<ol><li>The member is 18 years of age or older;</li><li><strong>Two antidepressant trials have failed</strong>;
and</li><li>The treatment is ordered by a psychiatrist.</li></ol>
<p><strong>Continued Treatment</strong></p>
<p><strong>Note:</strong> continued treatment is medically necessary when the symptoms improved by half.</p>
<h3>Obsessive Compulsive Disorder</h3>
<p><strong>Initial Treatment</strong></p>
<p>Deep transcranial magnetic stimulation is medically necessary after two failed medication trials.</p>
<h2>Definitions</h2>
<p>Treatment course: up to 36 sessions over nine weeks.</p>
<h2>Applicable Codes</h2>
<table><tr><th>CPT</th><th>Description</th></tr><tr><td>90867</td><td>Therapeutic repetitive TMS, initial</td></tr>
<tr><td>90868</td><td>Subsequent</td></tr></table>
<h2>Policy History</h2>
<table><tr><th>Date</th><th>Action</th></tr><tr><td>03/12/2026</td><td>Annual review.</td></tr>
<tr><td>03/01/2025</td><td>New policy.</td></tr></table>
</body></html>"""


@pytest.mark.producers
def test_a_web_page_printed_by_chromium_has_its_heading_levels(tmp_path: Path) -> None:
    """``<h1>`` the title, ``<h2>`` the sections, ``<h3>`` their parts and bold paragraphs at the body's size
    the parts' parts; a bold lead-in, a bold run in a list item, bold table headers and Chromium's running
    date, title and URL are no headings."""
    need("chromium")
    pdf = chromium_pdf(WEB, tmp_path / "tms.pdf")
    heads, lines = _tree(pdf)
    assert heads == [*TREE, ("Policy-History", 1)]
    kinds = dict(line.split("\t")[:2] for line in lines)
    assert kinds["Coverage-Rationale.Major-Depressive-Disorder.Initial-Treatment.c1"] == "set:all"
    assert kinds["Coverage-Rationale.Major-Depressive-Disorder.Initial-Treatment.c1.2"] == "judgment"
    assert kinds["Applicable-Codes.t1.90867"] == "row"
    assert "header.title\ttitle\tTranscranial Magnetic Stimulation" in lines


# --- the pharmacy grammar and the extraction cache -------------------------------------------------------------


def test_the_pharmacy_grammar_reads_the_plain_text_of_a_print_with_heading_fonts() -> None:
    """The seed's print (its title large, its sections bold: one style of sections, no levels stated) reads as
    its text; and given stated levels, the Centene pharmacy grammar (its sections its own) reads the plain text."""
    pdf = Path(__file__).parent / "fixtures" / "pdf" / "seed-A.pdf"
    extraction = extract(pdf)
    assert parse_file(pdf) == parse_file(SEED)
    lines = extraction.text.split("\n")
    stated = tuple(
        (k, 1, 1 if text in ("Description", "Policy/Criteria") else 2)
        for k, text in enumerate(lines, start=1)
        if text in ("Description", "Policy/Criteria", "I. Initial Approval Criteria", "II. Continued Therapy")
    )
    assert len(stated) == 4
    assert parse_extraction(replace(extraction, headings=stated), str(pdf)) == parse_file(SEED)


def test_the_cache_keeps_the_marks(tmp_path: Path) -> None:
    extraction = Extraction("Policy\n\nText.\n", (LineOrigin(1, 72.0, 72.0, 200.0, 86.0), None, None), 1, ((1, 1, 2),))
    cache = ExtractionCache(tmp_path)
    cache.put("k" * 64, extraction)
    assert cache.get("k" * 64) == extraction


# --- a header field in a heading's font ----------------------------------------------------------------------------


def test_a_header_field_in_a_headings_font_stays_a_field() -> None:
    """``Clinical Policy: <title>`` or ``Policy Number: 12`` printed large is the header's field, not a section."""
    text = "Clinical Policy: Knee Arthroscopy\nPolicy Number: KN-12\n\nDescription\nText."
    assert mark_headings(text, [(1, 1, 1), (2, 1, 2), (4, 1, 2)]).split("\n") == [
        "Clinical Policy: Knee Arthroscopy", "Policy Number: KN-12", "", "## Description", "Text.",
    ]  # fmt: skip


MEDICAL_WEB = """<!DOCTYPE html><html><head><meta charset='utf-8'><title>Phrenic Nerve Stimulation</title><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:11pt} h1{font-size:16pt} h2{font-size:13pt}</style></head><body>
<h1>Clinical Policy: Phrenic Nerve Stimulation for Central Sleep Apnea in Adults With Heart Failure</h1>
<p>Reference Number: CP.MP.240</p>
<p>Last Review Date: 03/26</p>
<h2>Description</h2>
<p>Transvenous phrenic nerve stimulation treats central sleep apnea with an implanted pulse generator.</p>
<h2>Policy/Criteria</h2>
<p>I. It is the policy of health plans affiliated with Centene Corporation&reg; that transvenous phrenic nerve
stimulation is medically necessary when meeting all of the following:</p>
<p>A. Age &ge; 18 years;</p>
<p>B. Moderate to severe central sleep apnea confirmed by polysomnography.</p>
<h2>Background</h2>
<p>Central sleep apnea is common in heart failure.</p>
</body></html>"""


@pytest.mark.producers
def test_a_family_title_line_printed_as_a_heading_is_the_title(tmp_path: Path) -> None:
    """Chromium prints the medical policy's ``Clinical Policy:`` line in ``<h1>``'s font, over two lines: the
    title is what follows the label, and no section is made of it."""
    need("chromium")
    pdf = chromium_pdf(MEDICAL_WEB, tmp_path / "pns.pdf")
    report = parse_file_report(pdf, recover=True)
    title = "Phrenic Nerve Stimulation for Central Sleep Apnea in Adults With Heart Failure"
    assert report.policy.header.title == title
    assert report.policy.header.reference_number == "CP.MP.240"
    assert [s.title for s in report.policy.body][:2] == ["Description", "Policy/Criteria"]
