"""A Centene pharmacy print that sets the ``Coding Implications`` heading on the line of its table's header row.

Written from ``decisions_words/benralizumab.txt`` (a CP.PHAR policy of our own) as LibreOffice prints such a page:
the heading and ``HCPCS Codes | Description`` read back as one row.  The heading is its own line above the table,
so the policy is read as the family's (its criteria sets kept), never refused for its appendix.
"""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_text
from policyvc.parser.normalize import normalize

POLICY = FIXTURES / "decisions_words" / "benralizumab.txt"
FUSED = "Coding Implications\tHCPCS Codes\tDescription\n"


def _fused() -> str:
    text = POLICY.read_text(encoding="utf-8")
    lines = text.split("\n")
    k = lines.index("HCPCS Codes\tDescription")
    assert lines[k - 1] == "Coding Implications"
    return "\n".join([*lines[: k - 1], FUSED.rstrip("\n"), *lines[k + 1 :]])


def test_fused_heading_is_its_own_line() -> None:
    text = normalize("Intro\n" + FUSED + "J0517\tInjection, benralizumab, 1 mg\n", family=True).text
    assert text.split("\n")[1:4] == [
        "Coding Implications",
        "HCPCS Codes\tDescription",
        "J0517\tInjection, benralizumab, 1 mg",
    ]


def test_fused_heading_policy_keeps_its_criteria() -> None:
    plain = parse_text(POLICY.read_text(encoding="utf-8"))
    fused = parse_text(_fused())
    assert [s.id for s in fused.sections] == [s.id for s in plain.sections]
    assert fused.sections and all(s.sets for s in fused.sections[:1])


def test_a_row_of_a_table_is_not_split() -> None:
    row = "Coding\tImplications of the code\n"
    assert normalize(row, family=True).text == row
