"""Tables printed with neither rules nor shading under a bold header row (issue 17).

A policy written as a web page, saved as a Word document and printed by LibreOffice loses its tables' borders:
the header row's cells are bold and centred over plain rows, each cell's text wrapped in its narrow column and
a short cell (a date) set beside the middle of its row.  Read as text, a log's descriptions came out a few words
a line with their dates among them: no revision-log entry read, and a Centene print refused at its coding table.
The bold header row's groups and the gutters every row leaves between them give the columns, the cells' lines
the rows.

The policies here are invented (their own drugs, dates and wording); the PDFs are LibreOffice's.
"""

from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

import pytest
from docgen import have, need

from policyvc.parser import parse_file
from policyvc.parser.pdf import extract

_CSS = "body{font-family:Arial,sans-serif;font-size:11.5pt}td,th{padding:3pt 5pt;vertical-align:top}"

_LOG = [
    ("Policy created", "04.17", "06.17"),
    (
        "Added pediatric indication per updated prescribing information; references reviewed and updated.",
        "08.14.21",
        "10.21",
    ),
    ("3Q 2024 annual review: no significant changes; references reviewed and updated.", "07.09.24", "09.24"),
    (
        "3Q 2025 annual review: lowered the age limit to 12 years; extended the approval duration to 12 months; "
        "references reviewed and updated.",
        "07.15.25",
        "09.25",
    ),
]
_HISTORY = [
    ("03/12/2026", "Updated the background and the references. Removed the requirement for a prior trial of "
     "an oral agent per the updated labeling."),
    ("03/10/2025", "Annual review; no changes."),
    ("04/02/2024", "New policy."),
]  # fmt: skip


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> str:
    cols = "".join(f"<col width='{w}%'>" for w in widths) if widths else ""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table width='600' style='width:6.5in'>{cols}<tr>{head}</tr>{body}</table>"


def _centene() -> str:
    criteria = "".join(
        f"<p>{html.escape(t)}</p>"
        for t in (
            "I. Initial Approval Criteria",
            "A. Atopic Dermatitis (must meet all):",
            "1. Diagnosis of atopic dermatitis;",
            "2. Prescribed by or in consultation with a dermatologist;",
            "3. Age ≥ 12 years;",
            "Approval duration: 12 months",
        )
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{_CSS}</style></head><body>'
        "<h1>Clinical Policy: Exampligumab (Examplor)</h1>"
        "<p>Reference Number: CP.PHAR.907</p><p>Effective Date: 06.01.17</p>"
        "<p>Last Review Date: 07.25</p><p>Line of Business: Commercial, Medicaid</p>"
        "<h2>Description</h2><p>Exampligumab (Examplor®) is an interleukin-13 antagonist.</p>"
        + "<p>Examplor is given by subcutaneous injection every two weeks after a loading dose.</p>"
        * 8
        + ""
        "<h2>FDA Approved Indication(s)</h2><p>Examplor is indicated for the treatment of atopic dermatitis.</p>"
        "<h2>Policy/Criteria</h2>"
        "<p>It is the policy of health plans affiliated with Centene Corporation® that Examplor is medically "
        "necessary when the following criteria are met:</p>"
        f"{criteria}"
        "<h2>Coding Implications</h2><p>Codes referenced in this clinical policy are for informational purposes "
        "only.</p>"
        + _table(("HCPCS Codes", "Description"), [("J3590", "Unclassified biologics")], (40, 60))
        + "<h2>Reviews, Revisions, and Approvals</h2>"
        + _table(("Reviews, Revisions, and Approvals", "Date", "P&T Approval Date"), _LOG, (40, 30, 30))
        + "<h2>Important Reminder</h2><p>This clinical policy has been developed by appropriately experienced "
        "and licensed health care professionals.</p></body></html>"
    )


def _plan() -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{_CSS}</style></head><body>'
        "<h1>Examplomab Injection</h1><p>Pharmacy Coverage Policy: RX-2024-117</p>"
        "<p>Policy Effective: 04/01/2026</p><h2>Coverage Criteria</h2>"
        "<p>1. Member is 18 years of age or older;</p><p>2. Diagnosis of chronic migraine;</p>"
        "<h2>Policy History/Revision Information</h2>"
        + _table(("Date", "Summary of Changes"), _HISTORY, (30, 70))
        + "<p>Example Health Plan · Member Services 1-800-555-0100 · © Example Health Plan. All rights reserved.</p>"
        "</body></html>"
    )


def _print(name: str, page: str) -> Path:
    """The page saved as a Word document, then printed, by LibreOffice (the borders lost on the way)."""
    need("soffice")
    exe = have("soffice")
    assert exe is not None
    out = Path(tempfile.mkdtemp(prefix="boldhead"))
    (out / f"{name}.html").write_text(page, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        for src, fmt in ((f"{name}.html", "docx:MS Word 2007 XML"), (f"{name}.docx", "pdf")):
            subprocess.run(
                [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt, "--outdir",
                 str(out), str(out / src)],
                capture_output=True, timeout=180, check=True,
            )  # fmt: skip
    return out / f"{name}.pdf"


@pytest.fixture(scope="module")
def centene() -> Path:
    return _print("centene", _centene())


@pytest.fixture(scope="module")
def plan() -> Path:
    return _print("plan", _plan())


def test_a_centene_print_reads_its_coding_table(centene: Path) -> None:
    text = extract(centene).text
    assert "HCPCS Codes\tDescription" in text  # (the header centred over a narrow code's column)
    assert "J3590\tUnclassified biologics" in text


def test_a_history_whose_dates_stand_beside_their_rows(plan: Path) -> None:
    policy = parse_file(plan)
    assert policy.reference_number == "RX-2024-117"  # (``Pharmacy Coverage Policy: RX-2024-117``)
    assert sorted((e.date.isoformat(), e.description) for e in policy.revision_log) == sorted(
        (f"{d[6:]}-{d[:2]}-{d[3:5]}", words) for d, words in _HISTORY
    )
    # (the plan's footer line under the table, across its gutter, is no row)
    assert "Member Services" not in " ".join(e.description for e in policy.revision_log)
