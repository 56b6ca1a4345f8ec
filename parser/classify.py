"""Recognise what a criterion asks for, where its wording follows the family's phrasing.

Each recogniser matches one documented phrasing and returns a typed fact; text
that no recogniser knows stays a plain ``judgment`` criterion (a person decides).
The criterion's own text is never changed here.
"""

from __future__ import annotations

import re

from policyvc.lazy_re import lazy
from policyvc.parser.nodes import (
    AgeFact,
    ConcurrentUseFact,
    CriterionType,
    DiagnosisFact,
    DocumentationFact,
    Dose,
    DoseLimitFact,
    Fact,
    GuidelineFact,
    PrescriberFact,
    ReferralFact,
    StateExceptionFact,
    StepTherapyFact,
    WeightBandFact,
)

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = r"(?:mcg|mg|g|units?|IU|mL|mcL|ng)"
_PER = r"(?:/(?:m²|m2|kg|day|dose|week|mL))*"
_ROUTE = r"(?:IV|SC|SQ|IM|PO|subcutaneously|intravenously|orally)"
_FREQ = (
    r"(?:once |twice )?(?:daily|weekly|monthly|every \d+ (?:days|weeks|months|hours)|per day|per week"
    r"|QD|BID|TID|QID|QW|Q2W|Q4W)"
)
DOSE_RE = lazy(
    rf"(?P<amount>{_NUM})\s*(?P<unit>{_UNIT})(?P<per>{_PER})"
    rf"(?:\s+(?P<routes>{_ROUTE}(?:(?:\s+or\s+|\s*/\s*|,\s*){_ROUTE})*))?"
    rf"(?:\s+(?P<freq>{_FREQ}))?"
    rf"(?:\s+for\s+(?P<count>\d+)\s+doses?)?"
    rf"(?P<rest>[^;.]*)"
)
_AGE = lazy(
    r"^Age\s*(?P<op>≥|>=|>|≤|<=|<|=)\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>years?|months?|weeks?|days?)\b", re.I
)
_WEIGHT = lazy(
    rf"^Weight\s*(?:(?P<op>≥|>=|>|≤|<=|<)\s*(?P<bound>{_NUM})\s*kg"
    rf"|(?P<low>{_NUM})\s*(?:kg\s*)?(?:to|-|–)\s*(?P<high>{_NUM})\s*kg)\s*:\s*(?P<dose>.+)$"
)
_DOSE_LIMIT = lazy(r"(?:^|, )(?:(?:[Nn]ew )?[Dd]ose|Request) does not exceed (?P<dose>.+)$")
_PRESCRIBER = lazy(r"^Prescribed by or in consultation with (?:an? )?(?P<who>.+?)[;.]?$")
_DIAGNOSIS = lazy(r"^Diagnosis of (?P<dx>.+?)[;.]?$")
_STEP = lazy(
    r"^(?P<req>Failure of|Member must use|Trial and failure of|Member has tried)\s+(?P<drugs>.+?)"
    r"(?:,\s*unless (?P<exc>.+?))?[;.]?\*?$"
)
_CONCURRENT = lazy(r"^(?P<drug>\w[\w-]*) will not be prescribed concurrently with (?P<other>.+?)[;.]?$")
_DOCUMENTATION = lazy(r"^Documentation of (?P<what>.+?)[;.]?$")
_STATE = lazy(r"for a State with regulations against step therapy.*?(?:Appendix (?P<app>[A-Z]))?", re.I)
_GUIDELINE = lazy(
    r"^(?P<subject>(?:New )?[Dd]ose|Use|Request) is supported by practice guidelines or peer-reviewed literature"
)
_REFERRAL = lazy(
    r"\b(?P<policy>(?:CP|HIM|CC)\.[A-Z]+\.\d+[A-Z]?)\s+for\s+(?P<lob>[A-Za-z][A-Za-z ]*?)(?=,|;| and |\.|$)"
)
_PER_CYCLE = lazy(r"\b(?:for each|per) (?:treatment )?cycle\b", re.I)


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def parse_dose(text: str) -> Dose | None:
    """Read ``250 mcg/m² IV or SC daily for 5 doses …`` into a :class:`Dose`."""
    m = DOSE_RE.search(text)
    if not m:
        return None
    per = m.group("per").lstrip("/").replace("m2", "m²") or None
    routes = tuple(
        r.upper() if len(r) <= 2 else r for r in re.split(r"\s+or\s+|\s*/\s*|,\s*", m.group("routes") or "") if r
    )
    rest = (m.group("rest") or "").strip(" ,;.*") or None
    count = m.group("count")
    return Dose(
        amount=_number(m.group("amount")),
        unit=m.group("unit"),
        per=per,
        routes=routes,
        frequency=m.group("freq"),
        count=int(count) if count else None,
        qualifier=rest,
    )


def _bare(text: str) -> str:
    """The text without a trailing footnote mark or end punctuation."""
    return text.rstrip().rstrip("*").rstrip()


def classify(text: str, *, in_dose_group: bool = False, per_cycle: bool = False) -> tuple[CriterionType, Fact | None]:
    """Return the criterion type and typed fact of ``text`` (``judgment`` if unknown)."""
    t = _bare(text)
    if m := _AGE.match(t):
        op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
        unit = m.group("unit").lower()
        unit = unit if unit.endswith("s") else unit + "s"
        return CriterionType.AGE, AgeFact("age", op, float(m.group("value")), unit)
    if m := _WEIGHT.match(t):
        dose = parse_dose(m.group("dose"))
        if dose is not None:
            op = m.group("op")
            if op:
                bound = _number(m.group("bound"))
                if op in ("<", "≤", "<="):
                    fact = WeightBandFact("weight-band", None, False, bound, op != "<", dose)
                else:
                    fact = WeightBandFact("weight-band", bound, op != ">", None, False, dose)
            else:
                fact = WeightBandFact(
                    "weight-band", _number(m.group("low")), True, _number(m.group("high")), True, dose
                )
            return CriterionType.WEIGHT_BAND, fact
    # (the searches below try their pattern at every character: only a text with the words is searched)
    limit = _DOSE_LIMIT.search(t) if "does not exceed" in t else None
    if (m := limit) and not re.match(r"(?:one|both|all|any) of the following", m.group("dose")):
        dose = parse_dose(m.group("dose"))
        if dose is not None:
            return CriterionType.DOSE_LIMIT, DoseLimitFact("dose-limit", dose, per_cycle or bool(_PER_CYCLE.search(t)))
    if in_dose_group:
        # children of "Dose does not exceed one of the following": a bare dose, or
        # "Congenital neutropenia: 6 mcg/kg SC twice daily"
        m = re.match(rf"^(?:(?P<cond>[^:]{{1,80}}):\s*)?(?={_NUM}\s*{_UNIT})", t)
        dose = parse_dose(t) if m else None
        if m and dose is not None:
            return CriterionType.DOSE_LIMIT, DoseLimitFact("dose-limit", dose, per_cycle, m.group("cond"))
    if m := _GUIDELINE.match(t):
        return CriterionType.GUIDELINE_SUPPORTED, GuidelineFact("guideline-supported", m.group("subject"))
    if m := _STATE.search(t):
        return CriterionType.STATE_EXCEPTION, StateExceptionFact("state-exception", m.group("app"))
    if m := _STEP.match(t):
        drugs = tuple(
            d.strip().rstrip("®™*").strip() for d in re.split(r",\s*(?:or\s+)?|\s+or\s+", m.group("drugs")) if d.strip()
        )
        req = {
            "failure of": "failure",
            "member must use": "must use",
            "trial and failure of": "failure",
            "member has tried": "trial",
        }[m.group("req").lower()]
        return CriterionType.STEP_THERAPY, StepTherapyFact("step-therapy", drugs, req, m.group("exc"))
    if " will not be prescribed concurrently with " in t and (m := _CONCURRENT.match(t)):
        return CriterionType.CONCURRENT_USE, ConcurrentUseFact("concurrent-use", m.group("drug"), m.group("other"))
    if m := _PRESCRIBER.match(t):
        who = tuple(w.strip() for w in re.split(r",\s*(?:or\s+)?|\s+or\s+(?:an?\s+)?", m.group("who")) if w.strip())
        return CriterionType.PRESCRIBER, PrescriberFact("prescriber", who)
    if m := _DIAGNOSIS.match(t):
        return CriterionType.DIAGNOSIS, DiagnosisFact("diagnosis", m.group("dx"))
    if m := _DOCUMENTATION.match(t):
        return CriterionType.DOCUMENTATION, DocumentationFact("documentation", m.group("what"))
    # a referral names a policy (CP.…, HIM.…, CC.…): most criteria name none, and the scan is dear
    named = "CP." in t or "HIM." in t or "CC." in t
    pairs = tuple((m.group("lob").strip(), m.group("policy")) for m in _REFERRAL.finditer(t)) if named else ()
    if pairs and (re.search(r"\brefer to\b", t) or re.search(r"\bpolicy for the relevant line of business\b", t)):
        return CriterionType.POLICY_REFERRAL, ReferralFact("policy-referral", pairs)
    return CriterionType.JUDGMENT, None


def announces_dose_group(text: str) -> bool:
    """Whether a group's children are doses (``Dose does not exceed one of the following``)."""
    # (the pattern starts with ``\b``, tried at every character: a text without the words is not scanned)
    return "ose does not exceed" in text and bool(re.search(r"\b[Dd]ose does not exceed\b", text))


def announces_per_cycle(text: str) -> bool:
    if text.isascii() and "cycle" not in text.lower():  # the scan is dear; ASCII without the word has no match
        return False
    return bool(_PER_CYCLE.search(text))
