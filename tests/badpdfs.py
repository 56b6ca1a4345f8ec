"""Bad PDFs built at test time: hand-written PDF objects (with correct xref offsets) and reportlab.

Each builder writes one file and returns its path.  The hostile ones are tiny on
disk: the self-referencing ``/MediaBox`` is 447 bytes and hangs pdfminer for
ever; the flate bomb is a few MB that inflate to several GB.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def raw_pdf(objects: list[bytes], *, root: int = 1, header: bytes = b"%PDF-1.4\n") -> bytes:
    """A PDF from numbered object bodies (object i+1 = ``objects[i]``) with an exact xref table."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def mediabox_loop(path: Path) -> Path:
    """Object 4 is a reference to itself and is the page's /MediaBox: pdfminer's resolve1 spins for ever."""
    data = raw_pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Resources << >> /Contents 5 0 R >>",
            b"4 0 R",
            b"<< /Length 0 >>\nstream\n\nendstream",
        ]
    )
    path.write_bytes(data)
    return path


def bomb_stream(megabytes: int) -> bytes:
    """A zlib stream of ~1 KB per MB that inflates to ``megabytes`` MB of zeros.

    After a full flush deflate restarts from an empty window, so every 1 MB of
    zeros compresses to the same bytes: repeat them and close the stream with a
    final empty block and the Adler-32 of the zeros (computed, not deflated).
    """
    chunk = 1 << 20
    comp = zlib.compressobj(9)
    first = comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH)
    assert comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH) == again  # stateless after a full flush
    total = megabytes * chunk
    adler = ((total % 65521) << 16) | 1  # Adler-32 of `total` zero bytes: A = 1, B = total·1
    return first + again * (megabytes - 1) + b"\x03\x00" + adler.to_bytes(4, "big")  # 03 00: empty final block


def flate_bomb(path: Path, gigabytes: int = 4) -> Path:
    """A page whose content stream is ~4 MB of deflate that inflates to ``gigabytes`` GB of zeros."""
    body = bomb_stream(gigabytes * 1024)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    data = raw_pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents 4 0 R >>",
            stream,
        ]
    )
    path.write_bytes(data)
    return path


def deep_forms(path: Path, depth: int = 1000) -> Path:
    """A page that draws a form XObject that draws another … ``depth`` deep: RecursionError inside pdfminer."""
    text = b"BT /F1 12 Tf 72 700 Td (Clinical Policy: X) Tj ET /Fm Do"
    objects = [
        _CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /XObject << /Fm 6 0 R >> /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i in range(depth):
        last = i == depth - 1
        body = b"" if last else b"/Fm Do"
        res = b"" if last else b"/Resources << /XObject << /Fm %d 0 R >> >>" % (len(objects) + 2)
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] %s /Length %d >>\nstream\n%s\nendstream"
            % (res, len(body), body)
        )
    path.write_bytes(raw_pdf(objects))
    return path


def zero_pages(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty."""
    path.write_bytes(raw_pdf([_CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    return path


def blank_page(path: Path) -> Path:
    """One page with nothing on it."""
    c = canvas.Canvas(str(path), pagesize=letter)
    c.showPage()
    c.save()
    return path


def not_a_pdf(path: Path) -> Path:
    """An HTML error page saved under a .pdf name (what a failed download looks like)."""
    path.write_text("<!DOCTYPE html>\n<html><body>403 Forbidden</body></html>\n", encoding="utf-8")
    return path


def empty(path: Path) -> Path:
    """Zero bytes under a .pdf name."""
    path.write_bytes(b"")
    return path


def _text_pdf(path: Path, lines: list[str], encrypt: object = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=letter, encrypt=encrypt)
    y = 720.0
    for line in lines:
        c.drawString(72, y, line)
        y -= 14
    c.showPage()
    c.save()
    return path


def unrelated(path: Path) -> Path:
    """A PDF with a text layer that is not a clinical policy."""
    return _text_pdf(path, ["Quarterly Newsletter", "Spring 2026", "Welcome to our members and providers."])


def encrypted(path: Path) -> Path:
    """A clinical policy encrypted with a user password (reportlab's standard encryption)."""
    return _text_pdf(path, ["Clinical Policy: Sargramostim (Leukine)", "Reference Number: CP.PHAR.295"], "s3cret")


def truncated(path: Path) -> Path:
    """A policy PDF cut off half way (an interrupted download): no xref, no trailer."""
    _text_pdf(path, ["Clinical Policy: Sargramostim (Leukine)", "Reference Number: CP.PHAR.295"])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def image_only(path: Path) -> Path:
    """A 'scan': one page holding a grey image and no text at all."""
    c = canvas.Canvas(str(path), pagesize=letter)
    img = Image.new("L", (200, 260), color=200)
    c.drawImage(ImageReader(img), 72, 300, width=468, height=420)
    c.showPage()
    c.save()
    return path


BUILDERS = {
    "encrypted": encrypted,
    "truncated": truncated,
    "zero-pages": zero_pages,
    "image-only": image_only,
    "blank-page": blank_page,
    "not-a-pdf": not_a_pdf,
    "empty": empty,
    "unrelated": unrelated,
    "mediabox-loop": mediabox_loop,
    "flate-bomb": flate_bomb,
    "deep-forms": deep_forms,
}
