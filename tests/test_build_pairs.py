"""The diff and audit of each pair of versions, kept between builds under the key of its two versions.

A policy's history audits its consecutive versions and its site pages show every pair (up to six versions): a
build after one version was edited audits again only the pairs that touch it, and takes the others from
``<ref>/.pairs``; the history and the site of one build audit each pair once.  The file is a pickle, so it is
authenticated with the user's own secret: a damaged, edited, linked or foreign file is never unpickled.  The
counts come from the real ``audit_pair``, wrapped; the builds run in process with one job.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import DERIVED
from test_build_incremental import HISTORY_FILE, OTHER, make_store

import policyvc.history.audit as audit_mod
import policyvc.site.model as model_mod
from policyvc.build import BuildResult, build_store
from policyvc.history.cache import PAIRS_FILE, pair_secret
from policyvc.report.build import document

MAIN = "CP.PHAR.295"  # five versions: four consecutive pairs, ten shown by the site


@pytest.fixture
def audited(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every pair audited: (reference, old date, new date)."""
    seen: list[tuple[str, str, str]] = []
    real = audit_mod.audit_pair

    def counted(old_date: Any, old: Any, new_date: Any, new: Any, **kwargs: Any) -> Any:
        seen.append((new.reference_number, old_date.isoformat(), new_date.isoformat()))
        return real(old_date, old, new_date, new, **kwargs)

    monkeypatch.setattr(audit_mod, "audit_pair", counted)
    monkeypatch.setattr(model_mod, "audit_pair", counted)
    return seen


def build(store: Path, cache: str = "cache", out: str = "out") -> BuildResult:
    root = store.parent
    return build_store(
        store, jobs=1, cache_dir=root / cache, rules_out=root / out / "rules", site_out=root / out / "site", html=False
    )


def site_files(out: Path) -> dict[str, bytes]:
    docs = out / "site" / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def edit_middle(store: Path) -> str:
    """Edit the third of MAIN's five versions; its date."""
    folder = sorted(p for p in (store / MAIN).iterdir() if p.is_dir())[2]
    source = folder / "policy.txt"
    text = source.read_text(encoding="utf-8")
    edited = text.replace("IV daily.", "IV once daily.", 1)
    assert edited != text
    source.write_text(edited, encoding="utf-8")
    return folder.name


def test_each_pair_is_audited_once_and_an_edit_redoes_only_the_pairs_touching_it(
    tmp_path: Path, audited: list[tuple[str, str, str]]
) -> None:
    store = make_store(tmp_path)
    build(store)
    assert len(audited) == len(set(audited)) == 10 + 1  # the history's pairs are the site's: each once
    assert (store / MAIN / PAIRS_FILE).is_file()
    audited.clear()
    build(store)
    assert audited == []  # nothing changed: nothing kept is even read
    day = edit_middle(store)
    edited = build(store)
    assert len(audited) == 4 and all(day in (a, b) and ref == MAIN for ref, a, b in audited)
    # the same report and pages as a build of the edited store from nothing
    fresh = tmp_path / "fresh" / "store"
    shutil.copytree(store, fresh, ignore=DERIVED)
    audited.clear()
    cold = build(fresh, "cache-fresh")
    assert len(audited) == 11
    assert json.dumps(document(cold)).replace(str(fresh.parent), "R") == json.dumps(document(edited)).replace(
        str(store.parent), "R"
    )
    assert site_files(tmp_path / "fresh" / "out") == site_files(tmp_path / "out")


@pytest.mark.parametrize("damage", ["garbage", "flipped", "foreign", "symlink", "other code"])
def test_a_pairs_file_not_written_by_this_users_builds_is_never_unpickled(
    tmp_path: Path, audited: list[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    store = make_store(tmp_path)
    first = build(store)
    kept = store / MAIN / PAIRS_FILE
    data = kept.read_bytes()
    if damage == "garbage":
        kept.write_bytes(b"\x00not a pickle")
    elif damage == "flipped":  # one byte of the pickle changed: its MAC no longer matches
        kept.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif damage == "foreign":  # another user's (or a copy committed to the store): authenticated with their secret
        (tmp_path / "cache" / "pairs.key").write_bytes(b"ab" * 32)
    elif damage == "symlink":
        target = tmp_path / "elsewhere"
        kept.rename(target)
        kept.symlink_to(target)
    else:  # written by other code: refused before its MAC is even checked
        import policyvc.history.cache as cache_mod

        monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "other code")
    for history in store.glob(f"*/{HISTORY_FILE}"):
        history.unlink()  # (so that the policies are built again)
    loads: list[int] = []
    real_loads = pickle.loads

    def spied(body: bytes, *args: Any, **kwargs: Any) -> Any:
        loads.append(len(body))
        return real_loads(body, *args, **kwargs)

    monkeypatch.setattr(pickle, "loads", spied)
    audited.clear()
    again = build(store)
    every = damage in ("foreign", "other code")  # (every policy's file is then not ours)
    assert sorted(ref for ref, _, _ in audited) == [OTHER] * every + [MAIN] * 10
    assert len(loads) == (0 if every else 1)  # OTHER's, when still ours
    assert document(again) == document(first)
    if damage != "symlink":
        audited.clear()
        for history in store.glob(f"*/{HISTORY_FILE}"):
            history.unlink()
        build(store)
        assert audited == []  # the file was written again, and is trusted now


def test_a_secret_others_can_read_is_no_secret(tmp_path: Path) -> None:
    assert (secret := pair_secret(tmp_path)) is not None and len(secret) == 32
    assert pair_secret(tmp_path) == secret  # made once
    key = tmp_path / "pairs.key"
    assert key.stat().st_mode & 0o777 == 0o600
    os.chmod(key, 0o644)
    assert pair_secret(tmp_path) is None
    os.chmod(key, 0o600)
    key.write_bytes(b"short")
    assert pair_secret(tmp_path) is None


def test_no_cache_keeps_no_pairs(tmp_path: Path, audited: list[tuple[str, str, str]]) -> None:
    store = make_store(tmp_path)
    build_store(store, jobs=1, cache_dir=None, rules_out=tmp_path / "rules", site_out=tmp_path / "site", html=False)
    assert not (store / MAIN / PAIRS_FILE).exists() and len(audited) == 11
