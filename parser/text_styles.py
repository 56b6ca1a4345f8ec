"""The text front: policy text in any of the styles users have, brought into the line form the grammar reads.

``normalize`` reads the seed's markdown export and the PDF layer's output: one logical line per
paragraph, list item or note, blank lines between blocks, table rows tab-separated.  Text from other
tools reaches that form here, pass by pass; every pass keeps, for each output line, the source line it
came from (so errors and spans still point into the user's file) and says what it did in a
:class:`~policyvc.parser.hygiene.Diagnostic`.

Passes, in order:

1. **Title** — the title line (``Clinical Policy: <drug>``) is looked for in the head of the text
   before anything else is done: a file without one is refused at once (a 5 MB letter is not
   normalised and parsed to find that out).  Lines before it (a web page's navigation, a cookie
   banner, a viewer's toolbar) are skipped and reported; junk before the title on its own line is cut.
2. **Page furniture** — running headers and footers, by the rules of the PDF layer
   (:mod:`policyvc.parser.pdf_geometry`): on text with page breaks (form feeds from ``pdftotext``, or
   ``Page N of M`` lines) a line that comes back at the same place on at least half of the pages goes,
   and so does any ``Page N of M`` line and a browser's print furniture (``N/M`` page counters, the
   date-and-time stamp, a ``file://`` or ``https://`` address on its own line).
3. **Flattened header** — the header fields copied out of a viewer on one line
   (``Clinical Policy: X Reference Number: Y Effective Date: 01/17 …``) are split at their keywords.
4. **Flattened items** — a paragraph that runs criteria inline (``A. Cushing's Disease (must meet
   all): 1. Diagnosis …; 2. Prescribed …``) is split before each marker, but only where the markers
   run in sequence from the first one and follow a criterion's end (``;`` ``:`` ``.`` or ``or``/``and``):
   the nesting pass checks the result as it checks any text.
5. **Bullets and emphasis** — ``•``, U+F0B7 and ``o`` bullets become ``-``; ``**bold**`` headings
   lose their asterisks (the normaliser does the rest).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from policyvc.parser.errors import PolicyError
from policyvc.parser.hygiene import Diagnostic

__all__ = ["Styled", "prepare"]

_HEAD_LINES = 400  # the title must come within this many lines
_TITLE = re.compile(r"Clinical Policy:")
_TITLE_LINE = re.compile(r"^\W{0,4}Clinical Policy:")


@dataclass(slots=True)
class Styled:
    """Lines in the grammar's form, the 1-based source line of each, and what the passes did."""

    lines: list[str]
    origin: list[int]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)  # the line is the source line as it was (columns map)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _title_pass(st: Styled, source: str) -> None:
    first = next((k for k, line in enumerate(st.lines) if line.strip()), None)
    if first is None:
        return
    found = None
    for k in range(first, min(len(st.lines), first + _HEAD_LINES)):
        if _TITLE.search(st.lines[k]):
            found = k
            break
    if found is None:
        line = st.lines[first].strip()
        shown = line if len(line) <= 60 else line[:60] + "…"
        raise PolicyError(
            f"expected the title line `Clinical Policy: <drug>`, found `{shown}`",
            source=source, line=st.origin[first], column=len(st.lines[first]) - len(st.lines[first].lstrip()) + 1,
        )  # fmt: skip
    skipped = [k for k in range(first, found) if st.lines[k].strip()]
    if skipped:
        st.diagnostics.append(
            Diagnostic(
                "warning",
                f"skipped {len(skipped)} line(s) before the title (not part of the policy)",
                line=st.origin[skipped[0]],
                end_line=st.origin[skipped[-1]],
            )
        )
        for k in range(first, found):
            st.lines[k] = ""
    line = st.lines[found]
    if not _TITLE_LINE.match(line.lstrip()):
        cut = line.index("Clinical Policy:")
        st.diagnostics.append(
            Diagnostic("warning", f"skipped `{line[:cut].strip()[:60]}` before the title", line=st.origin[found])
        )
        st.lines[found] = line[cut:]
        st.exact[found] = False


# --- page furniture ------------------------------------------------------------------------------------------

_PAGE_NO = re.compile(r"^(?:page\s*)?\d+\s*(?:of|/)\s*\d+$|^page\s+\d+$", re.I)
_PRINT_STAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\b.*$", re.I)
_ADDRESS = re.compile(r"^(?:https?|file)://\S+(?:\s+\d+\s*/\s*\d+)?$", re.I)
_ZONE = 4  # lines at the top and at the bottom of a page where running lines live


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _pages(st: Styled) -> list[list[int]]:
    """Indices of the lines of each page: pages end at form feeds, else after each ``Page N of M`` line."""
    pages: list[list[int]] = [[]]
    feeds = any("\f" in line for line in st.lines)
    for k, line in enumerate(st.lines):
        if feeds and "\f" in line:
            head, _, tail = line.partition("\f")
            st.lines[k] = (head + tail).replace("\f", "")
            if head.strip():
                pages[-1].append(k)
                pages.append([])
            else:
                pages.append([k])
            continue
        pages[-1].append(k)
        if not feeds and _PAGE_NO.match(line.strip()):
            pages.append([])
    return [p for p in pages if p]


def _furniture_pass(st: Styled) -> None:
    pages = _pages(st)
    drop: set[int] = set()
    for k, line in enumerate(st.lines):
        text = line.strip()
        if _PAGE_NO.match(text) or (len(pages) > 1 and (_PRINT_STAMP.match(text) or _ADDRESS.match(text))):
            drop.add(k)
    if len(pages) > 1:
        counts: Counter[tuple[str, str, int]] = Counter()
        zone: list[tuple[int, tuple[str, str, int]]] = []
        for page in pages:
            body = [k for k in page if st.lines[k].strip() and k not in drop]
            seen = set()
            for end, ks in (("top", body[:_ZONE]), ("bottom", body[-_ZONE:][::-1])):
                for pos, k in enumerate(ks):
                    key = (end, _mask(st.lines[k]), pos)
                    zone.append((k, key))
                    if key not in seen:
                        seen.add(key)
                        counts[key] += 1
        need = max(2, (len(pages) + 1) // 2)
        drop.update(k for k, key in zone if counts[key] >= need)
    if drop:
        what = "running headers, footers, page numbers"
        st.diagnostics.append(Diagnostic("note", f"removed {len(drop)} line(s) of page furniture ({what})"))
        for k in drop:
            st.lines[k] = ""


# --- flattened text --------------------------------------------------------------------------------------------

_HEADER_KEYS = re.compile(
    r"\s+(?=(?:Reference Number|Effective Date|Last Review Date|Lines? of Business|Coding Implications|"
    r"Revision Log)\b)"
)
_SPLIT_HEADER = re.compile(r"Clinical Policy:.*\s(?:Reference Number|Effective Date):")


def _header_pass(st: Styled) -> None:
    for k, line in enumerate(st.lines):
        if _SPLIT_HEADER.search(line):
            parts = [p.strip() for p in _HEADER_KEYS.split(line) if p.strip()]
            _replace(st, k, parts)
            return
        if line.strip():
            continue


def _replace(st: Styled, k: int, parts: list[str]) -> None:
    """Put ``parts`` (one line each, a blank line between) where line ``k`` was."""
    lines: list[str] = []
    for p in parts:
        if lines:
            lines.append("")
        lines.append(p)
    st.lines[k : k + 1] = lines
    st.origin[k : k + 1] = [st.origin[k]] * len(lines)
    st.exact[k : k + 1] = [False] * len(lines)


# Section headings as the family writes them: text run on after one of these is split off.
_HEADINGS = re.compile(
    r"^(?P<head>I\.\s+Initial Approval Criteria|II\.\s+Continued (?:Therapy|Approval)"
    r"|III\.\s+Diagnoses/Indications for which coverage is NOT authorized:?"
    r"|IV\.\s+Appendices/General Information|V\.\s+Dosage and Administration|VI\.\s+Product Availability"
    r"|VII\.\s+References|Description|FDA Approved Indications?(?:\(s\))?|Policy/Criteria|Coding Implications"
    r"|Important Reminder)\s+(?P<rest>\S.*)$"
)
_CRITERIA_HEAD = re.compile(r"^(?:I|II|III)\.\s")
_OTHER_HEAD = re.compile(
    r"^(?:(?:IV|V|VI|VII)\.\s|Appendix [A-Z]:|Coding Implications|Important Reminder|Reviews, Revisions)"
)
_REFERENCES_HEAD = re.compile(r"^VII\.\s+References")
# a list marker inside a line: after a space, before a space; the split check decides
_INLINE = re.compile(r"(?<=\s)(?P<m>[A-Z]|\d{1,3}|[a-z]{1,5})\.(?=\s+\S)")
_INLINE_NOTE = re.compile(r"(?<=\s)\*(?=[A-Z])")
_INLINE_APPROVAL = re.compile(r"(?<=\s)(?=Approval [Dd]uration:)")
_LOB_WORD = re.compile(r"(?<=\s)(?=(?:Medicaid|HIM|Commercial|Medicare|Marketplace)\b[^–—\n]{0,40}?\s[–—]\s)")
_STARTS_MARKER = re.compile(r"^(?P<m>[A-Z]|\d{1,3}|[a-z]{1,5})\.\s")
_ANNOUNCES = re.compile(r":\**\s*$")
_ENDS_CRITERION = re.compile(r"(?:[;:.]\**|\b(?:or|and))\s*$")
_DURATION_END = re.compile(r"(?:months?|weeks?|days?|years?|longer|shorter|less|date)\)?\.?\s*$", re.I)


def _roman(label: str) -> int | None:
    from policyvc.parser.nesting import roman_value

    return roman_value(label)


_CHILD = {"set": "num", "num": "alpha", "alpha": "roman", "roman": "num"}  # the ladder under each level


@dataclass(slots=True)
class _Ladder:
    """The open marker levels of a criteria list (``A.`` sets, then ``1.`` → ``a.`` → ``i.``)."""

    levels: list[tuple[str, int]] = field(default_factory=list)  # (kind, last value), outermost first

    def readings(self, label: str) -> list[tuple[str, int]]:
        out = []
        if len(label) == 1 and label.isupper():
            out.append(("set", ord(label) - 64))
        elif label.isdigit():
            out.append(("num", int(label)))
        elif label.islower():
            if len(label) == 1:
                out.append(("alpha", ord(label) - 96))
            value = _roman(label)
            if value is not None:
                out.append(("roman", value))
        return out

    def fits(self, label: str, announced: bool) -> tuple[int, str, int] | None:
        """Where ``label`` fits: (depth, kind, value) continuing an open level, or opening a child of the
        deepest level when the text before it ``announced`` a list; None if nowhere."""
        for kind, value in self.readings(label):
            for depth in range(len(self.levels) - 1, -1, -1):
                k, last = self.levels[depth]
                if k == kind and value == last + 1:
                    return depth, kind, value
            if kind == "set" and value == 1 and not self.levels:
                return 0, kind, value
            if announced and value == 1 and self.levels and _CHILD[self.levels[-1][0]] == kind:
                return len(self.levels), kind, value
        return None

    def take(self, depth: int, kind: str, value: int) -> None:
        del self.levels[depth:]
        self.levels.append((kind, value))


def _split_flat(line: str, ladder: _Ladder, references: bool) -> list[str]:
    """Split a line of inline criteria before each marker the ladder confirms (and before inline notes,
    ``Approval duration:`` and each line of business of an inline duration)."""
    m = _STARTS_MARKER.match(line)
    if m:
        fit = ladder.fits(m.group("m"), True)
        if fit is not None:
            ladder.take(*fit)
    cuts: list[tuple[int, str]] = []
    for mm in _INLINE.finditer(line):
        cuts.append((mm.start(), "marker"))
    cuts += [(mm.start(), "note") for mm in _INLINE_NOTE.finditer(line)]
    cuts += [(mm.start(), "approval") for mm in _INLINE_APPROVAL.finditer(line)]
    cuts += [(mm.start(), "duration") for mm in _LOB_WORD.finditer(line)]
    cuts.sort()
    pieces: list[str] = []
    start = 0
    segment = "note" if line.startswith("*") else "item"
    last_item = ""  # the text of the latest criterion: does it announce a list?
    for pos, kind in cuts:
        before = line[start:pos]
        if segment == "item":
            last_item = before
        if kind in ("note", "approval"):
            if kind == "note" and segment in ("approval", "duration"):
                continue
            pieces.append(before)
            start, segment = pos, kind
            continue
        if kind == "duration":
            # a line of business and its duration: after "Approval duration:", another duration,
            # a note, or a criterion's end
            if segment in ("approval", "duration", "note") or _ENDS_CRITERION.search(before):
                pieces.append(before)
                start, segment = pos, "duration"
            continue
        label = _INLINE.match(line, pos).group("m")  # type: ignore[union-attr]
        fit = ladder.fits(label, bool(_ANNOUNCES.search(last_item)))
        if fit is None or (references and fit[1] != "num"):
            continue
        is_set = fit[1] == "set"
        if segment in ("approval", "duration"):
            ok = is_set and bool(_DURATION_END.search(before))
        elif is_set:
            ok = before.rstrip().endswith((".", ";", ":")) or segment == "note"
        else:
            ok = bool(_ENDS_CRITERION.search(before)) or segment == "note"
        if not ok:
            continue
        pieces.append(before)
        ladder.take(*fit)
        start, segment = pos, "item"
    pieces.append(line[start:])
    return [p.strip() for p in pieces if p.strip()]


def _flat_pass(st: Styled) -> None:
    """Split headings run on into their first paragraph, and criteria run inline (see the module doc)."""
    k = 0
    in_criteria = references = False
    ladder = _Ladder()
    changed = 0
    while k < len(st.lines):
        line = st.lines[k].strip()
        if not line or "\t" in st.lines[k]:
            k += 1
            continue
        m = _HEADINGS.match(line)
        if m:
            _replace(st, k, [m.group("head"), m.group("rest")])
            changed += 1
            line = st.lines[k].strip()
        if _CRITERIA_HEAD.match(line):
            in_criteria, references, ladder = True, False, _Ladder()
            k += 1
            continue
        if _OTHER_HEAD.match(line):
            in_criteria, references = False, bool(_REFERENCES_HEAD.match(line))
            ladder = _Ladder()
            if references:
                ladder.levels = [("num", 0)]  # references are a plain numbered list
            k += 1
            continue
        if in_criteria or references:
            pieces = _split_flat(line, ladder, references)
            if len(pieces) > 1:
                _replace_items(st, k, pieces)
                changed += 1
                k += 2 * len(pieces) - 1
                continue
        k += 1
    if changed:
        st.diagnostics.append(Diagnostic("note", f"split {changed} line(s) of text run together (copied text)"))


def _replace_items(st: Styled, k: int, pieces: list[str]) -> None:
    """Put ``pieces`` where line ``k`` was, one a line, with the blank lines the export style has."""
    lines: list[str] = []
    for p in pieces:
        if lines:
            lines.append("")
        lines.append(p)
    st.lines[k : k + 1] = lines
    st.origin[k : k + 1] = [st.origin[k]] * len(lines)
    st.exact[k : k + 1] = [False] * len(lines)


def prepare(text: str, source: str) -> Styled:
    """Run the passes over ``text`` (newlines already ``\\n``)."""
    lines = text.split("\n")
    st = Styled(lines, list(range(1, len(lines) + 1)), exact=[True] * len(lines))
    _title_pass(st, source)
    _furniture_pass(st)
    _header_pass(st)
    _flat_pass(st)
    return st
