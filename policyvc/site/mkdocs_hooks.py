"""MkDocs hooks (loaded by :mod:`policyvc.site.mkdocs_run`) that keep a big site's build from holding every page.

MkDocs renders the Markdown of every page before it writes the first one (navigation and links must be known for
all), and keeps each page's source and HTML until the build ends: its memory grows with the site, ~2.6 MB a policy.
Here each page's HTML is kept in a scratch file (one for the build, each page's HTML appended to it) from when it
is rendered until its page is written, and its source is let go once rendered; what MkDocs writes is unchanged (the
HTML is put back before any plugin or template sees the page: the search index is made of the same text).  The
title MkDocs takes from a page's first heading is kept by MkDocs itself when it renders it.  The table of contents
waits with the HTML; the anchor ids and links to anchors MkDocs validates at the end are held as one string each
(:class:`Anchors`, :class:`Links`); the search index is written from a scratch file of each page's entries.

And a page's work is cached between builds, stage by stage, in ``<project>/.policyvc-mkdocs-cache/``: its
Markdown's conversion (:mod:`policyvc.site.mkdocs_cache`), its entries in the search index
(:mod:`policyvc.site.mkdocs_search_cache`) and the theme's rendering of it (:mod:`policyvc.site.mkdocs_theme_cache`),
each reused when everything it is made from is what it was; MkDocs' build, its events and link and anchor
validation run as they always do.  The site folder is not emptied: only files whose bytes changed are written and
what the build did not produce is removed at its end (:mod:`policyvc.site.mkdocs_output`); front matter shared by
many pages is read once (:mod:`policyvc.site.mkdocs_meta`), a page's raw HTML parsed once, not twice
(:mod:`policyvc.site.mkdocs_anchors`).  With ``--jobs``, a cold build's pages are drawn into
the theme's and search index's caches by workers forked when MkDocs' loop of drawing starts
(:mod:`policyvc.site.mkdocs_draw`): that loop then only reads them.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

from policyvc.site import (
    mkdocs_anchors,
    mkdocs_cache,
    mkdocs_draw,
    mkdocs_keep,
    mkdocs_meta,
    mkdocs_nav,
    mkdocs_output,
    mkdocs_skip,
)
from policyvc.site.mkdocs import STAMP
from policyvc.site.mkdocs_cache import CACHE_DIR, KNOWN_HTML, PageCache, toc_tokens
from policyvc.site.mkdocs_output import Output
from policyvc.site.mkdocs_packed import Anchors, Links
from policyvc.site.mkdocs_search_cache import SearchCache, remember_digest, remember_toc, toc_json
from policyvc.site.mkdocs_skip import Skipper
from policyvc.site.mkdocs_theme_cache import ThemeCache, known

_scratch: list[IO[bytes]] = []  # the build's scratch file (no name: gone when closed), while it runs
# page (source path) -> where its HTML and contents are in the scratch, and the HTML's sha256 when the cache knew it
_spilled: dict[str, tuple[int, int, int, bytes | None]] = {}
_scratch_end = [0]  # where the next page's HTML goes in the scratch file (its length: only appended to)
_scratch_read = [False]  # whether a page was read back from it since the last one was written
_cache: list[PageCache] = []  # the build's cache of converted pages, while it runs
_theme: list[ThemeCache] = []  # and of the theme's rendered pages
_search: list[SearchCache] = []  # and of the pages' search entries
_nav: list[Any] = []  # the build's navigation
_output: list[Output] = []  # the build's writing of the site folder
_skip: list[Skipper] = []  # the build's passing over of unchanged pages
_keep: list[mkdocs_keep.Keeper] = []  # the build's keeping out of pages
_held: list[Any] = []  # in a drawing worker: the scratch files it lets go of (never closed there: see in_draw_worker)


def on_pre_build(config: Any) -> None:
    _scratch[:] = [tempfile.TemporaryFile(prefix="policyvc-mkdocs-")]  # noqa: SIM115 (closed by _cleanup)
    _spilled.clear()
    _scratch_end[0], _scratch_read[0] = 0, False
    folder = Path(config.config_file_path).parent / CACHE_DIR
    _cache[:] = [PageCache(folder, config)]
    _theme[:] = [ThemeCache(folder / "html")]
    _search[:] = [SearchCache(folder / "search")]
    _search[0].attach(config, known)
    site = Path(config.site_dir)
    (site / STAMP).unlink(missing_ok=True)  # (the site folder is not emptied: a failed build leaves no stamp)
    _output[:] = [Output(site)]
    mkdocs_output.install(_output[0])
    mkdocs_meta.install()
    mkdocs_anchors.install()
    plugins_known = config.theme.name == "material" and all(map(known, config.plugins.values()))
    skipper = Skipper(folder / mkdocs_skip.FOLDER, _cache[0].settings, plugins_known and _search[0].attached())
    skipper.search, skipper.theme, skipper.pages, skipper.output = _search[0], _theme[0], _cache[0], _output[0]
    _skip[:] = [skipper]
    mkdocs_skip.install(skipper)
    mkdocs_keep.Pass.left = None
    if not mkdocs_keep.Pass.whole:
        _keep[:] = [mkdocs_keep.Keeper(skipper, mkdocs_keep.Pass.start, mkdocs_keep.Pass.batch)]


@event_priority(-100)  # last: the files every plugin left
def on_files(files: Any, config: Any) -> Any:
    for keeper in _keep:  # (the pages kept out, their records drawn in the last build's navigation)
        keeper.files(files, config, mkdocs_draw.last_site(_theme[0].folder) if _theme else None)
    return files


@event_priority(-100)  # last: the navigation every plugin left
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    _nav[:] = [nav]
    return nav


@event_priority(-100)  # last: every page is converted, its title known; the environment every plugin left
def on_env(env: Any, config: Any, files: Any) -> Any:
    if not (_theme and _nav):
        return env
    drawn, env = env, _theme[0].wrap(env, config, _nav[0])
    if _theme[0].site is not None:  # (the theme's templates known: its navigation drawn once per folder out of it)
        mkdocs_nav.install(drawn, _nav[0])
    for skipper in _skip:  # (the site's key known: the pages held back drawn in another site are converted now)
        skipper.release(_theme[0].site, mkdocs_skip.original_populate(), config, files)
    for keeper in _keep:
        keeper.site(_theme[0].site)
    for scratch in _scratch:
        scratch.flush()  # (a drawing worker reads it from the file)
    mkdocs_draw.start(env, config, files, _nav[0], _theme[0], in_draw_worker)
    return env


def in_draw_worker() -> None:
    """In a drawing worker (:mod:`policyvc.site.mkdocs_draw`, a fork of MkDocs' process): read the pages' HTML
    from the scratch file by position, leaving the offset it shares with MkDocs' process where it is, and write to
    neither scratch file.  The worker's copies of their file objects are held, never closed or collected: closing
    one would flush its copy of a write buffer into the file MkDocs' process is using."""
    _held.extend(_scratch)
    _scratch[:] = [_ReadAt(f.fileno()) for f in _scratch]  # type: ignore[misc]
    for search in _search:
        _held.append(search.detach())


class _ReadAt:
    """A file read by position (``os.pread``), as ``on_page_context`` reads the scratch file."""

    def __init__(self, fd: int) -> None:
        self._fd, self._at = fd, 0

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence != 0:
            raise OSError("a scratch file is read from a position")
        self._at = offset
        return offset

    def read(self, size: int) -> bytes:
        parts = []
        while size > 0:
            part = os.pread(self._fd, size, self._at)
            if not part:
                break
            parts.append(part)
            self._at += len(part)
            size -= len(part)
        return b"".join(parts)


@event_priority(-100)  # last: the page object every other plugin left
def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    if _cache:  # (an instance attribute: this page's conversion goes through the cache, MkDocs' own otherwise)
        page.render = functools.partial(_cache[0].render, page, page.render)
    return page


@event_priority(-100)  # last: after every plugin's own changes to the HTML
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    scratch, data = _scratch[0], html.encode("utf-8", "surrogatepass")
    toc = toc_json(toc_tokens(page.toc)).encode("utf-8", "surrogatepass")
    known = page.__dict__.pop(KNOWN_HTML, None)  # (the cache's digest holds only for the very string it restored)
    digest = bytes.fromhex(known[1]) if known is not None and known[0] is html else None  # (32 bytes held)
    end = _scratch_end[0]
    if _scratch_read[0]:  # (a page was read back since the last write: the file's position is elsewhere)
        scratch.seek(end)
        _scratch_read[0] = False
    _spilled[page.file.src_uri] = (end, len(data), len(toc), digest)
    scratch.write(data)
    scratch.write(toc)
    _scratch_end[0] = end + len(data) + len(toc)  # (not asked of the file: ``seek(0, 2)`` flushed it every page)
    page.markdown = ""  # (not None: MkDocs reads a None source as a page not read yet)
    page.toc = get_toc([])  # (kept with the HTML: nothing reads it before the page is drawn)
    if isinstance(page.present_anchor_ids, set):  # (read only by the validation of links, ``in``)
        page.present_anchor_ids = Anchors.of(page.present_anchor_ids)
    if isinstance(page.links_to_anchors, dict):  # (and this by the validation of this page's links: ``items()``)
        # (a page restored from the cache holds its links packed already: unpacking and packing them again was
        # a twentieth of MkDocs' process after one edit)
        links_of = page.links_to_anchors.items()
        page.links_to_anchors = {to: links if isinstance(links, Links) else Links.of(links) for to, links in links_of}
    page.__dict__.pop("render", None)  # (the cache's stand-in for it, which holds the page: used)
    return ""  # (not None either: the page is rendered)


@event_priority(100)  # first: before the search plugin indexes the page and the theme renders it
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    mkdocs_draw.reached(page)
    where = _spilled.pop(page.file.src_uri, None)
    if where is not None:
        scratch = _scratch[0]
        _scratch_read[0] = True
        scratch.seek(where[0])
        page.content = scratch.read(where[1]).decode("utf-8", "surrogatepass")
        toc = scratch.read(where[2]).decode("utf-8", "surrogatepass")
        page.toc = get_toc(json.loads(toc))
        remember_toc(page.toc, toc)  # (the search index's and the theme's keys need it as text: it is)
        if where[3] is not None:  # (and the HTML's digest: the cache knew it)
            remember_digest(page.content, where[3].hex())
    return context


@event_priority(-100)  # last: the page is written
def on_post_page(output: str, page: Any, config: Any) -> str:
    page.content = ""
    page.toc = get_toc([])  # (read only while the page is drawn)
    return output


@event_priority(-110)  # last: after the search and offline plugins wrote the index
def on_post_build(config: Any) -> None:
    mkdocs_draw.stop()  # (they have met MkDocs' loop: its last page is drawn)
    for keeper in _keep:
        keeper.validate(config)
        mkdocs_keep.Pass.left = None if keeper.more is None else keeper.more[1]
        logging.getLogger("mkdocs.policyvc").info(
            f"{len(keeper.kept)} page(s) kept out, {keeper.deferred} left for the next pass"
        )
    for output in _output:
        removed = output.remove_stale()
        logging.getLogger("mkdocs.policyvc").info(
            f"{output.written} file(s) written, {output.kept} unchanged, {removed} removed"
        )
    for cache in _cache:
        cache.prune()
        logging.getLogger("mkdocs.policyvc").info(f"{cache.hits} page(s) from the cache, {cache.misses} converted")
    for theme in _theme:
        theme.prune()
        logging.getLogger("mkdocs.policyvc").info(f"{theme.hits} page(s) drawn from the cache, {theme.misses} drawn")
    for search in _search:
        search.prune()
    for skipper in _skip:
        skipper.prune()
        logging.getLogger("mkdocs.policyvc").info(f"{skipper.skipped} page(s) unchanged, passed over")
    _cleanup()


def on_build_error(error: Exception) -> None:
    _cleanup()


def _cleanup() -> None:
    mkdocs_draw.stop()
    mkdocs_output.uninstall()
    mkdocs_meta.uninstall()
    mkdocs_anchors.uninstall()
    mkdocs_skip.uninstall()
    _skip.clear()
    _keep.clear()
    mkdocs_cache.STANDING.clear()
    mkdocs_cache.KEPT_ENTRIES.clear()
    _output.clear()
    for scratch in _scratch:
        scratch.close()
    for search in _search:
        search.close()
    _scratch.clear()
    _spilled.clear()
    _cache.clear()
    _theme.clear()
    _search.clear()
    _nav.clear()
