"""Audit a policy's history: does the revision log say what the text changes?

For each pair of consecutive versions, the revision-log entries added between
them are the *claims* — each entry split into its clauses at ``;`` and at the
end of a sentence (an annual review lists several changes), a sentence saying
nothing changed (``no significant changes``, ``no changes to criteria``) claiming nothing.
Every real change of the diff (renumbers are consequences, not changes) is tied
to the clause that gives the most **specific evidence** for it (the vocabulary
is :mod:`policyvc.history.terms`):

* a specific term shared by the clause and the change ties alone: a state, an
  appendix the change sits in, a drug other than the policy's own (its own
  names come from its header), an HCPCS code, a number that changed, a line of
  business, a concept (approval duration, weight, age, step therapy,
  references, product availability, coding);
* content words count 1 each (two are needed); generic words (indication,
  criteria, policy, request, member, dose alone …) and the policy's own names
  count nothing; nor do the words of the title of the set a change sits in —
  they say where it is, which every clause about that indication shares (only a
  retitle's new words count); a list's connective change is named by a clause
  saying its quantifiers ``from both to one of`` (as specifically as a drug);
  a clause naming the change's own set adds one to a word of what changed.
  Abbreviations of Appendix A are spelled out on both sides (``for CRSwNP``, a dosing row keyed ``CSU``);
* a clause is **ruled out** for a change when it contradicts it: it names
  states and the change is about another one (wrong state), it names numbers
  and none of them is one the change changed (wrong number), it is about
  initial approval (section I), continued approval (II) or exclusions (III)
  and the change sits in another section (wrong section), it says a value was
  raised or lowered and the change deletes a criterion outright (wrong kind), it names criteria
  sets and the change is in another one (wrong set), it names an appendix and
  the change sits in another (wrong appendix), it names lines of business and
  the change is an approval duration of another one;
* a keyed row (a state of Appendix E, an HCPCS code, a therapeutic
  alternative) is explained only by a clause naming its key — except a row
  whose wording alone changed, which a clause about that appendix's language
  explains.

A reference edit is tied to a ``references reviewed and updated`` clause when
the step has one; a reference or an abbreviation added for a change is
explained by the clause of that change (it *cites* it: they share a word).  A
change with no evidence of its own inherits the tie of a tied change on its
parent or child (a list's ``(a, b, or c)`` changes because ``c`` was added —
never from a set's retitle to the criteria under it), and an item that only
gains or loses its trailing ``or`` takes the tie of the item inserted into or
deleted from its list; the rows an added or
retitled set brings (its dosing row, abbreviation, therapeutic alternative, FDA
indication) are its *consequences* when they name it;
a change of punctuation only, and the header's review dates when the log did
get a new entry, need no entry.  Every tie keeps its evidence as
:class:`Match` records: which words of the clause matched which words of the
change.  What is left is **undocumented**; clauses no
change ties to are **unbacked claims**; for both, :class:`Miss`
says why the closest candidates were not enough (``policyvc audit
--explain``).  Entries dated before an entry listed above them are **out of
order** (reported, not counted as unexplained).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from policyvc.history.diff import Edit, EditKind, EditScript, diff
from policyvc.history.reread import reread_noise, run_in_lines
from policyvc.history.semantic import Direction
from policyvc.history.terms import (
    GENERIC,
    LOCATOR_RE,
    STATES,
    TEMPLATE_RE,
    THRESHOLD,
    age_numbers,
    number_words,
    numbers,
    own_names,
    sections_named,
    stem,
    term_words,
    terms,
    weight,
    without_counts,
)
from policyvc.history.tree import build_tree, per_version, shared_trees
from policyvc.lazy_re import lazy
from policyvc.parser.connective import read_connective
from policyvc.parser.furniture import page_stamp
from policyvc.parser.nodes import Connective, CriteriaSet, CriterionType, Policy, RevisionEntry, Section, all_criteria
from policyvc.parser.walk import NodeKind, slug

__all__ = [
    "STATES", "AuditReport", "Claim", "Match", "Miss", "OutOfOrder", "PairAudit", "Tie", "TieKind", "audit",
    "audit_pair", "claims_of", "edit_terms", "out_of_order", "terms",
]  # fmt: skip

# a sentence ends a clause too ("Added EoE indication. Updated Appendix E to include Ohio."), not an abbreviation
_SENTENCE_END = lazy(r"\.\s+(?=[A-Z])")
_NOT_SENTENCE_END = frozenset({"e.g", "i.e", "vs", "no", "st", "dr", "etc", "approx", "inc", "al"})
# the parts a document names by a letter ("Appendix D", "Section B"): a letter after one of them is no initial
_LETTERED_PARTS = frozenset(
    {"appendix", "appendices", "section", "part", "table", "exhibit", "attachment", "schedule", "figure", "tier"}
)


def _sentences(text: str) -> list[str]:
    """``text`` cut after each full stop that ends a sentence (not ``e.g.``, ``vs.``, ``Inc.``, an initial)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        said = text[start : m.start()].split()
        word = said[-1] if said else ""
        # (a lone letter is an initial, "J. Smith" — not a part's letter: "Added Appendix D. Coding updated" —; a
        # number ends its sentence: "lowered the grade to 2. Added …")
        lettered = len(said) > 1 and said[-2].lower() in _LETTERED_PARTS
        if (len(word) <= 1 and not word.isdigit() and not lettered) or word.lower().strip("(") in _NOT_SENTENCE_END:
            continue
        out.append(text[start : m.start()])
        start = m.end()
    return [*out, text[start:]]


# a history table's version column read into the entry's words (``5.0 Expanded to include …``): the row's number,
# no value the entry claims
_VERSION_PREFIX = lazy(r"^\s*(?:v(?:ersion)?\s*)?\d{1,3}\.\d{1,3}(?:\.\d{1,3})?\s+(?=[A-Z])")
# (a quarter's review with or without "annual": "3Q 2026 review:", "Q3 2026 annual review:" — when, not what)
_REVIEW_PREFIX = lazy(r"^\s*(?:\d\s*Q|Q\s*\d)\s*\d{4}\s+(?:annual\s+)?review\s*[:.]?\s*", re.I)
# a clause that says only that the policy was reviewed ("Annual review." as its own sentence, "2Q 2026 annual
# review", "Policy reviewed"): like the prefix, it claims no change
_REVIEW_ONLY = lazy(
    r"(\d\s*Q\s*\d{4}\s+|\d{4}\s+)?(annual\s+)?(policy\s+)?review(ed)?(\s+(completed|performed))?", re.I
)
# a committee's review with no change named claims nothing either: "MPTAC review", "P&T Committee review", a
# history's status cell before it ("Reviewed MPTAC review", "Revised: Medical Policy Committee approval")
# — also the committee after the words: "Reviewed by PAC", "Approved by the Medical Policy Committee"
_COMMITTEE = (
    r"(?:[A-Z][A-Z&/-]+|(?i:committee|subcommittee|medical|policy|pharmacy|and|therapeutics|technology|assessment"
    r"|clinical|quality|hematology/oncology|oncology|board|panel|council|utilization|management))"
)
_COMMITTEE_REVIEW = lazy(
    r"(?:(?i:reviewed|revised|new|approved)[:.,]?\s+)?(?:(?i:by|the)\s+)*"
    rf"(?:{_COMMITTEE}\s+){{1,5}}"
    r"(?i:review|reviewed|approval|approved)(?:\s+(?i:completed|performed))?"
    rf"|(?i:reviewed|approved)\s+(?i:by)\s+(?:(?i:the)\s+)?{_COMMITTEE}(?:\s+{_COMMITTEE}){{0,4}}"
)
# ... or says it as a sentence of its own: "the Medical Policy Committee approved the annual review", "The P&T
# Committee reviewed the guideline" — the committee's act, no change named
_COMMITTEE_ACTED = lazy(
    rf"(?:(?i:the)\s+)?(?:{_COMMITTEE}\s+){{1,5}}"
    r"(?i:(?:reviewed\s+and\s+approved|reviewed|approved|completed|conducted|performed)"
    r"(?:\s+(?:the|its|this|an?))?(?:\s+(?:annual|yearly|biennial|periodic|scheduled))?"
    r"\s+(?:review|policy|guideline|coverage\s+guideline|medical\s+policy|document))"
)
# a dated paragraph's opening ("On March 10, 2026, the Medical Policy Committee …"), or what is left of it when the
# reader took the date out as the row's ("On , the …"): when, never what changed
_DATE_OPENER = lazy(
    r"^(?:on|as\s+of|effective|dated)\s*(?:(?:[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|[a-z]+\s+\d{4})\s*)?,\s*",
    re.I,
)
# a history's own date line read as a row (``Current Effective Date: 03/18/2026`` → "Current effective"): the
# label of a date, no change
_DATE_LABEL = lazy(r"(?:(?:original|current|policy|revision|revised)\s+)*effective(?:\s+date)?", re.I)
# a dated change line's label before an entry's words (``Revised: 1/26 (Annual review)``): the kind of row, no claim
_LABEL_PREFIX = lazy(r"^(?:Devised|Created|Originated|Revised|Reviewed|Updated)\s*:\s*", re.I)
# a Medicare contractor's log gives each revision a reason from CMS's fixed list (its "Reasons for Change" column):
# why the LCD changed, never what changed — the explanation beside it claims the changes
_REASON_ONLY = lazy(
    # (said as a sentence too: "This revision is due to a Reconsideration Request")
    r"(?:(?:this|the)\s+(?:revision|change|update|lcd\s+revision)\s+(?:is|was)\s+"
    r"(?:due\s+to|the\s+result\s+of|in\s+response\s+to|made\s+(?:due\s+to|in\s+response\s+to))\s+(?:an?\s+|the\s+)?)?"
    r"(?:provider\s+education\s*/\s*guidance|other(?:\s*\([^)]*\))?|public\s+comments?|required\s+by\s+cms"
    r"|(?:acceptance\s+of\s+(?:a\s+)?)?reconsideration\s+request|typographical\s+error"
    r"|creation\s+of\s+uniform\s+lcds?\s+with\s+other\s+mac\s+jurisdictions?"
    r"|change\s+in\s+assigned\s+states\s+or\s+affiliated\s+contract\s+numbers)",
    re.I,
)
# a literature review said alone ("Document updated with literature review", HCSC's yearly row) is the policy's review:
# it explains the references it brought, and is no unbacked claim when none changed
_LITERATURE_REVIEW = lazy(
    r"(?:(?:document|policy)\s+(?:updated|reviewed)\s+(?:with|after|following)\s+(?:a\s+|the\s+)?)?"
    r"(?:updated\s+)?literature\s+review(?:ed)?(?:\s+(?:updated|completed|performed|conducted))?",
    re.I,
)
# a sentence saying nothing changed claims nothing: "no significant changes", "No clinical policy statement changes",
# "no changes to criteria", "No change to coverage position" — unless it goes on to name an exception; a log's
# type column may lead it ("Annual Revision No clinical policy statement changes", "Policy reviewed, no changes")
_NO_CHANGE = lazy(
    r"(([\w-]+\s+){0,2}(review|reviewed|revision|update)[:.,-]?\s+(with\s+|and\s+)?)?(there\s+(were|are|is)\s+)?no\s+([\w/-]+\s+){0,4}?(changes?|updates?|revisions?)(\s+(made|needed|required))?"
    r"(\s+(to|in)\s+(?![^;]*\b(except|other than|but|besides|apart|beyond)\b)[\w/ -]+)?",
    re.I,
)
# ... also said of what stayed: "Coverage unchanged", "Policy statement remains unchanged", "criteria unchanged"
_UNCHANGED = lazy(
    r"(?:the\s+)?(?:coverage(?:\s+(?:position|criteria|statement))?|policy(?:\s+(?:statement|position|criteria))?"
    r"|criteria|clinical\s+criteria)\s+(?:is\s+|are\s+|was\s+|were\s+)?(?:remains?\s+|remained\s+)?unchanged",
    re.I,
)
# a clause saying a value was raised or lowered names an update: it cannot explain a criterion deleted outright
# (unless the deletion is half of a replacement, an insert under the same parent)
_VALUE_CHANGE_RE = lazy(r"\b(raised|lowered|increased|decreased|tightened|relaxed)\b", re.I)
# ... unless it also says something was taken out ("removed the criterion requiring an increased count")
_REMOVAL_RE = lazy(r"\b(remov|delet|eliminat|retir|drop|discontinu|omit|no longer)\w*", re.I)
# a clause may join two edits with "and" ("lowered the score to 5 and added a concurrent-use exclusion", "removed X
# from exclusions and added CPT code 36473"): each verb phrase is a part of its own, judged on its own, so a number
# of one part says nothing about the other part's change; a scope said first ("for gMG, ") holds for every part
_EDIT_VERB = (
    r"(?:add|remov|delet|lower|rais|increas|decreas|reduc|shorten|lengthen|extend|revis|updat|chang|replac|clarif"
    r"|expand|broaden|narrow|tighten|relax|retir|eliminat|modif|adjust)\w*"
)
_PART_SPLIT = lazy(rf"\s*,?\s+and\s+(?={_EDIT_VERB}\b)", re.I)
_SCOPE_PREFIX = lazy(r"^\s*(?:for|in|under)\s+[^,;]{1,80},\s*", re.I)
# the value a clause says something was changed *to* ("lowered the BSA threshold to 3%"): the change's new value
_NEW_VALUE_RE = lazy(
    r"\b(?:raised|lowered|increased|decreased|reduced|shortened|lengthened|extended|changed|revised|updated|tightened"
    r"|relaxed|adjusted|modified)\b[^;]*?\bto\s+(?:(?:at least|at most|a|an|≥|≤)\s+)?(\d+(?:[.,]\d+)*)(?![\w.,]\d)",
    re.I,
)
# the measure a clause says was raised or lowered, by its abbreviation ("lowered BSA threshold", "raised the MG-ADL
# score"): a change that does not speak of it (nor its set) is another change, whatever numbers they share
_MEASURE_RE = lazy(
    r"\b(?i:raised|lowered|increased|decreased|reduced|tightened|relaxed)\s+(?:(?i:the)\s+)?"
    r"(?:(?i:minimum|maximum|required)\s+)?([A-Z][\w/-]*[A-Z][\w/-]*)(?![\w-])"
)
# a number with its unit ("3%", "6 weeks", "3 mm"): it speaks of a change only where the change has that unit
_UNIT_NAMES = {"percent": "%", "%": "%"}
_NUMBER_UNIT_RE = lazy(
    r"(?<![\w.])(\d+(?:[.,]\d+)*)\s*-?\s*(%|percent\b|(?:mm|cm|mg|mcg|kg|months?|weeks?|days?|years?|hours?|points?)\b)",
    re.I,
)
# a list item's trailing connective ("; or", ", and"): an item added after it gains one, the item before a deleted
# last item loses one — that is part of the insertion / deletion
_TRAILING_CONNECTIVE = lazy(r"[\s;,.:]*(\b(and/or|or|and)\b)?[\s;,.:]*$", re.I)
# a clause about the dosing of every indication ("updated dosing for all indications", "all dosing updated per the
# prescribing information"): it names every dose change — a criterion's dose limit and a dosing table's row alike
# (a clause naming one indication's dosing names only that set's, by the set rules)
_ALL_DOSING_RE = lazy(
    r"\b(?:dos(?:e|es|ing)|dosages?)\b[^;]*?\b(?:for|of|across|in)\s+(?:all|every|each)\s+(?:of\s+the\s+)?"
    r"(?:[\w-]+\s+)?(?:indications?|diagnos[ie]s|uses?|conditions?)\b|\ball\s+(?:dos(?:e|es|ing)|dosages?)\b",
    re.I,
)
# a clause saying a criterion was moved between sets: "moved the X requirement from the A criteria to the B criteria"
_MOVE_RE = lazy(
    r"\b(?:moved|relocated|transferred)\b(?P<what>[^;]*?)(?:\s+from\s+(?:the\s+)?(?P<src>[^;]+?))?"
    r"\s+(?:to|into|under)\s+(?:the\s+)?(?P<dst>[^;]+)",
    re.I,
)
# a clause naming a list's connective change by its quantifiers: "from both to one of the following", "changed the
# prior therapy requirement from all to any", "from 'one' to 'two or more'" (each side read as a lead-in would be)
_QUANTIFIER = r"(?:at\s+least\s+)?(?:one|two|three|four|\d)(?:\s+or\s+more)?|both|all|each|any|either"
_CONNECTIVE_CHANGE_RE = lazy(
    rf"\bfrom\s+(?:requiring\s+|meeting\s+)?[\"'“‘]?(?P<src>{_QUANTIFIER})\b[\"'”’]?(?:\s+of\s+the\s+following)?"
    rf"\s+to\s+(?:requiring\s+|meeting\s+)?[\"'“‘]?(?P<dst>{_QUANTIFIER})\b",
    re.I,
)
_APPENDIX_IN_TEXT = lazy(r"\bappendix\s+([A-H])\b", re.I)
# the id of a heading another template titles by its appendix's letter (``Appendix-D-Imaging-Alternatives``)
_APPENDIX_ID = lazy(r"appendix-([A-H])(?:-|$)", re.I)
# a table named by its appendix (``Appendix E``, ``Appendix B: Therapeutic Alternatives``): its letter or number
_APPENDIX_TABLE = lazy(r"appendix\s+([A-Z0-9]{1,3})\b", re.I)
_KEYED_ROWS = (NodeKind.STATE, NodeKind.HCPCS, NodeKind.ALTERNATIVE)
_CRITERIA_SECTIONS = ("I", "II", "III")
_CONSEQUENCE_KINDS = (NodeKind.DOSING, NodeKind.ALTERNATIVE, NodeKind.ABBREVIATION, NodeKind.INDICATION)


def _short_text(text: str, n: int = 40) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


@dataclass(frozen=True, slots=True)
class Claim:
    """A clause of a revision-log entry: what the entry says changed."""

    date: dt.date | None
    entry: str  # the whole entry, whitespace-normalised
    clause: str


class TieKind(StrEnum):
    """Why a change counts as explained."""

    TERMS = "terms"  # it shares specific evidence with a clause of the log
    INHERITED = "inherited"  # its parent or child change is tied to a clause
    CITED = "cited"  # a reference / abbreviation added for a change tied to the clause
    CONSEQUENCE = "consequence"  # a row an added / retitled set brings (its dosing row, abbreviation, alternative)
    ADMINISTRATIVE = "administrative"  # the header's dates, when the log has a new entry
    COSMETIC = "cosmetic"  # punctuation only


@dataclass(frozen=True, slots=True)
class Tie:
    """A change tied to the clause that explains it, with its evidence (shared terms) or the change it rests on."""

    edit: Edit
    claim: Claim | None
    shared: tuple[str, ...]
    how: TieKind
    via: str | None = None  # inherited / cited / consequence: the id of the tied change this one rests on
    matches: tuple[Match, ...] = ()  # the evidence: which words of the clause matched which words of the change


@dataclass(frozen=True, slots=True)
class Miss:
    """Why a change found no clause (or a clause no change): the closest candidate and what was wrong with it."""

    edit: Edit | None
    claim: Claim | None
    shared: tuple[str, ...]
    reason: str
    matches: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class OutOfOrder:
    date: dt.date
    after: dt.date  # the later date of an entry listed above it
    entry: str


@dataclass(frozen=True, slots=True)
class PairAudit:
    old: dt.date
    new: dt.date
    script: EditScript
    ties: tuple[Tie, ...]
    undocumented: tuple[Edit, ...]
    unbacked: tuple[Claim, ...]
    claims: tuple[Claim, ...]
    change_misses: tuple[Miss, ...] = ()  # why: one per undocumented change, in its order
    claim_misses: tuple[Miss, ...] = ()  # why: one per unbacked claim, in its order
    # a side read in part (stored with ``--recover``): the regions not read, and what the audit set aside for it —
    # the changes its reading may have made (inserted, deleted, moved) and the claims they may back, not judged
    unread: tuple[str, ...] = ()
    set_aside: tuple[Edit, ...] = ()
    unchecked: tuple[Claim, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.undocumented and not self.unbacked and not self.unread


@dataclass(frozen=True, slots=True)
class AuditReport:
    pairs: tuple[PairAudit, ...]
    out_of_order: tuple[OutOfOrder, ...]

    @property
    def clean(self) -> bool:
        """Nothing unexplained: no undocumented change and no unbacked claim (out-of-order dates are warnings)."""
        return all(p.clean for p in self.pairs)

    @property
    def undocumented(self) -> int:
        return sum(len(p.undocumented) for p in self.pairs)

    @property
    def unbacked(self) -> int:
        return sum(len(p.unbacked) for p in self.pairs)

    @property
    def partial(self) -> int:
        """Steps with a side read in part: one finding each, whatever the reading made of the text."""
        return sum(1 for p in self.pairs if p.unread)

    @property
    def findings(self) -> int:
        """Open findings, as the site counts them and build's summary and ``check`` report them: undocumented
        changes, unbacked claims, steps read in part and out-of-order dates (the last are warnings: they do not
        make it unclean)."""
        return self.undocumented + self.unbacked + self.partial + len(self.out_of_order)

    def verdict(self) -> str:
        """The audit's verdict in one line, the same wherever it is shown."""
        order = len(self.out_of_order)
        warning = f" ({order} log date(s) out of order)" if order else ""  # a warning: it does not make it unclean
        if self.clean:
            return f"audit: every change documented, every claim backed{warning}"
        partial = f", {self.partial} step(s) with a version read in part" if self.partial else ""
        return f"audit: {self.undocumented} undocumented change(s), {self.unbacked} unbacked claim(s){partial}{warning}"


def claims_of(entries: Sequence[RevisionEntry]) -> tuple[Claim, ...]:
    """Split entries into clauses (at ``;`` and at the end of a sentence); ``no significant changes``, a
    review alone (``Annual review``) and a reason from CMS's list (``Provider Education/Guidance``) claim
    nothing."""
    out: list[Claim] = []
    for e in entries:
        text = " ".join(e.description.split())
        body = _VERSION_PREFIX.sub("", _REVIEW_PREFIX.sub("", text))
        for clause in (c for part in body.split(";") for c in _sentences(part)):
            clause = _DATE_OPENER.sub("", _LABEL_PREFIX.sub("", clause.strip().rstrip(".").strip()))
            if clause and not any(
                p.fullmatch(clause)
                for p in (
                    _NO_CHANGE,
                    _UNCHANGED,
                    _REVIEW_ONLY,
                    _COMMITTEE_REVIEW,
                    _COMMITTEE_ACTED,
                    _REASON_ONLY,
                    _DATE_LABEL,
                )
            ):
                out.append(Claim(e.date, text, clause))
    return tuple(out)


# --- the evidence of one change ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """One piece of evidence: a term, the words of the clause and the words of the change it was read from."""

    term: str
    clause: tuple[str, ...]
    change: tuple[str, ...]

    def __str__(self) -> str:
        c, e = _unique(self.clause), _unique(self.change)
        return (
            ", ".join(c)
            if not e or {w.lower() for w in c} == {w.lower() for w in e}
            else f"{', '.join(c)} ↔ {', '.join(e)}"
        )


def _unique(words: tuple[str, ...]) -> list[str]:
    """Words once each, whatever their case (``Chronic``, ``chronic`` → ``chronic``)."""
    seen: dict[str, str] = {}
    for w in sorted(words, key=lambda w: (w.lower(), w.swapcase())):
        seen.setdefault(w.lower(), w)
    return list(seen.values())


Words = dict[str, frozenset[str]]  # term → the words of the text it was read from


@dataclass(frozen=True, slots=True)
class _Change:
    edit: Edit
    words: Words  # its terms (typed and words), each with the words of the change that gave it
    changed_numbers: frozenset[str]
    all_numbers: frozenset[str]  # every number of its text, old and new
    states: frozenset[str]  # state:XX it is about (its row key, or named in what changed)
    section: str | None  # I, II, III for criteria, None elsewhere
    lobs: frozenset[str]  # lob:… of an approval duration's key
    appendix: str | None  # the appendix it sits in
    mentioned_appendices: frozenset[str]
    wording_only: bool  # a row whose wording changed and nothing a label reads
    sets: tuple[frozenset[str], ...] = ()  # the title words of the criteria set it sits in (old and new title)
    set_names: tuple[str, ...] = ()  # those titles as written
    text_words: frozenset[str] = frozenset()  # every word of its text: does it name a set itself?
    dosing: bool = False  # a dose limit of the criteria or a row of the dosing table
    moved: tuple[str, str] | None = None  # a criterion moved between sets: the titles of the set it left, it joined
    # a number changed inside an unchanged sentence: the terms of the words around it, what the number counts
    # ("at least 2 → 1 level 2 hypoglycemic events"); None for any other change
    measure: frozenset[str] | None = None
    # the criteria sections another template's heading above it names (``Reauthorization Criteria`` → section:II)
    place_sections: frozenset[str] = frozenset()
    # the words its row's key spells out (``UC`` → ulcerative, colitis): a key that is a set's name is what it is about
    key_names: frozenset[str] = frozenset()

    @property
    def found(self) -> frozenset[str]:
        return frozenset(self.words)


@dataclass(frozen=True, slots=True)
class _Context:
    """Where a change sits: its set's titles (old and new version) and a hint of what it is (``dose``)."""

    titles: tuple[str, ...] = ()
    hint: str = ""
    moved: tuple[str, str] | None = None  # a move's sets: the title of the one it left, of the one it joined


# a row keyed by a procedure code: HCPCS (J9035), CPT (90869), a CPT category III code (0160T)
_CODE_KEY = lazy(r"[A-Z]\d{4}|\d{5}|\d{4}[A-Z]")
# the sections other templates keep their references in (a Centene pharmacy policy's are typed references)
_REFERENCE_SECTIONS = frozenset({"references", "reference", "bibliography", "citations", "sources"})


# a list item or paragraph that is a citation, whatever section it was read under (a References heading the reader
# lost, its list kept as an unread region): it opens with its authors (``Haffner D, Emma F, et al.``) or a label's
# title (``Crysvita Prescribing Information.``) and gives a year
_CITATION = lazy(
    r"^(?:[A-Z][\w'’-]+\s+[A-Z]{1,3}(?:,\s*[A-Z][\w'’-]+\s+[A-Z]{1,3})*(?:,?\s+et\s+al)?\.\s"
    r"|[^.;:]{0,80}\bprescribing\s+information\b\s*(?:\([^)]{0,40}\)\s*)?\.\s)"
    r"(?=.*\b(?:19|20)\d{2}\b)",
    re.I,
)


def _is_reference(e: Edit) -> bool:
    """A reference added, removed or edited: a typed reference, an item of a References section, or an item that is
    a citation (:data:`_CITATION`) on both sides."""
    if e.node is NodeKind.REFERENCE:
        return True
    head = (e.new_id or e.old_id or "").split(".")[0].replace("-", " ").lower()
    if head in _REFERENCE_SECTIONS and e.node is not NodeKind.HEADING:
        return True
    sides = [t for t in (e.old_text, e.new_text) if t]
    return (
        e.node in (NodeKind.BULLET, NodeKind.PARAGRAPH)
        and bool(sides)
        and all(_CITATION.match(" ".join(t.split())) for t in sides)
    )


# an abbreviation key's entry: ``LAMA: long-acting muscarinic antagonist``, ``ICS – inhaled corticosteroid``
_ABBREVIATION_ENTRY = lazy(r"(?<![\w-])([A-Z][A-Za-z0-9/&-]*[A-Z0-9])\s*[:=–—]\s+(?=[a-zA-Z])")


def _abbreviation_keys(e: Edit) -> frozenset[str]:
    """The abbreviations a paragraph or bullet of an abbreviation key added or removed, lower case — when every
    changed part of it is one or more ``KEY: meaning`` entries (the key read as prose, not as rows); else none."""
    if e.node not in (NodeKind.PARAGRAPH, NodeKind.BULLET) or e.kind.is_row:
        return frozenset()
    spans = [t for op, t in e.redline if op != "="] if e.redline else [e.new_text or e.old_text or ""]
    keys: set[str] = set()
    for span in spans:
        span = span.strip(" ;,.")
        found = list(_ABBREVIATION_ENTRY.finditer(span))
        if not found or found[0].start() != 0 or len(found[0].group(1)) > 10:
            return frozenset()
        keys |= {m.group(1).lower() for m in found}
    return frozenset(keys)


def _changed_text(e: Edit) -> str:
    key = e.key if e.kind.is_row and e.key else ""  # a row's key cell is its key, not its text
    if e.redline:
        return " ".join([key, *(t for op, t in e.redline if op != "=")])
    return " ".join(filter(None, (key, e.new_text, e.old_text, *e.content)))


def edit_terms(e: Edit, context: str = "", own: frozenset[str] = frozenset()) -> frozenset[str]:
    """The terms of one change: the words that changed (with the sentence, if only a number changed) and its place.

    ``context`` (the title of its set) is where the change sits, not what it says: it is no evidence.
    """
    return _change(e, _Context((context,) if context else ()), own, _Abbreviations()).found


def _merge(into: dict[str, set[str]], words: Words) -> None:
    for t, ws in words.items():
        into.setdefault(t, set()).update(ws)


@functools.lru_cache(maxsize=4096)
def _title_words(title: str, own: frozenset[str]) -> frozenset[str]:
    """The content words of a set title (stems): what a clause must say to name the set."""
    return frozenset(t for t in terms(title, own, claim=False) if ":" not in t and weight(t) == 1)


def _change(e: Edit, context: _Context, own: frozenset[str], expand: _Abbreviations) -> _Change:
    measure: frozenset[str] | None = None
    raw = _changed_text(e)
    changed = expand(raw)
    words: dict[str, set[str]] = {}
    _merge(words, expand.words(raw, own, claim=False))
    words.pop("template", None)
    if TEMPLATE_RE.search(" ".join(filter(None, (e.new_text, e.old_text, *context.titles, *e.content)))):
        words["template"] = {"other diagnoses/indications"}
    # a count written in words that changed ("at least six → three months") is a number, not a word of what changed
    counts = {
        t
        for n, w in (*number_words(e.old_text or "").items(), *number_words(e.new_text or "").items())
        if (n in number_words(e.old_text or "")) != (n in number_words(e.new_text or ""))
        for t in terms(w, own, claim=False)
    }
    if e.redline and not {t for t in words if not t.startswith("num:")} - {"dose"} - counts:
        # a changed number inside an unchanged sentence: the sentence says what it is about — but it names an age
        # ("Age ≥ 18 years; …") only when the age is the number that changed
        # (a count in words is said with its quantifier and unit, which a clause about any count shares: the
        # sentence's other words say what is counted)
        said = without_counts(e.new_text or "") if counts else e.new_text or ""
        sentence = expand.words(said, own, claim=False)
        ages = age_numbers(e.old_text or "") | age_numbers(e.new_text or "")
        if not numbers(" ".join(t for op, t in e.redline if op != "=")) & ages:
            sentence = {t: ws for t, ws in sentence.items() if t != "age"}
        _merge(words, sentence)
        if numbers(" ".join(t for op, t in e.redline if op != "=")) or counts:
            measure = frozenset(t for t in terms(_around_numbers(e), own, claim=False) if not t.startswith("num:"))
    elif e.redline and "age" not in words:
        # an age limit that changed with words around it ("Member is 18 → 13 years of age or older; members age 13
        # through 17 must …"): the change is an age's, whatever else the new words say
        ages = age_numbers(e.old_text or "") & numbers(" ".join(t for op, t in e.redline if op == "-")) | age_numbers(
            e.new_text or ""
        ) & numbers(" ".join(t for op, t in e.redline if op == "+"))
        if ages:
            words["age"] = {f"{n} years of age" for n in sorted(ages)}
    if context.hint != _STEP:
        hint = term_words(context.hint, own, claim=False)
        _merge(words, {t: ws for t, ws in hint.items() if not t.startswith(("num:", "drug:"))})
    if e.node is NodeKind.CRITERION and measure is None:
        # a criterion that asks for a prior therapy first (``Failure of a 3-month trial of methotrexate``,
        # ``inadequate control despite 3 months of … ICS plus LABA``, a template's step therapy criterion) is a step
        # therapy requirement, whatever changed in it — but a number that changed alone in it is named only by its
        # value or what it counts
        prior = _PRIOR_THERAPY.search(" ".join(filter(None, (e.old_text, e.new_text))))
        if prior is not None or context.hint == _STEP:
            words.setdefault("step therapy", set()).add(prior.group(0) if prior else "a prior therapy")
    nums = set(numbers(changed))
    for n in nums:
        words.setdefault("num:" + n, set()).add(n)
    # a count the change writes in words ("at least one prior line") is the number a clause says in digits or words
    said_old, said_new = number_words(e.old_text or ""), number_words(e.new_text or "")
    counted = {**said_old, **said_new, **number_words(" ".join(e.content))}
    for n, word in counted.items():
        if not e.kind.is_update or (n in said_old) != (n in said_new):
            nums.add(n)
            words.setdefault("num:" + n, set()).add(word)
    node_id = e.new_id or e.old_id or ""
    head = node_id.split(".")[0]
    appendix = None
    if e.table and (titled := _APPENDIX_TABLE.match(e.table)) is not None:
        appendix = titled.group(1).upper()  # (``Appendix B: Therapeutic Alternatives``: its letter, not ``B:``)
    elif head == "IV" and len(node_id) > 3:
        appendix = node_id[3]
    elif (lettered := _APPENDIX_ID.match(head)) is not None:
        appendix = lettered.group(1).upper()  # (another template's heading ``Appendix D: Imaging Alternatives``)
    shown = changed + " " + (e.new_text or "")
    # (no appendix is named without its letters "ppend", which fold to no other: a long text is not searched)
    mentioned = (
        frozenset(m.group(1).upper() for m in _APPENDIX_IN_TEXT.finditer(shown))
        if "ppend" in shown.lower()
        else frozenset()
    )
    words = {t: ws for t, ws in words.items() if not t.startswith("appendix:")}
    if appendix:
        words["appendix:" + appendix] = {f"Appendix {appendix}"}
    if e.node is NodeKind.STATE and e.key:
        words.setdefault("state:" + e.key, set()).add(e.key)
    states = {t for t in words if t.startswith("state:")}
    if e.key and (e.node is NodeKind.HCPCS or (e.kind.is_row and _CODE_KEY.fullmatch(e.key))):
        # a codes table's row, whatever the template: its key is the code (HCPCS J9035, CPT 90869, 0160T)
        words.setdefault("code:" + e.key, set()).add(e.key)
        words.setdefault("coding", set()).add(e.key)
    if _is_reference(e):
        words.setdefault("references", set()).add("a reference")
    else:
        # "references" is the References section: a criterion's "laboratory reference range" is not one of them
        words.pop("references", None)
    if e.node is NodeKind.PRODUCT or any(
        part.lower() == "product-availability" for part in (e.new_id or e.old_id or "").split(".")
    ):
        # (a typed product row, or a line of another template's Product Availability section)
        words.setdefault("product availability", set()).add("Product Availability")
    if e.node is NodeKind.DOSING:
        words.setdefault("dose", set()).add(e.key or "dosing")
    lobs: set[str] = set()
    if e.node is NodeKind.DURATION:
        words.setdefault("approval duration", set()).add("approval duration")
        # the narrower side of a split / merge names the line of business (``I.A.duration.Medicaid-HIM``)
        keys = [i.rsplit(".", 1)[-1].replace("-", " ") for i in (e.old_id, e.new_id) if i]
        for key in keys:
            lobs = lobs or {t for t in terms(key, claim=False) if t.startswith("lob:")}
            for lob in lobs:
                words.setdefault(lob, set()).add(key)
    section = head if head in _CRITERIA_SECTIONS else None
    # (another template's heading says which section it is: ``Reauthorization-Criteria.c1.2``)
    place_sections = frozenset() if section else sections_named(head.replace("-", " "))
    if e.node is not NodeKind.DURATION and (label := _DURATION_LINE.match(e.new_text or e.old_text or "")):
        # a line of another template that states an approval duration (``Initial approval duration: 6 → 12 months``):
        # an approval duration as a typed one is, of the section its label names
        words.setdefault("approval duration", set()).add(label.group(0).strip(" :–-"))
        if section is None and len(named := sections_named(label.group(0))) == 1:
            section = next(iter(named))[8:]
    if section:
        words["section:" + section] = {f"section {section}"}
    sets = tuple(frozenset(_title_words(t, own)) for t in context.titles)
    if e.node is not NodeKind.SET:
        # the words of its set's title are where it sits, which every clause about that set says: no evidence
        # (a retitle's new words are what changed: only the words both titles share are the topic)
        topic = frozenset.intersection(*sets) if sets else frozenset()
        words = {t: ws for t, ws in words.items() if t not in topic and t.removeprefix("drug:") not in topic}
    wording_only = e.kind.is_update and e.kind.is_row and all(lb.direction is Direction.NEUTRAL for lb in e.labels)
    text = " ".join(filter(None, (e.old_text, e.new_text, *e.content)))
    every = numbers(text) | frozenset(number_words(text))
    whole = expand(" ".join(filter(None, (e.key, e.old_text, e.new_text, *e.content))))
    return _Change(
        e,
        {t: frozenset(ws) for t, ws in words.items()},
        frozenset(nums),
        every,
        frozenset(states),
        section,
        frozenset(lobs),
        appendix,
        mentioned,
        wording_only,
        sets=sets,
        set_names=context.titles,
        text_words=frozenset(terms(whole, own, claim=False)),
        dosing=e.node is NodeKind.DOSING or context.hint == "dose",
        moved=context.moved,
        measure=measure,
        place_sections=place_sections,
        key_names=_key_names(e, own, expand),
    )


def _key_names(e: Edit, own: frozenset[str], expand: _Abbreviations) -> frozenset[str]:
    """The words a row's key spells out, less the key itself (``UC`` → ulcerative, colitis)."""
    if not e.kind.is_row or not e.key:
        return frozenset()
    key = {e.key.lower(), stem(e.key.lower())}
    return frozenset(t for t in expand.words(e.key, own, claim=False) if ":" not in t) - key


# the label of a line that states an approval duration: "Initial approval duration:", "Reauthorization approval
# period –", "Duration of approval:", "Approval duration:"
_DURATION_LINE = lazy(
    r"^\s*(?:(?:initial|continued|continuation|reauthori[sz]ation|renewal|re-?certification)\s+)?"
    r"(?:(?:approval|authori[sz]ation|coverage)\s+(?:duration|period)|duration\s+of\s+(?:approval|authori[sz]ation))"
    r"\s*(?::|–|-)",
    re.I,
)


# a criterion asking for a prior therapy first: a trial, a failure, an inadequate response or control, an
# intolerance or a contraindication to it, or use of it the condition persists despite
_PRIOR_THERAPY = lazy(
    r"\b(?:trials?\s+(?:of|with)|fail(?:ed|ure|s)?\s+(?:of|on|to|with)|tried\s+and\s+failed"
    r"|(?:inadequate|insufficient|suboptimal)\s+(?:response|control|benefit)|intoleran(?:ce|t)\s+(?:of|to)"
    r"|contraindications?\s+to|despite\s+(?:[\w≥-]+\s+){0,6}?(?:use|treatment|therapy)\s+(?:of|with))\b",
    re.I,
)
_STEP = "step therapy"  # a criterion's hint: its template read it as a step therapy requirement
_AROUND = 6  # the words either side of a changed number that say what it counts


def _around_numbers(e: Edit) -> str:
    """The words of the new text within a few words of what changed (a changed number, its old and new value)."""
    tokens: list[tuple[str, bool]] = []
    for op, text in e.redline:
        tokens += [(w, op != "=") for w in text.split() if op != "-" or not tokens or not tokens[-1][1]]
    near = {
        j
        for k, (_, changed) in enumerate(tokens)
        if changed
        for j in range(max(0, k - _AROUND), min(len(tokens), k + _AROUND + 1))
    }
    return " ".join(w for j, (w, _) in enumerate(tokens) if j in near)


def _set_titles(policy: Policy) -> dict[str, str]:
    return {s.id: s.title for sec in policy.sections for s in sec.sets}


@per_version
def _all_set_titles(policy: Policy) -> dict[str, str]:
    """Every criteria set's title: a pharmacy policy's sections' and the lead-ins of the sets of any other
    template's body (``Radiofrequency ablation is medically necessary when all of …``)."""
    titles = _set_titles(policy)
    stack: list[Section | CriteriaSet] = list(policy.body)
    while stack:
        block = stack.pop()
        if isinstance(block, CriteriaSet):
            titles.setdefault(block.id, block.title)
        else:
            stack.extend(b for b in block.blocks if isinstance(b, Section | CriteriaSet))
    return titles


def _title_around(titles: dict[str, str], node_id: str | None) -> str:
    """The title of the set ``node_id`` sits in: its longest prefix that is a set (``Cov.c2.3`` → ``Cov.c2``)."""
    parts = (node_id or "").split(".")
    return next((titles[i] for i in (".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)) if i in titles), "")


@dataclass(frozen=True, slots=True)
class _Places:
    """One version read once for the audit: its sets' titles and what its dose criteria are (``dose`` hints)."""

    titles: dict[str, str]
    hints: dict[str, str]

    @classmethod
    def of(cls, policy: Policy) -> _Places:
        return _places(policy)

    @classmethod
    def read(cls, policy: Policy) -> _Places:
        hints: dict[str, str] = {}
        for c in all_criteria(policy):
            if c.type in (CriterionType.DOSE_LIMIT, CriterionType.WEIGHT_BAND):
                hints[c.id] = "dose"
            elif c.type is CriterionType.GUIDELINE_SUPPORTED:
                hints[c.id] = "dose guidelines"
            elif c.type is CriterionType.STEP_THERAPY:
                hints[c.id] = _STEP
        return cls(_set_titles(policy), hints)


@per_version
def _places(policy: Policy) -> _Places:
    return _Places.read(policy)


def _set_of(node_id: str | None) -> str:
    return ".".join((node_id or "").split(".")[:2])


def _context(here: _Places, node_id: str | None, there: _Places, other_set: str | None) -> _Context:
    """The titles of the criteria set a node sits in (in this version and, via the set's partner, the other one)
    and ``dose`` for a dose limit."""
    if not node_id:
        return _Context()
    titles: list[str] = []
    for places, set_id in ((here, _set_of(node_id)), (there, other_set)):
        title = places.titles.get(set_id or "")
        if title and title not in titles:
            titles.append(title)
    return _Context(tuple(titles), here.hints.get(node_id, ""))


class _Abbreviations:
    """The policy's abbreviations (Appendix A), spelled out in a text: ``CSU`` → ``CSU (chronic spontaneous
    urticaria)``.  A clause says ``for CRSwNP``, a dosing row is keyed ``CSU``: spelled out, both name the set's
    title.  ``words`` reads a text's terms that way, and shows the abbreviation as the word it was read from."""

    def __init__(self, table: Mapping[str, str] | None = None) -> None:
        self.table = dict(table or {})
        keys = sorted(self.table, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, keys)) + r")(?![\w-])") if keys else None
        # (a policy's versions share their appendix, and its clauses and changes recur from pair to pair: each text
        # is spelled out and read once)
        self._spelled: dict[str, str] = {}
        self._words: dict[tuple[str, frozenset[str], bool], Words] = {}

    @classmethod
    def of(cls, *policies: Policy) -> _Abbreviations:
        """The abbreviations of ``policies`` (the first's meaning of a key both define)."""
        table: dict[str, str] = {}
        for policy in policies:
            for appendix in policy.appendices:
                for abbr, meaning in appendix.abbreviations:  # (also a key a copy joined into one paragraph)
                    key, text = abbr.strip(), " ".join(meaning.split())
                    if len(key) >= 2 and text:
                        table.setdefault(key, text)
        return _abbreviations(tuple(table.items()))

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        done = self._spelled.get(text)
        if done is None:
            done = self._spelled[text] = self.pattern.sub(lambda m: f"{m.group(1)} ({self.table[m.group(1)]})", text)
        return done

    def words(self, text: str, own: frozenset[str], *, claim: bool = True) -> Words:
        key = (text, own, claim)
        done = self._words.get(key)
        if done is None:
            done = self._words[key] = self._read(text, own, claim)
        return done

    def _read(self, text: str, own: frozenset[str], claim: bool) -> Words:
        found = term_words(self(text), own, claim=claim)
        if self.pattern is None:
            return found
        # in the order the text says them: a set's order would follow the hash seed when two abbreviations match
        used = list(dict.fromkeys(m.group(1) for m in self.pattern.finditer(text)))

        def shown(w: str) -> str:
            if _says(text, w):
                return w
            return next((a for a in used if w.lower() in self.table[a].lower()), w)

        return {t: frozenset(shown(w) for w in ws) for t, ws in found.items()}


# (the versions of the policy audited now, and its pairs: one table, read by every pair — kept for the policy audited
# now and the one before, not a store's: a build worker takes one policy after another)
@functools.lru_cache(maxsize=2)
def _abbreviations(table: tuple[tuple[str, str], ...]) -> _Abbreviations:
    return _Abbreviations(dict(table))


@functools.lru_cache(maxsize=4096)  # a history's clauses and changes recur from pair to pair, word by word
def _says(text: str, word: str) -> bool:
    """Whether ``text`` holds ``word`` as a whole word, in any case."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I) is not None


# --- one change against one clause ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Verdict:
    score: int
    shared: tuple[str, ...]  # the evidence, strongest first
    ruled_out: str | None  # why this clause cannot explain this change
    matches: tuple[Match, ...] = ()  # the evidence with its words, in the order of ``shared``


@dataclass(frozen=True, slots=True)
class _ClaimTerms:
    """A clause read once: its terms with their words, and the criteria sets it names (their title words)."""

    words: Words
    sets: tuple[frozenset[str], ...]
    set_names: tuple[str, ...] = ()  # the titles of those sets, as written
    # the runs of words the clause quotes from a sentence of either version (:func:`_quoted`)
    quoted: frozenset[tuple[str, ...]] = frozenset()
    # the terms of its scope (``for SLE, …``) that name a set: where the clause is, never what changed
    scope: frozenset[str] = frozenset()

    @property
    def found(self) -> frozenset[str]:
        return frozenset(self.words)


# A clause that writes out a sentence both versions hold unchanged, word for word (eight words or more in a row:
# "added that ESI with particulate steroid is not reasonable and necessary for …"), is about that sentence: a change
# whose text holds none of it is another change, whatever words they share — so the clause backs nothing.  Quoted
# from the policy's own text (criteria, paragraphs, bullets, notes, rows), never a heading or a set's title, which a
# clause names as the place of a change; a quote of a sentence that changed (a deleted criterion) rules nothing out.
_QUOTE = 8
_QUOTE_WORD = lazy(r"[^\W_]+")
_QUOTED_KINDS = frozenset(
    {NodeKind.CRITERION, NodeKind.PARAGRAPH, NodeKind.BULLET, NodeKind.NOTE, NodeKind.ROW, NodeKind.INDICATION}
)


def _grams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _QUOTE_WORD.findall(text)]
    return {tuple(words[k : k + _QUOTE]) for k in range(len(words) - _QUOTE + 1)}


def _sentence_grams(old: Policy, new: Policy) -> set[tuple[str, ...]]:
    """The runs of :data:`_QUOTE` words of the sentences both versions hold unchanged, less any run of a sentence
    that changed (see :data:`_QUOTE`)."""
    texts = [_quotable(old), _quotable(new)]
    kept: set[tuple[str, ...]] = set()
    for text in texts[0] & texts[1]:
        kept |= _grams(text)
    for text in texts[0] ^ texts[1]:
        kept -= _grams(text)
    return kept


@per_version
def _quotable(policy: Policy) -> frozenset[str]:
    """The texts of the version a clause may quote (:data:`_QUOTED_KINDS`)."""
    tree = build_tree(policy)
    return frozenset(t for k, t in zip(tree.kinds, tree.texts, strict=True) if k in _QUOTED_KINDS)


def _quote_missed(clause: str, quoted: frozenset[tuple[str, ...]], e: Edit) -> str | None:
    """Why a clause quoting a sentence cannot explain a change that holds none of the quote (else None)."""
    if not quoted or quoted & _grams(" ".join(filter(None, (e.old_text, e.new_text, *e.content)))):
        return None
    words = _QUOTE_WORD.findall(clause)
    lowered = [w.lower() for w in words]
    start = next((k for k in range(len(lowered)) if tuple(lowered[k : k + _QUOTE]) in quoted), 0)
    return f"the clause quotes another sentence (“{' '.join(words[start : start + _QUOTE])} …”), not this change"


def _names_set(clause_terms: frozenset[str], title: frozenset[str]) -> bool:
    """A clause names a set when it says (nearly) all of its title's content words."""
    if not title:
        return False
    return len(title & clause_terms) >= max(1, -(-2 * len(title) // 3))


def _key_named(ch: _Change, ct: frozenset[str], clause: str) -> bool:
    e = ch.edit
    if e.node is NodeKind.STATE:
        return bool(ch.states & ct)
    if e.node is NodeKind.HCPCS or (e.key and _CODE_KEY.fullmatch(e.key)):
        # a clause naming codes names those rows; one about the coding that names no code ("Coding updated",
        # "HCPCS codes updated") documents the changes inside the coding tables, every row of them
        if any(t.startswith("code:") for t in ct):
            return f"code:{e.key}" in ct
        return "coding" in ct
    words = {w for w in re.findall(r"[a-z0-9]+", (e.key or "").lower()) if len(w) > 3}
    return bool(words & set(re.findall(r"[a-z0-9]+", clause.lower())))


_WORDS_RE = lazy(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# (a clause is judged against every change of its step, and is in several steps: its words are stemmed once)
@functools.lru_cache(maxsize=4096)
def _clause_stems(clause: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORDS_RE.findall(clause.lower()))


def _named_key(ch: _Change, clause: str) -> Match | None:
    """A therapeutic alternative's row whose drug the clause names (its key is the drug)."""
    e = ch.edit
    if not (e.kind.is_row and e.node is NodeKind.ALTERNATIVE and e.key):
        return None
    said = _clause_stems(clause)
    words = tuple(w for w in _WORDS_RE.findall(e.key.lower()) if len(w) > 3 and stem(w) in said)
    return Match("key", words, (e.key,)) if words else None


def _named_whole(ch: _Change, clause: str, cl: _ClaimTerms) -> Match | None:
    """An update whose every changed word (two at most, no number) the clause says: the clause names all of it."""
    e = ch.edit
    if not e.kind.is_update or e.kind.is_row or e.old_text is None or e.new_text is None:
        return None
    if numbers(e.old_text) != numbers(e.new_text):
        return None  # a number's change is judged by its numbers
    old, new = set(_WORDS_RE.findall(e.old_text.lower())), set(_WORDS_RE.findall(e.new_text.lower()))
    words = {w for w in old ^ new if len(w) >= 5 and w not in GENERIC}
    said = _clause_stems(clause)
    if not words or len(words) > 2 or any(stem(w) not in said for w in words):
        return None
    if not all(stem(w) in ch.found or "drug:" + w in ch.found for w in words):
        return None  # the policy's own names, a set's title: no evidence
    return Match(
        "what changed",
        tuple(sorted(w for ws in cl.words.values() for w in ws if stem(w.lower()) in {stem(x) for x in words})),
        tuple(sorted(words)),
    )


def _named_additions(ch: _Change, clause: str, cl: _ClaimTerms) -> Match | None:
    """An update (its numbers kept) whose every added word the clause says — the policy's own names too, which are
    what it added there (``Total → Combined lifetime duration of <class> → <drug> and <drug> therapy``) — and that the
    clause finds by a word the sentence kept (``clarified lifetime duration limit applies to combined <drug> and
    <drug> use``): the clause names what was added to that sentence."""
    e = ch.edit
    if not e.kind.is_update or e.kind.is_row or not e.redline or e.old_text is None or e.new_text is None:
        return None
    if numbers(e.old_text) != numbers(e.new_text):
        return None  # a number's change is judged by its numbers
    added = {w for op, t in e.redline if op == "+" for w in _WORDS_RE.findall(t.lower())}
    added = {w for w in added if len(w) >= 4 and w not in GENERIC}
    kept = {w for op, t in e.redline if op == "=" for w in _WORDS_RE.findall(t.lower())}
    said = _clause_stems(clause)
    if not added or len(added) > 4 or any(stem(w) not in said for w in added):
        return None
    found = {stem(w) for w in kept if len(w) >= 4 and w not in GENERIC and stem(w) in ch.text_words}
    if not found & said:
        return None  # (the clause must find the sentence by a word of its own, not by its set's or the policy's name)
    return Match(
        "what was added",
        tuple(sorted(w for w in _WORDS_RE.findall(clause.lower()) if w in added)),
        tuple(sorted(added)),
    )


# what a clause says it added: "Added intertrigo to qualifying symptoms", "added a biopsy as an option"
_ADDED_ITEM_RE = lazy(r"\badd(?:ed|s|ing)?\s+(?:an?\s+|the\s+)?([^,;()]+?)\s+(?:to|as|in|into|under|among)\b", re.I)
# where an item's leading noun phrase ends: "Intertrigo | refractory to treatment", "Severe pain | despite …"
_PHRASE_END_RE = lazy(
    r"[,;:(]|\s(?:to|of|in|on|at|by|for|from|with|without|despite|due|after|before|that|which|who|not|refractory"
    r"|unresponsive|resistant|requiring|causing|lasting|and|or)\b",
    re.I,
)


def _content_stems(text: str) -> list[str]:
    return list(_content_stems_of(text))


@functools.lru_cache(maxsize=4096)
def _content_stems_of(text: str) -> tuple[str, ...]:
    return tuple(
        stem(w) for w in _WORDS_RE.findall(text.lower()) if w not in GENERIC and len(w) >= 3 and not w.isdigit()
    )


@functools.lru_cache(maxsize=4096)
def _added_items(clause: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What a clause says it added (:data:`_ADDED_ITEM_RE`), each with its content stems, in the clause's order."""
    return tuple((m.group(1), _content_stems_of(m.group(1))) for m in _ADDED_ITEM_RE.finditer(clause))


def _named_item(ch: _Change, clause: str, cl: _ClaimTerms) -> Match | None:
    """An inserted item that is exactly what the clause says it added: the item's whole leading noun phrase
    (``added severe hyperhidrosis to …`` for ``Severe hyperhidrosis despite …``) or, for a one-word addition,
    the phrase's head noun (``Added intertrigo to …`` for ``Intertrigo refractory to …``).  A word the item only
    contains (``pain`` in ``Shoulder pain …``, ``… with pain``) is not what it is."""
    e = ch.edit
    if not e.kind.is_insert or e.kind.is_row or not e.new_text:
        return None
    lead = _PHRASE_END_RE.split(e.new_text.strip(), maxsplit=1)[0]
    phrase = _content_stems(lead)
    if not phrase:
        return None
    for item, stems in _added_items(clause):
        said = list(stems)
        if not said or len(said) > 3 or any(w not in ch.found for w in said):
            continue  # (the policy's own names, its set's title, a generic word: no evidence)
        if sorted(said) == sorted(phrase) or said == phrase[-1:]:
            return Match("what was added", (item.strip(),), (lead.strip(),))
    return None


# a new value a clause says with its unit: "to 14 days", "to at least 6 weeks", "to a maximum of 3 months"
_NEW_VALUE_UNIT_RE = lazy(
    r"\bto\s+(?:(?:at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|up\s+to|a\s+(?:minimum|maximum)\s+of"
    r"|an?|the|≥|≤)\s+)?(\d+(?:\.\d+)?)\s*-?\s*(%|percent\b|(?:mm|cm|mg|mcg|kg|months?|weeks?|days?|years?|hours?"
    r"|points?)\b)",
    re.I,
)
# what a bound measures, as a clause names it: a length of time, a minimum, a maximum
_TIME_KIND = lazy(r"\b(?:duration|length|period|window|time\s*frame|interval|timeline)s?\b", re.I)
_MIN_KIND = lazy(r"\b(?:minimum|min|lower\s+limit|floor)\b", re.I)
_MAX_KIND = lazy(r"\b(?:maximum|max|upper\s+limit|cap|ceiling)\b", re.I)
# how a text bounds a number: from below ("at least 14 days", "≥ 2"), from above ("does not exceed", "up to", "within")
_MIN_BOUND = lazy(r"\bat\s+least\b|\bno\s+(?:less|fewer)\s+than\b|\bminimum\b|≥|\bor\s+(?:more|longer|greater)\b", re.I)
_MAX_BOUND = lazy(
    r"\bat\s+most\b|\bno\s+more\s+than\b|\bnot\s+(?:to\s+)?exceed|\bup\s+to\b|\bmaximum\b|≤|\bwithin\b"
    r"|\bor\s+(?:less|fewer|shorter)\b",
    re.I,
)
_BOUND_LABELS = ("duration", "threshold")


def _named_quantity(ch: _Change, clause: str) -> Match | None:
    """A bound that moved inside an unchanged sentence (``present for at least 30 → 14 days``) and a clause giving its
    new value with its unit and saying what kind of quantity it is (``Revised the minimum wound duration to 14
    days``: a length of time, a minimum): the clause names the change's meaning, not the criterion's words.  The old
    value, another unit or another kind (a maximum for a minimum) names nothing."""
    e = ch.edit
    if not e.kind.is_update or not e.redline:
        return None
    new_numbers = numbers(" ".join(t for op, t in e.redline if op == "+"))
    for label in e.labels:
        if not label.name.startswith(_BOUND_LABELS) or not label.new:
            continue
        for m in _NEW_VALUE_UNIT_RE.finditer(clause):
            value, unit = m.group(1), m.group(2)
            if value not in new_numbers or value not in numbers(label.new) or not _unit_found(unit, label.new):
                continue
            kinds = []
            if label.name.startswith("duration") and (k := _TIME_KIND.search(clause)):
                kinds.append(k.group(0))
            if _MIN_BOUND.search(label.new) and (k := _MIN_KIND.search(clause)):
                kinds.append(k.group(0))
            if _MAX_BOUND.search(label.new) and (k := _MAX_KIND.search(clause)):
                kinds.append(k.group(0))
            wrong = (_MIN_KIND.search(clause) and not _MIN_BOUND.search(label.new)) or (
                _MAX_KIND.search(clause) and not _MAX_BOUND.search(label.new)
            )
            if kinds and not wrong:
                return Match("quantity", (*kinds, m.group(0)), (label.new,))
    return None


# a clause saying something was added: "Added criteria for replacement orthosis", "new section on …"
_ADDITION_RE = lazy(r"\b(?:add(?:ed|s|ing)?|new|introduc(?:ed|es|ing)|creat(?:ed|es|ing))\b", re.I)


def _named_section(ch: _Change, clause: str) -> Match | None:
    """A section inserted (its heading and what it holds) and a clause saying it added what the heading's title
    names — every content word of it (``Added criteria for replacement orthosis due to growth`` for a new
    ``REPLACEMENT`` section): the clause names the new section whole."""
    e = ch.edit
    if not e.kind.is_insert or e.node is not NodeKind.HEADING or not e.new_text or not _ADDITION_RE.search(clause):
        return None
    title = _content_stems(e.new_text)
    if not title or len(title) > 4:
        return None
    said = _clause_stems(clause)
    if any(w not in said or w not in ch.found for w in title):
        return None  # (a word the clause does not say, the policy's own name: not this section)
    return Match("section added", tuple(sorted(set(title))), (e.new_text,))


def _all_dosing(ch: _Change, clause: str) -> Match | None:
    """A dose change (a criterion's dose limit, a dosing table's row) and a clause about the dosing of every
    indication: the clause names it, whichever indication it is."""
    m = _ALL_DOSING_RE.search(clause) if ch.dosing else None
    if m is None:
        return None
    return Match("all dosing", (m.group(0),), (ch.edit.key or "dose limit",))


def _named_move(ch: _Change, clause: str) -> Match | None:
    """A criterion moved between sets and a clause saying it was moved *to* the set it joined (and, if it says
    where from, *from* the set it left): each named by more of its title's words than the other set's."""
    m = _MOVE_RE.search(clause) if ch.moved else None
    if m is None or ch.moved is None:
        return None
    left, joined = (_title_words(t, frozenset()) for t in ch.moved)
    # (whether a title or a side says "not": ``the not medically necessary list`` is not the medically necessary one)
    negated = [_NEGATED.search(t) is not None for t in ch.moved]

    def named(side: str, title: frozenset[str], negative: bool) -> int:
        return len(_title_words(side, frozenset()) & title) + ((_NEGATED.search(side) is not None) == negative)

    dst = m.group("dst")
    if named(dst, joined, negated[1]) <= named(dst, left, negated[0]):
        return None
    said = [m.group("dst").strip()]
    if m.group("src") is not None:
        src = m.group("src")
        if named(src, left, negated[0]) <= named(src, joined, negated[1]):
            return None
        said.insert(0, m.group("src").strip())
    return Match("moved", tuple(said), tuple(_short_text(t) for t in ch.moved))


# a set (or a clause's side) of what is not covered: "not medically necessary", "not covered", "exclusions"
_NEGATED = lazy(
    r"\bnot\s+(?:(?:be|been|considered|deemed)\s+)?(?:medically\s+necessary|covered|authori[sz]ed|approved|reasonable"
    r"|eligible|indicated)\b|\bnon-?covered\b|\bexclu(?:sions?|ded)\b",
    re.I,
)
_MARKER_PART = lazy(r"\d{1,2}|[A-Za-z]|[ivxIVX]{1,4}")
_LOCATOR_WORD = lazy(r"^(?:criteri(?:on|a)|item|bullet)\s*#?\s*", re.I)


def _marker_path(node_id: str | None) -> list[str]:
    """The markers of a node's place (``Coverage-Criteria.c1.3.d`` → 3, d; ``I.C.3`` → I, C, 3), lower case."""
    return list(_markers_of(node_id or ""))


@functools.lru_cache(maxsize=4096)  # (a change is judged against every clause of its step)
def _markers_of(node_id: str) -> tuple[str, ...]:
    return tuple(p.lower() for p in node_id.split(".") if _MARKER_PART.fullmatch(p))


def _named_place(ch: _Change, clause: str) -> Match | None:
    """A criterion the clause names by its place (``I.C.3 revised``, ``Criterion 3: added …``, ``1.b.iv``): the
    change is that criterion or under it.  A section's numeral the reader names by its heading may be left out
    of the change's id (``Section II.B`` for ``Replacement.B.3``)."""
    paths = [p for p in (_marker_path(i) for i in (ch.edit.new_id, ch.edit.old_id)) if p]
    if not paths:
        return None
    for said, tails in _locators(clause):
        for path in paths:
            if any(t and path[: len(t)] == t for t in tails):
                return Match("criterion", (said,), (ch.edit.new_id or ch.edit.old_id or "",))
    return None


@functools.lru_cache(maxsize=4096)
def _locators(clause: str) -> tuple[tuple[str, tuple[list[str], ...]], ...]:
    """The places a clause names (:data:`LOCATOR_RE`), each as written with the marker paths it may mean, in order:
    each path read whole and, after a section's numeral (``II.B``), without it."""
    out = []
    for m in LOCATOR_RE.finditer(clause):
        for loc in re.split(r"\s*(?:,|&|\band\b)\s*", _LOCATOR_WORD.sub("", m.group(0))):
            parts = [p.lower() for p in loc.split(".") if p]
            tails = (parts, parts[1:]) if len(parts) >= 2 and re.fullmatch(r"[IVX]+", loc.split(".")[0]) else (parts,)
            out.append((m.group(0), tails))
    return tuple(out)


def _quantifier(text: str) -> tuple[Connective | None, int | None]:
    """How a list's items combine, read from its lead-in; both and all are one rule (every item)."""
    r = read_connective(text)
    return (Connective.ALL if r.connective is Connective.BOTH else r.connective), r.at_least


def _named_connective(ch: _Change, clause: str) -> Match | None:
    """A list whose lead-in changed how its items combine (``both of`` → ``one of``) and a clause saying it was
    changed *from* the old quantifier *to* the new one: the clause names what changed, not only its words."""
    e = ch.edit
    m = _CONNECTIVE_CHANGE_RE.search(clause)
    if m is None or e.kind.is_row or not e.kind.is_update or e.old_text is None or e.new_text is None:
        return None
    old, new = _quantifier(e.old_text), _quantifier(e.new_text)
    if old[0] is None or new[0] is None or old == new:
        return None
    word = {"each": "all"}  # (read as a lead-in would be: "each of the following" is every item)
    said = tuple(_quantifier(f"{word.get(q.lower(), q)} of the following") for q in (m["src"], m["dst"]))
    if said != (old, new):
        return None  # another direction, another count: another change
    return Match("connective", (m.group(0),), (f"{_connective_name(old)} → {_connective_name(new)}",))


def _connective_name(q: tuple[Connective | None, int | None]) -> str:
    return f"at least {q[1]}" if q[1] is not None else str(q[0])


def _title_of(name: str, ch: _Change) -> frozenset[str]:
    """The title words of the set ``name`` the change sits in."""
    return next((title for n, title in zip(ch.set_names, ch.sets, strict=True) if n == name), frozenset())


def _set_scope(ch: _Change, cl: _ClaimTerms) -> str | None:
    """Why a clause about other criteria sets cannot explain this change (``None``: it may)."""
    if not cl.sets or not ch.sets or not any(ch.sets):
        return None
    if any(title == mine for title in cl.sets for mine in ch.sets):
        return None
    if any(_names_set(ch.text_words, title) for title in cl.sets):
        return None  # the change itself names the set the clause is about ("For AD, …" in section II)
    return f"wrong set: the clause is about {' / '.join(cl.set_names)}, the change is in {ch.set_names[-1]}"


def _parts(clause: str) -> list[str]:
    """A clause's parts: one per edit it joins with "and" (each after the first keeps the clause's scope)."""
    pieces = _PART_SPLIT.split(clause)
    if len(pieces) == 1:
        return pieces
    scope = _SCOPE_PREFIX.match(pieces[0])
    prefix = scope.group(0) if scope else ""
    return [pieces[0], *(prefix + p for p in pieces[1:])]


# a clause whose subject the clause before it said ("VenaSeal closure now considered medically necessary; removed
# from the not medically necessary list"): a verb of an edit, then where to or from
_ELIDED_RE = lazy(
    r"^\s*(?:(?P<out>remov|delet|eliminat|drop|omit)\w*|(?P<in>add)\w*|(?P<move>mov|relocat|transferr)\w*)"
    r"\s+(?:from|to|into|under|in)\b",
    re.I,
)
# where the subject of a clause ends: "VenaSeal closure | now considered …", "Drug X | was moved …"
_SUBJECT_END_RE = lazy(rf"\s+(?:now|is|are|was|were|has|have|had|will|considered|deemed|{_EDIT_VERB})\b|[,:(]", re.I)
_OBJECT_RE = lazy(rf"^\s*{_EDIT_VERB}\s+(?P<what>.+?)(?:\s+(?:to|from|in|into|as|under|for)\b|$)", re.I)


def _subject(clause: str) -> str:
    """What a clause is about: its object after an edit verb (``added X to …``), else the words before its verb."""
    m = _OBJECT_RE.match(clause)
    if m is not None:
        return m.group("what")
    return _SUBJECT_END_RE.split(clause, maxsplit=1)[0]


def _elided(clause: str, before: str | None) -> tuple[str, EditKind] | None:
    """A clause with no subject of its own (``removed from the not medically necessary list``) read with the subject
    of the clause before it in the same entry, and the kind of edit it says (a removal is a deletion)."""
    m = _ELIDED_RE.match(clause)
    if m is None or not before:
        return None
    subject = _subject(before).strip()
    if not subject or _ELIDED_RE.match(before):
        return None
    kind = EditKind.DELETE if m.group("out") else EditKind.INSERT if m.group("in") else EditKind.MOVE
    return f"{subject} {clause}", kind


def _judge_parts(
    ch: _Change, parts: Sequence[tuple[str, _ClaimTerms, EditKind | None]], *, replaced: bool = False
) -> _Verdict:
    """The verdict of a clause: of the whole and of each of its parts (``_parts``), the one that explains the
    change best — a number of one part does not rule the clause out for the other part's change.  A part read with
    the subject the clause before it said (``kind`` set) speaks only of an edit of that kind."""
    verdicts = []
    for text, ct, kind in parts:
        v = _judge(ch, text, ct, replaced=replaced)
        agrees = {
            EditKind.DELETE: ch.edit.kind.is_delete,
            EditKind.INSERT: ch.edit.kind.is_insert,
            EditKind.MOVE: ch.edit.kind is EditKind.MOVE,
        }
        if kind is not None and v.ruled_out is None and not agrees.get(kind, False):
            v = replace(v, ruled_out=f"wrong kind: the clause says of the subject before it: {kind.value}")
        verdicts.append(v)
    return max(verdicts, key=lambda v: (v.ruled_out is None, v.score))


def _unit_found(unit: str, text: str) -> bool:
    u = _UNIT_NAMES.get(unit.lower(), unit.lower().rstrip("s"))
    if u == "%":
        return "%" in text or "percent" in text.lower()
    return re.search(rf"(?<![a-z]){re.escape(u)}", text.lower()) is not None


def _foreign_numbers(clause: str, e: Edit) -> dict[str, str]:
    """The clause's numbers said with a unit the change does not have ("to 3%" for a trial of months), each with
    its unit: they measure something else, so they are neither evidence for the change nor agree with it."""
    text = " ".join(filter(None, (e.key, e.old_text, e.new_text, *e.content)))
    foreign: dict[str, str] = {}
    fitting: set[str] = set()
    for n, unit in _numbers_with_units(clause):
        if _unit_found(unit, text):
            fitting.add(n)
        else:
            foreign.setdefault(n, unit)
    return {n: u for n, u in foreign.items() if n not in fitting}


@functools.lru_cache(maxsize=4096)  # (a clause is judged against every change of its step)
def _numbers_with_units(clause: str) -> tuple[tuple[str, str], ...]:
    """The numbers a clause says with a unit (:data:`_NUMBER_UNIT_RE`), each with its unit, in order."""
    return tuple((m.group(1).replace(",", ""), m.group(2)) for m in _NUMBER_UNIT_RE.finditer(clause))


def _new_value_contradicted(clause: str, e: Edit) -> str | None:
    """A clause saying a value was changed *to* N, for a change whose old value is N and new value is not: the
    clause's N is another change's new value (``lowered the BSA threshold to 3%`` for a trial of 3 → 4 months)."""
    if not e.redline:
        return None
    said = {m.group(1).replace(",", "") for m in _NEW_VALUE_RE.finditer(clause)}
    old = numbers(" ".join(t for op, t in e.redline if op == "-"))
    new = numbers(" ".join(t for op, t in e.redline if op == "+"))
    if not said or not new or not said & old or said & new:
        return None
    return (
        f"wrong number: the clause says the new value is {', '.join(sorted(said))}, "
        f"the change is {' → '.join(_numbers_of(e))}"
    )


def _other_measure(ch: _Change, clause: str, cl: _ClaimTerms) -> str | None:
    """A clause raising or lowering a measure it names by abbreviation (``lowered BSA threshold``, spelled out
    from Appendix A) for a change whose text and set say nothing of it."""
    said = ch.text_words.union(*ch.sets)
    for m in _MEASURE_RE.finditer(clause):
        measure = {t for t, ws in cl.words.items() if m.group(1) in ws and ":" not in t and weight(t) == 1}
        if measure and not measure & said:
            return f"wrong measure: the clause is about {m.group(1)}, the change does not mention it"
    return None


def _judge(ch: _Change, clause: str, cl: _ClaimTerms, *, replaced: bool = False) -> _Verdict:
    """How much evidence the clause gives for the change, and why it cannot explain it (``replaced``: a deleted
    criterion whose parent gained an insert in the same step — the two may be one value change)."""
    e = ch.edit
    units = _foreign_numbers(clause, e)
    ct = cl.found - {"num:" + n for n in units}
    shared = set(ch.found & ct)
    # (the set the clause is about is where, not what — but a set's own title is what its retitle changed, and a row
    # keyed by the set's name, ``UC`` of the dosing table, is that set's row)
    if e.node is not NodeKind.SET and not (ch.key_names and ch.key_names <= frozenset().union(*cl.sets)):
        shared -= cl.scope
    # an appendix the change only mentions is a word of it, not where it is
    mention = {"appendix:" + a for a in ch.mentioned_appendices} & ct - shared
    score = sum(weight(t) for t in shared) + len(mention)
    evidence = sorted(shared | mention, key=lambda t: (-weight(t), t))
    evidence = [t for t in evidence if weight(t) > 0 or t in mention]
    matches = tuple(
        Match(t, tuple(sorted(cl.words.get(t, ()))), tuple(sorted(ch.words.get(t, ())) or (f"mentions {t[9:]}",)))
        if t in ch.words
        else Match(t, tuple(sorted(cl.words.get(t, ()))), (f"mentions Appendix {t[9:]}",))
        for t in evidence
    )
    in_scope = [n for n, title in zip(ch.set_names, ch.sets, strict=True) if title and title in cl.sets]
    if in_scope and score >= 1 and ch.edit.node is not NodeKind.SET:
        # the clause names the set the change sits in and a word of what changed: the set and the change
        said = tuple(sorted({w for t in _title_of(in_scope[0], ch) for w in cl.words.get(t, ())}))
        matches = (*matches, Match("set", said, (in_scope[0],)))
        score += 1
        evidence.append("set")
    whole = (
        _named_key(ch, clause)
        or _named_whole(ch, clause, cl)
        or _named_item(ch, clause, cl)
        or _named_section(ch, clause)
        or _named_additions(ch, clause, cl)
    )
    if whole is not None:
        # what the clause says was added / removed is all the change is: a drug's row of the alternatives, the
        # drug added to a list ("added cyclosporine to examples of …") — as specific as a drug's name
        matches = (*matches, whole)
        score += 2
        evidence.append(whole.term)
    quantity = _named_quantity(ch, clause)
    if quantity is not None:
        # what the number measures and its new value with its unit: as much as a word of the sentence
        matches, score = (*matches, quantity), score + 1
        evidence.append(quantity.term)
    everything = _all_dosing(ch, clause)
    if everything is not None:
        matches, score = (*matches, everything), score + 2
        evidence.append(everything.term)
    connective = _named_connective(ch, clause)
    if connective is not None:
        # the quantifiers of both sides are all a connective change is: as specific as a drug's name
        matches, score = (*matches, connective), score + 2
        evidence.append(connective.term)
    moved = _named_move(ch, clause)
    if moved is not None:
        # where it went is half of what a move changed: with a word of what moved, the clause names the move
        matches, score = (*matches, moved), score + 1
        evidence.append(moved.term)
    removal, about_definition, verb = _clause_marks(clause)
    if (
        removal is not None
        and e.kind.is_delete
        and not e.kind.is_row
        and any(weight(t) == 1 and ":" not in t for t in shared)
    ):
        # a clause saying something was taken out and a criterion deleted that holds a word of what it names
        # (``Removed requirement for trial of topical therapy`` for ``… to at least one topical therapy``): the kind
        # of edit agrees, as much as a word
        matches = (*matches, Match("removed", (removal,), ("deleted",)))
        score += 1
        evidence.append("removed")
    place = _named_place(ch, clause)
    if place is not None:
        # the criterion named by its place: as much as naming its set
        matches, score = (*matches, place), score + 1
        evidence.append(place.term)
    why: str | None = None
    claim_states = {t for t in ct if t.startswith("state:")}
    claim_sections = {t[8:] for t in ct if t.startswith("section:")}
    # (the count of a connective change the clause names is that change's quantifier, not a value)
    counts = {*numbers(connective.clause[0]), *number_words(connective.clause[0])} if connective else set()
    claim_numbers = {t[4:] for t in cl.found if t.startswith("num:")} - counts
    agreeing = {t[4:] for t in ct if t.startswith("num:")} - counts  # (a number of another unit does not agree)
    claim_lobs = {t for t in ct if t.startswith("lob:")}
    claim_appendices = {t[9:] for t in ct if t.startswith("appendix:")}
    language = "wording" in ct and ch.appendix is not None and f"appendix:{ch.appendix}" in ct
    if ch.wording_only and language:
        pass  # "updated Appendix E with revised language": every reworded row of it
    elif e.kind.is_row and e.node in _KEYED_ROWS and not _key_named(ch, ct, clause):
        named = f" (it names {', '.join(sorted(t.split(':')[1] for t in claim_states))})" if claim_states else ""
        why = f"the clause does not name the row's key {e.key}{named}"
    elif claim_states and ch.states and not claim_states & ch.states:
        why = (
            f"wrong state: the clause names {', '.join(sorted(t[6:] for t in claim_states))}, "
            f"the change is about {', '.join(sorted(t[6:] for t in ch.states))}"
        )
    if why is None and claim_appendices and ch.appendix and ch.appendix not in claim_appendices:
        why = (
            f"wrong appendix: the clause is about Appendix {'/'.join(sorted(claim_appendices))}, "
            f"the change is in Appendix {ch.appendix}"
        )
    if why is None and claim_sections and ch.section and ch.section not in claim_sections:
        named = "/".join(sorted(claim_sections))
        why = f"wrong section: the clause is about section {named}, the change is in {ch.section}"
    if why is None:
        why = _set_scope(ch, cl)
    if why is None:
        why = _quote_missed(clause, cl.quoted, e)
    if why is None and about_definition and not _defines(e):
        # (``Clarified definition of medically supervised weight loss program``: the definition, never a criterion
        # that uses the term)
        why = "the clause is about a definition, the change defines no term"
    if why is None and e.kind.is_delete and not e.kind.is_row and not replaced and verb and not removal:
        why = f"wrong kind: the clause says a value was {verb.lower()}, the change deletes the criterion"
    pool = ch.changed_numbers or ch.all_numbers  # (the numbers a clause's numbers must agree with)
    other_unit = sorted(n for n in units if n in pool)
    if why is None and other_unit and not agreeing & pool:
        with_unit = ", ".join(f"{n}{'' if units[n] == '%' else ' '}{units[n]}" for n in other_unit)
        why = f"wrong number: the clause says {with_unit}, a unit the change does not have"
    elif why is None and claim_numbers and ch.changed_numbers and not agreeing & ch.changed_numbers:
        why = (
            f"wrong number: the clause says {', '.join(sorted(claim_numbers))}, "
            f"the change is {' → '.join(_numbers_of(e))}"
        )
    elif why is None and claim_numbers and not ch.changed_numbers and not agreeing & ch.all_numbers:
        why = f"wrong number: the clause says {', '.join(sorted(claim_numbers))}, the change has none of them"
    by_rule = any(m is not None for m in (whole, everything, connective, moved))  # (named by a rule of its own)
    if (
        why is None
        and ch.measure is not None
        and not by_rule
        and not agreeing & ch.changed_numbers
        and not ch.measure & ct
    ):
        # a number of an unchanged sentence: the clause names the number or what it counts, not only the topic
        # every sentence of the policy shares ("add coverage of long-term CGM for type 2 diabetes" for "at least
        # 2 → 1 level 2 hypoglycemic events")
        why = f"the clause names neither the new value nor what it counts ({' → '.join(_numbers_of(e))})"
    if why is None:
        why = _new_value_contradicted(clause, e)
    if why is None:
        why = _other_measure(ch, clause, cl)
    if why is None and claim_lobs and ch.lobs and not claim_lobs & ch.lobs:
        why = (
            f"wrong line of business: the clause names {', '.join(sorted(t[4:] for t in claim_lobs))}, "
            f"the change is for {', '.join(sorted(t[4:] for t in ch.lobs))}"
        )
    return _Verdict(score, tuple(evidence), why, tuple(matches))


@functools.lru_cache(maxsize=4096)  # (a clause is judged against every change of its step)
def _clause_marks(clause: str) -> tuple[str | None, bool, str | None]:
    """What a clause says of the kind of its change: the words saying something was removed
    (:data:`_REMOVAL_RE`), whether it is about a definition, the verb saying a value changed (``raised``)."""
    removal, verb = _REMOVAL_RE.search(clause), _VALUE_CHANGE_RE.search(clause)
    return (
        removal.group(0) if removal else None,
        _ABOUT_DEFINITION.search(clause) is not None,
        verb.group(1) if verb else None,
    )


def _numbers_of(e: Edit) -> list[str]:
    old = " ".join(t for op, t in e.redline if op == "-")
    new = " ".join(t for op, t in e.redline if op == "+")
    if not e.redline:
        return [", ".join(sorted(numbers(_changed_text(e))))]
    return [", ".join(sorted(numbers(old))) or "—", ", ".join(sorted(numbers(new))) or "—"]


def _sibling_parent(node_id: str | None) -> str | None:
    """The list a node sits in (``Policy.c1.1.b`` → ``Policy.c1.1``)."""
    return node_id.rpartition(".")[0] or None if node_id and "." in node_id else None


def _connective_of(e: Edit, other: Edit) -> bool:
    """``e`` only gains or loses a list item's trailing connective, and ``other`` inserts / deletes an item of
    the same list: the connective is part of that insertion / deletion."""
    if not e.kind.is_update or e.old_text is None or e.new_text is None or e.old_text == e.new_text:
        return False
    if _TRAILING_CONNECTIVE.sub("", e.old_text) != _TRAILING_CONNECTIVE.sub("", e.new_text):
        return False
    if other.kind.is_insert:
        return _sibling_parent(other.new_id) == _sibling_parent(e.new_id) is not None
    if other.kind.is_delete:
        return _sibling_parent(other.old_id) == _sibling_parent(e.old_id) is not None
    return False


# a header's review date of any template, read as a line of its own (``Next Review Date: 08/2026``, ``Last Reviewed:
# 02/19/2026``, ``Date of Last Review: Feb 2026``): only its date changes — not the policy's origin, and not a line
# that says more than the date (``Revised: 8/25 (…)`` is a log)
_REVIEW_DATE_LINE = lazy(
    r"(?:(?:next|last|annual|scheduled)\s+)*(?:review(?:ed)?|revised|revision|updated|effective)(?:\s+date)?"
    r"|date\s+of\s+(?:next\s+|last\s+)?(?:review|revision)",
    re.I,
)
_LABELLED_DATE = lazy(
    r"\s*(?P<label>[A-Za-z ]{4,80}?)\s*:?\s*(?P<date>\d{1,4}(?:[./-]\d{1,4}){1,2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4})\s*"
)


# (the label's last words say the date: "Approved by BCBSVT Medical Directors Date Approved", "Next Scheduled Review";
# never the policy's origin)
_APPROVAL_LABEL = lazy(r"(?:date\s+approved|approv(?:ed|al)(?:\s+date)?)", re.I)


def _date_label(label: str) -> bool:
    words = label.strip()
    if re.search(r"\borigin", words, re.I):
        return False
    return bool(_REVIEW_DATE_LINE.fullmatch(words)) or any(
        re.search(rf"(?:^|\s)(?:{rx.pattern})$", words, re.I) for rx in (_REVIEW_DATE_LINE, _APPROVAL_LABEL)
    )


def _review_date_line(e: Edit) -> bool:
    """An update of a line that is a review or approval date's label and its date, the label kept (the header field
    of a template the reader keeps as a paragraph, ``Date Approved: 11/19/2025``), or such a line alone inserted or
    deleted (``Next Review: 11/2026``, read in the head's fields in one version and below them in the other):
    administrative, as the header's review dates are."""
    if e.kind.is_update and e.old_text is not None and e.new_text is not None:
        old, new = _LABELLED_DATE.fullmatch(_no_iso(e.old_text)), _LABELLED_DATE.fullmatch(_no_iso(e.new_text))
        return bool(
            old and new and old.group("label").lower() == new.group("label").lower() and _date_label(old.group("label"))
        )
    text = e.new_text if e.kind.is_insert else e.old_text if e.kind.is_delete else None
    line = _LABELLED_DATE.fullmatch(_no_iso(text)) if text and not e.content else None
    return bool(line and _date_label(line.group("label")))


# the ISO form the reader adds after a header extra's date (``Next Review: 01/2026 (2026-01)``): not the document's
_ISO_TAIL = lazy(r"\s*\(\d{4}-\d{2}(?:-\d{2})?\)\s*$")


def _no_iso(text: str) -> str:
    """The line as the document gives it, without the ISO form the reader adds to a header extra's date."""
    return _ISO_TAIL.sub("", text)


# a document's own version number, its label kept (``Version: 2025.1``, ``Policy Version 3.0``, ``Document Version No.
# 12``): like the review dates, the version's own metadata, which no log entry documents
_VERSION_LINE = lazy(
    r"\s*(?P<label>(?:(?:document|policy|guideline|criteria)\s+)?version(?:\s+(?:number|no\.?|#))?)\s*[:#]?\s*"
    r"(?P<value>v?\d{1,4}(?:\.\d{1,4}){0,3})\s*",
    re.I,
)


def _version_line(e: Edit) -> bool:
    """An update of a line that is only the document's version number under its label, the label kept
    (``Version: 2025.1 → 2026.1``): administrative, as the header's review dates are."""
    if not e.kind.is_update or e.old_text is None or e.new_text is None or e.content:
        return False
    old, new = _VERSION_LINE.fullmatch(e.old_text), _VERSION_LINE.fullmatch(e.new_text)
    return bool(old and new) and _label_words(old) == _label_words(new)


def _label_words(m: re.Match[str] | None) -> str:
    return " ".join(m.group("label").lower().split()) if m else ""


def _read_into_log(e: Edit, old: Policy, new: Policy) -> bool:
    """A paragraph inserted that the old version's reading ran into a revision-log row (``… labeling. Eligible
    providers: …`` in one copy, its own paragraph after the log in the other) — or deleted, the new one's: the same
    text, read in another place, no change."""
    if e.node is not NodeKind.PARAGRAPH or e.content or not (e.kind.is_insert or e.kind.is_delete):
        return False
    text, other = (e.new_text, old) if e.kind.is_insert else (e.old_text, new)
    said = " ".join(_QUOTE_WORD.findall((text or "").lower()))
    return len(said.split()) >= 4 and any(
        said in " ".join(_QUOTE_WORD.findall(r.description.lower())) for r in other.revision_log
    )


def _title_line(e: Edit, old: Policy, new: Policy) -> bool:
    """A heading or paragraph of the head that says only the policy's title, or words of it (``Corporate Medical
    Policy`` under it, a running title line above it), as one copy or reader gives its head: no criterion."""
    if e.node not in (NodeKind.HEADING, NodeKind.PARAGRAPH) or (e.content and e.node is not NodeKind.HEADING):
        return False
    if not any(
        i and (i == "front" or i.startswith("front.") or i == _first_heading(p)) for i, p in _sides(e, old, new)
    ):
        return False  # (the head only: a heading of the body that shares the title's words is the body's)
    title = frozenset(_QUOTE_WORD.findall(f"{old.header.title} {new.header.title}".lower()))
    # (a heading of the head inserted or deleted with its lines: each of them the title or words of it)
    said = [frozenset(_QUOTE_WORD.findall(t.lower())) for t in (e.old_text, e.new_text, *e.content) if t]
    return bool(title) and bool(said) and all(w <= title for w in said)


def _fields_line(e: Edit, old: Policy, new: Policy) -> bool:
    """A line of the head's fields read as a heading or paragraph in one copy (``Guideline SLP-02 | Effective Date:
    March 22, 2025``): each of its parts the identifier or a date's label and its date — no criterion."""
    if e.node not in (NodeKind.HEADING, NodeKind.PARAGRAPH) or e.content or e.kind.is_update:
        return False
    refs = {r for r in (old.header.reference_number, new.header.reference_number) if r}
    title = frozenset(_QUOTE_WORD.findall(f"{old.header.title} {new.header.title}".lower())) | _ID_LABEL_WORDS
    parts = [p.strip() for p in re.split(r"[|;]", (e.new_text or e.old_text or "")) if p.strip()]

    def names_it(part: str) -> bool:  # (the identifier with its label, or the title: ``LCD - <title> (L39242)``)
        ref = next((r for r in refs if r in part), None)
        return ref is not None and frozenset(_QUOTE_WORD.findall(part.replace(ref, " ").lower())) <= title

    return bool(parts) and all(
        names_it(p) or ((m := _LABELLED_DATE.fullmatch(p)) is not None and _date_label(m.group("label"))) for p in parts
    )


def _reread_headings(changes: Sequence[Edit]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The lines one copy reads as a heading and the other as a paragraph (``LCD Information``, a heading deleted and
    a paragraph of the same words inserted, or the other way round): their texts, the old headings' ids and the new
    ones'."""

    def said(e: Edit) -> str:
        return " ".join(_QUOTE_WORD.findall((e.new_text or e.old_text or "").lower()))

    gone = {said(e): e for e in changes if e.kind.is_delete and e.node in (NodeKind.HEADING, NodeKind.PARAGRAPH)}
    came = {said(e): e for e in changes if e.kind.is_insert and e.node in (NodeKind.HEADING, NodeKind.PARAGRAPH)}
    texts = {t for t in gone.keys() & came.keys() if t and gone[t].node is not came[t].node}
    old_heads = frozenset(gone[t].old_id or "" for t in texts if gone[t].node is NodeKind.HEADING)
    new_heads = frozenset(came[t].new_id or "" for t in texts if came[t].node is NodeKind.HEADING)
    return frozenset(texts), old_heads, new_heads


def _reread(e: Edit, reread: tuple[frozenset[str], frozenset[str], frozenset[str]]) -> bool:
    """A line read as a heading in one copy and a paragraph in the other, or a paragraph moved, its words kept, only
    because its heading was so read: the same text, no change."""
    texts, old_heads, new_heads = reread
    if not texts or e.node not in (NodeKind.HEADING, NodeKind.PARAGRAPH):
        return False
    said = " ".join(_QUOTE_WORD.findall((e.new_text or e.old_text or "").lower()))
    if (e.kind.is_insert or e.kind.is_delete) and said in texts:
        return True
    if e.kind is not EditKind.MOVE or e.old_text != e.new_text:
        return False
    return any((i or "").rpartition(".")[0] in heads for i, heads in ((e.old_id, old_heads), (e.new_id, new_heads)))


# the words a head writes with its identifier: its label or its kind of document
_ID_LABEL_WORDS = frozenset(
    [
        "policy",
        "number",
        "no",
        "id",
        "reference",
        "guideline",
        "medical",
        "clinical",
        "lcd",
        "ncd",
        "article",
        "code",
        "file",
        "document",
    ]
)


def _sides(e: Edit, old: Policy, new: Policy) -> tuple[tuple[str | None, Policy], tuple[str | None, Policy]]:
    return ((e.old_id, old), (e.new_id, new))


def _first_heading(policy: Policy) -> str | None:
    """The id of the policy's first heading of the body (the head's, in a copy that sets its title's lines as one)."""
    tree = build_tree(policy)
    return next((i for i, k in zip(tree.ids, tree.kinds, strict=True) if k is NodeKind.HEADING and i != "front"), None)


def _title_only_grew(e: Edit) -> bool:
    """The header's title, one version's words all in the other's (``<title>`` → ``<title> Corporate Medical
    Policy``): the same policy named, as a reader or a copy gave its head — no criterion."""
    if e.node is not NodeKind.FIELD or e.new_id != "header.title" or not e.kind.is_update:
        return False
    old, new = (frozenset(_QUOTE_WORD.findall((t or "").lower())) for t in (e.old_text, e.new_text))
    return bool(old and new and (old <= new or new <= old))


def _title_reread(e: Edit, old: Policy, new: Policy) -> bool:
    """The header's title taken from another line in one copy (a copy whose title line a reader could not take —
    ``Medical Coverage Policy<TAB>Spinal Cord Stimulation`` read as a table's header — gives the next heading,
    ``MEDICAL CRITERIA``, or the plan's name line): one version's title is, word for word, a heading or paragraph
    the other version holds as a line of its own.  The same lines in both copies, another one read as the title:
    a reading difference, no retitle (a policy retitled holds neither title as a line of the other)."""
    if e.node is not NodeKind.FIELD or e.new_id != "header.title" or not e.kind.is_update:
        return False

    def words(text: str | None) -> tuple[str, ...]:
        return tuple(_QUOTE_WORD.findall((text or "").lower()))

    def holds(policy: Policy, title: tuple[str, ...]) -> bool:
        tree = build_tree(policy)
        return any(
            k in (NodeKind.HEADING, NodeKind.PARAGRAPH) and not i.startswith("header.") and words(t) == title
            for i, k, t in zip(tree.ids, tree.kinds, tree.texts, strict=True)
        )

    before, after = words(e.old_text), words(e.new_text)
    return bool(before and after) and (holds(old, after) or holds(new, before))


# the words of a revision log's heading and its columns' names (``Reviews, Revisions, and Approvals``, ``Revision``
# / ``Date``, ``Approval Date``, ``Policy History``): the log's own lines, never the policy's text
_LOG_HEAD_WORDS = frozenset(
    [
        "reviews",
        "review",
        "revisions",
        "revision",
        "and",
        "approvals",
        "approval",
        "date",
        "dates",
        "history",
        "policy",
        "log",
        "summary",
        "of",
        "changes",
    ]
)
_LOG_HEAD_MARKS = frozenset(["reviews", "review", "revisions", "revision", "approvals", "approval", "history"])


def _log_head_line(e: Edit) -> bool:
    """A heading or paragraph inserted or deleted with nothing under it that is only the revision log's heading or a
    name of its columns (``Reviews, Revisions, and Approvals``; ``Revision``, the first line of a ``Revision Date``
    column's name a print set above the heading): one copy's reader took the log's table with its header, the other
    left that line in the body — the log is compared by its rows, the line is no change of the policy."""
    if e.node not in (NodeKind.HEADING, NodeKind.PARAGRAPH) or e.content or not (e.kind.is_insert or e.kind.is_delete):
        return False
    said = frozenset(_QUOTE_WORD.findall((e.new_text or e.old_text or "").lower()))
    return bool(said & _LOG_HEAD_MARKS) and said <= _LOG_HEAD_WORDS


# a code set's name alone in a cell (the next table's heading or its column's name, ``HCPCS``, ``CPT® Codes``)
_CODE_SET_CELL = lazy(r"(?:CPT|HCPCS|ICD-?10(?:-CM|-PCS)?)[®*]*(?:\s+(?:Codes?|Level\s+II))?", re.I)


def _code_set_cell(e: Edit) -> bool:
    """A code table's row whose only change is a last cell that is a code set's name (``… attachment | HCPCS``: the
    next table's name a reader ran into the row above it in one copy): the row's code and words unchanged."""
    if e.kind is not EditKind.ROW_UPDATE or e.old_text is None or e.new_text is None:
        return False
    short, long = sorted((e.old_text, e.new_text), key=len)
    head, bar, cell = long.rpartition("|")
    return bool(bar) and head.strip() == short.strip() and _CODE_SET_CELL.fullmatch(cell.strip()) is not None


def _relevelled_headings(changes: Sequence[Edit]) -> set[int]:
    """Headings deleted in one place and inserted, the same words, in another (``Positive Airway Pressure (PAP)
    Devices`` a section of its own in one copy, a subsection of the section above it in the other: the producers'
    heading levels read differently): the same heading, no change of the policy — what sits under it is compared on
    its own."""

    def words(e: Edit) -> tuple[str, ...]:
        return tuple(_QUOTE_WORD.findall((e.new_text or e.old_text or "").lower()))

    gone: dict[tuple[str, ...], list[int]] = {}
    came: dict[tuple[str, ...], list[int]] = {}
    for k, e in enumerate(changes):
        if (
            e.node is NodeKind.HEADING and not e.content and (w := words(e))
        ):  # (a heading alone: never a section's text)
            if e.kind.is_delete:
                gone.setdefault(w, []).append(k)
            elif e.kind.is_insert:
                came.setdefault(w, []).append(k)
    out: set[int] = set()
    for w, ks in gone.items():
        if len(ks) == 1 and len(came.get(w, ())) == 1:
            out |= {ks[0], came[w][0]}
    return out


def _repaired(changes: Sequence[Edit]) -> set[int]:
    """A node inserted with, word for word, the old words of its neighbour under the same parent that the diff paired
    with another new node (``B.2`` inserted as the old ``B.2``'s words, ``B.2`` → ``B.3`` updated to the item added):
    the two copies nested an item below differently, so the diff paired the old item with the one after it; the
    insert is the old item kept, the update the real change, judged as usual.  Likewise a node deleted with the words
    an update of its neighbour took."""

    def words(text: str | None) -> tuple[str, ...]:
        return tuple(_QUOTE_WORD.findall((text or "").lower()))

    def up(node_id: str | None) -> str | None:  # (the parent's id: a node's id less its last part)
        return node_id.rpartition(".")[0] or None if node_id else None

    updates = [e for e in changes if e.kind is EditKind.UPDATE and words(e.old_text) != words(e.new_text)]
    out: set[int] = set()
    for k, e in enumerate(changes):
        if e.content or e.kind not in (EditKind.INSERT, EditKind.DELETE):
            continue
        if e.kind is EditKind.INSERT:
            said, parent = words(e.new_text), up(e.new_id)
            if said and any(up(u.new_id) == parent and words(u.old_text) == said for u in updates):
                out.add(k)
        else:
            said, parent = words(e.old_text), up(e.old_id)
            if said and any(up(u.old_id) == parent and words(u.new_text) == said for u in updates):
                out.add(k)
    return out


# a web page's footer or a print's legal line: what the site around a policy says, never the policy
_FURNITURE = lazy(
    r"privacy\s+(?:policy|notice|practices)|terms\s+(?:of\s+use|and\s+conditions)|all\s+rights\s+reserved"
    r"|copyright|©|language\s+assistance|non-?discrimination(?:\s+notice)?|accessibility|site\s*map|contact\s+us"
    # (a site's menu at the page's head: "Find Care | Member Login")
    r"|find\s+(?:care|a\s+doctor|a\s+provider|a\s+pharmacy)|(?:member|provider|employer|broker)\s+log\s*-?\s*in"
    r"|log\s*-?\s*in|sign\s+in",
    re.I,
)
# a site's breadcrumb: a few short names joined by ">" ("Medical Policies > Surgery")
_BREADCRUMB = lazy(r"[^\W\d][\w&,'’ -]{0,40}(?:\s+[>›»]\s+[^\W\d][\w&,'’ -]{0,40}){1,5}")


def _furniture(e: Edit) -> bool:
    """A paragraph inserted or deleted outside the criteria that is a site's footer (``Home State Health · <address>
    Privacy Policy · Terms of Use · Language Assistance``) or menu (``<plan> | Find Care | Member Login``): two or
    more of their marks — or a breadcrumb (``Medical Policies > Surgery``) —, as one copy of a web page keeps it and
    another drops it: no change of the policy."""
    if e.node is not NodeKind.PARAGRAPH or e.content or not (e.kind.is_insert or e.kind.is_delete):
        return False
    if (e.new_id or e.old_id or "").split(".")[0] in _CRITERIA_SECTIONS:
        return False
    text = " ".join((e.new_text or e.old_text or "").split())
    marks = {m.group(0).lower().split()[0] for m in _FURNITURE.finditer(text)}
    return len(marks) >= 2 or (_BREADCRUMB.fullmatch(text) is not None and len(text.split()) <= 12)


# a print's or a copy's own date and its page count (``Printed on 08/19/2026. Page 6 of 6.``): the copy's footer
_PRINT_MARK = lazy(
    r"\b(?:printed|retrieved|accessed|downloaded|generated|exported|viewed)(?:\s+(?:on|at))?\s*:?\s*"
    r"(?:\d{1,4}(?:[./-]\d{1,4}){2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?"
    r"|\bpage\s+\d+\s+of\s+\d+",
    re.I,
)
# the site's copyright year beside it, which a later copy moves on with the print date (``© 2025`` → ``© 2026``)
_COPYRIGHT_YEAR = lazy(r"(?:©|\(c\)|\bcopyright)\s*(?:©\s*)?(?:\d{4}\s*[-–]\s*)?\d{4}\b", re.I)


def _print_line(e: Edit) -> bool:
    """A paragraph outside the criteria that says only when a copy was printed (or retrieved) and its page count
    (``Printed on 03/14/2025. Page 6 of 6.`` → ``08/19/2026``), or one whose only change is such a footer run onto
    its end, the site's copyright year beside it moving on too (``© 2025 <plan> Printed on 12/01/2025`` → ``© 2026
    <plan> Printed on 12/02/2026``): the copy's, never the policy's."""
    if e.node is not NodeKind.PARAGRAPH or e.content:
        return False
    if (e.new_id or e.old_id or "").split(".")[0] in _CRITERIA_SECTIONS:
        return False
    texts = [t for t in (e.old_text, e.new_text) if t is not None]
    if texts and all(page_stamp(t) for t in texts):
        return True  # (a site's stamp of its page's last update: ``Public Versions: Updated On 12/11/2025``)
    if not texts or not all(_PRINT_MARK.search(t) for t in texts):
        return False
    kept = [" ".join(_COPYRIGHT_YEAR.sub(" ", _PRINT_MARK.sub(" ", t)).split()).strip(" .,;|-") for t in texts]
    return kept[0] == kept[-1] if e.kind.is_update else not kept[0]


def _copyright_year(e: Edit) -> bool:
    """A paragraph outside the criteria whose only change is the year of its copyright line (``© 2025 <plan>. All
    rights reserved.`` → ``© 2026 …``): the site's or the print's, never the policy's."""
    if (
        e.node is not NodeKind.PARAGRAPH
        or e.content
        or not e.kind.is_update
        or e.old_text is None
        or e.new_text is None
    ):
        return False
    if (e.new_id or e.old_id or "").split(".")[0] in _CRITERIA_SECTIONS:
        return False
    texts = (e.old_text, e.new_text)
    if not all(_COPYRIGHT_YEAR.search(t) for t in texts):
        return False
    kept = [" ".join(_COPYRIGHT_YEAR.sub(" ", t).split()) for t in texts]
    return kept[0] == kept[1]


# the names of a history table's columns besides the log's own words (``Date | Action``)
_LOG_COLUMN_WORDS = frozenset(["action", "actions", "description", "comments", "comment", "summary", "effective"])


def _log_read_as_text(e: Edit, old: Policy, new: Policy) -> bool:
    """A node inserted or deleted that is the revision log read as text in one copy (a history table read as a
    table of the body, its rows' cells run together: ``05/14/202505/09/2024 | Annual review. … New policy.``): it
    writes dates, and every other word of it is a word of the other version's log rows or of a log's column names —
    the log is compared by its rows, the copy's reading of it is no change of the policy."""
    if not (e.kind.is_insert or e.kind.is_delete) or e.node not in (NodeKind.TABLE, NodeKind.ROW, NodeKind.PARAGRAPH):
        return False
    text = " ".join(filter(None, (e.new_text if e.kind.is_insert else e.old_text, *e.content)))
    other = old if e.kind.is_insert else new
    if not other.revision_log or not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}", text):
        return False
    words = {w for w in _QUOTE_WORD.findall(text.lower()) if not w.isdigit()}
    logged = {w for r in other.revision_log for w in _QUOTE_WORD.findall(r.description.lower())}
    return len(words) >= 3 and words <= logged | _LOG_HEAD_WORDS | _LOG_COLUMN_WORDS


def _cosmetic(e: Edit) -> bool:
    if not e.kind.is_update or e.old_text is None or e.new_text is None:
        return False
    squash = re.compile(r"[\W_]+")
    return squash.sub("", e.old_text) == squash.sub("", e.new_text)


def _related(e: Edit, other: Edit) -> bool:
    return bool(
        (e.new_parent and e.new_parent == other.new_id)
        or (e.old_parent and e.old_parent == other.old_id)
        or (other.new_parent and other.new_parent == e.new_id)
        or (other.old_parent and other.old_parent == e.old_id)
        or _parent_id(e.new_id) == other.new_id is not None
        or _parent_id(other.new_id) == e.new_id is not None
        or _parent_id(e.old_id) == other.old_id is not None
        or _parent_id(other.old_id) == e.old_id is not None
    )


def _moved_tails(old: Policy, new: Policy) -> frozenset[str]:
    """The clauses an old row ends with that the new version's row of its date no longer has, that row's clauses
    otherwise the same: a line after the log (``This policy is supported by the … Committee.``) that the reader ran
    into each version's last row — in the new version, the new row — is no claim of the new row."""
    out: set[str] = set()
    for o in old.revision_log:
        was = [_plain_words(c.clause) for c in claims_of((o,))]
        for n in new.revision_log:
            if n.date != o.date or n.description == o.description:
                continue
            now = [_plain_words(c.clause) for c in claims_of((n,))]
            if len(now) < len(was) and was[: len(now)] == now:
                out.update(was[len(now) :])
    return frozenset(out)


_CARRIED_KINDS = frozenset({NodeKind.CRITERION, NodeKind.NOTE, NodeKind.BULLET})


def _carried(changes: Sequence[Edit], old_sets: dict[str, str], new_sets: dict[str, str]) -> dict[int, tuple[str, str]]:
    """A criterion taken out of one set and one put into another that share words of what they say (``Member is not
    pregnant …`` deleted from the test's criteria, ``Pregnancy, or members planning pregnancy`` inserted in the not
    medically necessary list): each may be half of a move reworded on the way — change index → the titles of the set
    it left and the set it joined, for a clause that says it was moved (:func:`_named_move`)."""

    def said(text: str | None) -> frozenset[str]:
        return frozenset(_content_stems(text or "")) - {stem(w) for w in GENERIC}

    out: dict[int, tuple[str, str]] = {}
    gone = [(k, e) for k, e in enumerate(changes) if e.kind is EditKind.DELETE and e.node in _CARRIED_KINDS]
    came = [(k, e) for k, e in enumerate(changes) if e.kind is EditKind.INSERT and e.node in _CARRIED_KINDS]
    for k, e in gone:
        for j, f in came:
            left, joined = _title_around(old_sets, e.old_id), _title_around(new_sets, f.new_id)
            if not left or not joined or left == joined or not said(e.old_text) & said(f.new_text):
                continue
            out.setdefault(k, (left, joined))
            out.setdefault(j, (left, joined))
    return out


def _parent_id(node_id: str | None) -> str | None:
    """The criterion or set a criterion / note / duration id sits under (``I.E.4.a`` → ``I.E.4``)."""
    if not node_id or node_id.split(".")[0] not in _CRITERIA_SECTIONS or node_id.count(".") < 2:
        return None
    head = node_id.rpartition(".")[0]
    return head[: -len(".duration")] if head.endswith(".duration") else head


def audit_pair(
    old_date: dt.date, old: Policy, new_date: dt.date, new: Policy, *, unread: tuple[str, ...] = ()
) -> PairAudit:
    """Audit one step of the history: two versions, each with its revision log, → the typed audit.

    A stable public function: ``audit``, ``blame``, the site, ``build``'s summary and ``check`` all take their
    ties, labels and findings from it, so they agree.  ``unread``: the regions of either version its reading could
    not read (stored with ``--recover``): the step is then one finding about the read — what that reading may have
    made (a change inserting, deleting or moving a node that no clause explains, and the claims left unbacked) is
    set aside, not reported change by change; an update of a node both versions hold is judged as usual.
    """
    script = diff(old, new)
    # a clause that is only the name of a heading of either version is a history's section label ("Coverage
    # Rationale" over the rows it groups): it names a place, it claims no change
    places = _heading_names(old, new)
    claims = tuple(c for c in claims_of(script.log_added) if _plain_words(c.clause) not in places)
    tails = _moved_tails(old, new)
    claims = tuple(c for c in claims if _plain_words(c.clause) not in tails)
    own = own_names(new.header.title, new.header.generic_name, new.header.brand_names) | own_names(
        old.header.title, old.header.generic_name, old.header.brand_names
    )
    expand = _Abbreviations.of(new, old)
    new_places, old_places = _Places.of(new), _Places.of(old)
    new_sets, old_sets = _all_set_titles(new), _all_set_titles(old)
    new_titles, old_titles = new_places.titles, old_places.titles
    titles = {t: frozenset(_title_words(t, own)) for t in (*new_titles.values(), *old_titles.values())}

    sentences = _sentence_grams(old, new) if claims else set()

    def read(text: str) -> _ClaimTerms:
        said_words = expand.words(text, own)
        plain = frozenset(t.removeprefix("drug:") for t in said_words)  # "somatropin" names a set's title too
        named = [t for t, tw in titles.items() if _names_set(plain, tw)]
        quoted = frozenset(_grams(text) & sentences)
        # (a scope that names a set, ``for SLE, …``: its words say where, so they never count as what changed — an
        # abbreviation of the set's name spelled out in a change's text, ``SLEDAI-2K``, is no evidence)
        scope: frozenset[str] = frozenset()
        if (lead := _SCOPE_PREFIX.match(text)) is not None and named:
            scope_words = frozenset(expand.words(lead.group(0), own))
            scope = frozenset(t for t in scope_words if any(t.removeprefix("drug:") in titles[n] for n in named))
        return _ClaimTerms(said_words, tuple(titles[t] for t in named), tuple(named), quoted, scope)

    claim_terms = [read(said.clause) for said in claims]
    # each clause judged whole and, when it joins several edits, part by part
    claim_parts: list[list[tuple[str, _ClaimTerms, EditKind | None]]] = [
        [(said.clause, whole, None), *((p, read(p), None) for p in parts if len(parts) > 1)]
        for said, whole, parts in ((c, ct, _parts(c.clause)) for c, ct in zip(claims, claim_terms, strict=True))
    ]
    for c in range(1, len(claims)):
        # (a clause with no subject of its own: also read with the subject of the clause before it)
        before = claims[c - 1].clause if claims[c - 1].entry == claims[c].entry else None
        elided = _elided(claims[c].clause, before)
        if elided is not None:
            claim_parts[c].append((elided[0], read(elided[0]), elided[1]))
    back = {n: o for o, n in script.matches}
    forth = dict(script.matches)
    backed = [False] * len(claims)
    ties: dict[int, Tie] = {}
    changes = script.changes
    verdicts: dict[int, list[_Verdict]] = {}
    facts: dict[int, _Change] = {}
    refs = [c for c, ct in enumerate(claim_terms) if "references" in ct.found]
    inserted_parents = {_sibling_parent(e.new_id) for e in script.changes if e.kind.is_insert} - {None}
    reread = _reread_headings(changes)
    # the same words re-cut by another producer's reading (a table read as rows in one copy, as lines in the
    # other): no change of criteria; the head's dates take no part (they differ by design)
    recut = reread_noise(
        changes,
        (
            k
            for k, e in enumerate(changes)
            if (e.node is NodeKind.FIELD and (e.new_id or e.old_id) in ("header.review", "header.effective"))
            or _review_date_line(e)
        ),
    )
    recut |= run_in_lines(changes)
    carried = _carried(changes, old_sets, new_sets)
    recut |= _relevelled_headings(changes)
    recut |= _repaired(changes)
    for k, e in enumerate(changes):
        if script.log_added and (
            (e.node is NodeKind.FIELD and e.new_id in ("header.review", "header.effective"))
            or _review_date_line(e)
            or _version_line(e)
            or _title_only_grew(e)
            or _title_line(e, old, new)
            or _fields_line(e, old, new)
        ):
            ties[k] = Tie(e, claims[0] if claims else None, (), TieKind.ADMINISTRATIVE)
            continue
        if (
            _cosmetic(e)
            or _read_into_log(e, old, new)
            or _reread(e, reread)
            or k in recut
            or _furniture(e)
            or _print_line(e)
            or _title_reread(e, old, new)
            or _log_head_line(e)
            or _code_set_cell(e)
            or _copyright_year(e)
            or _log_read_as_text(e, old, new)
        ):
            ties[k] = Tie(e, None, (), TieKind.COSMETIC)
            continue
        # the set it sits in, in both versions (the set's partner, whatever happened to the node)
        if e.new_id:
            context = _context(new_places, e.new_id, old_places, back.get(_set_of(e.new_id)))
        else:
            context = _context(old_places, e.old_id, new_places, forth.get(_set_of(e.old_id)))
        if e.kind is EditKind.MOVE:
            left, joined = _title_around(old_sets, e.old_id), _title_around(new_sets, e.new_id)
            if left and joined and left != joined:
                context = replace(context, moved=(left, joined))
        elif k in carried:
            context = replace(context, moved=carried[k])
        ch = _change(e, context, own, expand)
        facts[k] = ch
        if _is_reference(e) and refs:
            # a reference edit is what "references reviewed and updated" is about, whatever else it shares
            backed[refs[0]] = True
            match = Match("references", tuple(sorted(claim_terms[refs[0]].words["references"])), ("a reference",))
            ties[k] = Tie(e, claims[refs[0]], ("references",), TieKind.TERMS, matches=(match,))
            continue
        replaced = e.kind.is_delete and _sibling_parent(e.old_id) in inserted_parents
        verdicts[k] = [_judge_parts(ch, parts, replaced=replaced) for parts in claim_parts]
        best: tuple[int, int] | None = None
        for c, v in enumerate(verdicts[k]):
            if v.ruled_out is None and v.score >= THRESHOLD and (best is None or v.score > best[0]):
                best = (v.score, c)
        if best is not None:
            # the change backs the clauses with the most evidence for it (several, when they are level)
            for c, v in enumerate(verdicts[k]):
                if v.ruled_out is None and v.score == best[0]:
                    backed[c] = True
            v = verdicts[k][best[1]]
            ties[k] = Tie(e, claims[best[1]], v.shared, TieKind.TERMS, matches=v.matches)

    def ruled_out(k: int, claim: Claim) -> bool:
        return k in verdicts and any(v.ruled_out for c, v in zip(claims, verdicts[k], strict=True) if c is claim)

    # a clause saying only that the criteria of a section named by what it is were updated (``Updated continuation of
    # therapy criteria``, ``Initial approval criteria revised``): backed by a change of a criterion in that section; it
    # explains those no other clause does — never an approval duration, a dose row or a reference
    for c, claim in enumerate(claims):
        named = _criteria_section(claim.clause)
        if named is None:
            continue
        inside = [k for k in facts if _criteria_in_section(facts[k], named)]
        backed[c] = backed[c] or bool(inside)
        for k in inside:
            if k not in ties and not ruled_out(k, claim):
                match = Match("section", (claim.clause,), (changes[k].new_id or changes[k].old_id or "",))
                ties[k] = Tie(changes[k], claim, ("section",), TieKind.TERMS, matches=(match,))
    # references and abbreviations added for a change: the clause of that change (they share a word)
    # (an abbreviation key read as prose — ``ICS: inhaled corticosteroid LAMA: long-acting …`` one paragraph — is
    # the key: its added or removed abbreviations are what changed)
    for k, e in enumerate(changes):
        keys = _abbreviation_keys(e)
        if k in ties or not (_is_reference(e) or e.node is NodeKind.ABBREVIATION or keys) or k not in facts:
            continue
        if keys:
            words = set(keys)
        else:
            words = {t for t in facts[k].found if ":" not in t and weight(t) == 1} | (
                {(e.key or "").lower()} if e.key else set()
            )
        if keys and not all(
            any(
                _says(" ".join(filter(None, (t.edit.new_text, t.edit.old_text, *t.edit.content))), w)
                for t in ties.values()
                if t.how is TieKind.TERMS and t.claim is not None
            )
            for w in keys
        ):
            continue  # (every abbreviation it adds or removes goes with an explained change, or it is undocumented)
        for j, t in sorted(ties.items()):
            if t.how is not TieKind.TERMS or t.claim is None or j not in facts:
                continue
            other = facts[j]
            text = " ".join(filter(None, (t.edit.new_text, t.edit.old_text, *t.edit.content))).lower()
            common = sorted(
                w
                for w in words
                if (w in other.found and not keys)
                or (e.node is NodeKind.ABBREVIATION and w in text)
                or (keys and _says(text, w))
            )
            if common:
                ties[k] = Tie(e, t.claim, tuple(common), TieKind.CITED, t.edit.new_id or t.edit.old_id)
                break
    # consequences of an added or retitled set: the rows it brings (its dosing row, abbreviation, alternatives, FDA
    # indication) when they name it; a keyed row needs no clause naming its key then: the set's clause explains it
    for k, e in enumerate(changes):
        if k in ties or k not in facts or e.node not in _CONSEQUENCE_KINDS or e.kind.is_delete:
            continue
        for t in (ties[j] for j in sorted(ties)):
            if t.how is not TieKind.TERMS or t.claim is None or t.edit.node is not NodeKind.SET or not t.edit.new_id:
                continue
            if t.edit.kind.is_update and not any(lb.name == "set title changed" for lb in t.edit.labels):
                continue
            title = new_titles.get(t.edit.new_id, "")
            if title and _names_set(facts[k].text_words, _title_words(title, own)):
                row = (e.key or _short_text(e.new_text or ""),)
                match = Match("set", (title,), row)
                ties[k] = Tie(e, t.claim, ("set",), TieKind.CONSEQUENCE, t.edit.new_id, (match,))
                break
    # a clause saying only that a section of prose was updated ("Background updated"): backed by a change of that
    # section's text; it explains those no other clause does
    for c, claim in enumerate(claims):
        section = _prose_section(claim.clause, new, old)
        if section is None:
            continue
        inside = [k for k, e in enumerate(changes) if _in_section(e, section)]
        backed[c] = backed[c] or bool(inside)
        for k in inside:
            if k not in ties:
                match = Match("section", (section,), (changes[k].new_id or changes[k].old_id or section,))
                ties[k] = Tie(changes[k], claim, ("section",), TieKind.TERMS, matches=(match,))
    # a clause about a term's definition (``Clarified definition of refractory overactive bladder in Definitions``):
    # backed by a change of the prose that defines that term, in the section the clause names or wherever it is
    # when the clause says it is a definition
    headings = _heading_texts(old, new)
    for c, claim in enumerate(claims):
        said = f" {_plain_words(claim.clause)} "
        for k, e in enumerate(changes):
            if k in ties or not _defines_named_term(e, said, headings):
                continue
            backed[c] = True
            term = _defined_term(e.new_text or "") or _defined_term(e.old_text or "") or ""
            match = Match("definition", (term,), (e.new_id or e.old_id or "",))
            ties[k] = Tie(e, claim, ("definition",), TieKind.TERMS, matches=(match,))
    # a criterion rewritten in place (deleted, another inserted at its place): the clause that explains the new one
    # explains the old one going, when it names a word of it and the old one holds no number the new one lacks
    for k, e in enumerate(changes):
        if k in ties or not e.kind.is_delete or not e.old_id or k not in verdicts:
            continue
        for j, t in sorted(ties.items()):
            o = changes[j]
            if t.how is not TieKind.TERMS or t.claim is None or not o.kind.is_insert or o.new_id != e.old_id:
                continue
            c = claims.index(t.claim)
            v = verdicts[k][c]
            if v.ruled_out is None and v.shared and _numbers_kept(e.old_text or "", o.new_text or ""):
                backed[c] = True
                ties[k] = Tie(e, t.claim, v.shared, TieKind.INHERITED, o.new_id)
                break
    # a broad clause (``minor editorial changes``, ``updated criteria to align with FDA labeling``): what it broadly
    # covers and nothing more — a rewording (an update labelled only so, no number, count or drug changed); for a
    # label's alignment, a dosing or product row the label brings (its numbers unchanged where it is updated)
    for c, claim in enumerate(claims):
        broad = _broad(claim.clause)
        if broad is None:
            continue
        placed = _PLACED_BROAD.fullmatch(claim.clause.strip(" .;:")) is not None
        for k, e in enumerate(changes):
            if k in ties or k not in facts or not _broadly_covered(broad, e, dosing=facts[k].dosing):
                continue
            if placed and _named_place(facts[k], claim.clause) is None:
                continue  # (``Criteria I.A.7 revised to align with label``: that criterion's rewording only)
            backed[c] = True
            match = Match(broad, (claim.clause,), (e.new_id or e.old_id or "",))
            ties[k] = Tie(e, claim, (broad,), TieKind.TERMS, matches=(match,))
    # inherit ties along parent / child links (to a fixpoint: a note under an updated list under an added option)
    grew = True
    while grew:
        grew = False
        for k, e in enumerate(changes):
            if k in ties:
                continue
            for j, t in sorted(ties.items()):
                if t.claim is None or t.how not in (TieKind.TERMS, TieKind.INHERITED):
                    continue
                # a set's retitle explains its title, not every criterion under it (nor they it)
                set_update = any(x.node is NodeKind.SET and x.kind.is_update for x in (e, changes[j]))
                related = _related(e, changes[j]) or _connective_of(e, changes[j])
                if related and not set_update and not ruled_out(k, t.claim):
                    ties[k] = Tie(e, t.claim, (), TieKind.INHERITED, changes[j].new_id or changes[j].old_id)
                    grew = True
                    break
    undocumented = tuple(e for k, e in enumerate(changes) if k not in ties)
    backed = [ok or bool(_LITERATURE_REVIEW.fullmatch(c.clause)) for c, ok in zip(claims, backed, strict=True)]
    unbacked = tuple(c for c, ok in zip(claims, backed, strict=True) if not ok)
    change_misses: list[Miss] = []
    claim_misses: list[Miss] = []
    for k, e in enumerate(changes):
        if k in ties:
            continue
        cands = verdicts.get(k, [])
        if not cands:
            reason = (
                "no clause of this step shares a term"
                if claims
                else "the step's new log entry claims no change (a review, no change named)"
                if script.log_added
                else "the step adds no revision-log entry"
            )
            change_misses.append(Miss(e, None, (), reason))
            continue
        c = max(range(len(cands)), key=lambda i: (cands[i].score, -i))
        v = cands[c]
        change_misses.append(Miss(e, claims[c], v.shared, v.ruled_out or _too_weak(v), v.matches))
    for c, claim in enumerate(claims):
        if backed[c]:
            continue
        best_k: int | None = None
        for k, vs in verdicts.items():
            if best_k is None or vs[c].score > verdicts[best_k][c].score:
                best_k = k
        if best_k is None:
            claim_misses.append(Miss(None, claim, (), "no change of this step shares a term with it"))
        else:
            v = verdicts[best_k][c]
            claim_misses.append(Miss(changes[best_k], claim, v.shared, v.ruled_out or _too_weak(v), v.matches))
    set_aside: tuple[Edit, ...] = ()
    unchecked: tuple[Claim, ...] = ()
    if unread:
        # (a reading in part compares another document's shape: its inserts, deletes and moves say how it was read)
        keep = [not e.kind.is_update for e in undocumented]
        set_aside = tuple(e for e, aside in zip(undocumented, keep, strict=True) if aside)
        change_misses = [m for m, aside in zip(change_misses, keep, strict=True) if not aside]
        undocumented = tuple(e for e, aside in zip(undocumented, keep, strict=True) if not aside)
        # a claim of a new value that both versions, as read, hold at the place it names (``revised continued therapy
        # approval duration to 12 months``, 12 months there in both) is judged: what was read is no guess; any other
        # claim is set aside unless no change the reading may have made could back it and it names such a place
        aside_k = {k for k, e in enumerate(changes) if k not in ties and not e.kind.is_update}

        def judged_against(e: Edit, c: int) -> str | None:
            """Why the clause ``c`` could not be about ``e`` (a node both versions hold), or None."""
            context = _context(new_places, e.new_id, old_places, back.get(_set_of(e.new_id)))
            return _judge(_change(e, context, own, expand), claims[c].clause, claim_terms[c]).ruled_out

        held = _held_values(script, old, new, claims, claim_terms, judged_against)
        judged = {
            c
            for c in held
            if not any(verdicts[k][c].score > 0 and verdicts[k][c].ruled_out is None for k in aside_k if k in verdicts)
        }
        open_claims = [c for c, ok in enumerate(backed) if not ok]  # (unbacked and claim_misses, in this order)
        unchecked = tuple(claims[c] for c in open_claims if c not in judged)
        unbacked = tuple(claims[c] for c in open_claims if c in judged)
        claim_misses = [
            replace(m, edit=None, shared=(), reason=held[c], matches=())
            for c, m in zip(open_claims, claim_misses, strict=True)
            if c in judged
        ]
    return PairAudit(
        old_date,
        new_date,
        script,
        tuple(ties[k] for k in sorted(ties)),
        undocumented,
        unbacked,
        claims,
        tuple(change_misses),
        tuple(claim_misses),
        unread,
        set_aside,
        unchecked,
    )


# the new value a clause claims: a number after ``to`` (``revised … approval duration to 12 months``, ``from 6 to 12``)
_NEW_VALUE = lazy(r"\bto\s+(?:(?:a|an|the|at|least|most|maximum|minimum|of|up)\s+){0,3}(\d+(?:\.\d+)?)\b", re.I)


def _as_word(term: str) -> tuple[str, ...]:
    """A term as a plain word too: a name (``drug:disease``) is its word and that word's stem."""
    if term.startswith("drug:"):
        return (term, term[5:], stem(term[5:]))
    return (term,)


def _held_values(
    script: EditScript,
    old: Policy,
    new: Policy,
    claims: Sequence[Claim],
    claim_terms: Sequence[_ClaimTerms],
    ruling: Callable[[Edit, int], str | None],
) -> dict[int, str]:
    """The claims of a new value (:data:`_NEW_VALUE`) that a node both versions hold unchanged already has, at a place
    that says every term of the claim (the node, the headings and sets above it, the lines before it under its
    parent: ``Continued Therapy`` / ``Approval duration:`` / ``Medicaid/HIM – 12 months``) and that nothing rules
    out (``ruling``: why the clause cannot be about the node — another section, line of business …): claim index →
    why it is unbacked."""
    wanted = {
        c: values
        for c, claim in enumerate(claims)
        if (values := frozenset(_NEW_VALUE.findall(claim.clause))) and not _REMOVAL_RE.search(claim.clause)
    }
    if not wanted:
        return {}
    before, after = build_tree(old), build_tree(new)
    old_text = dict(zip(before.ids, before.texts, strict=True))
    index = {node_id: i for i, node_id in enumerate(after.ids)}
    out: dict[int, str] = {}
    for old_id, new_id in script.matches:
        i = index.get(new_id)
        if i is None or old_text.get(old_id) != after.texts[i] or not after.texts[i]:
            continue
        own_numbers = numbers(after.texts[i])
        for c, values in wanted.items():
            if c in out or not values <= own_numbers:
                continue
            place = [after.texts[i]]
            if after.kinds[i] is NodeKind.DURATION:
                place.append("approval duration")
            # (a bound says which kind it is: ``does not exceed … up to 180 mg`` is a maximum, ``at least`` a minimum)
            place += [w for r, w in ((_MAX_BOUND, "maximum"), (_MIN_BOUND, "minimum")) if r.search(after.texts[i])]
            parent = after.parent[i]
            if parent >= 0:  # (the lines before it under its parent: ``Approval duration:`` above ``… 12 months``)
                place += [after.texts[k] for k in after.children[parent] if k < i]
            while parent >= 0:
                place.append(after.texts[parent])
                parent = after.parent[parent]
            found = terms(" ".join(place), claim=True)
            # (a word one side reads as a name, "Osteomalacia" in a title, "Crohn's" in a clause, is that word)
            found = frozenset(w for t in found for w in _as_word(t))
            if not all(set(_as_word(t)) & found for t in claim_terms[c].found):
                continue
            node = after.kinds[i]
            kept = Edit(EditKind.UPDATE, node, old_id, new_id, old_text=after.texts[i], new_text=after.texts[i])
            if ruling(kept, c) is None:
                said = ", ".join(sorted(values))
                out[c] = f"both versions, as read, hold {said} already: {_short_text(after.texts[i], 60)} ({new_id})"
    return out


# a criteria section named by what it is — initial approval, continued therapy — and a clause saying only that its
# criteria were updated: "Updated continuation of therapy criteria", "Initial approval criteria revised", "Revised the
# criteria for reauthorization"
_SECTION_KIND = (
    r"(?:initial\s+(?:approval|authori[sz]ation|therapy|coverage|request)"
    r"|continu(?:ed|ation|ing)(?:\s+of)?\s+(?:approval|therapy|treatment|authori[sz]ation|use|coverage)"
    r"|continuation|re-?authori[sz]ation|renewal|re-?certification|re-?approval)"
)
_SECTION_CRITERIA_UPDATED = lazy(
    r"(?:updated|revised|modified|amended|clarified|changed)\s+(?:the\s+)?"
    rf"(?:{_SECTION_KIND}\s+(?:criteria|requirements|section)|(?:criteria|requirements)\s+for\s+{_SECTION_KIND})"
    rf"|(?:the\s+)?{_SECTION_KIND}\s+(?:criteria|requirements|section)\s+(?:(?:was|were|have\s+been)\s+)?"
    r"(?:updated|revised|modified|amended|clarified|changed)",
    re.I,
)
# what a clause about a section's criteria covers: its criteria and lists, not a duration, a dose table or a reference
_SECTION_CRITERIA_KINDS = frozenset({NodeKind.CRITERION, NodeKind.SET, NodeKind.NOTE})


def _criteria_section(clause: str) -> str | None:
    """The criteria section (I, II) a clause says only was updated (:data:`_SECTION_CRITERIA_UPDATED`), or None."""
    text = clause.strip(" .;:")
    if _SECTION_CRITERIA_UPDATED.fullmatch(text) is None:
        return None
    named = sections_named(text)
    return next(iter(named))[8:] if len(named) == 1 else None


def _criteria_in_section(ch: _Change, section: str) -> bool:
    """Whether a change is of a criterion in the criteria section ``section`` (by its id: I, II, III — or, in another
    template, by the heading or set above it that says which: ``Reauthorization Criteria``)."""
    if ch.edit.node not in _SECTION_CRITERIA_KINDS or ch.edit.kind.is_row or ch.dosing:
        return False
    if ch.section is not None:
        return ch.section == section
    return ch.place_sections == frozenset({"section:" + section})


# "Background updated", "Updated the Rationale section", "Description revised": a section named, nothing else
_SECTION_UPDATED = lazy(
    r"(?:updated|revised|rewrote|rewritten|edited|clarified)\s+(?:the\s+)?(?P<a>[A-Za-z][\w/&' -]{2,50}?)"
    r"(?:\s+section)?"
    r"|(?P<b>[A-Za-z][\w/&' -]{2,50}?)(?:\s+section)?\s+(?:was\s+)?(?:reviewed\s+and\s+)?"
    r"(?:updated|revised|rewritten|edited|clarified)",
    re.I,
)
_REFERENCES_ONLY = lazy(r"(?:the\s+)?(?:references|citations|bibliography)", re.I)
# the sections whose text is the coverage, whatever kind of node the reader made of it: never explained wholesale
_COVERAGE_WORDS = lazy(r"polic|coverage|criteri|indication|limitation|guideline|necess|requirement|dosing", re.I)
_PROSE_KINDS = frozenset({NodeKind.PARAGRAPH, NodeKind.BULLET, NodeKind.TABLE, NodeKind.ROW})


_NUMBER_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|once|twice|thrice|single|double|first|"
    "second|third|fourth|fifth"
)
_NUMBER = lazy(rf"\d+(?:[.,]\d+)*|\b(?:{_NUMBER_WORDS})\b", re.I)


def _numbers_said(text: str) -> list[str]:
    """The numbers a text writes, in digits or in words, sorted (``at least two`` and ``at least 2`` differ)."""
    return sorted(m.group(0).lower() for m in _NUMBER.finditer(text))


def _numbers_kept(old: str, new: str) -> bool:
    """Whether every number ``old`` writes is one ``new`` writes."""
    left = list(_numbers_said(new))
    for n in _numbers_said(old):
        if n not in left:
            return False
        left.remove(n)
    return True


# a clause that says only that the wording was edited, or that the policy was aligned with the drug's label
_EDITORIAL = lazy(
    r"(?:(?:minor|other|general)\s+)?(?:editorial|grammatical|formatting|wording)\s+(?:changes?|updates?|revisions?|edits?)"
    r"(?:\s+(?:made|throughout))?"
    # (said of what was done: "reworded for clarity", "rephrased for readability")
    r"|(?:reworded|rephrased|rewritten|edited)(?:\s+for\s+(?:clarity|readability|consistency))?",
    re.I,
)
_LABELING = lazy(
    r"(?:(?:updated|revised|modified|aligned)\s+(?:the\s+)?(?:criteria|policy|dosing|language|wording)\s+)?"
    r"(?:(?:to\s+)?(?:align|be\s+consistent|conform)\s+with|per|according\s+to|in\s+(?:line|accordance)\s+with)\s+"
    r"(?:the\s+)?(?:updated\s+|current\s+)?(?:FDA(?:-approved)?\s+)?(?:label(?:ing)?|prescribing\s+information|package\s+insert)",
    re.I,
)


# a broad clause that names the criterion it is about by its place first (``Criteria I.A.7 revised to align with
# label``, ``Criterion 3 updated per the prescribing information``): broad for that criterion only
# (also by its new and its old number: ``Criterion I.E (formerly I.F) reworded for clarity``)
_PLACED_BROAD = lazy(
    rf"(?:{LOCATOR_RE.pattern})(?:\s*\((?:formerly|previously|was|old)\s+(?:{LOCATOR_RE.pattern}|[\w.]{{1,12}})\))?"
    r"\s*:?\s+(?:(?:was|were|is|has\s+been)\s+)?"
    r"(?:(?:updated|revised|modified|aligned|edited|clarified)\s+)?(?P<rest>.+)",
    re.I,
)


def _broad(clause: str) -> str | None:
    """``editorial`` or ``labeling`` for a clause that says no more than that (see :data:`_EDITORIAL`,
    :data:`_LABELING`) — also of a criterion it names by its place (:data:`_PLACED_BROAD`) —, else ``None``."""
    text = clause.strip(" .;:")
    if (placed := _PLACED_BROAD.fullmatch(text)) is not None:
        text = placed.group("rest")
    if _EDITORIAL.fullmatch(text):
        return "editorial"
    if _LABELING.fullmatch(text):
        return "labeling"
    return None


_DIGITS = lazy(r"\d+(?:[.,]\d+)*")


def _broadly_covered(broad: str, e: Edit, *, dosing: bool = False) -> bool:
    """Whether a broad clause (:func:`_broad`) covers ``e``: a rewording — an update labelled only as one, its
    numbers (in digits or in words) the same, a few words added or removed and none a name — and, for a
    label's alignment, a dosing or product row too (inserted or deleted, or updated with its numbers the same),
    and a criterion's dose limit said another way (``10 mcg/kg per week`` → ``10 mcg/kg SC once weekly``: its
    amounts the same, no direction)."""
    old, new = e.old_text or "", e.new_text or ""
    if (
        broad == "labeling"
        and dosing
        and e.kind.is_update
        and sorted(_DIGITS.findall(old)) == sorted(_DIGITS.findall(new))  # (each amount as often: no regimen added)
        and all(lb.direction is Direction.NEUTRAL for lb in e.labels)
    ):
        return True
    if e.kind.is_update and _numbers_said(old) != _numbers_said(new):
        return False
    if broad == "labeling" and e.node in (NodeKind.DOSING, NodeKind.PRODUCT):
        return True
    if not e.kind.is_update or any(lb.name != "wording changed" for lb in e.labels):
        return False
    # (a few words, none a name — a drug, a test, a place: written with a capital past the sentence's first word)
    olds, news = re.findall(r"[\w’'-]+", old), re.findall(r"[\w’'-]+", new)
    changed = {w.lower() for w in olds} ^ {w.lower() for w in news}
    named = {w.lower() for w in (*olds[1:], *news[1:]) if w[:1].isupper()}
    return len(changed) <= 6 and not changed & named


def _prose_section(clause: str, *policies: Policy) -> str | None:
    """The id of the section of prose a clause says only was updated ("Background updated" → ``Background``): a
    heading of either version that holds no criterion and whose name is no coverage's; else None."""
    m = _SECTION_UPDATED.fullmatch(clause.strip())
    if m is None:
        return None
    name = (m.group("a") or m.group("b") or "").strip()
    # (``Updated background and references``: the references are a clause's of their own — the section is the other)
    parts = [p for p in re.split(r"\s*(?:,|\band\b)\s*", name) if p and not _REFERENCES_ONLY.fullmatch(p)]
    if len(parts) == 1:
        name = parts[0]
    if _COVERAGE_WORDS.search(name) or len(name.split()) > 4:
        return None
    key = slug(name).lower()
    for policy in policies:
        tree = build_tree(policy)
        for i, (node_id, kind) in enumerate(zip(tree.ids, tree.kinds, strict=True)):
            if kind is NodeKind.HEADING and node_id.lower() == key:
                held = {tree.kinds[j] for j in range(i + 1, tree.end[i] + 1)}
                return None if held & {NodeKind.CRITERION, NodeKind.SET} else node_id
    return None


def _plain_words(text: str) -> str:
    return " ".join(_WORDS_RE.findall(text.lower()))


def _heading_names(*policies: Policy) -> frozenset[str]:
    """The names of the headings of the versions, as plain lower-case words."""
    return frozenset(words for policy in policies for _, words in _headings_of(policy)) - {""}


def _heading_texts(*policies: Policy) -> dict[str, str]:
    """Each heading's id → its name as plain lower-case words, over the versions."""
    out: dict[str, str] = {}
    for policy in policies:
        for node_id, words in _headings_of(policy):
            if words:
                out.setdefault(node_id, words)
    return out


@per_version
def _headings_of(policy: Policy) -> tuple[tuple[str, str], ...]:
    """Each heading of the version, in order: its id and its name as plain lower-case words."""
    tree = build_tree(policy)
    return tuple(
        (node_id, _plain_words(text))
        for node_id, kind, text in zip(tree.ids, tree.kinds, tree.texts, strict=True)
        if kind is NodeKind.HEADING
    )


# a definition's term before what it means: ``Refractory overactive bladder: OAB symptoms …``, ``Term – …``, ``Term
# means …``, ``Term is defined as …``
_DEFINED = lazy(r"^\s*(?P<term>[^\W\d][^:;.–—]{0,60}?)\s*(?::|\s[-–—]\s|\s+(?:means|refers\s+to|is\s+defined\s+as)\b)")
_DEFINITION_WORD = lazy(r"\bdefin(?:ition|itions|ed|es|e)\b", re.I)
# a clause about a term's definition: ``Clarified definition of …``, ``Definitions: … revised`` (never ``defined``, nor
# a clause naming definitions among other things: ``Updated the definitions and the age limit``)
_ABOUT_DEFINITION = lazy(r"\bdefinitions?\s+(?:of|for)\b|^\s*definitions?\s*:", re.I)


def _defined_term(text: str) -> str | None:
    """The term a paragraph defines, as plain lower-case words, or None (no term before a colon, dash or
    ``means``; six words at most)."""
    m = _DEFINED.match(text)
    if m is None:
        return None
    term = _plain_words(m.group("term"))
    return term if term and len(term.split()) <= 6 else None


def _defines(e: Edit) -> bool:
    """Whether ``e`` changes prose that defines a term (``Term: …``, ``Term means …``) or sits under a heading of
    definitions."""
    if any("definition" in part.lower() for i in (e.new_id, e.old_id) if i for part in i.split(".")[:-1]):
        return True
    return e.node in (NodeKind.PARAGRAPH, NodeKind.BULLET, NodeKind.ROW) and bool(
        _defined_term(e.new_text or "") or _defined_term(e.old_text or "")
    )


def _defines_named_term(e: Edit, said: str, headings: Mapping[str, str]) -> bool:
    """Whether ``e`` changes the prose that defines a term the clause (``said``: its plain words, a space at each
    end) names whole, and the clause names the section the change sits in (one of its headings) or says it is
    about a definition."""
    if e.node not in (NodeKind.PARAGRAPH, NodeKind.BULLET) or e.content:
        return False
    terms = {t for t in (_defined_term(e.new_text or ""), _defined_term(e.old_text or "")) if t}
    if not any(f" {t} " in said for t in terms):
        return False
    if _DEFINITION_WORD.search(said):
        return True
    ids = [i for i in (e.new_id, e.old_id) if i]
    places = {".".join(i.split(".")[:n]) for i in ids for n in range(1, i.count(".") + 1)}
    return any(f" {headings[p]} " in said for p in places if p in headings)


def _in_section(e: Edit, section: str) -> bool:
    """Whether a change of prose lies in the section ``section`` (its id the section's or under it)."""
    ids = [i for i in (e.new_id, e.old_id) if i]
    return e.node in _PROSE_KINDS and bool(ids) and all(i.startswith(section + ".") for i in ids)


def _too_weak(v: _Verdict) -> str:
    if not v.shared:
        return "no specific term in common (generic words and the policy's own names do not count)"
    shown = "; ".join(str(m) for m in v.matches) or ", ".join(v.shared)
    return f"too little evidence: only {shown} in common (a tie needs a specific term or two words)"


def out_of_order(entries: Sequence[RevisionEntry]) -> tuple[OutOfOrder, ...]:
    """Entries dated before an entry listed above them."""
    out: list[OutOfOrder] = []
    latest: dt.date | None = None
    for e in entries:
        if e.date is None:
            continue
        if latest is not None and e.date < latest:
            out.append(OutOfOrder(e.date, latest, " ".join(e.description.split())))
        latest = e.date if latest is None or e.date > latest else latest
    return tuple(out)


def audit(
    history: Sequence[tuple[dt.date, Policy]],
    unread: Mapping[dt.date, tuple[str, ...]] | None = None,
    known: Mapping[tuple[dt.date, dt.date, tuple[str, ...]], PairAudit] | None = None,
) -> AuditReport:
    """Audit every consecutive pair of ``history`` (oldest first) and the newest log's date order.  ``unread``: per
    version date, the regions a reading in part could not read (a stored version's ``--recover``).  ``known``: pairs
    of exactly these trees already audited, by (old date, new date, unread): taken, not audited again."""
    ordered = sorted(history, key=lambda pair: pair[0])
    parts = unread or {}
    done = known or {}

    def step(a: tuple[dt.date, Policy], b: tuple[dt.date, Policy]) -> PairAudit:
        gap = (*parts.get(a[0], ()), *parts.get(b[0], ()))
        return done.get((a[0], b[0], gap)) or audit_pair(a[0], a[1], b[0], b[1], unread=gap)

    with shared_trees():  # (a version between two others is in two pairs: its tree built once)
        pairs = tuple(step(a, b) for a, b in itertools.pairwise(ordered))
    order = out_of_order(ordered[-1][1].revision_log) if ordered else ()
    return AuditReport(pairs, order)
