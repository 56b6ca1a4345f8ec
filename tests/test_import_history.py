"""import-history: every distinct version of a policy file in a real repository's history."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from conftest import run_cli
from test_gitstore import _check_history, _log
from versions import BASE_REFERENCE, day, version_text

from policyvc.parser.errors import PolicyError
from policyvc.store.importer import check_repo_path, import_history, read_history

ME = git.Actor("Policy Team", "team@example.org")


def _commit(repo: git.Repo, rel: str, text: str, message: str) -> str:
    path = Path(str(repo.working_tree_dir)) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    repo.index.add([rel])
    return str(repo.index.commit(message, author=ME, committer=ME).hexsha)


def _policy_repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """A repository whose history holds the policy file six times: 4 distinct contents, one rename."""
    root = tmp_path / "policies-repo"
    repo = git.Repo.init(root)
    shas = [
        _commit(repo, "pa/somatrogon.txt", version_text(day(1), "First."), "first"),
        _commit(repo, "pa/somatrogon.txt", version_text(day(2), "Second."), "second"),
        _commit(repo, "README.md", "unrelated\n", "docs"),
        _commit(repo, "pa/somatrogon.txt", version_text(day(1), "First."), "revert to the first"),
    ]
    repo.index.move(["pa/somatrogon.txt", "pa/CP.PHAR.571.txt"])
    Path(root, "pa/CP.PHAR.571.txt").write_text(version_text(day(3), "Third."), encoding="utf-8")
    repo.index.add(["pa/CP.PHAR.571.txt"])
    shas.append(str(repo.index.commit("rename and third", author=ME, committer=ME).hexsha))
    shas.append(_commit(repo, "pa/CP.PHAR.571.txt", version_text(day(3), "Third, typo fixed."), "typo"))
    return root, shas


def test_history_is_followed_through_a_rename(tmp_path: Path) -> None:
    root, shas = _policy_repo(tmp_path)
    history = read_history(root, "pa/CP.PHAR.571.txt")
    assert [(sha, name) for sha, name, _ in history] == [
        (shas[0], "pa/somatrogon.txt"),
        (shas[1], "pa/somatrogon.txt"),
        (shas[3], "pa/somatrogon.txt"),
        (shas[4], "pa/CP.PHAR.571.txt"),
        (shas[5], "pa/CP.PHAR.571.txt"),
    ]


def test_import_stores_every_distinct_version_once(tmp_path: Path) -> None:
    root, shas = _policy_repo(tmp_path)
    store = tmp_path / "store"
    result = import_history(root, "pa/CP.PHAR.571.txt", store, commit=True)
    assert (result.commits, result.distinct, result.superseded) == (5, 4, 1)
    assert [(r.status, r.date) for r in result.results] == [("stored", day(n)) for n in (1, 2, 3)]
    assert "Third, typo fixed." in (store / BASE_REFERENCE / day(3).isoformat() / "policy.txt").read_text("utf-8")
    assert [str(c.summary) for c in _log(store)] == [f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in (1, 2, 3)]
    _check_history(store)
    meta = (store / BASE_REFERENCE / day(1).isoformat() / "meta.json").read_text("utf-8")
    assert f"{root}:pa/somatrogon.txt@{shas[0]}" in meta  # where the version came from
    again = import_history(root, "pa/CP.PHAR.571.txt", store, commit=True)
    assert [r.status for r in again.results] == ["unchanged"] * 3
    assert len(_log(store)) == 3


def test_a_bad_version_in_history_stops_the_import_before_any_write(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    repo = git.Repo.init(root)
    _commit(repo, "p.txt", version_text(day(1)), "good")
    bad = _commit(repo, "p.txt", version_text("06.01.1965"), "bad date")
    store = tmp_path / "store"
    with pytest.raises(PolicyError) as err:
        import_history(root, "p.txt", store)
    assert str(err.value).startswith(f"{root}:p.txt@{bad[:12]}:")
    assert "1965-06-01 is out of range" in str(err.value)
    assert not store.exists()


@pytest.mark.parametrize("path", ["../outside.txt", "--output=x", "/etc/passwd", ".git/config", "a/../../b", ""])
def test_paths_outside_the_repository_are_refused(path: str) -> None:
    with pytest.raises(PolicyError, match="is not a file path inside the repository"):
        check_repo_path(path)


def test_pathspec_magic_is_a_literal_file_name(tmp_path: Path) -> None:
    root, _ = _policy_repo(tmp_path)
    with pytest.raises(PolicyError, match=r"no version of :\(glob\)\*\*/\*\.txt in this repository's history"):
        read_history(root, ":(glob)**/*.txt")


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not a git repository"):
        read_history(tmp_path, "p.txt")


def test_cli_import_history(tmp_path: Path) -> None:
    root, _ = _policy_repo(tmp_path)
    store = tmp_path / "store"
    out = run_cli("import-history", str(root), "pa/CP.PHAR.571.txt", "--store", str(store), "--commit")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == (
        "5 commit(s), 4 distinct version(s), 1 superseded by a later commit with the same date: "
        "3 stored, 0 unchanged, 0 replaced."
    )
    expected = [["stored", BASE_REFERENCE, "@", day(n).isoformat()] for n in (1, 2, 3)]
    assert [ln.split()[:4] for ln in lines[:3]] == expected
    bad = run_cli("import-history", str(root), "../x", "--store", str(store))
    assert bad.returncode == 2 and bad.stderr.startswith("error: import-history: '../x' is not a file path")
