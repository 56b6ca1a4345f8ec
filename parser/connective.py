"""Read how a group's children combine from its wording.

``Member meets one of the following (a or b):`` → any; ``(i and ii)`` → all
(``both`` when the text says so); ``none of the following`` → none; ``at least
two of`` / ``two or more of`` / ``including two of`` → at least 2; ``at least one of`` / ``one or more of``
/ ``any one of`` / ``… has either:`` / ``Criteria 1 or 2 must be met:`` → any.  A count before the list it announces
(``at least one comorbidity, including:``) is read too when nothing else is stated,
never a measure (``at least 3 months of``).  The labels in the parentheses (``a``, ``b``, ``ii``)
are returned too: the nesting pass (``parser/nesting.py``) uses them to tell
letter ``i`` from roman ``i``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.nodes import Connective
from policyvc.parser.prebuilt import dataclass

# A connective alone on its line between two items (``OR``, ``-or-``, ``– AND –``, ``(or)``), centred or set
# bold by a print: it joins the items around it, never an item, a paragraph or a heading of its own
CONNECTIVE_WIDTH = 16  # (no line longer is one: ``– AND/OR –`` and its padding)
_CONNECTIVE_ONLY = lazy(r"^[\s(\[*_–—-]*(?:AND|OR|and|or|And|Or|AND/OR|and/or|And/Or)[\s)\]*_–—:;,.-]*$")


def connective_only(text: str) -> bool:
    """Whether ``text`` is a connective alone on its line (``OR``, ``– AND –``, ``(or)``)."""
    return len(text) <= CONNECTIVE_WIDTH and _CONNECTIVE_ONLY.match(text) is not None


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_LABEL = r"(?:\d{1,3}|[a-zA-Z]{1,6})"
_PAREN_LIST = lazy(rf"\(({_LABEL}(?:\s*,\s*{_LABEL})*),?\s+(or|and|and/or)\s+({_LABEL})\)")
_COUNT = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*\(\d+\))?"  # (``two (2)``)
_AT_LEAST = lazy(rf"\b(?:at least {_COUNT}|{_COUNT} or more) of\b", re.I)
# ``at least one clinically significant comorbidity, including:`` / ``two or more:``: a count before the list
# it announces (read only when the lead-in names no other connective, and never a measure: ``at least 3
# months of``, ``2 or more doses``)
_AT_LEAST_LOOSE = lazy(
    rf"\b(?:at least {_COUNT}|{_COUNT} or more)\b(?!\s*(?:%|percent|\w*(?:hours?|days?|weeks?|months?|years?"
    rf"|times|mg|mcg|units?|ml|kg|doses?|cycles?|sessions?|visits?|points?|episodes?|events?)\b))(?=[^:]*:\W*$)",
    re.I,
)
# ``including two of the following:``, ``any three of the following``: a bare count of two or more before
# ``of the following`` is at least that many (one is read as any below); never after a word that bounds it
# otherwise (``exactly two of``, ``only two of``, ``more than two of``, ``the first two of``: :data:`_NEGATED`
# reads the bounds it can, the rest stay without a connective)
_BARE_COUNT = lazy(
    r"(?<![\w-])(?<!exactly )(?<!only )(?<!than )(?<!most )(?<!least )(?<!first )(?<!last )(?<!the )"
    r"(two|three|four|five|six|seven|eight|nine|ten|[2-9])(?:\s*\(\d+\))?\s+of\s+the\s+following\b",
    re.I,
)
_OF_ANY = r"\s+any(?:\s+one)?\s+of\s+the\s+following\b"
_NOT_VERB = (
    r"(?:does|do|did|must|should|may|can|has|have)\s*(?:not|n't)\s+(?:\w+\s+)?"
    r"(?:have|had|meet|met|be|show|exhibit|present\s+with|receive|received|tried|used|taken|experienced)"
)
_NONE = lazy(
    rf"\bnone of the following\b|\b{_NOT_VERB}{_OF_ANY}|\bcannot\s+(?:have|meet|be){_OF_ANY}"
    # ``Absence of all of the following``, ``free of all of``, ``without any of``, ``no history of any of``: the
    # list's items must all be absent.  (``without all of`` is not read: it says only that one may be missing.)
    r"|\b(?:absence|absent|free|lack|lacking)\s+(?:of\s+)?(?:all|any|each)(?:\s+one)?\s+of\s+the\s+following\b"
    rf"|\b(?:without|no(?:\s+(?:evidence|history|signs?|presence|diagnosis|documentation))?(?:\s+of)?){_OF_ANY}",
    re.I,
)
# A quantifier under a negation the patterns above do not read (``does not meet all of the following``: one may
# be missing; ``no more than one of``: at most one): no connective, so the list decides nothing by itself.  A
# negated comparison is not one (``Dose does not exceed one of the following``: the quantifier is the list's).
_NEGATED = lazy(
    r"\b(?:(?:does|do|did|must|should|can|may)\s*(?:not|n't)\s+(?:\w+\s+)?(?:meet|have|satisfy|fulfill?)\s+"
    rf"(?:all|both|each|either|{_COUNT})|not\s+(?:all|both|each)"
    rf"|(?:no more than|fewer than|less than|at most)\s+{_COUNT})"
    r"(?:\s+one)?(?:\s*\(\d+\))?\s+of\s+the\s+following\b",
    re.I,
)
_BOTH = lazy(r"\bboth of the following\b", re.I)
# ``… of the diagnoses below:``, ``… of the criteria listed below:``: the list named by what it lists, right before the
# colon that announces it (a sentence that goes on — ``one of the drugs below is preferred`` — announces nothing)
_NAMED_BELOW = r"of\s+the\s+(?:[a-z][\w/-]*\s+){1,3}(?:(?:listed|shown|given)\s+)?below\W*:\W*$"
_ALL = lazy(rf"\ball of the following\b|\ball {_NAMED_BELOW}", re.I)
_ONE = lazy(rf"\b(?:one|any|either)(?: one)?(?:\s*\(1\))? (?:of the following\b|{_NAMED_BELOW})", re.I)
# ``Criteria (all must be met)``, ``any one of these must be met``: the connective said of the criteria's meeting
_MUST_BE_MET = lazy(
    r"\b(?P<word>all|any|one|both|either)\b(?:\s+one)?(?:\s+of\s+(?:these|them|the\s+(?:following|criteria|below)))?"
    r"\s+(?:criteria\s+)?(?:must|need\s+to|should|to)\s+be\s+met\b",
    re.I,
)
# A checklist's rule for its boxes: ``If ONE is selected, patient is NOT eligible`` (an exclusion list: none may
# apply), ``If any of the following apply, the member does not qualify``; without the negation (``If one is
# checked, the member is eligible``) any one suffices.  The condition and the outcome must share one sentence.
_IF_ONE = (
    r"\bif\s+(?:any|one|either)(?:\s+one)?(?:\s+(?:box|item|criterion|condition|answer|statement)(?:es|s)?)?"
    r"(?:\s+of\s+(?:the\s+following|these|them|the\s+(?:criteria|conditions|items)(?:\s+below)?))?"
    r"(?:\s+(?:criteria|conditions))?\s+(?:is|are|apply|applies|exists?)\b[^.:;]{0,50}?"
)
_IF_ONE_EXCLUDES = lazy(
    rf"{_IF_ONE}(?:\bnot\s+(?:be\s+)?(?:eligible|a\s+candidate|covered|approved)\b|\bineligible\b|\bexcluded\b"
    r"|\b(?:does|do|will)\s*(?:not|n't)\s+qualify\b|\b(?:do\s+not|don't)\s+(?:approve|cover)\b)",
    re.I,
)
_IF_ONE_QUALIFIES = lazy(rf"{_IF_ONE}\b(?:is|are)\s+(?:eligible|covered|approved)\b|{_IF_ONE}\bqualif(?:y|ies)\b", re.I)
_MET_WORD = {"all": "all", "any": "any", "one": "any", "both": "both", "either": "any"}
# ``… when the member meets the criteria in 1 through 3:``, ``… meets criteria A–D below:``: a lead-in that names its
# items by a range of their labels asks for every one of them (a lead-in's colon must close the line: a range in a
# sentence — ``see sections 2 to 4`` — announces nothing).  A quantifier or a negation before the range in the same
# clause (``one of criteria 1–3``, ``does not meet criteria 1 through 3``) is read by no rule here: no connective.
_LABEL_RANGE = lazy(
    r"\b(?i:criteria|criterion|requirements|conditions|items|indications)\s+(?:(?i:in|of|listed\s+in|under|at)\s+)?"
    r"(?:#\s*)?(?:\d{1,2}|[A-Z])\s*(?:through|thru|to|[-–—])\s*(?:\d{1,2}|[A-Z])\b(?=[^:;.]*:\W*$)",
)
# ``Criteria 1 or 2 must be met:``, ``… meets criteria A, B and C:``: a lead-in that names its items by their labels
# joined by ``or`` asks for any one of them, by ``and`` for each (the same colon and qualifier rules as a range).
_LABEL_CHOICE = lazy(
    r"(?:\b(?i:criteria|criterion|requirements|conditions|items|indications)\s+(?:(?i:in|of|listed\s+in|under|at)\s+)?"
    # (``… when meeting both 1 AND 2:``: ``both`` names the labels as ``criteria`` does; the joining word in any case)
    r"|\b(?i:both)\s+)"
    r"(?:#\s*)?(?P<labels>(?:\d{1,2}|[A-Z])(?:\s*,\s*(?:\d{1,2}|[A-Z]))*,?\s+(?P<word>(?i:or|and/or|and))\s+(?:\d{1,2}|[A-Z]))"
    # (the labels end the lead-in: ``Criteria 1 or 2 must be met:``, ``… meets criteria A or B below:``)
    # (or in parentheses before the colon: ``… for the following conditions (Criteria 1 or 2 must be met):``)
    r"\b(?:\s+(?:below|above))?(?:\s+(?:(?:must|need\s+to|should|to)\s+be|(?:is|are))\s+(?:met|required))?\s*\)?\s*:\W*$",
)
_LABELS_SPLIT = lazy(r"\s*,\s*(?:(?:and/or|or|and)\s+)?|\s+(?:and/or|or|and)\s+", re.I)
_RANGE_QUALIFIED = lazy(
    r"\b(?:one|any|either|none|neither|some|no|not|cannot|never|two|three|four|five|least|more|fewer|less|most)\b"
    r"|n't\b",
    re.I,
)
# ``… when the member has either:``: ``either`` right before the colon that announces the list
_EITHER = lazy(r"\beither\W*:\W*$", re.I)
# An item's name, the few words it opens with before a dash or a colon (``Group I – any of the following:``,
# ``Pathway B: …``): what a lead-in may call it by
_ITEM_NAME = lazy(r"^\s*(?P<name>[A-Za-z0-9][\w/().'’-]*(?:\s+[\w/().'’-]+){0,3}?)\s*(?:[–—:]|\s-\s)")


@dataclass(frozen=True, slots=True)
class ConnectiveReading:
    connective: Connective | None
    at_least: int | None
    labels: tuple[str, ...]  # lower-cased labels named in "(a, b, or c)"


def read_connective(text: str) -> ConnectiveReading:
    """Return the connective a criterion's text announces (``None`` if it names none)."""
    labels: tuple[str, ...] = ()
    paren_word = None
    m = _PAREN_LIST.search(text)
    if m:
        first = [p.strip().lower() for p in m.group(1).split(",")]
        labels = (*first, m.group(3).lower())
        paren_word = m.group(2)
    m_least = _AT_LEAST.search(text)
    if m_least:
        return _counted(next(g for g in m_least.groups() if g), labels)
    if _NONE.search(text) or _IF_ONE_EXCLUDES.search(text):
        return ConnectiveReading(Connective.NONE, None, labels)
    if _NEGATED.search(text):
        return ConnectiveReading(None, None, labels)
    if _BOTH.search(text):
        return ConnectiveReading(Connective.BOTH, None, labels)
    if m_bare := _BARE_COUNT.search(text):
        return _counted(m_bare.group(1), labels)
    if _ALL.search(text):
        return ConnectiveReading(Connective.ALL, None, labels)
    if _ONE.search(text):
        return ConnectiveReading(Connective.ANY, None, labels)
    if _EITHER.search(text):
        return ConnectiveReading(Connective.ANY, None, labels)
    if _IF_ONE_QUALIFIES.search(text) and not re.search(r"\bnot\b|n't\b", text, re.I):
        return ConnectiveReading(Connective.ANY, None, labels)
    if m_met := _MUST_BE_MET.search(text):
        return ConnectiveReading(Connective(_MET_WORD[m_met.group("word").lower()]), None, labels)
    if m_least := _AT_LEAST_LOOSE.search(text):
        return _counted(next(g for g in m_least.groups() if g), labels)
    if (m_range := _LABEL_RANGE.search(text)) and not _RANGE_QUALIFIED.search(
        re.split(r"[.;]\s", text[: m_range.start()])[-1]
    ):
        return ConnectiveReading(Connective.ALL, None, labels)
    if (m_choice := _LABEL_CHOICE.search(text)) and not _RANGE_QUALIFIED.search(
        re.split(r"[.;]\s", text[: m_choice.start()])[-1]
    ):
        named = tuple(p.lower() for p in _LABELS_SPLIT.split(m_choice.group("labels")) if p)
        if m_choice.group("word").lower() == "and":
            return ConnectiveReading(Connective.BOTH if len(named) == 2 else Connective.ALL, None, labels or named)
        return ConnectiveReading(Connective.ANY, None, labels or named)
    if paren_word == "or" or paren_word == "and/or":
        return ConnectiveReading(Connective.ANY, None, labels)
    if paren_word == "and":
        return ConnectiveReading(Connective.BOTH if len(labels) == 2 else Connective.ALL, None, labels)
    return ConnectiveReading(None, None, labels)


def named_items(lead: str, items: Sequence[str]) -> Connective | None:
    """The connective of a lead-in that names its items by the words each opens with, joined by ``or`` or ``and``
    right before its colon (``… that meets Group I or Group II:`` over ``Group I – …`` and ``Group II – …``): any
    one of them for ``or``, each for ``and``.  Every item must be named, in order, each by its own name; a
    quantifier or a negation right before the names (``does not meet Group I or Group II:``) reads nothing."""
    said = " ".join(lead.split())
    if len(items) < 2 or not said.endswith(":"):
        return None
    names = []
    for text in items:
        m = _ITEM_NAME.match(text)
        if m is None:
            return None
        names.append(" ".join(m["name"].split()))
    if len({n.casefold() for n in names}) != len(names):
        return None
    joined = r"\s*,\s*".join(re.escape(n) for n in names[:-1])
    m = re.search(
        rf"(?<![\w-]){joined},?\s+(?P<word>or|and/or|and)\s+{re.escape(names[-1])}(?:\s+(?:below|above))?\s*:$",
        said,
        re.I,
    )
    if m is None or _RANGE_QUALIFIED.search(" ".join(said[: m.start()].split()[-4:])):
        return None  # (``does not meet …``, ``one of …``, ``neither …``: the words right before the names)
    if m["word"].lower() == "and":
        return Connective.BOTH if len(names) == 2 else Connective.ALL
    return Connective.ANY


def _counted(word: str, labels: tuple[str, ...]) -> ConnectiveReading:
    """``at least <word>`` / ``<word> or more``: any for one, else at least N."""
    word = word.lower()
    n = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    if n <= 1:
        return ConnectiveReading(Connective.ANY, None, labels)
    return ConnectiveReading(Connective.ATLEAST, n, labels)


_MEET = lazy(r"\(must meet ([^)]*)\)", re.I)


def read_meet_rule(text: str) -> tuple[Connective, tuple[str, ...], str] | None:
    """Parse a set's ``(must meet all)`` / ``(must meet one)`` / ``(must meet 1 or 2)``."""
    m = _MEET.search(text)
    if not m:
        return None
    inner = m.group(1).strip()
    low = inner.lower()
    if low in ("all", "all of the following"):
        return Connective.ALL, (), inner
    if low in ("one", "one of the following", "any", "1"):
        return Connective.ANY, (), inner
    if low == "none":
        return Connective.NONE, (), inner
    parts = [p.strip() for p in re.split(r",|\bor\b|\band\b", inner) if p.strip()]
    if parts and all(re.fullmatch(_LABEL, p) for p in parts):
        conn = Connective.ANY if re.search(r"\bor\b", low) else Connective.ALL
        return conn, tuple(parts), inner
    # wording we do not know: keep it, and read it as the family's default
    return Connective.ALL, (), inner
