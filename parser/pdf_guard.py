"""Extract untrusted PDFs in a worker process with a wall-clock timeout and a memory cap.

pdfminer has no limits of its own: a few hundred bytes whose page ``/MediaBox``
is an object that refers to itself (``4 0 obj 4 0 R endobj``) make it loop for
ever, and a small flate stream can inflate to gigabytes.  So the parent only
checks that the file is there and looks like a PDF, and a fresh worker process
(forked, so it starts with pdfplumber already imported) opens it under
``RLIMIT_AS`` (memory) and ``RLIMIT_CPU`` (a backstop), while the parent waits
at most ``timeout`` seconds and then kills it.  The worker sends back plain
JSON — the extraction or an error record ``(kind, message, page)`` — never a
pickled object, and every failure becomes one :class:`PolicyError`.

Limits: ``timeout`` seconds per 100 pages, at least ``timeout`` for the file
(default 60, env ``POLICYVC_PDF_TIMEOUT``): the worker tells the parent the page
count as soon as it has opened the file, so a 499-page policy (under the page
cap) has 299 s, not the 60 s of a short one; ``memory_mb`` megabytes of address
space the extraction may add to the worker (default 1024, env
``POLICYVC_PDF_MEMORY_MB``).  Never ``repair=True``: that runs Ghostscript on
the untrusted file.

A per-page watchdog: the worker reports each page as it starts reading it (in a
shared counter), and a page that makes no progress for ``page_timeout`` seconds
(default 10, env ``POLICYVC_PDF_PAGE_TIMEOUT``) ends the extraction, naming that
page — a looping PDF fails in seconds while a 300-page policy has all the time
it needs.  At most ``$POLICYVC_MAX_PAGES`` pages (default 500) are read.  On a
terminal a line on stderr names the file being extracted.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import multiprocessing
import os
import re
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

from policyvc.lazy_re import lazy
from policyvc.parser.errors import PolicyError
from policyvc.parser.files import PDF_HEADER_SEARCH, is_pdf
from policyvc.parser.heading_marks import marks_from_json
from policyvc.parser.hygiene import escape_invisible
from policyvc.parser.pdf import Extraction, LineOrigin, extract_document

__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_PAGE_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "ENV_MEMORY_MB",
    "ENV_PAGE_TIMEOUT",
    "ENV_TIMEOUT",
    "Limits",
    "extract_pdf",
    "require_policy_header",
]

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024
DEFAULT_PAGE_TIMEOUT = 10.0
ENV_TIMEOUT = "POLICYVC_PDF_TIMEOUT"
ENV_MEMORY_MB = "POLICYVC_PDF_MEMORY_MB"
ENV_PAGE_TIMEOUT = "POLICYVC_PDF_PAGE_TIMEOUT"
_MAX_RESULT = 256 << 20  # bytes of JSON the parent accepts from a worker
PAGES_PER_TIMEOUT = 100  # the timeout is per this many pages: a policy under the page cap is never cut short


@dataclass(frozen=True, slots=True)
class Limits:
    """Wall-clock seconds and extra megabytes of address space for one extraction."""

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    page_timeout: float = DEFAULT_PAGE_TIMEOUT  # seconds one page may go without progress
    max_pages: int = 500

    @classmethod
    def resolve(
        cls, timeout: float | None = None, memory_mb: int | None = None, page_timeout: float | None = None
    ) -> Limits:
        """Arguments first, then ``$POLICYVC_PDF_TIMEOUT`` / ``$POLICYVC_PDF_MEMORY_MB`` /
        ``$POLICYVC_PDF_PAGE_TIMEOUT`` / ``$POLICYVC_MAX_PAGES``, then the defaults."""
        from policyvc.parser.hygiene import max_pages

        if timeout is None:
            timeout = _env_number(ENV_TIMEOUT, float, DEFAULT_TIMEOUT, "seconds > 0")
        if memory_mb is None:
            memory_mb = int(_env_number(ENV_MEMORY_MB, int, DEFAULT_MEMORY_MB, "a whole number of megabytes >= 16"))
        if page_timeout is None:
            page_timeout = _env_number(ENV_PAGE_TIMEOUT, float, DEFAULT_PAGE_TIMEOUT, "seconds > 0")
        if not (math.isfinite(timeout) and timeout > 0) or memory_mb < 16:
            raise ValueError(f"PDF limits out of range: timeout={timeout} s, memory_mb={memory_mb}")
        if not (math.isfinite(page_timeout) and page_timeout > 0):
            raise ValueError(f"PDF limits out of range: page_timeout={page_timeout} s")
        return cls(float(timeout), int(memory_mb), float(page_timeout), max_pages())

    def budget(self, pages: int) -> float:
        """Wall-clock seconds for a file of ``pages`` pages: ``timeout`` per 100 pages, at least ``timeout``."""
        return self.timeout * max(1.0, min(pages, self.max_pages) / PAGES_PER_TIMEOUT)


def _env_number(name: str, kind: type[float] | type[int], default: float, what: str) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = -1
    if not (math.isfinite(value) and value >= (16 if kind is int else 0) and value != 0):
        raise PolicyError(f"expected {what}, got {raw!r}", source=f"${name}")
    return value


def _precheck(path: Path) -> None:
    source = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(PDF_HEADER_SEARCH)
    except FileNotFoundError:
        raise PolicyError("no such file", source=source) from None
    except IsADirectoryError:
        raise PolicyError("is a directory, expected a policy file", source=source) from None
    except OSError as exc:
        raise PolicyError(f"cannot read the file ({exc.strerror})", source=source) from None
    if not head:
        raise PolicyError("the file is empty: expected a PDF", source=source)
    if not is_pdf(head):
        shown = head[:16].decode("latin-1").encode("unicode_escape").decode("ascii")
        raise PolicyError(f"not a PDF (it starts with `{shown}`, a PDF starts with `%PDF-`)", source=source)


# --- the worker ------------------------------------------------------------------------------------------------


def _vm_bytes() -> int:
    """Address space of this process now (Linux); 0 where /proc is not there."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _set_limits(limits: Limits) -> None:
    import resource

    # The cap is what the extraction may add: a forked worker starts with the parent's address space.
    cap = _vm_bytes() + limits.memory_mb * (1 << 20)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or cap < hard:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    # CPU seconds as a backstop should the parent die before it can kill us: SIGXCPU ends the worker.  The
    # soft limit is the budget of a short file, raised (up to the hard limit: the budget of the page cap)
    # once the page count is known (_cpu_budget).
    cpu = math.ceil(limits.timeout) + 1
    most = math.ceil(limits.budget(limits.max_pages)) + 2
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or most < hard:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, most))


def _cpu_budget(limits: Limits, pages: int) -> None:
    """Raise the worker's CPU backstop to the budget of a file of ``pages`` pages (never above the hard limit)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    want = math.ceil(limits.budget(pages)) + 1
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY and want > soft:
        resource.setrlimit(resource.RLIMIT_CPU, (want, hard))


def _unwrap(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer's errors as PdfminerException(original)
    while type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _classify(exc: BaseException, limits: Limits) -> tuple[str, str]:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    exc = _unwrap(exc)
    if isinstance(exc, PDFPasswordIncorrect):
        return "encrypted", "the PDF is encrypted with a password; give an unencrypted copy"
    if isinstance(exc, PDFEncryptionError):
        return "encrypted", f"the PDF is encrypted in a way that cannot be read ({exc}); give an unencrypted copy"
    if isinstance(exc, MemoryError):
        return "memory", f"exceeded the memory cap of {limits.memory_mb} MB (a decompression bomb?)"
    if isinstance(exc, RecursionError):
        return "corrupt", "corrupt PDF: its objects are nested too deeply or in a loop (RecursionError)"
    return "corrupt", f"corrupt or truncated PDF: {type(exc).__name__}: {_detail(exc)}"


def _detail(exc: BaseException) -> str:
    """The first line of an exception's message, at most 160 characters, control bytes shown escaped.

    pdfminer quotes the file's own bytes in its messages (``b'\x1b[2J'``, tokens decoded as Latin-1): they reach
    a terminal only as escapes.
    """
    text = str(exc).strip()
    if not text:
        return "no detail"
    line = text.splitlines()[0][:160]
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in line)


def _work(
    path: str,
    limits: Limits,
    progress: Callable[[int], None] | None = None,
    on_pages: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    import pdfplumber

    page: int | None = None
    try:
        with pdfplumber.open(path) as pdf:  # never repair=True: it runs Ghostscript on the file
            pages = pdf.pages
            if not pages:
                return {"error": ["empty", "the PDF has no pages", None]}
            if len(pages) > limits.max_pages:
                why = (
                    f"the PDF has {len(pages)} pages, over the limit of {limits.max_pages} for a policy; "
                    "not read (set $POLICYVC_MAX_PAGES to raise the limit)"
                )
                return {"error": ["too-big", why, None]}
            if on_pages is not None:  # the parent's deadline and our CPU backstop grow with the page count
                on_pages(len(pages))
            images = 0
            for page, p in enumerate(pages, start=1):  # noqa: B007 - `page` names the page in an error
                if p.chars:  # parses the page once; extraction below reuses that parse
                    break
                images += len(p.images)
            else:
                if images:
                    why = f"this PDF is scanned images ({images} image(s) on {len(pages)} page(s)); run OCR first"
                else:
                    why = f"its {len(pages)} page(s) hold neither text nor images (blank pages?)"
                return {"error": ["no-text", f"no text layer: {why}", None]}
            page = None
            ex = extract_document(pdf, path, progress)
    except BaseException as exc:  # anything pdfminer raises is a fact about the file
        kind, message = _classify(exc, limits)
        return {"error": [kind, message, page]}
    return {
        "text": ex.text,
        "origins": [None if o is None else [o.page, o.x0, o.top, o.x1, o.bottom] for o in ex.origins],
        "pages": ex.pages,
        "headings": [list(m) for m in ex.headings],
        "notes": list(ex.notes),
    }


def _child(
    conn: Connection,
    path: str,
    limits: Limits,
    counter: Synchronized[int] | None = None,
    page_count: Synchronized[int] | None = None,
) -> None:
    # Ctrl-C is the parent's to handle: it kills this worker on its way out
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # pdfminer logs warnings about broken files to stderr; the user gets our one line instead
    logging.disable(logging.CRITICAL)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        _set_limits(limits)

        def on_pages(pages: int) -> None:
            _cpu_budget(limits, pages)
            if page_count is not None:
                page_count.value = pages

        result = _work(path, limits, None if counter is None else _reporter(counter), on_pages)
        payload = json.dumps(result).encode("ascii")  # \u escapes: lone surrogates from broken fonts survive
    except MemoryError:
        payload = json.dumps({"error": ["memory", _classify(MemoryError(), limits)[1], None]}).encode()
    except BaseException as exc:  # report; never a traceback out of the worker
        payload = json.dumps({"error": ["internal", f"{type(exc).__name__}: {_detail(exc)}", None]}).encode()
    try:
        conn.send_bytes(payload)
    finally:
        conn.close()


def _reporter(counter: Synchronized[int]) -> Callable[[int], None]:
    """Tell the parent's watchdog which stage the worker is in: ``page`` (1-based) started, ``0`` the layout."""
    ticks = 0

    def report(page: int) -> None:
        nonlocal ticks
        ticks += 1
        counter.value = ticks * 1_000_000 + page  # a new value on every report, the page in its low digits

    return report


# --- the parent ------------------------------------------------------------------------------------------------


def _context() -> multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext:
    # fork: the worker starts in ~ms with pdfplumber already imported; elsewhere a fresh interpreter
    if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _origin(o: list[Any]) -> LineOrigin:
    return LineOrigin(int(o[0]), float(o[1]), float(o[2]), float(o[3]), float(o[4]))


def _decode(data: bytes, source: str) -> Extraction:
    try:
        record = json.loads(data)
        if "error" in record:
            kind, message, page = record["error"]
            if kind == "internal":
                message = f"the PDF reader failed unexpectedly ({message})"
            shown = escape_invisible(str(message)[:400])  # the worker read hostile input: no raw control bytes
            error = PolicyError(shown, source=source, page=page if isinstance(page, int) else None)
        else:
            origins = tuple(None if o is None else _origin(o) for o in record["origins"])
            headings = marks_from_json(record["headings"])
            if headings is None:
                raise ValueError("headings")
            notes = record.get("notes", [])
            if not isinstance(notes, list):
                raise ValueError("notes")
            notes_shown = tuple(escape_invisible(str(n)[:400]) for n in notes)  # (hostile input: no raw control bytes)
            return Extraction(str(record["text"]), origins, int(record["pages"]), headings, notes_shown)
    except (ValueError, KeyError, TypeError, IndexError):  # the worker read hostile input: trust nothing it sends
        raise PolicyError("the PDF reader sent back a malformed answer", source=source) from None
    raise error


def _died(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        if sig == signal.SIGXCPU:
            return f"used more than {math.ceil(limits.timeout) + 1} s of CPU (a PDF that loops?)"
        if sig == signal.SIGKILL:
            return f"the PDF reader was killed (out of memory? the cap is {limits.memory_mb} MB)"
        return f"the PDF reader crashed ({signal.Signals(sig).name}) on this file (corrupt PDF?)"
    return f"the PDF reader stopped without an answer (exit code {exitcode})"


def _wait(
    recv: Connection, counter: Synchronized[int], limits: Limits, source: str, page_count: Synchronized[int]
) -> None:
    """Wait for the worker's answer: ``limits.page_timeout`` per page without progress, and the whole file's
    budget (``limits.timeout`` per 100 pages, once the worker has said how many there are)."""
    start = last_change = time.monotonic()
    last = counter.value
    while True:
        now = time.monotonic()
        pages = page_count.value
        budget = limits.budget(pages)
        left = min(start + budget - now, last_change + limits.page_timeout - now)
        if recv.poll(max(0.0, min(left, 0.1))):
            return
        now = time.monotonic()
        value = counter.value
        if value != last:
            last, last_change = value, now
            continue
        if now - start >= limits.budget(page_count.value):
            whole = f" for its {pages} pages" if pages > PAGES_PER_TIMEOUT else ""
            raise PolicyError(f"took longer than {budget:g} s{whole} (a PDF that loops?); gave up", source=source)
        if now - last_change >= limits.page_timeout:
            page = value % 1_000_000
            layout = bool(value) and page == 0
            where = "laying out the pages" if layout else "reading this page"
            raise PolicyError(
                f"no progress {where} for {limits.page_timeout:g} s (a PDF that loops?); gave up "
                f"(${ENV_PAGE_TIMEOUT} allows more)",
                source=source,
                page=None if layout else max(page, 1),
            )


def extract_pdf(
    path: str | Path, *, timeout: float | None = None, memory_mb: int | None = None, page_timeout: float | None = None
) -> Extraction:
    """Extract a PDF in a sandboxed worker; every failure is a :class:`PolicyError` naming the file.

    ``timeout`` (s per 100 pages) and ``memory_mb`` default to ``$POLICYVC_PDF_TIMEOUT`` /
    ``$POLICYVC_PDF_MEMORY_MB``, else 60 s and 1024 MB.  The calling process survives whatever the file does.
    """
    p = Path(path)
    source = str(path)
    limits = Limits.resolve(timeout, memory_mb, page_timeout)
    _precheck(p)
    ctx = _context()
    if ctx.get_start_method() == "fork":
        import pdfplumber  # noqa: F401 - imported once here, inherited by every forked worker
    recv, send = ctx.Pipe(duplex=False)
    counter = ctx.Value("q", 0)
    page_count = ctx.Value("q", 0)
    if sys.stderr.isatty():  # a person is waiting: say what for (never in a pipe or a log)
        print(f"policyvc: extracting {source} …", file=sys.stderr, flush=True)
    worker = ctx.Process(
        target=_child, args=(send, str(p), limits, counter, page_count), daemon=True, name="policyvc-pdf"
    )
    # The worker's garbage collector would otherwise walk (and so copy, page by page) the whole inherited heap.
    gc.freeze()
    try:
        worker.start()
    finally:
        gc.unfreeze()
    send.close()  # our copy: the pipe reports EOF when the worker dies without answering
    data: bytes | None = None
    try:
        _wait(recv, counter, limits, source, page_count)
        try:
            data = recv.recv_bytes(_MAX_RESULT)
        except EOFError:
            data = None
        except OSError:
            raise PolicyError("the extracted text is larger than 256 MB; not a policy", source=source) from None
    finally:
        recv.close()
        if data is None:
            worker.kill()  # a no-op if it already ended
        worker.join(5)
        if worker.is_alive():  # pragma: no cover - SIGKILL cannot be ignored
            worker.kill()
            worker.join()
    if data is None:
        raise PolicyError(_died(worker.exitcode, limits), source=source)
    return _decode(data, source)


_HEADER_RE = lazy(r"Clinical Policy:|Reference Number:", re.IGNORECASE)


def require_policy_header(extraction: Extraction, source: str) -> None:
    """Refuse a PDF that has text but is no clinical policy: no title or reference number on page 1, nor
    what another payer's policy states there (a policy number, its dates, the headings policies use)."""
    lines = extraction.text.split("\n")
    first = [t for t, o in zip(lines, extraction.origins, strict=False) if o is not None and o.page == 1]
    if not any(o is not None for o in extraction.origins):
        first = lines[:80]  # no origins: look at the start of the text
    if not any(_HEADER_RE.search(t) for t in first):
        from policyvc.parser.documents import looks_like_policy  # (another payer's: a number, dates, headings)

        if looks_like_policy("\n".join(first)) or looks_like_policy("\n".join(lines[:80])):
            return
        raise PolicyError(
            "this PDF has text but is not a clinical policy: no `Clinical Policy:` title or `Reference Number:` "
            "found on page 1",
            source=source,
        )
