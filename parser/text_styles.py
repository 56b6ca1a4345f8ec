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
        st.diagnostics.append(
            Diagnostic("note", f"removed {len(drop)} line(s) of page furniture (running headers, footers, page numbers)")
        )
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


def prepare(text: str, source: str) -> Styled:
    """Run the passes over ``text`` (newlines already ``\\n``)."""
    lines = text.split("\n")
    st = Styled(lines, list(range(1, len(lines) + 1)), exact=[True] * len(lines))
    _title_pass(st, source)
    _furniture_pass(st)
    _header_pass(st)
    return st
