"""The diff and audit of each pair of versions, kept between builds under the key of its two versions.

A policy's history audits its consecutive versions and its site pages show every pair (up to six versions): a
build after one version was edited audits again only the pairs that touch it, and takes the others from
``<ref>/.pairs``; the history and the site of one build audit each pair once.  The file is typed JSON, every
field checked as it is read: a damaged, torn, edited, linked, foreign or ill-typed file is not trusted and its pairs
are made again.  The counts come from the real ``audit_pair``, wrapped; the builds run in process with one job.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import DERIVED
from test_build_incremental import HISTORY_FILE, OTHER, make_store

import policyvc.history.audit as audit_mod
import policyvc.history.codec as codec_mod
import policyvc.site.model as model_mod
from policyvc.build import BuildResult, build_store
from policyvc.history.cache import PAIRS_FILE
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


def _resealed(data: bytes, change: Any) -> bytes:
    """A kept file whose JSON ``change`` rewrote, sealed again as a build would: only its contents are wrong."""
    head = len(b"policyvc-pairs 3\n")
    stamp, body = data[head : head + 64], data[head + 130 :]
    kept = json.loads(zlib.decompress(body))
    change(kept)
    body = zlib.compress(json.dumps(kept).encode())
    return data[:head] + stamp + b"\n" + hashlib.sha256(stamp + body).hexdigest().encode() + b"\n" + body


def _first(kept: Any) -> Any:
    return next(iter(kept["pairs"].values()))


DAMAGES: dict[str, Any] = {
    "garbage": lambda data: b"\x00not kept pairs",
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],  # torn by a crash: its seal no longer matches
    "flipped": lambda data: data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
    "old format": lambda data: data.replace(b"policyvc-pairs 3\n", b"policyvc-pairs 2\n", 1),
    # sealed again, so that only the decoder can tell: a field of another type, an unknown enum value, a field
    # missing, a pair of another shape, a body of another format
    "wrong type": lambda data: _resealed(data, lambda k: _first(k).__setitem__(0, 20250101)),
    "unknown kind": lambda data: _resealed(data, lambda k: _first(k)[2][0][0].__setitem__(0, "teleport")),
    "field missing": lambda data: _resealed(data, lambda k: _first(k)[2][0][0].pop()),
    "not a pair": lambda data: _resealed(data, lambda k: k["pairs"].__setitem__("0" * 64, {"edits": []})),
    "other format": lambda data: _resealed(data, lambda k: k.__setitem__("format", 2)),
    "symlink": None,
    "other code": None,
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_pairs_file_not_whole_and_of_this_code_is_not_trusted_and_made_again(
    tmp_path: Path, audited: list[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    store = make_store(tmp_path)
    first = build(store)
    kept = store / MAIN / PAIRS_FILE
    data = kept.read_bytes()
    assert data.startswith(b"policyvc-pairs 3\n")
    if damage == "symlink":
        target = tmp_path / "elsewhere"
        kept.rename(target)
        kept.symlink_to(target)
    elif damage == "other code":  # written by other code: refused before it is even decompressed
        import policyvc.history.cache as cache_mod

        monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "other code")
    else:
        kept.write_bytes(DAMAGES[damage](data))
    for history in store.glob(f"*/{HISTORY_FILE}"):
        history.unlink()  # (so that the policies are built again)
    decoded: list[str] = []
    real = codec_mod.decode

    def spied(value: Any, cls: type[Any]) -> Any:
        decoded.append(cls.__name__)
        return real(value, cls)

    monkeypatch.setattr(codec_mod, "decode", spied)
    audited.clear()
    again = build(store)  # (no exception: a kept file is only a faster build)
    every = damage == "other code"  # (every policy's file is then not this code's)
    assert sorted(ref for ref, _, _ in audited) == [OTHER] * every + [MAIN] * 10
    if damage in (
        "symlink",
        "other code",
    ):  # refused before a byte of it is decoded (OTHER's is, when still this code's)
        assert decoded == ([] if every else ["PairAudit"])
    assert document(again) == document(first)
    if damage != "symlink":
        audited.clear()
        for history in store.glob(f"*/{HISTORY_FILE}"):
            history.unlink()
        build(store)
        assert audited == []  # the file was written again, and is trusted now


def test_the_kept_pairs_are_plain_data() -> None:
    """Nothing that turns kept bytes into code is used to read them."""
    import policyvc.history.cache as cache_mod

    for module in (cache_mod, codec_mod):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for word in ("pickle", "marshal", "eval(", "exec(", "shelve", "import_module", "__import__"):
            assert word not in source, (module.__name__, word)


def test_no_cache_keeps_no_pairs(tmp_path: Path, audited: list[tuple[str, str, str]]) -> None:
    store = make_store(tmp_path)
    build_store(store, jobs=1, cache_dir=None, rules_out=tmp_path / "rules", site_out=tmp_path / "site", html=False)
    assert not (store / MAIN / PAIRS_FILE).exists() and len(audited) == 11
