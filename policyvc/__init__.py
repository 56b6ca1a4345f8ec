"""policyvc: versioning, diff and rules for health-plan clinical policies.

The pipeline, one folder per stage (the design card keeps ``parser/``,
``grammar/`` and ``renderer/`` at the top of the repository; the install maps
them into this package as ``policyvc.parser``, ``policyvc.grammar`` and
``policyvc.renderer``):

* ``policyvc.parser`` — PDF or text → normalised lines → LALR → the typed AST;
* ``policyvc.store`` — versions keyed by revision-log date, git history;
* ``policyvc.history`` — diff, semantic labels, audit, blame;
* ``policyvc.renderer`` — every output, from one walk of the AST;
* ``policyvc.cli`` — the command line, thin.
"""

from __future__ import annotations

__version__ = "0.1.0"


def _map_checkout_folders() -> None:
    """In a source checkout, resolve ``policyvc.parser`` / ``.grammar`` / ``.renderer`` to the top-level folders.

    An install maps them (``[tool.setuptools.package-dir]``); ``python -m
    policyvc`` run at the repository root imports this folder instead of the
    install, so exactly those three names — nothing else of the repository —
    are mapped here by a finder that knows only them.
    """
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    if os.path.isdir(os.path.join(here, "parser")) or not os.path.isfile(os.path.join(root, "pyproject.toml")):
        return  # an installed copy: setuptools laid the folders out already (and nothing more is imported)
    import importlib.abc
    import importlib.machinery
    import importlib.util
    import sys
    from pathlib import Path

    folders = {f"{__name__}.{name}": Path(root) / name for name in ("parser", "grammar", "renderer")}
    if not all((path / "__init__.py").is_file() for path in folders.values()):
        return

    class _CheckoutFinder(importlib.abc.MetaPathFinder):
        def find_spec(
            self, fullname: str, path: object = None, target: object = None
        ) -> importlib.machinery.ModuleSpec | None:
            folder = folders.get(fullname)
            if folder is None:
                return None
            return importlib.util.spec_from_file_location(
                fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
            )

    sys.meta_path.insert(0, _CheckoutFinder())


_map_checkout_folders()
