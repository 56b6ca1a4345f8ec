"""Tables whose rows' key (a HCPCS code) stands inside the row, ``Supply | HCPCS | Quantity limit |
Replacement interval``, printed by a browser over a page break with its header repeated
(``parser/cell_tables.py``, ``parser/aligned_tables.py``).

The fixtures are our own HTML pages printed by Chromium (``python tests/docgen.py
$PWD/tests/fixtures/key_inside_tables``): ``pdftotext`` in reading order gives the cells one a block, the
``-layout`` copy of the same print side by side.  Both copies must read as the same table — a diff of the two
reports nothing — and a row whose key cell names two codes (``E0651 / E0667``) is a row of its own.  Where a
cell is empty (the second page), reading order cannot tell which block is which row's cell: the cells stay
text with a warning, never rows paired across cells.
"""

from __future__ import annotations

from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.history.diff import EditKind, diff
from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

HERE = FIXTURES / "key_inside_tables"


def _read(name: str) -> tuple[Policy, list[str]]:
    report = parse_text_report((HERE / name).read_text(encoding="utf-8"), recover=True)
    return report.policy, [d.message for d in report.diagnostics]


def _rows(policy: Policy) -> list[tuple[str, ...]]:
    [table] = [t for t in body_tables(policy) if "HCPCS" in t.header]
    assert table.header == ("Supply", "HCPCS", "Quantity limit", "Replacement interval")
    return [tuple(" ".join(c) for c in r.cells) for r in table.rows]


def test_a_key_inside_the_row_reads_the_same_from_both_copies() -> None:
    raw, _ = _read("summit-lymphedema-supplies.chromium.pdftotext.txt")
    layout, _ = _read("summit-lymphedema-supplies.chromium.pdftotext-layout.txt")
    rows = _rows(raw)
    assert len(rows) == 9
    assert rows == _rows(layout)
    assert ("Pneumatic compressor, segmental", "E0651 / E0667", "1", "Every 5 years") in rows
    assert not any(cell in {"Supply", "HCPCS"} for row in rows for cell in row)  # (the repeated header: no row)
    assert [e for e in diff(raw, layout).edits if e.kind is not EditKind.RENUMBER] == []


def test_an_empty_cell_keeps_the_cells_as_text_with_a_warning() -> None:
    raw, notes = _read("summit-lymphedema-empty-cell.chromium.pdftotext.txt")
    assert any("whose rows the text cannot rebuild" in n for n in notes)
    for table in body_tables(raw):
        for row in table.rows:
            cells = [" ".join(c) for c in row.cells]
            # (never a row paired across cells: a supply's name, then its own code)
            assert not any(c in {"Supply", "HCPCS", "Quantity limit", "Replacement interval"} for c in cells)
            if "HCPCS" in table.header:
                assert len(cells) == 4 and cells[1][:1] in "AE"


# (a ``pdftotext -layout`` copy of a browser's print whose table goes on over a page break: the next page
# repeats the header and sets every column further right, its one row's cells wrapped)
_PAGED = """\
        Utilization Guidelines

         Service                      CPT           Frequency limit                Notes
         Nerve block, one level       64490         4 sessions per 12 months       Report once per session regardless of
                                                                                   the levels injected
         Nerve block, two levels      64491         4 sessions per 12 months       Report once per session
         Fluoroscopic guidance        77003         Not separately payable         Bundled into the block



file:///C:/print/LCD%20-%20Facet%20Joint%20Blocks.html                                                         1/3
12/7/26, 9:15 AM                                                    Local Coverage Determination (LCD)



         Service                          CPT             Frequency limit                Notes
         Radiofrequency ablation,         64633           Not payable with a block at    Report one of 64490/64491 or
         one joint                                        the same level                 64633 per level per session


        Summary of Evidence
        Facet joint pain is a frequent source of axial low back pain in older adults.
"""


def test_a_layout_table_whose_page_repeats_its_header_further_right_goes_on() -> None:
    from policyvc.parser.aligned_tables import read_aligned

    lines = _PAGED.split("\n")
    k = next(i for i, line in enumerate(lines) if line.strip().startswith("Service"))
    table = read_aligned(lines, k, lambda j: lines[j].startswith(("file:", "12/7/26")))
    assert table is not None and table.header == ("Service", "CPT", "Frequency limit", "Notes")
    assert [cells[1] for _, cells in table.rows] == ["64490", "64491", "77003", "64633"]
    assert table.rows[-1][1] == (
        "Radiofrequency ablation, one joint",
        "64633",
        "Not payable with a block at the same level",
        "Report one of 64490/64491 or 64633 per level per session",
    )


def test_a_title_one_copy_could_not_find_is_no_change() -> None:
    """A copy whose reader found no title (a print whose head lost it; the parse warns and says so in
    ``not_found``) against one that has it: no `header.title` edit — while a copy without a title its reader did
    not warn of gains or loses it, and a title changed in words still is a change."""
    from dataclasses import replace

    raw, _ = _read("summit-lymphedema-supplies.chromium.pdftotext.txt")
    untitled = replace(raw, header=replace(raw.header, title=""), not_found=("title",))
    assert not [e for e in diff(raw, untitled).edits if e.new_id == "header.title"]
    assert not [e for e in diff(untitled, raw).edits if e.new_id == "header.title"]
    unwarned = replace(untitled, not_found=())
    assert [e.kind for e in diff(raw, unwarned).edits if e.new_id == "header.title"] == [EditKind.UPDATE]
    assert [e.kind for e in diff(unwarned, raw).edits if e.new_id == "header.title"] == [EditKind.UPDATE]
    renamed = replace(raw, header=replace(raw.header, title="Lymphedema Pumps and Garments"))
    assert [e.kind for e in diff(raw, renamed).edits if e.new_id == "header.title"] == [EditKind.UPDATE]
