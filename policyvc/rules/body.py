"""The criteria sets of a policy read through its outline (``centene-medical``, ``generic``), as rules can decide them.

Those templates keep their criteria groups in the document's body, each under a statement (*It is the policy of
… that EGFR mutation analysis (CPT 81235) is considered medically necessary when meeting all of the following*).
:func:`rules_view` gives the rules a policy whose sections hold them, so the same lowering, generator and
interpreter decide them.  Fail-safe:

- only a statement that grants coverage (*medically necessary*, *reasonable and necessary*, *covered*,
  *indicated*, *is approved*, *may be authorized*) and negates nothing (*not*, *investigational*, *experimental*,
  *unproven*, *cosmetic* …) makes an approving set; a non-coverage statement is a set that never approves (its
  statement criterion is false: a request for it is denied, its criteria may still be attested), and one the
  rules cannot tell never approves either but denies nothing (its statement is unknown: ``needs-review`` unless
  its criteria fail);
- the statement is itself a criterion (``<set id>.statement``, a judgment): the service and indication it names
  are not facts a request carries, so nothing is approved unless the request is attested to be for them;
- leaf criteria are typed by the same typer (an age, a diagnosis); every other one is a judgment;
- a set whose nesting was inferred (``CriteriaSet.inferred``: a copy lost the list's markers and nothing written
  says where a list inside it ends) has one more criterion, ``<set id>.structure``, a judgment: a reading
  that may have made a required item optional, or an optional one required, decides nothing by its criteria
  until a reviewer attests that the nesting shown is the policy's (``rt.as_read``);
- limits and exclusions the policy states outside its criteria groups — a section headed *Quantity Limits*,
  *Dosing*, *Limitations*, *Exclusions* …, a table with a quantity or maximum-dose column — are text the rules
  do not compute (a *2 pens per 28 days* counts over a period no request field carries; an exclusion is prose):
  every approving set of such a policy has one more judgment, ``<set id>.limits``, naming where they are
  written, so no request is approved past them unless a reviewer attests that it is within them;
- a set whose statement refuses coverage *when* its criteria hold (*MRI … will not be approved when any of the
  following is present*, *… is not medically necessary for any of the following*, *does NOT cover … for*) is an
  **exclusion** of the policy (``excludes``): when its criteria hold the request is denied whatever set approves it,
  and while they are unknown no approval stands (``needs-review``) — the text forbids what they name;
- a list under a heading of requirements (*Additional Requirements*, *General Requirements*, *Prerequisites*,
  *Eligibility*) that grants and refuses nothing is a **requirement** of every approval (``requires``, all of its
  items): one that fails denies, one left unknown holds an approval for review;
- a statement whose items the text states no connective for (``II. The following procedures may be considered
  medically necessary when …:``, a list of things) is no set: how its items combine is not written, so nothing
  is approved by it.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterator

from policyvc.parser.classify import classify
from policyvc.parser.nodes import (
    ApprovalDuration,
    Bullets,
    ConcurrentUseFact,
    Connective,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    CriterionType,
    DiagnosisFact,
    MarkerKind,
    MeetRule,
    Paragraph,
    Policy,
    Section,
    SectionBlock,
    Span,
    Table,
    iter_criteria,
)
from policyvc.parser.template_core import states_non_coverage

PHARMACY = "centene-pharmacy"
STATEMENT = "statement"  # the id suffix of a set's statement criterion
CRITERIA = "criteria"  # the id suffix of the group holding a one-of set's criteria under its statement
STRUCTURE = "structure"  # the id suffix of an inferred set's criterion: its nesting, attested by a reviewer
LIMITS = "limits"  # the id suffix of an approving set's criterion: within the limits written outside the criteria


class Role(enum.Enum):
    """What a set of the rules view does to a decision (its view section's id suffix says it)."""

    APPROVES = "section"  # approves when it holds (the pharmacy template's every set; a granting statement's)
    REQUIRES = "requires"  # every approval needs it: false denies, unknown holds the approval for review
    # a list whose last item ends ``…; AND`` over the lists below it: every approval needs it, false denies and
    # unknown holds the approval for review (no ``.limits`` judgment names it)
    LEADS = "leads"
    EXCLUDES = "excludes"  # no approval when it holds: true denies (its statement names an approving one's service)
    MAY_EXCLUDE = "may-exclude"  # an exclusion about a service no approving statement names alike: true holds
    # the approval for review until the request attests its statement (true denies, false lifts it)
    REFUSES = "refuses"  # diagnoses the policy refuses its service for: one requested denies, one close holds
    # diagnoses refused for a kind of the service beside another kind an approving statement names (*implantable …*
    # beside *noninvasive …*): one requested holds the approval until the request attests the refusal's statement
    MAY_REFUSE = "may-refuse"


def role_of(section: CriteriaSection) -> Role:
    """The role of a rules-view section's sets (:func:`rules_view`): approving unless its id says otherwise."""
    tail = section.id.rsplit(".", 1)[-1]
    return next((r for r in Role if r is not Role.APPROVES and r.value == tail), Role.APPROVES)


STRUCTURE_TEXT = (
    "The nesting of the criteria below was inferred from lines whose list markers the copy lost: it matches the"
    " policy as published"
)

# the headings of sections that state limits or exclusions (``Quantity Limits``, ``Dosing and Administration``,
# ``Limitations of Coverage``, ``Exclusions``, ``Non-Covered Indications``)
_LIMIT_HEADING = re.compile(
    r"\b(?:quantity(?: level)? limit(?:s|ations?)?|dos(?:e|ing|age)(?: limits?)?|max(?:imum)? (?:daily )?"
    r"(?:doses?|dosages?|quantit(?:y|ies)|units?)|units? limits?|frequency limit(?:s|ations?)?|limitations?|"
    r"exclusions?|not covered|non-?covered|not medically necessary)\b",
    re.I,
)
# a table column that holds a limit (``Quantity Limit``, ``Max Dose``, ``Maximum Units``, ``Dose Limit``)
_LIMIT_COLUMN = re.compile(
    r"^(?:quantity|ql|limit)\b|\b(?:quantity(?: level)? limits?|max(?:imum)? (?:daily )?(?:doses?|dosages?|"
    r"quantit(?:y|ies)|units?)|dose limits?|units? limits?|max(?:imum)?)$",
    re.I,
)

_GRANTS = re.compile(
    r"\b(?:medically necessary|reasonable and necessary|(?:is|are) (?:considered )?(?:covered|indicated|appropriate)|"
    r"(?:is|are|will be|may be) (?:re)?(?:approved|authorized)(?! by)|coverage (?:is|will be) (?:provided|approved)|"
    r"(?:covers|will cover|may cover|will approve|may approve)(?= \w)|(?:is|are|may be) eligible (?:for|under)|"
    r"reauthorized)\b",
    re.I,
)
# the heading of a section that states what every approval requires besides the sets that grant it
_REQUIREMENTS = re.compile(
    r"^(?:(?:additional|general|other|common|coverage|member|eligibility)\s+)?(?:requirements?|prerequisites?)$|"
    r"^eligibility(?:\s+(?:criteria|requirements))?$",
    re.I,
)
_NEGATES = re.compile(
    r"\b(?:not|non|never|no longer|investigational|experimental|unproven|cosmetic|excluded|exclusions?|"
    r"contraindicated|denied|limitations?)\b|\bnon-",
    re.I,
)


# what makes a statement with a coverage word no grant, besides a ``not`` that governs it (``refuses``): a ``not``
# of what it lists (``a wound that has not healed``, ``has not responded to``) is the condition's, not the grant's;
# so is a ``non-`` of a clinical word (*non-invasive*, *non-small cell*, *non-union*): the kind of a service or a
# diagnosis, where *non-covered*, *non-medically necessary* and the rest still refuse
_UNGRANTS = re.compile(
    r"\b(?:never|no longer|investigational|experimental|unproven|cosmetic|excluded|exclusions?|contraindicated|"
    r"denied|limitations?)\b|\bnon-(?!(?:invasive|surgical|operative|pharmacologic|implant|small[\s-]cell|"
    r"hodgkin|union|healing|infectious|metastatic|contrast)\w*)|\bnot\s+(?:be\s+|been\s+)?(?:considered\s+)?(?:to\s+be\s+)?(?:medically|"
    r"reasonable|covered|cover|approv|authori|eligible|indicated|appropriate|payable|reimbursable|provided)",
    re.I,
)


# the words of a statement's condition after its *when* that negate the member's state, not the grant (``…
# medically necessary when the existing processor is no longer functional``, ``… when tetrabenazine is
# contraindicated``, ``… when a non-surgical treatment failed``)
_CONDITION_WORDS = re.compile(r"(?:never|no longer|contraindicated|denied|non-\w*)", re.I)
_WHEN = re.compile(r"\bwhen\b", re.I)


# a service's two kinds, its *non-* one beside the other (``A non-segmental or segmental pneumatic compression
# device …``): the kinds it names, no negation of the grant
_KINDS = re.compile(
    r"\bnon-?(?!cover|medical|approv|formular|prefer|payable|reimburs)(?P<kind>[a-z]{3,})\s+(?:or|and|and/or)\s+(?P=kind)\b",
    re.I,
)


def grants(statement: str) -> bool:
    """The statement grants coverage and negates nothing of it (``… is considered medically necessary when …``;
    a ``not`` inside its condition, ``… for a wound that has not healed``, is the condition's, and so are words of
    the member's state after its *when*: ``… when the existing processor is no longer functional``)."""
    statement = _KINDS.sub(r"\g<kind>", statement)
    if refuses(statement):
        return False
    when = _WHEN.search(statement)
    head, tail = (statement[: when.start()], statement[when.start() :]) if when else (statement, "")
    if not _GRANTS.search(head) or _UNGRANTS.search(head):
        return False
    return all(_CONDITION_WORDS.fullmatch(m.group(0)) for m in _UNGRANTS.finditer(tail))


def rules_view(policy: Policy) -> Policy:
    """For the pharmacy template, its sections with the diagnoses it refuses (section III) as a refusal; for the
    others, its approving sets as criteria sections, and the conditions a non-coverage statement lists."""
    if policy.template == PHARMACY:
        return dataclasses.replace(policy, sections=tuple(_pharmacy_sections(policy.sections)))
    sections: list[CriteriaSection] = []
    body = tuple(b for b in _statement_groups(policy.body) if isinstance(b, Section))  # (a body is its sections)
    policy = dataclasses.replace(policy, body=body)
    grid = _grid(policy.body)
    limits = tuple(x for x in _limits(policy.body) if not (grid and _grid_label(x.title) in grid.read))
    if grid is not None:
        limits = (*limits, *grid.unread)
    fields = _block_fields(policy.body)
    granted = {subject(s.title) for _, s in _sets(policy.body, ()) if grants(s.title)} - {""}
    granted |= {a for _, s in _sets(policy.body, ()) if grants(s.title) for a in subject_aliases(s.title)}
    granted |= {" ".join(f[_PRODUCT].casefold().split()) for f in fields.values() if _PRODUCT in f}
    sections.extend(_refusals(policy.body, granted))
    # (a statement written as a paragraph beside the sets: one that refuses is an exclusion, one that grants is the
    # reviewer's — its conditions are words of its sentence, not criteria read — never a denial by another's)
    paragraphs = list(statement_paragraphs(policy.body))
    granted |= {subject(p.text) for p in paragraphs if grants(p.text)} - {""}
    every = list(_sets(policy.body, ()))
    lead = ""  # (the granting lead-in of a list that goes on into the lists below it: theirs too)
    for k, (path, s) in enumerate(every):
        heading = " ".join(path)  # "Continued Approval" answers continued requests (model.section_kind)
        if lead and not s.title.strip() and s.criteria:
            s = dataclasses.replace(s, title=lead)
        if _leads_on(s, [t for _, t in every[k + 1 :]]):
            # (a list whose last item ends ``…; AND`` goes on into the lists below it: every approval needs it, none
            # rests on it alone — an age in it is never escaped by the indication's list under the next heading)
            sections.append(CriteriaSection(f"{s.id}.{Role.LEADS.value}", "", (_criteria_of(s),), s.span))
            lead = " ".join(s.title.split()) if grants(s.title) else ""
        elif excludes(s):
            role = Role.EXCLUDES if reach(subject(s.title), granted) is Reach.ALL else Role.MAY_EXCLUDE
            sections.append(CriteriaSection(f"{s.id}.{role.value}", heading, (_exclusion(s),), s.span))
            if role is Role.EXCLUDES:  # (its items that are conditions a request names: refused as it names them)
                sections.extend(_conditions_excluded(s))
        elif _required(path, s):
            sections.append(CriteriaSection(f"{s.id}.{Role.REQUIRES.value}", "", (_criteria_of(s),), s.span))
        elif s.id in fields:  # (a PBM guideline's block: its fields say which requests it is for)
            stage = fields[s.id].get(_STAGE, "")
            sections.append(
                CriteriaSection(
                    f"{s.id}.section", f"{heading} {stage}".strip(), (_block_set(s, fields[s.id], limits),), s.span
                )
            )
        elif grid is not None and path and _grid_label(path[-1]) == _RMI:
            # (a Part D grid's *Required Medical Information*: the set, with the grid's restrictions as criteria)
            sections.append(CriteriaSection(f"{s.id}.section", heading, (_grid_set(s, grid, limits),), s.span))
        elif grid is not None and path and _grid_label(path[-1]) in grid.read:
            continue  # (a field of the grid read as criteria of every set: *Exclusion Criteria*' list)
        elif (parts := _indication_sets(s)) is not None:
            # (a lead-in over lettered sets each named for an indication: ``X may be approved when ALL of the
            # following criteria are met.`` over ``A. Severe Hypertriglyceridemia – Initial Authorization – ALL of
            # the following:`` and ``B. Cardiovascular Risk Reduction – …``: each set approves its indication on its
            # own — a request for one is never denied by the other's criteria)
            for part in parts:
                sections.append(
                    CriteriaSection(
                        f"{part.id}.section",
                        f"{heading} {part.title[len(s.title) :].strip()}".strip(),
                        (_with_statement(part, limits),),
                        part.span,
                    )
                )
        else:
            if _named_group(s.title):
                # (*Adults (18 years of age and older) — ALL of the following:*, *Reauthorization Criteria — ALL of
                # the following:*: a name over its criteria, in a document of criteria — the coverage its criteria
                # grant, asked as any statement is; a band it names is its age: ``model.heading_ages``)
                s = dataclasses.replace(s, title=f"{' '.join(s.title.split()).rstrip(':')} — {NAMED_GRANT}")
            sections.append(CriteriaSection(f"{s.id}.section", heading, (_with_statement(s, limits),), s.span))
    for p in paragraphs:  # (after the sets, as the text writes them: the first approving set decides)
        if grants(p.text):
            sections.append(CriteriaSection(f"{p.id}.section", "", (_with_statement(_said(p), limits),), p.span))
        else:
            role = Role.EXCLUDES if reach(subject(p.text), granted) is Reach.ALL else Role.MAY_EXCLUDE
            sections.append(CriteriaSection(f"{p.id}.{role.value}", "", (_exclusion(_said(p)),), p.span))
    for path, s in _unjoined(policy.body, ()):
        if _required(path, s):  # (a requirement's list states no connective: all of it is required)
            sections.append(CriteriaSection(f"{s.id}.{Role.REQUIRES.value}", "", (_criteria_of(s),), s.span))
    # the view is what the pharmacy template's AST is (criteria sections), and is walked as one
    return dataclasses.replace(policy, sections=tuple(sections), body=(), template=PHARMACY)


# the fields of a Medicare Part D prior-authorization grid (CMS's form: one row a field, the drug's criteria in
# *Required Medical Information*)
_RMI = "required medical information"
_AGE_FIELD, _PRESCRIBER_FIELD, _EXCLUSION_FIELD, _OTHER_FIELD = (
    "age restrictions",
    "prescriber restrictions",
    "exclusion criteria",
    "other criteria",
)
_GRID_LABELS = frozenset({
    _RMI, _AGE_FIELD, _PRESCRIBER_FIELD, _EXCLUSION_FIELD, _OTHER_FIELD, "coverage duration", "covered uses",
    "indications", "off-label uses", "off label uses", "part b prerequisite",
})  # fmt: skip
_GRID_FIELD = re.compile(r"^(?P<label>[A-Za-z -]{5,40}?)\s*:\s*(?P<value>\S.*)$")
# a field left empty (``Age Restrictions: N/A``, ``None``)
_NO_VALUE = re.compile(r"^(?:n/?a|none|not applicable|no restrictions?|-+)\.?$", re.I)
# *Other Criteria: Not covered in combination with other aminopyridine products (e.g., …)*: concurrent use refused
_NOT_IN_COMBINATION = re.compile(r"^not (?:covered|approved|authorized) in combination with (?P<other>.+?)\.?$", re.I)


NAMED_GRANT = "the request is covered when these criteria are met"
# a group's name before its connective (``Adults (18 years of age and older) — ALL of the following:``,
# ``Reauthorization Criteria — ALL of the following:``, ``Initial therapy - ALL of the following:``, after the
# document's own label of it, ``Section A. Children and Adolescents (6 to 17 years of age) – ALL of the
# following:``): a few words of a name, no sentence — nothing after the connective but its colon
_NAMED_GROUP = re.compile(
    r"^(?:(?:section|part)\s+[A-Z0-9]{1,3}\s*[.:)]\s+)?"
    r"(?P<head>[A-Z][^.;:—–]{0,80}?)\s*[—–-]\s*(?:all|any|one|each|both) of the following(?: criteria)?\s*:?\s*$",
    re.I,
)
# words that make a name a sentence (``Authorization will NOT be granted for any of the following``)
_SENTENCE_WORDS = re.compile(
    r"\b(?:is|are|was|were|be|been|will|may|must|shall|should|can|not|no|never|except|unless|if|when|granted|denied"
    r"|approved|covered|meets?|has|have)\b",
    re.I,
)


def _named_group(title: str) -> bool:
    """Whether a set's title is only a name over its criteria (:data:`_NAMED_GROUP`) — never a statement."""
    return _name_over(_NAMED_GROUP, title)


def _name_over(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` matches ``pattern`` — a name (its ``head``) over a connective — and the name is no sentence
    and grants nothing."""
    m = pattern.match(" ".join(text.split()))
    return m is not None and _SENTENCE_WORDS.search(m.group("head")) is None and not grants(text)


# a group's name, its parts between dashes (``Severe Hypertriglyceridemia – Initial Authorization – ALL of the
# following:``), over its connective
_INDICATION_NAME = re.compile(
    r"^(?P<head>[A-Z][^.;:]{0,120}?)\s*[—–-]\s*(?:all|any|one|each|both) of the following(?: criteria)?\s*:?\s*$", re.I
)


def _indication_name(text: str) -> bool:
    """Whether a group's text is only a name over its criteria, dashes between its parts — never a sentence."""
    return _name_over(_INDICATION_NAME, text)


def _indication_sets(s: CriteriaSet) -> list[CriteriaSet] | None:
    """A set of all of two or more groups, each only a name over its own criteria (``A. Severe Hypertriglyceridemia
    – Initial Authorization – ALL of the following:``), read as that many sets, each with the set's lead-in and its
    name as its statement; None for any other set. Groups named alike are no alternatives (None)."""
    connective = s.rule.connective if s.rule else Connective.ALL
    if connective not in (Connective.ALL, Connective.BOTH) or len(s.criteria) < 2:
        return None
    if not all(c.children and c.connective is not None and _indication_name(c.text) for c in s.criteria):
        return None
    names = {" ".join(c.text.casefold().split()) for c in s.criteria}
    if len(names) < len(s.criteria):
        return None
    lead = " ".join(s.title.split())
    return [
        dataclasses.replace(
            s,
            id=c.id,
            letter=c.marker.rstrip("."),
            title=f"{lead} {' '.join(c.text.split())}".strip(),
            rule=MeetRule(
                c.connective or Connective.ALL, (), c.connective.value if c.connective else "all", c.at_least
            ),
            criteria=c.children,
            span=c.span,
        )
        for c in s.criteria
    ]


def _grid_label(text: str) -> str:
    return " ".join(text.strip(" :*_").casefold().split())


@dataclasses.dataclass(frozen=True, slots=True)
class _Grid:
    """A Part D grid's restrictions read as criteria of every set of its *Required Medical Information*."""

    criteria: tuple[Criterion, ...]  # (ids relative to a set: ``age``, ``prescriber``, ``exclusions`` …)
    read: frozenset[str]  # the labels of the fields read as criteria (no limit of their own)
    unread: tuple[_Limit, ...]  # fields with words the rules do not read (*Other Criteria*): the sets' ``.limits``


def _grid_fields(blocks: tuple[object, ...], out: dict[str, list[object]]) -> None:
    """Each grid field's value blocks by its label: a heading named as a field (its blocks), or a paragraph
    ``Label: value`` (the value as a paragraph)."""
    for block in blocks:
        if isinstance(block, Section):
            label = _grid_label(block.title)
            if label in _GRID_LABELS:
                out.setdefault(label, []).extend(b for b in block.blocks if not isinstance(b, Section))
            _grid_fields(tuple(b for b in block.blocks if isinstance(b, Section | Paragraph)), out)
        elif isinstance(block, Paragraph) and (m := _GRID_FIELD.match(" ".join(block.text.split()))):
            label = _grid_label(m.group("label"))
            if label in _GRID_LABELS:
                out.setdefault(label, []).append(Paragraph(m.group("value"), block.span))


def _grid(blocks: tuple[object, ...]) -> _Grid | None:
    """A Medicare Part D prior-authorization grid (*Exclusion Criteria*, *Required Medical Information*, *Age
    Restrictions*, *Prescriber Restrictions*, *Coverage Duration*, *Other Criteria*): its restrictions, which
    hold for every set of its *Required Medical Information*; None when the policy is no such grid (a heading
    *Required Medical Information* and two other fields at least)."""
    fields: dict[str, list[object]] = {}
    _grid_fields(blocks, fields)
    if (
        _RMI not in fields
        or len(fields.keys() & {_AGE_FIELD, _PRESCRIBER_FIELD, _EXCLUSION_FIELD, "coverage duration"}) < 2
    ):
        return None
    criteria: list[Criterion] = []
    read: set[str] = set()
    unread: list[_Limit] = []
    for label, key in ((_AGE_FIELD, "age"), (_PRESCRIBER_FIELD, "prescriber")):
        texts = [b for b in fields.get(label, []) if isinstance(b, Paragraph)]
        if not texts or fields.get(label, []) != texts:
            continue
        read.add(label)
        text = " ".join(" ".join(p.text for p in texts).split())
        if _NO_VALUE.match(text):
            continue
        kind, fact = classify(text)  # (``Age ≥ 18 years``; else the field's words, a reviewer's judgment)
        criteria.append(Criterion(key, "", MarkerKind.BULLET, text, kind, fact, span=texts[0].span, source=text))
    excluded = fields.get(_EXCLUSION_FIELD, [])
    items: list[tuple[str, Span]] = []
    for b in excluded:
        if isinstance(b, CriteriaSet) and b.rule is None:
            items.extend((" ".join(c.text.split()), c.span) for c in b.criteria if not c.children)
            if any(c.children for c in b.criteria):
                items = []
                break
        elif isinstance(b, Bullets):
            items.extend((" ".join(i.line.split()), b.span) for i in b.items)
        elif isinstance(b, Paragraph) and not _NO_VALUE.match(b.text.strip()):
            items.append((" ".join(b.text.split()), b.span))
    if (
        excluded
        and (items or all(isinstance(b, Paragraph) for b in excluded))
        and len(items)
        == sum(
            len(b.criteria) if isinstance(b, CriteriaSet) else len(b.items) if isinstance(b, Bullets) else 1
            for b in excluded
            if not (isinstance(b, Paragraph) and _NO_VALUE.match(b.text.strip()))
        )
    ):
        read.add(_EXCLUSION_FIELD)
        if items:
            # (an exclusion refuses: the member has none of them — the plain names a request's diagnoses name)
            children = tuple(
                Criterion(f"exclusions.{k}", str(k), MarkerKind.NUMBER, said, *classify(said), span=span, source=text)
                for k, (text, span) in enumerate(items, 1)
                for said in (_defined_by_measure(text),)
            )
            criteria.append(
                Criterion(
                    "exclusions",
                    "",
                    MarkerKind.BULLET,
                    "Member does not have any of the following (Exclusion Criteria):",
                    CriterionType.JUDGMENT,
                    connective=Connective.NONE,
                    children=children,
                    span=children[0].span,
                )
            )
    other = [b for b in fields.get(_OTHER_FIELD, []) if isinstance(b, Paragraph)]
    for p in other:
        text = " ".join(p.text.split())
        if _NO_VALUE.match(text):
            continue
        if (m := _NOT_IN_COMBINATION.match(text)) is not None:
            fact = ConcurrentUseFact("concurrent-use", "the drug", m.group("other"))
            criteria.append(
                Criterion("other", "", MarkerKind.BULLET, text, CriterionType.CONCURRENT_USE, fact, span=p.span)
            )
        else:
            unread.append(_Limit("Other Criteria", p.span, text))
    if other and not unread:
        read.add(_OTHER_FIELD)
    return _Grid(tuple(criteria), frozenset(read), tuple(unread))


# a condition defined by the measure in its parentheses (``Moderate or severe renal impairment (creatinine clearance
# ≤ 50 mL/min)``): the measure is what the member has it by
_DEFINING_MEASURE = re.compile(r"^[^()]+\((?P<measure>[A-Za-z][A-Za-z0-9 -]*\s(?:<|>|≤|≥|<=|>=)\s*\d[^()]*)\)[.;]?$")


def _defined_by_measure(text: str) -> str:
    m = _DEFINING_MEASURE.match(text)
    return m.group("measure")[:1].upper() + m.group("measure")[1:] if m else text


def _grid_set(s: CriteriaSet, grid: _Grid, limits: tuple[_Limit, ...]) -> CriteriaSet:
    """A set of a Part D grid's *Required Medical Information*: its statement the grid's (the drug is covered when
    its criteria and the grid's restrictions are met), the restrictions criteria of it (``<set id>.age``,
    ``.prescriber``, ``.exclusions``)."""

    def placed(c: Criterion) -> Criterion:
        return dataclasses.replace(c, id=f"{s.id}.{c.id}", children=tuple(placed(d) for d in c.children))

    title = " ".join(s.title.split()).rstrip(":")
    statement = (
        f"Required Medical Information: {title} — the drug is covered when these criteria and the grid's"
        " restrictions are met"
    )
    inner = _with_statement(dataclasses.replace(s, title=statement), limits)
    first, rest = inner.criteria[0], inner.criteria[1:]
    tail = rest[-1:] if rest and is_limits_id(rest[-1].id) else ()
    body = rest[: len(rest) - len(tail)]
    return dataclasses.replace(inner, criteria=(first, *body, *(placed(c) for c in grid.criteria), *tail))


def is_limits_id(criterion_id: str) -> bool:
    return criterion_id.endswith(f".{LIMITS}")


def _statement_groups(blocks: tuple[SectionBlock, ...]) -> Iterator[SectionBlock]:
    """``blocks`` with each group of coverage statements read as one list split into its statements: a list whose
    every item states coverage or non-coverage (*A. JHHC considers systemic hyperbaric oxygen therapy medically
    necessary for diabetic wounds … when ALL of the following are met: 1. …; B. … considers the following not
    medically necessary: 1. …*) is a set per statement, its items the statement's criteria, and a statement with
    no items a paragraph (:func:`statement_paragraphs`).  A list with an item that states nothing is kept whole."""
    for block in blocks:
        if isinstance(block, Section):
            yield dataclasses.replace(block, blocks=tuple(_statement_groups(block.blocks)))
        elif isinstance(block, CriteriaSet) and _is_statement_group(block):
            for c in block.criteria:
                if not c.children:
                    yield Paragraph(" ".join(c.text.split()), c.span)
                    continue
                connective = c.connective
                if connective is None or (connective is Connective.ATLEAST and c.at_least is None):
                    # (no connective written: all of them for a grant — stricter, never laxer; a refusal's list is
                    # read by :func:`refused_list`)
                    rule = MeetRule(Connective.ALL, (), "all") if grants(c.text) else None
                else:
                    rule = MeetRule(connective, (), connective.value, c.at_least)
                yield CriteriaSet(c.id, c.marker, c.text, False, rule, criteria=c.children, span=c.span)
        else:
            yield block


def _is_statement_group(s: CriteriaSet) -> bool:
    """A list with no lead-in of its own whose every item is a statement of coverage or non-coverage, at least one
    granting (each item names its service: ``… considers … medically necessary for …``)."""
    if s.title.strip() or len(s.criteria) < 2:
        return False
    said = [" ".join(c.text.split()) for c in s.criteria]
    if not any(grants(t) for t in said):
        return False
    return all(_SAYS_COVERAGE.search(t) and subject(t) and (grants(t) or _NEGATES.search(t)) for t in said)


# the fields a PBM guideline writes above each block of criteria (Optum Rx: ``Product Name: Xifaxan 550 mg tablet``,
# ``Diagnosis: Hepatic Encephalopathy (HE)``, ``Approval Length: 12 month(s)``, ``Therapy Stage: Initial
# Authorization``, ``Guideline Type: Prior Authorization``), one a line
_FIELD = re.compile(
    r"^(?P<key>product name|drug name|diagnosis|approval length|therapy stage|guideline type)\s*:\s*(?P<value>\S.*)$",
    re.I,
)
_PRODUCT, _DIAGNOSIS, _LENGTH, _STAGE = "product name", "diagnosis", "approval length", "therapy stage"
DIAGNOSIS_FIELD = "diagnosis"  # the id suffix of a block's criterion made of its ``Diagnosis:`` field
_LENGTH_VALUE = re.compile(r"^(?P<n>\d{1,3})\s*(?P<unit>day|week|month|year)(?:\(s\)|s)?\.?$", re.I)


def _block_fields(blocks: tuple[object, ...]) -> dict[str, dict[str, str]]:
    """The fields written above each set of criteria that states no statement of its own, by the set's id: a block
    is the fields since the last set (a field written twice starts another block).  Only a block with a
    ``Diagnosis:`` or a ``Therapy Stage:`` field says which requests its set is for."""
    out: dict[str, dict[str, str]] = {}
    pending: dict[str, str] = {}
    for _heading, block in _flat(blocks, ""):
        if isinstance(block, Paragraph):
            m = _FIELD.match(" ".join(block.text.split()))
            if m is not None:
                key = m.group("key").casefold()
                if key in pending:
                    pending = {}
                pending[key] = m.group("value").strip()
            else:  # (prose between fields and a set: the fields are no block's)
                pending = {}
        elif isinstance(block, CriteriaSet) and block.criteria:
            if (_DIAGNOSIS in pending or _STAGE in pending) and not block.title.strip():
                out[block.id] = pending
            pending = {}
    return out


def block_diagnoses(s: CriteriaSet) -> dict[str, str]:
    """The diagnosis a PBM block's ``Diagnosis:`` field names (:func:`_block_set`), by its criterion's id: a label
    over the block, true for a requested diagnosis named as it names it (or its abbreviation), false for one
    sharing no word of substance with it, else the reviewer's (``travelers' diarrhea caused by …`` for
    *Travelers' Diarrhea (TD)*: perhaps a kind of it)."""
    return {
        c.id: c.text[len("Diagnosis of ") :]
        for c in s.criteria
        if c.id == f"{s.id}.{DIAGNOSIS_FIELD}" and not c.marker and c.source.startswith("Diagnosis:")
    }


def _block_set(s: CriteriaSet, fields: dict[str, str], limits: tuple[_Limit, ...]) -> CriteriaSet:
    """A PBM block as the rules decide it: its fields are its statement — the diagnosis it is for a criterion
    (``<set id>.diagnosis``), its therapy stage the kind of request (the section's title), its approval length
    the duration — and its criteria all of them, with the policy's limits after them."""
    title = "; ".join(f"{k.title()}: {v}" for k, v in fields.items())
    criteria = s.criteria
    if _DIAGNOSIS in fields:
        diagnosis = Criterion(
            f"{s.id}.{DIAGNOSIS_FIELD}",
            "",
            MarkerKind.BULLET,
            f"Diagnosis of {fields[_DIAGNOSIS]}",
            CriterionType.DIAGNOSIS,
            DiagnosisFact("diagnosis", fields[_DIAGNOSIS]),
            span=s.span,
            source=f"Diagnosis: {fields[_DIAGNOSIS]}",
        )
        criteria = (diagnosis, *criteria)
    if limits:
        criteria = (*criteria, limits_criterion(s.id, limits))
    durations = s.durations
    m = _LENGTH_VALUE.match(fields.get(_LENGTH, ""))
    if not durations and m is not None:
        amount, unit = int(m.group("n")), f"{m.group('unit').casefold()}s"
        durations = (ApprovalDuration((), amount, unit, text=fields[_LENGTH], span=s.span),)
    rule = s.rule if s.rule is not None else MeetRule(Connective.ALL, (), "all")
    return dataclasses.replace(s, title=title, rule=rule, criteria=criteria, durations=durations)


REFUSED = "refused"  # the id suffix of a refusal's set (a section III item, a non-coverage statement's list)
# a lead-in whose list is of diagnoses (``… is not medically necessary for the following conditions:``)
_FOR_DIAGNOSES = re.compile(
    r"\bfor (?:any of )?the following (?:conditions|indications|diagnos[ie]s|disorders|diseases)\b", re.I
)
# a lead-in that lists what it is about without saying what kind (``Cibinqo is not covered for the following:``),
# or gives examples of the indications it refuses (``… and for all other indications, including but not limited
# to:`` over plain lines: each a condition the service is refused for)
_FOR_LIST = re.compile(
    r"\bfor (?:any of )?the following\s*:?\s*$|"
    r"\bfor (?:all |any )?(?:other )?(?:indications|conditions|diagnos[ie]s|uses)\s*,?\s*including\s*,?"
    r"(?:\s*but not limited to\s*,?)?(?:\s*the following)?\s*:?\s*$",
    re.I,
)
# a lead-in whose list is what it refuses, naming no service (``The following are considered not medically
# necessary:``)
_FOLLOWING_ARE = re.compile(
    r"^(?:the following|these)(?: (?:indications|conditions|diagnoses|uses))? (?:is|are) (?:considered |deemed )?"
    r"(?:to be )?(?:not medically necessary|investigational|experimental|unproven|not covered)"
    r"(?:(?:,| and| or| and/or)+ (?:not medically necessary|investigational|experimental|unproven|not covered))*"
    r"\s*:?\s*$",
    re.I,
)
# a list item that reads as the name of a diagnosis: no clause, no negation, not many words
_NAME = re.compile(r"^[^,:()]{2,100}$")
# the care an item names before its diagnosis (``Treatment of``, ``Relief of``): the diagnosis is what is refused
_CARE_OF = re.compile(r"^(?:(?:the\s+)?(?:treatment|relief|management|prevention)\s+of\s+)", re.I)


# an abbreviation in parentheses after a name (``(HoFH)``, ``(CRSwNP)``): one token, no space
ABBREVIATION_AFTER = re.compile(r"\s*\((?P<abbr>[A-Za-z][A-Za-z0-9-]{1,11})\)")


def _refused_name(text: str) -> str | None:
    """The diagnosis an item of a refusal names (``Severe active central nervous system lupus;``), or None for one
    that is not a name (``Non-FDA approved indications, which are not addressed in this policy, unless …``)."""
    name = " ".join(text.split()).rstrip(" ;.")
    # (a name its abbreviation follows in parentheses, *Homozygous familial hypercholesterolemia (HoFH)*, is a name;
    # any other parenthesis — *(except …)*, *(e.g., …)* — is not set aside)
    core = refused_diagnosis(ABBREVIATION_AFTER.sub("", name))
    if not _NAME.match(core) or _NEGATES.search(core) or len(core.split()) > 12:
        return None
    if re.search(r"\b(?:unless|except|which|who|when|if|indications?|(?<!substance )uses?(?! disorder))\b", core, re.I):
        return None
    return name


def refused_name(text: str) -> str | None:
    """The diagnosis an item of a refusal names, or None (:func:`_refused_name`)."""
    return _refused_name(text)


def listed_conditions(s: CriteriaSet) -> dict[str, str]:
    """The items of an approving statement's list of conditions that name a diagnosis (*systemic HBOT is medically
    necessary for any of the following conditions: A. Acute carbon monoxide poisoning; …*): criterion id -> name.
    Items that are no name (a clause, a negation) stay judgments."""
    if not grants(s.title) or not _FOR_DIAGNOSES.search(s.title):
        return {}
    out: dict[str, str] = {}
    for c in s.criteria:
        for item in c.children if c.id.endswith(f".{CRITERIA}") else (c,):
            # (a name another follows in parentheses, *Clostridial myonecrosis (gas gangrene)*, is still a name)
            plain = re.sub(r"\s*\([^()]*\)", "", item.text)
            if not item.children and not is_statement(item) and _refused_name(plain):
                out[item.id] = refused_diagnosis(" ".join(item.text.split()).rstrip(" ;."))
    return out


def refused_diagnosis(name: str) -> str:
    """The diagnosis a refusal's item names: ``Treatment of type 1 diabetes mellitus`` refuses type 1 diabetes
    mellitus (the care it names before the diagnosis is what the policy's service is)."""
    return _CARE_OF.sub("", name)


EXCLUDED = "excluded"  # the id of an exclusion read from a non-coverage lead-in's list of things (not names)
# what a list's *the following* stands for (``<plan> considers the following not medically necessary:``)
_THE_FOLLOWING = re.compile(r"(?:all of |any of )?the following(?: (?:services|procedures|items|uses|tests))?", re.I)
# an item of a refusal naming the use it refuses: ``use for opioid-induced constipation`` is the condition's
_USE_FOR = re.compile(r"^(?:use|treatment|requests?|coverage) (?:for|of) (?=\S)", re.I)
# a paragraph that is a refusal's lead-in and its items (``The following are not covered under this program: a; b;
# c.``): the lead-in closes on *the following … :*, the items stand apart by semicolons
_INLINE_LEAD = re.compile(r"^(?P<lead>[^:;]*\bthe following\b[^:;]*:)\s*(?P<items>[^:]+)$", re.I)


def _inline_list(text: str) -> tuple[str, list[str]] | None:
    """A refusal's lead-in and its items written as one paragraph, or None (fewer than two items)."""
    m = _INLINE_LEAD.match(" ".join(text.split()))
    if m is None:
        return None
    items = [x.strip(" .;") for x in m.group("items").split(";")]
    if len(items) < 2 or not all(items):
        return None
    return m.group("lead"), items


def _listed_exclusion(
    set_id: str, title: str, items: list[tuple[str, Span]], span: Span, how: Reach
) -> CriteriaSection:
    """The things a non-coverage lead-in lists that name no condition, as an exclusion of any of them
    (:func:`_exclusion`): its statement the lead-in, each item ``<set id>.<n>``, a judgment unless the rules read
    it (an age: *use in patients less than 6 years of age*)."""
    criteria = tuple(
        Criterion(f"{set_id}.{k}", "", MarkerKind.BULLET, text, *classify(text), span=where, source=text)
        for k, (text, where) in enumerate(((" ".join(t.split()).rstrip(" ;."), w) for t, w in items), 1)
    )
    s = CriteriaSet(set_id, "", title, False, MeetRule(Connective.ANY, (), "one"), criteria=criteria, span=span)
    role = Role.EXCLUDES if how is Reach.ALL else Role.MAY_EXCLUDE
    return CriteriaSection(f"{set_id}.{role.value}", "", (_exclusion(s),), span)


def _refusal(
    set_id: str, title: str, names: list[tuple[str, Span]], span: Span, role: Role = Role.REFUSES
) -> CriteriaSection:
    """A refusal as the rules decide it: any of the diagnoses it names (:func:`policyvc.rules.runtime.refused`);
    one of ``Role.MAY_REFUSE`` under its statement, as an exclusion's (:func:`_exclusion`)."""
    criteria = tuple(
        Criterion(f"{set_id}.{k}", "", MarkerKind.BULLET, name, CriterionType.JUDGMENT, span=where, source=name)
        for k, (name, where) in enumerate(names, 1)
    )
    s = CriteriaSet(set_id, "", title, False, MeetRule(Connective.ANY, (), "one"), criteria=criteria, span=span)
    if role is Role.MAY_REFUSE:
        s = _exclusion(s)
    return CriteriaSection(f"{set_id}.{role.value}", "", (s,), span)


def _pharmacy_sections(sections: tuple[CriteriaSection, ...]) -> Iterator[CriteriaSection]:
    """The sections, with the items of one that refuses coverage (*Diagnoses/Indications for which coverage is NOT
    authorized*) that name a diagnosis as one refusal after them: the policy's drug is refused for each."""
    for section in sections:
        yield section
        if not refuses(section.title) or grants(section.title):
            continue
        names = [(n, s.span) for s in section.sets if not s.criteria and (n := _refused_name(s.title))]
        if names:
            yield _refusal(f"{section.id}.{REFUSED}", section.title, names, section.span)


def _refusals(blocks: tuple[object, ...], granted: set[str]) -> Iterator[CriteriaSection]:
    """The lists of conditions a non-coverage statement refuses the service of an approving statement for (``HBOT
    is unproven and not medically necessary for the following conditions:`` beside ``HBOT is … medically necessary
    for …``), as a list of criteria or as a paragraph and its bullets; one about another service refuses nothing
    of this request's (it stays with the limits a reviewer attests)."""
    k = excluded = 0
    previous: object = None
    for _heading, block in _flat(blocks, ""):
        lead: str | None = None
        items: list[tuple[str, Span]] = []
        if isinstance(block, CriteriaSet):
            lead, span = block.title, block.span
            items = [(c.text, c.span) for c in block.criteria if not c.children]
        elif isinstance(block, Bullets) and isinstance(previous, Paragraph):
            lead, span = previous.text, previous.span
            items = [(i.line, block.span) for i in block.items]
        elif isinstance(block, Paragraph) and (inline := _inline_list(block.text)):
            # (*The following are not covered under this program: use for opioid-induced constipation; use in
            # patients less than 6 years of age; …*: a lead-in and its items in one paragraph)
            lead, span = inline[0], block.span
            items = [(item, block.span) for item in inline[1]]
        previous = block
        if lead is None or not refuses(lead) or grants(lead):
            continue
        # (``… is not medically necessary for the following:`` refuses what it lists wherever it stands: the lead-in
        # says the service is refused *for* each item; an item that names no condition refuses nothing)
        said = " ".join(lead.split())
        unnamed = bool(_FOLLOWING_ARE.search(said) or _NOT_GRANTED.match(said))
        # (``<plan> considers the following not medically necessary:`` over its bullets, *The following are not
        # covered under this program: a; b; c.*: a list of things refused, each an exclusion of its own)
        things = (
            not unnamed
            and not isinstance(block, CriteriaSet)
            and (isinstance(block, Paragraph) or said.endswith(":"))
            and _THE_FOLLOWING.fullmatch(subject(said)) is not None
        )
        if not _FOR_DIAGNOSES.search(lead) and not _FOR_LIST.search(lead) and not unnamed and not things:
            continue
        # (``The following are considered not medically necessary:`` names no service: the policy's own when it
        # grants one, else which of its services the list is about is a reviewer's)
        how = (Reach.ALL if len(granted) == 1 else Reach.SOME) if unnamed or things else reach(subject(lead), granted)
        if _NOT_GRANTED.match(" ".join(lead.split())):
            how = Reach.ALL  # (*Authorization will NOT be granted for …*: the policy's authorization, whichever set)
        if how is Reach.NONE:
            continue
        if things:
            # (things refused — *Peripheral DXA (forearm, heel or finger) when central DXA is available*, *use for
            # opioid-induced constipation*, *use in patients less than 6 years of age* — an exclusion of any of them:
            # one attested true, or computed, denies; unanswered it holds nothing the approving sets' ``.limits``
            # does not ask)
            excluded += 1
            yield _listed_exclusion(f"{EXCLUDED.title()}.{excluded}", said, items, span, how)
            continue
        names = [(n, where) for text, where in items if (n := _refused_name(text))]
        if names:
            k += 1
            role = Role.REFUSES if how is Reach.ALL else Role.MAY_REFUSE
            yield _refusal(f"{REFUSED.title()}.{k}", " ".join(lead.split()), names, span, role)


class Reach(enum.Enum):
    """How far a refusal's service reaches the services the approving statements name (:func:`reach`)."""

    ALL = "all"  # it names each of them it is about, or the whole of which each is a kind: it refuses them
    SOME = "some"  # it names a kind beside another kind (or a kind of what they name): a reviewer tells which
    NONE = "none"  # it is about another service


# words a service's name is compared by: an article, a plural and a hyphen do not make another service
_ARTICLES = frozenset({"a", "an", "the"})
_NON = re.compile(r"\bnon[\s-]+(?=\w)", re.I)  # (``non-invasive`` is *noninvasive*, never *invasive*)
_KIND_TAIL = 2  # the fewest words a qualified name's rest has to be read as the same service of another kind


def _service_words(name: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", _NON.sub("non", name.casefold()))
    return tuple(_singular(w) for w in words if w not in _ARTICLES)


def _singular(word: str) -> str:
    if len(word) > 6 and word.endswith(("oses", "eses", "yses")):
        return word[:-2] + "is"  # (*orthoses*, *prostheses*, *analyses*: the plural of a Greek *-sis*)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


# the head of a name for a class of services (*bariatric surgery*, *genetic testing*, *physical therapy*): the
# procedures another statement names may be of it, which words alone cannot tell
_CLASS_HEADS = frozenset(
    {"surgery", "procedure", "therapy", "treatment", "testing", "test", "service", "care"}
    | {"imaging", "intervention", "rehabilitation"}
)
_CLASS_WORDS = 3  # the most words a class's name has (*weight loss surgery*); a longer name is one service


def _is_class(words: tuple[str, ...]) -> bool:
    return 0 < len(words) <= _CLASS_WORDS and words[-1] in _CLASS_HEADS


def same_service(one: str, other: str) -> bool:
    """Whether two statements' subjects (:func:`subject`) may name one service: the words of either stand together
    within the other's (an article, a plural, a hyphen, a kind's qualifier make no other service), or either names
    a class of services (*bariatric surgery* beside *laparoscopic sleeve gastrectomy*) the other may be of."""
    a, b = _service_words(one), _service_words(other)
    return not a or not b or _within(a, b) or _within(b, a) or _is_class(a) or _is_class(b)


def reach(what: str, granted: set[str]) -> Reach:
    """Whether a refusal of ``what`` refuses the service an approving statement names: every one it is about is
    it, or a kind of it (``electrical bone growth stimulators`` of *continued use of a noninvasive electrical bone
    growth stimulator*), words compared without articles, plurals or hyphens.  A refusal of one kind (``invasive
    …``, ``implantable …``) beside an approving statement of another kind or of the whole — its name's rest is
    theirs, the qualifier is not — reaches only ``SOME``: which the request is, a reviewer tells, never approved
    past it.  One about no approving statement's service reaches ``NONE``."""
    mine = _service_words(what)
    if not mine:
        return Reach.NONE
    reached = other = False
    for g in granted:
        theirs = _service_words(g)
        if _within(mine, theirs):
            reached = True
        elif any(_within(mine[i:], theirs) for i in range(1, len(mine) - _KIND_TAIL + 1)):
            other = True  # (its rest names their service, its qualifier another kind of it)
    if other:
        return Reach.SOME
    return Reach.ALL if reached else Reach.NONE


# an exclusion item that is a device, a procedure or a circumstance, not a condition a request's diagnoses name
# (``A cardiac pacemaker``, ``Prior breast surgery within 6 months``): it stays the reviewer's judgment
_NOT_CONDITION = re.compile(
    r"^(?:an?|the|any|prior|previous|recent|current|concurrent|planned)\b|\b(?:is|are|was|were|has|have|had|been"
    r"|within|days?|weeks?|months?|years?|pacemakers?|implant(?:s|ed)?|devices?|stimulators?|prosthes[ie]s|clips?"
    r"|hardware|pumps?|metal(?:lic)?|foreign bod(?:y|ies)|fragments?|surgery|procedures?|therapy|treatment|doses?"
    r"|imaging|scans?|studies|study|contrast|sedation|anesthesia|weight|age)\b|\d",
    re.I,
)
# a lead-in that makes its items conditions of a refusal, not refusals (``… when any of the following is present,
# unless cleared by …``): an item requested is the reviewer's, never a denial the text does not state
_UNLESS = re.compile(r"\b(?:unless|except)\b", re.I)


def _conditions_excluded(s: CriteriaSet) -> Iterator[CriteriaSection]:
    """The items of an exclusion of the policy's own service (``Breast MRI will not be approved when any of the
    following is present: … 2. Pregnancy;``) that name a condition, as a refusal: a request whose diagnoses name
    one as the text does is denied whatever a reviewer attested of the limits and exclusions (a stated fact beats
    a blanket attestation), one close to it is held for review.  Items that are devices, procedures or
    circumstances stay the exclusion's judgments; a lead-in with *unless* refuses nothing by itself."""
    rule = s.rule
    one = rule is not None and (
        rule.connective is Connective.ANY or (rule.connective is Connective.ATLEAST and rule.at_least in (None, 1))
    )
    if _UNLESS.search(s.title) or not one:  # (``all of the following``: one item present refuses nothing)
        return
    names = [
        (n, c.span)
        for c in s.criteria
        if not c.children and (n := _refused_name(c.text)) is not None and not _NOT_CONDITION.search(n)
    ]
    if names:
        yield _refusal(f"{s.id}.{REFUSED}", " ".join(s.title.split()), names, s.span)


CONDITIONS = "conditions"  # the id suffix of a paragraph statement's judgment: the conditions its sentence writes
CONDITIONS_TEXT = "The request meets the conditions this statement writes in its sentence (not read as criteria)"

# a paragraph that states coverage of what it names or refuses it (``Replacement of an external speech processor is
# considered medically necessary when …``, ``Cochlear implantation for unilateral hearing loss … is considered
# investigational.``): a statement the outline did not read as a set's lead-in
_SAYS_COVERAGE = re.compile(
    r"\b(?:medically necessary|reasonable and necessary|investigational|experimental|unproven|cosmetic|"
    r"(?:is|are) (?:not )?(?:considered )?(?:covered|indicated)|(?:is|are|will be|may be) (?:not )?"
    r"(?:approved|authorized))\b",
    re.I,
)


# a grant on the criteria written beside it, no condition of its own: *If the above prior authorization criteria are
# met, the requested product will be authorized for up to 6 months*, *When all of the criteria above are met, …*
_OF_THE_SETS = re.compile(
    r"^(?:if|when|once|where)\s+(?:all\s+(?:of\s+)?)?the\s+(?:(?:above|preceding|foregoing)\s+(?:[\w-]+\s+){0,3}"
    r"criteria|(?:[\w-]+\s+){0,3}criteria\s+(?:above|listed above|in this section))\s+(?:are|is|have\s+been)\s+met\s*,",
    re.I,
)


@dataclasses.dataclass(frozen=True, slots=True)
class StatementParagraph:
    """A paragraph of a statement section (one holding a set that grants or refuses coverage) that states coverage
    or non-coverage of what it names: ``id`` is ``<section id>.s<k>``, k counting such paragraphs of the section."""

    id: str
    text: str
    span: Span


def statement_paragraphs(blocks: tuple[object, ...]) -> Iterator[StatementParagraph]:
    """The coverage statements written as paragraphs beside a section's sets (:class:`StatementParagraph`)."""
    for block in blocks:
        if not isinstance(block, Section):
            continue
        states = any(
            isinstance(b, CriteriaSet) and b.criteria and (grants(b.title) or refuses(b.title) or denies(b.title))
            for b in block.blocks
        )
        k = 0
        for n, b in enumerate(block.blocks if states else ()):
            if isinstance(b, Paragraph) and _SAYS_COVERAGE.search(b.text) and subject(b.text):
                if not grants(b.text) and not _NEGATES.search(b.text):
                    continue  # (a statement neither granting nor refusing: words a reviewer reads with the limits)
                if _LEAD_IN.search(b.text) and grants(b.text):
                    continue  # (the statement of the sets after it: :func:`_sets` gives it to them)
                if _OF_THE_SETS.search(b.text):
                    continue  # (what meeting the criteria above gives — their approval's length: no grant of its own)
                after = block.blocks[n + 1] if n + 1 < len(block.blocks) else None
                if isinstance(after, Bullets) and _of_names(b.text, [i.line for i in after.items]):
                    continue  # (the lead-in of a list of conditions: :func:`_refusals` reads it)
                k += 1
                yield StatementParagraph(f"{block.id}.s{k}", " ".join(b.text.split()), b.span)
        yield from statement_paragraphs(block.blocks)


def _said(p: StatementParagraph) -> CriteriaSet:
    """A paragraph statement as a set: one that grants, with the judgment of the conditions its sentence writes
    (never approved on its statement alone); one that refuses, with itself as the one thing it refuses."""
    if grants(p.text):
        text, rule = CONDITIONS_TEXT, MeetRule(Connective.ALL, (), "all")
        item = Criterion(f"{p.id}.{CONDITIONS}", "", MarkerKind.BULLET, text, CriterionType.JUDGMENT, span=p.span)
    else:
        rule = MeetRule(Connective.ANY, (), "any")
        item = Criterion(f"{p.id}.1", "", MarkerKind.BULLET, p.text, CriterionType.JUDGMENT, span=p.span, source=p.text)
    return CriteriaSet(p.id, "", p.text, False, rule, criteria=(item,), span=p.span)


def _flat(blocks: tuple[object, ...], heading: str) -> Iterator[tuple[str, object]]:
    """The blocks that are no section, each with the heading of the section it stands in."""
    for block in blocks:
        if isinstance(block, Section):
            yield from _flat(block.blocks, block.title)
        else:
            yield heading, block


def refuses(statement: str) -> bool:
    """The statement refuses coverage when what it lists holds (``… will not be approved when any of the following
    is present:``): the negation governs the grant, not a word of what it lists — the words the outline reads a
    lead-in of things not covered by (``template_core.states_non_coverage``), written once."""
    return states_non_coverage(statement) or _NOT_GRANTED.match(" ".join(statement.split())) is not None


# a refusal that names no service, the authorization's own (``Authorization will NOT be granted for any of the
# following:``): the policy's service, as *The following are considered not medically necessary:*
_NOT_GRANTED = re.compile(
    r"^(?:prior )?(?:authorization|approval|coverage) (?:will|shall|is|may) not be (?:granted|given|provided)"
    r" for (?:any of )?the following(?: conditions| indications| diagnos[ie]s)?\s*:?\s*$",
    re.I,
)


# a connective the last item of a list ends with (``… for 6 months after the last dose; AND``)
_TRAILING_AND = re.compile(r"(?:^|[\s;,])(?:AND|and)\s*[;:.,]?\s*$")


def _leads_on(s: CriteriaSet, later: list[CriteriaSet]) -> bool:
    """A set of all of its criteria whose last one ends in ``AND`` (the list goes on past its end, into the list
    under the next heading: a medical-pharmacy policy's general bullets over each indication's), with an approving set
    after it: a requirement of every approval, never an approval by itself."""
    if not s.criteria or (s.rule is not None and s.rule.connective is not Connective.ALL) or excludes(s):
        return False
    if not _TRAILING_AND.search(s.criteria[-1].text):
        return False
    return any(t.criteria and not excludes(t) and not refuses(t.title) for t in later)


def _required(path: tuple[str, ...], s: CriteriaSet) -> bool:
    """A set under a heading of requirements (its innermost) that grants and refuses nothing."""
    return (
        bool(path)
        and bool(s.criteria)
        and bool(_REQUIREMENTS.match(" ".join(path[-1].split())))
        and not grants(s.title)
        and not _NEGATES.search(s.title)
    )


# what a statement is about: the words before what it says of coverage (``MRI of the lumbar spine`` in *MRI of the
# lumbar spine will not be approved when …* and in *… is considered medically necessary for members who …*)
_SAYS = re.compile(
    r"\s+(?:is|are|will|may|shall|does|do|can|cannot)\b(?=(?:\s+(?:not|never|no longer|be|been|considered|"
    r"deemed|to be)\b)*\s+(?:medically necessary|reasonable and necessary|covered|cover|approved|approve|"
    r"authorized|authorize|eligible|indicated|appropriate|investigational|experimental|unproven|cosmetic)\b)",
    re.I,
)
_POLICY_OF = re.compile(r"^it is the policy of .*? that\s+", re.I)


# a plan's own verb (``<plan> covers X when``, ``<plan> does NOT cover X for``): X is what it is about
_COVERS = re.compile(
    r"\b(?:covers|will cover|may cover|(?:does|do|will|may) not cover)\s+(?P<what>.+?)\s+(?:when|for|if|in|only|as)\b",
    re.I,
)


# a plan's own judgment (``Fallon Health considers TMS not medically necessary for …``): what it considers
_CONSIDERS = re.compile(
    r"\b(?:considers|deems)\s+(?P<what>.+?)\s+(?:to be\s+)?(?:not\s+)?(?:medically necessary|reasonable and "
    r"necessary|experimental|investigational|unproven|cosmetic|covered|eligible)\b",
    re.I,
)


def subject(statement: str) -> str:
    """What a coverage statement is about, in a form two statements compare by ("" when it cannot be told)."""
    if (c := _CONSIDERS.search(statement) or _COVERS.search(statement)) is not None:
        words = c.group("what")
    elif (m := _SAYS.search(statement)) is not None:
        words = statement[: m.start()]
    else:
        return ""
    words = _POLICY_OF.sub("", " ".join(words.split()))
    words = re.sub(r"\([^)]*\)", " ", words)  # (codes in parentheses name the same service)
    return " ".join(words.casefold().split())


def subject_aliases(statement: str) -> set[str]:
    """A product's other name a coverage statement gives in parentheses (*Vericiguat (Verquvo) may be approved …*:
    ``verquvo``): the same service as its :func:`subject` (``vericiguat``), so an exclusion of *Verquvo* is of it."""
    said = subject(statement)
    m = re.match(r"^\s*(?P<a>[A-Za-z][\w-]*)[®™]?\s*\((?P<b>[A-Za-z][\w-]*)[®™]?\)", statement)
    if not said or m is None or said != m["a"].casefold():
        return set()
    return {m["b"].casefold()}


def refused_list(s: CriteriaSet) -> bool:
    """A list the text states no connective for whose lead-in refuses what it lists (``… the following procedures
    are not medically necessary, as they are considered cosmetic: A. Abdominoplasty …; B. Panniculectomy performed
    to treat back pain …``): each item is refused, so it is an exclusion of any of them (:func:`_sets`)."""
    return (
        s.rule is None
        and bool(s.criteria)
        and refuses(s.title)
        and not grants(s.title)
        and not _of_names(s.title, [c.text for c in s.criteria if not c.children])
    )


def _of_names(lead: str, items: list[str]) -> bool:
    """A refusal's list of conditions, every item a name (``… is not medically necessary for the following
    indications: A. Stress fractures; …``): :func:`_refusals` reads it, the diagnoses a request names."""
    return bool(
        (_FOR_DIAGNOSES.search(lead) or _FOR_LIST.search(lead)) and items and all(_refused_name(t) for t in items)
    )


def excludes(s: CriteriaSet) -> bool:
    """A set whose statement refuses coverage when its criteria hold (see :func:`refuses`)."""
    return refuses(s.title) and not grants(s.title) and bool(s.criteria) and s.rule is not None


def _exclusion(s: CriteriaSet) -> CriteriaSet:
    """An exclusion as the rules decide it: true when its criteria hold and its statement is not attested to be
    about another service (``<set id>.statement``, ``applies``: it is this policy's until a request says not)."""
    statement = Criterion(
        f"{s.id}.{STATEMENT}", "", MarkerKind.BULLET, s.title, CriterionType.JUDGMENT, span=s.span, source=s.title
    )
    own = _criteria_of(s, Connective.ANY)
    assert own.rule is not None
    listed = own.rule.of  # (``must meet 1 or 2``: the criteria it names)
    children = tuple(c for c in own.criteria if not listed or c.marker.rstrip(".") in listed)
    group = Criterion(
        f"{s.id}.{CRITERIA}",
        "",
        MarkerKind.BULLET,
        f"Meets {own.rule.connective.value} of the following",
        CriterionType.JUDGMENT,
        connective=own.rule.connective,
        at_least=own.rule.at_least,
        children=children,
        span=s.span,
    )
    return dataclasses.replace(s, rule=MeetRule(Connective.ALL, (), "all"), criteria=(statement, group))


def _criteria_of(s: CriteriaSet, unwritten: Connective = Connective.ALL) -> CriteriaSet:
    """A requirement's or an exclusion's set as the rules decide it: its own criteria, all of them when the text
    states no connective (a requirement's list), never an approval's statement or limits.  An ``at least N``
    whose N is not written is ``unwritten``: the stricter reading (all for a requirement, any for an exclusion)."""
    rule = s.rule if s.rule is not None else MeetRule(Connective.ALL, (), "all")
    if rule.connective is Connective.ATLEAST and rule.at_least is None:
        rule = MeetRule(unwritten, rule.of, rule.text)
    return dataclasses.replace(s, rule=rule)


def _unjoined(blocks: tuple[object, ...], path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], CriteriaSet]]:
    """The lists with criteria the text states no connective for (:func:`_sets` leaves them out)."""
    for block in blocks:
        if isinstance(block, CriteriaSet):
            if block.rule is None and block.criteria:
                yield path, block
        elif isinstance(block, Section):
            yield from _unjoined(block.blocks, (*path, block.title))


def is_statement(c: Criterion) -> bool:
    """A set's statement made a criterion by :func:`rules_view` (no marker: no document criterion has none)."""
    return c.id.endswith(f".{STATEMENT}") and not c.marker and not c.children


def is_structure(c: Criterion) -> bool:
    """An inferred set's structure criterion made by :func:`rules_view` (no marker, like a statement)."""
    return c.id.endswith(f".{STRUCTURE}") and not c.marker and not c.children


def is_limits(c: Criterion) -> bool:
    """An approving set's limits criterion made by :func:`rules_view` (no marker, like a statement)."""
    return c.id.endswith(f".{LIMITS}") and not c.marker and not c.children


def never_approves(c: Criterion) -> bool:
    """A statement criterion of a set that grants no coverage (:func:`rules_view`), whatever the request: false
    where it states non-coverage (:func:`denies`), else unknown (a person reads it)."""
    return is_statement(c) and not grants(c.text)


def denies(statement: str) -> bool:
    """The statement states non-coverage (``… is not medically necessary``, ``… investigational``): its set is
    false; one that neither grants nor denies (``… is subject to the following``) is unknown, never a denial."""
    return bool(_NEGATES.search(statement))


def has_rules(policy: Policy) -> bool:
    """Whether the rules decide anything for ``policy`` (an approving set with a statement or criteria)."""
    return any(s.criteria for section in rules_view(policy).sections for s in section.sets)


# a paragraph that grants coverage for the criteria sets after it (``Quartz considers Entyvio medically necessary
# when the following criteria are met.`` above ``Initial Authorization – ALL of the following:``)
_LEAD_IN = re.compile(r"\b(?:when|if) (?:all of |any of )?the following(?: criteria)? (?:are|is) met\b", re.I)


# a lead-in over a single criterion that it requires (``… may be approved if the following criterion is met:``)
_ONE_CRITERION = re.compile(r"\bthe following (?:criterion|requirement|condition) (?:is|must be) met\b", re.I)


def _sets(
    blocks: tuple[object, ...], path: tuple[str, ...], above: str | None = None
) -> Iterator[tuple[tuple[str, ...], CriteriaSet]]:
    # (the section's lead-in that grants: the statement of its sets that state none — also of the sets in the
    # sections after it, when it stands in a section of its own with no set: ``POLICY STATEMENT — RMHP considers NPWT
    # … medically necessary when the following criteria are met.`` over ``COVERAGE CRITERIA — Initial Authorization –
    # ALL of the following:``)
    lead: str | None = above
    for block in blocks:
        if isinstance(block, Paragraph) and _LEAD_IN.search(block.text) and grants(block.text):
            lead = " ".join(block.text.split())
        if isinstance(block, CriteriaSet):
            if block.rule is None and len(block.criteria) == 1 and _ONE_CRITERION.search(block.title):
                # (*… may be approved if the following criterion is met:* over one criterion: it must hold)
                block = dataclasses.replace(block, rule=MeetRule(Connective.ALL, (), "all"))
            if block.rule is None and block.criteria:
                if not refused_list(block):
                    continue  # a list the text states no connective for (``The following procedures are …:``): no set
                block = dataclasses.replace(block, rule=MeetRule(Connective.ANY, (), "any"))
            if lead is not None and not grants(block.title) and not refuses(block.title) and block.criteria:
                block = dataclasses.replace(block, title=f"{lead} {' '.join(block.title.split())}")
            yield path, block
        elif isinstance(block, Section):
            inner = list(_sets(block.blocks, (*path, block.title), lead))
            yield from inner
            if not inner and (own := _section_lead(block.blocks)) is not None:
                lead = own


def _section_lead(blocks: tuple[object, ...]) -> str | None:
    """The lead-in that grants a section of paragraphs alone states (its last), or None."""
    found: str | None = None
    for block in blocks:
        if isinstance(block, Paragraph) and _LEAD_IN.search(block.text) and grants(block.text):
            found = " ".join(block.text.split())
        elif not isinstance(block, Paragraph):
            return None
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class _Limit:
    """Where a policy states a limit outside its criteria: a heading (or a table's header) and its text."""

    title: str
    where: Span
    source: str


def _limits(blocks: tuple[object, ...]) -> Iterator[_Limit]:
    """The sections headed as limits or exclusions that hold text, the tables with a limit column, and the
    statements of non-coverage written as paragraphs beside the sets (:func:`statement_paragraphs`), in order.

    A section that holds an approving set is where coverage is granted, whatever else its heading names
    (``Coverage Indications, Limitations, and/or Medical Necessity``): its own subsections are looked at."""
    yield from (_Limit(p.text, p.span, p.text) for p in statement_paragraphs(blocks) if not grants(p.text))
    yield from _limits_of(blocks)


def _limits_of(blocks: tuple[object, ...]) -> Iterator[_Limit]:
    for block in blocks:
        if isinstance(block, Section):
            text = _text(block.blocks)
            if (
                (_LIMIT_HEADING.search(block.title) or _REQUIREMENTS.match(" ".join(block.title.split())))
                and text.strip()
                and not _approves_within(block.blocks)
            ):
                yield _Limit(block.title, block.span, text)
            else:
                yield from _limits_of(block.blocks)
        elif isinstance(block, CriteriaSet) and (excludes(block) or refused_list(block) or _unjoined_statement(block)):
            # (an exclusion among the sets that grant; a list of things not covered; a statement's list beside them)
            yield _Limit(" ".join(block.title.split()), block.span, _text((block,)))
        elif isinstance(block, Table) and any(_LIMIT_COLUMN.search(" ".join(h.split())) for h in block.header):
            yield _Limit(" | ".join(block.header), block.span, _text((block,)))


def _unjoined_statement(s: CriteriaSet) -> bool:
    """A lettered statement over a list its words join by no connective, which neither grants nor refuses (``B.
    Quantity limits for the initial authorization: 1. Up to 12 visits …``): text the rules do not compute, which an
    approval by a sibling statement must still be within (a refusal's list is read as one: :func:`_refusals`)."""
    return bool(s.letter) and s.rule is None and bool(s.criteria) and not grants(s.title) and not refuses(s.title)


def _approves_within(blocks: tuple[object, ...]) -> bool:
    """Whether a set that grants coverage stands among ``blocks`` or in their sections."""
    return any(grants(s.title) for _, s in _sets(blocks, ()))


def _text(blocks: tuple[object, ...]) -> str:
    """The words of blocks, for telling whether two versions state the same limits."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out.extend(i.line for i in block.items)
        elif isinstance(block, Table):
            out.append(" | ".join(block.header))
            out.extend(" | ".join(" ".join(cell) for cell in row.cells) for row in block.rows)
        elif isinstance(block, CriteriaSet):
            out.append(block.title)
            out.extend(c.text for c in iter_criteria(block.criteria))
        elif isinstance(block, Section):
            out.append(block.title)
            out.append(_text(block.blocks))
    return "\n".join(out)


def limits_criterion(set_id: str, limits: tuple[_Limit, ...]) -> Criterion:
    """The judgment a set's approval asks last: the request is within the limits the policy states outside its
    criteria (``<set id>.limits``)."""
    return Criterion(
        f"{set_id}.{LIMITS}",
        "",
        MarkerKind.BULLET,
        limits_text(limits),
        CriterionType.JUDGMENT,
        span=limits[0].where,
        source="\n\n".join(x.source for x in limits),  # (impact: the limits' own words, changed or not)
    )


def limits_text(limits: tuple[_Limit, ...]) -> str:
    """The limits criterion's text: what a reviewer attests, and where the policy writes it."""
    where = "; ".join(f"{x.title} (line {x.where.line})" for x in limits)
    return f"The request is within the limits and exclusions the policy states outside its criteria: {where}"


# a lead-in naming the items its *one of* is between, then requiring the others: ``… meets ONE of the following
# (Criteria 1, 2, 3 or 4) and all of the criteria in section 5``
_NAMED_ALTERNATIVES = re.compile(
    r"\b(?:one|any)\s+of\s+the\s+following\s*\((?:criteria|criterion|items?)?\s*"
    r"(?P<list>[A-Za-z0-9]{1,3}(?:\s*,\s*[A-Za-z0-9]{1,3})*,?\s+or\s+[A-Za-z0-9]{1,3})\s*\)\s*,?\s+and\s+all\b",
    re.I,
)


def _named_alternatives(statement: str) -> frozenset[str]:
    """The markers of the alternatives a lead-in names before requiring all of the rest (empty: it names none)."""
    m = _NAMED_ALTERNATIVES.search(" ".join(statement.split()))
    return frozenset(re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", m.group("list"))) if m else frozenset()


def _with_statement(s: CriteriaSet, limits: tuple[_Limit, ...] = ()) -> CriteriaSet:
    """The set with its statement as a criterion before its own criteria (all of them), and the policy's limits
    after them when it grants coverage."""
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
    required: tuple[Criterion, ...] = ()
    if connective not in (Connective.ALL, Connective.BOTH) and (named := _named_alternatives(s.title)):
        # ``… meets ONE of the following (Criteria 1, 2, 3 or 4) and all of the criteria in section 5``: the
        # alternatives are the items it names, every other item is required beside them
        markers = {c.marker.rstrip(".") for c in criteria}
        if named <= markers and named != markers:
            required = tuple(c for c in criteria if c.marker.rstrip(".") not in named)
            criteria = tuple(c for c in criteria if c.marker.rstrip(".") in named)
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
        criteria = (group, *required)
    if s.inferred:  # (second, after the statement: ``model.structure_of``; no decision rests on a guessed nesting)
        structure = Criterion(
            f"{s.id}.{STRUCTURE}", "", MarkerKind.BULLET, STRUCTURE_TEXT, CriterionType.JUDGMENT, span=s.span
        )
        criteria = (structure, *criteria)
    if limits and grants(s.title):  # (a set that never approves needs no limit to refuse)
        criteria = (*criteria, limits_criterion(s.id, limits))
    rule = MeetRule(Connective.ALL, (), "all")
    return dataclasses.replace(s, rule=rule, criteria=(statement, *criteria))
