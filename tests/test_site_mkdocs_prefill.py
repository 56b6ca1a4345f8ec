"""The workers that convert a cold site's Markdown into the page cache beside MkDocs' own loop
(:mod:`policyvc.site.mkdocs_prefill`), and those that then draw its pages with the theme into the theme's and
search index's caches (:mod:`policyvc.site.mkdocs_draw`): the site built with them is byte for byte the one built
without, MkDocs only restores what they did, strict mode fails as before, and nothing is forked when nothing is
to do."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from site_support import file_tree, write_project

from policyvc.errors import PolicyError
from policyvc.site import mkdocs_draw, mkdocs_prefill
from policyvc.site.mkdocs import mkdocs_build
from policyvc.site.mkdocs_cache import CACHE_DIR

CONFIG = """site_name: t
docs_dir: docs
site_dir: _build
use_directory_urls: false
theme:
  name: material
plugins:
  - search
  - offline
validation:
  anchors: warn
"""


def _pages(n: int) -> dict[str, str]:
    """``n`` pages in two folders, each linking to the next one's anchor and to the home page, with a table,
    an admonition-free list and raw HTML (what the site's pages hold), some with a title of their own."""
    pages = {"index.md": "# Home\n\n" + "".join(f"- [page {i}](p{i % 2}/page{i}.md)\n" for i in range(n))}
    for i in range(n):
        nxt = f"../p{(i + 1) % 2}/page{(i + 1) % n}.md#part-{(i + 1) % n}"
        head = f"---\ntitle: Own title {i}\n---\n\n" if i % 7 == 0 else ""
        pages[f"p{i % 2}/page{i}.md"] = (
            f"{head}# Page {i}\n\nSee [the next part]({nxt}) and [home](../index.md).\n\n## Part {i}\n\n"
            f'| a | b |\n|---|---|\n| {i} | <span class="x">{i * i}</span> |\n\n'
            f"<div markdown>\n*item {i}* — `code`\n</div>\n"
        )
    return pages


def _project(root: Path, pages: dict[str, str]) -> Path:
    return write_project(root, CONFIG, pages)


def _entries(out: Path) -> dict[str, int]:
    """The page cache's entries (not the other stages' folders): name → modification time."""
    return {p.name: p.stat().st_mtime_ns for p in (out / CACHE_DIR).iterdir() if p.is_file()}


def _without_workers(out: Path) -> dict[str, bytes]:
    """The project built by MkDocs' loop alone, with no cache (a copy)."""
    other = out.parent / (out.name + "-alone")
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(out, other, ignore=shutil.ignore_patterns("_build", CACHE_DIR))
    mkdocs_build(other, jobs=1)
    return file_tree(other / "_build")


@contextmanager
def _config(out: Path) -> Iterator[Any]:
    """The project's configuration as ``policyvc.site.mkdocs_run`` loads it (its hooks, MkDocs' level)."""
    from mkdocs.config import load_config

    hooks = Path(mkdocs_prefill.__file__).with_name("mkdocs_hooks.py")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)  # (a page's key holds the level MkDocs logs at: mkdocs_run's)
    try:
        config = load_config(str(out / "mkdocs.yml"), strict=True, hooks=[str(hooks)])
        config.plugins.on_startup(command="build", dirty=False)
        yield config
    finally:
        logger.setLevel(level)


def _workers_alone(out: Path, jobs: int = 2) -> None:
    """Run the workers through their shares with no MkDocs loop to meet."""
    with _config(out) as config:
        pids = mkdocs_prefill.start(config, jobs, min_pages=0)
        assert len(pids) == jobs - 1
        mkdocs_prefill.stop(pids, wait=True)
        mkdocs_prefill.thaw("prefill")  # (what ``prefilled`` does when MkDocs' build ends)


def test_mkdocs_only_restores_what_the_workers_converted(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(12))
    _workers_alone(out)
    kept = _entries(out)
    assert len(kept) == 13  # every page (one worker of two, with no loop to meet: it goes down to the first)
    mkdocs_build(out, jobs=1)
    assert _entries(out) == kept  # not one converted again: MkDocs' loop found each entry as it would keep it
    assert file_tree(out / "_build") == _without_workers(out)


def test_three_jobs_share_the_pages(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(12))
    _workers_alone(out, jobs=3)  # (the second stops where the first's entries begin)
    kept = _entries(out)
    assert len(kept) == 13
    mkdocs_build(out, jobs=1)
    assert _entries(out) == kept
    assert file_tree(out / "_build") == _without_workers(out)


def test_a_site_built_with_workers_is_the_site_built_without(tmp_path: Path) -> None:
    """The real race: enough pages that ``mkdocs_run --jobs 2`` forks a worker, meeting MkDocs' loop."""
    out = _project(tmp_path / "site", _pages(mkdocs_prefill.MIN_PAGES + 40))
    with _config(out) as config:
        assert mkdocs_prefill.stale_pages(Path(config.docs_dir), out / CACHE_DIR) == mkdocs_prefill.MIN_PAGES + 41
    mkdocs_build(out, jobs=2)
    assert file_tree(out / "_build") == _without_workers(out)
    with _config(out) as config:  # everything kept: a rebuild forks nothing
        assert mkdocs_prefill.stale_pages(Path(config.docs_dir), out / CACHE_DIR) == 0
        assert mkdocs_prefill.start(config, 2) == []


def test_a_broken_link_still_fails_strict_mode(tmp_path: Path) -> None:
    pages = _pages(12)
    pages["p1/page5.md"] += "\nAnd [gone](../nowhere.md).\n"
    out = _project(tmp_path / "site", pages)
    _workers_alone(out)
    assert len(_entries(out)) == 12  # the page that warns is not kept: MkDocs converts it, and warns
    with pytest.raises(PolicyError, match=r"page5\.md.*nowhere\.md"):
        mkdocs_build(out, jobs=2)
    many = _pages(mkdocs_prefill.MIN_PAGES + 40)
    many["p0/page100.md"] += "\nAnd [gone](../nowhere.md).\n"
    out = _project(tmp_path / "many", many)
    with pytest.raises(PolicyError, match=r"page100\.md.*nowhere\.md"):
        mkdocs_build(out, jobs=2)


def test_a_broken_anchor_still_fails_strict_mode(tmp_path: Path) -> None:
    pages = _pages(12)
    pages["p0/page4.md"] = pages["p0/page4.md"].replace("## Part 4", "## Section 4")
    out = _project(tmp_path / "site", pages)
    _workers_alone(out)
    with pytest.raises(PolicyError, match=r"does not contain an anchor '#part-4'"):
        mkdocs_build(out, jobs=2)


def test_only_pages_written_since_their_entry_count_as_stale(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(12))
    mkdocs_build(out, jobs=1)
    docs, cache = out / "docs", out / CACHE_DIR
    assert mkdocs_prefill.stale_pages(docs, cache) == 0
    page = docs / "p1" / "page3.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    (docs / "new.md").write_text("# New\n", encoding="utf-8")
    assert mkdocs_prefill.stale_pages(docs, cache) == 2
    with _config(out) as config:
        assert mkdocs_prefill.start(config, 2, min_pages=3) == []  # too few to be worth a worker
        assert mkdocs_prefill.start(config, 1, min_pages=0) == []  # --jobs 1: MkDocs' loop alone


def test_workers_stopped_at_once_leave_only_whole_entries(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(60))
    with _config(out) as config:
        pids = mkdocs_prefill.start(config, 2, min_pages=0)
        mkdocs_prefill.stop(pids)  # (what a failed or interrupted build does)
        mkdocs_prefill.thaw("prefill")
    cache = out / CACHE_DIR
    names = [p.name for p in cache.iterdir()] if cache.is_dir() else []
    assert not [n for n in names if n.endswith(".tmp")]
    for name in names:
        if name.endswith(".json"):
            assert json.loads((cache / name).read_bytes())["key"]
    mkdocs_build(out, jobs=1)
    assert file_tree(out / "_build") == _without_workers(out)


def _build_here(out: Path, jobs: int, **drawing: Any) -> list[str]:
    """MkDocs' build of the project in this process, as ``mkdocs_run`` runs it, with its pages drawn on ``jobs``
    processes (:func:`policyvc.site.mkdocs_draw.drawing`); what the hooks said of each stage."""
    from mkdocs.commands import build

    said: list[str] = []

    class Said(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    logger, handler = logging.getLogger("mkdocs.policyvc"), Said()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with _config(out) as config, mkdocs_draw.drawing(jobs, **drawing):
            build.build(config, dirty=False)
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    return said


def _theme_entries(out: Path) -> dict[str, int]:
    folder = out / CACHE_DIR / "html"
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.name.endswith(".html")}


def test_mkdocs_only_reads_the_pages_the_workers_drew(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(12))
    said = _build_here(out, 2, wait=True, min_pages=0)  # (the worker draws every page before MkDocs' loop starts)
    assert "13 page(s) drawn from the cache, 2 drawn" in said  # (the two drawn: the theme's 404 page and sitemap)
    assert file_tree(out / "_build") == _without_workers(out)
    search = (out / "_build" / "search" / "search_index.json").read_bytes()
    assert search == _without_workers(out)["search/search_index.json"]


def test_mkdocs_objects_are_frozen_only_while_the_workers_share_them(tmp_path: Path) -> None:
    import gc

    out = _project(tmp_path / "site", _pages(12))
    frozen: list[int] = []
    stop = mkdocs_draw.stop

    def look_and_stop(*, wait: bool = False) -> None:
        frozen.append(gc.get_freeze_count())  # (while the workers run: they are stopped here)
        stop(wait=wait)

    mkdocs_draw.stop = look_and_stop  # type: ignore[assignment]
    try:
        said = _build_here(out, 2, wait=True, min_pages=0)
    finally:
        mkdocs_draw.stop = stop  # type: ignore[assignment]
    assert "13 page(s) drawn from the cache, 2 drawn" in said  # (a worker was forked)
    assert frozen and frozen[0] > 0  # (MkDocs' collector left what the fork shares alone meanwhile)
    assert gc.get_freeze_count() == 0  # (and collects it again once the workers are gone)
    assert file_tree(out / "_build") == _without_workers(out)


def test_three_jobs_share_the_drawing(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(12))
    said = _build_here(out, 3, wait=True, min_pages=0)
    assert "13 page(s) drawn from the cache, 2 drawn" in said
    assert file_tree(out / "_build") == _without_workers(out)


def test_pages_are_drawn_on_workers_only_when_many_are_to_draw(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(12))
    assert "0 page(s) drawn from the cache, 15 drawn" in _build_here(out, 2, min_pages=14)  # (13 to draw: too few)
    kept = _theme_entries(out)
    said = _build_here(out, 2, wait=True, min_pages=1)  # everything kept: nothing to draw, nothing forked
    assert "2 page(s) drawn from the cache, 0 drawn" in said  # (the theme's own: 404, sitemap)
    assert "13 page(s) unchanged, passed over" in said  # (every page: not drawn at all)
    assert _theme_entries(out) == kept
    pages = _pages(12)
    pages["p0/page0.md"] = pages["p0/page0.md"].replace("title: Own title 0", "title: Another title")
    out = _project(out, pages)  # a title in the navigation changed: every page is drawn again, on the workers
    said = _build_here(out, 2, wait=True, min_pages=13)
    assert "13 page(s) drawn from the cache, 2 drawn" in said
    assert file_tree(out / "_build") == _without_workers(out)
    (out / CACHE_DIR / "html" / mkdocs_draw.SITE_FILE).unlink()  # none noted (a build before this was kept)
    page = out / "docs" / "p0" / "page0.md"  # (every other page's entry is newer than its page: one to draw)
    page.write_text(pages["p0/page0.md"].replace("title: Another title", "title: A third title"), encoding="utf-8")
    assert "0 page(s) drawn from the cache, 15 drawn" in _build_here(out, 2, wait=True, min_pages=2)


def test_a_worker_stopped_at_once_leaves_only_whole_entries(tmp_path: Path) -> None:
    out = _project(tmp_path / "site", _pages(60))
    with pytest.raises(PolicyError):
        (out / "docs" / "p0" / "page2.md").write_text("# Two\n\n[gone](nowhere.md)\n", encoding="utf-8")
        mkdocs_build(out, jobs=2)  # (fails strict mode after the workers started: they are stopped)
    folder = out / CACHE_DIR / "html"
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    (out / "docs" / "p0" / "page2.md").write_text(_pages(60)["p0/page2.md"], encoding="utf-8")
    mkdocs_build(out, jobs=2)
    assert file_tree(out / "_build") == _without_workers(out)
