"""Heads and lists of blind set 28's classes, in shapes written from real prints (never its documents):

- page 1's running header above the head that says it whole (a LibreOffice print through pdftotext: ``Bariatric
  Surgery | <plan> Medical Coverage Policy`` over ``Medical Coverage Policy | Bariatric Surgery``; Centene's
  ``CLINICAL POLICY`` / ``<title>`` over ``Clinical Policy: <title>``) goes as it does on every other page;
- a kind of document, a bar, then the subject is a title (``Medical Coverage Policy | Bariatric Surgery``);
- an LCD's number alone under its title (``L39242``) names nothing, so never outranks the title: it is the identifier;
- Word's ``o`` sub-bullet over an item in lower case.
"""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.renderer.outline import outline_rows
from policyvc.renderer.text import render_text

RUNNING = "Knee Arthroscopy | Acme Medical Coverage Policy"
BODY = "Arthroscopic surgery of the knee is addressed here for members with mechanical symptoms and imaging findings."


def _pages(head: str, running: str) -> str:
    pages = [f"{running}\n\n{head}\n\nDescription\n{BODY}\n"]
    pages += [f"{running}\n\nBackground {n}\n{BODY}\n" for n in range(2, 5)]
    return "".join(f"{p}\nPage {k} of 4\n\f" for k, p in enumerate(pages, 1))


def test_page_ones_running_header_goes_and_the_bar_title_is_read() -> None:
    head = "Medical Coverage Policy | Knee Arthroscopy\nPolicy Number: AC-MP-0301\nEffective Date: 07/15/2025"
    report = parse_text_report(_pages(head, RUNNING))
    assert report.policy.header.title == "Knee Arthroscopy"
    assert RUNNING not in render_text(report.policy)


def test_a_centene_like_running_pair_goes_from_page_one() -> None:
    head = "Clinical Policy: Knee Arthroscopy\nReference Number: AC.MP.301\nDate of Last Revision: 04/26"
    report = parse_text_report(_pages(head, "CLINICAL POLICY\nKnee Arthroscopy"))
    text = render_text(report.policy)
    assert "CLINICAL POLICY" not in text
    assert report.policy.header.title == "Knee Arthroscopy"


def test_a_running_line_that_is_the_head_itself_stays() -> None:
    """A title alone at page 1's top, written again at every page's top, with no head line saying more: kept."""
    head = "Policy Number: AC-MP-0301\nEffective Date: 07/15/2025"
    report = parse_text_report(_pages(head, "Knee Arthroscopy"))
    assert report.policy.header.title == "Knee Arthroscopy"


def test_an_lcds_number_under_its_title_is_no_title() -> None:
    text = (
        "Local Coverage Determination (LCD)\nEpidural Steroid Injections for Pain Management\nL39242\n"
        "Contractor Name: Acme Government Services, Inc.\nOriginal Effective Date: 12/05/2021\n"
        "Revision Effective Date: 11/14/2025\n\nBackground\n\n" + BODY + "\n"
    )
    header = parse_text_report(text).policy.header
    assert (header.title, header.reference_number) == ("Epidural Steroid Injections for Pain Management", "L39242")


HEAD = "Medical Policy: Knee Arthroscopy\nPolicy Number: AC-MP-0301\nEffective Date: 07/15/2025\n\n"


def _rows(body: str) -> list[tuple[str, str, str]]:
    return list(outline_rows(parse_text_report(HEAD + body).policy))


def test_words_o_bullet_over_an_item_in_lower_case() -> None:
    body = (
        "Limitations\n\nThe following are not considered medically necessary:\n\n"
        "\u2022 Arthroscopy for degenerative knee pain alone\n"
        "\u2022 Routine use of general anesthesia, except when documented:\n"
        "   o in patients with severe anxiety\n"
        "   o in patients unable to cooperate\n"
        "\u2022 Arthroscopic lavage\n"
    )
    rows = _rows(body)
    kids = [(i, text) for i, _, text in rows if text.startswith("in patients")]
    parent = next(i for i, _, text in rows if text.startswith("Routine use"))
    assert [t for _, t in kids] == ["in patients with severe anxiety", "in patients unable to cooperate"]
    assert all(i.startswith(parent + ".") for i, _ in kids)
