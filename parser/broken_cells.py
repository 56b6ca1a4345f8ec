"""A table whose cells ``pdftotext`` broke inside their words, kept as one paragraph.

Raw ``pdftotext`` (reading order) of an office suite's print of a table with narrow columns may give
each cell's lines in an order no reader can undo: a word split over lines with no hyphen (``Strengt`` /
``h``, a column's name a letter a line: ``S`` / ``t`` / ``r`` / ``e`` …), pieces of the cells beside
it read between (``Dosa`` / ``Product`` / ``ge`` / ``Form``), digits of one number a line.  Read line
by line, every piece was a paragraph of its own — or a table's row — and two copies of the same table
printed at other widths read as dozens of changed paragraphs.  Which piece is which cell is not
written, so the run of such lines is kept as it stands, **one paragraph** (its lines in order, joined
with spaces), with a warning naming its lines: the same table in another copy, broken otherwise or
not at all, is then one paragraph changed or not, never a table in one and prose in the other.

The run: a line that is one lower-case letter right under a line ending in a letter (a word split
with no hyphen — no list marker, no cell is written so) starts it; it grows up and down over short
lines (at most ``_SHORT`` characters: a narrow column's) and single blank lines, over a page's
break (the table goes on), never over a tab (a table read already), a known heading, a field
(``Label: value``), a list item or a sentence; a title-like line (two words or more, no digit) at
its top, or at its foot right above text of full lines, is the heading over the table or after it and
stays its own line.  The run must end where the section does (a heading next, or the text's end):
one that stops at a long line of its own table's (a row's wrapped text) is part of a table, left to
the table readers; so is one whose cells share out under its header after all (a word broken once,
``Saxend`` / ``a``: :mod:`~policyvc.parser.cell_grids` reads those rows).  A run of fewer than
``_MIN_LINES`` lines is left alone (a word broken once in a short block is the text's to read).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.template_spec import HEADINGS

__all__ = ["broken_cell_runs", "broken_cells_warning", "join_broken_cells"]

_SHORT = 36  # characters: a narrow column's line, at most
_MIN_LINES = 12  # non-blank lines: a run shorter than this is no table's
_SPLIT_LETTER = lazy(r"^[a-z]$")
_ENDS_IN_LETTER = lazy(r"[A-Za-z]$")
_FIELD = lazy(r"^[A-Z][\w&/#.()' -]{0,40}:\s+\S")
_ITEM = lazy(r"^(?:\(?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})[.)]|[•·▪◦●○■□➢–-])\s+\S")
_NUMBERED = lazy(r"^(?:[IVX]{1,5}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\.\s+")  # (a section's number: ``VI.``, ``2.1.``)
_TITLE_WORD = lazy(r"^(?:[A-Z][\w’'&/-]*|and|or|of|the|for|to|in|on|with|by|&|–|-)$")


def _stops(line: str, headings: frozenset[str]) -> bool:
    """Whether a non-blank ``line`` can be no piece of a broken table's cells."""
    text = line.strip()
    if "\t" in line or len(text) > _SHORT:
        return True
    if text.removesuffix(":").casefold() in headings or _FIELD.match(text) or _ITEM.match(text):
        return True
    # (a sentence: several words and a stop)
    return len(text.split()) >= 4 and text[-1:] in ".:;?!"


def _title_like(line: str) -> bool:
    words = line.split()
    return len(words) >= 2 and not any(c.isdigit() for c in line) and all(_TITLE_WORD.match(w) for w in words)


def _heading_below(lines: Sequence[str], last: int, headings: frozenset[str]) -> bool:
    """Whether the text after line ``last`` starts with a heading (or there is none): a broken table's run
    ends where the section does — a run that stops at a long line of the table's own (a row's wrapped text)
    is only part of a table, left as it is."""
    below = next((lines[j].strip() for j in range(last + 1, len(lines)) if lines[j].strip()), None)
    if below is None or below.removesuffix(":").casefold() in headings:
        return True
    words = _NUMBERED.sub("", below).split()
    return bool(words) and not any(c.isdigit() for c in words[0]) and all(_TITLE_WORD.match(w) for w in words)


def _run(lines: Sequence[str], k: int, headings: frozenset[str]) -> tuple[int, int]:
    """The run of short lines and single blank lines around line ``k`` (first and last line, non-blank)."""

    def grow(j: int, step: int) -> int:
        last = j
        blanks = 0
        while 0 <= j + step < len(lines):
            line = lines[j + step]
            if not line.strip():
                blanks += 1
                if blanks > 1:
                    break
            else:
                if _stops(line, headings):
                    break
                blanks = 0
                last = j + step
            j += step
        return last

    return grow(k, -1), grow(k, 1)


def _read_as_grid(lines: Sequence[str], first: int, k: int, words: list[Counter[str]]) -> bool:
    """Whether a table printed a cell a block that starts between line ``first`` and line ``k`` is read
    back as rows over line ``k`` (:mod:`~policyvc.parser.cell_grids`: its cells share out under its header,
    a word broken once joined where the text writes it whole) — a table read, no broken one."""
    from policyvc.parser.cell_grids import read_cell_grid, read_column_blocks, text_words

    def counted() -> Counter[str]:
        if not words:
            words.append(text_words(lines))
        return words[0]

    for j in range(first, k):
        table = read_cell_grid(lines, j, lambda _: False, counted) or read_column_blocks(lines, j, lambda _: False)
        if table is not None and table.start <= k < table.end:
            return True
    return False


def broken_cell_runs(lines: Sequence[str], headings: frozenset[str] = HEADINGS) -> list[tuple[int, int]]:
    """The runs (first and last line, 0-based) of a table whose cells ``pdftotext`` broke inside words."""
    runs: list[tuple[int, int]] = []
    words: list[Counter[str]] = []  # (the text's words, counted once when a grid reader asks)
    k = 1
    while k < len(lines):
        line = lines[k].strip()
        above = lines[k - 1].strip()
        if not (_SPLIT_LETTER.match(line) and _ENDS_IN_LETTER.search(above) and not _stops(lines[k - 1], headings)):
            k += 1
            continue
        first, last = _run(lines, k, headings)
        kept = [j for j in range(first, last + 1) if lines[j].strip()]
        # (the heading over the table, and one right above the text after it, stay lines of their own)
        if len(kept) > 1 and _title_like(lines[kept[0]]):
            kept = kept[1:]
        below = next((j for j in range(last + 1, len(lines)) if lines[j].strip()), None)
        if len(kept) > 1 and _title_like(lines[kept[-1]]) and below is not None and len(lines[below].strip()) > _SHORT:
            kept = kept[:-1]
        if (
            len(kept) >= _MIN_LINES
            and kept[0] < k <= kept[-1]
            and _heading_below(lines, kept[-1], headings)
            and not _read_as_grid(lines, max(0, first - 1), k, words)
        ):
            runs.append((kept[0], kept[-1]))
        k = last + 1
    return runs


def join_broken_cells(lines: list[str], headings: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Each run of :func:`broken_cell_runs` joined in place onto its first line (its other lines blank, so
    every line keeps its number); returns each run's first and last line and its first words."""
    done: list[tuple[int, int, str]] = []
    for first, last in broken_cell_runs(lines, headings):
        pieces = [" ".join(lines[j].split()) for j in range(first, last + 1) if lines[j].strip()]
        lines[first] = " ".join(pieces)
        for j in range(first + 1, last + 1):
            lines[j] = "\f" if "\f" in lines[j] else ""  # (a page's break stays where it was: pages are counted)
        done.append((first, last, " / ".join(pieces[:4])))
    return done


def broken_cells_warning(first: int, last: int, said: str) -> Diagnostic:
    """The warning for a run :func:`join_broken_cells` joined (its lines 0-based)."""
    return Diagnostic(
        "warning",
        f"a table whose cells pdftotext broke inside their words (`{said}` …): which piece is which cell is not"
        " written, its lines kept in order as one paragraph",
        first + 1,
        last + 1,
    )
