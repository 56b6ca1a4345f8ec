"""Tables without rules under a shaded header row, as LibreOffice prints a web page's table (issue 17).

A policy saved from its web page and printed through LibreOffice (``soffice --infilter="HTML (StarWriter)"``)
keeps its tables' ``<th>`` shading but draws no cell border, and sets each cell's text in the middle of its row's
height.  Read as text, a log's descriptions came out as one block and its dates after them (every row's date
apart from its words: no revision-log entry read), and a narrow date column's ``02.10.21`` broke into ``02.10.2``
over ``1``.  The page's shaded header boxes give the columns, the cells' lines the rows.

The policy here is invented (its own drug, dates and wording) in the family's layout; the PDF is LibreOffice's.
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

_CSS = (
    "body{font-family:Arial,Helvetica,sans-serif;font-size:11.5pt;line-height:1.45}"
    "table{border-collapse:collapse;width:100%} td,th{border:1px solid #777;padding:4pt;text-align:left}"
    "th{background:#dfe7f2}"
)

_LOG = [
    ("2Q 2021 annual review: no significant changes; references reviewed and updated.", "02.09.21", "05.21"),
    (
        "2Q 2022 annual review: added a redirection to the preferred formulary agents; references reviewed.",
        "02.15.22",
        "05.22",
    ),
    ("2Q 2023 annual review: no significant changes; references reviewed and updated.", "02.07.23", "05.23"),
    (
        "2Q 2024 annual review: revised the trial of conventional therapy to 12 weeks and extended the approval "
        "duration to 12 months; for continued therapy clarified what a positive response is; references reviewed "
        "and updated.",
        "02.06.24",
        "05.24",
    ),
]
_DOSING = [
    ("methotrexate (Trexall®)", "10 to 25 mg PO once weekly", "30 mg/week"),
    ("azathioprine (Imuran®)", "2 to 3 mg/kg/day PO", "3 mg/kg/day"),
]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _page() -> str:
    criteria = "".join(
        f"<p>{html.escape(t)}</p>"
        for t in (
            "I. Initial Approval Criteria",
            "A. Plaque Psoriasis (must meet all):",
            "1. Diagnosis of plaque psoriasis;",
            "2. Prescribed by or in consultation with a dermatologist;",
            "3. Age ≥ 18 years;",
            "Approval duration: 6 months",
        )
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{_CSS}</style></head><body>'
        "<h1>Clinical Policy: Examplimab (Examplia)</h1>"
        "<p><b>Reference Number:</b> CP.PHAR.901</p><p><b>Effective Date:</b> 03.01.19</p>"
        "<p><b>Last Review Date:</b> 05.24</p><p><b>Line of Business:</b> Commercial, Medicaid</p>"
        "<h2>Description</h2><p>Examplimab (Examplia®) is an interleukin antagonist.</p>"
        "<h2>FDA Approved Indication(s)</h2><p>Examplia is indicated for the treatment of plaque psoriasis.</p>"
        "<h2>Policy/Criteria</h2>"
        "<p>It is the policy of health plans affiliated with Centene Corporation® that Examplia is medically "
        "necessary when the following criteria are met:</p>"
        f"{criteria}"
        "<h2>IV. Appendices/General Information</h2><h3>Appendix B: Therapeutic Alternatives</h3>"
        + _table(("Drug Name", "Dosing Regimen", "Dose Limit/Maximum Dose"), _DOSING)
        + "<h2>Reviews, Revisions, and Approvals</h2>"
        + _table(("Reviews, Revisions, and Approvals", "Date", "P&T Approval Date"), _LOG)
        + "<h2>Important Reminder</h2><p>This clinical policy has been developed by appropriately experienced "
        "and licensed health care professionals.</p></body></html>"
    )


@pytest.fixture(scope="module")
def printed() -> Path:
    need("soffice")
    exe = have("soffice")
    assert exe is not None
    out = Path(tempfile.mkdtemp(prefix="shaded"))
    page = out / "policy.html"
    page.write_text(_page(), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(out),
                str(page),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
    return out / "policy.pdf"


def test_the_log_reads_a_row_a_line_with_its_dates(printed: Path) -> None:
    text = extract(printed).text
    assert "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date" in text
    for words, date, month in _LOG:
        assert f"{words}\t{date}\t{month}" in text  # (a narrow date column's wrapped date whole again)


def test_a_dosing_table_reads_its_rows(printed: Path) -> None:
    text = extract(printed).text
    assert "Drug Name\tDosing Regimen\tDose Limit/Maximum Dose" in text
    for row in _DOSING:
        assert "\t".join(row) in text


def test_the_log_rows_are_the_policys_revision_log(printed: Path) -> None:
    policy = parse_file(printed)
    assert [(e.description, e.date.isoformat()) for e in policy.revision_log] == [
        (words, f"20{date[6:]}-{date[:2]}-{date[3:5]}") for words, date, _ in _LOG
    ]
