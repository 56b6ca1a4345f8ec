"""What one policy's pages are made from: its stored versions, rule modules and the code, read once, and digested."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policyvc.renderer.site_frame import Snap
from policyvc.store.fingerprint import CODE_PACKAGES, CODE_SUFFIXES, code_files, code_fingerprint
from policyvc.store.paths import Version

__all__ = [
    "CODE_PACKAGES",
    "CODE_SUFFIXES",
    "Job",
    "code_files",
    "code_fingerprint",
    "input_key",
    "load_snaps",
    "rule_module",
]


@dataclass(frozen=True, slots=True)
class Job:
    """One policy to render."""

    store_root: Path
    reference: str
    versions: tuple[Version, ...]  # oldest first (listed once for the whole store: a listing per policy is O(store))
    today: dt.date
    rules_root: Path | None


def load_snaps(store_root: Path, versions: Sequence[Version]) -> tuple[tuple[Snap, bytes | None], ...]:
    """The ASTs of ``versions`` (one policy's, oldest first), with the source PDF's bytes when it is a PDF.

    In bulk a current ``policy.json`` (what ``policyvc build`` leaves) reads about 4× faster than a parse of the
    text, once pydantic is loaded; anything else goes through :meth:`Store.load`.
    """
    from policyvc.parser.files import is_pdf
    from policyvc.serialize import from_json
    from policyvc.store import Store
    from policyvc.store.meta import stored_partial

    store = Store(store_root)
    out = []
    for version in versions:
        stored = store.stored_json(version)
        policy = from_json(stored, source=str(version.folder)) if stored is not None else store.load(version)
        path = version.path
        source = path.read_bytes()
        data = source if path.suffix.lower() == ".pdf" else None
        pdf = f"sources/{version.date.isoformat()}.pdf" if data is not None and is_pdf(data) else None
        partial = stored_partial(version.folder, source)
        out.append((Snap(version.date, policy, path.name, pdf, partial), data if pdf else None))
    return tuple(out)


def rule_module(rules_root: Path | None, reference: str, date: dt.date) -> Path | None:
    """``rules/<ref>/v<date>.py`` when the rules generator has written it (the path spellings it may use)."""
    if rules_root is None:
        return None
    ref_names = (reference, reference.lower().replace(".", "_"))
    date_names = (date.isoformat(), date.isoformat().replace("-", "_"), date.strftime("%Y%m%d"))
    for r, d in itertools.product(ref_names, date_names):
        path = rules_root / r / f"v{d}.py"
        if path.is_file():
            return path
    return None


def input_key(job: Job) -> str:
    """What one policy's pages are a function of: the code, each version's source bytes, its rule modules and
    which version is in force (not the date itself: the pages do not print it)."""
    versions = job.versions
    h = hashlib.sha256(code_fingerprint().encode())
    for v in versions:
        h.update(v.date.isoformat().encode() + hashlib.sha256(v.path.read_bytes()).digest())
        module = rule_module(job.rules_root, job.reference, v.date)
        if module is not None:
            h.update(b"rules" + hashlib.sha256(module.read_bytes()).digest())
    current = [v.date for v in versions if v.date <= job.today]
    h.update(f"in force {current[-1].isoformat() if current else 'none'}".encode())
    return h.hexdigest()
