"""A page's raw HTML parsed once, not twice (used by :mod:`policyvc.site.mkdocs_hooks`).

MkDocs collects the anchor ids a page's raw HTML holds (``mkdocs.structure.pages._RawHTMLPreprocessor``: every
``id``, and ``name`` of an ``a``) with an HTML parse of the whole page of its own, just before Python-Markdown's
``HtmlBlockPreprocessor`` parses the very same text again to set the raw HTML blocks aside: on this site's pages,
mostly raw HTML, the two parses were a sixth of a cold build's CPU.  Here the ids are noted during
Python-Markdown's parse, which sees the same start tags with the same attributes as MkDocs' parser as long as the
text holds nothing the two read differently — a comment, declaration or processing instruction (``<!``, ``<?``),
a ``script`` or ``style`` element, an ``&#`` that is no character reference, a start tag cut short (noticed during
the parse) — and a preprocessor between the two has changed nothing.  Otherwise MkDocs' own parse runs, as before.
``tests/test_site_mkdocs_anchors.py`` holds the ids equal to MkDocs' on every page of a site and generated text.
And the page's ``Markdown`` answers whether a tag is block-level from a set (:class:`BlockLevel`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Self, SupportsIndex

from markdown.htmlparser import HTMLExtractor  # type: ignore[import-untyped]
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor  # type: ignore[import-untyped]

_ORIGINAL: list[Any] = []  # MkDocs' own preprocessor class, while this one stands in for it

# what MkDocs' parser (character references converted) and Python-Markdown's (not) read differently
_UNLIKE = re.compile(r"<[!?]|<(?:script|style)|&#(?!(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])", re.IGNORECASE)


def mkdocs_ids(text: str) -> set[str]:
    """The anchor ids of ``text`` as MkDocs' own parse collects them."""
    from mkdocs.structure.pages import _HTMLHandler

    parser = _HTMLHandler()
    parser.feed(text)
    parser.close()
    return set(parser.present_anchor_ids)


class _Extractor(HTMLExtractor):  # type: ignore[misc]  # (Python-Markdown is untyped)
    """Python-Markdown's raw HTML extractor that also notes the anchor ids, as MkDocs' parser does."""

    def __init__(self, md: Any, ids: set[str]) -> None:
        super().__init__(md)
        self.anchor_ids = ids
        self.cut_short = False  # a start tag the two parsers go on from differently

    def check_for_whole_start_tag(self, i: int) -> int:
        end: int = super().check_for_whole_start_tag(i)
        if end < 0:
            self.cut_short = True
        return end

    def _note(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k == "id" or (k == "name" and tag == "a"):
                self.anchor_ids.add(v)  # type: ignore[arg-type]  # (as MkDocs: an id without a value is None)

    def handle_starttag(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> None:
        self._note(tag, attrs)
        super().handle_starttag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: Sequence[tuple[str, str | None]]) -> None:
        self._note(tag, attrs)  # (MkDocs' parser calls its handle_starttag for ``<x/>``)
        super().handle_startendtag(tag, attrs)


class BlockLevel(list[str]):
    """``Markdown.block_level_elements`` with its membership answered by a set: ``Markdown.is_block_level``, asked
    for every tag of the raw HTML, scanned the list of 59 names each time (for ``span`` and ``a``, all of it).
    Still a list (an extension may change it): every change that could add or drop a name forgets the set."""

    _names: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self._names is None:
            self._names = frozenset(self)
        return name in self._names

    def _changed(self) -> None:
        self._names = None

    def append(self, name: str) -> None:
        super().append(name)
        self._changed()

    def extend(self, names: Iterable[str]) -> None:
        super().extend(names)
        self._changed()

    def insert(self, index: SupportsIndex, name: str) -> None:
        super().insert(index, name)
        self._changed()

    def remove(self, name: str) -> None:
        super().remove(name)
        self._changed()

    def pop(self, index: SupportsIndex = -1) -> str:
        self._changed()
        return super().pop(index)

    def clear(self) -> None:
        super().clear()
        self._changed()

    def __setitem__(self, index: Any, value: Any) -> None:
        super().__setitem__(index, value)
        self._changed()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._changed()

    def __iadd__(self, names: Iterable[str], /) -> Self:  # type: ignore[override,misc]  # (as list's own is)
        self._changed()
        return super().__iadd__(names)

    def __imul__(self, n: SupportsIndex) -> Self:
        self._changed()
        return super().__imul__(n)


class RawHTMLAnchors(Preprocessor):  # type: ignore[misc]
    """Stands in for ``mkdocs.structure.pages._RawHTMLPreprocessor``: the same ``present_anchor_ids``, from
    Python-Markdown's parse of the raw HTML when it is the standard one (:class:`_Block`)."""

    def __init__(self) -> None:
        super().__init__()
        self.present_anchor_ids: set[str] = set()
        self.lines: list[str] | None = None  # what this saw, for the block parser to know it sees the same

    def _register(self, md: Any) -> None:
        self.md = md
        if type(md.block_level_elements) is list:  # (made by this page's ``Markdown``, its extensions loaded)
            md.block_level_elements = BlockLevel(md.block_level_elements)
        md.preprocessors.register(self, "mkdocs_raw_html", priority=21)  # right before 'html_block', as MkDocs
        block = md.preprocessors["html_block"] if "html_block" in md.preprocessors else None  # noqa: SIM401
        priority = next((p.priority for p in md.preprocessors._priority if p.name == "html_block"), None)
        if type(block) is HtmlBlockPreprocessor and priority is not None and priority < 21:
            md.preprocessors.register(_Block(md, self), "html_block", priority)
        # (otherwise ``run`` collects the ids itself: no block parser of ours will)

    def run(self, lines: list[str]) -> list[str]:
        self.lines = lines
        if "html_block" not in self.md.preprocessors or type(self.md.preprocessors["html_block"]) is not _Block:
            self.present_anchor_ids = mkdocs_ids("\n".join(lines))
        return lines


class _Block(HtmlBlockPreprocessor):  # type: ignore[misc]
    """Python-Markdown's ``html_block``, noting the anchor ids for ``anchors`` as it parses."""

    def __init__(self, md: Any, anchors: RawHTMLAnchors) -> None:
        super().__init__(md)
        self.anchors = anchors

    def run(self, lines: list[str]) -> list[str]:
        seen = self.anchors.lines
        source = "\n".join(lines)
        if lines is not seen or _UNLIKE.search(source) is not None:  # (changed since, or read differently)
            self.anchors.present_anchor_ids = mkdocs_ids("\n".join(seen) if seen is not None else source)
            result: list[str] = super().run(lines)
            return result
        ids: set[str] = set()
        parser = _Extractor(self.md, ids)
        parser.feed(source)
        parser.close()
        self.anchors.present_anchor_ids = mkdocs_ids(source) if parser.cut_short else ids
        return "".join(parser.cleandoc).split("\n")


def install() -> None:
    """Make MkDocs' pages collect their raw HTML's anchor ids with :class:`RawHTMLAnchors`, in this process."""
    from mkdocs.structure import pages

    if not _ORIGINAL:
        _ORIGINAL.append(vars(pages)["_RawHTMLPreprocessor"])
        setattr(pages, "_RawHTMLPreprocessor", RawHTMLAnchors)  # noqa: B010 (a private name of MkDocs')


def uninstall() -> None:
    """Give MkDocs its own preprocessor back."""
    from mkdocs.structure import pages

    if _ORIGINAL:
        setattr(pages, "_RawHTMLPreprocessor", _ORIGINAL.pop())  # noqa: B010
