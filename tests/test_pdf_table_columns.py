"""A ruled table printed by a browser reads to the columns it has: a rule drawn elsewhere on the page (the ends
of a menu's bottom border, a hair past the table's right edge) leaves a sliver between two rules that no row
writes in — no column of the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Table

pytestmark = pytest.mark.producers

_HTML = """<!doctype html><html><head><meta charset='utf-8'><title>Dosing</title><style>
body{font-family:Arial,sans-serif;font-size:11pt;margin:24px}
nav{font-size:9pt;border-bottom:1px solid #99a;padding:4px;margin-bottom:10px}
table{border-collapse:collapse;margin:8px 0;width:99.4%}
td,th{border:1px solid #777;padding:3px 6px;vertical-align:top;font-size:10pt}th{background:#dde}
</style></head><body>
<nav>Plan home | Coverage guidelines | Print</nav>
<h1>Benralizumab (Fasenra)</h1>
<p><strong>Policy:</strong> 09-J1000-12<br><strong>Effective Date:</strong> 02/15/2026</p>
<h2>Dosage/Administration</h2>
<table><tr><th>Indication</th><th>Dose</th><th>Frequency</th></tr>
<tr><td>Severe eosinophilic asthma</td>
<td>30 mg subcutaneously, by body weight and blood eosinophil count at baseline</td>
<td>Every 4 weeks for the first 3 doses, then every 8 weeks thereafter</td></tr>
<tr><td>EGPA</td><td>30 mg subcutaneously</td><td>Every 4 weeks</td></tr>
</table>
<h2>References</h2><p>Fasenra prescribing information. 2025.</p>
</body></html>"""


def _tables(blocks: tuple[object, ...]) -> list[Table]:
    out: list[Table] = []
    for b in blocks:
        if isinstance(b, Table):
            out.append(b)
        out.extend(_tables(getattr(b, "blocks", ())))
    return out


def test_a_browsers_ruled_table_beside_a_menus_rule_has_its_three_columns(tmp_path: Path) -> None:
    from docgen import chromium_pdf, need

    need("chromium")
    pdf = chromium_pdf(_HTML, tmp_path / "dosing.pdf")
    policy = parse_file_report(pdf, recover=True).policy
    tables = _tables(tuple(policy.body))
    assert [t.header for t in tables] == [("Indication", "Dose", "Frequency")]
    assert [len(r.cells) for r in tables[0].rows] == [3, 3]
