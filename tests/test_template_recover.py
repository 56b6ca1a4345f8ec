"""``parse --recover`` always gives a tree: headers the grammar does not expect are read by the outline,
with one ``error`` diagnostic for what the grammar could not read; strict mode still exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, run_cli

from policyvc.parser import parse_text_report

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _no_description() -> str:
    start = SEED_TEXT.index("\nDescription\n")
    return SEED_TEXT[: start + 1] + SEED_TEXT[SEED_TEXT.index("FDA Approved Indication") :]


def _one_line_header() -> str:
    lines = SEED_TEXT.split("\n")
    fields = [k for k, line in enumerate(lines[:14]) if line.strip()][:5]
    joined = " ".join(lines[k] for k in fields)
    for k in reversed(fields):
        del lines[k]
    lines.insert(fields[0], joined)
    return "\n".join(lines)


VARIANTS = {
    "no-description": _no_description,
    "browser-print-header": lambda: (
        "12/4/26, 9:15 PM\tCLINICAL POLICY Sargramostim\nCLINICAL POLICY Sargramostim\n\n" + SEED_TEXT
    ),
    "site-text-before-title": lambda: "Skip to main content\nHome | Providers | Members\nSearch\n\n" + SEED_TEXT,
    "header-on-one-line": _one_line_header,
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_recover_keeps_the_header_and_every_section(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(VARIANTS[name](), encoding="utf-8")
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode in (0, 1), result.stderr
    out = result.stdout
    assert "header.reference\treference\tCP.PHAR.295" in out
    assert "header.title\ttitle\tSargramostim (Leukine)" in out
    # the criteria of section I are there, whichever way the document was read
    assert "Diagnosis of AML;" in out and "Diagnosis of high-risk neuroblastoma;" in out


def test_what_the_grammar_cannot_read_is_one_error_and_strict_mode_exits_2(tmp_path: Path) -> None:
    report = parse_text_report(_no_description(), "x.txt", recover=True)
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and "read by its outline" in errors[0].message and errors[0].line == 19
    assert report.policy.body, "the outline's sections"
    path = tmp_path / "strict.txt"
    path.write_text(_no_description(), encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 2 and "strict.txt:19" in result.stderr


def test_generic_and_medical_documents_parse_strictly_with_warnings_for_missing_fields(tmp_path: Path) -> None:
    path = tmp_path / "no-number.txt"
    path.write_text(
        "Knee Arthroscopy\n\nEffective Date: 03/01/2026\n\nCoverage Criteria\n"
        "Arthroscopy is covered when all of the following are met:\n1. Mechanical symptoms;\n2. Failed therapy.\n",
        encoding="utf-8",
    )
    result = run_cli("parse", str(path))
    assert result.returncode == 0
    assert "found no identifier" in result.stderr
    assert "Coverage-Criteria.c1.2\tjudgment\tFailed therapy." in result.stdout
