"""A history table whose first column is each row's status, printed a cell a block (``pdftotext`` of a browser's print).

A guideline's history ``Status | Review Date | Effective Date | Action`` comes out of a print read in reading
order a cell at a time, each cell a block of its own: the header's names (``Review`` over ``Date``), then each
row's status (``Revised``), its dates and its action — two cells close together on one line (``Reviewed
11/18/2022``), and a row's date after its action where the reading order set it there.  A row opens on a status
alone in its block: one capitalised word, no stop, perhaps its first date beside it.  The rows are written back
tab-separated, as a copy with its table intact gives them, when every row has as many dates as the header has date
columns and one action; the dates go to the columns in the order of time their names say (a review before the
date it takes effect).  Anything else and the lines stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["status_log"]

_STATUS_NAMES = frozenset({"status", "type", "revision type", "review type"})
_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_ROW_START = re.compile(rf"(?P<status>[A-Z][a-z]+)(?:\s+(?P<date>{_DATE.pattern}))?")
_NAME = re.compile(r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}")
# (which date column comes first in time: a review, a revision or an approval before the date it takes effect)
_BEFORE = re.compile(r"review|revis|approv", re.I)
_EFFECTIVE = re.compile(r"effective", re.I)


def _blocks(lines: list[str], start: int, skip: Callable[[int], bool]) -> list[list[int]]:
    """The blocks from line ``start``: runs of lines with text, a blank line (or a skipped one) between two."""
    out: list[list[int]] = []
    run: list[int] = []
    for k in range(start, len(lines)):
        if skip(k) or not lines[k].strip("\f ").strip():
            if run:
                out.append(run)
                run = []
            continue
        run.append(k)
    if run:
        out.append(run)
    return out


def status_log(lines: list[str], skip: Callable[[int], bool] = lambda k: False) -> list[str]:
    """``lines`` with a status-first history printed a cell a block written back as tab-separated rows (see the
    module); ``skip``: the lines of page furniture, which are no cell."""
    out = list(lines)
    for k, line in enumerate(lines):
        if " ".join(line.split()).lower() in _STATUS_NAMES and "\t" not in line:
            out = _read(out, k, skip) or out
    return out


def _read(lines: list[str], head: int, skip: Callable[[int], bool]) -> list[str] | None:
    blocks = _blocks(lines, head, skip)
    # (the header: the status's name, the date columns' names, then the action's)
    names = [" ".join(lines[k].strip() for k in block) for block in blocks[:6]]
    n = 1
    while n < len(names) and n < 4 and _NAME.fullmatch(names[n]) and names[n].lower().endswith(" date"):
        n += 1
    if n == 1 or n >= len(names) or not _NAME.fullmatch(names[n]) or names[n].lower().endswith("date"):
        return None  # (the status, its date columns, then the action: no other shape is read)
    n += 1
    names = names[:n]
    dated = list(range(1, n - 1))
    rows: list[tuple[list[int], str, list[str], list[str]]] = []  # lines, status, dates, action's lines
    for block in blocks[n:]:
        text = [lines[k].strip() for k in block]
        start = _ROW_START.fullmatch(text[0]) if len(text) == 1 else None
        if start is not None:
            rows.append((list(block), start.group("status"), [start.group("date")] if start.group("date") else [], []))
            continue
        if not rows:
            return None
        taken, _, dates, action = rows[-1]
        if len(text) == 1 and _DATE.fullmatch(text[0]):
            if len(dates) == len(dated):
                return None  # (a date too many: the rows are not sure)
            dates.append(text[0])
        elif not action:
            action.extend(text)
        elif len(dates) == len(dated):
            break  # (the table has ended: the text after it)
        else:
            return None
        taken.extend(block)
    if len(rows) < 2 or any(len(dates) != len(dated) or not action for _, _, dates, action in rows):
        return None
    first, second = names[dated[0]], names[dated[-1]]
    order = 1 if _BEFORE.search(first) and _EFFECTIVE.search(second) else -1 if _EFFECTIVE.search(first) else 0
    out = list(lines)
    for k in (k for block in blocks[:n] for k in block):
        out[k] = ""
    out[head] = "\t".join(names)
    for taken, status, dates, action in rows:
        if order:
            dates = sorted(dates, key=_day, reverse=order < 0)
        for k in taken:
            out[k] = ""
        out[taken[0]] = "\t".join((status, *dates, " ".join(action)))
    return out


def _day(cell: str) -> tuple[int, int, int]:
    month, day, year = (int(p) for p in cell.split("/"))
    return (year, month, day)
