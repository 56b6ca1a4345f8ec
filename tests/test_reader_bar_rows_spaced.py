"""A table written with bars whose rows a print sets a paragraph apart (a blank line between every two rows), as
a LibreOffice print of a family pharmacy policy gives its revision log::

    Reviews, Revisions, and Approvals | Date | P&T Approval Date

    Policy created | 05.17 | 06.17

    Added tardive dyskinesia indication | 11.17 | 02.18

is one table, read as the rows written line after line are; rows written line after line never go on past a
blank line (two tables of as many columns stay two)."""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_text_report
from policyvc.parser.space_tables import pipe_rows

TEXT = (FIXTURES / "policies" / "filgrastim.txt").read_text(encoding="utf-8")


def _barred(text: str, gap: str) -> str:
    """The policy with its revision log's rows written with bars, ``gap`` between two rows."""
    head = text.index("Reviews, Revisions, and Approvals\t")
    end = text.index("\n\n", head)
    # (an empty last cell as a print writes it: ``Added Nevada to Appendix E. | 12.06.21 |``)
    rows = [" | ".join(line.split("\t")).strip() for line in text[head:end].split("\n")]
    return text[:head] + gap.join(rows) + text[end:]


def _log(text: str) -> list[tuple[object, object, str]]:
    policy = parse_text_report(text, "filgrastim.txt").policy
    return [(e.date, e.pt_approval, e.description) for e in policy.revision_log]


def test_a_log_of_bar_rows_a_paragraph_apart_reads_as_the_tab_separated_one() -> None:
    want = _log(TEXT)
    assert len(want) > 3
    assert _log(_barred(TEXT, "\n\n")) == want


def test_bar_rows_line_after_line_stop_at_a_blank_line() -> None:
    lines = ["A | B", "1 | 2", "", "C | D", "3 | 4"]
    assert pipe_rows(lines) == {0: "A\tB", 1: "1\t2", 3: "C\tD", 4: "3\t4"}
    spaced = ["A | B", "", "1 | 2", "", "3 | 4", "", "Text after the table."]
    assert pipe_rows(spaced) == {0: "A\tB", 2: "1\t2", 4: "3\t4"}
