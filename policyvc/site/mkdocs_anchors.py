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
And the page's ``Markdown`` answers whether a tag is block-level from a set (:class:`BlockLevel`), and works out
a text's inline Markdown once per process (:mod:`policyvc.site.mkdocs_inline`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any, Self, SupportsIndex

from markdown.htmlparser import HTMLExtractor  # type: ignore[import-untyped]
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor  # type: ignore[import-untyped]

from policyvc.site import mkdocs_inline

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
        mkdocs_inline.attach(md)  # (each text's inline Markdown worked out once per process)

    def run(self, lines: list[str]) -> list[str]:
        self.lines = lines
        if "html_block" not in self.md.preprocessors or type(self.md.preprocessors["html_block"]) is not _Block:
            self.present_anchor_ids = mkdocs_ids("\n".join(lines))
        return lines


# a token of text the fast extractor reads as Python-Markdown's parser does: a start or end tag of plain attributes
# (names, double-quoted values without ``<`` or ``>``), a complete character or entity reference; any other ``<`` or
# ``&`` (a comment, declaration, bare or unquoted value, a tag cut short, ``</>``) matches the last branch, and the
# page is left to the parser
# (the spaces are the ones that end a tag's name for ``html.parser``: a ``\s`` would take a no-break space too)
_TOKEN = re.compile(
    r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)[ \t\n\r\f]*(/?)>'
    r"|&(?:[a-zA-Z][-.a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);"
    r"|([<&])"
)
_ATTR = re.compile(r'[ \t\n\r\f]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<>]*)")?')
_BLANK_LINES = re.compile(r"(?:[ ]*\n){2}")  # Python-Markdown's ``blank_line_re``: a raw block's end stands alone
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"))


def _simple_extract(md: Any, source: str) -> tuple[str, list[str], set[str]] | None:
    """What Python-Markdown's ``HTMLExtractor`` makes of ``source`` — the text with each raw HTML block replaced
    by its placeholder, the blocks to stash in order, and the anchor ids MkDocs' parse would collect — read with
    one regular expression instead of ``html.parser``'s per-character Python, for text of plain tags only: None
    (the parser is run) at anything it does not model — a ``<`` or ``&`` other than a plain tag or complete
    reference, a tag whose contents are raw text (``script``, ``style``, …), an ``hr`` or a self-closed tag, an
    attribute given twice, a reference in a block's "tail", a block not closed.

    The rules followed are ``HTMLExtractor``'s: a block-level start tag at a line's start (at most three spaces
    before it), outside a block, opens a block; in a block every start tag is pushed and an end tag pops up to its
    name when it is open; the block ends when nothing is open, and takes the newline after it when a blank line
    follows, else the text after it is its tail up to a newline, where a block-level start tag opens a block
    wherever it stands; outside a block, text, tags and references are kept as they are.  The generated text of
    this site's pages is of this kind; ``tests/test_site_mkdocs_anchors.py`` holds the result equal to the
    parser's, on every page of a site and on generated text."""
    out: list[str] = []
    stashed: list[str] = []
    ids: set[str] = set()
    stack: list[str] = []
    start = 0  # where the open block starts (when ``stack``)
    pos = 0  # the end of what is in ``out`` or in the open block
    is_block = md.is_block_level
    store_count = md.htmlStash.html_counter
    tail = False  # after a block not followed by a blank line, until a newline (the parser's ``intail``)
    last = 0  # the end of the last token
    for m in _TOKEN.finditer(source):
        if tail and "\n" in source[last : m.start()]:
            tail = False
        last = m.end()
        closing, name, attrs, closed, other = m.groups()
        if name is None:
            if other or tail:
                return None  # a ``<`` or ``&`` the parser reads in its own way; a reference in a tail (held back)
            continue  # a reference: kept as it is, in a block or out
        tag = name.lower()
        if closed or tag in _RAW_TEXT or (tag == "hr" and not closing):
            return None
        if closing:
            if attrs:
                return None
            if stack:
                if tag in stack:
                    while stack.pop() != tag:
                        pass
                if not stack:
                    end = m.end()
                    blank = _BLANK_LINES.match(source, end) is not None
                    tail = tail or not blank  # (text up to the next newline is the block's tail)
                    stashed.append(source[start:end] + ("\n" if blank else ""))
                    out.append(md.htmlStash.get_placeholder(store_count + len(stashed) - 1))
                    out.append("\n\n")
                    pos = end
            continue
        if attrs and ("id" in (low := attrs.lower()) or "name" in low):
            seen: set[str] = set()
            for a in _ATTR.finditer(attrs):
                key = a.group(1).lower()
                if key == "id" or (key == "name" and tag == "a"):
                    if key in seen:
                        return None  # (MkDocs' parse keeps the last of the two, Python-Markdown's sees both)
                    seen.add(key)
                    value = a.group(2)
                    ids.add(html.unescape(value) if value and "&" in value else value)  # (None: no value)
        if stack:
            if tail and is_block(tag):
                return None  # (the parser opens a block again inside the block: a newline more before it)
            stack.append(tag)
            continue
        i = m.start()
        line = source.rfind("\n", 0, i) + 1
        if is_block(tag) and (tail or i == line or (i - line <= 3 and not source[line:i].strip())):
            out.append(source[pos:i])
            out.append("\n")
            stack.append(tag)
            start = pos = i
    if stack:
        return None  # a block not closed
    out.append(source[pos:])
    return "".join(out), stashed, ids


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
        fast = _simple_extract(self.md, source)
        if fast is not None:
            cleandoc, stashed, noted = fast
            for block in stashed:  # (stored in order, as the parser would: the placeholders in ``cleandoc`` are theirs)
                self.md.htmlStash.store(block)
            self.anchors.present_anchor_ids = noted
            return cleandoc.split("\n")
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
