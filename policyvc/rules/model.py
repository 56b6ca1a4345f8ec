"""What each criterion computes: the AST's typed facts lowered to runtime checks with parsed literal arguments.

Shared by the generator (which renders the checks as code) and the interpreter (which calls them directly), so
both read a criterion the same way; the structure above the leaves (connectives, guards, sets, sections) each
walks on its own.  Nothing here knows a particular policy: a check comes from a fact's type, a guard from a
wording of the family (``If request is for a dose increase, …``, ``For Illinois HIM requests, the step therapy
requirements below do not apply as of 1/1/2026 per …``), and every criterion the runtime cannot compute is an
attestation keyed by its id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from policyvc.history.terms import STATES
from policyvc.parser.nodes import (
    AgeFact,
    ConcurrentUseFact,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    DiagnosisFact,
    DocumentationFact,
    Dose,
    DoseLimitFact,
    Policy,
    PrescriberFact,
    ReferralFact,
    StateExceptionFact,
    StepTherapyFact,
    WeightBandFact,
    iter_criteria,
)
from policyvc.parser.walk import NodeKind, walk
from policyvc.rules import runtime as rt

Value = str | int | bool | Decimal | dt.date | None | tuple["Arg", ...] | frozenset[str] | Mapping[str, "Arg"]


@dataclass(frozen=True, slots=True)
class Ref:
    """An argument that names a module constant (the state table), not a literal."""

    name: str


Arg = Value | Ref


@dataclass(frozen=True, slots=True)
class Check:
    """One call of a runtime check: its function name and literal arguments (the facts object comes first)."""

    fn: str
    args: tuple[Arg, ...]


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
    "documented", "not_increase", "request_kind", "dose_limit", "weight_band", "referral",
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
_INCREASE = re.compile(r"^if (?:the )?request is for a dose increase\b")
# a group's own condition besides its children: "Prescribed in combination with Unituxin and one of the following",
# "If this drug has recently undergone a label change …, refer to one of the following", "For neuroblastoma, …"
_OWN_CONDITION = (
    re.compile(r"^(?!if (?:the )?request is for a dose increase)if [^,]+, "),
    re.compile(r"^for [^,]+, "),
    re.compile(r"^.+? and (?:one|both|all|each|any|at least \w+) of the following"),
)
_EXAMPLES = re.compile(r"\(e\.g\.,?\s*([^)]*)\)")
_DOCUMENTED = (("weight", "member.weight_kg"), ("height", "member.height_cm"), ("body surface", "member.bsa_m2"))
_LEADING_OR = re.compile(r"^(\w+) or (\w+) (.+)$")


def number(value: float | int | str) -> Decimal:
    """A number of the policy as a Decimal, integral ones without a fraction (``55.0`` → ``Decimal('55')``)."""
    d = Decimal(str(value))
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def section_kind(section: CriteriaSection) -> str | None:
    """``initial`` or ``continued`` from a section's title; None for a section that approves nothing."""
    title = section.title.casefold()
    if "initial" in title:
        return "initial"
    if any(w in title for w in ("continu", "renewal", "reauthori")):
        return "continued"
    return None


def set_children(s: CriteriaSet) -> tuple[tuple[Criterion, ...], str, int]:
    """The criteria a set combines, its connective and N: ``(must meet 1 or 2)`` names some of them."""
    rule = s.rule
    connective = rule.connective.value if rule else "all"
    criteria = s.criteria
    if rule and rule.of:
        criteria = tuple(c for c in s.criteria if c.marker.rstrip(".") in rule.of)
    return criteria, connective, 1


def is_referral_set(s: CriteriaSet) -> bool:
    return any(isinstance(c.fact, ReferralFact) for c in iter_criteria(s.criteria))


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
        self.note_ids: dict[tuple[str, int], str] = {}
        for v in walk(policy):
            if v.kind is NodeKind.NOTE and v.owner is not None:
                self.note_ids[(v.owner, id(v.node))] = v.id
        header = policy.header
        self.own_names = {rt.normalize(n) for n in (header.generic_name, *header.brand_names) if n}

    # --- leaves ---------------------------------------------------------------------------

    def leaf(self, c: Criterion) -> Check:
        fact = c.fact
        if isinstance(fact, AgeFact):
            return Check("age", (fact.op, number(fact.value), fact.unit))
        if isinstance(fact, DiagnosisFact):
            return Check("diagnosis", (rt.terms(_variants(fact.diagnosis), rt.expansions(self.abbreviations)),))
        if isinstance(fact, PrescriberFact):
            return Check("prescriber", (tuple(_stem(s) for s in fact.specialties),))
        if isinstance(fact, StepTherapyFact):
            return Check("step_therapy", (fact.drugs, _accepted(fact)))
        if isinstance(fact, ConcurrentUseFact):
            return Check("concurrent", (self._excluded(fact),))
        if isinstance(fact, StateExceptionFact) and self.states:
            return Check("state_exception", (Ref("STATES"),))
        if isinstance(fact, DoseLimitFact) and _mcg(fact.dose):
            return Check("dose_limit", _dose_args(fact.dose, fact.per_cycle))
        if isinstance(fact, WeightBandFact) and _mcg(fact.dose):
            low = None if fact.low is None else number(fact.low)
            high = None if fact.high is None else number(fact.high)
            return Check(
                "weight_band", (low, fact.low_inclusive, high, fact.high_inclusive, *_dose_args(fact.dose, True))
            )
        if isinstance(fact, DocumentationFact):
            subject = fact.subject.casefold()
            for word, name in _DOCUMENTED:
                if word in subject:
                    return Check("documented", (name,))
        if isinstance(fact, ReferralFact):
            return Check("referral", (c.id, self.referral_policies(fact)))
        return Check("attest", (c.id,))

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
        folded = rt.normalize(text)
        for cls, members in DRUG_CLASSES.items():
            if cls in folded:
                names.update(members)
        own = self.own_names | {rt.normalize(fact.drug)}
        return frozenset(n for n in names if n and n not in own)

    # --- guards ------------------------------------------------------------------------------

    def guards(self, c: Criterion) -> tuple[Guard, ...]:
        out: list[Guard] = []
        if _INCREASE.match(c.text.casefold()):
            out.append(Guard(Check("not_increase", ()), None))
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

    def conditions(self, c: Criterion) -> tuple[Check, ...]:
        """A group's own condition (and-ed with its children), answered by attestation under the group's id."""
        if not c.children:
            return ()
        text = " ".join(c.text.casefold().split())
        return (Check("attest", (c.id,)),) if any(p.match(text) for p in _OWN_CONDITION) else ()

    def attestations(self) -> tuple[str, ...]:
        """The ids a reviewer answers: every leaf the runtime cannot compute, every referral, own conditions."""
        out = []
        for section in self.policy.sections:
            for s in section.sets:
                for c in iter_criteria(s.criteria):
                    asked = bool(self.conditions(c)) if c.children else self.leaf(c).fn in ("attest", "referral")
                    if asked:
                        out.append(c.id)
        return tuple(out)

    def referrals(self) -> dict[str, dict[str, str]]:
        out = {}
        for c in _all(self.policy):
            if isinstance(c.fact, ReferralFact) and not c.children:
                out[c.id] = self.referral_policies(c.fact)
        return out

    def durations(self, s: CriteriaSet) -> tuple[rt.DurationSpec, ...]:
        out = []
        for d in s.durations:
            lobs = tuple(x for x in (rt.line_of_business(n) for n in d.lines_of_business) if x is not None)
            alternative = "renewal" if d.alternative and "renewal" in d.alternative.casefold() else None
            rule = None
            if d.rule:
                rule = "shorter" if "shorter" in d.rule.casefold() else "longer"
            out.append((lobs, d.amount, d.unit, alternative, rule, d.text))
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


def _all(policy: Policy) -> list[Criterion]:
    return [c for sec in policy.sections for s in sec.sets for c in iter_criteria(s.criteria)]


def _variants(diagnosis: str) -> tuple[str, ...]:
    """``relapsed or refractory high-risk neuroblastoma`` also stands for each alternative alone."""
    m = _LEADING_OR.match(diagnosis)
    if not m:
        return (diagnosis,)
    return (diagnosis, f"{m.group(1)} {m.group(3)}", f"{m.group(2)} {m.group(3)}")


def _stem(specialty: str) -> str:
    return re.sub(r"(?:ists?|ies|y)$", "", rt.normalize(specialty))


def _accepted(fact: StepTherapyFact) -> tuple[str, ...]:
    """The therapy statuses that satisfy a step-therapy criterion, from its requirement and its exception."""
    out = [] if fact.requirement.casefold() == "must use" else ["failed"]
    exception = (fact.exception or "").casefold()
    if "contraindicat" in exception:
        out.append("contraindicated")
    if "adverse" in exception or "intoleran" in exception:
        out.append("adverse-effects")
    return tuple(out)


def _mcg(dose: Dose) -> bool:
    return dose.unit in ("mcg", "mg") and dose.per in (None, "m²", "kg")


def _dose_args(dose: Dose, counted: bool) -> tuple[Arg, ...]:
    amount = number(dose.amount) * (1000 if dose.unit == "mg" else 1)
    per = {"m²": "m2", "kg": "kg"}.get(dose.per or "", "")
    frequency = None
    if dose.frequency:
        frequency = {"daily": "daily", "once daily": "daily", "qd": "daily"}.get(
            rt.normalize(dose.frequency), rt.normalize(dose.frequency)
        )
    count = dose.count if counted or dose.count is not None else None
    return (amount, per, tuple(dose.routes), frequency, count)
