"""Run mypy --strict on the checkout, each file under the module name the install gives it.

The design card keeps ``parser/``, ``grammar/`` and ``renderer/`` at the top of the
repository while the package is ``policyvc`` (``[tool.setuptools.package-dir]``).
mypy derives module names from folders, so this hands it the files as build sources
with their installed names instead — read from pyproject.toml, so the mapping is
written once.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parent.parent


def sources() -> list[BuildSource]:
    """Every ``.py`` file of the package, named as installed (``parser/nodes.py`` → ``policyvc.parser.nodes``)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_dir: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    found: list[BuildSource] = []
    for package, folder in sorted(package_dir.items()):
        base = ROOT / folder
        for path in sorted(base.rglob("*.py")):
            rel = path.relative_to(base).with_suffix("")
            if "templates" in rel.parts:  # renderer/templates holds jinja2 files, not modules
                continue
            parts = [p for p in rel.parts if p != "__init__"]
            found.append(BuildSource(str(path), ".".join([package, *parts]), None))
    return found


def main() -> int:
    _, options = process_options(["--config-file", str(ROOT / "pyproject.toml"), "-c", "pass"])
    files = sources()
    try:
        result = build.build(files, options)
    except CompileError as exc:
        print("\n".join(exc.messages), file=sys.stderr)
        return 2
    for line in result.errors:
        print(line)
    count = len(files)
    if result.errors:
        print(f"Found errors in {count} source files", file=sys.stderr)
        return 1
    print(f"Success: no issues found in {count} source files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
