"""The AST as JSON, back again, and its JSON Schema.

pydantic's ``TypeAdapter`` walks our frozen dataclasses directly, so the JSON,
its validation on the way back in and the published schema all come from the
one set of type hints in ``policyvc.parser.nodes``.  pydantic is imported only
here, on first use, to keep ``policyvc parse`` start-up short.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy

if TYPE_CHECKING:
    from pydantic import TypeAdapter

SCHEMA_ID = "https://policyvc.invalid/schema/policy.json"


@cache
def _adapter() -> TypeAdapter[Policy]:
    from pydantic import TypeAdapter

    return TypeAdapter(Policy)


def to_dict(policy: Policy) -> dict[str, Any]:
    """The policy as plain JSON-compatible data."""
    data: dict[str, Any] = _adapter().dump_python(policy, mode="json")
    return data


def to_json(policy: Policy, indent: int | None = 2) -> str:
    """The policy as JSON text (deterministic: fields in declaration order)."""
    return json.dumps(to_dict(policy), ensure_ascii=False, indent=indent) + "\n"


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
