"""A list written on one line, split back into its items.

A viewer's copy or a web page can write a whole criteria block on one line: ``A. Criterion (must meet
all): 1. First; AND 2. Second (one of): a. Sub one; OR b. Sub two; AND 3. Third``.  Such a line is split
before each marker only when the markers plainly run in sequence: the first (``1.`` or ``a.``) right
after a lead-in ending in ``:``, each next one after a ``;``, ``:``, ``.`` or a connective (``AND`` /
``OR``), numbers and letters each counting on from the last of their level (a new level only after a
lead-in's ``:``).  A line that does not run so is left as it is: no guess.
"""

from __future__ import annotations

from policyvc.lazy_re import lazy

__all__ = ["split_run_on"]

# An inline marker: a number or a lower-case letter, a dot, a space, then a capital or ``(`` (never ``e.g.,``).
_MARKER = lazy(r"(?<=\s)(?P<m>\d{1,2}|[a-z])\.\s+(?=[A-Z(])")
_LEAD_IN = lazy(r":[*_]*\s*$")  # (``… (must meet all):`` or bold ``…:**``)
_BEFORE = lazy(r"(?:[;:.][*_]*|\b(?:AND|OR|and|or))\s*$")


def _value(m: str) -> tuple[str, int]:
    return ("num", int(m)) if m.isdigit() else ("letter", ord(m) - ord("a") + 1)


def split_run_on(line: str) -> list[str]:
    """``line`` as its pieces (the lead-in, then one per item), or ``[line]`` when its markers do not run
    in sequence (see the module doc)."""
    if ":" not in line or ". " not in line:
        return [line]
    cuts: list[int] = []
    levels: list[tuple[str, int]] = []  # (kind, last value) per open level, outermost first
    for m in _MARKER.finditer(line):
        before = line[: m.start()]
        kind, value = _value(m.group("m"))
        if not _BEFORE.search(before):
            continue
        lead_in = bool(_LEAD_IN.search(before))
        if lead_in and value == 1 and all(k != kind for k, _ in levels):
            levels.append((kind, 1))  # (a new level under a lead-in)
            cuts.append(m.start())
            continue
        depth = next((i for i in range(len(levels) - 1, -1, -1) if levels[i] == (kind, value - 1)), None)
        if depth is None:
            continue  # (out of sequence: text, not a marker)
        del levels[depth + 1 :]
        levels[depth] = (kind, value)
        cuts.append(m.start())
    if not levels or levels[0][1] < 2:  # (the outer list runs to its second item at least)
        return [line]
    pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return [p for p in pieces if p]
