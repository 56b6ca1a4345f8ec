"""lark's LALR tables are cached only in a private per-user file: a pickle planted in /tmp is never loaded."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, run_cli

pytestmark = pytest.mark.slow


class _Plant:
    """Unpickling this creates ``path``: proof that a planted pickle ran."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (os.system, (f"touch {self.path}",))


def _lark_default_cache_files(tmp: Path) -> list[Path]:
    """The file lark's own ``cache=True`` would use for our grammar (made by running it once under ``tmp``)."""
    code = (
        "from lark import Lark; from policyvc.parser import grammar_text; "
        "from policyvc.parser.nesting import Nesting; "
        "Lark(grammar_text(), parser='lalr', lexer='basic', postlex=Nesting(), maybe_placeholders=False, cache=True)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "TMPDIR": str(tmp)}, cwd=tmp)
    return sorted(tmp.glob(".lark_cache_*"))


def test_a_pickle_planted_where_lark_caches_by_default_is_never_loaded(tmp_path: Path) -> None:
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    planted = _lark_default_cache_files(shared_tmp)
    assert planted, "lark's default cache file was not found"
    marker = tmp_path / "pwned"
    for path in planted:
        first = path.read_bytes().split(b"\n", 1)[0]  # keep lark's hash line so it would trust the file
        path.write_bytes(first + b"\n" + pickle.dumps(_Plant(marker)))
    env = {"TMPDIR": str(shared_tmp), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = run_cli("parse", str(SEED), env=env)
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), "a planted pickle was loaded"


def test_the_private_cache_is_mode_0700_and_reused(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert run_cli("parse", str(SEED), env=env).returncode == 0
    folder = tmp_path / "policyvc" / "lark"
    assert folder.stat().st_mode & 0o777 == 0o700
    files = sorted(folder.iterdir())
    # lark's tables, the parser kept whole, and the driver's tables as plain data (parser/lalr_tables.py)
    assert sorted(p.suffix for p in files) == [".lark", ".parser", ".tables"]
    assert all(p.stat().st_mode & 0o077 == 0 for p in files if p.suffix in (".parser", ".tables"))
    before = [p.stat().st_mtime_ns for p in files]
    assert run_cli("parse", str(SEED), env=env).returncode == 0
    assert [p.stat().st_mtime_ns for p in files] == before  # loaded, not rewritten


def test_a_damaged_parser_file_is_built_again(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = run_cli("parse", str(SEED), "--format", "json", env=env)
    (kept,) = (tmp_path / "policyvc" / "lark").glob("*.parser")
    kept.write_bytes(kept.read_bytes()[:1000])  # cut short, as by a full disk
    for tables in (tmp_path / "policyvc" / "lark").glob("*.tables"):
        tables.unlink()  # (else the driver's tables are read and lark's parser is not needed)
    again = run_cli("parse", str(SEED), "--format", "json", env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert kept.stat().st_size > 1000  # written again, whole


def test_the_parser_kept_whole_parses_as_the_one_built_from_the_grammar(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    built = run_cli("parse", str(SEED), "--format", "json", env=env)  # no file yet: built, then kept
    assert built.returncode == 0, built.stderr
    for tables in (tmp_path / "policyvc" / "lark").glob("*.tables"):
        tables.unlink()  # (else the driver's tables are read and lark's parser is not needed)
    loaded = run_cli("parse", str(SEED), "--format", "json", env=env)
    assert loaded.stdout == built.stdout


def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policyvc.parser import grammar_text
    from policyvc.parser.lark_cache import private_cache_file

    folder = tmp_path / "policyvc" / "lark"
    folder.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert private_cache_file(grammar_text()) is not None
    folder.chmod(0o777)  # another user could swap the file
    assert private_cache_file(grammar_text()) is None
