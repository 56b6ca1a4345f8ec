"""A policy as the user asked for it: ``outline``, ``json`` (the AST) or ``text`` (canonical policy text)."""

from __future__ import annotations

from policyvc.parser.nodes import Policy

FORMATS = ("outline", "json", "text")


def render_policy(policy: Policy, fmt: str) -> str:
    """``policy`` in one of :data:`FORMATS` (heavy renderers are imported by the format that needs them)."""
    if fmt == "outline":
        from policyvc.renderer.outline import render_outline

        return render_outline(policy)
    if fmt == "json":
        from policyvc.serialize import to_json

        return to_json(policy)
    if fmt == "text":
        from policyvc.renderer.text import render_text

        return render_text(policy)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
