"""How long work tells whoever runs it how far it got, without printing anything itself.

The work (``build``, ``site``) takes a :class:`Progress`; the command line hands it one that draws on a
terminal (:mod:`policyvc.report.progress`), a library caller the silent :data:`QUIET`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol


class Progress(Protocol):
    """Live events of a long run (the result itself is reported once the work is done)."""

    def parsing(self, total: int, pdfs: int) -> AbstractContextManager[Callable[[], None]]:
        """Around the parse of ``total`` versions (``pdfs`` of them PDFs): yields the call made after each one."""
        ...

    def step(self, message: str) -> None:
        """A slow step is starting (``site: mkdocs build --strict …``)."""
        ...


class Quiet:
    """Progress that shows nothing."""

    @contextmanager
    def _parsing(self) -> Iterator[Callable[[], None]]:
        yield lambda: None

    def parsing(self, total: int, pdfs: int) -> AbstractContextManager[Callable[[], None]]:
        return self._parsing()

    def step(self, message: str) -> None:
        return None


QUIET = Quiet()
