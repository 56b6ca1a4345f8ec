"""A print wrapped at 70 columns with a running header and ``Page N of M``: a heading no vocabulary knows, right
after a table's last row (which ends no sentence), stays a heading over its text — never the first words of the
paragraph below it, which would file the text and the references under the section above — and the copy diffs to
nothing against the same version wrapped at 100 columns.  Fixtures in ``tests/fixtures/wrapped_print``."""

from __future__ import annotations

from pathlib import Path

from policyvc.history.diff import diff
from policyvc.parser import parse_file_report
from policyvc.parser.walk import walk

FIXTURES = Path(__file__).parent / "fixtures" / "wrapped_print"


def test_a_heading_after_a_tables_last_row_stays_a_heading() -> None:
    policy = parse_file_report(FIXTURES / "sacral.print70.txt", recover=True).policy
    ids = [n.id for n in walk(policy)]
    heading = "Policy-Guidelines.Summary-of-Clinical-Evidence-and-Literature"
    assert heading in ids
    assert f"{heading}.p1" in ids and f"{heading}.b1.2" in ids


def test_the_70_column_print_and_the_100_column_copy_diff_to_nothing() -> None:
    plain = parse_file_report(FIXTURES / "sacral.plain100.txt", recover=True).policy
    printed = parse_file_report(FIXTURES / "sacral.print70.txt", recover=True).policy
    assert [(e.kind.value, e.old_id, e.new_id) for e in diff(plain, printed).changes] == []
