"""The rules step's worker processes (``write_changed_rules`` with ``jobs`` > 1) start only when a second module
waits to be rendered: one changed version's module is rendered in the build's process, and every module comes out
byte for byte as one process writes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_build_incremental import make_store

import policyvc.rules.current as current_mod
from policyvc.rules.current import write_changed_rules
from policyvc.store.sync import sync_store


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*.py"))
        if "__pycache__" not in p.parts
    }


def test_one_changed_module_is_rendered_without_a_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    sync_store(store)
    started: list[int] = []
    real = current_mod.ProcessPoolExecutor

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(current_mod, "ProcessPoolExecutor", counted)
    one, two = tmp_path / "one", tmp_path / "two"
    write_changed_rules(store, one, "k", jobs=1)
    write_changed_rules(store, two, "k", jobs=2)
    assert started == [1]  # seven modules to render: the workers ran
    assert _tree(one) == _tree(two) and _tree(one)

    victim = sorted((store / "CP.PHAR.295").iterdir())[-1] / "policy.txt"
    text = victim.read_text(encoding="utf-8")
    edited = text.replace("IV daily.", "IV once daily.", 1)
    assert edited != text
    victim.write_text(edited, encoding="utf-8")
    sync_store(store)
    started.clear()
    write_changed_rules(store, one, "k", jobs=1)
    write_changed_rules(store, two, "k", jobs=2)
    assert started == []  # one module to render: rendered here
    assert _tree(one) == _tree(two)
