"""The caches of MkDocs' stages (:mod:`policyvc.site.mkdocs_cache`, ``mkdocs_search_cache``,
``mkdocs_theme_cache``): a build that reuses them writes the same bytes as one that does every page's work, and
strict mode still fails wherever a converted page would warn."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_alone
from hypothesis import given
from hypothesis import strategies as st

from policyvc.errors import PolicyError
from policyvc.site import mkdocs_hooks
from policyvc.site.build import build_site
from policyvc.site.mkdocs import mkdocs_build
from policyvc.site.mkdocs_cache import CACHE_DIR, decode_entry, encode_entry, html_digest, known_html, toolchain_key
from policyvc.site.mkdocs_search_cache import content_digest

CONFIG = """site_name: t
docs_dir: docs
site_dir: _build
use_directory_urls: false
theme:
  name: material
validation:
  anchors: warn
"""


def _project(root: Path, pages: dict[str, str]) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


PAGES = {
    "index.md": "# Home\n\nSee [the dose](other.md#dose) and [the rest](third.md).\n",
    "other.md": "# Other\n\n## Dose\n\nTwo tablets.\n\n## Age\n\nAdults.\n",
    "third.md": "# Third\n\nBack [home](index.md).\n",
}


def _site(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _entries(out: Path, stage: str = "") -> list[Path]:
    return sorted(p for p in (out / CACHE_DIR / stage).glob("*") if p.is_file())


def _cold(out: Path) -> dict[str, bytes]:
    """The project built with no cache at all (a copy, so the cache of ``out`` stays as it is)."""
    other = out.parent / (out.name + "-cold")
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(out, other, ignore=shutil.ignore_patterns("_build", CACHE_DIR))
    mkdocs_build(other)
    return _site(other / "_build")


def _no_skip(out: Path) -> None:
    """Forget which pages were written with every input as it is (:mod:`policyvc.site.mkdocs_skip`), so that the
    next build goes through the stages' caches."""
    shutil.rmtree(out / CACHE_DIR / "skip", ignore_errors=True)


def _tamper(out: Path, **fields: str) -> None:
    for path in _entries(out):
        entry = decode_entry(path.read_bytes())
        assert entry is not None and entry["sha256"] == html_digest(entry["html"])
        entry.update(fields)
        entry["sha256"] = html_digest(entry["html"])  # (as the cache writes an entry: the digest of its HTML)
        path.write_bytes(encode_entry(entry))


def test_a_second_build_reuses_every_page_and_writes_the_same_bytes(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    assert len(_entries(out)) == len(_entries(out, "search")) == 3  # one per page
    assert len(_entries(out, "html")) == 3 + 2  # and the theme's own pages: 404.html, sitemap.xml
    first = _site(out / "_build")
    mkdocs_build(out)
    assert _site(out / "_build") == first == _cold(out)
    # what is reused is the caches': a kept page changed by hand is what the next build writes …
    html = next(p for p in _entries(out, "html") if b"Back" in p.read_bytes())
    html.write_bytes(html.read_bytes().replace(b"Back", b"KEPT"))
    search = _entries(out, "search")[0]
    search.write_bytes(search.read_bytes().replace(b'"text":"', b'"text":"INDEXED '))
    _no_skip(out)  # (a page whose every input is unchanged is passed over: its caches not even read)
    mkdocs_build(out)
    assert b"KEPT" in (out / "_build" / "third.html").read_bytes()
    assert b"INDEXED" in (out / "_build" / "search" / "search_index.json").read_bytes()
    # … and so is the Markdown's conversion, when the page's drawing is not kept
    shutil.rmtree(out / CACHE_DIR / "html")
    _tamper(out, html="<p>CONVERTED</p>")
    _no_skip(out)
    mkdocs_build(out)
    assert b"CONVERTED" in (out / "_build" / "third.html").read_bytes()


def test_a_title_changed_is_drawn_in_every_page(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    (out / "docs" / "third.md").write_text("# Trois\n\nBack [home](index.md).\n", encoding="utf-8")
    mkdocs_build(out)
    assert b"Trois" in (out / "_build" / "index.html").read_bytes()  # the navigation of every page names it
    assert _site(out / "_build") == _cold(out)


def test_an_edited_page_is_converted_again(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    (out / "docs" / "third.md").write_text("# Third\n\nBack [home](index.md), edited.\n", encoding="utf-8")
    mkdocs_build(out)
    assert b"edited." in (out / "_build" / "third.html").read_bytes()
    assert _site(out / "_build") == _cold(out)


def test_a_page_whose_link_target_is_gone_fails_strict_again(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    (out / "docs" / "third.md").unlink()  # index.md is unchanged, its link now leads nowhere
    for _ in range(2):  # (and a page that warned was not kept: the second build fails too)
        with pytest.raises(PolicyError, match=r"index\.md.*third\.md"):
            mkdocs_build(out)


def test_an_anchor_gone_from_the_linked_page_fails_strict(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    # index.md (kept in the cache) links to other.md#dose; other.md loses that heading
    (out / "docs" / "other.md").write_text("# Other\n\n## Age\n\nAdults.\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"does not contain an anchor '#dose'"):
        mkdocs_build(out)


def test_a_stale_or_damaged_entry_is_not_used(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    first = _site(out / "_build")
    _tamper(out, key="0" * 64, html="<p>STALE</p>")  # as an entry of another toolchain's or page's
    shutil.rmtree(out / CACHE_DIR / "html")
    _no_skip(out)
    mkdocs_build(out)
    assert _site(out / "_build") == first
    for stage in ("", "html", "search"):
        for path in _entries(out, stage):
            path.write_bytes(path.read_bytes()[:40])  # torn
    _no_skip(out)
    mkdocs_build(out)
    assert _site(out / "_build") == first


def test_an_entry_cut_short_or_of_another_key_is_refused(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    first = _site(out / "_build")
    for path in _entries(out):
        data = path.read_bytes()
        entry = decode_entry(data)
        assert entry is not None and decode_entry(data, entry["key"]) == entry
        assert decode_entry(data, "0" * 64) is None  # (the key is compared before anything is decoded)
        assert decode_entry(data[:-1]) is None and decode_entry(data + b" ") is None  # the HTML's length is checked
        path.write_bytes(data[:-1])
    shutil.rmtree(out / CACHE_DIR / "html")
    _no_skip(out)
    mkdocs_build(out)
    assert _site(out / "_build") == first == _cold(out)
    assert all(decode_entry(p.read_bytes()) is not None for p in _entries(out))  # (converted again, kept again)


def test_the_digest_kept_with_a_page_is_used_only_for_that_very_string() -> None:
    """The page cache's digest reaches the search index's and the theme's keys only when the HTML MkDocs hands on
    is the string the cache restored: a plugin that changed the HTML gets it hashed."""

    class File:
        src_uri = "a.md"

    class Page:
        def __init__(self, html: str) -> None:
            self.file, self.content, self.toc = File(), html, None
            self.present_anchor_ids = self.links_to_anchors = None

    mkdocs_hooks._scratch[:] = [tempfile.TemporaryFile()]  # noqa: SIM115 (closed by _cleanup)
    try:
        for changed in (False, True):
            restored = "<p>kept " + "x" * 10 + "</p>"
            page = Page(restored)
            known_html(page, restored, "f" * 64)  # (a digest that is not the HTML's: which one is used shows)
            html = restored.replace("kept", "changed") if changed else restored
            assert mkdocs_hooks.on_page_content(html, page, None, None) == ""
            page.content = ""
            mkdocs_hooks.on_page_context({}, page, None, None)
            assert page.content == html
            assert content_digest(page.content) == (html_digest(html) if changed else "f" * 64)
    finally:
        mkdocs_hooks._cleanup()


def test_the_key_names_every_version_of_the_toolchain() -> None:
    from policyvc import __version__

    key = toolchain_key()
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        assert f"{name}={version(name)}" in key
    assert f"policyvc={__version__}" in key


def test_entries_of_pages_gone_are_removed(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    (out / "docs" / "index.md").write_text("# Home\n\nSee [the dose](other.md#dose).\n", encoding="utf-8")
    (out / "docs" / "third.md").unlink()
    mkdocs_build(out)
    assert len(_entries(out)) == len(_entries(out, "search")) == len(_entries(out, "html")) - 2 == 2


@pytest.mark.slow
def test_the_embedded_site_from_the_cache_is_the_site_built_cold(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(ROOT / "policy_versions", out, build=True, today=dt.date(2026, 12, 1), rules_root=None, jobs=1)
    assert len(_entries(out)) == sum(1 for _ in (out / "docs").rglob("*.md"))
    mkdocs_build(out)  # every page from the cache
    built = _site(out / "_build")
    assert ".policyvc-build" not in built  # (the stamp is removed when MkDocs starts: build_site writes it after)
    assert built == _cold(out)


def test_a_rebuild_writes_only_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", {**PAGES, "gone.md": "# Gone\n\nSoon.\n"})
    (out / "docs" / "img").mkdir()
    (out / "docs" / "img" / "dot.svg").write_text("<svg/>", encoding="utf-8")
    mkdocs_build(out)
    build = out / "_build"
    assert (build / "gone.html").is_file()
    (build / "stray").mkdir()
    (build / "stray" / "old.html").write_text("left from elsewhere", encoding="utf-8")
    (build / ".kept").write_text("hidden: MkDocs' clean leaves it too", encoding="utf-8")
    asset = next((build / "assets" / "stylesheets").glob("main.*.min.css"))
    before = {p: p.stat().st_mtime_ns for p in (asset, build / "img" / "dot.svg")}
    (out / "docs" / "gone.md").unlink()
    (out / "docs" / "third.md").write_text("# Third\n\nBack [home](index.md), edited.\n", encoding="utf-8")
    mkdocs_build(out)
    site = _site(build)
    assert site.pop(".kept") == b"hidden: MkDocs' clean leaves it too"
    assert site == _cold(out)  # file by file: nothing more, nothing less, the same bytes
    assert not (build / "gone.html").exists() and not (build / "stray").exists()
    assert {p: p.stat().st_mtime_ns for p in before} == before  # the same bytes: not written again


@pytest.mark.parametrize("plugins", ["", "plugins:\n  - search\n  - offline\n"])
def test_the_search_index_written_from_the_cache_is_mkdocs_own(tmp_path: Path, plugins: str) -> None:
    out = _project(tmp_path / "p", PAGES)
    (out / "mkdocs.yml").write_text(CONFIG + plugins, encoding="utf-8")
    third = '# Third\n\nBack [home](index.md).\n\n## Ünïcode "quoted"\n'
    (out / "docs" / "third.md").write_text(third, encoding="utf-8")
    for _ in range(2):  # indexed, then from the cache
        mkdocs_build(out)
        plain = tmp_path / "plain"
        mkdocs_alone(out, plain, quiet=True)
        assert _site(out / "_build") == _site(plain)
        if plugins:
            assert (plain / "search" / "search_index.js").is_file()


def test_the_search_plugin_is_the_one_whose_work_the_cache_stands_in_for() -> None:
    # (a new mkdocs-material whose search plugin does something else leaves the plugin to do its own work: this
    # says so, where the build would only be slower)
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    from policyvc.site.mkdocs_search_cache import _is_known

    plugin = SearchPlugin()
    plugin.search_index = object.__new__(SearchIndex)
    assert _is_known(plugin)


@given(st.sets(st.text(max_size=6)), st.lists(st.text(max_size=6), max_size=5))
def test_anchor_ids_held_as_one_string_answer_as_the_set(ids: set[str], others: list[str]) -> None:
    from policyvc.site.mkdocs_hooks import Anchors

    held = Anchors.of(ids)
    for anchor in [*ids, *others]:
        assert (anchor in held) == (anchor in ids)
    assert sorted(held) == sorted(ids) and len(held) == len(ids)


@given(st.dictionaries(st.text(max_size=6), st.text(max_size=8)))
def test_links_held_as_one_string_are_the_links(links: dict[str, str]) -> None:
    from policyvc.site.mkdocs_hooks import Links

    assert list(Links.of(links).items()) == list(links.items())


@given(st.sets(st.text(max_size=6)), st.dictionaries(st.text(max_size=6), st.text(max_size=8)))
def test_anchor_ids_and_links_kept_in_an_entry_read_back_as_held(ids: set[str], links: dict[str, str]) -> None:
    from policyvc.site.mkdocs_packed import Anchors, Links, packed_text, unpacked_anchors, unpacked_links

    held, kept = Anchors.of(ids), packed_text(Anchors.of(ids))
    assert (kept is None) == isinstance(held, set)  # (a set kept as it is: an id holds the separator, or none)
    if kept is not None:
        assert sorted(unpacked_anchors(kept)) == sorted(ids)
    text = packed_text(Links.of(links))
    assert text is None or list(unpacked_links(text).items()) == list(links.items())


def test_a_cached_page_s_anchors_still_answer_links_from_a_page_converted_again(tmp_path: Path) -> None:
    out = _project(tmp_path / "p", PAGES)
    mkdocs_build(out)
    # other.md (kept in the cache, its anchor ids with it) is linked to again from a page converted afresh
    (out / "docs" / "third.md").write_text("# Third\n\n[dose](other.md#dose), [gone](other.md#nope).\n", "utf-8")
    with pytest.raises(PolicyError, match=r"does not contain an anchor '#nope'"):
        mkdocs_build(out)
    (out / "docs" / "third.md").write_text("# Third\n\n[dose](other.md#dose).\n", encoding="utf-8")
    mkdocs_build(out)
    assert _site(out / "_build") == _cold(out)
