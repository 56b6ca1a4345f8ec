"""Templates: how each kind of policy document is typed into the AST (one module of declarations each).

``centene-pharmacy`` (the family's grammar), ``centene-medical`` and ``generic`` (read through the
outline by :func:`~policyvc.parser.template_core.build`).  :func:`choose` picks one from what the
document says: its reference family, then the wording only its template uses; a document that names
neither is ``generic``.  Only the declarations (:mod:`~policyvc.parser.template_spec`) are loaded here:
choosing needs no outline.
"""

from __future__ import annotations

import re

from policyvc.lazy_re import lazy
from policyvc.parser import template_generic, template_medical, template_pharmacy
from policyvc.parser.template_spec import GroupStyle, Template

__all__ = ["TEMPLATES", "GroupStyle", "Template", "choose", "get"]

TEMPLATES: dict[str, Template] = {
    t.name: t for t in (template_pharmacy.TEMPLATE, template_medical.TEMPLATE, template_generic.TEMPLATE)
}
_FAMILY_TITLE = lazy(r"^\W{0,4}Clinical\s+Policy:", re.M)
# the family's statement group, numbered (``I. It is the policy of health plans affiliated with …``): a page's
# fragment from ``Policy/Criteria`` on has it without the title line, and it claims the document for a
# template whose groups are such statements as that title would
_FAMILY_STATEMENT = lazy(r"^\W{0,4}[IVX]{1,4}\.\s+It is the policy of health plans affiliated with\b", re.M)
_HEAD_CHARS = 6_000  # what a document says about itself is in its head (its header, its first section)


def get(name: str) -> Template:
    """The template called ``name`` (a ``KeyError`` names the known ones)."""
    try:
        return TEMPLATES[name]
    except KeyError:
        raise KeyError(f"unknown template `{name}`: expected one of {', '.join(TEMPLATES)}") from None


def choose(text: str) -> Template:
    """The template the document's own words claim it for: the one its reference family names, else
    the highest claim of its wording, ``generic`` when none."""
    head = text[:_HEAD_CHARS]
    named = [t for t in TEMPLATES.values() if any(p.search(head) for p in t.references)]
    if len(named) == 1:  # the reference family decides (the common case: no phrase needs reading)
        return named[0]
    # a family template (one whose documents open with ``Clinical Policy: <name>``) claims no document
    # without that line by its wording alone: another payer writes ``(must meet all)`` too
    titled = bool(_FAMILY_TITLE.search(head))
    stated = bool(_FAMILY_STATEMENT.search(head))
    scores = [
        (t.claims(head) if titled or not t.titled or (stated and t.groups is GroupStyle.STATEMENTS) else 0, -k, t)
        for k, t in enumerate(TEMPLATES.values())
        if t.name != "generic"
    ]
    best = max(scores, key=lambda s: (s[0], s[1]))
    return best[2] if best[0] > 0 else TEMPLATES["generic"]
