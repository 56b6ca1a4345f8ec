"""Dates as policies write them, in any of the usual forms, read to a calendar day.

``02/11/2026``, ``2/11/26``, ``07.01.11``, ``05-01-2026``, ``2026-02-11``, ``February 11, 2026``,
``11 February 2026``, ``01-JAN-2026``, ``January 1st, 2026``, ``1st of January 2026`` are days; ``January 2026``,
``Jan. 2026``, ``01/2026``, ``6/22``, ``08.25`` are months (read as the 1st, and said so: ``month_only``);
a quarter (``Q1 2025``, ``Q3-2024``) is its first month.  Two-digit years are 2000–2069 and 1970–1999.
A number written onto a letter is a code's, never a date (``E10.43``, an ICD-10 code, is no ``10.43``: October
2043; ``Rev3/25`` neither).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from policyvc.lazy_re import lazy

__all__ = ["DATE", "HISTORY_HEADER", "ReadDate", "broken_dates", "cut_dates", "find_dates", "read_date"]

# the words of a dated log's other columns (``Summary of Changes``, ``Reviews, Revisions, and Approvals``,
# ``Action``): beside a date column they make a revision log (here, not in the history reader, because the
# outline's table splitting asks it too)
HISTORY_HEADER = re.compile(
    r"revision|review|history|action|change|summary|approv|description|update|comment|explanation|reason|details|activit|\bnotes\b",
    re.I,
)

_MONTHS = {
    m[:3].lower(): k
    for k, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        1,
    )
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# a day may be written as an ordinal (``January 1st, 2026``, ``1st of January 2026``), as web pages and
# letters often do; only the suffix that fits the day's last digit, so ``May 3th`` stays unread
_ORDINAL = r"(?:(?<!1[123])(?:(?<=1)st|(?<=2)nd|(?<=3)rd)|(?<=[04-9])th|(?<=1[123])th)?"
# one alternation: every form a date is written in (longest first)
DATE = lazy(
    rf"(?P<named>(?P<nm>{_MONTH})\s+(?:(?P<nd>\d{{1,2}}){_ORDINAL},?\s+)?(?P<ny>\d{{4}}))"
    rf"|(?P<dnamed>(?P<dd>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dm>{_MONTH}),?\s+(?P<dy>\d{{4}}))"
    # (a day, its month's three letters and the year joined by hyphens, as a database prints them: ``01-JAN-2026``)
    rf"|(?P<dashed>(?<![\w\-/.])(?P<hd>\d{{1,2}})-(?P<hm>{_MONTH_ABBR})-(?P<hy>\d{{4}})(?![\w\-]))"
    r"|(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"|(?P<num>(?<![\w/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<c>\d{4}|\d{2}))?(?![\d/]|\.\d))"
    r"|(?P<my>(?<![\w/.])(?P<mm>\d{1,2})[/.](?P<yyyy>\d{4})(?![\d/]))"
    r"|(?P<dash>(?<![\d\-/.])(?P<da>\d{1,2})-(?P<db>\d{1,2})-(?P<dc>\d{4})(?![\d\-]))"
    # (month, day and year set apart by bars, no spaces: a plan's header fields, ``EFFECTIVE DATE: 10|01|2025``)
    r"|(?P<bars>(?<![\w|])(?P<ba>\d{1,2})\|(?P<bb>\d{1,2})\|(?P<bc>\d{4})(?![\w|]))"
    r"|(?P<quarter>(?<!\w)Q(?P<q>[1-4])[\s\-/]?(?P<qy>\d{4})(?!\d))",
    re.I,
)


# letters joined to what follows by a hyphen: a dotted number after them is a code's (``MP-7.01.38``,
# ``CG-MED-2.01.15``), as a date never is
_CODE_BEFORE = lazy(r"[A-Za-z]-$")


@dataclass(frozen=True, slots=True)
class ReadDate:
    """A date read from text; ``month_only``: the text names a month, the day is taken as the 1st."""

    date: dt.date
    month_only: bool
    start: int
    end: int


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 4:
        return y
    return 2000 + y if y < 70 else 1900 + y


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _read(m: re.Match[str]) -> ReadDate | None:
    day: dt.date | None
    month_only = False
    if m.group("named"):
        month = _MONTHS[m.group("nm")[:3].lower()]
        month_only = m.group("nd") is None
        day = _make(int(m.group("ny")), month, int(m.group("nd") or 1))
    elif m.group("dnamed"):
        day = _make(int(m.group("dy")), _MONTHS[m.group("dm")[:3].lower()], int(m.group("dd")))
    elif m.group("dashed"):
        day = _make(int(m.group("hy")), _MONTHS[m.group("hm").lower()], int(m.group("hd")))
    elif m.group("iso"):
        day = _make(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    elif m.group("dash"):  # (``05-01-2026``: with a year of four digits only — ``10-12 weeks`` is no date)
        day = _make(int(m.group("dc")), int(m.group("da")), int(m.group("db")))
    elif m.group("bars"):
        day = _make(int(m.group("bc")), int(m.group("ba")), int(m.group("bb")))
    elif m.group("quarter"):  # (a quarter: its first month)
        month_only = True
        day = _make(int(m.group("qy")), 3 * int(m.group("q")) - 2, 1)
    elif m.group("num"):
        if "." in m.group("num") and _CODE_BEFORE.search(m.string, 0, m.start()):
            return None  # (``MP-7.01.38``: a policy's number, never a date)
        a, b, c = int(m.group("a")), m.group("b"), m.group("c")
        if c is None:  # ``6/22``, ``08.25``: month and two-digit year
            month_only = True
            day = _make(_year(b), a, 1) if len(b) == 2 else None
        else:
            day = _make(_year(c), a, int(b))
    else:
        month_only = True
        day = _make(int(m.group("yyyy")), int(m.group("mm")), 1)
    if day is None or not 1970 <= day.year <= 2099:
        return None
    return ReadDate(day, month_only, m.start(), m.end())


def find_dates(text: str) -> list[ReadDate]:
    """Every date written in ``text``, in order."""
    return [d for m in DATE.finditer(text) if (d := _read(m)) is not None]


def read_date(text: str) -> ReadDate | None:
    """The first date written in ``text``, or ``None``."""
    found = find_dates(text)
    return found[0] if found else None


# a numeric date a narrow cell cut inside its year (``06/202`` over ``3``, ``06/20`` over ``23``), alone on
# its line or a -layout row's first cell, and the rest of the year alone on the next line
_CUT_DATE = lazy(r"^(\s*)(\d{1,2}/(?:\d{1,2}/)?)(\d{1,3})(?=$|\s+\S)")
# (the year's rest alone, or with the row's text going on in its column: ``6      ng/dL per AUA guideline.``)
_YEAR_REST = lazy(r"^(\s*)(\d{1,3})(?:$|\s*$|(?=\s{2,}\S))")


# (a print that writes each line as a block of its own, a blank line between: the rest of the year begins the row's
# next line of text, which goes on in lower case — ``10/15/20 Clarified … from`` / ``26 baseline. Updated …``)
_YEAR_RUNS_ON = lazy(r"^(\s*)(\d{1,3})\s+(?=[a-z(])")


def _next_text(lines: list[str], k: int) -> int | None:
    """The line after ``k`` in a print that writes a line a block: ``k + 2``, the line between blank."""
    j = k + 2
    return j if j < len(lines) and not lines[k + 1].strip() and lines[j].strip() else None


def _blocked_cut(lines: list[str], k: int, m: re.Match[str]) -> dict[int, tuple[str, str]] | None:
    """A cut date in a print of a line a block (:func:`_next_text`): the date alone with the row's text and the
    year's rest each a block after it (``05/01/20`` / ``Annual review. …`` / ``26``), or the date with the row's
    first line and the rest beginning its second (``10/15/20 Clarified … from`` / ``26 baseline. …``): the whole
    date and the row's text on the date's line, the other blocks blank.  Only for a year 19xx / 20xx, the row's
    text no date nor number of its own, the month and the day both said (``7/20`` may be a part of a date broken
    over more lines: :func:`broken_dates`)."""
    one = _next_text(lines, k)
    if one is None or m.group(2).count("/") != 2:  # (month and day said: not a part of a date broken further)
        return None
    head = lines[k][: m.end(3)]
    if m.end(3) == len(lines[k].rstrip()):
        two = _next_text(lines, one)
        r = _YEAR_REST.match(lines[two]) if two is not None else None
        between = lines[one].strip()
        year = m.group(3) + r.group(2) if r else ""
        if (
            two is None
            or r is None
            or r.end() != len(lines[two].rstrip())
            or len(year) != 4
            or year[:2] not in ("19", "20")
            or _CUT_DATE.match(between)
            or between[:1].isdigit()
        ):
            return None
        return {k: (f"{head}{r.group(2)}  {between}", ""), one: ("", ""), two: ("", "")}
    r = _YEAR_RUNS_ON.match(lines[one])
    year = m.group(3) + r.group(2) if r else ""
    if r is None or len(year) != 4 or year[:2] not in ("19", "20") or lines[k].rstrip().endswith((".", ":", ";")):
        return None
    text = f"{head}{r.group(2)}{lines[k][m.end(3) :].rstrip()} {lines[one][r.end() :].strip()}"
    return {k: (text, ""), one: ("", "")}


# (a -layout row's last cell a date a narrow column wrapped inside its year: ``Policy created.      03/2`` over
# ``                     026`` — the row's own text may go on beside the rest, ``… updated.   026``)
_CUT_LAST = lazy(r"^(.*\S)(\s{2,})(\d{1,2}/(?:\d{1,2}/)?)(\d{1,3})\s*$")
_REST_AT = lazy(r"^(\d{1,3})\s*$")


def _cut_last(lines: list[str], k: int) -> tuple[str, str] | None:
    """Line ``k`` and the line after it with the date a narrow last column cut inside its year put whole on line
    ``k`` and its rest blanked below (the row's text there kept), or None: only where the rest stands right
    under the date's start, alone in that column, and the two make a four-digit year 19xx or 20xx."""
    m = _CUT_LAST.match(lines[k])
    if m is None or k + 1 >= len(lines):
        return None
    at, below = m.start(3), lines[k + 1]
    r = _REST_AT.match(below[at:]) if len(below) > at and not below[at - 1 : at].strip() else None
    year = m.group(4) + r.group(1) if r else ""
    if r is None or len(year) != 4 or year[:2] not in ("19", "20"):
        return None
    return lines[k].rstrip() + r.group(1), below[:at].rstrip()


def cut_dates(lines: list[str]) -> dict[int, tuple[str, str]]:
    """The lines holding a numeric date a narrow Date column wrapped inside its year (``06/202`` over
    ``3``, ``06/20`` over ``23``: LibreOffice's PDFs through pdftotext), each with the new text of it and of
    the line after, which held only the year's rest: the whole date stands where the year ended (a cell a
    line, as an unwrapped column is written) or, on a -layout row, in its first cell; the other line is
    blank.  Read as it stands such a date is none, or worse a two-digit year (``06/20``, June 2020) that
    files a version years before its own and runs an audit backwards.  Joined only where the two parts
    make a four-digit year 19xx or 20xx and the rest stands alone on the next line, at the margin or in the
    date's column."""
    out: dict[int, tuple[str, str]] = {}
    k = 0
    while k + 1 < len(lines):
        if (last := _cut_last(lines, k)) is not None:
            out[k] = last
            k += 2
            continue
        m = _CUT_DATE.match(lines[k])
        r = _YEAR_REST.match(lines[k + 1]) if m else None
        blocked = _blocked_cut(lines, k, m) if m and not lines[k + 1].strip() else None
        if blocked is not None:
            out.update(blocked)
            k = max(blocked) + 1
            continue
        if m and r is None and m.end(3) == len(lines[k].rstrip()) and k + 2 < len(lines):
            # (a row's text centred between the date's two parts, in its own column: ``11/202`` / ``Annual
            # review. …`` / ``3``): the whole date and the text on the first line, the others blank
            between, r = lines[k + 1], _YEAR_REST.match(lines[k + 2])
            year = m.group(3) + r.group(2) if r else ""
            indent = len(between) - len(between.lstrip())
            if (
                r is not None
                and r.end() == len(lines[k + 2].rstrip())
                and between.strip()
                and indent > m.end(3)
                and len(year) == 4
                and year[:2] in ("19", "20")
                and len(m.group(1)) <= len(r.group(1)) <= m.end(3)
            ):
                whole = lines[k][: m.end(3)] + r.group(2)
                out[k] = (whole + " " * max(2, indent - len(whole)) + between.strip(), "")
                out[k + 1] = ("", "")
                k += 3
                continue
            r = None
        if m and r:
            year = m.group(3) + r.group(2)
            lead, rest = len(m.group(1)), len(r.group(1))
            if len(year) == 4 and year[:2] in ("19", "20") and lead <= rest <= m.end(3):
                whole = lines[k][: m.end(3)] + r.group(2) + lines[k][m.end(3) :]
                # (the rest's line may go on with the row's text: it stays there, the digits blanked)
                below = " " * r.end() + lines[k + 1][r.end() :] if lines[k + 1][r.end() :].strip() else ""
                out[k] = ("", whole) if m.end(3) == len(lines[k].rstrip()) and not below else (whole, below)
                k += 1
        k += 1
    return out


# a date a Date column too narrow for it broke over three lines or more (``10/0`` / ``7/20`` / ``25``:
# LibreOffice's print of a table whose first column fits four characters): each part the first word of its
# line, at one indentation, the last alone on its line; the text of the row's other cell may stand beside
# any part but the last and on lines of its own between them (its lines wrapped beside the date's)
_PIECE = lazy(r"^(\s*)(\d[\d/]*)(?:(\s+)(\S.*?))?\s*$")
# what the parts put together may be on the way to a whole date (day and month of one or two digits, a year
# of 19xx / 20xx)
_DATE_PREFIX = lazy(r"^\d{1,2}(?:/(?:\d{1,2}(?:/(?:1|2|19\d{0,2}|20\d{0,2})?)?)?)?$")
_WHOLE_DATE = lazy(r"^\d{1,2}/\d{1,2}/(?:19|20)\d\d$")
# a table's header again after a page break (``Date Action``) or a page's number between two parts: read past,
# never the row's text
_PAST = lazy(r"^\s*(?:Date\b.{0,40}|Page\s+\d+(?:\s+of\s+\d+)?)\s*$", re.I)
_MOST_PARTS, _MOST_TEXT = 4, 3


def broken_dates(lines: list[str]) -> dict[int, str]:
    """New texts of lines (blank for a line emptied) that put back a numeric date a narrow Date column broke
    over three lines or more (``10/0`` / ``7/20`` / ``25``, the row's text beside and between the parts):
    the whole date where its first part stood, the row's text after it, every other part's line emptied.
    Read as they stand the parts are no date or worse a month and a two-digit year (``7/20``: July 2020)
    the document never wrote.  Joined only where the parts make a whole ``MM/DD/YYYY`` of a year 19xx or
    20xx, the first part no date of its own and the last alone on its line."""
    out: dict[int, str] = {}
    k = 0
    while k < len(lines):
        m = _PIECE.match(lines[k])
        if m and "/" in m.group(2) and not _WHOLE_DATE.match(m.group(2)) and _DATE_PREFIX.match(m.group(2)):
            done = _join_broken(lines, k, m)
            if done is not None:
                out.update(done)
                k = max(done) + 1
                continue
        k += 1
    return out


def _join_broken(lines: list[str], k: int, first: re.Match[str]) -> dict[int, str] | None:
    lead = len(first.group(1))
    whole, parts = first.group(2), [k]
    texts: list[tuple[int, str]] = [(k, first.group(4))] if first.group(4) else []
    gap, alone = first.group(3) or "", 0
    j = k + 1
    while j < len(lines) and j - k < 16:
        line = lines[j]
        m = _PIECE.match(line)
        indent = len(line) - len(line.lstrip())
        if not line.strip() or (_PAST.match(line) and not m):
            pass
        elif m and abs(indent - lead) <= 2:
            joined = whole + m.group(2)
            if _WHOLE_DATE.match(joined) and not m.group(4) and len(parts) >= 2:
                return _joined(joined, [*parts, j], texts, lead, gap)
            if not _DATE_PREFIX.match(joined) or len(parts) + 1 >= _MOST_PARTS:
                return None
            whole = joined
            parts.append(j)
            if m.group(4):
                texts.append((j, m.group(4)))
                gap = gap or m.group(3)
        elif (m is None or indent > lead + 2) and alone < _MOST_TEXT:
            alone += 1
            texts.append((j, line.strip()))
            if indent > lead + 2 and not gap:
                gap = "  "  # (a -layout row: the text's column stays apart from the date's)
        else:
            return None
        j += 1
    return None


def _joined(whole: str, parts: list[int], texts: list[tuple[int, str]], lead: int, gap: str) -> dict[int, str]:
    out = {j: "" for j in parts}
    out.update({j: "" for j, _ in texts})
    words = " ".join(t for _, t in texts)
    out[parts[0]] = " " * lead + whole + ((gap if len(gap) >= 2 else " ") + words if words else "")
    return out
