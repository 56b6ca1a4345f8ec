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

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from policyvc.parser.pdf_geometry import PageContent, Word
from policyvc.parser.pdf_shaded import physical_lines

__all__ = ["centred_fields", "label_grid"]

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


# --- a header's field labels a narrow column wrapped around their values ---------------------------------------

_HEAD_SHARE = 0.4  # the share of the first page's height where its header's fields stand
_FIELD_WORDS = 4  # a field's label is a few words


@functools.cache
def _field_labels() -> frozenset[str]:
    from policyvc.parser.header_grid import every_label

    return every_label()


def _text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def _label_piece(line: list[Word], column: float) -> bool:
    """A line that may be a piece of a label: left of the value column, a few words, no digit."""
    text = _text(line)
    return (
        line[-1].x1 <= column - 1
        and len(text.split()) <= _FIELD_WORDS
        and not re.search(r"\d", text)
        and bool(re.match(r"[^\W\d_]", text))
    )


def _touch(upper: list[Word], lower: list[Word]) -> bool:
    """Whether two physical lines are next to one another, no line's gap between them (a cell's own lines)."""
    size = max(w.size for w in [*upper, *lower])
    return min(w.top for w in lower) - max(w.bottom for w in upper) <= 0.5 * size


def _known_field(pieces: list[list[Word]]) -> bool:
    name = " ".join(" ".join(_text(p) for p in pieces).split()).rstrip(":").strip().casefold()
    return name in _field_labels()


def centred_fields(page: PageContent) -> PageContent:
    """The first page with each header field a narrow label column wrapped around its value set on its value's
    line: a Chromium print of a header table centres a cell's lines on its row, so a label of two lines stands
    one line above and one below its value (``Policy`` / ``SHP-DME-12`` / ``Number:``), and a label of one line
    between a value's two (``Samaritan Advantage …,`` / ``Products:`` / ``Samaritan Choice Plans``).  Only in the
    head, only labels some template knows as a header field's (the label's pieces read together) — never the
    title's line above the first label, which joins no label's name."""
    if page.number != 1 or len(page.words) < 10:
        return page
    lines = [ln for ln in physical_lines(list(page.words)) if min(w.top for w in ln) <= page.height * _HEAD_SHARE]
    if len(lines) < 3:
        return page
    moves: dict[int, tuple[list[Word], list[Word]]] = {}  # (the value line's index → its label's words, the line)
    used: set[int] = set()
    shifts: list[tuple[list[Word], float]] = []  # (a value's second line and how far it moves)
    for i in range(1, len(lines) - 1):
        above, here, below = lines[i - 1], lines[i], lines[i + 1]
        if i - 1 in used or i in used or not (_touch(above, here) and _touch(here, below)):
            continue
        column = here[0].x0
        if column > max(above[0].x0, below[0].x0) + 30 and _label_piece(above, column) and _label_piece(below, column):
            # (a label of two lines around its value: ``Policy`` / ``SHP-DME-12`` / ``Number:``)
            # (read together a label some template knows; the upper alone a shorter one only with the colon below)
            if _known_field([above, below]) and (below[-1].text.endswith(":") or not _known_field([above])):
                moves[i] = ([*above, *below], here)
                used |= {i - 1, i, i + 1}
        elif (
            above[0].x0 > here[0].x0 + 30
            and _label_piece(here, min(above[0].x0, below[0].x0))
            and abs(above[0].x0 - below[0].x0) <= 2
            and _known_field([here])
            and here[-1].text.endswith(":")
        ):
            # (a label of one line between its value's two: ``… CCO,`` / ``Products:`` / ``Samaritan Choice Plans``)
            moves[i - 1] = (list(here), above)
            shifts.append((below, here[0].x0 - below[0].x0))
            used |= {i - 1, i, i + 1}
    if not moves:
        return page
    moved: set[int] = set()
    placed: list[Word] = []
    for line, dx in shifts:  # (the value's second line under the label's start, as a wrapped paragraph's)
        for w in line:
            moved.add(id(w))
            placed.append(replace(w, x0=w.x0 + dx, x1=w.x1 + dx))
    for label, value in moves.values():
        start, column, top = label[0].x0, value[0].x0, min(w.top for w in value)
        widths = [w.x1 - w.x0 for w in label]
        gap = 0.25 * label[0].size
        room = column - 0.6 * label[0].size - start  # (a cell's gap kept before the value)
        scale = max(0.1, min(1.0, (room - gap * (len(label) - 1)) / sum(widths))) if sum(widths) else 1.0
        x = start
        for w, width in zip(label, widths, strict=True):
            moved.add(id(w))
            placed.append(replace(w, x0=x, x1=x + width * scale, top=top, bottom=top + (w.bottom - w.top)))
            x += width * scale + gap
    kept = [w for w in page.words if id(w) not in moved]
    return replace(page, words=tuple(sorted([*kept, *placed], key=lambda w: (w.top, w.x0))))
