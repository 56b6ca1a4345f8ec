"""The line form of the text front: each line's text with where it came from, edited only as a whole.

The text-style passes (:mod:`~policyvc.parser.text_styles`, :mod:`~policyvc.parser.reading_order`)
rewrite the lines of a document — blank page furniture, split run-on headers, rebuild tables, join
wrapped lines — and errors must still point at the user's file.  A :class:`Line` carries its text,
the 1-based source line it came from and whether it is still that source line as written (then
columns map back too); :class:`Lines` is the document, read as a sequence of texts and edited only
through operations that move text and origin together, so an edit can never desynchronise them.
The PDF layer's output is a sequence of :class:`PlacedLine` — text and the page box it was read from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import overload

__all__ = ["Line", "Lines", "Origin", "PlacedLine"]

Origin = tuple[int, float, float, float, float]  # a PDF line's page, x0, top, x1, bottom


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text, the 1-based source line it came from, and whether it is that line as written."""

    text: str
    origin: int
    exact: bool = True


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """A line of a PDF's text and where it was read: ``(page, x0, top, x1, bottom)``, or ``None`` for a
    line the layout made (a blank line between blocks, a table row's continuation)."""

    text: str
    origin: Origin | None


class Lines(Sequence[str]):
    """The lines of a document as the passes see them: indexing and iteration give texts; every edit
    keeps each line's origin with its text."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[Line]) -> None:
        self._items = list(items)

    @classmethod
    def numbered(cls, texts: Iterable[str]) -> Lines:
        """Source lines, numbered from 1, each exactly as written."""
        return cls(Line(t, k) for k, t in enumerate(texts, start=1))

    @overload
    def __getitem__(self, k: int) -> str: ...
    @overload
    def __getitem__(self, k: slice) -> list[str]: ...
    def __getitem__(self, k: int | slice) -> str | list[str]:
        if isinstance(k, slice):
            return [x.text for x in self._items[k]]
        return self._items[k].text

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[str]:
        for x in self._items:  # (by index: an edit during iteration is seen, as in a list)
            yield x.text

    def line(self, k: int) -> Line:
        return self._items[k]

    def origin(self, k: int) -> int:
        """The 1-based source line line ``k`` came from."""
        return self._items[k].origin

    def exact(self, k: int) -> bool:
        return self._items[k].exact

    @property
    def items(self) -> tuple[Line, ...]:
        return tuple(self._items)

    # --- edits ---------------------------------------------------------------------------------------------

    def set(self, k: int, text: str) -> None:
        """Rewrite line ``k`` (same origin; no longer the source line as written)."""
        self._items[k] = Line(text, self._items[k].origin, False)

    def blank(self, k: int) -> None:
        """Empty line ``k`` (furniture, a marker moved elsewhere): it stays, with its origin."""
        self._items[k] = replace(self._items[k], text="")

    def strip_at(self, k: int, text: str) -> None:
        """Line ``k`` with characters that occupy no column taken out (a form feed): still exact."""
        self._items[k] = replace(self._items[k], text=text)

    def replace(self, start: int, stop: int, texts: Sequence[str]) -> None:
        """Lines ``start:stop`` become ``texts``, all from the source line of line ``start`` (a rebuilt table,
        a split header)."""
        origin = self._items[start].origin
        self._items[start:stop] = [Line(t, origin, False) for t in texts]

    def insert_after(self, k: int, texts: Sequence[str]) -> None:
        """New lines after line ``k``, from its source line."""
        origin = self._items[k].origin
        self._items[k + 1 : k + 1] = [Line(t, origin, False) for t in texts]

    def keep(self, indices: Iterable[int]) -> None:
        """Only the lines at ``indices`` (in order) remain: the others are dropped."""
        self._items = [self._items[k] for k in indices]

    def split_lines(self) -> None:
        """Each line holding several lines (``\\n`` inside it) becomes those lines, all from its source
        line; a line left whole keeps its exactness."""
        out: list[Line] = []
        for x in self._items:
            parts = x.text.split("\n")
            out += [x] if len(parts) == 1 else [Line(p, x.origin, False) for p in parts]
        self._items = out

    def regroup(self, blocks: Iterable[tuple[Sequence[int], str]]) -> None:
        """The document becomes ``blocks`` with a blank line between them: each block the indices of the
        lines it joins and its text, from the source line of its first line; exact only when it is one
        line (its text as the pass left it: stripped of its indentation at most)."""
        out: list[Line] = []
        for ks, text in blocks:
            first = self._items[ks[0]]
            if out:
                out.append(Line("", first.origin, False))
            out.append(Line(text, first.origin, len(ks) == 1 and first.exact))
        self._items = out
