"""Incremental builds: a build with nothing changed parses, diffs and renders nothing; a change redoes only the
policy it touches; a changed code fingerprint or a damaged cache file means the work is done again — and the
report is the same either way.

The counts come from the real functions, wrapped (``policyvc.build.parse_file_cached`` for the build's parses,
``policyvc.store.sync.parse_source`` for the store's, ``history_summary`` for diff + audit, ``write_rules`` for
rendering the rule modules); the builds run in process with one job so the wrappers see every call.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli

import policyvc.build as build_mod
import policyvc.history.summary as summary_mod
import policyvc.rules.generate as generate_mod
import policyvc.store.sync as sync_mod
from policyvc.build import BuildResult, build_store
from policyvc.history.cache import HISTORY_FILE, read_cache, write_cache
from policyvc.report.build import document
from policyvc.rules.current import RULES_FILE

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"
OTHER = "CP.PHAR.1000"


def make_store(root: Path) -> Path:
    """CP.PHAR.295's five versions, and a second policy of two versions (another reference and drug)."""
    store = root / "store"
    shutil.copytree(
        HISTORY, store / "CP.PHAR.295", ignore=shutil.ignore_patterns("policy.json", "meta.json", ".history.json")
    )
    for folder in sorted(p for p in HISTORY.iterdir() if p.is_dir())[:2]:
        text = (folder / "policy.txt").read_text(encoding="utf-8")
        text = text.replace("Reference Number: CP.PHAR.295", f"Reference Number: {OTHER}", 1)
        text = text.replace("Sargramostim (Leukine)", "Synthetic (Leukine)", 1)
        dest = store / OTHER / folder.name / "policy.txt"
        dest.parent.mkdir(parents=True)
        dest.write_text(text, encoding="utf-8")
    return store


@dataclass
class Counts:
    parsed: list[str] = field(default_factory=list)  # the source paths parsed, by build or by the store's sync
    histories: list[str] = field(default_factory=list)  # the references diffed and audited
    rules: int = 0  # times the rule modules were generated
    modules: int = 0  # version modules rendered


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    seen = Counts()

    def wrap(module: Any, name: str, note: Callable[[tuple[Any, ...]], None]) -> None:
        real = getattr(module, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            note(args)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    wrap(build_mod, "parse_file_cached", lambda a: seen.parsed.append(str(a[0])))
    wrap(sync_mod, "parse_source", lambda a: seen.parsed.append(str(a[1])))
    wrap(summary_mod, "history_summary", lambda a: seen.histories.append(a[0][-1].reference))

    def rendered(_: tuple[Any, ...]) -> None:
        seen.rules += 1

    wrap(generate_mod, "write_rules", rendered)

    def module(_: tuple[Any, ...]) -> None:
        seen.modules += 1

    wrap(generate_mod, "render_module", module)
    return seen


def build(store: Path) -> BuildResult:
    return build_store(store, jobs=1, cache_dir=store.parent / "cache", rules_out=store.parent / "rules")


def test_nothing_changed_parses_diffs_and_renders_nothing(tmp_path: Path, counts: Counts) -> None:
    store = make_store(tmp_path)
    cold = build(store)
    assert len(counts.parsed) == 7 and sorted(counts.histories) == ["CP.PHAR.1000", "CP.PHAR.295"]
    assert counts.rules == 1 and counts.modules == 7
    counts.parsed.clear()
    counts.histories.clear()
    warm = build(store)
    assert counts.parsed == [] and counts.histories == [] and counts.rules == 1 and counts.modules == 7  # not again
    assert document(warm) == document(cold)
    assert warm.synced is not None and warm.synced.written == 0


@pytest.mark.slow
def test_editing_one_version_redoes_only_its_policy(
    tmp_path: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path)
    build(store)
    victim = sorted((store / OTHER).iterdir())[-1] / "policy.txt"
    text = victim.read_text(encoding="utf-8")
    assert "250 mcg/m² IV daily." in text
    victim.write_text(text.replace("250 mcg/m² IV daily.", "300 mcg/m² IV daily.", 1), encoding="utf-8")
    counts.parsed.clear()
    counts.histories.clear()
    import policyvc.serialize as serialize_mod

    loaded: list[str] = []
    real_from_json = serialize_mod.from_json

    def from_json(text: str, *, source: str) -> Any:
        loaded.append(source)
        return real_from_json(text, source=source)

    monkeypatch.setattr(serialize_mod, "from_json", from_json)
    import policyvc.rules.current as current_mod

    read_back: list[str] = []
    real_kept_text = current_mod._kept_text

    def kept_text(out: Path, rel: str, sha: object) -> str | None:
        read_back.append(rel)
        return real_kept_text(out, rel, sha)

    monkeypatch.setattr(current_mod, "_kept_text", kept_text)
    edited = build(store)
    assert read_back == []  # the kept modules are known by their size and time: none is read to be kept
    # the build parses the policy's versions once; the store's sync reuses that parse
    assert sorted(counts.parsed) == sorted(str(p) for p in (store / OTHER).glob("*/policy.txt"))
    assert counts.histories == [OTHER] and counts.rules == 2 and counts.modules == 7 + 1  # the edited version's
    assert loaded == [str(victim.parent)]  # the rule modules: only the edited version's AST is read back
    # and the result is what a build from nothing gives
    rules = store.parent / "rules"
    generate_mod.write_rules(store, tmp_path / "fresh")
    fresh = {p.relative_to(tmp_path / "fresh"): p.read_bytes() for p in (tmp_path / "fresh").rglob("*.py")}
    assert {p.relative_to(rules): p.read_bytes() for p in rules.rglob("*.py")} == fresh
    for kept in store.glob(f"*/{HISTORY_FILE}"):
        kept.unlink()
    (store.parent / "rules" / RULES_FILE).unlink()
    assert document(build(store)) == document(edited)


@pytest.mark.slow
@pytest.mark.parametrize("what", ["code_fingerprint", "libraries"])
def test_other_code_redoes_everything(
    tmp_path: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    store = make_store(tmp_path)
    first = build(store)
    import policyvc.history.cache as cache_mod
    import policyvc.rules.current as current_mod

    for module in (cache_mod, current_mod):  # another parser, grammar or generator; lark or pdfplumber upgraded
        monkeypatch.setattr(module, what, lambda: "something else")
    counts.parsed.clear()
    counts.histories.clear()
    again = build(store)
    assert len(counts.parsed) == 7 and len(counts.histories) == 2 and counts.rules == 2 and counts.modules == 14
    assert document(again) == document(first)


def test_the_fingerprint_covers_parser_grammar_and_generator() -> None:
    from policyvc.store.fingerprint import code_files

    names = {name for name, _ in code_files()}
    assert any(n.startswith("policyvc.parser/") and n.endswith(".py") for n in names)
    assert any(n.startswith("policyvc.grammar/") and n.endswith(".lark") for n in names)
    assert any(n.startswith("policyvc.renderer/templates/rules/") for n in names)
    assert "policyvc/rules/generate.py" in names and "policyvc/history/diff.py" in names


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage", "edited", "symlink", "foreign"])
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, counts: Counts, damage: str) -> None:
    store = make_store(tmp_path)
    cold = build(store)
    kept = store / OTHER / HISTORY_FILE
    rules = store.parent / "rules" / RULES_FILE
    for path in (kept, rules):
        data = _head(path)
        if damage == "garbage":
            path.write_bytes(b"\x00{not json")
        elif damage == "edited":  # changed by hand: the seal no longer matches
            data["body"] = json.dumps({**json.loads(data["body"]), "edited": True})
            rest = path.read_bytes().partition(b"\n")[2]  # (the parts kept beside the body, as they were)
            path.write_bytes(json.dumps(data).encode() + b"\n" + rest)
        elif damage == "symlink":
            target = tmp_path / f"elsewhere-{path.name}"
            path.rename(target)
            path.symlink_to(target)
        else:  # sealed, but under another key: another store's or another code's
            write_cache(path, "0" * 64, json.loads(data["body"]))
    counts.parsed.clear()
    counts.histories.clear()
    again = build(store)
    assert sorted(counts.parsed) == sorted(str(p) for p in (store / OTHER).glob("*/policy.txt"))
    assert counts.histories == [OTHER] and counts.rules == 2
    assert document(again) == document(cold)
    assert read_cache(kept, _head(kept)["key"]) is not None  # written again


def _head(path: Path) -> Any:
    """The header of a kept file: its first line (the parts kept beside the body follow it)."""
    return json.loads(path.read_bytes().partition(b"\n")[0])


def test_no_cache_reads_nothing_kept(tmp_path: Path, counts: Counts) -> None:
    store = make_store(tmp_path)
    build(store)
    counts.parsed.clear()
    build_store(store, jobs=1, cache_dir=None, rules_out=store.parent / "rules")
    assert len(counts.parsed) == 7 and counts.rules == 2


@pytest.mark.slow
def test_a_hand_edited_rule_module_is_generated_again(tmp_path: Path, counts: Counts) -> None:
    store = make_store(tmp_path)
    build(store)
    module = next((store.parent / "rules").glob("cp_phar_295/v*.py"))
    original = module.read_text(encoding="utf-8")
    module.write_text(original + "\n# edited\n", encoding="utf-8")
    build(store)
    assert counts.rules == 2 and module.read_text(encoding="utf-8") == original


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_report_is_the_same_cold_and_warm(tmp_path: Path, fmt: str) -> None:
    store = make_store(tmp_path)
    args = ("build", "--store", str(store), "--no-outputs", "--cache-dir", str(tmp_path / "cache"), "--format", fmt)
    cold, warm = run_cli(*args), run_cli(*args)
    assert cold.returncode == warm.returncode and cold.returncode in (0, 1), cold.stderr
    for kept in store.glob(f"*/{HISTORY_FILE}"):
        kept.unlink()
    recomputed = run_cli(*args)
    assert warm.stdout == recomputed.stdout and warm.stderr == recomputed.stderr
    # cold differs from warm only in how many derived files the store wrote
    written = "AST/metadata file(s) written" if fmt == "text" else None
    if written is None:
        assert cold.stdout == warm.stdout
    else:
        differ = [(a, b) for a, b in zip(cold.stdout.splitlines(), warm.stdout.splitlines(), strict=True) if a != b]
        assert len(differ) == 1 and written in differ[0][0]


def test_a_kept_history_with_a_future_date_expires_on_that_date() -> None:
    import datetime as dt

    from policyvc.history.cache import first_after, still_valid

    day = dt.date(2026, 3, 1)
    until = first_after([dt.date(2025, 1, 1), None, dt.date(2026, 9, 1), dt.date(2026, 5, 1)], day)
    assert until == dt.date(2026, 5, 1)
    body = {"made": day.isoformat(), "until": until.isoformat()}
    assert still_valid(body, day) and still_valid(body, dt.date(2026, 4, 30))
    assert not still_valid(body, until)  # the warning "in the future" is no longer true that day
    assert not still_valid(body, dt.date(2026, 2, 28))  # made after today: the clock went back
    assert still_valid({"made": day.isoformat(), "until": None}, dt.date(2030, 1, 1))
    assert not still_valid({"made": "not a date", "until": None}, day)


@pytest.mark.slow
def test_a_key_given_at_ingest_is_part_of_the_kept_key(tmp_path: Path, counts: Counts) -> None:
    from policyvc.history.cache import keyed
    from policyvc.store.paths import stored_versions

    bare = tmp_path / "knee.txt"
    bare.write_text(
        "Knee Arthroscopy Guideline\n\nBackground\nArthroscopy is a common procedure.\n\n"
        "Coverage Criteria\nCovered when all of the following:\n1. Mechanical symptoms;\n2. Failed therapy.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    filed = run_cli("ingest", str(bare), "--store", str(store), "--ref", "KNEE.7", "--date", "2026-02-03")
    assert filed.returncode == 0, filed.stderr
    (version,) = stored_versions(store)
    kept = keyed(version)
    assert kept is not None and kept.given == ("reference=KNEE.7", "date=2026-02-03")
    cold = build(store)
    counts.parsed.clear()
    warm = build(store)
    assert counts.parsed == [] and document(warm) == document(cold) and not cold.findings


def _json_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The ``policy.json`` files the store's sync reads (its ``read_derived``, wrapped)."""
    reads: list[Path] = []
    real = sync_mod.read_derived

    def counted(path: Path) -> bytes:
        if path.name == "policy.json":
            reads.append(path)
        return real(path)

    monkeypatch.setattr(sync_mod, "read_derived", counted)
    return reads


def test_an_unchanged_policy_json_is_trusted_by_its_recorded_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path)
    cold = build(store)
    reads = _json_reads(monkeypatch)
    warm = build(store)
    assert reads == [] and warm.synced is not None and warm.synced.written == 0  # none read again
    assert document(warm) == document(cold)


@pytest.mark.parametrize("how", ["in place, its time put back", "replaced"])
def test_a_policy_json_changed_behind_the_builds_back_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    import os

    store = make_store(tmp_path)
    cold = build(store)
    derived = sorted((store / OTHER).glob("*/policy.json"))[0]
    original = derived.read_bytes()
    st = derived.stat()
    damaged = original.replace(b'"Synthetic', b'"Symthetic', 1)  # same size
    assert damaged != original and len(damaged) == len(original)
    if how == "replaced":  # another file of the same size and modification time: another inode
        other = derived.with_name("other.json")
        other.write_bytes(damaged)
        os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
        other.replace(derived)
    else:  # the same file written again with its modification time restored: its change time moved
        with derived.open("r+b") as fh:
            fh.write(damaged)
        os.utime(derived, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert derived.stat().st_size == st.st_size and derived.stat().st_mtime_ns == st.st_mtime_ns
    reads = _json_reads(monkeypatch)
    again = build(store)
    assert derived in reads  # read, found not what meta.json vouches for, and written again from the source
    assert derived.read_bytes() == original and again.synced is not None and again.synced.written == 2
    assert document(again) == document(cold)
    reads.clear()
    build(store)
    assert derived in reads  # (the kept stat is the old file's until the policy is built again: read, not trusted)


def test_derived_files_are_flushed_before_the_record_that_trusts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's worker writes ``policy.json`` / ``meta.json`` without one flush a file (they are flushed on a
    thread meanwhile), but each is on the disk before the policy's ``.history.json`` records its stat."""
    import os

    import policyvc.atomic as atomic_mod

    events: list[tuple[str, str]] = []
    real_fsync, real_replacing = os.fsync, atomic_mod._replacing

    def fsync(fd: int) -> None:
        events.append(("fsync", Path(os.readlink(f"/proc/self/fd/{fd}")).name))
        real_fsync(fd)

    def replacing(target: Path, sync: bool = True) -> Any:
        events.append(("write" if sync else "write-unsynced", target.name))
        return real_replacing(target, sync)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(atomic_mod, "_replacing", replacing)
    store = make_store(tmp_path)
    build(store)
    derived = ("policy.json", "meta.json")
    unsynced = [i for i, (kind, name) in enumerate(events) if kind == "write-unsynced" and name in derived]
    assert len(unsynced) == 14  # (seven versions, two files each, none flushed in the write)
    first_record = next(i for i, e in enumerate(events) if e[1] == HISTORY_FILE)
    flushed = [name for kind, name in events[:first_record] if kind == "fsync"]
    assert flushed.count("policy.json") + flushed.count("meta.json") >= 2  # (the first policy's, before its record)
    records = [i for i, e in enumerate(events) if e[1] == HISTORY_FILE]
    assert len(records) == 2
    for i in unsynced:  # each written file is flushed before the next record
        name = events[i][1]
        record = next(r for r in records if r > i)
        assert ("fsync", name) in events[i:record]
