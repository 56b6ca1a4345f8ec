"""Hard-wrapped text (a print's pdftotext) where lines stand on their own that the wrap test must not join nor
set apart as titles: a column of short entries (an index's terms), a row of cells under another row, a footer's
line with its two ends set apart.  Invented examples; each shape read as the text without wrapping reads it."""

from __future__ import annotations

import textwrap

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Paragraph, Policy, Section
from policyvc.renderer.outline import render_outline

_WORDS = (
    "the plan considers the service medically necessary when the member has a documented condition that "
    "has not responded to conservative care and when the treating clinician has recorded the findings of "
    "the examination in the medical record together with a plan of care"
)
WORDS = _WORDS.split()


def _prose(seed: int, n: int = 60) -> str:
    """A paragraph of ``n`` words wrapped at 100 columns, its lines going on in lower case (a print's)."""
    words = [WORDS[(seed * 7 + i * (seed % 5 + 3)) % len(WORDS)] for i in range(n)]
    return textwrap.fill("The " + " ".join(words) + ".", width=100)


def _read(tail: str) -> tuple[Policy, list[str]]:
    text = (
        "Hyperbaric Oxygen Therapy\n\nPolicy Number: MED-0417\n\nEffective Date: 03/01/2026\n\nDescription\n\n"
        f"{_prose(1)}\n\n{_prose(2)}\n\nPosition Statement\n\n{_prose(3)}\n\n{_prose(4, 40)}\n\n{tail}"
    )
    report = parse_text_report(text, source="x.txt", recover=True)
    notes = [d.message for d in report.diagnostics]
    assert "read as text with wrapped lines and page breaks (pdftotext)" in notes  # (the shape under test)
    return report.policy, notes


def _section(policy: Policy, title: str) -> Section:
    return next(s for s in policy.body if s.title == title)


def _texts(section: Section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph)]


def test_an_index_of_short_terms_is_a_column_of_entries_not_headings() -> None:
    policy, _ = _read(f"Index\n\nHBOT\nHyperbaric Oxygen Therapy\nTopical Oxygen\n\n{_prose(6, 30)}\n")
    index = _section(policy, "Index")
    assert _texts(index)[:3] == ["HBOT", "Hyperbaric Oxygen Therapy", "Topical Oxygen"]
    assert not any(isinstance(b, Section) for b in index.blocks)
    assert "heading\tHBOT" not in render_outline(policy)


def test_a_row_of_dates_under_its_header_row_is_not_joined_to_it() -> None:
    rows = (
        "Date Created    Date Reviewed                          Date Last Revised\n"
        "03/2012         03/2023, 03/2024, 03/2025        03/2024\n"
    )
    policy, _ = _read(f"Applicable Codes\n\n{_prose(7, 30)}\n\n{rows}\n{_prose(8, 30)}\n")
    texts = _texts(_section(policy, "Applicable Codes"))
    assert "Date Created Date Reviewed Date Last Revised" in texts
    assert "03/2012 03/2023, 03/2024, 03/2025 03/2024" in texts
    assert "heading\t03/2012" not in render_outline(policy)


def test_a_footers_line_with_its_ends_set_apart_is_not_joined_to_the_centred_line_below() -> None:
    footer = (
        "Hyperbaric Oxygen Therapy                                                                Page 3 of 3\n"
        "Example Health Commercial Medical Policy                                     Effective 03/01/2026\n"
        "                   Proprietary Information of Example Health. Copyright 2026 Example Health, Inc.\n"
    )
    policy, _ = _read(f"Instructions for Use\n\n{_prose(9, 40)}\n\n{footer}")
    outline = render_outline(policy)
    assert "Effective 03/01/2026 Proprietary" not in outline
    assert "Proprietary Information of Example Health. Copyright 2026 Example Health, Inc." in outline


def test_a_justified_lines_wide_spaces_and_a_hanging_item_still_join() -> None:
    """A line with wide spaces whose next line starts where it does (a justified line of ``-layout`` text) is
    wrapped as before; so is an item's text set apart from its marker, its next line under the text."""
    justified = (
        "The member   has tried   and failed   two   classes   of   therapy   over   a   period   of   at\n"
        "least six months of care.\n"
    )
    item = (
        "1.   The member has tried and failed two classes of therapy over a period of at least six months of\n"
        "     conservative care.\n"
    )
    policy, _ = _read(f"Criteria\n\n{justified}\n{_prose(10, 30)}\n\nNotes\n\n{item}\n{_prose(11, 30)}\n")
    assert any(t.endswith("of at least six months of care.") for t in _texts(_section(policy, "Criteria")))
    assert "six months of conservative care." in render_outline(policy)


def test_a_heading_and_a_subheading_running_on_into_a_tables_rows_stay_headings() -> None:
    """Short title-like lines that run on into the lines below them (a table's header and rows) are no column
    of entries: the section's heading and its table's caption."""
    coding = (
        "CODING AND BILLING INFORMATION\n"
        "CPT (Current Procedural Terminology)\n"
        "Code Description\n"
        "69714 Implantation, osseointegrated implant, skull; with percutaneous attachment\n"
        "69716 Implantation, osseointegrated implant, skull; with magnetic transcutaneous attachment\n"
    )
    policy, _ = _read(f"{coding}\n{_prose(12, 30)}\n")
    assert "heading\tCPT (Current Procedural Terminology)" in render_outline(policy)
