"""A policy's site pages rendered by ``build``'s worker, from the trees it parsed and the audit it made.

The site step of ``build`` would otherwise load every changed version again (from ``policy.json``) and diff and
audit it again on its own pool.  The worker that parsed a policy renders its pages there and then, reusing its
audit, into ``<out>/.policyvc-staged/`` (so that nothing of a build that stops before its site step is taken for
the site), and sends back only their hashes.  Its rule modules are not written yet, so the pages link to the ones
the generator will write (a version with rules: :func:`policyvc.rules.body.has_rules`); the site step takes the
staged pages only when the modules it finds are exactly those, else it renders the policy itself as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policyvc.history.audit import AuditReport
    from policyvc.parser.nodes import Policy
    from policyvc.store.paths import Version

STAGED = ".policyvc-staged"  # in the site's output folder, beside docs/


@dataclass(frozen=True, slots=True)
class Staged:
    """What a worker staged of one policy (small: it crosses a process boundary)."""

    reference: str
    today: dt.date  # the day its pages were rendered for (which version is in force)
    rules: tuple[dt.date, ...]  # the versions whose rule module its pages link to
    hashes: tuple[tuple[str, str], ...]  # (path inside docs/, sha256) of each file staged
    row: dict[str, Any]  # its row on the home page (``PolicyRow.to_dict``)


def stage_policy(
    out: Path, reference: str, versions: Sequence[tuple[Version, Policy]], report: AuditReport, today: dt.date
) -> Staged:
    """Render the pages of one policy (``versions``: every stored version, oldest first, parsed) into the staging
    folder of the site ``out``, reusing ``report``, the audit of exactly these versions."""
    from policyvc.parser.files import is_pdf
    from policyvc.renderer.site_frame import Snap
    from policyvc.rules.body import has_rules
    from policyvc.site.render import render_loaded
    from policyvc.store.meta import stored_partial

    loaded: list[tuple[Snap, bytes | None]] = []
    for version, policy in versions:
        source = version.path.read_bytes()
        data = source if version.path.suffix.lower() == ".pdf" else None
        pdf = f"sources/{version.date.isoformat()}.pdf" if data is not None and is_pdf(data) else None
        partial = stored_partial(version.folder, source)
        loaded.append((Snap(version.date, policy, version.path.name, pdf, partial), data if pdf else None))
    rules = {v.date: f"rules/v{v.date.isoformat()}.py" for v, p in versions if has_rules(p)}
    rendered = render_loaded(reference, loaded, today, rules, report)
    folder = out / STAGED
    hashes = []
    for rel, data in sorted(rendered.files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)  # (not synced: a scratch file, its hash checked when it is taken)
        hashes.append((rel, hashlib.sha256(data).hexdigest()))
    return Staged(reference, today, tuple(sorted(rules)), tuple(hashes), rendered.row.to_dict())


def staged_files(out: Path, staged: Staged) -> dict[str, bytes] | None:
    """The staged files of a policy (path inside docs/ → bytes); None when any is missing or not what was staged."""
    files = {}
    for rel, sha in staged.hashes:
        try:
            data = (out / STAGED / rel).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        files[rel] = data
    return files


def clear_staged(out: Path) -> None:
    """Remove the staging folder (after the site step took what it wanted of it)."""
    shutil.rmtree(out / STAGED, ignore_errors=True)
