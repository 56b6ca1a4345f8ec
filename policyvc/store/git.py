"""The store's git history, through GitPython: one commit per version, in date order.

Layout and invariants (checked, and restored when they do not hold):

* The store folder is the root of its own repository.  When it has no
  repository, one is created there (branch ``main``) — unless the folder sits
  inside another repository's work tree, which is refused: mixing policy
  versions into a project's history should be a choice (``git init`` the store
  yourself), not a side effect.
* The checked-out branch holds exactly one commit per recorded version, ordered
  by (version date, reference number); each commit adds that version's folder
  ``<REF>/<DATE>/`` (source, ``policy.json``, ``meta.json``) to its parent's
  tree.  The author date is the version date (noon UTC), the committer date the
  time of recording; the message names the version and lists its new
  revision-log entries.  Each version has a lightweight tag ``<REF>@<DATE>``.
* Inserting a version dated before the tip (or replacing one) rebuilds the
  branch from that point: later commits are recreated on top with their trees,
  author dates and tags moved, so the history stays linear and date-ordered.

Commits are built without the shared index: blobs and trees are written to the
object database directly (in process, as loose objects, instead of one ``git
hash-object`` per object; reads go through ``git cat-file`` as GitPython does
by default), the commit with ``Commit.create_from_tree``, and the branch and
tags move together in one ``git update-ref --stdin`` transaction whose branch
update is a compare-and-swap (``update <branch> NEW OLD``).  The index is then
reset to the new tip so ``git status`` in the store stays clean.  The
caller holds the store lock (:mod:`policyvc.store.lock`) around the whole
read–modify–commit, so concurrent writers queue instead of losing commits; a
writer killed midway leaves only unreferenced objects (harmless; ``git gc``
drops them) and the next recording picks up any complete version folder that
is not yet on the branch.

No text from a policy is ever passed to git as an argument: references and
dates are validated before they name a ref, messages are object contents, and
ref updates go through a file on stdin.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.dates import check_date
from policyvc.faults import fault
from policyvc.parser.errors import PolicyError
from policyvc.parser.hygiene import escape_invisible
from policyvc.parser.nodes import RevisionEntry
from policyvc.store.lock import store_lock
from policyvc.store.meta import JSON_FILE, META_FILE, VersionMeta, new_entries, parse_meta, read_derived, read_meta
from policyvc.store.paths import Version, check_reference, stored_versions, valid_reference
from policyvc.store.source import sha256

if TYPE_CHECKING:
    from git import Actor, Repo
    from git.db import GitCmdObjectDB
    from git.objects.commit import Commit

BRANCH = "main"
DEFAULT_NAME = "policyvc"
DEFAULT_EMAIL = "policyvc@localhost"
_FILE = 0o100644
_DIR = 0o040000
_ZERO = "0" * 40
_SUBJECT = re.compile(r"^(?P<ref>\S+) @ (?P<date>\d{4}-\d{2}-\d{2})$")
_HEX = re.compile(r"^[0-9a-f]{40}$")
_BAD_REF_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
EXCLUDES = (
    "/.policyvc.lock",
    ".*.tmp",
    ".ingest-*",
    ".replaced/",
    "/*/.history.json",
    "/*/.pairs",
    "/.build-table.json",
)
# .replaced/: kept copies (writer.py); .history.json, .pairs: what a build keeps of a policy between runs
# (policyvc/history/cache.py); .build-table.json: the version table as a build last printed it (report/build.py)

Key = tuple[dt.date, str]  # (version date, reference): the order of the branch


@dataclass(frozen=True, slots=True)
class RecordedCommit:
    """A commit :func:`record` wrote; ``replayed`` when it recreates an existing version's commit."""

    reference: str
    date: dt.date
    sha: str
    replayed: bool


def tag_name(reference: str, date: dt.date) -> str:
    """``CP.PHAR.295@2026-03-26``, checked against git's ref-name rules."""
    check_reference(reference)
    check_date(date, what="version date")
    name = f"{reference}@{date.isoformat()}"
    check_ref_component(name)
    return name


def check_ref_component(name: str) -> str:
    """The rules of ``git check-ref-format`` for one ref component (``@`` is fine; ``@{`` is not)."""
    bad = (
        not name
        or name == "@"
        or name.startswith((".", "-"))
        or name.endswith((".", ".lock"))
        or ".." in name
        or "@{" in name
        or "/" in name
        or _BAD_REF_CHARS.search(name) is not None
    )
    if bad:
        raise PolicyError(f"{name!r} cannot be a git tag name", source="<git>")
    return name


def _noon(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(12), tzinfo=dt.UTC)


# --- the repository ---------------------------------------------------------------


def refuse_nested(store: Path) -> None:
    """Refuse a store without its own repository that lies inside another repository's work tree."""
    import git

    probe = store.resolve()
    while not probe.exists():  # the store may not exist yet: ask from its nearest existing folder
        probe = probe.parent
    try:
        outer = git.Repo(probe, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return
    root = outer.working_tree_dir
    outer.close()
    if root is not None and Path(root).resolve() == store.resolve():
        return  # the store's own repository (another writer created it a moment ago)
    raise PolicyError(
        f"the store is inside the git repository at {root}, not at its root: give --store a folder of its "
        f"own, or run `git init` in the store to keep its versions in a repository of their own",
        source=str(store),
    )


def preflight(store: Path) -> None:
    """Check, before any file is written, that :func:`record` will be able to commit to the store."""
    if not (store / ".git").exists():
        refuse_nested(store)
        return
    repo = open_repo(store, create=False)
    try:
        check_objects(repo)
        _chain(repo, _branch(repo))
    finally:
        repo.close()


_SOUND: set[tuple[str, str]] = set()  # (git dir, what HEAD resolves to) already found sound by this process


def check_objects(repo: Repo) -> None:
    """Refuse to write on top of a damaged repository: ``git fsck`` (every object inflated and hashed), once per
    repository state and process, before the first commit is built on it."""
    import git

    try:
        head = str(repo.git.rev_parse("--verify", "--quiet", "HEAD"))
    except git.GitCommandError:
        head = ""  # an unborn branch
    key = (str(repo.git_dir), head)
    if key in _SOUND:
        return
    with tempfile.TemporaryDirectory(prefix="policyvc-fsck-") as tmp:
        # the objects only: the index is ours to rewrite (a killed writer may leave it behind the branch)
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "no-index")}
        try:
            repo.git.fsck("--no-dangling", "--no-progress", "--no-reflogs", env=env)
        except git.GitCommandError as exc:
            said = f"{exc.stdout}\n{exc.stderr}".replace("stdout: '", "").replace("stderr: '", "")
            lines = [ln.strip(" '") for ln in said.splitlines() if ln.strip(" '")]
            first = lines[0] if lines else f"exit code {exc.status}"
            raise PolicyError(
                f"the store's git repository is damaged (git fsck: {escape_invisible(first)[:200]}); nothing was "
                "written: repair it (or restore .git from a backup) before writing to the store",
                source=str(repo.git_dir),
            ) from None
    _SOUND.add(key)


def open_repo(store: Path, *, create: bool) -> Repo:
    """The store's own repository (created when missing and ``create``); see the module docstring."""
    import git

    if (store / ".git").exists():
        try:
            repo = git.Repo(store, odbt=_odb_type())
        except git.GitError as exc:
            raise PolicyError(f"the store's .git is not a usable repository ({exc})", source=str(store)) from None
        if repo.working_tree_dir is None or Path(repo.working_tree_dir).resolve() != store.resolve():
            raise PolicyError("the store's .git does not belong to the store folder", source=str(store))
        return _prepare(repo, store)
    refuse_nested(store)
    if not create:
        raise PolicyError("the store has no git repository (ingest with --commit to create one)", source=str(store))
    store.mkdir(parents=True, exist_ok=True)
    return _prepare(git.Repo.init(store, odbt=_odb_type(), initial_branch=BRANCH), store)


def _exclude_our_files(repo: Repo) -> None:
    """List the lock and temp files in ``.git/info/exclude``, so `git status` in the store stays clean."""
    exclude = Path(repo.git_dir) / "info" / "exclude"
    try:
        text = exclude.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    missing = [line for line in EXCLUDES if line not in text.splitlines()]
    if missing:
        exclude.parent.mkdir(exist_ok=True)
        with open(exclude, "a", encoding="utf-8") as fh:
            fh.write(("" if not text or text.endswith("\n") else "\n") + "\n".join(("# policyvc", *missing)) + "\n")


@cache
def _odb_type() -> type[GitCmdObjectDB]:
    from git.db import GitCmdObjectDB
    from gitdb.db.loose import LooseObjectDB  # type: ignore[import-untyped]

    class InProcessWrites(GitCmdObjectDB):
        """GitPython's default object database, but a new object is written in this process.

        The default spawns ``git hash-object`` for every object (~5 ms each; a
        version takes 3 blobs, 3 trees and a commit).  gitdb's loose-object
        writer compresses to a temporary file in ``.git/objects`` and renames
        it into place, so a killed writer leaves no partial object.
        """

        def store(self, istream: Any) -> Any:
            return LooseObjectDB.store(self, istream)

    return InProcessWrites


def _prepare(repo: Repo, store: Path) -> Repo:
    # Pin git to this repository whatever GIT_DIR & co. the caller's environment
    # holds (a hook, a CI job), and make paths literal, never pathspec magic.
    git_dir = Path(repo.git_dir).resolve()
    repo.git.update_environment(
        GIT_DIR=str(git_dir),
        GIT_WORK_TREE=str(store.resolve()),
        GIT_INDEX_FILE=str(git_dir / "index"),
        GIT_LITERAL_PATHSPECS="1",
    )
    return repo


def _branch(repo: Repo) -> str:
    """The branch HEAD points at (read from ``.git/HEAD``, no subprocess)."""
    head = repo.head
    if head.is_detached:
        raise PolicyError(
            "the store repository's HEAD is detached: check out its branch (git switch main)", source=str(repo.git_dir)
        )
    ref = str(head.reference.path)
    if not ref.startswith("refs/heads/"):
        raise PolicyError(f"the store repository's HEAD points at {ref}, not a branch", source=str(repo.git_dir))
    return ref


def _identity(repo: Repo) -> Actor:
    from git import Actor

    reader = repo.config_reader()
    name = str(reader.get_value("user", "name", DEFAULT_NAME))
    email = str(reader.get_value("user", "email", DEFAULT_EMAIL))
    if re.search(r"[<>\n]", name + email):
        name, email = DEFAULT_NAME, DEFAULT_EMAIL
    return Actor(name, email)


def _chain(repo: Repo, branch: str) -> list[tuple[Key, str]]:
    """The branch's commits, oldest first, each with the version it records."""
    import git

    if not git.Reference(repo, branch).is_valid():
        return []  # an unborn branch: no commits yet
    out: list[tuple[Key, str]] = []
    lines = str(repo.git.log("--first-parent", "--format=%H%x09%P%x09%s", branch, "--")).splitlines()
    for line in lines:
        sha, parents, subject = [*line.split("\t", 2), "", ""][:3]
        key = _subject_key(subject)
        if key is None or len(parents.split()) > 1:
            raise PolicyError(
                f"commit {sha[:12]} on {branch} is not a policyvc version commit (`REF @ YYYY-MM-DD`, one parent); "
                "the store's branch must hold only version commits",
                source=str(repo.git_dir),
            )
        out.append((key, sha))
    out.reverse()
    return out


def _subject_key(subject: str) -> Key | None:
    m = _SUBJECT.fullmatch(subject.strip())
    if not m or not valid_reference(m["ref"]):
        return None
    try:
        return (check_date(dt.date.fromisoformat(m["date"])), m["ref"])
    except (ValueError, PolicyError):
        return None


def _tree_versions(repo: Repo, tip: str | None) -> dict[Key, bytes]:
    """The version folders in the tip's tree: key → folder tree id."""
    if tip is None:
        return {}
    out: dict[Key, bytes] = {}
    for ref_tree in repo.commit(tip).tree.trees:
        if not valid_reference(ref_tree.name):
            continue
        for ver_tree in ref_tree.trees:
            try:
                day = check_date(dt.date.fromisoformat(ver_tree.name))
            except (ValueError, PolicyError):
                continue
            out[(day, ref_tree.name)] = ver_tree.binsha
    return out


# --- objects -------------------------------------------------------------------------


def _write_object(repo: Repo, kind: str, data: bytes) -> bytes:
    from gitdb.base import IStream  # type: ignore[import-untyped]

    return bytes(repo.odb.store(IStream(kind, len(data), io.BytesIO(data))).binsha)


def _write_tree(repo: Repo, entries: Iterable[tuple[bytes, int, str]]) -> bytes:
    from git.objects.fun import tree_to_stream

    # git orders tree entries by name, a folder's name compared as if it ended in "/"
    ordered = sorted(entries, key=lambda e: e[2].encode() + (b"/" if e[1] == _DIR else b""))
    buf = io.BytesIO()
    tree_to_stream(ordered, buf.write)
    return _write_object(repo, "tree", buf.getvalue())


def _folder_object(repo: Repo, version: Version) -> tuple[bytes, VersionMeta] | None:
    """Write a complete version folder's files as a tree; ``None`` when the folder is not complete."""
    data = read_derived(version.path)  # never through a symbolic link (the store refuses them too)
    meta = read_meta(version.folder)
    if meta is None or meta.sha256 != sha256(data) or meta.source != version.path.name:
        return None  # an interrupted ingest (or an edited meta.json, which sync rewrites): not a version yet
    try:
        derived = read_derived(version.folder / JSON_FILE)
        meta_bytes = read_derived(version.folder / META_FILE)
    except OSError:
        return None
    if sha256(derived) != meta.json_sha256:
        return None  # policy.json is not the one meta.json was written with
    entries = [
        (_write_object(repo, "blob", data), _FILE, version.path.name),
        (_write_object(repo, "blob", derived), _FILE, JSON_FILE),
        (_write_object(repo, "blob", meta_bytes), _FILE, META_FILE),
    ]
    return _write_tree(repo, entries), meta


def _meta_in_tree(repo: Repo, folder: bytes) -> VersionMeta | None:
    from git.objects.fun import tree_entries_from_data

    for binsha, _mode, name in tree_entries_from_data(repo.odb.stream(folder).read()):
        if name == META_FILE:
            try:
                return parse_meta(repo.odb.stream(binsha).read(), source=f"git:{folder.hex()}/{META_FILE}")
            except PolicyError:
                return None
    return None


def commit_message(reference: str, date: dt.date, meta: VersionMeta | None, previous: tuple[RevisionEntry, ...]) -> str:
    """``CP.PHAR.295 @ 2026-03-26``, then the version's new revision-log entries as bullets."""
    lines = [f"{reference} @ {date.isoformat()}", ""]
    fresh = new_entries(meta.revision_log, previous) if meta else ()
    if fresh:
        lines.append("New revision-log entries:")
        for e in fresh:
            when = e.date.isoformat() if e.date else "undated"
            lines.append(f"- {when}: {_CONTROL.sub(' ', e.description).strip()}")
    else:
        lines.append("No new revision-log entries.")
    if meta is not None:
        lines += ["", f"Source: {meta.source} (sha256 {meta.sha256})"]
    return "\n".join(lines) + "\n"


# --- recording -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recording:
    """What :func:`record` did: the commits it wrote, and the commit of every version on the branch."""

    written: tuple[RecordedCommit, ...]
    versions: dict[tuple[str, dt.date], str]  # (reference, date) -> commit sha


def record(store: Path, touched: Iterable[tuple[str, dt.date]] = ()) -> Recording:
    """Bring the store's branch up to date with its complete version folders.

    ``touched`` names versions whose folders may differ from what the branch
    holds (just ingested, replaced or re-synced); every other committed version
    is taken as committed, and complete folders the branch lacks are added.
    """
    with store_lock(store):
        repo = open_repo(store, create=True)
        try:
            check_objects(repo)  # never a commit on top of a corrupted object
            _exclude_our_files(repo)
            return _record(repo, store, {(d, r) for r, d in touched})
        finally:
            repo.close()


def _record(repo: Repo, store: Path, touched: set[Key]) -> Recording:
    from git.objects.commit import Commit

    branch = _branch(repo)
    chain = _chain(repo, branch)
    tip = chain[-1][1] if chain else None
    committed = _tree_versions(repo, tip)
    content = dict(committed)
    metas: dict[bytes, VersionMeta | None] = {}
    for v in stored_versions(store):
        key = (v.date, v.reference)
        if key in committed and key not in touched:
            continue
        made = _folder_object(repo, v)
        if made is not None:
            content[key], metas[made[0]] = made
    desired = sorted(content)
    chain_keys = [k for k, _ in chain]
    p = 0
    if sorted(chain_keys) == sorted(committed):  # else: a foreign tree; rebuild it all
        while p < min(len(chain), len(desired)) and chain_keys[p] == desired[p]:
            if content[desired[p]] != committed[desired[p]]:
                break  # this version's folder changed (replaced or re-synced)
            p += 1
    if not desired:
        return Recording((), {})  # nothing complete to record yet
    if p == len(desired) == len(chain):
        targets = dict(chain)
        _update_refs(repo, branch, tip, tip, targets)  # repairs missing tags only
        _sync_index(repo, tip)  # a writer killed after moving the branch left the index behind
        return Recording((), {(r, d): sha for (d, r), sha in targets.items()})

    def meta_of(key: Key) -> VersionMeta | None:
        obj = content[key]
        if obj not in metas:
            metas[obj] = _meta_in_tree(repo, obj)
        return metas[obj]

    folders: dict[str, dict[str, bytes]] = {}
    for date, ref in desired[:p]:
        folders.setdefault(ref, {})[date.isoformat()] = content[(date, ref)]
    ref_trees = {ref: _write_tree(repo, [(o, _DIR, d) for d, o in days.items()]) for ref, days in folders.items()}
    previous: dict[str, Key] = {ref: (dt.date.fromisoformat(max(days)), ref) for ref, days in folders.items()}
    parent: Commit | None = repo.commit(chain[p - 1][1]) if p else None
    identity = _identity(repo)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    targets = {k: sha for k, sha in chain[:p]}
    replaced = dict(chain[p:])  # versions whose commits are recreated keep their author
    written: list[RecordedCommit] = []
    for key in desired[p:]:
        date, ref = key
        folders.setdefault(ref, {})[date.isoformat()] = content[key]
        ref_trees[ref] = _write_tree(repo, [(o, _DIR, d) for d, o in folders[ref].items()])
        root = _write_tree(repo, [(o, _DIR, r) for r, o in ref_trees.items()])
        before = meta_of(previous[ref]) if ref in previous else None
        message = commit_message(ref, date, meta_of(key), before.revision_log if before else ())
        author = repo.commit(replaced[key]).author if key in replaced else identity
        commit = Commit.create_from_tree(
            repo,
            root.hex(),
            message,
            parent_commits=[parent] if parent else [],
            head=False,
            author=author,
            committer=identity,
            author_date=_noon(date),
            commit_date=now,
        )
        parent = commit
        previous[ref] = key
        targets[key] = commit.hexsha
        written.append(RecordedCommit(ref, date, commit.hexsha, key in replaced))
    fault("before-ref-update")
    new_tip = parent.hexsha if parent is not None else tip  # desired[p:] is never empty here
    _update_refs(repo, branch, tip, new_tip, targets)
    return Recording(tuple(written), {(r, d): sha for (d, r), sha in targets.items()})


def _sync_index(repo: Repo, tip: str | None) -> None:
    """Make the index match the branch tip again if it does not (one ``git diff-index``)."""
    import git

    if tip is None:
        return
    try:
        repo.git.diff_index("--cached", "--quiet", tip, "--")
    except git.GitCommandError:
        repo.git.read_tree(tip)


def _update_refs(repo: Repo, branch: str, old: str | None, new: str | None, tags: dict[Key, str]) -> None:
    """Move the branch (compare-and-swap) and the version tags in one ref transaction."""
    import git

    existing = {}
    for line in str(repo.git.for_each_ref("--format=%(refname) %(objectname)", "refs/tags/")).splitlines():
        name, _, sha = line.partition(" ")
        existing[name] = sha
    commands = []
    if new is not None and new != old:
        commands.append(f"update {branch} {new} {old or _ZERO}")
    for (date, ref), sha in tags.items():
        name = f"refs/tags/{tag_name(ref, date)}"
        if existing.get(name) != sha and _HEX.fullmatch(sha):
            commands.append(f"update {name} {sha}")
    if not commands:
        return
    with tempfile.TemporaryFile("w+", encoding="utf-8") as fh:
        fh.write("start\n" + "".join(c + "\n" for c in commands) + "prepare\ncommit\n")
        fh.seek(0)
        try:
            repo.git.update_ref("-m", "policyvc: record versions", "--stdin", istream=fh)
        except git.GitCommandError as exc:
            raise PolicyError(
                f"could not move the branch and tags (did another program write to the store's repository?): "
                f"{str(exc.stderr).strip()}",
                source=str(repo.git_dir),
            ) from None
    if new is not None and new != old:
        repo.git.read_tree(new)  # the index mirrors the branch, so `git status` in the store is clean


# --- reading -----------------------------------------------------------------------------


def version_commits(store: Path) -> dict[tuple[str, dt.date], str]:
    """The commit of every tagged version: (reference, date) → sha; empty without a repository."""
    if not (store / ".git").exists():
        return {}
    repo = open_repo(store, create=False)
    try:
        out: dict[tuple[str, dt.date], str] = {}
        lines = str(repo.git.for_each_ref("--format=%(refname:short) %(objectname)", "refs/tags/")).splitlines()
        for line in lines:
            name, _, sha = line.partition(" ")
            ref, _, day = name.partition("@")
            if valid_reference(ref):
                try:
                    out[(ref, dt.date.fromisoformat(day))] = sha
                except ValueError:
                    continue
        return out
    finally:
        repo.close()
