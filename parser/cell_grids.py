"""Tables printed a cell a block with no key, their rows told apart by their columns' shapes.

``pdftotext`` in reading order of a browser's print (and of some LibreOffice prints) gives a small table
one cell after the other, row by row, each cell a block of its own: the header's names, then each row's
cells (``Product`` / ``Component`` / ``Quantity Limit`` / ``Dexcom G7`` / ``Sensor (10-day)`` / ``3 sensors
per 30 days`` / …).  No cell is a key (a code, a date: :mod:`~policyvc.parser.cell_tables` reads those), so
which block is which row's cell is known only where the blocks share out with certainty:

* the header is two to six names, a block and a line each (short, capitalised, no digit, no heading of the
  vocabulary), after a blank line, a heading or a lead-in;
* the body is the blocks after them up to a heading of the vocabulary or a numbered one (``4. Background``,
  ``V. Dosage and Administration``), a tab-separated line or a line as long as running text; as many blocks
  as rows times names;
* each column's cells start alike — all with a digit (a dose, a count: ``3 sensors per 30 days``) or none —,
  at least one column of each kind, so a block missing or one too many would show (a shift puts a number in
  a column of names); exactly one count of names gives such a grid.

A row reading order set on one line (the widest row, its cells one space apart: ``methotrexate
(Rheumatrex®) 10 – 25 mg/week PO or IM 30 mg/week``) is cut where each cell starts as its column's do, a
name column taking no word that starts with a digit where none of its cells has one and no cell ending on a
dash or a word that needs the next; it is a row only where it cuts so one way.  A cell's lines are joined as
wrapped text, a word a narrow column broke without a hyphen (``Saxend`` / ``a``) joined whole where the
text writes it whole elsewhere (``Saxenda``) and never its first part.  Anything less stays text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations

from policyvc.lazy_re import lazy
from policyvc.parser.aligned_tables import AlignedTable, join_cell, name_like
from policyvc.parser.column_blocks import known_names, table_title
from policyvc.parser.template_spec import HEADINGS

__all__ = ["read_cell_grid", "read_column_blocks", "text_words"]

_MAX_NAMES = 6  # (a table's columns: at most so many)
_MAX_BLOCKS = 200  # (how far a grid is read)
_LINE = 75  # (a cell's line is narrow: a longer one is the running text after the table)
_CELL_WORDS = 24  # (a cell is never a paragraph)
_RUN_ONS = 2  # (rows reading order set on one line: at most so many in a table)
# (its first word a word, never a dose's unit: ``20 IU/kg IV once per`` / ``attack`` is a cell)
_NUMBERED_HEADING = lazy(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-Z][A-Za-z]*(?=\s|$)[\w/&,' -]*$")
_HISTORY = lazy(r"\b(?:Date|Revisions?|Reviews?|History|Approvals?|Changes)\b", re.I)
# (a cell never ends on a dash or a word that needs the next one)
_OPEN_END = lazy(r"(?:[-–—,/(]|\b(?:to|of|and|or|the|a|an|with|for|from|in|by|per|then))$", re.I)
_WORD = lazy(r"[A-Za-z][A-Za-z'-]*")


def text_words(lines: Sequence[str]) -> Counter[str]:
    """The words ``lines`` write, counted (a word a narrow column broke is whole among them elsewhere)."""
    return Counter(w for line in lines for w in _WORD.findall(line))


def _heading(text: str) -> bool:
    return text.removesuffix(":").casefold() in HEADINGS or bool(_NUMBERED_HEADING.match(text))


def _starts_above(above: str) -> bool:
    """Whether a table may start under ``above``: a blank line, a lead-in's or a sentence's end, a heading, a
    table's title (``Appendix B: Therapeutic Alternatives``)."""
    return not above or above.endswith((":", ".")) or _heading(above) or name_like(above) or table_title(above)


def _blocks(lines: Sequence[str], k: int, skipped: Callable[[int], bool]) -> list[list[int]]:
    """The blocks from line ``k`` (runs of lines between blank lines, furniture passed over) up to a
    heading's block or a table's title, a tab-separated line or a line as long as running text (whose block is
    no cell)."""
    out: list[list[int]] = []
    at: list[int] = []
    for j in range(k, min(len(lines), k + 4 * _MAX_BLOCKS)):
        text = lines[j].strip()
        if "\t" in lines[j] or len(text) > _LINE or len(out) >= _MAX_BLOCKS:
            return out
        if not text or skipped(j):
            if at and not text:
                out.append(at)
                at = []
            continue
        if not at and (_heading(text) or table_title(text)):
            return out  # (a heading, or the next table's title: ``Appendix D: State Market Requirements``)
        at.append(j)
    if at:
        out.append(at)
    return out


def _digit(text: str) -> bool:
    return text[:1].isdigit()


def _digit_words(text: str) -> bool:
    return any(w[:1].isdigit() for w in text.split())


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")")


def _cut(line: str, starts: list[bool], digits: list[bool]) -> tuple[str, ...] | None:
    """A row set on one line cut into cells that start as their columns' cells do (``starts``: with a digit),
    a name column taking no word starting with one where its cells have none (``digits``: they have); None
    unless it cuts so one way only."""
    words = line.split()
    n = len(starts)
    found: list[tuple[str, ...]] = []
    for cuts in combinations(range(1, len(words)), n - 1):
        cells = tuple(" ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)), strict=True))
        if all(
            _digit(c) == s and (d or not _digit_words(c)) and _balanced(c) and not _OPEN_END.search(c)
            for c, s, d in zip(cells, starts, digits, strict=True)
        ):
            found.append(cells)
            if len(found) > 1:
                return None
    return found[0] if found else None


def _grid(texts: list[str], n: int, run_ons: frozenset[int]) -> list[tuple[int, tuple[str, ...]]] | None:
    """The rows of ``texts`` (the body's cells) taken ``n`` at a time, the blocks in ``run_ons`` each a whole
    row set on one line: ``(first block, cells)`` each; None where the columns do not start alike."""
    rows: list[tuple[int, list[str] | None]] = []
    i = 0
    while i < len(texts):
        if i in run_ons:
            rows.append((i, None))
            i += 1
            continue
        if any(j in run_ons for j in range(i, i + n)) or i + n > len(texts):
            return None
        rows.append((i, texts[i : i + n]))
        i += n
    whole = [cells for _, cells in rows if cells is not None]
    if len(rows) < 2 or not whole:
        return None
    starts: list[bool] = []
    digits: list[bool] = []
    for c in range(n):
        column = [cells[c] for cells in whole]
        kinds = {_digit(t) for t in column}
        if len(kinds) != 1:
            return None
        starts.append(kinds.pop())
        digits.append(any(_digit_words(t) for t in column))
    if all(starts) or not any(starts):
        return None  # (nothing pins the columns: a shift would go unseen)
    out: list[tuple[int, tuple[str, ...]]] = []
    for i, cells in rows:
        got = tuple(cells) if cells is not None else _cut(texts[i], starts, digits)
        if got is None:
            return None
        out.append((i, got))
    return out


def _opens_grid(lines: Sequence[str], k: int) -> bool:
    """Whether line ``k`` may open a grid printed a cell or a column a block: a name alone on its line (no
    heading of the vocabulary), a blank line below it, and above it nothing a grid cannot start under."""
    text = lines[k].strip()
    if not name_like(text) or _heading(text) or (k + 1 < len(lines) and lines[k + 1].strip()):
        return False
    return not k or _starts_above(lines[k - 1].strip())


def read_cell_grid(
    lines: Sequence[str], k: int, skipped: Callable[[int], bool], words: Callable[[], Counter[str]]
) -> AlignedTable | None:
    """The table printed a cell a block whose header's first name is line ``k`` (see the module doc), or None;
    ``skipped``: whether a line is a page's furniture; ``words``: the words the whole text writes (for a word
    a narrow column broke)."""
    if not _opens_grid(lines, k):
        return None
    blocks = _blocks(lines, k, skipped)
    names = 0
    while names < min(len(blocks), _MAX_NAMES + 1) and (
        (len(blocks[names]) == 1 and name_like(name := lines[blocks[names][0]].strip()) and not _heading(name))
        or (names >= 2 and _wrapped_name([lines[j].strip() for j in blocks[names]]))
    ):
        names += 1
    found: list[tuple[tuple[str, ...], list[list[int]], list[tuple[int, tuple[str, ...]]]]] = []
    for n in range(2, min(names, _MAX_NAMES) + 1):
        if any(len(b) > 1 for b in blocks[: n - 1]):
            break  # (only the last name may be wrapped: the widest name in the narrowest column)
        header = tuple(" ".join(lines[j].strip() for j in b) for b in blocks[:n])
        if len(set(header)) < n or any(_HISTORY.search(h) for h in header):
            continue
        if (read := _body(lines, blocks[n:], n, words)) is not None:
            found.append((header, *read))
    if len(found) != 1:
        return None
    header, body, rows = found[0]
    return AlignedTable(header, tuple((body[i][0], cells) for i, cells in rows), k, body[-1][-1] + 1, None)


def _wrapped_name(parts: list[str]) -> bool:
    """Whether a block of two lines is a column's name its narrow cell wrapped: known names, a slash between two
    (``Dose Limit/ Maximum`` / ``Dose``) — a row's cell wrapped so names no column."""
    return len(parts) == 2 and all(name_like(p) for p in parts) and known_names(" ".join(parts))


def _body(
    lines: Sequence[str], blocks: list[list[int]], n: int, words: Callable[[], Counter[str]]
) -> tuple[list[list[int]], list[tuple[int, tuple[str, ...]]]] | None:
    """The rows of ``blocks`` under a header of ``n`` names, and the blocks as read (a row set on one line
    above the next cell, no blank line between, a block of its own): None unless they read one way only.  A
    row set on one line is looked for only where the cells do not share out as they are, the fewest such
    rows first; one at a block's top, above more lines, is taken where it cuts as a row."""
    splittable = [i for i, b in enumerate(blocks) if len(b) > 1 and len(lines[b[0]].split()) > n][:4]
    for size in range(min(len(splittable), _RUN_ONS), -1, -1):
        for split in combinations(splittable, size):
            body: list[list[int]] = []
            forced: set[int] = set()
            for i, b in enumerate(blocks):
                if i in split:
                    forced.add(len(body))
                    body += [b[:1], b[1:]]
                else:
                    body.append(b)
            texts = [_cell([lines[j].strip() for j in b], words) for b in body]
            if any(len(t.split()) > _CELL_WORDS or t.endswith(":") for t in texts):
                return None
            candidates = [
                i for i, b in enumerate(body) if len(b) == 1 and i not in forced and len(texts[i].split()) > n
            ][:10]
            for r in range(_RUN_ONS - size + 1):
                if (len(body) + (size + r) * (n - 1)) % n:
                    continue
                got = [
                    rows
                    for chosen in combinations(candidates, r)
                    if (rows := _grid(texts, n, frozenset(forced | set(chosen)))) is not None
                ]
                if len(got) > 1:
                    return None
                if got:
                    return body, got[0]
    return None


def _cell(parts: list[str], words: Callable[[], Counter[str]]) -> str:
    """A cell's lines as one text; a word a narrow column broke with no hyphen (``Saxend`` / ``a``) joined
    whole where the text writes the whole word elsewhere and never its first part alone."""
    out: list[str] = []
    for p in parts:
        if out and p[:1].islower() and (head := _WORD.search(out[-1].split()[-1])) is not None:
            tail = _WORD.match(p)
            stem = out[-1].split()[-1]
            if tail is not None and head.group(0) == stem and words()[stem + tail.group(0)] > 0 and words()[stem] <= 1:
                out[-1] = out[-1] + p
                continue
        out.append(p)
    return join_cell(out)


_SMALL = frozenset({"a", "an", "and", "for", "of", "the", "to", "in", "on", "or", "with", "by", "per", "then"})


def _column_cells(texts: list[str]) -> dict[int, list[str]]:
    """A column's lines as its cells, by how many rows they make: a line goes on the cell above where it starts
    with ``(`` or the line above leaves a bracket open or stops at a comma or a word that needs the next; it
    starts a cell where it is the first or starts with a digit after a line that ends whole; any other line (a
    word after a line that ends whole: ``topiramate`` under ``(Depakote®)``, ``in divided doses`` under ``…
    mg/day PO``) may do either — all of those start cells, or none does (nothing between is told apart)."""
    kinds: list[str] = []  # (``start``, ``on`` or ``either``)
    depth = 0  # (brackets left open above)
    for i, t in enumerate(texts):
        prev = texts[i - 1] if i else ""
        if i == 0:
            kinds.append("start")
        elif t[:1] == "(" or depth or prev.endswith((",", "-", "–")) or prev.split()[-1].lower() in _SMALL:
            kinds.append("on")
        elif t[:1].isdigit():
            kinds.append("start")
        else:
            kinds.append("either")
        depth = max(0, depth + t.count("(") - t.count(")"))
    out: dict[int, list[str]] = {}
    for either in (False, True):
        cells: list[list[str]] = []
        for t, kind in zip(texts, kinds, strict=True):
            if kind == "start" or (kind == "either" and either):
                cells.append([t])
            else:
                cells[-1].append(t)
        out[len(cells)] = [join_cell(c) for c in cells]
    return out


def read_column_blocks(lines: Sequence[str], k: int, skipped: Callable[[int], bool]) -> AlignedTable | None:
    """A table reading order printed a column a block (LibreOffice's print): from line ``k`` its first
    columns' names a block and a line each (``Drug Name`` / ``Dosing Regimen``), then each column's cells a
    block, a later column's block headed by its own name (``Dose Limit/Maximum`` / ``Dose`` / ``1,000 mg/day`` /
    …), a cell's wrapped lines going on in lower case, after ``(`` or a word that needs the next.  Read where
    every column has as many cells, each column's cells start alike (with a digit or not) and a column of
    each kind pins them; the most columns that read so.  None otherwise."""
    if not _opens_grid(lines, k):
        return None
    blocks = _blocks(lines, k, skipped)
    lone = 0
    while lone < min(len(blocks), _MAX_NAMES) and len(blocks[lone]) == 1:
        if not name_like(lines[blocks[lone][0]].strip()) or _heading(lines[blocks[lone][0]].strip()):
            break
        lone += 1
    if not 1 <= lone < len(blocks):
        return None
    names = [lines[b[0]].strip() for b in blocks[:lone]]
    options: list[dict[int, list[str]]] = []
    for i, block in enumerate(blocks[lone : lone + _MAX_NAMES]):
        texts = [lines[j].strip() for j in block]
        if i < lone:
            options.append(_column_cells(texts))
            continue
        # (a later column's block headed by its name, wrapped over a line or two)
        named = [p for p in (1, 2) if p < len(texts) and all(_name_part(t) for t in texts[:p]) and name_like(texts[0])]
        if len(named) == 0:
            break
        names.append(" ".join(texts[: named[-1]]))
        options.append({n: c for p in named for n, c in _column_cells(texts[p:]).items()} if len(named) == 1 else {})
        if len(named) > 1:
            # (the name's second line or the first cell: whichever gives the rows the other columns have)
            got = [(p, n, c) for p in named for n, c in _column_cells(texts[p:]).items()]
            common = set.intersection(*(set(o) for o in options[:-1]))
            fits = [(p, c) for p, n, c in got if n in common]
            if len({p for p, _ in fits}) != 1:
                names.pop()
                options.pop()
                break
            names[-1] = " ".join(texts[: fits[0][0]])
            options[-1] = {len(c): c for _, c in fits}
    best: AlignedTable | None = None
    for m in range(2, len(options) + 1):
        if m != len(names[:m]) or m > len(names):
            break
        common = set.intersection(*(set(o) for o in options[:m]))
        if len(common) != 1 or (rows := common.pop()) < 2:
            continue
        columns = [o[rows] for o in options[:m]]
        if any(len(c.split()) > _CELL_WORDS for column in columns for c in column) or not _pinned(columns):
            continue
        body = tuple(zip(*columns, strict=True))
        at = sorted(j for b in blocks[lone : lone + m] for j in b)  # (a line each row is written on)
        end = blocks[lone + m - 1][-1] + 1
        best = AlignedTable(tuple(names[:m]), tuple((at[r], row) for r, row in enumerate(body)), k, end, None)
    return best


def _name_part(text: str) -> bool:
    return len(text) <= 40 and not any(ch.isdigit() for ch in text) and not text.endswith((".", ";", ":"))


def _pinned(columns: list[list[str]]) -> bool:
    """Whether each column's cells start alike (with a digit or not), a column of each kind."""
    kinds = []
    for column in columns:
        starts = {_digit(c) for c in column}
        if len(starts) != 1:
            return False
        kinds.append(starts.pop())
    return any(kinds) and not all(kinds)
