"""The store's git history: real repositories in tmp_path, inspected with GitPython and git itself."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
from conftest import SEED, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profiles import examples
from versions import BASE_REFERENCE, day, write_version

from policyvc.parser.errors import PolicyError
from policyvc.store.git import check_ref_component, tag_name
from policyvc.store.ingest import ingest


def _log(store: Path) -> list[git.Commit]:
    """The branch, oldest first."""
    return list(reversed(list(git.Repo(store).iter_commits("HEAD", first_parent=True))))


def _subjects(store: Path) -> list[str]:
    return [str(c.summary) for c in _log(store)]


def _added(commit: git.Commit) -> list[str]:
    """The files a commit changes relative to its parent."""
    if commit.parents:
        return sorted(str(d.b_path or d.a_path) for d in commit.parents[0].diff(commit))
    return sorted(str(b.path) for b in commit.tree.traverse() if b.type == "blob")


def _fsck(store: Path) -> str:
    out = subprocess.run(["git", "fsck", "--strict"], cwd=store, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout + out.stderr


def _check_history(store: Path, *, killed_writers: bool = False) -> None:
    """Linear, date-ordered, one version folder per commit, tags on their commits, fsck clean, tree clean.

    No dangling commit either (a lost commit would be one) — unless a writer
    was killed between writing its commits and moving the branch.
    """
    commits = _log(store)
    repo = git.Repo(store)
    keys = []
    for c in commits:
        assert len(c.parents) <= 1
        ref, _, date = str(c.summary).partition(" @ ")
        keys.append((date, ref))
        assert c.authored_datetime == dt.datetime.fromisoformat(f"{date}T12:00:00+00:00")
        assert _added(c) == [f"{ref}/{date}/{n}" for n in ("meta.json", "policy.json", "policy.txt")]
        assert repo.tags[f"{ref}@{date}"].commit == c
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    fsck = _fsck(store)
    assert killed_writers or "dangling commit" not in fsck
    assert not repo.is_dirty(untracked_files=True)


def test_commit_has_the_version_date_as_author_date_and_now_as_committer_date(tmp_path: Path) -> None:
    store = tmp_path / "store"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = ingest(SEED, store, commit=True)
    after = dt.datetime.now(dt.UTC)
    [c] = _log(store)
    assert result.commit == c.hexsha
    assert c.authored_datetime == dt.datetime(2026, 3, 26, 12, tzinfo=dt.UTC)
    assert before <= c.committed_datetime <= after
    assert c.message.splitlines()[:4] == [
        "CP.PHAR.295 @ 2026-03-26",
        "",
        "New revision-log entries:",
        "- 2021-04-05: 3Q 2021 annual review: no significant changes; allowed by-passing of redirection if state "
        "regulations do not allow step therapy in Stage IV or metastatic cancer settings for AML; modified "
        "HIM.PHAR.21 to HIM.PA.154; references reviewed and updated.",
    ]
    assert "- 2026-03-26: For Appendix E, added state IN." in c.message
    assert git.Repo(store).tags["CP.PHAR.295@2026-03-26"].commit == c
    _check_history(store)


def test_message_lists_only_the_new_entries(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(1), "Added Ohio to Appendix E."), store, commit=True)
    path = tmp_path / "next.txt"
    text = (store / BASE_REFERENCE / day(1).isoformat() / "policy.txt").read_text(encoding="utf-8")
    cut = text.index("\nImportant Reminder")
    path.write_text(text[:cut].rstrip("\n") + f"\nRemoved Ohio again.\t{day(8):%m.%d.%Y}\t\n" + text[cut:], "utf-8")
    ingest(path, store, commit=True)
    last = _log(store)[-1]
    assert last.message == (
        f"{BASE_REFERENCE} @ {day(8).isoformat()}\n\nNew revision-log entries:\n"
        f"- {day(8).isoformat()}: Removed Ohio again.\n\n"
        f"Source: policy.txt (sha256 {ingest(path, store).sha256})\n"
    )


def test_out_of_order_ingest_rebuilds_a_linear_date_ordered_history(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for n in (30, 10, 20, 5, 40):
        ingest(write_version(tmp_path, day(n)), store, commit=True)
    assert _subjects(store) == [f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in (5, 10, 20, 30, 40)]
    _check_history(store)
    # each commit's tree holds exactly the versions up to its date
    for i, c in enumerate(_log(store)):
        assert len(c.tree / BASE_REFERENCE) == i + 1


def test_several_policies_share_one_date_ordered_branch(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(20), reference="CP.PHAR.901"), store, commit=True)
    ingest(write_version(tmp_path, day(10), reference="CP.PHAR.902"), store, commit=True)
    ingest(write_version(tmp_path, day(20), reference="CP.PHAR.900"), store, commit=True)
    ingest(SEED, store, commit=True)
    assert _subjects(store) == [
        f"CP.PHAR.902 @ {day(10)}",
        f"CP.PHAR.900 @ {day(20)}",
        f"CP.PHAR.901 @ {day(20)}",
        "CP.PHAR.295 @ 2026-03-26",
    ]
    _check_history(store)


def test_reingest_makes_no_commit_and_replace_rewrites_in_place(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for n in (1, 2, 3):
        ingest(write_version(tmp_path, day(n), "First wording."), store, commit=True)
    tip = _log(store)[-1].hexsha
    again = ingest(write_version(tmp_path, day(2), "First wording."), store, commit=True)
    assert again.status == "unchanged"
    assert _log(store)[-1].hexsha == tip
    fixed = ingest(write_version(tmp_path / "fix", day(2), "Fixed wording."), store, commit=True, replace=True)
    assert fixed.status == "replaced"
    commits = _log(store)
    assert len(commits) == 3
    assert commits[1].hexsha == fixed.commit
    assert "- 2025-08-07: Fixed wording." in commits[1].message
    blob = commits[2].tree / BASE_REFERENCE / day(2).isoformat() / "policy.txt"
    assert "Fixed wording." in blob.data_stream.read().decode()
    _check_history(store)


def test_versions_ingested_without_commit_are_committed_later(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(3)), store)
    ingest(write_version(tmp_path, day(1)), store)
    assert not (store / ".git").exists()
    ingest(write_version(tmp_path, day(2)), store, commit=True)
    assert _subjects(store) == [f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in (1, 2, 3)]
    _check_history(store)


def test_a_missing_tag_is_put_back(tmp_path: Path) -> None:
    store = tmp_path / "store"
    path = write_version(tmp_path, day(1))
    ingest(path, store, commit=True)
    repo = git.Repo(store)
    repo.delete_tag(repo.tags[f"{BASE_REFERENCE}@{day(1).isoformat()}"])
    ingest(path, store, commit=True)
    _check_history(store)


def test_a_store_inside_another_repository_is_refused(tmp_path: Path) -> None:
    outer = tmp_path / "project"
    git.Repo.init(outer)
    with pytest.raises(PolicyError, match=r"the store is inside the git repository at .*project, not at its root"):
        ingest(SEED, outer / "policy_versions", commit=True)
    assert not (outer / "policy_versions").exists()  # refused before anything was written
    (outer / "policy_versions").mkdir()
    with pytest.raises(PolicyError, match=r"the store is inside the git repository"):
        ingest(SEED, outer / "policy_versions" / "deeper" / "still", commit=True)
    assert list((outer / "policy_versions").iterdir()) == []
    git.Repo.init(outer / "policy_versions")  # the user's explicit choice
    ingest(SEED, outer / "policy_versions", commit=True)
    _check_history(outer / "policy_versions")


def test_a_foreign_commit_on_the_branch_is_reported(tmp_path: Path) -> None:
    store = tmp_path / "store"
    ingest(write_version(tmp_path, day(1)), store, commit=True)
    repo = git.Repo(store)
    (store / "README").write_text("notes\n", encoding="utf-8")
    repo.index.add(["README"])
    repo.index.commit("Add notes", author=git.Actor("a", "a@b"), committer=git.Actor("a", "a@b"))
    with pytest.raises(PolicyError, match="is not a policyvc version commit"):
        ingest(write_version(tmp_path, day(2)), store, commit=True)
    assert not (store / BASE_REFERENCE / day(2).isoformat()).exists()  # refused before any write


def test_commits_need_no_git_configuration(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # a fresh machine: no ~/.gitconfig, no system config, no GIT_* identity variables
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home), GIT_CONFIG_NOSYSTEM="1")
    store = tmp_path / "store"
    exe = Path(sys.executable).parent / "policyvc"
    out = subprocess.run(
        [str(exe), "ingest", str(SEED), "--store", str(store), "--commit"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    [c] = _log(store)
    assert (c.author.name, c.author.email) == ("policyvc", "policyvc@localhost")


def test_cli_ingest_commit_and_refusal_exit_codes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = run_cli("ingest", str(SEED), "--store", str(store), "--commit")
    assert first.returncode == 0, first.stderr
    sha = _log(store)[-1].hexsha
    assert first.stdout == f"stored    CP.PHAR.295 @ 2026-03-26  {store}/CP.PHAR.295/2026-03-26  commit {sha[:12]}\n"
    again = run_cli("ingest", str(SEED), "--store", str(store), "--commit")
    assert again.returncode == 0 and again.stdout.startswith("unchanged ")
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("added state IN.", "added state IN and OH."), "utf-8")
    refused = run_cli("ingest", str(other), "--store", str(store), "--commit")
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"error: {other}: {store}/CP.PHAR.295/2026-03-26 already holds a different")
    assert "Traceback" not in refused.stderr
    replaced = run_cli("ingest", str(other), "--store", str(store), "--commit", "--replace")
    assert replaced.returncode == 0 and replaced.stdout.startswith("replaced ")
    _check_history(store)


def test_tag_names_follow_git_rules() -> None:
    assert tag_name("CP.PHAR.295", dt.date(2026, 3, 26)) == "CP.PHAR.295@2026-03-26"
    git_ok = subprocess.run(["git", "check-ref-format", "refs/tags/CP.PHAR.295@2026-03-26"], check=False)
    assert git_ok.returncode == 0
    for bad in ("a@{b", "@", "x..y", ".x", "x.lock", "x y", "-x", "x:y", "x/y"):
        with pytest.raises(PolicyError):
            check_ref_component(bad)
        assert subprocess.run(
            ["git", "check-ref-format", "--allow-onelevel", bad], check=False
        ).returncode != 0 or bad in ("-x", "x/y")  # we are stricter: no option look-alikes, one component only
    with pytest.raises(PolicyError):
        tag_name("../../.git/hooks/x", dt.date(2026, 3, 26))
    with pytest.raises(PolicyError, match="out of range"):
        tag_name("CP.PHAR.295", dt.date(2100, 1, 1))


@pytest.mark.slow
@settings(max_examples=examples(12), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations([1, 2, 3, 4, 5]), replace_at=st.sampled_from([None, 1, 3, 5]))
def test_any_ingest_order_gives_the_same_sorted_history(
    tmp_path_factory: pytest.TempPathFactory, order: list[int], replace_at: int | None
) -> None:
    tmp = tmp_path_factory.mktemp("perm")
    store = tmp / "store"
    for n in order:
        ingest(write_version(tmp, day(n)), store, commit=True)
    if replace_at is not None:
        ingest(write_version(tmp / "r", day(replace_at), "Replaced."), store, commit=True, replace=True)
    assert _subjects(store) == [f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in (1, 2, 3, 4, 5)]
    _check_history(store)


def test_a_packed_repository_is_read_like_a_loose_one(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for n in (10, 20):
        ingest(write_version(tmp_path, day(n)), store, commit=True)
    subprocess.run(["git", "gc", "-q", "--prune=now"], cwd=store, check=True)  # packs objects and refs
    assert not list((store / ".git" / "refs" / "tags").iterdir())
    ingest(write_version(tmp_path, day(5)), store, commit=True)  # rebuilds on top of packed objects
    assert _subjects(store) == [f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in (5, 10, 20)]
    _check_history(store)


def test_sync_store_with_commit_records_a_source_only_store(tmp_path: Path) -> None:
    from policyvc.store.git import record
    from policyvc.store.sync import sync_store

    store = tmp_path / "store"
    for n in (2, 1):
        folder = store / BASE_REFERENCE / day(n).isoformat()
        folder.mkdir(parents=True)
        write_version(folder, day(n), name="policy.txt")
    result = sync_store(store)
    committed = record(store, touched=result.touched).written
    assert result.findings == () and len(result.written) == 4 and len(committed) == 2
    assert _subjects(store) == [f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in (1, 2)]
    _check_history(store)
    assert record(store, touched=sync_store(store).touched).written == ()


def test_a_rebuild_keeps_the_authors_and_author_dates_of_recreated_commits(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    repo = git.Repo.init(store, initial_branch="main")
    with repo.config_writer() as cfg:
        cfg.set_value("user", "name", "Alice").set_value("user", "email", "alice@example.org")
    ingest(write_version(tmp_path, day(20)), store, commit=True)
    with repo.config_writer() as cfg:
        cfg.set_value("user", "name", "Bob").set_value("user", "email", "bob@example.org")
    ingest(write_version(tmp_path, day(10)), store, commit=True)
    first, second = _log(store)
    assert (first.author.name, first.committer.name) == ("Bob", "Bob")
    assert (second.author.name, second.committer.name) == ("Alice", "Bob")  # recreated on top of the older one
    assert second.authored_datetime == dt.datetime.combine(day(20), dt.time(12), tzinfo=dt.UTC)
    _check_history(store)


def test_an_index_left_behind_by_a_killed_writer_is_resynced(tmp_path: Path) -> None:
    store = tmp_path / "store"
    path = write_version(tmp_path, day(1))
    ingest(path, store, commit=True)
    # a writer killed after moving the branch but before updating the index leaves it like this
    subprocess.run(["git", "read-tree", "--empty"], cwd=store, check=True)
    assert git.Repo(store).is_dirty()
    assert ingest(path, store, commit=True).status == "unchanged"
    _check_history(store)  # includes: the work tree and index are clean again


@settings(max_examples=examples(60))
@given(text=st.one_of(st.from_regex(r"[A-Z][A-Z0-9]{0,4}(\.[A-Z0-9]{1,4}){1,3}", fullmatch=True), st.text(max_size=20)))
def test_a_valid_reference_is_a_safe_folder_and_tag_name(text: str) -> None:
    from policyvc.store.paths import valid_reference, version_folder

    if not valid_reference(text):
        with pytest.raises(PolicyError):
            version_folder(Path("/store"), text, dt.date(2026, 3, 26))
        return
    folder = version_folder(Path("/store"), text, dt.date(2026, 3, 26))
    assert folder.parent.parent == Path("/store") and folder.parent.name == text  # one path component
    name = tag_name(text, dt.date(2026, 3, 26))
    assert subprocess.run(["git", "check-ref-format", f"refs/tags/{name}"], check=False).returncode == 0
