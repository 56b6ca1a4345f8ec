"""One name per option across commands (old names kept, hidden), -f wherever a command prints, tables readable
at 80 columns, dates that are not versions said out loud, a missing file named as such."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DERIVED, ROOT, run_cli
from rules_support import DECISIONS

pytestmark = pytest.mark.slow  # real git stores and builds through the CLI

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"


def _options(command: str) -> set[str]:
    """The option names ``command --help`` shows (hidden aliases left out)."""
    import click

    from policyvc.cli import app

    cmd = app.get_command(click.Context(app), command)  # (the commands of other modules load when asked for)
    assert cmd is not None, command
    return {name for p in cmd.params if not getattr(p, "hidden", False) for name in (*p.opts, *p.secondary_opts)}


def _one_version_store(tmp: Path) -> Path:
    store = tmp / "store"
    (store / "CP.PHAR.295" / "2026-03-26").mkdir(parents=True)
    shutil.copy(HISTORY / "2026-03-26" / "policy.txt", store / "CP.PHAR.295" / "2026-03-26" / "policy.txt")
    return store


def test_the_date_option_is_as_of_everywhere_and_blame_keeps_at_hidden() -> None:
    new = run_cli("blame", "CP.PHAR.295", "--as-of", "2024-01-01")
    old = run_cli("blame", "CP.PHAR.295", "--at", "2024-01-01")
    assert new.returncode == old.returncode == 0, new.stderr + old.stderr
    assert new.stdout == old.stdout and new.stdout.startswith("blame of CP.PHAR.295 as of 2023-10-16")
    assert new.stderr == "note: 2024-01-01 is not a version date: the version in force then is 2023-10-16\n"
    for command in ("blame", "show", "evaluate"):
        shown = _options(command)
        assert "--as-of" in shown and "--at" not in shown and "--today" not in shown, command


def test_format_on_every_command_that_prints(tmp_path: Path) -> None:
    request = DECISIONS / "21-aml-state-in-2026.json"
    evaluated = run_cli("evaluate", "CP.PHAR.295", str(request), "-f", "json")
    assert evaluated.returncode == 0, evaluated.stderr
    assert json.loads(evaluated.stdout)["outcome"] == "approved"
    impact = run_cli("impact", "CP.PHAR.295", "2025-04-14", "2026-03-26", "--cases", str(DECISIONS), "-f", "json")
    assert impact.returncode == 1 and isinstance(json.loads(impact.stdout), list)
    for command in ("parse", "list", "diff", "audit", "blame", "log", "show", "evaluate", "impact", "check", "build"):
        assert {"-f", "--format"} <= _options(command), command


@pytest.mark.slow
def test_build_writes_to_one_out_folder(tmp_path: Path) -> None:
    store = _one_version_store(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build", "--store", str(store), "--out", str(out), "--jobs", "1")
    assert result.returncode in (0, 1), result.stderr
    assert (out / "rules").is_dir() and any((out / "rules").rglob("*.py"))
    assert (out / "site" / "mkdocs.yml").is_file()
    assert not (tmp_path / "rules").exists() and not (tmp_path / "site").exists()


def test_build_tables_are_readable_at_80_columns(tmp_path: Path) -> None:
    """On an 80-column terminal every number is printed whole (rich used to print … for each)."""
    store = tmp_path / "store"
    shutil.copytree(HISTORY, store / "CP.PHAR.295", ignore=DERIVED)
    exe = Path(sys.executable).parent / "policyvc"
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "50", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [str(exe), "build", "--store", str(store), "--no-outputs", "--jobs", "1"],
        stdout=slave,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end is closed and drained
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=120) in (0, 1)
    text = re.sub(r"\x1b\[[0-9;]*m", "", seen.decode("utf-8", "replace").replace("\r\n", "\n"))  # no styles
    assert "…" not in text.split("audit:")[0]  # no number, header, policy or version is cut
    lines = text.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    row = next(line for line in lines if line.startswith("CP.PHAR.295 2026-03-26"))
    assert row.split()[2:] == ["10", "40", "87", "11", "14", "10", "12"]  # sets … App. E states, whole
    assert "CP.PHAR.295: Sargramostim (Leukine)" in lines  # the drug, under the table
    history = next(line for line in lines if "2024-06-05 " in line and "CP.PHAR" not in line)
    assert history.replace("│", " ").split() == ["2024-06-05", "2", "18", "3", "0", "0"]


def test_a_diff_between_dates_that_are_not_versions_says_which_are_in_force() -> None:
    result = run_cli("diff", "CP.PHAR.295", "2024-01-01", "2025-12-31")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("CP.PHAR.295 2023-10-16 → 2025-04-14:")
    assert result.stderr.splitlines() == [
        "note: 2024-01-01 is not a version date: the version in force then is 2023-10-16",
        "note: 2025-12-31 is not a version date: the version in force then is 2025-04-14",
    ]
    exact = run_cli("diff", "CP.PHAR.295", "2023-10-16", "2025-04-14")
    assert exact.stderr == "" and exact.stdout == result.stdout
    audited = run_cli("audit", "CP.PHAR.295", "2024-01-01")
    assert audited.stderr.startswith("note: 2024-01-01 is not a version date: the version in force then is 2023-10-16")


def test_a_missing_file_is_named_as_such(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    shutil.copy(HISTORY / "2026-03-26" / "policy.txt", draft)
    missing = tmp_path / "missing.txt"
    for args in ((str(draft), str(missing)), (str(missing), str(draft))):
        result = run_cli("diff", *args)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"error: {missing}: no such file\n"


def test_make_run_prints_commands_that_work() -> None:
    """`make run` leaves policyvc off PATH: it says where it is, and how to view the site."""
    make = shutil.which("make")
    if make is None:
        return
    dry = subprocess.run([make, "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ".venv/bin/policyvc --help" in dry.stdout
    assert ".venv/bin/policyvc site --serve" in dry.stdout
    assert "mkdocs serve" not in dry.stdout


def test_site_takes_as_of_and_keeps_today_hidden(tmp_path: Path) -> None:
    store = _one_version_store(tmp_path)
    pages = {}
    for flag in ("--as-of", "--today", None):
        out = tmp_path / f"site{flag}"
        args = ["site", "--store", str(store), "--out", str(out), *((flag, "2025-01-01") if flag else ())]
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        pages[flag] = (out / "docs" / "CP.PHAR.295" / "index.md").read_text(encoding="utf-8")
    assert pages["--as-of"] == pages["--today"] != pages[None]  # the old name does what the new one does
    assert "--as-of" in _options("site") and "--today" not in _options("site")


def test_site_build_prints_a_command_that_works(tmp_path: Path) -> None:
    """The hint names policyvc as it was started (.venv/bin is not on PATH after `make run`): it runs as printed."""
    store = _one_version_store(tmp_path)
    out = tmp_path / "site"
    bare = {"PATH": "/usr/bin:/bin"}  # as after `make run`: the venv's bin is not on PATH
    result = run_cli("site", "--store", str(store), "--out", str(out), "--build", cwd=ROOT, env=bare)
    assert result.returncode == 0, result.stderr
    hint = result.stdout.splitlines()[-1]
    assert hint.startswith(f"open {out / '_build' / 'index.html'} or run: ") and "mkdocs serve" not in hint
    assert " or run: policyvc " not in hint  # not on PATH here: a bare name would not run
    command = hint.split(" or run: ", 1)[1]
    assert command.endswith(f" site --serve --store {store} --out {out}")
    program = command[: -len(f" site --serve --store {store} --out {out}")]
    env = {k: v for k, v in os.environ.items() if k != "PATH"} | {"PATH": "/usr/bin:/bin"}  # no venv on PATH
    ran = subprocess.run([*program.split(), "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert ran.returncode == 0 and ran.stdout.startswith("policyvc "), (program, ran.stderr)
