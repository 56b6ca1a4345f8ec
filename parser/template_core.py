"""The shared core of the templates: a template is declarations; this turns an outline into the AST.

Like a sqlglot dialect, a template module declares only what is its own
(:class:`~policyvc.parser.template_spec.Template`): the
reference families and phrases that claim a document for it, its heading vocabulary, the labels of
its header fields, the headings of its criteria and of its dated history, and how a criteria group
is recognised (:class:`GroupStyle`).  :func:`build` does the rest the same way for every template:

* the **header**: the title, identifier, effective and review dates and lines of business where the
  document states them (a field it does not state is a ``warning``, never a failure), read from the
  labelled lines of the head of the document;
* the **body**: one :class:`~policyvc.parser.nodes.Section` per heading, paragraphs, bullets and
  tables as written; criteria groups as :class:`~policyvc.parser.nodes.CriteriaSet` — under
  ``GroupStyle.STATEMENTS`` each top-level item of a criteria section's list is a statement (its own
  criteria below it; a statement may have none), under ``GroupStyle.LISTS`` each list is a group led
  in by the paragraph before it;
* the **history**: a revision table or dated lines in any of the forms of
  :mod:`~policyvc.parser.written_history`, as the revision log.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from policyvc.lazy_re import lazy
from policyvc.parser.classify import classify
from policyvc.parser.field_tables import Labels, classify_table
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.nodes import (
    Bullet,
    Bullets,
    Connective,
    CriteriaSet,
    Criterion,
    Header,
    MarkerKind,
    MeetRule,
    Note,
    Paragraph,
    Policy,
    RevisionEntry,
    Section,
    SectionBlock,
    Span,
    Table,
)
from policyvc.parser.outline import (
    HEADINGS,
    OBlock,
    OItem,
    OList,
    ONote,
    OSection,
    Outline,
    contents_line,
    group_connective,
    title_like,
)
from policyvc.parser.page_numbers import page_number_line
from policyvc.parser.run_on_lists import states_decision
from policyvc.parser.statement_lists import refusal_statement_list, statement_list
from policyvc.parser.template_spec import BACK_MATTER_NAME, GroupStyle, Template
from policyvc.parser.walk import slug
from policyvc.parser.written_dates import DATE, find_dates, read_date
from policyvc.parser.written_history import (
    change_entries,
    dated_list_entries,
    described_dates,
    field_before_changes,
    is_history_table,
    read_history,
)

__all__ = ["GroupStyle", "Template", "build"]


# --- header -------------------------------------------------------------------------------------------------

_HEAD_LINES = 60  # header fields are looked for among the first lines of the source


def _label_re(label: str, value: str = "") -> re.Pattern[str]:
    """``label`` and its stop; ``value``: a lookahead the value must match (none: any value)."""
    name = re.escape(label).replace(r"\ ", r"\s+")
    # ``Label: value``, ``Label # value``, or a dotted leader (``Effective Date ........ 03/15/2026``);
    # a label that ends in its own stop (``Policy No. 284``, ``Document # 12``) needs no more; a footnote's
    # mark may stand before the stop (``Effective Date*:``, ``Review Date†:``: the note is below the grid)
    stop = r"[*†]?\s*(?:[:#]|\.{3,}|…+)?" if label[-1:] in ".#" else r"[*†]?\s*(?:[:#]|\.{3,}|…+)"
    return re.compile(rf"(?:^|(?<=\s))(?:{name}){stop}\s*(?=\S){value}", re.I)


def _abbreviated(name: str, label: str) -> bool:
    """Whether ``label`` is a date field's abbreviation (``Eff.``, ``Eff. Date``) or a review's one word
    (``Reviewed``): a field only with a date after it, since its few letters start words of prose too
    (``Eff. dose …``, ``Reviewed by …``)."""
    return (name in ("effective", "review") and "." in label) or (name == "review" and " " not in label.strip())


def _bare_re(labels: tuple[str, ...], value: str) -> re.Pattern[str]:
    """A label with its value right after it and no stop (``Last Review 01/15/2026``, ``LCD ID L33822``):
    only where a field starts — a line's start, after another field (``; ``, ``: ``, ``| ``) or a layout's
    gap (:data:`_FIELD_START`) — since prose says ``effective date 10/01/2025`` too; ``value``: a lookahead
    for the value."""
    names = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=\s))(?:{names})\s+{value}", re.I)  # (one pattern: the longest label first)


# Where a field starts on a line: its start, after another field's stop (``; ``, ``: ``, ``| ``, or the middle dot
# a web page's subtitle sets between fields, ``Criteria · Edit ID: X-06 · Effective Jan 2026``), a layout's gap or
# a value's date — a label with no stop of its own (:func:`_bare_re`) is a field only there, or after another
# field on the same line (``Policy No. M-62 Section Medicine Effective Date 03/01/2026``)
_FIELD_START = re.compile(r"(?:^|(?<=[;:|·]\s)|(?<=\s\s)|(?<=\d\s))")


# An identifier as a value: one token with a digit (``MP221``, ``2.04.83``); what a bare ``Policy:``
# label must hold to name the document (``Policy: This policy addresses …`` is a sentence).
_IDENTIFIER = re.compile(r"[A-Za-z0-9][\w.\-/]{0,30}")
# An identifier written after its label with no stop, or in parentheses after the title: letters then a
# digit (``L33822``, ``CG-SURG-83``, ``MP.064``), numbers joined by dots or hyphens (``7.01.92``), or three
# digits or more (``0245``) — never a year alone, never a date (``/`` is no identifier's)
_ID_SHAPE = r"(?:[A-Za-z]{1,8}[-.]?[\w.\-]*\d[\w.\-]*|\d+(?:[.\-]\d+)+[A-Za-z]?|\d{3,}[A-Za-z0-9]*(?:-[A-Za-z]\w*)?)"
# An identifier a program writes in parts with spaces, the whole of its field's value (``2025 P 2215-4``): capitals
# and numbers only, the first part a number and the last a number joined by a hyphen or a dot (no word: never
# ``0531 Facet Joint``, never a count and its unit)
_PARTED = r"\d{2,4}(?: [A-Z0-9]{1,4}){1,2} \d{2,6}[-.]\d{1,3}"
_PARTED_ID = re.compile(_PARTED)
# (a number then a letter is no year: ``2090-A``)
_BARE_ID = (
    rf"(?=(?!(?:19|20)\d\d\b(?!-[A-Za-z])){_ID_SHAPE}(?:[\s;,]|$)|[A-Z]{{1,4}} \d{{3,}}[A-Z]?(?:\s{{2,}}|[;,.]?\s*$)"
    rf"|{_PARTED}(?:\s{{2,}}|\s*$))"
)
# (a date, or the phrase a coverage page puts before it: ``For services performed on or after 01/01/2026``)
_BARE_DATE = (
    r"(?=(?:(?:for|services?|performed|dates?|of|on|or|after|from|beginning)\s+){0,7}"
    rf"(?:{DATE.pattern}))"
)
_DATE_LEAD = re.compile(r"^(?:(?:for|services?|performed|dates?|of|on|or|after|from|beginning)\s+){2,7}(?=\d)", re.I)
# Labels that name the identifier only with an identifier right after them (``Medical Policy 1.01.10``,
# ``LCD L33822``, a guideline's head ``Guideline SLP-02 | Effective Date: …``): the words alone name a kind of
# document.
_BARE_REFERENCE_LABELS = ("Medical Policy", "LCD", "NCD", "Guideline ID", "Guideline", "Policy")
# An identifier in parentheses after the title has a policy code's shape, which a name's abbreviation in
# parentheses has not (``COVID-19``, ``SARS-CoV-2``, ``HER2``): a few capitals before three digits or more
# (``L39912``, ``MP.064``), capitals and digits in three parts or more (``CG-SURG-83``, ``HUM-0512-023``),
# or numbers joined by dots (``20.33``, ``7.01.92``)
_CODE_SHAPE = r"(?:[A-Z]{1,4}[-.]?\d{3,}[A-Z]?|[A-Z0-9]+(?:[-.][A-Z0-9]+){2,}|\d+(?:\.\d+)+)"
# (with the version after it, which is no part of the identifier: ``(CG013, Ver. 9)``, ``(MP-12 v3)``)
_VERSION = r"(?:,?\s*(?:Ver(?:sion)?|Rev(?:ision)?|v)\.?\s*\d+(?:\.\d+)*)?"
_TITLE_ID = re.compile(rf"^(?P<title>.*\S)\s*\((?P<id>(?!(?:19|20)\d\d\))(?:{_CODE_SHAPE}|\d{{3,}})){_VERSION}\)$")
# (a kind of document, or its identifier's label: ``Guideline: CD-2`` and ``Guideline: Stress Echocardiography``)
_WEAK_LABELS = frozenset({"policy", "medical policy", "guideline"})
# an identifier and the version a line writes after it (``CD-2 Version 1.0.2025``, ``MP-12 Rev. 3``)
_VERSIONED = re.compile(rf"({_ID_SHAPE})\s+(?:Version|Ver\.|Revision|Rev\.)\s*\d+(?:\.\d+)*")
_WEAK_RANK = 1_000  # after every declared label
_BARE_RANK = _WEAK_RANK - 1  # a label with no stop: after every declared label with one
_SHAPED_RANK = _BARE_RANK - 1  # a label read by its shape (:data:`_SHAPED_LABELS`): after every declared one

# Labels are a vocabulary of shapes, not a list of every plan's words: a kind of document's word (``Policy``,
# ``Criteria``, ``Guideline`` …) with the words a plan puts before it, then what the field holds.  A word
# before it may say the document is another one (``Related Policy Number``, ``Replaces Policy #``): never
# this document's field.
_KIND = r"(?:Polic(?:y|ies)|Criteria|Guidelines?|Bulletin|Protocol|Document|Procedure|Coverage\s+Policy|Program)"
_OTHER_DOCUMENT = (
    r"(?:Related|Replaced|Replaces|Former|Previous|Old|Superseded|Supersedes|Archived|Retired|Associated|"
    r"Companion|Linked|Other|See|Prior(?!\s+Auth))\b"
)
# (and a number no document has: a phone's, a member's, a claim's — ``Phone Number: 1-800-555-0100``)
_ANOTHER_DOCUMENT = re.compile(
    rf"(?:^|\s)(?:{_OTHER_DOCUMENT}|(?:Phone|Telephone|Fax|TTY|Member|Subscriber|NPI|Tax|Group|Claim|Account|"
    r"Provider|Contact)\b)\s+$",
    re.I,
)
_PLAN_WORD = rf"(?!{_OTHER_DOCUMENT})[A-Z][\w'’&-]*\s+"  # (a capitalised word: a plan's or a program's)
_SHAPED_LABELS = (
    # ``Name of Blue Advantage Policy:``, ``Title of Medical Policy:``, ``Commercial Policy Name:``
    ("title", rf"^(?:(?i:name|title)\s+of\s+(?:(?i:the|this)\s+)?(?:{_PLAN_WORD}){{0,4}}{_KIND}"
              rf"|(?:{_PLAN_WORD}){{1,4}}{_KIND}\s+(?i:name|title))\s*:\s*(?=\S)"),
    # ``Criteria ID:``, ``Clinical Criteria Number:``, ``Drug Policy #``, ``Protocol No.``
    ("reference", rf"^(?:{_PLAN_WORD}){{0,3}}{_KIND}\s+"
                  r"(?:(?:ID|Id|Number|NUMBER)\s*[:#]|(?:No\.|NO\.|#)\s*:?)\s*(?=\S)"),
    # ``Pharmacy Coverage Policy: RX-2019-044``: a kind of document whose whole value is an identifier (never a
    # year; a name after the kind is the title's, read by the weak labels)
    ("reference", rf"^(?:{_PLAN_WORD}){{0,3}}{_KIND}\s*:\s*(?=(?!(?:19|20)\d\d\s*$){_ID_SHAPE}\s*$)"),
)  # fmt: skip
_BARRED_KIND = re.compile(rf"(?<=[|·]\s)(?:{_PLAN_WORD}){{0,3}}{_KIND}\s*:\s*(?=\S)")
# A date a web page states of itself (``Page last reviewed: 02/2026``, ``Site last updated …``): the site's, no
# date of the policy's — the label is read with the words before it that say so
_PAGE_DATE = re.compile(r"(?:^|\s)(?:this\s+)?(?:web\s*)?(?:page|site|website)(?:\s+was)?\s+$", re.I)


@dataclass(slots=True)
class _Head:
    title: str = ""
    reference: str = ""
    effective: str = ""
    review: str = ""
    lob: str = ""
    extras: list[str] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # ids of the paragraphs the fields were read from
    fielded: set[int] = field(default_factory=set)  # ids of the headings that hold a field (kept in the body)
    fielded_lines: set[int] = field(default_factory=set)  # and their lines
    title_span: Span = field(default_factory=lambda: Span(1))
    kind_titled: bool = False  # the title read after a kind of document's weak label (``Medical Policy: <title>``)
    printed: frozenset[str] = frozenset()  # the page titles a browser printed beside its stamps
    own_line: str = ""  # the title's own line, where the title starts on the line above it (a wrapped subject)
    dated: dict[str, str] = field(default_factory=dict)  # a date slot's field as its line writes it (``Label: …``)


def _words(label: str) -> str:
    """A label's words as a pattern, any spacing between them."""
    return r"\s+".join(re.escape(w) for w in label.split())


@functools.cache  # (a template's labels compile once: the bare forms hold the whole date pattern)
def _all_labels(t: Template) -> list[tuple[str, int, re.Pattern[str]]]:
    """Every label of the template's header fields: (field, rank, pattern); the first label a template
    declares for a field is the one it prefers.  A weak label (a bare ``Policy:``) names the identifier
    only when its value is one (:data:`_IDENTIFIER`), and ranks after every other."""
    weak = [
        # (at the start, a colon or a dash: ``Medical Policy: S-44-027``, ``MEDICAL POLICY – 7.01.108``, a series'
        # letters and its number with a space: ``Medical Policy: MP 2.01.18``)
        ("reference", _WEAK_RANK, re.compile(rf"^{_words(label)}\s*(?::|\s[–—-])\s*(?=\S)", re.I))
        for label in sorted(_WEAK_LABELS)
        if t.reference_labels and not t.titled
    ]
    bare = [
        (name, _BARE_RANK, _bare_re(labels, value))
        for name, labels, value in (
            ("reference", (*t.reference_labels, *(() if t.titled else _BARE_REFERENCE_LABELS)), _BARE_ID),
            # (``Policy Title      Inflammatory Conditions …``: a layout's grid; a name of several words only)
            (
                "title",
                tuple(label for label in t.title_labels if re.search(r"\s(?:Title|Name)$", label)),
                r"(?=[A-Z0-9])",
            ),
            ("effective", t.effective_labels, _BARE_DATE),
            ("review", t.review_labels, _BARE_DATE),
            ("other", t.other_labels, _BARE_DATE),  # (so ``Next Review Date 03/01/2027`` is no review date)
        )
        # (a family template's own labels too, where a browser's print header writes them with no stop: ``Reference
        # Number CP.MP.145 Date of Last Revision 03/26``)
        if labels and (not t.titled or name in ("reference", "effective", "review"))
    ]
    shaped = [(name, _SHAPED_RANK, re.compile(rx)) for name, rx in _SHAPED_LABELS if not t.titled]
    # (a kind of document and a colon among a field line's fields, ``Document Number: X-12 | <plan> Clinical
    # Criteria: <subject>``: the document's name — or its identifier — read as a weak label's value is)
    barred = [("reference", _WEAK_RANK, _BARRED_KIND)] if t.reference_labels and not t.titled else []
    return (
        weak
        + barred
        + bare
        + shaped
        + [
            (name, rank, _label_re(label, _BARE_DATE if _abbreviated(name, label) else ""))
            for name, labels in (
                ("title", t.title_labels),
                ("reference", t.reference_labels),
                ("effective", t.effective_labels),
                ("review", t.review_labels),
                ("lob", t.lob_labels),
                ("other", t.other_labels),
            )
            for rank, label in enumerate(labels)
        ]
    )


def _fields(text: str, labels: list[tuple[str, int, re.Pattern[str]]]) -> list[tuple[str, int, str]]:
    """The labelled fields of one line (several when a viewer ran them together): (field, rank, value).

    Where two labels overlap the one that starts first (and then the longer) wins: ``Original
    Effective Date`` is not ``Effective Date``.  An identifier's value is the identifier it states
    (:func:`_identifier`), else no field."""
    hits = sorted(
        ((m.start(), -m.end(), m.end(), name, rank) for name, rank, rx in labels for m in rx.finditer(text)),
    )
    kept: list[tuple[int, int, str, int]] = []
    other = 0  # (the end of another document's label: no shorter label inside it is this document's)
    for start, _, end, name, rank in hits:
        if (kept and start < kept[-1][1]) or start < other:
            continue
        if rank == _BARE_RANK and not kept and not _FIELD_START.match(text, start):
            continue  # (a bare label inside a sentence)
        if name == "reference" and _ANOTHER_DOCUMENT.search(text, 0, start):
            other = end  # (``Related Policy Number: 7.01.99``: another document's)
            continue
        if name == "review" and (m := _NEXT_REVIEW.search(text, 0, start)):
            # (``Next Version Review Date: 09/2026``: the date the next review is due, never the last review's —
            # a field of its own, kept whole)
            start, name = m.start(), "other"
        kept.append((start, end, name, rank))
    out: list[tuple[str, int, str]] = []
    for k, (_, end, name, rank) in enumerate(kept):
        stop = kept[k + 1][0] if k + 1 < len(kept) else len(text)
        value = text[end:stop].strip(" ;|,.")
        if rank == _WEAK_RANK and (m := _VERSIONED.fullmatch(value)):
            # (``Guideline: CD-2 Version 1.0.2025``: the version is no part of the identifier; kept as an extra)
            out.append(("other", rank, value[m.end(1) :].strip()))
            value = m.group(1)
        if rank == _WEAK_RANK and not _IDENTIFIER.fullmatch(value) and not _SPACED_ID.fullmatch(value):
            # (``Medical Policy: Hereditary Cancer Genetic Testing``: a web page's kind of document then its name,
            # read as the title when nothing better names it; never one word, never a sentence)
            if len(value.split()) >= 2 and title_like(value) and not find_dates(value):
                out.append(("title", rank, value))
            continue
        if rank in (_BARE_RANK, _SHAPED_RANK) and name == "title" and (not title_like(value) or find_dates(value)):
            continue  # (a title with no stop after its label, or with a label's shape, is a name, never a sentence)
        if name in ("review", "effective") and _PAGE_DATE.search(text, 0, kept[k][0]):
            name = "other"  # (``Page last reviewed: 02/2026``: the web page's date, kept in the body as written)
        if name == "reference" and value:
            value = _identifier(value)
        if value and name == "other" and _change_line(value):
            continue  # (``Revised: 2/24 (Annual review); 2/25 (…)``: a history's dated changes, read as the log's rows)
        if value and name == "other":  # (a field no header slot holds: kept whole, as the header's extra)
            label = text[kept[k][0] : end].strip(" :#.…†*")  # (without its stop or a dotted leader)
            out.append((name, rank, f"{label}: {value}{_iso_suffix(value)}"))
        elif value:
            out.append((name, rank, value))
    return out


# The words before a review label that make it the next review's (``Next Version Review Date``, ``Next Scheduled
# Review``): a word or two between ``Next`` and the label, in the label's own cell
_NEXT_REVIEW = re.compile(r"(?:^|(?<=[\t|;])|(?<=\s\s))\s*Next(?:\s+[A-Za-z]+){0,2}\s*$", re.I)


def _change_line(value: str) -> bool:
    """Whether a field's value is a run of dated changes (two dates or more, words beside them), no field's value."""
    dates = find_dates(value)
    if len(dates) < 2:
        return False
    rest = "".join(value[a.end : b.start] for a, b in itertools.pairwise(dates)) + value[dates[-1].end :]
    return any(c.isalpha() for c in rest)


def reads_as_field(t: Template, line: str) -> bool:
    """Whether ``line`` alone is read by ``t``'s header as a labelled field (``Next Review: 12/2026``, ``Status:
    Revised``): the canonical text writes such a header extra in the run of the header's field lines, where the
    reader keeps it as the header's (a line of it after a blank line stays a paragraph of the front)."""
    return bool(_fields(line, _all_labels(t)))


_ISO = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def _iso_suffix(value: str) -> str:
    """`` (<ISO date>)`` after a field's value that is a date and nothing more (``November 2026`` → `` (2026-11)``:
    a month stays a month, never a made-up day); ``""`` for any other value, or one that already says it."""
    d = read_date(value.strip())
    if d is None or d.end - d.start < len(value.strip()) - 1 or _ISO.search(value):
        return ""
    return f" ({d.date.isoformat()[:7] if d.month_only else d.date.isoformat()})"


# An identifier a series' capitals and its number write with a space (``IP 0252``, ``MP 221``, ``MP 2.0410``):
# the number has three digits or more, or numbers joined by dots (never a date's ``/``), and nothing but a
# layout's gap, a stop or the line's end follows it — or, as the field's whole value, a series of two capitals
# or more and a short number (``DME 33``, ``MED 7``: never a word and a count inside a sentence)
_SPACED_ID = re.compile(
    # (with a variant's letters after a spaced dash, the field's whole value: ``CPG 278 - S``, ``MP 1042 - A``)
    r"[A-Z]{1,4} \d{3,}[A-Z]? [-–] [A-Z]{1,3}(?=\s{2,}|\s*$)|"
    r"[A-Z]{1,4} (?:\d{3,}[A-Z]?|\d{1,3}(?:\.\d+)+)(?=\s{2,}|[;,]?\s*$|\.\s*$)|[A-Z]{2,5} \d{1,2}(?=\s*$)"
)


def _identifier(value: str) -> str:
    """An identifier field's value as the identifier it states: one token with a digit, the value's first
    when a layout ran the next column onto it (``0531   Facet Joint …``); ``""`` when it states none (it
    becomes a store key and a git ref: never a guess)."""
    if m := _SPACED_ID.match(value):  # (``IP 0252``: a series' letters, a space, its number)
        return m.group(0)
    if _PARTED_ID.fullmatch(value) and not find_dates(value):  # (``2025 P 2215-4``: the whole value)
        return value
    token = value.split()[0].strip(" ;,.") if value.split() else ""
    if len(token) > 30 or not _IDENTIFIER.fullmatch(token) or not any(c.isdigit() for c in token):
        return ""
    if token != value and (not re.fullmatch(_ID_SHAPE, token) or re.fullmatch(r"(?:19|20)\d\d", token)):
        return ""  # (more than the token, and the token no identifier's shape — or a year —: a sentence)
    return token


def _head_blocks(t: Template, root: OSection) -> list[Paragraph | OSection]:
    """The blocks of the head of the document, where its header fields are.

    A template with a fixed header (the family's) ends it at its first own heading (``Description``);
    any other reads the paragraphs of the first lines, whatever section they sit in.
    """
    out: list[Paragraph | OSection] = []
    if t.titled:
        pending = list(root.blocks)
        while pending:
            b = pending.pop(0)
            if isinstance(b, OSection) and b.title.casefold() in t.headings and b.title not in t.extras:
                break
            if isinstance(b, OSection):
                out.append(b)
                pending[:0] = b.blocks
            elif isinstance(b, Paragraph):
                out.append(b)
        return out
    stack = [root]
    while stack:
        s = stack.pop(0)
        for b in s.blocks:
            if isinstance(b, Paragraph) and b.span.line <= _HEAD_LINES:
                out.append(b)
            elif isinstance(b, OSection) and b.span.line <= _HEAD_LINES:
                out.append(b)
                stack.append(b)
            elif (
                isinstance(b, ONote) and b.span.line <= _HEAD_LINES and _FIELD_LINE.match(text := b.text.lstrip("*†‡ "))
            ):
                # (a field marked for a footnote, ``*Current Policy Effective Date: 3/1/25``: read, and kept as a note)
                out.append(Paragraph(text, b.span))
    return out


def _read_head(t: Template, outline: Outline, printed: frozenset[str] = frozenset()) -> _Head:
    head = _Head(printed=printed)
    labels = _all_labels(t)
    ranks: dict[str, int] = {}
    leads: list[tuple[str, Span]] = []  # the words before the first field of a field line
    blocks = _head_blocks(t, outline.root)
    late, in_block = _label_block(t, blocks) if not t.titled else ([], set())
    others: list[tuple[Paragraph, list[str]]] = []  # the lines of other fields only, in order
    for k, block in enumerate(blocks):
        if isinstance(block, OSection):
            if block.title in t.extras:  # a link line of the header (``Coding Implications``)
                head.extras.append(block.title)
                head.used.add(id(block))
            elif t.titled:  # (a family head's label alone the layout made a heading, its value below: a print of
                if not block.blocks:  # its header table, ``Reference Number:`` / ``CP.MP.145``)
                    _heading_label(t, head, ranks, block, _below(blocks, k))
            else:  # a field line the layout made a heading (``MEDICAL POLICY No. 91541-R7``):
                for name, rank, value in _fields(block.title, labels):  # read; the heading stays in the body
                    head.fielded.add(id(block))  # (no title)
                    head.fielded_lines.add(block.span.line)
                    # (no title, but a grid's ``Policy Title      Inflammatory …`` the layout made a heading, and
                    # a kind of document's label before the name, ``Medical Policy: Transcranial …``, a Word heading)
                    titled = name == "title" and rank in (_BARE_RANK, _WEAK_RANK)
                    if rank < ranks.get(name, _WEAK_RANK + 1) and (name not in ("title", "other") or titled):
                        ranks[name] = rank
                        setattr(head, name, value)
                        if titled:
                            head.title_span = block.span
                            head.kind_titled = rank == _WEAK_RANK
                if id(block) in head.fielded and not leads and (lead := _lead(block.title, labels)):
                    leads.append((lead, block.span))  # (``<title> Effective Date: …``: a header table's row)
                if id(block) not in head.fielded and not block.blocks:
                    _heading_label(t, head, ranks, block, _below(blocks, k))
            continue
        text, wrapped = _cell_wrapped(block, _below(blocks, k), labels)
        found = _fields(text, labels)
        if wrapped is not None and found:  # (the cell's wrapped line is the field's: read with it, not the body's)
            head.used.add(id(wrapped))
        if found and all(name == "other" for name, _, _ in found):
            # (a line of other fields only stays in the body, as it is written — unless it stands in the run of the
            # header's fields, ``Next Review: November 2026`` under ``Last Revised: …``: decided once they are read)
            others.append((block, [value for _, _, value in found]))
            found = []
        below = _below(blocks, k)
        if id(block) in in_block:
            continue  # (a label of a block of labels: its value is not the line below it)
        above = _label_above(t, block.text, below) if not found and id(block) not in head.used else None
        if above is not None and above[1] >= ranks.get(above[0], _WEAK_RANK + 1):
            above = None  # (a field already read by a label it prefers: both lines stay in the body, never lost)
        if above is not None:
            name, rank, value, whole = above  # a web page's field: its label on one line, its value alone below
            found = [(name, rank, value)]
            head.used.add(id(below[0]))
            if not whole:  # (the label ends a line that says more: that line stays in the body)
                head.used.discard(id(block))
                found_here = False
            else:
                found_here = True
        else:
            found_here = bool(found)
        for name, rank, value in found:
            if name == "other":
                head.extras.append(value)
                continue
            if rank < ranks.get(name, _WEAK_RANK + 1):
                if found_here and name in _DATED:
                    if (kept := head.dated.get(name)) and getattr(head, name) not in ("", value):
                        head.extras.append(kept)  # (the date a preferred label replaces: kept, never lost)
                    head.dated[name] = f"{_label_of(text, value)}: {value}{_iso_suffix(value)}"
                ranks[name] = rank
                setattr(head, name, value)
                if name == "title":
                    head.title_span = block.span
                    head.kind_titled = rank == _WEAK_RANK
            elif found_here and name in _DATED and value != getattr(head, name):
                # (a second date of the same slot under another label, ``Review Date: 05/2026`` then ``Date Revised:
                # 05/19/2026``: the line leaves the body, so its field is kept as the header's extra, never lost)
                head.extras.append(f"{_label_of(text, value)}: {value}{_iso_suffix(value)}")
        if found_here:
            head.used.add(id(block))
        if found:
            if not leads and (lead := _lead(block.text, labels, block.span.end_line > block.span.line)):
                leads.append((lead, block.span))
        elif (extra := _template_extra(block.text, t.extras)) is not None:
            head.extras.append(extra)
            head.used.add(id(block))
    _run_others(blocks, head, others)
    if not t.titled and not head.review:
        _revised_review(blocks, head, others)
    if not t.titled:
        for name, value, block in late:
            _block_field(head, name, value, block)
    if not t.titled and not (head.reference or head.effective or head.review):
        _foot_fields(t, outline.root, head, labels, ranks)  # (no field at the top: a block of them on the last page)
    if not head.reference and not t.titled:
        head.reference = _split_label(blocks, labels)
    if head.title and t.titled:
        head.title = _wrapped_title(head, blocks)
    if not head.title and leads:  # ``Knee Arthroscopy: Policy No. 412``: the title leads its field line
        head.title, head.title_span = leads[0]
    if not head.title:  # no field names the title: the line of the head that names most
        fields = [b for b in _head_blocks(t, outline.root) if id(b) in head.used or id(b) in head.fielded]
        line = _title_line(outline.root, fields, _labels(t), head.reference, _label_names(t))
        if line is not None and _FIELD_LINE.match(line[0]) and not _KIND_COLON_TITLE.match(line[0]):
            # (a field's line no label names, ``Applies to: <plans>``, below the plan's line that names its kind of
            # document and then the subject: that line is the title's, the field stays in the body)
            plan = [b for b in blocks if b.span.line < line[1].line]
            if _plan_kind_title(plan, head):
                line = None
        if line is not None:
            head.title, head.title_span = _kind_title_wrapped(blocks, head, *line)
    if head.title and not t.titled and (over := _over_subtitle(outline.root, head.used, (head.title, head.title_span))):
        # (a subtitle naming the kind of document, ``Prior Authorization Criteria · <drug>``, under the document's
        # name: the name is the title, the subtitle a line of the head kept with its extras, whether the layout
        # made it a heading, a paragraph or the lead of a field line)
        head.extras.append(head.title)
        (head.title, head.title_span), own = over
        if own is not None:
            head.used.add(id(own))
    if head.title and not t.titled:
        head.title = _print_wrapped(blocks, head, labels)
    if head.title and not t.titled and head.kind_titled:
        head.title = _kind_title_whole(blocks, head)
    if not t.titled and not head.reference:  # (``Hearing Loss`` / ``(12.04.88)``: the title wrapped)
        head.reference = _wrapped_id(blocks, head.title_span)
    if not head.title and head.reference and not t.titled:  # (``… Number ..... 0531`` / ``Facet Joint …``)
        head.title = _after_identifier(blocks, head)
    if not head.title and not t.titled:  # (``<plan> Medical Policy — <title>``: the only line naming it)
        head.title = _plan_kind_title(blocks, head)
    elif not t.titled and (m := _PLAN_KIND_TITLE.match(head.title)) and _subject(m.group("subject")):
        head.own_line = head.title  # (the title's line: the header's, no paragraph of the front)
        head.title = m.group("subject").strip()  # (the same line read whole: the plan and kind are no part of it)
    if not t.titled:
        head.title = _page_title(head.title, head.reference)
    if not t.titled and head.reference:
        head.title = _kind_labelled(blocks, head)
    m = _TITLE_ID.match(head.title) if not t.titled else None  # ``Bariatric Surgery (CG-SURG-83)``
    if m is not None and (not head.reference or head.reference.casefold() == m.group("id").casefold()):
        head.title, head.reference = m.group("title").rstrip(" -–—:"), m.group("id")
    if not t.titled and not head.reference and head.title:
        head.reference = _titled_id(blocks, head.title)
    if not t.titled and not head.reference:
        head.reference = _lone_id(blocks)
    if not t.titled and not head.reference and (m := _LEADING_ID.match(head.title)) and title_like(m.group("title")):
        head.reference, head.title = m.group("id"), m.group("title")  # (``MP 7.01.503    Bone-Anchored …``)
    if not t.titled and head.reference and head.title.endswith(f" {head.reference}"):
        head.title = head.title.removesuffix(head.reference).rstrip(" -–—:")  # (a layout's title line and id)
    if not t.titled and not head.title:
        # (no line read as the title: the first of the head's lines written ``<program>: <subject>``, above the fields)
        first_field = min((b.span.line for b in blocks if id(b) in head.used), default=_HEAD_LINES)
        for b in sorted(blocks, key=lambda b: b.span.line):
            text = " ".join((b.text if isinstance(b, Paragraph) else b.title).split())
            if b.span.line < first_field and id(b) not in head.used and _PROGRAM_TITLE.match(text):
                head.title, head.title_span = text, b.span
                head.used.add(id(b))
                break
    if not t.titled and head.title:
        _program_title(blocks, head, labels)
    return head


# A program's or a form's generic name then a colon, before the subject (``Prior Authorization Criteria:``,
# ``Clinical Policy:``, ``Pharmacy Coverage Guideline:``): words any plan uses for its kind of document, never a name
_PROGRAM_NAME_WORDS = (
    r"Prior|Authorization|Pharmacy|Clinical|Medical|Coverage|Drug|Specialty|Utilization|Management|Step|Therapy|"
    r"Payment|Reimbursement|Benefit|Formulary|Medication|Necessity|Quantity|Limit|Exception"
)  # (a specialty's word, ``Radiology Guideline: Cardiac MRI``, may name the document itself: never cut)
_PROGRAM_TITLE = re.compile(
    rf"^(?P<program>(?:(?:{_PROGRAM_NAME_WORDS})\s+){{1,4}}(?:Criteria|Polic(?:y|ies)|Guidelines?|Bulletin|Protocol|"
    r"Program))\s*:\s+(?P<subject>\S.*)$",
    re.I,
)
# A subject's wrapped continuation on the line under it: its parenthesised names (``(Vyvgart®, Vyvgart Hytrulo®)``)
_PAREN_TAIL = re.compile(r"^\([^()]{1,120}\)$")
# A labelled field run onto the end of the title's line (``… (Tezspire®) Criteria ID: LCHP-PA-0233``)
_TRAILING_FIELD = re.compile(r"\s+(?=[A-Z][\w#&/-]*(?:\s+[\w#&/-]+){0,3}:\s*\S+$)")


def _program_title(
    blocks: list[Paragraph | OSection], head: _Head, labels: list[tuple[str, int, re.Pattern[str]]]
) -> None:
    """The subject, not the program, as the title of a title written ``<program>: <subject>`` (:data:`_PROGRAM_TITLE`,
    a generic name of a kind of document, whatever the plan), with the subject's wrapped continuation: a line
    under it that is the subject's parenthesised names (a brand list) is the title's, and a labelled field the
    wrapped lines ran onto its end is read as the field, never the title's words."""
    title = head.title
    parts = _TRAILING_FIELD.split(title, maxsplit=1)
    if len(parts) == 2 and (found := _fields(parts[1], labels)) and all(n == "reference" for n, _, _ in found):
        if not head.reference:
            head.reference = found[0][2]
        if head.reference == found[0][2]:
            title = parts[0]
    m = _PROGRAM_TITLE.match(title)
    if m is None or not title_like(subject := m.group("subject").strip()) or find_dates(subject):
        head.title = title
        return
    head.own_line = head.own_line or head.title
    last = max(head.title_span.line, head.title_span.end_line)
    if not subject.endswith(")"):
        below = [b for b in blocks if isinstance(b, Paragraph) and b.span.line == last + 1 and id(b) not in head.used]
        text = " ".join(below[0].text.split()) if below else ""
        paren, _, rest = text.partition(")")
        found = _fields(rest.strip(), labels) if rest.strip() else []
        rest_read = not rest.strip() or (
            _FIELD_LINE.match(rest.strip())
            and [n for n, _, _ in found] == ["reference"]
            and head.reference in ("", found[0][2])
        )
        if below and _PAREN_TAIL.match(f"{paren})") and rest_read:
            subject = f"{subject} {paren})"
            head.used.add(id(below[0]))
            if found:
                head.reference = found[0][2]
    head.title = subject


def _run_others(blocks: list[Paragraph | OSection], head: _Head, others: list[tuple[Paragraph, list[str]]]) -> None:
    """The lines of fields no header slot holds (``Next Review: November 2026``, ``Applies to: …``) that stand in
    the run of the header's field lines (on a line of theirs — a grid read as its fields —, or next to one), none but
    such lines between: the header's extras, never front paragraphs
    (a line of them far from the header's fields stays in the body, as it is written)."""
    lines = {
        line
        for b in blocks
        if id(b) in head.used and isinstance(b, Paragraph)
        for line in range(b.span.line, max(b.span.line, b.span.end_line) + 1)
    }
    if not lines:
        return
    changed = True
    while changed:  # (a run of them: each joins when the one above or below it has)
        changed = False
        for block, _values in others:
            if id(block) in head.used:
                continue
            last = max(block.span.line, block.span.end_line)
            if block.span.line - 1 in lines or last + 1 in lines or block.span.line in lines:
                head.used.add(id(block))
                lines.update(range(block.span.line, last + 1))
                changed = True
    head.extras.extend(v for block, values in others if id(block) in head.used for v in values)


# A header's ``Revised: 02/18/2026`` as its extra reads it (the date, then its ISO form)
_REVISED = re.compile(r"^Revised:\s*(?P<date>\S.*?)(?:\s+\(\d{4}-\d{2}(?:-\d{2})?\))?$")
_NEAR_FIELDS = 2  # how far (in lines: one blank line between) a lone ``Revised:`` line stands from the fields


def _revised_review(blocks: list[Paragraph | OSection], head: _Head, others: list[tuple[Paragraph, list[str]]]) -> None:
    """The one word ``Revised`` as the last review's label where no other label names that date: a field of its
    own, a date and nothing more, among the header's field lines (a cell of its grid, or a line of its own one
    blank line from them) — the date the document was last revised, as ``Date Revised`` is.  Anywhere else, or
    when two such lines disagree, it stays what it was (an extra, or a line of the body)."""
    lines = {
        line
        for b in blocks
        if id(b) in head.used and isinstance(b, Paragraph)
        for line in range(b.span.line, max(b.span.line, b.span.end_line) + 1)
    }
    found: list[tuple[str, str, Paragraph | None]] = []
    for extra in head.extras:
        if (m := _REVISED.match(extra)) and _date_only(m.group("date")):
            found.append((m.group("date"), extra, None))
    for block, values in others:
        if id(block) in head.used or len(values) != 1 or block.span.line != max(block.span.line, block.span.end_line):
            continue
        near = any(abs(block.span.line - line) <= _NEAR_FIELDS for line in lines)
        if near and (m := _REVISED.match(values[0])) and _date_only(m.group("date")):
            found.append((m.group("date"), values[0], block))
    if len({date for date, _, _ in found}) != 1:
        return
    date, extra, _ = found[0]
    head.review = date
    head.dated["review"] = extra
    head.extras[:] = [x for x in head.extras if x not in {e for _, e, _ in found}]
    for _, _, b in found:
        if b is not None:
            head.used.add(id(b))


_DATED = ("effective", "review")  # the header's date slots: a second date of one is kept as an extra
_LABEL_CUT = re.compile(r"^.*(?:\t|\s{2,}|[|;·]\s*)")  # (what stands before the field's label on its line)


def _label_of(text: str, value: str) -> str:
    """The label ``value`` stands after on the line ``text`` (``Date Revised`` in ``Date Revised: 05/19/2026``)."""
    before = text[: text.find(value)] if value in text else text
    return _LABEL_CUT.sub("", before).strip(" :#.*†") or "Date"


_FOOT_LINES = 12  # a last page's block of header fields stands within so many lines of the document's end
_FOOT_BLOCKS = 6  # and is a few lines: its fields, maybe the title's line among them


def _foot_fields(
    t: Template, root: OSection, head: _Head, labels: list[tuple[str, int, re.Pattern[str]]], ranks: dict[str, int]
) -> None:
    """The header's fields read from a block of them at the document's end, where the head states none: some plans
    print the policy's number, dates and title on its last page, after the references (``Document Number: X-12 |
    Effective Date: … | <plan> Clinical Criteria: <subject>``, or a field a line, ``Title: …`` among them).  The
    block is the document's last lines, each a field line (a title-like line standing among them — the title's own
    line — too), with an identifier or a date among its fields; read, its lines are the header's.  A history's
    lines are its entries, never fields (``Reviewed: 02/2025; Revised: 02/2025 – …`` under ``Revision / History
    Information``)."""
    order: list[Paragraph] = []
    stack: list[OSection] = [root]
    while stack:
        sec = stack.pop()
        for b in sec.blocks:
            if isinstance(b, Paragraph):
                order.append(b)
            elif isinstance(b, OSection) and not _names_history(t, b.title):
                stack.append(b)
    if not order:
        return
    order.sort(key=lambda b: b.span.line)
    end = max(b.span.end_line or b.span.line for b in order)
    foot: list[tuple[Paragraph, list[tuple[str, int, str]]]] = []
    for b in reversed(order):
        if end - b.span.line > _FOOT_LINES or len(foot) >= _FOOT_BLOCKS:
            break
        found = [f for f in _fields(b.text, labels) if f[0] != "other"]
        if not found and not (foot and len(b.text) <= 120 and _titled(b.text) and not find_dates(b.text)):
            break
        foot.append((b, found))
    while foot and not foot[-1][1]:
        foot.pop()  # (the block starts at a field line: a title-like line above it is the text's)
    if not any(name in ("reference", "effective", "review") for _, found in foot for name, _, _ in found):
        return
    for b, found in reversed(foot):
        head.used.add(id(b))
        if not found and not head.title:
            head.title, head.title_span = b.text, b.span  # (the title's own line, among the fields)
        for name, rank, value in found:
            if rank < ranks.get(name, _WEAK_RANK + 1):
                ranks[name] = rank
                setattr(head, name, value)
                if name == "title":
                    head.title_span = b.span
                    head.kind_titled = rank == _WEAK_RANK


# A title a page heading writes after its kind of document (``Medical Coverage Guideline: Spinal Cord Stimulation``,
# ``Prior Authorization Guideline: …``, ``Clinical Pharmacy Policy: …``): a plan's or a program's words, the kind's word
# and a colon, then the subject
_KIND_LABELLED = re.compile(
    rf"^(?:{_PLAN_WORD}){{1,3}}(?P<kind>Polic(?:y|ies)|Guidelines?|Bulletin|Protocol):\s+(?P<subject>\S.*)$"
)


def _kind_labelled(blocks: list[Paragraph | OSection], head: _Head) -> str:
    """The title without the kind of document its line names before it, where the very next line labels the
    identifier with that kind's word (``Guideline Number: O896``, ``Policy ID: RX-12``): the page names itself a
    ``Guideline`` twice, so the first is its label, no part of its name.  A title wrapped onto the next line, or
    over any other line (``Clinical Guideline: Whole Exome Sequencing`` over its yes/no grid), stays whole: a kind
    before a subject is also how some payers name their documents."""
    m = _KIND_LABELLED.match(head.title)
    if m is None or not title_like(m.group("subject")) or head.title_span.end_line not in (0, head.title_span.line):
        return head.title
    if _kind_named_below(m, blocks, head.title_span.line, head.reference):
        return m.group("subject")
    return head.title


def _kind_named_below(m: re.Match[str], blocks: list[Paragraph | OSection], line: int, reference: str) -> bool:
    """Whether the line right below ``line`` labels the identifier ``reference`` with the kind's word of ``m``
    (a :data:`_KIND_LABELLED` match): ``Guideline Number: O896`` under ``Medical Coverage Guideline: …``."""
    kind = m.group("kind").rstrip("s").removesuffix("Polic")  # (``Guidelines`` / ``Guideline``; ``Policies``)
    after = [b for b in blocks if b.span.line == line + 1]
    text = (after[0].title if isinstance(after[0], OSection) else after[0].text).strip() if after else ""
    return bool(re.match(rf"{kind}\w*\s+(?:Number|ID|Id|No\.|#)\s*[:#]?\s*{re.escape(reference)}\b", text))


# A running header's line that is a document's only title: the plan's name, its kind of document, a dash or a
# colon, then the subject (``Dean Health Plan Medical Policy — Hypoglossal Nerve Stimulation``)
_PLAN_KIND_TITLE = re.compile(
    r"^(?P<plan>\S.*?)\s+(?:Medical|Clinical|Pharmacy|Coverage|Payment|Reimbursement)\s+"
    r"(?:Polic(?:y|ies)|Guidelines?|Bulletin)\s*(?::|\s[–—-])\s*(?P<subject>\S.*)$"
)


# A field's line: a label of a few words, its colon, then a value (``Applies to: Commercial, Medicare``)
_FIELD_LINE = re.compile(r"^[A-Z][\w'/&()-]*(?:\s+[\w'/&()-]+){0,3}:\s+\S")
# A title that names its kind of document before the subject (``Medical Policy: <title>``): never a field
_KIND_COLON_TITLE = re.compile(
    r"^(?:\S+\s+){0,4}(?:Polic(?:y|ies)|Guidelines?|Bulletin|Protocol|Criteria|Coverage|Article)\s*:", re.I
)


def _plan_kind_title(blocks: list[Paragraph | OSection], head: _Head) -> str:
    """The subject of the first line of the head's first few that names a plan, its kind of document and then the
    subject (:data:`_PLAN_KIND_TITLE`), where no other line names the document: ``""`` when none (a title-like
    subject of two words or more, no date, no sentence)."""
    for b in blocks[:_TITLE_CANDIDATES]:
        text = (b.title if isinstance(b, OSection) else b.text).strip()
        if (m := _PLAN_KIND_TITLE.match(text)) and _subject(m.group("subject")):
            head.title_span = b.span
            head.own_line = text  # (the title's line: the header's, no paragraph of the front)
            return m.group("subject").strip()
    return ""


def _subject(text: str) -> bool:
    """Whether ``text`` after a plan's kind of document names a subject: title-like, two words or more, no date."""
    return len(text.split()) >= 2 and title_like(text.strip()) and not find_dates(text)


# An identifier written alone on a line of the head with no label (``09-E0000-38``): parts of letters and
# digits joined by hyphens or dots, a digit and a letter among them or three parts at least — never a date
# (``01-15-2026``: three numbers) nor a decimal; or a coverage database's number, a capital or two and five digits
# (an LCD's ``L39242``, an article's ``A58231`` under its title)
_LONE_ID = re.compile(r"(?=[\w.-]*\d)[A-Z0-9]{1,8}(?:[-.][A-Z0-9]{1,8}){1,4}|[A-Z]{1,2}\d{5}")


# An identifier the title line writes before the title, no label: a series' capitals and numbers joined by dots in
# three parts (``MP 7.01.503 Bone-Anchored Hearing Devices``) — never a section's ``2.1`` nor a count
_LEADING_ID = re.compile(r"^(?P<id>[A-Z]{1,4}[ .-]?\d{1,3}\.\d{1,3}\.\d{1,4}[A-Z]?)\s+(?P<title>[A-Z][^:;]*\S)$")


def _lone_id(blocks: list[Paragraph | OSection]) -> str:
    """The identifier the head writes alone on a line, where it writes no labelled one: the first line of the
    head's first lines that is one (:data:`_LONE_ID`) and no date — ``""`` when none, or two that differ."""
    found: list[str] = []
    for b in [b for b in blocks if b.span.line <= _TITLE_CANDIDATES * 2]:
        text = (b.title if isinstance(b, OSection) else b.text).strip()
        if not _LONE_ID.fullmatch(text) or find_dates(text) or page_number_line(text):
            continue
        parts = re.split(r"[-.]", text)
        if all(part.isdigit() for part in parts) and len(parts) < 3:
            continue  # (``2.1``, ``12-15``: a number, a section, a range — never a lone identifier)
        found.append(text)
    return found[0] if found and all(f == found[0] for f in found) else ""


def _titled_id(blocks: list[Paragraph | OSection], title: str) -> str:
    """The identifier in parentheses after the title on another line of the head that writes the title with
    it (``Oscar Clinical Guideline: Hypoglossal Nerve Stimulation (CG013, Ver. 9)`` above the page's heading
    ``Hypoglossal Nerve Stimulation``); ``""`` when no line does — never an identifier of another name."""
    found = set()
    for b in blocks:
        text = (b.title if isinstance(b, OSection) else b.text).strip()
        m = _TITLE_ID.match(text)
        if m is not None and re.search(rf"(?:^|[:\s–—-]){re.escape(title)}$", m.group("title"), re.I):
            found.add(m.group("id"))
    return found.pop() if len(found) == 1 else ""


# A coverage database's kind of document before its title (``LCD - Wound Care``, ``NCD - …``).
_KIND_PREFIX = re.compile(
    r"^(?:LCD|NCD|LCA|Article|Local Coverage (?:Determination|Article)|National Coverage Determination)\s*[-–—:]\s+"
)


def _site_suffix(title: str) -> str:
    """``title`` without the site's words a browser's page title adds after it (``Bone Density Studies -
    Medical Clinical Policy Bulletins | Aetna``, ``… - Highmark Medical Policy``, ``… - Cigna Medical
    Coverage Policy 0531``): after `` - `` or `` | ``, words that name a kind of document, with at most one
    other (the payer's name) and numbers."""
    for m in re.finditer(r"\s+[-–—|]\s+", title):
        rest = re.split(r"\s+\|\s+", title[m.end() :])[0]
        words = [w.strip("®™*:,.()") for w in rest.split()]
        named = [w for w in words if w and not any(c.isdigit() for c in w)]
        kinds = sum(1 for w in named if w.casefold() in _DOCUMENT_WORDS)
        if kinds >= 1 and len(named) - kinds <= 1 and title_like(title[: m.start()]) and not _PROGRAM.search(rest):
            return title[: m.start()]
    return title


# A drug program's policy a title names after its class (``Immunomodulators – Dupixent Prior Authorization Policy``,
# a PBM's): the drug is the other word, never a site's name (a site names its collection: ``Medical Policy``)
_PROGRAM = re.compile(
    r"\b(?:prior\s+authorization|step\s+therapy|quantity\s+(?:limit|management)|specialty\s+management"
    r"|site\s+of\s+care)\s+(?:policy|criteria|program)\b",
    re.I,
)


# A title that ends in the program and the kind of document it is (``<drug> Prior Authorization Guideline``, ``<drug>
# Step Therapy Criteria``): what stands before names the drug, never a manual
_PROGRAM_END = re.compile(
    r"\b(?:prior\s+authorization|step\s+therapy|quantity\s+(?:limits?|management)|specialty\s+management"
    r"|site\s+of\s+care)\s+(?:polic(?:y|ies)|criteria|program|guidelines?|protocol)\s*$",
    re.I,
)


def _page_title(title: str, reference: str) -> str:
    """A page heading as the title: without the kind of document before it (``LCD - ``) and without what a
    copy ran onto its line after the identifier in parentheses (``Wound Care (L33822) Document
    Information``: the identifier ends the heading; it stays, :data:`_TITLE_ID` reads it)."""
    if reference and (k := title.find(f"({reference})")) > 0:
        title = title[: k + len(reference) + 2]
    return _site_suffix(_KIND_PREFIX.sub("", title))


def _wrapped_id(blocks: list[Paragraph | OSection], title: Span) -> str:
    """An identifier in parentheses alone on the line below the title (a long title wrapped before it)."""
    for b in blocks:
        text = (b.title if isinstance(b, OSection) else b.text).strip()
        if b.span.line == title.end_line + 1 and (m := re.fullmatch(rf"\(({_CODE_SHAPE})\)", text)):
            return m.group(1)
    return ""


def _split_label(blocks: list[Paragraph | OSection], labels: list[tuple[str, int, re.Pattern[str]]]) -> str:
    """The identifier of a label a layout wrapped over two lines (``MEDICAL POLICY`` / ``No. 91541-R7``):
    found in two lines of the head read as one, and in neither alone; ``""`` when none."""
    texts = [b.title if isinstance(b, OSection) else b.text for b in blocks]
    for a, b in itertools.pairwise(texts):
        if len(a) > 40 or len(b) > 60:
            continue
        joined = [v for name, _, v in _fields(f"{a} {b}", labels) if name == "reference"]
        alone = [v for x in (a, b) for name, _, v in _fields(x, labels) if name == "reference"]
        if joined and not alone:
            return joined[0]
    return ""


def _wrapped_title(head: _Head, blocks: list[Paragraph | OSection]) -> str:
    """The title, with the line it wrapped onto (``…Home Sleep Apnea`` / ``Testing``): the next line of the
    source, a few title-case words that are no field, below a long title line."""
    after = [  # (a line alone the outline made a heading: one with nothing under it but header fields)
        b
        for b in blocks
        if b.span.line == head.title_span.end_line + 1
        and (isinstance(b, Paragraph) or all(id(x) in head.used for x in b.blocks))
    ]
    if not after or id(after[0]) in head.used:
        return head.title
    more = (after[0].text if isinstance(after[0], Paragraph) else after[0].title).strip()
    if len(more.split()) > 4 or not title_like(more) or more in head.extras:
        return head.title
    # (a shorter title whose line its label filled, ``Clinical Policy: Electrical Stimulation for Chronic``: its
    # rest is no plan's name, which a family's title line has below it — ``Lakeshore Health``, ``RVH Kansas``)
    line = [b for b in blocks if b.span.line == head.title_span.line]
    width = max([len(head.title)] + [len((b.title if isinstance(b, OSection) else b.text).strip()) for b in line])
    if len(head.title) < _WRAPPED_LINE and (width < _WRAPPED_LINE or _plan_name(more)):
        return head.title
    head.used.add(id(after[0]))
    return f"{head.title} {more}"


# Words a plan's name ends in or holds (``Lakeshore Health``, ``Prairie Valley Health Plan``, ``Northland Total Care``)
_PLAN_WORDS = frozenset({"health", "healthplan", "healthcare", "plan", "plans", "care", "medicaid", "medicare"})


def _plan_name(text: str) -> bool:
    """Whether ``text`` may be a plan's name: a word plans are named with, or a word in capitals (``RVH
    Kansas``: the plan's initials) — never the rest of a wrapped title, which says what it is about."""
    # (a word in capitals in parentheses is the abbreviation of the words before it: ``Emission Tomography (PET)``)
    words = [w.strip("®™*,.()") for w in text.split() if not w.startswith("(")]
    return bool(_PLAN.search(text)) or any(w.casefold() in _PLAN_WORDS or (len(w) > 1 and w.isupper()) for w in words)


# A title that names its kind of document before its subject (``Medical Necessity Guidelines: Reduction
# Mammaplasty``): the kind, a colon, then the subject's first words
_KIND_COLON = re.compile(r"^(?P<kind>[^:]{3,60}):\s+(?P<subject>\S.*)$")
_WRAP_TAIL = 4  # words a large title's wrapped line may hold


def _kind_line(text: str) -> bool:
    """Whether ``text`` is a kind of document and the start of its subject (``Cardiac Imaging Guidelines:
    Stress``): a colon after words one of which names a kind of document, no sentence's end, no number."""
    m = _KIND_COLON.match(text.strip())
    if m is None or any(c.isdigit() for c in text) or re.search(r"[.;:,]$", text.strip()):
        return False
    kind = [w.strip("®™*,.()").casefold() for w in m.group("kind").split()]
    return any(w in _DOCUMENT_WORDS and w not in _SMALL for w in kind) and title_like(m.group("subject"))


def _wrap_tail(text: str) -> bool:
    """Whether ``text`` may be the rest of a title a print wrapped: a few title-like words, no label, a word that
    names something (``Medicare Advantage Plans`` under a title names the plans it is for: no part of it)."""
    t = text.strip()
    return (
        0 < len(t.split()) <= _WRAP_TAIL and title_like(t) and ":" not in t and not _PLAN.search(t) and _naming(t) >= 1
    )


def _kind_title_wrapped(blocks: list[Paragraph | OSection], head: _Head, title: str, span: Span) -> tuple[str, Span]:
    """The title read from one line, with the line a print's large title wrapped it over (``Medical Necessity
    Guidelines: Reduction`` / ``Mammaplasty``): the line above or below it with no blank line between, where
    the first of the two names the kind of document and the start of its subject (:func:`_kind_line`) and the
    second is a few title-case words (:func:`_wrap_tail`), neither a field.  Two lines of other shapes (a
    category over its title: ``Durable Medical Equipment`` / ``Negative Pressure Wound Therapy``) stay apart."""
    lines = {
        b.span.line: b
        for b in blocks
        if id(b) not in head.used and id(b) not in head.fielded and (b.span.end_line or b.span.line) == b.span.line
    }

    def text(b: Paragraph | OSection) -> str:
        return (b.title if isinstance(b, OSection) else b.text).strip()

    def take(b: Paragraph | OSection) -> None:
        # (a line alone — a paragraph, or a heading the outline made of it with nothing under it but header
        # fields — is the header's now; a heading over the body stays, so nothing under it is lost)
        if isinstance(b, Paragraph) or all(id(x) in head.used for x in b.blocks):
            head.used.add(id(b))

    end = span.end_line or span.line
    here = lines.get(span.line)
    if span.line != end or here is None:
        return title, span
    upper, lower = lines.get(span.line - 1), lines.get(end + 1)
    if upper is not None and _kind_line(text(upper)) and _wrap_tail(title):
        take(upper)
        take(here)
        return f"{text(upper)} {title.strip()}", Span(span.line - 1, 1, end, span.end_column)
    if lower is not None and _kind_line(title) and _wrap_tail(text(lower)):
        take(here)
        take(lower)
        return f"{title.strip()} {text(lower)}", Span(span.line, span.column, end + 1, 0)
    return title, span


_WRAPPED_LINE = 40  # characters a large title's line holds at least where a print wrapped it (an ``<h1>``)


def _print_wrapped(
    blocks: list[Paragraph | OSection], head: _Head, labels: list[tuple[str, int, re.Pattern[str]]]
) -> str:
    """The title with the line a print wrapped its large type onto (``Medical Policy: Percutaneous Tibial
    Nerve`` / ``Stimulation for Urinary Incontinence``; ``Complement Inhibitors and Neonatal Fc Receptor`` /
    ``Blockers in Myasthenia Gravis``), no blank line between: the long line (:data:`_WRAPPED_LINE`) and a few
    title-case words below it (:func:`_wrap_tail`), neither a field nor a heading every policy has.  Where the
    title was read from the short line, the long one above must name only the subject (no plan, no kind of
    document: ``Durable Medical Equipment Policies and Procedures`` over ``Wheelchairs`` is a category over its
    title) — a short line over a title stays apart too (``Durable Medical Equipment`` / ``Negative Pressure Wound
    Therapy``); and a plan's name below a title is none of it (:func:`_plan_name`).  The short line may be a
    heading the outline made over the head's field lines (``… Breast and Ovarian`` / ``Cancer`` / ``Number: O830``
    / ``Original Effective Date: …``: a field no header slot holds stays in the body as written).  Two such lines
    the page title a browser printed beside its stamp names whole (:func:`_printed_whole`) are one title whatever
    their lengths (``Genetic Testing for Hereditary Cancer`` / ``Syndromes``)."""
    span = head.title_span
    if span.line != (span.end_line or span.line):
        return head.title
    lines = {
        b.span.line: b for b in blocks if id(b) not in head.fielded and (b.span.end_line or b.span.line) == b.span.line
    }

    def text(b: Paragraph | OSection) -> str:
        return (b.title if isinstance(b, OSection) else b.text).strip()

    def alone(b: Paragraph | OSection) -> bool:  # (a heading with a body under it is the body's: never taken)
        return id(b) not in head.used and (isinstance(b, Paragraph) or all(id(x) in head.used for x in b.blocks))

    def over_fields(b: Paragraph | OSection) -> bool:  # (the title's own line: a heading over field lines only)
        return isinstance(b, OSection) and all(
            id(x) in head.used or id(x) in head.fielded or (isinstance(x, Paragraph) and _fields(x.text, labels))
            for x in b.blocks
        )

    def heads_fields(b: Paragraph | OSection) -> bool:
        # (a heading the outline made of the wrapped line right over the head's first field, ``Emission Tomography
        # (PET)`` / ``Guideline or Policy Number: …``: the title's line, whatever it heads below the fields)
        first = b.blocks[0] if isinstance(b, OSection) and b.blocks else None
        return first is not None and id(first) in head.used and first.span.line == b.span.line + 1

    def tail(b: Paragraph | OSection, own: bool = False, printed: bool = False) -> bool:
        t = text(b)
        # (where the browser's page title names the two lines whole, a word that names a kind of document elsewhere
        # is the title's own: ``Epidural Steroid Injections for Pain`` / ``Management``)
        named = _wrap_tail(t) or (printed and 0 < len(t.split()) <= _WRAP_TAIL and title_like(t) and ":" not in t)
        ok = named and not _plan_name(t) and t.casefold() not in HEADINGS and b.span.line not in pieces
        return (alone(b) or heads_fields(b) or (own and over_fields(b))) and ok and not _LONE_ID.fullmatch(t)

    # (the first piece of a publisher's kind of document a narrow cell wrapped, ``OncoHealth – Radiation`` /
    # ``Oncology Clinical`` / ``Guideline``, is none of the title above it)
    pieces = _wrapped_kind([(k, text(b), b.span, True) for k, b in sorted(lines.items())])

    here, below, above = lines.get(span.line), lines.get(span.line + 1), lines.get(span.line - 1)
    if here is None:
        return head.title
    whole = text(here)
    wide = len(whole) >= _WRAPPED_LINE or (below is not None and _printed_whole(head, f"{whole} {text(below)}"))
    if (
        below is not None
        and wide
        and whole.endswith(head.title)
        and text(below).casefold() != head.title.casefold()  # (the title written again under a running header's)
        and tail(below, own=(printed := _printed_whole(head, f"{whole} {text(below)}")), printed=printed)
    ):
        head.used.add(id(below))
        if heads_fields(below) or (isinstance(here, Paragraph) and alone(here)):
            head.used.add(id(here))  # (the title's own line goes with it: both lines are the header's now)
            head.title_span = Span(span.line, span.column, below.span.line, below.span.end_column)
        return f"{head.title} {text(below)}"
    if above is not None and whole == head.title and alone(above) and (m := _plan_wrapped(text(above), whole)):
        # (the plan and its kind of document before a subject the print wrapped, ``<plan> Medical Policy: Attended
        # and Home Sleep`` / ``Testing for Obstructive Sleep Apnea``: the subject's two parts are the title)
        head.used.add(id(above))
        head.own_line = head.title
        return f"{m} {head.title}"
    if above is None or whole != head.title or not tail(here, own=True) or not alone(above):
        return head.title
    upper = text(above)
    subject = all(w.strip("®™*:,.()/").casefold() not in _DOCUMENT_WORDS - _SMALL for w in upper.split())
    wide = len(upper) >= _WRAPPED_LINE or _printed_whole(head, f"{upper} {head.title}")
    if wide and title_like(upper) and subject and not _PLAN.search(upper) and ":" not in upper:
        head.used.add(id(above))
        head.used.add(id(here))  # (the title's own line is the header's now: what it heads that is no field stays)
        head.title_span = Span(above.span.line, above.span.column, span.line, span.end_column)
        return f"{upper} {head.title}"
    return head.title


def _plan_wrapped(upper: str, title: str) -> str:
    """The start of the subject where ``upper``, a long line over the title's, names the plan, its kind of document
    and then that start (:data:`_PLAN_KIND_TITLE`, no sentence's end) and ``title`` is no plan's name nor a heading
    every policy has; ``""`` otherwise."""
    m = _PLAN_KIND_TITLE.match(upper)
    if m is None or len(upper) < _WRAPPED_LINE or re.search(r"[.;:,]$", upper) or not _subject(m.group("subject")):
        return ""
    if not title_like(title) or _plan_name(title) or title.casefold() in HEADINGS or ":" in title:
        return ""
    if len(f"{m.group('subject')} {title}") > _TITLE_CHARS:
        return ""
    return m.group("subject").strip()


_WHOLE_NEAR = 8  # lines below a running header's ``Medical Policy: <title>`` the title printed whole may stand


def _kind_title_whole(blocks: list[Paragraph | OSection], head: _Head) -> str:
    """The title printed whole in the head where a running header gave a shorter wording (``Medical Policy:
    Hypoglossal Nerve Stimulation`` over ``Hypoglossal Nerve Stimulation for Obstructive Sleep`` / ``Apnea``): a
    line right below the header's, no field, that starts with the title and goes on in title-like words, with
    the line a print wrapped it onto (:func:`_wrap_tail`, no plan's name, no heading every policy has).  Else
    the title as read."""
    line = head.title_span.end_line or head.title_span.line

    def text(b: Paragraph | OSection) -> str:
        return " ".join((b.title if isinstance(b, OSection) else b.text).split())

    # (a line alone: a paragraph, or a heading the outline made with nothing of the body under it)
    lines = {
        b.span.line: b
        for b in blocks
        if id(b) not in head.used and id(b) not in head.fielded and (b.span.end_line or b.span.line) == b.span.line
        and (isinstance(b, Paragraph) or all(id(x) in head.used for x in b.blocks))
    }  # fmt: skip
    start = f"{head.title} "
    for k in range(line + 1, line + 1 + _WHOLE_NEAR):
        here = lines.get(k)
        if here is None:
            continue
        whole = text(here)
        rest = whole[len(start) :]
        if not whole.startswith(start) or not title_like(whole) or ":" in rest or _PLAN.search(rest):
            continue
        if len(whole) > _TITLE_CHARS or re.search(r"[.;!?]$", whole):
            continue
        head.used.add(id(here))
        below = lines.get(k + 1)
        tail = text(below) if below is not None else ""
        if below is not None and _wrap_tail(tail) and not _plan_name(tail) and tail.casefold() not in HEADINGS:
            head.used.add(id(below))
            whole = f"{whole} {tail}"
        return whole
    return head.title


_TITLE_CHARS = 160  # the longest a title printed whole runs


def _printed_whole(head: _Head, title: str) -> bool:
    """Whether a page title the browser printed beside its stamp is ``title`` (the site's words and the
    identifier it adds after `` | `` or `` - `` aside): the document's ``<title>`` names it whole."""
    want = " ".join(title.split()).casefold()
    return any(re.split(r"\s+[|–—-]\s+", p)[0].casefold() == want for p in head.printed)


# A header table's cell value a narrow column wrapped (``Policy Number: MP-VV-`` … / ``014``; ``Products: Commercial,
# Medicare Advantage,`` / ``Medicaid``): the value's broken end, and the wrapped part alone on the line below
_BROKEN_ID = re.compile(r"(?<=[A-Za-z0-9])-(?=\s|$)")
_ID_REST = re.compile(r"[A-Z0-9][A-Z0-9.-]{0,11}")
_LIST_REST = re.compile(r"[A-Z][\w/&'’ -]{0,40}")
_LIST_WORDS = 5  # words of a list's value a narrow cell wrapped (``AultCare Health Insuring Corporation``)


def _known(text: str) -> bool:
    """Whether ``text`` is a heading every policy has (``Description``): never a value's wrapped part."""
    return text.rstrip(":").casefold() in HEADINGS


def _cell_wrapped(
    block: Paragraph, below: list[Paragraph | OSection], labels: list[tuple[str, int, re.Pattern[str]]]
) -> tuple[str, Paragraph | OSection | None]:
    """``block``'s text with the rest of a field's value a header table's narrow cell wrapped onto the next line
    (alone there, a paragraph of its own): an identifier broken after a hyphen (``MP-VV-`` / ``014``: the rest has
    a digit, and goes where the hyphen is) or a list of values after its comma at the line's end (``Commercial,
    Medicare Advantage,`` / ``Medicaid``: a few words (up to five), no label).  The line and ``None`` when nothing
    wrapped."""
    nxt = below[0] if below else None
    if nxt is None or nxt.span.line > (block.span.end_line or block.span.line) + 2:
        return block.text, None
    # (a line alone the outline made a heading: only with nothing under it but the head's field lines, all of
    # which the header reads — so nothing of the body goes with it)
    if isinstance(nxt, OSection) and not all(isinstance(x, Paragraph) and _fields(x.text, labels) for x in nxt.blocks):
        return block.text, None
    rest, text = (nxt.title if isinstance(nxt, OSection) else nxt.text).strip(), block.text.rstrip()
    if _fields(rest, labels):
        return block.text, None  # (a field of its own)
    fields = _fields(text, labels)
    if _ID_REST.fullmatch(rest) and any(c.isdigit() for c in rest):
        for m in _BROKEN_ID.finditer(text):
            # (the hyphen ends an identifier field's value: read with the rest, the line's identifier is it whole)
            joined = f"{text[: m.end()]}{rest}{text[m.end() :]}"
            whole = text[: m.end()].split()[-1] + rest
            if any(name == "reference" and v == whole for name, _, v in _fields(joined, labels)):
                return joined, nxt
    if (
        text.endswith(",")
        and _LIST_REST.fullmatch(rest)
        and len(rest.split()) <= _LIST_WORDS
        and fields
        and not _known(rest)
    ):
        return f"{text} {rest}", nxt
    return block.text, None


_LABEL_TAIL = 4  # words a label alone on its line may have after it (``Effective Date of this Version``)


def _below(blocks: list[Paragraph | OSection], k: int) -> list[Paragraph | OSection]:
    """The block of the head on the source's next lines after ``blocks[k]`` (within a blank line: the value
    may be a heading of its own the layout made, elsewhere in the list), else the one after it in the list."""
    here = blocks[k]
    end = here.span.end_line or here.span.line
    after = [b for b in blocks if end < b.span.line <= end + 2]
    return [min(after, key=lambda b: b.span.line)] if after else blocks[k + 1 : k + 2]


def _label_above(t: Template, text: str, below: list[Paragraph | OSection]) -> tuple[str, int, str, bool] | None:
    """A field laid out as a web page's table lays it out: ``text`` ends in a label of the identifier or a
    date (at its start, or after a field's value run onto the line: ``Version Number 3 Effective Date of this
    Version``), and the paragraph ``below`` is its value alone (an identifier; a date).  (field, rank,
    value, whether ``text`` is the label and nothing more)."""
    if not below or (isinstance(below[0], OSection) and not _labels_only(t, below[0])):
        return None  # (a value the layout made a heading: one with nothing under it but the next field's label)
    value = (below[0].title if isinstance(below[0], OSection) else below[0].text).strip()
    if len(value) > 150:
        return None
    for name, labels in (("title", t.title_labels), ("reference", t.reference_labels),
                         ("effective", t.effective_labels), ("review", t.review_labels)):  # fmt: skip
        for rank, label in enumerate(labels):
            words = r"\s+".join(re.escape(w) for w in label.split())
            m = re.search(rf"(?:^|(?<=\d)\s+|(?<=\d\s))({words})((?:\s+\w+){{0,{_LABEL_TAIL}}})\s*[:#]?$", text, re.I)
            if m is None:
                continue
            if name == "title":  # (a name: title-like, and the label starts its line)
                ok = m.start(1) == 0 and title_like(value) and _naming(value) >= 1
            elif name == "reference":
                ok = len(value) <= 40 and bool(_IDENTIFIER.fullmatch(value)) and any(c.isdigit() for c in value)
            else:  # (the date alone, or after the phrase a coverage page puts before it: ``For services …``)
                bare = _DATE_LEAD.sub("", value)
                d = read_date(bare)
                ok = len(bare) <= 40 and d is not None and d.end - d.start >= len(bare) - 1
            if ok:
                return name, rank, value, m.start(1) == 0
    return None


def _labels_only(t: Template, s: OSection) -> bool:
    """Whether a heading holds nothing, or only the labels of header fields alone on their lines (raw pdftotext
    of a header table: ``Subject:`` / ``<the title>`` / ``Policy No.:`` / ``CG-0415``, the title over the next
    label)."""
    return all(isinstance(b, Paragraph) and (_label_name(t, b.text) or ("",))[0] for b in s.blocks)


def _heading_label(
    t: Template, head: _Head, ranks: dict[str, int], block: OSection, below: list[Paragraph | OSection]
) -> None:
    """A label alone the layout made a heading (``Effective Date:`` over ``September 1, 2026``, a narrow cell's
    lines in raw pdftotext), its value alone below it: the field, of the identifier or a date only (a title's
    label over a heading may be a section's); both lines stay in the body, as the layout wrote them."""
    # (the value's heading may hold what the layout set under it: its own line is what is read)
    value_line: list[Paragraph | OSection] = [
        Paragraph(b.title, b.span) if isinstance(b, OSection) else b for b in below[:1]
    ]
    above = _label_above(t, block.title, value_line)
    # (a title's label over a heading may be a section's; not where the heading holds only the next field's
    # label: a header table's cells, ``Subject:`` / ``<the title>`` / ``Policy No.:``)
    cell = below[0] if below else None
    titled = above is not None and above[0] == "title" and isinstance(cell, OSection) and bool(cell.blocks)
    titled = titled and isinstance(cell, OSection) and _labels_only(t, cell)
    # (nor a web page's fields printed, ``LCD Title`` / ``<the title>`` / ``Original Effective Date``: a title's
    # label of two words or more — ``LCD Title``, ``Policy Name``, never ``Title`` — with nothing under it, over
    # its value with nothing under it, which is no label)
    named = above is not None and above[0] == "title" and len(t.title_labels[above[1]].split()) >= 2
    named = named and above is not None and _label_name(t, above[2]) is None  # (a block of labels: no value)
    titled = titled or (
        named and not block.blocks and (isinstance(cell, Paragraph) or (isinstance(cell, OSection) and not cell.blocks))
    )
    if above is None or not above[3] or (above[0] == "title" and not titled):
        return
    if above[1] >= ranks.get(above[0], _WEAK_RANK + 1):
        return
    name, rank, value, _ = above
    ranks[name] = rank
    setattr(head, name, value)
    if name == "title":
        head.title_span = below[0].span
    for b in (block, below[0]):
        # (a family header's own label and value, its fixed form — a print of its header table, ``Reference
        # Number:`` / ``CP.MP.145``: the header's, as the same fields on one line are; no text of the body)
        if isinstance(b, OSection) and not t.titled:
            head.fielded.add(id(b))
            head.fielded_lines.add(b.span.line)
        else:
            head.used.add(id(b))


_BLOCK_LABELS = 3  # label lines in a row that make a block of labels (raw pdftotext of a header grid)
_CELL_GAP = 2  # lines from one cell of such a block to the next (a browser's print: a blank line between)
_NUMBERED_HEADING = re.compile(r"^\d+\s*\.\s+[A-Z]")  # (``1 . Indications``, set between the two blocks)


@functools.cache
def _label_names(t: Template) -> dict[str, tuple[str, int]]:
    """The template's labels, case-folded: (field, rank); ``("", 0)`` for one no header slot holds."""
    out: dict[str, tuple[str, int]] = {label.casefold(): ("", 0) for label in (*t.other_labels, *t.lob_labels)}
    for name, labels in (("review", t.review_labels), ("effective", t.effective_labels),
                         ("reference", t.reference_labels), ("title", t.title_labels)):  # fmt: skip
        for rank, label in reversed(list(enumerate(labels))):  # (a label two fields declare: the first field's)
            out[label.casefold()] = (name, rank)
    return out


def _label_name(t: Template, text: str) -> tuple[str, int] | None:
    """The field a line that is a label and nothing more names (``Guideline ID``, ``Effective Date:``):
    (field, rank), ``("", 0)`` for a label's shape no field declares (``Formulary``, ``P&T Approval Date:``),
    ``None`` for no label."""
    words = text.strip().rstrip(":").strip()
    if (named := _label_names(t).get(" ".join(words.split()).casefold())) is not None:
        return named
    short = 0 < len(words.split()) <= 4 and not re.search(r"\d|[.;,]$", words) and _naming(words) >= 1
    # (a line of a kind of document's words only — ``Prior Authorization Guideline`` — names the document)
    return ("", 0) if short and (title_like(words) or text.rstrip().endswith(":")) else None


def _declared(t: Template, text: str) -> tuple[str, int] | None:
    """The field a label the template declares names (``Next Review``: ``("", 0)``), ``None`` for any other line."""
    return _label_names(t).get(" ".join(text.strip().rstrip(":").split()).casefold())


def _in_a_row(values: Sequence[tuple[int, str, Paragraph | OSection]]) -> int:
    """How many lines of ``values`` stand one right under the other from the first."""
    n = 1 if values else 0
    while n < len(values) and values[n][0] == values[n - 1][0] + 1:
        n += 1
    return n


_Read = list[tuple[str, str, Paragraph | OSection]]  # (field, value, the block it is read from)


def _label_block(t: Template, blocks: list[Paragraph | OSection]) -> tuple[_Read, set[int]]:
    """Fields a raw pdftotext of a header grid writes as a block of labels, then a block of values (``Guideline
    ID`` / ``Guideline Name`` / ``Effective Date:`` … ``GL-162044`` / ``Otezla (apremilast)`` / ``11/01/2026``):
    the values cannot be told apart by place (an empty value, one wrapped over two lines), so only by shape —
    the leading labels of the identifier and the title with the leading values when each has its field's
    shape, and the dates in order when the block's date labels and its dated lines are as many.  Anything
    else is left unread (the lines stay in the body).  The fields read, and the ids of the label lines."""
    lines = sorted(((b.span.line, (b.title if isinstance(b, OSection) else b.text).strip(), b) for b in blocks),
                   key=lambda x: x[0])  # fmt: skip
    k = 0
    while k < len(lines):
        run = k
        while (
            run < len(lines)
            and _label_name(t, lines[run][1]) is not None
            and (run == k or _next_cell(t, lines[run - 1], lines[run]))
        ):
            run += 1
        names = [_label_name(t, text) for _, text, _ in lines[k:run]]
        # (two date labels alone, one under the other, then their values: ``Amended Date:`` / ``Effective Date:`` /
        # ``03/01/2025`` / ``01/01/2025`` — the second label's value is not the line below it)
        dates = run - k == 2 and all(_dated_label(n, text) for n, (_, text, _) in zip(names, lines[k:run], strict=True))
        if (run - k < _BLOCK_LABELS and not dates) or not any(
            n and n[0] in ("reference", "effective", "review") for n in names
        ):
            k = max(run, k + 1)
            continue
        j = run
        while j < len(lines) and _NUMBERED_HEADING.match(lines[j][1]):
            j += 1
        values = [lines[j]] if j < len(lines) else []
        while j + 1 < len(lines) and lines[j + 1][0] <= lines[j][0] + _CELL_GAP:
            j += 1
            values.append(lines[j])
        # (a title's line right above the labels has a label's shape, ``Sacroiliac Joint Fusion`` / ``Policy Number:``
        # …: where the lines of values in a row are as many as the declared labels below it, it is no label)
        shaped = 0
        while shaped < run - k and names[shaped] == ("", 0) and _declared(t, lines[k + shaped][1]) is None:
            shaped += 1
        if 0 < shaped < run - k and _in_a_row(values) == run - k - shaped:
            k, names = k + shaped, names[shaped:]
        read = _pair_block([n for n in names if n is not None], lines[k:run], values)
        return read, {id(b) for _, _, b in lines[k:run]}
    return [], set()


def _next_cell(
    t: Template, above: tuple[int, str, Paragraph | OSection], line: tuple[int, str, Paragraph | OSection]
) -> bool:
    """Whether ``line`` is the label below ``above`` in a block of labels: on the next line, or after a blank line
    (a browser's print) where both are labels the template declares — a site's name above is none."""
    if line[0] == above[0] + 1:
        return True
    declared = all((_label_name(t, x[1]) or ("",))[0] for x in (above, line))
    return line[0] <= above[0] + _CELL_GAP and declared


# A label's words that say it names a date (``Amended Date``, ``Last Amended``, ``Date Revised``)
_DATE_WORDS = re.compile(r"\b(?:dates?|dated|amended|revised|reviewed|updated|approved)\b", re.I)


def _dated_label(name: tuple[str, int] | None, text: str) -> bool:
    """Whether a label alone on its line names a date: an effective or review field's, or one its words date."""
    return name is not None and (name[0] in ("effective", "review") or bool(_DATE_WORDS.search(text)))


def _pair_block(
    names: list[tuple[str, int]],
    labels: list[tuple[int, str, Paragraph | OSection]],
    values: list[tuple[int, str, Paragraph | OSection]],
) -> _Read:
    """The fields of a block of labels over a block of values (:func:`_label_block`)."""
    read: _Read = []
    for (name, _), (_, value, block) in zip(names, values, strict=False):  # (the leading names, by shape)
        # (an identifier whose numbers a date's could be is no date with more after them: ``07.02.44b``)
        date = read_date(value)
        undated = date is None or date.end - date.start < len(value.strip())
        identifier = name == "reference" and re.fullmatch(_ID_SHAPE, value) and undated
        named = name == "title" and title_like(value) and not find_dates(value) and _naming(value) >= 1
        if not (identifier or named):
            break
        read.append((name, value, block))
    dated = [n for n, (_, text, _) in zip(names, labels, strict=True) if _dated_label(n, text)]
    lines: list[tuple[str, Paragraph | OSection]] = []
    taken = {id(block) for _, _, block in read}  # (the title's and the identifier's values: no dates)
    for _, text, block in values:
        if id(block) in taken:
            continue
        if lines and lines[-1][0].rstrip().endswith((";", ",")):  # (a list of dates wrapped onto the next line)
            lines[-1] = (f"{lines[-1][0]} {text}", lines[-1][1])
        elif find_dates(text):
            lines.append((text, block))
    only_dates = all(not re.sub(DATE.pattern, "", text, flags=re.I).strip(" ;,") for text, _ in lines)
    if len(dated) == len(lines) and only_dates:
        for (name, _), (text, block) in zip(dated, lines, strict=True):
            if name in ("effective", "review"):  # (a review's dates: the latest; an effective date: the first)
                d = find_dates(text)[-1 if name == "review" else 0]
                read.append((name, text[d.start : d.end], block))
    return read


def _block_field(head: _Head, name: str, value: str, block: Paragraph | OSection) -> None:
    """A field of a block of labels, where no labelled line gave it.  Its line stays in the body (as its label
    does): the text of the tree reads back to the same fields."""
    if getattr(head, name):
        if getattr(head, name) == value:  # (the field a line above gave too, ``<plan> Clinical Policy MCP-412``:
            head.fielded.add(id(block))  # the value's line is a field's all the same, never the title)
        return
    setattr(head, name, value)
    if isinstance(block, OSection):
        head.fielded.add(id(block))
        head.fielded_lines.add(block.span.line)
    if name == "title":
        head.title_span = block.span


# Words that name a kind of document or a plan, not what a policy is about (a line of only these is
# the site's or the plan's name above the title: ``Medical Policy``, ``Clinical Policy Bulletins``).
_DOCUMENT_WORDS = frozenset(
    {"medical", "clinical", "policy", "policies", "bulletin", "bulletins", "coverage", "commercial", "medicare",
     "medicaid", "plan", "plans", "guideline", "guidelines", "reimbursement", "payment", "community", "advantage",
     "determination", "local", "national", "article", "health", "insurance", "and", "of", "the", "&", "version",
     "prior", "authorization", "information", "document", "medication", "medications", "pharmacy", "drug", "manual",
     "manuals", "program", "utilization", "management", "benefit", "benefits"}
)  # fmt: skip


# A line that names the plan or the payer (``Blue Cross Blue Shield of Michigan``, ``Molina Clinical Policy``,
# ``Geisinger Health Plan``, ``UnitedHealthcare® Commercial``): the publisher above the title, never the title
_PLAN = re.compile(
    r"\b(?:blue\s+cross|blue\s+shield|bcbs\w*|health\s+plans?|unitedhealthcare|aetna|cigna|humana|molina|anthem|"
    r"elevance|highmark|premera|regence|carelon|evicore|kaiser\s+permanente|geisinger|wellcare|centene)\b",
    re.I,
)


_FIELD_LINE = re.compile(r"^[A-Z][^:.;]{0,60}:\s+\S")  # a labelled line: ``Drugs requiring prior authorization: …``
_PARENTHESES = re.compile(r"\s*\([^()]*\)")


_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _template_extra(text: str, extras: Sequence[str]) -> str | None:
    """The template's header line (``See Important Reminder at the end …``) that ``text`` is, in the template's
    spelling: a word a print broke at a hyphen (``informa-`` / ``tion.``) is the same line."""
    line = text.strip()
    if line in extras:
        return line
    if "-" not in line:
        return None
    plain = _WORD_HYPHEN.sub("", line)
    return next((extra for extra in extras if _WORD_HYPHEN.sub("", extra) == plain), None)


def _titled(text: str) -> bool:
    """A title-like line, or a topic and its subject (``Advanced Imaging: Imaging of the Brain``: a label's
    shape, but both sides name something)."""
    if title_like(text):
        return True
    # (a drug's name before its generic name: ``WEGOVY (semaglutide injection)``)
    bare = _PARENTHESES.sub("", text).strip() if "(" in text else ""
    if bare and bare != text.strip() and title_like(bare) and _naming(bare) >= 1:
        return True
    topic, _, subject = text.partition(":")
    # (a number in the subject makes a field, ``Date of Origin: May 2009`` — not after a kind of document's words,
    # ``Prior Authorization Criteria: GLP-1 Receptor Agonists for Type 2 Diabetes``, where no date stands)
    kind = all(w in _KIND_TOPIC for w in re.findall(r"[\w&]+", topic.casefold())) and not find_dates(subject)
    return (
        bool(subject)
        and title_like(topic)
        and title_like(subject.strip())
        and _naming(subject) >= 1
        and (kind or not any(c.isdigit() for c in subject))
    )


# the words of a topic that names a kind of document (``Prior Authorization Criteria``, ``Clinical Policy``)
_KIND_TOPIC = _DOCUMENT_WORDS - {"version", "information", "document", "manual", "manuals"} | {"criteria", "protocol"}


_SENTENCE_TITLE = re.compile(r"^[A-Z][\w'’®-]*(?: [\w'’®()/&-]+){0,9}$")  # a few words, no sentence's end


_LONG_TITLE_WORDS = 24  # words a title printed whole holds at most
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
                          "vs", "with", "without"})  # fmt: skip


def _long_title(text: str) -> bool:
    """A title too long for a heading (:func:`title_like`), a print's wrapped lines joined: at most
    :data:`_TITLE_CHARS` characters and :data:`_LONG_TITLE_WORDS` words, no sentence's end nor label, every word
    capitalised but the small ones (``for``, ``and``, ``with`` …)."""
    t = text.strip()
    words = t.split()
    if not t or len(t) > _TITLE_CHARS or len(words) > _LONG_TITLE_WORDS or t[-1] in ".;:,!?" or ":" in t:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w[:1] in '(“"' or w.casefold() in _SMALL_WORDS for w in words)


def _sentence_title(text: str) -> bool:
    """A short line in sentence case that may be a document's title where it stands right above its fields
    (``Reduction mammaplasty``): a few words, no sentence's end, no label, no plan, no heading every policy has."""
    t = text.strip()
    return (
        len(t) <= 90
        and _SENTENCE_TITLE.match(t) is not None
        and t.casefold() not in HEADINGS
        and not _PLAN.search(t)
        and _naming(t) >= 1
    )


# a line naming the kind of document, then what it covers after a mark (``Prior Authorization Criteria · Trikafta
# (…)``, ``Clinical Policy – Adult Members``): a subtitle under the document's name, never that name itself
_KIND_SUBTITLE = re.compile(rf"^(?:[A-Z][\w&-]*\s+){{0,3}}{_KIND}\s+[·•|–—]\s+\S")


def _over_subtitle(
    root: OSection, used: set[int], chosen: tuple[str, Span]
) -> tuple[tuple[str, Span], Paragraph | OSection | None] | None:
    """Where ``chosen`` is a subtitle naming the kind of document (:data:`_KIND_SUBTITLE`): the line right above
    it (no more than one between) that names the document — a page's heading or a title-like line — and the
    subtitle's own block (None when a field line held it); None where ``chosen`` stays the title."""
    if not _KIND_SUBTITLE.match(chosen[0]):
        return None
    above: list[tuple[str, Span, Paragraph | OSection]] = []
    stack: list[OSection] = [root]
    while stack:
        s = stack.pop()
        if s.title and id(s) not in used:
            above.append((s.title, s.span, s))
        above.extend((b.text, b.span, b) for b in s.blocks if isinstance(b, Paragraph) and id(b) not in used)
        stack.extend(b for b in s.blocks if isinstance(b, OSection))
    line = chosen[1].line
    near = sorted((x for x in above if line - 2 <= x[1].line < line), key=lambda x: x[1].line)
    if not near or not _titled(near[-1][0]) or _naming(near[-1][0]) < 2 or _PLAN.search(near[-1][0]):
        return None
    # (its own line: the subtitle alone, or leading a field line — ``… (somatropin) Effective: 07/01/2026``)
    own = next((b for text, span, b in above if span.line == line and text.startswith(chosen[0])), None)
    return (near[-1][0], near[-1][1]), own


# a list of two products or more, each a name (a brand's mark after it or not) and its other name in parentheses, set
# apart by commas or ``and`` (``Wegovy® (semaglutide injection), Zepbound® (tirzepatide injection)``)
_PRODUCT = r"[A-Z][\w-]*(?:\s+[\w-]+){0,2}[®™]?\s+\([^()]{2,60}\)"
_PRODUCTS = re.compile(rf"^{_PRODUCT}(?:\s*(?:,|,?\s+and|;)\s+{_PRODUCT})+$")


def _title_line(
    root: OSection,
    fields: list[Paragraph | OSection],
    labels: Labels,
    reference: str = "",
    names: Mapping[str, tuple[str, int]] | None = None,
) -> tuple[str, Span] | None:
    """Among the first lines of the document (headings and short title-like paragraphs that are no
    header field, no label of one — ``names``, case-folded, and the field each names — nor a line that
    labels another field than the title — ``Contractor Name: …`` —, and no heading every policy has), the one
    with most words that do not name a kind of document (the last of equals: a plan's name comes above
    its title)."""
    used = {id(b) for b in fields}
    lines: list[tuple[int, str, Span, bool]] = []  # (line, text, span, may be the title)
    headings: set[int] = set()  # the lines of the headings among them
    sentences: list[tuple[int, str, Span]] = []  # short lines in sentence case (``Reduction mammaplasty``)
    stack: list[OSection] = [root]
    while stack:
        s = stack.pop()
        if s.title:  # (a browser's page title names the document before the site's words: without them)
            title, written = _site_suffix(_kind_barred(s.title)), _kind_barred(s.title)
            ok = title.casefold() not in HEADINGS and id(s) not in used and not _PLAN.search(title)
            ok = ok and not _history_name(title)
            ok = ok and not _site_line(title, written) and not _heads_body(s, labels)
            lines.append((s.span.line, title, s.span, ok))
            headings.add(s.span.line)
        for b in s.blocks:
            if isinstance(b, Paragraph):
                text, written = _site_suffix(_kind_barred(b.text)), _kind_barred(b.text)
                ok = id(b) not in used and len(text) <= 120 and _titled(text) and not _PLAN.search(text)
                ok = ok and not _history_name(text)
                ok = ok and not _site_line(text, written)
                lines.append((b.span.line, text, b.span, ok))
                if not ok and id(b) not in used and _sentence_title(text) and not _site_line(text, b.text):
                    sentences.append((b.span.line, text, b.span))
            elif isinstance(b, OSection):
                stack.append(b)
    lines.sort(key=lambda x: x[0])
    sentences.sort(key=lambda x: x[0])
    # a long title a print wrapped and the reader joined (``Hyperbaric Oxygen Therapy for Chronic Wounds, Radiation
    # Tissue Injury and Other Approved Indications``): longer than a heading, but the document's first line, right
    # above its first field line, every word in title case — the title
    starts0 = [b.span.line for b in fields]
    if lines and not lines[0][3] and starts0 and lines[0][0] < min(starts0) <= lines[0][0] + 2:
        line0, text0, span0, _ = lines[0]
        if _long_title(text0) and not _PLAN.search(text0) and not _history_name(text0):
            lines[0] = (line0, text0, span0, True)
    # a short label's line standing with the fields (``Section: Treatment`` right above ``Policy Number: …``) is a
    # field of the head the template has no slot for, never the title
    labelled = _field_run_labels(lines, fields)
    # and a manual's name (``Provider Medical Policy Manual``) names no document, nor a field's label alone
    # (``Effective Date``, its value below it), nor a field of the head the template keeps as a line of the body
    # (``Contractor Name: Noridian …``, ``Jurisdiction: J-F``: a label that names no title, then its value): never the
    # title
    names = names or {}
    lines = [
        (
            line,
            text,
            span,
            ok and " ".join(text.rstrip(":").split()).casefold() not in names and not _other_field(text, names),
        )
        for line, text, span, ok in lines
    ]
    lines = [
        (
            line,
            text,
            span,
            ok
            and line not in labelled
            and not _manual_name(text)
            and not _date_only(text)
            and not _program_field(text),
        )
        for line, text, span, ok in lines
    ]
    # a company's name right above the kind of document it publishes (``Meridian Imaging Solutions`` / ``Clinical
    # Imaging Guideline``) is the publisher and its product, neither the title
    published = {
        k
        for k, (a, b) in enumerate(itertools.pairwise(lines))
        if b[0] - a[0] <= 2 and _publisher(a[1]) and _KIND_LINE.match(b[1]) is not None
    }
    lines = [
        (line, text, span, ok and k not in published and k - 1 not in published)
        for k, (line, text, span, ok) in enumerate(lines)
    ]
    # a publisher's line naming its kind of document that a narrow cell wrapped onto lines of their own, none blank
    # between (``OncoHealth – Radiation`` / ``Oncology Clinical`` / ``Guideline``): its pieces name no document
    pieces = _wrapped_kind(lines)
    lines = [(line, text, span, ok and line not in pieces) for line, text, span, ok in lines]
    # a heading that names the document with its identifier (``LCD - Wound Care (L33822)``) is its title
    named = [(text, span) for line, text, span, ok in lines if line <= _HEAD_LINES and reference and
             f"({reference})" in text and _naming(text.replace(f"({reference})", "")) >= 1]  # fmt: skip
    if named:
        return named[0]
    # a page heading naming its kind, right above the identifier that kind's word labels (``Prior Authorization
    # Guideline: SGLT2 Inhibitors`` / ``Guideline ID: MI-PA-1187``): the title, over a site's name above it
    for line, text, span, _ in lines:
        if line <= _HEAD_LINES and reference and span.end_line in (0, line):
            m = _KIND_LABELLED.match(text)
            if m is not None and title_like(m.group("subject")) and _kind_named_below(m, fields, line, reference):
                return text, span
    # below only a manual's name and the fields, the line right after them names the document (``Medical Policy
    # Manual`` / ``Policy Number: 047`` / ``Effective Date: …`` / ``Hyperbaric Oxygen Therapy`` / ``Description``)
    if (after := _title_after_fields(lines, fields, headings)) is not None:
        return after
    # the document's first line right above its first field line is its title (``Bone Mineral Density
    # Testing`` / ``Effective Date: …``): no site text above it, so no page heading to find twice
    starts = [b.span.line for b in fields]
    # (right above: no line between them that may be the title and names more — ``OptumRx`` / ``Zepbound … – Prior
    # Authorization and Quantity Limit`` / ``Program Number …``: a publisher's name above the title; a plan's manual
    # below the title, ``Lakeside Blue Medical Policy``, names less)
    # (or a heading, the document's first line, over a banner of the publisher or its kind of document — ``Acme
    # Clinical Criteria`` — right above the fields: the heading names the document, the banner the series it is in)
    banner = [x for x in lines[1:] if starts and x[0] < min(starts)]
    over_banner = bool(banner) and len(banner) <= _BANNER_LINES and lines[0][0] in headings
    over_banner = over_banner and all(_KIND_LINE.match(x[1]) or _publisher(x[1]) for x in banner)
    first = starts and lines and lines[0][3] and lines[0][0] < min(starts)
    first = first and (min(starts) <= lines[0][0] + 2 or (over_banner and min(starts) <= banner[-1][0] + 2))
    namer = [x for x in lines[1:] if first and x[3] and x[0] < min(starts) and _naming(x[1]) > _naming(lines[0][1])]
    if first and _naming(lines[0][1]) and not namer:
        return lines[0][1], lines[0][2]
    # a web page's breadcrumb trail ends in the page's name (``Home / Pharmacy / … / Asthma Biologics``): the
    # heading that repeats it is the title, not the site's or the agency's name above it
    crumbs = {re.split(r"\s[/>»›]\s", text)[-1].strip().casefold() for line, text, _, _ in lines
              if line <= _HEAD_LINES and re.match(r"^Home\s*[/>»›]", text)}  # fmt: skip
    for line, text, span, ok in lines:
        if ok and line <= _HEAD_LINES and text.strip().casefold() in crumbs and _naming(text) >= 1:
            return text, span
    # a web page names its document twice near the top (the page's heading, then a field or a
    # breadcrumb), below site links that never repeat: a naming line written twice there is the title
    head = [(text, span) for line, text, span, ok in lines if ok and line <= _HEAD_LINES and _naming(text) >= 2]
    first_field = min((b.span.line for b in fields), default=_HEAD_LINES + 1)
    seen: dict[str, Span] = {}
    for text, span in head:
        if text.casefold() in seen and seen[text.casefold()].line < first_field:  # (not a contents entry
            # below the fields and its section's heading: ``Description and Application …`` twice)
            return text, seen[text.casefold()]
        seen[text.casefold()] = span
    # the line right above the first field line names the document (``Transcranial Magnetic Stimulation`` /
    # ``Policy Number: …``), below a plan's or a site's name
    starts = [b.span.line for b in fields]
    if starts:
        above = [(line, text, span) for line, text, span, ok in lines if ok and line < min(starts)]
        # (or farther, with only headings and labelled lines between: ``Synagis (palivizumab)`` / ``Clinical
        # Edit Information`` / ``Drugs requiring prior authorization: …`` / ``Clinical edit effective date: …``)
        between = [(line, text) for line, text, _, _ in lines if above and above[-1][0] < line < min(starts)]
        near = bool(above) and (
            min(starts) - above[-1][0] <= 2
            or all(line in headings or _FIELD_LINE.match(text) for line, text in between)
        )
        if above and near and _naming(above[-1][1]) >= 1:
            # (a list of the products it covers, ``Wegovy® (semaglutide injection), Zepbound® (tirzepatide
            # injection)``, right under the line naming the document: the subtitle, the title above it)
            products = len(above) > 1 and _PRODUCTS.match(above[-1][1]) and above[-1][0] - above[-2][0] <= 2
            if products and _naming(above[-2][1]) >= 2 and not _PRODUCTS.match(above[-2][1]):
                return above[-2][1], above[-2][2]
            return above[-1][1], above[-1][2]
        # (a title in sentence case, ``Reduction mammaplasty``, right above the fields and below the site's lines —
        # or a blank line between, a web page's heading set apart: ``Continuous glucose monitoring`` / / ``Policy ID:``)
        right_above = [x for x in sentences if x[0] < min(starts)]
        if right_above and min(starts) - right_above[-1][0] <= 2 and (not above or above[-1][0] < right_above[-1][0]):
            return right_above[-1][1], right_above[-1][2]
        # a title between two fields of the head (``Reference number(s) 2090-A`` / ``Specialty Guideline
        # Management`` / ``Dupixent`` / ``Effective Date: …``): right above a later field, below the one before
        order = sorted(set(starts))
        for before, at in itertools.pairwise(order):
            if at - order[0] > _FIELD_BLOCK:
                break
            near_lines = [
                (text, span) for line, text, span, ok in lines if ok and before < line < at and at - line <= 1
            ]
            if near_lines and _naming(near_lines[-1][0]) >= 1:
                return near_lines[-1]
    candidates = [(text, span) for _, text, span, ok in lines[:_TITLE_CANDIDATES] if ok]
    if not candidates:
        return None  # (no line names the document: the title is reported missing)

    best = max(_naming(c[0]) for c in candidates)
    return next(c for c in reversed(candidates) if _naming(c[0]) == best)


_KIND_PIECES = 4  # the lines a narrow cell may wrap a publisher's kind of document onto
_PUBLISHER_DASH = re.compile(r"\s[\u2013\u2014-]\s")


def _wrapped_kind(lines: Sequence[tuple[int, str, Span, bool]]) -> set[int]:
    """The lines of the head that are pieces of one line a narrow cell wrapped, each right below the one before:
    a publisher's name, a dash, then its kind of document (``OncoHealth – Radiation`` / ``Oncology Clinical`` /
    ``Guideline``: ``<name> – <words> Guideline``, :data:`_KIND_LINE`), the dash and the kind on lines apart."""
    out: set[int] = set()
    for i, (start, first, _, _) in enumerate(lines):
        if start > _HEAD_LINES or _PUBLISHER_DASH.search(first) is None or _KIND_LINE.match(first):
            continue
        run = [(start, first)]
        for line, text, _, _ in lines[i + 1 :]:
            if line != run[-1][0] + 1 or len(run) >= _KIND_PIECES:
                break
            run.append((line, text))
            kind = _PUBLISHER_DASH.split(" ".join(t for _, t in run), maxsplit=1)[-1]
            if _KIND_LINE.match(kind):
                out.update(x for x, _ in run)
                break
    return out


def _other_field(text: str, names: Mapping[str, tuple[str, int]]) -> bool:
    """Whether ``text`` is a labelled field whose label names another field than the title (``Contractor Name:
    Noridian …``: a label of ``names``, then ``:`` and its value)."""
    label, colon, value = text.partition(":")
    named = names.get(" ".join(label.split()).casefold()) if colon and value.strip() else None
    return named is not None and named[0] != "title"


_RUN_GAP = 2  # lines a head's run of fields may skip (a blank line between two of them)


def _field_run(lines: list[tuple[int, str, Span, bool]], fields: list[Paragraph | OSection]) -> tuple[int, int]:
    """The first and last source lines of the head's run of field lines: from its first field read, each line
    within :data:`_RUN_GAP` of the one above that is a field read or a labelled line (``Original Effective
    Date: …``, ``Revision Date(s): …``, which no slot holds).  ``(0, 0)`` when no field was read."""
    starts = {b.span.line for b in fields}
    if not starts:
        return 0, 0
    first = end = min(starts)
    for line, text, span, _ in lines:
        if end < line <= end + _RUN_GAP and (line in starts or _run_line(text)):
            end = max(line, span.end_line)
        elif line > end + _RUN_GAP:
            break
    return first, end


def _run_line(text: str) -> bool:
    """A line of a head's run of fields that no slot read: a labelled line, a label alone (its value below it:
    ``Original Effective Date:`` / ``01/01/2020``) or such a value alone."""
    t = text.strip()
    alone = t.endswith(":") and len(t.split()) <= 6
    return bool(_FIELD_LINE.match(t)) or alone or (len(t) <= 40 and read_date(t) is not None and t[:1].isdigit())


def _field_run_labels(lines: list[tuple[int, str, Span, bool]], fields: list[Paragraph | OSection]) -> set[int]:
    """The lines right above the head's run of fields, with no gap (or one blank line where a print sets each of
    the run's fields a paragraph, a blank line between every two), and those among its fields, that are a short
    label and its value (``Section: Treatment``, ``Category: Surgery``, ``Drug Class: Androgens``: one word before
    the colon that names something, a field the template has no slot for), passing over a field that names the
    identifier (``Criteria ID: …``).  A kind of document's label names the document
    (``Guideline: Myocardial Perfusion Imaging``), and a topic and its subject (``Advanced Imaging: Imaging of
    the Brain``) may be the title: neither is one of these."""
    first, end = _field_run(lines, fields)
    out: set[int] = {line for line, text, _, _ in lines if first < line <= end and _short_label(text, among=True)}
    # (a print that sets each field a paragraph, a blank line between every two of the run's lines: a line one
    # blank line above the run stands with it as much as one right above it)
    run = [(line, span.end_line or line) for line, _, span, _ in lines if first <= line <= end]
    spaced = len(run) >= 2 and all(b[0] > a[1] + 1 for a, b in itertools.pairwise(run))
    reach = 2 if spaced else 1
    for line, text, span, _ in reversed([x for x in lines if x[0] < first]):
        if (span.end_line or line) < first - reach or not (_short_label(text) or _ID_LINE.match(text)):
            break
        out.add(line)
        first = line
    return out


# a field naming the identifier by a label in the shape such labels have (``Criteria ID: SYRX-PA- 0412``, ``Bulletin
# Number: 2026-14``), its value read as the identifier or not (a space a print left inside it): a field of the head
_ID_LINE = lazy(r"^(?:[A-Z][\w&-]*\s+){1,3}(?:No\.?|Number|#|ID)\s*:\s*[A-Z0-9][\w./-]*(?:\s?[\w./-]+)?\d[\w.-]*$")


def _short_label(text: str, among: bool = False) -> bool:
    """A field line of a short label that names one thing and its value (``Section: Surgery``).  ``among``: the
    line stands below a field the head read, within its run — a header table's row (``Product Lines | Medi-Cal,
    …``, ``Applies To | Commercial HMO, …``), a label of a few words that names two things too: below the first
    field, no title stands in the run; the title is above it."""
    label = text.partition(":")[0]
    # (``Prior Authorization Criteria: <drug>``: a kind of document's name, then its subject; ``Type of Policy:``
    # is a field)
    kind = re.fullmatch(rf"(?:{_PLAN_WORD})*{_KIND}", label.strip()) is not None
    # (``Manual: DME and Supplies, Appendix B``, ``Provider Handbook: …``: where the document stands in a larger one,
    # a field no slot holds — the manual's word names no document of its own)
    placed = _PLACE_LABEL.fullmatch(label.strip()) is not None
    named = _naming(label) == 1 or (among and 1 <= _naming(label) <= len(label.split()) <= 3)
    return bool(_FIELD_LINE.match(text)) and len(label.split()) <= 3 and (named or placed) and not kind


# A label that names the larger publication a document stands in (``Manual``, ``Provider Manual``, ``Handbook``)
_PLACE_LABEL = re.compile(r"(?:[A-Z][\w&-]*\s+){0,2}(?:Manuals?|Handbook|Volume|Chapter|Appendix)", re.I)


# the words of a kind of review program (``Prior Authorization with Quantity Limit``, ``Step Therapy``): they name
# how a drug is managed, not what the document covers
_PROGRAM_WORDS = frozenset(
    {"prior", "authorization", "quantity", "limit", "limits", "step", "therapy", "with", "and", "or", "&", "/",
     "specialty", "management", "site", "of", "care", "program", "criteria", "policy", "pa", "ql", "st", "edit",
     "edits", "formulary", "exception", "exceptions", "utilization", "review"}
)  # fmt: skip


_FIELD_KIND_WORDS = frozenset({"type", "types", "kind", "category"})


def _program_field(text: str) -> bool:
    """Whether ``text`` is a labelled field whose value only names a kind of review program (``Program: Prior
    Authorization with Quantity Limit``, ``Type: Step Therapy``): a field of the head, never the title, which
    names the document's subject."""
    label, colon, value = text.partition(":")
    words = [w.strip("®™*,.()").casefold() for w in value.split()]
    # (the label names a kind of field, no subject: ``Growth Hormone Therapy: Prior Authorization Criteria`` is the
    # title, a subject and its kind of document)
    field = all(w.casefold() in _DOCUMENT_WORDS | _FIELD_KIND_WORDS for w in label.split())
    return (
        bool(colon)
        and field
        and _FIELD_LINE.match(text) is not None
        and len(label.split()) <= 3
        and bool(words)
        and all(w in _PROGRAM_WORDS for w in words if w)
    )


def _date_only(text: str) -> bool:
    """Whether ``text`` is a date and nothing more (``January 12, 2027``: a field's value, never a title)."""
    d = read_date(text.strip())
    return d is not None and d.end - d.start >= len(text.strip()) - 1


# A line that names a kind of document and nothing after it (``Clinical Imaging Guideline``, ``Pharmacy Policy``)
_KIND_LINE = re.compile(rf"^(?:[A-Z][\w&-]*\s+){{0,3}}(?:{_KIND}|Polic(?:y|ies)\s+Bulletins?)\s*$")
# The last word of a company's name (``… Solutions``, ``… Management``, ``… Inc.``), where a plan's is not
_COMPANY_END = re.compile(
    r"\b(?:Solutions|Management|Inc|LLC|L\.L\.C|Corporation|Corp|Company|Co|Services|Group|Partners|Associates|"
    r"Network|Health|Healthcare)\.?$"
)


def _publisher(text: str) -> bool:
    """Whether ``text`` names a plan or a company (``Blue Cross …``, ``… Health Plan``, ``… Solutions``)."""
    return _PLAN.search(text) is not None or _COMPANY_END.search(text.strip().rstrip("®™*,")) is not None


# The words that may name a program before its kind of document (``Formulary``, ``Specialty Pharmacy``, ``Medicare
# Part D``): what names no drug, no class of drugs and no service
_PROGRAM_NAME = _DOCUMENT_WORDS | frozenset(
    {"formulary", "specialty", "standard", "national", "preferred", "part", "b", "d", "commercial", "exchange",
     "marketplace", "employer", "group", "individual"}
)  # fmt: skip


def _manual_name(text: str) -> bool:
    """Whether ``text`` names a manual or a kind of document more than anything (``Uniform Medical Policy
    Manual``, ``Clinical Coverage Guidelines``): more words of a kind of document than of anything else."""
    words = [w.strip("®™*:,.()/").casefold() for w in text.split()]
    kinds = sum(1 for w in words if w in _DOCUMENT_WORDS and w not in _SMALL)
    if _PROGRAM.search(text) and re.search(r"\S\s[–—-]\s\S", text) and _naming(text) >= 1:
        return False  # (a drug's program policy after its class: ``<class> – Dupixent Prior Authorization Policy``)
    if (m := _PROGRAM_END.search(text)) and all(
        w.strip("®™*:,.()/").casefold() in _PROGRAM_NAME for w in text[: m.start()].split()
    ):
        return True  # (a program's name and nothing else: ``Specialty Formulary Prior Authorization Criteria``)
    if m and _naming(text[: m.start()]) >= 1:
        return False  # (a drug's program document: ``Mavacamten (Camzyos) Prior Authorization Guideline``)
    subject = text.partition(":")[2].strip()
    if _KIND_COLON_TITLE.match(text) and subject and _naming(subject) >= 1 and title_like(subject):
        return False  # (a kind of document named, then its subject: ``Utilization Management Guideline: <title>``)
    return kinds >= 2 and kinds > _naming(text)


_SMALL = frozenset({"and", "of", "the", "&"})


def _title_after_fields(
    lines: list[tuple[int, str, Span, bool]], fields: list[Paragraph | OSection], headings: set[int]
) -> tuple[str, Span] | None:
    """The title a web page sets right below its fields, with only a manual's name above them (or nothing
    that may be a title near them): the first line after the run of fields, within a blank line, that may be
    the title and names two things or more, with a heading right below it (where the body starts).  ``None``
    where any line above the fields may be the title (the rules that read it above stand) or no such line
    follows them."""
    first, end = _field_run(lines, fields)
    if not first:
        return None
    if any(ok for line, _, _, ok in lines if line < first):
        return None  # (a line above the fields may be the title: the rules that read it there stand)
    after = [x for x in lines if end < x[0]]
    if not after or after[0][0] > end + _RUN_GAP or not after[0][3] or after[0][1].rstrip().endswith(":"):
        return None  # (nothing may be the title right below the fields; or a label, its value below it)
    if _naming(after[0][1]) < 2 or _manual_name(after[0][1]):
        return None
    span = after[0][2]
    if len(after) < 2 or after[1][0] not in headings or after[1][0] > (span.end_line or span.line) + _RUN_GAP:
        return None  # (the body starts right below the title, at a heading: no text of the title's own)
    return after[0][1], span


# A site's line, never a document's title: a page title or menu of parts set apart by bars (``CVS Caremark |
# Prior Authorization Criteria``, ``Print | Email``) and a breadcrumb trail (``Home > Clinical Criteria >
# Diabetes``, ``Home / Formulary / …``)
_SITE_LINE = re.compile(r"\s\|\s|\s[>»›]\s|^Home\s*/|(?:\S\s/\s.*){2}")


_KIND_BAR = lazy(r"^(?P<kind>[^|]+?)\s+\|\s+(?P<subject>[^|]+)$")


def _kind_barred(text: str) -> str:
    """The subject of a heading that writes its kind of document, a bar, then what it covers (``Medical Coverage
    Policy | Bariatric Surgery``: a word processor's head), else ``text`` — the kind alone before the bar names
    no site, so the line is no site's."""
    m = _KIND_BAR.match(text.strip())
    if m is None or _naming(m.group("kind")) or not _DOCUMENT_WORDS & set(m.group("kind").casefold().split()):
        return text
    subject = m.group("subject").strip()
    return subject if _naming(subject) >= 1 and title_like(subject) else text


def _site_line(text: str, written: str) -> bool:
    """Whether ``text`` (the line ``written``, without a page title's site words) is a site's line: a page
    title of a site's and a page's names (cut at a bar: ``CVS Caremark | Prior Authorization Criteria``), a
    menu, a breadcrumb trail."""
    cut = written[len(text) :].lstrip()
    return _SITE_LINE.search(text) is not None or (text != written and cut.startswith("|"))


def _heads_body(s: OSection, labels: Labels) -> bool:
    """Whether the heading ``s`` heads the body's text (a list or a table right under it): a section's
    heading, which a document's title never is (``Clinical Edit Information`` / its fields and a list)."""
    fronted = False  # (the head's fields above — a table of them, or its lines: a revision log below them is the
    # head's too — a Word file's title over its field table and its ``Date | Summary of Changes`` table)
    for b in s.blocks:
        if isinstance(b, OList):
            return True
        if isinstance(b, Paragraph) and _FIELD_LINE.match(b.text):
            fronted = True  # (the field table read as its lines)
        elif isinstance(b, Table):
            if classify_table(b, labels).kind.front:
                fronted = True
            elif not (fronted and is_history_table(b)):
                return True
    return False


def _naming(text: str) -> int:
    """How many words of ``text`` name something other than a kind of document or a plan."""
    words = [w.strip("®™*:,.()/") for w in text.split()]
    return sum(1 for w in words if w[:1].isalpha() and w.casefold() not in _DOCUMENT_WORDS and not _CODE_WORD.match(w))


# a document's number written as one word, letters then digits (``L39242``, ``CP.MP.107`` aside): it names no
# subject, so a line of it alone under the title never outranks the title
_CODE_WORD = lazy(r"^[A-Za-z]{1,3}\d{4,}$")


def _lead(text: str, labels: list[tuple[str, int, re.Pattern[str]]], lines: bool = False) -> str:
    """The words before the first labelled field of a line when they read as a title (a few words that
    name something, ending the phrase with ``:`` or a dash), else ``""``.  ``lines``: the text joins
    written lines, where a title in sentence case may stand on its own line above the field
    (``Reduction mammaplasty`` / ``Policy number: S016-19``)."""
    starts = [m.start() for _, _, rx in labels if (m := rx.search(text))]
    lead = text[: min(starts)].strip() if starts else ""
    if (
        lines
        and lead
        and min(starts) > 0
        and _sentence_title(lead)
        and not _FIELD_LINE.match(lead)
        and not _plan_kind(lead)
    ):
        return lead
    if not re.search(r"[:–—-]$", lead):
        # (a header table's row read as one line: the title's cell, then a field's cell — ``Bariatric Surgery
        # Effective Date: …`` — a name of three words or more; a label's first words, ``Original``, are fewer)
        return lead if len(lead.split()) >= _CELL_WORDS and _naming(lead) >= 2 and _title_cell(lead) else ""
    lead = lead.rstrip(" :–—-")
    return lead if len(lead) <= 120 and title_like(lead) and _naming(lead) and not _plan_kind(lead) else ""


_CELL_WORDS = 3  # the fewest words of a title a header table's row writes before a field with no stop between


def _title_cell(text: str) -> bool:
    """Whether ``text``, before a field on its line, is a title's cell: title-like, no label, no date, no plan."""
    return (
        len(text) <= 120
        and title_like(text)
        and not _FIELD_LINE.match(text)
        and not find_dates(text)
        and not _plan_kind(text)
        and not _KIND_END.search(text)
    )


# a line ending in a kind of document's word (``… Clinical Criteria Criteria``: a cell and the start of a label its
# row ran together) names the document's kind, never its subject, before a field with no stop
_KIND_END = re.compile(rf"\b{_KIND}\s*$")


def _plan_kind(text: str) -> bool:
    """Whether ``text`` names the plan or its kind of document, never a subject (``Sharp Health Plan Medical
    Policy``, ``Elixir Clinical Criteria``): a header table's first cell, the title in the row below it."""
    return _PLAN.search(text) is not None or _KIND_LINE.match(text.strip()) is not None


_TITLE_CANDIDATES = 6  # the title is among the first lines
_BANNER_LINES = 2  # the lines of a publisher's banner between a title and its fields (its name, its series)
_FIELD_BLOCK = 12  # a head's fields stand within this many lines of its first


# --- body ---------------------------------------------------------------------------------------------------


def _criterion(item: OItem, parent: str, k: int) -> Criterion:
    # A bullet has no label: its id takes its place in the list (``c2.1``), its marker stays empty — as a plain
    # list's bullet — so no output prints a number the document never wrote, and a bullet added above it is no
    # renumbering of the ones below.
    label = item.marker or str(k)
    marker = "" if item.kind is MarkerKind.BULLET else label
    cid = f"{parent}.{slug(label)}"
    ctype, fact = classify(item.text)
    connective = _group_connective(item.connective, item.text) if item.children else None
    notes = tuple(Note(n.text, cid, j, n.span) for j, n in enumerate(item.notes))
    return Criterion(
        id=cid,
        marker=marker,
        marker_kind=item.kind,
        text=item.text,
        type=ctype,
        fact=fact,
        connective=connective,
        at_least=item.at_least if item.children else None,
        notes=notes,
        children=tuple(_criterion(c, cid, j) for j, c in enumerate(item.children, 1)),
        span=item.span,
        source=item.text,
    )


def _rule(connective: Connective | None, at_least: int | None = None) -> MeetRule | None:
    """A group's rule: its connective, read from its wording (kept in the set's title, so no text of its own),
    and the count ``at least N`` names."""
    if connective is None:
        return None
    return MeetRule(connective, (), "", at_least if connective is Connective.ATLEAST else None)


@dataclass(slots=True)
class _Body:
    t: Template
    diagnostics: list[Diagnostic]
    history: list[RevisionEntry] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)  # the headings of the open sections, outermost first
    fielded: set[int] = field(default_factory=set)  # the lines of the headings that hold a header field
    sectioned: bool = False  # the document has a history section that gives entries (see :func:`_sectioned`)
    inferred: frozenset[int] = frozenset()  # the lines of items whose nesting was inferred (``Outline.inferred``)
    ids: dict[str, int] = field(default_factory=dict)  # how many sections have taken each id so far

    def section(self, s: OSection, parent: str, in_criteria: bool, plain: bool = False) -> Section | None:
        """``s`` as a :class:`Section` (``None`` when all of it went to the header or the history);
        ``in_criteria``: under a criteria heading; ``plain``: under a heading whose lists are not criteria."""
        sid = f"{parent}.{slug(s.title)}" if parent else slug(s.title or "front")
        if s.level == 0:
            sid = ""  # the text before the first heading: its sections are top-level
        elif (n := self.ids.get(sid, 0) + 1) > 1:
            # two headings alike under one parent (a guideline's ``Approval Criteria`` over each diagnosis and
            # stage) are two sections: the second is ``<id>~2``, so no two criteria of the document share an id
            self.ids[sid] = n
            sid = f"{sid}~{n}"
        else:
            self.ids[sid] = n
        key = s.title.casefold()
        history = self._history(key)
        if history:
            entries, unread = read_history(_unused(s, self.used))  # (not the header's own fields)
            self.history.extend(entries)
            if lines := _unread_dates(unread, self.fielded):  # (a history read in part may key the version wrong)
                self.diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"{len(lines)} line(s) with a date under `{s.title}` not read as history entries: kept as text",
                        lines[0],
                    )
                )
            if entries and not unread:  # (its heading stays, where the document writes it: the entries are the log's)
                return Section(sid or "front", s.title, s.marker, (), s.span) if s.title else None
            if entries:  # the undated rest of a history section stays in the body
                s = OSection(s.title, s.marker, s.level, tuple(unread), s.span)
            elif _PROCEDURE_REVISION.search(key) and key not in self.t.history_headings:
                # (a title that names a revision as a procedure does, ``Internal Device Replacement or Revision``,
                # and holds no dated entry, is no history: its lists are read as under any heading)
                history = False
        # under a plain heading (``References``) lists are plain, but for a heading that names criteria
        # (``Description`` / ``Coverage Determination``: a level the layout did not tell apart)
        # (and the undated rest of a history section is no criteria: ``Policy History`` names a policy's past)
        plain = (
            (plain and not _CRITERIA_HEADING.search(key))
            or (history and not _NAMES_CRITERIA.search(key))  # (``Criteria, Codes, Revision History``: both)
            or any(key.startswith(h) for h in self.t.plain_headings)
        )
        criteria = not plain and (in_criteria or not self.t.criteria_headings or key in self.t.criteria_headings)
        # (a lead-in that states its connective in a coverage decision's words makes its group under any heading
        # but a history's — a layout that lost the heading's level puts ``Guideline`` under ``Definitions``)
        stated = not criteria and not self.t.criteria_headings and not (history and not _NAMES_CRITERIA.search(key))
        self.titles.append(s.title)
        try:
            return self._section(s, sid, criteria, plain, stated)
        finally:
            self.titles.pop()

    def _section(self, s: OSection, sid: str, criteria: bool, plain: bool, stated: bool = False) -> Section | None:
        blocks: list[SectionBlock] = []
        counts = {"c": 0, "b": 0}
        s = described_dates(_dated_headings(_history_run_in(s), self._history), self._history)
        for k, b in enumerate(s.blocks):
            if isinstance(b, Paragraph):
                if id(b) in self.used:
                    continue
                if _unmarked_list(b, s.blocks[k + 1 : k + 2]):
                    self.diagnostics.append(
                        Diagnostic(
                            "note",
                            "a lead-in announces a list, but the lines below it carry no marker, bullet or "
                            "indentation to tell its items: kept as paragraphs",
                            line=b.span.line,
                        )
                    )
                if changes := change_entries(b, self.sectioned):  # (``Revised: 6/23 (…)`` under no history heading)
                    self.history.extend(changes)
                    if lead := field_before_changes(b.text):  # (``Section: Surgery`` ran onto it: kept)
                        blocks.append(Paragraph(lead, b.span))
                else:
                    blocks.append(b)
            elif isinstance(b, ONote):
                blocks.append(Paragraph(b.text, b.span))
            elif isinstance(b, Table) and not b.rows:
                if _label_only(self.t, b.header):  # (``Revision Ending`` / ``Date``: a field's label)
                    blocks.append(Paragraph(" ".join(b.header), b.span))
                else:  # a header with no row under it is no table (a caption's names): its text
                    blocks.append(Paragraph(" | ".join(c for c in b.header if c), b.span))
                    self.diagnostics.append(
                        Diagnostic(
                            "warning", "a table header with no row under it: kept as a paragraph", line=b.span.line
                        )
                    )
            elif isinstance(b, Table):
                stray = is_history_table(b) and not self.sectioned
                entries, rest = read_history(OSection("", "", 0, (b,), b.span)) if stray else ([], [])
                if entries:
                    self.history.extend(entries)
                    blocks.extend(x for x in rest if isinstance(x, Table))  # (its undated rows)
                else:
                    blocks.append(b)
            elif isinstance(b, OSection):
                if id(b) in self.used:  # (its title is the header's: what under it the header did not read stays)
                    if any(id(x) not in self.used for x in b.blocks):
                        sub = self.section(b, sid, criteria, plain)
                        blocks.extend(sub.blocks if sub is not None else ())
                    continue
                sub = self.section(b, sid, criteria, plain)
                if sub is not None:
                    blocks.append(sub)
            elif isinstance(b, OList):
                above = s.blocks[k - 1] if k else None
                before = above.text if isinstance(above, Paragraph) else ""
                if not self.sectioned and (dated := dated_list_entries(b, before)):  # (``Summary of Changes – …``)
                    self.history.extend(dated)
                    continue
                blocks.extend(self.list(b, sid, criteria or (stated and _states_group(b)), counts))
        if not blocks and (not s.title or id(s) in self.used):
            return None  # nothing but header fields under it, and its title the header's too
        return Section(sid or "front", s.title, s.marker, tuple(blocks), s.span)

    def _history(self, key: str) -> bool:
        return key in self.t.history_headings or _history_title(key)

    def list(self, lst: OList, sid: str, criteria: bool, counts: dict[str, int]) -> list[SectionBlock]:
        lead = [Paragraph(lst.lead_in, lst.span)] if lst.lead_in else []
        flat = all(not i.children for i in lst.items)
        flat_bullets = flat and all(i.kind is MarkerKind.BULLET for i in lst.items)
        role = _role(lst, self.titles) if criteria and not self.t.criteria_headings else _Role.CRITERIA
        if role is _Role.UNCLEAR:
            self.diagnostics.append(
                Diagnostic(
                    "note",
                    "a list that neither its lead-in nor its heading calls criteria: kept as a plain list",
                    line=lst.span.line,
                )
            )
        things = _lists_things(lst.connective, lst.lead_in, self.titles)
        # (a list of things the text says are not covered, one of which announces a group of its own with its
        # connective — ``Capacitive coupling devices for any of the following:`` over its conditions: a set
        # that states no connective of its own, the group inside it read as stated, like a numbered item's)
        grouped = things and any(i.children and i.connective is not None for i in lst.items) and lst.connective is None
        if refusal_statement_list(lst):  # (``A. The following services are not medically necessary:`` over 1., 2.)
            return [*lead, *(self._statement_set(i, sid) for i in lst.items)]
        if (
            not criteria
            or role is not _Role.CRITERIA
            or (flat_bullets and not lst.lead_in and lst.connective is None)
            or (flat and _examples(lst))
            or (things and not grouped)
        ):
            # a plain list (related policies, a list of codes, citations, definitions …): bullets as written
            counts["b"] += 1
            return [*lead, Bullets(tuple(_bullet(i) for i in lst.items), lst.span)]
        if (
            not lst.lead_in and _statements(lst) and (self.t.groups is GroupStyle.STATEMENTS or _policy_statements(lst))
        ) or statement_list(lst):  # (``A. … is medically necessary when all of the following are met:`` over 1., 2.)
            return [*lead, *(self._statement_set(i, sid) for i in lst.items)]
        counts["c"] += 1
        set_id = f"{sid}.c{counts['c']}" if sid else f"c{counts['c']}"
        connective = None if grouped else lst.connective or (Connective.ANY if _alternatives(lst) else None)
        if connective is None and not grouped and len(lst.items) == 1 and lst.items[0].children:
            connective = Connective.ALL  # (one item over its own criteria: all of one is any of one, no guess)
        return [
            CriteriaSet(
                id=set_id,
                letter="",
                title=lst.lead_in,
                off_label=False,
                rule=_rule(connective, lst.at_least if connective is lst.connective else None),
                criteria=tuple(_criterion(i, set_id, j) for j, i in enumerate(lst.items, 1)),
                span=lst.span,
                inferred=self._guessed(lst.items),
            )
        ]

    def _statement_set(self, item: OItem, sid: str) -> CriteriaSet:
        """A top item of a list of statements as a set of its own: its statement, its connective (none for a
        statement's plain list), its items one level under it."""
        set_id = f"{sid}.{slug(item.marker or 'x')}" if sid else slug(item.marker or "x")
        connective = _group_connective(item.connective, item.text) if item.children else None
        return CriteriaSet(
            id=set_id,
            letter=item.marker,
            title=item.text,
            off_label=False,
            rule=_rule(connective, item.at_least),
            notes=tuple(Note(n.text, set_id, j, n.span) for j, n in enumerate(item.notes)),
            criteria=tuple(_criterion(c, set_id, j) for j, c in enumerate(item.children, 1)),
            span=item.span,
            inferred=self._guessed(item.children),
        )

    def _guessed(self, items: tuple[OItem, ...]) -> bool:
        """Whether any of ``items`` (or an item under them) was placed by an inferred nesting."""
        stack = list(items)
        while stack and self.inferred:
            item = stack.pop()
            if item.span.line in self.inferred:
                return True
            stack.extend(item.children)
        return False


# A lead-in that names the things it lists as what is covered (``Aetna considers the following procedures medically
# necessary for …:``, ``… for the following indications:``)
_THINGS_COVERED = re.compile(
    r"\bthe\s+following\s+(?:\w+\s+)?(?:procedures|services|indications|uses|devices|tests|treatments|therapies"
    r"|interventions|conditions|diagnoses|drugs|agents|products)\b",
    re.I,
)


def _alternatives(lst: OList) -> bool:
    """Whether a list the text states no connective for is of separate coverage statements — alternatives, any
    one of which covers: its lead-in names the things listed as covered (:data:`_THINGS_COVERED`, a coverage word,
    no condition of its own: each item is a use, with its own conditions if any); or, with no
    lead-in, each item names an indication over its own criteria (``A. ULCERATIVE COLITIS (must meet all):``,
    ``B. Crohn's Disease:``)."""
    lead = lst.lead_in
    if not lead:
        return len(lst.items) >= 2 and all(i.children and _names_indication(i.text) for i in lst.items)
    return (
        bool(_THINGS_COVERED.search(lead))
        and bool(_COVERAGE_WORD.search(lead))
        and not _NOT_COVERED.search(lead)
        and not _CONDITIONAL.search(lead)
        and not re.search(r"\b(?:when|if)\b", lead, re.I)
        and len(lst.items) >= 2
    )


def _names_indication(text: str) -> bool:
    """Whether an item's text is a name (``ULCERATIVE COLITIS (must meet all):``, ``Crohn's Disease:``), not a
    condition: a few words in title case or capitals once its ``(must meet …)`` and colon are set aside."""
    name = re.sub(r"\(\s*must\s+meet[^)]*\)", "", text).strip(" *_:")
    return 0 < len(name.split()) <= 6 and (
        name.isupper() or all(w[:1].isupper() or not w[:1].isalpha() for w in name.split() if len(w) > 3)
    )


def _unmarked_list(lead: Paragraph, after: Sequence[OBlock]) -> bool:
    """Whether ``lead`` announces a list with a connective (``… all of the following criteria are met:``) and
    a paragraph follows, not a list: its items lost their markers (a print read with no layout)."""
    return (
        lead.text.rstrip().endswith(":")
        and bool(after)
        and isinstance(after[0], Paragraph)
        and group_connective(lead.text, [])[0] is not None
    )


def _group_connective(stated: Connective | None, text: str) -> Connective | None:
    """A group's connective: the one its text states; else ``all`` (a family's ``when:``), but for a list of
    things the text says each is (not) covered — it states no connective, so it gets none (see
    :func:`_lists_things`)."""
    if _lists_things(stated, text):
        return None
    return stated


# A lead-in that says the things listed are not covered (``… is not medically necessary in the following
# scenarios:``, ``Coverage is not provided for the following:``, ``The following do not meet the definition of
# medical necessity:``) …
_NOT_COVERED = re.compile(
    r"\bnot\s+(?:be\s+)?(?:considered\s+)?(?:medically\s+necessary|reasonable\s+and\s+necessary|(?:a\s+)?covered"
    r"|eligible|provided|approved|authori[sz]ed|payable|reimbursable)\b|\bnon-?covered\b|\bexclu(?:ded|sions?)\b"
    r"|\b(?:does|do|will)\s+not\s+(?:cover|meet\s+the\s+definition)\b|\b(?:experimental|investigational|unproven)\b"
    r"|\bnot\s+consider\b.{0,80}?\bmedically\s+necessary\b",  # (``will not consider TKA to be medically necessary``)
    re.I,
)


def states_non_coverage(text: str) -> bool:
    """Whether ``text`` says what it names is not covered (:data:`_NOT_COVERED`): a lead-in's or a statement's."""
    return _NOT_COVERED.search(text) is not None


# … or whose subject is the things listed (``The following procedures may be considered medically necessary …:``,
# ``All of the following are considered investigational:``: ``all`` said of each, no condition) and says what
# each is (a coverage word) …
_THINGS_SUBJECT = re.compile(r"^\W*(?:the|these|each\s+of\s+the|all\s+of\s+the)\s+following\b(?!\s*:)", re.I)
_COVERAGE_WORD = re.compile(
    r"\b(?:medically\s+necessary|covered|reasonable\s+and\s+necessary|experimental|investigational|unproven"
    r"|excluded|eligible|indicated|appropriate)\b",
    re.I,
)
# … but not one that makes the list conditions (``… is not covered unless:``, ``The following criteria must be met:``)
_CONDITIONAL = re.compile(r"\bunless\b|\bexcept\b|\bonly\s+(?:when|if)\b|\bmust\b|\brequire[sd]?\b", re.I)
# A heading of what is not covered (``Exclusions``, ``Limitations``, ``Conditions Not Covered``) — not one that
# also names the criteria (``Coverage Indications, Limitations, and/or Medical Necessity``)
_EXCLUSION_HEADING = re.compile(
    r"\b(?:exclusions?|limitations?|not\s+covered|non-?covered|not\s+medically\s+necessary|not\s+authori[sz]ed|experimental"
    r"|investigational|unproven)\b",
    re.I,
)
_NEGATED_HEADING = re.compile(
    r"\b(?:not|non)[\s-]+(?:covered|medically\s+necessary|authori[sz]ed|approved|eligible)\b|\bnon-?covered\b", re.I
)
_GRANTING_HEADING = re.compile(
    r"\b(?:indications?|criteria|(?<!not\s)medically\s+necessary|medical\s+necessity|coverage\s+policy)\b", re.I
)


def _lists_things(stated: Connective | None, lead: str, titles: Sequence[str] = ()) -> bool:
    """Whether a list led in by ``lead`` (under ``titles``, outermost first) is a list of things the text says
    are (not) covered, with no connective of its own: a plain list — never a group that, all met, approves.
    A connective the lead-in states stays (``… not medically necessary for any of the following:`` is any),
    but ``all`` where it is the things' subject (``All of the following are considered investigational:``)."""
    subject = _THINGS_SUBJECT.match(lead) is not None and _COVERAGE_WORD.search(lead) is not None
    if stated is not None and not (stated is Connective.ALL and subject and re.match(r"\W*(?:all|each)\b", lead, re.I)):
        return False
    if _CONDITIONAL.search(lead):
        return False
    if subject or _NOT_COVERED.search(lead):
        return True
    nearest = next((t for t in reversed(titles) if t), "")
    if _NEGATED_HEADING.search(nearest):
        return True  # (``Diagnoses/Indications for which coverage is NOT authorized``)
    return bool(_EXCLUSION_HEADING.search(nearest)) and not _GRANTING_HEADING.search(nearest)


# A lead-in that lists what is not covered, or gives examples, with no connective of its own: its items
# are a list of uses, not criteria a request must meet (``The following are considered experimental /
# investigational: …``, ``… including but not limited to:``).
_EXAMPLES = lazy(r"\b(?:experimental|investigational|unproven|including,?\s+but\s+not\s+limited\s+to)\b", re.I)


class _Role(StrEnum):
    """What a list of a document is, read from its lead-in, its items and the headings above it."""

    CRITERIA = "criteria"  # a group a request is decided by
    PLAIN = "plain"  # citations, definitions, a contents list …: a plain list
    UNCLEAR = "unclear"  # nothing says: a plain list, with a note (a criteria group is never guessed)


# Headings whose lists are criteria (``Coverage Rationale``, ``Clinical Indications``, ``Medically Necessary``,
# ``Exclusions``, ``Policy Guidelines``, ``Continuation of Therapy``) — matched on the heading or one above it.
_CRITERIA_HEADING = re.compile(
    r"\b(?:criteri\w*|coverage|covered|indications?|medically\s+necessary|medical\s+necessity|policy|position"
    r"|guidelines?|requirements?|eligib\w*|limitations?|exclusions?|contraindications?|approv\w*|authori[sz]\w*"
    r"|continu\w*|initial|recommendations?|rationale|statements?|necessity)\b",
    re.I,
)
# A lead-in in the words of a coverage decision (``… is considered medically necessary when:``, ``… if the
# member meets the following:``).
_CRITERIA_LEAD = re.compile(
    r"\b(?:medically\s+necessary|covered|coverage|considered|eligible|eligibility|criteria|indicated"
    r"|indications?|required|requires?|must|meets?|met|when|if|approv\w*|authori[sz]\w*|unless|provided\s+that)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# What a citation has besides its year: authors, a journal's volume and pages, an address, an access date.
_CITED = re.compile(
    r"\bet\s+al\b|\bJ(?:ournal)?\b|\bdoi\b|\bPMID\b|\bAccessed\b|https?://|www\.|;\s*\d+\s*\(|\d+\s*\(\d+\)\s*:"
    r"|\b\d+\s*:\s*\d+|\bVol\.|\bpp?\.\s*\d|\bRetrieved\b|\bPublished\b",
    re.I,
)
# ``Term – what it means`` / ``Term: what it means``: a definition.
_DEFINED = re.compile(r"^[A-Z0-9][^.;:–—]{0,60}?(?:\s[–—-]\s|:\s)\S")


# A heading that names criteria as well as a history (``Criteria, Codes, Revision History``): its lists may be criteria
_NAMES_CRITERIA = re.compile(r"\b(?:criteri\w*|indications?|medical\s+necessity|medically\s+necessary)\b", re.I)


def _role(lst: OList, titles: list[str]) -> _Role:
    """Whether a list is criteria (see :class:`_Role`): a connective its lead-in and items state, or a
    lead-in in a coverage decision's words, says so — but citations are never criteria; definitions
    (``Term – meaning``) are not, but under a heading of criteria (``Age: 18 or older``); then a heading
    of criteria (itself or one above it) or a connective the items state says so; else nothing does."""
    stated = lst.connective is not None or any(i.children and i.connective is not None for i in lst.items)
    texts = [i.text for i in lst.items]
    half = (len(texts) + 1) // 2
    if sum(1 for t in texts if _YEAR.search(t) and _CITED.search(t)) >= half:
        return _Role.PLAIN
    if (stated and lst.lead_in) or _CRITERIA_LEAD.search(lst.lead_in):
        return _Role.CRITERIA
    nearest = next((t for t in reversed(titles) if t), "")
    if sum(1 for t in texts if _DEFINED.match(t)) >= half and not _CRITERIA_HEADING.search(nearest):
        return _Role.PLAIN
    if stated or any(_CRITERIA_HEADING.search(t) for t in titles):
        return _Role.CRITERIA
    return _Role.UNCLEAR


def _states_group(lst: OList) -> bool:
    """Whether a list's lead-in states its connective in a coverage decision's words (``… is considered medically
    necessary when BOTH of the following are met:``): a criteria group wherever it stands."""
    return bool(lst.lead_in) and lst.connective is not None and bool(_CRITERIA_LEAD.search(lst.lead_in))


def _examples(lst: OList) -> bool:
    """A list of uses the lead-in calls unproven, or examples: no connective a request must meet, or one
    said of every item (``Each of the following is considered experimental …:``) — a statement, no condition."""
    lead = lst.lead_in
    connective = re.search(r"\b(?:any|one|both|either|none)\b(?:\s+\w+)?\s+of\b", lead, re.I)
    return bool(_EXAMPLES.search(lead)) and connective is None


def _policy_statements(lst: OList) -> bool:
    """A list of a policy's statements in any template (``I. Bariatric surgery may be considered medically
    necessary … when all of the following criteria are met:``, ``II. … is considered investigational.``): its
    top items are upper-case roman, two at least, and one states a coverage decision — or upper-case letters
    (``A. Reduction mammaplasty … is medically necessary when ALL of the following are met:``, ``B. … is
    considered cosmetic and not medically necessary when performed:``), two of them stating one — each is a
    statement of its own, never one of a group all of which must hold."""
    if len(lst.items) < 2 or not all(i.upper for i in lst.items):
        return False
    if all(i.kind is MarkerKind.ROMAN for i in lst.items):
        return any(_COVERAGE_WORD.search(i.text) for i in lst.items)
    letters = all(i.kind is MarkerKind.LETTER and i.style == "." for i in lst.items)
    return letters and sum(1 for i in lst.items if states_decision(i.text)) >= 2


def _statements(lst: OList) -> bool:
    """A list of statements: its top items are upper-case roman (``I.``) or numbered sentences, or upper-case
    letters that state coverage decisions (:func:`_policy_statements`)."""
    if all(i.kind is MarkerKind.LETTER and i.upper for i in lst.items) and _policy_statements(lst):
        return True
    return all(i.kind in (MarkerKind.ROMAN, MarkerKind.NUMBER, MarkerKind.LETTER) for i in lst.items) and any(
        i.upper and i.kind is MarkerKind.ROMAN for i in lst.items
    )


def _bullet(item: OItem) -> Bullet:
    """An item of a plain list: its label (none for a bullet), its text and the notes written on it, the items
    under it (its id is the walk's, given when the parse ends: ``walk.with_bullet_ids``)."""
    text = " ".join([item.text, *(n.text for n in item.notes)])
    marker = "" if item.kind is MarkerKind.BULLET else item.marker
    return Bullet("", marker, item.kind, text, tuple(_bullet(c) for c in item.children), item.span)


_HISTORY_WORDS = re.compile(r"\b(?:history|revisions?|revised|changes|updates?|change\s+(?:summary|log))\b", re.I)


def _history_name(text: str) -> bool:
    """A back-matter history's name (``Publication History``, ``Policy Approval History``): no document's title."""
    return BACK_MATTER_NAME.match(text) is not None and re.search(r"\bHistory:?\s*$", text, re.I) is not None


def _names_history(t: Template, title: str) -> bool:
    """Whether a heading names the document's dated history (the template's own names, or a history's words)."""
    key = title.casefold()
    return key in t.history_headings or _history_title(key)


def _history_title(key: str) -> bool:
    # (a longer title that names a date is a history table's header a copy made a heading:
    # ``Revision History Date Revision History Number Revision History Explanation``)
    return bool(_HISTORY_WORDS.search(key)) and (len(key.split()) <= 6 or re.search(r"\bdates?\b", key) is not None)


# A title whose only word of a history is ``revision`` (``Internal Device Replacement or Revision``, ``Revision
# Arthroplasty``): it may name a surgical revision, never a history when no entry under it is dated
_PROCEDURE_REVISION = re.compile(
    r"^(?!.*\b(?:history|revisions|revised|changes|updates?|log|details|dates?|summary)\b).*\brevision\b", re.I
)


# A history's own name (``Policy History``, ``Reviews, Revisions, and Approvals``), not a field that names a
# revision (``Revision Ending`` / ``Date``: an LCD's field, its label split into a header)
_HISTORY_NAME = re.compile(
    r"\bhistory\b|\brevisions\b|\bchanges\b|change\s+(?:summary|log)|revision\s+(?:log|details)", re.I
)


def _after_identifier(blocks: list[Paragraph | OSection], head: _Head) -> str:
    """The title a layout ran onto the end of the identifier's field line (the line below it joined to it):
    title-like words after the identifier that end the line, when no line names the document."""
    for b in blocks:
        if isinstance(b, Paragraph) and id(b) in head.used:
            m = re.search(rf"(?<!\S){re.escape(head.reference)}\s+(?P<rest>[^:]+)$", b.text)
            if m and len(rest := m.group("rest").strip()) <= 120 and title_like(rest) and _naming(rest) >= 2:
                head.title_span = b.span
                return rest
    return ""


def _unread_dates(blocks: Sequence[OBlock], fielded: set[int]) -> list[int]:
    """The lines of the paragraphs and headings left unread in a history section that hold a date not
    labelled as another field's (``Next Review: …``, ``Last Modified: …``), one per block."""
    out: list[int] = []
    for b in blocks:
        text = b.title if isinstance(b, OSection) else b.text if isinstance(b, (Paragraph, ONote)) else ""
        if isinstance(b, OSection) and b.span.line in fielded:  # (a header field the layout made a heading)
            text = ""
        dates = find_dates(text)
        if dates and not all(text[: d.start].rstrip().endswith(":") for d in dates):
            out.append(b.span.line)
        if isinstance(b, OSection):
            out.extend(_unread_dates(b.blocks, fielded))
    return out


def _label_only(t: Template, header: tuple[str, ...]) -> bool:
    """Whether a table of a header row only is a field's label a copy split into cells (``Revision Ending``
    / ``Date``, its value alone below it or none)."""
    text = " ".join(" ".join(header).split()).casefold()
    labels = (*t.title_labels, *t.reference_labels, *t.effective_labels, *t.review_labels, *t.other_labels)
    return any(text == label.casefold() for label in labels)


def _history_run_in(s: OSection) -> OSection:
    """``s`` with a history heading a copy ran into its table's header row (``Policy History`` / ``DATE``
    read as a table of a header row only, the rows below it) made the heading of a section of the blocks
    after it: they are the history."""
    for k, b in enumerate(s.blocks):
        if isinstance(b, Table) and not b.rows and len(b.header) > 1 and _HISTORY_NAME.search(b.header[0]):
            rest = s.blocks[k + 1 :]
            if not rest:
                return s
            sub = OSection(b.header[0], "", s.level + 1, rest, b.span)
            return OSection(s.title, s.marker, s.level, (*s.blocks[:k], sub), s.span)
        if isinstance(b, Table) and (n := _history_row(b)) is not None:
            # (a history heading a layout took for a row of the table above it — ``Codes``' table, then a row
            # ``Policy History`` alone, then ``Date | Summary`` and the dated rows —: the heading of a section of
            # the rows after it, their first row its table's header, the blocks after it with them)
            named, head, rows = b.rows[n], b.rows[n + 1], b.rows[n + 2 :]
            log = Table(tuple(" ".join(c) for c in head.cells), rows, head.span)
            sub = OSection(" ".join(named.cells[0]), "", s.level + 1, (log, *s.blocks[k + 1 :]), named.span)
            before = (Table(b.header, b.rows[:n], b.span),) if n else ()
            return OSection(s.title, s.marker, s.level, (*s.blocks[:k], *before, sub), s.span)
    return s


def _history_row(table: Table) -> int | None:
    """The row of ``table`` that is a history's name alone (``Policy History``, its other cells empty) with a row
    of column names after it, one naming a date (``Date | Summary``), and dated rows after that; else ``None``."""
    for n, row in enumerate(table.rows[:-2]):
        name = " ".join(row.cells[0]) if row.cells else ""
        if any(row.cells[1:]) or len(name.split()) > 5 or not _HISTORY_NAME.search(name):
            continue
        head = [" ".join(c) for c in table.rows[n + 1].cells]
        if (
            len(head) > 1
            and any(re.fullmatch(r"(?:\w+\s+)?dates?", h.strip(), re.I) for h in head)
            and not any(find_dates(h) for h in head)
        ):
            return n
    return None


def _dated_headings(s: OSection, history: Callable[[str], bool]) -> OSection:
    """``s`` with the headings that are dates alone right after a history heading (a raw extraction's column of
    a history's dates, a line each, which the outline took for headings) made paragraphs of that history,
    their blocks after them: the history reads its dates with the descriptions below them."""
    blocks = list(s.blocks)
    k = 0
    while k < len(blocks):
        b = blocks[k]
        run = k + 1
        while run < len(blocks) and _dated_title(blocks[run]):
            run += 1
        if isinstance(b, OSection) and run - k > 2 and history(b.title.casefold()):
            moved: list[OBlock] = []
            for d in blocks[k + 1 : run]:
                assert isinstance(d, OSection)
                moved.extend([Paragraph(d.title, d.span), *d.blocks])
            blocks[k:run] = [OSection(b.title, b.marker, b.level, (*b.blocks, *moved), b.span)]
        k += 1
    return s if len(blocks) == len(s.blocks) else OSection(s.title, s.marker, s.level, tuple(blocks), s.span)


def _dated_title(b: OBlock) -> bool:
    if not isinstance(b, OSection):
        return False
    found = read_date(b.title)
    return found is not None and found.start == 0 and found.end >= len(b.title.strip())


def _unused(s: OSection, used: set[int]) -> OSection:
    """``s`` without the blocks the header's fields were read from, at any depth (``Policy History`` /
    ``Last Review 01/15/2026`` / ``Effective: 06/01/1998``: the header's dates, not history entries)."""
    kept = tuple(_unused(b, used) if isinstance(b, OSection) else b for b in s.blocks if id(b) not in used)
    return OSection(s.title, s.marker, s.level, kept, s.span)


def _sectioned(body: _Body, root: OSection) -> bool:
    """Whether the document writes its history under a heading of its own that gives entries: then a
    dated table elsewhere is body (a list of coverage documents with their ``Revision Effective Date``
    beside the history), not a second history."""
    for s in root.blocks:
        if isinstance(s, OSection):
            if body._history(s.title.casefold()) and read_history(s)[0]:
                return True
            if _sectioned(body, s):
                return True
    return False


_ORIGINAL_EFFECTIVE = re.compile(r"^\W*original\s+effective\s+date\s*:\s*", re.I)


def _original_effective(t: Template, root: OSection, head: _Head) -> tuple[str, int] | None:
    """The value of the head's ``Original Effective Date`` field (read as the header's extra, or on a line of
    fields no slot holds: ``Jurisdiction: … Original Effective Date For services performed on or after
    03/01/2026``) and its line, when it is a date; else None."""
    labels = _all_labels(t)
    found: list[tuple[str, int]] = [(extra, head.title_span.line) for extra in head.extras]
    found += [
        (value, b.span.line)
        for b in _head_blocks(t, root)
        if isinstance(b, Paragraph)
        for name, _, value in _fields(b.text, labels)
        if name == "other"
    ]
    for value, line in found:
        if (m := _ORIGINAL_EFFECTIVE.match(value)) and read_date(date := value[m.end() :].strip()) is not None:
            return date, line
    return None


@functools.cache  # (one per template: the head's tables are classified with it)
def _labels(t: Template) -> Labels:
    """The template's labels as :func:`~policyvc.parser.field_tables.classify_table` reads them."""
    labels = _all_labels(t)
    return Labels(
        named=lambda text: frozenset(name for name, _, _ in _fields(text, labels)),
        starts=lambda text: _label_starts(text, labels),
    )


def _field_tables(t: Template, s: OSection) -> OSection:
    """``s`` with each table of the document's head that states its header's fields (:func:`classify_table`: label
    and value pairs, labels over a row of values, fields set side by side in cells) written as those fields'
    lines, for the head to read like any other (:func:`_read_head`)."""
    labels = _labels(t)
    blocks: list[OBlock] = []
    for b in s.blocks:
        if isinstance(b, OSection):
            blocks.append(_field_tables(t, b) if b.span.line <= _HEAD_LINES else b)
        elif isinstance(b, Table) and b.span.line <= _HEAD_LINES and (read := classify_table(b, labels).fields):
            blocks.extend(read)
        else:
            blocks.append(b)
    return OSection(s.title, s.marker, s.level, tuple(blocks), s.span)


# Capitalised words before a known label, with no stop between them, that name the label's kind
# (``Criteria Number:``, ``Clinical Guideline Number:``): the cell is still the field's
_LABEL_QUALIFIER = re.compile(r"(?:[A-Z][\w&/-]*\s+){1,3}")


def _label_starts(text: str, labels: list[tuple[str, int, re.Pattern[str]]]) -> bool:
    """Whether a labelled field starts ``text`` (``Status: Revised``, ``Criteria Number: MED-2``), not one
    inside a sentence."""
    return any(
        m.start() == 0 or _LABEL_QUALIFIER.fullmatch(text, 0, m.start())
        for _, _, rx in labels
        if (m := rx.search(text))
    )


def build(
    t: Template, outline: Outline, source: str, printed: frozenset[str] = frozenset()
) -> tuple[Policy, list[Diagnostic]]:
    """The AST of a document read by ``t`` from its outline, and what was noticed.  ``printed``: the page titles
    a browser printed beside its stamps (:func:`~policyvc.parser.furniture.printed_titles`)."""
    diagnostics = list(outline.diagnostics)
    # (a family template's header has its own fixed form, but a print may set its fields in a table of label and
    # value pairs, ``Reference Number: | CP.MP.145``: read as the lines it writes)
    outline = Outline(_field_tables(t, outline.root), outline.diagnostics, outline.inferred)
    head = _read_head(t, outline, printed)
    body = _Body(t, diagnostics, used=head.used, fielded=head.fielded_lines, inferred=outline.inferred)
    body.sectioned = _sectioned(body, outline.root)
    root = body.section(outline.root, "", False)
    sections: list[Section] = []
    if root is not None:
        front = [b for b in root.blocks if not isinstance(b, Section)]
        if front:
            sections.append(Section("front", "", "", tuple(front), root.span))
        sections.extend(b for b in root.blocks if isinstance(b, Section))
    kind_line = head.title_span.line if head.kind_titled else 0
    named = head.own_line or head.title  # (the title's own line: what a heading the layout made of it says)
    # (where the head's fields end: the last line of a paragraph or heading the header read a field from)
    fields_end = max([*_used_lines(outline.root, head.used), *head.fielded_lines], default=0)
    sections = _dropped_contents(
        _front_links(_leading_names(sections, named, head.reference, head.title_span.line, kind_line, fields_end)),
        diagnostics,
    )
    effective = read_date(head.effective) if head.effective else None
    review = read_date(head.review) if head.review else None
    line = head.title_span.line
    # (a document dated only by the day it first took effect — a new coverage determination's ``Original Effective
    # Date`` / ``For services performed on or after 03/01/2026``, its ``Revision Effective Date`` ``N/A`` — has no
    # later date in force: that day is its effective date)
    undated = not head.effective and not head.review and not any(e.date for e in body.history)
    if undated and (first := _original_effective(t, outline.root, head)) is not None:
        head.effective, effective = first[0], read_date(first[0])
        diagnostics.append(
            Diagnostic(
                "note",
                f"the document states no revision's date: its original effective date `{first[0]}` is the date in "
                "force",
                line=first[1],
            )
        )
    not_found: list[str] = []
    for name, value, label in (
        ("title", head.title, "title"),
        ("reference", head.reference, "identifier (policy or reference number)"),
        ("effective", head.effective or head.review, "effective or review date"),
    ):
        if not value:
            not_found.append(name)
            diagnostics.append(
                Diagnostic("warning", f"found no {label} in the document ({t.name} template)", line=line)
            )
        elif name == "effective" and effective is None and review is None:
            diagnostics.append(Diagnostic("warning", f"could not read the date `{value}`", line=line))
    for what, read, value in (("effective", effective, head.effective), ("review", review, head.review)):
        if read is not None and read.month_only:  # (``Date Reviewed: 02/2026``: no day stated — said, not hidden)
            diagnostics.append(
                Diagnostic(
                    "note",
                    f"the {what} date `{value[read.start : read.end]}` states a month, no day: read as its first day, "
                    f"{read.date.isoformat()}",
                    line=line,
                )
            )
    header = Header(
        title=head.title,
        generic_name=head.title,
        brand_names=(),
        reference_number=head.reference,
        effective_date=effective.date if effective else None,
        last_review=review.date if review else None,
        lines_of_business=tuple(p.strip() for p in re.split(r",|;|\band\b", head.lob) if p.strip()),
        extras=tuple(head.extras),
        span=head.title_span,
    )
    policy = Policy(
        header=header,
        description=(),
        indications_intro=(),
        indications=(),
        criteria_intro=(),
        sections=(),
        appendices_intro=(),
        appendices=(),
        dosing=(),
        dosing_blocks=(),
        availability=(),
        references=(),
        coding_intro=(),
        hcpcs=(),
        revision_log=tuple(sorted(body.history, key=lambda e: e.date or _NEVER)),
        reminder=(),
        template=t.name,
        body=tuple(sections),
        source_name=source,
        not_found=tuple(not_found),
    )
    return policy, diagnostics


def _used_lines(section: OSection, used: set[int]) -> list[int]:
    """The last lines of the blocks (anywhere under ``section``) the header read a field from."""
    out: list[int] = []
    for b in section.blocks:
        if id(b) in used:
            out.append(b.span.end_line or b.span.line)
        if isinstance(b, OSection):
            out.extend(_used_lines(b, used))
    return out


def _leading_names(
    sections: list[Section],
    title: str,
    reference: str = "",
    title_line: int = 0,
    kind_line: int = 0,
    fields_end: int = 0,
) -> list[Section]:
    """The body without the lines above it that only name the document: its title line (kept in the
    header) and, before the first section with anything under it, the plan's or the site's name
    (``UnitedHealthcare® Commercial``, ``Medical Policy``), kept as paragraphs of the front — whether
    the layout made them headings or not.  A heading below the title and the head's fields (``fields_end``:
    their last line), right above a section with text under it, is the body's first (``Coverage Guidelines``
    over its subsections, which the layout set at its own level): the names stand above the fields."""
    front: list[SectionBlock] = []
    k = 0
    if sections and sections[0].id == "front":  # (the title line itself is the header's)
        front.extend(
            b for b in sections[0].blocks if not (isinstance(b, Paragraph) and b.text.strip() == title.strip())
        )
        k = 1
    while k < len(sections) and sections[k].title.casefold() not in HEADINGS:
        named = sections[k].title.strip() == title.strip()
        # (a site's or plan's name the layout made a heading, the title line under it with the head's fields:
        # text above the title heads no section of the policy — ``Blue Cross NC`` / menus / the title / fields)
        # (or a labelled line under it the title was read from: ``Medical Policy: <title>``, gone to the header)
        above = _front_only(sections[k]) and (
            any(  # (the title's own line: not a heading over the title said again)
                isinstance(b, Paragraph) and b.text.strip() == title.strip() and b.span.line == title_line
                for b in sections[k].blocks
            )
            or (kind_line > 0 and _field_title_under(sections, k, kind_line))
        )
        # (and the identifier's value alone the layout made a heading: ``Policy #:`` / ``11.14.31d`` / a paragraph)
        valued = bool(reference) and sections[k].title.strip() == reference and _front_only(sections[k])
        # (never a plan's or a company's name, ``Lakeshore Specialty Benefits Management``, set under the fields)
        below = 0 < title_line < fields_end < sections[k].span.line and not named and not valued
        below = below and not _publisher(sections[k].title)
        if below and not sections[k].blocks and k + 1 < len(sections) and sections[k + 1].blocks:
            break  # (the body's first heading, under the head's fields: no name of the document)
        if sections[k].blocks and not (named and _front_only(sections[k])) and not (title and above) and not valued:
            break
        if not named:
            front.append(Paragraph(sections[k].title, sections[k].span))
        # (the title line the layout made a heading: what is under it is front; the title is the header's)
        front.extend(
            b for b in sections[k].blocks if not (isinstance(b, Paragraph) and b.text.strip() == title.strip())
        )
        k += 1
        if valued and sections[k - 1].blocks:
            break  # (the head's fields end there: a heading below it is the body's, empty or not — ``Subject``)
    rest = [s for s in sections[k:] if s.blocks or s.title.strip() != title.strip()]
    # (the title's own line the layout made a heading over text that is no section of it — a table of contents whose
    # title is a paragraph: that text goes on the section above it, the title is the header's alone)
    at = next((j for j, s in enumerate(rest) if s.span.line == title_line and s.title.strip() == title.strip()), None)
    if at is not None and (at > 0 or front) and not any(isinstance(b, Section) for b in rest[at].blocks):
        if at > 0:
            up = rest[at - 1]
            rest[at - 1] = Section(up.id, up.title, up.marker, (*up.blocks, *rest[at].blocks), up.span)
        else:
            front.extend(rest[at].blocks)
        del rest[at]
    if not front:
        return rest
    span = sections[0].span if sections else Span(1)
    # (in the document's order: what a heading the header took had under it stays where it stood)
    front.sort(key=lambda b: b.span.line)
    return [Section("front", "", "", tuple(front), span), *rest]


def _field_title_under(sections: list[Section], k: int, title_line: int) -> bool:
    """Whether the title was read from the labelled line ``title_line`` right under section ``k``'s heading
    (``Health Plan`` / ``Medical Policy: <title>``): the line went to the header, so no paragraph repeats it there."""
    end = sections[k + 1].span.line if k + 1 < len(sections) else None
    inside = sections[k].span.line < title_line and (end is None or title_line < end)
    return inside and not any(b.span.line == title_line for b in sections[k].blocks)


def _front_links(sections: list[Section]) -> list[Section]:
    """The body with the link blocks above its first section moved into the front: a table of contents
    and lists of links to other documents (``Related Policies`` / ``• Knee Injections``), before the
    first heading of the vocabulary, when one follows — they name documents and pages, no policy text."""
    k = 1 if sections and sections[0].id == "front" else 0
    start = k
    while (
        k < len(sections)
        and _links_only(sections[k])
        and (
            sections[k].title.casefold() not in HEADINGS  # (``Table of Contents`` is a heading of the vocabulary)
            or any(isinstance(b, Paragraph) and contents_line(b.text) for b in sections[k].blocks)
        )
    ):
        k += 1
    if k == start or k == len(sections) or sections[k].title.casefold() not in HEADINGS:
        return sections
    front: list[SectionBlock] = list(sections[0].blocks) if start else []
    for s in sections[start:k]:
        front.extend(_flattened(s))
    span = sections[0].span
    return [Section("front", "", "", tuple(front), span), *sections[k:]]


# a table of contents' entry: a heading, its dotted leader, its page (``Coverage Rationale ........ 2``)
_LEADER_ENTRY = lazy(r"^\S.*?\S\s*(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{1,3}$")
_LEADER_TITLE = lazy(r"\s*(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{1,3}$")  # an entry's leader and page
_CONTENTS_TITLES = frozenset({"table of contents", "contents"})
_CONTENTS_ENTRIES = 3  # entries a table of contents lists at least (one dotted leader is a field's)


def _dropped_contents(sections: list[Section], diagnostics: list[Diagnostic]) -> list[Section]:
    """The body without the table of contents the front holds (``TABLE OF CONTENTS`` / ``PURPOSE ....... 1`` …):
    navigation, no text of the policy — the headings it lists are read where they stand; a note says so.  Only a
    run of :data:`_CONTENTS_ENTRIES` entries or more, each with its dotted leader and page, over sections of one
    level or named in capitals."""
    if not sections or sections[0].id != "front":
        return sections
    blocks = sections[0].blocks
    entries = [k for k, b in enumerate(blocks) if isinstance(b, Paragraph) and _LEADER_ENTRY.match(b.text.strip())]
    texts = [b.text for k, b in enumerate(blocks) if k in entries and isinstance(b, Paragraph)]
    if len(entries) < _CONTENTS_ENTRIES:
        return _plain_contents(sections, diagnostics)
    # (where the sections nest, the contents may be what set a heading at the top level — ``Applicable Codes`` after
    # a numbered subsection — and the text without them would read it nested: kept as written)
    # (a list of headings in capitals names headings their case sets at the top level wherever they stand)
    capitals = all(_LEADER_TITLE.sub("", t.strip()).isupper() for t in texts)
    if not capitals and any(isinstance(b, Section) for s in sections[1:] for b in s.blocks):
        return sections
    if not capitals and _listed_set_top(sections[1:], texts):
        return sections
    drop = set(entries)
    first = entries[0]
    if first > 0:
        above = blocks[first - 1]
        if isinstance(above, Paragraph) and above.text.strip().rstrip(":").casefold() in _CONTENTS_TITLES:
            drop.add(first - 1)
    kept = tuple(b for k, b in enumerate(blocks) if k not in drop)
    diagnostics.append(
        Diagnostic(
            "note",
            f"left out a table of contents ({len(entries)} entries with dotted leaders and page numbers): the "
            "headings it lists are read where they stand",
            line=blocks[min(drop)].span.line,
        )
    )
    if not kept:
        return sections[1:]
    return [Section("front", "", "", kept, sections[0].span), *sections[1:]]


_PAGE_AFTER = lazy(r"\s+\d{1,3}$")  # a plain entry's page number (``Coverage Criteria 2``)


def _titles(sections: Sequence[Section]) -> set[str]:
    out: set[str] = set()
    for s in sections:
        out.add(" ".join(s.title.split()).casefold())
        out |= _titles([b for b in s.blocks if isinstance(b, Section)])
    return out


def _plain_contents(sections: list[Section], diagnostics: list[Diagnostic]) -> list[Section]:
    """The body without a table of contents written with no leaders: a ``Table of Contents`` (``Contents``) line of
    the front, then a run of :data:`_CONTENTS_ENTRIES` lines or more each naming a heading the body has (a page number
    after it or none) — navigation, never the front's text; a note says so.  Anything else stays as written."""
    titles = _titles(sections[1:])
    if len(sections) > 1 and " ".join(sections[1].title.split()).casefold() in _CONTENTS_TITLES:
        # (the layout made the contents' own line a heading: its entries that section's only lines)
        listed = sections[1].blocks
        names = [
            " ".join(_PAGE_AFTER.sub("", b.text.strip()).split()).casefold() for b in listed if isinstance(b, Paragraph)
        ]
        if len(names) == len(listed) >= _CONTENTS_ENTRIES and all(n in titles for n in names):
            note = (
                f"left out a table of contents ({len(names)} entries naming the body's headings): read where they stand"
            )
            diagnostics.append(Diagnostic("note", note, line=sections[1].span.line))
            return [sections[0], *sections[2:]]
    blocks = sections[0].blocks
    for k, b in enumerate(blocks):
        if not isinstance(b, Paragraph) or b.text.strip().rstrip(":").casefold() not in _CONTENTS_TITLES:
            continue
        run: list[int] = []
        for j in range(k + 1, len(blocks)):
            e = blocks[j]
            name = " ".join(_PAGE_AFTER.sub("", e.text.strip()).split()).casefold() if isinstance(e, Paragraph) else ""
            if not name or name not in titles:
                break
            run.append(j)
        if len(run) < _CONTENTS_ENTRIES:
            continue
        drop = {k, *run}
        kept = tuple(x for n, x in enumerate(blocks) if n not in drop)
        note = f"left out a table of contents ({len(run)} entries naming the body's headings): read where they stand"
        diagnostics.append(Diagnostic("note", note, line=b.span.line))
        if not kept:
            return sections[1:]
        return [Section("front", "", "", kept, sections[0].span), *sections[1:]]
    return sections


def _listed_set_top(sections: list[Section], entries: list[str]) -> bool:
    """Whether the contents is what sets one of the headings it lists at the top level: a heading no vocabulary
    names, in title case, after a section the vocabulary names (``General Background`` after ``Coverage Policy``) —
    without the contents the text reads it as that section's subheading, and so does the canonical text of the
    tree, whose round trip would nest it."""
    listed = {_LEADER_TITLE.sub("", t.strip()).casefold() for t in entries}
    known = False
    for s in sections:
        title = s.title.casefold()
        if known and title in listed and title not in HEADINGS and not s.title.isupper():
            return True
        known = known or title in HEADINGS
    return False


def _flattened(section: Section) -> list[SectionBlock]:
    """A section's title and blocks, its subsections' written out the same way after them."""
    out: list[SectionBlock] = [Paragraph(section.title, section.span)]
    for b in section.blocks:
        out.extend(_flattened(b) if isinstance(b, Section) else [b])
    return out


def _links_only(section: Section) -> bool:
    """Whether a section holds only a table of contents' lines or lists of short names (links), itself
    and its subsections."""
    if not section.blocks:
        return False
    for b in section.blocks:
        if (isinstance(b, Paragraph) and contents_line(b.text)) or (isinstance(b, Section) and _links_only(b)):
            continue
        if isinstance(b, Bullets) and all(len(i.line.split()) <= 8 and not i.line.rstrip().endswith((".", ":", ";"))
                                          for i in b.items):  # fmt: skip
            continue
        return False
    return True


def _front_only(section: Section) -> bool:
    """Whether what is under a heading that repeats the title is front matter: paragraphs only, no
    section, list or table of its own (``Category: Durable Medical Equipment``, a note on the lines of
    business)."""
    return all(isinstance(b, Paragraph) for b in section.blocks)


_NEVER = dt.date(1970, 1, 1)
