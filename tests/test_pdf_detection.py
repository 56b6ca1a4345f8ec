"""One rule for "is this a PDF?": a BOM (or other junk) before ``%PDF-`` is read the same by parse, ingest and build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from policyvc.parser.files import is_pdf, is_pdf_file

pytestmark = pytest.mark.slow

SEED_PDF = FIXTURES / "pdf" / "seed-A.pdf"


def test_is_pdf() -> None:
    assert is_pdf(b"%PDF-1.7\n")
    assert is_pdf(b"\xef\xbb\xbf%PDF-1.4\n")
    assert is_pdf(b"junk line\r\n%PDF-1.4\n")
    assert not is_pdf(b"Clinical Policy: Sargramostim\n")
    assert not is_pdf(b"x" * 1024 + b"%PDF-1.4")  # past the first KB: not a header


def test_a_bom_before_the_header_is_read_as_a_pdf_by_parse_ingest_and_build(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + SEED_PDF.read_bytes()
    odd = tmp_path / "leukine.bin"  # no .pdf suffix: only the content says PDF
    odd.write_bytes(data)
    assert is_pdf_file(odd)

    parsed = run_cli("parse", str(odd))
    assert parsed.returncode == 0, parsed.stderr
    assert parsed.stdout.startswith("header.title\ttitle\tSargramostim (Leukine)\n")

    store = tmp_path / "store"
    ingested = run_cli("ingest", str(odd), "--store", str(store))
    assert ingested.returncode == 0, ingested.stderr
    folder = store / "CP.PHAR.295" / "2026-03-26"
    assert (folder / "policy.pdf").read_bytes() == data

    built = run_cli("build", "--store", str(store), "--no-cache")
    assert built.returncode == 0, built.stderr
    assert "CP.PHAR.295" in built.stdout
