"""A revision log whose cells a print centred vertically, as ``pdftotext -layout`` lays it out.

A browser or an office suite printing a log table with its cells middle-aligned puts a row's dates on the
line in the middle of its description: ``pdftotext -layout`` then writes the description's first lines
above the dates, the rest below them, and the next row's first lines right after::

    Annual review. Added 43775 to coding table. References
                                                        10/25        10/25
    reviewed and updated.

Read from the top, the lines under the dates look like the start of the next row, and that row's dates go
to the wrong text (the last row's rest is left with no date at all).  A header cell of two lines is centred
the same way, its first word above the header's line and its last below it (``Approval`` / ``Revision Date``
/ ``Date``).

A centred row has as many of its description's lines above its dates as below them (one line of it may
share the dates' line).  So the text lines between two dates lines split between the two rows in only one
way, from the first row down; where they do not — a count goes below nought, the lines after the last
dates are not the last row's rest, a row would start in lower case or across a blank line — the log is not
centred and is left as it is, for the log readers (:mod:`~policyvc.parser.space_tables`).  Where they do,
each row is written back as a top-aligned table's row — its description's lines in order, its dates in
their columns on the first, as ``-layout`` writes a top-aligned table — on the lines it took, so every line
keeps its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyvc.lazy_re import lazy

__all__ = ["centred_codes", "centred_log"]

# a log's name (a history word in it), then its columns' names, each two spaces or more apart
_HISTORY = lazy(r"\b(?:Revisions?|Reviews?|History|Approvals|Changes|Updates?)\b", re.I)
_WORD = r"(?:P&T|Revision|Review|Approval|Effective)"
_COLUMN_WORDS = lazy(rf"^(?:{_WORD}\s+)*(?:{_WORD}|Date)$", re.I)
_DATE = r"(?:\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|\d{1,2}/(?:19|20)\d\d)"
_SEGMENT = lazy(r"\S(?:\S| (?! ))*")
_NEAR = 3  # (how far a cell may start from its column's name: a date is set a little off it)


@dataclass(frozen=True, slots=True)
class _Header:
    line: int  # (0-based)
    indent: int  # where the log's name starts
    columns: tuple[int, ...]  # where each date column starts
    names: tuple[str, ...]  # the date columns' names, whole
    above: int | None  # the line of a centred cell's first word, or None
    below: int | None


def _segments(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SEGMENT.finditer(line)]


def _column_names(line: str, start: int, alone: bool = True) -> list[tuple[int, str]] | None:
    """The column names of ``line`` from column ``start`` on (``alone``: the line has nothing before them)."""
    found = [(x, t) for x, t in _segments(line) if x >= start]
    if not found or (alone and any(x < start for x, _ in _segments(line))):
        return None
    if not all(_COLUMN_WORDS.match(t) for _, t in found):
        return None
    return found


def _header(lines: list[str], k: int) -> _Header | None:
    segments = _segments(lines[k])
    if len(segments) < 2 or not _HISTORY.search(segments[0][1]) or "\f" in lines[k]:
        return None
    start = segments[0][0] + len(segments[0][1]) + 2
    middle = _column_names(lines[k], start, alone=False)
    if middle is None:
        return None
    cells: dict[int, list[str]] = {x: [t] for x, t in middle}
    above = below = None
    up = _column_names(lines[k - 1], start) if k > 0 and lines[k - 1].strip() else None
    down = _column_names(lines[k + 1], start) if k + 1 < len(lines) and lines[k + 1].strip() else None
    if up is not None and down is not None:
        for x, t in up:  # (a centred cell: its first word above the header's line, its last below)
            if (under := next((d for d in down if abs(d[0] - x) <= _NEAR), None)) is None:
                return None
            at = next((c for c in cells if abs(c - x) <= _NEAR), None)
            if at is None:
                cells[x] = [t, under[1]]
            else:
                cells[at] = [t, *cells[at], under[1]]
        if len(down) != len(up):
            return None
        above, below = k - 1, k + 1
    elif down is not None and all(any(abs(c - x) <= _NEAR for c in cells) for x, _ in down):
        for x, t in down:  # (a header cell wrapped under its first word, top-aligned: ``Approval`` / ``Date``)
            cells[next(c for c in cells if abs(c - x) <= _NEAR)].append(t)
        below = k + 1
    columns = tuple(sorted(cells))
    names = tuple(" ".join(cells[x]) for x in columns)
    if not all(n.lower().endswith("date") for n in names):
        return None
    return _Header(k, segments[0][0], columns, names, above, below)


def _dated(line: str, header: _Header) -> tuple[str, list[str]] | None:
    """``(text, dates)`` of a row's dates line: a date in each column (at the end), text before them or none — the
    last columns' cells may be empty (a row with no approval month: ``Added HCPCS code J2350`` ⋯ ``01.08.18``)."""
    n = len(header.columns)
    m = re.match(rf"^(?P<text>.*?)\s*(?P<dates>{_DATE}(?:\s+{_DATE}){{0,{n - 1}}})\s*$", line)
    if m is None or (m.group("text") and len(line) - len(line.lstrip()) > header.indent + _NEAR):
        return None
    starts = [s.start() + m.start("dates") for s in re.finditer(r"\S+", m.group("dates"))]
    # (text that runs up to the first date pushes it left of its column: ``… criterion 02.02.26`` ⋯ ``05.26``)
    pushed = bool(m.group("text")) and starts[0] < header.columns[0] and line[starts[0] - 2] != " "
    if any(
        abs(s - x) > _NEAR and not (n == 0 and pushed)
        for n, (s, x) in enumerate(zip(starts, header.columns, strict=False))
    ):
        return None
    return m.group("text").strip(), m.group("dates").split()


def _fits(line: str, header: _Header) -> bool:
    """Whether ``line`` is a description's line: under the log's name, short of the first date column."""
    segments = _segments(line)
    return (
        bool(segments)
        and abs(segments[0][0] - header.indent) <= _NEAR
        and segments[-1][0] + len(segments[-1][1]) < header.columns[0]
    )


def _rows(lines: list[str], header: _Header) -> tuple[list[tuple[list[int], list[str], list[str]]], int] | None:
    """The log's rows (their lines, in order, and their dates) and the line after the log; None where the
    rows are not centred."""
    k = (header.below if header.below is not None else header.line) + 1
    kinds: list[tuple[int, str]] = []  # (line, "t" text, "d" dates, "b" blank)
    blank = 0
    while k < len(lines):
        line = lines[k]
        if not line.strip():
            blank += 1
            if blank > 1:
                break
            kinds.append((k, "b"))
        elif "\f" in line:
            break
        elif _dated(line, header) is not None:
            kinds.append((k, "d"))
            blank = 0
        elif _fits(line, header):
            kinds.append((k, "t"))
            blank = 0
        else:
            break
        k += 1
    dated = [p for p, (_, kind) in enumerate(kinds) if kind == "d"]
    if dated:  # (the log ends at the blank line after its last dates: a heading one blank line below is no row's)
        kinds = kinds[: next((j for j in range(dated[-1] + 1, len(kinds)) if kinds[j][1] == "b"), len(kinds))]
    while kinds and kinds[-1][1] == "b":
        kinds.pop()
    end = kinds[-1][0] + 1 if kinds else k
    if len(dated) < 2:
        return None
    # the text lines between dates lines, split evenly around each row's dates
    rows: list[tuple[list[int], list[str], list[str]]] = []  # (its lines, its description's lines, its dates)
    at = 0  # (the position in ``kinds`` where the open row starts)
    centred = False
    for q, p in enumerate(dated):
        above = [kinds[j] for j in range(at, p)]
        if any(kind == "b" for _, kind in above[1:]):
            return None  # (a blank line inside a row)
        above = [a for a in above if a[1] == "t"]
        stop = dated[q + 1] if q + 1 < len(dated) else len(kinds)
        texts = [j for j in range(p + 1, stop) if kinds[j][1] == "t"]
        if len(texts) < len(above):
            return None
        below = texts[: len(above)]
        if q + 1 == len(dated) and len(texts) != len(above):
            return None  # (the lines after the last dates are not the last row's rest)
        if below and any(kinds[j][1] == "b" for j in range(p + 1, below[-1])):
            return None
        centred = centred or bool(below)
        text, dates = _dated(lines[kinds[p][0]], header) or ("", [])
        parts = [
            *(lines[j].strip() for j, _ in above),
            *([text] if text else []),
            *(lines[kinds[j][0]].strip() for j in below),
        ]
        if not parts or not (parts[0][:1].isupper() or parts[0][:1].isdigit()):
            return None
        rows.append(([*(j for j, _ in above), kinds[p][0], *(kinds[j][0] for j in below)], parts, dates))
        at = (below[-1] + 1) if below else p + 1
    return (rows, end) if centred else None


def centred_log(lines: list[str]) -> list[str]:
    """``lines`` with each centred log's rows written a row a line (see the module doc); as many lines."""
    if not any(_HISTORY.search(line) for line in lines):
        return lines
    out = list(lines)
    k = 0
    while k < len(out):
        header = _header(out, k) if _HISTORY.search(out[k]) else None
        found = _rows(out, header) if header is not None else None
        if header is None or found is None:
            k += 1
            continue
        rows, end = found
        name = out[k][: out[k].index(" " * 2, header.indent)]
        out[k] = _laid(name, header.names, header.columns)
        for j in (header.above, header.below):
            if j is not None:
                out[j] = ""
        pad = " " * header.indent
        for taken, texts, dates in rows:
            for j in taken:
                out[j] = ""
            for j, text in zip(taken, texts, strict=False):
                out[j] = pad + text
            out[taken[0]] = _laid(out[taken[0]], dates, header.columns)
        k = end
    return out


def _laid(text: str, cells: tuple[str, ...] | list[str], columns: tuple[int, ...]) -> str:
    """``text`` then ``cells`` each at its column (or two spaces after what comes before)."""
    line = text.rstrip()
    for cell, x in zip(cells, columns, strict=False):  # (a row's last cells may be empty)
        line = line + " " * max(2, x - len(line)) + cell
    return line


# --- a code table whose description a print centred on its code ------------------------------------------

_ONE_CODE = r"(?:[A-Z0-9]\d{3}[0-9A-Z]|[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)"  # (CPT/HCPCS, or ICD-10)
_CODE = lazy(rf"^{_ONE_CODE}(?:\s*[-–]\s*{_ONE_CODE})?$")
_CODES_NAME = lazy(r"^(?:(?:CPT|HCPCS|PLA|ICD-?10(?:-CM|-PCS)?)[®*]*\s*(?:/\s*HCPCS\s*)?)?Codes?$", re.I)
_DESCRIPTION = lazy(r"^Descriptions?$", re.I)


def _codes_header(lines: list[str], k: int) -> tuple[str, str, list[int]] | None:
    """A code table's header at line ``k`` (``HCPCS Codes   Description``, or its code column's name centred
    over two lines around the header's line: ``CPT®`` / ``Description`` / ``Codes``): its names and its lines."""
    segments = _segments(lines[k])
    if len(segments) == 2 and _CODES_NAME.match(segments[0][1]) and _DESCRIPTION.match(segments[1][1]):
        return segments[0][1], segments[1][1], [k]
    if len(segments) == 2 and _DESCRIPTION.match(segments[1][1]) and 0 < k < len(lines) - 1:
        # the code column's name over three lines, centred on the header's: ``CPT®/`` / ``HCPCS`` / ``Codes``
        up, down, x = _segments(lines[k - 1]), _segments(lines[k + 1]), segments[0][0]
        if len(up) == 1 and len(down) == 1 and all(abs(s[0][0] - x) <= _NEAR for s in (up, down)):
            # (no space after a slash the line broke at: ``CPT®/HCPCS Codes``, as the cell writes it)
            name = f"{up[0][1]}{'' if up[0][1].endswith('/') else ' '}{segments[0][1]} {down[0][1]}"
            return (name, segments[1][1], [k - 1, k, k + 1]) if _CODES_NAME.match(name) else None
    if len(segments) != 1 or not _DESCRIPTION.match(segments[0][1]) or not 0 < k < len(lines) - 1:
        return None
    up, down = _segments(lines[k - 1]), _segments(lines[k + 1])
    if len(up) != 1 or len(down) != 1 or abs(up[0][0] - down[0][0]) > _NEAR or up[0][0] >= segments[0][0]:
        return None
    name = f"{up[0][1]} {down[0][1]}"
    return (name, segments[0][1], [k - 1, k, k + 1]) if _CODES_NAME.match(name) else None


def _code_line(line: str) -> tuple[str, str] | None:
    """``(code, text)`` of a code's line: the code alone, or its description's line two spaces after it."""
    first, _, rest = line.strip().partition("  ")
    return (first, rest.strip()) if _CODE.match(first) else None


def _page_break(lines: list[str], k: int) -> int | None:
    """Where the rows go on when line ``k`` starts a page break inside a code table: the line after the code
    header the next page repeats, a page's footer (a line or two) before the form feed and its running header
    (a few lines) before the header; None where no form feed and repeated header follow."""
    feed = next((j for j in range(k, min(k + 8, len(lines))) if "\f" in lines[j]), None)
    if feed is None or sum(1 for j in range(k, feed) if lines[j].strip()) > 2:
        return None
    seen = 0
    for j in range(feed, min(feed + 12, len(lines))):
        plain = [line.replace("\f", "") for line in lines[max(0, j - 1) : j + 2]]
        header = _codes_header(plain, 1 if j > 0 else 0) if "escription" in lines[j] else None
        if header is not None:
            return j + (2 if len(header[2]) == 3 else 1)
        if lines[j].strip():
            seen += 1
            if seen > 4:
                return None
    return None


def _code_rows(lines: list[str], k: int) -> tuple[list[tuple[list[int], str, list[str]]], int] | None:
    """The rows of a code table whose body starts at line ``k``, each centred on its code: their lines, code
    and description's lines; and the line after the table; None where they are not so.  Rows blank lines
    apart are a group each (one code in each: a page break inside one is no end of it); rows with nothing
    between them split the lines between two codes evenly (as many of a description's lines above its code
    as below).  A page break whose next page repeats the code header goes on with the table, its footer,
    running header and repeated header no row (``f``); a row it cuts is the lines on both sides of it."""
    kinds: list[tuple[int, str]] = []
    indent: int | None = None
    code_at: int | None = None
    blank = 0
    while k < len(lines):
        line = lines[k].replace("\f", "")
        text = line.strip()
        at = len(line) - len(line.lstrip())
        coded = _code_line(line)
        if not text:
            blank += 1
            kinds.append((k, "f" if kinds and kinds[-1][1] == "f" else "b"))  # (the blank lines after a break: its)
        elif coded is not None and (code_at is None or abs(at - code_at) <= _NEAR):
            code_at = at if code_at is None else code_at
            kinds.append((k, "c"))
            blank = 0
        elif (indent is None or abs(at - indent) <= _NEAR) and (code_at is None or at > code_at + 4):
            indent = at if indent is None else indent
            kinds.append((k, "t"))
            blank = 0
        elif code_at is not None and (resume := _page_break(lines, k)) is not None:
            while kinds and kinds[-1][1] == "b":  # (the blank lines before a page's footer: the break's)
                kinds.pop()
            kinds += [(j, "f") for j in range(kinds[-1][0] + 1 if kinds else k, resume)]
            blank = 0
            k = resume
            continue
        else:
            break
        k += 1
    while kinds and kinds[-1][1] in "bf":
        kinds.pop()
    if not kinds or code_at is None or indent is None or indent <= code_at + 4:
        return None
    groups: list[list[tuple[int, str]]] = [[]]
    broken: list[bool] = [False]  # (whether a page break stands before the group)
    for item in kinds:
        if item[1] not in "bf":
            groups[-1].append(item)
        elif groups[-1]:
            groups.append([])
            broken.append(item[1] == "f")
        elif item[1] == "f":
            broken[-1] = True
    if not groups[-1]:
        groups.pop()
        broken.pop()
    for q in range(len(groups) - 1, 0, -1):  # (a row a page break cut: its code on one side of the break)
        if broken[q] and sum(kind == "c" for _, kind in groups[q - 1] + groups[q]) == 1:
            groups[q - 1] += groups.pop(q)
            broken.pop(q)
    rows: list[tuple[list[int], str, list[str]]] = []
    if len(groups) > 1 and all(sum(kind == "c" for _, kind in g) == 1 for g in groups):
        rows = [_code_row(lines, [j for j, _ in g]) for g in groups]
        centred = any(g[0][1] == "t" for g in groups)
        return (rows, kinds[-1][0] + 1) if centred and all(r[2][0][:1].isupper() for r in rows) else None
    if any(kind == "b" for _, kind in kinds):
        return None
    pages: list[list[tuple[int, str]]] = [[]]  # (the rows' lines page by page)
    for item in kinds:
        if item[1] == "f" and pages[-1]:
            pages.append([])
        elif item[1] in "ct":
            pages[-1].append(item)
    for number, page in enumerate(pages):
        cut = 0  # (a row the page break cut goes on in lower case, its code on the page before)
        while number and cut < len(page) and page[cut][1] == "t" and lines[page[cut][0]].strip()[:1].islower():
            cut += 1
        if cut:
            if not rows:
                return None
            rows[-1] = _code_row(lines, rows[-1][0] + [j for j, _ in page[:cut]])
        page = page[cut:]
        codes = [p for p, (_, kind) in enumerate(page) if kind == "c"]
        if page and not codes:
            return None
        at = 0
        for q, p in enumerate(codes):
            above = p - at  # (the text lines above this code since the row before: all its row's)
            after = (codes[q + 1] if q + 1 < len(codes) else len(page)) - p - 1
            last = q + 1 == len(codes)
            if after < above or (last and number + 1 == len(pages) and after != above):
                return None
            rows.append(_code_row(lines, [page[j][0] for j in range(at, len(page) if last else p + above + 1)]))
            at = p + above + 1
    centred = any(lines[r[0][0]].strip() != r[1] and _code_line(lines[r[0][0]]) is None for r in rows)
    return (rows, kinds[-1][0] + 1) if centred and all(r[2] and r[2][0][:1].isupper() for r in rows) else None


def _code_row(lines: list[str], taken: list[int]) -> tuple[list[int], str, list[str]]:
    """A row from its lines: the code's line among its description's."""
    code, parts = "", []
    for j in taken:
        coded = _code_line(lines[j].replace("\f", ""))
        if coded is not None and not code:
            code = coded[0]
            parts += [coded[1]] if coded[1] else []
        else:
            parts.append(lines[j].replace("\f", "").strip())
    return taken, code, parts


def _furnished(lines: list[str], before: int, after: int) -> bool:
    """Whether a page break with its furniture (a footer, a running header, the header repeated) stands
    between a row's lines ``before`` and ``after``."""
    between = range(before + 1, after + 1)
    return any("\f" in lines[j] for j in between) and any(lines[j].strip() for j in between[:-1])


def centred_codes(lines: list[str]) -> list[str]:
    """``lines`` with each code table whose descriptions a print centred on their codes written as a
    top-aligned table's rows (the code on its description's first line), every line kept where it was."""
    if not any(_DESCRIPTION.match(line.strip()) or line.rstrip().endswith("Description") for line in lines):
        return lines
    out = list(lines)
    k = 0
    while k < len(out):
        header = _codes_header(out, k) if "Description" in out[k] or "description" in out[k] else None
        found = _code_rows(out, header[2][-1] + 1) if header is not None else None
        if header is None or found is None:
            k += 1
            continue
        codes, description, taken_header = header
        rows, end = found
        plain = [line.replace("\f", "") for line in out]
        indent = min(len(plain[j]) - len(plain[j].lstrip()) for r in rows for j in r[0] if _code_line(plain[j]))
        text_at = min(len(plain[j]) - len(plain[j].lstrip()) for r in rows for j in r[0] if not _code_line(plain[j]))
        for j in taken_header:
            out[j] = ""
        out[taken_header[len(taken_header) // 2]] = _laid(" " * indent + codes, (description,), (text_at,))
        taken_rows = {j for r in rows for j in r[0]}
        for j in range(taken_header[-1] + 1, end):  # (the header a page repeats, on one line as the first)
            again = _codes_header(plain, j) if j not in taken_rows and "escription" in plain[j] else None
            if again is not None and len(again[2]) > 1 and not taken_rows & set(again[2]):
                feeds = {i for i in again[2] if "\f" in out[i]}
                for i in again[2]:
                    out[i] = "\f" if i in feeds else ""
                out[j] = ("\f" if j in feeds else "") + _laid(" " * indent + again[0], (again[1],), (text_at,))
        for taken, code, parts in rows:
            feeds = {j for j in taken if "\f" in out[j]}
            for j in taken:
                out[j] = ""
            cut = next((i for i in range(1, len(taken)) if _furnished(lines, taken[i - 1], taken[i])), 0)
            if cut:  # (a row a page break cut: its text on its lines before the break, none among the next page's)
                parts = [*parts[: cut - 1], " ".join(parts[cut - 1 :])]
            for j, text in zip(taken, parts, strict=False):
                out[j] = " " * text_at + text
            out[taken[0]] = _laid(" " * indent + code, (parts[0],), (text_at,))
            for j in feeds:  # (a page break stays on its line)
                out[j] = "\f" + out[j]
        k = end
    return out
