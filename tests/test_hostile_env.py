"""Hostile environment values (issue 20, item 2): every number is checked at start, one line and exit 2."""

from __future__ import annotations

import pytest
from conftest import POLICIES, run_cli

CASES = [
    ("POLICYVC_MAX_TEXT_MB", "inf"),
    ("POLICYVC_MAX_TEXT_MB", "1e400"),
    ("POLICYVC_MAX_TEXT_MB", "nan"),
    ("POLICYVC_MAX_TEXT_MB", "-1"),
    ("POLICYVC_MAX_PAGES", "inf"),
    ("POLICYVC_MAX_PAGES", "1e400"),
    ("POLICYVC_MAX_PAGES", "0"),
    ("POLICYVC_PDF_PAGE_TIMEOUT", "inf"),
    ("POLICYVC_PDF_PAGE_TIMEOUT", "1e400"),
    ("POLICYVC_PDF_MEMORY_MB", "9" * 30),
    ("POLICYVC_PDF_TIMEOUT", "-inf"),
]


@pytest.mark.parametrize(("name", "value"), CASES, ids=[f"{n}={v[:8]}" for n, v in CASES])
def test_bad_environment_value_is_one_line(name: str, value: str) -> None:
    result = run_cli("parse", str(POLICIES["filgrastim"]), env={name: value})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: ${name}: expected "), result.stderr
    assert result.stdout == ""


def test_good_values_are_accepted() -> None:
    env = {"POLICYVC_MAX_TEXT_MB": "0.5", "POLICYVC_MAX_PAGES": "20", "POLICYVC_PDF_PAGE_TIMEOUT": "3"}
    assert run_cli("parse", str(POLICIES["filgrastim"]), env=env).returncode == 0
