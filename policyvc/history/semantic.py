"""Semantic labels on diff edits: what a change means for a member, from where it happens in the logic.

A label names the change (``dose limit changed``) with its old and new value
and says whether it makes the policy **more restrictive**, **less restrictive**
or is **neutral** (also used where the direction cannot be decided).  The
typed facts of ``parser/nodes.py`` come first (``DoseLimitFact``, ``AgeFact``,
``WeightBandFact``, ``PrescriberFact``, connectives, ``ApprovalDuration``,
``StateRule``); the place of an inserted or deleted criterion decides its
direction (under all-of, any-of, none-of; wrapping a criterion into a new
any-of group).  Where a criterion has no typed fact, its bounds (a comparator
and a number: ``≥ 150``, ``at least 8 weeks``, ``within the past 12 months``)
and inline lists (``not prescribed concurrently with A, B, or C``) are read
from its words — the comparator, the list's separators and a negation decide
the direction, never the topic words.  Numbers that move without a comparator
are a neutral ``value changed``; everything else is ``wording changed``.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass
from enum import StrEnum

from policyvc.history.opcodes import opcodes
from policyvc.lazy_re import lazy
from policyvc.parser.nodes import (
    AgeFact,
    ApprovalDuration,
    Connective,
    CriteriaSet,
    Criterion,
    Dose,
    DoseLimitFact,
    PrescriberFact,
    StateRule,
    WeightBandFact,
)
from policyvc.parser.walk import NodeKind


class Direction(StrEnum):
    MORE = "more restrictive"
    LESS = "less restrictive"
    NEUTRAL = "neutral"


@dataclass(frozen=True, slots=True)
class Label:
    """A semantic label: ``name`` (e.g. ``dose limit changed``), its direction and old → new values."""

    name: str
    direction: Direction
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        if self.old and self.new:
            values = f" {self.old} → {self.new}"
        elif self.old or self.new:
            values = f": {self.old or self.new}"
        else:
            values = ""
        return f"{self.name}{values} ({self.direction.value})"


def net_direction(labels: tuple[Label, ...] | list[Label]) -> Direction:
    """The direction of a change with these labels: one way if every directed label points that way, else neutral."""
    ways = {lb.direction for lb in labels} - {Direction.NEUTRAL}
    return ways.pop() if len(ways) == 1 else Direction.NEUTRAL


_ALL_OF = (Connective.ALL, Connective.BOTH)
_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}


def _num(x: float) -> str:
    return f"{x:g}"


def dose_text(d: Dose) -> str:
    """``250 mcg/m²`` — the amount and its unit, what a dose limit compares."""
    return f"{_num(d.amount)} {d.unit}" + (f"/{d.per}" if d.per else "")


def _regimen(d: Dose) -> str:
    return " ".join(filter(None, (dose_text(d), d.frequency, d.qualifier)))


def _dose_label(old: Dose, new: Dose) -> Label | None:
    if (old.unit, old.per) != (new.unit, new.per):
        return Label("dose limit changed", Direction.NEUTRAL, dose_text(old), dose_text(new))  # units differ
    if old.amount == new.amount:
        if (old.frequency, old.qualifier) == (new.frequency, new.qualifier):
            return None
        # the same amount, another schedule or a regimen added ("200 mg every 3 weeks or 400 mg every 6 weeks"):
        # a dose limit changed, which way it cuts is not in the amount (never "an exclusion list" for "does not")
        return Label("dose limit changed", Direction.NEUTRAL, _regimen(old), _regimen(new))
    direction = Direction.MORE if new.amount < old.amount else Direction.LESS
    return Label("dose limit changed", direction, dose_text(old), dose_text(new))


def _age_label(old: AgeFact, new: AgeFact) -> Label | None:
    if (old.op, old.value, old.unit) == (new.op, new.value, new.unit):
        return None
    o, n = f"{old.op} {_num(old.value)} {old.unit}", f"{new.op} {_num(new.value)} {new.unit}"
    if old.unit != new.unit or old.op[0] != new.op[0]:
        return Label("age threshold changed", Direction.NEUTRAL, o, n)
    # a minimum age (≥, >) raised excludes members; a maximum age (≤, <) raised admits them
    higher = new.value > old.value
    minimum = old.op[0] in "≥>"
    direction = Direction.MORE if higher == minimum else Direction.LESS
    return Label("age threshold changed", direction, o, n)


def _connective_text(c: Connective | None, at_least: int | None) -> str:
    if c is None:
        return "—"
    return f"at least {at_least}" if c is Connective.ATLEAST else c.value


def _connective_label(
    old: Connective | None, old_n: int | None, new: Connective | None, new_n: int | None
) -> Label | None:
    if (old, old_n) == (new, new_n) or old is None or new is None:
        return None
    o, n = _connective_text(old, old_n), _connective_text(new, new_n)
    if (old in _ALL_OF and new is Connective.ANY) or (old is Connective.ATLEAST and new is Connective.ANY):
        return Label("connective changed", Direction.LESS, o, n)
    if old is Connective.ANY and (new in _ALL_OF or new is Connective.ATLEAST):
        return Label("connective changed", Direction.MORE, o, n)
    if old is Connective.ATLEAST and new is Connective.ATLEAST and old_n is not None and new_n is not None:
        return Label("connective changed", Direction.MORE if new_n > old_n else Direction.LESS, o, n)
    return Label("connective changed", Direction.NEUTRAL, o, n)


def _duration_days(d: ApprovalDuration) -> int | None:
    if d.amount is None or d.unit is None or d.unit not in _DAYS:
        return None
    return d.amount * _DAYS[d.unit]


def duration_label(old: ApprovalDuration, new: ApprovalDuration, line: str) -> Label:
    """An approval duration of one line of business, re-keyed (a split or merge): longer = less restrictive."""
    do, dn = _duration_days(old), _duration_days(new)
    if do is not None and dn is not None and do != dn:
        direction = Direction.LESS if dn > do else Direction.MORE
    else:
        direction = Direction.NEUTRAL
    return Label(f"approval duration changed for {line}", direction, old.text, new.text)


# --- typed changes read from a criterion's wording: bounds and lists --------------------------------------------

# the comparators, as written (lower case): at least / more than … before a number
_MIN_CMPS = ("≥", ">=", ">", "\\geq", "at least", "more than", "greater than", "minimum of")
_MAX_CMPS = (
    *("≤", "<=", "<", "\\leq", "less than", "fewer than", "no more than", "up to", "does not exceed", "not to exceed"),
    *("maximum of", "within the past", "within the last", "within the previous"),
)
_MIN_BOUND = "|".join(map(re.escape, _MIN_CMPS))
_MAX_BOUND = "|".join(map(re.escape, _MAX_CMPS))
# the characters a comparator starts with: a look-ahead for them lets the regex engine skip every other
# position at once (it changes no match)
_CMP_FIRST = "".join(sorted({re.escape(c[0]) for c in (*_MIN_CMPS, *_MAX_CMPS)}))
_BOUND = lazy(
    rf"(?=[{_CMP_FIRST}])(?P<cmp>{_MIN_BOUND}|{_MAX_BOUND})\s*(?P<num>-?\d+(?:[.,]\d+)*)\s*(?P<unit>%|[^\W\d][\w/]*)?",
    re.I,
)
# a comparator after its number: "55% or greater", "2 or more exacerbations", "50,000/mcL or below"
# (an age: "18 years of age or older", "12 years old or younger")
_POSTFIX_CMPS = ("greater", "more", "higher", "above", "older", "less", "fewer", "lower", "below", "younger")
_POSTFIX_BOUND = lazy(
    rf"(?=[-\d])(?P<num>-?\d+(?:[.,]\d+)*)\s*(?P<unit>%|[^\W\d][\w/]*)?(?:\s+of\s+age|\s+old)?"
    rf"\s+or\s+(?P<cmp>{'|'.join(_POSTFIX_CMPS)})\b",
    re.I,
)
_POSTFIX_MIN = frozenset({"greater", "more", "higher", "above", "older"})
# a bound in years (months) is an age, not a duration, when the text says so: "Age ≥ 18 years and ≤ 55 years",
# "18 years of age or older", "aged ≥ 12 years"
# (the comparator right after "age", or after a first bound of a range: "Age ≥ 18 years and ≤ 55 years"; not "Bone
# age X-ray within the past 12 months")
_AGE_BEFORE = lazy(
    r"\bage[ds]?\s*(?:is\s+|:\s*|between\s+)?(?:(?:[≥>≤<]|at least|at most)?\s*\d+\s*[a-z]*\s+(?:and|to|or)\s+)?$", re.I
)
_AGE_AFTER = lazy(r"^\s*(of\s+age|old)\b", re.I)
# a duration without a comparator: "a 3-month trial", "for 6 weeks" (a required length: longer asks more)
_BARE_DURATION = lazy(r"(?<![\w.,])(\d+)(?:\s+|-)(days?|weeks?|months?|years?)\b(?!\s+(?:of\s+age|old)\b)", re.I)
_MIN_RE = lazy(rf"^(?:{_MIN_BOUND})$", re.I)
_TIME_UNITS = frozenset(_DAYS)
_NEGATION = lazy(r"\b(?:not|none|no|without|neither|nor|except|excluding)\b", re.I)
_BOUND_NEGATION = lazy(r"\b(?:not|none|no|without|neither|nor)\b(?! to exceed)", re.I)
_EXAMPLES = lazy(r"\(e\.g\.,?[^()]*$", re.I)
_NUMBER = lazy(r"-?\d+(?:[.,]\d+)*")
_DIGIT = lazy(r"\d").search  # what every number, and so every bound, has
_NUMBER_CHARS = b"0123456789.,-#"  # what masking a number (ASCII) replaces, and its mask


@dataclass(frozen=True, slots=True)
class _Bound:
    minimum: bool
    value: float
    unit: str
    text: str
    negated: bool  # under a negation ("has not received … within the past 6 months"): it bounds an exclusion
    age: bool = False  # a bound on the member's age ("Age ≤ 55 years", "18 years of age or older")


_CMPS = (*_MIN_CMPS, *_MAX_CMPS)
# for ASCII text, lower-cased: one of the comparators as written; a postfix one after its ``or`` (held equal to
# the plain look-ups by a test)
_ANY_CMP = lazy("|".join(map(re.escape, _CMPS)))
_ANY_POSTFIX = lazy(rf"\S\s+or\s+(?:{'|'.join(_POSTFIX_CMPS)})")
# for ASCII text, lower-cased: words one of which every ASCII comparator contains — a text that has none of them
# names no comparator, and a few substring tests (C) are cheaper than the scan for 22 (held by a test)
_CMP_HINTS = ("<", ">", "\\", "than", "at least", "imum of", "up to", "exceed", "within the")
_CMP_HINTS_ANY = (*_CMP_HINTS, "≥", "≤")  # and the comparators that are no ASCII
# the characters other than ASCII letters that a case-blind pattern (re.I) matches with an ASCII letter
# (Python's case-folding fixes: dotted and dotless i, long s, the Kelvin sign; held by a test)
_AS_ASCII_LETTER = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _contains_any(text: str, words: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, words))  # (no Python frame per word)


def _value(number: str) -> float | None:
    """``1,000`` → 1000.0; ``None`` for what the number pattern takes but is no number (``2.5.1``, a version)."""
    try:
        return float(number.replace(",", ""))
    except ValueError:
        return None


def _gates(text: str) -> tuple[bool, bool]:
    """Whether ``text`` can hold a bound with its comparator before / after the number (the scans are dear).

    A bound needs one of the comparators as written, in any case: the text is lower-cased (the few other
    characters that a case-blind pattern takes for an ASCII letter written as that letter first, so that a
    comparator's letters are found as the scan finds them) and looked up for them.
    """
    hints: tuple[str, ...]
    if text.isascii():
        low, hints = text.lower(), _CMP_HINTS
    else:
        low, hints = text.translate(_AS_ASCII_LETTER).lower(), _CMP_HINTS_ANY
    # (a substring test first, the scan only when one of the words is there)
    prefix = _contains_any(low, hints) and _ANY_CMP.search(low) is not None
    postfix = _contains_any(low, _POSTFIX_CMPS) and _ANY_POSTFIX.search(low) is not None
    return prefix, postfix


def _negated(before: str, *, length: bool = False) -> bool:
    """Whether a negation before a bound governs it: ``without X,`` closes at its comma (``back pain, without
    radiculopathy, lasting at least 3 months`` requires a length, it does not exclude one).  A ``without`` never
    governs a ``length`` (a least time, a bare duration): ``used a device without gradient pressure for at least 4
    weeks``, ``without improvement after a 6-week trial`` — the length is the use's, the trial's, required; a
    window (``without an exacerbation within the past 6 months``) it does negate."""
    return any(
        m.group(0).lower() != "without" or not (length or any(c in before[m.end() :] for c in ",;"))
        for m in _BOUND_NEGATION.finditer(before)
    )


def _bounds(text: str) -> tuple[_Bound, ...]:
    return _scan_bounds(text, *_gates(text))


def _scan_bounds(text: str, prefix: bool, postfix: bool) -> tuple[_Bound, ...]:
    """The bounds of ``text``: with the comparator before the number (``prefix``), after it (``postfix``)."""
    found: list[tuple[int, _Bound]] = []
    for m in _BOUND.finditer(text) if prefix else ():
        cmp = " ".join(m.group("cmp").lower().split())
        minimum, unit = bool(_MIN_RE.match(cmp)), (m.group("unit") or "").lower()
        negated = _negated(text[: m.start()], length=minimum and unit in _TIME_UNITS) and "exceed" not in cmp
        value = _value(m.group("num"))
        if value is None:
            continue
        age = bool(_AGE_BEFORE.search(text[: m.start()]) or _AGE_AFTER.match(text[m.end() :]))
        bound = _Bound(minimum, value, unit, " ".join(m.group(0).split()), negated, age)
        found.append((m.start(), bound))
    for m in _POSTFIX_BOUND.finditer(text) if postfix else ():
        if any(start <= m.start() < start + len(b.text) for start, b in found):
            continue
        minimum = m.group("cmp").lower() in _POSTFIX_MIN
        unit = (m.group("unit") or "").lower()
        negated = _negated(text[: m.start()], length=minimum and unit in _TIME_UNITS)
        value = _value(m.group("num"))
        if value is None:
            continue
        age = m.group("cmp").lower() in ("older", "younger") or bool(_AGE_BEFORE.search(text[: m.start()]))
        found.append((m.start(), _Bound(minimum, value, unit, " ".join(m.group(0).split()), negated, age)))
    if not found:
        return ()
    return tuple(b for _, b in sorted(found, key=lambda x: x[0]))


def bound_labels(old: str, new: str) -> tuple[Label, ...]:
    """A threshold or a duration that moved: ``≥ 150 cells/mcL → ≥ 300 cells/mcL`` raises a minimum (narrows).

    Bounds are paired in order when both texts have the same bounds (comparator and unit); a raised minimum or a
    lowered maximum admits fewer members — under a negation (``has not received … within the past 6 months``)
    the other way round.  A time unit makes it a duration (``at least 8 weeks → 12 weeks`` lengthens a required
    trial; ``within the past 12 months → 6 months`` shortens a window).  Numbers that moved without a comparator
    are a neutral ``value changed`` (never "wording changed").
    """
    if _DIGIT(old) is None and _DIGIT(new) is None:
        # no number on either side: no bound (it needs one) and no value changed (ruled out by a test)
        return ()
    bo, bn = _bounds(old), _bounds(new)
    paired = len(bo) == len(bn) and all(
        (x.minimum, _unit_kind(x.unit), x.negated) == (y.minimum, _unit_kind(y.unit), y.negated)
        for x, y in zip(bo, bn, strict=True)
    )
    out = []
    if paired:
        for x, y in zip(bo, bn, strict=True):
            vx, vy = _in_days(x.value, x.unit), _in_days(y.value, y.unit)  # (3 months → 6 weeks: in days)
            if vx == vy or _same_length(vx, x.unit, vy, y.unit):
                continue
            raised = vy > vx
            narrows = (raised == x.minimum) != x.negated
            direction = Direction.MORE if narrows else Direction.LESS
            if x.age or y.age:
                name = "age threshold changed"  # a maximum age raised admits members: the threshold's direction
            elif x.unit in _TIME_UNITS:
                name = "duration lengthened" if raised else "duration shortened"
            else:
                name = "threshold raised" if raised else "threshold lowered"
            out.append(Label(name, direction, x.text, y.text))
    if out:
        return tuple(out)
    return _age_limit_labels(bo, new, bn, old) or _value_labels(old, new) or _duration_labels(old, new)


# a text saying no age bounds it: "cancer at any age", "regardless of age", "no age limit"
_ANY_AGE = lazy(
    r"\b(?:at|of)\s+any\s+age\b|\bregardless\s+of\s+(?:the\s+)?(?:member'?s\s+)?age\b"
    r"|\bno\s+age\s+(?:limit|restriction|requirement)s?\b",
    re.I,
)


def _age_limit_labels(bo: tuple[_Bound, ...], new: str, bn: tuple[_Bound, ...], old: str) -> tuple[Label, ...]:
    """An age bound on one side only, the other side saying any age will do (``diagnosed at age 45 years or
    younger`` → ``at any age``): the limit removed admits members, added excludes them (under a negation the
    other way round)."""
    ao, an = [b for b in bo if b.age], [b for b in bn if b.age]
    if ao and not an and _ANY_AGE.search(new):
        direction = Direction.MORE if ao[0].negated else Direction.LESS
        return (Label("age limit removed", direction, ao[0].text, _ANY_AGE.findall(new)[0]),)
    if an and not ao and _ANY_AGE.search(old):
        direction = Direction.LESS if an[0].negated else Direction.MORE
        return (Label("age limit added", direction, _ANY_AGE.findall(old)[0], an[0].text),)
    return ()


def _unit_kind(unit: str) -> str:
    """Time units compare with each other (in days); any other unit only with itself."""
    return "time" if unit in _TIME_UNITS else unit


def _same_length(vx: float, ux: str, vy: float, uy: str) -> bool:
    """The same length said in another unit: ``30 days`` and ``4 weeks``, ``3 months`` and ``12 weeks`` (a month
    is 28 to 31 days, so a length in days or weeks within a tenth of one in months is that length)."""
    if ux.rstrip("s") == uy.rstrip("s") or ux not in _TIME_UNITS or uy not in _TIME_UNITS:
        return False
    return abs(vx - vy) <= 0.1 * max(vx, vy)


def _in_days(value: float, unit: str) -> float:
    return value * _DAYS[unit] if unit in _TIME_UNITS else value


def _duration_labels(old: str, new: str) -> tuple[Label, ...]:
    """Durations without a comparator that moved in an otherwise equal text, compared in days (``a 3-month trial``
    → ``a 6-week trial`` shortens it): a required length, so longer is more restrictive (under a negation, less)."""
    do, dn = list(_BARE_DURATION.finditer(old)), list(_BARE_DURATION.finditer(new))
    if not do or len(do) != len(dn) or _BARE_DURATION.sub("#", old).lower() != _BARE_DURATION.sub("#", new).lower():
        return ()
    out = []
    for x, y in zip(do, dn, strict=True):
        vx = int(x.group(1)) * _DAYS[x.group(2).lower()]
        vy = int(y.group(1)) * _DAYS[y.group(2).lower()]
        if vx == vy:
            continue
        if _same_length(vx, x.group(2).lower(), vy, y.group(2).lower()):
            out.append(Label("duration changed", Direction.NEUTRAL, x.group(0), y.group(0)))  # said in another unit
            continue
        longer = vy > vx
        negated = _negated(old[: x.start()], length=True)
        direction = Direction.MORE if longer != negated else Direction.LESS
        out.append(Label("duration lengthened" if longer else "duration shortened", direction, x.group(0), y.group(0)))
    return tuple(out)


def _value_labels(old: str, new: str) -> tuple[Label, ...]:
    """Numbers that changed in an otherwise equal text: a typed, neutral change with its values."""
    # ASCII: equal masks need equal texts without the characters of numbers (a cheap test that rules most out)
    # (bytes.translate deletes from a table in C; str.translate looks up every character in a dict)
    if (
        old.isascii()
        and new.isascii()
        and old.encode().translate(None, _NUMBER_CHARS) != new.encode().translate(None, _NUMBER_CHARS)
    ):
        return ()
    if _NUMBER.sub("#", old) != _NUMBER.sub("#", new):
        return ()
    ot, nt = list(_TOKEN.finditer(old)), list(_TOKEN.finditer(new))
    out = []
    for tag, i1, i2, j1, j2 in opcodes([m.group(0) for m in ot], [m.group(0) for m in nt]):
        if tag == "equal":
            continue
        after = " ".join(m.group(0).lower() for m in nt[j2 : j2 + 1])
        name = "duration changed" if after in _TIME_UNITS else "value changed"
        out.append(Label(name, Direction.NEUTRAL, _snip(old, ot, i1, i2), _snip(new, nt, j1, j2)))
    return tuple(out)


def _clip(text: str, n: int = 48) -> str:
    t = " ".join(text.split()).rstrip(";:. ")
    return t if len(t) <= n else t[: n - 1] + "…"


_TOKEN = lazy(r"[^\W_][\w’'®-]*|[^\w\s]")
# the same on ASCII text, as character ranges (a range is tested faster than a Unicode category; held equal
# by a test)
_ASCII_TOKEN = lazy(r"[A-Za-z0-9][A-Za-z0-9_'-]*|[^A-Za-z0-9_\s]")


def _tokens(text: str) -> list[str]:
    """The words and punctuation marks of ``text`` (:data:`_TOKEN`)."""
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


_SEPARATORS = frozenset({",", "or", "and", "nor"})
# every spelling whose lower case is a separator (only ASCII letters lower-case to these): a set look-up per
# token instead of lower-casing each (held equal by a test)
_SEPARATOR_FORMS = frozenset("".join(cs) for w in _SEPARATORS for cs in itertools.product(*({c, c.upper()} for c in w)))
_IS_SEPARATOR = _SEPARATOR_FORMS.__contains__


def _word_places(toks: list[str]) -> list[int]:
    """Where the list's words (the tokens that are no separator) are among ``toks``, in order."""
    return list(itertools.compress(itertools.count(), map(operator.not_, map(_IS_SEPARATOR, toks))))


_ENUMERATOR = lazy(r"[a-z]|[ivx]+|\d+|[()]", re.I)


def _snip(text: str, toks: list[re.Match[str]], lo: int, hi: int) -> str:
    """The words changed with three words either side, as written."""
    if not toks:
        return ""
    return text[toks[max(0, lo - 3)].start() : toks[min(len(toks), hi + 3) - 1].end()]


def _span(text: str, toks: list[re.Match[str]], kept: list[int], lo: int, hi: int) -> str:
    """The list's words ``lo:hi`` (by index among its words) with two words either side, as written."""
    a, b = max(0, lo - 2), min(len(kept), hi + 2)
    if a >= b:
        return ""
    return text[toks[kept[a]].start() : toks[kept[b - 1]].end()]


def list_labels(old: str, new: str) -> tuple[Label, ...]:
    """An item added to or removed from an inline list: its direction follows from the list's logic.

    Under a negation (``not prescribed concurrently with A, B, or C``, ``none of``) one more item excludes more
    members; in a positive ``or`` list (``an oncologist or hematologist``) it is one more way to qualify; in an
    ``and`` list one more requirement.  Examples (``e.g., …``) change nothing.  Only a whole item counts: the
    words added or removed start with the list's ``or`` / ``and`` or end with its comma (``relapsed or
    refractory`` removed from a diagnosis is a qualifier, not an item).
    """
    # the list's words without its separators: "A or B" → "A, B, or C" adds one item, C, whatever the commas do
    ot, nt = _tokens(old), _tokens(new)
    owords = list(itertools.filterfalse(_IS_SEPARATOR, ot))
    nwords = list(itertools.filterfalse(_IS_SEPARATOR, nt))
    if len(owords) == len(nwords):
        return ()  # no word added or removed (all the cases below add or remove some)
    ops = [op for op in opcodes(owords, nwords) if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] not in ("insert", "delete"):
        return ()
    tag, a1, a2, b1, b2 = ops[0]
    added = tag == "insert"
    toks, lo, hi = (nt, b1, b2) if added else (ot, a1, a2)
    kept = _word_places(toks)
    first, last = kept[lo], kept[hi - 1]
    # a whole item: a separator of the list right before or right after the words added or removed
    # (a separator's spellings are those whose lower case is one)
    if not (
        (first > 0 and toks[first - 1] in _SEPARATOR_FORMS)
        or (last + 1 < len(toks) and toks[last + 1] in _SEPARATOR_FORMS)
    ):
        return ()
    if all(_ENUMERATOR.fullmatch(w) for w in toks[first : last + 1] if w not in _SEPARATORS):
        return ()  # "(a or b)" → "(a, b, or c)": the enumerator of a group whose new child has its own label
    window = [w.lower() for w in toks[max(0, first - 3) : last + 4]]
    other = _word_places(ot if added else nt)
    ow, nw = (other, kept) if added else (kept, other)
    om, nm = list(_TOKEN.finditer(old)), list(_TOKEN.finditer(new))  # where the words are, to quote them
    before = new[: nm[first].start()] if added else old[: om[first].start()]
    values = (_span(old, om, ow, a1, a2), _span(new, nm, nw, b1, b2))
    if _EXAMPLES.search(before):
        return (Label("examples changed", Direction.NEUTRAL, *values),)
    where = "added to" if added else "removed from"
    if _NEGATION.search(before):
        return (Label(f"item {where} an exclusion list", Direction.MORE if added else Direction.LESS, *values),)
    if "and" in window and "or" not in window:
        return (Label(f"requirement {where} an all-of list", Direction.MORE if added else Direction.LESS, *values),)
    if "or" not in window and "nor" not in window and "," not in window:
        return ()
    return (Label(f"alternative {where} an any-of list", Direction.LESS if added else Direction.MORE, *values),)


def _prescriber_label(old: PrescriberFact, new: PrescriberFact) -> Label | None:
    o, n = set(old.specialties), set(new.specialties)
    if o == n or not (o <= n or n <= o):
        return None
    direction = Direction.LESS if n > o else Direction.MORE  # one more specialty may prescribe
    return Label("prescriber specialties changed", direction, ", ".join(old.specialties), ", ".join(new.specialties))


def update_labels(
    kind: NodeKind, old: object, new: object, memo: dict[tuple[str, str], tuple[Label, ...]] | None = None
) -> tuple[Label, ...]:
    """Labels for a node whose wording changed (``kind`` is the diff-tree kind).

    ``memo``: the labels read from two criteria's words, by the pair of texts, for one diff to share — a policy
    repeats its wording (one criterion under several indications, boilerplate), and reading it is dear.
    """
    out: list[Label | None] = []
    if isinstance(old, Criterion) and isinstance(new, Criterion):
        fo, fn = old.fact, new.fact
        if (isinstance(fo, DoseLimitFact) and isinstance(fn, DoseLimitFact)) or (
            isinstance(fo, WeightBandFact) and isinstance(fn, WeightBandFact)
        ):
            out.append(_dose_label(fo.dose, fn.dose))
        elif isinstance(fo, AgeFact) and isinstance(fn, AgeFact):
            out.append(_age_label(fo, fn))
        elif isinstance(fo, PrescriberFact) and isinstance(fn, PrescriberFact):
            out.append(_prescriber_label(fo, fn))
        if not any(out):
            texts = (old.text, new.text)
            found = memo.get(texts) if memo is not None else None
            if found is None:
                found = bound_labels(*texts) or list_labels(*texts)
                if memo is not None:
                    memo[texts] = found
            out.extend(found)
        out.append(_connective_label(old.connective, old.at_least, new.connective, new.at_least))
    elif isinstance(old, CriteriaSet) and isinstance(new, CriteriaSet):
        if old.rule and new.rule:
            out.append(_connective_label(old.rule.connective, None, new.rule.connective, None))
        if old.title != new.title:
            out.append(Label("set title changed", Direction.NEUTRAL, old.title, new.title))
    elif isinstance(old, ApprovalDuration) and isinstance(new, ApprovalDuration):
        do, dn = _duration_days(old), _duration_days(new)
        if do is not None and dn is not None and do != dn:
            direction = Direction.LESS if dn > do else Direction.MORE  # a longer approval asks less often
            out.append(Label("approval duration changed", direction, old.text, new.text))
        elif old.text != new.text:
            out.append(Label("approval duration changed", Direction.NEUTRAL, old.text, new.text))
    elif isinstance(old, StateRule) and isinstance(new, StateRule) and old.prohibited != new.prohibited:
        # a state that prohibits step therapy lets members by-pass the redirection
        direction = Direction.LESS if new.prohibited else Direction.MORE
        out.append(
            Label("state rule changed", direction, "Yes" if old.prohibited else "No", "Yes" if new.prohibited else "No")
        )
    labels = tuple(label for label in out if label is not None)
    if not labels and kind in (NodeKind.CRITERION, NodeKind.SET):
        return _WORDING_CHANGED
    return labels


_WORDING_CHANGED = (Label("wording changed", Direction.NEUTRAL),)


def _parent_connective(parent: object) -> Connective | None:
    if isinstance(parent, Criterion):
        return parent.connective
    if isinstance(parent, CriteriaSet) and parent.rule:
        return parent.rule.connective
    return None


# a lead-in that denies coverage ("A WCD is not medically necessary for members with any of the following",
# "… is considered investigational when any of …"): its any-of items are exclusions, not ways to qualify
_DENIES = lazy(
    r"\bnot\s+(?:(?:be|been|considered|deemed)\s+)?(?:medically\s+necessary|covered|authorized|eligible)\b"
    r"|\b(?:investigational|experimental|unproven|excluded)\b",
    re.I,
)


_UNLESS = lazy(r"\b(?:unless|except)\b", re.I)


def _denies(parent: object) -> bool:
    """Whether ``parent`` (a set, a criterion) is a lead-in that denies coverage to what its items describe."""
    text = parent.title if isinstance(parent, CriteriaSet) else parent.text if isinstance(parent, Criterion) else ""
    # ("… is not medically necessary unless one of the following is met": its items are ways to qualify)
    return bool(_DENIES.search(text)) and not _UNLESS.search(text)


def presence_labels(
    kind: NodeKind,
    node: object,
    parent: object,
    section: str | None,
    *,
    added: bool,
    wrapped: tuple[str, ...] = (),
) -> tuple[Label, ...]:
    """Labels for an inserted (``added``) or deleted node, given its parent's AST node and its section id.

    ``wrapped``: the texts of existing criteria the new node now groups (they moved under it).
    """
    verb = "added" if added else "removed"
    if isinstance(node, Criterion) and wrapped and node.connective is Connective.ANY:
        # "Failure of X" → "one of: (a) failure of X; (b) a new bypass": the old criterion is one way among several
        alternatives = tuple(c.text for c in node.children)
        if len(alternatives) > len(wrapped):
            group = f"one of {len(alternatives)}: " + "; ".join(_clip(t) for t in alternatives)
            single = "; ".join(_clip(t) for t in wrapped)
            if added:
                return (Label("criterion widened into an any-of group", Direction.LESS, single, group),)
            return (Label("any-of group narrowed to its criterion", Direction.MORE, group, single),)
    if isinstance(node, Criterion):
        connective = _parent_connective(parent)
        to = "to" if added else "from"
        # what it was and became: absent → the criterion (added), the criterion → absent (removed)
        values = (None, _clip(node.text)) if added else (_clip(node.text), None)
        if connective is Connective.NONE:
            # one more thing a member must not have
            direction = Direction.MORE if added else Direction.LESS
            return (Label(f"exclusion {verb} {to} a none-of list", direction, *values),)
        if connective in _ALL_OF:
            # one more thing every member must meet
            direction = Direction.MORE if added else Direction.LESS
            return (Label(f"criterion {verb} {to} an all-of set", direction, *values),)
        if connective is Connective.ANY and _denies(parent):
            # "not medically necessary for members with any of the following": one more thing that denies
            direction = Direction.MORE if added else Direction.LESS
            return (Label(f"exclusion {verb} {to} a none-of list", direction, *values),)
        if connective is Connective.ANY:
            direction = Direction.LESS if added else Direction.MORE  # one more way to qualify
            return (Label(f"option {verb} {to} an any-of group", direction, *values),)
        return (Label(f"criterion {verb}", Direction.NEUTRAL, *values),)
    if isinstance(node, CriteriaSet):
        title = node.title
        if section in ("I", "II"):
            direction = Direction.LESS if added else Direction.MORE  # a covered indication
            return (Label(f"indication {verb}", direction, None if added else title, title if added else None),)
        if section == "III":
            direction = Direction.MORE if added else Direction.LESS  # a use excluded from coverage
            return (Label(f"exclusion {verb}", direction, None if added else title, title if added else None),)
        return (Label(f"set {verb}", Direction.NEUTRAL),)
    if isinstance(node, StateRule):
        # Appendix E lists states whose laws forbid step therapy: a new state frees its members from it
        direction = (Direction.LESS if added else Direction.MORE) if node.prohibited else Direction.NEUTRAL
        return (Label(f"state {verb}", direction, None if added else node.state, node.state if added else None),)
    if isinstance(node, ApprovalDuration):
        return (Label(f"approval duration {verb}", Direction.NEUTRAL),)
    return ()
