"""Heading levels from how a PDF prints its headings: pure functions over the laid-out lines.

A PDF keeps no outline, but its fonts state one: Word's ``Heading 1/2/3`` print as, say, 16 pt bold / 13 pt
bold / 12 pt bold italic over an 11 pt body; a browser prints ``<h1>``/``<h2>``/``<h3>`` at 2 / 1.5 / 1.17 em
bold; a payer's template sets its title large, its sections bold a point over the body and its subsections bold
at the body's size.  A reader ranks those styles as :func:`heading_levels` does:

* the body is the style most of the text is set in (size, weight, slant, by characters);
* a heading is a short line of its own set larger than the body, or bold at the body's size: never a list
  item, a lead-in (``… all of the following:``), a sentence, a label and its value, words set in columns (a
  borderless table's row), nor a line of small print; table cells and running headers and footers never
  reach here (the layout reads them apart);
* a style is a heading style when at least half of its lines that are neither list items nor lead-ins are
  such headings (bold that marks sentences is emphasis, not an outline);
* the heading styles rank larger above smaller, at one size bold above regular, and where size and weight do
  not separate them (bold italic beside bold) in the order they first appear;
* the top style, held by one line among the document's first, is the title: it is left to the header's
  reader (as the words give it), and the sections are the top level.  Capitals make no style of
  their own: a heading that is an acronym (``EGFR``) is written so in any style.

Fail safe: with fewer than two heading styles of sections (nothing to rank: over one style the print says
only that the sections are peers, and the words may know better, as a family's criteria subsections under its
``Policy/Criteria``) or more styles than markdown has levels (fonts used for show, not an outline), no level
is stated and the reader infers them from the words as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policyvc.lazy_re import lazy
from policyvc.parser.connective import connective_only
from policyvc.parser.heading_marks import MARKDOWN_LEVELS, HeadingMark

__all__ = ["Printed", "heading_levels"]

_SIZE_STEP = 0.5  # sizes are compared rounded to this (points): producers scale fonts by fractions
_LARGER = 0.75  # a line this much (points) over the body's size is set larger
_MAX_WORDS = 12  # a heading is a short line
_MAX_ROWS = 3  # … of at most this many printed lines
_LEAD_IN_WORDS = 6  # a larger line ending in ``:`` is a heading up to this many words (``Medically Necessary:``)
_TITLE_WITHIN = 4  # a title is among the document's first lines (a plan's name, a label may come first)

# A label and its value (``Effective Date: 01/01/2026``), a sentence's end, a lead-in's colon
_LABELLED = lazy(r"^[^:]{1,40}:\s+\S")
_SENTENCE_END = (".", ";", ",", "!", "?")


@dataclass(frozen=True, slots=True)
class Printed:
    """A logical line of running text as printed: its line in the text (1-based), its words, the font size
    and style it is set in, how many printed lines it takes, whether it starts a list item, and whether its
    words stand far apart (the columns of a table drawn without rules)."""

    line: int
    text: str
    size: float
    bold: bool
    italic: bool
    rows: int
    item: bool
    spread: bool


Style = tuple[float, bool, bool]  # size (rounded), bold, italic


def _rounded(size: float) -> float:
    return round(size / _SIZE_STEP) * _SIZE_STEP


def _style(p: Printed) -> Style:
    return (_rounded(p.size), p.bold, p.italic)


def _lead_in(p: Printed) -> bool:
    return p.text.rstrip().endswith(":")


def _heading(p: Printed, body: float, body_bold: bool) -> bool:
    """Whether ``p`` is printed as a heading over a body set at ``body`` points."""
    larger = p.size - body >= _LARGER
    if not (larger or (abs(p.size - body) < _LARGER and p.bold and not body_bold)):
        return False  # body text, or small print
    text = p.text.strip()
    words = text.split()
    if connective_only(text):  # (``OR`` set bold between two items joins them: no heading)
        return False
    if p.item or p.spread or p.rows > _MAX_ROWS or not words or len(words) > _MAX_WORDS:
        return False
    first = next((c for c in text if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or text.endswith(_SENTENCE_END):
        return False
    if _lead_in(p):  # a lead-in of a list; a larger short title may close with a colon
        return larger and len(words) <= _LEAD_IN_WORDS
    return larger or not _LABELLED.match(text)


def heading_levels(lines: Sequence[Printed]) -> tuple[HeadingMark, ...]:
    """The headings among ``lines`` with the level their style ranks at, as ``(line, 1, level)``; none when
    the styles give no ranking (see the module's docstring)."""
    chars: dict[Style, int] = {}
    for p in lines:
        key = _style(p)
        chars[key] = chars.get(key, 0) + len(p.text)
    if not chars:
        return ()
    body, body_bold, _ = max(chars, key=lambda k: chars[k])
    found: dict[Style, list[Printed]] = {}
    counted: dict[Style, int] = {}  # each style's lines that could be headings: neither items nor lead-ins
    for p in lines:
        style = _style(p)
        if not (p.item or _lead_in(p)):
            counted[style] = counted.get(style, 0) + 1
        if _heading(p, body, body_bold):
            found.setdefault(style, []).append(p)
    styles = [s for s, ps in found.items() if 2 * len(ps) >= counted.get(s, 0)]
    if not 2 <= len(styles) <= MARKDOWN_LEVELS:
        return ()
    order = {s: k for k, s in enumerate(styles)}  # (dicts keep the order of first appearance)
    ranked = sorted(styles, key=lambda s: (-s[0], not s[1], order[s]))
    # the top style held by one line among the first is the title: the header's reader finds it in the words,
    # and the sections are the top level
    head = {p.line for p in lines[:_TITLE_WITHIN]}
    if len(found[ranked[0]]) == 1 and found[ranked[0]][0].line in head:
        ranked = ranked[1:]
    # a style below the sections' that only the document's first heading holds, among its first lines, is the
    # title's as a page prints it (a header's cell set bold at the body's size over sections set larger): no
    # level of the outline
    first = min(p.line for ps in found.values() for p in ps)

    def title_only(s: Style) -> bool:
        return len(found[s]) == 1 and found[s][0].line == first and first in head

    ranked = ranked[:1] + [s for s in ranked[1:] if not title_only(s)]
    # the sections' styles must be at least two, or the print states only that they are peers — which the
    # words may know better (a family's criteria subsections under its ``Policy/Criteria``)
    if len(ranked) < 2:
        return ()
    level = {s: k for k, s in enumerate(ranked, start=1)}
    return tuple(sorted((p.line, 1, level[s]) for s in ranked for p in found[s]))
