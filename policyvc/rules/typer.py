"""Reading a criterion's text into checks, accounting for every constraint it states.

A criterion is *computed* only when every word of it is accounted for: the amount, unit, route, frequency, the
count per cycle or course, the period a total is counted over, a quantity, a weight band, the diagnosis or drug a
line is for.  Words left over (``prior to day 1 of Danyelza administration``, ``per attack``, ``followed by``)
make it a *judgment*: an attestation keyed by its id, with those words as the reason (``policyvc rules
--coverage``).  The parser's typed fact says what kind of criterion it is; this module re-reads the text, so a
fact the parser typed too eagerly cannot make the rules approve what the text forbids.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from policyvc.rules import runtime as rt

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"


@dataclass(frozen=True, slots=True)
class Ref:
    """An argument that names a module constant (the state table, the policy's names), not a literal."""

    name: str


@dataclass(frozen=True, slots=True)
class Check:
    """One call of a runtime check: its function name and literal arguments (the facts object comes first).

    ``all_of``, ``any_of`` and ``not_of`` combine the checks in ``parts`` instead.
    """

    fn: str
    args: tuple[object, ...] = ()
    parts: tuple[Check, ...] = ()
    local: bool = False  # ``fn`` is a function of the generated module (a composite check hoisted out), not rt.*


@dataclass(frozen=True, slots=True)
class Typed:
    """A criterion read: its check, and the words no check accounts for (empty when it is computed)."""

    check: Check
    leftover: str = ""

    @property
    def computed(self) -> bool:
        return not self.leftover


def all_of(*checks: Check) -> Check:
    flat = tuple(checks)
    return flat[0] if len(flat) == 1 else Check("all_of", parts=flat)


def any_of(*checks: Check) -> Check:
    flat = tuple(checks)
    return flat[0] if len(flat) == 1 else Check("any_of", parts=flat)


def number(value: str | float | int) -> Decimal:
    """A number of the policy as a Decimal, integral ones without a fraction (``55.0`` → ``Decimal('55')``)."""
    d = Decimal(str(value).replace(",", "").replace("−", "-").replace(" ", ""))  # "− 2" (a minus sign) is -2
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


# --- the words of a dose ------------------------------------------------------------------------

_ROUTE_WORD = r"(?:IV|SC|SQ|IM|PO|subcutaneously|subcutaneous|intravenously|intravenous|intramuscularly|orally)"
_ROUTES = {"iv": "IV", "sc": "SC", "sq": "SC", "im": "IM", "po": "PO", "subcutaneously": "SC", "subcutaneous": "SC",
           "intravenously": "IV", "intravenous": "IV", "intramuscularly": "IM", "orally": "PO"}  # fmt: skip
_FORMS = r"(?:prefilled |pre-filled |single-dose )?(?:syringes?|vials?|pens?|autoinjectors?|kits?|on-body injectors?)"
_CYCLE = r"(?:chemotherapy |treatment )?cycle"
_WITHIN = r"(?:per|/|a|in any|in one|in a|within (?:a|one|any))"  # "per day", "in any 28 days"
_ALSO = r"(?:an? )?"  # "1 prefilled syringe or (an) on-body injector"
_COUNT = r"\d+|one|two|three|four|five|six|seven|ten|fourteen"
_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("count_of", r"(?P<k>\d+|one|two|three|four|five|six) doses? of "),
        # "4 pens per 28 days": a count over days, the quantity's own period (never the dose's: the dose line
        # "2.4 mg SC once weekly (4 pens per 28 days)" states each dose and the pens over 28 days apart)
        ("quantity_per",
         rf"(?P<k>\d+|one|two|three|four|five|six|eight|ten|twelve) (?:[A-Z][\w-]* )?(?:{_FORMS}|tablets?|capsules?)"
         r" (?:per|every|in any|within (?:a|any)) (?:(?P<n>\d+) )?(?P<unit>day|week|month)s?\b"),
        ("quantity", rf"(?P<k>\d+|one|two|three|four) (?:[A-Z][\w-]* )?{_FORMS}(?:\s*(?:or|/)\s*{_ALSO}{_FORMS})*\b"),
        ("cap",
         rf"\((?:up to|maximum(?: of)?|max(?:imum)?:?|not to exceed) (?P<n>{NUM})\s*(?P<unit>mcg|mg)"
         r"(?: (?:per|each) (?:infusion|dose|administration)|(?P<day> per day|/day))?\)"),
        ("amount", rf"\(?(?P<n>{NUM})\s*(?P<unit>mcg|mg|g)(?:/(?P<per>m²|m2|kg))?\b\)?"),
        ("routes", rf"{_ROUTE_WORD}(?:\s*(?:,|/|or)\s*{_ROUTE_WORD})*\b"),
        ("period", rf"(?:per|/|a|each|every|for each|in any|within (?:a|one|each|any)) {_CYCLE}\b"),
        ("course", r"(?:per|for the|in the|for a|a) (?:treatment )?course(?: of (?:therapy|treatment))?\b"),
        ("per_day", rf"(?:{_WITHIN} |/)(?:(?P<n>\d+) )?(?P<unit>day|week|month)s?\b"),  # "10 mcg/kg/day"
        ("single", r"(?:per (?:dose|infusion|administration)|as a single dose|per single dose)\b"),
        ("apart", r"(?P<k>\d+|one|two|three|four) (?P<unit>day|week|month)s? apart\b"),
        ("times", rf"for (?:up to )?(?P<k>{_COUNT}) (?:consecutive )?doses?\b"),
        ("days", rf"for (?:up to )?(?P<k>{_COUNT}) (?:consecutive )?(?P<unit>days?|weeks?)\b"),
        ("times", r"\(?(?P<k>\d+|one|two|three|four) doses?\b\)?"),
        ("frequency",
         r"(?:(?:once|twice|two times|three times|four times) )?(?:daily|weekly|monthly)\b|every (?:\d+ |other )?"
         r"(?:day|week|month)s?\b|(?:QD|BID|TID|QID|QW|Q\dW)\b|once\b(?!,? (?:followed|again|then)\b)"),
        ("filler", r"(?:[,;.:()]|\band\b|\bor\b|\bup to\b|\bof\b|\bmaximum\b|\btotal\b|\bin total\b|\ba\b)"),
    )
)  # fmt: skip
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
    "fourteen": 14,
}


def _int(text: str) -> int:
    return _NUMBERS.get(text.casefold()) or int(text)


@dataclass
class DoseWords:
    """What a dose statement says, and what it left unread."""

    amounts: list[tuple[Decimal, str, str]]  # (mcg, per, joiner "or"/"and" before it)
    caps: list[tuple[Decimal, str | None]]  # (mcg, "day" for a cap per day, else per administration)
    routes: tuple[str, ...] = ()
    frequency: str | None = None
    period: str | None = None
    count: int | None = None
    count_of: str | None = None
    quantity: int | None = None
    quantity_period: str | None = None  # "28 days": the quantity is a count over that many days
    days: int | None = None  # "for up to 4 consecutive days": the course's days (doses = days × the daily rate)
    weeks: bool = False  # the number of days was written in weeks (``for 4 weeks``)
    leftover: str = ""
    relaxed: bool = False  # an unread alternative follows an "or"


def read_dose(text: str, per_cycle: bool = False) -> DoseWords | None:
    """The constraints of ``6 mcg/kg SC twice daily``, ``2 doses of 6 mg SC, one week apart`` …; None without one."""
    words = DoseWords([], [])
    left: list[tuple[int, int]] = []
    i, joiner, after_or = 0, "or", False
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        for name, pattern in _TOKENS:
            m = pattern.match(text, i)
            if m is None:
                continue
            if not _take(words, name, m, per_cycle, joiner):
                continue
            after_or = name == "filler" and m.group(0).casefold() == "or"
            if name == "filler":
                low = m.group(0).casefold()
                # "0.24 mg/kg daily, maximum 40 mg per day": an amount after "maximum" is a further limit (and-ed)
                joiner = low if low in ("or", "and") else "and" if low in ("maximum", "up to") else joiner
            i = m.end()
            break
        else:
            m = _WORD.match(text, i)
            assert m is not None
            left.append((m.start(), m.end()))
            words.relaxed = words.relaxed or after_or  # "… or <words not read>": an alternative may allow more
            after_or = False
            i = m.end()
    if not words.amounts and words.quantity is None:
        return None
    if words.frequency == "once" and words.period in ("cycle", "course") and words.count is None:
        words.frequency, words.count, words.count_of = None, 1, words.period  # "6 mg SC once per cycle"
    if words.days is not None:
        daily = rt.rate(words.frequency)
        # (a whole daily rate over days; *once weekly for 4 weeks*, 4 doses — a number of days without a whole
        # daily rate, *every other day for 6 days*, is not a count we can check)
        whole = daily is not None and ((daily.denominator == 1 and daily >= 1) or (words.weeks and daily == WEEKLY))
        total = words.days * daily if whole and daily is not None else None
        if total is None or total.denominator != 1 or words.count is not None:
            left.append(_days_span(text))
        else:
            words.count, words.count_of = int(total), "course"
    if words.count is not None and words.period in ("cycle", "course"):
        # "2 doses of 6 mg per chemotherapy cycle": the amount is each dose's, the period counts the doses
        words.count_of, words.period = words.period, None
    words.leftover = _spans(text, sorted(left))
    return words


_WORD = re.compile(r"\S+")
WEEKLY = Fraction(1, 7)  # (once a week, in administrations a day)
_DAYS_PHRASE = re.compile(r"for (?:up to )?\S+ (?:consecutive )?(?:days?|weeks?)\b", re.I)


def _days_span(text: str) -> tuple[int, int]:
    m = _DAYS_PHRASE.search(text)
    return (m.start(), m.end()) if m else (0, len(text))


_GAP = re.compile(r"^(?:\s|[,;.:]|\b(?:and|or|of|up to|a)\b)*$", re.I)


def _spans(text: str, words: list[tuple[int, int]]) -> str:
    """The unread words as the text writes them: runs joined across fillers, separate runs by `` … ``."""
    runs: list[list[int]] = []
    for start, end in words:
        if runs and _GAP.match(text[runs[-1][1] : start]):
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return " … ".join(text[a:b].strip(" ,;.") for a, b in runs)


def _mcg(n: str, unit: str) -> Decimal:
    scale = {"mcg": 1, "mg": 1000, "g": 1_000_000}[unit.casefold()]
    return number(n) * scale


def _take(words: DoseWords, name: str, m: re.Match[str], per_cycle: bool, joiner: str) -> bool:
    """Record one recognised phrase; False when it cannot be taken (a second frequency: left over)."""
    if name == "count_of":
        words.count, words.count_of = _int(m.group("k")), "cycle" if per_cycle else "course"
    elif name == "quantity_per":
        if words.quantity is not None:
            return False
        unit = m.group("unit").casefold()
        words.quantity = _int(m.group("k"))
        words.quantity_period = f"{int(m.group('n'))} {unit}s" if m.group("n") else unit
    elif name == "quantity":
        k = _int(m.group("k"))
        if words.quantity is not None and not (joiner == "or" and k == words.quantity):
            return False  # "1 syringe or 1 on-body injector" is one count; other alternatives are left over
        words.quantity = k
    elif name == "cap":
        words.caps.append((_mcg(m.group("n"), m.group("unit")), "day" if m.group("day") else None))
    elif name == "days":
        if words.days is not None:
            return False
        words.weeks = m.group("unit").casefold().startswith("week")
        words.days = _int(m.group("k")) * (7 if words.weeks else 1)
    elif name == "amount":
        per = {"m²": "m2", "m2": "m2", "kg": "kg"}.get((m.group("per") or "").casefold(), "")
        words.amounts.append((_mcg(m.group("n"), m.group("unit")), per, joiner))
    elif name == "routes":
        if words.routes:
            return False
        found = re.findall(_ROUTE_WORD, m.group(0), re.I)
        words.routes = tuple(dict.fromkeys(_ROUTES[r.casefold()] for r in found))
    elif name in ("period", "course", "per_day", "single"):
        period = {"period": "cycle", "course": "course", "single": "dose"}.get(name) or m.group("unit").casefold()
        if name == "per_day" and m.group("n"):
            period = f"{int(m.group('n'))} {period}s"  # "per 28 days"
        if words.period not in (None, period):
            return False
        words.period = period
    elif name == "apart":
        if words.frequency is not None:
            return False
        words.frequency = f"every {_int(m.group('k'))} {m.group('unit').casefold()}s"
    elif name == "times":
        if words.count is not None:
            return False
        words.count, words.count_of = _int(m.group("k")), "cycle" if per_cycle else "course"
    elif name == "frequency":
        if words.frequency is not None or rt.rate(m.group(0)) is None:
            return False
        words.frequency = " ".join(m.group(0).casefold().split())
    return True


def dose_checks(words: DoseWords) -> Check:
    """The checks of a fully read dose statement: one per amount (alternatives or-ed), quantity and cap and-ed."""
    period = None if words.period == "dose" else words.period
    checks: list[Check] = []
    alternatives: list[Check] = []
    for mcg, per, _ in words.amounts:
        alternatives.append(
            Check("dose", (mcg, per, words.routes, words.frequency, period, words.count, words.count_of))
        )
    if alternatives:
        joined = [j for _, _, j in words.amounts[1:]]
        checks.append(any_of(*alternatives) if all(j == "or" for j in joined) else all_of(*alternatives))
    for cap, cap_period in words.caps:
        checks.append(Check("dose", (cap, "", (), None, cap_period, None, None)))
    if words.quantity is not None and words.quantity_period is not None:
        checks.append(Check("quantity_in", (words.quantity, words.quantity_period)))
    elif words.quantity is not None:
        checks.append(Check("quantity", (words.quantity,)))
        if not alternatives:
            if words.routes:
                checks.append(Check("route", (words.routes,)))
            if words.count is not None:
                checks.append(Check("dose", (None, "", (), words.frequency, None, words.count, words.count_of)))
    return all_of(*checks)


# --- conditions written before a dose or a criterion -----------------------------------------------

_WEIGHT = re.compile(
    rf"^weight\s*(?:(?P<op>≥|>=|>|≤|<=|<)\s*(?P<bound>{NUM})\s*kg"
    rf"|(?P<lop>>\s*)?(?P<low>{NUM})\s*(?:kg\s*)?(?:to|-|–)\s*(?P<hop><\s*|≤\s*)?(?P<high>{NUM})\s*kg)$",
    re.I,
)


def weight_check(text: str) -> Check | None:
    """``Weight ≥ 40 kg``, ``weight 15 kg to < 30 kg`` → a weight band check."""
    m = _WEIGHT.match(" ".join(text.split()))
    if m is None:
        return None
    if m.group("op"):
        op, bound = m.group("op"), number(m.group("bound"))
        if op in ("<", "≤", "<="):
            return Check("weight", (None, False, bound, op != "<"))
        return Check("weight", (bound, op != ">", None, False))
    high_inclusive = (m.group("hop") or "").strip() != "<"
    low_inclusive = not m.group("lop")  # "weight > 30 to 70 kg": above 30, up to 70
    return Check("weight", (number(m.group("low")), low_inclusive, number(m.group("high")), high_inclusive))


_AGE_BAND = re.compile(
    rf"^age\s*(?:(?P<op>≥|>=|>|≤|<=|<)\s*(?P<bound>{NUM})"
    r"|(?P<low>\d+)\s*(?P<lunit>years?|months?)?\s*(?:to|-|–|through)\s*(?P<high>\d+))"
    r"\s*(?P<unit>years?|months?)(?: old| of age)?$",
    re.I,
)


def age_check(text: str) -> Check | None:
    """``Age ≥ 12 years``, ``Age 6 to 11 years`` (from 6 through the last day of 11), ``Age 6 months to 17 years``
    (from 6 months through the last day of 17 years) → an age check."""
    m = _AGE_BAND.match(" ".join(text.split()))
    if m is None:
        return None
    unit = m.group("unit").casefold().rstrip("s") + "s"
    if m.group("op"):
        op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
        return Check("age", (op, number(m.group("bound")), unit))
    low, high = number(m.group("low")), number(m.group("high"))
    low_unit = (m.group("lunit") or unit).casefold().rstrip("s") + "s"
    if (low_unit == unit and low > high) or (low_unit == "years" and unit == "months"):
        return None
    return all_of(Check("age", ("≥", low, low_unit)), Check("age", ("<", high + 1, unit)))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the policy names: diagnoses (canonical), drugs (normalised name → the names of that product)."""

    diagnoses: frozenset[str]
    drugs: dict[str, frozenset[str]]
    diagnosis: Callable[[str, str], Check]  # (criterion id, diagnosis text) → its check

    def drug(self, text: str) -> Check | None:
        names = self.drugs.get(rt.normalize(text.strip(" ®™*")))
        return None if names is None else Check("drug", (names, Ref("DRUGS")))


def condition(text: str, key: str, vocab: Vocabulary) -> Check | None:
    """A line's condition (``Congenital neutropenia``, ``IV, weight < 30 kg``, ``Age ≥ 12 years``, ``Signifor LAR``),
    or None."""
    checks: list[Check] = []
    for part in re.split(r",\s*", text.strip()):
        if not part:
            return None
        if re.fullmatch(_ROUTE_WORD, part, re.I):
            checks.append(Check("route", ((_ROUTES[part.casefold()],))))
            continue
        check = weight_check(part) or age_check(part) or vocab.drug(part)
        if check is None and diagnosis_named(part, vocab):
            check = vocab.diagnosis(key, part)
        if check is None:
            check = bands(part)
        if check is None:
            return None
        checks.append(check)
    return all_of(*checks) if checks else None


def bands(text: str) -> Check | None:
    """An age band and a weight band together (``Age 8 to 17 years and weight < 50 kg``): both, or None when a
    part is neither."""
    parts = re.split(r"\s+and\s+", text.strip())
    if len(parts) < 2:
        return None
    checks = [weight_check(p) or age_check(p) for p in parts]
    return all_of(*(c for c in checks if c is not None)) if all(c is not None for c in checks) else None


def diagnosis_named(text: str, vocab: Vocabulary) -> bool:
    """Every alternative of ``text`` is a diagnosis the policy names (or an abbreviation of one)."""
    return all(rt.canon(v) in vocab.diagnoses for v in variants(text))


_LEADING_OR = re.compile(r"^(\w+) or (\w+) (.+)$")


def variants(diagnosis: str) -> tuple[str, ...]:
    """``Cyclic or idiopathic neutropenia`` stands for each alternative alone; ``AD, asthma, or PN`` for each."""
    text = diagnosis.strip(" ;.")
    m = _LEADING_OR.match(text)
    if m and "," not in text:
        return (f"{m.group(1)} {m.group(3)}", f"{m.group(2)} {m.group(3)}")
    parts = [p.strip() for p in re.split(r",\s*(?:or\s+)?|\s+or\s+", text) if p.strip()]
    if len(parts) == 2:
        # ``type 1 or type 2 diabetes mellitus``: the first alternative is the second's head with its own number —
        # the same first word, fewer words — and is named by the second's remaining words
        first, last = parts[0].split(), parts[1].split()
        if 1 < len(first) < len(last) and first[0].casefold() == last[0].casefold():
            parts[0] = " ".join(first + last[len(first) :])
    return tuple(parts) if len(parts) > 1 else (text,)
