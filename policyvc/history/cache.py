"""Derived results kept between builds: sealed JSON files, each valid only under the key of its inputs.

A build keeps one per policy (``<store>/<ref>/.history.json``: what ``build`` reports of each version and the
policy's history) and one per rule folder (``<rules>/.policyvc-rules``).  The *key* is the digest of
everything the result is a function of — each version's source bytes, where it is filed, what ``--recover``
left unread, the key given at ingest (``--ref``/``--date``), the code that made it
(:func:`policyvc.store.fingerprint.code_fingerprint`, which covers the parser and grammar too) and the
versions of the libraries that read the documents and write the modules.  Like ``meta.json`` the file
carries a *seal*, the sha256 of its key and body: a damaged, edited, foreign or symbolic-link file, one of
another format or under another key is never trusted — the caller recomputes and writes it again.  The body is
kept as JSON text inside the file, so the seal is checked on the bytes as read (a policy's kept audit is about
100 KB: re-serialising it to check a seal cost more than reading it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.store.fingerprint import code_fingerprint
from policyvc.store.paths import Version

if TYPE_CHECKING:
    from policyvc.store.meta import VersionMeta

CACHE_FORMAT = 2
HISTORY_FILE = ".history.json"  # in a policy's folder of the store


@dataclass(frozen=True, slots=True)
class Keyed:
    """One version as a cache key sees it: where it is filed, its source's sha256, what could not be read."""

    version: Version
    sha256: str
    partial: tuple[str, ...]
    given: tuple[str, ...] = ()  # the key given at ingest (--ref/--date) for these bytes: "reference=…", "date=…"
    # the sealed ``meta.json`` read with it (None: none), passed on so that the build's later steps do not read
    # and parse it again; not part of the key
    meta: VersionMeta | None = field(default=None, compare=False, repr=False)


def keyed(version: Version) -> Keyed | None:
    """The version's key material (its source read once), or None when the source cannot be read."""
    from policyvc.store.meta import read_meta

    try:
        data = version.path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data).hexdigest()
    meta = read_meta(version.folder)
    if meta is None or meta.sha256 != digest:
        return Keyed(version, digest, (), meta=meta)
    values = {"reference": meta.reference, "date": meta.date.isoformat()}
    given = tuple(f"{f}={values.get(f, '')}" for f in meta.overridden)
    return Keyed(version, digest, meta.partial, given, meta=meta)


@cache
def libraries() -> str:
    """The versions of the libraries that read the documents and write the modules (an upgrade may change them)."""
    from importlib import metadata

    found = []
    for name in ("lark", "pdfplumber", "pdfminer.six", "jinja2", "python-docx"):
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return " ".join(found)


def input_key(kind: str, versions: Iterable[Keyed], store: Path) -> str:
    """The digest of ``versions`` (paths relative to ``store``) under the running code and libraries, for results
    of ``kind``."""
    h = hashlib.sha256(f"{kind}\0{CACHE_FORMAT}\0{code_fingerprint()}\0{libraries()}\n".encode())
    for k in versions:
        rel = k.version.path.relative_to(store).as_posix()
        h.update(json.dumps([rel, k.sha256, list(k.partial), list(k.given)], ensure_ascii=False).encode() + b"\n")
    return h.hexdigest()


def _seal(key: str, body: str) -> str:
    return hashlib.sha256(f"{CACHE_FORMAT}\0{key}\0{body}".encode()).hexdigest()


def read_cache(path: Path, key: str | None) -> dict[str, Any] | None:
    """The body kept in ``path`` under exactly ``key`` (None: any key — the caller checks what the body records);
    None when missing, unreadable, unsealed or another key's."""
    from policyvc.store.meta import read_derived

    try:
        data = json.loads(read_derived(path))
        if (
            not isinstance(data, dict)
            or data.get("format") != CACHE_FORMAT
            or not isinstance(found := data.get("key"), str)
            or (key is not None and found != key)
            or not isinstance(text := data.get("body"), str)
            or data.get("seal") != _seal(found, text)
        ):
            return None
        body = json.loads(text)
    except (OSError, ValueError):
        return None
    return body if isinstance(body, dict) else None


def write_cache(path: Path, key: str, body: dict[str, Any], *, sync: bool = True) -> None:
    """Keep ``body`` in ``path`` under ``key`` (atomically); a cache that cannot be written is only a slower build.

    ``sync=False``: not flushed to the disk first — the file is sealed, so one a crash tore is refused when read,
    and one it lost is made again."""
    from policyvc.atomic import write_bytes

    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    data: dict[str, Any] = {"format": CACHE_FORMAT, "key": key, "seal": _seal(key, text), "body": text}
    with contextlib.suppress(OSError):
        write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), sync=sync)


def still_valid(body: dict[str, Any], today: dt.date) -> bool:
    """Whether a body that depends on today's date (a revision-log date in the future is a warning) still holds:
    made on or before ``today`` and before the first such date it saw (``until``)."""
    made, until = body.get("made"), body.get("until")
    try:
        if not isinstance(made, str) or dt.date.fromisoformat(made) > today:
            return False
        return until is None or (isinstance(until, str) and today < dt.date.fromisoformat(until))
    except ValueError:
        return False


def first_after(dates: Sequence[dt.date | None], today: dt.date) -> dt.date | None:
    """The earliest of ``dates`` after ``today`` (when a warning about it stops being true), or None."""
    later = [d for d in dates if d is not None and d > today]
    return min(later) if later else None
