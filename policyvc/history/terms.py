"""The audit's vocabulary: which terms of a revision-log clause or a change count as evidence, and how much.

A term is a plain string; typed terms carry a prefix:

* ``state:IN`` — a US state, by name or postal code (``IN`` ↔ Indiana);
* ``appendix:E`` — an appendix named (``Appendix E``), or, for a change, the appendix it sits in;
* ``section:I`` / ``section:II`` / ``section:III`` — initial approval, continued approval, exclusions;
* ``lob:commercial`` / ``lob:medicaid`` / ``lob:him`` — lines of business;
* ``drug:danyelza`` — a drug other than the policy's own (a capitalised name or an INN stem);
* ``code:J2820`` — an HCPCS code (``J2820``) or, in a clause about codes, a CPT code (``CPT code 90869``);
* ``num:12`` — a number, a count in words too where it is a quantity (``at least one``); for a change only
  the numbers that changed; it counts as a word (a coincidence of numbers alone is no tie), but a clause
  naming numbers is ruled out for a change without one of them;
* concepts: ``approval duration``, ``weight``, ``age``, ``dose``, ``step therapy``, ``references``,
  ``product availability``, ``wording`` (revised language), ``coding``, ``template`` (a log's "template
  changes": for a change, the boilerplate referrals to the line-of-business policies).

Everything else is a lightly stemmed content word.  *Generic* words — the words
every policy and every log entry use (indication, criteria, policy, request,
member, dose, therapy …) — are no evidence at all; the policy's own drug names
(read from its header, never from a list) are no evidence either: every
criterion names them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from policyvc.lazy_re import lazy

STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california", "CO": "colorado",
    "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho",
    "IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana",
    "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota",
    "MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada",
    "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas",
    "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia",
    "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia",
}  # fmt: skip
_STATE_NAMES = {name: code for code, name in STATES.items()}
_STATE_NAME_RE = lazy(r"\b(" + "|".join(sorted(_STATE_NAMES, key=len, reverse=True)) + r")\b", re.I)
_STATE_CODE_RE = lazy(r"\b(" + "|".join(STATES) + r")\b")  # upper case only: "in" is a word
_APPENDIX_RE = lazy(r"\bappendix\s+([A-H])\b", re.I)
_SECTION_RE = lazy(r"\bsection\s+(III|II|I)\b(?![.\w])", re.I)
_CODE_RE = lazy(r"\b([A-Z]\d{4})\b")
# a procedure code a clause names: "CPT code 90869", "HCPCS codes J9035 and 0160T" (a bare number is a number)
_CODE_CONTEXT_RE = lazy(r"\b(CPT|HCPCS|codes?)\b", re.I)
_PROCEDURE_CODE_RE = lazy(r"\b(\d{5}|\d{4}[A-Z])\b")
# a count written as a word is a number where it is a quantity: "at least one injection", "from three to two"
# (not "one of the following", not "added two indications": the bare word counts nothing)
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
_NUMBER_WORD_RE = lazy(
    r"\b(?:at least|at most|no more than|no fewer than|no less than|fewer than|more than|less than|up to|minimum of"
    r"|maximum of|from|to|≥|≤|>|<)\s+(" + "|".join(_NUMBER_WORDS) + r")\b(?![-\w])(?!\s+of\b)",
    re.I,
)
_NUM_RE = lazy(r"(?<![\w.])(\d+(?:[.,]\d+)*)(?![\w])")
_WORD_RE = lazy(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# a clause's number that is no value it claims: a date ("Revision Effective: 02/15/2026", "April 2026": when,
# never a value), a tag in parentheses alone (a committee's or a sequence's, "Medical Policy Group, April 2026
# (2): …") and a number that is part of a name ("type 2 diabetes")
_NOT_A_VALUE_RE = lazy(
    r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|\b\d{1,2}/\d{4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}\b"
    r"|(?<![\w)])\(\d{1,2}\)(?!\s*[-–%\w])|\btype\s+\d\b(?!\s*(?:%|[-–]|to\b|or\b|and\b))",
    re.I,
)
# a log's name for a criterion by its place, never a value: an outline number with a letter in it (``I.C.3``,
# ``1.b.iv``, ``Section II.B``), or a number after ``criterion`` (``Criterion 3:``, ``criteria 2 and 4``)
_PART = r"(?:\d{1,2}|[A-Za-z]|[ivx]{1,4}|[IVX]{1,4})"
LOCATOR_RE = lazy(
    rf"(?<![\w.])(?:(?-i:[IVX]{{1,4}})|\d{{1,2}})(?:\.{_PART})*\.(?:[A-Za-z]|[ivx]{{1,4}}|[IVX]{{1,4}})(?:\.{_PART})*\b"
    rf"|\b(?:criteri(?:on|a)|item|bullet)\s+(?:#\s*)?({_PART}(?:\.{_PART})*)"
    rf"(?:\s*(?:,|and|&)\s*({_PART}(?:\.{_PART})*))*(?![\w.])",
    re.I,
)
# a number joined to its unit ("a 6-week trial", "the 7-point scale") is a number, not a word: its number is read as
# one, and the words around it say what it measures ("6-mercaptopurine" stays a word: no unit)
_NUMBER_UNIT_WORD_RE = lazy(r"\d+(?:[.,]\d+)?-(?:month|week|day|year|hour|minute|point|item|fold|mm|cm|mg|mcg)s?")
_TITLE_WORD_RE = lazy(r"[A-Z][a-z]{2,}")
_CAPITALISED_RE = lazy(r"(?<![\w-])([A-Z][a-z]{3,}(?:-[a-z]{3,})?)®?(?![\w-])")

# words of every policy and every log entry: no evidence, alone or together
GENERIC = frozenset(
    """a an the and or of for to with in on at by as is are be been not no nor if this that these those which who whom
    per via from into than then also should may must will can does do did has have had its it their member members
    request requests meet meets meeting following one two three all any both prescribed criteria criterion
    requirement requirements require required added add adds removed remove updated update revised revise review
    reviewed annual changes change significant applied apply clarified clarify allowed allow include includes
    included new current use used uses exceed policy policies section sections other others additional state states
    indication indications indicated diagnosis diagnoses therapy therapies treatment treat treated medication drug
    drugs agent agents product products documentation documented patient patients prescriber provider
    approval approved approve initial continued continuation duration month months week weeks day days year years
    extended extend shortened shorten reduced reduce increased increase changed changes modified modify per
    dose doses dosing dosage label following only based specific appendix appendices
    e g i ii iii iv v vi vii mcg mg ml daily sc im iv kg m2 qd bid tid
    nccn fda compendium compendia template language wording reworded""".split()  # noqa: SIM905
)  # fmt: skip

# capitalised words that are not drug names
_NOT_NAMES = frozenset(
    """appendix section commercial medicaid marketplace medicare initial continued approval criteria policy
    annual review references template compendium national comprehensive cancer network added removed updated
    revised clarified prescribing information state states therapy request member members dose table notes
    for per the and with without updated""".split()  # noqa: SIM905
)  # fmt: skip

# International Nonproprietary Name stems: lower-case drug names in a clause ("temozolomide and irinotecan")
_INN_STEMS = (
    "mab", "cept", "grastim", "gramostim", "tinib", "ciclib", "parib", "lisib", "zomib", "rafenib", "tecan",
    "platin", "rubicin", "taxel", "mide", "vir", "cillin", "mycin", "azole", "olol", "pril", "sartan", "statin",
    "tropin", "trogon", "glutide", "kinra", "leukin", "ximab", "zumab", "umab", "limus", "olone", "asone",
    "citinib", "stat", "parin", "xaban", "gatran",
)  # fmt: skip

LINES_OF_BUSINESS = {"commercial": "commercial", "medicaid": "medicaid", "him": "him", "marketplace": "him"}

CONCEPT_WORDS = {
    "references": "references", "reference": "references", "literature": "references",
    "bibliography": "references", "citations": "references",
    "weight": "weight", "weight-based": "weight", "kg": "weight",
    "aged": "age",
    "redirection": "step therapy", "redirections": "step therapy", "by-pass": "step therapy",
    "by-passing": "step therapy", "bypass": "step therapy",
    "availability": "product availability",
    "hcpcs": "coding", "coding": "coding", "codes": "coding",
}  # fmt: skip
_PHRASES = (
    (re.compile(r"\bstep[- ]therap", re.I), "step therapy"),
    (re.compile(r"\bproduct availability\b", re.I), "product availability"),
    (re.compile(r"\b(approval|authorization) (duration|period)|\bduration of (approval|authorization)\b"
                r"|\b(approval|approved|authorization|authorized)\b[^;]*?\b\d+\s*(months?|weeks?|days?|years?)\b"
                r"|\b\d+[- ](month|week|year)s?\b approval", re.I), "approval duration"),
    (re.compile(r"\b(years?|months?) of age\b|\bage (limit|requirement|restriction|threshold|range|expansion)"
                r"|\b(minimum|maximum|lower|upper) age\b|\b(years?|months?)( of age)? (and|or) (older|younger)\b"
                r"|\bage\s*(≥|>|≤|<|\\geq|\\leq)", re.I), "age"),
    (re.compile(r"\brevised language\b|\bwording\b|\breworded\b|\brephrased\b|\beditorial\b|\blanguage\b", re.I),
     "wording"),
    (re.compile(r"\b(dose|dosing|dosage)\b", re.I), "dose"),
    (re.compile(r"\btemplate\b", re.I), "template"),
)  # fmt: skip
# a clause opening coverage to an age group, or closing it ("Expanded eligibility to include adolescent members",
# "Expanded to include pediatric patients", "limited to adults"): an age limit moved, said by whom it now takes in
_AGE_GROUP_RE = lazy(
    r"\b(?:expand|extend|broaden|widen|open|includ|allow|lower|limit|restrict)\w*\b[^;.]{0,60}?"
    r"\b(?P<group>adolescents?|pediatrics?|paediatrics?|children|child|teens?|teenagers?|youths?|minors?|infants?"
    r"|adults?)\b",
    re.I,
)
# "initial" names section I whatever noun follows ("the initial platelet count threshold" is a criterion of initial
# approval) — but not a first dose, nor the policy's own first version ("initial review", "initial release")
_INITIAL_RE = lazy(
    r"\binitial\b(?!\s+(dose|doses|dosing|dosage|loading|review|policy|release|version|publication|draft)\b)",
    re.I,
)
_CONTINUED_RE = lazy(
    r"\bcontinu(ed|ation|ing)( of)? (approval|therapy|treatment|criteria|authori[sz]ation|use)"
    r"|\bre-?authori[sz]ation|\brenewal|\bre-?certification|\bre-?approval|\bsubsequent (approval|authori[sz]ation)",
    re.I,
)  # fmt: skip
# not "exclusion": a "concurrent use exclusion" is a criterion of section I
_EXCLUSION_RE = lazy(r"\bnot authorized\b|\bcoverage is not\b|\bnon-covered\b", re.I)

# how much a term weighs as evidence; a tie needs THRESHOLD
THRESHOLD = 2
_SPECIFIC_PREFIXES = ("state:", "appendix:", "drug:", "code:", "lob:")
SPECIFIC_CONCEPTS = frozenset(
    {"approval duration", "weight", "age", "step therapy", "references", "product availability", "coding",
     "template"}
)  # fmt: skip
# the boilerplate "template changes" are about: referrals to the line-of-business policies
TEMPLATE_RE = lazy(r"\b(CP\.CPA|CP\.PMN|HIM\.PA|CC\.PHARM)\.\w+|\bother diagnoses/indications\b", re.I)


# a hyphen inside a word: a prefix that is part of the word, however it is spelled ("co-administered")
_INNER_HYPHEN_RE = lazy(r"(?<=[a-z])-(?=[a-z])")


# A word is stemmed wherever a clause or a change says it, each time the audit reads a pair: the vocabulary of a
# store is some thousands of words, each stemmed once (a few hundred KB at most).
@functools.lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A word's family: its inflections and the noun of its verb stem alike (``co-administered``,
    ``coadministration`` → ``coadministr``; ``titrated``, ``titration`` → ``titr``; ``infused``, ``infusion``)."""
    # a hyphenated prefix is part of the word, however it is spelled ("co-administered", "coadministered")
    if "-" in word:
        word = _INNER_HYPHEN_RE.sub("", word)
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    # "ings" with "ing": "compression stockings" and "the stocking trial" are one word
    for suffix in ("ings", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return _derived(word)


def _derived(word: str) -> str:
    """A verb's noun and the verb alike: ``-ion`` off (``injection`` / ``injected``), then an ``-ate`` verb's
    ``at`` (``titration`` / ``titrated``) and an ``-er`` verb's ``e`` (``administration`` / ``administered``)."""
    if word.endswith("ion") and len(word) - 3 >= 4:
        word = word[:-3]
    if word.endswith("at") and len(word) - 2 >= 4:
        word = word[:-2]
    if word.endswith("er") and len(word) >= 5:
        word = word[:-2] + "r"
    return word


def own_names(title: str, generic_name: str, brand_names: Iterable[str]) -> frozenset[str]:
    """The policy's own drug names (lower case), read from its header: title, generic and brand names."""
    out: set[str] = set()
    for text in (title, generic_name, *brand_names):
        for w in _WORD_RE.findall(text.lower()):
            if w not in GENERIC and w not in ("clinical", "policy") and len(w) > 2:
                out.add(w)
                out.add(w.split("-")[0])
    return frozenset(out)


def is_own(word: str, own: frozenset[str]) -> bool:
    w = word.lower()
    return w in own or w.split("-")[0] in own or stem(w) in own


def _title_word(word: str) -> bool:
    """A capitalised word of a Title Case phrase (not a brand®, not a word like Prescribing that is no name)."""
    return bool(_TITLE_WORD_RE.fullmatch(word)) and word.lower() not in _NOT_NAMES and word.lower() not in GENERIC


def _is_drug_word(word: str) -> bool:
    return len(word) >= 6 and word.endswith(_INN_STEMS)


def numbers(text: str) -> frozenset[str]:
    """The numbers of a text, normalised (``1,500`` → ``1500``)."""
    return frozenset(n.replace(",", "") for n in _NUM_RE.findall(text))


def number_words(text: str) -> dict[str, str]:
    """The counts a text writes in words where they are quantities, each with its word (``at least one prior
    line`` → ``{"1": "one"}``)."""
    return {_NUMBER_WORDS[m.group(1).lower()]: m.group(1) for m in _NUMBER_WORD_RE.finditer(text)}


# a count's own phrase ("at least six months"): its quantifier, its number and the unit after it
_COUNT_PHRASE_RE = lazy(_NUMBER_WORD_RE.pattern + r"(?:\s+[a-z]+)?", re.I)


def without_counts(text: str) -> str:
    """``text`` without the phrases that say a count in words (``persisting despite at least six months of
    conservative therapy`` → ``persisting despite of conservative therapy``): what is left says what is counted."""
    return _COUNT_PHRASE_RE.sub(" ", text)


# a number that is an age: "Age ≥ 12 years", "aged 2 to 17 years" (a second bound says its unit: not "Age ≥ 12 years
# and ≥ 4 flares"), "12 years of age", "2 years and older", "9 months old"
_UNIT = r"\s*(?:years?|months?|yrs?|mos?)\b"
_AGE_NUM = r"(\d+(?:\.\d+)?)"
_AGE_NUMBER_RES = (
    re.compile(r"\bage[ds]?\s*(?:(?:is|of|between|at least|at most|under|over|:|≥|>|≤|<|\\geq|\\leq)\s*)*"
               + _AGE_NUM + r"(?:\s*(?:years?|months?))?"
               + r"(?:\s*(?:-|–|to|and|through)\s*(?:[≥>≤<]\s*)?" + _AGE_NUM + r"(?=" + _UNIT + r"))?", re.I),
    re.compile(_AGE_NUM + r"(?:" + _UNIT + r")?\s*(?:-|–|to|through)\s*" + _AGE_NUM + _UNIT
               + r"\s+(?:of\s+age|old)\b", re.I),
    re.compile(_AGE_NUM + _UNIT + r"(?:\s+of\s+age|\s+old)?(?:\s+(?:and|or)\s+(?:older|younger|above|over)"
               r"|\s+of\s+age|\s+old)\b", re.I),
)  # fmt: skip


def age_numbers(text: str) -> frozenset[str]:
    """The numbers of ``text`` that are ages (a member's age bound, an indication's age range)."""
    return frozenset(n for r in _AGE_NUMBER_RES for m in r.finditer(text) for n in m.groups() if n)


def sections_named(text: str) -> frozenset[str]:
    """The criteria sections a clause is about: initial (I), continued (II), exclusions (III)."""
    out = {"section:" + m.group(1).upper() for m in _SECTION_RE.finditer(text)}
    if _INITIAL_RE.search(text):
        out.add("section:I")
    if _CONTINUED_RE.search(text):
        out.add("section:II")
    if _EXCLUSION_RE.search(text):
        out.add("section:III")
    return frozenset(out)


def terms(text: str, own: frozenset[str] = frozenset(), *, claim: bool = True) -> frozenset[str]:
    """The terms of a text (see the module's docstring); ``own``: the policy's own names, left out.

    ``claim``: the text is a revision-log clause — its numbers, the sections and
    approval durations it names count.  For a change (``claim=False``) those
    come from what changed and where it sits, and every word may be a drug name
    a clause names.
    """
    return frozenset(term_words(text, own, claim=claim))


def term_words(text: str, own: frozenset[str] = frozenset(), *, claim: bool = True) -> dict[str, frozenset[str]]:
    """The terms of a text, each with the words of the text it was read from (``relaps`` ← ``relapsed``)."""
    return dict(_term_words(text, own, claim))


# A history's texts recur from step to step: each is read once.  The cache is sized for one history (a policy of
# five versions asks about 100 texts), not a store's: a build worker takes one policy after another, and at 16,384
# entries (about 7 KB each) it grew by 0.7 MiB a policy up to about 115 MiB a worker.
@functools.lru_cache(maxsize=2048)
def _term_words(text: str, own: frozenset[str], claim: bool) -> tuple[tuple[str, frozenset[str]], ...]:
    out: dict[str, set[str]] = {}

    def add(term: str, word: str) -> None:
        out.setdefault(term, set()).add(" ".join(word.split()))

    for m in _STATE_NAME_RE.finditer(text):
        add("state:" + _STATE_NAMES[m.group(1).lower()], m.group(0))
    for m in _STATE_CODE_RE.finditer(text):
        add("state:" + m.group(1), m.group(0))
    for m in _APPENDIX_RE.finditer(text):
        add("appendix:" + m.group(1).upper(), m.group(0))
    for m in _CODE_RE.finditer(text):
        add("code:" + m.group(1), m.group(0))
    if _CODE_CONTEXT_RE.search(text):
        for m in _PROCEDURE_CODE_RE.finditer(text):
            add("code:" + m.group(1), m.group(0))
    for pattern, concept in _PHRASES:
        if claim or concept != "approval duration":
            for m in pattern.finditer(text):
                add(concept, m.group(0))
    if claim:
        for m in _AGE_GROUP_RE.finditer(text):
            add("age", m.group("group"))
    names: set[str] = set()
    if claim:
        for m in _CAPITALISED_RE.finditer(text):
            before = text[: m.start()].rstrip()
            name = m.group(1).lower()
            if not before or before[-1] in ".:;":
                continue  # the first word of a sentence is capitalised whatever it is
            neighbours = (before.rsplit(None, 1)[-1], (text[m.end() :].split() or [""])[0])
            if any(_title_word(w) for w in neighbours):
                continue  # a Title Case phrase ("Acute Radiation Syndrome") names a set, not a drug
            if name not in _NOT_NAMES and name not in GENERIC and name not in _STATE_NAMES and not is_own(name, own):
                names.add(name)
    low = text.replace("’", "'")
    for m in _WORD_RE.finditer(low.lower()):
        w, surface = m.group(0), low[m.start() : m.end()]
        if w in LINES_OF_BUSINESS:
            add("lob:" + LINES_OF_BUSINESS[w], surface)
        elif w in CONCEPT_WORDS:
            add(CONCEPT_WORDS[w], surface)
        elif w in GENERIC or w.isdigit() or len(w) <= 2 or is_own(w, own) or stem(w) in SPECIFIC_CONCEPTS:
            continue  # a concept ("age") is read from its phrases ("age limit", "Age ≥"), not from "bone age"
        elif _NUMBER_UNIT_WORD_RE.fullmatch(w):
            continue  # "6-week": its number is a number
        elif w in names or (claim and _is_drug_word(w)):
            names.add(w)
            add("drug:" + w, surface)
        else:
            add(stem(w), surface)
            if not claim and len(w) >= 4:
                add("drug:" + w, surface)  # evidence only when a clause names this word as a drug
    for m in _CAPITALISED_RE.finditer(text):
        if m.group(1).lower() in names:
            add("drug:" + m.group(1).lower(), m.group(0))
    if claim:
        for m in _NUM_RE.finditer(LOCATOR_RE.sub(" ", _NOT_A_VALUE_RE.sub(" ", text))):
            add("num:" + m.group(1).replace(",", ""), m.group(1))
        for m in _NUMBER_WORD_RE.finditer(text):
            add("num:" + _NUMBER_WORDS[m.group(1).lower()], m.group(1))
        for section in sections_named(text):
            add(section, section.split(":")[1])
    return tuple((t, frozenset(ws)) for t, ws in out.items())


def weight(term: str) -> int:
    """Evidence a shared term gives: 2 for a specific term (ties alone), 1 for a content word or a number, 0 for a
    section (it rules clauses out, it does not tie)."""
    if term.startswith(_SPECIFIC_PREFIXES) or term in SPECIFIC_CONCEPTS:
        return 2
    return 0 if term.startswith("section:") else 1
