"""Tables printed cell by cell (``pdftotext`` in reading order of a browser's or LibreOffice's print).

Reading order gives a table one cell after the other, each cell a block of its own (its lines, then a
blank line): the header's names first (``CPT Code`` / ``Description``), then each row's cells.  Where
the cells are not told apart by anything but their order, a reader cannot be sure which block is which
cell (an empty cell is no block; two cells close together are one line): those stay text.  A table
whose rows each hold a **key** — a procedure code or a date alone in its cell — is read back:

* **key first** (``Code | Description``, ``Date | Summary of Changes``): the header is the two to six
  name blocks right before the first key; a row runs from its key to the next key, its other cells
  the blocks between (an empty last cell is no block: it stays empty; a last cell of several
  paragraphs: its blocks joined);
* **key last** (``Type of Revision | Summary of Changes | Date``): the header is the names before the
  first row, as many as the key's spacing says; each row is the blocks up to its key, exactly (or up to
  its keys: ``Summary | Revision Date | Approval Date``, two dates a row, ``01/15/2024``, ``01-15-2024`` or
  ``Mar 2024``;
  the header repeated after a page break passed over; a first line of two names, ``Type of Revision
  Summary of Changes``, split where one capitalised word meets another, when there is one such place; a
  row's date on its text's line after the text's closing stop, its own cell);
* **key at both ends** (``Revision Date | Reviews, Revisions, and Approvals | Approval Date``): each row
  its date, its text and its closing date; a closing date followed by text and a date (reading order
  ran the row's own into its text) makes the rows unsure;
* **keys first, two or more a row** (``Review Date | Effective Date | Status | Summary``): each row as many
  blocks as the header has names, its keys in the same columns every row (:func:`_cycle`);
* **no key** (``Criterion | Requirement``): two names, then three rows or more of a short label and a
  longer text, to the first block that breaks that;
* **a header on one line** (:func:`read_cells_inline`: ``Effective Date Description of Change``, its
  first key right under it): two columns split after the key column's name, each row a key and its text.

The table ends at the first block that does not fit (a known heading, a row of the wrong size, another
table's one-line header); a header name wrapped onto the line under the heading above it (``Revision
Details`` / ``Type of`` / ``Revision``) is the name's.  Page furniture (a browser's address, counter
and date stamp, lines the caller names) inside the table is skipped, never a cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from policyvc.parser.aligned_tables import AlignedTable, glued_label, join_cell, name_like, wrapped_name_like
from policyvc.parser.template_spec import HEADINGS

__all__ = ["keyed", "read_cells", "read_cells_inline"]

_ONE_CODE = r"(?:\d{5}|\d{4}[FTU]|[A-V]\d{4}|[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
# (a range may lose its dash in reading order: ``G56.00 G56.03``)
# (a code's set may stand before it in its cell, or in a cell of its own on the same line: ``CPT® 43644``;
# a log's date may be a month and a two-digit year, ``09/25`` — not ``4/2026``, which a section's number
# may follow on its line in another shape's rows)
# (or a month and year in words, as a browser's print of a log writes it: ``Mar 2024``, ``January 2026``)
_MONTH_YEAR = (
    r"(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August"
    r"|September|October|November|December) \d{4}"
)
_KEY = re.compile(
    rf"^(?:{_MONTH_YEAR}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}-\d{{1,2}}-\d{{4}}|\d{{1,2}}/\d{{2}}|(?:(?:CPT|HCPCS|ICD-?10(?:-CM|-PCS)?)[®*]*\s+)?{_ONE_CODE}"
    rf"(?:\s*[-–]?\s*{_ONE_CODE})?)$"
)
# (a code or a month in words and its row's text on one line, ``E0652 Pneumatic …``, ``Aug 2024 Bipolar …``;
# no code after it)
_KEY_ROW = re.compile(rf"^(?P<key>{_ONE_CODE}|{_MONTH_YEAR})\s+(?P<rest>(?:[A-Z][a-z]|\()\S*(?:\s.*)?)$")
# (a code set's name alone in its cell — a ``Type`` column: ``CPT®`` / ``HCPCS`` — and a row of the three
# cells on one line, one space apart: ``HCPCS L8680 Implantable …``)
_SET = re.compile(r"^(?:CPT|HCPCS|ICD-?10(?:-CM|-PCS)?)[®*]*$")
_SET_ROW = re.compile(
    rf"^(?P<set>(?:CPT|HCPCS|ICD-?10(?:-CM|-PCS)?)[®*]*)\s+(?P<key>{_ONE_CODE})\s+(?P<rest>(?:[A-Z][a-z]|\()\S*(?:\s.*)?)$"
)
# (a key column's name ends at such a word: a header reading order set on one line splits after it,
# ``Effective Date Description of Change``, ``ICD-10-CM Code Description``)
_KEY_NAME_END = re.compile(r"^(?:Codes?|Dates?|Numbers?)$", re.I)
# (a line that ends as a column's whole name ends: a heading above a header, never a name's first line)
_WHOLE_NAME = re.compile(r"\b(?:Codes?|Dates?|Descriptions?)$", re.I)
# (a section's numbered heading, ``V. Products and Dosing Limits``, ``4.0 Codes``: never a header's cell)
_NUMBERED_HEADING = re.compile(r"^(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.?)\s+[A-Z]")
# (a code column's name: where a table names one, its rows' codes stand there — a date column's name says
# less, a table may have several, ``Updated On`` / ``Effective Dates``)
_KEY_COLUMN = re.compile(r"\b(?:Codes?|CPT|HCPCS|ICD-?10\S*)", re.I)
_MAX_BLOCKS = 400  # (how far a table is read: a table is never longer)
_MAX_COLUMNS = 6


@dataclass(frozen=True, slots=True)
class _Block:
    lines: tuple[int, ...]
    texts: tuple[str, ...]

    @property
    def text(self) -> str:
        return join_cell(list(self.texts))


_STATED_HEADING = re.compile(r"^#{1,6} \S")  # (a heading the producer states, written as markdown: heading_marks)


def _blocks(lines: Sequence[str], k: int, furniture: Callable[[int], bool], most: int = _MAX_BLOCKS) -> list[_Block]:
    """The blocks from line ``k`` on (runs of lines between blank lines; furniture skipped), at most
    ``most``, ending at a tab-separated line or at a heading the document states (``# Description``: Word's
    heading style, a PDF's heading font) — a stated heading is no table's cell."""
    out: list[_Block] = []
    at: list[int] = []
    for j in range(k, len(lines)):
        text = lines[j].strip()
        if "\t" in lines[j] or len(out) >= most or _STATED_HEADING.match(text):
            break
        if not text or furniture(j):
            if at and not text:
                out.append(_Block(tuple(at), tuple(lines[i].strip() for i in at)))
                at = []
            continue
        at.append(j)
    if at and len(out) < most:
        out.append(_Block(tuple(at), tuple(lines[i].strip() for i in at)))
    return [cell for block in out for piece in _split_key(block) for cell in _key_and_text(piece)]


def _split_key(block: _Block) -> list[_Block]:
    """A key line reading order set against the cell above or below it (no blank line between): its own
    block (``Supporting Information: …`` / ``01/01/2025``)."""
    if len(block.texts) < 2:
        return [block]
    if _KEY.match(block.texts[-1]) and not _KEY.match(block.texts[-2]) and not block.texts[-2].endswith(("-", "–")):
        return [_Block(block.lines[:-1], block.texts[:-1]), _Block(block.lines[-1:], block.texts[-1:])]
    if _KEY.match(block.texts[0]) and not _KEY.match(block.texts[1]):
        return [_Block(block.lines[:1], block.texts[:1]), _Block(block.lines[1:], block.texts[1:])]
    # (a key set beside the middle of its row's wrapped text — a cell middle-aligned, reading order gives
    # it between the text's lines: ``… References reviewed and`` / ``10/25`` / ``updated.`` —: the text
    # goes on across it, so the text is one cell and the key the next)
    mid = [i for i in range(1, len(block.texts) - 1) if _KEY.match(block.texts[i])]
    if len(mid) == 1 and not any(_KEY.match(t) for j, t in enumerate(block.texts) if j != mid[0]):
        i = mid[0]
        before, after = block.texts[i - 1], block.texts[i + 1]
        if after[:1].islower() and not before.endswith((".", ":", ";")):
            rest = block.lines[:i] + block.lines[i + 1 :]
            return [
                _Block(rest, block.texts[:i] + block.texts[i + 1 :]),
                _Block(block.lines[i : i + 1], (block.texts[i],)),
            ]
    return [block]


def _key_and_text(block: _Block) -> list[_Block]:
    """A block of one line that is a code and its description (``E0652 Pneumatic compressor …``: a row
    whose cells reading order set on one line, its description perhaps wrapped onto lines that go on in
    lower case): two blocks, the key's and the text's; a block whose every
    line is a code set's name, a code and its description (``HCPCS L8680 Implantable …``): three a line."""
    if all(_SET_ROW.match(t) for t in block.texts):
        return [
            _Block((i,), (part,))
            for i, t in zip(block.lines, block.texts, strict=True)
            for m in [_SET_ROW.match(t)]
            if m is not None
            for part in (m.group("set"), m.group("key"), m.group("rest"))
        ]
    wrapped = all(t[:1].islower() or t[:1] == "(" for t in block.texts[1:])  # (its description wrapped below)
    if not wrapped or (m := _KEY_ROW.match(block.texts[0])) is None:
        return [block]
    if len(block.texts) > 1:
        return [_Block(block.lines[:1], (m.group("key"),)), _Block(block.lines, (m.group("rest"), *block.texts[1:]))]
    return [_Block(block.lines, (m.group("key"),)), _Block(block.lines, (m.group("rest"),))]


def _is_name(block: _Block) -> bool:
    return len(block.texts) <= 3 and name_like(block.texts[0]) and all(wrapped_name_like(t) for t in block.texts[1:])


def _is_key(block: _Block) -> bool:
    return len(block.texts) <= 2 and bool(_KEY.match(" ".join(block.texts)))


def _is_heading(block: _Block) -> bool:
    return block.texts[0].removesuffix(":").casefold() in HEADINGS


def read_cells(lines: Sequence[str], k: int, furniture: Callable[[int], bool]) -> AlignedTable | None:
    """The table printed cell by cell whose header's first name ends at line ``k`` (the last line of its
    block), or None (see the module doc)."""
    if k + 1 >= len(lines) or lines[k + 1].strip() or furniture(k):
        return None  # (a page's furniture — a browser's page title under its stamp — names no column)
    if not name_like(text := lines[k].strip()) and len(_two_names(_Block((k,), (text,)))) != 2:
        return None  # (its first name, or two set on one line: ``Type of Revision Summary of Changes``)
    first = k  # (a name wrapped onto the line under a heading: ``Type of`` / ``Revision``)
    while (
        first > 0
        and k - first < 2
        and (above := lines[first - 1].strip())
        and wrapped_name_like(above)
        and above.casefold() not in HEADINGS
        and not _NUMBERED_HEADING.match(above)
        and not furniture(first - 1)
        and (
            (len(above.split()) <= 2 and len(above) <= 15 and not _WHOLE_NAME.search(above))
            or (_right_under_heading(lines, first - 1) and not _WHOLE_NAME.search(lines[k].strip()))
        )
    ):
        first -= 1
    if first > 0 and not lines[first - 1].strip():
        # (a name block above it too, a blank line between: the header began above, with cells reading
        # order moved there — ``Codes`` / ``CPT`` / ``HCPCS`` / ``Number``; unsure: text)
        p = next((j for j in range(first - 1, -1, -1) if lines[j].strip()), None)
        if p is not None and furniture(p):
            p = None  # (a page's furniture right above: the header starts the page, no name of it above)
        if p is not None and (p == 0 or not lines[p - 1].strip() or _heading_line(lines, p - 1)):
            # (or under a heading set right above it, ``III. Supply Limits`` / ``Supply``)
            above = lines[p].strip()
            # (unless it is the section's heading the first name repeats, ``Reviews, Revisions, and Approvals``)
            if (
                name_like(above)
                and above.removesuffix(":").casefold() not in HEADINGS
                and not _NUMBERED_HEADING.match(above)
                and _words(above) != _words(lines[first].strip())
            ):
                return None
    head = _Block(tuple(range(first, k + 1)), tuple(lines[i].strip() for i in range(first, k + 1)))
    second = _blocks(lines, k + 1, furniture, 1)
    after = k + 1  # (where the blocks after the header's first name start)
    if (
        first == k
        and text.removesuffix(":").casefold() in HEADINGS
        and second
        and len(names := _two_names(second[0]) if len(second[0].text.split()) > 2 else _two_words(second[0])) == 2
    ):
        # (a section's heading over a header of two names on one line, ``Coding`` / ``Code Description``: the
        # heading names no column — the header is that line's two names)
        head, second, first, after = names[0], names[1:], second[0].lines[0], second[0].lines[-1] + 1
    if not second or not _is_name(second[0]):
        return None
    extra = second if after != k + 1 else []
    # (the first key comes within two rows' blocks of the header, or this is no such table)
    near = [head, *extra, *_blocks(lines, after, furniture, 3 * _MAX_COLUMNS)]
    if len(near) >= 5 and not any(_is_key(b) for b in near[:4]):
        # (no key under the names: a label and its text a row, ``Age`` / ``Member is 18 …``)
        whole = [head, *extra, *_blocks(lines, after, furniture)]
        if (labelled := _labelled(whole) or _marked(whole)) is not None:
            _, rows, last = labelled
            return AlignedTable(tuple(b.text for b in whole[:2]), tuple(rows), first, whole[last].lines[-1] + 1, None)
    if len(near) < 5 or sum(1 for b in near for c in _unglued(b) if _is_key(c)) < 2:
        return None
    blocks = [head, *extra, *_blocks(lines, after, furniture)]
    keys = [i for i, b in enumerate(blocks) if _is_key(b)]
    p0 = keys[0]
    read = None
    if 3 <= p0 <= _MAX_COLUMNS + 1 and _SET.match(blocks[p0 - 1].text):
        # (a code set's name before each key: ``Type | Code | Description``)
        read = _set_first(sets := _without_repeats(blocks, p0 - 1), p0 - 1)
        blocks = sets if read is not None else blocks
    if read is None:
        # (a key inside each row, every row whole: the keys' spacing and the header's names agree — read
        # first, as a key-first read would take the first row's cells for names)
        read, blocks = _rows_key_inside(blocks)
    if read is None and 2 <= p0 <= _MAX_COLUMNS:
        read = _key_first(firsts := _without_repeats(blocks, p0), p0)
        read = read or _key_both(firsts, p0)
        blocks = firsts if read is not None else blocks
    if read is None:
        read, blocks = _rows_key_last(blocks)
    if read is None and 3 <= p0 <= _MAX_COLUMNS:
        read = _cycle(firsts := _without_repeats(blocks, p0), p0)
        blocks = firsts if read is not None else blocks
    if read is None:
        return None
    n, rows, last = read
    if len(rows) < 2:
        return None
    header = tuple(b.text for b in blocks[:n])
    end = blocks[last].lines[-1] + 1
    if n > 2 and len(blocks) < 1 + len(_blocks(lines, k + 1, furniture)):
        end = _past_stray_name(lines, end, header, furniture)  # (a header repeated in part: its name may stray)
    return AlignedTable(header, tuple(rows), first, end, None)


def _named_at(names: list[_Block], keys: range) -> bool:
    """Whether a header whose rows' keys stand in the columns ``keys`` names no code column elsewhere
    unless it names one there too (``Supply | HCPCS | Quantity limit``: the key is the second)."""
    named = [i for i, b in enumerate(names) if _KEY_COLUMN.search(b.text)]
    return not named or any(i in keys for i in named)


def _heading_line(lines: Sequence[str], j: int) -> bool:
    """Whether line ``j`` is a section's heading alone in its block's head (numbered, or of the vocabulary)."""
    text = lines[j].strip()
    alone = j == 0 or not lines[j - 1].strip()
    return alone and (bool(_NUMBERED_HEADING.match(text)) or text.removesuffix(":").casefold() in HEADINGS)


def _words(text: str) -> str:
    return " ".join(text.removesuffix(":").split()).casefold()


def keyed(text: str) -> bool:
    """Whether ``text`` is a row's key alone on its line (a code or a date)."""
    return bool(_KEY.match(text))


def _inline_names(text: str) -> tuple[str, str] | None:
    """A two-column header reading order set on one line, split after its key column's name
    (``Effective Date`` / ``Description of Change``); None unless exactly one word can end it."""
    words = text.split()
    ends = [i for i, w in enumerate(words[:-1]) if _KEY_NAME_END.match(w) and words[i + 1][:1].isupper()]
    if len(ends) != 1 or not name_like(text) or text.removesuffix(":").casefold() in HEADINGS:
        return None
    first, second = " ".join(words[: ends[0] + 1]), " ".join(words[ends[0] + 1 :])
    return (first, second) if name_like(first) and name_like(second) else None


def _new_header(blocks: list[_Block], j: int) -> bool:
    """Whether block ``j`` is the one-line header of another table: its first key right under it."""
    b = blocks[j]
    return (
        len(b.texts) == 1
        and _inline_names(b.texts[0]) is not None
        and j + 1 < len(blocks)
        and _is_key(blocks[j + 1])
        and blocks[j + 1].lines[0] == b.lines[-1] + 1
    )


def read_cells_inline(lines: Sequence[str], k: int, furniture: Callable[[int], bool]) -> AlignedTable | None:
    """The two-column table printed cell by cell whose header reading order set on line ``k``, its first
    key right under it (``Effective Date Description of Change`` / ``03/01/2020`` / ``New policy``): each
    row its key and the text up to the next key; the header written again after a page break is passed
    over.  None when the header does not split into two names or fewer than two rows read."""
    text = lines[k].strip()
    names = _inline_names(text)
    if names is None or k + 1 >= len(lines) or not _KEY.match(lines[k + 1].strip()):
        return None
    again = " ".join(text.split()).casefold()
    rest = [b for b in _blocks(lines, k + 1, furniture) if " ".join(b.text.split()).casefold() != again]
    blocks = [_Block((k,), (names[0],)), _Block((k,), (names[1],)), *rest]
    read = _key_first(blocks, 2)
    if read is None or len(read[1]) < 2:
        return None
    _, rows, last = read
    if any(not cells[1] for _, cells in rows):
        return None  # (a key with no text: the rows cannot be told apart for sure)
    return AlignedTable(names, tuple(rows), k, blocks[last].lines[-1] + 1, None)


def _right_under_heading(lines: Sequence[str], j: int) -> bool:
    """Whether line ``j`` stands right under a heading of the vocabulary (``Coding`` / ``CPT Procedure
    Code`` / ``Number(s)``): no subheading of its own there, so — above a line that does not end as a whole
    name ends (``Code`` would: ``CPT Codes`` above it is a subheading) — a name's first line, however it ends."""
    return j > 0 and len(lines[j].split()) <= 4 and lines[j - 1].strip().removesuffix(":").casefold() in HEADINGS


def _without_repeats(blocks: list[_Block], n: int) -> list[_Block]:
    """``blocks`` without the header's ``n`` names written again in order further on (a page break
    inside the table repeats its header row: never a row's cells)."""
    names = [" ".join(b.text.split()).casefold() for b in blocks[:n]]
    out, i = list(blocks[:n]), n
    while i < len(blocks):
        if [" ".join(b.text.split()).casefold() for b in blocks[i : i + n]] == names:
            i += n
            continue
        if n > 2 and [" ".join(b.text.split()).casefold() for b in blocks[i : i + n - 1]] == names[1:]:
            i += n - 1  # (all names but the first, which reading order set elsewhere: :func:`_past_stray_name`)
            continue
        out.append(blocks[i])
        i += 1
    return out


def _past_stray_name(lines: Sequence[str], end: int, header: tuple[str, ...], furniture: Callable[[int], bool]) -> int:
    """``end``, or past the block right after the table when it is the header's first name alone: the name of a
    header repeated after a page break that reading order set after the rows (``Revision Date`` / ``Approval
    Date`` over the page's rows, ``Reviews, Revisions, and Approvals`` under them) — never a heading of its own."""
    after = _blocks(lines, end, furniture, 1)
    if after and len(after[0].texts) == 1 and _words(after[0].text) == _words(header[0]):
        return after[0].lines[-1] + 1
    return end


# a document's identifier alone in its block (``MP-GI-017``, ``CP.MP.180``): one word of capitals and digits, three
# digits in a row — no column's name (``ICD-10``, ``CPT®``)
_IDENTIFIER = re.compile(r"^(?=[^\s]*\d{3})[A-Z][A-Z0-9]*(?:[.-][A-Z0-9]+)+$")


def _key_first(blocks: list[_Block], n: int) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """Rows that start with their key: the header is the ``n`` blocks before the first key."""
    if not all(_is_name(b) for b in blocks[:n]):
        return None
    if any(_IDENTIFIER.match(b.text) for b in blocks[:n]):
        return None  # (a field's value among the names: a header's grid of fields, ``Policy Number`` / ``MP-17``)
    rows: list[tuple[int, tuple[str, ...]]] = []
    i, last = n, n - 1
    while i < len(blocks) and _is_key(blocks[i]):
        j = i + 1
        while (
            j < len(blocks)
            and not _is_key(blocks[j])
            and not _is_heading(blocks[j])
            and not _new_header(blocks, j)
            and j - i <= n + 1
        ):
            j += 1
        if j >= len(blocks) or not _is_key(blocks[j]):
            j = min(j, i + n)  # (the last row: as many cells as the header, no more)
        cells = [blocks[i].text, *(b.text for b in blocks[i + 1 : j])]
        if len(cells) > n:
            if any(_KEY.match(c.split()[0]) for c in cells[n:]):
                return None  # (a paragraph that starts with a key: a row run into one, ``6/2025 1.1``; unsure)
            cells = [*cells[: n - 1], " ".join(cells[n - 1 :])]  # (a last cell of several paragraphs)
        rows.append((blocks[i].lines[0], tuple([*cells, *[""] * (n - len(cells))])))
        last = j - 1
        i = j
    if rows and not any(cells[-1] for _, cells in rows):
        return None  # (no row fills the last column: the header took a row's cells, ``CPT`` / ``HCPCS``)
    if not _named_at(blocks[:n], range(1)):
        return None  # (a code column named after the first: the key stands inside the rows)
    return n, rows, last


def _cycle(blocks: list[_Block], n: int) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """Rows of exactly ``n`` cells, one block each, the header's ``n`` names before them, whose keys stand in
    the same columns in every row, two or more first (``Review Date | Effective Date | Status | Summary``: two
    dates, a word and a text).  The rows stop at the first that breaks the cycle; fewer than two rows, or a key
    out of its columns: None (unsure — the blocks stay text)."""
    if not all(_is_name(b) for b in blocks[:n]) or any(_IDENTIFIER.match(b.text) for b in blocks[:n]):
        return None
    pattern = tuple(_is_key(b) for b in blocks[n : 2 * n])
    keys = pattern.index(False) if False in pattern else n
    if len(pattern) < n or keys < 2 or keys == n or any(pattern[keys:]):
        return None  # (the keys lead each row, two or more: a key at both ends is another table's)
    rows: list[tuple[int, tuple[str, ...]]] = []
    i, last = n, n - 1
    while i + n <= len(blocks):
        row = blocks[i : i + n]
        if tuple(_is_key(b) for b in row) != pattern:
            break
        if any(_is_heading(b) or _new_header(blocks, i + c) for c, b in enumerate(row)):
            break
        rows.append((row[0].lines[0], tuple(b.text for b in row)))
        last, i = i + n - 1, i + n
    if len(rows) < 2 or not _named_at(blocks[:n], range(n)):
        return None
    return n, rows, last


_MIN_LABELLED = 3  # (rows: fewer label-and-text pairs under two names are as likely headings over paragraphs)
_SENTENCE_END = re.compile(r"[.;:!?]$")


# (a row's label may be an abbreviation written with a small letter first, ``rTMS``, ``eGFR``, ``dMMR``)
_ABBREVIATION = re.compile(r"^[a-z]{1,2}[A-Z]{2,}[A-Za-z0-9-]*$")


def _label(block: _Block, *, name: bool = False) -> bool:
    """A row's label in a two-column table without keys: a short name (``Age``, ``Conservative`` / ``care``),
    no sentence's end, no heading of the vocabulary — but a column's ``name`` may be one (``Criteria``)."""
    words = block.text.split()
    return (
        len(block.texts) <= 2
        and 0 < len(words) <= 4
        and (name_like(block.texts[0]) or (not name and _ABBREVIATION.match(block.texts[0]) is not None))
        and not _SENTENCE_END.search(block.text)
        and (name or not _is_heading(block))
        and not _is_key(block)
    )


def _labelled(blocks: list[_Block]) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """A two-column table with no key (``Criterion | Requirement``) printed cell by cell: its two names, then
    rows of a short label and a longer text (more words than the label, not a label itself), at least
    :data:`_MIN_LABELLED` of them; the table ends at the first block that breaks the alternation (an empty
    cell is no block, so a row cannot be paired past it).  A row reading order set on one line (its label the
    column's widest, one space from its text) is a row where :func:`_glued_row` splits it; the next row's
    label run onto its block's next line is that row's (``blocks`` then holds the label's block there)."""
    if not (_label(blocks[0], name=True) and _label(blocks[1], name=True)) or any(len(b.texts) > 1 for b in blocks[:2]):
        return None
    rows: list[tuple[int, tuple[str, ...]]] = []
    i = 2
    while i < len(blocks):
        if i + 1 < len(blocks) and _label(blocks[i]) and not _label(blocks[i + 1]) and not _is_key(blocks[i + 1]):
            if len(blocks[i + 1].text.split()) <= len(blocks[i].text.split()) or _is_heading(blocks[i + 1]):
                break
            rows.append((blocks[i].lines[0], (blocks[i].text, blocks[i + 1].text)))
            i += 2
            continue
        if not rows or (glued := _glued_row(blocks[i])) is None:
            break
        rows.append((blocks[i].lines[0], glued))
        rest = _Block(blocks[i].lines[1:], blocks[i].texts[1:])
        if not rest.texts:
            i += 1
        elif _label(rest):
            blocks[i] = rest  # (the next row's label, reading order set under the glued row, no blank between)
        else:
            rows.pop()  # (a wrapped text under it: where the row ends is unsure — the table ends above it)
            break
    return (2, rows, i - 1) if len(rows) >= _MIN_LABELLED else None


_MARK = re.compile(r"^[✓✔✗✘☑☒]$")  # (a yes/no column's cell: a check mark or a cross alone)
_GLUED_MARK = re.compile(r"^(?P<label>\S.*?) (?P<mark>[✓✔✗✘☑☒])$")
_MIN_MARKED = 2  # (a mark alone in its cell is no paragraph's: two such rows are a table)
_MARKED_WORDS = 8  # (a row's label beside a mark may be a plan's full name: ``Medicare Advantage … Plan``)
_MARK_LABEL = re.compile(r"^[A-Z(][^:;✓✔✗✘☑☒]*$")  # (a capital first; no field's colon, no clause, no mark)


def _mark_label(block: _Block) -> bool:
    """A row's label beside a mark: a name of a few words, on one line or two, no sentence's end."""
    words = block.text.split()
    return (
        len(block.texts) <= 2
        and 0 < len(words) <= _MARKED_WORDS
        and _MARK_LABEL.match(block.text) is not None
        and not _SENTENCE_END.search(block.text)
        and not _is_heading(block)
        and not _is_key(block)
    )


def _marked(blocks: list[_Block]) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """A two-column table of a label and a mark (``Product | Applies`` / ``Medicaid`` / ``✓``) printed cell by
    cell: its two names, then rows of a short label and a check mark or cross alone, or both set on one line
    (``Medicare-Medicaid Plan ✓``: the label too wide for its column), the next row's label maybe run onto
    that block's next line; at least :data:`_MIN_MARKED` rows, to the first block that breaks that."""
    if not (_label(blocks[0], name=True) and _label(blocks[1], name=True)) or any(len(b.texts) > 1 for b in blocks[:2]):
        return None
    rows: list[tuple[int, tuple[str, ...]]] = []
    i = 2
    while i < len(blocks):
        block = blocks[i]
        glued = _GLUED_MARK.match(block.texts[0])
        if glued is None and i + 1 < len(blocks) and _mark_label(block) and _MARK.match(blocks[i + 1].text):
            rows.append((block.lines[0], (block.text, blocks[i + 1].text)))
            i += 2
            continue
        if glued is None or not _mark_label(_Block(block.lines[:1], (glued["label"],))):
            break
        rows.append((block.lines[0], (glued["label"], glued["mark"])))
        rest = _Block(block.lines[1:], block.texts[1:])
        if not rest.texts:
            i += 1
        elif _mark_label(rest):
            blocks[i] = rest  # (the next row's label, reading order set under the glued row)
        else:
            break  # (text under it: the table ends with this row)
    return (2, rows, i - 1) if len(rows) >= _MIN_MARKED else None


def _glued_row(block: _Block) -> tuple[str, str] | None:
    """A label and its text reading order set on one line, the first of ``block``'s (``Cryptogenic stroke
    Neuroimaging report …``), split as :func:`~policyvc.parser.aligned_tables.glued_label` says, its label a
    row's label."""
    if (found := glued_label(block.texts[0])) is None:
        return None
    return found if _label(_Block(block.lines[:1], (found[0],))) else None


_DATE_NAME = re.compile(r"\bDates?$", re.I)
_DAY_KEY = re.compile(r"^\d{1,2}/\d{1,2}(?:/\d{2,4})?$")


def _key_both(blocks: list[_Block], n: int) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """Rows that start and end with a date (``Revision Date | Reviews, Revisions, and Approvals | Approval
    Date``: ``02/26`` / ``Annual review. …`` / ``02/26``): the header is the ``n`` blocks before the first
    key, each row its date, its text (a block a cell; a last text cell of several paragraphs joined) and its
    closing date.  Every row must close so — a row without its second date, or a key that is a code, is a
    shape this cannot tell apart: None."""
    if n < 3 or not all(_is_name(b) for b in blocks[:n]):
        return None
    rows: list[tuple[int, tuple[str, ...]]] = []
    i, last = n, n - 1
    while i < len(blocks) and _is_key(blocks[i]):
        j = i + 1
        while j < len(blocks) and not _is_key(blocks[j]) and not _is_heading(blocks[j]) and j - i <= n:
            j += 1
        if j == i + 1 or j >= len(blocks) or not _is_key(blocks[j]):
            break
        if not (_DAY_KEY.match(blocks[i].text) and _DAY_KEY.match(blocks[j].text)):
            return None
        if j + 2 < len(blocks) and not _is_key(blocks[j + 1]) and _is_key(blocks[j + 2]):
            return None  # (text, then a date, after the row: its closing date was the next row's first — unsure)
        texts = [b.text for b in blocks[i + 1 : j]]
        texts = [*texts[: n - 3], " ".join(texts[n - 3 :])]  # (n - 2 text cells)
        rows.append((blocks[i].lines[0], (blocks[i].text, *texts, *[""] * (n - 2 - len(texts)), blocks[j].text)))
        last = j
        i = j + 1
    if len(rows) < 2 or (i < len(blocks) and _is_key(blocks[i])):
        return None  # (fewer than two rows, or a key left over: the rows are not sure)
    return n, rows, last


_GLUED_DATE = re.compile(r"^(?P<text>.*[.;)]) (?P<date>\d{1,2}/\d{1,2}/\d{4})$")


def _unglued(block: _Block) -> list[_Block]:
    """A row's last text cell and its date cell that reading order set on one line, the date after the
    text's closing stop (``Threshold lowered to 55 mg/dL. 02/04/2026``): the text's block and the date's;
    any other block as it is.  Only a full date after a sentence's end: a date inside a sentence stays."""
    m = _GLUED_DATE.match(block.texts[-1])
    if m is None:
        return [block]
    return [_Block(block.lines, (*block.texts[:-1], m.group("text"))), _Block(block.lines[-1:], (m.group("date"),))]


def _two_words(block: _Block) -> list[_Block]:
    """A line of two capitalised words, each a column's name (``Code Description``), as two names."""
    words = block.texts[0].split() if len(block.texts) == 1 else []
    if len(words) != 2 or not all(w[:1].isupper() and name_like(w) for w in words):
        return [block]
    return [_Block(block.lines, (words[0],)), _Block(block.lines, (words[1],))]


def _two_names(block: _Block) -> list[_Block]:
    """A header's first line holding two names reading order set side by side (``Type of Revision Summary
    of Changes``): split where one capitalised word meets another — only when exactly one such place is
    there, so neither name ends or starts with a small word (``of``); else the block as it is."""
    words = block.texts[0].split() if len(block.texts) == 1 else []
    ends = [i for i in range(len(words) - 1) if words[i][:1].isupper() and words[i + 1][:1].isupper()]
    if len(ends) != 1 or ends[0] == 0 or ends[0] == len(words) - 2:
        return [block]
    first, second = " ".join(words[: ends[0] + 1]), " ".join(words[ends[0] + 1 :])
    if not (name_like(first) and name_like(second)):
        return [block]
    return [_Block(block.lines, (first,)), _Block(block.lines, (second,))]


def _rows_key_last(
    blocks: list[_Block],
) -> tuple[tuple[int, list[tuple[int, tuple[str, ...]]], int] | None, list[_Block]]:
    """Rows that end with their keys (:func:`_key_last`), the header written again after a page break
    passed over; failing that, the same with a row's date set on its text's line split off and a
    header's first line of two names split in two.  The read, and the blocks it counts in."""
    tries = [blocks]
    unglued = [c for b in blocks for c in _unglued(b)]
    if len(unglued) > len(blocks):
        tries.append(unglued)
    tries += [[*_two_names(t[0]), *t[1:]] for t in list(tries) if len(_two_names(t[0])) == 2]
    for t in tries:
        keys = [i for i, b in enumerate(t) if _is_key(b)]
        if not keys or (n := _key_last_width(keys)) is None:
            continue
        lasts = _without_repeats(t, n)  # (never a row's cells: see there)
        if (read := _key_last(lasts, [i for i, b in enumerate(lasts) if _is_key(b)])) is not None and len(read[1]) >= 2:
            return read, lasts
    return None, blocks


def _key_last_width(keys: list[int]) -> int | None:
    """How many columns rows that end with their ``m`` keys have, from where the first keys stand (the
    header's ``n`` names, then the first row's ``n - m`` text cells): None when no such width fits."""
    m = 1
    while m < len(keys) and keys[m] == keys[0] + m:
        m += 1
    n, odd = divmod(keys[0] + m, 2)
    return n if not odd and 2 <= n <= _MAX_COLUMNS and m < n else None


def _key_last(blocks: list[_Block], keys: list[int]) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """Rows that end with their key, or with ``m`` keys in a row (``Summary | Revision Date | Approval
    Date``): the header is as many names as the spacing of the rows' first keys."""
    m = 1
    while m < len(keys) and keys[m] == keys[0] + m:
        m += 1
    n = keys[m] - keys[0] if m < len(keys) else 0
    if not 2 <= n <= _MAX_COLUMNS or m >= n or keys[0] != 2 * n - m or not all(_is_name(b) for b in blocks[:n]):
        return None
    if not _named_at(blocks[:n], range(n - m, n)):
        return None  # (a code column named before the keys: they are not the rows' last cells)
    if any(_DATE_NAME.search(b.text) for b in blocks[n : keys[0]]):
        return None  # (a date column's name in the first row: the header is wider than the keys' spacing says)
    rows: list[tuple[int, tuple[str, ...]]] = []
    last = n - 1
    for r in range(n, len(blocks), n):
        row = blocks[r : r + n]
        if (
            len(row) < n
            or not all(_is_key(b) for b in row[n - m :])
            or any(_is_key(b) or _is_heading(b) for b in row[: n - m])
        ):
            break
        rows.append((row[0].lines[0], tuple(b.text for b in row)))
        last = r + n - 1
    if last + 1 < len(blocks) and _is_key(blocks[last + 1]):
        return None  # (a key left over right after the rows: the spacing read was not the rows', unsure)
    return n, rows, last


# (a key column's cell inside a row may name two codes, ``A9276 / 0446T``, ``J7321, J7322``)
_KEYS_CELL = re.compile(rf"^{_ONE_CODE}(?:\s*[/,]\s*{_ONE_CODE})+$")


def _inside_key(block: _Block) -> bool:
    return _is_key(block) or (len(block.texts) == 1 and bool(_KEYS_CELL.match(block.text)))


def _rows_key_inside(
    blocks: list[_Block],
) -> tuple[tuple[int, list[tuple[int, tuple[str, ...]]], int] | None, list[_Block]]:
    """Rows whose key stands in a column inside the row (``Product | HCPCS | Dose | Injections``,
    ``Supply | HCPCS | Quantity limit | Replacement interval``), the header written again after a page
    break passed over: the read (:func:`_key_inside`) and the blocks it counts in."""
    keys = [i for i, b in enumerate(blocks) if _is_key(b)]
    if len(keys) < 2:
        return None, blocks
    n = keys[1] - keys[0]
    if not 3 <= n <= _MAX_COLUMNS or not 1 <= keys[0] - n <= n - 2:
        return None, blocks
    inside = _without_repeats(blocks, n)
    read = _key_inside(inside, n, keys[0] - n)
    return (read, inside) if read is not None else (None, blocks)


def _key_inside(blocks: list[_Block], n: int, c: int) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """Rows of ``n`` cells whose key is cell ``c`` (neither the first nor the last): the header is the
    ``n`` names before the first row; each row exactly ``n`` blocks, its key where the header's spacing
    puts it and no other key.  An empty cell is no block, so it shifts every row after it: a key within
    the ``c`` blocks after the last row read (it came early) means the rows are not sure — None, the
    cells stay text."""
    if not all(_is_name(b) and not _is_key(b) for b in blocks[:n]):
        return None
    if any(_IDENTIFIER.match(b.text) for b in blocks[:n]) or not _named_at(blocks[:n], range(c, c + 1)):
        return None
    rows: list[tuple[int, tuple[str, ...]]] = []
    last = n - 1
    for r in range(n, len(blocks), n):
        row = blocks[r : r + n]
        if (
            len(row) < n
            or not _inside_key(row[c])
            or any(_inside_key(b) or _is_heading(b) for j, b in enumerate(row) if j != c)
        ):
            break
        rows.append((row[0].lines[0], tuple(b.text for b in row)))
        last = r + n - 1
    if len(rows) < 2 or any(_inside_key(b) for b in blocks[last + 1 : last + 1 + c + 1]):
        return None  # (a key come early after the rows: a cell was empty somewhere, the rows are not sure)
    if last + 1 < len(blocks) and not _after_table(blocks[last + 1]):
        return None  # (the rows stop at a block that may be a cell: two cells set on one line, unsure)
    return n, rows, last


def _after_table(block: _Block) -> bool:
    """Whether ``block`` can only come after a table: a heading (of the vocabulary, or numbered), or the
    running text (a line longer than a narrow cell's)."""
    first = block.texts[0]
    return _is_heading(block) or bool(_NUMBERED_HEADING.match(first)) or len(first) > _TEXT_LINE


_TEXT_LINE = 75  # (a line longer than this is the running text, never a narrow cell's)


def _set_first(blocks: list[_Block], n: int) -> tuple[int, list[tuple[int, tuple[str, ...]]], int] | None:
    """Rows that start with a code set's name, then their key (``CPT®`` / ``63650`` / ``Percutaneous …``):
    the header is the ``n`` blocks before the first row; each row runs from its set's name to the next."""
    if n < 3 or not all(_is_name(b) for b in blocks[:n]) or any(_SET.match(b.text) for b in blocks[:n]):
        return None

    def starts(i: int) -> bool:
        return i + 1 < len(blocks) and bool(_SET.match(blocks[i].text)) and _is_key(blocks[i + 1])

    rows: list[tuple[int, tuple[str, ...]]] = []
    i, last = n, n - 1
    while starts(i):
        j = i + 2
        while j < len(blocks) and not starts(j) and not _is_key(blocks[j]) and not _is_heading(blocks[j]):
            if j - i >= n:
                break
            j += 1
        cells = [b.text for b in blocks[i:j]]
        if len(cells) > n:
            return None
        rows.append((blocks[i].lines[0], tuple([*cells, *[""] * (n - len(cells))])))
        last = j - 1
        i = j
    if len(rows) < 2 or not all(cells[-1] for _, cells in rows):
        return None  # (a row without its description: the cells are not sure)
    return n, rows, last
