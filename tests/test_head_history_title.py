"""A back-matter history's name (``Publication History``, ``Policy Approval History``) is never a document's title.

A page whose head the reader could not tell (no label, no identifier) falls back on its title-like lines; the
heading over its history is one of them, and must not be taken for the title.  A title that merely ends in
*History* of something else (``Family History Assessment``) is not a back-matter name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report

_PAGE = """Clinical Prior Authorization

Criteria Overview
Approve for 12 months if the client meets all of the following:
1. Diagnosis of attention deficit hyperactivity disorder;
2. Prescribed by a child psychiatrist.

{heading}
Date\tChange
01/15/2026\tCriteria revised
"""


@pytest.mark.parametrize("heading", ["Publication History", "Policy Approval History", "Document History"])
def test_a_history_heading_is_never_the_title(tmp_path: Path, heading: str) -> None:
    path = tmp_path / "page.txt"
    path.write_text(_PAGE.format(heading=heading), encoding="utf-8")
    report = parse_file_report(path, recover=True)
    assert report.policy is not None
    assert report.policy.header.title != heading


def test_a_title_about_a_history_stays_the_title(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(
        "Family History Assessment\nPolicy Number: GEN-114\nEffective Date: 01/01/2026\n\nCoverage Criteria\n"
        "Family history assessment is medically necessary when all of the following are met:\n"
        "1. A first-degree relative with a hereditary cancer syndrome;\n2. Genetic counseling before testing.\n",
        encoding="utf-8",
    )
    report = parse_file_report(path, recover=True)
    assert report.policy is not None and report.policy.header.title == "Family History Assessment"
