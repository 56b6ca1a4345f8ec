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
"""

from __future__ import annotations

import re
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


def read_history(repo_dir: Path, path: str) -> list[tuple[str, str, bytes]]:
    """Every version of the file: (commit, path at that commit, content), oldest first, renames followed."""
    import git

    rel = check_repo_path(path)
    try:
        repo = git.Repo(repo_dir)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise PolicyError("not a git repository (give the root of one)", source=str(repo_dir)) from None
    repo.git.update_environment(GIT_LITERAL_PATHSPECS="1")  # PATH is a file name, never pathspec magic
    try:
        try:
            log = str(repo.git.log("--follow", "--format=%x00%H", "--name-status", "HEAD", "--", rel))
        except git.GitCommandError as exc:
            raise PolicyError(f"cannot read the history ({str(exc.stderr).strip()})", source=str(repo_dir)) from None
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
            except KeyError:
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
