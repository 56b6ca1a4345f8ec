"""The version store: ``<store>/<REFERENCE-NUMBER>/<YYYY-MM-DD>/``, one folder per version.

A version folder holds the original source (``policy.txt`` or ``policy.pdf``),
``policy.json`` (the AST, see :mod:`policyvc.serialize`) and ``meta.json``
(reference, date, source name and sha256, revision-log entries, parser version
and fingerprint, when it was ingested).  Only the source is required: a folder
with just ``policy.txt`` is a valid version and :func:`sync_store` fills in the
rest.  The folder date is the date of the latest entry of the version's own
revision log.

``meta.json`` is written last, so a version whose ``meta.json`` names the
sha256 of its source is complete; :func:`load_version` then reads the AST
from ``policy.json`` (about 10× faster than parsing) when the recorded parser
fingerprint is the running parser's, and parses the source otherwise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from policyvc.dates import check_date, in_force
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy
from policyvc.store.source import POLICY_NAMES, parse_source, sha256

POLICY_FILES = POLICY_NAMES
JSON_FILE = "policy.json"
META_FILE = "meta.json"
META_FORMAT = 1
_REF_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One version folder: its policy, its key date and its source file (``path``)."""

    reference: str
    date: dt.date
    path: Path

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def key(self) -> str:
        """``CP.PHAR.295@2026-03-26``, also the version's git tag."""
        return f"{self.reference}@{self.date.isoformat()}"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A revision-log row as ``meta.json`` keeps it (dates as ISO text)."""

    date: dt.date | None
    pt_approval: str | None  # "2021-08"
    description: str


@dataclass(frozen=True, slots=True)
class VersionMeta:
    """The contents of ``meta.json``."""

    reference: str
    date: dt.date
    source: str  # the source file's name in the folder
    sha256: str
    size: int
    revision_log: tuple[LogEntry, ...]
    parser_version: str
    parser_fingerprint: str
    ingested_at: str  # ISO 8601, UTC
    origin: str = ""  # where it was ingested from (a path, or repo:path@commit)

    def to_json(self) -> str:
        data = {
            "format": META_FORMAT,
            "reference": self.reference,
            "date": self.date.isoformat(),
            "source": self.source,
            "sha256": self.sha256,
            "size": self.size,
            "revision_log": [
                {"date": e.date.isoformat() if e.date else None, "pt_approval": e.pt_approval,
                 "description": e.description}
                for e in self.revision_log
            ],
            "parser": {"version": self.parser_version, "fingerprint": self.parser_fingerprint},
            "ingested_at": self.ingested_at,
            "origin": self.origin,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def valid_reference(text: str) -> bool:
    """A policy reference number such as ``CP.PHAR.295`` (safe as a folder name and in a git ref)."""
    return bool(_REF_RE.match(text))


def check_reference(text: str, *, source: str = "<reference>") -> str:
    """``text`` if it is a usable policy reference number, else a :class:`PolicyError` saying what is expected."""
    if not valid_reference(text):
        shown = text if len(text) <= 60 else text[:57] + "…"
        raise PolicyError(
            f"reference number {shown!r} cannot name a policy: expected capital letters and digits "
            "in dot-separated parts, like CP.PHAR.295",
            source=source,
        )
    return text


def folder_date(name: str, *, source: str) -> dt.date:
    """The key date a version folder is named by (strict ``YYYY-MM-DD`` within the range git can hold)."""
    if not _DATE_RE.match(name):
        raise PolicyError("expected a version folder named by its date, YYYY-MM-DD", source=source)
    try:
        value = dt.date.fromisoformat(name)
    except ValueError:
        raise PolicyError(f"version folder {name} is not a real calendar date", source=source) from None
    return check_date(value, source=source, what="version date")


def version_folder(store: Path, reference: str, date: dt.date) -> Path:
    """``<store>/<reference>/<date>``, after checking both parts."""
    check_reference(reference, source=str(store))
    check_date(date, source=str(store), what="version date")
    return store / reference / date.isoformat()


def source_file(folder: Path) -> Path | None:
    """The version's source file, if the folder has one."""
    for name in POLICY_FILES:
        if (folder / name).is_file():
            return folder / name
    return None


def stored_versions(store: Path) -> list[StoredVersion]:
    """Every version in the store, ordered by policy and date.

    Hidden entries (``.git``, the lock, an interrupted ingest's staging folder)
    are not versions and are skipped.
    """
    if not store.is_dir():
        raise PolicyError("no version store here (give one with --store DIR)", source=str(store))
    out: list[StoredVersion] = []
    for ref_dir in sorted(p for p in store.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not valid_reference(ref_dir.name):
            raise PolicyError(
                "expected a policy reference number like CP.PHAR.295 as the folder name", source=str(ref_dir)
            )
        for ver_dir in sorted(p for p in ref_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            date = folder_date(ver_dir.name, source=str(ver_dir))
            src = source_file(ver_dir)
            if src is None:
                raise PolicyError(
                    f"expected a policy file ({', '.join(POLICY_FILES)}) in this version", source=str(ver_dir)
                )
            out.append(StoredVersion(ref_dir.name, date, src))
    return out


def known_references(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.is_dir() and valid_reference(p.name))


def versions_of(store: Path, reference: str) -> list[StoredVersion]:
    """The versions of one policy, oldest first; a clear error for an unknown policy id."""
    check_reference(reference, source=str(store))
    if not store.is_dir():
        raise PolicyError("no version store here (give one with --store DIR)", source=str(store))
    if not (store / reference).is_dir():
        known = known_references(store)
        holds = f"it holds {', '.join(known)}" if known else "it holds no policies yet"
        raise PolicyError(f"no policy {reference} in this store; {holds}", source=str(store))
    versions = [v for v in stored_versions(store) if v.reference == reference]
    if not versions:
        raise PolicyError(f"policy {reference} has no stored versions", source=str(store / reference))
    return versions


def version_in_force(store: Path, reference: str, date: dt.date) -> StoredVersion:
    """The latest version of ``reference`` whose key date is on or before ``date``."""
    return in_force(versions_of(store, reference), date, what=f"version of {reference}", source=str(store))


# --- meta.json and policy.json -----------------------------------------------------


@cache
def parser_fingerprint() -> str:
    """A hash of the parser's code and grammar: a stored ``policy.json`` is reused only under the same parser."""
    parts: list[tuple[str, bytes]] = []
    for package, suffix in (("policyvc.parser", ".py"), ("policyvc.grammar", ".lark")):
        for item in resources.files(package).iterdir():
            if item.name.endswith(suffix) and item.is_file():
                parts.append((f"{package}/{item.name}", item.read_bytes()))
    parts.append(("policyvc/serialize.py", resources.files("policyvc").joinpath("serialize.py").read_bytes()))
    text = b"".join(name.encode() + b"\0" + sha256(data).encode() + b"\n" for name, data in sorted(parts))
    return sha256(text)[:16]


def parser_version() -> str:
    from policyvc import __version__

    return __version__


def log_entries(policy: Policy) -> tuple[LogEntry, ...]:
    return tuple(
        LogEntry(e.date, str(e.pt_approval) if e.pt_approval else None, e.description) for e in policy.revision_log
    )


def key_date(policy: Policy, *, source: str) -> dt.date:
    """The date a version is filed under: its latest revision-log entry, checked for git and the store."""
    dates = [e.date for e in policy.revision_log if e.date is not None]
    if not dates:
        raise PolicyError(
            "the revision log has no dated entry: a version is filed under its latest revision-log date",
            source=source,
        )
    for e in policy.revision_log:  # every log date goes into commit messages and history: all must be real
        if e.date is not None:
            try:
                check_date(e.date, source=source, what="revision-log date")
            except PolicyError as exc:
                exc.line, exc.page = (e.span.line or None), e.span.page
                raise
    return max(dates)


def _entry(raw: Any, source: str) -> LogEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("description"), str):
        raise PolicyError("meta.json: a revision_log entry is not {date, pt_approval, description}", source=source)
    date = raw.get("date")
    pt = raw.get("pt_approval")
    try:
        parsed = dt.date.fromisoformat(date) if isinstance(date, str) and _DATE_RE.match(date) else None
    except ValueError:
        parsed = None
    if date is not None and parsed is None:
        raise PolicyError(f"meta.json: revision_log date {date!r} is not YYYY-MM-DD", source=source)
    return LogEntry(parsed, pt if isinstance(pt, str) else None, raw["description"])


def parse_meta(text: str | bytes, *, source: str) -> VersionMeta:
    """Read ``meta.json`` text, checking every field that later reaches a path or git."""
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PolicyError(f"meta.json is not JSON ({exc})", source=source) from None
    if not isinstance(raw, dict) or raw.get("format") != META_FORMAT:
        raise PolicyError(f"meta.json: expected an object with \"format\": {META_FORMAT}", source=source)
    ref, date, src, digest = raw.get("reference"), raw.get("date"), raw.get("source"), raw.get("sha256")
    if not isinstance(ref, str) or not valid_reference(ref):
        raise PolicyError("meta.json: reference is not a policy reference number", source=source)
    if not isinstance(date, str) or not _DATE_RE.match(date):
        raise PolicyError("meta.json: date is not YYYY-MM-DD", source=source)
    if src not in POLICY_FILES or not isinstance(digest, str) or not _SHA_RE.match(digest):
        raise PolicyError("meta.json: source and sha256 are not a policy file and its hash", source=source)
    parser = raw["parser"] if isinstance(raw.get("parser"), dict) else {}
    log = raw.get("revision_log")
    if not isinstance(log, list):
        raise PolicyError("meta.json: revision_log is not a list", source=source)
    try:
        day = folder_date(date, source=source)
    except PolicyError as exc:
        raise PolicyError(f"meta.json: {exc.message}", source=source) from None
    return VersionMeta(
        reference=ref,
        date=day,
        source=src,
        sha256=digest,
        size=raw["size"] if isinstance(raw.get("size"), int) else 0,
        revision_log=tuple(_entry(e, source) for e in log),
        parser_version=str(parser.get("version", "")),
        parser_fingerprint=str(parser.get("fingerprint", "")),
        ingested_at=str(raw.get("ingested_at", "")),
        origin=str(raw.get("origin", "")),
    )


def read_meta(folder: Path) -> VersionMeta | None:
    """The folder's ``meta.json``, or ``None`` when it is missing or unreadable (it can be rebuilt)."""
    try:
        return parse_meta((folder / META_FILE).read_bytes(), source=str(folder / META_FILE))
    except (OSError, PolicyError):
        return None


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def make_meta(policy: Policy, data: bytes, name: str, *, date: dt.date, origin: str,
              ingested_at: str | None = None) -> VersionMeta:  # fmt: skip
    return VersionMeta(
        reference=policy.reference_number,
        date=date,
        source=name,
        sha256=sha256(data),
        size=len(data),
        revision_log=log_entries(policy),
        parser_version=parser_version(),
        parser_fingerprint=parser_fingerprint(),
        ingested_at=ingested_at or now_utc(),
        origin=origin,
    )


def stored_as(reference: str, date: dt.date, name: str) -> str:
    """The source name recorded in a stored AST: stable, relative to the store."""
    return f"{reference}/{date.isoformat()}/{name}"


def is_current(meta: VersionMeta | None, src: Path, data: bytes) -> bool:
    """Whether ``meta.json`` and ``policy.json`` describe exactly this source under the running parser."""
    return (
        meta is not None
        and meta.source == src.name
        and meta.sha256 == sha256(data)
        and meta.parser_fingerprint == parser_fingerprint()
        and (src.parent / JSON_FILE).is_file()
    )


def cached_json(version: StoredVersion) -> str | None:
    """The stored ``policy.json`` text when it is current for the source and the running parser, else ``None``."""
    from policyvc.store.source import read_source

    if not is_current(read_meta(version.folder), version.path, read_source(version.path)):
        return None
    try:
        return (version.folder / JSON_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def load_version(version: StoredVersion, *, use_json: bool = True) -> Policy:
    """The version's AST: from ``policy.json`` when it is current for the source, else parsed from the source.

    Reading ``policy.json`` is ~10× faster than parsing once pydantic is
    loaded, but loading pydantic costs ~150 ms: a short-lived process that
    loads one version is faster with ``use_json=False``.
    """
    from policyvc.store.source import read_source

    data = read_source(version.path)
    name = stored_as(version.reference, version.date, version.path.name)
    if use_json and is_current(read_meta(version.folder), version.path, data):
        from policyvc.serialize import from_json

        try:
            return from_json((version.folder / JSON_FILE).read_bytes(), source=str(version.folder / JSON_FILE))
        except (OSError, PolicyError):
            pass  # a damaged cache: the source is the truth
    return parse_source(data, str(version.path), stored_as=name)


def revision_log_of(version: StoredVersion) -> tuple[LogEntry, ...]:
    """The version's revision log, from ``meta.json`` when it matches the source, else by parsing."""
    from policyvc.store.source import read_source

    meta = read_meta(version.folder)
    data = read_source(version.path)
    if meta is not None and meta.sha256 == sha256(data):
        return meta.revision_log
    return log_entries(load_version(version))


def new_entries(current: tuple[LogEntry, ...], previous: tuple[LogEntry, ...]) -> tuple[LogEntry, ...]:
    """The entries of ``current`` that ``previous`` (the version before it) does not have."""
    seen = {(e.date, e.description) for e in previous}
    return tuple(e for e in current if (e.date, e.description) not in seen)


# --- bringing folders up to date ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What :func:`sync_store` did: files written and findings (misfiled versions)."""

    versions: int
    written: tuple[Path, ...]
    findings: tuple[str, ...]
    committed: tuple[str, ...] = ()  # commit shas, when asked to commit


def clean_leftovers(folder: Path) -> None:
    """Remove what an interrupted writer left in ``folder``: temp files and staging folders.

    Only call this holding the store lock: then no other writer is using them.
    """
    import contextlib
    import shutil

    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.name.startswith(".ingest-") and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".") and p.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                p.unlink()


def write_version_files(folder: Path, policy: Policy, meta: VersionMeta) -> list[Path]:
    """Write ``policy.json`` then ``meta.json`` (last: it marks the version complete), atomically."""
    from policyvc.atomic import write_text
    from policyvc.serialize import to_json

    write_text(folder / JSON_FILE, to_json(policy))
    write_text(folder / META_FILE, meta.to_json())
    return [folder / JSON_FILE, folder / META_FILE]


def sync_store(store: Path, *, commit: bool = False, parsed: Mapping[Path, Policy] | None = None) -> SyncResult:
    """Bring every version folder up to date: write missing or outdated ``policy.json`` / ``meta.json``.

    A version whose parsed reference number or latest revision-log date
    disagrees with its folder name is reported as a finding (``build`` exits
    1).  With ``commit``, the store's git branch is brought up to date too.
    ``parsed`` maps source paths to ASTs the caller already has (``build``
    parses in parallel, PDFs through the extraction cache): those are not
    parsed again.
    """
    from policyvc.store.lock import store_lock
    from policyvc.store.source import read_source

    written: list[Path] = []
    findings: list[str] = []
    touched: list[tuple[str, dt.date]] = []
    with store_lock(store):
        versions = stored_versions(store)
        for ref_dir in {v.folder.parent for v in versions}:
            clean_leftovers(ref_dir)
        for v in versions:
            clean_leftovers(v.folder)
            data = read_source(v.path)
            meta = read_meta(v.folder)
            if is_current(meta, v.path, data) and meta is not None:
                reference, date = meta.reference, meta.date
            else:
                label = stored_as(v.reference, v.date, v.path.name)
                known = parsed.get(v.path) if parsed is not None else None
                if known is not None:
                    policy = dataclasses.replace(known, source_name=label)
                else:
                    policy = parse_source(data, str(v.path), stored_as=label)
                reference = policy.reference_number
                try:
                    date = key_date(policy, source=str(v.path))
                except PolicyError as exc:
                    findings.append(f"{v.path}: {exc.message}")
                    continue
                keep = meta if meta is not None and meta.sha256 == sha256(data) else None
                new_meta = make_meta(
                    policy, data, v.path.name, date=date, origin=keep.origin if keep else str(v.path),
                    ingested_at=keep.ingested_at if keep else None,
                )  # fmt: skip
                written.extend(write_version_files(v.folder, policy, new_meta))
                touched.append((v.reference, v.date))
            if reference != v.reference:
                findings.append(f"{v.path}: filed under {v.reference} but its reference number is {reference}")
            if date != v.date:
                findings.append(
                    f"{v.path}: filed under {v.date} but its latest revision-log entry is dated {date.isoformat()}"
                )
        shas: list[str] = []
        if commit:
            from policyvc.store.git import record

            shas = [c.sha for c in record(store, touched=touched).written]
    return SyncResult(len(versions), tuple(written), tuple(findings), tuple(shas))
