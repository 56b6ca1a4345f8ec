"""Hypothesis strategies that write whole clinical-policy texts of the Centene family.

Every text is written from a generated *model* (:class:`GenPolicy`), so a test
knows exactly what it generated: the criteria tree with its ids, markers,
connectives, footnote marks and notes, each set's durations, the tables, the
revision log.  The model is written out twice:

* :func:`write_clean` — the family's own layout, as a careful export would
  give it (lines may wrap, headings and fields vary within what the family
  writes, durations come in all three shapes);
* :func:`write_with_artifacts` — the same policy with the export artifacts the
  seed shows (markdown bullets before markers, ``[®]``, ``\\geq``, ``**note*``
  notes, blank lines between items, links, ``<p>`` in table cells, page breaks
  inside tables, odd spaces, ligatures, CRLF …), which normalisation must undo.

Free text uses a safe alphabet (letters, digits, spaces and ``,;()-/’``, plus
a sentence's closing period in prose) and never starts a line with something
that reads as a marker, a heading, a note or a bullet; no table-cell paragraph
that another paragraph follows ends in ``:``; no text says ``(must meet`` or
holds a tab.  The marker ladder (``1.`` → ``a.`` → ``i.`` → ``1)`` → ``a)`` →
``i)`` → ``(1)`` → ``(a)`` → ``(i)``) is written out here on its own, not taken
from the parser, so the tests check the parser against an independent model.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from policyvc.parser.nodes import Connective, CriterionType, MarkerKind

Draw = Callable[[st.SearchStrategy[Any]], Any]

# --- the marker ladder, written out independently of the parser -------------------

LADDER: tuple[tuple[MarkerKind, str], ...] = (
    (MarkerKind.NUMBER, "."),
    (MarkerKind.LETTER, "."),
    (MarkerKind.ROMAN, "."),
    (MarkerKind.NUMBER, ")"),
    (MarkerKind.LETTER, ")"),
    (MarkerKind.ROMAN, ")"),
    (MarkerKind.NUMBER, "()"),
    (MarkerKind.LETTER, "()"),
    (MarkerKind.ROMAN, "()"),
)
ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
MAX_LEVELS = 8  # deepest criteria level generated: 1. a. i. 1) a) i) (1) (a)
MAX_SIBLINGS = 12


def label_of(kind: MarkerKind, n: int) -> str:
    if kind is MarkerKind.NUMBER:
        return str(n)
    if kind is MarkerKind.LETTER:
        return "abcdefghijklmnopqrstuvwxyz"[n - 1]
    return ROMANS[n - 1]


def marker_for(depth: int, label: str) -> str:
    style = LADDER[depth % len(LADDER)][1]
    return f"({label})" if style == "()" else f"{label}{style}"


# --- vocabulary ---------------------------------------------------------------------
# Lower-case words that, alone or together, form none of the phrasings the parser
# recognises (no "following", "least", "exceed", "prescribed", "regulations",
# "cycle", "use", "tried", "failure", "supported" …) and no heading or keyword.

WORDS = (
    "member", "has", "documented", "history", "response", "therapy", "baseline", "labs",
    "within", "normal", "range", "chart", "notes", "recent", "severe", "chronic", "disease",
    "symptoms", "current", "height", "velocity", "score", "count", "level", "prior",
    "treatment", "with", "after", "months", "stable", "active", "infection", "absent",
    "confirmed", "by", "imaging", "biopsy", "specialist", "visit", "report", "inadequate",
    "intolerance", "adverse", "effects", "dosing", "regimen", "label", "standard", "care",
    "the", "in", "is", "was", "been", "per", "plan", "benefit", "renal", "hepatic",
    "function", "neutrophil", "recovery", "marrow", "growth", "hormone", "pediatric",
    "adult", "oral", "injection", "vial", "pen", "week", "and", "or", "a", "for", "to",
    "member’s", "fluid", "profile", "efficacy", "safety", "office", "setting",
)  # fmt: skip
PAREN_WORDS = ("GHD", "ANC", "labs", "imaging", "baseline", "per chart", "in kg", "e g", "weekly")
SUBJECTS = (
    "Member",
    "Patient",
    "Provider",
    "Treatment",
    "Labs",
    "Baseline",
    "Recent",
    "Chart",
    "Current",
    "Severe",
    "Chronic",
    "Stable",
    "Inadequate",
    "Symptoms",
    "Response",
)
TITLE_WORDS = (
    "Pediatric",
    "Adult",
    "Growth",
    "Hormone",
    "Deficiency",
    "Chronic",
    "Neutropenia",
    "Acute",
    "Myeloid",
    "Leukemia",
    "Bone",
    "Marrow",
    "Transplantation",
    "Radiation",
    "Syndrome",
    "Severe",
    "Asthma",
    "Atopic",
    "Dermatitis",
    "Collection",
    "Transition",
    "Febrile",
)
SPECIALISTS = (
    "pediatric endocrinologist",
    "hematologist",
    "dermatologist",
    "pulmonologist",
    "allergist",
    "immunologist",
    "gastroenterologist",
    "rheumatologist",
)
VOWEL_SPECIALISTS = ("oncologist", "endocrinologist", "allergist or immunologist", "infectious disease specialist")
SYLLABLES = (
    "so",
    "ma",
    "tro",
    "gon",
    "fil",
    "gra",
    "stim",
    "du",
    "pi",
    "lu",
    "mab",
    "sar",
    "mo",
    "leu",
    "ki",
    "ne",
    "zar",
    "xi",
    "ven",
    "ta",
    "ra",
    "no",
    "vel",
    "tor",
)
STATES = (
    "AL",
    "AR",
    "CO",
    "FL",
    "GA",
    "IA",
    "IL",
    "IN",
    "KS",
    "LA",
    "MI",
    "MS",
    "NE",
    "NV",
    "OH",
    "OK",
    "PA",
    "SC",
    "TN",
    "TX",
    "WA",
)
LOBS = ("Commercial", "HIM", "Medicaid", "Medicare")
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_PURE_WORD = re.compile(r"^[a-z]+$")
# A wrapped line may start with a plain word or number: never with a marker, a note, a bullet,
# or a word that opens a heading or a duration line.
_BREAK_BEFORE = re.compile(r"^(?:[a-z]+|[A-Z][a-z]+®?|\d+|[≥≤<>]|\((?:[a-z]{1,2}|\d)[,]?|\([A-Za-z][a-z ]{2,}\)[;.]?)$")
_NO_BREAK_BEFORE = frozenset(
    {
        "Medicaid",
        "Commercial",
        "Medicare",
        "Marketplace",
        "All",
        "Description",
        "Approval",
        "Appendix",
        "Coding",
        "Important",
        "Clinical",
        "Reference",
        "Effective",
        "Last",
        "Line",
        "Lines",
        "Reviews",
        "Policy",
    }
)


# --- the model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Lines:
    """Text written over one or more lines; the parser joins them with one space."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class GenCriterion:
    label: str
    kind: MarkerKind
    body: Lines  # the wording without marker and footnote mark
    footnote: bool  # a trailing ``*`` after the wording
    notes: tuple[Lines, ...]  # notes written right after this item's line(s)
    connective: Connective | None  # what the group's wording announces (None: a leaf)
    at_least: int | None
    ctype: CriterionType  # the type the wording should be classified as
    children: tuple[GenCriterion, ...] = ()
    inline_mark: bool = False  # a footnote mark inside the wording (``Danyelza®*, temozolomide*``)


@dataclass(frozen=True)
class GenDuration:
    lobs: tuple[str, ...]  # empty: "Approval duration: 12 months"
    text: str
    amount: int | None
    unit: str | None
    sep: str = " – "
    wrap_at: int = 0  # the duration's text continues on the next line from this word (0: one line)


@dataclass(frozen=True)
class GenSet:
    letter: str
    title: str
    off_label: bool
    rule: tuple[Connective, tuple[str, ...], str] | None  # connective, the criteria named, inner text
    colon: bool  # "A. Title:" when there is neither rule nor off-label mark
    notes: tuple[Lines, ...]
    criteria: tuple[GenCriterion, ...]
    durations: tuple[GenDuration, ...]
    duration_style: str  # "heading" | "inline" | "bare" | "none"
    heading_word: str = "Approval duration:"
    blank_after_head: bool = True
    head: Lines | None = None  # the heading after "A. " as written (possibly wrapped)


@dataclass(frozen=True)
class GenSection:
    numeral: str
    head: str  # as written, e.g. "III. Diagnoses/Indications for which coverage is NOT authorized:"
    title: str  # what the parser should keep
    sets: tuple[GenSet, ...]


@dataclass(frozen=True)
class GenTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]  # (key, cells after the key)


@dataclass(frozen=True)
class GenAppendix:
    letter: str
    title: str
    paragraphs: tuple[Lines, ...] = ()
    bullets: tuple[Lines, ...] = ()
    table: GenTable | None = None
    after: tuple[Lines, ...] = ()  # paragraphs after the table
    abbreviations: tuple[tuple[str, str], ...] = ()
    states: tuple[tuple[str, str, str], ...] = ()  # (state, mark, notes)


@dataclass(frozen=True)
class GenRevision:
    description: str
    date: dt.date
    pt: tuple[int, int] | None  # (year, month)
    empty_cell: bool = True  # without a P&T date: whether the row still ends in a tab (an empty cell)


@dataclass(frozen=True)
class GenPolicy:
    generic: str
    brands: tuple[str, ...]
    reference: str
    effective: dt.date
    review: tuple[int, int] | dt.date  # (year, month) written MM.YY, or a full date
    lobs: tuple[str, ...]
    lob_line: str  # as written after "Line of Business:"
    lob_keyword: str
    extras: tuple[str, ...]
    description: tuple[Lines, ...]
    indications_head: str
    indications_intro: tuple[Lines, ...]
    indications: tuple[Lines, ...]
    criteria_intro: tuple[Lines, ...]
    sections: tuple[GenSection, ...]
    appendices: tuple[GenAppendix, ...]
    dosing: GenTable | None
    availability: tuple[str, ...]
    references: tuple[Lines, ...]
    coding_intro: tuple[Lines, ...]
    hcpcs: tuple[tuple[str, str], ...]
    revisions: tuple[GenRevision, ...]
    reminder: tuple[Lines, ...]
    appendices_intro: tuple[Lines, ...] = ()  # section IV's own text before Appendix A
    availability_bullets: bool = False  # section VI written as bullets rather than paragraphs

    @property
    def title(self) -> str:
        return f"{self.generic} ({', '.join(self.brands)})"


@dataclass(frozen=True)
class Generated:
    """A generated policy: the model and its clean text."""

    model: GenPolicy
    text: str


# --- what the model says the parser must produce ----------------------------------------


@dataclass(frozen=True)
class ExpectedCriterion:
    id: str
    parent: str  # the set id for top-level criteria
    marker: str
    kind: MarkerKind
    text: str
    footnote: str
    connective: Connective | None
    at_least: int | None
    ctype: CriterionType
    notes: tuple[str, ...]


def walk(items: tuple[GenCriterion, ...], parent: str) -> Iterator[tuple[str, str, GenCriterion]]:
    """(id, parent id, node) in document order."""
    for it in items:
        node_id = f"{parent}.{it.label}"
        yield node_id, parent, it
        yield from walk(it.children, node_id)


def expected_criteria(set_id: str, items: tuple[GenCriterion, ...]) -> list[ExpectedCriterion]:
    """The criteria of a set as the parser must give them, notes attached by the family's rule.

    Walking the set in document order, a note goes to
    1. the nearest criterion, from the one it follows up to the set, whose wording ends in a
       footnote mark not yet claimed;
    2. else, when criteria since the last note so placed carry inline marks, to their lowest
       common ancestor, if the note is written under it (else to the criterion it follows);
    3. else to the criterion it follows.
    """
    parents: dict[str, str] = {}
    nodes: dict[str, GenCriterion] = {}
    order: list[str] = []
    for node_id, parent, it in walk(items, set_id):
        parents[node_id] = parent
        nodes[node_id] = it
        order.append(node_id)
    claimed: set[str] = set()
    pending: list[str] = []
    owned: dict[str, list[str]] = {node_id: [] for node_id in order}
    for node_id in order:
        if nodes[node_id].inline_mark:
            pending.append(node_id)
        for note in nodes[node_id].notes:
            target = None
            cur: str | None = node_id
            while cur is not None and cur in nodes:
                if nodes[cur].footnote and cur not in claimed:
                    claimed.add(cur)
                    target = cur
                    break
                cur = parents.get(cur)
            if target is None and pending:
                common = _common_ancestor(pending)
                if common is not None and (node_id == common or node_id.startswith(common + ".")):
                    target = common
                pending = []
            owned[target or node_id].append(note.text)
    return [
        ExpectedCriterion(
            id=node_id,
            parent=parents[node_id],
            marker=nodes[node_id].label,
            kind=nodes[node_id].kind,
            text=nodes[node_id].body.text,
            footnote="*" if nodes[node_id].footnote else "",
            connective=nodes[node_id].connective,
            at_least=nodes[node_id].at_least,
            ctype=nodes[node_id].ctype,
            notes=tuple(owned[node_id]),
        )
        for node_id in order
    ]


def _common_ancestor(ids: list[str]) -> str | None:
    """The deepest criterion id that is an ancestor-or-self of every id (``None`` if only the set is)."""
    paths = [node_id.split(".")[2:] for node_id in ids]  # drop the section and set
    common: list[str] = []
    for parts in zip(*paths, strict=False):
        if any(p != parts[0] for p in parts):
            break
        common.append(parts[0])
    return ".".join([*ids[0].split(".")[:2], *common]) if common else None


def set_note_count(s: GenSet) -> int:
    """Every note written in a set, whether it lands on the set or on a criterion."""
    return len(s.notes) + sum(len(it.notes) for _, _, it in walk(s.criteria, ""))


# --- small text builders ------------------------------------------------------------------


def _wrap(draw: Draw, tokens: list[str], max_breaks: int = 2) -> Lines:
    """Split ``tokens`` over lines, breaking only before a plain word or number, so that no
    continuation line starts like a marker (``a.``), a heading, a note or a bullet."""
    spots = [k for k in range(1, len(tokens)) if _BREAK_BEFORE.match(tokens[k]) and tokens[k] not in _NO_BREAK_BEFORE]
    breaks: set[int] = set()
    if spots and max_breaks and draw(st.sampled_from((False, False, True))):
        breaks = draw(st.sets(st.sampled_from(spots), max_size=max_breaks))
    lines, cur = [], []
    for k, tok in enumerate(tokens):
        if k in breaks and cur:
            lines.append(" ".join(cur))
            cur = []
        cur.append(tok)
    lines.append(" ".join(cur))
    return Lines(tuple(lines))


def _words(draw: Draw, lo: int, hi: int) -> list[str]:
    return list(draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi)))


def _paren(draw: Draw) -> str:
    return f"({draw(st.sampled_from(PAREN_WORDS))})"


def _sentence_tokens(draw: Draw, *, first: str | None = None, lo: int = 2, hi: int = 8, end: str = "") -> list[str]:
    tokens = [first or draw(st.sampled_from(SUBJECTS)), *_words(draw, lo, hi)]
    if draw(st.booleans()):
        tokens.insert(draw(st.integers(1, len(tokens))), _paren(draw))
    tokens[-1] += end
    return tokens


def _prose(draw: Draw, *, sentences: tuple[int, int] = (1, 3), first: str | None = None) -> Lines:
    """A paragraph of one to three sentences, possibly wrapped over lines."""
    tokens: list[str] = []
    for k in range(draw(st.integers(*sentences))):
        tokens += _sentence_tokens(draw, first=first if k == 0 else None, end=".")
    return _wrap(draw, tokens)


def _drug_word(draw: Draw) -> str:
    parts = draw(st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3))
    return "".join(parts).capitalize()


def _dose(draw: Draw) -> str:
    amount = draw(st.sampled_from(("0.24", "0.48", "0.66", "5", "6", "7", "10", "12", "250", "500", "300")))
    unit = draw(st.sampled_from(("mcg/kg", "mg/kg", "mcg/m²", "mcg/m²/day", "mg", "mcg")))
    route = draw(st.sampled_from(("SC", "IV", "IV or SC")))
    freq = draw(st.sampled_from(("daily", "once weekly", "twice daily", "every 2 weeks")))
    return f"{amount} {unit} {route} {freq}"


# --- criteria --------------------------------------------------------------------------


def _leaf(draw: Draw, brand: str, *, in_dose_group: bool = False) -> tuple[list[str], CriterionType]:
    """The wording of a leaf criterion and the type it should be read as."""
    if in_dose_group:
        if draw(st.booleans()):
            band = draw(st.sampled_from(("<", ">", "≤", "≥", "range")))
            if band == "range":
                lo = draw(st.integers(5, 30))
                lead = f"Weight {lo} kg to {lo + draw(st.integers(5, 30))} kg:"
            else:
                lead = f"Weight {band} {draw(st.integers(5, 60))} kg:"
            return [*lead.split(), *_dose(draw).split()], CriterionType.WEIGHT_BAND
        tails = ("", f" prior to day 1 of {brand} administration", f" in combination with {brand}")
        tail = draw(st.sampled_from(tails))
        return f"{_dose(draw)}{' for 5 doses' if draw(st.booleans()) else ''}{tail}".split(), CriterionType.DOSE_LIMIT
    shape = draw(st.sampled_from(("plain", "plain", "age", "dose", "weight", "diagnosis", "prescriber", "brand")))
    if shape == "age":
        op = draw(st.sampled_from(("≥", ">", "≤", "<")))
        unit = draw(st.sampled_from(("years", "months")))
        return ["Age", op, str(draw(st.integers(1, 80))), unit], CriterionType.AGE
    if shape == "dose":
        lead = draw(
            st.sampled_from(
                (
                    "Dose does not exceed",
                    "New dose does not exceed",
                    "If request is for a dose increase, new dose does not exceed",
                )
            )
        )
        return [*lead.split(), *_dose(draw).split()], CriterionType.DOSE_LIMIT
    if shape == "weight":
        return ["Weight", "<", str(draw(st.integers(5, 60))), "kg:", *_dose(draw).split()], CriterionType.WEIGHT_BAND
    if shape == "diagnosis":
        return ["Diagnosis", "of", *_words(draw, 1, 5)], CriterionType.DIAGNOSIS
    if shape == "prescriber":
        if draw(st.booleans()):
            who = ["a", *draw(st.sampled_from(SPECIALISTS)).split()]
        else:
            who = ["an", *draw(st.sampled_from(VOWEL_SPECIALISTS)).split()]
        return ["Prescribed", "by", "or", "in", "consultation", "with", *who], CriterionType.PRESCRIBER
    if shape == "brand":
        return ["Member", "is", "not", "receiving", f"{brand}®", *_words(draw, 0, 3)], CriterionType.JUDGMENT
    return _sentence_tokens(draw), CriterionType.JUDGMENT


def _label_list(labels: list[str], word: str, oxford: bool) -> list[str]:
    """``(a or b)``, ``(a, b, or c)`` (``(a, b or c)`` without the serial comma) as tokens."""
    if len(labels) == 2:
        return [f"({labels[0]}", word, f"{labels[1]})"]
    head = [f"{x}," for x in labels[:-2]]
    head[0] = "(" + head[0]
    return [*head, labels[-2] + ("," if oxford else ""), word, f"{labels[-1]})"]


def _group(
    draw: Draw, n: int, child_kind: MarkerKind, must_label: bool
) -> tuple[list[str], Connective, int | None, bool]:
    """The wording of a group with ``n`` children: tokens (ending in ``:``), the connective the
    parser should read, its N for "at least N", and whether the children's labels are listed."""
    labels = [label_of(child_kind, k) for k in range(1, n + 1)]
    options = ["any", "all", "none", "paren"] + (["both"] if n == 2 else []) + (["atleast"] if n >= 2 else [])
    conn = draw(st.sampled_from(options))
    if conn == "paren" and n < 2:
        conn = "all"
    labelled = n >= 2 and (must_label or conn == "paren" or draw(st.sampled_from((True, True, False))))
    at_least = None
    subject = draw(
        st.sampled_from(
            (
                "Member meets",
                "Request meets",
                "Member has",
                "Prescribed for",
                "Patient meets",
                "For recent labs, member meets",
                "Prescribed for use in",
            )
        )
    )
    if conn == "any":
        phrase = [*subject.split(), draw(st.sampled_from(("one", "any"))), "of", "the", "following"]
        expected, word = Connective.ANY, "or"
    elif conn == "all":
        phrase = [*subject.split(), "all", "of", "the", "following"]
        expected, word = Connective.ALL, "and"
    elif conn == "both":
        phrase = [*subject.split(), "both", "of", "the", "following"]
        expected, word = Connective.BOTH, "and"
    elif conn == "none":
        lead = draw(
            st.sampled_from(
                (
                    "Member has none of the following",
                    "Member does not have any of the following",
                    "Request does not meet any of the following",
                )
            )
        )
        phrase = lead.split()
        expected, word = Connective.NONE, "or"
    elif conn == "atleast":
        at_least = draw(st.integers(2, min(n, 10)))
        count = draw(st.sampled_from((NUMBER_WORDS[at_least], str(at_least))))
        phrase = ["Member", "meets", "at", "least", count, "of", "the", "following"]
        expected, word = Connective.ATLEAST, "or"
    else:  # only the labels say how the children combine
        word = draw(st.sampled_from(("or", "and", "and/or")))
        phrase = [*subject.split(), "the", "following"]
        # "(a and b)" reads as both, "(a, b, and c)" as all, "(a or b)" and "(a and/or b)" as any
        and_reading = Connective.BOTH if n == 2 else Connective.ALL
        expected = and_reading if word == "and" else Connective.ANY
    if labelled:
        tokens = [*phrase, *_label_list(labels, word, draw(st.booleans()))]
    elif not labelled and conn == "all" and draw(st.booleans()):
        tokens = [*subject.split(), "the", "following"]  # no connective word: the family's default, all
    else:
        tokens = phrase
    tokens[-1] += ":"
    return tokens, expected, at_least, labelled


def _notes(draw: Draw, weights: tuple[int, ...] = (0, 0, 0, 0, 0, 1, 1, 2)) -> tuple[Lines, ...]:
    count = draw(st.sampled_from(weights))
    out = []
    for _ in range(count):
        first = draw(st.sampled_from(("Prior", "Step", "For", "Coverage", "Member", "Prescribed", "Renewal")))
        out.append(_wrap(draw, _sentence_tokens(draw, first=first, lo=2, hi=8), max_breaks=1))
    return tuple(out)


@dataclass
class _Ctx:
    """What the criteria generator carries down the tree."""

    budget: int  # criteria still to write in this policy
    brand: str
    marks: bool  # whether criteria may carry inline footnote marks (``Danyelza®*``)


def _inline_leaf(draw: Draw, brand: str) -> list[str]:
    """A leaf with inline footnote marks, as the seed writes ``Danyelza®*, temozolomide*, and irinotecan*``."""
    drugs = [f"{_drug_word(draw)}*" for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        return ["Prescribed", "in", "combination", "with", f"{brand}®*", "and", *drugs]
    return [drugs[0], "and", *_words(draw, 1, 3)]


def _items(draw: Draw, depth: int, ctx: _Ctx, spine: int, *, min_n: int = 1) -> tuple[GenCriterion, ...]:
    """A list of criteria at ``depth`` (0 = ``1.``); ``spine`` more levels must follow below one of them."""
    kind = LADDER[depth % len(LADDER)][0]
    cap = MAX_SIBLINGS if kind is not MarkerKind.NUMBER else 10
    cap = max(min_n, min(cap, ctx.budget))
    n = draw(st.integers(min_n, cap))
    ctx.budget -= n
    spine_at = draw(st.integers(0, n - 1)) if spine > 0 else -1
    out = []
    for k in range(1, n + 1):
        label = label_of(kind, k)
        can_nest = depth + 1 < MAX_LEVELS and ctx.budget >= 1
        is_group = can_nest and (k - 1 == spine_at or draw(st.sampled_from((False, False, False, True))))
        # "h." followed by "i.": when the parent lists its letters, an h with children must list
        # them too, else "i." reads as the parent's next letter (the family writes it that way)
        h_rule = kind is MarkerKind.LETTER and n >= 9 and k == 8
        if is_group and h_rule and ctx.budget < 2:
            is_group = False
        if not is_group:
            out.append(_leaf_item(draw, label, kind, ctx))
            continue
        child_kind = LADDER[(depth + 1) % len(LADDER)][0]
        footnote = draw(st.sampled_from((False, False, True)))
        inline = ctx.marks and draw(st.sampled_from((False, False, False, False, True)))
        dose_group = spine_at != k - 1 and draw(st.sampled_from((False, False, False, False, True)))
        if dose_group:
            m = draw(st.integers(2, min(3, max(2, ctx.budget))))
            ctx.budget -= m
            both = m == 2 and draw(st.booleans())
            labels = [label_of(child_kind, j) for j in range(1, m + 1)]
            tokens = [
                "Dose",
                "does",
                "not",
                "exceed",
                "both" if both else "one",
                "of",
                "the",
                "following",
                *_label_list(labels, "and" if both else "or", True),
            ]
            tokens[-1] += ":"
            children = []
            for j in range(1, m + 1):
                words, ctype = _leaf(draw, ctx.brand, in_dose_group=True)
                words[-1] += ";" if j < m else "."
                children.append(
                    GenCriterion(
                        label_of(child_kind, j),
                        child_kind,
                        Lines((" ".join(words),)),
                        False,
                        _notes(draw),
                        None,
                        None,
                        ctype,
                    )
                )
            out.append(
                GenCriterion(
                    label,
                    kind,
                    _wrap(draw, tokens),
                    footnote,
                    _notes(draw),
                    Connective.BOTH if both else Connective.ANY,
                    None,
                    CriterionType.JUDGMENT,
                    tuple(children),
                )
            )
            continue
        children = _items(draw, depth + 1, ctx, spine - 1 if k - 1 == spine_at else 0, min_n=2 if h_rule else 1)
        must_label = h_rule or (child_kind is MarkerKind.LETTER and len(children) >= 9)
        tokens, conn, at_least, _ = _group(draw, len(children), child_kind, must_label=must_label)
        if inline:
            tokens = ["Prescribed", "in", "combination", "with", f"{ctx.brand}®*", "and", *tokens]
        notes = _notes(draw, (0, 1, 1) if footnote else (0, 0, 0, 0, 1))
        out.append(
            GenCriterion(
                label,
                kind,
                _wrap(draw, tokens),
                footnote,
                notes,
                conn,
                at_least,
                CriterionType.JUDGMENT,
                children,
                inline,
            )
        )
    return tuple(out)


def _leaf_item(draw: Draw, label: str, kind: MarkerKind, ctx: _Ctx) -> GenCriterion:
    inline = ctx.marks and draw(st.sampled_from((False, False, False, False, True)))
    if inline:
        words, ctype = _inline_leaf(draw, ctx.brand), CriterionType.JUDGMENT
    else:
        words, ctype = _leaf(draw, ctx.brand)
    ends = draw(st.sampled_from((";", ";", "", ".", "; or")))
    if ends:
        words[-1] += ends
    footnote = words[-1].endswith(";") and draw(st.sampled_from((False, False, False, True)))
    notes = _notes(draw, (0, 0, 1, 1, 2) if inline else (0, 0, 0, 0, 0, 1, 1, 2))
    return GenCriterion(label, kind, _wrap(draw, words), footnote, notes, None, None, ctype, (), inline)


# --- sets and sections ------------------------------------------------------------------


def _durations(draw: Draw) -> tuple[tuple[GenDuration, ...], str, str]:
    style = draw(st.sampled_from(("heading", "heading", "inline", "bare", "none")))
    word = draw(st.sampled_from(("Approval duration:", "Approval duration:", "Approval Duration:")))
    months = draw(st.sampled_from((3, 6, 12)))
    sep = draw(st.sampled_from((" – ", " – ", " — ", "— ", " - ")))
    pairs = draw(st.sampled_from(("split", "one", "mixed")))
    renew = f"{months} months or to the member’s renewal date, whichever is longer"
    # the long line may wrap before "or", "to", "the", "renewal", "whichever", "is" or "longer"
    wrap_at = draw(st.sampled_from((0, 0, 0, 2, 3, 4, 6, 7, 8)))
    if pairs == "split":
        lob_durations = [
            GenDuration(("Medicaid", "HIM"), f"{months} months", months, "months", sep),
            GenDuration(("Commercial",), renew, months, "months", sep, wrap_at),
        ]
    elif pairs == "one":
        lob_durations = [GenDuration(("All lines of business",), f"{months} months", months, "months", sep)]
    else:
        weeks = draw(st.integers(1, 26))
        lob_durations = [
            GenDuration(("Medicaid",), f"{weeks} weeks", weeks, "weeks", sep),
            GenDuration(("Medicare",), "1 year", 1, "year", sep),
        ]
    if style == "none":
        return (), style, word
    if style == "inline":
        own = GenDuration((), f"{months} months", months, "months")
        extra = lob_durations[: draw(st.integers(0, 1))]
        return (own, *extra), style, word
    return tuple(lob_durations), style, word


def _criteria_set(draw: Draw, letter: str, ctx: _Ctx) -> GenSet:
    title = " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=4)))
    if draw(st.booleans()):
        title += f" ({draw(st.sampled_from(('GHD', 'AML', 'BMT', 'ARS')))})"
    spine = draw(st.integers(0, MAX_LEVELS - 1))
    criteria = _items(draw, 0, ctx, spine) if ctx.budget > 0 else ()
    n = len(criteria)
    rule_kind = draw(st.sampled_from(("all", "all", "one", "list", "none")))
    rule: tuple[Connective, tuple[str, ...], str] | None
    if rule_kind == "all":
        rule = (Connective.ALL, (), "all")
    elif rule_kind == "one":
        rule = (Connective.ANY, (), "one")
    elif rule_kind == "list" and n >= 2:
        named = tuple(str(k) for k in range(1, min(n, 3) + 1))
        inner = " or ".join(named) if len(named) == 2 else f"{', '.join(named[:-1])}, or {named[-1]}"
        rule = (Connective.ANY, named, inner)
    else:
        rule = None
    durations, style, word = _durations(draw)
    off_label = draw(st.sampled_from((False, False, True)))
    colon = draw(st.booleans())
    return GenSet(
        letter=letter,
        title=title,
        off_label=off_label,
        rule=rule,
        colon=colon,
        head=_wrap(draw, head_text(title, off_label, rule, colon).split(), max_breaks=1),
        notes=_notes(draw, (0, 0, 0, 1)),
        criteria=criteria,
        durations=durations,
        duration_style=style,
        heading_word=word,
        blank_after_head=draw(st.booleans()),
    )


def _not_authorized_set(draw: Draw, letter: str) -> GenSet:
    tokens = _sentence_tokens(
        draw, first=draw(st.sampled_from(("Non-FDA", "Enhancement", "Adult", "Cosmetic"))), lo=3, hi=12, end="."
    )
    return GenSet(letter, " ".join(tokens), False, None, False, (), (), (), "none", head=_wrap(draw, tokens))


def head_text(title: str, off_label: bool, rule: tuple[Connective, tuple[str, ...], str] | None, colon: bool) -> str:
    """A set's heading after its letter: ``Title (off-label) (must meet all):``."""
    head = title
    if off_label:
        head += " (off-label)"
    if rule is not None:
        head += f" (must meet {rule[2]})"
    if off_label or rule is not None or colon:
        head += ":"
    return head


def _sections(draw: Draw, brand: str, marks: bool) -> tuple[GenSection, ...]:
    ctx = _Ctx(draw(st.integers(12, 60)), brand, marks)
    letters = "ABCD"
    first = tuple(_criteria_set(draw, letters[k], ctx) for k in range(draw(st.integers(1, 4))))
    out = [GenSection("I", "I. Initial Approval Criteria", "Initial Approval Criteria", first)]
    if draw(st.booleans()):
        word = draw(st.sampled_from(("Continued Therapy", "Continued Approval")))
        sets = tuple(_criteria_set(draw, letters[k], ctx) for k in range(draw(st.integers(1, 2))))
        out.append(GenSection("II", f"II. {word}", word, sets))
    if draw(st.booleans()):
        title = "Diagnoses/Indications for which coverage is NOT authorized"
        sets = tuple(_not_authorized_set(draw, letters[k]) for k in range(draw(st.integers(1, 3))))
        out.append(GenSection("III", f"III. {title}{draw(st.sampled_from((':', '')))}", title, sets))
    return tuple(out)


# --- back matter --------------------------------------------------------------------------


def _cell_paragraphs(draw: Draw, make: Callable[[], str], hi: int = 3) -> tuple[str, ...]:
    """Paragraphs of one table cell.  A paragraph after the first starts with a capital and the
    one before it does not end in ``:`` ``,`` … so page-break stitching keeps them apart."""
    return tuple(make() for _ in range(draw(st.integers(1, hi))))


def _dose_paragraph(draw: Draw) -> str:
    lead = draw(st.sampled_from(("Pediatric GHD", "AML", "BMT", "PBPC collection", "Maintenance", "Induction")))
    return f"{lead}: {_dose(draw)}"


def _appendices(draw: Draw, brand: str) -> tuple[GenAppendix, ...]:
    out = []
    abbrs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(("FDA", "GH", "GHD", "SC", "IV", "ANC", "BMT", "IGF-1", "AML", "H-ARS", "SD", "PBPC")),
                st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
            ),
            min_size=1,
            max_size=6,
            unique_by=lambda t: t[0],
        )
    )
    out.append(
        GenAppendix("A", "Abbreviation/Acronym Key", abbreviations=tuple((a, " ".join(m)) for a, m in sorted(abbrs)))
    )
    if draw(st.booleans()):
        rows = tuple(
            (
                f"{_drug_word(draw)}® ({_drug_word(draw).lower()})",
                (_cell_paragraphs(draw, lambda: _dose_paragraph(draw)), (f"{draw(st.integers(1, 50))} mcg/kg/day",)),
            )
            for _ in range(draw(st.integers(1, 3)))
        )
        out.append(
            GenAppendix(
                "B",
                "Therapeutic Alternatives",
                paragraphs=(_prose(draw, sentences=(1, 2), first="This"),),
                table=GenTable(("Drug", "Dosing Regimen", "Dose Limit/ Maximum Dose"), rows),
                after=(
                    _fixed(
                        draw,
                        "Therapeutic alternatives are listed as Brand name® (generic) when the drug is "
                        "available by brand name only.",
                    ),
                )
                if draw(st.booleans())
                else (),
            )
        )
    if draw(st.booleans()):
        count = draw(st.integers(1, 3))
        bullets = tuple(_wrap(draw, _sentence_tokens(draw, first=brand, end=".")) for _ in range(count))
        out.append(GenAppendix("D", "General Information", bullets=bullets))
    if draw(st.booleans()):
        codes = sorted(draw(st.sets(st.sampled_from(STATES), min_size=1, max_size=8)))
        states = tuple(
            (
                code,
                draw(st.sampled_from(("", "", "‡", "^"))),
                draw(
                    st.sampled_from(
                        (
                            "For stage 4 metastatic cancer and associated conditions",
                            "For advanced metastatic cancer and associated conditions.",
                            "Stage 3 and stage 4 cancer patients",
                            "For stage 4 advanced, metastatic cancer",
                        )
                    )
                ),
            )
            for code in codes
        )
        out.append(GenAppendix("E", "States with Regulations against Redirections in Cancer", states=states))
    return tuple(out)


def _dosing(draw: Draw) -> GenTable | None:
    if not draw(st.booleans()):
        return None
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        key = " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3)))
        regimen = _cell_paragraphs(draw, lambda: _dose_paragraph(draw))
        maximum = (
            f"{draw(st.integers(1, 900))} mcg/kg/day",
            *(
                f"{_dose_paragraph(draw).split(':')[0]}: {draw(st.integers(1, 900))} mcg/kg/day"
                for _ in range(draw(st.integers(0, 1)))
            ),
        )
        rows.append((key, (regimen, maximum)))
    return GenTable(("Indication", "Dosing Regimen", "Maximum Dose"), tuple(rows))


def _month(draw: Draw) -> tuple[int, int]:
    return draw(st.integers(2010, 2035)), draw(st.integers(1, 12))


DATES = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2035, 12, 31))


def _revisions(draw: Draw) -> tuple[GenRevision, ...]:
    out = []
    for _ in range(draw(st.integers(1, 7))):
        shape = draw(st.sampled_from(("created", "annual", "state", "free")))
        if shape == "created":
            text = "Policy created."
        elif shape == "annual":
            text = (
                f"{draw(st.integers(1, 4))}Q {draw(st.integers(2015, 2030))} annual review: "
                f"{' '.join(_words(draw, 2, 10))}; references reviewed and updated."
            )
        elif shape == "state":
            text = f"Updated Appendix E to include {draw(st.sampled_from(STATES))}."
        else:
            text = " ".join(
                _sentence_tokens(
                    draw, first=draw(st.sampled_from(("Added", "Removed", "Revised"))), lo=2, hi=14, end="."
                )
            )
        pt = _month(draw) if draw(st.booleans()) else None
        out.append(GenRevision(text, draw(DATES), pt, draw(st.booleans())))
    return tuple(out)


REMINDER = (
    "This clinical policy has been developed by appropriately experienced and licensed health care "
    "professionals based on a review and consideration of currently available generally accepted standards.",
    "The purpose of this clinical policy is to provide a guide to medical necessity, which is a component "
    "of the guidelines used to assist in making coverage decisions and administering benefits.",
    "Note: For Medicaid members, when state Medicaid coverage provisions conflict with the coverage "
    "provisions in this clinical policy, state Medicaid coverage provisions take precedence.",
    "©2016 Centene Corporation. All rights reserved. Centene® and Centene Corporation® are registered "
    "trademarks exclusively owned by Centene Corporation.",
)
CODING = (
    "Codes referenced in this clinical policy are for informational purposes only. Inclusion or exclusion "
    "of any codes does not guarantee coverage."
)


def _fixed(draw: Draw, text: str) -> Lines:
    return _wrap(draw, text.split())


INDICATION_HEADS = st.sampled_from(
    ("FDA Approved Indication(s)", "FDA Approved Indications", "FDA-Approved Indication")
)


@st.composite
def policy_models(draw: Draw, marks: bool = True) -> GenPolicy:
    """A structured model of one policy; ``marks``: criteria may carry inline footnote marks."""
    generic = _drug_word(draw)
    if draw(st.booleans()):
        generic += "-" + draw(st.sampled_from(("ghla", "sndz", "aafi", "xnys")))
    brands = tuple(_drug_word(draw) for _ in range(draw(st.integers(1, 2))))
    brand = brands[0]
    lobs = tuple(draw(st.lists(st.sampled_from(LOBS), min_size=1, max_size=3, unique=True)))
    with_and = len(lobs) >= 2 and draw(st.booleans())
    lob_line = f"{', '.join(lobs[:-1])} and {lobs[-1]}" if with_and else ", ".join(lobs)
    review: tuple[int, int] | dt.date = _month(draw) if draw(st.sampled_from((True, True, False))) else draw(DATES)
    extras = ()
    if draw(st.booleans()):
        extras = (
            "Coding Implications",
            "Revision Log",
            "See Important Reminder at the end of this policy for important regulatory and legal information.",
        )
    description = (
        _wrap(draw, f"{generic} ({brand}®) is a {' '.join(_words(draw, 2, 8))}.".split()),
        *(_prose(draw) for _ in range(draw(st.integers(0, 2)))),
    )
    indications_intro = (_fixed(draw, f"{brand} is indicated:"),)
    if draw(st.booleans()):
        indications_intro += (
            _fixed(draw, f"Limitation(s) of use: {brand} is not indicated for {' '.join(_words(draw, 1, 6))}."),
        )
    indications = tuple(
        _wrap(draw, ["For", "the", "treatment", "of", *_words(draw, 1, 10)]) for _ in range(draw(st.integers(1, 4)))
    )
    criteria_intro: tuple[Lines, ...] = ()
    if draw(st.sampled_from((True, True, True, False))):
        criteria_intro = (
            _fixed(
                draw,
                "Provider must submit documentation (such as office chart notes, lab results or other "
                "clinical information) supporting that member has met all approval criteria.",
            ),
            _fixed(
                draw,
                f"It is the policy of health plans affiliated with Centene Corporation® that {brand} "
                "is medically necessary when the following criteria are met:",
            ),
        )
    availability = tuple(
        f"{draw(st.sampled_from(('Lyophilized powder', 'Single-patient-use prefilled pen', 'Single-dose vial')))}: "
        f"{draw(st.integers(1, 500))} mcg"
        for _ in range(draw(st.integers(0, 2)))
    )
    references = tuple(
        _wrap(
            draw,
            f"{brand} Prescribing Information. New York, NY: {_drug_word(draw)} Labs; "
            f"{draw(st.sampled_from(MONTHS))} {draw(st.integers(2015, 2030))}. Available at: "
            f"https://www.{brand.lower()}.com. Accessed {draw(st.sampled_from(MONTHS))} "
            f"{draw(st.integers(1, 28))}, 2025.".split(),
        )
        for _ in range(draw(st.integers(0, 5)))
    )
    coding = draw(st.sampled_from((True, True, False)))
    hcpcs = (
        tuple(
            (f"J{code}", f"Injection, {generic.lower()}, {draw(st.integers(1, 500))} mcg")
            for code in sorted(draw(st.sets(st.integers(1000, 9999), min_size=1, max_size=3)))
        )
        if coding
        else ()
    )
    return GenPolicy(
        generic=generic,
        brands=brands,
        reference=f"CP.PHAR.{draw(st.integers(1, 999))}",
        effective=draw(DATES),
        review=review,
        lobs=tuple(lobs),
        lob_line=lob_line,
        lob_keyword=draw(st.sampled_from(("Line of Business:", "Lines of Business:"))),
        extras=extras,
        description=description,
        indications_head=draw(INDICATION_HEADS),
        indications_intro=indications_intro,
        indications=indications,
        criteria_intro=criteria_intro,
        sections=_sections(draw, brand, marks),
        appendices=_appendices(draw, brand),
        dosing=_dosing(draw),
        availability=availability,
        references=references,
        coding_intro=(_fixed(draw, CODING),) if coding else (),
        hcpcs=hcpcs,
        revisions=_revisions(draw),
        reminder=tuple(_fixed(draw, p) for p in REMINDER[: draw(st.integers(0, len(REMINDER)))]),
        appendices_intro=(_prose(draw, sentences=(1, 2)),) if draw(st.sampled_from((False, False, True))) else (),
        availability_bullets=draw(st.booleans()),
    )


# --- writing a model out -------------------------------------------------------------------


def _mmddyy(d: dt.date) -> str:
    return f"{d.month:02d}.{d.day:02d}.{d.year % 100:02d}"


def _mmyy(m: tuple[int, int]) -> str:
    return f"{m[1]:02d}.{m[0] % 100:02d}"


class _Writer:
    """Writes a model as text; with ``rnd`` it also injects export artifacts."""

    def __init__(self, rnd: random.Random | None = None, kinds: frozenset[str] = frozenset()) -> None:
        self.rnd = rnd
        self.kinds = kinds
        self.out: list[str] = []

    def art(self, kind: str, p: float = 0.5) -> bool:
        return self.rnd is not None and kind in self.kinds and self.rnd.random() < p

    # -- inline artifacts: what normalisation turns back into the clean text --
    def inline(self, line: str, *, emphasis: bool = True) -> str:
        emphasis = emphasis and "*" not in line  # footnote marks stay as written
        if self.art("symbols", 0.8):
            line = line.replace("®", "[®]").replace("‡", "[‡]")
        if self.art("tex", 0.8):
            line = line.replace("≥", r"\geq").replace("≤", r"\leq")
        if self.art("superscript", 0.8):
            line = line.replace("m² ", "m ² ").replace("m²/", "m ² /")
        if emphasis and self.art("emphasis", 0.4):
            tokens = line.split(" ")
            inner = [k for k in range(1, len(tokens) - 1) if _PURE_WORD.match(tokens[k])]
            parens = [k for k in range(1, len(tokens)) if re.fullmatch(r"\([a-z]+\)[;.]?", tokens[k])]
            if parens and self.rnd is not None and self.rnd.random() < 0.5:
                k = self.rnd.choice(parens)  # the seed's "(*see Appendix E*)"
                tokens[k] = tokens[k].replace("(", "(*", 1).replace(")", "*)", 1)
            elif inner and self.rnd is not None:
                k = self.rnd.choice(inner)
                if k + 1 in inner and self.rnd.random() < 0.3:  # "**medically necessary**"
                    tokens[k], tokens[k + 1] = f"**{tokens[k]}", f"{tokens[k + 1]}**"
                else:
                    tokens[k] = f"**{tokens[k]}**" if self.rnd.random() < 0.5 else f"*{tokens[k]}*"
            line = " ".join(tokens)
        return line

    def emit(self, line: str = "", *, emphasis: bool = True) -> None:
        self.out.append(self.inline(line, emphasis=emphasis) if line else line)

    def blank(self) -> None:
        self.out.append("")

    def lines(self, text: Lines, first_prefix: str = "", *, emphasis: bool = True) -> None:
        for k, line in enumerate(text.lines):
            self.emit(first_prefix + line if k == 0 else line, emphasis=emphasis)

    def paragraphs(self, paras: tuple[Lines, ...]) -> None:
        for p in paras:
            self.lines(p)
            self.blank()

    def bullet(self, text: Lines) -> None:
        lead = "- "
        if self.art("glyph-bullets", 0.5) and self.rnd is not None:
            lead = self.rnd.choice(("• ", "▪ ", "◦ ", "+ "))
        self.lines(text, lead, emphasis=False)

    def note(self, note: Lines) -> None:
        if len(note.lines) == 1 and self.art("notes", 0.8) and self.rnd is not None:
            wrapped = f"**{note.text}*" if self.rnd.random() < 0.6 else f"*{note.text}*"
            self.emit(wrapped, emphasis=False)
            return
        self.lines(note, "*", emphasis=False)

    # -- criteria --
    def criterion(self, it: GenCriterion, depth: int) -> None:
        if self.art("blank-items", 0.3):
            self.blank()
        prefix = ""
        if self.art("md-bullets", 0.6) and self.rnd is not None:
            prefix = self.rnd.choice((" - ", "- ", "  - "))
        body = Lines((*it.body.lines[:-1], it.body.lines[-1] + ("*" if it.footnote else "")))
        self.lines(body, f"{prefix}{marker_for(depth, it.label)} ")
        for note in it.notes:
            if self.art("blank-items", 0.2):
                self.blank()
            self.note(note)
        for child in it.children:
            self.criterion(child, depth + 1)

    def criteria_set(self, s: GenSet, section: str) -> None:
        head = s.head or Lines((head_text(s.title, s.off_label, s.rule, s.colon),))
        bullet = "- " if section == "III" and self.art("md-bullets", 0.8) else ""
        self.lines(head, f"{bullet}{s.letter}. ")
        if s.blank_after_head:
            self.blank()
        for note in s.notes:
            self.note(note)
        for it in s.criteria:
            self.criterion(it, 0)
        self.blank()
        durations = list(s.durations)
        if s.duration_style in ("heading", "inline"):
            if s.duration_style == "inline":
                self.emit(f"{s.heading_word} {durations.pop(0).text}")
            else:
                self.emit(s.heading_word)
            self.blank()
        for d in durations:
            words = d.text.split(" ")
            if d.wrap_at:
                self.emit(f"{'/'.join(d.lobs)}{d.sep}{' '.join(words[: d.wrap_at])}")
                self.emit(" ".join(words[d.wrap_at :]))
            else:
                self.emit(f"{'/'.join(d.lobs)}{d.sep}{d.text}")
            self.blank()

    # -- tables --
    def table(self, t: GenTable) -> None:
        self.emit("\t".join(t.header), emphasis=False)
        for key, cells in t.rows:
            self.row(t.header, key, cells)

    def row(self, header: tuple[str, ...], key: str, cells: tuple[tuple[str, ...], ...]) -> None:
        """A row; a cell's further paragraphs go on continuation rows with an empty key cell."""
        if self.art("html-cells", 0.5) and any(len(c) > 1 for c in cells):
            written = ["".join(f"<p>{p}</p> " for p in c).strip() if len(c) > 1 else c[0] for c in cells]
            self.emit("\t".join([key, *written]), emphasis=False)
            return
        depth = max(len(c) for c in cells)
        for k in range(depth):
            line = [key if k == 0 else "", *(c[k] if k < len(c) else "" for c in cells)]
            split = self._page_break(header, line)
            self.emit("\t".join(line), emphasis=False)
            if split is not None:
                self.out.extend(split)

    def _page_break(self, header: tuple[str, ...], line: list[str]) -> list[str] | None:
        """Cut one cell of ``line`` at a lower-case word and carry the rest over a page break
        (blank line, the header again, a continuation row): stitching joins it back."""
        if not self.art("page-breaks", 0.3) or self.rnd is None:
            return None
        spots = []
        for j in range(1, len(line)):
            words = line[j].split(" ")
            spots += [(j, k) for k in range(1, len(words)) if _PURE_WORD.match(words[k])]
        if not spots:
            return None
        j, k = self.rnd.choice(spots)
        words = line[j].split(" ")
        line[j] = " ".join(words[:k])
        rest = ["" for _ in line]
        rest[j] = " ".join(words[k:])
        gap = [""] if self.rnd.random() < 0.7 else []
        return [*gap, "\t".join(header), "\t".join(rest)]

    def revision_log(self, revisions: tuple[GenRevision, ...]) -> None:
        header = ("Reviews, Revisions, and Approvals", "Date", "P&T Approval Date")
        self.emit("\t".join(header), emphasis=False)
        for r in revisions:
            line = [r.description, _mmddyy(r.date)]
            if r.pt or r.empty_cell:
                line.append(_mmyy(r.pt) if r.pt else "")
            cut = None
            if self.art("page-breaks", 0.3) and self.rnd is not None:
                words = r.description.split(" ")
                spots = [k for k in range(1, len(words)) if _PURE_WORD.match(words[k])]
                if spots:
                    k = self.rnd.choice(spots)
                    line[0] = " ".join(words[:k])
                    cut = ["", "\t".join(header), f"{' '.join(words[k:])}\t\t"]
            self.emit("\t".join(line), emphasis=False)
            if cut:
                self.out.extend(cut)

    # -- the document --
    def policy(self, m: GenPolicy) -> str:
        if self.art("leading-blank", 0.8):
            self.out += ["", ""]
        self.emit(f"Clinical Policy: {m.title}")
        self.emit(f"Reference Number: {m.reference}")
        self.emit(f"Effective Date: {_mmddyy(m.effective)}")
        review = _mmddyy(m.review) if isinstance(m.review, dt.date) else _mmyy(m.review)
        self.emit(f"Last Review Date: {review}")
        self.emit(f"{m.lob_keyword} {m.lob_line}")
        self.blank()
        for extra in m.extras:
            if self.art("links", 0.9):
                extra = extra.replace("Coding Implications", "[Coding Implications](#)")
                extra = extra.replace("Revision Log", "[Revision Log](#)")
                extra = extra.replace("Important Reminder", "[Important Reminder](#)")
            self.emit(extra, emphasis=False)
            self.blank()
        self.emit("Description")
        self.blank()
        self.paragraphs(m.description)
        self.emit(m.indications_head)
        self.blank()
        self.paragraphs(m.indications_intro[:1])
        for item in m.indications:
            self.bullet(item)
        self.blank()
        self.paragraphs(m.indications_intro[1:])
        if m.criteria_intro:
            self.emit("Policy/Criteria")
            self.blank()
            self.paragraphs(m.criteria_intro)
        for sec in m.sections:
            self.emit(sec.head)
            self.blank()
            for s in sec.sets:
                self.criteria_set(s, sec.numeral)
        self.emit("IV. Appendices/General Information")
        self.blank()
        self.paragraphs(m.appendices_intro)
        for app in m.appendices:
            self.emit(f"Appendix {app.letter}: {app.title}")
            self.blank()
            self.paragraphs(app.paragraphs)
            for abbr, meaning in app.abbreviations:
                words = meaning.split(" ")
                cut = len(words) // 2 if len(words) > 2 and len(abbr) % 2 else 0  # some meanings wrap
                lines = (f"{abbr}: {' '.join(words[:cut])}", " ".join(words[cut:])) if cut else (f"{abbr}: {meaning}",)
                self.bullet(Lines(lines))
            for b in app.bullets:
                self.bullet(b)
            if app.abbreviations or app.bullets:
                self.blank()
            if app.table is not None:
                self.table(app.table)
                self.blank()
                self.paragraphs(app.after)
            if app.states:
                header = ("State", "Step Therapy Prohibited?", "Notes")
                self.emit("\t".join(header), emphasis=False)
                for code, mark, notes in app.states:
                    self.row(header, code, ((f"Yes {mark}" if mark else "Yes",), (notes,)))
                self.blank()
        if m.dosing is not None:
            self.emit("V. Dosage and Administration")
            self.blank()
            self.table(m.dosing)
            self.blank()
        if m.availability:
            self.emit("VI. Product Availability")
            self.blank()
            for product in m.availability:
                if m.availability_bullets:
                    self.bullet(Lines((product,)))
                else:
                    self.emit(product)
                    self.blank()
            if m.availability_bullets:
                self.blank()
        if m.references:
            self.emit("VII. References")
            self.blank()
            for k, ref in enumerate(m.references, 1):
                lines = ref.lines
                if self.art("links", 0.7):
                    lines = tuple(re.sub(r"(https://\S+?)(\.?)( |$)", r"<\1>\2\3", line) for line in lines)
                self.lines(Lines(lines), f"{k}. ", emphasis=False)
            self.blank()
        if m.coding_intro or m.hcpcs:
            self.emit("Coding Implications")
            self.blank()
            self.paragraphs(m.coding_intro)
            if m.hcpcs:
                self.emit("HCPCS Codes\tDescription")
                for code, desc in m.hcpcs:
                    self.emit(f"{code}\t{desc}", emphasis=False)
                self.blank()
        self.revision_log(m.revisions)
        self.blank()
        if m.reminder:
            self.emit("Important Reminder")
            self.blank()
            self.paragraphs(m.reminder)
        lines = [self._line_artifacts(line) for line in self.out]
        text = "\n".join(lines).rstrip("\n") + "\n"
        if self.art("crlf", 0.7):
            text = text.replace("\n", "\r\n")
        return text

    def _line_artifacts(self, line: str) -> str:
        """Spacing and glyph artifacts that never change what a line says."""
        if not line or self.rnd is None:
            return line
        if self.art("spaces", 0.3) and " " in line:
            k = self.rnd.choice([i for i, ch in enumerate(line) if ch == " "])
            line = line[:k] + self.rnd.choice(("  ", "\u00a0", " \u200b")) + line[k + 1 :]
        if self.art("ligatures", 0.5):
            line = line.replace("fi", "ﬁ").replace("fl", "ﬂ")
        if self.art("soft-hyphens", 0.2):
            spots = [k for k in range(1, len(line)) if line[k - 1].islower() and line[k].islower()]
            if spots:
                k = self.rnd.choice(spots)
                line = line[:k] + "\u00ad" + line[k:]
        if self.art("indent", 0.2) and "\t" not in line:
            line = "   " + line
        if self.art("trailing", 0.3):
            line += "  "
        return line


ARTIFACT_KINDS = (
    "symbols", "tex", "superscript", "emphasis", "glyph-bullets", "notes", "blank-items", "md-bullets",
    "html-cells", "page-breaks", "links", "leading-blank", "crlf", "spaces", "ligatures", "soft-hyphens",
    "indent", "trailing",
)  # fmt: skip


def write_clean(model: GenPolicy) -> str:
    """The model in the family's own layout, without export artifacts."""
    return _Writer().policy(model)


def write_with_artifacts(model: GenPolicy, rnd: random.Random, kinds: frozenset[str]) -> str:
    """The same policy as an export would give it, with the artifacts named in ``kinds``."""
    return _Writer(rnd, kinds).policy(model)


@st.composite
def policies(draw: Draw, marks: bool = True) -> Generated:
    """A generated policy: its model and its clean text."""
    model = draw(policy_models(marks))
    return Generated(model, write_clean(model))


@dataclass(frozen=True)
class Twins:
    """A policy written clean and with export artifacts."""

    model: GenPolicy
    clean: str
    exported: str
    kinds: frozenset[str] = field(default_factory=frozenset)


@st.composite
def policy_twins(draw: Draw, marks: bool = True) -> Twins:
    """The same model written clean and with the seed's export artifacts injected."""
    model = draw(policy_models(marks))
    kinds = frozenset(draw(st.sets(st.sampled_from(ARTIFACT_KINDS), min_size=1)))
    rnd = draw(st.randoms(use_true_random=False))
    exported = write_with_artifacts(model, rnd, kinds)
    clean = write_clean(model)
    if exported == clean:  # no site for the drawn artifacts: fall back on line endings
        exported = clean.replace("\n", "\r\n")
    return Twins(model, clean, exported, kinds)
