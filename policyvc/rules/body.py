"""The criteria sets of a policy read through its outline (``centene-medical``, ``generic``), as rules can decide them.

Those templates keep their criteria groups in the document's body, each under a statement (*It is the policy of
… that EGFR mutation analysis (CPT 81235) is considered medically necessary when meeting all of the following*).
:func:`rules_view` gives the rules a policy whose sections hold them, so the same lowering, generator and
interpreter decide them.  Fail-safe:

- only a statement that grants coverage (*medically necessary*, *reasonable and necessary*, *covered*,
  *indicated*) and negates nothing (*not*, *investigational*, *experimental*, *unproven*, *cosmetic* …) makes an
  approving set; a non-coverage statement, and one the rules cannot tell, is a set that never approves (its
  statement criterion is false: a request for it is denied, its criteria may still be attested);
- the statement is itself a criterion (``<set id>.statement``, a judgment): the service and indication it names
  are not facts a request carries, so nothing is approved unless the request is attested to be for them;
- leaf criteria are typed by the same typer (an age, a diagnosis); every other one is a judgment;
- a set whose nesting was inferred (``CriteriaSet.inferred``: a copy lost the list's markers and nothing written
  says where a list inside it ends) has one more criterion, ``<set id>.structure``, a judgment: a reading
  that may have made a required item optional, or an optional one required, decides nothing by its criteria
  until a reviewer attests that the nesting shown is the policy's (``rt.as_read``);
- a statement whose items the text states no connective for (``II. The following procedures may be considered
  medically necessary when …:``, a list of things) is no set: how its items combine is not written, so nothing
  is approved by it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from policyvc.parser.nodes import (
    Connective,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    CriterionType,
    MarkerKind,
    MeetRule,
    Policy,
    Section,
)

PHARMACY = "centene-pharmacy"
STATEMENT = "statement"  # the id suffix of a set's statement criterion
CRITERIA = "criteria"  # the id suffix of the group holding a one-of set's criteria under its statement
STRUCTURE = "structure"  # the id suffix of an inferred set's criterion: its nesting, attested by a reviewer
STRUCTURE_TEXT = (
    "The nesting of the criteria below was inferred from lines whose list markers the copy lost: it matches the"
    " policy as published"
)

_GRANTS = re.compile(
    r"\b(?:medically necessary|reasonable and necessary|(?:is|are) covered|(?:is|are) (?:considered )?indicated)\b",
    re.I,
)
_NEGATES = re.compile(
    r"\b(?:not|non|never|no longer|investigational|experimental|unproven|cosmetic|excluded|exclusions?|"
    r"contraindicated|denied|limitations?)\b|\bnon-",
    re.I,
)


def grants(statement: str) -> bool:
    """The statement grants coverage and negates nothing (``… is considered medically necessary when …``)."""
    return bool(_GRANTS.search(statement)) and not _NEGATES.search(statement)


def rules_view(policy: Policy) -> Policy:
    """``policy`` itself for the pharmacy template; for the others, its approving sets as criteria sections."""
    if policy.template == PHARMACY:
        return policy
    sections: list[CriteriaSection] = []
    for path, s in _sets(policy.body, ()):
        heading = " ".join(path)  # "Continued Approval" answers continued requests (model.section_kind)
        sections.append(CriteriaSection(f"{s.id}.section", heading, (_with_statement(s),), s.span))
    # the view is what the pharmacy template's AST is (criteria sections), and is walked as one
    return dataclasses.replace(policy, sections=tuple(sections), body=(), template=PHARMACY)


def is_statement(c: Criterion) -> bool:
    """A set's statement made a criterion by :func:`rules_view` (no marker: no document criterion has none)."""
    return c.id.endswith(f".{STATEMENT}") and not c.marker and not c.children


def is_structure(c: Criterion) -> bool:
    """An inferred set's structure criterion made by :func:`rules_view` (no marker, like a statement)."""
    return c.id.endswith(f".{STRUCTURE}") and not c.marker and not c.children


def never_approves(c: Criterion) -> bool:
    """A statement criterion of a set that grants no coverage (:func:`rules_view`): false whatever the request."""
    return is_statement(c) and not grants(c.text)


def has_rules(policy: Policy) -> bool:
    """Whether the rules decide anything for ``policy`` (an approving set with a statement or criteria)."""
    return any(s.criteria for section in rules_view(policy).sections for s in section.sets)


def _sets(blocks: tuple[object, ...], path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], CriteriaSet]]:
    for block in blocks:
        if isinstance(block, CriteriaSet):
            if block.rule is None and block.criteria:
                continue  # a list the text states no connective for (``The following procedures are …:``): no set
            yield path, block
        elif isinstance(block, Section):
            yield from _sets(block.blocks, (*path, block.title))


def _with_statement(s: CriteriaSet) -> CriteriaSet:
    """The set with its statement as a criterion before its own criteria (all of them)."""
    statement = Criterion(
        f"{s.id}.{STATEMENT}", "", MarkerKind.BULLET, s.title, CriterionType.JUDGMENT, span=s.span, source=s.title
    )
    connective = s.rule.connective if s.rule else Connective.ALL
    at_least = s.rule.at_least if s.rule else None
    if connective is Connective.ATLEAST and at_least is None:
        connective = Connective.ALL  # "at least N" with its N unwritten: all of them is stricter, never laxer
    criteria = s.criteria
    if s.rule and s.rule.of:
        criteria = tuple(c for c in criteria if c.marker.rstrip(".") in s.rule.of)
    if criteria and connective not in (Connective.ALL, Connective.BOTH):
        group = Criterion(
            f"{s.id}.{CRITERIA}",
            "",
            MarkerKind.BULLET,
            f"Meets at least {at_least} of the following" if at_least else f"Meets {connective.value} of the following",
            CriterionType.JUDGMENT,
            connective=connective,
            at_least=at_least,
            children=criteria,
            span=s.span,
        )
        criteria = (group,)
    if s.inferred:  # (second, after the statement: ``model.structure_of``; no decision rests on a guessed nesting)
        structure = Criterion(
            f"{s.id}.{STRUCTURE}", "", MarkerKind.BULLET, STRUCTURE_TEXT, CriterionType.JUDGMENT, span=s.span
        )
        criteria = (structure, *criteria)
    rule = MeetRule(Connective.ALL, (), "all")
    return dataclasses.replace(s, rule=rule, criteria=(statement, *criteria))
