"""Rules for ``pdftotext`` text in its default reading-order mode (no ``-layout``), used by the text front
(:mod:`policyvc.parser.text_styles`, pass 3).

Reading order loses what the PDF showed by position alone: the hyphen of a word broken at a line end
(pdftotext joins the word and drops the hyphen), the bullets a browser draws as shapes, the place of a
column of hanging markers.  Each function here puts back one of them, from what the text itself still
says; none knows a policy's words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policyvc.parser.text_styles import Styled

__all__ = ["justified_gaps", "restore_hyphens"]

# a word of letters and digits with hyphens inside it (``off-label``, ``H-ARS``, ``moderate-to-severe``)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


# where a word in lower case goes on with a capitalised one, a hyphen was dropped (``non-\nHodgkin's``);
# ``mRNA``, ``eGFR``, ``CRSwNP``, ``IgG4`` are not that (one lower-case letter, or no lower case after)
_CAPITAL_INSIDE = re.compile(r"^(?P<a>[a-z]{2,})(?P<b>[A-Z][a-z]+)$")


def _hyphenated_forms(lines: list[str]) -> dict[str, str]:
    """Each hyphenated word of the text, keyed by its letters without the hyphens; a key spelled with
    its hyphens in two ways, neither the other with hyphens dropped, is left out (which one was broken
    cannot be told)."""
    forms: dict[str, str] = {}
    clash: set[str] = set()
    for line in lines:
        for m in _WORD.finditer(line):
            word = m.group(0)
            if "-" not in word:
                continue
            key = word.replace("-", "")
            if not any(ch.isalpha() for ch in key):
                continue  # a range of numbers (``1-2``): ``12`` is a number of its own
            known = forms.setdefault(key, word)
            if _fewer_hyphens(known, word):  # ``moderate-tosevere`` (broken) beside ``moderate-to-severe``
                forms[key] = word
            elif known != word and not _fewer_hyphens(word, known):
                clash.add(key)
    for key in clash:
        del forms[key]
    return forms


def _fewer_hyphens(word: str, form: str) -> bool:
    """Whether ``word`` is ``form`` with one or more of its hyphens dropped (and nothing else changed)."""
    if word == form or word.replace("-", "") != form.replace("-", ""):
        return False
    i = 0
    for ch in form:  # every hyphen ``word`` has, ``form`` has at the same place
        if i < len(word) and word[i] == ch:
            i += 1
        elif ch != "-":
            return False
    return i == len(word)


def restore_hyphens(st: Styled) -> int:
    """Put back the hyphens pdftotext drops where it joins a word broken at a line end (``off-\\nlabel``
    → ``offlabel``): a word the text also writes with a hyphen takes that spelling, and so does a word in
    lower case going on with a capitalised one (``nonHodgkin``).  Returns how many."""
    forms = _hyphenated_forms(st.lines)
    count = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal count
        word = m.group(0)
        form = forms.get(word.replace("-", ""))
        if form is None or not _fewer_hyphens(word, form):
            inside = _CAPITAL_INSIDE.match(word)  # ``nonHodgkin``: a capital inside a lower-case word
            if inside is None:
                return word
            form = f"{inside.group('a')}-{inside.group('b')}"
        count += 1
        return form

    for k, line in enumerate(st.lines):
        new = _WORD.sub(fix, line)
        if new != line:
            st.lines[k] = new
            st.exact[k] = False
    return count


# a word set apart by a justified line's wide spaces: letters (a hyphen, an apostrophe), no punctuation
_LOOSE_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")
_SENTENCE_END = re.compile(r"[.;:!?][)*\"”’]*$")
_REACH = 10  # how many text lines above a run of loose words its line may be


def _apart(st: Styled, k: int, j: int) -> bool:
    """Lines ``k`` and ``j`` (next to each other) are not of one block: one is blank, or a line between
    them was taken out (page furniture)."""
    if not (0 <= j < len(st.lines)) or not st.lines[j].strip():
        return True
    return abs(st.origin[j] - st.origin[k]) != 1


def _loose_runs(st: Styled) -> list[list[int]]:
    """Runs of two or more words each standing alone between blank lines, one of them in lower case."""
    lines = st.lines
    runs: list[list[int]] = []
    run: list[int] = []
    for k, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        alone = _apart(st, k, k - 1) and _apart(st, k, k + 1)
        if alone and _LOOSE_WORD.match(text):
            run.append(k)
            continue
        runs.append(run)
        run = []
    runs.append(run)
    return [r for r in runs if len(r) >= 2 and any(lines[k].strip()[0].islower() for k in r)]


def _full_width(lines: list[str]) -> int:
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def justified_gaps(st: Styled) -> int:
    """pdftotext reads the words a justified line spaces far apart as blocks of their own, each alone
    between blank lines, after the text of the column they sit in (``confirmed`` … ``acute`` …
    ``exposure`` … ``to`` … ``myelosuppressive``).  Put a run of them back at the end of the nearest
    line above that does not end a sentence and that they fill to about the full width.  Returns how
    many runs."""
    full = _full_width(st.lines)
    count = 0
    for run in _loose_runs(st):
        words = " ".join(st.lines[k].strip() for k in run)
        above = [k for k in range(run[0] - 1, -1, -1) if st.lines[k].strip()][:_REACH]
        for k in above:
            line = st.lines[k].rstrip()
            if _SENTENCE_END.search(line) or len(line.strip()) + 1 + len(words) > full + 8:
                continue
            if len(line.strip()) + 1 + len(words) < full * 0.7:
                continue  # too short a line to have been justified to the full width
            st.lines[k] = f"{line} {words}"
            st.exact[k] = False
            for j in run:
                st.lines[j] = ""
            count += 1
            break
    return count
