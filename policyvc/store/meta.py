"""``meta.json``: what is known of a stored version without parsing it, and when ``policy.json`` is current.

``meta.json`` records the reference, the key date, the source's name, size and
sha256, the revision log, the parser's version and fingerprint, when and from
where the version was ingested.  It is written last, so a version whose
``meta.json`` names the sha256 of its source is complete; ``policy.json`` (the
AST) is reused only under the same parser fingerprint.

Derived files are never trusted blindly: ``meta.json`` records the sha256 of
the ``policy.json`` written with it and a *seal* (the sha256 of its own
canonical content), so an edited revision log or an edited, replaced or
symlinked ``policy.json`` is not current — readers go back to the source and
the next sync rewrites both from it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from policyvc.dates import check_date
from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy, RevisionEntry, YearMonth
from policyvc.store.paths import DATE_RE, POLICY_FILES, check_reference, folder_date, valid_reference
from policyvc.store.source import sha256

JSON_FILE = "policy.json"
META_FILE = "meta.json"
REPLACED_DIR = ".replaced"  # in a version folder: every source it held before ``--replace``, one folder each
META_FORMAT = 1
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class VersionMeta:
    """The contents of ``meta.json``."""

    reference: str
    date: dt.date
    source: str  # the source file's name in the folder
    sha256: str
    size: int
    revision_log: tuple[RevisionEntry, ...]
    parser_version: str
    parser_fingerprint: str
    ingested_at: str  # ISO 8601, UTC
    origin: str = ""  # where it was ingested from (a path, or repo:path@commit)
    partial: tuple[str, ...] = ()  # stored with --recover: one line per region that could not be read
    json_sha256: str = ""  # the sha256 of the policy.json written with it
    sealed: bool = True  # read back: whether its seal matched its content (else it was edited, or is too old)
    template: str = "centene-pharmacy"  # the template the document was read with
    overridden: tuple[
        str, ...
    ] = ()  # of "reference", "date": given at ingest (--ref/--date), not stated by the document

    def to_json(self) -> str:
        data = {
            "format": META_FORMAT,
            "reference": self.reference,
            "date": self.date.isoformat(),
            "source": self.source,
            "sha256": self.sha256,
            "size": self.size,
            "revision_log": [
                {
                    "date": e.date.isoformat() if e.date else None,
                    "pt_approval": str(e.pt_approval) if e.pt_approval else None,
                    "description": e.description,
                }
                for e in self.revision_log
            ],
            "parser": {"version": self.parser_version, "fingerprint": self.parser_fingerprint},
            "ingested_at": self.ingested_at,
            "origin": self.origin,
            "partial": list(self.partial),
            "json_sha256": self.json_sha256,
            "template": self.template,
        }
        if self.overridden:  # (written only when given: every other meta.json stays as it was)
            data["overridden"] = list(self.overridden)
        data["seal"] = _seal(data)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _seal(data: dict[str, Any]) -> str:
    """The sha256 of ``meta.json``'s canonical content (without its seal): an edit by hand breaks it."""
    body = {k: v for k, v in data.items() if k != "seal"}
    return sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))


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


def log_entries(policy: Policy) -> tuple[RevisionEntry, ...]:
    """The policy's revision log as ``meta.json`` keeps it."""
    return policy.revision_log


def store_reference(policy: Policy) -> str:
    """The reference a version is filed under: the policy's own identifier as it writes it, upper-cased
    (``CP.PHAR.295``, ``MP-7.01.69``, ``00112``, ``L38902``); an identifier written with other separators
    (``Policy # 10.01.520`` is ``10.01.520``; ``RX 2041``) gets dots between its parts, and ``POLICY.`` in front when
    even that is no reference (see :func:`policyvc.store.paths.valid_reference`)."""
    ref = policy.reference_number
    if policy.template == "centene-pharmacy" or valid_reference(ref):
        return ref
    return _filed(ref)


def _filed(ref: str) -> str:
    """Another payer's identifier as the store files it (see :func:`store_reference`)."""
    upper = ref.strip().upper()
    if valid_reference(upper):
        return upper
    parts = [p for p in re.split(r"[^A-Z0-9]+", upper) if p]
    key = ".".join(parts)
    return key if valid_reference(key) else f"POLICY.{key}" if key else ref


# an identifier given with ``ingest --ref``: letters and digits in parts joined by one dot or hyphen (``152``,
# ``GL-162045``, ``2.04.83``) — matched whole, so no path, space or git syntax can pass
_GIVEN_REFERENCE = re.compile(r"[A-Za-z0-9]{1,20}(?:[.-][A-Za-z0-9]{1,20}){0,5}")


def given_reference(text: str, *, source: str) -> str:
    """The reference a ``--ref`` names, filed as the document's own identifier would be (``152`` → ``152``,
    ``gl-162045`` → ``GL-162045``); a text that is no identifier is a :class:`PolicyError`."""
    if valid_reference(text):
        return text
    if _GIVEN_REFERENCE.fullmatch(text) is None:
        return check_reference(text, source=source)  # (raises: says what is expected)
    return check_reference(_filed(text), source=source)


def named_reference(value: str) -> str:
    """A policy named on the command line, as the store files it: a reference number in any case
    (``cp.phar.295`` → ``CP.PHAR.295``), another payer's identifier as the document prints it (``rx-2041`` →
    ``RX-2041``, ``0086``), so a user can name a policy by the number written on it; a store filed under the
    earlier form (``RX.2041``, ``POLICY.0086``) finds it too (:func:`policyvc.store.paths.same_policy`).

    Anything that is no identifier is passed on as given, for the store to refuse in its own words.
    """
    upper = value.strip().upper()
    if valid_reference(upper):
        return upper
    try:
        return given_reference(value.strip(), source="<reference>")  # (full-match checked: no path or git syntax)
    except PolicyError:
        return value


OVERRIDABLE = ("reference", "date")


def filed_key(policy: Policy, meta: VersionMeta | None, data: bytes, *, source: str) -> tuple[str, dt.date]:
    """The key a stored version is filed under: its own reference and key date, except what ``meta.json``
    records as given at ingest (``--ref`` / ``--date``, for a document that states none) for these bytes."""
    given = meta.overridden if meta is not None and meta.sha256 == sha256(data) else ()
    reference = meta.reference if meta is not None and "reference" in given else store_reference(policy)
    date = meta.date if meta is not None and "date" in given else key_date(policy, source=source)
    return reference, date


def states_date(policy: Policy) -> bool:
    """Whether the document states a date a version can be filed under (a dated log entry, or for an
    outline-read document an effective or review date)."""
    if any(e.date is not None for e in policy.revision_log):
        return True
    return policy.template != "centene-pharmacy" and _stated_date(policy) is not None


def _stated_date(policy: Policy) -> dt.date | None:
    """A document without a revision log: its effective date, or its last review, whichever is later."""
    h = policy.header
    dates = [d for d in (h.effective_date, h.last_review) if isinstance(d, dt.date)]
    return max(dates) if dates else None


def key_date(policy: Policy, *, source: str) -> dt.date:
    """The date a version is filed under: its latest revision-log entry (for a document read by its
    outline that has none, its effective or last review date), checked for git and the store."""
    dates = [e.date for e in policy.revision_log if e.date is not None]
    if not dates and policy.template != "centene-pharmacy" and (stated := _stated_date(policy)) is not None:
        return check_date(stated, source=source, what="effective date")
    if not dates and policy.template != "centene-pharmacy":
        raise PolicyError(
            "the document states no dated history and no effective or review date: "
            "a version is filed under its latest dated change",
            source=source,
        )
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


def _entry(raw: Any, source: str) -> RevisionEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("description"), str):
        raise PolicyError("meta.json: a revision_log entry is not {date, pt_approval, description}", source=source)
    date = raw.get("date")
    pt = raw.get("pt_approval")
    try:
        parsed = dt.date.fromisoformat(date) if isinstance(date, str) and DATE_RE.fullmatch(date) else None
    except ValueError:
        parsed = None
    if date is not None and parsed is None:
        raise PolicyError(f"meta.json: revision_log date {date!r} is not YYYY-MM-DD", source=source)
    month = _MONTH_RE.fullmatch(pt) if isinstance(pt, str) else None
    try:
        pt_approval = YearMonth(int(month.group(1)), int(month.group(2))) if month else None
    except ValueError:
        pt_approval = None
    return RevisionEntry(raw["description"], parsed, pt_approval)


def parse_meta(text: str | bytes, *, source: str) -> VersionMeta:
    """Read ``meta.json`` text, checking every field that later reaches a path or git."""
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PolicyError(f"meta.json is not JSON ({exc})", source=source) from None
    if not isinstance(raw, dict) or raw.get("format") != META_FORMAT:
        raise PolicyError(f'meta.json: expected an object with "format": {META_FORMAT}', source=source)
    ref, date, src, digest = raw.get("reference"), raw.get("date"), raw.get("source"), raw.get("sha256")
    if not isinstance(ref, str) or not valid_reference(ref):
        raise PolicyError("meta.json: reference is not a policy reference number", source=source)
    if not isinstance(date, str) or not DATE_RE.fullmatch(date):
        raise PolicyError("meta.json: date is not YYYY-MM-DD", source=source)
    if src not in POLICY_FILES or not isinstance(digest, str) or not _SHA_RE.fullmatch(digest):
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
        partial=tuple(str(x) for x in raw.get("partial") or () if isinstance(x, str)),
        json_sha256=raw["json_sha256"] if isinstance(raw.get("json_sha256"), str) else "",
        sealed=raw.get("seal") == _seal(raw),
        template=str(raw.get("template") or "centene-pharmacy"),
        overridden=tuple(x for x in OVERRIDABLE if x in (raw.get("overridden") or ())),
    )


def read_meta(folder: Path) -> VersionMeta | None:
    """The folder's ``meta.json``, or ``None`` when it is missing, unreadable, a symbolic link or edited since it
    was written (its seal does not match): every such version is read from its source and can be rebuilt."""
    try:
        meta = parse_meta(read_derived(folder / META_FILE), source=str(folder / META_FILE))
    except (OSError, PolicyError):
        return None
    return meta if meta.sealed else None


def read_derived(path: Path) -> bytes:
    """A derived file's bytes, never through a symbolic link (``OSError`` for one: the file is not trusted)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def make_meta(
    policy: Policy,
    data: bytes,
    name: str,
    *,
    date: dt.date,
    origin: str,
    ingested_at: str | None = None,
    partial: tuple[str, ...] = (),
    reference: str = "",
    overridden: tuple[str, ...] = (),
) -> VersionMeta:
    """``reference``: the one given at ingest for a document that states none (else its own)."""
    return VersionMeta(
        reference=reference or store_reference(policy),
        date=date,
        source=name,
        sha256=sha256(data),
        size=len(data),
        revision_log=log_entries(policy),
        parser_version=parser_version(),
        parser_fingerprint=parser_fingerprint(),
        ingested_at=ingested_at or now_utc(),
        origin=origin,
        partial=partial,
        template=policy.template,
        overridden=overridden,
    )


def stored_partial(folder: Path, data: bytes) -> tuple[str, ...]:
    """What ``meta.json`` says could not be read of exactly these source bytes (a version stored with
    ``--recover``): such a version is read back the same way, keeping what could be read."""
    meta = read_meta(folder)
    return meta.partial if meta is not None and meta.sha256 == sha256(data) else ()


def current_json(meta: VersionMeta | None, src: Path, data: bytes) -> bytes | None:
    """The bytes of ``policy.json`` when it and ``meta.json`` describe exactly this source under the running
    parser, and it is the file ``meta.json`` was written with (its sha256); else ``None``."""
    if (
        meta is None
        or meta.source != src.name
        or meta.sha256 != sha256(data)
        or meta.parser_fingerprint != parser_fingerprint()
    ):
        return None
    try:
        derived = read_derived(src.parent / JSON_FILE)
    except OSError:
        return None
    return derived if sha256(derived) == meta.json_sha256 else None


def is_current(meta: VersionMeta | None, src: Path, data: bytes) -> bool:
    """Whether ``meta.json`` and ``policy.json`` describe exactly this source under the running parser."""
    return current_json(meta, src, data) is not None


def known_log(folder: Path, data: bytes) -> tuple[RevisionEntry, ...] | None:
    """The revision log ``meta.json`` records for exactly these source bytes, or ``None``."""
    meta = read_meta(folder)
    return meta.revision_log if meta is not None and meta.sha256 == sha256(data) else None


def new_entries(current: tuple[RevisionEntry, ...], previous: tuple[RevisionEntry, ...]) -> tuple[RevisionEntry, ...]:
    """The entries of ``current`` that ``previous`` (the version before it) does not have."""
    seen = {(e.date, e.description) for e in previous}
    return tuple(e for e in current if (e.date, e.description) not in seen)
