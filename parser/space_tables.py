"""Tables a copy lost the tabs of, given back their columns: code tables and dated logs.

A browser's print, pdftotext without ``-layout`` or a copy from a web page writes a table's cells one
after the other with spaces, its rows wrapped like sentences.  Two kinds of table are still plain to
see, because a cell of theirs has a shape of its own:

* a **code table** — rows that start with a procedure code (``81225``, ``0029U``, ``J1442``, a range
  ``81162-81167``) and go on with its description, under a header (``CPT® Codes Description``, a code
  set's name over a code's row, ``CPT/HCPCS Description``) or none; a row's description may wrap onto
  lines that go on in lower case, or the code may stand alone on its line with its description on the
  next (a table read cell by cell); a page's number and running header between two rows end nothing;
* a **dated log** — under a header that names a history and ends in one or two date columns
  (``Reviews, Revisions, and Approvals Revision Date Approval Date``, ``Policy History Date``), rows
  that end in as many dates (``Annual review. … 09/24 09/24``), their text wrapped over the lines
  above, the dates sometimes alone on a line of their own, the header repeated after a page break; or
  under column names one of which is ``Date`` (on one line, or a block each with the browser's page
  title among them), a row a line with its date — in digits, a day in words or year first — first or
  after a word of the columns before it (``V1.0.2025 2025-02-03 Repeat testing …``);
* a **table of columns** — two columns or more under a header of short names (``CPT Code   Test
  Example Lab/Test``), laid out with spaces as ``pdftotext -layout`` and web copies do, its cells wrapped
  onto the lines below (:mod:`~policyvc.parser.aligned_tables`); anything that does not sit so is left as
  it is; and a **quantity-limit table** a viewer's copy set one space apart, where its header is made of
  known column names and every row splits by its cells' shapes (:mod:`~policyvc.parser.quantity_tables`).
  A history's header is tried by the log readers first; one under which they find no row (a
  field label, ``Revision Ending Date`` / ``N/A``; a header wrapped over two lines) is left to the others.

A print read column by column, or in the order of its lines on the page (pdftotext in reading order of a
browser's middle-aligned cells), gives a code table's codes under their column's name and then its
descriptions, or each code beside the middle of its description; and a log's dates gathered above its
text, or beside their rows' first lines, its second date column after it, or its descriptions first and
its date columns after.  Those are read row by row only where the cells share out exactly; else they
stay text, each such table's line noted (``unpaired``: a warning).

Each is rewritten as tab-separated rows (the line form's tables) on the lines it took — a row on its
first line, the lines it absorbed left blank — so every line keeps its number (a code table without a
header is given one by the outline).  Page furniture inside a table (a browser's address and counter,
its date stamp, ``Page N of M``) is left where it is, for the furniture pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from policyvc.lazy_re import lazy
from policyvc.parser.aligned_tables import (
    AlignedTable,
    join_cell,
    name_like,
    read_aligned,
    short_value,
    wrapped_name_like,
)
from policyvc.parser.cell_grids import read_cell_grid, read_column_blocks, text_words
from policyvc.parser.cell_history import CellHistory, read_cell_history
from policyvc.parser.cell_tables import keyed, read_cells, read_cells_inline
from policyvc.parser.column_blocks import read_named_column_blocks
from policyvc.parser.furniture import copyright_notice, material_id, page_stamp, print_stamp, stamp_title, stamped
from policyvc.parser.line_tables import tab_lines
from policyvc.parser.mark_tables import mark_table
from policyvc.parser.markers import read_item_marker
from policyvc.parser.page_numbers import ADDRESS_COUNTER, page_number_at, page_number_line
from policyvc.parser.quantity_tables import laid_quantity_table, quantity_table
from policyvc.parser.step_tables import step_table
from policyvc.parser.template_spec import HEADINGS

__all__ = ["CODE", "column_name", "pipe_rows", "space_tables"]

# A procedure code: CPT (5 digits), CPT category II/III and PLA (4 digits and F/T/U), HCPCS (a letter
# and 4 digits); a range of them.
# ... and an ICD-10 code (``E11.621``, ``N62``, ``T58.01XA``), in a table only: a letter, two characters, a
# dot and up to four more.
_ONE_CODE = r"(?:\d{5}|\d{4}[FTU]|[A-V]\d{4}|[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
CODE = lazy(rf"{_ONE_CODE}(?:\s*[-–]\s*{_ONE_CODE})?")
_CODE_HEADING = lazy(
    r"^(?:CPT|HCPCS|ICD-?10(?:-CM|-PCS)?|PLA)®?(?:\s*/\s*HCPCS)?(?:\s+(?:Codes?|Diagnosis|Diagnoses|Procedures?))*"
    r"\s*:?$",
    re.I,
)
_CODE_ROW = lazy(rf"^(?P<code>(?:(?:CPT|HCPCS|ICD-?10(?:-CM|-PCS)?)[®*]*\s+)?{CODE.pattern})[ \t]+(?P<rest>\S.*)$")
_CODE_ALONE = lazy(rf"^(?P<code>{CODE.pattern})$")
_CODES_START = lazy(r"(?:CPT|HCPCS|PLA|ICD|Procedure|Billing|Codes?)\b", re.I)
_CODE_SET = r"(?:CPT|HCPCS|PLA|ICD-?10(?:-CM|-PCS)?|Procedure|Billing)[®*]*"
_CODES_HEADER = lazy(rf"^(?P<codes>(?:{_CODE_SET}(?:\s*/\s*{_CODE_SET})?\s*)?Codes?)\s+(?P<desc>Descriptions?)$", re.I)
# (a code set's own name for the code column, no ``Code`` after it: ``CPT/HCPCS Description`` — a header only
# over a code's row, since ``Procedure Description`` may as well be a heading)
_SET_NAME = r"(?:CPT|HCPCS|PLA|ICD-?10(?:-CM|-PCS)?)[®*]*"
# (the column names around ``Description`` kept with it, since the row's text holds their cells too: ``HCPCS
# Description Units``, ``CPT Modifier Description``; a name a capitalised word or two, never a sentence's, and
# never ``Code``: ``HCPCS Codes`` / ``Code`` / ``Description`` is a subheading over the code column's name)
_OTHER_COLUMN = r"(?!Codes?\b)[A-Z][A-Za-z]+"
_SET_HEADER = lazy(
    rf"^(?P<codes>{_SET_NAME}(?:\s*/\s*{_SET_NAME})?)\s+"
    rf"(?P<desc>(?-i:(?:{_OTHER_COLUMN}\s+){{0,2}})(?i:Descriptions?)(?-i:(?:\s+{_OTHER_COLUMN}){{0,2}}))$",
    re.I,
)


def _codes_header(lines: list[str], k: int) -> re.Match[str] | None:
    """The one-line header of a code table at line ``k``: ``CPT Codes Description``, or a code set's name
    and ``Description`` right over a code's row."""
    text = lines[k].strip()
    if m := _CODES_HEADER.match(text):
        return m
    m = _SET_HEADER.match(text)
    return m if m is not None and k + 1 < len(lines) and _code_start(lines[k + 1].strip()) else None


# A log's header: a name that speaks of history, then one or two date columns.
_LOG_HEADER = lazy(
    r"^(?P<name>.*?\b(?:Revisions?|Reviews?|History|Approvals|Changes|Updates?)\b.*?)\s+"
    r"(?P<cols>(?:(?:Revision|Review|Approval|P&T\s+Approval|Effective)\s+)?Date"
    r"(?:\s+(?:(?:Revision|Review|Approval|P&T\s+Approval|Effective)\s+)?Date)?)$",
    re.I,
)
_HISTORY_WORD = lazy(r"\b(?:Revisions?|Reviews?|History|Approvals|Changes|Updates?)\b", re.I)
_NUM_DATE = r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?"
_ADDRESS = lazy(rf"^(?:https?|file)://\S+(?:{ADDRESS_COUNTER})?$", re.I)


def _furniture(line: str) -> bool:
    text = line.strip()
    return bool(_ADDRESS.match(text) or stamped(text) or page_number_line(text))


def _furniture_at(lines: Sequence[str], j: int) -> bool:
    """Whether line ``j`` is furniture where it stands: a bare counter among dates is a date (``10/20`` /
    ``10/20``, a log's two month columns: :func:`page_number_at`)."""
    return _furniture(lines[j]) and (not page_number_line(lines[j]) or page_number_at(lines, j))


@dataclass(slots=True)
class _Out:
    lines: list[str]
    unsure: list[int]  # (0-based lines where a table of columns ended on a line not under its header)
    unpaired: list[int]  # (0-based lines of a table printed column by column whose cells do not pair)
    grids: list[tuple[int, int]] = field(default_factory=list)  # (0-based first and last lines of a grid printed
    # cell by cell whose rows are not rebuilt)


def space_tables(
    lines: list[str],
    unsure: list[int] | None = None,
    furniture: frozenset[int] = frozenset(),
    unpaired: list[int] | None = None,
    grid: frozenset[int] = frozenset(),
    grids: list[tuple[int, int]] | None = None,
) -> list[str]:
    """``lines`` with their space-laid code tables and dated logs as tab-separated rows (see the module doc);
    ``unsure`` gets the (0-based) lines where a table of columns stopped at a line that looks like a row but
    does not sit under its header (kept as text: worth a look); ``furniture``: the (0-based) lines the
    caller knows are a page's furniture (a running header), skipped inside a table; ``grid``: the (0-based)
    lines of the head's grid of header fields (:mod:`~policyvc.parser.header_grid`), left to its reader;
    ``grids`` gets the (0-based) first and last lines of each grid printed cell by cell whose rows cannot be
    rebuilt (:func:`_unread_grid`: its lines kept as paragraphs, worth a warning)."""
    if not any("\t" in line or _code_start(line.strip()) or _HISTORY_WORD.search(line) or "Date" in line
               or "|" in line or "  " in line.strip() or " per " in line
               for line in lines):  # fmt: skip
        return lines
    out = _Out(
        list(lines),
        [] if unsure is None else unsure,
        [] if unpaired is None else unpaired,
        [] if grids is None else grids,
    )

    titles = _stamp_titles(lines)

    @cache  # (asked again for the same line by each table tried over it)
    def skipped(j: int) -> bool:
        return j in furniture or _furniture_at(lines, j) or stamp_title(lines, j) or _title_near_stamp(lines, j, titles)

    @cache
    def words() -> Counter[str]:  # (the words the text writes: a word a narrow column broke is one of them)
        return text_words(lines)

    k = 0
    while k < len(lines):
        text = lines[k].strip()
        if "\t" in lines[k] and _tabbed_item(lines, k):
            out.lines[k] = _indented(lines[k])  # (a list's item a web copy indented with tabs: no table's row)
            k += 1
            continue
        if "\t" in lines[k]:
            k = _tabbed_row(out, k)
            continue
        if not text or k in grid:
            k += 1
            continue
        if "|" in text and (taken := _pipes(out, k)):
            k += taken
            continue
        # (a quantity-limit table a viewer's copy set one space apart, its cells told by their shapes; a step-logic
        # table, ``Step Question Yes No``, its long cells run into the next column; a code table with mark
        # columns, ``Covered`` / ``Not Covered``; one laid out with spaces whose cell ran on into the next column)
        shaped = quantity_table(lines, k, skipped) or step_table(lines, k) or laid_quantity_table(lines, k, skipped)
        if shaped is None and _CODES_START.match(text):
            shaped = mark_table(lines, k)
        if shaped is not None:
            k = tab_lines(shaped, out.lines.__setitem__)
            continue
        # (a history of three or four columns written a cell a line under its heading, read by its cells' shapes)
        if _HISTORY_WORD.search(text) and (cell_log := read_cell_history(lines, k, skipped)) is not None:
            k = _write_cell_history(out, cell_log)
            continue
        # (each shape tried only on a line that can start it: a history's word, ``Date``, a code set or a code)
        history = _HISTORY_WORD.search(text) is not None
        codes = _CODES_START.match(text) is not None
        after = None  # (the line after the table read)
        codes_or_dates_under = k + 1 < len(lines) and keyed(lines[k + 1].strip())
        # (a header of three names or more laid out with spaces is read by its columns first: a history's
        # too, whose first column may be empty on a row or wrap, ``Type of`` / ``Revision``)
        laid = "  " in text and len(_SPACED.findall(text)) >= 2
        if laid and (table := read_aligned(lines, k, skipped)) is not None and table.rows:
            after = _write_aligned(out, table)
        elif (table := _named_columns(lines, k, skipped)) is not None:
            # (each column a block: its name, then its cells — unless the block's last line heads a table
            # printed cell by cell whose keys tell more rows apart: a heading, then that table's first name)
            end = next(j for j in range(k, len(lines)) if j + 1 >= len(lines) or not lines[j + 1].strip())
            if end > k and _may_name(lines, end) and (cells := read_cells(lines, end, skipped)) is not None:
                table = cells if len(cells.rows) > len(table.rows) else table
            after = _write_aligned(out, table)
        elif (table := _wrapped_columns(lines, k, skipped)) is not None:
            # (each column a block, its cells wrapped: a dosing table — and its rows after a page break, if proved)
            more = read_named_column_blocks(lines, k, skipped)
            table = more if more is not None and more.header == table.header and more.end > table.end else table
            after = _write_aligned(out, table)
        elif codes_or_dates_under and (table := read_cells_inline(lines, k, skipped)) is not None:
            after = _write_aligned(out, table)  # (its names on one line, its first key right under it)
        elif codes and _split_codes_header(lines, k, skipped) is not None:
            # (a code table's two names a block each, then its rows: a code and its description on a line, or a
            # code alone above its description's block where the description wrapped — one table, never cells)
            after = _codes(out, k, skipped)
        elif _may_name(lines, k) and (table := read_cells(lines, k, skipped)) is not None:
            after = _write_aligned(out, table)  # (printed cell by cell, its rows told by their keys)
        elif history and (m := _LOG_HEADER.match(text)) and not _only_columns(text):
            after = _kept_if_rows(out, k, lambda: _log(out, k, m))  # noqa: B023 (called at once)
        elif history and (columns := _log_text_first(lines, k)) is not None:
            after = _write_text_first(out, k, columns)
        elif history and (paired := _log_row_cells(lines, k, skipped)) is not None:
            after = _write_row_cells(out, paired)
        elif history and (apart := _log_dates_apart(lines, k, skipped)) is not None and _fits(apart):
            after = _write_dates_apart(out, k, apart)
        elif history and (first := _log_dates_first(lines, k, skipped)) is not None:
            after = _write_dates_first(out, k, first)  # (its date column, then its descriptions' column)
        elif history and k + 1 < len(lines) and (dated := _date_column(lines, k + 1, skipped)) is not None:
            after = _write_column_codes(out, dated)  # (a heading, then a log printed a column at a time)
        elif (dated := _date_column(lines, k, skipped)) is not None:
            after = _write_column_codes(out, dated)
        elif history and (split := _split_header(lines, k, skipped)) is not None:
            # (its names a line each under the history's heading: a table printed cell by cell, first)
            last = k + split[1] - 1
            if _may_name(lines, last) and (table := read_cells(lines, last, skipped)) is not None:
                after = _write_aligned(out, table)
            else:
                after = _kept_if_rows(out, k, lambda: _log(out, k, *split))  # noqa: B023
        elif (
            ("Date" in text and _COLUMNS.match(text))
            or (history and _HISTORY_COLUMNS.match(text))
            # (its names a block each, the date's not first: ``Version`` / ``Date`` / ``Summary``)
            or (_COLUMN_NAME.match(text) and _stacked_names(lines, k, skipped) is not None)
        ):
            after = _kept_if_rows(out, k, lambda: _dated_rows(out, k, skipped))  # noqa: B023
        if after is None and (column := _code_column(lines, k, codes, skipped)) is not None:
            after = _write_column_codes(out, column)
        if after is not None:
            k = after
        elif ("  " in text or codes) and (table := read_aligned(lines, k, skipped)) is not None:
            k = _write_aligned(out, table) if table.rows else k + 1
            if table.stopped is not None and table.stopped not in out.unsure:
                out.unsure.append(table.stopped)
        elif (codes and (_codes_header(lines, k) or _split_codes_header(lines, k, skipped))) or _code_run(lines, k):
            k = _codes(out, k, skipped)
        elif (table := read_cell_grid(lines, k, skipped, words) or read_column_blocks(lines, k, skipped)) is not None:
            k = _write_aligned(out, table)  # (printed a cell or a column a block, its rows told by its columns' shapes)
        elif (table := read_named_column_blocks(lines, k, skipped)) is not None:
            k = _write_aligned(out, table)  # (a column a block under its name, its rows proved by the counts)
        elif (grid_end := _unread_grid(lines, k, skipped)) is not None:
            k = _keep_grid(out, k, grid_end, skipped)
        elif (grid_end := _unread_columns(lines, k, skipped)) is not None:
            k = _keep_columns(out, k, grid_end, skipped)
        else:
            k += 1
    return out.lines


_GRID_NAMES = 3  # (a grid's header: at least so many names a block each — two may be a heading and a subheading)
_GRID_LINE = 75  # (a grid's cells are narrow: a line longer than this is the running text after it)


def _unread_grid(lines: list[str], k: int, skipped: Callable[[int], bool]) -> int | None:
    """The last (0-based) line of a grid printed cell by cell from line ``k`` whose rows no key tells apart
    (``Indication`` / ``Initial Authorization`` / ``Reauthorization`` / ``Duration``, then each row's cells, a
    list of criteria a cell): reading order gives its cells one after the other, an empty cell as nothing and
    two cells side by side as one line, so which block is which row's cell cannot be known.  At least
    :data:`_GRID_NAMES` short names a line and a block each (none a heading of the vocabulary), after a blank
    line, a sentence's end or a heading; then blocks of short lines, one of them several lines (a cell's
    criteria), to a heading of the vocabulary or a long line of the running text (a name right before that
    is its heading, not a cell); None when it is not so."""
    if not _may_name(lines, k) or (k and lines[k - 1].strip() and not lines[k - 1].rstrip().endswith((".", ":"))):
        return None
    if skipped(k):
        return None  # (a page's furniture — a browser's page title over a table's header — names no column)
    names = 0
    j = k
    while j < len(lines):
        text = lines[j].strip()
        if not name_like(text) or text.casefold() in HEADINGS or j + 1 >= len(lines) or lines[j + 1].strip():
            break
        names += 1
        j += 2
        while j < len(lines) and not lines[j].strip():
            j += 1
    if names < _GRID_NAMES:
        return None
    blocks: list[list[int]] = [[]]
    for j in range(k, min(len(lines), k + 400)):
        text = lines[j].strip()
        if "\t" in lines[j] or len(text) > _GRID_LINE or text.removesuffix(":").casefold() in HEADINGS:
            break
        if not text or skipped(j):
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(j)
    else:
        return None
    blocks = [b for b in blocks if b]
    if len(text) > _GRID_LINE and blocks and len(blocks[-1]) == 1 and name_like(lines[blocks[-1][0]].strip()):
        blocks.pop()  # (the heading over the running text after the grid)
    cells = blocks[names:]
    if len(cells) < 2 or not any(len(b) > 1 for b in cells):
        return None
    return blocks[-1][-1]


# (a column's name as tables of drugs, limits and logs write it: never a section's heading with text of its own)
_GRID_COLUMN = lazy(
    r"^(?:Products?|Drugs?(?:\s+Names?)?|Medications?|(?:Brand|Generic)\s+Names?|Indications?|Diagnos[ie]s|"
    r"Quantity\s+Limits?|Max(?:imum)?\s+(?:Dose|Quantity|Units)|Doses?|Dosing(?:\s+Regimen)?|Dosage(?:\s+Forms?)?|"
    r"Strengths?|Frequency|Route|Days?\s+Supply|Duration|Package\s+Size|NDC|"
    r"(?:Review|Effective|Revision|Approval|Revised)\s+Date|Date|Status|Summary(?:\s+of\s+Changes?)?|"
    r"Description(?:\s+of\s+Changes?)?|Comments?|Actions?)$",
    re.I,
)


def column_name(text: str) -> bool:
    """Whether ``text`` is a column's name as tables of drugs, limits and logs write it (``Quantity Limit``)."""
    return _GRID_COLUMN.match(text) is not None


def _unread_columns(lines: list[str], k: int, skipped: Callable[[int], bool]) -> int | None:
    """The last (0-based) line of a table pdftotext in reading order wrote a column at a time whose rows cannot
    be rebuilt (a cell wrapped, a cell's lines set apart by a blank line, columns of unlike lengths): from line
    ``k``, a column's known name (``Product``, ``Indication``, ``Quantity Limit``; ``Date``, ``Description of
    Change``) with its cells right under it, then at least one more such name starting a block, each with its
    cells, to a heading of the vocabulary, the running text (a long line) or a block that is neither a name's
    nor, after the last name, a key's (a date or a code alone).  Reading order ran each column down the page, so
    which line is which row's cell is unsure: the caller keeps the lines as text (never headings: a column's
    name and a cell are no section's) and says so.  None when it is not so."""
    if not _GRID_COLUMN.match(lines[k].strip()) or skipped(k) or k + 1 >= len(lines) or not lines[k + 1].strip():
        return None
    if _GRID_COLUMN.match(lines[k + 1].strip()):
        return None  # (a table's title over its first column's name: the table starts at the name)
    above = lines[k - 1].strip() if k else ""
    titled = name_like(above) and (k < 2 or not lines[k - 2].strip())  # (a table's title, a blank line above it)
    if above and not (above.endswith(":") or titled or above.casefold() in HEADINGS):
        return None  # (right under a paragraph: the paragraph's own text)
    names, last, j, first = 1, k, k, True
    seen = {lines[k].strip().casefold()}
    while j < min(len(lines), k + 400):
        text = lines[j].strip()
        if not text or skipped(j):
            first = not text or first
            j += 1
            continue
        if "\t" in lines[j] or len(text) > _GRID_LINE or text.removesuffix(":").casefold() in HEADINGS:
            break
        block = j
        while j < len(lines) and lines[j].strip() and not skipped(j):
            j += 1
        head = lines[block].strip()
        if block > k and first:
            if _GRID_COLUMN.match(head) and head.casefold() not in seen and block + 1 < j:
                names += 1
                seen.add(head.casefold())
            elif names < 2 and _GRID_COLUMN.match(head) is None:
                pass  # (a cell's lines set apart by a blank line, inside the first column)
            elif not all(keyed(lines[i].strip()) for i in range(block, j)):
                break
        if any(len(lines[i].strip()) > _GRID_LINE for i in range(block, j)):
            break
        last = j - 1
        first = False
    return last if names >= 2 else None


def _keep_grid(out: _Out, k: int, last: int, skipped: Callable[[int], bool]) -> int:
    """The grid's lines kept in order as text, each block's first line written so it reads as text (never a
    heading, a list item or a note: ``\\Indication``; the lines under it go on with it, as a wrapped cell's
    do), and the grid noted; the line after it."""
    for j in range(k, last + 1):
        text = out.lines[j]
        first = j == k or not out.lines[j - 1].strip() or skipped(j - 1)
        if first and text.strip() and not skipped(j) and not text.lstrip().startswith("\\"):
            out.lines[j] = "\\" + text.strip()
    out.grids.append((k, last))
    return last + 1


def _keep_columns(out: _Out, k: int, last: int, skipped: Callable[[int], bool]) -> int:
    """A table read a column at a time kept as one paragraph, its lines' words in order on line ``k`` (never a
    heading, a list item or a note: ``\\Product …``), its other lines left blank but the page's furniture, and the
    grid noted; the line after it.  One paragraph: its columns run down the page, so no line of it is a row."""
    texts = [out.lines[j].strip() for j in range(k, last + 1) if out.lines[j].strip() and not skipped(j)]
    for j in range(k, last + 1):
        if not skipped(j):
            out.lines[j] = ""
    out.lines[k] = "\\" + join_cell(texts).lstrip("\\")
    out.grids.append((k, last))
    return last + 1


def unread_spaced_tables(lines: list[str], headings: frozenset[str]) -> list[int]:
    """The (0-based) lines of headers over rows whose cells a copy set one space apart (``Phase Dose
    Quantity`` / ``Induction (weeks 1-4) 56 mg … 8 kits per 28 days``): two to five capitalised names,
    none a heading of the vocabulary, right over two lines or more that each hold two numbers or more (no
    date — a dose's ``2.5 mg`` is none —, no field's colon: never a head's fields under its title), as many
    words as the names at least, and no sentence's end.  Which words are which cell cannot be told (no tab, no
    column, no known shape): the caller keeps them as text and says so."""
    found: list[int] = []
    for k in range(len(lines) - 2):
        line = lines[k]
        if len(line) > 80 or line.count(" ") > 12 or not lines[k + 1][:1].strip():
            continue  # (cheap: a header of a few names, and a row right under it — most lines are neither)
        text = line.strip()
        words = text.split()
        if not 2 <= len(words) <= 5 or "\t" in line or "  " in text or not all(w[:1].isupper() for w in words):
            continue
        if not name_like(text) or text.casefold() in headings or _HISTORY_WORD.search(text):
            continue
        if quantity_table(lines, k) is not None or step_table(lines, k) is not None:
            continue  # (read: a quantity-limit table whose cells have their columns' shapes)
        rows = 0
        for below in lines[k + 1 : k + 40]:
            row = below.strip()
            if (
                not row
                or "\t" in below
                or "  " in row
                or not row[:1].isupper()
                or len(re.findall(r"\d+", row)) < 2
                or ":" in row
                or _ANY_DATE.search(_DOSE.sub(" ", row))
                or len(row.split()) < len(words)
                or _SENTENCE_END.search(row)
                or row.casefold() in headings
            ):
                break
            rows += 1
        if rows >= 2:
            found.append(k)
    return found


# A dose's amount and unit (``2.5 mg``, ``0.5 mL``, ``1.5 mg/kg``): a decimal number there is no date
_DOSE = lazy(r"(?<![\w/.])\d+\.\d+\s*(?:mg|mcg|µg|g|mL|ml|L|units?|IU|mEq|mmol)\b", re.I)
_SPACED = re.compile(r"\S {2,}(?=\S)")  # (a gap of two spaces or more between two runs of text)


_TAB_SPACES = 4  # (a tab of a list's indentation, as the bullets' levels count it)


def _tabbed_item(lines: list[str], k: int) -> bool:
    """Whether line ``k`` is a list's item a web copy indented with tabs (``\ta. The patient has …; OR`` under
    ``1. … one of the following:``): its tabs all before a list's marker, and no line of its block — the lines
    between the blank lines around it — a table's row with its cells set apart by a tab.  A table sets its
    columns apart on every row; a tab before a marker alone is the list's indentation, never a one-cell row."""
    line = lines[k]
    text = line.strip()
    if not line.startswith("\t") or "\t" in text or read_item_marker(text) is None:
        return False
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(lines) and lines[j].strip():
            if "\t" in lines[j].strip() or (step == -1 and lines[j].rstrip(" ").endswith("\t")):
                return False  # (a table's row above or below: a cell of its, an empty first cell before it)
            j += step
    return True


def _indented(line: str) -> str:
    """A tab-indented item's line with its tabs as the spaces of its indentation."""
    text = line.lstrip("\t ")
    return " " * len(line[: len(line) - len(text)].expandtabs(_TAB_SPACES)) + text


def _tabbed_row(out: _Out, k: int) -> int:
    """A tab-separated row (a web page's table copied) whose last cell broke onto the lines under it
    (a ``<br>`` in the cell): the lines that go on in lower case or ``(`` joined to it; the line after."""
    j = k + 1
    while j < len(out.lines) and "\t" not in out.lines[j] and out.lines[j].strip()[:1].islower():
        out.lines[k] = f"{out.lines[k].rstrip()} {out.lines[j].strip()}"
        out.lines[j] = ""
        j += 1
    if out.lines[k].endswith("\t") and (close := _cell_closed(out.lines, j)) is not None:
        # (a cell of paragraphs — ``<p>`` in it — broke the row: its lines, then a line of the row's
        # cells after it starting with a tab; all one row)
        inside = [out.lines[i].strip() for i in range(j, close) if out.lines[i].strip()]
        out.lines[k] = out.lines[k] + " ".join(inside) + out.lines[close].rstrip()
        for i in range(j, close + 1):
            out.lines[i] = ""
        return close + 1
    return j


def _cell_closed(lines: list[str], j: int) -> int | None:
    """The line, within a few after line ``j``, that starts with a tab and goes on a row whose last cell
    broke onto the lines before it (no other row, no table's line between), or None."""
    for i in range(j, min(j + 8, len(lines))):
        if lines[i].startswith("\t") and lines[i].strip():
            return i if i > j else None
        if "\t" in lines[i]:
            return None
    return None


def _may_name(lines: list[str], k: int) -> bool:
    """Whether line ``k`` may be a header's first name printed cell by cell: short, its block's last
    line, another short block after it."""
    if len(lines[k]) > 60 or k + 2 >= len(lines) or lines[k + 1].strip():
        return False
    nxt = lines[k + 2].strip()
    return 0 < len(nxt) <= 40 and nxt[:1].isupper()


def _named_columns(lines: list[str], k: int, skipped: Callable[[int], bool]) -> AlignedTable | None:
    """A small table pdftotext in reading order wrote a column at a time (LibreOffice's print of a table
    whose cells are single words): from line ``k``, blocks of one length, each a column's name then its
    cells a line each (``Brand Name`` / ``Nucala``, a blank line, ``Generic Name`` / ``mepolizumab``), two
    to six of them, then a blank line, after a paragraph's end, a heading or a blank line.  Its rows are
    the blocks' lines side by side; None when the blocks are not all so (a heading of the vocabulary, a
    name wrapped, a cell that is no short name, another length)."""
    above = lines[k - 1].strip() if k else None
    if above is None or not (not above or above.endswith((".", ":")) or above.removesuffix(":").casefold() in HEADINGS):
        return None  # (a table starts after a paragraph's end, a heading or a blank line — never a document's head)
    if not name_like(lines[k].strip()) or lines[k].strip().casefold() in HEADINGS:
        return None
    blocks: list[list[int]] = []
    j = k
    while len(blocks) < _MAX_NAMED:
        block = []
        while j < len(lines) and lines[j].strip() and not skipped(j) and "\t" not in lines[j]:
            block.append(j)
            j += 1
        if len(block) < 2 or (blocks and len(block) != len(blocks[0])):
            break
        name, *cells = (lines[i].strip() for i in block)
        wrapped = name.split()[-1].lower() in _SMALL  # (``Hypoglossal Nerve Stimulation for``: a phrase wrapped)
        if not name_like(name) or wrapped or name.casefold() in HEADINGS or not all(short_value(c) for c in cells):
            break
        blocks.append(block)
        if j >= len(lines) or lines[j].strip():
            break
        while j < len(lines) and (not lines[j].strip() or skipped(j)):
            j += 1
    if not 2 <= len(blocks) <= _MAX_NAMED:
        return None
    header = tuple(lines[b[0]].strip() for b in blocks)
    rows = tuple((blocks[0][r], tuple(lines[b[r]].strip() for b in blocks)) for r in range(1, len(blocks[0])))
    return AlignedTable(header, rows, k, blocks[-1][-1] + 1, None)


_MAX_NAMED = 6  # (a table of named columns a block each: at most so many columns)
_CELL_WORDS = 20  # (a cell of a table whose cells wrap: a dose's regimen, never a paragraph)
_NUMBERED_HEADING = lazy(
    r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-Z][\w/&,' -]*$"
)  # (``V. Dosage …``, ``4.0 Codes``)


def _wrapped_columns(lines: list[str], k: int, skipped: Callable[[int], bool]) -> AlignedTable | None:
    """A table pdftotext in reading order wrote a column at a time whose cells wrap (LibreOffice's print of a
    dosing table: ``Indication`` / ``Atopic dermatitis (adults)`` / ``Asthma (age 12 years and`` / ``older)``, a
    blank line, ``Dosing Regimen`` / …): from line ``k``, two to six blocks, each a column's name then its cells —
    a line going on in lower case (or after a parenthesis), or after a comma or a small word the line above ends
    at, goes on the cell above —, every block as many cells, at least one cell wrapped; no cell a sentence (no
    stop at its end), no name a heading of the vocabulary.
    Its rows are the blocks' cells side by side; None when the blocks are not all so."""
    above = lines[k - 1].strip() if k else None
    if not above or not (
        above.endswith(":") or above.removesuffix(":").casefold() in HEADINGS or _NUMBERED_HEADING.match(above)
    ):
        # (right under its section's heading or a lead-in: a column's block after a blank line may be a later
        # column of a table whose first one reading order ran into the next heading — unsure, text)
        return None
    blocks: list[tuple[int, list[list[int]]]] = []
    j = k
    wrapped = False
    while len(blocks) < _MAX_NAMED:
        block: list[int] = []
        while j < len(lines) and lines[j].strip() and not skipped(j) and "\t" not in lines[j]:
            block.append(j)
            j += 1
        if len(block) < 3:
            break
        name, *rest = (lines[i].strip() for i in block)
        if (
            not name_like(name)
            or len(name.split()) > 4
            or name.casefold() in HEADINGS
            or name.split()[-1].lower() in _SMALL
        ):
            break
        cells: list[list[int]] = []
        for i, text in zip(block[1:], rest, strict=True):
            prev = lines[cells[-1][-1]].strip() if cells else ""
            # (a line going on in lower case, or after a comma or a small word the line above ended at: ``300 mg IV
            # at weeks 0, 4 and`` / ``8, then 200 mg …``)
            if cells and (text[:1].islower() or text[:1] in "(,;" or prev.endswith(",") or prev.split()[-1] in _SMALL):
                cells[-1].append(i)
                wrapped = True
            else:
                cells.append([i])
        texts = [join_cell([lines[i].strip() for i in c]) for c in cells]
        if any(
            t.endswith((".", ";", ":"))
            or len(t.split()) > _CELL_WORDS
            or t.casefold() in HEADINGS
            or _NUMBERED_HEADING.match(t)
            for t in texts
        ):
            return None  # (a sentence or the next section's heading among the cells: which block is what is unsure)
        if blocks and len(cells) != len(blocks[0][1]):
            break
        blocks.append((block[0], cells))
        if j >= len(lines) or lines[j].strip():
            break
        while j < len(lines) and (not lines[j].strip() or skipped(j)):
            j += 1
    if not 2 <= len(blocks) <= _MAX_NAMED or not wrapped or len(blocks[0][1]) < 2:
        return None
    header = tuple(lines[b[0]].strip() for b in blocks)
    n = len(blocks[0][1])
    rows = tuple(
        (blocks[0][1][r][0], tuple(join_cell([lines[i].strip() for i in b[1][r]]) for b in blocks)) for r in range(n)
    )
    end = max(i for b in blocks for c in b[1] for i in c) + 1
    return AlignedTable(header, rows, k, end, None)


def _write_cell_history(out: _Out, log: CellHistory) -> int:
    """``log`` as tab-separated rows under its header, below its heading: the header on its first name's line,
    each row on its first cell's, the other lines it took blank, its page furniture left.  The line after it."""
    for j in log.taken:
        out.lines[j] = ""
    out.lines[log.taken[0]] = "\t".join(log.header)
    for line, cells in log.rows:
        out.lines[line] = "\t".join(cells)
    return log.end


def _kept_if_rows(out: _Out, k: int, read: Callable[[], int]) -> int | None:
    """The line after the table ``read`` takes from line ``k``, or None (and its lines as they were) when it
    found no row under its header: a header alone is no table (``Revision Ending Date`` / ``N/A``)."""
    before = list(out.lines)
    after = read()
    if sum(1 for line in out.lines[k + 1 : after] if "\t" in line) == 0:
        out.lines[:] = before
        return None
    return after


_NEAR_STAMP = 6  # (lines: a stamp, and a table's cell or two reading order set between it and its title)


def _stamp_titles(lines: list[str]) -> frozenset[str]:
    """The page titles a browser printed beside its date stamps (:func:`.furniture.stamp_title`), as their
    text: a title is printed on every page (a table's first cell under the stamp of one page is not)."""
    under = [
        lines[j].strip()
        for i, line in enumerate(lines)
        if print_stamp(line)
        for j in [next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), -1)]
        if j >= 0 and stamp_title(lines, j)
    ]
    if not under:
        return frozenset()
    seen = Counter(line.strip() for line in lines)
    return frozenset(t for t in under if seen[t] >= 2)


def _title_near_stamp(lines: list[str], j: int, titles: frozenset[str]) -> bool:
    """Whether line ``j`` is the browser's page title (one of ``titles``, known from a page where it stands
    right under its stamp) a few lines under a stamp, a table's cell between them: on a page that begins
    inside a table, reading order may put the header's first cell between the stamp and the title."""
    if not titles or lines[j].strip() not in titles:
        return False
    return any(print_stamp(lines[i]) for i in range(max(0, j - _NEAR_STAMP), j))


def _write_aligned(out: _Out, table: AlignedTable) -> int:
    """``table`` written as tab-separated rows on the lines it took (a row on its first line, the lines it
    absorbed blank, its page furniture left where it is for the furniture pass); the line after it."""
    keep = {j for j in range(table.start, table.end) if _furniture_at(out.lines, j) or stamp_title(out.lines, j)}
    for j in range(table.start, table.end):
        if j not in keep:
            out.lines[j] = ""
    out.lines[table.start] = "\t".join(table.header)
    for line, cells in table.rows:
        out.lines[line] = "\t".join(cells)
    return table.end


def _split_codes_header(
    lines: list[str], k: int, skipped: Callable[[int], bool] = lambda j: False
) -> tuple[str, int] | None:
    """A code table's header written a cell a line (``CPT®/HCPCS`` / ``Codes`` / ``Description``) above its
    first row: the header as a row, and how many lines it took (a page's furniture between its names,
    ``skipped``, is passed over)."""
    words: list[str] = []
    # (names a block each, a blank line between — ``Code`` / ``Description`` — when the first begins its block,
    # or stands under a heading reading order set it against: else the block above holds more of its name,
    # ``HCPCS`` / ``Procedure`` / ``Code``, for the cell-by-cell reader)
    above = lines[k - 1].strip() if k else ""
    # (or under the sentence that leads into the table, ``The following codes are covered …:``: no column's name)
    blocks = not above or above.removesuffix(":").casefold() in HEADINGS or _lead_in_sentence(above)
    for j in range(k, min(k + 7, len(lines))):
        text = lines[j].strip()
        if j > k and (skipped(j) or (blocks and not text)):
            continue
        if not text or len(text) > 24 or len(words) == 3:
            return None
        words.append(text)
        joined = " ".join(words)
        m = _CODES_HEADER.match(joined) or _SET_HEADER.match(joined)
        if m is not None and j > k and _code_start(_next_text(lines, j)):
            return f"{m.group('codes').strip()}\t{m.group('desc')}", j - k + 1
    return None


_LEAD_IN_WORDS = 5  # (a sentence leading into a table: more words than a column's name takes)


def _lead_in_sentence(text: str) -> bool:
    """Whether ``text`` is a sentence that leads into what follows (``The following codes are covered when …:``)."""
    return text.endswith(":") and len(text.split()) > _LEAD_IN_WORDS


def _next_text(lines: list[str], k: int) -> str:
    return next((line.strip() for line in lines[k + 1 : k + 4] if line.strip()), "")


def _code_start(text: str) -> bool:
    return bool(_CODE_ROW.match(text) or _CODE_ALONE.match(text))


def _code_run(lines: list[str], k: int) -> bool:
    """Whether a code table with no header starts at line ``k``: two rows that start with a code, one
    after the other (a wrapped description, blank lines, a code alone above its description between)."""
    if not _code_start(lines[k].strip()):
        return False
    above = next((lines[j].strip() for j in range(k - 1, max(-1, k - 4), -1) if lines[j].strip()), "")
    if _CODE_HEADING.match(above) and _CODE_ROW.match(lines[k].strip()):
        return True  # (one row under a heading that names a code set: ``CPT`` / ``99183 Physician …``)
    seen = 0
    for line in lines[k : k + 8]:
        text = line.strip()
        if not text or _furniture(text):
            continue
        if _code_start(text):
            seen += 1
            if seen == 2:
                return True
        elif not (text[:1].islower() or text[:1] == "(") and not _CODE_ALONE.match(lines[k].strip()):
            return False
    return False


def _codes(out: _Out, k: int, skipped: Callable[[int], bool] = lambda j: False) -> int:
    """A code table from line ``k`` (its header, or its first row); the line after it."""
    lines = out.lines
    text = lines[k].strip()
    row = None  # the line of the open row
    if m := _codes_header(lines, k):
        out.lines[k] = f"{m.group('codes').strip()}\t{m.group('desc')}"
        k += 1
    elif (split := _split_codes_header(lines, k, skipped)) is not None:
        header, taken = split
        out.lines[k] = header
        for j in range(k + 1, k + taken):
            out.lines[j] = ""
        k += taken
    while k < len(lines):
        text = lines[k].strip()
        if not text and skipped(k):
            k += 1  # (a page's furniture a copy wrote inside the table, made blank: no blank line)
            continue
        if text and skipped(k) and _code_start(_after_skipped(lines, k, skipped)):
            k += 1  # (a page break inside the table: its number and running header, then the next row)
            continue
        if not text or _furniture(text):
            if _next_is_row(lines, k) or (row is not None and out.lines[row].endswith("\t")):
                k += 1
                continue
            break
        if _code_start(text):
            out.lines[k] = _code_cells(text)
            row = k
        elif _HISTORY_WORD.search(text) and _log_dates_apart(lines, k, lambda j: _furniture(lines[j])):
            break  # (a log's name, its cells set apart below: reading order put it after a code alone)
        elif _DESCRIPTION_COLUMN.match(text) and out.lines[row or k].endswith("\t"):
            break  # (a column's name is no cell: the descriptions a print read after the codes, elsewhere)
        elif row is not None and (text[:1].islower() or text[:1] == "(" or out.lines[row].endswith("\t")):
            out.lines[row] = out.lines[row] + ("" if out.lines[row].endswith("\t") else " ") + text
            out.lines[k] = ""
        else:
            break
        k += 1
    return k


def _after_skipped(lines: list[str], k: int, skipped: Callable[[int], bool]) -> str:
    """The first line from ``k`` on that is neither blank nor the page's furniture (``skipped``)."""
    return next((t for j in range(k, len(lines)) if (t := lines[j].strip()) and not skipped(j)), "")


# A code column's name (``CPT`` / ``Codes``, ``Code``, ``HCPCS Codes``) and a description column's.
_CODE_COLUMN = lazy(
    rf"^(?:{_CODE_SET}(?:(?:\s*/\s*|\s+){_CODE_SET})?(?:\s+(?:Codes?|Coding))?|(?:{_CODE_SET}\s+)?Codes?)$", re.I
)
_DESCRIPTION_COLUMN = lazy(r"^(?:Code\s+)?Descriptions?(?:\s+of\s+(?:the\s+)?\w+)?$", re.I)


@dataclass(frozen=True, slots=True)
class _Column:
    """A code table printed column by column: its code column's name lines, its codes' lines, its
    description column's name line and its description lines (every line it took, in order)."""

    names: tuple[int, ...]
    codes: tuple[int, ...]
    description: int
    cells: tuple[tuple[int, ...], ...] | None  # (each code's description lines; None: they do not pair)
    end: int
    kept: tuple[int, ...] = ()  # (a page's furniture inside it: left where it is, for the furniture pass)
    header_at: int | None = None  # (where the header is written when not on the code column's name's line)


def _column_codes(lines: list[str], k: int, skipped: Callable[[int], bool] = lambda j: False) -> _Column | None:
    """A code table a print read column by column (pdftotext in reading order): the code column's name
    (``CPT`` / ``Codes``) right above line ``k`` — or a few lines above it, past a page's furniture and the
    description column's name (the header at a page's foot, the rows on the next page) —, its codes a line
    each (blank lines between them where rows differ in height), then the description column's name
    (``Description``) and the descriptions, each one line and the lines under it that go on
    (:func:`_column_cells`).  A page break inside it (its furniture, ``skipped``, then — after a running
    header's line or three — the code column's name again over the next page's codes and ``Description``
    again, or the next page's codes and descriptions with no name over them) goes on with the same table, a
    description going on in lower case at the new page's top being the last row's; the rest of the code
    column may follow the descriptions (the codes beside their later lines).  The descriptions pair with the
    codes only when they share out into exactly as many; else ``cells`` is None."""
    top = k
    while top > 0 and k - top < 3 and lines[top - 1].strip() and len(lines[top - 1].strip()) <= 30:
        top -= 1
    name = next((i for i in range(top, k) if _CODE_COLUMN.match(" ".join(x.strip() for x in lines[i:k]))), None)
    described: int | None = None  # (the description column's name above the codes: the header a page apart)
    if name is None:
        found = _header_apart(lines, k, skipped)
        if found is None:
            return None
        name, described, names_end = found
        # (the page's number kept for the furniture pass; the next page's running header, the lines after its
        # break, blank: the header is written right over the rows)
        kept = [x for x in range(names_end, k) if _furniture(lines[x].strip())]
    else:
        kept = []
        names_end = k
    names = [lines[i].strip() for i in range(name, names_end)]

    codes_at: list[int] = []
    texts: list[int] = []
    description: int | None = described
    j = names_end
    last = ""  # (what the last line read was: a code, a description's line, the names)
    broke = False  # (the line before this one was the last of a page break's running header, skipped below)
    while j < len(lines):
        raw, text = lines[j], lines[j].strip()
        if not text:
            j += 1
            continue
        blank_above = not lines[j - 1].strip() or broke
        broke = False
        if "\t" in raw or _DATE_COLUMN.fullmatch(text) or _COLUMN_END.match(text):
            break  # (a tab-separated row, a log's date column's name, a heading: the table's end)
        if _CODE_ALONE.match(text):
            codes_at.append(j)
            last = "code"
        elif _furniture(text) or skipped(j):
            kept.append(j)
        elif description is None and _DESCRIPTION_COLUMN.match(text):
            description, last = j, "names"
        elif [lines[x].strip() for x in range(j, min(j + len(names), len(lines)))] == names and (
            blank_above or raw.startswith("\f") or (j and (skipped(j - 1) or lines[j - 1].startswith("\f")))
        ):
            j += len(names)  # (the names again over a later page's codes: blanked with the table)
            continue
        elif text == lines[description].strip() if description is not None else False:
            pass  # (``Description`` again on a later page: blanked with the table)
        elif raw.startswith("\f") and not text[:1].islower():
            # (the next page's running header, its line or three up to the names again or a code, no furniture the
            # caller knows: kept between rows, for the page's break; blanked between the header and the first row,
            # which it would set apart)
            stop = next(
                (x for x in range(j + 1, min(j + 4, len(lines)))
                 if lines[x].strip() == names[0] or _CODE_ALONE.match(lines[x].strip())),
                j + 1,
            )  # fmt: skip
            if codes_at:
                kept += [x for x in range(j, stop) if lines[x].strip()]
            j, broke = stop, True
            continue
        elif _CODE_COLUMN.match(text):
            break  # (a code column's name where no page break sets it over a page's codes: not a description)
        elif last == "text" and blank_above and not text[:1].islower() and not _page_break(lines, j):
            break  # (a paragraph after the table, a blank line apart from its last description — not one going on
            # in lower case: the last description's, on the next page)
        elif description is None:
            return None
        else:
            texts.append(j)
            last = "text"
        j += 1
    if description is None or not texts or not codes_at:
        return None
    end = max(texts[-1], codes_at[-1]) + 1
    kept = [x for x in kept if x < end]
    cells = _column_cells(lines, texts, len(codes_at))
    if cells and _OPEN_END.search(lines[cells[-1][-1]].strip()):
        cells = None  # (the last description goes on elsewhere — a page the table runs on to: not whole)
    header_at = None
    if any(names_end <= x < codes_at[0] for x in kept):
        free = [x for x in range(names_end, codes_at[0]) if x not in kept and x != description]
        header_at = free[-1] if free and free[-1] > max(x for x in kept if x < codes_at[0]) else None
    return _Column(
        tuple(range(name, names_end)),
        tuple(codes_at),
        description,
        cells,
        end,
        tuple(sorted(set(kept))),
        header_at,
    )


def _page_break(lines: list[str], j: int) -> bool:
    """Whether a page break (a form feed, a page's furniture) stands between line ``j`` and the text above it."""
    i = j
    while i > 0 and not lines[i - 1].strip():
        i -= 1
    return lines[j].startswith("\f") or any(lines[x].startswith("\f") for x in range(i, j + 1))


# (a heading that ends a code table printed column by column: the history's, the references', the reminder's)
_COLUMN_END = lazy(
    r"^(?:Revision\s+Log|Reviews,\s+Revisions,\s+and(?:\s+Approvals)?|References|Important\s+Reminder|"
    r"Policy\s+History|Revision\s+History|History|Appendix\b.*|[IVX]+\.\s+\S.*)$",
    re.I,
)


def _header_apart(lines: list[str], k: int, skipped: Callable[[int], bool]) -> tuple[int, int, int] | None:
    """A code table's header a page's foot apart from its codes from line ``k``: going up past blank lines and
    a page's furniture (its number, the next page's running header), the description column's name
    (``Description``), more furniture, then the code column's name (``CPT® Codes``) — its first line, the
    description name's line and the line after the code column's name; None when it is not so."""
    i = k - 1
    described = None
    seen = 0
    while i >= 0 and seen < 8:
        text = lines[i].strip()
        if described is None and _DESCRIPTION_COLUMN.match(text):
            described = i  # (the name, even where a running line of the head's names says it too)
            i -= 1
            continue
        if not text or skipped(i) or _furniture(text) or lines[i].startswith("\f"):
            i -= 1
            seen += 1
            continue
        break
    if described is None or i < 0 or not _CODE_COLUMN.match(lines[i].strip()):
        return None
    if not any(lines[x].startswith("\f") or (lines[x].strip() and (skipped(x) or _furniture(lines[x].strip())))
               for x in range(i + 1, k)):  # fmt: skip
        return None  # (no page's furniture between: not a header a page apart)
    return i, described, i + 1


def _column_cells(lines: list[str], texts: list[int], n: int) -> tuple[tuple[int, ...], ...] | None:
    """A description column's lines ``texts`` shared out into ``n`` cells.  A line goes on the cell above
    when it starts in lower case or with ``(``, ``,`` or ``;``, or the line above stops open (a hyphen, a
    comma, ``and``, ``of``: no description ends so); a line starting with a capital or a digit starts a cell
    for sure when its first word would have fitted on the line above (the word-wrap test: a wrapped cell goes
    on where it did not, the column's width its longest line's, less a margin for a proportional font's
    letters); the other lines starting so are unsure (``Roux-en-Y`` under a long line).  The cells are those
    of the sure starts when they make ``n``, else of every start when those do; None when neither (which line
    starts a cell cannot be known: nothing paired)."""
    words = [lines[i].strip() for i in texts]
    if not words or n < 1:
        return None
    width = max(len(w) for w in words)
    sure: list[int] = []
    unsure: list[int] = []
    for x in range(1, len(words)):
        text, above = words[x], words[x - 1]
        if text[:1].islower() or text[:1] in "(,;" or above.endswith(("-", ",")) or _OPEN_END.search(above):
            continue
        if len(above) + 1 + len(text.split()[0]) <= width * 0.9:
            sure.append(x)
        else:
            unsure.append(x)

    def split(starts: list[int]) -> tuple[tuple[int, ...], ...]:
        ends = [*starts[1:], len(texts)]
        return tuple(tuple(texts[a:b]) for a, b in zip(starts, ends, strict=True))

    if len(sure) + 1 == n:
        return split([0, *sure])
    if len(sure) + len(unsure) + 1 == n:
        return split([0, *sorted(sure + unsure)])
    return None


_OPEN_END = lazy(r"(?:[-–,(/]|\b(?:to|of|and|or|the|a|an|with|for|from|in|by))$", re.I)  # (a cell that goes on)


def _date_column(lines: list[str], k: int, skipped: Callable[[int], bool]) -> _Column | None:
    """A dated log printed a column at a time (pdftotext in reading order of a two-column log): a date
    column's name at line ``k`` (``Date``, ``Revision Date``), its dates a line each, then — past a page's
    furniture — the other column's name (``Summary of Changes``) and its cells, each a line and the lines under
    it that go on in lower case.  A row each date and its text, in order, where there are exactly as many of
    both (a text not ending a sentence at its last line: none paired); else as :func:`_columns_apart` reads it;
    None where it is not so printed."""
    if not _DATE_COLUMN.fullmatch(lines[k].strip()):
        return None
    return _dates_then_texts(lines, k, skipped) or _columns_apart(lines, k, skipped)


def _dates_then_texts(lines: list[str], k: int, skipped: Callable[[int], bool]) -> _Column | None:
    """:func:`_date_column`'s first shape: the dates right under their name, then the other column."""
    j = k + 1
    dates: list[int] = []
    while j < len(lines) and re.fullmatch(_LOG_DATE, lines[j].strip()):
        dates.append(j)
        j += 1
    if len(dates) < 2:
        return None
    kept: list[int] = []
    while j < len(lines) and (not lines[j].strip() or skipped(j) or _furniture(lines[j].strip())):
        if lines[j].strip():
            kept.append(j)
        j += 1
    if j >= len(lines) or j == dates[-1] + 1 or not name_like(name := lines[j].strip()):
        return None
    if _DATE_COLUMN.fullmatch(name):
        return None
    description = j
    cells: list[list[int]] = []
    j += 1
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j]:
        text = lines[j].strip()
        if skipped(j) or _furniture(text):
            kept.append(j)
        elif cells and (text[:1].islower() or lines[cells[-1][-1]].rstrip().endswith(("-", ",", ";", "and", "or"))):
            cells[-1].append(j)
        else:
            cells.append([j])
        j += 1
    if len(cells) != len(dates):
        return None
    return _Column((k,), tuple(dates), description, tuple(tuple(c) for c in cells), j, tuple(kept))


def _columns_apart(lines: list[str], k: int, skipped: Callable[[int], bool]) -> _Column | None:
    """A dated log of two columns that pdftotext in reading order wrote a column at a time (a Word print whose
    rows have no spacing: each column one block): the date column's name at line ``k`` (``Date``), then, page by
    page, the dates a line each (a blank line between two where a row's text wrapped) and the other column's
    texts — each a line and the lines under it that go on (in lower case, or after a line left open) — with the
    other column's name (``Action``, ``Summary of Changes``) once, before the first dates or after them, and a
    page's furniture (its number, its running header) anywhere between.  A row each date and its text, in order,
    where each page's dates and texts are as many; where not, the lines are kept and the log said unpaired
    (``cells`` None); None where it is not so printed."""
    kept: list[int] = []

    def running(j: int) -> bool:  # (a page's first line written elsewhere too: the next page's running header)
        text = lines[j].replace("\f", "").strip()
        return lines[j].startswith("\f") and sum(1 for x in lines if x.replace("\f", "").strip() == text) >= 2

    def skip(j: int) -> int:
        while j < len(lines) and (not lines[j].strip() or skipped(j) or _furniture(lines[j].strip()) or running(j)):
            if lines[j].strip():
                kept.append(j)
            j += 1
        return j

    def date(j: int) -> bool:
        return j < len(lines) and re.fullmatch(_LOG_DATE, lines[j].strip()) is not None

    def other_name(j: int) -> bool:
        return (
            j < len(lines) and bool(_COLUMN_NAME.match(text := lines[j].strip())) and not _DATE_COLUMN.fullmatch(text)
        )

    description: int | None = None
    j = skip(k + 1)
    if other_name(j):
        description, j = j, skip(j + 1)
    groups: list[tuple[list[int], list[list[int]]]] = []
    while date(j):
        dates: list[int] = []
        while date(j):  # (the dates, a blank line between two where a row's text wrapped)
            dates.append(j)
            nxt = j + 1
            while nxt < len(lines) and not lines[nxt].strip():
                nxt += 1
            j = nxt if date(nxt) else j + 1
        j = skip(j)
        if description is None and other_name(j):
            description, j = j, skip(j + 1)
        cells: list[list[int]] = []
        while j < len(lines) and lines[j].strip() and "\t" not in lines[j]:
            text = lines[j].strip()
            if skipped(j) or _furniture(text) or running(j):
                kept.append(j)
            elif date(j) or text.casefold() in HEADINGS or other_name(j):
                break
            elif cells and (text[:1].islower() or _OPEN_END.search(lines[cells[-1][-1]].rstrip())):
                cells[-1].append(j)
            else:
                cells.append([j])
            j += 1
        groups.append((dates, cells))
        if not cells:
            break
        after = skip(j)
        if not date(after):
            break
        j = after
    if description is None or not groups or sum(len(d) for d, _ in groups) < 2 or not groups[-1][1]:
        return None
    paired = all(len(d) == len(c) for d, c in groups)
    codes = tuple(d for dates, _ in groups for d in dates)
    texts = tuple(tuple(c) for _, group in groups for c in group)
    return _Column((k,), codes, description, texts if paired else None, j, tuple(kept))


def _interleaved_codes(lines: list[str], k: int) -> _Column | None:
    """A code table a print read in the order of its lines on the page (pdftotext in reading order) whose
    cells are centred in their rows: the code column's name from line ``k`` (``Code``, ``HCPCS`` /
    ``Procedure`` / ``Code``), the description column's (``Description``), then the rows' lines, each code
    beside the middle of its description — alone between two of its lines, or on its middle line
    (``Pneumatic compressor, … for use with`` / ``E0651`` / ``garments on an arm or a leg``).  Each code
    has as many of the lines above it as below it; lines that do not share out so exactly do not pair
    (``cells`` None: kept as text).  None when the table is not so printed (its first line a code: the
    code table of rows :func:`_codes` reads)."""
    found: list[int] = []  # (the header's lines: a name a line, a blank line between at most)
    j = k
    while j < len(lines) and len(found) < 5:
        text = lines[j].strip()
        if not text and found and found[-1] == j - 1:
            j += 1
            continue
        if not text or len(text) > 30 or not wrapped_name_like(text) or _code_start(text) or "\t" in lines[j]:
            break
        found.append(j)
        j += 1
    header = None
    for e in range(
        len(found), 1, -1
    ):  # (the most lines that make the two names: ``CPT`` / ``Description`` / ``Codes``)
        desc = [i for i in found[:e] if _DESCRIPTION_COLUMN.match(lines[i].strip())]
        names = [i for i in found[:e] if i not in desc]
        if len(desc) == 1 and names and _CODE_COLUMN.match(" ".join(lines[i].strip() for i in names)):
            header = (tuple(names), desc[0], found[e - 1] + 1)
            break
    if header is None or header[0][0] != k:
        return None
    names_at, j = header[0], header[2]
    description = header[1]
    while j < len(lines) and not lines[j].strip():
        j += 1
    body: list[int] = []
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j]:
        if not _furniture(lines[j].strip()):
            body.append(j)
        j += 1
    texts = [lines[i].strip() for i in body]
    keyed = [n for n, t in enumerate(texts) if _CODE_ALONE.match(t) or _CODE_ROW.match(t)]
    if not body or not keyed or keyed[0] == 0:
        return None
    cells: list[tuple[int, ...]] = []
    paired = True
    free = 0
    for n, i in enumerate(keyed):
        above = i - free
        stop = keyed[n + 1] if n + 1 < len(keyed) else len(body)
        if i + 1 + above > stop or (n + 1 == len(keyed) and i + 1 + above != len(body)):
            paired = False
            break
        cells.append(tuple(body[x] for x in range(free, i + 1 + above)))
        free = i + 1 + above
    codes = tuple(body[i] for i in keyed)
    return _Column(names_at, codes, description, tuple(cells) if paired else None, j)


def _code_column(
    lines: list[str], k: int, named: bool, skipped: Callable[[int], bool] = lambda j: False
) -> _Column | None:
    """A code table printed column by column from line ``k``: its codes first (a code alone there) or
    its code column's name (``named``) over lines of both columns."""
    if _CODE_ALONE.match(lines[k].strip()):
        return _column_codes(lines, k, skipped)
    return _interleaved_codes(lines, k) if named else None


def _write_column_codes(out: _Out, column: _Column) -> int:
    """``column`` as tab-separated rows: its header on the code column's last name line, each row on its
    code's line, the other lines it took blank, and the code rows written one a line after it (``G0277
    Hyperbaric oxygen …``) read on; the line after it.  Descriptions that do not pair with the codes:
    nothing rewritten, the line noted (kept as text, worth a look)."""
    lines = out.lines
    if column.cells is None:
        if column.description not in out.unpaired:
            out.unpaired.append(column.description)
        return column.end
    name = " ".join(lines[i].strip() for i in column.names)
    desc = lines[column.description].strip()
    codes = [_code_of(lines[c].strip()) for c in column.codes]
    texts = [
        join_cell([_text_of(lines[i].strip()) for i in cell if _text_of(lines[i].strip())]) for cell in column.cells
    ]
    rows = [f"{c}\t{t}" for c, t in zip(codes, texts, strict=True)]
    firsts = [
        min(cell) if column.codes[0] > column.description else c
        for cell, c in zip(column.cells, column.codes, strict=True)
    ]
    for i in range(column.names[0], column.end):
        if i not in column.kept:
            lines[i] = ""
    lines[column.names[-1] if column.header_at is None else column.header_at] = f"{name}\t{desc}"
    for at, row in zip(firsts, rows, strict=True):
        lines[at] = row
    j = column.end
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines) and _CODE_ROW.match(lines[j].strip()):
        return _codes(out, j)
    return column.end


def _code_of(text: str) -> str:
    m = _CODE_ROW.match(text)
    return m.group("code") if m else text


def _text_of(text: str) -> str:
    """A description's line without the code a print set on it (``E0652 Pneumatic …``), or "" for a
    code alone."""
    if _CODE_ALONE.match(text):
        return ""
    m = _CODE_ROW.match(text)
    return m.group("rest") if m else text


def _code_cells(text: str) -> str:
    if m := _CODE_ROW.match(text):
        return f"{m.group('code')}\t{m.group('rest')}"
    return f"{text}\t"  # (a code alone: its description is on the next line)


def _next_is_row(lines: list[str], k: int) -> bool:
    for line in lines[k + 1 : k + 6]:
        text = line.strip()
        if text and not _furniture(text):
            return _code_start(text)
    return False


_DATE_COLUMN = lazy(r"(?:(?:Revision|Review|Approval|P&T\s+Approval|Effective)\s+)?Date", re.I)
_COLUMN_WORD = lazy(r"^(?:Revision|Review|Approval|P&T\s+Approval|Effective|Date)$", re.I)
# (a log's date as its row writes it: a day, or a month and its year — ``6/2024``)
_LOG_DATE = rf"(?:\d{{1,2}}/(?:19|20)\d\d|{_NUM_DATE})"
_ONLY_DATES = lazy(rf"^{_LOG_DATE}(?:\s+{_LOG_DATE})*$")


_RULE = lazy(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")  # (a markdown table's ``|---|---|``)


# a date set apart by bars, no spaces (``EFFECTIVE DATE: 10|01|2025``, a plan's header field): one cell's text
_BAR_DATE = lazy(r"(?<![\w|])(\d{1,2})\|(\d{1,2})\|(\d{4})(?![\w|])")


def _cells(text: str) -> list[str]:
    """A pipe row's cells: pipes at both ends are a markdown row's border; a pipe at its end alone
    closes an empty last cell (``Added EoE indication. | 06.14.22 |``); a date's bars are no cells' edges."""
    t = _BAR_DATE.sub("\\1\x00\\2\x00\\3", text.strip())
    if t.startswith("|") and t.endswith("|") and len(t) > 1:
        t = t[1:-1]
    return [c.strip().replace("\x00", "|") for c in t.split("|")]


def _pipes(out: _Out, k: int) -> int:
    """A table written with pipes between its cells (``HCPCS CODE | DESCRIPTION`` / ``J3380 | Injection …``,
    a markdown table): two lines or more with as many cells, made tab-separated; how many lines it took."""
    lines = out.lines
    width = len(_cells(lines[k]))
    if width < 2:
        return 0

    def row(i: int) -> bool:
        line = lines[i]
        return "\t" not in line and (
            _RULE.match(line.strip()) is not None or ("|" in line and len(_cells(line)) == width)
        )

    def spaced(i: int) -> bool:  # (a blank line at ``i``, a row after it)
        return i + 1 < len(lines) and not lines[i].strip() and row(i + 1) and not _RULE.match(lines[i + 1].strip())

    # (a print that sets each row a paragraph of its own, a blank line between every two rows: one table; rows
    # written line after line never go on past a blank line)
    paragraphs = k + 1 < len(lines) and spaced(k + 1)
    j = k
    while j < len(lines) and row(j):
        j += 1
        if paragraphs and spaced(j):
            j += 1
    filled = len([i for i in range(k, j) if lines[i].strip()])
    # (two lines of two cells a blank apart are a page's running header over a title of the same shape more often
    # than a table: set apart by blanks, a table shows three columns or a second row)
    if filled < 2 or (j - k > filled and width < 3 and filled < 3):
        return 0
    for i in range(k, j):
        if lines[i].strip():
            out.lines[i] = "" if _RULE.match(lines[i].strip()) else "\t".join(_cells(lines[i]))
    return j - k


def pipe_rows(lines: list[str]) -> dict[int, str]:
    """The lines of ``lines`` that are rows of tables written with pipes (see :func:`_pipes`), each as
    its tab-separated row (a markdown rule line as ``""``): for the text front of the family's own
    documents, which reads tables as tab-separated rows and nothing else."""
    if not any("|" in line for line in lines):
        return {}
    out = _Out(list(lines), [], [])
    k = 0
    while k < len(lines):
        taken = _pipes(out, k) if "|" in lines[k] and "\t" not in lines[k] else 0
        k += taken or 1
    return {k: line for k, line in enumerate(out.lines) if line != lines[k]}


def _only_columns(text: str) -> bool:
    """Whether a line names columns only (``Revision Effective Date``): a table's header cells, no history's
    name (``Revision History``, ``Reviews, Revisions, and Approvals``) before them."""
    return all(_COLUMN_WORD.match(w) for w in text.replace("&", " ").split() if w.lower() != "p")


def _split_header(
    lines: list[str], k: int, skipped: Callable[[int], bool] = lambda j: False
) -> tuple[re.Match[str], int] | None:
    """A log's header written a cell a line (pdftotext of a Word table): the history's name, then its
    column names alone on their lines (``Revision`` / ``Date`` / ``Approval`` / ``Date``): the header as
    one line, and how many lines it took.  A page's furniture between its names (``skipped``: a running
    header a copy wrote there, already blank) is no end of it."""
    if not _HISTORY_WORD.search(lines[k]):
        return None
    words = [lines[k].strip()]
    j = k + 1
    while j < len(lines) and j - k <= 7 and (_COLUMN_WORD.match(lines[j].strip()) or skipped(j)):
        if not skipped(j):
            words.append(lines[j].strip())
        j += 1
    while j - 1 > k and skipped(j - 1):
        j -= 1  # (furniture after the last name is the text's, not the header's)
    if j - k < 2 or (m := _LOG_HEADER.match(" ".join(words))) is None:
        return None
    return m, j - k


def _log(out: _Out, k: int, header: re.Match[str], taken: int = 1) -> int:
    """A dated log from its header at line ``k`` (``taken`` lines); the line after it.

    Its rows are laid out one of two ways, told apart by whether any line holds dates alone: a row's
    dates after its text (at the end of its last line, or alone on the lines after it: a cell a line)
    — else on its first line, its text going on below (``pdftotext -layout`` of a top-aligned table)."""
    lines = out.lines
    names = _DATE_COLUMN.findall(header.group("cols"))
    n = len(names)
    tail = re.compile(rf"^(?P<text>.*?)\s*(?P<dates>{_LOG_DATE}(?:\s+{_LOG_DATE}){{{n - 1}}})$")
    # (a row whose later date cells are empty — the family's logs leave a row's ``P&T Approval Date`` blank
    # under one approved with the row above — ends in fewer dates, after its text's last stop: the stop
    # tells it from a wrapped line that ends in a date of the text's own)
    fewer = rf"(?P<dates>{_LOG_DATE}(?:\s+{_LOG_DATE}){{0,{n - 2}}})"
    short = re.compile(rf"^(?P<text>.*?[.;)])\s+{fewer}$") if n > 1 else None
    name = header.group("name").strip()
    out.lines[k] = "\t".join([name, *names])
    for j in range(k + 1, k + taken):
        out.lines[j] = ""
    k += taken
    after = _region(lines, k)
    if n == 1 and (by_columns := _log_by_columns(out, k - taken, k, after)) is not None:
        return by_columns
    body = [lines[j].strip() for j in range(k, after) if lines[j].strip() and not _counter(lines, j)]
    body = [t for t in body if _ONLY_DATES.match(t) or not _furniture(t)]
    # (dates after the text: a line of dates alone, or a first row whose first line has none)
    below = (
        any(_ONLY_DATES.match(t) for t in body)
        or (bool(body) and tail.match(body[0]) is None)
        or _rows_end_in_dates(body, tail, short)
    )
    pending: list[int] = []  # the lines of the row being read (its text)
    dates: list[str] = []  # its dates written alone, a line each
    row: int | None = None  # (dates first: the line of the open row)

    def close(at_line: int | None = None) -> None:
        nonlocal pending, dates
        texts = [lines[j].strip() for j in pending]
        first = pending[0] if pending else at_line
        if first is None:
            return
        for j in pending:
            out.lines[j] = ""
        cells = [*dates, *[""] * (n - len(dates))][:n]
        out.lines[first] = "\t".join([" ".join(texts), *cells])
        pending, dates = [], []

    while k < after:
        text = lines[k].strip()
        if not text or (_furniture(text) and not (below and _ONLY_DATES.match(text) and not _counter(lines, k))):
            k += 1
            continue
        if (split := _split_header(lines, k)) is not None and split[0].group("name").strip() == name:
            pending = _before_repeat(pending, below, lines, k + split[1])
            out.lines[k] = "\t".join([name, *names])  # (repeated after a page break)
            for j in range(k + 1, k + split[1]):
                out.lines[j] = ""
            k += split[1]
            continue
        if (m := _LOG_HEADER.match(text)) and m.group("name").strip() == name:
            pending = _before_repeat(pending, below, lines, k + 1)
            out.lines[k] = "\t".join([name, *names])
            k += 1
            continue
        if below and _ONLY_DATES.match(text):
            dates.extend(text.split())
            out.lines[k] = ""
            if len(dates) >= n:
                close(k)
            k += 1
            continue
        if copyright_notice(text):
            break  # (a page's footer under the last row: the text after the log, never a row's)
        if dates:  # (fewer dates than columns, then text: the row ends there)
            close(k)
        m = tail.match(text) or (short.match(text) if short is not None else None)
        if m is None:
            if not below and row is not None:  # (dates first: the text goes on the open row)
                out.lines[row] = out.lines[row].replace("\t", " " + text + "\t", 1)
                out.lines[k] = ""
            else:
                pending.append(k)
            k += 1
            continue
        if below:
            pending.append(k)
            out.lines[k] = m.group("text")
            dates = m.group("dates").split()
            close()
        else:
            got = m.group("dates").split()
            out.lines[k] = "\t".join([m.group("text"), *got, *[""] * (n - len(got))])
            row = k
        k += 1
    if dates:
        close(k)
    for j in pending:  # (text with no dates after it: a row of its own, kept, without a date)
        out.lines[j] = lines[j].strip() + "\t" * n
    return k


def _before_repeat(pending: list[int], below: bool, lines: list[str], after: int) -> list[int]:
    """The open row's text lines when the log's header is printed again (a page broke it), the header's last
    line before ``after``: with dates after the text, lines with no date yet above a repeated header are the
    page's running lines (a title, a ``CLINICAL POLICY`` banner) — left as they are for the furniture pass —
    unless the row's dates come alone right under the header (the row's text, its dates on the next page)."""
    if not below or not pending:
        return pending
    nxt = next((t.strip() for t in lines[after:] if t.strip()), "")
    return pending if _ONLY_DATES.match(nxt) else []


def _rows_end_in_dates(body: list[str], tail: re.Pattern[str], short: re.Pattern[str] | None) -> bool:
    """Whether a log whose first row is one line with its dates writes its other rows' dates after their
    text too: every line without dates comes after a row that closed (its text stopped before its dates)
    and starts as a row does (a capital, a digit), and the last line has its dates.  A ``-layout`` copy of
    a top-aligned table, which puts a row's dates on its first line, goes on below a line cut mid-sentence,
    in lower case."""

    def dated(t: str) -> re.Match[str] | None:
        return tail.match(t) or (short.match(t) if short is not None else None)

    undated = [j for j, t in enumerate(body) if dated(t) is None]
    if not undated or dated(body[-1]) is None:
        return False
    for j in undated:
        above = dated(body[j - 1]) if j else None
        if above is not None and (not above.group("text").rstrip().endswith((".", ";", ")")) or body[j][:1].islower()):
            return False
    return True


def _later_column(lines: list[str], j: int) -> tuple[str, list[int], int] | None:
    """A date column printed after the others (``Approval`` / ``Date`` / ``10/17`` / ``09/24`` …) from line
    ``j`` (blank lines before it skipped): its name, its dates' lines and the line after it."""
    while j < len(lines) and not lines[j].strip():
        j += 1
    words: list[str] = []
    while j < len(lines) and len(words) < 4 and _COLUMN_WORD.match(lines[j].strip()):
        words.append(lines[j].strip())
        j += 1
    if not words or not _DATE_COLUMN.fullmatch(" ".join(words)):
        return None
    dates = []
    while j < len(lines) and _ONLY_DATES.match(lines[j].strip()) and len(lines[j].split()) == 1:
        dates.append(j)
        j += 1
    return (" ".join(words), dates, j) if dates else None


def _log_by_columns(out: _Out, head: int, k: int, after: int) -> int | None:
    """A log of one date column a print read column by column, in the order of the lines on the page
    (pdftotext in reading order): from line ``k`` its first dates alone on their lines (gathered above the
    text), then the descriptions' lines, each later date after the line its row starts with (the two stand
    side by side); then, after the log, its second date column with its name (``Approval`` / ``Date``)
    and as many dates.  Its header (written on line ``head``) gets the second column.  Each date keys the
    row whose first line it stands beside; the gathered dates pair with the lines before the first such
    row when there are as many, else the rows are written with their dates only (the date column first)
    and the descriptions stay text after them (noted: worth a look).  None when the log is not so printed."""
    lines = out.lines

    def alone_date(j: int) -> bool:  # (a date alone: no page counter, though ``09/17`` reads as one)
        return bool(_ONLY_DATES.match(lines[j].strip())) and len(lines[j].split()) == 1 and not _counter(lines, j)

    body = [j for j in range(k, after) if alone_date(j) or (lines[j].strip() and not _furniture(lines[j].strip()))]
    alone = [j for j in body if alone_date(j)]
    second = _later_column(lines, after)
    if not body or body[0] not in alone or second is None or len(second[1]) != len(alone):
        return None
    gathered = [j for j in alone if not any(t < j for t in body if t not in alone)]
    texts = [j for j in body if j not in alone]
    anchors = []  # (each later date and the line its row starts with: the text line right before it)
    for j in alone[len(gathered) :]:
        before = body[body.index(j) - 1]
        if before in alone or before in anchors:
            return None
        anchors.append(before)
    first = [t for t in texts if not anchors or t < anchors[0]]
    starts = [*first, *anchors] if len(first) == len(gathered) else None
    if starts is None and gathered:
        if texts and texts[0] not in out.unpaired:
            out.unpaired.append(texts[0])
        starts = []
    header = out.lines[head].split("\t")
    dates = [lines[j].strip() for j in alone]
    approvals = [lines[j].strip() for j in second[1]]
    rows: dict[int, str] = {}
    if starts:
        ends = [*starts[1:], after]
        for (a, b), d, p in zip(zip(starts, ends, strict=True), dates, approvals, strict=True):
            rows[a] = "\t".join([join_cell([lines[t].strip() for t in texts if a <= t < b]), d, p])
        keep: set[int] = set()
    else:
        keep = set(texts)  # (the descriptions do not pair: kept as text after the rows, the date column first)
        rows = {j: f"{d}\t{p}" for j, d, p in zip(alone, dates, approvals, strict=True)}
        header = header[1:]
    for j in [*body, *range(after, second[2])]:
        if j not in keep:
            lines[j] = ""
    lines[head] = "\t".join([*header, second[0]])
    for j, row in rows.items():
        lines[j] = row
    return second[2]


@dataclass(frozen=True, slots=True)
class _TextFirst:
    """A log a print read column by column with its descriptions first: their lines, each date column's
    name and dates, the dates left over (the rows below, a row's dates one after the other), its end."""

    cells: tuple[tuple[int, ...], ...]
    columns: tuple[tuple[str, tuple[int, ...]], ...]
    rest: tuple[int, ...]
    end: int


def _log_text_first(lines: list[str], k: int) -> _TextFirst | None:
    """From the log's name at line ``k`` (a header cell alone: ``Reviews, Revisions, and Approvals``), its
    descriptions' lines (no blank line between; a line going on in lower case goes on the one above),
    then each date column's name a word a line (``Revision`` / ``Date``) over some of its dates, then the
    other rows' dates alone on their lines (pdftotext in reading order of a browser's print).  None when
    the log is not so printed or its dates do not share out over its rows exactly (as many in each
    column, the rest a row's dates in turn)."""
    if not _HISTORY_WORD.search(lines[k]) or not name_like(lines[k].strip()) or _LOG_HEADER.match(lines[k].strip()):
        return None
    j = k + 1
    cells: list[list[int]] = []
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j] and not _ONLY_DATES.match(lines[j].strip()):
        text = lines[j].strip()
        if cells and (text[:1].islower() or text[:1] in "(,;"):
            cells[-1].append(j)
        else:
            cells.append([j])
        j += 1
    columns: list[tuple[str, tuple[int, ...]]] = []
    while (col := _later_column(lines, j)) is not None:
        columns.append((col[0], tuple(col[1])))
        j = col[2]
    rest: list[int] = []
    while True:
        i = j
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i < len(lines) and _ONLY_DATES.match(lines[i].strip()) and len(lines[i].split()) == 1:
            rest.append(i)
            j = i + 1
            continue
        break
    if not cells or len(columns) < 1 or len({len(d) for _, d in columns}) != 1:
        return None
    width = len(columns)
    if len(rest) % width or len(columns[0][1]) + len(rest) // width != len(cells):
        return None
    return _TextFirst(tuple(tuple(c) for c in cells), tuple(columns), tuple(rest), j)


def _write_text_first(out: _Out, k: int, log: _TextFirst) -> int:
    """``log`` as tab-separated rows under its header on line ``k``; the line after it."""
    lines = out.lines
    name = lines[k].strip()
    dates = [[lines[i].strip() for i in d] for _, d in log.columns]
    width = len(log.columns)
    more = [lines[i].strip() for i in log.rest]
    for r in range(0, len(more), width):
        for c in range(width):
            dates[c].append(more[r + c])
    rows = [
        "\t".join([join_cell([lines[i].strip() for i in cell]), *(dates[c][n] for c in range(width))])
        for n, cell in enumerate(log.cells)
    ]
    for i in range(k + 1, log.end):
        lines[i] = ""
    lines[k] = "\t".join([name, *(c for c, _ in log.columns)])
    for cell, row in zip(log.cells, rows, strict=True):
        lines[cell[0]] = row
    return log.end


@dataclass(frozen=True, slots=True)
class _DatesApart:
    """A log a print read column by column with its date columns set apart from its descriptions (other
    text between): its name's lines, its descriptions' lines, each row's description (its lines; none when
    they do not share out over the rows), its date columns' names and their lines, each row's dates (a
    line per column), and the line after it."""

    name: tuple[int, ...]
    texts: tuple[int, ...]
    cells: tuple[tuple[int, ...], ...] | None
    columns: tuple[str, ...]
    heads: tuple[int, ...]
    rows: tuple[tuple[int, ...], ...]
    end: int


_WRAPPED_NAME = lazy(r"(?:,|\b(?:and|of|&))$", re.I)  # (a name wrapped in its cell: ``Reviews, Revisions, and``)
_DATE_HEADS = lazy(rf"^(?:{_DATE_COLUMN.pattern})(?:\s+(?:{_DATE_COLUMN.pattern}))*$", re.I)
_APART = 40  # (how many lines of another table's cells may stand between the descriptions and the dates)


def _log_dates_apart(lines: list[str], k: int, skipped: Callable[[int], bool]) -> _DatesApart | None:
    """From the log's name at line ``k`` (a header cell alone, perhaps wrapped: ``Reviews, Revisions, and`` /
    ``Approvals``), its descriptions' lines up to a blank line, then — after other text, the cells of a
    table beside it that reading order read in between — its date columns' names (``Revision Date`` /
    ``Approval Date``) and their dates alone on their lines, in blocks a blank line apart: each column's
    block for a run of rows in turn (pdftotext in reading order of LibreOffice's print).  None when the
    log is not so printed or the blocks do not share out into rows (as many dates in each column's block)."""
    first = lines[k].strip()
    if not _HISTORY_WORD.search(first) or _ANY_DATE.search(first) or "\t" in lines[k]:
        return None
    name = [k]
    j = k + 1
    if _WRAPPED_NAME.search(first) and j < len(lines) and name_like(lines[j].strip()):
        name.append(j)
        j += 1
    if not name_like(" ".join(lines[i].strip() for i in name).rstrip(",")) and len(name) == 1:
        return None
    # (the log's heading, then its table's first column's name — the log's name again, or another — wrapped in its
    # cell: ``Revision Log`` / ``Reviews, Revisions, and`` / ``Approvals``): the log is read from that name, the
    # heading stays a line of its own
    nxt = lines[j].strip() if j < len(lines) else ""
    if (
        _HISTORY_WORD.search(nxt)
        and _WRAPPED_NAME.search(nxt)
        and j + 1 < len(lines)
        and name_like(lines[j + 1].strip())
        and _log_dates_apart(lines, j, skipped) is not None
    ):
        return None
    texts: list[int] = []
    # (the descriptions end at a blank line, or at the heading after the table, which reading order may set right
    # under them, before the date columns: ``Important Reminder``)
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j] and lines[j].strip().casefold() not in HEADINGS:
        text = lines[j].strip()
        if _ONLY_DATES.match(text) or _COLUMN_WORD.match(text) or _DATE_HEADS.match(text):
            return None  # (dates or columns' names among the text: another reader's)
        texts.append(j)
        j += 1
    if not texts or all(_COLUMN_NAME.match(lines[i].strip()) for i in texts):
        return None  # (no descriptions: a column's name, ``Action`` — a header a print gave a cell a block)
    heads: list[int] = []
    for i in range(j, min(len(lines), j + _APART)):
        text = lines[i].strip()
        if "\t" in lines[i] or (_ONLY_DATES.match(text) and not skipped(i)):
            return None  # (a date before the columns' names: not this shape)
        if _DATE_HEADS.match(text):
            heads = [i]
            break
    if not heads:
        return None
    j = heads[0] + 1
    while len(heads) < 3:  # (the next column's name right under it, or a block of its own: ``Date`` / ``P&T …``)
        i = j
        while i < len(lines) and not lines[i].strip() and i - j < 2:
            i += 1
        if i >= len(lines) or not _DATE_HEADS.match(lines[i].strip()):
            break
        heads.append(i)
        j = i + 1
    columns = [c for i in heads for c in _DATE_COLUMN.findall(lines[i].strip())]
    blocks: list[list[int]] = []
    while True:
        i = j
        while i < len(lines) and (not lines[i].strip() or skipped(i)):
            i += 1
        block: list[int] = []
        while i < len(lines) and _ONLY_DATES.match(lines[i].strip()) and len(lines[i].split()) == 1:
            block.append(i)
            i += 1
        if not block:
            break
        blocks.append(block)
        j = i
    n = len(columns)
    if not blocks or len(blocks) % n:
        return None
    rows: list[tuple[int, ...]] = []
    for g in range(0, len(blocks), n):
        group = blocks[g : g + n]
        if len({len(b) for b in group}) != 1:
            return None
        rows.extend(zip(*group, strict=True))
    cells = _description_cells(lines, texts, len(rows))
    return _DatesApart(tuple(name), tuple(texts), cells, tuple(columns), tuple(heads), tuple(rows), j)


@dataclass(frozen=True, slots=True)
class _RowCells:
    """A log whose narrow columns a print read a row at a time and its wide column after them: its columns'
    name lines (the narrow ones, then the wide one's, if any), each row's cells' lines, each row's text (its
    lines; None when they do not share out over the rows, or no wide column), its text's lines, its end."""

    names: tuple[int, ...]
    rows: tuple[tuple[int, ...], ...]
    cells: tuple[tuple[int, ...], ...] | None
    texts: tuple[int, ...]
    end: int
    unpaired: int | None = None  # (the wide column's name line, when its cells do not share out over the rows)


_ROW_CELL = 24  # (characters: a narrow column's cell, ``V1.0.2024``, ``R7``, a date)


def _log_row_cells(lines: list[str], k: int, skipped: Callable[[int], bool]) -> _RowCells | None:
    """From a history's name alone at line ``k`` (``Policy History``), a table whose narrow columns — a date
    column among them — pdftotext in reading order of LibreOffice's print wrote a row at a time, a cell a
    line, each column's name above the first row's cell (``Version`` / ``V1.0.2023`` / ``Date`` /
    ``01/01/2023``, then ``V1.0.2024`` / ``01/01/2024`` …), and its wide column after them, past the page's
    furniture: its name (``Summary of Changes``) and its cells' lines wrapped, no blank line between two
    rows.  None unless two rows or more read so, each cell of its column's shape (a date alone in the date
    column; a short value with no sentence's end elsewhere)."""
    first = lines[k].strip()
    if not _HISTORY_WORD.search(first) or _ANY_DATE.search(first) or "\t" in lines[k] or not name_like(first):
        return None
    seq: list[int] = []  # (the lines after the name: no blank, no furniture)
    j = k + 1
    while j < len(lines) and len(seq) < 4 * _MAX_NAMED:
        text = lines[j].strip()
        if "\t" in lines[j]:
            break
        if text and not skipped(j):
            if len(text) > _ROW_CELL and not _COLUMN_NAME.match(text):
                break
            seq.append(j)
        j += 1
    texts = [lines[i].strip() for i in seq]

    def is_date(t: str) -> bool:
        return bool(_ONLY_DATES.match(t)) and len(t.split()) == 1

    def is_key(t: str) -> bool:
        return not is_date(t) and not _COLUMN_NAME.match(t) and 0 < len(t.split()) <= 2 and not t.endswith((".", ";"))

    # the header and the first row: column names, and under (or after) them as many cells, the date's in the date
    # column's place
    names: list[int] = []
    first_row: list[int] = []
    at = 0
    while at < len(seq) and (
        len(first_row) < len(names) or not any(is_date(lines[i].strip()) for i in first_row) or not first_row
    ):
        t = texts[at]
        if _COLUMN_NAME.match(t) and len(first_row) <= len(names):
            names.append(seq[at])
        elif is_date(t) or is_key(t):
            first_row.append(seq[at])
        else:
            return None
        at += 1
    columns = [lines[i].strip() for i in names]
    dated = [c.casefold() == "date" or bool(_DATE_COLUMN.fullmatch(c)) for c in columns]
    if len(columns) < 2 or len(first_row) != len(columns) or sum(dated) != 1:
        return None
    shapes = [is_date if d else is_key for d in dated]
    if not all(shape(lines[i].strip()) for shape, i in zip(shapes, first_row, strict=True)):
        return None
    rows = [tuple(first_row)]
    while at + len(columns) <= len(seq):
        group = seq[at : at + len(columns)]
        if not all(shape(lines[i].strip()) for shape, i in zip(shapes, group, strict=True)):
            break
        rows.append(tuple(group))
        at += len(columns)
    if len(rows) < 2:
        return None
    end = rows[-1][-1] + 1
    # the wide column after them: its name, then its lines up to a blank line
    wide: list[int] = []
    cells = None
    if at < len(seq) and _COLUMN_NAME.match(texts[at]) and not _DATE_COLUMN.fullmatch(texts[at]):
        i = seq[at] + 1
        while i < len(lines) and lines[i].strip() and "\t" not in lines[i] and not skipped(i):
            wide.append(i)
            i += 1
        cells = _description_cells(lines, wide, len(rows)) if wide else None
        if cells is not None:
            names.append(seq[at])
            end = i
        else:
            return _RowCells(tuple(names), tuple(rows), None, (), end, seq[at])
    return _RowCells(tuple(names), tuple(rows), cells, tuple(wide), end)


def _write_row_cells(out: _Out, log: _RowCells) -> int:
    """``log`` as tab-separated rows under its header, the history's name above them a heading of its own; the
    line after it."""
    lines = out.lines
    header = [lines[i].strip() for i in log.names]
    rows = [[lines[i].strip() for i in row] for row in log.rows]
    if log.cells is not None:
        for row, cell in zip(rows, log.cells, strict=True):
            row.append(join_cell([lines[i].strip() for i in cell]))
    for i in [*log.names, *(i for row in log.rows for i in row), *log.texts]:
        lines[i] = ""
    lines[log.names[0]] = "\t".join(header)
    for row, at in zip(rows, log.rows, strict=True):
        lines[at[0] if at[0] != log.names[0] else at[-1]] = "\t".join(row)
    if log.unpaired is not None and log.unpaired not in out.unpaired:
        out.unpaired.append(log.unpaired)  # (its texts stay below the rows: a warning)
    return log.end


def _description_cells(lines: list[str], texts: list[int], n: int) -> tuple[tuple[int, ...], ...] | None:
    """The descriptions' lines shared out into ``n`` rows: a row starts at a line that does not go on in
    lower case — else, where that gives too many, at a line after a sentence's end whose first word would
    have fitted on the line above (the word-wrap test: a wrapped sentence of the same cell goes on where
    it did not).  None when neither gives exactly ``n`` (a cell of several sentences cannot be told)."""
    words = [lines[i].strip() for i in texts]
    width = max(len(w) for w in words)

    def split(starts: list[int]) -> tuple[tuple[int, ...], ...]:
        ends = [*starts[1:], len(texts)]
        return tuple(tuple(texts[a:b]) for a, b in zip(starts, ends, strict=True))

    capital = [0, *(i for i in range(1, len(words)) if not (words[i][:1].islower() or words[i][:1] in "(,;"))]
    if len(capital) == n:
        return split(capital)
    fits = [
        i for i in capital[1:]
        if words[i - 1].endswith((".", ";")) and len(words[i - 1]) + 1 + len(words[i].split()[0]) <= width
    ]  # fmt: skip
    return split([0, *fits]) if len(fits) + 1 == n else None


def _fits(log: _DatesApart) -> bool:
    """Whether ``log`` can be written on the lines it took before its dates: its rows, a blank line and
    its descriptions' text (on a line at least) under its header — always when they pair."""
    return log.cells is not None or len(log.name) - 1 + len(log.texts) >= len(log.rows) + 3


def _write_dates_apart(out: _Out, k: int, log: _DatesApart) -> int:
    """``log`` as tab-separated rows under its header on line ``k``; the line after it.  When its
    descriptions do not pair with its rows, the log's name stands alone (its heading) over a table of the
    rows' dates only, and the descriptions stay text below them, a warning noted."""
    lines = out.lines
    name = join_cell([lines[i].strip() for i in log.name])
    dates = [tuple(lines[i].strip() for i in row) for row in log.rows]
    texts = {i: lines[i].strip() for i in log.texts}
    for i in [*log.name, *log.texts, *log.heads, *(i for row in log.rows for i in row)]:
        lines[i] = ""
    if log.cells is not None:
        lines[k] = "\t".join([name, *log.columns])
        for cell, row in zip(log.cells, dates, strict=True):
            lines[cell[0]] = "\t".join([join_cell([texts[i] for i in cell]), *row])
        return log.end
    # (the log's name a line of its own — its heading — then its date columns' header and the rows of dates
    # under it, the descriptions right after them: a line each that starts anew, the lines going on in lower
    # case joined to it — a wrapped cell's lines are one text whatever its row — so no two rows' texts run
    # together while the lines left hold them; else those the rows took run together on the first line left)
    slots = [*log.name[1:], *log.texts]
    lines[k] = name
    lines[slots[0]] = "\t".join(log.columns)
    for slot, row in zip(slots[1:], dates, strict=False):
        lines[slot] = "\t".join(row)
    rest = slots[len(dates) + 1 :]
    kept = _wrapped_pieces(list(texts.values()))
    spare = len(rest) - 1
    if len(kept) > len(rest):
        kept = [join_cell(kept[: len(kept) - spare]), *kept[len(kept) - spare :]]
    # (the lines left over a blank line each after the longest texts: a line as long as a print's is the one
    # the wrapped reading would join to the next)
    blanks = set(sorted(range(len(kept) - 1), key=lambda i: -len(kept[i]))[: len(rest) - len(kept)])
    spaced = [piece for i, text in enumerate(kept) for piece in ([text, ""] if i in blanks else [text])]
    for slot, text in zip(rest, spaced, strict=False):
        lines[slot] = text
    if log.texts[0] not in out.unpaired:
        out.unpaired.append(log.texts[0])
    return log.end


def _wrapped_pieces(texts: list[str]) -> list[str]:
    """``texts``, a column's lines, with each line that goes on in lower case (or after a comma, a
    parenthesis) joined to the one above: the lines of one cell wrapped, never two cells."""
    pieces: list[str] = []
    for text in texts:
        if pieces and (text[:1].islower() or text[:1] in "(,;"):
            pieces[-1] = join_cell([pieces[-1], text])
        else:
            pieces.append(text)
    return pieces


def _counter(lines: list[str], k: int) -> bool:
    """Whether line ``k`` is a page counter (``2/3`` under a printed page's address), not a date alone."""
    if not re.fullmatch(r"\d{1,2}\s*/\s*\d{1,2}", lines[k].strip()):
        return False
    above = next((lines[j].strip() for j in range(k - 1, max(-1, k - 4), -1) if lines[j].strip()), "")
    return bool(re.match(r"(?:https?|file)://", above)) or (page_number_line(lines[k]) and not above)


# A history table's header of column names one of which is the date, anywhere (``Status  Date  Action``,
# ``Date  Summary of Changes``, ``Type of Revision  Summary of Changes  Date``).
_COLUMN_WORDS = (
    r"(?:Status|Action|Type(?:\s+of\s+(?:Revision|Change))?|Summary(?:\s+of\s+Changes?)?|Changes?|Description|"
    r"Comments?|Reason(?:\s+for\s+Change)?|Version|Revision(?:\s+Number)?)"
)
_COLUMNS = lazy(rf"^(?:{_COLUMN_WORDS}\s+)*Date(?:\s+{_COLUMN_WORDS})*$", re.I)
# (a date in digits; or a month and its year alone at a line's start — ``08/2019 Created``, a log's first row as
# old records have it — never inside a sentence, where ``since 08/2019`` is the row's own text)
_ANY_DATE = lazy(rf"(?<![\w/.])(?:{_NUM_DATE}|^\d{{1,2}}/(?:19|20)\d\d)(?![\w/])")


# A history's name over its date column, then the other columns' names (``Revision History   Description``).
_HISTORY_COLUMNS = lazy(
    r"^(?P<date>(?:Revision|Review|Policy|Change)\s+History)\s+(?P<rest>Description|Summary(?:\s+of\s+Changes?)?|"
    r"Comments?|Actions?|Changes?)$",
    re.I,
)


def _dated_rows(out: _Out, k: int, skipped: Callable[[int], bool] = lambda j: False) -> int:
    """A history table laid out with spaces whose header names its columns (the date one among them) at
    line ``k``: a line with a date starts a row (the words before it its first cell when the date is not
    the first column, the words after it the last), a line without one goes on the row above; the line
    after the table."""
    lines = out.lines
    header, top = lines[k].strip(), k
    if _COLUMN_NAME.match(header) and (stacked := _stacked_names(lines, k, skipped)) is not None:
        header, top = stacked  # (its names a block each: ``Date`` / ``Comments``, a print in reading order)
    date = "Date"
    if (named := _HISTORY_COLUMNS.match(header)) is not None:  # (``Revision History   Description``)
        date, before, after_words = named.group("date"), "", named.group("rest")
    else:
        m = re.search(r"\bDate\b", header, re.I)
        assert m is not None
        before, after_words = header[: m.start()].strip(), header[m.end() :].strip()
    # (the date first: a table's first cell is its key, and a row without one goes on the row above)
    cells = [c for c in (date, before, after_words) if c]
    if len(cells) < 2:
        return k + 1
    end = _region(lines, top + 1, lines[k], skipped)
    rows: list[int] = []
    previous, widest, row_indent = "", 0, 0  # (the last line read into a row, the longest, the row's indent)
    page_top = 0  # (a page break inside the table: the line its header is repeated on)
    for j in range(top + 1, end):
        text = lines[j].strip()
        if not text and skipped(j):
            continue  # (a page's furniture a copy wrote inside the table, made blank: no blank line)
        if j < page_top:
            continue  # (a page's number and running header before the header repeated: left for the furniture pass)
        if rows and " ".join(text.split()) == " ".join(lines[k].split()):
            out.lines[j] = ""  # (the header a page break repeated: passed over, the rows go on under it)
            continue
        if not text and rows and not _next_has_date(lines, j) and not out.lines[rows[-1]].endswith("\t"):
            if (again := _header_again(lines, j, lines[k], skipped)) is not None:
                page_top = again
                continue
            end = j  # (a blank line, and no dated row after it: the table ends)
            break
        if not text or _furniture(text) or material_id(text):
            continue  # (a Medicare material ID a print set under the log: furniture, no row's text)
        if skipped(j) and rows and _row_below(lines, j, end, skipped, bool(before)):
            continue  # (a running header the caller knows between two rows, kept for the furniture pass: no text)
        if rows and (_DATES_FIELD.match(text) or page_stamp(text)):
            end = j  # (a field of dates after the table, ``Reviewed: 03/2024, 03/2023``: no cell's wrapped text)
            break
        d = _row_date(text, bool(before))
        if d is not None and (not before or text[: d.start()].strip().count(" ") <= 3):
            lead, rest = text[: d.start()].strip(), text[d.end() :].strip()
            row_indent = _indent(lines[j])
            out.lines[j] = "\t".join([d.group(0), *([lead] if before else []), *([rest] if after_words else [])])
            rows.append(j)
        elif rows and after_words and out.lines[rows[-1]].endswith("\t"):
            # (a row's date alone on its line, its text the next block: a print read a cell at a time)
            out.lines[rows[-1]] += text
            out.lines[j] = ""
        elif (
            rows
            and not copyright_notice(text)
            and (  # (a page's footer: the text after the table)
                _indent(lines[j]) > row_indent
                # (set no farther in than its row: a cell wraps inside its column, so a sentence wider than
                # every row so far is the text after the table, which a copy set right under its last row — a
                # cell's own list, ``- Revised criteria …`` under ``Coverage Rationale``, may be wider)
                or (_after_full_line(previous, text, widest) and (len(text) <= widest or _CELL_ITEM.match(text)))
            )
        ):
            out.lines[rows[-1]] += " " + text
            out.lines[j] = ""
        elif rows:
            end = j  # (a sentence ended on a short line, then a new one: the text after the table)
            break
        else:
            return k + 1  # (no row yet: not a table)
        previous, widest = text, max(widest, len(text))
    if not rows:
        return k + 1
    out.lines[k] = "\t".join(cells)
    for j in range(k + 1, top + 1):
        out.lines[j] = ""
    return end


def _row_below(lines: list[str], j: int, end: int, skipped: Callable[[int], bool], after_cells: bool) -> bool:
    """Whether the first line of text below line ``j`` (known furniture and blank lines aside) starts a dated row:
    a page's running header between two rows — one above a heading or a sentence may end the table."""
    for i in range(j + 1, end):
        text = lines[i].strip()
        if not text or _furniture(text) or skipped(i):
            continue
        return _row_date(text, after_cells) is not None
    return False


_SENTENCE_END = lazy(r"[.!?][)\"”’]*$")
# a label and only dates after it (``Reviewed: 03/2024, 03/2023``, ``Revised: 01/05/2025``): a field of the log's
# own, which a copy set right under its last row
_DATES_FIELD = lazy(rf"^[A-Z][A-Za-z ]{{0,30}}:\s*{_LOG_DATE}(?:\s*[,;]\s*(?:and\s+)?{_LOG_DATE})*\.?$")
_CELL_ITEM = lazy(r"^(?:[-•▪◦o*–]|\d{1,2}[.)]|[a-z][.)])\s")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _after_full_line(previous: str, text: str, widest: int) -> bool:
    """Whether ``text``, set no farther in than its row, goes on the row whose last line is ``previous``:
    it goes on in lower case, or the line above did not end a sentence, or was full (a cell wraps where its
    line is full, not after a sentence that ends short of it; a line set in under the text's column is the
    cell's whatever it says)."""
    if text[:1].islower() or not _SENTENCE_END.search(previous):
        return True
    return len(previous) >= 0.7 * widest


_COLUMN_NAME = lazy(rf"^(?:{_COLUMN_WORDS}|Date)$", re.I)
# a day written with its month's name or year first (``1 March 2019``, ``March 1, 2019``, ``2024-02-05``,
# ``18-NOV-2025``): a dated row's key as a print's narrow date column holds it (a month and year alone, ``March
# 2019``, may be prose)
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WRITTEN_DAY = lazy(
    rf"(?<![\w/.\-])(?:\d{{1,2}}\s+{_MONTH_WORD}\s+\d{{4}}|{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    # (a day, its month's three letters and the year joined by hyphens: ``18-NOV-2025``)
    r"|\d{1,2}-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{4})"
    r"(?![\w/\-])",
    re.I,
)


def _row_day(text: str, after_cells: bool) -> re.Match[str] | None:
    """A dated row's day written in words or year first: at the line's start, or — the date column after
    others (``after_cells``: ``Version | Date | Summary``) — after a few words of theirs; then a capital (the
    row's text) or nothing more.  A date inside a sentence that goes on (``… until 1 March 2019 when …``)
    starts no row."""
    d = _WRITTEN_DAY.search(text)
    if d is None or (d.start() and (not after_cells or len(text[: d.start()].split()) > 3)):
        return None
    rest = text[d.end() :].strip()
    return d if not rest or rest[:1].isupper() else None


def _row_date(text: str, after_cells: bool) -> re.Match[str] | None:
    """A dated row's date: in digits, or a day in words or year first (:func:`_row_day`) — which wins over
    two numbers with no year before it (``1.0 2023-09-01 Guideline created``: a revision's number, then the
    date)."""
    digits = _ANY_DATE.search(text)
    day = _row_day(text, after_cells)
    if (
        digits is not None
        and day is not None
        and digits.start() < day.start()
        and len(re.findall(r"\d+", digits.group(0))) < 3
    ):
        return day
    return digits or day


def _stacked_names(lines: list[str], k: int, skipped: Callable[[int], bool]) -> tuple[str, int] | None:
    """A history table's header written a name a block from line ``k`` (``Date`` / ``Comments``): its names
    on one line, and the line of the last; None unless they name a date column and another, and a date
    starts the line after them."""
    names, last, j = [lines[k].strip()], k, k + 1
    passed = 0  # (furniture between two names, with the blank line that sets it apart: no distance)
    while j < len(lines) and j - last - passed <= 2 and len(names) < 4:
        text = lines[j].strip()
        if not text or skipped(j):
            passed += 2 if text else 0
            j += 1
            continue
        if not _COLUMN_NAME.match(text):
            break
        names.append(text)
        last = j
        j += 1
    nxt = next((t for t in (lines[i].strip() for i in range(last + 1, min(len(lines), last + 4))) if t), "")
    header = " ".join(names)
    if len(names) < 2 or not _COLUMNS.match(header):
        return None
    # (the row's date first, or after the cells of the names before ``Date``: a word each, ``V1.0.2024``)
    before = next(i for i, name in enumerate(names) if name.casefold() == "date")
    d = _row_date(nxt, before > 0)
    if d is None or len(nxt[: d.start()].split()) > before:
        return None
    return header, last


def _region(lines: list[str], k: int, header: str = "", skipped: Callable[[int], bool] = lambda j: False) -> int:
    """Where a log that starts at line ``k`` ends: at a known heading's shape after a blank line or at the
    end of a row, at a line with a tab, or at two blank lines — unless its ``header`` comes again after them, past
    a page's furniture (a page break inside the table)."""
    blank = 0
    again: int | None = None
    for j in range(k, len(lines)):
        text = lines[j].strip()
        if again is not None and j <= again:
            continue
        if not text:
            blank += 1
            if blank >= 2 and not _next_has_date(lines, j):
                if header and (again := _header_again(lines, j, header, skipped)) is not None:
                    blank = 0
                    continue
                return j
            continue
        if "\t" in text:
            return j
        above = next((lines[i].strip() for i in range(j - 1, k - 1, -1) if lines[i].strip()), "")
        ends_row = not above or blank > 0 or bool(re.search(rf"{_NUM_DATE}$", above)) or above.endswith(".")
        heading = _ends_section(text) and not _furniture(text) and not _LOG_HEADER.match(text)
        if ends_row and heading and not _split_header(lines, j):
            return j
        blank = 0
    return len(lines)


def _header_again(lines: list[str], j: int, header: str, skipped: Callable[[int], bool]) -> int | None:
    """The line of a log's ``header`` written again after the blank line ``j``, past a page's number and running
    header (``Page 2 of 3`` / ``<plan> Medical Policy <title>``: furniture, or lines the caller knows are), when
    nothing else comes between: the table goes on over a page break; else None."""
    want = " ".join(header.split())
    for i in range(j + 1, min(j + 12, len(lines))):
        text = lines[i].strip()
        if not text or _furniture(text) or skipped(i):
            continue
        return i if " ".join(text.split()) == want and "\t" not in lines[i] else None
    return None


def _next_has_date(lines: list[str], j: int) -> bool:
    for line in lines[j + 1 : j + 12]:
        text = line.strip()
        if text and not _furniture(text):
            return bool(re.search(_NUM_DATE, text))
    return False


def _ends_section(text: str) -> bool:
    """A line that is no row of a log: a heading's shape (short, no sentence's end, capitalised words)."""
    words = text.split()
    capitalised = all(w[:1].isupper() or w.lower() in _SMALL for w in words) and words[0][:1].isupper()
    return len(words) <= 6 and not text.endswith((".", ";", ",")) and capitalised


_SMALL = frozenset({"a", "an", "and", "for", "of", "the", "to", "in", "on", "or", "with", "by"})


@dataclass(frozen=True, slots=True)
class _DatesFirst:
    """A log raw pdftotext wrote a column at a time, its date column first: the date column's name line, its
    dates' lines, the descriptions' column name line and lines, each row's description lines (``None`` when they
    do not share out over the dates), a last column (its name line and cells' lines) if any, and the line after."""

    dates: tuple[int, ...]
    name: int
    texts: tuple[int, ...]
    cells: tuple[tuple[int, ...], ...] | None
    last: tuple[int, ...]
    end: int


_CELL_WORDS = 24  # (a last column's cell is short: ``P&T``, ``CMO``, ``Committee``)


def _log_dates_first(lines: list[str], k: int, skipped: Callable[[int], bool]) -> _DatesFirst | None:
    """From the log's heading at line ``k`` (``Revision History``): its date column's name right under it
    (``Date``) over that column's dates alone on their lines, a blank line, the descriptions' column name
    (``Description of Revision``) over their lines up to a blank line, then perhaps — page furniture between —
    a last column's name over as many short cells as there are dates (``Approved`` / ``P&T`` …): raw pdftotext
    of a log table a column at a time.  The descriptions share out over the dates where the lines that end a
    sentence are as many as the dates (each row's text ends so); else the rows keep their dates only.  None
    when the log is not so printed."""
    heading = lines[k].strip()
    if not name_like(heading) or _ANY_DATE.search(heading) or "\t" in lines[k]:
        return None
    j = k + 1
    if j >= len(lines) or not _DATE_HEADS.match(lines[j].strip()):
        return None
    dates: list[int] = []
    j += 1
    while j < len(lines) and _ONLY_DATES.match(lines[j].strip()) and len(lines[j].split()) == 1:
        dates.append(j)
        j += 1
    if len(dates) < 2 or j >= len(lines) or lines[j].strip():
        return None  # (a blank line ends the date column; one date alone may be a page's part of a longer log)
    while j < len(lines) and (not lines[j].strip() or skipped(j) or _furniture(lines[j])):
        j += 1
    if j >= len(lines):
        return None
    name = lines[j].strip()
    if not name_like(name) or _DATE_HEADS.match(name) or name.casefold() in HEADINGS:
        return None
    named = j
    texts: list[int] = []
    j += 1
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j]:
        if _ONLY_DATES.match(lines[j].strip()) or lines[j].strip().casefold() in HEADINGS:
            return None
        texts.append(j)
        j += 1
    if not texts:
        return None
    cells: list[list[int]] = [[]]
    for t in texts:
        cells[-1].append(t)
        if lines[t].rstrip().endswith("."):
            cells.append([])
    cells = [c for c in cells if c]
    shared = tuple(tuple(c) for c in cells) if len(cells) == len(dates) else None
    # (a last column after the descriptions — page furniture between —: its name, as many short cells as dates)
    i = j
    while i < len(lines) and (not lines[i].strip() or skipped(i) or _furniture(lines[i])):
        i += 1
    last: list[int] = []
    if i < len(lines) and name_like(lines[i].strip()) and lines[i].strip().casefold() not in HEADINGS:
        run = list(range(i + 1, i + 1 + len(dates)))
        below = i + 1 + len(dates)
        if (
            run[-1] < len(lines)
            and all(lines[r].strip() and len(lines[r].strip()) <= _CELL_WORDS for r in run)
            and not any(_ANY_DATE.search(lines[r]) for r in run)
            and (below >= len(lines) or not lines[below].strip())
        ):
            last = [i, *run]
            j = below
    # (more dates alone right after it, a page's running lines between: the log goes on overleaf — another reader's)
    after = [i for i in range(j, min(len(lines), j + 8)) if lines[i].strip() and not skipped(i)][:3]
    if any(_ONLY_DATES.match(lines[i].strip()) for i in after):
        return None
    return _DatesFirst(tuple(dates), named, tuple(texts), shared, tuple(last), j)


def _write_dates_first(out: _Out, k: int, log: _DatesFirst) -> int:
    """``log`` as tab-separated rows under its header, on the lines after its heading (line ``k``, kept); where
    its descriptions do not share out over the dates, the rows keep their dates (and last cells) and the
    descriptions stay text below them, noted (worth a look); the line after it."""
    lines = out.lines
    dates = [lines[j].strip() for j in log.dates]
    last_name = [lines[log.last[0]].strip()] if log.last else []
    last = [lines[j].strip() for j in log.last[1:]] if log.last else [""] * len(dates)
    name = lines[log.name].strip()
    if log.cells is not None:
        texts = [join_cell([lines[i].strip() for i in cell]) for cell in log.cells]
        rows = ["\t".join([t, d, *([c] if log.last else [])]) for t, d, c in zip(texts, dates, last, strict=True)]
        header = "\t".join([name, lines[k + 1].strip(), *last_name])
        keep: set[int] = set()
    else:
        rows = ["\t".join([d, *([c] if log.last else [])]) for d, c in zip(dates, last, strict=True)]
        header = "\t".join([lines[k + 1].strip(), *last_name])
        keep = {log.name, *log.texts}  # (the descriptions as they are, under the rows: a warning)
        if log.texts[0] not in out.unpaired:
            out.unpaired.append(log.texts[0])
    for i in range(k + 1, log.end):
        if i not in keep:
            lines[i] = ""
    lines[k + 1] = header
    for i, row in enumerate(rows):
        lines[k + 2 + i] = row
    return log.end
