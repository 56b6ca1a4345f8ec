"""Standard input is read with the size limit, never whole (issue 20, item 7).

``head -c 1000M /dev/zero | policyvc parse -`` reached 1 GB of memory and ``yes | policyvc parse -`` grew without
bound: both now stop at the text limit (5 MB) with one line and exit 2, holding at most that much.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import POLICIES

EXE = str(Path(sys.executable).parent / "policyvc")


def _piped(producer: list[str], *args: str) -> tuple[int, str, int]:
    """``producer | policyvc ARGS``: exit code, stderr, and the peak memory of policyvc (KB)."""
    source = subprocess.Popen(producer, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert source.stdout is not None
    proc = subprocess.Popen([EXE, *args], stdin=source.stdout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    source.stdout.close()  # policyvc holds the only reader: the producer gets SIGPIPE when it exits
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    source.kill()
    source.wait()
    return proc.returncode, err, usage.ru_maxrss


@pytest.mark.parametrize(
    ("producer", "args"),
    [
        (["head", "-c", "1000M", "/dev/zero"], ("parse", "-")),
        (["yes"], ("parse", "-")),
        (["yes"], ("parse", "-", "--format", "json")),
    ],
    ids=["zeros-parse", "yes-parse", "yes-parse-json"],
)
def test_an_endless_stdin_stops_at_the_limit(producer: list[str], args: tuple[str, ...]) -> None:
    code, err, peak_kb = _piped(producer, *args)
    assert code == 2, err
    assert err.splitlines() == [
        "error: <stdin>: more than 5 MB of text, over the limit for a policy; not read further "
        "(set $POLICYVC_MAX_TEXT_MB to raise the limit)"
    ]
    assert peak_kb < 200_000, peak_kb  # the limit, the interpreter and its imports; never the stream


def test_ingest_from_an_endless_stdin_stops_too(tmp_path: Path) -> None:
    code, err, peak_kb = _piped(["yes"], "ingest", "-", "--store", str(tmp_path / "store"))
    assert code == 2 and "more than 5 MB of text" in err and peak_kb < 200_000
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").rglob("policy.txt"))


def test_a_policy_on_stdin_is_still_read() -> None:
    text = POLICIES["filgrastim"].read_bytes()
    result = subprocess.run([EXE, "parse", "-"], input=text, capture_output=True, timeout=120)
    assert result.returncode == 0 and b"CP.PHAR.297" in result.stdout
