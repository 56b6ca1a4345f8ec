"""Typeset one of our text policies as a Word-like PDF, for the PDF round-trip tests.

The generator reads a policy with the real parser, renders its canonical text
and lays that out on pages the way payers' Word exports look: a running header
(``CLINICAL POLICY`` + the drug, a logo in layout A) and a ``Page N of M``
footer on every page, bold headings, hanging-indent criteria lists nested by
depth, italic notes, raised small ®/™/‡, bullets with a glyph, and tables with
ruling lines whose cells wrap, whose rows split over page breaks and whose
header row repeats on the next page.

Three layouts differ in everything the extractor must not depend on: font
family and size, margins, ragged vs justified text (justified text is drawn a
word at a time, ragged text as strings with real space characters), grid lines
vs Word-style thin filled bars vs horizontal-rule-only tables, repeated header
rows or not, ligature glyphs, line breaks after hyphens, a title page without
the running header, the ``Coding Implications`` / ``Revision Log`` links set
flush right beside the header fields as on Centene's first pages.  Knobs (:class:`Breaks`) force a
page break inside a criterion, inside a table row, or between a criterion and
its note.

Nothing here is visible to the extractor except the PDF itself: no markers, no
metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from policyvc.parser import parse_file
from policyvc.parser.nodes import Policy
from policyvc.renderer.text import render_text

_RL_FONTS = Path(reportlab.__file__).parent / "fonts"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_SUPERSCRIPTS = "®™‡"
_HEADING = re.compile(
    r"^(?:Description|FDA Approved Indication\(s\)|Policy/Criteria|Coding Implications|Important Reminder"
    r"|(?:I|II|III|IV|V|VI|VII)\. .+|Appendix [A-Z]: .+)$"
)
_CRITERIA_SECTION = re.compile(r"^(?:I|II|III)\. ")
_OTHER_SECTION = re.compile(r"^(?:IV|V|VI|VII)\. |^Coding Implications$|^Important Reminder$")
_MARKER = re.compile(r"^(\(?[0-9a-z]{1,6}[.)]\)?) (.*)$")
_SET = re.compile(r"^([A-Z]\.) (.*)$")
_FIELD = re.compile(r"^(?:Reference Number|Effective Date|Last Review Date|Lines? of Business):")


@dataclass(frozen=True)
class Layout:
    """Page geometry and typography of one PDF style."""

    name: str
    fonts: tuple[Path, Path, Path]  # regular, bold, italic
    size: float
    margins: tuple[float, float, float, float]  # left, right, top, bottom
    leading: float  # baseline distance as a multiple of the size
    para_space: float  # extra space between paragraphs, multiple of the size
    table_style: str  # "grid" (ruled lines), "bars" (Word-like thin filled rectangles) or "rules" (horizontal only)
    justify: bool
    ligatures: bool
    logo: bool
    repeat_header: bool = True  # repeat a table's header row on every page it runs over
    hyphen_breaks: bool = False  # break lines after a hyphen inside a word, as Word does
    title_page: bool = False  # the first page has no running header
    side_links: bool = False  # "Coding Implications" / "Revision Log" right-aligned beside the header fields

    @property
    def font_names(self) -> tuple[str, str, str]:
        return (f"pv-{self.name}-r", f"pv-{self.name}-b", f"pv-{self.name}-i")


LAYOUT_A = Layout(
    name="A",
    fonts=(_RL_FONTS / "Vera.ttf", _RL_FONTS / "VeraBd.ttf", _RL_FONTS / "VeraIt.ttf"),
    size=10,
    margins=(72, 72, 72, 72),
    leading=1.25,
    para_space=0.7,
    table_style="grid",
    justify=False,
    ligatures=False,
    logo=True,
)
LAYOUT_B = Layout(
    name="B",
    fonts=(_DEJAVU / "DejaVuSerif.ttf", _DEJAVU / "DejaVuSerif-Bold.ttf", _DEJAVU / "DejaVuSerif-Italic.ttf"),
    size=11,
    margins=(45, 40, 64, 54),
    leading=1.2,
    para_space=0.6,
    table_style="rules",
    justify=True,
    ligatures=True,
    logo=False,
)
LAYOUT_C = Layout(
    name="C",
    fonts=(_DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf", _DEJAVU / "DejaVuSans-Oblique.ttf"),
    size=9.5,
    margins=(62, 58, 84, 66),
    leading=1.15,
    para_space=0.8,
    table_style="bars",
    justify=False,
    ligatures=False,
    logo=False,
    repeat_header=False,
    hyphen_breaks=True,
    title_page=True,
    side_links=True,
)
LAYOUTS = {"A": LAYOUT_A, "B": LAYOUT_B, "C": LAYOUT_C}


@dataclass(frozen=True)
class Breaks:
    """Forced page breaks, counted in document order (0 = the first eligible place)."""

    inside_criterion: int | None = None  # after the first line of the k-th criterion that wraps
    inside_row: int | None = None  # after the first line of the k-th table row taller than one line
    before_note: int | None = None  # between the k-th note and the criterion above it


# --- blocks ------------------------------------------------------------------------


@dataclass
class _Para:
    text: str
    style: str  # "body", "bold", "italic", "title"
    x: float  # left edge of the text (marker sits left of it)
    marker: str = ""
    marker_x: float = 0.0
    space_before: float = 0.0
    kind: str = "text"  # "criterion", "note", "bullet", …


@dataclass
class _Table:
    header: list[str]
    rows: list[list[list[str]]]  # row → cell → paragraphs
    widths: list[float]
    space_before: float = 0.0


def _blocks(policy: Policy, layout: Layout) -> list[_Para | _Table]:
    """The canonical text of ``policy`` as typeset blocks."""
    lines = render_text(policy).split("\n")
    depths = iter(depth for sec in policy.sections for s in sec.sets for depth in _depths(s.criteria))
    size, step = layout.size, layout.size * 1.8
    text_width = letter[0] - layout.margins[0] - layout.margins[1]
    out: list[_Para | _Table] = []
    space = 0.0
    in_criteria = False
    policy_started = False  # past the header block
    text_x = step  # where the text of the latest criterion starts
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            space = size * layout.para_space
            i += 1
            continue
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
                if i < len(lines) and lines[i].startswith("Reviews, Revisions"):
                    break  # the revision log is a table of its own, right under the codes
            out.append(_table(rows, text_width, space))
            space = 0.0
            continue
        i += 1
        if line == "Description":
            policy_started = True
        if _CRITERIA_SECTION.match(line):
            in_criteria = True
        elif _OTHER_SECTION.match(line):
            in_criteria = False
        if line.startswith("Clinical Policy:"):
            out.append(_Para(line, "title", 0, space_before=space))
        elif _FIELD.match(line):
            out.append(_Para(line, "body", 0, space_before=space, kind="field"))
        elif layout.side_links and line in ("Coding Implications", "Revision Log") and not policy_started:
            out.append(_Para(line, "body", 0, kind="side"))
            continue  # takes no room in the flow: keep the blank line's space for what follows
        elif _HEADING.match(line):
            out.append(_Para(line, "bold", 0, space_before=max(space, size * layout.para_space)))
        elif in_criteria and (m := _SET.match(line)):
            out.append(_Para(m.group(2), "bold", step, m.group(1), 0, space, "set"))
            text_x = step
        elif in_criteria and (m := _MARKER.match(line)):
            depth = next(depths)
            text_x = step * (depth + 2)
            out.append(_Para(m.group(2), "body", text_x, m.group(1), text_x - step, space, "criterion"))
        elif in_criteria and line.startswith("*"):
            kind = (
                "note-under-criterion" if out and isinstance(out[-1], _Para) and out[-1].kind == "criterion" else "note"
            )
            out.append(_Para(line, "italic", text_x, space_before=space, kind=kind))
        elif in_criteria:  # durations and "Approval duration:"
            out.append(_Para(line, "body", step, space_before=space))
        elif line.startswith("- "):
            out.append(_Para(line[2:], "body", step, "•", step * 0.35, space, "bullet"))
        elif m := _MARKER.match(line):  # references
            out.append(_Para(m.group(2), "body", step, m.group(1), 0, space, "reference"))
        else:
            out.append(_Para(line, "body", 0, space_before=space))
        space = 0.0
    return out


def _depths(items: tuple, depth: int = 0) -> Iterator[int]:  # type: ignore[type-arg]
    for c in items:
        yield depth
        yield from _depths(c.children, depth + 1)


def _table(rows: list[list[str]], text_width: float, space: float) -> _Table:
    header = rows[0]
    revlog = header[0].startswith("Reviews, Revisions")
    key = 1 if revlog else 0
    body: list[list[list[str]]] = []
    for cells in rows[1:]:
        cells = cells + [""] * (len(header) - len(cells))
        if not cells[key] and body:  # a further paragraph of the cells above
            for j, c in enumerate(cells):
                if c:
                    body[-1][j].append(c)
            continue
        body.append([[c] if c else [] for c in cells])
    n = len(header)
    fractions = {2: [0.3, 0.7], 3: [0.64, 0.18, 0.18] if revlog else [0.28, 0.44, 0.28]}.get(n, [1 / n] * n)
    return _Table(header, body, [f * text_width for f in fractions], space)


# --- typesetting -------------------------------------------------------------------

_Piece = tuple[str, str, float, float]  # text, font, size, rise


@dataclass
class _Page:
    ops: list[tuple] = field(default_factory=list)  # type: ignore[type-arg]


class _Typesetter:
    def __init__(self, layout: Layout, breaks: Breaks, title: str) -> None:
        self.layout = layout
        self.breaks = breaks
        self.title = title
        self.regular, self.bold, self.italic = layout.font_names
        self.left, right, self.top, bottom = layout.margins
        self.width = letter[0] - self.left - right
        self.bottom = letter[1] - bottom
        self.pages: list[_Page] = []
        self.counts = {"criterion": -1, "row": -1, "note": -1}
        self.forced: list[int] = []  # pages that start at a forced break
        self.field_baselines: list[float] = []
        self.sides: list[str] = []
        self._new_page()

    # pages
    def _new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.top

    def _op(self, *op: object) -> None:
        self.pages[-1].ops.append(op)

    # text
    def _glyphs(self, text: str) -> str:
        if self.layout.ligatures:
            text = text.replace("fi", "ﬁ").replace("fl", "ﬂ")
        return text

    def _pieces(self, word: str, font: str, size: float) -> list[_Piece]:
        out: list[_Piece] = []
        for part in re.split(f"([{_SUPERSCRIPTS}])", word):
            if not part:
                continue
            if part in _SUPERSCRIPTS:
                out.append((part, font, size * 0.6, size * 0.38))
            else:
                out.append((self._glyphs(part), font, size, 0.0))
        return out

    @staticmethod
    def _width(pieces: list[_Piece]) -> float:
        return sum(pdfmetrics.stringWidth(t, f, s) for t, f, s, _ in pieces)

    def _wrap(self, text: str, font: str, size: float, width: float) -> list[list[list[_Piece]]]:
        """Greedy line filling: lines of words of pieces."""
        space = pdfmetrics.stringWidth(" ", font, size)
        lines: list[list[list[_Piece]]] = [[]]
        used = 0.0
        words = text.split(" ")
        k = 0
        while k < len(words):
            word = words[k]
            k += 1
            pieces = self._pieces(word, font, size)
            w = self._width(pieces)
            lead = space if lines[-1] else 0.0
            if lines[-1] and used + lead + w > width:
                head = self._hyphen_head(word, font, size, width - used - lead) if self.layout.hyphen_breaks else None
                if head:  # "life-" stays, "threatening" starts the next line
                    lines[-1].append(self._pieces(head, font, size))
                    words.insert(k, word[len(head) :])
                    lines.append([])
                    used = 0.0
                    continue
                lines.append([])
                used, lead = 0.0, 0.0
            used += lead + w
            lines[-1].append(pieces)
        return lines

    def _hyphen_head(self, word: str, font: str, size: float, room: float) -> str | None:
        """The longest part of ``word`` up to a hyphen between letters that fits in ``room``."""
        best = None
        for m in re.finditer(r"(?<=\w)-(?=\w)", word):
            head = word[: m.end()]
            if self._width(self._pieces(head, font, size)) <= room:
                best = head
        return best

    def _draw_line(self, words: list[list[_Piece]], x: float, baseline: float, width: float, last: bool) -> None:
        font, size = words[0][0][1], words[0][0][2]
        space = pdfmetrics.stringWidth(" ", font, size)
        if self.layout.justify:
            natural = sum(self._width(w) for w in words) + space * (len(words) - 1)
            gap = space + ((width - natural) / (len(words) - 1) if not last and len(words) > 1 else 0.0)
            for w in words:
                for t, f, s, rise in w:
                    self._op("text", x, baseline - rise, t, f, s)
                    x += pdfmetrics.stringWidth(t, f, s)
                x += gap
            return
        # ragged: runs of one font drawn as strings with real space characters
        run, run_font = "", (font, size, 0.0)
        for k, w in enumerate(words):
            for n, (t, f, s, rise) in enumerate(w):
                sep = " " if k and n == 0 else ""
                if (f, s, rise) != run_font:
                    if run:
                        self._op("text", x, baseline - run_font[2], run, run_font[0], run_font[1])
                        x += pdfmetrics.stringWidth(run, run_font[0], run_font[1])
                    run, run_font = "", (f, s, rise)
                    if sep:
                        x += space
                        sep = ""
                run += sep + t
        if run:
            self._op("text", x, baseline - run_font[2], run, run_font[0], run_font[1])

    def para(self, p: _Para) -> None:
        lay = self.layout
        if p.kind == "side":  # beside the n-th header field, flush right
            baseline = self.field_baselines[len(self.sides)]
            self.sides.append(p.text)
            width = pdfmetrics.stringWidth(p.text, self.regular, lay.size)
            self._op("text", self.left + self.width - width, baseline, p.text, self.regular, lay.size)
            return
        size = lay.size * (1.5 if p.style == "title" else 1.0)
        font = {"bold": self.bold, "title": self.bold, "italic": self.italic}.get(p.style, self.regular)
        leading = size * lay.leading
        lines = self._wrap(p.text, font, size, self.width - p.x)
        force_after = -1
        if p.kind == "criterion" and len(lines) > 1:
            self.counts["criterion"] += 1
            if self.counts["criterion"] == self.breaks.inside_criterion:
                force_after = 0
        if p.kind == "note-under-criterion":
            self.counts["note"] += 1
            if self.counts["note"] == self.breaks.before_note:
                self._new_page()
                self.forced.append(len(self.pages))
        if self.y > self.top:
            self.y += p.space_before
        for k, words in enumerate(lines):
            if self.y + leading > self.bottom:
                self._new_page()
            baseline = self.y + size * 0.8
            if p.kind == "field" and k == 0:
                self.field_baselines.append(baseline)
            if k == 0 and p.marker:
                mfont = self.bold if p.kind == "set" else self.regular
                self._op("text", self.left + p.marker_x, baseline, p.marker, mfont, size)
            self._draw_line(words, self.left + p.x, baseline, self.width - p.x, k == len(lines) - 1)
            self.y += leading
            if k == force_after:
                self._new_page()
                self.forced.append(len(self.pages))

    # tables
    def _cell_lines(self, paras: list[str], width: float, bold: bool) -> list[tuple[float, list[list[_Piece]]]]:
        size = self.layout.size - 1
        leading = size * self.layout.leading
        out: list[tuple[float, list[list[_Piece]]]] = []
        y = 0.0
        for n, text in enumerate(paras):
            if n:
                y += size * self.layout.para_space
            for words in self._wrap(text, self.bold if bold else self.regular, size, width):
                out.append((y, words))
                y += leading
        return out

    def table(self, t: _Table) -> None:
        pad = 4.0
        size = self.layout.size - 1
        leading = size * self.layout.leading
        if self.y > self.top:
            self.y += t.space_before
        header = [self._cell_lines([h], w - 2 * pad, True) for h, w in zip(t.header, t.widths, strict=True)]
        head_h = max(c[-1][0] for c in header) + leading + 2 * pad
        if self.y + head_h + leading + 2 * pad > self.bottom:
            self._new_page()
        self._row(header, head_h, t.widths, pad, top_rule=True)
        for row in t.rows:
            cells = [self._cell_lines(c, w - 2 * pad, False) for c, w in zip(row, t.widths, strict=True)]
            height = max((c[-1][0] + leading for c in cells if c), default=leading) + 2 * pad
            force = False
            if height - 2 * pad > leading * 1.5:
                self.counts["row"] += 1
                force = self.counts["row"] == self.breaks.inside_row
            while True:
                room = self.bottom - self.y
                if height <= room and not force:
                    self._row(cells, height, t.widths, pad)
                    break
                # split the row: what fits (one line when forced) stays, the rest moves on
                cut = leading + 0.01 if force else room - 2 * pad
                force = False
                first = [[(y, w) for y, w in c if y + leading <= cut] for c in cells]
                if not any(first):
                    self._new_page()
                    self._continued(header, head_h, t.widths, pad)
                    continue
                rest = [[(y, w) for y, w in c if y + leading > cut] for c in cells]
                fh = max(c[-1][0] + leading for c in first if c) + 2 * pad
                self._row(first, fh, t.widths, pad)
                self._new_page()
                if cut == leading + 0.01:
                    self.forced.append(len(self.pages))
                self._continued(header, head_h, t.widths, pad)
                cells = [[(y - c[0][0], w) for y, w in c] if c else [] for c in rest]
                height = max((c[-1][0] + leading for c in cells if c), default=leading) + 2 * pad
        self.y += self.layout.size * 0.3

    def _row(self, cells: list, height: float, widths: list[float], pad: float, top_rule: bool = False) -> None:  # type: ignore[type-arg]
        size = self.layout.size - 1
        x0, x1 = self.left, self.left + sum(widths)
        if top_rule:
            self._op(self._rule, x0, self.y, x1, self.y)
        x = x0
        for cell, w in zip(cells, widths, strict=True):
            for y, words in cell:
                self._draw_line(words, x + pad, self.y + pad + y + size * 0.8, w - 2 * pad, True)
            x += w
        if self.layout.table_style in ("grid", "bars"):
            x = x0
            for w in [0.0, *widths]:
                x += w
                self._op(self._rule, x, self.y, x, self.y + height)
        self.y += height
        self._op(self._rule, x0, self.y, x1, self.y)

    def _continued(self, header: list, head_h: float, widths: list[float], pad: float) -> None:  # type: ignore[type-arg]
        """The top of a table going on at the top of a new page: its header row again, or only a rule."""
        if self.layout.repeat_header:
            self._row(header, head_h, widths, pad, top_rule=True)
        else:
            self._op(self._rule, self.left, self.y, self.left + sum(widths), self.y)

    @property
    def _rule(self) -> str:
        return "bar" if self.layout.table_style == "bars" else "line"

    # running header and footer
    def finish(self, path: Path) -> None:
        lay = self.layout
        w, h = letter
        c = canvas.Canvas(str(path), pagesize=letter, invariant=True)
        c.setTitle(self.title)
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            hs = lay.size - 1
            if lay.name == "A":
                c.setFont(self.bold, hs)
                c.drawString(self.left, h - 30, "CLINICAL POLICY")
                c.setFont(self.regular, hs)
                c.drawString(self.left, h - 30 - hs * 1.3, self.title)
                if lay.logo:
                    c.setFillGray(0.35)
                    c.rect(w - lay.margins[1] - 64, h - 48, 64, 22, fill=1, stroke=0)
                    c.setFillGray(0)
                c.drawCentredString(w / 2, 30, f"Page {number} of {total}")
            elif lay.name == "C":
                if number > 1 or not lay.title_page:
                    c.setFont(self.bold, hs + 1)
                    c.drawString(self.left, h - 40, "CLINICAL POLICY")
                    c.setFont(self.italic, hs)
                    c.drawString(self.left, h - 40 - hs * 1.4, self.title)
                c.setFont(self.regular, hs - 1)
                c.drawString(self.left, 30, f"Page {number} of {total}")
            else:
                c.setFont(self.bold, hs)
                c.drawString(self.left, h - 34, "CLINICAL POLICY")
                c.setFont(self.regular, hs)
                c.drawRightString(w - lay.margins[1], h - 34, self.title)
                c.setLineWidth(0.75)
                c.line(self.left, h - 40, w - lay.margins[1], h - 40)
                c.drawRightString(w - lay.margins[1], 24, f"Page {number} of {total}")
            c.setLineWidth(0.5)
            for op in page.ops:
                if op[0] == "text":
                    _, x, y, text, font, size = op
                    c.setFont(font, size)
                    c.drawString(x, h - y, text)
                elif op[0] == "bar":  # a border as Word draws it: a thin filled rectangle
                    _, xa, ya, xb, yb = op
                    if ya == yb:
                        c.rect(xa - 0.3, h - ya - 0.3, xb - xa + 0.6, 0.6, fill=1, stroke=0)
                    else:
                        c.rect(xa - 0.3, h - yb - 0.3, 0.6, yb - ya + 0.6, fill=1, stroke=0)
                else:
                    _, xa, ya, xb, yb = op
                    c.line(xa, h - ya, xb, h - yb)
            c.showPage()
        c.save()


def _register(layout: Layout) -> None:
    for name, path in zip(layout.font_names, layout.fonts, strict=True):
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        if not path.is_file():
            raise FileNotFoundError(f"font {path} is missing (install fonts-dejavu-core and fonts-dejavu-extra)")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def make_pdf(source: Path, out: Path, layout: Layout = LAYOUT_A, breaks: Breaks = Breaks()) -> list[int]:
    """Typeset the text policy ``source`` into ``out``; return the pages that begin at a forced break."""
    _register(layout)
    policy = parse_file(source)
    ts = _Typesetter(layout, breaks, policy.header.title)
    for block in _blocks(policy, layout):
        if isinstance(block, _Table):
            ts.table(block)
        else:
            ts.para(block)
    ts.finish(out)
    return ts.forced


if __name__ == "__main__":  # python tests/pdfgen.py POLICY.txt OUT.pdf [A|B]
    import sys

    make_pdf(Path(sys.argv[1]), Path(sys.argv[2]), LAYOUTS[sys.argv[3] if len(sys.argv) > 3 else "A"])
