"""A list written on one line, split back into its items.

A viewer's copy or a web page can write a whole criteria block on one line: ``A. Criterion (must meet
all): 1. First; AND 2. Second (one of): a. Sub one; OR b. Sub two; AND 3. Third``.  Such a line is split
before each marker only when the markers plainly run in sequence: the first (``1.`` or ``a.``) right
after a lead-in ending in ``:``, each next one after a ``;``, ``:``, ``.`` or a connective (``AND`` /
``OR``), numbers and letters each counting on from the last of their level (a new level only after a
lead-in's ``:``).  A line that does not run so is left as it is: no guess.

A web page's copy writes a bulleted list on one line too (``… when: • First; AND • Second • Third``):
such a line is split before each bullet when it holds two bullets or more.  And ``pdftotext`` (or a copy
of a PDF) can set a bullet or a marker on a line of its own, the item's text on the next line: the two are
one item.  A browser draws a bullet as a shape, not a character: ``pdftotext -layout`` gives its items
as lines set deeper than the text that announces them (``…at least two of the following agents:``), and
each gets its bullet back.

A print of a web page can also set a list's bullets all together, each alone on its line, above the block
of their texts (six ``•`` lines, then six lines of text): when the texts count as many items as there are
bullets, each bullet goes to its text; else the bullets are dropped and the texts stay as written, with a
diagnostic (no item is guessed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.markers import read_item_marker

__all__ = [
    "announces_list",
    "ends_open",
    "indented_bullets",
    "join_lone_markers",
    "pair_lone_bullets",
    "split_bullets",
    "split_run_on",
    "split_semicolons",
    "wrapped_line",
    "wrapped_semicolons",
]

# An inline marker: a number or a lower-case letter, a dot, a space, then a capital or ``(`` (never ``e.g.,``).
_MARKER = lazy(r"(?<=\s)(?P<m>\d{1,2}|[a-z])\.\s+(?=[A-Z(])")
_LEAD_IN = lazy(r":[*_]*\s*$")  # (``… (must meet all):`` or bold ``…:**``)
_BEFORE = lazy(r"(?:[;:.][*_]*|\b(?:AND|OR|and|or))\s*$")


def _value(m: str) -> tuple[str, int]:
    return ("num", int(m)) if m.isdigit() else ("letter", ord(m) - ord("a") + 1)


def split_run_on(line: str) -> list[str]:
    """``line`` as its pieces (the lead-in, then one per item), or ``[line]`` when its markers do not run
    in sequence (see the module doc)."""
    if ":" not in line or ". " not in line:
        return [line]
    cuts: list[int] = []
    levels: list[tuple[str, int]] = []  # (kind, last value) per open level, outermost first
    for m in _MARKER.finditer(line):
        before = line[: m.start()]
        kind, value = _value(m.group("m"))
        if not _BEFORE.search(before):
            continue
        lead_in = bool(_LEAD_IN.search(before))
        if lead_in and value == 1 and all(k != kind for k, _ in levels):
            levels.append((kind, 1))  # (a new level under a lead-in)
            cuts.append(m.start())
            continue
        depth = next((i for i in range(len(levels) - 1, -1, -1) if levels[i] == (kind, value - 1)), None)
        if depth is None:
            continue  # (out of sequence: text, not a marker)
        del levels[depth + 1 :]
        levels[depth] = (kind, value)
        cuts.append(m.start())
    if not levels or levels[0][1] < 2:  # (the outer list runs to its second item at least)
        return [line]
    pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return [p for p in pieces if p]


# A bullet inside a line: a glyph between spaces (``when: • First • Second``), or at its start.
_INLINE_BULLET = re.compile(r"(?:^|(?<=\s))[•\uf0b7▪](?=\s+\S)")


def split_bullets(line: str) -> list[str]:
    """``line`` as its lead-in and one piece per bullet (each starting with its glyph) when it holds two
    bullets or more, else ``[line]``."""
    if "•" not in line and "\uf0b7" not in line and "▪" not in line:
        return [line]
    starts = [m.start() for m in _INLINE_BULLET.finditer(line)]
    if len(starts) < 2:
        return [line]
    pieces = [line[a:b].strip() for a, b in zip([0, *starts], [*starts, len(line)], strict=True)]
    return [p for p in pieces if p]


# A bullet glyph (``•``, U+F0B7, ``o``, ``▪`` …) or a list marker (``1.``, ``a)``, ``(ii)``) alone on its line.
# (a word processor's legal numbering too, ``1.1.`` / ``2.3.1.``: parts of one or two digits, a closing period)
_LEGAL = r"[1-9]\d?(?:\.(?:[1-9]\d?|0)){1,4}\."
_LONE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<m>[•\uf0b7\uf0a7▪◦●∙‣o○■□–-]|\(?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{2,5})[.)]|"
    rf"{_LEGAL})[ \t]*$"
)
# (an asterisk and a space too: the bullet of a copy re-written as plain text, ``* BMI ≥ 30 kg/m²``)
_STARTS_ITEM = re.compile(
    rf"^[ \t]*(?:[•\uf0b7\uf0a7▪◦●∙‣○■□–*-][ \t]|\(?(?:\d{{1,2}}|[A-Za-z])[.)][ \t]|{_LEGAL}[ \t])"
)


def join_lone_markers(lines: list[str]) -> list[str]:
    """``lines`` with each bullet or marker alone on its line joined to the item's text on the next line
    (the text moves up to the marker's line and its own line is left blank: every line keeps its number).
    A marker before a blank line, a table row or another item is left as it is."""
    out = list(lines)
    for k in range(len(out) - 1):
        m = _LONE.match(out[k])
        below = out[k + 1]
        if m is None or not below.strip() or "\t" in below or _STARTS_ITEM.match(below) or _LONE.match(below):
            continue
        out[k] = f"{m.group('indent')}{m.group('m')} {below.strip()}"
        out[k + 1] = ""
    return out


_GLYPH = re.compile(r"^[ \t]*[•\uf0b7\uf0a7▪◦●∙‣○■□][ \t]*$")
# a line's end that leaves its sentence open: the next line goes on with it (``… confirmed by`` / ``the``)
# (a possessive too: ``… the manufacturer's`` / ``Instructions for Use``)
_OPEN = re.compile(
    r"(?:[,(\[/–—-]|['’]s|\b(?:a|an|and|or|of|the|to|for|by|with|in|on|at|as|than|from|per|that|its|their))\s*$", re.I
)


# an item's trailing connective (``…; and``, ``… OR``): the item ends there, though ``and`` leaves a sentence open
_ENDS_ITEM = re.compile(r"(?:[;,.]\s*(?:and|or)|\b(?:AND|OR))\s*$")


def pair_lone_bullets(lines: list[str]) -> tuple[list[str], list[int]]:
    """``lines`` with each run of bullets standing alone on their lines (two or more) given to the block of
    text below them (see the module doc); and the 1-based lines of the runs that could not be paired (their
    bullets are dropped, their texts kept as written).  A text line is an item's start unless it goes on
    with the line above (it starts in lower case, or that one ends open: ``… the``); a line with a marker of
    its own (``1.``) is a sub-item of the item above.  Every line keeps its number."""
    out = list(lines)
    unpaired: list[int] = []
    k = 0
    while k < len(out):
        if not _GLYPH.match(out[k]):
            k += 1
            continue
        run = k
        while k < len(out) and _GLYPH.match(out[k]):
            k += 1
        glyphs = list(range(run, k))
        if len(glyphs) < 2:
            continue
        j = k
        while j < len(out) and not out[j].strip():
            j += 1
        block: list[int] = []
        while j < len(out) and out[j].strip() and not _GLYPH.match(out[j]) and "\t" not in out[j]:
            block.append(j)
            j += 1
        starts = _item_starts(out, block, len(glyphs))
        glyph = out[glyphs[0]].strip()
        for g in glyphs:
            out[g] = ""
        if starts is None:
            unpaired.append(run + 1)
            continue
        for n in starts:
            text = out[n]
            at = len(text) - len(text.lstrip())
            out[n] = f"{text[:at]}{glyph} {text.strip()}"
        k = j
    return out, unpaired


def _item_starts(lines: list[str], block: list[int], want: int) -> list[int] | None:
    """The lines of ``block`` that start an item, when they are ``want`` (else ``None``): first reading a
    line in lower case as going on with the one above, then also a line after one that ends open."""
    for strict in (False, True):
        starts: list[int] = []
        for n in block:
            text = lines[n].strip()
            if _STARTS_ITEM.match(lines[n]):
                continue  # (a sub-item with its own marker: under the item above)
            above = lines[n - 1].strip() if starts else ""
            open_end = bool(_OPEN.search(above)) and not _ENDS_ITEM.search(above)
            goes_on = bool(starts) and (text[:1].islower() or (strict and open_end))
            if not goes_on:
                starts.append(n)
        if len(starts) == want:
            return starts
    return None


_ITEM_TEXT = re.compile(r"^[ \t]*(?:(?:\(?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{2,5})[.)]|[•\uf0b7\uf0a7▪◦●∙‣o○■□–-])[ \t]+)?")
_COLUMNS = re.compile(r"\S {3,}\S")  # cells set apart by spaces: a table's row, not an item
# Word's second-level bullet, an ``o``, set in (its item in lower case too: ``o in patients unable to cooperate``)
_O_BULLET = re.compile(r"^[ \t]+o[ \t]+[A-Za-z0-9(]")


_JITTER = 2  # ``-layout`` sets a level's lines a column or two apart (a proportional font's widths rounded)
_AROUND = 12  # lines around a list whose longest tells the width its text was set to


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def indented_bullets(lines: list[str]) -> list[str]:
    """``lines`` with a bulleted list whose bullets were not printed given them back (``- ``): the lines
    after a line ending in ``:`` (a blank line between them or none), set deeper than its text starts, with
    no marker of their own — two of them at least, each a line of its own (its next line's first word would
    have fitted on it: else the next line is the item's text wrapped).  Lines set deeper still are a list
    of their own, under the item that announces them."""
    out = list(lines)
    for k, line in enumerate(out):
        if not line.rstrip().endswith(":") or "\t" in line:
            continue
        text_at = len(_ITEM_TEXT.match(line).group(0))  # type: ignore[union-attr]  # (it matches any line)
        j = k + 1
        if j < len(out) and not out[j].strip():
            j += 1  # (one blank line after the announcing one: ``-layout`` keeps a paragraph's spacing)
        run: list[int] = []
        while j < len(out) and out[j].strip() and "\t" not in out[j]:
            below = out[j]
            if _indent(below) <= text_at or _STARTS_ITEM.match(below) or _LONE.match(below):
                break
            if _COLUMNS.search(below.strip()) or (run and _indent(below) < _indent(out[run[0]]) - _JITTER):
                break
            run.append(j)
            j += 1
        if not run:
            continue
        at = _indent(out[run[0]])
        # the width the text was set to, here (a page's furniture or a table may run wider elsewhere)
        width = max(len(x.rstrip()) for x in out[max(0, k - _AROUND) : j + _AROUND])
        starts = [
            n
            for n in run
            if abs(_indent(out[n]) - at) <= _JITTER
            and not _O_BULLET.match(out[n])  # (Word's ``o`` keeps its own glyph: a sub-item, read by it)
            and (n == run[0] or not _wrapped(out[n - 1], out[n], width))
        ]
        if len(starts) >= 2:
            for n in starts:
                out[n] = f"{' ' * at}- {out[n].strip()}"  # (at the level's indentation: a print's jitter undone)
    return out


def ends_open(line: str) -> bool:
    """Whether ``line`` leaves its sentence open (``… confirmed by the``, ``,``), not at an item's trailing
    connective (``…; and``): the line below goes on with it."""
    top = line.rstrip()
    return bool(_OPEN.search(top)) and not _ENDS_ITEM.search(top)


def wrapped_line(above: str, line: str, width: int) -> bool:
    """Whether ``line`` goes on with ``above`` (the word-wrap test of :func:`_wrapped`), the text set to
    ``width`` characters: never after an item's trailing connective or a colon that announces a list; a line
    in lower case only where ``above`` had no room for its first word (a web page writes items in lower case:
    ``age 18 years or older`` / ``axial neck or back pain …``)."""
    top = above.rstrip()
    if _ENDS_ITEM.search(top) or top.endswith(":"):
        return False
    return _wrapped(above, line, width)


_SLACK = 6  # a proportional font sets a line's words wider or narrower than their characters count


def _wrapped(above: str, line: str, width: int) -> bool:
    """Whether ``line`` is ``above`` wrapped.  ``above`` ends open (``… the``, ``,``, ``… manufacturer's``):
    yes.  Its first word plainly fits on ``above``: no, an item of its own.  Else it goes on when it starts in
    lower case or with no letter (``use.``, ``54 mg/dL``), or ``above`` ends in a name (``… the US`` /
    ``Food and Drug …``), or it starts with an abbreviation; an item ending in a plain word (``… infusion
    pump``) before a capitalised word (``Has a history …``) is two items."""
    first = line.split(maxsplit=1)[0] if line.strip() else ""
    top = above.rstrip()
    if _ENDS_ITEM.search(top):
        return False  # (``…; or``: an item's trailing connective)
    if _OPEN.search(top):
        return True  # (``… documented by the``: no item ends so, whatever room was left)
    if len(top) + 1 + len(first) <= width - 2 - _SLACK:
        return False
    if not first[:1].isalpha() or first[:1].islower():
        return True
    if len(top) + 1 + len(first) <= width - 2 and top.endswith((".", ";", ":")):
        return False  # (the item above ends a sentence and the word would have fitted: the old rule)
    last = top.split()[-1] if top.split() else ""
    if not last[:1].islower():
        return True
    return sum(ch.isupper() for ch in first) > 1  # (``FDA``, ``HbA1c``: a name, not an item's first word)


# A lead-in that announces a list: it ends in ``:`` and names what follows (``… all of the following criteria
# are met:``, ``… the following criteria:``, ``… when:``), a coverage decision's condition (``… is covered if:``)
# or a drug's indications (``Ozempic is indicated for:``)
_ANNOUNCES = lazy(
    r"(?:\bfollowing\b|\bbelow\b|\bcriteria\b|\b(?:all|any|both|either|none|one)\b.*\bof\b|\bwhen\b|\bif\b|\bunless\b"
    r"|\bindicated\s+(?:for|in)\b)"  # (a label's list of indications: ``<drug> is indicated for:``)
    r"[^:]*:[*_]*\s*$",
    re.I,
)


# A sentence that states a coverage decision (``… is considered medically necessary when …``, ``… are not covered``)
_DECISION = lazy(
    r"\b(?:is|are)\s+(?:(?:considered|not|also|only|deemed)\s+){0,3}(?:medically\s+necessary|covered|proven"
    r"|unproven|cosmetic|experimental|investigational|reasonable\s+and\s+necessary|eligible)\b",
    re.I,
)


def states_decision(text: str) -> bool:
    """Whether ``text`` states a coverage decision (see :data:`_DECISION`)."""
    return _DECISION.search(text) is not None


def announces_list(text: str) -> bool:
    """Whether ``text`` is a lead-in that announces a list right below it (see :data:`_ANNOUNCES`), or a coverage
    decision that ends in a colon (``Genetic testing is not medically necessary for:``): what it applies to
    follows, one item a line."""
    line = text.strip()
    if not line or read_item_marker(line) is not None:
        return False
    return _ANNOUNCES.search(line) is not None or (
        _LEAD_COLON.search(line) is not None and _DECISION.search(line) is not None
    )


_LEAD_COLON = lazy(r"^[^:]+:[*_]*\s*$")  # (one colon, the line's last character)


# An inline enumeration's marker: ``(1)``, ``(a)``, ``(i)`` after a space or a colon, before its text
_ENUM_MARKER = lazy(r"(?<=[\s:])\((?P<m>\d{1,2}|[a-z]|[ivx]{1,4})\)\s+(?=\S)")
_ENUM_BEFORE = lazy(r";\s*(?:(?:and|or|and/or)\s+)?$", re.I)  # what stands before each next marker
# a lead before a list of examples, not of criteria (``… such as (a) fracture, (b) tumor …``): no split
_EXAMPLES_LEAD = lazy(r"\b(?:such\s+as|including|includes?|e\.g\.?|i\.e\.?|for\s+example|like|namely)\W*$", re.I)
_SENTENCE_INSIDE = lazy(r"[.!?]\s+[A-Z]")  # a piece holding two sentences is a paragraph's text, no item's


def _ordinal(label: str, kind: str) -> int | None:
    """The ordinal of ``label`` read as ``kind`` (``num``, ``letter`` or ``roman``; roman up to 4: ``iv``)."""
    if kind == "num":
        return int(label) if label.isdigit() else None
    if kind == "letter":
        return ord(label) - ord("a") + 1 if len(label) == 1 and label.isalpha() else None
    romans = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
    return romans.get(label)


def split_enumeration(line: str) -> list[str]:
    """``line`` as its lead and one piece per item of an inline enumeration (``… the following criteria:
    (1) …; (2) …; and (3) …``), each piece starting with its marker and keeping its trailing ``; and`` —
    or ``[line]``.  Split only where the markers count ``1, 2, 3`` (``a, b``; ``i, ii``) from the first, each
    next one after a ``;`` (a noun series with commas, ``(a) fracture, (b) tumor, or (c) infection``, stays as
    written), after a lead that is no list of examples (``such as``, ``including``)."""
    if "(" not in line or ";" not in line:
        return [line]
    found = list(_ENUM_MARKER.finditer(line))
    for kind in ("num", "letter", "roman"):
        start = next((k for k, m in enumerate(found) if _ordinal(m.group("m"), kind) == 1), None)
        if start is None:
            continue
        lead = line[: found[start].start()].rstrip()
        if not lead or _EXAMPLES_LEAD.search(lead) or not (lead.endswith(":") or lead[-1:].isalnum()):
            continue
        cuts = [found[start].start()]
        expect = 2
        for m in found[start + 1 :]:
            if _ordinal(m.group("m"), kind) == expect and _ENUM_BEFORE.search(line[cuts[-1] : m.start()]):
                cuts.append(m.start())
                expect += 1
        if len(cuts) < 2:
            continue
        pieces = [line[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]
        if any(_SENTENCE_INSIDE.search(p) for p in pieces[:-1]):
            continue
        return [lead, *pieces]
    return [line]


_SEMICOLON_CUT = lazy(r";(?:\s*(?:and|or|and/or)\b)?\s+", re.I)  # an item's end: its ``;`` and connective
_CONDITION = lazy(r"^.*\b(?:when|if|unless|provided\s+that)\b\s*(?=\S)", re.I)  # the last ``when`` before the clauses
_TRAILING_WORD = lazy(r";\s*(?:and|or|and/or)$", re.I)
_ANNOUNCED_AT = lazy(r":\s+(?=[^:]*;)")  # where a lead-in's colon ends it, items separated by ``;`` after it
_PIECE_WORDS = 25  # a piece longer than this is a sentence of a paragraph, no item


def split_semicolons(line: str) -> list[str]:
    """``line`` as its lead-in and one ``- `` item per piece where a lead-in that announces a list (``… for any
    of the following indications:``) is followed on the line by items separated by ``;``, the last after
    ``; and`` / ``; or`` (``band slippage; band erosion; or intractable nausea``), or where a condition's
    clauses are joined by ``; and`` (``; or``) throughout after its ``when`` (``… when the member has
    persistent pain; and imaging shows …; and …``) — or ``[line]``.  Each piece
    keeps its ``;`` and its connective; none may hold a colon, two sentences or more than a clause's words."""
    if ";" not in line:
        return [line]
    at = _ANNOUNCED_AT.search(line) if ":" in line else None
    if at is not None:
        lead, rest = line[: at.start() + 1], line[at.end() :]
        if not announces_list(lead) or not rest[:1].isalnum():
            return [line]
    else:
        # (``… is medically necessary when the member has X; and Y; and Z``: the condition's clauses, one word
        # throughout, after the ``when`` that leads into them)
        cuts = list(_SEMICOLON_CUT.finditer(line))
        words = {m.group(0).strip(" ;").lower() for m in cuts}
        condition = _CONDITION.search(line[: cuts[0].start()]) if len(cuts) >= 2 else None
        if condition is None or len(words) != 1 or "" in words or ":" in line:
            return [line]
        lead, rest = line[: condition.end()].rstrip(), line[condition.end() :].strip()
    pieces: list[str] = []
    start = 0
    for m in _SEMICOLON_CUT.finditer(rest):
        pieces.append(rest[start : m.end()].strip())
        start = m.end()
    pieces.append(rest[start:].strip())
    if len(pieces) < 2 or not _TRAILING_WORD.search(pieces[-2]):
        return [line]  # (the connective unsaid before the last item: a sentence with semicolons, not a list)
    if any(_SENTENCE_INSIDE.search(p) or len(p.split()) > _PIECE_WORDS or "(1)" in p for p in pieces):
        return [line]
    return [lead, *(f"- {p}" for p in pieces)]


def wrapped_semicolons(lines: Sequence[str], width: int) -> list[tuple[int, str]] | None:
    """A paragraph a copy wrapped (``lines``: a block between blank lines, each line after the first going on the
    one above at ``width`` characters) that :func:`split_semicolons` splits when whole on one line (``Any one of
    the following indicates …: goals have been`` / ``met; the member …; or …``, the colon on any of its lines):
    its pieces, each with the index of the line it starts on — so a wrapped copy and a print that sets the
    paragraph on one line read one list.  None when the lines are no such paragraph (a marker, a bullet or a tab
    among them; a line that does not go on the one above; a lead-in's colon on no line)."""
    if len(lines) < 2 or not any(":" in line for line in lines) or not width:
        return None
    for k, line in enumerate(lines):
        if "\t" in line or not line.strip() or read_item_marker(line.strip()) is not None:
            return None
        # (the lead-in's colon may end the first line: the clause below it goes on, in lower case, where its
        # first word had no room above)
        lead_end = k == 1 and lines[0].rstrip().endswith(":") and line.strip()[:1].islower()
        if k and not (
            wrapped_line(lines[k - 1], line.strip(), width) or (lead_end and _wrapped(lines[0], line, width))
        ):
            return None
    starts: list[int] = []
    joined = ""
    for line in lines:
        joined += " " if joined else ""
        starts.append(len(joined))
        joined += line.strip()
    pieces = split_semicolons(joined)
    if len(pieces) < 2:
        return None
    out: list[tuple[int, str]] = []
    cursor = 0
    for piece in pieces:
        text = piece[2:] if piece.startswith("- ") else piece
        at = joined.find(text, cursor)
        if at < 0:
            return None
        cursor = at + len(text)
        out.append((max(k for k, start in enumerate(starts) if start <= at), piece))
    return out
