"""Page numbers: the one vocabulary of how a print numbers its pages, for every pass that looks for them.

A line that is a page's number and nothing else, in one of the shapes of :class:`PageShape`:

- ``Page 2 of 5`` (also ``PAGE: 2 OF: 5``, ``Page 2of5``) and ``2 of 5``;
- ``Page 2`` (``Page: 2``);
- ``2/5`` and ``Page 2/5`` — a counter, as a browser's footer writes it; alone on a line ``2/5`` may also be a
  date's month and day (``1/2``), so :func:`written_page_number` leaves it out and :func:`page_number_at`
  reads it as a date among dates;
- ``- 2 -`` (Word's ``- PAGE -`` field);
- ``Page | 2`` and ``2 | Page`` (Word's page-number styles with a bar).

And a page's number inside a line: at the end of a running header or footer (``Bone Mineral Density Testing
Page: 2 of 7``, ``Policy Bulletins | Aetna   Page 2 of 5``: :func:`ends_in_page_number`,
:func:`without_page_number`), or after the page's address in a browser's footer (``https://… 2/5``:
:func:`counted_address`).

And a page's number written first on a running header's line, the header's words after a gap (``Page 3   Sleep
Studies``, ``3   Clinical Policy: Icatibant``, as a viewer's copy or ``-layout`` text writes a header whose number
stands at the left): :func:`page_number_first` gives the words; with the word ``Page`` the line can be nothing
else, a bare number only where the caller finds its words a running header's (they name the policy, or come
back on other pages).

Never a page's number: a count in the text (``1 of the following``, ``2 of 3 criteria``), a date (``03/24``:
a counter never pads its page with a zero; ``3/2026``: a page count has three digits at most), a list's number
(``2.``, ``(2)``).  Patterns here match one line: their spaces never cross a line's end, so the same fragments
serve a pass that scans the whole text (:func:`has_page_numbers`, :data:`PAGE_NUMBER_LINE`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from policyvc.lazy_re import lazy

__all__ = [
    "ADDRESS_COUNTER",
    "PAGE_NUMBER_LINE",
    "PageShape",
    "counted_address",
    "ends_in_page_number",
    "has_page_numbers",
    "page_number_at",
    "page_number_first",
    "page_number_line",
    "page_shape",
    "without_page_number",
    "written_page_number",
]

_S = r"[^\S\n]*"  # spaces within the line (``\s*`` would run on into the next line where a pass scans the text)
_PAGE = rf"page:?{_S}"  # the word, with the colon some footers write (``PAGE: 2 OF: 5``)
_NUMBER = r"\d{1,4}"
_COUNT = r"\d{1,3}"  # (a page count has three digits at most: ``3/2026`` is a month, never page 3 of 2026)
_OF = rf"{_NUMBER}{_S}of:?{_S}{_COUNT}"
# (a counter never pads its page with a zero: ``03/24`` alone is a month and year — a history's date a raw
# extraction set a line each)
_SLASH = rf"(?!0){_NUMBER}{_S}/{_S}{_COUNT}"


class PageShape(Enum):
    """The shapes of a line that is a page's number and nothing else, each with its pattern."""

    PAGE_OF = rf"{_PAGE}{_OF}"  # ``Page 2 of 5``, ``PAGE: 2 OF: 5``
    OF = _OF  # ``2 of 5``
    PAGE = rf"{_PAGE}{_NUMBER}"  # ``Page 2``
    PAGE_SLASH = rf"{_PAGE}{_SLASH}"  # ``Page 2/5``
    SLASH = _SLASH  # ``2/5``: a browser's counter, or a date (``1/2``)
    DASHED = rf"[-\u2013\u2014]{_S}{_NUMBER}{_S}[-\u2013\u2014]"  # ``- 2 -``
    BAR = rf"{_PAGE}\|{_S}{_NUMBER}|{_NUMBER}{_S}\|{_S}page"  # ``Page | 2``, ``2 | Page``


def _either(shapes: Sequence[PageShape]) -> str:
    return "|".join(f"(?:{s.value})" for s in shapes)


_WRITTEN = tuple(s for s in PageShape if s is not PageShape.SLASH)
# A page's number on a line of its own, as a fragment for a pattern over the whole text (``re.I`` and
# ``re.M`` up to the caller; spaces either side included): ``joining`` reads a page break through it.
PAGE_NUMBER_LINE = rf"{_S}(?:{_either(tuple(PageShape))}){_S}"
_LINE = lazy(rf"^(?:{_either(tuple(PageShape))})$", re.I)
_WRITTEN_LINE = lazy(rf"^(?:{_either(_WRITTEN)})$", re.I)
_SHAPES = {s: lazy(rf"^(?:{s.value})$", re.I) for s in PageShape}
_ANYWHERE = lazy(rf"^{PAGE_NUMBER_LINE}$", re.I | re.M)
# A running header's or footer's words, then its page's number (``Bone Mineral Density Testing   Page: 2 of 7``)
_TAIL = rf"\b(?:{PageShape.PAGE_OF.value}|{PageShape.PAGE_SLASH.value}){_S}$"
_ENDS_IN = lazy(rf"^.{{0,100}}?{_TAIL}", re.I)
_TAIL_RX = lazy(_TAIL, re.I)
# The counter a browser prints after the page's address (``https://… 2/5``), as a fragment
ADDRESS_COUNTER = rf"\s+{_SLASH}"
_COUNTED_ADDRESS = lazy(rf"^(?:https?|file)://\S+{ADDRESS_COUNTER}$", re.I)


def page_shape(text: str) -> PageShape | None:
    """The shape of ``text`` (spaces at its ends aside) when it is a page's number and nothing else."""
    plain = text.strip()
    return next((s for s, rx in _SHAPES.items() if rx.match(plain)), None) if _LINE.match(plain) else None


def page_number_line(text: str) -> bool:
    """Whether ``text`` (spaces at its ends aside) is a page's number and nothing else, in any shape —
    ``2/5`` too, which alone may also be a date (:func:`page_number_at` tells them apart among lines)."""
    return bool(_LINE.match(text.strip()))


def written_page_number(text: str) -> bool:
    """Whether ``text`` is a page's number written so that it can be nothing else: any shape but a bare
    counter (``11/21`` alone may be a date)."""
    return bool(_WRITTEN_LINE.match(text.strip()))


_DATE_CELL = lazy(r"^(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}/\d{4}|0\d/\d{2})$")


def page_number_at(lines: Sequence[str], k: int) -> bool:
    """Whether line ``k`` is a page's number where it stands: a bare counter (``10/19``) in a column of
    dates — the nearest text above or below it a date no page counter can be (``01/15``, ``06/15/26``) or
    another bare counter (``10/20`` / ``10/20``, a log's revision and approval months: a page has one number,
    so two side by side are dates) — is a month and year, not a page's number.  Nor is a counter of more
    pages than its count (``13/12``), nor one that reads as a month and year (``10/25``: a two-digit month)
    in a text whose dates are months and years on lines of their own (``09/17``, ``10/24 10/24``) when no
    other page's counter of that count goes with it: a print numbers every page — alone in a log set
    beside the middle of its row's text (``… reviewed and`` / ``10/25`` / ``updated.``) it is a row's
    month."""
    shape = page_shape(lines[k])
    if shape is None:
        return False
    if shape is not PageShape.SLASH:
        return True
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(lines) and not lines[j].strip():
            j += step
        if 0 <= j < len(lines) and (_DATE_CELL.match(near := lines[j].strip()) or page_shape(near) is PageShape.SLASH):
            return False
    return _counted_with_others(lines, k)


_COUNTER = lazy(rf"(?:^|\s)(?P<page>(?!0){_NUMBER}){_S}/{_S}(?P<count>{_COUNT})$")


def _counter(text: str) -> tuple[int, int] | None:
    """The page and the page count of a line that is a bare counter or a browser's address and counter."""
    plain = text.strip()
    if page_shape(plain) is not PageShape.SLASH and not counted_address(plain):
        return None
    m = _COUNTER.search(plain)
    return (int(m["page"]), int(m["count"])) if m is not None else None


_MONTH_YEAR = lazy(r"^1[0-2]/\d{2}$")  # (a counter that reads as a month and year: ``10/25``)
# (a line of a month and year, or a log row's two: ``09/17``, ``10/24 10/24``)
_MONTH_YEAR_CELLS = lazy(r"^(?:0[1-9]|1[0-2])/\d{2}(?:\s+(?:0[1-9]|1[0-2])/\d{2})?$")


def _counted_with_others(lines: Sequence[str], k: int) -> bool:
    """Whether the bare counter on line ``k`` may be a print's: its page within its count, and — when it reads
    as a month and year in a text that writes its dates so on lines of their own — another page's counter of
    the same count elsewhere in ``lines``."""
    own = _counter(lines[k])
    if own is None or own[0] > own[1]:
        return False
    plain = lines[k].strip()
    if not _MONTH_YEAR.match(plain):
        return True
    if any(
        j != k and (other := _counter(lines[j])) is not None and other[1] == own[1] and other[0] != own[0]
        for j in range(len(lines))
    ):
        return True
    return not any(
        j != k and lines[j].strip() != plain and _MONTH_YEAR_CELLS.match(lines[j].strip()) for j in range(len(lines))
    )


def has_page_numbers(text: str) -> bool:
    """Whether any line of ``text`` (a whole document) is a page's number: the cheap test before the dear ones."""
    return bool(_ANYWHERE.search(text))


def ends_in_page_number(text: str) -> bool:
    """Whether ``text`` ends in its page's number written with the word (``Page 2 of 5``, ``Page: 2/5``), with
    at most a running header's words before it (``Bone Mineral Density Testing   Page: 2 of 7``) or none."""
    return bool(_ENDS_IN.match(text.strip()))


def without_page_number(text: str) -> str:
    """``text`` without the page's number it ends in (:func:`ends_in_page_number`), spaces at its ends kept."""
    return _TAIL_RX.sub("", text)


# A page's number written first, then a gap (two spaces or more, a tab, a bar) and a running header's words,
# a capital first: never a list's number (``3.``, ``3)``), nor a count in the text (``3 Months``, ``3 of the
# following``: one space; ``3   of the following`` in justified text: lower case)
_GAP = rf"(?:[^\S\n]{{2,}}|\t|{_S}\|{_S})"
_FIRST = lazy(
    rf"^(?:(?P<page>{PageShape.PAGE_OF.value}|{PageShape.PAGE_SLASH.value}|{PageShape.PAGE.value})|(?!0){_NUMBER})"
    rf"{_GAP}(?P<rest>(?-i:[A-Z])\S.*)$",
    re.I,
)


def page_number_first(text: str) -> tuple[str, bool] | None:
    """The words after a page's number written first on the line (``Page 3   Sleep Studies`` → ``Sleep
    Studies``), and whether the number is written with the word ``Page`` (then the line is a running header
    wherever it stands; a bare ``3   Sleep Studies`` may be a table's row, the caller tells); ``None``: no such line."""
    m = _FIRST.match(text.strip())
    if m is None or page_number_line(m["rest"]):
        return None
    return m["rest"].strip(), m["page"] is not None


def counted_address(text: str) -> bool:
    """Whether ``text`` is a browser's footer: the page's address and its counter (``https://… 2/5``)."""
    return bool(_COUNTED_ADDRESS.match(text.strip()))
