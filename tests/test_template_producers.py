"""Medical and other payers' policies printed by real producers read to the structure of their text.

Each fixture is set as an HTML page (headings, paragraphs, criteria as indented paragraphs with their
markers as a web page writes them, tables), printed by Chromium (with its default date/title/URL/page
furniture) and converted by LibreOffice; the PDFs are read by the PDF layer and by poppler's
``pdftotext`` (reading order).  What is compared is the structure the text states: the template, the
identifier, every heading, every criteria group and criterion (its id, its connective) — the wording of
criteria too, less spacing and the hyphens a line end may add or drop.  From ``pdftotext``, whose
reading order gives each table cell as a paragraph of its own (a header cell reads as a heading), the
criteria and the headings their ids name.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from docgen import chromium_pdf, libreoffice_pdf, need, pdftotext

from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.markers import read_marker
from policyvc.parser.nodes import Policy
from policyvc.parser.walk import NodeKind, walk

pytestmark = [pytest.mark.producers, pytest.mark.slow]

DOCUMENTS = [
    FIXTURES / "medical" / "egfr-testing.txt",
    FIXTURES / "payers" / "uhc-bariatric-surgery.txt",
    FIXTURES / "payers" / "anthem-bone-growth-stimulators.txt",
    FIXTURES / "payers" / "cms-lcd-wound-care.txt",
]


def _page(path: Path, policy: Policy) -> str:
    """The fixture as a web page: its lines in order, headings as headings, list items indented by depth."""
    depth = {v.node.text: v.depth for v in walk(policy) if v.kind is NodeKind.CRITERION}  # type: ignore[attr-defined]
    headings = {v.node.title for v in walk(policy) if v.kind is NodeKind.HEADING}  # type: ignore[attr-defined]
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Policy</title><style>",
           "body{font-family:'DejaVu Sans',sans-serif;font-size:10pt}p{margin:0 0 5pt}",
           "td,th{border:1px solid #000;padding:2pt}table{border-collapse:collapse}</style></head><body>"]  # fmt: skip
    para: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if para:
            out.append(f"<p>{html.escape(' '.join(para))}</p>")
            para.clear()
        if table:
            out.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table
            ) + "</table>")  # fmt: skip
            table.clear()

    for line in path.read_text(encoding="utf-8").split("\n"):
        text = line.strip()
        if "\t" in line:
            if para:
                flush()
            table.append(line.split("\t"))
            continue
        if not text:
            flush()
            continue
        found = read_marker(text)
        key = found[1] if found else text[2:] if text.startswith("o ") else ""  # (``o``: a Word sub-bullet typed)
        if text.removesuffix(":") in headings or (found and key in headings):
            flush()
            out.append(f"<h2>{html.escape(text)}</h2>")
        elif key and key in depth:
            flush()
            indent = 18 * max(depth[key] - 2, 0)
            out.append(f"<p style='margin-left:{indent}pt'>{html.escape(text)}</p>")
        else:
            if table or (para and len(para[-1]) < 90):  # (a short line above: not a wrapped paragraph's)
                flush()
            para.append(text)
    flush()
    out.append("</body></html>")
    return "\n".join(out)


def _structure(policy: Policy, *, headings: bool = True) -> list[tuple[str, str, str]]:
    """What the text states: headings, groups and criteria by id, with connectives and wording
    (``headings``: every heading too, not only those the criteria's ids name)."""
    rows = [("template", policy.template, ""), ("reference", policy.reference_number, "")]
    for v in walk(policy):
        node = v.node
        if v.kind is NodeKind.HEADING and headings:
            rows.append((v.id, "heading", ""))
        elif v.kind in (NodeKind.SET, NodeKind.CRITERION):
            connective = getattr(node, "connective", None) or getattr(getattr(node, "rule", None), "connective", "")
            text = getattr(node, "text", "") or getattr(node, "title", "")
            rows.append((v.id, str(connective or ""), _words(text)))
    return rows


def _words(text: str) -> str:
    return re.sub(r"[\s-]+", "", text).lower()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    need("chromium", "soffice", "pdftotext")
    folder = tmp_path_factory.mktemp("printed")
    out: dict[tuple[str, str], Path] = {}
    for path in DOCUMENTS:
        page = _page(path, parse_file(path))
        out[path.stem, "chromium"] = chromium_pdf(page, folder / f"{path.stem}-chromium.pdf")
        source = folder / f"{path.stem}.html"
        source.write_text(page, encoding="utf-8")
        out[path.stem, "libreoffice"] = libreoffice_pdf(source, folder)
    return out


@pytest.mark.parametrize("producer", ["chromium", "libreoffice"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_printed_policies_read_to_the_structure_of_their_text(
    printed: dict[tuple[str, str], Path], path: Path, producer: str
) -> None:
    clean = parse_file(path)
    pdf = printed[path.stem, producer]
    # a table of a header no rule knows comes out cell by cell (a header cell reads as a heading): the
    # criteria are compared, with the headings their ids name
    assert _structure(parse_file(pdf), headings=False) == _structure(clean, headings=False)
    text = parse_text_report(pdftotext(pdf), "x.txt").policy
    assert _structure(text, headings=False) == _structure(clean, headings=False)
