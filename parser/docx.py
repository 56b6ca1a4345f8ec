"""Word documents (DOCX): the policy's text as the text front reads it, list labels computed from Word's numbering.

A DOCX is a zip archive holding ``word/document.xml``; it is told by its content (the zip's magic), never by
its name.  Word does not write a list's labels into the text: a numbered paragraph carries ``w:numPr`` (a list
instance ``numId`` and a level ``ilvl``, on the paragraph or on its style) and ``word/numbering.xml`` says how
each level counts (``w:start``, ``w:numFmt``, ``w:lvlText`` such as ``%1.`` or ``(%3)``, ``w:lvlRestart``) and
where a list instance starts again (``w:lvlOverride``/``w:startOverride``).  :class:`Numbering` replays that
count over the body in document order, so ``read_docx`` gives the same lines a PDF of the document shows:
``A. …``, ``1. …``, ``a. …``, bullets as ``- …``, tables as tab-separated rows.  The running header and footer
(and their ``PAGE`` / ``NUMPAGES`` fields) live in their own parts and are page furniture: never read.

Word states a document's outline: a paragraph in a heading style (``Heading 1`` … ``Heading 9``, ``Title``, a
style based on one) or with its own ``w:outlineLvl`` is a heading of that level (:class:`Headings`).  The text
keeps it as a line; :meth:`DocxText.outlined` writes each such line as a markdown heading (``## Ptosis Repair``)
for the outline reader, whose levels are then the document's, never guessed from the words.  The Centene
pharmacy grammar reads the plain text (its sections are its own): :func:`parse_docx` asks which one to give.

Tracked changes are read as if accepted (insertions kept, deletions dropped), with a warning; hidden text
and field instructions are not text a reader sees; text boxes are read where they are anchored, equations'
text as text, digits raised or lowered by formatting as Unicode's superscripts and subscripts (``m²``).
The archive is checked before it is opened (:func:`check_archive`): its size, its number of entries and what
its entries inflate to are capped, so a zip bomb is refused with one line, never unpacked.
"""

from __future__ import annotations

import math
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from policyvc.parser.errors import PolicyError
from policyvc.parser.files import OLE_MAGIC, ZIP_MAGIC, looks_like_docx
from policyvc.parser.heading_marks import mark_headings
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.markers import NOTE_START, to_roman

__all__ = [
    "ENV_MAX_DOCX_MB",
    "DocxText",
    "Headings",
    "ListDepth",
    "Numbering",
    "check_archive",
    "format_number",
    "is_docx",
    "looks_like_docx",
    "max_docx_bytes",
    "parse_docx",
    "read_docx",
]

R = TypeVar("R")
DOCUMENT_PART = "word/document.xml"
ENV_MAX_DOCX_MB = "POLICYVC_MAX_DOCX_MB"
DEFAULT_MAX_DOCX_MB = 50.0  # what the archive may inflate to, in all
MAX_ENTRIES = 2000  # a policy has a few dozen parts; a zip of thousands is not a Word document we read

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _T = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "r", "t"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_VAL = f"{_W}val"
# never text a reader sees inline: deleted or moved-away runs, properties, field instructions, footnote
# references; text boxes are read apart (where they are anchored, once: a drawing and its fallback hold one box)
_SKIP = frozenset(
    f"{_W}{n}"
    for n in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "instrText", "delText", "txbxContent", "footnoteReference")
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"  # Office Math (the equation editor)
_M_T, _M_SUP, _M_SUB = f"{_M}t", f"{_M}sup", f"{_M}sub"
_NOTE_REFS = frozenset({f"{_W}footnoteReference", f"{_W}endnoteReference"})
_TRACKED = frozenset(f"{_W}{n}" for n in ("ins", "del", "moveFrom", "moveTo"))
# digits raised or lowered by formatting (m<sup>2</sup>) are the characters the policy text writes (m²)
_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_SUBSCRIPT = str.maketrans("0123456789+-", "₀₁₂₃₄₅₆₇₈₉₊₋")


def _shifted(text: str, where: str | None) -> str:
    """``text`` raised (``superscript``) or lowered (``subscript``): digits and signs as Unicode's own."""
    if where not in ("superscript", "subscript") or not text or not set(text) <= set("0123456789+-"):
        return text
    return text.translate(_SUPERSCRIPT if where == "superscript" else _SUBSCRIPT)


class NumberFormat(StrEnum):
    """The ``w:numFmt`` values a policy's lists use; any other counts in decimal (with a note)."""

    DECIMAL = "decimal"
    DECIMAL_ZERO = "decimalZero"
    UPPER_ROMAN = "upperRoman"
    LOWER_ROMAN = "lowerRoman"
    UPPER_LETTER = "upperLetter"
    LOWER_LETTER = "lowerLetter"
    BULLET = "bullet"
    NONE = "none"


def is_docx(data: bytes) -> bool:
    """Whether these bytes are a Word document: a zip archive with ``word/document.xml``."""
    if not data.startswith(ZIP_MAGIC):
        return False
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return DOCUMENT_PART in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def max_docx_bytes() -> int:
    """What an archive may inflate to: ``$POLICYVC_MAX_DOCX_MB`` megabytes (a bad value is an input error)."""
    raw = os.environ.get(ENV_MAX_DOCX_MB, "").strip()
    if not raw:
        return int(DEFAULT_MAX_DOCX_MB * 1_000_000)
    try:
        mb = float(raw)
    except ValueError:
        mb = math.nan
    if not (math.isfinite(mb) and 0 < mb <= 100_000):
        raise PolicyError(f"expected megabytes > 0, got {raw[:40]!r}", source=f"${ENV_MAX_DOCX_MB}")
    return int(mb * 1_000_000)


def check_archive(path: Path, source: str) -> None:
    """Refuse what is not a Word document we can safely open, with one line saying what it is.

    The sizes checked are the archive's own declarations; :mod:`zipfile` never inflates an entry past its
    declared size (a lying entry fails its CRC check), so they bound what opening it costs.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(len(OLE_MAGIC))
    except OSError as exc:
        raise PolicyError(f"cannot read the file ({exc.strerror})", source=source) from None
    if head.startswith(OLE_MAGIC):
        raise PolicyError(
            "an old binary Word document (.doc) or a password-protected one: save it as .docx without a password",
            source=source,
        )
    limit = max_docx_bytes()
    try:
        with zipfile.ZipFile(path) as z:
            entries = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PolicyError(
            "not a Word document: a .docx is a zip archive, and this one is damaged", source=source
        ) from None
    if len(entries) > MAX_ENTRIES:
        raise PolicyError(f"not read: the archive has {len(entries)} entries (at most {MAX_ENTRIES})", source=source)
    inflated = sum(e.file_size for e in entries)
    if inflated > limit:
        raise PolicyError(
            f"not read: the archive inflates to {inflated / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit "
            f"(set ${ENV_MAX_DOCX_MB} to raise it)",
            source=source,
        )
    if not any(e.filename == DOCUMENT_PART for e in entries):
        raise PolicyError(f"a zip archive, but not a Word document (it has no {DOCUMENT_PART})", source=source)
    if any(e.flag_bits & 0x1 for e in entries):
        raise PolicyError("not read: the archive's entries are encrypted", source=source)


# --- numbering ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = NumberFormat.DECIMAL
    text: str = ""  # w:lvlText: %1 … %9 stand for the counters of levels 1 … 9
    restart: int | None = None  # w:lvlRestart: restart after a level <= this (1-based) is used; 0: never
    legal: bool = False  # w:isLgl: every counter shown in decimal
    style: str | None = None  # w:pStyle: the paragraph style this level is linked to (heading numbering)
    indent: int | None = None  # w:pPr/w:ind's left (start) edge, in twentieths of a point


@dataclass(frozen=True, slots=True)
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # a w:lvl given in a w:lvlOverride


def _int(el: Any, tag: str, default: int | None = None) -> int | None:
    found = el.find(f"{_W}{tag}") if el is not None else None
    if found is None:
        return default
    try:
        return int(found.get(_VAL, ""))
    except ValueError:
        return default


def _str(el: Any, tag: str) -> str | None:
    found = el.find(f"{_W}{tag}") if el is not None else None
    return None if found is None else str(found.get(_VAL, ""))


def _level(lvl: Any) -> Level:
    legal = lvl.find(f"{_W}isLgl")
    return Level(
        start=_int(lvl, "start", 1) or 0,
        fmt=_str(lvl, "numFmt") or NumberFormat.DECIMAL,
        text=_str(lvl, "lvlText") or "",
        restart=_int(lvl, "lvlRestart"),
        legal=legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off"),
        style=_str(lvl, "pStyle"),
        indent=_left(lvl.find(f"{_W}pPr")),
    )


def _left(ppr: Any) -> int | None:
    """The left (start) indentation a ``w:pPr`` sets (``w:ind``'s ``w:left`` or ``w:start``), in twips."""
    ind = ppr.find(f"{_W}ind") if ppr is not None else None
    if ind is None:
        return None
    raw = ind.get(f"{_W}left") or ind.get(f"{_W}start")
    try:
        return int(float(raw)) if raw is not None else None
    except ValueError:
        return None


def format_number(n: int, fmt: str) -> str:
    """A counter as Word shows it in format ``fmt`` (letters past z double: ``aa``, ``bb`` …)."""
    if fmt in (NumberFormat.UPPER_ROMAN, NumberFormat.LOWER_ROMAN) and n > 0:
        r = to_roman(n)
        return r.upper() if fmt == NumberFormat.UPPER_ROMAN else r
    if fmt in (NumberFormat.UPPER_LETTER, NumberFormat.LOWER_LETTER) and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == NumberFormat.UPPER_LETTER else letter
    if fmt == NumberFormat.DECIMAL_ZERO:
        return f"{n:02d}"
    if fmt == NumberFormat.NONE:
        return ""
    return str(n)


class Numbering:
    """Word's list numbering replayed over a document: :meth:`label` gives each numbered paragraph its label.

    A list instance (``w:num``) counts with the levels of its definition (``w:abstractNum``, or the one a
    ``w:numStyleLink`` names).  As in Word, the instances of one definition count as one list; an instance with
    a ``w:startOverride`` restarts the list there where it is first used (Word's *Restart numbering*, and how
    LibreOffice writes every list: one instance per paragraph, an override on the first).
    """

    def __init__(self, numbering: Any, styles: Any) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNum id → the numbering style it takes its levels from
        self._nums: dict[str, _Num] = {}
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._style_indent: dict[str, int] = {}  # style id → the left indentation it sets itself
        self._based_on: dict[str, str] = {}
        self._default_style: str | None = None
        self._counters: dict[str, list[int | None]] = {}  # per list definition: each level's last value
        self._used: set[str] = set()  # the list instances met so far
        self.unknown_formats: set[str] = set()
        if numbering is not None:
            for a in numbering.iterfind(f"{_W}abstractNum"):
                aid = str(a.get(f"{_W}abstractNumId", ""))
                self._abstract[aid] = {int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in a.iterfind(f"{_W}lvl")}
                link = _str(a, "numStyleLink")
                if link:
                    self._style_link[aid] = link
            for n in numbering.iterfind(f"{_W}num"):
                starts: dict[int, int] = {}
                levels: dict[int, Level] = {}
                for o in n.iterfind(f"{_W}lvlOverride"):
                    ilvl = int(o.get(f"{_W}ilvl", "0"))
                    start = _int(o, "startOverride")
                    if start is not None:
                        starts[ilvl] = start
                    lvl = o.find(f"{_W}lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                        starts.setdefault(ilvl, levels[ilvl].start)
                self._nums[str(n.get(f"{_W}numId", ""))] = _Num(_str(n, "abstractNumId") or "", starts, levels)
        if styles is not None:
            for s in styles.iterfind(f"{_W}style"):
                if s.get(f"{_W}type") not in ("paragraph", "numbering"):
                    continue
                sid = str(s.get(f"{_W}styleId", ""))
                if s.get(f"{_W}default") in ("1", "true", "on") and s.get(f"{_W}type") == "paragraph":
                    self._default_style = sid
                based = _str(s, "basedOn")
                if based:
                    self._based_on[sid] = based
                own_indent = _left(s.find(f"{_W}pPr"))
                if own_indent is not None:
                    self._style_indent[sid] = own_indent
                num_pr = s.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    self._style_num[sid] = (_str(num_pr, "numId"), _int(num_pr, "ilvl"))

    def _levels(self, num: _Num) -> dict[int, Level]:
        levels = self._abstract.get(num.abstract, {})
        link = self._style_link.get(num.abstract)
        if link is not None:  # the definition is a numbering style's: its levels are the linked list's
            linked = self._nums.get(self._style_num.get(link, (None, None))[0] or "")
            if linked is not None and linked.abstract != num.abstract:
                levels = self._abstract.get(linked.abstract, levels)
        return {**levels, **num.levels}

    def numbered(self, ppr: Any) -> tuple[str, int] | None:
        """The list instance and level of a paragraph (its own ``w:numPr``, else its style's), or None."""
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num_pr is not None:
            num_id, ilvl = _str(num_pr, "numId"), _int(num_pr, "ilvl")
        own_style = (_str(ppr, "pStyle") if ppr is not None else None) or self._default_style
        style = own_style
        chain: list[str] = []
        while (num_id is None or ilvl is None) and style and style not in chain:
            chain.append(style)
            s_num, s_lvl = self._style_num.get(style, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style = self._based_on.get(style)
        if not num_id or num_id == "0" or num_id not in self._nums:  # numId 0: numbering switched off
            return None
        if ilvl is None:  # a heading style linked to a level of the list (the level's w:pStyle) says which
            levels = self._levels(self._nums[num_id])
            ilvl = next((k for s in chain for k, lvl in sorted(levels.items()) if lvl.style == s), 0)
        return num_id, min(max(ilvl, 0), 8)

    def list_of(self, num_id: str) -> str:
        """The list definition an instance counts in: its instances are one list."""
        return self._nums[num_id].abstract

    def indent(self, ppr: Any, num_id: str, ilvl: int) -> int:
        """Where a list paragraph stands, in twips from the margin, as Word lays it out: its own ``w:ind``,
        else its list level's, else its style's (``w:basedOn`` followed), else Word's default for the level."""
        own = _left(ppr)
        if own is not None:
            return own
        level = self._levels(self._nums[num_id]).get(ilvl)
        if level is not None and level.indent is not None:
            return level.indent
        styled = self._style_left(ppr)
        return styled if styled is not None else DEFAULT_LEVEL_INDENT * (ilvl + 1)

    def plain_indent(self, ppr: Any) -> int:
        """Where a paragraph of no list stands, in twips from the margin: its own ``w:ind``, else its style's
        (``w:basedOn`` followed: ``List Paragraph`` sets one), else the margin."""
        own = _left(ppr)
        if own is not None:
            return own
        styled = self._style_left(ppr)
        return styled if styled is not None else 0

    def _style_left(self, ppr: Any) -> int | None:
        """The left indent a paragraph's style sets, ``w:basedOn`` followed (``List Paragraph`` sets one)."""
        style = (_str(ppr, "pStyle") if ppr is not None else None) or self._default_style
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self._style_indent:
                return self._style_indent[style]
            style = self._based_on.get(style)
        return None

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """Count one paragraph of list ``num_id`` at level ``ilvl``: its label, and whether it is a bullet."""
        num = self._nums[num_id]
        levels = self._levels(num)
        counters = self._counters.setdefault(num.abstract, [None] * 9)
        first_use = num_id not in self._used
        self._used.add(num_id)

        def start(k: int) -> int:
            return levels.get(k, Level()).start

        def restart_at_overrides(above: bool) -> None:
            # an instance's w:startOverride restarts its levels where it is first used (its level, and those
            # above it, before this paragraph counts; deeper ones after, or this paragraph would reset them)
            for k, value in num.starts.items():
                if (k <= ilvl) is above:
                    counters[k] = value - 1

        if first_use:
            restart_at_overrides(True)
        counters[ilvl] = start(ilvl) if counters[ilvl] is None else (counters[ilvl] or 0) + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if first_use:
            restart_at_overrides(False)
        level = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
        if level.fmt == NumberFormat.BULLET:
            return "", True
        if level.fmt not in NumberFormat.__members__.values():
            self.unknown_formats.add(level.fmt)
        text = level.text
        for k in range(9):  # %1 … %9: the counters of levels 1 … 9, each in its own level's format
            token = f"%{k + 1}"
            if token in text:
                value = counters[k] if counters[k] is not None else start(k)
                fmt = NumberFormat.DECIMAL if level.legal else levels.get(k, Level()).fmt
                text = text.replace(token, format_number(value or 0, fmt))
        return text.strip(), False


# --- headings ---------------------------------------------------------------------------------------------------

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)  # Word's built-in names (``heading 1``; LibreOffice's
_TITLE_NAME = re.compile(r"^title$", re.I)  # ``Heading 1``), whatever the style's id (localised: ``berschrift1``)
MAX_HEADING_WORDS = 30  # past this a paragraph in a heading style is a paragraph someone emphasised, not a heading


class Headings:
    """Word's outline levels: :meth:`level` says whether a paragraph is a heading, and of which level (1 the top).

    A paragraph's own ``w:outlineLvl`` (0 … 8; 9 is body text) wins; else its style's (``w:basedOn`` followed):
    the style's ``w:outlineLvl``, or its name — ``heading N`` is level N, ``Title`` level 1.
    """

    def __init__(self, styles: Any) -> None:
        self._own: dict[str, tuple[int | None, str]] = {}  # style id → its level (None: body text) and name
        self._based_on: dict[str, str] = {}
        self._default: str | None = None
        if styles is None:
            return
        for s in styles.iterfind(f"{_W}style"):
            if s.get(f"{_W}type") != "paragraph":
                continue
            sid = str(s.get(f"{_W}styleId", ""))
            name = _str(s, "name") or sid
            if s.get(f"{_W}default") in ("1", "true", "on"):
                self._default = sid
            based = _str(s, "basedOn")
            if based:
                self._based_on[sid] = based
            outline = _int(s.find(f"{_W}pPr"), "outlineLvl")
            if outline is not None:
                self._own[sid] = (outline + 1 if 0 <= outline <= 8 else None, name)
            elif m := _HEADING_NAME.match(name.strip()):
                self._own[sid] = (int(m.group(1)), name)
            elif _TITLE_NAME.match(name.strip()):
                self._own[sid] = (1, name)

    def level(self, ppr: Any) -> tuple[int, str] | None:
        """A paragraph's heading level and what says so (its style's name, or ``outline level``), or None."""
        outline = _int(ppr, "outlineLvl") if ppr is not None else None
        if outline is not None:
            return (outline + 1, "outline level") if 0 <= outline <= 8 else None
        style = (_str(ppr, "pStyle") if ppr is not None else None) or self._default
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self._own:
                level, name = self._own[style]
                return None if level is None else (level, name)
            style = self._based_on.get(style)
        return None


# --- text ---------------------------------------------------------------------------------------------------------


# Word's "Insert Symbol" writes a character of the Symbol font as ``<w:sym w:font="Symbol" w:char="F0B3"/>``
# (the font's own code, offset into the private use area): these are the ones a clinical policy uses.
SYMBOL_FONT = {
    0xA3: "≤", 0xB3: "≥", 0xB9: "≠", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB0: "°", 0xAE: "→", 0xAC: "←",
    0xB7: "•", 0xBC: "…", 0xA5: "∞", 0xBB: "≈", 0xD7: "⋅", 0x2D: "−", 0x2B: "+", 0x3D: "=", 0x3C: "<", 0x3E: ">",
    0x61: "α", 0x62: "β", 0x63: "χ", 0x64: "δ", 0x65: "ε", 0x67: "γ", 0x6B: "κ", 0x6C: "λ", 0x6D: "μ",
    0x70: "π", 0x73: "σ", 0x74: "τ", 0x44: "Δ", 0xA2: "′", 0xB2: "″", 0xE2: "®", 0xE3: "©", 0xE4: "™",
}  # fmt: skip


def _on(el: Any) -> bool:
    return el is not None and el.get(_VAL, "1") not in ("0", "false", "off")


def _hidden(run: Any) -> bool:
    return _on(run.find(f"{_W}rPr/{_W}vanish"))


def _symbol(sym: Any, unknown: list[str]) -> str:
    """A ``w:sym`` character: Unicode as is, a Symbol-font code mapped, else U+FFFD (and noted)."""
    try:
        code = int(sym.get(f"{_W}char", ""), 16)
    except ValueError:
        code = -1
    font = (sym.get(f"{_W}font") or "").lower()
    low = code - 0xF000 if code >= 0xF000 else code
    if font == "symbol" and low in SYMBOL_FONT:
        return SYMBOL_FONT[low]
    if 0x20 <= code < 0xE000:  # a Unicode character in a Unicode font
        return chr(code)
    unknown.append(f"{sym.get(f'{_W}font')} {code:04X}" if code >= 0 else str(sym.get(f"{_W}char")))
    return "\ufffd"


def _inline_text(el: Any, out: list[str], unknown: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == _R:
            if _hidden(child):
                continue
            caps = _on(child.find(f"{_W}rPr/{_W}caps"))  # shown (and printed) in capitals
            shift = _str(child.find(f"{_W}rPr"), "vertAlign")
            for x in child:
                name = x.tag[len(_W) :] if isinstance(x.tag, str) and x.tag.startswith(_W) else ""
                if name == "t":
                    out.append(_shifted((x.text or "").upper() if caps else x.text or "", shift))
                elif name in ("tab", "ptab"):
                    out.append("\t")
                elif name in ("br", "cr"):
                    out.append("" if x.get(f"{_W}type") in ("page", "column") else "\n")
                elif name == "noBreakHyphen":
                    out.append("-")
                elif name == "sym":
                    out.append(_symbol(x, unknown))
        elif tag == _M_T:  # an equation's text
            out.append(child.text or "")
        elif tag in (_M_SUP, _M_SUB):  # an equation's superscript or subscript (m² written as m with sup 2)
            inner: list[str] = []
            _inline_text(child, inner, unknown)
            out.append(_shifted("".join(inner), "superscript" if tag == _M_SUP else "subscript"))
        elif isinstance(tag, str):  # hyperlinks, insertions, smart tags, simple fields, inline content controls
            _inline_text(child, out, unknown)


# A table of contents' entry: its title, a tab, its page (``Description⇥1``); Word prints the tab as the dotted
# leader of its tab stop (``Description ........ 1``), as a PDF of it shows
_PAGE_AFTER_TAB = re.compile(r"\t[ \t]*(?:\d{1,4}|[ivxlcIVXLC]{1,6})\s*$")
_CONTENTS_STYLE = re.compile(r"^(?:TOC|Contents)\s*\d$", re.I)  # (Word's ``TOC1``, LibreOffice's ``Contents 1``)
_LEADERS = frozenset({"dot", "middleDot", "hyphen", "underscore"})


def _contents_entry(p: Any) -> bool:
    """Whether paragraph ``p`` is set as a table of contents' entry: a tab stop of its own with a leader, or a
    contents style (whose tab stop the style holds)."""
    if any(t.get(f"{_W}leader") in _LEADERS for t in p.iterfind(f"{_W}pPr/{_W}tabs/{_W}tab")):
        return True
    return bool(_CONTENTS_STYLE.match(_str(p.find(f"{_W}pPr"), "pStyle") or ""))


def paragraph_text(p: Any, unknown: list[str] | None = None) -> str:
    """The text of a ``w:p`` as printed: tracked insertions in, deletions out, tabs and line breaks kept
    (``unknown``: collects the symbols that have no Unicode reading); a contents entry's tab before its page
    as the dotted leader Word prints there (``Coverage Rationale........1``: a contents line, never a table row)."""
    out: list[str] = []
    _inline_text(p, out, unknown if unknown is not None else [])
    text = "".join(out).replace("\xa0", " ")
    if "\t" in text and (m := _PAGE_AFTER_TAB.search(text)) and text[: m.start()].strip() and _contents_entry(p):
        text = f"{text[: m.start()].rstrip()}{'.' * 8}{m.group(0).strip()}"
    return text


def text_boxes(p: Any) -> list[Any]:
    """The text boxes anchored in a paragraph (each once: a drawing's, not its VML fallback's)."""
    boxes = []
    for box in p.iter(f"{_W}txbxContent"):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        boxes.append(box)
    return boxes


def _rows(tbl: Any) -> Iterator[Any]:
    """A table's rows, and its rows' cells (``_rows(tr)``), through content controls and custom XML."""
    for child in tbl:
        if child.tag in (_TR, _TC):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _rows(content)
        elif child.tag == _CUSTOM_XML:
            yield from _rows(child)


def _blocks(parent: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in document order, through content controls and custom XML."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _CUSTOM_XML:
            yield from _blocks(child)


@dataclass(frozen=True, slots=True)
class DocxText:
    """A Word document as the text front reads it, and what was noticed on the way."""

    text: str
    diagnostics: tuple[Diagnostic, ...] = ()
    borderless: tuple[tuple[int, int, int], ...] = ()  # tables without borders: number, first and last line
    headings: tuple[tuple[int, int, int], ...] = ()  # Word's headings: first line (1-based), lines, level
    heading_notes: tuple[Diagnostic, ...] = ()  # what reading the headings noticed (said when they are read)

    def outlined(self) -> str:
        """The text with Word's headings written as markdown headings (``## Title``, :func:`mark_headings`)."""
        return mark_headings(self.text, self.headings)


def _has_border(borders: Any) -> bool:
    """Whether a ``w:tblBorders`` / ``w:tcBorders`` draws any line."""
    return borders is not None and any(b.get(_VAL) not in (None, "nil", "none") for b in borders)


def ruled_table_styles(styles: Any) -> frozenset[str]:
    """The table styles that draw borders (their own or a base style's), by style id."""
    own: dict[str, bool] = {}
    based: dict[str, str] = {}
    if styles is not None:
        for s in styles.iterfind(f"{_W}style"):
            if s.get(f"{_W}type") == "table":
                sid = str(s.get(f"{_W}styleId", ""))
                own[sid] = _has_border(s.find(f"{_W}tblPr/{_W}tblBorders"))
                base = _str(s, "basedOn")
                if base:
                    based[sid] = base

    def ruled(sid: str, seen: frozenset[str] = frozenset()) -> bool:
        if own.get(sid) or sid in seen:
            return bool(own.get(sid))
        return sid in based and ruled(based[sid], seen | {sid})

    return frozenset(sid for sid in own if ruled(sid))


DEFAULT_LEVEL_INDENT = 720  # twips: Word's default list level stands half an inch deeper than the one above
LEVEL_TOLERANCE = 120  # twips (1/12 inch): list paragraphs this close stand at one level (a definition's rounding)
NEST = "  "  # a nested list item's depth, written as the text front reads it (``  - sub``, ``    1. item``)


class ListDepth:
    """How deep each list paragraph of a run of lists stands: by where Word lays it out (:meth:`Numbering.indent`)
    — a paragraph indented past the open level's opens a level under it, one back at an earlier indentation
    returns to that level — so bullets under numbered items, numbered items under bullets and lists of other
    instances nest as printed.  Within one list, a deeper ``w:ilvl`` at the same indentation is deeper too (a
    definition whose levels all stand at one place still says which item is under which).  Depth 0 is the run's
    outermost level; text that is no list item (a paragraph, a heading, a table) ends the run."""

    def __init__(self) -> None:
        self.open: list[tuple[int, str, int, bool]] = []  # the open levels: indentation, list, w:ilvl, a bullet

    def reset(self) -> None:
        self.open.clear()

    def text_at(self) -> int | None:
        """Where the text of the item last placed stands (its level's indentation), if a list is open."""
        return self.open[-1][0] if self.open else None

    def under_bullet(self) -> bool:
        """Whether a bullet is open above the level last placed."""
        return any(bullet for *_, bullet in self.open[:-1])

    def depth(self, indent: int, lst: str, ilvl: int, bullet: bool) -> int:
        """Place a list paragraph standing at ``indent`` (twips), of list definition ``lst`` at ``ilvl``: its depth."""
        o = self.open
        while o and indent < o[-1][0] - LEVEL_TOLERANCE:
            o.pop()

        def level_with(top: tuple[int, str, int, bool]) -> bool:
            return abs(indent - top[0]) <= LEVEL_TOLERANCE

        while o and level_with(o[-1]) and o[-1][1] == lst and o[-1][2] > ilvl:
            o.pop()  # the same place, but the list's own numbering says an earlier level
        if o and level_with(o[-1]) and not (o[-1][1] == lst and o[-1][2] < ilvl):
            o[-1] = (o[-1][0], lst, ilvl, bullet)
        else:
            o.append((indent, lst, ilvl, bullet))
        return len(o) - 1


class _Reader:
    def __init__(
        self, numbering: Numbering, ruled_styles: frozenset[str], layout: frozenset[int], headings: Headings
    ) -> None:
        self.numbering = numbering
        self.headings = headings
        self.heading_lines: list[tuple[int, int, int]] = []  # first line (1-based), lines, level
        self.heading_notes: list[Diagnostic] = []
        self.ruled_styles = ruled_styles
        self.layout = layout  # the tables (by number) to read as columns of text
        self.tables = 0  # tables met so far
        self.borderless: list[tuple[int, int, int]] = []  # tables without borders: number, first and last line
        self.lines: list[str] = []
        self.unknown: list[str] = []  # symbols with no Unicode reading
        self.carried = ""  # the text of a paragraph whose mark was deleted: it runs on into the next one
        self.boxes = 0
        self.depth = ListDepth()
        # the continuation paragraphs (no number, indented to the text of the list item above) right under the
        # list's item last written: (the index of the item's last line, the indices of their lines)
        # (and where that item's text stands)
        self.continued: tuple[int, list[int], int] | None = None

    def paragraph_line(self, p: Any) -> str | None:
        """A paragraph as one (or, with line breaks, several) lines, its list label in front; None if empty.

        A paragraph whose mark is a tracked deletion is no paragraph once accepted: its text (if any is left)
        runs on into the next paragraph, and it is not counted in its list."""
        text = paragraph_text(p, self.unknown).strip()
        if self.carried:
            text = f"{self.carried} {text}".strip()
            self.carried = ""
        ppr = p.find(f"{_W}pPr")
        if ppr is not None and any(ppr.find(f"{_W}rPr/{_W}{mark}") is not None for mark in ("del", "moveFrom")):
            self.carried = text
            return None
        where = self.numbering.numbered(ppr)
        if where is None:
            if text:
                self.depth.reset()
            return text or None
        label, bullet = self.numbering.label(*where)
        if not text:  # an empty list item is counted (Word shows its label) but is no text
            return None
        if self.headings.level(ppr) is not None or not (bullet or label):  # a numbered heading: no list's level
            self.depth.reset()
            return f"- {text}" if bullet else f"{label} {text}" if label else text
        num_id, ilvl = where
        depth = self.depth.depth(self.numbering.indent(ppr, num_id, ilvl), self.numbering.list_of(num_id), ilvl, bullet)
        if bullet:
            return f"{NEST * depth}- {text}"
        # a numbered item's own marker says its level; it is indented only under a bullet, whose level the
        # text front counts among the bullets until text at the margin (which a numbered line would be)
        return f"{NEST * depth if self.depth.under_bullet() else ''}{label} {text}"

    def paragraph(self, p: Any) -> None:
        for box in text_boxes(p):  # a text box's paragraphs, where it is anchored (never dropped)
            self.boxes += 1
            for block in _blocks(box):
                if block.tag == _P:
                    self.paragraph(block)
                else:
                    self.table(block)
        ppr = p.find(f"{_W}pPr")
        at = self.depth.text_at() if self.continued is None else self.continued[2]
        goes_on = (
            at is not None
            and self.numbering.numbered(ppr) is None
            and self.headings.level(ppr) is None
            and self.numbering.plain_indent(ppr) >= max(at - LEVEL_TOLERANCE, 1)
            and not NOTE_START.match(paragraph_text(p).strip())  # (a note under the item stays one)
        )
        if not goes_on and paragraph_text(p).strip():
            self.settle(list_goes_on=self.numbering.numbered(ppr) is not None)
        line = self.paragraph_line(p)
        if line is None:
            return
        first = len(self.lines) + 1
        if goes_on and at is not None:
            if self.continued is None:
                self.continued = (len(self.lines) - 2, [], at)
            self.continued[1].extend(range(len(self.lines), len(self.lines) + line.count("\n") + 1))
        self.lines.extend(part.rstrip() for part in line.split("\n"))
        self.heading(p, line, first)
        self.lines.append("")

    def settle(self, list_goes_on: bool = False) -> None:
        """Settle the continuation paragraphs under the list item last written (:attr:`continued`): where the
        list goes on below them they stay paragraphs a blank line apart (the text front reads a paragraph
        between two items as a note on the item above, as in the document's print); after the list's last
        item they are more of that item — written as its further lines, right under it (``\\`` in front: text,
        whatever it starts with) — never a paragraph after the list."""
        if self.continued is None:
            return
        item, parts, _ = self.continued
        self.continued = None
        if list_goes_on:
            return
        texts = [self.lines[k] for k in parts]
        for k in range(item + 1, parts[-1] + 1):
            self.lines[k] = ""
        for n, text in enumerate(texts):
            self.lines[item + 1 + n] = f"\\{text}" if text else text

    def heading(self, p: Any, line: str, first: int) -> None:
        """Note a paragraph Word calls a heading (:class:`Headings`): its lines and level.  A bullet's or a
        long paragraph's heading style is emphasis, not an outline: kept a paragraph, with a note."""
        found = self.headings.level(p.find(f"{_W}pPr"))
        if found is None:
            return
        level, why = found
        if _TITLE_NAME.match(why.strip()) and not any(x.strip() for x in self.lines[: first - 1]):
            return  # (the document's first line in Word's ``Title`` style: its title, which the header reads)
        words = len(line.split())
        bullet = line.lstrip().startswith("- ")
        if bullet or words > MAX_HEADING_WORDS:
            what = "a bullet" if bullet else f"{words} words"
            note = f"a paragraph in heading style {why!r} read as a paragraph ({what}: no heading)"
            self.heading_notes.append(Diagnostic("note", note, line=first))
            return
        self.heading_lines.append((first, len(self.lines) - first + 1, level))

    def cell(self, tc: Any) -> list[str]:
        """A cell's paragraphs (nested tables' too), each a line of the cell; line breaks part paragraphs."""
        out: list[str] = []
        for block in _blocks(tc):
            if block.tag == _P:
                line = self.paragraph_line(block)
                if line is not None:
                    out.extend(" ".join(x.split()) for x in line.split("\n") if x.strip())
            else:
                for tr in _rows(block):
                    for inner in _rows(tr):
                        out.extend(self.cell(inner))
        return out

    def ruled(self, tbl: Any) -> bool:
        """Whether a table is drawn with borders (its own, its style's, or any cell's)."""
        tbl_pr = tbl.find(f"{_W}tblPr")
        own = tbl_pr.find(f"{_W}tblBorders") if tbl_pr is not None else None
        if own is not None:
            return _has_border(own) or any(_has_border(b) for b in tbl.iter(f"{_W}tcBorders"))
        style = _str(tbl_pr, "tblStyle")
        return (style in self.ruled_styles) or any(_has_border(b) for b in tbl.iter(f"{_W}tcBorders"))

    def table(self, tbl: Any) -> None:
        """Rows as tab-separated lines; a cell of several paragraphs continues on the next lines (its other
        cells empty), the first column's paragraphs joined, as the policy text writes them.  A row of another
        number of cells starts another table.  With ``layout``, a table without borders is read as what it
        shows, columns of text: column by column, each cell's paragraphs as paragraphs."""
        self.settle()
        number, first = self.tables, len(self.lines) + 1
        self.tables += 1
        self.depth.reset()  # (a list goes on neither into a table's cells nor from them past it)
        ruled = self.ruled(tbl)
        if not ruled and number in self.layout:
            rows = [list(_rows(tr)) for tr in _rows(tbl)]
            for k in range(max((len(r) for r in rows), default=0)):
                for row in rows:
                    if k < len(row):
                        for block in _blocks(row[k]):
                            if block.tag == _P:
                                self.paragraph(block)
                            else:
                                self.table(block)
        else:
            self.grid(tbl)
        self.depth.reset()
        if not ruled:
            self.borderless.append((number, first, len(self.lines)))

    def grid(self, tbl: Any) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        width = None
        key: list[str] = []  # the first column's cell that the rows below may be merged into
        for tr in _rows(tbl):
            cells: list[list[str]] = []
            first_continued = False
            for tc in _rows(tr):  # a cell merged across columns is one cell, written once
                merged = tc.find(f"{_W}tcPr/{_W}vMerge")
                continued = merged is not None and merged.get(_VAL, "continue") == "continue"
                cells.append([] if continued else self.cell(tc))
                if not cells[1:]:
                    key, first_continued = (key if continued else cells[0]), continued
            if not any(cells):
                continue
            if first_continued and key and any(cells[1:]):
                # a first cell merged down over rows of their own (a drug over its strengths): each row is a
                # row of the table and the merged cell is every one's key, as the table shows it; left empty,
                # the row would read as the rest of the row above
                cells[0] = list(key)
            if width is not None and len(cells) != width and self.lines[-1] != "":
                # rows of another shape: another table (Word and LibreOffice join tables that touch)
                self.lines.append("")
            width = len(cells)
            if cells[0]:
                cells[0] = [" ".join(cells[0])]
            depth = max(len(c) for c in cells)
            for k in range(depth):
                line = "\t".join(c[k] if k < len(c) else "" for c in cells).rstrip("\t")
                if k == 0 and len(cells) > 1 and "\t" not in line:
                    line += "\t"  # a row whose other cells are empty is still a row (a log entry with no date)
                self.lines.append(line or "\t")
        self.lines.append("")


def parse_docx(
    path: Path, parse: Callable[[str], R], outlined: Callable[[str], bool] = lambda text: False
) -> tuple[R, tuple[Diagnostic, ...]]:
    """``parse`` of a Word document's text, and what reading it noticed.

    ``outlined``: whether the reader of this (plain) text takes Word's headings (:meth:`DocxText.outlined`);
    the plain text is read otherwise, as by a grammar with sections of its own.

    Tables are read as tables.  A table drawn without borders may be text Word lays out in columns (the header
    fields beside their links): only when the text does not parse at such a table (or right below it) is that
    table read again as columns of text, one table at a time; if the document then parses, that is its reading
    (with a note), else the first error stands.  A table with borders is always a table.
    """
    doc = read_docx(path)
    headings = bool(doc.headings or doc.heading_notes) and outlined(doc.text)
    layout: frozenset[int] = frozenset()
    first: PolicyError | None = None
    while True:
        noticed = (*doc.diagnostics, *doc.heading_notes) if headings else doc.diagnostics
        try:
            report = parse(doc.outlined() if headings else doc.text)
        except PolicyError as exc:
            first = first or exc
            line = exc.line or 0
            # the table the error is in, or one it follows right after (the grammar stops at the next line)
            at = [t for t in doc.borderless if t[1] <= line <= t[2] + 2 and t[0] not in layout]
            if not at:
                raise first from None
            layout |= {max(at, key=lambda t: t[1])[0]}
            doc = read_docx(path, layout=layout)
            continue
        if layout:
            note = f"{len(layout)} table(s) without borders read as columns of text: as a table, it did not parse"
            return report, (*noticed, Diagnostic("note", note))
        return report, noticed


def read_docx(path: Path, source: str | None = None, *, layout: frozenset[int] = frozenset()) -> DocxText:
    """The policy text of the Word document at ``path`` (checked first by :func:`check_archive`); ``layout``:
    the tables (by number, in document order) to read as columns of text if they are drawn without borders.

    Raises :class:`PolicyError` (one line, naming ``source``) for anything that is not a readable DOCX.
    """
    source = source or str(path)
    check_archive(path, source)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        body = document.element.body
        numbering_el = _part_element(document, "numbering")
        styles_el = _part_element(document, "styles")
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PolicyError(f"not a readable Word document ({reason[:120]})", source=source) from None
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged part
        if type(exc).__module__.startswith("lxml"):
            raise PolicyError("not a readable Word document (a damaged XML part)", source=source) from None
        raise
    numbering = Numbering(numbering_el, styles_el)
    reader = _Reader(numbering, ruled_table_styles(styles_el), layout, Headings(styles_el))
    for block in _blocks(body):
        if block.tag == _P:
            reader.paragraph(block)
        else:
            reader.table(block)
    diagnostics: list[Diagnostic] = []
    if any(el.tag in _TRACKED for el in body.iter()):
        diagnostics.append(Diagnostic("warning", "the Word document has tracked changes: read as if all were accepted"))
    if reader.unknown:
        shown = ", ".join(sorted(set(reader.unknown))[:5])
        diagnostics.append(Diagnostic("warning", f"symbol(s) with no Unicode reading shown as \ufffd: {shown}"))
    notes = sum(1 for el in body.iter() if el.tag in _NOTE_REFS)
    if notes:  # printed at the foot of a page or the end of the document, apart from the policy's text
        diagnostics.append(Diagnostic("note", f"{notes} footnote(s) or endnote(s) not read"))
    if reader.boxes:
        diagnostics.append(Diagnostic("note", f"{reader.boxes} text box(es) read where they are anchored"))
    if numbering.unknown_formats:
        formats = ", ".join(sorted(numbering.unknown_formats))
        diagnostics.append(Diagnostic("warning", f"list numbering in format(s) {formats} counted in decimal"))
    reader.settle()
    while reader.lines and reader.lines[-1] == "":
        reader.lines.pop()
    return DocxText(
        "\n".join(reader.lines) + "\n",
        tuple(diagnostics),
        tuple(reader.borderless),
        _title_apart(reader.heading_lines, reader.lines),
        tuple(reader.heading_notes),
    )


TITLE_WITHIN = 3  # a title heading is among the document's first lines (a plan's name, a label may come first)


def _title_apart(headings: list[tuple[int, int, int]], lines: list[str]) -> tuple[tuple[int, int, int], ...]:
    """The headings, the document's title apart: a first heading, at the head of the document, whose level no
    other heading has (``Heading 1`` over sections in ``Heading 2``) is the title, and the sections below it
    are top level, not its subsections (a first section with subsections further down is no title)."""
    if len(headings) < 2 or any(h[2] <= headings[0][2] for h in headings[1:]):
        return tuple(headings)
    if sum(1 for line in lines[: headings[0][0] - 1] if line.strip()) >= TITLE_WITHIN:
        return tuple(headings)
    shift = min(h[2] for h in headings[1:]) - headings[0][2]
    return (headings[0], *((first, count, level - shift) for first, count, level in headings[1:]))


def _part_element(document: Any, kind: str) -> Any:
    """The root element of the document's numbering or styles part, or None when it has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    reltype = RT.NUMBERING if kind == "numbering" else RT.STYLES
    try:
        return document.part.part_related_by(reltype).element
    except KeyError:
        return None
