"""Standard input is read with the size limit, never whole (issue 20, item 7).

``head -c 1000M /dev/zero | policyvc parse -`` reached 1 GB of memory and ``yes | policyvc parse -`` grew without
bound: both now stop at the text limit (5 MB) with one line and exit 2, holding at most that much.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import POLICIES

EXE = str(Path(sys.executable).parent / "policyvc")


# Runs the pipeline and prints policyvc's exit code and the peak memory of its children (KB).  A fresh
# interpreter measures it: a child forked straight from pytest would report pytest's own peak (Linux carries
# the larger of the old and new memory's high-water mark across fork and exec).
_MEASURE = """
import resource, subprocess, sys
producer, command = sys.argv[1].split(), sys.argv[2:]
source = subprocess.Popen(producer, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
done = subprocess.run(command, stdin=source.stdout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
source.stdout.close()
source.kill()
source.wait()
sys.stderr.buffer.write(done.stderr)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _piped(producer: list[str], *args: str) -> tuple[int, str, int]:
    """``producer | policyvc ARGS``: exit code, stderr, and the peak memory of policyvc (KB)."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, " ".join(producer), EXE, *args], capture_output=True, text=True, timeout=120
    )
    code, peak = done.stdout.split()
    return int(code), done.stderr, int(peak)


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
