"""The reader's headings, sections and titles in the ``generic`` template (``tests/fixtures/sections``):

* numbered top-level sections (``1. Purpose and Scope``, ``2. Myocardial Perfusion Imaging`` with ``2.1``,
  ``2.2`` under it) told from numbered lists of short title-case items;
* headings every policy has however worded (``Not Covered``, ``Document History``, ``Policy Approval
  History``, ``Selected References``, ``Background, Benefit and Disclaimer Information``), top level;
* titles from what the document states as its title — never a site's page title (``Site | Page kind``),
  a breadcrumb trail, a menu or a section heading;
* a web page's ``On this page`` menu and a document's contents list: plain text, never sections or criteria;
* the same documents printed by Chromium (with its furniture) and LibreOffice, then ``pdftotext``.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import FIXTURES, check_golden, run_cli
from heldout_support import find_section, section_titles
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser import parse_file, parse_file_report, parse_text_report
from policyvc.parser.nodes import Bullets, CriteriaSet, Paragraph, Policy, Section
from policyvc.parser.outline import OutlineLine, contents_menu, numbered_sections
from policyvc.parser.template_core import _site_line
from policyvc.parser.template_spec import HEADINGS
from policyvc.renderer.outline import render_outline

SECTIONS = sorted((FIXTURES / "sections").glob("*.txt"))
GUIDELINE = FIXTURES / "sections" / "numbered-guideline-cardiac-imaging.txt"
NOT_SECTIONS = FIXTURES / "sections" / "numbered-items-not-sections.txt"
MENU = FIXTURES / "sections" / "web-drug-criteria-menu.web.txt"
EDIT = FIXTURES / "sections" / "state-medicaid-edit.web.txt"
WORD = FIXTURES / "sections" / "word-hypoglossal-stimulation.txt"
APPROVAL = FIXTURES / "sections" / "approval-history.pdftotext.txt"


def _top(policy: Policy) -> list[str]:
    return [s.title for s in policy.body if s.id != "front"]


@pytest.mark.parametrize("path", SECTIONS, ids=lambda p: p.stem)
def test_each_fixture_reads_to_its_golden_outline(path: Path) -> None:
    report = parse_file_report(path, recover=True)
    assert report.policy.template == "generic"
    check_golden(f"sections/{path.stem}.outline", render_outline(report.policy))


# --- numbered sections ------------------------------------------------------------------------------------


def test_numbered_sections_are_top_level_and_their_decimals_subsections() -> None:
    policy = parse_file_report(GUIDELINE, recover=True).policy
    top = _top(policy)
    assert top[-6:] == [
        "Purpose and Scope",
        "Myocardial Perfusion Imaging",
        "Stress Echocardiography",
        "Limitations",
        "Key References",
        "Revision History",
    ]
    mpi = find_section(policy, "Myocardial Perfusion Imaging")
    assert [b.title for b in mpi.blocks if isinstance(b, Section)] == [
        "Suspected Coronary Artery Disease",
        "Known Coronary Artery Disease",
    ]
    assert [b.marker for b in mpi.blocks if isinstance(b, Section)] == ["2.1", "2.2"]
    echo = find_section(policy, "Stress Echocardiography")
    assert [b.title for b in echo.blocks if isinstance(b, Section)] == ["Preferred Use", "Pharmacologic Stress"]
    # the numbered criteria under a subsection stay criteria (restarting at 1), never sections
    suspected = find_section(policy, "Suspected Coronary Artery Disease")
    group = next(b for b in suspected.blocks if isinstance(b, CriteriaSet))
    assert [c.marker for c in group.criteria] == ["1", "2", "3"]


def test_a_numbered_list_of_short_names_stays_a_list() -> None:
    policy = parse_file_report(NOT_SECTIONS, recover=True).policy
    assert _top(policy) == ["Coverage Criteria", "References", "Policy History"]
    criteria = find_section(policy, "Coverage Criteria")
    assert not [b for b in criteria.blocks if isinstance(b, Section)]
    groups = [b for b in criteria.blocks if isinstance(b, CriteriaSet)]
    assert [c.text for c in groups[0].criteria] == [
        "Hemophilia A",
        "Hemophilia B",
        "Von Willebrand Disease",
        "Acquired Hemophilia A",
    ]
    # ``1. Routine Prophylaxis`` / text / ``2. On-Demand Treatment``: two items, no heading says they are sections
    assert len(groups[1].criteria) == 2


def _lines(*texts: str) -> list[OutlineLine]:
    return [OutlineLine(t, k) for k, t in enumerate(texts, 1)]


def test_numbered_sections_need_the_document_to_say_so() -> None:
    # two numbered title lines with text under them and nothing else: a list, not sections
    lines = _lines(
        "1. Routine Prophylaxis", "Covered when severe.", "", "2. On-Demand Treatment", "Covered for bleeds."
    )
    assert numbered_sections(lines, HEADINGS) == frozenset()
    # a subsection numbered under each, or a heading of the vocabulary among them: sections
    lines = _lines("1. Purpose", "Text.", "2. Imaging", "2.1 Adults", "Text.", "3. References", "1. A cited paper.")
    # (and the subsection that says so, ``2.1 Adults`` with its own text under it, is a heading too)
    assert numbered_sections(lines, HEADINGS) == {"1. purpose", "2. imaging", "2.1 adults", "3. references"}


def test_a_numbered_item_that_goes_on_a_list_is_no_section() -> None:
    # ``3. Limitations`` after the ``1.``/``2.`` of a list is that list's third item, unless its own ``3.1`` claims it
    lines = _lines("1. Scope", "Text.", "2. Criteria", "Lead-in:", "1. Alpha", "2. Beta", "3. Gamma Delta")
    assert "3. gamma delta" not in numbered_sections(lines, HEADINGS)


@settings(max_examples=examples(200))
@given(st.lists(st.from_regex(r"[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){0,3}", fullmatch=True), min_size=2, max_size=9))
def test_a_run_of_numbered_names_is_never_sections(names: list[str]) -> None:
    """Items right under one another (``1. Hemophilia A`` / ``2. Hemophilia B``) never read as sections, whatever
    their names — vocabulary headings included."""
    lines = _lines("Covered diagnoses:", *(f"{k}. {n}" for k, n in enumerate(names, 1)), "", "Other text.")
    assert numbered_sections(lines, HEADINGS | {n.casefold() for n in names}) == frozenset()


# --- headings every policy has ----------------------------------------------------------------------------


def test_back_matter_and_compound_headings_are_top_level() -> None:
    policy = parse_file_report(WORD, recover=True).policy
    assert _top(policy) == [
        "Coverage Policy",
        "Coverage Criteria",
        "Not Covered",
        "Description",
        "Coding",
        "References",
        "Policy Revision History",
        "Background, Benefit and Disclaimer Information",
    ]
    criteria = find_section(policy, "Coverage Criteria")
    assert [b.title for b in criteria.blocks if isinstance(b, Section)] == [
        "Initial Implantation",
        "Battery Replacement",
    ]
    assert len(policy.revision_log) == 2  # (the history's heading stays; its entries are the log's)


def test_a_history_heading_right_above_its_table_header_is_a_heading() -> None:
    policy = parse_file_report(APPROVAL, recover=True).policy
    assert "Policy Approval History" in _top(policy)
    assert _top(policy).index("Policy Approval History") < _top(policy).index("References")
    assert [e.date.isoformat() if e.date else "" for e in policy.revision_log] == [
        "2025-03-01",
        "2026-08-01",
        "2027-08-01",
    ]


def test_selected_references_are_references() -> None:
    policy = parse_file_report(MENU, recover=True).policy
    refs = find_section(policy, "Selected References")
    assert [type(b) for b in refs.blocks] == [Bullets]


# --- titles -----------------------------------------------------------------------------------------------


def test_a_sites_page_title_is_no_title() -> None:
    policy = parse_file_report(MENU, recover=True).policy
    assert policy.header.title == "DUPIXENT (dupilumab injection)"
    assert policy.reference_number == "SDC-0417"


def test_a_section_heading_is_no_title() -> None:
    policy = parse_file_report(EDIT, recover=True).policy
    assert policy.header.title == "Beyfortus (nirsevimab-alip)"
    assert _top(policy)[0] == "Criteria Overview"


def test_a_title_heading_over_its_contents_is_the_title() -> None:
    # (a plan's line and the document's kind above the title; the title heads the table of contents, which
    # is front matter, never the body a section heading heads)
    text = (
        "Northwind Health Plan\nClinical Coverage Guideline\nSacroiliac Joint Fusion\n"
        "Guideline Number: NW-SUR-212\nEffective Date: October 1, 2026\n\n"
        "Table of Contents                                  Page\n"
        "Coverage Criteria ................................   1\n"
        "Applicable Codes .................................   2\n"
        "References .......................................   3\n\n"
        "Coverage Criteria\nSacroiliac joint fusion is medically necessary when all of the following are met:\n"
        "1. Pain has persisted for at least six months;\n2. Diagnostic injections gave at least 75% relief.\n"
    )
    policy = parse_text_report(text, "nw.txt", recover=True).policy
    assert policy.header.title == "Sacroiliac Joint Fusion"
    assert policy.reference_number == "NW-SUR-212"


def test_a_grid_of_labels_over_one_row_of_values_is_the_header() -> None:
    # (a Word header grid: the column names are the fields' labels, the one row their values)
    text = (
        "Medical Coverage Policy\nRhinoplasty and Septoplasty\n"
        "POLICY NUMBER\tLAST REVIEWED\tORIGINAL EFFECTIVE DATE\nMCP-ENT-044\t03/18/2026\t07/01/2015\n\n"
        "Criteria\nSeptoplasty is medically necessary when both of the following are met:\n"
        "1. Nasal obstruction causes symptoms;\n2. Four weeks of medical therapy failed.\n"
    )
    policy = parse_text_report(text, "mcp.txt", recover=True).policy
    assert policy.header.title == "Rhinoplasty and Septoplasty"
    assert policy.reference_number == "MCP-ENT-044"
    assert "07/01/2015" in render_outline(policy)  # (a field no header slot holds is kept, as text)


def test_a_title_heading_over_a_table_of_labels_and_values_is_the_title() -> None:
    # (a Word policy's title over a two-column grid of yes/no fields: front matter, not a section's body)
    text = (
        "# Clinical Guideline: Whole Exome Sequencing\n"
        "Prior Authorization Required\tYes\nNotification Required\tNo\nApplies to\tCommercial; Medicare Advantage\n\n"
        "Effective Date: March 1, 2026\n\n## Overview\nExome sequencing reads the coding regions of the genome.\n"
    )
    policy = parse_text_report(text, "wes.txt", recover=True).policy
    # (the subject: the program's generic name before its colon is no part of the title)
    assert policy.header.title == "Whole Exome Sequencing"


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("Lakeshore Pharmacy Benefits | Coverage Criteria", True),
        ("Home > Prescribers > Drug Criteria", True),
        ("Home / Pharmacy / Prior Authorization Criteria", True),
        ("Print | Email | Share", True),
        ("Hypoglossal Nerve Stimulation", False),
        ("Beyfortus (nirsevimab-alip)", False),
        ("Cardiac Imaging / Stress Testing", False),  # (one slash: a name's)
    ],
)
def test_site_lines(line: str, site: bool) -> None:
    assert _site_line(line, line) is site


def test_a_title_a_bar_cut_off_is_the_sites() -> None:
    # ``Site | Page kind``: what a page title's cut leaves before a bar is the site's name, not the title
    assert _site_line("Lakeshore Pharmacy", "Lakeshore Pharmacy | Coverage Criteria")


# --- menus and contents -----------------------------------------------------------------------------------


def test_an_on_this_page_menu_is_plain_text() -> None:
    policy = parse_file_report(MENU, recover=True).policy
    headings = section_titles(policy)
    for name in ("Covered Uses", "Initial Approval", "Renewal", "Document History"):
        assert headings.count(name) == 1, name  # (the menu's entry is no second section)
    front = [b for s in policy.body for b in s.blocks if isinstance(b, Paragraph)]
    assert any(b.text.endswith("Covered Uses") for b in front)
    menu = next(s for s in policy.body if any(isinstance(b, Paragraph) and b.text == "On this page" for b in s.blocks))
    assert not [b for b in menu.blocks if isinstance(b, (CriteriaSet, Bullets))]


def test_contents_menu_lines() -> None:
    lines = _lines("On this page", "• Policy", "• Renewal Criteria", "", "Policy", "Text.", "Renewal Criteria", "Text.")
    out, names = contents_menu(lines)
    assert names == {"policy", "renewal criteria"}
    # (the menu's title is plain text as its entries are: a menu is no section of the document)
    assert [ln.text for ln in out if ln.text.startswith("\\")] == [
        "\\On this page",
        "\\• Policy",
        "\\• Renewal Criteria",
    ]
    # a table of contents with dotted leaders and pages, its title and headings in a stated heading's style
    # (a PDF's fonts, Word's styles: ``## Table of Contents``, ``# Coverage Rationale``)
    lines = _lines("## Table of Contents", "", "Indications ......... 1", "", "Exclusions ......... 2", "",
                   "# Indications", "Text.", "# Exclusions", "Text.")  # fmt: skip
    out, names = contents_menu(lines)
    assert names == {"indications", "exclusions"}
    assert next(ln.text for ln in out if ln.text.startswith("\\")) == "\\Table of Contents"
    # a stated heading that is no menu's title keeps its mark; dotted lines that name no heading are no menu
    lines = _lines("## Table of Contents", "Dosing ......... 1", "Storage ......... 2", "# Background", "Text.")
    out, names = contents_menu(lines)
    assert names == frozenset() and out[0].text == "## Table of Contents" and out[3].text == "# Background"
    # entries line under line end at a blank line: the heading after it is the document's own
    lines = _lines("Contents", "Policy", "Background", "", "Codes and Billing", "Text.", "Policy", "Background")
    out, names = contents_menu(lines)
    assert names == {"policy", "background"}
    assert "Codes and Billing" in [ln.text for ln in out]
    # entries set apart by blank lines (a print's text) go on past them while each is written again or known
    lines = _lines("Contents", "", "Policy", "", "Change Summary", "", "Policy", "Text.", "Change Summary Date")
    assert contents_menu(lines, frozenset({"change summary"}))[1] == {"policy", "change summary"}
    assert contents_menu(lines)[1] == frozenset()  # (one entry of two written again: no menu)
    # a list that names no heading written further on is no menu
    lines = _lines("Contents", "Alpha beta gamma.", "Text.")
    assert contents_menu(lines)[1] == frozenset()


def test_parse_reports_the_sections_through_the_cli() -> None:
    result = run_cli("parse", "--recover", str(GUIDELINE))
    assert result.returncode in (0, 1)
    assert "\nMyocardial-Perfusion-Imaging.Known-Coronary-Artery-Disease\theading\t" in result.stdout


# --- printed by real producers ---------------------------------------------------------------------------


def _page(path: Path) -> str:
    """The fixture as a web page as a clinical guideline's site sets it: headings as headings, criteria as
    ordered lists' items with their numbers written, paragraphs."""
    policy = parse_file(path)
    headings = set(section_titles(policy))
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Guideline</title><style>",
        "body{font-family:'DejaVu Sans',sans-serif;font-size:10pt}p{margin:0 0 5pt}</style></head><body>",
    ]
    for line in path.read_text(encoding="utf-8").split("\n"):
        text = line.strip()
        if not text or "\t" in line:
            continue
        rest = text.split(" ", 1)[1] if " " in text and text.split(" ", 1)[0][:1].isdigit() else text
        if rest in headings and text != rest:
            out.append(f"<h2>{html.escape(text)}</h2>")
        elif text[:2] in {"1.", "2.", "3.", "a.", "b.", "c."} or text.startswith("•"):
            out.append(f"<p style='margin-left:24pt'>{html.escape(text)}</p>")
        else:
            out.append(f"<p>{html.escape(text)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _shape(policy: Policy) -> list[tuple[str, list[str]]]:
    return [(s.title, [b.title for b in s.blocks if isinstance(b, Section)]) for s in policy.body if s.id != "front"]


@pytest.mark.producers
@pytest.mark.slow
def test_a_printed_numbered_guideline_keeps_its_sections(tmp_path: Path) -> None:
    from docgen import chromium_pdf, libreoffice_pdf, need, pdftotext

    need("chromium", "soffice", "pdftotext")
    page = _page(GUIDELINE)
    want = [
        ("Purpose and Scope", []),
        ("Myocardial Perfusion Imaging", ["Suspected Coronary Artery Disease", "Known Coronary Artery Disease"]),
        ("Stress Echocardiography", ["Preferred Use", "Pharmacologic Stress"]),
        ("Limitations", []),
        ("Key References", []),
    ]
    chromium = chromium_pdf(page, tmp_path / "chromium.pdf")
    source = tmp_path / "guideline.html"
    source.write_text(page, encoding="utf-8")
    office = libreoffice_pdf(source, tmp_path)
    for pdf in (chromium, office):
        for layout in (True, False):
            policy = parse_text_report(pdftotext(pdf, layout=layout), "guideline.txt").policy
            shape = [x for x in _shape(policy) if x[0] in {t for t, _ in want}]
            assert shape == want, (pdf.name, layout)
