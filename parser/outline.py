"""The outline of any clinical policy: headings, lists with their connectives, paragraphs, tables, notes.

The text front (:func:`~policyvc.parser.text_styles.prepare`, page furniture removed by the shared
rules of :mod:`~policyvc.parser.furniture`) and the normaliser bring any document to the line form;
here each line becomes one token (:class:`LineKind`), ``grammar/outline.lark`` groups the tokens into
blocks with lark's LALR parser, and the blocks are assembled into a tree of frozen nodes:

* **headings** — a line in the heading vocabulary (the shared one and the template's), a markdown
  ``#`` heading, a roman or letter section marker before a short title (``II. Scope``), or a short
  title-like line standing on its own.  Vocabulary headings open a top-level section; the others a
  section inside it;
* **lists** to any depth, the level of each item read from its marker (:mod:`~policyvc.parser.markers`):
  an item continues the open level whose next ordinal it is, or opens a level under the item above
  (the first ordinal); ``i.`` after ``h.`` is decided by the marker after it, then by whether the
  item above announces a list (ends with ``:``).  A group's connective comes from its wording (the
  item's own, or the lead-in paragraph's: ``all of the following``, ``ANY``, ``both of``, ``at least
  two``) or else from its items' trailing ``AND`` / ``OR``;
* **paragraphs**, **tables** (a row's cells split by tabs; a row without its key cell goes on the row
  above, a repeated header row is dropped) and **notes** (``*…``, ``Note:``).

Nothing here raises on text: every line is placed; a marker out of sequence is kept where it reads
best and gets a ``warning`` diagnostic.  No lark object leaves this module.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any, cast

from lark import Lark, Token, Transformer
from lark.common import LexerConf
from lark.lexer import Lexer

from policyvc.lazy_re import lazy
from policyvc.parser.connective import connective_only, named_items, read_connective, read_meet_rule
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.joining import continue_row, join_wrapped
from policyvc.parser.markers import Marker, decimal_depth, footnote_line, read_item_marker, read_marker, stars_a_word
from policyvc.parser.nodes import Connective, MarkerKind, Paragraph, Row, Span, Table
from policyvc.parser.space_tables import CODE
from policyvc.parser.template_spec import BACK_MATTER as _BACK_MATTER
from policyvc.parser.template_spec import BACK_MATTER_NAME as _BACK_MATTER_NAME
from policyvc.parser.template_spec import HEADINGS, names_several
from policyvc.parser.written_dates import DATE, HISTORY_HEADER, read_date

__all__ = [
    "HEADINGS",
    "LineKind",
    "OBlock",
    "OItem",
    "OList",
    "ONote",
    "OSection",
    "Outline",
    "OutlineLine",
    "group_connective",
    "read_outline",
    "reads_as_paragraph",
]

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "versus",  # (a title that weighs two things: ``Active Treatment versus Maintenance Care``)
        "via",
        "vs",
        "vs.",
        "with",
        "without",
        "within",
        "and/or",
    ]
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*$")
_LETTERS = lazy(r"^\W*[^\W\d_]+(?:[-'’/&][^\W\d_]+)*\W*$")  # a word of letters only (no code, no number)
_REMARK = lazy(r"^\([^()]+\)$")  # a remark in parentheses, the whole of what follows a heading's colon
_ASIDE_STATES = lazy(r"\b(?:all|any|one|both|none|either|each|must|met|required)\b", re.I)  # (a lead-in's rule)
_ASIDE = lazy(r"\s\((?:[^()\s]+\s+){2,}[^()\s]+\)$")  # a remark (three words or more) in parentheses closing a line
_NOTE = re.compile(r"^(?:\*(?=[^\s*])|(?:Notes?|NOTES?)(?:\s+\d+)?\s*[:.–-]\s*)")
_LABELLED = re.compile(r"^[A-Z][\w/&()'’,.# -]{0,40}?:\s+\S")
_LEADER = re.compile(r"\.{4,}|…{2,}|(?:\. ){4,}")  # a table of contents' or a header's dotted leader
_SENTENCE_END = re.compile(r"[.;:!?]\s*$|[.;:!?][)”\"]\s*$")
_TRAILING = re.compile(r"(?:^|[\s,;\[_*])(?P<word>AND|OR|and|or)[\]_*]*\s*[.:;,]?\s*$")
_LEAD_WORDS = re.compile(
    r"\b(?P<word>all|any|one|both|none|either|each)\b(?:\s+\w+)?\s+of\s+(?:the\s+)?"
    r"(?:following|these|below|criteria|conditions|requirements)",
    re.I,
)
_UPPER_WORDS = lazy(r"\b(?P<word>ALL|ANY|ONE|BOTH|NONE|EITHER)\b")
_MAX_DEPTH = 64
_CONDITION_END = lazy(r"\b(?:when|if|unless|provided\s+that)$", re.I)
# a paragraph that speaks of what follows it (``… any one of the following be documented.``, ``… listed below``)
_FORWARD = lazy(r"\b(?:following|below)\b", re.I)


class LineKind(StrEnum):
    """What a line of the line form is (the grammar's terminals)."""

    HEADING = "HEADING"
    PARA = "PARA"
    CONT = "CONT"
    ITEM = "ITEM"
    BULLET = "BULLET"
    NOTE = "NOTE"
    ROW = "ROW"
    MORE_ROW = "MORE_ROW"
    BLANK = "_BLANK"


class HeadingStyle(StrEnum):
    """How a heading is written: what its level is inferred from (see :class:`_Levels`)."""

    MARKDOWN = "markdown"  # ``## Title``: its level is written
    DECIMAL = "decimal"  # ``1.`` ``1.1`` ``1.1.1``: one level deeper per number
    ROMAN = "roman"  # ``II. Scope``
    LETTER = "letter"  # ``B. Policy``
    SECTION = "section"  # ``Section A``, ``Part 2: Coverage``, ``Article IV``
    PLAIN = "plain"  # no marker: a known heading, or a short title-like line


@dataclass(frozen=True, slots=True)
class _HeadingLine:
    title: str
    marker: str
    style: HeadingStyle
    depth: int  # the markdown level or the decimal numbering's depth; else 1
    known: bool  # in the heading vocabulary


@dataclass(frozen=True, slots=True)
class OutlineLine:
    """A line of the line form and the 1-based line of the user's file it came from."""

    text: str
    line: int


# --- the outline's nodes ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ONote:
    """A note (``*…``, ``Note: …``) where it stands."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class OItem:
    """A list item: its marker (``iv``; empty for a bullet), numbering system, text as written (its
    trailing ``OR`` kept), and, for a group, its items and connective."""

    marker: str
    kind: MarkerKind
    upper: bool
    style: str
    text: str
    children: tuple[OItem, ...]
    notes: tuple[ONote, ...]
    connective: Connective | None
    at_least: int | None
    span: Span


@dataclass(frozen=True, slots=True)
class OList:
    """A list at the top of its section: the paragraph that leads into it (``…all of the following:``)
    if any, the connective of its top items, and the items."""

    lead_in: str
    connective: Connective | None
    at_least: int | None
    items: tuple[OItem, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class OSection:
    """A heading (empty for the text before the first one) and the blocks under it."""

    title: str
    marker: str
    level: int
    blocks: tuple[OBlock, ...]
    span: Span


OBlock = Paragraph | Table | OList | ONote | OSection


@dataclass(frozen=True, slots=True)
class Outline:
    """The document's outline and what was noticed reading it."""

    root: OSection
    diagnostics: tuple[Diagnostic, ...] = ()
    # the source lines of list items whose nesting was inferred, not read (``unmarked_lists``): a guess
    inferred: frozenset[int] = frozenset()

    def sections(self) -> Iterator[OSection]:
        """Every section, pre-order."""
        stack = [self.root]
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed([b for b in s.blocks if isinstance(b, OSection)]))


# --- connectives -------------------------------------------------------------------------------------------

_WORD_CONNECTIVE = {
    "all": Connective.ALL,
    "each": Connective.ALL,
    "any": Connective.ANY,
    "one": Connective.ANY,
    "either": Connective.ANY,
    "both": Connective.BOTH,
    "none": Connective.NONE,
}


def trailing_connective(text: str) -> Connective | None:
    """``ALL`` for an item ending in ``AND`` / ``; and``, ``ANY`` for ``OR`` / ``, or``; else ``None``."""
    m = _TRAILING.search(text)
    if not m:
        return None
    return Connective.ALL if m.group("word").lower() == "and" else Connective.ANY


def group_connective(lead: str, items: Sequence[str]) -> tuple[Connective | None, int | None]:
    """How a group's items combine: from the wording that leads into them, else from the items'
    trailing ``AND`` / ``OR`` (the last item's is not counted: it may lead on past the group)."""
    meet = read_meet_rule(lead) if "must meet" in lead.lower() else None
    if meet is not None:
        return meet[0], None
    reading = read_connective(lead)
    if reading.connective is not None:
        return reading.connective, reading.at_least
    if m := _LEAD_WORDS.search(lead):
        return _WORD_CONNECTIVE[m.group("word").lower()], None
    if lead.rstrip().endswith(":") and (m := _UPPER_WORDS.search(lead)):
        return _WORD_CONNECTIVE[m.group("word").lower()], None
    if (named := named_items(lead, items)) is not None:  # (``… meets Group I or Group II:`` over ``Group I – …``)
        return named, None
    found = {c for c in (trailing_connective(t) for t in items[:-1]) if c is not None}
    if len(found) == 1:
        return found.pop(), None
    return None, None


# --- lines → tokens ---------------------------------------------------------------------------------------


# a postal address's end, a state and its ZIP code (``7500 Security Boulevard, Baltimore, MD 21244``: a site's
# footer, a plan's mailing address — never a heading)
_POSTAL = lazy(r",\s*[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?$")
# a page footer's place after the publisher's name and a separator (``<agency> · Olympia, WA``, ``<plan> | Des
# Moines, IA``): a city, a comma and a state's two capitals ending the line — a site's footer, never a heading
# (the city's words each a capital and lower case: ``Factor VIII, IX`` after a bar is a title's, no place)
_PLACE = lazy(r"\S\s+[·•|]\s+[A-Z][a-z]+\.?(?:[ -][A-Z][a-z]+\.?){0,3},\s*[A-Z]{2}$")


def title_like(text: str) -> bool:
    """A short line in title case (or capitals) without a sentence's end: a heading when it stands alone.

    A remark in parentheses closing the line (``Inclusionary and Exclusionary Guidelines
    (Clinical features which may impact treatment)``) is the title's aside: its case is not the title's (a
    name's expansion or a drug's generic name, ``DUPIXENT (dupilumab injection)``, is no remark: a few words;
    nor, whatever its length, the generic name after a brand's mark, ``Victoza® (liraglutide subcutaneous
    injection)``; nor a lead-in's rule, ``Continuation of Therapy (all must be met)``)."""
    t = text.strip().removesuffix(":").strip()
    if (
        not t
        or _LABELLED.match(t)
        or _POSTAL.search(t)
        or _PLACE.search(t)
        or _LEADER.search(t)
        or len(t) > 90
        or t[-1] in ".;,!?"
        or not (t[0].isupper() or t[0].isdigit())
    ):
        return False
    words = t.split()
    if len(words) > 12 or (len(words) == 1 and len(t) < 3):
        return False
    if t.isupper():
        return True
    aside = _ASIDE.search(t)
    # (after a brand's mark, the parentheses hold the drug's generic name and form, ``Victoza® (liraglutide
    # subcutaneous injection)``: a product table's cell, never a heading's remark)
    brand = aside is not None and t[: aside.start()].rstrip().endswith(("®", "™"))
    if aside and aside.start() > 0 and not brand and not _ASIDE_STATES.search(aside.group()):
        words = t[: aside.start()].split()
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and all(not w[0].isalpha() or w[0].isupper() for w in content)


def _after_codes(above: str, text: str) -> bool:
    """Whether ``text`` starts anew under a line of codes alone (``Established codes:`` / ``97112 97110 97530`` /
    ``Other codes (investigational):``): a list of codes ends with its line, and what starts with a capital
    below it is the next label or sentence, never more of the list's."""
    return codes_line(above) and text[:1].isupper()


def codes_line(text: str) -> bool:
    """Whether ``text`` is a line of codes or numbers (``90867 90868 90869``, ``0889T 0890T 0891T``; not one
    alone, nor a date): no word of letters, so never a heading (a table's cells, a list of codes, an identifier)."""
    words = text.split()
    if any(_LETTERS.search(w) for w in words) or "/" in text:
        return False
    # (one code, number or date alone may be a cell of a table printed a cell a line — a field's value, a
    # history's date — which the header's and the history's readers read there)
    return len(words) > 1


def _titled_pair(text: str) -> bool:
    """Whether ``text`` is a name in two title-like parts set apart by a colon (``Obstructive Sleep Apnea:
    Surgical Treatment``): a related policy's or a chapter's name, no field's label and value."""
    head, colon, rest = text.strip().partition(": ")
    return bool(colon) and title_like(head) and title_like(rest)


_NEARLY_TITLED = 4  # content words a title writing one of them in lower case has at least


def _nearly_titled(text: str) -> bool:
    """Whether ``text`` is a title that writes one word of its own in lower case (``Products Referenced by this
    Document``): four content words or more, the first and last capitalised, no sentence's end, short (a
    heading where it stands alone between blank lines)."""
    t = text.strip()
    if not t or len(t) > _SUBHEADING or _LABELLED.match(t) or t[-1] in ".;,!?:" or not t[:1].isupper():
        return False
    content = [w for w in t.split() if w.lower() not in _SMALL_WORDS]
    lower = [w for w in content if w[0].isalpha() and not w[0].isupper()]
    return len(content) >= _NEARLY_TITLED and len(lower) == 1 and content[-1][:1].isupper()


_NUMBERED_APPENDIX = lazy(r"^(?:Appendix|Attachment|Exhibit)\s+(?:[A-Z]|\d{1,2})$")


def _known_pair(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``text`` is a heading of the vocabulary and a title after its colon (``Appendix: Schnur Sliding
    Scale``: the section's heading naming what it holds, no field, whose value is no title) or a remark in
    parentheses (``Policy Guidelines: (These guidelines are consistent with …)``)."""
    head, colon, rest = text.strip().partition(": ")
    # (an appendix named by its letter or number, ``Appendix B: Therapeutic Alternatives``, is the vocabulary's
    # ``Appendix`` as much as an unnumbered one)
    if not (colon and (_is_heading(head, vocabulary) or _NUMBERED_APPENDIX.match(head))):
        return False
    # (or a remark in parentheses after it: ``Policy Guidelines: (These guidelines are consistent with …)``)
    return (title_like(rest) and not codes_line(rest)) or bool(_REMARK.match(rest))


def _heading_remark(text: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """A heading of the vocabulary and the remark in parentheses after its colon, apart (``Policy Guidelines``,
    ``(These guidelines are consistent with …)``) — or after a known heading or the back matter's name with
    no colon, a remark of three words or more (``(continued)`` stays the title's) — or None."""
    head, colon, rest = text.strip().partition(": ")
    if colon and _is_heading(head, vocabulary) and _REMARK.match(rest.strip()):
        return head, rest.strip()
    # (or without a colon, a remark of a few words: ``CPT/HCPCS Level II Codes (Note: The inclusion of a code …)``)
    if (aside := _ASIDE.search(text.strip())) and aside.start() > 0:
        head, inner = text.strip()[: aside.start()].strip(), aside.group().strip()
        # (a part of the title in title case is no remark: ``Applicable Billing Codes (HCPCS & CPT Codes)``)
        if (_is_heading(head, vocabulary) or _BACK_MATTER_NAME.match(head)) and not title_like(inner[1:-1]):
            return head, inner
    return None


def _is_heading(text: str, vocabulary: frozenset[str]) -> bool:
    return " ".join(text.split()).removesuffix(":").strip().casefold() in vocabulary


# The name of a kind of criteria a drug or service is approved by at one stage of its course (``Initial Approval
# Criteria``, ``Continuation of Therapy``, ``Reauthorization``, ``Renewal Criteria``): a stage's name, then what
# is approved at it — never a condition or a place (``General``, ``Nationally Covered Indications``, ``Other``).
_STAGE_NAME = lazy(
    r"^(?:initial|continu(?:ation|ed|ing)|renewal|re-?authori[sz]ation|re-?certification|subsequent)"
    r"(?:\s+(?:of|for))?(?:\s+(?:approval|authori[sz]ation|therapy|treatment|coverage|requests?|review|criteria))*$",
    re.I,
)


def _letter_item(text: str) -> bool:
    found = read_item_marker(text.strip())
    return found is not None and found[0].upper and any(k is MarkerKind.LETTER for k, _ in found[0].readings)


def _stage_heading(marker: Marker, rest: str, above: str, below: str) -> bool:
    """``A. Initial Approval Criteria`` / ``B. Continuation of Therapy``: an upper-case letter marker before the
    title-case name of a stage's criteria is the heading of the criteria listed under it — unless a letter's
    item stands right above or below it (then the names are a list's items: ``A. Initial Therapy`` / ``B. …``)."""
    if not (marker.upper and marker.style == "." and any(k is MarkerKind.LETTER for k, _ in marker.readings)):
        return False
    title = rest.strip().removesuffix(":").strip()
    if not (title_like(title) and _STAGE_NAME.match(" ".join(title.split()))):
        return False
    return not _letter_item(above) and not _letter_item(below)


def _marker_heading(marker: Marker, rest: str, vocabulary: frozenset[str]) -> bool:
    """``II. Scope``: an upper-case roman or letter marker before a heading, not before a criterion;
    ``2. References``: a number before a heading of the vocabulary.

    A roman marker before a short title is a section's (``II. Purpose/Objective:``, ``I. Policy: Knee
    Arthroplasty`` — a title, or a label and a title-like value)."""
    if marker.style == "." and rest and marker.readings[0][0] is MarkerKind.NUMBER:
        return _is_heading(rest, vocabulary)
    if not marker.upper or marker.style != "." or not rest:
        return False
    if _is_heading(rest, vocabulary):
        return True
    kinds = {k for k, _ in marker.readings}
    title = rest.removesuffix(":").strip()
    if MarkerKind.ROMAN in kinds:
        if len(title.split()) <= 8 and title_like(title) and not rest.endswith(":"):
            return True
        label, _, value = title.partition(": ")
        if len(title.split()) <= 6 and title_like(label) and (not value or title_like(value)):
            return True  # (``Purpose/Objective:``, ``Policy: Total Knee Arthroplasty``)
    return False


_TEXTUAL = frozenset({LineKind.PARA, LineKind.CONT, LineKind.ITEM, LineKind.BULLET, LineKind.NOTE})


def tokens(
    lines: Sequence[OutlineLine], vocabulary: frozenset[str], running: frozenset[str] = frozenset()
) -> list[Token]:
    """One token per line (runs of blank lines: one ``_BLANK``); see :class:`LineKind`.

    A page break inside a sentence leaves no trace: blank lines between a line that does not end a
    sentence and one that goes on in lower case (or with a number, after a word that needs the next) are
    no paragraph break, and a line of ``running``
    (the document's running header, case-folded) found there is dropped.
    """
    out: list[Token] = []
    prev = LineKind.BLANK
    prev_text = ""
    last, last_text = LineKind.BLANK, ""  # the last line that was not blank
    blank: Token | None = None  # blank lines not yet emitted
    width = 0  # the tabs of the open table's first row
    said: set[str] = set()  # the lines of ``running`` read so far
    sub_items = lower_decimal_items(lines)
    blocks_a_line = _line_per_block(lines)
    width_of = max((len(ln.text.strip()) for ln in lines if "\t" not in ln.text), default=0)  # (a print's width)
    wide = any(len(ln.text) > 2 * _SUBHEADING for ln in lines)  # (a short line is no wrapped line of a wide text)
    apart = False  # the line above was set apart between two sentences: the next line is no more of it
    after_list = False  # the line above is a sentence of its own right under a list's item (:func:`_after_item`)
    sibling = False  # a subheading in sentence case was found over its lead-in: the document sets them so
    body = False  # a heading of the vocabulary was read: the head's fields are above
    starred = False  # a word above is marked for a footnote with an asterisk (``(Ajovy)*``)
    roman = 0  # the numeral of the last section headed with an upper-case roman marker (``II. Continued Therapy``)
    for k, ln in enumerate(lines):
        text = ln.text.strip() if "\t" not in ln.text else ln.text.strip("\n")
        was_starred, starred = starred, starred or stars_a_word(text)
        if not text.strip():
            in_table = prev in (LineKind.ROW, LineKind.MORE_ROW)
            after = _next_text(lines, k)
            # (a code's row with fewer tabs: the family's text front drops a row's empty last cells)
            cut = 0 < after.count("\t") < width and CODE.fullmatch(after.split("\t")[0].strip()) is not None
            if in_table and "\t" in after and (after.count("\t") == width or cut):
                continue  # blank lines between one table's rows (pdftotext, a browser's cell padding)
            if prev is not LineKind.BLANK and blank is None:
                blank = Token(LineKind.BLANK.value, "", line=ln.line)
            prev, prev_text = LineKind.BLANK, ""
            continue
        open_sentence = (
            last in _TEXTUAL
            and not _SENTENCE_END.search(last_text)
            and "\t" not in text
            and not _LABELLED.match(last_text)  # (a field line ``Effective: 2/2/2020`` is whole)
        )
        if running and (name := text.casefold()) in running:
            # a running header inside a sentence — never a line's first time (the document's own head
            # line, run on by its next line, is its text: ``… Criteria for`` / ``internal use by …``)
            repeated = name in said or name == "clinical policy"
            said.add(name)
            if repeated and open_sentence and _goes_on(lines, k):
                continue
        if blank is not None:
            open_paren = last_text.count("(") > last_text.count(")")  # (``(CPT`` then ``81235) is …``)
            # (a number goes on a sentence whose last word needs the next: ``… between the 31st and`` / ``91st day``)
            number = text[:1].isdigit() and _OPEN_END.search(last_text) is not None
            goes_on = text[:1].islower() or text[:1] in "([" or open_paren or number
            if open_sentence and goes_on and read_item_marker(text) is None:
                prev, prev_text = last, last_text  # the sentence goes on past the page break
            else:
                out.append(blank)
            blank = None
        was_apart, apart = apart, False
        was_after_list, after_list = after_list, False
        if text.startswith("\\") and text[1:2].strip():  # ``\Index``: text that would read as something else
            text = text[1:]
            kind = LineKind.CONT if prev in _TEXTUAL else LineKind.PARA
        elif k in sub_items:
            kind = LineKind.ITEM  # (``3.1 methotrexate`` under ``3 - … one of the following:``)
        elif "\t" not in text and footnote_line(text, was_starred):
            kind = LineKind.NOTE  # (``¹ Per FDA label``, ``† Off-label use`` under a list: a note, never an item)
        else:
            kind = _line_kind(text, prev, prev_text, lines, k, vocabulary)
            # a subheading in sentence case above its text (``Repeat testing`` / ``Repeat HSAT is …``), in a text
            # written a block a line or set apart between two sentences (``… relief.`` / ``Indications that are
            # covered`` / ``Reduction mammaplasty is … met:``)
            if (
                kind is LineKind.CONT
                and (
                    was_apart
                    or (blocks_a_line and prev is LineKind.PARA and _whole_phrase(prev_text, text))
                    or (prev is LineKind.PARA and (_links_line(prev_text) or _crumbs_line(prev_text)))
                    # (and a trail is no more of the line above it: a site's link or name,
                    # ``Virginia.gov  Find an Agency``)
                    or (prev is LineKind.PARA and _crumbs_line(text) and text.rstrip()[-1:].isalnum())
                )
            ):
                kind = LineKind.PARA
            elif (
                kind is LineKind.CONT
                and prev in (LineKind.PARA, LineKind.CONT)
                and _set_apart(prev_text, text, lines, k)
            ):
                kind, apart = LineKind.PARA, True
            elif kind is LineKind.CONT and prev in (LineKind.PARA, LineKind.CONT) and _after_codes(prev_text, text):
                kind = LineKind.PARA  # (``97112 97110 97530`` / ``Other codes (investigational):``: a new block)
            elif kind is LineKind.PARA and prev is LineKind.BLANK and wide and _short_phrase(text, lines, k):
                apart = True  # (the same phrase a blank line above sets off: the line below is no more of it)
            elif (
                kind is LineKind.CONT
                and prev in (LineKind.ITEM, LineKind.BULLET)
                and _after_item(prev_text, text, width_of)
            ):
                kind, after_list = LineKind.PARA, True
            elif (
                kind is LineKind.CONT
                and was_after_list
                and _SENTENCE_END.search(prev_text)
                and _leads_a_list(_sentence_at(lines, k), prev_text)
            ):
                kind = LineKind.PARA  # (a lead-in under the sentence after a list, as under an item's own sentence)
            if kind in (LineKind.PARA, LineKind.CONT) and _subheading(
                text, last, last_text, lines, k, blocks_a_line, width_of, sibling
            ):
                kind, sibling = LineKind.HEADING, True
            elif kind in (LineKind.PARA, LineKind.CONT) and body and _pair_heading(text, last_text, lines, k):
                kind = LineKind.HEADING
        if kind is LineKind.ITEM and roman and _next_section(text, roman):
            kind = LineKind.HEADING  # (``III. Diagnoses/Indications for which coverage is NOT authorized:``)
        if kind is LineKind.HEADING and _is_heading(text, vocabulary):
            body = True
        if kind is LineKind.HEADING and (numeral := _roman_section(text)):
            roman = numeral
        if kind is LineKind.HEADING and _sentence_cased(text):
            sibling = True  # (a heading a print's font states in sentence case: the document sets them so too)
        if kind is LineKind.ROW:
            width = text.count("\t")
        if kind is LineKind.HEADING and (remark := _heading_remark(text, vocabulary)) is not None:
            # (the heading, then its remark as the section's first paragraph: the section is named by its heading)
            out.append(Token(kind.value, remark[0], line=ln.line, end_line=ln.line, column=1))
            kind, text, apart = LineKind.PARA, remark[1], True  # (a block of its own: the next line is no more of it)
        out.append(Token(kind.value, text, line=ln.line, end_line=ln.line, column=1))
        prev, prev_text = kind, text
        last, last_text = kind, text
    if blank is not None:
        out.append(blank)
    return out


_SECTION_WORDS = 12  # the most words a section's title numbered on from the sections above has


def _roman_section(text: str) -> int:
    """The numeral of a heading written with an upper-case roman marker (``II. Continued Therapy``: 2), else 0."""
    found = read_item_marker(text)
    if found is None or not found[0].upper or found[0].style != ".":
        return 0
    return next((v for kind, v in found[0].readings if kind is MarkerKind.ROMAN), 0)


def _next_section(text: str, roman: int) -> bool:
    """Whether ``text``, read as an item, is the next section after sections headed ``I.`` … ``<roman>.``: its
    upper-case roman marker the next numeral and a title of a few words, no sentence's end (``III.
    Diagnoses/Indications for which coverage is NOT authorized:`` after ``II. Continued Therapy``) — a
    section's marker, never an item of the list above."""
    if _roman_section(text) != roman + 1:
        return False
    rest = text.split(None, 1)[1] if len(text.split(None, 1)) > 1 else ""
    return 0 < len(rest.split()) <= _SECTION_WORDS and not re.search(r"[.;!?]\s*$", rest) and rest[:1].isupper()


_BLOCK_LINE = 140  # a line this long is a paragraph written on one line: the text is not wrapped to a width
_OPEN_PHRASE = lazy(
    r"(?:[,;(\-–—/]|\b(?:and|or|of|the|a|an|to|for|with|in|on|by|at|from|as|per|than|that|which))$", re.I
)


def _line_per_block(lines: Sequence[OutlineLine]) -> bool:
    """Whether the text writes each block on one line (a web page or viewer copy without blank lines), not
    wrapped to a width: several lines longer than any print's, and no line going on in lower case below one
    that stops mid-sentence (a wrapped paragraph has those on every page)."""
    texts = [ln.text.strip() for ln in lines if ln.text.strip() and "\t" not in ln.text]
    if sum(1 for t in texts if len(t) > _BLOCK_LINE) < 3:
        return False
    wraps = sum(
        1
        for a, b in itertools.pairwise(texts)
        if b[:1].islower() and not _SENTENCE_END.search(a) and read_item_marker(b) is None
    )
    return wraps * 50 <= len(texts)


_SUBHEADING = 60  # characters: a line this short standing between two sentences is no wrapped line of either
_PERIOD_END = lazy(r"\.[)\"”’]*$")


def _after_item(item: str, text: str, width: int) -> bool:
    """Whether ``text``, right under a list item's only line, is a sentence of its own after the list: the item
    ended its sentence with a period well short of the text's width (its line had room for the next word: no
    wrapped item stops there), and ``text`` starts a sentence (``• An exposed blood vessel, nerve or organ.`` /
    ``Continued coverage beyond 4 months … requires …``, as a web page's copy writes a paragraph after a list)."""
    if not (_PERIOD_END.search(item) and text[:1].isupper() and width > 0):
        return False
    first = text.split(" ", 1)[0]
    return len(item) + 1 + len(first) < _SHORT_OF * width and len(text.split()) > _SUBHEADING_WORDS


def _set_apart(above: str, text: str, lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether ``text``, below a line that ends a sentence, is a short phrase of its own above a line that
    starts another (a subheading in sentence case between a paragraph and its section's lead-in): a wrapped
    line fills the width, and a paragraph's last line ends its sentence."""
    return _SENTENCE_END.search(above) is not None and _short_phrase(text, lines, k)


def _short_phrase(text: str, lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether ``text`` (line ``k``) is a short phrase with no punctuation of its own above a line that starts
    with a capital: a subheading's shape, never a wrapped line's."""
    if not (text[:1].isupper() and len(text) <= _SUBHEADING):
        return False
    if _SENTENCE_END.search(text) or _OPEN_PHRASE.search(text.rstrip()) or read_item_marker(text) is not None:
        return False
    below = lines[k + 1].text.strip() if k + 1 < len(lines) else ""
    return below[:1].isupper()


_SHORT_OF = 0.8  # a line shorter than this share of the text's width stops short of it: its block ends there
_SUBHEADING_WORDS = 8  # a subheading in sentence case names its topic in a few words
_SUBHEADING_BLOCK = 90  # characters: (a text written a block a line) as long as a title (:func:`title_like`)
_ENDS_STATEMENT = lazy(r"[.;!?][)”\"]?\s*$")  # a sentence's or a criterion's end (not a lead-in's colon)


def _subheading(
    text: str,
    last: LineKind,
    last_text: str,
    lines: Sequence[OutlineLine],
    k: int,
    line_per_block: bool,
    width: int,
    sibling: bool = False,
) -> bool:
    """Whether ``text`` (line ``k``) is a subheading in sentence case over a list's lead-in (``Indications that
    are covered`` / ``Reduction mammaplasty is … when ALL of the following criteria are met:`` / ``1. …``).

    It is a short phrase of a few words (no sentence's end, no colon, no marker, no field, not a line of codes,
    no words of a lead-in) standing apart from the block above — a heading, or a sentence or criterion that ends
    there (in a text written a block a line, where no line is wrapped, any list item) — and the next line is a
    lead-in of its own: a sentence ending in ``:`` with a list right below it — or, once the document has set a
    subheading so (``sibling``), a paragraph.  Anything less stays a paragraph (fail safe: a wrong heading splits
    a list and changes its criteria's ids)."""
    # (where no line is wrapped a longer phrase is no wrapped line's start either: a long name in its few words,
    # ``When Microprocessor-Controlled Lower Limb Prostheses are covered``)
    # (and in a wrapped copy one stopping well short of the text's width: no wrapped line's start fills so little)
    longest = _SUBHEADING_BLOCK if line_per_block else max(_SUBHEADING, min(_SUBHEADING_BLOCK, int(_SHORT_OF * width)))
    if not (text[:1].isupper() and len(text) <= longest and len(text.split()) <= _SUBHEADING_WORDS):
        return False
    if _SENTENCE_END.search(text) or _OPEN_PHRASE.search(text.rstrip()) or read_item_marker(text) is not None:
        return False
    if _LABELLED.match(text) or _LEAD_WORDS.search(text) or _FORWARD.search(text):
        return False
    if codes_line(text):
        return False
    # (a list item's line that ends no sentence ends the item where no line is wrapped, or where it stops well
    # short of the text's width and at no word that needs the next)
    short = line_per_block or (len(last_text) < _SHORT_OF * width and not _OPEN_END.search(last_text))
    # (or a phrase in title case, two words or more, whose first word the item's line had room for: a wrapped
    # item's rest fills its line or ends a sentence — ``• … such as a planned epidural injection or surgery`` /
    # ``Red Flag Conditions`` / its lead-in, a print's list then the next subsection's heading)
    first = text.split(" ", 1)[0]
    short = short or (
        len(text.split()) >= 2
        and title_like(text)
        and not text.isupper()
        and len(last_text) + 1 + len(first) < width
        and not _OPEN_END.search(last_text)
    )
    above = (
        last is LineKind.HEADING
        or _ENDS_STATEMENT.search(last_text) is not None
        or (short and last in (LineKind.ITEM, LineKind.BULLET) and not last_text.rstrip().endswith(":"))
        or _field_above(last_text, lines, k)
        or (last in (LineKind.ROW, LineKind.MORE_ROW) and k > 0 and not lines[k - 1].text.strip())
    )
    if not above:
        return False
    j = k + 1  # the lead-in's first line, then the line below its end
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    if j < len(lines) and "\t" in lines[j].text:
        # (a table: a subheading's where the document has set its subheadings so already — ``Dose and quantity
        # limitations`` / ``Drug | Dose | Quantity limit`` after ``Medical necessity`` over its lead-in)
        return sibling
    if j >= len(lines):
        return False
    if sibling and j > k + 1 and _set_off_block(text, lines[j].text.strip()):
        # (a web copy that sets its subheadings in sentence case, a blank line below each: a phrase over a list
        # of its own — ``Alternative covered services`` / ``• …`` — or a history's dated lines — ``Policy updates``
        # / ``2/2026: …``)
        return True
    if read_item_marker(lines[j].text.strip()) is not None:
        return False
    lead = lines[j].text.strip()
    j += 1
    while not lead.rstrip().endswith(":") and j < len(lines) and j - k <= 2 * _SENTENCE_LINES:
        below = lines[j].text.strip()
        if not below and not _SENTENCE_END.search(lead):
            j += 1  # (blank lines inside a sentence: a print's break, which the tokens read through too)
            continue
        if not below or not below[:1].islower() or read_item_marker(below) is not None:
            break
        lead = join_wrapped(lead, below)
        j += 1
    if len(lead.split()) <= _SUBHEADING_WORDS // 2:
        return False
    if _LABELLED.match(lead):
        # (a field below, never a subheading's text — but a paragraph of sentences led by a label, once the
        # document has set its subheadings so: ``Authorization period`` / ``Initial authorization: 6 months. …``)
        return sibling and len(lead.split()) > _SUBHEADING_WORDS and _ENDS_STATEMENT.search(lead) is not None
    if not lead.rstrip().endswith(":") and _states_rule(lead) and _list_below(lines, j):
        # (a lead-in that states its list's rule without a colon, a checklist's: ``Inclusion Criteria`` / ``The
        # answers to ALL of the following must be fulfilled`` / ``□ …``)
        return True
    if not lead.rstrip().endswith(":"):
        # (a paragraph: a subheading's where the document has set its subheadings so already — ``When Policy
        # Topic is not covered`` / ``Genetic testing of … is not covered.`` after ``When Policy Topic is covered``)
        return sibling and _ENDS_STATEMENT.search(lead) is not None
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    return j < len(lines) and read_item_marker(lines[j].text.strip()) is not None


# A dated line of a history written as lines (``2/2026: Policy references updated.``, ``03/15/2025 - Revised``)
_DATED_LINE = lazy(r"^\d{1,2}/(?:\d{1,2}/)?\d{4}\s*(?::|[–—-]\s)\s*\S")


def _set_off_block(text: str, below: str) -> bool:
    """Whether ``below``, the first line past the blank line under ``text``, opens a block a heading ``text`` may
    head: a bulleted list (never a numbered one, which a lead-in's words may announce), or, under a phrase naming
    a history, a dated line."""
    marker = read_item_marker(below)
    if marker is not None:
        return bool(_BULLET_START.match(below))
    return _HISTORY_HEADING.search(text) is not None and _DATED_LINE.match(below) is not None


def _states_rule(lead: str) -> bool:
    """Whether ``lead`` names how the list below it combines (``ALL of the following``, ``If ONE is selected, …
    NOT eligible``): a lead-in however it ends."""
    return _LEAD_WORDS.search(lead) is not None or read_connective(lead).connective is not None


def _list_below(lines: Sequence[OutlineLine], j: int) -> bool:
    """Whether the first line with text from ``j`` on starts with a list's marker."""
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    return j < len(lines) and read_item_marker(lines[j].text.strip()) is not None


def _sentence_cased(heading: str) -> bool:
    """Whether a heading's words are in sentence case (``## Medical necessity``, ``Coverage criteria``): a
    capital first, then a word of letters in lower case — a title-case heading (``Prior Authorization``) is not."""
    m = _MD_HEADING.match(heading)
    words = (m.group(2) if m else heading).split()
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and any(w.isalpha() and w.islower() and w not in _SMALL_WORDS for w in words[1:])
    )


def _field_above(above: str, lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether ``above``, the last line before line ``k``, is a field line set off from it by a blank line
    (``Medical policy number: 50.10.30 Effective: Jan 2026`` / blank / ``Medical necessity``): a field's value is
    whole on its line, as a sentence that ends there is — a value a narrow cell wrapped goes on with no blank
    line (``Products: Commercial, Medicare`` / ``Advantage plans``), and a label's sentence stopped at a word that
    needs the next (``Note: … of the``) is no field's."""
    return (
        k > 0
        and not lines[k - 1].text.strip()
        and _LABELLED.match(above) is not None
        and not above.rstrip().endswith(":")
        and _OPEN_END.search(above) is None
    )


_PAIR_VALUE_WORDS = 4  # a heading's value after its colon names one thing (``Inpatient/Outpatient``)


def _pair_heading(text: str, above: str, lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether ``text`` (line ``k``) is a heading that carries its value after a colon (``Place of Service:
    Inpatient/Outpatient``) in a heading's place in the body: a label of a few title-case words and a short
    title-like value, no digit (a date, a code, a number is a field's value), standing alone between a sentence
    that ends above it and text below it (more words than a subheading has) — never between fields (``Line of
    Business: …`` among labelled lines), never a sentence after a label (``Note: The member …``).  Anything less
    stays a paragraph."""
    label, colon, value = text.strip().partition(": ")
    if not colon or any(c.isdigit() for c in text) or not _titled_pair(text):
        return False
    if not (2 <= len(label.split()) <= _SUBHEADING_WORDS // 2 and len(value.split()) <= _PAIR_VALUE_WORDS):
        return False
    if _ENDS_STATEMENT.search(above) is None or _LABELLED.match(above):
        return False
    below = _next_text(lines, k).strip()
    if not below[:1].isupper() or "\t" in below or _LABELLED.match(below) or read_item_marker(below) is not None:
        return False
    return len(below.split()) > _SUBHEADING_WORDS  # (a sentence's words, or a wrapped paragraph's first line)


def _whole_phrase(above: str, text: str) -> bool:
    """Whether the line ``above`` reads as complete before ``text`` (a capital): it ends a sentence, or it is a
    short subheading or name, not a sentence stopped at a word that needs more (``… the``, ``… and``, ``… (``)."""
    if not text[:1].isupper():
        return False
    return _SENTENCE_END.search(above) is not None or (len(above) <= 80 and _OPEN_PHRASE.search(above.rstrip()) is None)


def _links_line(text: str) -> bool:
    """Whether ``text`` is a line of three links or more set apart by bars, each a name of a few words: a
    site's menu or footer, never a heading (a table's row starts or ends with its bar)."""
    parts = text.split(" | ")
    return len(parts) >= 3 and not text.startswith("|") and all(0 < len(p.split()) <= 4 for p in parts)


# A web page's breadcrumb trail: three parts or more set apart by an arrow, or by slashes from ``Home`` on
# (``Home / Providers / Manuals / Home Health``) — a slash between words of a sentence, ``and/or``, has no spaces —
# or four parts or more set apart by slashes, each a name opening on a capital with no digit and no stop
# (``Providers / Clinical resources / Guidelines / Home oxygen``: a title may set three names apart so, never four)
_CRUMBS = re.compile(
    r"^(?:[^>»›]+(?:\s[>»›]\s[^>»›]+){2,}|Home(?:\s/\s[^/]+){2,}"
    r"|[A-Z][^/\d.,:;!?]*(?:\s/\s[A-Z][^/\d.,:;!?]*){3,})$"
)


def _crumbs_line(text: str) -> bool:
    """Whether ``text`` is a web page's breadcrumb trail (:data:`_CRUMBS`), each part a name of a few words."""
    parts = re.split(r"\s[/>»›]\s", text.strip())
    return bool(_CRUMBS.match(text.strip())) and all(0 < len(p.split()) <= _CRUMB_WORDS for p in parts)


_CRUMB_WORDS = 6


def reads_as_paragraph(text: str, vocabulary: frozenset[str] = HEADINGS) -> bool:
    """Whether ``text`` written alone between blank lines reads back as a paragraph (not a heading, an
    item, a note or a table row): else a writer puts a backslash before it (read as text, see :func:`tokens`)."""
    line = text.strip()
    if line.startswith("\\"):
        return False
    alone = [OutlineLine(line, 1), OutlineLine("", 2)]  # (as the canonical text writes it: a blank line below)
    return _line_kind(line, LineKind.BLANK, "", alone, 0, HEADINGS | vocabulary) is LineKind.PARA


# a label and its value set apart by a dash (``Type of Review – Care Management``, ``Line of Business - Medicaid``)
_DASH_FIELD = lazy(r"^(?P<label>[A-Z][\w/&()' ]{1,40}?)\s[–—-]\s\S")


def _dash_field(text: str, lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether ``text`` (line ``k``) is a label and its value written with a dash among the head's fields:
    the lines next to it on both sides (blank lines aside) are fields (``Prior Authorization Required: Yes``) or
    write the same label before a dash — never a heading (``Type of Review – Clinical Review Unit``)."""
    m = _DASH_FIELD.match(text)
    if m is None:
        return False
    label = m.group("label").strip()

    def field(other: str) -> bool:
        o = _DASH_FIELD.match(other.strip())
        return bool(_LABELLED.match(other.strip())) or (o is not None and o.group("label").strip() == label)

    above = next((lines[j].text for j in range(k - 1, -1, -1) if lines[j].text.strip()), "")
    return field(above) and field(_next_text(lines, k))


def _next_text(lines: Sequence[OutlineLine], k: int) -> str:
    """The text of the first line after line ``k`` that is not blank (``""`` at the end)."""
    for j in range(k + 1, len(lines)):
        if lines[j].text.strip():
            return lines[j].text
    return ""


def _goes_on(lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether the next line that is not blank goes on in lower case."""
    below = _next_text(lines, k).strip()
    return below[:1].islower()


def _line_kind(
    text: str, prev: LineKind, prev_text: str, lines: Sequence[OutlineLine], k: int, vocabulary: frozenset[str]
) -> LineKind:
    if "\t" in text:
        return LineKind.MORE_ROW if prev in (LineKind.ROW, LineKind.MORE_ROW) else LineKind.ROW
    if _MD_HEADING.match(text):
        return LineKind.HEADING
    if _NOTE.match(text):
        return LineKind.NOTE
    if _OWN_LINE.match(text):
        # (the label alone in title case, set apart by blank lines on both sides — ``Approval Duration`` over
        # ``Initial: 6 months. Renewal: 12 months.`` — is the section's heading, as a print sets its headings)
        alone = prev is LineKind.BLANK and (k + 1 >= len(lines) or not lines[k + 1].text.strip())
        if alone and _DURATION_HEADING.match(text):
            return LineKind.HEADING
        return LineKind.PARA  # (never the item above's text: the assembler gives it to the group it closes)
    if _numbered_heading(text, vocabulary) is not None and not _sub_item(text, lines, k):
        return LineKind.HEADING
    if connective_only(text):
        return LineKind.PARA  # (a block of its own: the assembler gives it to the level it joins)
    if text[-1:].isdigit() and (_NUMBERED_CONTENTS.match(text) or _CONTENTS_LINE.match(text)):
        return LineKind.PARA  # a table of contents' line, numbered or bulleted: no list item (it ends in its page)
    if (found := read_item_marker(text)) is not None:
        marker, rest = found
        if _marker_heading(marker, rest, vocabulary) or _is_heading(text, vocabulary):  # (``2. Home …``: numbered)
            return LineKind.HEADING
        if _stage_heading(marker, rest, prev_text, _next_text(lines, k)):
            return LineKind.HEADING
        return LineKind.BULLET if marker.readings[0][0] is MarkerKind.BULLET else LineKind.ITEM
    goes_on = prev in (LineKind.PARA, LineKind.CONT, LineKind.ITEM, LineKind.BULLET, LineKind.NOTE)
    if _is_heading(text, vocabulary) and not (goes_on and text[:1].islower()):  # (``indications:`` wrapped on)
        return LineKind.HEADING
    if _LEADER.search(text) or _CONTENTS_LINE.match(text):
        return LineKind.PARA  # a line of a table of contents, or a header field with a dotted leader
    if _dash_field(text, lines, k):
        return LineKind.PARA  # a field written with a dash among fields (``Type of Review – Care Management``)
    if _links_line(text):
        return LineKind.PARA  # a site's links set apart by bars (``Privacy Center | Terms of Use | Site Map``)
    # (a section's heading naming what it holds, standing apart from fields: ``Appendix: Schnur Sliding Scale``)
    if (
        (_known_pair(text, vocabulary) or _heading_remark(text, vocabulary) is not None)
        and (not goes_on or _SENTENCE_END.search(prev_text))
        and not _LABELLED.match(prev_text)
        and not _LABELLED.match(_next_text(lines, k).strip())
    ):
        return LineKind.HEADING
    if goes_on and _capitals_heading(text, prev_text, lines, k):
        return LineKind.HEADING
    # (a title with one word in lower case, a blank line on both sides: it stands alone between blocks)
    alone = not goes_on and k + 1 < len(lines) and not lines[k + 1].text.strip()
    titled = title_like(text) or (alone and _nearly_titled(text))
    nxt = lines[k + 1].text.strip() if k + 1 < len(lines) and "\t" not in lines[k + 1].text else ""
    # a run of title-like lines with no blank between them is a list of names (related policies, an
    # index, a plan's name above its title): each its own paragraph, none a heading
    in_run = (
        titled
        and not _BACK_MATTER_NAME.match(text)
        and (
            (prev_text and title_like(prev_text) and not _is_heading(prev_text, vocabulary))
            or (title_like(nxt) and not _is_heading(nxt, vocabulary) and read_item_marker(nxt) is None)
            # (the list's last name right above the next section's heading, a name with a colon above it:
            # ``Obstructive Sleep Apnea: Surgical Treatment`` / ``Hypoglossal Nerve Stimulation`` / ``Guideline``)
            or (prev is LineKind.PARA and _titled_pair(prev_text) and _is_heading(nxt, vocabulary))
        )
    )
    # (a field's line above — ``Medical Policy: S-44-027`` — is whole: a title below it is no more of its value)
    field_above = goes_on and bool(_LABELLED.match(prev_text)) and len(prev_text.split(":", 1)[1].split()) <= 3
    if (
        titled
        and not in_run
        and not codes_line(text)
        and (not goes_on or _SENTENCE_END.search(prev_text) or field_above)
    ):
        after = _next_text(lines, k).strip()
        # a title-like line before a line that goes on in lower case is a wrapped sentence, not a heading
        # (``rTMS is …``, ``eGFR …``: an abbreviation's lower-case first letter starts a sentence)
        if not after or not after[:1].islower() or after[1:2].isupper():
            return LineKind.HEADING
    # (under an item's line, or under the sentence its wrapped text ended: ``7. Dosage allowed: …`` / ``If member
    # meets all the requirements listed above, …`` / ``For continuation of therapy, all of the following …:``)
    under_item = prev in (LineKind.ITEM, LineKind.BULLET) or (prev is LineKind.CONT and _SENTENCE_END.search(prev_text))
    if in_run or (under_item and _leads_a_list(_sentence_at(lines, k), prev_text)):
        return LineKind.PARA
    # (a labelled line under a title is a field; under a list item's first line it goes on with the item:
    # ``2. National … Genetic/Familial`` / ``High-Risk Assessment: Colorectal,`` wrapped there by a print)
    titled_above = title_like(prev_text) and prev not in (LineKind.ITEM, LineKind.BULLET)
    if goes_on and not (
        _LABELLED.match(text) and (_LABELLED.match(prev_text) or prev is LineKind.HEADING or titled_above)
    ):
        # (a field of dates — ``Reviewed Dates:``, ``Origination Date: March 2019`` — is a line of its own, never
        # more of the item or the sentence above: a history's lists and fields, one under the other)
        # (and so is a postal address after a sentence's end: a site's footer, a plan's address)
        own = _DATES_FIELD.match(text) or (_POSTAL.search(text) and _SENTENCE_END.search(prev_text))
        return LineKind.PARA if own else LineKind.CONT
    return LineKind.PARA


# a line's decimal number (``3.1``, ``3 -``, ``2.``): the number alone
_LINE_NUMBER = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,4})(?=[.)]?\s)")


def _sub_item(text: str, lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether ``3.1 Loperamide`` (a decimal number, a short title) is an item of the list its parent's line
    leads (``3 - Trial and failure … to one of the following:``), not a subsection's heading: above it, past
    its earlier siblings (``3.1 …``, ``3.2 …``) and the connectives between them (``OR``), the line numbered
    ``3`` ends with a colon."""
    m = _LINE_NUMBER.match(text)
    if m is None or "." not in m.group("number"):
        return False
    parent, _, last = m.group("number").rpartition(".")
    below = int(last)
    for j in range(k - 1, -1, -1):
        above = lines[j].text.strip()
        if not above or connective_only(above):
            continue
        n = _LINE_NUMBER.match(above)
        if n is None:
            return False  # (a paragraph between: whatever the line is, not an item of that lead-in)
        number = n.group("number")
        if number == parent:
            return above.rstrip(" *_").endswith(":")
        head, _, tail = number.rpartition(".")
        if head != parent or not tail.isdigit() or int(tail) != below - 1:
            return False
        below -= 1
    return False


# a field naming dates, alone or with one date as its whole value (``Reviewed Dates:``, ``Origination Date: March
# 2019``, ``Last Review Date: 02/11/2026``)
_DATES_FIELD = lazy(rf"^[A-Z][\w/ -]{{0,40}}\bDates?\s*:\s*(?:(?:{DATE.pattern})\s*)?$")


# A line that is a group's own, never an item's text wrapped (``Approval duration: 6 months`` right below
# a set's last criterion, as a web page's copy writes it; or a capitalised word or two naming which approval,
# then the label's colon: ``Continuation approval duration: 12 months``, ``Maintenance Authorization Period:``)
_OWN_LINE = lazy(
    r"^(?:(?:initial|continued|renewal)\s+)?(?:approval|authori[sz]ation|re-?authori[sz]ation)\s+"
    r"(?:duration|period|length)\b|^duration\s+of\s+(?:approval|authori[sz]ation|therapy\s+approval)\b"
    r"|^(?-i:[A-Z])[\w-]*(?:\s+[\w-]+)?\s+(?:approval|authori[sz]ation|re-?authori[sz]ation)\s+"
    r"(?:duration|period|length)\s*:"
    # (or the approval's name alone, its value a length of time: ``Initial authorization: 6 months.``,
    # ``Reauthorization: 12 months``, ``Renewal Approval: up to 1 year`` — a label in capitals, never a
    # criterion's wrapped line, and a value that is a duration, never ``Prior authorization: required``)
    r"|^(?=(?-i:[A-Z]))(?:(?:initial|continu(?:ation|ed)|renewal|subsequent)\s+(?:approval|authori[sz]ation)"
    r"|approval|authori[sz]ation|re-?authori[sz]ation|re-?approval|renewal)"
    r"\s*:\s*(?:up\s+to\s+|for\s+)?(?:\d{1,3}|one|two|three|six|twelve)(?:\s*\(\d{1,3}\))?\s+"
    r"(?:calendar\s+)?(?:months?|weeks?|days?|years?)\b",
    re.I,
)


# ``Approval Duration``, ``Authorization Period``: the label of a duration alone, every word capitalised
_DURATION_HEADING = lazy(
    r"^(?:(?:Initial|Continued|Renewal)\s+)?(?:Approval|Authori[sz]ation|Re-?[Aa]uthori[sz]ation)\s+"
    r"(?:Duration|Period|Length)$"
)


# A line ending here goes on (``… confirmed by``, ``… and``, ``(``): the line after it is its text.
_OPEN_END = re.compile(
    r"(?:[,(\[/–—-]|\b(?:a|an|and|or|of|the|to|for|by|with|in|on|has|have|is|are|was|were|be|that|which))\s*$",
    re.I,
)


_SENTENCE_LINES = 4  # how many lines a sentence wrapped in a copy runs over, read as one


def _sentence_at(lines: Sequence[OutlineLine], k: int) -> str:
    """Line ``k`` with the lines below it that go on its sentence in lower case (no marker, no table row),
    up to its end: a lead-in a copy wrapped or broke at a hyphen (``… as it is considered not medi-`` /
    ``cally necessary:``) is one line to read."""
    text = lines[k].text.strip()
    for j in range(k + 1, min(k + _SENTENCE_LINES, len(lines))):
        below = lines[j].text.strip()
        if _SENTENCE_END.search(text) or "\t" in lines[j].text or not below[:1].islower():
            break
        if read_item_marker(below) is not None:
            break
        text = join_wrapped(text, below)
    return text


def _leads_a_list(text: str, above: str) -> bool:
    """Whether ``text``, right below an item with no blank line between, starts a list's lead-in of its own
    (``Children are covered when any of the following are met:``) rather than going on with the item: it
    starts with a capital, names a connective, ends in ``:``, and the item's line does not go on."""
    return (
        text[:1].isupper()
        and text.rstrip().endswith(":")
        and _LEAD_WORDS.search(text) is not None
        and not _OPEN_END.search(above)
    )


# --- tokens → blocks (the grammar) -------------------------------------------------------------------------


class _PassThrough(Lexer):
    """lark's lexer interface over tokens already made (one per line)."""

    def __init__(self, conf: LexerConf) -> None:
        pass

    def lex(self, data: Any, parser_state: Any = None) -> Iterator[Token]:
        yield from data


@dataclass(frozen=True, slots=True)
class _Block:
    """A block as the grammar groups it: its kind (rule name), lines' texts and span."""

    kind: str
    texts: tuple[str, ...]
    span: Span


class _Blocks(Transformer[Token, Any]):
    def _make(self, kind: str, c: list[Token]) -> _Block:
        first, last = c[0], c[-1]
        return _Block(kind, tuple(t.value for t in c), Span(first.line or 0, 1, last.line or 0, 0))

    def heading(self, c: list[Token]) -> _Block:
        return self._make("heading", c)

    def paragraph(self, c: list[Token]) -> _Block:
        return self._make("paragraph", c)

    def item(self, c: list[Token]) -> _Block:
        return self._make("item", c)

    def bullet(self, c: list[Token]) -> _Block:
        return self._make("bullet", c)

    def note(self, c: list[Token]) -> _Block:
        return self._make("note", c)

    def table(self, c: list[Token]) -> _Block:
        return self._make("table", c)

    def start(self, c: list[Any]) -> list[_Block]:
        return [x for x in c if isinstance(x, _Block)]


_LOCK = threading.Lock()
_PARSER: Lark | None = None


def _parser() -> Lark:
    global _PARSER
    if _PARSER is None:
        grammar = resources.files("policyvc.grammar").joinpath("outline.lark").read_text(encoding="utf-8")
        _PARSER = Lark(grammar, parser="lalr", lexer=_PassThrough, transformer=_Blocks())
    return _PARSER


def _blocks(toks: list[Token]) -> list[_Block]:
    with _LOCK:
        parser = _parser()
        result = parser.parse(toks)  # type: ignore[arg-type,unused-ignore]  # (our lexer takes tokens, not text)
    return cast(list[_Block], result)


# --- blocks → tree ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    marker: Marker
    text: str
    span: Span
    kind: MarkerKind = MarkerKind.NUMBER  # the system of the level it went on (``i``: letter or roman)
    children: list[_Item] = field(default_factory=list)
    notes: list[ONote] = field(default_factory=list)


@dataclass(slots=True)
class _Level:
    kind: MarkerKind
    style: str
    upper: bool
    last: int
    items: list[_Item]


def _fits(level: _Level, kind: MarkerKind, marker: Marker) -> bool:
    return level.kind is kind and level.style == marker.style and level.upper == marker.upper


class _ListBuilder:
    """The levels of an open list (see the module doc for how an item finds its level)."""

    def __init__(self, lead_in: str, span: Span, stated: str = "") -> None:
        self.lead_in = lead_in
        self.stated = stated  # a heading or a paragraph above that states the connective (see :func:`_stated_above`)
        self.span = span
        self.levels: list[_Level] = []
        self.top: list[_Item] = []
        # (the reading of a first item that resumes the top level of a list closed above in the same section:
        # ``B.`` after ``A.``'s numbered items and the paragraph between them; no warning, not a list start)
        self.resumes: tuple[MarkerKind, int] | None = None

    def _continues(self, marker: Marker) -> tuple[int, MarkerKind, int] | None:
        for j in range(len(self.levels) - 1, -1, -1):
            level = self.levels[j]
            for kind, value in marker.readings:
                if _fits(level, kind, marker) and (kind is MarkerKind.BULLET or value == level.last + 1):
                    return j, kind, value
        return None

    def fits(self, marker: Marker) -> int | None:
        """The open level ``marker`` goes on (a list interrupted by a paragraph), or ``None``."""
        found = self._continues(marker)
        return found[0] if found is not None else None

    def restarts(self, marker: Marker) -> bool:
        """Whether ``marker`` starts a list of its own: the first ordinal of an open level's numbering
        (``1.`` after ``3.``) where the item above announces no list (no ``:``)."""
        if not self.levels or self._continues(marker) is not None or self.announces():
            return False
        firsts = [k for k, v in marker.readings if v == 1 and k is not MarkerKind.BULLET]
        return any(_fits(level, k, marker) for level in self.levels for k in firsts)

    def add(self, marker: Marker, text: str, span: Span, after: Marker | None, diagnostics: list[Diagnostic]) -> None:
        item = _Item(marker, text, span)
        cont = self._continues(marker)
        first = next(((k, v) for k, v in marker.readings if k is MarkerKind.BULLET or v == 1), None)
        nest = first is not None and bool(self.levels) and len(self.levels) < _MAX_DEPTH
        if cont is not None and first is not None and nest and first[0] is not cont[1]:
            # ``i.`` after ``h.``: the marker after it decides, else whether the item above announces a list
            announces = self.levels[-1].items[-1].text.rstrip().endswith(":")
            if after is not None and any(k is first[0] and v == 2 for k, v in after.readings):
                cont = None
            elif after is not None and any(k is cont[1] and v == cont[2] + 1 for k, v in after.readings):
                nest = False
            elif announces:
                cont = None
        if cont is not None:
            j, kind, value = cont
            item.kind = kind
            del self.levels[j + 1 :]
            self.levels[j].last = value
            self.levels[j].items.append(item)
            return
        if not self.levels:
            kind, value = first if first is not None else self.resumes or marker.readings[0]
            if first is None and self.resumes is None:
                diagnostics.append(_out_of_sequence(marker, span, "the list starts"))
            item.kind = kind
            self.levels.append(_Level(kind, marker.style, marker.upper, value, self.top))
            self.top.append(item)
            return
        same = next(
            (
                j
                for j in range(len(self.levels) - 1, -1, -1)
                for k, _ in marker.readings
                if _fits(self.levels[j], k, marker)
            ),
            None,
        )
        if first is not None and len(self.levels) < _MAX_DEPTH:
            kind, value = first
            item.kind = kind
            parent = self.levels[-1].items[-1]
            self.levels.append(_Level(kind, marker.style, marker.upper, value, parent.children))
            parent.children.append(item)
            return
        if same is not None:  # out of sequence on a level of its own kind: kept there
            diagnostics.append(_out_of_sequence(marker, span, "the level it continues"))
            del self.levels[same + 1 :]
            level = self.levels[same]
            item.kind = level.kind
            level.last = next((v for k, v in marker.readings if k is level.kind), level.last + 1)
            level.items.append(item)
            return
        diagnostics.append(_out_of_sequence(marker, span, "the item above"))
        parent = self.levels[-1].items[-1]
        kind, value = marker.readings[0]
        item.kind = kind
        if len(self.levels) < _MAX_DEPTH:
            self.levels.append(_Level(kind, marker.style, marker.upper, value, parent.children))
            parent.children.append(item)
        else:
            self.levels[-1].items.append(item)

    def announces(self) -> bool:
        """Whether the latest item leads into a list of its own (``…(a or b):*``)."""
        return bool(self.levels) and self.levels[-1].items[-1].text.rstrip(" *†‡").endswith(":")

    def note(self, note: ONote, level: int = -1) -> None:
        """``note`` on the latest item of ``level`` (the innermost by default)."""
        self.levels[level].items[-1].notes.append(note)

    def extend_last(self, text: str, level: int | None = None) -> None:
        """``text`` (a connective written on a line of its own) after the latest item of ``level`` (the
        innermost by default)."""
        last = self.levels[-1 if level is None else level].items[-1]
        last.text = f"{last.text} {text}"

    def build(self) -> OList:
        connective, at_least = group_connective(self.lead_in, [])
        if connective is None and self.stated:  # (``Initial Authorization – ALL of the following``, apart)
            connective, at_least = group_connective(self.stated, [])
        if connective is None and self.lead_in:  # (the lead-in names its items: ``… Pathway A or Pathway B:``)
            connective = named_items(self.lead_in, [i.text for i in self.top])
        if connective is None:
            connective, at_least = group_connective("", [i.text for i in self.top])
        items = tuple(_build_item(i) for i in self.top)
        end = _last_line(items[-1]) if items else self.span.line
        return OList(self.lead_in, connective, at_least, items, Span(self.span.line, 1, end, 0))


def _last_line(item: OItem) -> int:
    while item.children:
        item = item.children[-1]
    return max([item.span.end_line, *(n.span.end_line for n in item.notes)])


def _build_item(raw: _Item) -> OItem:
    kind = raw.kind
    children = tuple(_build_item(c) for c in raw.children)
    connective = at_least = None
    if children:
        connective, at_least = group_connective(raw.text, [c.text for c in children])
    return OItem(
        raw.marker.label,
        kind,
        raw.marker.upper,
        raw.marker.style,
        raw.text,
        children,
        tuple(raw.notes),
        connective,
        at_least,
        raw.span,
    )


def _out_of_sequence(marker: Marker, span: Span, where: str) -> Diagnostic:
    return Diagnostic(
        "warning", f"list item `{marker.text}` is out of sequence with {where}: kept there", line=span.line
    )


def make_table(
    lines: Sequence[str], span: Span, first_line: int, repeats: frozenset[tuple[str, ...]] = frozenset()
) -> Table:
    """A table from its tab-separated lines: the first is the header; a repeat of it is dropped, and so is one
    of ``repeats`` (the header of a table above it in the same run of rows, which a print repeats on each new
    page); a row whose first cell is empty goes on the row above (a row split by a page break, a cell's
    paragraphs)."""
    header = tuple(c.strip() for c in lines[0].split("\t"))
    rows: list[tuple[list[list[str]], int]] = []
    for k, line in enumerate(lines[1:], 1):
        cells = [c.strip() for c in line.split("\t")]
        if tuple(cells) == header or tuple(cells) in repeats or not any(cells):
            continue
        if not cells[0] and rows:
            continue_row(rows[-1][0], cells)
            continue
        rows.append(([[x] if x else [] for x in cells], first_line + k))
    return Table(
        header,
        tuple(Row(" ".join(cells[0]) if cells else "", tuple(tuple(x) for x in cells), Span(n)) for cells, n in rows),
        span,
    )


@dataclass(slots=True)
class _OpenSection:
    title: str
    marker: str
    level: int
    span: Span
    style: HeadingStyle = HeadingStyle.PLAIN
    blocks: list[OBlock] = field(default_factory=list)


_SECTION_HEADING = lazy(
    r"^(?P<marker>(?:Section|Part|Article|Chapter)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,5}))(?=[\s.:–—-]|$)[.:]?\s*[–—-]?\s*"
    r"(?P<rest>.*)$"
)
_DECIMAL_HEADING = lazy(r"^(?P<marker>\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+(?P<rest>\S.*)$")
# A guideline's section numbered under its identifier (``CD-2.1: General Information``, ``MSK-3.4 – Knee MRI``):
# a series' capitals, a hyphen, the guideline's number and the section's after a dot, a stop, a short title
# A stated heading's decimal number (``2.1.``, ``3.2``) before a title that starts with a capital: a quantity
# (``2.5 mg tablets``) starts lower case
_STATED_NUMBER = lazy(r"^(?P<marker>\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+(?P<rest>[A-Z][^\W\d_]*\b.*)$")
_CODED_HEADING = lazy(r"^(?P<marker>[A-Z]{1,5}-\d{1,3}(?:\.\d{1,2}){1,3})\s*[:–—-]\s+(?P<rest>[A-Z]\S.*?)\s*$")


def _numbered_heading(text: str, vocabulary: frozenset[str]) -> tuple[str, str, HeadingStyle] | None:
    """``Section A …`` / ``Part 2: …`` (a title or none after it) and ``1.1 Title`` (a short title after
    it): a heading's marker and title; ``None`` for any other line."""
    if m := _SECTION_HEADING.match(text):
        rest = m.group("rest").strip()
        if not rest or (title_like(rest) and len(rest.split()) <= 10):
            return rest.removesuffix(":").strip(), " ".join(m.group("marker").split()), HeadingStyle.SECTION
    if m := _CODED_HEADING.match(text):  # (the whole line is the section's name: its number is the guideline's)
        rest = m.group("rest").strip()
        if title_like(rest) and len(rest.split()) <= 10:
            return text.strip(), "", HeadingStyle.PLAIN
    if m := _DECIMAL_HEADING.match(text):
        rest = m.group("rest").strip()
        if (
            _is_heading(rest, vocabulary)
            or _is_heading(text, vocabulary)  # (a numbered subsection in sentence case: see numbered_sections)
            or (title_like(rest) and len(rest.split()) <= 10 and not rest.endswith(":"))
        ):
            return rest.removesuffix(":").strip(), m.group("marker"), HeadingStyle.DECIMAL
    return None


def _heading(text: str, vocabulary: frozenset[str], letters: bool = False) -> _HeadingLine:
    """A heading line's title, section marker and how it is written (``I.``, ``V.``, ``X.``: roman,
    unless ``letters`` — the document numbers its headings with letters and not with romans)."""
    if m := _MD_HEADING.match(text):
        title, depth = m.group(2).strip(), len(m.group(1))
        inner = _heading(title, vocabulary, letters)  # (Word's numbered heading styles: ``## 1.2 Scope``)
        if inner.marker and inner.style is not HeadingStyle.MARKDOWN:
            return _HeadingLine(inner.title, inner.marker, HeadingStyle.MARKDOWN, depth, inner.known)
        if (m := _STATED_NUMBER.match(title)) is not None:
            # (a heading the producer states keeps the number its list wrote, ``2.1. Recurrent throat infection``,
            # whatever the title's case: the number is the outline's, the words after it the title)
            rest = m.group("rest").removesuffix(":").strip()
            return _HeadingLine(rest, m.group("marker"), HeadingStyle.MARKDOWN, depth, _is_heading(rest, vocabulary))
        return _HeadingLine(title.removesuffix(":").strip() or title, "", HeadingStyle.MARKDOWN, depth, False)
    if (numbered := _numbered_heading(text, vocabulary)) is not None:
        title, label, style = numbered
        depth = decimal_depth(label) if style is HeadingStyle.DECIMAL else 1
        return _HeadingLine(title, label, style, depth, _is_heading(title, vocabulary))
    found = read_item_marker(text)
    if found is not None and found[0].style == ".":
        marker, rest = found
        kinds = {k for k, _ in marker.readings}
        if MarkerKind.NUMBER in kinds:
            style = HeadingStyle.DECIMAL
        elif MarkerKind.ROMAN in kinds and not (letters and MarkerKind.LETTER in kinds):
            style = HeadingStyle.ROMAN
        else:
            style = HeadingStyle.LETTER
        title = rest.removesuffix(":").strip()
        known = _is_heading(rest, vocabulary) or _is_heading(text, vocabulary)  # (a numbered section's line)
        return _HeadingLine(title, marker.label, style, 1, known)
    title = text.strip().removesuffix(":").strip()
    return _HeadingLine(title, "", HeadingStyle.PLAIN, 1, _known_plain(title, vocabulary))


def _known_plain(title: str, vocabulary: frozenset[str]) -> bool:
    """Whether a plain heading is one every policy has, however worded: in the vocabulary, the back matter
    (``Selected References``, ``Policy Approval History``), or several things named with a heading of the
    vocabulary first (``Background, Product and Disclaimer Information``, ``Description and Application of the
    Guidelines``)."""
    if _is_heading(title, vocabulary) or _BACK_MATTER.search(title) or _known_pair(title, vocabulary):
        return True
    return names_several(title, vocabulary)


_CODE_TABLE_TITLE = lazy(r"^(?:CPT|HCPCS|ICD)\b.*\bCodes?\b", re.I)  # (``ICD-10-CM Diagnosis Codes that …``)
_CODING = lazy(r"\bCod(?:es|ing)\b", re.I)


def _codes_under_coding(title: str, stack: Sequence[_OpenSection]) -> bool:
    """Whether a heading naming a code set's table (``ICD-10-CM Diagnosis Codes that Support Coverage Criteria``)
    stands inside a top-level section about coding (``Coding Implications``): the table's caption, one level
    under it — back matter of its own only where no such section is open."""
    top = next((s for s in stack[1:] if s.level == 1), None)
    return bool(_CODE_TABLE_TITLE.match(title)) and top is not None and bool(_CODING.search(top.title))


# a history's date column named alone on its line, and the names its other columns take
_DATE_COLUMN = lazy(r"^(?:(?:revision|review|effective|change|publication|version)\s+)?dates?:?$", re.I)
_LOG_COLUMN = lazy(r"^(?:description|summary(?:\s+of\s+changes?)?|changes?|updates?|comments?|actions?)s?:?$", re.I)
_HISTORY_HEADING = lazy(r"\b(?:history|revisions?|changes|updates)\b", re.I)


def _column_after_date(title: str, stack: Sequence[_OpenSection]) -> bool:
    """Whether a known heading (``Description``) is the next column's name of a history table a copy wrote a
    cell a line: it comes right after a heading that is the table's date column (``Date``, with nothing under
    it yet) under a heading naming the history (``Policy History``) — a peer of ``Date``, never the
    document's own ``Description`` section, which would take the log's rows out of the history."""
    if len(stack) < 3 or not _LOG_COLUMN.match(title.strip()):
        return False
    last, parent = stack[-1], stack[-2]
    return (
        not last.blocks and bool(_DATE_COLUMN.match(last.title.strip())) and bool(_HISTORY_HEADING.search(parent.title))
    )


_CAPITALS_WORDS = 2  # words a heading in capitals has at least under text (``BILLING CODES``; ``CPT`` alone is a code)


def _capitals_heading(text: str, above: str, lines: Sequence[OutlineLine], k: int) -> bool:
    """Whether ``text``, right under a line of text in mixed case (a list item's, a sentence's) with no blank line
    between, is a heading in capitals (``Viability assessment before revascularization`` / ``BILLING CODES``): a
    copy without blank lines writes the next section's heading so, and no line of a sentence set in mixed case goes
    on in capitals alone.  Not under a title-like line (``Document Information`` / ``LCD ID``: a field's label
    among the head's names), not under a word that needs the next (``… defined by`` / ``MEDICARE PART B``), not a
    line with a digit (a code, a name with its number), nor one a line in lower case goes on from."""
    words = text.split()
    if len(words) < _CAPITALS_WORDS or not _capitals(text) or not title_like(text) or any(c.isdigit() for c in text):
        return False
    if not any(c.islower() for c in above) or _OPEN_END.search(above) or codes_line(text):
        return False
    if title_like(above):  # (a title's line above: ``Document Information`` / ``LCD ID`` / its value, a label)
        return False
    return not _next_text(lines, k).strip()[:1].islower()


def _capitals(title: str) -> bool:
    """Whether a heading is written in capitals (``LIMITATIONS AND EXCLUSIONS``; ``CPT`` alone is no style)."""
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


class _Levels:
    """Heading levels inferred as a reader does (as reStructuredText and pandoc infer them from
    underline styles): from how each heading is written and the order the ways first appear.

    * a markdown heading's level is written (``##``: 2);
    * a heading of the vocabulary (``Description``, ``References``; the back matter, however worded) is
      top level, whatever its marker (``1. Description``, ``II. Policy``) — and marks its way of
      numbering as the top one;
    * a numbering style (roman ``II.``, letter ``B.``, ``Section A``, decimal ``1.``) takes, where it
      first appears, the level under the innermost open heading that is no plain line (under none: 2),
      and keeps it: its later headings are peers; decimal numbering goes one level deeper per number
      (``1.2.1`` under ``1.2`` under ``1.``);
    * a plain title-like line goes under the innermost open heading that is no plain line (so under
      ``I. Adults`` it is third level, under ``Coverage Criteria`` second); in a document that writes
      its known top headings in capitals, another in capitals is top level too.
    """

    def __init__(self) -> None:
        self.first: dict[HeadingStyle, int] = {}  # the level of each numbering style (decimal: of depth 1)
        self.top_cases: list[bool] = []  # of each plain top-level heading so far: whether in capitals

    def letters(self) -> bool:
        """Whether headings are numbered with letters (``H.`` then ``I.``) and not with romans."""
        return HeadingStyle.LETTER in self.first and HeadingStyle.ROMAN not in self.first

    def level(self, line: _HeadingLine, stack: Sequence[_OpenSection]) -> int:
        if line.style is HeadingStyle.MARKDOWN:
            return line.depth
        under = next((s.level for s in reversed(stack[1:]) if s.style is not HeadingStyle.PLAIN), None)
        here = 2 if under is None else min(under + 1, _MAX_DEPTH)
        if line.style is HeadingStyle.PLAIN:
            if line.known and _codes_under_coding(line.title, stack):
                return 2
            if line.known and _column_after_date(line.title, stack):
                return stack[-1].level
            if line.known:
                self.top_cases.append(_capitals(line.title))
                return 1
            if len(self.top_cases) >= 2 and all(self.top_cases) and _capitals(line.title):
                return 1  # a document that writes its top headings in capitals writes its others so too
            return here
        if line.known:
            self.first.setdefault(line.style, 2 - line.depth if line.style is HeadingStyle.DECIMAL else 1)
            return 1
        if line.style not in self.first:  # its first appearance
            self.first[line.style] = max(1, here - (line.depth - 1)) if line.style is HeadingStyle.DECIMAL else here
        return max(1, self.first[line.style] + line.depth - 1)


_WORD_END = lazy(r"(\w+)-$")
_WORD_START = lazy(r"\w+")


# The title of a document's contents or a web page's menu of its sections (``Table of Contents``, ``On this
# page``, ``In this policy``, ``Jump to``): a section of its own has none
_CONTENTS_TITLE = re.compile(
    r"^(?:(?:table\s+of\s+)?contents|on\s+this\s+page|in\s+this\s+(?:policy|document|article|guideline|section|page)|"
    r"jump\s+to(?:\s+section)?|page\s+contents|quick\s+links|sections)\s*:?$",
    re.I,
)


class _Assembler:
    def __init__(self, vocabulary: frozenset[str], words: frozenset[str] = frozenset()) -> None:
        self.vocabulary = vocabulary
        self.words = words  # the document's words, lower-cased (for hyphens at line ends)
        self.stack = [_OpenSection("", "", 0, Span(1))]
        self.list: _ListBuilder | None = None
        self.diagnostics: list[Diagnostic] = []
        self.levels = _Levels()
        # the top levels of the lists closed in the open section whose markers are upper case: (kind, style,
        # upper, last value)
        self.tops: list[tuple[MarkerKind, str, bool, int]] = []

    def join(self, texts: Sequence[str]) -> str:
        """A block's lines as one: joined as wrapped lines are (:func:`join_wrapped`), and a word broken
        at a line end with a hyphen written whole where the document writes it so elsewhere."""
        out = texts[0].strip()
        for line in texts[1:]:
            line = line.strip()
            joined = join_wrapped(out, line)
            head, tail = _WORD_END.search(out), _WORD_START.match(line)
            if joined == out + line and head and tail and (head.group(1) + tail.group(0)).lower() in self.words:
                joined = out[:-1] + line
            out = joined
        return out

    def close_list(self) -> None:
        if self.list is not None:
            if self.list.levels and (top := self.list.levels[0]).upper:
                # (a section lettered ``A.`` ``B.`` …, numbered items between its letters: the letter level a
                # later item may resume)
                self.tops = [t for t in self.tops if t[:3] != (top.kind, top.style, True)]
                self.tops.append((top.kind, top.style, True, top.last))
            self.stack[-1].blocks.append(self.list.build())
            self.list = None

    def _resumes(self, marker: Marker) -> tuple[MarkerKind, int] | None:
        """The reading of an upper-case ``marker`` that continues the top level of a list closed above in this
        section (``B.`` after ``A.``, a paragraph and ``A.``'s numbered items), else ``None``."""
        if not marker.upper:
            return None
        for kind, style, _, last in self.tops:
            for k, v in marker.readings:
                if k is kind and style == marker.style and v == last + 1:
                    return k, v
        return None

    def close_section(self) -> None:
        s = self.stack.pop()
        end = s.span.line
        self.stack[-1].blocks.append(OSection(s.title, s.marker, s.level, tuple(s.blocks), Span(s.span.line, 1, end)))

    def run(self, blocks: list[_Block]) -> OSection:
        for k, b in enumerate(blocks):
            self.block(b, blocks[k + 1 : k + 8])  # (what comes next: a few blocks are all it looks at)
        self.close_list()
        while len(self.stack) > 1:
            self.close_section()
        root = self.stack[0]
        return OSection("", "", 0, tuple(root.blocks), root.span)

    def block(self, b: _Block, rest: list[_Block]) -> None:
        text = self.join(b.texts) if b.kind != "table" else ""
        if b.kind == "heading":
            self.close_list()
            self.tops = []
            line = _heading(text, self.vocabulary, self.levels.letters())
            while len(self.stack) > 1 and _CONTENTS_TITLE.match(self.stack[-1].title):
                self.close_section()  # a table of contents has no sections: the next heading is the document's
            level = self.levels.level(line, self.stack)
            while len(self.stack) > 1 and self.stack[-1].level >= level:
                self.close_section()
            self.stack.append(_OpenSection(line.title, line.marker, level, b.span, line.style))
        elif b.kind in ("item", "bullet"):
            found = _read_item(text)
            if found is None:  # (the lexer typed it by its marker: never reached)
                self._paragraph(text, b.span)
                return
            item_marker, body = found
            resumes = self._resumes(item_marker)
            if self.list is not None and (
                self.list.restarts(item_marker) or (resumes is not None and self.list.fits(item_marker) is None)
            ):
                self.close_list()  # (``B.`` after ``A.``'s numbered items: the section's next letter, not a child)
            if self.list is None:
                lead, lead_line = self._take_lead_in(b.span.line)
                # (the list, and the criteria group made of it, starts where its lead-in does: a trace names that line)
                span = dataclasses.replace(b.span, line=lead_line, column=1) if lead else b.span
                self.list = _ListBuilder(lead, span, "" if lead else self._stated_above(b.span.line))
                self.list.resumes = resumes
            after = next((m for m in (_marker_of(x) for x in rest[:1]) if m is not None), None)
            self.list.add(item_marker, body, b.span, after, self.diagnostics)
        elif b.kind == "note":
            # (a note's ``*Note`` loses its asterisk; a footnote keeps its mark: ``* Requires …``, ``† Off-label use``)
            note = ONote(re.sub(r"^\*(?=[^\s*])", "", text), b.span)
            if self.list is not None and (at := self._list_goes_on(rest)) is not None:
                self.list.note(note, at)
            else:
                self.close_list()
                self.stack[-1].blocks.append(note)
        elif b.kind == "table":
            self.close_list()
            blocks = self.stack[-1].blocks
            header = _continued_header(blocks, b.texts[0])
            first_cells = [c.strip() for c in b.texts[0].split("\t")]
            # (a code set's name alone before its code, ``CPT | 19318 | …``: a code's row too)
            typed = len(first_cells) > 2 and bool(
                _SET_CELL.fullmatch(first_cells[0]) and CODE.fullmatch(first_cells[1])
            )
            if header is None and (typed or CODE.fullmatch(first_cells[0])):
                header = _code_header(len(first_cells), typed)  # (its first row is a code's: no header)
                self.diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"a table of codes without a header row: read with the header `{' | '.join(header)}`",
                        line=b.span.line,
                    )
                )
            lines = [("\t".join(header)), *b.texts] if header else list(b.texts)
            first = b.span.line - (1 if header else 0)
            above: set[tuple[str, ...]] = set()
            for start, end in _header_runs(lines):
                blocks.append(make_table(lines[start:end], b.span, first + start, frozenset(above)))
                above.add(tuple(c.strip() for c in lines[start].split("\t")))
        else:
            self._paragraph(text, b.span, rest)

    def _paragraph(self, text: str, span: Span, rest: Sequence[_Block] = ()) -> None:
        if self.list is not None:
            if connective_only(text):
                # the connective joins the item above to the next one: on the level the next item goes on
                nxt = next((m for m in (_marker_of(x) for x in rest[:1]) if m is not None), None)
                self.list.extend_last(_connective_word(text), self.list.fits(nxt) if nxt is not None else None)
                return
            if (at := self._list_goes_on(rest, True, lead=text.rstrip().endswith(":"))) is not None:
                self.list.note(ONote(text, span), at)
                return
            if _OWN_LINE.match(text) and self.list.top and self.list.top[-1].children:
                self.list.note(ONote(text, span), 0)  # (the last group's ``Approval duration:``, the list ends)
                return
        self.close_list()
        self.stack[-1].blocks.append(Paragraph(text, span))

    def _list_goes_on(self, rest: Sequence[_Block], after_paragraph: bool = False, lead: bool = False) -> int | None:
        """The open level of the list the next item (past notes) goes on, if it does: then a paragraph
        or note between items stays in the list, as a note on that level's latest item."""
        assert self.list is not None
        paragraphs = 0
        for b in rest[:6]:  # (notes and a few paragraphs: ``Approval duration:`` and its lines)
            if b.kind == "note":
                continue
            if b.kind == "paragraph":
                paragraphs += 1
                continue
            m = _marker_of(b)
            if m is None:
                return None
            if m.readings[0][0] is MarkerKind.BULLET and (paragraphs or after_paragraph):
                return None  # bullets carry no ordinal: after a paragraph they are a list of their own
            if any(v == 1 for _, v in m.readings):  # a new level: under an item that announces one
                # (not after a paragraph ending in ``:``: that leads into a list of its own)
                return -1 if self.list.announces() and not lead else None
            return self.list.fits(m)
        return None

    def _stated_above(self, line: int) -> str:
        """The text that states the connective of a list (its first item on ``line``) with no lead-in, apart
        from it: the paragraph above, right above it (``Continuation of Therapy (all must be met)``) or
        naming what follows (``Coverage requires that any one of the following be documented.``, a blank line
        between), or the heading of the section the list opens (``Initial Authorization – ALL of the
        following``); else nothing."""
        section = self.stack[-1]
        if section.blocks:
            above = section.blocks[-1]
            if isinstance(above, Paragraph) and (above.span.end_line + 1 == line or _FORWARD.search(above.text)):
                return above.text
            return ""
        return section.title

    def _take_lead_in(self, line: int) -> tuple[str, int]:
        """The paragraph right above a list that leads into it, and its first line: one ending in ``:``, or in
        the ``when`` of a condition whose clauses a copy wrote on its line (its items, split from that line)."""
        blocks = self.stack[-1].blocks
        if not blocks or not isinstance(blocks[-1], Paragraph):
            return "", line
        above = blocks[-1].text.rstrip()
        if above.endswith(":") or (blocks[-1].span.end_line == line and _CONDITION_END.search(above)):
            lead = blocks.pop()
            return lead.text, lead.span.line  # type: ignore[union-attr]
        return "", line


def _continued_header(blocks: list[OBlock], first: str) -> tuple[str, ...] | None:
    """The header of the table above, when this one goes on under it after a caption (``CPT codes not
    covered …:``): as many cells, and a first row that is data (a code, a number), not a header."""
    if len(blocks) < 2 or not isinstance(blocks[-1], Paragraph) or not isinstance(blocks[-2], Table):
        return None
    above = blocks[-2]
    cells = first.split("\t")
    if len(cells) != len(above.header) or not any(ch.isdigit() for ch in cells[0]):
        return None
    if _COLUMN_NAME.search(cells[0]):
        return None  # (``ICD-10-CM Code``: a digit in a code set's name, a header of its own)
    return above.header


_COLUMN_NAME = lazy(r"\b(?:Codes?|Descriptions?|Numbers?|Dates?)\b", re.I)
# a cell naming a code set (``CPT``, ``ICD-10 Diagnosis``, ``HCPCS Codes``): a column's name, no code
_CODE_SET = lazy(r"^(?:CPT|HCPCS|ICD-?(?:9|10)(?:-CM|-PCS)?|PLA)®?\b", re.I)
_HEADER_CELL_WORDS = 6  # (a column's name is a few words; a description is more)
_CODE_SET_WORDS = 10  # (a code set's column named with what its codes are for: a few words more)


def _header_row(line: str) -> bool:
    """Whether a table's line names columns (``ICD-10-CM Code | Description``, ``ICD-10 Diagnosis |``): its
    first cell names a code set or a column and is no code itself, and no cell is longer than a name."""
    cells = [c.strip() for c in line.split("\t")]
    first = cells[0]
    if not first or CODE.fullmatch(first) or not (_CODE_SET.match(first) or _COLUMN_NAME.search(first)):
        return False
    # (a code set's column may be named at length: ``ICD-10-CM Diagnosis Codes that Support Coverage Criteria``)
    most = [_CODE_SET_WORDS if i == 0 and _CODE_SET.match(c) else _HEADER_CELL_WORDS for i, c in enumerate(cells)]
    return all(len(c.split()) <= m and not _SENTENCE_END.search(c) for c, m in zip(cells, most, strict=True))


def _header_runs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Where a block of table lines holds several tables: a line under the first that names columns
    (:func:`_header_row`), unlike the header above it, with a code's row right under it, starts a table of
    its own (a CPT table then the ICD-10 table after it, one block to the grammar); so does a line naming a dated
    log's columns (:func:`_log_header`) under a table that is no log.  ``(start, end)`` pairs."""
    starts = [0]
    for k in range(1, len(lines) - 1):
        line, top = lines[k], starts[-1]
        if any(line.strip() == lines[t].strip() for t in starts):
            continue  # (a header repeated on a new page is the same table's — a print repeats the first one)
        if _header_row(line) and CODE.fullmatch(lines[k + 1].split("\t")[0].strip()):
            starts.append(k)
        elif (
            k > top + 1
            and sum(bool(c.strip()) for c in lines[k - 1].split("\t")) > 1
            and _log_header(line, lines[k + 1])
            and not _log_header(lines[top], lines[top + 1])
        ):
            # (a revision log run on under a table of something else; never the line right under the header,
            # the header's own second line: ``Effective | Description of`` / ``Date | Change``; nor under a row
            # of one cell, a history's heading a layout set in the table, which heads the log where it stands)
            starts.append(k)
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def _log_header(line: str, below: str) -> bool:
    """Whether a table's line names a dated log's columns — a date column and one naming changes
    (``Reviews, Revisions, and Approvals | Date | Approval Date``, ``Date | Action``), each a name — with a
    dated row under it: a revision log a web copy ran on from the table above it (a coding table, no heading
    between), never that table's row.  A row whose cells are longer, or hold a date, is a row."""
    cells = [c.strip() for c in line.split("\t")]
    if len(cells) < 2 or any(len(c.split()) > _HEADER_CELL_WORDS or _SENTENCE_END.search(c) for c in cells):
        return False
    if any(read_date(c) is not None for c in cells):
        return False
    dated = [j for j, c in enumerate(cells) if _DATE_NAME.search(c)]
    if not dated or not any(HISTORY_HEADER.search(c) for j, c in enumerate(cells) if j not in dated):
        return False
    under = [c.strip() for c in below.split("\t")]
    return dated[0] < len(under) and read_date(under[dated[0]]) is not None


_DATE_NAME = lazy(r"\bdates?\b", re.I)


def _code_header(width: int, typed: bool = False) -> tuple[str, ...]:
    """The header a table of codes is given when it has none: ``Code``, ``Description``, then ``Column N``;
    ``Type`` first when its first column names each code's set (``CPT``, ``ICD-10``)."""
    if typed:
        return ("Type", *_code_header(width - 1))
    return ("Code", "Description", *(f"Column {n}" for n in range(3, width + 1)))[:width]


_SET_CELL = lazy(r"(?:CPT|HCPCS|ICD-?(?:9|10)(?:-CM|-PCS)?|PLA)[®*]*", re.I)  # (a code set's name alone in a cell)


def _connective_word(text: str) -> str:
    """The connective written alone, without its padding and dashes (``– OR –`` → ``OR``); other marks stay
    (``OR,`` and ``[or]`` are the document's text: nothing it wrote is dropped)."""
    return re.sub(r"[\s()–—-]", "", text)


def _marker_of(b: _Block) -> Marker | None:
    if b.kind not in ("item", "bullet"):
        return None
    found = _read_item(b.texts[0].strip())
    return found[0] if found else None


# ``3.1 methotrexate``: a decimal marker before a word in lower case (a drug's name), which
# :func:`read_item_marker` does not take on its own (``1.5 times the upper limit`` starts no item)
_LOWER_DECIMAL = lazy(r"^(?P<label>(?P<parent>[1-9]\d?)\.(?P<n>[1-9]\d?))\.?[ \t]+(?=[a-z])")


def _read_item(text: str) -> tuple[Marker, str] | None:
    """The marker of a line the lexer typed an item: :func:`read_item_marker`'s, or a lower-case decimal
    sub-item's (:func:`lower_decimal_items` chose those lines)."""
    found = read_item_marker(text)
    if found is not None or (m := _LOWER_DECIMAL.match(text)) is None:
        return found
    marker = Marker(m.group(0).rstrip(), m.group("label"), "decimal2", False, ((MarkerKind.NUMBER, int(m.group("n"))),))
    return marker, text[m.end() :].strip()


def lower_decimal_items(lines: Sequence[OutlineLine]) -> frozenset[int]:
    """The lines numbering sub-items in lower case (``3.1 methotrexate``, ``OR``, ``3.2 leflunomide``) under
    an item of the same number that announces them (``3 - History of failure to one of the following:``):
    the first must be ``N.1`` right under item ``N`` (its wrapped lines) ending in ``:``, each next one the
    next ordinal; anything else ends the run.  A number that happens to start a line (``1.5 times …``)
    is never one: no item announcing it stands above with its number."""
    out: set[int] = set()
    parent, announces, expect = "", False, 0  # (the open item's number, whether it ends in ``:``, next ordinal)
    for k, ln in enumerate(lines):
        text = ln.text.strip()
        if not text or connective_only(text):
            continue
        if (m := _LOWER_DECIMAL.match(text)) is not None:
            if m.group("parent") == parent and int(m.group("n")) == expect and (announces or expect > 1):
                out.add(k)
                expect += 1
                continue
            parent = ""
            continue
        found = read_item_marker(text)
        if found is not None:
            marker = found[0]
            numbered = marker.readings[0] == (MarkerKind.NUMBER, int(marker.label)) if marker.label.isdigit() else False
            parent, announces, expect = (marker.label, text.endswith(":"), 1) if numbered else ("", False, 0)
        elif parent and expect == 1 and "\t" not in ln.text:
            announces = text.endswith(":")  # (the item's wrapped lines: its last says whether it announces)
        else:
            parent = ""
    return frozenset(out)


_HYPHENATED = lazy(r"\b([^\W\d_]{2,})-([^\W\d_]{2,})\b")


def rejoin_broken_words(lines: Sequence[OutlineLine]) -> list[OutlineLine]:
    """A word broken at a line end and joined with its hyphen (``mem-ber``) written whole, where the
    document writes it whole elsewhere and this hyphenated spelling nowhere else."""
    text = "\n".join(ln.text for ln in lines)
    pairs = _HYPHENATED.findall(text)
    if not pairs:
        return list(lines)
    words = {w.lower() for w in re.findall(r"\w+", text)}
    counts: dict[str, int] = {}
    for a, b in pairs:
        counts[f"{a}-{b}".lower()] = counts.get(f"{a}-{b}".lower(), 0) + 1
    broken = {k for k, n in counts.items() if n == 1 and k.replace("-", "") in words}
    if not broken:
        return list(lines)

    def fix(m: re.Match[str]) -> str:
        if m.group(0).lower() not in broken or _code_part(m):
            return m.group(0)
        return m.group(1) + m.group(2)

    return [OutlineLine(_HYPHENATED.sub(fix, ln.text), ln.line) for ln in lines]


def _code_part(m: re.Match[str]) -> bool:
    """Whether a hyphenated word is (part of) a code, whose hyphen is its own: capitals on both sides (``AAD-NPF``),
    or parts of a chain with a number (``PCRX-PA-0412``: the text's ``PCRXPA-0415`` is a copy that lost a
    hyphen at a line end, never this code's spelling)."""
    a, b = m.group(1), m.group(2)
    text = m.string
    chained = re.match(r"-[A-Za-z]*\d", text[m.end() :]) or re.search(r"\d[A-Za-z]*-$", text[: m.start()])
    return (a.isupper() and b.isupper()) or chained is not None


_CONTENTS_LINE = re.compile(r"^\W{0,3}(?P<title>[A-Z].*?[^\s.…])\s*(?:\.{2,}|…{2,}|(?:\. ){4,})\s*\d{1,3}$")
# A line of a numbered table of contents (``1.1 Adults ........ 3``, ``II. Scope ..... 2``, ``3. References … 9``):
# its number is the entry's, no list item's
_NUMBERED_CONTENTS = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,4}\.?|[A-Z]\.|[IVX]{1,5}\.|\(?[a-z\d]{1,3}\))\s+(?P<title>[A-Z].*?[^\s.…])\s*"
    r"(?:\.{2,}|…{2,}|(?:\. ){4,})\s*\d{1,3}$"
)


def contents_line(text: str) -> bool:
    """Whether ``text`` is a line of a table of contents (``Coverage Rationale ........ 1``)."""
    line = text.strip()
    return _CONTENTS_LINE.match(line) is not None or _NUMBERED_CONTENTS.match(line) is not None


def contents(lines: Sequence[OutlineLine]) -> frozenset[str]:
    """The headings a document's own table of contents lists (``Coverage Rationale ........ 1``), case-folded:
    top-level headings wherever they stand (a document that lists them says they are its sections)."""
    found = [m.group("title") for ln in lines[:400] if (m := _CONTENTS_LINE.match(ln.text.strip()))]
    return frozenset(t.casefold() for t in found) if len(found) >= 3 else frozenset()


_NUMBERED_ANYWHERE = lazy(r"^[ \t]*\d{1,2}\.(?:\d{1,2}\.?)?[ \t]+[A-Z]", re.M)
_TOP_NUMBER = lazy(r"^(?P<n>\d{1,2})\.\s+(?P<rest>\S.*)$")
_MAX_TOP = 30  # a document has fewer numbered sections than this


def _numbered(text: str) -> tuple[int, str] | None:
    """``(n, title)`` of a line ``n. Title`` (a plain number, no decimal part), else ``None``."""
    m = _TOP_NUMBER.match(text)
    if m is None or m.group("rest")[:1].isdigit():
        return None
    n = int(m.group("n"))
    return (n, m.group("rest").strip()) if 0 < n <= _MAX_TOP else None


def _section_title(rest: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``rest`` (the text after ``n.``) may title a section: a heading of the vocabulary, or a short
    title-like line ending no sentence and announcing no list."""
    if _is_heading(rest, vocabulary):
        return True
    if rest.rstrip().endswith(":"):  # (a short title with a colon, as its peers write theirs: ``Additional Rules:``)
        title = rest.rstrip().removesuffix(":")
        return len(title.split()) <= _COLON_TITLE and title_like(title) and all(w[:1].isupper() for w in title.split())
    return len(rest.split()) <= 10 and title_like(rest)


_COLON_TITLE = 4  # words a numbered section's title may have before a colon (more: a lead-in announcing a list)


def numbered_sections(lines: Sequence[OutlineLine], vocabulary: frozenset[str]) -> frozenset[str]:
    """The lines ``1. Description …``, ``2. Home Sleep Apnea Testing`` … that number the document's top-level
    sections (a clinical guideline's ``N.`` / ``N.M`` outline), whole and case-folded; empty when none do.

    Told from a numbered list by their shape and their place: each a short title (no sentence's end),
    standing apart from the lines around it (text or subsections under it, never the next item ``n+1.``
    right below), their numbers one sequence ``1, 2, 3 …`` across the document, and the document saying they
    are sections — a subsection numbered under one (``2.1`` under ``2.``) or a heading of the vocabulary
    among them (``4. Exclusions``).  A candidate that goes on a numbered list above it (``3.`` after the
    ``2.`` of a list under the previous section) is that list's, unless its own subsections claim it."""
    if not _NUMBERED_ANYWHERE.search("\n".join(ln.text for ln in lines)):
        return frozenset()  # (no ``1.1 Title`` nor ``1. Title`` line: one scan of the text)
    texts = [ln.text.strip() for ln in lines]
    nonblank = [k for k, t in enumerate(texts) if t]
    after = {a: b for a, b in itertools.pairwise(nonblank)}
    before = {b: a for a, b in itertools.pairwise(nonblank)}
    subs: dict[int, list[int]] = {}  # the decimal subsections ``n.M`` by ``n``, their line indices
    numbered: list[tuple[int, int, str]] = []  # (index, n, title) of every ``n.`` line
    for k in nonblank:
        t = texts[k]
        if not t[:1].isdigit():
            continue
        if (m := _DECIMAL_HEADING.match(t)) is not None and decimal_depth(m.group("marker")) == 2:
            subs.setdefault(int(m.group("marker").split(".")[0]), []).append(k)
        elif (found := _numbered(t)) is not None:
            numbered.append((k, *found))
    ends: list[int] = []  # for each ``n.`` line, where the next ``n+1.`` line stands (the end of its section)
    following: dict[int, int] = {}
    for k, n, _ in reversed(numbered):
        ends.append(following.get(n + 1, len(texts)))
        following[n] = k
    ends.reverse()
    chain: list[tuple[int, int, str, bool]] = []  # (index, n, title, confirmed by subsections or vocabulary)
    last_item = 0  # the number of the latest ``n.`` line that is no section's
    for at_n, ((k, n, rest), end) in enumerate(zip(numbered, ends, strict=True)):
        expected = chain[-1][1] + 1 if chain else 1
        nxt = _numbered(texts[after[k]]) if k in after else None
        prv = _numbered(texts[before[k]]) if k in before else None
        closes = bool(chain) and n == expected and _heads_after_list(texts, numbered[:at_n], k, n, before, chain[-1][0])
        apart = (nxt is None or nxt[0] != n + 1) and (prv is None or prv[0] != n - 1 or closes)
        under = subs.get(n, [])
        at = bisect.bisect_right(under, k)
        claimed = at < len(under) and under[at] < end  # (a ``n.M`` below it, before the next ``n+1.``)
        known = _is_heading(rest, vocabulary)
        if (
            n == expected
            and apart
            and _section_title(rest, vocabulary)
            and (not chain or last_item != n - 1 or claimed or known or closes)
        ):
            chain.append((k, n, rest, claimed or known))
            last_item = 0
        else:
            last_item = n
    confirmed = sum(1 for *_, c in chain if c)
    out = {" ".join(texts[k].split()).casefold() for k in _claimed_decimals(texts, nonblank, after)}
    if len(chain) < 2 or confirmed == 0 or (len(chain) == 2 and confirmed < 2):
        return frozenset(out)
    # (as :func:`_is_heading` reads a line: without a colon at its end)
    heads = {k for k, *_ in chain} | set(_chained_subsections(texts, chain, subs, after, before))
    return frozenset(out | {" ".join(texts[k].split()).removesuffix(":").strip().casefold() for k in heads})


def _chained_subsections(
    texts: Sequence[str],
    chain: Sequence[tuple[int, int, str, bool]],
    subs: dict[int, list[int]],
    after: dict[int, int],
    before: dict[int, int],
) -> list[int]:
    """The ``n.M`` lines under a section ``n.`` of a confirmed chain that head a subsection in sentence case
    (``2.1. Recurrent throat infection`` under ``2. Coverage Criteria``): a few words from a capital ending no
    sentence, its own text below it before the next ``n.M`` line — not an item of a list of decimals
    (``2.1 Degenerative disc disease …`` right above ``2.2``), nor a line that reads on (``2.1 The member …:``)."""
    out: list[int] = []
    for k, n, *_ in chain:
        under = [j for j in subs.get(n, []) if j > k]
        for j, nxt in zip(under, [*under[1:], None], strict=False):  # (each line and the next, or none)
            rest = texts[j].split(None, 1)[1] if len(texts[j].split(None, 1)) == 2 else ""
            if len(rest.split()) > 10 or _SENTENCE_END.search(rest) or rest.rstrip().endswith(":"):
                continue
            if not rest[:1].isupper() or j not in after or (nxt is not None and after[j] >= nxt):
                continue
            if _DECIMAL_HEADING.match(texts[after[j]]) is not None or (
                j in before and _DECIMAL_HEADING.match(texts[before[j]]) is not None
            ):
                continue  # (a decimal right above or below: a list of decimals, or its own subsections' — those say)
            out.append(j)
    return out


def _heads_after_list(
    texts: Sequence[str], numbered: Sequence[tuple[int, int, str]], k: int, n: int, before: dict[int, int], section: int
) -> bool:
    """Whether ``n. Title`` at line ``k``, numbered on from the list right above it (``3.`` under section
    ``3.``, then ``4. Not Medically Necessary``), is the next section's heading all the same: a blank line
    between, the list's last item ending with a period, a title in title case, and every item of that list —
    numbered ``1.`` on, under the last section — ending as a criterion or a sentence does (``…;``, ``…; or``,
    ``….``), never a short title like it (a list of names, ``3. Plaque Psoriasis`` / ``4. Psoriatic
    Arthritis``, goes on with its peer)."""
    rest = texts[k].split(None, 1)[1]
    if k not in before or before[k] == k - 1 or rest.rstrip().endswith(":") or not title_like(rest):
        return False
    run: list[tuple[int, str]] = []  # the list's items ``n-1.`` down to ``1.``, last first: (line, its text)
    for k2, n2, r2 in reversed(numbered):
        if n2 != n - 1 - len(run):
            return False
        run.append((k2, r2))
        if n2 == 1:
            break
    if not run or len(run) != n - 1 or run[-1][0] < section:
        return False
    ends = [before[k]] + [before[k2] for k2, _ in run[:-1]]  # each item's last line: the one above the next
    if _PERIOD_END.search(texts[before[k]]) is None:
        return False  # (the last item ends the list: ``…; or`` / ``…; AND`` goes on to the next item)
    return all(
        not title_like(r) and _ENDS_ITEM.search(texts[e]) is not None for (_, r), e in zip(run, ends, strict=True)
    )


_ENDS_ITEM = lazy(r"[.;!?][)”\"]?(?:\s+(?:and|or))?\s*$", re.I)  # a criterion's end, its connective after it


_DECIMAL_LINE = lazy(r"^(?P<marker>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")


def _significant(label: str) -> str:
    """A decimal number without its trailing zero parts (``1.0`` → ``1``; ``2.10`` stays)."""
    return ".".join(label.split(".")[: decimal_depth(label)])


def _claimed_decimals(texts: Sequence[str], nonblank: Sequence[int], after: dict[int, int]) -> list[int]:
    """The decimal lines that head a subsection in sentence case (``1.1 Lumbar spondylolisthesis``, then its
    lead-in and ``1.1.1``, ``1.1.2`` …): a few words ending no sentence, with text below them before the
    items numbered under them — not an item of a list of decimals (``2.1 Degenerative disc disease …`` right
    above ``2.2``)."""
    rows = [(k, _significant(m.group("marker")), m.group("rest")) for k in nonblank
            if (m := _DECIMAL_LINE.match(texts[k])) is not None]  # fmt: skip
    out: list[int] = []
    for (k, label, rest), (below, sub, _) in itertools.pairwise(rows):
        if len(rest.split()) > 10 or _SENTENCE_END.search(rest) or not rest[:1].isupper():
            continue
        # the next decimal line is numbered under it, with its own text between (its lead-in)
        if sub.startswith(label + ".") and after.get(k, below) < below:
            out.append(k)
    return out


_CONTENTS_ANYWHERE = lazy(
    r"^[ \t]*(?:#{1,6}[ \t]+)?(?:table\s+of\s+contents|contents|on\s+this\s+page|in\s+this\s+\w+|jump\s+to|"
    r"page\s+contents|quick\s+links|sections)\b",
    re.I | re.M,
)
_MENU_ENTRY_WORDS = 12  # a menu's entry is a heading's few words


def _plain(text: str) -> str:
    """A line's words, case-folded, without a trailing ``:``."""
    return " ".join(text.split()).removesuffix(":").casefold()


def _entry(text: str) -> str:
    """A menu's line without its bullet (``• Coverage Rationale``) or its dotted leader and page (``Coverage
    Rationale ........ 1``): its heading's words, case-folded."""
    if (leader := _CONTENTS_LINE.match(text.strip())) is not None:
        text = leader.group("title")
    found = read_marker(text)
    if found is not None and found[0].readings[0][0] is MarkerKind.BULLET:
        text = found[1]
    return " ".join(text.split()).removesuffix(":").casefold()


def _menu_title(text: str) -> str:
    """``text``, without the mark of a stated heading when it titles a menu (``## Table of Contents``)."""
    m = _MD_HEADING.match(text)
    return m.group(2) if m is not None and _CONTENTS_TITLE.match(m.group(2)) else text


def contents_menu(
    lines: Sequence[OutlineLine], known: frozenset[str] = frozenset()
) -> tuple[list[OutlineLine], frozenset[str]]:
    """``lines`` with a contents list or a web page's menu of its sections (``Table of Contents`` / ``On this
    page`` and the headings' names below it, most written again further on as a line of its own) made plain
    text, one paragraph a line (a backslash before each: never a heading, an item or a criterion); and those
    headings, case-folded (and without their numbers: ``1.0 indications``, ``indications``), as the document's
    top-level ones — a document that lists its sections says they are its sections (see :func:`contents`).

    The menu ends at a line that is no heading's name, at a name it lists again (the first section's own
    heading) and, where its entries stand line under line, at a blank line; an entry written nowhere else is
    one only in such a run, or when ``known`` (a menu read before the text front joined its lines) names it."""
    if not _CONTENTS_ANYWHERE.search("\n".join(ln.text for ln in lines)):
        return list(lines), frozenset()  # (no menu's title: one scan of the text, not a test per line)
    # (a menu's title as a producer stated it, in a heading's style or font: ``## Table of Contents``)
    texts = [_menu_title(ln.text.strip()) for ln in lines]
    out: list[OutlineLine] = []
    names: set[str] = set()
    written: Counter[str] | None = None  # the short lines' names, how often each is written
    k = 0
    while k < len(lines):
        if not (texts[k] and _CONTENTS_TITLE.match(texts[k]) and "\t" not in lines[k].text):
            out.append(lines[k])
            k += 1
            continue
        if written is None:
            # (a heading as a producer stated it, ``# Coverage Rationale``, is that name written again)
            written = Counter(
                _plain(m.group(2) if (m := _MD_HEADING.match(x)) else x) for x in texts if x and len(x) <= 120
            )
        entries: list[int] = []
        found = 0  # the entries written again further on
        listed: set[str] = set()
        gaps = False  # whether blank lines stand between the entries
        j = k + 1
        while j < len(lines) and len(entries) < 40:
            t = texts[j]
            if not t:
                if entries and (j + 1 >= len(lines) or not texts[j + 1] or (not gaps and len(entries) > 1)):
                    break  # (two blank lines, or a blank line after entries line under line, end the menu)
                gaps = gaps or bool(entries)
                j += 1
                continue
            name = _entry(t)
            if name in listed:
                break  # (a name the menu lists again: the first section's own heading)
            if len(t.split()) > _MENU_ENTRY_WORDS or _SENTENCE_END.search(t) or "\t" in lines[j].text:
                break
            again = written[name] > (1 if _plain(t) == name else 0)
            if not again and not (name in known or (not gaps and title_like(name.title()))):
                break  # (neither a heading's name written again further on, nor a name in a run of names)
            entries.append(j)
            listed.add(name)
            found += again
            j += 1
        if len(entries) < 2 or found * 2 < len(entries):
            out.append(lines[k])
            k += 1
            continue
        # (the menu's title is no section of the document: plain text, as its entries are)
        if out and out[-1].text.strip():
            out.append(OutlineLine("", lines[k].line))
        out.append(OutlineLine(f"\\{texts[k]}", lines[k].line))
        for e in entries:
            name = _entry(texts[e])
            names.add(name)
            if (marked := read_item_marker(name)) is not None and marked[1]:
                names.add(marked[1].removesuffix(":").strip())  # (``1.0 indications``: ``indications`` too)
            out.append(OutlineLine("", lines[e].line))
            out.append(OutlineLine(f"\\{texts[e]}", lines[e].line))
        out.append(OutlineLine("", lines[entries[-1]].line))
        k = entries[-1] + 1
    return out, frozenset(names)


_RUN_LINE = 160  # a line longer than this is a paragraph's, no item's
_BULLET_START = re.compile(r"^\s*[-–•▪◦·](?=[ \t]+\S)")  # (a bullet, as :func:`read_item_marker` reads one)


def bulletless_items(lines: Sequence[OutlineLine], vocabulary: frozenset[str] = HEADINGS) -> list[OutlineLine]:
    """``lines`` with the items of a list printed without its bullets (a browser draws them as shapes, which
    reading-order ``pdftotext`` gives as nothing) given theirs (``- ``), in a document with no bullet at all:
    the lines right under an item that announces a list (``C. … at least two of the following agents:``),
    two or more, up to a blank line, each a line of its own (the text front joined wrapped lines) and none
    announcing a list of its own (the nesting would be a guess: then they stay text) — or, a blank line between
    every two, lines punctuated as a list's items up to the list's next item (:func:`_spaced_run`)."""
    if any(_BULLET_START.match(ln.text) for ln in lines):
        return list(lines)  # bullets are there to be seen: lines without one are no items
    out = list(lines)
    k = 0
    while k < len(out):
        above = out[k].text.strip()
        found = read_item_marker(above) if above.endswith(":") else None
        if found is None or found[0].readings[0][0] is MarkerKind.BULLET:
            k += 1
            continue
        j = k + 1
        while j < len(out) and (text := out[j].text.strip()) and "\t" not in out[j].text:
            if read_item_marker(text) is not None or _is_heading(text, vocabulary) or _NOTE.match(text):
                break
            j += 1
        run = list(range(k + 1, j)) if j - k > 2 else _spaced_run(out, k, vocabulary)
        if len(run) >= 2 and all(len(out[n].text) <= _RUN_LINE and not out[n].text.rstrip().endswith(":") for n in run):
            for n in run:
                out[n] = OutlineLine(f"- {out[n].text.strip()}", out[n].line)
            j = max(j, run[-1] + 1)
        k = max(j, k + 1)
    return out


def _spaced_run(lines: Sequence[OutlineLine], k: int, vocabulary: frozenset[str]) -> list[int]:
    """The lines under the announcing item on line ``k`` when a blank line stands between every two (the text
    front found no wrap between them: each a line of its own), two or more, punctuated as a list's items
    (``…;``, ``…; or``, the last ``…;`` or ``….``), the line below the last one blank and then another item of
    the list (a marker) or a heading: a paragraph under an item never reads so."""
    run: list[int] = []
    j = k + 1
    while j + 1 < len(lines) and not lines[j].text.strip() and (text := lines[j + 1].text.strip()):
        if "\t" in lines[j + 1].text or read_item_marker(text) is not None or _is_heading(text, vocabulary):
            break
        if _NOTE.match(text) or len(text) > _RUN_LINE or not _LAST_ITEM_END.search(text):
            return []
        run.append(j + 1)
        j += 2
        if not _ITEM_END.search(text):
            break
    after = next((ln.text.strip() for ln in lines[j:] if ln.text.strip()), "")
    ends = not after or read_item_marker(after) is not None or _is_heading(after, vocabulary)
    return run if len(run) >= 2 and ends and _ITEM_END.search(lines[run[-2]].text) else []


_ITEM_END = re.compile(r";(?:\s+(?:and|or|AND|OR))?\s*$")  # an item's end before the next item
_LAST_ITEM_END = re.compile(r"[.;]\s*$")


def _semicolon_run(lines: Sequence[OutlineLine], k: int, vocabulary: frozenset[str]) -> list[int]:
    """The lines of a list written without markers right after line ``k`` (a lead-in ending in ``:``): each
    a line of its own (blank lines between them or none), every one but the last ending with ``;`` (``; or``)
    and the last with ``.`` or ``;`` — the punctuation of a list's items, not of a paragraph's lines."""
    run: list[int] = []
    j = k + 1
    while j < len(lines):
        text = lines[j].text.strip()
        if not text:
            j += 1
            continue
        if "\t" in lines[j].text or len(text) > _RUN_LINE or not text[:1].isupper():
            break
        if read_item_marker(text) is not None or _is_heading(text, vocabulary) or _NOTE.match(text):
            break
        run.append(j)
        if not _ITEM_END.search(text):
            return run if _LAST_ITEM_END.search(text) and len(run) >= 2 else []
        j += 1
    return run if len(run) >= 2 else []


def semicolon_items(
    lines: Sequence[OutlineLine], vocabulary: frozenset[str] = HEADINGS
) -> tuple[list[OutlineLine], list[Diagnostic]]:
    """``lines`` with the items of a list written without markers given a bullet (``- ``): after a paragraph
    announcing a list (a line ending in ``:``, no item's), the lines of :func:`_semicolon_run` — a web page's
    ``<ul>`` copied as text, a print whose bullets were shapes.  They become a plain list under the lead-in,
    with a note saying so — only where neither the lead-in nor the lines name a connective: under ``when all
    of the following are met:`` they would be a criteria group read from lines whose markers (and so their
    nesting) were lost, so they stay paragraphs, with a warning."""
    out = list(lines)
    diagnostics: list[Diagnostic] = []
    k = 0
    while k < len(out):
        above = out[k].text.strip()
        if not above.endswith(":") or read_item_marker(above) is not None or _is_heading(above, vocabulary):
            k += 1
            continue
        run = _semicolon_run(out, k, vocabulary)
        if run and group_connective(above, [out[j].text for j in run])[0] is not None:
            if run[-1] - run[0] == len(run) - 1:
                k = run[-1] + 1  # (line under line: a list whose markers were lost, read by ``unmarked_lists``)
                continue
            # (lines a blank line apart under a lead-in naming a connective: a criteria group on a guess: text, said so)
            message = f"{len(run)} line(s) ending in `;` under a criteria lead-in, with no markers: kept as paragraphs"
            diagnostics.append(Diagnostic("warning", message, line=out[run[0]].line))
            k = run[-1] + 1
            continue
        for j in run:
            out[j] = OutlineLine(f"- {out[j].text.strip()}", out[j].line)
        if run:
            message = f"{len(run)} line(s) ending in `;` under a lead-in read as a plain list without markers"
            diagnostics.append(Diagnostic("note", message, line=out[run[0]].line))
        k = run[-1] + 1 if run else k + 1
    return out, diagnostics


def _stops_list(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether a line ends a list of lines without markers above it: a heading (of the vocabulary, markdown,
    numbered), a line of a table of contents, a connective stated for what follows (``Either of the following:``
    is a lead-in of its own only with a marker above it)."""
    return (
        _is_heading(text, vocabulary)
        or _MD_HEADING.match(text) is not None
        or _numbered_heading(text, vocabulary) is not None
        or contents_line(text)
    )


def read_outline(
    lines: Sequence[OutlineLine],
    vocabulary: frozenset[str] = HEADINGS,
    running: frozenset[str] = frozenset(),
    menu: frozenset[str] = frozenset(),
) -> Outline:
    """The outline of a document in the line form (never raises on text); ``running``: its running
    header lines, case-folded (dropped where a page break left them inside a sentence); ``menu``: the
    headings its contents list names, read from its source lines (see :func:`contents_menu`)."""
    lines, listed = contents_menu(lines, menu)
    vocab = HEADINGS | vocabulary | contents(lines) | listed
    vocab |= numbered_sections(lines, vocab)
    from policyvc.parser.unmarked_lists import unmarked_lists  # (it reads this module's lines)

    lines, unmarked = semicolon_items(bulletless_items(rejoin_broken_words(lines), vocab), vocab)
    lines, lost, inferred = unmarked_lists(lines, lambda text: _stops_list(text, vocab))
    unmarked = [*unmarked, *lost]
    toks = tokens(lines, vocab, running)
    blocks = _blocks(toks)
    broken = any(ln.text.rstrip().endswith("-") for ln in lines)
    words = frozenset(w.lower() for ln in lines for w in _WORD_START.findall(ln.text)) if broken else frozenset()
    assembler = _Assembler(vocab, words)
    root = assembler.run(blocks)
    return Outline(root, (*unmarked, *assembler.diagnostics), inferred)
