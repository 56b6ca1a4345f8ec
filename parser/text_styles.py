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
   ``Page N of M`` lines) a line that comes back at the same place among the first or last lines of
   at least half of the pages goes (digits masked), and so does any ``Page N of M`` line and, there, a
   browser's print furniture (the date-and-time stamp, a ``file://`` or ``https://`` address with its
   ``N/M`` counter).  In ``pdftotext`` text the blank lines around them go too, and so does a running
   line reading order pushed further down (or up) its page, standing alone, on a page lacking it; a
   list marker alone on its line is never furniture (nor counted in those places).  A header field of the
   template's (``Policy Number`` / ``PA-4185``) a running header prints is kept at the first page's top: the
   document may state it nowhere else; so is a viewer copy's running header that is the head's first lines
   again (two or more from each later page's top, the plan's name maybe shorter there), a line each, its
   later copies going (:func:`_head_repeated`).
3. **pdftotext** (text with form feeds, or without them — ``-nopgbrk`` — told by its hard-wrapped
   lines, its pages then by their ``Page N of M`` lines or browser footers): first, in reading-order
   text (not ``-layout``, which spaces out about half of its lines and reading order none), the
   words a justified line spaced far apart, which reading order gives as blocks of one word each
   after their column, go back to the end of the line above they fill and that the paragraph goes
   on after (:mod:`policyvc.parser.reading_order`); then five steps (a for ``-layout`` text, b for
   reading order):
   a. tables in ``-layout`` text: a known header row (revision log, HCPCS codes, the Appendix E
      states, dosing, Appendix B's therapeutic alternatives), its cells on one line or wrapped over
      two, gives the columns; each line's segments (runs of text between two or more spaces) go to
      the nearest column, the columns moving with each full row (pdftotext places them per page), and a
      segment that runs into the next column (two cells one space apart) is cut there.  A row starts
      where its key column is filled (a date, a code, a state) or, without a key, where every column
      is — or, in a table whose rows are set apart by blank lines (a browser's cell padding), after
      each gap.  Each row's cells then come from the columns its own lines show; a cell's lines are
      joined by the word-wrap test, a capital or labelled line where the line above had room starting
      a paragraph of its own (``<p>``).  The header again at the top of the next page continues the
      table;
   b. tables in reading-order text, one block per cell: the same known headers (a block of their
      own, or starting a line under a heading, several cells on a line), then the cells in
      order — the revision log by its typed dates, line by line (a description, a date, an optional
      P&T date, but reading order bends that: a date after its description's first line, a page's
      P&T dates gathered at its end and given to the rows they do not precede, the rest of a
      description after a new page's rows, the header repeated on each page;
      :func:`~policyvc.parser.reading_order.revision_rows`); rows without a key column end at a
      heading or at the next known table's header; where page furniture was taken out between two
      lines, they are two cells unless the second goes on in lower case (a cell going on to the next
      page) — a key cell always stands alone, even set right under the cell before;
   c. wrapped lines: a list marker alone on its line (``I.``, ``•``), or a column of them, goes
      back in front of its text; a line continues the one above unless it starts a block (a marker,
      a bullet, a note, a heading, a header field, a duration) or the line above ends a sentence and
      was not full (the word-wrap test on character counts, against the usual full line, the
      paragraph's own longest line or the line below set at the same place), or both lines are
      labelled (``Form: strength``) and the one above was not full; a hyphen at a line end inside a
      word joins without a space; blocks are separated by blank lines.  In ``-layout`` text a run of
      paragraphs set in from the text around them, right after a heading or a line ending in ``:``,
      is a bulleted list whose bullets were shapes (a browser's ``<ul>``): each gets its ``- ``;
   d. hyphens reading order dropped: pdftotext joins a word broken at a line end without its hyphen
      (``off-\nlabel`` → ``offlabel``); a word the same text also writes hyphenated takes that
      spelling back, and a lower-case word going on with a capitalised one (``nonHodgkin``), an
      acronym going on in lower case (``FDAapproved``; not an acronym written into a word, ``TTFields``,
      whose last capital starts a word the text writes, ``fields``) and a stem with a number the text writes
      hyphenated before another (``interleukin13``, ``interleukin-4``) get one
      (:mod:`policyvc.parser.reading_order`); a citation's page range run together (``361397``) where
      other citations' pages are ranges (``2317-2330``) is split into its halves, the first the smaller;
   e. in reading-order text, a list printed without its bullets (a browser's bullets are shapes,
      which reading order gives as nothing): in text without a bullet anywhere, the paragraphs after
      a line announcing a list that is the first under a heading, each ending a sentence, get theirs
      (``- ``), and so do the paragraphs of an appendix without a table when there are two or more,
      each labelled or ending a sentence.
4. **Flattened header** — the header fields copied out of a viewer on one line
   (``Clinical Policy: X Reference Number: Y Effective Date: 01/17 …``) are split at their keywords;
   links set beside the fields (``-layout``) move after them.
5. **Flattened items** — headings run on into their first paragraph are split off; a paragraph that
   runs criteria inline (``A. Cushing's Disease (must meet all): 1. Diagnosis …; 2. Prescribed …``) is
   split before each marker, but only where the marker ladder confirms it (the next letter or number
   of an open level, or the first of a new level right after a criterion announcing a list with
   ``:``) and the text before it ends a criterion (``;`` ``:`` ``.``, ``or``/``and``); inline notes,
   ``Approval duration:`` and each line of business of an inline duration are split off too.  The
   nesting pass checks the result as it checks any text.
6. **Dashes for numbers** — criteria written as ``- `` items (a list converted without its numbers)
   get the next marker of their level, the level told by indentation (``1.`` → ``a.`` → ``i.``).

Bullet glyphs (``•``, U+F0B7, ``o``, ``▪``) and ``**bold**`` headings are the normaliser's
(:mod:`policyvc.parser.normalize`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from itertools import pairwise

from policyvc.lazy_re import lazy
from policyvc.parser.centred_log import centred_codes, centred_log
from policyvc.parser.column_log import column_log
from policyvc.parser.errors import PolicyError
from policyvc.parser.furniture import (
    copyright_notice,
    fold_name,
    head_names,
    joins_names,
    local_address,
    mask,
    names_policy,
    printed_by_browser,
    source_and_name,
    stamp_title,
    stamped,
    title_drug,
)
from policyvc.parser.header_grid import header_cells, header_grid, wrapped_labels
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.joining import join_wrapped
from policyvc.parser.lines import Lines
from policyvc.parser.markers import GLUED_MARKER, LABEL, ROMAN_LOWER, read_item_marker, readings, to_roman
from policyvc.parser.nodes import MarkerKind
from policyvc.parser.normalize import inline_clean
from policyvc.parser.page_numbers import (
    ADDRESS_COUNTER,
    counted_address,
    has_page_numbers,
    page_number_at,
    page_number_first,
    page_number_line,
)
from policyvc.parser.prebuilt import dataclass
from policyvc.parser.reading_order import (
    PERIOD_END,
    justified_gaps,
    page_ranges,
    reading_order,
    restore_hyphens,
    revision_rows,
    row_closed,
)
from policyvc.parser.run_on_lists import states_decision
from policyvc.parser.side_fields import side_fields
from policyvc.parser.template_spec import BACK_MATTER_NAME, HEADINGS, names_several
from policyvc.parser.vocabulary import (
    APPENDIX,
    APPROVAL,
    CODES_TABLE,
    CODING,
    CRITERIA_SECTIONS,
    FIELDS,
    HEADER_LINKS,
    KNOWN_TABLES,
    LINES_OF_BUSINESS,
    OTHER_SECTIONS,
    REFERENCES_SECTION,
    REMINDER,
    REVISION_LOG,
    REVISION_LOG_START,
    RUN_ON_HEADINGS,
    TABLE_SECTIONS,
    TITLE,
    TITLE_LABEL,
    WHOLE_LINE_HEADINGS,
    KnownTable,
    alternatives,
)
from policyvc.parser.written_dates import DATE, broken_dates, cut_dates

__all__ = ["Styled", "head_repeated", "prepare"]

_HEAD_LINES = 400  # the title must come within this many lines
_TITLE = lazy(TITLE_LABEL)
_TITLE_LINE = lazy(rf"^\W{{0,4}}{TITLE_LABEL}")


@dataclass(slots=True)
class Styled:
    """Lines in the grammar's form, each with its source line (:class:`~policyvc.parser.lines.Lines`), and
    what the passes did."""

    lines: Lines
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: tuple[str, ...] = ()  # the lines as written, before any pass (empty: not kept)
    # (the source lines, 1-based, each a paragraph of its own, nothing joined to it: a broken table's run)
    whole: set[int] = field(default_factory=set)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _title_pass(st: Styled, source: str) -> None:
    first = next((k for k, line in enumerate(st.lines) if line.strip()), None)
    if first is None:
        return
    found = None
    for k in range(first, min(len(st.lines), first + _HEAD_LINES)):
        if "Clinical" in st.lines[k] or "\u00ad" in st.lines[k]:  # (a soft hyphen may sit inside the words)
            probe = inline_clean(st.lines[k]).replace("*", "")
            if _TITLE.search(probe):
                found = k
                break
    # (no label: a family head under a title that lost it, read with a warning)
    found = _below_page_title(st, found) if found is not None else _unlabelled_title(st, first)
    if found is None:
        line = st.lines[first].strip()
        shown = line if len(line) <= 60 else line[:60] + "…"
        raise PolicyError(
            f"expected the title line `Clinical Policy: <drug>`, found `{shown}`",
            source=source,
            line=st.lines.origin(first),
            column=len(st.lines[first]) - len(st.lines[first].lstrip()) + 1,
        )
    skipped = [k for k in range(first, found) if st.lines[k].strip()]
    if skipped:
        st.diagnostics.append(
            Diagnostic(
                "warning",
                f"skipped {len(skipped)} line(s) before the title (not part of the policy)",
                line=st.lines.origin(skipped[0]),
                end_line=st.lines.origin(skipped[-1]),
            )
        )
        for k in range(first, found):
            st.lines.blank(k)
    line = st.lines[found]
    if not _TITLE_LINE.match(inline_clean(line).replace("*", "").lstrip()):
        line = inline_clean(line)
        title = _TITLE.search(line)
        cut = title.start() if title else 0
        st.diagnostics.append(
            Diagnostic("warning", f"skipped `{line[:cut].strip()[:60]}` before the title", line=st.lines.origin(found))
        )
        st.lines.set(found, line[cut:])


_TITLE_WRAPS = 3  # the lines a title may take above the family's first field
_REFERENCE_FIELD = lazy(r"^\W{0,4}Reference\s+Number:?\s*", re.I)
_FAMILY_DATE = lazy(r"^\W{0,4}(?:Effective\s+Date|Last\s+Review\s+Date|Lines?\s+of\s+Business)\b", re.I)
_FAMILY_CRITERIA = lazy(r"^\W{0,4}I\.\s+Initial\s+Approval\s+Criteria", re.I | re.M)
_NO_TITLE = lazy(r":|\t|^\W*$|^\W{0,4}(?:[A-Z]|\d{1,3}|[ivx]{1,4})\.\s")


def _family_reference(line: str) -> bool:
    """Whether ``line`` is the family's reference number field (``Reference Number: CP.PHAR.583``)."""
    from policyvc.parser.template_pharmacy import TEMPLATE

    m = _REFERENCE_FIELD.match(line)
    return m is not None and any(r.match(line, m.end()) for r in TEMPLATE.references)


def _title_wrap_pass(st: Styled) -> None:
    """The family's title a print wrapped (``Clinical Policy: Transcranial Magnetic Stimulation for`` /
    ``Treatment-Resistant Depression``) or wrote its label alone on a line (``Clinical Policy:`` / ``Emicizumab-kxwh
    (Hemlibra)``): the short lines between the title's line and the reference number under it — no field, marker or
    row, at most :data:`_TITLE_WRAPS` — joined to the title's line, where the grammar wants the reference number."""
    title = next((k for k, line in enumerate(st.lines) if line.strip()), None)
    if title is None or not _TITLE_LINE.match(st.lines[title]):
        return
    head = [k for k in range(title + 1, min(len(st.lines), title + 4 * _TITLE_WRAPS)) if st.lines[k].strip()]
    ref = next((i for i, k in enumerate(head) if _REFERENCE_FIELD.match(st.lines[k])), None)
    if not ref or ref > _TITLE_WRAPS:
        return
    above = [" ".join(inline_clean(st.lines[k]).replace("*", "").split()) for k in head[:ref]]
    if any(_NO_TITLE.search(t) or len(t) > 100 for t in above):
        return
    st.lines.set(title, " ".join([st.lines[title].rstrip(), *above]))
    for k in head[:ref]:
        st.lines.blank(k)


def _unlabelled_title(st: Styled, first: int) -> int | None:
    """A family policy whose title line lost its label (``Canakinumab (Ilaris)`` where the family writes
    ``Clinical Policy: Canakinumab (Ilaris)``: a print that dropped the line and took it back from the PDF's title,
    a web copy that sets the title as a heading): the text's first lines — at most :data:`_TITLE_WRAPS`, each short,
    no field, marker or row — over the family's head (``Reference Number: CP.PHAR.nnn`` and a date or lines of
    business field under it) in a text that has section ``I. Initial Approval Criteria``, read as the title with
    the label put back and a warning saying so.  ``None`` (the title line is missing) for any other text."""
    head = [k for k in range(first, min(len(st.lines), first + 4 * _TITLE_WRAPS)) if st.lines[k].strip()]
    ref = next((i for i, k in enumerate(head) if _family_reference(inline_clean(st.lines[k]))), None)
    if not ref or ref > _TITLE_WRAPS:
        return None
    above = [" ".join(inline_clean(st.lines[k]).replace("*", "").split()) for k in head[:ref]]
    if any(_NO_TITLE.search(t) or len(t) > 100 for t in above) or len(" ".join(above)) > 150:
        return None
    below = [st.lines[k] for k in range(head[ref] + 1, min(len(st.lines), head[ref] + 12))]
    if not any(_FAMILY_DATE.match(inline_clean(line)) for line in below):
        return None
    if not _FAMILY_CRITERIA.search("\n".join(st.lines)):
        return None
    title = " ".join(above)
    st.lines.set(head[0], f"{TITLE}: {title}")
    for k in head[1:ref]:
        st.lines.blank(k)
    st.diagnostics.append(
        Diagnostic(
            "warning",
            f"the title line has no `{TITLE}:` label: `{title[:60]}`, above the family's reference number, read as "
            "the title — check it against the document",
            line=st.lines.origin(head[0]),
        )
    )
    return head[0]


_FIELD_HEAD = 30  # the lines under the title the family's header fields stand in
_LINK = lazy(rf"^{alternatives(HEADER_LINKS)}$")
_HEAD_END = lazy(rf"^(?:{'|'.join(RUN_ON_HEADINGS)})\s*$")
_PARTS = re.compile(r"\t| {2,}| \| ")


@functools.cache
def _bare_label(fields: tuple[str, ...]) -> re.Pattern[str]:
    """A header field's label at a line's start, no colon after it, its value after a gap or none."""
    labels = sorted({" ".join(f.split()) for f in (*FIELDS, *fields)}, key=len, reverse=True)
    names = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    return re.compile(rf"^(?P<label>{names})(?:[\t ]+(?P<value>[^\s:].*))?$", re.I)


def _links_row(line: str) -> list[str] | None:
    """The header's links set side by side as one row (``Coding Implications`` ⇥ ``Revision Log``), else ``None``."""
    parts = [p.strip() for p in _PARTS.split(line.strip()) if p.strip()]
    return parts if len(parts) > 1 and all(_LINK.match(p) for p in parts) else None


def _empty_link_cells(st: Styled) -> None:
    """The header's links a grid printed with an empty cell beside each (``Coding Implications`` ⇥, a DOCX's or a
    print's field grid whose link rows have no value): the link alone on its line, as every other copy writes it
    — a table row of one link and nothing is no table.  Only in the head, above its first section heading."""
    for k in range(min(len(st.lines), _FIELD_HEAD)):
        line = st.lines[k]
        text = " ".join(line.split())
        if _HEAD_END.match(text) and not _LINK.match(text):
            return
        if "\t" in line and _LINK.match(line.strip()):
            st.lines.set(k, line.strip())


def _bare_fields_pass(st: Styled, fields: tuple[str, ...]) -> None:
    """The family's header printed as a table with no colons, as each copy lays its cells out, back into the
    ``Label: value`` lines the template reads: a label and its value on one line (a PDF's ``Reference Number
    CP.PHAR.466``, a DOCX's cells a tab apart) or a line each, blank lines between (raw ``pdftotext``); the
    links set as one row (``Coding Implications`` ⇥ ``Revision Log``) a line each; a title a print wrapped
    onto a line of its own above the first field joined to the title's line; and the notice under the links
    that a print broke into two paragraphs (``… regulatory and legal`` / ``information.``) one again.  Read
    only in the head — from the title line to the first section heading, at most :data:`_FIELD_HEAD` lines —
    and only where some line above the links is a field's label; a value is a short line that is no label,
    link or heading."""
    title = next((k for k, line in enumerate(st.lines) if line.strip()), None)
    if title is None or not _TITLE_LINE.match(st.lines[title]):
        return
    label = _bare_label(fields)
    stop = title + 1
    while stop < min(len(st.lines), title + _FIELD_HEAD):
        line = " ".join(st.lines[stop].split())
        if _HEAD_END.match(line) and not _LINK.match(line):  # (a link is a heading too, further on)
            break
        stop += 1
    head = [k for k in range(title + 1, stop) if st.lines[k].strip()]
    first = next((i for i, k in enumerate(head) if label.match(_unstopped(st.lines[k]))), None)
    if first is None or not any(label.match(st.lines[k].strip()) for k in head):
        return  # (no field without its colon: the header as the template reads it)
    # (a title wrapped onto a line of its own, blank line between, above the first field: the title's)
    above = head[:first]
    if 0 < len(above) <= 2 and all(":" not in st.lines[k] and len(st.lines[k].strip()) <= 60 for k in above):
        st.lines.set(title, " ".join([st.lines[title].rstrip(), *(st.lines[k].strip() for k in above)]))
        for k in above:
            st.lines.blank(k)
    links: list[str] = []  # (the link box's cells a grid set among the fields: after them, as the template has)
    last = None
    i = first
    while i < len(head):
        k = head[i]
        line = st.lines[k].strip()
        if _LINK.match(line) or _links_row(line):
            if any(label.match(_unstopped(st.lines[j])) for j in head[i + 1 :]):
                links.extend(_links_row(line) or [line])
                st.lines.blank(k)
            i += 1
            continue
        m = label.match(line)
        if m is None and label.match(_unstopped(line)):
            last, i = k, i + 1  # (a field with its colon)
            continue
        if m is None:
            break  # (the fields have ended)
        value = m.group("value")
        if value is None and i + 1 < len(head):
            below = st.lines[head[i + 1]].strip()
            if _value(below) and not label.match(_unstopped(below)) and not _LINK.match(below):
                value = below
                st.lines.blank(head[i + 1])
                i += 1
        if value is None:
            break
        st.lines.set(k, f"{' '.join(m.group('label').split())}: {' '.join(value.split())}")
        last, i = k, i + 1
    if links and last is not None:
        st.lines.insert_after(last, [x for link in links for x in ("", link)])
        return  # (lines moved)
    for j, k in enumerate(head):
        if (parts := _links_row(st.lines[k])) is not None:
            st.lines.set(k, parts[0])
            st.lines.insert_after(k, [x for p in parts[1:] for x in ("", p)])
            return  # (lines moved: the notice under the row was kept whole by the copies that set it so)
        if j > first and j + 1 < len(head) and not label.match(_unstopped(st.lines[k])):
            text, below = st.lines[k].rstrip(), st.lines[head[j + 1]].strip()
            if not text.endswith((".", ":", ";")) and below[:1].islower() and len(below.split()) <= 3:
                st.lines.set(k, f"{text} {below}")
                st.lines.blank(head[j + 1])
                return


def _unstopped(line: str) -> str:
    """A field's line with the colon after its label taken out (``Reference Number: X`` → ``Reference Number X``)."""
    return re.sub(r"^([^:\d]{3,40}?):\s*", r"\1 ", line.strip(), count=1)


def _value(text: str) -> bool:
    """Whether a line may be a header field's value: an identifier or a date (a digit), or lines of business."""
    if not text or ":" in text or len(text) > 60:
        return False
    words = [w for w in re.split(r"[\s,;/&]+", text) if w and w.casefold() not in ("and", "or")]
    return bool(re.search(r"\d", text)) or all(w in LINES_OF_BUSINESS for w in words)


def _below_page_title(st: Styled, k: int) -> int:
    """The title line at ``k``, or, where ``k`` is a browser's page title (``Clinical Policy: X | Plan``, printed
    with the date above the page), the policy's own title a few lines below that it begins with."""
    head, bar, site = inline_clean(st.lines[k]).replace("*", "").strip().rpartition(" | ")
    if not bar or not site:
        return k
    for j in range(k + 1, min(len(st.lines), k + 6)):
        below = inline_clean(st.lines[j]).replace("*", "").strip()
        if below and _TITLE.search(below) and head.startswith(below):
            return j
    return k


# --- page furniture ------------------------------------------------------------------------------------------

_ADDRESS = lazy(rf"^(?:https?|file)://\S+(?:{ADDRESS_COUNTER})?$", re.I)
_ZONE = 4  # lines at the top and at the bottom of a page where running lines live


def _pages(st: Styled) -> list[list[int]]:
    """Indices of the lines of each page: pages end at form feeds, else after each ``Page N of M`` line
    or a browser's footer (the page's address and its ``N/M`` counter)."""
    pages: list[list[int]] = [[]]
    feeds = any("\f" in line for line in st.lines)
    for k, line in enumerate(st.lines):
        if feeds and "\f" in line:
            head, _, tail = line.partition("\f")
            st.lines.strip_at(k, (head + tail).replace("\f", ""))
            if head.strip():
                pages[-1].append(k)
                pages.append([])
            else:
                pages.append([k])
            continue
        pages[-1].append(k)
        if not feeds and (page_number_line(line) or counted_address(line)):
            pages.append([])
    return [p for p in pages if p]


_FAR = 12  # how far into a page reading order may push a running line


def _alone(st: Styled, k: int) -> bool:
    """Line ``k`` is a block of its own: blank lines (or a page's edge) above and below it."""
    return all(not (0 <= j < len(st.lines)) or not st.lines[j].strip() for j in (k - 1, k + 1))


def _displaced_running(
    st: Styled, pages: list[list[int]], running: set[tuple[str, str, int]], drop: set[int]
) -> set[int]:
    """Running lines reading order pushed out of their place: pdftotext reads a block it sees as a column
    (a column of markers, the words of a justified line) before a page's header, and the text that goes
    on from the page above may come before it too.  On a page that lacks one of the running lines, the
    same text standing alone among the page's first (last) lines goes — but for the first page's head where the
    first page prints no running line at its top (the head writes the plan's name, which later pages' headers
    repeat)."""
    out: set[int] = set()
    for at, page in enumerate(pages):
        body = [k for k in page if st.lines[k].strip()]
        for end, ks in (("top", body[:_FAR]), ("bottom", body[-_FAR:][::-1])):
            have = {mask(st.lines[k].strip()) for k in ks if k in drop}
            if not at and end == "top" and not have:
                continue  # (a first page with no running header at its top: its head's own lines, the plan's name)
            wanted = {text for e, text, _ in running if e == end} - have
            for k in ks:
                if k not in drop and _alone(st, k) and mask(st.lines[k].strip()) in wanted:
                    out.add(k)
                    wanted.discard(mask(st.lines[k].strip()))
    return out


@functools.cache
def _field_labels(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A line that is one of the header's ``labels``, with its value after it or alone (its value below it)."""
    names = "|".join(r"\s+".join(re.escape(w) for w in x.split()) for x in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\W{{0,4}}(?:{names})(?:\s*[:#]|(?<=\.)|(?=\s|$))\s*(?P<value>.*)$", re.I)


# A field naming the document's identifier by a label the template does not list, in the shape every such label
# has — a word or a few, then ``No.``, ``Number``, ``#`` or ``ID`` and its colon — and a value holding a digit
# (``Criteria No.: ID-RX-ADHD-03``, ``Bulletin Number: 2026-14``): never the end of a title above it
_ID_FIELD = lazy(r"^(?:[A-Z][\w&-]*\s+){1,3}(?:No\.?|Number|#|ID)\s*:\s*[A-Z]*[-.]?[\w.-]*\d")


def _numbered_field(labels: tuple[str, ...], line: str) -> bool:
    """Whether ``line`` is one of the header's ``labels`` (or a label in the shape of an identifier's:
    :data:`_ID_FIELD`) and a value whose first word holds a digit."""
    if _ID_FIELD.match(line):
        return True
    m = _field_labels(labels).match(line)
    first = m.group("value").split()[:1] if m is not None else []
    return bool(first) and any(c.isdigit() for c in first[0])


@functools.cache
def _label_alone(labels: tuple[str, ...], *, bare: bool = False) -> re.Pattern[str]:
    """A line that is one of the header's ``labels`` and its stop, nothing more (``Policy #:``, ``Effective
    Date:``): a header table's label cell, its value on a later line.  ``bare``: its stop may be left out too
    (``Effective Date`` alone: a browser's print of a header table)."""
    names = "|".join(r"\s+".join(re.escape(w) for w in x.split()) for x in sorted(labels, key=len, reverse=True))
    stop = r"(?::|#\s*:?|(?<=[.#]))" + ("?" if bare else "")
    return re.compile(rf"^(?:{names})\s*[*†]?\s*{stop}$", re.I)


def _first_page_fields(lines: Sequence[str], page: list[int], drop: set[int], labels: tuple[str, ...]) -> set[int]:
    """The running lines at the first page's top that are a header field (``Policy Number`` / ``PA-4185``, or
    ``Policy Number: PA-4185`` on one line): the document states its identifier or its date only there, and
    every later page's copy is furniture — the first is the head's, kept so the header reads it."""
    if not labels:
        return set()
    rx = _field_labels(labels)
    top = [k for k in page if lines[k].strip()][:_ZONE]
    keep: set[int] = set()
    for i, k in enumerate(top):
        m = rx.match(lines[k].strip())
        if m is None:
            continue
        value = [k] if m["value"] else top[i + 1 : i + 2]  # (a label alone: its value is the line below it)
        if value and value[0] in drop and any(c.isdigit() for c in lines[value[0]]) and len(lines[value[0]]) <= 80:
            if not m["value"] and rx.match(lines[value[0]].strip()):
                continue  # (another label, not a value)
            keep.update({k, *value})
    return keep


def _numbered_first(st: Styled, drug: str | None) -> set[int]:
    """The lines that are a running header with its page's number written first (``Page 3   Sleep Studies``,
    ``3   Clinical Policy: Icatibant``: :func:`~policyvc.parser.page_numbers.page_number_first`): with the word
    ``Page`` wherever they stand; with a bare number where its words name the policy (a title line, the drug, the
    text's first line) or come back, two words or more, far apart with other numbers — a bare ``3   Months`` is
    a table's row.  The text's first line keeps its words (it may be the only title): its number alone goes."""
    found: dict[int, tuple[str, bool]] = {}
    for k, line in enumerate(st.lines):
        if line.lstrip()[:1].isdigit() or line.lstrip()[:1] in "Pp":
            got = page_number_first(line)
            if got is not None:
                found[k] = got
    if not found:
        return set()
    first = next((k for k, line in enumerate(st.lines) if line.strip()), -1)
    title = fold_name(found[first][0] if first in found else st.lines[first])
    where: dict[str, list[int]] = {}
    for k, (rest, _) in found.items():
        where.setdefault(fold_name(rest), []).append(k)
    out: set[int] = set()
    for k, (rest, worded) in found.items():
        name = fold_name(rest)
        again = len(name.split()) >= 2 and any(abs(j - k) >= _FAR for j in where[name])
        if worded or again or name == title or title_drug(rest) is not None or names_policy(rest, drug):
            out.add(k)
    if first in out:
        out.discard(first)
        st.lines.set(first, found[first][0])
    return out


_TITLE_LINES = 12  # the lines of a document's head below a browser's page title where its own title is


def _written_below(lines: Sequence[str], k: int, head: int | None = None) -> bool:
    """Whether the document's head below line ``k`` (a browser's page title) writes that title again: a line,
    or two (a heading wrapped), of two words or more that is the title or stands in it between the site's
    words (``Sleep Studies`` in ``Sleep Studies - Medical Policy | Plan``), or as a title field's value
    (``Clinical Policy: Sleep Studies``).  ``head``: where the head starts (the text's start, for a later
    page's title), if not right below ``k``."""
    title = f" {fold_name(lines[k])} "
    start = k + 1 if head is None else head
    below = [fold_name(line) for j, line in enumerate(lines[start:], start) if line.strip() and j != k][:_TITLE_LINES]
    for i, line in enumerate(below):
        value = line.partition(": ")[2]
        for name in (line, f"{line} {below[i + 1]}" if i + 1 < len(below) else "", value):
            if len(name.split()) >= 2 and f" {name} " in title:
                return True
    return False


def _again_below(lines: Sequence[str], k: int, page: Sequence[int]) -> bool:
    """Whether the head right below line ``k`` writes it again, whole, on a line of its own among its first lines
    on the first page (``page``: its lines that are no furniture) — ``Medical Coverage Policy | <title>`` over
    ``<plan>`` / ``Medical Coverage Policy | <title>``; a later page's running copy is no head's."""
    name = fold_name(lines[k])
    below = [fold_name(lines[j]) for j in page if j > k and lines[j].strip()][:_HEAD_NAMES]
    return len(name.split()) >= 2 and name in below


# a word of a running header that is the policy's number: letters and digits, joined by dashes or dots
_ID_WORD = lazy(r"(?<![\w.-])(?=[\w.-]*\d)(?=[\w.-]*[^\W\d_])[^\W_][\w.-]*[-.][\w.-]*[^\W_](?![\w-])")


def _number_again_below(lines: Sequence[str], k: int, page: Sequence[int]) -> tuple[re.Pattern[str], list[int]] | None:
    """Line ``k``'s one policy number (``ICARE-MP-078``, ``CP.MP.253``) as a pattern, and the head's lines below it,
    when one of those lines writes the number again; else None."""
    ids = _ID_WORD.findall(lines[k])
    if len(ids) != 1:
        return None
    code = re.compile(rf"(?<![\w.-]){re.escape(ids[0])}(?![\w-])", re.I)
    below = [j for j in page if j > k and lines[j].strip()][: 2 * _HEAD_NAMES]
    if not any(code.search(lines[j]) for j in below):
        return None
    return code, below


def _numbered_header(lines: Sequence[str], k: int, page: Sequence[int]) -> bool:
    """Whether line ``k`` (the text's first, which later pages repeat at their top) writes the policy's number —
    letters and digits joined by a dash or a dot (``ICARE-MP-078``, ``CP.MP.253``) — which a line of the head below
    it writes again, and every other word of it the head's first lines below say too: a running header's
    first copy (``<plan> Medical Policy <ID> <title>``), the head its title and fields.  A line with no number is
    maybe the only title and stays."""
    found = _number_again_below(lines, k, page)
    if found is None:
        return False
    _, below = found
    # (the head's lines down to the number's, a heading among them or not: ``Guideline`` / ``Guideline Number``)
    said = set().union(*(_SAID_WORD.findall(fold_name(lines[j])) for j in below if len(lines[j]) <= _SAID_CHARS))
    return all(w in said for w in _SAID_WORD.findall(fold_name(lines[k])))


# a part of a running header that names the plan (``Chinese Community Health Plan``, ``Northland Health``) or the
# kind of document (``Medical Policy``, ``Clinical Payment Policy``), no other word: it names no title
_PLAN_PART = lazy(r"(?:[A-Z][\w&.'’-]*\s+){0,5}(?:Health(?:\s*(?:Plans?|Care))?|Healthcare|HealthPlan)", re.I)
_KIND_PART = lazy(
    r"(?:(?:Medical|Clinical|Pharmacy|Payment|Reimbursement|Coverage|Drug|Utilization\s+Management)\s+){1,2}"
    r"(?:Policy|Policies|Guideline|Criteria)",
    re.I,
)


def _plan_kind_number(lines: Sequence[str], k: int, page: Sequence[int]) -> bool:
    """Whether line ``k`` is only the plan's name, the kind of document and the policy's number, set apart by a dash
    or a bar (``<plan> – Medical Policy UM-MP-017``), the number written again in the head below it (``Policy
    Number: UM-MP-017``): a running header's first copy that names no title, never the title (its words need not
    stand in the head, as :func:`_numbered_header` asks of a header that may hold the title)."""
    found = _number_again_below(lines, k, page)
    if found is None:
        return False
    code, _ = found
    parts = [" ".join(code.sub(" ", p).split()) for p in _HEADER_PARTS.split(lines[k].strip())]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return False
    plan = [p for p in parts if _PLAN_PART.fullmatch(p)]
    kind = [p for p in parts if _KIND_PART.fullmatch(p)]
    return len(plan) + len(kind) == len(parts) and bool(plan) and bool(kind)


# a running header's parts, set apart by a dash or a bar (``<plan> – <title> – Policy BH-ABA-004``)
_HEADER_PARTS = lazy(r"\s+[–—|]\s+")
# a part that is the policy's number, maybe after its kind's word (``Policy BH-ABA-004``, ``SHP-MED-0088``)
_ID_PART = lazy(
    r"(?:(?:Policy|Guideline|Document|No\.?|Number|#)\s*)?(?P<id>(?=[\w.-]*\d)(?=[\w.-]*[A-Za-z])[\w.-]{3,})"
)


def _parts_below(lines: Sequence[str], k: int, page: Sequence[int]) -> bool:
    """Whether line ``k`` is three parts or more set apart by dashes or bars, one of them the policy's number the
    text writes again further on, another the name the head below it writes (its words in their order among the
    first lines of the page, ``page``, joined: a title may wrap): ``<plan> – <title> – Policy <ID>`` over
    ``<kind>: <title>`` / ``Policy Number   <ID>`` — a running header's first copy, never the title."""
    parts = _HEADER_PARTS.split(lines[k].strip())
    if len(parts) < 3:
        return False
    ids = [m.group("id") for p in parts if (m := _ID_PART.fullmatch(p))]
    if len(ids) != 1:
        return False
    code = re.compile(rf"(?<![\w.-]){re.escape(ids[0])}(?![\w-])")
    below = [j for j in page if j > k and lines[j].strip()][: 2 * _HEAD_NAMES]
    if not any(code.search(lines[j]) for j in below):
        return False
    head = " ".join(fold_name(lines[j]) for j in below).split()
    names = [fold_name(p).split() for p in parts if _ID_PART.fullmatch(p) is None]
    return any(len(words) >= 2 and f" {' '.join(words)} " in f" {' '.join(head)} " for words in names)


def _source_over_head(lines: Sequence[str], k: int, page: Sequence[int]) -> bool:
    """Whether line ``k`` is a source's short name, a separator and a name the head below it (``page``: the first
    page's lines that are no furniture) writes on a line of its own, the source's words standing in the head too
    (``<plan> | <drug> (<generic>)`` over ``<plan>, Inc. Prior Authorization Criteria`` / ``<drug> (<generic>)``)."""
    below = [lines[j] for j in page if j > k and lines[j].strip()][:_HEAD_NAMES]
    if not below or not source_and_name(lines[k], head_names(below)):
        return False
    source = re.split(r"\s[\u2013\u2014-]\s|\s\|\s|:\s", fold_name(lines[k]))[0].split()
    head = " ".join(fold_name(line) for line in below).replace(",", " ").split()
    return len(source) >= 1 and _in_order(source, head)


def _set_apart(st: Styled, lines: list[int]) -> None:
    """A blank line after each of ``lines`` (indices, none removed yet) that has text right below it."""
    for k in sorted(lines, reverse=True):
        if k + 1 < len(st.lines) and st.lines[k + 1].strip():
            st.lines.insert_after(k, [""])


def head_repeated(lines: Sequence[str], pages: list[list[int]], known: set[int]) -> tuple[set[int], set[int]]:
    """A viewer copy's running header that is the head's first lines again, at each later page's top: the
    first page's copy is the head's (its title among them) and is kept; each later page's copy goes, two
    lines or more from the top down, the first of them maybe the plan's name written shorter (``<plan>
    Corporate Medical Policy`` in the head, ``<plan>`` above each later page's copy of the title).  ``known``:
    lines the caller blanked as furniture already, each in its place of the copy.  Returns (the head's lines,
    the later copies' lines)."""
    head = [k for k in pages[0] if lines[k].strip()][:_ZONE]
    names = [fold_name(lines[k]) for k in head]
    kept: set[int] = set()
    copies: set[int] = set()
    for page in pages[1:]:
        top = [k for k in page if lines[k].strip() or k in known][:_ZONE]
        n = 0
        for k, name in zip(top, names, strict=False):
            text = fold_name(lines[k])
            if k in known and not text:
                n += 1
                continue
            if stamped(lines[k].strip()) or stamp_title(lines, k) or page_number_line(lines[k]):
                break  # (a browser's print furniture and the page's title beside it: the rules above read those)
            if text != name and not (n == 0 and len(text.split()) >= 2 and name.startswith(f"{text} ")):
                break
            n += 1
        if n >= 2 and any(
            lines[k].strip() for k in top[:n]
        ):  # (one line alike is a heading the head's may share; two from the top are a running header)
            kept.update(head[:n])
            copies.update(top[:n])
    return kept, copies


_SAID_LINES = 8  # the head's lines below a first page's running header that may say its words again
_SAID_CHARS = 200  # (a line of the head, a field's: no paragraph)
_SAID_WORD = lazy(r"\w+")


def _said_below(lines: Sequence[str], head: list[int], page: list[int]) -> bool:
    """Whether the lines ``head`` (a running header's copy at the first page's top) each have every word said again
    in the head's lines right below them (a few lines of the page, up to its first heading every policy has): the
    running header's words are the head's — ``<plan>`` / ``Medical Policy MP-0317`` over ``<plan> Medical Policy:
    <title>`` / ``Policy Number: MP-0317`` —, so the head keeps the title and its fields without it.  A copy one of
    whose words the head below never writes (the only title) is the head's."""
    if not head:
        return False
    below: list[set[str]] = []
    for k in page:
        text = lines[k].strip()
        if k <= head[-1] or not text:
            continue
        if len(below) >= _SAID_LINES or text.rstrip(":").casefold() in HEADINGS:
            break
        if len(text) <= _SAID_CHARS:
            below.append(set(_SAID_WORD.findall(fold_name(text))))
    for k in head:
        words = _SAID_WORD.findall(fold_name(lines[k]))
        if not words or not all(any(w in said for said in below) for w in words):
            return False
    return True


def _furniture_pass(
    st: Styled, remove: bool = False, fields: tuple[str, ...] = (), known: frozenset[int] = frozenset()
) -> None:
    """Drop page furniture (see the module doc); ``remove``: take the lines out with the blank lines
    around them (text whose blank lines mean something), else leave them blank.  ``fields``: the labels of
    the header's fields, whose running copy on the first page is kept (:func:`_first_page_fields`).  ``known``:
    the lines (1-based) the caller found to be furniture (:func:`_head_repeated`)."""
    drug = next((d for line in st.lines if (d := title_drug(line)) is not None), None)
    numbered = _numbered_first(st, drug)
    if not remove and not numbered and not has_page_numbers("\n".join(st.lines)):
        return  # no page breaks and no page numbers: no furniture to find
    pages = _pages(st)
    lines = st.lines.texts  # (read many times over; edited after)
    apart: list[int] = []
    drop: set[int] = {k for k in range(len(lines)) if page_number_at(lines, k)} | numbered
    if len(pages) > 1:
        # the page's title a browser prints under its stamp is the same line on every page, or the title the
        # head writes: another line under a later page's stamp is that page's first line of text (a table's
        # code, a heading), never furniture
        # (counted in the text as printed: a pass before this one may have cut the first page's copy with the
        # lines above the document's title — each later page's copy is still the browser's, never the text's)
        printed = st.source or lines
        titled = Counter(fold_name(printed[k]) for k in range(len(printed)) if stamp_title(printed, k))
        counts: Counter[tuple[str, str, int]] = Counter()
        # (line, key, which page's edge): a page's top lines from the top, then its bottom lines from the bottom
        zone: list[tuple[int, tuple[str, str, int], int]] = []
        for at, page in enumerate(pages):
            # a marker alone on its line is not furniture, nor counted where running lines are looked for:
            # reading order may put a column of hanging markers above a page's running header
            body = [k for k in page if lines[k].strip() and k not in drop and not _lone(lines[k])]
            seen = set()
            for end, ks in (("top", body[:_ZONE]), ("bottom", body[-_ZONE:][::-1])):
                for pos, k in enumerate(ks):
                    text = lines[k].strip()
                    if stamped(text) or _ADDRESS.match(text):  # a browser's print furniture
                        drop.add(k)
                        continue
                    if stamp_title(lines, k) and (
                        _written_below(lines, k)
                        if not at
                        else titled[fold_name(lines[k])] > 1 or _written_below(lines, k, head=0)
                    ):
                        # (the page's title the browser prints beside its stamp, on every page; on the first
                        # only where the head writes the title again: else it is the document's only title)
                        drop.add(k)
                        continue
                    key = (end, mask(text), pos)
                    # (a page too short for its top and bottom to be apart: any place is at its edge)
                    zone.append((k, key, -1 if len(body) <= 2 * _ZONE else 2 * at + (end == "bottom")))
                    if key not in seen:
                        seen.add(key)
                        counts[key] += 1
        need = max(2, (len(pages) + 1) // 2)
        # the text's first line is its title, also where each later page repeats it as a running header
        # (fail safe: a running line kept once is a paragraph; the title lost is a wrong document)
        first = next((k for k, line in enumerate(lines) if line.strip()), -1)
        title = (
            first
            if first in pages[0] and not names_policy(lines[first], drug) and not _names_publisher(lines, first)
            else -1
        )
        # a running line stands at its page's edge, or under others (``CLINICAL POLICY`` / its title) — on the
        # first page, under the title and fields too: a line repeated at the same place further in, under
        # text, is the text (a heading the contents list above names, where a page's break fell as far above)
        edge, group = True, -1
        placed: list[tuple[int, tuple[str, str, int]]] = []
        for k, key, where in zone:
            edge = (where != group or edge or where < 2) and counts[key] >= need  # (where < 2: the first page)
            group = where
            if edge:
                placed.append((k, key))
        again = Counter(key for _, key in placed)  # (one line a key on a page)
        drop.update(k for k, key in placed if again[key] >= need)
        for page in pages[1:]:  # the running header of a policy too short for repetition to show it
            drop.update(k for k in [k for k in page if lines[k].strip()][:_ZONE] if names_policy(lines[k], drug))
        for page in pages[:-1]:  # (or a copy that writes the next page's header above this one's page number)
            drop.update(k for k in [k for k in page if lines[k].strip()][-_ZONE:] if names_policy(lines[k], drug))
        if remove:
            drop.update(_displaced_running(st, pages, {key for key in counts if counts[key] >= need}, drop))
        # (a first line that puts together names the head writes below it on lines of their own is the running
        # header's first copy, also where no later page repeats it — a one-page print: the head has the title)
        # (names below that are themselves running lines dropped here are no head: the first line is then the
        # title a later page's header repeats in parts)
        joined = title >= 0 and (
            _joins_head(lines, title)
            if title in drop
            else _joins_head(["" if k in drop else line for k, line in enumerate(lines)], title)
        )
        # (and a first line that every later page repeats at its top while the head right below writes it again
        # on a line of its own — a Word file's running header above its own head: the head's copy stays)
        joined = joined or (title in drop and _again_below(lines, title, [k for k in pages[0] if k not in drop]))
        # (or a first line every later page repeats that sets the plan, the title and the policy's number apart by
        # dashes or bars, the head below writing the title and the number again: a Word file's running header)
        joined = joined or (title in drop and _parts_below(lines, title, [k for k in pages[0] if k not in drop]))
        # (or a first line every later page repeats that names the policy's number, the head below it writing that
        # number and every other word of it again: ``<plan> Medical Policy <ID> <title>`` over ``<title> (<short>)``
        # / ``<plan> (<short>) – Medical Policy`` / ``Policy Number   <ID>`` — a running header, the head the title)
        joined = joined or (title in drop and _numbered_header(lines, title, [k for k in pages[0] if k not in drop]))
        # (or a first line every later page repeats that is only the plan, the kind of document and the number the
        # head writes again: ``<plan> – Medical Policy UM-MP-017`` over the title and ``Policy Number: UM-MP-017``)
        joined = joined or (title in drop and _plan_kind_number(lines, title, [k for k in pages[0] if k not in drop]))
        # (or a first line every later page repeats that is a source's short name, a bar or a dash, and a name the
        # head below writes on a line of its own: ``<plan> | <drug> (<generic>)`` over ``<plan>, Inc. Prior
        # Authorization Criteria`` / ``<drug> (<generic>)`` — a running header, the head's line the title)
        joined = joined or (title in drop and _source_over_head(lines, title, [k for k in pages[0] if k not in drop]))
        if joined:
            drop.add(title)
        if title >= 0 and not (page_number_line(lines[title]) or stamped(lines[title]) or joined):
            running = title in drop
            drop.discard(title)
            # (and, where the first line is itself a running line, the rest of a running header of several lines
            # right under it, ``<plan>`` / ``<title>``: the first page's copy is the head's, whatever line of it
            # the title is — a running header printed under a title of its own stays furniture)
            for k in [k for k in pages[0] if running and k > title and lines[k].strip()][: _ZONE - 1]:
                if k not in drop or page_number_line(lines[k]) or stamped(lines[k]):
                    break
                drop.discard(k)
        drop -= _first_page_fields(lines, pages[0], drop, fields)
        head, copies = head_repeated(lines, pages, {k for k in range(len(lines)) if st.lines.origin(k) in known})
        if copies and _said_below(lines, sorted(head), pages[0]):
            # (the first page's copy too, where the head below it says all its words again — ``<plan>`` / ``Medical
            # Policy MP-0317`` over ``<plan> Medical Policy: <title>`` / ``Policy Number: MP-0317``: a running
            # header on every page, the head's own lines the document's title and fields)
            drop |= head
            head = set()
        drop = (drop | copies) - head
        drop |= _edge_notices(lines, drop)
        if remove:  # (each line of a running header a line of its own: wrapped text would join the plan and title)
            apart = sorted(head)[:-1]
    ends = {st.lines.origin(k) for k in apart}
    _drop_furniture(st, drop, remove)
    if ends:
        _set_apart(st, [k for k in range(len(st.lines)) if st.lines.origin(k) in ends and st.lines[k].strip()])


# a running line that names the publisher and the policy's number (``Noridian Healthcare Solutions – L34049``): a
# name, a dash or a bar, and a code of letters and digits the text writes again as a field's value
_PUBLISHER_AND_ID = lazy(r"^(?P<name>[^\d:|–—]+?)\s+[–—|-]\s+(?P<id>(?=[\w.-]*\d)(?=[\w.-]*[A-Za-z])[\w.-]{3,})$")


def _names_publisher(lines: Sequence[str], k: int) -> bool:
    """Whether line ``k`` names a publisher and the policy's number only, the number written again further on
    (``LCD ID: L34049``): a running header, never the title (a title names what the policy covers)."""
    m = _PUBLISHER_AND_ID.match(lines[k].strip())
    if m is None:
        return False
    code = re.compile(rf"(?<![\w.-]){re.escape(m.group('id'))}(?![\w-])")
    return any(code.search(line) for j, line in enumerate(lines) if j != k and lines[j].strip() != lines[k].strip())


def _joins_head(lines: Sequence[str], k: int) -> bool:
    """Whether line ``k``, the text's first, puts together two or more of the names the head below it writes on
    lines of their own (``<plan> Medical Policy <title>`` over ``<plan>`` / ``Medical Policy`` / ``<title>``, or
    ``<plan> Medical Policy MP-0117`` over ``Policy Number: MP-0117``): the running header's first copy, never
    the title, which the head writes below it."""
    return joins_names(lines[k], head_names(list(lines[k + 1 :])))


_RESERVED = lazy(r"\ball rights reserved\b", re.I)
_NOTICE = 100  # characters: a footer's notice is short (a disclaimer's paragraph that names a copyright is not)
_NOTICE_END = lazy(r"(?:[.)]|\breserved)\s*$", re.I)
_NOTICE_REACH = 2  # lines between a page's number and its footer's notice
_HEAD_NAMES = 6  # the head's first lines, among them the title a running header writes shorter
_RUNNING_WORDS = 3  # (a running title names the policy: ``Imaging of the Spine``; two words may be a heading)


def _in_order(words: list[str], line: list[str]) -> bool:
    """Whether ``words`` all stand in ``line``, in their order (others may come between)."""
    it = iter(line)
    return all(w in it for w in words)


def _edge_notices(lines: Sequence[str], drop: set[int]) -> set[int]:
    """A page's copyright notice and running title next to its page number, in a document too short for
    repetition to show them (``Page 1 of 2`` / ``Imaging of the Spine`` / ``Copyright © 2026 <org>. All Rights
    Reserved.``, then the next page's text): the notice within two lines of a page-number line but the last; the
    running title — the head's title written shorter, its words in their order among a head line's — only between
    two lines of furniture (a heading at a page's top has its text below it, never more furniture)."""
    texts = [k for k in range(len(lines)) if lines[k].strip()]
    found: set[int] = set()
    numbers = [i for i, k in enumerate(texts) if page_number_line(lines[k])]
    # (not by the last page's number: a notice closing the document is its last paragraph, which the reader keeps)
    for i in numbers[:-1]:
        for j in texts[max(0, i - _NOTICE_REACH) : i + _NOTICE_REACH + 1]:
            t = lines[j].strip()
            # a footer's notice ends where its line does; one that runs on (``… exclusively owned by``) opens the
            # closing paragraph of a document whose last page follows, page number or not
            if copyright_notice(t) and (_RESERVED.search(t) or len(t) <= _NOTICE) and _NOTICE_END.search(t):
                found.add(j)
    gone = drop | found
    head = [fold_name(lines[k]).split() for k in texts[:_HEAD_NAMES]]
    for i in range(_HEAD_NAMES, len(texts) - 1):
        k = texts[i]
        if k in gone or texts[i - 1] not in gone or texts[i + 1] not in gone:
            continue
        words = fold_name(lines[k]).split()
        if len(words) >= _RUNNING_WORDS and not _TERMINAL.search(lines[k]) and any(_in_order(words, h) for h in head):
            found.add(k)
    return found


def _drop_furniture(st: Styled, drop: set[int], remove: bool) -> None:
    """Take the lines ``drop`` out (``remove``) or blank them, and say so."""
    if not drop:
        return
    what = "running headers, footers, page numbers"
    st.diagnostics.append(Diagnostic("note", f"removed {len(drop)} line(s) of page furniture ({what})"))
    if not remove:
        for k in drop:
            st.lines.blank(k)
        return
    gone = set(drop)
    for k in sorted(drop):  # and the blank lines around each furniture line
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(st.lines) and (not st.lines[j].strip() or j in drop):
                gone.add(j)
                j += step
    st.lines.keep(k for k in range(len(st.lines)) if k not in gone)


# --- flattened text --------------------------------------------------------------------------------------------

_HEADER_KEYS = lazy(rf"\s+(?={alternatives(FIELDS + HEADER_LINKS)}\b)")
_SPLIT_HEADER = lazy(rf"{re.escape(TITLE)}:.*\s{alternatives(FIELDS[:2])}:")


_SIDE_LINK = lazy(rf"^(?P<field>{alternatives(FIELDS)}:.*?) {{2,}}(?P<link>{alternatives(HEADER_LINKS)})\s*$")
_FIELD_LINE = lazy(rf"^{alternatives((TITLE, *FIELDS))}:")


def _side_cells(line: str) -> tuple[str, list[str]] | None:
    """A header field's line that carries a second column's cells after a tab (a print's or a copy's header box:
    ``Effective Date: 03.01.12`` ⇥ ``Revision Log``, the links or a logo's words beside the fields) as the field
    and those cells, or ``None``.  A label whose value is the cell after it (``Effective Date:`` ⇥ ``03.01.12``)
    keeps that value; an empty cell is no text."""
    if "\t" not in line or not _FIELD_LINE.match(line.strip()):
        return None
    cells = [c.strip() for c in line.strip().split("\t")]
    field = cells.pop(0)
    if field.endswith(":") and cells and cells[0]:
        field = f"{field} {cells.pop(0)}"  # (the label's cell, then its value's)
    return field, [c for c in cells if c]


def _side_links(st: Styled) -> None:
    """Text set beside the header fields on the fields' lines — links two spaces or more after a field in
    ``-layout`` text, any cell after a tab (a print's header box: the links, a logo's words), a link on a line
    of its own between two fields (the box read a cell a line) — moved after the last field, where the PDF layer
    reads a column beside them: the fields read whole, no word lost."""
    links: list[str] = []
    last = None
    # (a link a line of its own between two fields: the box beside them read a cell a line, each beside its field)
    fields = [k for k, line in enumerate(st.lines[:200]) if _FIELD_LINE.match(line.strip())]
    for k, line in enumerate(st.lines[:200]):
        m = _SIDE_LINK.match(line.strip())
        if m:
            st.lines.set(k, m.group("field").rstrip())
            links.append(m.group("link"))
        elif (side := _side_cells(line)) is not None:
            st.lines.set(k, side[0])
            links.extend(side[1])
        elif fields and fields[0] < k < fields[-1] and _LINK.match(" ".join(line.split())):
            st.lines.set(k, "")
            links.append(" ".join(line.split()))
        if _FIELD_LINE.match(st.lines[k].strip()):
            last = k
    if links and last is not None:
        extra = [x for link in links for x in ("", link)]
        st.lines.insert_after(last, extra)


def _header_pass(st: Styled) -> None:
    _side_links(st)
    title = next((k for k, line in enumerate(st.lines) if line.strip()), None)
    if title is not None and _SPLIT_HEADER.search(st.lines[title]):  # the header fields on the title's line
        parts = [p.strip() for p in _HEADER_KEYS.split(st.lines[title]) if p.strip()]
        _replace(st, title, parts)


def _replace(st: Styled, k: int, parts: list[str]) -> None:
    """Put ``parts`` where line ``k`` was, one a line, with the blank line between them the export style has."""
    lines: list[str] = []
    for p in parts:
        if lines:
            lines.append("")
        lines.append(p)
    st.lines.replace(k, k + 1, lines)


# Section headings as the family writes them: text run on after one of these is split off.
# The text after the heading must begin a sentence of its own: a lowercase word goes on the heading's
# words as the subject of a sentence (``Policy/Criteria provided in section I is considered …``).
_HEADINGS = lazy(rf"^(?P<head>{'|'.join(RUN_ON_HEADINGS)})\s+(?P<rest>[^\sa-z].*)$")


def runs_on_from_heading(line: str) -> bool:
    """Whether ``line`` starts with a section heading the text front splits off (text run on after it)."""
    return bool(_HEADINGS.match(line))


_CRITERIA_HEAD = lazy(rf"^{alternatives(CRITERIA_SECTIONS)}\.\s")
_OTHER_HEAD = lazy(
    rf"^(?:{alternatives(OTHER_SECTIONS)}\.\s|{APPENDIX}|{re.escape(CODING)}|{re.escape(REMINDER)}|{re.escape(REVISION_LOG_START)})"
)
_REFERENCES_HEAD = lazy(rf"^{REFERENCES_SECTION}")
# a list marker inside a line: after a space, before a space; the split check decides
_INLINE = lazy(r"(?<=\s)(?P<m>[A-Z]|\d{1,3}|[a-z]{1,5})\.(?=\s+\S)")
_INLINE_NOTE = lazy(r"(?<=\s)\*(?=[A-Z])")
_SET_LETTER_ONLY = re.compile(r"[A-Z]\.")
_INLINE_APPROVAL = lazy(rf"(?<=\s)(?={APPROVAL}:)")
_LOB_WORD = lazy(rf"(?<=\s)(?={alternatives(LINES_OF_BUSINESS)}\b[^–—\n]{{0,40}}?\s[–—]\s)")
# what a line with something run on into it must hold (a cheap test before the real one)
_MAYBE_INLINE = lazy(
    rf"(?:[;:.*]|\b(?:or|and))\s+(?:[A-Z]|\d{{1,3}}|[a-z]|{ROMAN_LOWER})\.\s|\s\*[A-Z]|\s{APPROVAL}:"
    rf"|\S\s+{alternatives(LINES_OF_BUSINESS)}\b[^–—\n]{{0,40}}?\s[–—]\s"
)
# What a line that _MAYBE_INLINE matches must hold besides (a line of business and its duration need a
# dash): it starts with a whitespace character, which the regular-expression engine skips to, where
# _MAYBE_INLINE is tried at every character of every line
_MAYBE_INLINE_CUE = re.compile(
    rf"\s(?:(?<=[;:.*rd\s]\s)(?:[A-Z]|\d{{1,3}}|[a-z]|{ROMAN_LOWER})\.\s|\*[A-Z]|{APPROVAL}:)"
)
_STARTS_MARKER = re.compile(r"^(?P<m>[A-Z]|\d{1,3}|[a-z]{1,5})\.\s")
_ANNOUNCES = lazy(r":\**\s*$")
_ENDS_CRITERION = lazy(r"(?:[;:.]\**|\b(?:or|and))\s*$")
_DURATION_END = lazy(r"(?:months?|weeks?|days?|years?|longer|shorter|less|date)\)?\.?\s*$", re.I)


def _roman(label: str) -> int | None:
    return next((v for k, v in readings(label) if k is MarkerKind.ROMAN), None)


_LADDER_KIND = {MarkerKind.NUMBER: "num", MarkerKind.LETTER: "alpha", MarkerKind.ROMAN: "roman"}
_CHILD = {"set": "num", "num": "alpha", "alpha": "roman", "roman": "num"}  # the ladder under each level


@dataclass(slots=True)
class _Ladder:
    """The open marker levels of a criteria list (``A.`` sets, then ``1.`` → ``a.`` → ``i.``)."""

    levels: list[tuple[str, int]] = field(default_factory=list)  # (kind, last value), outermost first

    def readings(self, label: str) -> list[tuple[str, int]]:
        """The ladder's kinds of a label (:func:`~policyvc.parser.markers.readings`): an upper-case
        letter is a set, a lower-case letter or roman numeral an item."""
        if label.isupper():
            return [("set", v) for k, v in readings(label) if k is MarkerKind.LETTER]
        if not (label.isdigit() or label.islower()):
            return []
        return [(_LADDER_KIND[k], v) for k, v in readings(label)]

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
    cue = "–" in line or "—" in line or _MAYBE_INLINE_CUE.search(line)
    if not cue or not _MAYBE_INLINE.search(line):
        return [line]  # nothing run on in this line (most lines of most files)
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
            if kind == "approval" and start == 0 and _SET_LETTER_ONLY.fullmatch(before.strip()):
                # (``B. Approval duration: …``: a copy that letters the duration with its sets keeps the letter
                # on the duration's line, where the grammar reads it)
                segment = kind
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
                _replace(st, k, pieces)
                changed += 1
                k += 2 * len(pieces) - 1
                continue
        k += 1
    if changed:
        st.diagnostics.append(Diagnostic("note", f"split {changed} line(s) of text run together (copied text)"))


# (a dash before a marker is no item of its own, also when an export emphasised the marker: ``- (*a*) …``)
_DASH_ITEM = lazy(
    rf"^(?P<indent>[ \t]*)[-•\uf0b7][ \t]+"
    rf"(?!\(?\*{{0,2}}(?:[A-Za-z]|\d{{1,3}}|{ROMAN_LOWER})\*{{0,2}}[.)])(?P<text>\S.*)$"
)
_EXPLICIT_LABEL = lazy(rf"^[ \t]*(?:[-•][ \t]+)?(?P<m>\d{{1,3}}|[a-z]|{ROMAN_LOWER})[.)][ \t]")
_SET_LINE = lazy(r"^[A-Z]\.\s")
_CRITERIA_START = lazy(rf"(?m)^\W{{0,4}}{CRITERIA_SECTIONS[0]}\.\s")
_CRITERIA_END = lazy(rf"(?m)^\W{{0,4}}{alternatives(OTHER_SECTIONS)}\.\s")
_ANY_DASH = lazy(rf"(?m)^[ \t]*[-•\uf0b7][ \t]+(?!\(?(?:[A-Za-z]|\d{{1,3}}|{ROMAN_LOWER})[.)])")


def _dash_marker(depth: int, n: int) -> str:
    kind = depth % 3
    if kind == 0:
        return f"{n}."
    if kind == 1:
        return f"{chr(ord('a') + (n - 1) % 26)}."
    return f"{to_roman(n)}."


def _dash_pass(st: Styled) -> None:
    """Criteria written as ``- `` items (a list copied or converted without its numbers): each gets the
    next marker of its level, the level told by its indentation (``1.`` → ``a.`` → ``i.``)."""
    in_criteria = False
    stack: list[list[int]] = []  # [indent, count] per open level
    indents: dict[int, int] = {}  # the indentation seen for each level
    count = 0
    text = "\n".join(st.lines)
    start = _CRITERIA_START.search(text)
    end = _CRITERIA_END.search(text, start.end()) if start else None
    if start is None or not _ANY_DASH.search(text, start.end(), end.start() if end else len(text)):
        return  # no dash items among the criteria (bullets elsewhere are bullets)
    row_above = False  # (the line above is a table's row, its cells set apart by tabs)
    for k, text in enumerate(st.lines):
        if not text:
            continue
        raw = inline_clean(text)  # what the normaliser will make of it: no-break spaces, soft hyphens …
        line = raw.strip().strip("*").strip()
        cell = row_above and raw.startswith("\t")  # (``\t• …`` under a row: its cell's next bullet, no criterion)
        row_above = "\t" in raw.strip("\t ") or cell
        if cell:
            continue
        if _CRITERIA_HEAD.match(line):
            in_criteria, stack = True, []
            continue
        if _OTHER_HEAD.match(line):
            in_criteria, stack = False, []
            continue
        if not in_criteria:
            continue
        if _SET_LINE.match(line):
            stack = []
            continue
        em = _EXPLICIT_LABEL.match(raw)
        if em:  # an explicit marker among the dashes: its level goes on from it
            label = em.group("m")
            depth = 0 if label.isdigit() else 2 if _roman(label) and (len(label) > 1 or len(stack) > 2) else 1
            value = int(label) if label.isdigit() else (_roman(label) or 0) if depth == 2 else ord(label[0]) - 96
            del stack[depth:]
            while len(stack) < depth:
                stack.append([indents.get(len(stack), 4 * len(stack)), 0])
            # (an item that leads in a list, ``3. … for one of the following reasons:``: the dashes right under it
            # are its items, also where the copy set them at its own indentation — a Word file's bullets under a
            # numbered item, their indentation dropped: under it, never its level's next numbers)
            lead = line.rstrip("*").rstrip().endswith(":")
            stack.append([-1 if lead else indents.get(depth, 4 * depth), value])
            continue
        m = _DASH_ITEM.match(raw)
        if not m:
            continue
        indent = len(m.group("indent").expandtabs(4))
        while stack and stack[-1][0] > indent:
            stack.pop()
        if stack and stack[-1][0] == indent:
            stack[-1][1] += 1
        else:
            stack.append([indent, 1])
        depth = len(stack) - 1
        indents[depth] = indent
        st.lines.set(k, f"{_dash_marker(depth, stack[-1][1])} {m.group('text')}")
        count += 1
    if count:
        st.diagnostics.append(Diagnostic("note", f"numbered {count} criteria written as `- ` items"))


# --- hard-wrapped text (pdftotext) ----------------------------------------------------------------------------

# (``–`` and ``·``: the glyphs a document read by its outline keeps its second and third bullet levels in)
_BLOCK_START = lazy(
    rf"^(?:(?:[A-Z]|\d{{1,3}}|[a-z]|{ROMAN_LOWER})[.)]\s|[1-9]\d?(?:\.(?:[1-9]\d?|0)){{1,4}}\.\s|\((?:\d{{1,3}}|[a-z]|{ROMAN_LOWER})\)\s|[-–·•▪◦●∙\uf0b7\uf0a7]\s|\*\S|"
    rf"{alternatives(CRITERIA_SECTIONS + OTHER_SECTIONS)}\.\s|{APPENDIX}|{APPROVAL}|"
    rf"{alternatives((TITLE, *FIELDS))}:|"
    rf"{alternatives((*LINES_OF_BUSINESS, 'All lines of business'))}[^–—]{{0,40}}?\s[–—]\s)"
)
_WHOLE_LINE = lazy(
    rf"^(?:{'|'.join(WHOLE_LINE_HEADINGS)}|{APPROVAL}:?|"
    rf"{alternatives(CRITERIA_SECTIONS + OTHER_SECTIONS)}\.\s.*|{APPENDIX}.*|{alternatives(FIELDS)}:.*)$"
)
_BROKEN_WORD = lazy(r"\w-$")  # a line ending inside a word broken at its hyphen
# (a word processor's legal numbering too: ``1.1.``, ``2.3.1.``)
_LONE_MARKER = lazy(rf"^(?:{LABEL}[.)]|[1-9]\d?(?:\.(?:[1-9]\d?|0)){{1,4}}\.|[•▪◦●∙\uf0b7\uf0a7-])$")
# a labelled line: ``Boxed warning(s): none``, ``gMG: generalized myasthenia gravis``
_BULLETS = frozenset("-•")  # a bullet alone on its line (normalised glyphs)
_LABELLED = lazy(r"^(?:[A-Z]|[a-z]+[A-Z])[\w-]*(?:\(s\))?(?: [\w/-]+(?:\(s\))?){0,5}: \S")
_TERMINAL = lazy(r"[.;:!?][)*\"”’]*[¹²³⁰⁴-⁹]*$")  # (a footnote's superscript after the stop: ``… workload.¹``)
_BAR_ROW = lazy(r"^[^|\t]*\S(?:\s+\|\s+|\t+)\S")  # a table's row, cells set apart by bars or tabs (``64568 | …``)
_GRID_ROW = lazy(r"^\s*[A-Z][\w()/&,.' -]{1,40}?\S {3,}\S")  # a label, a layout's gap, its value
_HEAD_TITLE = 30  # (outline) the lines of the head where a title stands above its fields
# (outline) a plan's name in a line of the head: ``<name> Health Plan``, ``<name> Community Health Plans``
_PLAN_LINE = lazy(r"\bhealth\s*plans?\b", re.I)
# (outline) a line of the head ending in a kind of document (``… Pharmacy Prior Authorization Policy``)
_KIND_END = lazy(r"\b(?:Polic(?:y|ies)|Criteria|Guidelines?|Bulletin|Protocol)\s*$", re.I)
# (outline) a name in parentheses alone on its line (``(Trikafta®)``, ``(emicizumab-kxwh)``): a word in lower case
# in it, never an acronym alone (``(LCD)``, ``(NGS)``: a contractor's or a program's, read by their own rules)
_BRAND_ALONE = lazy(r"^\((?=[^()]*[a-z])[^()]{2,60}\)[®™]?$")
_LABEL_BLOCK = 2  # (outline) labels alone in a row that make a header table's block of labels
_PHRASE_WORDS = 8  # (outline) words of a subheading in sentence case (``outline._SUBHEADING_WORDS``)
_SHORT_LINE = 0.8  # (outline) a line shorter than this share of the width stops short of it
# (outline) a decimal-numbered heading: ``2.2 Repeat Home Sleep Apnea Testing``, a few words, no sentence's end
# (or numbered under a guideline's identifier: ``CD-2.1: General Information``)
_DECIMAL_TITLE = lazy(
    r"^(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|[A-Z]{1,5}-\d{1,3}(?:\.\d{1,2}){1,3}\s*[:–—-])\s+[A-Z](?:[^.;:!?\s]*\s?){0,11}$"
)
# (outline) a decimal outline number before a capital (``3.1.3 The device is …``): an item's or a section's start
_DECIMAL_START = lazy(r"^(\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+(?=[A-Z(])")


def _decimal_parts(number: str) -> tuple[int, ...]:
    """``3.1.0`` → ``(3, 1)``: a decimal outline number's parts, trailing zeros not counted (``3.0`` is ``3``)."""
    parts = [int(p) for p in number.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _decimal_follows(line: str, started: set[tuple[int, ...]]) -> bool:
    """Whether ``line`` starts with a decimal outline number (``3.1.3 The device …``) that goes on the document's
    numbering from a block already started: the next of one (``3.1.2`` → ``3.1.3``, ``3.1`` → ``3.2``) or the first
    under one (``3.1.3`` → ``3.1.3.1``, ``3.0`` → ``3.1``).  A number nothing above leads to (``2.5 Mg …``
    wrapped onto a line, ``1.5 times …``) starts nothing."""
    m = _DECIMAL_START.match(line)
    if m is None:
        return False
    parts = _decimal_parts(m.group(1))
    if len(parts) < 2:
        return False
    before = (*parts[:-1], parts[-1] - 1)
    return before in started or (parts[-1] == 1 and parts[:-1] in started)


# Tables pdftotext reads cell by cell (each cell a block of its own), found by their known header rows
# (:data:`~policyvc.parser.vocabulary.KNOWN_TABLES`).
_FIRST_CELLS = tuple(t.header[0] for t in KNOWN_TABLES)
_HEADER_WORDS = frozenset(t.header[0].split(" ", 1)[0] for t in KNOWN_TABLES)  # what a header row starts with
_HEADER_STARTS = tuple(t.header[0].lower() for t in KNOWN_TABLES)
_HEADER_INITIALS = frozenset(t.header[0][0] for t in KNOWN_TABLES)  # (a line starting otherwise starts none)
_HEADER_TEXTS = tuple(" ".join(h) for t in KNOWN_TABLES for h in t.headers())  # (several cells may share a line)
_REVISION_DATE = lazy(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
_PT_DATE = lazy(r"^\d{1,2}[./]\d{2,4}$")


_HEADER_LINES = 6  # a known header spelled over at most this many lines before the one that ends it


def _spells_header(st: Styled, chunk: list[int], norm: str) -> bool:
    """Whether the lines of ``chunk`` from a known header's first cell on, and then ``norm``, spell that
    header whole."""
    for start, k in enumerate(chunk):
        first = " ".join(st.lines[k].split())
        if first[:1] in _HEADER_INITIALS and any(h.startswith(first) for h in _HEADER_TEXTS):
            joined = " ".join([*(" ".join(st.lines[j].split()) for j in chunk[start:]), norm])
            return joined in _HEADER_TEXTS
    return False


def _chunks(st: Styled, furniture: set[int]) -> list[list[int]]:
    """Runs of consecutive text lines, split at blank lines (furniture lines do not split them)."""
    out: list[list[int]] = [[]]
    for k, line in enumerate(st.lines):
        if k in furniture:
            continue
        if not line.strip():
            if out[-1]:
                out.append([])
            continue
        norm = " ".join(line.split())
        header = norm[:1] in _HEADER_INITIALS and any(h.startswith(norm) for h in _HEADER_TEXTS)
        # a header spelled a cell or two a line with no blank line after it (a viewer's copy): the line that
        # ends it (``HCPCS`` / ``Codes`` / ``Description``) is its cell, not a heading, and the rows start a
        # block of their own, as under a blank line
        completes = bool(out[-1]) and _spells_header(st, out[-1][-_HEADER_LINES:], norm)
        if norm in _HEADER_TEXTS and out[-1]:  # (a whole header on one line, under text: a block of its own)
            out.append([])
            completes = True
        if completes:
            out[-1].append(k)
            out.append([])
            continue
        if out[-1] and header:
            out.append([])  # a known table's first header cell (or cells) right under a paragraph
        elif out[-1] and _WHOLE_LINE.match(line.strip()):
            out.append([])  # a heading right under a table's last cell (it ends the table)
        elif out[-1] and _cells_across_furniture(st, out[-1][-1], k):
            out.append([])
        out[-1].append(k)
    return [c for c in out if c]


_KEYS = tuple(t.key for t in KNOWN_TABLES if t.key is not None)


def _cells_across_furniture(st: Styled, j: int, k: int) -> bool:
    """Lines ``j`` and ``k`` had page furniture between them (taken out with the blank lines around it)
    and are separate cells, which the blank lines kept apart: one is a key cell (``Q5125``, ``TX``), or
    the line after the page break does not go on in lower case (a cell's text going on to the next page)."""
    if st.lines.origin(k) - st.lines.origin(j) <= 1:
        return False
    if any(key.match(line.strip()) for key in _KEYS for line in (st.lines[j], st.lines[k])):
        return True
    return not st.lines[k].strip()[:1].islower()


def _cell(st: Styled, chunk: list[int]) -> str:
    text = ""
    for k in chunk:
        line = " ".join(st.lines[k].split())
        text = join_wrapped(text, line) if text else line
    return text


def _table_pass(
    st: Styled,
    furniture: set[int],
    headings: frozenset[str] = frozenset(),
    tables: tuple[KnownTable, ...] = KNOWN_TABLES,
) -> None:
    """Put the known tables pdftotext spread over one block per cell back into tab-separated rows; a table ends
    at a heading of ``headings`` too (the template's vocabulary, case-folded).  ``tables``: the ones looked for."""
    chunks = _chunks(st, furniture)
    i = 0
    while i < len(chunks):
        start = " ".join(st.lines[chunks[i][0]].split()).lower()
        if not any(h.startswith(start[:12]) or start.startswith(h[:12]) for h in _HEADER_STARTS):
            i += 1  # (no known header starts here: the common case, checked without joining the block)
            continue
        for table in tables:
            _first_row_with_names(st, chunks, i, table)
            found = _known_header(st, chunks, i, table)
            if found is None and (headed := _log_under_heading(st, chunks, i, table)) is not None:
                # (the log's name a heading over its table, its first column's name right under it in one block:
                # the heading stays a line of its own)
                chunks[i : i + 1] = [chunks[i][:1], chunks[i][1:]]
                i, found = i + 1, headed
            if found is None:
                continue
            header, n = found
            key = table.key
            if not all(header):
                # (a column the text never names: its cells are not told from the others' for sure)
                st.diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"the `{header[0]}` table names {sum(1 for c in header if c)} of its {len(header)} columns"
                        " in the text: its cells kept as text",
                        line=st.lines.origin(chunks[i][0]),
                    )
                )
                continue
            if key is not None:
                chunks[i + n :] = _split_at_keys(st, chunks[i + n :], key)
            rows, j = _table_rows(st, chunks, i + n, table, headings, header)
            first = chunks[i][0]
            if not rows and not table.revision_log:
                # (its rows not told apart — a viewer's copy with cells one space apart that do not have
                # the columns' shapes: the text as it is, never a table with its rows left out)
                st.diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"the `{' | '.join(header)}` table's rows cannot be told apart: kept as text",
                        line=st.lines.origin(first),
                    )
                )
                break
            for c in chunks[i:j]:
                for k in c:
                    st.lines.set(k, "")
            st.lines.set(first, "\n".join("\t".join(r) for r in [list(header), *rows]))
            i = j - 1
            break
        i += 1
    st.lines.split_lines()  # a line now holding several rows is split into lines


def _cell_grid_pass(st: Styled) -> None:
    """Tables reading order printed a cell a block with no key, their rows told by their columns' shapes
    (:func:`~policyvc.parser.cell_grids.read_cell_grid`: a therapeutic-alternatives or quantity table whose
    known header the table pass did not pair, a row set on one line among its cells; or a column a block,
    :func:`~policyvc.parser.cell_grids.read_column_blocks`), as tab-separated rows."""
    from policyvc.parser.cell_grids import read_cell_grid, read_column_blocks, text_words
    from policyvc.parser.column_blocks import read_named_column_blocks

    lines = list(st.lines)
    words = functools.cache(lambda: text_words(lines))
    k = 0
    while k < len(lines):
        grid = None
        if lines[k][:1].isupper():
            grid = (
                read_cell_grid(lines, k, lambda j: False, words)
                or read_column_blocks(lines, k, lambda j: False)
                or read_named_column_blocks(lines, k, lambda j: False)  # (a column a block under its name)
            )
        if grid is None:
            k += 1
            continue
        for j in range(grid.start, grid.end):
            st.lines.set(j, "")
        st.lines.set(grid.start, "\n".join("\t".join(r) for r in [grid.header, *(c for _, c in grid.rows)]))
        k = grid.end
    st.lines.split_lines()


_LOG_HEAD_ROW = lazy(rf"^\W{{0,4}}{re.escape(REVISION_LOG_START)}[^\t]*\t")


def _log_header_rest_pass(st: Styled) -> None:
    """A revision log's header row whose cells a print wrapped, their last lines written as the next row with its
    first cell empty (``Reviews, Revisions, and Approvals`` ⇥ ``Date`` ⇥ ``P&T Approval`` / ⇥ ⇥ ``Date``: a
    table with no rules whose widest line is no box's edge, so the cell's next line seemed a paragraph of its
    own): each such line's cells joined to the header's cells above them.  Only lines right under the header
    row, the first cell empty and no digit in them — a row's cells hold a date."""
    for k in range(len(st.lines)):
        if not _LOG_HEAD_ROW.match(st.lines[k]):
            continue
        head = st.lines[k].split("\t")
        j = k + 1
        while (
            j < len(st.lines)
            and st.lines[j].startswith("\t")
            and st.lines[j].strip()
            and not any(c.isdigit() for c in st.lines[j])
        ):
            rest = st.lines[j].split("\t")
            if len(rest) > len(head):
                break
            rest += [""] * (len(head) - len(rest))
            head = [" ".join(filter(None, (a.strip(), b.strip()))) for a, b in zip(head, rest, strict=True)]
            st.lines.set(j, "")
            j += 1
        if j > k + 1:
            st.lines.set(k, "\t".join(head))


def _wrapped_log_header_pass(st: Styled) -> None:
    """A revision log's last header cell printed on two lines, its first line read before the other names and
    its last after them (a print that centres each header cell vertically: ``P&T Approval`` / ``Reviews,
    Revisions, and Approvals`` / ``Date`` / ``Date``, or a cell of three lines whose middle one shares the
    baseline of the column before it: ``P&T`` / ``Reviews, …`` / ``Date Approval`` / ``Date``): the cell's name
    whole, where its last line stood.  Only when the four lines are exactly that — the log's first names in
    order between the parts of its last."""
    nonblank = [k for k in range(len(st.lines)) if st.lines[k].strip()]
    texts = [" ".join(st.lines[k].split()) for k in nonblank]
    for p in range(len(nonblank) - 3):
        head, first, second, tail = texts[p : p + 4]
        for names in REVISION_LOG.headers():
            last = names[-1]
            # (the cell's middle line may share the baseline of the column before it: ``Date Approval``)
            middle = second[len(names[1]) :].strip() if second.startswith(f"{names[1]} ") else ""
            if (
                first == names[0]
                and (second == names[1] or middle)
                and head != last
                and " ".join(filter(None, (head, middle, tail))) == last
                and not any("\t" in st.lines[k] for k in nonblank[p : p + 4])
            ):
                st.lines.set(nonblank[p], "")
                if middle:
                    st.lines.set(nonblank[p + 2], names[1])
                st.lines.set(nonblank[p + 3], last)
                break


def _known_header(st: Styled, chunks: list[list[int]], i: int, table: KnownTable) -> tuple[tuple[str, ...], int] | None:
    """The header cells of ``table`` as the document writes them, from chunk ``i`` on (each cell a block
    of its own, or several on one block's lines), and how many chunks they take; None where it is not that
    header.  A revision log's last header cell may come after a page break, among the rows: its name is
    taken from there, or (nowhere in the table) it is ``""`` — a header cell is never a name the document
    does not write."""
    if any("\t" in st.lines[k] for k in chunks[i]):
        return None  # (a table another reader wrote as tab-separated rows already)
    for names in table.headers():
        want = " ".join(names)
        got, n = "", 0
        while i + n < len(chunks) and len(got) < len(want):
            got = f"{got} {_cell(st, chunks[i + n])}".strip()
            n += 1
        # (a block ends between two names, never inside one: ``Revision`` / ``Date`` blocks apart are two
        # columns' names, a heading above them no column's)
        if got.lower() == want.lower() and _names_whole(st, chunks[i : i + n], names):
            cells, at = [], 0
            for name in names:
                cells.append(got[at : at + len(name)])
                at += len(name) + 1
            return tuple(cells), n
    if not (table.revision_log and i + 1 < len(chunks)):
        return None
    pair = [_cell(st, chunks[i]), _cell(st, chunks[i + 1])]
    if not any(
        " ".join(pair).lower() == " ".join(names[:2]).lower() and _names_whole(st, chunks[i : i + 2], names)
        for names in table.headers()
    ):
        return None
    last = {names[-1].lower() for names in table.headers()}
    late = ""
    for chunk in chunks[i + 2 :]:
        cell = _cell(st, chunk)
        if cell.lower() in last:
            late = cell
            break
        if cell.lower() == pair[0].lower() or _WHOLE_LINE.match(cell) or cell.startswith(REMINDER):
            break  # (the header repeated on the next page, or the table's end)
    return (*pair, late), 2


def _log_under_heading(
    st: Styled, chunks: list[list[int]], i: int, table: KnownTable
) -> tuple[tuple[str, ...], int] | None:
    """The header of a log whose name is a heading over its table (``Reviews, Revisions, and Approvals``, then
    ``Revision`` / ``Date`` / ``Approval Date``): chunk ``i``'s first line the log's name, the rest of that
    block its first column's own short name, the next blocks its date columns' names whole; that header and
    how many chunks it takes after the heading's line; or None."""
    chunk = chunks[i]
    if (
        not table.revision_log
        or len(chunk) < 2
        or " ".join(st.lines[chunk[0]].split()).lower() != table.header[0].lower()
    ):
        return None
    first = _cell(st, chunk[1:])
    if not re.fullmatch(r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}", first):
        return None  # (a column's name: a few words, no date, no sentence)
    for names in table.headers():
        want = " ".join(names[1:])
        got, n = "", 0
        while i + 1 + n < len(chunks) and len(got) < len(want):
            got = f"{got} {_cell(st, chunks[i + 1 + n])}".strip()
            n += 1
        if got.lower() == want.lower() and _names_whole(st, chunks[i + 1 : i + 1 + n], names[1:]):
            at, cells = 0, [first]
            for name in names[1:]:
                cells.append(got[at : at + len(name)])
                at += len(name) + 1
            return tuple(cells), 1 + n
    return None


def _first_row_with_names(st: Styled, chunks: list[list[int]], i: int, table: KnownTable) -> None:
    """A table whose first row pdftotext read down each column with the column's name, a block a column
    (``HCPCS Codes`` / ``J3380``, then ``Description`` / ``Injection, …``), or a log whose first name alone has
    the first row's description under it (``Reviews, Revisions, Approvals`` / ``Policy created``, then ``Date``,
    ``P&T Approval Date``, then that row's dates alone: ``03.01.20 05.20``): the names put back as blocks of
    their own and the row's cells after them, column by column.  Only when the row is sure: a keyed table's
    first cell has the key's shape; a log's other names stand alone and the block after them holds dates and
    nothing else (a heading over a log whose first column has a name of its own, ``Update``, is followed by
    that row's description instead)."""
    if len(chunks[i]) < 2 or (table.key is None and not table.revision_log):
        return
    first = " ".join(st.lines[chunks[i][0]].split()).lower()
    for names in table.headers():
        if first != names[0].lower() or i + len(names) > len(chunks):
            continue
        heads: list[list[int]] = []
        tails: list[list[int]] = []
        for name, chunk in zip(names, chunks[i : i + len(names)], strict=True):
            cut = next((j for j in range(1, len(chunk) + 1) if _cell(st, chunk[:j]).lower() == name.lower()), 0)
            if not cut:
                break
            heads.append(chunk[:cut])
            tails.append(chunk[cut:])
        if len(heads) < len(names):
            continue
        if table.key is not None:
            sure = all(tails) and bool(table.key.match(st.lines[tails[0][0]].strip()))
        else:
            n = i + len(names)
            after = _cell(st, chunks[n]).split() if n < len(chunks) else []
            dates = bool(after) and all(_REVISION_DATE.match(w) or _PT_DATE.match(w) for w in after)
            sure = bool(tails[0]) and not any(tails[1:]) and dates
        if sure:
            chunks[i : i + len(names)] = [*heads, *(t for t in tails if t)]
        return


def _names_whole(st: Styled, chunks: list[list[int]], names: tuple[str, ...]) -> bool:
    """Whether each block of ``chunks`` ends where one of ``names`` (a known header's cells, in order) ends."""
    ends, at = set(), 0
    for name in names:
        at += len(name) + 1
        ends.add(at)
    got = 0
    for chunk in chunks[:-1]:
        got += len(_cell(st, chunk)) + 1
        if got not in ends:
            return False
    return True


def _split_at_keys(st: Styled, chunks: list[list[int]], key: re.Pattern[str]) -> list[list[int]]:
    """A key cell (``OH``) is a block of its own even where pdftotext set it right under the cell
    before, without a blank line."""
    out: list[list[int]] = []
    for chunk in chunks:
        part: list[int] = []
        for k in chunk:
            line = st.lines[k].strip()
            if key.match(line):
                out += [c for c in (part, [k]) if c]
                part = []
            elif _keyed_row(key, line) is not None:  # (a row a line: ``J2356 Injection, …``, a viewer's copy)
                out += [part] if part else []
                part = [k]
            else:
                part.append(k)
        if part:
            out.append(part)
    return out


def _keyed_row(key: re.Pattern[str], text: str) -> tuple[str, str] | None:
    """``(key, rest)`` of a line that is a keyed table's whole row (``J2356 Injection, tezepelumab, 1 mg``)."""
    first, _, rest = text.partition(" ")
    return (first, rest.strip()) if rest.strip() and key.match(first) else None


def _table_rows(
    st: Styled,
    chunks: list[list[int]],
    i: int,
    table: KnownTable,
    headings: frozenset[str] = frozenset(),
    header: tuple[str, ...] = (),
) -> tuple[list[list[str]], int]:
    """The rows of a table whose body starts at chunk ``i``, and the chunk after the table (``header``:
    its cells as the document writes them)."""
    rows: list[list[str]] = []
    if table.revision_log:
        return _revision_table(st, chunks, i, tuple(c for c in header or table.header if c), headings)
    n, key = len(table.header), table.key
    if table.row is not None and i < len(chunks):
        # (rows a line each, cells one space apart — a viewer's copy: read only where every line of the
        # block has the columns' shapes, else the block is the text's)
        found = [table.row.match(" ".join(st.lines[k].split())) for k in chunks[i]]
        if all(found) and not _WHOLE_LINE.match(st.lines[chunks[i][0]].strip()):
            return [[m.group(f"c{c}") for c in range(n)] for m in found if m is not None], i + 1
    while i + n - 1 < len(chunks) or (key is not None and i < len(chunks)):
        row = _keyed_row(key, _cell(st, chunks[i])) if key is not None and n == 2 else None
        if row is not None:  # the key and its description on one line, the row a block of its own
            rows.append(list(row))
            i += 1
            continue
        if key is not None and n == 2 and (centred := _centred_row(st, chunks, i, key)) is not None:
            rows.append(centred)
            i += 3
            continue
        if i + n - 1 >= len(chunks):
            break
        cells = [_cell(st, c) for c in chunks[i : i + n]]
        if key is not None and not key.match(cells[0]):
            break
        if any(_WHOLE_LINE.match(c) for c in cells) or (key is None and any(c in _FIRST_CELLS for c in cells)):
            break  # a heading, or (rows without a key) the next known table's header
        rows.append(cells)
        i += n
    return rows, i


def _centred_row(st: Styled, chunks: list[list[int]], i: int, key: re.Pattern[str]) -> list[str] | None:
    """A keyed two-column row whose description a print centred on its key's line, read back as its
    description's first line, then the key, then the rest (``Unclassified`` / ``J3590`` / ``biologics``):
    ``[key, description]``; None unless chunk ``i`` is such text, the next one a key alone and the one after
    it text again — never a heading or a key (where the rows stood apart, they are read as before)."""
    if i + 2 >= len(chunks):
        return None
    before, code, after = (_cell(st, c) for c in chunks[i : i + 3])
    if key.match(before) or not key.match(code) or key.match(after) or _keyed_row(key, after) is not None:
        return None
    if any(_WHOLE_LINE.match(c) or c in _FIRST_CELLS or c.startswith(REMINDER) for c in (before, after)):
        return None
    return [code, join_wrapped(before, after)]


def _revision_table(
    st: Styled, chunks: list[list[int]], i: int, header: tuple[str, ...], headings: frozenset[str] = frozenset()
) -> tuple[list[list[str]], int]:
    """The revision log's rows from its cells in reading order (:func:`~policyvc.parser.reading_order.revision_rows`);
    it ends at a heading (``Important Reminder``; a heading of the template's vocabulary: ``References``)."""

    def stop(text: str) -> bool:
        return bool(_WHOLE_LINE.match(text)) or text.startswith(REMINDER) or text.strip().casefold() in headings

    # (a line after one that closed its row, in the same block — a print's footer set right under the log's
    # last row, ``… is a Centene company. ©2026`` — is a block of its own: no more of that row's words)
    cut: list[list[int]] = []
    for c in chunks[i:]:
        at = [p + 1 for p, k in enumerate(c[:-1]) if row_closed(st.lines[k])]
        cut += [c[a:b] for a, b in zip([0, *at], [*at, len(c)], strict=True)]
    chunks[i:] = cut
    blocks = [[st.lines[k] for k in c] for c in chunks[i:]]
    found, n = revision_rows(blocks, header, stop)
    rows = []
    for row in found:
        text = ""
        for line in row.lines:
            text = join_wrapped(text, line) if text else line
        rows.append([text, row.date, row.pt])
    return rows, i + n


_GAP = lazy(r"\S(?:\S| (?! ))*")  # a segment: text without a run of two or more spaces


def _segments(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _GAP.finditer(line)]


def _row_starts(table: KnownTable, cols: list[str]) -> bool:
    if table.revision_log:
        return bool(_REVISION_DATE.match(cols[1].split(" ")[0])) if len(cols) > 1 and cols[1] else False
    if table.key is not None:
        return bool(table.key.match(cols[0]))
    return all(cols)  # top-aligned cells: a row's first line fills every column


def _gapped(body: list[tuple[int, list[str], bool]]) -> bool:
    """Whether a table's rows are set apart by blank lines (a browser's cell padding, a typesetter's row
    space): every line after a gap starts a first cell.  (A page break inside a table leaves no gap: the
    furniture pass takes the blank lines around the running lines out with them.)"""
    after = [cols for _, cols, blank in body[1:] if blank]  # (a gap under the header says nothing)
    return bool(after) and all(cols[0] for cols in after)


_TABLES_PART = lazy(rf"\W{{0,4}}{alternatives(TABLE_SECTIONS)}\.\s")  # the parts whose tables may have any header
_SLACK = 4  # how far pdftotext -layout may set a cell's line off its column's start


def _header_at(segs: list[tuple[int, str]]) -> KnownTable | None:
    """The known table whose header row these segments of a ``-layout`` line start, if any."""
    if len(segs) < 2:
        return None
    for table in KNOWN_TABLES:
        header = table.header
        if len(segs) == len(header) and all(h.startswith(t) for (_, t), h in zip(segs, header, strict=True)):
            return table
    return None


def _wrapped_header(lines: list[str]) -> KnownTable | None:
    """A known header row whose cells wrap (``Step Therapy`` / ``Prohibited?``) and whose columns sit a
    single space apart: the words of the first line and the next ones are the header's words."""
    first = lines[0].split()
    if not first:
        return None
    for table in KNOWN_TABLES:
        want = sorted(" ".join(table.header).split())
        if not table.header[0].startswith(first[0]) or len(first) >= len(want):
            continue
        words = list(first)
        for line in lines[1:3]:
            words += line.split()
            if sorted(words) == want:
                return table
    return None


def _split_at(parts: list[tuple[int, str]], starts: list[int], slack: int = 1) -> list[tuple[int, str]]:
    """Segments cut where a column starts after a single space (``after 250 mcg``: the text of two cells
    pdftotext set one space apart).  With columns measured on other lines (``slack`` > 1; pdftotext moves
    colliding text a few characters), the cut is the space nearest the column's start before a capital or
    a digit — where a cell's first line starts — if there is one: ``before | 10 mcg/kg/day``, not
    ``before 10 | mcg/kg/day``."""
    out: list[tuple[int, str]] = []
    for x, text in parts:
        cuts: list[int] = []
        for c in starts:
            if not x + slack < c < x + len(text) - 3:  # (text that only nears the column is its own)
                continue
            spaces = [p + 1 for p, ch in enumerate(text) if ch == " " and abs(x + p + 1 - c) <= slack]
            spaces.sort(key=lambda p: (text[p : p + 1].islower(), abs(x + p - c)))
            if spaces:
                cuts.append(spaces[0])
        for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), len(text)], strict=True):
            if text[a:b].strip():
                out.append((x + a, text[a:b].strip()))
    return out


def _cell_text(lines: list[str], width: int) -> str:
    """A cell's lines joined: wrapped lines into one paragraph; a line that starts with a capital where
    the line above would have had room for its first word, or a labelled line under a labelled paragraph
    (``AML: …`` then ``BMT: …``), starts a new paragraph (``<p>``)."""
    paragraphs: list[str] = []
    last = ""
    for t in lines:
        word = t.split(" ", 1)[0]
        fits = len(last) + 1 + len(word) < width - 2
        listed = bool(paragraphs and _LABELLED.match(paragraphs[-1]) and _LABELLED.match(t))  # ``AML: …`` ``BMT: …``
        if paragraphs and not (t[:1].isupper() and (fits or listed)):
            paragraphs[-1] = join_wrapped(paragraphs[-1], t)
        else:
            paragraphs.append(t)
        last = t
    if len(paragraphs) == 1:
        return paragraphs[0]
    return " ".join(f"<p>{p}</p>" for p in paragraphs)


def _column_starts(row: list[int], lines: Sequence[str], n: int) -> list[int] | None:
    """The starts of a row's ``n`` columns, from the segments of its lines (pdftotext places each row's
    columns anew), or None when they do not cluster into ``n``."""
    xs = sorted({x for k in row for x, _ in _segments(lines[k])})
    clusters: list[list[int]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] <= 2:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [c[0] for c in clusters] if len(clusters) == n else None


_HEADER_CELL = lazy(r"^[A-Z][^:;]{0,39}$")  # a column's label: a capital, short, no field or clause
_ANY_KEY = lazy(r"^\S+$")  # a key column: one word a row (``TX``, ``J2820``), never wrapped


def _nearest(starts: list[int], x: int) -> int:
    """The column whose start is nearest ``x``."""
    return min(range(len(starts)), key=lambda c: abs(starts[c] - x))


def _aligned_header(lines: Sequence[str], k: int) -> tuple[KnownTable, int] | None:
    """A table of a header no rule knows, found by its columns in ``-layout`` text: a line of two to six
    short labels two or more spaces apart, whose columns the next lines fill (at least one line under it
    has text at the first column and at one more of its columns).  Its labels may wrap onto the next
    lines (with the first column empty).  Returns the table (its key pattern: one word a row in the
    first column, or None) and the number of header lines."""
    segs = _segments(lines[k])
    if not 2 <= len(segs) <= 6 or not all(_HEADER_CELL.match(t) for _, t in segs) or _STARTS_MARKER.match(segs[0][1]):
        return None
    starts = [x for x, _ in segs]
    cells = [[t] for _, t in segs]
    j, head, rows = k + 1, 1, 0
    firsts: list[str] = []
    while j < len(lines) and j < k + 40:
        text = lines[j].strip()
        if not text:
            j += 1
            continue
        parts = _segments(lines[j])
        if _WHOLE_LINE.match(text) or (len(parts) == 1 and len(text) > starts[1] - starts[0] + 10):
            break
        near = {_nearest(starts, x) for x, _ in parts}
        if any(min(abs(x - c) for c in starts) > _SLACK for x, _ in parts):
            break  # text off the columns: not (or no longer) this table
        if 0 not in near and rows == 0:  # a header label wrapped onto the next line
            for x, t in parts:
                cells[_nearest(starts, x)].append(t)
            head = j - k + 1
        elif 0 in near:
            rows += len(near) > 1
            firsts.append(next(t for x, t in parts if _nearest(starts, x) == 0))
        j += 1
    if rows == 0:
        return None
    key = _ANY_KEY if all(_ANY_KEY.match(t) for t in firsts) else None
    return KnownTable(tuple(" ".join(c) for c in cells), key), head


def _assign(parts: list[tuple[int, str]], starts: list[int], n: int) -> list[list[str]]:
    """Each segment to the column whose start is nearest."""
    cols: list[list[str]] = [[] for _ in range(n)]
    for x, t in parts:
        cols[_nearest(starts, x)].append(t)
    return cols


def _layout_table_pass(st: Styled, *, log_only: bool = False) -> None:
    """Known tables in ``pdftotext -layout`` text: columns aligned with spaces under the header row.

    Rows are found first (where the key column, or every column, is filled), then each row's cells
    from the columns its own lines show; a cell's lines are joined by the word-wrap test.  ``log_only``: the
    revision log alone (a web page's copy, otherwise in reading order, whose log keeps its columns spaced
    out on each line: ``Reviews, Revisions, and Approvals      Date      P&T Approval Date``)."""
    k = 0
    appendix = False  # in parts IV and V (appendices, dosing), where a table of any header may stand
    while k < len(st.lines):
        line = st.lines[k]
        if _CRITERIA_END.match(line):
            appendix = bool(_TABLES_PART.match(line))
        if "\t" in line:  # a table already in tab-separated rows
            k += 1
            continue
        found, head = None, 1
        if line.lstrip().split(" ", 1)[0] in _HEADER_WORDS:
            found = _header_at(_segments(line))
            if found is None:
                following = [line for line in st.lines[k + 1 : k + 6] if line.strip()][:2]
                found = _wrapped_header([st.lines[k], *following]) if "  " in st.lines[k].strip() else None
                if found is not None:
                    head = next(j for j in range(k + 1, len(st.lines)) if st.lines[j].strip()) - k + 1
        if log_only and (found is None or not found.revision_log or head != 1):
            k += 1
            continue
        if found is None and appendix and "  " in line.strip():
            aligned = _aligned_header(st.lines, k)
            if aligned is not None:
                found, head = aligned
        if found is None:
            k += 1
            continue
        header, key = found.header, found.key
        segs = _segments(st.lines[k])
        starts = [x for x, _ in segs] if len(segs) == len(header) else []
        body: list[tuple[int, list[str], bool]] = []  # each line: its number, its cells, after a blank line
        line_starts: dict[int, list[int]] = {}  # the columns where each line was read
        j, blank = k + head, False
        while j < len(st.lines):
            line = st.lines[j]
            text = line.strip()
            if not text:
                blank = True
                j += 1
                continue
            parts = _segments(line)
            across = len(parts) == 1 and parts[0][0] == 0 and len(text) > (starts[1] if starts else 20) + 10
            if _header_at(parts) == found and body and st.lines.origin(j) - st.lines.origin(j - 1) > 1:
                j += 1  # the header again at the top of the next page (furniture was taken out between them)
                words = set(" ".join(header).split())
                while j < len(st.lines) and st.lines[j].strip() and set(st.lines[j].split()) <= words:
                    j += 1  # (with its wrapped cells)
                continue
            if _WHOLE_LINE.match(text) or across or _header_at(parts) is not None:
                break  # a heading, a paragraph across the columns or the next table: the table has ended
            if len(parts) == len(header):  # a full line: where the columns are now (pdftotext places them
                starts = [x for x, _ in parts]  # per page)
            if starts:
                found_cells = _assign(_split_at(parts, starts, _SLACK), starts, len(header))
                body.append((j, [" ".join(c) for c in found_cells], blank))
                line_starts[j] = starts
            blank = False
            j += 1
        rows: list[list[int]] = []  # the line numbers of each row
        gapped = _gapped(body) and key is None and not found.revision_log
        for line_no, texts, after_blank in body:
            # (a page break is a gap too: the furniture pass took its blank lines out with the running lines)
            gap = after_blank or not rows or st.lines.origin(line_no) - st.lines.origin(line_no - 1) > 1
            if (gap and bool(texts[0])) if gapped else _row_starts(found, texts):
                rows.append([line_no])
            elif rows:
                rows[-1].append(line_no)
        table: list[list[list[str]]] = []
        for row in rows:
            own = _column_starts(row, st.lines, len(header))
            cells: list[list[str]] = [[] for _ in header]
            for r in row:
                at = own or line_starts[r]
                parts = _split_at(_segments(st.lines[r]), at, 1 if own else _SLACK)
                for c, ts in enumerate(_assign(parts, at, len(header))):
                    cells[c] += ts
            if found.revision_log:  # "04.05.21 08.21": date and P&T date as one segment
                both = " ".join(cells[1]).split(" ")
                if len(both) == 2 and not cells[2] and _PT_DATE.match(both[1]):
                    cells[1], cells[2] = [both[0]], [both[1]]
            table.append(cells)
        # a column's width: its longest line (what the word-wrap test measures against)
        widths = [max((len(t) for cells in table for t in cells[c]), default=0) for c in range(len(header))]
        out = ["\t".join(header)]
        out += ["\t".join(_cell_text(ts, widths[c]) for c, ts in enumerate(cells)) for cells in table]
        st.lines.replace(k, j, out)
        k += len(out)


def _lone(line: str) -> bool:
    text = line.strip()
    return bool(_LONE_MARKER.match(text)) and text not in "•-"


def _marker_columns(st: Styled) -> None:
    """pdftotext reads a list whose markers hang in a column of their own as that column, then the
    text: ``1.`` ``2.`` ``3.`` on lines of their own, a blank line, then the items (with the lines of
    nested items, which keep their own markers, among them).  Put each marker back in front of its
    item where the items can be told apart: each ends at a sentence end (``;`` ``:`` ``.``)."""
    k = 0
    while k < len(st.lines):
        if not _lone(st.lines[k]):
            k += 1
            continue
        markers: list[int] = []
        j = k
        while j < len(st.lines) and (_lone(st.lines[j]) or not st.lines[j].strip()):
            if st.lines[j].strip():
                markers.append(j)
            j += 1
        if len(markers) < 2:
            k = j
            continue
        groups: list[int] = []  # the first line of each item
        state = ""  # "item", "nested" (an item with its own marker), "note", or "" between them
        end = j
        while end < len(st.lines):
            text = st.lines[end].strip()
            if not text:
                end += 1
                continue
            if state == "note" and text[:1].isupper():
                state = ""  # a note's wrapped lines go on in lower case: this is the next item
            if not state:
                if len(groups) == len(markers):
                    break
                state = "note" if text.startswith("*") else "nested" if _BLOCK_START.match(text) else "item"
                if state == "item":
                    groups.append(end)
            if _TERMINAL.search(text):
                state = ""
            end += 1
        if len(groups) != len(markers):
            k = j
            continue
        for m, first in zip(markers, groups, strict=True):
            st.lines.set(first, f"{st.lines[m].strip()} {st.lines[first].strip()}")
            st.lines.blank(m)
        k = end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _unmarked_items(st: Styled, blocks: list[tuple[list[int], str]]) -> None:
    """A browser draws a bulleted list's bullets as shapes, which ``pdftotext`` does not see: in
    ``-layout`` text such a list is a run of paragraphs set in from the text around them, right after a
    heading or a line announcing it (``…is indicated:``).  Give each of them back its bullet (``- ``)."""
    margin = min((_indent(st.lines[ks[0]]) for ks, _ in blocks), default=0)
    after_list = -1  # the indentation of the list being read, or -1
    for b, (ks, text) in enumerate(blocks):
        if after_list >= 0 and printed_by_browser(text):
            continue  # (a browser's stamps at a page's break, blanked later: the list goes on below them)
        indent = _indent(st.lines[ks[0]])
        if text.startswith("- ") and not _BLOCK_START.match(st.lines[ks[0]].strip()) and indent >= margin + 3:
            after_list = indent  # (an item a page's break set apart, given its bullet: the list goes on below it)
            continue
        starts = bool(_BLOCK_START.match(text) or _WHOLE_LINE.match(text)) or "\t" in text
        if indent >= margin + 3 and not starts and b > 0:
            kb, before = blocks[b - 1]
            # set in from the text of the block before (not a hanging line of a numbered item)
            column = _indent(st.lines[kb[0]]) + len(m.group(0)) if (m := _STARTS_MARKER.match(before)) else 0
            opens = bool(_WHOLE_LINE.match(before) and not _CRITERIA_HEAD.match(before)) or before.endswith(":")
            if (opens and indent > max(column, _indent(st.lines[kb[0]])) + 1) or abs(indent - after_list) <= 1:
                blocks[b] = (ks, f"- {text}")
                after_list = indent
                continue
        after_list = -1


_ACRONYM_LINE = lazy(r"^\((?P<letters>[A-Z]{2,6})\)$")
_INITIAL_WORDS = frozenset({"of", "and", "for", "the", "to", "in", "on", "&"})


def _acronym_lines(st: Styled, furniture: set[int]) -> None:
    """A line that is only the acronym, in parentheses, of the words right above it (``Local Coverage Determination``
    / ``(LCD)``: a large centred title a print wrapped, which a line's length cannot tell) goes on that line.  The
    acronym's letters are those words' initials (small words may be left out); anything else stays as written."""
    lines = st.lines
    for k in range(len(lines) - 1, 0, -1):
        m = _ACRONYM_LINE.match(lines[k].strip())
        if m is None or k in furniture or k - 1 in furniture or not lines[k - 1].strip():
            continue
        above = lines[k - 1].rstrip()
        words = [w for w in re.findall(r"[A-Za-z][\w'-]*", above) if w[:1].isupper()]
        small = [w for w in re.findall(r"[A-Za-z][\w'-]*", above) if w.lower() not in _INITIAL_WORDS]
        initials = {"".join(w[0] for w in words).upper(), "".join(w[0] for w in small).upper()}
        if m.group("letters") in initials and not re.search(r"[.;:!?]$", above):
            lines.set(k - 1, f"{above} {lines[k].strip()}")
            lines.replace(k, k + 1, [])


def _wrapped_heading(text: str, line: str, headings: frozenset[str]) -> bool:
    """Whether ``text`` (a block's text) and the ``line`` below it are one heading of ``headings`` wrapped."""
    joined = join_wrapped(text, line).removesuffix(":").casefold()
    return joined in headings and line.removesuffix(":").casefold() not in headings


_SENTENCE_LABEL = lazy(r"^(?:[IVX]{1,4}|[A-Z]|\d{1,3})\.$")  # (``Section V.``, ``Appendix B.``, ``Table 2.``)


def _marker_ends_line(lines: Sequence[str], body: list[int], i: int, above: int) -> bool:
    """Whether the marker alone on line ``body[i]`` is the last word of the sentence above it (``… does not exceed
    the limits in Section`` / ``V.`` / ``Approval duration: 12 months``): the line above, right above it, ends no
    sentence, and the line below starts a block of its own (a marker, a heading, ``Approval duration``) that the
    marker cannot be written in front of.  Only a label a sentence ends on (``V.``, ``B.``, ``12.``), never a
    bullet, and never under a heading."""
    last = lines[above].strip()
    if not _SENTENCE_LABEL.match(lines[body[i]].strip()) or not last or _TERMINAL.search(last):
        return False
    if _WHOLE_LINE.match(last):
        return False
    below = next((lines[j].strip() for j in body[i + 1 :] if lines[j].strip()), "")
    return bool(below) and bool(_BLOCK_START.match(below)) and not _LONE_MARKER.match(below)


def _wrapped_pass(
    st: Styled,
    furniture: set[int],
    headings: frozenset[str] = frozenset(),
    *,
    empty_cells: bool = False,
    silent: frozenset[int] = frozenset(),
    labels: tuple[str, ...] = (),
    form_fed: bool = True,
) -> None:
    """Text whose lines were wrapped by a PDF's layout (``pdftotext``): join each paragraph, list item,
    note and table cell back into one line, with a blank line between blocks.

    A line continues the one above unless it starts a block (a list marker, a bullet, a note, a
    heading, a header field, a duration), the line above is a whole-line heading, or the line above
    ends a sentence and was not full — the word-wrap test on character counts: its length plus the
    next line's first word stays under the usual full-line length.  A marker alone on its line
    (``I.``, ``•``) belongs to the text below it.  ``silent``: the source lines (1-based) of furniture a copy
    wrote between two lines of text, blanked before: no blank line the print kept.  ``labels``: the header
    fields' labels, each alone on its line a block of its own (a header table's cell, its value below).
    ``form_fed``: the text has pdftotext's page breaks (a print's measure, not a plain-text copy's re-wrap).
    """
    _marker_columns(st)
    alone_label = _label_alone(labels) if labels else None
    bare_label = _label_alone(labels, bare=True) if labels else None
    lines = st.lines.texts  # (read many times over, edited only at the end)
    body = [k for k, line in enumerate(lines) if k not in furniture]
    if headings:  # (outline) a browser's print furniture the page rules left: never a line of the text around it
        body = [k for k in body if not printed_by_browser(lines[k])]
    lengths = sorted(len(lines[k].rstrip()) for k in body if lines[k].strip())
    if not lengths:
        return
    full = lengths[int(len(lengths) * 0.9)]  # a line at least this long may have wrapped (URLs stick out)
    blocks: list[tuple[list[int], str]] = []
    pending_marker: tuple[int, str] | None = None
    blank = False
    tight: set[int] = set()  # (outline) the blocks that are items of a list whose markers were lost: no blank above
    labels_run = values_left = 0  # (outline) a header table's block of labels alone, then its values one a line
    entries: set[int] = set()  # (outline) the blocks a short line started right under a short line (no blank between)
    rows: set[int] = set()  # (outline) the blocks a line started right under a row of cells it does not go on
    started: set[tuple[int, ...]] = set()  # (outline) the decimal outline numbers blocks started with
    seen_blocks = 0  # (outline) the blocks whose numbers are in ``started``
    title_block = -1  # (outline) the block a title wrapped after its colon starts (:func:`_colon_wrapped_title`)
    glyph_items: set[int] = set()  # the blocks that are items of a bullet that stood alone on its line
    for i, k in enumerate(body):
        row_end = subtitle = paged_item = False
        # (with ``empty_cells`` a table row keeps its empty cells: the tabs at its ends are cells, not spacing;
        # the family's grammar reads a row without its empty last cell)
        line = lines[k].strip(" \r\f\v") if empty_cells and "\t" in lines[k] else lines[k].strip()
        if not line.strip():
            blank = blank or st.lines.origin(k) not in silent
            continue
        # (``361-`` then ``397.``: the end of a number range broken at its hyphen, not a list marker)
        broken = bool(blocks) and bool(_BROKEN_WORD.search(lines[blocks[-1][0][-1]].rstrip())) and not blank
        if st.lines.origin(k) in st.whole:  # (a broken table's run, joined: a paragraph of its own)
            if pending_marker is not None:
                blocks.append(([pending_marker[0]], pending_marker[1]))
                pending_marker = None
            blocks.append(([k], line))
            blank = False
            continue
        if _LONE_MARKER.match(line) and not broken:
            if pending_marker is None and not blank and blocks and _marker_ends_line(lines, body, i, blocks[-1][0][-1]):
                ks, text = blocks[-1]
                blocks[-1] = ([*ks, k], f"{text} {line}")
                continue
            pending_marker = (k, line)
            blank = False
            continue
        # (outline) raw pdftotext of a header table may write its labels alone, then its values, a cell a line
        # (``Title:`` / ``Policy #:`` / ``Effective Date:`` / the title / ``07.02.44b`` / the date): a value never
        # goes on the one before it — the template pairs them by shape, or leaves them as written
        if alone_label is not None and alone_label.match(line):
            labels_run, values_left, cell = labels_run + 1, 0, False
        else:
            values_left = labels_run if labels_run >= _LABEL_BLOCK else values_left
            labels_run, cell = 0, values_left > 0
            values_left -= cell
        if pending_marker is not None:
            mk, marker = pending_marker
            if marker in _BULLETS:
                glyph_items.add(len(blocks))
            blocks.append(([mk, k], f"{marker} {line}"))
            pending_marker = None
            blank = False
            continue
        if blocks:
            ks, text = blocks[-1]
            last = lines[ks[-1]].strip()
            first_word = line.split(" ", 1)[0]
            # where the line ends (with its indentation, which -layout keeps) is what the wrap test needs
            # the measure: the usual full line, or the paragraph's own longest line if it is wider
            # — or the line below, when it is set at the same place: the text's measure is at least that
            same_place = _indent(lines[k]) == _indent(lines[ks[-1]])
            width = max(full, *(len(lines[j].rstrip()) for j in ks), len(lines[k].rstrip()) if same_place else 0)
            ended = bool(_TERMINAL.search(last)) and len(lines[ks[-1]].rstrip()) + 1 + len(first_word) < width
            # a list of labelled lines (``Form: strength``), one a line, none of them full
            ended = ended or bool(_LABELLED.match(last) and _LABELLED.match(line) and len(last) < full)
            # a list of labelled paragraphs (``Contraindication(s): …``, ``Boxed warning(s): …``): the next
            # label starts the next one where the line above did not wrap
            fits = len(lines[ks[-1]].rstrip()) + 1 + len(first_word) < width
            ended = ended or bool(_LABELLED.match(text) and _LABELLED.match(line) and fits)
            # (-layout) a sentence's end, then a line set out from the hanging lines of an item above it
            hanging = len(ks) > 1 or bool(_BLOCK_START.match(text))
            outdent = _indent(lines[k]) < _indent(lines[ks[-1]])
            ended = ended or bool(_TERMINAL.search(last) and hanging and outdent)
            # a sentence's end, then a line that starts with a label (``Limitation(s) of use: …``)
            ended = ended or bool(PERIOD_END.search(last) and _LABELLED.match(line))
            whole = bool(headings) and text.removesuffix(":").casefold() in headings  # (a template's heading)
            # (outline) a line far from full that the next word would have fitted on was not wrapped, unless
            # the text goes on in lower case (a title, a plan's name, a field: each its own line)
            short = len(lines[ks[-1]].rstrip()) < 0.6 * width  # (far from full, whatever the font)
            # (a line ending in a comma or a word that needs the next — ``Colorectal,`` / ``Endometrial, …`` —
            # goes on whatever its length: a title, a name or a field never ends so)
            unended = bool(_OPEN_CLAUSE.search(last))
            # (nor before a line whose first word ends a sentence — ``Determination.``, ``Member. The …``: the
            # rest of the sentence above, which a title or a name never is)
            tail = bool(_SENTENCE_TAIL.match(line))
            # (a line set in farther than the next, a centred title of ``-layout`` text, measured without its indent;
            # and a word in lower case, not a name written so — ``rTMS is …`` under a heading starts a sentence)
            centred = _indent(lines[ks[-1]]) > _indent(lines[k]) and len(last) < 0.6 * width
            lower = bool(_LOWER_WORD.match(line))
            ended = ended or (bool(headings) and fits and (short or centred) and not lower and not unended and not tail)
            # (outline) a line of its own after a sentence's end, a few words ending no sentence and stopping well
            # short of the width (``When Microprocessor-Controlled Lower Limb Prostheses are covered``), then a
            # capital: a subheading over its text — a paragraph's first line fills the line
            # (or after a table's row, ``Q90.9 | Down syndrome, unspecified``: a row ends no sentence)
            above_block = lines[blocks[-2][0][-1]].strip() if len(blocks) > 1 else ""
            after_end = bool(_TERMINAL.search(above_block) or _BAR_ROW.match(above_block))
            phrase = len(ks) == 1 and after_end and len(last.split()) <= _PHRASE_WORDS and not _TERMINAL.search(last)
            phrase = phrase and len(lines[ks[-1]].rstrip()) < _SHORT_LINE * width and last[:1].isupper()
            ended = ended or (bool(headings) and phrase and fits and line[:1].isupper() and not unended and not tail)
            # (outline) a row of cells a layout set apart (``Date Created    Date Reviewed``, a footer's title and date
            # at its two ends) is no wrapped sentence: the next line goes on from it only as one cell's text set under
            # one of its cells — not as the next row, nor as a line set elsewhere (a centred footer's next line)
            # (past the head: its rows — a header grid, a table right under the title — are read as a whole by the
            # header's readers, which a row split off would give a title)
            row_end = bool(headings) and not blank and k >= _HEAD_TITLE and _row_ends(lines[ks[-1]], lines[k])
            # (outline) a blank line under a list item that ends no sentence (items seldom do) whose line the next
            # word would have fitted on: the list's end, not a page's break (a page breaks an item on a full
            # line), unless the text goes on in lower case
            # (a page's furniture taken out between the lines is such a break too: its blank lines went with it)
            gap = blank or st.lines.origin(k) > st.lines.origin(ks[-1]) + 1
            # (an item of a list whose markers were lost is such an item too)
            item_end = bool(headings) and gap and (bool(_BLOCK_START.match(text)) or len(blocks) - 1 in tight)
            item_end = item_end and not unended
            # (over a page's break, with room to spare whatever the font: a proportional font's full line may count
            # a word short — a blank line the print kept says more)
            roomy = len(lines[ks[-1]].rstrip()) + 1 + len(first_word) < 0.85 * width
            ended = ended or (item_end and (fits if blank else roomy) and not line[:1].islower())
            # (outline) over a page's break (its furniture taken out), a line ending in a semicolon, then a capital
            # starting a word in lower case (``… lower level of care;`` / ``The member needs …``): the next item of a
            # list whose markers were lost, however full the line above — a sentence never goes on after ``;``
            # with a capital (a name or an acronym might: ``; Medicare``, ``; ASAM`` are not read so)
            paged_item = (
                bool(headings)
                and not blank
                and st.lines.origin(k) > st.lines.origin(ks[-1]) + 1
                and last.endswith(";")
                and bool(_ITEM_WORD.match(line))
            )
            ended = ended or paged_item
            # (outline) a field (``Policy Number: 2.04.83``) under a line its label would have fitted on: the
            # head's lines (a title, then its fields), each its own line however wide the print
            ended = ended or (bool(headings) and fits and bool(_LABELLED.match(line)) and not unended)
            # (outline) a field's value under its label alone (``LCD Title`` / ``Transcranial … Disorder``, a
            # browser's print of a web page's fields): one line the next word would have fitted on is the value
            # whole — the next line (``Original Effective Date``) is the next label, not the value's end
            ended = ended or (
                bool(headings)
                and fits
                and len(ks) == 1
                and bare_label is not None
                and len(blocks) >= 2
                and len(blocks[-2][0]) == 1
                and bare_label.match(blocks[-2][1].strip()) is not None
                and not line[:1].islower()
                and not unended  # (``September 1,`` / ``2026``: a date its narrow cell wrapped goes on)
            )
            # (outline) in the head, a field's line, then a title-like line whose first word it had room for, right
            # above a full line of text of its own: the field is whole (``Applies to: Commercial Products`` /
            # ``Clinical Guideline Overview`` / ``Tumor treatment fields …``: the section's heading over its text —
            # a narrow cell's value wrapped, ``… Gastric Electrical`` / ``Stimulators (L35117)``, stands apart)
            ended = ended or (
                bool(headings)
                and k < _HEAD_TITLE
                and fits
                and bool(_LABELLED.match(text))
                and _title_line(line)
                and _text_below(st, body, i, width)
            )
            # (outline) a plain-text copy re-wrapped to one measure (no page's form feed: every character one width),
            # in the head: a title-like line the next word would have fitted on, then a title-like line — a title,
            # then the line under it (``CGRP Antagonists for …`` / ``Aimovig® (erenumab), …``), never one
            # title wrapped (a re-wrap fills its line)
            subtitle = (
                bool(headings)
                and not form_fed
                and not blank
                and k < _HEAD_TITLE
                and len(ks) == 1
                and fits
                and len(lines[ks[-1]].rstrip()) >= 0.6 * width  # (a long title, not a heading over a table's cells)
                and not unended
                and _title_line(last)
                and _title_line(line)
                # (a field's label alone, its value under it: ``Revision Effective Date`` / ``For services …``)
                and not any(x is not None and x.match(last) for x in (alone_label, bare_label))
            )
            ended = ended or subtitle
            # (outline) the text's first line, a title the next word would have fitted on, then the plan's line
            # (``<plan> Health Plan – Pharmacy Prior Authorization Policy``): the title whole over the plan's name,
            # which no title a print wrapped goes on with
            ended = ended or (
                bool(headings)
                and len(blocks) == 1
                and len(ks) == 1
                and k < _HEAD_TITLE
                and fits
                and not unended
                and not blank
                and _title_line(last)
                and bool(_PLAN_LINE.search(line))
                and line[:1].isupper()
            )
            # (outline) the text's first line naming the plan or its kind of document (``<plan> Health Plan — Pharmacy
            # Prior Authorization Policy``), a blank line, then a title-like line: the title below is its own line,
            # however wide the print's measure makes the plan's line look (``-layout`` text, its title wrapped)
            ended = ended or (
                bool(headings)
                and len(blocks) == 1
                and len(ks) == 1
                and k < _HEAD_TITLE
                and blank
                and not unended
                and bool(_PLAN_LINE.search(last) or _KIND_END.search(last))
                and line[:1].isupper()
                and _title_line(line)
            )
            # (outline) a line ending in a field whose value is a date (``… Effective: April 1, 2026 Last Review:
            # February 2026``: the head's fields written on one line), then a title-like line: the fields are whole,
            # the title below them its own line however wide the fields' line
            ended = ended or (bool(headings) and bool(_DATE_FIELD_END.search(last)) and _title_line(line))
            # (outline) ... and in the head, one ending in a field whose value is an identifier (``Elixir Clinical
            # Criteria <gap> Criteria ID: ELX-PA-2231``: a header table's row, a side cell's field), then a
            # title-like line: the next row of the head, never more of the identifier's line
            ended = ended or (
                bool(headings) and k < _HEAD_TITLE and bool(_ID_FIELD_END.search(last)) and _title_line(line)
            )
            # (outline) a field, a blank line, then a capital its line had room for: the field is whole (``Point(s) of
            # change: Position Statement; …`` / ``Subject``: the next section's heading, no more of its value)
            ended = ended or (
                bool(headings) and blank and fits and bool(_LABELLED.match(text)) and not unended and line[:1].isupper()
            )
            # (outline) a blank line under an item, then a short title-like line (``Retreatment``) that ends no
            # sentence: a heading after the list, not the rest of an item a page broke (a full line or an end)
            alone_title = len(line) < 0.6 * width and not _TERMINAL.search(line)
            # (a title-like line above one going on in lower case is a sentence wrapped: ``BRCA1/2`` / ``sequencing``)
            titled = item_end and alone_title and _title_line(line) and not _next_goes_on(lines, k)
            ended = ended or titled  # (item_end: the outline's path only)
            # (outline) right under an item whose line had room for the next word, such a title-like line with a
            # blank line under it and a sentence's capital after that (``Not Medically Necessary`` / blank /
            # ``Genetic testing is not …``): a heading after the list, set apart below as a print sets its headings
            # — never the rest of an item, which a page breaks on a full line
            in_item = bool(headings) and not blank and not unended
            in_item = in_item and (bool(_BLOCK_START.match(text)) or len(blocks) - 1 in tight)
            ended = ended or (
                in_item and fits and alone_title and _title_line(line) and _blank_then_sentence(lines, k, furniture)
            )
            # (outline) a sentence's end, then a line far from full that ends no sentence: no line of a
            # paragraph (its lines are full but its last, which ends a sentence) — a heading, a page break
            # having taken the blank line above it
            alone = len(line) < 0.6 * width and not _TERMINAL.search(line) and not line[:1].islower()
            # (a labelled line its label did not fit above is the sentence wrapped: ``… 6 weeks);`` /
            # ``Continuation of therapy: 12 months``)
            alone = alone and (fits or not _LABELLED.match(line))
            ended = ended or (bool(headings) and bool(_TERMINAL.search(last)) and alone)
            # (outline) over a page's furniture, a sentence's end, then a short line in capitals that ends with a
            # colon (``Policy Update History:``): a heading the page break put under a full line, not its sentence
            paged = any(j in furniture for j in range(ks[-1] + 1, k))
            ended = ended or (bool(headings) and paged and bool(PERIOD_END.search(last)) and _colon_title(line, width))
            # a dated row under a dated row of the same shape (``08/2026 Annual review …`` / ``08/2025 …``): a
            # history's lines, one a row, whatever their length
            ended = ended or _same_dated(text, line)
            # ... and so is a row whose dates end it under one ending with as many dates of the same shape
            # (``Policy developed. 10-15-2023 10-15-2023`` / ``Annual review. … 10-15-2024 10-15-2024``: a log's
            # description then its date columns, a print's line a row)
            ended = ended or _same_dated_end(text, last, line)
            # a list's last item, then the lead-in of a list of its own (``Cochlear implantation is … for
            # children when ALL of the following criteria are met:``) restarting the same markers
            ended = ended or (
                line[:1].isupper()
                and bool(PERIOD_END.search(last))
                and _lead_in_after_item(text, last, [lines[j] for j in body[i : i + 3 * _LEAD_IN_LINES]])
            )
            starts = bool(_BLOCK_START.match(line) or _WHOLE_LINE.match(line)) or "\t" in line
            starts = starts or (bool(headings) and line.removesuffix(":").casefold() in headings)
            # (outline) a title naming several things, a heading of the vocabulary first (``Background, Product
            # and Disclaimer Information``): that heading, under a line of its own whatever that line's length
            starts = starts or (
                bool(headings) and names_several(line.removesuffix(":"), headings) and _title_line(line)
            )
            starts = starts or (bool(headings) and bool(_DECIMAL_TITLE.match(line)))  # (outline) ``2.2 Repeat …``
            starts = starts or (bool(headings) and copyright_notice(line))  # (outline) a page's footer
            # (outline) ``3.1.3 The device …`` under ``3.1.2 …;``: the document's decimal numbering goes on
            if headings and not starts and _DECIMAL_START.match(line):
                started.update(_decimal_parts(m[1]) for _, t in blocks[seen_blocks:] if (m := _DECIMAL_START.match(t)))
                seen_blocks = len(blocks) - 1  # (the last block's text may still grow: its start does not change)
                starts = _decimal_follows(line, started)
            # (outline) after a blank line, a short line naming the back matter (``Policy Approval History``)
            starts = starts or (bool(headings) and blank and _back_matter(line))
            # (outline) after a blank line, a capital below a row of a layout's grid of fields (``Policy Title
            # <gap> Inflammatory Conditions …``): the row is whole, the line below starts anew
            starts = starts or (
                bool(headings) and blank and line[:1].isupper() and bool(_GRID_ROW.match(lines[ks[-1]]))
            )
            # (a table of contents' entry, its dotted leader and page: a line of its own, as is the line above it)
            starts = starts or (bool(_CONTENTS_ENTRY.search(line)) and not line[:1].islower() and not unended)
            # (outline) after a blank line in the head, a title-like line right above a field (``Bone Density
            # Studies`` / ``Policy Number: 0297``): the title, never the rest of a plan's name as wide as the print
            below = lines[body[i + 1]].strip() if i + 1 < len(body) else ""
            # (or above a field's label alone, its value on a later line: ``Effective Date`` / ``04/15/2026``)
            field_below = bool(_LABELLED.match(below)) or (
                bare_label is not None and bare_label.match(below) is not None
            )
            starts = starts or (bool(headings) and blank and k < _HEAD_TITLE and _title_line(line) and field_below)
            # (or a title a print wrapped after its colon, right above the fields: ``Calcitonin Gene-Related Peptide
            # Inhibitors:`` / ``Migraine Prevention`` / ``Medical policy number: …`` — its first line is no more of
            # the site's line above it, however much room that line had)
            wrapped_title = bool(headings) and blank and k < _HEAD_TITLE and _colon_wrapped_title(line, body, i, lines)
            starts = starts or wrapped_title
            # (outline) a header field's label alone (``Policy #:``, its value on a later line): a header table's
            # cell that raw pdftotext set under the one before it — never the end of the title above it
            starts = starts or (alone_label is not None and alone_label.match(line) is not None) or cell
            # (outline) in the head, a field's label and a value with a number, no stop between (``Program Number
            # 2025 P 2215-4``, ``Policy Number 3010-B``): its own line, never the end of a long title above it
            starts = starts or (bool(labels) and k < _HEAD_TITLE and _numbered_field(labels, line))
            starts = starts and not broken  # (``(IL-`` then ``6) receptor``: the rest of a broken word)
            held = _whole_heading(text, line, outline=bool(headings)) or bool(_CONTENTS_ENTRY.search(last))
            # (outline) under a lead-in that announces a list (``… all of the following criteria are met:``), with no
            # blank line between, a line that does not go on with the one above starts the next item: the list's
            # markers were lost (a browser's bullets are shapes), its items are lines right under the lead-in
            listed = bool(headings) and not blank and (len(blocks) - 1 in tight or _announces(text))
            if listed and not starts and not _goes_on(last, line, width):
                tight.add(len(blocks))
                blocks.append(([k], line))
                continue
            if headings and _MARKER_END.search(last):
                ended = False  # (``…; AND 5.`` / ``Negative tuberculosis …``: the marker's text is the next line)
            if headings and k < _HEAD_TITLE and not blank and not starts and _BRAND_ALONE.match(line):
                # (``Elexacaftor/Tezacaftor/Ivacaftor`` / ``(Trikafta®)``: a title's brand in parentheses, which a
                # large font wrapped onto a line of its own — never a line of the head by itself)
                ended = not _title_line(last)
            apart = bool(
                starts
                or whole
                or st.lines.origin(ks[0]) in st.whole
                or held
                or "\t" in text
                or ended
                or (blank and _TERMINAL.search(last))
                or (blank and _item_then_sentence(text, last, line))
            )
            # (its second line goes on the first: one title, however the colon ends the line above)
            if len(blocks) - 1 == title_block and len(ks) == 1 and k == ks[0] + 1:
                apart = row_end = False
            # (outline) a heading of the vocabulary a print wrapped onto two lines, neither of which is one alone
            # (``Coverage Indications, Limitations, and/or Medical`` / ``Necessity``): one heading again
            if headings and not blank and not whole and _wrapped_heading(text, line, headings):
                apart = row_end = False
            if not (apart or row_end):
                blocks[-1] = ([*ks, k], join_wrapped(text, line))
                blank = False
                continue
            row_end = row_end and not apart  # (set apart by the row's shape alone)
            if wrapped_title:
                title_block = len(blocks)
        if paged_item and blocks:
            # (the item a page's break set apart: the list's like the item above it — its bullet where that one was
            # given one back, no blank line where that one had none)
            if blocks[-1][1].startswith("- ") and not _BLOCK_START.match(line):
                line = f"- {line}"
            if len(blocks) - 1 in tight:
                tight.add(len(blocks))
        if (
            blocks
            and len(blocks) - 1 in glyph_items
            and not blank
            and _LABELLED.match(line)
            and _LABELLED.match(blocks[-1][1].removeprefix(f"{blocks[-1][1][:1]} "))
        ):
            # (raw pdftotext of a list of labelled lines, ``SCD: sickle cell disease`` / ``VOC: …``, whose bullets
            # it wrote once, alone above the list: each labelled line under the bullet's item, no blank line between,
            # is the next item of that list — as ``-layout`` text of the same print reads it)
            glyph_items.add(len(blocks))
            line = f"{blocks[-1][1][:1]} {line}"
        if row_end or subtitle:
            rows.add(len(blocks))  # (the next row as the source wrote it: no blank line, never a title alone)
        elif headings and blocks and not blank and k >= _HEAD_TITLE and _entry(blocks[-1], line, width, headings):
            entries.add(len(blocks))
        blocks.append(([k], line))
        blank = False
    if pending_marker is not None:
        blocks.append(([pending_marker[0]], pending_marker[1]))
    _unmarked_items(st, blocks)
    st.lines.regroup(blocks, tight | rows | _entry_runs(entries, blocks, lines))
    st.diagnostics.append(Diagnostic("note", "read as text with wrapped lines and page breaks (pdftotext)"))


_CELL_GAP = lazy(r"(?<=\S) {3,}(?=\S)")  # the gap a layout leaves between two cells of a row


def _row_ends(above: str, below: str) -> bool:
    """Whether ``above`` is a row of cells set apart by a layout's gap that ``below`` does not go on: ``below`` is a
    row of its own with a cell starting where one of ``above``'s does (``03/2012         03/2023 …`` under ``Date
    Created    Date Reviewed …``), or a line starting under none of ``above``'s cells.  (A justified line's wide
    spaces: its next line starts where it does; an item's marker and text: the next line under its text.)"""
    gaps = [m.end() for m in _CELL_GAP.finditer(above)]
    if not gaps:
        return False
    inner = [m.end() for m in _CELL_GAP.finditer(below)]
    if inner:
        return bool(set(inner) & set(gaps))
    return _indent(below) not in {_indent(above), *gaps}


def _entry(block: tuple[list[int], str], line: str, width: int, headings: frozenset[str]) -> bool:
    """Whether ``line``, a block of its own right under ``block`` with no blank line between, is the next of a
    column of short entries (an index's terms, a list of names): both single short title-like lines that end no
    sentence, label nothing and are none of the template's ``headings`` (``CODING & BILLING INFORMATION`` over
    its subheading is a section's start)."""
    ks, text = block
    if len(ks) != 1:
        return False
    return all(
        len(t) < 0.6 * width
        and not _TERMINAL.search(t)
        and not t.endswith(":")
        and not _LABELLED.match(t)
        and not any(c.isdigit() for c in t)  # (a column of dates or codes is a table's, read by its readers)
        and t.casefold() not in headings
        and _title_line(t)  # (what alone would read as a title: a row of a log is no such entry)
        for t in (text, line)
    )


def _entry_runs(entries: set[int], blocks: list[tuple[list[int], str]], lines: Sequence[str]) -> set[int]:
    """The blocks of ``entries`` in a column of three lines or more (two entries one after the other) that is a
    block of its own in the source, blank lines above and below it: written as the source wrote them, with no
    blank line between — each a line of its own, never a title alone.  (Two short lines may be a title and a
    name; a heading and a subheading over a table's rows run on into them.)"""
    out: set[int] = set()
    for first in sorted(b for b in entries if b - 1 not in entries):
        run = list(itertools.takewhile(lambda b: b in entries, itertools.count(first)))
        above, below = blocks[first - 1][0][0] - 1, blocks[run[-1]][0][-1] + 1
        alone = all(not (0 <= j < len(lines)) or not lines[j].strip() for j in (above, below))
        if len(run) >= 2 and alone:
            out.update(run)
    return out


_CONTENTS_ENTRY = lazy(r"(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{1,3}$")  # ``Coverage Rationale ....... 1``
_OPEN_CLAUSE = lazy(
    r"(?:[,(\[/–—]|\b(?:a|an|and|or|of|the|to|for|by|with|in|on|as|at|from|per|into|than|including))\s*$"
)
_SENTENCE_TAIL = lazy(r"^[A-Z][\w'’-]*[.;](?:\s|$)")
# an item's first word after a page's break: a common word with its capital (``The``, ``Member``, ``New``), never a
# name's usual words (``Medicare``, ``Medicaid``) nor an acronym (``ASAM``)
_ITEM_WORD = lazy(r"^(?!(?:Medicare|Medicaid)\b)[A-Z][a-z]+\s+[a-z]")
_MARKER_END = lazy(r"(?:[;:]|\b(?:AND|OR|and|or))\s+\(?(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,5})[.)]$")
_SECTION_MARK = lazy(rf"^(?:{alternatives(CRITERIA_SECTIONS + OTHER_SECTIONS)})\.\s+")


def _colon_title(line: str, width: int) -> bool:
    """A short title-like line ending with a colon (``Policy Update History:``)."""
    return line.endswith(":") and len(line) < 0.6 * width and _title_line(line[:-1])


def _announces(text: str) -> bool:
    """Whether a block is a lead-in that announces a list (:func:`~policyvc.parser.run_on_lists.announces_list`),
    a marked item's too (``2. A diagnosis of X, with one of the following:``: the items of its sub-list are the
    lines under it)."""
    from policyvc.parser.markers import read_item_marker
    from policyvc.parser.run_on_lists import announces_list

    marked = read_item_marker(text.strip())
    return text.rstrip().endswith(":") and announces_list(marked[1] if marked else text)


def _goes_on(above: str, line: str, width: int) -> bool:
    """Whether ``line`` goes on with ``above`` among a list's items (see ``run_on_lists.wrapped_line``)."""
    from policyvc.parser.run_on_lists import wrapped_line

    return wrapped_line(above, line, width)


def _title_line(text: str) -> bool:
    """The outline's title test (:func:`~policyvc.parser.outline.title_like`), loaded only on its path."""
    from policyvc.parser.outline import title_like

    return title_like(text)


def _colon_wrapped_title(line: str, body: Sequence[int], i: int, lines: Sequence[str]) -> bool:
    """Whether ``line`` (``body[i]``) is the first line of a title a print wrapped after its colon: a title-like
    line ending in ``:``, then a title-like line with no colon, then a field's line (``Label: value``), no blank
    line between the three — a lead-in's colon has a sentence or a list below it, never a name and then a field."""
    if not line.endswith(":") or not _title_line(line) or i + 2 >= len(body):
        return False
    k = body[i]
    if body[i + 1] != k + 1 or body[i + 2] != k + 2:
        return False
    rest, field = lines[k + 1].strip(), lines[k + 2].strip()
    return ":" not in rest and _title_line(rest) and bool(_LABELLED.match(field))


def _next_goes_on(lines: Sequence[str], k: int) -> bool:
    """Whether the first line after line ``k`` that is not blank goes on in lower case."""
    for j in range(k + 1, len(lines)):
        if lines[j].strip():
            return lines[j].strip()[:1].islower()
    return False


def _blank_then_sentence(lines: Sequence[str], k: int, furniture: frozenset[int] | set[int]) -> bool:
    """Whether a blank line of the text (no page's furniture) stands right under line ``k``, and the first line
    after it that is not blank starts with a capital and no list's marker."""
    if k + 1 >= len(lines) or lines[k + 1].strip() or k + 1 in furniture:
        return False
    for j in range(k + 2, len(lines)):
        if j in furniture:
            return False
        if lines[j].strip():
            below = lines[j].strip()
            return below[:1].isupper() and not _BLOCK_START.match(below)
    return False


def _whole_heading(text: str, below: str, *, outline: bool) -> bool:
    """Whether ``text`` is a whole-line heading that no line below goes on.  In the outline a roman marker
    before a sentence starts a statement, not the family's section heading (``I. It is the policy of …``
    / ``that genetic testing …``), and a line going on in lower case is never cut from the one above."""
    if not _WHOLE_LINE.match(text):
        return False
    if not outline:
        return True
    if below[:1].islower():
        return False
    if (m := _SECTION_MARK.match(text)) is None:
        return True
    return _title_line(text[m.end() :])


_DATED = lazy(r"^(\d{1,4})([/.-])(\d{1,4})(?:\2(\d{2,4}))?\s+[A-Z]")


# a line's last field, its value a date (``… Last Review: February 2026``, ``Effective Date: 04/01/2026``)
_DATE_FIELD_END = lazy(rf"\b[A-Z][\w()/-]*(?: [\w()/-]+){{0,4}}:\s*(?:{DATE.pattern})\s*$")
# a line's last field, its label naming an identifier and its value one (``Criteria ID: ELX-PA-2231``, ``Policy
# Number: MP-215``, ``Guideline #: 0412``): a word with a digit, no space
_ID_FIELD_END = lazy(r"\b(?:[A-Z][\w()/-]* ){1,3}(?:ID|Number|No\.|#|Code):\s*[A-Z0-9][\w.-]*\d[\w.-]*\s*$")
# a date written in words and a colon or a dash after it (``October 18, 2023: Reviewed …``, ``May 2024 – …``)
_WRITTEN_DATED = lazy(rf"^(?:{DATE.pattern})\s*([:–—]|\s-)\s*\S", re.I)


def _text_below(st: Styled, body: list[int], i: int, width: int) -> bool:
    """Whether the line right below body line ``i`` (no blank between) is a full line starting a sentence."""
    if i + 1 >= len(body):
        return False
    k, j = body[i], body[i + 1]
    below = st.lines[j].strip()
    return st.lines.origin(j) == st.lines.origin(k) + 1 and below[:1].isupper() and len(below) >= 0.6 * width


def _same_dated(text: str, line: str) -> bool:
    """Whether ``text`` and ``line`` each start with a date in digits of the same shape and a capitalised
    word after it (``08/2026 Annual review …``, ``08/2025 Annual review …``), or a date written in words
    of the same shape and the same mark after it (``September 21, 2022: …``, ``October 18, 2023: …``):
    two rows of a dated list."""
    a, b = _DATED.match(text), _DATED.match(line)
    if a is None or b is None:
        w, v = _WRITTEN_DATED.match(text), _WRITTEN_DATED.match(line)
        if w is None or v is None or not (w.group("named") or w.group("dnamed")):
            return False
        shape = ("nd", "dd", "dnamed")  # (the day written or not, before or after the month)
        return w.groups()[-1] == v.groups()[-1] and all(bool(w.group(g)) == bool(v.group(g)) for g in shape)
    return [len(g or "") for g in a.groups()] == [len(g or "") for g in b.groups()] and a.group(2) == b.group(2)


def _same_dated_end(text: str, last: str, line: str) -> bool:
    """Whether the block ``text`` (its last line ``last``) is a row of a log whose date columns stand last: it
    ends with a sentence's end, then two dates in digits of one shape side by side (``Annual review.
    10-15-2025 10-15-2025``: its date and its approval's — in a raw copy each a line of its own), or ``last``
    ends, after words, with one such date as ``line`` does too (``… 10-15-2024`` / ``… 10-15-2025``).  A
    sentence that ends with a date ends with its period, never a bare date."""
    if (two := _DATED_END.search(text)) is not None and re.search(r"[.;)]\s*$", text[: two.start()]):
        shape = [re.sub(r"\d", "9", d) for d in two.group(0).split()]
        if len(shape) == 2 and len(set(shape)) == 1:
            return True
    a, b = _DATED_END.search(last), _DATED_END.search(line)
    if a is None or b is None or not last[: a.start()].strip() or not line[: b.start()].strip():
        return False
    shape = [re.sub(r"\d", "9", d) for d in a.group(0).split()]
    return len(set(shape)) == 1 and shape == [re.sub(r"\d", "9", d) for d in b.group(0).split()]


_DIGITS_DATE = r"\d{1,2}([/.-])\d{1,2}\1\d{2,4}"
_DATED_END = lazy(rf"(?<=\s)(?:{_DIGITS_DATE}\s+)?(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})$")


_LEAD_IN_LINES = 4  # (a lead-in sentence wraps over a few lines at most)


def _lead_in_after_item(item: str, last: str, below: Sequence[str]) -> bool:
    """Whether the lines ``below`` a list item start a lead-in of a list of its own, not the item's next line.

    The item's line ended its sentence with a period (an item announcing a list ends with ``:``), the next
    line starts with a capital, and within a few lines a sentence ends with ``:`` right above a first item
    with the item's own kind of marker (``4. … program.`` / ``Cochlear implantation … when ALL of the
    following criteria are met:`` / ``1. …``): a list restarting at its first marker is a new group, not
    the item's sub-list (which would take the next kind of marker)."""
    found = read_item_marker(item) if _BLOCK_START.match(item) else None
    if found is None or found[0].readings[0][0] is MarkerKind.BULLET or not PERIOD_END.search(last):
        return False
    marker = found[0]
    texts = [t.strip() for t in below if t.strip()]
    if not texts or not texts[0][:1].isupper():
        return False
    for j, text in enumerate(texts[: _LEAD_IN_LINES + 1]):
        if j and (_BLOCK_START.match(text) or _WHOLE_LINE.match(text)):
            return False
        if text.endswith(":"):
            nxt = read_item_marker(texts[j + 1]) if j + 1 < len(texts) else None
            if nxt is None:
                return False
            # (a lead-in that states a coverage decision of its own — ``Sex chromosome screening is considered
            # medically necessary only when`` / ``… one of the following applies:`` — over its first item, of any
            # kind: a statement of its own, never the rest of an item that ended its sentence)
            if states_decision(" ".join(texts[: j + 1])) and any(value == 1 for _, value in nxt[0].readings):
                return True
            if nxt[0].style != marker.style or nxt[0].upper != marker.upper:
                return False
            kinds = {kind for kind, _ in marker.readings}
            return any(kind in kinds and value == 1 for kind, value in nxt[0].readings)
    return False


_OPEN_END = lazy(r"[^.;:!?)*\"”’\s]\s*$")  # a line that does not end a sentence
# a line's end that leaves its sentence open (``… such as``, ``… the``, ``,``): a page break may fall there
_OPEN_WORD = lazy(
    r"(?:[,(\[/–—-]|\b(?:a|an|and|or|of|the|to|for|by|with|in|on|at|as|than|from|per|that|such|including))\s*$",
    re.I,
)


def _item_then_sentence(item: str, last: str, line: str) -> bool:
    """A list item (``3. Failure of standard wound therapy of at least 30 days``), a blank line, then a
    sentence starting with a capital (``Topical oxygen therapy is not covered.``): the item ended with no
    stop of its own — a page break inside the item would leave it open (``… such as``) or go on in lower case."""
    return bool(_BLOCK_START.match(item)) and line[:1].isupper() and not _OPEN_WORD.search(last)


# a line that goes on with a word in lower case (not a list's lower-case marker: ``f. Member``, ``ii) …``, ``o …``)
_GOES_ON = lazy(r"^\s*(?![a-z]{1,4}[.)]\s|o\s)[a-z]")
_LOWER_WORD = lazy(r"^\s*[a-z][a-z'’-]*\b(?![A-Z])")  # ... a word all in lower case (not ``rTMS``, ``eGFR``)


def _back_matter(line: str) -> bool:
    """Whether ``line`` is a heading of the back matter every policy has (``Policy Approval History``): a few
    words naming it, no sentence's end."""
    return len(line.split()) <= 8 and not _TERMINAL.search(line) and BACK_MATTER_NAME.match(line) is not None


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether text without form feeds (``pdftotext -nopgbrk``, a viewer's copy) is a print's wrapped lines,
    told from its lines alone: a good share of them stop mid-sentence near the text's usual full length and
    the next goes on in lower case.  Page numbers (or a browser's page footers) are more evidence, so a text
    with them needs fewer such lines — but whether a copy has its pages' furniture must not decide how its
    paragraphs are joined: two copies of one print, one with ``Page N of M`` and one without, read alike.
    (Text in the export style may wrap its paragraphs too — the normaliser joins those — but seldom.)"""
    nonblank = [line.rstrip() for line in lines if line.strip()]
    if len(nonblank) < 8 or _markdown(nonblank):
        return False
    lengths = sorted(len(line) for line in nonblank)
    full = lengths[int(len(lengths) * 0.9)]  # (the usual full line: a few long ones — URLs, rows — stick out)
    pairs = [
        (a, len(a.rstrip()))
        for a, b in pairwise(lines)
        if _GOES_ON.match(b) and "\t" not in a and _OPEN_END.search(a)  # (the cheap, most often false, test first)
    ]
    near_full = sum(1 for _, n in pairs if n >= 0.75 * full)
    if near_full >= 3 and near_full >= _WRAPPED_SHARE * len(nonblank):
        return True
    paged = any(page_number_line(line) or counted_address(line) for line in lines)
    return paged and len(pairs) >= 3 and len(pairs) >= 0.02 * len(nonblank)


def _markdown(nonblank: list[str]) -> bool:
    """Whether text is an author's Markdown, not a print: it opens with a ``#`` heading, or writes two or more.
    A print never writes its headings so; Markdown's paragraphs may be wrapped in the source, but its headings,
    lists and tables are lines of their own, which the wrapped reading would join (``| row |`` / ``# Next``)."""
    heads = [line for line in nonblank if _MARKDOWN_HEADING.match(line)]
    return len(heads) >= 2 or (bool(heads) and heads[0] is nonblank[0])


_MARKDOWN_HEADING = lazy(r"^#{1,6} +\S")
_WRAPPED_SHARE = 0.05  # (wrapped prints: 6–30 lines in 100 go on so; exports, under 3)


_BULLET_LINE = lazy(r"^[-•▪◦●∙\uf0b7\uf0a7]\s")
_APPENDIX_HEAD = lazy(rf"^{APPENDIX}")
_ITEM_SPLIT = lazy(r"(?<=;) (?=[A-Z][a-z])")  # "…lymphoma (HL); For the acceleration…"


def _under_heading(st: Styled, blocks: list[int], start: int) -> tuple[list[int], bool]:
    """The blocks from ``blocks[start]`` up to the next heading or list marker, and whether a table row ended
    them (an index, not a slice: a slice per heading made the pass quadratic in the document's length)."""
    out: list[int] = []
    for i in range(start, len(blocks)):
        k = blocks[i]
        text = st.lines[k]
        if "\t" in text:
            return out, True
        if _WHOLE_LINE.match(text) or _BLOCK_START.match(text):
            break
        out.append(k)
    return out, False


def _appendix_list(st: Styled, blocks: list[int]) -> bool:
    """Two or more paragraphs, each labelled (``FDA: Food and Drug Administration``) or ending a sentence."""
    return len(blocks) > 1 and all(_LABELLED.match(st.lines[k]) or _TERMINAL.search(st.lines[k]) for k in blocks)


def _bulletless_pass(st: Styled) -> None:
    """A browser draws a bulleted list's bullets as shapes, which reading-order ``pdftotext`` gives as
    nothing at all (nor any indentation).  In text without a single bullet, each item gets its bullet
    (``- ``) back where a list is told by what is around it:

    * the paragraphs after a line announcing a list (``…is indicated:``) that is the first paragraph
      under a heading, up to the next heading, when each ends a sentence; labelled paragraphs among them
      (``Limitation(s) of use: …``) stay paragraphs.  An item's last line ending ``;`` may have been
      joined to the next item by pdftotext's line-end hyphen rule (a line made of two): a ``; ``
      before a capital splits it;
    * two or more paragraphs that are all an appendix holds (no table), each labelled
      (``FDA: Food and Drug Administration``) or ending a sentence: an appendix is a table with its
      notes or a bulleted list."""
    if any(_BULLET_LINE.match(line) for line in st.lines):
        return  # bullets are there to be seen: a list without them is not a list
    blocks = [k for k, line in enumerate(st.lines) if line.strip()]
    count = 0
    for b, head in enumerate(blocks):
        if not _WHOLE_LINE.match(st.lines[head]):
            continue
        under, table = _under_heading(st, blocks, b + 1)
        if under and st.lines[under[0]].rstrip().endswith(":"):  # a line announcing the list
            plain = [k for k in under[1:] if not _LABELLED.match(st.lines[k])]
            if plain and all(_TERMINAL.search(st.lines[k]) for k in plain):
                for k in plain:
                    st.lines.set(k, "\n\n".join(f"- {p}" for p in _ITEM_SPLIT.split(st.lines[k])))
                count += len(plain)
        elif _APPENDIX_HEAD.match(st.lines[head]) and not table and _appendix_list(st, under):
            for k in under:
                st.lines.set(k, f"- {st.lines[k]}")
            count += len(under)
    if count:
        st.lines.split_lines()
        st.diagnostics.append(Diagnostic("note", f"gave {count} paragraph(s) of a list printed without bullets theirs"))


def _gap_pass(st: Styled) -> None:
    """Words a justified line spaced apart, put back (:func:`~policyvc.parser.reading_order.justified_gaps`)."""
    count = justified_gaps(st, lambda line: bool(_BLOCK_START.match(line) or _WHOLE_LINE.match(line)))
    if count:
        st.diagnostics.append(Diagnostic("note", f"put back {count} run(s) of words set apart by justified lines"))


# a field's written date broken before its year at a line's end (``Effective Date: July 1,`` / ``2026``)
_DATE_HEAD = lazy(
    r"^[A-Z][^:.;]{0,60}:\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},$"
)
_YEAR_START = lazy(r"^(?:19|20)\d\d\b")


# a list marker a print set so close to its text that the extraction wrote no space (``i.The member is …``)
_GLUED_MARKER = lazy(r"^(?P<indent>\s*)(?P<marker>(?:[ivx]{1,4}|[a-z]|\d{1,2})\.)(?=[A-Z][a-z]{2,}\b)")


def _glued_marker_pass(st: Styled) -> None:
    """A lower-case or numbered marker glued to its item's first word (a capital word, so never a
    decimal, an abbreviation's ``e.g.`` or a web address) is given its space back."""
    for k, line in enumerate(st.lines):
        if line[:1].isalnum() or line[:1].isspace():
            m = _GLUED_MARKER.match(line)
            if m is not None:
                st.lines.set(k, f"{line[: m.end()]} {line[m.end() :]}")
                continue
        # a bracketed marker a word processor's PDF set flush against its text (``(iii)Documented``)
        body = line.lstrip()
        if body[:1] == "(" or body[:1].isalnum():
            flush = GLUED_MARKER.match(body)
            if flush is not None:
                end = len(line) - len(body) + flush.end()
                st.lines.set(k, f"{line[:end]} {line[end:]}")


def _split_date_pass(st: Styled) -> None:
    """A field's date a narrow cell or column wrapped before its year, put back on one line: the year alone
    below would read as a heading or a paragraph of its own, and the field as having no date.  (Only a
    labelled line's: a sentence's date wrapped so is joined as any wrapped line is.)"""
    k = 0
    while k + 1 < len(st.lines):
        line = st.lines[k].rstrip()
        if line.endswith(",") and _DATE_HEAD.match(line.strip()) and (m := _YEAR_START.match(st.lines[k + 1].strip())):
            rest = st.lines[k + 1].strip()[m.end() :].strip()
            st.lines.replace(k, k + 2, [f"{line} {m.group(0)}", *([rest] if rest else [])])
        k += 1


def _cut_date_pass(st: Styled) -> None:
    """A numeric date a narrow Date column wrapped inside its year put back whole
    (:func:`~policyvc.parser.written_dates.cut_dates`), each line keeping its number."""
    for k, (line, below) in cut_dates(list(st.lines)).items():
        st.lines.set(k, line)
        st.lines.set(k + 1, below)
    for k, line in broken_dates(list(st.lines)).items():  # (over three lines or more, the row's text beside)
        st.lines.set(k, line)


def _hyphen_pass(st: Styled) -> None:
    """Hyphens pdftotext dropped at line ends, put back (:func:`~policyvc.parser.reading_order.restore_hyphens`)."""
    count = restore_hyphens(st) + page_ranges(st)
    if count:
        st.diagnostics.append(Diagnostic("note", f"restored {count} hyphen(s) dropped at line ends (pdftotext)"))


def _quantity_pass(st: Styled) -> None:
    """A viewer's copy's tables whose cells stand one space apart and are told by their shapes (a
    quantity limit's, a therapeutic alternative's: :mod:`~policyvc.parser.quantity_tables`) as
    tab-separated rows, each on its own line: the grammar and the outline read them as tables."""
    from policyvc.parser.line_tables import tab_lines
    from policyvc.parser.quantity_tables import quantity_table

    lines = list(st.lines)

    def broken(k: int) -> bool:  # (the furniture pass took a page's lines out right above line ``k``)
        return k > 0 and st.lines.origin(k) - st.lines.origin(k - 1) > 1

    k = 0
    while k < len(lines):
        table = quantity_table(lines, k, broken) if lines[k][:1].isalpha() else None
        k = k + 1 if table is None else tab_lines(table, st.lines.set)


def _spaced_log_pass(st: Styled) -> None:
    """A family copy with no tab and no page break anywhere (a web page's text, a viewer's copy of one
    page): its revision log's and code tables' cells stand one space apart, each row a line or wrapped
    over a few.  They are read as the outline reads such tables (:func:`~policyvc.parser.space_tables.space_tables`:
    rows by their trailing dates, codes by their shape) and written back tab-separated on the same lines —
    without this the grammar met the log's rows as text and the whole policy failed at the heading after it."""
    from policyvc.parser.space_tables import space_tables

    lines = list(st.lines)
    for k, (old, new) in enumerate(zip(lines, space_tables(lines), strict=True)):
        if new != old:
            st.lines.set(k, new)


def _narrow_pass(st: Styled) -> None:
    """A code or date column a print set a character or two a line: each cell joined on one line
    (:mod:`policyvc.parser.narrow_text`)."""
    from policyvc.parser.narrow_text import join_narrow_lines

    lines = list(st.lines)
    joined = join_narrow_lines(lines)
    if not joined:
        return
    for k, line in joined.items():
        st.lines.set(k, line)
    st.lines.keep(k for k in range(len(lines)) if not (k in joined and not joined[k] and lines[k].strip()))
    st.diagnostics.append(Diagnostic("note", "joined the cells of a column a print set a character or two a line"))


def _broken_cells_pass(st: Styled, headings: frozenset[str]) -> None:
    """A table whose cells pdftotext broke inside their words: its lines one paragraph
    (:mod:`policyvc.parser.broken_cells`)."""
    from policyvc.parser.broken_cells import broken_cells_warning, join_broken_cells

    lines = list(st.lines)
    for first, last, said in join_broken_cells(lines, headings or HEADINGS):
        for k in range(first, last + 1):
            if lines[k] != st.lines[k]:
                st.lines.set(k, lines[k])
        st.diagnostics.append(broken_cells_warning(st.lines.origin(first) - 1, st.lines.origin(last) - 1, said))
        st.whole.add(st.lines.origin(first))


def prepare(
    text: str,
    source: str,
    *,
    titled: bool = True,
    headings: frozenset[str] = frozenset(),
    silent: frozenset[int] = frozenset(),
    furniture: frozenset[int] = frozenset(),
    fields: tuple[str, ...] = (),
    labels: tuple[str, ...] = (),
    reading: bool | None = None,
    whole: frozenset[int] = frozenset(),
) -> Styled:
    """Run the passes over ``text`` (newlines already ``\\n``).

    ``titled``: the document must have the family's title line (``Clinical Policy: <drug>``), what
    comes before it is cut, and the passes for the family's own layouts run (4–6 above); the outline
    of other documents reads them without.  ``headings``: the template's heading vocabulary
    (case-folded), whole-line headings when wrapped lines are joined.  ``silent``: the lines (1-based) of
    furniture a copy wrote between two lines of text, blanked already: they break no paragraph.  ``furniture``:
    the lines (1-based) the caller found to be page furniture: no line of the wrapped text around them.
    ``fields``: the labels of the template's header fields (the identifier's, the dates'), whose copy in the
    first page's running header is the head's.  ``labels``: all the header fields' labels (the title's too), a
    label alone on its line a block of its own in wrapped text.  ``reading``: whether the text is pdftotext's in
    reading order, told by the caller from the text before its tables were read into tabbed rows (else told here).
    ``whole``: the lines (1-based) each a paragraph of its own in wrapped text (a broken table's run, joined).
    """
    lines = text.split("\n")
    st = Styled(Lines.numbered(lines), source=tuple(lines), whole=set(whole))
    wrapped = "\f" in text or _hard_wrapped(lines)
    if wrapped:  # (a log whose cells a print centred, each row's dates between its description's lines: a row a line)
        for k, line in enumerate(centred_codes(centred_log(lines))):
            if line != lines[k]:
                st.lines.set(k, line)  # pdftotext ends every page with a form feed
        _narrow_pass(st)
        _broken_cells_pass(st, headings)
    _empty_link_cells(st)
    if titled:
        _title_pass(st, source)
        _bare_fields_pass(st, fields)
    if "|" in text:  # (a copy's ``Code | Description`` rows: tab-separated, as the grammar reads tables)
        from policyvc.parser.space_tables import pipe_rows

        for k, row in pipe_rows(list(st.lines)).items():
            st.lines.set(k, row)
    _furniture_pass(st, remove=wrapped, fields=fields, known=furniture)
    for k in range(len(st.lines)):  # (a print's footer address that reading order set among the page's text)
        if local_address(st.lines[k]):
            st.lines.set(k, "")
    _split_date_pass(st)
    _cut_date_pass(st)
    _glued_marker_pass(st)
    if wrapped:
        _quantity_pass(st)
        reading = reading_order(st.lines) if reading is None else reading  # (not ``-layout``)
        if reading:
            if not titled:  # (a header table written a cell a line, its labels before their values)
                wrapped_labels(st.lines)  # (a label its narrow cell wrapped: ``Original Effective`` / ``Date``)
                header_cells(st.lines, fields)
            column_log(st.lines)  # (the family's log in narrow columns, a cell a line)
            _gap_pass(st)
            _wrapped_log_header_pass(st)
            if titled:  # (the family's log with its columns spaced out on each line: read by its columns)
                _layout_table_pass(st, log_only=True)
            _table_pass(st, set(), headings)
            if titled:
                _cell_grid_pass(st)
        else:
            if not titled:  # (a field block beside the title: the family's header has its own fixed form)
                side_fields(st.lines)
                # (and a grid of fields under it: each field a line of its own, nothing joined to it — the
                # section's heading under the grid's last value, ``Coverage Guidelines``, is no more of it)
                if (grid := header_grid(st.lines, fields)) is not None:
                    st.whole.add(grid)
            _layout_table_pass(st)
        found = {k for k in range(len(st.lines)) if st.lines.origin(k) in furniture and st.lines.exact(k)}
        _acronym_lines(st, found)
        _wrapped_pass(st, found, headings, empty_cells=not titled, silent=silent, labels=labels, form_fed="\f" in text)
        if reading:  # (-layout text keeps the hyphens at its line ends)
            _hyphen_pass(st)
            _bulletless_pass(st)
    elif titled and "\t" not in text:
        _wrapped_log_header_pass(st)
        _spaced_log_pass(st)
        # (a log the spaces did not lay out — a print's copy in reading order, each header name and cell a block
        # of its own, a row's dates after its description's first line — read by its cells, as pdftotext's)
        _table_pass(st, set(), headings, tables=(REVISION_LOG, CODES_TABLE))
    if titled:  # the family's own layouts: its header fields, its criteria run inline, its dashes for numbers
        _title_wrap_pass(st)
        _header_pass(st)
        _log_header_rest_pass(st)
        _flat_pass(st)
        _dash_pass(st)
    return st
