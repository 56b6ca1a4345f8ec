"""The store under hostile changes (issue 20, items 5, 6 and 8), through the real command line.

Symbolic links inside the store are refused, never followed (a version or policy folder pointing outside, a
``policy.txt`` pointing at ``/etc/passwd``); derived files are checked before they are used (``policy.json``
against the sha256 ``meta.json`` recorded for it, ``meta.json`` against its own seal) and rebuilt from the
source; a corrupted git object is reported before anything is written on top of it; invisible characters in a
reference number or a date are refused; a folder name with a trailing newline is no reference number.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from versions import BASE_REFERENCE, day, version_text, write_version

pytestmark = pytest.mark.slow  # real stores through the CLI, a second or more each

PASSWD_MARK = "root:"


def _store(tmp_path: Path, *days: int, commit: bool = False) -> Path:
    store = tmp_path / "store"
    files = [str(write_version(tmp_path / "in", day(n))) for n in days]
    result = run_cli("ingest", *files, "--store", str(store), *(["--commit"] if commit else []))
    assert result.returncode == 0, result.stderr
    return store


def _one_error(result: subprocess.CompletedProcess[str]) -> str:
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors, result.stderr
    return errors[0]


# --- symbolic links ----------------------------------------------------------------------------------------


def test_a_version_folder_that_is_a_symlink_is_refused_and_nothing_is_written_outside(tmp_path: Path) -> None:
    store = _store(tmp_path, 1)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "policy.txt").write_text(version_text(day(5)), encoding="utf-8")
    (store / BASE_REFERENCE / day(5).isoformat()).symlink_to(outside, target_is_directory=True)
    result = run_cli("build", "--store", str(store), "--no-outputs")
    assert result.returncode == 2
    assert "symbolic link" in _one_error(result) and day(5).isoformat() in _one_error(result)
    assert sorted(p.name for p in outside.iterdir()) == ["policy.txt"]  # no policy.json / meta.json out there
    shown = run_cli("show", BASE_REFERENCE, "--store", str(store), "--as-of", day(9).isoformat())
    assert shown.returncode == 2 and "symbolic link" in shown.stderr


def test_a_policy_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path, 1)
    outside = tmp_path / "elsewhere"
    (outside / day(2).isoformat()).mkdir(parents=True)
    (outside / day(2).isoformat() / "policy.txt").write_text(version_text(day(2), reference="CP.PHAR.9"), "utf-8")
    (store / "CP.PHAR.9").symlink_to(outside, target_is_directory=True)
    result = run_cli("build", "--store", str(store), "--no-outputs")
    assert result.returncode == 2 and "symbolic link" in _one_error(result)
    assert not (outside / day(2).isoformat() / "meta.json").exists()
    listed = run_cli("list", "--store", str(store))
    assert "CP.PHAR.9" not in listed.stdout
    # ingest never writes through it either
    new = write_version(tmp_path / "in", day(3), reference="CP.PHAR.9")
    ingest = run_cli("ingest", str(new), "--store", str(store))
    assert ingest.returncode == 2 and "symbolic link" in ingest.stderr
    assert not (outside / day(3).isoformat()).exists()


def test_a_source_linked_to_etc_passwd_is_refused_without_its_content(tmp_path: Path) -> None:
    store = _store(tmp_path, 1, 4)
    folder = store / BASE_REFERENCE / day(4).isoformat()
    (folder / "policy.txt").unlink()
    (folder / "policy.txt").symlink_to("/etc/passwd")
    for args in (
        ("show", BASE_REFERENCE, "--as-of", day(9).isoformat()),
        ("log", BASE_REFERENCE),
        ("build", "--no-outputs"),
        ("diff", BASE_REFERENCE),
    ):
        result = run_cli(*args, "--store", str(store))
        assert result.returncode == 2, (args, result.stderr)
        assert "symbolic link" in _one_error(result), args
        assert PASSWD_MARK not in result.stdout + result.stderr, args


# --- derived files -------------------------------------------------------------------------------------------


def test_show_json_never_prints_an_edited_or_linked_policy_json(tmp_path: Path) -> None:
    store = _store(tmp_path, 1)
    folder = store / BASE_REFERENCE / day(1).isoformat()
    args = ("show", BASE_REFERENCE, "--store", str(store), "--format", "json", "--as-of", day(2).isoformat())
    good = run_cli(*args)
    assert good.returncode == 0 and json.loads(good.stdout)["header"]["reference_number"] == BASE_REFERENCE
    forged = json.loads(good.stdout)
    forged["header"]["reference_number"] = "CP.FAKE.1"
    for damage in ("not json {", json.dumps(forged)):
        (folder / "policy.json").write_text(damage, encoding="utf-8")
        again = run_cli(*args)
        assert again.returncode == 0 and again.stdout == good.stdout  # re-derived from the source
    (folder / "policy.json").unlink()
    (folder / "policy.json").symlink_to("/etc/passwd")
    linked = run_cli(*args)
    assert linked.returncode == 0 and linked.stdout == good.stdout and PASSWD_MARK not in linked.stdout
    # the next build repairs it from the source: a real file again, the one meta.json vouches for
    assert run_cli("build", "--store", str(store), "--no-outputs").returncode == 0
    assert not (folder / "policy.json").is_symlink()
    assert (folder / "policy.json").read_text(encoding="utf-8") == good.stdout


def test_an_edited_revision_log_in_meta_json_is_detected_and_repaired(tmp_path: Path) -> None:
    store = _store(tmp_path, 1, 4)
    meta_path = store / BASE_REFERENCE / day(4).isoformat() / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    original = meta["revision_log"][-1]["description"]
    meta["revision_log"][-1]["description"] = "Forged: removed every criterion."
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    log = run_cli("log", BASE_REFERENCE, "--store", str(store))
    assert log.returncode == 0 and "Forged" not in log.stdout and original in log.stdout
    assert run_cli("build", "--store", str(store), "--no-outputs").returncode in (0, 1)  # 1: the audit's findings
    repaired = json.loads(meta_path.read_text(encoding="utf-8"))
    assert repaired["revision_log"][-1]["description"] == original


def test_a_corrupted_git_object_is_reported_before_anything_is_written(tmp_path: Path) -> None:
    store = _store(tmp_path, 1, 4, commit=True)
    git = ["git", "-C", str(store)]
    tip = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    blob = subprocess.run(
        [*git, "rev-parse", f"HEAD:{BASE_REFERENCE}/{day(1).isoformat()}/policy.txt"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    loose = store / ".git" / "objects" / blob[:2] / blob[2:]
    os.chmod(loose, 0o644)
    loose.write_bytes(b"x\x9c" + b"\x00" * 40)  # zlib header, garbage body
    new = write_version(tmp_path / "in", day(9))
    result = run_cli("ingest", str(new), "--store", str(store), "--commit")
    assert result.returncode == 2
    assert "damaged" in _one_error(result) and "git fsck" in _one_error(result)
    assert not (store / BASE_REFERENCE / day(9).isoformat()).exists()  # nothing written
    now = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert now == tip


# --- identity fields and names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (f"Reference Number: {BASE_REFERENCE}", "Reference Number: CP.PHAR.\u202e175"),
        (f"Reference Number: {BASE_REFERENCE}", f"Reference Number: {BASE_REFERENCE}\u200b"),
        ("08.05.25", "08.0\u200d5.25"),
    ],
    ids=["rlo-reference", "zero-width-reference", "zwj-date"],
)
def test_invisible_characters_in_identity_fields_are_refused(tmp_path: Path, old: str, new: str) -> None:
    text = version_text(day(1))
    assert old in text
    path = tmp_path / "hostile.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    store = tmp_path / "store"
    result = run_cli("ingest", str(path), "--store", str(store))
    assert result.returncode == 2 and "invisible format characters" in _one_error(result)
    assert not store.exists() or not any(store.rglob("policy.txt"))
    # build refuses it too (a store filled by hand)
    folder = store / BASE_REFERENCE / day(1).isoformat()
    folder.mkdir(parents=True)
    shutil.copy(path, folder / "policy.txt")
    built = run_cli("build", "--store", str(store), "--no-outputs")
    assert built.returncode == 2 and "invisible format characters" in _one_error(built)


def test_a_folder_name_with_a_trailing_newline_is_no_reference(tmp_path: Path) -> None:
    store = _store(tmp_path, 1)
    shutil.copytree(store / BASE_REFERENCE, store / f"{BASE_REFERENCE}\n")
    listed = run_cli("list", "--store", str(store))
    assert listed.stdout.count(BASE_REFERENCE) == 1
    built = run_cli("build", "--store", str(store), "--no-outputs")
    assert built.returncode == 2
    line = _one_error(built)
    assert f"{BASE_REFERENCE}\\n" in line  # shown escaped: the message stays one line
    assert all(not ln.startswith(":") for ln in built.stderr.splitlines())
