"""How a printed hint names this program: a command people can paste and run as it is.

``make run`` installs policyvc in ``.venv/bin``, which is not on ``PATH``: a hint saying ``policyvc site
--serve`` would fail there.  So the hint names the program the way it was started: ``policyvc`` when that
name on ``PATH`` is this very program, else its path (relative to the current folder when under it), or
``python -m policyvc`` with the interpreter's path.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def _short(path: Path) -> str:
    whole = Path(os.path.abspath(path))  # not resolved: .venv/bin/python is a link to the system's python
    try:
        return str(whole.relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        return str(whole)


def program() -> str:
    """``policyvc``, ``.venv/bin/policyvc`` or ``.venv/bin/python -m policyvc``: how to run this program again."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is None or started.name != "policyvc":  # python -m policyvc, or embedded
        return f"{_short(Path(sys.executable))} -m policyvc"
    on_path = shutil.which("policyvc")
    if on_path is not None and Path(on_path).resolve() == started.resolve():
        return "policyvc"
    return _short(started)
