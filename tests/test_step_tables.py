"""Step-logic tables (``Step Question Yes No``) a copy wrote a row a line, its long cells run into the next
column: read by their cells' shapes (a step's number, a question ending in ``?``, two outcomes of the logic's
words); anything less stays text with the warning for a table whose cells cannot be told apart."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.step_tables import step_table
from policyvc.renderer.outline import render_outline

# (another state program's clinical edit, in its own words: a heading, criteria, then the edit's logic)
_EDIT = """Prairie State Medicaid Pharmacy Program
Stimulant Medications for Adults
Clinical Edit Criteria · Edit Number: PSM-ST-12 · Effective March 2025

Edit Summary
This edit applies to stimulant prescriptions for members 18 years of age or older.

Approval Criteria
Approve for 12 months if the member meets all of the following:
1. Diagnosis of attention-deficit hyperactivity disorder;
2. No active substance use disorder.

Edit Logic
{table}
Revision Log
Date Change
Mar 2025 Edit created
"""

# (a -layout print: the columns set with spaces, a long question run into `Yes` one space before its outcome)
_LAYOUT = """ Step Description                                                 Yes                   No
 1       Is the member 18 years of age or older?                   Go to #2              Deny
 2       Is there a diagnosis of ADHD on file in the last year? Go to #3                  Deny
 3       Is there a claim for a substance use treatment drug?      Deny                  Approve
"""
# (a viewer's copy of another: cells one space apart, outcomes written in full)
_VIEWER = """Step # Question Yes No
1 Does the client have a diagnosis of narcolepsy? Approve request Go to step 2
2 Has the client tried modafinil in the last 90 days? Approve request Deny request
"""


def _read(table: str) -> tuple[str, list[str]]:
    report = parse_text_report(_EDIT.format(table=table), "edit.txt", recover=True)
    return render_outline(report.policy), [d.message for d in report.diagnostics]


def test_a_layout_print_of_a_step_table_is_read_by_its_cells_shapes() -> None:
    outline, messages = _read(_LAYOUT)
    assert "table\tStep | Description | Yes | No" in outline
    assert "row\t2 | Is there a diagnosis of ADHD on file in the last year? | Go to #3 | Deny" in outline
    assert "row\t3 | Is there a claim for a substance use treatment drug? | Deny | Approve" in outline
    assert not any("do not sit under its header" in m for m in messages)


def test_a_viewer_copy_of_a_step_table_is_read_by_its_cells_shapes() -> None:
    outline, _ = _read(_VIEWER)
    assert "table\tStep # | Question | Yes | No" in outline
    assert "row\t1 | Does the client have a diagnosis of narcolepsy? | Approve request | Go to step 2" in outline
    assert "row\t2 | Has the client tried modafinil in the last 90 days? | Approve request | Deny request" in outline


def test_what_must_not_be_read_as_a_step_table() -> None:
    header = "Step Question Yes No"
    rows = ["1 Is the client 6 or older? Go to step 2 Deny request", "2 Is it documented? Approve request Deny request"]
    assert step_table([header, *rows], 0) is not None
    # (an outcome of other words: where the cells end is a guess)
    assert step_table([header, rows[0], "2 Is it documented? Refer for clinical review Deny request"], 0) is None
    # (a question wrapped onto the next line, or not ending in its question mark)
    assert (
        step_table([header, "1 Is the client 6 or older and", "taking another drug? Go to step 2 Deny", rows[1]], 0)
        is None
    )
    assert step_table([header, "1 The client is 6 or older. Go to step 2 Deny request", rows[1]], 0) is None
    # (steps out of order, a single row, prose under the header, other column names)
    assert step_table([header, rows[1], rows[0]], 0) is None
    assert step_table([header, rows[0]], 0) is None
    assert step_table([header, "See the criteria above."], 0) is None
    assert step_table(["Step Question Approve Deny", *rows], 0) is None


def test_an_unread_step_table_keeps_its_text() -> None:
    outline, _ = _read("Step Question Yes No\n1 Is the client 6 or older? Refer to a pharmacist Deny\n")
    assert "Refer to a pharmacist" in outline
