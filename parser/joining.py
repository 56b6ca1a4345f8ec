"""How a line a layout wrapped joins the next one again — one rule for the PDF layer and the text front.

With a space, but: a soft hyphen (U+00AD) at the break is where the word was split (it goes, and so
does the space); a break after a word's hyphen keeps the hyphen and no space (``off-`` + ``label``),
unless the hyphen is a suspended one (``medium- to high-dose``); a break after a slash joins without
a space where the text goes on in lower case (``and/`` + ``or``, ``mcg/`` + ``kg``) or the slash ends a
run of them (``EAACI/GA²LEN/`` + ``EuroGuiDerm``) — but ``Dose Limit/`` + ``Maximum Dose`` keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.page_numbers import PAGE_NUMBER_LINE

__all__ = ["continue_row", "join_wrapped", "plain_hyphens"]

_SUSPENDED = frozenset({"to", "or", "and", "through"})  # "medium- to high-dose": the hyphen's word comes later


def join_wrapped(a: str, b: str) -> str:
    """``a`` and the line that follows it in the same paragraph, ``b``, as one line."""
    if a.endswith("\u00ad"):
        return a[:-1] + b
    inside = len(a) > 1 and a[-2].isalnum() and b[:1].isalnum()
    if inside and a.endswith("-") and b.split(" ", 1)[0] not in _SUSPENDED:
        return a + b
    if inside and a.endswith("/") and ("/" in a.rsplit(" ", 1)[-1][:-1] or b[:1].islower()):
        return a + b
    return f"{a} {b}"


# a hyphen written with another code point: U+2010 HYPHEN (pdftotext's for Chromium's ``hyphens: auto``),
# U+2011 NON-BREAKING HYPHEN — the same mark as ``-`` to a reader
_OTHER_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# a word broken at a line end at a soft hyphen, or at a hyphen (its head, the hyphen, the next line's start)
_SOFT_BREAK = lazy(r"([^\W\d_]+)\u00ad[ \t]*\n([ \t]*)([^\W\d_]+)[ \t]?")
# ... or over a page break: blank lines, a page's number, the form feed (``managem\u00ad`` / ``Page 3 of 5`` /
# ``\f ent``): a soft hyphen is no text wherever the rest of its word went
_SOFT_PAGE_BREAK = lazy(
    r"([^\W\d_]+)\u00ad[ \t]*\n"  # the word's head and its soft hyphen
    rf"((?:(?:{PAGE_NUMBER_LINE})?[ \t]*\n){{1,6}})"  # blank lines, a page's number
    r"([ \t\f]*)([a-z][^\W\d_]*)(?![\w:/@-])",  # the next page's form feed, the rest of the word (no address)
    re.I,
)
# (with the stops written right after the word's rest, ``der-`` / ``matitis.``: they go where the word goes — else a
# head alone on its line takes the word whole and leaves the stop alone on a line of its own, a paragraph ``.``)
_LINE_END_HYPHEN = lazy(r"-[ \t]*\n([ \t]*)([^\W\d_]+)(?![\w-])([.,;:!?)\]”’\"]*)")
_HEAD = lazy(r"(?<![\w-])[^\W\d_]+$")
_INLINE_2010 = lazy(r"\u2010(?![ \t]*\n)")
_AUTO_2010 = lazy(r"(?<=[^\W\d_])\u2010[ \t]*\n")  # (a soft hyphen before a page break: the text front joins)
_WORDS = lazy(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _whole(m: re.Match[str]) -> str:
    """A word broken at a line end at a soft hyphen (match of :data:`_SOFT_BREAK`) written whole on
    the next line, or on its first line where the head is all that line holds (no line made blank)."""
    head, indent, tail = m.group(1), m.group(2), m.group(3)
    start = m.string.rfind("\n", 0, m.start()) + 1
    if m.string[start : m.start()].strip():
        return f"\n{indent}{head}{tail}{m.group(0)[m.end(3) - m.start() :]}"
    return f"{head}{tail}\n{indent}"


def _whole_over_page(m: re.Match[str]) -> str:
    """A word broken at a soft hyphen before a page break (match of :data:`_SOFT_PAGE_BREAK`) written whole
    where its rest was, as a print that did not break it writes it (no line made blank: the head's line keeps
    its other words, else the word stays there whole)."""
    head, between, indent, tail = m.group(1), m.group(2), m.group(3), m.group(4)
    start = m.string.rfind("\n", 0, m.start()) + 1
    if m.string[start : m.start()].strip():
        return f"\n{between}{indent}{head}{tail}"
    return f"{head}{tail}\n{between}{indent}"


def plain_hyphens(text: str) -> str:
    """``text`` with every hyphen written ``-`` (U+2010 only at line ends: a soft hyphen), and a word broken
    at a line end written whole at the start of the next line (``respi\u00ad`` / ``ratory`` → `` `` /
    ``respiratory``): at a soft hyphen, which is no text, and at a hyphen where the text writes the word
    whole elsewhere and never with that hyphen (``cov-`` / ``erage``; else the text front would learn
    ``cov-erage`` as the document's spelling).  So a copy printed with the word unbroken reads the same.
    Lines keep their number."""
    if "\u2010" in text and not _INLINE_2010.search(text):
        # U+2010 only ever at a line end: a browser's automatic hyphenation (its text's own hyphens are ``-``)
        text = _AUTO_2010.sub("\u00ad\n", text)
    if "\u2010" in text or "\u2011" in text:
        text = text.translate(_OTHER_HYPHENS)
    if "\u00ad" in text:
        text = _SOFT_BREAK.sub(_whole, text)
        text = _SOFT_PAGE_BREAK.sub(_whole_over_page, text) if "\u00ad" in text else text
    # (found from the line end, a literal: a pattern starting at the head's letters tries every letter)
    breaks: list[tuple[int, int, str, str, str]] = []  # (start, end, head, indent, tail and its stops)
    for m in _LINE_END_HYPHEN.finditer(text):
        found = _HEAD.search(text, max(0, m.start() - 64), m.start())
        if found is not None:
            breaks.append((found.start(), m.end(), found.group(0), m.group(1), m.group(2) + m.group(3)))
    if not breaks:
        return text
    words = {w.casefold() for w in _WORDS.findall(text)}
    # (a line-end hyphen is never found in ``words``: the word's two halves are on two lines)
    out: list[str] = []
    at = 0
    for start, end, head, indent, tail in breaks:
        word = tail.rstrip('.,;:!?)]”’"')
        form = f"{head}-{word}".casefold()
        if form in words or form.replace("-", "") not in words or start < at:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        whole = f"\n{indent}{head}{tail}" if text[line_start:start].strip() else f"{head}{tail}\n{indent}"
        out.append(text[at:start])
        out.append(whole)
        at = end
    return "".join(out) + text[at:] if out else text


# a fragment that goes on in lower case inside parentheses (``(poly)neuropathy``, ``(eg, vagus nerve)``)
_LOWER_PAREN = lazy(r"^\([a-z0-9]")
# a paragraph's last word that needs the next (``… mellitus with``, ``… of the``): no cell's paragraph ends so
_OPEN_END = lazy(r"\b(?:with|without|of|and|or|the|to|in|for|by|a|an|including|due)$", re.I)


def _goes_on(previous: str, fragment: str) -> bool:
    """Does a cell fragment on a row without its key cell continue the paragraph above it in that cell?"""
    return bool(previous) and (
        previous.rstrip().endswith((":", ",", "(", "-", "–", "/"))
        or fragment[:1].islower()
        or fragment[:1].isdigit()
        or _LOWER_PAREN.match(fragment) is not None
        or _OPEN_END.search(previous.rstrip()) is not None
    )


def continue_row(previous: list[list[str]], cells: Sequence[str]) -> None:
    """Add a continuation row's fragments (a row split by a page break or wrapped without its key cell) to the row
    above, cell by cell: each fragment goes on the cell's last paragraph or starts a paragraph of its own."""
    for j, frag in enumerate(cells):
        if not frag:
            continue
        while j >= len(previous):
            previous.append([])
        if previous[j] and _goes_on(previous[j][-1], frag):
            previous[j][-1] = f"{previous[j][-1]} {frag}"
        else:
            previous[j].append(frag)
