"""Tables a copy lost the tabs of, given back their columns: code tables and dated logs.

A browser's print, pdftotext without ``-layout`` or a copy from a web page writes a table's cells one
after the other with spaces, its rows wrapped like sentences.  Two kinds of table are still plain to
see, because a cell of theirs has a shape of its own:

* a **code table** — rows that start with a procedure code (``81225``, ``0029U``, ``J1442``, a range
  ``81162-81167``) and go on with its description, under a header (``CPT® Codes Description``) or
  none; a row's description may wrap onto lines that go on in lower case, or the code may stand
  alone on its line with its description on the next (a table read cell by cell);
* a **dated log** — under a header that names a history and ends in one or two date columns
  (``Reviews, Revisions, and Approvals Revision Date Approval Date``, ``Policy History Date``), rows
  that end in as many dates (``Annual review. … 09/24 09/24``), their text wrapped over the lines
  above, the dates sometimes alone on a line of their own, the header repeated after a page break.

Each is rewritten as tab-separated rows (the line form's tables) on the lines it took — a row on its
first line, the lines it absorbed left blank — so every line keeps its number (a code table without a
header is given one by the outline).  Page furniture inside a table (a browser's address and counter,
its date stamp, ``Page N of M``) is left where it is, for the furniture pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyvc.parser.furniture import PAGE_NO

__all__ = ["CODE", "printed_by_browser", "space_tables"]

# A procedure code: CPT (5 digits), CPT category II/III and PLA (4 digits and F/T/U), HCPCS (a letter
# and 4 digits); a range of them.
_ONE_CODE = r"(?:\d{5}|\d{4}[FTU]|[A-V]\d{4})"
CODE = re.compile(rf"{_ONE_CODE}(?:\s*[-–]\s*{_ONE_CODE})?")
_CODE_ROW = re.compile(rf"^(?P<code>{CODE.pattern})[ \t]+(?P<rest>\S.*)$")
_CODE_ALONE = re.compile(rf"^(?P<code>{CODE.pattern})$")
_CODES_HEADER = re.compile(
    r"^(?P<codes>(?:CPT|HCPCS|PLA|Procedure|Billing)?\W{0,2}\s*(?:®\s*)?Codes?)\s+(?P<desc>Descriptions?)$", re.I
)
# A log's header: a name that speaks of history, then one or two date columns.
_LOG_HEADER = re.compile(
    r"^(?P<name>.*?\b(?:Revisions?|Reviews?|History|Approvals|Changes|Updates?)\b.*?)\s+"
    r"(?P<cols>(?:(?:Revision|Review|Approval|P&T\s+Approval|Effective)\s+)?Date"
    r"(?:\s+(?:(?:Revision|Review|Approval|P&T\s+Approval|Effective)\s+)?Date)?)$",
    re.I,
)
_NUM_DATE = r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?"
_FURNITURE = re.compile(
    r"^(?:(?:https?|file)://\S+(?:\s+\d+\s*/\s*\d+)?|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}.*)$", re.I
)
# What a browser prints on every page: its date stamp (``3/2/26, 4:05 PM <page title>``) and the page's
# address with its counter (``https://… 1/2``); either shape is the browser's, never a policy's text.
_PRINTED = re.compile(
    r"^(?:\d{1,2}/\d{1,2}/\d{2,4},\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M\b.*|(?:https?|file)://\S+\s+\d+\s*/\s*\d+)$", re.I
)


def _furniture(line: str) -> bool:
    text = line.strip()
    return bool(_FURNITURE.match(text) or PAGE_NO.match(text))


def printed_by_browser(line: str) -> bool:
    """Whether ``line`` is a browser's print furniture (its date stamp, the address and page counter)."""
    return bool(_PRINTED.match(line.strip()))


@dataclass(slots=True)
class _Out:
    lines: list[str]


def space_tables(lines: list[str]) -> list[str]:
    """``lines`` with their space-laid code tables and dated logs as tab-separated rows (see the module doc)."""
    if not any("\t" not in line and (_code_start(line.strip()) or _LOG_HEADER.match(line.strip()))
               for line in lines):  # fmt: skip
        return lines
    out = _Out(list(lines))
    k = 0
    while k < len(lines):
        text = lines[k].strip()
        if "\t" in lines[k] or not text:
            k += 1
            continue
        if m := _LOG_HEADER.match(text):
            k = _log(out, k, m)
        elif _CODES_HEADER.match(text) or _code_run(lines, k):
            k = _codes(out, k)
        else:
            k += 1
    return out.lines


def _code_start(text: str) -> bool:
    return bool(_CODE_ROW.match(text) or _CODE_ALONE.match(text))


def _code_run(lines: list[str], k: int) -> bool:
    """Whether a code table with no header starts at line ``k``: two rows that start with a code, one
    after the other (a wrapped description, blank lines, a code alone above its description between)."""
    if not _code_start(lines[k].strip()):
        return False
    seen = 0
    for line in lines[k : k + 8]:
        text = line.strip()
        if not text or _furniture(text):
            continue
        if _code_start(text):
            seen += 1
            if seen == 2:
                return True
        elif not (text[:1].islower() or text[:1] == "(") and not _CODE_ALONE.match(lines[k].strip()):
            return False
    return False


def _codes(out: _Out, k: int) -> int:
    """A code table from line ``k`` (its header, or its first row); the line after it."""
    lines = out.lines
    text = lines[k].strip()
    row = None  # the line of the open row
    if m := _CODES_HEADER.match(text):
        out.lines[k] = f"{m.group('codes').strip()}\t{m.group('desc')}"
        k += 1
    while k < len(lines):
        text = lines[k].strip()
        if not text or _furniture(text):
            if _next_is_row(lines, k) or (row is not None and out.lines[row].endswith("\t")):
                k += 1
                continue
            break
        if _code_start(text):
            out.lines[k] = _code_cells(text)
            row = k
        elif row is not None and (text[:1].islower() or text[:1] == "(" or out.lines[row].endswith("\t")):
            out.lines[row] = out.lines[row] + ("" if out.lines[row].endswith("\t") else " ") + text
            out.lines[k] = ""
        else:
            break
        k += 1
    return k


def _code_cells(text: str) -> str:
    if m := _CODE_ROW.match(text):
        return f"{m.group('code')}\t{m.group('rest')}"
    return f"{text}\t"  # (a code alone: its description is on the next line)


def _next_is_row(lines: list[str], k: int) -> bool:
    for line in lines[k + 1 : k + 6]:
        text = line.strip()
        if text and not _furniture(text):
            return _code_start(text)
    return False


def _log(out: _Out, k: int, header: re.Match[str]) -> int:
    """A dated log from its header at line ``k``; the line after it."""
    lines = out.lines
    cols = header.group("cols")
    names = re.findall(r"(?:(?:Revision|Review|Approval|P&T\s+Approval|Effective)\s+)?Date", cols, re.I)
    n = len(names)
    tail = re.compile(rf"^(?P<text>.*?)\s*(?P<dates>{_NUM_DATE}(?:\s+{_NUM_DATE}){{{n - 1}}})$")
    first = header.group(0)
    out.lines[k] = "\t".join([header.group("name").strip(), *names])
    pending: list[int] = []  # the lines of the row being read (its text)
    k += 1
    while k < len(lines):
        text = lines[k].strip()
        if not text:
            if not pending:
                break
            k += 1
            continue
        if _furniture(text):
            k += 1
            continue
        if "\t" in text:
            break
        if (m := _LOG_HEADER.match(text)) and m.group(0) == first:
            out.lines[k] = "\t".join([m.group("name").strip(), *names])  # (repeated after a page break)
            k += 1
            continue
        m = tail.match(text)
        if m is None and not pending and _ends_section(text):
            break
        if m is None:
            pending.append(k)
            k += 1
            continue
        words = [lines[j].strip() for j in pending] + ([m.group("text")] if m.group("text") else [])
        at = pending[0] if pending else k
        for j in [*pending, k]:
            out.lines[j] = ""
        out.lines[at] = "\t".join([" ".join(words), *m.group("dates").split()])
        pending = []
        k += 1
    for j in pending:  # (text with no dates after it: a row of its own, kept, without a date)
        out.lines[j] = lines[j].strip() + "\t" * n
    return k


def _ends_section(text: str) -> bool:
    """A line that is no row of a log: a heading's shape (short, no sentence's end, capitalised words)."""
    words = text.split()
    return len(words) <= 6 and not text.endswith((".", ";", ",")) and all(w[:1].isupper() for w in words)
