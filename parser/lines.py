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

from collections.abc import Iterable, Iterator, Sequence, Set
from typing import overload

from policyvc.parser.prebuilt import dataclass

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
    keeps each line's origin with its text.

    Stored by column (texts, origins, exactness: reading texts is what the passes do most, at list
    speed); the columns are private and only the edits below change them, each all three at once.
    """

    __slots__ = ("_exact", "_origin", "_text")

    def __init__(self, items: Iterable[Line] = ()) -> None:
        rows = list(items)
        self._text = [x.text for x in rows]
        self._origin = [x.origin for x in rows]
        self._exact = [x.exact for x in rows]

    @classmethod
    def numbered(cls, texts: Iterable[str]) -> Lines:
        """Source lines, numbered from 1, each exactly as written."""
        out = cls()
        out._text = list(texts)
        out._origin = list(range(1, len(out._text) + 1))
        out._exact = [True] * len(out._text)
        return out

    @overload
    def __getitem__(self, k: int) -> str: ...
    @overload
    def __getitem__(self, k: slice) -> list[str]: ...
    def __getitem__(self, k: int | slice) -> str | list[str]:
        return self._text[k]

    def __len__(self) -> int:
        return len(self._text)

    def __iter__(self) -> Iterator[str]:
        return iter(self._text)  # (an edit during iteration is seen, as in a list)

    @property
    def texts(self) -> tuple[str, ...]:
        """The texts as they are now (a snapshot: for a pass that reads much and edits after)."""
        return tuple(self._text)

    def line(self, k: int) -> Line:
        return Line(self._text[k], self._origin[k], self._exact[k])

    def origin(self, k: int) -> int:
        """The 1-based source line line ``k`` came from."""
        return self._origin[k]

    def exact(self, k: int) -> bool:
        return self._exact[k]

    @property
    def items(self) -> tuple[Line, ...]:
        return tuple(map(Line, self._text, self._origin, self._exact))

    def _put(self, start: int, stop: int, texts: list[str], origins: list[int], exact: list[bool]) -> None:
        """The one place the columns change length: all three at once."""
        if not len(texts) == len(origins) == len(exact):
            raise ValueError("a line without its origin")
        self._text[start:stop] = texts
        self._origin[start:stop] = origins
        self._exact[start:stop] = exact

    # --- edits ---------------------------------------------------------------------------------------------

    def set(self, k: int, text: str) -> None:
        """Rewrite line ``k`` (same origin; no longer the source line as written)."""
        self._text[k] = text
        self._exact[k] = False

    def blank(self, k: int) -> None:
        """Empty line ``k`` (furniture, a marker moved elsewhere): it stays, with its origin."""
        self._text[k] = ""

    def strip_at(self, k: int, text: str) -> None:
        """Line ``k`` with characters that occupy no column taken out (a form feed): still exact."""
        self._text[k] = text

    def replace(self, start: int, stop: int, texts: Sequence[str]) -> None:
        """Lines ``start:stop`` become ``texts``, all from the source line of line ``start`` (a rebuilt table,
        a split header)."""
        n = len(texts)
        self._put(start, stop, list(texts), [self._origin[start]] * n, [False] * n)

    def insert_after(self, k: int, texts: Sequence[str]) -> None:
        """New lines after line ``k``, from its source line."""
        n = len(texts)
        self._put(k + 1, k + 1, list(texts), [self._origin[k]] * n, [False] * n)

    def keep(self, indices: Iterable[int]) -> None:
        """Only the lines at ``indices`` (in order) remain: the others are dropped."""
        ks = list(indices)
        t, o, e = self._text, self._origin, self._exact
        self._put(0, len(t), [t[k] for k in ks], [o[k] for k in ks], [e[k] for k in ks])

    def split_lines(self) -> None:
        """Each line holding several lines (``\\n`` inside it) becomes those lines, all from its source
        line; a line left whole keeps its exactness."""
        if not any("\n" in t for t in self._text):
            return
        texts: list[str] = []
        origins: list[int] = []
        exact: list[bool] = []
        for t, o, e in zip(self._text, self._origin, self._exact, strict=True):
            parts = t.split("\n")
            texts += parts
            origins += [o] * len(parts)
            exact += [e] if len(parts) == 1 else [False] * len(parts)
        self._put(0, len(self._text), texts, origins, exact)

    def regroup(self, blocks: Iterable[tuple[Sequence[int], str]], tight: Set[int] = frozenset()) -> None:
        """The document becomes ``blocks`` with a blank line between them (but above the blocks numbered in
        ``tight``): each block the indices of the lines it joins and its text, from the source line of its
        first line; exact only when it is one line (its text as the pass left it: stripped of its indentation
        at most)."""
        texts: list[str] = []
        origins: list[int] = []
        exact: list[bool] = []
        for b, (ks, text) in enumerate(blocks):
            origin = self._origin[ks[0]]
            if texts and b not in tight:
                texts.append("")
                origins.append(origin)
                exact.append(False)
            texts.append(text)
            origins.append(origin)
            exact.append(len(ks) == 1 and self._exact[ks[0]])
        self._put(0, len(self._text), texts, origins, exact)
