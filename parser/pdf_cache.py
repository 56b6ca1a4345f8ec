"""Content-hash cache of PDF extractions: an unchanged PDF is never extracted twice.

Key: sha256 of the file's bytes, plus a salt from :data:`EXTRACTOR_VERSION` and
the pdfplumber and pdfminer.six versions (bump the constant whenever extraction
changes its output).  Value: the :class:`Extraction` as JSON — never pickle, so
reading the cache cannot run code.  Entries are written atomically; an entry
that does not read back as a well-formed extraction is ignored and rewritten.

Where: ``--cache-dir``, else ``$POLICYVC_CACHE_DIR``, else
``$XDG_CACHE_HOME/policyvc/extract`` (``~/.cache/policyvc/extract``).  A user
cache rather than one inside the store, because the key is the content: the
same PDF in two stores or two clones is extracted once, and the store (a git
repository) never carries derived files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from policyvc.atomic import write_text
from policyvc.parser.heading_marks import marks_from_json
from policyvc.parser.pdf import Extraction, LineOrigin
from policyvc.user_cache import ENV_CACHE_DIR, default_cache_dir

__all__ = ["ENV_CACHE_DIR", "EXTRACTOR_VERSION", "ExtractionCache", "cached_extract", "default_cache_dir"]

EXTRACTOR_VERSION = 24
_FORMAT = 1


@cache
def _salt() -> str:
    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:  # pragma: no cover - both are dependencies
            return "?"

    tag = f"extractor={EXTRACTOR_VERSION};pdfplumber={ver('pdfplumber')};pdfminer.six={ver('pdfminer.six')}"
    return hashlib.sha256(tag.encode()).hexdigest()[:12]


def _to_json(ex: Extraction) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "text": ex.text,
        "origins": [None if o is None else [o.page, o.x0, o.top, o.x1, o.bottom] for o in ex.origins],
        "pages": ex.pages,
        "headings": [list(m) for m in ex.headings],
        "notes": list(ex.notes),
    }


def _from_json(data: Any) -> Extraction | None:
    """The extraction in ``data``, or None for anything that is not exactly a well-formed entry."""
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return None
    text, origins, pages = data.get("text"), data.get("origins"), data.get("pages")
    headings = marks_from_json(data.get("headings"))
    if not isinstance(text, str) or not isinstance(pages, int) or not isinstance(origins, list) or headings is None:
        return None
    notes = data.get("notes", [])
    if not (isinstance(notes, list) and all(isinstance(n, str) for n in notes)):
        return None
    out: list[LineOrigin | None] = []
    for o in origins:
        if o is None:
            out.append(None)
            continue
        if not (isinstance(o, list) and len(o) == 5 and all(isinstance(v, int | float) for v in o)):
            return None
        out.append(LineOrigin(int(o[0]), float(o[1]), float(o[2]), float(o[3]), float(o[4])))
    return Extraction(text, tuple(out), pages, headings, tuple(notes))


@dataclass(frozen=True, slots=True)
class ExtractionCache:
    """Extractions stored as ``<root>/<key[:2]>/<key>.json``."""

    root: Path

    @staticmethod
    def key(data: bytes) -> str:
        """The cache key of a PDF's bytes: content hash and extractor salt."""
        return f"{hashlib.sha256(data).hexdigest()}-{_salt()}"

    @staticmethod
    def file_key(path: Path) -> str:
        """The cache key of a file, hashed in chunks (a large PDF is never read into memory whole)."""
        with path.open("rb") as fh:
            return f"{hashlib.file_digest(fh, 'sha256').hexdigest()}-{_salt()}"

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Extraction | None:
        """The stored extraction, or None when absent or unreadable (a corrupt entry counts as absent)."""
        try:
            raw = self.path(key).read_text(encoding="utf-8")
            return _from_json(json.loads(raw))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return None

    def put(self, key: str, extraction: Extraction) -> None:
        """Store atomically (a concurrent reader sees the old entry or the new one); a full disk is not fatal."""
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
            # ASCII JSON: a lone surrogate from a broken font survives the round trip instead of failing to encode
            write_text(self.path(key), json.dumps(_to_json(extraction), separators=(",", ":")))


def cached_extract(
    path: Path, cache: ExtractionCache | None, extract: Callable[[Path], Extraction]
) -> tuple[Extraction, bool]:
    """Extract ``path`` through the cache; returns the extraction and whether it came from the cache."""
    if cache is None:
        return extract(path), False
    try:
        key = cache.file_key(path)
    except OSError:
        return extract(path), False  # let the extractor name the problem
    hit = cache.get(key)
    if hit is not None:
        return hit, True
    extraction = extract(path)
    try:
        unchanged = cache.file_key(path) == key
    except OSError:
        unchanged = False
    if unchanged:  # never file an extraction under the hash of bytes it was not made from
        cache.put(key, extraction)
    return extraction, False
