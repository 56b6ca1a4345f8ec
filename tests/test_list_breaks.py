"""Lists and what breaks them, as copies of real policies deliver them (``tests/fixtures/list_breaks``).

Each fixture is written in the style of one payer's published policies, in a form a user gets its text: a PDF
viewer's copy (a running header between two items of a list: the title with the policy's number, or three lines
that punctuate the head's lines otherwise; decimal outline numbers ``3.1.2`` / ``3.1.3`` / ``3.1.3.1`` as item
markers), a web page's copy (``✓`` / ``✔`` checklist items with ``•`` sub-bullets), a Chromium print read by
``pdftotext -layout`` (a two-column table right above a lead-in whose words a column's start cuts), and Word
documents with a table of contents (a content control or a ``TOC`` field; entries with a dotted leader before
their page).  What is asserted is what the text states — each list's items, their depth and connective — and,
for every rule, what it must leave alone.  Expectations are written from the text, never from the reader's
output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from heldout_support import read_held

from policyvc.parser import parse_file_report
from policyvc.parser.aligned_tables import read_aligned
from policyvc.parser.connective import read_connective
from policyvc.parser.nodes import Connective
from policyvc.parser.text_styles import _decimal_follows

BREAKS = FIXTURES / "list_breaks"


def _rows(name: str) -> dict[str, str]:
    return read_held(BREAKS / name)[1]


def _children(rows: dict[str, str], node: str) -> list[str]:
    depth = node.count(".") + 1
    return [n.rsplit(".", 1)[-1] for n in rows if n.startswith(node + ".") and n.count(".") == depth]


def _headings(rows: dict[str, str]) -> list[str]:
    return [n for n, k in rows.items() if k == "heading"]


# --- a running header between two items of a list ----------------------------------------------------------


def test_a_running_line_of_the_title_and_the_policys_number_is_no_heading() -> None:
    # ``Sacral Nerve Neuromodulation 11.02.07`` after ``Page 1 of 2``: the title, then the number the head's
    # ``Policy Number:`` field gives — the list goes on past it
    rows = _rows("excellus-sacral-nerve.viewer-copy.txt")
    assert not any("11-02-07" in n for n in rows)
    assert rows["Indications.c1"] == "set:all" and _children(rows, "Indications.c1") == ["1", "2", "3"]
    assert rows["Indications.c1.2"] == "atleast2" and _children(rows, "Indications.c1.2") == ["a", "b", "c"]
    assert rows["Indications.c2"] == "set:all" and _children(rows, "Indications.c2") == ["1", "2", "3"]


def test_a_running_line_of_the_number_then_the_title_is_no_text_of_an_item() -> None:
    # ``MM-0142 Hyperbaric Oxygen Therapy`` between ``a.`` and ``b.``: never the end of item ``a``
    policy, rows = read_held(BREAKS / "hmsa-hyperbaric.viewer-copy.txt")
    group = "Coverage-Criteria.c1"
    assert rows[group] == "set:all" and _children(rows, group) == ["1", "2", "3", "4"]
    assert _children(rows, group + ".3") == ["a", "b", "c", "d"]
    text = "\n".join(_outline_texts(policy))
    assert "MM-0142 Hyperbaric" not in text
    # a heading that says the title with more words of its own is the text's, where it stands
    assert "Coverage-Criteria.Hyperbaric-Oxygen-Therapy-in-Children" in _headings(rows)


def _outline_texts(policy: object) -> list[str]:
    from policyvc.renderer.outline import render_outline

    return [line.split("\t")[-1] for line in render_outline(policy).splitlines()]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "root", "first"),
    [("ihcp-enteral.viewer-copy.txt", "POLICY.c1", "3-1"), ("va-wheelchair.viewer-copy.txt", "CRITERIA.c1", "2-1")],
)
def test_decimal_items_across_a_running_header_that_punctuates_the_heads_lines_otherwise(
    name: str, root: str, first: str
) -> None:
    # the head writes ``Module 7 Part 3.2`` / ``Appendix C Section 4``, a page's top ``Module 7, Part 3.2``: the
    # same words, a running line — no heading in the middle of the list; and ``3.1.3 The prescriber …`` right
    # under ``3.1.2 …;`` (a line the next number's word would have fitted on) is the next item, never its text
    rows = _rows(name)
    assert not any("Part-3-2" in n or "Section-4" in n for n in _headings(rows) if "." in n)
    lead = f"{root}.{first}"
    n = first.split("-")[0]
    assert rows[lead] == "all"
    assert _children(rows, lead) == [f"{n}-1-1", f"{n}-1-2", f"{n}-1-3"]
    assert rows[f"{lead}.{n}-1-3"] == "any"
    assert _children(rows, f"{lead}.{n}-1-3") == [f"{n}-1-3-1", f"{n}-1-3-2", f"{n}-1-3-3"]
    assert _children(rows, root) == [first, f"{n}-2"]
    assert rows[root] == "set"  # (nothing states how ``3.1`` and ``3.2`` combine: no connective on a guess)


@pytest.mark.parametrize(
    ("line", "started", "follows"),
    [
        ("3.1.3 The device is prescribed", {(3, 1, 2)}, True),
        ("3.1.3.1 Multiple daily injections", {(3, 1, 3)}, True),
        ("3.2 Replacement sensors", {(3, 1), (3, 1, 3, 2)}, True),
        ("3.1 A therapeutic monitor", {(3,)}, True),  # (under ``3.0 POLICY``: ``3.0`` is ``3``)
        # what must not start an item: a number nothing above leads to, or no number of the outline
        ("2.5 Mg tablets are", {(1,), (1, 1)}, False),
        ("4.7 The member", {(4, 5)}, False),
        ("3.1.3 the device", {(3, 1, 2)}, False),  # (in lower case: a sentence's words)
        ("12 Months of therapy", {(11,)}, False),
    ],
)
def test_a_decimal_number_starts_a_block_only_where_the_numbering_goes_on(
    line: str, started: set[tuple[int, ...]], follows: bool
) -> None:
    assert _decimal_follows(line, started) is follows


# --- check-mark bullets --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "group", "kinds"),
    [
        # (the second heading of one name: its id and its children's carry ``~2``)
        ("medica-npwt.web-copy.txt", "Coverage-Policy~2.c1", ["judgment", "all", "none", "judgment"]),
        ("quartz-home-oxygen.web-copy.txt", "Coverage-Criteria.c1", ["judgment", "any", "atleast2"]),
        (
            "fidelis-checklist.chromium.pdftotext-layout.txt",
            "Coverage-Criteria.c1",
            ["judgment", "all", "none", "judgment"],
        ),
    ],
)
def test_check_mark_items_with_bullets_under_them(name: str, group: str, kinds: list[str]) -> None:
    # ``✓ Standard wound care …, including all of the following:`` / ``• Regular moist dressings;`` …: each
    # check mark an item of the lead-in's list, each bullet an item of the check-marked item above it
    rows = _rows(name)
    assert rows[group] == "set:all"
    items = _children(rows, group)
    assert [rows[f"{group}.{i}"] for i in items] == kinds
    for i, kind in zip(items, kinds, strict=True):
        assert bool(_children(rows, f"{group}.{i}")) is (kind != "judgment")
    assert not any("✓" in t or "✔" in t for t in _outline_texts(read_held(BREAKS / name)[0]))


@pytest.mark.parametrize(
    ("name", "last", "section"),
    [
        ("medica-npwt.web-copy.txt", "Coverage-Policy~2.c1.4", "Coverage-Policy~2"),
        ("quartz-home-oxygen.web-copy.txt", "Coverage-Criteria.c1.3.3", "Coverage-Criteria"),
    ],
)
def test_a_sentence_right_under_a_lists_last_item_is_a_paragraph_after_the_list(
    name: str, last: str, section: str
) -> None:
    # ``✔ The wound is measured … every week.`` / ``Coverage continues beyond 4 months …``: a web page's paragraph
    # after its ``</ul>``, never more of the last item's criterion
    policy, rows = read_held(BREAKS / name)
    assert rows[last] == "judgment" and rows[f"{section}.p1"] == "paragraph"
    assert not any(
        t.endswith(".") and ". " in t and t.startswith(("The wound", "Inhaled")) for t in _outline_texts(policy)
    )


def test_a_lead_in_under_a_lists_last_item_counts_its_own_list() -> None:
    # ``2. … in home rehabilitation.`` / ``Replacement is covered … or when at least two of the following apply:`` /
    # bullets: a list of its own (never the last item's text), its set counting its N as the text does
    rows = _read_text(
        "Priority Health Medical Policy\nHearing Aids\nPolicy Number: 91612\nEffective Date: 01/01/2026\n"
        "Coverage\nHearing aids are covered for members with hearing loss when all of the following are met, as"
        " documented in the record by the treating audiologist:\n"
        "1. Hearing loss of 40 dB or more in the better ear;\n"
        "2. The member has agreed to a hearing aid orientation.\n"
        "Replacement of a hearing aid is covered when the device cannot be repaired, or when at least two of the"
        " following apply:\n• The aid is more than 5 years old;\n• The manufacturer no longer supports it;\n"
        "• The hearing loss changed by 15 dB or more.\nReferences\n1. A reference.\n"
    )
    assert rows["Coverage.c1"] == "set:all" and _children(rows, "Coverage.c1") == ["1", "2"]
    assert rows["Coverage.c2"] == "set:atleast2" and _children(rows, "Coverage.c2") == ["1", "2", "3"]


def test_an_items_line_that_filled_the_width_goes_on_below_it() -> None:
    # what must stay the item's text: a viewer's copy wrapped to its width, the item's sentence ending where its
    # line was full, its next sentence wrapped onto the line below
    policy = parse_file_report(
        _write(
            "Plan Medical Policy\nSleep Studies\nPolicy Number: SL-9\nEffective Date: 01/01/2026\nCoverage Criteria\n"
            "Attended sleep studies in a facility are covered for members with suspected sleep apnea\n"
            "when all of the following are met:\n"
            "1. The member has had symptoms of sleep apnea for at least three months, as the chart shows.\n"
            "The symptoms are written in the record by the treating provider at each visit.\n"
            "2. The member has no heart failure.\nReferences\n1. A reference.\n"
        ),
        recover=True,
    ).policy
    texts = _outline_texts(policy)
    assert any(t.startswith("The member has had symptoms") and t.endswith("at each visit.") for t in texts)


def test_a_check_mark_inside_a_sentence_is_text() -> None:
    rows = _read_text(
        "Plan Medical Policy\nHome Oxygen\nPolicy Number: QX-1\nEffective Date: 01/01/2026\nCoverage Criteria\n"
        "Oxygen is covered when all of the following are met:\n✓ Testing shows low oxygen;\n"
        "✓ The order is signed ✓ by the provider.\nReferences\n1. A reference.\n"
    )
    assert _children(rows, "Coverage-Criteria.c1") == ["1", "2"]


def _read_text(text: str) -> dict[str, str]:
    return read_held(_write(text))[1]


def _write(text: str) -> Path:
    """``text`` in a file of its own (a temporary folder the process removes at its end)."""
    import atexit
    import shutil
    import tempfile

    folder = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, folder, True)
    path = Path(folder) / "policy.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --- a bare count of the following ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "connective", "n"),
    [
        (
            "Failure of at least 3 months of conservative therapy, including two of the following:",
            Connective.ATLEAST,
            2,
        ),
        ("Any three of the following:", Connective.ATLEAST, 3),
        ("Documentation of two (2) of the following:", Connective.ATLEAST, 2),
        # what must not be read as at least N: a count bounded otherwise, or another list's count
        ("The member has exactly two of the following:", None, None),
        ("The first two of the following apply to adults:", None, None),
        ("The member has more than two of the following:", None, None),
        ("No more than two of the following:", None, None),
        ("The member has 12 of the following:", None, None),
    ],
)
def test_a_bare_count_of_the_following_is_at_least_that_many(
    text: str, connective: Connective | None, n: int | None
) -> None:
    read = read_connective(text)
    assert (read.connective, read.at_least) == (connective, n)


# --- a table right above a lead-in ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "section", "rows_", "lead", "connective"),
    [
        ("geisinger-criteria-table.chromium.pdftotext-layout.txt", "Indications", 3, "may not cover", "set:any"),
        ("healthpartners-pt-table.chromium.pdftotext-layout.txt", "Coverage", 2, "More visits", "set:all"),
    ],
)
def test_a_lead_in_below_a_table_is_no_row_of_it(
    name: str, section: str, rows_: int, lead: str, connective: str
) -> None:
    # the lead-in's words cut at one space where the table's second column starts (``… Plan may | not cover …``):
    # a sentence across the columns after the table's blank line, no row — its list keeps its lead-in
    policy, rows = read_held(BREAKS / name)
    assert len(_children(rows, f"{section}.t1")) == rows_
    assert rows[f"{section}.c1"] == connective and _children(rows, f"{section}.c1") == ["1", "2", "3"]
    assert any(lead in t for t in _outline_texts(policy))


def test_a_row_after_a_blank_line_that_ends_with_a_colon_is_still_a_row() -> None:
    # what must stay a row: cells two spaces apart, or a key and its text one space apart
    lines = [
        "  Requirement      Documentation",
        "  Visual field     Loss of 12 degrees or more",
        "",
        "  Symptoms         At least two of:",
        "  19318 Breast reduction including all of:",
    ]
    table = read_aligned(lines, 0, lambda j: False)
    assert table is not None and [r[1][0] for r in table.rows][:2] == ["Visual field", "Symptoms"]


# --- a Word document's table of contents -----------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SECTIONS = ("Description", "Coverage Criteria", "Coding", "References")


def _entry_runs(title: str, page: int, k: int) -> str:
    return (
        f'<w:hyperlink w:anchor="_Toc{k}"><w:r><w:t>{title}</w:t></w:r><w:r><w:tab/></w:r>'
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{k} \\h '
        f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
    )


def _toc_docx(path: Path, *, plan: str, title: str, number: str, control: bool, pages: tuple[int, ...]) -> Path:
    """A Word document with a table of contents as Word writes one: a content control holding the contents'
    title and its entries (each with its own right tab stop and dotted leader), or a ``TOC`` field in entries
    of the ``toc 1`` style (the style holding the tab stop)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph(plan)
    document.add_paragraph(f"Medical Policy: {title}")
    document.add_paragraph(f"Policy Number: {number}")
    document.add_paragraph("Effective Date: 04/01/2026")
    body = document.element.body
    anchor = document.paragraphs[-1]._p
    if control:
        entries = "".join(
            f'<w:p><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs></w:pPr>'
            f"{_entry_runs(name, page, k)}</w:p>"
            for k, (name, page) in enumerate(zip(_SECTIONS, pages, strict=True))
        )
        xml = (
            f'<w:sdt xmlns:w="{_W}"><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f"<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:b/></w:rPr>"
            f"<w:t>Table of Contents</w:t></w:r></w:p>{entries}</w:sdtContent></w:sdt>"
        )
        anchor.addnext(parse_xml(xml))
    else:
        style = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        ppr = style.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:tabs xmlns:w="{_W}"><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'))
        heading = parse_xml(f'<w:p xmlns:w="{_W}"><w:r><w:t>Contents</w:t></w:r></w:p>')
        anchor.addnext(heading)
        last = heading
        for k, (name, page) in enumerate(zip(_SECTIONS, pages, strict=True)):
            begin = (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
                '\\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                if k == 0
                else ""
            )
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if k == len(_SECTIONS) - 1 else ""
            p = parse_xml(
                f'<w:p xmlns:w="{_W}"><w:pPr><w:pStyle w:val="{style.style_id}"/></w:pPr>{begin}'
                f"{_entry_runs(name, page, k)}{end}</w:p>"
            )
            last.addnext(p)
            last = p
    document.add_heading("Description", level=1)
    document.add_paragraph(f"{title} is described here for the members of the plan.")
    document.add_heading("Coverage Criteria", level=1)
    document.add_paragraph(f"{title} is medically necessary when all of the following are met:")
    for text in ("The member is 18 years of age or older;", "Conservative therapy has failed for 6 weeks."):
        document.add_paragraph(text, style="List Number")
    document.add_heading("Coding", level=1)
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ("CPT Code", "Description", "64555", "Percutaneous electrodes"), strict=True):
        cell.text = text
    document.add_heading("References", level=1)
    document.add_paragraph("Smith J. A study of the procedure. J Med. 2020;1:1-9.")
    _ = body
    document.save(str(path))
    return path


_TOCS = [
    pytest.param(dict(plan="Wellmark Blue Cross and Blue Shield", title="Occipital Nerve Block", number="02.01.61",
                      control=True), id="content-control"),
    pytest.param(dict(plan="Molina Healthcare", title="Hip Arthroscopy", number="MCP-412", control=False),
                 id="toc-field-style"),
]  # fmt: skip


@pytest.mark.parametrize("doc", _TOCS)
def test_a_word_table_of_contents_is_neither_headings_nor_text_a_diff_reports(
    doc: dict[str, object], tmp_path: Path
) -> None:
    old = _toc_docx(tmp_path / "old.docx", pages=(1, 1, 2, 3), **doc)  # type: ignore[arg-type]
    new = _toc_docx(tmp_path / "new.docx", pages=(1, 2, 3, 4), **doc)  # type: ignore[arg-type]
    policy, rows = read_held(old)
    headings = [n for n in _headings(rows) if n != "front"]
    assert headings == ["Description", "Coverage-Criteria", "Coding", "References"]
    assert rows["Coverage-Criteria.c1"] == "set:all" and _children(rows, "Coverage-Criteria.c1") == ["1", "2"]
    # the contents (``Coverage Criteria........1``) are navigation: left out with a note, never text nor a table row
    texts = _outline_texts(policy)
    assert not any(t.startswith("Coverage Criteria.") for t in texts)
    report = parse_file_report(old, recover=True)
    assert any("table of contents" in d.message for d in report.diagnostics if d.severity == "note")
    assert not any(k == "table" and not n.startswith("Coding") for n, k in rows.items())
    # the pages moved (a longer section above): no change of the policy's text
    from policyvc.history.diff import diff

    assert not diff(policy, parse_file_report(new, recover=True).policy).changes


def test_a_tab_before_a_number_outside_a_table_of_contents_stays_a_tab(tmp_path: Path) -> None:
    # what must not become a dotted leader: a paragraph with no leader tab stop and no contents style
    import docx

    from policyvc.parser.docx import read_docx

    document = docx.Document()
    document.add_paragraph("Maximum units per day\t4")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    assert "Maximum units per day\t4" in read_docx(path).text


def test_two_items_ending_in_the_same_word_across_a_page_break_keep_their_ends() -> None:
    # must NOT match: a running line is one line printed at two pages' edges, by its words whatever the commas;
    # two items' last words (``procedure;`` and ``procedure.``), each beside a page's number, are the ends of two
    # sentences — the text keeps them
    from policyvc.parser import parse_text_report
    from policyvc.renderer.outline import render_outline

    filler = [f"Paragraph {n} of the rationale, written out at length so that the page fills up." for n in range(30)]
    text = "\n".join([
        "Balloon Sinus Ostial Dilation",
        "Policy Number: MP-4410",
        "Effective Date: 03/01/2026",
        "",
        "Policy",
        "The following are not medically necessary:",
        "  A. Dilation of the frontal sinus performed as a stand-alone",
        "",
        "Balloon Sinus Ostial Dilation - Medical Policy                         Page 1 of 3",
        "\f     procedure;",
        *filler,
        "  B. Dilation performed in the same session as a septoplasty or any other",
        "",
        "Balloon Sinus Ostial Dilation - Medical Policy                         Page 2 of 3",
        "\f     procedure.",
        "",
        "Rationale",
        *filler,
        "Balloon Sinus Ostial Dilation - Medical Policy                         Page 3 of 3",
    ])  # fmt: skip
    out = render_outline(parse_text_report(text, recover=True).policy)
    assert "stand-alone procedure;" in out and "any other procedure." in out
