"""The AST as JSON, back again, and its JSON Schema.

Writing: a walk of the frozen dataclasses, planned once per class from its type
hints (:func:`to_dict`), gives exactly what pydantic's ``dump_python(mode="json")``
gives (fields in declaration order, enums as values, dates in ISO form, tuples as
lists, a ``float`` field's ints as floats) without building pydantic's adapter, which
costs more than the parse on a cold ``policyvc parse --format json``.  Reading
(:func:`from_json`, validated) and the published schema come from pydantic's
``TypeAdapter``, built on first use, from the one set of type hints in
``policyvc.parser.nodes``.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import enum
import math
import sys
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from policyvc.errors import PolicyError
from policyvc.lazy_re import lazy

try:  # json's C string encoder (what json.dumps uses with ensure_ascii=False)
    from _json import encode_basestring as _string
except ImportError:  # pragma: no cover - an interpreter without json's accelerator
    from json.encoder import py_encode_basestring as _string

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from policyvc.parser.nodes import Policy

SCHEMA_ID = "https://policyvc.invalid/schema/policy.json"

_Convert = Callable[[Any], Any]


@cache
def _adapter() -> TypeAdapter[Policy]:
    from pydantic import TypeAdapter

    from policyvc.parser.nodes import Policy

    return TypeAdapter(Policy)


def _plain(value: Any) -> Any:
    """``value`` as JSON-compatible data, by its own type (for fields whose hint needs no coercion)."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(x) for x in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dump(value)
    if isinstance(value, str | int | float):  # a subclass (an IntEnum is caught above)
        return value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _to_float(value: Any) -> Any:
    # pydantic writes an int held by a ``float`` field as a float (``5.0``), and so must we
    return float(value) if type(value) is int else _plain(value)


def _converter(hint: Any) -> _Convert:
    """How to write a value of type ``hint``: by its own type, except where the hint asks for floats."""
    if hint is float:
        return _to_float
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _converter(args[0])
            return _plain if each is _plain else lambda v: [each(x) for x in v]
        parts = [_converter(a) for a in args]
        if all(c is _plain for c in parts):
            return _plain
        return lambda v: [c(x) for c, x in zip(parts, v, strict=False)]
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            inner = _converter(options[0])
            return _plain if inner is _plain else lambda v: None if v is None else inner(v)
        if float in options and int not in options:  # an int here can only be the float's
            return _to_float
    return _plain


_PLANS: dict[type, tuple[tuple[str, _Convert], ...]] = {}
_NAME = lazy(r"[A-Za-z_][\w.]*")
_QUOTED = lazy(r"'[^']*'|\"[^\"]*\"")
_FORMS = (typing.Literal, typing.Union, typing.Optional, typing.Any)
_UNKNOWN = object()


def _plain_by_text(cls: type, annotation: object) -> bool:
    """Whether a field of ``cls`` annotated ``annotation`` (a string, as ``from __future__ import annotations``
    leaves it) is surely written by its own type, told without evaluating the string — evaluating every
    annotation (``typing.get_type_hints``) was half the cost of a first ``--format json``.

    So it is when every name in it is a class other than ``float``, ``None``, a typing form, or an alias
    whose type asks for no coercion (``Block = Paragraph | Bullets | Table``); anything else is evaluated.
    """
    if not isinstance(annotation, str):
        return False
    namespace = vars(sys.modules[cls.__module__])
    for name in _NAME.findall(_QUOTED.sub("", annotation)):  # (a Literal's strings are no names)
        head, *rest = name.split(".")
        if head in vars(cls):  # the class's own namespace comes first when the string is evaluated
            return False
        found = namespace.get(head, getattr(builtins, head, _UNKNOWN))
        for part in rest:
            found = getattr(found, part, _UNKNOWN)
        if found is float or found is _UNKNOWN:
            return False
        if found is None or isinstance(found, type) or any(found is form for form in _FORMS):
            continue
        if typing.get_origin(found) is None or _converter(found) is not _plain:
            return False
    return True


def _plan(cls: type) -> tuple[tuple[str, _Convert], ...]:
    """Each field of a node class and how to write it (worked out once per class)."""
    plan = _PLANS.get(cls)
    if plan is None:
        fields = dataclasses.fields(cls)
        if all(_plain_by_text(cls, f.type) for f in fields):
            plan = tuple((f.name, _plain) for f in fields)
        else:
            hints = typing.get_type_hints(cls)
            plan = tuple((f.name, _converter(hints[f.name])) for f in fields)
        _PLANS[cls] = plan
    return plan


def _dump(node: Any) -> dict[str, Any]:
    return {name: convert(getattr(node, name)) for name, convert in _plan(type(node))}


def to_dict(policy: Policy) -> dict[str, Any]:
    """The policy as plain JSON-compatible data (what pydantic's ``dump_python(mode="json")`` gives)."""
    return _dump(policy)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _indented(value: Any, pad: str, out: list[str]) -> None:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, appended to ``out``.

    json's indenting encoder is written in Python (only the compact one is in C); this one takes about
    half its time and writes the same text byte for byte (``tests/test_serialize.py``).
    """
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = pad + "  "
        out.append("{")
        first = True
        for key, item in value.items():
            out.append(f"\n{inner}{_string(key)}: " if first else f",\n{inner}{_string(key)}: ")
            first = False
            _indented(item, inner, out)
        out.append(f"\n{pad}}}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = pad + "  "
        out.append("[")
        first = True
        for item in value:
            out.append(f"\n{inner}" if first else f",\n{inner}")
            first = False
            _indented(item, inner, out)
        out.append(f"\n{pad}]")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(policy: Policy, indent: int | None = 2) -> str:
    """The policy as JSON text (deterministic: fields in declaration order)."""
    data = to_dict(policy)
    if indent != 2:
        import json  # (the package, ~3 ms of a start, only for another indent)

        return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
    out: list[str] = []
    _indented(data, "", out)
    out.append("\n")
    return "".join(out)


def from_json(text: str | bytes, source: str = "<json>") -> Policy:
    """Rebuild a :class:`Policy` from :func:`to_json` output, validating it."""
    from pydantic import ValidationError

    try:
        return _adapter().validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise PolicyError(f"not a policyvc AST: {where}: {first.get('msg')}", source=source) from None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the ``parse --format json`` output."""
    schema: dict[str, Any] = _adapter().json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
