"""A page's anchor ids and its links to other pages' anchors, held as compressed strings until MkDocs validates
the links at the end of a build (used by :mod:`policyvc.site.mkdocs_hooks`; the page cache,
:mod:`policyvc.site.mkdocs_cache`, keeps them so, and a page restored from it is not compressed again)."""

from __future__ import annotations

import base64
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, Self


def _pack(text: str) -> bytes:
    """A held string, compressed: anchor ids and links repeat their prefixes (``I.A.4.b``), and a big site holds
    them for every page until the build ends (about 1.8 KB a page as text; level 1: 0.6 KB, and quick)."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


_UNPACKED: list[Any] = [None, ""]  # the last compressed string read, and its text (the validation of links reads
# one page's links to one other page's anchors at a time: that page's ids are read once for all of them)


def _unpack(data: bytes) -> str:
    if data is not _UNPACKED[0]:
        _UNPACKED[:] = [data, zlib.decompress(data).decode("utf-8", "surrogatepass")]
    return str(_UNPACKED[1])


class _Packed:
    """A string held compressed, and made again from what an earlier build compressed (a page cache's entry)."""

    __slots__ = ("_data",)
    SEP = "\0"

    def __init__(self, text: str) -> None:
        self._data = _pack(text)

    @classmethod
    def packed(cls, data: bytes) -> Self:
        """The value of :attr:`data` as an earlier build compressed it."""
        made = cls.__new__(cls)
        made._data = data
        return made

    @property
    def data(self) -> bytes:
        return self._data


class Anchors(_Packed):
    """A page's anchor ids as one string (compressed), for MkDocs' validation of links to them (``anchor in ids``):
    a set of every id of every page, held from its conversion to the build's end, grew with the site."""

    __slots__ = ()

    @classmethod
    def of(cls, ids: set[str], order: Iterable[str] | None = None) -> Anchors | set[str]:
        """``ids`` as one string (in ``order``, when given: the same ids); the set itself when an id holds the
        separator (never in HTML)."""
        try:
            text = cls.SEP.join(ids if order is None else order)
        except TypeError:  # (an id not text)
            return ids
        if not ids or text.count(cls.SEP) != len(ids) - 1:
            return ids
        return cls(cls.SEP + text + cls.SEP)

    def __contains__(self, anchor: object) -> bool:
        if not isinstance(anchor, str) or self.SEP in anchor:
            return False
        return f"{self.SEP}{anchor}{self.SEP}" in _unpack(self._data)

    def __iter__(self) -> Iterator[str]:
        return iter(_unpack(self._data).split(self.SEP)[1:-1])

    def __len__(self) -> int:
        return _unpack(self._data).count(self.SEP) - 1


class Links(_Packed):
    """A page's links to one page's anchors (anchor → the link as written) as one string (compressed), for MkDocs'
    validation of them after every page is converted (``items()``)."""

    __slots__ = ()

    @classmethod
    def of(cls, links: dict[str, str]) -> Links | dict[str, str]:
        """``links`` as one string; the dict itself when a link holds the separator, or is not text."""
        try:
            text = cls.SEP.join([part for pair in links.items() for part in pair])
        except TypeError:  # (not text)
            return links
        if not links or text.count(cls.SEP) != 2 * len(links) - 1:
            return links
        return cls(text)

    def _text(self) -> str:
        return zlib.decompress(self._data).decode("utf-8", "surrogatepass")  # (not through the one kept: Anchors')

    def items(self) -> Iterator[tuple[str, str]]:
        parts = self._text().split(self.SEP)
        return zip(parts[::2], parts[1::2], strict=True)

    def __len__(self) -> int:
        return (self._text().count(self.SEP) + 1) // 2

    def __bool__(self) -> bool:
        return True


def packed_text(held: object) -> str | None:
    """Anchors or Links as a page cache's entry keeps them (base64 of the compressed text), None for anything
    else (a set or dict kept as it was: an id holding the separator)."""
    return base64.b64encode(held.data).decode("ascii") if isinstance(held, _Packed) else None


def unpacked_anchors(text: str) -> Anchors:
    """A page's anchor ids from :func:`packed_text` (``ValueError`` when it is not such text)."""
    return Anchors.packed(_checked(text))


def unpacked_links(text: str) -> Links:
    """A page's links to one page's anchors from :func:`packed_text` (``ValueError`` when it is not such text)."""
    return Links.packed(_checked(text))


def _checked(text: str) -> bytes:
    data = base64.b64decode(text, validate=True)
    if not data:
        raise ValueError("empty")
    return data
