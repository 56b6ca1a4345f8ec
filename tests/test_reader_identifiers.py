"""Identifiers other payers write that the generic header reads (each becomes a store key, so each is read only
in an identifier's shape): a series' capitals and its number with a space, a ``Medical Policy`` label with a
colon or a dash, and a layout's label/value grid with no colons."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from policyvc.parser import parse_text_report


def _header(text: str) -> tuple[str, str]:
    h = parse_text_report(text, recover=True).policy.header
    return h.title, h.reference_number


@pytest.mark.parametrize(
    ("line", "reference"),
    [
        ("Coverage Policy Number              IP 0252", "IP 0252"),
        ("Policy Number: MP 221", "MP 221"),
        ("Medical Policy: S-44-027", "S-44-027"),
        ("MEDICAL POLICY – 7.01.108", "7.01.108"),
        ("Medical Policy – Knee Surgery", ""),  # (a name, no identifier: never a guess)
        ("Policy Number: 2026 review cycle", ""),
    ],
)
def test_identifier_forms(line: str, reference: str) -> None:
    text = f"Knee Arthroscopy\n{line}\nEffective Date        04/15/2026\n\nOverview\n\nText of the policy.\n"
    assert _header(text)[1] == reference


def test_a_spaced_identifier_files_under_its_parts(tmp_path: Path) -> None:
    doc = tmp_path / "cigna.txt"
    doc.write_text(
        "Pharmacy Coverage Policy\nInflammatory Conditions\n  Coverage Policy Number     IP 0252\n"
        "  Effective Date             04/15/2026\n\nOverview\n\nThis policy addresses preferred products.\n",
        encoding="utf-8",
    )
    result = run_cli("ingest", "--store", str(tmp_path / "store"), str(doc))
    assert result.returncode == 0, result.stderr
    assert "IP.0252 @ 2026-04-15" in result.stdout
