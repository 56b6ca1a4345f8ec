"""A browser's print set at a wide line height (1.5, as a web page's stylesheet asks) reads as the same policy:
a wrapped title, lead-in or criterion is one line however far apart its lines stand, even where the page's
tables set their cells closer (a line height of 1.2) — the text's own pitch is measured on its wrapped lines,
never taken from the cells'.

The policy is invented (its own service, wording and codes) in a plan's published layout; the PDF is Chromium's
with its default header and footer.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import pytest
from docgen import chromium_pdf, need

from policyvc.parser import parse_file
from policyvc.renderer.outline import render_outline

_TITLE = "Examplar Behavioral Intervention Services for Children and Adolescents"
_LEAD = "Initial examplar services are medically necessary when all of the following are met:"
_ITEMS = [
    "The member has a diagnosis of a developmental condition made by a licensed specialist after a"
    " structured evaluation that included a standardized instrument",
    "The member exhibits behaviors that meet one of the following criteria documented in the record:",
    "A parent or caregiver agrees to take part in the training sessions offered alongside the treatment",
]
_SUB = [
    "Present a safety risk to the member or to others at home, at school or in the community",
    "Significantly interfere with daily activities at home or at school for at least three months",
]
_CODES = [
    ("97151", "Behavior identification assessment, administered by a qualified health care professional, each 15"
     " minutes of the professional's time face-to-face with the patient"),
    ("97153", "Adaptive behavior treatment by protocol, administered by a technician under the direction of a"
     " qualified health care professional, face-to-face with one patient, each 15 minutes"),
    ("97155", "Adaptive behavior treatment with protocol modification, administered by a qualified health care"
     " professional, which may include simultaneous direction of a technician, each 15 minutes"),
    ("97156", "Family adaptive behavior treatment guidance, administered by a qualified health care professional"
     " (with or without the patient present), face-to-face with guardian(s)/caregiver(s), each 15 minutes"),
    ("97157", "Multiple-family group adaptive behavior treatment guidance, administered by a qualified health care"
     " professional (without the patient present), face-to-face with multiple sets of guardians/caregivers,"
     " each 15 minutes"),
    ("97158", "Group adaptive behavior treatment with protocol modification, administered by a qualified health"
     " care professional, face-to-face with multiple patients, each 15 minutes of the professional's time"),
    ("0362T", "Behavior identification supporting assessment, each 15 minutes of technicians' time face-to-face"
     " with a patient, requiring the following components: administration by the qualified health care"
     " professional who is on site"),
    ("0373T", "Adaptive behavior treatment with protocol modification, each 15 minutes of technicians' time"
     " face-to-face with a patient, requiring the following components: administration by the qualified health"
     " care professional who is on site"),
]  # fmt: skip
_CSS = (
    "body{font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;margin:40px}"
    "h1{font-size:20px} h2{font-size:16px}"
    "table{border-collapse:collapse;width:100%;font-size:13px;line-height:1.2} td,th{border:1px solid #999;padding:4px}"
)


def _page() -> str:
    sub = "".join(f"<li>{html.escape(t)}{'; OR' if k == 0 else ''}</li>" for k, t in enumerate(_SUB))
    items = "".join(
        f"<li>{html.escape(t)}{f'<ol type=a>{sub}</ol>' if k == 1 else '; AND' if k == 0 else ''}</li>"
        for k, t in enumerate(_ITEMS)
    )
    rows = "".join(f"<tr><td>{c}</td><td>{html.escape(d)}</td></tr>" for c, d in _CODES)
    background = (
        "Examplar behavioral intervention is the design and evaluation of changes to a child's surroundings that"
        " produce meaningful improvement in behavior, delivered under a plan written by a certified analyst."
    )
    evidence = (
        "Reviews of early intensive programs report gains in adaptive behavior and communication, although the"
        " certainty of the evidence is low to moderate and few studies follow children for more than two years;"
        " outcomes reported include symptom scores, functional status and the use of other services."
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{_TITLE}</title><style>{_CSS}</style></head>'
        f"<body><h1>Northwind Health Medical Policy: {html.escape(_TITLE)}</h1>"
        "<p>Policy Number: NWH.BH.017</p><p>Effective Date: 10/01/2025</p>"
        f"<h2>Background</h2><p>{background}</p><p>{evidence}</p>"
        f"<h2>Policy Criteria</h2><p>{html.escape(_LEAD)}</p><ol>{items}</ol>"
        "<h2>Billing and Coding Guidelines</h2>"
        f"<table><tr><th>CPT Code</th><th>Description</th></tr>{rows}</table>"
        f"<h2>Review History</h2><p>08/20/2025: Annual review; no changes to the criteria.</p></body></html>"
    )


@pytest.fixture(scope="module")
def printed() -> list[tuple[str, str, str]]:
    """The print's outline: (id, kind, text) a node."""
    need("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        policy = parse_file(chromium_pdf(_page(), Path(tmp) / "policy.pdf"))
    rows = [line.split("\t") for line in render_outline(policy).splitlines()]
    return [(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows]


def _plain(text: str) -> str:
    return text.removesuffix("; AND").removesuffix("; OR")


def test_the_wrapped_title_is_one_line(printed: list[tuple[str, str, str]]) -> None:
    assert ("header.title", "title", _TITLE) in printed


def test_wrapped_criteria_are_one_item_each(printed: list[tuple[str, str, str]]) -> None:
    texts = [_plain(text) for _, _, text in printed]
    for text in [_LEAD, *_ITEMS, *_SUB]:
        assert text in texts


def test_a_lead_in_keeps_its_connective(printed: list[tuple[str, str, str]]) -> None:
    kinds = {_plain(text): kind for _, kind, text in printed}
    assert kinds[_ITEMS[1]] == "any"
    assert kinds[_LEAD] == "set:all"


def test_the_table_reads_its_rows(printed: list[tuple[str, str, str]]) -> None:
    rows = [text.split(" | ")[0] for _, kind, text in printed if kind == "row"]
    assert rows == [c for c, _ in _CODES]
