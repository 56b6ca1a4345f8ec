"""Skip regenerating the rule modules when nothing they are made from changed (``build``'s rules step).

``<rules>/.policyvc-rules`` (:mod:`policyvc.history.cache`) records, under the key of every stored
version's source and the code, the sha256 of each file the generator wrote and what each version's module
was made from (its source's sha256, what ``--recover`` left unread, the code's fingerprint, the libraries).  The folder
is current when the key matches and it holds exactly those files with exactly those bytes: then nothing is
loaded or rendered.  Otherwise the modules are generated again, as ``policyvc rules`` would, except that a
version's module whose inputs are the same and whose file is unchanged on disk is kept as it is; a module
edited, added or removed by hand is generated again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.history.cache import libraries, read_cache, write_cache
from policyvc.store import Snapshot, Store
from policyvc.store.fingerprint import code_fingerprint
from policyvc.store.paths import Version

if TYPE_CHECKING:
    from policyvc.rules.versions import RuleSource

RULES_FILE = ".policyvc-rules"


def current_rules(out: Path, key: str) -> list[Path] | None:
    """The files of ``out`` when they are what the generator wrote under ``key`` (as ``write_rules`` lists them)."""
    body = read_cache(out / RULES_FILE, key)
    files = body.get("files") if body is not None else None
    if not isinstance(files, dict) or set(generated_files(out)) != set(files):
        return None
    stats = body.get("stats") if body is not None else None
    stats = stats if isinstance(stats, dict) else {}
    for rel, sha in files.items():  # a file of the size and modification time recorded is the one written
        same = isinstance(stats.get(rel), list) and _stat(out / rel) == stats[rel]
        if not same and _kept_text(out, rel, sha) is None:
            return None
    return [out / rel for rel in sorted(files)]


def generated_files(out: Path) -> list[str]:
    """The Python files under ``out``, relative, that the output folder holds (cache folders aside).

    Here, not in the generator, so that a build whose modules are current does not import the generator."""
    if not out.is_dir():
        return []
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.py") if "__pycache__" not in p.parts)


def _stat(path: Path) -> list[int] | None:
    import stat

    try:
        st = path.lstat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns] if stat.S_ISREG(st.st_mode) else None


def _kept_text(out: Path, rel: str, sha: object) -> str | None:
    from policyvc.store.meta import read_derived

    try:
        data = read_derived(out / rel)
    except OSError:
        return None
    return data.decode("utf-8", errors="replace") if hashlib.sha256(data).hexdigest() == sha else None


# a source's sha256 and what could not be read of it (``stored_partial``), as the caller already read them
Known = Mapping[Path, tuple[str, tuple[str, ...]]]


def _made_of(v: RuleSource, known: Known | None = None) -> list[Any]:
    from policyvc.store.meta import read_meta

    seen = known.get(v.path) if known is not None else None
    if seen is not None and seen[0] == v.sha256:
        partial = seen[1]
    else:  # (``stored_partial`` of the source's bytes, by the digest ``load_sources`` took of them: not read again)
        meta = read_meta(v.path.parent)
        partial = meta.partial if meta is not None and meta.sha256 == v.sha256 else ()
    return [v.sha256, list(partial), code_fingerprint(), libraries()]


def load_sources(store: Path, known: Known | None = None) -> list[RuleSource]:
    """Every stored version as the generator reads it (:func:`policyvc.rules.versions.load_versions`); each AST is
    read only when the generator asks for it (a module to render), from its current ``policy.json`` (``build`` has
    just written them; faster than a parse), and not kept: a store's ASTs are never all in memory.  ``known``:
    sources whose sha256 the caller took this run (not read again)."""
    from policyvc.rules.versions import RuleSource
    from policyvc.store import Store
    from policyvc.store.source import read_source, sha256

    def digest(version: Version) -> str:
        seen = known.get(version.path) if known is not None else None
        return seen[0] if seen is not None else sha256(read_source(version.path))

    the_store = Store(store)
    return [
        RuleSource(_Stored(the_store, version), digest(version))
        for ref in the_store.references()
        for version in the_store.versions(ref)
    ]


class _Stored(Snapshot):
    """A snapshot whose AST is read from the store each time it is asked for (see :func:`load_sources`)."""

    __slots__ = ("_store",)

    def __init__(self, store: Store, version: Version) -> None:  # (the ``policy`` slot stays empty)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "_store", store)

    def __getattr__(self, name: str) -> Any:
        if name != "policy":
            raise AttributeError(name)
        from policyvc.errors import PolicyError
        from policyvc.serialize import from_json

        store: Store = object.__getattribute__(self, "_store")
        stored = store.stored_json(self.version)
        if stored is not None:
            try:
                return from_json(stored, source=str(self.version.folder))
            except PolicyError:
                pass  # a derived file that does not load: the source is the truth
        return store.load(self.version)


def write_changed_rules(store: Path, out: Path, key: str, jobs: int = 1, *, known: Known | None = None) -> list[Path]:
    """Generate the modules into ``out``, keeping each version's module whose inputs and file are unchanged since
    the last run recorded them; record what was written under ``key``.  The paths, as ``write_rules`` gives them.

    ``jobs`` > 1: the modules to render are rendered on that many processes, each reading its version's AST from
    the store (the files are the same, written here in the same order).  ``known``: versions whose source's sha256
    and unread regions the caller read this run (as :func:`load_sources` and ``meta.json`` would give them)."""
    from policyvc.rules.generate import Kept, write_rules

    previous = read_cache(out / RULES_FILE, None) or {}
    files, made, stats = previous.get("files"), previous.get("made"), previous.get("stats")
    files = files if isinstance(files, dict) else {}
    made = made if isinstance(made, dict) else {}
    stats = stats if isinstance(stats, dict) else {}
    inputs: dict[str, list[Any]] = {}  # each module's ``_made_of``, worked out once

    def reuse(rel: str, v: RuleSource) -> str | Kept | None:
        inputs[rel] = _made_of(v, known)
        if made.get(rel) != inputs[rel] or not isinstance(sha := files.get(rel), str):
            return None
        if isinstance(stats.get(rel), list) and _stat(out / rel) == stats[rel]:
            return Kept(sha)  # the size and modification time recorded: the file written (as ``current_rules``)
        return _kept_text(out, rel, sha)

    versions = load_sources(store, known)
    hashes: dict[str, str] = {}
    if jobs > 1:
        with _LazyPool(store, jobs) as pool:
            written = write_rules(store, out, versions=versions, reuse=reuse, submit=pool.submit, digests=hashes)
    else:
        written = write_rules(store, out, versions=versions, reuse=reuse, digests=hashes)
    modules = {p.relative_to(out).as_posix() for p in written}
    by_version = {rel: inputs.get(rel) or _made_of(v, known) for v in versions if (rel := _module_of(v)) in modules}
    hashes = {p.relative_to(out).as_posix(): hashes[p.relative_to(out).as_posix()] for p in written}
    now = {rel: _stat(out / rel) for rel in hashes}
    write_cache(out / RULES_FILE, key, {"files": hashes, "made": by_version, "stats": now})
    return written


class _LazyPool:
    """The rules step's worker processes, started only when a second module waits to be rendered: after one
    version is edited its one module is rendered here, not on a pool forked for it (the fork of the build's
    process was most of that step).  The same function renders a module either way, so the text is the same."""

    def __init__(self, store: Path, jobs: int) -> None:
        self.store, self.jobs = store, jobs
        self.pool: ProcessPoolExecutor | None = None
        self.waiting: dict[int, RuleSource] = {}  # submitted, not yet handed to a worker nor rendered here
        self.futures: dict[int, Future[tuple[str | None, _Failure | None]]] = {}
        self.count = 0

    def __enter__(self) -> _LazyPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown()

    def submit(self, v: RuleSource) -> Callable[[], str | None]:
        n, self.count = self.count, self.count + 1
        self.waiting[n] = v
        if self.pool is None and len(self.waiting) > 1:
            self.pool = ProcessPoolExecutor(self.jobs)
        if self.pool is not None:
            for k, w in self.waiting.items():
                self.futures[k] = self.pool.submit(_render_stored, self.store, w.snapshot.version, w.sha256)
            self.waiting.clear()
        return lambda: self._result(n)

    def _result(self, n: int) -> str | None:
        w = self.waiting.pop(n, None)
        if w is not None:
            return _unpickled(_render_stored(self.store, w.snapshot.version, w.sha256))
        return _unpickled(self.futures.pop(n).result())


# a PolicyError as plain fields (exceptions with keyword-only arguments do not survive pickling): whether it is a
# GenerateError, message, source, line, column, page, context
_Failure = tuple[bool, str, str, int | None, int | None, int | None, str | None]


def _render_stored(store: Path, version: Version, sha256: str) -> tuple[str | None, _Failure | None]:
    """One version's module, rendered in a worker process (its AST read from the store there)."""
    from policyvc.errors import PolicyError
    from policyvc.rules.generate import GenerateError, render_source
    from policyvc.rules.versions import RuleSource

    try:
        return render_source(RuleSource(_Stored(Store(store), version), sha256)), None
    except PolicyError as e:
        return None, (isinstance(e, GenerateError), e.message, e.source, e.line, e.column, e.page, e.context)


def _unpickled(result: tuple[str | None, _Failure | None]) -> str | None:
    """A worker's module text, or its error raised here."""
    from policyvc.errors import PolicyError
    from policyvc.rules.generate import GenerateError

    text, failure = result
    if failure is None:
        return text
    generated, message, source, line, column, page, context = failure
    kind = GenerateError if generated else PolicyError
    raise kind(message, source=source, line=line, column=column, page=page, context=context)


def _module_of(v: RuleSource) -> str:
    from policyvc.rules.generate import module_name, package_name

    return f"{package_name(v.reference)}/{module_name(v.date)}.py"
