"""Ctrl-C during start-up exits 130 with one line, never a traceback (issue 20, item 9).

``policyvc.__main__`` (the script's entry point) installs its SIGINT handler before anything heavy is imported;
``main()`` then takes over.  The command reads standard input that never comes, so whatever the delay the
interrupt lands while policyvc is running: during the imports, the environment checks, or the read.  (An
interrupt before the interpreter has installed any handler kills it silently, which a shell reports as 130 too;
one while the interpreter sets itself up — its standard streams, ``site`` —, before policyvc's first line, is
Python's to report: a ``Fatal Python error: init_…`` naming the ``KeyboardInterrupt``.)
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).parent / "policyvc")
DELAYS = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1.0)


@pytest.mark.slow
@pytest.mark.parametrize("command", [[EXE], [sys.executable, "-m", "policyvc"]], ids=["script", "python-m"])
def test_ctrl_c_at_any_moment_of_start_up_exits_130(command: list[str]) -> None:
    for delay in DELAYS:
        proc = subprocess.Popen(
            [*command, "parse", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGINT and not err:
            continue  # the interpreter had not installed any handler yet (a loaded machine): killed, silently
        if err.startswith(b"Fatal Python error: init_") and b"KeyboardInterrupt" in err:
            continue  # interrupted while the interpreter starts (its streams, ``site``), before policyvc's first line
        assert proc.returncode == 130, (delay, proc.returncode, err)
        lines = [line for line in err.splitlines() if line.strip()]  # click ends a prompt line first: a blank one
        assert b"Traceback" not in err and len(lines) == 1, (delay, err)
        assert lines[0].startswith(b"interrupted ("), (delay, err)
        assert out == b""
