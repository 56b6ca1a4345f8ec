"""A family (pharmacy template) copy with no tab and no page break anywhere — a web page's text, or a
viewer's copy that set every table cell one space apart — reads in strict mode with the same revision log
as the tabbed copy: rows by their trailing dates, a row whose ``P&T Approval Date`` is empty ending in one
date after its text's stop (it was joined into the row above, its date read as text)."""

from __future__ import annotations

from conftest import SEED

from policyvc.parser import parse_text_report


def _untabbed(text: str) -> str:
    return text.replace("\t", " ")


def test_the_example_without_tabs_keeps_its_log_row_for_row() -> None:
    tabbed = parse_text_report(SEED.read_text(encoding="utf-8"), source="seed.txt").policy
    report = parse_text_report(_untabbed(SEED.read_text(encoding="utf-8")), source="seed.txt")
    assert not [d for d in report.diagnostics if d.severity == "error"]
    got = [(e.date, e.pt_approval, e.description) for e in report.policy.revision_log]
    want = [(e.date, e.pt_approval, e.description) for e in tabbed.revision_log]
    assert got == want
    assert [e.date for e in report.policy.revision_log if e.pt_approval is None]  # (rows with an empty cell)


LOG = (
    "Reviews, Revisions, and Approvals Date P&T Approval Date\n"
    "Policy created. 03.04.22 05.22\n"
    "Added Ohio to Appendix E. 09.12.22\n"
    "1Q 2024 annual review: added requirement for documentation of weight; references reviewed and\n"
    "updated. 01.16.24 02.24\n"
    "Revised dosing for pediatric members per prescribing information (version 3.1). 07.02.25\n"
)


def _family(log: str) -> str:
    """The embedded example with its revision log replaced by ``log`` (written the untabbed way)."""
    text = _untabbed(SEED.read_text(encoding="utf-8"))
    start = text.index("Reviews, Revisions, and Approvals")
    end = text.index("\nImportant Reminder\n")
    return text[:start] + log + text[end:]


def test_rows_with_an_empty_approval_cell_and_wrapped_rows() -> None:
    report = parse_text_report(_family(LOG), source="x.txt")
    assert not [d for d in report.diagnostics if d.severity == "error"]
    log = report.policy.revision_log
    assert [e.description for e in log] == [
        "Policy created.",
        "Added Ohio to Appendix E.",
        "1Q 2024 annual review: added requirement for documentation of weight; references reviewed and updated.",
        "Revised dosing for pediatric members per prescribing information (version 3.1).",
    ]
    assert [str(e.date) for e in log] == ["2022-03-04", "2022-09-12", "2024-01-16", "2025-07-02"]
    assert [e.pt_approval is None for e in log] == [False, True, False, True]


def test_a_wrapped_line_ending_in_a_number_without_a_stop_goes_on_the_row() -> None:
    # (no stop before the number: the row's text, not a row of its own)
    log = (
        "Reviews, Revisions, and Approvals Date P&T Approval Date\n"
        "Annual review: quantity limit revised to 4 pens per 28 days effective 01.26\n"
        "for all lines of business. 11.20.25 12.25\n"
    )
    (entry,) = parse_text_report(_family(log), source="x.txt").policy.revision_log
    assert entry.description.endswith("effective 01.26 for all lines of business.")
    assert str(entry.date) == "2025-11-20"


def test_a_log_a_page_broke_keeps_every_row_and_leaves_the_running_lines() -> None:
    """A viewer's copy: the log's header printed again under the next page's running lines; every row is a row
    of its own, the running lines none of a row's words (they were glued into the row above, and with rows
    read dates-after, the next row was glued to them and lost with the furniture)."""
    from policyvc.parser.space_tables import space_tables

    lines = [
        "Reviews, Revisions, and Approvals Revision Date Approval Date",
        "New policy. 03/21 03/21",
        "Annual review. Added age limit in I.A. 03/22 03/22",
        "Page 4 of 5",
        "MEDICAL POLICY",
        "Sacral Nerve Stimulation",
        "Reviews, Revisions, and Approvals Revision Date Approval Date",
        "Annual review. Removed trial duration from I.C. 03/23 03/23",
        "Annual review. References updated. 03/24 03/24",
    ]
    out = space_tables(lines)
    assert out[4:6] == ["MEDICAL POLICY", "Sacral Nerve Stimulation"]
    rows = [line.split("\t") for line in out if line.count("\t") == 2 and not line.startswith("Reviews")]
    assert rows == [
        ["New policy.", "03/21", "03/21"],
        ["Annual review. Added age limit in I.A.", "03/22", "03/22"],
        ["Annual review. Removed trial duration from I.C.", "03/23", "03/23"],
        ["Annual review. References updated.", "03/24", "03/24"],
    ]
