"""What users asked for: diff of two files, list, show today, stdin, case-insensitive references, typed dates,
[tool.policyvc] and POLICYVC_STORE, readable tables at 80 columns, blame's first version."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import FIXTURES, ROOT, run_cli
from rich.console import Console

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"
OLD, NEW = HISTORY / "2025-04-14" / "policy.txt", HISTORY / "2026-03-26" / "policy.txt"
CORPUS = FIXTURES / "histories"


def test_diff_of_two_files_needs_no_store(tmp_path: Path) -> None:
    result = run_cli("diff", str(OLD), str(NEW), "--store", str(tmp_path / "none"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"CP.PHAR.295 {OLD} → {NEW}: 1 change, 0 renumbers")
    assert "row-insert state      Appendix E [IN]" in result.stdout


def test_a_dash_reads_standard_input() -> None:
    result = run_cli("diff", str(OLD), "-", "--format", "json", stdin=NEW.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["to"] == "-"
    parsed = run_cli("parse", "-", stdin=NEW.read_text(encoding="utf-8"))
    assert parsed.returncode == 0 and parsed.stdout.startswith("header.title\ttitle\tSargramostim (Leukine)")


def test_list_shows_every_policy_of_the_store() -> None:
    result = run_cli("list", "--store", str(CORPUS))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "policy       versions  first       newest",
        "CP.PHAR.297         4  2025-08-12  2026-07-21",
        "CP.PHAR.336         4  2025-11-04  2026-10-06",
        "CP.PHAR.571         4  2025-08-05  2026-09-15",
    ]


def test_show_defaults_to_today_and_references_are_case_insensitive() -> None:
    result = run_cli("show", "cp.phar.295", "--format", "outline")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"CP.PHAR.295 @ 2026-03-26 (in force on {dt.date.today().isoformat()})\n"
    audit = run_cli("audit", "cp.phar.295")
    assert audit.returncode == 0 and audit.stdout.startswith("audit of CP.PHAR.295")


def test_date_options_are_typed_as_dates_in_help() -> None:
    for cmd, flag in (("show", "--as-of YYYY-MM-DD"), ("blame", "--as-of YYYY-MM-DD")):
        assert flag in run_cli(cmd, "--help").stdout
    assert "[TO]" in run_cli("audit", "--help").stdout


def test_the_store_from_pyproject_and_the_environment(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "pyproject.toml").write_text(f'[tool.policyvc]\nstore = "{CORPUS}"\n', encoding="utf-8")
    from_file = run_cli("list", cwd=project / "sub")
    assert from_file.returncode == 0 and "CP.PHAR.571" in from_file.stdout
    from_env = run_cli("list", cwd=project, env={"POLICYVC_STORE": str(ROOT / "policy_versions")})
    assert from_env.returncode == 0 and from_env.stdout.splitlines()[1].startswith("CP.PHAR.295")
    relative = tmp_path / "rel"
    relative.mkdir()
    (relative / "pyproject.toml").write_text('[tool.policyvc]\nstore = "nowhere"\n', encoding="utf-8")
    missing = run_cli("list", cwd=relative)
    assert (
        missing.returncode == 2
        and missing.stderr == f"error: {relative / 'nowhere'}: no version store here (give one with --store DIR)\n"
    )


def test_the_build_table_keeps_policy_and_version_whole_at_80_columns() -> None:
    from policyvc.renderer.build import BuildRow, build_table

    console = Console(width=80, record=True, highlight=False)
    rows = [
        BuildRow(
            "CP.PHAR.295", dt.date(2026, 3, 26), "Sargramostim (Leukine) and a long title", 8, 40, 80, 9, 14, 12, 13
        )
    ]
    console.print(build_table(rows, title="policy_versions"))
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "CP.PHAR.295" in text and "2026-03-26" in text


def test_blame_says_present_since_the_first_stored_version() -> None:
    result = run_cli("blame", "CP.PHAR.295")
    assert result.returncode == 0
    assert "2023-04-18  present since the first stored version (introduced on or before it)" in result.stdout
    assert "introduced on" in result.stdout and result.stdout.splitlines()[2].startswith("since")


def test_the_history_table_keeps_the_version_whole_at_60_columns() -> None:
    from policyvc.history.summary import history_summary
    from policyvc.renderer.summary import summary_rich
    from policyvc.store import Store

    console = Console(width=60, record=True, highlight=False)
    console.print(summary_rich(history_summary(Store(ROOT / "policy_versions").history("CP.PHAR.295").snapshots)))
    text = console.export_text()
    assert all(len(line) <= 60 for line in text.splitlines())
    for date in ("2023-04-18", "2023-10-16", "2024-06-05", "2025-04-14", "2026-03-26"):
        assert date in text


def test_ingest_reads_standard_input(tmp_path: Path) -> None:
    result = run_cli("ingest", "-", "--store", str(tmp_path / "s"), stdin=NEW.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stored    CP.PHAR.295 @ 2026-03-26")
    meta = json.loads((tmp_path / "s" / "CP.PHAR.295" / "2026-03-26" / "meta.json").read_text(encoding="utf-8"))
    assert "<stdin>" in json.dumps(meta)
