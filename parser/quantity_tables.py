"""Quantity-limit tables a PDF viewer's copy wrote with one space between cells, read by their cells' shapes.

A viewer's copy of a small product table keeps no tab and no column: ``Product Quantity Limit`` over
``Nucala 100 mg/mL autoinjector 1 autoinjector per 28 days``.  Which words are which cell can be told
only where both of these hold:

* the header line is made, word for word, of column names this vocabulary knows (:data:`COLUMNS`):
  a product column first (``Product``, ``Medication``, ``Drug``), a ``Strength`` column or none, and a
  quantity column last (``Quantity Limit``) — never words the document chose;
* every line under it, up to the first line that ends in no quantity, splits into those columns by their
  cells' shapes: a product is a name, its strength and its form (``Zepbound 2.5 mg/0.5 mL pen``), a
  strength a dose alone (``2.5 mg``), a quantity a count per period (``4 pens per 28 days``, ``2 tablets
  per day``; beside a product alone, a count with no unit, a loading fill or alternatives too: ``1 per 30
  days``, ``2 first fill, then 1 per 30 days``).  A form is words in lower case and a strength and a count
  start with a digit, so each row splits one way only.

Anything less — a header inside a sentence, prose under it, a row that splits otherwise or wraps onto the
next line — is no table here: the text stays as it is, with the warning the caller gives for a table
whose cells it cannot tell apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from itertools import pairwise

from policyvc.parser.line_tables import LineTable
from policyvc.parser.page_numbers import page_number_line

__all__ = ["COLUMNS", "Cell", "laid_quantity_table", "quantity_table"]


class Cell(StrEnum):
    """What a quantity-limit table's column holds."""

    PRODUCT = "product"
    STRENGTH = "strength"
    QUANTITY = "quantity"
    REGIMEN = "regimen"  # how a drug is taken (``Apply topically BID``, ``15 mg PO once weekly``)
    MAXIMUM = "maximum"  # its dose limit (``Varies``, ``30 mg/week``)


# The column names a quantity-limit table's header gives, case-folded, with the shape of their cells (a
# vocabulary every template knows: payers name these columns alike).
COLUMNS: dict[str, Cell] = {
    **dict.fromkeys(
        ("product", "products", "product name", "medication", "medication name", "drug", "drug name", "brand name"),
        Cell.PRODUCT,
    ),
    **dict.fromkeys(("strength", "dosage strength", "strengths"), Cell.STRENGTH),
    **dict.fromkeys(
        ("quantity limit", "quantity limits", "quantity", "maximum quantity", "max quantity", "limit", "ql"),
        Cell.QUANTITY,
    ),
    **dict.fromkeys(("dosing regimen", "dose regimen", "dosage regimen", "regimen"), Cell.REGIMEN),
    **dict.fromkeys(
        ("dose limit/maximum dose", "maximum dose", "max dose", "dose limit", "maximum daily dose"), Cell.MAXIMUM
    ),
}
# the layouts a header may have: a product, its strength maybe, its quantity limit; or a drug, how it is
# taken and its dose limit (a family's therapeutic-alternatives table)
_LAYOUTS = (
    [Cell.PRODUCT, Cell.QUANTITY],
    [Cell.PRODUCT, Cell.STRENGTH, Cell.QUANTITY],
    [Cell.PRODUCT, Cell.REGIMEN, Cell.MAXIMUM],
)
_LONGEST = max(len(name.split()) for name in COLUMNS)

_UNIT = r"(?:mg|mcg|µg|g|mL|L|units?|IU|mEq|mmol|%)"
_AMOUNT = r"\d[\d,]*(?:\.\d+)?"
# a strength: an amount and its unit, per a volume or a count maybe (``2.5 mg``, ``100 mg/mL``, ``40 mg/0.4 mL``),
# or a combination's doses (``400 mg/100 mg/100 mg``)
_STRENGTH = rf"{_AMOUNT}\s?{_UNIT}(?:\s?/\s?(?:{_AMOUNT}\s?)?{_UNIT}){{0,2}}"
# a product: a name (words that start with no digit), its strength, its form in lower-case words
# (``Nucala 100 mg vial``, ``Nucala 40 mg/0.4 mL prefilled syringe``; the form may be left out)
_PRODUCT = rf"[A-Z][^\s\d]*(?: [^\s\d][^\s]*){{0,5}}? {_STRENGTH}(?: [a-z][a-z-]*){{0,3}}"
# A quantity cell's ways of writing: a count with no unit (``1 per 30 days``), alternatives (``1 per 30 days or 3
# per 90 days``), a loading dose before the upkeep (``2 first month, then 1 per 30 days``).  A laid-out copy
# (``pdftotext -layout``, a web page's copy) tells its cells by where they start and cuts by shapes only a run
# that ran on into the next column; it may also give a strength's alternatives (``70 mg/mL, 140 mg/mL``).
_EACH = r"(?:,? (?:or|and) |, )"
_ONE_QUANTITY = (
    rf"{_AMOUNT} (?:[A-Za-z][\w-]* ){{0,2}}(?:per|every) (?:\d+ )?(?:calendar )?(?:days?|weeks?|months?|years?)"
)
# (a loading dose: a count, its unit maybe, in a first period — ``2 first month``, ``2 pens in the first 30 days``)
_LOADING = (
    rf"{_AMOUNT} (?:[A-Za-z][\w-]* ){{0,2}}(?:(?:in|for|during) )?(?:the )?first (?:\d+ )?"
    r"(?:doses?|fills?|days?|weeks?|months?)"
)
# a count per period (``4 pens per 28 days``, ``1 vial per 28 days``, ``2 tablets per day``, ``120 mL per 30 days``)
_QUANTITY = rf"{_AMOUNT} (?:[A-Za-z][\w-]* ){{1,2}}(?:per|every) (?:\d+ )?(?:calendar )?(?:days?|weeks?|months?|years?)"
# ... written as freely as a laid-out copy's (``1 per 30 days``, ``2 first fill, then 1 per 30 days``) beside a
# product alone: the product ends in its strength and its form's lower-case words and the limit starts with a
# digit, so a two-column row cuts one way only (beside a strength column it keeps :data:`_QUANTITY`, whose
# unit word tells a count from a strength's amount)
_ANY_QUANTITY = rf"(?:{_LOADING},? then )?{_ONE_QUANTITY}(?:{_EACH}{_ONE_QUANTITY})*"
# a form's word: lower case, never a connective — ``70 mg or 140 mg SC monthly`` is a regimen's choice of
# doses (``or``, ``to``, ``and`` join a dose to the next), not a drug's strength and its form
_FORM_WORD = r"(?!(?:or|and|to)\b)[a-z][a-z-]*"
# a drug beside its regimen: a name in either case (a generic's is lower case: ``tacrolimus``), with its
# strength and its form where written (``triamcinolone 0.1% cream``; a strength never without a form)
_DRUG = rf"[A-Za-z][^\s\d]*(?: [^\s\d]\S*){{0,5}}(?: {_STRENGTH}(?: {_FORM_WORD}){{1,2}})?"
# a regimen: a capitalised word (``Apply topically BID``) or a dose and what is not a form's lower-case word
# (``15 mg PO once weekly``, ``2.5 mg/kg/day PO divided BID``) — ``0.1% cream`` is a drug's strength and form,
# and a word before a name in brackets is the drug's (``Nurtec ODT (rimegepant)``: brand and generic)
_REGIMEN = rf"(?:[A-Z]\S*(?! \()|{_AMOUNT}(?:\s?[%\w/.]+)?(?! {_FORM_WORD}))(?: \S+){{0,11}}"
# a period a limit runs over: a unit of time, with a count maybe (``month``, ``3 months``, ``24 hours``, ``dose``)
_PERIOD = r"(?:\d+ ?)?(?:hours?|days?|weeks?|months?|years?|doses?)\b"
# a dose limit: ``Varies``, ``N/A`` or a dose per a period or a weight (``30 mg/week``, ``4 mg/kg/day``)
_MAXIMUM = rf"(?:Varies|N/A|Not applicable|{_AMOUNT}\s?{_UNIT}(?:/(?:kg|m2|{_PERIOD}))*)"
# a product named alone beside a strength column (``Epclusa (sofosbuvir/velpatasvir)``: a brand and its generic
# in brackets; no word of it starts with a digit), and that column's strength with the form it comes as
# (``400 mg/100 mg tablet``, ``200 mg/50 mg pellets``)
_NAME = r"[A-Z][^\s\d]*(?: [^\s\d]\S*){0,5}"
_STRENGTH_FORM = rf"{_STRENGTH}(?: {_FORM_WORD}){{0,3}}"
_SHAPES = {
    Cell.PRODUCT: _PRODUCT,
    Cell.STRENGTH: _STRENGTH,
    Cell.QUANTITY: _ANY_QUANTITY,
    Cell.REGIMEN: _REGIMEN,
    Cell.MAXIMUM: _MAXIMUM,
}
# (the product cell beside a regimen is a drug written either case; beside a quantity it is a brand's)
_REGIMEN_SHAPES = {**_SHAPES, Cell.PRODUCT: _DRUG}
# (beside a strength column the product may be named alone, its strength and form in the next cell: each row
# is cut so one way only — ``Rybelsus 7 mg tablet 7 mg 1 tablet per day`` still cuts after ``tablet``)
_STRENGTH_SHAPES = {
    **_SHAPES,
    Cell.PRODUCT: rf"(?:{_PRODUCT}|{_NAME})",
    Cell.STRENGTH: _STRENGTH_FORM,
    Cell.QUANTITY: _QUANTITY,
}


def _columns(text: str) -> tuple[str, ...] | None:
    """``text`` cut into known column names, word for word (``Medication Strength Quantity Limit``), a
    product's first, a quantity's last, a strength between or none; None where it is not such a header."""
    words = re.sub(r"\s*/\s*", "/", text).split()  # (``Dose Limit/ Maximum Dose``: a wrap's space)
    names: list[str] = []
    at = 0
    while at < len(words):
        # (the longest name first: ``Quantity Limit`` before ``Quantity``)
        for n in range(min(_LONGEST, len(words) - at), 0, -1):
            if " ".join(words[at : at + n]).casefold() in COLUMNS:
                names.append(" ".join(words[at : at + n]))
                at += n
                break
        else:
            return None
    kinds = [COLUMNS[name.casefold()] for name in names]
    if kinds not in _LAYOUTS:
        return None
    return tuple(names)


def _stands_alone(above: str) -> bool:
    """Whether a header may follow ``above``: a blank line, a sentence's or lead-in's end, or a heading (few
    words, its last capitalised) — never the wrapped line of a sentence that runs on into it."""
    text = above.strip()
    if not text or text.endswith((".", ":")):
        return True
    words = text.split()
    return len(words) <= 8 and words[-1][:1].isupper()


def quantity_table(lines: list[str], k: int, furniture: Callable[[int], bool] = lambda j: False) -> LineTable | None:
    """The quantity-limit table whose header is line ``k`` (see the module doc), or None; ``furniture``: whether
    a line is known for a page's furniture, or follows furniture taken out (a page break between rows, the
    header printed again after it)."""
    text = lines[k].strip()
    if not text or "\t" in lines[k] or "  " in text or len(text) > 60:
        return None
    names = _columns(text)
    if names is None or (k > 0 and not _stands_alone(lines[k - 1])):
        return None
    kinds = [COLUMNS[n.casefold()] for n in names]
    shapes = _REGIMEN_SHAPES if Cell.REGIMEN in kinds else _STRENGTH_SHAPES if Cell.STRENGTH in kinds else _SHAPES
    row = re.compile("^" + " ".join(f"({shapes[kind]})" for kind in kinds) + "$")
    ends = re.compile(rf"(?:^|\s){shapes[kinds[-1]]}$")  # (a row ends in its last column's shape)
    rows: list[tuple[int, tuple[str, ...]]] = []
    repeated: list[int] = []
    j = k + 1
    while j < len(lines):
        if not ends.search(line := " ".join(lines[j].split())):
            again = _header_again(lines, j, text, furniture) if rows else None
            if again is None or again + 1 >= len(lines) or not ends.search(" ".join(lines[again + 1].split())):
                break  # (no header printed again after a page break, or none with a row under it)
            repeated.append(again)  # (a page broke the table and its header was printed again on the next)
            j = again + 1
            continue
        cells = _matched(row, line) if len(kinds) == 2 else _split(line, kinds, shapes)
        if cells is None or "\t" in lines[j]:
            return None  # (a row that does not split as the others: which words are which cell is a guess)
        rows.append((j, cells))
        j += 1
    if not rows:
        return None
    if (after := rows[-1][0] + 1) < len(lines) and lines[after].strip()[:1].islower():
        return None  # (the last row wraps onto the next line, so it is not whole)
    return LineTable(k, names, tuple(rows), after, tuple(repeated))


# the lines a page break puts between a table's rows: a page's number and a running header of a few words
# (``Page 2 of 3``, ``CLINICAL POLICY``, the policy's title) — at most this many, and never a sentence
_BREAK_LINES = 6


def _header_again(lines: list[str], j: int, header: str, furniture: Callable[[int], bool]) -> int | None:
    """The line, a page break after line ``j``, that repeats the table's ``header`` word for word — only where
    the lines between hold a page's number or known furniture and otherwise blank lines or a running header's
    few words (no sentence: text between two tables is no page break); None where there is none."""
    paged = False
    for i in range(j, min(j + _BREAK_LINES + 1, len(lines))):
        text = " ".join(lines[i].split())
        furnished = page_number_line(text) or furniture(i)
        paged = paged or furnished
        if text == header:
            return i if paged else None
        if not furnished and text and (len(text.split()) > 8 or text.endswith((".", ":", ";")) or "\t" in lines[i]):
            return None
    return None


def _matched(row: re.Pattern[str], line: str) -> tuple[str, ...] | None:
    m = row.match(line)
    return m.groups() if m else None


def _split(line: str, kinds: list[Cell], shapes: dict[Cell, str]) -> tuple[str, ...] | None:
    """``line`` cut into three cells of ``kinds``' shapes, where it cuts so one way only (None where it
    cuts so no way, or several: which words are which cell would be a guess)."""
    words = line.split()
    found: list[tuple[str, ...]] = []
    for i in range(1, len(words) - 1):
        for j in range(i + 1, len(words)):
            cells = (" ".join(words[:i]), " ".join(words[i:j]), " ".join(words[j:]))
            if all(re.fullmatch(shapes[kind], cell) for kind, cell in zip(kinds, cells, strict=True)):
                found.append(cells)
    return found[0] if len(found) == 1 else None


_LAID_SHAPES = {
    **_STRENGTH_SHAPES,
    Cell.STRENGTH: rf"{_STRENGTH_FORM}(?:{_EACH}{_STRENGTH_FORM})*",
    Cell.QUANTITY: _ANY_QUANTITY,
}
_RUN = re.compile(r"\S+(?: \S+)*")  # (a run of text: words one space apart; two spaces or more end it)
_SLACK = 2  # how far a cell may start from its column's name


def laid_quantity_table(
    lines: list[str], k: int, furniture: Callable[[int], bool] = lambda j: False
) -> LineTable | None:
    """The quantity-limit table laid out with spaces whose header is line ``k`` (``Drug  Strength  Limit``), or
    None: a product, strength and quantity header of known names (never a regimen's), every line under it up to
    a blank line a row whose runs each start under a column (a run that goes on into the next column one space
    apart cut where only one cut gives each column its shape), each cell of its column's shape, a strength
    cell empty maybe (``Nurtec ODT 75 mg`` names its strength); two rows at least.  Anything else — a cell
    wrapped onto the next line, a run under no column, a cut two ways — is None: the caller keeps the text."""
    text = lines[k].strip()
    if "\t" in lines[k] or "  " not in text or len(text) > 100:
        return None
    names = _columns(" ".join(text.split()))
    if names is None or (k > 0 and not _stands_alone(lines[k - 1])):
        return None
    kinds = [COLUMNS[n.casefold()] for n in names]
    if kinds != [Cell.PRODUCT, Cell.STRENGTH, Cell.QUANTITY]:
        return None
    body = []
    j = k + 1
    while j < len(lines) and lines[j].strip():
        if furniture(j) or page_number_line(lines[j].strip()):
            return None  # (a page broke the table: its rows go on past a break this reader does not follow)
        body.append(j)
        j += 1
    starts = _name_starts(lines[k], names, [lines[i] for i in body])
    if starts is None or len(body) < 2:
        return None
    rows: list[tuple[int, tuple[str, ...]]] = []
    for i in body:
        cells = _laid_row(lines[i], starts, kinds)
        if cells is None:
            return None
        rows.append((i, cells))
    return LineTable(k, names, tuple(rows), j)


def _name_starts(header: str, names: tuple[str, ...], body: list[str]) -> list[int] | None:
    """Where each of the header's ``names``' column starts on its line: where the name starts a run of its own
    (two spaces or more before it); a name the copy ran on from the one before (``Drug Name Strength``, one
    space apart) where most of the rows' runs start between it and the next column — None where none does."""
    runs = {m.start() for m in _RUN.finditer(header)}
    at, where = 0, []
    for name in names:
        at = header.index(name.split()[0], at)
        where.append(at)
        at += len(name.split()[0])
    starts: list[int] = []
    for i, p in enumerate(where):
        if p in runs:
            starts.append(p)
            continue
        limit = where[i + 1] if i + 1 < len(where) and where[i + 1] in runs else len(max(body, key=len)) + 1
        seen = Counter(m.start() for line in body for m in _RUN.finditer(line) if p <= m.start() < limit - _SLACK)
        if not seen:
            return None
        starts.append(seen.most_common(1)[0][0])
    return starts


def _laid_row(line: str, starts: list[int], kinds: list[Cell]) -> tuple[str, ...] | None:
    """``line``'s cells by the columns starting at ``starts``, or None (see :func:`laid_quantity_table`)."""
    cells = [""] * len(starts)
    for m in _RUN.finditer(line):
        at = next((i for i, s in enumerate(starts) if abs(m.start() - s) <= _SLACK), None)
        if at is None or cells[at]:
            return None
        end = m.end()
        spans = [i for i in range(at, len(starts)) if i == at or starts[i] < end]
        if len(spans) == 1:
            cells[at] = m.group(0)
            continue
        cut = _cut(m.group(0).split(), [kinds[i] for i in spans])
        if cut is None:
            return None
        for i, cell in zip(spans, cut, strict=True):
            cells[i] = cell
    product, strength, quantity = cells
    if not product or not quantity:
        return None
    if not strength and (named := re.fullmatch(rf"({_NAME}) ({_LAID_SHAPES[Cell.STRENGTH]})", product)) is not None:
        # (a product's run that ends in a strength, the strength column empty: the copy ran its widest name on
        # into the strength cell — ``Rizatriptan ODT 5 mg, 10 mg`` —, as it runs the widest strength into the
        # limit's)
        product, strength = named.groups()
        cells = [product, strength, quantity]
    shapes = [_LAID_SHAPES[kind] for kind in kinds]
    if not all(re.fullmatch(shape, cell) for shape, cell in zip(shapes, cells, strict=True) if cell):
        return None
    return product, strength, quantity


def _cut(words: list[str], kinds: list[Cell]) -> tuple[str, ...] | None:
    """``words`` cut into one cell of each of ``kinds`` (two or three), each of its shape: the one such cut,
    or None where there is none or more than one (which words are which cell would be a guess)."""
    n = len(kinds)
    found: list[tuple[str, ...]] = []
    for i in range(1, len(words)):
        for j in range(i + 1, len(words)) if n == 3 else (len(words),):
            bounds = (0, i, j, len(words)) if n == 3 else (0, i, len(words))
            cells = tuple(" ".join(words[a:b]) for a, b in pairwise(bounds))
            if all(re.fullmatch(_LAID_SHAPES[kind], cell) for kind, cell in zip(kinds, cells, strict=True)):
                found.append(cells)
    return found[0] if len(found) == 1 else None
