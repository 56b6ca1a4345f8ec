"""Pages passed over when nothing they are made of changed (:mod:`policyvc.site.mkdocs_skip`): the site after an
incremental build is the site a cold build of the same store writes, every file of it, the search index included —
after an edit, a new version, a new policy, a deleted version, a changed ``mkdocs.yml``, and any sequence of
those — and an unchanged page is neither converted nor drawn again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyvc.errors import PolicyError
from policyvc.site.build import build_site
from policyvc.site.mkdocs import mkdocs_build
from policyvc.site.mkdocs_cache import CACHE_DIR, entry_name
from policyvc.site.mkdocs_skip import FOLDER, SUFFIX
from policyvc.store.sync import sync_store

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"
VERSIONS = sorted(p.name for p in HISTORY.iterdir() if p.is_dir())
TODAY = dt.date(2026, 12, 1)


def _version(store: Path, n: int, date: str) -> None:
    """Version ``date`` of the embedded history, filed as policy CP.PHAR.<n> (its own reference and drug)."""
    text = (HISTORY / date / "policy.txt").read_text(encoding="utf-8")
    text = text.replace("Reference Number: CP.PHAR.295", f"Reference Number: CP.PHAR.{n}", 1)
    text = text.replace("Sargramostim (Leukine)", f"Synthetic{n} (Leukine)", 1)
    dest = store / f"CP.PHAR.{n}" / date / "policy.txt"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")


def _store(root: Path, policies: int = 2, versions: int = 3) -> Path:
    store = root / "store"
    for n in range(1000, 1000 + policies):
        for date in VERSIONS[:versions]:
            _version(store, n, date)
    sync_store(store)
    return store


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _build(store: Path, out: Path) -> dict[str, bytes]:
    build_site(store, out, build=True, today=TODAY, rules_root=None, jobs=1)
    return _site(out / "_build")


def _cold(store: Path, out: Path) -> dict[str, bytes]:
    """The same store built into a folder of its own: nothing kept from any build before."""
    cold = out.parent / (out.name + "-cold")
    shutil.rmtree(cold, ignore_errors=True)
    try:
        return _build(store, cold)
    finally:
        shutil.rmtree(cold, ignore_errors=True)


def _cold_project(out: Path) -> dict[str, bytes]:
    """The MkDocs project of ``out`` as it is, built with no cache (a copy)."""
    cold = out.parent / (out.name + "-cold-project")
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(out, cold, ignore=shutil.ignore_patterns("_build", CACHE_DIR))
    try:
        mkdocs_build(cold, jobs=1)
        return _site(cold / "_build")
    finally:
        shutil.rmtree(cold, ignore_errors=True)


def _records(out: Path) -> dict[str, int]:
    """Each page's record (by its file's name) and when it was written."""
    return {p.name: p.stat().st_mtime_ns for p in (out / CACHE_DIR / FOLDER).glob(f"*{SUFFIX}")}


def _record(src_uri: str) -> str:
    return entry_name(src_uri, SUFFIX)


def _policies(store: Path) -> list[Path]:
    return sorted(p for p in store.iterdir() if p.is_dir() and p.name.startswith("CP."))


# the steps: each changes the store (or the project's configuration) as a user would


def _edit(store: Path, out: Path, seed: int) -> None:
    policy = _policies(store)[seed % len(_policies(store))]
    newest = sorted(p for p in policy.iterdir() if p.is_dir())[-1] / "policy.txt"
    text = newest.read_text(encoding="utf-8")
    if "IV daily." in text:
        edited = text.replace("IV daily.", "IV once daily.", 1)
    else:  # (edited before: back as it was)
        edited = text.replace("IV once daily.", "IV daily.", 1)
    assert edited != text
    newest.write_text(edited, encoding="utf-8")
    sync_store(store)


def _new_version(store: Path, out: Path, seed: int) -> None:
    for policy in _policies(store)[seed % len(_policies(store)) :] + _policies(store):
        have = {p.name for p in policy.iterdir() if p.is_dir()}
        missing = [v for v in VERSIONS if v not in have]
        if missing:
            _version(store, int(policy.name.rsplit(".", 1)[1]), missing[0])
            sync_store(store)
            return


def _new_policy(store: Path, out: Path, seed: int) -> None:
    n = max(int(p.name.rsplit(".", 1)[1]) for p in _policies(store)) + 1
    for date in VERSIONS[: 2 + seed % 2]:
        _version(store, n, date)
    sync_store(store)


def _delete_version(store: Path, out: Path, seed: int) -> None:
    for policy in _policies(store)[seed % len(_policies(store)) :] + _policies(store):
        versions = sorted(p for p in policy.iterdir() if p.is_dir())
        if len(versions) > 2:
            shutil.rmtree(versions[-1])
            sync_store(store)
            return


STEPS = {"edit": _edit, "new version": _new_version, "new policy": _new_policy, "deleted version": _delete_version}


def test_an_unchanged_page_is_passed_over_and_the_site_is_the_cold_one(tmp_path: Path) -> None:
    store, out = _store(tmp_path), tmp_path / "site"
    first = _build(store, out)
    assert first == _cold(store, out)
    records = _records(out)
    assert len(records) == sum(1 for _ in (out / "docs").rglob("*.md"))  # every page written has its record
    _edit(store, out, 0)  # the newest version of CP.PHAR.1000
    assert _build(store, out) == _cold(store, out)
    after = _records(out)
    assert after.keys() == records.keys()
    untouched = _record("CP.PHAR.1001/index.md")
    edited = _record("CP.PHAR.1000/index.md")
    assert after[untouched] == records[untouched]  # passed over: not drawn, its record not written again
    assert after[edited] != records[edited]  # drawn


@pytest.mark.parametrize("step", list(STEPS))
def test_after_each_kind_of_change_the_site_is_the_cold_one(tmp_path: Path, step: str) -> None:
    store, out = _store(tmp_path), tmp_path / "site"
    _build(store, out)
    STEPS[step](store, out, 1)
    assert _build(store, out) == _cold(store, out)


def test_after_mkdocs_yml_changed_every_page_is_drawn_again(tmp_path: Path) -> None:
    store, out = _store(tmp_path, policies=2, versions=2), tmp_path / "site"
    _build(store, out)
    config = out / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for changed in (
        text.replace("site_name: ", "site_name: Renamed ", 1),  # in every page's header
        text.replace("theme:\n", "theme:\n  palette:\n    primary: teal\n", 1),  # the theme's colours
    ):
        assert changed != text
        config.write_text(changed, encoding="utf-8")
        records = _records(out)
        mkdocs_build(out, jobs=1)
        assert _site(out / "_build") == _cold_project(out)
        after = _records(out)
        assert all(after[name] != records[name] for name in records)  # none passed over
    config.write_text(text, encoding="utf-8")  # and back: the store's own site again
    assert _build(store, out) == _cold(store, out)


def test_a_page_linking_to_an_anchor_gone_still_fails_strict(tmp_path: Path) -> None:
    """An unchanged page is passed over, but its links to anchors are still validated against the pages
    converted again."""
    out = tmp_path / "p"
    (out / "docs").mkdir(parents=True)
    (out / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: docs\nsite_dir: _build\nuse_directory_urls: false\ntheme:\n  name: material\n"
        "plugins:\n  - search\nvalidation:\n  anchors: warn\n",
        encoding="utf-8",
    )
    pages = {
        "index.md": "# Home\n\nSee [the dose](other.md#dose).\n",
        "other.md": "# Other\n\n## Dose\n\nTwo tablets.\n",
        "third.md": "# Third\n\nBack [home](index.md).\n",
    }
    for name, text in pages.items():
        (out / "docs" / name).write_text(text, encoding="utf-8")
    mkdocs_build(out, jobs=1)
    records = _records(out)
    (out / "docs" / "other.md").write_text("# Other\n\n## Amount\n\nTwo tablets.\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"does not contain an anchor '#dose'"):
        mkdocs_build(out, jobs=1)
    assert _records(out)[_record("index.md")] == records[_record("index.md")]  # (it was passed over)
    (out / "docs" / "other.md").unlink()  # the link's target gone: the page is converted again, and warns
    with pytest.raises(PolicyError, match=r"other\.md"):
        mkdocs_build(out, jobs=1)


def test_a_written_page_changed_by_hand_is_drawn_again(tmp_path: Path) -> None:
    store, out = _store(tmp_path, policies=1, versions=2), tmp_path / "site"
    first = _build(store, out)
    page = out / "_build" / "CP.PHAR.1000" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</html>", b"<!-- edited --></html>"))
    (out / "docs" / "index.md").write_text(
        (out / "docs" / "index.md").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )  # (MkDocs runs)
    mkdocs_build(out, jobs=1)
    site = _site(out / "_build")
    assert site["CP.PHAR.1000/index.html"] == first["CP.PHAR.1000/index.html"]
    assert site == _cold_project(out)


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(STEPS)), st.integers(0, 3)), min_size=1, max_size=3))
def test_any_sequence_of_changes_builds_the_cold_site(tmp_path: Path, steps: list[tuple[str, int]]) -> None:
    root = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
    store, out = _store(root, policies=2, versions=2), root / "site"
    _build(store, out)
    for step, seed in steps:
        STEPS[step](store, out, seed)
        assert _build(store, out) == _cold(store, out), steps
