"""``import-history`` on a repository someone hands you runs none of its programs (issue 20, item 10).

The source repository's ``.git/config`` sets every program-running key we know of to a script that writes a
marker file — ``log.showSignature`` with ``gpg.program`` (and a signed commit that changes the policy, so git
would verify it), ``core.fsmonitor``, ``core.pager``, ``diff.external``, a ``textconv`` driver through
``.gitattributes`` — and the import must succeed without the marker ever appearing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import run_cli
from versions import BASE_REFERENCE, day, version_text


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    # while building the fixture, nothing hostile is configured yet or it is switched off here
    safe = ["-c", "core.fsmonitor=false", "-c", "log.showSignature=false"]
    done = subprocess.run(["git", *safe, *args], cwd=repo, input=stdin, capture_output=True, env=env, check=True)
    return done.stdout.decode().strip()


def _hostile_repo(tmp_path: Path, marker: Path) -> Path:
    repo = tmp_path / "foreign"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "policy.txt").write_text(version_text(day(1)), encoding="utf-8")
    (repo / ".gitattributes").write_text("policy.txt diff=evil\n", encoding="utf-8")
    _git(repo, "add", "policy.txt", ".gitattributes")
    _git(repo, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "first")
    # a signed commit that changes the policy: `git log --show-signature` would run gpg.program on it
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=version_text(day(6)).encode())
    attrs = _git(repo, "rev-parse", "HEAD:.gitattributes")
    tree = _git(repo, "mktree", stdin=f"100644 blob {attrs}\t.gitattributes\n100644 blob {blob}\tpolicy.txt\n".encode())
    parent = _git(repo, "rev-parse", "HEAD")
    body = (
        f"tree {tree}\nparent {parent}\nauthor a <a@b> 1760000000 +0000\ncommitter a <a@b> 1760000000 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n"
    )
    commit = _git(repo, "hash-object", "-t", "commit", "-w", "--stdin", stdin=body.encode())
    _git(repo, "update-ref", "refs/heads/main", commit)
    script = tmp_path / "evil.sh"
    script.write_text(f'#!/bin/sh\necho "$0 $*" >> {marker}\n', encoding="utf-8")
    script.chmod(0o755)
    for key in ("gpg.program", "core.fsmonitor", "core.pager", "diff.external", "diff.evil.textconv"):
        _git(repo, "config", key, str(script))
    _git(repo, "config", "log.showSignature", "true")
    return repo


def test_import_history_runs_no_program_of_the_source_repository(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    repo = _hostile_repo(tmp_path, marker)
    # the fixture is hostile for real: plain git runs the script
    subprocess.run(["git", "log", "-p", "--follow", "--", "policy.txt"], cwd=repo, capture_output=True, check=False)
    assert marker.exists()
    marker.unlink()
    store = tmp_path / "store"
    result = run_cli("import-history", str(repo), "policy.txt", "--store", str(store), "--commit")
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), marker.read_text(encoding="utf-8")
    assert sorted(p.name for p in (store / BASE_REFERENCE).iterdir()) == [day(1).isoformat(), day(6).isoformat()]
