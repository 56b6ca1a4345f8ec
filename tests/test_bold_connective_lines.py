"""A connective set bold on a line of its own between two list items (``OR``, ``– AND –``, ``(or)``) joins the
items around it, as a web page or a Word template prints it: never a heading that ends the list.

Printed bold at the body's size, a lone ``OR`` looks like a heading to the fonts (``parser/pdf_headings.py``); read
as one, it closed the list, the next item started a list of its own under it, and every item after it — the
list's later siblings, the next statement — nested under the wrong parent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import chromium_pdf, need

from policyvc.parser import parse_file_report
from policyvc.parser.connective import connective_only
from policyvc.parser.pdf_headings import Printed, heading_levels
from policyvc.renderer.outline import render_outline

BODY = 11.0
_PROSE = "Coverage of this service is subject to the terms of the member's benefit plan and its limits."


def _p(line: int, text: str, size: float = BODY, bold: bool = False) -> Printed:
    return Printed(line, text, size, bold, False, 1, False, False)


@pytest.mark.parametrize("text", ["OR", "AND", "– OR –", "-or-", "(and)", "AND/OR", "or", "OR:"])
def test_a_bold_connective_alone_is_no_heading(text: str) -> None:
    lines = [_p(900 + k, _PROSE) for k in range(4)]
    lines += [_p(1, "Coverage Criteria", 16, bold=True), _p(2, _PROSE), _p(3, "Definitions", 13, bold=True)]
    lines += [_p(4, _PROSE), _p(5, text, bold=True), _p(6, _PROSE), _p(7, "Exclusions", 13, bold=True)]
    found = {_text(lines, line) for line, _, _ in heading_levels(lines)}
    assert text not in found
    assert found == {"Coverage Criteria", "Definitions", "Exclusions"}


def _text(lines: list[Printed], line: int) -> str:
    return next(p.text for p in lines if p.line == line)


@pytest.mark.parametrize("text", ["Or", "OR", "- and -", "(or)"])
def test_connective_only_reads_the_lone_word(text: str) -> None:
    assert connective_only(text)


@pytest.mark.parametrize("text", ["Oregon", "ORDER", "Or the member", "1. OR", "Orphan drugs", "AND ALSO MORE WORDS"])
def test_connective_only_is_never_a_word_or_an_item(text: str) -> None:
    assert not connective_only(text)


# A plan's web page as printed by Chromium: its criteria in ordered lists broken by a bold connective paragraph
# between the items (indented under them), a lettered statement per service, and a second statement after the
# list whose items the connective joins.
WEB = """<!DOCTYPE html><html><head><meta charset='utf-8'><title>Knee Arthroscopy</title><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:11pt} .conn{margin:2pt 0 2pt 4em;font-weight:bold}
ol{margin:0} h1{font-size:18pt} h2{font-size:14pt}</style></head><body>
<h1>Knee Arthroscopy</h1>
<p>Policy Number: MED-ORT-0311</p>
<p>Effective Date: 02/01/2026</p>
<h2>Description</h2>
<p>This policy describes when arthroscopic surgery of the knee is medically necessary.</p>
<h2>Coverage Criteria</h2>
<ol type="A">
<li>Arthroscopic partial meniscectomy is medically necessary when all of the following are met:
<ol type="1">
<li>The member is 18 years of age or older;</li>
<li>One of the following:
<ol type="a"><li>Mechanical locking of the knee on examination</li></ol>
<p class="conn">OR</p>
<ol type="a" start="2"><li>A displaced bucket-handle tear on magnetic resonance imaging</li></ol>
<p class="conn">OR</p>
<ol type="a" start="3"><li>Persistent effusion after six weeks of physical therapy</li></ol>
</li>
<li>The member has no advanced osteoarthritis of the same compartment;</li>
<li>The surgeon documents the findings of the examination.</li>
</ol></li>
<li>The following are not medically necessary:
<ol type="1"><li>Arthroscopic lavage for osteoarthritis;</li><li>Debridement for degenerative tears.</li></ol></li>
</ol>
<h2>References</h2>
<p>American Academy of Orthopaedic Surgeons. Management of osteoarthritis of the knee. 2021.</p>
</body></html>"""


@pytest.mark.producers
def test_a_web_page_with_bold_connectives_between_items_keeps_its_list(tmp_path: Path) -> None:
    need("chromium")
    pdf = chromium_pdf(WEB, tmp_path / "knee.pdf")
    lines = render_outline(parse_file_report(pdf).policy).splitlines()
    rows = {r[0]: r[1:] for r in (line.split("\t") for line in lines)}
    heads = [k for k, v in rows.items() if v[0] == "heading" and k != "front"]
    assert heads == ["Description", "Coverage-Criteria", "References"], heads  # no `OR` heading
    items = {k: v[1] for k, v in rows.items() if k.startswith("Coverage-Criteria.")}
    by_start = {t[:30]: k for k, t in items.items()}
    locking = next(k for t, k in by_start.items() if t.startswith("Mechanical locking"))
    tear = next(k for t, k in by_start.items() if t.startswith("A displaced bucket"))
    effusion = next(k for t, k in by_start.items() if t.startswith("Persistent effusion"))
    surgeon = next(k for t, k in by_start.items() if t.startswith("The surgeon documents"))
    lavage = next(k for t, k in by_start.items() if t.startswith("Arthroscopic lavage"))
    # the three joined items are siblings under `One of the following:`, which reads `any`
    parent = locking.rsplit(".", 1)[0]
    assert tear.rsplit(".", 1)[0] == parent and effusion.rsplit(".", 1)[0] == parent
    assert rows[parent][0] == "any"
    # the items after the list are its parent's siblings, and the next statement is a sibling of the first
    assert surgeon.count(".") == parent.count(".")
    assert lavage.count(".") == surgeon.count(".")
    assert not any(t.strip() in {"OR", "or"} for t in items.values())
