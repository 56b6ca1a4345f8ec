"""Ingest: keyed by the latest revision-log date, no-op re-ingest, refusal, replace, hostile input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import SEED
from versions import BASE_REFERENCE, day, version_text, write_version

from policyvc.parser.errors import PolicyError
from policyvc.store.ingest import ingest, ingest_files
from policyvc.store.meta import JSON_FILE, META_FILE, read_meta
from policyvc.store.paths import stored_versions
from policyvc.store.source import sha256


def _files(store: Path) -> list[str]:
    return sorted(str(p.relative_to(store)) for p in store.rglob("*") if p.is_file())


def test_ingest_files_the_seed_under_its_latest_revision_log_date(tmp_path: Path) -> None:
    store = tmp_path / "store"
    copy = tmp_path / "downloaded-2024.txt"  # the file's own name and date do not matter
    shutil.copy(SEED, copy)
    result = ingest(copy, store)
    assert (result.status, result.reference, result.date) == ("stored", "CP.PHAR.295", dt.date(2026, 3, 26))
    folder = store / "CP.PHAR.295" / "2026-03-26"
    assert result.folder == folder
    version = [f"CP.PHAR.295/2026-03-26/{n}" for n in (META_FILE, JSON_FILE, "policy.txt")]
    assert _files(store) == [".policyvc.lock", *version]  # the writers' lock, and nothing half-written
    assert (folder / "policy.txt").read_bytes() == SEED.read_bytes()  # the original bytes
    meta = read_meta(folder)
    assert meta is not None
    assert meta.sha256 == sha256(SEED.read_bytes()) == result.sha256
    assert meta.origin == str(copy)
    assert meta.ingested_at.endswith("Z")
    assert [e.description for e in result.new_entries][-1] == "For Appendix E, added state IN."
    assert len(result.new_entries) == 10  # the first version: all its entries are new


def test_reingesting_the_same_document_is_a_no_op(tmp_path: Path) -> None:
    store = tmp_path / "store"
    path = write_version(tmp_path, day(1))
    ingest(path, store)
    before = {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file()}
    again = ingest(path, store)
    assert again.status == "unchanged"
    assert {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file()} == before


def test_new_entries_are_relative_to_the_previous_version(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(1), "First change."), store)
    second = tmp_path / "second.txt"
    text = version_text(day(1), "First change.")
    cut = text.index("\nImportant Reminder")
    second.write_text(text[:cut].rstrip("\n") + f"\nSecond change.\t{day(9):%m.%d.%Y}\t\n" + text[cut:], "utf-8")
    result = ingest(second, store)
    assert result.date == day(9)
    assert [(e.date, e.description) for e in result.new_entries] == [(day(9), "Second change.")]


def test_a_different_document_with_the_same_key_is_refused_unless_replace(tmp_path: Path) -> None:
    store = tmp_path / "store"
    original = write_version(tmp_path, day(2), "Original wording.")
    ingest(original, store)
    other = write_version(tmp_path / "b", day(2), "Corrected wording.")
    with pytest.raises(PolicyError) as err:
        ingest(other, store)
    message = str(err.value)
    assert message.startswith(f"{other}: ")
    assert f"already holds a different version of {BASE_REFERENCE} dated {day(2).isoformat()}" in message
    assert message.endswith(
        "a new revision needs a new row in the revision log — add one with this revision's "
        "date and what changed, then file it again"
    )
    assert "--replace" not in message  # the fix is in the document, never in overwriting the stored version
    folder = store / BASE_REFERENCE / day(2).isoformat()
    assert "Original wording." in (folder / "policy.txt").read_text(encoding="utf-8")
    result = ingest(other, store, replace=True)
    assert result.status == "replaced"
    assert "Corrected wording." in (folder / "policy.txt").read_text(encoding="utf-8")
    meta = read_meta(folder)
    assert meta is not None and meta.sha256 == sha256(other.read_bytes())
    kept = folder / ".replaced" / sha256(original.read_bytes())[:12]
    assert (kept / "policy.txt").read_bytes() == original.read_bytes()  # the replaced version is kept


@pytest.mark.parametrize("reference", ["../../.git/hooks/x", "--output=x", "ext::sh", "CP.PHAR.1@{0}", "cp.phar.1"])
def test_hostile_reference_numbers_are_refused_before_any_write(tmp_path: Path, reference: str) -> None:
    path = write_version(tmp_path, day(1), reference=reference, name="hostile.txt")
    store = tmp_path / "store"
    with pytest.raises(PolicyError) as err:
        ingest(path, store, commit=True)
    assert str(err.value).startswith(f"{path}:5: reference number {reference!r} cannot name a policy")
    assert not store.exists()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("02.30.2023", "expected a revision date as MM.DD.YY (a real calendar day), found `02.30.2023`"),
        ("06.01.1965", "revision-log date 1965-06-01 is out of range: expected a date from 1970-01-02 to 2099-12-31"),
        ("01.01.2100", "revision-log date 2100-01-01 is out of range: expected a date from 1970-01-02 to 2099-12-31"),
    ],
)
def test_dates_git_cannot_hold_are_refused(tmp_path: Path, written: str, expected: str) -> None:
    path = write_version(tmp_path, written, name="dated.txt")
    line = version_text(written).split("\n").index(f"Synthetic change recorded {written}.\t{written}\t") + 1
    store = tmp_path / "store"
    with pytest.raises(PolicyError) as err:
        ingest(path, store, commit=True)
    assert str(err.value).split("\n")[0] == f"{path}:{line}: {expected}"
    assert not store.exists()


def test_an_old_out_of_range_entry_is_refused_even_when_it_is_not_the_key(tmp_path: Path) -> None:
    text = version_text(day(1)).replace("Policy created.\t08.08.23", "Policy created.\t08.08.1923", 1)
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match="revision-log date 1923-08-08 is out of range"):
        ingest(path, tmp_path / "store")


def test_a_batch_is_checked_whole_before_anything_is_written(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(4), "Stored first."), store)
    good = write_version(tmp_path / "a", day(5))
    clash = write_version(tmp_path / "b", day(4), "A different text.")
    with pytest.raises(PolicyError, match="already holds a different version"):
        ingest_files([good, clash], store)
    assert [v.date for v in stored_versions(store)] == [day(4)]  # `good` was not written either
    twins = [write_version(tmp_path / "c", day(6), "One."), write_version(tmp_path / "d", day(6), "Two.")]
    with pytest.raises(PolicyError, match=r"are different versions of CP\.PHAR\.571 with the same latest"):
        ingest_files(twins, store)


def test_unparseable_input_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("hello\n", encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        ingest(bad, tmp_path / "store")
    assert str(err.value).startswith(f"{bad}:")
    missing = tmp_path / "missing.txt"
    with pytest.raises(PolicyError, match="no such file"):
        ingest(missing, tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_no_dated_revision_log_entry_is_refused(tmp_path: Path) -> None:
    text = version_text(day(1))
    start = text.index("Reviews, Revisions, and Approvals")
    end = text.index("\nImportant Reminder")
    path = tmp_path / "nolog.txt"
    path.write_text(text[:start] + "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date\n" + text[end:], "utf-8")
    with pytest.raises(PolicyError) as err:
        ingest(path, tmp_path / "store")
    assert "revision log" in str(err.value)
    assert str(err.value).startswith(str(path))


def test_written_files_are_readable_like_plain_files(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = ingest(write_version(tmp_path, day(1)), store)
    for p in result.folder.iterdir():
        assert p.stat().st_mode & 0o044 == 0o044, p  # not the 0600 of a temp file
    assert result.folder.stat().st_mode & 0o055 == 0o055
