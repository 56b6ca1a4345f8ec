"""Reading a document by its outline and a template (every template but the pharmacy grammar's).

The text goes through the same text front and normaliser as the family's policies (page furniture,
pdftotext wrapping, bullets glyphs …); its outline (:mod:`~policyvc.parser.outline`) is typed into the
AST by the template (:func:`~policyvc.parser.template_core.build`).  This never raises on text that
:func:`looks_like_policy`; text that does not is refused with the family's title error.
"""

from __future__ import annotations

import gc
import itertools
import re

from policyvc.lazy_re import lazy
from policyvc.parser.broken_cells import broken_cells_warning, join_broken_cells
from policyvc.parser.centred_log import centred_codes, centred_log
from policyvc.parser.column_log import column_log
from policyvc.parser.errors import PolicyError
from policyvc.parser.furniture import (
    copyright_notice,
    fold_name,
    head_names,
    joins_names,
    material_id,
    page_stamp,
    printed_by_browser,
    printed_titles,
    source_and_name,
)
from policyvc.parser.header_grid import grid_lines
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.joining import plain_hyphens
from policyvc.parser.lines import Lines
from policyvc.parser.markers import footnote_line, glyph_level, read_item_marker, section_sign_bullet, stars_a_word
from policyvc.parser.narrow_text import join_narrow_lines
from policyvc.parser.nodes import Policy
from policyvc.parser.normalize import normalize
from policyvc.parser.outline import HEADINGS, OutlineLine, contents_menu, read_outline
from policyvc.parser.page_numbers import (
    ends_in_page_number,
    page_number_line,
    without_page_number,
    written_page_number,
)
from policyvc.parser.reading_order import reading_order
from policyvc.parser.run_on_lists import (
    indented_bullets,
    join_lone_markers,
    pair_lone_bullets,
    split_bullets,
    split_enumeration,
    split_run_on,
    split_semicolons,
    wrapped_semicolons,
)
from policyvc.parser.site_chrome import site_chrome
from policyvc.parser.space_tables import column_name, space_tables, unread_spaced_tables
from policyvc.parser.template import TEMPLATES, Template
from policyvc.parser.template_core import build
from policyvc.parser.text_styles import head_repeated, prepare
from policyvc.parser.vocabulary import TITLE_LABEL
from policyvc.parser.web_furniture import web_furniture
from policyvc.parser.written_dates import broken_dates, cut_dates

__all__ = ["looks_like_policy", "not_a_policy", "read_document"]

_TITLE = lazy(rf"^\W{{0,4}}{TITLE_LABEL}", re.M)
_HEAD = 20_000
_MENU_LINES = 400  # a contents list or a page's menu is among the first lines


_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|[A-H]\.)\s+")


def looks_like_policy(text: str) -> bool:
    """Whether the head of ``text`` says it is a policy: a template claims it, or it labels an
    identifier or a date, or it has two of the headings policies use."""
    head = text[:_HEAD]
    if any(t.claims(head) for t in TEMPLATES.values()):
        return True
    generic = TEMPLATES["generic"]
    labels = (*generic.reference_labels, *generic.effective_labels, *generic.review_labels)
    names = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    # (a field anywhere on its line: a layout runs several onto one; a label ending in its own stop,
    # ``Policy No. 412``, needs no colon)
    if re.search(rf"(?im)(?:^\W{{0,4}}|\s)(?:{names})(?:\s*[:#]|(?<=\.))\s*\S*\d", head):
        return True
    # (a label a layout set apart from its identifier by spaces or a blank line: ``LCD ID      L33822``)
    if re.search(rf"(?im)^\W{{0,4}}(?:{names})[ \t]*\n?[ \t]*\n?[ \t]*[A-Z]{{0,4}}[-.]?\d[\w.-]*\d[ \t]*$", head):
        return True
    # A web page copied as text lays its fields out as a table: the label on one line (perhaps with
    # a few more words, ``Effective Date of this Version``), its value alone on the next.
    if re.search(rf"(?im)^\W{{0,4}}(?:{names})\b[^\n:]{{0,30}}\n[ \t]*[A-Z]{{0,4}}[\d./-]*\d[\w./-]*[ \t]*$", head):
        return True
    # (raw pdftotext of a printed header table: its labels alone on their lines, their values below them)
    if len(re.findall(rf"(?im)^\W{{0,4}}(?:{names})\s*(?:[:#]|(?<=[.#]))[ \t]*$", head)) >= 2:
        return True
    # (a bare ``Policy: MP045`` names one too, and so do dated change lines: ``Revised: 8/25 (…)``)
    if re.search(r"(?im)^\W{0,4}Policy\s*:\s*[A-Z]{0,5}[-.]?\d[\w.-]*\s*$", head):
        return True
    if re.search(r"(?im)^\W{0,4}(?:Devised|Revised|Reviewed)\s*:\s*\d{1,2}/\d{2,4}\b", head):
        return True
    if any(_dated_field(line) for line in head.split("\n")):
        return True
    # (a header table: a row of labels over one row of values, ``POLICY NUMBER | LAST REVIEW`` over
    # ``MG.MM.12 | 08/12/2026``, as a Word or web table's rows come out: cells apart by tabs)
    known = {x.casefold() for x in labels}
    rows = head.split("\n")
    for above, below in itertools.pairwise(rows):
        if "\t" in above and "\t" in below:
            values = below.split("\t")
            cells = [c.strip().removesuffix(":").casefold() for c in above.split("\t")]
            if any(c in known and k < len(values) and re.search(r"\d", values[k]) for k, c in enumerate(cells)):
                return True
    # (a Medicare Part D criteria grid: its field labels opening lines, alone or with their values beside them, as a
    # print of its table lays them out — ``Covered Uses All FDA-approved …``, ``Age Restrictions``, ``Part B``)
    if len({" ".join(m.casefold().split()) for m in _GRID_LABEL.findall(head)}) >= 3:
        return True
    # (a heading numbered by the document — Word's heading numbering, ``2. Definitions`` — is one of them too)
    lines = (_SECTION_NUMBER.sub("", x.strip().strip("*#").strip()).removesuffix(":").casefold() for x in rows)
    return sum(1 for x in lines if x in HEADINGS or _CRITERIA_HEADING.match(x)) >= 2


# The field labels of a Medicare Part D prior authorization criteria grid (CMS's format, every Part D sponsor's)
_GRID_LABEL = re.compile(
    r"(?im)^\W{0,4}(covered\s+uses|exclusion\s+criteria|required\s+medical|age\s+restrictions?|"
    r"prescriber\s+restrictions?|coverage\s+duration|other\s+criteria|part\s+b\s+prerequisite|off[- ]label\s+uses)\b"
)


# A section of criteria named for its stage or kind (``Inclusion Criteria``, ``Exclusion Criteria``, ``Renewal
# Criteria``, ``Initial Approval Criteria``): a criteria-for-use document's headings, whatever its vocabulary
_CRITERIA_HEADING = re.compile(
    r"^(?:(?:initial|inclusion|exclusion|exclusionary|inclusionary|renewal|continuation|continued|reauthorization"
    r"|re-authorization|approval|therapy|treatment|eligibility)\s+){1,3}criteria$"
)


# A field that dates the document, whatever the words before its name (``Clinical edit effective date:``,
# ``Publication Date:``, ``Effective Date: November 1, 2026`` — a named month, which the labels' own
# patterns above, written for numbers, do not see).
_DATE_FIELD = re.compile(
    r"\b(?:effective|review(?:ed)?|revis(?:ed|ion)|publication|published|approv(?:ed|al)|issued|updated)"
    r"(?:\s+date)?\s*:\s*(?P<value>.{6,40})$",
    re.I,
)


# The same with no colon, its label starting the line (``Effective Date 04/15/2026``, a layout's grid)
_BARE_DATE_FIELD = re.compile(
    r"^\W{0,4}(?:(?:last|next|original)\s+)?(?:effective|review(?:ed)?|revis(?:ed|ion)|publication|published|"
    r"approv(?:ed|al)|issued|updated)(?:\s+date)?\s+(?P<value>.{6,40})$",
    re.I,
)


def _dated_field(line: str) -> bool:
    """Whether ``line`` is a field giving the document's date: its value is a whole date."""
    from policyvc.parser.written_dates import read_date

    m = _DATE_FIELD.search(line.strip()) or _BARE_DATE_FIELD.match(line.strip())
    if m is None:
        return False
    value = m["value"].strip()
    d = read_date(value)
    return d is not None and d.start == 0 and d.end >= len(value.rstrip(" ."))


def not_a_policy(text: str, source: str) -> PolicyError:
    """The error for text that is no policy: the family's title line was expected (named where it was not)."""
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), 0)
    line = lines[first].strip() if lines else ""
    shown = line if len(line) <= 60 else line[:60] + "…"
    column = len(lines[first]) - len(lines[first].lstrip()) + 1 if lines else 1
    return PolicyError(
        f"expected the title line `Clinical Policy: <drug>`, found `{shown}`",
        source=source,
        line=first + 1,
        column=column,
    )


# Bullet glyphs (their levels in Word's and browsers' default cycle: • then o then ▪ or §, ``glyph_level``), and
# the glyph each level is written with for the outline: the normaliser makes every glyph ``-``, which would flatten
# them.
_BULLET_LINE = re.compile(
    r"^(?P<feed>\f?)(?P<indent>[ \t]*)(?P<glyph>[-•*\uf0b7●∙‣✓✔☐☑☒❑❏]|o|◦|○|▪|■|□|§|\uf0a7|\uf0d8)[ \t]+(?=\S)"
    r"(?!(?:\d{1,3}|[A-Za-z]{1,6})[.)][ \t]|\((?:\d{1,3}|[a-z]{1,6})\)[ \t])"  # (a bullet before a marker: dropped)
)
_LEVEL_GLYPH = ("-", "–", "·")
_ANNOUNCED = lazy(r":\s*$")


def bullet_levels(lines: list[str]) -> list[str]:
    """``lines`` with each bullet's level kept in its glyph (``-``, ``–``, ``·``): from its indentation among the
    bullets above it where the run's items stand at more than one indentation (when glyph and indentation
    disagree, indentation wins), else — a copy with no usable indentation — from the glyph the document used in
    Word's cycle (``o`` under ``•``, ``§`` or ``▪`` under ``o``)."""
    out = []
    indents: list[int] = []  # indentation of the open bullet levels
    running = running_names(lines)
    said: set[str] = set()
    above = ""
    levels: dict[tuple[str, int], int] = {}  # (glyph of no fixed level, indentation): its level under an item
    seen: set[str] = set()  # the glyphs this run of bullets has met
    last = -1  # the level of the bullet above in this run
    above_item = ""  # that bullet's line (or the line its text wrapped onto)
    starred = False  # (a word above marked for a footnote with an asterisk: a ``* …`` line is that footnote)
    row_above = False  # (the line above is a table's row, its cells set apart by tabs)
    widths: set[int] = set()  # the indentations this run of bullets has met (more than one: they say the levels)
    for line in lines:
        m = _BULLET_LINE.match(line)
        if m is not None and m.group("glyph") == "§" and not section_sign_bullet(line, last if last >= 0 else None):
            m = None  # (``§ …`` under no second-level item: a footnote's mark, no bullet)
        if m is not None and m.group("glyph") == "*" and footnote_line(line, starred):
            m = None  # (``(Ajovy)*`` above: ``* Requires prior authorization`` is its footnote, no bullet)
        if m is not None and row_above and "\t" in m.group("indent"):
            m = None  # (``\t• …`` under a row: the next bullet of its cell, an empty first cell before it — a row)
        row_above = "\t" in line.strip("\t ") or (row_above and line.startswith("\t"))
        starred = starred or stars_a_word(line)
        # (a line that goes on the bullet's sentence in lower case is its text wrapped, or a word broken at
        # a hyphen there written whole on it: ``- … one of the`` / ``following conditions:``)
        goes_on = line[:1].islower() and bool(above) and not _SENTENCE_END.search(above)
        above = line.strip() or above
        if m is None:
            if line.strip() and not line[:1].isspace() and not _between_pages(line, running, said) and not goes_on:
                indents = []  # text at the margin ends a run of bullets (a page's furniture does not)
                levels, seen, last, widths = {}, set(), -1, set()
            elif line.strip():
                above_item = line  # (the item's text wrapped: its last line is what announces a list)
            out.append(line)
            continue
        width = len(m.group("indent").expandtabs(4))
        while indents and width < indents[-1]:
            indents.pop()
        if not indents or width > indents[-1]:
            indents.append(width)
        mark = m.group("glyph")
        widths.add(width)
        # (a glyph's level in Word's cycle, the first level's glyphs aside: ``•`` is also a list's only glyph, and
        # where this run's items stand at more than one indentation, that says their levels instead)
        level = (glyph_level(mark) or None) if len(widths) == 1 else None
        if level is None and len(widths) > 1:
            level = len(indents) - 1
        if level is None:
            # a glyph of no fixed level the run meets first right under an item that announces a list (``o … both
            # of the following:`` / ``- An adequate trial …``) is the level under it, where it stands, for the run
            key = (mark, width)
            if mark not in seen and last >= 0 and _ANNOUNCED.search(above_item):
                levels[key] = last + 1
            level = levels.get(key, len(indents) - 1)
        seen.add(mark)
        last, above_item = level, line
        glyph = _LEVEL_GLYPH[min(level, len(_LEVEL_GLYPH) - 1)]
        out.append(f"{m.group('feed')}{glyph} {line[m.end() :]}")  # (a page's form feed stays where it was)
    return out


_BARE_ADDRESS = lazy(r"^(?:https?|file)://\S+$", re.I)


def _between_pages(line: str, running: frozenset[str], said: set[str]) -> bool:
    """Whether ``line`` is what a print writes at a page break (a page's number, a browser's stamp or
    address, the running title written again): a list of bullets goes on past it at the same levels."""
    text = line.strip()
    if page_number_line(text) or ends_in_page_number(text) or printed_by_browser(text) or material_id(text):
        return True
    if _BARE_ADDRESS.match(text):
        return True
    name = text.casefold()
    if name in running:
        seen = name in said
        said.add(name)
        return seen or name == "clinical policy"
    return False


_HEAD_NAMES = 6  # the first lines of a document, where its title and its plan's name are
# a line that ends on a word needing the next (a name wrapped there): a comma, a hyphen, a preposition or article
_OPEN_END = lazy(r"(?:[,-]|\b(?:a|an|and|or|of|the|to|for|by|with|in|on|from|at))$", re.I)


def running_names(lines: list[str]) -> frozenset[str]:
    """What a running header may repeat: the document's first lines (its title, its plan's name) and
    ``CLINICAL POLICY``, case-folded."""
    head = [line.strip().casefold() for line in lines if line.strip()][:_HEAD_NAMES]
    return frozenset(h for h in head if len(h) <= 120) | {"clinical policy"}


_SENTENCE_END = lazy(r"[.;:!?][)\"”’*]*$")


def _list_goes_on(below: str) -> bool:
    """Whether ``below`` goes on with the text above a page break: in lower case, or a list's next item."""
    return below[:1].islower() or read_item_marker(below) is not None or bool(_BULLET_LINE.match(below))


def _alone(lines: list[str], k: int) -> bool:
    """Whether line ``k`` (0-based) stands between two lines of text with no blank line around it: what a
    viewer's copy writes at a page break, which leaves no trace once it is gone (no paragraph break)."""
    return 0 < k < len(lines) - 1 and bool(lines[k - 1].strip()) and bool(lines[k + 1].strip())


_BAR_CELLS = lazy(r"\s+\|\s+")


def _bar_row(line: str) -> int:
    """The cells of a table's row written with bars (``63685 | Insertion of …``), 0 for any other line."""
    return len(_BAR_CELLS.split(line.strip())) if " | " in line else 0


def _rows_across_breaks(lines: list[str], furniture: set[int]) -> tuple[set[int], set[int]]:
    """A table written with bars that a page break cut: between two of its rows of as many cells nothing but blank
    lines and the page's furniture (``furniture``, 0-based: its number, its running header).  Once the furniture
    is gone the table goes on, never a paragraph of its rows: the 1-based numbers of the gap's lines (silent: they
    break no table) and the 0-based rows after it (the table's rows, read as the rows above them are)."""
    gap: set[int] = set()
    rows: set[int] = set()
    k = 0
    while k < len(lines):
        if lines[k].strip() and k not in furniture:
            k += 1
            continue
        j = k
        while j < len(lines) and (not lines[j].strip() or j in furniture or _written_page(lines[j].strip())):
            j += 1
        broke = any(i in furniture or lines[i].strip() for i in range(k, j))
        cells = _bar_row(lines[k - 1]) if k > 1 else 0
        # (the rows above: the table's header and a row at least, so the rows below are never a table's start)
        if broke and cells >= 2 and _bar_row(lines[k - 2]) == cells and j < len(lines) and _bar_row(lines[j]) == cells:
            gap.update(i + 1 for i in range(k, j))
            while j < len(lines) and _bar_row(lines[j]) == cells:
                rows.add(j)
                j += 1
        k = max(j, k + 1)
    return gap, rows


def joined_names(lines: list[str]) -> list[int]:
    """The (0-based) lines past the head that put two or more of its names together (:func:`head_names`),
    each a running header where it stands: next to a line of text with no blank line between (a page's
    top or foot as a copy writes it), beside a page's number, or inside a sentence or a list past blank
    lines (the line above goes on; the text below goes on in lower case or is the list's next item).
    Elsewhere — a line of its own between blank lines, whose sentence around it ends — it may be a heading
    that repeats the title: kept."""
    names = head_names(lines)
    head = [k for k, line in enumerate(lines) if line.strip()][:_HEAD_NAMES]
    if not names or not head:
        return []
    # (a name the head wraps over two lines after a word that needs the next, ``Transcranial Magnetic Stimulation
    # (TMS) for`` / ``Major Depressive Disorder``, is one name written whole further down — a field's value, ``LCD
    # Title`` — not two joined; ``COVERAGE POLICY`` / ``TOTAL HIP ARTHROPLASTY`` are two names)
    wrapped = {
        fold_name(f"{lines[a].strip()} {lines[b].strip()}")
        for a, b in itertools.pairwise(head)
        if b == a + 1 and _OPEN_END.search(lines[a].strip())
    }
    out: list[int] = []
    for k in range(head[-1] + 1, len(lines)):
        text = lines[k].strip()
        if not text or len(text) > 160 or "\t" in text or fold_name(text) in names or fold_name(text) in wrapped:
            continue  # (a name the head writes whole is for the running rules: the title a browser prints)
        above = next((lines[j].strip() for j in range(k - 1, -1, -1) if lines[j].strip()), "")
        below = next((lines[j].strip() for j in range(k + 1, len(lines)) if lines[j].strip()), "")
        paged = any(_written_page(t) for t in (above, below))  # (beside a page's number)
        if not joins_names(text, names):
            # (one name only, after its source's short name, ``<agency> PA Criteria – <title>``: a running header
            # only right beside a page's number, where a page breaks — elsewhere a heading's or a sentence's)
            if paged and source_and_name(text, names):
                out.append(k)
            continue
        touches = (k > 0 and bool(lines[k - 1].strip())) or (k + 1 < len(lines) and bool(lines[k + 1].strip()))
        if touches or paged or (above and not _SENTENCE_END.search(above) and _list_goes_on(below)):
            out.append(k)
            out.extend(_beside_page_number(lines, k))
    return sorted(set(out))


_RUNNING_LINE = 80  # (a running header's line is short)


def _beside_page_number(lines: list[str], k: int) -> list[int]:
    """The other lines of the running header at line ``k``: those between it and a page's number, with no
    blank line among them, each short and none an item or a sentence's end (the plan's name a later page's
    header prints above the policy's: ``Page 1 of 2`` / ``Arkansas Blue Cross and Blue Shield`` / ``Coverage
    Policy Manual Policy #: 2009005``)."""
    for step in (-1, 1):
        between: list[int] = []
        j = k + step
        while 0 <= j < len(lines) and len(between) < 2:
            text = lines[j].strip()
            if _written_page(text):
                return between
            if not text or len(text) > _RUNNING_LINE or read_item_marker(text) or _SENTENCE_END.search(text):
                break
            between.append(j)
            j += step
    return []


def blank_running(lines: list[str], running: frozenset[str]) -> list[str]:
    """``lines`` with a running header line that a page break left inside a sentence made blank (the
    line above does not end a sentence, the text below goes on in lower case; a line written before,
    so never a line's first time); blank, not removed, so every line keeps its number."""
    out = list(lines)
    written = {line.strip().casefold() for line in lines[:_HEAD_NAMES]}
    for k in range(_HEAD_NAMES, len(lines)):
        name = lines[k].strip().casefold()
        if name not in running:
            continue
        if name not in written and name != "clinical policy":
            written.add(name)  # (a header repeats a line: the first time it is written it is the text itself)
            continue
        above = next((lines[j].strip() for j in range(k - 1, -1, -1) if lines[j].strip()), "")
        below = next((lines[j].strip() for j in range(k + 1, len(lines)) if lines[j].strip()), "")
        if above and not _SENTENCE_END.search(above) and below[:1].islower():
            out[k] = ""
    return out


def _written_page(text: str) -> bool:
    """Whether ``text`` is a page's number written as such (``Page 3``, ``3 of 7``, never ``11/21`` alone, which
    may be a date), or ends in one after what a header or footer writes beside it (``Bone Mineral Density
    Testing   Page: 2 of 7``, ``Policy Bulletins | Aetna   Page 2 of 5``)."""
    return written_page_number(text) or ends_in_page_number(text)


_PAGE_LINK = lazy(r"^(?:Back to (?:the )?Top|Return to (?:the )?Top|Top of (?:the )?Page)$", re.I)
# A web page's buttons copied with its text, two or more on a line (``Download PDF   Print``, ``Share | Email``,
# ``Print this page``): a site adds and drops them between copies; never the policy's words.
_TOOL = (
    r"(?:Download|Print|E-?mail|Share|Save|Bookmark|Subscribe|Feedback|Copy link|Tweet|Facebook|Twitter|LinkedIn"
    r"|(?:Text|Font) size:?(?:\s?A\s?A\s?A)?|A\s?A\s?A|PDF|Print(?:er)?[- ]friendly(?: version)?)"
    r"(?:\s+(?:(?:as|to|this)\s+(?:a\s+)?)?(?:PDF|page|policy|document|link|friend|version))?"
    r"(?:\s*\((?:PDF|Word|DOCX?)\))?"  # (``Download (PDF)``: the file's kind in brackets)
)
_TOOLS = lazy(rf"^{_TOOL}(?:(?:\s{{2,}}|\s*[|·•]\s*){_TOOL})+$|^{_TOOL}\s+this\s+(?:page|policy|document)$", re.I)


def page_tools(line: str) -> bool:
    """Whether ``line`` is a web page's buttons copied with its text, and nothing else."""
    return bool(_TOOLS.match(line.strip()))


def page_footer(lines: list[str]) -> list[int]:
    """The lines of a web page's footer at the end of a copy: its stamp of its last change and the site's
    copyright notice beside it (``Page last updated: …`` / ``© 2025 <plan>``), nothing else after them — none
    without the stamp (a policy's own closing notice stays)."""
    found: list[int] = []
    for k in range(len(lines) - 1, -1, -1):
        text = lines[k].strip()
        if not text:
            continue
        if page_stamp(text) or (copyright_notice(text) and len(text) <= 120):
            found.append(k)
            continue
        break
    return found if any(page_stamp(lines[k]) for k in found) else []


_IN_TEXT = lazy(
    r"^(?:\(?(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})[.)]|[-•*\uf0b7●∙‣◦○▪■□–✓✔☐☑☒❑❏])\s|^[a-z]+(?:\s|$)"
    r"|(?:,|\b(?:a|an|and|or|of|the|to|for|by|with|in|on|that))$"
)
# A line of four words or more that announces what follows (``For continuation of therapy, all of the following
# criteria must be met:``, which each section may open with) or ends a clause is the text's, never a running
# line: a running header names the policy, its plan or its page, and announces nothing (a label alone,
# ``Effective Date:``, may be one).
_ANNOUNCES = lazy(
    r"^(?:\S+\s+){3,}\S*[:;]$|\b(?:all|any|one|both|none|either|each)\b(?:\s+\w+)?\s+of\s+the\s+following\b", re.I
)
_NEAR = 2  # how far from a page's number a running line stands
_WORDS = lazy(r"\w+")
_HEAD_FIELDS = 12  # the document's own head (its title and fields) is never a running line


# a form's or document's number (``F-02871 (01/2026)``, ``MP-1234``): a running line of words it is not, yet a
# footer or header repeats it beside each page's number
_CODE_ID = lazy(r"\b[A-Z]{1,5}-\d{3,}\b")


def page_furniture(lines: list[str]) -> set[int]:
    """The 1-based numbers of the lines that are a page's furniture which the page rules may leave: a line
    ending in its page's number (``… Page 2 of 5``), and a short line written again and again beside one
    (a running header: ``CLINICAL POLICY`` / ``Sleep Studies``; ``Effective Date: 03/26/2026``) — each time
    but in the document's head (its own title and fields), unless it stands beside a page's number every time."""
    pages = [k for k, line in enumerate(lines) if _written_page(line)]
    if not pages:
        return set()
    out = {k + 1 for k in pages if ends_in_page_number(lines[k])}
    out |= _title_above_page_number(lines, out)
    out |= _named_beside_page_number(lines, pages)
    # (the head's first lines again at a later page's top — ``<plan>`` / ``<title>`` under ``Page 1 of 2`` — known
    # before the tables are read: a table the page broke would take them as its last row's wrapped text)
    split = [list(range(a + 1, b + 1)) for a, b in itertools.pairwise([-1, *pages, len(lines) - 1])]
    out |= {k + 1 for k in head_repeated(lines, [p for p in split if p], set())[1]}
    near = {j for k in pages for j in range(k - _NEAR - 1, k + _NEAR + 2)}
    seen: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        text = " ".join(line.split())
        # (a list item or a piece of a sentence is never a running line: ``I. It is the policy of … Corporation®``
        # opens every statement, its wrapped rest ``testing for`` follows, and a page break may land beside two)
        if (
            len(text) <= 120
            and (re.search(r"[^\W\d_]{3}", text) or _CODE_ID.search(text))
            and not page_number_line(text)
            and not _IN_TEXT.search(text)
            and not _ANNOUNCES.search(text)
        ):
            # (by its words: a running header may punctuate a line of the head otherwise, ``Chapter 8 Section 2.4``
            # at the head, ``Chapter 8, Section 2.4`` at a page's top — but not its end: ``indication;`` and
            # ``indication.`` are the ends of two sentences, never one line printed twice)
            end = text[-1] if text[-1] in ".;:," else ""
            seen.setdefault(" ".join(_WORDS.findall(text.casefold())) + end, []).append(k)
    # (beside more than one page's number where the text has more than two: a heading once written in the
    # contents list above and once beside a page break is no running line)
    often = 2 if len(pages) > 2 else 1
    for where in seen.values():
        beside = [k for k in where if k in near]
        if len(where) < 2 or len(beside) < often:
            continue
        if often == 1 and any(k not in near and k >= _HEAD_FIELDS for k in where):
            # (one page's number to go by: a running line's other time is at the first page's top, in the
            # head — a sentence each section ends with, written again far from any page break, is the text's)
            continue
        if often == 1:
            # (and above that number only where the next page's header is not below it: a heading the head's
            # links name, ``Coding Implications``, ends page 1 above ``Page 1 of 2`` / ``CLINICAL POLICY``)
            beside = [k for k in beside if not _header_below(lines, k, pages)]
            if not beside:
                continue
        running = len(beside) == len(where) >= 3  # (its first time too: a running header on every page)
        out.update(k + 1 for k in beside if k >= _HEAD_FIELDS or running)
        if len(where) - 1 == len(beside) >= 2 and _head_says_again(lines, where[0]):
            out.add(where[0] + 1)  # (its first time at page 1's top too, above the head that says it whole)
        if len(where) == len(pages) >= 3 and len(beside) == len(where) - 1 and _page_each(where, pages):
            # (a footer written once on every page, beside its number on all but one: a raw extraction wrote
            # a table's last column between it and that page's number — it is furniture there too)
            out.update(k + 1 for k in where if k >= _HEAD_FIELDS)
    return out


def _head_says_again(lines: list[str], k: int) -> bool:
    """Whether line ``k``, a running line's first time, is page 1's running header: among the document's first
    lines (only short lines above it), with a line of the head below it that holds its words (but the plan's
    short name a long header adds) — ``CLINICAL POLICY`` / ``Obstructive Sleep Apnea Treatment`` over ``Clinical
    Policy: Obstructive Sleep Apnea Treatment``; ``Bariatric Surgery | BCBSRI Medical Coverage Policy`` over
    ``Medical Coverage Policy | Bariatric Surgery`` — so the head keeps its title, and the page's header goes as
    on every other page."""
    if k > 3 or any(len(lines[j].split()) > 8 for j in range(k)):
        return False
    words = set(_WORDS.findall(lines[k].casefold()))
    spare = max(0, (len(words) - 2) // 4)  # (the plan's short name a long header adds: ``BCBSRI``)
    heads = [set(_WORDS.findall(lines[j].casefold())) for j in range(k + 1, min(len(lines), k + _HEAD_FIELDS))]
    return bool(words) and any(words != w and len(words - w) <= spare and len(w) >= len(words) - spare for w in heads)


def _header_below(lines: list[str], k: int, pages: list[int]) -> bool:
    """Whether line ``k``, a heading of the vocabulary (never a plan's footer), stands above a page's number whose
    next line of text is a running header's (the head's first lines again, or ``CLINICAL POLICY``): that page
    break's header is below its number, so ``k`` is the section's heading that ends the page, never the header."""
    number = next((p for p in pages if k < p <= k + _NEAR + 1), None)
    if number is None:
        return False
    below = next((line for line in lines[number + 1 :] if line.strip()), "")
    mine = lines[k].strip().casefold()
    return mine.removesuffix(":") in HEADINGS and below.strip().casefold() in running_names(lines) - {mine}


def _page_each(where: list[int], pages: list[int]) -> bool:
    """Whether the lines ``where`` stand one on each page (between one page's number and the next's)."""
    return sorted(sum(p < k for p in pages) for k in where) == list(range(len(pages)))


def _title_above_page_number(lines: list[str], numbered: set[int]) -> set[int]:
    """The 1-based numbers of the lines right above a page's number that, with what that line writes
    before the number, say the document's own title again (a running header wrapped otherwise than the
    title at the head: ``… Testing - Medical Clinical`` / ``Policy Bulletins | Aetna   Page 2 of 5``)."""
    head: list[str] = []
    head_end = 0
    for k, line in enumerate(lines[:_HEAD_FIELDS]):
        if line.strip():
            head.append(line)
            head_end = k + 1
        elif head:
            break
    title = " ".join(" ".join(head).split()).casefold()
    if len(head) > 3 or not re.search(r"[^\W\d_]{3}", title):
        return set()
    out: set[int] = set()
    for number in numbered:
        k = number - 1
        tail = without_page_number(lines[k]).strip()
        for n in (1, 2):
            above = lines[k - n : k]
            if k - n < head_end or not all(line.strip() for line in above):
                break
            if " ".join(" ".join([*above, tail]).split()).casefold() == title:
                out.update(range(k - n + 1, k + 1))
                break
    return out


# What a running header writes before or after the document's title: ``Security Health Plan Medical Policy: <title>``,
# ``<plan> Medical Policy MP172 - <title>``, ``<title> | <plan>``.
_NAME_SEPARATOR = r"\s*(?:[:|\u2013\u2014]|\s-)\s+"


# A field of the head that gives the policy's title (``Title: …``, ``Policy Title: …``, ``Policy Name: …``)
_TITLE_FIELD = lazy(r"^(?:(?:medical\s+|clinical\s+)?policy\s+)?(?:title|name)\s*:\s*(?P<title>\S.*)$", re.I)


def _head_titles(lines: list[str]) -> list[str]:
    """The lines of the document's head that may be its title (two words or more, no field but the title's,
    no sentence), case-folded and with their spaces made single."""
    out: list[str] = []
    for line in [line for line in lines if line.strip()][:_HEAD_FIELDS]:
        text = " ".join(line.split())
        if field := _TITLE_FIELD.match(text):  # (the title a field of the head gives: ``Title: <title>``)
            text = field["title"]
        if ":" in text or _SENTENCE_END.search(text) or len(text) > 120 or len(text.split()) < 2:
            continue
        if re.search(r"[^\W\d_]{3}", text):
            out.append(text.casefold())
    return out


# A policy's number as its head's field gives it (``Policy Number: 7.01.20``, ``Policy #: MP-VV-014``): one word
# with a digit, which a running header may write beside the title with nothing but a space between them
_HEAD_NUMBER = lazy(r"^[^:]{2,40}:\s*(?P<number>(?=[\w.-]*\d)[A-Za-z0-9][\w.-]{2,23})\s*$")


def _head_numbers(lines: list[str]) -> list[str]:
    """The values of the head's fields that are a policy's number (:data:`_HEAD_NUMBER`), case-folded."""
    head = [line.strip() for line in lines[:_HEAD_FIELDS] if line.strip()]
    return [m["number"].casefold() for line in head if (m := _HEAD_NUMBER.match(line))]


_NUMBER_WORDS = 5  # the words a running header writes beside the policy's number (its plan, its kind)
_DATE_VALUE = lazy(r"^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4})$")


def _labels_number(folded: str, numbers: list[str]) -> bool:
    """Whether ``folded`` is the policy's number its head's field gives with a few words before it and no digit
    among them (its plan and its kind: ``BCBSND Medical Policy MP-7.01.163``, ``Coverage Policy 2009005``) — a
    running header that names no title.  A date is no policy's number."""
    for n in numbers:
        if _DATE_VALUE.match(n) or not folded.endswith(f" {n}"):
            continue
        words = folded[: -len(n)].split()
        if 0 < len(words) <= _NUMBER_WORDS and not any(c.isdigit() for c in "".join(words)):
            return True
    return False


def _named_beside_page_number(lines: list[str], pages: list[int]) -> set[int]:
    """The 1-based numbers of the lines beside a page's number, past the document's head, that write the
    document's title with a plan's or a policy's name before or after it (a running header written once:
    a two-page print has one page break, so it is never seen again) — or with the policy's number its head's
    field gives, a space alone between them (``Vagus Nerve Stimulation 7.01.20``)."""
    titles = _head_titles(lines)
    if not titles:
        return set()
    numbers = _head_numbers(lines)
    out: set[int] = set()
    for page in pages:
        for k in range(max(page - _NEAR, _HEAD_FIELDS), min(page + _NEAR + 1, len(lines))):
            text = " ".join(lines[k].split())
            if k == page or not text or len(text) > 160 or _IN_TEXT.search(text) or _SENTENCE_END.search(text):
                continue
            folded = text.casefold()
            for title in titles:
                if folded == title:
                    continue  # (the title alone is the rules' above, or a heading that happens to stand there)
                at_end = re.search(_NAME_SEPARATOR + re.escape(title) + "$", folded)
                at_start = re.match(re.escape(title) + _NAME_SEPARATOR, folded)
                numbered = any(folded in (f"{title} {n}", f"{n} {title}") for n in numbers)
                if at_end or at_start or numbered or _labels_number(folded, numbers):
                    out.add(k + 1)
                    break
    return out


def _without(line: str, raw: list[str], origin: int, stop: int, furniture: set[int]) -> str:
    """``line`` of the text front, read from source lines ``origin`` up to ``stop``, without their page
    furniture: the line it starts at (the text front may have run the line after it on: that text stays),
    and a furniture line the text front ran into the middle of a sentence (only where its whole text stands)."""
    have = " ".join(line.split())
    if origin in furniture and 0 < origin <= len(raw):
        gone = " ".join(raw[origin - 1].split())
        if have == gone:
            return ""
        if not have.startswith(gone + " "):
            return line
        have = line = have[len(gone) :].strip()
    inside = [" ".join(raw[k - 1].split()) for k in range(origin + 1, min(stop, len(raw) + 1)) if k in furniture]
    for gone in inside:
        at = f" {have} ".find(f" {gone} ") if gone else -1
        if at >= 0:
            have = line = " ".join(f"{have[:at]} {have[at + len(gone) :]}".split())
    return line


def _next_origins(starts: list[int], end: int) -> list[int]:
    """For each line of the text front, the source line the next line starting later starts at (``end``
    for the last): the source lines it was read from are ``starts[k]`` up to it."""
    out = [end] * len(starts)
    nxt = end
    for k in range(len(starts) - 1, -1, -1):
        out[k] = nxt
        if k and starts[k - 1] < starts[k]:
            nxt = starts[k]
    return out


def read_document(text: str, source: str, template: Template) -> tuple[Policy, list[Diagnostic]]:
    """``text`` (hygiene done, newlines ``\\n``) read by its outline and typed by ``template``.

    The cyclic garbage collector is paused meanwhile: the read makes objects by the hundred thousand
    (a token, a block, a node per line) and no cycles, and each full collection walks all of them —
    on a 2 MB policy that doubled the time (superlinear: 10× the text took 17× the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_document(text, source, template)
    finally:
        if enabled:
            gc.enable()


def _grid_names(raw: list[str], first: int, last: int) -> list[str]:
    """The names heading a grid printed cell by cell: its first lines, a block each (at most four said)."""
    names: list[str] = []
    if first < last and raw[first + 1].strip():
        # (a column at a time: each column's name starts a block, its cells right under it)
        starts = [j for j in range(first, last + 1) if raw[j].strip() and (j == first or not raw[j - 1].strip())]
        return [" ".join(raw[j].split()) for j in starts if column_name(raw[j].strip())][:4]
    for j in range(first, last):
        if raw[j].strip() and not raw[j + 1].strip() and len(names) < 4:
            names.append(" ".join(raw[j].split()))
        elif raw[j].strip():
            break
    return names


def _in_block(lines: list[str], k: int) -> bool:
    """Whether line ``k`` has a line of text right above or below it (a print's stamp and address are no text)."""
    return any(0 <= j < len(lines) and lines[j].strip() and not printed_by_browser(lines[j]) for j in (k - 1, k + 1))


def _read_document(text: str, source: str, template: Template) -> tuple[Policy, list[Diagnostic]]:
    titled = template.titled and bool(_TITLE.search(text[:_HEAD]))
    # (a log whose cells a print centred, each row's dates between its description's lines: a row a line)
    plain = plain_hyphens(text).split("\n")
    for k, line in join_narrow_lines(plain).items():  # (a code or date column set a character or two a line)
        plain[k] = line
    plain = centred_codes(centred_log(plain))
    for k, (line, below) in cut_dates(plain).items():  # (a Date column's year wrapped: whole before a table reads it)
        plain[k], plain[k + 1] = line, below
    for k, line in broken_dates(plain).items():  # (a date the column broke over three lines or more)
        plain[k] = line
    # (a table whose cells pdftotext broke inside their words: one paragraph, before any table reader meets its pieces)
    broken = join_broken_cells(plain, HEADINGS | template.headings)
    # a web page's head and footer, found where its lines stand before the text front joins a hard-wrapped copy's
    # lines (the site's menu and breadcrumb run into one paragraph there, which no rule of the site's lines reads):
    # the lines in a block the text front would join; a line set apart by blank lines is left to the pass below
    site = [k for k in web_furniture(plain) if _in_block(plain, k)]
    site_said = [" ".join(plain[k].split()) for k in site]
    for k in site:
        plain[k] = ""
    printed = printed_titles(plain)  # (the page's title a browser printed beside its stamps: names the document)
    # (a running header putting the head's names together: blank before the text front, so a list goes on
    # past it; every line keeps its number)
    headers = joined_names(plain)
    said = "; ".join(dict.fromkeys(f"`{' '.join(plain[k].split())}`" for k in headers))
    # (furniture a viewer's copy set between two lines: no paragraph break, in wrapped text too)
    blanked = frozenset(k + 1 for k in headers if _alone(plain, k))
    silent = set(blanked)
    # (a running line counted where it stands every time, also where it put the head's names together: its
    # other times, kept there, are still furniture)
    before = page_furniture(plain) if headers else set()
    for k in headers:
        plain[k] = ""
    paired, lone = pair_lone_bullets(plain)
    lines = bullet_levels(indented_bullets(join_lone_markers(paired)))
    furniture = page_furniture(lines) | {n for n in before if lines[n - 1].strip()}
    silent |= {n for n in furniture if _alone(lines, n - 1)}
    gap, continued = _rows_across_breaks(lines, {n - 1 for n in furniture} | set(headers))
    silent |= gap
    running = running_names(lines)
    unsure: list[int] = []
    unpaired: list[int] = []  # (tables printed column by column whose cells do not pair up)
    grids: list[tuple[int, int]] = []  # (grids printed cell by cell whose rows cannot be rebuilt)
    fields = (*template.reference_labels, *template.effective_labels, *template.review_labels)
    # (a grid of header fields under the title: not a table of the body's, the text front reads it as fields)
    grid = grid_lines(lines, fields) if not titled else frozenset()
    # (reading order or ``-layout``, told before a table's spaced rows are read into tabbed ones below)
    reading = reading_order(lines)
    if "\f" in text and reading:
        # (the family's log a column at a time, pdftotext's of a print whose log has no rules: its rows rebuilt
        # before the table passes below meet its cells, every line kept where it is)
        probe = Lines.numbered(lines)
        column_log(probe, in_place=True)
        lines = list(probe)
    text = "\n".join(
        space_tables(
            blank_running(lines, running),
            unsure,
            frozenset([*(k - 1 for k in furniture), *headers]),
            unpaired,
            grid,
            grids,
        )
    )
    if continued:  # (a bar table's rows after a page break: tab-separated, as the text front makes the rows above)
        text = "\n".join(
            "\t".join(_BAR_CELLS.split(line.strip())) if k in continued else line
            for k, line in enumerate(text.split("\n"))
        )
    # (the headings a contents list or a page's menu names: the text front keeps each a line of its own)
    _, menu = contents_menu([OutlineLine(line, k + 1) for k, line in enumerate(text.split("\n")[:_MENU_LINES])])
    styled = prepare(
        text,
        source,
        titled=titled,
        headings=HEADINGS | template.headings | menu,
        silent=blanked,
        furniture=frozenset(furniture),
        fields=fields,
        labels=() if titled else (*fields, *template.title_labels, *template.lob_labels),
        reading=reading,
        whole=frozenset(first + 1 for first, _, _ in broken),
    )
    # a browser's print furniture the page rules left (a print with no page-number line) and a plan's material
    # ID at a page's foot: blank, so every line keeps its number — after the text front, whose page rules read
    # these lines where they stand
    raw = text.split("\n")
    starts = [styled.lines.origin(k) for k in range(len(styled.lines))]
    stops = _next_origins(starts, len(raw) + 1)
    kept = [
        "" if printed_by_browser(line) or material_id(line) else _without(line, raw, starts[k], stops[k], furniture)
        for k, line in enumerate(styled.lines)
    ]
    links = [k for k, line in enumerate(kept) if _PAGE_LINK.match(line.strip())]
    for k in links:  # (a web page's own navigation: ``Back to Top`` under every section)
        kept[k] = ""
    notes = [Diagnostic("note", f"removed {len(links)} line(s) of a web page's navigation (`Back to Top`)")]
    tools = [k for k, line in enumerate(kept) if page_tools(line)]
    for k in tools:  # (a web page's own buttons: ``Download PDF   Print   Email``, which a site adds to and drops)
        kept[k] = ""
    if tools:
        said = "; ".join(
            dict.fromkeys(f"`{' '.join(kept_line.split())}`" for kept_line in (styled.lines[k] for k in tools))
        )
        notes.append(Diagnostic("note", f"removed {len(tools)} line(s) of a web page's buttons: {said}"))
    footer = sorted(page_footer(kept))
    if footer:  # (a web page's stamp of its last change and the site's notice, the copy's last lines)
        said = "; ".join(f"`{' '.join(kept[k].split())}`" for k in footer)
        notes.append(Diagnostic("note", f"removed {len(footer)} line(s) of a web page's footer: {said}"))
    for k in footer:
        kept[k] = ""
    web = web_furniture(kept)
    for k in web:  # (a web page's head above the policy and its footer below it: the site's, never the policy's)
        kept[k] = ""
    if web or site:
        said = "; ".join([*(f"`{t}`" for t in site_said), *(f"`{' '.join(styled.lines[k].split())}`" for k in web)])
        notes.append(
            Diagnostic(
                "note",
                f"removed {len(web) + len(site)} line(s) of a web page's head and footer around the policy: {said}",
            )
        )
    chrome = site_chrome(kept)
    for k in chrome:  # (a web page's menu and cookie banner above the policy: no title, no text of its own)
        kept[k] = ""
    if chrome:
        said = "; ".join(f"`{' '.join(styled.lines[k].split())}`" for k in chrome)
        notes.append(Diagnostic("note", f"removed {len(chrome)} line(s) of a web page's menu or cookie banner: {said}"))
    norm = normalize("\n".join(kept))
    outlined: list[OutlineLine] = []
    run_on = 0  # (lines holding a whole list, split into its items)
    texts = norm.text.split("\n")
    width = max((len(t.rstrip()) for t in texts if "\t" not in t), default=0)
    wrapped_to = 0  # (the lines of a wrapped paragraph read as one list above: done)

    def origin(k: int) -> int:
        src = norm.origin[k][0] if k < len(norm.origin) else k + 1
        return styled.lines.origin(src - 1) if 0 < src <= len(styled.lines) else src

    for k, line in enumerate(texts):
        if k < wrapped_to:
            continue
        at = origin(k)
        if at in silent and not line.strip():
            continue  # (the page's furniture a copy wrote between two lines of text: gone without a trace)
        if line.strip() and (k == 0 or not texts[k - 1].strip()):
            # (``…: A; B; or C`` a copy wrapped over lines, as a print sets it on one: the same list)
            end = next((j for j in range(k, len(texts)) if not texts[j].strip()), len(texts))
            split = wrapped_semicolons(texts[k:end], width) if end - k >= 2 else None
            if split is not None:
                outlined.extend(OutlineLine(piece, origin(k + j)) for j, piece in split)
                run_on += 1
                wrapped_to = end
                continue
        pieces = [q for piece in split_run_on(line) for q in split_bullets(piece)] if "\t" not in line else [line]
        # (criteria a copy wrote inline: ``… criteria: (1) …; (2) …; and (3) …``, ``…: A; B; or C``)
        pieces = [r for q in pieces for p in split_enumeration(q) for r in split_semicolons(p)]
        run_on += len(pieces) > 1
        outlined.extend(OutlineLine(piece, at) for piece in pieces)
    notes.extend(
        Diagnostic(
            "warning", "a table laid out with spaces whose cells do not sit under its header: kept as text", k + 1
        )
        for k in unsure
    )
    notes.extend(
        Diagnostic(
            "warning",
            f"a table whose cells a copy set one space apart (`{' '.join(raw[k].split())}`): which words are which"
            " cell cannot be told, kept as text",
            k + 1,
        )
        for k in unread_spaced_tables(raw, HEADINGS | template.headings)
    )
    notes.extend(
        Diagnostic(
            "warning",
            "a table printed column by column whose cells cannot be paired row by row (codes with their"
            " descriptions, dates with their rows): its cells kept as text",
            k + 1,
        )
        for k in unpaired
    )
    notes.extend(
        Diagnostic(
            "warning",
            f"a table printed cell by cell (`{' | '.join(_grid_names(lines, first, last))}` …) whose rows the text"
            " cannot rebuild (which block is which row's cell is not written): its lines kept in order as paragraphs",
            first + 1,
            last + 1,
        )
        for first, last in grids
    )
    notes.extend(broken_cells_warning(first, last, said_first) for first, last, said_first in broken)
    if run_on:
        notes.append(Diagnostic("note", f"split {run_on} line(s) holding a whole list into its items"))
    if headers:
        notes.append(Diagnostic("note", f"removed {len(headers)} running header line(s) naming the policy: {said}"))
    notes.extend(
        Diagnostic(
            "warning",
            "bullets standing alone above a block of text that does not count as many items: kept as text",
            k,
        )
        for k in lone
    )
    outline = read_outline(outlined, template.headings, running, menu)
    policy, diagnostics = build(template, outline, source, printed)
    return policy, [*styled.diagnostics, *(notes if links else notes[1:]), *diagnostics]
