"""The store layout: reading versions, loading them (policy.json or parse), in-force lookup, sync."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED
from versions import BASE_REFERENCE, day, write_version

from policyvc.parser import parse_file
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import YearMonth
from policyvc.serialize import to_json
from policyvc.store import Store, Version
from policyvc.store.ingest import ingest
from policyvc.store.meta import JSON_FILE, META_FILE, parse_meta, read_meta
from policyvc.store.paths import stored_versions, valid_reference, versions_of
from policyvc.store.sync import sync_store


def load_version(v: Version) -> object:
    return Store(v.folder.parent.parent, cache_dir=False).load(v)


def version_in_force(store: Path, reference: str, date: dt.date) -> Version:
    return Store(store).in_force(reference, date)


def _seed_store(tmp_path: Path) -> Path:
    """A store holding only the seed's version (the embedded example also holds its history)."""
    store = tmp_path / "policy_versions"
    shutil.copytree(
        ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26",
        store / "CP.PHAR.295" / "2026-03-26",
        ignore=shutil.ignore_patterns("*.json"),
    )  # derived files a local build may have left
    return store


def test_source_only_folder_is_a_version_and_loads_by_parsing(tmp_path: Path) -> None:
    store = _seed_store(tmp_path)
    [v] = stored_versions(store)
    assert (v.reference, v.date, v.path.name) == ("CP.PHAR.295", dt.date(2026, 3, 26), "policy.txt")
    assert not (v.folder / META_FILE).exists()
    assert load_version(v) == parse_file(SEED)


def test_sync_store_fills_in_json_and_meta_then_is_idempotent(tmp_path: Path) -> None:
    store = _seed_store(tmp_path)
    first = sync_store(store)
    folder = store / "CP.PHAR.295" / "2026-03-26"
    assert first.findings == ()
    assert sorted(p.name for p in first.written) == [META_FILE, JSON_FILE]
    meta = read_meta(folder)
    assert meta is not None
    assert (meta.reference, meta.date, meta.source, meta.size) == (
        "CP.PHAR.295",
        dt.date(2026, 3, 26),
        "policy.txt",
        SEED.stat().st_size,
    )
    assert len(meta.revision_log) == 10
    assert meta.revision_log[-1].description == "For Appendix E, added state IN."
    assert meta.revision_log[0].pt_approval == YearMonth(2021, 8)
    stamp = (folder / META_FILE).stat().st_mtime_ns
    second = sync_store(store)
    assert second.written == () and second.findings == ()
    assert (folder / META_FILE).stat().st_mtime_ns == stamp


def test_sync_store_reports_a_misfiled_version(tmp_path: Path) -> None:
    store = tmp_path / "store"
    wrong = store / "CP.PHAR.295" / "2025-01-01"
    wrong.mkdir(parents=True)
    shutil.copy(SEED, wrong / "policy.txt")
    result = sync_store(store)
    assert result.findings == (
        f"{wrong / 'policy.txt'}: filed under 2025-01-01 but its latest revision-log entry is dated 2026-03-26",
    )


@pytest.mark.slow
def test_load_reads_a_pdfs_policy_json_only_while_it_matches_the_source(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(FIXTURES / "pdf" / "seed-A.pdf", store)
    [v] = stored_versions(store)
    original = load_version(v)
    # policy.json is read only while it is the file meta.json recorded (its sha256): an edit is not trusted
    # (that a current policy.json saves the extraction is counted in tests/test_foundation.py)
    data = json.loads((v.folder / JSON_FILE).read_text(encoding="utf-8"))
    data["header"]["title"] = "From the cache"
    (v.folder / JSON_FILE).write_text(json.dumps(data), encoding="utf-8")
    assert load_version(v) == original
    # A source that no longer matches meta.json's sha256 is parsed instead.
    v.path.write_bytes(v.path.read_bytes() + b"\n% a changed byte\n")
    reparsed = load_version(v)
    assert reparsed == original


def test_a_text_source_is_parsed_not_read_from_policy_json(tmp_path: Path) -> None:
    # parsing a text policy (~10 ms) is faster than loading pydantic to read the JSON (~150 ms)
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(10)), store)
    [v] = stored_versions(store)
    data = json.loads((v.folder / JSON_FILE).read_text(encoding="utf-8"))
    data["header"]["title"] = "From the cache"
    (v.folder / JSON_FILE).write_text(json.dumps(data), encoding="utf-8")
    assert load_version(v) == parse_file(v.path)


def test_damaged_policy_json_falls_back_to_the_source(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(3)), store)
    [v] = stored_versions(store)
    (v.folder / JSON_FILE).write_text("{ not json", encoding="utf-8")
    assert load_version(v) == parse_file(v.path)


def test_versions_of_and_version_in_force(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for n in (30, 10, 20):
        ingest(write_version(tmp_path, day(n)), store)
    assert [v.date for v in versions_of(store, BASE_REFERENCE)] == [day(10), day(20), day(30)]
    assert version_in_force(store, BASE_REFERENCE, day(10)).date == day(10)
    assert version_in_force(store, BASE_REFERENCE, day(19)).date == day(10)
    assert version_in_force(store, BASE_REFERENCE, day(20)).date == day(20)
    assert version_in_force(store, BASE_REFERENCE, dt.date(2099, 1, 1)).date == day(30)
    with pytest.raises(
        PolicyError,
        match=r"no version of CP.PHAR.571 was in force on 2025-08-14: its first stored "
        r"version is dated 2025-08-15",
    ):
        version_in_force(store, BASE_REFERENCE, day(9))


def test_unknown_policy_lists_the_known_ones(tmp_path: Path) -> None:
    store = _seed_store(tmp_path)
    ingest(write_version(tmp_path, day(1)), store)
    with pytest.raises(PolicyError, match=r"no policy CP.PHAR.9 in this store; it holds CP.PHAR.295, CP.PHAR.571"):
        versions_of(store, "CP.PHAR.9")
    for hostile in ("../../.git/hooks/x", "--output=x", "ext::sh"):
        with pytest.raises(PolicyError, match="cannot name a policy"):
            versions_of(store, hostile)


@pytest.mark.parametrize("name", ["20260326", "2026-02-30", "1965-06-01", "2100-01-01", "latest"])
def test_bad_version_folder_names_are_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "store" / "CP.PHAR.295" / name
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "policy.txt")
    with pytest.raises(PolicyError) as err:
        stored_versions(tmp_path / "store")
    assert name in str(err.value)


def test_hidden_leftovers_are_not_versions(tmp_path: Path) -> None:
    store = _seed_store(tmp_path)
    (store / "CP.PHAR.295" / ".ingest-abc").mkdir()
    (store / ".policyvc.lock").touch()
    (store / "CP.PHAR.295" / "2026-03-26" / ".policy.json.x1.tmp").write_text("{", encoding="utf-8")
    assert [v.key for v in stored_versions(store)] == ["CP.PHAR.295@2026-03-26"]
    sync_store(store)  # under the lock, leftovers of interrupted writers are removed
    assert not list(store.rglob(".ingest-*")) and not list(store.rglob(".*.tmp"))


def test_meta_json_is_validated_before_use(tmp_path: Path) -> None:
    good = {
        "format": 1,
        "reference": "CP.PHAR.295",
        "date": "2026-03-26",
        "source": "policy.txt",
        "sha256": "0" * 64,
        "revision_log": [],
        "parser": {},
    }
    assert parse_meta(json.dumps(good), source="m").reference == "CP.PHAR.295"
    assert parse_meta(json.dumps({**good, "size": [1], "parser": "x"}), source="m").size == 0  # junk: ignored
    for field, value in [
        ("reference", "../../x"),
        ("date", "2100-01-01"),
        ("source", "../policy.txt"),
        ("sha256", "zz"),
        ("format", 2),
        ("revision_log", "x"),
        ("revision_log", [{"date": "2023-02-30", "description": "x"}]),
    ]:
        with pytest.raises(PolicyError, match=r"meta\.json"):
            parse_meta(json.dumps({**good, field: value}), source="m")
    with pytest.raises(PolicyError, match=r"meta\.json is not JSON"):
        parse_meta(b"\xff{", source="m")


def test_stored_json_is_the_serialised_ast_with_a_store_relative_source(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = ingest(write_version(tmp_path, day(5)), store)
    text = (result.folder / JSON_FILE).read_text(encoding="utf-8")
    policy = parse_file(result.folder / "policy.txt")
    assert json.loads(text)["source_name"] == f"{BASE_REFERENCE}/{day(5).isoformat()}/policy.txt"
    assert json.loads(text) == {**json.loads(to_json(policy)), "source_name": json.loads(text)["source_name"]}


def test_valid_reference() -> None:
    assert valid_reference("CP.PHAR.295") and valid_reference("HIM.PA.154")
    # another payer's identifier as the document writes it (``MP-7.01.69``, ``Policy # 00112``, ``L39242``)
    for good in ("MP-7.01.69", "00112", "L39242", "SLP-02", "2.01.VT204", "POLICY.00112"):
        assert valid_reference(good), good
    bad_ones = ("", "cp.phar.1", "CP..PHAR", "CP.PHAR.", ".CP.PHAR", "CP/PHAR.1", "CP.PHAR.1@{0}", "-CP", "CP-", "A--B")
    for bad in (*bad_ones, "CP.PHAR.1\n", "CP PHAR", "2026-03-26", "CON", "NUL.TXT", "COM1", "..", "A.B/../C"):
        assert not valid_reference(bad), bad
