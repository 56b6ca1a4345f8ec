"""A web page's menu and cookie banner above a policy copied from it (:mod:`policyvc.parser.site_chrome`), and a
running header that names the policy by its number alone beside a page's number (``<plan> Medical Policy
<number>``): neither is the policy's text, its title or a heading."""

from __future__ import annotations

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.documents import page_tools
from policyvc.parser.outline import _crumbs_line
from policyvc.parser.site_chrome import site_chrome
from policyvc.renderer.outline import render_outline

# Two web copies of other plans and wordings: a site's menu set apart by runs of spaces, a breadcrumb trail, a
# cookie banner (its buttons on its line, or on the next), then the policy's title and fields.
_WEB = {
    "pbm": (
        "Lakeview Pharmacy Benefits\n"
        "Patients   Prescribers   Plan Sponsors   About Us\n"
        "Resources > Coverage Criteria > Dermatology\n"
        "We use cookies to give you the best experience on our website.  Accept All  Reject All\n"
        "Dupilumab (Dupixent) for Atopic Dermatitis\n"
        "Criteria ID: LPB-2291\n"
        "Effective: 2026-03-01\n"
        "Initial Approval\n"
        "Approve for 6 months when ALL of the below are met:\n"
        "A) Moderate to severe atopic dermatitis;\n"
        "B) Age 6 months or older.\n",
        "Dupilumab (Dupixent) for Atopic Dermatitis",
    ),
    "plan": (
        "Harbor Valley Health\n"
        "Members  Providers  Employers  Find a Doctor\n"
        "This website stores cookies on your computer to improve your browsing.\n"
        "Accept  Decline  Cookie Settings\n"
        "Home Sleep Apnea Testing\n"
        "Policy Number: HVH-MP-118\n"
        "Effective Date: 02/01/2026\n"
        "Coverage Criteria\n"
        "Home sleep apnea testing is covered when all of the following are met:\n"
        "1. Age 18 years or older;\n"
        "2. High pretest probability of obstructive sleep apnea.\n",
        "Home Sleep Apnea Testing",
    ),
}


@pytest.mark.parametrize("name", sorted(_WEB))
def test_a_web_copy_reads_its_title_under_the_sites_menu_and_banner(name: str) -> None:
    text, title = _WEB[name]
    report = parse_text_report(text, "p.txt", recover=True)
    assert report.policy.header.title == title
    outline = render_outline(report.policy)
    assert "cookies" not in outline and "Providers" not in outline and "Prescribers" not in outline
    # (said, not silent: by the head's note when the banner is among the site's lines, else by the banner's own)
    assert any("cookies" in d.message and "web page's" in d.message for d in report.diagnostics)


@pytest.mark.parametrize(
    "line,trail",
    [
        ("Providers / Clinical resources / Medical necessity guidelines / Home oxygen", True),
        ("Members / Pharmacy / Drug Lists / Specialty Drugs / Criteria", True),
        ("Home / Pharmacy / Prior authorization criteria", True),
        ("Sleep Studies / Polysomnography / Home Sleep Testing", False),  # a title of three names set apart so
        ("Policy/Criteria", False),  # a heading: its slash unspaced
        ("Step 1 / Step 2 / Step 3 / Step 4", False),  # steps numbered: no page's names
        ("Prior authorization / step therapy / quantity limits / site of care", False),  # lower case: words
        ("Oral / Nasal / Topical / Injectable routes are covered.", False),  # a sentence
    ],
)
def test_a_trail_of_pages_set_apart_by_slashes(line: str, trail: bool) -> None:
    assert _crumbs_line(line) is trail


# Two web copies whose site writes the trail of pages above this one with spaced slashes, then the page's
# text-size and print buttons, each line on its own right above the title: no title, no paragraph of their own.
_TRAILED = {
    "dme": (
        "Northfield Community Health  |  Members  |  Providers\n"
        "Providers / Policies and guidelines / Durable medical equipment / Hospital beds\n"
        "Font size: A A A   Print   Email\n"
        "Semi-Electric Hospital Beds\n"
        "Policy No.: NCH-DME-207\n"
        "Effective: March 1, 2026\n"
        "Criteria\n"
        "A semi-electric hospital bed is covered when the member meets ALL of the criteria below:\n"
        "1. A condition requiring positioning not feasible in an ordinary bed;\n"
        "2. Frequent changes in body position are needed.\n",
        "Semi-Electric Hospital Beds",
    ),
    "rx": (
        "Home / Pharmacy / Prior authorization criteria\n"
        "Text size: AAA   Share\n"
        "Teriparatide Injection\n"
        "Criteria Number: RX-ENDO-044\n"
        "Effective Date: 04/01/2026\n"
        "Approval Criteria\n"
        "Teriparatide is approved when all of the following are met:\n"
        "1. Osteoporosis at high risk for fracture;\n"
        "2. Trial of an oral bisphosphonate.\n",
        "Teriparatide Injection",
    ),
}


@pytest.mark.parametrize("name", sorted(_TRAILED))
def test_a_web_copy_reads_its_title_under_the_sites_trail_and_buttons(name: str) -> None:
    text, title = _TRAILED[name]
    report = parse_text_report(text, "p.txt", recover=True)
    assert report.policy.header.title == title
    outline = render_outline(report.policy)
    assert "size" not in outline and "Print" not in outline
    trail = next(line for line in text.splitlines() if " / " in line)
    assert " / " not in outline  # (the site's trail is the site's: removed, never the title nor the policy's text)
    assert any("web page's head" in d.message and trail.split(" / ")[0] in d.message for d in report.diagnostics)
    assert any("web page's buttons" in d.message for d in report.diagnostics)  # (said, not silent)


@pytest.mark.parametrize(
    "lines",
    [
        ["Policy History", "Date  Version  Changes", "01/01/2026  2.0  Criteria updated"],  # a table's header
        ["Policy Number   Effective Date   Last Review", "MP-118   02/01/2026   01/15/2026"],  # a header grid
        ["Home Sleep Apnea Testing", "Policy Number: HVH-MP-118"],  # a title
        ["Members who use cookies or tobacco products are not eligible.  Accept the risk."],  # no banner's buttons
        ["Dosing  Storage  Warnings  Precautions", "Dose  Route  Frequency"],  # a table's header over a row
    ],
)
def test_what_is_no_site_chrome(lines: list[str]) -> None:
    assert site_chrome(lines) == []


def test_a_menu_beyond_the_head_is_left() -> None:
    lines = [f"Paragraph {k} of the policy." for k in range(20)] + ["Members  Providers  Employers"]
    assert site_chrome(lines) == []


# A text copy of a two-page print whose second page opens with a running header that names the policy by its
# number only (its plan's short name, its kind), then the title: two plans, two wordings.
_PAGED = {
    "ndak": ("Prairie Health", "Medical Policy", "MP-3.02.110", "PH Medical Policy MP-3.02.110"),
    "cove": ("Cove Mutual Insurance", "Coverage Policy", "CP-2214", "Cove Coverage Policy CP-2214"),
}


def _paged(plan: str, kind: str, number: str, header: str, items: list[str]) -> str:
    head = [
        plan,
        kind,
        "Knee Orthosis",
        f"Policy Number: {number}",
        "Effective Date: 01/01/2026",
        "Printed: 12/19/2025",
    ]
    head += [
        "Description",
        "A knee orthosis is a brace that supports or aligns the knee joint and limits its",
        "motion",
    ]
    head += ["after an injury or an operation.", "Policy"]
    lead = ["A custom knee orthosis is medically necessary when all of the following are met:"]
    body = [f"{k}. {t}" for k, t in enumerate(items, 1)]
    page_two = ["Page 1 of 2", header, "Knee Orthosis"]
    tail = ["Policy History", "Date Action", "03/01/2024 New policy", "Page 2 of 2"]
    return "\n".join([*head, *lead, *body[:3], *page_two, *body[3:], *tail]) + "\n"


_ITEMS = [
    "Documented ligament instability of the knee;",
    "Failure of an off-the-shelf orthosis;",
    "Prescribed by an orthopedic surgeon;",
    "No skin condition preventing use;",
    "A fitting by a certified orthotist.",
]


@pytest.mark.parametrize("name", sorted(_PAGED))
def test_a_running_header_naming_the_policy_by_its_number_is_furniture(name: str) -> None:
    plan, kind, number, header = _PAGED[name]
    policy = parse_text_report(_paged(plan, kind, number, header, _ITEMS), "p.txt", recover=True).policy
    outline = render_outline(policy)
    assert header not in outline  # neither a heading nor a paragraph
    rows = [line.split("\t") for line in outline.splitlines()]
    parents = {row[0].rsplit(".", 1)[0] for row in rows if row[-1] in _ITEMS}
    assert len(parents) == 1  # the list goes on past the page break: one set of five
    assert len([row for row in rows if row[-1] in _ITEMS]) == 5


@pytest.mark.parametrize(
    "line",
    [
        "See Medical Policy MP-3.02.111",  # another policy's number
        "Reviewed 2026-01-01",  # a date, no policy's number
        "the knee brace covered under MP-3.02.110",  # a sentence's piece in lower case
    ],
)
def test_a_line_beside_a_page_number_that_is_not_the_running_header_is_kept(line: str) -> None:
    plan, kind, number, _ = _PAGED["ndak"]
    text = _paged(plan, kind, number, line, _ITEMS)
    outline = render_outline(parse_text_report(text, "p.txt", recover=True).policy)
    assert " ".join(line.split()) in outline


@pytest.mark.parametrize(
    "line,tools",
    [
        ("Text size: A A A   Print   Share", True),
        ("Font size: AAA  Email", True),
        ("Text size: labels printed in 12-point type or larger", False),  # a criterion about text size
        ("Print", False),  # one word alone: a heading may say it
    ],
)
def test_a_pages_text_size_buttons(line: str, tools: bool) -> None:
    assert page_tools(line) is tools
