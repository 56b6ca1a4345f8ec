"""Policy documents made by real producers, for the tests: HTML printed by Chromium, DOCX converted by
LibreOffice, and poppler's ``pdftotext`` of any PDF.

Each document is built from a policy's canonical text (the blocks ``tests/pdfgen.py`` typesets), with the
structure a real author's tools give it: nested ``<ol>`` lists (``type="A"``, ``"1"``, ``"a"``, ``"i"``)
in HTML, and in DOCX Word's automatic multi-level numbering (one ``w:abstractNum`` with a level per
depth, ``w:numPr`` on every list paragraph — no typed markers), a running header and a
``Page X of Y`` footer made of ``PAGE`` / ``NUMPAGES`` fields.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pdfgen import LAYOUT_A, _blocks, _Para, _Table

from policyvc.parser import parse_file

__all__ = [
    "DOCX_NUMBERING",
    "chromium_pdf",
    "docx_file",
    "flattened",
    "have",
    "libreoffice_pdf",
    "libreoffice_pdfs",
    "need",
    "pdftotext",
    "policy_html",
]

_STEP = LAYOUT_A.size * 1.8
_CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def have(tool: str) -> str | None:
    """The path of a producer's binary (``chromium``, ``soffice``, ``pdftotext``), or None."""
    names = _CHROMIUM if tool == "chromium" else (tool,)
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def need(*tools: str) -> None:
    """Fail (never skip: CI installs them, ``make deps``) unless every producer ``tools`` names is here."""
    import pytest

    missing = [t for t in tools if have(t) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: `make deps` installs the producers the tests drive")


def _kind(marker: str) -> str:
    """The ``<ol type>`` of a marker: ``A`` sets, ``1`` numbers, ``a`` letters, ``i`` roman numerals."""
    label = marker.strip("().")
    if label.isdigit():
        return "1"
    if label.isupper():
        return "A"
    if set(label) <= set("ivxl") and (label != "i" or marker == "i."):
        return "i"
    return "a"


def _value(marker: str) -> int:
    label = marker.strip("().")
    if label.isdigit():
        return int(label)
    if (set(label) <= set("ivxl") and len(label) > 1) or label in ("i", "v", "x"):
        romans = {"i": 1, "v": 5, "x": 10, "l": 50}
        total = 0
        for a, b in zip(label, [*label[1:], ""], strict=True):
            n = romans[a]
            total += -n if b and romans[b] > n else n
        return total
    return ord(label.lower()) - ord("a") + 1


def _depth(p: _Para) -> int:
    return round(p.x / _STEP) - 2


def _criteria_kinds(paras: list[_Para]) -> list[str]:
    """The list type of each criterion: ``i.`` is a roman one only where its siblings say so."""
    kinds = []
    for k, p in enumerate(paras):
        kind = _kind(p.marker)
        if p.marker == "i.":
            # roman when a sibling at the same depth is ii., iii. …; a letter after h.
            prev = next((q for q in reversed(paras[:k]) if _depth(q) <= _depth(p)), None)
            after_h = prev is not None and _depth(prev) == _depth(p) and prev.marker == "h."
            kind = "a" if after_h else "i"
        kinds.append(kind)
    return kinds


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def policy_html(source: Path) -> str:
    """An HTML page of the policy in ``source``: headings, paragraphs, nested ``<ol>``, tables."""
    policy = parse_file(source)
    blocks = _blocks(policy, LAYOUT_A)
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{_esc(policy.header.title)}</title>",
        "<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;margin:0}"
        "h1,h2{font-size:11pt;margin:10pt 0 4pt}p{margin:0 0 5pt}ol,ul{margin:0 0 5pt;padding-left:24pt}"
        "li{margin:0}li>p{margin:0}table{border-collapse:collapse;margin:0 0 6pt;width:100%}"
        "td,th{border:1px solid #000;padding:2pt 4pt;text-align:left;vertical-align:top;font-weight:normal}"
        "th{font-weight:bold}</style></head><body>",
    ]
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, _Para) and b.kind in ("set", "criterion"):
            # a run of criteria sets with their criteria and notes: nested lists
            run: list[_Para] = []
            while i < len(blocks):
                nxt = blocks[i]
                if not (isinstance(nxt, _Para) and nxt.kind in ("set", "criterion", "note", "note-under-criterion")):
                    break
                run.append(nxt)
                i += 1
            out.append(_set_html(run))
            continue
        i += 1
        if isinstance(b, _Table):
            out.append("<table>")
            out.append("<tr>" + "".join(f"<th>{_esc(c)}</th>" for c in b.header) + "</tr>")
            for row in b.rows:
                cells = "".join("<td>" + "".join(f"<p>{_esc(p)}</p>" for p in c) + "</td>" for c in row)
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
        elif b.kind == "bullet":
            if out[-1].endswith("</ul>"):
                out[-1] = out[-1][: -len("</ul>")]
            else:
                out.append("<ul>")
            out[-1] += f"<li>{_esc(b.text)}</li></ul>"
        elif b.kind == "reference":
            if out[-1].endswith("</ol>") and out[-1].startswith("<ol class='refs'"):
                out[-1] = out[-1][: -len("</ol>")]
            else:
                out.append(f"<ol class='refs' start='{_value(b.marker)}'>")
            out[-1] += f"<li>{_esc(b.text)}</li></ol>"
        elif b.style == "title":
            out.append(f"<h1>{_esc(b.text)}</h1>")
        elif b.style == "bold":
            out.append(f"<h2>{_esc(b.text)}</h2>")
        else:
            out.append(f"<p>{_esc(b.text)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _set_html(run: list[_Para]) -> str:
    """Criteria sets (``A.`` …) with their criteria and notes as nested ordered lists."""
    parts: list[str] = []
    open_types: list[str] = []  # list types open below the set level
    crits = [p for p in run if p.kind == "criterion"]
    kinds = dict(zip(map(id, crits), _criteria_kinds(crits), strict=True))
    for p in run:
        if p.kind == "set":
            while open_types:
                open_types.pop()
                parts.append("</li></ol>")
            if parts:
                parts.append("</li>")
            else:
                parts.append(f"<ol type='A' start='{_value(p.marker)}'>")
            parts.append(f"<li><b>{_esc(p.text)}</b>")
        elif p.kind == "criterion":
            depth = _depth(p) + 1
            while len(open_types) > depth:
                open_types.pop()
                parts.append("</li></ol>")
            if len(open_types) == depth:
                parts.append("</li>")
            else:
                open_types.append(kinds[id(p)])
                parts.append(f"<ol type='{kinds[id(p)]}' start='{_value(p.marker)}'>")
            parts.append(f"<li>{_esc(p.text)}")
        else:  # a note, in the item it follows
            parts.append(f"<p><i>{_esc(p.text)}</i></p>")
    while open_types:
        open_types.pop()
        parts.append("</li></ol>")
    parts.append("</li></ol>")
    return "".join(parts)


def chromium_pdf(html_text: str, out: Path, *, furniture: bool = True) -> Path:
    """Print ``html_text`` to ``out`` with headless Chromium (its default header and footer unless not
    ``furniture``)."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "policy.html"
        page.write_text(html_text, encoding="utf-8")
        return _print(page, out, Path(tmp) / "profile", furniture=furniture)


def _print(page: Path, out: Path, profile: Path, *, furniture: bool = True) -> Path:
    """Print the file ``page`` to ``out`` with headless Chromium, its profile in ``profile``."""
    exe = have("chromium")
    assert exe is not None
    args = [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}", f"--print-to-pdf={out}"]
    if not furniture:
        args.append("--no-pdf-header-footer")
    subprocess.run([*args, page.as_uri()], capture_output=True, timeout=120, check=True)
    return out


def print_page(page: Path, stem: Path) -> None:
    """A fixture's print: the HTML file ``page`` printed by Chromium with its default header and footer (the
    footer shows the file's address), read by ``pdftotext`` without and with ``-layout`` into
    ``<stem>.pdftotext.txt`` and ``<stem>.pdftotext-layout.txt``."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = _print(page, Path(tmp) / "policy.pdf", Path(tmp) / "profile")
        stem.with_name(f"{stem.name}.pdftotext.txt").write_text(pdftotext(pdf), encoding="utf-8")
        stem.with_name(f"{stem.name}.pdftotext-layout.txt").write_text(pdftotext(pdf, layout=True), encoding="utf-8")


def print_folder(src: Path, out: Path) -> None:
    """Every ``*.html`` page of the folder ``src`` printed (:func:`print_page`) into ``out/<page>.chromium.*``:
    how a printed fixture folder is remade (``python tests/docgen.py tests/fixtures/<folder>``)."""
    out.mkdir(exist_ok=True)
    for page in sorted(src.glob("*.html")):
        print_page(page, out / f"{page.stem}.chromium")


def pdftotext(pdf: Path, *, layout: bool = False) -> str:
    """poppler's text of ``pdf``: its default (reading order) mode, or ``-layout``."""
    exe = have("pdftotext")
    assert exe is not None
    args = [exe, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, timeout=120, check=True).stdout.decode("utf-8")


# --- DOCX with Word's automatic numbering, converted by LibreOffice -------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FORMATS = {
    "A": "upperLetter", "1": "decimal", "a": "lowerLetter", "i": "lowerRoman", "I": "upperRoman", "•": "bullet",
}  # fmt: skip
# the punctuation of the criteria levels, by depth, as the policy text's ladder has it: 1. a. i. then 1) a) i)
# then (1) (a) (i)
_PUNCT = (".", ".", ".", ")", ")", ")", "()", "()", "()")
_LADDER_KINDS = ("1", "a", "i") * 3
# How a DOCX numbers its lists (the ways Word's users get there):
# - "multilevel": one multi-level list per criteria section (sets at level 0, criteria below);
# - "restarted": the sets of every section one list definition, each section's a new instance restarted at
#   its first letter (w:startOverride); the criteria of every set one definition, each set's a new instance
#   restarted at 1 (Word's "Restart numbering") — without the restart they would go on counting;
# - "styled": numbering carried by paragraph styles (a numbered "Policy Section" style for I. … VII., a
#   "Criteria Set" style and a "Criterion N" style per level); a later section restarts its list by a
#   w:numPr on each paragraph naming a new instance (its level still the style's), a section numeral that is
#   not the next one is set by a w:startOverride; the footer's fields are complex ones (w:fldChar).
DOCX_NUMBERING = ("multilevel", "restarted", "styled")


def _level_xml(lvl: int, kind: str, punct: str, indent: bool = True) -> str:
    if kind == "•":
        text = "•"
    elif punct == "()":
        text = f"(%{lvl + 1})"
    else:
        text = f"%{lvl + 1}{punct}"
    ppr = f'<w:pPr><w:ind w:left="{360 * (lvl + 1) + 360}" w:hanging="360"/></w:pPr>' if indent else ""
    return (
        f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{_FORMATS[kind]}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>{ppr}</w:lvl>'
    )


def _abstract_num(abstract_id: int, levels: list[tuple[str, str]]) -> str:
    """A list definition of nine levels: ``levels`` (kind, punctuation) first, the policy ladder after."""
    full = list(levels)
    while len(full) < 9:
        d = len(full)
        full.append((_LADDER_KINDS[d], _PUNCT[d]))
    body = "".join(_level_xml(lvl, kind, punct) for lvl, (kind, punct) in enumerate(full))
    return (
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>'
    )


class _Numbering:
    """Numbering definitions added to a python-docx document: list definitions and their instances."""

    def __init__(self, document: object) -> None:
        from docx.oxml import parse_xml

        self._parse = parse_xml
        self._root = document.part.numbering_part.element  # type: ignore[attr-defined]
        self._next = 100
        self._shared: dict[tuple[tuple[str, str], ...], int] = {}

    def abstract(self, levels: list[tuple[str, str]], *, shared: bool = False) -> int:
        """A list definition (``w:abstractNum``); ``shared``: one per distinct ``levels``."""
        key = tuple(levels)
        if shared and key in self._shared:
            return self._shared[key]
        self._next += 1
        n = self._next
        self._add_abstract(_abstract_num(n, levels))
        if shared:
            self._shared[key] = n
        return n

    def bullets(self, levels: str) -> int:
        """A list of its own whose levels are written out (``w:lvl`` elements: glyphs, fonts, indents as a test
        needs them), as a hybrid multilevel definition like Word's bullet button makes, and its one instance."""
        self._next += 1
        n = self._next
        self._add_abstract(
            f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{n}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
        )
        return self.instance(n)

    def _add_abstract(self, xml: str) -> None:
        abstract = self._parse(xml)
        first_num = self._root.find(f"{{{_W}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)  # abstractNum elements come before num elements
        else:
            self._root.append(abstract)

    def instance(self, abstract: int, starts: dict[int, int] | None = None) -> int:
        """A list instance (``w:num``) of ``abstract``, restarted at ``starts`` (level → value) if given."""
        self._next += 1
        n = self._next
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for lvl, v in (starts or {}).items()
        )
        self._root.append(
            self._parse(f'<w:num xmlns:w="{_W}" w:numId="{n}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>')
        )
        return n

    def new(self, levels: list[tuple[str, str]], starts: dict[int, int] | None = None) -> int:
        """A list of its own: a new definition and its one instance."""
        return self.instance(self.abstract(levels), starts)


def _numbered(paragraph: object, num: int, level: int | None) -> None:
    """Number ``paragraph`` in list ``num`` at ``level`` (None: the level its style gives)."""
    from docx.oxml import parse_xml

    ilvl = "" if level is None else f'<w:ilvl w:val="{level}"/>'
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    num_pr = parse_xml(f'<w:numPr xmlns:w="{_W}">{ilvl}<w:numId w:val="{num}"/></w:numPr>')
    style = ppr.find(f"{{{_W}}}pStyle")
    if style is not None:
        style.addnext(num_pr)  # w:numPr follows w:pStyle (the schema's order)
    else:
        ppr.insert(0, num_pr)


def _field(paragraph: object, instr: str, *, complex_field: bool = False) -> None:
    from docx.oxml import parse_xml

    p = paragraph._p  # type: ignore[attr-defined]
    if not complex_field:
        p.append(parse_xml(f'<w:fldSimple xmlns:w="{_W}" w:instr="{instr}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        return
    for run in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instr} \\* MERGEFORMAT </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        p.append(parse_xml(f'<w:r xmlns:w="{_W}">{run}</w:r>'))


_SECTION_HEAD = re.compile(r"^(I|II|III|IV|V|VI|VII)\. (.*)$")
_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII")


class _Styles:
    """The "styled" numbering: paragraph styles that carry the lists (see ``DOCX_NUMBERING``)."""

    def __init__(self, document: object, numbering: _Numbering) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import parse_xml

        styles = document.styles  # type: ignore[attr-defined]
        self.numbering = numbering
        self.section_num = numbering.new([("I", ".")])
        self.next_numeral = 0
        ladder = [(_LADDER_KINDS[d], _PUNCT[d]) for d in range(8)]
        self.criteria_abstract = numbering.abstract([("A", "."), *ladder])
        self.first_num = numbering.instance(self.criteria_abstract)
        self.used_first = False

        def add(name: str, num: int, ilvl: int, bold: bool = False) -> str:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.bold = bold
            ppr = style.element.get_or_add_pPr()
            ppr.insert(
                0,
                parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'),
            )
            return str(style.name)

        self.section_style = add("Policy Section", self.section_num, 0, bold=True)
        self.set_style = add("Criteria Set", self.first_num, 0, bold=True)
        self.criterion_styles = [add(f"Criterion {d + 1}", self.first_num, d + 1) for d in range(8)]

    def section(self, document: object, numeral: str, title: str) -> None:
        para = document.add_paragraph(title, style=self.section_style)  # type: ignore[attr-defined]
        want = _NUMERALS.index(numeral) + 1
        if want != self.next_numeral + 1:  # a section left out: Word's "Set numbering value"
            num = self.numbering.instance(self.numbering.abstract([("I", ".")]), {0: want})
            _numbered(para, num, None)
        self.next_numeral = want


def docx_file(source: Path, out: Path, numbering: str = "multilevel") -> Path:
    """A DOCX of the policy in ``source`` as Word writes one: automatic numbering for the criteria sets and
    criteria, bullets and references (``numbering``: one of ``DOCX_NUMBERING``); a running header
    (``CLINICAL POLICY`` and the drug) and a ``Page X of Y`` footer of ``PAGE`` / ``NUMPAGES`` fields."""
    import docx
    from docx.shared import Pt

    assert numbering in DOCX_NUMBERING, numbering
    policy = parse_file(source)
    blocks = _blocks(policy, LAYOUT_A)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"  # type: ignore[union-attr]
    style.font.size = Pt(10)  # type: ignore[union-attr]
    style.paragraph_format.space_after = Pt(4)  # type: ignore[union-attr]
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.add_run("CLINICAL POLICY").bold = True
    section.header.add_paragraph(policy.header.title)
    footer = section.footer.paragraphs[0]
    complex_field = numbering == "styled"
    footer.add_run("Page ")
    _field(footer, "PAGE", complex_field=complex_field)
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", complex_field=complex_field)
    lists = _Numbering(document)
    styles = _Styles(document, lists) if numbering == "styled" else None
    i = 0
    bullets = refs = None
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, _Para) and b.kind in ("set", "criterion"):
            run: list[_Para] = []
            while i < len(blocks):
                nxt = blocks[i]
                if not (isinstance(nxt, _Para) and nxt.kind in ("set", "criterion", "note", "note-under-criterion")):
                    break
                run.append(nxt)
                i += 1
            # durations between sets keep the letters going: the sets of one section share a list
            while (
                i < len(blocks)
                and isinstance(blocks[i], _Para)
                and blocks[i].kind == "text"
                and (  # type: ignore[union-attr]
                    _continues_sets(blocks, i)
                )
            ):
                run.append(blocks[i])  # type: ignore[arg-type]
                i += 1
            _docx_sets(document, lists, run, numbering, styles)
            bullets = refs = None
            continue
        i += 1
        if isinstance(b, _Table):
            table = document.add_table(rows=1, cols=len(b.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, b.header, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
            for row in b.rows:
                cells = table.add_row().cells
                for cell, paras in zip(cells, row, strict=True):
                    for k, text in enumerate(paras):
                        (cell.paragraphs[0] if k == 0 else cell.add_paragraph()).add_run(text)
            bullets = refs = None
            continue
        if b.kind == "bullet":
            if bullets is None:
                shared = numbering != "multilevel"  # one bullet definition, a new instance per list
                bullets = lists.instance(lists.abstract([("•", ".")], shared=shared))
            _numbered(document.add_paragraph(b.text), bullets, 0)
            continue
        if b.kind == "reference":
            refs = refs or lists.new([("1", ".")], {0: _value(b.marker)})
            _numbered(document.add_paragraph(b.text), refs, 0)
            continue
        bullets = refs = None
        head = _SECTION_HEAD.match(b.text) if b.style == "bold" else None
        if styles is not None and head:
            styles.section(document, head.group(1), head.group(2))
            continue
        p = document.add_paragraph()
        p.add_run(b.text).bold = b.style in ("title", "bold")
    document.save(str(out))
    return out


def _continues_sets(blocks: list[_Para | _Table], i: int) -> bool:
    """Is the plain paragraph at ``i`` (a duration, ``Approval duration:``) followed by another set?"""
    for b in blocks[i:]:
        if isinstance(b, _Table):
            return False
        if b.kind == "set":
            return True
        if b.kind != "text" or b.style != "body" or b.x == 0:
            return False
    return False


def _docx_sets(document: object, lists: _Numbering, run: list[_Para], numbering: str, styles: _Styles | None) -> None:
    crits = [p for p in run if p.kind == "criterion"]
    kinds = dict(zip(map(id, crits), _criteria_kinds(crits), strict=True))
    ladder = list(_LADDER_KINDS[:8])
    for p in crits:  # the numbering of each depth, as this section uses it
        ladder[_depth(p)] = kinds[id(p)]
    criteria_levels = [(kind, _PUNCT[d]) for d, kind in enumerate(ladder)]
    first = next(p for p in run if p.kind == "set")
    set_start = {0: _value(first.marker)}
    if numbering == "multilevel":
        num = lists.new([("A", "."), *criteria_levels], set_start)
        set_num = crit_num = num
    elif numbering == "restarted":
        set_num = lists.instance(lists.abstract([("A", ".")], shared=True), set_start)
        crit_abstract = lists.abstract(criteria_levels, shared=True)
        crit_num = 0
    else:
        assert styles is not None
        if not styles.used_first and set_start == {0: 1}:  # the styles' own list
            set_num = 0
            styles.used_first = True
        else:  # a later section: a new instance of the styles' list, restarted at its letter
            set_num = lists.instance(styles.criteria_abstract, set_start)
        crit_num = set_num
    from docx.shared import Pt

    for p in run:
        if p.kind == "set":
            if numbering == "styled":
                assert styles is not None
                para = document.add_paragraph(style=styles.set_style)  # type: ignore[attr-defined]
                para.add_run(p.text)
                if set_num:
                    _numbered(para, set_num, None)
                continue
            para = document.add_paragraph()  # type: ignore[attr-defined]
            para.add_run(p.text).bold = True
            _numbered(para, set_num, 0)
            if numbering == "restarted":  # the set's criteria: a new instance, restarted at 1
                crit_num = lists.instance(crit_abstract, {0: 1})
        elif p.kind == "criterion":
            depth = _depth(p)
            if numbering == "styled":
                assert styles is not None
                para = document.add_paragraph(p.text, style=styles.criterion_styles[depth])  # type: ignore[attr-defined]
                if crit_num:
                    _numbered(para, crit_num, None)
            elif numbering == "restarted":
                _numbered(document.add_paragraph(p.text), crit_num, depth)  # type: ignore[attr-defined]
            else:
                _numbered(document.add_paragraph(p.text), crit_num, depth + 1)  # type: ignore[attr-defined]
        else:  # notes and durations: plain paragraphs, indented like the text above them
            para = document.add_paragraph()  # type: ignore[attr-defined]
            para.add_run(p.text).italic = p.kind.startswith("note")
            para.paragraph_format.left_indent = Pt(max(p.x, _STEP) * 0.9)


def libreoffice_pdf(docx_path: Path, outdir: Path) -> Path:
    """Convert a DOCX to PDF with LibreOffice headless (``soffice --convert-to pdf``)."""
    return libreoffice_pdfs([docx_path], outdir)[0]


def libreoffice_pdfs(docx_paths: list[Path], outdir: Path, target: str = "pdf") -> list[Path]:
    """Convert DOCX files to PDF with one LibreOffice run (its start-up is most of the time); ``target``
    ``docx``: to DOCX as LibreOffice writes one (its own numbering definitions; tables that touch joined)."""
    exe = have("soffice")
    assert exe is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML" if target == "docx" else target,
                "--outdir",
                str(outdir),
                *map(str, docx_paths),
            ],
            capture_output=True,
            timeout=180 + 20 * len(docx_paths),
            check=True,
        )
    return [outdir / (p.stem + "." + target) for p in docx_paths]


# --- text as users copy it -------------------------------------------------------------------------------------

_SECTION = re.compile(r"^(?:I|II|III|IV|V|VI|VII)\. ")
_CRITERIA = re.compile(r"^(?:I|II|III)\. ")
_SET_LINE = re.compile(r"^[A-Z]\. ")


def flattened(source: Path, bullet: str = "•") -> str:
    """The policy as text copied out of a PDF viewer or a web page: the header fields on one line, each
    criteria set with all its criteria, notes and durations on one line (the section heading run on
    before the first), bullets as ``bullet``; paragraphs and tables as they were."""
    from policyvc.renderer.text import render_text

    lines = render_text(parse_file(source)).split("\n")
    out: list[str] = []
    k = 0
    header: list[str] = []
    links = ("Coding Implications", "Revision Log")
    while k < len(lines) and (lines[k].strip() or (k + 1 < len(lines) and lines[k + 1] in links)):
        if lines[k].strip():
            header.append(lines[k])
        k += 1
    while k < len(lines) and lines[k] in ("", "Coding Implications", "Revision Log"):
        if lines[k]:
            header.append(lines[k])
        k += 1
    out += [" ".join(header), ""]
    in_criteria = False
    pending_head = ""
    group: list[str] = []

    def flush() -> None:
        nonlocal pending_head
        if group:
            text = " ".join(group)
            out.extend([f"{pending_head} {text}" if pending_head else text, ""])
            group.clear()
            pending_head = ""

    for line in lines[k:]:
        if (
            _SECTION.match(line)
            or line.startswith(("Appendix ", "Coding Implications", "Important Reminder"))
            or (line.startswith("Reviews, Revisions"))
        ):
            flush()
            if pending_head:
                out.extend([pending_head, ""])
                pending_head = ""
            in_criteria = bool(_CRITERIA.match(line))
            if in_criteria:
                pending_head = line
            else:
                out.extend([line])
            continue
        if in_criteria:
            if _SET_LINE.match(line):
                flush()
            if line.strip():
                group.append(line)
            continue
        out.append(f"{bullet} {line[2:]}" if line.startswith("- ") else line)
    flush()
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    """``python tests/docgen.py FOLDER…``: remake each printed fixture folder from its ``src/*.html`` pages
    (Chromium with its default header and footer, then ``pdftotext`` without and with ``-layout``)."""
    if not argv:
        print("usage: python tests/docgen.py tests/fixtures/<folder>…  (needs chromium and poppler's pdftotext)")
        return 2
    for folder in map(Path, argv):
        print_folder(folder / "src", folder)
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
