"""What each criterion computes: the AST's typed facts lowered to runtime checks with parsed literal arguments.

Shared by the generator (which renders the checks as code) and the interpreter (which calls them directly), so
both read a criterion the same way; the structure above the leaves (connectives, guards, sets, sections) each
walks on its own.  Nothing here knows a particular policy: a check comes from the criterion's text read by
:mod:`policyvc.rules.typer` (computed only when every constraint it states is accounted for), a guard from a
wording of the family (``If request is for a dose increase, …``, ``For Illinois HIM requests, the step therapy
requirements below do not apply as of 1/1/2026 per …``), and every criterion the runtime cannot compute is an
attestation keyed by its id.  A conditional criterion (``If request is for Neulasta, …``, ``For asthma, …``) is an
implication under an all-of parent (its condition false, it holds) and a conjunction under any other.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from policyvc.history.terms import STATES
from policyvc.parser.classify import classify
from policyvc.parser.nodes import (
    ConcurrentUseFact,
    Connective,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    DiagnosisFact,
    DocumentationFact,
    Policy,
    ReferralFact,
    StateExceptionFact,
    StepTherapyFact,
    iter_criteria,
)
from policyvc.parser.walk import NodeKind, walk
from policyvc.rules import dosing, limits, typer
from policyvc.rules import runtime as rt
from policyvc.rules.body import (
    ABBREVIATION_AFTER,
    Role,
    block_diagnoses,
    denies,
    grants,
    is_limits,
    is_statement,
    is_structure,
    listed_conditions,
    never_approves,
    refused_diagnosis,
    refused_name,
    role_of,
    same_service,
    subject,
)
from policyvc.rules.typer import Check as Check
from policyvc.rules.typer import Ref as Ref
from policyvc.rules.typer import Typed, Vocabulary, all_of, any_of, read_dose, variants

Value = str | int | bool | Decimal | dt.date | None | tuple["Arg", ...] | frozenset[str] | Mapping[str, "Arg"]


Arg = Value | Ref


@dataclass(frozen=True, slots=True)
class Guard:
    """A condition that, when true, satisfies its criterion regardless of the rest (or-ed with it).

    ``record`` is the walk id of the note it comes from (a trace record of its own), or None for a guard in
    the criterion's own wording (its reads and unknowns are the criterion's).
    """

    check: Check
    record: str | None


CHECKS = frozenset({
    "age", "diagnosis", "prescriber", "step_therapy", "concurrent", "state_exception", "bypass", "attest",
    "documented", "increase", "request_kind", "dose", "weight", "referral", "quantity", "route", "drug", "uses",
    "measure", "not_covered", "all_of", "any_of", "not_of", "unlisted", "quantity_in",
    "unread_statement", "applies", "step_stated", "refused", "heading_diagnosis", "outside_limits", "absent",
    "stated_indication", "listed_condition", "other_service", "unlisted_referral", "business", "other_indication",
    "scoped", "unlisted_use", "group_referral", "step_count",
})  # fmt: skip

# A class of drugs named in a concurrent-use criterion, and the members the runtime knows (generic and brand).
DRUG_CLASSES = {
    "colony stimulating factor": (
        "filgrastim", "filgrastim-sndz", "filgrastim-aafi", "filgrastim-ayow", "filgrastim-txid", "tbo-filgrastim",
        "pegfilgrastim", "pegfilgrastim-jmdb", "pegfilgrastim-cbqv", "pegfilgrastim-bmez", "pegfilgrastim-apgf",
        "pegfilgrastim-pbbk", "pegfilgrastim-fpgk", "eflapegrastim", "efbemalenograstim", "sargramostim",
        "neupogen", "zarxio", "nivestym", "releuko", "nypozi", "granix", "neulasta", "fulphila", "udenyca",
        "ziextenzo", "nyvepria", "fylnetra", "stimufend", "rolvedon", "ryzneuta", "leukine",
    ),
}  # fmt: skip

US_STATES = {name: code for code, name in STATES.items()}  # state name -> postal code

_BYPASS = re.compile(
    r"^for (?P<who>[a-z]+(?: [a-z]+)*?) requests?, the (?:[a-z -]+ )?"
    r"requirements? (?:below |above )?(?:does|do) not apply(?: as of (?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
    r"(?: per (?P<law>.+?))?\.?$"
)
# a group's own condition besides its children: "Prescribed in combination with Unituxin and one of the following",
# "If this drug has recently undergone a label change …, refer to one of the following", "For neuroblastoma, …"
_OWN_CONDITION = (
    re.compile(r"^(?!if (?:the )?request is for a dose increase)if [^,]+, "),
    re.compile(r"^for [^,]+, "),
    re.compile(r"^.+? and (?:one|both|all|each|any|at least \w+) of the following"),
)
# a group's own condition that is a diagnosis: ``The patient has a diagnosis of X and BOTH of the following:``
_DIAGNOSIS_AND_GROUP = re.compile(
    r"^(?P<cond>.+?),? and (?:one|both|all|each|any|at least \w+) of the following\b[^,;]*$", re.I
)
_EXAMPLES = re.compile(r"\(e\.g\.,?\s*([^)]*)\)")
_DOCUMENTED = (("weight", "member.weight_kg"), ("height", "member.height_cm"), ("body surface", "member.bsa_m2"))


def number(value: float | int | str) -> Decimal:
    """A number of the policy as a Decimal, integral ones without a fraction (``55.0`` → ``Decimal('55')``)."""
    d = Decimal(str(value))
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def section_kind(section: CriteriaSection) -> str | None:
    """``initial`` or ``continued`` from a section's title; None for a section that approves nothing."""
    return _title_kind(section.title)


# a set's own heading that opens with the kind of request it answers (``Reauthorization Criteria — ALL of the
# following:``, ``Initial Authorization (all must be met)``, ``Continuation of therapy:``), after any list marker
_OWN_KIND = re.compile(
    r"^(?:[(\[]?[A-Za-z0-9]{1,4}[.)\]]\s+)?(?P<kind>initial|initiation|new start|continu(?:ation|ed|ing)|renewal|"
    r"re-?authori[sz]ation|re-?certification|re-?approval|subsequent)\b",
    re.I,
)


def own_kind(title: str) -> str | None:
    """``initial`` or ``continued`` from the words a set's heading opens with; None when it opens with neither."""
    m = _OWN_KIND.match(title.strip())
    if m is None:
        return None
    word = m["kind"].casefold()
    return "initial" if word.startswith(("initia", "new start")) else "continued"


def _title_kind(text: str) -> str | None:
    title = text.casefold()
    if "initial" in title:
        return "initial"
    if any(w in title for w in ("continu", "renewal", "reauthori", "re-authori", "recertif", "re-certif")):
        return "continued"
    return None


# how a medical policy's statement names the request it is for, when the section's title does not (``It is the
# policy … that continued use of a personal CGM is medically necessary when …``)
_CONTINUED_STATEMENT = re.compile(
    r"\b(?:continued (?:use|therapy|treatment|coverage)|continuation of|(?:for )?members? (?:who (?:are|is) )?"
    r"currently (?:using|receiving|on|treated)|re-?authorization|renewal|repeat (?:course|treatment|series)|"
    r"re-?treatment)\b",
    re.I,
)
# (``beyond the initial 30 sessions`` names where a continuation starts, not an initial request)
_INITIAL_STATEMENT = re.compile(
    r"(?<!beyond the )(?<!after the )(?<!beyond )(?<!after )\b(?:initial|initiation|new start|not currently "
    r"(?:using|receiving|on))\b",
    re.I,
)
# a statement whose service is named as its continuation (*Continued hyperbaric oxygen therapy beyond … is
# medically necessary when …*)
_CONTINUED_SUBJECT = re.compile(r"^(?:the\s+)?(?:continued|continuing|continuation of)\s", re.I)


# the one indication a statement names (*HBOT is proven and medically necessary for chronic refractory osteomyelitis
# when …*, *… for the treatment of diabetic wounds of the lower extremities when …*): a request that attests another
# statement and names none of its diagnoses close to it is not this statement's (:func:`runtime.stated_indication`)
# a pharmacy guideline's statement about its product alone (``Orilissa (elagolix) may be approved when ALL of the
# following criteria are met:``, ``Target agent(s) will be approved for renewal when …``): the request's ``drug``
_STATEMENT_PRODUCT = re.compile(
    r"^(?P<what>[A-Za-z][\w ()®™*,-]{0,80}?)\s+(?:may|will|shall|can)\s+be\s+"
    r"(?:re)?(?:approved|authorized|authorised|reauthorized|renewed)"
    r"(?:\s+for\s+(?:renewal|reauthorization|continuation(?: of therapy)?|continued therapy))?\s+(?:when|if)\b",
    re.I,
)
_TARGET_AGENTS = re.compile(r"(?:the )?(?:target|requested) (?:agent|drug|medication|product)(?:\(s\)|s)?", re.I)
_STATED_INDICATION = re.compile(
    r"\b(?:medically necessary|covered|indicated)\s+(?:for|in)\s+(?:the\s+(?:treatment|management)\s+of\s+)?"
    r"(?P<what>[^,:;()]{3,80}?)\s+when\b",
    re.I,
)
# words of a population, a use or a list — not the name of an indication
_NOT_AN_INDICATION = re.compile(
    r"\b(?:following|members?|patients?|individuals?|adults?|children|persons?|people|use|uses|indications?|"
    r"any|all|each|either|one|who|which|that|or|and|not|non)\b",
    re.I,
)


def set_kind(section: CriteriaSection, s: CriteriaSet, beside_continued: bool = False) -> str | None:
    """``initial`` or ``continued``: the section's title's (:func:`section_kind`), else ``continued`` where the
    set's statement names continuation alone (``continued use of``, ``continuation of``, ``for members currently
    using``); ``not-continued`` for a coverage statement naming no kind in a policy that has such a set
    (``beside_continued``: :func:`has_continued_statement`)."""
    # (a set's own heading naming its kind is the kind, whatever its section's title says: a generic policy writes
    # ``Reauthorization Criteria — ALL of the following`` under its ``Initial Authorization Criteria`` heading)
    kind = own_kind(s.title) or section_kind(section)
    if kind is not None:
        return kind
    statement = next((c.text for c in s.criteria if is_statement(c)), "")
    if _names_continued(statement):
        return "continued"
    # a coverage statement naming no kind beside one that names continuation alone (*… cochlear implantation is
    # medically necessary when …* beside *replacement … for members currently using a cochlear implant*) is for
    # what is not a continuation, as a pharmacy policy's section I is: a ``continued`` request is the other set's,
    # a request that names no kind is still decided by it
    if beside_continued and grants(statement) and not denies(statement):
        return "not-continued"
    return None


# an age band a group's heading states over its criteria (``Adults (18 years of age and older) — ALL of the
# following:``, ``Pediatrics (6 months to 17 years of age) — ALL of the following:``, ``Children 2 to 17 years``)
_BAND_AGE = r"(?P<{0}>\d+(?:\.\d+)?)\s*(?P<{0}_unit>years?|months?)(?:\s+of\s+age|\s+old)?"
_BAND_BETWEEN = re.compile(
    r"(?<![\w.])(?:aged?\s+)?"
    + r"(?P<lo>\d+(?:\.\d+)?)\s*(?:(?P<lo_unit>years?|months?)(?:\s+of\s+age)?\s+)?(?:to|through|-|–)\s*"
    + _BAND_AGE.format("hi")
    + r"(?!\s*(?:and|or)\s+(?:older|over|above))",
    re.I,
)
_BAND_FROM = re.compile(
    r"(?<![\w.])(?:aged?\s+)?" + _BAND_AGE.format("lo") + r"\s+(?:and|or)\s+(?:older|over|above)\b",
    re.I,
)
_BAND_BELOW = re.compile(
    r"\b(?:under|younger than|less than)\s+" + _BAND_AGE.format("hi") + r"(?!\s+(?:and|or)\b)", re.I
)
_POPULATION = re.compile(
    r"^(?:[(\[]?[A-Za-z0-9]{1,4}[.)\]]\s+)?(?:adults?|adult patients|pediatrics?|paediatrics?|pediatric patients|"
    r"children|adolescents|infants|neonates|geriatrics?)\b",
    re.I,
)
_AGE_WORD = re.compile(r"\b(?:aged?|of age|old)\b", re.I)
# the words of a heading that groups criteria (the band before them is the group's): ``— ALL of the following``
_GROUP_HEADING = re.compile(r"^(?P<head>.*?)(?:\s*[—–:-]\s*|\s+)(?:all|any|one|each|both) of the following\b", re.I)


def _unit(word: str | None, other: str) -> str:
    return (word or other).casefold().rstrip("s") + "s"


def heading_ages(title: str) -> tuple[Check, ...]:
    """The age checks of the band a group's heading states before ``… of the following`` (*Pediatrics (6 months to
    17 years of age)*: at least 6 months and under 18 years; *Adults (18 years of age and older)*: at least 18), or
    none.  An upper bound in whole years takes the whole year (*17 years of age* holds until 18)."""
    m = _GROUP_HEADING.match(" ".join(title.split()))
    if m is None or not (head := m.group("head")).strip():
        return ()
    # (an age, certainly: the band says *age* or *old*, or the heading names a population — never *a trial of 1 to
    # 3 months*)
    population = _POPULATION.match(head) is not None
    out: list[Check] = []
    b = _BAND_BETWEEN.search(head) or _BAND_FROM.search(head) or _BAND_BELOW.search(head)
    if b is None or not (population or _AGE_WORD.search(b.group(0))):
        return ()
    if (b := _BAND_BETWEEN.search(head)) is not None:
        hi_unit = _unit(b.group("hi_unit"), "years")
        lo_unit = _unit(b.group("lo_unit"), hi_unit)
        out.append(Check("age", ("≥", typer.number(b.group("lo")), lo_unit)))
        out.append(Check("age", ("<", typer.number(b.group("hi")) + 1, hi_unit)))
    elif (b := _BAND_FROM.search(head)) is not None:
        out.append(Check("age", ("≥", typer.number(b.group("lo")), _unit(b.group("lo_unit"), "years"))))
    elif (b := _BAND_BELOW.search(head)) is not None:
        out.append(Check("age", ("<", typer.number(b.group("hi")), _unit(b.group("hi_unit"), "years"))))
    return tuple(out)


def has_continued_statement(policy: Policy) -> bool:
    """A set of the policy grants coverage by a statement that names continuation alone (its section's title
    naming no kind)."""
    for section in policy.sections:
        if section_kind(section) is not None:
            continue
        for s in section.sets:
            statement = next((c.text for c in s.criteria if is_statement(c)), "")
            if _names_continued(statement) and grants(statement) and not denies(statement):
                return True
    return False


def _names_continued(statement: str) -> bool:
    # (a statement naming initial therapy as well is left without a kind: a request that does not say which it is
    # is still decided by it, as by any set whose text names no kind)
    named = _CONTINUED_STATEMENT.search(statement) or _CONTINUED_SUBJECT.match(subject(statement))
    return bool(named) and not _INITIAL_STATEMENT.search(statement)


def set_role(section: CriteriaSection) -> str:
    """What the section's sets do to a decision (``approves``, ``requires``, ``excludes``: ``rt.SetSpec.role``)."""
    role = role_of(section)
    return "approves" if role is Role.APPROVES else role.value


def set_children(s: CriteriaSet) -> tuple[tuple[Criterion, ...], str, int]:
    """The criteria a set combines, its connective and N: ``(must meet 1 or 2)`` names some of them."""
    rule = s.rule
    connective = rule.connective.value if rule else "all"
    criteria = s.criteria
    if rule and rule.of:
        criteria = tuple(c for c in s.criteria if c.marker.rstrip(".") in rule.of)
    return criteria, connective, 1


def structure_of(s: CriteriaSet) -> str | None:
    """The id of an inferred set's structure criterion (``<set id>.structure``, second after its statement: see
    :func:`policyvc.rules.body.rules_view`), or None: such a set is combined by ``rt.as_read``, not its connective."""
    if not s.inferred or len(s.criteria) < 2 or not is_structure(s.criteria[1]):
        return None
    return s.criteria[1].id


def _referral_items(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """The referrals of an *Other diagnoses/indications* set: its criteria, and the items of a group that only
    wraps them (*1. Member meets one of the following (a or b): a. If this drug has recently undergone a label
    change …; b. If the requested use … is NOT specifically listed …*) as if they were written at its top."""
    out: list[Criterion] = []
    for c in criteria:
        if (
            c.children
            and not _LABEL_CHANGE.search(c.text)
            and all(_LABEL_CHANGE.search(d.text) or isinstance(d.fact, ReferralFact) for d in c.children)
        ):
            out.extend(c.children)  # (only a wrapper of referrals: a step beside a state exception stays whole)
        else:
            out.append(c)
    return tuple(out)


def statement_of(s: CriteriaSet) -> str | None:
    """The id of a set's statement criterion (``<set id>.statement``, its first), or None (a pharmacy set)."""
    if s.criteria and is_statement(s.criteria[0]):
        return s.criteria[0].id
    return None


def is_referral_set(s: CriteriaSet) -> bool:
    return any(isinstance(c.fact, ReferralFact) for c in iter_criteria(s.criteria))


# the title of a set for the uses a policy does not list (``Other diagnoses/indications``, ``Other uses``)
_OTHER_USES = re.compile(r"^(?:all )?other (?:diagnos[ie]s|indications|uses)\b", re.I)
# what makes a referral of that set apply to a listed diagnosis too: a label change (a new dosing regimen, an age
# expansion), or a "requested use" that counts its dosing regimen and age (``If the requested use (e.g.,
# diagnosis, age, dosing regimen) is NOT specifically listed …``)
_LABEL_CHANGE = re.compile(
    r"\blabel change|\bnot (?:yet )?reflected in this policy|\brequested use\b|\bdos(?:e|ing|age)\b|\bage\b", re.I
)

# a referral for a use not listed (``If the requested use (e.g., diagnosis, age, dosing regimen) is NOT specifically
# listed …``), not the label change's (``… undergone a label change … not yet reflected in this policy``)
_UNLISTED_USE = re.compile(r"\brequested use\b.*\bdiagnos[ie]s\b.*\bnot (?:specifically )?listed\b", re.I)
_NEW_LABEL = re.compile(r"\blabel change|\bnot (?:yet )?reflected in this policy", re.I)
# the checks and words of what a *requested use* names: its diagnosis, the member's age, the dosing regimen
_USE_CHECKS = frozenset(
    {"diagnosis", "heading_diagnosis", "age", "dose", "weight", "quantity", "quantity_in", "increase"}
)
# (not a dose word joined to the word before it: *Medium- to high-dose inhaled corticosteroid* is a therapy tried)
_USE_WORDS = re.compile(r"(?<!-)\bdos(?:e|es|ing|age)\b|\bage\b|\bweigh", re.I)
# a continued set for the indications of the initial section as a whole
_ALL_INDICATIONS = re.compile(r"^all (?:indications|diagnoses|uses)(?: (?:listed )?in section (?:i|1|one))?$")

_CLASS_WORDS = frozenset({
    "malignancy", "cancer", "tumor", "tumour", "neoplasm", "neoplasia", "carcinoma",
    "infection", "indication", "lymphoma",  # a family of diseases (DLBCL is a non-Hodgkin lymphoma)
})  # fmt: skip
# words that end the names of specific diagnoses as often as of classes (*major depressive disorder*, *Crohn's
# disease*, *Cushing syndrome*): a class only where the text speaks of one — *a seizure disorder*, *any autoimmune
# disease*, *other inflammatory conditions* — never by the word alone (*bipolar disorder* is not a depressive one)
_GENERIC_CLASS = re.compile(
    r"^(?:a|an|any|another|other|some|certain)\s.*\b(?:disorder|disease|condition|syndrome|illness)\b"
    r"|\b(?:disorders|diseases|conditions|syndromes|illnesses)\b",
    re.I,
)
# what may follow a diagnosis without changing which diagnosis it is: cut there, the rest is a judgment (*associated
# with*, never *associated* alone: *tumor necrosis factor receptor associated periodic syndrome* is one name)
_QUALIFIER = re.compile(
    r"\s+(?=(?:confirmed|with|without|as defined|as documented|as evidenced|in a member|in members|who|that|which|"
    r"associated with|secondary|due to|documented|of one of the following|following|after|receiving|requiring|"
    r"defined)\b)"
    r"|,\s*|;|\s+\((?![A-Za-z0-9-]+\)$)"
)
_ALTERNATIVE_SHORT = re.compile(r"\s*\([A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*\)(?=\s*(?:,\s*)?(?:or|and/or)\s)")
# a list of alternative diagnoses (``A, B, or C``), its commas no qualifier's; an item that is a severity or a
# course (``asthma, moderate or severe``) qualifies the one before it, so that list is not one of alternatives
_SEVERITY = (
    r"(?!(?:mild|moderate|severe|acute|chronic|active|refractory|recurrent|relapsed|persistent|uncontrolled|stable|"
    r"primary|secondary|early|advanced|metastatic)\b)"
)
_DIAGNOSIS_LIST = re.compile(rf"^[^,;()]+(?:,\s*{_SEVERITY}[^,;()]+)+,?\s+or\s+{_SEVERITY}[^,;()]+$", re.I)
# the words after a diagnosis's alternatives that name no list of their own (no comma, semicolon, parenthesis)
# nor alternatives (``due to A or B`` would split into a bare ``B``)
_SHARED_TAIL = re.compile(
    r"^(?:due to|secondary to|associated with|caused by|with|without)\s(?!.*\b(?:or|and|and/or)\b)[^,;()/]+$", re.I
)
_ABBREVIATION = re.compile(r"\s*\((?P<short>[A-Za-z0-9-]+)\)$")
_NAMES = re.compile(r"\b(?P<a>[A-Za-z][\w-]+)\s*[®™*]*\s*\(\s*(?P<b>[A-Za-z][\w-]+)\s*[®™*]*\s*\)")
_NECESSARY = re.compile(r"\bthat (?P<names>.+?) (?:is|are) medically necessary", re.I)
_IF_REQUEST = re.compile(r"^if (?:the )?request is for (?P<what>.+?), (?P<rest>.+)$", re.I)
_STEP_WORDS = re.compile(r"^(?:failure of|trial and failure of|member must use)\s", re.I)
_HAD_TRIAL = re.compile(r"^(?:the )?(?:member|patient) has (?:had )?(?:a )?trial of\s+(?P<rest>.+)$", re.I)
_STEP_COUNTED = re.compile(r"^(?:at least\s+)?(?:\d+|one|two|three|four|five) of\b", re.I)
_REQUEST_AND = re.compile(r"^request is for (?P<what>[^,;]+?(?:,? or [^,;]+?)?),? and (?P<rest>.+)$", re.I)
_REQUEST_FOR = re.compile(r"^request is for (?P<what>[^,;]+?)(?: and (?P<rest>.+))?[;.]?$", re.I)
_DOSE_LEAD = re.compile(
    r"^(?:(?:the )?(?:new |requested (?:maintenance |induction )?)?dose|(?:the )?request|quantity|new quantity"
    r"|(?:the )?number of [a-z]+ requested|(?:the )?requested number of [a-z]+) does not exceed (?P<rest>.+)$",
    re.I,
)
_LINE_ANY = re.compile(r"^(?P<cond>[^:]{1,80}):\s*(?P<rest>.+)$")
# a dose line's phase (``a. Loading: 240 mg SC once (2 pens); b. Maintenance: 120 mg SC once monthly``)
_PHASE = re.compile(r"^(?:(?P<start>loading|induction)|maintenance)(?: doses?)?$", re.I)


def _phase_line(phase: re.Match[str], rest: str, per_cycle: bool) -> bool:
    """Whether a phase's dose line of a *one of the following* group is checked as a line with no condition: the
    maintenance regimen is the one a request goes on with; a loading or induction line only when it counts its
    doses (*once*, *for 3 doses*) — never a regimen a request could go on with past its start."""
    if not phase.group("start"):
        return True
    words = read_dose(rest, per_cycle)
    return words is not None and (words.frequency == "once" or words.count is not None)


_LINE = re.compile(rf"^(?P<cond>[^:]{{1,80}}):\s*(?P<rest>(?:{typer.NUM}|\d).+)$")
_AGE = re.compile(
    rf"^age\s*(?P<op>≥|>=|>|≤|<=|<|=)\s*(?P<value>{typer.NUM})\s*(?P<unit>years?|months?)"
    rf"(?: (?:old )?and (?P<weight>weight\s*(?:≥|>=|>|≤|<=|<)\s*{typer.NUM}\s*kg))?$",
    re.I,
)
# an age and another bound (``Age ≥ 18 years and body mass index (BMI) ≥ 30 kg/m2``): each checked; an age with
# words (``Age < 18 years with symptoms suggestive of OSA``): a conjunction, the age computed, the words the reviewer's
_AGE_AND = re.compile(
    rf"^age\s*(?P<op>≥|>=|>|≤|<=|<|=)\s*(?P<value>{typer.NUM})\s*(?P<unit>years?|months?)(?: old| of age)?"
    r"(?:,? and| with) (?P<rest>.+)$",
    re.I,
)
# the other end of an age band after ``and`` (``Age ≥ 1 year and < 18 years``, ``… and ≤ 17 years of age``)
_AGE_UPPER = re.compile(
    rf"^(?:age\s*)?(?P<op><|≤|<=)\s*(?P<value>{typer.NUM})\s*(?P<unit>years?|months?)(?: old| of age)?$", re.I
)
# words that may undo a conjunction (``Age ≥ 18 years and X, or Y``, ``… unless …``): the age may not be required,
# so the criterion is left whole to the reviewer rather than decided by the age
_NOT_CONJOINED = re.compile(r"\b(?:or|unless|except|otherwise|alternatively|if|nor)\b", re.I)
# an age range (``Age 12 to 17 years``: from 12 through the last day of 17), maybe with another bound
_AGE_RANGE = re.compile(
    r"^(?:age\s+|(?:the )?(?:member|patient|enrollee|beneficiary|individual|recipient|child|infant)\s+(?:is|must be)\s+"
    r"(?:aged?\s+)?(?=between\b))"
    r"(?:(?P<between>between)\s+)?(?P<low>\d+)\s*(?(between)(?:and|to|-|–)|(?:to|-|–|through))\s*(?P<high>\d+)\s*"
    r"(?P<unit>years?|months?|weeks?|days?)(?: old| of age)?"
    r"(?: at (?:the )?(?:start|initiation|beginning) of (?:treatment|therapy))?"
    r"(?:(?:,? and| with) (?P<rest>.+))?$",
    re.I,
)
# an age in words, as other payers write it: ``Member is 6 years of age or older``, ``Patient is at least 12 years
# old``, ``18 years of age or older``, ``younger than 65 years of age``; a bare ``6 years of age`` states no bound
_WHO = r"(?:(?:the )?(?:member|patient|enrollee|beneficiary|individual|recipient|child|infant)\s+(?:is|must be)\s+)?"
_AGE_OF = r"(?P<unit>years?|months?|weeks?|days?)(?:\s+of\s+age|\s+old)?"
_AGE_WORDS = (
    (re.compile(rf"^{_WHO}(?:aged?\s+)?at least\s+(?P<value>{typer.NUM})\s*{_AGE_OF}$", re.I), "≥"),
    (re.compile(rf"^{_WHO}(?:aged?\s+)?(?P<value>{typer.NUM})\s*{_AGE_OF}\s+(?:or|and)\s+(?:older|over)$", re.I), "≥"),
    (re.compile(rf"^{_WHO}(?:aged?\s+)?(?P<value>{typer.NUM})\s*{_AGE_OF}\s+or\s+(?:younger|less)$", re.I), "≤"),
    (re.compile(rf"^{_WHO}(?:younger|less) than\s+(?P<value>{typer.NUM})\s*{_AGE_OF}$", re.I), "<"),
    (re.compile(rf"^{_WHO}older than\s+(?P<value>{typer.NUM})\s*{_AGE_OF}$", re.I), ">"),
)
# a weight in words: ``Patient weighs at least 20 kg``, ``Member weighs more than 40 kg``, ``weighs 30 kg or more``
_WEIGHS = (
    r"^(?:(?:the )?(?:member|patient|enrollee|beneficiary|individual|recipient|child)\s+)?(?:weighs|must weigh)\s+"
)
_WEIGHT_WORDS = (
    (re.compile(rf"{_WEIGHS}(?:at least|no less than|not less than)\s+(?P<value>{typer.NUM})\s*kg$", re.I), "≥"),
    (re.compile(rf"{_WEIGHS}(?P<value>{typer.NUM})\s*kg\s+or\s+(?:more|greater|above)$", re.I), "≥"),
    (re.compile(rf"{_WEIGHS}(?:more|greater) than\s+(?P<value>{typer.NUM})\s*kg$", re.I), ">"),
    (re.compile(rf"{_WEIGHS}(?:less|fewer) than\s+(?P<value>{typer.NUM})\s*kg$", re.I), "<"),
    (re.compile(rf"{_WEIGHS}(?:at most|no more than|not more than)\s+(?P<value>{typer.NUM})\s*kg$", re.I), "≤"),
    (re.compile(rf"{_WEIGHS}(?P<value>{typer.NUM})\s*kg\s+or\s+(?:less|below)$", re.I), "≤"),
)
# a connective written after an item (``Diagnosis of asthma; AND``, ``… adenocarcinoma, OR``): its parent's, read
# there already — no requirement of the item's own
_TRAILING_CONNECTIVE = re.compile(r"(?:[;,]\s*(?i:and|or)|\s+(?:AND|OR))\s*$")
_PRESCRIBER = re.compile(
    r"^(?:(?:the )?(?:medication|drug|requested (?:medication|drug|service|agent|product)|service|treatment|"
    r"[A-Za-z][\w-]*) "
    r"(?:is|must be|will be) )?(?:prescribed|ordered) by(?: or in consultation with)? (?P<who>.+)$",
    re.I,
)
# a prescriber's qualification the request does not carry (``a board-certified psychiatrist``): the reviewer's
_CERTIFIED = re.compile(r"^(?:an? )?(?P<what>board[- ]certified|licensed|credentialed) ", re.I)
_SPECIALIST = re.compile(r"^(?:an? )?(?P<word>(?:[a-z]+ )*[a-z]+(?:ist|ian)|(?:[a-z]+ )+(?:specialist|physician))$")
_STEP_EXCEPTION = re.compile(
    r"^contraindicated or (?:clinically significant adverse effects are experienced|not tolerated|intolerant)$"
)
# a drug or a class by its name: up to three words, none a count or a quantifier (``two TNF inhibitors``,
# ``at least one conventional DMARD`` say how many, which no status of one key tells)
_CLEAN_DRUG = re.compile(
    r"^(?!(?:one|two|three|four|at|all|both|any|each|other|another|prior|previous|multiple|\d+)\b)"
    r"[A-Za-z][\w-]*(?: (?!(?:or|and|with|for|at|of|in|to|therapy|treatment)\b)[A-Za-z][\w-]*){0,2}$",
    re.I,
)
_TRIAL_HEAD = re.compile(
    r"^(?:an? )?(?:(?:≥|>=|at least)\s*\d+[- ](?:consecutive[- ])?(?:day|week|month)s?[- ](?:trial )?of |trial of )",
    re.I,
)
_TRIAL_TAIL = re.compile(
    r"(?:\s+(?:for (?:at least |≥\s*)?\d+ (?:consecutive )?(?:days|weeks|months)"
    r"|at (?:up to )?(?:the )?(?:maximally|maximum) (?:indicated|tolerated) doses?))+$",
    re.I,
)
_STEP_ARTICLE = re.compile(r"^an? ", re.I)
_STEP_ABBREVIATION = re.compile(r"^(?P<long>[A-Za-z][\w -]+?)\s*\((?P<short>[A-Z][A-Za-z0-9-]*)\)$")
_CONCURRENT_SCOPE = re.compile(
    r"\s*(?:within (?:any|the same|a|each) (?:chemotherapy |treatment )?cycle|concurrently)?$", re.I
)
_USE_OF = re.compile(
    r"^(?:use of|concurrent use of|member is (?:receiving|using)|member uses) (?:another|other|an?|any other) "
    r"(?P<cls>[a-z -]+?)(?:\s+(?:within (?:any|the same|a|each) (?:chemotherapy |treatment )?cycle|concurrently))?$",
    re.I,
)
# a requirement of some lines of business only: "For Medicaid requests, …", "For HIM and Medicaid members, …"
_FOR_BUSINESS = re.compile(
    r"^for (?:the )?(?P<who>[a-z ,]+?) (?:requests?|members?|plans?|lines? of business),\s*(?P<rest>\S.*)$", re.I
)
# a requirement of a subgroup of members only: "For members with diabetes mellitus, hemoglobin A1c (HbA1c) < 8% …",
# "In patients with asthma, …" — the subgroup a plain name of a condition (:data:`_SCOPE_NAME`), then the rest
_FOR_SCOPE = re.compile(
    r"^(?:for|in) (?:members?|patients?|individuals?|adults|children|those|persons|people) "
    r"(?:with|who have|diagnosed with) (?P<what>[^,;:()]+?),\s*(?P<rest>\S.*)$",
    re.I,
)
_SCOPE_NAME = re.compile(
    r"(?!.*\b(?:a|an|the|any|history|prior|previous|known|suspected|documented|is|are|has|have|had|who|which|that|"
    r"within|than|unless|except|if|or|and|not|no|without|greater|less|at|least|of)\b)[A-Za-z][A-Za-z0-9'’ -]*",
    re.I,
)
# a drug list and the use it is for: ``Advate®, Eloctate®, or Hemgenix® for routine prophylaxis``
_FOR_PURPOSE = re.compile(r"^(?P<list>.+?®?)\s+for\s+(?P<why>[a-z][a-z -]{0,60})$", re.I)
# the member not on a class of drugs, the class's drugs in parentheses: ``The patient is not receiving another
# long-acting stimulant concurrently (Vyvanse®, Adderall XR®, Mydayis®, Focalin XR®)``
_NOT_RECEIVING = re.compile(
    r"^(?:the )?(?:patient|member|individual|enrollee|beneficiary|child)\s+(?:is not|will not be|must not be|does not)"
    r"\s+(?:receiving|taking|using|use|take|receive)\s+(?P<other>(?:another|other|any other)\s+[^()]+?)"
    r"\s+(?:concurrently|in combination|at the same time)\s*\((?:e\.g\.,?\s*|such as\s+|including\s+)?"
    r"(?P<names>[^()]+)\)$",
    re.I,
)
_NOT_CONCURRENT = re.compile(
    r"^(?P<drug>[\w-]+®?(?: [\w-]+®?){0,2}?) (?:is not|will not be|must not be|should not be) "
    r"(?:prescribed|used|given|administered) "
    r"(?:concurrently|in combination) with (?P<other>.+)$",
    re.I,
)
# the member not on other drugs, in the member's words: ``The member is not receiving a strong organic anion
# transporting polypeptide (OATP) 1B1 inhibitor (e.g., cyclosporine, gemfibrozil) concurrently``, ``The patient will
# NOT be using the requested agent in combination with another GC-C agonist, Amitiza (lubiprostone), or Ibsrela``
_MEMBER_NOT_WITH = re.compile(
    r"^(?:the )?(?:patient|member|individual|enrollee|beneficiary|child)\s+"
    r"(?:is not|will not be|must not be|should not be|does not|will not)\s+(?:currently\s+)?"
    r"(?:receiving|taking|using|use|take|receive|(?:being )?treated with)\s+"
    r"(?:(?:the requested (?:agent|drug|medication|product)|this (?:agent|drug|medication)|it|"
    r"[A-Z][\w-]*®?(?: [\w-]+®?){0,2}?)\s+)?"
    r"(?:concurrently|in combination|concomitantly|together) with\s+(?P<other>.+)$",
    re.I,
)
_MEMBER_NOT_ON = re.compile(
    r"^(?:the )?(?:patient|member|individual|enrollee|beneficiary|child)\s+"
    r"(?:is not|will not be|must not be|should not be|does not|will not)\s+(?:currently\s+)?"
    r"(?:receiving|taking|using|use|take|receive|(?:being )?treated with)\s+"
    r"(?P<other>.+?)\s+(?:concurrently|concomitantly|at the same time)$",
    re.I,
)
# words that make a drug list a condition or an exception (``unless``, ``other than``): the reviewer's whole
_ALONGSIDE_HEDGE = re.compile(r"\b(?:unless|except|if|when|whenever|without|other than|instead of)\b", re.I)
# the member without a condition, one line: ``The member does not have osteoporosis``
_DOES_NOT_HAVE = re.compile(
    r"^(?:the )?(?:member|patient|individual|enrollee|beneficiary)\s+(?:does not|must not) have\s+"
    r"(?:an? )?(?P<what>[^;:]+)$",
    re.I,
)
# a line of several facts, each a clause of its own: ``The patient has a diagnosis of X and the patient is 18 years
# of age or older``, ``… of functional constipation, the requested agent is Linzess 72 mcg, and the patient is between
# 6 and 17 years of age`` — split where a clause names its subject again
_CLAUSE_SPLIT = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:the )?(?:patient|member|individual|enrollee|beneficiary|child|"
    r"requested (?:agent|drug|medication|product))(?:'s)? (?:is|has|will|must|does)\b)",
    re.I,
)
# the member's sex and age in one phrase (``A female member 65 years of age or older``): the age computed, the sex
# the reviewer's (no fact of the request)
_SEX_AGE = re.compile(
    r"^(?:an? )?(?P<sex>(?:postmenopausal |premenopausal )?(?:female|male|woman|man))\s+"
    r"(?:member|patient|individual|enrollee|beneficiary|person)\s+(?P<age>(?:aged?\s+)?(?:at least |younger than |"
    r"less than |older than )?\d+\s*(?:years?|months?)\b.*)$",
    re.I,
)
# an exclusion's item naming the use it refuses: ``use for opioid-induced constipation``
_USE_FOR_NAME = re.compile(r"^(?:use|treatment) (?:for|of) (?P<name>[^,;:()]+)$", re.I)
# an exclusion's item of the members' age: ``use in patients less than 6 years of age``
_USE_IN_AGE = re.compile(
    r"^(?:(?:use|treatment) )?in (?:patients|members|children|individuals|persons) (?:(?:younger|less) than|under) "
    r"(?P<n>\d+) (?P<unit>years?|months?)(?: of age| old)?$",
    re.I,
)
# a requirement of members of an age only: ``In adults (18 years of age or older), …``, ``In children (younger than
# 18 years of age), …``, ``For members 12 years of age or older, …`` — the age in words, then the rest
_FOR_AGE = re.compile(
    r"^(?:in|for) (?:(?:adults?|children|child|adolescents?|pediatric (?:members|patients)|infants?)\s*"
    r"\((?P<age>[^()]+)\)|(?:members|patients|individuals) (?P<age2>(?:aged? )?(?:younger|older|less) than [^,]+|"
    r"(?:aged? )?(?:at least )?\d[^,]*?(?:older|over|younger|less)))\s*,\s*(?P<rest>\S.*)$",
    re.I,
)
# a judgment's words that state the member's age as a requirement (``… who is 25 years of age or older``)
_MEMBER_AGE = re.compile(
    r"\b(?:who is|(?:member|patient) is|for (?:members|patients|individuals))\s+(?:aged?\s+)?"
    r"(?:(?P<below>younger than|under|less than)\s+|(?P<least>at least)\s+)?"
    r"(?P<value>\d+(?:\.\d+)?)\s+(?P<unit>years?|months?)(?:\s+of age|\s+old)?(?P<bound>\s+or older)?",
    re.I,
)
# a judgment's words refusing use with named drugs (``Esbriet is not prescribed concurrently with Ofev``)
_NOT_WITH = re.compile(
    r"\b(?:is not|will not be|must not be|should not be|not to be|not) (?:prescribed|used|given|administered|taken) "
    r"(?:concurrently|in combination|together) with (?P<other>[^;]+?)\s*$",
    re.I,
)
# a comparison's ``or`` (``20% or greater``, ``25 years of age or older``): no alternative
# a coverage statement's requirements: what follows its first *when*
_STATEMENT_WHEN = re.compile(r"\bwhen\b(?P<rest>.*)$", re.I)
_FOR_WHOM = re.compile(r"\bfor (?:members|patients|individuals)\b.*$", re.I)
_COMPARATIVE_OR = re.compile(r"\bor (?:older|greater|more|higher|above|less|lower|younger|fewer|below)\b", re.I)
# words that may make a stated fact a condition or one alternative of a judgment: it reads nothing then
_NOT_REQUIRED = re.compile(
    r"\b(?:or|either|if|when|whenever|unless|except|otherwise|until|while|dose|doses|dosing|mg|kg)\b|/",
    re.I,
)
_DOSE_GROUP = re.compile(r"\bdose does not exceed\b", re.I)
# (also as other payers word it: *The member has a diagnosis of one of the following:*)
_DIAGNOSIS_GROUP = re.compile(
    r"^(?:(?:the )?(?:member|patient|individual) has (?:an? )?(?:confirmed |documented )?)?diagnosis of "
    r".*\bone of the following\b",
    re.I,
)
_PER_CYCLE_WORDS = re.compile(r"\b(?:for each|per|each) (?:chemotherapy |treatment )?cycle\b", re.I)
_END = re.compile(r"[\s;.,*]+$")
_REQUEST_FOR_LIST = re.compile(r"^request is for (?P<what>[^;]+?(?:,|\bor\b)[^;]*)$", re.I)
_NOT_SOONER = re.compile(
    r"^(?P<subject>[\w-]+|the drug|the first dose|administration)(?: (?:will be|is|must be|is to be))?"
    r"(?: (?:administered|given|started|scheduled|planned))? (?:no sooner than|at least|not earlier than) "
    r"(?P<n>\d+) (?P<unit>hours?|days?) after (?:the )?(?:completion of |the end of )?(?P<event>[a-z ]+)$",
    re.I,
)
# a subject may carry its abbreviation: "Affected body surface area (BSA) ≥ 10%"
# (``(eGFR)``: an abbreviation may open in lower case)
_SUBJECT = (
    r"(?P<subject>(?:\d+-(?:year|month|week|day) )?[A-Za-z][A-Za-z0-9 '’-]*?"
    r"(?:\s*\((?=[a-z]?[A-Z])[A-Za-z][A-Za-z0-9-]*\)"
    r"(?:\s+[A-Za-z][A-Za-z0-9 '’-]*?)?)?)"
)
_WORD_UNITS = r"pack-years|mm|cm|kg|degrees|percent|%|meters|metres"
# units written with spaces or a power of ten: ``50 × 10^9/L`` (a print without the superscript: ``50 × 109/L``), ``5 mg
# Fe/g dw`` (iron per gram of dry liver), ``130 mm Hg``
_SPACED_UNITS = r"[×x]\s*10\s*(?:\^\s*)?9\s*/\s*L|mg\s+Fe\s*/\s*g(?:\s+(?:dw|dry weight))?|mm\s?Hg"
# (a unit may be per body surface, ``mL/min/1.73 m2``; a share may be of normal, ``< 50% of normal``; the window a
# value was drawn in is the reviewer's: ``LDL-C ≥ 70 mg/dL drawn within the past 90 days``)
_MEASURE = re.compile(
    rf"^{_SUBJECT}\s*(?P<op>≥|>=|>|≤|<=|<)\s*(?P<n>[-−]?\s*{typer.NUM})"
    rf"\s*(?P<unit>%|(?:events|episodes) per hour|(?:beats|breaths) per minute|{_SPACED_UNITS}"
    r"|[A-Za-z/0-9²³µ]+(?:\.\d+\s?m[2²])?)?"
    r"(?:(?<=%) of (?:normal|predicted|the (?:lower|upper) limit of normal"
    r"(?: (?:of|for) the (?:laboratory|lab)(?:'s|’s)? [a-z ]{1,40})?))?"
    r"(?: and (?P<rest>.+)"
    r"|(?P<tail>\s(?:(?:on an? (?:test|lab|laboratory test|measurement|draw|sample)|drawn|measured|obtained"
    r"|collected) )?within (?:the (?:past|last|previous) .+|\d+ (?:days|weeks|months) (?:prior to|before) .+))"
    r"|(?P<with>\s+with(?:out)?\s.+))?$"
)
# a measure, then another way to meet the criterion that documents something: ``HbA1c < 10% or documentation that
# diabetes mellitus is not present`` — the alternative opening on documentation, one clause (no comma, nothing that
# may qualify both alternatives: *…, whichever is lower, with …*)
_MEASURE_OR = re.compile(
    r"^(?P<first>[^,;]+?[\d%a-z²])\s+or\s+"
    r"(?P<alt>(?:(?:the |a )?(?:documentation|documented|evidence|attestation|confirmation)\b)"
    r"(?![^,;]*\b(?:whichever|both|either|each|all)\b)[^,;]*)$",
    re.I,
)
# words that make what follows a measure one alternative of it (*…, or BMI ≥ 40*, *whichever is lower*)
_ALTERNATIVE = re.compile(r",\s*or\b|;\s*or\b|\bwhichever\b|\botherwise\b", re.I)
# a measure between two bounds, the unit after the second: ``AHI ≥ 5 and ≤ 14 events per hour``, and the words after it
# (*with at least one of the following: …*) the reviewer's
_MEASURE_BAND = re.compile(
    rf"^{_SUBJECT}\s*(?P<op>≥|>=|>)\s*(?P<n>{typer.NUM})\s*(?:and|to)\s*(?P<op2>≤|<=|<)\s*(?P<m>{typer.NUM})"
    r"\s*(?P<unit>%|(?:events|episodes) per hour|(?:beats|breaths) per minute|[A-Za-z/0-9²³µ]+(?:\.\d+\s?m[2²])?)?"
    r"(?P<tail>\s+with\b.+)?$"
)
# a measure's subject after the condition it is of: ``Stable chronic heart failure with left ventricular ejection
# fraction (LVEF)``
_WITH_SUBJECT = re.compile(r"^(?P<before>[A-Za-z].*?)\s+with\s+(?:an?\s+|the\s+)?(?P<what>[A-Za-z].*)$")
# a measured response from baseline: ``Member has experienced ≥ 50% reduction in migraine days per month from
# baseline``, ``Member has had an improvement in FEV1 of ≥ 12% from baseline`` — nothing else after *baseline*
_RESPONSE_WHO = (
    r"^(?:the )?(?:member|patient)(?: has| had| has had| has experienced| experienced| demonstrates| shows)?\s+"
    r"(?:(?:had|experienced)\s+)?(?:an?\s+)?"
)
_RESPONSE = re.compile(
    rf"{_RESPONSE_WHO}(?P<op>≥|>=|at least)\s*(?P<n>{typer.NUM})\s*%\s+"
    r"(?P<dir>reduction|decrease|improvement|increase)\s+in\s+(?P<what>[A-Za-z0-9][A-Za-z0-9 -]{0,60}?)"
    r"\s+(?:from|over|compared (?:to|with)) (?:the )?(?:member's |patient's )?(?:pretreatment )?baseline[;.]?$",
    re.I,
)
# a response defined by a measured change: ``Member is responding positively to therapy as evidenced by ≥ 50%
# reduction in body surface area affected from baseline``
_AS_EVIDENCED = re.compile(
    r"^(?:the )?(?:member|patient)\s+(?:is responding|has responded|has had a (?:positive )?response|"
    r"demonstrates (?:a )?(?:positive )?response)(?: positively)?(?: to (?:the )?(?:therapy|treatment))?,?\s+"
    r"as evidenced by\s+(?:an?\s+)?(?P<by>.+)$",
    re.I,
)
_RESPONSE_OF = re.compile(
    rf"{_RESPONSE_WHO}(?P<dir>reduction|decrease|improvement|increase)\s+in\s+"
    rf"(?P<what>[A-Za-z0-9][A-Za-z0-9 -]{{0,60}}?)\s+of\s+(?P<op>≥|>=|at least)\s*(?P<n>{typer.NUM})\s*%"
    r"\s+(?:from|over|compared (?:to|with)) (?:the )?(?:member's |patient's )?(?:pretreatment )?baseline[;.]?$",
    re.I,
)
# a score on a named scale: ``Member has a pain score ≥ 7 on a 10-point visual analog scale (VAS)``
_SCALE_SCORE = re.compile(
    rf"^(?:the )?(?:member|patient) has an? (?P<what>[a-z][a-z -]{{1,40}}? score)\s*(?P<op>≥|>=|>|≤|<=|<)\s*"
    rf"(?P<n>{typer.NUM}) on an? (?:\d+-point )?[a-z -]{{3,40}}? scale \((?P<scale>[A-Z][A-Za-z0-9-]{{1,8}})\)[;.]?$",
    re.I,
)
# a count the member has per period: ``Member experiences ≥ 4 migraine days per month`` (the measure ``migraine days
# per month``), ``Patient has at least 2 seizures per week`` — nothing else after the period
_COUNT_PER = re.compile(
    rf"^(?:the )?(?:member|patient|individual)(?: currently)? (?:experiences|has|averages|has experienced|has had) "
    rf"(?:(?P<op>≥|>=|>|≤|<=|<|at least|more than|fewer than|less than|no more than|at most) (?P<n>{typer.NUM})"
    rf"|(?P<n2>{typer.NUM}) or more) "
    rf"(?P<what>[a-z][a-z' -]{{0,80}}?) (?:per (?P<period>day|week|month|year)"
    r"|(?P<window>in the (?:past|last|previous) \d+ (?:days|weeks|months|years)))"
    r"(?P<tail> for (?:at least )?\d+ (?:days|weeks|months|years)(?: (?:prior to|before) the request)?"
    r"(?: \([A-Za-z0-9 -]+\))?| (?:while|despite|on|during) [a-z][\w -]{0,60})?$",
    re.I,
)
# the units a request asks for, counted: ``The number of sessions requested does not exceed 36 sessions`` — at most
# that many in ``dose.quantity``
# ``… does not exceed 1 screening per 12 months``: that many per period, ``dose.quantity`` over ``dose.days_supply``
_NUMBER_REQUESTED = re.compile(
    r"^(?:the )?(?:total )?number of (?P<unit>[a-z]+(?: [a-z]+)?) requested (?:does|do|will|must|may|shall) not "
    r"exceed (?P<n>\d+)(?: (?P=unit)| (?P<one>[a-z]+))?"
    r"(?: (?:per|every|in any|in a|within any|within a) (?:(?P<pn>\d+) )?(?P<pu>day|week|month|year)s?)?$",
    re.I,
)
# a measure in words: ``Margin reflex distance 1 (MRD1) of 2 mm or less``, ``Superior visual field loss of at least 12
# degrees or 24 percent on taped versus untaped visual field testing`` (each unit an alternative, the words after it
# the reviewer's)
_MEASURE_WORDS = re.compile(
    rf"^{_SUBJECT} of (?:(?P<least>at least|no less than|a minimum of) )?(?P<n>{typer.NUM})\s*(?P<unit>{_WORD_UNITS})"
    rf"(?: or (?P<m>{typer.NUM})\s*(?P<unit2>{_WORD_UNITS}))?"
    r"(?(least)|(?P<dir> or (?:less|more|greater|fewer)))(?P<tail>\s+(?!or\b)[a-z].*)?$",
    re.I,
)
# a change a measure states (``Improvement in 6-minute walk distance of at least 30 meters``) and the point it is
# counted from (``from the start of the initial program``, ``from baseline``): the change is the measure, its
# baseline no further requirement
_CHANGE = re.compile(r"^(?:an? )?(?:improvement|increase|decrease|reduction|change) (?:in|of) \S", re.I)
_FROM_BASELINE = re.compile(
    r"(?:from|since|over|compared (?:with|to)) (?:the )?(?:baseline|pretreatment|pre-treatment|(?:start|beginning|"
    r"initiation) of (?:the )?(?:initial )?(?:program|therapy|treatment|course|rehabilitation(?: program)?))",
    re.I,
)
# a measure closing a judgment's words: ``… shows mucosal thickening or ostial obstruction …, with a Lund-Mackay score
# ≥ 4``
_WITH_MEASURE = re.compile(
    rf"^(?P<words>.+?),\s+with (?:an? )?{_SUBJECT}\s*(?P<op>≥|>=|>|≤|<=|<)\s*(?P<n>{typer.NUM})"
    r"\s*(?P<unit>%|[A-Za-z/0-9²³µ]+)?$"
)
# an exclusion's item naming drugs alongside by their examples: ``In combination with other biologic drugs (such as
# Skyrizi, Stelara) or targeted synthetic drugs (such as Otezla, Xeljanz)``
_WITH_EXAMPLES = re.compile(
    r"^(?:use )?(?:in combination with|concurrent(?:ly)? (?:use )?with|used with|together with) (?P<what>.+)$", re.I
)
_SUCH_AS = re.compile(r"\((?:such as|e\.g\.,?|including)\s+(?P<names>[^()]+)\)", re.I)
# an exclusion's item refusing every use the policy does not name: ``When the above criteria are not met and for all
# other indications``, ``All other indications``
_OTHER_INDICATIONS = re.compile(
    r"^(?:(?:when|if) the (?:above )?criteria (?:above )?are not met,? (?:and|or) )?(?:for )?all other "
    r"(?:indications|uses|diagnoses)(?: not listed above)?$",
    re.I,
)
# a measure in parentheses defining a judgment's words: ``Member is using the CGM on a daily basis (sensor worn ≥ 70%
# of the time)`` — the share ``sensor worn %`` (*of the time*, *of nights*: what the share is of)
_PAREN_MEASURE = re.compile(
    rf"^(?P<words>[^()]+?)\s*\({_SUBJECT}\s*(?P<op>≥|>=|>|≤|<=|<)\s*(?P<n>{typer.NUM})\s*(?P<unit>%)"
    r"(?: of (?:the )?(?:time|days|nights|doses|weeks))?\)$"
)
# a lab value between two bounds, both in: ``Total serum bilirubin (TSB) between 12 and 18 mg/dL on the most recent
# measurement`` (the value a request gives is its latest: those words ask nothing more); the unit written
_BETWEEN = re.compile(
    rf"^{_SUBJECT}\s+(?:(?:is|are|level|value)\s+)?between\s+(?P<low>{typer.NUM})\s*(?P<unit1>%|[A-Za-z/0-9²³µ]+)?"
    rf"\s+and\s+(?P<high>{typer.NUM})\s*(?P<unit>%|mm\s?Hg|[A-Za-z/0-9²³µ]+(?:\.\d+\s?m[2²])?)"
    r"(?: (?:on|at|from) (?:the )?(?:most recent|latest|last) (?:measurement|test|laboratory test|lab|value|level"
    r"|draw|sample|result)|\s+(?P<tail>(?:on|at|in|during|over)\s+[a-z][^;]*))?$"
)
# a gestational age at birth in words: ``The infant was born at 35 weeks of gestational age or later`` (the measure
# ``gestational age (weeks)`` ≥ 35), ``… born before 37 weeks of gestation`` (< 37)
_BORN = re.compile(
    r"^(?:(?:the )?(?:member|patient|infant|child|newborn|neonate)\s+(?:was|is|must have been)\s+)?born\s+"
    rf"(?:(?P<at>at)\s+(?P<n>{typer.NUM})|(?P<before>before)\s+(?P<m>{typer.NUM}))\s*weeks?"
    r"(?: of gestation(?:al age)?| gestational age| gestation)?(?(at) or (?:later|more|greater)|)$",
    re.I,
)
# "Pretreatment serum total IgE level 30 to 1,500 IU/mL": a range of a lab value (its unit has a slash)
_RANGE = re.compile(
    rf"^{_SUBJECT}\s+(?P<low>{typer.NUM})\s*(?:to|-|–)\s*(?P<high>{typer.NUM})\s*(?P<unit>[A-Za-z0-9³µ]*/[A-Za-z0-9³µ]+)$"
)
# a height or velocity against the mean for age and sex, in standard deviations (a z-score: negative below the mean)
_SD_BELOW = re.compile(
    rf"^(?P<subject>[A-Za-z][A-Za-z0-9 '’-]*?)\s*(?P<op>≥|>=|>|≤|<=|<)\s*(?P<n>[-−]?\s*{typer.NUM})\s*"
    r"(?:standard deviations?(?: \(SDs?\))?|SDs?) below the mean for (?:age and sex|sex and age|age)"
    r"(?P<rest>\s.+)?$",
    re.I,
)
# a bare bound under "… with a risk of febrile neutropenia of one of the following": "≥ 20%", "10% to 20%"
_BOUND = re.compile(
    rf"^(?:(?P<op>≥|>=|>|≤|<=|<)\s*(?P<n>{typer.NUM})|(?P<low>{typer.NUM})\s*%?\s*(?:to|-|–)\s*(?P<high>{typer.NUM}))"
    r"\s*(?P<unit>%|[A-Za-z/0-9³]+)?(?: and (?P<rest>.+))?$"
)
_OF_SUBJECT = re.compile(r"\bwith an? (?P<subject>[a-z][a-z '-]*?) of (?:one|any) of the following\b", re.I)
_RELAXING = re.compile(
    r"\b(?:unless|except|or|higher|greater|more|may|exceed|exceeding|plus|additional|loading)\b", re.I
)


class Lowering:
    """Lowers one policy version: leaves to checks, notes and wordings to guards, tables to constants."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.abbreviations: dict[str, str] = {}
        self.states: dict[str, tuple[bool, str]] = {}
        for appendix in policy.appendices:
            for short, long in appendix.abbreviations:
                self.abbreviations.setdefault(short, long)
            if appendix.states and not self.states:
                self.states = {r.state: (r.prohibited, r.notes) for r in appendix.states}
        # Appendix A's abbreviations are diagnoses the policy names; those its text defines only spell names out
        # (a description's ``non-small cell lung cancer (NSCLC)`` lists no use: a request for it stays unlisted)
        self.listed = dict(self.abbreviations)
        for short, long in _defined_abbreviations(self._texts()):
            self.abbreviations.setdefault(short, long)  # (Appendix A's own expansion wins)
        self.expand = rt.expansions(self.abbreviations)
        self.note_ids: dict[tuple[str, int], str] = {}
        for v in walk(policy):
            if v.kind is NodeKind.NOTE and v.owner is not None:
                self.note_ids[(v.owner, id(v.node))] = v.id
        header = policy.header
        self.own_names = {rt.normalize(n) for n in (header.generic_name, *header.brand_names) if n}
        self.parents: dict[str, tuple[str, Criterion | None]] = {}  # id -> (parent connective, parent criterion)
        self.set_titles: dict[str, str] = {}  # criterion id -> the title of its set
        # the criteria of a set for other uses (``Other diagnoses/indications``): it is for a diagnosis
        # the policy does not list — one it lists is decided by the set that lists it, never rescued here
        self.other_uses: set[str] = set()
        # that set's label-change and requested-use referrals, with the sets of their section: a use one of them
        # lists whole (its diagnosis, age and dose computed true) is no new indication, age or dosing regimen
        self.use_referrals: dict[str, tuple[CriteriaSet, ...]] = {}
        self.initial_sets: list[CriteriaSet] = []  # (the sets of the initial section: what a continued set is for)
        # the statements of exclusions (``body.Role.EXCLUDES``): ``applies`` until attested to be about another service
        self.exclusion_statements: set[str] = set()
        self.exclusion_items: set[str] = set()  # (their items, each a case the statement refuses)
        # the statements of the approving sets: one a request attests tells which the request is about
        self.grant_statements: set[str] = set()
        self.grant_texts: dict[str, str] = {}  # (their texts: the service each names)
        # the diagnoses an approving statement's list of conditions names (``body.listed_conditions``)
        self.conditions_listed: dict[str, str] = {}
        # the diagnoses the policy refuses (``body.Role.REFUSES``): criterion id -> the name as the text writes it
        self.refusals: dict[str, str] = {}
        for section in policy.sections:
            for s in section.sets:
                if role_of(section) is Role.REFUSES:
                    self.refusals.update((c.id, c.text) for c in s.criteria)
                if role_of(section) is Role.MAY_REFUSE:  # (its diagnoses under its statement, as an exclusion's)
                    self.refusals.update((c.id, c.text) for g in s.criteria[1:] for c in g.children)
                if role_of(section) is Role.APPROVES:
                    self.conditions_listed.update(listed_conditions(s))
                    self.conditions_listed.update(block_diagnoses(s))
                    self.grant_statements.update(c.id for c in s.criteria if is_statement(c) and grants(c.text))
                    self.grant_texts.update((c.id, c.text) for c in s.criteria if is_statement(c) and grants(c.text))
                if role_of(section) in (Role.EXCLUDES, Role.MAY_EXCLUDE, Role.MAY_REFUSE) and s.criteria:
                    self.exclusion_statements.add(s.criteria[0].id)
                    self.exclusion_items.update(c.id for c in iter_criteria(s.criteria[1:]) if not c.children)
                if _OTHER_USES.match(s.title):  # (not an off-label set: ``NCCN … (off-label)`` lists its uses)
                    # (not a label change's referral: a new dosing regimen or age is for a listed use too)
                    items = _referral_items(s.criteria)
                    self.other_uses.update(c.id for c in items if not c.children and not _LABEL_CHANGE.search(c.text))
                    peers = tuple(o for o in section.sets if not _OTHER_USES.match(o.title) and not is_referral_set(o))
                    # (a group too: *If this drug has recently undergone a label change …, refer to one of the
                    # following policies (a or b)* — its own condition, not its items, names the change)
                    # (also inside a group: *Member meets one of the following (a or b): a. If this drug has …*)
                    self.use_referrals.update(
                        (c.id, peers)
                        for c in iter_criteria(s.criteria)
                        if _LABEL_CHANGE.search(c.text)
                        and (c in s.criteria or c.children or isinstance(c.fact, ReferralFact))
                    )
                if set_kind(section, s) == "initial" and not _OTHER_USES.match(s.title) and not is_referral_set(s):
                    self.initial_sets.append(s)
                criteria, connective, _ = set_children(s)
                for c in criteria:
                    self._parents(c, connective, None)
                for c in iter_criteria(s.criteria):
                    self.set_titles[c.id] = s.title
        self.drugs = self._drugs()
        self.vocab = Vocabulary(self._diagnoses(), self.drugs, self._diagnosis_check)
        self._typed: dict[str, Typed] = {}
        # criteria read from the dosing table: their attestation stands in for a row not read, and is weighed
        # against the row's limits where they are read (facts and attestation disagreeing: needs-review)
        self.deferred: set[str] = set()
        self._examples: dict[str, frozenset[str]] | None = None  # (``_class_examples``)
        self._alias_of: dict[str, set[str]] = {}  # (``measure_aliases``: each alias with the measures it names)

    def _texts(self) -> list[str]:
        """The policy's prose and criteria, where it may define an abbreviation (``hepatitis C virus (HCV)``)."""
        out = [p.text for p in (*self.policy.description, *self.policy.criteria_intro)]
        for section in self.policy.sections:
            for s in section.sets:
                out.append(s.title)
                out.extend(c.text for c in iter_criteria(s.criteria))
        return out

    def _parents(self, c: Criterion, connective: str, parent: Criterion | None) -> None:
        self.parents[c.id] = (connective, parent)
        for child in c.children:
            self._parents(child, c.connective.value if c.connective else "all", c)

    # --- the policy's vocabulary ---------------------------------------------------------------

    def _drugs(self) -> dict[str, frozenset[str]]:
        """Each drug name the policy uses → every name of that product (brand, generic, biosimilar suffix)."""
        header = self.policy.header
        # the header's names are one product only when it names one brand (a title may list several products)
        names = [n for n in (header.generic_name, *header.brand_names) if n]
        groups: list[set[str]] = [{rt.normalize(n)} for n in names]
        if len(header.brand_names) == 1:
            groups.append({rt.normalize(n) for n in names})
        texts = [
            header.title,
            *(p.text for p in self.policy.description),
            *(p.text for p in self.policy.criteria_intro),
        ]
        for appendix in self.policy.appendices:
            texts.extend(a.drug for a in appendix.alternatives)
        for section in self.policy.sections:  # (*Orilissa (elagolix) may be approved when …*: its product's names)
            for s in section.sets:
                if s.criteria and is_statement(s.criteria[0]) and (m := _STATEMENT_PRODUCT.match(s.criteria[0].text)):
                    texts.append(m.group("what"))
        for text in texts:
            for m in _NAMES.finditer(text):
                if not any(_abbreviation(x) for x in m.group("a", "b")):  # (G-CSF), (SDF-1α): not product names
                    groups.append({rt.normalize(m.group("a")), rt.normalize(m.group("b"))})
            for m in _NECESSARY.finditer(text):
                for name in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", m.group("names")):
                    if _CLEAN_DRUG.match(name.strip(" ®™*")):
                        groups.append({rt.normalize(name.strip(" ®™*"))})
        merged: dict[str, set[str]] = {}
        for group in groups:
            group = {g for g in group if g}
            if not group:
                continue
            joined = set(group)
            for name in group:
                joined |= merged.get(name, set())
            for name in joined:
                merged[name] = joined
        return {name: frozenset(group) for name, group in merged.items()}

    def known_drugs(self) -> frozenset[str]:
        return frozenset(self.drugs)

    def _diagnoses(self) -> frozenset[str]:
        """Every diagnosis the policy names (canonical): diagnosis criteria, their listed types, Appendix A, the
        indications of Section V's dosing table."""
        out: set[str] = set()
        for short, long in self.listed.items():
            out |= {rt.canon(short), rt.canon(long)}
        for text in self.refusals.values():  # (one it refuses is named: decided there, never an unlisted use)
            out |= self._terms(refused_diagnosis(text))
        for row in self.policy.dosing:  # Section V's indications (``AD, adults``: the words before a comma)
            out |= self._terms(_END.sub("", row.indication.partition(",")[0].strip()))
        for c in _all(self.policy):
            said = c.fact.diagnosis if isinstance(c.fact, DiagnosisFact) else None
            if c.fact is None and not c.children:
                said = worded_diagnosis(c.text)
            if said is not None:
                core, rest = _diagnosis_core(said)
                out |= self._terms(core)
                if rest:  # (the whole name as written meets the criterion: a name the policy uses, never unlisted)
                    out |= self._whole_diagnosis(said, core, rest)
                if (either := _EITHER_WAY.match(rest)) is not None:  # (``migraine with aura`` is a name it uses)
                    out |= {t for w in ("with", "without") for t in self._terms(f"{core} {w} {either.group('y')}")}
            parent = self.parents.get(c.id, ("", None))[1]
            if not c.children and parent is not None and _DIAGNOSIS_GROUP.match(parent.text):
                item = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(c.text.split()))))
                out |= self._terms(_diagnosis_core(item)[0])
        return frozenset(out)

    def _whole_diagnosis(self, said: str, core: str, rest: str) -> frozenset[str]:
        """The names a request states a diagnosis criterion whole by, its qualifiers too (``rest``, the words after
        its ``core``): the name as written; with an abbreviation, the words before it or the abbreviation alone
        (``irritable bowel syndrome with diarrhea (IBS-D)``); and ``mild cognitive impairment or mild dementia due
        to Alzheimer's disease``: each alternative with the words after it, whichever alternative the words
        qualify."""
        written = _END.sub("", said.strip())
        whole = {rt.canon(written)}
        if (abbr := _ABBREVIATION.search(written)) is not None:
            whole |= {rt.canon(written[: abbr.start()]), rt.canon(abbr.group("short"))}
        if _SHARED_TAIL.match(rest):
            whole |= {t for v in variants(core) for t in self._terms(f"{v} {rest}")}
        return frozenset(whole)

    def _terms(self, text: str) -> set[str]:
        names = (text, *variants(text))
        m = _ABBREVIATION.search(text)
        if m:
            names += (text[: m.start()], m.group("short"))
        return {rt.canon(t) for t in rt.terms(names, self.expand)}

    def diagnosis_terms(self, text: str) -> frozenset[str]:
        """The canonical terms a diagnosis is matched by (its abbreviation and its expansion, its alternatives)."""
        return frozenset(self._terms(_END.sub("", text.strip())))

    def diagnosis_condition(self, key: str, text: str) -> Check:
        """A diagnosis a line is for: one the policy does not name is unknown there, never false."""
        return self._diagnosis_check(key, text, condition=True)

    def _diagnosis_check(self, key: str, text: str, condition: bool = False) -> Check:
        """``condition``: the diagnosis a conditional criterion is for (``For AML, …``): a diagnosis the policy
        does not name is unknown there (its *false* would lift the criterion), as it is for a class."""
        wanted = frozenset(self._terms(text))
        broad = (
            condition
            or any(word in _CLASS_WORDS for t in wanted for word in t.split())
            or _GENERIC_CLASS.search(text.strip()) is not None
        )
        return Check("diagnosis", (key, wanted, Ref("DIAGNOSES"), broad))

    def heading_condition(self, s: CriteriaSet) -> Check | None:
        """What a set's heading requires besides its criteria: the diagnosis it names (:meth:`heading_diagnosis`)
        and the age band it states (:func:`heading_ages`), both; None when it states neither."""
        # (a coverage statement's own ages are its refusing facts: :meth:`_refusing_facts`)
        # (a name over its criteria given the coverage they grant, ``Adults (18 years of age and older) — ALL of the
        # following — the request is covered when …``: its band is still its age — the words before its connective
        # grant nothing)
        head = _GROUP_HEADING.match(" ".join(s.title.split()))
        ages = () if grants(head.group("head") if head else s.title) else heading_ages(s.title)
        parts = [c for c in (self.heading_diagnosis(s), *ages) if c is not None]
        return all_of(*parts) if parts else None

    def heading_diagnosis(self, s: CriteriaSet) -> Check | None:
        """The diagnosis a set's heading names, as a condition of the set, or None.

        A set with no diagnosis criterion of its own (a continued set ``B. Crohn's Disease``: response, dose) is for
        the indication its heading names only where the text makes that certain: the heading is exactly the
        diagnosis an initial set of the same heading requires (``1. Diagnosis of Crohn's disease (CD);``).  The
        condition is that criterion's check (its id the attestation a reviewer answers for a diagnosis it cannot
        settle); any other heading (a group of uses, a drug, words the policy names nowhere) holds nothing."""
        if not s.criteria or any(self._names_diagnosis(c) for c in iter_criteria(s.criteria)):
            return None
        title = rt.normalize(_END.sub("", s.title))
        wanted = frozenset(self._terms(_END.sub("", s.title.strip())))
        found: list[Check] = []
        same: list[Check] = []  # (plain diagnosis criteria of initial sets of the same heading, whatever its words)
        for section in self.policy.sections:
            for t in section.sets:
                if t is s or rt.normalize(_END.sub("", t.title)) != title or set_kind(section, t) != "initial":
                    continue
                for c in set_children(t)[0]:
                    text = " ".join(c.text.split())
                    worded = worded_diagnosis(text) if c.fact is None and not c.children else None
                    if worded is not None:
                        text = f"Diagnosis of {worded}"
                    elif not isinstance(c.fact, DiagnosisFact) or not text.casefold().startswith("diagnosis of "):
                        continue
                    core, rest = _diagnosis_core(text[len("diagnosis of ") :])
                    if not rest and wanted and wanted <= self._terms(core):
                        found.append(self._diagnosis_check(c.id, core))
                    elif not rest:
                        # (the heading not the diagnosis's words — *Chronic Iron Overload in Non-Transfusion-Dependent
                        # Thalassemia Syndromes* over *1. Diagnosis of non-transfusion-dependent thalassemia (NTDT)*
                        # — yet the same set's heading in both sections: the continued set is for that indication;
                        # a diagnosis with qualifiers, *… confirmed by a dermatologist*, keeps the set a reviewer's)
                        same.append(self._diagnosis_check(c.id, core))
        if not found and len(same) == 1:  # (the one diagnosis the initial set of the same heading requires)
            found = same
        if len(found) != 1:  # (none, or two readings: the heading is not certainly one diagnosis)
            return None
        key, terms, named, broad = found[0].args
        return Check("heading_diagnosis", (key, terms, named, broad))

    def _listed_use(self, peers: tuple[CriteriaSet, ...]) -> Check | None:
        """True when a set of the section lists the request's use: every criterion of it that states a diagnosis,
        an age or a dose computes true — what a label change (*newly approved indication, age expansion, new dosing
        regimen*) or a *requested use (e.g., diagnosis, age, dosing regimen) NOT specifically listed* is about, so
        its referral is not this request's.  A group counts as its connective combines its items (*Dose does not
        exceed one of the following (a or b): a. Age 6 to 11 years: 40 mg …; b. Age ≥ 12 years: 100 mg …*,
        *Diagnosis of one of the following (a or b)*), a conditional as the implication it is (*If request is for a
        dose increase, new dose does not exceed …*); a continued set that names no diagnosis (*All Indications in
        Section I*, or the title of an initial set) has the diagnosis and age of the initial sets it is for.  What
        is not read whole here (a group's own condition, a note, an *at least N*) leaves the referral the
        reviewer's (None when no set counts)."""
        uses: list[Check] = []
        for s in peers:
            read = self._use_parts(s)
            if read is None:
                continue
            parts, names = read
            if not names:
                borrowed = self._initial_uses(s)
                if not borrowed:
                    continue
                parts = [any_of(*borrowed), *parts]
            uses.append(all_of(*parts))
        # (and every requested diagnosis one the policy names: another may be the use the label changed for)
        listed = Check("not_of", parts=(Check("unlisted", (Ref("DIAGNOSES"),)),))
        return all_of(listed, any_of(*uses)) if uses else None

    def _use_parts(self, s: CriteriaSet) -> tuple[list[Check], bool] | None:
        """The checks of the criteria of ``s`` that state a use, and whether one names a diagnosis; None when one
        of them is not read whole."""
        parts: list[Check] = []
        names = False
        for c in s.criteria:
            if not any(self._states_use(d) for d in iter_criteria((c,))):
                continue
            check = self._use_check(c)
            if check is None:
                return None
            names = names or any(k.fn in ("diagnosis", "heading_diagnosis") for k in _flat(check))
            parts.append(check)
        return parts, names

    def _use_check(self, c: Criterion) -> Check | None:
        """A criterion's value as the rules evaluate it from the facts: a group by its connective, a conditional
        as an implication; None for what that is not (a note's guard, a group's own condition the rules do not
        read, *none of*, *at least N*)."""
        guards = self.guards(c)
        conds = self.conditions(c)
        if any(g.record is not None for g in guards) or any(k.fn == "attest" for d in conds for k in _flat(d)):
            return None
        if c.children:
            kids = [self._use_check(k) for k in c.children]
            connective = c.connective.value if c.connective else "all"
            if any(k is None for k in kids) or connective not in ("all", "both", "any"):
                return None
            present = [k for k in kids if k is not None]
            value = any_of(*present) if connective == "any" else all_of(*present)
        else:
            value = self.leaf(c)
        value = all_of(*conds, value) if conds else value
        return any_of(*(g.check for g in guards), value) if guards else value

    def _initial_uses(self, s: CriteriaSet) -> list[Check]:
        """The diagnosis and age an initial set requires, for each initial set a continued set ``s`` naming no
        diagnosis is for: the initial set of the same title, or every one (*All Indications in Section I*)."""
        title = rt.normalize(s.title)
        every = bool(_ALL_INDICATIONS.match(title))
        out: list[Check] = []
        for t in self.initial_sets:
            if not every and rt.normalize(t.title) != title:
                continue
            read = self._use_parts(t)
            if read is None or not read[1]:
                continue
            kept = [p for p in read[0] if {k.fn for k in _flat(p)} & {"diagnosis", "heading_diagnosis", "age"}]
            kept = [p for p in kept if not {k.fn for k in _flat(p)} & {"dose", "quantity", "quantity_in", "weight"}]
            out.append(all_of(*kept))
        return out

    def _states_use(self, c: Criterion) -> bool:
        check = None if c.children else self.leaf(c)
        fns = {k.fn for k in _flat(check)} if check is not None else set()
        if fns & {"step_therapy", "step_stated"}:
            return False  # (*Failure of sumatriptan at up to maximally indicated doses*: the trial's dose, no use)
        return bool(fns & _USE_CHECKS or _USE_WORDS.search(c.text))

    def _names_diagnosis(self, c: Criterion) -> bool:
        """A criterion that states a diagnosis (its fact, its check, its own condition): the set is not blank."""
        if isinstance(c.fact, DiagnosisFact):
            return True
        checks = [*self.conditions(c), *([] if c.children else [self.leaf(c)])]
        return any(k.fn in ("diagnosis", "unlisted") for check in checks for k in _flat(check))

    # --- leaves ---------------------------------------------------------------------------

    def leaf(self, c: Criterion) -> Check:
        return self.typed(c).check

    def typed(self, c: Criterion) -> Typed:
        """The criterion's check; a judgment (``attest``) naming the words no check accounts for."""
        done = self._typed.get(c.id)
        if done is None:
            done = Typed(Check("attest", (c.id,)), "") if c.children else self._type(c)
            if c.id in self.other_uses:
                done = Typed(all_of(Check("unlisted", (Ref("DIAGNOSES"),)), done.check), done.leftover)
            listed = None if c.children else self._listed_use(self.use_referrals.get(c.id, ()))
            if listed is not None:
                done = Typed(all_of(_unless_listed(listed, c.id), done.check), done.leftover)
            self._typed[c.id] = done
        return done

    def step_group(self, c: Criterion | None) -> tuple[re.Match[str], tuple[str, ...]] | None:
        """A group *Trial and failure of at least TWO of the following, unless contraindicated … (a, b, or c):* whose
        count the reader took for its connective: its lead and the statuses its exception accepts."""
        if c is None or not c.children or c.connective is not Connective.ATLEAST:
            return None
        m = _step_count_lead(c.text)
        if m is None or m["list"].strip() or _step_count_n(m) != c.at_least:
            return None
        accepted = _step_statuses(m["exc"])
        return None if accepted is None else (m, accepted)

    def _step_item(self, c: Criterion) -> Typed | None:
        """An item of such a group that names a drug or class alone (*Methotrexate;*, *Kineret® (anakinra);*, *A
        nonsteroidal anti-inflammatory drug (NSAID);*): the step through it with the group's exception."""
        if c.children:
            return None
        group = self.step_group(self.parents.get(c.id, ("", None))[1])
        names = _step_subject(c.text) if group is not None else None
        if group is None or names is None:
            return None
        return Typed(Check("step_count", (1, (names,), group[1])))

    def _none_of_condition(self, c: Criterion) -> str | None:
        """The condition an item of a *none of* list of a member's conditions names (*Patient does NOT have any of
        the following:*), or None: the item a plain name (*Known or suspected* before it set aside), its parent's
        lead-in about the member."""
        parent = self.parents.get(c.id, ("", None))[1]
        if c.children or parent is None or parent.connective is not Connective.NONE:
            return None
        if not _NONE_OF_MEMBER.match(" ".join(parent.text.split())):
            return None
        text = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(c.text.split()))))
        text = _KNOWN_OR_SUSPECTED.sub("", text)
        if not _CONDITION_NAME.fullmatch(text) or len(text.split()) > 8:
            return None
        return text

    def _without_condition(self, c: Criterion, text: str) -> Typed | None:
        """*The member does not have osteoporosis*, *… does NOT have a known or suspected mechanical gastrointestinal
        obstruction*, *… does not have hemoglobin S/beta-thalassemia or alpha-thalassemia* (each a plain name of a
        condition): a requested diagnosis named as written refuses whatever is attested; a close one holds it for
        the reviewer; else the criterion's attestation answers it (the diagnoses a request names are what it is for,
        not every condition the member has)."""
        m = _DOES_NOT_HAVE.match(_END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(text.split())))))
        if m is None:
            return None
        names = [_KNOWN_OR_SUSPECTED.sub("", x.strip()) for x in re.split(r"\s+or\s+|,\s*(?:or\s+)?", m["what"])]
        if not names or not all(_CONDITION_NAME.fullmatch(n) and len(n.split()) <= 8 for n in names):
            return None
        terms = frozenset(
            t for name in names for n in (name, re.sub(r"\s*\([^()]*\)", "", name)) for t in self.diagnosis_terms(n)
        )
        # (the requested diagnoses are what the request is for, not every condition the member has: a condition
        # named refuses whatever is attested, else the criterion's attestation answers it)
        refused = Check("not_of", parts=(Check("refused", (c.id, terms, Ref("DIAGNOSES"))),))
        return Typed(all_of(refused, Check("attest", (c.id,))), "whether the member has the condition")

    def _clauses(self, c: Criterion, text: str) -> Typed | None:
        """A line stating several facts, each a clause naming its subject (*The patient has a diagnosis of IBS-C and
        the patient is 18 years of age or older*), or the member's sex and age in one phrase (*A female member 65 years
        of age or older*): each clause read as a criterion of its own, all of them required; a clause not read (the
        sex, *the requested agent is Linzess 72 mcg*) is the reviewer's (``attestations.<id>``), while the clauses read
        still refuse. None when the line is no such list, or words may make a clause an alternative or a condition
        (*or*, *unless*, *if*)."""
        text = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(text.split()))))
        if _NOT_CONJOINED.search(_COMPARATIVE_OR.sub("", text)):
            return None
        if (sexed := _SEX_AGE.match(text)) is not None:
            age = _age_words(f"Member is {sexed['age']}")
            if age is None:
                return None
            return Typed(all_of(age, Check("attest", (c.id,))), sexed["sex"])
        parts = [p.strip(" ,;") for p in _CLAUSE_SPLIT.split(text)]
        if len(parts) < 2 or not all(parts):
            return None
        checks: list[Check] = []
        leftovers: list[str] = []
        for part in parts:
            part = part[:1].upper() + part[1:]
            _, fact = classify(part)
            typed = self._body(replace(c, text=part, fact=fact), part)
            if typed is None:
                leftovers.append(part)
                continue
            checks.append(typed.check)
            if typed.leftover:
                leftovers.append(typed.leftover)
        if not checks:
            return None
        if leftovers and not any(_reads_own_attestation(x, c.id) for x in checks):
            checks.append(Check("attest", (c.id,)))
        return Typed(all_of(*checks), "; ".join(leftovers))

    def _statement_product(self, text: str) -> Check | None:
        """The product a pharmacy guideline's statement is about when it names the product alone (``Orilissa
        (elagolix) may be approved when …``; ``Target agent(s) will be approved when …``: the products the guideline's
        title names), as a check of the request's ``drug``; None for any other statement (a service, an indication,
        a population: the reviewer's)."""
        m = _STATEMENT_PRODUCT.match(text)
        if m is None:
            return None
        what = _MARKS.sub("", m.group("what")).strip()
        if _TARGET_AGENTS.fullmatch(what):
            header = self.policy.header
            titled = [n for x in _NAMES.finditer(header.title) for n in x.group("a", "b")]
            names = [rt.normalize(n) for n in (*header.brand_names, *titled) if n]
        else:
            pair = re.fullmatch(r"(?P<a>[A-Za-z][\w-]*)(?:\s*\((?P<b>[A-Za-z][\w-]*)\))?", what)
            if pair is None:
                return None
            names = [rt.normalize(n) for n in pair.group("a", "b") if n]
        wanted: set[str] = set()
        for name in names:
            group = self.drugs.get(name)
            if group is None:
                return None
            wanted |= group
        return Check("drug", (frozenset(wanted), Ref("DRUGS"))) if wanted else None

    def _other_services(self, c: Criterion) -> tuple[str, ...]:
        """The other approving statements that name another service than ``c``'s (*replacement of the … pulse
        generator* beside *implantation of a … stimulation system*: neither's words within the other's); a
        request attesting one of them true is about that service, not ``c``'s (:func:`runtime.other_service`)."""
        if c.id not in self.grant_texts or not (mine := subject(c.text)):
            return ()
        return tuple(
            sorted(
                o
                for o, text in self.grant_texts.items()
                if o != c.id and (theirs := subject(text)) and not same_service(mine, theirs)
            )
        )

    def _type(self, c: Criterion) -> Typed:
        if c.id in self.refusals:
            name = refused_diagnosis(" ".join(c.text.split()).rstrip(" ;."))
            # (each name it gives: the whole, and the name and its abbreviation apart — ``… (HoFH)``)
            names = (
                name,
                ABBREVIATION_AFTER.sub("", name),
                *(m.group("abbr") for m in ABBREVIATION_AFTER.finditer(name)),
            )
            terms = frozenset(t for n in dict.fromkeys(names) if n.strip() for t in self.diagnosis_terms(n))
            return Typed(Check("refused", (c.id, terms, Ref("DIAGNOSES"))))
        if c.id in self.conditions_listed:
            name = self.conditions_listed[c.id]
            # (each name it gives: the one before a parenthesis and the one inside it)
            names = (name, re.sub(r"\s*\([^()]*\)", "", name), *re.findall(r"\(([^()]*)\)", name))
            terms = frozenset(t for n in names if n.strip() for t in self.diagnosis_terms(n))
            return Typed(Check("listed_condition", (c.id, terms)))
        if (condition := self._none_of_condition(c)) is not None:
            # (an item of *Patient does NOT have any of the following: a. Breast cancer; OR b. Known or suspected
            # prostate cancer*: the member has it when a requested diagnosis names it, has not when the request
            # names diagnoses none sharing a word of substance with it, else the reviewer's)
            bare = re.sub(r"\s*\([^()]*\)", "", condition)
            terms = frozenset(t for n in (condition, bare) for t in self.diagnosis_terms(n))
            return Typed(Check("listed_condition", (c.id, terms)))
        if (item := self._step_item(c)) is not None:
            return item
        if c.id in self.exclusion_statements:
            return Typed(Check("applies", (c.id,)), "the service the exclusion names")
        if c.id in self.exclusion_items and (item := self._exclusion_item(c)) is not None:
            return item
        if never_approves(c):  # "… is considered not medically necessary": no request is approved by it
            # (a statement that neither grants nor denies: unknown, a person reads it — never a denial)
            return Typed(Check("not_covered" if denies(c.text) else "unread_statement"))
        if is_statement(c):
            # (what a coverage statement requires of the member after its *when* — *… medically necessary … when
            # the member is age 18 years or older and meets one of the following* — refuses it when the request
            # states it and fails: the attestation answers the service, never a fact the request contradicts)
            said = " ".join(c.text.split())
            when = _STATEMENT_WHEN.search(said) if c.id in self.grant_statements else None
            refusing = self._refusing_facts(when.group("rest"), c.id) if when is not None else ()
            # (and whom it names before its *when*: *… devices are considered medically necessary for members 18
            # years of age or older with …*)
            whom = _FOR_WHOM.search(said[: when.start()] if when is not None else said)
            if whom is not None and c.id in self.grant_statements:
                refusing = (*refusing, *self._refusing_facts(whom.group(0), c.id))
            named = _STATED_INDICATION.search(c.text)
            if c.id in self.grant_statements and (product := self._statement_product(said)) is not None:
                # (*Orilissa (elagolix) may be approved when ALL of the following criteria are met*: about the
                # product alone — a request for it is the statement's, the criteria decide the rest)
                return Typed(all_of(*refusing, product))
            if named is not None and not _NOT_AN_INDICATION.search(named.group("what")):
                others = tuple(sorted(self.grant_statements - {c.id}))
                terms = self.diagnosis_terms(named.group("what"))
                check = Check("stated_indication", (c.id, terms, others))
            elif others := self._other_services(c):
                check = Check("other_service", (c.id, others))
            else:
                check = Check("attest", (c.id,))
            return Typed(all_of(*refusing, check), "the service and indication the statement covers")
        if is_structure(c):
            return Typed(Check("attest", (c.id,)), "the nesting of the criteria, inferred from lines without markers")
        if is_limits(c):  # (its text names where the limits are; their quantities and exclusions may be read)
            leftover = "the limits and exclusions written outside the criteria"
            read = limits.limits_check(c.source, self.drugs)
            if read is None:
                return Typed(Check("attest", (c.id,)), leftover)
            # (what the facts decide refuses whatever is attested — the attestation answers the rest of the limits,
            # never a stated quantity: over every row naming the product is denied)
            return Typed(all_of(read, Check("attest", (c.id,))), leftover)
        if isinstance(c.fact, ReferralFact):
            policies = self.referral_policies(c.fact)
            if c.id in self.use_referrals and _UNLISTED_USE.search(c.text) and not _NEW_LABEL.search(c.text):
                # *If the requested use (e.g., diagnosis, …) is NOT specifically listed …, refer to …*: a request
                # whose every diagnosis the policy names nowhere is such a use (the label change before it, if it
                # applies, refers the request as well: referred either way)
                leftover = "whether the referral applies to a request naming a diagnosis the policy names"
                return Typed(Check("unlisted_referral", (c.id, policies, Ref("DIAGNOSES"))), leftover)
            agreed = self._agreed_referral(c)
            if agreed is not None:
                return Typed(Check("group_referral", (c.id, policies, agreed)))
            return Typed(Check("referral", (c.id, policies)))
        text = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(c.text.split()))))
        cond = self.conditional(text, c.id)
        if cond is not None:
            _, rest = cond
            if rest is None:
                return self._judgment(c, text)
            text = rest
        elif re.match(r"^(?:if|for) [^,]+, ", text, re.I):
            return self._judgment(c, text)
        typed = self._body(c, text)
        return typed if typed is not None else self._judgment(c, text)

    def measure(self, subject: str, unit: str | None) -> str:
        """:func:`measure_name`; a subject written with its abbreviation (``body mass index (BMI)``) is named by
        the abbreviation where the policy's other criteria name that measure by it alone (``BMI ≥ 27 kg/m2``):
        one measure, one request key."""
        name = full = measure_name(subject, unit)
        subject = _MEMBER_HAS.sub("", subject.strip())
        abbr = _ABBREVIATED.match(subject.strip())
        if abbr is not None:
            short = measure_name(abbr.group("abbr"), unit)
            if short in self._plain_measures:
                name = short
        if (named := _NAMED_SHORT.match(subject.strip())) is not None:
            # (the names a request may give it by: the words without the abbreviation, the abbreviation in their
            # place — *C1 esterase inhibitor (C1-INH) functional level*: ``c1-inh functional level`` —, and the
            # whole words where the abbreviation alone names it)
            after = named.group("after") or ""
            for alias in (named.group("long") + after, named.group("abbr") + after):
                self._alias_of.setdefault(measure_name(alias, unit), set()).add(name)
            self._alias_of.setdefault(full, set()).add(name)
        return name

    def measure_aliases(self) -> dict[str, str]:
        """The other names of a measure whose criterion writes its abbreviation in parentheses (*Margin reflex
        distance 1 (MRD1) …*: ``margin reflex distance 1 (mm)`` and ``mrd1 (mm)`` for ``margin reflex distance 1
        mrd1 (mm)``): alias → the measure's name; an alias that is another measure's name, or names two, is none."""
        names = self.measures()
        out = {
            alias: next(iter(of))
            for alias, of in sorted(self._alias_of.items())
            if len(of) == 1 and alias not in names and alias not in of
        }
        # (a unit's superscript typed as a digit, as a request keyboard writes it: ``egfr (ml/min/1.73 m2)`` for
        # ``egfr (ml/min/1.73 m²)``, ``bsa (m2)``)
        for name in sorted(names):
            plain = name.translate(_SUPERSCRIPTS)
            if plain != name and plain not in names and plain not in out:
                out[plain] = name
        return dict(sorted(out.items()))

    @functools.cached_property
    def _plain_measures(self) -> frozenset[str]:
        """The measures the policy's criteria name without an abbreviation in parentheses (``BMI ≥ 27 kg/m2``)."""
        out = set()
        for section in self.policy.sections:
            for s in section.sets:
                for c in iter_criteria(s.criteria):
                    text = _END.sub("", " ".join(c.text.split()))
                    m = _MEASURE_BAND.match(text) or _MEASURE.match(text)
                    if m is not None and "(" not in m.group("subject"):
                        out.add(measure_name(m.group("subject"), m.group("unit")))
        return frozenset(out)

    def _judgment(self, c: Criterion, leftover: str) -> Typed:
        """A judgment: its attestation answers it, beside the facts its words state that can only refuse it."""
        text = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(c.text.split()))))
        refusing = self._refusing_facts(text, c.id)
        return Typed(all_of(*refusing, Check("attest", (c.id,))), leftover or c.text)

    def _refusing_facts(self, text: str, key: str) -> tuple[Check, ...]:
        """The facts a judgment's words require of the member that the request may state (*… who is 25 years of age
        or older*, *X is not prescribed concurrently with Ofev*): each a check that refuses when the fact is given
        and fails and holds otherwise (:func:`rt.absent`), so an attestation never answers a fact the request
        contradicts.  Words that may make the fact a condition or one alternative (*if*, *unless*, an *or* that is
        no comparison's) read nothing: the attestation alone answers them."""
        with_drugs = _NOT_WITH.search(text)  # (``not … with A or B``: neither, no alternative)
        plain = _COMPARATIVE_OR.sub("", text[: with_drugs.start("other")] if with_drugs else text)
        if _NOT_REQUIRED.search(plain):
            return ()
        out: list[Check] = []
        if (m := _MEMBER_AGE.search(text)) and (m.group("below") or m.group("least") or m.group("bound")):
            unit = m.group("unit").casefold().rstrip("s") + "s"
            op = "<" if m.group("below") else "≥"
            age = Check("age", (op, typer.number(m.group("value")), unit))
            out.append(any_of(age, Check("absent", ("member.age",))))
        if with_drugs is not None:
            names = self._named_drugs(with_drugs.group("other"))
            if names:
                listed = Check("concurrent", (names, True, key))
                out.append(any_of(listed, Check("absent", ("concurrent",))))
        return tuple(out)

    def _named_drugs(self, text: str) -> frozenset[str]:
        """The drugs a concurrent-use phrase names (its examples, or a plain list of names), the policy's own
        aside; empty when it names a class only."""
        names = {rt.normalize(x) for m in _EXAMPLES.finditer(text) for x in re.split(r",|\bor\b|\band\b", m.group(1))}
        rest = _EXAMPLES.sub("", text).strip(" ;.,")
        pieces = [x.strip() for x in re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", rest) if x.strip()]
        if (
            pieces
            and all(_CLEAN_DRUG.match(x) for x in pieces)
            and not any(cls in typer_singular(rt.normalize(rest)) for cls in DRUG_CLASSES)
        ):
            names.update(rt.normalize(x) for x in pieces)
        return frozenset(n for n in names if n and n not in self.own_names)

    def _per_cycle(self, c: Criterion) -> bool:
        parent = self.parents.get(c.id, ("", None))[1]
        return bool(
            getattr(c.fact, "per_cycle", False) or (parent is not None and _PER_CYCLE_WORDS.search(parent.text))
        )

    def _body(self, c: Criterion, text: str) -> Typed | None:
        """The check of a criterion's text (its condition already taken off), or None for a judgment."""
        if (joined := self._clauses(c, text)) is not None:
            return joined
        fact = c.fact
        if fact is None and text[:1].islower():
            # (the rest of a conditional the reader did not type: *For Medicaid requests, failure of Ubrelvy® …*)
            rest = text[:1].upper() + text[1:]
            _, found = classify(rest)
            if isinstance(found, StepTherapyFact):
                fact, c = found, replace(c, fact=found, text=rest)
        if m := _AGE.match(text):
            op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
            unit = m.group("unit").casefold().rstrip("s") + "s"
            check = Check("age", (op, typer.number(m.group("value")), unit))
            if m.group("weight"):
                band = typer.weight_check(m.group("weight"))
                if band is None:
                    return None
                check = all_of(check, band)
            return Typed(check)
        # (``Age 8 to 17 years and weight < 50 kg: 150 mg SC every 4 weeks``: a dose line, its condition two bands)
        banded = (line := _LINE.match(text)) is not None and typer.bands(line.group("cond")) is not None
        if not banded and (m := _AGE_RANGE.match(text)):
            unit = m.group("unit").casefold().rstrip("s") + "s"
            low, high = typer.number(m.group("low")), typer.number(m.group("high"))
            if low <= high and not _NOT_CONJOINED.search(m.group("rest") or ""):
                ages = all_of(Check("age", ("≥", low, unit)), Check("age", ("<", high + 1, unit)))
                return _and_rest(c, ages, m.group("rest"))  # (``… and BMI ≥ 95th percentile``: the reviewer's)
        if not banded and (m := _AGE_AND.match(text)) and not _NOT_CONJOINED.search(m.group("rest")):
            op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
            unit = m.group("unit").casefold().rstrip("s") + "s"
            age = Check("age", (op, typer.number(m.group("value")), unit))
            rest = m.group("rest")
            if upper := _AGE_UPPER.match(rest):  # ``Age ≥ 1 year and < 18 years``: a band, both ends computed
                upper_op = {"<=": "≤"}.get(upper.group("op"), upper.group("op"))
                upper_unit = upper.group("unit").casefold().rstrip("s") + "s"
                return Typed(all_of(age, Check("age", (upper_op, typer.number(upper.group("value")), upper_unit))))
            bound = _MEASURE.match(rest)
            if (
                bound
                and not bound.group("rest")
                and not bound.group("tail")
                and not bound.group("with")
                and _WITH_SUBJECT.match(bound.group("subject")) is None
                and not re.match(r"^(?:age|weight|dose)\b", rest, re.I)
            ):
                bound_op = {">=": "≥", "<=": "≤"}.get(bound.group("op"), bound.group("op"))
                name = self.measure(bound.group("subject"), bound.group("unit"))
                return Typed(all_of(age, Check("measure", (name, bound_op, typer.number(bound.group("n"))))))
            return _and_rest(c, age, rest)  # (the age decides; the rest is the reviewer's)
        if (worded := _age_words(text)) is not None:
            return Typed(worded)
        for pattern, op in _WEIGHT_WORDS:
            if m := pattern.match(text):
                band = typer.weight_check(f"weight {op} {m.group('value')} kg")
                return Typed(band) if band is not None else None
        for joint in _JOINT.finditer(text):  # ``Member is 6 years of age or older with …``: the age and the words
            worded, rest = _age_words(text[: joint.start()]), text[joint.end() :]
            if worded is not None and not _NOT_CONJOINED.search(rest):
                return _and_rest(c, worded, rest)
        if m := _DOSES_PER.match(text):
            # ``No more than 5 doses per RSV season``: more doses in the course than that is over it; a period that is
            # no course (a season, a year) is the reviewer's beside the count, which still refuses
            count = Check("dose", (None, "", (), None, None, typer.number(m.group("k")), "course"))
            course = re.fullmatch(r"(?:treatment )?course(?: of (?:therapy|treatment))?", m.group("per"), re.I)
            return Typed(count) if course else _and_rest(c, count, f"per {m.group('per')}")
        if fact is None and (phrased := worded_diagnosis(text)) is not None:
            # (*Member has type 1 or type 2 diabetes mellitus*, *Individual has a diagnosis of plaque psoriasis*: the
            # diagnosis, read as *Diagnosis of …* is)
            fact, text = DiagnosisFact("diagnosis", phrased), f"Diagnosis of {phrased}"
        if isinstance(fact, DiagnosisFact) and text.casefold().startswith("diagnosis of "):
            core, rest = _diagnosis_core(text[len("diagnosis of ") :])
            if (either := _EITHER_WAY.match(rest)) is not None:
                # ``migraine with or without aura``: the diagnosis either way, and the bare name — no qualifier left
                y = either.group("y")
                key, wanted, named, broad = self._diagnosis_check(c.id, core).args
                either_way = {t for form in (f"{core} with {y}", f"{core} without {y}") for t in self._terms(form)}
                assert isinstance(wanted, frozenset)
                return Typed(Check("diagnosis", (key, wanted | either_way, named, broad)))
            check = self._diagnosis_check(c.id, core)
            if (other := _OTHER_NAME.fullmatch(rest)) is not None and _condition_name(other["name"]):
                # (*hemophilia A (congenital factor VIII deficiency)*: the parenthesis another name of the diagnosis,
                # no qualifier of it — either name meets the criterion)
                key, wanted, named, broad = check.args
                also = self._diagnosis_check(c.id, other["name"]).args[1]
                assert isinstance(wanted, frozenset) and isinstance(also, frozenset)
                return Typed(Check("diagnosis", (key, wanted | also, named, broad)))
            if rest:
                # a request naming the whole diagnosis as written (``major depressive disorder, severe, …, without
                # psychotic features``) states the qualifiers too; else they are the reviewer's
                whole = self._whole_diagnosis(text[len("diagnosis of ") :], core, rest)
                stated = Check("diagnosis", (c.id, whole, Ref("DIAGNOSES"), False))
                return Typed(any_of(stated, all_of(check, Check("attest", (c.id,)))), rest)
            return Typed(check)
        parent = self.parents.get(c.id, ("", None))[1]
        if (
            parent is not None
            and _DIAGNOSIS_GROUP.match(parent.text)
            and not re.search(r"[:;,(]", _ABBREVIATION.sub("", _END.sub("", text)))
        ):
            # (*Chronic obstructive pulmonary disease (COPD);*: the name and the abbreviation it defines)
            text = _END.sub("", text)
            core, rest = _diagnosis_core(text)  # "Squamous cell carcinoma in a member who never smoked"
            return _and_rest(c, self._diagnosis_check(c.id, core), rest)
        if m := _PRESCRIBER.match(text):
            return self._prescriber(c, m.group("who"))
        if (without := self._without_condition(c, text)) is not None:
            return without
        stepped = fact if isinstance(fact, StepTherapyFact) else None
        if c.fact is None and (m := _HAD_TRIAL.match(text)) and not _STEP_COUNTED.match(m["rest"]):
            # ``Member has had a trial of ezetimibe, unless contraindicated …``: a trial the request states by the
            # same statuses as a failure's (``failed`` is tried; ``not-tried`` refuses; the exception as written)
            _, step_fact = classify("Trial and failure of " + m["rest"])
            if isinstance(step_fact, StepTherapyFact):
                text = "Trial and failure of " + m["rest"]
                c, stepped = replace(c, text=text, fact=step_fact), step_fact
        if c.fact is None and text != c.text and _STEP_WORDS.match(text):
            # a conditional's step (``For Medicaid requests, failure of Repatha, unless contraindicated …``): the
            # step as if it were the whole criterion
            _, step_fact = classify(text[:1].upper() + text[1:])
            if isinstance(step_fact, StepTherapyFact):
                c, stepped = replace(c, text=text, fact=step_fact), step_fact
        if (counted := _step_count(c, text)) is not None:
            return counted
        if stepped is not None:
            return self._step(c, stepped) or _step_in_part(c, stepped, text)
        if isinstance(fact, ConcurrentUseFact):
            return self._concurrent(c, fact, text) or self._alongside(c, _END.sub("", fact.excluded), fact.drug)
        if (m := _NOT_RECEIVING.match(text)) and _drug_list(m["names"]):
            # (*The patient is not receiving another long-acting stimulant concurrently (Vyvanse®, Adderall XR®, …)*:
            # the class by the drugs its parentheses name — those refuse, another drug is the reviewer's)
            excluded = f"{m['other']} (e.g., {m['names']})"
            return self._concurrent(c, ConcurrentUseFact("concurrent-use", "", excluded), text)
        if m := _NOT_CONCURRENT.match(text):  # "Ngenla is not prescribed concurrently with another … (e.g., …)"
            fact = ConcurrentUseFact("concurrent-use", m.group("drug"), m.group("other"))
            return self._concurrent(c, fact, text) or self._alongside(c, m.group("other"), m.group("drug"))
        if m := _MEMBER_NOT_WITH.match(text) or _MEMBER_NOT_ON.match(text):
            # (*The member is not receiving a strong … OATP1B1 inhibitor (e.g., cyclosporine, gemfibrozil)
            # concurrently*, *The patient will NOT be using the requested agent in combination with another GC-C
            # agonist, Amitiza (lubiprostone), …*: the drugs named refuse, none alongside holds)
            return self._alongside(c, m.group("other"), "")
        if m := _USE_OF.match(text):
            members = self._class_members(m.group("cls"))
            return Typed(Check("uses", (members,))) if members else None
        if isinstance(fact, StateExceptionFact) and self.states:
            exact = re.match(
                r"^request is for treatment associated with cancer for a state with regulations against step "
                r"therapy in certain oncology settings(?: \(see appendix [a-z]\))?$",
                text,
                re.I,
            )
            check = Check("state_exception", (Ref("STATES"), c.id))
            notes = "the notes of the member's state in the appendix (the stage or kind of cancer they allow)"
            return Typed(check, notes) if exact else Typed(all_of(check, Check("attest", (c.id,))), text)
        if isinstance(fact, DocumentationFact):
            subject = fact.subject.casefold().replace("’", "'")
            for word, name in _DOCUMENTED:  # ("current body weight (in kg)": the weight, as the request gives it)
                written = rf"(?:the )?(?:member's )?(?:current )?(?:body )?{word}(?: \(in (?:kg|cm|m2|m²)\))?"
                if re.fullmatch(written, subject):
                    return Typed(Check("documented", (name,)))
            return None
        if m := _REQUEST_FOR.match(text):
            named = self.vocab.drug(m.group("what"))
            if named is not None and not m.group("rest"):
                return Typed(named)
        if m := _REQUEST_FOR_LIST.match(text):
            products = [self.vocab.drug(d) for d in re.split(r",\s*(?:or\s+)?|\s+or\s+", m.group("what"))]
            if products and all(p is not None for p in products):
                return Typed(any_of(*(p for p in products if p is not None)))
        subjects = (*self.drugs, "it", "the drug", "the first dose", "administration")
        if (m := _NOT_SOONER.match(text)) and rt.normalize(m.group("subject")) in subjects:
            unit = m.group("unit").casefold().rstrip("s") + "s"
            name = f"{unit} after {rt.normalize(m.group('event'))}"
            return Typed(Check("measure", (name, "≥", typer.number(m.group("n")))))
        if m := _SD_BELOW.match(text):
            return self._sd_below(c, m)
        if (m := _NUMBER_REQUESTED.match(text)) and (m["one"] is None or f"{m['one']}s" == m["unit"].casefold()):
            if m["pu"]:
                period = f"{m['pn']} {m['pu'].casefold()}s" if m["pn"] else m["pu"].casefold()
                return Typed(Check("quantity_in", (int(m.group("n")), period)))
            return Typed(Check("quantity", (int(m.group("n")),)))
        if (evidence := _AS_EVIDENCED.match(text)) is not None:
            # (*Member is responding positively to therapy as evidenced by ≥ 50% reduction in body surface area
            # affected from baseline*: the response is the change the text defines it by)
            said = f"Member has {evidence['by']}"
            if _RESPONSE.match(said) or _RESPONSE_OF.match(said):
                text = said
        if (m := _RESPONSE.match(text) or _RESPONSE_OF.match(text)) is not None:
            # (a measured response, *≥ 50% reduction in migraine days per month from baseline*, *an improvement in
            # FEV1 of ≥ 12% from baseline*: the change given is compared as the text states it; not given, the
            # attestation answers — a reviewer's, never a guess)
            name = measure_name(f"{m.group('dir')} in {m.group('what')}", "%")
            op = {">=": "≥", "at least": "≥"}.get(m.group("op").casefold(), m.group("op"))
            return Typed(Check("measure", (name, op, typer.number(m.group("n")))))
        if (m := _SCALE_SCORE.match(text)) is not None:
            # (*a pain score ≥ 7 on a 10-point visual analog scale (VAS)*: the score on that scale, ``pain score
            # (vas)``)
            op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
            name = measure_name(m.group("what"), m.group("scale"))
            return Typed(Check("measure", (name, op, typer.number(m.group("n")))))
        if m := _COUNT_PER.match(text):
            # (*4 or more migraine days per month for at least 3 months prior to the request*: how long the count
            # has held is the reviewer's)
            said = m.group("op") or ">="
            op = {
                ">=": "≥", "<=": "≤", "at least": "≥", "more than": ">", "fewer than": "<", "less than": "<",
                "no more than": "≤", "at most": "≤",
            }.get(said.casefold(), said)  # fmt: skip
            # (a count in a window, *≥ 3 occurrences of oral ulcers in the past 12 months*, is named with its window:
            # a count over another window is no answer to it)
            per = f"per {m.group('period')}" if m.group("period") else m.group("window")
            name = measure_name(f"{m.group('what')} {per}", None)
            check = Check("measure", (name, op, typer.number(m.group("n") or m.group("n2"))))
            return _refusing_rest(c, check, name, (m.group("tail") or "").strip())
        if (m := _MEASURE_BAND.match(text)) and not re.match(r"^(?:age|weight|dose)\b", text, re.I):
            name = self.measure(m.group("subject"), m.group("unit"))
            ops = [{">=": "≥", "<=": "≤"}.get(m.group(k), m.group(k)) for k in ("op", "op2")]
            band = all_of(
                Check("measure", (name, ops[0], typer.number(m.group("n")))),
                Check("measure", (name, ops[1], typer.number(m.group("m")))),
            )
            tail = (m.group("tail") or "").strip()
            if _RELAXING_AFTER.search(tail.split(":")[0]) or _ALTERNATIVE.search(tail.split(":")[0]):
                return None
            return _refusing_rest(c, band, name, tail)
        if (
            (alt := _MEASURE_OR.match(text))
            and (m := _MEASURE.match(alt["first"]))
            and m["unit"]
            and not (m["tail"] or m["with"] or m["rest"])
            and not re.match(r"^(?:age|weight|dose)\b", text, re.I)
        ):
            # (*HbA1c < 10% or documentation that diabetes mellitus is not present*: the number given and within
            # meets the criterion; else the other alternative is the reviewer's — never refused by the number)
            op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
            check = Check("measure", (self.measure(m.group("subject"), m["unit"]), op, typer.number(m.group("n"))))
            return Typed(any_of(check, Check("attest", (c.id,))), alt["alt"])
        if (m := _MEASURE.match(text)) and not re.match(r"^(?:age|weight|dose)\b", text, re.I):
            op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
            unit, tail = m.group("unit"), (m.group("tail") or "").strip()
            if tail and (not unit or (unit != "%" and "/" not in unit) or _RELAXING.search(tail)):
                return None  # words after a number that is not a lab value or a share, or that may allow more
            subject, before = m.group("subject"), ""
            if (of := _WITH_SUBJECT.match(subject)) is not None:
                # (*Stable chronic heart failure with left ventricular ejection fraction (LVEF) ≤ 35% …*: the measure
                # is the quantity after *with*, the condition before it the reviewer's)
                before, subject = of.group("before"), of.group("what")
                if set(re.findall(r"[a-z]+", before.casefold())) <= set(re.findall(r"[a-z]+", subject.casefold())):
                    before = ""  # (*Dyspnea with a … (mMRC) dyspnea grade ≥ 2*: the grade is of the dyspnea named)
            words = (m.group("with") or "").strip()
            if words and (_RELAXING_AFTER.search(words.split(":")[0]) or _ALTERNATIVE.search(words.split(":")[0])):
                return None  # (*… with X, or …*: the number may be one alternative)
            name = self.measure(subject, unit)
            check = Check("measure", (name, op, typer.number(m.group("n"))))
            if m.group("rest") and not (before or words):
                return _and_rest(c, check, m.group("rest"))
            return _refusing_rest(c, check, name, " ".join(w for w in (before, tail, words) if w))
        if (m := _MEASURE_WORDS.match(text)) and not re.match(r"^(?:age|weight|dose)\b", text, re.I):
            op = "≥" if m.group("least") or m.group("dir").strip().endswith(("more", "greater")) else "≤"
            if m.group("m") is not None and not m.group("least"):
                return None  # (``2 mm or 3 mm or less``: not read)
            bounds = [(m.group("n"), m.group("unit")), *([(m.group("m"), m.group("unit2"))] if m.group("m") else [])]
            tail = (m.group("tail") or "").strip()
            subject = m.group("subject")
            if _CHANGE.match(subject) and _FROM_BASELINE.fullmatch(tail):
                tail = ""  # (*Improvement in 6-minute walk distance of at least 30 meters from the start of …*)
            if correct := re.match(r"^correct\b[\s,]*", tail, re.I):
                # (*a score of 60% or less correct on …*: the share of answers correct, ``score correct %``)
                subject, tail = f"{subject} correct", tail[correct.end() :]
            if tail and (_RELAXING_AFTER.search(tail) or re.search(r"\bor\b", tail, re.I)):
                return None  # (*…, or lack of progress …*: the number is one alternative of a judgment)
            names = [self.measure(subject, _word_unit(u)) for _, u in bounds]
            if len(set(names)) < len(names):
                return None  # (two numbers of one unit: no reading)
            check = any_of(
                *(Check("measure", (n, op, typer.number(v))) for n, (v, _) in zip(names, bounds, strict=True))
            )
            if not tail:
                return Typed(check)
            # (the words after it — *on taped versus untaped visual field testing*, *on room air* — the reviewer's:
            # the numbers given and failing refuse, else the attestation answers the criterion)
            given = any_of(check, *(Check("absent", (f"measures.{n}",)) for n in dict.fromkeys(names)))
            return Typed(all_of(given, Check("attest", (c.id,))), tail)
        if (m := _WITH_MEASURE.match(text)) and not _RELAXING_AFTER.search(m.group("words")):
            op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
            # (a judgment's words with the number they close on: the number given and failing refuses, else the
            # attestation answers the criterion — the reviewer read the CT)
            name = self.measure(m.group("subject"), m.group("unit"))
            measure = Check("measure", (name, op, typer.number(m.group("n"))))
            refusing = any_of(measure, Check("absent", (f"measures.{name}",)))
            return Typed(all_of(refusing, Check("attest", (c.id,))), m.group("words"))
        if (m := _PAREN_MEASURE.match(text)) and not _RELAXING_AFTER.search(m.group("words")):
            op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
            # (the words the parentheses define: the number given and failing refuses, else the attestation answers)
            name = self.measure(m.group("subject"), m.group("unit"))
            measure = Check("measure", (name, op, typer.number(m.group("n"))))
            refusing = any_of(measure, Check("absent", (f"measures.{name}",)))
            return Typed(all_of(refusing, Check("attest", (c.id,))), m.group("words"))
        if m := _BORN.match(text):
            name = measure_name("gestational age", "weeks")
            if m["at"]:
                return Typed(Check("measure", (name, "≥", typer.number(m["n"]))))
            return Typed(Check("measure", (name, "<", typer.number(m["m"]))))
        if (
            (m := _BETWEEN.match(text))
            and m["unit1"] in (None, m["unit"])
            and not re.match(r"^(?:age|weight|dose)\b", text, re.I)
            and typer.number(m["low"]) <= typer.number(m["high"])
        ):
            name = self.measure(m.group("subject"), m.group("unit"))
            low, high = typer.number(m.group("low")), typer.number(m.group("high"))
            band = all_of(Check("measure", (name, "≥", low)), Check("measure", (name, "≤", high)))
            tail = (m["tail"] or "").strip()
            if tail and (_RELAXING_AFTER.search(tail) or re.search(r"\bor\b", tail, re.I)):
                return None  # (*… on two visits, or …*: the band may be one alternative)
            # (*between 130 and 159 mm Hg on at least two separate office visits*: a value outside refuses, the
            # words after it the reviewer's)
            return _refusing_rest(c, band, name, tail)
        if (m := _RANGE.match(text)) and not re.match(r"^(?:age|weight|dose)\b", text, re.I):
            name = self.measure(m.group("subject"), m.group("unit"))
            low, high = typer.number(m.group("low")), typer.number(m.group("high"))
            return Typed(all_of(Check("measure", (name, "≥", low)), Check("measure", (name, "≤", high))))
        parent_subject = _OF_SUBJECT.search(parent.text) if parent is not None else None
        if parent_subject and (m := _BOUND.match(text)):
            name = self.measure(parent_subject.group("subject"), m.group("unit"))
            if m.group("op"):
                op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
                check = Check("measure", (name, op, typer.number(m.group("n"))))
            else:
                low, high = typer.number(m.group("low")), typer.number(m.group("high"))
                check = all_of(Check("measure", (name, "≥", low)), Check("measure", (name, "≤", high)))
            return _and_rest(c, check, m.group("rest"))
        if (ref := dosing.reference(text)) is not None:
            return self._section_v(c, ref)
        return self._dose(c, text)

    def _section_v(self, c: Criterion, ref: dosing.Reference) -> Typed | None:
        """A criterion deferring to the dosing table: the row's limits; its unread words make it a judgment."""
        found = dosing.section_v(self, c.id, ref, self.set_titles.get(c.id, ""))
        if found is None:
            return None
        check, leftover = found
        self.deferred.add(c.id)
        return Typed(check, leftover)

    def _sd_below(self, c: Criterion, m: re.Match[str]) -> Typed | None:
        """``Pretreatment height ≤ -2.0 SD below the mean for age and sex``: a z-score (``… (sd)``) ≤ -2; a positive
        number counts below the mean (``≥ 2 SD below``: ≤ -2); ``≤ 2 SD below`` says no bound and stays a judgment."""
        op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
        n = typer.number(m.group("n"))
        if n > 0:
            flipped = {"≥": "≤", ">": "<"}.get(op)
            if flipped is None:
                return None
            op, n = flipped, -n
        check = Check("measure", (measure_name(m.group("subject"), "SD"), op, n))
        return _and_rest(c, check, (m.group("rest") or "").strip())

    def _dose(self, c: Criterion, text: str) -> Typed | None:
        in_group = self._in_dose_group(c)
        cond: Check | None = None
        if m := _DOSE_LEAD.match(text):
            text = m.group("rest")
        elif (m := _LINE_ANY.match(text)) and (lead := _DOSE_LEAD.match(m.group("rest"))):
            # "Xeljanz: dose does not exceed 10 mg per day (2 tablets per day)": the line's condition, then its limit
            cond = typer.condition(m.group("cond"), c.id, self.vocab)
            if cond is None:
                return Typed(Check("attest", (c.id,)), m.group("cond"))
            text = lead.group("rest")
        elif m := _LINE.match(text):
            cond = typer.condition(m.group("cond"), c.id, self.vocab)
            phase = _PHASE.match(" ".join(m.group("cond").split())) if cond is None and in_group else None
            if cond is None and not (phase and _phase_line(phase, m.group("rest"), self._per_cycle(c))):
                return Typed(Check("attest", (c.id,)), m.group("cond"))
            text = m.group("rest")
        elif (m := _LINE_ANY.match(text)) and (in_group or typer.weight_check(m.group("cond"))):
            # "Weight < 45 kg: weight-based dose per Section V": the condition is read, the rest is the reviewer's
            cond = typer.condition(m.group("cond"), c.id, self.vocab)
            if cond is None:
                return None
            if (ref := dosing.reference(m.group("rest"))) is not None and (typed := self._section_v(c, ref)):
                return Typed(all_of(cond, typed.check), typed.leftover)
            return Typed(all_of(cond, Check("attest", (c.id,))), m.group("rest"))
        elif not (in_group and re.match(rf"^{typer.NUM}\s*(?:mcg|mg|g)\b", text)):
            return None
        if re.match(r"^(?:one|both|all|any|each) of the following", text, re.I):
            return None
        words = read_dose(text, self._per_cycle(c))
        if words is None:
            return None
        extra = words.leftover
        per_days = rt.period_days(words.period) is not None
        if not words.amounts and (words.frequency or words.count is not None or per_days):
            return Typed(Check("attest", (c.id,)), text)  # a quantity over a period the request does not count
        check = typer.dose_checks(words)
        if cond is not None:
            check = all_of(cond, check)
        if extra:
            if words.relaxed or _RELAXING.search(extra):  # words that may allow more than the amounts read
                return Typed(Check("attest", (c.id,)), extra)
            # the words read are limits the text states; what is left can only restrict further
            return Typed(all_of(check, Check("attest", (c.id,))), extra)
        return Typed(check)

    def _in_dose_group(self, c: Criterion) -> bool:
        """Under a ``Dose does not exceed one of the following`` group, directly or through a group inside it
        (``b. Maintenance: one of the following (i, ii or iii):``)."""
        parent = self.parents.get(c.id, ("", None))[1]
        while parent is not None:
            if _DOSE_GROUP.search(parent.text):
                return True
            parent = self.parents.get(parent.id, ("", None))[1]
        return False

    def unsigned_measures(self) -> frozenset[str]:
        """The measures no criterion compares with a negative number: a negative value of one is an input error."""
        compared: dict[str, bool] = {}
        for c in _all(self.policy):
            if not c.children:
                for check in _flat(self.leaf(c)):
                    if check.fn == "measure":
                        name, value = str(check.args[0]), check.args[2]
                        negative = isinstance(value, Decimal) and value < 0
                        compared[name] = compared.get(name, False) or negative
        return frozenset(name for name, signed in compared.items() if not signed)

    def measures(self) -> dict[str, str]:
        """The named numbers the criteria compare (``measures`` of a request), with the text of the first."""
        out: dict[str, str] = {}
        for c in _all(self.policy):
            if not c.children:
                for check in _flat(self.leaf(c)):
                    if check.fn == "measure":
                        out.setdefault(str(check.args[0]), c.text)
        return out

    def _prescriber(self, c: Criterion, who: str) -> Typed:
        stems: list[str] = []
        left: list[str] = []
        qualified: list[str] = []
        for part in re.split(r",\s*(?:or\s+)?|\s+or\s+", who):
            word = part.strip().casefold()
            if q := _CERTIFIED.match(word):
                qualified.append(q.group("what"))
                word = word[q.end() :]
            m = _SPECIALIST.match(word)
            halves = word.removeprefix("an ").removeprefix("a ").split("-")
            if m and "(" not in word:
                stems.append(_stem(m.group("word")))
            elif len(halves) == 2 and all(re.fullmatch(r"[a-z]+(?:ist|ian)", h) for h in halves):
                # (*an obstetrician-gynecologist*: either half names the specialty — ``gynecology`` holds; another
                # spelling, ``OB/GYN``, is the reviewer's, never refused)
                stems.extend(re.sub(r"ian$", "", _stem(h)) for h in halves)
                left.append(part.strip())
            elif word:
                left.append(part.strip())
        if not stems:
            return self._judgment(c, who)
        check = Check("prescriber", (tuple(stems),))
        if qualified:  # (the specialty read refuses; the qualification is the reviewer's)
            if left:
                return self._judgment(c, who)
            return Typed(all_of(check, Check("attest", (c.id,))), ", ".join(dict.fromkeys(qualified)))
        if left:  # another kind of prescriber: matched by the reviewer
            return Typed(any_of(check, Check("attest", (c.id,))), ", ".join(left))
        return Typed(check)

    def _step(self, c: Criterion, fact: StepTherapyFact) -> Typed | None:
        text = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(c.text.split()))))
        m = re.match(
            r"^(?P<req>failure of|member must use|trial and failure of)\s+(?P<drugs>.+?)(?:,\s*unless (?P<exc>.+))?$",
            text,
            re.I,
        )
        if m is None:
            return None
        names = m.group("drugs").replace("®", "").replace("™", "").replace("*", "")
        if m.group("exc") and not _STEP_EXCEPTION.match(m.group("exc").casefold()):
            return None
        # the trial's length and dose (``a ≥ 3 month trial of``, ``for at least 3 months``, ``at up to maximally
        # indicated doses``) are what ``failed`` states; the drug or class is the key (``therapies.methotrexate``)
        drugs = _TRIAL_TAIL.sub("", _TRIAL_HEAD.sub("", names.strip()))
        trial = " ".join(names.strip().replace(drugs, " … ", 1).split()) if drugs != names.strip() else ""
        if (short := _STEP_ABBREVIATION.match(drugs)) and " or " not in drugs and " and " not in drugs:
            # ``a nonsteroidal anti-inflammatory drug (NSAID)``: the class by its abbreviation
            long = _STEP_ARTICLE.sub("", short.group("long"))
            if not _CLEAN_DRUG.match(long):
                return None
            return _trial(c, (short.group("short"),), _accepted(fact), trial)  # (one key: two could disagree)
        pair = None if trial or " or " in drugs or " and " in drugs else _step_subject(drugs)
        if pair is not None and len(pair) == 2:
            # ``Adbry® (tralokinumab)``: the product by its brand or generic name (the two disagreeing: unknown)
            return Typed(Check("step_count", (1, (pair,), _accepted(fact))))
        names = _STEP_ARTICLE.sub("", drugs)
        if trial:
            if not _CLEAN_DRUG.match(names):
                return None
            return _trial(c, (names,), _accepted(fact), trial)
        accepted = _accepted(fact)
        if " and " in names:  # "Failure of Fulphila® and Udenyca®": each of them (a list mixing and/or: a judgment)
            each = [d.strip() for d in names.split(" and ")]
            if "," in names or " or " in names or not all(_CLEAN_DRUG.match(d) for d in each):
                return None
            return Typed(all_of(*(Check("step_therapy", ((d,), accepted)) for d in each)))
        alternatives = [d.strip() for d in re.split(r",\s*(?:or\s+)?|\s+or\s+", names) if d.strip()]
        if not all(_CLEAN_DRUG.match(d) for d in alternatives):
            return None
        return Typed(any_of(*(Check("step_therapy", ((d,), accepted)) for d in alternatives)))

    def _concurrent(self, c: Criterion, fact: ConcurrentUseFact, text: str) -> Typed | None:
        excluded = self._excluded(fact)
        other = _EXAMPLES.sub("", fact.excluded)
        other = _CONCURRENT_SCOPE.sub("", other).strip()
        complete = any(cls in typer_singular(rt.normalize(other)) for cls in DRUG_CLASSES)
        if not complete and not _EXAMPLES.search(fact.excluded):
            listed = _drug_list(other)
            if not listed and (purpose := _FOR_PURPOSE.match(other)) is not None:
                # (``… with Advate®, Eloctate®, or Hemgenix® for routine prophylaxis``: the list, the use it is for
                # said of those drugs — a listed one alongside refuses, none of them holds)
                listed = _drug_list(purpose["list"])
            if listed:  # "… with Xolair®, Nucala®, or Dupixent®": those drugs and no other — the list is the rule
                names = frozenset(n for n in listed if n not in self.own_names | {rt.normalize(fact.drug)})
                if not names:
                    return None
                # (given, the list decides — a named drug refuses whatever is attested; not given, the attestation)
                given = Check("not_of", parts=(Check("absent", ("concurrent",)),))
                refused = Check("concurrent", (names, True, c.id))
                said = all_of(Check("absent", ("concurrent",)), Check("attest", (c.id,)))
                return Typed(any_of(all_of(given, refused), said))
            # "… with other CGRP antagonists used for migraine prevention" (no examples here): the members the
            # policy names for the same class elsewhere (*(e.g., Ajovy®, Emgality®)*), never all of them
            excluded = self._class_examples().get(_class_key(other), frozenset())
        if not excluded:
            return None
        # a class the rules know every member of decides alone; a class known only by its examples cannot clear
        # a drug it does not list (the reviewer's), only refuse one it does
        return Typed(Check("concurrent", (excluded, complete, c.id)))

    def _alongside(self, c: Criterion, other: str, drug: str) -> Typed | None:
        """Drugs the member is not to be on alongside the requested one, written as a list whose items are names
        (``Amitiza (lubiprostone)``: either name), classes (``another GC-C agonist``) or classes with their examples
        (``a strong … inhibitor (e.g., cyclosporine, gemfibrozil)``): a drug the list names refuses whatever is
        attested, ``[]`` holds; when the list holds a class, a drug it does not name is the reviewer's (it may be of
        the class), never cleared — only a list of names alone clears another drug. None when words may make the
        list a condition or an exception (*unless*, *other than*)."""
        other = _CONCURRENT_SCOPE.sub("", _END.sub("", " ".join(other.split()))).strip()
        if not other or _ALONGSIDE_HEDGE.search(other):
            return None
        names: set[str] = set()
        complete = True
        for piece in _top_level_items(other):
            piece = re.sub(r"^(?:an?|the)\s+", "", _MARKS.sub("", piece).strip(" ;.,"), flags=re.I)
            if not piece:
                return None
            listed = _drug_list(piece)
            if listed:
                names.update(listed)
                continue
            complete = False
            for m in _EXAMPLES.finditer(piece):
                names.update(rt.normalize(x) for x in re.split(r",|\bor\b|\band\b", m.group(1)) if x.strip())
            bare = _EXAMPLES.sub("", piece).strip()
            names.update(self._class_members(re.sub(r"^(?:any other|another|other|any)\s+", "", bare, flags=re.I)))
            names.update(self._class_examples().get(_class_key(bare), frozenset()))
        own = self.own_names | {rt.normalize(drug)}
        excluded = frozenset(n for n in names if n and n not in own)
        if complete:
            if not excluded:
                return None
            # (a list of names alone: given, the list decides; not given, the attestation)
            given = Check("not_of", parts=(Check("absent", ("concurrent",)),))
            said = all_of(Check("absent", ("concurrent",)), Check("attest", (c.id,)))
            return Typed(any_of(all_of(given, Check("concurrent", (excluded, True, c.id))), said))
        return Typed(Check("concurrent", (excluded, False, c.id)))

    def _exclusion_item(self, c: Criterion) -> Typed | None:
        """An item of an exclusion (*Requests for Tremfya may not be approved for the following: … II. In combination
        with other biologic drugs (such as Skyrizi, Stelara) …; IV. When the above criteria are not met and for all
        other indications*): use with a drug its examples name, or a use the policy does not name; else None."""
        text = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(c.text.split()))))
        if (m := _WITH_EXAMPLES.match(text)) and (named := _named_drugs(m.group("what"))):
            # (*Concurrent use with deferiprone (Ferriprox)*, *in combination with Samsca or Jynarque*: the drugs it
            # names — one of them alongside, the exclusion holds; none alongside, it does not)
            names = frozenset(n for n in named if n not in self.own_names)
            return Typed(Check("not_of", parts=(Check("concurrent", (names, True, c.id)),))) if names else None
        if m := _WITH_EXAMPLES.match(text):
            names = frozenset(
                n
                for g in _SUCH_AS.finditer(m.group("what"))
                for x in re.split(r",|\bor\b|\band\b", g.group("names"))
                if (n := rt.normalize(x.strip(" ®™*"))) and n not in self.own_names
            )
            if (
                not names
                or _SUCH_AS.sub("", m.group("what")).count("(")
                or _RELAXING_AFTER.search(_SUCH_AS.sub("", m.group("what")))
            ):
                return None
            # (a drug its examples name alongside: the exclusion holds; none alongside: it does not; another drug
            # — perhaps of the class — the reviewer's)
            return Typed(Check("not_of", parts=(Check("concurrent", (names, False, c.id)),)))
        if (m := _USE_FOR_NAME.match(text)) is not None and refused_name(m.group("name")):
            # (*use for opioid-induced constipation*: excluded for a request naming that condition as written)
            terms = frozenset(self.diagnosis_terms(m.group("name")))
            return Typed(Check("refused", (c.id, terms, Ref("DIAGNOSES"))))
        if (m := _USE_IN_AGE.match(text)) is not None:
            # (*use in patients less than 6 years of age*: excluded for a member of that age, not for an older one)
            unit = m.group("unit").casefold().rstrip("s") + "s"
            return Typed(Check("age", ("<", typer.number(m.group("n")), unit)))
        if _OTHER_INDICATIONS.match(text):
            # (*… the above criteria are not met* is the approving sets' failing, decided there)
            return Typed(Check("other_indication", (c.id, Ref("DIAGNOSES"), self._covered_words())))
        return None

    def _covered_words(self) -> frozenset[str]:
        """Every word of the approving sets' titles and criteria, as diagnoses are matched (:func:`runtime.canon`):
        a requested diagnosis sharing none of them is a use the policy does not cover."""
        words: set[str] = set()
        for section in self.policy.sections:
            for s in section.sets:
                if role_of(section) is Role.APPROVES:
                    for text in (s.title, *(c.text for c in iter_criteria(s.criteria))):
                        words.update(re.findall(r"[\w'-]+", rt.canon(text)))
        return frozenset(words)

    def _class_examples(self) -> dict[str, frozenset[str]]:
        """The drugs the policy names as examples of each class a concurrent-use criterion refuses (``other CGRP
        antagonists used for migraine prevention (e.g., Ajovy®, Emgality®)``), by the class's words."""
        if self._examples is None:
            found: dict[str, set[str]] = {}
            for c in _all(self.policy):
                text = _END.sub("", " ".join(c.text.split()))
                m = _NOT_CONCURRENT.match(text) or _CONCURRENT.match(text)
                if m is None or not _EXAMPLES.search(m.group("other")):
                    continue
                key = _class_key(_CONCURRENT_SCOPE.sub("", _EXAMPLES.sub("", m.group("other"))).strip())
                fact = ConcurrentUseFact("concurrent-use", m.group("drug"), m.group("other"))
                if key:
                    found.setdefault(key, set()).update(self._excluded(fact))
            self._examples = {k: frozenset(v) for k, v in found.items()}
        return self._examples

    def _class_members(self, text: str) -> frozenset[str]:
        """The known members of a drug class (``another colony stimulating factor``); the requested drug is not
        counted against itself (the runtime leaves out the request's own ``drug``)."""
        folded = typer_singular(rt.normalize(text))
        for cls, members in DRUG_CLASSES.items():
            if folded == cls:
                return frozenset(members)
        return frozenset()

    # --- conditions ------------------------------------------------------------------------------

    def conditional(self, text: str, key: str) -> tuple[Check | None, str | None] | None:
        """``If request is for X, …`` / ``For X, …``: (the condition's check, the rest); None if not conditional.

        The check is None (and the rest None) when the condition is one the rules cannot read.
        """
        if m := _IF_REQUEST.match(text):
            what = m.group("what").strip()
            if re.fullmatch(r"(?:a |the )?dose increase", what, re.I):
                return Check("increase", ()), m.group("rest")
            check = self.vocab.drug(what)
            return (check, m.group("rest")) if check is not None else (None, None)
        if m := _REQUEST_AND.match(text):
            # "Request is for Neupogen and member meets one of the following": the products' own requirement, as
            # "If request is for Neupogen, …" (a request for another product of the policy is not held to it)
            products = [self.vocab.drug(d) for d in re.split(r",\s*(?:or\s+)?|\s+or\s+", m.group("what"))]
            if products and all(p is not None for p in products):
                return any_of(*(p for p in products if p is not None)), m.group("rest")
        if m := _FOR_BUSINESS.match(text):
            # "For Medicaid requests, failure of Ubrelvy® …": the rest is required of those lines of business only
            lobs = [rt.line_of_business(x) for x in re.split(r",\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+", m["who"])]
            if lobs and all(lobs):
                return Check("business", (frozenset(x for x in lobs if x),)), m.group("rest")
        if (
            (m := _FOR_SCOPE.match(text))
            and _SCOPE_NAME.fullmatch(what := m["what"].strip())
            and len(what.split()) <= 5
        ):
            # "For members with diabetes mellitus, HbA1c < 8% …": the rest is required of that subgroup only — a
            # member of it the request names (or a narrower name: ``type 2 diabetes mellitus``); else the reviewer's
            # (:func:`runtime.scoped`), never lifted by what the request does not name
            return Check("scoped", (key, frozenset(self._terms(what)))), m.group("rest")
        if m := _FOR_AGE.match(text):
            # "In adults (18 years of age or older), a score of …": the rest is required of members of that age only
            age = _age_words((m.group("age") or m.group("age2")).strip())
            return (age, m.group("rest")) if age is not None else (None, None)
        if text[:4].casefold() == "for ":
            # the longest leading list of named diagnoses: "For CRSwNP, EoE, or PN, improvement …"
            for cut in reversed([i for i, ch in enumerate(text) if ch == ","]):
                what, rest = text[4:cut].strip(), text[cut + 1 :].strip()
                if what and rest and typer.diagnosis_named(what, self.vocab):
                    return self._diagnosis_check(key, what, condition=True), rest
        return None

    def guards(self, c: Criterion) -> tuple[Guard, ...]:
        out: list[Guard] = []
        cond = self._own_conditional(c)
        if cond is not None and self._implication(c):
            out.append(Guard(Check("not_of", parts=(cond,)), None))
        for note in c.notes:
            m = _BYPASS.match(" ".join(note.text.casefold().split()))
            if m is None:
                continue
            who = m.group("who").split()
            # the longest state name first ("new york"), the rest names the line of business ("him")
            cut = next((n for n in range(len(who), 0, -1) if " ".join(who[:n]) in US_STATES), 0)
            if not cut:
                continue
            code = US_STATES[" ".join(who[:cut])]
            lob = rt.line_of_business(" ".join(who[cut:])) if who[cut:] else None
            if who[cut:] and lob is None:
                continue
            since = None
            if m.group("date"):
                month, day, year = (int(x) for x in m.group("date").split("/"))
                since = dt.date(year, month, day)
            record = self.note_ids.get((c.id, id(note)))
            if record is not None:
                out.append(Guard(Check("bypass", (code, lob, since)), record))
        return tuple(out)

    def _implication(self, c: Criterion) -> bool:
        return self.parents.get(c.id, ("all", None))[0] in ("all", "both")

    def _own_conditional(self, c: Criterion) -> Check | None:
        """The typed condition of a conditional criterion (``If request is for a dose increase, …``), or None."""
        text = _END.sub("", " ".join(c.text.split()))
        cond = self.conditional(text, c.id)
        return None if cond is None else cond[0]

    def conditions(self, c: Criterion) -> tuple[Check, ...]:
        """A criterion's own condition and-ed with the rest: a group's wording, or a conditional under any-of."""
        cond = self._own_conditional(c)
        if cond is not None:
            return () if self._implication(c) else (cond,)
        if not c.children:
            return ()
        # a label change's referral written as a group (*… refer to one of the following policies (a or b)*): not
        # a request whose use a set of its section lists whole (``_listed_use``), as for a leaf (``typed``)
        listed = self._listed_use(self.use_referrals.get(c.id, ()))
        return self._group_conditions(c) + ((_unless_listed(listed, c.id),) if listed is not None else ())

    def _referral_group(self, c: Criterion) -> bool:
        """``c`` is a label change's or a requested use's referral written as a group of policies (*…, refer to one
        of the following policies (a or b): a. For drugs on the formulary, …; b. For drugs NOT on the formulary,
        …*): each item a referral, none with items of its own."""
        return (
            c.id in self.use_referrals
            and bool(c.children)
            and all(isinstance(d.fact, ReferralFact) and not d.children for d in c.children)
        )

    def _agreed_referral(self, c: Criterion) -> dict[str, str] | None:
        """For an item of a referral group (:meth:`_referral_group`): the policy per line of business that every
        item of the group names alike (the group refers the request there whichever item applies); else None."""
        parent = self.parents.get(c.id, ("", None))[1]
        if parent is None or not self._referral_group(parent):
            return None
        tables = [self.referral_policies(d.fact) for d in parent.children if isinstance(d.fact, ReferralFact)]
        first = tables[0]
        return {lob: p for lob, p in sorted(first.items()) if all(t.get(lob) == p for t in tables[1:])}

    def _group_conditions(self, c: Criterion) -> tuple[Check, ...]:
        text = " ".join(c.text.split())
        if self._referral_group(c) and _UNLISTED_USE.search(text) and not _NEW_LABEL.search(text):
            # (*If the requested use (e.g., diagnosis, …) is NOT specifically listed …, refer to one of the following
            # policies:*: a request naming only diagnoses the policy names nowhere is such a use, as for the leaf)
            return (Check("unlisted_use", (c.id, Ref("DIAGNOSES"))),)
        if m := _REQUEST_FOR.match(text):
            check = self.vocab.drug(m.group("what"))
            if check is not None and m.group("rest") and re.search(r"\bof the following\b", m.group("rest")):
                return (check,)
        if (m := _DIAGNOSIS_AND_GROUP.match(text)) is not None and (phrased := worded_diagnosis(m["cond"])):
            # (*The patient has a diagnosis of chronic idiopathic constipation (CIC) and BOTH of the following:*: the
            # group's own condition is the diagnosis, read as *Diagnosis of …* is when nothing of it is left over)
            said = f"Diagnosis of {phrased}"
            typed = self._body(replace(c, text=said, fact=DiagnosisFact("diagnosis", phrased), children=()), said)
            if typed is not None and typed.computed:
                return (typed.check,)
        if (group := self.step_group(c)) is not None and group[0]["what"].strip(" ,"):
            # (*… at least TWO of the following controller medications, each used for at least 3 months with …*: the
            # words about the trials are the reviewer's, the items still count)
            return (Check("attest", (c.id,)),)
        folded = text.casefold()
        return (Check("attest", (c.id,)),) if any(p.match(folded) for p in _OWN_CONDITION) else ()

    def attestations(self) -> tuple[str, ...]:
        """Every criterion id: any may be attested (a computed one's attestation settles it when facts are absent)."""
        return tuple(c.id for c in _all(self.policy))

    def judged(self) -> frozenset[str]:
        """The ids whose attestation is an answer the rules read (judgments, referrals, state exceptions' notes,
        the unread words of a partly read criterion, untyped own conditions), not weighed against facts."""
        out = set()
        for c in _all(self.policy):
            if c.children:
                if any(k.fn == "attest" for k in self.conditions(c)) and not self.guards(c):
                    out.add(c.id)
            elif never_approves(c):
                out.add(c.id)  # an attestation cannot make a non-coverage statement grant coverage
            elif (
                _reads_own_attestation(self.leaf(c), c.id)
                and c.id not in self.deferred
                and not self.guards(c)
                and not self.conditions(c)
            ):
                out.add(c.id)
        return frozenset(out)

    def settled(self) -> frozenset[str]:
        """The ids whose attestation must be weighed against computed facts (the traced evaluation does that)."""
        return frozenset(self.attestations()) - self.judged()

    def referrals(self) -> dict[str, dict[str, str]]:
        out = {}
        for c in _all(self.policy):
            if isinstance(c.fact, ReferralFact) and not c.children:
                out[c.id] = self.referral_policies(c.fact)
        return out

    def referral_policies(self, fact: ReferralFact) -> dict[str, str]:
        out: dict[str, str] = {}
        for lob, policy in fact.policies:
            canonical = rt.line_of_business(lob)
            if canonical is not None:
                out.setdefault(canonical, policy)
        return out

    def _excluded(self, fact: ConcurrentUseFact) -> frozenset[str]:
        text = fact.excluded
        names: set[str] = set()
        for m in _EXAMPLES.finditer(text):
            names.update(rt.normalize(x) for x in re.split(r",|\bor\b|\band\b", m.group(1)) if x.strip())
        for item in re.split(r",|\bor\b|\band\b", _EXAMPLES.sub("", text)):
            # (a product named beside a class, *Samsca® or a strong CYP3A inhibitor (e.g., …)*: by its name alone)
            plain = item.strip(" ®™*;.")
            if re.fullmatch(
                r"(?!(?:Another|Other|Any|All|The|An?)\b)[A-Z][a-z][\w-]*", plain.replace("®", "").replace("™", "")
            ):
                names.add(rt.normalize(plain.replace("®", "").replace("™", "")))
        folded = typer_singular(rt.normalize(text))
        for cls, members in DRUG_CLASSES.items():
            if cls in folded:
                names.update(members)
        own = self.own_names | {rt.normalize(fact.drug)}
        return frozenset(n for n in names if n and n not in own)

    def durations(self, s: CriteriaSet) -> tuple[rt.DurationRule, ...]:
        out = []
        for d in s.durations:
            lobs = tuple(x for x in (rt.line_of_business(n) for n in d.lines_of_business) if x is not None)
            alternative = "renewal" if d.alternative and "renewal" in d.alternative.casefold() else None
            rule = None
            if d.rule:
                rule = "shorter" if "shorter" in d.rule.casefold() else "longer"
            out.append(rt.DurationRule(lobs, d.amount, d.unit, alternative, rule, d.text))
        return tuple(out)

    def texts(self) -> dict[str, tuple[str, int, int | None]]:
        """Trace texts by id: criteria, sets (their titles) and notes, with line and page."""
        out: dict[str, tuple[str, int, int | None]] = {}
        for v in walk(self.policy):
            node = v.node
            if isinstance(node, Criterion):
                out[v.id] = (node.text, node.span.line, node.span.page)
            elif isinstance(node, CriteriaSet):
                out[v.id] = (node.title, node.span.line, node.span.page)
            elif v.kind is NodeKind.NOTE:
                span = getattr(node, "span", None)
                out[v.id] = (getattr(node, "text", ""), span.line if span else 0, span.page if span else None)
        return out


def _trial(c: Criterion, names: tuple[str, ...], accepted: tuple[str, ...], trial: str) -> Typed:
    """A step through one drug or class (``names``: its names, any of them the request's key); ``trial``, the
    words of its length and dose (``a ≥ 3 month trial of …``), the reviewer's for a failure — no status tells
    them — and nothing to a contraindication or adverse effects, which need no trial."""
    if not trial:
        return Typed(any_of(*(Check("step_therapy", ((d,), accepted)) for d in names)))
    failed = any_of(*(Check("step_therapy", ((d,), ("failed",))) for d in names))
    others = tuple(a for a in accepted if a != "failed")
    if "failed" not in accepted:
        return Typed(any_of(*(Check("step_therapy", ((d,), accepted)) for d in names)))
    tried = all_of(failed, Check("attest", (c.id,)))
    if not others:
        return Typed(tried, trial)
    return Typed(any_of(any_of(*(Check("step_therapy", ((d,), others)) for d in names)), tried), trial)


_STEP_COUNT = re.compile(
    r"^(?:(?:at least|≥|>=)\s*)?(?:an?|one|two|three|four|five|\d+)\s+(?:(?:course|trial|series) of\s+)?", re.I
)
_STEP_DOSES = re.compile(r"\s+at (?:an? |the )?[\w -]*?doses?$", re.I)


def _step_in_part(c: Criterion, fact: StepTherapyFact, text: str) -> Typed | None:
    """A step the typer cannot read whole (``Failure of at least two antiseizure medications at therapeutic
    doses``: a count, a class it does not know) is the reviewer's, but what the request states of its subject
    still refuses it (``not-tried``, by the name ``--schema`` lists or the subject without its count and dose
    words): an attestation never overrides that fact."""
    head = re.match(r"^(?:failure of|member must use|trial and failure of|member has tried)\s+", text, re.I)
    if head is None:
        return None
    body = re.split(r",\s*unless\b", text[head.end() :], maxsplit=1)[0]
    body = re.sub(r"\b(\w+) or more\b", r"at least \1", body.replace("®", "").replace("™", "").replace("*", ""))
    # subjects joined by "and" alone are each required: one refused refuses (a list of alternatives: all of them)
    every = " and " in body and not re.search(r"\bor\b", body, re.I)
    parts = body.split(" and ") if every else re.split(r",\s*(?:or\s+)?|\s+or\s+", body)
    subjects = []
    for part in parts:
        plain = " ".join(part.split())
        core = _STEP_DOSES.sub("", _TRIAL_TAIL.sub("", _STEP_COUNT.sub("", _TRIAL_HEAD.sub("", plain))))
        names = tuple(dict.fromkeys(n for n in (plain, core) if n))
        if names:
            subjects.append(names)
    if not subjects:
        return None
    accepted = _accepted(fact)
    stated = (
        all_of(*(Check("step_stated", ((n,), accepted)) for n in subjects))
        if every
        else Check("step_stated", (tuple(subjects), accepted))
    )
    return Typed(all_of(stated, Check("attest", (c.id,))), text)


# a step through a number of alternatives: ``Trial and failure of at least TWO of the following, unless contraindicated
# or not tolerated: A, B, C`` (the list inline) or ``… (a, b, or c):`` over its items; ``what`` the words between the
# count and the list (``controller medications, each used for at least 3 months …``: the reviewer's)
_STEP_COUNT_LEAD = re.compile(
    r"^(?:(?:the )?(?:member|patient) has (?:had )?)?(?:trial and failure of|failure of|(?:a )?trial of)\s+"
    r"(?:at least )?(?P<n>\d+|one|two|three|four|five) of the following\b(?P<what>[^:]*?)"
    r"(?:,?\s*unless (?P<exc>[^:()]+?))?\s*(?:\([a-z](?:,? (?:or |and )?[a-z])*\))?\s*:\s*(?P<list>.*)$",
    re.I,
)
_STEP_ITEM_PAIR = re.compile(r"^(?P<a>[A-Za-z][\w -]*?)\s*\((?P<b>[A-Za-z][\w -]*)\)$")


def _step_statuses(exception: str | None) -> tuple[str, ...] | None:
    """The statuses a step's exception lets stand for a failure (``unless contraindicated or not tolerated``), or
    None for an exception in other words (the reviewer's)."""
    if not exception:
        return ("failed",)
    if not _STEP_EXCEPTION.match(" ".join(exception.casefold().split())):
        return None
    return _statuses("failure", exception)


def _step_subject(item: str) -> tuple[str, ...] | None:
    """The names a request may give one alternative of a step by: ``Methotrexate``; ``Kineret® (anakinra)`` (brand
    and generic); ``A nonsteroidal anti-inflammatory drug (NSAID)`` (the class and its abbreviation). None for an
    item with words of its own (a dose, a length, a condition): the reviewer's."""
    plain = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", " ".join(item.split()))))
    plain = _STEP_ARTICLE.sub("", plain.replace("®", "").replace("™", "").replace("*", "").strip())
    pair = _STEP_ITEM_PAIR.match(plain)
    names: tuple[str, ...] = (plain,)
    if pair is not None:
        a, b = pair.group("a").strip(), pair.group("b").strip()
        # (the class's abbreviation first: the name a request most likely uses)
        names = (b, a) if b.isupper() else (a, b)
    return names if all(_CLEAN_DRUG.match(n) for n in names) else None


def _step_count_lead(text: str) -> re.Match[str] | None:
    plain = _TRAILING_CONNECTIVE.sub("", " ".join(text.split()).rstrip(" ;."))
    m = _STEP_COUNT_LEAD.match(plain)
    return None if m is None or _step_count_n(m) < 1 else m


def _step_count_n(m: re.Match[str]) -> int:
    word = m["n"].casefold()
    return int(word) if word.isdigit() else typer._NUMBERS[word]


def _step_count(c: Criterion, text: str) -> Typed | None:
    """*Trial and failure of at least TWO of the following, unless contraindicated or not tolerated: A, B, C*: at
    least that many of the alternatives failed (or, as the exception allows, contraindicated or not tolerated) — fewer
    than that many left that the request does not state ``not-tried`` refuses it, whatever is attested; words between
    the count and the list (*… controller medications, each used for at least 3 months with …*) are the reviewer's."""
    m = _step_count_lead(text)
    if m is None or not m["list"].strip():
        return None
    accepted = _step_statuses(m["exc"])
    if accepted is None:
        return None
    items = [x for x in re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", _END.sub("", m["list"])) if x.strip()]
    subjects = [_step_subject(x) for x in items]
    n = _step_count_n(m)
    if len(subjects) < n or any(s is None for s in subjects):
        return None
    check = Check("step_count", (n, tuple(s for s in subjects if s is not None), accepted))
    what = m["what"].strip(" ,")
    return Typed(all_of(check, Check("attest", (c.id,))), what) if what else Typed(check)


def _named_drugs(text: str) -> tuple[str, ...]:
    """The products a list names (``deferiprone (Ferriprox)``, ``Samsca® or Jynarque®``): each item a generic name
    and a brand in parentheses (either way round) or a brand alone, each name normalized; empty when an item is
    anything else (a class, an example list, a therapy that is no product: *phototherapy*)."""
    out: list[str] = []
    plain_text = _END.sub("", text.replace("®", "").replace("™", ""))
    for item in re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", plain_text):
        names: tuple[str, ...]
        plain = " ".join(item.split())
        if not plain or re.match(r"^(?:an?|another|other|any|all|the)\b", plain, re.I):
            return ()
        pair = _STEP_ITEM_PAIR.match(plain)
        if pair is not None:
            names = (pair["a"].strip(), pair["b"].strip())
            if not all(_CLEAN_DRUG.match(n) for n in names) or not any(n[:1].isupper() for n in names):
                return ()
        elif re.fullmatch(r"[A-Z][a-z][\w-]*", plain):
            names = (plain,)
        else:
            return ()
        out.extend(rt.normalize(n) for n in names)
    return tuple(out)


def _unless_listed(listed: Check, key: str) -> Check:
    """A referral's guard: not for a use a set lists whole — unless the reviewer attests that it applies (a use the
    rules cannot tell listed, say a dose line left to the reviewer, is the attestation's to settle)."""
    answered = Check("not_of", parts=(Check("absent", (f"attestations.{key}",)),))
    return any_of(Check("not_of", parts=(listed,)), all_of(answered, Check("attest", (key,))))


def _and_rest(c: Criterion, check: Check, rest: str | None) -> Typed:
    """A check read from the start of a criterion, and-ed with the words after ``and`` for the reviewer."""
    if not rest:
        return Typed(check)
    return Typed(all_of(check, Check("attest", (c.id,))), rest)


def _refusing_rest(c: Criterion, check: Check, name: str, words: str) -> Typed:
    """A measure with words the reviewer's (*… drawn within the past 90 days*, *… with a comorbidity*): the number
    given and failing refuses whatever is attested, else the criterion's attestation answers it (a computed
    criterion's attestation settles it when the fact is absent)."""
    if not words:
        return Typed(check)
    given = any_of(check, Check("absent", (f"measures.{name}",)))
    return Typed(all_of(given, Check("attest", (c.id,))), words)


_JOINT = re.compile(r",? and |,? with ", re.I)


def _age_words(text: str) -> Check | None:
    """An age in words (``Patient is at least 12 years old``), or None."""
    for pattern, op in _AGE_WORDS:
        if m := pattern.match(text):
            unit = m.group("unit").casefold().rstrip("s") + "s"
            return Check("age", (op, typer.number(m.group("value")), unit))
    return None


def _reads_own_attestation(check: Check, key: str) -> bool:
    """The check answers part of its criterion by the criterion's own attestation (a judgment, a referral, a
    state exception's notes, the words a partly read criterion leaves): that attestation is an answer, not a
    second opinion to weigh against the facts."""
    if check.fn in (
        "attest",
        "referral",
        "unlisted_referral",
        "unlisted_use",
        "group_referral",
        "state_exception",
        "stated_indication",
        "listed_condition",
        "other_service",
        "other_indication",
    ):
        return True
    return any(_reads_own_attestation(p, key) for p in check.parts)


def _flat(check: Check) -> list[Check]:
    return [check] if not check.parts else [x for p in check.parts for x in _flat(p)]


# a measure's words with its abbreviation after them (``Margin reflex distance 1 (MRD1)``, ``Hemoglobin A1c (HbA1c)``):
# an abbreviation has two capitals at least
_NAMED_SHORT = re.compile(
    r"^(?P<long>[A-Za-z][\w '’-]*?)\s*\((?P<abbr>(?=(?:[^A-Z)]*[A-Z]){2})[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])\)"
    r"(?P<after>\s+[A-Za-z][\w '’-]*)?$"
)
_ABBREVIATED = re.compile(r"^[A-Za-z][\w '’-]*?\s*\((?P<abbr>[A-Z][A-Z0-9-]*[A-Z0-9])\)$")


_MARKS = re.compile(r"[®™*]")
_CONCURRENT = re.compile(r"^(?P<drug>[\w-]+) will not be prescribed concurrently with (?P<other>.+)$", re.I)


def _drug_list(text: str) -> tuple[str, ...]:
    """The drugs of a plain list of names (``Xolair®, Nucala®, Cinqair®, Fasenra®, or Dupixent®``), else ()."""
    plain = _MARKS.sub("", text).strip(" ;.,")
    pieces = [x.strip() for x in re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", plain) if x.strip()]
    # (a drug and its other name in parentheses, ``L-glutamine (Endari®)``: both names of one listed drug)
    pieces = [name for x in pieces for name in _other_name(x)]
    if not pieces or not all(_CLEAN_DRUG.match(x) for x in pieces):
        return ()
    if any(cls in typer_singular(rt.normalize(plain)) for cls in DRUG_CLASSES):
        return ()
    # (a class by its words, ``other biologics``, ``another TNF blocker``: no list of names)
    if re.search(
        r"\b(?:other|another|any|agents?|drugs?|medications?|therap(?:y|ies)|inhibitors?|blockers?|"
        r"antagonists?|agonists?|products?|biologics?|class(?:es)?)\b",
        plain,
        re.I,
    ):
        return ()
    return tuple(rt.normalize(x) for x in pieces)


def _top_level_items(text: str) -> list[str]:
    """The items of a list written in a sentence (``A, B (b), or C``), split at commas, *or* and *and* outside
    parentheses."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            m = re.match(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", text[i:], re.I)
            if m is not None and m.group(0):
                out.append(text[start:i])
                i += len(m.group(0))
                start = i
                continue
        i += 1
    out.append(text[start:])
    return [x.strip() for x in out if x.strip()]


def _other_name(piece: str) -> tuple[str, ...]:
    """A listed drug's names: ``L-glutamine (Endari)`` is ``L-glutamine`` and ``Endari`` (each a plain name); any
    other piece is itself."""
    m = re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<other>[^()]+)\)", piece)
    if m is None or not _CLEAN_DRUG.match(m["name"].strip()) or not _CLEAN_DRUG.match(m["other"].strip()):
        return (piece,)
    return (m["name"].strip(), m["other"].strip())


def _class_key(text: str) -> str:
    """A refused class by its words: ``other CGRP antagonists used for …`` → ``cgrp antagonist used for …``."""
    words = re.sub(r"^(?:any other|other|another|any)\s+", "", _MARKS.sub("", text).strip(" ;.,"), flags=re.I)
    return typer_singular(rt.normalize(words))


# the words before a measure that name whose it is, not what is measured (*Member has a serum phosphorus level < 2.5
# mg/dL*: the measure ``serum phosphorus level (mg/dl)``)
_MEMBER_HAS = re.compile(
    r"^(?:(?i:(?:the )?(?:member|patient)(?:'s|’s)? has (?:an? )?|(?:the )?(?:member|patient)(?:'s|’s) )"
    r"|documented |(?i:a |an |the ))+"
)


_SUPERSCRIPTS = str.maketrans({"²": "2", "³": "3"})


def measure_name(subject: str, unit: str | None) -> str:
    """The request key of a compared number: its subject's words, then its unit (``anc /mm3``, ``ige iu/ml``)."""
    subject = _MEMBER_HAS.sub("", subject)
    if unit:
        # (one spelling of a unit written with spaces: ``× 109/L`` is ``×10^9/l``, ``mg Fe/g dw`` is ``mg fe/g dw``)
        unit = re.sub(r"^[×x]\s*10\s*(?:\^\s*)?9\s*/\s*l$", "×10^9/l", " ".join(unit.split()), flags=re.I)
    # an apostrophe is a space in a measure's name, as requests have always named it (``investigator s global …``)
    name = rt.normalize(re.sub(r"['’ʼ]", " ", subject))
    # case-folded as the request's names are (``IU/mL`` is matched by ``iu/ml``)
    return f"{name} ({unit.casefold()})" if unit and unit != "%" else (f"{name} %" if unit == "%" else name)


def typer_singular(text: str) -> str:
    """``other colony stimulating factors`` → ``other colony stimulating factor`` (the class names are singular)."""
    return re.sub(r"(?<=\w)s\b", "", text) if text.endswith("s") else text


# a count of doses over a period: ``No more than 5 doses per RSV season``, ``Maximum of 2 doses per course``
_DOSES_PER = re.compile(
    r"^(?:no more than|not more than|not to exceed|does not exceed|maximum of|a maximum of|up to) (?P<k>\d+) doses "
    r"(?:per|in the|in a|for the|during the) (?P<per>[a-z][\w -]*?)$",
    re.I,
)
# a none-of list of the member's conditions: ``Patient does NOT have any of the following:``
_NONE_OF_MEMBER = re.compile(
    r"^(?:the )?(?:patient|member|individual|enrollee|beneficiary|recipient|child|infant|newborn)(?:'s)? "
    r"(?:does not|does NOT|must not) have (?:any|none) of the following\b",
    re.I,
)
_KNOWN_OR_SUSPECTED = re.compile(r"^(?:known or suspected|known|suspected|history of|a history of|active)\s+", re.I)
# a plain name of a condition: words, hyphens, apostrophes, a parenthesis; no number or comparison, no verb
_CONDITION_NAME = re.compile(
    r"(?!.*\b(?:is|are|was|were|has|have|had|who|which|that|within|than|unless|except|if|e\.g)\b)"
    r"[A-Za-z][A-Za-z'’ -]*(?:\s*\([A-Za-z'’ -]+\))?",
    re.I,
)
# what a diagnosis may be with or without (``migraine with or without aura``): the whole rest, one plain phrase
_EITHER_WAY = re.compile(r"^with or without (?P<y>[A-Za-z][\w'’ -]*[\w])$", re.I)


def _word_unit(unit: str) -> str:
    """A unit written in words as a measure names it (``percent`` is ``%``)."""
    if unit.casefold() in ("meters", "metres"):
        return "m"
    return "%" if unit.casefold() in ("percent", "%") else unit.casefold()


# words that may make a closing measure one alternative, or lift it: it reads nothing then
_RELAXING_AFTER = re.compile(r"\b(?:unless|except|if|when|either)\b|\bor\s*$", re.I)


# the member's diagnosis as other payers word it — read as *Diagnosis of …* (the words after it returned):
# *Individual has a diagnosis of X*, *The patient has a confirmed diagnosis of X*, *Documented diagnosis of X*,
# *Member is diagnosed with X*; and, the name a plain one (see ``_NAMED_CONDITION``), *Member has X* and *X
# confirmed by …*
_WHO = r"(?:the\s+)?(?:member|patient|individual|enrollee|beneficiary|recipient|child|person)"
_HOW = r"(?:(?:confirmed|documented|established|definitive|definite|clinical|current)\s+)"
_WORDED_DIAGNOSIS = re.compile(
    rf"^(?:{_WHO}\s+has\s+(?:an?\s+)?{_HOW}?|an?\s+{_HOW}?|{_HOW})diagnosis\s+of\s+(?P<dx>\S.*)$"
    rf"|^{_WHO}\s+(?:is|has\s+been)\s+(?:clinically\s+)?diagnosed\s+with\s+(?P<with>\S.*)$",
    re.I,
)
_HAS = re.compile(rf"^{_WHO}\s+has\s+(?P<dx>\S.*)$", re.I)
_CONFIRMED = re.compile(r"^(?P<dx>[^,;()]+?)\s+(?:confirmed|as evidenced)\s+by\s+\S", re.I)
# a plain name of a disease: words (no article, no preposition, no verb, no *history*, *symptoms* …) closing on a
# word only a disease's name closes on — what *Member has …* states of the member's diagnosis, nothing else
_PLAIN_WORDS = re.compile(
    r"^(?!.*\b(?:a|an|the|no|not|any|of|for|to|from|by|in|on|at|as|after|before|since|within|than|and|and/or|"
    r"failed|tried|received|been|had|history|symptoms?|signs?|risk|evidence|episodes?|attacks?|"
    r"contraindications?|intolerance|response|inadequate|diagnos[ie]s|prognosis|who|that|which)\b)"
    r"[A-Za-z][A-Za-z0-9'’ -]*$",
    re.I,
)
_OPENING_SEVERITY = re.compile(
    r"^(?:mild|moderate|severe|moderately|severely)(?:\s+(?:to|or|and|and/or)\s+(?:mild|moderate|severe))?\s+", re.I
)
_DISEASE_END = re.compile(
    r"(?:itis|osis|iasis|emia|aemia|oma|omas|pathy|plegia|penia|mellitus|disease|disorder|syndrome|cancer|"
    r"leukemia|infection|migraine|migraines|asthma|epilepsy|apnea|gravis|insipidus|hemoglobinuria|"
    r"angioedema|hypertension|urticaria)$",
    re.I,
)


def worded_diagnosis(text: str) -> str | None:
    """The words after *Diagnosis of* that a criterion worded otherwise states (``Member has type 1 or type 2
    diabetes mellitus`` → ``type 1 or type 2 diabetes mellitus``), or None: words that may state anything else
    (*Member has a lower extremity wound due to diabetes*, *Member has failed …*) are no diagnosis."""
    t = " ".join(text.split())
    if (m := _WORDED_DIAGNOSIS.match(t)) is not None:
        return m.group("dx") or m.group("with")
    m = _HAS.match(t) or _CONFIRMED.match(t)
    if m is None:
        return None
    written = m.group("dx") if m.re is _HAS else t
    core, _ = _diagnosis_core(written)
    core = _OPENING_SEVERITY.sub("", core)  # (*moderate to severe plaque psoriasis*: its *to* no preposition)
    plain = core != "" and _PLAIN_WORDS.match(core) is not None and _DISEASE_END.search(core.split()[-1]) is not None
    return written if plain else None


# a parenthesis after a diagnosis that is another name of it (``hemophilia A (congenital factor VIII deficiency)``)
_OTHER_NAME = re.compile(r"\((?P<name>[A-Za-z][^()]*)\)")
_NAME_END = re.compile(r"(?:deficiency|deficiencies)$", re.I)
_NOT_A_NAME = re.compile(
    r"\b(?:mild|moderate|severe|moderately|severely|refractory|relapsed|active|stable|uncontrolled|untreated|"
    r"e\.g|i\.e|such|including|except|excluding|only|type|stage|grade|class|or|with|without)\b",
    re.I,
)


def _condition_name(text: str) -> bool:
    """Whether words in parentheses after a diagnosis are another plain name of a condition (several words, closing
    on a word a disease's name closes on; no severity, course, example or alternative)."""
    words = text.split()
    return (
        len(words) >= 2
        and _PLAIN_WORDS.match(text) is not None
        and _NOT_A_NAME.search(text) is None
        and (_DISEASE_END.search(words[-1]) is not None or _NAME_END.search(words[-1]) is not None)
    )


def _diagnosis_core(text: str) -> tuple[str, str]:
    """``PNH confirmed by flow cytometry`` → (``PNH``, ``confirmed by flow cytometry``); a list item's trailing
    connective (``…; AND``) is no part of the name."""
    text = _END.sub("", _TRAILING_CONNECTIVE.sub("", _END.sub("", text)))
    # (an alternative's abbreviation before the next alternative, ``atherosclerotic cardiovascular disease (ASCVD) or
    # type 2 diabetes mellitus``: the name's, no qualifier — kept as another name of that alternative, since a
    # request may give the abbreviation the criterion itself defines, with no definitions section to expand it)
    text = _ALTERNATIVE_SHORT.sub(lambda m: " or " + m.group(0).strip()[1:-1], text)
    if _DIAGNOSIS_LIST.match(text) and not _QUALIFIER.search(re.sub(r",\s*", " ", text)):
        return text, ""  # "inflammatory arthritis, avascular necrosis, or post-traumatic arthritis": alternatives
    m = _QUALIFIER.search(text)
    if m is None:
        return text, ""
    return text[: m.start()].strip(), text[m.start() :].strip(" ,;")


_DEFINED = re.compile(r"(?P<before>[A-Za-z][\w' -]*?)\s*\((?P<short>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\)")
# what ``_DEFINED`` matches, found from its end: the bracketed abbreviation, then the words before it (the lazy
# pattern tried every letter of every run of words against every place after it: a fifth of a rule module's time)
_SHORT = re.compile(r"\((?P<short>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\)")
_BEFORE_CHAR = re.compile(r"[\w' -]")


def _defined_abbreviations(texts: list[str]) -> list[tuple[str, str]]:
    r"""``hepatitis C virus (HCV)`` → (``HCV``, ``hepatitis C virus``): an abbreviation the text defines, its long
    form the words just before it whose initials spell it (words that do not are no definition of it).

    Each match of ``_DEFINED``, found without its lazy scan (``tests/test_rules_abbreviations.py`` holds the two
    equal): the ``before`` of a bracketed abbreviation is the run of ``[\w' -]`` characters that ends where only
    whitespace is left before the bracket, from the run's first ASCII letter (none: no match)."""
    out = []
    for text in texts:
        if "(" not in text:
            continue
        for m in _SHORT.finditer(text):
            end = m.start()
            while end and text[end - 1].isspace():
                end -= 1
            start = end
            while start and _BEFORE_CHAR.match(text[start - 1]):
                start -= 1
            first = next((i for i in range(start, end) if text[i].isascii() and text[i].isalpha()), None)
            if first is None:
                continue
            before, short = text[first:end], m.group("short")
            letters = [ch.casefold() for ch in short if ch.isalpha()]
            words = re.split(r"[\s-]+", before.strip())
            if len(words) >= len(letters) > 1:
                long = words[-len(letters) :]
                # (``w[:1]``: a word may be empty, ``anti- (AB)``, and is then no initial)
                if [w[:1].casefold() for w in long] == letters:
                    out.append((short, before[before.rfind(long[0]) :].strip()))
    return out


def _all(policy: Policy) -> list[Criterion]:
    return [c for sec in policy.sections for s in sec.sets for c in iter_criteria(s.criteria)]


def _abbreviation(word: str) -> bool:
    """``AML``, ``G-CSF``, ``SDF-1α``: capitals before any hyphen or digit (a product name is not written so)."""
    return word.isupper() or re.match(r"^[A-Z]{2,}[-\d]", word) is not None


def _stem(specialty: str) -> str:
    """``oncologist`` → ``oncolog`` (matches *oncology*); ``infectious disease specialist`` → ``infectious disease``."""
    text = re.sub(r" (?:specialist|physician)$", "", rt.normalize(specialty))
    return re.sub(r"(?:ists?|ies|y)$", "", text)


def _accepted(fact: StepTherapyFact) -> tuple[str, ...]:
    """The therapy statuses that satisfy a step-therapy criterion, from its requirement and its exception."""
    return _statuses(fact.requirement, fact.exception)


def _statuses(requirement: str, exception: str | None) -> tuple[str, ...]:
    out = [] if requirement.casefold() == "must use" else ["failed"]
    exception = (exception or "").casefold()
    if "contraindicat" in exception:
        out.append("contraindicated")
    if "adverse" in exception or "intoleran" in exception or "not tolerated" in exception:
        out.append("adverse-effects")
    return tuple(out)


def regions_unread(policy: Policy, unread: tuple[str, ...]) -> tuple[str, ...]:
    """``unread`` (the regions the store's reading of a version left unread), else one line per region the policy
    itself carries (:attr:`Policy.unread_regions`, a tree ``parse --recover`` gave): a tree read in part decides
    nothing alone whoever hands it over.  A region the tree carries is taken to lie among the criteria (its place
    is not re-derived here): approvals and denials alike are held for a reviewer."""
    if unread or not policy.unread_regions:
        return unread
    return tuple(
        f"line {r.span.line}: {r.expected or 'a region not read'} ({rt.IN_CRITERIA}, as far as this reading knows)"
        for r in policy.unread_regions
    )
