"""``python -m policyvc`` and the ``policyvc`` script: Ctrl-C handled from the first line, then the CLI.

Importing the command line (click, rich, the parser) takes a good part of a second; a Ctrl-C in that time used
to print a KeyboardInterrupt traceback.  This module is the script's entry point (``policyvc.__main__:run``), so
the handler below is installed before anything heavy is imported: an interrupt during start-up says so on one
line and exits 130 (nothing has been written yet).  ``main()`` then takes over with its own handling (every
write is atomic; exit 130).
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # C module, already loaded: `signal.py` takes ms to import
import os


def _interrupted_at_startup(signum: int, frame: object) -> None:
    os.write(2, b"interrupted (nothing was written)\n")
    os._exit(130)


_signal.signal(_signal.SIGINT, _interrupted_at_startup)


def run() -> None:
    """Entry point of the ``policyvc`` script."""
    from policyvc.cli import main

    main()  # its first step gives Ctrl-C back to Python (KeyboardInterrupt), inside its own handling


if __name__ == "__main__":
    run()
