"""The runtime of generated policy rules: request facts, three-valued checks, durations, the decision and its trace.

Standard library only: ``policyvc rules`` copies this file next to the modules it writes, so a utilization
management system can vendor the output folder without installing policyvc.  A value is ``True``, ``False`` or
``None`` (unknown); every check returns ``(value, missing)`` where ``missing`` names the request facts or
attestations that would settle an unknown value (empty when the value is known), and writes what it read into
``reads`` when a trace is being kept.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import math
import operator
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
    "dose": ("amount", "unit", "route", "frequency", "doses", "course_doses", "quantity", "days_supply"),
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
            exact: Decimal | None = _DECIMALS.get(value)  # type: ignore[call-overload]
            if exact is None:
                exact = Decimal(str(value))
                if value:  # -0.0 equals 0.0 as a key, and keeps its sign: never remembered
                    if len(_DECIMALS) >= _REMEMBERED:
                        _DECIMALS.clear()
                    _DECIMALS[value] = exact  # type: ignore[index]
            return exact
    elif kind is str:
        raise RequestError(f"{key} must be a number (a finite JSON number, not a string), not {brief(value)}")
    else:
        raise RequestError(f"{key} must be a number, not {brief(value)}")
    raise RequestError(f"{key} must be a finite number from {low} to {high}, not {brief(value)}")


def _whole_range(key: str) -> tuple[int, int]:
    """The whole numbers of a key's range: an int is in ``[low, high]`` iff it is in ``[⌈low⌉, ⌊high⌋]``, which
    compares int to int (a Decimal bound costs twice as much)."""
    low, high = RANGES.get(key, MEASURE_RANGE)
    return math.ceil(low), math.floor(high)


_AGE = _whole_range("member.age")
_WEIGHT = _whole_range("member.weight_kg")
_HEIGHT = _whole_range("member.height_cm")
_BSA = _whole_range("member.bsa_m2")
_AMOUNT = _whole_range("dose.amount")
_MEASURE = _whole_range("measures")


def _date(value: object, key: str) -> dt.date:
    day = _DATES.get(value) if type(value) is str else None
    if day is not None:
        return day
    if type(value) is not str:
        raise RequestError(f"{key} must be a date YYYY-MM-DD, not {brief(value)}")
    day = _iso_date(value)
    if day is None:
        if not _ISO.fullmatch(value):
            raise RequestError(f"{key} must be a date YYYY-MM-DD, not {brief(value)}")
        raise RequestError(f"{key} {brief(value)} is not a real calendar date")
    if not FIRST_DATE <= day <= LAST_DATE:
        raise RequestError(f"{key} {value} is out of range: expected a date from {FIRST_DATE} to {LAST_DATE}")
    if len(_DATES) >= _REMEMBERED:
        _DATES.clear()
    _DATES[value] = day
    return day


@functools.lru_cache(maxsize=4096)
def _iso_date(value: str) -> dt.date | None:
    if not _ISO.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)  # ASCII digits only: the text is then the date's isoformat()
    except ValueError:
        return None


def _text(value: object, key: str) -> str:
    if type(value) is str and len(value) <= MAX_TEXT:
        text = value.strip()
        if text:
            return text
    if type(value) is str and len(value) > MAX_TEXT:  # before any work on it (strip, NFKC, matching)
        raise RequestError(f"{key} is {len(value)} characters long: at most {MAX_TEXT} are read")
    raise RequestError(f"{key} must be a non-empty string, not {brief(value)}")


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
    if not value:
        return ()
    texts = []
    for i, item in enumerate(value):
        text = item.strip() if type(item) is str and len(item) <= MAX_TEXT else ""
        texts.append(text or _text(item, f"{key}[{i}]"))  # the item's error (its index named only then)
    return tuple(texts)


def _count(value: object, key: str) -> int:
    if type(value) is not int or not 0 <= value <= MAX_DOSES:
        raise RequestError(f"{key} must be a whole number from 0 to {MAX_DOSES}, not {brief(value)}")
    return value


# A text read once is read the same way every time: its reading (the checks included) is remembered per text,
# so a service deciding many requests normalises each drug, specialty or state it sees once.  Only texts that
# passed the checks are remembered; each table is emptied when full (bounded memory whatever the requests).
# Each entry is a pure function of its key, so threads sharing the tables can at worst recompute one.
_REMEMBERED = 4096
_REMEMBERED_CHARS = 200  # a name is shorter; a longer text (up to MAX_TEXT) is read again each time
_DATES: dict[str, dt.date] = {}  # a date's text → the date, once it passed every check
_DECIMALS: dict[float, Decimal] = {}  # a float of a request → its Decimal (by its shortest repr, as JSON wrote it)
_TERMS: dict[str, str] = {}
_STATES: dict[str, str] = {}
_LINES: dict[str, str] = {}
_MEASURE_NAMES: dict[str, str] = {}


def _remember(table: dict[str, str], text: str, reading: str) -> str:
    if len(text) <= _REMEMBERED_CHARS:
        if len(table) >= _REMEMBERED:
            table.clear()
        table[text] = reading
    return reading


def _term(value: object, key: str) -> str:
    """A name for matching: :func:`normalize` of the checked text (:func:`_text`)."""
    term = _TERMS.get(value) if type(value) is str else None
    return term if term is not None else _remember(_TERMS, value, normalize(_text(value, key)))  # type: ignore[arg-type]


def _state(value: object) -> str:
    """``member.state``: a two-letter code, upper case."""
    code = _STATES.get(value) if type(value) is str else None
    if code is None:
        code = _text(value, "member.state").upper()
        if len(code) != 2 or not code.isascii() or not code.isalpha():
            raise RequestError(f"member.state must be a two-letter state code, not {brief(value)}")
        _remember(_STATES, value, code)  # type: ignore[arg-type]
    return code


def _line(value: object) -> str:
    """``member.line_of_business``: its canonical name (:func:`line_of_business`)."""
    lob = _LINES.get(value) if type(value) is str else None
    if lob is None:
        lob = line_of_business(_text(value, "member.line_of_business"))
        if lob is None:
            raise RequestError(
                f"member.line_of_business must be one of {', '.join(LINES_OF_BUSINESS)}, not {brief(value)}"
            )
        _remember(_LINES, value, lob)  # type: ignore[arg-type]
    return lob


def _measure_name(value: object) -> str:
    """A measure's name as the checks look it up: case-folded, spaces collapsed."""
    name = _MEASURE_NAMES.get(value) if type(value) is str else None
    if name is None:
        name = _remember(_MEASURE_NAMES, value, " ".join(_text(value, "measures").casefold().split()))  # type: ignore[arg-type]
    return name


def request_date(request: object) -> dt.date:
    """The request's ``date`` (checked), before the rest of it is read."""
    top = request if type(request) is dict and _TOP.issuperset(request) else _object(request, "")
    day = top.get("date")
    if day is None and "date" not in top:
        raise RequestError("missing key 'date'")
    return _date(day, "date")


@functools.lru_cache(maxsize=256)
def line_of_business(text: str) -> str | None:
    """The canonical line of business (``Commercial``, ``HIM``, ``Medicaid``) of a name, or None."""
    return _LOB_ALIASES.get(" ".join(text.casefold().split()))


_POSSESSIVE = re.compile(r"(?<=\w)['\u2019\u02bc]s\b")
_APOSTROPHE = re.compile(r"(?<=\w)['\u2019\u02bc](?=\w)")


@functools.lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """A term for matching: NFKC, case-folded, marks (® ™ *) and punctuation dropped, spaces collapsed."""
    # marks on letters dropped (``Sjögren`` is ``Sjogren``): a request typed without them names the same thing
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text).casefold()
    # a possessive is the name without it (``Alzheimer's`` is ``Alzheimers`` is ``Alzheimer``), an apostrophe
    # inside a word joins it: however a request writes it, the same term
    text = _APOSTROPHE.sub("", _POSSESSIVE.sub("", text))
    text = re.sub(r"[^\w\s/-]", " ", text)
    return " ".join(text.split())


_TOP = _ALLOWED[""]
_MEMBER = _ALLOWED["member"]
_DOSE = _ALLOWED["dose"]
_PRESCRIBER = _ALLOWED["prescriber"]


class Facts:
    """A validated request, with the facts derived once: age on the request date, terms; BSA (Mosteller) on demand.

    A key given as JSON ``null`` counts as not given.  The keys are read in the contract's order (:data:`KEYS`), so
    a request with several errors reports the first of them; each check is inline where it is cheap, and a text's
    reading is remembered (:func:`_term`).
    """

    __slots__ = (
        "age",
        "age_days",
        "age_months",
        "amount",
        "attestations",
        "bsa",
        "concurrent",
        "conflicts",
        "course_doses",
        "criteria_set",
        "date",
        "day",
        "days_supply",
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
        "unknown",
        "weight",
    )
    # read by _member and _dose
    age: Num | None
    age_months: Num | None
    age_days: int | None
    weight: Num | None
    height: Num | None
    bsa: Num | None
    state: str | None
    lob: str | None
    renewal: dt.date | None
    amount: Num | None
    unit: str | None
    route: str | None
    frequency: str | None
    doses: int | None
    course_doses: int | None
    quantity: int | None
    days_supply: int | None

    def __init__(self, request: object, expand: Mapping[str, str]) -> None:
        top = request if type(request) is dict and _TOP.issuperset(request) else _object(request, "")
        get = top.get
        value = get("date")
        if value is None:
            raise RequestError("missing key 'date'")
        self.date = _date(value, "date")
        self.day: str = value  # type: ignore[assignment]  # the date's ISO text (_iso_date accepted exactly that)
        value = get("request")
        self.kind = None if value is None else _choice(value, "request", REQUEST_KINDS)
        value = get("drug")
        self.drug = None if value is None else _term(value, "drug")
        self._member(get("member"))
        value = get("diagnoses")
        self.diagnoses = None if value is None else _diagnoses(_strings(value, "diagnoses"), expand)
        value = get("prescriber")
        if value is not None:
            value = (
                value if type(value) is dict and _PRESCRIBER.issuperset(value) else _object(value, "prescriber")
            ).get("specialty")
        self.specialty = None if value is None else _term(value, "prescriber.specialty")
        self._dose(get("dose"))
        value = get("dose_increase")
        if value is not None and type(value) is not bool:
            raise RequestError(f"dose_increase must be true or false, not {brief(value)}")
        self.dose_increase: bool | None = value
        value = get("therapies")
        self.therapies: dict[str, str] | None = None
        if value is not None:
            if not isinstance(value, dict):
                raise RequestError("therapies must be an object of drug: status")
            therapies: dict[str, str] = {}  # (loops, not comprehensions: a comprehension is a call of its own)
            for drug, status in value.items():
                name = _term(drug, "therapies")
                if type(status) is not str or status not in THERAPY_STATUSES:
                    status = _choice(status, f"therapies.{str(drug)[:40]}", THERAPY_STATUSES)
                therapies[name] = status
            self.therapies = therapies
        value = get("concurrent")
        self.concurrent: frozenset[str] | None = None
        if value is not None:
            self.concurrent = frozenset(map(normalize, _strings(value, "concurrent")))
        value = get("measures")
        self.measures: Mapping[str, Num] = _NO_MEASURES
        if value is not None:
            measures: dict[str, Num] = {}
            for name, number in _object(value, "measures").items():
                key = _measure_name(name)
                if type(number) is not int or not _MEASURE[0] <= number <= _MEASURE[1]:
                    number = _number(number, f"measures.{name}")  # a float, or the error
                measures[key] = number
            self.measures = measures
        self.conflicts: list[tuple[str, bool, bool]] = _NO_CONFLICTS  # (criterion, computed, attested)
        self.settled: frozenset[str] = _NOTHING  # the computed criteria an attestation may settle
        self.unknown: tuple[str, ...] = ()  # attested ids the version does not have (:func:`check_attestations`)
        value = get("criteria_set")
        self.criteria_set = None if value is None else _text(value, "criteria_set")
        value = get("attestations")
        self.attestations: dict[str, bool] = _NO_ATTESTATIONS if value is None else _object(value, "attestations")  # type: ignore[assignment]
        for key, answer in self.attestations.items():
            if type(answer) is not bool and answer is not None:
                raise RequestError(f"attestations.{brief(key)} must be true or false, not {brief(answer)}")
        if None in self.attestations.values():  # (``null`` counts as not given, as for every field)
            self.attestations = {k: v for k, v in self.attestations.items() if v is not None}

    def _member(self, member: object) -> None:
        """``member``: age (given, else from the birth date), size, state, line of business, renewal date."""
        if member is None:
            self.age = self.age_months = self.age_days = self.weight = self.height = self.bsa = None
            self.state = self.lob = self.renewal = None
            return
        m = member if type(member) is dict and _MEMBER.issuperset(member) else _object(member, "member")
        get = m.get
        value = get("age")
        if value is not None and (type(value) is not int or not _AGE[0] <= value <= _AGE[1]):
            value = _number(value, "member.age")  # a float, or the error
        self.age = value
        self.age_months = None if self.age is None else self.age * 12
        self.age_days = None  # (an age in days or weeks is counted from the birth date only: years are no days)
        value = get("birth_date")
        if value is not None:
            birth = _date(value, "member.birth_date")
            self.age_days = (self.date - birth).days
            months = (self.date.year - birth.year) * 12 + self.date.month - birth.month - (self.date.day < birth.day)
            if months < 0:
                raise RequestError("member.birth_date is after the request date")
            self.age_months = Decimal(months)
            if self.age is None:
                self.age = Decimal(months // 12)
        value = get("weight_kg")
        if value is not None and (type(value) is not int or not _WEIGHT[0] <= value <= _WEIGHT[1]):
            value = _number(value, "member.weight_kg")  # a float, or the error
        self.weight = value
        value = get("height_cm")
        if value is not None and (type(value) is not int or not _HEIGHT[0] <= value <= _HEIGHT[1]):
            value = _number(value, "member.height_cm")  # a float, or the error
        self.height = value
        value = get("bsa_m2")
        if value is not None and (type(value) is not int or not _BSA[0] <= value <= _BSA[1]):
            value = _number(value, "member.bsa_m2")  # a float, or the error
        self.bsa = value
        value = get("state")
        self.state = None if value is None else _state(value)
        value = get("line_of_business")
        self.lob = None if value is None else _line(value)
        value = get("renewal_date")
        self.renewal = None if value is None else _date(value, "member.renewal_date")

    def _dose(self, dose: object) -> None:
        """``dose``: amount and unit, route, frequency, doses per cycle and course, quantity."""
        if dose is None:
            self.amount = self.unit = self.route = self.frequency = None
            self.doses = self.course_doses = self.quantity = self.days_supply = None
            return
        d = dose if type(dose) is dict and _DOSE.issuperset(dose) else _object(dose, "dose")
        get = d.get
        value = get("amount")
        if value is not None and (type(value) is not int or not _AMOUNT[0] <= value <= _AMOUNT[1]):
            value = _number(value, "dose.amount")  # a float, or the error
        self.amount = value
        value = get("unit")
        self.unit = None if value is None else _choice(value, "dose.unit", UNITS)
        value = get("route")
        self.route = None if value is None else _choice(value, "dose.route", ROUTES)
        value = get("frequency")
        self.frequency = None
        if value is not None:
            frequency = _term(value, "dose.frequency")
            self.frequency = _FREQUENCIES.get(frequency, frequency)
        value = get("doses")
        self.doses = None if value is None else _count(value, "dose.doses")
        value = get("course_doses")
        self.course_doses = None if value is None else _count(value, "dose.course_doses")
        value = get("quantity")
        self.quantity = None if value is None else _count(value, "dose.quantity")
        value = get("days_supply")
        self.days_supply = None if value is None else _count(value, "dose.days_supply")
        if self.days_supply == 0:
            raise RequestError("dose.days_supply: expected a number of days of at least 1, got 0")


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
_NO_ATTESTATIONS: dict[str, bool] = {}  # shared and never written to
_NO_CONFLICTS: list[tuple[str, bool, bool]] = []  # shared and never appended to (see settle)
_NOTHING: frozenset[str] = frozenset()


def expansions(abbreviations: Mapping[str, str]) -> dict[str, str]:
    """Normalised abbreviation → expansion and expansion → abbreviation (Appendix A), for :func:`terms`."""
    out: dict[str, str] = {}
    for short, long in abbreviations.items():
        out.setdefault(normalize(short), normalize(long))
        out.setdefault(normalize(long), normalize(short))
    return out


def terms(names: Iterable[str], expand: Mapping[str, str]) -> frozenset[str]:
    """Normalised terms, each abbreviation standing also for its expansion and the other way round — also inside a
    longer term (``chronic HCV`` is ``chronic hepatitis C virus``) — and an infection also by its pathogen's name
    (``chronic hepatitis C virus infection`` is ``chronic hepatitis C``): a dosing row's label and a request's
    diagnosis are one disease however each is written."""
    out: set[str] = set()
    for name in names:
        term = normalize(name)
        found = {term}
        if term in expand:
            found.add(expand[term])
        for short, long in expand.items():
            for form in tuple(found):
                if " " in form and f" {short} " in f" {form} ":
                    found.add(f" {form} ".replace(f" {short} ", f" {long} ").strip())
        for form in tuple(found):
            bare = _PATHOGEN.sub("", form)
            if bare and bare != form:
                found.add(bare)
        out |= found
    return frozenset(out)


# an infection named by its pathogen: ``hepatitis C virus infection``, ``HIV infection`` (matched without the words)
_PATHOGEN = re.compile(r"(?:\s+virus)?(?:\s+infection)?$")


_ARTICLE = re.compile(r"^(?:an?|the) ")
# words that end in -s and are no plural (``diabetes`` is no more than one ``diabete``); -us, -is, -ss are kept anyway
_SINGULAR_S = frozenset(
    {"diabetes", "herpes", "rabies", "scabies", "series", "species", "caries", "measles", "mumps", "rickets",
     "shingles", "aids", "lupus", "pertussis"}
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def canon(term: str) -> str:
    """A diagnosis for matching: normalised, without a leading article, each word singular (``malignancies``)."""
    words = []
    for word in _ARTICLE.sub("", normalize(term)).split():
        if word in _SINGULAR_S:
            pass
        elif len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        words.append(word)
    # (``diabetes`` said alone is diabetes mellitus — nobody writes it for diabetes insipidus —: a request for
    # ``type 2 diabetes`` names what ``Diagnosis of type 2 diabetes mellitus`` does)
    return " ".join(words).replace("diabetes mellitus", "diabetes")


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
    after = bisect.bisect_right(dates, on)  # the first dated after it
    return after - 1 if after else None


# --- checks -----------------------------------------------------------------------------

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "≥": operator.ge,
    ">": operator.gt,
    "≤": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}


def age(f: Facts, op: str, value: Decimal, unit: str, reads: Reads) -> Result:
    if unit.startswith(("day", "week")):
        # (*14 days of age or younger*: whole days from the birth date; an age in years or months tells no days —
        # the birth date is asked for, never a guess)
        if reads is not None:
            reads["member.birth_date"] = None if f.age_days is None else f"{f.age_days} days"
        if f.age_days is None:
            return None, ("member.birth_date",)
        have_days: Num = f.age_days if unit.startswith("day") else Decimal(f.age_days // 7)
        return bool(_OPS[op](have_days, value)), ()
    months = unit.startswith("month")
    have = f.age_months if months else f.age
    if reads is not None:
        reads["member.age"] = None if f.age is None else str(f.age)
    if have is None:
        return None, ("member.age",)
    if f.age_days is None and f.age is not None and f.age == int(f.age) and (months or value != int(value)):
        # (an age in whole years, no birth date: *0 years* is any month from 0 to 11 — a limit in months, or one in
        # parts of a year (*2.5 years*), is decided only when it is for every month of that year; else the birth
        # date.  An age given in parts of a year, *0.4*, is as fine as it is written)
        lo = f.age * 12
        hi = (int(f.age) + 1) * 12 - 1  # (the last whole month before the next birthday)
        if not months:
            value = value * 12
        first, last = bool(_OPS[op](lo, value)), bool(_OPS[op](max(lo, Decimal(hi)), value))
        if op == "=":
            return (None, ("member.birth_date",)) if lo <= value <= hi else (False, ())
        return (first, ()) if first == last else (None, ("member.birth_date",))
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
    if any(w.startswith(term + " ") for term in f.diagnoses for w in wanted):
        # (a name the criterion's opens with — ``osteoradionecrosis`` of *osteoradionecrosis or soft tissue radiation
        # necrosis*, its words shared or not: which it is, the reviewer tells; never a denial by a reading of its or)
        return None, (f"attestations.{key}",)
    if any(_unqualified(w) in f.diagnoses for w in wanted):
        # (the criterion's diagnosis named without the severity it requires — ``obstructive sleep apnea`` for
        # *moderate to severe obstructive sleep apnea*: how severe is the reviewer's, never a denial by its name;
        # the criterion's attestation answers it)
        said = f.attestations.get(key)
        return (said, ()) if said is not None else (None, (f"attestations.{key}",))
    if any(" " not in term and f" {term} " in f" {w} "[:-1] for term in f.diagnoses for w in wanted):
        # (a requested one-word name standing inside a name the criterion gives, words after it — ``hefh`` in
        # *heterozygous familial hypercholesterolemia (HeFH) or established …* read as one name: the abbreviation the
        # policy defines where it names the disease, the criterion's own word, so never a denial; which it is, the
        # reviewer tells.  A name the criterion's ends with — ``neuroblastoma`` for *relapsed … neuroblastoma* — is
        # the disease without the stage the criterion requires: a denial, as before)
        return None, (f"attestations.{key}",)
    return False, ()


def _unqualified(term: str) -> str:
    """``term`` without the words of severity it opens with (``moderate to severe``, ``mild or moderate``,
    ``severe``); ``term`` itself when it opens with none or is nothing else.  (Words of course — *relapsed or
    refractory* — name another stage of a disease, not how severe it is: kept.)"""
    words = term.split()
    i = 0
    while i < len(words) and (words[i] in _SEVERITY_WORDS or (i and words[i] in _SEVERITY_LINKS)):
        i += 1
    while i and words[i - 1] in _SEVERITY_LINKS:  # (never a link word left dangling: ``… to``)
        i -= 1
    return " ".join(words[i:]) if 0 < i < len(words) else term


_SEVERITY_WORDS = frozenset({"mild", "moderate", "severe", "moderately", "severely"})
_SEVERITY_LINKS = frozenset({"to", "or", "and"})


# words that say how a diagnosis presents, not which one it is: dropped before two names are compared as close
_COURSE_WORDS = frozenset({
    "mild", "moderate", "severe", "active", "acute", "chronic", "refractory", "recurrent", "relapsed", "persistent",
    "uncontrolled", "stable", "early", "advanced", "progressive",
})  # fmt: skip


def _core_words(term: str) -> tuple[str, ...]:
    return tuple(w for w in term.split() if w not in _COURSE_WORDS)


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short``'s words stand together in ``long``."""
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


# the words after which a refused name says what the condition is without (``snoring without obstructive sleep
# apnea``): a request naming those is the opposite of the refused one, never close to it
_WITHOUT = frozenset({"without", "absent", "excluding", "absence"})
_LINK_WORDS = frozenset({"in", "the", "of"})  # (``… in the absence of …``: not the condition's words)


def _head_words(term: str) -> tuple[str, ...]:
    """A refused name's core words before a *without* (the whole name when it has none)."""
    words = _core_words(term)
    for i, w in enumerate(words):
        if w in _WITHOUT:
            head = words[:i]
            while head and head[-1] in _LINK_WORDS:
                head = head[:-1]
            return head
    return words


def refused(f: Facts, key: str, wanted: frozenset[str], named: frozenset[str], reads: Reads) -> Result:
    """A requested diagnosis is one the policy refuses coverage for (``wanted``: *Diagnoses/Indications for which
    coverage is NOT authorized*, a non-coverage statement's list of conditions).

    True for the name as the text writes it (its abbreviation, its expansion); unknown for a name the policy does
    not name that is close to it — the one inside the other once words of course and severity are set aside
    (``central nervous system lupus`` for *severe active central nervous system lupus*, ``chronic migraine`` for
    *migraine*; the words after a *without* are what the refused one is not: ``obstructive sleep apnea`` is not
    close to *snoring without obstructive sleep apnea*): the reviewer's (``attestations.<key>``), never false
    while it may be the one refused.  A request
    without ``diagnoses`` names none: the approval rests on the diagnosis or statement a reviewer attested."""
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
    if f.diagnoses is None:
        return False, ()
    if not wanted.isdisjoint(f.diagnoses):
        return True, ()
    for term in f.diagnoses:
        if term in named:
            continue  # (a diagnosis the policy names is decided as it names it)
        mine = _core_words(term)
        for w in wanted:
            theirs = _head_words(w)
            if _within(mine, theirs) or _within(theirs, mine):
                return None, (f"attestations.{key}",)
    return False, ()


def stated_indication(f: Facts, key: str, wanted: frozenset[str], others: tuple[str, ...], reads: Reads) -> Result:
    """The statement of an approving set that names one indication (*… medically necessary for chronic refractory
    osteomyelitis when …*): the reviewer's (``attestations.<key>``), save that a request which attests another
    statement of the policy true (it says which the request is about) and names diagnoses, none sharing a word
    of substance with the indication, is not this statement's — false.  Never true unless attested: it names the
    service as well."""
    value = f.attestations.get(key)
    if reads is not None:
        reads[f"attestations.{key}"] = value
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
    if value is not None:
        return value, ()
    # (another statement attested: the request says which it is about; no word of this indication among its own)
    attested = any(f.attestations.get(o) is True for o in others)
    if f.diagnoses and wanted and attested and not _shares_word(f.diagnoses, wanted):
        return False, ()
    return None, (f"attestations.{key}",)


def other_service(f: Facts, key: str, others: tuple[str, ...], reads: Reads) -> Result:
    """The statement of an approving set beside statements of other services (*replacement of the … generator*
    beside *implantation of a … system*): the reviewer's (``attestations.<key>``), save that a request attesting one
    of those true is about that service — not this statement's: false.  Never true unless attested."""
    value = f.attestations.get(key)
    if reads is not None:
        reads[f"attestations.{key}"] = value
    if value is not None:
        return value, ()
    if any(f.attestations.get(o) is True for o in others):
        return False, ()
    return None, (f"attestations.{key}",)


def listed_condition(f: Facts, key: str, wanted: frozenset[str], reads: Reads) -> Result:
    """An item of an approving statement's list of conditions (*… medically necessary for any of the following
    conditions: Decompression illness;*): true for a requested diagnosis named as it names it, false when the
    request names diagnoses none sharing a word of substance with it, else the reviewer's (``attestations.<key>``:
    a request without ``diagnoses``, or one perhaps naming it otherwise: *decompression sickness*)."""
    said = f.attestations.get(key)
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
        reads[f"attestations.{key}"] = said
    if said is not None:
        return said, ()
    if f.diagnoses is None:
        return None, (f"attestations.{key}",)
    if not wanted.isdisjoint(f.diagnoses):
        return True, ()
    if _shares_word(f.diagnoses, wanted):
        return None, (f"attestations.{key}",)
    return False, ()


# words two names of diagnoses share without being alike: not weighed when they are compared
_LINK_WORDS = frozenset({"of", "the", "and", "or", "with", "without", "to", "in", "a", "an", "for", "by", "on", "due"})


def _shares_word(terms: frozenset[str], wanted: frozenset[str]) -> bool:
    """A requested diagnosis and a named one share a word of substance (*decompression sickness*, *decompression
    illness*): perhaps the same condition named otherwise — never read as another one."""
    theirs = {w for t in wanted for w in t.split()} - _COURSE_WORDS - _LINK_WORDS
    return any(w in theirs for t in terms for w in t.split())


def scoped(f: Facts, key: str, wanted: frozenset[str], reads: Reads) -> Result:
    """The member is of the subgroup a criterion is scoped to (*For members with diabetes mellitus, HbA1c < 8%*):
    true for a requested diagnosis named as the scope names it, or narrowing it (``type 2 diabetes mellitus``: the
    scope's name closes it); else unknown, the reviewer's (``attestations.<key>``) — ``diagnoses`` name what the
    request is for, not every condition the member has, so a list without the subgroup never says the member is
    outside it."""
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
    if f.diagnoses is not None and any(t in wanted or any(t.endswith(" " + w) for w in wanted) for t in f.diagnoses):
        return True, ()
    return None, (f"attestations.{key}",)


def heading_diagnosis(
    f: Facts, key: str, wanted: frozenset[str], named: frozenset[str], broad: bool, reads: Reads
) -> Result:
    """A set's heading read as the diagnosis criterion ``key`` of the initial set of the same heading (the set has
    none of its own): decided as that criterion is; one it leaves unknown is settled by its attestation.  A request
    that states no diagnoses is decided by the set's own criteria, as before the heading was read (the heading
    only keeps a set from a request for another diagnosis)."""
    if f.diagnoses is None:
        return True, ()
    value, missing = diagnosis(f, key, wanted, named, broad, reads)
    said = f.attestations.get(key) if value is None else None
    if said is not None:
        return said is True, ()
    return value, missing


def prescriber(f: Facts, stems: tuple[str, ...], reads: Reads) -> Result:
    if reads is not None:
        reads["prescriber.specialty"] = f.specialty
    specialty = f.specialty
    if specialty is None:
        return None, ("prescriber.specialty",)
    for stem in stems:  # (a loop, not any() of a generator: a generator is a call of its own)
        if stem in specialty:
            return True, ()
    return False, ()


def step_therapy(f: Facts, drugs: tuple[str, ...], accepted: tuple[str, ...], reads: Reads) -> Result:
    """Every one of ``drugs`` was tried with a status in ``accepted`` (Kleene *and* over the drugs)."""
    unknown: list[str] = []
    refused = False
    for drug in drugs:
        status = None if f.therapies is None else f.therapies.get(normalize(drug))
        if reads is not None:
            reads[f"therapies.{drug}"] = status
        if status is None:
            unknown.append(f"therapies.{drug}")
        elif status not in accepted:
            refused = True
            if reads is None:  # without the trace, the rest is not read
                break
    if refused:
        return False, ()
    return (None, tuple(unknown)) if unknown else (True, ())


def step_count(
    f: Facts, n: int, subjects: tuple[tuple[str, ...], ...], accepted: tuple[str, ...], reads: Reads
) -> Result:
    """At least ``n`` of ``subjects`` (each a drug or class by any of its names) tried with a status in ``accepted``
    (*Trial and failure of at least TWO of the following, unless contraindicated …: A, B, C*), Kleene at-least-N.
    A subject is met when a name of it has an accepted status and none a refusing one, failed when a name has a
    refusing status and none an accepted one; names that disagree, or none given, leave it unknown."""
    met = refused = 0
    unknown: list[str] = []
    for names in subjects:
        good = bad = False
        for name in names:
            status = None if f.therapies is None else f.therapies.get(normalize(name))
            if reads is not None and (status is not None or name == names[0]):
                reads[f"therapies.{name}"] = status
            if status is None:
                continue
            if status in accepted:
                good = True
            else:
                bad = True
        if good and not bad:
            met += 1
        elif bad and not good:
            refused += 1
        else:
            unknown.append(f"therapies.{names[0]}")
    if met >= n:
        return True, ()
    if len(subjects) - refused < n:
        return False, ()
    return None, tuple(unknown)


def step_stated(f: Facts, subjects: tuple[tuple[str, ...], ...], accepted: tuple[str, ...], reads: Reads) -> Result:
    """What the request states of a step read only in part (``Failure of at least two antiseizure medications``):
    false when every subject (each by any of its names) has a status that fails the step, else true — the rest
    (a count, a trial's length) is the reviewer's by the criterion's attestation, which never overrides a
    ``not-tried`` the request states. A subject not given, or one of several alternatives, refuses nothing."""
    refused = True
    for names in subjects:
        status = None
        said = names[0]
        for name in names:
            status = None if f.therapies is None else f.therapies.get(normalize(name))
            if status is not None:
                said = name
                break
        if reads is not None:
            reads[f"therapies.{said}"] = status
        if status is None or status in accepted:
            refused = False
    return (False, ()) if refused else (True, ())


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
            reads["date"] = f.day
    if f.state is not None and f.state != state and reads is None:
        return False, ()
    parts: list[Result] = [(None, ("member.state",)) if f.state is None else (f.state == state, ())]
    if lob is not None:
        parts.append((None, ("member.line_of_business",)) if f.lob is None else (f.lob == lob, ()))
    if since is not None:
        parts.append((f.date >= since, ()))
    return _and(parts)


def business(f: Facts, wanted: frozenset[str], reads: Reads) -> Result:
    """The request's line of business is one of ``wanted`` (``For Medicaid requests, …``); unknown when not given."""
    if reads is not None:
        reads["member.line_of_business"] = f.lob
    if f.lob is None:
        return None, ("member.line_of_business",)
    return f.lob in wanted, ()


def attest(f: Facts, key: str, reads: Reads) -> Result:
    value = f.attestations.get(key)
    if reads is not None:
        reads[f"attestations.{key}"] = value
    if value is None:
        return None, (f"attestations.{key}",)
    return value, ()


def absent(f: Facts, fact: str, reads: Reads) -> Result:
    """The request does not give ``fact`` (``member.age``, ``concurrent``): or-ed with a check of that fact, a part
    of a judgment that can only refuse it — the fact given and failing refuses, else the attestation answers."""
    if fact.startswith("measures."):  # (``measures.lund-mackay score``)
        return fact.removeprefix("measures.") not in f.measures, ()
    if fact.startswith("attestations."):  # (a referral the reviewer answered: ``attestations.I.C.1``)
        return f.attestations.get(fact.removeprefix("attestations.")) is None, ()
    given = {"member.age": f.age, "concurrent": f.concurrent}[fact]
    return given is None, ()


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


def request_kind(f: Facts, kind: str, reads: Reads, said: str | None = None) -> Result:
    """The request is of the set's kind; ``said``: the set's statement, attested true, says that it is (*A repeat
    series of … is medically necessary when …* answered true for a request that names no kind)."""
    if reads is not None:
        reads["request"] = f.kind
    if kind == "not-continued":  # (a set beside one for continuation: any request but a continued one)
        return f.kind != "continued", ()
    if f.kind is None:
        if said is not None and f.attestations.get(said) is True:
            if reads is not None:
                reads[f"attestations.{said}"] = True
            return True, ()
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


_TIMES = {"once": 1, "twice": 2, "two times": 2, "three times": 3, "four times": 4}
_DAYS = {"day": 1, "week": 7, "month": 28, "year": 365}
_SHORT = {"qd": "daily", "bid": "twice daily", "tid": "three times daily", "qid": "four times daily",
          "qw": "weekly", "every day": "daily", "every other day": "every 2 days",
          "every other week": "every 2 weeks"}  # fmt: skip
_RATE = re.compile(
    r"^(?:(?P<times>once|twice|two times|three times|four times|\d+ times) ?)?"
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
    amount: Decimal | None,
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
    if reads is not None:
        reads["dose"] = None if each is None else f"{_show(each)} mcg{'/' + per if per else ''}"
        bsa = _bsa(f)[0] if per == "m2" else None
        if bsa is not None:
            reads["member.bsa_m2"] = _show(bsa)
        if per == "kg" or (f.unit or "").endswith("/kg"):
            reads["member.weight_kg"] = None if f.weight is None else str(f.weight)
    # Kleene *and* of the limits, as they are checked: without the trace the first one exceeded decides
    exceeded = False
    unknown = False
    names: list[str] = []  # the facts that would settle the unknown limits
    if routes:
        if reads is not None:
            reads["dose.route"] = f.route
        if f.route is None:
            unknown = True
            names.append("dose.route")
        elif f.route not in routes:
            if reads is None:
                return False, ()
            exceeded = True
    given = None
    days = None if period is None else period_days(period)
    if frequency is not None or days is not None:
        given = _rate(f.frequency)
        if reads is not None:
            reads["dose.frequency"] = f.frequency
        limit = None if frequency is None else _rate(frequency)
        if given is None or (frequency is not None and limit is None):
            unknown = True
            names.append("dose.frequency")
        elif limit is not None and given[0] * limit[1] > limit[0] * given[1]:  # more often than the limit
            if reads is None:
                return False, ()
            exceeded = True
    within: Result = (True, ())
    if amount is None:  # (a count of doses alone: ``No more than 5 doses per course``)
        pass
    elif period is None:
        within = (None, missing) if each is None else (each <= amount, ())
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
            within = (None, missing + ((name,) if name and times is None else ()))
        elif times is not None:
            within = (each * times <= amount, ())
        elif name:
            within = _bounded(f, period, lambda n: each * n <= amount, name)
        else:  # a total per day or week without the request's frequency (named above): one administration
            # falls in some period, so an amount over the total exceeds it whatever the frequency
            within = (False, ()) if each > amount else (None, ())
    if count is not None:
        if within[0] is False and reads is None:
            return False, ()
        name = "dose.doses" if count_of == "cycle" else "dose.course_doses"
        have = f.doses if count_of == "cycle" else f.course_doses
        if reads is not None:
            reads[name] = have
        counted = (have <= count, ()) if have is not None else _bounded(f, count_of, lambda n: n <= count, name)
        within = _and((within, counted))
    if exceeded or within[0] is False:
        return False, ()
    if within[0] is None:
        return None, (*names, *within[1])
    return (None, tuple(names)) if unknown else (True, ())


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


def quantity_in(f: Facts, most: int, period: str, reads: Reads) -> Result:
    """At most ``most`` units per ``period`` (``28 days``: *4 pens per 28 days*): the units dispensed
    (``dose.quantity``) over the days they supply (``dose.days_supply``), as a rate — 12 pens for 84 days is
    within 4 per 28, 5 pens for 14 days is not.  A fill of no more than ``most`` units for fewer days than the
    period (4 pens for 14 days, a 3-day course of 9 tablets against *9 tablets per 30 days*) exceeds nothing by
    itself: whether the member goes on at that rate is unknown, never a denial.  Without the days supplied, no
    more than ``most`` units is within; more is unknown, never a denial (it may supply more days)."""
    if reads is not None:
        reads["dose.quantity"] = f.quantity
        reads["dose.days_supply"] = f.days_supply
    days = period_days(period)
    if f.quantity is None or days is None:
        return None, ("dose.quantity",)
    if f.days_supply is not None:
        if f.quantity * days <= most * f.days_supply:
            return True, ()
        return (None, ("dose.days_supply",)) if f.quantity <= most else (False, ())
    if f.quantity <= most:
        return True, ()
    return None, ("dose.days_supply",)


def _names_product(given: str, names: tuple[str, ...]) -> bool:
    """``given`` (a request's product) is named by one of ``names``, as whole words (``Dexcom G7`` by ``Dexcom G7
    sensor``)."""
    return any(f" {given} " in f" {name} " for name in names)


def outside_limits(
    f: Facts,
    rows: tuple[tuple[tuple[str, ...], int | None, str], ...],
    excluded: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
    reads: Reads,
) -> Result:
    """What the facts decide of the limits a policy states outside its criteria: false when the quantity is over
    every quantity row naming the requested product (:func:`quantity_in`; *per lifetime*: more units than that in
    one fill) or a concurrent drug is one an exclusion of that product names; else true — the rest of the limits is
    the reviewer's (the criterion's attestation, combined with this).  A row of the product whose quantity was not
    read (its most ``None``) may allow more: the quantity then refuses nothing."""
    if reads is not None:
        reads["drug"] = f.drug
        reads["dose.quantity"] = f.quantity
        reads["dose.days_supply"] = f.days_supply
        if excluded:
            reads["concurrent"] = None if f.concurrent is None else sorted(f.concurrent)
    if f.drug is None:
        return True, ()
    if f.concurrent:
        for subjects, drugs in excluded:
            if _names_product(f.drug, subjects) and not f.concurrent.isdisjoint(drugs):
                return False, ()
    matched = [(most, period) for names, most, period in rows if _names_product(f.drug, names)]
    if not matched or f.quantity is None:
        return True, ()
    for most, period in matched:
        if most is None:
            return True, ()
        if period == "lifetime":
            if f.quantity <= most:
                return True, ()
        elif quantity_in(f, most, period, None)[0] is not False:
            return True, ()
    return False, ()


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
    for name in f.concurrent:
        if name in members and name != f.drug:
            return True, ()
    return False, ()


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


def applies(f: Facts, key: str, reads: Reads) -> Result:
    """The statement of an exclusion (*… will not be approved when any of the following is present*): it is about
    the request's service unless the request attests it is not — an exclusion nobody answered still excludes."""
    value = f.attestations.get(key)
    if reads is not None:
        reads[f"attestations.{key}"] = value
    return value is not False, ()


def unread_statement(f: Facts, reads: Reads) -> Result:
    """The statement of a set the rules cannot tell grants coverage or refuses it: never true (nothing is
    approved by it), never false (nothing is denied by it alone) — a person reads it."""
    return None, ()


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


def unlisted_referral(f: Facts, key: str, policies: Mapping[str, str], named: frozenset[str], reads: Reads) -> Result:
    """A referral for a *requested use NOT specifically listed*: it applies without an attestation when the request
    names diagnoses and the policy names none of them (no set lists the use, none refuses it); else, as any
    referral, when the reviewer attests it (:func:`referral`)."""
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
    if f.diagnoses and named.isdisjoint(f.diagnoses):
        if reads is not None:
            reads["member.line_of_business"] = f.lob
        return (None, ("member.line_of_business",)) if f.lob is None else (f.lob in policies, ())
    return referral(f, key, policies, reads)


def unlisted_use(f: Facts, key: str, named: frozenset[str], reads: Reads) -> Result:
    """The own condition of a referral group for a *requested use NOT specifically listed* (*…, refer to one of
    the following policies: a. …; b. …*): true when the request names diagnoses and the policy names none of them,
    as for the one-line referral (:func:`unlisted_referral`); else the reviewer's (``attestations.<key>``)."""
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
    if f.diagnoses and named.isdisjoint(f.diagnoses) and f.attestations.get(key) is None:
        return True, ()
    return attest(f, key, reads)


def group_referral(f: Facts, key: str, policies: Mapping[str, str], agreed: Mapping[str, str], reads: Reads) -> Result:
    """An item of a referral group (*refer to one of the following policies: a. For drugs on the formulary, …; b.
    For drugs NOT on the formulary, …*): attested, as any referral (:func:`referral`); unanswered, it holds for a
    line of business every item of the group refers to the same policy (``agreed``) — the group's condition
    refers the request, the items only choose the policy, and for that line they choose alike."""
    if f.attestations.get(key) is None and f.lob is not None and agreed.get(f.lob) == policies.get(f.lob):
        if reads is not None:
            reads[f"attestations.{key}"] = None
            reads["member.line_of_business"] = f.lob
        return True, ()
    return referral(f, key, policies, reads)


def other_indication(f: Facts, key: str, named: frozenset[str], words: frozenset[str], reads: Reads) -> Result:
    """An exclusion's item *for all other indications*: true when no requested diagnosis shares a word of substance
    with the approving criteria's ``words`` (what the policy covers, as it writes it), false when every one is a
    diagnosis the policy names, else the reviewer's (``attestations.<key>``: no ``diagnoses``, or one perhaps naming
    a covered use otherwise)."""
    said = f.attestations.get(key)
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
        reads[f"attestations.{key}"] = said
    if said is not None:
        return said, ()
    if not f.diagnoses:
        return None, (f"attestations.{key}",)
    if named.issuperset(f.diagnoses):
        return False, ()
    if not _shares_word(f.diagnoses, words):
        return True, ()
    return None, (f"attestations.{key}",)


def unlisted(f: Facts, named: frozenset[str], reads: Reads) -> Result:
    """The guard of a set for other uses (``Other diagnoses/indications``): false where every requested diagnosis
    is one the policy names (an indication a set lists, or one it refuses: decided there, never rescued by the
    off-label referral).  Without diagnoses it abstains: the set's own criteria — attested, as a referral is —
    decide."""
    if reads is not None:
        reads["diagnoses"] = None if f.diagnoses is None else sorted(f.diagnoses)
    if f.diagnoses is None:
        return True, ()
    return not named.issuperset(f.diagnoses), ()


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
    unknown_attestations: NotRequired[list[str]]  # attested ids the version does not have: never approved
    unknown_measures: NotRequired[list[str]]  # measures given that the version never compares: set aside
    unknown_criteria_set: NotRequired[str]  # the criteria_set asked for that the version does not have: a reviewer's
    reason: NotRequired[str]  # why a needs-review has nothing in ``missing`` to settle it: a reviewer's whole
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


_DURATIONS: dict[tuple[int, str | None, dt.date, dt.date | None], tuple[Sequence[DurationSpec], Duration]] = {}


def duration(f: Facts, specs: Sequence[DurationSpec]) -> Duration | None:
    """The approval duration for the member's line of business, with its end date from the request date.

    Remembered per rules, line of business, request date and renewal date (all it reads); each call returns its
    own copy, which the caller may change.
    """
    if not specs:
        return None
    key = (id(specs), f.lob, f.date, f.renewal)
    hit = _DURATIONS.get(key)
    if hit is None or hit[0] is not specs:
        if len(_DURATIONS) >= _REMEMBERED:
            _DURATIONS.clear()
        hit = _DURATIONS[key] = (specs, _duration(f, specs))
    out = hit[1].copy()
    out["missing"] = list(out["missing"])
    return out


def _duration(f: Facts, specs: Sequence[DurationSpec]) -> Duration:
    spec = None  # the rule for the member's line of business, else the one for every line
    for s in specs:
        if f.lob is not None and f.lob in s.lines:
            spec = s
            break
        if spec is None and not s.lines:
            spec = s
    out: Duration = {"line_of_business": f.lob, "text": None, "start": f.day, "end": None, "missing": []}
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


def as_read(values: Sequence[Tri]) -> Tri:
    """An inferred set's criteria, ``(statement, structure, *criteria)``, combined: a nesting guessed from lines
    without markers decides nothing until its structure is attested true.

    Unattested or attested false, what the criteria as read compute is unknown, a failure as much as a success
    (a guess that made an optional item required would deny wrongly); the statement decides regardless of
    nesting, so a set whose statement fails is still false."""
    statement, structure, *criteria = values
    return all_((statement, all_(criteria) if structure is True else None))


def close_as_read(f: Facts, r: Record, conds: Sequence[Result], values: Sequence[Tri], structure: str) -> Tri:
    """:func:`close` for an inferred set (:func:`as_read`): while its ``structure`` is not attested true, the set
    left unknown names that attestation as its own unknown (attested false too: a person must read the policy)."""
    value = close(f, r, [], [], conds, as_read(values))
    if value is None and values[1] is not True:
        r.missing = (*r.missing, f"attestations.{structure}")
    return value


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
    # what it does to a decision: ``approves`` when it holds; ``requires`` (every approval needs it: false denies);
    # ``excludes`` (no approval when it holds: true denies); ``may-exclude`` (an exclusion whose statement may be
    # about another service: true holds an approval for review until its statement is attested); ``refuses`` (a
    # diagnosis refused: true denies, unknown holds); ``may-refuse`` (one refused for a kind of the service: as
    # ``may-exclude``)
    role: str = "approves"


_PICKED: dict[tuple[int, str], tuple[Sequence[SetSpec], tuple[SetSpec, ...]]] = {}


def pick_sets(sets: Sequence[SetSpec], wanted: str | None) -> Sequence[SetSpec]:
    """The sets a request asks for: all, or the one named by ``criteria_set`` (its id or its title) with every set
    that guards an approval (refusals, exclusions, requirements); none when the version has no such set."""
    if wanted is None:
        return sets
    if type(sets) is not tuple:  # only what cannot change is remembered (a generated module's SETS)
        return _pick_sets(sets, wanted)
    key = (id(sets), wanted)
    hit = _PICKED.get(key)
    if hit is None or hit[0] is not sets:
        if len(_PICKED) >= 256:  # each entry keeps its module's functions alive: few (a clear only costs a pick)
            _PICKED.clear()
        hit = _PICKED[key] = (sets, _pick_sets(sets, wanted))
    return hit[1]


def _pick_sets(sets: Sequence[SetSpec], wanted: str) -> tuple[SetSpec, ...]:
    chosen = [s for s in sets if s.id == wanted]
    if not chosen:
        key = normalize(wanted)
        chosen = [s for s in sets if normalize(s.title) == key]
    if chosen:
        # (the guards stay: a diagnosis refused, an exclusion, a requirement of every approval decide a request
        # whichever set it names — naming a set never approves past the text's refusal)
        picked = {id(s) for s in chosen}
        chosen = [s for s in sets if id(s) in picked or s.role != "approves"]
    # (none: a set this version does not have — a UM system keys its questions by the ids of the reading it asked
    # them from, and a version read again, or read in part, may not have them; a doubt :func:`decide` names, never
    # an input error and never a decision by sets the request did not ask for)
    return tuple(chosen)


def check_attestations(f: Facts, known: frozenset[str]) -> None:
    """Set aside the attestations of ids this version does not have: a doubt, not an input error.

    A UM system keys its answers by the ids of the version it asked its questions from; when the policy is revised
    or read again some ids vanish.  The decision is made without them and is never ``approved`` (:func:`decide`
    names them under ``unknown_attestations``): an answer nobody can place may have been the one an approval needs.
    """
    if known.issuperset(f.attestations):
        return
    f.unknown = tuple(key for key in f.attestations if key not in known)
    f.attestations = {key: said for key, said in f.attestations.items() if key in known}


def alias_measures(f: Facts, aliases: Mapping[str, str]) -> None:
    """A measure given by another of its names (``mrd1 (mm)`` for ``margin reflex distance 1 mrd1 (mm)``): read as
    the measure; two names of one measure with two values is an input error, never a guess between them."""
    if aliases.keys().isdisjoint(f.measures):
        return
    out: dict[str, Num] = {}
    for name, value in f.measures.items():
        key = aliases.get(name, name)
        if key in out and out[key] != value:
            raise RequestError(f"measures.{name}: {value} for {key!r}, which the request gives as {out[key]}")
        out[key] = value
    f.measures = out


def aside_measures(decision: Decision, f: Facts, compared: frozenset[str]) -> None:
    """Name under ``unknown_measures`` the measures the request gives that no criterion of this version compares
    (by their names and aliases): set aside, they decide nothing, but a reviewer sees them — a misspelt name reads
    as a measure not given, and a number the version does not weigh may still be one the case turns on."""
    if f.measures and not compared.issuperset(f.measures):
        decision["unknown_measures"] = [name for name in f.measures if name not in compared]


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
    """The first referral criterion that holds in a set's trace, within groups that hold (an item of a referral
    group holds for the policy it names, the group only when its own condition does), and the policy it names for
    the member."""
    inside = {set_id}
    for r in records:
        if r.parent in inside and r.value is True:
            inside.add(r.id)
            if r.id in policies and lob is not None:
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
    guarded = any(s.role != "approves" for s in sets)  # (no approval before every guard is known)
    if trace or guarded or f.unknown:  # (the first approving set decides only when nothing can hold it back)
        for s in sets:
            value, failed = s.traced(f, records) if trace else s.fast(f)
            values.append((s, value, failed))
    else:
        for s in sets:
            value, failed = s.fast(f)
            if value is True and not s.referral:  # the first approving set decides: the rest cannot change that
                return {
                    "policy": head[0],
                    "version": head[1],
                    "date": f.day,
                    "outcome": "approved",
                    "set": s.id,
                    "set_title": s.title,
                    "duration": duration(f, s.durations),
                    "referral": None,
                    "failed": {},
                    "missing": [],
                }, records
            values.append((s, value, failed))
    winner = referred = None  # the first approving set, the first referral that holds
    unknown: list[SetSpec] = []  # approving sets left unknown
    open_referrals: list[SetSpec] = []  # referrals left unknown
    failures: dict[str, str] = {}  # per set that failed: its first failing criterion
    blocked: list[SetSpec] = []  # requirements that fail, exclusions that hold: no approval
    open_guards: list[SetSpec] = []  # exclusions that hold whose statement may be about another service
    open_refusals: list[SetSpec] = []  # refusals left unknown (a diagnosis close to one refused): no approval
    for s, v, failed in values:  # (one loop: each comprehension would be a call of its own)
        if s.role in ("requires", "leads") and v is False:
            blocked.append(s)
            failures[s.id] = failed if failed is not None else s.id
        elif s.role == "leads" and v is None:
            open_refusals.append(s)  # (a list the approving ones go on from, not known to be met: the reviewer's)
        elif s.role == "refuses" and v is not False:
            # (a diagnosis the policy refuses is requested: denied whatever set approves it; one close to it
            # holds an approval for the reviewer — never approved past the text's refusal)
            if v is True:
                blocked.append(s)
                failures[s.id] = s.id
            else:
                open_refusals.append(s)
        elif s.role == "may-refuse" and v is None:
            open_refusals.append(s)  # (a diagnosis close to one refused for a kind of the service: a reviewer's)
        elif s.role in ("excludes", "may-exclude", "may-refuse") and v is True:
            # (what it refuses is present: denied when its statement names the service an approving one does or the
            # request says it is about its service; else held for review — one about another service excludes
            # nothing of this request)
            if s.role == "excludes" or f.attestations.get(s.id + ".statement") is True:
                blocked.append(s)
                failures[s.id] = s.id
            else:
                open_guards.append(s)
        if s.role != "approves":
            # (a guard left unknown holds nothing: every approving set of a policy with guards carries the
            # ``.limits`` judgment that names them, so no approval stands until a reviewer attests they allow it)
            continue
        if v is False:
            # (a set false by its own condition — a request of the other kind, a heading's diagnosis — fails at itself)
            failures[s.id] = failed if failed is not None else s.id
        elif s.referral:
            if v is None:
                open_referrals.append(s)
            elif referred is None:
                referred = s
        elif v is None:
            unknown.append(s)
        elif winner is None:
            winner = s
    decision: Decision = {
        "policy": head[0],
        "version": head[1],
        "date": f.day,
        "outcome": "denied",
        "set": None,
        "set_title": None,
        "duration": None,
        "referral": None,
        "failed": {},
        "missing": [],
    }
    if blocked:  # (the text forbids it, whatever set would approve it)
        winner = referred = None
        unknown, open_referrals, open_guards = [], [], []
    elif winner is not None and open_guards:  # (an exclusion that holds, its statement unanswered: a reviewer's)
        winner = None
        unknown = open_guards + unknown
    if winner is not None and open_refusals:
        winner = None
        unknown = open_refusals + unknown
    settle = unknown + open_referrals if referred is None else unknown
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
        held = {f"attestations.{s.id}.statement" for s in open_guards}  # (an exclusion that holds: its statement)
        decision["missing"] = sorted({m for s in settle for m in relevant(records, s.id)} | held)
        if not decision["missing"]:
            # (a needs-review says what it waits for: with nothing a request can answer — a set whose statement the
            # rules cannot tell grants coverage — it names the sets a person reads)
            decision["reason"] = (
                f"no fact or attestation settles {', '.join(s.id for s in settle)}: a set whose statement the rules "
                "cannot tell grants coverage, which a reviewer reads"
            )
    if decision["outcome"] == "referred" and referred is not None:
        decision["referral"] = referral_of(records, referred.id, policies, f.lob)
    if decision["outcome"] != "approved":
        decision["failed"] = failures
    if f.conflicts:
        seen = dict.fromkeys(f.conflicts)
        decision["conflicts"] = [{"criterion": k, "computed": c, "attested": a} for k, c, a in seen]
        if decision["outcome"] == "approved":  # an approval never rests on facts an attestation contradicts
            decision["outcome"], decision["set"], decision["set_title"] = "needs-review", None, None
            decision["duration"] = None
            decision["missing"] = sorted({f"attestations.{k}" for k, _, _ in seen})
    if f.unknown:
        decision["unknown_attestations"] = list(f.unknown)
        if decision["outcome"] == "approved":  # (an answer nobody can place may be the one the approval needs)
            decision["outcome"], decision["set"], decision["set_title"] = "needs-review", None, None
            decision["duration"] = None
            decision["missing"] = [f"attestations.{k}" for k in f.unknown]
    if not sets and f.criteria_set is not None:
        # a set asked for that this version does not have (another reading's id, a version read in part): nothing
        # of this version was weighed — a person decides, by the policy as published
        decision["unknown_criteria_set"] = f.criteria_set
        decision["outcome"], decision["failed"] = "needs-review", {}
        decision["missing"] = [f"attestations.{k}" for k in f.unknown]
        decision["reason"] = (
            f"criteria_set {brief(f.criteria_set)} is not a criteria set of this version (a reading by other ids, "
            "or a set not read): a reviewer's"
        )
    elif decision["outcome"] == "denied" and not decision["failed"]:
        # a denial names the criterion that failed it: with none (no criteria set of this version is read, or none
        # is the request's) nothing refused the request — a person decides, by the policy as published
        decision["outcome"] = "needs-review"
        decision["missing"] = [f"attestations.{k}" for k in f.unknown]
        decision["reason"] = (
            "no criteria set of this version decides the request (nothing failed it): a reviewer's"
            if sets
            else "no criteria set was read in this version: a reviewer's"
        )
    return decision, records


IN_CRITERIA = "inside the criteria"  # (how a reading names a region it could not read among the criteria sets)


def hold_unread(decision: Decision, unread: Sequence[str]) -> Decision:
    """A version filed with ``--recover`` (``unread``: one line per region of its document that could not be read)
    approves nothing: a region not read may hold a criterion, an exclusion or a limit that would refuse the request,
    so an approval is held as ``needs-review`` with the reason.  Denials (a criterion read and failed) and referrals
    stand — unless a region lies inside the criteria (:data:`IN_CRITERIA` in its line): a criterion it holds may be
    the one the request meets, so a denial is held too."""
    held = ("approved", "denied") if any(IN_CRITERIA in line for line in unread) else ("approved",)
    if unread and decision["outcome"] in held:
        decision["outcome"], decision["set"], decision["set_title"] = "needs-review", None, None
        decision["duration"] = None
        first = unread[0] if len(unread[0]) <= 160 else unread[0][:157] + "…"
        more = f" and {len(unread) - 1} more" if len(unread) > 1 else ""
        decision["reason"] = (
            f"this version was filed with --recover and part of its document was not read ({first}{more}): "
            "what was not read may refuse the request, so a reviewer decides"
        )
    return decision


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


def hold_delegated(decision: Decision, f: Facts, delegated: Sequence[tuple[Sequence[str], str]]) -> Decision:
    """A line of business the policy sends elsewhere (*For Medicaid requests, refer to the state formulary or
    preferred drug list (PDL); …*: ``delegated``, each its lines and the sentence) is not decided by these criteria:
    an approval or a denial of a request of that line is held as ``needs-review`` with the sentence as the reason,
    and an approval of a request that does not say its line waits for ``member.line_of_business``.  A referral
    stands; so does a decision for another line."""
    if not delegated or decision["outcome"] not in ("approved", "denied"):
        return decision
    if f.lob is None:
        if decision["outcome"] == "approved":
            decision["outcome"], decision["set"], decision["set_title"] = "needs-review", None, None
            decision["duration"] = None
            decision["missing"] = ["member.line_of_business"]
            lines = sorted({x for lines, _ in delegated for x in lines})
            decision["reason"] = (
                f"the policy sends {' and '.join(lines)} requests elsewhere ({brief_text(delegated[0][1])}): "
                "the request's line of business decides whether these criteria apply"
            )
        return decision
    said = next((text for lines, text in delegated if f.lob in lines), None)
    if said is not None:
        failed = decision["failed"]
        decision["outcome"], decision["set"], decision["set_title"] = "needs-review", None, None
        decision["duration"] = None
        decision["failed"] = failed
        decision["reason"] = (
            f"the policy sends {f.lob} requests elsewhere ({brief_text(said)}): whether these criteria decide the "
            "request is a reviewer's"
        )
    return decision


def brief_text(text: str) -> str:
    """A sentence for a reason: whole up to 160 characters, else cut with an ellipsis."""
    return text if len(text) <= 160 else text[:157] + "…"
