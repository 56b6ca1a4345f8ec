"""A test hook for crash safety: ``POLICYVC_FAULT=<point>`` kills the process at that point.

The store promises that a writer killed at any moment leaves it usable.  The
tests prove it by SIGKILLing a real ingest at the named points (and at random
moments); nothing happens unless the variable names the point.
"""

from __future__ import annotations

import os
import signal

POINTS = ("after-source", "before-rename", "before-commit", "before-ref-update")


def fault(point: str) -> None:
    """Die here, like a ``kill -9``, when ``POLICYVC_FAULT`` names this point."""
    if os.environ.get("POLICYVC_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
