"""``policyvc ingest``: parse policies and file them in the store under their own revision-log date.

A version is keyed by its reference number and the date of the latest entry
of its own revision log (not the file's date).  Both are validated before they
touch a path or git.  Re-ingesting the same document is a no-op; a different
document under the same key is refused unless ``replace`` (its revision log
needs a new, dated row); a replaced version is kept in the store
(:func:`policyvc.store.writer.keep_replaced`).  A revision-log date more than a
year after today is refused as a typo.

Everything is parsed and checked before anything is written; the writes happen
under the store lock: a new version is assembled in a hidden staging folder and
renamed into place whole; a replaced one gets its files replaced one by one,
atomically, ``meta.json`` last (a version is complete when ``meta.json`` names
the sha256 of its source).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from policyvc.dates import DateWarning, suspicious_dates
from policyvc.faults import fault
from policyvc.parser.errors import PolicyError
from policyvc.parser.files import is_pdf
from policyvc.parser.nodes import Policy, RevisionEntry
from policyvc.store.lock import store_lock
from policyvc.store.meta import (
    given_reference,
    is_current,
    key_date,
    known_log,
    log_entries,
    new_entries,
    read_meta,
    states_date,
    store_reference,
)
from policyvc.store.paths import (
    check_reference,
    folder_date,
    same_policy,
    source_file,
    stored_as,
    version_folder,
)
from policyvc.store.source import parse_source, parse_source_report, read_source, sha256, source_name
from policyvc.store.writer import clean_leftovers, meta_for, replace_source, write_derived, write_new

Status = Literal["stored", "unchanged", "replaced"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed, validated source ready to be filed."""

    data: bytes
    label: str  # how messages name it
    origin: str  # recorded in meta.json
    policy: Policy
    reference: str
    date: dt.date
    warnings: tuple[DateWarning, ...] = ()  # dates of the document that look like typos
    partial: tuple[str, ...] = ()  # with --recover: the regions that could not be read, one line each
    overridden: tuple[str, ...] = ()  # of "reference", "date": given (--ref/--date) for a document stating none

    @property
    def key_suspect(self) -> bool:
        """Whether the date it would be filed under may itself be a typo."""
        return any(w.key for w in self.warnings)

    @property
    def name(self) -> str:
        return source_name(self.data)

    @property
    def sha256(self) -> str:
        return sha256(self.data)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one document: ``stored``, ``unchanged`` (a no-op) or ``replaced``."""

    status: Status
    reference: str
    date: dt.date
    folder: Path
    sha256: str
    label: str
    new_entries: tuple[RevisionEntry, ...] = ()
    commit: str | None = None  # the version's commit, with ``commit=True``
    warnings: tuple[str, ...] = ()  # suspicious dates, each naming its line
    partial: tuple[str, ...] = ()  # stored with --recover: what could not be read, one line per region


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What a multi-file ingest did: the versions filed and every file that could not be (one error each)."""

    results: tuple[IngestResult, ...]
    errors: tuple[PolicyError, ...]


def _line_of(data: bytes, marker: bytes) -> int | None:
    """The line of a text source where ``marker`` starts a line (for error messages)."""
    if is_pdf(data):
        return None
    for n, line in enumerate(data.splitlines(), 1):
        if line.lstrip(b"\xef\xbb\xbf").startswith(marker):
            return n
    return None


FUTURE_DAYS = 366  # a version dated more than a year ahead is a typo'd year (06.15.62 for 06.15.26)


def check_not_far_future(policy: Policy, *, source: str, today: dt.date | None = None) -> None:
    """Refuse a revision-log date more than a year after ``today``, naming its row and the fix."""
    today = today or dt.date.today()
    for e in policy.revision_log:
        if e.date is not None and (e.date - today).days > FUTURE_DAYS:
            raise PolicyError(
                f"revision-log date {e.date.isoformat()} is more than a year after today ({today.isoformat()}): "
                f"a typo in the year? correct the date of the row {_row_name(e)} in the revision log (MM.DD.YY)",
                source=source,
                line=e.span.line or None,
                page=e.span.page,
            )


def _row_name(e: RevisionEntry) -> str:
    words = " ".join(e.description.split())
    return repr(words if len(words) <= 60 else words[:57] + "…")


def prepare(
    data: bytes,
    label: str,
    origin: str = "",
    *,
    recover: bool = False,
    ref: str | None = None,
    date: str | None = None,
) -> Prepared:
    """Parse source bytes and validate the key they would be filed under.

    ``recover``: keep what can be read of a damaged document; the version is then filed as *partial*, with
    one line per region that could not be read (its header and revision log must still be readable).
    ``ref`` / ``date`` (``--ref`` / ``--date``): the key of a document that states no identifier or no date,
    validated as the store's own (a reference number, a ``YYYY-MM-DD`` day) and recorded in ``meta.json``;
    one that contradicts what the document states is refused.
    """
    try:
        policy, skipped = parse_source_report(data, label, recover=recover)
    except PolicyError as exc:
        # (the grammar's own message: what it expected, several things, and what it found)
        expected = exc.message.startswith("expected") and " or " in exc.message.split(", found `")[0]
        if not recover and exc.line is not None and expected:
            exc.message += _late_region(data, label)
        raise
    reference, given_ref = _reference(policy, data, label, ref)
    day, given_date = _date(policy, label, date)
    check_not_far_future(policy, source=label)
    policy = dataclasses.replace(policy, source_name=stored_as(reference, day, source_name(data)))
    given = tuple(name for name, yes in (("reference", given_ref), ("date", given_date)) if yes)
    return Prepared(data, label, origin or label, policy, reference, day, suspicious_dates(policy), skipped, given)


def _late_region(data: bytes, label: str) -> str:
    """What a strict reading that failed at a line says of the rest: where the document read with ``--recover``
    still gives its identifier and a dated revision log, the region is one the family's grammar could not read (a
    coding table's print, a late section) and ``--recover`` files the version with it named; else nothing more."""
    try:
        policy, _ = parse_source_report(data, label, recover=True)
    except PolicyError:
        return ""
    if policy.reference_number.strip() and policy.revision_log:
        return (
            " (the rest of the document reads: its identifier and its revision log were found; `ingest --recover` "
            "files the version, this region read by its outline and named)"
        )
    return ""


def _reference(policy: Policy, data: bytes, label: str, ref: str | None) -> tuple[str, bool]:
    """The reference to file under, and whether it is the one given (``--ref``) rather than the document's."""
    if ref is not None:
        ref = given_reference(ref, source=f"{label}: --ref")
    if not policy.reference_number.strip():
        if ref is not None:
            return ref, True
        if policy.template != "centene-pharmacy":
            raise PolicyError(
                "the document states no identifier (policy or reference number): give one with --ref REF",
                source=label,
            )
    try:
        own = check_reference(store_reference(policy), source=label)
    except PolicyError as exc:
        exc.line = _line_of(data, b"Reference Number")
        raise
    if ref is not None and ref != own:
        raise PolicyError(
            f"--ref {ref} contradicts the document, which states its identifier "
            f"{policy.reference_number!r} (filed as {own}): --ref is for a document that states none",
            source=label,
        )
    return own, False


def _date(policy: Policy, label: str, date: str | None) -> tuple[dt.date, bool]:
    """The key date to file under, and whether it is the one given (``--date``) rather than the document's."""
    day = None
    if date is not None:
        try:
            day = folder_date(date, source=label)
        except PolicyError:
            raise PolicyError(f"--date {date!r}: expected a real day written YYYY-MM-DD", source=label) from None
    if not states_date(policy):
        if day is not None:
            return day, True
        try:
            key_date(policy, source=label)
        except PolicyError as exc:
            exc.message += "; give it with --date YYYY-MM-DD"
            raise
    own = key_date(policy, source=label)
    if day is not None and day != own and not policy.revision_log and day in _header_dates(policy):
        # (a document with no revision log that states two dates, ``Last updated 09/01/2026 Effective 10/01/2026``:
        # the one of them given names which keys the version — never a date the document does not state)
        return day, True
    if day is not None and day != own:
        raise PolicyError(
            f"--date {day.isoformat()} contradicts the document, whose latest dated change is {own.isoformat()}: "
            "--date is for a document that states no date",
            source=label,
        )
    return own, False


def _header_dates(policy: Policy) -> tuple[dt.date, ...]:
    """The dates the document's header states (its effective and last review dates)."""
    h = policy.header
    return tuple(d for d in (h.effective_date, h.last_review) if isinstance(d, dt.date))


def ingest(path: str | Path, store: Path, *, commit: bool = False, replace: bool = False) -> IngestResult:
    """Parse ``path`` (text or PDF) and file it as ``<store>/<REF>/<DATE>/``; see the module docstring."""
    return ingest_files([Path(path)], store, commit=commit, replace=replace)[0]


def ingest_files(
    paths: Sequence[Path], store: Path, *, commit: bool = False, replace: bool = False
) -> list[IngestResult]:
    """Ingest several files: all are parsed and checked before any is written."""
    items = [prepare(read_source(p), str(p), origin=str(p)) for p in paths]
    return ingest_prepared(items, store, commit=commit, replace=replace)


def stdin_bytes() -> bytes:
    """The bytes of standard input (``-`` as a file name)."""
    import sys

    from policyvc.store.source import read_stream

    return read_stream(sys.stdin.buffer)  # in chunks, never past the size limit


def ingest_each(
    paths: Sequence[Path],
    store: Path,
    *,
    commit: bool = False,
    replace: bool = False,
    fail_fast: bool = False,
    recover: bool = False,
    ref: str | None = None,
    date: str | None = None,
) -> IngestReport:
    """Ingest several files, keeping going: a file that cannot be read, parsed or filed is one error, the rest
    are filed (``fail_fast``: the first error is raised, nothing is written).  ``ref`` / ``date``: the key
    of a single document that states none (see :func:`prepare`)."""
    if (ref is not None or date is not None) and len(paths) != 1:
        raise PolicyError("--ref and --date name the key of one document: give exactly one file", source="ingest")
    items: list[Prepared] = []
    errors: list[PolicyError] = []
    for p in paths:
        try:
            if str(p) == "-":  # standard input
                items.append(prepare(stdin_bytes(), "<stdin>", origin="<stdin>", recover=recover, ref=ref, date=date))
            else:
                items.append(prepare(read_source(p), str(p), origin=str(p), recover=recover, ref=ref, date=date))
        except PolicyError as exc:
            if fail_fast:
                raise
            errors.append(exc)
    if fail_fast:
        return IngestReport(tuple(ingest_prepared(items, store, commit=commit, replace=replace)), ())
    results, refused = _ingest(items, store, commit=commit, replace=replace, keep_going=True)
    return IngestReport(tuple(results), (*errors, *refused))


def _unique(items: Iterable[Prepared]) -> list[Prepared]:
    seen: dict[tuple[str, dt.date], Prepared] = {}
    for item in items:
        key = (item.reference, item.date)
        other = seen.get(key)
        if other is None:
            seen[key] = item
        elif other.data != item.data:
            raise PolicyError(
                f"{other.label} and {item.label} are different versions of {item.reference} with the same latest "
                f"revision-log date {item.date.isoformat()}: give one of them",
                source=item.label,
            )
    return list(seen.values())


def filing_status(store: Path, item: Prepared, *, replace: bool = False) -> Status:
    """What filing ``item`` would do — ``stored``, ``unchanged`` or ``replaced`` — or the refusal, in words.

    The one rule for ingest and ``check``: nothing is written here.
    """
    folder = version_folder(store, item.reference, item.date)
    existing = source_file(folder) if folder.is_dir() else None
    if existing is None:
        return "stored"
    old = read_source(existing)
    if existing.name == item.name and old == item.data:
        return "unchanged"
    if item.key_suspect:
        # the date it would be filed under may be a typo: the version stored there is another one
        (first, *_) = [w for w in item.warnings if w.key]
        raise PolicyError(
            f"{folder} already holds a different version of {item.reference} dated {item.date.isoformat()}, and "
            f"this file's date looks wrong (line {first.line or '?'}: {first.message}); fix the date in the "
            f"document — do not --replace: this document would take the place of the version stored there",
            source=item.label,
            line=first.line,
        )
    if not replace:
        stored = known_log(folder, old)
        if stored is None:
            label = stored_as(item.reference, item.date, existing.name)
            stored = log_entries(parse_source(old, str(existing), stored_as=label))
        same_log = not new_entries(log_entries(item.policy), stored)
        what = (
            "this file's revision log is the stored version's (no new row)"
            if same_log
            else f"this file's revision log adds no row dated after {item.date.isoformat()}"
        )
        raise PolicyError(
            f"{folder} already holds a different version of {item.reference} dated {item.date.isoformat()} "
            f"(sha256 {sha256(old)[:12]}…, this file {item.sha256[:12]}…), and {what}: a new revision needs a new "
            "row in the revision log — add one with this revision's date and what changed, then file it again",
            source=item.label,
        )
    return "replaced"


def _write(store: Path, item: Prepared, status: Status) -> None:
    folder = version_folder(store, item.reference, item.date)
    meta = meta_for(
        folder,
        item.policy,
        item.data,
        item.name,
        date=item.date,
        origin=item.origin,
        partial=item.partial,
        reference=item.reference if "reference" in item.overridden else "",
        overridden=item.overridden,
    )
    if status == "stored":
        write_new(folder, item.data, item.name, item.policy, meta)
    elif status == "replaced":
        replace_source(folder, item.data, item.name, item.policy, meta)
    else:
        clean_leftovers(folder)
        if not is_current(read_meta(folder), folder / item.name, item.data):  # an earlier ingest was cut short
            write_derived(folder, item.policy, meta)


def _previous_log(store: Path, item: Prepared) -> tuple[RevisionEntry, ...]:
    ref_dir = store / item.reference
    earlier = sorted(
        p.name
        for p in ref_dir.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.name < item.date.isoformat()
    )
    for name in reversed(earlier):
        src = source_file(ref_dir / name)
        if src is not None:
            data = read_source(src)
            known = known_log(src.parent, data)
            if known is not None:
                return known
            label = stored_as(item.reference, dt.date.fromisoformat(name), src.name)
            return log_entries(parse_source(data, str(src), stored_as=label))
    return ()


def _as_stored(store: Path, item: Prepared) -> Prepared:
    """``item`` filed under the folder the store already holds its policy in, when an earlier store filed it under
    the earlier form of its identifier (``MP.7.01.69`` for ``MP-7.01.69``, ``POLICY.00112`` for ``00112``): one
    history, never two."""
    held = same_policy(store, item.reference)
    if held is None or held == item.reference:
        return item
    name = item.policy.source_name.rpartition("/")[2]
    policy = dataclasses.replace(item.policy, source_name=stored_as(held, item.date, name))
    return dataclasses.replace(item, reference=held, policy=policy)


def ingest_prepared(
    items: Sequence[Prepared], store: Path, *, commit: bool = False, replace: bool = False
) -> list[IngestResult]:
    """File prepared sources under the store lock; with ``commit``, record them in the store's git branch.

    Any refusal refuses them all, before anything is written.
    """
    results, _ = _ingest(items, store, commit=commit, replace=replace, keep_going=False)
    return results


def _ingest(
    items: Sequence[Prepared], store: Path, *, commit: bool, replace: bool, keep_going: bool
) -> tuple[list[IngestResult], list[PolicyError]]:
    """``keep_going``: a refused source is an error of the list, the others are filed."""
    items = [_as_stored(store, item) for item in items]
    refused: list[PolicyError] = []
    if keep_going:
        unique: list[Prepared] = []
        for item in items:
            try:
                unique = _unique([*unique, item])
            except PolicyError as exc:
                refused.append(exc)
    else:
        unique = _unique(items)
    results: list[IngestResult] = []
    if commit:
        from policyvc.store.git import preflight, refuse_nested

        refuse_nested(store)  # before the lock creates the store folder: a refused store is left untouched
    with store_lock(store):
        if commit:
            # under the lock: another writer may be creating the store's repository right now
            preflight(store)  # a store that cannot take commits is refused before anything is written
        plans: list[tuple[Prepared, Status]] = []
        for item in unique:  # every refusal before any write
            try:
                plans.append((item, filing_status(store, item, replace=replace)))
            except PolicyError as exc:
                if not keep_going:
                    raise
                refused.append(exc)
        for item, status in plans:
            _write(store, item, status)
        fault("before-commit")
        commits: dict[tuple[str, dt.date], str] = {}
        if commit and plans:
            from policyvc.store.git import record

            commits = record(store, touched=[(i.reference, i.date) for i, _ in plans]).versions
        for item, status in plans:
            results.append(
                IngestResult(
                    status=status,
                    reference=item.reference,
                    date=item.date,
                    folder=version_folder(store, item.reference, item.date),
                    sha256=item.sha256,
                    label=item.label,
                    new_entries=new_entries(log_entries(item.policy), _previous_log(store, item)),
                    commit=commits.get((item.reference, item.date)),
                    warnings=tuple(w.render(item.label) for w in item.warnings),
                    partial=item.partial,
                )
            )
    return results, refused
