"""``policyvc rules --check``: regenerate in memory and compare with the committed output folder.

Each difference is one finding: a module that is missing, extra (no stored version renders it), stale (its
header names another source hash: the policy changed and nobody regenerated) or hand-edited (same source hash,
different text).  The report is a unified diff per file, committed text first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from policyvc.rules.generate import generated_files, render_all
from policyvc.rules.versions import load_versions

_HASH = re.compile(r"\(sha256:([0-9a-f]{64})\)")


@dataclass(frozen=True, slots=True)
class Drift:
    path: str  # relative to the output folder
    kind: str  # missing, extra, stale, hand-edited
    diff: str


def _hash(text: str) -> str | None:
    first = text.split("\n", 1)[0]
    m = _HASH.search(first)
    return m.group(1) if m else None


def check_rules(store: Path, out: Path) -> list[Drift]:
    """Every difference between what ``store`` renders and what ``out`` holds (empty: current)."""
    expected = render_all(load_versions(store))
    found = {rel: (out / rel).read_text(encoding="utf-8", errors="replace") for rel in generated_files(out)}
    drifts = []
    for rel in sorted(set(expected) | set(found)):
        want, have = expected.get(rel), found.get(rel)
        if want == have:
            continue
        if have is None:
            kind = "missing"
        elif want is None:
            kind = "extra"
        elif _hash(want) != _hash(have):
            kind = "stale"
        else:
            kind = "hand-edited"
        name = (out / rel).as_posix()
        diff = "".join(
            difflib.unified_diff(
                (have or "").splitlines(keepends=True),
                (want or "").splitlines(keepends=True),
                fromfile=f"{name} (committed)",
                tofile=f"{name} (generated)",
            )
        )
        drifts.append(Drift(rel, kind, diff))
    return drifts
