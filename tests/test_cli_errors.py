"""Every failure of the CLI is one line and an exit code: OS errors, bad environment values, Ctrl-C, bugs."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from badpdfs import mediabox_loop
from conftest import POLICIES, SEED, run_cli


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_output_into_a_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    result = run_cli("parse", str(SEED), "-o", str(tmp_path))
    assert result.returncode == 2
    assert _one_error_line(result.stderr) == f"error: {tmp_path}: is a folder, expected a file"


def test_a_folder_where_a_policy_file_is_expected(tmp_path: Path) -> None:
    result = run_cli("parse", str(tmp_path))
    assert result.returncode == 2
    assert _one_error_line(result.stderr) == f"error: {tmp_path}: is a directory, expected a policy file"


@pytest.mark.parametrize("value", ["1e9", "-1", "soon", "nan"])
def test_a_bad_environment_value_is_refused_at_start(value: str) -> None:
    result = run_cli("build", env={"POLICYVC_PDF_TIMEOUT": value})
    assert result.returncode == 2
    line = _one_error_line(result.stderr)
    assert line.startswith("error: $POLICYVC_PDF_TIMEOUT: expected seconds > 0")
    if value == "1e9":
        assert line == "error: $POLICYVC_PDF_TIMEOUT: expected seconds > 0 and at most 86400, got '1e9'"


def test_an_empty_store_variable_is_refused() -> None:
    result = run_cli("list", env={"POLICYVC_STORE": " "})
    assert result.returncode == 2 and "$POLICYVC_STORE" in _one_error_line(result.stderr)


@contextlib.contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[bool]:
    """A tiny tmpfs at ``path`` when this machine lets us mount one (root in a privileged container)."""
    path.mkdir()
    mounted = False
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
        mounted = done.returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(path)], capture_output=True)


def _in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the real entry point in this process (to simulate a failure the machine cannot produce)."""
    from policyvc.cli import main

    monkeypatch.setattr(sys, "argv", ["policyvc", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    code = stop.value.code
    return (code if isinstance(code, int) else 0), capsys.readouterr().err


def test_a_full_disk_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = tmp_path / "disk"
    with _tmpfs(disk, "16k") as mounted:
        target = disk / "seed.json"
        if mounted:
            result = run_cli("parse", str(SEED), "--format", "json", "-o", str(target))
            code, err = result.returncode, result.stderr
        else:
            import policyvc.atomic

            def full(path: Path, text: str) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path) + ".tmp")

            monkeypatch.setattr(policyvc.atomic, "write_text", full)
            code, err = _in_process(monkeypatch, capsys, "parse", str(SEED), "--format", "json", "-o", str(target))
        assert code == 2
        assert _one_error_line(err) == f"error: {target}: no space left on the device"
        assert not target.exists() and not [p for p in disk.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_store_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = tmp_path / "ro"
    with _tmpfs(disk, "1m") as mounted:
        store = disk / "store"
        store.mkdir()
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
            result = run_cli("ingest", str(POLICIES["filgrastim"]), "--store", str(store))
            code, err = result.returncode, result.stderr
        elif os.geteuid() != 0:
            store.chmod(0o555)
            result = run_cli("ingest", str(POLICIES["filgrastim"]), "--store", str(store))
            code, err = result.returncode, result.stderr
            store.chmod(0o755)
        else:
            real_mkdir = Path.mkdir

            def denied(self: Path, *args: object, **kwargs: object) -> None:
                if self.is_relative_to(store):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
                real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(Path, "mkdir", denied)
            code, err = _in_process(monkeypatch, capsys, "ingest", str(POLICIES["filgrastim"]), "--store", str(store))
        assert code == 2
        line = _one_error_line(err)
        assert line.startswith(f"error: {store}") and line.endswith(
            ("read-only file system", "permission denied", "(Read-only file system)", "(Permission denied)")
        ), line


@pytest.mark.slow
def test_ctrl_c_exits_130_with_nothing_half_written(tmp_path: Path) -> None:
    store = tmp_path / "store"
    looping = store / "CP.PHAR.999" / "2026-01-01" / "policy.pdf"
    looping.parent.mkdir(parents=True)
    mediabox_loop(looping)
    exe = Path(sys.executable).parent / "policyvc"
    env = {**os.environ, "POLICYVC_PDF_TIMEOUT": "30"}
    proc = subprocess.Popen(
        [str(exe), "build", "--store", str(store), "--jobs", "1", "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(2.5)  # inside the looping extraction
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert _one_error_line(err).startswith("interrupted")
    left = sorted(p.name for p in store.rglob("*") if p.is_file())
    assert left == ["policy.pdf"]  # no policy.json / meta.json / temporary file half-written


def test_a_bug_is_exit_3_with_a_pointer_to_report_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import policyvc.renderer.policy

    def broken(*args: object, **kwargs: object) -> str:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(policyvc.renderer.policy, "render_policy", broken)
    code, err = _in_process(monkeypatch, capsys, "parse", str(SEED))
    assert code == 3
    line = _one_error_line(err)
    assert line.startswith("internal error: ZeroDivisionError: division by zero") and "please report" in line


def test_a_usage_error_is_one_line() -> None:
    result = run_cli("diff", "CP.PHAR.295", "2026-01-01", "soon")
    assert result.returncode == 2
    assert _one_error_line(result.stderr).startswith("error: <command line>: TO 'soon' is not a date")
    result = run_cli("audit")
    assert result.returncode == 2
    assert _one_error_line(result.stderr) == "error: Missing argument 'REFERENCE'. (see `policyvc audit --help`)"
