"""List markers as the outline reads them: ``1.`` ``a.`` ``iv.`` ``A.`` ``II.`` ``a)`` ``(1)`` and bullets.

A marker is its label, the numbering systems the label can belong to (``i`` is a letter and a
roman one) with their ordinals, the label's case and the punctuation around it (``.``, ``)``,
``()``).  Two items are on one level only when case and punctuation agree as well as the system.
Roman numerals are read up to 39 (``xxxix``): a list is never longer, and a word such as ``MD.``
or ``DC.`` at the start of a line is not taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyvc.parser.nodes import MarkerKind

__all__ = ["Marker", "read_marker", "roman_value"]

_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
_VALUES = {"i": 1, "v": 5, "x": 10}
_MARKER = re.compile(
    r"^(?:(?P<plain>\d{1,3}|[A-Za-z]{1,6})(?P<punct>[.)])|\((?P<paren>\d{1,3}|[A-Za-z]{1,6})\))(?=[ \t]+\S|$)"
)
_BULLET = re.compile(r"^[-–•▪◦·](?=[ \t]+\S)")
_BULLET_STYLE = {"•": "-", "◦": "–", "▪": "·"}  # a bullet's style is its level's glyph


def roman_value(label: str) -> int | None:
    """The value of a roman numeral of either case up to 39, or ``None``."""
    low = label.lower()
    if not low or (low != label and label.upper() != label) or not _ROMAN.match(low):
        return None
    total = 0
    for i, ch in enumerate(low):
        v = _VALUES[ch]
        total += -v if i + 1 < len(low) and _VALUES[low[i + 1]] > v else v
    return total


@dataclass(frozen=True, slots=True)
class Marker:
    """A list marker: ``label`` as written (``iv``), its ``style`` (``.``, ``)``, ``()``, ``-`` for a
    bullet), whether it is upper case, and every (system, ordinal) it can be read as."""

    text: str
    label: str
    style: str
    upper: bool
    readings: tuple[tuple[MarkerKind, int], ...]


def _readings(label: str) -> tuple[tuple[MarkerKind, int], ...]:
    if label.isdigit():
        return ((MarkerKind.NUMBER, int(label)),)
    out: list[tuple[MarkerKind, int]] = []
    if len(label) == 1 and label.isalpha():
        out.append((MarkerKind.LETTER, ord(label.lower()) - 96))
    value = roman_value(label)
    if value is not None:
        out.append((MarkerKind.ROMAN, value))
    return tuple(out)


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
    readings = _readings(label)
    if not readings:
        return None
    style = m.group("punct") or "()"
    upper = label.isupper()
    return Marker(m.group(0), label, style, upper, readings), line[m.end() :].strip()
