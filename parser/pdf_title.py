"""A print that lost its first line, given back from the title the PDF names itself by.

LibreOffice's export of a web page (``writer_web_pdf_Export``) can set an empty first page and drop the page's
first line with it: the text starts on page 2 at the line after it — the second line of a wrapped title
(``Treatment-Resistant Depression`` of ``Clinical Policy: Transcranial Magnetic Stimulation for Treatment-Resistant
Depression``), or the line under a one-line name that is gone (``Prior Authorization Criteria`` under the plan's
name).  Another copy of the same version (a browser's print, a web copy) holds that line, so the two read
different titles and a diff reports a change nobody made.  The PDF keeps the page's title in its document
information (``/Title``, the HTML ``<title>``): where the first page is empty — no word, rule, box or image — and
the title is a name (a few words, no file's name), the first line read is completed from it when it is the
title's end (the wrapped title read whole), else the title is set above it as a line of its own when the text's
first lines do not hold it.  Any other PDF is read as before."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.heading_marks import HeadingMark
from policyvc.parser.lines import PlacedLine

__all__ = ["lost_head"]

_WORDS = 24  # a title longer than this is no page's name
_FIRST_LINES = 6  # the lines of the text's head where the title may stand already
# a title a program gave the file, not the page's name (``Microsoft Word - policy.docx``, ``untitled``)
_NO_NAME = lazy(
    r"\.(?:docx?|pdf|html?|rtf|odt|txt|xlsx?)\b|^(?:microsoft\s+\w+\s+-|untitled\b|document\d*$|slide\s*\d)",
    re.I,
)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'&/.-]+", text.lower())


def lost_head(
    lines: Sequence[PlacedLine], headings: Sequence[HeadingMark], title: str | None, *, blank_first: bool
) -> tuple[list[PlacedLine], tuple[HeadingMark, ...]]:
    """``lines`` and ``headings`` with the first line the print lost given back from the PDF's ``title`` (see
    the module doc); as they are when ``blank_first`` (the first page holds nothing) is false or the title is
    no page's name."""
    out, marks = list(lines), tuple(headings)
    name = " ".join((title or "").split())
    words = _words(name)
    if not blank_first or not words or len(words) > _WORDS or _NO_NAME.search(name):
        return out, marks
    first = next((k for k, line in enumerate(out) if line.text.strip()), None)
    if first is None:
        return out, marks
    said = _words(out[first].text)
    if said and len(said) < len(words) and words[-len(said) :] == said:
        out[first] = PlacedLine(name, out[first].origin)  # (the wrapped title's first line lost: read whole)
        return out, marks
    head = [_words(line.text) for line in out[first:] if line.text.strip()][:_FIRST_LINES]
    if any(words == h[: len(words)] or h == words for h in head):
        return out, marks  # (the title stands in the text already)
    if out[first].origin is None or "\t" in out[first].text:
        return out, marks
    added = [PlacedLine(name, None), PlacedLine("", None)]
    out[first:first] = added
    return out, tuple((at + len(added) if at > first else at, n, level) for at, n, level in marks)
