"""Shapes of set 25's misreadings, written from what published policies look like: a statement group whose title
names a revision as a procedure (``Lead Replacement or Revision``) keeps its criteria and its connective.
Fixtures in ``tests/fixtures/shapes25`` (see its README)."""

from __future__ import annotations

from pathlib import Path

from heldout_support import log_dates, read_held

from policyvc.parser import parse_text_report
from policyvc.parser.text_styles import _wrapped_heading
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures" / "shapes25"


def test_a_statement_group_titled_replacement_or_revision_keeps_its_items_and_connective() -> None:
    policy, rows = read_held(FIXTURES / "revision_group.web.txt")
    group = "Policy-Criteria.Lead-Replacement-or-Revision"
    assert rows[f"{group}.I"] == "set:any"
    assert [n for n in rows if n.startswith(f"{group}.I.")] == [f"{group}.I.A", f"{group}.I.B", f"{group}.I.C"]
    # (the first group on the page reads as before)
    assert rows["Policy-Criteria.Pulse-Generator-Replacement.I.B"] == "any"
    assert [d.isoformat() for d in log_dates(policy)] == ["2025-03-01", "2026-03-01"]


def test_a_heading_naming_a_revision_with_dated_entries_under_it_is_still_the_history() -> None:
    text = (
        "Medical Policy: Sleep Studies\nPolicy Number: MP-12\nEffective Date: 01/01/2026\n\nPolicy\n"
        "Sleep studies are covered when all of the following are met:\n1. Age 18 or older;\n2. Symptoms of apnea.\n\n"
        "Policy Revision\n01/01/2025 Policy created.\n01/01/2026 Age criterion added.\n"
    )
    policy = parse_text_report(text, "p.txt", recover=True).policy
    assert [d.isoformat() for d in log_dates(policy)] == ["2025-01-01", "2026-01-01"]


def test_a_pbm_title_naming_the_drug_program_after_its_class_is_kept_whole() -> None:
    policy, _ = read_held(FIXTURES / "pbm_class_title.txt")
    assert policy.header.title == "Inflammatory Conditions – Tezspire Prior Authorization Policy"
    assert policy.header.reference_number == "INF-0733"


def test_a_site_name_after_a_title_and_a_dash_is_still_cut() -> None:
    text = (
        "Bone Density Studies - Highmark Medical Policy\nPolicy Number: Z-27\nEffective Date: 01/01/2026\n\n"
        "Policy\nBone density studies are covered once every two years.\n"
    )
    policy = parse_text_report(text, "p.txt", recover=True).policy
    assert policy.header.title == "Bone Density Studies"


def test_a_series_letters_and_a_dotted_number_after_a_bare_kind_label_are_the_identifier() -> None:
    policy, _ = read_held(FIXTURES / "spaced_number.txt")
    assert policy.header.reference_number == "MP 1.01.520"
    assert policy.header.title == "Home Oxygen Therapy"


def test_a_history_whose_narrow_columns_a_print_read_a_row_at_a_time_gives_every_row() -> None:
    """``Version`` / ``V2.0.2024`` / ``Date`` / ``03/01/2024``, then a version and a date a line each per row, and
    the wide column's name and wrapped cells past the page's number (pdftotext of LibreOffice's print)."""
    policy, _ = read_held(FIXTURES / "row_cells_log.text.txt")
    assert [d.isoformat() for d in log_dates(policy)] == ["2024-03-01", "2025-03-01", "2026-03-01"]
    assert [e.description for e in policy.revision_log][1:] == [
        "V2.0.2025 Added pharmacologic stress option.",
        "V2.0.2026 Clarified uninterpretable electrocardiogram findings.",
    ]


def test_a_row_at_a_time_log_whose_summaries_do_not_share_out_keeps_its_cells_and_words_with_a_warning() -> None:
    text = (FIXTURES / "row_cells_log.text.txt").read_text()
    text = text.replace("Clarified uninterpretable\nelectrocardiogram findings.\n", "")  # (two texts, three rows)
    report = parse_text_report(text, "p.txt", recover=True)
    rendered = render_outline(report.policy)
    assert "V2.0.2026 | 03/01/2026" in rendered  # (the rows' cells, a table: no text of theirs to name a change)
    assert "Added pharmacologic stress option." in rendered
    assert [d for d in report.diagnostics if d.severity == "warning" and "column by column" in d.message]


def test_a_known_heading_a_layout_print_wrapped_onto_two_lines_is_one_heading() -> None:
    """``Coverage Indications, Limitations, and/or Medical`` / ``Necessity`` (``pdftotext -layout``): the section
    a web copy of the same version heads with the whole line, so a diff of the two re-heads nothing."""
    policy, rows = read_held(FIXTURES / "wrapped_heading.layout.txt")
    section = "Coverage-Indications-Limitations-and-or-Medical-Necessity"
    assert rows[section] == "heading" and "Necessity" not in rows
    assert policy.header.title.endswith("Cardiac Rehabilitation")
    # (the wrapped pass's own test: the block and the line below it make a heading of the vocabulary)
    known = frozenset({"coverage indications, limitations, and/or medical necessity"})
    assert _wrapped_heading("Coverage Indications, Limitations, and/or Medical", "Necessity", known)
    assert not _wrapped_heading("Coverage Indications, Limitations, and/or Medical", "Necessity is shown", known)
