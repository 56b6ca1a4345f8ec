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
import shutil
import subprocess
import tempfile
from pathlib import Path

from pdfgen import LAYOUT_A, _blocks, _Para, _Table

from policyvc.parser import parse_file

__all__ = ["chromium_pdf", "have", "pdftotext", "policy_html"]

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
    if set(label) <= set("ivxl") and len(label) > 1 or label in ("i", "v", "x"):
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
            if prev is not None and _depth(prev) == _depth(p) and prev.marker == "h.":
                kind = "a"
            else:
                kind = "i"
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
    exe = have("chromium")
    assert exe is not None
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "policy.html"
        page.write_text(html_text, encoding="utf-8")
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={out}"]  # fmt: skip
        if not furniture:
            args.append("--no-pdf-header-footer")
        subprocess.run([*args, page.as_uri()], capture_output=True, timeout=120, check=True)
    return out


def pdftotext(pdf: Path, *, layout: bool = False) -> str:
    """poppler's text of ``pdf``: its default (reading order) mode, or ``-layout``."""
    exe = have("pdftotext")
    assert exe is not None
    args = [exe, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, timeout=120, check=True).stdout.decode("utf-8")
