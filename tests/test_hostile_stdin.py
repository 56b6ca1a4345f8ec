"""Standard input is read with the size limit, never whole (issue 20, item 7).

``head -c 1000M /dev/zero | policyvc parse -`` reached 1 GB of memory and ``yes | policyvc parse -`` grew without
bound: both now stop at the text limit (5 MB) with one line and exit 2, holding at most that much.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import POLICIES

EXE = str(Path(sys.executable).parent / "policyvc")


# The child's peak memory measured from a small launcher: a process forked from pytest itself inherits
# pytest's high-water mark at exec (Linux keeps it in ru_maxrss), so a long run would read as hundreds of MB.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def _piped(producer: list[str], *args: str) -> tuple[int, str, int]:
    """``producer | policyvc ARGS``: exit code, stderr, and the peak memory of policyvc (KB)."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        source = subprocess.Popen(producer, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert source.stdout is not None
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(peak_file), EXE, *args],
            stdin=source.stdout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        source.stdout.close()  # policyvc holds the only reader: the producer gets SIGPIPE when it exits
        _, err_bytes = proc.communicate()
        source.kill()
        source.wait()
        return proc.returncode, err_bytes.decode("utf-8", "replace"), int(peak_file.read_text())


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
