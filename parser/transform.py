"""From lark tokens to the typed AST: the one boundary where lark objects end.

``PolicyTransformer`` has one method per grammar rule and runs inside the LALR
parser (no tree is built, so deep nesting costs no recursion).  Criteria are
collected as small raw records first and turned into :class:`Criterion` nodes
when their set is complete, because a node's stable id (``I.A.4.b``) needs the
section and set it sits in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field
from typing import Any

from policyvc.lazy_re import lazy
from policyvc.parser.classify import announces_dose_group, announces_per_cycle, classify
from policyvc.parser.connective import read_connective, read_meet_rule
from policyvc.parser.errors import PolicyError
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.joining import continue_row
from policyvc.parser.nesting import split_marker
from policyvc.parser.nodes import (
    Alternative,
    Appendix,
    ApprovalDuration,
    Block,
    Bullet,
    Bullets,
    Cell,
    Connective,
    CriteriaSection,
    CriteriaSet,
    Criterion,
    DosingRow,
    HcpcsCode,
    Header,
    Heading,
    MarkerKind,
    MeetRule,
    Note,
    Paragraph,
    PlanSection,
    Policy,
    Product,
    Reference,
    RevisionEntry,
    Row,
    Section,
    Span,
    StateRule,
    Table,
    YearMonth,
)
from policyvc.parser.normalize import Normalized
from policyvc.parser.prebuilt import dataclass
from policyvc.parser.tokens import Token
from policyvc.parser.walk import slug

_TRAILING_MARK = re.compile(r"(?<=[^\w\s*])(\*+)$")
_INLINE_MARK = re.compile(r"[\w®™)]\*")
_SET_HEAD_TAIL = re.compile(r"\s*(?P<tail>\((?:off-label|off label)\)|\(must meet [^)]*\))\s*$", re.I)
_DURATION = re.compile(r"^(?P<lobs>.*?)\s*(?:[–—]| - )\s*(?P<rest>.+)$")
_LOB_START = lazy(r"(?:Medicaid|HIM|Commercial|Medicare|Marketplace|All lines of business)\b")
_AMOUNT = re.compile(r"^(?P<n>\d+)\s*(?P<unit>months?|weeks?|days?|years?)\b", re.I)
_ALTERNATIVE = re.compile(r"\bor (?:to )?(?P<alt>.+?),\s*(?P<rule>whichever is (?:longer|shorter|later|earlier))", re.I)
# ``B. Approval duration:``: the letter a copy gave the duration, lettering it with its sets
_LETTERED_APPROVAL = re.compile(r"([A-Z])\.\s")
_DURATION_CONNECTIVE = re.compile(r"\s*;\s*(?:or|and)\s*$", re.I)
_FULL_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
_MONTH_DATE = re.compile(r"^(\d{1,2})[./](\d{2}|\d{4})$")
_STATE_YES = re.compile(r"^(?P<yn>Yes|No)\s*(?P<mark>[‡†^*§¶]*)\s*$", re.I)


def _items_in_order(items: list[_RawItem]) -> list[_RawItem]:
    """``items`` and their children, depth first in document order."""
    return [x for item in items for x in (item, *_items_in_order(item.children))]


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 4:
        return y
    return 2000 + y if y < 70 else 1900 + y  # the family's two-digit years


def parse_full_date(text: str) -> dt.date | None:
    """``04.05.21`` → 2021-04-05 (month.day.year); ``None`` if not that shape or no such day."""
    m = _FULL_DATE.match(text.strip())
    if not m:
        return None
    try:
        return dt.date(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def parse_month(text: str) -> YearMonth | None:
    """``08.21`` → 2021-08."""
    m = _MONTH_DATE.match(text.strip())
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    return YearMonth(_year(m.group(2)), int(m.group(1)))


@dataclass(slots=True)
class _RawNote:
    text: str
    span: Span


@dataclass(slots=True)
class _RawItem:
    marker: str
    text: str
    source: str
    span: Span
    notes: list[_RawNote] = field(default_factory=list)
    kind: MarkerKind = MarkerKind.NUMBER
    children: list[_RawItem] = field(default_factory=list)
    parent: _RawItem | None = None
    attached: list[Note] = field(default_factory=list)
    id: str = ""
    durations: tuple[ApprovalDuration, ...] = ()  # an alternative's own ``Approval duration:`` line under it


@dataclass(slots=True)
class _RawSet:
    letter: str
    head: str
    span: Span
    notes: list[_RawNote]
    items: list[_RawItem]
    durations: tuple[ApprovalDuration, ...]
    duration_heading: bool
    duration_letter: str = ""  # ``B. Approval duration:``: the set letter the copy gave the duration


@dataclass(frozen=True, slots=True)
class _Part:
    """A top-level part of the document, tagged with its rule name for ``start``."""

    name: str
    value: Any
    head: Token | None = None  # its heading (the back matter's parts: where one out of the family's order stands)


# The back matter's parts by their rule's name, and their walk ids (a plan's own section is placed after one)
_BACK_PARTS = {"appendices": "IV", "dosage": "V", "availability": "VI", "references": "VII"}


@dataclass(frozen=True, slots=True)
class _BackMatter:
    """Section III and the back matter's parts in the document's order (:meth:`PolicyTransformer.back_matter`)."""

    parts: tuple[Any, ...]


# The back matter's parts in the family's order, each a heading's terminal (what an error names as expected)
_BACK_ORDER = (
    ("appendices", "APPENDICES_HEAD"), ("dosage", "DOSAGE_HEAD"), ("availability", "AVAILABILITY_HEAD"),
    ("references", "REFERENCES_HEAD"),
)  # fmt: skip


@dataclass(slots=True)
class _RawTable:
    rows: list[tuple[list[str], Span]]
    span: Span


def _split_lobs(text: str) -> tuple[str, ...]:
    """``Medicaid/HIM`` → ("Medicaid", "HIM")."""
    return tuple(p.strip() for p in re.split(r"/|,|\band\b", text) if p.strip())


def _trailing_mark(text: str) -> re.Match[str] | None:
    """``_TRAILING_MARK.search(text)``, made only where it can match: the pattern starts with a lookbehind,
    so a search tries it at every character, and a text ends in ``*`` (or ``*`` and a newline) to match."""
    return _TRAILING_MARK.search(text) if "*" in text[-2:] else None


def _strip_footnote(text: str) -> tuple[str, str]:
    m = _trailing_mark(text)
    if m:
        return text[: m.start()].rstrip(), m.group(1)
    return text, ""


_CODES_HEADER = re.compile(r"^(?:HCPCS|CPT|ICD-10(?:-CM|-PCS)?)®?\s+Codes?\s+Descriptions?$", re.I)


def block_lines(block: Block) -> list[str]:
    """A block as lines of text: a paragraph's text, a list's items (``- item``), a table's header and
    rows (cells joined by `` | ``) — what a section without lists or tables keeps of one."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"- {item.line}" for item in block.items]
    rows = [block.header, *(tuple(" ".join(cell) for cell in r.cells) for r in block.rows)]
    return [" | ".join(c for c in row if c) for row in rows if any(row)]


# an abbreviation key's entry, ``RA: rheumatoid arthritis``: a short token with two capitals or more (``AD``,
# ``G-CSF``, ``HbA1c``, ``IL-5``) and a colon
_KEY_ENTRY = re.compile(r"(?:^|(?<=\s))(?P<abbr>(?=(?:[^\sA-Z:]*[A-Z]){2})[A-Za-z0-9][A-Za-z0-9/&.+-]{0,14}):\s+")


def _key_pairs(text: str) -> list[tuple[str, str]]:
    """The entries of an abbreviation key a copy wrote as one paragraph (its lines joined: ``AD: atopic
    dermatitis DMARD: disease-modifying antirheumatic drug …``), where it opens with one; else none."""
    found = list(_KEY_ENTRY.finditer(text))
    if not found or found[0].start() != 0:
        return []
    out = []
    for m, after in zip(found, [*found[1:], None], strict=True):
        meaning = text[m.end() : after.start() if after else len(text)].strip(" ;,")
        if not meaning:
            return []  # (``AD: BMI: …``: no key this reader can tell apart)
        out.append((m.group("abbr"), meaning))
    return out


class PolicyTransformer:
    """Callbacks named after the rules of ``policy.lark`` (an embedded lark transformer: lark and
    :mod:`~policyvc.parser.lalr_driver` call the method named after each rule they reduce)."""

    def __init__(self) -> None:
        self.norm = Normalized("", ())
        self.source_name = "<text>"
        self.raw_lines: list[str] = []
        self.diagnostics: list[Diagnostic] = []  # warnings about what was read, reset by each parse
        self.headings: list[Heading] = []  # the headings as written, in document order, reset by each parse

    def __default__(self, data: str, children: list[Any], meta: Any) -> Any:
        """A rule without a method: a lark ``Tree``, as lark's ``Transformer`` makes (no rule of the grammar
        needs it today)."""
        from lark import Tree

        return Tree(data, children, meta)

    # --- positions -----------------------------------------------------------
    def _span(self, first: Token, last: Token | None = None) -> Span:
        line, col = self.norm.source_position(first.line or 0, first.column or 0)
        end = last or first
        end_line, end_col = self.norm.source_position(end.end_line or 0, end.end_column or 0)
        return Span(line, col, end_line, end_col)

    def _error(self, message: str, tok: Token) -> PolicyError:
        line, col = self.norm.source_position(tok.line or 0, tok.column or 0)
        return PolicyError(message, source=self.source_name, line=line, column=col)

    def _raw(self, span: Span) -> str:
        """The exact source text of a span's lines, as written in the file."""
        lines = self.raw_lines[span.line - 1 : max(span.end_line, span.line)]
        return "\n".join(line.strip() for line in lines)

    @staticmethod
    def _tokens(children: list[Any]) -> list[Token]:
        return [c for c in children if isinstance(c, Token)]

    @staticmethod
    def _join(tokens: list[Token]) -> str:
        return " ".join(t.value.strip() for t in tokens if t.type in ("TEXT", "PARA"))

    # --- header --------------------------------------------------------------
    def title(self, c: list[Token]) -> tuple[str, Token]:
        text = self._join(c)
        if not text:
            self._warn("the title names no drug (`Clinical Policy: <drug>`)", c[0])
        return text, c[0]

    def reference_number(self, c: list[Token]) -> tuple[str, Token]:
        return self._join(c), c[0]

    def _numbered(self, tok: Token, numeral: str) -> None:
        """Say so when a section's heading numbers it otherwise than the family does (``V. Product Availability``
        in an edition without section V's dosing): it is read by its title, its id the family's numeral, so that
        every output, and a diff against an edition that has every section, names it as the family does."""
        written, _, title = tok.value.partition(".")
        written = written.strip()
        if written != numeral:
            title = title.strip().rstrip(":").strip()
            self._warn(
                f"section `{written}. {title}` is numbered {written} where the family numbers it {numeral}: "
                f"read by its title, as section {numeral}",
                tok,
            )

    def _heading(self, part: str, tok: Token, text: str = "") -> None:
        """Keep the heading of ``part`` as the document writes it (its numeral and words)."""
        written = " ".join((text or tok.value).split())
        if written:
            self.headings.append(Heading(part, written, self._span(tok)))

    def _warn(self, message: str, tok: Token) -> None:
        line, _ = self.norm.source_position(tok.line or 0, tok.column or 0)
        self.diagnostics.append(Diagnostic("warning", message, line=line))

    def effective_date(self, c: list[Token]) -> tuple[str, dt.date | None]:
        text = self._join(c)
        if not text:  # "Effective Date:" with nothing after it
            self._warn("the effective date is empty", c[0])
            return "effective", None
        value = parse_full_date(text)
        if value is None and (month := parse_month(text)) is not None:
            # a two-part date (``01/17``) is month/year in this family; the day is not known
            value = dt.date(month.year, month.month, 1)
            self._warn(f"read the effective date `{text}` as month/year: {value:%B %Y} (day taken as the 1st)", c[0])
        if value is None:
            raise self._error(f"expected the effective date as MM.DD.YY, found `{text}`", c[1])
        return "effective", value

    def review_date(self, c: list[Token]) -> tuple[str, YearMonth | dt.date | None]:
        text = self._join(c)
        if not text:  # "Last Review Date:" with nothing after it (copied from a viewer)
            return "review", None
        value = parse_month(text) or parse_full_date(text)
        if value is None:
            raise self._error(f"expected the last review date as MM.YY or MM.DD.YY, found `{text}`", c[1])
        return "review", value

    def line_of_business(self, c: list[Token]) -> tuple[str, tuple[str, ...]]:
        text = self._join(c)
        return "lob", tuple(p.strip() for p in re.split(r",|\band\b", text) if p.strip())

    def header_extra(self, c: list[Token]) -> str:
        return " ".join(t.value for t in c)

    def header(self, c: list[Any]) -> Header:
        (title, title_tok), (ref, _) = c[0], c[1]
        fields: dict[str, Any] = {}
        extras: list[str] = []
        for item in c[2:]:
            if isinstance(item, tuple):
                fields[item[0]] = item[1]
            else:
                extras.append(item)
        generic, _, rest = title.partition(" (")
        brands = tuple(b.strip() for b in re.findall(r"\(([^)]*)\)", title) for b in b.split(",") if b.strip())
        if not rest:
            generic, brands = title, ()
        return Header(
            title=title,
            generic_name=generic.strip(),
            brand_names=brands,
            reference_number=ref,
            effective_date=fields.get("effective"),
            last_review=fields.get("review"),
            lines_of_business=fields.get("lob", ()),
            extras=tuple(extras),
            span=self._span(title_tok),
        )

    # --- prose blocks ----------------------------------------------------------
    def paragraph(self, c: list[Token]) -> Paragraph:
        return Paragraph(self._join(c), self._span(c[0], c[-1]))

    def bullet(self, c: list[Token]) -> Bullet:
        # (its id is the walk's, given when the parse ends: ``walk.with_bullet_ids``)
        return Bullet("", "", MarkerKind.BULLET, self._join(c[1:]), (), self._span(c[0], c[-1]))

    def bullets(self, c: list[Bullet]) -> Bullets:
        first, last = c[0].span, c[-1].span
        return Bullets(tuple(c), Span(first.line, first.column, last.end_line, last.end_column))

    def row(self, c: list[Token]) -> tuple[list[str], Span]:
        tok = c[0]
        return [cell.strip() for cell in tok.value.split("\t")], self._span(tok)

    def table(self, c: list[tuple[list[str], Span]]) -> _RawTable:
        return _RawTable(list(c), c[0][1])

    def _blocks(self, children: list[Any], key_col: int = 0) -> tuple[Block, ...]:
        out: list[Block] = []
        for ch in children:
            if isinstance(ch, _RawTable):
                out.append(self._table(ch, key_col))
            elif isinstance(ch, (Paragraph, Bullets)):
                out.append(ch)
        return tuple(out)

    def _table(self, raw: _RawTable, key_col: int = 0) -> Table:
        header = raw.rows[0][0]
        rows: list[tuple[list[list[str]], Span]] = []
        for cells, span in raw.rows[1:]:
            if cells == header or not any(cells):
                continue  # header repeated after a page break, or an empty line
            cells = cells + [""] * (len(header) - len(cells))
            key = cells[key_col] if key_col < len(cells) else ""
            if not key and rows:  # the rest of a row split by a page break
                continue_row(rows[-1][0], cells)
                continue
            rows.append(([[x] if x else [] for x in cells], span))
        return Table(
            tuple(header),
            tuple(
                Row(" ".join(cells[key_col]) if key_col < len(cells) else "", tuple(tuple(x) for x in cells), span)
                for cells, span in rows
            ),
            raw.span,
        )

    def _as_paragraphs(self, blocks: tuple[Block, ...], where: str) -> tuple[Paragraph, ...]:
        """A section that holds only paragraphs in the AST: a list or a table written there is kept, one
        paragraph per item (``- item``) or row (cells joined by `` | ``), with a warning — never dropped."""
        out: list[Paragraph] = []
        for b in blocks:
            if isinstance(b, Paragraph):
                out.append(b)
                continue
            kind = "a list" if isinstance(b, Bullets) else "a table"
            self.diagnostics.append(
                Diagnostic(
                    "warning",
                    f"{kind} under {where} is kept as paragraphs (this section has no {kind[2:]}s)",
                    line=b.span.line,
                )
            )
            out.extend(Paragraph(text, b.span) for text in block_lines(b))
        return tuple(out)

    def description(self, c: list[Any]) -> _Part:
        self._heading("description", c[0])
        return _Part("description", self._description(c))

    def _description(self, c: list[Any]) -> tuple[Paragraph, ...]:
        return self._as_paragraphs(self._blocks(c[1:]), "`Description`")

    def indications(self, c: list[Any]) -> _Part:
        self._heading("indications", c[0])
        return _Part("indications", self._indications(c))

    def _indications(self, c: list[Any]) -> tuple[tuple[Paragraph, ...], tuple[str, ...], tuple[Paragraph, ...]]:
        """The paragraphs before the list, its items, and the paragraphs after it (a limitation of use)."""
        blocks = self._blocks(c[1:])
        first = next((k for k, b in enumerate(blocks) if isinstance(b, Bullets)), len(blocks))
        where = "`FDA Approved Indication(s)`"
        before = self._as_paragraphs(blocks[:first], where)
        after = self._as_paragraphs(tuple(b for b in blocks[first:] if not isinstance(b, Bullets)), where)
        items = tuple(i.line for b in blocks if isinstance(b, Bullets) for i in b.items)
        return before, items, after

    def criteria_intro(self, c: list[Any]) -> _Part:
        self._heading("criteria", c[0])
        return _Part("criteria_intro", self._criteria_intro(c))

    def _criteria_intro(self, c: list[Any]) -> tuple[Paragraph, ...]:
        return self._as_paragraphs(self._blocks(c[1:]), "`Policy/Criteria`")

    # --- criteria ----------------------------------------------------------------
    def note(self, c: list[Token]) -> _RawNote:
        text = " ".join([c[0].value[1:].strip(), *(t.value.strip() for t in c[1:])]).strip()
        return _RawNote(text, self._span(c[0], c[-1]))

    def children(self, c: list[Any]) -> list[_RawItem]:
        kind = MarkerKind(c[0].value)
        items = [x for x in c[1:] if isinstance(x, _RawItem)]
        for it in items:
            it.kind = kind
        return items

    def item(self, c: list[Any]) -> _RawItem:
        toks = self._tokens(c)
        mark = toks[0]
        text_toks = [t for t in toks[1:] if t.type in ("TEXT", "PARA")]
        span = self._span(mark, text_toks[-1] if text_toks else mark)
        raw = _RawItem(
            marker=split_marker(mark.value)[0],
            text=self._join(text_toks),
            source=self._raw(span),
            span=span,
        )
        for x in c:
            if isinstance(x, _RawNote):
                raw.notes.append(x)
            elif isinstance(x, list):
                raw.children = x
                for ch in x:
                    ch.parent = raw
            elif isinstance(x, tuple):
                # the connective after an alternative's duration (`…12 months; or` / `2. …`) is its set's
                raw.durations = tuple(
                    self._duration(d.lines_of_business, _DURATION_CONNECTIVE.sub("", d.text), d.span) for d in x[0]
                )
        return raw

    def duration(self, c: list[Token]) -> ApprovalDuration:
        text = " ".join(t.value.strip() for t in c)
        m = _DURATION.match(text)
        if not m:
            raise self._error("expected an approval duration like `Medicaid/HIM – 6 months`", c[0])
        return self._duration(_split_lobs(m.group("lobs")), m.group("rest"), self._span(c[0], c[-1]))

    def _duration(self, lobs: tuple[str, ...], rest: str, span: Span) -> ApprovalDuration:
        rest = rest.strip()
        amount = unit = alternative = rule = None
        if m := _AMOUNT.match(rest):
            amount, unit = int(m.group("n")), m.group("unit").lower()
        if m := _ALTERNATIVE.search(rest):
            alternative, rule = m.group("alt").strip(), m.group("rule").lower()
        return ApprovalDuration(lobs, amount, unit, alternative, rule, rest, span)

    def approval(self, c: list[Any]) -> tuple[tuple[ApprovalDuration, ...], bool, str]:
        heading = bool(c) and isinstance(c[0], Token) and c[0].type == "APPROVAL_KW"
        # (``B. Approval duration:``: a copy that letters the duration with its sets; the letter kept apart)
        letter = m.group(1) if heading and (m := _LETTERED_APPROVAL.match(c[0].value)) else ""
        # one part per ``Approval duration:`` line (a set may carry one under each of its alternatives)
        parts: list[list[Any]] = []
        for x in c:
            if not parts or (isinstance(x, Token) and x.type == "APPROVAL_KW"):
                parts.append([])
            parts[-1].append(x)
        durations: list[ApprovalDuration] = []
        for part in parts:
            own = [x for x in part if isinstance(x, ApprovalDuration)]
            toks = self._tokens(part)
            if toks and toks[0].type == "APPROVAL_KW":
                inline = [t for t in toks[1:] if t.type in ("TEXT", "PARA")]
                if inline:  # "Approval duration: 12 months" (or "…: Medicaid – 6 months") on one line
                    text, span = self._join(inline), self._span(toks[0], inline[-1])
                    m = _DURATION.match(text) if _LOB_START.match(text) else None
                    lobs = _split_lobs(m.group("lobs")) if m else ()
                    own.insert(0, self._duration(lobs, m.group("rest") if m else text, span))
                elif not own:
                    raise self._error("expected the approval duration after `Approval duration:`", toks[0])
            durations += own
        return tuple(durations), heading, letter

    def criteria_set(self, c: list[Any]) -> _RawSet:
        toks = self._tokens(c)
        mark = toks[0]
        head = self._join([t for t in toks[1:] if t.type in ("TEXT", "PARA")])
        notes = [x for x in c if isinstance(x, _RawNote)]
        items: list[_RawItem] = next((x for x in c if isinstance(x, list)), [])
        durations: tuple[ApprovalDuration, ...] = ()
        heading, letter = False, ""
        for x in c:
            if isinstance(x, tuple):
                durations, heading, letter = x
        # the AST keeps durations on the set only: an alternative's own is kept there, in reading order, with a
        # warning that it was written under one criterion (never dropped)
        own = [(item, d) for item in _items_in_order(items) for d in item.durations]
        for item, d in own:
            self.diagnostics.append(
                Diagnostic(
                    "warning",
                    f"the approval duration `{d.text}` written under criterion `{item.marker}.` of set "
                    f"`{mark.value[0]}.` is kept as the set's",
                    line=d.span.line,
                )
            )
        if own:
            durations, heading = (*(d for _, d in own), *durations), True
        return _RawSet(mark.value[0], head, self._span(mark), notes, items, durations, heading, letter)

    def lead_in(self, c: list[Token]) -> _RawNote:
        """A sentence under a criteria section's heading, before its first set."""
        return _RawNote(self._join(c), self._span(c[0], c[-1]))

    def _section(self, c: list[Any], numeral: str) -> CriteriaSection:
        head: Token = c[0]
        title = head.value.split(".", 1)[1].strip().rstrip(":").strip()
        self._heading(numeral, head)
        raws = [x for x in c[1:] if isinstance(x, _RawSet)]
        leads = [x for x in c[1:] if isinstance(x, _RawNote)]
        paragraphs: tuple[Paragraph, ...] = ()
        if leads and not raws:
            # a section of prose where the family writes its lettered sets (``III. … NOT authorized:`` and the
            # sentence ``Non-FDA approved indications, …`` without its ``A.``): the section's own text, no set
            paragraphs = tuple(Paragraph(x.text, x.span) for x in leads)
            self.diagnostics.append(
                Diagnostic(
                    "note",
                    f"no criteria set under `{numeral}. {title}`: what is written there is kept as its text",
                    line=leads[0].span.line,
                )
            )
        elif leads:
            # the sentence leads into the first set, so it is kept as that set's first note (the canonical text
            # writes it under the set's line)
            lead = leads[0]
            if len(leads) > 1:
                raise PolicyError(
                    f"expected a criteria set after the sentence under `{numeral}.`",
                    source=self.source_name,
                    line=leads[1].span.line,
                    column=leads[1].span.column,
                )
            raws[0].notes.insert(0, lead)
            self.diagnostics.append(
                Diagnostic(
                    "warning",
                    f"the sentence under `{numeral}. {title}` is kept as a note of set `{raws[0].letter}.`",
                    line=lead.span.line,
                )
            )
        sets: list[CriteriaSet] = []
        expected = ord("A")
        for raw in raws:
            if ord(raw.letter) == expected + 1 and sets and sets[-1].duration_letter == chr(expected):
                expected += 1  # (the set before lettered its ``Approval duration:`` with this letter)
            if ord(raw.letter) != expected:
                line, col = raw.span.line, raw.span.column
                raise PolicyError(
                    f"criteria set `{raw.letter}.` is out of sequence: expected `{chr(expected)}.`",
                    source=self.source_name,
                    line=line,
                    column=col,
                )
            expected += 1
            sets.append(self._build_set(raw, numeral))
            if raw.duration_letter:
                self.diagnostics.append(
                    Diagnostic(
                        "note",
                        f"`{raw.duration_letter}. Approval duration:` letters set `{raw.letter}.`'s approval "
                        f"duration with the sets: kept as that set's duration, the next set's letter after it",
                        line=raw.durations[0].span.line if raw.durations else raw.span.line,
                    )
                )
        return CriteriaSection(numeral, title, tuple(sets), self._span(head), paragraphs)

    def section_i(self, c: list[Any]) -> CriteriaSection:
        return self._section(c, "I")

    def section_ii(self, c: list[Any]) -> CriteriaSection:
        self._numbered(c[0], "II")
        return self._section(c, "II")

    def section_iii(self, c: list[Any]) -> CriteriaSection:
        self._numbered(c[0], "III")
        return self._section(c, "III")

    def _build_set(self, raw: _RawSet, numeral: str) -> CriteriaSet:
        set_id = f"{numeral}.{raw.letter}"
        # the title, then "(off-label)" and "(must meet …)" in either order, then ":"
        title, off_label, rule = raw.head.rstrip().removesuffix(":").rstrip(), False, None
        while m := _SET_HEAD_TAIL.search(title):
            tail = m.group("tail")
            if tail.lower().startswith("(must meet") and rule is None:
                meet = read_meet_rule(tail)
                if meet:
                    rule = MeetRule(meet[0], meet[1], meet[2])
            elif tail.lower().startswith("(off") and not off_label:
                off_label = True
            else:
                break
            title = title[: m.start()].rstrip()
        title = title or raw.head
        _assign_ids(raw.items, set_id)
        _attach_notes(raw.items)
        return CriteriaSet(
            id=set_id,
            letter=raw.letter,
            title=title,
            off_label=off_label,
            rule=rule,
            notes=tuple(Note(n.text, set_id, k, n.span) for k, n in enumerate(raw.notes)),
            criteria=tuple(_build_criterion(it, False, False) for it in raw.items),
            durations=raw.durations,
            duration_heading=raw.duration_heading,
            span=raw.span,
            duration_letter=raw.duration_letter,
        )

    # --- appendices and back matter -------------------------------------------------
    def appendix(self, c: list[Any]) -> Appendix:
        head: Token = c[0]
        m = re.match(r"Appendix\s+([A-Z]):\s*(.*)", head.value)
        letter, title = (m.group(1), m.group(2).strip()) if m else ("?", head.value)
        blocks = self._blocks(c[1:])
        abbreviations: tuple[tuple[str, str], ...] = ()
        alternatives: tuple[Alternative, ...] = ()
        states: tuple[StateRule, ...] = ()
        tables = [b for b in blocks if isinstance(b, Table)]
        if "abbreviation" in title.lower() or "acronym" in title.lower():
            pairs = []
            for b in blocks:
                if isinstance(b, Bullets):
                    for item in b.items:
                        abbr, sep, meaning = item.line.partition(":")
                        if sep:
                            pairs.append((abbr.strip(), meaning.strip()))
                elif isinstance(b, Paragraph):
                    pairs.extend(_key_pairs(b.text))
            abbreviations = tuple(pairs)
        for t in tables:
            first = t.header[0].lower() if t.header else ""
            if first.startswith("drug"):
                alternatives += tuple(self._alternative(r) for r in t.rows)
            elif first.startswith("state") and self._step_therapy_table(t):
                states += tuple(self._state(r) for r in t.rows)
            # any other table (a state's market requirements, …) stays a plain table of the appendix
        return Appendix(f"IV.{letter}", letter, title, blocks, abbreviations, alternatives, states, self._span(head))

    @staticmethod
    def _cell(row: Row, j: int) -> Cell:
        return row.cells[j] if j < len(row.cells) else ()

    def _alternative(self, row: Row) -> Alternative:
        return Alternative(" ".join(self._cell(row, 0)), self._cell(row, 1), self._cell(row, 2), row.span)

    def _step_therapy_table(self, table: Table) -> bool:
        """A state table is the step-therapy one when its second column says so or holds only Yes/No."""
        second = table.header[1].lower() if len(table.header) > 1 else ""
        if "step" in second or "redirection" in second:
            return True
        flags = [" ".join(self._cell(r, 1)) for r in table.rows]
        return bool(flags) and all(_STATE_YES.match(f) for f in flags)

    def _state(self, row: Row) -> StateRule:
        flag = " ".join(self._cell(row, 1))
        m = _STATE_YES.match(flag)
        if not m:
            where = f"for state {row.key}" if row.key else "of a row without a state"
            found = f"`{flag}`" if flag else "an empty cell"  # never a message naming nothing
            raise PolicyError(
                f"expected `Yes` or `No` in the step-therapy column {where}, found {found}",
                source=self.source_name,
                line=row.span.line,
            )
        return StateRule(
            row.key, m.group("yn").lower() == "yes", m.group("mark"), " ".join(self._cell(row, 2)), row.span
        )

    def appendices(self, c: list[Any]) -> _Part:
        """Section IV's heading and its text; :meth:`back_matter` gathers the appendices after it."""
        self._numbered(c[0], "IV")
        self._heading("IV", c[0])
        return _Part("appendices", (self._blocks(c[1:]), ()), c[0])

    def dosage(self, c: list[Any]) -> _Part:
        self._numbered(c[0], "V")
        self._heading("V", c[0])
        return _Part("dosage", self._dosage(c), c[0])

    def _dosage(self, c: list[Any]) -> tuple[tuple[Block, ...], tuple[DosingRow, ...]]:
        blocks = self._blocks(c[1:])
        rows = tuple(
            DosingRow(r.key, self._cell(r, 1), self._cell(r, 2), r.span)
            for b in blocks
            if isinstance(b, Table)
            for r in b.rows
        )
        return blocks, rows

    def availability(self, c: list[Any]) -> _Part:
        self._numbered(c[0], "VI")
        self._heading("VI", c[0])
        return _Part("availability", self._availability(c), c[0])

    def _availability(self, c: list[Any]) -> tuple[Product, ...]:
        out: list[Product] = []
        for b in self._blocks(c[1:]):
            lines = [(b.text, b.span)] if isinstance(b, Paragraph) else []
            if isinstance(b, Bullets):
                lines = [(item.line, item.span) for item in b.items]
            elif isinstance(b, Table):  # (a table of products: a line per row, said so)
                self.diagnostics.append(
                    Diagnostic(
                        "warning", "a table under `Product Availability` is kept as a line per row", line=b.span.line
                    )
                )
                lines = [(text, b.span) for text in block_lines(b)]
            for text, span in lines:
                form, sep, detail = text.partition(": ")
                out.append(Product(form.strip(), detail.strip(), span) if sep else Product(None, text, span))
        return tuple(out)

    def reference(self, c: list[Token]) -> Reference:
        label = split_marker(c[0].value)[0]
        return Reference(int(label) if label.isdigit() else 0, self._join(c[1:]), self._span(c[0], c[-1]))

    def references(self, c: list[Any]) -> _Part:
        self._numbered(c[0], "VII")
        self._heading("VII", c[0])
        return _Part("references", self._references(c), c[0])

    def _references(self, c: list[Any]) -> tuple[Reference, ...]:
        numbered = tuple(x for x in c if isinstance(x, Reference))
        blocks = self._blocks(c[1:])
        if not numbered and blocks and all(isinstance(b, Paragraph | Bullets) for b in blocks):
            # a copy that lost the list's numbers (a Word paragraph per citation, a web page's): each line is a
            # reference, numbered by its place, and said so — never dropped
            lines = [(text, b.span) for b in blocks for text in block_lines(b)]
            self.diagnostics.append(
                Diagnostic(
                    "warning",
                    f"the {len(lines)} reference(s) under `References` are not numbered: numbered by their place",
                    line=lines[0][1].line,
                )
            )
            return tuple(Reference(k, text, span) for k, (text, span) in enumerate(lines, 1))
        for b in blocks:  # (text that is no numbered reference: no place in the AST, said with it)
            for text in block_lines(b):
                self.diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"unnumbered text under `References` not kept as a reference: {text}",
                        line=b.span.line,
                    )
                )
        return numbered

    def coding(self, c: list[Any]) -> _Part:
        self._heading("coding", c[0])
        return _Part("coding", self._coding(c))

    def _coding(self, c: list[Any]) -> tuple[tuple[Paragraph, ...], tuple[HcpcsCode, ...]]:
        blocks = self._blocks(c[1:])
        paras = self._as_paragraphs(tuple(b for b in blocks if not isinstance(b, Table)), "`Coding Implications`")
        codes = []
        for b in blocks:
            if not isinstance(b, Table):
                continue
            if not b.rows and not _CODES_HEADER.match(" ".join(b.header)):
                # (a header with no row under it that names no codes' columns — a print that set a one-row table's
                # header and row on one line, ``HCPCS Codes J3590 | Description Unclassified biologics``: its text
                # kept as a paragraph, never dropped with the rows it has none of)
                paras = (*paras, *self._as_paragraphs((b,), "`Coding Implications`"))
                continue
            if not _CODES_HEADER.match(" ".join(b.header)):  # (a header the AST has no place for: said)
                self.diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"coding table `{' | '.join(b.header)}` read as codes and descriptions",
                        line=b.span.line,
                    )
                )
            for r in b.rows:
                extra = [" ".join(cell) for cell in r.cells[2:] if cell]
                if extra:  # (a third column: kept in the description, said so)
                    self.diagnostics.append(
                        Diagnostic(
                            "warning",
                            f"coding row `{r.key}` has more than two columns: the rest is kept in its description",
                            line=r.span.line,
                        )
                    )
                codes.append(HcpcsCode(r.key, " ".join([" ".join(self._cell(r, 1)), *extra]), r.span))
        return paras, tuple(codes)

    def revision_log(self, c: list[Any]) -> _Part:
        # (its heading: the log's name alone on a line where written, else the first cell of its header)
        title = next((x for x in c if isinstance(x, Token) and x.type == "REVLOG_TITLE"), None)
        head = title or next(x for x in c if isinstance(x, Token) and x.type == "REVLOG_HEADER")
        self._heading("log", head, head.value.split("\t", 1)[0])
        return _Part("revision_log", self._revision_log(c))

    def _revision_log(self, c: list[Any]) -> tuple[RevisionEntry, ...]:
        # (the log's name alone on a line, above its header or apart from it after the rows, names that header)
        c = [x for x in c if not (isinstance(x, Token) and x.type == "REVLOG_TITLE")]
        head: Token = c[0]
        header = [h.strip() for h in head.value.split("\t")]
        rows = [x for x in c if isinstance(x, tuple)]
        self._refuse_dateless_rows(c)
        table = self._table(_RawTable([(header, self._span(head)), *rows], self._span(head)), key_col=1)
        entries = []
        for r in table.rows:
            date_text = " ".join(self._cell(r, 1))
            date = parse_full_date(date_text)
            if date is None and (month := parse_month(date_text)) is not None:
                date = dt.date(month.year, month.month, 1)
                self.diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"read the revision date `{date_text}` as month/year: {date:%B %Y} (day taken as the 1st)",
                        line=r.span.line,
                    )
                )
            if date is None:
                raise PolicyError(
                    f"expected a revision date as MM.DD.YY (a real calendar day), found `{date_text}`",
                    source=self.source_name,
                    line=r.span.line,
                )
            pt_text = " ".join(self._cell(r, 2))
            pt = parse_month(pt_text) if pt_text else None
            if pt_text and pt is None:
                raise PolicyError(
                    f"expected the P&T approval date as MM.YY, found `{pt_text}`",
                    source=self.source_name,
                    line=r.span.line,
                )
            extra = [" ".join(cell) for cell in r.cells[3:] if cell]
            if extra:  # (a column the log does not have: kept in the description, said so)
                self.diagnostics.append(
                    Diagnostic(
                        "warning",
                        "revision-log row has more than three columns: the rest is kept in its description",
                        line=r.span.line,
                    )
                )
            entries.append(RevisionEntry(" ".join([" ".join(self._cell(r, 0)), *extra]), date, pt, r.span))
        return tuple(entries)

    def _refuse_dateless_rows(self, c: list[Any]) -> None:
        """A new revision-log row without a date is an input error naming it.

        A row with an empty date cell is the rest of the row above only when it reads as one: it comes right
        after the table's header repeated by a page break, starts in lower case, or the row above stops
        mid-sentence.  Otherwise (a full sentence after a full sentence) it is a new entry whose date was
        left out, which would be glued to the entry above and filed under that entry's date.
        """
        previous: str | None = None
        after_header = False
        for item in c[1:]:
            if not isinstance(item, tuple):
                after_header = True  # the header repeated after a page break
                continue
            cells, span = item
            text = cells[0] if cells else ""
            date_text = cells[1] if len(cells) > 1 else ""
            starts_entry = text[:1].isupper() or text[:1].isdigit()
            after_sentence = previous is not None and previous.rstrip().endswith((".", "!", "?"))
            if not date_text and starts_entry and after_sentence and not after_header:
                shown = text if len(text) <= 60 else text[:57] + "…"
                raise PolicyError(
                    f"revision-log row {shown!r} has no date: give it its date (MM.DD.YY) in the Date "
                    "column — a row without one would be read as the end of the row above",
                    source=self.source_name,
                    line=span.line,
                )
            if text:
                previous = text
            after_header = False

    def reminder(self, c: list[Any]) -> _Part:
        self._heading("reminder", c[0])
        return _Part("reminder", self._reminder(c))

    def _reminder(self, c: list[Any]) -> tuple[Paragraph, ...]:
        return self._as_paragraphs(self._blocks(c[1:]), "`Important Reminder`")

    # --- a plan's own section ------------------------------------------------------
    def plan_section(self, c: list[Any]) -> Section:
        """A roman-numbered section the family does not know, after the criteria sections: a plain section."""
        head: Token = c[0]
        numeral, _, words = head.value.strip().partition(".")
        title = " ".join(words.split())
        span = self._span(head)
        self._heading(slug(title), head)
        self.diagnostics.append(
            Diagnostic(
                "note",
                f"section `{numeral}. {title}` is not a section the centene-pharmacy template knows: read as a "
                "section of its own (its text as written; it grants nothing)",
                line=span.line,
            )
        )
        return Section(slug(title), title, numeral, self._blocks(c[1:]), span)

    # --- the back matter: its parts in the family's order ---------------------------------------------------
    def back_matter(self, c: list[Any]) -> _BackMatter:
        """Section III and the back matter's parts, as the grammar read them in any order: the appendices gathered
        under section IV's heading (or, without it, from the first), and each part checked to stand in the
        family's order, once — a part out of its place is an error naming its line and what was expected there,
        as the grammar's own error was when it wrote the order out (a grammar whose tables took minutes to build)."""
        out: list[Any] = []
        rank = -1  # the place in _BACK_ORDER of the last part read
        where: Span | None  # (the line of the part's heading, or of its first appendix)
        for x in c:
            if isinstance(x, CriteriaSection | Section):  # section III (first, by the grammar) or a plan's own
                out.append(x)
                continue
            if isinstance(x, Appendix):
                last = out[-1] if out else None
                if isinstance(last, _Part) and last.name == "appendices":  # (the run under section IV)
                    intro, appendices = last.value
                    out[-1] = _Part("appendices", (intro, (*appendices, x)), last.head)
                    continue
                part, where = _Part("appendices", ((), (x,))), x.span  # (no heading: the appendices open here)
            else:
                part = x
                where = self._span(x.head) if x.head is not None else None
            place = next(k for k, (name, _) in enumerate(_BACK_ORDER) if name == part.name)
            if place <= rank and where is not None:
                raise self._out_of_order(where, rank)
            rank = place
            out.append(part)
        return _BackMatter(tuple(out))

    def _out_of_order(self, where: Span, rank: int) -> PolicyError:
        """The error for a back matter's part at ``where`` after the part at ``rank`` of :data:`_BACK_ORDER`."""
        from policyvc.parser import describe_expected

        expected = describe_expected({*(head for _, head in _BACK_ORDER[rank + 1 :]), "CODING_HEAD", "REVLOG_HEADER"})
        lines = self.raw_lines
        written = " ".join(lines[where.line - 1].split()) if 0 < where.line <= len(lines) else ""
        return PolicyError(
            f"expected {expected}, found `{written[:60]}`: the back matter's parts stand in the centene-pharmacy "
            "template's order (IV. Appendices, V. Dosage and Administration, VI. Product Availability, VII. "
            "References), each once",
            source=self.source_name,
            line=where.line,
            column=where.column,
        )

    # --- the document ------------------------------------------------------------
    def start(self, c: list[Any]) -> Policy:
        c = [y for x in c for y in (x.parts if isinstance(x, _BackMatter) else (x,))]  # (in the document's order)
        parts: dict[str, Any] = {x.name: x.value for x in c if isinstance(x, _Part)}
        parts["header"] = c[0]
        sections = tuple(x for x in c if isinstance(x, CriteriaSection))
        ind_intro, ind_items, ind_after = parts.get("indications", ((), (), ()))
        appendices_intro, appendices = parts.get("appendices", ((), ()))
        dosing_blocks, dosing = parts.get("dosage", ((), ()))
        coding_intro, hcpcs = parts.get("coding", ((), ()))
        plan: list[PlanSection] = []
        after = ""
        for x in c:  # (each plan's own section after the part or criteria section it followed)
            if isinstance(x, CriteriaSection):
                after = x.id
            elif isinstance(x, _Part) and x.name in _BACK_PARTS:
                after = _BACK_PARTS[x.name]
            elif isinstance(x, Section):
                plan.append(PlanSection(after, x))
        headings, self.headings = tuple(self.headings), []
        return Policy(
            header=parts["header"],
            description=parts.get("description", ()),
            indications_intro=ind_intro,
            indications=ind_items,
            criteria_intro=parts.get("criteria_intro", ()),
            sections=sections,
            appendices_intro=appendices_intro,
            appendices=appendices,
            dosing=dosing,
            dosing_blocks=dosing_blocks,
            availability=parts.get("availability", ()),
            references=parts.get("references", ()),
            coding_intro=coding_intro,
            hcpcs=hcpcs,
            revision_log=parts.get("revision_log", ()),
            reminder=parts.get("reminder", ()),
            indications_after=ind_after,
            source_name=self.source_name,
            plan_sections=tuple(plan),
            headings=headings,
        )


def _attach_notes(items: list[_RawItem]) -> None:
    """Give every note written after a criterion to the criterion it qualifies.

    (Notes written right under a set's heading, before its first criterion,
    belong to the set; the grammar puts them there.)

    Walking the set in document order, a note goes to
    1. the nearest criterion on the path from the one above it up to the set
       whose text ends in an unclaimed footnote mark (``(a or b):*``);
    2. else, when criteria since the last note carry inline marks
       (``Danyelza®*``), their lowest common ancestor — if the note sits under it;
    3. else the criterion right above it.
    """
    claimed: set[int] = set()
    pending: list[_RawItem] = []
    order: list[_RawItem] = []
    stack = list(reversed(items))
    while stack:
        it = stack.pop()
        order.append(it)
        stack.extend(reversed(it.children))
    for it in order:
        if "*" in it.text and _INLINE_MARK.search(it.text):  # (a scan of every character: most have no star)
            pending.append(it)
        for index, note in enumerate(it.notes):
            chain = _ancestry(it)
            target = next((n for n in chain if _trailing_mark(n.text) and id(n) not in claimed), None)
            if target is not None:
                claimed.add(id(target))
            elif pending:
                common = _common_ancestor(pending)
                # only a list the note sits under: not starred drugs of an earlier list
                if any(common is n for n in chain):
                    target = common
                pending = []
            (target or it).attached.append(Note(note.text, it.id, index, note.span))


def _assign_ids(items: list[_RawItem], parent_id: str) -> None:
    for it in items:
        it.id = f"{parent_id}.{it.marker}"
        _assign_ids(it.children, it.id)


def _ancestry(node: _RawItem) -> list[_RawItem]:
    """``node`` and its ancestors, nearest first."""
    out = []
    walk: _RawItem | None = node
    while walk is not None:
        out.append(walk)
        walk = walk.parent
    return out


def _common_ancestor(items: list[_RawItem]) -> _RawItem | None:
    common: _RawItem | None = None
    for level in zip(*(_ancestry(x)[::-1] for x in items), strict=False):
        if any(x is not level[0] for x in level):
            break
        common = level[0]
    return common


def _build_criterion(raw: _RawItem, in_dose_group: bool, per_cycle: bool) -> Criterion:
    """A criterion node from its raw record (ids assigned, notes attached)."""
    text, footnote = _strip_footnote(raw.text)
    reading = read_connective(text) if raw.children else None
    ctype, fact = classify(text, in_dose_group=in_dose_group, per_cycle=per_cycle)
    dose_group = announces_dose_group(text)
    cycle = per_cycle or announces_per_cycle(text)
    return Criterion(
        id=raw.id,
        marker=raw.marker,
        marker_kind=raw.kind,
        text=text,
        type=ctype,
        fact=fact,
        # a group whose wording names no connective is read as "all" (the family's default)
        connective=(reading.connective or Connective.ALL) if reading else None,
        at_least=reading.at_least if reading else None,
        footnote=footnote,
        notes=tuple(raw.attached),
        children=tuple(_build_criterion(ch, dose_group, cycle) for ch in raw.children),
        span=raw.span,
        source=raw.source,
    )
