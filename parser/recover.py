"""Recovery: the tree of everything that can be read, and one diagnostic per region that cannot.

The grammar needs the whole document; a truncated file or one with an unreadable stretch would give
nothing at all.  With ``recover`` the strict parse is tried, and on each failure the region around
the reported line is set aside and the parse tried again:

* an error on a table row (a revision-log date that is no date) skips that row only;
* any other error skips from its line to the next place a reader can pick up again: a section or
  appendix heading, a criteria set (``B.``), ``Approval duration:``, the revision log or the closing
  reminder;
* the end of the text reached too early (a truncated file) ends the policy there: whatever sections
  were read are kept, a missing revision log is read as empty (the header row the template declares for
  its history table, no rows), and the diagnostic says what was expected next.

Lines are blanked, never removed, so every line number in the tree and in the diagnostics is still
the user's.  At most :data:`MAX_REGIONS` regions are skipped; past that the text is too damaged and
the strict error is raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from policyvc.lazy_re import lazy
from policyvc.parser.errors import PolicyError
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.template_spec import Template

__all__ = ["MAX_REGIONS", "recover"]

MAX_REGIONS = 40
_RESYNC = lazy(
    r"^\W{0,4}(?:(?:I|II|III|IV|V|VI|VII)\.\s+\S|Appendix\s+[A-Z]:|[A-Z]\.\s+\S|Description\s*$|"
    r"FDA[- ]Approved Indications?|Policy/Criteria\s*$|Coding Implications\s*$|Reviews, Revisions,? and Approvals|"
    r"Important Reminder\s*$|Approval [Dd]uration)"
)
_HEADER_END = lazy(r"^\W{0,4}(?:Description|FDA[- ]Approved Indications?|Policy/Criteria)\s*$")
_END_OF_FILE = "unexpected end of file"

T = TypeVar("T")


def recover(text: str, parse: Callable[[str], T], template: Template) -> tuple[T, list[Diagnostic]]:
    """``parse(text)``, skipping what cannot be read; the result and one ``error`` diagnostic per region.
    ``template``: the template ``parse`` reads by, whose history table ends a text cut short."""
    lines = text.split("\n")
    header_end = next((k for k, line in enumerate(lines) if _HEADER_END.match(line.strip())), len(lines))
    diagnostics: list[Diagnostic] = []
    appended = False
    first_error: PolicyError | None = None
    for _ in range(MAX_REGIONS + 1):
        try:
            return parse("\n".join(lines)), diagnostics
        except PolicyError as exc:
            first_error = first_error or exc
            if exc.message.startswith(_END_OF_FILE) and not appended:
                # a truncated text: end the policy here (an empty revision log if there was none)
                last = max((k for k, line in enumerate(lines) if line.strip()), default=0)
                what = exc.message.removeprefix(_END_OF_FILE).lstrip()
                diagnostics.append(
                    Diagnostic("error", f"the text ends early {what}; the rest of the policy is missing", line=last + 1)
                )
                if template.history_header and not _has_history(lines, template.history_header[0]):
                    lines += ["", "\t".join(template.history_header), ""]
                appended = True
                continue
            if exc.line is None or not 0 < exc.line <= len(lines) or exc.line - 1 < header_end:
                raise first_error from None  # nothing to skip, or the header itself: nothing readable
            start = exc.line - 1
            if not lines[start].strip():  # an error reported on a blank line: the region starts below it
                start = next((k for k in range(start, len(lines)) if lines[k].strip()), start)
            end = _region_end(lines, start)
            diagnostics.append(
                Diagnostic(
                    "error",
                    f"skipped: {exc.message}",
                    line=start + 1,
                    end_line=end,
                )
            )
            for k in range(start, end):
                lines[k] = ""
    assert first_error is not None
    raise first_error


def _words(text: str) -> str:
    """``text``'s words, case-folded, one space apart (``Reviews, Revisions and Approvals`` as the header writes it)."""
    return " ".join(re.split(r"[\W_]+", text)).strip().casefold()


def _has_history(lines: Sequence[str], name: str) -> bool:
    """Whether a line starts with the history table's name (its first header cell, commas and case aside), or
    is its start, two words or more, the rest wrapped onto the next line (``Reviews, Revisions, and``)."""
    start = _words(name)
    for line in lines:
        words = _words(line)
        if words.startswith(start) or (len(words.split()) >= 2 and start.startswith(words + " ")):
            return True
    return False


def _region_end(lines: list[str], start: int) -> int:
    """The end (exclusive, 0-based) of the region that an error on line ``start`` makes unreadable."""
    if "\t" in lines[start]:
        return start + 1  # a table row: only that row
    for k in range(start + 1, len(lines)):
        if _RESYNC.match(lines[k]):
            return k
    return len(lines)
