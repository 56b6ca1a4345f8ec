"""A table of contents with dotted leaders, a title a print wrapped or set too long for a heading, and a title
naming its kind of document before a subject with numbers in it.

Written from how published policies print: a LibreOffice print of a plan's Word policy (pdftotext), its running
header ``<plan> – Medical Policy <ID>`` on every page, the title wrapped onto two lines under it and a contents
list in capitals (``PURPOSE ........ 1``) above the sections it lists; a PDF whose reader joined a long title's
lines; a PBM's criteria titled ``Prior Authorization Criteria: GLP-1 Receptor Agonists for Type 2 Diabetes``.
"""

from __future__ import annotations

from pathlib import Path

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.renderer.outline import render_outline

_FIXTURE = Path(__file__).parent / "fixtures" / "reader" / "libreoffice-contents-two-line-title.pdftotext.txt"


def test_contents_list_left_out_with_a_note_its_headings_read_where_they_stand() -> None:
    report = parse_file_report(_FIXTURE)
    outline = render_outline(report.policy)
    assert "...." not in outline
    assert "TABLE OF CONTENTS" not in outline
    titles = [s.title for s in report.policy.body]
    assert titles[:3] == ["PURPOSE", "POLICY", "COVERAGE CRITERIA"]
    assert "REVISION HISTORY" in titles
    assert any("table of contents" in d.message for d in report.diagnostics if d.severity == "note")


def test_running_header_of_plan_kind_and_number_is_no_part_of_the_wrapped_title() -> None:
    report = parse_file_report(_FIXTURE)
    assert report.policy.header.title == "Electrical Bone Growth Stimulation for Nonunion Fractures"
    assert "Medical Policy HV-MP-208" not in render_outline(report.policy)


def test_one_dotted_leader_is_no_contents_list() -> None:
    text = (
        "Knee Bracing\n\nPolicy Number: AB-12\nEffective Date: 01/01/2026\n\n"
        "Approved by ........................ 1\n\nPolicy\nKnee braces are covered when criteria are met.\n"
    )
    report = parse_text_report(text, "brace.txt", template="generic")
    assert "Approved by ...." in render_outline(report.policy)
    assert not any("table of contents" in d.message for d in report.diagnostics)


def test_a_long_title_joined_from_a_print_is_the_title() -> None:
    text = (
        "Hyperbaric Oxygen Therapy for Chronic Wounds, Radiation Tissue Injury and Other Approved Indications\n\n"
        "Policy Number: UM-MP-042\n\nEffective Date: 02/01/2026\n\n"
        "PURPOSE\nTo define the criteria used for hyperbaric oxygen therapy.\n"
    )
    report = parse_text_report(text, "hbot.txt", template="generic")
    assert report.policy.header.title.startswith("Hyperbaric Oxygen Therapy for Chronic Wounds")
    assert report.policy.header.title.endswith("Other Approved Indications")


def test_a_sentence_on_the_first_line_is_no_long_title() -> None:
    text = (
        "This policy describes when hyperbaric oxygen therapy is covered for members of the plan.\n\n"
        "Policy Number: UM-MP-042\n\nEffective Date: 02/01/2026\n\n"
        "PURPOSE\nTo define the criteria used for hyperbaric oxygen therapy.\n"
    )
    report = parse_text_report(text, "hbot.txt", template="generic")
    assert not report.policy.header.title.startswith("This policy describes")


def test_kind_of_document_then_a_subject_with_numbers_is_the_title() -> None:
    text = (
        "Prior Authorization Criteria: GLP-1 Receptor Agonists for Type 2 Diabetes\n"
        "Criteria Number: RXP-PA-112 Effective Date: 01/01/2026\n\n"
        "Drugs Requiring Prior Authorization\nThis criteria document applies to the following drugs.\n\n"
        "Approval\n\nDrug\n\nInitial Criteria\n"
    )
    report = parse_text_report(text, "glp1.txt", template="generic")
    # (the subject, numbers and all, is the title; the program's generic name before its colon is no part of it)
    assert report.policy.header.title == "GLP-1 Receptor Agonists for Type 2 Diabetes"


def test_a_date_after_a_label_stays_a_field() -> None:
    text = "Knee Bracing\n\nPolicy Number: AB-12\nEffective Date: 01/01/2026\n\nPolicy\nKnee braces are covered.\n"
    report = parse_text_report(text, "brace.txt", template="generic")
    assert report.policy.header.title == "Knee Bracing"
