"""A PDF's list levels, from where its items stand: each item line indented as deep as the print sets it.

A print keeps no list structure, only positions: Word's and LibreOffice's bullets (``•``, ``o``, ``▪``) and a
browser's (discs and squares drawn as shapes, a custom ``o`` as text) stand further right at each level.  Read
flat, a three-level list is one level.  :func:`nest_items` writes each item line's level as the text front reads
it (``  • sub``, the indentation the outline nests bullets by): an item whose marker stands past the open
level's by more than a small tolerance opens a level under it, one back at an earlier position returns to that
level — whatever the glyph (``§`` too, inside a run of bullets: Word's third-level square as a copy writes
it).  Numbered items (``1.``, ``a.``) say their level by their marker; they are indented
only under a bullet, so that a bullet below them is counted under that bullet, not as a new list.

Fail safe: nothing is nested that the geometry does not place deeper — a marker far past the one above (another
column of the page, not a level) starts a run of its own, and text at or left of the run's outermost marker ends
it.
"""

from __future__ import annotations

from policyvc.lazy_re import lazy
from policyvc.parser.lines import PlacedLine
from policyvc.parser.markers import LABEL

__all__ = ["BULLETS", "nest_items"]

# Bullet glyphs, including what Word's Symbol and Wingdings bullets extract as (private-use code points).
BULLETS = "•▪◦●∙‣○■□➢►✓✔☐☑☒❑❏\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8"
_BULLET = lazy(rf"^(?:[{BULLETS}]|[-o](?=[ \t]))")  # (``o`` and ``-`` before a space: a typed or Courier bullet)
_NUMBERED = lazy(rf"^\(?{LABEL}[.)]\)?[ \t]+\S")

STEP = 3.0  # points: markers closer than this stand at one level (a glyph's own width and rounding)
MAX_STEP = 90.0  # points (1.25 in): a marker further right than this past the one above is no level under it
NEST = "  "  # one level of depth, as the text front reads it


def nest_items(lines: list[PlacedLine]) -> list[PlacedLine]:
    """``lines`` with each list item's depth in a run of items written as its indentation (see the module)."""
    out: list[PlacedLine] = []
    open_: list[tuple[float, bool]] = []  # the open levels: where their marker stands, whether a bullet's
    for line in lines:
        text, origin = line.text, line.origin
        if origin is None or not text.strip() or "\t" in text:  # (a blank, a made line, a table's row)
            out.append(line)
            continue
        x = origin[1]
        # (``§ …`` in a run of bullets: Wingdings' square as a copy writes it, the third level's glyph)
        bullet = bool(_BULLET.match(text)) or (bool(open_) and open_[-1][1] and text.startswith("§ "))
        if not bullet and not _NUMBERED.match(text):
            if open_ and x <= open_[0][0] + STEP:
                open_.clear()  # text at the run's margin ends it
            out.append(line)
            continue
        while open_ and x < open_[-1][0] - STEP:
            open_.pop()
        if open_ and x > open_[-1][0] + MAX_STEP:
            open_.clear()
        if open_ and abs(x - open_[-1][0]) <= STEP:
            open_[-1] = (open_[-1][0], bullet)
        else:
            open_.append((x, bullet))
        depth = len(open_) - 1
        under_bullet = any(b for _, b in open_[:-1])
        if depth and (bullet or under_bullet):
            out.append(PlacedLine(NEST * depth + text, origin))
        else:
            out.append(line)
    return out
