"""``policyvc import-history REPO PATH``: ingest every distinct version of a policy file kept in git.

Policy teams already keep their PDFs (or text exports) in a repository.  The
file's history is walked like ``git log --follow`` (renames followed), oldest
first; each distinct content (by sha256) is parsed and filed under its own
revision-log date.  Two contents with the same key (a fix committed without a
new log entry) keep the later one; the earlier is reported as superseded.

``PATH`` is user text: it must be a relative path inside the repository (no
``..``, no leading ``-``); git reads it after ``--`` with literal pathspecs,
and blobs are read through GitPython's tree objects, never by a revision
expression built from user text.

The repository is someone else's, and so is its ``.git/config``: git is run
so that no setting of it can execute a program (``log.showSignature`` with a
``gpg.program``, ``core.fsmonitor``, an external diff or textconv, a lazy fetch
from a promisor remote): no system or global config, every program-running key
overridden on the command line (which wins over the repository's own), the
options that turn those features off (blobs are read with ``git cat-file``
under the same environment and overrides).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from policyvc.parser.errors import PolicyError
from policyvc.store.ingest import IngestResult, Prepared, ingest_prepared, prepare
from policyvc.store.source import sha256

_HEX = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import found and did."""

    commits: int  # commits in which the file has content
    distinct: int  # distinct contents among them
    superseded: int  # distinct contents replaced by a later commit with the same key
    results: tuple[IngestResult, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def check_repo_path(path: str) -> str:
    """``path`` as a clean relative POSIX path inside a repository, else a clear error."""
    text = path.replace("\\", "/")
    pure = PurePosixPath(text)
    bad = (
        not text.strip()
        or pure.is_absolute()
        or text.startswith("-")
        or "\x00" in text
        or any(part in ("..", ".git") for part in pure.parts)
        or str(pure) == "."
    )
    if bad:
        raise PolicyError(
            f"{path!r} is not a file path inside the repository: expected a relative path such as "
            "policies/CP.PHAR.295.pdf (no `..`, not starting with `-`)",
            source="import-history",
        )
    return str(pure)


# Settings of a foreign repository that would run a program; each is overridden with `-c` (command-line
# configuration wins over the repository's).  Drivers named per repository (diff.<x>.textconv, filter.<x>.*) cannot
# be listed: the options below (--no-textconv, --no-ext-diff) and reading blobs in process keep them from running.
_SAFE_CONFIG = (
    "log.showSignature=false",
    "gpg.program=false",
    "gpg.ssh.program=false",
    "gpg.x509.program=false",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=false",
    "core.askPass=",
    "credential.helper=",
    "diff.external=",
    "protocol.allow=never",
)


def _safe_env() -> dict[str, str]:
    """The environment for git on a foreign repository: none of the caller's GIT_* settings, no system or
    global configuration, no prompts and no lazy fetches."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_NO_LAZY_FETCH="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_LITERAL_PATHSPECS="1",  # PATH is a file name, never pathspec magic
        GIT_OPTIONAL_LOCKS="0",
    )
    return env


def _git_log(git_dir: str, rel: str) -> str:
    config = [arg for item in _SAFE_CONFIG for arg in ("-c", item)]
    command = [
        "git",
        *config,
        f"--git-dir={git_dir}",
        "log",
        "--no-show-signature",
        "--no-ext-diff",
        "--no-textconv",
        "--follow",
        "--format=%x00%H",
        "--name-status",
        "HEAD",
        "--",
        rel,
    ]
    done = subprocess.run(command, capture_output=True, env=_safe_env(), stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PolicyError(f"cannot read the history ({said[0] if said else done.returncode})", source="git log")
    return done.stdout.decode("utf-8", "surrogateescape")


def read_history(repo_dir: Path, path: str) -> list[tuple[str, str, bytes]]:
    """Every version of the file: (commit, path at that commit, content), oldest first, renames followed."""
    import git

    rel = check_repo_path(path)
    try:
        repo = git.Repo(repo_dir)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise PolicyError("not a git repository (give the root of one)", source=str(repo_dir)) from None
    # blobs come from GitPython's `git cat-file --batch`: the same environment and overrides as `git log`
    safe = _safe_env()
    repo.git.update_environment(**safe, GIT_DIR=str(repo.git_dir))  # whatever GIT_DIR the caller's hook has
    repo.git.set_persistent_git_options(c=list(_SAFE_CONFIG))
    try:
        try:
            log = _git_log(str(repo.git_dir), rel)
        except PolicyError as exc:
            exc.source = str(repo_dir)
            raise
        out: list[tuple[str, str, bytes]] = []
        for chunk in reversed(log.split("\x00")[1:]):
            lines = [ln for ln in chunk.splitlines() if ln.strip()]
            if len(lines) < 2 or not _HEX.fullmatch(lines[0].strip()):
                continue  # a merge: --follow shows no change of the file for it
            status, *names = lines[1].split("\t")
            if status.startswith("D") or not names:
                continue  # the file was deleted here
            try:
                blob = repo.commit(lines[0].strip()).tree / names[-1]
            except (KeyError, ValueError):
                continue
            out.append((lines[0].strip(), names[-1], bytes(blob.data_stream.read())))
    finally:
        repo.close()
    if not out:
        raise PolicyError(f"no version of {rel} in this repository's history", source=str(repo_dir))
    return out


def import_history(
    repo_dir: Path, path: str, store: Path, *, commit: bool = False, replace: bool = False
) -> ImportResult:
    """Ingest every distinct version of ``path`` in the repository at ``repo_dir``; nothing is written on error."""
    history = read_history(repo_dir, path)
    distinct: dict[str, tuple[str, str, bytes]] = {}
    for sha, name, data in history:
        distinct.setdefault(sha256(data), (sha, name, data))
    prepared: list[Prepared] = [
        prepare(data, f"{repo_dir}:{name}@{sha[:12]}", origin=f"{repo_dir}:{name}@{sha}")
        for sha, name, data in distinct.values()
    ]
    latest: dict[tuple[str, object], Prepared] = {}
    for item in prepared:  # oldest first: a later content with the same key wins
        latest[(item.reference, item.date)] = item
    kept = list(latest.values())
    results = ingest_prepared(kept, store, commit=commit, replace=replace)
    return ImportResult(len(history), len(distinct), len(prepared) - len(kept), tuple(results))
