"""A cold site's Markdown converted on every core, into the page cache, while MkDocs' build converts it on one
(used by :mod:`policyvc.site.mkdocs_run`, with ``--jobs``).

MkDocs converts every page's Markdown (most of a cold build) in one loop, in one process.  Before that loop
starts, :func:`start` forks ``jobs - 1`` workers from the process that is about to run it.  Each loads the site
as MkDocs' build does up to that loop — the plugins' ``config`` event, the same files (theme and plugins'
``files`` events included) and navigation — and goes through the pages in MkDocs' own order, but from the far
end of its share backwards: each page read and given to the plugins' ``pre_page`` and ``page_markdown`` events
as MkDocs does, then converted through :class:`~policyvc.site.mkdocs_cache.PageCache` itself, which keeps the
entry MkDocs' conversion of that page would have kept (same key, same entry; a page that warns is not kept).
MkDocs' loop, coming forwards, finds those entries and only restores them.  A worker stops when the next page
back has an entry written since the build started (MkDocs' loop, or the worker below it, has been there): the
two meet about the middle, at most a page converted twice.  Whatever a worker did not do, or did differently
(a key that is not the one MkDocs computes), MkDocs' loop does as it always did, so the site is what a build
without workers writes; strict mode is MkDocs' own.

It is done only when there is enough to do: pages whose entry is missing or older than the page's source (a
page the site step wrote since), at least :data:`MIN_PAGES`; an edit that touched a policy's pages, or a build
with everything cached, forks nothing.  A worker prints nothing (MkDocs' loop says what a page has to say), is
stopped when MkDocs' build ends or fails (after the page it is converting: an entry is written whole, through
a rename) and stops on its own when the process that forked it is gone.
"""

from __future__ import annotations

import gc
import logging
import math
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from policyvc.site.mkdocs_cache import CACHE_DIR, ENTRY_SUFFIX, KNOWN_HTML, PageCache, entry_name

MIN_PAGES = 100  # fewer pages to convert than this: a worker's start (about 0.3 s of CPU) is not worth it


def stale_pages(docs_dir: Path, cache: Path) -> int:
    """How many Markdown pages of ``docs_dir`` have no entry in the page cache ``cache`` or one older than the
    page's file (by modification time: a guess at what MkDocs will convert, not a judgement of any entry)."""
    count = 0
    for folder, _dirs, names in os.walk(docs_dir):
        for name in names:
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            src_uri = Path(os.path.relpath(path, docs_dir)).as_posix()
            try:
                source = os.stat(path).st_mtime_ns
                kept = os.stat(cache / entry_name(src_uri, ENTRY_SUFFIX)).st_mtime_ns
            except OSError:
                count += 1
                continue
            count += kept < source
    return count


def start(config: Any, jobs: int, *, min_pages: int = MIN_PAGES) -> list[int]:
    """Fork the workers (``jobs - 1`` of them) for the build of ``config`` about to run in this process, when
    there are at least ``min_pages`` pages to convert; their process ids (none: nothing to do, or no ``fork``)."""
    if jobs < 2 or not hasattr(os, "fork"):
        return []
    cache = Path(config.config_file_path).parent / CACHE_DIR
    if stale_pages(Path(config.docs_dir), cache) < min_pages:
        return []
    since = time.time_ns()
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    freeze("prefill")
    pids = []
    for share in range(1, jobs):
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            code = 1
            try:
                _work(config, share, jobs, since, parent)
                code = 0
            finally:
                os._exit(code)
        pids.append(pid)
    return pids


def stop(pids: list[int], *, wait: bool = False) -> None:
    """Stop the workers (each after the page it is converting) and wait for them; with ``wait``, let them go
    through their shares first (the tests' way: no MkDocs loop to meet)."""
    for pid in pids:
        if not wait:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
    for pid in pids:
        with suppress(ChildProcessError):
            os.waitpid(pid, 0)


@contextmanager
def prefilled(config: Any, jobs: int) -> Iterator[None]:
    """Workers converting pages into the cache for as long as the ``with`` block (MkDocs' build) runs."""
    pids = start(config, jobs)
    try:
        yield
    finally:
        stop(pids)
        thaw("prefill")


_FROZEN: set[str] = set()  # who froze this process's objects for workers it forked (:func:`freeze`)


def freeze(who: str) -> None:
    """Keep this process's cyclic collector off the objects it holds now, until :func:`thaw` — called just before
    workers are forked, so that what they share stays shared.

    A fork shares every page of memory until one of the two processes writes to it; then the writer gets a copy
    and the page the other holds is its own.  The process that forked goes on with its loop, and each full
    collection it runs writes to the header of every object it walks — every module, class and function, and once
    the pages are made every page, file and navigation item of the site — so the whole heap was copied once over
    and counted twice in the tree (the drawing worker's share of it about as much as MkDocs' own process, growing
    with the site).  Frozen, those objects are in no collection (they live to the end of the build anyway); what is
    made after the fork is collected as before.  ``who``: the freezing's owner; the last :func:`thaw` ends it."""
    gc.collect()  # (the garbage of before the fork is not kept, frozen)
    gc.freeze()  # (and what was made since an earlier freezing joins it)
    _FROZEN.add(who)


def thaw(who: str) -> None:
    """``who``'s workers are gone: once no other's are left, the objects are collected again."""
    if who in _FROZEN:
        _FROZEN.discard(who)
        if not _FROZEN:
            gc.unfreeze()


class Stopped(Exception):
    """Raised in a worker by SIGTERM outside a page's work."""


class WorkerState:
    """A worker's: whether it is working on a page, and whether it was told to stop."""

    busy = False
    stopping = False


def enter_worker() -> WorkerState:
    """Make this forked process a quiet worker: SIGTERM stops it between pages (a page being worked on is finished
    first: the worker checks ``stopping`` between pages), Ctrl-C is the parent's to handle (it stops the workers)."""
    state = WorkerState()

    def on_term(signum: int, frame: Any) -> None:
        state.stopping = True
        if not state.busy:
            raise Stopped

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _quiet()
    return state


def _work(config: Any, share: int, jobs: int, since: int, parent: int) -> None:
    """A worker: convert, backwards, the pages up to the end of share ``share`` (of ``jobs``) whose entry is stale,
    until one has an entry written after ``since`` (by MkDocs' loop or another worker)."""
    state = enter_worker()
    try:
        pages, cache, files, config = _load(config)
        for file in reversed(pages[: math.ceil(len(pages) * (share + 1) / jobs)]):
            if state.stopping or os.getppid() != parent:
                return
            entry = cache.folder / entry_name(file.src_uri, ENTRY_SUFFIX)
            try:
                kept: int | None = os.stat(entry).st_mtime_ns
            except OSError:
                kept = None
            if kept is not None and kept >= since:
                return  # (MkDocs' loop, or the worker before this one, has been here)
            if kept is not None and kept >= os.stat(file.abs_src_path).st_mtime_ns:
                continue  # (most likely as it is: MkDocs' loop checks it)
            state.busy = True
            _convert(file, cache, files, config)
            state.busy = False
    except Stopped:
        return


def _quiet() -> None:
    """A worker says nothing: what a page has to say, MkDocs' loop says when it converts it again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):  # (the level stays: a page's key holds it)
        logger.removeHandler(handler)
    logger.addHandler(logging.NullHandler())
    logging.getLogger().addHandler(logging.NullHandler())


def _load(config: Any) -> tuple[list[Any], PageCache, Any, Any]:
    """The site as MkDocs' build has it when its loop of pages starts (``mkdocs.commands.build.build``)."""
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation

    config = config.plugins.on_config(config)
    cache = PageCache(Path(config.config_file_path).parent / CACHE_DIR, config)
    if cache.settings is None:  # (nothing would be kept)
        return [], cache, None, config
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    config.plugins.on_nav(nav, config=config, files=files)
    return list(files.documentation_pages(inclusion=InclusionLevel.is_included)), cache, files, config


def _convert(file: Any, cache: PageCache, files: Any, config: Any) -> None:
    """Read and convert one page as MkDocs' ``_populate_page`` does, through the cache; then let it go."""
    from mkdocs.structure.pages import Page

    page = file.page if file.page is not None else Page(None, file, config)
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    cache.render(page, page.render, config, files)
    page.markdown = page.content = page.toc = page.present_anchor_ids = page.links_to_anchors = None
    page.__dict__.pop(KNOWN_HTML, None)
