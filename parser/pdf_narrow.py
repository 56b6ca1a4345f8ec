"""A code column so narrow that a print broke its codes over lines (``63`` / ``66`` / ``3``).

An office suite printing a code table whose first column is narrower than a code breaks each code — and
the column's name — between letters, a few characters a line, with no hyphen: ``Co`` / ``de`` over the
column, then ``L89`` / ``.31`` / ``4`` for ``L89.314`` and ``976`` / ``05`` for ``97605``, each row's
description beside it.  Read as lines, every fragment is a line of its own and no row has its code.

A page whose words show such a column's name — two lines or more, stacked in one narrow column (each alone
in its column, a line's pitch apart) that join without spaces into a code column's name (``Code``,
``Codes``, ``CPT``, ``HCPCS``) — has its stacks under that name in the same column joined the same way,
where the joined text is a code (CPT/HCPCS ``97605``, ``A6550``; ICD-10 ``T81.31XA``).  Each joined code
stands on the line of the first word right of it within its stack's height (its row's first line of
description), as a top-aligned table prints it.  Any other stack is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policyvc.lazy_re import lazy
from policyvc.parser.pdf_geometry import PageContent, Word

__all__ = ["cell_runs", "column_cells", "join_narrow_codes"]

_NAME = lazy(r"^(?:Codes?|CPT®?(?:/HCPCS)?(?:Codes?)?|HCPCS(?:Codes?)?|ICD-?10(?:-CM)?(?:Codes?)?)$", re.I)
_ONE = r"(?:[A-Z0-9]\d{3}[0-9A-Z]|[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
_CODE = lazy(rf"^{_ONE}$")
# a log's date column's name (``Date``, ``Revision Date``, ``Effective Date`` broken between letters) and its
# dates (``08/15/2017``, ``05/26``, ``2026-01-01``, ``05.14.26``)
_DATE_NAME = lazy(r"^(?:(?:Revision|Review|Effective|Approval|Action|Change)?Dates?)$", re.I)
_DATE = lazy(r"^(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{1,2}/\d{4}|\d{1,2}/\d{2}|\d{4}-\d{2}-\d{2})$")
# (a whole word of a column's name, or words a slash joins: ``CPT/HCPCS``)
_WORD = lazy(
    r"^(?:Codes?|(?:(?:CPT®?|HCPCS|ICD-?10(?:-CM)?)/?)+|/|Revision|Review|Effective|Approval|Action|Change|Dates?)$",
    re.I,
)
_ALIGN = 4.0  # points: how far a fragment may start from the one above (a centred name's lines)
_PITCH = (0.85, 1.3)  # a stack's next line, as a share of the font size's line pitch (1.1 or so)
_APART = 0.45  # × size: the gap to the next word on its line, at least (wider than a space: a column's edge)


def _alone(word: Word, words: list[Word]) -> bool:
    """Whether ``word`` stands alone in its column: no other word on its line closer than a column's gap."""
    mid = (word.top + word.bottom) / 2
    gap = _APART * word.size
    return not any(
        w is not word and w.top < mid < w.bottom and w.x0 < word.x1 + gap and w.x1 > word.x0 - gap for w in words
    )


def _stacks(words: list[Word]) -> list[list[Word]]:
    """Runs of words alone in their column, each a line's pitch under the one before and starting near it."""
    lone = sorted((w for w in words if _alone(w, words)), key=lambda w: (w.top, w.x0))
    stacks: list[list[Word]] = []
    taken: set[int] = set()
    for w in lone:
        if id(w) in taken:
            continue
        stack = [w]
        taken.add(id(w))
        while True:
            last = stack[-1]
            below = [
                v
                for v in lone
                if id(v) not in taken
                and abs(v.x0 - last.x0) <= _ALIGN
                and _PITCH[0] * last.size <= v.top - last.top <= _PITCH[1] * last.size * 1.15
            ]
            if not below:
                break
            nxt = min(below, key=lambda v: v.top)
            stack.append(nxt)
            taken.add(id(nxt))
        stacks.append(stack)
    return stacks


def _joined(fragments: list[Word], words: list[Word], text: str) -> Word:
    """One word for ``fragments``, on the line of the first word right of them within their height."""
    top, bottom = fragments[0].top, fragments[-1].bottom
    right = max(f.x1 for f in fragments)
    beside = [w for w in words if w.x0 > right and top - 1 < (w.top + w.bottom) / 2 < bottom + 1]
    line = min(beside, key=lambda w: w.top) if beside else fragments[0]
    return replace(fragments[0], text=text, x1=right, top=line.top, bottom=line.bottom)


def _text(fragments: list[Word]) -> str:
    return "".join(w.text for w in fragments)


def column_cells(texts: list[str]) -> re.Pattern[str] | None:
    """What a cell under a column's name joins into (a code, a date), when ``texts`` are the name broken
    between letters (``Co`` / ``de``, ``D`` / ``a`` / ``t`` / ``e``), not wrapped between its words (``CPT®/`` /
    ``HCPCS`` / ``Codes``, each a word of it)."""
    if all(_WORD.match(t) for t in texts):
        return None
    text = "".join(texts)
    return _CODE if _NAME.match(text) else _DATE if _DATE_NAME.match(text) else None


def cell_runs(texts: list[str], cell: re.Pattern[str]) -> list[tuple[int, int]]:
    """The runs ``texts[a:b]`` that join into a cell (a code, a date), each the longest from where it starts."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(texts):
        end = next((j for j in range(len(texts), k, -1) if cell.match("".join(texts[k:j]))), None)
        if end is None:
            k += 1
            continue
        runs.append((k, end))
        k = end
    return runs


def _named(fragments: list[Word]) -> re.Pattern[str] | None:
    return column_cells([w.text for w in fragments])


_Column = tuple[list[list[Word]], list[list[Word]], re.Pattern[str]]


def _column(page: PageContent) -> _Column | None:
    """The narrow code (or date) column's names on ``page`` (its header, and a second table's in the same
    column), the stacks under the first in its column, top down, and what its cells join into."""
    stacks = _stacks(list(page.words))
    names: list[list[Word]] = []
    kinds: list[re.Pattern[str]] = []
    for n in range(len(stacks)):
        # (a name's stack may run on into the first code's fragments under it: ``Co`` / ``de`` / ``.2``)
        j = next((j for j in range(2, len(stacks[n]) + 1) if _named(stacks[n][:j])), None)
        if j is not None:
            names.append(stacks[n][:j])
            kinds.append(_named(stacks[n][:j]) or _CODE)
            stacks[n] = stacks[n][j:]
    if not names:
        return None
    lo, hi = min(w.x0 for w in names[0]) - _ALIGN, max(w.x1 for w in names[0]) + _ALIGN
    under = [s for s in stacks if s and s[0].top > names[0][-1].top and all(lo <= w.x0 and w.x1 <= hi for w in s)]
    return names, under, kinds[0]


def _band(page: PageContent, name: list[Word]) -> list[list[Word]]:
    """The stacks of ``page`` in the column of ``name`` (a name on the page before), top down."""
    lo, hi = min(w.x0 for w in name) - _ALIGN, max(w.x1 for w in name) + _ALIGN
    return [s for s in _stacks(list(page.words)) if all(lo <= w.x0 and w.x1 <= hi for w in s)]


def _codes(stack: list[Word], cell: re.Pattern[str]) -> list[list[Word]]:
    """The runs of ``stack`` that join into a code (a date: ``cell``), each the longest from where it starts."""
    return [stack[a:b] for a, b in cell_runs([w.text for w in stack], cell) if b - a >= 2]


def _cut(last: list[Word], first: list[Word], cell: re.Pattern[str]) -> bool:
    """Whether ``first`` (a page's first stack in the column) ends the cell a page break cut at the end of
    ``last`` (the page before's last stack): what ``last`` leaves over after its cells joins with it into one,
    or the two join into one where ``first`` alone is none (``L97.42`` / ``2``; ``02/0`` / ``1/2020``)."""
    runs = _codes(last, cell)
    end = last.index(runs[-1][-1]) + 1 if runs else 0
    left = last[end:]
    if left and cell.match(_text(left) + _text(first)):
        return True
    return not cell.match(_text(first)) and bool(cell.match(_text(last) + _text(first)))


def join_narrow_codes(pages: list[PageContent]) -> list[PageContent]:
    """``pages`` with the codes (and the name) of a column too narrow for them joined, each a word; a code
    a page break cut (``L97.42`` / the next page's ``2``, which is no code alone) joined on its first page."""
    columns = [_column(p) for p in pages]
    if not any(columns):
        return pages
    # (a page that does not repeat the table's header: its stacks in the column of the page before, when
    # they join into its cells — or its first one into the cell a page break cut)
    for n in range(1, len(pages)):
        before = columns[n - 1]
        if columns[n] is None and before and (before[0] or before[1]):
            origin = before[0][0] if before[0] else before[1][0]
            band, cell = _band(pages[n], origin), before[2]
            cut = bool(band and before[1] and _cut(before[1][-1], band[0], cell))
            if cut or any(_codes(stack, cell) for stack in band):
                columns[n] = ([], band, cell)
    moved: dict[int, list[Word]] = {}  # (a page's first fragments that went to the code on the page before)
    for n in range(len(pages) - 1):
        here, there = columns[n], columns[n + 1]
        if here and there and here[1] and there[1] and _cut(here[1][-1], there[1][0], here[2]):
            first = there[1].pop(0)
            moved[n + 1] = first
            here[1][-1] = [*here[1][-1], *first]
    out: list[PageContent] = []
    for n, (page, column) in enumerate(zip(pages, columns, strict=True)):
        if column is None:
            out.append(page)
            continue
        words = list(page.words)
        ours = {id(w) for w in words}
        names, under, cell = column
        gone = {id(w) for name in names for w in name} | {id(w) for w in moved.get(n, [])}
        added = [_joined(name, words, _text(name)) for name in names]
        for stack in under:
            for run in _codes(stack, cell):
                gone.update(id(w) for w in run)
                placed = [w for w in run if id(w) in ours]
                added.append(_joined(placed, words, _text(run)))
        kept = [w for w in words if id(w) not in gone]
        out.append(replace(page, words=tuple(sorted([*kept, *added], key=lambda w: (w.top, w.x0)))))
    return out
