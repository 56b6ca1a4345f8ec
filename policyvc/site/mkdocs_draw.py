"""A cold site's pages drawn with the theme on every core, into the theme's and the search index's caches, while
MkDocs' loop draws them on one (used by :mod:`policyvc.site.mkdocs_hooks`, with ``mkdocs_run --jobs``).

Once every page's Markdown is converted, MkDocs draws each page with the theme's template (the navigation, header
and footer around its HTML), indexes it for search and writes it, one page after another in one process: with the
Markdown converted on every core (:mod:`policyvc.site.mkdocs_prefill`), that loop was what a cold build did alone
on one core.  So when the loop is about to start — at the environment's event, the last before it, when every
page's title and so the navigation is known — :func:`start` forks ``jobs - 1`` workers from MkDocs' own process.
A fork holds exactly what the loop will hold: the configuration, the pages, the navigation and the environment
every plugin left.  Each worker goes through the pages in MkDocs' order, from the far end of its share
backwards, and builds each as MkDocs' ``_build_page`` does — the same function, the same events — writing no file:
what it leaves is the entries of :class:`~policyvc.site.mkdocs_theme_cache.ThemeCache` and
:class:`~policyvc.site.mkdocs_search_cache.SearchCache` that MkDocs' loop would have made, under the same keys.
MkDocs' loop, coming forwards, finds them and only reads them; it says on a shared counter which page it is at,
and a worker stops at the first page back that the loop has reached, or whose entry was written since the build
started (another worker's).  Whatever a worker did not do, MkDocs' loop does as it always did, so the site is byte
for byte what the loop writes alone; warnings are the loop's own (a drawing that logged anything is not kept).

It is done only with the theme cache at work and mkdocs-material's search and offline plugins alone beside the
hooks (another plugin's page events may do anything), and only when at least :data:`MIN_PAGES` pages are to be
drawn: none kept, or a navigation other than the last build's (every page is drawn again).  The fork shares the
build's scratch files with MkDocs' process, so a worker reads them by position (``os.pread``: the shared offset
is not moved) and writes to neither (:func:`policyvc.site.mkdocs_hooks.in_draw_worker`).
"""

from __future__ import annotations

import gc
import math
import mmap
import os
import struct
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from policyvc.site.mkdocs_cache import entry_name
from policyvc.site.mkdocs_prefill import freeze

MIN_PAGES = 100  # fewer pages to draw than this: a worker's start is not worth it
_PLUGINS = ("material.plugins.search.plugin", "material.plugins.offline.plugin")

_settings: dict[str, Any] = {"jobs": 1, "wait": False, "min_pages": None}
_workers: list[int] = []
_shared: list[Any] = []  # the counter the loop writes its place to (an anonymous shared mapping), while it runs
_places: dict[str, int] = {}  # page (source path) -> its place in the loop


@contextmanager
def drawing(jobs: int, *, wait: bool = False, min_pages: int | None = None) -> Iterator[None]:
    """Let the build that runs in the ``with`` block draw its pages on ``jobs`` processes.  ``wait``: the loop
    waits for the workers to go through their shares first (the tests' way to see that it only reads them)."""
    _settings.update(jobs=jobs, wait=wait, min_pages=min_pages)
    try:
        yield
    finally:
        stop()
        _settings.update(jobs=1, wait=False, min_pages=None)


def _plugins_known(config: Any) -> bool:
    hooks = Path(__file__).with_name("mkdocs_hooks.py").resolve()
    for plugin in config.plugins.values():
        path = getattr(plugin, "__file__", None)
        if path is not None:
            if Path(path).resolve() != hooks:
                return False
        elif type(plugin).__module__ not in _PLUGINS:
            return False
    return True


def to_draw(pages: list[Any], folder: Path, site: str) -> int:
    """How many of ``pages`` the theme cache in ``folder`` will most likely draw: all of them when the navigation
    (``site``, the key every page's drawing shares) is not the one the last build noted; else (the same, or none
    noted) those with no entry, or one older than the page's source (a guess from the files, not a judgement of
    any entry)."""
    last = last_site(folder)
    if last is not None and last != site:
        return len(pages)
    count = 0
    for file in pages:
        try:
            kept = os.stat(folder / entry_name(file.src_uri, ".html")).st_mtime_ns
        except OSError:
            count += 1
            continue
        try:
            count += kept < os.stat(file.abs_src_path).st_mtime_ns
        except (OSError, TypeError):
            count += 1
    return count


SITE_FILE = "navigation/key"  # in the theme cache's folder: the navigation's key of the last build (not an entry)


def last_site(folder: Path) -> str | None:
    try:
        return (folder / SITE_FILE).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None


def start(env: Any, config: Any, files: Any, nav: Any, theme: Any, detach: Callable[[], None]) -> list[int]:
    """Fork the workers (``jobs - 1``) that draw the pages of the build about to run its loop in this process,
    when there are enough to draw; their process ids.  ``theme`` is the build's theme cache (its key of the
    navigation set), ``detach`` what a worker calls first (it lets go of the scratch files)."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.structure.files import InclusionLevel

    jobs = int(_settings["jobs"])
    build_page = getattr(mkdocs_build, "_build_page", None)
    if jobs < 2 or not hasattr(os, "fork") or theme.site is None or build_page is None or _workers:
        return []
    if not _plugins_known(config):
        return []
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = list(doc_files)
    least = MIN_PAGES if _settings["min_pages"] is None else int(_settings["min_pages"])
    if any(f.page is None for f in pages) or to_draw(pages, theme.folder, theme.site) < least:
        return []
    _places.clear()
    _places.update((f.src_uri, i) for i, f in enumerate(pages))
    shared = mmap.mmap(-1, 8)
    shared[:] = struct.pack("q", -1)
    _shared[:] = [shared]
    since = time.time_ns()
    parent = os.getpid()
    build = (config, doc_files, nav, env)
    sys.stdout.flush()
    sys.stderr.flush()
    freeze("draw")  # (what the fork shares stays shared: MkDocs' collector leaves it alone meanwhile)
    for share in range(1, jobs):
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            code = 1
            try:
                _work(pages, share, jobs, since, parent, theme.folder, detach, build_page, build)
                code = 0
            finally:
                os._exit(code)
        _workers.append(pid)
    if _settings["wait"]:
        stop(wait=True)
    return list(_workers)


def reached(page: Any) -> None:
    """MkDocs' loop is at ``page`` (its ``page_context`` event): the workers stop before it."""
    if _shared:
        place = _places.get(page.file.src_uri)
        if place is not None:
            _shared[0][:] = struct.pack("q", place)


def stop(*, wait: bool = False) -> None:
    """Stop the workers (each after the page it is drawing) and wait for them; with ``wait``, let them go through
    their shares first."""
    from policyvc.site.mkdocs_prefill import stop as stop_workers
    from policyvc.site.mkdocs_prefill import thaw

    pids, _workers[:] = list(_workers), []
    stop_workers(pids, wait=wait)
    thaw("draw")
    if not wait:
        for shared in _shared:
            shared.close()
        _shared.clear()
        _places.clear()


def _work(
    pages: list[Any],
    share: int,
    jobs: int,
    since: int,
    parent: int,
    folder: Path,
    detach: Callable[[], None],
    build_page: Callable[..., None],
    build: tuple[Any, Any, Any, Any],
) -> None:
    """A worker: draw, backwards, the pages up to the end of share ``share`` (of ``jobs``), until one that MkDocs'
    loop has reached or whose theme entry was written after ``since``."""
    from mkdocs import utils

    from policyvc.site.mkdocs_prefill import Stopped, enter_worker

    gc.freeze()  # (the collector leaves what the fork holds alone: no walk of MkDocs' pages, fewer pages copied)
    state = enter_worker()
    detach()
    utils.write_file = _write_nothing  # (MkDocs' loop writes the site)
    config, doc_files, nav, env = build
    shared = _shared[0]
    _places.clear()  # (the pages this worker draws go through ``reached`` too: they are not the loop's)
    try:
        for place in reversed(range(math.ceil(len(pages) * (share + 1) / jobs))):
            if state.stopping or os.getppid() != parent:
                return
            if place <= struct.unpack("q", shared[:8])[0]:
                return  # (MkDocs' loop is here or past)
            file = pages[place]
            with suppress(OSError):
                if os.stat(folder / entry_name(file.src_uri, ".html")).st_mtime_ns >= since:
                    return  # (the worker before this one has been here)
            state.busy = True
            build_page(file.page, config, doc_files, nav, env, False, excluded=file.inclusion.is_excluded())
            state.busy = False
    except Stopped:
        return


def _write_nothing(content: bytes, output_path: str) -> None:
    """(A worker writes no page: MkDocs' loop writes each, from the entries.)"""
