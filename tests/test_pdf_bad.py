"""Bad and hostile PDFs: one clear line each, exit 2, no traceback, in time, and the caller survives."""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from badpdfs import BUILDERS, _text_pdf, bomb_stream, flate_bomb, mediabox_loop
from conftest import POLICIES, ROOT
from policypdf import policy_pdf

from policyvc.parser import PolicyError, parse_file, parse_text
from policyvc.parser.pdf_guard import Limits, extract_pdf, require_policy_header

pytestmark = pytest.mark.slow

TIMEOUT = 3  # seconds for the loop: short, but it must really be cut off by it
EXPECTED = {
    "encrypted": "the PDF is encrypted with a password; give an unencrypted copy",
    "truncated": "corrupt or truncated PDF: ",
    "zero-pages": "the PDF has no pages",
    "empty": "the file is empty: expected a PDF",
    "image-only": "no text layer: this PDF is scanned images (1 image(s) on 1 page(s)); run OCR first",
    "blank-page": "no text layer: its 1 page(s) hold neither text nor images (blank pages?)",
    "not-a-pdf": "not a PDF (it starts with `<!DOCTYPE html>\\n`, a PDF starts with `%PDF-`)",
    "unrelated": (
        "this PDF has text but is not a clinical policy: no `Clinical Policy:` title or `Reference Number:` found "
        "on page 1"
    ),
    "mediabox-loop": f"took longer than {TIMEOUT} s (a PDF that loops?); gave up",
    "flate-bomb": "exceeded the memory cap of 256 MB (a decompression bomb?)",
    "deep-forms": "corrupt PDF: its objects are nested too deeply or in a loop (RecursionError)",
}


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "policyvc"
    # a generous timeout unless a test wants the loop cut short: a loaded machine must not turn errors into timeouts
    environ = {**os.environ, "POLICYVC_PDF_TIMEOUT": "30", "POLICYVC_PDF_MEMORY_MB": "256", **env}
    # the subprocess timeout is the proof that nothing hangs: well above TIMEOUT, far below "for ever"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT, env=environ, timeout=60)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_each_bad_pdf_is_one_clear_line_through_the_cli(kind: str, tmp_path: Path) -> None:
    path = BUILDERS[kind](tmp_path / f"{kind}.pdf")
    result = _cli("parse", str(path), POLICYVC_PDF_TIMEOUT=str(TIMEOUT if kind == "mediabox-loop" else 30))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    where = ":page 1" if kind in ("flate-bomb", "deep-forms") else ""  # both go off while page 1 is read
    assert lines[0].startswith(f"error: {path}{where}: {EXPECTED[kind]}"), lines[0]


def test_the_hang_is_real_without_the_guard(tmp_path: Path) -> None:
    # the fixture must genuinely hang pdfminer: plain pdfplumber, once imported, is still busy 2 s later
    path = mediabox_loop(tmp_path / "loop.pdf")
    assert path.stat().st_size < 500
    code = (
        "import pdfplumber\nprint('ready', flush=True)\n"
        f"with pdfplumber.open({str(path)!r}) as pdf:\n    [p.extract_text() for p in pdf.pages]"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=2)
    finally:
        proc.kill()
        proc.wait()


def test_the_bomb_stream_is_valid_deflate_of_zeros() -> None:
    # the same construction at 4 MB inflates exactly, checksum included; the fixture is 1024x that
    data = zlib.decompress(bomb_stream(4))
    assert len(data) == 4 << 20 and not data.strip(b"\0")
    assert len(bomb_stream(4096)) < 5 << 20  # ~4 MB on disk for 4 GB inflated


def test_the_caller_survives_a_hang_and_a_bomb_in_process(tmp_path: Path) -> None:
    pid = os.getpid()
    with pytest.raises(PolicyError) as hang:
        extract_pdf(mediabox_loop(tmp_path / "loop.pdf"), timeout=2)
    assert hang.value.message == "took longer than 2 s (a PDF that loops?); gave up"
    with pytest.raises(PolicyError) as bomb:
        extract_pdf(flate_bomb(tmp_path / "bomb.pdf"), memory_mb=256, timeout=30)
    assert bomb.value.message == "exceeded the memory cap of 256 MB (a decompression bomb?)"
    assert bomb.value.page == 1 and bomb.value.source == str(tmp_path / "bomb.pdf")
    # still here, no worker left behind, and the bomb's gigabytes never reached this process
    assert os.getpid() == pid
    assert multiprocessing.active_children() == []
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_000_000  # KB on Linux
    # and the next, good PDF still extracts
    pdf = policy_pdf(POLICIES["somatrogon"].read_text(encoding="utf-8"), tmp_path / "good.pdf")
    assert extract_pdf(pdf).pages >= 1


def test_a_policy_pdf_parses_like_its_text(tmp_path: Path) -> None:
    text = POLICIES["seed"].read_text(encoding="utf-8")
    pdf = policy_pdf(text, tmp_path / "seed.pdf")
    assert parse_file(pdf) == parse_text(text)
    from_pdf = _cli("parse", str(pdf))
    from_text = _cli("parse", str(POLICIES["seed"]))
    assert from_pdf.returncode == 0, from_pdf.stderr
    assert from_pdf.stdout == from_text.stdout


def test_a_pdf_with_only_an_owner_password_opens_like_any_viewer_opens_it(tmp_path: Path) -> None:
    # "protected" payer PDFs often restrict printing or copying but need no password to read: accept them
    from reportlab.lib.pdfencrypt import StandardEncryption

    lock = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    pdf = _text_pdf(tmp_path / "protected.pdf", ["Clinical Policy: Somatrogon", "Reference Number: CP.PHAR.571"], lock)
    assert b"/Encrypt" in pdf.read_bytes()
    extraction = extract_pdf(pdf)
    assert "Reference Number: CP.PHAR.571" in extraction.text
    require_policy_header(extraction, str(pdf))  # and it is taken for a policy


def test_a_pdf_named_otherwise_is_still_sandboxed(tmp_path: Path) -> None:
    path = mediabox_loop(tmp_path / "policy.txt")  # %PDF content under a text name
    result = _cli("parse", str(path), POLICYVC_PDF_TIMEOUT="2")
    assert result.returncode == 2
    assert result.stderr == f"error: {path}: took longer than 2 s (a PDF that loops?); gave up\n"


@pytest.mark.parametrize(
    ("env", "value", "message"),
    [
        ("POLICYVC_PDF_TIMEOUT", "soon", "error: $POLICYVC_PDF_TIMEOUT: expected seconds > 0, got 'soon'\n"),
        ("POLICYVC_PDF_TIMEOUT", "-1", "error: $POLICYVC_PDF_TIMEOUT: expected seconds > 0, got '-1'\n"),
        ("POLICYVC_PDF_MEMORY_MB", "1.5", "error: $POLICYVC_PDF_MEMORY_MB: expected a whole number of megabytes >= 16"),
    ],
)
def test_bad_limits_in_the_environment_are_input_errors(env: str, value: str, message: str, tmp_path: Path) -> None:
    result = _cli("parse", str(BUILDERS["unrelated"](tmp_path / "u.pdf")), **{env: value})
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr


def test_limits_resolve_from_arguments_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYVC_PDF_TIMEOUT", "7.5")
    monkeypatch.delenv("POLICYVC_PDF_MEMORY_MB", raising=False)
    monkeypatch.delenv("POLICYVC_PDF_PAGE_TIMEOUT", raising=False)  # (the suite's own longer one: conftest)
    assert Limits.resolve() == Limits(7.5, 1024)
    assert Limits.resolve(timeout=2, memory_mb=64) == Limits(2.0, 64)
    with pytest.raises(ValueError):
        Limits.resolve(timeout=0)


def test_pdfminer_warnings_do_not_reach_the_user(tmp_path: Path) -> None:
    # a form XObject that draws itself: pdfminer refuses the loop and *logs* a warning to stderr
    from badpdfs import _CATALOG, raw_pdf

    text = b"BT /F1 12 Tf 72 700 Td (Clinical Policy: X) Tj ET /Fm Do"
    loop = b"<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /Fm 4 0 R >> >> /Length 6 >>"
    path = tmp_path / "form-loop.pdf"
    path.write_bytes(
        raw_pdf(
            [
                _CATALOG,
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
                b" /Resources << /XObject << /Fm 4 0 R >> /Font << /F1 6 0 R >> >> >>",
                loop + b"\nstream\n/Fm Do\nendstream",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ]
        )
    )
    assert extract_pdf(path).text.startswith("Clinical Policy: X")
    result = _cli("parse", str(path))  # through the CLI: pytest's log capture would hide the warning here
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {path}:"), result.stderr  # the parse error, first
    assert "unexpected end of file" in result.stderr.splitlines()[0]
    assert "circular" not in result.stderr


@pytest.mark.parametrize(
    "answer", [b"", b"[]", b'{"text": 1}', b'{"error": [1]}', b'{"text": "x", "origins": [[1]], "pages": 1}']
)
def test_a_malformed_answer_from_the_worker_is_a_clear_error(answer: bytes) -> None:
    from policyvc.parser.pdf_guard import _decode

    with pytest.raises(PolicyError, match="the PDF reader sent back a malformed answer"):
        _decode(answer, "x.pdf")
