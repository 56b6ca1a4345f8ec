"""Layout rules for what real producers (Chromium, LibreOffice) do to list items and hyphens."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser.pdf_geometry import PageContent, Word, layout_document

SIZE = 10.0
CHAR = 5.0
SPACE = 3.0
LEFT = 72.0


def _line(text: str, x0: float, top: float) -> list[Word]:
    out = []
    for w in text.split(" "):
        out.append(Word(w, x0, x0 + CHAR * len(w), top, top + SIZE, SIZE, False, False))
        x0 = out[-1].x1 + SPACE
    return out


def _text(words: list[Word]) -> list[str]:
    return [line.text for line in layout_document([PageContent(1, 612, 792, tuple(words), ())]) if line.text]


def test_a_marker_line_under_a_full_item_line_starts_the_next_item() -> None:
    # Chromium puts an <ol> marker a narrow space before its text; the item above reaches the margin
    full = " ".join(["word"] * 20)  # 100 + 20 × 20 + 19 × 3 = 557
    words = [*_line("m" * 97, LEFT, 60)]
    words += [*_line("1.", 90, 100), *_line(full, 103, 100)]
    words += [*_line("2.", 90, 112), *_line("Request is for a covered use.", 103, 112)]
    assert _text(words)[1:] == [f"1. {full}", "2. Request is for a covered use."]


def test_a_wrapped_line_hangs_under_the_text_of_a_wide_marker() -> None:
    full = " ".join(["word"] * 19)
    words = [*_line("m" * 97, LEFT, 60)]
    words += [*_line("10.", 90, 100), *_line(full, 108, 100), *_line("and more.", 108, 112)]
    assert _text(words)[1:] == [f"10. {full} and more."]


def test_line_end_hyphens_and_soft_hyphens() -> None:
    words = [*_line("m" * 97, LEFT, 60)]
    words += _line("m" * 88 + " off-", LEFT, 100)  # the line is full
    words += _line("label use; a medium- to high-dose regimen", LEFT, 112)
    assert _text(words)[1] == "m" * 88 + " off-label use; a medium- to high-dose regimen"
    words = [*_line("m" * 97, LEFT, 60)]
    words += _line("m" * 88 + " docu\u00ad", LEFT, 100)  # a soft hyphen where Word broke the word
    words += _line("mented diagnosis.", LEFT, 112)
    assert _text(words)[1] == "m" * 88 + " documented diagnosis."


@pytest.mark.slow
def test_the_looping_pdf_gives_up_within_15_seconds_naming_the_page(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    from badpdfs import mediabox_loop

    path = mediabox_loop(tmp_path / "loop.pdf")
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYVC_PDF")}
    start = time.monotonic()
    exe = Path(sys.executable).parent / "policyvc"
    result = subprocess.run([str(exe), "parse", str(path)], capture_output=True, text=True, env=env, timeout=60)
    elapsed = time.monotonic() - start
    assert result.returncode == 2
    assert f"{path}:page 1: no progress reading this page for 10 s (a PDF that loops?)" in result.stderr
    assert elapsed <= 15
    # configurable
    env["POLICYVC_PDF_PAGE_TIMEOUT"] = "2"
    start = time.monotonic()
    result = subprocess.run([str(exe), "parse", str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert "for 2 s" in result.stderr and time.monotonic() - start < 8
    assert "extracting" not in result.stderr  # the progress line is for a terminal only


def test_page_cap(tmp_path: Path) -> None:
    import os

    from conftest import FIXTURES, run_cli

    pdf = FIXTURES / "pdf" / "seed-A.pdf"
    result = run_cli("parse", str(pdf), env={**os.environ, "POLICYVC_MAX_PAGES": "5"})
    assert result.returncode == 2
    assert "the PDF has 11 pages, over the limit of 5" in result.stderr


@pytest.mark.slow
def test_a_terminal_is_told_which_file_is_being_extracted(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from conftest import FIXTURES

    pdf = FIXTURES / "pdf" / "seed-A.pdf"
    exe = Path(sys.executable).parent / "policyvc"
    main, child = pty.openpty()
    try:
        proc = subprocess.run(
            [str(exe), "parse", str(pdf)], stdout=subprocess.DEVNULL, stderr=child, timeout=120, check=False
        )
        os.close(child)
        child = -1
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if child != -1:
            os.close(child)
        os.close(main)
    assert proc.returncode == 0
    assert f"policyvc: extracting {pdf} …".encode() in shown


def test_the_next_marker_at_the_same_indent_starts_the_next_item() -> None:
    # markers inside the text block (no hanging indent): item 1 wraps, its last line reaches the margin
    head, rest = " ".join(["word"] * 20), " ".join(["word"] * 21)  # lines ending at 542 and 552 of 557
    words = [*_line("m" * 97, LEFT, 60)]
    words += _line(f"1. {head}", LEFT, 100)
    words += _line(rest, LEFT, 112)
    words += _line("2. Request is for a covered use;", LEFT, 124)
    assert _text(words)[1:] == [f"1. {head} {rest}", "2. Request is for a covered use;"]
    # a line starting with what is no successor of the item's marker is a wrapped line
    words = [*_line("m" * 97, LEFT, 60), *_line(f"1. {head}", LEFT, 100), *_line(rest, LEFT, 112)]
    words += _line("b. is no successor of 1.", LEFT, 124)
    assert _text(words)[1:] == [f"1. {head} {rest} b. is no successor of 1."]
