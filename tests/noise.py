"""Extraction noise: two "prints" of one document that differ only by what printing and extracting add.

A print (:class:`Print`) re-wraps the long lines of prose at its own width, may break a long word at a
line end with a hyphen (``-``, U+2010 as pdftotext gives Chromium's ``hyphens: auto``, or a soft hyphen
U+00AD), puts page breaks at its own places with their furniture (``Page N of M``; a browser's header
and footer — date, time and page title above, URL and ``n/m`` below — as raw or ``-layout`` pdftotext
writes them; a running title at every page top), and may double spaces between words.  A copy from a PDF
viewer writes a page's furniture as a line of its own with no form feed and no blank line around it,
wherever the page broke (inside a sentence too): ``Page 2 of 3``, the head's kind and title in capitals
(``MEDICAL POLICY LUMBAR SPINAL FUSION``), or both (``Medical Policy: Lumbar Spinal Fusion  Page 2 of 3``);
and it may break a word of a list's lead-in at a hyphen (``… not medi-`` / ``cally necessary:``).  A diff
of two prints of the same text must report nothing.

Lines a print never re-wraps: table rows (tabs, pipes, runs of spaces), short lines, and lines whose
words would start a continuation line with a list marker or a connective (a print of such text is
ambiguous for a human reader too).  Run as a script to count, per kind of noise, how many pairs of
prints of each fixture diff to a change: ``python tests/noise.py [ROUNDS]``.
"""

from __future__ import annotations

import dataclasses
import enum
import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FIXTURE_FILES", "Furniture", "Print", "kind_and_title", "print_text", "title_of"]

_HERE = Path(__file__).parent
FIXTURE_FILES = tuple(
    p
    for p in (
        *sorted((_HERE / "fixtures" / "payers").glob("*.txt")),
        *sorted((_HERE / "fixtures" / "medical").glob("*.txt")),
        *sorted((_HERE / "fixtures" / "heldout3").glob("0[1-6]_*.txt")),
        _HERE / "fixtures" / "heldout3" / "09_cms_lcd_webpage_fragment.txt",
        _HERE / "fixtures" / "heldout3" / "10_molina_viewer_copy_vedolizumab.txt",
        *sorted((_HERE / "fixtures" / "heldout2").glob("*.txt")),
        *sorted((_HERE / "fixtures" / "heldout").glob("*.txt")),
        _HERE / "fixtures" / "reader" / "browser-print-colony-stimulating.txt",
    )
    if p.exists()
)


class Furniture(enum.Enum):
    """What a print writes at its page breaks."""

    NONE = "none"
    PAGE_OF = "page-of"  # ``Page 2 of 5`` at the foot
    TITLE_PAGE_OF = "title-page-of"  # the running title at the top, ``Page 2 of 5`` under it (Word → PDF)
    RUNNING_TITLE = "running-title"  # only the running title at each page's top
    BROWSER_RAW = "browser-raw"  # Chromium's header and footer, pdftotext raw
    BROWSER_LAYOUT = "browser-layout"  # the same, pdftotext -layout
    VIEWER_PAGE_OF = "viewer-page-of"  # a viewer's copy: ``Page 2 of 5`` alone on its line, nothing around it
    VIEWER_HEADER = "viewer-header"  # a viewer's copy: the head's kind and title in capitals (``MEDICAL POLICY …``)
    VIEWER_HEADER_PAGE_OF = "viewer-header-page-of"  # ``Medical Policy: <title>  Page 2 of 5`` on one line


HYPHENS = ("-", "\u2010", "\u00ad")
_URL = "https://www.example-health.com/policies/medical/policy-viewer.html"
# a continuation line must not start like a list item or a connective (the print would be ambiguous)
_MARKERish = re.compile(
    r"^(?:\(?[0-9]{1,3}[.)]|\(?[A-Za-z]{1,4}[.)]|\([A-Za-z0-9]{1,4}\)|[-•*o◦▪·–]|AND|OR|and|or|NOT|[A-Z][A-Z]+:?|[0-9]+:?)$"
)
_WORDY = re.compile(r"^[a-z]{8,}[,;.]?$")


@dataclass(frozen=True, slots=True)
class Print:
    """One print of a text: how it wraps, breaks pages and spaces (see the module's docstring)."""

    width: int | None = None
    hyphen: str | None = None
    page_lines: int | None = None
    furniture: Furniture = Furniture.NONE
    spaces: bool = False
    lead_hyphen: bool = False  # break a word of each list's lead-in at a hyphen (a viewer's copy)
    seed: int = 0


def title_of(text: str) -> str:
    """The document's running title: its first line with letters, without a ``Clinical Policy:`` label."""
    for line in text.split("\n"):
        if re.search(r"[A-Za-z]{3}", line):
            return re.sub(r"^\W*clinical policy\s*:\s*", "", line.strip(), flags=re.I).strip() or line.strip()
    return "Policy"


# What names the kind of a document at its head (``Medical Policy``, ``Clinical UM Guideline``, ``Pharmacy
# Policy Statement``); a label before the title (``Clinical Policy: <title>``) names it too.
_KIND = re.compile(r"\b(?:policy|policies|guideline|bulletins?|determination|statement)\b", re.I)
_SUBJECT = re.compile(r"^(?:Subject|Title|Policy Title|Policy Name)\s*:\s*(?P<title>\S.*?)\s*$", re.I)
_LABELLED_TITLE = re.compile(r"^\W*(?P<kind>[A-Za-z][A-Za-z ]{2,40}?)\s*:\s*(?P<title>\S.*?)\W*$")


def kind_and_title(text: str) -> tuple[str, str] | None:
    """The document's kind and title as its head writes them (``Medical Policy``, ``Bariatric Surgery``),
    each on a line of its own (the title under the kind, else anywhere in the head) or in a field
    (``Clinical Policy: <title>``, ``Subject: <title>``); None where the head names no kind or no title."""
    from policyvc.parser.outline import HEADINGS

    head = [" ".join(line.replace("*", "").split()) for line in text.split("\n") if line.strip()][:6]
    first = _LABELLED_TITLE.match(head[0]) if head else None
    if first is not None and _KIND.search(first["kind"]) and len(first["kind"].split()) <= 4:
        return first["kind"], first["title"]

    def kind(line: str) -> bool:
        return bool(_KIND.search(line)) and len(line.split()) <= 6 and not re.search(r"[:\d]", line)

    def title(line: str) -> str | None:
        m = _SUBJECT.match(line)
        if m is not None:
            return m["title"]
        plain = 2 <= len(line.split()) <= 10 and not re.search(r"[:\d]", line) and not _KIND.search(line)
        return line if plain and line.casefold() not in HEADINGS else None

    at = next((k for k, line in enumerate(head) if kind(line) and line.casefold() not in HEADINGS), None)
    if at is None:
        return None
    named = [title(line) for line in (head[at + 1 : at + 2] + head)]
    found = next((t for t in named if t is not None), None)
    return (head[at], found) if found is not None else None


def _running_line(style: Furniture, page: int, pages: int, named: tuple[str, str] | None) -> list[str]:
    """What a viewer's copy writes at a page break (:class:`Furniture`): one line, nothing around it."""
    if style is Furniture.VIEWER_PAGE_OF:
        return [f"Page {page} of {pages}"]
    if named is None:
        return []
    kind, title = named
    if style is Furniture.VIEWER_HEADER:
        return [f"{kind} {title}".upper()]
    return [f"{kind}: {title}  Page {page} of {pages}"]


_LEAD_IN = re.compile(r"\b(?:all|any|one|both|none|either|each|two)\b(?:\s+\w+)?\s+of\s+the\s+following\b.*:$", re.I)


def _lead_hyphens(lines: list[str], rng: random.Random) -> list[str]:
    """``lines`` with a word of each list's lead-in (a line naming ``… of the following`` and ending in ``:``)
    broken at a hyphen after it, the rest of the line on the next: a viewer's copy of a hyphenated print."""
    out: list[str] = []
    for line in lines:
        words = line.split(" ")
        at = [k for k, w in enumerate(words) if k >= len(words) // 2 and re.fullmatch(r"[a-z]{6,}:?", w)]
        if "\t" in line or not _LEAD_IN.search(line.strip()) or not at:
            out.append(line)
            continue
        k = rng.choice(at)
        cut = rng.randint(3, len(words[k].rstrip(":")) - 3)
        out.append(" ".join([*words[:k], words[k][:cut] + "-"]))
        out.append(" ".join([words[k][cut:], *words[k + 1 :]]))
    return out


def _wrappable(line: str, width: int) -> bool:
    body = line.strip()
    return (
        len(line) > width
        and "\t" not in line
        and "|" not in line
        and "  " not in body
        and "...." not in body
        and "\f" not in line
    )


def _unwrapped(lines: list[str]) -> list[str]:
    """A hard-wrapped text's paragraphs on one line each where a line plainly goes on (in lower case), so
    a print re-wraps a paragraph, not each of its lines (which no print leaves ragged)."""
    out: list[str] = []
    for line in lines:
        goes_on = line[:1].islower() and not _MARKERish.match(line.split(" ", 1)[0])
        if out and goes_on and _wrappable(out[-1], 0) and _wrappable(line, 0) and not out[-1].endswith("-"):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _wrap(line: str, width: int, hyphen: str | None, rng: random.Random) -> list[str]:
    indent = line[: len(line) - len(line.lstrip())]
    words = line.split()
    out: list[str] = []
    cur = indent + words[0]
    for word in words[1:]:
        if len(cur) + 1 + len(word) <= width or _MARKERish.match(word):
            cur += " " + word
            continue
        if hyphen is not None and _WORDY.match(word) and rng.random() < 0.6:
            room = width - len(cur) - 2
            cut = min(room, len(word.rstrip(",;.")) - 3)
            if cut >= 3:
                out.append(f"{cur} {word[:cut]}{hyphen}")
                cur = indent + word[cut:]
                continue
        out.append(cur)
        cur = indent + word
    out.append(cur)
    return out


def _spaced(line: str, rng: random.Random) -> str:
    if "\t" in line or not line.strip() or rng.random() < 0.5:
        return line
    words = line.split(" ")
    return " ".join(w + (" " if w and rng.random() < 0.2 else "") for w in words) + (" " if rng.random() < 0.3 else "")


def _footer(style: Furniture, page: int, pages: int, title: str) -> list[str]:
    if style is Furniture.PAGE_OF:
        return ["", f"Page {page} of {pages}", ""]
    if style is Furniture.BROWSER_RAW:
        return ["", _URL, "", f"{page}/{pages}", ""]
    if style is Furniture.BROWSER_LAYOUT:
        return ["", f"{_URL}{' ' * 20}{page}/{pages}"]
    return [""]


def _header(style: Furniture, page: int, pages: int, title: str) -> list[str]:
    stamp = "12/5/26, 3:14 PM"
    if style is Furniture.BROWSER_RAW:
        return [f"\f{stamp}", "", f"{title}", ""]
    if style is Furniture.BROWSER_LAYOUT:
        return [f"\f{stamp}{' ' * 28}{title}", ""]
    if style is Furniture.TITLE_PAGE_OF:
        return ["\fCLINICAL POLICY", title, "", f"Page {page} of {pages}", ""]
    if style is Furniture.RUNNING_TITLE:
        return ["\f" + title, ""]
    return ["\f"]


def print_text(text: str, how: Print) -> str:
    """``text`` as printed and extracted by ``how``."""
    rng = random.Random(how.seed)  # (one generator per step: a kind of noise never moves another's)
    lines: list[str] = []
    for line in _unwrapped(text.split("\n")) if how.width is not None else text.split("\n"):
        if how.width is not None and _wrappable(line, how.width):
            lines.extend(_wrap(line, how.width, how.hyphen, rng))
        else:
            lines.append(line)
    if how.spaces:
        rng = random.Random(how.seed)
        lines = [_spaced(line, rng) for line in lines]
    if how.lead_hyphen:
        lines = _lead_hyphens(lines, random.Random(how.seed))
    if how.page_lines is None or how.furniture is Furniture.NONE:
        return "\n".join(lines)
    title = title_of(text)
    named = kind_and_title(text)
    rng = random.Random(how.seed)
    breaks: list[int] = []
    at = 0
    while True:
        at += how.page_lines + rng.randint(-how.page_lines // 4, how.page_lines // 4)
        if at >= len(lines) - 2:
            break
        breaks.append(at)
    pages = len(breaks) + 1
    out: list[str] = []
    if how.furniture in (Furniture.BROWSER_RAW, Furniture.BROWSER_LAYOUT):
        out.extend(_header(how.furniture, 1, pages, title)[:])
        out[0] = out[0].lstrip("\f")
    viewer = how.furniture in (Furniture.VIEWER_PAGE_OF, Furniture.VIEWER_HEADER, Furniture.VIEWER_HEADER_PAGE_OF)
    last = 0
    for page, at in enumerate(breaks, start=1):
        out.extend(lines[last:at])
        if viewer:
            out.extend(_running_line(how.furniture, page + 1, pages, named))
        else:
            out.extend(_footer(how.furniture, page, pages, title))
            out.extend(_header(how.furniture, page + 1, pages, title))
        last = at
    if viewer:
        out.extend(lines[last:])
        return "\n".join(out)
    out.extend(lines[last:])
    out.extend(_footer(how.furniture, pages, pages, title))
    return "\n".join(out).replace("\f\n", "\f")  # (pdftotext writes the form feed before a page's first line)


def _changes(old: str, new: str) -> list[str]:
    from policyvc.history.diff import diff
    from policyvc.parser import parse_text_report

    a = parse_text_report(old, "old.txt", recover=True).policy
    b = parse_text_report(new, "new.txt", recover=True).policy
    script = diff(a, b)
    out = [f"{e.kind.value} {e.node.value} {e.old_id or ''} → {e.new_id or ''}" for e in script.changes]
    out.extend(f"log+ {e.date}" for e in script.log_added)
    return out


_W = 92  # a print's width: pdftotext of a letter page in a browser's default font
_PAGED = Print(width=_W, page_lines=30, furniture=Furniture.PAGE_OF)
# each kind of noise alone: two prints (wrapped, with pages: what pdftotext gives) that differ by it and
# nothing else; and a web copy (unwrapped, no pages) against a browser's print with all of it
KINDS: dict[str, tuple[Print, Print]] = {
    "hyphen -": (dataclasses.replace(_PAGED, hyphen="-"), _PAGED),
    "hyphen U+2010": (dataclasses.replace(_PAGED, hyphen="\u2010"), _PAGED),
    "hyphen U+00AD": (dataclasses.replace(_PAGED, hyphen="\u00ad"), _PAGED),
    "rewrap": (dataclasses.replace(_PAGED, width=76), _PAGED),
    "spaces": (dataclasses.replace(_PAGED, spaces=True), _PAGED),
    "page-of": (dataclasses.replace(_PAGED, page_lines=23), _PAGED),
    "title+page-of": (dataclasses.replace(_PAGED, furniture=Furniture.TITLE_PAGE_OF, page_lines=25), _PAGED),
    "running title": (dataclasses.replace(_PAGED, furniture=Furniture.RUNNING_TITLE, page_lines=27), _PAGED),
    "browser raw": (dataclasses.replace(_PAGED, furniture=Furniture.BROWSER_RAW, page_lines=26), _PAGED),
    "browser layout": (dataclasses.replace(_PAGED, furniture=Furniture.BROWSER_LAYOUT, page_lines=26), _PAGED),
    "web vs print": (Print(), Print(width=_W, hyphen="\u2010", page_lines=30, furniture=Furniture.BROWSER_RAW)),
    # in one copy only: the other has none of it (a viewer's copy keeps each paragraph on one line)
    "page-of one copy": (_PAGED, Print(width=_W)),
    "viewer page-of": (Print(page_lines=12, furniture=Furniture.VIEWER_PAGE_OF), Print()),
    "viewer header": (Print(page_lines=12, furniture=Furniture.VIEWER_HEADER), Print()),
    "viewer header wrapped": (Print(width=_W, page_lines=25, furniture=Furniture.VIEWER_HEADER), Print(width=_W)),
    "viewer header+page": (Print(page_lines=12, furniture=Furniture.VIEWER_HEADER_PAGE_OF), Print()),
    "lead-in hyphen": (Print(lead_hyphen=True), Print()),
}


def main(rounds: int = 3, verbose: bool = False) -> None:
    """Count, per kind of noise, the pairs of prints of each fixture that diff to a change."""
    total: dict[str, int] = {}
    for kind, (one, two) in KINDS.items():
        bad = 0
        for path in FIXTURE_FILES:
            text = path.read_text(encoding="utf-8")
            for seed in range(rounds):
                a = print_text(text, dataclasses.replace(one, seed=seed))
                b = print_text(text, dataclasses.replace(two, seed=seed))
                found = _changes(a, b)
                if found:
                    bad += 1
                    if verbose:
                        print(f"  {kind} {path.name} seed={seed}: {found[:4]}")
        total[kind] = bad
        print(f"{kind:16} {bad:3} of {len(FIXTURE_FILES) * rounds}", flush=True)


if __name__ == "__main__":
    import sys

    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, "-v" in sys.argv)
