"""One documented pass that turns exported policy text into what the grammar reads.

Policies reach us as text exports of PDFs (and, through ``extract``, as text
pulled out of PDFs).  Exports carry artifacts that are not part of the policy;
each rule below removes one, line by line, and remembers where every output
line came from so errors and spans still point into the original file.

Rules, in order:

1. ``\\r\\n`` → ``\\n``; non-breaking and other odd spaces → space; ligatures
   (``ﬁ`` ``ﬂ`` …) → letters; a bullet glyph (``•`` ``▪`` ``◦``, Word's U+F0B7, a lone ``o``) → ``-``.
2. Bracketed symbols ``[®]`` ``[™]`` ``[‡]`` ``[^]`` → the symbol itself.
3. TeX escapes ``\\geq`` ``\\leq`` ``\\ge`` ``\\le`` ``\\times`` → ``≥ ≤ ≥ ≤ ×``.
4. Detached superscripts ``m ²`` → ``m²`` (and ``m² /day`` → ``m²/day``).
5. Markdown links ``[Revision Log](#)`` → ``Revision Log``; ``<https://…>`` → the URL.
6. A markdown bullet in front of a list marker (`` - a.``, ``- 2.``) is dropped:
   nesting comes from the markers, never from indentation.
7. Note lines ``**Prior authorization may be required*`` → ``*Prior authorization…``
   (the export wraps the note's own asterisk in italics).
8. Bold ``**x**`` and italic ``*x*`` emphasis → ``x``; footnote asterisks
   glued to a word (``Danyelza®*``) or ending a line (``(a or b):*``) stay.
9. HTML inside table cells: ``<p>a</p> <p>b</p>`` splits the cell into
   paragraphs, written as continuation rows (an empty first cell); entities are
   unescaped and other tags dropped.
10. Runs of spaces collapse to one; lines are stripped (a table row keeps its
    leading tab, which means an empty first cell); leading blank lines go and
    the text ends with one newline.
11. (the family's text, ``family=True``) A footnote under a list (``¹ Per FDA label``, ``† Off-label use``,
    ``* Requires prior authorization`` where a word above is marked ``*``): in the criteria sections (I–III) a
    note on the item above (``*¹ Per FDA label``), elsewhere a paragraph of its own (a blank line before it) —
    never more of the item's text.
12. A word a narrow table column broke with no hyphen (``Pulmicortfle`` / ``xhaler``, ``Saxend`` / ``a``: a
    print's cell set the rest of the word on its next line, read back with a space) is joined whole in its
    cell where the text writes the whole word elsewhere and its first part nowhere else — the PDF's reading,
    ``-layout``'s and reading order's then give the cell alike.
13. (the family's text) A section heading printed on the line of the table under it (``Coding Implications`` +
    ``HCPCS Codes`` + ``Description``: a print that sets the heading level with the table's header row) is its
    own line above the row.
"""

from __future__ import annotations

import html
import re

from policyvc.lazy_re import lazy
from policyvc.parser.markers import footnote_line, read_item_marker, stars_a_word
from policyvc.parser.prebuilt import dataclass

_SPACES_MAP = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200b": ""}
_ODD_SPACE = lazy("[" + "".join(_SPACES_MAP) + "]")
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURE_RE = lazy("|".join(_LIGATURES))
_BRACKET_SYMBOL = lazy(r"\[([®™‡†§©^*¶])\]")
_TEX = {r"\geq": "≥", r"\leq": "≤", r"\ge": "≥", r"\le": "≤", r"\times": "×", r"\pm": "±"}
_TEX_RE = lazy(r"\\(?:geq|leq|ge|le|times|pm)(?![A-Za-z])")
_SUPERSCRIPT = lazy(r"(?<=\w) +([²³])(?: +(?=/))?")
_LINK = lazy(r"\[([^\]\n]+)\]\((?:#[^)\s]*|)\)")
_AUTOLINK = lazy(r"<((?:https?|ftp)://[^>\s]+)>")
# bullet glyphs, what Word's Symbol and Wingdings bullets paste as (private-use code points), and the
# letter ``o`` a viewer gives for Word's "Courier New o" second-level bullet
_GLYPH_BULLET = lazy(r"^[ \t]*(?:[•▪◦●∙‣○■□➢►✓✔☐☑☒❑❏\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8][ \t]*|o[ \t]+(?=\S))")
# (the marker may carry an export's emphasis, removed below: ``- (*a*) Member …``, ``- **2.** Age …``)
_BULLET_BEFORE_MARKER = lazy(
    r"^[ \t]*[-*+][ \t]+(?=\*{0,2}(?:\d{1,3}|[A-Za-z]{1,6})\*{0,2}[.)]\*{0,2}[ \t]"
    r"|\(\*{0,2}(?:\d{1,3}|[a-z]{1,6})\*{0,2}\)[ \t])"
)
_MD_BULLET = lazy(r"^[ \t]*[-+][ \t]+")
_NOTE_LINE = lazy(r"^[ \t]*\*\*(?!\*)(.*?[^*\s])\*[ \t]*$")
_BOLD = lazy(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
# Italic opens after a space or "(" (or at the start) and before a word
# character, and closes before a non-word character: so "Danyelza®*, x*" stays.
_ITALIC = lazy(r"(?:(?<=^)|(?<=[\s(\[]))\*(?=\w)([^*\n]*?[^\s*])\*(?![\w*])")
_P_SPLIT = lazy(r"</p>\s*<p[^>]*>|<br\s*/?>", re.I)
_TAG = lazy(r"</?[A-Za-z][^>]*>")
_MULTISPACE = lazy(r" {2,}")
_TRAILING = lazy(r"[ \f\v]+$", re.M)
# what a line's first character must be for each line-start rule to apply (the rules' own patterns decide)
_GLYPH_FIRST = frozenset("•▪◦●∙‣○■□➢►✓✔☐☑☒❑❏\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8o")
_BULLET_FIRST = frozenset("-*+")
_MD_FIRST = frozenset("-+")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus, per output line (0-based), its 1-based source line and the
    number of characters removed from the front of it (to map columns back)."""

    text: str
    origin: tuple[tuple[int, int], ...]

    def source_position(self, line: int, column: int) -> tuple[int, int]:
        """Map a 1-based (line, column) of the normalised text to the source."""
        if not self.origin:
            return line, column
        idx = min(max(line - 1, 0), len(self.origin) - 1)
        src_line, shift = self.origin[idx]
        return src_line, column + shift


def _inline_text(text: str) -> str:
    """Rules 1–5 on one line or on a whole text at once: each a single pass, made only when its pattern
    can occur.  No rule's pattern reaches across a line break, so a whole text comes out as its lines
    would one by one (``tests/test_normalize.py`` holds this)."""
    if _ODD_SPACE.search(text):  # (str.translate walks a non-ASCII text character by character)
        text = _ODD_SPACE.sub(lambda m: _SPACES_MAP[m.group(0)], text)
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    if _LIGATURE_RE.search(text):
        text = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], text)
    if "[" in text:
        text = _BRACKET_SYMBOL.sub(r"\1", text)
    if "\\" in text:
        text = _TEX_RE.sub(lambda m: _TEX[m.group(0)], text)
    if "²" in text or "³" in text:  # only the lines that have one: the pattern has no literal start to skip to
        text = "\n".join(
            _SUPERSCRIPT.sub(r"\1", line) if "²" in line or "³" in line else line for line in text.split("\n")
        )
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "://" in text:
        text = _AUTOLINK.sub(r"\1", text)
    return text


def inline_clean(line: str) -> str:
    """One line with rules 1–5 applied (spaces, soft hyphens, ligatures, symbols, TeX, links): what the
    text front's passes match their patterns on."""
    return _inline_text(line)


def _emphasis(text: str) -> str:
    if "*" not in text:
        return text
    if "**" in text:
        text = _BOLD.sub(r"\1", text)
    # italic takes an opening and a closing star; its pattern starts with a lookbehind, tried at every
    # character, so a line with one star left (a footnote mark: ``(a or b):*``) is not scanned
    return _ITALIC.sub(r"\1", text) if text.count("*") > 1 else text


def _cells(line: str) -> list[str]:
    """Normalise the cells of a tab-separated row; one line per cell paragraph."""
    cells = line.split("\t")
    paras: list[list[str]] = []
    for index, cell in enumerate(cells):
        parts = _P_SPLIT.split(cell) if "<" in cell else [cell]
        clean = []
        for part in parts:
            if "<" in part or "&" in part:
                part = html.unescape(_TAG.sub(" ", part))
            part = _emphasis(part)
            part = (_MULTISPACE.sub(" ", part) if "  " in part else part).strip()
            clean.append(part)
        # drop empty paragraphs that only came from tags, but keep one slot
        kept = [p for p in clean if p] or [""]
        if index == 0 and len(kept) > 1:  # the key cell stays one line
            kept = [" ".join(kept)]
        paras.append(kept)
    depth = max(len(p) for p in paras)
    rows = []
    for k in range(depth):
        row = [p[k] if k < len(p) else "" for p in paras]
        if k > 0:
            row[0] = ""  # a continuation row: its first cell is empty
        rows.append("\t".join(row))
    return rows


# A family heading that heads no table column, fused with the header row of the table below it (rule 13)
_FUSED_HEADING = lazy(r"^(Coding Implications)\t+(\S.*)$")


# The family's sections: a criteria section (I–III) opens, any later one (IV–VII, an appendix) closes the criteria
_CRITERIA_OPENS = lazy(r"^(?:I|II|III)\.\s+[A-Z]")
_CRITERIA_CLOSES = lazy(r"^(?:IV|V|VI|VII)\.\s+[A-Z]|^Appendix [A-Z]:")


def _footnotes(lines: list[str], origin: list[tuple[int, int]], starred: list[bool]) -> None:
    """Rule 11, in place: each footnote line under a list a note (criteria) or a paragraph of its own."""
    criteria = False
    k = 0
    while k < len(lines):
        line = lines[k]
        if _CRITERIA_OPENS.match(line):
            criteria = True
        elif _CRITERIA_CLOSES.match(line):
            criteria = False
        above = lines[k - 1] if k else ""
        if not footnote_line(line, starred[k]) or (line.startswith("*") and not line[1:2].isspace()):
            k += 1
            continue
        if criteria:
            lines[k] = "*" + line.lstrip("* ") if line.startswith("*") else "*" + line
        elif above.strip() and (above.startswith("- ") or read_item_marker(above) is not None or footnote_line(above)):
            lines.insert(k, "")  # (a paragraph of its own: never the bullet's text, nor the footnote's above)
            origin.insert(k, origin[k])
            starred.insert(k, starred[k])
            k += 1
        k += 1


# (a word's first part and the rest a narrow cell set on its next line, read back one space apart)
_BROKEN = lazy(r"(?<![\w-])[A-Za-z][a-z]{2,} [a-z]+(?![\w-])")
_STEM = lazy(r"[A-Za-z][a-z]{2,}")
_TAIL = lazy(r"[a-z]+")
_SHORT_CELL = 4  # (a narrow column's cell: a few words)


def _broken_words(lines: list[str]) -> None:
    """Rule 12, in place: in each tab-separated row, a word a narrow column broke joined whole (a short cell:
    a narrow column's; looked for only there, so a text with none costs a scan of its rows)."""
    found: list[tuple[int, int, int]] = []  # (line, cell, word after which the word's rest stands)
    for k, line in enumerate(lines):
        if "\t" not in line or not _BROKEN.search(line):
            continue
        for c, cell in enumerate(line.split("\t")):
            words = cell.split(" ")
            if 2 <= len(words) <= _SHORT_CELL:
                found += [
                    (k, c, i)
                    for i in range(len(words) - 1)
                    if _STEM.fullmatch(words[i]) and _TAIL.fullmatch(words[i + 1])
                ]
    if not found:
        return
    text = "\n".join(lines)
    for k, c, i in reversed(found):
        cells = lines[k].split("\t")
        words = cells[c].split(" ")
        stem, tail = words[i], words[i + 1]
        if stem + tail not in text or len(re.findall(rf"\b{stem}\b", text)) > text.count(f"{stem} {tail}"):
            continue
        if not re.search(rf"\b{stem + tail}\b", text):
            continue
        words[i : i + 2] = [stem + tail]
        cells[c] = " ".join(words)
        lines[k] = "\t".join(cells)
        text = "\n".join(lines)


def normalize(raw: str, *, family: bool = False) -> Normalized:
    """Apply the rules above to ``raw`` and return the text the grammar reads (``family``: rule 11 too)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    # rules 1-5 in a few passes over the whole text (trailing spaces first, as each line had them cut)
    trailing = " \n" in raw or raw.endswith(" ") or "\f" in raw or "\v" in raw
    text = _inline_text(_TRAILING.sub("", raw) if trailing else raw)
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    starred: list[bool] = []  # (rule 11: a word above each line is marked for a footnote with ``*``)
    star = False
    for number, line in enumerate(text.split("\n"), start=1):
        before, star = star, family and (star or stars_a_word(line))
        if "\t" in line and "\t" in line.strip(" "):
            if family and (m := _FUSED_HEADING.match(line.strip(" "))):  # (rule 13)
                out.append(m.group(1))
                origin.append((number, 0))
                starred.append(before)
                line = m.group(2)
            for row in _cells(line.strip(" ")):
                out.append(row)
                origin.append((number, 0))
                starred.append(before)
            continue
        stripped = line.lstrip()
        shift = len(line) - len(stripped)
        line = stripped
        first = line[:1]  # each rule below is tried only where its pattern could match
        m = _GLYPH_BULLET.match(line) if first in _GLYPH_FIRST else None
        if m:
            line = "- " + line[m.end() :]
            first = "-"
        m = _BULLET_BEFORE_MARKER.match(line) if first in _BULLET_FIRST else None
        if m:
            shift += m.end()
            line = line[m.end() :]
        m = _NOTE_LINE.match(line) if line.startswith("**") else None
        if m:
            line = "*" + _emphasis(m.group(1)).strip()
        elif line.startswith("*") and not line.startswith("**") and line.endswith("*") and len(line) > 2:
            # "*note*" written as a whole italic line: a note whose asterisk was kept
            line = "*" + _emphasis(line[1:-1]).strip()
        else:
            m = _MD_BULLET.match(line) if line[:1] in _MD_FIRST else None
            line = "- " + _emphasis(line[m.end() :]) if m else _emphasis(line)
        if "  " in line:
            line = _MULTISPACE.sub(" ", line)
        line = line.strip()
        out.append(line)
        origin.append((number, shift))
        starred.append(before)
    # drop leading and trailing blank lines
    start = 0
    while start < len(out) and not out[start].strip():
        start += 1
    end = len(out)
    while end > start and not out[end - 1].strip():
        end -= 1
    lines, kept = out[start:end], origin[start:end]
    if any("\t" in line for line in lines):
        _broken_words(lines)
    if family:
        _footnotes(lines, kept, starred[start:end])
    return Normalized("\n".join(lines) + "\n" if lines else "", tuple(kept))
