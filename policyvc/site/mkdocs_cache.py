"""A cache of MkDocs' Markdown stage, page by page, kept between builds (used by :mod:`policyvc.site.mkdocs_hooks`).

MkDocs has no incremental build: any change renders every page's Markdown again, and that conversion
(Python-Markdown with MkDocs' own link and anchor processors) is most of a build.  A page's conversion depends only
on its Markdown after the plugins' ``page_markdown`` events, its own path and URL, the configuration of Markdown
and of link validation, the toolchain's versions, and the documentation files its links resolve to.  So what
``Page.render`` produced (HTML, table of contents, title from the first heading, anchor ids, links to other pages'
anchors) is kept per page in ``<project>/.policyvc-mkdocs-cache/`` under a key of the first five, with the lookups
of the last recorded as they were made; a later build reuses it when the key is the same and every recorded lookup
still finds the same file at the same URL, and renders the page otherwise.

Strict mode stays whole: a page whose conversion logged anything (a link MkDocs could not resolve, …) is never
kept, so it is converted and warns again in every build; a page whose link target has gone fails its recorded
lookup and is converted again, and warns.  Anchors are validated by MkDocs after the pages are rendered, from the
ids and links restored here, as for a page converted afresh.  Everything else — plugins, theme, search index,
writing — runs as it always does.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policyvc.site.mkdocs_packed import Anchors, Links, packed_text, unpacked_anchors, unpacked_links

CACHE_DIR = ".policyvc-mkdocs-cache"  # beside mkdocs.yml
ENTRY_SUFFIX = ".page"  # a page's entry (:func:`encode_entry`)
LOOKUPS = "_policyvc_lookups"  # on a page converted or restored: the lookups of files its links made
FORMAT = 1  # of an entry: a change of what is kept makes every entry stale
_LOGGERS = ("mkdocs", "MARKDOWN", "jinja2")  # where MkDocs, Python-Markdown and the templates report problems


def toolchain_key() -> str:
    """What converts Markdown, by version: an upgrade of any of it makes every entry stale."""
    from policyvc import __version__
    from policyvc.site.mkdocs import toolchain

    return f"format={FORMAT},python={sys.version_info[:3]},policyvc={__version__},{toolchain()}"


def config_key(config: Any) -> str | None:
    """The configuration a page's conversion reads, as text; None when it has no stable text (an object whose
    ``repr`` is its address, such as a function given to an extension): then nothing is cached."""
    text = json.dumps(
        [
            config["markdown_extensions"],
            config["mdx_configs"],
            config["use_directory_urls"],
            dict(config.validation.links),
        ],
        sort_keys=True,
        default=repr,
    )
    return None if " at 0x" in text else text


def page_key(markdown: str, file: Any, settings: str, level: int) -> str:
    """The key of a page's conversion: its Markdown, its path, URL and inclusion, the configuration and toolchain
    (``settings``) and the level MkDocs logs at (what a conversion would have said depends on it)."""
    h = hashlib.sha256()
    for part in (settings, str(level), file.src_uri, file.url, str(file.inclusion), markdown):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class Listener(logging.Handler):
    """Notes whether anything was logged, while it listens (``with``) to MkDocs', Python-Markdown's and Jinja's
    loggers: a stage that said anything is not kept, so that it is done, and says it, again in every build."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.said = False
        self._loggers = _loggers()

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True

    def __enter__(self) -> Listener:
        for logger in self._loggers:
            logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for logger in self._loggers:
            logger.removeHandler(self)


@functools.cache
def _loggers() -> list[logging.Logger]:
    return [logging.getLogger(name) for name in _LOGGERS]


def entry_name(src_uri: str, suffix: str) -> str:
    """The file of a page's entry in a cache folder."""
    return hashlib.sha256(src_uri.encode("utf-8", "surrogatepass")).hexdigest()[:32] + suffix


# the pages left out of this pass (mkdocs_keep) or passed over (mkdocs_skip): their entries' names, suffix aside
KEPT_ENTRIES: set[str] = set()
ENTRY_SUFFIXES = frozenset((".json", ".html", ".page", ".skip"))  # (of the search, theme, page and skip caches)


def prune(folder: Path, used: set[str]) -> None:
    """Remove the entries in ``folder`` of pages this build did not have (other folders in it are left).  A page
    left out of this pass, or passed over, keeps its entry in each cache by one name of :data:`KEPT_ENTRIES` (a
    name a cache, some 19 pages a policy, grew with the site)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    kept = KEPT_ENTRIES
    for name in names:
        if name in used:  # (most of them: no path made for it — a site's every page, in every build)
            continue
        if name[32:] in ENTRY_SUFFIXES and name[:32] in kept:
            continue
        path = folder / name
        if not path.is_dir():
            path.unlink(missing_ok=True)


class _LookupFiles:
    """The site's files as a page's conversion sees them, each lookup of a path noted with what it found."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.lookups: dict[str, list[Any] | None] = {}

    def get_file_from_path(self, path: str) -> Any:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = _seen(found)
        return found

    def __getattr__(self, name: str) -> Any:  # anything else: the files themselves
        return getattr(self._files, name)


STANDING: set[str] = set()  # pages left out of this pass of the build that are pages of the site (mkdocs_keep)


def _seen(file: Any) -> list[Any] | None:
    """What a lookup found, as recorded: nothing, or the file's URL and whether it is left out of the site (a page
    kept out of one pass of the build, :mod:`policyvc.site.mkdocs_keep`, is not)."""
    if file is None:
        return None
    return [file.url, file.inclusion.is_excluded() and file.src_uri not in STANDING]


class PageCache:
    """The cache of one build: :meth:`render` stands in for a page's ``Page.render``."""

    def __init__(self, folder: Path, config: Any) -> None:
        self.folder = folder
        conf = config_key(config)
        self.settings = None if conf is None else toolchain_key() + "\n" + conf
        self.used: set[str] = set()  # entry names of this build's pages
        self.hits = 0
        self.misses = 0

    def _path(self, src_uri: str) -> Path:
        name = entry_name(src_uri, ENTRY_SUFFIX)
        self.used.add(name)
        return self.folder / name

    def render(self, page: Any, original: Callable[[Any, Any], None], config: Any, files: Any) -> None:
        """Restore ``page``'s conversion from the cache when it still holds, else convert it (``original``) and
        keep the result when the conversion logged nothing."""
        if self.settings is None or page.markdown is None:
            original(config, files)
            return
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        key = page_key(page.markdown, page.file, self.settings, level)
        path = self._path(page.file.src_uri)
        entry = _load(path, key)
        if entry is not None and self._restore(page, entry, files):
            self.hits += 1
            page.__dict__[LOOKUPS] = entry["lookups"]
            return
        self.misses += 1
        lookup = _LookupFiles(files)
        with Listener() as listener:
            original(config, lookup)
        if listener.said:
            path.unlink(missing_ok=True)  # (a page that warns is converted, and warns, every time)
            return
        entry = _entry(page, key, lookup.lookups)
        store_bytes(path, encode_entry(entry))
        page.__dict__[LOOKUPS] = lookup.lookups
        known_html(page, page.content, entry["sha256"])

    def _restore(self, page: Any, entry: dict[str, Any], files: Any) -> bool:
        """Put the kept conversion on ``page``: False (``page`` untouched) when a lookup it made finds something
        else now, or the entry is not whole."""
        from mkdocs.structure.toc import get_toc

        try:
            lookups = entry["lookups"]
            for path, seen in lookups.items():
                if _seen(files.get_file_from_path(path)) != seen:
                    return False
            links = entry["links"]
            if links is not None:  # (as the hooks hold them, compressed: :mod:`policyvc.site.mkdocs_packed`)
                links = {files.get_file_from_path(src): _links(anchors) for src, anchors in links.items()}
                if None in links:
                    return False
            content, toc, title = entry["html"], get_toc(entry["toc"]), entry["title"]
            kept = entry["anchors"]
            anchors = unpacked_anchors(kept) if isinstance(kept, str) else set(kept)
            if not isinstance(content, str) or not isinstance(entry["sha256"], str):
                return False
        except (KeyError, TypeError, AttributeError, ValueError, zlib.error):
            return False
        page.content = content
        known_html(page, content, entry["sha256"])
        page.toc = toc
        page._title_from_render = title
        page.present_anchor_ids = anchors
        if links is not None:
            page.links_to_anchors = links
        return True

    def prune(self) -> None:
        prune(self.folder, self.used)


def _links(kept: Any) -> Any:
    return unpacked_links(kept) if isinstance(kept, str) else dict(kept)


def _entry(page: Any, key: str, lookups: dict[str, list[Any] | None]) -> dict[str, Any]:
    """The entry of a page just converted.  Its anchor ids and links are kept as the hooks hold them (compressed),
    so a page restored is not compressed again; ids sorted first, so that an entry's bytes do not depend on a
    set's order."""
    links = page.links_to_anchors
    ids = sorted(page.present_anchor_ids or ())
    anchors = packed_text(Anchors.of(set(ids), order=ids))
    return {
        "key": key,
        "src": page.file.src_uri,
        "lookups": lookups,
        "html": page.content,
        "sha256": html_digest(page.content),
        "toc": toc_tokens(page.toc),
        "title": page._title_from_render,
        "anchors": ids if anchors is None else anchors,
        "links": None if links is None else {file.src_uri: _packed_links(to) for file, to in links.items()},
    }


def _packed_links(links: Any) -> Any:
    text = packed_text(Links.of(links)) if isinstance(links, dict) else None
    return links if text is None else text


def toc_tokens(toc: Any) -> list[dict[str, Any]]:
    """A table of contents as the tokens MkDocs made it from (``mkdocs.structure.toc.get_toc`` reads them)."""
    return [
        {"name": item.title, "id": item.id, "level": item.level, "children": toc_tokens(item.children)}
        for item in toc or ()
    ]


# An entry: a line naming the format and the key, a line of JSON (every field but the HTML, with the HTML's length
# in bytes and its sha256), then the HTML as UTF-8.  The key is compared before anything is decoded, and the HTML is
# not read through JSON (decoding 3,800 pages' HTML as JSON strings was a third of a build from the cache).
_MAGIC = b"policyvc-page-entry 1 "


def encode_entry(entry: dict[str, Any]) -> bytes:
    """An entry's bytes (:func:`decode_entry` reads them back)."""
    key: str = entry["key"]
    html = str(entry["html"]).encode("utf-8", "surrogatepass")
    fields = {k: v for k, v in entry.items() if k not in ("key", "html")}
    fields["bytes"] = len(html)
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return _MAGIC + key.encode("ascii") + b"\n" + head + b"\n" + html


def decode_entry(data: bytes, key: str | None = None) -> dict[str, Any] | None:
    """The entry in ``data`` (with ``key``: only if it is the entry of that key); None when it is not one whole."""
    if not data.startswith(_MAGIC):
        return None
    start = len(_MAGIC)
    end = data.find(b"\n", start)
    if end < 0 or (key is not None and data[start:end] != key.encode("ascii")):
        return None
    body = data.find(b"\n", end + 1)
    try:
        if body < 0:
            return None
        fields = json.loads(data[end + 1 : body])
        if not isinstance(fields, dict) or fields.get("bytes") != len(data) - body - 1:
            return None  # (torn or cut short: the page is converted)
        fields["key"] = data[start:end].decode("ascii")
        fields["html"] = data[body + 1 :].decode("utf-8", "surrogatepass")
    except (ValueError, UnicodeDecodeError):
        return None
    return fields


def _load(path: Path, key: str) -> dict[str, Any] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None  # (none yet: the page is converted)
    return decode_entry(data, key)


def html_digest(html: str) -> str:
    """The sha256 of a page's HTML (the search index's and the theme's keys hash it: :func:`known_html`)."""
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


KNOWN_HTML = "_policyvc_html"  # on a page: its HTML (the very string) and that HTML's sha256, as the cache knows it


def known_html(page: Any, html: str, digest: str) -> None:
    """Note on ``page`` that ``html`` (this string object, while it is the page's) hashes to ``digest``: the hooks
    carry it to the search index's and the theme's keys, which hash the page's HTML, so it is hashed once."""
    page.__dict__[KNOWN_HTML] = (html, digest)


def store_bytes(path: Path, data: bytes) -> None:
    """Write an entry through a temporary file and a rename (a reader sees a whole entry or none; a cache needs
    no fsync: a torn file is refused as damaged)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
