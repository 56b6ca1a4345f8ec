"""A browser's print read by ``pdftotext`` (``tests/fixtures/browser_title``, words of our own): the page's title
Chromium prints beside its date stamp at the top of every page is page furniture wherever the page break falls —
inside a list item, inside a sentence — and the document's title is read once, from its own head."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.furniture import print_stamp, printed_by_browser, stamp_title, stamped
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures" / "browser_title"
MODES = ("pdftotext", "pdftotext-layout")


def _body(outline: str) -> list[str]:
    return [line.split("\t")[-1] for line in outline.split("\n") if line and not line.startswith("header.")]


@pytest.mark.parametrize("mode", MODES)
def test_the_page_title_goes_on_every_page_when_the_break_falls_inside_a_list_item(mode: str) -> None:
    policy = parse_file_report(FIXTURES / f"break-in-list.chromium.{mode}.txt", recover=True).policy
    title = "Transcranial Magnetic Stimulation for Major Depressive Disorder"
    assert policy.header.title == title
    body = _body(render_outline(policy))
    assert not [t for t in body if title in t or "PM" in t or "file://" in t]
    # (item 8 goes on past the page break, the title printed at page 2's top out of it; item 9 follows)
    assert (
        "The member is not pregnant, or the treating psychiatrist documents that the benefits of treatment outweigh"
        " the risks of the alternatives for this member after discussing them with her;"
    ) in body
    assert body.index("Harborview Community Health Plan") < body.index("Description")
    assert sum(t.startswith(("The member", "The current", "The treatment", "The requested", "A standardized"))
               for t in body) == 12  # fmt: skip


@pytest.mark.parametrize("mode", MODES)
def test_the_page_title_goes_on_every_page_when_the_break_falls_inside_a_sentence(mode: str) -> None:
    policy = parse_file_report(FIXTURES / f"break-in-sentence.chromium.{mode}.txt", recover=True).policy
    assert policy.header.title == "Continuous Glucose Monitoring Devices"
    body = _body(render_outline(policy))
    assert not [t for t in body if "Lakeshore" in t or "PM" in t or "file://" in t]
    assert any(
        t.endswith("Supplies beyond these replacement intervals are not medically necessary.")
        and t.startswith("Sensors are replaced")
        for t in body
    )


def test_a_page_title_the_head_does_not_write_again_is_the_document_s_only_title_and_stays() -> None:
    # (the fixture without its own heading: the title the browser printed on the first page is all there is)
    text = (FIXTURES / "break-in-sentence.chromium.pdftotext.txt").read_text(encoding="utf-8")
    text = text.replace("Continuous Glucose Monitoring Devices\nPolicy Number", "Policy Number", 1)
    assert text.count("Continuous Glucose Monitoring Devices | Lakeshore Health Partners") == 2
    policy = parse_text_report(text, source="x.txt", recover=True).policy
    outline = render_outline(policy)
    # (the first page's kept — fail safe: the title is the header's to take or a paragraph, never lost —, page 2's
    # gone)
    assert outline.count("Continuous Glucose Monitoring Devices | Lakeshore Health Partners") == 1


def test_a_print_stamp_in_each_shape_and_what_is_none() -> None:
    for stamp in ("12/5/26, 3:04 PM", "12/05/2026, 15:04", "1/2/26, 11:59:07 AM", "3/2/26, 4:05PM"):
        assert print_stamp(stamp) and stamped(stamp) and printed_by_browser(stamp), stamp
    assert stamped("3/2/26, 4:05 PM Sleep Studies - Medical Policy") and printed_by_browser("https://x.org/p 2/5")
    for text in ("12/5/26", "10/01/2026 Annual review; 3:1 ratio", "12/5/26, 3:04 PM Sleep Studies", "12:30 PM"):
        assert not print_stamp(text), text
    for text in ("10/01/2026 Annual review.", "Approved 12/5/26, 3:04 PM", "3/2026, 4 units"):
        assert not stamped(text) and not printed_by_browser(text), text


def test_the_title_under_a_stamp_is_only_the_line_set_apart_below_it() -> None:
    lines = ["12/5/26, 3:04 PM", "", "Sleep Studies | Plan", "", "Sleep Studies", "Policy Number: 1"]
    assert [k for k in range(len(lines)) if stamp_title(lines, k)] == [2]
    # (a line under the stamp that runs on into the next: text, not the page's title)
    assert not stamp_title(["12/5/26, 3:04 PM", "", "the member has", "tried two drugs"], 2)
