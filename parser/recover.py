"""Recovery: the tree of everything that can be read, and one diagnostic per region that cannot.

The grammar needs the whole document; a truncated file or one with an unreadable stretch would give
nothing at all.  With ``recover`` the strict parse is tried, and on each failure the region around
the reported line is set aside and the parse tried again:

* an error on a table row (a revision-log date that is no date) skips that row only;
* an error on a header field the policy is named and filed without (its dates, its lines of business) skips
  that field's line only: the title, the reference number and the other fields keep their reading;
* any other error skips from its line to the next place a reader can pick up again: a section or
  appendix heading, a criteria set (``B.``), ``Approval duration:``, the revision log or the closing
  reminder;
* the end of the text reached too early (a truncated file) ends the policy there: whatever sections
  were read are kept, a missing revision log is read as empty (the header row the template declares for
  its history table, no rows), and the diagnostic says what was expected next.

Lines are blanked, never removed, so every line number in the tree and in the diagnostics is still
the user's.  At most :data:`MAX_REGIONS` regions are skipped; past that the text is too damaged and
the strict error is raised.

Nothing set aside is lost: :func:`kept_regions` puts each region back into the typed tree where it stood, an
:class:`~policyvc.parser.nodes.UnreadRegion` after the node it followed, its text read by the outline reader
(paragraphs, lists, tables), so the criteria sets, durations, appendices and log the grammar did read keep
their types and ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from policyvc.lazy_re import lazy
from policyvc.parser.errors import PolicyError
from policyvc.parser.hygiene import Diagnostic
from policyvc.parser.nodes import (
    Block,
    Bullet,
    Bullets,
    CriteriaSet,
    Criterion,
    Paragraph,
    Policy,
    Section,
    SectionBlock,
    Span,
    UnreadRegion,
)
from policyvc.parser.template_spec import Template

__all__ = ["MAX_REGIONS", "SKIPPED", "kept_regions", "recover"]

MAX_REGIONS = 40
_RESYNC = lazy(
    r"^\W{0,4}(?:[IVX]{1,5}\.\s+\S|Appendix\s+[A-Z]:|[A-Z]\.\s+\S|Description\s*$|"
    r"FDA[- ]Approved Indications?|Policy/Criteria\s*$|Coding Implications\s*$|Reviews, Revisions,? and Approvals|"
    r"Important Reminder\s*$|Approval [Dd]uration)"
)
# A section's heading (a roman numeral and its title words, no sentence, no `(must meet …):`), and where a section
# the family does not know ends: at the next section or part heading, never at a lettered line inside it (a plan's
# section may letter its own paragraphs), so that its whole text is one region with one diagnostic
_SECTION_HEAD = lazy(
    r"^\W{0,4}[IVX]{1,5}\.\s+[A-Z][\w'’/&-]*(?:\s+(?:[A-Z][\w'’/&-]*|of|and|or|for|the|in|on|to|with|&|/)){0,7}\s*$"
)
_PART_RESYNC = lazy(
    r"^\W{0,4}(?:[IVX]{1,5}\.\s+[A-Z]|Appendix\s+[A-Z]:|Description\s*$|FDA[- ]Approved Indications?|"
    r"Policy/Criteria\s*$|Coding Implications\s*$|Reviews, Revisions,? and Approvals|Important Reminder\s*$)"
)
_HEADER_END = lazy(r"^\W{0,4}(?:Description|FDA[- ]Approved Indications?|Policy/Criteria)\s*$")
# a header field the policy can be named and filed without (its dates, its lines of business): one the grammar
# cannot read is set aside alone, the title, the reference number and the other fields read as they are
_SPARE_FIELD = lazy(r"^\W{0,4}(?:Effective Date|Last Review Date|Lines? of Business)\s*:")
_END_OF_FILE = "unexpected end of file"
SKIPPED = "skipped: "  # (how :func:`recover` names a region it set aside)

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
            if exc.line is None or not 0 < exc.line <= len(lines):
                raise first_error from None  # nothing to skip
            start = exc.line - 1
            if start < header_end:
                if not _SPARE_FIELD.match(lines[start]):
                    raise first_error from None  # the title or the reference number: nothing names the policy
                end = start + 1  # (a field of the header that cannot be read: that field only, a diagnostic)
            else:
                if not lines[start].strip():  # an error reported on a blank line: the region starts below it
                    start = next((k for k in range(start, len(lines)) if lines[k].strip()), start)
                end = _region_end(lines, start)
            diagnostics.append(
                Diagnostic(
                    "error",
                    f"{SKIPPED}{exc.message}",
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
    resync = _PART_RESYNC if _SECTION_HEAD.match(lines[start]) else _RESYNC
    for k in range(start + 1, len(lines)):
        if resync.match(lines[k]):
            return k
    return len(lines)


def kept_regions(
    policy: Policy, text: str, diagnostics: Sequence[Diagnostic], source: str, template: Template
) -> tuple[Policy, list[Diagnostic]]:
    """``policy`` (what the grammar read of ``text``) with each region :func:`recover` set aside kept where it
    stood, its text read by the outline reader; and ``diagnostics`` with each such region's error saying so."""
    from policyvc.parser.walk import walk

    lines = text.split("\n")
    skipped = {
        k
        for d in diagnostics
        if d.message.startswith(SKIPPED) and d.line
        for k in range(d.line, (d.end_line or d.line) + 1)
    }
    headings = {part: k for k, line in enumerate(lines, 1) if k not in skipped and (part := _part_heading(line))}
    placed = [
        (v.id, line)
        for v in walk(policy)
        if (line := getattr(getattr(v.node, "span", None), "line", 0) or headings.get(v.id, 0)) and v.id != "policy"
    ]
    regions: list[UnreadRegion] = []
    out: list[Diagnostic] = []
    # (a region after a node of a criteria section, or after the criteria's heading, lies among the criteria: the
    # rules then hold a denial as well as an approval, ``policyvc.rules.runtime.IN_CRITERIA``)
    criteria = {"criteria", *(section.id for section in policy.sections)}
    for d in _merged(diagnostics, lines):
        if not d.message.startswith(SKIPPED) or d.line is None:
            out.append(d)
            continue
        first, last = d.line, d.end_line or d.line
        after = max(((line, k, vid) for k, (vid, line) in enumerate(placed) if line < first), default=(0, 0, "header"))
        what = d.message.removeprefix(SKIPPED)
        inside = " inside the criteria" if after[2].split(".")[0] in criteria else ""
        message = (
            f"not read as a {template.name} policy here{inside} ({what}): its text kept unread as "
            f"`unread{len(regions) + 1}`, every line in its place; the rest read as the policy"
        )
        blocks = _read(lines, first, last, source, template)
        regions.append(UnreadRegion(after[2], blocks, what, tuple(lines[first - 1 : last]), Span(first, 1, last)))
        out.append(Diagnostic(d.severity, message, line=d.line, end_line=d.end_line, page=d.page))
    return replace(policy, unread_regions=tuple(regions)), out


# The parts of a family policy by their heading lines (a part's node has no line of its own): a region right
# under a heading follows that part's heading, not the part before it.
_PART_HEADINGS = (
    ("description", lazy(r"^\W{0,4}Description\s*$")),
    ("indications", lazy(r"^\W{0,4}FDA[- ]Approved Indications?(?:\(s\))?\s*$")),
    ("criteria", lazy(r"^\W{0,4}Policy/Criteria\s*$")),
    # (by their titles, whatever their numerals: an edition that leaves a section out numbers the rest on)
    ("IV", lazy(r"^\W{0,4}[IVX]{1,5}\.\s+Appendices")),
    ("V", lazy(r"^\W{0,4}[IVX]{1,5}\.\s+Dosage")),
    ("VI", lazy(r"^\W{0,4}[IVX]{1,5}\.\s+Product Availability")),
    ("VII", lazy(r"^\W{0,4}[IVX]{1,5}\.\s+References")),
    ("coding", lazy(r"^\W{0,4}Coding Implications\s*$")),
    ("log", lazy(r"^\W{0,4}Reviews, Revisions,? and Approvals")),
    ("reminder", lazy(r"^\W{0,4}Important Reminder\s*$")),
)


def _part_heading(line: str) -> str | None:
    """The part whose heading ``line`` is, if it is one."""
    return next((part for part, pattern in _PART_HEADINGS if pattern.match(line)), None)


def _merged(diagnostics: Sequence[Diagnostic], lines: list[str]) -> list[Diagnostic]:
    """``diagnostics`` with the regions set aside one after another (only blank lines between: a table's rows
    skipped one by one) as one region, named by the first's error."""
    out: list[Diagnostic] = []
    for d in diagnostics:
        last = out[-1] if out else None
        if (
            last is not None
            and d.message.startswith(SKIPPED)
            and last.message.startswith(SKIPPED)
            and d.line is not None
            and last.line is not None
            and (end := last.end_line or last.line) < d.line
            and not any(line.strip() for line in lines[end : d.line - 1])
        ):
            out[-1] = replace(last, end_line=d.end_line or d.line)
            continue
        out.append(d)
    return out


def _read(lines: list[str], first: int, last: int, source: str, template: Template) -> tuple[Block, ...]:
    """Lines ``first``..``last`` (1-based) read by the outline reader, every other line blank (so each block
    keeps its line), as plain blocks."""
    from policyvc.parser.documents import read_document

    alone = ["" if not first <= k <= last else line for k, line in enumerate(lines, 1)]
    document, _ = read_document("\n".join(alone), source, template)
    blocks = _plain([*(b for sec in document.body for b in (sec,))])
    if not blocks:  # (lines the outline reader gives no block: kept as they are, a paragraph each)
        blocks = [
            Paragraph(" ".join(line.split()), Span(k, 1, k))
            for k, line in enumerate(lines, 1)
            if first <= k <= last and line.strip()
        ]
    # (the region's first line, when the outline reader took it for the document's title — a section's heading the
    # family does not know, ``VI. Continuity of Care`` — kept as its first paragraph, never dropped)
    top = next((k for k in range(first, last + 1) if lines[k - 1].strip()), 0)
    if top and not any(b.span.line <= top <= max(b.span.end_line, b.span.line) for b in blocks):
        blocks.insert(0, Paragraph(" ".join(lines[top - 1].split()), Span(top, 1, top)))
    return tuple(blocks)


def _plain(blocks: Sequence[SectionBlock]) -> list[Block]:
    """Blocks of a document read by its outline as plain blocks: a heading as a paragraph, a criteria group as
    its lead-in, its criteria as a list (their markers kept), its notes and durations as paragraphs."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Section):
            if b.title:
                out.append(Paragraph(f"{b.marker}. {b.title}" if b.marker else b.title, b.span))
            out.extend(_plain(b.blocks))
        elif isinstance(b, CriteriaSet):
            rule = f" ({b.rule.text})" if b.rule and b.rule.text and b.rule.text not in b.title else ""
            head = f"{b.letter}. {b.title}" if b.letter else b.title
            if head.strip():
                out.append(Paragraph(head + rule, b.span))
            if b.criteria:
                out.append(Bullets(tuple(_item(c) for c in b.criteria), b.span))
            out.extend(Paragraph(f"*{n.text}", n.span) for n in b.notes)
            out.extend(
                Paragraph(" – ".join(filter(None, ("/".join(d.lines_of_business), d.text))), d.span)
                for d in b.durations
            )
        else:
            out.append(b)
    return out


def _item(c: Criterion) -> Bullet:
    """A criterion as a list item: its marker, its words (its notes after them), its sub-criteria under it."""
    text = " ".join([c.text + c.footnote, *(f"*{n.text}" for n in c.notes)])
    return Bullet("", c.marker, c.marker_kind, text, tuple(_item(k) for k in c.children), c.span)
