"""A revision log printed cell by cell over a page break is one log: every row an entry, the header's names
repeated on the next page no row and no heading, and a row's two months alike (``11/21`` / ``11/21``) dates,
never a browser's page counter (fixtures: ``tests/fixtures/page_logs``)."""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy, Section

HERE = FIXTURES / "page_logs"
_TEXT = (HERE / "examplar-stimulation.libreoffice.pdftotext.txt").read_text(encoding="utf-8")
_NAME = "Reviews, Revisions, and Approvals"
# (the rows src/make.py writes: a year from 2003, the months stepping by five)
_DATES = [dt.date(2002, 5, 1)] + [dt.date(2003 + i, (4 + 5 * i) % 12 + 1, 1) for i in range(23)]


def _read(text: str) -> Policy:
    return parse_text_report(text, source="examplar-stimulation.txt", recover=True).policy


def _titles(policy: Policy) -> list[str]:
    out: list[str] = []

    def walk(sections: tuple[Section, ...]) -> None:
        for s in sections:
            out.append(s.title)
            walk(tuple(c for c in s.blocks if isinstance(c, Section)))

    walk(tuple(s for s in policy.body if isinstance(s, Section)))
    return out


def _check(policy: Policy) -> None:
    assert [e.date for e in policy.revision_log] == _DATES
    assert policy.revision_log[0].description == "Policy developed."
    assert policy.revision_log[1].description == (
        "Annual review; background updated with new literature; references reformatted."
    )
    titles = _titles(policy)
    assert titles.count(_NAME) <= 1  # (the log's heading at most: its repeated names are no headings)
    assert not any(t.startswith(("Revision", "Approval")) or t[:1].isdigit() for t in titles)


def test_a_log_over_a_page_break_is_one_log() -> None:
    _check(_read(_TEXT))


def test_a_blank_line_between_the_heading_and_the_first_name() -> None:
    """The heading the table's first column repeats is no name of another table above it."""
    _check(_read(_TEXT.replace(f"{_NAME}\n{_NAME}\n", f"{_NAME}\n\n{_NAME}\n", 1)))


def test_the_header_repeated_but_for_its_first_name() -> None:
    """Reading order may set the repeated header's first name after the page's rows: still one log, and the
    stray name no heading."""
    page = _TEXT.rindex(f"\f{_NAME}\n")  # (the header repeated on the next page)
    moved = _TEXT[:page] + "\f" + _TEXT[page + len(_NAME) + 3 :]
    end = moved.index("\nReferences")
    moved = moved[:end] + f"\n{_NAME}\n" + moved[end:]
    _check(_read(moved))
