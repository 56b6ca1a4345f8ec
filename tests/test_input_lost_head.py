"""A print that lost its first line (LibreOffice's export of a web page: an empty first page, the text starting on
page 2 at the line after the page's first) gets it back from the title the PDF names itself by — the wrapped
title read whole, or the lost name set above the text — so it reads the title another copy of the same version
reads.  A PDF whose first page holds anything, or whose title is a program's file name, is read as before.  And
a head printed a field a paragraph (a blank line between each) keeps a short label's line above its fields a
field, never the title, past a field naming the identifier that was not read (``Criteria ID: SYRX-PA- 0412``)."""

from __future__ import annotations

from pathlib import Path

from policyvc.history.diff import diff
from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.lines import PlacedLine
from policyvc.parser.pdf_title import lost_head

FIXTURES = Path(__file__).parent / "fixtures" / "lost_head"

_AT = (2, 54.0, 56.0, 347.0, 72.0)


def _lines(*texts: str) -> list[PlacedLine]:
    return [PlacedLine(t, _AT if t else None) for t in texts]


def test_the_wrapped_titles_first_line_comes_back_from_the_pdfs_title() -> None:
    title = "Clinical Policy: Spinal Cord Stimulation for Chronic Neuropathic Pain"
    lines = _lines("Chronic Neuropathic Pain", "", "Reference Number: CP.MP.555")
    out, marks = lost_head(lines, [(1, 1, 1), (3, 1, 2)], title, blank_first=True)
    assert [line.text for line in out] == [title, "", "Reference Number: CP.MP.555"]
    assert out[0].origin == _AT and marks == ((1, 1, 1), (3, 1, 2))


def test_a_lost_name_is_set_above_the_text_and_the_heading_marks_move_with_it() -> None:
    lines = _lines("Prior Authorization Criteria", "", "Drug Class: Anticoagulants")
    out, marks = lost_head(lines, [(1, 1, 1)], "Harbor PBM", blank_first=True)
    assert [line.text for line in out] == ["Harbor PBM", "", *(line.text for line in lines)]
    assert out[0].origin is None and marks == ((3, 1, 1),)


def test_nothing_changes_where_the_first_page_holds_text_or_the_title_names_a_file() -> None:
    lines = _lines("Chronic Neuropathic Pain", "", "Reference Number: CP.MP.555")
    title = "Clinical Policy: Spinal Cord Stimulation for Chronic Neuropathic Pain"
    assert lost_head(lines, [], title, blank_first=False)[0] == lines
    for junk in ("Microsoft Word - CP.MP.555.docx", "untitled", "", None):
        assert lost_head(lines, [], junk, blank_first=True)[0] == lines
    # (the title in the text already, under the plan's name: nothing added)
    named = _lines("Harbor PBM", "Prior Authorization Criteria")
    assert lost_head(named, [], "Prior Authorization Criteria", blank_first=True)[0] == named


def test_a_short_label_over_fields_printed_a_paragraph_each_is_no_title() -> None:
    head = (
        "Harbor PBM\n\nPrior Authorization Criteria\n\nDrug Class: Anticoagulants – Direct Oral Anticoagulants\n\n"
        "Criteria ID: HPBM-PA- 0733\n\nEffective Date: 02/01/2026\n\nReview Date: 01/2026\n\n"
    )
    body = "Coverage Criteria\n\nCoverage is approved when the patient has a diagnosis of atrial fibrillation.\n"
    spaced = parse_text_report(head + body, recover=True).policy
    joined = parse_text_report(head.replace("\n\n", "\n").replace("HPBM-PA- ", "HPBM-PA-") + "\n" + body)
    assert spaced.header.title == joined.policy.header.title == "Harbor PBM"


def test_libreoffices_print_that_lost_its_first_line_diffs_to_nothing_against_chromiums() -> None:
    """Real prints (``tests/fixtures/lost_head``): LibreOffice's web export leaves page 1 empty and drops the first
    line; read with the PDF's title, each reads as Chromium's print of the same page."""
    for name in ("wrapped_title", "lost_name"):
        lost = parse_file_report(FIXTURES / f"{name}.libreoffice.pdf", recover=True).policy
        whole = parse_file_report(FIXTURES / f"{name}.chromium.pdf", recover=True).policy
        assert lost.header.title == whole.header.title
        assert [(e.kind.value, e.old_id, e.new_id) for e in diff(lost, whole).changes] == []
    wrapped = parse_file_report(FIXTURES / "wrapped_title.libreoffice.pdf", recover=True).policy
    assert wrapped.header.title == "Spinal Cord Stimulation for Chronic Neuropathic Pain of the Lower Limbs"


def test_a_line_given_back_from_the_title_is_said_never_silent() -> None:
    """The restored line is the reader's supply, not the page's print: the parse warns of it (at line 1), through
    the sandboxed reader and the cache alike; a print that lost nothing says nothing of the kind."""
    for name in ("wrapped_title", "lost_name"):
        lost = parse_file_report(FIXTURES / f"{name}.libreoffice.pdf", recover=True)
        said = [d for d in lost.diagnostics if "given back from the PDF's title" in d.message]
        assert len(said) == 1 and said[0].severity == "warning" and said[0].line == 1
        whole = parse_file_report(FIXTURES / f"{name}.chromium.pdf", recover=True)
        assert not [d for d in whole.diagnostics if "given back from the PDF's title" in d.message]
