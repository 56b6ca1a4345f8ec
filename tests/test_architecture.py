"""The house drawn from the imports: each stage of the pipeline imports only the stages before it.

Every module's imports are read with ``ast`` (nothing is imported, so a module that would fail to import, or
import something heavy, is still checked), including imports inside functions and under ``TYPE_CHECKING``: a
type from a later stage is an arrow back up like any other.  The order is written once, in :data:`LAYERS`.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

# the pipeline, first stage first: a module may import its own stage and the ones above it in this list
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("parser", ("policyvc.parser", "policyvc.grammar")),
    ("store", ("policyvc.store",)),
    ("history", ("policyvc.history",)),
    ("rules / renderer", ("policyvc.rules", "policyvc.renderer")),
    (
        "application",
        (
            "policyvc.findings",
            "policyvc.check",
            "policyvc.split",
            "policyvc.progress",
            "policyvc.build",
            "policyvc.site",
            "policyvc.report",
            "policyvc.sitecmd",
            "policyvc.serve",
            "policyvc.cli",
            "policyvc.__main__",
        ),
    ),
)
# and within the order, what a stage may still not import: rendering is text in, text out; what it shows is
# handed to it (by policyvc.site, policyvc.report), never read from the store by the renderer itself
FORBIDDEN: dict[str, tuple[str, ...]] = {"policyvc.renderer": ("policyvc.store",)}
# shared leaves: importable from any stage; they themselves import only other leaves and the first stage
LEAVES = (
    "policyvc",  # the package itself: __version__
    "policyvc.errors",
    "policyvc.dates",
    "policyvc.atomic",
    "policyvc.config",
    "policyvc.faults",
    "policyvc.serialize",
    "policyvc.gc_pause",
    "policyvc.lazy_re",  # regular expressions compiled on first use (any module may hold them)
    "policyvc.user_cache",  # the per-user extraction cache's folder: named by the build, kept by the parser
)


def package_dirs(root: Path) -> dict[str, Path]:
    """Package → folder, as the install maps them (read from pyproject.toml, like tools/typecheck.py)."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return {package: root / folder for package, folder in config["tool"]["setuptools"]["package-dir"].items()}


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package, by its installed name."""
    found: dict[str, Path] = {}
    for package, base in sorted(package_dirs(root).items()):
        for path in sorted(base.rglob("*.py")):
            rel = path.relative_to(base).with_suffix("")
            if "templates" in rel.parts:  # renderer/templates holds jinja2 files, not modules
                continue
            parts = [p for p in rel.parts if p != "__init__"]
            found[".".join([package, *parts])] = path
    return found


def imported(name: str, source: str, *, package: bool) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of every ``policyvc`` import in ``source``, relative imports resolved.

    ``from a import b`` yields ``a.b`` (``b`` may be a module or a name in ``a``: :func:`owner` settles which).
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if package else name.split(".")[:-1]
                parent = here[: len(here) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def owner(dotted: str, known: set[str]) -> str | None:
    """The module a dotted import name belongs to (the longest known module it starts with)."""
    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        candidate = ".".join(parts[:k])
        if candidate in known:
            return candidate
    return None


def layer_of(module: str) -> int | None:
    """The stage of a module (its index in :data:`LAYERS`), -1 for a shared leaf, None when unplaced."""
    if module in LEAVES:
        return -1
    best: tuple[int, int] | None = None  # (prefix length, stage)
    for stage, (_, packages) in enumerate(LAYERS):
        for p in packages:
            if _within(module, p) and (best is None or len(p) > best[0]):
                best = (len(p), stage)
    return None if best is None else best[1]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _forbidden(importer: str, target: str) -> bool:
    return any(_within(importer, p) and any(_within(target, t) for t in targets) for p, targets in FORBIDDEN.items())


def _name(stage: int) -> str:
    return "shared leaf" if stage == -1 else LAYERS[stage][0]


def upward_arrows(sources: dict[str, tuple[str, bool]]) -> list[str]:
    """Every import from a stage into a later one (module → (source, is a package ``__init__``)), one line each."""
    known = set(sources)
    problems = []
    for name, (source, package) in sorted(sources.items()):
        mine = layer_of(name)
        if mine is None:
            problems.append(f"{name}: in no stage; add it to LAYERS (or LEAVES) in tests/test_architecture.py")
            continue
        for dotted, line in imported(name, source, package=package):
            target = owner(dotted, known)
            if target is None or target == name:
                continue
            theirs = layer_of(target)
            if theirs is None:
                continue  # reported as unplaced on its own
            # a leaf may import leaves and the first stage; a stage its own, the ones before it, and leaves
            allowed = theirs in (-1, 0) if mine == -1 else theirs <= mine
            if not allowed:
                problems.append(f"{name}:{line} ({_name(mine)}) imports {target} ({_name(theirs)}): an arrow back up")
            elif _forbidden(name, target):
                where = f"{name}:{line} ({_name(mine)}) imports {target} ({_name(theirs)})"
                problems.append(f"{where}: {name.split('.')[1]} must not read the store")
    return problems


def _read(root: Path) -> dict[str, tuple[str, bool]]:
    return {
        name: (path.read_text(encoding="utf-8"), path.name == "__init__.py") for name, path in modules(root).items()
    }


def test_no_stage_imports_a_later_one() -> None:
    problems = upward_arrows(_read(ROOT))
    assert not problems, "\n".join(problems)


def test_every_stage_and_leaf_names_something_that_exists() -> None:
    """A renamed package must not leave a stage silently empty."""
    known = set(modules(ROOT))
    for _, packages in LAYERS:
        for p in packages:
            assert any(_within(m, p) for m in known), p
    for leaf in LEAVES:
        assert leaf in known, leaf


_TREE = (
    "policyvc",
    "policyvc.cli",
    "policyvc.build",
    "policyvc.dates",
    "policyvc.store",
    "policyvc.store.x",
    "policyvc.history",
    "policyvc.history.audit",
    "policyvc.history.x",
    "policyvc.renderer",
    "policyvc.renderer.site",
    "policyvc.renderer.x",
    "policyvc.parser",
    "policyvc.parser.x",
)
_TYPE_ONLY = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from policyvc.build import Parsed\n"


@pytest.mark.parametrize(
    ("module", "source", "package", "arrow"),
    [
        ("policyvc.parser.x", "from policyvc.store import Store\n", False, "policyvc.store"),
        ("policyvc.parser.x", "def f():\n    import policyvc.cli\n", False, "policyvc.cli"),
        ("policyvc.renderer.x", _TYPE_ONLY, False, "policyvc.build"),
        ("policyvc.store.x", "from ..history import audit\n", False, "policyvc.history.audit"),
        ("policyvc.store", "from . import x\nfrom ..renderer import site\n", True, "policyvc.renderer.site"),
        ("policyvc.dates", "from policyvc.store import Store\n", False, "policyvc.store"),  # a leaf reaching up
        ("policyvc.renderer.x", "from policyvc import cli\n", False, "policyvc.cli"),
        ("policyvc.renderer.x", "from policyvc.store.x import Version\n", False, "policyvc.store.x"),  # FORBIDDEN
        # earlier stages, leaves and the package's version: no arrow
        ("policyvc.history.x", "from ..store import Store\nfrom policyvc.parser import x\n", False, None),
        ("policyvc.parser.x", "from policyvc.dates import parse_date\nfrom policyvc import __version__\n", False, None),
        ("policyvc.cli", "from policyvc.renderer import site\nfrom policyvc.build import Parsed\n", False, None),
        ("policyvc.dates", "from policyvc.parser.x import Policy\n", False, None),
    ],
)
def test_the_check_sees_every_arrow_back_up(module: str, source: str, package: bool, arrow: str | None) -> None:
    """The check itself: an import of a later stage is found however it is written; one of an earlier is not."""
    tree = {name: ("", False) for name in _TREE}
    tree[module] = (source, package)
    problems = upward_arrows(tree)
    if arrow is None:
        assert problems == []
    else:
        assert len(problems) == 1 and f"imports {arrow} (" in problems[0], problems


def test_a_module_in_no_stage_is_named() -> None:
    problems = upward_arrows({"policyvc.newthing": ("", False)})
    assert problems == ["policyvc.newthing: in no stage; add it to LAYERS (or LEAVES) in tests/test_architecture.py"]


# rendering is text in, text out: no printing, no files opened or written, no processes, no clock
_IMPURE_MODULES = ("os", "sys", "subprocess", "shutil", "concurrent", "multiprocessing", "time", "policyvc.atomic")
_IMPURE_CALLS = ("print", "open", "input")


def impurities(source: str) -> list[tuple[int, str]]:
    """(line, what) of every import of an impure module and call of an impure builtin in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        found += [(node.lineno, f"imports {n}") for n in names if any(_within(n, m) for m in _IMPURE_MODULES)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _IMPURE_CALLS:
            found.append((node.lineno, f"calls {node.func.id}()"))
    return found


def test_the_renderer_only_renders() -> None:
    """Orchestration (reading the store, pools, writing, mkdocs) lives in policyvc.site; printing in policyvc.report."""
    problems = [
        f"{name}:{line} {what}"
        for name, (source, _) in sorted(_read(ROOT).items())
        if _within(name, "policyvc.renderer")
        for line, what in impurities(source)
    ]
    assert not problems, "\n".join(problems)


def test_the_purity_check_sees_printing_and_processes() -> None:
    source = "import subprocess\nfrom concurrent.futures import ProcessPoolExecutor\ndef f():\n    print(1)\n"
    assert impurities(source) == [
        (1, "imports subprocess"),
        (2, "imports concurrent.futures"),
        (4, "calls print()"),
    ]
    assert impurities("import json\nfrom rich.table import Table\nimport ossify\n") == []


_PATH_REF = re.compile(
    r"(?<![\w./-])((?:parser|grammar|renderer|policyvc|tests|tools|benchmarks)/[\w/.-]*\w\.(?:py|lark|j2|css|toml))"
)


def test_every_file_the_code_and_readme_name_exists() -> None:
    """A docstring, comment or README line that names ``parser/layout.py`` after it became ``parser/nesting.py``
    sends the next reader to a file that is not there."""
    texts = [ROOT / "README.md"]
    for base in package_dirs(ROOT).values():
        texts += [p for p in sorted(base.rglob("*")) if p.suffix in (".py", ".lark", ".j2", ".md")]
    missing = [
        f"{path.relative_to(ROOT)}: names {ref}, which does not exist"
        for path in texts
        for ref in _PATH_REF.findall(path.read_text(encoding="utf-8"))
        if not (ROOT / ref).exists()
    ]
    assert not missing, "\n".join(missing)
