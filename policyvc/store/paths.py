"""The store on disk: ``<store>/<REFERENCE-NUMBER>/<YYYY-MM-DD>/``, one folder per version.

A version folder holds the original source (``policy.txt`` or ``policy.pdf``)
and the derived ``policy.json`` / ``meta.json`` (:mod:`policyvc.store.meta`).
The folder date is the date of the latest entry of the version's own revision
log.  Reference numbers and dates are checked here, once, before they name a
folder or reach git.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from policyvc.dates import check_date
from policyvc.parser.errors import PolicyError
from policyvc.store.source import POLICY_NAMES

POLICY_FILES = POLICY_NAMES
# full-match only (`re.fullmatch`): `$` also matches before a trailing newline, and `CP.PHAR.295\n` is no name.
# A reference is a policy's own identifier, upper-cased: capitals and digits in parts joined by one dot or hyphen
# (`CP.PHAR.295`, `MP-7.01.69`, `00112`, `L39242`) — it starts and ends with a letter or digit, so it is never a
# command-line option, a hidden file, `..` or a git ref's forbidden `.lock` / `@{` / trailing dot; never a date
# (`2026-03-26` names a version), and never a name a file system keeps for a device (`CON`, `NUL`, `COM1` …).
_REF_RE = re.compile(
    r"(?!(?:CON|PRN|AUX|NUL|COM\d|LPT\d)(?:[.-]|$))(?!\d{4}-\d{2}-\d{2}$)[A-Z0-9]{1,40}(?:[.-][A-Z0-9]{1,40}){0,7}"
)
# the form the store filed another payer's identifier under before it kept the identifier's own hyphens and
# single parts (`MP.7.01.69`, `POLICY.00112`): still a valid reference, and the same policy (see `same_policy`)
_LEGACY_REF_RE = re.compile(r"[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Version:
    """One stored version: its policy, its key date and its source file (``path``)."""

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


def shown(path: Path | str) -> str:
    """A path for a message: characters that are not printable (a newline in a folder name) shown escaped, so a
    name can never split a message into forged lines."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def valid_reference(text: str) -> bool:
    """A policy reference number such as ``CP.PHAR.295`` (safe as a folder name and in a git ref)."""
    return _REF_RE.fullmatch(text) is not None


def legacy_reference(text: str) -> str:
    """The key an identifier was filed under before the store kept it as written: its parts joined by dots,
    ``POLICY.`` in front when that alone was no key (``MP-7.01.69`` → ``MP.7.01.69``, ``00112`` →
    ``POLICY.00112``); a legacy key is its own."""
    if _LEGACY_REF_RE.fullmatch(text):
        return text
    parts = [p for p in re.split(r"[^A-Z0-9]+", text.upper()) if p]
    key = ".".join(parts)
    return key if _LEGACY_REF_RE.fullmatch(key) else f"POLICY.{key}" if key else text


def same_policy(store: Path, reference: str) -> str | None:
    """The folder name under which ``store`` holds the policy ``reference`` names, in its own form or in the form
    an earlier store filed it under (``MP.7.01.69`` for ``MP-7.01.69`` and back), or ``None``."""
    if (store / reference).is_dir() and not (store / reference).is_symlink():
        return reference
    if not store.is_dir():
        return None
    want = legacy_reference(reference)
    return next((k for k in known_references(store) if legacy_reference(k) == want), None)


def check_reference(text: str, *, source: str = "<reference>") -> str:
    """``text`` if it is a usable policy reference number, else a :class:`PolicyError` saying what is expected."""
    if not valid_reference(text):
        name = text if len(text) <= 60 else text[:57] + "…"
        raise PolicyError(
            f"reference number {name!r} cannot name a policy: expected capital letters and digits "
            "in parts joined by a dot or a hyphen, like CP.PHAR.295 or MP-7.01.69",
            source=source,
        )
    return text


def folder_date(name: str, *, source: str) -> dt.date:
    """The key date a version folder is named by (strict ``YYYY-MM-DD`` within the range git can hold)."""
    if not DATE_RE.fullmatch(name):
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
    _refuse_link(store / reference, "policy folder")
    _refuse_link(store / reference / date.isoformat(), "version folder")
    return store / reference / date.isoformat()


def _refuse_link(path: Path, what: str) -> None:
    """A store holds real folders and files only: a symbolic link could make a write land, or a read come from,
    anywhere (``policy.txt`` → ``/etc/passwd``, a version folder → ``/tmp``)."""
    if path.is_symlink():
        raise PolicyError(
            f"this {what} is a symbolic link: a store holds real folders and files only (replace the link by a copy)",
            source=shown(path),
        )


def source_file(folder: Path) -> Path | None:
    """The version's source file, if the folder has one (a symbolic link is refused, never followed)."""
    for name in POLICY_FILES:
        path = folder / name
        _refuse_link(path, "policy file")
        if path.is_file():
            return path
    return None


def _versions_in(ref_dir: Path, errors: list[PolicyError] | None = None) -> list[Version]:
    """The versions in one policy's folder, by date (hidden entries skipped).

    A folder that is not a version raises, or with ``errors`` is added there and skipped.
    """
    out: list[Version] = []
    entries = sorted(p for p in ref_dir.iterdir() if not p.name.startswith(".") and (p.is_dir() or p.is_symlink()))
    for ver_dir in entries:
        try:
            _refuse_link(ver_dir, "version folder")
            date = folder_date(ver_dir.name, source=shown(ver_dir))
            src = source_file(ver_dir)
            if src is None:
                expected = ", ".join(POLICY_FILES)
                raise PolicyError(f"expected a policy file ({expected}) in this version", source=shown(ver_dir))
        except PolicyError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        out.append(Version(ref_dir.name, date, src))
    return out


def scan(store: Path) -> tuple[list[Version], list[PolicyError]]:
    """Every version in the store, and an error for each folder that is not one (``build`` keeps going past them).

    Hidden entries (``.git``, the lock, an interrupted ingest's staging folder) are not versions and are skipped.
    """
    if not store.is_dir():
        raise PolicyError("no version store here (give one with --store DIR)", source=str(store))
    out: list[Version] = []
    errors: list[PolicyError] = []
    for ref_dir in sorted(p for p in store.iterdir() if (p.is_dir() or p.is_symlink()) and not p.name.startswith(".")):
        if ref_dir.is_symlink():
            try:
                _refuse_link(ref_dir, "policy folder")
            except PolicyError as exc:
                errors.append(exc)
            continue
        if not valid_reference(ref_dir.name):
            errors.append(
                PolicyError(
                    "not a policy folder: expected a reference number like CP.PHAR.295 as its name",
                    source=shown(ref_dir),
                )
            )
            continue
        out.extend(_versions_in(ref_dir, errors))
    return out, errors


def stored_versions(store: Path) -> list[Version]:
    """Every version in the store, ordered by policy and date; the first folder that is not one raises."""
    versions, errors = scan(store)
    if errors:
        raise errors[0]
    return versions


def known_references(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if not p.is_symlink() and p.is_dir() and valid_reference(p.name))


def versions_of(store: Path, reference: str) -> list[Version]:
    """The versions of one policy, oldest first; a clear error for an unknown policy id."""
    check_reference(reference, source=str(store))
    if not store.is_dir():
        raise PolicyError("no version store here (give one with --store DIR)", source=str(store))
    _refuse_link(store / reference, "policy folder")
    reference = same_policy(store, reference) or reference  # (a store filed under the earlier form)
    if not (store / reference).is_dir():
        known = known_references(store)
        holds = f"it holds {', '.join(known)}" if known else "it holds no policies yet"
        raise PolicyError(f"no policy {reference} in this store; {holds}", source=str(store))
    versions = _versions_in(store / reference)  # only this policy's folder: a store may hold hundreds
    if not versions:
        raise PolicyError(f"policy {reference} has no stored versions", source=str(store / reference))
    return versions


def stored_as(reference: str, date: dt.date, name: str) -> str:
    """The source name recorded in a stored AST: stable, relative to the store."""
    return f"{reference}/{date.isoformat()}/{name}"
