"""Binders: one file holding several policies one after the other, and where each starts.

Payers and plans publish binders — a state plan's print of two of the family's policies, a pharmacy benefit
manager's criteria book, a web page listing two related policies.  Read as one policy, the second policy's
head and sections would fold into the first's (its criteria under the first's reference number and date), so
every reading asks :func:`policy_starts` first.

A policy's **head** is a cluster of labelled header fields close together (a few lines apart): a title
(``Clinical Policy: <drug>``, ``Title:``), an identifier (``Reference Number: CP.PHAR.571``, ``Policy
Number: MP-12``) and a date (``Effective Date:``, ``Last Review Date:``), each label starting its line (or a
cell of a row: ``Policy Number: MP-12    Effective Date: 01/01/2026``, a tab, a dotted leader); at least two
of title / identifier / date, one of them the title or the identifier.  A further policy starts where a head
stands after the policy above has **closed** — its history, references, coding or closing notice (the
back matter every policy ends with) has been written since its own head — and that head names another
policy: a field both heads state differs (another identifier or title; the same policy's head restated
with other dates is another version of it).  So none of these starts a policy: a sentence or reference
naming another policy (``see CP.PHAR.xxx``: no label starts the line), a running header repeating the title
and number on every page (the same values), a table of contents (no labelled fields), a revision log naming
other policies, a head restated before the body.  A head after the back matter that states nothing the
first head states (a title where the first had only a number) is no sure start: a warning
(:func:`policy_starts` gives it in ``doubts``), never a split.

A further policy starts at its head's first line, taken up over the few title lines right above its first
field (``Bariatric Surgery`` / ``Policy Number: …``; a plan's name above that), never over a line the policy
above ends with: a sentence's end, a table row, a list item, a dated row, a page's number, back matter's
heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.prebuilt import dataclass
from policyvc.parser.template_spec import BACK_MATTER_NAME

__all__ = ["Binder", "PolicyStart", "policy_starts"]


@dataclass(frozen=True, slots=True)
class PolicyStart:
    """Where one policy of a binder starts: the 1-based line, and what its head says of it."""

    line: int
    reference: str = ""
    title: str = ""

    @property
    def named(self) -> str:
        """``(CP.PHAR.571, Somatrogon-ghla (Ngenla))`` — what a message calls it."""
        parts = [p for p in (self.reference, self.title) if p]
        return f"({', '.join(parts)})" if parts else "(no identifier or title stated)"


@dataclass(frozen=True, slots=True)
class Binder:
    """The policies of a text (one start per policy; the first at line 1) and the heads that may start one."""

    starts: tuple[PolicyStart, ...]
    doubts: tuple[PolicyStart, ...] = ()

    @property
    def count(self) -> int:
        return len(self.starts)

    def parts(self, text: str) -> list[str]:
        """``text`` cut at each start: one text per policy, every line kept (the last ends where the text does)."""
        lines = text.split("\n")
        bounds = [s.line - 1 for s in self.starts[1:]]
        out = []
        begin = 0
        for end in bounds:
            out.append("\n".join(lines[begin:end]).rstrip("\n \t\f") + "\n")
            begin = end
        out.append("\n".join(lines[begin:]))
        # (a page break a policy starts at is the binder's, between two policies: never the part's first character)
        return [out[0], *(part.removeprefix("\f") for part in out[1:])]


# --- header fields ------------------------------------------------------------------------------------------------

# The labels that name a policy's title, identifier and dates (every template's, and the generic reader's):
# only where a label starts its line or a cell, with its stop (a colon, ``#``, a tab, a dotted leader).
_TITLE_LABELS = (
    "Clinical Policy", "Title", "Policy Title", "LCD Title", "NCD Title", "Policy Name", "Subject",
    "Guideline Name", "Medical Policy Title", "Document Title", "Topic",
)  # fmt: skip
_REFERENCE_LABELS = (
    "Reference Number", "Reference Number(s)", "Policy Number", "Policy Number(s)", "Coverage Policy Number",
    "Medical Policy Number", "Clinical Policy Number", "Guideline Number", "Guideline ID", "Guideline #",
    "Clinical Policy Bulletin Number", "CPB Number", "LCD ID", "NCD ID", "NCD Number", "Policy No.", "Policy No",
    "Policy #", "Policy ID", "Document Number", "Document #", "Document ID", "MP Number", "MP #", "Policy Code",
    "Medical Policy No.", "Program Number", "Number", "Criteria ID", "Protocol Number", "Drug Policy Number",
)  # fmt: skip
_DATE_LABELS = (
    "Effective Date", "Revision Effective Date", "Current Policy Effective Date", "Current Effective Date",
    "Policy Effective Date", "Effective", "Last Review Date", "Last Review", "Last Reviewed", "Last Reviewed Date",
    "Last Revised", "Last Revision Date", "Date of Last Revision", "Review Date", "Last Updated", "Publish Date",
    "Published Date", "Publication Date", "Date Published", "Last Approval Date", "Approval Date",
    "Revision Date", "Date Revised", "Last Modified", "Last Modified Date",
)  # fmt: skip
_KINDS = {
    **{label.casefold(): "title" for label in _TITLE_LABELS},
    **{label.casefold(): "reference" for label in _REFERENCE_LABELS},
    **{label.casefold(): "date" for label in _DATE_LABELS},
}


def _names(labels: Sequence[str]) -> str:
    return "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(labels, key=len, reverse=True))


_ALL = _names([*_TITLE_LABELS, *_REFERENCE_LABELS, *_DATE_LABELS])
# a label, its stop, its value (up to the next cell); a label ending in its own stop (``Policy No.``) needs none
_FIELD = lazy(
    rf"(?P<label>{_ALL})(?:[*†]?[ ]*(?::|#(?!\w)|\.{{3,}}|…+)|(?<=[.#])|[ ]*\t)[ \t]*(?P<value>[^\t]*?)[ \t]*$", re.I
)
# a label alone on its line (its value on the next one, as a web page's grid is copied)
_LABEL_ALONE = lazy(rf"^\W{{0,4}}(?P<label>{_ALL})\s*[:#]?\s*$", re.I)
# where a cell starts on a line: its start (after a bullet's or a heading's mark), a tab, a gap, a bar
_CELLS = lazy(r"\t+|[ ]{2,}|\s\|\s|\s·\s|;\s")
_LEAD = lazy(r"^[\W_]{0,4}")
# a cheap test first: a label somewhere at a cell's start
_ANY_LABEL = lazy(rf"(?:^[\W_]{{0,4}}|\t|[ ]{{2}}|\|\s|;\s)(?:{_ALL})(?:\b|(?<=[.#]))", re.I)
# a table of contents' entry: a dotted leader and a page number end it (``Clinical Policy: X ........ 1``)
_CONTENTS_ENTRY = lazy(r"\S\s*(?:\.{3,}|…+)\s*\d{1,4}\s*$")
# an identifier: one token with a digit, no date's slash (``CP.PHAR.571``, ``MP-12``, ``0050``, ``L38902``)
_IDENT = lazy(r"[A-Za-z0-9][\w.\-]{0,30}")
_DATE_VALUE = lazy(r"\d")  # (a date field's value holds a number: ``09.01.23``, ``January 1, 2026``, ``08.25``)


@dataclass(frozen=True, slots=True)
class _Field:
    kind: str  # "title", "reference", "date"
    value: str  # the title or identifier as stated (normalised for comparison by _key), the date as written
    line: int  # 0-based
    family: bool = False  # the family's title line (``Clinical Policy: <drug>``)


def _value(kind: str, value: str) -> str:
    if _CONTENTS_ENTRY.search(value):  # (a value, then a leader to its page: a table of contents' entry)
        return ""
    value = value.strip(" ;|,")
    if kind == "reference":
        token = value.split()[0].rstrip(".,;") if value.split() else ""
        ok = _IDENT.fullmatch(token) and any(c.isdigit() for c in token) and not re.fullmatch(r"(?:19|20)\d\d", token)
        return token if ok else ""
    if kind == "date":
        return value if _DATE_VALUE.search(value) and len(value) <= 60 else ""
    # a title: a name, never a sentence (at most 16 words, no sentence's end inside it)
    if not value or len(value.split()) > 16 or re.search(r"[.!?]\s+[A-Z]", value) or value.endswith((".", ":")):
        return ""
    return value


def _line_fields(lines: Sequence[str], k: int) -> list[_Field]:
    """The head fields of line ``k``: each label starting the line or one of its cells."""
    line = lines[k]
    if len(line) > 300 or not _ANY_LABEL.search(line):
        return []
    out: list[_Field] = []
    alone = _LABEL_ALONE.match(line)
    if alone:  # a label alone: its value is the next non-blank line (within two), when that holds no label
        below = next((lines[j] for j in range(k + 1, min(k + 3, len(lines))) if lines[j].strip()), "")
        if below and not _ANY_LABEL.search(below) and len(below) <= 120:
            kind = _KINDS[" ".join(alone["label"].split()).casefold()]
            value = _value(kind, below)
            return [_Field(kind, value, k)] if value else []
        return []
    body = _LEAD.sub("", line.rstrip())
    cells = _CELLS.split(body)
    for n, cell in enumerate(cells):
        m = _FIELD.match(cell)
        label: str
        raw: str
        if m is None:
            # a label in a cell of its own and its value in the next (``Policy Number <TAB> MP-12``)
            bare = _LABEL_ALONE.match(cell)
            if bare is None or n + 1 >= len(cells):
                continue
            label, raw = bare["label"], cells[n + 1]
        else:
            label, raw = m["label"], m["value"] or ""
        named = _KINDS.get(" ".join(label.split()).casefold())
        if named is None:
            continue
        value = _value(named, raw)
        if value:
            out.append(_Field(named, value, k, " ".join(label.split()).casefold() == "clinical policy"))
    return out


# --- heads ----------------------------------------------------------------------------------------------------------

_GAP = 6  # lines between two fields of one head (blank lines count: an export sets one between fields)
_BODY = 8  # non-blank lines a policy's body has at least between its head and the next policy's


@dataclass(frozen=True, slots=True)
class _Head:
    first: int  # 0-based line of its first field
    last: int
    fields: tuple[_Field, ...]

    def get(self, kind: str) -> str:
        return next((f.value for f in self.fields if f.kind == kind), "")

    @property
    def whole(self) -> bool:
        """A policy's head: a title or an identifier, and a date (or the family's title line and its reference
        number) — and one policy's: a list of several titles or identifiers (related policies, an index) is none."""
        kinds = {f.kind for f in self.fields}
        named = "title" in kinds or "reference" in kinds
        family = any(f.family for f in self.fields) and "reference" in kinds
        if not (named and ("date" in kinds or family)):
            return False
        return all(len({_key(f.value) for f in self.fields if f.kind == kind}) <= 1 for kind in ("title", "reference"))


def _key(text: str) -> str:
    return " ".join(re.split(r"[\W_]+", text.casefold())).strip()


def _differs(new: _Head, old: _Head) -> bool | None:
    """Whether ``new`` names another policy than ``old``: a field both state differs (``None``: none in common)."""
    common = False
    for kind in ("reference", "title"):
        a, b = new.get(kind), old.get(kind)
        if a and b:
            common = True
            if _key(a) != _key(b):
                return True
    if not common:
        return None
    # the same identifier and title: another version of it only with a whole head of other dates (a running
    # header restates the title and number, not the dates)
    dates_new = {_key(f.value) for f in new.fields if f.kind == "date"}
    dates_old = {_key(f.value) for f in old.fields if f.kind == "date"}
    kinds = {f.kind for f in new.fields}
    return bool(dates_new and dates_old and not dates_new & dates_old and {"title", "reference"} <= kinds)


def _heads(lines: Sequence[str]) -> list[_Head]:
    heads: list[_Head] = []
    run: list[_Field] = []
    for k in range(len(lines)):
        found = _line_fields(lines, k)
        if not found:
            continue
        if run and k - run[-1].line > _GAP:
            heads.append(_Head(run[0].line, run[-1].line, tuple(run)))
            run = []
        run.extend(found)
    if run:
        heads.append(_Head(run[0].line, run[-1].line, tuple(run)))
    return [h for h in heads if h.whole]


# back matter a policy ends with: its history, references, codes, closing notice (a heading, or a history
# table's header row)
_CLOSING = lazy(
    r"^[\W_]{0,4}(?:Important Reminder|Disclaimer|Reviews,? Revisions,? and Approvals|Revision Log|"
    r"Policy History|Document History|Revision History|History|References|Bibliography|Coding Implications|"
    r"Applicable Codes|Coding Information|Legal (?:and Privacy|Notice)|Notices?)\b",
    re.I,
)


def _closes(line: str) -> bool:
    text = line.strip().strip("#*").strip()
    if not text or len(text) > 80:
        return False
    if _CLOSING.match(text):
        return True
    head = text.split("\t")[0].strip().removesuffix(":")
    return bool(BACK_MATTER_NAME.match(head))


# a line the policy above ends with, never a title of the next one
_ENDS_ABOVE = lazy(
    r"(?:[.;!?]\W{0,3}$|^\W{0,4}(?:https?|file)://|^\W{0,4}(?:[-•*o▪]\s|\(?\d{1,3}[.)]\s|\(?[a-z]{1,4}[.)]\s)|\t|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
    r"\b(?:19|20)\d\d\b|\d{1,2}/\d{4})"
)
_HEAD_UP = 16  # lines above a head's first field that may still be its title block
_HEAD_LINES = 8  # non-blank lines of it at most
# a page's first line as a browser prints it: its date and time, then the page's title (``12/5/26, 3:28 PM``)
_PRINT_STAMP = lazy(r"^\f?\s*\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp]\.?[Mm]\b")


_LABELLED = lazy(r"^\W{0,4}[A-Z][\w ()/&-]{1,40}:\s+\S")


def _labelled(text: str) -> bool:
    """Whether ``text`` is a labelled field of a head (``Topic: … Date of Origin: March 2012``), no row's."""
    return bool(_LABELLED.match(text)) and "\t" not in text and not text.endswith(".")


def _start(lines: Sequence[str], head: _Head, floor: int) -> int:
    """The 0-based line a policy whose head is ``head`` starts at: its first field, or the title lines above it
    (never at or above ``floor``, the last line the policy above certainly holds)."""
    from policyvc.parser.page_numbers import page_number_line

    start = head.first
    taken = 0
    for k in range(head.first - 1, max(floor, head.first - _HEAD_UP - 1), -1):
        text = lines[k].strip()
        if not text:
            continue
        if _PRINT_STAMP.match(lines[k]):  # a browser's print of the page starts here
            start = k
            break
        if (
            len(text) > 100
            or (_ENDS_ABOVE.search(text) and not _labelled(text))
            or _closes(text)
            or page_number_line(text)
            or taken >= _HEAD_LINES
        ):
            break
        start = k
        taken += 1
        if lines[k].startswith("\f"):  # a page's first line: the page break is where the policy starts
            break
    return start


def policy_starts(text: str) -> Binder:
    """The policies ``text`` holds, each by where it starts (see the module doc); one for a single policy."""
    lines = text.split("\n")
    heads = _heads(lines)
    if len(heads) < 2:
        return Binder((PolicyStart(1, heads[0].get("reference"), heads[0].get("title")) if heads else PolicyStart(1),))
    first = heads[0]
    starts = [PolicyStart(1, first.get("reference"), first.get("title"))]
    doubts: list[PolicyStart] = []
    current = first  # the head of the policy being read
    closed_at: int | None = None  # the first line of back matter since ``current``
    body = 0
    k = current.last + 1
    for head in heads[1:]:
        for j in range(k, head.first):
            text = lines[j]
            if text.strip():
                body += 1
                if closed_at is None and body >= 2 and _closes(text):
                    closed_at = j
        k = max(k, head.first)
        differs = _differs(head, current)
        if closed_at is None or body < _BODY or differs is False:
            k = max(k, head.last + 1)
            continue
        start = _start(lines, head, closed_at)
        named = PolicyStart(start + 1, head.get("reference"), head.get("title"))
        if differs is None:
            doubts.append(named)
            k = max(k, head.last + 1)
            continue
        starts.append(named)
        current, closed_at, body = head, None, 0
        k = head.last + 1
    return Binder(tuple(starts), tuple(doubts))
