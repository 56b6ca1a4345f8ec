"""``ingest --recover``: a damaged document is filed as a partial version, and read back the same way everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED, run_cli

# criterion 3 of I.A renumbered 5: the family's grammar cannot read that region, the outline reads every line
DAMAGED = SEED.read_text(encoding="utf-8").replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;")


def _damaged(tmp_path: Path) -> Path:
    path = tmp_path / "leukine-damaged.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    return path


def test_without_recover_a_damaged_document_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run_cli("ingest", str(_damaged(tmp_path)), "--store", str(store))
    assert result.returncode == 2
    assert "marker `5.` is out of sequence" in result.stderr
    assert not (store / "CP.PHAR.295").exists()


@pytest.mark.slow
def test_a_partial_version_is_filed_marked_and_read_back_everywhere(tmp_path: Path) -> None:
    store = tmp_path / "store"
    path = _damaged(tmp_path)
    filed = run_cli("ingest", "--recover", str(path), "--store", str(store))
    assert filed.returncode == 1, filed.stderr  # something was skipped
    assert filed.stdout.startswith("stored    CP.PHAR.295 @ 2026-03-26")
    assert "partial: 1 region(s) could not be read" in filed.stdout
    assert "error: not read as a centene-pharmacy policy here" in filed.stderr and "out of sequence" in filed.stderr
    meta = json.loads((store / "CP.PHAR.295" / "2026-03-26" / "meta.json").read_text(encoding="utf-8"))
    assert len(meta["partial"]) == 1 and "out of sequence" in meta["partial"][0]

    log = run_cli("log", "CP.PHAR.295", "--store", str(store))
    assert log.returncode == 0, log.stderr
    assert "partial: 1 region(s) could not be read (stored with --recover)" in log.stdout

    shown = run_cli("show", "CP.PHAR.295", "--store", str(store), "--format", "outline")
    assert shown.returncode == 0, shown.stderr
    # (every line kept: the region's criterion under `unread1`, everything else the grammar's typed reading)
    assert "I.A.2\tjudgment\tPrescribed for use following induction therapy for AML;" in shown.stdout
    assert "unread1.b1.1\tbullet\tAge ≥ 55 years;" in shown.stdout
    assert "I.B\tset:all\tPeripheral Blood Progenitor Cell Collection and Transplantation\n" in shown.stdout

    (store / "CP.PHAR.295" / "2026-03-26" / "policy.json").unlink()  # derived files go stale: build re-reads
    built = run_cli("build", "--store", str(store), "--no-cache", "--no-outputs")
    assert built.returncode == 0, built.stderr
    assert "2026-03-26 partial" in built.stdout
    assert "partial version (stored with --recover)" in built.stderr
    again = json.loads((store / "CP.PHAR.295" / "2026-03-26" / "meta.json").read_text(encoding="utf-8"))
    # re-read the same way, still marked (now naming the stored copy)
    assert [m.split(": ", 1)[1] for m in again["partial"]] == [m.split(": ", 1)[1] for m in meta["partial"]]


@pytest.mark.slow
def test_the_site_marks_a_partial_version(tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "site"
    assert run_cli("ingest", "--recover", str(_damaged(tmp_path)), "--store", str(store)).returncode == 1
    site = run_cli("site", "--store", str(store), "--out", str(out), "--build")
    assert site.returncode == 0, site.stderr
    docs = out / "docs"
    (version,) = docs.glob("**/versions/2026-03-26.md")
    page = version.read_text(encoding="utf-8")
    assert "A partial version: 1 region(s) could not be read" in page and "out of sequence" in page
    (timeline,) = docs.glob("**/timeline.md")
    assert ">partial</span>" in timeline.read_text(encoding="utf-8")
    assert (out / "_build").is_dir()  # and mkdocs build --strict passed with it
