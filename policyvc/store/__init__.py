"""The version store: every stored version of every policy, loaded once, and the one rule for "in force".

    >>> from policyvc.store import Store
    >>> store = Store(Path("policy_versions"))
    >>> history = store.history("CP.PHAR.295")
    >>> history.at(dt.date(2025, 12, 31)).date
    datetime.date(2025, 4, 14)

Versions live in ``<root>/<REFERENCE-NUMBER>/<YYYY-MM-DD>/`` (:mod:`.paths`);
``meta.json`` says what a version is without parsing it (:mod:`.meta`);
:mod:`.writer` writes folders for :mod:`.ingest` and :mod:`.sync`;
:mod:`.git` records them as commits; :mod:`.log` lists them.  Every reader —
``diff``, ``audit``, ``blame``, ``show``, ``build``, the rules and the site —
loads versions through :meth:`Store.load`, so no PDF is extracted twice.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from policyvc.dates import in_force
from policyvc.parser import parse_file_report
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy
from policyvc.store.meta import JSON_FILE, current_json, read_meta, stored_partial
from policyvc.store.paths import Version, check_reference, known_references, stored_as, stored_versions, versions_of
from policyvc.store.source import PDF_NAME, read_source

__all__ = ["History", "Snapshot", "Store", "Version"]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A stored version with its AST."""

    version: Version
    policy: Policy

    @property
    def date(self) -> dt.date:
        return self.version.date

    @property
    def reference(self) -> str:
        return self.version.reference

    @property
    def unread(self) -> tuple[str, ...]:
        """What could not be read of the stored source (filed with ``--recover``: one line per region); () when it
        was read whole."""
        return stored_partial(self.version.folder, read_source(self.version.path))


@dataclass(frozen=True, slots=True)
class History:
    """One policy's versions, oldest first, with the version in force on any date."""

    reference: str
    snapshots: tuple[Snapshot, ...]
    source: str = "<history>"  # how errors name the store

    def __iter__(self) -> Iterator[Snapshot]:
        return iter(self.snapshots)

    def __len__(self) -> int:
        return len(self.snapshots)

    def __getitem__(self, index: int) -> Snapshot:
        return self.snapshots[index]

    @property
    def latest(self) -> Snapshot:
        if not self.snapshots:
            raise PolicyError(f"policy {self.reference} has no stored versions", source=self.source)
        return self.snapshots[-1]

    def at(self, date: dt.date) -> Snapshot:
        """The version in force on ``date``: the latest dated on or before it."""
        return in_force(self.snapshots, date, what=f"version of {self.reference}", source=self.source)

    def pairs(self) -> Iterator[tuple[Snapshot, Snapshot]]:
        """Consecutive versions, oldest pair first."""
        return itertools.pairwise(self.snapshots)

    def dated(self) -> list[tuple[dt.date, Policy]]:
        """``(date, policy)`` pairs, the form :func:`~policyvc.history.audit.audit` and blame take."""
        return [(s.date, s.policy) for s in self.snapshots]


class Store:
    """A version store rooted at ``root``.  Loaded ASTs are kept for the life of the object.

    ``cache_dir`` is the PDF extraction cache: ``True`` (the default) for the
    user cache, a folder, or ``False`` / ``None`` for no cache.
    """

    def __init__(self, root: Path, *, cache_dir: Path | bool | None = True) -> None:
        self.root = Path(root)
        if cache_dir is True:
            from policyvc.user_cache import default_cache_dir

            cache_dir = default_cache_dir()
        self.cache_dir: Path | None = cache_dir or None
        self._loaded: dict[Version, Policy] = {}

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    def references(self) -> list[str]:
        """The reference numbers of the policies in the store, sorted."""
        if not self.root.is_dir():
            raise PolicyError("no version store here (give one with --store DIR)", source=str(self.root))
        return known_references(self.root)

    def all_versions(self) -> list[Version]:
        """Every version of every policy, by policy and date."""
        return stored_versions(self.root)

    def versions(self, reference: str) -> tuple[Version, ...]:
        """The versions of one policy, oldest first; an unknown id is an error listing the known ones."""
        return tuple(versions_of(self.root, reference))

    def load(self, version: Version) -> Policy:
        """The version's AST: ``policy.json`` when it is current for a PDF source, else a parse.

        A current ``policy.json`` saves a PDF's extraction (≈0.5 s); for a text
        source a parse (≈10 ms) is faster than loading pydantic to read the JSON
        (≈150 ms once).  PDFs are parsed through the extraction cache.
        """
        known = self._loaded.get(version)
        if known is not None:
            return known
        name = stored_as(version.reference, version.date, version.path.name)
        data = read_source(version.path)
        policy: Policy | None = None
        derived = current_json(read_meta(version.folder), version.path, data) if version.path.name == PDF_NAME else None
        if derived is not None:
            from policyvc.serialize import from_json

            try:
                policy = from_json(derived, source=str(version.folder / JSON_FILE))
            except PolicyError:
                policy = None  # a damaged derived file: the source is the truth
        if policy is None:
            recover = bool(stored_partial(version.folder, data))  # stored with --recover: read it the same way
            report = parse_file_report(version.path, recover=recover, cache_dir=self.cache_dir).single(
                str(version.path)
            )
            policy = replace(report.policy, source_name=name)
        self._loaded[version] = policy
        return policy

    def stored_json(self, version: Version) -> str | None:
        """The stored ``policy.json`` text when it is current for the source and the running parser."""
        derived = current_json(read_meta(version.folder), version.path, read_source(version.path))
        try:
            return None if derived is None else derived.decode("utf-8")  # the bytes meta.json vouches for
        except UnicodeDecodeError:
            return None

    def history(self, reference: str) -> History:
        """Every stored version of ``reference`` with its AST, oldest first."""
        versions = self.versions(check_reference(reference, source=str(self.root)))
        snapshots = tuple(Snapshot(v, self.load(v)) for v in versions)
        return History(reference, snapshots, source=f"{self.root}/{reference}")

    def in_force(self, reference: str, date: dt.date) -> Version:
        """The version of ``reference`` in force on ``date`` (nothing is parsed)."""
        return in_force(self.versions(reference), date, what=f"version of {reference}", source=str(self.root))
