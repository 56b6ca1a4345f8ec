"""`build` and multi-file `ingest` keep going: every bad version or file is one line, the rest is done, exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from badpdfs import mediabox_loop
from conftest import POLICIES, ROOT, run_cli

pytestmark = pytest.mark.slow

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"


def _bad_store(tmp: Path) -> tuple[Path, Path, Path, Path]:
    store = tmp / "store"
    for date in ("2025-04-14", "2026-03-26"):
        (store / "CP.PHAR.295" / date).mkdir(parents=True)
        shutil.copy(HISTORY / date / "policy.txt", store / "CP.PHAR.295" / date / "policy.txt")
    looping = store / "CP.PHAR.999" / "2026-01-01" / "policy.pdf"
    looping.parent.mkdir(parents=True)
    mediabox_loop(looping)
    broken = store / "CP.PHAR.297" / "2025-08-12" / "policy.txt"
    broken.parent.mkdir(parents=True)
    broken.write_text("Clinical Policy: nothing else\n", encoding="utf-8")
    stray = store / "notes"
    stray.mkdir()
    (stray / "todo.txt").write_text("a folder that is not a policy\n", encoding="utf-8")
    return store, looping, broken, stray


def test_build_reports_every_bad_version_and_still_builds_the_rest(tmp_path: Path) -> None:
    store, looping, broken, stray = _bad_store(tmp_path)
    result = run_cli("build", "--store", str(store), "--jobs", "2", "--no-cache", env={"POLICYVC_PDF_TIMEOUT": "5"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, result.stderr
    assert errors[0].startswith(f"error: {stray}: not a policy folder")
    assert any(line.startswith(f"error: {looping}: took longer than 5 s") for line in errors)
    assert any(line.startswith(f"error: {broken}") for line in errors)
    assert errors[-1] == "error: 3 version(s) or folder(s) could not be read (listed above)"
    # the table and the audit of every good version still print
    assert "CP.PHAR.295 │ 2025-04-14" in result.stdout and "CP.PHAR.295 │ 2026-03-26" in result.stdout
    assert "2 version(s) of 1 policy(ies) parsed, 3 could not be read." in result.stdout
    assert "CP.PHAR.295: history" in result.stdout
    assert "audit: every change documented, every claim backed" in result.stdout


def test_build_fail_fast_stops_at_the_first(tmp_path: Path) -> None:
    store, _, _, stray = _bad_store(tmp_path)
    result = run_cli("build", "--store", str(store), "--fail-fast", env={"POLICYVC_PDF_TIMEOUT": "5"})
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {stray}: not a policy folder") and result.stdout == ""


def test_build_json_has_versions_histories_and_errors(tmp_path: Path) -> None:
    store, _, broken, _ = _bad_store(tmp_path)
    shutil.rmtree(store / "CP.PHAR.999")
    result = run_cli("build", "--store", str(store), "--format", "json")
    assert result.returncode == 2
    doc = json.loads(result.stdout)
    assert [(v["reference"], v["date"]) for v in doc["versions"]] == [
        ("CP.PHAR.295", "2025-04-14"),
        ("CP.PHAR.295", "2026-03-26"),
    ]
    assert doc["histories"][0]["audit"]["clean"] is True
    assert len(doc["errors"]) == 2 and any(e.startswith(str(broken)) for e in doc["errors"])


def test_ingest_files_what_it_can_and_reports_each_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("not a policy\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    store = tmp_path / "store"
    result = run_cli("ingest", str(bad), str(POLICIES["filgrastim"]), str(missing), "--store", str(store))
    assert result.returncode == 2, result.stderr
    assert result.stdout.startswith("stored    CP.PHAR.297 @ 2025-08-12")
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"error: {bad}")
    assert errors[1] == f"error: {missing}: no such file"
    assert errors[2] == "error: 2 of 3 file(s) not filed (listed above)"
    assert (store / "CP.PHAR.297" / "2025-08-12" / "policy.txt").is_file()


def test_ingest_fail_fast_files_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("not a policy\n", encoding="utf-8")
    store = tmp_path / "store"
    result = run_cli("ingest", str(bad), str(POLICIES["filgrastim"]), "--store", str(store), "--fail-fast")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) <= 3  # the error and its context line, never a traceback
    assert not (store / "CP.PHAR.297").exists()
