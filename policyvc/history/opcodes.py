"""Word-level alignment: :class:`difflib.SequenceMatcher`'s opcodes, with the cheap cases answered first.

Redlines and the semantic labels align the words of two wordings.  Most edits
leave the words equal or add or drop words at the end only; for those the
matcher's answer is known without running it (its longest matching block is the
whole shorter side, at the start of both), so it is returned directly.  Every
other pair goes to the matcher, with ``autojunk`` off (it would silently ignore
frequent words in long texts).  The answer is the matcher's, always.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[str], b: Sequence[str]) -> Sequence[Opcode]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``."""
    n, m = len(a), len(b)
    if n and m:
        if n == m and a == b:
            return [("equal", 0, n, 0, m)]
        # the shorter side is the start of the longer: the first longest block is it, at 0 in both
        if n < m and b[:n] == a:
            return [("equal", 0, n, 0, n), ("insert", n, n, n, m)]
        if m < n and a[:m] == b:
            return [("equal", 0, m, 0, m), ("delete", m, n, m, m)]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
