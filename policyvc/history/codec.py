"""The history's frozen results (a pair's diff and audit) as plain JSON data and back, every field validated.

A build keeps each pair of versions' :class:`~policyvc.history.audit.PairAudit` between runs
(:mod:`policyvc.history.cache`).  Kept data never becomes code: it is written as JSON values only — a dataclass
as the list of its fields in declaration order, a tuple as a list, an enum as its value, a date in ISO form — and
read back by a decoder planned once per class from its type hints, which checks every value against its field's
type and builds the frozen dataclasses through their own constructors.  An object met again (an audit's tie names
the very edit its script holds, and the site finds a change's tie by that identity) is written the second time
as the number of the dataclass it is, counted as they are finished, and read back as that same object, of the
type its field asks for.  Anything that does not fit (another
shape, a wrong type, an unknown enum value, a field too many or too few) raises :class:`Damaged`, and the caller
recomputes.  Types it cannot plan (a union of two classes, ``Any``) are a programming error, found by the tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

_Decode = Callable[[Any, list[Any]], Any]  # (data, the dataclasses read so far, in the order they were finished)


class Damaged(ValueError):
    """Kept data that is not a value of the type it is read as."""


def encode(value: Any) -> Any:
    """``value`` (frozen dataclasses, tuples, enums, dates, str/int/float/bool/None) as JSON-compatible data."""
    return _encode(value, {})


def _encode(value: Any, seen: dict[int, int]) -> Any:
    """``seen``: the number of each dataclass already written (by ``id``; the objects live while ``value`` does)."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is float or kind is bool:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):  # (a named tuple too: its fields in order)
        return [_encode(x, seen) for x in value]
    if isinstance(value, dt.date) and kind is not dt.datetime:
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        number = seen.get(id(value))
        if number is not None:
            return number  # (the same object again)
        data = [_encode(getattr(value, name), seen) for name in _fields(kind)]
        seen[id(value)] = len(seen)
        return data
    raise TypeError(f"cannot keep a {kind.__name__} as JSON")


def decode(data: Any, cls: type[Any]) -> Any:
    """The ``cls`` (a frozen dataclass) that :func:`encode` wrote as ``data``; :class:`Damaged` when it is not."""
    return _decoder(cls)(data, [])


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _exact(kind: type) -> _Decode:
    def check(v: Any, _: list[Any]) -> Any:
        if type(v) is not kind:
            raise Damaged(f"expected {kind.__name__}, found {type(v).__name__}")
        return v

    return check


def _number(v: Any, _: list[Any]) -> Any:
    # (a float field holds what was given to it: JSON keeps 5.0 a float and 5 an int, so both come back as written)
    if type(v) is not float and type(v) is not int:
        raise Damaged(f"expected a number, found {type(v).__name__}")
    return v


def _none(v: Any, _: list[Any]) -> None:
    if v is not None:
        raise Damaged(f"expected null, found {type(v).__name__}")


def _date(v: Any, _: list[Any]) -> dt.date:
    if type(v) is not str or len(v) != 10 or v[4] != "-":
        raise Damaged("expected an ISO date")
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise Damaged(f"{v!r} is no date") from None


def _items(v: Any) -> list[Any]:
    if type(v) is not list:
        raise Damaged(f"expected a list, found {type(v).__name__}")
    return v


def _plan(hint: Any) -> _Decode:
    """How to read a value of type ``hint``, checking it."""
    if hint is str or hint is int or hint is bool:
        return _exact(hint)
    if hint is float:
        return _number
    if hint is type(None) or hint is None:
        return _none
    if hint is dt.date:
        return _date
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda v, _: _member(hint, v)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda v, done: _decoder(hint)(v, done)  # (looked up when used: a class may hold itself)
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):  # a named tuple
        hints = typing.get_type_hints(hint)
        return _fixed(tuple(_plan(hints[name]) for name in hint._fields), hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        each = _plan(args[0])
        return lambda v, done: tuple([each(x, done) for x in _items(v)])
    if origin is tuple and args:
        return _fixed(tuple(_plan(a) for a in args), None)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1 and len(args) == 2:
            inner = _plan(options[0])
            return lambda v, done: None if v is None else inner(v, done)
    raise TypeError(f"cannot read {hint!r} back from JSON: give it a decoder in policyvc/history/codec.py")


def _member(cls: type[enum.Enum], v: Any) -> enum.Enum:
    if type(v) is not str and type(v) is not int:
        raise Damaged(f"expected a {cls.__name__} value")
    try:
        return cls(v)
    except ValueError:
        raise Damaged(f"{v!r} is no {cls.__name__}") from None


def _fixed(parts: tuple[_Decode, ...], make: Callable[..., Any] | None) -> _Decode:
    def read(v: Any, done: list[Any]) -> Any:
        items = _items(v)
        if len(items) != len(parts):
            raise Damaged(f"expected {len(parts)} values, found {len(items)}")
        values = [p(x, done) for p, x in zip(parts, items, strict=True)]
        if make is None:
            return tuple(values)
        try:
            return make(*values)
        except ValueError as exc:  # (a class's own check: a month 13)
            raise Damaged(str(exc)) from None

    return read


_DECODERS: dict[type, _Decode] = {}


def _decoder(cls: type) -> _Decode:
    """The decoder of a dataclass: its fields' list, each checked, given to its constructor — or the number of one
    of its kind already read (the same object again)."""
    found = _DECODERS.get(cls)
    if found is None:
        fields = dataclasses.fields(cls)
        if any(not f.init for f in fields):
            raise TypeError(f"{cls.__name__} has a field its constructor does not take")
        hints = typing.get_type_hints(cls)
        _DECODERS[cls] = lambda v, done: _decoder(cls)(v, done)  # (while planning: a class that holds itself)
        build = _fixed(tuple(_plan(hints[f.name]) for f in fields), cls)

        def found(v: Any, done: list[Any]) -> Any:
            if type(v) is int:
                if not 0 <= v < len(done) or type(done[v]) is not cls:
                    raise Damaged(f"{v} is no {cls.__name__} read before")
                return done[v]
            value = build(v, done)
            done.append(value)
            return value

        _DECODERS[cls] = found
    return found
