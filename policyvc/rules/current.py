"""Skip regenerating the rule modules when nothing they are made from changed (``build``'s rules step).

``<rules>/.policyvc-rules`` (:mod:`policyvc.history.cache`) records, under the key of every stored
version's source and the code, the sha256 of each file the generator wrote.  The folder is current when the
key matches and it holds exactly those files with exactly those bytes: a module edited, added or removed by
hand since means the modules are generated again, as ``policyvc rules`` would.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from policyvc.history.cache import read_cache, write_cache

RULES_FILE = ".policyvc-rules"


def current_rules(out: Path, key: str) -> list[Path] | None:
    """The files of ``out`` when they are what the generator wrote under ``key`` (as ``write_rules`` lists them)."""
    from policyvc.rules.generate import generated_files
    from policyvc.store.meta import read_derived

    body = read_cache(out / RULES_FILE, key)
    files = body.get("files") if body is not None else None
    if not isinstance(files, dict) or set(generated_files(out)) != set(files):
        return None
    for rel, sha in files.items():
        try:
            if hashlib.sha256(read_derived(out / rel)).hexdigest() != sha:
                return None
        except OSError:
            return None
    return [out / rel for rel in sorted(files)]


def remember_rules(out: Path, key: str, written: list[Path]) -> None:
    """Record what the generator just wrote into ``out`` under ``key``."""
    files = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in written}
    write_cache(out / RULES_FILE, key, {"files": files})
