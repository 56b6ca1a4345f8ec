"""Tables a browser's print gives ``pdftotext`` (reading order) one cell per line, over page breaks
(``parser/cell_tables.py``): a header whose names reading order set on one line (``Effective Date
Description of Change``) with the first key right under it, a code table that breaks over a page with
its header repeated, the next table's one-line header right after its last row, and a log whose rows
end with two month dates (``Revision Date`` / ``Approval Date``).

The fixtures are our own HTML pages in three payers' wordings printed by Chromium
(``python tests/docgen.py tests/fixtures/cell_tables``); each ``-layout`` copy of the same print is the reference
the reading-order copy must agree with.  Where rows cannot be paired for sure (a row whose text cell is
empty), nothing is paired across rows: the dates stay text with a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from conftest import FIXTURES
from heldout_support import body_tables, section_titles

from policyvc.parser import parse_text_report
from policyvc.parser.cell_tables import read_cells_inline
from policyvc.parser.nodes import Policy

HERE = FIXTURES / "cell_tables"


def _read(name: str) -> tuple[Policy, list[str]]:
    report = parse_text_report((HERE / name).read_text(encoding="utf-8"), recover=True)
    return report.policy, [d.message for d in report.diagnostics]


def _log(policy: Policy) -> list[tuple[dt.date | None, str]]:
    return sorted(((e.date, e.description) for e in policy.revision_log), key=lambda p: str(p[0]))


def _source_rows(html: str) -> dict[str, str]:
    """The (date, text) rows of the page's last table, as its HTML writes them."""
    table = html.rsplit("<table", 1)[1]
    return dict(re.findall(r"<tr><td>([\d/]+)</td><td>([^<]*)</td></tr>", table))


def test_a_code_table_over_a_page_break_and_the_next_tables_one_line_header() -> None:
    """The CPT table's header repeated after the page break is no row and does not end it; the ICD-10
    table's header reading order set on one line right after the last CPT row starts a table of its own,
    never text folded into that row."""
    policy, _ = _read("bayou-sleep-testing.chromium.pdftotext.txt")
    cpt, icd = (t for t in body_tables(policy) if len(t.rows) > 2)
    assert cpt.header == ("CPT®/HCPCS Codes", "Description")
    assert [r.key for r in cpt.rows] == ["95800", "95801", "95806", "G0398", "G0399", "G0400"]
    assert (
        " ".join(cpt.rows[-1].cells[-1])
        == "Home sleep test with type IV portable monitor, unattended; minimum of 3 channels"
    )
    assert icd.header == ("ICD-10 Code", "Description")
    assert len(icd.rows) == 12 and icd.rows[0].key == "G47.30" and icd.rows[-1].key == "G47.31"
    assert all("ICD-10" not in " ".join(c) for r in cpt.rows for c in r.cells)


def test_a_log_whose_rows_end_with_two_month_dates_agrees_with_its_layout_copy() -> None:
    """`Reviews, Revisions, and Approvals` (the heading written again as the first header cell) /
    `Revision Date` / `Approval Date`, each row its text then two months: six entries, each its own
    approval month, as the `-layout` copy reads them."""
    policy, _ = _read("bayou-sleep-testing.chromium.pdftotext.txt")
    layout, _ = _read("bayou-sleep-testing.chromium.pdftotext-layout.txt")
    assert len(policy.revision_log) == 6
    assert _log(policy) == _log(layout)
    [e2025] = [e for e in policy.revision_log if e.date == dt.date(2025, 2, 1)]
    assert e2025.pt_approval is not None and (e2025.pt_approval.year, e2025.pt_approval.month) == (2025, 3)
    assert e2025.description == "Annual review. Added heart failure to the comorbidities in I.A.2."


def test_a_history_split_over_a_page_without_its_header_repeated_pairs_each_row() -> None:
    """`Effective Date Description of Change` on one line, its first date right under it, the page's
    furniture between two rows: every entry with its own row's text (never the row above's)."""
    source = _source_rows((HERE / "src" / "lakeshore-cardiac-monitoring.html").read_text(encoding="utf-8"))
    for name in (
        "lakeshore-cardiac-monitoring.chromium.pdftotext.txt",
        "lakeshore-cardiac-monitoring.chromium.pdftotext-layout.txt",
    ):
        policy, _ = _read(name)
        got = {f"{e.date:%m/%d/%Y}": e.description for e in policy.revision_log if e.date}
        assert got == source, name


def test_a_row_with_an_empty_cell_pairs_nothing_across_rows() -> None:
    """A history row whose text cell is empty (reading order sets its date against the next row's):
    no entry gets another row's text; the dates not read stay text, with a warning."""
    source = _source_rows((HERE / "src" / "cascade-speech-devices.html").read_text(encoding="utf-8"))
    policy, messages = _read("cascade-speech-devices.chromium.pdftotext.txt")
    for e in policy.revision_log:
        assert e.date is not None and source[f"{e.date:%m/%d/%Y}"] == e.description
    assert any("not read as history entries" in m for m in messages)


def test_a_one_line_header_is_read_only_where_it_splits_after_a_key_columns_name() -> None:
    """No word that ends a key column's name (`Code`, `Date`, `Number`), or two of them: not such a header;
    a key with no text under it: the rows are not sure, no table."""
    rows = ["", "01/01/2024", "", "New policy", "", "01/01/2025", "", "Annual review", ""]
    assert read_cells_inline(["Effective Date Description of Change", *rows[1:]], 0, lambda j: False) is not None
    assert read_cells_inline(["Summary of Changes", *rows[1:]], 0, lambda j: False) is None
    assert read_cells_inline(["Date Approval Date Change", *rows[1:]], 0, lambda j: False) is None
    empty = ["Effective Date Description of Change", "01/01/2024", "", "01/01/2025", "", "Annual review", ""]
    assert read_cells_inline(empty, 0, lambda j: False) is None


def test_a_row_run_into_the_next_rows_date_is_never_paired_with_it() -> None:
    """The same history with one row's text cell empty: the cell-by-cell reader declines, and the text
    front runs `… within 12 months` and the next row's date into one paragraph under the row's own date;
    no entry takes either date for those words — the lines stay text, with a warning."""
    source = _source_rows((HERE / "src" / "lakeshore-cardiac-monitoring.html").read_text(encoding="utf-8"))
    text = (HERE / "lakeshore-cardiac-monitoring.chromium.pdftotext.txt").read_text(encoding="utf-8")
    report = parse_text_report(text.replace("Annual review; no changes\n\n", ""), recover=True)
    for e in report.policy.revision_log:
        assert e.date is not None and source[f"{e.date:%m/%d/%Y}"] == e.description
    assert any("not read as history entries" in d.message for d in report.diagnostics)


def test_a_log_with_its_text_first_and_two_dashed_dates_a_row_over_a_page_break() -> None:
    """`Reviews, Revisions, and Approvals` / `Revision Date` / `Approval Date`, each row its text then two
    month-day-year dates written with dashes (``03-12-2019``), the header repeated after the page break:
    every row an entry, none a heading, as the `-layout` copy reads them."""
    policy, _ = _read("prairie-oral-appliances.chromium.pdftotext.txt")
    layout, _ = _read("prairie-oral-appliances.chromium.pdftotext-layout.txt")
    assert len(policy.revision_log) == 8
    assert _log(policy) == _log(layout)
    assert max(e.date for e in policy.revision_log if e.date) == dt.date(2026, 3, 9)
    assert not any(re.fullmatch(r"[\d-]+|Revision|Approval", t) for t in section_titles(policy))


def test_a_history_whose_first_two_names_share_a_line_and_a_date_sits_on_its_texts_line() -> None:
    """`Type of Change Summary of Changes` on one line, then `Date Reviewed`; a row's date set by reading
    order at the end of its summary's line (``… to 10 ng/mL. 05/14/2024``): three entries, each with its
    own summary, no date a heading."""
    policy, _ = _read("northgate-somatropin.chromium.pdftotext.txt")
    assert _log(policy) == [
        (dt.date(2024, 5, 14), "Annual Revision Provocative test threshold clarified to 10 ng/mL."),
        (dt.date(2025, 5, 6), "Annual Revision No criteria changes."),
        (dt.date(2026, 4, 28), "Annual Revision Approval duration extended to 1 year."),
    ]
    assert not any(re.fullmatch(r"[\d/]+|Annual Revision|Date Reviewed", t) for t in section_titles(policy))


def test_what_the_key_last_splits_leave_alone() -> None:
    """A one-line header split only where exactly one capitalised word meets another (``Revision Date
    Approval Date`` has three such places: kept); a date inside a sentence, or after text with no closing
    stop, stays in its text."""
    from policyvc.parser.cell_tables import _Block, _two_names, _unglued

    def one(text: str) -> _Block:
        return _Block((0,), (text,))

    assert [b.texts for b in _two_names(one("Type of Revision Summary of Changes"))] == [
        ("Type of Revision",),
        ("Summary of Changes",),
    ]
    for kept in ("Revision Date Approval Date", "Summary of Changes", "Policy Number Title", "Effective Date"):
        assert len(_two_names(one(kept))) == 1, kept
    assert [b.texts for b in _unglued(one("Threshold lowered to 55 mg/dL. 02/04/2026"))] == [
        ("Threshold lowered to 55 mg/dL.",),
        ("02/04/2026",),
    ]
    for kept in ("Criteria effective 02/04/2026", "Updated on 02/04/2026 per committee", "Reviewed. 02/26"):
        assert len(_unglued(one(kept))) == 1, kept


def test_a_term_and_definition_table_whose_label_is_an_abbreviation_with_a_small_first_letter() -> None:
    """`Term` / `Meaning`, then rows of a short term (``dMMR``, one wrapped over two lines) and its longer
    definition: a table of three rows — the small first letter of an abbreviation no reason to leave the
    rows as headings and paragraphs."""
    policy, _ = _read("riverbend-lynch-screening.chromium.pdftotext.txt")
    [table] = [t for t in body_tables(policy) if t.header == ("Term", "Meaning")]
    assert [r.key for r in table.rows] == ["dMMR", "Microsatellite instability", "Universal screening"]
    text = " ".join(table.rows[0].cells[1])
    assert text.startswith("Deficient mismatch repair") and text.endswith("immunohistochemistry")


def test_an_abbreviations_label_and_what_stays_no_label() -> None:
    """``eGFR`` / ``tDCS`` are a row's label; a line that starts a sentence in small letters, a unit, or an
    abbreviation as a column's name is not."""
    from policyvc.parser.cell_tables import _Block, _label, read_cells

    def one(text: str) -> _Block:
        return _Block((0,), (text,))

    assert _label(one("eGFR")) and _label(one("tDCS"))
    for kept in ("mg", "the member", "eGFR below 30", "rTMS."):
        assert not _label(one(kept)), kept
    assert not _label(one("eGFR"), name=True)
    lines = [
        "Definitions",
        "Term",
        "",
        "Definition",
        "",
        "eGFR",
        "",
        "Estimated glomerular filtration rate from serum creatinine",
        "",
    ]
    lines += ["", "mL", "", "Milliliters of fluid measured at the bedside", ""]
    assert read_cells(lines, 1, lambda _: False) is None  # (two rows only: text)


def test_a_code_table_at_a_page_top_is_headed_by_its_own_names_never_the_browsers_page_title() -> None:
    """A table that starts a printed page (``Coding Implications`` at the foot of page 1): the browser's page title
    under page 2's stamp stands right above the header's first name (``CPT®`` / ``Codes``, a narrow column's name
    wrapped); it is furniture, never a column's name — so the header is the document's words, no ``Code`` or
    ``Column 3`` invented, and the next table's name never a cell of the last row."""
    for name in (
        "harbor-pulmonary-rehab.chromium.pdftotext.txt",
        "harbor-pulmonary-rehab.chromium.pdftotext-layout.txt",
    ):
        policy, messages = _read(name)
        tables = [(t.header, [r.key for r in t.rows]) for t in body_tables(policy)]
        assert tables == [
            (("CPT® Codes", "Description"), ["94625", "94626"]),
            (("HCPCS Codes", "Description"), ["G0424", "G0237"]),
        ]
        assert not [m for m in messages if "without a header row" in m]
