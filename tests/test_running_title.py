"""A running header that says the document's title again, wrapped otherwise than at the head, above a page's
number — and landing inside a list item — is page furniture (issue 17).  Invented examples."""

from __future__ import annotations

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report
from policyvc.parser.documents import page_furniture
from policyvc.parser.nodes import Policy
from policyvc.parser.text_styles import prepare
from policyvc.renderer.outline import render_outline

HEAD = (
    "Home Oxygen Concentrators and Portable Oxygen Systems - Durable Medical\n"
    "Equipment Guidelines | Northwind Health\n\nNumber: 0412\n\nPolicy\n\n"
    "Northwind Health considers the following experimental and investigational:\n\n"
    "  A. Liquid oxygen systems for members who do not leave the home for\n"
)
BREAK = (
    "\nHome Oxygen Concentrators and Portable Oxygen Systems - Durable Medical Equipment\n"
    "Guidelines | Northwind Health                                         Page 2 of 4\n"
)
TAIL = "     any regular activity;\n  B. Oxygen for cluster headache.\n\nBackground\n\nOxygen is a drug.\n"


def _read(text: str) -> Policy:
    return parse_text_report(text, source="x.txt", recover=True).policy


def test_the_title_wrapped_otherwise_above_a_page_number_is_furniture() -> None:
    lines = (HEAD + BREAK + TAIL).split("\n")
    found = page_furniture(lines)
    assert {lines[k - 1].split()[0] for k in found} == {"Home", "Guidelines"}
    assert min(found) > 5  # the title at the head stays


def test_a_running_title_inside_an_item_leaves_no_trace() -> None:
    plain, broken = _read(HEAD + TAIL), _read(HEAD + BREAK + TAIL)
    assert render_outline(broken) == render_outline(plain)
    assert "Northwind Health Page" not in render_outline(broken)
    assert diff(plain, broken).edits == ()


def test_the_title_repeated_in_the_text_without_a_page_number_stays() -> None:
    said = (
        "\nHome Oxygen Concentrators and Portable Oxygen Systems - Durable Medical Equipment\n"
        "Guidelines | Northwind Health\n\n"
    )
    lines = (HEAD + said + TAIL).split("\n")
    assert page_furniture(lines) == set()


def test_other_words_above_a_page_number_stay() -> None:
    other = "\nHome Oxygen Concentrators - Durable Medical Equipment\nGuidelines | Northwind Health   Page 2 of 4\n"
    lines = (HEAD + other + TAIL).split("\n")
    assert {lines[k - 1].split()[0] for k in page_furniture(lines)} == {"Guidelines"}


def test_a_head_line_run_on_by_the_next_is_text_not_a_running_header() -> None:
    """The document's first lines are what a running header may repeat; the first time one is written it is
    the text itself, even wrapped inside a sentence, and a rewrap of it is no change."""
    head = "Acme Health Plan\n\nMedical Review Criteria\nKnee Bracing\n\n"
    tail = "\n\nCriteria\n\nA brace is covered after surgery.\n\nBackground\n\nBraces help.\n"
    narrow = (
        "NOTICE: Acme Health Plan provides these criteria for\ninternal use by its members and providers. These\n"
        "criteria only apply to Acme members."
    )
    wide = (
        "NOTICE: Acme Health Plan provides these criteria for internal use by its members\n"
        "and providers. These criteria only apply to Acme members."
    )
    old, new = _read(head + narrow + tail), _read(head + wide + tail)
    assert "internal use by its members and providers" in render_outline(old)
    assert diff(old, new).edits == ()


# A two-page copy (no blank lines, as a PDF viewer copies): page two's header is the plan's name, which page one
# does not print, over the head's two first lines run together; page one's number above it.
TWO_PAGES = (
    "Utilization Review Manual\nPolicy #: 2015117\nType: Medical Policy\nEffective Date: June 1, 2026\n"
    "Continuous Passive Motion Devices\nDescription\nA continuous passive motion device moves a joint through a set"
    " range.\nPolicy\nA continuous passive motion device meets coverage criteria when all of the following are"
    " met:\n1. The member had total knee arthroplasty within the past 7 days; AND\n"
    "2. Use is limited to 21 days after the surgery and the device is used{BREAK}at home; AND\n"
    "3. The device is ordered by the operating surgeon.\n"
)
PAGE_TWO = "\nPage 1 of 2\nLakeshore Blue Cross and Blue Shield\nUtilization Review Manual Policy #: 2015117\n"


def test_a_later_pages_plan_name_over_the_head_lines_run_together_is_furniture() -> None:
    plain = _read(TWO_PAGES.replace("{BREAK}", " "))
    broken = _read(TWO_PAGES.replace("{BREAK}", PAGE_TWO))
    assert "Lakeshore" not in render_outline(broken)
    assert diff(plain, broken).edits == ()


def test_a_plan_name_that_no_page_number_bounds_stays() -> None:
    said = "\nLakeshore Blue Cross and Blue Shield provides this policy for information.\n"
    broken = _read(TWO_PAGES.replace("{BREAK}", said + "Utilization Review Manual Policy #: 2015117\n"))
    assert "Lakeshore Blue Cross" in render_outline(broken)


def test_a_page_number_written_with_colons_ends_a_page_and_its_running_block_goes() -> None:
    """``PAGE: 2 OF: 5`` (a Blue Cross plan's header block, written again at each page's top) is a page's number:
    the block each later page repeats above it is furniture; the head on page one stays."""
    head = (
        "MEDICAL POLICY\nAn independent licensee of the Blue Cross Blue Shield Association\n"
        "SUBJECT: HOME INFUSION PUMPS\nPOLICY NUMBER: 1.01.77\nEFFECTIVE DATE: 03/01/2026\n"
        "PAGE: 1 OF: 3\nPOLICY STATEMENT\nI. An infusion pump is medically appropriate when ALL of the following:\n"
        "A. The drug requires a continuous rate;\nB. The member or caregiver is trained in the pump's use; and\n"
    )
    block = "MEDICAL POLICY\nSUBJECT: HOME INFUSION PUMPS\nPOLICY NUMBER: 1.01.77\nPAGE: {n} OF: 3\n"
    cut = head.replace("in the pump's use; and\n", "in the pump's\n" + block.format(n=2) + "use; and\n")
    cut += "C. The pump is rented, not bought.\n" + block.format(n=3) + "D. The infusion lasts 8 hours a day.\n"
    kept = [line for line in prepare(cut, "x.txt", titled=False).lines if line.strip()]
    assert kept[:5] == cut.split("\n")[:5]  # (the head)
    assert not any(line.startswith(("PAGE:", "SUBJECT:", "POLICY NUMBER:", "MEDICAL POLICY")) for line in kept[5:])
