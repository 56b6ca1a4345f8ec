"""Step-logic tables a copy wrote a row a line, read by their cells' shapes.

A pharmacy program's clinical edit often ends in its criteria as a table of steps: ``Step  Question  Yes  No``
over rows ``1  Is the client younger than 6 years of age?  Go to step 2  Approve request``.  A print read by
``pdftotext -layout`` or a viewer's copy does not keep its columns where a cell is long: a question runs on
into the ``Yes`` column one space before its outcome, two outcomes stand one space apart.  Which words are
which cell can still be told where all of these hold:

* the header is ``Step`` (``Step #``), one name for the question's column (``Question``, ``Description``,
  ``Criteria``), then ``Yes`` and ``No`` — names every such table gives, never words a document chose;
* every line under it, up to a blank line, is one row: a step's number, a question ending in ``?``, then
  two outcomes from the logic's own words (``Go to step 3``, ``Go to #3``, ``Approve request``, ``Deny
  request``, ``Approve``, ``Deny``) — so each row cuts one way only.

Anything less — a question wrapped onto the next line, an outcome of other words (``Refer for review``),
prose under the header — is no table here: the text stays as it is, with the warning the caller gives for a
table whose cells it cannot tell apart.
"""

from __future__ import annotations

import re

from policyvc.parser.line_tables import LineTable

__all__ = ["step_table"]

# the header: the step's column, the question's, then the two outcomes' (spaces collapsed)
_HEADER = re.compile(
    r"^(Step(?: #| No\.| Number)?) (Question|Description|Criteria|Clinical Criteria) (Yes) (No)$", re.I
)
# an outcome: where the logic goes next, or its decision
_OUTCOME = r"(?:Go to (?:step |Step |#)\d+|(?:Approve|Deny)(?: (?:the )?(?:request|claim))?)"
_ROW = re.compile(rf"^(\d{{1,2}}) ([A-Z][^?]*\?) ({_OUTCOME}) ({_OUTCOME})$")


def step_table(lines: list[str], k: int) -> LineTable | None:
    """The step-logic table whose header is line ``k`` (see the module doc), or None."""
    if "\t" in lines[k]:
        return None
    head = _HEADER.match(" ".join(lines[k].split()))
    if head is None:
        return None
    rows: list[tuple[int, tuple[str, ...]]] = []
    j = k + 1
    while j < len(lines) and lines[j].strip():
        row = _ROW.match(" ".join(lines[j].split()))
        if row is None or "\t" in lines[j]:
            return None  # (a row that does not cut so, or wraps: which words are which cell is a guess)
        rows.append((j, row.groups()))
        j += 1
    numbers = [int(cells[0]) for _, cells in rows]
    if len(rows) < 2 or numbers != list(range(numbers[0], numbers[0] + len(rows))):
        return None  # (steps are numbered in order: anything else is not this table)
    return LineTable(k, head.groups(), tuple(rows), rows[-1][0] + 1)
