"""A print's running header above the head that says its words again, and a title its plan's line wrapped.

Two shapes of a plan's printed policy copied with ``pdftotext`` (written here from how such prints look, no
payer's text): a running header of a line or two (the plan's name, ``Medical Policy <number>``) at every page's
top, the first page's copy above a head whose own lines say all of its words again (``<plan> Medical Policy:
<title>`` wrapped over two lines, ``Policy Number: <number>``); and a ``-layout`` print whose title line, the plan
and its kind of document before the subject, wrapped onto a second line.  The title is the subject's two parts,
the running header no part of the tree; a first line the head never says again stays the document's.
"""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Paragraph, Policy, Section

_PAGE_1 = """\
Northwind Health
Medical Policy NW-MP-0412

Northwind Health Medical Policy: Percutaneous Tibial Nerve
Stimulation for Overactive Bladder
Policy Number: NW-MP-0412
Original Effective Date: 03/01/2018
Revised Effective Date: 02/01/2026

Policy Statement
Northwind Health considers percutaneous tibial nerve stimulation (PTNS) medically necessary for adults
with overactive bladder when the criteria below are met.

Coverage Criteria
An initial course of 12 weekly sessions is medically necessary when the member meets ALL of the following:
1. Age 18 years or older;
2. Symptoms of urgency, frequency or urge incontinence for at least 6 months; and
3. Failure of at least two anticholinergic or beta-3 agonist medications.

Northwind Health Medical Policy | Page 1 of 2

"""
_PAGE_2 = """\
\fNorthwind Health
Medical Policy NW-MP-0412

Coding
Code Description
64566 Posterior tibial neurostimulation, percutaneous needle electrode, single treatment

Policy History
Date Action
03/01/2018 New policy.
02/01/2026 Annual review; no change to criteria.

Northwind Health Medical Policy | Page 2 of 2
\f"""


def _read(text: str) -> Policy:
    return parse_text_report(text, source="ptns.txt", recover=True).policy


def _texts(policy: Policy) -> list[str]:
    out: list[str] = []

    def walk(blocks: tuple[object, ...]) -> None:
        for b in blocks:
            if isinstance(b, Section):
                out.append(b.title)
                walk(b.blocks)
            elif isinstance(b, Paragraph):
                out.append(b.text)

    walk(policy.body)
    return out


def test_a_running_header_the_head_says_again_is_furniture_on_the_first_page_too() -> None:
    policy = _read(_PAGE_1 + _PAGE_2)
    assert policy.header.title == "Percutaneous Tibial Nerve Stimulation for Overactive Bladder"
    assert policy.header.reference_number == "NW-MP-0412"
    texts = _texts(policy)
    assert "Medical Policy NW-MP-0412" not in texts
    assert "Northwind Health" not in texts
    assert [e.date.isoformat() for e in policy.revision_log if e.date] == ["2018-03-01", "2026-02-01"]


def test_a_first_line_the_head_never_says_again_stays_the_documents() -> None:
    """A running header whose words the head below does not write (here the only title) is the head's."""
    text = (_PAGE_1 + _PAGE_2).replace("Medical Policy NW-MP-0412", "Sacral Nerve Stimulation Program")
    texts = _texts(_read(text))
    assert any("Sacral Nerve Stimulation Program" in t for t in texts) or (
        _read(text).header.title == "Sacral Nerve Stimulation Program"
    )


_LAYOUT = """\
12/6/26, 9:41 AM                                        NHP Medical Policy MP-3107 Sleep Apnea Surgery


     Northwind Health Plan Medical Policy: Upper Airway Surgery for Obstructive
     Sleep Apnea in Adults
     Policy Number: MP-3107
     Effective Date: 01/01/2026
     Applies to: Northwind Commercial, Northwind Medicare Advantage

     Coverage
     Upper airway surgery is covered for adults with obstructive sleep apnea when all of the following apply:
     A. An apnea-hypopnea index of 15 or more events per hour;
     B. Failure or intolerance of positive airway pressure therapy; and
     C. Body mass index below 40 kg/m2.

     Policy History
     Date          Action
     01/01/2022    New policy.
     01/01/2026    Annual review; body mass index limit added.

file:///C:/Users/print/policy.html                                                                    1/1
"""


def test_a_layout_title_wrapped_after_the_plan_and_its_kind_keeps_both_lines() -> None:
    policy = _read(_LAYOUT)
    assert policy.header.title == "Upper Airway Surgery for Obstructive Sleep Apnea in Adults"
    assert policy.header.reference_number == "MP-3107"
    texts = _texts(policy)
    assert "Sleep Apnea in Adults" not in texts  # (the title's own line: the header's, no heading)
    assert any(t.startswith("Applies to:") for t in texts)  # (a field no slot holds stays in the body)


def test_the_plan_and_kind_line_joined_whole_is_the_title_over_a_field_line() -> None:
    """Where the wrapped title line ends on a word that needs the next (``… Surgery and``), the copy reads the two
    lines as one: its subject is the title, never the field line below it (``Applies to: <plans>``)."""
    text = _LAYOUT.replace(
        "Upper Airway Surgery for Obstructive\n     Sleep Apnea in Adults",
        ("Upper Airway Surgery and\n     Hypoglossal Nerve Stimulation for Sleep Apnea"),
    )
    policy = _read(text)
    assert policy.header.title == "Upper Airway Surgery and Hypoglossal Nerve Stimulation for Sleep Apnea"
    assert any(t.startswith("Applies to:") for t in _texts(policy))


def test_the_plan_and_kind_line_is_the_headers_written_whole_or_wrapped() -> None:
    """A PDF's line written whole and its text copy's wrapped line read alike: the title, no paragraph of the front
    (a diff of the two reports no inserted paragraph)."""
    whole = _LAYOUT.replace(
        "Upper Airway Surgery for Obstructive\n     Sleep Apnea in Adults",
        ("Upper Airway Surgery for Obstructive Sleep Apnea in Adults"),
    )
    for text in (_LAYOUT, whole):
        policy = _read(text)
        assert policy.header.title == "Upper Airway Surgery for Obstructive Sleep Apnea in Adults"
        assert not any("Medical Policy:" in t for t in _texts(policy))
