"""Concurrent and killed writers: real processes, a real repository, git fsck.

Four processes × 25 versions each, dates interleaved so most ingests land
before the current tip and force a rebuild: every version must end up as
exactly one commit on the branch, in date order, tagged, with nothing lost
(no dangling commits) and ``git fsck`` clean.  Then writers are SIGKILLed at
named points (``POLICYVC_FAULT``) and at random moments: the store must stay
readable and the next ingest must bring the branch up to date.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import git
import pytest
from conftest import run_cli
from test_gitstore import _check_history, _fsck, _log
from versions import BASE_REFERENCE, day, write_version

from policyvc.faults import POINTS
from policyvc.store import Store
from policyvc.store.paths import stored_versions

pytestmark = pytest.mark.slow

WRITERS = 4
PER_WRITER = 25

_WRITER = """
import sys, time
from pathlib import Path
from policyvc.store.ingest import ingest
store, start = Path(sys.argv[1]), float(sys.argv[2])
while time.time() < start:  # start together
    time.sleep(0.005)
for name in sys.argv[3:]:
    ingest(Path(name), store, commit=True)
"""


def test_four_writers_twenty_five_versions_each_lose_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    procs = []
    start = time.time() + 1.5  # after every interpreter has started
    for w in range(WRITERS):
        # writer w ingests days w, w+4, w+8, … : the writers interleave by date.  Writer 0 goes
        # newest first, so its own ingests land before the tip whatever the scheduler does
        # (interleaving alone left the rebuild untried when the processes happened to run in turn).
        files = [str(write_version(tmp_path / f"w{w}", day(1 + i * WRITERS + w))) for i in range(PER_WRITER)]
        if w == 0:
            files.reverse()
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", _WRITER, str(store), str(start), *files], stderr=subprocess.PIPE, text=True
            )
        )
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    commits = _log(store)
    assert len(commits) == WRITERS * PER_WRITER
    assert [str(c.summary) for c in commits] == [
        f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in range(1, WRITERS * PER_WRITER + 1)
    ]
    repo = git.Repo(store)
    assert len([t for t in repo.tags if t.name.startswith(f"{BASE_REFERENCE}@")]) == WRITERS * PER_WRITER
    _check_history(store)  # every tag on its commit, author dates, one folder per commit, fsck, clean tree
    assert len(stored_versions(store)) == WRITERS * PER_WRITER
    # the rebuild was exercised: some branch moves were not fast-forwards
    moves = [(e.oldhexsha, e.newhexsha) for e in repo.head.reference.log()]
    assert len(moves) == len({new for _, new in moves}) >= WRITERS * PER_WRITER
    rewrites = [m for m in moves if m[0] != "0" * 40 and not repo.is_ancestor(*m)]
    assert rewrites


def _ingest_proc(path: Path, store: Path, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("ingest", str(path), "--store", str(store), "--commit", env={"POLICYVC_FAULT": fault or ""})


def _store_is_usable(store: Path) -> None:
    for v in stored_versions(store):
        assert Store(store, cache_dir=False).load(v).reference_number == v.reference
    out = run_cli("log", BASE_REFERENCE, "--store", str(store))
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("point", POINTS)
def test_a_writer_killed_at_any_step_leaves_a_usable_store(tmp_path: Path, point: str) -> None:
    store = tmp_path / "store"
    for n in (10, 30):
        assert _ingest_proc(write_version(tmp_path, day(n)), store).returncode == 0
    victim = write_version(tmp_path, day(20))
    killed = _ingest_proc(victim, store, fault=point)
    assert killed.returncode == -signal.SIGKILL
    _store_is_usable(store)
    assert "dangling commit" in _fsck(store) or point != "before-ref-update"  # its commits never reached a ref
    again = _ingest_proc(victim, store)  # the same ingest, run again, repairs and commits
    assert again.returncode == 0, again.stderr
    assert again.stdout.split()[0] == ("stored" if point in ("after-source", "before-rename") else "unchanged")
    assert [str(c.summary) for c in _log(store)] == [f"{BASE_REFERENCE} @ {day(n).isoformat()}" for n in (10, 20, 30)]
    _store_is_usable(store)
    assert not list(store.rglob(".ingest-*")) and not list(store.rglob(".*.tmp"))


def test_a_replace_killed_midway_is_finished_by_running_it_again(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert _ingest_proc(write_version(tmp_path, day(1), "Old text."), store).returncode == 0
    new = write_version(tmp_path / "n", day(1), "New text.")
    killed = run_cli(
        "ingest", str(new), "--store", str(store), "--commit", "--replace", env={"POLICYVC_FAULT": "after-source"}
    )
    assert killed.returncode == -signal.SIGKILL
    [v] = stored_versions(store)
    # meta.json is stale: parsed, not cached
    assert "New text." in Store(store, cache_dir=False).load(v).revision_log[-1].description
    again = run_cli("ingest", str(new), "--store", str(store), "--commit", "--replace")
    assert again.returncode == 0, again.stderr
    [c] = _log(store)
    assert "New text." in c.message
    _check_history(store)


def test_writers_killed_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(20260326)
    store = tmp_path / "store"
    exe = Path(sys.executable).parent / "policyvc"
    files = [write_version(tmp_path, day(n)) for n in rng.sample(range(1, 60), 8)]
    for path in files:
        proc = subprocess.Popen(
            [str(exe), "ingest", str(path), "--store", str(store), "--commit"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 0.6))  # start-up, parse, write, commit: somewhere in there
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if (store / BASE_REFERENCE).exists() and stored_versions(store):
            _store_is_usable(store)  # after every kill, whatever it interrupted
    final = run_cli("ingest", *map(str, files), "--store", str(store), "--commit")
    assert final.returncode == 0, final.stderr
    dates = sorted(dt.date.fromisoformat(p.stem.split("_")[1]) for p in files)
    assert [str(c.summary) for c in _log(store)] == [f"{BASE_REFERENCE} @ {d.isoformat()}" for d in dates]
    _check_history(store, killed_writers=True)


_HOLDER = """
import sys, time
from pathlib import Path
from policyvc.store.lock import store_lock
with store_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_the_lock_of_a_killed_writer_is_released_by_the_os(tmp_path: Path) -> None:
    import fcntl
    import os

    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(store)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    fd = os.open(store / ".policyvc.lock", os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by the other process
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free at once: no stale lock to clean up
    finally:
        os.close(fd)
        holder.stdout.close()
