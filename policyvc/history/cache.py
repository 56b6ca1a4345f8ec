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
    from policyvc.history.audit import PairAudit
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
# version changed diffs and audits only the pairs that touch it.  Kept data never becomes code: each pair is
# written as plain JSON (:mod:`policyvc.history.codec`: the edit script and the findings, field by field) and read
# back by a decoder that checks every field against its type.  The file is its format line, the stamp of the code
# and libraries that wrote it, the seal (sha256 of stamp and body) and the body, the JSON compressed: a file that
# is damaged, torn, of another format, or written by other code (another code fingerprint, other libraries) is
# not trusted, and its pairs are made again — never an exception.  Like ``.history.json`` it is trusted as far as
# the store folder is: a seal, not a secret (what is read can only be data of the expected types).

PAIRS_FILE = ".pairs"  # in a policy's folder of the store
PAIRS_FORMAT = 3  # 3: typed JSON, compressed (an older format is never read)
_PAIRS_MAGIC = b"policyvc-pairs %d\n" % PAIRS_FORMAT
_PAIRS_MAX = 256 * 1024 * 1024  # the most a kept file's body may inflate to (a policy's is about 0.2 MB)


def pair_key(old: Keyed, new: Keyed, unread: Sequence[str], store: Path) -> str:
    """The key of the diff and audit of ``old`` → ``new`` (both versions' key material, what was not read of them)."""
    base = input_key("pair", (old, new), store)
    return hashlib.sha256(f"{base}\0{json.dumps(list(unread), ensure_ascii=False)}".encode()).hexdigest()


def _code_stamp() -> bytes:
    stamp = f"{PAIRS_FORMAT}\0{CACHE_FORMAT}\0{code_fingerprint()}\0{libraries()}"
    return hashlib.sha256(stamp.encode()).hexdigest().encode()


def read_pairs(path: Path) -> dict[str, PairAudit]:
    """The pairs kept in ``path`` (pair key → :class:`policyvc.history.audit.PairAudit`); {} when there is no file
    or it is not one this code wrote whole (each pair's every field checked as it is read)."""
    import zlib

    from policyvc.history.audit import PairAudit
    from policyvc.history.codec import decode
    from policyvc.store.meta import read_derived

    try:
        data = read_derived(path)
    except OSError:
        return {}
    head = len(_PAIRS_MAGIC)
    stamp, seal, body = data[head : head + 64], data[head + 65 : head + 129], data[head + 130 :]
    if (
        not data.startswith(_PAIRS_MAGIC)
        or stamp != _code_stamp()
        or data[head + 64 : head + 65] != b"\n"
        or data[head + 129 : head + 130] != b"\n"
        or seal != hashlib.sha256(stamp + body).hexdigest().encode()
    ):
        return {}
    try:
        inflate = zlib.decompressobj()
        text = inflate.decompress(body, _PAIRS_MAX)
        if inflate.unconsumed_tail or not inflate.eof:
            return {}  # (larger than any policy's, or cut short)
        kept = json.loads(text)
        if type(kept) is not dict or kept.get("format") != PAIRS_FORMAT or type(kept.get("pairs")) is not dict:
            return {}
        pairs: dict[str, PairAudit] = {}
        for key, value in kept["pairs"].items():
            if len(key) != 64:
                return {}
            pairs[key] = decode(value, PairAudit)
    except (ValueError, TypeError, RecursionError, zlib.error):  # (codec.Damaged is a ValueError)
        return {}
    return pairs


def write_pairs(path: Path, pairs: dict[str, PairAudit]) -> None:
    """Keep ``pairs`` (pair key → ``PairAudit``) in ``path``; a file not written is a slower build."""
    import zlib

    from policyvc.atomic import write_bytes
    from policyvc.history.codec import encode

    try:
        text = json.dumps({"format": PAIRS_FORMAT, "pairs": {k: encode(p) for k, p in pairs.items()}})
    except (TypeError, ValueError):  # (not kept: made again by the next build)
        return
    body = zlib.compress(text.encode("ascii"), 1)  # (about a fifth)
    stamp = _code_stamp()
    seal = hashlib.sha256(stamp + body).hexdigest().encode()
    with contextlib.suppress(OSError):  # (not flushed: sealed, so a torn file is refused when read)
        write_bytes(path, _PAIRS_MAGIC + stamp + b"\n" + seal + b"\n" + body, sync=False)
