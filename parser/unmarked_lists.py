"""Lists whose markers a copy lost, read back from their lead-in and their lines.

A web page's ``<ul>`` copied as text, a PDF viewer's copy, or ``pdftotext`` of a print that drew its bullets
as shapes: after a lead-in that announces a list (``… when all of the following criteria are met:``) the items
arrive as bare lines right under it (a blank line between lead-in and list or none), one line each or
wrapped over several: a line goes on with the one above where that one leaves its sentence open (``…
confirmed by a`` / ``standardized rating scale``) or, in lines printed to a measure, had no room for its first
word (the word-wrap test; a web page writes items in lower case too, so case alone says nothing).  The list
ends at a blank line, a heading, a table, a note, or a line with a marker of its own.  Each item gets a bullet
back (``- ``), at the level its text says:

* an item ending in ``:`` announces a list under it (an ``o`` sub-bullet lost too), whose items run while
  they carry that list's own trailing connective (``…; or``); the item after the last of them is its last,
  and the connective it carries (``…; and``, the outer list's) says the next item is the outer list's again.
  A connective alone on the line below an item (``OR``) is that item's.  A lead-in that counts its items
  (``BOTH of the following:``) closes its list after two.  Where none of this is written — a sub-list's
  items with no connective, or its last item carrying none with more lines below — the nesting is inferred
  (:func:`_home`: a line parallel to an outer list's items — its first word, its ending, its case — or a
  second lead-in, once the sub-list has two items; else the list's end), and said to be: a warning, and the
  lines of its items handed on, so the template marks the set (``CriteriaSet.inferred``) and no decision
  approves or denies by it unreviewed.  Connectives that contradict each other, or a lead-in with nothing
  under it, still leave the lines paragraphs, a line each, with a warning.
* a coverage statement right under the items that announces a list of its own (``… is considered medically
  necessary when all of the following criteria are met:``) is the next set's lead-in, on a guess marked the
  same way (the set above ends there);
* a sentence right under the items, ending in a period where none of them ends so (a print sets no blank line
  after a ``</ul>``), is text of its own, on a guess marked the same way; so are the lines below a list
  punctuated as one sentence (its items end with ``;``) after the first item that ends with a period; so is
  a title right under them (``Other Conditions``, where a page break's furniture was taken out) where no item
  is written as one.
* a line holding several criteria joined by ``; and`` (or ``; or``), one word throughout (``Member is 18
  years or older; and has a diagnosis of X; and has tried Y``), is an item per criterion when that word is
  its list's own (``and`` in a list of all); under another (``A; or B`` in a list of all) it is one item,
  as written.

Nothing is dropped and every line keeps its number: an item's wrapped lines are joined onto its first line
(their own left blank), and a paragraph kept a line apart is given blank lines around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from policyvc.lazy_re import lazy
from policyvc.parser.connective import read_connective
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.joining import join_wrapped
from policyvc.parser.markers import read_item_marker
from policyvc.parser.nodes import Connective
from policyvc.parser.outline import OutlineLine as Line
from policyvc.parser.outline import title_like
from policyvc.parser.run_on_lists import announces_list, ends_open, states_decision, wrapped_line

__all__ = ["unmarked_lists"]

# A line that is no item of a list above it: a note (``* …``, a footnote's mark: ``¹ Per FDA label``, ``† …``), a
# group's own line (``Approval duration: 6 months``)
_NOT_ITEM = lazy(
    r"^(?:\*|[¹²³⁴⁵⁶⁷⁸⁹⁰†‡§¶]|notes?\b\s*[:.–-]|(?:(?:initial|continued|renewal)\s+)?(?:approval|authori[sz]ation)\s+"
    r"(?:duration|period)\b|#)",
    re.I,
)
# An item's trailing connective: ``…; and``, ``…; or``, ``… AND``, ``…, or``
_TRAILING = lazy(r"(?:[;,]\s*|\s)(?P<word>and|or|AND|OR)\s*$")
# Criteria joined on one line: ``…; and has …`` / ``…; or …``
_JOINED = lazy(r";\s+(?P<word>and|or)\s+(?=\S)", re.I)
_CONNECTIVE_LINE = lazy(r"^[\s(\[*_–—-]*(?:AND|OR|and|or|And|Or|AND/OR|and/or)[\s)\]*_–—:;,.-]*$")
_GLYPHS = ("- ", "– ", "· ")  # the bullets of the levels, as the text front writes them (``bullet_levels``)
_MAX_LINE = 400  # a longer line is a paragraph's, no item's
_WORD = {Connective.ALL: "and", Connective.BOTH: "and", Connective.ANY: "or"}


@dataclass(slots=True)
class _Item:
    lines: list[int]  # the indices of its lines (its first, then its wrapped ones)
    text: str
    joins: str | None = None  # the connective alone on the line below it (``OR``), if any


def _trailing(text: str) -> str | None:
    m = _TRAILING.search(text)
    return m.group("word").lower() if m else None


def _joins(item: _Item) -> str | None:
    """The connective that joins ``item`` to the next: its trailing one, or the one alone on the line below."""
    return _trailing(item.text) or item.joins


def _announcing(text: str) -> bool:
    return text.rstrip(" *_").endswith(":")


def _depths(items: Sequence[_Item], infer: bool = False) -> list[int] | None:
    """Each item's level (0: the lead-in's list), or ``None`` where the text does not say it (see the module
    doc): a level's items run while they carry its connective; an outer level's connective on an item
    closes the levels inside it.  ``infer``: where a sub-list's items carry no connective, its end is
    inferred (:func:`_home`) instead — a reading the caller must mark as a guess."""
    stack: list[str | None] = [None]  # the trailing connective of each open level (None: none seen yet)
    counted: list[int | None] = [None]  # the items each open level has left, where its lead-in counts them
    levels: list[list[int]] = [[]]  # the items of each open level so far
    out: list[int] = []
    for k, item in enumerate(items):
        if infer:
            free = 0  # the innermost levels nothing written closes (no connective, no count)
            while free < len(stack) - 1 and stack[-1 - free] is None and counted[-1 - free] is None:
                free += 1
            open_levels = levels[len(levels) - 1 - free :]
            for _ in range(len(open_levels) - 1 - _home(items, open_levels, k)):
                stack.pop()
                counted.pop()
                levels.pop()
        out.append(len(stack) - 1)
        levels[-1].append(k)
        if k == len(items) - 1:
            return None if _announcing(item.text) else out  # (a lead-in with nothing under it: no list)
        if _announcing(item.text):
            stack.append(None)
            counted.append(2 if read_connective(item.text).connective is Connective.BOTH else None)
            levels.append([])
            continue
        left = counted[-1]
        if left is not None:  # (``BOTH of the following:``: two items, whatever they end with)
            counted[-1] = left - 1
            if left == 1:
                stack.pop()
                counted.pop()
                levels.pop()
            continue
        word = _joins(item)
        if word is None:
            if len(stack) > 1 and not infer:
                return None  # (in a sub-list, an item that does not say where the next one goes)
            continue
        if stack[-1] is None or word == stack[-1]:
            stack[-1] = word
            continue
        while len(stack) > 1 and stack[-1] != word:
            stack.pop()
            counted.pop()
            levels.pop()
        if stack[-1] is None:
            stack[-1] = word
        elif stack[-1] != word:
            return None
    return out


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0].casefold() if text.split() else ""


def _ending(text: str) -> str:
    """How an item ends: its trailing connective (``and``, ``or``), its last stop (``;``, ``.``, ``,``), else
    ``bare``."""
    word = _trailing(text)
    if word is not None:
        return word
    last = text.rstrip(" *_")[-1:]
    return last if last in (";", ".", ",") else "bare"


def _case(text: str) -> str | None:
    """``lower`` or ``upper`` by an item's first letter; None where its first word says nothing of the list's
    style (a number, an acronym: ``HbA1c …``, ``BMI …``)."""
    word = text.split(maxsplit=1)[0] if text.split() else ""
    if not word[:1].isalpha() or (len(word) > 1 and word[1:2].isupper()):
        return None
    return "upper" if word[0].isupper() else "lower"


def _parallel(items: Sequence[_Item], k: int, above: Sequence[int], inside: Sequence[int]) -> bool:
    """Whether item ``k`` is written as the items ``above`` are (an outer list's, its opener among them) and as
    none of those ``inside`` (the lists it opened) — lists keep their items parallel:

    * it starts with a word one of them starts with, none inside does (``Member has one of the following:``
      … ``Member has been counseled …``);
    * it ends as every one of them ends — ``;``, a sentence's ``.``, ``…; and`` — where every item inside ends
      bare (``Type 2 diabetes mellitus`` … ``Completion of a preoperative evaluation;``);
    * it starts with a capital as every one of them does, where every item inside starts in lower case.

    A bare ending is no evidence (a list's last item often drops its ``;``), nor a number's or an acronym's
    case."""
    text = items[k].text
    word = _first_word(text)
    if any(_first_word(items[i].text) == word for i in above) and all(
        _first_word(items[i].text) != word for i in inside
    ):
        return True
    plain = [items[i].text for i in above if not _announcing(items[i].text)]
    within = [items[i].text for i in inside if not _announcing(items[i].text)]
    if not within:
        return False
    mine = _ending(text)
    ending = mine != "bare" and bool(plain) and {_ending(t) for t in plain} == {mine}
    capital = _case(text) == "upper" and all(_case(items[i].text) == "upper" for i in above)
    return (ending and all(_ending(t) == "bare" for t in within)) or (
        capital and all(_case(t) == "lower" for t in within)
    )


def _home(items: Sequence[_Item], levels: Sequence[Sequence[int]], k: int) -> int:
    """The level item ``k`` goes on where nothing written says it (a guess, marked as one), counted from the
    first of ``levels``: the open levels, outermost first, whose lists no connective or count closes (the first
    is the level above them).  A list of one item is no list, so a list closes only once it has two.  ``k``
    goes on the deepest level above the lists it closes that it is :func:`_parallel` to; else, where it
    announces a list of its own, on the level above the innermost (a second lead-in is most often its opener's
    sibling: ``Objective evidence by one of the following:`` … ``Absence of all of the following:``) unless it
    starts as that list's items do and as none of the level above (``Diagnosis of …`` … ``Diagnosis of
    psoriatic arthritis with one of the following:``); else it stays (the list runs to its end)."""
    d = len(levels) - 1
    lowest = d
    while lowest > 0 and len(levels[lowest]) >= 2:
        lowest -= 1  # (the levels lowest + 1 … d may close)
    for j in range(d - 1, lowest - 1, -1):
        if _parallel(items, k, levels[j], [i for level in levels[j + 1 :] for i in level]):
            return j
    if lowest < d and _announcing(items[k].text):
        word = _first_word(items[k].text)
        own = any(_first_word(items[i].text) == word for i in levels[d])
        if not own or any(_first_word(items[i].text) == word for i in levels[d - 1]):
            return d - 1
    return d


def _list_end(lead: str, items: Sequence[_Item], depths: Sequence[int]) -> int:
    """How many of ``items`` are the list's: all, but where the lead-in counts two (``BOTH of the following``),
    where its items carry a trailing connective (``…; and``) and one of them ends with none — the last (the
    lines below it are text of their own: ``Changes to this policy take effect …``) — or where items written in
    lower case are followed by a line in a sentence's capital."""
    top = [k for k, d in enumerate(depths) if d == 0]
    if read_connective(lead).connective is Connective.BOTH and len(top) > 2:
        return top[2]
    joined = False
    for k in top[:-1]:
        if _joins(items[k]) is not None:
            joined = True
        elif joined and not _announcing(items[k].text):
            return next((n for n in top if n > k), len(items))
    # items a page writes in lower case, then a sentence (``Maintenance sessions require …``): the list ended
    for n, k in enumerate(top[2:], 2):
        if items[k].text[:1].isupper() and all(items[j].text[:1].islower() for j in top[:n]):
            return k
    return len(items)


def _sentence_after(items: Sequence[_Item]) -> bool:
    """Whether the last of ``items`` is a sentence of its own after the list, on a guess (a browser's print puts
    no blank line between a ``</ul>`` and the ``<p>`` below it): it ends with a period where none of the two or
    more items above it ends with one, a ``;`` or a connective — a list's items share their ending."""
    *above, last = items
    plain = [i for i in above if not _announcing(i.text)]
    return (
        len(plain) >= 2
        and last.text.rstrip().endswith(".")
        and not _announcing(above[-1].text)
        and not any(i.text.rstrip().endswith((".", ";")) for i in plain)
        and not any(_joins(i) for i in above)
    )


def _sentence_end(items: Sequence[_Item], depths: Sequence[int]) -> int | None:
    """Where a list punctuated as one sentence ends, on a guess: its items end with ``;`` (``Age 18 years or
    older;``), the first that ends with a period (``Failure of a structured weight-loss program.``) is its last,
    and the lines below it are text of their own (``Revision of a prior procedure is addressed …``).  None where
    no item of the lead-in's list ends with ``;`` before one ends with a period with more lines below."""
    top = [k for k, d in enumerate(depths) if d == 0]
    for n, k in enumerate(top[:-1]):
        if _ending(items[k].text) != ".":
            continue
        above = [items[t].text for t in top[:n] if not _announcing(items[t].text)]
        return top[n + 1] if above and all(_ending(t) == ";" for t in above) else None
    return None


def _lead_in(line: str) -> tuple[str, bool] | None:
    """The lead-in on ``line`` that announces a list below it, and whether it is a marked item's (``2. A
    diagnosis of X, with one of the following:``: the bullets of its sub-list were lost); None when it is none."""
    marked = read_item_marker(line.strip())
    text = marked[1] if marked is not None else line
    return (text, marked is not None) if announces_list(text) else None


def _region(lines: Sequence[Line], k: int, stop: Callable[[str], bool], *, marked: bool = False) -> list[int]:
    """The lines right under the lead-in on line ``k`` (no blank line between, or one where a browser's copy
    set the paragraph apart from its ``<ul>``: then two lines at least), up to the list's end; none when a
    line among them has a marker of its own (the list has markers: the outline reads it) — unless the lead-in
    is itself a marked item (``marked``): then the next marked line is the next item of its list, and the
    bare lines above it the items of the sub-list it announces."""
    run: list[int] = []
    j = k + 1
    apart = j + 2 < len(lines) and not lines[j].text.strip() and lines[j + 1].text.strip()
    if apart and lines[j + 2].text.strip():
        j += 1
    while j < len(lines):
        text = lines[j].text.strip()
        if not text or "\t" in lines[j].text or len(text) > _MAX_LINE or _NOT_ITEM.match(text) or stop(text):
            break
        if read_item_marker(text) is not None:
            if marked:
                break  # (the next item of the lead-in's own list)
            if run and lines[run[-1]].text.rstrip().endswith(":"):
                run.pop()  # (a lead-in of its own, right under the items, whose list kept its markers)
                break
            return []
        if run and _heading_after(text, [lines[i].text.strip() for i in run]):
            break
        run.append(j)
        j += 1
    return run


def _heading_after(text: str, above: Sequence[str]) -> bool:
    """Whether ``text`` is a heading right under a list's items (a page break's furniture removed left no blank
    line between them: ``Active implanted cardiac device`` / ``Other Conditions``): a title of two words or
    more where no item above is written as one — a list's items share their case."""
    return len(text.split()) >= 2 and title_like(text) and not any(title_like(t) for t in above)


def _items(lines: Sequence[Line], run: Sequence[int]) -> list[_Item]:
    """The items of ``run``: a line starts one unless it goes on with the line above (see the module doc); a
    connective alone on its line (``OR``) is a line of its own."""
    width = _measure(lines, run)
    items: list[_Item] = []
    for j in run:
        text = lines[j].text.strip()
        above = lines[j - 1].text.strip()
        after = bool(items) and not _CONNECTIVE_LINE.match(items[-1].text) and not _announcing(items[-1].text)
        goes_on = wrapped_line(above, text, width) if width else ends_open(above)
        if after and not _CONNECTIVE_LINE.match(text) and goes_on:
            items[-1].lines.append(j)
            items[-1].text = join_wrapped(items[-1].text, text)
            continue
        if _CONNECTIVE_LINE.match(text) and items and not _CONNECTIVE_LINE.match(items[-1].text):
            items[-1].joins = "or" if re.search(r"\bor\b", text, re.I) else "and"  # (``and/or``: or)
        items.append(_Item([j], text))
    return items


_PRINT_WIDTH = 110  # a printed line is no wider (a web page's line, an item the text front joined, may be)
_CLUSTER = 0.9  # a print's full lines end near its measure


def _measure(lines: Sequence[Line], run: Sequence[int]) -> int:
    """The width ``run``'s lines were printed to, where they read as a print's lines (the widest no wider than a
    print's, another as wide give or take a word); else 0 — each line is whole (a web page's copy, or lines the
    text front joined), and only a line that leaves its sentence open (``… the``) goes on below."""
    lengths = [len(lines[j].text.rstrip()) for j in run]
    width = max(lengths)
    near = sum(1 for n in lengths if n >= _CLUSTER * width)
    return width if width <= _PRINT_WIDTH and near >= 2 else 0


def _joined(item: _Item, word: str | None) -> list[_Item]:
    """``item`` as one item per criterion where its line joins several with ``; <word>`` (``word``: its list's
    own connective), that word throughout; else ``[item]``."""
    cuts = list(_JOINED.finditer(item.text))
    if word is None or not cuts or any(m.group("word").lower() != word for m in cuts):
        return [item]
    pieces: list[_Item] = []
    start = 0
    for m in cuts:
        pieces.append(_Item(item.lines, item.text[start : m.start() + len(m.group(0).rstrip())].strip()))
        start = m.end()
    pieces.append(_Item(item.lines, item.text[start:].strip()))
    return pieces


def _level_word(lead: str, items: Sequence[_Item]) -> str | None:
    """The connective word of the lead-in's list: the one it states, else its items' trailing one."""
    stated = read_connective(lead).connective
    if stated is not None:
        return _WORD.get(stated)
    words = {w for i in items[:-1] if (w := _joins(i)) is not None}
    return words.pop() if len(words) == 1 else None


def unmarked_lists(
    lines: Sequence[Line], stop: Callable[[str], bool]
) -> tuple[list[Line], list[Diagnostic], frozenset[int]]:
    """``lines`` with the lists under lead-ins written without markers given their bullets (see the module
    doc); ``stop(text)``: a line that can be no item (a heading).  Every line keeps its number.  Also the
    source lines of the items of every list whose nesting was inferred (the template marks the criteria read
    from them, so no decision rests on the guess)."""
    out: list[Line] = []
    found: list[Diagnostic] = []
    guessed: set[int] = set()
    k = 0
    while k < len(lines):
        out.append(lines[k])
        found_lead = None if "\t" in lines[k].text or stop(lines[k].text.strip()) else _lead_in(lines[k].text)
        lead = found_lead[0] if found_lead else lines[k].text
        run = _region(lines, k, stop, marked=found_lead[1]) if found_lead else []
        items = [i for i in _items(lines, run) if not _CONNECTIVE_LINE.match(i.text)] if run else []
        # a coverage statement announcing a list of its own is the next set's lead-in (a print sets no blank line
        # between a ``</ul>`` and the ``<p>`` below it), no item of this list: the list ends above it, on a guess
        after = next((n for n, i in enumerate(items) if n and announces_list(i.text) and states_decision(i.text)), 0)
        if after:
            whole = _depths(items) or _depths(items, infer=True)
            if whole and _list_end(lead, items, whole) <= after:
                after = 0  # (the text says where the list ends, above the statement: ``BOTH of the following``)
            else:
                run, items = run[: run.index(items[after].lines[0])], items[:after]
        depths = _depths(items) if len(items) >= 2 else []
        inferred = depths is None and (depths := _depths(items, infer=True)) is not None
        if not depths:
            if depths is None:  # a paragraph a line: no line glued to another, no list guessed
                for j in run:
                    out.extend([Line("", lines[j].line), Line(lines[j].text, lines[j].line), Line("", lines[j].line)])
                message = (
                    f"{len(run)} line(s) under a lead-in, with no markers, nest in a way their text does not say"
                    " (an item announces a list, and its items' connectives do not tell where it ends): kept as"
                    " paragraphs"
                )
                found.append(Diagnostic("warning", message, line=lines[run[0]].line))
                k = run[-1] + 1
                continue
            k += 1
            continue
        end = _list_end(lead, items, depths)
        ended = end == len(items) and _sentence_after(items)  # (a guess: marked as one, like a nesting)
        end -= ended
        if end == len(items) and (cut := _sentence_end(items, depths)) is not None:
            end, ended = cut, True  # (a guess too: a period may close an item inside the list)
        if end < 2:
            k += 1
            continue
        rest, items, depths = items[end:], items[:end], depths[:end]
        if inferred and rest:  # (the guess may have been about lines past the list's end: its own text)
            inferred = _depths(items) is None
        inferred = inferred or ended or bool(after)
        if rest:  # (the lines after the list's last item: text of their own, a blank line above it)
            run = run[: run.index(rest[0].lines[0])]
        word = _level_word(lead, [i for i, d in zip(items, depths, strict=True) if d == 0])
        level = {id(i): d for i, d in zip(items, depths, strict=True)}
        pieces: dict[int, list[tuple[int, _Item]]] = {}
        for item in items:
            d = level[id(item)]
            parts = _joined(item, word) if d == 0 else [item]
            pieces[item.lines[0]] = [(d, p) for p in parts]
        count = 0
        for j in run:
            if j in pieces:
                count += len(pieces[j])
                out.extend(Line(f"{_GLYPHS[min(d, len(_GLYPHS) - 1)]}{p.text}", lines[j].line) for d, p in pieces[j])
            elif any(j in i.lines for i in items):
                out.append(Line("", lines[j].line))  # (a wrapped line: its text is on its item's line)
            else:
                out.append(lines[j])  # (``OR`` alone on its line: the outline gives it to the items around it)
        message = f"{count} item(s) under a lead-in read from {len(run)} line(s) without markers"
        if inferred:  # (a list inside it whose end no connective, count or blank line states)
            guessed.update(lines[j].line for i in items for j in i.lines)
            where = "it" if ended or after else "a list inside it"
            message += (
                f"; where {where} ends is not written, so its nesting is inferred: criteria read from it"
                " decide nothing without review"
            )
        found.append(Diagnostic("warning" if inferred else "note", message, line=lines[run[0]].line))
        k = run[-1] + 1
        below = lines[k].text.strip() if k < len(lines) else ""
        if rest or after or (below and (_heading_after(below, [i.text for i in items]) or below.endswith(":"))):
            out.append(Line("", lines[k].line))  # (text of its own below the list: set apart from its last item)
    return out, found, frozenset(guessed)
