"""Documents made by real producers parse to exactly the tree of the clean text (spans aside).

Chromium prints HTML with nested ``<ol>`` (with and without its default date/title/URL/page furniture);
LibreOffice converts a DOCX with Word's automatic multi-level numbering, a running header and a
``Page X of Y`` footer of fields; poppler's ``pdftotext`` (reading order and ``-layout``) reads those PDFs.
A test skips only when its producer's binary is missing (``.ci/run`` installs them all).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import POLICIES
from docgen import chromium_pdf, docx_file, have, libreoffice_pdf, policy_html

from policyvc.parser import parse_file

needs_chromium = pytest.mark.skipif(have("chromium") is None, reason="chromium is not installed")
needs_soffice = pytest.mark.skipif(have("soffice") is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def clean() -> dict[str, object]:
    return {name: parse_file(path) for name, path in POLICIES.items()}


@needs_chromium
@pytest.mark.parametrize("furniture", [True, False], ids=["print-furniture", "no-header-footer"])
@pytest.mark.parametrize("name", sorted(POLICIES))
def test_chromium_print_to_pdf(name: str, furniture: bool, tmp_path: Path, clean: dict[str, object]) -> None:
    pdf = chromium_pdf(policy_html(POLICIES[name]), tmp_path / f"{name}.pdf", furniture=furniture)
    assert parse_file(pdf) == clean[name]


@needs_soffice
@pytest.mark.parametrize("name", sorted(POLICIES))
def test_libreoffice_from_docx_with_automatic_numbering(name: str, tmp_path: Path, clean: dict[str, object]) -> None:
    pdf = libreoffice_pdf(docx_file(POLICIES[name], tmp_path / f"{name}.docx"), tmp_path)
    assert parse_file(pdf) == clean[name]


def test_the_docx_numbers_its_lists_automatically(tmp_path: Path) -> None:
    import zipfile

    path = docx_file(POLICIES["seed"], tmp_path / "seed.docx")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        numbering = z.read("word/numbering.xml").decode()
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert "Diagnosis of AML;" in body and "1. Diagnosis of AML" not in body  # no typed markers
    assert body.count("<w:numPr>") > 50
    assert 'w:val="lowerLetter"' in numbering and 'w:val="upperLetter"' in numbering
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
