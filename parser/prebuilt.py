"""``dataclasses.dataclass`` with the methods it writes compiled ahead of time (the parser's types use it).

CPython 3.11's ``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and
(frozen) ``__setattr__`` / ``__delattr__`` as source text and compiles every one with its own ``exec``: for
the parser's modules some 320 compilations (230 of them ``parser/nodes.py``'s, two thirds of its import), paid by
every command that parses.  ``tools/gen_dataclass_methods.py`` writes those same texts as functions into
``parser/dataclass_methods.py`` (checked in, byte-compiled once like any module) and :func:`dataclass` runs
the standard decorator unchanged
except that a text found there is taken from there instead of compiled, bound to the same globals and called
with the same closure values: the classes are the very dataclasses ``dataclasses`` makes (``fields()``,
``replace()``, frozen, slots, pickling).  A text not found — another Python whose ``dataclasses`` writes other
text, a class changed without regenerating (``tests/test_startup.py`` says so) — is compiled as before.

A module opts in with ``from policyvc.parser.prebuilt import dataclass``; mypy sees the standard decorator.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from policyvc.parser.dataclass_methods import FACTORIES

__all__ = ["dataclass", "function_text"]

_HOOK = "_create_fn"  # the one function of `dataclasses` that compiles (CPython 3.11, 3.12)
_COMPILE: Callable[..., Any] | None = getattr(dataclasses, _HOOK, None)
missed: list[str] = []  # texts compiled here, not found in parser/dataclass_methods.py (the generator reads it)


def function_text(name: str, args: list[str], body: list[str], local_names: list[str], annotated: bool) -> str:
    """The source ``dataclasses._create_fn`` compiles for one method, character for character."""
    arguments = ",".join(args)
    lines = "\n".join(f"  {b}" for b in body)
    returns = "->_return_type" if annotated else ""
    inner = f" def {name}({arguments}){returns}:\n{lines}"
    return f"def __create_fn__({', '.join(local_names)}):\n{inner}\n return {name}"


def _create_fn(
    name: str,
    args: list[str],
    body: list[str],
    *,
    globals: dict[str, Any] | None = None,  # the names of the function this stands for
    locals: dict[str, Any] | None = None,
    return_type: Any = dataclasses.MISSING,
) -> Any:
    """``dataclasses._create_fn``, with the function taken from ``parser/dataclass_methods.py`` when there."""
    values = dict(locals or {})
    annotated = return_type is not dataclasses.MISSING
    if annotated:
        values["_return_type"] = return_type
    text = function_text(name, args, body, list(values), annotated)
    factory = FACTORIES.get(text)
    if factory is None or globals is None:
        missed.append(text)  # compiled by dataclasses itself (an exec here would inherit this module's __future__)
        assert _COMPILE is not None  # (this stands in for it only where it exists)
        return _COMPILE(name, args, body, globals=globals, locals=locals, return_type=return_type)
    return types.FunctionType(factory.__code__, globals)(**values)


if TYPE_CHECKING:  # what mypy checks the classes against: the standard decorator itself
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls: type | None = None, /, **options: Any) -> Any:
        """``dataclasses.dataclass(cls, **options)``, its methods from ``parser/dataclass_methods.py``."""

        def wrap(cls: type) -> Any:
            if _COMPILE is None:  # a `dataclasses` that compiles otherwise (one exec per class, 3.13): as it is
                return dataclasses.dataclass(cls, **options)
            setattr(dataclasses, _HOOK, _create_fn)
            try:
                return dataclasses.dataclass(cls, **options)
            finally:
                setattr(dataclasses, _HOOK, _COMPILE)

        return wrap if cls is None else wrap(cls)
