"""The typed AST of a clinical policy.

Every node is a frozen, slotted dataclass.  Source positions live in a ``span``
field that is excluded from comparison and hashing, so two parses of the same
policy from different sources (text, PDF) are equal node for node.  Nodes that
a later stage needs to address carry a stable ``id`` such as ``I.A.4.b``.

No Lark object ever reaches this module: the grammar layer converts its tree
into these types at one boundary (``transform.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from enum import StrEnum
from typing import Literal

from policyvc.parser.prebuilt import dataclass


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    """A month without a day, as P&T approval dates and review dates are written (``08.21``)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1-12")

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node came from: 1-based line and column, and the PDF page (and box) if any.

    For a PDF the line and column are those of the extracted text (``policyvc extract``).
    """

    line: int
    column: int = 1
    end_line: int = 0
    end_column: int = 0
    page: int | None = None
    # (x0, top, x1, bottom) in points from the page's top-left, for nodes read from a PDF
    bbox: tuple[float, float, float, float] | None = field(default=None, compare=False)


NO_SPAN = Span(0)


def _span() -> Span:
    return field(default=NO_SPAN, compare=False, repr=False)


class Connective(StrEnum):
    """How a group's children combine.  ``ATLEAST`` carries its N in ``Criterion.at_least`` (a set's in
    ``MeetRule.at_least``)."""

    ALL = "all"
    ANY = "any"
    BOTH = "both"
    NONE = "none"
    ATLEAST = "atleast"


class MarkerKind(StrEnum):
    """The numbering system of a list level; the level ladder is number → letter → roman."""

    NUMBER = "number"
    LETTER = "letter"
    ROMAN = "roman"
    BULLET = "bullet"  # a bulleted item (``-``, ``•``): read by the outline, never by the pharmacy grammar


class CriterionType(StrEnum):
    """What a leaf criterion asks for, where its wording is recognised."""

    AGE = "age"
    DOSE_LIMIT = "dose-limit"
    WEIGHT_BAND = "weight-band"
    PRESCRIBER = "prescriber"
    DIAGNOSIS = "diagnosis"
    STEP_THERAPY = "step-therapy"
    CONCURRENT_USE = "concurrent-use"
    DOCUMENTATION = "documentation"
    STATE_EXCEPTION = "state-exception"
    GUIDELINE_SUPPORTED = "guideline-supported"
    POLICY_REFERRAL = "policy-referral"
    JUDGMENT = "judgment"


# --- typed facts recognised in criterion wording ---------------------------------


@dataclass(frozen=True, slots=True)
class Dose:
    """An amount of drug, e.g. ``250 mcg/m² IV or SC daily for 5 doses``."""

    amount: float
    unit: str
    per: str | None = None  # "m²", "kg", "day"
    routes: tuple[str, ...] = ()
    frequency: str | None = None  # "daily", "once weekly", "every 2 weeks"
    count: int | None = None  # "for 5 doses"
    qualifier: str | None = None  # "prior to day 1 of Danyelza administration"


@dataclass(frozen=True, slots=True)
class AgeFact:
    type: Literal["age"]
    op: str  # one of ≥ > ≤ < =
    value: float
    unit: str  # "years", "months"


@dataclass(frozen=True, slots=True)
class DoseLimitFact:
    """A maximum dose; ``condition`` names who it applies to (``Congenital neutropenia``)."""

    type: Literal["dose-limit"]
    dose: Dose
    per_cycle: bool = False
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class WeightBandFact:
    """``Weight 15 kg to 40 kg: 10 mcg/kg SC daily``: bounds in kg, ``None`` for open ends."""

    type: Literal["weight-band"]
    low: float | None
    low_inclusive: bool
    high: float | None
    high_inclusive: bool
    dose: Dose


@dataclass(frozen=True, slots=True)
class PrescriberFact:
    type: Literal["prescriber"]
    specialties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DiagnosisFact:
    type: Literal["diagnosis"]
    diagnosis: str


@dataclass(frozen=True, slots=True)
class StepTherapyFact:
    type: Literal["step-therapy"]
    drugs: tuple[str, ...]
    requirement: str  # "failure", "must use", "trial"
    exception: str | None


@dataclass(frozen=True, slots=True)
class ConcurrentUseFact:
    type: Literal["concurrent-use"]
    drug: str
    excluded: str


@dataclass(frozen=True, slots=True)
class DocumentationFact:
    type: Literal["documentation"]
    subject: str


@dataclass(frozen=True, slots=True)
class StateExceptionFact:
    type: Literal["state-exception"]
    appendix: str | None


@dataclass(frozen=True, slots=True)
class GuidelineFact:
    type: Literal["guideline-supported"]
    subject: str  # "Dose", "New dose", "Use"


@dataclass(frozen=True, slots=True)
class ReferralFact:
    """A pointer to other policies, one per line of business where the text says so."""

    type: Literal["policy-referral"]
    policies: tuple[tuple[str, str], ...]  # (line of business, policy id)


Fact = (
    AgeFact
    | DoseLimitFact
    | WeightBandFact
    | PrescriberFact
    | DiagnosisFact
    | StepTherapyFact
    | ConcurrentUseFact
    | DocumentationFact
    | StateExceptionFact
    | GuidelineFact
    | ReferralFact
)


# --- criteria ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Note:
    """An asterisk note (``*Prior authorization may be required for Zarxio``).

    A note lives on the criterion (or set) it qualifies; ``anchor`` is the id of
    the line it was written under and ``index`` its place among the notes there,
    so the canonical text puts every note back where the source had it.
    """

    text: str
    anchor: str = ""
    index: int = 0
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Criterion:
    """A numbered, lettered or roman criterion; a group when it has children.

    ``text`` is the normalised wording without its marker and without a trailing
    footnote mark (kept in ``footnote``).  ``connective`` is set for groups.
    """

    id: str
    marker: str
    marker_kind: MarkerKind
    text: str
    type: CriterionType
    fact: Fact | None = None
    connective: Connective | None = None
    at_least: int | None = None
    footnote: str = ""
    notes: tuple[Note, ...] = ()
    children: tuple[Criterion, ...] = ()
    span: Span = _span()
    source: str = field(default="", compare=False, repr=False)  # exact source text


@dataclass(frozen=True, slots=True)
class MeetRule:
    """A set's ``(must meet all)`` / ``(must meet one)`` / ``(must meet 1 or 2)``."""

    connective: Connective
    of: tuple[str, ...] = ()  # the criteria named, for "(must meet 1 or 2)"
    text: str = ""  # as written inside the parentheses
    at_least: int | None = (
        None  # ``ATLEAST``'s N where the set's lead-in counts it (``… at least two of the following:``)
    )


@dataclass(frozen=True, slots=True)
class ApprovalDuration:
    """``Medicaid/HIM – 6 months``; ``Commercial – 6 months or to the member’s renewal date, …``."""

    lines_of_business: tuple[str, ...]  # empty: applies to every line of business
    amount: int | None
    unit: str | None  # "months", "weeks", "days", "year"
    alternative: str | None = None  # "the member’s renewal date"
    rule: str | None = None  # "whichever is longer"
    text: str = ""  # the duration as written after the dash
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    id: str
    letter: str
    title: str
    off_label: bool
    rule: MeetRule | None
    notes: tuple[Note, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    durations: tuple[ApprovalDuration, ...] = ()
    duration_heading: bool = False  # whether an ``Approval duration:`` line precedes them
    span: Span = _span()
    # the nesting of its criteria was inferred, not read: a copy lost the list's markers and nothing written
    # says where a list inside it ends (a guess: no decision rests on it). How it was read, not what it says,
    # so, like a span, not compared: the same criteria read from a copy with markers are equal.
    inferred: bool = field(default=False, compare=False)
    # the letter a copy gave its ``Approval duration:`` line, lettering it with the sets (``B. Approval
    # duration:`` between sets ``A.`` and ``C.``): the next set's letter skips it. How the list is lettered,
    # not what it says, so not compared.
    duration_letter: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class CriteriaSection:
    id: str  # "I", "II", "III"
    title: str
    sets: tuple[CriteriaSet, ...]
    span: Span = _span()
    # what is written under the heading where no criteria set follows (``III. Diagnoses/Indications for which
    # coverage is NOT authorized:`` / ``Non-FDA approved indications, which are not addressed in this policy, …``
    # as a sentence, without its ``A.``): the section's own text, kept as written
    paragraphs: tuple[Paragraph, ...] = ()


# --- tables and appendices -------------------------------------------------------

Cell = tuple[str, ...]  # a table cell: one string per paragraph inside it


@dataclass(frozen=True, slots=True)
class Row:
    """A table row after page-break stitching; ``key`` is the value of the key column."""

    key: str
    cells: tuple[Cell, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class StateRule:
    """A row of Appendix E: a state with rules against step therapy in cancer."""

    state: str
    prohibited: bool
    mark: str  # footnote mark after Yes/No ("‡", "^") or ""
    notes: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class DosingRow:
    indication: str
    regimen: Cell
    maximum: Cell
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Alternative:
    """A row of Appendix B (therapeutic alternatives)."""

    drug: str
    regimen: Cell
    maximum: Cell
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class HcpcsCode:
    code: str
    description: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class RevisionEntry:
    """One row of the revision log; dates typed (``04.05.21`` → 2021-04-05)."""

    description: str
    date: dt.date | None
    pt_approval: YearMonth | None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Table:
    """A generic table: header cells and stitched rows."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Bullet:
    """An item of a plain list (a list that states no criteria: exclusions, related policies, codes, citations).

    ``id`` is the walk's (``Limitations.b1.2``; a sub-item's adds its place, ``Limitations.b1.2.1``), given when
    the parse ends (:func:`policyvc.parser.walk.with_bullet_ids`); empty for an item no output walks (an
    abbreviations appendix's, read as its abbreviations).  ``marker`` is the label written before it (``3``,
    ``b``, ``iv``), empty for a bullet (``-``, ``•``, ``o``), whose level is in its place; ``text`` its wording
    with the notes written on it; ``children`` the items written under it (an ``o`` under a ``•``).
    """

    id: str
    marker: str
    marker_kind: MarkerKind
    text: str
    children: tuple[Bullet, ...] = ()
    span: Span = _span()

    @property
    def line(self) -> str:
        """The item and its sub-items as one line of words (what a reader of the whole list's wording takes)."""
        return " ".join([self.text, *(c.line for c in self.children)])


@dataclass(frozen=True, slots=True)
class Bullets:
    """A plain list: its items in the order written."""

    items: tuple[Bullet, ...]
    span: Span = _span()


Block = Paragraph | Bullets | Table


@dataclass(frozen=True, slots=True)
class Appendix:
    """An appendix: its blocks as written plus the typed view where one is known."""

    id: str  # "IV.A"
    letter: str
    title: str
    blocks: tuple[Block, ...]
    abbreviations: tuple[tuple[str, str], ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    states: tuple[StateRule, ...] = ()
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Product:
    """A line of section VI: ``Lyophilized powder: 250 mcg single-dose vial``."""

    form: str | None  # "Lyophilized powder"; None when the line names no form
    detail: str  # "250 mcg single-dose vial"
    span: Span = _span()

    @property
    def text(self) -> str:
        return f"{self.form}: {self.detail}" if self.form else self.detail


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    text: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what is written under it, in documents read through their outline.

    Every template but ``centene-pharmacy`` keeps its document's body here: paragraphs, bullets and
    tables as written, criteria groups as :class:`CriteriaSet` (a lead-in or statement and its
    criteria), subsections in their place.  ``id`` is the walk's id (the heading, slugged, under its
    parent's), ``marker`` the heading's own section marker (``II``) if it has one.
    """

    id: str
    title: str
    marker: str
    blocks: tuple[SectionBlock, ...]
    span: Span = _span()


SectionBlock = Paragraph | Bullets | Table | CriteriaSet | Section


@dataclass(frozen=True, slots=True)
class UnreadRegion:
    """A region of a family policy that its grammar could not read (``parse --recover``), kept where it stood.

    ``after`` is the walk id of the node it follows in the document (``header``: right after the head);
    ``blocks`` its text as the outline reader reads it (paragraphs, lists, tables: a heading as a paragraph, a
    criteria group as its lead-in and a list), never a typed criterion; ``expected`` what the grammar expected
    there (its diagnostic's words); ``lines`` its lines as written, which the canonical text writes back in
    place.  How it was read, not what it says, so neither of those two is compared.
    """

    after: str
    blocks: tuple[Block, ...]
    expected: str = field(default="", compare=False)
    lines: tuple[str, ...] = field(default=(), compare=False, repr=False)
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of a family policy as written (``IV. Appendices/General Information``, ``VIII. References``,
    ``Revision Log``): ``id`` is the walk id of the part or section it opens (``description``, ``I``, ``IV``,
    ``VII``, ``log``, a plan's own section's), ``heading`` its numeral and words as the document writes them."""

    id: str
    heading: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class PlanSection:
    """A plan's own section written after a family policy's criteria sections (``VII. Monitoring``,
    ``VI. Continuity of Care``), which the family does not know: read as a plain section (its paragraphs, lists
    and tables as written; it grants nothing), placed after the part or criteria section ``after`` names
    (``III``, ``IV``, ``V``, ``VI``, ``VII``)."""

    after: str
    section: Section


# --- the document --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    generic_name: str
    brand_names: tuple[str, ...]
    reference_number: str
    effective_date: dt.date | None
    last_review: YearMonth | dt.date | None
    lines_of_business: tuple[str, ...]
    extras: tuple[str, ...] = ()  # link lines and the "See Important Reminder…" line
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Policy:
    header: Header
    description: tuple[Paragraph, ...]
    indications_intro: tuple[Paragraph, ...]
    indications: tuple[str, ...]
    criteria_intro: tuple[Paragraph, ...]
    sections: tuple[CriteriaSection, ...]
    appendices_intro: tuple[Block, ...]  # text of section IV before its first appendix
    appendices: tuple[Appendix, ...]
    dosing: tuple[DosingRow, ...]
    dosing_blocks: tuple[Block, ...]
    availability: tuple[Product, ...]
    references: tuple[Reference, ...]
    coding_intro: tuple[Paragraph, ...]
    hcpcs: tuple[HcpcsCode, ...]
    revision_log: tuple[RevisionEntry, ...]
    reminder: tuple[Paragraph, ...]
    # paragraphs after the indications' list (``Limitation(s) of use: …``), in their place after it
    indications_after: tuple[Paragraph, ...] = ()
    # the template the document was read with (``centene-pharmacy``, ``centene-medical``, ``generic``), and,
    # for every template but the pharmacy one, the document's body by its headings
    template: str = "centene-pharmacy"
    body: tuple[Section, ...] = ()
    source_name: str = field(default="", compare=False, repr=False)
    # (``parse --recover`` of a binder: the text after this policy, where further policies start, kept line for
    # line and never read into this one's sections or log; empty for every policy read whole)
    unread: tuple[Paragraph, ...] = ()
    # the header's fields the reader looked for and did not find, each of which it warned of (``found no title in
    # the document``): ``title``, ``reference``, ``effective``; empty for the pharmacy grammar, which requires them
    not_found: tuple[str, ...] = ()
    # (``parse --recover`` of a family policy: each region its grammar set aside, its text kept where it stood;
    # empty for every policy read whole)
    unread_regions: tuple[UnreadRegion, ...] = ()
    # (a family policy: a plan's own sections after the criteria sections, each after the part it followed)
    plan_sections: tuple[PlanSection, ...] = ()
    # (a family policy: its headings as written, each by the id of the part or section it opens, in document
    # order. How the document names its parts, not what it says, so not compared: an edition that numbers its
    # references VIII reads equal to one numbering them VII)
    headings: tuple[Heading, ...] = field(default=(), compare=False)

    @property
    def reference_number(self) -> str:
        return self.header.reference_number


def iter_criteria(items: tuple[Criterion, ...]) -> list[Criterion]:
    """All criteria of a subtree in document order (pre-order)."""
    out: list[Criterion] = []
    stack = list(reversed(items))
    while stack:  # iterative: nesting depth is unbounded
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def all_criteria(policy: Policy) -> list[Criterion]:
    """Every criterion of every set of every section, in document order."""
    return [c for sec in policy.sections for s in sec.sets for c in iter_criteria(s.criteria)]
