"""Pages MkDocs' loops pass over when nothing they are made of has changed (used by :mod:`policyvc.site.mkdocs_hooks`).

With every stage of a page cached (:mod:`policyvc.site.mkdocs_cache`, ``mkdocs_search_cache``,
``mkdocs_theme_cache``), a build after one edit still ran MkDocs' per-page work for every page of the site: each
source read, each cached conversion read and put back, its HTML spilled to the scratch file and read back, the
theme's and the search index's keys hashed, the drawn page read and compared with the file in the site folder.
Here a page whose every input is what it was when the page was last written is not populated nor drawn at all:

- a *record* per page (``<project>/.policyvc-mkdocs-cache/skip/``) is written after MkDocs drew and wrote the page,
  when nothing was logged while it was converted, indexed and drawn.  It holds the page's key — the sha256 of its
  source file's bytes, its path, URL and inclusion, the Markdown settings and toolchain of the page cache and
  MkDocs' log level —, the key of the site it was drawn in (``mkdocs.yml``'s text, the whole navigation, the
  toolchain: :func:`policyvc.site.mkdocs_theme_cache.site_key`), what the page's links looked up and found, its
  title, meta, anchor ids and links to anchors (what MkDocs' link validation reads at the end), its entries in
  the search index, and the size, times and inode of the page written;
- in MkDocs' loop of conversions, a page whose key is its record's, whose lookups find the same files, and whose
  written file is the one recorded, gets its title, meta, anchors and links from the record and is not read nor
  converted; once every page is converted (the ``env`` event) the site's key is known: a page held back is
  converted now when its record's site key is not this build's (a new title or page in the navigation draws
  every page again), and passed over otherwise;
- in the loop of drawing, a page passed over is not drawn nor written: its search entries go into the index from
  the record, in its place, and its file counts as written by this build.

So the site is the one a cold build writes, byte for byte (``tests/test_site_mkdocs_skip.py`` holds an incremental
build to a cold one after every kind of change), and strict mode stays whole: a page that logged anything gets no
record and is converted and drawn in every build; anchors are validated from the restored ids and links as for
a page converted.  Only with mkdocs-material's theme, its own plugins and these hooks, when the search plugin's
indexing is the search cache's (otherwise nothing is passed over).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policyvc.site.mkdocs_cache import KEPT_ENTRIES, LOOKUPS, Listener, _seen, entry_name, prune, store_bytes
from policyvc.site.mkdocs_packed import Anchors, Links, packed_text, unpacked_anchors, unpacked_links

FOLDER = "skip"  # in the cache folder
SUFFIX = ".skip"
_MAGIC = b"policyvc-skip-record 1\n"  # then the record as JSON


class Skipper:
    """One build's passing over of unchanged pages (:func:`install` puts it around MkDocs' page functions)."""

    def __init__(self, folder: Path, settings: str | None, enabled: bool) -> None:
        self.folder = folder
        self.settings = settings  # the page cache's (None: nothing is passed over)
        self.enabled = enabled and settings is not None
        self.site: str | None = None  # the site's key, once known (``env``)
        self.used: set[str] = set()
        self.passed: set[str] = set()  # src_uri of the pages passed over (not drawn)
        self.held: list[Any] = []  # pages held back in the loop of conversions
        # src_uri of a page held back -> the site its record was drawn in, and where its search entries wait
        self.places: dict[str, tuple[str, Any]] = {}
        # src_uri -> the page's key and its source's state (the record written after it is drawn; None: no record),
        # held here rather than on the page (an attribute MkDocs' pages do not have makes each page's ``__dict__``
        # a table of its own, ~0.8 KB) and let go of for a page passed over
        self.keys: dict[str, tuple[str, list[Any]] | None] = {}
        self._sites: dict[str, str] = {}  # the site keys the records were drawn in, each string held once
        self.pid = os.getpid()  # (a drawing worker is a fork: it writes no record)
        self.skipped = 0
        self.search: Any = None  # the build's search cache, when it indexes the pages
        self.theme: Any = None  # and its theme and page caches (their entries of a page passed over are kept)
        self.pages: Any = None
        self.output: Any = None
        self._found: dict[str, Any] = {}  # a path looked up in the site's files, and what was found (this build)

    def _path(self, src_uri: str, *, use: bool = True) -> Path:
        """Where ``src_uri``'s record is; ``use``: noted as an entry of this build (a page drawn).  A page left out of
        the pass or passed over is noted by one name for its four caches' entries instead (:data:`KEPT_ENTRIES`)."""
        name = entry_name(src_uri, SUFFIX)
        if use:
            self.used.add(name)
        return self.folder / name

    def key(self, page: Any, kept: Any) -> tuple[str, list[Any]] | None:
        """The page's key, and its source's state (its size, times and inode, and its bytes' sha256): the bytes
        are read and hashed unless the source's state is ``kept``'s (the record's); None when the source cannot
        be read (MkDocs' own reading then says why)."""
        path = page.file.abs_src_path
        state = _stat(path)
        if state is not None and isinstance(kept, list) and kept[:-1] == state and isinstance(kept[-1], str):
            digest = kept[-1]
        else:
            try:
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            except (OSError, TypeError):
                return None
            if state is None or _stat(path) != state:
                return None  # (changed while it was read: no state to trust)
        h = hashlib.sha256()
        level = logging.getLogger("mkdocs").getEffectiveLevel()
        file = page.file
        for part in (str(self.settings), str(level), file.src_uri, file.url, str(file.inclusion), digest):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest(), [*state, digest]

    # the loop of conversions

    def populate(self, original: Callable[..., None], page: Any, config: Any, files: Any, dirty: bool) -> None:
        if not self.enabled or os.getpid() != self.pid:
            original(page, config, files, dirty)
            return
        src = page.file.src_uri
        key, record = None, self._load(src)
        found = self.key(page, None if record is None else record.get("source"))
        if found is not None:
            key = found[0]
            self.keys[src] = found
        if record is not None and record.get("key") == key and self._hold(page, record, files):
            self.held.append(page)
            return
        with Listener() as listener:
            original(page, config, files, dirty)
        if listener.said:
            self.keys[src] = None  # (a page that warns is converted, and warns, every time)

    def _load(self, src_uri: str) -> dict[str, Any] | None:
        try:
            data = self._path(src_uri, use=False).read_bytes()
        except OSError:
            return None
        if not data.startswith(_MAGIC):
            return None
        try:
            record = json.loads(data[len(_MAGIC) :])
        except ValueError:
            return None
        return record if isinstance(record, dict) else None

    def _hold(self, page: Any, record: dict[str, Any], files: Any) -> bool:
        """Put the record's title, meta, anchors and links on ``page`` (which is then held back): False, the
        page untouched, when a lookup finds something else now, the written page is not the one recorded, or
        the record is not whole."""
        from mkdocs.structure.toc import get_toc

        try:
            find = self._find(files)
            for path, seen in record["lookups"].items():
                if _seen(find(path)) != seen:
                    return False
            if _stat(page.file.abs_dest_path) != record["out"]:
                return False
            links = record["links"]
            if links is not None:
                links = {find(src): _links(kept) for src, kept in links.items()}
                if None in links:
                    return False
            kept = record["anchors"]
            anchors: Any = unpacked_anchors(kept) if isinstance(kept, str) else Anchors.of(set(kept))
            meta, title, rendered = record["meta"], record["title"], record["rendered"]
            if not isinstance(meta, dict) or not isinstance(record["site"], str):
                return False
            piece = record["search"]
            if piece is not None and not isinstance(piece, str):
                return False
        except (KeyError, TypeError, AttributeError, ValueError, zlib.error):
            return False
        page.markdown, page.content, page.meta = "", "", meta
        page._title_from_render = rendered
        page.toc = get_toc([])
        if page.title != title:  # (not the title it had: converted after all)
            page.markdown = page.content = None
            page._title_from_render = None
            return False
        page.present_anchor_ids = anchors
        if links is not None:
            page.links_to_anchors = {
                to: Links.of(held) if isinstance(held, dict) else held for to, held in links.items()
            }
        place = (
            None if piece is None or self.search is None else self.search.stash(piece.encode("utf-8", "surrogatepass"))
        )
        site = self._sites.setdefault(record["site"], record["site"])  # (one string for the pages of one site)
        self.places[page.file.src_uri] = (site, place)  # (not the record: held for every page until it is drawn)
        return True

    def _find(self, files: Any) -> Callable[[str], Any]:
        """``files.get_file_from_path``, each path looked up once a build (the files do not change while the
        pages are converted; a look-up normalises the path, and the pages of a policy link to the same few)."""
        found = self._found

        def find(path: str) -> Any:
            try:
                return found[path]
            except KeyError:
                file = found[path] = files.get_file_from_path(path)
                return file

        return find

    def release(self, site: str | None, original: Callable[..., None], config: Any, files: Any) -> None:
        """Every page is converted and the site's key is ``site``: convert the pages held back whose record was
        drawn in another site (or all of them, when the site has no key); the others are passed over."""
        self.site = site
        for page in self.held:
            drawn_in = self.places[page.file.src_uri][0]
            if site is not None and drawn_in == site:
                self.passed.add(page.file.src_uri)
                self.keys.pop(page.file.src_uri, None)  # (no record is written for it)
                continue
            del self.places[page.file.src_uri]
            page.markdown = page.content = None
            page._title_from_render = None
            page.present_anchor_ids = None
            page.links_to_anchors = None
            with Listener() as listener:
                original(page, config, files, False)
            if listener.said:
                self.keys[page.file.src_uri] = None
        self.held.clear()
        self._sites.clear()

    # the loop of drawing

    def build(self, original: Callable[..., None], page: Any, *args: Any, **kwargs: Any) -> None:
        src = page.file.src_uri
        if src in self.passed:
            if os.getpid() != self.pid:
                return  # (a drawing worker: the loop passes it over)
            self._pass(page)
            return
        if not self.enabled or os.getpid() != self.pid:
            original(page, *args, **kwargs)
            return
        if self.search is not None:
            self.search.last = None
        with Listener() as listener:
            original(page, *args, **kwargs)
        found = self.keys.pop(src, None)
        path = self._path(src)
        if listener.said or found is None or self.site is None or self.search is None:
            path.unlink(missing_ok=True)
            return
        record = self._record(page, *found)
        if record is None:
            path.unlink(missing_ok=True)
            return
        store_bytes(path, _MAGIC + record)

    def _record(self, page: Any, key: str, source: list[Any]) -> bytes | None:
        out = _stat(page.file.abs_dest_path)
        lookups = page.__dict__.pop(LOOKUPS, None)
        if out is None or lookups is None:
            return None
        anchors = page.present_anchor_ids
        kept_anchors = packed_text(anchors) if isinstance(anchors, Anchors) else sorted(anchors or ())
        if kept_anchors is None:
            kept_anchors = sorted(anchors or ())
        links = page.links_to_anchors
        kept_links = None
        if links is not None:
            kept_links = {}
            for to, held in links.items():
                text = packed_text(held) if isinstance(held, Links) else None
                kept_links[to.src_uri] = text if text is not None else dict(held)
        piece = self.search.last
        fields = {
            "key": key,
            "source": source,
            "site": self.site,
            "lookups": lookups,
            "out": out,
            "title": page.title,
            "rendered": page._title_from_render,
            "meta": page.meta,
            "anchors": kept_anchors,
            "links": kept_links,
            "search": None if piece is None else piece.decode("utf-8", "surrogatepass"),
        }
        try:
            text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return None  # (meta that is not JSON: the page is drawn every time)
        if json.loads(text)["meta"] != page.meta:
            return None
        return text.encode("utf-8", "surrogatepass")

    def _pass(self, page: Any) -> None:
        """A page passed over in the loop of drawing: its search entries from its record, its file as written,
        its caches' entries kept."""
        from policyvc.site import mkdocs_draw

        mkdocs_draw.reached(page)
        src = page.file.src_uri
        place = self.places.pop(src)[1]
        KEPT_ENTRIES.add(entry_name(src, ""))  # (its record's and its three caches' entries, by one name)
        if self.search is not None:
            self.search.note_at(place)
        if self.output is not None:
            self.output.produced_file(page.file.abs_dest_path)
        self.skipped += 1

    def prune(self) -> None:
        prune(self.folder, self.used)


def _stat(path: str) -> list[int] | None:
    try:
        st = os.lstat(path)
    except (OSError, TypeError):
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _links(kept: Any) -> Any:
    return unpacked_links(kept) if isinstance(kept, str) else dict(kept)


_ORIGINAL: dict[str, Callable[..., Any]] = {}


def install(skipper: Skipper) -> None:
    """Put ``skipper`` around MkDocs' ``_populate_page`` and ``_build_page`` in this process."""
    from mkdocs.commands import build

    if not _ORIGINAL:
        _ORIGINAL.update(populate=build._populate_page, build=build._build_page)
    populate, draw = _ORIGINAL["populate"], _ORIGINAL["build"]

    def populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        skipper.populate(populate, page, config, files, dirty)

    def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        skipper.build(draw, page, *args, **kwargs)

    build._populate_page = populate_page
    build._build_page = build_page


def original_populate() -> Callable[..., None]:
    from mkdocs.commands import build

    return _ORIGINAL.get("populate", build._populate_page)


def uninstall() -> None:
    from mkdocs.commands import build

    if _ORIGINAL:
        build._populate_page = _ORIGINAL["populate"]
        build._build_page = _ORIGINAL["build"]
