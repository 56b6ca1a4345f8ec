"""``build``'s site step reuses what its workers already have: each policy's pages are rendered where its versions
were parsed and audited (:mod:`policyvc.site.staged`), and are byte for byte the pages the site renders on its
own (``policyvc site``); when the rule modules are not the ones the staged pages link to, the site renders the
policy itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_build_incremental import make_store

import policyvc.site.model as model_mod
import policyvc.site.render as render_mod
from policyvc.build import BuildResult, OutputKind, build_store
from policyvc.site.build import build_site
from policyvc.site.staged import STAGED


def _files(root: Path) -> dict[str, bytes]:
    docs = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()}
    return {**docs, "mkdocs.yml": (root / "mkdocs.yml").read_bytes()}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    seen = {"audit": 0, "render_job": 0}

    def wrap(module: Any, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            seen[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    wrap(model_mod, "audit")
    wrap(render_mod, "render_job")
    return seen


def _build(store: Path, rules: Path | None) -> BuildResult:
    site = store.parent / "site"
    result = build_store(store, jobs=1, cache_dir=store.parent / "cache", rules_out=rules, site_out=site, html=False)
    assert not result.errors
    assert [o.kind for o in result.outputs][-1] is OutputKind.SITE
    return result


def test_the_site_reuses_the_builds_audit_and_renders_the_same_pages(tmp_path: Path, calls: dict[str, int]) -> None:
    store = make_store(tmp_path)
    _build(store, tmp_path / "rules")
    assert calls == {"audit": 0, "render_job": 0}  # every policy staged by the worker that parsed it, audit reused
    assert not (tmp_path / "site" / STAGED).exists()
    build_site(store, tmp_path / "alone", build=False, rules_root=tmp_path / "rules", jobs=1)
    assert calls["render_job"] == 2
    built, alone = _files(tmp_path / "site"), _files(tmp_path / "alone")
    assert any(rel.endswith(".py") for rel in built)  # the rule modules are linked and copied
    assert built == alone


def test_staged_pages_linking_other_rule_modules_are_rendered_again(tmp_path: Path, calls: dict[str, int]) -> None:
    store = make_store(tmp_path)
    _build(store, None)  # no rules step: the site links the modules beside the store, here none
    assert calls["render_job"] == 2
    build_site(store, tmp_path / "alone", build=False, rules_root=None, jobs=1)
    built, alone = _files(tmp_path / "site"), _files(tmp_path / "alone")
    assert not any(rel.endswith(".py") for rel in built)
    assert built == alone


def test_an_edit_restages_only_its_policy(tmp_path: Path, calls: dict[str, int]) -> None:
    store = make_store(tmp_path)
    _build(store, tmp_path / "rules")
    newest = sorted((store / "CP.PHAR.1000").iterdir())[-1] / "policy.txt"
    newest.write_text(newest.read_text(encoding="utf-8").replace("IV daily.", "IV once daily.", 1), encoding="utf-8")
    result = _build(store, tmp_path / "rules")
    assert calls["render_job"] == 0
    build_site(store, tmp_path / "alone", build=False, rules_root=tmp_path / "rules", jobs=1)
    assert _files(tmp_path / "site") == _files(tmp_path / "alone")
    assert result.outputs[-1].count == sum(1 for rel in _files(tmp_path / "alone") if rel.endswith(".md"))


def test_staged_pages_are_renamed_into_place_with_a_plain_write_s_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policyvc.site.write as write_mod

    moved: list[Path] = []
    real = write_mod.move_into

    def counted(path: Path, scratch: Path) -> bool:
        done = real(path, scratch)
        if done:
            moved.append(path)
        return done

    monkeypatch.setattr(write_mod, "move_into", counted)
    store = make_store(tmp_path)
    _build(store, tmp_path / "rules")
    pages = {p.resolve() for p in (tmp_path / "site" / "docs").glob("CP.PHAR.*/**/*.md")}  # (not the frame's)
    assert pages and {p.resolve() for p in moved} == pages  # every policy's page, none written again
    build_site(store, tmp_path / "alone", build=False, rules_root=tmp_path / "rules", jobs=1)
    assert _files(tmp_path / "site") == _files(tmp_path / "alone")
    modes = {p.stat().st_mode for p in (tmp_path / "site" / "docs").rglob("*.md")}
    assert modes == {p.stat().st_mode for p in (tmp_path / "alone" / "docs").rglob("*.md")}
