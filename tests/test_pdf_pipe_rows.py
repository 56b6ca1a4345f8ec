"""A policy typed with pipes between its table cells and printed as it is (a text file sent to a PDF printer):
a row of the revision log whose line ends near the right margin is no wrapped line of the row after it.

The extractor joins a line to the one above when the first word would not have fitted there (a wrap). A row of
pipes ends at its last cell, a date (``… updated. | 04.24 | 05.24``), and a date is never split by a wrap; so the
next line starts the next row whatever room was left — unless it starts with a pipe (a row wrapped before a cell).
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from policypdf import plain_pdf

from policyvc.parser import parse_file

SOURCE = FIXTURES / "decisions_words" / "benralizumab.txt"
BASE = "2Q 2024 annual review: added the requirement that Fasenra is not prescribed with other biologics"


def _long(text: str) -> str:
    """A log entry whose row is the longest line of ``text``: it sets the right margin of running text."""
    longest = max(len(line) for line in text.splitlines())
    words = iter(("and", "references", "reviewed", "updated") * 50)
    out = BASE
    while len(out) + len(" | 04.24 | 05.24") <= longest + 4:
        out += " " + next(words)
    return out


def _piped(text: str) -> tuple[str, str]:
    head, sep, rest = text.partition("Reviews, Revisions, and Approvals\t")
    log, _, tail = rest.partition("Important Reminder")
    rows = [line.replace("\t", " | ") for line in (sep + log).strip().splitlines()]
    entry = _long(text)
    rows[-1:-1] = [f"{entry} | 04.24 | 05.24"]
    return head + "\n".join(rows) + "\nImportant Reminder" + tail, entry


def test_a_piped_log_row_at_the_margin_ends_its_row(tmp_path: Path) -> None:
    text, entry = _piped(SOURCE.read_text(encoding="utf-8"))
    assert max(text.splitlines(), key=len).startswith(entry)
    policy = parse_file(plain_pdf(text, tmp_path / "piped.pdf"))
    log = [(str(r.date), r.description) for r in policy.revision_log]
    assert log[-2] == ("2024-04-01", entry)
    assert log[-1][1] == "Annual review; quantity per 56 days added"
    assert policy.revision_log == parse_file(_text(tmp_path, text)).revision_log  # (the typed text reads alike)


def _text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "piped.txt"
    path.write_text(text, encoding="utf-8")
    return path
