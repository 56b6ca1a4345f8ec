"""PDF limits agree (issue 20, item 3): a well-formed policy under the page cap is read.

The whole-file timeout is ``$POLICYVC_PDF_TIMEOUT`` seconds per 100 pages (at least that much for a short file),
so a 499-page policy has five times the budget of a short one, while a page that makes no progress is still
stopped by the per-page watchdog (``tests/test_pdf_bad.py``).  The PDF is typeset at test time with reportlab
(``tests/pdfgen.py``, a page with a short text area so that pages are cheap) from a fixture policy whose
reference list runs over hundreds of pages.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import POLICIES, run_cli

PAGES = 499


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import pdfplumber
    from pdfgen import LAYOUT_A, make_pdf

    folder = tmp_path_factory.mktemp("long")
    lines = POLICIES["filgrastim"].read_text(encoding="utf-8").split("\n")
    last = max(i for i, line in enumerate(lines) if line[:3] == "5. ")  # the last reference
    layout = dataclasses.replace(LAYOUT_A, name="long", margins=(72, 72, 300, 300), logo=False)
    refs = 12_000
    for _ in range(4):  # a few steps to land exactly on PAGES pages
        extra = [f"{n}. Reference {n}." for n in range(6, 6 + refs)]
        text = folder / "long.txt"
        text.write_text("\n".join([*lines[: last + 1], *extra, *lines[last + 1 :]]), encoding="utf-8")
        pdf = folder / "long.pdf"
        make_pdf(text, pdf, layout)
        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)
        if pages == PAGES:
            return pdf
        refs += round((PAGES - pages) * refs / pages) or (1 if pages < PAGES else -1)
    raise AssertionError(f"could not typeset {PAGES} pages (got {pages})")


@pytest.mark.slow
def test_a_policy_under_the_page_cap_is_read(long_pdf: Path) -> None:
    # the default limits: 60 s per 100 pages, so the whole file gets about 300 s (before issue 20 it got 60 s
    # whatever its length); a page that makes no progress is still stopped by the page watchdog
    exe = Path(sys.executable).parent / "policyvc"
    result = subprocess.run([str(exe), "parse", str(long_pdf)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "\nreminder.p1\tparagraph\t" in result.stdout  # the last page was read
    assert "\nVII.6\treference\tReference 6." in result.stdout


@pytest.mark.slow
def test_the_page_cap_still_holds(long_pdf: Path) -> None:
    result = run_cli("parse", str(long_pdf), env={"POLICYVC_MAX_PAGES": str(PAGES - 1)})
    assert result.returncode == 2
    assert f"the PDF has {PAGES} pages, over the limit of {PAGES - 1}" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_pdf_error_messages_show_control_bytes_escaped() -> None:
    """pdfminer quotes the file's bytes in its messages; the worker's answer is escaped on both sides."""
    from policyvc.parser.errors import PolicyError
    from policyvc.parser.pdf_guard import _decode, _detail

    assert _detail(ValueError("bad token \x1b[2J\x07 here\nsecond line")) == "bad token \\x1b[2J\\x07 here"
    answer = b'{"error": ["corrupt", "corrupt PDF: \\u001b[31mred\\u0007", 3]}'
    with pytest.raises(PolicyError) as caught:
        _decode(answer, "x.pdf")
    assert "\x1b" not in str(caught.value) and "\x07" not in str(caught.value)
    assert "\\u001b[31mred\\u0007" in str(caught.value)
