"""Tables ``pdftotext`` (no ``-layout``) wrote column by column, rebuilt into rows only where the counts prove them.

Reading order gives such a table a column at a time: the first column's name and its cells, a blank line, the
second column's name and its cells, and so on.  Where a cell of one column wraps, the others' rows stand apart,
and poppler may cut a column in two: its last cells come after the other columns, in a block with no name::

    Abbreviation            Meaning                              ASCVD
    LDL-C                   Low-density lipoprotein cholesterol   PCSK9
    HeFH                    Heterozygous familial
                            hypercholesterolemia
                            …

The rows are rebuilt when the text proves them: each column's block starts with its name; a line goes on the
cell above only where it must (it starts in lower case or with ``(``, or the line above stops at a comma or a
word that needs the next); then every column has the same number of cells — or one column alone has fewer,
and the nameless blocks right after the table hold exactly the cells it lacks.  A one-row table (each column's
name and one cell, wrapped or not) is read only when every name is a column's known name (``Indication``,
``Dosing Regimen``, ``Maximum Dose``).  Anything else is not read here: the caller keeps the lines as text and
says so — never a guessed row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.aligned_tables import AlignedTable, join_cell, name_like
from policyvc.parser.template_spec import HEADINGS

__all__ = ["known_names", "read_named_column_blocks", "table_title"]

_MAX_COLUMNS = 6
_MAX_LINE = 75  # (a cell's line is narrow: a longer one is the running text after the table)
_CELL_WORDS = 20  # (a cell, never a paragraph)
_SMALL = frozenset({"a", "an", "and", "for", "of", "the", "to", "in", "on", "or", "with", "by", "per", "then"})
# (a section's numbered heading, ``V. Dosage and Administration``, ``4.0 Codes``: never a column's name or cell)
_NUMBERED_HEADING = lazy(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-Z]")


def _heading(text: str) -> bool:
    return text.removesuffix(":").casefold() in HEADINGS or _NUMBERED_HEADING.match(text) is not None


def _block_runs(lines: Sequence[str], k: int, skipped: Callable[[int], bool]) -> list[list[int]]:
    """The runs of lines from ``k`` (blank lines between; furniture passed over) up to a heading's run, a
    tab-separated line or a line as long as running text."""
    out: list[list[int]] = []
    at: list[int] = []
    for j in range(k, min(len(lines), k + 400)):
        text = lines[j].strip()
        if "\t" in lines[j] or len(text) > _MAX_LINE:
            break
        if not text or skipped(j):
            if at and not text:
                out.append(at)
                at = []
            continue
        if not at and _heading(text):
            break
        at.append(j)
    if at:
        out.append(at)
    return out


def _cells(texts: list[str], lower_on: bool) -> list[list[int]]:
    """A column's lines (by their place in ``texts``) as its cells.  A line goes on the cell above where it must
    (it starts with ``(``, or the line above ends at a comma, a hyphen or a word that needs the next, or leaves a
    bracket open); one that starts in lower case goes on it where ``lower_on`` (a wrapped cell), else starts a cell
    (a drug's name); any other line starts a cell."""
    cells: list[list[int]] = []
    depth = 0
    for i, t in enumerate(texts):
        prev = texts[i - 1] if i else ""
        must = bool(cells) and (
            t[:1] == "(" or depth > 0 or prev.endswith((",", "-", "–", "/")) or prev.split()[-1].lower() in _SMALL
        )
        if must or (cells and lower_on and t[:1].islower()):
            cells[-1].append(i)
        else:
            cells.append([i])
        depth = max(0, depth + t.count("(") - t.count(")"))
    return cells


def _readings(lines: Sequence[str], run: list[int]) -> dict[int, list[list[int]]]:
    """A column's possible cells by how many there are: its lower-case lines all going on, or all starting cells —
    a reading whose cells do not all start alike (with a digit, a capital, a lower-case letter) is none."""
    texts = [lines[j].strip() for j in run]
    out: dict[int, list[list[int]]] = {}
    for lower_on in (True, False):
        cells = _cells(texts, lower_on)
        if len({_start(texts[cell[0]]) for cell in cells}) == 1:  # (a column's cells start alike, or it is no reading)
            out.setdefault(len(cells), [[run[i] for i in cell] for cell in cells])
    return out


def _start(text: str) -> str:
    """How a cell starts: a digit, a capital, a lower-case letter or a sign (``300 mg`` and ``weeks`` are no two
    cells of one column: its wrapped regimen)."""
    first = text[:1]
    return "digit" if first.isdigit() else "upper" if first.isupper() else "lower" if first.islower() else "sign"


def _name(text: str) -> bool:
    return (
        name_like(text)
        and len(text.split()) <= 4
        and not _heading(text)
        and text.split()[-1].lower() not in _SMALL
        and not text.endswith((":", "/"))
    )


def _continued(lines: Sequence[str], rest: list[list[int]], columns: list[list[list[int]]], end: int) -> int:
    """The table's rows after a page break (``columns`` extended in place): poppler writes each column's cells of
    the next page a nameless run, in the columns' order — read while each group of as many runs has one number of
    cells every column agrees on, two at least; the line after the last run taken."""
    m = len(columns)
    while len(rest) >= m:
        group = rest[:m]
        texts = [[lines[j].strip() for j in run] for run in group]
        if any(_heading(t[0]) or _TITLE.match(t[0]) or any(_KNOWN.match(x) for x in t[:2]) for t in texts):
            break
        if not all(_cell_ok(x) for t in texts for x in t):
            break
        readings = [_readings(lines, run) for run in group]
        common = set.intersection(*(set(r) for r in readings))
        if len(common) != 1 or (n := common.pop()) < 2:
            break  # (one row a run is no proof: a table's stray cells look the same)
        for column, reading in zip(columns, readings, strict=True):
            column.extend(reading[n])
        end = group[-1][-1] + 1
        rest = rest[m:]
    return end


def _stray(lines: Sequence[str], run: list[int]) -> bool:
    """Whether a run right after a table may be more of it (another column, a column poppler cut in two): unless
    it is a heading, a title, running text (a sentence's end, a lead-in) or the next table's title over its first
    column's known name, where the table ends is unsure."""
    texts = [lines[j].strip() for j in run]
    if _heading(texts[0]) or _TITLE.match(texts[0]) or any(t.endswith((".", ":")) for t in texts):
        return False
    return not (len(texts) >= 2 and _KNOWN.match(texts[1]))


def _cell_ok(text: str) -> bool:
    return (
        not text.endswith((".", ";", ":"))
        and len(text.split()) <= _CELL_WORDS
        and not _heading(text)
        and _DATED_FIELD.match(text) is None
    )


def read_named_column_blocks(lines: Sequence[str], k: int, skipped: Callable[[int], bool]) -> AlignedTable | None:
    """The table whose first column's name is line ``k``, written a column a block (see the module doc), its
    rows rebuilt; None when the text does not prove them."""
    if not any(lines[j].strip() for j in range(k)):
        return None  # (the document's first lines are its head: labels over their values, never a table's columns)
    above = next((lines[j].strip() for j in range(k - 1, max(-1, k - 4), -1) if lines[j].strip()), "")
    alone = k >= 1 and lines[k - 1].strip() == above and (k < 2 or not lines[k - 2].strip())  # (a heading's line)
    if above and not (
        above.endswith((":", ".")) or _heading(above) or _TITLE.match(above) or (alone and name_like(above))
    ):
        return None  # (a table starts under a heading, a title, a lead-in or a paragraph's end — never a cell)
    at = next((j for j in range(k - 1, max(-1, k - 4), -1) if lines[j].strip()), -1)
    top = at
    while top > 0 and lines[top - 1].strip() and not _heading(lines[top - 1].strip()):
        top -= 1
    if 0 <= top < at and _KNOWN.match(lines[top].strip()):
        return None  # (another column's block ran on into the heading above: these are a table's later columns)
    runs = _block_runs(lines, k, skipped)
    if not runs or runs[0][0] != k:
        return None
    if (apart := _names_apart(lines, runs, k)) is not None:
        return apart
    named = 0
    while named < min(len(runs), _MAX_COLUMNS) and len(runs[named]) >= 2 and _name(lines[runs[named][0]].strip()):
        named += 1
    for m in range(named, 1, -1):
        table = _proved(lines, runs, m, k)
        if table is not None:
            return table
    return None


def table_title(text: str) -> bool:
    """Whether ``text`` is a table's title over it (``Appendix B: Therapeutic Alternatives``, ``Table 2. Doses``)."""
    return _TITLE.match(text) is not None


def known_names(text: str) -> bool:
    """Whether ``text`` is a column's known name, or two of them a slash apart (``Dose Limit/ Maximum Dose``)."""
    return all(_KNOWN.match(part.strip()) for part in text.split("/", 1))


def _known_name(lines: Sequence[str], run: list[int], i: int) -> int:
    """How many lines from ``run[i]`` write a column's known name (``Dosing Regimen``; ``Dose Limit/`` over
    ``Maximum Dose``, two known names a slash apart, wrapped after it): 1 or 2, else 0."""
    text = lines[run[i]].strip()
    if _KNOWN.match(text):
        return 1
    if text.endswith("/") and i + 1 < len(run) and _KNOWN.match(text[:-1].strip()):
        return 2 if _KNOWN.match(lines[run[i + 1]].strip()) else 0
    return 0


def _names_apart(lines: Sequence[str], runs: list[list[int]], k: int) -> AlignedTable | None:
    """A table whose first columns' names poppler wrote each a block of its own, then those columns' cells a
    block each in the same order, and any later column its name over its cells (a column the page's break set
    after the others, its name now right under the cells before it: ``Drug Name`` / ``Dosing Regimen`` / the
    drug / its regimen, ``Dose Limit/ Maximum Dose``, its limit).  Every name must be a column's known name and
    every column must read as one number of cells; else None (the caller's other readings, or the text kept)."""
    alone = 0
    while alone < min(len(runs), _MAX_COLUMNS) and len(runs[alone]) == 1 and _known_name(lines, runs[alone], 0):
        alone += 1
    if alone < 2 or len(runs) < 2 * alone:
        return None
    names = [lines[run[0]].strip() for run in runs[:alone]]
    bodies: list[list[int]] = [list(run) for run in runs[alone : 2 * alone]]
    # (a later column's name inside the last block of cells, or over a block of its own: its cells follow it)
    end = bodies[-1][-1] + 1
    for run in [bodies[-1], *runs[2 * alone :]]:
        i = next((i for i in range(1, len(run)) if _known_name(lines, run, i)), None) if run is bodies[-1] else 0
        if i is None:
            continue
        if run is not bodies[-1] and not _known_name(lines, run, 0):
            break
        wide = _known_name(lines, run, i)
        cells = run[i + wide :]
        if not cells or len(names) >= _MAX_COLUMNS:
            break
        if run is bodies[-1]:
            bodies[-1] = run[:i]
        names.append(" ".join(lines[j].strip() for j in run[i : i + wide]))
        bodies.append(cells)
        end = run[-1] + 1
    if any(not all(_cell_ok(lines[j].strip()) for j in body) for body in bodies):
        return None
    readings = [_readings(lines, body) for body in bodies]
    common = set.intersection(*(set(r) for r in readings))
    if len(common) != 1:
        return None  # (no number of rows, or more than one, fits every column: unproved)
    rows = common.pop()
    after = next((run for run in runs if run[0] >= end), None)
    if after is not None and _stray(lines, after):
        return None  # (a short run right after it may be more of its cells: where it ends is unsure)
    columns = [reading[rows] for reading in readings]
    texts = [[join_cell([lines[j].strip() for j in cell]) for cell in column] for column in columns]
    body = tuple((min(column[r][0] for column in columns), tuple(c[r] for c in texts)) for r in range(rows))
    if len({line for line, _ in body}) != rows or body[0][0] <= k:
        return None
    return AlignedTable(tuple(names), body, k, end, None)


def _proved(lines: Sequence[str], runs: list[list[int]], m: int, k: int) -> AlignedTable | None:
    """The table of the first ``m`` runs as its columns (and the nameless runs after them as one column's last
    cells), or None when the counts do not prove one number of rows."""
    readings = [_readings(lines, run[1:]) for run in runs[:m]]
    proofs: list[tuple[int, list[list[list[int]]], int]] = []  # (rows, each column's cells, the line after)
    for rows in sorted({n for r in readings for n in r}):
        columns: list[list[list[int]]] = []
        short: list[int] = []
        for i, r in enumerate(readings):
            if rows in r:
                columns.append(list(r[rows]))
            elif (fewer := [n for n in r if n < rows]) and len(fewer) == len(r) and len(r) == 1:
                columns.append(list(r[fewer[0]]))
                short.append(i)
            else:
                break
        else:
            end = runs[m - 1][-1] + 1
            if len(short) > 1:
                continue
            if short:
                # (the short column's last cells: the nameless runs right after the table, exactly as many)
                lack = rows - len(columns[short[0]])
                taken: list[list[int]] = []
                for run in runs[m:]:
                    if len(taken) >= lack:
                        break
                    if any(_TITLE.match(lines[j].strip()) or not _cell_ok(lines[j].strip()) for j in run):
                        break
                    if not (left := _readings(lines, run)):
                        break
                    taken.extend(left[max(left)])
                    end = run[-1] + 1
                if len(taken) != lack:
                    continue
                columns[short[0]] = [*columns[short[0]], *taken]
            else:
                end = _continued(lines, [run for run in runs if run[0] >= end], columns, end)
            after = next((run for run in runs if run[0] >= end), None)
            if after is not None and _stray(lines, after):
                continue  # (a short run right after it may be more of its cells: where it ends is unsure)
            proofs.append((len(columns[0]), columns, end))
    if len(proofs) != 1:
        return None  # (no number of rows, or more than one, fits every column: unproved)
    rows, columns, end = proofs[0]
    names = [lines[run[0]].strip() for run in runs[:m]]
    if rows == 1 and not all(_KNOWN.match(n) for n in names):
        return None
    texts = [[join_cell([lines[j].strip() for j in cell]) for cell in column] for column in columns]
    if not all(_cell_ok(t) for column in texts for t in column):
        return None
    body = tuple((min(column[r][0] for column in columns), tuple(c[r] for c in texts)) for r in range(rows))
    if len({line for line, _ in body}) != rows or body[0][0] <= k:
        return None  # (two rows would be written on one line: not this table)
    return AlignedTable(tuple(names), body, k, end, None)


# (a field of the document's head, ``Effective Date: 01/01/2026``: a line of its own, never a table's cell)
_DATED_FIELD = lazy(r"^[A-Z][\w ()#/&'’-]{1,40}:\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")
# (a table's title over it: ``Appendix B: Therapeutic Alternatives``, ``Table 2. Dose Limits``)
_TITLE = lazy(r"^(?:Appendix|Table|Attachment|Exhibit)\s+[A-Z0-9]{1,3}\b.{0,60}$")
# (a column's name as tables of terms, drugs, doses and limits write it: a one-row table is read only under these)
_KNOWN = lazy(
    r"^(?:Terms?|Abbreviations?|Acronyms?|Definitions?|Meanings?|Products?|Drugs?(?:\s+Names?)?|Medications?|"
    r"(?:Brand|Generic)\s+Names?|Indications?|Diagnos[ie]s|Quantity\s+Limits?|Max(?:imum)?\s+(?:Dose|Quantity|Units)|"
    r"Doses?(?:\s+Limits?)?|Dosing(?:\s+Regimen)?|Dosage(?:\s+Forms?)?|Strengths?|Frequency|Route|Days?\s+Supply|"
    r"Duration|Package\s+Size|Vial\s+Size|NDC|Age|Weight)$",
    re.I,
)
