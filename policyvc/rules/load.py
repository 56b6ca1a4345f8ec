"""Import a generated module from its source text, without writing it anywhere (for evaluate and the tests).

The module's ``from .. import runtime`` resolves to this package's runtime: a private package tree
``_policyvc_rules.<n>`` is made for each load, so modules of different versions never share a name.
"""

from __future__ import annotations

import itertools
import sys
from types import ModuleType

from policyvc.rules import runtime

_COUNTER = itertools.count(1)
_ROOT = "_policyvc_rules"


def _package(name: str) -> ModuleType:
    package = ModuleType(name)
    package.__path__ = []
    package.__package__ = name
    sys.modules[name] = package
    return package


def load_module(source: str, filename: str = "<generated rules>") -> ModuleType:
    """Execute generated module ``source`` as ``_policyvc_rules.pN.module`` and return it."""
    if _ROOT not in sys.modules:
        root = _package(_ROOT)
        root.runtime = runtime  # type: ignore[attr-defined]
        sys.modules[f"{_ROOT}.runtime"] = runtime
    sub = f"{_ROOT}.p{next(_COUNTER)}"
    _package(sub)
    module = ModuleType(f"{sub}.module")
    module.__package__ = sub
    module.__file__ = filename
    sys.modules[module.__name__] = module
    exec(compile(source, filename, "exec"), module.__dict__)
    return module
