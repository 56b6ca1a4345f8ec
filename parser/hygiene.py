"""Input hygiene: what is checked and cleaned before a policy's text reaches the normaliser.

1. **Size** first, before anything is read into memory or parsed: a text policy may be at most
   5 MB (``$POLICYVC_MAX_TEXT_MB`` raises it), a PDF at most 500 pages (``$POLICYVC_MAX_PAGES``).
2. **Encoding**: a BOM says UTF-8, UTF-16 or UTF-32 (LE or BE) and is obeyed; without one the
   bytes must be UTF-8, or else they are read as Windows-1252 with a warning (Word's "Save as
   text" on Windows); NUL bytes outside UTF-16/32 mean a binary file.
3. **Invisible format characters** (bidi marks and embeddings, word joiners, zero-width
   non-joiners, a BOM inside the text) change nothing a reader sees but everything a grammar
   sees (a ``U+200F`` before ``1.`` hides the marker).  They are removed before parsing and
   counted in a note; every message shows such characters escaped (``\\u200f``).

Every finding that does not stop the parse is a :class:`Diagnostic` beside the policy.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections import Counter
from pathlib import Path

from policyvc.lazy_re import lazy
from policyvc.parser.errors import PolicyError
from policyvc.parser.prebuilt import dataclass

__all__ = [
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MAX_TEXT_MB",
    "ENV_MAX_PAGES",
    "ENV_MAX_TEXT_MB",
    "INVISIBLE",
    "Diagnostic",
    "check_text_size",
    "decode_policy_bytes",
    "escape_invisible",
    "max_pages",
    "max_text_bytes",
    "strip_invisible",
]

DEFAULT_MAX_TEXT_MB = 5.0
DEFAULT_MAX_PAGES = 500
ENV_MAX_TEXT_MB = "POLICYVC_MAX_TEXT_MB"
ENV_MAX_PAGES = "POLICYVC_MAX_PAGES"

# Format characters (Unicode category Cf) a policy never needs: bidi marks, embeddings, overrides and
# isolates, joiners, the word joiner and invisible operators, a BOM (a zero-width no-break space) inside
# the text, zero-width space, soft hyphen is handled by the normaliser (it marks a hyphenation point).
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f\ufeff\u180e"
)
_DELETE = {ord(c): None for c in INVISIBLE}
# (one scan for any of them: most texts hold none, and counting each apart was 27 scans of the whole text)
_ANY_INVISIBLE = lazy("[" + "".join(sorted(INVISIBLE)) + "]")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding beside a parse: ``note`` (a fact), ``warning`` (read, but check it) or ``error`` (skipped)."""

    severity: str
    message: str
    line: int | None = None
    end_line: int | None = None
    page: int | None = None

    def format(self, source: str) -> str:
        where = source
        if self.page is not None:
            where += f":page {self.page}"
        if self.line is not None:
            where += f":{self.line}"
            if self.end_line is not None and self.end_line != self.line:
                where += f"-{self.end_line}"
        return f"{where}: {self.severity}: {escape_invisible(self.message)}"


def escape_invisible(text: str) -> str:
    """``text`` with every control or format character except tab and newline as ``\\uXXXX``."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for c in text:
        visible = c not in INVISIBLE and unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs")
        if c in "\t\n\u00ad" or visible:  # a soft hyphen is a hyphenation point, not hidden text
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
    return "".join(out)


def strip_invisible(text: str) -> tuple[str, Counter[str]]:
    """``text`` without the invisible format characters, and how many of each there were."""
    counts: Counter[str] = Counter()
    if text.isascii() or _ANY_INVISIBLE.search(text) is None:
        return text, counts
    for c in INVISIBLE:
        n = text.count(c)
        if n:
            counts[c] = n
    return (text.translate(_DELETE), counts) if counts else (text, counts)


def invisible_note(counts: Counter[str]) -> Diagnostic | None:
    if not counts:
        return None
    total = sum(counts.values())
    kinds = ", ".join(f"U+{ord(c):04X} ×{n}" for c, n in sorted(counts.items()))
    return Diagnostic("note", f"removed {total} invisible format character(s) before parsing ({kinds})")


def _env_limit(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise PolicyError(f"expected a number > 0, got {raw!r}", source=f"${name}")
    return value


def max_text_bytes() -> int:
    """The size cap of a text policy in bytes: ``$POLICYVC_MAX_TEXT_MB`` megabytes, default 5."""
    return int(_env_limit(ENV_MAX_TEXT_MB, DEFAULT_MAX_TEXT_MB) * 1_000_000)


def max_pages() -> int:
    """The page cap of a PDF policy: ``$POLICYVC_MAX_PAGES``, default 500."""
    return int(_env_limit(ENV_MAX_PAGES, DEFAULT_MAX_PAGES))


def _too_big(size: int, limit: int, source: str) -> PolicyError:
    return PolicyError(
        f"the file holds {size / 1e6:.1f} MB of text, over the {limit / 1e6:g} MB limit for a policy; "
        f"not parsed (set ${ENV_MAX_TEXT_MB} to raise the limit)",
        source=source,
    )


def check_text_size(size: int, source: str) -> None:
    """Refuse ``size`` bytes (or characters) of text over the cap, before anything is parsed."""
    limit = max_text_bytes()
    if size > limit:
        raise _too_big(size, limit, source)


def check_file_size(path: Path, source: str) -> None:
    """Refuse a text file over the cap from its size on disk, before it is read."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it says what is wrong
    check_text_size(size, source)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
# bytes Windows-1252 leaves undefined: a file holding them is no cp1252 text either
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# a well-formed UTF-8 multi-byte sequence: text holding these and bad bytes is damaged UTF-8, not cp1252
_UTF8_SEQUENCE = lazy(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_policy_bytes(data: bytes, source: str) -> tuple[str, list[Diagnostic]]:
    """The text of a policy file's bytes and what was noticed decoding them; a :class:`PolicyError` if none."""
    notes: list[Diagnostic] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise PolicyError(
                    f"the file starts with a {name} byte order mark but is not {name} text "
                    f"(bad bytes at offset {exc.start + len(bom)})",
                    source=source,
                ) from None
            if codec != "utf-8":
                notes.append(Diagnostic("note", f"read as {name} (the file starts with its byte order mark)"))
            return text, notes
    if b"\x00" in data:
        raise PolicyError("this is not a text policy (binary data: NUL bytes)", source=source)
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        if not _CP1252_UNDEFINED.intersection(data) and not _UTF8_SEQUENCE.search(data):
            line = data[: exc.start].count(b"\n") + 1
            notes.append(
                Diagnostic(
                    "warning",
                    f"not UTF-8 (byte 0x{bad:02x} at offset {exc.start}); read as Windows-1252 — "
                    "check the special characters (≥, ®, –)",
                    line=line,
                )
            )
            return data.decode("cp1252"), notes
        line = data[: exc.start].count(b"\n") + 1
        raise PolicyError(
            f"this is not UTF-8 text (byte 0x{bad:02x} at offset {exc.start})", source=source, line=line
        ) from None
