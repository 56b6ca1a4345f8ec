"""Tables laid out with spaces under a header of names (``pdftotext -layout`` of a print, a web page's copy).

A browser's or LibreOffice's print of a table, read by ``pdftotext -layout``, writes each row's cells
side by side, two spaces or more apart, where the columns stand; a cell too long for its column wraps
onto the lines below, which then have text in that column only (and in the other cells that wrap).
Its header is a line of short names, which may wrap too (``Type of`` / ``Revision``).  Read here:

* the **header**: two to six names two spaces or more apart (short, no sentence's end, no number or
  code), and the lines right under it whose words sit under those names and look like names too (a
  wrapped name: ``Codes`` under ``CPT®*``, ``84 Days`` under ``Maximum Quantity per``);
* the **body**: every line whose runs of text each start under a column (within two characters; a
  run that goes on into the next column with one space between is cut there), blank lines between
  rows, and page furniture (a browser's date stamp and address, ``Page N of M``, a furniture line the
  caller names) and the header repeated after a page break, which are skipped — never a row's text; a new
  page may set the columns apart, left or right (its first row with a key gives them: after the page's running
  header, or two blank lines or more where it stood), and a closing heading (``Revision Log``) in the first
  column ends the table;
* its **rows**: the runs between blank lines when every such run fills two columns or more (a
  LibreOffice print centres a cell's lines in its row: the key is not on the first line); else, where
  a column holds a key shape (a date, a procedure code) on the first line, a row wherever that column
  is filled (the other cells wrap below it, the first one too: ``Annual`` / ``Revision``), a key
  under an empty first column being a row of the group above (a merged cell, written once); else a
  row where the first column starts text that does not go on in lower case (``Ozempic®`` /
  ``(semaglutide`` / ``subcutaneous``) and a second cell is filled.

A print's middle-aligned cells set a key (a code, a date) beside the middle of its row's lines: where
the key column's lines share the others out exactly — each key with as many lines above it as below, its
own line one of them or set between two — those are its rows.  A header whose names a print centred over
two or three lines (``HCPCS`` / ``Procedure  Description`` / ``Code``; ``Revision  Approval`` /
``Reviews, Revisions, and Approvals`` / ``Date  Date``) is read whole, its columns then taken from the
rows (a key one space before its text in ``-layout``, or at the end of the cell before it, is the
key's column's).

What cannot be read so is left as it is: fewer than two rows, a first
body line that starts no row, a line under the header that sits under no column.  The caller warns
where a table stopped at a line that looked like a row of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from policyvc.parser.template_spec import HEADINGS

__all__ = ["AlignedTable", "glued_label", "join_cell", "name_like", "read_aligned", "wrapped_name_like"]

_SEGMENT = re.compile(r"\S+(?: \S+)*")  # (a run of text: words one space apart; two spaces or more end it)
_NUM_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}/\d{2,4}"
_ONE_CODE = r"(?:\d{5}|\d{4}[FTU]|[A-V]\d{4}|[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
_KEY = re.compile(rf"^(?:{_NUM_DATE}|{_ONE_CODE}(?:\s*[-–]\s*{_ONE_CODE})?)$")
_CODE = re.compile(rf"^{_ONE_CODE}(?:\s*[-–]\s*{_ONE_CODE})?$")
# (a key column's cell may name two codes or more, ``E0651 / E0667``, ``J7321, J7322``: a row's key as one is)
_CODES = re.compile(rf"^{_ONE_CODE}(?:\s*[/,]\s*{_ONE_CODE})+$")
_NAME = re.compile(r"^[A-Z#%(][^:;]*$")  # (a column's name: a capital, no field's colon, no clause)
_SLACK = 2  # how far a cell's run may stand from its column's start
_MAX_COLUMNS = 6


def _key_cell(text: str) -> bool:
    """Whether ``text`` is a row's key: a code or a date, or codes a cell names together (``E0651 / E0667``)."""
    return bool(_KEY.match(text) or _CODES.match(text))


def _segments(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SEGMENT.finditer(line.rstrip())]


def name_like(text: str) -> bool:
    """A header cell: short, capitalised, no sentence's end, no value (a date, a code, a number)."""
    return (
        len(text) <= 40
        and len(text.split()) <= 5
        and bool(_NAME.match(text))
        and not text.endswith((".", ","))
        and not _KEY.match(text)
        and not any(w[:1].isdigit() for w in text.split())
    )


def wrapped_name_like(text: str) -> bool:
    """A header name's wrapped part (``Revision``, ``84 Days``, ``Code(s)``): short, no sentence's end."""
    short = len(text) <= 30 and len(text.split()) <= 4
    return short and not text.endswith((".", ",", ";", ":")) and not _KEY.match(text)


@dataclass(frozen=True, slots=True)
class AlignedTable:
    """A table read: its header cells, its rows (the line each starts on, its cells), the lines it took
    (``start`` up to ``end``, furniture included), and the line it stopped at when that line looked like
    a row of it but did not sit under its columns (None otherwise)."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    start: int
    end: int
    stopped: int | None


# a check mark or a cross alone at a run's end, one space after its text (a yes/no column's cell)
_TRAILING_MARK = re.compile(r"(?<=\S) ([✓✔✗✘☑☒])$")


def _place(line: str, starts: list[int]) -> dict[int, str] | None:
    """The cells of ``line`` by column, or None when a run sits under no column (or two under one)."""
    cells: dict[int, str] = {}
    n = len(starts)
    for start, text in _segments(line):
        key, _, rest = text.partition(" ")
        at = next((i for i in range(n - 1) if abs(start - starts[i]) <= _SLACK), None)
        code, _, after = rest.partition(" ")
        if at is not None and at + 2 < n and _SET_NAME.match(key) and _CODE.match(code) and after[:1].isalpha():
            # (a code set's name, its code and its text one space apart, the first column narrow: ``HCPCS
            # L8680 Implantable …`` under ``Type  Code  Description``)
            if any(c in cells for c in (at, at + 1, at + 2)):
                return None
            cells[at], cells[at + 1], cells[at + 2] = key, code, after
            continue
        if at is not None and rest[:1].isalpha() and _KEY.match(key) and start + len(key) < starts[at + 1] - 1:
            # (a key and its row's text one space apart, short of the next column — pdftotext set the
            # text left of where the cell's other lines start: ``07/01/2026 Scheduled review …``)
            if at in cells or at + 1 in cells or (at + 2 < n and start + len(text) >= starts[at + 2]):
                return None
            cells[at], cells[at + 1] = key, rest
            continue
        pieces = [(start, text)]
        if at is not None and (mark := _TRAILING_MARK.search(text)) is not None and at + 1 not in cells:
            # (a mark column's ✓ set one space after a cell too wide for its column, short of the mark's:
            # ``Medicare-Medicaid Plan ✓`` under ``Product  Applies`` — a check mark ends no cell's text)
            pieces = [(start, text[: mark.start()]), (starts[at + 1], mark.group(1))]
        # (a run that goes on into the next column, one space between: two cells)
        for c in starts:
            s, t = pieces[-1]
            if s + _SLACK < c < s + len(t):
                cut = next((p for p in (c, c - 1, c + 1) if 0 < p - s < len(t) and t[p - s - 1] == " "), None)
                if cut is None:
                    return None
                pieces[-1:] = [(s, t[: cut - s - 1]), (cut, t[cut - s :])]
        for s, t in pieces:
            column = next((i for i in range(n) if abs(s - starts[i]) <= _SLACK), None)
            if column is None or column in cells or (column + 1 < n and s + len(t) >= starts[column + 1]):
                return None  # (under no column, two runs under one, or a run across the next column)
            cells[column] = t
    return cells


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)


def glued_label(text: str) -> tuple[str, str] | None:
    """A short label and its text set one space apart (``Cryptogenic stroke Neuroimaging report …``): split
    where a word in lower case, no small word, meets a capitalised one — only when there is exactly one
    such place (``Members contact Customer Service or visit Provider Portal`` has two; a small word before a
    capital, ``with Medicare``, ``and McMurray``, is none: a label does not end so), the label up to four
    words, the text after it longer than the label."""
    words = text.split()
    at = [
        n
        for n in range(1, len(words))
        if words[n][:1].isupper()
        and words[n][1:2].islower()
        and words[n - 1].isalpha()
        and words[n - 1].islower()
        and words[n - 1] not in _SMALL_WORDS
    ]
    if len(at) != 1 or at[0] > 4 or len(words) - at[0] <= at[0]:
        return None
    label = " ".join(words[: at[0]])
    return (label, " ".join(words[at[0] :])) if name_like(label) else None


def _glued_number(text: str, widest: int = 0) -> tuple[str, str] | None:
    """A short label and a value that starts with a number, one space apart (``Zorbtive 0.1 mg/kg daily``):
    split before the first word that starts with a digit — the label one to four words without one, the
    value a number and at least one word after it.  ``widest``: the widest label of the rows above; a label
    set one space before its value is at least that wide (it filled its column), so a product's name as wide
    (``Methoxy polyethylene glycol-epoetin beta (Mircera)``, up to six words and :data:`_GLUED_LABEL`
    characters) is one, and a number inside it (``Epoetin alfa 10,000 units/mL vial``) never ends it."""
    words = text.split()
    at = next(
        (n for n, w in enumerate(words) if w[:1].isdigit() and (n == 0 or len(" ".join(words[:n])) >= widest)), None
    )
    if at is None or len(words) - at < 2:
        return None
    label = " ".join(words[:at])
    if 1 <= at <= 4 and name_like(label):
        return label, " ".join(words[at:])
    wide = widest > 0 and at <= 6 and len(label) <= _GLUED_LABEL and _NAME.match(label) is not None
    return (label, " ".join(words[at:])) if wide and not label.endswith((".", ",")) else None


_GLUED_LABEL = 60  # characters a product's name set one space before its number may hold


def _glued_row(
    lines: Sequence[str], j: int, starts: list[int], *, numbers: bool = False, widest: int = 0
) -> dict[int, str] | None:
    """A two-column table's row whose label and text pdftotext set one space apart, across the second
    column's start (:func:`glued_label`; its label the column's widest): the line right under a row, one
    run from the first column, with a blank line, the table's end or another row under it — a paragraph
    under a table has a blank line above it.  Where every row above has a number first in its second cell
    (``0.05 mg/kg …``, a dose or a quantity), the text may be told by its number too (:func:`_glued_number`; its
    label at least ``widest``, the widest label above)."""
    runs = _segments(lines[j])
    if len(runs) != 1 or abs(runs[0][0] - starts[0]) > _SLACK or runs[0][0] + len(runs[0][1]) <= starts[1]:
        return None
    under = _place(lines[j + 1], starts) or {} if j + 1 < len(lines) and lines[j + 1].strip() else None
    if under is not None and not under.get(0, "")[:1].isupper():
        return None  # (a line under it that starts no row: a wrapped text, where the row ends is unsure)
    found = glued_label(runs[0][1]) or (_glued_number(runs[0][1], widest) if numbers else None)
    if found is None or runs[0][0] + len(found[0]) >= starts[1]:
        return None
    return {0: found[0], 1: found[1]}


def _lead_in_across(line: str, cells: dict[int, str]) -> bool:
    """Whether ``line`` is one run of words a column's start cut at a single space that announces what follows
    (``Tufts Health Plan does | not authorize … when any of the following applies:``): a sentence of the text set
    across the columns, never a row — a row's cells stand two spaces apart, or its key one space before its text."""
    runs = _segments(line)
    first = runs[0][1].split(" ", 1)[0] if runs else ""
    return len(runs) == 1 and len(cells) >= 2 and not _KEY.match(first) and line.rstrip().endswith(":")


def _text_after_key(line: str, starts: list[int]) -> list[int] | None:
    """The columns' starts as a first row shows them when its key and its text stand one space apart and
    the text starts left of its column's name (``64561 Percutaneous …`` under ``Code      Description``, its
    wrapped lines starting where the text does): that column starts there, or None."""
    for start, text in _segments(line):
        key, _, rest = text.partition(" ")
        at = next((i for i in range(len(starts) - 1) if abs(start - starts[i]) <= _SLACK), None)
        if at is None or not _KEY.match(key) or not rest[:1].isalpha():
            continue
        p = start + len(key) + 1
        if starts[at] < p < starts[at + 1] - _SLACK and start + len(text) > starts[at + 1]:
            return [*starts[: at + 1], p, *starts[at + 2 :]]
    return None


def _rebased(line: str, starts: list[int]) -> list[int] | None:
    """The columns' starts as a full row under a header centred over its columns shows them (each name
    starts right of its column's cells, before the next column's: ``   CPT®*        Description`` over
    ``64633   Destruction …``), or None."""
    segs = _segments(line)
    if len(segs) != len(starts):
        return None
    at = [s for s, _ in segs]
    if all(a <= c for a, c in zip(at, starts, strict=True)) and all(
        c < a for c, a in zip(starts, at[1:], strict=False)
    ):
        return at
    return None


# (a numbered section's heading, ``VI. Product Availability``: no table's cell)
_SECTION = re.compile(r"^[IVX]{1,5}\.\s+[A-Z][A-Za-z]+(?:\s+[A-Za-z/&]+){0,5}$")
# (the headings that close a policy's body tables in the families' prints: the log's, the reminder's)
# (a note's or a footnote's first words, which start a paragraph under a table, never a cell's wrapped line)
_NOTE_LINE = re.compile(r"^(?:[*†‡§]+\s*[A-Z]|(?:Notes?|NOTES?)\s*:)")
_CLOSING = re.compile(r"^(?:Revision\s+Log|Reviews,\s+Revisions,\s+and(?:\s+Approvals)?|Important\s+Reminder)$")


def _running_line(line: str, starts: list[int]) -> bool:
    """Whether ``line`` opens a new page with its running header: a form feed, then one run of text in the first
    column that no row would start (no key, no lower case going on)."""
    if not line.startswith("\f") or len(starts) < 2:
        return False
    segs = _segments(line.lstrip("\f"))
    return (
        len(segs) == 1
        and segs[0][0] < starts[1] - _SLACK
        and not _KEY.match(segs[0][1].partition(" ")[0])
        and not segs[0][1][:1].islower()
    )


def _keyed_page(lines: Sequence[str], j: int, starts: list[int]) -> list[int] | None:
    """The columns as a new page's first full row shows them from line ``j`` (past a cell the break cut, going
    on in a later column): its first cell a key (a code, a date) where the first column starts, as many runs as
    columns, each right of the one before — a page may set them right of the last page's, or left."""
    for line in lines[j : j + 4]:
        if not line.strip() or "\t" in line:
            break
        segs = _segments(line.lstrip("\f"))  # (a page's first row: its form feed is no text of its key)
        if len(segs) == len(starts) and abs(segs[0][0] - starts[0]) <= _SLACK and _KEY.match(segs[0][1]):
            return [s for s, _ in segs]
    return None


_NUDGE = 8  # (how far pdftotext may set a column over inside a page: a few characters, never a column's width)


def _nudged(starts: list[int], at: list[int]) -> bool:
    """Whether columns starting at ``at`` are the columns at ``starts`` set a little over (each by at most a
    few characters, the first where it was), never other columns."""
    return at[0] == starts[0] and all(abs(a - s) <= _NUDGE for a, s in zip(at, starts, strict=True))


def _rebased_ahead(lines: Sequence[str], j: int, starts: list[int]) -> list[int] | None:
    """The columns as the first full row from line ``j`` shows them (:func:`_rebased`), looking past the
    lines of a cell centred in its row above its key (``Ambulatory …`` / ``95249   subcutaneous …``)."""
    for line in lines[j : j + 4]:
        if not line.strip() or "\t" in line:
            break
        if (at := _rebased(line, starts)) is not None:
            return at
    return _keyed_columns(lines, j, starts)


def _rebased_first(lines: Sequence[str], j: int, starts: list[int]) -> list[int] | None:
    """The columns as the first row from line ``j`` shows them: a full row's line, else its lines together."""
    return _rebased_ahead(lines, j, starts) or _rebased_group(lines, [], j, starts)


def _replaced(
    lines: Sequence[str], body: list[tuple[int, dict[int, str], int]], j: int, starts: list[int]
) -> tuple[list[int], list[tuple[int, dict[int, str], int]]] | None:
    """The columns as the first full row from line ``j`` shows them and the lines read so far placed under
    them, when those lines are one group with no first cell (a later cell's lines centred above the row) that
    sits under those columns too; else None."""
    if any(0 in cells or group != body[0][2] for _, cells, group in body):
        return None
    at = _rebased_ahead(lines, j, starts) or _rebased_group(lines, [i for i, _, _ in body], j, starts)
    if at is None:
        return None
    placed = [(i, _place(lines[i], at), g) for i, _, g in body]
    if any(cells is None for _, cells, _ in placed):
        return None
    return at, [(i, cells, g) for i, cells, g in placed if cells is not None]


def _rebased_group(lines: Sequence[str], read: list[int], j: int, starts: list[int]) -> list[int] | None:
    """The columns as a first row's lines show them where no line of it fills them all (a print centres each
    cell's lines in the row: ``100`` / ``100 mg SC …`` / ``Eosinophilic asthma,   is given …``): the lines
    ``read`` and those from line ``j`` to a blank line, each run given to the first column it starts left of
    (a header centred over its columns), each column's start its runs' leftmost; None unless every column
    gets a run and every line then sits under the columns."""
    group = [*read]
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j] and len(group) < 12:
        group.append(j)
        j += 1
    at: dict[int, int] = {}
    for i in group:
        for s, _ in _segments(lines[i]):
            c = next((c for c, h in enumerate(starts) if s <= h + _SLACK), None)
            if c is None:
                return None
            at[c] = min(at.get(c, s), s)
    if len(at) != len(starts):
        return None
    out = [at[c] for c in range(len(starts))]
    if any(b <= a for a, b in pairwise(out)) or any(_place(lines[i], out) is None for i in group):
        return None
    return out


def _keyed_columns(lines: Sequence[str], j: int, starts: list[int]) -> list[int] | None:
    """The two columns of a table of keys (codes, dates) under a header centred over them, as its lines
    from ``j`` up to a blank line show them: every key starts at one place, left of the header's second
    name, and every other run at one place right of it, before that name (``E0651`` and its description
    one space apart, the description's other lines set at the same place as its text); or None."""
    if len(starts) != 2:
        return None
    keys: set[int] = set()
    texts: set[int] = set()
    beside: list[int] = []  # (where a text one space after its key starts: left of the column, or at it)
    for line in lines[j : j + 40]:
        if not line.strip() or "\t" in line:
            break
        segs = _segments(line)
        s, t = segs[0]
        word = t.split(" ", 1)
        if _KEY.match(word[0]):
            keys.add(s)
            if len(word) > 1:
                beside.append(s + len(word[0]) + 1)
        else:
            texts.add(s)
        texts.update(x for x, _ in segs[1:])
    if not texts and beside:
        texts = {min(beside)}
    if len(keys) != 1 or len(texts) != 1:
        return None
    key, text = keys.pop(), texts.pop()
    fits = key <= starts[0] + _SLACK and key < text <= starts[1] and all(key < b <= text + _SLACK for b in beside)
    return [key, text] if fits else None


def _centred(line: str, head: list[tuple[int, str]]) -> dict[int, str]:
    """The names on ``line`` (a header's line above its widest one) by the column each is centred over
    (``CPT`` over ``Procedure``), or {} when one is over no column or is no name."""
    out: dict[int, str] = {}
    for s, t in _segments(line):
        middle = s + len(t) / 2
        # (centred: set in from its column's start, its middle over the name's — a heading at the margin
        # right above a header is no name of it)
        c = next((i for i, (hs, ht) in enumerate(head) if hs < s and abs(middle - hs - len(ht) / 2) <= 1.5), None)
        if c is None or c in out or not wrapped_name_like(t) or not name_like(t):
            return {}
        out[c] = t
    return out


def _names_above(lines: Sequence[str], k: int, head: list[tuple[int, str]]) -> int:
    """Where a header whose widest line is line ``k`` starts: the lines right above it (two at most, no
    blank line between) whose names are centred over its columns (``CPT`` / ``Procedure  Description``)."""
    top = k
    while top > 0 and k - top < 2 and lines[top - 1].strip() and "\t" not in lines[top - 1]:
        if not _centred(lines[top - 1], head) or len(_segments(lines[top - 1])) >= len(head):
            break
        top -= 1
    return top


def _side_name(lines: Sequence[str], k: int, head: list[tuple[int, str]]) -> tuple[int, list[str], int, int] | None:
    """A last column's name that a narrow cell wrapped onto the lines right above and under header line ``k``
    (a print centres a cell's lines in its row, the other names on one line: ``Maximu`` / ``Indication  Dosing
    Regimen`` / ``m Dose``; or three lines, its middle one on line ``k``: ``Maxi`` / ``… Regimen  mum`` /
    ``Dose``): its start, its parts top to bottom, the header's first line and the line after it; None when
    there is no such name (a line above or under with more than a run, or not where the last column is)."""
    if k == 0 or k + 1 >= len(lines) or "\t" in lines[k - 1] or "\t" in lines[k + 1]:
        return None
    above, below = _segments(lines[k - 1]), _segments(lines[k + 1])
    if len(above) != 1 or len(below) != 1:
        return None
    (a, upper), (b, lower) = above[0], below[0]
    last, middle = head[-1], []
    if len(head) > 2 and abs(last[0] - a) <= _SLACK and not name_like(last[1]) and wrapped_name_like(last[1]):
        last, middle = head[-2], [head[-1][1]]  # (the name's middle line on the header's)
    if min(a, b) < last[0] + len(last[1]) + 2 or abs(a - b) > _SLACK:
        return None
    if not name_like(upper) or not wrapped_name_like(lower):
        return None
    return min(a, b), [upper, *middle, lower], k - 1, k + 2


def _joined_name(parts: list[str], lines: Sequence[str]) -> str:
    """A column's name from its lines, a word a narrow cell broke (``Maxi`` / ``mum``) joined whole when the
    text writes that word elsewhere (``… the FDA-approved maximum``)."""
    out = ""
    for p in parts:
        glued = (out.split() or [""])[-1] + p.split()[0]
        whole = p[:1].islower() and any(re.search(rf"\b{re.escape(glued)}\b", line, re.I) for line in lines)
        out = out + p if out and whole else f"{out} {p}" if out else p
    return out


def join_cell(parts: list[str]) -> str:
    """A cell's lines as one text: a word broken after its hyphen (``single-`` / ``dose``) or its slash
    (``CPT®/`` / ``HCPCS``) joined whole."""
    out = ""
    for p in parts:
        if (out.endswith("-") and out[-2:-1].isalpha() and p[:1].isalpha()) or (
            out.endswith("/") and len(out) > 1 and not out[-2:-1].isspace() and p[:1].isalnum()
        ):
            out += p
        else:
            out = f"{out} {p}" if out else p
    return out


# a line that stops on a word no cell's text ends with: its sentence goes on under it (``… changed from 14 to``
# / ``30 days.``)
_UNENDED = re.compile(r"\b(?:to|of|and|or|the|a|an|with|for|from|in|by|than|at|on)$", re.I)


# a month's name alone (``Jan.``, ``September``) over its year alone (``2026``): one date a narrow column wrapped
_MONTH_ALONE = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$")
_YEAR_ALONE = re.compile(r"^(?:19|20)\d{2}$")


def _year_of(above: str, text: str) -> bool:
    """Whether the first cell ``text`` is the year of the month's name the line above held alone in that cell
    (``Jan.`` / ``2026``): the date a narrow column wrapped goes on, whatever the other cells' lines beside it."""
    return _MONTH_ALONE.match(above) is not None and _YEAR_ALONE.match(text) is not None


def _goes_on(text: str) -> bool:
    """A first cell's text that goes on the cell above (``(semaglutide``, ``subcutaneous``)."""
    return text[:1].islower() or text[:1] in "(&,;/"


def _spaced(line: str) -> bool:
    """Whether ``line`` sets cells apart as a table does: two runs two spaces or more apart, or a key (a
    date, a code) before its row's text."""
    runs = _segments(line)
    return len(runs) >= 2 or (bool(runs) and bool(_KEY.match(runs[0][1].partition(" ")[0])))


def read_aligned(
    lines: Sequence[str], k: int, furniture: Callable[[int], bool], *, min_columns: int = 2
) -> AlignedTable | None:
    """The table whose header starts at line ``k``, or None (see the module doc); ``furniture(j)``
    says whether line ``j`` is a page's furniture (skipped inside the table)."""
    head = _segments(lines[k])
    # (a code set's name alone on its line — ``ICD-10`` / ``Description`` / ``Code``: a header a print centred
    # over three lines, the other columns' names on the others — is read by its stacked lines or not at all)
    lone = len(head) == 1 and bool(_CODE_SET.match(head[0][1]))
    # (a last name's middle line of three a narrow cell wrapped, ``Maxi`` / ``… Regimen  mum`` / ``Dose``: no name)
    middle = len(head) > 2 and all(name_like(t) for _, t in head[:-1]) and _side_name(lines, k, head) is not None
    names_ok = middle or all(name_like(t) for _, t in head)
    if not lone and (not min_columns <= len(head) <= _MAX_COLUMNS or not names_ok):
        return None
    starts = [s for s, _ in head]
    names = [[t] for _, t in head]
    n = len(starts)
    top = _names_above(lines, k, head)
    for line in reversed(lines[top:k]):
        for c, t in _centred(line, head).items():
            names[c].insert(0, t)
    j = k + 1
    own = [t for _, t in head]  # (the header line's own names: as a page break repeats them)
    fragments: set[str] = set()  # (the words of a side name's lines)
    sided = False
    if top == k and (side := _side_name(lines, k, head)) is not None:
        # (a last column's name a narrow cell wrapped, centred over the header's line: ``Maximu`` / ``Indication
        # Dosing Regimen`` / ``m Dose``)
        start, parts, top, j = side
        fragments = set(" ".join(parts).split())
        name = _joined_name(parts, lines)
        kept = len(head) - (len(parts) - 2)  # (the header line's names but a side name's middle part)
        head, starts, names = [*head[:kept], (start, name)], [*starts[:kept], start], [*names[:kept], [name]]
        n, sided = kept + 1, True
    elif top == k and (spread := _names_by_rows(lines, k, head, furniture)) is not None:
        starts, names, j = spread  # (one-word names set one space apart, each over a column its rows show)
        n = len(starts)
        head = [(s, " ".join(x)) for s, x in zip(starts, names, strict=True)]
    elif top == k and not (k + 1 < len(lines) and _centred(lines[k + 1], head)) and (stacked := _stacked(lines, k)):
        # (a name's wrapped part centred under it is read as such, below, never a column of its own)
        starts, names, j = stacked  # (a header whose names are centred over its lines, a column's on none)
        n = len(starts)
        head = [(s, " ".join(x)) for s, x in zip(starts, names, strict=True)]
    elif lone:
        return None
    # a name wrapped onto the lines right under it (no blank line between): under the names, like names
    while j < len(lines) and j - k <= 3 and lines[j].strip() and "\t" not in lines[j]:
        # (or centred under its name: ``Maximum Number of`` / ``Treatments``)
        cells = _place(lines[j], starts) or _centred(lines[j], head) or None
        if cells is None or len(cells) >= n or not all(wrapped_name_like(t) for t in cells.values()):
            break
        below = lines[j + 1] if j + 1 < len(lines) else ""
        ahead = _rebased_ahead(lines, j + 1, starts)
        sits = _place(below, starts) or _rebased(below, starts) or (ahead and _place(below, ahead))
        if below.strip() and not furniture(j + 1) and not sits:
            break  # (nothing under it sits under the columns: not a header's wrapped line)
        for c, t in cells.items():
            names[c].append(t)
        j += 1
    header = tuple(" ".join(x) for x in names)
    first_row = next((i for i in range(j, min(j + 3, len(lines))) if lines[i].strip()), None)
    if first_row is not None and (keyed := _text_after_key(lines[first_row], starts)) is not None:
        starts = keyed
    header_words = set(" ".join(header).split()) | fragments
    body: list[tuple[int, dict[int, str], int]] = []  # (line, cells, group: runs between blank lines)
    group, blank, stopped = 0, False, None
    blanks = 0  # (blank lines in a row: two or more where a page broke, its running header made blank)
    paged = False  # (a page's furniture since the last line read: the blank lines are a page break's)
    based = False  # (the columns taken from the first full row: a header may be set off from its cells)
    while j < len(lines):
        text = lines[j].strip()
        if "\t" in lines[j]:
            break
        if furniture(j) or (body and _running_line(lines[j], starts)):
            # (first: a running header the caller made blank is no blank line between rows; a page's first line
            # in the first column alone, a name of no row — the next page's running header)
            paged = True
            j += 1
            continue
        if not text:
            blank = True
            blanks += 1
            j += 1
            continue
        # (the header again after a page break — a blank line, the page's furniture or its form feed
        # above it — with its wrapped names; a row that happens to read like the header is a row)
        broken = not lines[j - 1].strip() or furniture(j - 1) or lines[j].startswith("\f")
        if body and _SECTION.match(" ".join(text.split())) and _segments(lines[j])[0][0] <= starts[0] + _SLACK:
            break  # (a numbered section's heading at the margin, ``VI. Product Availability``, a column cutting it)
        runs = [t for _, t in _segments(lines[j])]
        # (its side name's part above its line: ``Maximu`` / ``Indication  Dosing Regimen`` / ``m Dose``)
        above_own = (
            sided
            and set(text.split()) <= header_words
            and j + 1 < len(lines)
            and [t for _, t in _segments(lines[j + 1])] == own
        )
        if body and broken and (runs in ([t for _, t in head], own) or above_own):
            if above_own:  # (the page set the columns apart as it set the header: moved by as much)
                at = [*[s for s, _ in _segments(lines[j + 1])][: n - 1], _segments(lines[j])[0][0]]
                starts = [c + a - h for c, a, (h, _) in zip(starts, at, head, strict=True)]
                # (or as the page's first row shows them, the header centred over its columns anew)
                nxt = next((i for i in range(j + 3, min(j + 6, len(lines))) if lines[i].strip()), None)
                starts = (nxt is not None and _rebased_group(lines, [], nxt, at)) or starts
            elif runs == [t for _, t in head]:
                # (the page set the header's names apart anew, its rows with them: the columns moved as much)
                at = [s for s, _ in _segments(lines[j])]
                starts = [c + a - h for c, a, (h, _) in zip(starts, at, head, strict=True)]
            j += 2 if above_own else 1
            while j < len(lines) and lines[j].strip() and set(lines[j].split()) <= header_words:
                j += 1
            paged = True  # (a row's cell the break cut goes on below it)
            continue
        if blank and body and _text_over_names(lines, j, own):
            break  # (a heading or a sentence of the text, then the next table's header: this table ended above)
        cells = _place(lines[j], starts)
        typed = any(_SET_NAME.match(c.get(0, "")) for _, c, _ in body)  # (a ``Code Type`` column: its rows' keys)
        if body and runs != [t for _, t in head] and not typed and _names_next_table(runs):
            break  # (``ICD-10 Code  Description`` under a CPT table's rows: the next table's header)
        if cells is None and not based and not body and (rebased := _rebased_first(lines, j, starts)) is not None:
            starts, based = rebased, True  # (the first full row gives the columns: a cell centred above it)
            cells = _place(lines[j], starts)
        elif cells is None and not based and body and (again := _replaced(lines, body, j, starts)) is not None:
            # (the same, under a last column's cell a print centred higher in the first row: ``300 mg`` /
            # ``Atopic dermatitis,   600 mg SC once, …   every``)
            starts, body, based = again[0], again[1], True
            cells = _place(lines[j], starts)
        elif cells is None and body and paged and (rebased := _rebased_ahead(lines, j, starts)) is not None:
            starts = rebased  # (a new page set the columns a little apart: its first full row gives them)
            cells = _place(lines[j], starts)
        elif cells is None and body and (paged or blanks >= 2) and (rebased := _keyed_page(lines, j, starts)):
            starts = rebased  # (a new page set the columns further right: its first keyed row gives them)
            cells, paged = _place(lines[j], starts), True
        elif cells is None and body and (rebased := _keyed_page(lines, j, starts)) and _nudged(starts, rebased):
            # (pdftotext set the columns a few characters over from a wrapped cell's next line on, no page break:
            # the next keyed row shows where, and the line sits under them there — ``J2786   Injection, …`` /
            # ``  use only, …`` / ``J2357  Injection, …``)
            cells = _place(lines[j], rebased)
            starts = rebased if cells is not None else starts
        numbers = all(c.get(1, "")[:1].isdigit() for _, c, _ in body)  # (a column of doses: told by its number)
        widest = max((len(c.get(0, "")) for _, c, _ in body), default=0)
        one_run = numbers and len(_segments(lines[j])) == 1
        if cells is not None and body and not blank and n == 2 and (cells.get(1, "")[:1].islower() or one_run):
            # (a run cut at the one space where the column starts, its text's cell begun in lower case — or, in a
            # column of doses, any run cut so: a label and text set one space apart — split where the label ends,
            # when that can be told)
            cells = _glued_row(lines, j, starts, numbers=numbers, widest=widest) or cells
        glued = _glued_row(lines, j, starts, numbers=numbers, widest=widest) if cells is None else None
        if cells is None and body and not blank and n == 2 and glued:
            body.append((j, glued, group))  # (a row pdftotext set one space apart, its label the widest)
            j += 1
            continue
        if cells is None:
            if len(_segments(lines[j])) >= 2:
                stopped = j
            break
        if blank and body and _lead_in_across(lines[j], cells):
            break  # (the text's lead-in below the table, which the columns' starts happened to cut: the table ends)
        if (
            body
            and list(cells) == [0]
            and text[:1].isupper()
            and (" ".join(text.split()).casefold() in HEADINGS or _CLOSING.match(text) or _SECTION.match(text))
        ):
            break  # (a known heading right under the last row, in the first column alone: the next section's)
        if body and list(cells) == [0] and _NOTE_LINE.match(text):
            break  # (a footnote or a note right under the last row, ``*Investigational – …``: the text's, no cell's)
        # (a cell a page break cut goes on, in lower case under an empty first column, on the next page)
        cut = paged and 0 not in cells and next(iter(cells.values()), "")[:1].islower()
        if blank and body and not cut:
            group += 1
        blank = paged = False
        blanks = 0
        body.append((j, cells, group))
        j += 1
    read = _rows(body, n)
    if read is None:
        return AlignedTable(header, (), k, k + 1, stopped) if stopped is not None else None
    rows, taken = read
    rows = [(line, _spread_dates(header, cells)) for line, cells in rows]
    if not any(_spaced(lines[line]) for line, _, _ in body[:taken]):
        return None  # (its rows' cells all cut at one space where a column happens to start: lines of text)
    end = body[taken - 1][0] + 1
    if taken < len(body) or (stopped is not None and stopped > body[-1][0] + 1):
        stopped = None  # (the table ended at a blank line: what follows is the text's)
    single = len(rows) == 1 and taken == 1 and _one_row(lines, top, body[0][0], rows[0][1])
    if stopped is not None or (len(rows) < 2 and not single) or sum(1 for c in rows[0][1] if c) < 2:
        # (a line inside it that sits under no column: never a half table as a whole; kept as text)
        return AlignedTable(header, (), k, k + 1, stopped) if stopped is not None else None
    key = next((c for c in range(n) if all(_KEY.match(cells[c]) for _, cells in rows)), None)
    if key is not None and key > 0 and any(not cells[0] for _, cells in rows):
        # (a row's first cell is its key, and a row without one goes on the row above: the key column first)
        def first(cells: tuple[str, ...]) -> tuple[str, ...]:
            return (cells[key], *cells[:key], *cells[key + 1 :])

        header, rows = first(header), [(line, first(cells)) for line, cells in rows]
    return AlignedTable(header, tuple(rows), top, end, stopped)


_DATE_RUN = re.compile(rf"^(?:{_NUM_DATE})(?: (?:{_NUM_DATE}))+$")


def _spread_dates(header: tuple[str, ...], cells: tuple[str, ...]) -> tuple[str, ...]:
    """A row's dates set one space apart in one cell (``11/17 11/17``: pdftotext joined a revision's and
    its approval's, the second short of its column) go one a column where the header names that many date
    columns from there on (``Date  Approval Date``) and the cells after it are empty."""
    out = list(cells)
    for c, cell in enumerate(cells):
        if not _DATE_RUN.match(cell):
            continue
        dates = cell.split(" ")
        span = range(c, c + len(dates))
        named = span.stop <= len(cells) and all(_DATE_NAME.search(header[x]) for x in span)
        if named and not any(cells[x] for x in span[1:]):
            out[c : span.stop] = dates
    return tuple(out)


def _one_row(lines: Sequence[str], top: int, line: int, cells: tuple[str, ...]) -> bool:
    """Whether a header with one row under it is a table: the two set apart by blank lines from the text
    above and below them (a table is printed so; lines with nothing above them say nothing), every cell
    a short name (``Brand Name   Generic Name`` / ``Nucala   mepolizumab``: the products a policy covers),
    none a field's value (no digit, no colon)."""
    apart = top > 0 and not lines[top - 1].strip() and (line + 1 >= len(lines) or not lines[line + 1].strip())
    return apart and all(short_value(c) for c in cells)


def short_value(text: str) -> bool:
    """A table's cell that names a thing (``Nucala``, ``mepolizumab``): a few words, no sentence's end, no
    digit or colon (never a field's value: a number, a date)."""
    return 0 < len(text.split()) <= 4 and not text.endswith((".", ";", ",")) and not re.search(r"[\d:]", text)


# a code set's name (``ICD-10 Code``, ``HCPCS``): a table's first column is named so, no row's key
_CODE_SET = re.compile(r"^(?:CPT|HCPCS|ICD-?(?:9|10)(?:-CM|-PCS)?)®?\b", re.I)
_SET_NAME = re.compile(r"^(?:CPT|HCPCS|ICD-?10(?:-CM|-PCS)?)[®*]*$")  # (a code set's name alone: a ``Type`` cell)


def _names_next_table(runs: list[str]) -> bool:
    """Whether a line of a table's body (its runs of text) is the header of the table after it: its first
    run names a code set (a table of other codes under this one's rows, printed with no gap the body would
    stop at, its columns set where that table's own widths put them) and every run reads like a name — or
    it is a log's header, a history's name then its date columns."""
    if len(runs) >= 2 and _HISTORY_NAME.search(runs[0]) and all(_DATE_NAME.fullmatch(r) for r in runs[1:]):
        return True  # (a log's header, ``Reviews, Revisions, and   Revision Date   Approval Date``, right under)
    return bool(runs) and bool(_CODE_SET.match(runs[0])) and not _KEY.match(runs[0]) and all(map(name_like, runs))


def _text_over_names(lines: Sequence[str], j: int, own: list[str]) -> bool:
    """Whether the block from line ``j`` (a blank line above it, a table's rows above that) is the text's and the
    next table's header: lines of one run each — a heading, a sentence — one of them ending a sentence or a
    heading of the vocabulary, then (a blank line between or not) a line of names two spaces or more apart
    (``Dosing and Administration`` / ``The doses below are the maximum doses covered.`` / ``Drug Name   Dosing
    Regimen   Maximum Dose``).  A row's cells stand apart on its first line, and a first cell a print set alone
    above them ends no sentence."""
    said = False
    for i in range(j, min(j + 6, len(lines))):
        runs = [t for _, t in _segments(lines[i])]
        if "\t" in lines[i]:
            return False
        if not runs:
            continue  # (a blank line between the lead-in and the header, as a print sets a table apart)
        if len(runs) == 1:
            text = " ".join(runs[0].split())
            said = said or text.endswith((".", ":")) or text.casefold() in HEADINGS
            continue
        return said and i > j and runs != own and all(map(name_like, runs))
    return False


_HISTORY_NAME = re.compile(r"\b(?:Revisions?|Reviews?|History|Approvals)\b", re.I)
_DATE_NAME = re.compile(r"(?:(?:Revision|Review|Approval|P&T\s+Approval|Effective)\s+)?Date", re.I)


def _stacked(lines: Sequence[str], k: int) -> tuple[list[int], list[list[str]], int] | None:
    """A header of names set over two or three lines from line ``k``, centred in their cells, some column's
    on a line the others' are not (``Revision  Approval`` / ``Reviews, Revisions, and Approvals`` /
    ``Date  Date``): each column's start and its names top to bottom, and the line after the header; None
    when the lines add no column to line ``k``'s (a name wrapped under its own: read as such)."""
    spans: list[list[int]] = []  # (each column: its first and last character, its names' lines)
    names: list[list[str]] = []
    j = k
    while j < len(lines) and j - k < 3 and lines[j].strip() and "\t" not in lines[j]:
        segs = _segments(lines[j])
        if not all((name_like(t) or wrapped_name_like(t)) and (t[:1].isupper() or t[:1] in "#%(") for _, t in segs):
            break
        for s, t in segs:
            c = next((i for i, (a, b) in enumerate(spans) if s <= b and a <= s + len(t) - 1), None)
            if c is None:
                spans.append([s, s + len(t) - 1])
                names.append([t])
            else:
                spans[c] = [min(spans[c][0], s), max(spans[c][1], s + len(t) - 1)]
                names[c].append(t)
        j += 1
    if j - k < 2 or not 2 <= len(spans) <= _MAX_COLUMNS or len(spans) <= len(_segments(lines[k])):
        return None
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    return [spans[i][0] for i in order], [names[i] for i in order], j


def _names_by_rows(
    lines: Sequence[str], k: int, head: list[tuple[int, str]], furniture: Callable[[int], bool]
) -> tuple[list[int], list[list[str]], int] | None:
    """A header whose one-word names pdftotext set one space apart, left of where their columns start
    (``HCPCS Modifier Description   Covered Not`` / ``covered`` over ``E2402  KX  Negative …  Yes``): the
    columns as the rows keyed under it show them, when they are exactly as many as the names and each
    name stands between the columns either side of its own (``CPT      Setting Description`` over ``95810 Lab
    Polysomnography …``); each column's start, its names (a name's wrapped part under it), and the line
    after the header; or None."""
    words = [(s + m.start(), m.group(0)) for s, t in head for m in re.finditer(r"\S+", t)]
    if len(head) < 2 or len(words) == len(head) or not 3 <= len(words) <= _MAX_COLUMNS + 1:
        return None  # (a line of runs set apart — a label alone, ``CPT Codes``, names one column — not one a run)
    if not all(t[:1].isupper() and name_like(t) for _, t in words):
        return None  # (a phrase, a label's colon: no names)
    names = [[t] for _, t in words]
    j = k + 1
    while j < len(lines) and j - k <= 2 and lines[j].strip() and "\t" not in lines[j]:
        under = [
            (next((i for i, (w, _) in enumerate(words) if abs(s - w) <= _SLACK), None), t)
            for s, t in _segments(lines[j])
        ]
        if any(i is None or not wrapped_name_like(t) or _KEY.match(t.split(" ", 1)[0]) for i, t in under):
            break
        for i, t in under:
            names[i or 0].append(t)
        j += 1
    # (the columns: where the runs of the rows start — a row a key at the header's first name, the lines
    # of its wrapped cells under it — up to the first line that is neither)
    found: list[int] = []  # (where the keyed rows' cells start)
    wrapped: list[int] = []  # (where the lines under them start: in those columns, else no such table)
    cells: list[tuple[int, int]] = []  # (the keyed rows' cells: each ends before the next column starts)
    rows = 0
    for i in range(j, min(j + 40, len(lines))):
        segs = _segments(lines[i])
        if furniture(i) or not segs:
            continue
        if "\t" in lines[i]:
            break
        keyed = abs(segs[0][0] - words[0][0]) <= _SLACK and bool(_KEY.match(segs[0][1].split(" ", 1)[0]))
        if not keyed and (not rows or segs[0][0] <= words[0][0] + _SLACK):
            break
        rows += keyed
        if keyed and " " in segs[0][1]:
            # (a key and its row's next cell one space apart, the key's column as narrow: ``95810 Lab``)
            key, rest = segs[0][1].split(" ", 1)
            segs[:1] = [(segs[0][0], key), (segs[0][0] + len(key) + 1, rest)]
        if keyed:
            found.extend(s for s, _ in segs)
            cells.extend((s, s + len(t)) for s, t in segs)
        else:
            wrapped.extend(s for s, _ in segs)
    starts: list[int] = []
    for s in sorted(found):
        if not starts or s - starts[-1] > _SLACK:
            starts.append(s)
    if rows < 2 or len(starts) != len(words) or any(all(abs(w - c) > _SLACK for c in starts) for w in wrapped):
        return None
    if any(a + _SLACK < c < b for a, b in cells for c in starts):
        return None  # (a cell across a column's start: the columns a page set apart from the others', no more)
    # (each name after the column before its own and before the column after it: pdftotext moved it, never
    # past a neighbour's cells)
    ends = [*starts[2:], 1 << 30]
    fits = abs(words[0][0] - starts[0]) <= _SLACK and all(
        starts[i - 1] < w < ends[i - 1] for i, (w, _) in enumerate(words) if i
    )
    return (starts, names, j) if fits else None


def _centred_rows(body: list[tuple[int, dict[int, str], int]]) -> tuple[list[bool], int] | None:
    """A table whose key (a code, a date) is centred in its row, beside the middle of its other cell's
    lines (a print's middle-aligned cells: ``Ambulatory …`` / ``95249  subcutaneous …`` / ``sensor …``),
    no blank line between rows: each row as many lines above its key as below it, the key's line one of
    them or set between two.  Which lines start a row, and how many lines the rows took; None when the
    lines do not share out so exactly (a row's lines are never guessed)."""
    run = [cells for _, cells, g in body if g == 0]
    keyed = {c for c in {c for cells in run for c in cells} if all(_KEY.match(x.get(c, "x")) for x in run if c in x)}
    if not keyed or not any(not keyed & cells.keys() for cells in run):
        return None
    at = [i for i, cells in enumerate(run) if keyed & cells.keys()]
    if any(run[i][c].endswith(("-", "–")) for i in at for c in keyed & run[i].keys()):
        return None  # (a range wrapped after its dash, ``G56.00 -`` / ``G56.03``: the rows of keys at their top)
    if len(at) < 2:
        return None
    starts = [False] * len(body)
    free = 0  # (the first line not yet given to a row)
    for n, i in enumerate(at):
        above = i - free
        below = range(i + 1, i + 1 + above)
        nxt = at[n + 1] if n + 1 < len(at) else len(run)
        if below.stop > nxt or (n + 1 == len(at) and below.stop != len(run)) or len(run[free:i]) != above:
            return None
        if any(keyed & cells.keys() or len(cells) != 1 for cells in [*run[free:i], *(run[j] for j in below)]):
            return None
        if above and _goes_on(next(iter(run[free].values()))):
            return None  # (a row's first line goes on in lower case: the row above's, its key at its top)
        if above and free and _UNENDED.search(" ".join(t for c, t in run[free - 1].items() if c not in keyed)):
            return None  # (the row above's last line ends on a word a sentence never ends on, ``… from 14 to``)
        starts[free] = True
        free = below.stop
    return starts, len(run)


def _rows(body: list[tuple[int, dict[int, str], int]], n: int) -> tuple[list[tuple[int, tuple[str, ...]]], int] | None:
    """The rows of a table's body lines, each on the line it starts (see the module doc), and how many of
    the lines they took: the body ends before a run (after a blank line) that starts no row; or None."""
    if not body:
        return None
    first = [cells for _, cells, g in body if g == 0]
    keys = [c for c in range(n) if c in first[0] and all(_KEY.match(cells[c]) for cells in first if c in cells)]
    key = keys[0] if keys else None
    if key is not None and key == n - 1 > 0:
        # (a key the cell before it ran up to, one space between, short of its column: ``… Criterion
        # 01/01/2026`` — the last column's, where that line has none)
        for _, cells, _ in body:
            head, _, last = cells.get(key - 1, "").rpartition(" ")
            if key not in cells and head and _KEY.match(last):
                cells[key - 1], cells[key] = head, last
    if key is not None:
        # (a key wrapped after its range's dash, ``G56.00 -`` / ``G56.03``, goes on the key above)
        starts_row = [
            _key_cell(cells.get(key, "")) and not (i and body[i - 1][1].get(key, "").endswith(("-", "–")))
            for i, (_, cells, _) in enumerate(body)
        ]
    leads = [i for i in range(len(body)) if i == 0 or body[i][2] != body[i - 1][2]]  # (each run's first line)
    if key is None:
        # (a run's first line may hold its first cell alone where a print centred the row's other cells beside
        # that cell's middle line — ``Pulmicortfle`` / ``Flexhaler …   2 inhalers …`` / ``xhaler``: it starts a
        # row when its run fills two columns or more)
        filled: dict[int, set[int]] = {}
        for _, cells, g in body:
            filled.setdefault(g, set()).update(cells)
        heads = set(leads)
        starts_row = [
            0 in cells
            and not _goes_on(cells[0])
            and (len(cells) >= 2 or (i in heads and len(filled[g]) >= 2))
            and not (i and i not in heads and _year_of(body[i - 1][1].get(0, ""), cells[0]))
            for i, (_, cells, g) in enumerate(body)
        ]
        for i in range(1, len(body)):
            # (a first cell alone under a row whole on its line, no blank line between — a browser's print of a
            # row whose other cells stand beside its middle line: ``Anterior … and a brace worn for six`` / ``…
            # Up to 36 visits`` / ``weeks``): a row of its own when the next line fills another cell
            alone, prior = body[i][1], body[i - 1][1]
            # (a first cell ended by a range's dash or a comma goes on below: ``G56.00 -`` / ``G56.03``)
            whole = (
                len(prior) == n and starts_row[i - 1] and not _UNENDED.search(prior[0]) and prior[0][-1:] not in ",-–"
            )
            nxt = body[i + 1][1] if i + 1 < len(body) and body[i + 1][2] == body[i][2] else {}
            if (
                list(alone) == [0]
                and not _goes_on(alone[0])
                and whole
                and not _year_of(prior.get(0, ""), alone[0])  # (``Jan.`` / ``2026``: one date, no row of its own)
                and any(c > 0 for c in nxt)
            ):
                starts_row[i] = True
    taken = next((i for i in leads if not starts_row[i]), len(body))
    # (keys centred in their rows share the lines out exactly: a row's lines above its key as many as below)
    if (centred := _centred_rows(body)) is not None:
        starts_row, taken = centred
    elif taken == 0:
        # a LibreOffice print centres a cell's lines in its row: each run between blank lines is a row
        groups: dict[int, set[int]] = {}
        for _, cells, g in body:
            groups.setdefault(g, set()).update(cells)
        taken = next((i for i in leads if len(groups[body[i][2]]) < 2), len(body))
        if len(leads) < 2 or taken < leads[1]:
            return None
        starts_row = [i in leads for i in range(len(body))]
        key = None
    out: list[tuple[int, list[list[str]]]] = []
    for (line, cells, _), new in zip(body[:taken], starts_row, strict=False):
        if new:
            out.append((line, [[] for _ in range(n)]))
        for c, t in cells.items():
            out[-1][1][c].append(t)
    for (_, above), (_, row) in pairwise(out):
        # a row whose cells left of a key (a code, a date) are empty: those are a merged cell, written
        # once in the group above (``CPT`` / ``95250``); a row never goes without its first cell
        key_at = next((c for c in range(n) if row[c]), n)
        if 0 < key_at < n and _CODE.match(" ".join(row[key_at])):
            for c in range(key_at):
                row[c] = list(above[c])
    return [(line, tuple(join_cell(parts) for parts in row)) for line, row in out], taken
