"""The CLI through its real entry points (the installed script and ``python -m policyvc``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED, run_cli

from policyvc.parser import parse_file
from policyvc.renderer.outline import render_outline
from policyvc.serialize import from_json


def test_parse_outline_is_the_default() -> None:
    result = run_cli("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_outline(parse_file(SEED))
    lines = result.stdout.splitlines()
    assert (
        "I.A.4.b\tstep-therapy\tFailure of Zarxio®, unless contraindicated or clinically significant adverse "
        "effects are experienced;" in lines
    )
    assert all(line.count("\t") == 2 for line in lines)


def test_parse_json_validates_against_the_published_schema() -> None:
    result = run_cli("parse", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    schema = json.loads(run_cli("schema").stdout)
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    assert data["header"]["reference_number"] == "CP.PHAR.295"
    assert data["sections"][0]["sets"][0]["criteria"][3]["connective"] == "any"
    assert from_json(result.stdout) == parse_file(SEED)
    broken = json.loads(result.stdout)
    broken["sections"][0]["sets"][0]["criteria"][0]["marker_kind"] = "hexadecimal"
    try:
        jsonschema.validate(broken, schema)
    except jsonschema.ValidationError:
        pass
    else:  # pragma: no cover - the schema must reject it
        raise AssertionError("schema accepted an unknown marker kind")


def test_parse_text_renders_canonical_text_that_parses_back(tmp_path: Path) -> None:
    out = tmp_path / "canon.txt"
    result = run_cli("parse", str(SEED), "--format", "text", "--output", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert parse_file(out) == parse_file(SEED)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temp file left behind


def test_python_dash_m_from_a_checkout_and_elsewhere(tmp_path: Path) -> None:
    for cwd in (ROOT, tmp_path):
        result = subprocess.run(
            [sys.executable, "-m", "policyvc", "parse", str(SEED)], capture_output=True, text=True, cwd=cwd
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("header.title\ttitle\tSargramostim (Leukine)\n")


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.startswith("policyvc ")
    help_text = run_cli("--help").stdout
    for command in ("parse", "schema", "build"):
        assert command in help_text


@pytest.mark.slow
def test_build_summarises_the_embedded_example(tmp_path: Path) -> None:
    store = tmp_path / "policy_versions"
    shutil.copytree(ROOT / "policy_versions", store, ignore=shutil.ignore_patterns("*.json"))
    result = run_cli("build", cwd=tmp_path)  # the default store: ./policy_versions
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "CP.PHAR.295" in out and "2026-03-26" in out
    row = next(line for line in out.splitlines() if "CP.PHAR.295" in line and "2026-03-26" in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    # policy, version, drug, sets, numbered, criteria, dose limits, durations, log entries, states
    assert cells[3:] == ["10", "40", "87", "11", "14", "10", "12"]
    # the seed and the four earlier versions written from its revision log (see tools/derive_history.py)
    assert "5 version(s) of 1 policy(ies) parsed." in out
    # ingest: every version now has its AST and metadata; a second build writes nothing
    assert "store: 5 version(s) current, 10 AST/metadata file(s) written." in out
    assert sorted(p.name for p in (store / "CP.PHAR.295" / "2023-04-18").iterdir()) == [
        "meta.json",
        "policy.json",
        "policy.txt",
    ]
    # the timeline with the diffs' counts and the audit
    history = out[out.index("CP.PHAR.295: history") :]
    rows = [[c.strip() for c in line.strip("│ ").split("│")] for line in history.splitlines() if "│ 20" in line]
    assert rows == [
        ["2023-04-18", "5", "—", "—", "—", "—"],
        ["2023-10-16", "1", "4", "1", "0", "0"],
        ["2024-06-05", "2", "18", "3", "0", "0"],
        ["2025-04-14", "1", "19", "0", "0", "0"],
        ["2026-03-26", "1", "1", "0", "0", "0"],
    ]
    assert "audit: every change documented, every claim backed" in out
    again = run_cli("build", cwd=tmp_path)
    assert again.returncode == 0 and "store: 5 version(s) current, 0 AST/metadata file(s) written." in again.stdout


@pytest.mark.slow
def test_build_fails_on_an_undocumented_change(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for date in ("2025-04-14", "2026-03-26"):
        shutil.copytree(
            ROOT / "policy_versions" / "CP.PHAR.295" / date,
            store / "CP.PHAR.295" / date,
            ignore=shutil.ignore_patterns("*.json"),
        )
    newest = store / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
    text = newest.read_text(encoding="utf-8")
    assert "3. Age \\geq 55 years;" in text
    newest.write_text(text.replace("3. Age \\geq 55 years;", "3. Age \\geq 60 years;"), encoding="utf-8")
    result = run_cli("build", "--store", str(store))
    assert result.returncode == 1, result.stderr
    assert "finding: CP.PHAR.295 2025-04-14 → 2026-03-26: undocumented update I.A.3" in result.stderr


@pytest.mark.slow
def test_build_flags_a_version_filed_under_the_wrong_date(tmp_path: Path) -> None:
    wrong = tmp_path / "store" / "CP.PHAR.295" / "2025-01-01"
    wrong.mkdir(parents=True)
    shutil.copy(SEED, wrong / "policy.txt")
    result = run_cli("build", "--store", str(tmp_path / "store"))
    assert result.returncode == 1
    assert "latest revision-log entry is dated 2026-03-26" in result.stderr


def test_build_input_errors(tmp_path: Path) -> None:
    result = run_cli("build", "--store", str(tmp_path / "missing"))
    assert result.returncode == 2 and "no version store" in result.stderr
    bad = tmp_path / "store" / "CP.PHAR.295" / "not-a-date"
    bad.mkdir(parents=True)
    result = run_cli("build", "--store", str(tmp_path / "store"))
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
