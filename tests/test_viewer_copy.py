"""A family policy copied from a PDF viewer: no blank lines, lines wrapped as printed, a table's header cells
a line each (``HCPCS`` / ``Codes`` / ``Description``), each row a line with its dates at its end, page
footers between.  It reads strictly, as the printed text of the same policy does."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES, run_cli

from policyvc.parser import parse_file_report, parse_text_report

COPY = FIXTURES / "viewer_copy" / "cp-phar-mepolizumab.txt"


def test_a_viewer_copy_reads_strictly_with_its_tables_and_log() -> None:
    report = parse_file_report(COPY)
    policy = report.policy
    assert policy.reference_number == "CP.PHAR.200"
    assert [s.id for s in policy.sections] == ["I", "II", "III"]
    assert [e.date for e in policy.revision_log] == [dt.date(2016, 10, 18), dt.date(2024, 8, 12), dt.date(2025, 8, 5)]
    assert policy.revision_log[0].description == "Policy created"
    assert policy.revision_log[2].description.endswith("prescribing information; references reviewed and updated.")
    # the running header (``CLINICAL POLICY`` / the drug's name without its brand) is furniture, never text
    meanings = [meaning for appendix in policy.appendices for _, meaning in appendix.abbreviations]
    assert "inhaled corticosteroid" in meanings and not any("Mepolizumab" in m for m in meanings)


def test_the_viewer_copys_code_row_through_the_cli() -> None:
    result = run_cli("parse", str(COPY))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["coding.J2182", "hcpcs", "Injection, mepolizumab, 1 mg"] in rows
    assert not any(row[1] == "paragraph" and row[2].startswith("J2182") for row in rows if len(row) > 2)


def test_a_copy_that_keeps_each_known_header_on_one_line_reads_the_same() -> None:
    """Some viewers copy a table's header row as one line (``HCPCS Codes Description``, the log's header whole),
    right under the text above and over its first row: the same tables and log as a header spelled a cell a line."""
    text = COPY.read_text(encoding="utf-8")
    joined = text.replace("HCPCS\nCodes\nDescription\n", "HCPCS Codes Description\n").replace(
        "Reviews, Revisions, and Approvals Date P&T\nApproval\nDate\n",
        "Reviews, Revisions, and Approvals Date P&T Approval Date\n",
    )
    assert joined.count("\n") == text.count("\n") - 4  # (both headers were in the fixture as spelled above)
    one = parse_text_report(joined, "copy.txt").policy
    policy = parse_file_report(COPY).policy
    assert one.hcpcs == policy.hcpcs and [c.code for c in one.hcpcs] == ["J2182"]
    assert [(e.date, e.description) for e in one.revision_log] == [(e.date, e.description) for e in policy.revision_log]
