"""The runtime of generated policy rules: request facts, three-valued checks, durations, the decision and its trace.

Standard library only: ``policyvc rules`` copies this file next to the modules it writes, so a utilization
management system can vendor the output folder without installing policyvc.  A value is ``True``, ``False`` or
``None`` (unknown); every check returns ``(value, missing)`` where ``missing`` names the request facts or
attestations that would settle an unknown value (empty when the value is known), and writes what it read into
``reads`` when a trace is being kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple, NotRequired, TypedDict

Tri = bool | None
Num = Decimal | int
Reads = dict[str, Any] | None
Result = tuple[Tri, tuple[str, ...]]

OUTCOMES = ("approved", "denied", "needs-review", "referred")
REQUEST_KINDS = ("initial", "continued")
UNITS = ("mcg/m2", "mcg/kg", "mcg", "mg", "mg/m2", "mg/kg")
ROUTES = ("IV", "SC", "IM", "PO")
THERAPY_STATUSES = ("failed", "contraindicated", "adverse-effects", "not-tried")
LINES_OF_BUSINESS = ("Commercial", "HIM", "Medicaid")
_LOB_ALIASES = {
    "commercial": "Commercial",
    "him": "HIM",
    "health insurance marketplace": "HIM",
    "marketplace": "HIM",
    "medicaid": "Medicaid",
}
_FREQUENCIES = {"daily": "daily", "once daily": "daily", "qd": "daily", "every day": "daily"}
KEYS = {
    "": ("date", "request", "drug", "member", "diagnoses", "prescriber", "dose", "dose_increase", "therapies",
         "concurrent", "measures", "criteria_set", "attestations"),
    "member": ("age", "birth_date", "weight_kg", "height_cm", "bsa_m2", "state", "line_of_business",
               "renewal_date"),
    "prescriber": ("specialty",),
    "dose": ("amount", "unit", "route", "frequency", "doses", "course_doses", "quantity"),
}  # fmt: skip
_ALLOWED = {k: frozenset(v) for k, v in KEYS.items()}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class RequestError(ValueError):
    """A request that does not follow the contract; the message names the offending key."""


# --- Kleene logic -------------------------------------------------------------------


def all_(values: Iterable[Tri]) -> Tri:
    unknown = False
    for v in values:
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def any_(values: Iterable[Tri]) -> Tri:
    unknown = False
    for v in values:
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def none_(values: Iterable[Tri]) -> Tri:
    v = any_(values)
    return None if v is None else not v


def atleast(n: int, values: Iterable[Tri]) -> Tri:
    seen = list(values)
    true = sum(1 for v in seen if v is True)
    unknown = sum(1 for v in seen if v is None)
    if true >= n:
        return True
    if true + unknown < n:
        return False
    return None


def combine(connective: str, n: int, values: Sequence[Tri]) -> Tri:
    """The value of a group: ``all``/``both`` (and), ``any`` (or), ``none``, ``atleast`` N."""
    if connective in ("all", "both"):
        return all_(values)
    if connective == "any":
        return any_(values)
    if connective == "none":
        return none_(values)
    return atleast(n, values)


def _and(parts: Sequence[Result]) -> Result:
    """Kleene *and* of sub-checks; an unknown result names only the unknown parts' facts."""
    unknown = False
    for v, _ in parts:
        if v is False:
            return False, ()
        if v is None:
            unknown = True
    if not unknown:
        return True, ()
    return None, tuple(name for v, m in parts if v is None for name in m)


# --- the request ----------------------------------------------------------------------


# The ranges a measurement may take: beyond them a value is a typo or an attack, never a member.  They also
# keep the arithmetic finite: a weight, height or BSA is a divisor (never 0) and a dose is scaled by them.
RANGES: dict[str, tuple[Num, Num]] = {
    "member.age": (0, 150),
    "member.weight_kg": (Decimal("0.1"), 1000),
    "member.height_cm": (10, 300),
    "member.bsa_m2": (Decimal("0.01"), 10),
    "dose.amount": (0, 1_000_000),
}
# a named measure (a risk in %, a lab value, a z-score): finite; one no criterion compares with a negative number
# must also be ≥ 0 (check_measures)
MEASURE_RANGE: tuple[Num, Num] = (-1_000_000_000, 1_000_000_000)
MAX_DOSES = 10_000
MAX_TEXT = 1_000  # characters of one name (a diagnosis, a drug, a specialty, a state)
FIRST_DATE = dt.date(1900, 1, 1)  # request, birth and renewal dates: durations added to them stay representable
LAST_DATE = dt.date(2199, 12, 31)


def brief(value: object) -> str:
    """``value`` for an error message, bounded whatever it is (no huge repr, no recursion, no 5,000-digit int)."""
    if type(value) is int:
        if value.bit_length() > 64:  # repr() of 5,000 digits raises; the size is what the reader needs
            return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
        return repr(value)
    if type(value) is str:
        return repr(value if len(value) <= 40 else value[:37] + "…")
    if value is None or type(value) is bool or type(value) is float:
        return repr(value)
    if type(value) is dict:
        return "an object"
    if type(value) is list:
        return "a list"
    return f"a {type(value).__name__}"


def _number(value: object, key: str) -> Decimal | int:
    """A JSON number in the key's range: an int stays an int (exact, and cheaper), a float becomes its Decimal."""
    kind = type(value)
    low, high = RANGES.get(key, MEASURE_RANGE)
    if kind is int:
        if low <= value <= high:  # type: ignore[operator]
            return value  # type: ignore[return-value]
    elif kind is float:
        if low <= value <= high:  # type: ignore[operator]  # NaN and infinities fail this too
            return Decimal(str(value))
    elif kind is str:
        raise RequestError(f"{key} must be a number (a finite JSON number, not a string), not {brief(value)}")
    else:
        raise RequestError(f"{key} must be a number, not {brief(value)}")
    raise RequestError(f"{key} must be a finite number from {low} to {high}, not {brief(value)}")


def _date(value: object, key: str) -> dt.date:
    if type(value) is not str:
        raise RequestError(f"{key} must be a date YYYY-MM-DD, not {brief(value)}")
    day = _iso_date(value)
    if day is None:
        if not _ISO.fullmatch(value):
            raise RequestError(f"{key} must be a date YYYY-MM-DD, not {brief(value)}")
        raise RequestError(f"{key} {brief(value)} is not a real calendar date")
    if not FIRST_DATE <= day <= LAST_DATE:
        raise RequestError(f"{key} {value} is out of range: expected a date from {FIRST_DATE} to {LAST_DATE}")
    return day


@functools.lru_cache(maxsize=4096)
def _iso_date(value: str) -> dt.date | None:
    if not _ISO.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _text(value: object, key: str) -> str:
    if type(value) is str and len(value) > MAX_TEXT:  # before any work on it (strip, NFKC, matching)
        raise RequestError(f"{key} is {len(value)} characters long: at most {MAX_TEXT} are read")
    if type(value) is not str or not value.strip():
        raise RequestError(f"{key} must be a non-empty string, not {brief(value)}")
    return value.strip()


def _choice(value: object, key: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise RequestError(f"{key} must be one of {', '.join(choices)}, not {brief(value)}")
    return str(value)


def _object(value: object, key: str) -> dict[str, object]:
    if type(value) is not dict:
        raise RequestError(f"{key} must be an object, not {brief(value)}")
    allowed = _ALLOWED.get(key)
    if allowed is not None and not allowed.issuperset(value):
        name = next(name for name in value if name not in allowed)
        raise RequestError(f"unknown key {brief((key + '.' if key else '') + str(name))}")
    return value


def _strings(value: object, key: str) -> tuple[str, ...]:
    if type(value) is not list:
        raise RequestError(f"{key} must be a list of strings, not {brief(value)}")
    return tuple(_text(item, f"{key}[{i}]") for i, item in enumerate(value))


def request_date(request: object) -> dt.date:
    """The request's ``date`` (checked), before the rest of it is read."""
    top = _object(request, "")
    if "date" not in top:
        raise RequestError("missing key 'date'")
    return _date(top["date"], "date")


@functools.lru_cache(maxsize=256)
def line_of_business(text: str) -> str | None:
    """The canonical line of business (``Commercial``, ``HIM``, ``Medicaid``) of a name, or None."""
    return _LOB_ALIASES.get(" ".join(text.casefold().split()))


@functools.lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """A term for matching: NFKC, case-folded, marks (® ™ *) and punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s/-]", " ", text)
    return " ".join(text.split())


class Facts:
    """A validated request, with the facts derived once: age on the request date, terms; BSA (Mosteller) on demand.

    A key given as JSON ``null`` counts as not given.
    """

    __slots__ = (
        "age",
        "age_months",
        "amount",
        "attestations",
        "bsa",
        "concurrent",
        "conflicts",
        "course_doses",
        "criteria_set",
        "date",
        "diagnoses",
        "dose_increase",
        "doses",
        "drug",
        "frequency",
        "height",
        "kind",
        "lob",
        "measures",
        "quantity",
        "renewal",
        "route",
        "settled",
        "specialty",
        "state",
        "therapies",
        "unit",
        "weight",
    )

    def __init__(self, request: object, expand: Mapping[str, str]) -> None:
        top = _object(request, "")
        get = top.get
        day = get("date")
        if day is None:
            raise RequestError("missing key 'date'")
        self.date = _date(day, "date")
        kind = get("request")
        self.kind = None if kind is None else _choice(kind, "request", REQUEST_KINDS)
        value = get("drug")
        self.drug = None if value is None else normalize(_text(value, "drug"))
        member = get("member")
        m = _EMPTY if member is None else _object(member, "member")
        value = m.get("age")
        self.age: Num | None = None if value is None else _number(value, "member.age")
        self.age_months: Num | None = None if self.age is None else self.age * 12
        value = m.get("birth_date")
        if value is not None:
            birth = _date(value, "member.birth_date")
            months = (self.date.year - birth.year) * 12 + self.date.month - birth.month - (self.date.day < birth.day)
            if months < 0:
                raise RequestError("member.birth_date is after the request date")
            self.age_months = Decimal(months)
            if self.age is None:
                self.age = Decimal(months // 12)
        value = m.get("weight_kg")
        self.weight = None if value is None else _number(value, "member.weight_kg")
        value = m.get("height_cm")
        self.height = None if value is None else _number(value, "member.height_cm")
        value = m.get("bsa_m2")
        self.bsa = None if value is None else _number(value, "member.bsa_m2")
        value = m.get("state")
        self.state = None
        if value is not None:
            state = _text(value, "member.state").upper()
            if len(state) != 2 or not state.isascii() or not state.isalpha():
                raise RequestError(f"member.state must be a two-letter state code, not {brief(value)}")
            self.state = state
        value = m.get("line_of_business")
        self.lob = None
        if value is not None:
            self.lob = line_of_business(_text(value, "member.line_of_business"))
            if self.lob is None:
                raise RequestError(
                    f"member.line_of_business must be one of {', '.join(LINES_OF_BUSINESS)}, not {brief(value)}"
                )
        value = m.get("renewal_date")
        self.renewal = None if value is None else _date(value, "member.renewal_date")
        value = get("diagnoses")
        self.diagnoses = None if value is None else _diagnoses(_strings(value, "diagnoses"), expand)
        value = get("prescriber")
        value = None if value is None else _object(value, "prescriber").get("specialty")
        self.specialty = None if value is None else normalize(_text(value, "prescriber.specialty"))
        dose = get("dose")
        d = _EMPTY if dose is None else _object(dose, "dose")
        value = d.get("amount")
        self.amount = None if value is None else _number(value, "dose.amount")
        value = d.get("unit")
        self.unit = None if value is None else _choice(value, "dose.unit", UNITS)
        value = d.get("route")
        self.route = None if value is None else _choice(value, "dose.route", ROUTES)
        value = d.get("frequency")
        self.frequency = None
        if value is not None:
            frequency = normalize(_text(value, "dose.frequency"))
            self.frequency = _FREQUENCIES.get(frequency, frequency)
        value = d.get("doses")
        self.doses = None if value is None else _count(value, "dose.doses")
        value = d.get("course_doses")
        self.course_doses = None if value is None else _count(value, "dose.course_doses")
        value = d.get("quantity")
        self.quantity = None if value is None else _count(value, "dose.quantity")
        value = get("dose_increase")
        if value is not None and type(value) is not bool:
            raise RequestError(f"dose_increase must be true or false, not {brief(value)}")
        self.dose_increase: bool | None = value
        value = get("therapies")
        self.therapies: dict[str, str] | None = None
        if value is not None:
            if not isinstance(value, dict):
                raise RequestError("therapies must be an object of drug: status")
            self.therapies = {
                normalize(_text(drug, "therapies")): _choice(status, f"therapies.{str(drug)[:40]}", THERAPY_STATUSES)
                for drug, status in value.items()
            }
        value = get("concurrent")
        self.concurrent: frozenset[str] | None = None
        if value is not None:
            self.concurrent = frozenset([normalize(x) for x in _strings(value, "concurrent")])
        value = get("measures")
        self.measures: Mapping[str, Num] = _NO_MEASURES
        if value is not None:
            self.measures = {
                " ".join(_text(name, "measures").casefold().split()): _number(number, f"measures.{name}")
                for name, number in _object(value, "measures").items()
            }
        self.conflicts: list[tuple[str, bool, bool]] = _NO_CONFLICTS  # (criterion, computed, attested)
        self.settled: frozenset[str] = _NOTHING  # the computed criteria an attestation may settle
        value = get("criteria_set")
        self.criteria_set = None if value is None else _text(value, "criteria_set")
        value = get("attestations")
        self.attestations: dict[str, bool] = {} if value is None else _object(value, "attestations")  # type: ignore[assignment]
        for key, answer in self.attestations.items():
            if type(answer) is not bool:
                raise RequestError(f"attestations.{brief(key)} must be true or false, not {brief(answer)}")


_EMPTY: dict[str, object] = {}
_DIAGNOSES: dict[tuple[tuple[str, ...], int], tuple[Mapping[str, str], frozenset[str]]] = {}


def _diagnoses(names: tuple[str, ...], expand: Mapping[str, str]) -> frozenset[str]:
    """The requested diagnoses as terms to match (:func:`terms` then :func:`canon`), remembered per table."""
    key = (names, id(expand))
    hit = _DIAGNOSES.get(key)
    if hit is not None and hit[0] is expand:
        return hit[1]
    out = frozenset([canon(t) for t in terms(names, expand)])
    if len(_DIAGNOSES) > 4096:
        _DIAGNOSES.clear()
    _DIAGNOSES[key] = (expand, out)
    return out


_NO_MEASURES: Mapping[str, Num] = {}
_NO_CONFLICTS: list[tuple[str, bool, bool]] = []  # shared and never appended to (see settle)
_NOTHING: frozenset[str] = frozenset()


def _count(value: object, key: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= MAX_DOSES:
        raise RequestError(f"{key} must be a whole number from 0 to {MAX_DOSES}, not {brief(value)}")
    return value


def expansions(abbreviations: Mapping[str, str]) -> dict[str, str]:
    """Normalised abbreviation → expansion and expansion → abbreviation (Appendix A), for :func:`terms`."""
    out: dict[str, str] = {}
    for short, long in abbreviations.items():
        out.setdefault(normalize(short), normalize(long))
        out.setdefault(normalize(long), normalize(short))
    return out


def terms(names: Iterable[str], expand: Mapping[str, str]) -> frozenset[str]:
    """Normalised terms, each abbreviation standing also for its expansion and the other way round."""
    out: set[str] = set()
    for name in names:
        term = normalize(name)
        out.add(term)
        if term in expand:
            out.add(expand[term])
    return frozenset(out)


_ARTICLE = re.compile(r"^(?:an?|the) ")


@functools.lru_cache(maxsize=4096)
def canon(term: str) -> str:
    """A diagnosis for matching: normalised, without a leading article, each word singular (``malignancies``)."""
    words = []
    for word in _ARTICLE.sub("", normalize(term)).split():
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def mosteller(height_cm: Decimal | int, weight_kg: Decimal | int) -> Decimal:
    """Body surface area in m² by Mosteller: √(height cm × weight kg / 3600)."""
    return (Decimal(height_cm) * weight_kg / 3600).sqrt()


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@functools.lru_cache(maxsize=1024)
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus calendar months; the 31st becomes the last day of a shorter month."""
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = 29 if index == 1 and calendar.isleap(year) else _MONTH_DAYS[index]
    return dt.date(year, index + 1, min(day.day, last))


def in_force(dates: Sequence[dt.date], on: dt.date) -> int | None:
    """Index of the version in force on ``on``: the latest (dates oldest first) not after it (the store's rule)."""
    found = None
    for i, day in enumerate(dates):
        if day <= on:
            found = i
    return found


# --- checks -----------------------------------------------------------------------------

_OPS = {
    "≥": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "≤": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    "=": lambda a, b: a == b,
}


def age(f: Facts, op: str, value: Decimal, unit: str, reads: Reads) -> Result:
    months = unit.startswith("month")
    have = f.age_months if months else f.age
    if reads is not None:
        reads["member.age"] = None if f.age is None else str(f.age)
    if have is None:
        return None, ("member.age",)
    return bool(_OPS[op](have, value)), ()


def diagnosis(f: Facts, key: str, wanted: frozenset[str], named: frozenset[str], broad: bool, reads: Reads) -> Result:
    """A requested diagnosis is one of ``wanted``; one the policy does not name may belong to a ``broad`` class.

    ``named`` is every diagnosis the policy names: a requested diagnosis outside it, for a class criterion (*a
    non-myeloid malignancy*) or narrowing a wanted one (*relapsed high-risk neuroblastoma*), is unknown — for the
    reviewer (``attestations.<key>``), never a denial.
    """
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
    if f.diagnoses is None:
        return None, ("diagnoses",)
    if not wanted.isdisjoint(f.diagnoses):
        return True, ()
    if broad and not named.issuperset(f.diagnoses):
        return None, (f"attestations.{key}",)
    if any(term.endswith(" " + w) for term in f.diagnoses for w in wanted):
        return None, (f"attestations.{key}",)
    return False, ()


def prescriber(f: Facts, stems: tuple[str, ...], reads: Reads) -> Result:
    if reads is not None:
        reads["prescriber.specialty"] = f.specialty
    if f.specialty is None:
        return None, ("prescriber.specialty",)
    return any(stem in f.specialty for stem in stems), ()


def step_therapy(f: Facts, drugs: tuple[str, ...], accepted: tuple[str, ...], reads: Reads) -> Result:
    parts: list[Result] = []
    for drug in drugs:
        status = None if f.therapies is None else f.therapies.get(normalize(drug))
        if reads is not None:
            reads[f"therapies.{drug}"] = status
        parts.append((None, (f"therapies.{drug}",)) if status is None else (status in accepted, ()))
    return _and(parts)


def concurrent(f: Facts, excluded: frozenset[str], complete: bool, key: str, reads: Reads) -> Result:
    """None of ``excluded`` is prescribed alongside; with an incomplete list (a class known by its examples) a
    drug it does not name is unknown, not cleared: the reviewer's (``attestations.<key>``)."""
    if reads is not None:
        reads["concurrent"] = None if f.concurrent is None else sorted(f.concurrent)
    if f.concurrent is None:
        return None, ("concurrent",)
    if not excluded.isdisjoint(f.concurrent):
        return False, ()
    if complete or not f.concurrent:
        return True, ()
    return None, (f"attestations.{key}",)


def state_exception(f: Facts, states: Mapping[str, tuple[bool, str]], key: str, reads: Reads) -> Result:
    """A state of the appendix where step therapy is prohibited, for what its notes say (*For stage 4 metastatic
    cancer and associated conditions*): the notes are the reviewer's (``attestations.<key>``), in the trace."""
    if reads is not None:
        reads["member.state"] = f.state
        if f.state is not None and f.state in states:
            reads["state.notes"] = states[f.state][1]
    if f.state is None:
        return None, ("member.state",)
    rule = states.get(f.state)
    if rule is None or not rule[0]:
        return False, ()
    if not rule[1].strip():
        return True, ()
    said = f.attestations.get(key)
    if reads is not None:
        reads[f"attestations.{key}"] = said
    return (None, (f"attestations.{key}",)) if said is None else (said, ())


def bypass(f: Facts, state: str, lob: str | None, since: dt.date | None, reads: Reads) -> Result:
    """A note lifting the requirements below it (``For Illinois HIM requests … as of 1/1/2026 per IL HB 5395``)."""
    if reads is not None:
        reads["member.state"] = f.state
        if lob is not None:
            reads["member.line_of_business"] = f.lob
        if since is not None:
            reads["date"] = f.date.isoformat()
    if f.state is not None and f.state != state and reads is None:
        return False, ()
    parts: list[Result] = [(None, ("member.state",)) if f.state is None else (f.state == state, ())]
    if lob is not None:
        parts.append((None, ("member.line_of_business",)) if f.lob is None else (f.lob == lob, ()))
    if since is not None:
        parts.append((f.date >= since, ()))
    return _and(parts)


def attest(f: Facts, key: str, reads: Reads) -> Result:
    value = f.attestations.get(key)
    if reads is not None:
        reads[f"attestations.{key}"] = value
    if value is None:
        return None, (f"attestations.{key}",)
    return value, ()


def documented(f: Facts, fact: str, reads: Reads) -> Result:
    """Documentation of a fact the request carries (``member.weight_kg``): present or unknown."""
    value = {"member.weight_kg": f.weight, "member.height_cm": f.height, "member.bsa_m2": _bsa(f)[0]}[fact]
    if reads is not None:
        reads[fact] = None if value is None else str(value)
    return (True, ()) if value is not None else (None, (fact,))


def not_increase(f: Facts, reads: Reads) -> Result:
    """The guard of ``If request is for a dose increase, …``: true when the request is not a dose increase."""
    if reads is not None:
        reads["dose_increase"] = f.dose_increase
    if f.dose_increase is None:
        return None, ("dose_increase",)
    return not f.dose_increase, ()


def request_kind(f: Facts, kind: str, reads: Reads) -> Result:
    if reads is not None:
        reads["request"] = f.kind
    if f.kind is None:
        return None, ("request",)
    return f.kind == kind, ()


def _show(value: Num) -> str:
    """A number for the trace: at most 4 decimals, no trailing zeros."""
    text = f"{round(value, 4):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _bsa(f: Facts) -> tuple[Num | None, tuple[str, ...]]:
    if f.bsa is None and f.weight is not None and f.height is not None:
        f.bsa = mosteller(f.height, f.weight)
    if f.bsa is not None:
        return f.bsa, ()
    if f.weight is not None:
        return None, ("member.height_cm",)
    if f.height is not None:
        return None, ("member.weight_kg",)
    return None, ("member.bsa_m2",)


def _scale(f: Facts, per: str) -> tuple[Num | None, tuple[str, ...]]:
    if per == "m2":
        return _bsa(f)
    if per == "kg":
        return (f.weight, ()) if f.weight is not None else (None, ("member.weight_kg",))
    return Decimal(1), ()


def dose_in(f: Facts, per: str) -> tuple[Num | None, tuple[str, ...]]:
    """The requested dose in mcg per ``per`` (``m2``, ``kg`` or ``""`` for an absolute dose)."""
    if f.amount is None or f.unit is None:
        return None, tuple(n for n, v in (("dose.amount", f.amount), ("dose.unit", f.unit)) if v is None)
    base, _, given = f.unit.partition("/")
    mcg = Decimal(f.amount) * 1000 if base == "mg" else f.amount
    if given == per:
        return mcg, ()
    up, miss_up = _scale(f, given)
    down, miss_down = _scale(f, per)
    if up is None or down is None:
        return None, tuple(dict.fromkeys(miss_up + miss_down))
    return Decimal(mcg) * up / down, ()


_TIMES = {"once": 1, "twice": 2, "three times": 3, "four times": 4}
_DAYS = {"day": 1, "week": 7, "month": 28, "year": 365}
_SHORT = {"qd": "daily", "bid": "twice daily", "tid": "three times daily", "qid": "four times daily",
          "qw": "weekly", "every day": "daily", "every other day": "every 2 days",
          "every other week": "every 2 weeks"}  # fmt: skip
_RATE = re.compile(
    r"^(?:(?P<times>once|twice|three times|four times|\d+ times) ?)?"
    r"(?:(?P<adverb>daily|weekly|monthly|yearly)"
    r"|(?:every|per|a|each) (?:(?P<n>\d+) )?(?P<unit>day|week|month|year)s?)?$"
)


def rate(text: str | None) -> Fraction | None:
    """Administrations per day of a frequency (``daily`` 1, ``twice daily`` 2, ``every 2 weeks`` 1/14, ``once`` 0)."""
    pair = _rate(text)
    return None if pair is None else Fraction(*pair)


@functools.lru_cache(maxsize=256)
def _rate(text: str | None) -> tuple[int, int] | None:
    """:func:`rate` as (administrations, days), compared by cross-multiplying (exact, and cheap)."""
    if text is None:
        return None
    text = normalize(text)
    text = _SHORT.get(text, text)
    q = re.fullmatch(r"q(\d+)w", text)
    if q:
        text = f"every {q.group(1)} weeks"
    m = _RATE.match(text)
    if m is None or not text:
        return None
    times = m.group("times")
    n = 1 if times is None else _TIMES.get(times) or int(times.split()[0])
    unit = m.group("unit") or {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}.get(
        m.group("adverb") or ""
    )
    if unit is None:
        return (0, 1) if times == "once" else None  # a single dose
    return n, _DAYS[unit] * int(m.group("n") or 1)


@functools.lru_cache(maxsize=256)
def period_days(period: str | None) -> int | None:
    """The days of a period a total is counted over (``day`` 1, ``week`` 7, ``28 days`` 28); None for a cycle,
    a course or a single dose."""
    if period in _DAYS:
        return _DAYS[period]
    m = re.fullmatch(r"(\d+) (day|week|month|year)s", period or "")
    return None if m is None else int(m.group(1)) * _DAYS[m.group(2)]


def dose(
    f: Facts,
    amount: Decimal,
    per: str,
    routes: tuple[str, ...],
    frequency: str | None,
    period: str | None,
    count: int | None,
    count_of: str | None,
    reads: Reads,
) -> Result:
    """The requested dose does not exceed ``amount`` mcg per ``per`` (``m2``, ``kg`` or ``""``) and each stated limit.

    ``routes``: the routes allowed; ``frequency``: the schedule (the request's may not be more frequent);
    ``period``: the amount is a total per ``day``/``week``/``28 days`` … (by the request's frequency), per ``cycle``
    (``dose.doses``) or per ``course`` (``dose.course_doses``), or per administration (None); ``count``: at most
    that many doses per ``count_of`` (``cycle`` or ``course``).
    """
    each, missing = dose_in(f, per)
    if reads is None and period is None and count is None:  # the common limit, without the trace: fast
        unknown: list[str] = []
        if routes:
            if f.route is None:
                unknown.append("dose.route")
            elif f.route not in routes:
                return False, ()
        if frequency is not None:
            given, limit = _rate(f.frequency), _rate(frequency)
            if given is None or limit is None:
                unknown.append("dose.frequency")
            elif given[0] * limit[1] > limit[0] * given[1]:
                return False, ()
        if each is None:
            unknown.extend(missing)
        elif each > amount:
            return False, ()
        return (None, tuple(unknown)) if unknown else (True, ())
    if reads is not None:
        reads["dose"] = None if each is None else f"{_show(each)} mcg{'/' + per if per else ''}"
        bsa = _bsa(f)[0] if per == "m2" else None
        if bsa is not None:
            reads["member.bsa_m2"] = _show(bsa)
        if per == "kg" or (f.unit or "").endswith("/kg"):
            reads["member.weight_kg"] = None if f.weight is None else str(f.weight)
    parts: list[Result] = []
    if routes:
        if reads is not None:
            reads["dose.route"] = f.route
        parts.append((None, ("dose.route",)) if f.route is None else (f.route in routes, ()))
    given = None
    days = period_days(period)
    if frequency is not None or days is not None:
        given = _rate(f.frequency)
        if reads is not None:
            reads["dose.frequency"] = f.frequency
        if given is None:
            parts.append((None, ("dose.frequency",)))
        elif frequency is not None:
            limit = _rate(frequency)
            faster = limit is None or given[0] * limit[1] > limit[0] * given[1]
            parts.append((None, ("dose.frequency",)) if limit is None else (not faster, ()))
    if period is None:
        parts.append((None, missing) if each is None else (each <= amount, ()))
    else:
        times: int | None = None
        name = ""
        if days is not None:
            times = None if given is None else max(1, -(-given[0] * days // given[1]))
        else:
            name = "dose.doses" if period == "cycle" else "dose.course_doses"
            times = f.doses if period == "cycle" else f.course_doses
            if reads is not None:
                reads[name] = times
        if each is None:
            parts.append((None, missing + ((name,) if name and times is None else ())))
        elif times is not None:
            parts.append((each * times <= amount, ()))
        elif name:
            parts.append(_bounded(f, period, lambda n: each * n <= amount, name))
        else:  # a total per day or week without the request's frequency (listed above)
            parts.append((None, ()))
    if count is not None:
        name = "dose.doses" if count_of == "cycle" else "dose.course_doses"
        have = f.doses if count_of == "cycle" else f.course_doses
        if reads is not None:
            reads[name] = have
        if have is not None:
            parts.append((have <= count, ()))
        else:
            parts.append(_bounded(f, count_of, lambda n: n <= count, name))
    return _and(parts)


def _bounded(f: Facts, period: str | None, within: Callable[[int], bool], name: str) -> Result:
    """A limit per cycle or per course when only the other count is given: a cycle's doses are at most the
    course's, so the course's count within the limit settles a per-cycle limit, and a cycle's count over it
    settles a per-course limit; otherwise the missing count is needed."""
    if period == "cycle" and f.course_doses is not None and within(f.course_doses):
        return True, ()
    if period == "course" and f.doses is not None and not within(f.doses):
        return False, ()
    return None, (name,)


def quantity(f: Facts, most: int, reads: Reads) -> Result:
    """The units dispensed (syringes, vials, pens) per cycle or course do not exceed ``most``; without
    ``dose.quantity``, more doses than that is over it (each dose takes at least one unit)."""
    if reads is not None:
        reads["dose.quantity"] = f.quantity
    if f.quantity is not None:
        return f.quantity <= most, ()
    if f.doses is not None and f.doses > most:
        return False, ()
    return None, ("dose.quantity",)


def weight(
    f: Facts, low: Decimal | None, low_inclusive: bool, high: Decimal | None, high_inclusive: bool, reads: Reads
) -> Result:
    """The member's weight is in the band (``None`` for an open end)."""
    if reads is not None:
        reads["member.weight_kg"] = None if f.weight is None else str(f.weight)
    if f.weight is None:
        return None, ("member.weight_kg",)
    w = f.weight
    inside = (low is None or (w >= low if low_inclusive else w > low)) and (
        high is None or (w <= high if high_inclusive else w < high)
    )
    return inside, ()


def route(f: Facts, routes: tuple[str, ...], reads: Reads) -> Result:
    if reads is not None:
        reads["dose.route"] = f.route
    return (None, ("dose.route",)) if f.route is None else (f.route in routes, ())


def drug(f: Facts, wanted: frozenset[str], known: frozenset[str], reads: Reads) -> Result:
    """The request is for one of ``wanted`` (a product and its other names), among the ``known`` names of the policy.

    A drug named by none of the policy's names (or more than a name: ``Neulasta Onpro`` is Neulasta) is unknown.
    """
    if reads is not None:
        reads["drug"] = f.drug
    if f.drug is None:
        return None, ("drug",)
    name = product(f.drug, known)
    if name is None:
        return None, ("drug",)
    return name in wanted, ()


@functools.lru_cache(maxsize=1024)
def product(given: str, known: frozenset[str]) -> str | None:
    """The longest known name that ``given`` is, or starts with as whole words; None if there is none."""
    best = None
    for name in known:
        if (given == name or given.startswith(name + " ")) and (best is None or len(name) > len(best)):
            best = name
    return best


def increase(f: Facts, reads: Reads) -> Result:
    """The request is for a dose increase (``dose_increase``)."""
    if reads is not None:
        reads["dose_increase"] = f.dose_increase
    return (None, ("dose_increase",)) if f.dose_increase is None else (f.dose_increase, ())


def uses(f: Facts, members: frozenset[str], reads: Reads) -> Result:
    """The member uses one of ``members`` alongside (``concurrent``), the requested ``drug`` aside."""
    if reads is not None:
        reads["concurrent"] = None if f.concurrent is None else sorted(f.concurrent)
    if f.concurrent is None:
        return None, ("concurrent",)
    return any(name in members and name != f.drug for name in f.concurrent), ()


def measure(f: Facts, name: str, op: str, value: Decimal, reads: Reads) -> Result:
    """A number the criterion compares (``measures`` by name): ``measures[name] op value``."""
    have = f.measures.get(name)
    if reads is not None:
        reads[f"measures.{name}"] = None if have is None else str(have)
    if have is None:
        return None, (f"measures.{name}",)
    return bool(_OPS[op](have, value)), ()


def not_covered(f: Facts, reads: Reads) -> Result:
    """The statement of a set that grants no coverage (*… is considered not medically necessary*): never holds."""
    return False, ()


def all_of(parts: Sequence[Result]) -> Result:
    """Every part holds (Kleene *and*)."""
    return _and(parts)


def any_of(parts: Sequence[Result]) -> Result:
    """Some part holds (Kleene *or*); unknown names the unknown parts' facts."""
    unknown = False
    for v, _ in parts:
        if v is True:
            return True, ()
        if v is None:
            unknown = True
    if not unknown:
        return False, ()
    return None, tuple(name for v, m in parts if v is None for name in m)


def not_of(part: Result) -> Result:
    return (None if part[0] is None else not part[0]), part[1]


def settle(f: Facts, key: str, result: Result) -> Result:
    """A criterion's computed value and its attestation: the attestation settles an unknown; disagreement is unknown."""
    said = f.attestations.get(key) if key in f.settled else None
    if said is None:
        return result
    if result[0] is None or result[0] is said:
        return said, ()
    if f.conflicts is _NO_CONFLICTS:
        f.conflicts = []
    f.conflicts.append((key, result[0], said))
    return None, (f"attestations.{key}",)


def referral(f: Facts, key: str, policies: Mapping[str, str], reads: Reads) -> Result:
    """A referral applies (attested by the reviewer) and names a policy for the member's line of business."""
    said = attest(f, key, reads)
    if reads is not None:
        reads["member.line_of_business"] = f.lob
    lob: Result = (None, ("member.line_of_business",)) if f.lob is None else (f.lob in policies, ())
    return _and([said, lob])


# --- the decision -----------------------------------------------------------------------------


class Duration(TypedDict):
    line_of_business: str | None
    text: str | None  # as the policy writes it
    start: str  # the request date
    end: str | None  # None until the missing facts are given
    missing: list[str]


class Referral(TypedDict):
    criterion: str
    line_of_business: str
    policy: str | None


class Conflict(TypedDict):
    criterion: str
    computed: bool
    attested: bool


class TraceRow(TypedDict):
    id: str
    parent: str | None
    depth: int
    text: str
    line: int
    page: int | None
    reads: dict[str, Any]
    value: Tri
    missing: list[str]  # its own unknown facts


class Decision(TypedDict):
    """What ``evaluate`` returns (JSON-ready): the outcome and why, and with ``trace=True`` every criterion visited."""

    policy: str
    version: str
    date: str
    outcome: str  # approved, denied, needs-review, referred
    set: str | None  # the set that approved or referred
    set_title: str | None
    duration: Duration | None
    referral: Referral | None
    failed: dict[str, str]  # per set that failed: its first failing criterion
    missing: list[str]  # for needs-review: the facts and attestations that would settle it
    conflicts: NotRequired[list[Conflict]]  # attestations that contradict the facts: needs-review, never overridden
    trace: NotRequired[list[TraceRow]]


# --- durations ------------------------------------------------------------------------------


class DurationRule(NamedTuple):
    """An approval duration as a set writes it: for ``lines`` of business (every line when empty), ``amount``
    ``unit``, or to the member's renewal date (``alternative="renewal"``) whichever is ``rule`` (longer or
    shorter); ``text`` as the policy writes it."""

    lines: tuple[str, ...]
    amount: int | None
    unit: str | None
    alternative: str | None
    rule: str | None
    text: str


DurationSpec = DurationRule


def duration(f: Facts, specs: Sequence[DurationSpec]) -> Duration | None:
    """The approval duration for the member's line of business, with its end date from the request date."""
    if not specs:
        return None
    spec = None  # the rule for the member's line of business, else the one for every line
    for s in specs:
        if f.lob is not None and f.lob in s.lines:
            spec = s
            break
        if spec is None and not s.lines:
            spec = s
    out: Duration = {"line_of_business": f.lob, "text": None, "start": f.date.isoformat(), "end": None, "missing": []}
    if spec is None:
        out["missing"] = ["member.line_of_business"] if f.lob is None else []
        return out
    _, amount, unit, alternative, rule, text = spec
    out["text"] = text
    end = None
    if amount is not None and unit is not None:
        u = unit.rstrip("s")
        if u in ("month", "year"):
            end = add_months(f.date, amount * (12 if u == "year" else 1))
        elif u in ("week", "day"):
            end = f.date + dt.timedelta(days=amount * (7 if u == "week" else 1))
    if alternative == "renewal":
        if f.renewal is None:
            out["missing"] = ["member.renewal_date"]
            return out
        longer = max(end, f.renewal) if end is not None else f.renewal
        end = min(end, f.renewal) if end is not None and rule == "shorter" else longer
    out["end"] = None if end is None else end.isoformat()
    return out


# --- the trace and the decision ---------------------------------------------------------------


class Record:
    """One criterion (or set, or note) visited: its id, parent, value, the facts it read, its own unknowns."""

    __slots__ = ("body", "id", "missing", "parent", "reads", "value")

    def __init__(self, id: str, parent: str | None) -> None:
        self.id = id
        self.parent = parent
        self.value: Tri = None
        self.body: Tri = None  # the value of its children combined: they matter only while it is unknown
        self.reads: dict[str, Any] = {}
        self.missing: tuple[str, ...] = ()


def close(
    f: Facts,
    r: Record,
    guards: Sequence[Tri],
    own_guards: Sequence[Result],
    conds: Sequence[Result],
    body: Tri,
    body_own: Result | None = None,
) -> Tri:
    """Settle a node: ``any(guards…, all(conditions…, body))``; its own unknowns are those that can still matter.

    An attestation of the node's id settles its own condition when it has one, else the whole node (:func:`settle`).
    """
    said = f.attestations.get(r.id) if r.id in f.settled else None
    if said is not None and conds and body_own is None:
        conds = [settle(f, r.id, _and(conds))]
    inner = all_([*(v for v, _ in conds), body])
    r.value = any_([*guards, inner])
    r.body = body
    missing = [m for v, ms in own_guards if v is None for m in ms]
    if inner is None:
        missing += [m for v, ms in conds if v is None for m in ms]
        if body_own is not None and body_own[0] is None:
            missing += body_own[1]
    if said is not None and not (conds and body_own is None):
        r.value, extra = settle(f, r.id, (r.value, ()))
        missing = list(extra)
    r.missing = tuple(missing)
    return r.value


def relevant(records: Sequence[Record], root: str) -> list[str]:
    """The facts that could still settle an unknown node: its own, and its unknown children's (all connectives)."""
    children: dict[str | None, list[Record]] = {}
    by_id: dict[str, Record] = {}
    for r in records:
        children.setdefault(r.parent, []).append(r)
        by_id[r.id] = r
    out: list[str] = []
    stack = [by_id[root]] if root in by_id else []
    while stack:
        r = stack.pop()
        if r.value is not None:
            continue
        out.extend(r.missing)
        if r.body is None:
            stack.extend(children.get(r.id, ()))
    return sorted(set(out))


def leaf(f: Facts, tr: list[Record], id: str, parent: str, check: Result, reads: dict[str, Any]) -> Tri:
    """Record a leaf check in the trace (settled by its attestation, if any) and return its value."""
    if id in f.settled:
        check = settle(f, id, check)
    r = Record(id, parent)
    r.value, r.missing, r.reads = check[0], check[1], reads
    tr.append(r)
    return r.value


class SetSpec(NamedTuple):
    """A criteria set of a version: its id and title, the request kind it answers (``initial``/``continued``),
    whether it refers elsewhere, its durations, and its two functions (value only; value with the trace)."""

    id: str
    title: str
    kind: str | None
    referral: bool
    durations: tuple[DurationRule, ...]
    fast: Callable[[Facts], tuple[Tri, str | None]]
    traced: Callable[[Facts, list[Record]], tuple[Tri, str | None]]


def pick_sets(sets: Sequence[SetSpec], wanted: str | None) -> Sequence[SetSpec]:
    """The sets a request asks for: all, or the one named by ``criteria_set`` (its id or its title)."""
    if wanted is None:
        return sets
    chosen = [s for s in sets if s.id == wanted]
    if not chosen:
        key = normalize(wanted)
        chosen = [s for s in sets if normalize(s.title) == key]
    if not chosen:
        raise RequestError(f"criteria_set {brief(wanted)} is not a criteria set of this policy version")
    return chosen


def check_attestations(f: Facts, known: frozenset[str]) -> None:
    if known.issuperset(f.attestations):
        return
    for key in f.attestations:
        if key not in known:
            raise RequestError(
                f"unknown key {brief('attestations.' + key)}: not a judgment criterion of this policy version"
            )


def check_measures(f: Facts, unsigned: frozenset[str]) -> None:
    """A measure the criteria compare only with numbers ≥ 0 (a risk in %, hours after chemotherapy, a count) cannot
    be negative: such a value is an input error, not a member.  One compared with a negative number (a z-score
    ``≤ -2``, a base excess) may be negative."""
    for name in unsigned.intersection(f.measures):
        if f.measures[name] < 0:
            raise RequestError(f"measures.{name} must be a number from 0, not {f.measures[name]}")


def referral_of(
    records: Sequence[Record], set_id: str, policies: Mapping[str, Mapping[str, str]], lob: str | None
) -> Referral | None:
    """The first referral criterion that holds in a set's trace, and the policy it names for the member."""
    inside = {set_id}
    for r in records:
        if r.parent in inside:
            inside.add(r.id)
            if r.value is True and r.id in policies and lob is not None:
                return {"criterion": r.id, "line_of_business": lob, "policy": policies[r.id].get(lob)}
    return None


def decide(
    f: Facts,
    sets: Sequence[SetSpec],
    policies: Mapping[str, Mapping[str, str]],
    head: tuple[str, str],
    trace: bool,
) -> tuple[Decision, list[Record]]:
    """Evaluate the sets; the decision, and the trace records when they were kept (or needed to explain it)."""
    values: list[tuple[SetSpec, Tri, str | None]] = []
    records: list[Record] = []
    if trace:
        for s in sets:
            value, failed = s.traced(f, records)
            values.append((s, value, failed))
    else:
        for s in sets:
            value, failed = s.fast(f)
            if value is True and not s.referral:  # the first approving set decides: the rest cannot change that
                return {
                    "policy": head[0],
                    "version": head[1],
                    "date": f.date.isoformat(),
                    "outcome": "approved",
                    "set": s.id,
                    "set_title": s.title,
                    "duration": duration(f, s.durations),
                    "referral": None,
                    "failed": {},
                    "missing": [],
                }, records
            values.append((s, value, failed))
    approval = [(s, v) for s, v, _ in values if not s.referral]
    referrals = [(s, v) for s, v, _ in values if s.referral]
    decision: Decision = {
        "policy": head[0],
        "version": head[1],
        "date": f.date.isoformat(),
        "outcome": "denied",
        "set": None,
        "set_title": None,
        "duration": None,
        "referral": None,
        "failed": {},
        "missing": [],
    }
    winner = next((s for s, v in approval if v is True), None)
    unknown = [s for s, v in approval if v is None]
    referred = next((s for s, v in referrals if v is True), None)
    settle = list(unknown)
    if referred is None:
        settle += [s for s, v in referrals if v is None]
    chosen = winner or (None if unknown else referred)
    if winner is not None:
        decision["outcome"] = "approved"
        decision["duration"] = duration(f, winner.durations)
    elif unknown or (referred is None and settle):
        decision["outcome"] = "needs-review"
    elif referred is not None:
        decision["outcome"] = "referred"
    if chosen is not None and decision["outcome"] != "needs-review":
        decision["set"], decision["set_title"] = chosen.id, chosen.title
    if not trace:  # explain from the traced evaluation of only the sets the explanation needs
        for s in settle if decision["outcome"] == "needs-review" else [referred] if referred is not None else []:
            s.traced(f, records)
    if decision["outcome"] == "needs-review":
        decision["missing"] = sorted({m for s in settle for m in relevant(records, s.id)})
    if decision["outcome"] == "referred" and referred is not None:
        decision["referral"] = referral_of(records, referred.id, policies, f.lob)
    if decision["outcome"] != "approved":
        decision["failed"] = {s.id: failed for s, v, failed in values if v is False and failed is not None}
    if f.conflicts:
        seen = dict.fromkeys(f.conflicts)
        decision["conflicts"] = [{"criterion": k, "computed": c, "attested": a} for k, c, a in seen]
        if decision["outcome"] == "approved":  # an approval never rests on facts an attestation contradicts
            decision["outcome"], decision["set"], decision["set_title"] = "needs-review", None, None
            decision["duration"] = None
            decision["missing"] = sorted({f"attestations.{k}" for k, _, _ in seen})
    return decision, records


def trace_rows(records: Sequence[Record], texts: Mapping[str, tuple[str, int, int | None]]) -> list[TraceRow]:
    """The trace as plain rows: id, parent, depth, text, line, page, reads, value, own unknowns."""
    depth: dict[str | None, int] = {}
    rows: list[TraceRow] = []
    none = ("", 0, None)
    for r in records:
        d = depth[r.id] = depth.get(r.parent, -1) + 1
        text, line, page = texts.get(r.id, none)
        rows.append(
            {
                "id": r.id,
                "parent": r.parent,
                "depth": d,
                "text": text,
                "line": line,
                "page": page,
                "reads": r.reads,
                "value": r.value,
                "missing": list(r.missing),
            }
        )
    return rows
