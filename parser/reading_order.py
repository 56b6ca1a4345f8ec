"""Rules for ``pdftotext`` text in its default reading-order mode (no ``-layout``), used by the text front
(:mod:`policyvc.parser.text_styles`, pass 3).

Reading order loses what the PDF showed by position alone: the hyphen of a word broken at a line end
(pdftotext joins the word and drops the hyphen), the bullets a browser draws as shapes, the place of a
column of hanging markers.  Each function here puts back one of them, from what the text itself still
says; none knows a policy's words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from policyvc.lazy_re import lazy
from policyvc.parser.prebuilt import dataclass

if TYPE_CHECKING:
    from policyvc.parser.text_styles import Styled

__all__ = ["RevisionRow", "justified_gaps", "page_ranges", "reading_order", "restore_hyphens", "revision_rows"]

_SPACED = lazy(r"^ {2}|\S {2,}\S")  # ``-layout`` keeps indentation and the spaces between columns


def reading_order(lines: Sequence[str]) -> bool:
    """Whether pdftotext text is in reading order, not ``-layout``: almost no line is set in or spaced out
    (``-layout`` spaces most of them; reading order none)."""
    text = [line for line in lines if line.strip()]
    return sum(1 for line in text if _SPACED.search(line)) < 0.2 * len(text)


# a word of letters and digits with hyphens inside it (``off-label``, ``H-ARS``, ``moderate-to-severe``)
_WORD = lazy(r"[^\W_]+(?:-[^\W_]+)*")


# where a word in lower case goes on with a capitalised one, a hyphen was dropped (``non-\nHodgkin's``);
# ``mRNA``, ``eGFR``, ``CRSwNP``, ``IgG4`` are not that (one lower-case letter, or no lower case after)
_CAPITAL_INSIDE = lazy(r"^(?P<a>[a-z]{2,})(?P<b>[A-Z][a-z]+)$")
# where an acronym goes on in lower case, too (``FDAapproved``); ``NSAIDs``, ``RNAi`` are not that
_LOWER_AFTER_CAPS = lazy(r"^(?P<a>[A-Z]{2,})(?P<b>[a-z]{3,})$")
# a stem and a number (``interleukin13``) where the text writes the stem hyphenated before a number
_STEM_NUMBER = lazy(r"^(?P<a>[^\W\d_]{2,})(?P<b>\d+)$")
_MAYBE = lazy(r"[a-z]{2}[A-Z][a-z]|[A-Z]{2}[a-z]{3}|[^\W\d_]{2}\d")  # where the three above may match


def _same_case(word: str, written: Iterable[str]) -> bool:
    """Whether ``word``'s letters after its first are in the case of one of the ``written`` spellings of its
    hyphenated form (hyphens taken out) — or either is in capitals throughout."""
    letters = word.replace("-", "")
    return not written or any(w[1:] == letters[1:] or w.isupper() or letters.isupper() for w in written)


def _hyphenated_forms(words: list[str]) -> dict[str, str]:
    """Each hyphenated word of ``words`` (in lower case), keyed by its letters without the hyphens; a key spelled with
    its hyphens in two ways, neither the other with hyphens dropped, is left out (which one was broken
    cannot be told)."""
    forms: dict[str, str] = {}
    clash: set[str] = set()
    for token in words:
        if "-" in token:
            word = token.lower()  # (``Weight-based`` at a sentence's start spells ``weightbased`` too)
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


# how many times the text writes a word run together so (and never with a hyphen) for that to be its spelling: a
# name (``UCare``, a plan's, on its every page), never a word pdftotext joined at a line end — a break a line's
# end gives one place or two, the same word broken at three line ends and written nowhere else is no text's
_SPELLING = 3


def _camel_acronym(inside: re.Match[str], words: set[str]) -> bool:
    """Whether an acronym going on in lower case is a word written so (``TTFields``: ``TT`` and ``Fields``),
    not one broken at a line end (``FDAapproved``): its last capital starts a word the text writes (``fields``)
    and its lower-case rest is no word of the text (``ields``)."""
    a, b = inside.group("a"), inside.group("b")
    return a.isupper() and f"{a[-1]}{b}".lower() in words and b.lower() not in words


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


def _with_hyphens(word: str, form: str) -> str:
    """``word`` (its own letters and case) with the hyphens of ``form`` it lacks."""
    out: list[str] = []
    i = 0
    for ch in form:
        if ch == "-" and (i >= len(word) or word[i] != "-"):
            out.append("-")
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def restore_hyphens(st: Styled) -> int:
    """Put back the hyphens pdftotext drops where it joins a word broken at a line end (``off-\\nlabel``
    → ``offlabel``): a word the text also writes with a hyphen, its letters in the same case, takes that spelling
    (``Medical`` is no ``Medi-Cal`` joined), and so does a word in
    lower case going on with a capitalised one (``nonHodgkin``), an acronym going on in lower case
    (``FDAapproved``), a stem and a number where the text writes the stem hyphenated before another
    number (``interleukin13`` beside ``interleukin-4``) — but a word the text writes so three times or more is
    its spelling (``UCare``).  Returns how many."""
    text = "\n".join(st.lines)
    tokens = _WORD.findall(text)  # (the words of the whole text: read once)
    forms = _hyphenated_forms(tokens)
    cased: dict[str, set[str]] = {}  # (each hyphenated word's letters as the text writes them, by its key)
    for token in tokens:
        if "-" in token:
            cased.setdefault(token.replace("-", "").lower(), set()).add(token.replace("-", ""))
    stems = {m.group(1) for form in forms.values() if (m := re.fullmatch(r"([^\W\d_]{2,})-\d+", form))}
    count = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal count
        word = m.group(0)
        form = forms.get(word.replace("-", "").lower())
        if form is None and word.isalpha() and (word.islower() or word.isupper() or word[1:].islower()):
            return word  # (a plain word: none of the patterns below can match it)
        if form is not None and not _same_case(word, cased.get(form.replace("-", ""), ())):
            return word  # (the case of its letters not the hyphenated form's: ``Medical`` is no ``Medi-Cal`` joined)
        if form is not None and _fewer_hyphens(word.lower(), form):
            form = _with_hyphens(word, form)
        else:
            inside = _CAPITAL_INSIDE.match(word) or _LOWER_AFTER_CAPS.match(word)  # ``nonHodgkin``, ``FDAapproved``
            stem = _STEM_NUMBER.match(word)
            if stem is not None and stem.group("a").lower() in stems:
                inside = stem
            if inside is None or _camel_acronym(inside, words) or counts[word] >= _SPELLING:
                return word
            form = f"{inside.group('a')}-{inside.group('b')}"
        count += 1
        return form

    # only lines that hold a candidate go through the word-by-word rewrite (most lines hold none): a word
    # the text writes with fewer hyphens than its hyphenated form (most texts: none or a few), or one the
    # patterns may match
    words = {w.lower() for w in tokens}
    counts = Counter(tokens)
    broken = sorted(w for w in words if (f := forms.get(w.replace("-", ""))) is not None and f != w)
    fewer = re.compile("|".join(map(re.escape, broken)), re.I) if broken else None
    offsets = list(accumulate((len(line) + 1 for line in st.lines[:-1]), initial=0))
    hits = [m.start() for m in _MAYBE.finditer(text)] + ([m.start() for m in fewer.finditer(text)] if fewer else [])
    for k in sorted({bisect_right(offsets, at) - 1 for at in hits}):  # (one scan of the text, not one a line)
        line = st.lines[k]
        new = _WORD.sub(fix, line)
        if new != line:
            st.lines.set(k, new)
    return count


# a word set apart by a justified line's wide spaces: letters (a hyphen, an apostrophe), no punctuation
_LOOSE_WORD = lazy(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")
_SENTENCE_END = lazy(r"[.;:!?][)*\"”’]*$")
_REACH = 10  # how many text lines above a run of loose words its line may be


def _apart(st: Styled, k: int, j: int) -> bool:
    """Lines ``k`` and ``j`` (next to each other) are not of one block: one is blank, or a line between
    them was taken out (page furniture)."""
    if not (0 <= j < len(st.lines)) or not st.lines[j].strip():
        return True
    return abs(st.lines.origin(j) - st.lines.origin(k)) != 1


def _loose_runs(st: Styled) -> list[list[int]]:
    """Runs of words each standing alone between blank lines, one of them in lower case (a word alone: all
    of it)."""
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
    lower = [r for r in runs if any(lines[k].strip()[0].islower() for k in r)]
    return [r for r in lower if len(r) > 1 or lines[r[0]].strip().islower()]


def _full_width(lines: Sequence[str]) -> int:
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def justified_gaps(st: Styled, starts_block: Callable[[str], bool]) -> int:
    """pdftotext reads the words a justified line spaces far apart as blocks of their own, each alone
    between blank lines, after the text of the column they sit in (``confirmed`` … ``acute`` …
    ``exposure`` … ``to`` … ``myelosuppressive``).  Put a run of them back at the end of the nearest
    line above that does not end a sentence, that they fill to about the full width, and that the
    paragraph goes on after (a paragraph's last line is not justified; ``starts_block`` tells the line
    after from the start of another).  Returns how many runs."""
    full = _full_width(st.lines)
    count = 0
    for run in _loose_runs(st):
        words = " ".join(st.lines[k].strip() for k in run)
        above = [k for k in range(run[0] - 1, -1, -1) if st.lines[k].strip()][:_REACH]
        for k in above:
            line = st.lines[k].rstrip()
            if _SENTENCE_END.search(line) or len(line.strip()) + 1 + len(words) > full + 8:
                continue
            after = st.lines[k + 1].strip() if k + 1 < len(st.lines) else ""
            if not after or starts_block(after):
                continue  # the paragraph's last line
            if len(line.strip()) + 1 + len(words) < full * 0.7:
                continue  # too short a line to have been justified to the full width
            st.lines.set(k, f"{line} {words}")
            for j in run:
                st.lines.blank(j)
            count += 1
            break
    return count


# --- the revision log, cell by cell ---------------------------------------------------------------------------

_DATE = r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}-\d{1,2}-\d{4})"  # (``10-15-2025``: a year in full)
_PT = r"\d{1,2}[./]\d{2,4}"
# a line holding a revision date: alone, after the first line of its description (a top-aligned cell read on
# the same baseline), or with its P&T approval date beside it — a month's date (``11/17 11/17``, a log that
# dates its revisions by month) only so, beside its approval's: alone it is an approval's
_DATED_LINE = lazy(
    rf"^(?:(?P<text>.*\S)\s+)?(?:(?P<date>{_DATE})(?:\s+(?P<pt>{_PT}))?|(?P<month>{_PT})\s+(?P<mpt>{_PT}))$"
)
_PT_LINE = lazy(rf"^{_PT}$")


def row_closed(line: str) -> bool:
    """Whether a log's line ends its row: its revision date and its approval's beside it, after its text or
    alone (``Annual review. … 08/25 08/25``) — the row's last cell read, what comes under it is not its."""
    m = _DATED_LINE.match(" ".join(line.split()))
    return m is not None and bool(m.group("pt") or m.group("mpt"))


# a month's date after its description's closing stop on one line (``… changed to 50%. 09/25``): in a log that
# dates its rows by month only, the row's own date on its first line's baseline
_MONTH_AFTER = lazy(rf"^(?P<text>.*[.;)])\s+(?P<month>{_PT})$")
PERIOD_END = lazy(r"\.[)\"”’]*$")  # a sentence ended by a period
# a line that stops mid-sentence: at a comma, a semicolon, a dash, or a word that needs one after it
_MID = lazy(r"(?:[,;:(–—-]|\b(?:and|or|to|of|the|for|in|with|a|an|by|per|from|on|at|as))$", re.I)


@dataclass(slots=True)
class RevisionRow:
    """A row of the revision log being read back: its description's lines, date and P&T approval date."""

    lines: list[str] = field(default_factory=list)
    date: str = ""
    pt: str = ""
    block: int = 0  # the block its first line came in

    def ended(self) -> bool:
        return bool(self.lines) and bool(PERIOD_END.search(self.lines[-1]))


def _day(text: str) -> tuple[int, int, int]:
    """(year, month, day) of ``MM.DD.YY`` / ``MM-DD-YYYY``."""
    parts = re.split(r"[./-]", text)
    year = int(parts[-1])
    return (year + 2000 if year < 100 else year, int(parts[0]), int(parts[1]))


def _month(text: str) -> tuple[int, int]:
    """(year, month) of ``MM.DD.YY`` or ``MM.YY``."""
    parts = re.split(r"[./-]", text)
    year = int(parts[-1])
    return (year + 2000 if year < 100 else year, int(parts[0]))


@cache
def _header_texts(header: tuple[str, ...]) -> frozenset[str]:
    """A header cell, or several in a row, as text."""
    return frozenset(" ".join(header[a:b]) for a in range(len(header)) for b in range(a + 1, len(header) + 1))


def _header_block(text: str, header: tuple[str, ...]) -> bool:
    """The block is a header cell, or several in a row (the header repeated on a new page)."""
    return text in _header_texts(header)


def _header_run(lines: list[str], p: int, header: tuple[str, ...]) -> int:
    """The end of the header cells that start at line ``p``, or ``p``: inside a block (the page furniture
    between it and the cells above taken out) a lone ``Date`` line is not taken for one."""
    longest = len(" ".join(header).split())  # (header cells take at most a line a word)
    for q in range(min(len(lines), p + longest), p, -1):
        text = " ".join(lines[p:q])
        if _header_block(text, header) and (p == 0 or text != header[1]):
            return q
    return p


class _RevisionReader:
    """Reads the lines of the revision log's cells in reading order into rows.

    A row's cells come as its description, its date, its P&T date, but reading order bends that: the date
    may come after the description's first line (the cells are top-aligned: the line and the date share a
    baseline), the P&T dates of a page may come all together at its end, a description may go on after a
    page break, or after the other rows of the page.  So: text starts a new row unless the row being read
    has not ended its description (it has no date yet, or its date interrupted a sentence, and the text
    does not start a new page's first row with a capital, nor start a block of its own not in lower
    case after a description stopped at a word — ``Policy created`` — rather than at a comma or a word
    like ``and``); text in lower case where no row is being read
    is the rest of the last unfinished one; a date goes to the first row without one; a P&T date to the
    last row without one that it does not precede (an approval comes after its revision)."""

    def __init__(self, months: bool = False) -> None:
        # (a log whose every date names a month, ``09/25``: a month alone is the revision date of a row that
        # has none yet, only then its approval's — a family's ``Revision Date | Approval Date`` by month)
        self.months = months
        self.rows: list[RevisionRow] = []
        self.open: RevisionRow | None = None
        self.new_page = False  # the header, repeated on a new page, was just passed over
        self.fresh = False  # the line being read starts a block (pdftotext's blocks: a blank line before)
        self.pending_pt = ""  # a P&T date read before any row it could be the approval of
        self.block = 0  # the block being read

    def text(self, line: str) -> None:
        if self.open is not None and self.open.date and self.new_page and not line[:1].islower():
            # a description starts with a capital: on a new page, this is the next row, and the rest of the
            # row being read comes later (read after the page's other rows)
            self.open = None
        open_row = self.open
        if (
            open_row
            and open_row.date
            and open_row.lines
            and self.fresh
            and not line[:1].islower()
            and not _MID.search(open_row.lines[-1])
        ):  # (a row dated before any of its text is still to be described)
            self.open = None  # a dated description without a final period (``Policy created``), then a block
        self.new_page = False
        if self.open is None:
            unfinished = [r for r in self.rows if r.date and not r.ended()]
            if line[:1].islower() and unfinished:  # the rest of a description, read after the rows below it
                self.open = unfinished[-1]
            else:
                self.open = RevisionRow(block=self.block)
                self.rows.append(self.open)
        self.open.lines.append(line)
        if self.open.date and self.open.ended():
            self.open = None

    def date(self, date: str) -> None:
        row = next((r for r in self.rows if not r.date), None)
        if row is None:  # a date before its description
            row = RevisionRow()
            self.rows.append(row)
        row.date = date
        if self.pending_pt and _month(date) <= _month(self.pending_pt):
            row.pt, self.pending_pt = self.pending_pt, ""
        self.open = None if row.ended() else row

    def _approval(self, date: str) -> bool:
        """Whether a full date alone is the approval of the last row: it has its text and a date of the same
        shape, no approval yet, no row waits for a date, and this one does not precede it (a log's ``Revision
        Date | Approval Date`` both in full, each cell a line: ``Policy developed.`` / ``10-15-2023`` /
        ``10-15-2023``)."""
        if not self.rows or any(not r.date for r in self.rows):
            return False
        last = self.rows[-1]
        shape = re.sub(r"\d", "9", date)
        return (
            bool(last.lines and last.date and not last.pt)
            and re.sub(r"\d", "9", last.date) == shape
            and (_day(last.date) <= _day(date))
        )

    def pt(self, pt: str) -> None:
        when = _month(pt)
        dated = [r for r in self.rows if r.date and not r.pt]
        row = next((r for r in reversed(dated) if _month(r.date) <= when), dated[-1] if dated else None)
        if row is not None:
            row.pt = pt
        else:  # read before the revision date it follows (the date cell lower in its row)
            self.pending_pt = pt

    def line(self, line: str) -> None:
        m = _DATED_LINE.match(line)
        if m and m.group("date") and not m.group("text") and not m.group("pt") and self._approval(m.group("date")):
            self.rows[-1].pt = m.group("date")  # (a full date a line of its own under its row's: its approval's)
        elif m:
            if m.group("text"):
                if self.open is not None and self.open.date:
                    self.open = None  # (a row has one date: text before another date is that date's row)
                self.text(m.group("text"))
            self.date(m.group("date") or m.group("month"))
            if m.group("pt") or m.group("mpt"):
                self.pt(m.group("pt") or m.group("mpt"))
        elif self.months and (m := _MONTH_AFTER.match(line)):
            if self.open is not None and self.open.date:
                self.open = None
            self.text(m.group("text"))
            self.date(m.group("month"))
        elif _PT_LINE.match(line):
            if self.months and any(r.lines and not r.date for r in self.rows):
                self.date(line)
            else:
                self.pt(line)
        else:
            self.text(line)


def revision_rows(
    blocks: list[list[str]], header: tuple[str, ...], stop: Callable[[str], bool]
) -> tuple[list[RevisionRow], int]:
    """The rows of a revision log read cell by cell (``blocks``: the lines of each block, from the first
    after the header), and how many blocks the table took: it ends at a block ``stop`` says is not its.
    Header cells repeated on a new page are passed over; a row without a date is the end of the one
    before (its text after a page break)."""
    words = []
    for lines in blocks:  # (the log's own lines: up to the block that ends it)
        if stop(" ".join(" ".join(line.split()) for line in lines)):
            break
        words += [" ".join(line.split()) for line in lines]
    months = not any(re.search(_DATE, w) for w in words) and sum(bool(_PT_LINE.match(w)) for w in words) >= 2
    reader = _RevisionReader(months)
    n = 0
    for lines in blocks:
        text = " ".join(" ".join(line.split()) for line in lines)
        if stop(text) or (len(lines) > 1 and stop(" ".join(lines[0].split()))):  # (or a heading over a block)
            break
        reader.block = n
        n += 1
        lines = [" ".join(line.split()) for line in lines]
        p = 0
        while p < len(lines):
            q = _header_run(lines, p, header)
            if q > p:  # the header repeated on a new page
                reader.new_page = True
                p = q
                continue
            reader.fresh = p == 0
            reader.line(lines[p])
            p += 1
    read = reader.rows
    # (text in blocks of its own after the last row, every cell of that row read — its description ended, its
    # date and its approval's —: the page's footer under the log, never more of that row's words)
    tail = len(read)
    while tail > 0 and not read[tail - 1].date:
        tail -= 1
    complete = 0 < tail < len(read) and bool(read[tail - 1].pt) and read[tail - 1].ended()
    if complete and read[tail].lines[0][:1].isupper() and read[tail].block > read[tail - 1].block:
        read, n = read[:tail], read[tail].block
    rows: list[RevisionRow] = []
    for row in read:
        if not row.date and rows:
            rows[-1].lines += row.lines
        else:
            rows.append(row)
    return rows, n


# --- page ranges of references --------------------------------------------------------------------------------

# a citation's pages at the end of its line: after the volume (``86(6): ``, ``387: ``), before the final period
_PAGES = lazy(r"(?<=\d: |\): )(?P<pages>[A-Za-z]?\d+(?:-?[A-Za-z]\d+|-\d+)?)(?=\.$)")


def _range(run: str) -> str | None:
    """``361397`` → ``361-397``, ``e2717e2728`` → ``e2717-e2728``: the run split in two halves of one
    length (after a letter both have), the first the smaller; None where it cannot be a range."""
    letter = run[0] if run[0].isalpha() else ""
    body = run[len(letter) :]
    parts = body.split(letter) if letter else [body[: len(body) // 2], body[len(body) // 2 :]]
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    x, y = parts
    if len(x) != len(y) or int(x) >= int(y):
        return None
    return f"{letter}{x}-{letter}{y}"


def page_ranges(st: Styled) -> int:
    """A citation's page range broken at a line end loses its hyphen too (``361-\\n397`` → ``361397``):
    where the text writes other citations' pages as ranges (``2317-2330.``), a run at the same place that
    splits into two halves of one length, the first the smaller, is one.  Returns how many."""
    spans = [m.group("pages") for line in st.lines if (m := _PAGES.search(line.rstrip()))]
    if not any("-" in s for s in spans):
        return 0
    count = 0
    for k, line in enumerate(st.lines):
        m = _PAGES.search(line.rstrip())
        if m is None or "-" in m.group("pages") or len(m.group("pages")) < 4:
            continue
        fixed = _range(m.group("pages"))
        if fixed is not None:
            st.lines.set(k, line.rstrip()[: m.start()] + fixed + ".")
            count += 1
    return count
