"""Tables in raw ``pdftotext`` (reading order) text: a column's name or a cell is never a heading.

Reading order gives a table one cell per line or per block.  Two shapes, written here the way our own
documents of payers not used elsewhere print them:

* a LibreOffice print whose table ``pdftotext`` ran a column at a time (``Drug`` and its cells, then
  ``Strength`` …), cells wrapped and one set apart by a blank line: which line is which row's cell cannot be
  known — the lines stay text, in order, with a warning naming the columns, and no heading is made of them;
* a browser's print of a history of four columns, one cell a block row by row, two dates a row (``Review
  Date | Effective Date | Status | Summary``): read back as the log's rows, its names no headings.
"""

from __future__ import annotations

import datetime as dt

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy, Section

_HEAD = """Harborview Health Plan Pharmacy Policy

Topical Calcineurin Inhibitors
Policy Number: HHP-RX-0217
Effective Date: 04/01/2025

Coverage Criteria
Tacrolimus ointment is considered medically necessary when the member has moderate to severe atopic
dermatitis and has tried a medium-potency topical corticosteroid for at least 28 days.

"""

_COLUMNS = """Limits
Drug
Protopic (tacrolimus)
0.03% ointment
Elidel (pimecrolimus)
1% cream

Eucrisa (crisaborole) 2%
ointment

Strength
0.03%; 0.1%
1%
2%

Quantity Limit
60 grams per 30
days
60 grams per 30 days
100 grams per 30
days

References
1. Eichenfield LF, et al. Guidelines of care for the management of atopic dermatitis. J Am Acad Dermatol. 2014.
"""

_HISTORY = """Document History
Review Date

Effective Date

Status

Summary

03/12/2021

05/01/2021

New

Policy created.

02/08/2024

04/01/2024

Revised

Added crisaborole to the limits.

01/20/2025

04/01/2025

Reviewed

Annual review. No change to criteria.

References
American Academy of Dermatology. Atopic dermatitis clinical guideline. 2023.
"""


def _titles(policy: Policy) -> list[str]:
    out: list[str] = []
    stack: list[Section] = list(policy.body)
    while stack:
        s = stack.pop(0)
        out.append(s.title)
        stack[0:0] = [b for b in s.blocks if isinstance(b, Section)]
    return out


def test_a_table_read_a_column_at_a_time_stays_text_with_a_warning_never_headings() -> None:
    report = parse_text_report(_HEAD + _COLUMNS, recover=True)
    titles = _titles(report.policy)
    for cell in ("Drug", "Strength", "Quantity Limit", "Eucrisa (crisaborole) 2%", "Elidel (pimecrolimus)"):
        assert cell not in titles
    assert "References" in titles
    warnings = [d.message for d in report.diagnostics if d.severity == "warning"]
    assert any("`Drug | Strength | Quantity Limit`" in w and "kept in order as paragraphs" in w for w in warnings)
    text = " ".join(report.policy.canonical_text().split()) if hasattr(report.policy, "canonical_text") else ""
    assert not text or "100 grams per 30 days" in text


def test_a_history_of_four_columns_two_dates_a_row_reads_to_its_rows() -> None:
    report = parse_text_report(_HEAD + _HISTORY, recover=True)
    titles = _titles(report.policy)
    for name in ("Review Date", "Effective Date", "Status", "Summary", "Revised", "02/08/2024"):
        assert name not in titles
    log = report.policy.revision_log
    assert [e.date for e in log] == [dt.date(2021, 3, 12), dt.date(2024, 2, 8), dt.date(2025, 1, 20)]
    assert "Added crisaborole to the limits." in log[1].description


def test_a_heading_over_running_text_stays_a_heading() -> None:
    text = _HEAD + "Duration\nApproval is for 12 months. Reauthorization requires documented improvement of the\n"
    text += "affected body surface area and of pruritus since the start of therapy.\n\nDosing\n"
    text += "Apply a thin layer to the affected skin twice daily; stop once the signs and symptoms have resolved.\n"
    report = parse_text_report(text, recover=True)
    titles = _titles(report.policy)
    assert "Duration" in titles and "Dosing" in titles
    assert not [d for d in report.diagnostics if "printed cell by cell" in d.message]
