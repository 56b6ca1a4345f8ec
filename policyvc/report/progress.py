"""Progress on a terminal: a bar while versions are parsed, a line when a slow step starts.

Silent when stderr is no terminal (CI logs, pipes), so a captured run prints the same bytes every time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from rich.console import Console


class TerminalProgress:
    """``steps``: also say when a slow step (the MkDocs build) starts."""

    def __init__(self, *, steps: bool = True) -> None:
        self.steps = steps

    def parsing(self, total: int, pdfs: int) -> AbstractContextManager[Callable[[], None]]:
        return _bar(total, pdfs)

    def step(self, message: str) -> None:
        if self.steps and sys.stderr.isatty():
            print(message, file=sys.stderr)


@contextmanager
def _bar(total: int, pdfs: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal.

    With PDFs to extract it says how long one may take before the sandbox gives up on it, so a PDF that hangs
    is a known wait, not a silent minute.
    """
    err = Console(stderr=True)
    if not err.is_terminal or total < 2:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    label = "parsing"
    if pdfs:
        from policyvc.parser.pdf_guard import Limits

        label = f"parsing ({pdfs} PDF(s); one that hangs gives up after {Limits.resolve().timeout:g} s)"
    # auto_refresh=False: no refresh thread running while the pool forks its workers
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("parse", total=total)
        bar.refresh()

        def advance() -> None:
            bar.advance(task)
            bar.refresh()

        yield advance
