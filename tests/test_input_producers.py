"""Documents made by real producers parse to exactly the tree of the clean text (spans aside).

Chromium prints HTML with nested ``<ol>`` (with and without its default date/title/URL/page furniture);
LibreOffice converts a DOCX with Word's automatic multi-level numbering, a running header and a
``Page X of Y`` footer of fields; poppler's ``pdftotext`` (reading order and ``-layout``) reads those PDFs.
The producers are Debian's packages; ``make test`` installs them when missing (``tools/debian-deps``).
The PDFs are made of every fixture policy (``FAMILY``) and of three more written to be printed
(``tests/fixtures/printed``: tables of headers no rule knows, a two-page policy, long cells of several
paragraphs, a row a page break splits); ``pdftotext`` is tested on ``FAMILY``'s.

What ``pdftotext`` text keeps is less than the PDF: it drops the hyphen of a word broken at a line end
(``FDA-\napproved`` → ``FDAapproved``) in its reading-order mode, a browser's bullets are shapes it
does not see (``-layout`` keeps their indentation, which is read back), and the cells of a row split by
a page break come out as blocks in an order no text rule can put back.  So from ``pdftotext`` the
criteria — every set, every criterion, its kind, its connective, its text — are compared exactly (in
reading-order mode, with the hyphens it drops ignored), and every other part of the policy each producer
and mode keeps (``_SAME``):
LibreOffice's ``-layout`` text gives the whole tree, but for an appendix table cell of several paragraphs
in a column so narrow that a paragraph's last line cannot be told from a wrapped one.
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import FAMILY, PRINTED
from docgen import chromium_pdf, docx_file, libreoffice_pdf, policy_html

from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.nodes import Policy, Table

pytestmark = [pytest.mark.producers, pytest.mark.slow]


@pytest.fixture(scope="module")
def clean() -> dict[str, Policy]:
    return {name: parse_file(path) for name, path in PRINTED.items()}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every policy printed by each producer, made once for the module (`make test` installs them)."""
    out: dict[tuple[str, str], Path] = {}
    folder = tmp_path_factory.mktemp("producers")
    for name, path in PRINTED.items():
        page = policy_html(path)
        out[name, "chromium"] = chromium_pdf(page, folder / f"{name}-chromium.pdf")
        out[name, "chromium-bare"] = chromium_pdf(page, folder / f"{name}-bare.pdf", furniture=False)
        out[name, "libreoffice"] = libreoffice_pdf(docx_file(path, folder / f"{name}.docx"), folder)
    return out


def _restyled_docx(path: Path, out: Path) -> Path:
    """The DOCX in another font and size, its body justified, on A4 (what another author's template does)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document(str(docx_file(path, out)))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Sans", Pt(11)  # type: ignore[union-attr]
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
    document.save(str(out))
    return out


@pytest.fixture(scope="module")
def restyled(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every policy in another font and size, justified, on A4, by LibreOffice and by Chromium."""
    out: dict[tuple[str, str], Path] = {}
    folder = tmp_path_factory.mktemp("restyled")
    for name, path in PRINTED.items():
        out[name, "libreoffice"] = libreoffice_pdf(_restyled_docx(path, folder / f"{name}.docx"), folder)
        page = (
            policy_html(path)
            .replace(
                "font-family:'DejaVu Sans',sans-serif;font-size:10pt",
                "font-family:'Liberation Sans',sans-serif;font-size:11pt;text-align:justify",
            )
            .replace("<style>", "<style>@page{size:A4;margin:18mm}", 1)
        )
        assert "Liberation Sans" in page and "size:A4" in page
        out[name, "chromium"] = chromium_pdf(page, folder / f"{name}-chromium.pdf", furniture=False)
    return out


@pytest.mark.parametrize("producer", ["libreoffice", "chromium"])
@pytest.mark.parametrize("name", sorted(PRINTED))
def test_another_font_justified_on_a4(
    name: str, producer: str, restyled: dict[Any, Path], clean: dict[str, Policy]
) -> None:
    got, want = parse_file(restyled[name, producer]), clean[name]
    if producer == "chromium":  # (a justified paragraph's break at a line as wide as the others: the reminder)
        got, want = dataclasses.replace(got, reminder=()), dataclasses.replace(want, reminder=())
    assert got == want


@pytest.mark.parametrize("producer", ["chromium", "chromium-bare"], ids=["print-furniture", "no-header-footer"])
@pytest.mark.parametrize("name", sorted(PRINTED))
def test_chromium_print_to_pdf(name: str, producer: str, pdfs: dict[Any, Path], clean: dict[str, Policy]) -> None:
    assert parse_file(pdfs[name, producer]) == clean[name]


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_libreoffice_from_docx_with_automatic_numbering(
    name: str, pdfs: dict[Any, Path], clean: dict[str, Policy]
) -> None:
    assert parse_file(pdfs[name, "libreoffice"]) == clean[name]


def test_the_docx_numbers_its_lists_automatically(tmp_path: Path) -> None:
    import zipfile

    path = docx_file(FAMILY["seed"], tmp_path / "seed.docx")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        numbering = z.read("word/numbering.xml").decode()
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert "Diagnosis of AML;" in body and "1. Diagnosis of AML" not in body  # no typed markers
    assert body.count("<w:numPr>") > 50
    assert 'w:val="lowerLetter"' in numbering and 'w:val="upperLetter"' in numbering
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def _criteria(policy: Policy, hyphens: bool) -> list[tuple[object, ...]]:
    """Every set and criterion: id, kind, connective, text (without hyphens unless ``hyphens``)."""
    out: list[tuple[object, ...]] = []

    def text(t: str) -> str:
        return t if hyphens else t.replace("-", "")

    def walk(items: tuple[Any, ...]) -> None:
        for c in items:
            out.append((c.id, c.type, c.connective, c.at_least, c.marker, text(c.text), c.notes))
            walk(c.children)

    for section in policy.sections:
        out.append((section.id, section.title))
        for s in section.sets:
            out.append((s.id, text(s.title), s.rule, s.off_label, s.durations))
            walk(s.criteria)
    return out


def _multi_paragraph_cells(policy: Policy) -> bool:
    """Whether an appendix table has a cell of several paragraphs (``-layout`` cannot tell them from wraps)."""
    return any(
        len(cell) > 1
        for appendix in policy.appendices
        for block in appendix.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row.cells
    )


_FIELDS = tuple(f.name for f in dataclasses.fields(Policy) if f.compare)
# The parts of the policy each producer and mode gives back exactly (beyond the criteria, compared above);
# the rest: see the module docstring and ``_FIELDS`` minus these.
_SAME: dict[tuple[str, str], tuple[str, ...]] = {
    ("libreoffice", "layout"): _FIELDS,
    # (not availability: filgrastim's one long product paragraph wraps where a label starts a line in
    # some runs and not others)
    ("chromium", "layout"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "sections",
        "appendices_intro", "appendices", "dosing", "dosing_blocks", "references", "coding_intro", "hcpcs",
        "revision_log", "indications_after",
    ),
    ("libreoffice", "reading-order"): (
        "header", "description", "indications_intro", "criteria_intro", "appendices_intro", "availability",
        "references", "coding_intro", "hcpcs", "revision_log", "reminder", "indications_after",
    ),
    ("chromium", "reading-order"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "appendices_intro",
        "availability", "references", "coding_intro", "hcpcs", "revision_log", "reminder", "indications_after",
    ),
    ("A", "layout"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "sections",
        "appendices_intro", "appendices", "dosing", "dosing_blocks", "availability", "references", "coding_intro",
        "hcpcs", "revision_log", "indications_after",
    ),
    ("B", "layout"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "sections",
        "appendices_intro", "dosing", "dosing_blocks", "references", "coding_intro", "hcpcs", "revision_log",
        "indications_after",
    ),
    ("C", "layout"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "sections",
        "appendices_intro", "appendices", "dosing", "dosing_blocks", "availability", "references", "coding_intro",
        "hcpcs", "revision_log", "indications_after",
    ),
    ("A", "reading-order"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "sections",
        "appendices_intro", "availability", "references", "coding_intro", "hcpcs", "revision_log",
        "indications_after",
    ),
    ("B", "reading-order"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "sections",
        "appendices_intro", "availability", "references", "coding_intro", "hcpcs", "revision_log",
        "indications_after",
    ),
    ("C", "reading-order"): (
        "header", "description", "indications_intro", "indications", "criteria_intro", "appendices_intro",
        "availability", "references", "coding_intro", "hcpcs", "revision_log", "reminder", "indications_after",
    ),
}  # fmt: skip


def _parts(policy: Policy, producer: str, mode: str, clean: Policy) -> dict[str, object]:
    narrow = producer == "libreoffice" and _multi_paragraph_cells(clean)  # (see the module docstring)
    fields = [f for f in _SAME[producer, mode] if not (f == "appendices" and narrow)]
    return {f: getattr(policy, f) for f in fields}


@pytest.mark.parametrize("mode", ["reading-order", "layout"])
@pytest.mark.parametrize("producer", ["libreoffice", "chromium"])
@pytest.mark.parametrize("name", sorted(FAMILY))
def test_pdftotext_of_producer_pdfs(
    name: str, producer: str, mode: str, pdfs: dict[Any, Path], clean: dict[str, Policy]
) -> None:
    args = ["pdftotext", *(["-layout"] if mode == "layout" else []), str(pdfs[name, producer]), "-"]
    text = subprocess.run(args, capture_output=True, check=True, timeout=120).stdout.decode("utf-8")
    assert "\f" in text and ("Page 2 of" in text or producer == "chromium")
    report = parse_text_report(text)  # strict: no region skipped
    got, want = report.policy, clean[name]
    assert any("pdftotext" in d.message for d in report.diagnostics)
    assert got.header == want.header
    assert _criteria(got, hyphens=mode == "layout") == _criteria(want, hyphens=mode == "layout")
    assert _parts(got, producer, mode, want) == _parts(want, producer, mode, want)
    if (producer, mode) == ("libreoffice", "layout") and not _multi_paragraph_cells(want):
        assert got == want  # the whole tree


@pytest.mark.parametrize("layout", ["A", "B", "C"])
@pytest.mark.parametrize("name", sorted(FAMILY))
def test_pdftotext_layout_of_reportlab_pdfs(name: str, layout: str, tmp_path: Path, clean: dict[str, Policy]) -> None:
    from pdfgen import LAYOUTS, make_pdf

    pdf = tmp_path / f"{name}-{layout}.pdf"
    make_pdf(FAMILY[name], pdf, LAYOUTS[layout])
    args = ["pdftotext", "-layout", str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, check=True, timeout=120).stdout.decode("utf-8")
    got, want = parse_text_report(text).policy, clean[name]
    assert (got.header, got.description, got.criteria_intro) == (want.header, want.description, want.criteria_intro)
    assert _criteria(got, hyphens=True) == _criteria(want, hyphens=True)
    assert _parts(got, layout, "layout", want) == _parts(want, layout, "layout", want)


@pytest.mark.parametrize("layout", ["A", "B", "C"])
@pytest.mark.parametrize("name", sorted(FAMILY))
def test_pdftotext_reading_order_of_reportlab_pdfs(
    name: str, layout: str, tmp_path: Path, clean: dict[str, Policy]
) -> None:
    """Reading order puts hanging markers in a column of their own (``1.`` ``2.`` … then the items)."""
    from pdfgen import LAYOUTS, make_pdf

    pdf = tmp_path / f"{name}-{layout}.pdf"
    make_pdf(FAMILY[name], pdf, LAYOUTS[layout])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=120).stdout.decode()
    got, want = parse_text_report(text).policy, clean[name]
    assert got.header == want.header
    assert _criteria(got, hyphens=False) == _criteria(want, hyphens=False)
    assert _parts(got, layout, "reading-order", want) == _parts(want, layout, "reading-order", want)


@pytest.mark.parametrize("mode", ["reading-order", "layout"])
@pytest.mark.parametrize("producer", ["libreoffice", "chromium"])
@pytest.mark.parametrize("name", sorted(FAMILY))
def test_pdftotext_without_page_breaks(name: str, producer: str, mode: str, pdfs: dict[Any, Path]) -> None:
    """``-nopgbrk`` text (no form feeds) is read as the same wrapped text: pages are told by their
    ``Page N of M`` lines or the browser's footers."""
    args = ["pdftotext", *(["-layout"] if mode == "layout" else []), str(pdfs[name, producer]), "-"]
    with_breaks = subprocess.run(args, capture_output=True, check=True, timeout=120).stdout.decode("utf-8")
    without = subprocess.run([*args[:-2], "-nopgbrk", *args[-2:]], capture_output=True, check=True, timeout=120)
    assert "\f" not in without.stdout.decode("utf-8")
    assert parse_text_report(without.stdout.decode("utf-8")).policy == parse_text_report(with_breaks).policy
