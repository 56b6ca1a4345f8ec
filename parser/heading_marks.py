"""Headings a document states (Word's heading styles, a PDF's heading fonts) handed to the outline reader.

A producer that states its outline gives its headings as ``(first line, lines, level)`` triples over the
plain text (1-based lines, level 1 the top).  :func:`mark_headings` writes each as a markdown heading
(``## Ptosis Repair``), line for line, so the outline reader takes the stated levels and never guesses them
from the words; the plain text stays what ``extract`` prints.  :func:`takes_marks` says whether the reader of
a text is one that takes them: the Centene pharmacy grammar has sections of its own and reads the plain text.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

__all__ = ["MARKDOWN_LEVELS", "HeadingMark", "mark_headings", "marks_from_json", "takes_marks"]

MARKDOWN_LEVELS = 6  # ``#`` … ``######``: a deeper outline level is written at the deepest

HeadingMark = tuple[int, int, int]  # first line (1-based), lines, level (1 the top)


def mark_headings(text: str, headings: Sequence[HeadingMark]) -> str:
    """``text`` with ``headings`` written as markdown headings (``## Title``), line for line: a heading broken
    over lines is one line and blank ones (the lines' numbers stay the text's).  A header field printed in a
    heading's font (``Clinical Policy: <title>``, ``Policy Number: 12``) stays as written: it is a field."""
    if not headings:
        return text
    lines = text.split("\n")
    for first, count, level in headings:
        title = " ".join(" ".join(lines[first - 1 : first - 1 + count]).split())
        if _field_line(title):
            continue
        lines[first - 1 : first - 1 + count] = [f"{'#' * min(level, MARKDOWN_LEVELS)} {title}"] + [""] * (count - 1)
    return "\n".join(lines)


@functools.cache
def _field_labels() -> frozenset[str]:
    """Every template's labels of a header field that holds a value (title, identifier, dates), case-folded."""
    from policyvc.parser.template import TEMPLATES

    return frozenset(
        label.casefold()
        for t in TEMPLATES.values()
        for label in (*t.title_labels, *t.reference_labels, *t.effective_labels, *t.review_labels)
    )


def _field_line(title: str) -> bool:
    """Whether a heading's text is a header field, a known label with its value after a colon."""
    label, colon, value = title.partition(":")
    return bool(colon and value.strip()) and " ".join(label.split()).casefold() in _field_labels()


def takes_marks(text: str, template: str | None = None) -> bool:
    """Whether the reader of ``text`` (``template``, else the one the text claims) takes stated headings: the
    outline reader does, a grammar with its own sections (the Centene pharmacy one) reads the plain text."""
    from policyvc.parser.template import choose, get

    try:
        return (get(template) if template else choose(text)).name != "centene-pharmacy"
    except KeyError:
        return False


def marks_from_json(value: object) -> tuple[HeadingMark, ...] | None:
    """Heading marks read back from JSON (``[[line, lines, level], …]``), or None for anything else."""
    if not isinstance(value, list):
        return None
    out: list[HeadingMark] = []
    for m in value:
        if not (isinstance(m, list) and len(m) == 3 and all(type(v) is int and v >= 1 for v in m)):
            return None
        out.append((m[0], m[1], m[2]))
    return tuple(out)
