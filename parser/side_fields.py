"""Header fields a ``pdftotext -layout`` print sets in a block at the right of the title, given back as lines.

A page that sets its header's fields beside the title (``Cascade Health Alliance ⋯ Policy Number: MP-215`` /
``Medical Policy ⋯ Effective Date: 04/01/2026`` / ``Hypoglossal Nerve Stimulation for ⋯ Original Effective
Date:`` / ``⋯ 01/01/2020``) comes out of ``-layout`` with both columns on the same lines, which the wrapped-line
pass would join into sentences of neither.  Read here: a run of the head's lines whose right-hand parts all
start at one column, far right, a layout's gap after the left-hand text — the right-hand parts labelled fields
(``Label: value``; a value wrapped onto the line below its label) with a date among them.  The left-hand column
is written first, as it stands (a line where it had none left blank), then the fields, one a line (a value
alone on its line joined to its label above).  Anything else is left as it is.
"""

from __future__ import annotations

import re

from policyvc.parser.lines import Lines
from policyvc.parser.written_dates import DATE

__all__ = ["side_fields"]

_HEAD = 30  # the lines of the head a block may start in
_SLACK = 2  # how far a right-hand part may stand from the block's column
_MIN_COLUMN = 30  # (a block far right: a left-hand margin's indent is no column)
_MORE = 3  # lines of the left-hand column that may go on below the block
_GAP = re.compile(r"\S( {3,})(\S)")
_FIELD = re.compile(r"^[A-Z][\w#&/().' -]{0,40}:\s*\S")  # ``Policy Number: MP-215``
_LABEL = re.compile(r"^[A-Z][\w#&/().' -]{0,40}:$")  # ``Original Effective Date:`` (its value below it)
_VALUE = re.compile(r"^\S[^:]{0,40}$")  # ``01/01/2020`` alone: a value wrapped under its label


def _right(line: str) -> tuple[int, str, str] | None:
    """A line's right-hand part: (its column, the left-hand text, the right-hand text), else ``None``."""
    indent = len(line) - len(line.lstrip())
    if indent >= _MIN_COLUMN:
        return indent, "", line.strip()
    gaps = list(_GAP.finditer(line))
    if not gaps or gaps[-1].start(2) < _MIN_COLUMN:
        return None
    m = gaps[-1]
    return m.start(2), line[: m.start(1) + 1].strip(), line[m.start(2) :].strip()


def _fields(parts: list[str]) -> list[str] | None:
    """The right-hand parts as field lines (a value alone joined to its label above), else ``None``."""
    out: list[str] = []
    for part in parts:
        if out and _LABEL.match(out[-1]) and _VALUE.match(part):
            out[-1] = f"{out[-1]} {part}"
        elif _FIELD.match(part) or _LABEL.match(part):
            out.append(part)
        else:
            return None
    return out if len(out) >= 2 and all(_FIELD.match(x) for x in out) else None


def side_fields(lines: Lines) -> None:
    """Rewrite the first block of fields set at the right of the head's lines (see the module doc)."""
    k = 0
    while k < min(len(lines), _HEAD):
        first = _right(lines[k])
        if first is None:
            k += 1
            continue
        j, found = k, []
        while j < len(lines) and (r := _right(lines[j])) is not None and abs(r[0] - first[0]) <= _SLACK:
            found.append(r)
            j += 1
        fields = _fields([right for _, _, right in found]) if len(found) >= 3 else None
        lefts = [left for _, left, _ in found]
        if fields is None or not any(lefts) or not any(DATE.search(x) for x in fields):
            k = j if j > k else k + 1
            continue
        while lefts and not lefts[0]:  # (the fields start above the left-hand text: no blank lines before it)
            lefts.pop(0)
        # (the left-hand text going on right below the block, at its margin — the title's last line — is the left
        # column's: it goes above the fields with the rest)
        end = j
        while end < min(len(lines), j + _MORE) and lines[end].strip() and len(lines[end].rstrip()) < first[0]:
            lefts.append(lines[end].strip())
            end += 1
        lines.replace(k, end, [*lefts, "", *fields, ""])
        return
