"""Each page's entries in mkdocs-material's search index, cached between builds and written as a stream (used by
:mod:`policyvc.site.mkdocs_hooks`).

The search plugin reads every indexed page's HTML again with Python's ``HTMLParser`` to cut it into sections, and
once the Markdown and the theme come from the caches that is most of a build.  A page's entries are made from its
HTML, table of contents, URL, title and meta and the plugin's configuration, nothing else; they are kept in
``<project>/.policyvc-mkdocs-cache/search/`` under a key of those and the toolchain's versions, as the text the
index holds them in (what the plugin's ``json.dumps`` makes of them).

And the plugin holds the whole index — every page's text — until the build ends, then makes it one string, and
the offline plugin reads that file back whole to write it again as a script: a big site's memory grew with its
text.  Here each page's entries, as text, go to a scratch file as the page is indexed, and the index and its
script are written from it at the end, a page at a time, the same bytes in the same order.  This is done only
with mkdocs-material's search plugin in a build of mkdocs-material's plugins and these hooks alone (another
plugin may read or change the index), and only where the methods it stands in for are the ones it knows;
otherwise the plugin does its own work.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from policyvc.site.mkdocs_cache import Listener, entry_name, prune, store_bytes, toc_tokens, toolchain_key

SEARCH = "material.plugins.search.plugin"
OFFLINE = "material.plugins.offline.plugin"
MARKER = "data-search-"  # the plugin strips attributes named so from a page's HTML: a page without one is as it is
# What the plugin's own ``on_page_context`` does (index the page, strip those attributes): when its source is
# not this, it is left to do it itself.
_PAGE_CONTEXT_STRIP = 'r"\\s?data-search-\\w+=\\"[^\\"]+\\""'


_DIGEST: list[Any] = [None, ""]  # the last page HTML hashed, and its digest
_TOC: list[Any] = [None, ""]  # the last table of contents made text, and its text


def content_digest(text: str | None) -> str:
    """The sha256 of a page's HTML, made once when the search index and the theme both key on the same string."""
    if text is not _DIGEST[0]:
        _DIGEST[:] = [text, hashlib.sha256((text or "").encode("utf-8", "surrogatepass")).hexdigest()]
    return str(_DIGEST[1])


def remember_digest(text: str, digest: str) -> None:
    """Note that ``text``'s sha256 is ``digest`` (the page cache kept it with the HTML), for :func:`content_digest`."""
    _DIGEST[:] = [text, digest]


def toc_json(tokens: list[dict[str, Any]]) -> str:
    """A table of contents' tokens (:func:`policyvc.site.mkdocs_cache.toc_tokens`) as the keys hash them."""
    return json.dumps(tokens, sort_keys=True, ensure_ascii=False, default=repr)


def toc_text(toc: Any) -> str:
    """A page's table of contents as text (:func:`toc_json`), made once for the search index's and the theme's
    keys of the same page (or given by :func:`remember_toc`)."""
    if toc is not _TOC[0]:
        _TOC[:] = [toc, toc_json(toc_tokens(toc))]
    return str(_TOC[1])


def remember_toc(toc: Any, text: str) -> None:
    """Note that ``toc``'s text is ``text`` (it was made from that text), for :func:`toc_text`."""
    _TOC[:] = [toc, text]


class SearchCache:
    """The cache of one build's search entries, and the index written from them: :meth:`attach` puts it in the
    search plugin's place."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self._scratch: IO[bytes] | None = None
        self._pieces: list[tuple[int, int]] = []  # where each page's entries are in the scratch file, in order
        self.last: bytes | None = None  # the last page's entries noted (:mod:`policyvc.site.mkdocs_skip` keeps them)

    def attach(self, config: Any, known: Callable[[Any], bool]) -> None:
        """Stand in for mkdocs-material's search plugin's indexing of a page and writing of the index (after the
        plugins' ``config`` events), when every plugin of the build is ``known``."""
        plugins = list(config.plugins.values())
        if not all(map(known, plugins)):
            return
        for plugin in plugins:
            if type(plugin).__module__ != SEARCH or getattr(plugin, "is_dirty", True):
                continue
            index = getattr(plugin, "search_index", None)
            original = getattr(index, "add_entry_from_context", None)
            if index is None or original is None or not _is_known(plugin) or getattr(index, "entries", None) != []:
                continue
            settings = json.dumps([toolchain_key(), dict(plugin.config)], sort_keys=True, default=repr)
            if " at 0x" in settings:
                continue
            settings = hashlib.sha256(settings.encode("utf-8", "surrogatepass")).hexdigest()
            offline = [p for p in plugins if type(p).__module__ == OFFLINE and p.config.enabled]
            self._take_over(config, plugin, index, original, settings, offline)

    def _take_over(
        self, config: Any, plugin: Any, index: Any, original: Any, settings: str, offline: list[Any]
    ) -> None:
        """Put :meth:`add` and :meth:`write_index` in the place of ``plugin``'s own events (and ``offline``'s)."""
        self._scratch = tempfile.TemporaryFile(prefix="policyvc-search-")  # noqa: SIM115 (closed by close())

        def page_context(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
            if not plugin.config.enabled:
                return None
            self.add(index, original, settings, page)
            if MARKER in (page.content or ""):  # (the plugin strips them; indexed already)
                index.add_entry_from_context = _skip
                try:
                    return plugin.on_page_context(context, page=page, config=config, nav=nav)
                finally:
                    del index.add_entry_from_context
            return None

        def post_build(*, config: Any) -> None:
            if plugin.config.enabled:
                self.write_index(index, Path(config.site_dir) / "search", bool(offline))

        _replace_event(config, "page_context", plugin.on_page_context, page_context)
        _replace_event(config, "post_build", plugin.on_post_build, post_build)
        for other in offline:
            _replace_event(config, "post_build", other.on_post_build, _nothing)

    def add(self, index: Any, original: Any, settings: str, page: Any) -> None:
        """Note ``page``'s entries in the scratch file: the kept ones when the key holds, else ``original``'s."""
        text = json.dumps([settings, page.file.src_uri, page.url, page.title, page.meta], sort_keys=True, default=repr)
        text += "\0" + toc_text(page.toc)
        if " at 0x" in text:
            self._note(_index_page(index, original, page))
            return
        h = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0" + content_digest(page.content).encode("ascii"))
        head = (h.hexdigest() + "\n").encode("ascii")
        name = entry_name(page.file.src_uri, ".json")
        self.used.add(name)
        path = self.folder / name
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        if data.startswith(head):
            self.hits += 1
            self._note(data[len(head) :])
            return
        self.misses += 1
        with Listener() as listener:
            piece = _index_page(index, original, page)
        self._note(piece)
        if listener.said:
            path.unlink(missing_ok=True)
        else:
            store_bytes(path, head + piece)

    def attached(self) -> bool:
        """Whether the search plugin's indexing of a page is this cache's."""
        return self._scratch is not None

    def stash(self, piece: bytes) -> tuple[int, int] | None:
        """Put a page's entries (as the index's text holds them) in the scratch file, not yet in the index: where
        they are, for :meth:`note_at` (a page passed over is known long before its place in the index comes; its
        entries wait in the file, not in memory)."""
        if not piece or self._scratch is None:
            return None
        place = (self._scratch.seek(0, 2), len(piece))
        self._scratch.write(piece)
        return place

    def note_at(self, place: tuple[int, int] | None) -> None:
        """Note the entries :meth:`stash` put at ``place`` in their place in the index."""
        if place is not None and self._scratch is not None:
            self._pieces.append(place)

    def _note(self, piece: bytes) -> None:
        self.last = piece
        if piece and self._scratch is not None:
            self._pieces.append((self._scratch.seek(0, 2), len(piece)))
            self._scratch.write(piece)

    def write_index(self, index: Any, folder: Path, script: bool) -> None:
        """Write ``search_index.json`` (and with the offline plugin, ``search_index.js``: the same, as a script)
        as the plugin would make it of the entries noted, one page's at a time."""
        index.entries = []
        empty = index.generate_search_index(None)  # (the plugin's own head: its configuration)
        tail = '"docs":[]}'
        if not empty.endswith(tail):
            raise RuntimeError("mkdocs-material's search index is not in the form this writes")
        folder.mkdir(parents=True, exist_ok=True)
        outs: list[IO[bytes]] = [open(folder / "search_index.json", "wb")]  # noqa: SIM115 (closed below)
        if script:
            outs.append(open(folder / "search_index.js", "wb"))  # noqa: SIM115
            outs[1].write(b"var __index = ")
        try:
            self._stream(outs, empty[: -len(tail)].encode("utf-8") + b'"docs":[', b"]}")
        finally:
            for out in outs:
                out.close()

    def _stream(self, outs: list[IO[bytes]], head: bytes, end: bytes) -> None:
        for out in outs:
            out.write(head)
        scratch = self._scratch
        for i, (offset, length) in enumerate(self._pieces):
            assert scratch is not None
            scratch.seek(offset)
            piece = (b"," if i else b"") + scratch.read(length)
            for out in outs:
                out.write(piece)
        for out in outs:
            out.write(end)

    def prune(self) -> None:
        prune(self.folder, self.used)

    def detach(self) -> IO[bytes] | None:
        """Stop noting entries in the scratch file (a drawing worker: it keeps entries, MkDocs' process notes
        them); the scratch file, for the caller to hold."""
        scratch, self._scratch = self._scratch, None
        return scratch

    def close(self) -> None:
        if self._scratch is not None:
            self._scratch.close()
        self._scratch = None
        self._pieces.clear()


def _nothing(**kwargs: Any) -> None:
    """(The offline plugin's script of the index is written with the index.)"""


def _skip(page: Any) -> None:
    """(The page is indexed already.)"""


def _index_page(index: Any, original: Any, page: Any) -> bytes:
    """A page's entries as the index's text holds them (no brackets; empty when it has none), made by the plugin."""
    index.entries = []
    try:
        original(page)
        new = index.entries
    finally:
        index.entries = []
    return json.dumps(new, separators=(",", ":"), default=str)[1:-1].encode("utf-8", "surrogatepass")


def _is_known(plugin: Any) -> bool:
    """Whether the search plugin's methods this stands in for are the ones whose work it knows."""
    try:
        context = inspect.getsource(type(plugin).on_page_context)
        build = inspect.getsource(type(plugin).on_post_build)
        generate = inspect.getsource(type(plugin.search_index).generate_search_index)
    except (OSError, TypeError, AttributeError):
        return False
    return (
        _PAGE_CONTEXT_STRIP in context
        and "add_entry_from_context(page)" in context
        and "generate_search_index(self.search_index_prev)" in build
        and '"docs": self.entries' in generate
    )


def _replace_event(config: Any, event: str, method: Any, replacement: Any) -> None:
    """Put ``replacement`` in ``method``'s place among the build's ``event`` handlers (same order, same plugin)."""
    handlers = config.plugins.events[event]
    for i, handler in enumerate(handlers):
        if handler == method:
            handlers[i] = replacement
            origin = config.plugins._event_origins.get(method)
            if origin is not None:
                config.plugins._event_origins[replacement] = origin
