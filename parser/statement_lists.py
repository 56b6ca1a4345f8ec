"""Lists of lettered coverage statements in any policy: which item of a section's list is a criteria set of its own.

A policy may write its criteria groups as the items of one list under a heading (``II. Initial Treatment``), each a
statement with its own criteria under it, beside statements that are not criteria groups::

    A. Outpatient PT or OT after the evaluation is medically necessary when all of the following are met:
        1. …
        2. …
    B. Quantity limits for the initial authorization:
        1. Up to 12 visits per discipline;

Item ``A.`` is the group (its statement, its connective), not one criterion of a group the text never states:
as the family's medical template reads its ``I. It is the policy … medically necessary when all of the
following:``, each top item of such a list is a statement — the one that leads into its criteria with a
connective a set, the others what they are (a statement with no criteria, a list its words do not join).

Only a list that proves it: its top items upper-case letters or roman numerals of one kind, no connective
joining them (no lead-in's ``one of the following``, no trailing ``OR``), and at least one of them a coverage
statement's lead-in (:func:`coverage_lead_in`) over criteria of its own.
"""

from __future__ import annotations

import re

from policyvc.lazy_re import lazy
from policyvc.parser.nodes import MarkerKind
from policyvc.parser.outline import OItem, OList

__all__ = ["coverage_lead_in", "refusal_statement_list", "statement_list"]

# the grant a statement makes (``is medically necessary``, ``is considered medically necessary``, ``are covered``,
# ``may be approved``, ``meets coverage criteria``, ``is reasonable and necessary``) — never negated: ``is not``,
# ``is considered not …`` have no place between its words
_GRANT = lazy(
    r"\b(?:(?:is|are|may\s+be|will\s+be|shall\s+be)\s+(?:(?:considered|deemed|also|only|generally)\s+){0,2}"
    r"(?:(?:a\s+)?medically\s+necessary|(?:a\s+)?covered(?:\s+(?:benefit|service))?|approved|authori[sz]ed"
    r"|reasonable\s+and\s+necessary|eligible\s+for\s+(?:coverage|reimbursement|approval))"
    r"|meets?\s+(?:the\s+)?(?:coverage|medical\s+necessity)\s+criteria)\b",
    re.I,
)
# the condition that leads into the criteria, with their connective: ``when all of the following are met:``,
# ``if one of the following applies:``, ``when both of the following:``, ``when at least two of the following:``
_CONDITION = lazy(
    r"\b(?:when|if|for\s+members\s+who\s+meet|provided\s+that)\b.*?\b(?:all|any|one|both|either|each"
    r"|at\s+least\s+(?:\w+|\d+)|(?:\w+|\d+)\s+or\s+more)\s+(?:\(\d+\)\s+)?of\s+the\s+following\b",
    re.I,
)
# what negates the grant or makes the statement a refusal (``is not medically necessary when …``, ``… is considered
# investigational when …``): such a statement is no approving group this reading makes
_REFUSES = lazy(
    r"\bnot\b|\bnon-?covered\b|\b(?:investigational|experimental|unproven|cosmetic|excluded|contraindicated)\b", re.I
)


def coverage_lead_in(text: str) -> bool:
    """Whether ``text`` is a coverage statement that leads into its criteria with a connective: ``<service> is
    (considered) medically necessary / covered / approved / meets coverage criteria when (all | one | any | both |
    at least N) of the following …`` — the grant before the condition, nothing before the condition negating it."""
    said = " ".join(text.split())
    grant = _GRANT.search(said)
    if grant is None:
        return False
    condition = _CONDITION.search(said, grant.end())
    return condition is not None and _REFUSES.search(said, 0, condition.start()) is None


def _states_group(item: OItem) -> bool:
    return bool(item.children) and item.connective is not None and coverage_lead_in(item.text)


def _statements(lst: OList) -> bool:
    """Whether ``lst``'s top items may be statements: upper-case letters or upper-case roman numerals, all of one
    kind, no connective stated between them."""
    items = lst.items
    if not items or lst.connective is not None:
        return False
    kinds = {i.kind for i in items}
    if len(kinds) != 1 or not kinds <= {MarkerKind.LETTER, MarkerKind.ROMAN} or not all(i.upper for i in items):
        return False
    # (a trailing ``AND`` / ``OR``: the items are joined, one group's criteria)
    return not any(re.search(r"\b(?:AND|OR)\s*$", i.text) for i in items[:-1])


def statement_list(lst: OList) -> bool:
    """Whether ``lst``'s top items are statements, one at least a coverage statement over its own criteria (see
    the module)."""
    return _statements(lst) and any(_states_group(i) for i in lst.items)


def refusal_statement_list(lst: OList) -> bool:
    """Whether ``lst``'s top items are statements (as :func:`statement_list`'s) whose lists are all of what the
    statement refuses (``A. The following services are not medically necessary:`` over ``1.`` … ``4.``): each
    item is a statement, its list the things it names — one level under it, never criteria that grant.  Every
    item must refuse over a list of its own, its lead-in closed by a colon, and none grant (a coverage lead-in): a
    statement with no list beside them (``B. Topical oxygen is not covered.``) leaves the list as it was read."""
    if not _statements(lst) or any(coverage_lead_in(i.text) for i in lst.items):
        return False
    return all(i.children and i.text.rstrip().endswith(":") and _REFUSES.search(i.text) for i in lst.items)
