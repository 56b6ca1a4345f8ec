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

CACHE_FORMAT = 3  # 3: the file's first line is the sealed body, parts (each sealed) follow it
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


def read_cache(path: Path, key: str | None, parts: Sequence[str] = ()) -> dict[str, Any] | None:
    """The body kept in ``path`` under exactly ``key`` (None: any key — the caller checks what the body records);
    None when missing, unreadable, unsealed or another key's.  ``parts``: the parts kept beside the body
    (:func:`write_cache`) to decode too, returned in the body's ``"parts"`` (each checked against its own seal;
    a part not asked for is neither hashed nor decoded)."""
    from policyvc.store.meta import read_derived

    try:
        raw = read_derived(path)
        cut = raw.find(b"\n")
        data = json.loads(raw[:cut] if cut >= 0 else raw)
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
        if not isinstance(body, dict):
            return None
        if parts:
            kept = data.get("parts")
            if not isinstance(kept, dict) or "parts" in body:
                return None
            body["parts"] = {}
            start = cut + 1
            for name, (size, seal) in kept.items():
                if name in parts:
                    part = raw[start : start + size].decode("utf-8")
                    if len(part.encode("utf-8")) != size or seal != _seal(found, f"{name}\0{part}"):
                        return None
                    body["parts"][name] = json.loads(part)
                start += size
            if body["parts"].keys() != set(parts):
                return None
    except (OSError, ValueError, TypeError):
        return None
    return body


def write_cache(
    path: Path, key: str, body: dict[str, Any], *, sync: bool = True, parts: dict[str, Any] | None = None
) -> None:
    """Keep ``body`` in ``path`` under ``key`` (atomically); a cache that cannot be written is only a slower build.

    ``parts``: large values kept after the body, each with its own seal, so that a reader that does not need one
    neither hashes nor decodes it (a policy's audit: about 0.1 MB of the history's 0.11).
    ``sync=False``: not flushed to the disk first — the file is sealed, so one a crash tore is refused when read,
    and one it lost is made again."""
    from policyvc.atomic import write_bytes

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    text = dumps(body)
    data: dict[str, Any] = {"format": CACHE_FORMAT, "key": key, "seal": _seal(key, text), "body": text}
    tail = []
    if parts is not None:
        data["parts"] = {}
        for name, value in parts.items():
            part = dumps(value)
            tail.append(part.encode("utf-8"))
            data["parts"][name] = [len(tail[-1]), _seal(key, f"{name}\0{part}")]
    head = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")  # (one line: no newline)
    with contextlib.suppress(OSError):
        write_bytes(path, b"\n".join([head, *tail]) + b"\n", sync=sync)


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


# --- the diff and audit of pairs of versions -------------------------------------------------------------------
#
# A policy's pairs (the history's consecutive steps and the other pairs its site pages show) are kept in
# ``<store>/<ref>/.pairs``, each under the key of its two versions (:func:`pair_key`), so that a build after one
# version changed diffs and audits only the pairs that touch it.  The audits are typed objects whose JSON form
# would have to be read back node by node, so they are kept as a pickle — and a pickle is code: the file is
# authenticated with a secret of the user's own (HMAC-SHA256, ``pairs.key`` in the build's cache folder, made on
# first use, readable by the user only), so that a file the user's builds did not write (copied in, committed to
# the store's repository, edited) is never unpickled.  It is also refused when made by other code or libraries.

PAIRS_FILE = ".pairs"  # in a policy's folder of the store
_PAIRS_MAGIC = b"policyvc-pairs 2\n"  # 2: the pickle compressed
_SECRET_FILE = "pairs.key"


def pair_secret(cache_dir: Path) -> bytes | None:
    """The user's secret that authenticates kept pairs (made on first use); None when it cannot be had."""
    import os
    import secrets

    from policyvc.store.meta import read_derived

    path = cache_dir / _SECRET_FILE
    for _ in range(2):
        try:
            data = read_derived(path)
            if len(data) == 64 and os.stat(path).st_mode & 0o077 == 0:
                return bytes.fromhex(data.decode("ascii"))
            return None  # (another's, or readable by others: not a secret)
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            return None
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue  # (another build made it meanwhile: read it)
        except OSError:
            return None
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_hex(32).encode("ascii"))
    return None


def pair_key(old: Keyed, new: Keyed, unread: Sequence[str], store: Path) -> str:
    """The key of the diff and audit of ``old`` → ``new`` (both versions' key material, what was not read of them)."""
    base = input_key("pair", (old, new), store)
    return hashlib.sha256(f"{base}\0{json.dumps(list(unread), ensure_ascii=False)}".encode()).hexdigest()


def _code_stamp() -> bytes:
    return hashlib.sha256(f"{CACHE_FORMAT}\0{code_fingerprint()}\0{libraries()}".encode()).hexdigest().encode()


def read_pairs(path: Path, secret: bytes) -> dict[str, Any]:
    """The pairs kept in ``path`` (pair key → :class:`policyvc.history.audit.PairAudit`); {} when there is no file
    or it is not one this user's builds wrote with this code."""
    import hmac
    import pickle
    import zlib

    from policyvc.history.audit import PairAudit
    from policyvc.store.meta import read_derived

    try:
        data = read_derived(path)
    except OSError:
        return {}
    head = len(_PAIRS_MAGIC)
    stamp, mac, body = data[head : head + 64], data[head + 65 : head + 129], data[head + 130 :]
    if (
        not data.startswith(_PAIRS_MAGIC)
        or stamp != _code_stamp()
        or not hmac.compare_digest(mac, hmac.new(secret, stamp + body, "sha256").hexdigest().encode())
    ):
        return {}
    try:
        pairs = pickle.loads(zlib.decompress(body))  # (authenticated above: written by this user's builds, this code)
    except Exception:  # (a class of other code: a kept file is only a faster build)
        return {}
    if not isinstance(pairs, dict) or not all(
        isinstance(k, str) and isinstance(p, PairAudit) for k, p in pairs.items()
    ):
        return {}
    return pairs


def write_pairs(path: Path, secret: bytes, pairs: dict[str, Any]) -> None:
    """Keep ``pairs`` (pair key → ``PairAudit``) in ``path``, authenticated; a file not written is a slower build."""
    import hmac
    import pickle
    import zlib

    from policyvc.atomic import write_bytes

    body = zlib.compress(pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL), 1)  # (a fifth: 30 KB a policy)
    stamp = _code_stamp()
    mac = hmac.new(secret, stamp + body, "sha256").hexdigest().encode()
    with contextlib.suppress(OSError):  # (not flushed: authenticated, so a torn file is refused when read)
        write_bytes(path, _PAIRS_MAGIC + stamp + b"\n" + mac + b"\n" + body, sync=False)
