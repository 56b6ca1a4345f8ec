"""Heads other payers write (generic template), each shape in a fixture of its own in
``tests/fixtures/head_shapes`` (words of our own): a title below the header fields with a manual's name and a
section label above them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Policy

FIXTURES = Path(__file__).parent / "fixtures" / "head_shapes"


def _header(policy: Policy) -> tuple[str, str, dt.date | None, dt.date | None]:
    h = policy.header
    return h.title, h.reference_number, h.effective_date, h.last_review


def test_a_title_below_the_fields_under_a_manual_s_name_and_a_section_label() -> None:
    # (``Provider Medical Policy Manual`` / ``Section: Surgery`` / the fields / the title / ``Description:``)
    policy = parse_file_report(FIXTURES / "title-below-fields.web.txt", recover=True).policy
    assert _header(policy) == ("Cochlear Implants for Hearing Loss", "0318", dt.date(2026, 9, 1), dt.date(2026, 7, 22))
    # (the section's label stays in the body, as written)
    assert "Section: Surgery" in [p.text for s in policy.body for p in s.blocks if hasattr(p, "text")]


_BODY = (
    "Coverage Criteria\nThe service is medically necessary when all of the following are met:\n"
    "1. The member is 18 years of age or older; and\n2. Conservative therapy has failed.\n"
)


def _read(text: str) -> tuple[Policy, list[str]]:
    report = parse_text_report(text, source="x.txt", recover=True)
    return report.policy, [d.message for d in report.diagnostics]


def test_a_label_and_its_value_above_the_fields_is_never_the_title() -> None:
    # (no title line anywhere: none is guessed — neither the label's line nor the manual's name)
    policy, messages = _read(
        "Clinical Policy Manual\nCategory: Neurology\nPolicy Number: 2204\nEffective Date: 04/01/2026\n\n" + _BODY
    )
    assert _header(policy)[:2] == ("", "2204")
    assert any("no title" in m for m in messages)


def test_a_title_above_the_fields_stays_the_title() -> None:
    # (a title-like line above the fields, a heading of the body's below them: the line above)
    policy, _ = _read("Gastric Electrical Stimulation\nPolicy Number: 2205\nEffective Date: 04/01/2026\n\n" + _BODY)
    assert _header(policy)[:2] == ("Gastric Electrical Stimulation", "2205")
    # (a topic and its subject set apart from the fields is still a title: ``Guideline: …`` names the document,
    # its kind of document before the colon no part of the name, as ``Clinical Policy: …`` is none)
    policy, _ = _read(
        "Clinical Guidelines:\nGuideline: Vestibular Rehabilitation Therapy\nEffective Date: 04/01/2026\n\n" + _BODY
    )
    assert _header(policy)[0] == "Vestibular Rehabilitation Therapy"


def _texts(policy: Policy) -> list[str]:
    from policyvc.renderer.outline import render_outline

    return [line.split("\t")[-1] for line in render_outline(policy).split("\n") if not line.startswith("header.")]


def test_an_identifier_printed_only_in_the_running_header_is_the_head_s() -> None:
    # (a Word document whose header prints ``Policy Number`` / ``PA-4185`` at the top of every page, the first
    # too: the first page's copy is the head's field, every later one furniture)
    for name in ("running-id.libreoffice.pdftotext.txt", "running-id.libreoffice.pdftotext-layout.txt"):
        policy = parse_file_report(FIXTURES / name, recover=True).policy
        assert _header(policy)[:3] == ("Ustekinumab Products", "PA-4185", dt.date(2026, 9, 1)), name
        # (the first page's copy is the head's, left in the text as the layout set it; the later ones are gone)
        assert [t for t in _texts(policy) if "PA-4185" in t] == ["PA-4185"], name


def test_a_running_field_on_one_line_is_kept_on_the_first_page_only() -> None:
    # (a running header of two lines, the plan's name and the field, at the top of every page)
    page = "Westbrook Health Plan\nDocument #: RX-5521\n\nHip Resurfacing Arthroplasty\n\n{body}\n\nPage {n} of 3\n"
    body = "Some text of the policy that goes on for a while and then stops at the end of the line."
    text = "\f".join(page.format(body=body if n > 1 else _BODY, n=n) for n in (1, 2, 3))
    policy, _ = _read(text)
    assert _header(policy)[1] == "RX-5521"
    assert not any("RX-5521" in t for t in _texts(policy))


def test_a_grid_of_label_value_cells_with_a_date_wrapped_in_its_narrow_cell() -> None:
    # (a web page's two-column header table printed by Chromium: ``Policy Number:`` / ``3.02.14`` and
    # ``Effective Date:`` / ``September 1,`` / ``2026`` in the narrow left cells, another field beside each)
    for name in ("wrapped-cells.chromium.pdftotext-layout.txt", "wrapped-cells.chromium.pdftotext.txt"):
        policy = parse_file_report(FIXTURES / name, recover=True).policy
        assert _header(policy)[:3] == ("Gastric Electrical Stimulation", "3.02.14", dt.date(2026, 9, 1)), name
        texts = _texts(policy)
        assert any("Local Coverage Determination for Gastric Electrical Stimulators (L35117)" in t for t in texts)


def test_a_grid_that_is_no_header_s_stays() -> None:
    from policyvc.parser.header_grid import find_grid

    fields = ("Policy Number", "Effective Date")
    # (a one-row history under the title: its value no date-and-identifier field's — ``Policy created.``)
    assert find_grid([" Effective Date     Summary of Changes", " 04/01/2026         Policy created."], fields) is None
    # (fields side by side, none wrapped: read on their line as they stand)
    assert find_grid(["Policy Number: 0297      Effective Date: 01/01/2026"], fields) is None
    # (labels of no field the template has, values with no date)
    assert find_grid([" Product      Strength", " Neulasta     6 mg"], fields) is None


@pytest.mark.parametrize(
    ("head", "title", "reference"),
    [
        (  # (a section's label among the fields, right below the title: a field, never the title)
            "Medical Policy\nMEDICAL POLICY: S-118\nSacral Nerve Stimulation\nSection: Surgery\n"
            "Effective Date: 03/02/2026\nIssued Date: 03/02/2026\n",
            "Sacral Nerve Stimulation",
            "S-118",
        ),
        (
            "Clinical Policy Manual\nPolicy Number: MP-077\nHyperbaric Oxygen Therapy\nCategory: Medicine\n"
            "Effective Date: 01/01/2026\n",
            "Hyperbaric Oxygen Therapy",
            "MP-077",
        ),
        (
            "Policy No. 4120\nOral Appliances for Sleep Apnea\nDepartment: Pulmonology\nLast Review: 04/01/2026\n"
            "Effective Date: 05/01/2026\n",
            "Oral Appliances for Sleep Apnea",
            "4120",
        ),
    ],
)
def test_a_short_label_s_line_among_the_fields_is_never_the_title(head: str, title: str, reference: str) -> None:
    policy, _ = _read(head + "\n" + _BODY)
    assert _header(policy)[:2] == (title, reference)


def _printed(cells: list[str]) -> str:
    """A browser's print of a page whose header table raw pdftotext writes a cell a line, blank lines between."""
    body = (
        "Coverage Criteria\nThe service is medically necessary when all of the following are met:\n\n"
        "1. The member is 18 years of age or older; and\n\n2. Conservative therapy has failed.\n\n"
    )
    return "1/5/27, 9:15 AM\n\nSummit Health - Medical Policy\n\n" + "\n\n".join(cells) + "\n\n" + body + "1/1\n\f"


@pytest.mark.parametrize(
    ("cells", "title", "reference"),
    [
        (  # label / blank / value, a title as wide as the print under its label
            ["Title:", "Percutaneous Tibial Nerve Stimulation for Overactive Bladder in Adults and Adolescents",
             "Policy #:", "07.02.44b", "Effective Date: January 12, 2027"],
            "Percutaneous Tibial Nerve Stimulation for Overactive Bladder in Adults and Adolescents",
            "07.02.44b",
        ),
        (
            ["Policy Title:", "Transcatheter Mitral Valve Repair in Symptomatic Degenerative Regurgitation",
             "Document Number:", "MP-2291", "Effective Date:", "03/01/2027"],
            "Transcatheter Mitral Valve Repair in Symptomatic Degenerative Regurgitation",
            "MP-2291",
        ),
        (  # (the label right under the title's line, no blank between)
            ["Subject:", "Continuous Glucose Monitoring Systems for Adults With Type 2 Diabetes Mellitus\nPolicy No.:",
             "CG-0415", "Last Review: 02/15/2027"],
            "Continuous Glucose Monitoring Systems for Adults With Type 2 Diabetes Mellitus",
            "CG-0415",
        ),
    ],
)  # fmt: skip
def test_a_printed_header_table_s_label_is_never_glued_to_the_title(
    cells: list[str], title: str, reference: str
) -> None:
    policy, _ = _read(_printed(cells))
    assert _header(policy)[:2] == (title, reference)
    # (the identifier's value alone, which the layout may make a heading, heads no section: the front's text)
    assert [s.title for s in policy.body] == ["", "Coverage Criteria"]


@pytest.mark.parametrize(
    ("site", "kept"),
    [
        ("Blue Cross NC\nShop Plans\tMedicare\tMembers\tProviders\nProviders / Policies / Medical Policy\n", False),
        ("Acme Health\nFind a Doctor | Members | Providers\n", False),
        ("Lakeview Health Plan\nProvider Library\n", True),
    ],
)
def test_a_site_s_name_above_the_title_heads_no_section(site: str, kept: bool) -> None:
    text = (
        f"{site}Implantable Loop Recorders\nFile Name:\timplantable_loop_recorders\nOrigination:\t6/2012\n"
        "Last Review:\t9/2025\nDescription\nA loop recorder monitors the heart's rhythm for up to three years.\n"
        + _BODY
    )
    policy, _ = _read(text)
    assert policy.header.title == "Implantable Loop Recorders"
    assert [s.title for s in policy.body][:3] == ["", "Description", "Coverage Criteria"]
    # (the site's name and the lines under it stay, as the front's paragraphs — but for a site's menu set apart
    # by bars under it: the web page's head, removed with a note)
    assert (site.split("\n")[0] in _texts(policy)) is kept


@pytest.mark.parametrize("apart", ["\n\n", "\n"])
@pytest.mark.parametrize(
    ("labels", "values", "expected"),
    [
        (
            ["Title:", "Policy #:", "Effective Date:"],
            ["Percutaneous Tibial Nerve Stimulation for Overactive Bladder in Adults and Adolescents", "07.02.44b",
             "January 12, 2027"],
            ("Percutaneous Tibial Nerve Stimulation for Overactive Bladder in Adults and Adolescents", "07.02.44b",
             dt.date(2027, 1, 12)),
        ),
        (
            ["Policy Title:", "Policy Number:", "Effective Date:", "Last Review Date:"],
            ["Home Sleep Apnea Testing", "MP-3310", "03/01/2027", "02/10/2027"],
            ("Home Sleep Apnea Testing", "MP-3310", dt.date(2027, 3, 1)),
        ),
    ],
)  # fmt: skip
def test_a_printed_header_table_s_labels_then_its_values(
    apart: str, labels: list[str], values: list[str], expected: tuple[str, str, dt.date]
) -> None:
    # (raw pdftotext of a browser's print writes a header table's label column, then its value column: a value
    # is never the end of the one above it, and the date is never the title)
    text = _printed([apart.join(labels), apart.join(values)])
    report = parse_text_report(text, source="x.txt")  # (strict: the text says it is a policy)
    assert _header(report.policy)[:3] == expected
