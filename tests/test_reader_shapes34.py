"""Shapes left from reader sets 29, 30, 33 and AUD9, in fixtures of our own printed by real producers (invented
policy text)."""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.aligned_tables import read_aligned
from policyvc.parser.nodes import Paragraph, Table
from policyvc.renderer.text import render_text

HERE = FIXTURES / "shapes34"


def test_a_code_type_table_ends_at_its_last_row_above_a_footnote_with_no_blank_line() -> None:
    """``pdftotext -layout`` of a LibreOffice print of a Word policy: a ``Code Type | Code`` table whose rows are
    named for their code sets (``HCPCS``, ``ICD-10 Diagnosis``: no next table's header) and whose footnote
    (``*Investigational – …``) stands right under its last row — the table ends there, the footnote a
    paragraph."""
    policy = parse_file(HERE / "bayou-insulin-pump.libreoffice.pdftotext-layout.txt")
    (coding,) = [s for s in policy.body if s.title == "Coding"]
    (table,) = [b for b in coding.blocks if isinstance(b, Table)]
    assert table.header == ("Code Type", "Code")
    assert [(r.key, " ".join(r.cells[1])) for r in table.rows] == [
        ("CPT", "No codes"),
        ("HCPCS", "E0784, A4224, A4225, A4226, A9274"),
        ("ICD-10 Diagnosis", "E10.10-E13.9, O24.011-O24.93"),
    ]
    paragraphs = [b.text for b in coding.blocks if isinstance(b, Paragraph)]
    assert any(p.startswith("Investigational – A medical treatment") for p in paragraphs)


def test_a_note_in_the_first_column_alone_under_the_last_row_is_no_cell() -> None:
    """A short note right under a table's last row, within its first column (``Note: …``, ``*…``): the text's,
    never the last row's first cell going on."""
    for note in ("Note: codes are listed for reference only.", "*Not covered for this indication."):
        lines = [
            "Code Type          Code",
            "CPT                No codes",
            "HCPCS              E0784, A4224",
            "ICD-10 Diagnosis   E10.10-E13.9",
            note,
        ]
        table = read_aligned(lines, 0, lambda j: False)
        assert table is not None
        assert [cells for _, cells in table.rows][-1] == ("ICD-10 Diagnosis", "E10.10-E13.9")
        assert table.end == 4


def test_a_header_block_on_the_last_page_is_the_header() -> None:
    """A LibreOffice print of a PBM's criteria whose number, date and title stand in one line of fields at its
    end, after the references: the header's, its title the subject after the kind of document (``<plan>
    Clinical Criteria: <drug>``), never a heading of the body (``Approval Duration``); the line leaves the body."""
    policy = parse_file(HERE / "northwind-repatha.libreoffice.pdf")
    assert policy.header.title == "Repatha (evolocumab)"
    assert policy.header.reference_number == "NWRX-PA-0331"
    assert str(policy.header.effective_date) == "2026-03-01"
    assert [str(e.date) for e in policy.revision_log] == ["2024-05-01", "2025-02-03", "2026-01-20"]
    (references,) = [s for s in policy.body if s.title == "References"]
    assert not [b for b in references.blocks if isinstance(b, Paragraph) and "NWRX-PA-0331" in b.text]


def test_a_last_page_block_of_fields_a_line_gives_title_number_and_dates() -> None:
    """Plain ``pdftotext`` of a LibreOffice print whose last lines are the policy's fields, one a line (``Policy
    Title:``, ``Policy Number:``, ``Effective Date:``, ``Last Review Date:``) and whose top states none."""
    policy = parse_file(HERE / "heron-hsat.libreoffice.pdftotext.txt")
    assert policy.header.title == "Home Sleep Apnea Testing"
    assert policy.header.reference_number == "HH-MP-0219"
    assert str(policy.header.effective_date) == "2026-04-01"
    assert str(policy.header.last_review) == "2026-03-10"


def test_fields_at_the_end_are_read_only_where_the_top_states_none() -> None:
    """A document whose head states its fields keeps them; a field line at its end changes nothing."""
    body = "\n".join(f"{n}. An invented reference number {n}. J Test. 2020;{n}:1-9." for n in range(1, 70))
    text = (
        "Knee Bracing\nPolicy Number: KB-101\nEffective Date: 01/01/2026\n\nPolicy\n"
        "Knee braces are covered for ligament instability.\n\nReferences\n" + body + "\n\n"
        "Policy Title: Another Title\nLast Review Date: 05/05/2020\n"
    )
    policy = parse_text_report(text, "knee.txt").policy
    assert policy.header.title == "Knee Bracing"
    assert policy.header.reference_number == "KB-101"
    assert str(policy.header.effective_date) == "2026-01-01"
    assert policy.header.last_review is None


def test_a_history_read_a_column_at_a_time_pairs_its_dates_with_their_actions() -> None:
    """Plain ``pdftotext`` of a LibreOffice print of a Word history table whose rows have no spacing: every date
    (a blank line between two where an action wrapped), then the action column's name and every action — a row
    each date and its action, in order; also where a page break set the first row on one page and the others on
    the next, the page's footer and running header between."""
    for name in ("cedar-wound-vac.libreoffice.pdftotext.txt", "cedar-wound-vac-paged.libreoffice.pdftotext.txt"):
        policy = parse_file(HERE / name)
        assert [(str(e.date), e.description) for e in policy.revision_log] == [
            ("2018-03-15", "New policy."),
            ("2021-09-01", "Policy reviewed; no changes to coverage."),
            ("2024-09-01", "Policy reviewed; wound measurement changed from monthly to weekly documentation."),
            ("2026-09-01", "Policy reviewed; references updated."),
        ], name


def test_a_history_read_a_column_at_a_time_with_both_names_first_pairs_when_the_counts_agree() -> None:
    """The names first (``Date``, the page's number, ``Action``), then the dates, then the actions: paired when
    the actions are as many as the dates; else the lines kept as text with a warning naming the table, never a
    guess."""
    head = [
        "Wound Care Products", "Policy Number: WC-77", "Effective Date: 10/01/2026", "", "POLICY STATEMENT",
        "Wound care products are covered when ordered by the treating provider.", "", "POLICY HISTORY", "Date", "",
        "Page 1 of 2", "", "Action", "", "08/15/2017", "09/01/2020", "10/01/2023", "", "Page 2 of 2", "",
    ]  # fmt: skip
    tail = ["", "REFERENCES", "1. An invented reference. 2020.", ""]
    actions = ["New policy.", "Policy reviewed; added Wagner grade", "criteria for diabetic wounds.",
               "Policy reviewed; references updated."]  # fmt: skip
    report = parse_text_report("\n".join([*head, *actions, *tail]), "wound.txt")
    assert [(str(e.date), e.description) for e in report.policy.revision_log] == [
        ("2017-08-15", "New policy."),
        ("2020-09-01", "Policy reviewed; added Wagner grade criteria for diabetic wounds."),
        ("2023-10-01", "Policy reviewed; references updated."),
    ]
    unpaired = ["New policy.", "Policy reviewed; added", "Wagner grade criteria for diabetic wounds.",
                "Policy reviewed; references updated."]  # fmt: skip
    report = parse_text_report("\n".join([*head, *unpaired, *tail]), "wound.txt")
    assert any("cannot be paired row by row" in d.message for d in report.diagnostics)
    assert all(not e.description for e in report.policy.revision_log)
    kept = render_text(report.policy)
    assert "Policy reviewed; references updated." in kept and "Wagner grade criteria" in kept


def test_a_narrow_code_column_a_page_break_cuts_under_a_header_broken_otherwise_keeps_each_code_whole() -> None:
    """``pdftotext -layout`` as it writes a LibreOffice print whose CPT column is a character wide (reader set 33):
    the first row's code cut by the page break — its first digit beside the description's first line at the foot
    of the page, the rest under the header the next page repeats, the other column's name broken elsewhere there
    (``Descript`` / ``ion``).  The cut code is joined across the break and each later code from its own digits —
    never a code made of one row's last digits and the next row's first."""
    text = "\n".join(
        [
            "Hypoglossal Nerve Stimulation", "Policy Number: LK-MP-0907", "Effective Date: 07/01/2026", "",
            "Policy", "Hypoglossal nerve stimulation is medically necessary for adults who cannot use positive "
            "airway pressure.", "", "Codes",
            "        C", "        P", "        T", "                                          Description",
            "        C", "        o", "        d", "        e", "",
            "        6                  Open implantation of hypoglossal nerve neurostimulator array, pulse generator,",
            "\f       C", "       P", "       T", "                         Descript", "       C                   ion",
            "       o", "       d", "       e", "",
            "       4", "       5", "                        and distal respiratory sensor electrode", "       8",
            "       2", "",
            "       6", "       4", "                        Revision or replacement of hypoglossal nerve array",
            "       5", "       8", "       3", "",
            "       6", "       4", "                        Removal of hypoglossal nerve neurostimulator array",
            "       5", "       8", "       4", "", "References", "1. An invented reference. 2024.", "",
        ]
    )  # fmt: skip
    kept = render_text(parse_text_report(text, "hgns.txt").policy)
    for code in ("64582", "64583", "64584"):
        assert code in kept
    for wrong in ("45826", "45836", "64583 6", "4582"):
        assert wrong not in kept.replace("64582", "")
