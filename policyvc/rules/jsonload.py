"""Strict JSON for requests: bounded size, depth and digits, no duplicate keys, no NaN or Infinity.

``json.loads`` accepts things a request must not carry: a document nested ten thousand deep (its C scanner
then raises ``RecursionError``), an integer of 5,000 digits (``ValueError`` from Python's int-to-text
limit the first time anyone prints it), ``1e400`` (read as ``inf``), ``NaN``, and a key given twice (the
last one silently wins).  :func:`loads` refuses each with a :class:`JSONInputError` whose message says
what was expected; the value checks (ranges, types) are the runtime's (``runtime.Facts``).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_BYTES = 4 << 20  # a request (or a decision-table case) is a few kilobytes
MAX_DEPTH = 32  # a request nests three deep; a case file wraps it once more
MAX_NUMBER_CHARS = 40  # digits, sign, point and exponent of one number: enough for any measurement

# a string (escapes included) or a bracket: the brackets outside strings give the depth without recursion
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class JSONInputError(ValueError):
    """JSON a request may not be; the message is for people (no position when there is none to give)."""


def _depth(text: str, limit: int) -> None:
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()[0]
        if char in "[{":
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, token.start()) + 1
                raise JSONInputError(f"nested more than {limit} deep (line {line}); a request nests three deep")
        elif char in "]}":
            depth -= 1


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            shown = key if len(key) <= 60 else key[:57] + "…"
            raise JSONInputError(f"duplicate key {shown!r}: each key may be given once")
        out[key] = value
    return out


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONInputError(f"a number of {len(text)} digits: at most {MAX_NUMBER_CHARS} characters are read")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONInputError(f"a number of {len(text)} characters: at most {MAX_NUMBER_CHARS} are read")
    value = float(text)
    if not math.isfinite(value):
        raise JSONInputError(f"the number {text} is too large to be a measurement")
    return value


def _constant(name: str) -> Any:
    raise JSONInputError(f"{name} is not a number JSON allows")


def loads(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of ``data`` (UTF-8 when bytes), strictly; a :class:`JSONInputError` says what is wrong."""
    if len(data) > MAX_BYTES:
        raise JSONInputError(f"more than {MAX_BYTES >> 20} MB: a request is at most {MAX_BYTES >> 20} MB")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONInputError(f"not UTF-8 (byte {exc.start})") from None
    _depth(data, max_depth)
    try:
        return json.loads(data, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except JSONInputError:
        raise
    except RecursionError:  # the depth check above makes this unreachable; kept as the last line of defence
        raise JSONInputError("nested too deep") from None
    except json.JSONDecodeError as exc:
        raise JSONInputError(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except ValueError as exc:
        raise JSONInputError(f"not JSON: {exc}") from None


def load_file(path: Any) -> Any:
    """:func:`loads` on a file's bytes, reading at most one byte more than the limit."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    return loads(data)
