"""A heading right under a list's last item, and a decision's list after it (pdftotext of a browser's PDF).

A print sets its headings apart by a blank line below them, none above when a list's last item ends the section
(``2. Results will be used to guide surveillance of the member`` / ``Not Medically Necessary`` / blank), and an
item that ends no sentence had room on its line for the heading's first word: the heading is a heading, never the
item's last words.  The decision under it ends in a colon (``… is not medically necessary for:``) and what it
applies to follows one a line, its bullets lost: each an item.
"""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_text_report
from policyvc.parser.walk import node_ids

_DOC = FIXTURES / "list_headings" / "heading_under_list_pdftotext.txt"


def _ids() -> dict[str, str]:
    policy = parse_text_report(_DOC.read_text(encoding="utf-8"), _DOC.name, recover=True).policy
    out: dict[str, str] = {}
    for key, visit in node_ids(policy).items():
        node = visit.node
        out[key] = str(getattr(node, "text", None) or getattr(node, "title", None) or "")
    return out


def test_the_heading_under_the_last_item_is_a_heading_not_the_items_last_words() -> None:
    ids = _ids()
    assert ids["Description.Medical-Policy-Criteria.c2.2"] == "Results will be used to guide surveillance of the member"
    assert "Description.Not-Medically-Necessary" in ids


def test_the_decisions_lines_under_its_colon_are_items() -> None:
    ids = _ids()
    items = [t for k, t in ids.items() if k.startswith("Description.Not-Medically-Necessary.b")]
    assert items == [
        "Members under age 18 without a family history",
        "Tumor testing without a confirmed diagnosis",
        "Direct-to-consumer tests",
    ]


_LABEL = """Medical Policy: Dulaglutide (Trulicity)
Policy #: MP-RX-1.20
Effective Date: 03/01/2026
Description

Dulaglutide is a glucagon-like peptide-1 receptor agonist given once weekly.
FDA Approved Indications

Trulicity is indicated for:
Adjunct to diet and exercise to improve glycemic control in adults and
pediatric patients 10 years of age and older with type 2 diabetes mellitus
Reduction of the risk of major adverse cardiovascular events in adults with
type 2 diabetes mellitus
Policy History

03/01/2026 New policy.
"""


def test_a_drugs_indications_under_indicated_for_are_items() -> None:
    policy = parse_text_report(_LABEL, "label.txt", recover=True).policy
    items = [
        str(getattr(v.node, "text", ""))
        for k, v in node_ids(policy).items()
        if k.startswith("Description.FDA-Approved-Indications.c1.")
    ]
    assert items == [
        "Adjunct to diet and exercise to improve glycemic control in adults and pediatric patients 10 years of age"
        " and older with type 2 diabetes mellitus",
        "Reduction of the risk of major adverse cardiovascular events in adults with type 2 diabetes mellitus",
    ]
