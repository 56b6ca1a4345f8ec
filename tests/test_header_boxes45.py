"""The family's header box and revision log as real prints set them.

* Header fields that carry a second column's text — the links box beside the head (``Effective Date: 03.01.12``
  ⇥ ``Revision Log``), an empty cell, a link a line of its own between two fields — read as the fields, the
  links after them as every other copy has them: no field's value holds the box's words, no word is lost.
* ``--recover`` of a policy with one header field it cannot read keeps the fields it can (the title, the
  reference number, the other dates): the unreadable field is a diagnostic and an unread region, never a
  policy with no name.
* A coding table and revision log printed as one table with no rules: the log's ``Date`` and ``P&T Approval
  Date`` under the coding table's one ``Description`` are two columns; the header cell wrapped (``P&T
  Approval`` / ``Date``), approval months ``MM.YY`` (one row without), an action wrapped round its dates.

The fixtures (``tests/fixtures/header_boxes45``) are one invented policy printed by LibreOffice and by Chromium,
``pdftotext -layout`` of the first, and a web copy as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import check_golden, run_cli

from policyvc.parser import parse_file, parse_text
from policyvc.parser.centred_log import centred_log
from policyvc.parser.nodes import YearMonth
from policyvc.parser.text_styles import _side_cells

HERE = Path(__file__).parent / "fixtures" / "header_boxes45"
COPIES = [
    "ocrelizumab.libreoffice.pdf",
    "ocrelizumab.chromium.pdf",
    "ocrelizumab.libreoffice.pdftotext-layout.txt",
    "ocrelizumab.web.txt",
]
# the log as the page writes it: (date, P&T approval month or None, the action's first words)
LOG = [
    ("2017-04-11", "2017-06", "Policy created"),
    ("2018-01-08", None, "Added HCPCS code J2350"),
    ("2024-08-12", "2024-11", "4Q 2024 annual review: no significant changes"),
    ("2025-08-04", "2025-11", "4Q 2025 annual review: added concurrent"),
    ("2026-08-10", "2026-11", "4Q 2026 annual review: maximum dose aligned"),
]


@pytest.mark.parametrize("name", COPIES)
def test_every_copy_reads_the_fields_whole_and_the_links_after_them(name: str) -> None:
    header = parse_file(HERE / name).header
    assert header.reference_number == "CP.PHAR.782"
    assert str(header.effective_date) == "2017-06-01"
    assert header.lines_of_business == ("Commercial", "HIM", "Medicaid")
    assert [e for e in header.extras if e in ("Coding Implications", "Revision Log")] == [
        "Coding Implications",
        "Revision Log",
    ]


def _month(approval: YearMonth | None) -> str | None:
    return None if approval is None else f"{approval.year:04d}-{approval.month:02d}"


@pytest.mark.parametrize("name", COPIES)
def test_every_copy_reads_each_log_row_with_its_own_dates(name: str) -> None:
    entries = parse_file(HERE / name).revision_log
    got = [(str(e.date), _month(e.pt_approval), e.description) for e in entries]
    assert [(d, a) for d, a, _ in got] == [(d, a) for d, a, _ in LOG]
    assert all(text.startswith(words) for (_, _, text), (_, _, words) in zip(got, LOG, strict=True))


@pytest.mark.parametrize("name", COPIES)
def test_outline(name: str) -> None:
    result = run_cli("parse", str(HERE / name))
    assert result.returncode == 0, result.stderr
    check_golden(f"header_boxes45/{name}.outline", result.stdout)


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("Effective Date: 03.01.12\tRevision Log", ("Effective Date: 03.01.12", ["Revision Log"])),
        (
            "Reference Number: CP.PHAR.88\tCoding Implications",
            ("Reference Number: CP.PHAR.88", ["Coding Implications"]),
        ),
        ("Last Review Date: 10.26\t", ("Last Review Date: 10.26", [])),
        ("Effective Date:\t03.01.12\tRevision Log", ("Effective Date: 03.01.12", ["Revision Log"])),
        ("Line of Business: Medicaid\tcentene corporation", ("Line of Business: Medicaid", ["centene corporation"])),
        ("Policy created\t08.02.22\t08.22", None),  # (no field: a row)
        ("Effective Date: 03.01.12", None),  # (no second column)
    ],
)
def test_a_field_line_and_the_cells_beside_it(line: str, read: tuple[str, list[str]] | None) -> None:
    assert _side_cells(line) == read


def test_a_logos_words_beside_the_fields_are_kept_after_them() -> None:
    text = (HERE / "ocrelizumab.web.txt").read_text(encoding="utf-8")
    text = text.replace("Last Review Date: 11.26\t", "Last Review Date: 11.26\tOcrevus Health Plan")
    header = parse_text(text).header
    assert str(header.last_review) == "2026-11"
    assert "Ocrevus Health Plan" in header.extras


def test_recover_keeps_the_fields_it_can_read_when_one_cannot_be(tmp_path: Path) -> None:
    text = (HERE / "ocrelizumab.web.txt").read_text(encoding="utf-8")
    path = tmp_path / "ocrevus.txt"
    path.write_text(text.replace("Effective Date: 06.01.17", "Effective Date: see the revision log"), encoding="utf-8")
    strict = run_cli("parse", str(path))
    assert strict.returncode == 2 and "effective date" in strict.stderr
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode == 1
    assert "header.reference\treference\tCP.PHAR.782" in result.stdout
    assert "header.review\tdate\t2026-11" in result.stdout
    assert "I.A.5\t" in result.stdout  # (the criteria keep their typed reading and ids)
    assert "Effective Date: see the revision log" in result.stdout  # (the field's text kept, unread)
    assert "ocrevus.txt:3: error:" in result.stderr and "expected the effective date" in result.stderr
    stored = run_cli("ingest", "--recover", str(path), "--store", str(tmp_path / "store"))
    assert stored.returncode == 1, stored.stderr
    assert "stored    CP.PHAR.782 @ 2026-08-10" in stored.stdout


def test_recover_with_no_reference_number_still_fails_loudly(tmp_path: Path) -> None:
    text = (HERE / "ocrelizumab.web.txt").read_text(encoding="utf-8")
    path = tmp_path / "ocrevus.txt"
    path.write_text(text.replace("Reference Number: CP.PHAR.782\t", "Reference Number:\t"), encoding="utf-8")
    stored = run_cli("ingest", "--recover", str(path), "--store", str(tmp_path / "store"))
    assert stored.returncode == 2 and "ocrevus.txt" in stored.stderr


# (-layout of a middle-aligned log: a row with no approval month, a last row whose text runs up to its date)
_LAYOUT_LOG = """\
                                                                                                    P&T
Reviews, Revisions, and Approvals                                                Date               Approval
                                                                                                    Date

Policy created                                                                   03.06.19           05.19

Added HCPCS code J2350                                                           01.08.20

2Q 2025 annual review: no significant changes; references reviewed and
                                                                                 02.10.25           05.25
updated.

Criteria added for the new indication of primary progressive disease; in
Dosage and Administration, added the subcutaneous dosing; criterion 03.02.26                        05.26
I.A.4 reworded for clarity; references reviewed and updated.

Important Reminder"""


def test_a_centred_layout_log_keeps_each_row_its_dates() -> None:
    lines = centred_log(_LAYOUT_LOG.split("\n"))
    rows = [" ".join(line.split()) for line in lines if line.strip()]
    assert rows == [
        "Reviews, Revisions, and Approvals Date P&T Approval Date",
        "Policy created 03.06.19 05.19",
        "Added HCPCS code J2350 01.08.20",
        "2Q 2025 annual review: no significant changes; references reviewed and 02.10.25 05.25",
        "updated.",
        "Criteria added for the new indication of primary progressive disease; in 03.02.26 05.26",
        "Dosage and Administration, added the subcutaneous dosing; criterion",
        "I.A.4 reworded for clarity; references reviewed and updated.",
        "Important Reminder",
    ]
