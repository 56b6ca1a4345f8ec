"""A revision log whose cells a print centred vertically.

- ``pdftotext -layout`` of such a print (a LibreOffice or Chromium PDF of the family's policies) puts a row's
  dates on the middle line of its description — the first lines above, the rest below — and a two-line header
  cell's first word above the header's line, its last below it (``Approval`` / ``Revision Date`` / ``Date``):
  read from the top, the lines under the dates went to the next row and the dates to the wrong text, so a new
  version was filed under an older entry's date (:mod:`policyvc.parser.centred_log`);
- pdftotext in reading order of a Chromium print: a header cell of three lines whose middle one shares the
  baseline of the column before it (``P&T`` / ``Reviews, …`` / ``Date Approval`` / ``Date``), and a code row
  whose description is centred on its code (``Unclassified`` / ``J3590`` / ``biologics``): the policy stopped
  at the coding table and its log was lost.
"""

from __future__ import annotations

from pathlib import Path

from policyvc.parser import parse_file
from policyvc.parser.centred_log import centred_log

HERE = Path(__file__).parent / "fixtures" / "trailer_logs"

# (column 68: the first date column, as the rows' dates stand under it; 98 the second)
CENTRED = """\
Reviews, Revisions, and Approvals                                   Revision Date                 Approval
                                                                                                  Date

Policy developed                                                    02/14                         02/14

Annual review. References reviewed and updated.                     10/24                         10/24

Annual review. Added 43775 to coding table. References
                                                                    10/25                         10/25
reviewed and updated.

Annual review. Added criterion I.F requiring nicotine cessation
for at least 6 weeks prior to surgery. Coding implications: added   10/26                         10/26
CPT codes 43886, 43887, and 43888.


References"""

CENTRED_HEADER = """\
                                                                                                  Approval
Reviews, Revisions, and Approvals                                   Revision Date
                                                                                                  Date
Policy developed                                                    02/14                         02/14
Annual review. Added 43775 to coding table. References
                                                                    10/25                         10/25
reviewed and updated.
Annual review. Added criterion I.F requiring nicotine cessation
for at least 6 weeks prior to surgery. Coding implications: added   10/26                         10/26
CPT codes 43886, 43887, and 43888.
"""


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _rows(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Each row as a top-aligned log writes it: its first line's text and dates, then its other lines."""
    rows: list[tuple[str, list[str]]] = []
    for line in lines:
        cells = [c for c in line.strip().split("  ") if c.strip()]
        if line.startswith("Reviews"):
            continue
        if len(cells) == 3:
            rows.append((cells[0].strip(), [cells[1].strip(), cells[2].strip()]))
        elif line.strip() and rows:
            rows[-1] = (f"{rows[-1][0]} {line.strip()}", rows[-1][1])
    return rows


def test_each_row_keeps_its_own_dates_and_every_line_its_number() -> None:
    lines = CENTRED.split("\n")
    out = centred_log(lines)
    assert len(out) == len(lines)
    assert " ".join(out[0].split()) == "Reviews, Revisions, and Approvals Revision Date Approval Date"
    assert out[1] == ""
    rows = _rows(out[2 : out.index("References")])
    assert rows == [
        ("Policy developed", ["02/14", "02/14"]),
        ("Annual review. References reviewed and updated.", ["10/24", "10/24"]),
        ("Annual review. Added 43775 to coding table. References reviewed and updated.", ["10/25", "10/25"]),
        (
            "Annual review. Added criterion I.F requiring nicotine cessation for at least 6 weeks prior to surgery. "
            "Coding implications: added CPT codes 43886, 43887, and 43888.",
            ["10/26", "10/26"],
        ),
    ]
    assert out[-1] == "References"


def test_rows_with_no_blank_line_between_them() -> None:
    out = centred_log(CENTRED_HEADER.split("\n"))
    assert out[0] == "" and out[2] == ""
    rows = _rows(out)
    assert [r[1][0] for r in rows] == ["02/14", "10/25", "10/26"]
    assert rows[1][0] == "Annual review. Added 43775 to coding table. References reviewed and updated."


def test_a_log_not_centred_is_left_as_it_is() -> None:
    top_aligned = _lines("""\
Reviews, Revisions, and Approvals                                   Revision Date   Approval Date
Policy developed                                                    02/14           02/14
Annual review. Added 43775 to coding table. References             10/25           10/25
reviewed and updated.
Annual review. Added criterion I.F requiring nicotine cessation     10/26           10/26
for at least 6 weeks prior to surgery.
""")
    assert centred_log(top_aligned) == top_aligned
    bottom_aligned = _lines("""\
Reviews, Revisions, and Approvals                                   Revision Date   Approval Date
Policy developed                                                    02/14           02/14
Annual review. Added 43775 to coding table. References
reviewed and updated.                                               10/25           10/25
Annual review. Added criterion I.F requiring nicotine cessation
for at least 6 weeks prior to surgery.                              10/26           10/26
""")
    assert centred_log(bottom_aligned) == bottom_aligned


def test_a_print_with_a_three_line_header_cell_and_a_centred_code_row_reads_strictly() -> None:
    policy = parse_file(HERE / "zelvora-print-centred.txt")
    assert [(str(e.date), str(e.pt_approval)) for e in policy.revision_log] == [
        ("2023-03-01", "2023-03"),
        ("2024-02-12", "2024-02"),
        ("2025-02-10", "2025-02"),
    ]
    assert policy.revision_log == parse_file(HERE / "zelvora-print.txt").revision_log
    assert "©2023 Centene Corporation" in " ".join(p.text for p in policy.reminder)


def test_a_year_a_narrow_date_column_wrapped_around_its_row_is_whole() -> None:
    from policyvc.parser.written_dates import cut_dates

    lines = _lines("""\
11/202
       Annual review. Added gender-affirming hormone therapy criteria.
3

11/202 Annual review. No changes to criteria.
5

11/202 Annual review. Updated the total testosterone threshold to below 300
6      ng/dL per AUA guideline.""")
    for k, (line, below) in cut_dates(lines).items():
        lines[k], lines[k + 1] = line, below
    assert [" ".join(t.split()) for t in lines if t.strip()] == [
        "11/2023 Annual review. Added gender-affirming hormone therapy criteria.",
        "11/2025 Annual review. No changes to criteria.",
        "11/2026 Annual review. Updated the total testosterone threshold to below 300",
        "ng/dL per AUA guideline.",
    ]


CENTRED_CODES = """\
  CPT®
                                                     Description
  Codes

           Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass and Roux-en-Y
43644
           gastroenterostomy (roux limb 150 cm or less)

43845      Gastric restrictive procedure with partial gastrectomy, pylorus-preserving duodenoileostomy
\f           and ileoileostomy (50 to 100 cm common channel) to limit absorption

43886      Gastric restrictive procedure, open; revision of subcutaneous port component only

           Gastric restrictive procedure, open; removal and replacement of subcutaneous port
43888
           component only


Reviews, Revisions, and Approvals"""


def test_a_code_table_whose_descriptions_are_centred_on_their_codes() -> None:
    from policyvc.parser.centred_log import centred_codes

    lines = _lines(CENTRED_CODES)
    out = centred_codes(lines)
    assert len(out) == len(lines) and out[9].startswith("\f")  # (every line and the page break where it was)
    said = [" ".join(t.split()) for t in out if t.strip()]
    assert said == [
        "CPT® Codes Description",
        "43644 Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass and Roux-en-Y",
        "gastroenterostomy (roux limb 150 cm or less)",
        "43845 Gastric restrictive procedure with partial gastrectomy, pylorus-preserving duodenoileostomy",
        "and ileoileostomy (50 to 100 cm common channel) to limit absorption",
        "43886 Gastric restrictive procedure, open; revision of subcutaneous port component only",
        "43888 Gastric restrictive procedure, open; removal and replacement of subcutaneous port",
        "component only",
        "Reviews, Revisions, and Approvals",
    ]


def test_one_centred_code_row_with_no_blank_line_around_it() -> None:
    from policyvc.parser.centred_log import centred_codes

    lines = _lines("""\
   HCPCS Codes                                   Description
                                                 Unclassified
   J3590
                                                 biologics
                                                                     P&T Approval""")
    out = centred_codes(lines)
    assert [" ".join(t.split()) for t in out] == [
        "HCPCS Codes Description",
        "J3590 Unclassified",
        "biologics",
        "",
        "P&T Approval",
    ]


def test_codes_a_line_each_with_their_descriptions_are_left_as_they_are() -> None:
    from policyvc.parser.centred_log import centred_codes

    lines = _lines("""\
CPT® Codes   Description
43644        Laparoscopy, surgical, gastric restrictive procedure; with gastric bypass
             and Roux-en-Y gastroenterostomy
43886        Gastric restrictive procedure, open; revision of subcutaneous port""")
    assert centred_codes(lines) == lines


def test_a_print_footer_address_reading_order_set_among_the_text_is_furniture() -> None:
    from policyvc.parser import parse_text

    text = (HERE / "zelvora-print.txt").read_text(encoding="utf-8")
    at = text.index("Coding Implications")
    moved = f"{text[:at]}file:///home/user/Downloads/zelvora.html\n\n{text[at:]}"
    assert parse_text(moved).sections == parse_text(text).sections
    assert "file:///" not in str(parse_text(moved))
