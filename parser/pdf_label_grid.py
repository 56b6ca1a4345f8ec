"""A grid of labelled fields without rules, its labels set in a narrow column beside their values and centred on
them: a Medicare Part D criteria page printed from its web table (``Covered Uses`` / ``Exclusion Criteria`` /
``Required Medical Information`` / ``Age Restrictions`` / ``Prescriber Restrictions`` / ``Coverage Duration`` /
``Other Criteria`` / ``Part B Prerequisite`` in the left column, their values in the right).

Read line by line, a centred label lands in the middle of its value (``Required Medical Chorea associated with …`` /
``Information 1. The patient has …``) and a wrapped one splits into lines of its own (``Prescriber`` /
``Restrictions``).  Here the page's words are laid out again: each label, its pieces joined, goes on a line of its
own right above the first line of its value, so the text reads ``Exclusion Criteria`` then the criteria.  Nothing
is done unless the page has a value column most of its lines start at, with pieces of text left of it in a
column of their own, and at least three of the labels so joined are the grid's own field names; a word that
crosses between the two columns ends the grid.  Words keep their size and style; only the labels move.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from policyvc.parser.pdf_geometry import PageContent, Word
from policyvc.parser.pdf_shaded import physical_lines

__all__ = ["label_grid"]

_FIELDS = re.compile(
    r"(?:pa\s+criteria|covered\s+uses|exclusion\s+criteria|required\s+medical\s+information|age\s+restrictions?|"
    r"prescriber\s+restrictions?|coverage\s+duration|other\s+criteria|part\s+b\s+prerequisite|off[- ]label\s+uses|"
    r"indications?|criteria\s+details)",
    re.I,
)
_MIN_FIELDS = 3  # labels that are field names for a page to be read as a grid
_MIN_VALUES = 5  # lines starting at the value column


@dataclass(slots=True)
class _Row:
    top: float
    bottom: float
    words: list[Word] = field(default_factory=list)


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into physical lines, each sorted left to right (a label centred on a value of two or three
    lines overlaps a line four back: the reach is one line longer than a shaded table's)."""
    return physical_lines(words, reach=4)


def label_grid(page: PageContent) -> PageContent:
    """The page with a label column's labels each on a line of its own above its value (see the module)."""
    if page.rules or len(page.words) < 20:
        return page
    lines = _lines(list(page.words))
    if len(lines) < _MIN_VALUES + _MIN_FIELDS:
        return page
    left = min(line[0].x0 for line in lines)
    starts = Counter(round(line[0].x0) for line in lines if line[0].x0 > left + 30)
    if not starts:
        return page
    column, count = starts.most_common(1)[0]
    if count < _MIN_VALUES or column > page.width * 0.45:
        return page
    size = sorted(w.size for w in page.words)[len(page.words) // 2]
    at = min(line[0].x0 for line in lines if round(line[0].x0) == column)  # (the column's own edge)
    labels: list[list[Word]] = []  # each line's words left of the column
    values: list[list[Word]] = []
    for line in lines:
        lhs = [w for w in line if w.x1 <= at - 1]  # (a label may reach right up to its value's column)
        rhs = [w for w in line if w.x0 >= at - 1]
        if len(lhs) + len(rhs) != len(line):  # a word across the two columns: no grid here
            lhs, rhs = [], []
        if lhs:
            labels.append(lhs)
        if rhs:
            values.append(rhs)
    rows: list[_Row] = []
    for part in values:
        top, bottom = min(w.top for w in part), max(w.bottom for w in part)
        if rows and top - rows[-1].bottom <= 0.9 * size:
            rows[-1].bottom = max(rows[-1].bottom, bottom)
        else:
            rows.append(_Row(top, bottom))
    pitch = 1.2 * size
    for piece in labels:
        middle = (min(w.top for w in piece) + max(w.bottom for w in piece)) / 2
        near = [r for r in rows if r.top - pitch <= middle <= r.bottom + pitch]
        if near:
            min(near, key=lambda r: abs((r.top + r.bottom) / 2 - middle)).words.extend(piece)
    named = [r for r in rows if r.words and _FIELDS.fullmatch(" ".join(w.text for w in _ordered(r.words)))]
    if len(named) < _MIN_FIELDS:
        return page
    moved: set[int] = set()
    placed: list[Word] = []
    for r in rows:
        if not r.words:
            continue
        ordered = _ordered(r.words)
        height = max(w.bottom - w.top for w in ordered)
        top = r.top - 0.6 * height - 0.4 * height  # (a line of its own: under half its height over the value's)
        x = left
        for w in ordered:
            moved.add(id(w))
            width = w.x1 - w.x0
            placed.append(replace(w, x0=x, x1=x + width, top=top, bottom=top + (w.bottom - w.top)))
            x += width + 0.3 * w.size
    kept = [w for w in page.words if id(w) not in moved]
    return replace(page, words=tuple(sorted([*kept, *placed], key=lambda w: (w.top, w.x0))))


def _ordered(words: list[Word]) -> list[Word]:
    """A label's pieces in reading order: line by line, left to right."""
    return [w for line in _lines(words) for w in line]
