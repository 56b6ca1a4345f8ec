"""Tables of codes and dated histories as prints give them (``parser/space_tables.py``,
``parser/aligned_tables.py``, ``parser/cell_tables.py``, ``parser/written_history.py``): every code row a
row, every dated entry an entry, or the text kept with a warning — never half a table, never a history that
keys a version wrong.

``tests/fixtures/codes_history``: policies of our own in the shapes prints give (a Centene medical policy
republished by WellCare and by Peach State, a Blue plan's Coding table of middle-aligned cells, a health
plan's `Procedure Codes` and `Policy Approval History`, a state Medicaid page's `Publication History`, a
guideline's cell-a-line revision history, an LCD web page, an Anthem `Revision Details` table), the HTML
ones in ``src/`` printed by Chromium (its default header and footer) and LibreOffice and read by
``pdftotext`` in both modes, the others written in the shape such prints have (see the README there).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, check_golden, run_cli

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy, Section, Table, YearMonth
from policyvc.renderer.outline import render_outline

HERE = FIXTURES / "codes_history"
PRINTS = ("chromium.pdftotext", "chromium.pdftotext-layout")


def _read(name: str) -> tuple[Policy, list[Table], list[str]]:
    """The policy, its body's tables and the diagnostics' messages."""
    report = parse_file_report(HERE / name, recover=True)
    tables: list[Table] = []
    stack = list(report.policy.body)
    while stack:
        s = stack.pop(0)
        tables.extend(b for b in s.blocks if isinstance(b, Table))
        stack[0:0] = [b for b in s.blocks if isinstance(b, Section)]
    return report.policy, tables, [d.message for d in report.diagnostics]


def _keys(table: Table) -> list[str]:
    return [r.key for r in table.rows]


def _dates(policy: Policy) -> list[dt.date]:
    return sorted(e.date for e in policy.revision_log)


def _text(policy: Policy) -> str:
    return render_outline(policy)


# --- code tables: every code row a row ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", PRINTS)
def test_codes_centred_in_their_rows_under_a_header_on_three_lines(mode: str) -> None:
    """A Chromium print of a Coding table (cells middle-aligned, the header `HCPCS / Procedure / Code`)."""
    _, tables, _ = _read(f"keystone-bone-stimulators.{mode}.txt")
    (codes,) = [t for t in tables if t.rows and t.rows[0].key.startswith("E07")]
    assert _keys(codes) == ["E0747", "E0748", "E0749", "E0760"]
    assert " ".join(codes.rows[0].cells[1]) == (
        "Osteogenesis stimulator, electrical, noninvasive, other than spinal applications, used for the "
        "treatment of nonunion fractures of long bones"
    )
    assert " ".join(codes.rows[2].cells[1]) == "Osteogenesis stimulator, electrical, surgically implanted"


@pytest.mark.parametrize("mode", [*PRINTS, "libreoffice.pdftotext", "libreoffice.pdftotext-layout"])
def test_procedure_codes_and_a_month_year_approval_history(mode: str) -> None:
    """`Procedure Codes` (a code beside the middle of its two-line description, a code and its text on
    one line) and `Policy Approval History` (`05/2026 Annual review; …`, one a line)."""
    policy, tables, _ = _read(f"summit-approval-history.{mode}.txt")
    (codes,) = [t for t in tables if t.rows and t.rows[0].key == "E0651"]
    assert _keys(codes) == ["E0651", "E0652"]
    assert " ".join(codes.rows[0].cells[1]).endswith("for use with garments on an arm or a leg")
    assert _dates(policy) == [dt.date(2020, 3, 1), dt.date(2023, 10, 1), dt.date(2025, 5, 1), dt.date(2026, 5, 1)]
    assert {e.date: e.description for e in policy.revision_log}[dt.date(2025, 5, 1)] == "Annual review; no changes"


def test_codes_printed_column_by_column_near_the_top() -> None:
    """A medical policy's code table read column by column (`HCPCS` / `Codes`, the codes, `Description`,
    the descriptions wrapped in lower case): each code with its description."""
    _, tables, _ = _read("peachstate-ventilators.pdftotext.txt")
    (codes,) = tables
    assert codes.header == ("HCPCS Codes", "Description")
    assert _keys(codes) == ["E0465", "E0466", "E0467", "A4618"]
    assert " ".join(codes.rows[1].cells[1]) == (
        "Home ventilator, any type, used with non-invasive interface (e.g., mask, chest shell)"
    )
    assert " ".join(codes.rows[3].cells[1]) == "Breathing circuits"


def test_codes_whose_descriptions_do_not_pair_stay_text_with_a_warning() -> None:
    """Three codes and more descriptions than codes: no table, every word kept, a warning."""
    policy, tables, messages = _read("codes-unpaired.pdftotext.txt")
    assert not tables
    assert any("cannot be paired row by row" in m for m in messages)
    text = _text(policy)
    for word in ("77078", "77080", "77081", "Appendicular skeleton (peripheral)", "Axial skeleton"):
        assert word in text


def test_codes_interleaved_out_of_order_stay_text_with_a_warning() -> None:
    """Reading order set a code after another row's lines (a print's middle-aligned cells): no pairing
    is sure, so none is made — the codes and descriptions stay text, with a warning."""
    policy, tables, messages = _read("wellcare-cochlear.chromium.pdftotext.txt")
    assert not [t for t in tables if any(r.key in ("69930", "L8619", "L8627") for r in t.rows)]
    assert any("cannot be paired row by row" in m for m in messages)
    assert all(code in _text(policy) for code in ("69930", "L8619", "L8627"))


def test_codes_of_the_same_print_in_layout_mode_are_rows() -> None:
    _, tables, _ = _read("wellcare-cochlear.chromium.pdftotext-layout.txt")
    (codes,) = [t for t in tables if t.rows and t.rows[0].key == "69930"]
    assert _keys(codes) == ["69930", "L8619", "L8627"]
    assert " ".join(codes.rows[1].cells[1]) == (
        "Cochlear implant, external speech processor and controller, integrated system, replacement only, each unit"
    )


@pytest.mark.parametrize("mode", PRINTS)
def test_a_code_set_column_before_the_codes(mode: str) -> None:
    """`Type | Code | Description` (`CPT®` / `HCPCS` a column of their own, no gap to speak of): reading order
    gives the set's name a block, then the code one space before its description (wrapped in lower case),
    and the last rows whole on a line (`HCPCS A4290 Sacral …`); -layout sets the text left of its column's
    name.  Every code a row, with its set and whole description."""
    _, tables, _ = _read(f"lakeside-sacral-neuromodulation.{mode}.txt")
    (codes,) = tables
    assert codes.header == ("Type", "Code", "Description")
    assert [" ".join(r.cells[1]) for r in codes.rows] == ["64561", "64581", "64590", "A4290", "L8680"]
    assert [r.cells[0] for r in codes.rows] == [("CPT®",)] * 3 + [("HCPCS",)] * 2
    assert " ".join(codes.rows[2].cells[2]).endswith(
        "connection between electrode array and pulse generator or receiver"
    )
    assert " ".join(codes.rows[3].cells[2]) == "Sacral nerve stimulation test lead, each"


_TYPED_ROWS = """Knee Arthroscopy
Policy Number: MP-77
Effective Date: 03/01/2026

Coverage
Arthroscopic debridement is not medically necessary for osteoarthritis of the knee.

Codes
These codes are listed for reference.
CPT\t29877\tArthroscopy, knee, surgical; debridement/shaving of articular cartilage
CPT\t29880\tArthroscopy, knee, surgical; with meniscectomy, medial and lateral
ICD-10\tM17.11\tUnilateral primary osteoarthritis, right knee

References
1. Example D. Arthroscopy for the degenerate knee. 2024.
"""


def test_a_copied_code_table_whose_rows_name_their_code_set_has_no_header_row() -> None:
    """A web page's table copied with tabs, no header row, each row `CPT | 29877 | …`: its first row is a row
    (given `Type | Code | Description`, with a warning), never the table's header."""
    report = parse_text_report(_TYPED_ROWS, "typed.txt", recover=True)
    tables = [b for s in report.policy.body for b in s.blocks if isinstance(b, Table)]
    (codes,) = tables
    assert codes.header == ("Type", "Code", "Description")
    assert [" ".join(r.cells[1]) for r in codes.rows] == ["29877", "29880", "M17.11"]
    assert any("without a header row" in d.message for d in report.diagnostics)


@pytest.mark.parametrize("name", ["centene-vns-codes-split", "centene-vns-codes-split-bare"])
def test_a_code_row_cut_by_a_page_break_in_layout_mode(name: str) -> None:
    """LibreOffice's print of a code table a page break cuts inside a row (its header repeated on the next
    page, or not), the next page's columns set a little apart, the log's header right under the last row:
    every code a row, the cut description whole."""
    _, tables, _ = _read(f"{name}.libreoffice.pdftotext-layout.txt")
    (codes,) = [t for t in tables if t.rows and t.rows[0].key == "64568"]
    assert _keys(codes) == ["64568", "64569", "64570"]
    assert " ".join(codes.rows[1].cells[1]).endswith(
        "electrode array, including connection to existing pulse generator"
    )


def test_the_same_cut_table_in_reading_order_keys_no_row_with_a_column_name() -> None:
    """Reading order sets the codes, the page break, then `Description` and the descriptions: a code's
    description is never the column's name; what cannot be paired stays text."""
    policy, tables, _ = _read("centene-vns-codes-split.libreoffice.pdftotext.txt")
    assert not [r for t in tables for r in t.rows if " ".join(r.cells[-1]) == "Description"]
    assert "including connection to existing pulse generator" in _text(policy)


@pytest.mark.parametrize("mode", ["pdftotext", "pdftotext-layout"])
def test_a_code_column_named_coding(mode: str) -> None:
    """`HCPCS Coding | Description` (LibreOffice's print; reading order gives the codes under the column's
    name, then `Description` and the wrapped descriptions): every code with its whole description."""
    _, tables, _ = _read(f"riverbend-tens.libreoffice.{mode}.txt")
    (codes,) = tables
    assert codes.header == ("HCPCS Coding", "Description")
    assert _keys(codes) == ["E0720", "E0730", "A4595", "A4630"]
    assert " ".join(codes.rows[2].cells[1]) == "Electrical stimulator supplies, two lead, per month"


# --- histories: every dated entry an entry -----------------------------------------------------------------

LOG_DATES = [dt.date(2019, 3, 1), dt.date(2023, 3, 1), dt.date(2025, 3, 1), dt.date(2026, 3, 1)]


@pytest.mark.parametrize("mode", PRINTS)
def test_a_revision_log_printed_by_a_browser(mode: str) -> None:
    """Reading order gives the descriptions, then each date column with its name, then the rest of the
    dates a row at a time; -layout gives a header over three lines and dates centred beside two-line
    rows.  Both: four entries, each with its own description and approval month."""
    policy, _, _ = _read(f"wellcare-cochlear.{mode}.txt")
    assert _dates(policy) == LOG_DATES
    by_date = {e.date: e for e in policy.revision_log}
    assert by_date[dt.date(2025, 3, 1)].description == (
        "Annual review. II. added upgrades for convenience alone. Warranty criterion reworded for clarity."
    )
    assert by_date[dt.date(2019, 3, 1)].pt_approval is not None
    assert (by_date[dt.date(2019, 3, 1)].pt_approval.year, by_date[dt.date(2019, 3, 1)].pt_approval.month) == (2019, 4)


def test_a_log_read_column_by_column_with_its_dates_beside_its_rows() -> None:
    """The first dates gathered above the text, later ones beside the first line of their row, the
    approval column after the log."""
    policy, _, _ = _read("peachstate-ventilators.pdftotext.txt")
    assert [e.date.strftime("%m/%y") for e in sorted(policy.revision_log, key=lambda e: e.date)] == [
        "04/21", "04/22", "04/23", "04/25", "04/26",
    ]  # fmt: skip
    by_date = {e.date: e.description for e in policy.revision_log}
    assert by_date[dt.date(2025, 4, 1)].endswith(
        "II. added for multi-function devices. Caregiver training criterion I.B. added."
    )
    assert by_date[dt.date(2026, 4, 1)].endswith("reworded; references reviewed and updated.")


def test_a_log_whose_rows_cannot_be_told_keys_nothing_wrong() -> None:
    """More gathered dates than lines before the first dated row: each row an entry with its two dates (the
    columns pair row by row) and no description, the descriptions kept as text, with a warning — no entry
    pairs a date with another row's words."""
    policy, tables, messages = _read("log-unpaired.pdftotext.txt")
    assert any("cannot be paired row by row" in m for m in messages)
    assert all(not e.description for e in policy.revision_log)
    assert [(e.date.strftime("%m/%y"), e.pt_approval) for e in policy.revision_log] == [
        ("03/22", YearMonth(2022, 4)), ("03/23", YearMonth(2023, 3)), ("03/24", YearMonth(2024, 3)),
        ("03/25", YearMonth(2025, 3)), ("03/26", YearMonth(2026, 3)),
    ]  # fmt: skip
    assert not tables
    assert "Oxygen saturation threshold changed" in _text(policy)


VNS_LOG = [("02/20", "02/20"), ("02/21", "02/21"), ("02/22", "02/22"), ("02/23", "03/23"), ("02/24", "02/24"),
           ("02/25", "02/25"), ("02/26", "02/26")]  # fmt: skip


def _months(policy: Policy) -> list[tuple[str, str]]:
    return [
        (e.date.strftime("%m/%y"), f"{e.pt_approval.month:02}/{e.pt_approval.year % 100:02}" if e.pt_approval else "")
        for e in sorted(policy.revision_log, key=lambda e: e.date)
    ]


def test_a_three_column_log_read_in_reading_order_with_another_tables_cells_between() -> None:
    """LibreOffice's print of a Centene log (`Reviews, Revisions, and` / `Approvals`, long rows) right under a
    code table: reading order gives the log's descriptions, the code table's descriptions, then `Revision
    Date` / `Approval Date` and the dates a column's block at a time.  Every row is an entry with both its
    dates; its descriptions, which cannot be told apart (a cell of two sentences, wrapped), stay text with a
    warning."""
    policy, _, messages = _read("centene-vns-log.libreoffice.pdftotext.txt")
    assert _months(policy) == VNS_LOG
    assert all(not e.description for e in policy.revision_log)
    assert any("cannot be paired row by row" in m for m in messages)
    text = _text(policy)
    assert "Transcutaneous stimulation added as investigational." in text
    assert "References reviewed and updated." in text


def test_the_same_log_in_layout_mode_pairs_every_row() -> None:
    policy, _, _ = _read("centene-vns-log.libreoffice.pdftotext-layout.txt")
    assert _months(policy) == VNS_LOG
    by_date = {e.date.strftime("%m/%y"): e.description for e in policy.revision_log}
    assert by_date["02/23"] == "Annual review. Transcutaneous stimulation added as investigational. Coding reviewed."


_APART = """Clinical Policy: Example Stimulation
Reference Number: CP.MP.990
Date of Last Revision: 05/26

Description
An example device described in a sentence.

Reviews, Revisions, and
Approvals
Policy created.
Annual review. Age limit
removed.
Annual review. Coding
updated for the new codes of
this year.

Description
A code's description that reading order
set between the log's cells.
Revision Date
Approval Date
05/24
05/25

05/24
05/25

05/26

06/26

References
1. Example A. A reference. 2024.
"""


def test_a_log_whose_cells_are_set_apart_pairs_when_its_rows_are_plain() -> None:
    """The same shape, rows whose lines go on in lower case: each row with its description and dates, the
    other table's cells left where they are."""
    report = parse_text_report(_APART, "apart.txt", recover=True)
    by_date = {e.date.strftime("%m/%y"): (e.description, e.pt_approval) for e in report.policy.revision_log}
    assert by_date == {
        "05/24": ("Policy created.", YearMonth(2024, 5)),
        "05/25": ("Annual review. Age limit removed.", YearMonth(2025, 5)),
        "05/26": ("Annual review. Coding updated for the new codes of this year.", YearMonth(2026, 6)),
    }
    assert "set between the log's cells" in render_outline(report.policy)


def test_a_log_whose_date_blocks_do_not_share_out_is_left_as_it_was() -> None:
    """A column's block of another length than its neighbour's: no row is made up."""
    text = _APART.replace("05/24\n05/25\n\n05/24\n05/25\n", "05/24\n05/25\n\n05/24\n")
    report = parse_text_report(text, "apart.txt", recover=True)
    assert not [e for e in report.policy.revision_log if e.description]
    assert "Annual review. Age limit" in render_outline(report.policy)


def test_a_publication_history_with_a_notes_column() -> None:
    policy, _, _ = _read("ohio-medicaid-publication-history.web.txt")
    assert _dates(policy) == [dt.date(2024, 8, 1), dt.date(2025, 10, 15), dt.date(2026, 9, 20)]


def test_a_history_written_a_cell_a_line_with_month_dates() -> None:
    """`Date` / `Section` / `Revision`, a date `4/2026` alone (no page counter), a date and a section on
    one line (`6/2025 1.1`), a row's cells out of order: four entries."""
    policy, _, _ = _read("magellan-cervical-fusion.pdftotext.txt")
    assert _dates(policy) == [dt.date(2024, 2, 1), dt.date(2025, 6, 1), dt.date(2026, 4, 1), dt.date(2026, 4, 1)]
    by_date = {e.date: e.description for e in policy.revision_log}
    assert by_date[dt.date(2025, 6, 1)] == "1.1 Myelopathy added to the radiculopathy criterion"


def test_a_web_tables_row_whose_cell_broke_into_paragraphs() -> None:
    """An LCD's revision table copied from the page: a cell of paragraphs breaks its row, the row's last
    cell on a line of its own after a tab; the public versions below are no history."""
    policy, _, _ = _read("cms-lcd-broken-cells.web.txt")
    assert _dates(policy) == [dt.date(2024, 1, 1), dt.date(2026, 7, 1)]
    latest = max(policy.revision_log, key=lambda e: e.date)
    assert "48-hour monitor requirement was clarified" in latest.description
    assert latest.description.endswith("Provider Education/Guidance")


def test_a_date_the_summary_ran_up_to_is_its_rows() -> None:
    """-layout set a row's date one space after its summary's first line (``… Continuation criteria
    01/01/2026``): the date is the row's, the summary whole."""
    policy, _, _ = _read("anthem-revision-details.layout.txt")
    assert _dates(policy) == [dt.date(2025, 1, 1), dt.date(2026, 1, 1), dt.date(2026, 5, 1)]
    by_date = {e.date: e.description for e in policy.revision_log}
    assert "Continuation criteria clarified." in by_date[dt.date(2026, 1, 1)]
    assert "01/01/2026" not in by_date[dt.date(2026, 1, 1)]


# --- the family's documents copied with pipes --------------------------------------------------------------


def _piped(text: str) -> str:
    """``text`` as a web page's copy gives its tables: cells between pipes (an empty last cell: a pipe)."""
    return "\n".join(line.replace("\t", " | ").rstrip() if "\t" in line else line for line in text.split("\n"))


def test_a_family_policy_with_pipe_tables_reads_as_with_tabs_and_diffs_to_its_new_row(tmp_path: Path) -> None:
    source = (FIXTURES / "policies" / "dupilumab.txt").read_text(encoding="utf-8")
    lines = source.split("\n")
    last = max(k for k, line in enumerate(lines) if line.startswith("4Q 2025 annual review"))
    newer = [
        *lines[: last + 1],
        "RT1: added Nemluvio to concurrent use exclusion for AD.\t02.10.26\t",
        *lines[last + 1 :],
    ]
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(_piped(source), encoding="utf-8")
    new.write_text(_piped("\n".join(newer)), encoding="utf-8")
    assert parse_file_report(old).policy == parse_file_report(FIXTURES / "policies" / "dupilumab.txt").policy
    result = run_cli("diff", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert "no changes" in result.stdout
    assert "2026-02-10  RT1: added Nemluvio to concurrent use exclusion for AD." in result.stdout
    assert "paragraph" not in result.stdout


# --- goldens: the outlines people read ---------------------------------------------------------------------

GOLDEN = sorted(p for p in HERE.glob("*.txt"))


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_each_fixture_reads_to_its_golden_outline(path: Path) -> None:
    report = parse_file_report(path, recover=True)
    check_golden(f"codes_history/{path.stem}.outline", render_outline(report.policy))


# --- a print made afresh -----------------------------------------------------------------------------------


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize("name", ["keystone-bone-stimulators", "summit-approval-history", "wellcare-cochlear"])
def test_a_fresh_chromium_print_reads_to_its_rows_and_entries(name: str, tmp_path: Path) -> None:
    """Each source printed again by Chromium and read by pdftotext in both modes: every code a row (or, in
    reading order of the log's middle-aligned codes, text with a warning), every history row an entry."""
    from docgen import chromium_pdf, need, pdftotext

    need("chromium", "pdftotext")
    html = (HERE / "src" / f"{name}.html").read_text(encoding="utf-8")
    pdf = chromium_pdf(html, tmp_path / f"{name}.pdf")
    expected = {
        "keystone-bone-stimulators": (["E0747", "E0748", "E0749", "E0760"], 3),
        "summit-approval-history": (["E0651", "E0652"], 4),
        "wellcare-cochlear": (["69930", "L8619", "L8627"], 4),
    }[name]
    for layout in (True, False):
        report = parse_text_report(pdftotext(pdf, layout=layout), source=f"{name}.txt", recover=True)
        rows = [r.key for s in _sections(report.policy) for b in s.blocks if isinstance(b, Table) for r in b.rows]
        if rows or layout:
            assert rows == expected[0], layout
        else:
            assert any("cannot be paired row by row" in d.message for d in report.diagnostics)
        assert len(report.policy.revision_log) == expected[1], layout


def _sections(policy: Policy) -> list[Section]:
    out: list[Section] = []
    stack = list(policy.body)
    while stack:
        s = stack.pop(0)
        out.append(s)
        stack[0:0] = [b for b in s.blocks if isinstance(b, Section)]
    return out
