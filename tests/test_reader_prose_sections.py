"""The family pharmacy template on what its documents really write (reader set 38): a section III of prose where
the template expects lettered sets, a revision log's header and name broken by ``pdftotext``, a criterion's last
word (``Section`` / ``V.``) that the print wrapped onto a line of its own, references without their numbers — each
read on the template, never the whole document handed to the outline for one region; and a new coverage
determination dated only by its ``Original Effective Date``.

Fixtures: ``tests/fixtures/prose_sections38`` (a Word file with real numbering, and LibreOffice's print of it read by
``pdftotext``; see its README) and ``tests/fixtures/lcd_dates38``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES, check_golden

from policyvc.parser import parse_file_report, parse_text, parse_text_report
from policyvc.parser.nodes import CriteriaSection, Policy
from policyvc.renderer.outline import render_outline
from policyvc.renderer.text import render_text

HERE = FIXTURES / "prose_sections38"
SOURCE = HERE / "src" / "satralizumab-prose-iii.txt"
DOCUMENTS = ["satralizumab-prose-iii.docx", "satralizumab-prose-iii.libreoffice.pdftotext.txt"]
SENTENCE = (
    "Non-FDA approved indications, which are not addressed in this policy, unless there is sufficient "
    "documentation of efficacy and safety according to the off-label use policies."
)


def _section(policy: Policy, numeral: str) -> CriteriaSection:
    return next(s for s in policy.sections if s.id == numeral)


def _source() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_copy_with_section_iii_in_prose_is_read_on_the_template(name: str) -> None:
    report = parse_file_report(HERE / name, recover=True)
    assert not [d for d in report.diagnostics if d.severity == "error"], report.diagnostics
    policy = report.policy
    assert policy.template == "centene-pharmacy"
    iii = _section(policy, "III")
    assert iii.sets == ()
    assert [p.text for p in iii.paragraphs] == [SENTENCE]
    # the criteria stand at the depth the family writes them: a set's own under it, their sub-items one deeper
    first = _section(policy, "I").sets[0]
    assert [c.marker for c in first.criteria] == [str(n) for n in range(1, 9)]
    assert [c.marker for c in first.criteria[4].children] == ["a", "b"]
    # the appendices keep their titles; the log its four rows, the first without the header's words
    assert [(a.letter, a.title) for a in policy.appendices] == [
        ("A", "Abbreviation/Acronym Key"),
        ("C", "Contraindications/Boxed Warnings"),
    ]
    assert [e.date for e in policy.revision_log] == [
        dt.date(2021, 8, 24),
        dt.date(2023, 7, 11),
        dt.date(2024, 7, 9),
        dt.date(2025, 7, 15),
    ]
    assert policy.revision_log[0].description == "Policy created"
    assert policy.sections == parse_text(_source()).sections
    check_golden(f"prose_sections38/{name}.outline", render_outline(policy))


def test_the_sections_text_is_said_and_reads_back_the_same() -> None:
    report = parse_text_report(_source(), "src.txt")
    notes = [d for d in report.diagnostics if "no criteria set under `III." in d.message]
    assert [d.severity for d in notes] == ["note"]
    again = parse_text(render_text(report.policy))
    assert again.sections == report.policy.sections
    assert render_text(again) == render_text(report.policy)


def test_the_logs_name_alone_after_its_rows_names_its_header() -> None:
    # (pdftotext of a print whose log stands under a heading of the same name: the header's first cell comes out
    # after the rows, alone on its line; and a Word copy's heading stands alone above the header)
    text = _source()
    at = text.index("\n\nImportant Reminder")
    text = text[:at] + "\n\nReviews, Revisions, and Approvals" + text[at:]
    head = text.index("Reviews, Revisions, and Approvals\t")
    text = text[:head] + "Reviews, Revisions, and Approvals\n\n" + text[head:]
    report = parse_text_report(text, "log.txt", recover=True)
    assert not [d for d in report.diagnostics if d.severity == "error"], report.diagnostics
    assert len(report.policy.revision_log) == 4
    assert report.policy.revision_log == parse_text(_source()).revision_log
    # (read as the log's heading, never as text of a part above it)
    above = render_outline(report.policy).split("log.1")[0].splitlines()
    assert [r for r in above if "Reviews, Revisions" in r] == ["log\theading\tReviews, Revisions, and Approvals"]


def test_a_marker_wrapped_onto_a_line_of_its_own_ends_the_sentence_above() -> None:
    # ``… does not exceed the limits in Section`` / ``V.`` / ``Approval duration: 12 months``: the section's
    # number, not a criteria set ``V.`` out of sequence
    text = (HERE / DOCUMENTS[1]).read_text(encoding="utf-8")
    wrapped = text.replace("the limits in\nSection V.\nApproval", "the limits in Section\nV.\nApproval")
    assert wrapped != text
    report = parse_text_report(wrapped, "wrapped.txt", recover=True)
    assert not [d for d in report.diagnostics if d.severity == "error"], report.diagnostics
    last = _section(report.policy, "II").sets[0].criteria[-1]
    assert last.text == "If request is for a dose increase, new dose does not exceed the limits in Section V."
    assert [d.text for d in _section(report.policy, "II").sets[0].durations] == ["12 months"]


def test_a_marker_alone_above_its_item_still_goes_in_front_of_it() -> None:
    # (the marker's own text below it: a column of markers, not a sentence's end)
    text = (HERE / DOCUMENTS[1]).read_text(encoding="utf-8")
    split = text.replace("3. If request is for a dose increase", "3.\nIf request is for a dose increase")
    assert split != text
    policy = parse_text_report(split, "split.txt").policy
    assert _section(policy, "II").sets[0].criteria[-1].text.startswith("If request is for a dose increase")


def test_references_without_their_numbers_are_numbered_by_their_place() -> None:
    text = _source().replace("1. Enspryng Prescribing", "Enspryng Prescribing").replace("2. Yamamura", "\nYamamura")
    report = parse_text_report(text, "refs.txt")
    assert [(r.number, r.text[:20]) for r in report.policy.references] == [
        (1, "Enspryng Prescribing"),
        (2, "Yamamura T, Kleiter "),
    ]
    assert any("not numbered: numbered by their place" in d.message for d in report.diagnostics)


LCD = FIXTURES / "lcd_dates38" / "lcd-new-web.txt"


def test_a_new_lcd_is_in_force_from_its_original_effective_date() -> None:
    report = parse_text_report(LCD.read_text(encoding="utf-8"), str(LCD))
    assert report.policy.header.effective_date == dt.date(2026, 4, 12)
    assert report.policy.header.reference_number == "L39912"
    assert any("original effective date" in d.message for d in report.diagnostics)
    assert not any("found no effective" in d.message for d in report.diagnostics)


def test_a_revisions_date_is_the_date_in_force_over_the_original() -> None:
    text = LCD.read_text(encoding="utf-8")
    text = text.replace("Revision Effective Date\nN/A", "Revision Effective Date\n06/01/2026")
    report = parse_text_report(text, "revised.txt")
    assert report.policy.header.effective_date == dt.date(2026, 6, 1)
    assert not any("original effective date" in d.message for d in report.diagnostics)
