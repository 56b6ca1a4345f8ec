"""List markers, written once: ``1.`` ``a.`` ``iv.`` ``A.`` ``II.`` ``a)`` ``(1)`` and bullets.

Every pass that reads a marker reads it here — the outline, the pharmacy grammar's nesting pass, the
text styles (inline and dash-written criteria) and the PDF geometry (where an item starts) — so a
label is classified one way everywhere:

* :func:`roman_value` / :func:`to_roman` — strict roman numerals, 1..3999 (``iiii``, ``vx``, ``il``
  are not numerals);
* :func:`readings` — every (system, ordinal) a list label can be read as (``i``: letter 9 and roman
  1).  A list is never longer than :data:`MAX_ROMAN_ITEM` items, so only numerals up to 39
  (``xxxix``) read as a roman marker: a word such as ``MD.``, ``mix.`` or ``DC.`` at the start of a
  line is not taken for one;
* :data:`LABEL` — the same labels as a regular-expression fragment, for the passes that scan text;
* :func:`read_marker` — the marker a line starts with: its label, style (``.``, ``)``, ``()``, or a
  bullet's glyph class), case and readings.  Two items are on one level only when case and
  punctuation agree as well as the system;
* :func:`glyph_level` — the list level a bullet's glyph says in Word's default cycle (``•``, ``o``, ``§``/``▪``,
  then again), for the fronts (text, PDF, DOCX) where nothing else places an item: where indentation or geometry
  says the level, it wins; :func:`section_sign_bullet` tells a third-level ``§`` from a footnote's mark;
* :func:`read_item_marker` — the same, and the forms other payers write that the family never does:
  decimal outline numbering (``1.1``, ``4.2.1``, ``2.0``: its depth is its number of parts, trailing
  zeros not counted) and a number or letter before a dash (``1 –``, ``a -``).  The outline reads
  these; the family's grammar does not (``2.5 mg`` starts a dosing line there).
"""

from __future__ import annotations

import re

from policyvc.lazy_re import lazy
from policyvc.parser.nodes import MarkerKind
from policyvc.parser.prebuilt import dataclass

__all__ = [
    "GLUED_MARKER",
    "LABEL",
    "MAX_ROMAN_ITEM",
    "NOTE_START",
    "ROMAN_LABEL",
    "ROMAN_LOWER",
    "ROMAN_UPPER",
    "Marker",
    "footnote_line",
    "format_marker",
    "glyph_level",
    "read_item_marker",
    "read_marker",
    "readings",
    "roman_value",
    "section_sign_bullet",
    "split_marker",
    "stars_a_word",
    "to_roman",
]

MAX_ROMAN_ITEM = 39
# a paragraph a reader takes as a note (``Note: …``, ``* …``) or a footnote (``¹ …``, ``† …``): no list item's
# text, though it stands at it (a Word document's and a print's further paragraph of an item)
NOTE_START = lazy(r"^(?:\*|[¹²³⁴⁵⁶⁷⁸⁹⁰†‡§¶]|notes?\b)", re.I)
_ROMAN = lazy(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_SYMBOLS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
    (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip

# Roman list labels (1..39) as regex fragments: never empty, never ``iiii``, ``vx`` or ``il``.
ROMAN_LOWER = r"(?:(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))"
ROMAN_UPPER = r"(?:(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))"
ROMAN_LABEL = rf"(?:{ROMAN_LOWER}|{ROMAN_UPPER})"
# A list label: a number of up to three digits, one letter, or a roman numeral (``Inc.``, ``vial.`` are words).
LABEL = rf"(?:\d{{1,3}}|[A-Za-z]|{ROMAN_LABEL})"

# A marker a word processor's PDF set flush against its text, the tab after a wide label gone
# (``(iii)Documented``, ``b)The``, ``10.Continue``): brackets, or a period after a number or a roman
# numeral of two letters or more (``A.Smith`` and ``J.Clin`` are a reference's initials), then a
# capital and a letter (``(s)he`` is a word; ``1.5`` a number) — after a number, also a word in capitals and a
# space (``10.RFA is limited``).
GLUED_MARKER = lazy(
    rf"^((?:\({LABEL}\)|{LABEL}\)|(?:\d{{1,3}}|(?=\w\w){ROMAN_LABEL})\.)(?=[A-Z][a-z])"
    rf"|\d{{1,3}}\.(?=[A-Z]{{2,}}[ \t]))"
)

_MARKER = lazy(rf"^(?:(?P<plain>{LABEL})(?P<punct>[.)])|\((?P<paren>{LABEL})\))(?=[ \t]+\S|$)")
_BULLET = lazy(r"^[-–•▪◦·](?=[ \t]+\S)")
# ``4.2.1 Text``: parts of one or two digits, no leading zero (``1.01.520`` is a policy's number), text in
# capitals after it (``2.5 mg`` is a dose)
_DECIMAL = lazy(r"^(?P<label>(?:[1-9]\d?|0)(?:\.(?:[1-9]\d?|0)){1,4})\.?[ \t]+(?=[A-Z(\[“\"])")
_DASHED = lazy(r"^(?P<label>\d{1,2}|[A-Za-z])[ \t]+[-–—][ \t]+(?=[A-Z(\[“\"])")  # ``1 – Text``
_BULLET_STYLE = {"•": "-", "◦": "–", "▪": "·"}  # a bullet's style is its level's glyph
# A footnote's mark at a line's start (``¹ Per FDA label``, ``† Off-label use``, ``‡ …``, ``§ …``): never a list's
# marker; an asterisk (``* Requires prior authorization``) only where the text above marks a word with one
_FOOTNOTE = lazy(r"^[ \t]*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[†‡§¶]{1,3}|(?P<star>\*{1,3}))[ \t]*(?=[^\s*])")
# a word marked for a footnote by an asterisk after it (``Fremanezumab (Ajovy)*``, ``Botox**``), on a line with no
# other asterisk before it (``*italic*`` closes an emphasis)
_STARRED_WORD = lazy(r"^[^*]*[\w)\]®™]\*{1,3}(?=[\s,.;:]|$)")
_LEADING_BULLET = lazy(r"^[ \t]*[-–•*][ \t]+")


# Word's default bullet glyphs by list level (0-based), then repeating with the level: Symbol's ``•`` (extracted as
# U+F0B7 or ``•``), Courier New's ``o``, Wingdings' square (extracted as U+F0A7, as its byte ``§`` by a copy that
# drops the symbol font's offset, or as ``▪``); ``◦`` and ``○`` are the web's second level, ``■`` and ``□`` its third
_GLYPH_LEVELS = {
    "•": 0, "\uf0b7": 0, "o": 1, "◦": 1, "○": 1, "▪": 2, "■": 2, "□": 2, "\uf0a7": 2, "\uf0d8": 2, "§": 2,
}  # fmt: skip
_SECTION_SIGN_ITEM = lazy(r"^[ \t]*§[ \t]+(?=[A-Za-z(“\"])")


def glyph_level(glyph: str) -> int | None:
    """The list level (0-based) ``glyph`` stands for in Word's default bullet cycle, ``None`` for a glyph of no
    fixed level (``-``, ``*``, ``●``, a check box)."""
    return _GLYPH_LEVELS.get(glyph)


def section_sign_bullet(line: str, level_above: int | None) -> bool:
    """Whether ``line``, starting ``§ `` and a word, is a third-level bullet (Wingdings' square as a copy writes it)
    rather than a footnote's mark: only where the item above it is a list's second or third level
    (``level_above``, ``None`` when no list item is above it in the run)."""
    return level_above is not None and level_above >= 1 and _SECTION_SIGN_ITEM.match(line) is not None


def stars_a_word(line: str) -> bool:
    """Whether ``line`` marks a word for a footnote with an asterisk (``(Ajovy)*``): a ``* …`` line below is that
    footnote, never a bullet."""
    return bool(_STARRED_WORD.match(_LEADING_BULLET.sub("", line)))


def footnote_line(line: str, starred: bool = False) -> bool:
    """Whether ``line`` is a footnote: it starts with a footnote's mark (``¹``, ``†``, ``‡``, ``§``, ``¶``), or with
    an asterisk where ``starred`` (the text above marks a word with one: :func:`stars_a_word`)."""
    m = _FOOTNOTE.match(line)
    return m is not None and (m.group("star") is None or starred)


def roman_value(label: str) -> int | None:
    """The value of a strict roman numeral (1..3999) written in one case, or ``None``."""
    low = label.lower()
    if not low or (low != label and label.upper() != label) or not _ROMAN.match(low):
        return None
    total = 0
    for i, ch in enumerate(low):
        v = _VALUES[ch]
        total += -v if i + 1 < len(low) and _VALUES[low[i + 1]] > v else v
    return total


def to_roman(n: int) -> str:
    """``n`` (1..3999) as a lower-case roman numeral; ``""`` for 0."""
    out = []
    for value, sym in _SYMBOLS:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def readings(label: str) -> tuple[tuple[MarkerKind, int], ...]:
    """Every (system, ordinal) a list label of either case can be read as: a number, one letter, a
    roman numeral up to :data:`MAX_ROMAN_ITEM`; ``()`` when it is none of them."""
    if label.isdigit():
        return ((MarkerKind.NUMBER, int(label)),)
    out: list[tuple[MarkerKind, int]] = []
    if len(label) == 1 and label.isascii() and label.isalpha():
        out.append((MarkerKind.LETTER, ord(label.lower()) - 96))
    value = roman_value(label)
    if value is not None and value <= MAX_ROMAN_ITEM:
        out.append((MarkerKind.ROMAN, value))
    return tuple(out)


def split_marker(marker: str) -> tuple[str, str]:
    """``"(ii)"`` → ``("ii", "()")``; ``"4."`` → ``("4", ".")``."""
    if marker.startswith("("):
        return marker[1:-1], "()"
    return marker[:-1], marker[-1]


def format_marker(kind: MarkerKind, n: int, style: str) -> str:
    """The lower-case marker of ordinal ``n`` in ``kind`` with punctuation ``style`` (``.``, ``)``, ``()``)."""
    label = str(n) if kind is MarkerKind.NUMBER else chr(96 + n) if kind is MarkerKind.LETTER else to_roman(n)
    return f"({label})" if style == "()" else f"{label}{style}"


@dataclass(frozen=True, slots=True)
class Marker:
    """A list marker: ``label`` as written (``iv``), its ``style`` (``.``, ``)``, ``()``, ``-`` for a
    bullet), whether it is upper case, and every (system, ordinal) it can be read as."""

    text: str
    label: str
    style: str
    upper: bool
    readings: tuple[tuple[MarkerKind, int], ...]


def read_marker(line: str) -> tuple[Marker, str] | None:
    """The list marker a line starts with and the text after it, or ``None``.

    Bullets are ``-``, ``–``, ``•``, ``▪``, ``◦`` and ``·`` followed by a space (``*`` starts a note).
    """
    if m := _BULLET.match(line):
        style = _BULLET_STYLE.get(m.group(0), m.group(0))
        return Marker(m.group(0), "", style, False, ((MarkerKind.BULLET, 0),)), line[m.end() :].strip()
    m = _MARKER.match(line)
    if not m:
        return None
    label = m.group("plain") or m.group("paren")
    found = readings(label)
    if not found:
        return None
    style = m.group("punct") or "()"
    upper = label.isupper()
    return Marker(m.group(0), label, style, upper, found), line[m.end() :].strip()


def decimal_depth(label: str) -> int:
    """How deep a decimal outline number is: its parts, trailing zeros not counted (``1.0``: 1, ``1.1.2``: 3)."""
    parts = label.split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return len(parts)


def read_item_marker(line: str) -> tuple[Marker, str] | None:
    """:func:`read_marker`, and the decimal (``1.1``, ``4.2.1``) and dashed (``1 –``) forms of other payers.

    A decimal marker's style names its depth (``decimal3``): items of one depth are one level, and a
    level opens under the item above as any list's does; its ordinal is its last part that counts."""
    if line[:1].isdigit() and (m := _DECIMAL.match(line)) is not None:
        label = m.group("label")
        depth = decimal_depth(label)
        value = int(label.split(".")[depth - 1])
        marker = Marker(m.group(0).rstrip(), label, f"decimal{depth}", False, ((MarkerKind.NUMBER, value),))
        return marker, line[m.end() :].strip()
    found = read_marker(line)
    if found is not None:
        return found
    if line[:1].isalnum() and (m := _DASHED.match(line)) is not None:
        label = m.group("label")
        found_readings = readings(label)
        if found_readings:
            return Marker(m.group(0).rstrip(), label, "-", label.isupper(), found_readings), line[m.end() :].strip()
    return None
