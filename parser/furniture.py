"""Page furniture: the rules both the PDF layer and the text front use to tell running lines from text.

A running header or footer comes back at the same place on at least half of the pages (digits masked,
so ``Page 2 of 6`` and ``Page 3 of 6`` are one line), a ``Page N of M`` line is furniture wherever it
is, and a line at the top of a page after the first that only names the policy — ``CLINICAL POLICY``
or the drug of the title, as the family's running header does — is furniture even on a policy too short
for repetition to show it (two pages: the first carries the title instead).  A running header may also
put two or more of the names its document's head writes on lines or fields of their own on one line
(``MEDICAL POLICY`` / ``LUMBAR SPINAL FUSION`` at the head, ``MEDICAL POLICY LUMBAR SPINAL FUSION`` at a
page's top; the drug's field and the plan's line: ``Xolair (omalizumab) OHIO MEDICAID``).

A browser prints the date and time at the top of every page (``12/5/26, 3:04 PM``; ``05/12/2026, 15:04`` in a
24-hour locale) with the page's title beside it: on one line (``pdftotext -layout``) or, in reading order, the
title a block of its own under the stamp (:func:`stamp_title`).  Either is the browser's, never the policy's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyvc.lazy_re import lazy
from policyvc.parser.page_numbers import counted_address, page_number_line
from policyvc.parser.vocabulary import TITLE_LABEL

__all__ = [
    "copyright_notice",
    "fold_name",
    "head_names",
    "joins_names",
    "local_address",
    "mask",
    "material_id",
    "names_policy",
    "print_stamp",
    "printed_by_browser",
    "printed_on",
    "printed_titles",
    "source_and_name",
    "stamp_title",
    "stamped",
    "title_drug",
]

_TITLE = lazy(rf"^\W{{0,4}}{TITLE_LABEL}\s*(?P<drug>\S.*?)[\s*]*$", re.I)


# A browser's print stamp, as a fragment (a date, a comma most locales write, a time, ``AM``/``PM`` or none)
_PRINT_STAMP = r"\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\b"
_STAMP_ALONE = lazy(rf"^{_PRINT_STAMP}$", re.I)
_STAMPED = lazy(rf"^{_PRINT_STAMP}.*$", re.I)
_STAMP_LEAD = lazy(rf"^\s*{_PRINT_STAMP}\s", re.I)  # (a stamp with the page's title after it on its line)


# A copyright notice's start: the sign, or the word then the sign or a year (``Copyright 2025 …``)
# (or a plan's line that ends in its notice, ``<plan> is a Centene company. ©2026``: a print's footer too)
_COPYRIGHT = lazy(r"^(?:©|copyright\s*(?:©|\(c\)|\d{4}))|[.;]\s+©\s?(?:\d{4}\s?[-–]\s?)?\d{4}\.?$", re.I)


def copyright_notice(text: str) -> bool:
    """Whether ``text`` starts a copyright notice (``© 2026 <plan>. Proprietary …``): a page's footer, which goes
    on no line above it — never the rest of a sentence or of a table's last row (whose date it would hide)."""
    return bool(_COPYRIGHT.search(text.strip()))


def print_stamp(text: str) -> bool:
    """Whether ``text`` (spaces at its ends aside) is a browser's print stamp and nothing else."""
    return bool(_STAMP_ALONE.match(text.strip()))


def stamped(text: str) -> bool:
    """Whether ``text`` starts with a browser's print stamp: alone, or with the page's title after it."""
    return bool(_STAMPED.match(text.strip()))


# The date a document management system stamps on what it prints, the whole line (``Printed on 03/03/2026``,
# ``Date Printed: 2026-03-03``, ``Printed: March 3, 2026 10:15 AM``): it changes with every print, never with the
# policy.  Only that whole line: a sentence that mentions a date a copy was printed is the policy's text.
_DATE = (
    r"(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})"
)
_PRINTED_ON = lazy(
    rf"^(?:(?:document\s+|copy\s+)?printed(?:\s+on)?|print\s+date|date\s+printed)\s*:?\s*{_DATE}"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?"
    # (the page's counter after it, the same print's: ``Printed on 12/02/2026. Page 1 of 1.``)
    r"(?:\.?\s+page\s+\d+\s+of\s+\d+)?\.?$",
    re.I,
)


def printed_on(text: str) -> bool:
    """Whether ``text`` is a document system's print date and nothing else (``Printed on 03/03/2026``,
    ``Document printed 10/20/2025``, the page's counter after it: ``Printed on 12/02/2026. Page 1 of 1.``)."""
    return bool(_PRINTED_ON.match(text.strip()))


# A Medicare plan's material ID, the whole line: the contract's letter and four digits, an underscore, then the
# material's own code (``H5141_NPWT_2026``, ``Y0066_MP_1234_2026_C``), ``Accepted``/``Approved`` and its date
# after it or none.  CMS has every plan document carry one at its foot: the mailing's, never the policy's text.
# Only the whole line with the underscore: a code table's ``H0031`` or ``H5141 …`` with words is the text's.
_MATERIAL_ID = lazy(
    r"^[HRSY]\d{4}_(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*"
    r"(?:\s+(?:CMS\s+)?(?:Accepted|Approved)(?:\s+\d{1,2}/\d{1,2}/\d{2,4})?)?$"
)


def material_id(text: str) -> bool:
    """Whether ``text`` is a Medicare plan's material ID and nothing else (``H5141_NPWT_2026``)."""
    return bool(_MATERIAL_ID.match(text.strip()))


_FILE_ADDRESS = lazy(r"^\s*file:///\S+\s*$", re.I)


def printed_by_browser(line: str) -> bool:
    """Whether ``line`` is a print's furniture: a browser's stamp (``3/2/26, 4:05 PM <page title>``), the
    page's address with its counter (``https://… 1/2``), or a document system's print date (:func:`printed_on`)
    — each shape the printer's, never a policy's text; a local file's address alone (``file:///…/page.html``,
    its counter read apart from it, in reading order) too: no policy's text is a path on the printing machine."""
    return stamped(line) or counted_address(line) or printed_on(line) or local_address(line)


def local_address(line: str) -> bool:
    """Whether ``line`` is a local file's address alone (``file:///…/page.html``): a browser's print footer."""
    return bool(_FILE_ADDRESS.match(line))


def printed_titles(lines: Sequence[str]) -> frozenset[str]:
    """The page titles a browser printed beside its stamps, as written: the words after the stamp on its line
    (``12/6/26, 8:30 AM      Genetic Testing … | MP-G-0412``) or the block under a stamp alone
    (:func:`stamp_title`).  The page's ``<title>``, which names the document whole where its heading wrapped."""
    out: set[str] = set()
    for i, line in enumerate(lines):
        if print_stamp(line):
            j = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), None)
            if j is not None and stamp_title(lines, j):
                out.add(" ".join(lines[j].split()))
        elif (m := _STAMP_LEAD.match(text := line.strip())) is not None and (rest := " ".join(text[m.end() :].split())):
            out.add(rest)
    return frozenset(out)


def stamp_title(lines: Sequence[str], j: int) -> bool:
    """Whether line ``j`` is the page's title a browser prints beside its stamp, which reading order set apart
    below the stamp (``12/5/26, 3:02 AM`` / ``Sleep Studies … - UnitedHealthcare …``): the stamp the nearest
    text above it, within two lines, and a blank line below it."""
    above = next((i for i in range(j - 1, max(-1, j - 3), -1) if lines[i].strip()), None)
    return above is not None and print_stamp(lines[above]) and list(lines[j + 1 : j + 2]) == [""]


def mask(text: str) -> str:
    """``text`` with its spacing made single and its digits masked (``Page # of #``)."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _plain(text: str) -> str:
    return " ".join(text.replace("*", "").split()).casefold()


def title_drug(line: str) -> str | None:
    """The drug a title line names (``Clinical Policy: Icatibant (Firazyr)`` → ``Icatibant (Firazyr)``)."""
    m = _TITLE.match(line.strip())
    return m.group("drug") if m else None


def names_policy(text: str, drug: str | None) -> bool:
    """Whether a line only names the policy: ``CLINICAL POLICY``, the title's drug, or both on one line."""
    plain = _plain(text)
    names = {"clinical policy"}
    if drug is not None:
        # (a running header may print the drug's name without the brand in parentheses: ``Tezepelumab-ekko``)
        for name in {_plain(drug), _plain(re.sub(r"\s*\([^()]*\)", "", drug))} - {""}:
            names |= {name, f"clinical policy {name}", f"{name} clinical policy"}
    return plain in names


def fold_name(text: str) -> str:
    """``text`` as a name to compare: case-folded, spaces single, without marks a header may drop (``®``, ``*``)."""
    return " ".join(re.sub(r"[\u00ae\u2122\u00a9*]", "", text).split()).casefold()


HEAD_NAMES = 6  # the first lines of a document, where its title, its plan's name and its fields are
_FIELD_VALUE = lazy(r"^(?P<label>[^:]{2,40}):\s+(?P<value>\S.*)$")
# a field's value that is an identifier: one word of letters and digits (``TP-MSK-1007``, ``CP.PHAR.123``)
_IDENTIFIER = lazy(r"^(?=[\w.-]*\d)(?=[\w.-]*[^\W\d_])[^\W_][\w.-]{3,}[^\W_]$")


def head_names(lines: list[str]) -> frozenset[str]:
    """The names the document's head writes on a line, in a cell or either side of a field's colon (its
    title, its kind of policy — ``Clinical Policy: <title>`` —, its plan, a drug's field), of two words or
    more, and a field's identifier (``Policy ID: TP-MSK-1007``: a later page's header prints it beside the
    title), folded (:func:`~policyvc.parser.furniture.fold_name`): what a running header may put together."""
    out: set[str] = set()
    # (a page's number is no name: ``Page 1 of 2`` under a first page's running header stands above the head)
    lines = [line for line in lines if line.strip() and not page_number_line(line)]
    for line in lines[:HEAD_NAMES]:
        cells = [c for c in re.split(r"\t|\s{3,}", line.strip()) if c.strip()]
        for cell in {line, *cells}:
            m = _FIELD_VALUE.match(cell.strip())
            if m and _IDENTIFIER.match(m["value"].strip()):
                out.add(fold_name(m["value"].strip()))
            for name in (cell, m["label"], m["value"]) if m else (cell,):
                folded = fold_name(name)
                if len(folded.split()) >= 2 and len(folded) <= 80 and re.search(r"[^\W\d_]{3}", folded):
                    out.add(folded)
    # (the plan's name alone on the document's first line, one word — ``Envolve`` over ``Clinical Policy: …`` —
    # which a later page's header puts before the kind of policy: ``ENVOLVE CLINICAL POLICY``)
    first = next((fold_name(line) for line in lines if line.strip()), "")
    if re.fullmatch(r"[^\W\d_]{3,}", first) and out:
        out.add(first)
    return frozenset(out)


# What a running header writes between the names it puts on one line (``Medical Policy: <title>``, ``<title> | <plan>``)
_BETWEEN_NAMES = lazy(r"\s*(?:[:|,\u2013\u2014]|\s-)?\s+|\s*[:|,\u2013\u2014]\s*")


def joins_names(text: str, names: frozenset[str]) -> bool:
    """Whether ``text`` is two or more of ``names`` (case-folded, spaces single) one after another, and
    nothing else but spaces or a separator between them: ``MEDICAL POLICY LUMBAR SPINAL FUSION`` of
    ``medical policy`` and ``lumbar spinal fusion``."""
    plain = fold_name(text)
    if not names or not plain:
        return False
    by_start: dict[str, list[str]] = {}
    for name in names:
        if name:
            by_start.setdefault(name[:1], []).append(name)
    # (from each position: the number of names that end the text from there, at most two counted)
    best: dict[int, int] = {len(plain): 0}
    for at in range(len(plain) - 1, -1, -1):
        for name in by_start.get(plain[at], ()):
            end = at + len(name)
            if not plain.startswith(name, at):
                continue
            if end == len(plain):
                best[at] = max(best.get(at, 0), 1)
                continue
            gap = _BETWEEN_NAMES.match(plain, end)
            if gap is not None and gap.end() in best and best[gap.end()] > 0:
                best[at] = max(best.get(at, 0), min(2, best[gap.end()] + 1))
    return best.get(0, 0) >= 2


# Where a running header sets its source apart from the document's name: a dash between spaces, a bar or a colon
_SOURCE_SEPARATOR = lazy(r"\s[\u2013\u2014-]\s|\s\|\s|:\s")
_SOURCE_WORDS = 6  # (a publisher's or a program's short name: ``<agency> Pharmacy PA Criteria``)


def source_and_name(text: str, names: frozenset[str]) -> bool:
    """Whether ``text`` is a short source's name, a separator, then one of ``names`` (folded, spaces single) or
    such a name without its remark in parentheses: ``<agency> PA Criteria – Hepatitis C Antivirals`` of a title
    ``Hepatitis C Antivirals (Mavyret, Epclusa)`` — what a running header prints at a page's top.  The source is
    a few words with no sentence's stop (never a sentence that ends on the title's words)."""
    plain = fold_name(text)
    bare = {" ".join(re.sub(r"\s*\([^()]*\)", "", name).split()) for name in names}
    for m in _SOURCE_SEPARATOR.finditer(plain):
        source, name = plain[: m.start()].strip(), plain[m.end() :].strip()
        words = source.split()
        if (
            name in (names | bare)
            and len(name.split()) >= 2
            and 1 <= len(words) <= _SOURCE_WORDS
            and not re.search(r"[.;!?]", source)
        ):
            return True
    return False


# A web page's stamp of its own last change (``Page last updated: 12/03/2025 9:14 AM``; without the page's name,
# ``Last updated 01/07/2026``; after a label of the site's, ``Public Versions: Updated On 12/11/2025`` — the Medicare
# Coverage Database's, under an LCD's history): the site's, no date of the policy's; a site rewrites it on every
# publication, so a copy's last lines carry it with the site's notice.  (``Last Reviewed: 01/2026`` is the policy's.)
_PAGE_STAMP = lazy(
    r"^(?:(?:this\s+)?(?:web\s*)?(?:page|site|website)\s+(?:was\s+)?last\s+(?:updated|modified|reviewed|revised)"
    r"|(?:[A-Z][\w ()/-]{0,40}:\s*)?(?:last\s+(?:updated|modified)|(?:updated|modified|published|posted)\s+on))"
    r"(?:\s+on)?:?\s*(?:\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?|\d{1,2}[/.\-]\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?)?\.?$",
    re.I,
)


def page_stamp(text: str) -> bool:
    """Whether ``text`` (spaces at its ends aside) is a web page's stamp of its last change and nothing else."""
    return bool(_PAGE_STAMP.match(text.strip()))
