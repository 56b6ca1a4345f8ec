"""A code or date column so narrow that a print broke its cells a character or two a line, read as text.

The text of an office suite's print (``pdftotext``, with ``-layout`` or without) of a table whose first
column is narrower than its cells writes each cell — and the column's name — a few characters a line, with
no hyphen: ``C`` / ``o`` / ``d`` / ``e`` over the column, then ``4`` / ``3`` / ``6`` / ``4`` / ``4`` for
``43644`` and ``0`` / ``8`` / ``/`` / ``1`` / ``5`` … for ``08/15/2017``, each row's description beside
those lines (``-layout``) or after them (reading order).  Read as lines, every fragment was a paragraph of
its own and no row had its code or date.

The PDF's reading joins them from the words' places (:mod:`policyvc.parser.pdf_narrow`); here, from the
lines: a stack — two lines or more in a row, each starting at the same column with a fragment of at most a
few characters (a code's or a date's: no space in it) and, in ``-layout`` text, maybe another column's text
further right, the lines between them holding only that other column's text — whose fragments join without
spaces into a column's name (``Code``, ``CPT``, ``Date``; broken between letters, never whole words wrapped)
names the column.  From there on the stacks at that column whose fragments join into that column's cells
(a code, a date: each run the longest from where it starts) are joined: the cell stands on the stack's
first line that has the other column's text (its row's first line of description, as a top-aligned table
prints it) or, with none, on the stack's first line, and the stack's other lines go.  A name wrapped over
two stacks with the other column's name read between them (``C`` / ``P`` / ``T``, ``Description``,
``C`` / ``o`` / ``d`` / ``e``) is one name.  Any other stack is left as it is.
"""

from __future__ import annotations

import re

from policyvc.lazy_re import lazy
from policyvc.parser.page_numbers import page_number_line
from policyvc.parser.pdf_narrow import cell_runs, column_cells

__all__ = ["join_narrow_lines"]

# (``-layout`` may set a one-character fragment a single space from its row's text: ``0 Policy reviewed``)
_FRAGMENT = lazy(r"^( *)(?:(\S{1,6})(?: {2,}(\S.*))?|(\S) (\S.*))$")
_NAME_PART = 3  # characters: a name's fragment, at most
_ALIGN = 1  # characters: how far a fragment may start from the one above


def _fragment(line: str) -> tuple[int, str, str] | None:
    """A line's fragment at its start: its column, its text and the other column's text beside it."""
    m = _FRAGMENT.match(line.replace("\f", "").rstrip())
    if m is None:
        return None
    if m.group(4):
        return len(m.group(1)), m.group(4), m.group(5)
    return len(m.group(1)), m.group(2), m.group(3) or ""


def _indent(line: str) -> int:
    text = line.replace("\f", "")
    return len(text) - len(text.lstrip())


def _stack(lines: list[str], k: int) -> list[int] | None:
    """The lines of the stack starting at line ``k`` (its fragments' lines, and beside lines between them)."""
    first = _fragment(lines[k])
    if first is None:
        return None
    col = first[0]
    out = [k]
    j = k + 1
    while j < len(lines) and lines[j].strip() and "\f" not in lines[j]:  # (never across a page break)
        here = _fragment(lines[j])
        # (reading order's text: the other column's line read between two fragments, the stack going on)
        between = j + 1 < len(lines) and _on(lines[j + 1], col) and _on(lines[j - 1], col)
        if (here is None or abs(here[0] - col) > _ALIGN) and _indent(lines[j]) <= col + 2 and not between:
            break
        out.append(j)
        j += 1
    while out and not _on(lines[out[-1]], col):
        out.pop()
    return out if sum(_on(lines[j], col) for j in out) >= 2 else None


def _on(line: str, col: int) -> bool:
    """Whether ``line`` holds a fragment at column ``col``."""
    f = _fragment(line)
    return f is not None and abs(f[0] - col) <= _ALIGN


def _parts(lines: list[str], stack: list[int], col: int) -> list[int]:
    """The stack's lines that hold one of its fragments."""
    return [j for j in stack if (f := _fragment(lines[j])) is not None and abs(f[0] - col) <= _ALIGN]


def _set(out: list[str], k: int, col: int, text: str, beside: str, at: int = 0) -> None:
    """Line ``k`` as ``text`` at column ``col`` and ``beside`` at column ``at`` (or two spaces after it)."""
    head = " " * col + text
    out[k] = head + " " * max(2, at - len(head)) + beside if beside else head


def _beside_at(line: str) -> int:
    """The column where a line's other column's text starts."""
    f = _fragment(line)
    text = line.replace("\f", "")
    if f is None or not f[2]:
        return _indent(line)
    return text.index(f[2], f[0] + len(f[1]))


def join_narrow_lines(lines: list[str]) -> dict[int, str]:
    """New texts of ``lines`` (blank for a line emptied) that join the cells (and the name) of a column too
    narrow for them, each on one line with its row's text beside it."""
    out = list(lines)
    drop: set[int] = set()
    cell: re.Pattern[str] | None = None
    col = 0
    k = 0
    # (a stack's fragments left over at its end, with its last cell before them or without)
    pending: list[tuple[list[int], list[str], list[int]]] | None = None
    last_name: tuple[int, int, str] | None = None
    seen: dict[str, str] = {}  # (each name's other column's name, and the line it was last read at)
    seen_at: dict[str, int] = {}  # (the line of the last name, the line after its stack, name)
    while k < len(out):
        stack = _stack(out, k) if out[k].strip() else None
        if stack is None:
            k += 1
            continue
        here = _fragment(out[k])
        assert here is not None
        parts = _parts(out, stack, here[0])
        texts = [f[1] for j in parts if (f := _fragment(out[j])) is not None]
        # (a name broken a few letters a line: ``Cod`` / ``es``, never ``Revisi`` / ``on`` / ``Date``, a name
        # wrapped in a column that holds its cells whole; reading order may set the other column's name, a
        # word, among its letters: ``D`` / ``a`` / ``Action`` / ``t`` / ``e``)
        short: list[int] = []
        for i, t in enumerate(texts):
            if len(t) <= _NAME_PART:
                short.append(i)
            elif not t.isalpha():
                break
        named = next(
            (
                (n, c)
                for n in range(len(short), 1, -1)
                if (c := column_cells([texts[i] for i in short[:n]])) is not None
            ),
            None,
        )
        if named is not None:
            n, cell = named
            col = here[0]
            name = "".join(texts[i] for i in short[:n])
            named_parts = [parts[i] for i in short[:n]]
            wrapped = last_name is not None and _between(out, last_name[1], k)
            wrapped = wrapped and last_name is not None and not any("\f" in out[j] for j in range(last_name[1], k + 1))
            if wrapped and last_name is not None:  # (the name's second line, the other column's name between)
                name = f"{last_name[2]} {name}"
                at = last_name[0]
                beside = _fragment(out[at])
                between = [j for j in range(last_name[1], k) if out[j].strip()]
                other = " ".join(out[j].strip() for j in between) or (beside[2] if beside else "")
                _set(out, at, col, name, beside[2] if beside else "")
                drop.update(named_parts)
                header = [at, *between]
            else:
                at = _place(out, drop, stack, named_parts, col, name)
                written = out[at].replace("\f", "").strip()  # (the name, then the other column's name beside it)
                other = written[len(name) :].strip() if written.startswith(name) else ""
                header = [at]
            # (the table's header a print repeats on the next page: the table goes on under it)
            key = name.replace(" ", "").casefold()
            if not other and key in seen:  # (the other column's name on the line after the stack)
                after = next((j for j in range(stack[-1] + 1, len(out)) if out[j].strip()), None)
                if after is not None and out[after].strip() == seen[key]:
                    other, header = seen[key], [*header, after]
            again = other and "".join(seen.get(key, "").split()).casefold() == "".join(other.split()).casefold()
            if again and any("\f" in out[j] for j in range(seen_at[key], k + 1)):
                # (the header again on the next page, the other column's name maybe broken elsewhere: ``Descript`` /
                # ``ion`` for ``Description``)
                drop.update(header)
            elif other:
                seen[key], seen_at[key] = other, k
            last_name = (stack[0] if not wrapped or last_name is None else last_name[0], stack[-1] + 1, name)
            parts = parts[short[n - 1] + 1 :]
            texts = texts[short[n - 1] + 1 :]
            if not parts:
                k = stack[-1] + 1
                continue
        if cell is not None and abs(here[0] - col) <= _ALIGN:
            start = 0
            if pending is not None and any("\f" in out[j] for j in range(pending[0][0][-1], k + 1)):
                # (a cell a page break cut: its first fragments on the page before — a page break between, never
                # the fragments a stack on the same page left, which end a cell the page before cut)
                start = _cut(out, drop, pending, parts, texts, cell, col)
            elif (lone := _lone_before(out, drop, k, col)) is not None and not any(
                a == 0 for a, _ in cell_runs(texts, cell)
            ):
                # (or a cell's first fragment alone on the page's last line, beside its row's text — no stack — and
                # the rest under the header the next page repeats: ``4`` … / ``3`` / ``6`` / ``4`` / ``4``)
                start = _cut(out, drop, [([lone], [texts_at(out, lone)], [lone])], parts, texts, cell, col)
            runs = [(a, b) for a, b in cell_runs(texts[start:], cell) if b - a >= 2]
            for a, b in runs:
                run = parts[start + a : start + b]
                lo, hi = run[0], run[-1]
                _place(out, drop, [j for j in stack if lo <= j <= hi], run, col, "".join(texts[start + a : start + b]))
            end = start + runs[-1][1] if runs else start
            left = parts[end:]
            pending = None
            if left:  # (the cell cut may be longer than what it left: ``10/01`` + ``/``, then ``2025``)
                last = start + runs[-1][0] if runs else end
                pending = [
                    (parts[b:], texts[b:], [j for j in stack if j >= parts[b]]) for b in dict.fromkeys((last, end))
                ]
        k = stack[-1] + 1
    for j in drop:
        out[j] = "\f" if "\f" in out[j] else ""  # (a page break stays where it was)
    return {j: line for j, line in enumerate(out) if line != lines[j]}


def _cut(
    out: list[str],
    drop: set[int],
    pending: list[tuple[list[int], list[str], list[int]]],
    parts: list[int],
    texts: list[str],
    cell: re.Pattern[str],
    col: int,
) -> int:
    """How many of a stack's first fragments end the cell ``pending`` (the fragments a stack further up left
    over, no cell alone; or those and the cell before them) starts — joined there, their lines emptied."""
    for left, before, stack in pending:
        head = "".join(before)
        i = next((i for i in range(len(texts), 0, -1) if cell.match(head + "".join(texts[:i]))), 0)
        if not i:
            continue
        _place(out, drop, stack, left, col, head + "".join(texts[:i]))
        for j in parts[:i]:
            f = _fragment(out[j])
            if f is not None and f[2]:
                out[j] = " " * _beside_at(out[j]) + f[2]
            else:
                drop.add(j)
        return i
    return 0


_LONE_LOOK = 12  # lines: how far above a stack the last line of the page before may stand


def texts_at(lines: list[str], j: int) -> str:
    """The fragment of line ``j`` (known to hold one)."""
    f = _fragment(lines[j])
    return f[1] if f is not None else ""


def _lone_before(lines: list[str], drop: set[int], k: int, col: int) -> int | None:
    """The line, across one page break above line ``k`` (past blank lines, the lines dropped — a header the page
    repeats — and the page's number), whose fragment stands alone at column ``col`` beside its row's text: the
    first characters of a cell the page break cut, or None."""
    broke = False
    for j in range(k - 1, max(-1, k - 1 - _LONE_LOOK), -1):
        line = lines[j]
        if "\f" in line:
            if broke:
                return None
            broke = True
            if j in drop or not line.replace("\f", "").strip():
                continue
        if not line.strip() or j in drop or page_number_line(line.strip()):
            continue
        if not broke:
            return None  # (text on the same page between: no cell a page break cut)
        f = _fragment(line)
        alone = f is not None and abs(f[0] - col) <= _ALIGN + 1 and bool(f[2])
        return j if alone and not (j and _on(lines[j - 1], col)) else None
    return None


def _between(lines: list[str], start: int, k: int) -> bool:
    """Whether only one line of another column's text (and blank lines) stand between ``start`` and ``k``."""
    text = [j for j in range(start, k) if lines[j].strip()]
    return len(text) <= 1


def _place(out: list[str], drop: set[int], stack: list[int], parts: list[int], col: int, text: str) -> int:
    """Write ``text`` (the fragments of ``parts`` joined) on the first line of ``stack`` with the other
    column's text beside it (or the first of ``parts``), that text of the lines down to the last of ``parts``
    after it, and empty those other lines; the line written."""
    span = [j for j in stack if parts[0] <= j <= parts[-1]]
    beside: list[tuple[int, str]] = []
    for j in span:
        f = _fragment(out[j]) if j in parts else None
        rest = out[j].strip() if j not in parts else f[2] if f is not None else ""
        if rest:
            beside.append((j, rest))
    at = beside[0][0] if beside else parts[0]
    where = _beside_at(out[at])
    _set(out, at, col, text, " ".join(t for _, t in beside), where)
    drop.update(j for j in span if j != at)
    return at
