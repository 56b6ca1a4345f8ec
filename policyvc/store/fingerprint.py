"""What derived artefacts are made by: a digest of the package's code, templates and grammar.

A page, a rule module or a cached history is reused only when it was made by exactly this code; the digest
changes with any edit of a ``.py``, ``.lark``, ``.j2`` or ``.css`` file of the packages below.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

# every package that makes derived files; with an editable install they live in separate folders of the checkout
CODE_PACKAGES = ("policyvc.parser", "policyvc.grammar", "policyvc.renderer", "policyvc")
CODE_SUFFIXES = (".py", ".lark", ".j2", ".css")


def code_files() -> Iterator[tuple[str, Path]]:
    """Every source file of the code, as (package-relative name, path), each once.

    ``policyvc.parser`` and friends are separate folders in a checkout (an editable install maps them) and
    sub-folders of ``policyvc`` in an installed wheel: each file is listed under the first package holding it.
    """
    seen: set[Path] = set()
    for package in CODE_PACKAGES:
        base = Path(str(resources.files(package)))
        for path in sorted(base.rglob("*")):
            real = path.resolve()
            if path.is_file() and path.suffix in CODE_SUFFIXES and real not in seen:
                seen.add(real)
                yield f"{package}/{path.relative_to(base).as_posix()}", path


@cache
def code_fingerprint() -> str:
    """A digest of the code (parser, grammar, history, rules, renderer, templates)."""
    h = hashlib.sha256()
    for name, path in code_files():
        h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
