"""Pages kept out of MkDocs' build, and a cold build drawn in bounded passes (:mod:`policyvc.site.mkdocs_keep`):
the site is byte for byte the one a single pass of every page writes, after a cold build and after each kind of
change; unchanged version and diff pages are kept out; links to anchors into and out of a kept page are still
validated (strict mode fails)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_site_mkdocs_skip import STEPS, _build, _cold, _store

from policyvc.errors import PolicyError
from policyvc.site import mkdocs as site_mkdocs
from policyvc.site.mkdocs import mkdocs_build
from policyvc.site.mkdocs_keep import MORE


def _passes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The MkDocs processes each build runs, from now on (their arguments)."""
    runs: list[list[str]] = []
    real = subprocess.run

    def run(args: Any, *rest: Any, **kwargs: Any) -> Any:
        if "policyvc.site.mkdocs_run" in args:
            runs.append(list(args))
        return real(args, *rest, **kwargs)

    monkeypatch.setattr(site_mkdocs.subprocess, "run", run)
    return runs


def _pass(out: Path, *args: str) -> str:
    """One pass of MkDocs over ``out`` (what it prints)."""
    command = [sys.executable, "-m", "policyvc.site.mkdocs_run", str(out), "--jobs", "1", *args]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=out, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_cold_build_in_passes_is_the_site_of_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path, policies=2, versions=3)
    monkeypatch.setenv("POLICYVC_MKDOCS_BATCH", "100000")
    whole = _build(store, tmp_path / "whole")
    monkeypatch.setenv("POLICYVC_MKDOCS_BATCH", "2")
    runs = _passes(monkeypatch)
    batched = _build(store, tmp_path / "batched")
    assert batched == whole
    # 2 policies × (3 versions + 3 diffs) pages out of the navigation, 2 a pass
    assert len(runs) == 6
    assert all("--from" in r for r in runs[1:])


def test_unchanged_pages_out_of_the_navigation_are_kept_out(tmp_path: Path) -> None:
    """After a build, a pass that may draw one page out of the navigation leaves none for another: every
    version and diff page is kept (a page not kept would be drawn, and the others left for the next pass)."""
    store = _store(tmp_path, policies=2, versions=3)
    out = tmp_path / "site"
    _build(store, out)
    assert MORE not in _pass(out, "--batch", "1")
    (out / "_build" / "CP.PHAR.1000" / "versions" / "2023-04-18.html").write_bytes(b"changed by hand")
    left = _pass(out, "--batch", "1")  # (that page drawn again; the others kept)
    assert MORE not in left
    assert (out / "_build" / "CP.PHAR.1000" / "versions" / "2023-04-18.html").read_bytes() != b"changed by hand"


@pytest.mark.parametrize("step", sorted(STEPS))
def test_after_each_kind_of_change_with_passes_the_site_is_the_cold_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    monkeypatch.setenv("POLICYVC_MKDOCS_BATCH", "3")
    store, out = _store(tmp_path, policies=2, versions=3), tmp_path / "site"
    _build(store, out)
    STEPS[step](store, out, 1)
    after = _build(store, out)
    monkeypatch.setenv("POLICYVC_MKDOCS_BATCH", "100000")
    assert after == _cold(store, out)


def _project(out: Path, pages: dict[str, str]) -> None:
    (out / "docs" / "v").mkdir(parents=True)
    (out / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: docs\nsite_dir: _build\nuse_directory_urls: false\ntheme:\n  name: material\n"
        "plugins:\n  - search\nnot_in_nav: |\n  /v/*.md\nvalidation:\n  anchors: warn\n",
        encoding="utf-8",
    )
    for name, text in pages.items():
        (out / "docs" / name).write_text(text, encoding="utf-8")


HIDDEN = "---\nsearch:\n  exclude: true\n---\n\n"


def test_a_broken_link_into_or_out_of_a_kept_page_fails_strict(tmp_path: Path) -> None:
    out = tmp_path / "p"
    pages = {
        "index.md": "# Home\n\nSee [the dose](v/a.md#dose) and [b](v/b.md).\n",
        "other.md": "# Other\n\n## Amount\n\nTwo tablets.\n",
        "v/a.md": HIDDEN + "# A\n\n## Dose\n\nSee [the amount](../other.md#amount).\n",
        "v/b.md": HIDDEN + "# B\n\nBack [home](../index.md).\n",
    }
    _project(out, pages)
    mkdocs_build(out, jobs=1)
    assert MORE not in _pass(out, "--batch", "1")  # (both kept)
    (out / "docs" / "index.md").write_text("# Home\n\nSee [the dose](v/a.md#dosing) and [b](v/b.md).\n")
    with pytest.raises(PolicyError, match=r"does not contain an anchor '#dosing'"):
        mkdocs_build(out, jobs=1)
    (out / "docs" / "index.md").write_text(pages["index.md"], encoding="utf-8")
    mkdocs_build(out, jobs=1)
    (out / "docs" / "other.md").write_text("# Other\n\n## Quantity\n\nTwo tablets.\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"v/a\.md' contains a link '\.\./other\.md#amount'"):
        mkdocs_build(out, jobs=1)


@pytest.mark.parametrize("batch", ["1", "4"])
def test_an_edit_built_in_passes_of_any_size_is_the_cold_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: str
) -> None:
    """Pages left out of a pass (kept or deferred) are held as stand-ins: at several pass sizes, the cold build in
    passes and the build after an edit are the site one pass of every page writes."""
    store, out = _store(tmp_path, policies=2, versions=3), tmp_path / "site"
    monkeypatch.setenv("POLICYVC_MKDOCS_BATCH", "100000")
    whole = _cold(store, out)
    monkeypatch.setenv("POLICYVC_MKDOCS_BATCH", batch)
    assert _build(store, out) == whole
    STEPS["edit"](store, out, 0)
    after = _build(store, out)
    monkeypatch.setenv("POLICYVC_MKDOCS_BATCH", "100000")
    assert after == _cold(store, out)


def test_a_stand_in_answers_as_mkdocs_file_does(tmp_path: Path) -> None:
    from mkdocs.structure.files import File, InclusionLevel

    from policyvc.site.mkdocs_keep import standing_class

    docs, site = str(tmp_path / "docs"), str(tmp_path / "_build")
    for directory_urls in (False, True):
        home = File("index.md", docs, site, directory_urls)
        stand_in = standing_class(home)
        for src in ("CP.PHAR.1000/versions/2023-04-18.md", "CP.PHAR.1000/diff/2023-04-18_2023-10-16.md", "x/README.md"):
            light, real = stand_in(src), File(src, docs, site, directory_urls)
            assert isinstance(light, File) and light.is_documentation_page()
            assert light.inclusion == InclusionLevel.EXCLUDED and light.page is None
            for name in (
                "src_uri",
                "src_path",
                "dest_uri",
                "dest_path",
                "url",
                "abs_src_path",
                "abs_dest_path",
                "name",
            ):
                assert getattr(light, name) == getattr(real, name), name
            assert light.url_relative_to(home) == real.url_relative_to(home)
            assert home.url_relative_to(light) == home.url_relative_to(real)
            assert not vars(light)  # (nothing kept but its path)


def test_a_pass_over_unchanged_pages_keeps_every_cache_entry(tmp_path: Path) -> None:
    """A project with static files beside its pages (a rule module, an image) built in passes of one page is the
    site a single pass writes; a pass after it, every page kept out or passed over (each page's record and cache
    entries kept by one name), leaves every entry of the cache where it was."""
    pages = {
        "index.md": "# Home\n\nThe [rules](r/v1.py) and ![a chart](img/c.png) and [b](v/b.md).\n",
        "v/a.md": HIDDEN + "# A\n\nSee [the rules](../r/v1.py).\n",
        "v/b.md": HIDDEN + "# B\n\nBack [home](../index.md).\n",
    }
    built = {}
    for name, batch in (("one", "100000"), ("passes", "1")):
        out = tmp_path / name
        _project(out, pages)
        (out / "docs" / "r").mkdir()
        (out / "docs" / "r" / "v1.py").write_text("# rules of v1\nRULES = []\n", encoding="utf-8")
        (out / "docs" / "img").mkdir()
        (out / "docs" / "img" / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        left = _pass(out, "--batch", batch)
        while MORE in left:
            left = _pass(out, "--batch", batch, "--from", left.split(MORE)[-1].strip())
        built[name] = {
            p.relative_to(out / "_build"): p.read_bytes() for p in (out / "_build").rglob("*") if p.is_file()
        }
        assert built[name][Path("r/v1.py")] == (out / "docs" / "r" / "v1.py").read_bytes()
        cache = out / ".policyvc-mkdocs-cache"
        entries = sorted(
            p for p in cache.rglob("*") if p.is_file() and p.suffix in {".skip", ".page", ".html", ".json"}
        )
        assert {p.suffix for p in entries} == {".skip", ".page", ".html", ".json"}
        assert MORE not in _pass(out, "--batch", batch)  # (nothing changed: every page kept or passed over)
        assert (
            sorted(p for p in cache.rglob("*") if p.is_file() and p.suffix in {".skip", ".page", ".html", ".json"})
            == entries
        )
    assert built["one"] == built["passes"]
