"""A family's revision log whose name is a heading over its table (``tests/fixtures/headed_logs21``: HTML in
``src/`` printed by Chromium, remade by ``python tests/docgen.py $PWD/tests/fixtures/headed_logs21``, the print's
``file://`` address then replaced by a web one).

``Reviews, Revisions, and Approvals`` is the family's log's first column's name in its own PDFs; a web page may
set it as a heading over a table whose first column has a name of its own (``Update``, ``Change``).  Read so:
the heading stays a heading, the table's header is the names under it, and a plan's footer under the last row
(``<plan> is a Centene company. ©2026``, in the same block of a raw copy) is no part of that row.  What must
stay as it was: the family's own header (the log's name its first column's), a date cell's block run on."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report
from policyvc.parser.furniture import copyright_notice
from policyvc.parser.reading_order import row_closed
from policyvc.parser.text_styles import prepare

SHAPES = FIXTURES / "headed_logs21"

LOGS = {
    "sunflower-bone-growth": [
        "Policy developed.",
        "Annual review. References updated.",
        "Annual review. Gap limit added.",
    ],
    "wellcare-sleep-apnea": [
        "Policy developed.",
        "Annual review. Custom fabrication required.",
        "Annual review. No changes.",
    ],
}


@pytest.mark.parametrize("form", ["pdftotext", "pdftotext-layout"])
@pytest.mark.parametrize("name", sorted(LOGS))
def test_a_log_under_its_name_as_a_heading(name: str, form: str) -> None:
    report = parse_file_report(SHAPES / f"{name}.chromium.{form}.txt", recover=True)
    policy = report.policy
    assert [e.description for e in policy.revision_log] == LOGS[name]
    titles = [s.title for s in policy.body]
    assert titles[-1] == "Reviews, Revisions, and Approvals"


def test_the_familys_own_header_keeps_its_first_column_name() -> None:
    text = "\n".join(
        [
            "Clinical Policy: Home Infusion",
            "Reference Number: CP.MP.12",
            "",
            "Description",
            "",
            "Infusion at home.",
            "",
            "Reviews, Revisions, and Approvals",
            "",
            "Revision Date Approval Date",
            "",
            "Policy developed.",
            "",
            "10-15-2024",
            "",
            "10-15-2024",
            "\f",
        ]
    )
    st = prepare(text, "x.txt")  # (a form feed: pdftotext's text, whose tables the text front reads)
    rows = [line for line in st.lines if "\t" in line]
    assert rows[0].split("\t") == ["Reviews, Revisions, and Approvals", "Revision Date", "Approval Date"]


@pytest.mark.parametrize(
    ("line", "closed"),
    [
        ("Annual review. Note on single-sided deafness. 08/25 08/25", True),
        ("08/25 08/25", True),
        ("10-15-2025 10/25", True),
        # (a date alone: its approval may come on the next line)
        ("Annual review. 08/25", False),
        ("Policy developed.", False),
    ],
)
def test_a_line_closes_its_row_with_both_dates(line: str, closed: bool) -> None:
    assert row_closed(line) is closed


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("Bridgeway Health Solutions is a Centene company. ©2026", True),
        ("© 2026 Keystone Health. All rights reserved.", True),
        # (a © inside a sentence, not at its end after a stop: a row's text)
        ("Annual review. Trademark © 2026 names removed from the criteria", False),
        ("Coverage of the ©2026 edition of the guideline", False),
    ],
)
def test_a_footer_ends_in_its_copyright(text: str, notice: bool) -> None:
    assert copyright_notice(text) is notice
