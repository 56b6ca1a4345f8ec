"""Word's headings carry the outline: a paragraph in a heading style (``Heading 1`` … , ``Title``, a style based on
one) or with its own ``w:outlineLvl`` is a heading of that level, whatever its words — never a guess from the
text; a document without heading styles reads as its text does; the Centene pharmacy grammar reads the plain
text (its goldens unchanged).

The documents are written here by python-docx (real heading styles and real numbering definitions, no label typed
into the text) in the shapes of other payers' Word policies: a header table of labels over one row of values, a
``Definitions`` section before the coverage sections (so a reader guessing from words nests them under it), lead-in
paragraphs that state their connective over Word-numbered criteria ending ``;`` / ``; and`` / ``.``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import SEED, check_golden
from docgen import _numbered, _Numbering, docx_file, libreoffice_pdf, need

from policyvc.parser import parse_file, parse_file_report, parse_text_report
from policyvc.parser.docx import read_docx
from policyvc.renderer.outline import render_outline

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Item:
    """A Word-numbered (or bulleted) list item and the items under it."""

    text: str
    below: list[Item] = field(default_factory=list)


Block = tuple[str, object]  # ("title" | "h1" … "h6" | "p" | "ol" | "ul" | "table" | "styled" | "outline", content)


def word_policy(blocks: list[Block], out: Path, *, headings: bool = True) -> Path:
    """A Word policy of ``blocks``: headings in Word's heading styles (``headings=False``: bold Normal paragraphs,
    as a document without an outline writes them), lists numbered by a real multi-level definition."""
    import docx

    document = docx.Document()
    lists = _Numbering(document)
    section = document.sections[0]
    section.header.paragraphs[0].add_run("Medical Coverage Policy")  # page furniture: never read
    for kind, content in blocks:
        if kind in ("styled", "outline") and not headings:
            document.add_paragraph().add_run(str(content)).bold = True
        elif kind == "title" or kind.startswith("h"):
            level = 0 if kind == "title" else int(kind[1])
            if headings:
                document.add_heading(str(content), level=level)
            else:
                document.add_paragraph().add_run(str(content)).bold = True
        elif kind == "styled":  # a style of the document's own based on Heading 2 ("Policy Subheading")
            name = "Policy Subheading"
            if name not in [s.name for s in document.styles]:
                style = document.styles.add_style(name, 1)
                style.base_style = document.styles["Heading 2"]
            document.add_paragraph(str(content), style=name)
        elif kind == "outline":  # a Normal paragraph given an outline level of its own (Word's Paragraph dialog)
            from docx.oxml import parse_xml

            p = document.add_paragraph(str(content))
            p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="1"/>'))
        elif kind == "p":
            document.add_paragraph(str(content))
        elif kind in ("ol", "ul"):
            levels = [("•", ".")] * 3 if kind == "ul" else [("1", "."), ("a", "."), ("i", ".")]
            num = lists.new(levels)

            def add(items: list[Item], depth: int, num: int = num) -> None:
                for item in items:
                    _numbered(document.add_paragraph(item.text), num, depth)
                    add(item.below, depth + 1)

            add(list(content), 0)  # type: ignore[call-overload]
        elif kind == "table":
            rows: list[list[str]] = content  # type: ignore[assignment]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
        else:
            raise AssertionError(kind)
    document.save(str(out))
    return out


# A Blue Cross plan's policy on sleep testing: the coverage sections follow a Definitions section, each a Heading 1
# with Heading 2 subsections; a subsection in the document's own heading style and one given an outline level.
SLEEP: list[Block] = [
    ("title", "Attended Polysomnography and Home Sleep Apnea Testing"),
    ("table", [["POLICY NUMBER", "EFFECTIVE DATE", "LAST REVIEW"], ["MED.SLP.0042", "03/01/2026", "02/10/2026"]]),
    ("p", "This policy applies to members whose benefit plan covers diagnostic sleep services."),
    ("h1", "Definitions"),
    ("p", "AHI: the apnea-hypopnea index, events per hour of sleep."),
    ("p", "HSAT: home sleep apnea testing with a type III or type IV device."),
    ("h1", "Coverage Position"),
    ("h2", "Home Sleep Apnea Testing"),
    ("p", "Home sleep apnea testing is considered medically necessary when ALL of the following are met:"),
    (
        "ol",
        [
            Item("The member is 18 years of age or older;"),
            Item(
                "The member has symptoms of obstructive sleep apnea, including at least ONE of the following:",
                [
                    Item("Witnessed apneas or gasping during sleep;"),
                    Item("Excessive daytime sleepiness (Epworth Sleepiness Scale above 10);"),
                    Item("Loud habitual snoring;"),
                ],
            ),
            Item("There is no significant cardiopulmonary or neuromuscular disease; and"),
            Item("The study is ordered by the treating physician."),
        ],
    ),
    ("h2", "Attended Polysomnography"),
    (
        "p",
        "Attended polysomnography in a sleep laboratory is considered medically necessary when BOTH of the following:",
    ),
    (
        "ol",
        [
            Item("A home sleep apnea test was negative, inconclusive or technically inadequate; and"),
            Item("Clinical suspicion of obstructive sleep apnea remains."),
        ],
    ),
    ("styled", "Repeat Testing"),
    ("p", "A repeat study is considered medically necessary to titrate positive airway pressure after a diagnosis."),
    ("outline", "Multiple Sleep Latency Testing"),
    ("p", "Multiple sleep latency testing is considered medically necessary for suspected narcolepsy."),
    ("h1", "Exclusions"),
    ("ul", [Item("Sleep studies performed only for snoring."), Item("Testing repeated within 12 months.")]),
    ("h1", "Coding"),
    ("table", [["CPT", "Description"], ["95806", "Sleep study, unattended"], ["95810", "Polysomnography"]]),
    ("h1", "Policy History"),
    (
        "table",
        [["Date", "Action"], ["02/10/2026", "Annual review; criteria clarified."], ["02/12/2025", "New policy."]],
    ),
]


def _outline(path: Path) -> str:
    report = parse_file_report(path)
    return render_outline(report.policy)


def test_word_headings_nest_the_outline_as_the_document_does(tmp_path: Path) -> None:
    path = word_policy(SLEEP, tmp_path / "sleep.docx")
    outline = _outline(path)
    check_golden("docx/sleep-testing.outline", outline)
    lines = outline.splitlines()
    ids = [line.split("\t")[0] for line in lines]
    # Coverage Position is a section of its own (Heading 1), not a subsection of Definitions
    assert "Coverage-Position" in ids and not any(i.startswith("Definitions.Coverage") for i in ids)
    assert "Coverage-Position.Home-Sleep-Apnea-Testing" in ids
    # a style based on Heading 2 and a paragraph with its own outline level are level-2 headings too
    assert "Coverage-Position.Repeat-Testing" in ids and "Coverage-Position.Multiple-Sleep-Latency-Testing" in ids
    kinds = dict(line.split("\t")[:2] for line in lines)
    assert kinds["Coverage-Position.Home-Sleep-Apnea-Testing.c1"] == "set:all"
    assert kinds["Coverage-Position.Home-Sleep-Apnea-Testing.c1.2"] == "any"
    assert kinds["Coverage-Position.Attended-Polysomnography.c1"] == "set:both"
    # the header table (labels over one row of values) gives the header's fields
    assert "header.reference\treference\tMED.SLP.0042" in lines
    assert "header.effective\tdate\t2026-03-01" in lines and "header.review\tdate\t2026-02-10" in lines
    assert any(line.startswith("header.title\ttitle\tAttended Polysomnography") for line in lines)


def test_levels_come_from_the_styles_not_the_words(tmp_path: Path) -> None:
    """A short title-like line would be guessed a subsection; in Heading 1 it is top level, and a vocabulary
    word (``Background``) in Heading 3 is a third-level heading; a heading's closing colon is not its title's."""
    blocks: list[Block] = [
        ("title", "Continuous Glucose Monitoring"),
        ("h1", "Description"),
        ("p", "Continuous glucose monitors measure interstitial glucose."),
        ("h1", "Therapeutic Monitors"),
        ("h2", "Initial Request:"),
        ("h3", "Background"),
        ("p", "Therapeutic monitors replace fingerstick testing."),
        ("h1", "References"),
        ("ul", [Item("American Diabetes Association. Standards of Care in Diabetes. Diabetes Care. 2026;49:S1.")]),
    ]
    lines = _outline(word_policy(blocks, tmp_path / "cgm.docx")).splitlines()
    ids = [line.split("\t")[0] for line in lines]
    assert "Therapeutic-Monitors" in ids and "Therapeutic-Monitors.Initial-Request.Background" in ids
    assert "Therapeutic-Monitors.Initial-Request\theading\tInitial Request" in lines  # (its colon is no title)
    assert "References" in ids


def test_a_heading_1_title_over_heading_2_sections_is_the_title(tmp_path: Path) -> None:
    """Word's users often put the title in ``Heading 1`` and the sections one level down: the one heading of the
    top level, first, is the title, and the sections are the document's top level — not the title's subsections."""
    plain = [(kind, content) for kind, content in SLEEP if kind not in ("styled", "outline")]
    shifted: list[Block] = [
        ("h1" if kind == "title" else f"h{int(kind[1]) + 1}" if kind in ("h1", "h2") else kind, content)
        for kind, content in plain
    ]
    assert _outline(word_policy(shifted, tmp_path / "shifted.docx")) == _outline(
        word_policy(plain, tmp_path / "sleep.docx")
    )


def test_a_first_section_with_subsections_below_the_header_is_no_title(tmp_path: Path) -> None:
    """A ``Heading 1`` that is the only one of its level but comes after the header (a plan's policy with one
    top section, its parts in ``Heading 2``) is a section, not the title: its subsections stay under it."""
    blocks: list[Block] = [
        ("p", "Northwind Health Plan"),
        ("p", "Medical Policy: Wearable Cardioverter Defibrillators"),
        ("table", [["Policy Number", "Effective Date"], ["CAR-118", "01/01/2026"]]),
        ("p", "This policy describes coverage of wearable defibrillators for members at risk of sudden death."),
        ("h1", "Policy"),
        ("h2", "Indications"),
        ("p", "A wearable defibrillator is considered medically necessary when ONE of the following applies:"),
        ("ol", [Item("A documented episode of ventricular fibrillation;"), Item("An implanted device was explanted.")]),
        ("h2", "Limitations"),
        ("p", "Use beyond 90 days requires review by a medical director."),
    ]
    ids = [line.split("\t")[0] for line in _outline(word_policy(blocks, tmp_path / "wcd.docx")).splitlines()]
    assert "Policy.Indications" in ids and "Policy.Limitations" in ids


def test_numbered_heading_styles_keep_their_numbers_as_markers(tmp_path: Path) -> None:
    """Headings numbered by Word (``1.`` / ``1.1`` from a list the heading styles are linked to): the number is
    the section's marker, the words its title; the level is the style's."""
    import docx

    path = word_policy(SLEEP, tmp_path / "sleep.docx")
    document = docx.Document(str(path))
    lists = _Numbering(document)
    lists._next = 1000  # (past the ids the document's lists have)
    num = lists.new([("1", "."), ("1", ".")])
    for lvl in document.part.numbering_part.element.iter(f"{{{W}}}lvl"):  # level 2 shows both counters: 2.1.
        text = lvl.find(f"{{{W}}}lvlText")
        if lvl.getparent().get(f"{{{W}}}abstractNumId") == "1001" and lvl.get(f"{{{W}}}ilvl") == "1":
            text.set(f"{{{W}}}val", "%1.%2.")
    for p in document.paragraphs:
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2"):
            _numbered(p, num, 0 if p.style.name == "Heading 1" else 1)
    document.save(str(path))
    text = read_docx(path).outlined()
    assert "\n# 1. Definitions\n" in text and "\n## 2.1. Home Sleep Apnea Testing\n" in text
    report = parse_file_report(path)
    sections = {s.title: s for s in report.policy.body}
    assert {"Definitions", "Coverage Position", "Exclusions", "Coding", "Policy History"} <= set(sections)
    assert sections["Coverage Position"].marker.rstrip(".") == "2"
    sub = [b for b in sections["Coverage Position"].blocks if getattr(b, "title", None) == "Home Sleep Apnea Testing"]
    assert len(sub) == 1 and sub[0].marker.rstrip(".") == "2.1"  # type: ignore[union-attr]
    assert [e.date.isoformat() for e in report.policy.revision_log] == ["2025-02-12", "2026-02-10"]


def test_a_document_without_heading_styles_reads_as_its_text(tmp_path: Path) -> None:
    path = word_policy(SLEEP, tmp_path / "plain.docx", headings=False)
    doc = read_docx(path)
    assert doc.headings == ()
    policy = parse_file(path)
    assert policy == parse_text_report(doc.text, str(path)).policy
    # its levels are guessed from the words (the coverage sections under Definitions), but a lead-in that states
    # its connective in a coverage decision's words makes its group, the items its criteria, under any heading
    rows = [line.split("\t") for line in render_outline(policy).splitlines()]
    groups = [(r[0].rsplit(".", 1)[-1], r[1], len(r[2].split())) for r in rows if r[1].startswith("set:")]
    assert [g[:2] for g in groups] == [("c1", "set:all"), ("c1", "set:both")]
    assert sum(1 for r in rows if r[1] == "judgment") == 8  # (and one nested group of any)


def test_the_text_is_the_same_and_the_outline_form_marks_the_headings(tmp_path: Path) -> None:
    styled, plain = (
        read_docx(word_policy(SLEEP, tmp_path / "a.docx")),
        read_docx(word_policy(SLEEP, tmp_path / "b.docx", headings=False)),
    )
    assert styled.text == plain.text  # the plain text (what `extract` and the pharmacy grammar read) is unchanged
    marked = styled.outlined().split("\n")
    assert len(marked) == len(styled.text.split("\n"))  # line for line: diagnostics' lines are the text's
    # (the first paragraph, in Word's Title style, is the policy's title, which the header reads: no section
    # heading of its words as well — the DOCX reads as its plain-text copy does)
    assert "Attended Polysomnography and Home Sleep Apnea Testing" in marked
    assert "# Attended Polysomnography and Home Sleep Apnea Testing" not in marked
    assert "## Home Sleep Apnea Testing" in marked and "## Repeat Testing" in marked
    assert "## Multiple Sleep Latency Testing" in marked and "# Exclusions" in marked


def test_a_long_paragraph_in_a_heading_style_stays_a_paragraph_with_a_note(tmp_path: Path) -> None:
    long = (
        "Coverage of services in this policy is subject to the terms, conditions and limitations of the member's "
        "contract, and the criteria below do not apply where a state mandate requires other coverage."
    )
    blocks: list[Block] = [*SLEEP[:6], ("h2", long), *SLEEP[6:]]
    report = parse_file_report(word_policy(blocks, tmp_path / "long.docx"))
    outline = render_outline(report.policy)
    assert any(line.endswith("\t" + long) and "\tparagraph\t" in line for line in outline.splitlines())
    notes = [d for d in report.diagnostics if "heading style" in d.message]
    assert len(notes) == 1 and notes[0].severity == "note" and notes[0].line is not None


def test_a_pharmacy_policy_in_heading_styles_reads_to_its_texts_tree(tmp_path: Path) -> None:
    """The Centene pharmacy grammar has its sections: Word's headings give it the plain text, tree unchanged."""
    import docx

    path = docx_file(SEED, tmp_path / "seed.docx")
    document = docx.Document(str(path))
    for p in document.paragraphs:
        if p.text in ("Initial Approval Criteria", "Continued Therapy", "Appendices", "References", "Description"):
            p.style = document.styles["Heading 1"]
    document.paragraphs[0].style = document.styles["Title"]
    document.save(str(path))
    assert read_docx(path).headings  # it has them …
    assert parse_file(path) == parse_file(SEED)  # … and reads as the text does


@pytest.mark.producers
def test_libreoffice_print_of_a_word_policy_keeps_its_groups(tmp_path: Path) -> None:
    """The same document printed by LibreOffice, read as a PDF and as pdftotext's text: the PDF states its
    levels in its heading fonts (``Coverage Position`` a section of its own, as in the document; the paragraph
    given an outline level prints as body text, so its level is guessed from the words), pdftotext's text in
    nothing (its levels guessed, ``Coverage Position`` under ``Definitions``); either way a lead-in that states
    its connective makes its criteria group under any heading, and no text is lost."""
    need("soffice", "pdftotext")
    pdf = libreoffice_pdf(word_policy(SLEEP, tmp_path / "sleep.docx"), tmp_path)
    outline = render_outline(parse_file_report(pdf, recover=True).policy)
    check_golden("docx/sleep-testing.libreoffice.outline", outline)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed = render_outline(parse_text_report(text, "sleep.txt", recover=True).policy)
    for words in ("95810", "MED.SLP.0042", "Loud habitual snoring", "Testing repeated within 12 months"):
        assert words in outline and words in printed
    for shown in (outline, printed):
        rows = [line.split("\t") for line in shown.splitlines()]
        groups = [(r[1], r[2][:40]) for r in rows if r[1].startswith("set:")]
        assert ("set:all", "Home sleep apnea testing is considered m") in groups
        assert ("set:both", "Attended polysomnography in a sleep labo") in groups
