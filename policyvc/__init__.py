"""policyvc: versioning, diff and rules for health-plan clinical policies.

The design card keeps the pipeline's folders (``parser/``, ``grammar/``,
``renderer/``) at the top of the repository; an installed copy maps them into
this one package.  When the package is imported straight from a checkout (for
example ``python -m policyvc`` run at the repository root), the sibling folders
are added to ``__path__`` so ``policyvc.parser`` resolves the same way.
"""

from __future__ import annotations

from pathlib import Path as _Path

__version__ = "0.1.0"

_root = _Path(__file__).resolve().parent.parent
_in_checkout = (_root / "pyproject.toml").is_file() and (_root / "parser" / "__init__.py").is_file()
if _in_checkout and not (_Path(__file__).parent / "parser").is_dir():  # not site-packages
    __path__.append(str(_root))
del _Path, _root, _in_checkout
