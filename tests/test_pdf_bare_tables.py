"""Tables with no rules and no shading under a bold header row, as LibreOffice prints a Word table whose borders
are off (set 35: a Centene policy's Appendix B, its dosing table, its coding table and its revision log).

Nothing is drawn: read as text, a row's cells came out one under another — a drug's name wrapped over two lines,
its dose beside the first, its limit centred between them — and a log's dates after all of its descriptions.  The
header row's bold runs name the columns; the gutters no line of the header or the rows below crosses split them
(a cell's padding may be no wider than a space: the columns hold in every line); the rows are read as a shaded
table's are.  What is no table stays text: a bold line over a list's items, a paragraph across the columns.

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
    "body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;line-height:1.2}"
    "table{border-collapse:collapse;width:100%} td,th{border:none;padding:2pt;vertical-align:middle;"
    "text-align:left} th{font-weight:bold;text-align:center}"
)

_LOG = [
    ("Policy created", "03.02.20", "05.20"),
    (
        "2Q 2022 annual review: added the trial of a conventional agent; references reviewed and updated.",
        "02.15.22",
        "05.22",
    ),
    ("2Q 2024 annual review: extended the approval duration to 12 months; references reviewed.", "02.06.24", "05.24"),
]
_DOSING = [
    ("methotrexate (Trexall®)", "10 to 25 mg PO once weekly", "30 mg/week"),
    ("azathioprine (Imuran®)", "2 to 3 mg/kg/day PO", "3 mg/kg/day"),
]
_CODES = [("J3590", "Unclassified biologics")]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _page() -> str:
    criteria = "".join(
        f"<p>{html.escape(t)}</p>"
        for t in (
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
        "<p>Reference Number: CP.PHAR.902</p><p>Effective Date: 03.01.20</p>"
        "<p>Last Review Date: 05.24</p><p>Line of Business: Commercial, Medicaid</p>"
        "<h2>Description</h2><p>Examplimab (Examplia®) is an interleukin antagonist.</p>"
        "<h2>FDA Approved Indication(s)</h2><p>Examplia is indicated for the treatment of plaque psoriasis.</p>"
        "<h2>Policy/Criteria</h2>"
        "<p>It is the policy of health plans affiliated with Centene Corporation® that Examplia is medically "
        "necessary when the following criteria are met:</p>"
        "<p><b>I.&#160;&#160;&#160;&#160;Initial Approval Criteria</b></p>"
        f"{criteria}"
        "<h2>IV. Appendices/General Information</h2><h3>Appendix B: Therapeutic Alternatives</h3>"
        + _table(("Drug Name", "Dosing Regimen", "Dose Limit/Maximum Dose"), _DOSING)
        + "<p>Therapeutic alternatives are listed as Brand name® (generic) when the drug is available by brand "
        "name only and generic (Brand name®) when the drug is available by both brand and generic.</p>"
        + "<h2>Coding Implications</h2><p>Codes referenced in this clinical policy are for informational purposes "
        "only.</p>"
        + _table(("HCPCS Codes", "Description"), _CODES)
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
    out = Path(tempfile.mkdtemp(prefix="bare"))
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


def test_a_dosing_table_reads_its_rows(printed: Path) -> None:
    text = extract(printed).text
    assert "Drug Name\tDosing Regimen\tDose Limit/Maximum Dose" in text
    for row in _DOSING:
        assert "\t".join(row) in text


def test_a_one_row_code_table_reads_its_row(printed: Path) -> None:
    text = extract(printed).text
    assert "HCPCS Codes\tDescription\nJ3590\tUnclassified biologics" in text


def test_the_log_rows_are_the_policys_revision_log(printed: Path) -> None:
    policy = parse_file(printed)
    assert [(e.description, e.date.isoformat()) for e in policy.revision_log] == [
        (words, f"20{date[6:]}-{date[:2]}-{date[3:5]}") for words, date, _ in _LOG
    ]


def test_what_is_no_table_stays_text(printed: Path) -> None:
    text = extract(printed).text
    assert "\tInitial Approval Criteria" not in text and "Diagnosis of plaque psoriasis;" in text
    assert "Therapeutic alternatives are listed as Brand name® (generic) when the drug is available by brand" in text
    policy = parse_file(printed)
    assert policy.sections and policy.sections[0].sets
