"""The nesting pass between lexer and LALR parser (a lark postlexer, like its Indenter).

Text exports and PDFs flatten indentation, so nesting is read from the list
markers themselves.  Levels follow the family's ladder — ``1.`` → ``a.`` →
``i.`` → ``1)`` → ``a)`` → ``i)`` → ``(1)`` → ``(a)`` → ``(i)``, then again —
so a level's numbering is fixed by its depth.  For each marker the pass finds
every reading that is in sequence (continue an open level with the next
ordinal, or open a child level with the first one) and, when more than one fits
(``i.`` after ``h.``: letter i, or roman one under h?), decides by

0. the sibling sequence: the next marker (read ahead) is ``ii.`` → roman, ``j.`` → letter;
1. the labels the parent announces — ``(i or ii)`` names roman children,
   ``(a, b, … i, or j)`` names letters, and ``(a or b)`` rules out a ``c.``;
2. otherwise: open a child level if the current item introduces a list (its
   text ends with ``:``), else continue the deepest level.

It emits ``INDENT`` (value: the new level's numbering) and ``_DEDENT`` tokens,
and it retypes a TEXT line that opens a paragraph as ``PARA``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from policyvc.parser.connective import read_connective
from policyvc.parser.markers import format_marker, readings
from policyvc.parser.markers import split_marker as split_marker  # the grammar's transform reads it here
from policyvc.parser.nodes import MarkerKind
from policyvc.parser.prebuilt import dataclass
from policyvc.parser.tokens import Token

LADDER: tuple[tuple[MarkerKind, str], ...] = tuple(
    (kind, style) for style in (".", ")", "()") for kind in (MarkerKind.NUMBER, MarkerKind.LETTER, MarkerKind.ROMAN)
)
# After these line kinds a text line opens a paragraph rather than continuing.
_PARA_AFTER = frozenset(
    {
        "DESCRIPTION_HEAD", "INDICATIONS_HEAD", "POLICY_HEAD", "INITIAL_HEAD", "CONTINUED_HEAD",
        "NOT_AUTH_HEAD", "APPENDICES_HEAD", "APPENDIX_HEAD", "DOSAGE_HEAD", "AVAILABILITY_HEAD",
        "REFERENCES_HEAD", "CODING_HEAD", "REVLOG_HEADER", "REVLOG_TITLE", "REMINDER_HEAD", "ROW", "TITLE_KW",
        "REFNO_KW", "EFFECTIVE_KW", "REVIEW_KW", "LOB_KW", "APPROVAL_KW", "OTHER_SECTION",
    }
)  # fmt: skip
# Deeper than this is no policy but a hostile or broken file; refusing it here keeps
# the recursive stages after the parser (ids, renderers, JSON) safe.
MAX_DEPTH = 64

# A backslash opening a text line escapes what the line would otherwise start (a marker, a bullet, a
# heading, a note …): the canonical text writes it there (renderer/text.py); the line is text without it.
_ESCAPED = re.compile(r"\\\S")

# The readings of a label, asked two or three times for every marker of every parse: kept for the few
# hundred labels a policy uses (a bounded cache: a hostile file's labels cannot grow it)
_readings = lru_cache(maxsize=1024)(readings)

# A references list lettered ``A.`` ``B.`` … (a copy's own marker style; the family numbers it): its letters are
# read as the numbers they count, never as criteria sets, which no place after `References` holds.
_LETTERED = re.compile(r"([A-Z])([.)])")

# Line kinds that leave the open criteria levels open.
_KEEPS_LEVELS = frozenset({"ITEM_MARK", "TEXT", "PARA", "NOTE"})


class NestingError(Exception):
    """A marker that fits no open level; carries the normalised line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class _Level:
    kind: MarkerKind
    style: str
    last: int
    owner_text: str  # text of the item (or set) that owns this level
    item_text: str  # text of this level's latest item


@dataclass(frozen=True, slots=True)
class _Choice:
    depth: int  # level index the marker lands on
    opens: bool
    kind: MarkerKind
    ordinal: int


def _strip_mark(text: str) -> str:
    return text.rstrip().rstrip("*").rstrip()


class Nesting:
    """The lark postlexer; one instance serves one parse at a time."""

    # (``OTHER_SECTION``, a roman-numbered title no rule takes, is kept so that the lexer makes it and the parse
    # stops there naming it: a section the family does not know is never text of the one above)
    always_accept = ("_NL", "OTHER_SECTION")

    def __init__(self) -> None:
        self.levels: list[_Level] = []
        self.set_text = ""
        self.carried = 0  # the last top-level number of the list before (a print that continues the numbering)

    # lark calls process() once per parse (and parser/lalr_driver.py, with the same tokens)
    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        self.levels = []
        self.set_text = ""
        self.carried = 0
        ahead: list[Token] = []  # tokens read ahead by _next_marker, given out first
        self._ahead = ahead
        self._stream = stream
        line_start = True
        blank_before = False
        prev_kind = ""
        collecting = False  # TEXT tokens extend the current item's text
        in_duration = False  # inside an alternative's own approval duration, the list left open over it
        in_references = False  # after the `References` heading, before the next heading
        last: Token | None = None
        while True:  # (one generator, not one per stage: this runs for every token of every parse)
            if ahead:
                tok = ahead.pop(0)
            else:
                got = next(stream, None)
                if got is None:
                    break
                tok = got
            last = tok
            if tok.type == "_NL":
                blank_before = tok.value.count("\n") > 1
                line_start = True
                yield tok
                continue
            if not line_start:
                if prev_kind == "BULLET" and tok.type == "TEXT" and _ESCAPED.match(tok.value):  # ``- \1. text``
                    tok = type(tok).new_borrow_pos("TEXT", tok.value[1:], tok)
                if collecting and tok.type == "TEXT":
                    self._add_text(tok.value)
                elif prev_kind == "SET_MARK" and tok.type == "TEXT":
                    self.set_text = tok.value
                yield tok
                continue
            line_start = False
            if tok.type == "TEXT" and _ESCAPED.match(tok.value):  # ``\- text``: a line read as the text after ``\``
                tok = type(tok).new_borrow_pos("TEXT", tok.value[1:], tok)
            if tok.type == "ITEM_MARK" and not _readings(split_marker(tok.value)[0].lower()):
                # "vial. Store…" at the start of a wrapped line is a word, not a marker
                rest = ahead.pop(0) if ahead else next(stream)  # a marker is always followed by text on its line
                tok = type(tok)(
                    "TEXT",
                    f"{tok.value} {rest.value}",
                    tok.start_pos,
                    tok.line,
                    tok.column,
                    rest.end_line,
                    rest.end_column,
                    rest.end_pos,
                )
            if tok.type.endswith("_HEAD") or tok.type in ("REVLOG_HEADER", "REVLOG_TITLE", "OTHER_SECTION"):
                in_references = tok.type == "REFERENCES_HEAD"
            elif in_references and tok.type == "SET_MARK" and (m := _LETTERED.fullmatch(tok.value)):
                tok = type(tok).new_borrow_pos("ITEM_MARK", f"{ord(m.group(1)) - ord('A') + 1}{m.group(2)}", tok)
            kind = tok.type
            if kind == "TEXT" and (blank_before or prev_kind in _PARA_AFTER):
                tok = type(tok).new_borrow_pos("PARA", tok.value, tok)
            if kind == "ITEM_MARK":
                yield from self._place(tok)
                collecting, in_duration = True, False
            elif kind in ("TEXT", "PARA"):
                if collecting and prev_kind in ("ITEM_MARK", "TEXT", "PARA"):
                    self._add_text(tok.value)
            elif kind == "NOTE":
                collecting = False
            elif kind == "APPROVAL_KW" and (depth := self._continued_after_approval()) is not None:
                # an alternative's own duration (`1. …` / `Approval duration: 12 months; or` / `2. …`): the list
                # goes on under it, so only the levels below the one the next marker continues close
                collecting, in_duration = False, True
                while len(self.levels) > depth + 1:
                    self.levels.pop()
                    yield type(tok).new_borrow_pos("_DEDENT", "", tok)
            elif kind == "DURATION" and in_duration:  # (its lines of business, one a line)
                pass
            else:
                collecting = False
                yield from self._close(tok)
            prev_kind = tok.type
            yield tok
        if last is not None:
            yield from self._close(last)

    def _continued_after_approval(self) -> int | None:
        """At an ``Approval duration`` line inside a list: the depth of the open level the next marker continues
        (past the duration's own lines), or ``None`` when the list ends there as usual."""
        follow = self._next_marker(_KEEPS_LEVELS | {"DURATION"}) if self.levels else None
        if follow is None:
            return None
        label, style = follow
        reads = _readings(label)
        for depth in range(len(self.levels) - 1, -1, -1):
            lvl = self.levels[depth]
            if lvl.style == style and (lvl.kind, lvl.last + 1) in reads:
                return depth
        return None

    def _next_marker(self, keeps: frozenset[str] = _KEEPS_LEVELS) -> tuple[str, str] | None:
        """The (label, style) of the next list marker in this criteria list, read ahead without consuming."""
        at_line_start = False
        k = 0
        while True:
            if k == len(self._ahead):
                tok = next(self._stream, None)
                if tok is None:
                    return None
                self._ahead.append(tok)
            tok = self._ahead[k]
            k += 1
            if tok.type == "_NL":
                at_line_start = True
                continue
            if at_line_start:
                if tok.type == "ITEM_MARK":
                    label, style = split_marker(tok.value)
                    return label.lower(), style
                if tok.type not in keeps:
                    return None  # the list ends first
            at_line_start = False

    def _add_text(self, text: str) -> None:
        if self.levels:
            lvl = self.levels[-1]
            lvl.item_text = f"{lvl.item_text} {text}" if lvl.item_text else text

    def _close(self, tok: Token) -> Iterator[Token]:
        if self.levels:
            top = self.levels[0]
            self.carried = top.last if (top.kind, top.style) == LADDER[0] else 0
        while self.levels:
            self.levels.pop()
            yield type(tok).new_borrow_pos("_DEDENT", "", tok)

    def _place(self, tok: Token) -> Iterator[Token]:
        label, style = split_marker(tok.value)
        choice = self._choose(label.lower(), style, tok)
        while len(self.levels) > choice.depth + (0 if choice.opens else 1):
            self.levels.pop()
            yield type(tok).new_borrow_pos("_DEDENT", "", tok)
        if choice.opens:
            if len(self.levels) >= MAX_DEPTH:
                raise NestingError(f"criteria nested deeper than {MAX_DEPTH} levels", tok.line or 0, tok.column or 0)
            owner = self.levels[-1].item_text if self.levels else self.set_text
            self.levels.append(_Level(choice.kind, style, choice.ordinal, owner, ""))
            yield type(tok).new_borrow_pos("INDENT", choice.kind.value, tok)
        else:
            lvl = self.levels[-1]
            lvl.last = choice.ordinal
            lvl.item_text = ""

    def _choose(self, label: str, style: str, tok: Token) -> _Choice:
        reads = _readings(label)
        choices: list[_Choice] = []
        for depth in range(len(self.levels) - 1, -1, -1):
            lvl = self.levels[depth]
            for kind, n in reads:
                if lvl.kind is kind and lvl.style == style and n == lvl.last + 1:
                    choices.append(_Choice(depth, False, kind, n))
        new_depth = len(self.levels)
        want_kind, want_style = LADDER[new_depth % len(LADDER)]
        for kind, n in reads:
            if kind is want_kind and style == want_style and n == 1:
                choices.append(_Choice(new_depth, True, kind, n))
        if not choices and not self.levels and self.carried:
            # a word processor's list whose numbering goes on from the set before (``B. Other diagnoses`` /
            # ``7. Refer to …`` after ``6.``): the new list starts where the last one stopped
            choices = [_Choice(0, True, k, n) for k, n in reads if (k, style) == LADDER[0] and n == self.carried + 1]
        if len(choices) == 1:
            return choices[0]
        if not choices:
            raise NestingError(self._expected(label, style, reads, tok), tok.line or 0, tok.column or 0)
        # More than one reading fits.  First the sibling sequence: "ii." next means
        # this "i." opened a roman list, "j." next means it was the letter i.
        follow = self._next_marker()
        if follow is not None and follow[1] == style:  # "ii." says nothing about an "i)" list
            nexts = set(_readings(follow[0]))
            fitting = [c for c in choices if (c.kind, c.ordinal + 1) in nexts]
            if len(fitting) == 1:
                return fitting[0]
        # Then what the parents announced.
        current = self.levels[-1].item_text if self.levels else self.set_text
        hinted, possible = [], []
        for c in choices:
            owner = current if c.opens else self.levels[c.depth].owner_text
            labels = read_connective(owner).labels
            if label in labels:
                hinted.append(c)
            if not labels or label in labels:  # "(a or b)" rules out a "c." child
                possible.append(c)
        if len(hinted) == 1:
            return hinted[0]
        pool = hinted or possible or choices
        opening = [c for c in pool if c.opens]
        if opening and _strip_mark(current).endswith(":"):
            return opening[0]
        continuing = [c for c in pool if not c.opens]
        return continuing[0] if continuing else pool[0]

    def _expected(self, label: str, style: str, reads: tuple[tuple[MarkerKind, int], ...], tok: Token) -> str:
        options = []
        for depth in range(len(self.levels) - 1, -1, -1):
            lvl = self.levels[depth]
            options.append(format_marker(lvl.kind, lvl.last + 1, lvl.style))
        kind, nstyle = LADDER[len(self.levels) % len(LADDER)]
        options.append(format_marker(kind, 1, nstyle))
        found = tok.value
        if any(k is MarkerKind.ROMAN for k, _ in reads) and not any(
            lvl.kind is MarkerKind.LETTER for lvl in self.levels
        ):
            return f"roman item `{found}` has no lettered parent: expected {_join(options)}"
        where = "a new criteria list" if not self.levels else "this list"
        return f"marker `{found}` is out of sequence in {where}: expected {_join(options)}"


def _join(options: list[str]) -> str:
    quoted = [f"`{o}`" for o in dict.fromkeys(options)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
