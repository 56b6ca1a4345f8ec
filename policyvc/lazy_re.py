"""Regular expressions compiled when first used, not when their module is imported.

A module-level ``_X = lazy(r"...")`` stands for ``re.compile(r"...")``: it compiles on the first call of
one of its methods and from then on answers them as fast as the compiled pattern (the bound methods are
kept on the object).  The parser's modules hold some 400 patterns, and a command's path uses a fraction of
them: compiling them all at import was a fifth of ``policyvc parse``'s start-up.

``.pattern`` is known without compiling (patterns are built from one another's source).  A lazy pattern is
no ``re.Pattern`` instance: give ``re.sub`` and friends its ``.pattern``, or call its own methods.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

__all__ = ["lazy"]

_METHODS = ("match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer")


class _Lazy:
    """The pattern ``pattern`` with ``flags``, compiled on the first use of anything but its source."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only called for what the instance does not hold yet
        if name.startswith("__"):  # copy, pickle and friends probing for hooks: not a use of the pattern
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        self.compiled = compiled
        for method in _METHODS:  # the next call is a plain attribute lookup, as on the compiled pattern
            setattr(self, method, getattr(compiled, method))
        self.flags, self.groups, self.groupindex = compiled.flags, compiled.groups, compiled.groupindex
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags!r})"


def lazy(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done on the first use (typed as the pattern it stands for)."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, int(flags)))
