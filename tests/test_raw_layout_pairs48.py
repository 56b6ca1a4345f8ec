"""Two copies of one print, ``pdftotext`` in reading order and with ``-layout``, diff to nothing (issue 17).

Reading order writes a print's tables and lists in shapes ``-layout`` does not: a bullet written once, alone above
a list of labelled lines (``RBC: red blood cell``); a table's names a block each, then its cells, and a column a
page break set after the page's footer (``Dose Limit/`` / ``Maximum Dose`` / its limit); a revision log a column at
a time whose heading and header repeat over the next page, a row's description cut by the break going on there and
a row no committee approved (no approval month).  Each was read one way in one copy and another way in the other,
so a pair of versions from the two modes showed edits nobody made: items deleted, a paragraph changed and a row
inserted, the last page of the log deleted as a part the reader could not read.

``fixtures/raw_layout48`` is our own family policy (an invented plan's edition, four pages) in both modes, written
in the shapes poppler gives a LibreOffice print.  The producer test prints the documents of ``fixtures/printed`` and
every family fixture through LibreOffice and reads each PDF both ways: the copies whose tables and lists have these
shapes diff to nothing.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, PRINTED

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report
from policyvc.parser.cell_grids import read_cell_grid, text_words
from policyvc.parser.nodes import Policy

HERE = FIXTURES / "raw_layout48"


def _read(name: str, text: str | None = None) -> Policy:
    report = parse_text_report(text if text is not None else (HERE / name).read_text(), source=name)
    assert not [d for d in report.diagnostics if d.severity == "error"], report.diagnostics
    return report.policy


def test_the_raw_and_the_layout_copy_of_one_print_diff_to_nothing() -> None:
    raw, layout = _read("reblozyl-raw.txt"), _read("reblozyl-layout.txt")
    script = diff(raw, layout)
    assert script.edits == ()
    assert script.log_added == ()
    assert script.rereads == ()


def test_the_raw_copy_reads_the_list_the_table_and_the_log_whole() -> None:
    policy = _read("reblozyl-raw.txt")
    abbreviations, alternatives, warnings = policy.appendices[:3]
    [items] = [b for b in abbreviations.blocks if hasattr(b, "items")]
    assert [i.text for i in items.items] == [  # type: ignore[attr-defined]
        "FDA: Food and Drug Administration",
        "RBC: red blood cell",
        "TDT: transfusion-dependent thalassemia",
    ]
    assert [(a.drug, a.maximum) for a in alternatives.alternatives] == [
        ("deferasirox (Jadenu®, Exjade®)", ("28 mg/kg/day",))
    ]
    assert not [b for b in warnings.blocks if hasattr(b, "text")]  # (both warnings are the list's items)
    log = policy.revision_log
    assert [e.date.isoformat() for e in log] == [
        "2021-05-11",
        "2022-07-19",
        "2023-07-12",
        "2024-07-24",
        "2025-03-14",
        "2025-07-21",
    ]
    assert log[3].description.endswith(
        "template changes applied to other diagnoses/indications and continued "
        "therapy section; references reviewed and updated."
    )
    assert log[4].pt_approval is None  # (a row no committee approved: its month is the next row's)
    assert (log[5].pt_approval.year, log[5].pt_approval.month) == (2025, 8)  # type: ignore[union-attr]


def test_a_real_edit_between_the_two_copies_is_still_reported() -> None:
    layout = (HERE / "reblozyl-layout.txt").read_text()
    edited = layout.replace("28 mg/kg/day", "35 mg/kg/day").replace(
        "-   RBC: red blood cell\n", "-   RBC: red blood cell\n-   SC: subcutaneous\n"
    )
    script = diff(_read("reblozyl-raw.txt"), _read("edited.txt", edited))
    said = [(e.kind.value, e.new_text or e.old_text or "") for e in script.edits]
    assert len(said) == 2, said
    assert any(kind == "row-update" and "35 mg/kg/day" in text for kind, text in said), said
    assert any(kind == "row-insert" and "subcutaneous" in text for kind, text in said), said  # (the key's row)


def test_a_cell_grid_under_its_title_with_a_wrapped_name_and_doses_starting_cells() -> None:
    lines = [
        "Appendix B: Therapeutic Alternatives",
        "Drug Name",
        "",
        "Dosing Regimen",
        "",
        "Dose Limit/ Maximum",
        "Dose",
        "",
        "Haegarda® (C1 esterase",
        "inhibitor SC, human)",
        "",
        "60 IU/kg SC twice weekly",
        "",
        "60 IU/kg per dose",
        "",
        "Takhzyro® (lanadelumab)",
        "",
        "300 mg SC every 2 weeks",
        "",
        "300 mg every 2 weeks",
        "",
        "Appendix C: State Market Requirements",
        "State",
    ]
    grid = read_cell_grid(lines, 1, lambda j: False, lambda: text_words(lines))
    assert grid is not None
    assert grid.header == ("Drug Name", "Dosing Regimen", "Dose Limit/ Maximum Dose")
    assert [cells for _, cells in grid.rows] == [
        ("Haegarda® (C1 esterase inhibitor SC, human)", "60 IU/kg SC twice weekly", "60 IU/kg per dose"),
        ("Takhzyro® (lanadelumab)", "300 mg SC every 2 weeks", "300 mg every 2 weeks"),
    ]
    assert grid.end == 20  # (its last cell's line: the next table's title is none of its cells)


def test_a_wrapped_cell_is_no_column_s_name() -> None:
    lines = ["Product", "", "Strength", "", "Sensor (10-day)", "Dexcom", "", "3 per 30 days", ""]
    grid = read_cell_grid(lines, 0, lambda j: False, lambda: text_words(lines))
    assert grid is None or grid.header == ("Product", "Strength")


# the printed documents whose two copies read alike (the others' dosing tables have cells of several paragraphs
# and rows a page break splits, which reading order writes in an order no text rule can put back)
_ALIKE = ("envolve-signifor", "referral-firazyr", "omalizumab", "somatrogon", "scraped-soliris", "flattened-nplate")


@pytest.mark.producers
@pytest.mark.slow
def test_libreoffice_prints_read_both_ways_diff_to_nothing(tmp_path_factory: pytest.TempPathFactory) -> None:
    from docgen import docx_file, libreoffice_pdfs, need, pdftotext

    need("soffice", "pdftotext")
    folder = tmp_path_factory.mktemp("raw-layout")
    pdfs = libreoffice_pdfs([docx_file(PRINTED[n], folder / f"{n}.docx") for n in _ALIKE], folder)
    for name, pdf in zip(_ALIKE, pdfs, strict=True):
        raw = parse_text_report(pdftotext(pdf), source=f"{name}.txt", recover=True).policy
        layout = parse_text_report(pdftotext(pdf, layout=True), source=f"{name}.txt", recover=True).policy
        script = diff(raw, layout)
        assert script.edits == (), (name, script.edits)
        assert script.log_added == (), name
