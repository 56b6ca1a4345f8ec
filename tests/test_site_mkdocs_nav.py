"""The site's navigation drawn once per folder for the pages out of it (:mod:`policyvc.site.mkdocs_nav`): the site
is byte for byte the one drawn without, the pages in the navigation are drawn as always, and a drawing that
logged is not reused."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_support import file_tree, write_project

from policyvc.site import mkdocs_nav

CONFIG = """site_name: t
docs_dir: docs
site_dir: _build
use_directory_urls: false
theme:
  name: material
  features:
    - navigation.indexes
    - navigation.prune
    - navigation.sections
    - navigation.footer
plugins:
  - search
  - offline
not_in_nav: |
  /*/versions/*.md
  /*/diff/*.md
  /*/diff/deep/*.md
nav:
  - Home: index.md
  - Policies:
      - "A":
          - a/index.md
          - Timeline: a/timeline.md
      - "B":
          - b/index.md
          - Timeline: b/timeline.md
"""


def _project(root: Path) -> Path:
    """Two policies in the navigation, each with versions and diffs out of it (one diff a folder deeper)."""
    pages = {"index.md": "# Home\n\n[A](a/index.md) · [B](b/index.md)\n"}
    for ref in ("a", "b"):
        pages[f"{ref}/index.md"] = f"# Policy {ref}\n\n[timeline](timeline.md)\n"
        pages[f"{ref}/timeline.md"] = f"# Timeline of {ref}\n\n" + "".join(
            f"- [version {i}](versions/v{i}.md)\n" for i in range(4)
        )
        for i in range(4):
            pages[f"{ref}/versions/v{i}.md"] = f"# {ref} version {i}\n\n[policy](../index.md)\n\n## Part {i}\n"
            pages[f"{ref}/diff/d{i}.md"] = f"# {ref} diff {i}\n\n[version](../versions/v{i}.md)\n"
        pages[f"{ref}/diff/deep/x.md"] = f"# {ref} deep\n\n[policy](../../index.md)\n"
    return write_project(root, CONFIG, pages)


def _build(out: Path) -> dict[str, bytes]:
    """MkDocs' build of the project in this process with the site's hooks, as ``mkdocs_run`` runs it."""
    from mkdocs.commands import build
    from mkdocs.config import load_config

    hooks = Path(mkdocs_nav.__file__).with_name("mkdocs_hooks.py")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(out / "mkdocs.yml"), strict=True, hooks=[str(hooks)])
        config.plugins.on_startup(command="build", dirty=False)
        build.build(config, dirty=False)
        config.plugins.on_shutdown()
    finally:
        logger.setLevel(level)
    return file_tree(out / "_build")


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[mkdocs_nav.NavDrawing]]:
    made: list[mkdocs_nav.NavDrawing] = []
    install = mkdocs_nav.install

    def noted(env: Any, nav: Any) -> mkdocs_nav.NavDrawing | None:
        drawing = install(env, nav)
        if drawing is not None:
            made.append(drawing)
        return drawing

    monkeypatch.setattr(mkdocs_nav, "install", noted)
    yield made


def test_the_site_is_the_one_drawn_without(tmp_path: Path, drawings: list[mkdocs_nav.NavDrawing]) -> None:
    site = _build(_project(tmp_path / "site"))
    [drawing] = drawings
    # 2 policies × (4 versions + 4 diffs + 1 deeper diff) out of the navigation, in 6 folders: each drawn once
    assert (drawing.misses, drawing.hits) == (6, 12)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(mkdocs_nav, "install", lambda env, nav: None)
        alone = _build(_project(tmp_path / "alone"))
    assert site == alone
    # the links of the navigation are relative to each page's folder: drawn once per folder, not once per depth
    assert b'href="../index.html"' in site["a/versions/v0.html"]
    assert b'href="../../b/index.html"' in site["a/versions/v0.html"]
    assert b'href="../../index.html"' in site["a/diff/deep/x.html"]


def test_a_page_in_the_navigation_is_drawn_for_itself(tmp_path: Path, drawings: list[mkdocs_nav.NavDrawing]) -> None:
    site = _build(_project(tmp_path / "site"))
    a, b = site["a/timeline.html"], site["b/timeline.html"]
    assert b'md-nav__link--active">' in a.replace(b"\n", b"")
    # each page in the navigation its own entry active: not a drawing of another page of its folder
    assert a.count(b"md-nav__item--active") == b.count(b"md-nav__item--active") > 0
    assert _nav_of(a) != _nav_of(site["a/index.html"])


def test_a_drawing_that_logged_is_not_reused(tmp_path: Path) -> None:
    from policyvc.site.mkdocs_cache import _loggers

    class Page:
        parent = None
        url = "p/versions/v1.html"

        class file:  # (a stand-in for MkDocs' File)
            inclusion = "InclusionLevel.NOT_IN_NAV"

    class Nav:
        pages = ()

    drawing = mkdocs_nav.NavDrawing(Nav())
    calls: list[int] = []

    def render(context: Any) -> Iterator[str]:
        calls.append(1)
        if len(calls) == 1:
            _loggers()[0].warning("said once")
        yield "<nav>"
        yield "</nav>"

    drawn = drawing.wrap(render)
    context = {"page": Page(), "base_url": "../.."}
    texts = ["".join(drawn(context)) for _ in range(3)]
    assert texts == ["<nav></nav>"] * 3
    assert len(calls) == 2  # the first drawing said something: drawn again, then kept
    assert (drawing.misses, drawing.hits) == (2, 1)


def _nav_of(html: bytes) -> bytes:
    start = html.index(b'<nav class="md-nav md-nav--primary"')
    return html[start : html.index(b"</nav>", start)]
