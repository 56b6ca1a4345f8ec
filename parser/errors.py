"""Errors for people: :class:`PolicyError` lives in :mod:`policyvc.errors` (importing it loads no parser).

Kept so that ``from policyvc.parser.errors import PolicyError`` goes on working.
"""

from __future__ import annotations

from policyvc.errors import PolicyError

__all__ = ["PolicyError"]
