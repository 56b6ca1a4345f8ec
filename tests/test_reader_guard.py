"""Which texts are read as policies: a field dating the document, however its label is worded and its date
written, says it is one; a letter with a date in it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from policyvc.parser.documents import looks_like_policy

_PAGE = """Department of Health Services
Pharmacy Benefits Program
Home / Prior Authorization / Criteria

Prior Authorization Criteria
Abatacept (Orencia)

{field}

Criteria
The request is approved when all of the following are met:
1. The patient is 6 years of age or older
2. The prescriber is a rheumatologist
"""


@pytest.mark.parametrize(
    "field",
    [
        "Effective Date: November 1, 2026",
        "Clinical edit effective date: October 1, 2026",
        "Publication Date: 09/15/2026",
        "Last Updated: Jan. 5, 2026",
        "Date Approved: 2026-03-01",
    ],
)
def test_a_field_dating_the_document_makes_it_a_policy(field: str, tmp_path: Path) -> None:
    text = _PAGE.format(field=field)
    assert looks_like_policy(text)
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode in (0, 1), result.stderr
    assert "header.title\ttitle\tAbatacept (Orencia)" in result.stdout
    assert "Criteria.c1\tset:all\t" in result.stdout and "Criteria.c1.2\t" in result.stdout


@pytest.mark.parametrize(
    "line",
    [
        "Reviewed: next year, with the committee",
        "Dear colleague: 2026 was a busy year",
        "We revised: the minutes of March 3, 2026 follow",
    ],
)
def test_a_date_that_is_no_field_value_does_not(line: str) -> None:
    assert not looks_like_policy(f"Dear colleague,\n\n{line}\n\nThe minutes follow.\n")
