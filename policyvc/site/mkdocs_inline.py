"""A text's inline Markdown worked out once per MkDocs process, not once per page it is on (used by
:mod:`policyvc.site.mkdocs_anchors`, which every page's ``Markdown`` meets).

Python-Markdown's ``InlineProcessor`` tries each of its inline patterns (links, emphasis, entities, code, …) on every
text of a page: its cells, list items, paragraphs.  A policy's versions share most of their texts, and its blame,
diff and version pages repeat them again (the same criterion's words, the same ``[I.A.6](#I.A.6)``), so on this
site about four texts in five had been worked out already on an earlier page.  Here the first working-out of a text
is recorded — the string it becomes, the nodes it set aside for its placeholders, the raw HTML it stashed — and a
later page with the same text, under the same patterns and ancestors, gets a copy of that record, its placeholders
renumbered to the page's own counters: the same tree, so the same HTML.

Recorded only where the result is a function of what the key holds:

- the patterns are Python-Markdown's own classes (:data:`_OWN`), each keyed by its name, place, class and settings;
- the text holds no placeholder (``STX``) already — its result then reads no earlier stash;
- the page's reference links, escapable characters and output format are part of the key;
- the working-out changed nothing else of the page's state (the tag stash), and left nothing of itself for the next
  text's (the emphasis delimiters' state is empty before and after it).

Anything else takes Python-Markdown's own path.  ``tests/test_site_mkdocs_inline.py`` holds the pages equal with and
without the record, on generated Markdown and on a built site.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from markdown import inlinepatterns, util  # type: ignore[import-untyped]
from markdown.treeprocessors import InlineProcessor  # type: ignore[import-untyped]

_OWN = "markdown.inlinepatterns"  # the module of Python-Markdown's own inline patterns
_LIMIT = 20_000  # texts recorded per process (a record is a few hundred bytes to a few KB; all dropped when full)
_PLACEHOLDER = re.compile("\x02(klzzwxh:|wzxhzdk:)([0-9]+)\x03")  # an inline node's or a stashed HTML's
_DELIMITERS = getattr(inlinepatterns, "DelimiterProcessor", None)  # (the emphasis of Python-Markdown 3.11 on)
_ORIGINAL = InlineProcessor._InlineProcessor__handleInline  # (Python-Markdown's own, a private name)

# (patterns' key, ancestors, text) → (result, nodes set aside, raw HTML stashed, the first node's id, the first HTML's)
_RECORDS: dict[tuple[Any, ...], tuple[str, list[Any], list[Any], int, int]] = {}
_SIGNATURES: dict[int, tuple[Any, int | None]] = {}  # id(patterns registry) → (registry, its key's number)
_NUMBERS: dict[tuple[Any, ...], int] = {}  # each key of the patterns met, numbered (a short key to hash)


def _signature(md: Any, patterns: Any) -> int | None:
    """The number of what the inline patterns' working-out of a text depends on besides the text, or None when it
    may depend on something else (a pattern not Python-Markdown's own)."""
    held = _SIGNATURES.get(id(patterns))
    if held is not None and held[0] is patterns:
        return held[1]
    key: int | None = None
    items = [(item.name, item.priority) for item in patterns._priority]
    if all(type(patterns[name]).__module__ == _OWN for name, _ in items):
        try:
            rows = tuple((name, priority, _describe(patterns[name])) for name, priority in items)
        except _Unstable:
            rows = None
        if rows is not None:
            key = _NUMBERS.setdefault((rows, tuple(md.ESCAPED_CHARS), md.output_format), len(_NUMBERS))
    _SIGNATURES.clear()  # (one page's ``Markdown`` at a time)
    _SIGNATURES[id(patterns)] = (patterns, key)
    return key


class _Unstable(Exception):
    """A pattern's setting that has no text of its own to compare (an object's address)."""


def _describe(value: Any) -> Any:
    """A pattern's settings as comparable values: the same for two pages' patterns that work alike."""
    if isinstance(value, dict):
        return tuple(sorted((repr(k), _describe(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, deque)):
        return (type(value).__qualname__, tuple(_describe(v) for v in value))
    if type(value).__module__ == _OWN and _plain_repr(value):
        fields = tuple(sorted((k, _describe(v)) for k, v in vars(value).items() if k != "md"))
        return (type(value).__qualname__, fields)
    text = repr(value)
    if " at 0x" in text:
        raise _Unstable(text)
    return text


def _plain_repr(value: Any) -> bool:
    """Whether ``value``'s class prints it as ``object`` does (its address: nothing to compare)."""
    return all(vars(cls).get("__repr__") is None for cls in type(value).__mro__[:-1])


def _quiet(md: Any) -> bool:
    """Whether nothing of a text's working-out is left over for the next text's: the emphasis delimiters' state
    (Python-Markdown's ``DelimiterProcessor`` keeps the regions of one text between its calls) is empty."""
    d = getattr(md, "delimiters", None)
    if d is None:
        return True
    if type(d) is not _DELIMITERS:
        return False
    if d.regions or d.cache or d.stack or d.positions or d.searched or d.remainder is not None:
        return False
    if d.cache_index or d.cache_pos:
        return False
    return all(not delimiter.stack for delimiter in d.delimiters.values())


def _renumber(text: Any, node_shift: int, html_shift: int) -> Any:
    """``text`` (a string, an ``AtomicString`` or None) with its placeholders' numbers moved."""
    if not text or "\x02" not in text:
        return text

    def move(m: re.Match[str]) -> str:
        shift = node_shift if m.group(1) == "klzzwxh:" else html_shift
        number = int(m.group(2)) + shift
        return f"\x02{m.group(1)}{number:04d}\x03" if m.group(1) == "klzzwxh:" else f"\x02{m.group(1)}{number}\x03"

    moved = _PLACEHOLDER.sub(move, text)
    return util.AtomicString(moved) if isinstance(text, util.AtomicString) else moved


def _copy(value: Any, node_shift: int, html_shift: int) -> Any:
    """A fresh copy of a node set aside (an element and its children, or a string), placeholders moved."""
    if isinstance(value, str):
        return _renumber(value, node_shift, html_shift)
    attrib = {k: _renumber(v, node_shift, html_shift) for k, v in value.attrib.items()}
    copy = value.makeelement(value.tag, attrib)
    copy.text = _renumber(value.text, node_shift, html_shift)
    copy.tail = _renumber(value.tail, node_shift, html_shift)
    copy.extend(_copy(child, node_shift, html_shift) for child in value)
    return copy


class RecordedInline(InlineProcessor):  # type: ignore[misc]
    """Python-Markdown's inline processor, each text's working-out recorded and replayed (the module's doc)."""

    _depth = 0  # (inside a working-out being recorded: its inner texts are part of its record)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if patternIndex or self._depth or not data or "\x02" in data or isinstance(data, util.AtomicString):
            return _ORIGINAL(self, data, patternIndex)  # type: ignore[no-any-return]
        md = self.md
        patterns = _signature(md, self.inlinePatterns)
        if patterns is None or not _quiet(md):
            return _ORIGINAL(self, data, patternIndex)  # type: ignore[no-any-return]
        references = tuple(sorted(md.references.items())) if md.references else ()
        key = (patterns, references, tuple(self.ancestors), data)
        nodes, stash = self.stashed_nodes, md.htmlStash
        record = _RECORDS.get(key)
        if record is not None:
            result, set_aside, stashed, first_node, first_html = record
            node_shift, html_shift = len(nodes) - first_node, stash.html_counter - first_html
            for value in set_aside:
                nodes[f"{len(nodes):04d}"] = _copy(value, node_shift, html_shift)
            for value in stashed:
                stash.rawHtmlBlocks.append(_copy(value, node_shift, html_shift))
                stash.html_counter += 1
            return _renumber(result, node_shift, html_shift)  # type: ignore[no-any-return]
        first_node, first_html, tags = len(nodes), stash.html_counter, stash.tag_counter
        blocks = len(stash.rawHtmlBlocks)
        self._depth = 1
        try:
            result = _ORIGINAL(self, data, patternIndex)
        finally:
            self._depth = 0
        ids = [f"{i:04d}" for i in range(first_node, len(nodes))]
        if (
            stash.tag_counter == tags
            and _quiet(md)
            and len(stash.rawHtmlBlocks) - blocks == stash.html_counter - first_html
            and all(i in nodes for i in ids)
            and not isinstance(result, util.AtomicString)
        ):
            if len(_RECORDS) >= _LIMIT:
                _RECORDS.clear()
            set_aside = [_copy(nodes[i], 0, 0) for i in ids]
            stashed = [_copy(value, 0, 0) for value in stash.rawHtmlBlocks[blocks:]]
            _RECORDS[key] = (result, set_aside, stashed, first_node, first_html)
        return result  # type: ignore[no-any-return]


def attach(md: Any) -> None:
    """Make ``md``'s inline processor record and replay (when it is Python-Markdown's own)."""
    inline = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None  # noqa: SIM401
    if type(inline) is InlineProcessor:
        inline.__class__ = RecordedInline
